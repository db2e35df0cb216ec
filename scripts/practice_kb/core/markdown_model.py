"""One model of Markdown: the renderer's.

The validator judges contributed Markdown by what the site will make of it:
each text is rendered with the Python-Markdown configuration that MkDocs uses
for the site (the ``markdown_extensions`` of ``mkdocs.yml``, after MkDocs' own
built-in ones), and the resulting HTML is read with a real HTML parser. Fences,
indented code, lazy continuation lines and headings are therefore exactly what
the renderer says they are, never what a hand-written scanner guesses
(Python-Markdown's ``fenced_code`` does not follow CommonMark: a fence indented
by two spaces is no fence, and four backticks are not closed by three).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

MKDOCS_YML = Path(__file__).resolve().parents[3] / "mkdocs.yml"
# MkDocs always loads these before the ones mkdocs.yml lists (mkdocs.config.defaults)
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")

# The class of the element a practice's body is nested in on its page
# (render.py: <div class="kb-practice" ... markdown>); the checks skip it.
WRAPPER = "kb-practice"
# What the attribute-list extension leaves on an element it changed, for the checks
ATTR_LIST_MARK = "data-kb-attr-list"
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


_FENCED = re.compile(r"<pre(?: [^>]*)?><code(?: [^>]*)?>[^<]*</code></pre>\Z")


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml with its tags (!ENV, !!python/name) read as nothing."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)


@cache
def configuration(path: Path = MKDOCS_YML) -> tuple[tuple[str, ...], dict[str, dict[str, Any]]]:
    """The site's Markdown extensions, in the order MkDocs loads them, and their settings."""
    settings = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTag) or {}
    names = list(BUILTIN_EXTENSIONS)
    configs: dict[str, dict[str, Any]] = {}
    for item in settings.get("markdown_extensions") or []:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if config:
            configs[name] = dict(config)
    return tuple(names), configs


class _Renderer:
    """One Python-Markdown instance, configured as the site is, reused text after text."""

    def __init__(self) -> None:
        import markdown  # only when a text needs rendering: most never do

        names, configs = configuration()
        self.md = markdown.Markdown(extensions=list(names), extension_configs=configs)
        self.raw: list[str] = []
        store = self.md.htmlStash.store

        def record(html: Any) -> str:
            # raw HTML the text holds: inline tags as strings, blocks as elements
            if isinstance(html, str):
                if not _FENCED.match(html):  # fenced code, escaped by the renderer
                    self.raw.append(html)
            elif html.get("class") != WRAPPER:
                self.raw.append(f"<{html.tag}>")
            return store(html)

        self.md.htmlStash.store = record  # type: ignore[method-assign]
        if "attr_list" in self.md.treeprocessors:
            processor = self.md.treeprocessors["attr_list"]
            assign = processor.assign_attrs

            def mark(element: Any, attributes: str, **options: Any) -> str:
                rest = assign(element, attributes, **options)
                element.set(ATTR_LIST_MARK, attributes)
                return rest

            processor.assign_attrs = mark  # type: ignore[method-assign]

    def convert(self, text: str) -> tuple[str, list[str], list[str]]:
        """The HTML, the raw HTML passed through, and the addresses of link references."""
        self.md.reset()
        self.raw = []
        html = self.md.convert(text)
        return html, self.raw, [url for url, _ in self.md.references.values()]


@cache
def _renderer() -> _Renderer:
    return _Renderer()


@dataclass
class Element:
    tag: str
    attributes: list[tuple[str, str]]
    top_level: bool  # a child of the document (or of the practice's wrapper)


@dataclass
class Page:
    """What the renderer made of a text: its HTML, read."""

    html: str
    raw: list[str]  # the raw HTML fragments the renderer passed through
    references: list[str] = field(default_factory=list)  # link references' addresses
    elements: list[Element] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # text outside code, decoded
    comments: list[str] = field(default_factory=list)  # comments, declarations, instructions
    headings: list[tuple[int, str, bool]] = field(default_factory=list)  # level, text, top


