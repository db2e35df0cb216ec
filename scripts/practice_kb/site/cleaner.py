"""The second safety layer: nh3's allowlist over the built HTML.

The first layer, the validator (``check/markup.py``), refuses hostile markup in
what contributors write. This one runs at the end of every build (``finish.py``)
over the HTML the engine produced from contributed text, whatever got through:
it keeps the tags and attributes the site's pages need and drops everything else
(scripts, handlers, styles, addresses with other schemes).
"""

from __future__ import annotations

import nh3

from ..check.markup import ALLOWED_SCHEMES

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
    "nav",
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
    # the catalogue's page links: a named navigation, the current page marked
    "a": {"href", "aria-current", "aria-label"},
    "nav": {"aria-label"},
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
