"""Controlled vocabularies and their labels, read from ``core/data/vocabularies.yml``."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from urllib.parse import urlsplit

import yaml

DEFAULT_LANGUAGE = "en"
SITE_LANGUAGES = ("en", "fr", "es", "ar")  # the languages the site is published in
RTL_LANGUAGES = ("ar", "fa", "he", "ps", "ur")  # written right to left
# vocabularies of the facilitation guide, not of a practice (no practice field uses them)
GUIDE_VOCABULARIES = ("statement_kinds",)


@dataclass(frozen=True)
class Term:
    """One allowed value of a vocabulary, with its labels per language."""

    value: str
    labels: dict[str, str]
    descriptions: dict[str, str]

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        return self.labels.get(language) or self.labels[DEFAULT_LANGUAGE]

    def description(self, language: str = DEFAULT_LANGUAGE) -> str:
        return self.descriptions.get(language) or self.descriptions.get(DEFAULT_LANGUAGE, "")


@dataclass(frozen=True)
class Vocabulary:
    """An ordered set of terms, such as the themes or the regions."""

    name: str
    terms: tuple[Term, ...]

    @cached_property
    def values(self) -> tuple[str, ...]:
        return tuple(term.value for term in self.terms)

    @cached_property
    def _known(self) -> frozenset[str]:
        return frozenset(self.values)

    def __contains__(self, value: object) -> bool:
        return value in self._known

    def __getitem__(self, value: str) -> Term:
        for term in self.terms:
            if term.value == value:
                return term
        raise KeyError(value)

    def label(self, value: str, language: str = DEFAULT_LANGUAGE) -> str:
        return self[value].label(language)


def parse(data: dict[str, dict[str, dict]]) -> dict[str, Vocabulary]:
    """Turn the YAML mapping of vocabularies into ``Vocabulary`` objects."""
    vocabularies = {}
    for name, entries in data.items():
        for value, entry in entries.items():
            labels = entry.get("label", {})
            if (
                not isinstance(labels, dict)
                or not all(
                    isinstance(k, str) and len(k) == 2 and isinstance(v, str) and v
                    for k, v in labels.items()
                )
                or DEFAULT_LANGUAGE not in labels
            ):
                raise ValueError(f"vocabularies.yml: {name}.{value}: bad labels {labels!r}")
        terms = tuple(
            Term(
                value=value,
                labels=dict(entry["label"]),
                descriptions=dict(entry.get("description", {})),
            )
            for value, entry in entries.items()
        )
        vocabularies[name] = Vocabulary(name, terms)
    return vocabularies


@cache
def vocabularies() -> dict[str, Vocabulary]:
    """All vocabularies of the knowledge base, loaded once."""
    text = resources.files(__package__).joinpath("data/vocabularies.yml").read_text("utf-8")
    return parse(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def get(name: str) -> Vocabulary:
    return vocabularies()[name]


@cache
def copy_hosts() -> tuple[str, ...]:
    """Sites that re-host other publishers' documents (``core/data/copy_hosts.yml``)."""
    text = resources.files(__package__).joinpath("data/copy_hosts.yml").read_text("utf-8")
    return tuple(yaml.safe_load(text))


def copy_host(url: str) -> str:
    """The known copy host ``url`` is on (a subdomain counts), or ''."""
    host = (urlsplit(url).hostname or "").lower()
    return next((h for h in copy_hosts() if host == h or host.endswith("." + h)), "")


def suggest(value: object, choices: Sequence[str]) -> str:
    """A did-you-mean hint for ``value`` among ``choices``."""
    wanted = str(value).lower().strip()
    close = [c for c in choices if wanted and wanted in c.lower()][:3]
    if not close:
        close = difflib.get_close_matches(wanted, choices, n=1, cutoff=0.6)
    if close:
        quoted = [repr(c) for c in close]
        listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
        return f"did you mean {listed}?"
    listed = ", ".join(choices)
    return f"choose from: {listed}" if len(listed) < 200 else "see the schema page for the choices"


def missing_labels(languages: Sequence[str]) -> list[tuple[str, str, str, str]]:
    """(vocabulary, value, field, language) for every label or description not translated."""
    missing = []
    for vocab in vocabularies().values():
        for term in vocab.terms:
            for language in languages:
                if language not in term.labels:
                    missing.append((vocab.name, term.value, "label", language))
                if term.descriptions and language not in term.descriptions:
                    missing.append((vocab.name, term.value, "description", language))
    return missing
