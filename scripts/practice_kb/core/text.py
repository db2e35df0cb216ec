"""Text helpers every stage shares: escaping for Markdown, page metadata, names of
languages and countries, ids from titles and the template's placeholder mark.

Kept apart from the renderers and the template so that the checks, the guide and the
exports can use them without depending on a later stage.
"""

from __future__ import annotations

import gettext
import html
import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache

import pycountry

from . import vocabulary
from .vocabulary import RTL_LANGUAGES

PLACEHOLDER = "[FILL IN"  # what the template writes where a contributor has to write


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")


def text(value: str) -> str:
    """Escape contributed text placed into Markdown: no markup, no raw HTML."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def url(value: str) -> str:
    """A URL placed in a Markdown link target."""
    return value.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def frontmatter(**fields: object) -> str:
    """MkDocs page metadata. JSON is valid YAML, and much faster to write.

    The theme writes a page's title and description into the HTML unescaped
    (<title>, the header, <meta name="description">), so they are escaped here.
    """
    for key in ("title", "description"):
        if isinstance(fields.get(key), str):
            fields[key] = html.escape(fields[key])
    return "---\n" + json.dumps(fields, ensure_ascii=False) + "\n---\n\n"


def label(vocabulary_name: str, value: str, lang: str = "en") -> str:
    return vocabulary.get(vocabulary_name).label(value, lang)


@cache
def _names(domain: str, lang: str) -> Callable[[str], str]:
    """Translations of ISO language or country names shipped with pycountry."""
    if lang == "en":
        return lambda name: name
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:
        return lambda name: name


def language_name(tag: str, lang: str = "en") -> str:
    primary = tag.split("-")[0]
    found = pycountry.languages.get(alpha_2=primary) or pycountry.languages.get(alpha_3=primary)
    return _names("iso639-3", lang)(found.name) if found else tag


def country_name(code: str, lang: str = "en") -> str:
    found = pycountry.countries.get(alpha_2=code)
    return _names("iso3166-1", lang)(found.name) if found else code


def direction(language: str) -> str:
    return "rtl" if language.split("-")[0] in RTL_LANGUAGES else "ltr"


def slug(title: str, limit: int = 80) -> str:
    """A kebab-case id from a title: ASCII letters and digits, cut at a word."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > limit:
            break
        result = candidate
    return result
