"""Contributed text must stay text: no script, no markup that loads or runs anything.

The validator reports raw HTML outside a small allowlist, attribute lists,
event handlers and dangerous URL schemes, also when hidden by entities, case,
whitespace or nesting. This is the first layer; the second, which sanitises the
built HTML with nh3, is ``site/cleaner.py``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..core import markdown_model
from ..core.problem import Problem

# Inline tags a contributor may write in a body, without attributes but `title`.
ALLOWED_TAGS = frozenset({"br", "sup", "sub", "abbr", "kbd", "mark", "small"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

_TAG = re.compile(r"<\s*/?\s*([a-z!?][^\s/>]*)([^>]*)>?", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s=/"'>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*=[^{}\n]*\}")
_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_SCHEME = re.compile(r"(javascript|vbscript|livescript)\s*:|data\s*:\s*[a-z]+/", re.IGNORECASE)
_IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]")  # ![alt](address) or ![alt][reference]
_HIDDEN = r"\s\x00-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff"  # what `normalise` removes
_INVISIBLE = re.compile(f"[{_HIDDEN}]+")


def normalise(text: str) -> str:
    """Undo the usual disguises: entities (twice encoded too), invisible characters, case."""
    for _ in range(3):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return _INVISIBLE.sub("", text).lower()


def _tag_problems(line: str) -> Iterator[tuple[str, str]]:
    for match in _TAG.finditer(line):
        name = match.group(1).lower().rstrip(">")
        attributes = [a.lower() for a in _ATTRIBUTE.findall(match.group(2))]
        if name.startswith("!"):
            yield "contains an HTML comment or declaration", "remove it"
        elif name not in ALLOWED_TAGS:
            yield (
                f"contains the HTML tag <{name}>",
                "write plain Markdown; HTML other than "
                + ", ".join(f"<{t}>" for t in sorted(ALLOWED_TAGS))
                + " is not allowed",
            )
        elif any(a != "title" for a in attributes):
            yield f"gives <{name}> attributes other than title", "remove the attributes"


_SUSPECT = re.compile(r"[<&:={]")
# `normalise` without entities (they need '&'), folded the way IGNORECASE matches
_SQUEEZE: dict[int, str | None] = {
    **{c: None for c in range(0x3001) if chr(c).isspace()},  # whitespace, as for \s
    **{c: None for c in (*range(0x20), 0x7F, *range(0x200B, 0x2010), 0x2028, 0x2029, 0xFEFF)},
    ord("ı"): "i",  # dotless i, which IGNORECASE takes for an i
}


def suspect(text: str) -> bool:
    """False when ``text_problems`` cannot find anything in ``text`` or in any part of it.

    A quick test for a whole document's fields joined together: a tag, entity,
    handler or attribute list needs one of < & = {, and a dangerous scheme
    leaves 'script:' or 'data:' once invisible characters are removed.
    """
    if any(mark in text for mark in "<&={"):
        return True
    return _squeezes_to_a_scheme(text)


def _squeezes_to_a_scheme(text: str) -> bool:
    """Whether ``text``, casefolded and squeezed by ``_SQUEEZE``, holds 'script:' or 'data:'.

    Squeezing a whole body is slow (``str.translate`` with a table beyond ASCII goes
    character by character), and colons are few: squeeze only what comes before each
    colon, enough of it to leave six characters. Casefolding and squeezing work
    character by character, so that is the end of the whole text squeezed.
    """
    colon = text.find(":")
    while colon >= 0:
        size = 16
        while True:
            start = max(0, colon - size)
            before = text[start:colon].casefold().translate(_SQUEEZE)
            if len(before) >= len("script") or start == 0:
                break
            size *= 4  # a long run of spaces or invisible characters
        if before.endswith(("script", "data")):
            return True
        colon = text.find(":", colon + 1)
    return False


def text_problems(value: str) -> Iterator[tuple[str, str]]:
    """What is wrong with one piece of contributed text, as (message, hint) pairs."""
    if not _SUSPECT.search(value):
        return  # no tag, entity, scheme, handler or attribute list can hide without these
    plain = html.unescape(html.unescape(value))
    squeezed = normalise(value)
    found = list(_tag_problems(plain))
    if _HANDLER.search(plain) or re.search(r"\bon[a-z]+=", squeezed):
        found.append(("contains an event handler (on...=)", "remove it"))
    if _SCHEME.search(squeezed):
        found.append(
            ("contains a javascript:, vbscript: or data: address", "link only to https:// pages")
        )
    if _ATTR_LIST.search(plain):
        found.append(
            ("contains an attribute list ({ ...=... })", "remove it; style comes from the site")
        )
    yield from dict.fromkeys(found)  # each kind once


def link_problems(target: str) -> Iterator[tuple[str, str]]:
    """A link goes to http(s), mailto, this page (#...) or another practice (<id>.md)."""
    squeezed = normalise(target)
    if not squeezed or squeezed.startswith("#") or _SCHEME.search(squeezed):
        return  # nothing to check, or already reported as a dangerous address
    if re.fullmatch(r"[a-z0-9-]+\.md(#[\w-]*)?", squeezed):
        return
    try:
        scheme = urlsplit(squeezed).scheme
    except ValueError:  # such as a host in brackets that is no IP address
        scheme = ""
    if scheme and scheme not in ALLOWED_SCHEMES:
        yield f"links to a '{scheme}:' address", "link only to https:// pages"
    elif not scheme:
        yield (
            f"links to '{target}', which is not a full address",
            "start it with https://, or link another practice as <id>.md",
        )


_IMAGE_PROBLEM = (
    "shows an image, which the site leaves out: it loads nothing from other sites and keeps "
    "pages light",
    "link to the image instead: [what it shows](https://...)",
)
_ATTR_LIST_PROBLEM = (
    "contains an attribute list ({ ...=... })",
    "remove it; style comes from the site",
)
_HANDLER_PROBLEM = ("contains an event handler (on...=)", "remove it")
_SCHEME_PROBLEM = (
    "contains a javascript:, vbscript: or data: address",
    "link only to https:// pages",
)

# What the renderer itself makes of Markdown, with the attributes it gives: any other
# element or attribute in the rendered HTML came from the contributor.
RENDERED: dict[str, frozenset[str]] = {
    **{tag: frozenset() for tag in ["em", "strong", "blockquote", "ul", "li", "hr", "br", "pre"]},
    "p": frozenset({"class"}),  # an admonition's title
    **{tag: frozenset() for tag in ["table", "thead", "tbody", "tr", "dl", "dt", "dd"]},
    **{f"h{level}": frozenset({"id"}) for level in range(1, 7)},
    "a": frozenset({"href", "title", "class"}),
    "code": frozenset({"class"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"style", "align"}),
    "td": frozenset({"style", "align"}),
    "div": frozenset({"class"}),  # admonitions
    "img": frozenset({"src", "alt", "title"}),
    **{tag: frozenset({"title"}) for tag in ALLOWED_TAGS},
}
# an inline link's address, or a reference definition's, also inside a list item or a
# quotation, or after any space Python-Markdown strips ("- [r]: x" defines r too)
_LINKS = re.compile(r"\]\(\s*<?([^)\s>]*)|^[\s>*+\-\d.)]*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)


def _needs_rendering(body: str) -> bool:
    """False when the rendered body cannot hold anything the checks refuse.

    Refused HTML needs a tag, an attribute list, an entity, an image, text that
    reads as an event handler or a dangerous address, or a link whose address is
    not allowed; tests/test_quick_paths.py holds this quick test to the full check.
    """
    if "<" in body or "{" in body or ("![" in body and _IMAGE.search(body)):
        return True  # a tag, an attribute list or an image
    if "&" in body and html.unescape(body) != body:
        return True  # an entity, which may hide anything
    if "=" in body and (_HANDLER.search(body) or re.search(r"\bon[a-z]+=", normalise(body))):
        return True  # text that reads as an event handler
    if _squeezes_to_a_scheme(body):
        return True  # a dangerous address, perhaps with invisible characters inside
    if "](" not in body and "]:" not in body:
        return False
    return any(
        any(link_problems(match.group(1) or match.group(2) or ""))
        for match in _LINKS.finditer(body)
    )


def _element_problems(
    element: markdown_model.Element,
) -> Iterator[tuple[tuple[str, str], list[str]]]:
    """What is wrong with one element of the rendered body, with what to look for
    in the source to find its line."""
    tag, attributes = element.tag, element.attributes
    names = [name for name, _ in attributes]
    allowed = RENDERED.get(tag)
    if tag == "img":
        yield _IMAGE_PROBLEM, ["![", "<img"]
    elif allowed is None:
        yield _tag_problem(tag), [f"<{tag}"]
        allowed = frozenset(names)  # the tag is reported; its attributes only if dangerous
    listed = dict(attributes).get(markdown_model.ATTR_LIST_MARK)
    if listed is not None:
        yield _ATTR_LIST_PROBLEM, ["{" + listed, "{"]
    for name, value in attributes:
        if name == markdown_model.ATTR_LIST_MARK:
            continue
        if name.startswith("on"):
            yield _HANDLER_PROBLEM, [name + "="]
        elif _SCHEME.search(normalise(value)):
            yield _SCHEME_PROBLEM, [normalise(value)[:40], "script:", "data:"]
        elif name == "style" and tag in ("th", "td") and _ALIGNED.fullmatch(value):
            continue  # a table column's alignment, written by the renderer
        elif name not in allowed and listed is None:
            if tag in ALLOWED_TAGS:
                yield (
                    (f"gives <{tag}> attributes other than title", "remove the attributes"),
                    [name],
                )
            else:
                yield (f"gives <{tag}> the attribute '{name}'", "remove it"), [name]
    if tag == "a" and "href" in names:
        href = dict(attributes)["href"]
        for problem in link_problems(href):
            yield problem, [normalise(href)[:40], "]("]


_ALIGNED = re.compile(r"text-align: (?:left|right|center);?")


def body_problems(body: str, first_line: int, path: str) -> Iterator[Problem]:
    """Markup problems in a Markdown body, judged on the HTML the site renders from it
    (so outside code exactly as the renderer sees code), each on its source line."""
    if _needs_rendering(body):
        yield from rendered_problems(body, first_line, path)


def rendered_problems(body: str, first_line: int, path: str) -> Iterator[Problem]:
    """``body_problems`` without its quick test: always renders the body."""
    page = markdown_model.render(body, wrapped=True)
    # each thing found in the HTML: its problems, and what to look for in the source
    found: list[tuple[list[tuple[str, str]], list[str]]] = []
    for fragment in page.raw:  # raw HTML the renderer could have made from Markdown
        for tag, _ in markdown_model.raw_tags(fragment):
            if tag in RENDERED and tag not in ALLOWED_TAGS:  # others: reported below
                found.append(([_tag_problem(tag)], [f"<{tag}"]))
    for element in page.elements:
        problems = list(_element_problems(element))
        if problems:
            found.append(
                ([p for p, _ in problems], [n for _, needles in problems for n in needles])
            )
    for address in page.references:  # defined, whether used or not
        problems = list(_address_problems(address))
        if problems:
            found.append((problems, [normalise(address)[:40], "]:"]))
    for comment in page.comments:
        found.append(([("contains an HTML comment or declaration", "remove it")], [comment[:2]]))
    for text in page.texts:
        if _SUSPECT.search(text):
            problems = list(text_problems(text))
            if problems:
                found.append((problems, _needles(text)))
    locate = _Locator(body, first_line)
    seen: set[tuple[int, str]] = set()
    for problems, needles in found:
        line = locate(needles)
        for message, hint in problems:
            if (line, message) not in seen:
                seen.add((line, message))
                yield Problem(path, line, "body", message, hint)


def _address_problems(address: str) -> Iterator[tuple[str, str]]:
    if _SCHEME.search(normalise(address)):
        yield _SCHEME_PROBLEM
    yield from link_problems(address)


def _tag_problem(tag: str) -> tuple[str, str]:
    return (
        f"contains the HTML tag <{tag}>",
        "write plain Markdown; HTML other than "
        + ", ".join(f"<{t}>" for t in sorted(ALLOWED_TAGS))
        + " is not allowed",
    )


def _needles(text: str) -> list[str]:
    """What to look for in the source to find the line of a problem in ``text``."""
    plain = html.unescape(text)
    found = [f"<{m.group(1)}" for m in _TAG.finditer(plain)]
    found += [m.group() for m in (_HANDLER.search(plain), _ATTR_LIST.search(plain)) if m]
    scheme = _SCHEME.search(normalise(text))
    if scheme:
        found.append(scheme.group())
    return [*found, normalise(text)[:24]]


class _Locator:
    """Finds the source line of what the rendered HTML holds: the first line, from
    where the same thing was last found, whose text (entities decoded, invisible
    characters and case ignored) holds it; else the body's first line."""

    def __init__(self, body: str, first_line: int) -> None:
        self.lines = body.split("\n")
        self.first_line = first_line
        self.normalised: list[str] | None = None
        self.after: dict[str, int] = {}

    def __call__(self, needles: list[str]) -> int:
        if self.normalised is None:
            self.normalised = [normalise(line) for line in self.lines]
        wanted = [n for n in dict.fromkeys(normalise(needle) for needle in needles) if n]
        for needle in wanted:
            start = self.after.get(needle, 0)
            for index in (*range(start, len(self.lines)), *range(start)):
                if needle in self.normalised[index]:
                    for used in wanted:  # what this line held is used up
                        self.after[used] = max(self.after.get(used, 0), index + 1)
                    return self.first_line + index
        return self.first_line