class _Reader(HTMLParser):
    def __init__(self, page: Page, wrapped: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.open: list[str] = []
        self.code = 0
        self.wrapped = wrapped
        self.heading: list[str] | None = None
        self.skip_wrapper = wrapped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = [(name, value or "") for name, value in attrs]
        if self.skip_wrapper and tag == "div" and ("class", WRAPPER) in attributes:
            self.skip_wrapper = False
            self.open.append("#wrapper")
            return
        top = len(self.open) == (1 if self.wrapped else 0)
        self.page.elements.append(Element(tag, attributes, top))
        if tag in VOID:
            return
        self.open.append(tag)
        if tag in ("code", "pre", "script", "style"):
            self.code += 1
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = []
            self.heading_top = top

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append(
            Element(tag, [(n, v or "") for n, v in attrs], len(self.open) == int(self.wrapped))
        )

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open:
            closed = self.open.pop()
            if closed in ("code", "pre", "script", "style"):
                self.code -= 1
            if re.fullmatch(r"h[1-6]", closed) and self.heading is not None:
                text = "".join(self.heading).replace("¶", "").strip()
                self.page.headings.append((int(closed[1]), text, self.heading_top))
                self.heading = None
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading.append(data)
        if not self.code:
            self.page.texts.append(data)

    def handle_comment(self, data: str) -> None:
        self.page.comments.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.page.comments.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.page.comments.append(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self.page.comments.append(f"<?{data}>")


def wrap(body: str) -> str:
    """A practice's body nested as its page nests it (render.py), for the renderer."""
    return f'<div class="{WRAPPER}" markdown>\n\n{body.strip()}\n\n</div>\n'


def render(text: str, wrapped: bool = False) -> Page:
    """The HTML the site makes of ``text``, read with an HTML parser.

    With ``wrapped``, ``text`` is a practice's body, rendered inside the element
    that holds it on its page; that element itself is left out of the reading.
    """
    html, raw, references = _renderer().convert(wrap(text) if wrapped else text)
    page = Page(html, raw, references)
    reader = _Reader(page, wrapped)
    reader.feed(html)
    reader.close()
    return page


def raw_tags(fragment: str) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """The tags in a fragment of raw HTML, with their attributes."""
    page = Page(fragment, [])
    reader = _Reader(page, wrapped=False)
    reader.feed(fragment)
    reader.close()
    for element in page.elements:
        yield element.tag, element.attributes


# ---------------------------------------------------------------------------
# Headings, as the renderer finds them
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


_ATX = re.compile(r"^(#{1,6})(.*?)#*[ \t]*$")
_PLAIN_ATX = re.compile(r"^(#{1,6})(?:[ \t]+([^#{\\]*?))?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$", re.M)
_TOKEN = "qqkbheading{}qq"
_FOUND_TOKEN = re.compile(r"qqkbheading(\d+)qq")


def _plain(lines: list[str], body: str) -> bool:
    """Whether the headings of ``body`` are simply its lines starting with '#':

    no fence, HTML, setext underline or indented '#' anywhere, each such line a
    plain heading (a space after the marks, no escapes, attribute list or closing
    marks), and each after a blank line or a paragraph of plain lines.
    ``tests/test_quick_paths.py`` holds this quick path to the renderer.
    """
    if "```" in body or "~~~" in body or "<" in body or _SETEXT.search(body):
        return False
    paragraph_plain = True  # the lines since the last blank line start with a letter
    for line in lines:
        if not line.strip():
            paragraph_plain = True
            continue
        first = line[0]
        if first == "#":
            if not paragraph_plain or not _PLAIN_ATX.match(line):
                return False
        elif first in " \t":
            if line.lstrip().startswith("#"):
                return False
            paragraph_plain = False
        elif not first.isalpha():
            paragraph_plain = False
    return True


def headings(text: str, first_line: int = 1, wrapped: bool = False) -> list[Heading]:
    """The headings the renderer makes of ``text`` at its top level (not those in code,
    quotes or lists), with their file line numbers."""
    lines = text.split("\n")
    if _plain(lines, text):
        found = []
        for number, line in enumerate(lines):
            if line.startswith("#"):
                match = _PLAIN_ATX.match(line)
                if match:
                    found.append(
                        Heading(
                            len(match.group(1)), (match.group(2) or "").strip(), first_line + number
                        )
                    )
        return found
    return _rendered_headings(lines, first_line, wrapped)


def _rendered_headings(lines: list[str], first_line: int, wrapped: bool) -> list[Heading]:
    """Each line that could be a heading gets a token for its text; the headings in
    the renderer's HTML say which tokens, so which lines, became headings."""
    marked = list(lines)
    texts: dict[int, str] = {}
    for index, line in enumerate(lines):
        atx = _ATX.match(line)
        if atx:
            marked[index] = f"{atx.group(1)} {_TOKEN.format(index)}"
            texts[index] = _heading_text(atx.group(2))
        elif (
            index + 1 < len(lines)
            and line.strip()[:1].isalnum()
            and not line.startswith(("    ", "\t"))
            and _SETEXT.fullmatch(lines[index + 1])
        ):
            marked[index] = _TOKEN.format(index)
            texts[index] = _heading_text(line)
    if not texts:
        return []
    page = render("\n".join(marked), wrapped=wrapped)
    found = []
    for level, content, top in page.headings:
        token = _FOUND_TOKEN.search(content)
        if token and top:
            index = int(token.group(1))
            found.append(Heading(level, texts[index], first_line + index))
    return found


def _heading_text(text: str) -> str:
    """A heading's text as written, without an attribute list at its end."""
    return re.sub(r"\s*\{:?[^{}]*\}\s*$", "", text).strip()
