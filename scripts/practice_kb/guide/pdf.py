"""`kb guide-pdf`: the printable facilitation guides as PDF files, from the built site."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

_RTL = re.compile(r"<html[^>]*\bdir=\"rtl\"")


def render(page: Path, target: Path) -> Path:
    """Render one HTML file to PDF with its print styles (the paper sizes its CSS names).

    A page written right to left (``<html dir="rtl">``, the Arabic sets) becomes a PDF
    whose reading order is right to left too (its viewer preferences say /R2L, so
    that viewers show facing pages and turn them as an Arabic book)."""
    from weasyprint import HTML  # imported here: only the PDF commands need it

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    rtl = bool(_RTL.search(page.read_text(encoding="utf-8", errors="replace")[:2000]))

    def finish(document: object, pdf: object) -> None:
        if rtl:
            import pydyf

            pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"Direction": "/R2L"})

    HTML(filename=str(page)).write_pdf(str(target), finisher=finish)
    return target


def write(site: Path, names: list[str]) -> list[Path]:
    """Render ``site/guide/<name>.html`` to ``site/guide/<name>.pdf`` (A4, print styles)."""
    written = []
    for name in names:
        page = site / "guide" / f"{name}.html"
        target = page.with_suffix(".pdf")
        print(f"… {page} -> {target}", file=sys.stderr, flush=True)
        written.append(render(page, target))
    return written


def run(site: Path, names: list[str]) -> int:
    folder = site / "guide"
    # the guides; their print sets are in guide/<agenda>/, `kb kit` makes their PDFs
    available = sorted(p.stem for p in folder.glob("*.html") if p.stem != "index")
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
