"""Search on the published site: Pagefind, run over each language's built HTML.

The online builds index their pages with Pagefind (npm ``pagefind``, pinned in
package-lock.json) once the engine has written them; the page template marks what
is indexed (``data-pagefind-body`` on every page that is not a listing or a print
page) and the practice pages carry their metadata and filters
(``render.search_metadata``). The reader's browser loads nothing of the index
until the search box is used (``docs/assets/search.js``).

The offline copies keep Material's lunr search: Pagefind's module scripts do not
run from ``file://``.

Nothing here depends on the engine: it reads and writes a folder of HTML.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..core.strings import t
from . import render

PAGEFIND = Path("node_modules/.bin/pagefind")
BUNDLE = "pagefind"  # the folder Pagefind writes in each language's site


def labels(lang: str) -> dict[str, object]:
    """The search box's words that Material's translations do not have, in ``lang``.

    The filters are the catalogue's, under the catalogue's titles."""
    return {
        "filters": t("filters.title", lang),
        "any": t("filters.any", lang),
        "clear": t("filters.clear", lang),
        "unavailable": t("search.unavailable", lang),
        "more": t("search.more", lang),
        "facets": {name: t(render.FACET_TITLES[name], lang) for name in render.SEARCH_FILTERS},
    }


def index(site: Path, program: Path) -> None:
    """Index one language's built site in place: ``<site>/pagefind/``.

    Each page is indexed in the language of its ``<html lang>`` (one index per
    language build), with that language's stemming."""
    command = [
        str(program),
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE,
        "--quiet",
        "--keep-index-url",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(
            f"kb build: Pagefind could not index {site}:\n{result.stdout}{result.stderr}"
        )
