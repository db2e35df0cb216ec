"""The finishing stage: what is done to the HTML an engine built, whichever engine it was.

Each language is built once, and two copies are made from that one build. Over its
built folder: clean what came from contributed text (the second layer of defence;
the validator is the first), once; write the offline copy's zip from the cleaned
pages; then make the folder the online site: the security policy on every page, and
Pagefind's index for search. The templates mark the parts of a page that belong to
one copy only (``<!--kb:online-->``, ``<!--kb:offline-->``: the search box, the
language switcher, the offline search's scripts), and each copy keeps its own. It
reads and writes files only: nothing here imports an engine.

The stage (``practice_kb.site.stage``) marks the text to clean with comments holding a
secret of the build (``Fences``), which no contribution can know: a practice's own
Markdown between ``kb-contributed`` fences, every generated page between
``kb-generated`` fences. The fences are removed once the text is cleaned, so two
builds of the same content are byte-identical.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import html
import re
import secrets
import shutil
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import assembly, cleaner, search

ZIP_TIME = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Fences:
    """The comments that mark text to clean, with a secret of this build."""

    secret: str = field(default_factory=lambda: secrets.token_hex(16))

    @property
    def contributed(self) -> tuple[str, str]:
        return f"<!-- kb-contributed {self.secret} -->", f"<!-- /kb-contributed {self.secret} -->"

    @property
    def generated(self) -> tuple[str, str]:
        return f"<!-- kb-generated {self.secret} -->", f"<!-- /kb-generated {self.secret} -->"

    def contribution(self, body: str) -> str:
        """A practice's own Markdown, fenced."""
        start, end = self.contributed
        return f"{start}\n\n{body.strip()}\n\n{end}"

    def page(self, markdown: str) -> str:
        """A generated page's Markdown, fenced after its front matter."""
        front, body = "", markdown
        if markdown.startswith("---\n") and "\n---\n" in markdown[4:]:
            end = markdown.index("\n---\n", 4) + 5
            front, body = markdown[:end] + "\n", markdown[end:]
        start, stop = self.generated
        return f"{front}{start}\n\n{body.strip()}\n\n{stop}\n"


def _between(page: str, start: str, end: str) -> tuple[str, str, str] | None:
    before, opened, rest = page.partition(start)
    inner, closed, after = rest.rpartition(end)
    return (before, inner, after) if opened and closed else None


def sanitise(page: str, fences: Fences, generated: bool) -> str:
    """The second layer over one built HTML page.

    A practice's own text (between its fences) is cleaned; on a generated page
    without it, the whole generated text, or the whole article (or the whole text,
    when it is a page's content alone) when its fences are missing. A hand-written
    page without fences is left as the engine wrote it. The fences are removed.
    """
    for start, end in (fences.contributed, fences.generated):
        found = _between(page, start, end)
        if found:
            before, inner, after = found
            page = before + cleaner.sanitise(inner) + after
            break
    else:
        if generated:
            opened = re.search(r"<article\b[^>]*>", page)
            closing = page.rfind("</article>")
            if opened and closing > opened.end():
                inner = page[opened.end() : closing]
                page = page[: opened.end()] + cleaner.sanitise(inner) + page[closing:]
            else:  # a page's content alone, as `kb serve`'s hook sees it
                page = cleaner.sanitise(page)
    for marker in (*fences.contributed, *fences.generated):
        page = page.replace(marker, "")
    return page


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


