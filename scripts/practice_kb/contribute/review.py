"""`kb review`: practices due for review, compiled entries awaiting confirmation, and
translations of the facilitation guide awaiting review by a native speaker working in
safeguarding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..check import checks
from ..core.model import Practice

REVIEW_AFTER_DAYS = checks.REVIEW_AFTER_DAYS  # the rule review_due warns on


@dataclass(frozen=True)
class Due:
    practice: Practice
    path: str
    reason: str

    @property
    def ask(self) -> str:
        """Who to ask: the organisation, and its role mailbox or form if given."""
        org = self.practice.organisation.name
        return f"{org} ({self.practice.contact})" if self.practice.contact else org


def due(practices: list[tuple[Practice, str]], today: dt.date) -> tuple[list[Due], list[Due]]:
    """Practices past their review date, and compiled ones awaiting the organisation."""
    overdue, unconfirmed = [], []
    for practice, path in sorted(practices, key=lambda item: item[0].last_reviewed):
        review_by = practice.last_reviewed + dt.timedelta(days=REVIEW_AFTER_DAYS)
        if review_by < today:
            overdue.append(
                Due(practice, path, f"last reviewed {practice.last_reviewed}, due {review_by}")
            )
        if practice.provenance == "compiled":
            age = (today - practice.submitted).days
            unconfirmed.append(
                Due(
                    practice,
                    path,
                    f"compiled on {practice.submitted} ({age} days ago), not yet confirmed",
                )
            )
    return overdue, unconfirmed


def as_text(overdue: list[Due], unconfirmed: list[Due]) -> str:
    lines = [f"Past their review date: {len(overdue)}"]
    lines += [f"  {d.path}: {d.reason}; ask {d.ask}" for d in overdue]
    lines += [f"Compiled, awaiting the organisation's confirmation: {len(unconfirmed)}"]
    lines += [f"  {d.path}: {d.reason}; ask {d.ask}" for d in unconfirmed]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(overdue: list[Due], unconfirmed: list[Due], today: dt.date) -> str:
    parts = [f"Review status of the knowledge base on {today}, kept up to date by a weekly job.\n"]
    for heading, rows in (
        (f"Past their review date ({len(overdue)})", overdue),
        (f"Compiled, awaiting the organisation's confirmation ({len(unconfirmed)})", unconfirmed),
    ):
        parts.append(f"## {heading}\n")
        if not rows:
            parts.append("None.\n")
            continue
        parts.append("| Practice | Status | Who to ask |\n|---|---|---|")
        parts += [
            f"| `{d.path}` {_cell(d.practice.title)} | {d.reason} | {_cell(d.ask)} |" for d in rows
        ]
        parts.append("")
    return "\n".join(parts)


@dataclass(frozen=True)
class Pending:
    """A language of the guide whose status.yml says `reviewed: false` (or has none)."""

    language: str
    path: str
    strings: int


def pending_translations(guide: Path) -> list[Pending]:
    """The guide's languages awaiting review, with how many strings each holds."""
    from ..guide import agenda, translation

    if not (guide / translation.FOLDER).is_dir():
        return []
    content = agenda.read(guide, guide.parent)
    return [
        Pending(
            language,
            f"{guide.name}/{translation.FOLDER}/{language}/status.yml",
            translated.strings,
        )
        for language, translated in content.translations.items()
        if translated.status is None or not translated.status.reviewed
    ]


def translations_text(pending: list[Pending]) -> str:
    lines = [
        "Guide translations awaiting review by a native speaker working in safeguarding: "
        f"{len(pending)}"
    ]
    lines += [
        f"  {p.language}: {p.strings} strings; set 'reviewed: true' in {p.path} once reviewed"
        for p in pending
    ]
    return "\n".join(lines)


def translations_markdown(pending: list[Pending]) -> str:
    parts = [
        "## Guide translations awaiting review by a native speaker working in safeguarding "
        f"({len(pending)})\n"
    ]
    if not pending:
        return parts[0] + "\nNone.\n"
    parts.append("| Language | Strings | Status file |\n|---|---|---|")
    parts += [f"| {p.language} | {p.strings} | `{p.path}` |" for p in pending]
    return "\n".join(parts) + "\n"


def run(folder: Path, today: dt.date | None, format: str) -> int:
    today = today or dt.date.today()
    result = checks.validate([folder], today=today)
    practices = [(e.practice, e.document.path) for e in result.entries]
    overdue, unconfirmed = due(practices, today)
    pending = pending_translations(folder.resolve().parent / "guide")
    if format == "markdown":
        print(as_markdown(overdue, unconfirmed, today))
        print(translations_markdown(pending))
    else:
        print(as_text(overdue, unconfirmed))
        print(translations_text(pending))
    if result.problems:
        print(
            f"(skipped {len({p.path for p in result.problems})} files with problems: "
            "run kb validate)"
        )
    return 0
