"""`kb guide-pdf`: the printable facilitation guides as PDF files, from the built site."""

from __future__ import annotations

import logging
import sys
from pathlib import Path


def write(site: Path, names: list[str]) -> list[Path]:
    """Render ``site/guide/<name>.html`` to ``site/guide/<name>.pdf`` (A4, print styles)."""
    from weasyprint import HTML  # imported here: only this command needs it

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    written = []
    for name in names:
        page = site / "guide" / f"{name}.html"
        target = page.with_suffix(".pdf")
        print(f"… {page} -> {target}", file=sys.stderr, flush=True)
        HTML(filename=str(page)).write_pdf(str(target))
        written.append(target)
    return written


def run(site: Path, names: list[str]) -> int:
    folder = site / "guide"
    available = sorted(
        p.stem
        for p in folder.glob("*.html")
        if p.stem != "index" and not p.stem.endswith("-panel-pack")
    )
    if not available:
        print(
            f"kb guide-pdf: no guide in {folder}; build the site first (make site)", file=sys.stderr
        )
        return 2
    unknown = [n for n in names if n not in available]
    if unknown:
        print(
            f"kb guide-pdf: no agenda {unknown[0]!r}; choose from: {', '.join(available)}",
            file=sys.stderr,
        )
        return 2
    for path in write(site, names or available):
        print(f"wrote {path}")
    return 0
