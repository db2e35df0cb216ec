"""Interface strings of the generated pages in each site language (data/strings.yml)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from .vocabulary import DEFAULT_LANGUAGE


@cache
def strings() -> dict[str, dict[str, str]]:
    text = resources.files(__package__).joinpath("data/strings.yml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The string ``key`` in ``lang`` (English when missing), with ``values`` filled in."""
    entry = strings()[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def count(number: int, lang: str = DEFAULT_LANGUAGE) -> str:
    return t("count.one" if number == 1 else "count.many", lang, count=number)