@lru_cache(maxsize=256)  # the theme's scripts repeat from page to page
def _source_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def content_security_policy(page_html: str) -> str:
    """Add a CSP that allows only the site's own files and the theme's inline scripts.

    The inline scripts are hashed from outside the article, so nothing a
    contributor wrote can be allowed by accident.
    """
    start, end = page_html.find("<article"), page_html.find("</article>")
    outside = page_html[:start] + page_html[end:] if 0 <= start < end else page_html
    hashes = sorted(
        {
            _source_hash(body)
            for attributes, body in _INLINE_SCRIPT.findall(outside)
            if "application/json" not in attributes
        }
    )
    policy = "; ".join(
        [
            "default-src 'self'",
            # 'wasm-unsafe-eval': the online search (Pagefind) runs its index reader as
            # WebAssembly from the site's own files, which a policy must allow by name.
            # It allows compiling WebAssembly only, not eval() of text. Online only: the
            # offline copies carry no policy and use Material's lunr search.
            "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return re.sub(r"<head\b[^>]*>", lambda m: f"{m.group(0)}\n{meta}", page_html, count=1)


def html_path(source: str) -> str:
    """Where a page of the sources is built (``use_directory_urls: false``)."""
    return source[: -len(".md")] + ".html" if source.endswith(".md") else source


# ---------------------------------------------------------------------------
# The two copies of one build
# ---------------------------------------------------------------------------

_ONE_COPY = {
    copy: re.compile(rf"<!--kb:{copy}-->.*?<!--/kb:{copy}-->", re.S)
    for copy in ("online", "offline")
}
_MARKS = re.compile(r"<!--/?kb:(?:online|offline)-->")
# the theme's link to the page's published address, which an offline copy has not
_CANONICAL = re.compile(r'\s*<link rel="canonical" href="[^"]*">')

# Files of the build that one copy only uses: Material's lunr index and the scripts
# that run it from file:// (offline); Pagefind's bundle (written after the zip) and the
# sitemaps, which list published addresses (online).
OFFLINE_ONLY = ("search/", assembly.SHIM_URI, assembly.SEARCH_INPUT_JS)
ONLINE_ONLY = (f"{search.BUNDLE}/", "sitemap.xml")
LUNR_INDEX = "search/search_index.json"
# what Material's search loads instead from file://; written from the index here (a
# copy the engine may have written is left out, so the zip holds it once)
LUNR_SCRIPT = "search/search_index.js"


def copy_of(page: str, offline: bool) -> str:
    """One copy's version of a built page: the parts marked for the other copy go, and
    the offline copy, which has no address, loses the link to the published one."""
    page = _MARKS.sub("", _ONE_COPY["online" if offline else "offline"].sub("", page))
    return _CANONICAL.sub("", page) if offline else page


def finish_pages(
    site: Path, fences: Fences, generated: set[str], archive: zipfile.ZipFile | None = None
) -> int:
    """Clean every HTML page of one built folder, once, and keep its online copy there,
    with the security policy; with ``archive``, also write the offline copy's version
    of every file into it, under the zip's own name. Returns how many pages.

    ``generated`` holds the built paths (``practices/x.html``) of the generated pages.
    The offline copy carries no policy: there Material's search runs its worker
    through an inline script whose text changes with each page's depth, which a policy
    of hashes cannot allow."""
    top = Path(archive.filename or "").stem if archive is not None else ""
    count = 0
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if not relative.endswith(".html"):
            leave_out = relative.startswith(ONLINE_ONLY) or relative == LUNR_SCRIPT
            if archive is not None and not leave_out:
                data = path.read_bytes()
                _add(archive, f"{top}/{relative}", data)
                if relative == LUNR_INDEX:  # what Material's offline search loads
                    _add(archive, f"{top}/{LUNR_SCRIPT}", b"var __index = " + data)
            continue
        page = path.read_text(encoding="utf-8")
        cleaned = sanitise(page, fences, relative in generated)
        if archive is not None:
            _add(archive, f"{top}/{relative}", copy_of(cleaned, offline=True).encode("utf-8"))
        online = content_security_policy(copy_of(cleaned, offline=False))
        if online != page:
            path.write_text(online, encoding="utf-8")
        count += 1
    return count


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, ZIP_TIME)  # fixed times: reproducible zips
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def add_files(archive: Path, site: Path, paths: list[Path]) -> None:
    """Add files of a built folder (``site``) to its offline copy's zip, at the same place."""
    with zipfile.ZipFile(archive, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as opened:
        for path in sorted(paths):
            _add(opened, f"{archive.stem}/{path.relative_to(site).as_posix()}", path.read_bytes())


@dataclass(frozen=True)
class Sitemap:
    """What one language's sitemap lists: every page at its published address, with the
    same page in each language built beside it (its ``hreflang`` alternates)."""

    address: str  # where the language is published ("" when unknown: nothing to list)
    languages: tuple[tuple[str, str], ...]  # each language built, and its address
    date: int  # the build's date (Unix time), as every page's last change
    pages: frozenset[str]  # the built paths of the pages

    def xml(self) -> str:
        """The sitemap, as MkDocs writes it, with the alternates (for any engine)."""
        day = dt.datetime.fromtimestamp(self.date, dt.UTC).strftime("%Y-%m-%d")
        entries = []
        for page in sorted(self.pages) if self.address else ():
            alternates = "".join(
                f'\n         <xhtml:link rel="alternate" hreflang="{code}" '
                f'href="{html.escape(address + page)}"/>'
                for code, address in self.languages
                if address and len(self.languages) > 1
            )
            entries.append(
                f"    <url>\n         <loc>{html.escape(self.address + page)}</loc>\n"
                f"         <lastmod>{day}</lastmod>{alternates}\n    </url>\n"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "".join(entries) + "</urlset>\n"
        )


def write_sitemap(site: Path, sitemap: Sitemap) -> None:
    """``sitemap.xml`` and its gzipped copy, in place of whatever the engine wrote."""
    data = sitemap.xml().encode("utf-8")
    (site / "sitemap.xml").write_bytes(data)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))


def finish(
    site: Path,
    fences: Fences,
    generated: set[str],
    pagefind: Path | None = None,
    offline: Path | None = None,
    sitemap: Sitemap | None = None,
) -> None:
    """Everything after the engine, for one language's built folder.

    With ``offline`` (the zip to write, ``<folder>/<name>.zip``), the offline copy is
    written first, from the cleaned pages; its files sit under ``<name>/`` in the zip.
    Then the folder becomes the online site: cleaned, protected, without the files
    only the offline copy uses, with its ``sitemap`` (when given), and indexed by
    Pagefind (``pagefind``, when given)."""
    if sitemap is not None:
        write_sitemap(site, sitemap)
    if offline is None:
        finish_pages(site, fences, generated)
    else:
        offline.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(offline, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            finish_pages(site, fences, generated, archive)
    for name in OFFLINE_ONLY:
        found = site / name
        if found.is_dir():
            shutil.rmtree(found)
        elif found.is_file():
            found.unlink()
    if pagefind is not None:
        search.index(site, pagefind)
