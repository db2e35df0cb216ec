"""Contributed text must stay text: no script, no markup that loads or runs anything.

The validator reports raw HTML outside a small allowlist, attribute lists,
event handlers and dangerous URL schemes, also when hidden by entities, case,
whitespace or nesting. The build then sanitises the rendered HTML of generated
pages with nh3 as a second layer (``sanitise``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import nh3

from .problem import Problem

# Inline tags a contributor may write in a body, without attributes but `title`.
ALLOWED_TAGS = frozenset({"br", "sup", "sub", "abbr", "kbd", "mark", "small"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

_TAG = re.compile(r"<\s*/?\s*([a-z!?][^\s/>]*)([^>]*)>?", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s=/"'>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*=[^{}\n]*\}")
_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_SCHEME = re.compile(r"(javascript|vbscript|livescript)\s*:|data\s*:\s*[a-z]+/", re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]")  # ![alt](address) or ![alt][reference]
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
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
    squeezed = text.casefold().translate(_SQUEEZE)
    return "script:" in squeezed or "data:" in squeezed


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
    scheme = urlsplit(squeezed).scheme
    if scheme and scheme not in ALLOWED_SCHEMES:
        yield f"links to a '{scheme}:' address", "link only to https:// pages"
    elif not scheme:
        yield (
            f"links to '{target}', which is not a full address",
            "start it with https://, or link another practice as <id>.md",
        )


def body_problems(body: str, first_line: int, path: str) -> Iterator[Problem]:
    """Markup problems in a Markdown body, outside code, with their lines."""
    if not (suspect(body) or "](" in body or "]:" in body):
        return
    fence = ""
    for number, line in enumerate(body.split("\n"), start=first_line):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0]:
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "1")):
            continue  # indented code
        prose = _CODE_SPAN.sub("", line)
        problems = list(text_problems(prose))
        if "![" in prose and _IMAGE.search(prose):
            problems.append(
                (
                    "shows an image, which the site leaves out: it loads nothing from other "
                    "sites and keeps pages light",
                    "link to the image instead: [what it shows](https://...)",
                )
            )
        for match in _LINK_TARGET.finditer(prose):
            problems += link_problems(match.group(1) or match.group(2) or "")
        for message, hint in dict.fromkeys(problems):
            yield Problem(path, number, "body", message, hint)


# ---------------------------------------------------------------------------
# The second layer: sanitising rendered HTML
# ---------------------------------------------------------------------------

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "input",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href"},
    "input": {"type", "checked", "disabled"},
    "details": {"open"},
    "th": {"align"},
    "td": {"align"},
}


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags={"script", "style", "template", "noscript"},
    attributes=_ATTRIBUTES,
    url_schemes=set(ALLOWED_SCHEMES),
    link_rel=None,
    strip_comments=True,
    generic_attribute_prefixes={"data-kb-"},
)


def sanitise(rendered: str) -> str:
    """Keep the markup the site needs; drop scripts, handlers, styles and bad URLs."""
    return _CLEANER.clean(rendered)
