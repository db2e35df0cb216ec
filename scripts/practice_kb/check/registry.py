"""Every rule of the validator, in one registry, each stated once.

A rule is a function whose docstring is the rule in one sentence. It is
registered with its severity: an error fails validation, a warning is advice
(`kb validate` prints it and passes, unless run with ``--strict``). The
README's list of checks and the site's "What the validator checks" page are
generated from here (``kb generate``), so they cannot drift from the code.

The rules are grouped by what they check: practices, the guide's agendas, event
sheets and the guide's translations. The practices' rules live in ``check/``; the
others live beside the guide's code in ``guide/`` and register themselves here when
their modules are imported (this package imports ``core`` only, never ``guide``).
Whatever prints the full list must import them first (``cli``, ``site/assembly``
and ``project`` do); an empty group raises rather than printing a shorter list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

Severity = Literal["error", "warning"]

# What the rules check, in the order the lists are printed, and the module that
# registers each group's rules (named, never imported from here)
GROUPS = {
    "practices": ("Practices", "practice_kb.check.checks"),
    "agendas": ("The guide and its agendas", "practice_kb.guide.agenda"),
    "events": ("Event sheets", "practice_kb.guide.event"),
    "translations": ("Translations of the guide", "practice_kb.guide.translation"),
}

# Where a rule looks, in the order the checks run and the lists are printed
AREAS = {
    "file": "The file",
    "fields": "The fields",
    "text": "The text: safety and privacy",
    "body": "The body",
    "set": "The set of practices",
    "guide": "The guide's files",
    "agenda": "Agendas",
    "event": "Event sheets",
    "translation": "Translations",
}
# the group of each area
GROUP_OF = {
    **dict.fromkeys(("file", "fields", "text", "body", "set"), "practices"),
    "guide": "agendas",
    "agenda": "agendas",
    "event": "events",
    "translation": "translations",
}


@dataclass(frozen=True)
class Rule:
    function: Callable[..., object]
    area: str
    severity: Severity

    @property
    def name(self) -> str:
        return self.function.__name__

    @property
    def group(self) -> str:
        return GROUP_OF[self.area]

    @property
    def sentence(self) -> str:
        """The rule in one sentence: the first paragraph of the function's docstring."""
        doc = (self.function.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(doc.split())


RULES: list[Rule] = []
F = TypeVar("F", bound=Callable[..., object])


def rule(area: str, severity: Severity = "error") -> Callable[[F], F]:
    """Register the decorated function as a rule of ``area``."""

    def register(function: F) -> F:
        add(function, area, severity)
        return function

    return register


def add(function: Callable[..., object], area: str, severity: Severity = "error") -> None:
    if area not in AREAS:
        raise ValueError(f"unknown area {area!r}")
    if not any(r.function is function for r in RULES):
        RULES.append(Rule(function, area, severity))


def rules(area: str | None = None, group: str | None = None) -> list[Rule]:
    """The registered rules (of one area or group), in the order they were registered."""
    _load()
    return [
        r for r in RULES if (area is None or r.area == area) and (group is None or r.group == group)
    ]


def complete() -> list[Rule]:
    """Every rule of every group; an error when a group's module has not registered its
    rules, so that no list of the rules is ever printed short."""
    found = rules()
    for group, (_, module) in GROUPS.items():
        if not any(r.group == group for r in found):
            raise LookupError(f"no rule of {group!r} is registered: import {module} first")
    return found


def _load() -> None:
    """The rules register themselves when their modules are imported."""
    from . import checks  # noqa: F401


def as_markdown(heading_level: int = 3) -> str:
    """Every rule, by group and area, one sentence each; warnings marked as such. A group
    with one area has no heading for it."""
    marks = "#" * heading_level
    every = complete()
    lines: list[str] = []
    for group, (group_title, _) in GROUPS.items():
        areas = [a for a in AREAS if GROUP_OF[a] == group and any(r.area == a for r in every)]
        lines += [f"{marks} {group_title}", ""]
        for area in areas:
            if len(areas) > 1:
                lines += [f"{marks}# {AREAS[area]}", ""]
            for r in every:
                if r.area != area:
                    continue
                advice = " *(a warning: reported, not failing unless `--strict`)*"
                warning = advice if r.severity == "warning" else ""
                lines.append(f"- {_escape(r.sentence)}{warning}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _escape(sentence: str) -> str:
    """HTML tag names in a sentence written as code, so that pages show them."""
    return re.sub(r"(<[a-z/][^>]*>(?:\.md)?)", r"`\1`", sentence)


def page() -> str:
    """The site's "What the validator checks" page."""
    return (
        '---\n{"title": "What the validator checks"}\n---\n\n'
        "# What the validator checks\n\n"
        "`kb validate` (and `make validate`) checks every practice file, and the "
        "facilitation guide's agendas, event sheets and translations, against these rules "
        "and reports every problem it finds in one run, each as `path:line: field: message; "
        "hint`. An error must be fixed before a practice is published; a warning is advice: "
        "it is printed, and fails the run only with `kb validate --strict`. Nothing in a "
        "file can switch a rule off. This page is generated from the rules "
        "themselves, so it says what the code does.\n\n" + as_markdown(2)
    )


README_START = "<!-- validator-checks:start (generated by kb generate from registry.py) -->"
README_END = "<!-- validator-checks:end -->"


def readme(text: str) -> str:
    """``text`` (the README) with the list of checks between its markers brought up to date."""
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        return text
    return text[: start + len(README_START)] + "\n\n" + as_markdown(4) + "\n" + text[end:]
