"""`kb report`: what the knowledge base covers, in figures.

The gap view shows the same counts as tables a reader can click; this module
works them out once, for the command (text or Markdown) and for that page.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..check import checks
from ..core import fields, vocabulary
from ..core.model import Practice
from ..core.vocabulary import SITE_LANGUAGES


@dataclass
class Coverage:
    """Counts of published practices along the dimensions the gap view shows."""

    total: int = 0  # practices, each counted once whatever its translations
    entries: int = 0  # files: a practice written in two languages is two entries
    theme_region: Counter[tuple[str, str]] = field(default_factory=Counter)
    organisation_types: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    evidence: Counter[str] = field(default_factory=Counter)
    provenance: Counter[str] = field(default_factory=Counter)
    copies_only: list[Practice] = field(default_factory=list)


def copies_only(practice: Practice) -> bool:
    """True when the entry cites sources and every one is on a known copy host."""
    return bool(practice.sources) and all(
        vocabulary.copy_host(source.url) for source in practice.sources
    )


def _first_of_each_practice(practices: list[Practice]) -> set[str]:
    """One entry id per practice: entries linked by ``translations`` (either way) are
    one practice in several languages."""
    ids = {p.id for p in practices}
    linked: dict[str, set[str]] = {i: set() for i in ids}
    for p in practices:
        for target in p.translations.values():
            if target in ids:
                linked[p.id].add(target)
                linked[target].add(p.id)
    chosen, seen = set(), set()
    for start in sorted(ids):
        if start in seen:
            continue
        chosen.add(start)
        group = [start]
        while group:
            current = group.pop()
            if current not in seen:
                seen.add(current)
                group.extend(linked[current] - seen)
    return chosen


def coverage(practices: list[Practice]) -> Coverage:
    """The figures of ``practices``, leaving out withdrawn ones. Languages count every
    entry; the other figures count a practice once, whatever its translations."""
    found = Coverage()
    published = [p for p in practices if not p.withdrawn]
    once = _first_of_each_practice(published)
    for p in published:
        found.entries += 1
        found.languages[p.language] += 1
        if p.id not in once:
            continue
        found.total += 1
        found.theme_region.update((t, r) for t in p.themes for r in p.regions)
        found.organisation_types[p.organisation.type] += 1
        found.evidence[p.evidence] += 1
        found.provenance[p.provenance] += 1
        if copies_only(p):
            found.copies_only.append(p)
    found.copies_only.sort(key=lambda p: p.id)
    return found


def languages(found: Coverage) -> list[str]:
    """The site's four languages, then any other language an entry is written in."""
    return [*SITE_LANGUAGES, *sorted(set(found.languages) - set(SITE_LANGUAGES))]


def tallies(found: Coverage) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """(key, heading, [(value, count)]) for each one-way count, zeros included."""

    def every(key: str, counts: Counter[str]) -> list[tuple[str, int]]:
        values = vocabulary.get(_vocabulary_of(key) or "").values
        return [(value, counts[value]) for value in values]

    return [
        ("organisation", "Per organisation type", every("organisation", found.organisation_types)),
        ("language", "Per language", [(v, found.languages[v]) for v in languages(found)]),
        ("evidence", "Per evidence level", every("evidence", found.evidence)),
        ("provenance", "Per provenance", every("provenance", found.provenance)),
    ]


def _vocabulary_of(key: str) -> str | None:
    """The vocabulary of a practice's field, as the model names it (None: no vocabulary)."""
    return fields.by_name()[key].vocabulary


COPIES_HEADING = "Entries whose sources are all copies on known copy hosts"
GRID_HEADING = "Themes by region (a practice counts once in each of its themes and regions)"


def as_text(found: Coverage) -> str:
    themes = vocabulary.get("themes").values
    width = max(len(r) for r in vocabulary.get("regions").values)
    lines = [f"Practices: {found.total} (entries: {found.entries}, with translations)"]
    lines += ["", GRID_HEADING]
    lines.append(" " * width + "".join(f"  {t:>{len(t)}}" for t in themes))
    for region in vocabulary.get("regions").values:
        cells = "".join(f"  {found.theme_region[t, region]:>{len(t)}}" for t in themes)
        lines.append(f"{region:<{width}}{cells}")
    for _, heading, rows in tallies(found):
        lines += ["", heading]
        name_width = max(len(value) for value, _ in rows)
        lines += [f"  {value:<{name_width}}  {count:>3}" for value, count in rows]
    lines += ["", f"{COPIES_HEADING}: {len(found.copies_only)}"]
    lines += [f"  {p.id}: {p.title}" for p in found.copies_only]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(found: Coverage) -> str:
    themes = vocabulary.get("themes").terms
    parts = [
        f"Practices: **{found.total}** (entries: {found.entries}, with translations)\n",
        f"### {GRID_HEADING}\n",
    ]
    parts.append("| Region | " + " | ".join(t.label() for t in themes) + " |")
    parts.append("|---|" + "---:|" * len(themes))
    for region in vocabulary.get("regions").terms:
        cells = " | ".join(str(found.theme_region[t.value, region.value]) for t in themes)
        parts.append(f"| {region.label()} | {cells} |")
    for key, heading, rows in tallies(found):
        parts += ["", f"### {heading}\n", "| Value | Practices |", "|---|---:|"]
        named = _vocabulary_of(key)
        for value, count in rows:
            shown = value if named is None else vocabulary.get(named).label(value)
            parts.append(f"| {_cell(shown)} (`{value}`) | {count} |")
    parts += ["", f"### {COPIES_HEADING} ({len(found.copies_only)})\n"]
    parts += [f"- `{p.id}`: {_cell(p.title)}" for p in found.copies_only] or ["None."]
    return "\n".join(parts) + "\n"


def run(folder: Path, format: str) -> int:
    """`kb report`: the figures of the valid practices in ``folder``."""
    if not folder.is_dir():
        print(f"kb report: there is no folder {folder}", file=sys.stderr)
        return 2
    result = checks.validate([folder])
    found = coverage([e.practice for e in result.entries])
    print(as_markdown(found) if format == "markdown" else as_text(found))
    if result.problems:
        skipped = len({p.path for p in result.problems})
        print(f"(left out {skipped} files with problems: run kb validate)")
    return 0
