"""Internal links and anchors of a built site, checked from its files alone.

Every ``href`` and ``src`` without a scheme must name a file inside the site,
relative to the page (a folder means its ``index.html``), and its ``#fragment``,
if any, must be an ``id`` (or an ``<a name>``) in the HTML page it names.
Links with a scheme (``https:``, ``mailto:``, ...) and protocol-relative links
are external: `check_external_links.py` checks those, by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATTRIBUTES = {"href", "src"}


@dataclass
class Link:
    line: int
    tag: str
    attribute: str
    value: str


@dataclass
class Page:
    anchors: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.page.anchors.add(value)
            elif name in ATTRIBUTES:
                self.page.links.append(Link(line, tag, name, value))

    handle_startendtag = handle_starttag


def parse(path: Path) -> Page:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def is_external(value: str) -> bool:
    parts = urlsplit(value.strip())
    return bool(parts.scheme or parts.netloc)


def _target(page_path: Path, link_path: str, root: Path) -> Path | None:
    """The file a link's path names, or None when it leaves the site."""
    base = root if link_path.startswith("/") else page_path.parent
    target = (base / unquote(link_path).lstrip("/")).resolve()
    if not target.is_relative_to(root):
        return None
    if target.is_dir():
        target = target / "index.html"
    return target


def problems(root: Path) -> list[str]:
    """One line per broken internal link or anchor in every .html file under ``root``."""
    root = root.resolve()
    pages = {path: parse(path) for path in sorted(root.rglob("*.html"))}
    found: list[str] = []
    for path, page in pages.items():
        where = path.relative_to(root).as_posix()
        for link in page.links:
            value = link.value.strip()
            if is_external(value):
                continue
            parts = urlsplit(value)
            shown = f"{where}:{link.line}: <{link.tag} {link.attribute}={value!r}>"
            target = _target(path, parts.path, root) if parts.path else path
            if target is None:
                found.append(f"{shown}: points outside the site")
                continue
            if not target.is_file():
                found.append(f"{shown}: no file {target.relative_to(root).as_posix()}")
                continue
            fragment = unquote(parts.fragment)
            if not fragment or target.suffix != ".html":
                continue
            anchors = pages[target].anchors if target in pages else parse(target).anchors
            if fragment not in anchors:
                found.append(
                    f"{shown}: no id {fragment!r} in {target.relative_to(root).as_posix()}"
                )
    return found


def external_links(root: Path) -> dict[str, list[str]]:
    """Every http(s) link in the site, with the pages that use it."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.html")):
        where = path.relative_to(root).as_posix()
        for link in parse(path).links:
            value = link.value.strip()
            if urlsplit(value).scheme in ("http", "https"):
                found.setdefault(value, []).append(f"{where}:{link.line}")
    return found
