"""Event sheets: one file per event (``guide/events/<name>.yml``).

An event sheet says when and where one session runs, for how many people, with
which agenda, who the support person is (a role and where they sit, never a
personal phone number), where to find help locally and who sits on the panel.
The kit is filled in from it: every placeholder in the guide's texts (see
``PLACEHOLDERS``) is replaced by the event's value, and the quantities to
print are worked out from the number of participants.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

from ..check import checks
from ..check.registry import add, rule
from ..core.load import Document
from ..core.model import Choice, Id, Language, Strict, rule_error
from ..core.problem import Problem
from ..core.vocabulary import suggest
from .agenda import Agenda, Content, fits_the_model, plain_yaml

EVENTS = "events"  # the folder of event sheets inside guide/
FRESH_DAYS = 30  # a referral must have been checked this close to the event


def _between(low: int, high: int, what: str, hint: str) -> AfterValidator:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise rule_error(f"{{value}} is not {what}", hint, value=value)
        return value

    return AfterValidator(check)


Participants = Annotated[
    int, _between(1, 5000, "a number of participants", "write how many people you expect")
]
TableSize = Annotated[
    int, _between(2, 20, "a table size", "seat 2 to 20 people a table; the guide suggests 6-8")
]
Line = Annotated[str, Field(min_length=1, max_length=300)]
Paragraph = Annotated[str, Field(min_length=1, max_length=2000)]


class Support(Strict):
    """The support person: how the facilitator names them, and where they sit."""

    role: Line = Field(
        description="Who they are, as a role that fits 'Our support person today is ...', "
        "such as 'the staff counsellor of the host organisation'. A role, never a name "
        "with a personal phone number."
    )
    where: Line = Field(
        description="Where they sit during the session, such as 'at the table by the door'."
    )


class Referral(Strict):
    """One service of the local referral table."""

    country: Line = Field(description="The country the service is in.")
    service: Line = Field(description="The service and what it offers.")
    contact: Line = Field(
        description="How to reach it: a hotline, a role mailbox, a web address or a desk."
    )
    hours: Line = Field(description="When it is open.")
    last_checked: dt.date | None = Field(
        None, description="When an organiser last checked the contact (YYYY-MM-DD)."
    )


class Panelist(Strict):
    """One member of the panel, as the moderator introduces them."""

    role: Line = Field(description="Their role, such as 'PSEA coordinator'.")
    organisation: Line = Field(description="Their organisation.")
    organisation_type: Choice("organisation_types", "an organisation type") = Field(
        description="The kind of organisation."
    )
    introduction: Line = Field(description="A one-line introduction the moderator reads.")
    practice: Id | None = Field(
        None, description="The id of the practice they bring, in practices/ (optional)."
    )


class Event(Strict):
    """One event that runs the session."""

    date: dt.date = Field(description="The day of the session (YYYY-MM-DD).")
    place: Line = Field(description="The venue, as participants know it.")
    room: Line = Field(description="The room the session runs in.")
    participants: Participants = Field(description="How many participants are expected.")
    table_size: TableSize = Field(8, description="Participants per table (the guide suggests 6-8).")
    languages: Annotated[list[Language], Field(min_length=1)] = Field(
        description="The languages participants speak in the session (BCP 47 tags)."
    )
    interpretation: Paragraph | None = Field(
        None, description="Interpretation booked for the session, if any."
    )
    agenda: Id = Field(description="The agenda it runs: the name of a file in guide/agendas/.")
    upcoming: bool = Field(
        False, description="true while the event is ahead: its date may then not be past."
    )
    support: Support | None = Field(None, description="The support person.")
    quiet_room: Line | None = Field(None, description="Where the quiet room is.")
    referrals: list[Referral] = Field(
        default_factory=list, description="The local referral table, per country."
    )
    psea_focal_point: Line | None = Field(
        None, description="The PSEA network focal point: a role and a role mailbox."
    )
    photography: Paragraph | None = Field(
        None, description="The photography and recording policy read at the start."
    )
    panel: list[Panelist] = Field(default_factory=list, description="The panelists.")


# ---------------------------------------------------------------------------
# Placeholders
# ---------------------------------------------------------------------------

#: Each placeholder the guide's texts may use, and the event's field that fills it.
PLACEHOLDERS: dict[str, str] = {
    "[support person]": "support.role",
    "[where the support person sits]": "support.where",
    "[quiet room]": "quiet_room",
    "[PSEA network focal point]": "psea_focal_point",
    "[photography and recording policy]": "photography",
    "[event date]": "date",
    "[venue]": "place",
    "[room]": "room",
}


def long_date(day: dt.date) -> str:
    """A date as people write it in English: 18 November 2026."""
    return f"{day.day} {day:%B %Y}"


def values(event: Event) -> dict[str, str]:
    """The text each placeholder becomes for ``event``; a placeholder the event
    leaves empty is not in it."""
    found: dict[str, str] = {}
    for placeholder, path in PLACEHOLDERS.items():
        value: object = event
        for part in path.split("."):
            value = getattr(value, part, None) if value is not None else None
        if isinstance(value, dt.date):
            value = long_date(value)
        if isinstance(value, str) and value.strip():
            found[placeholder] = value.strip()
    return found


def fill(text: str, event: Event | None) -> str:
    """``text`` with every placeholder replaced by the event's value; with no event,
    or where the event says nothing, the placeholder stays visible as it is."""
    if event is None or "[" not in text:
        return text
    for placeholder, value in values(event).items():
        text = text.replace(placeholder, value)
    return text


# ---------------------------------------------------------------------------
# Quantities and readiness
# ---------------------------------------------------------------------------


def plus_tenth(count: int) -> int:
    """``count`` plus 10 % for spares, rounded up (in whole numbers: 320 -> 352)."""
    return -(-count * 11 // 10)


def _up(count: int, size: int) -> int:
    return -(-count // size)


def quantities(
    agenda: Agenda, content: Content, event: Event, lang: str = "en"
) -> list[tuple[str, int]]:
    """What to prepare for ``event`` running ``agenda``: (what, how many), in the
    order of the preparation checklist, in ``lang`` (labels `kit.qty.*` of
    core/data/strings.yml). Only what the agenda's blocks use is listed."""
    from ..core.strings import t

    people = event.participants
    tables = _up(people, event.table_size)
    slots = [
        (slot, slot.adapt(content.blocks[slot.block]))
        for slot in agenda.blocks
        if slot.block in content.blocks
    ]
    blocks = [block for _, block in slots]
    testimonies = [t for slot in agenda.blocks for t in slot.testimonies]
    statements = [s for slot in agenda.blocks for s in slot.statements]
    # open rounds use coloured papers; anonymous rounds use answer slips instead
    colours = next((len(b.colours) for s, b in slots if b.colours and s.rounds == "open"), 0)
    anonymous = any(b.colours and s.rounds == "anonymous" for s, b in slots)
    rows: list[tuple[str, int]] = [
        (t("kit.qty.tables", lang, size=event.table_size), tables),
    ]
    if testimonies:
        rows.append((t("kit.qty.testimonies", lang, count=len(testimonies)), tables))
    if colours:
        papers = plus_tenth(colours * people)
        rows += [
            (t("kit.qty.papers", lang, count=colours), papers),
            (t("kit.qty.papers_each", lang), _up(papers, colours)),
        ]
    if anonymous:
        rows.append((t("kit.qty.slips_anonymous", lang), plus_tenth(people)))
    if statements:
        rows.append((t("kit.qty.statements", lang), len(statements)))
    if any(b.card for b in blocks):
        cards = plus_tenth(people)
        rows += [
            (t("kit.qty.cards", lang), cards),
            (t("kit.qty.card_sheets", lang), _up(cards, 4)),
        ]
    slips = plus_tenth(people)
    rows += [
        (t("kit.qty.support", lang), slips),
        (t("kit.qty.support_sheets", lang), _up(slips, 8)),
    ]
    if any(b.segments or b.running_order for b in blocks):
        questions = plus_tenth(people)
        rows += [
            (t("kit.qty.questions", lang), questions),
            (t("kit.qty.question_sheets", lang), _up(questions, 8)),
        ]
    if any(b.segments or b.running_order for b in blocks) and event.panel:
        rows.append((t("kit.qty.panel", lang), len(event.panel) + 1))
    return rows


def ready_to_print(event: Event) -> list[str]:
    """An event sheet printed as a kit (`kb kit`) names the support person, the referral
    table, the quiet room, the PSEA network focal point and the photography policy.

    Returns what the event sheet still lacks (empty: ready to print)."""
    missing = []
    if event.support is None:
        missing.append("the support person (support: with role: and where:)")
    if not event.referrals:
        missing.append("the referral table (referrals: at least one service)")
    if not event.quiet_room:
        missing.append("where the quiet room is (quiet_room:)")
    if not event.psea_focal_point:
        missing.append("the PSEA network focal point (psea_focal_point:)")
    if not event.photography:
        missing.append("the photography and recording policy (photography:)")
    return missing


class NotReadyToPrintError(Exception):
    """The event sheet lacks what the print sets need; the message says what."""


def not_ready_message(path: str, missing: list[str]) -> str:
    return (
        f"{path} is not ready to print: it does not give "
        + "; ".join(missing)
        + ". Fill these in, run `make validate`, then print again."
    )


def require_ready(event: Event, path: str) -> None:
    """Raise ``NotReadyToPrintError`` with a clear message when the kit cannot be printed."""
    missing = ready_to_print(event)
    if missing:
        raise NotReadyToPrintError(not_ready_message(path, missing))


# ---------------------------------------------------------------------------
# Reading and checking
# ---------------------------------------------------------------------------


@rule("event")
def sheet_exists(path: Path, display: str) -> Iterator[Problem]:
    """An event sheet named to `kb kit` exists."""
    if not path.is_file():
        yield Problem(display, 1, "", "is missing", "give the path of an event sheet")


@rule("event")
def safe_text(document: Document) -> Iterator[Problem]:
    """No text of an event sheet holds markup the site refuses or identifying details: a
    personal email address, a phone number or a street address (the support person is
    named by role, the focal point by a role mailbox)."""
    texts = list(checks.strings(document.data))
    yield from checks.hostile_markup(document, texts)
    yield from checks.identifying_details(document, texts)


def _load(path: Path, display: str) -> tuple[Event | None, Document | None, list[Problem]]:
    missing = list(sheet_exists(path, display))
    if missing:
        return None, None, missing
    document, problems = plain_yaml(path.read_bytes(), display)
    if document is None:
        return None, None, problems
    problems += safe_text(document)
    event, wrong = fits_the_model(document.data, document, Event)
    return event, document, problems + wrong


def read(path: Path, display: str | None = None) -> tuple[Event | None, list[Problem]]:
    """Read one event sheet: the event (None when its shape is wrong) and the problems
    of its shape and text. ``check`` adds those that need the guide and the practices."""
    event, _, problems = _load(path, display or str(path))
    return event, problems


def check(
    event: Event,
    document: Document,
    content: Content,
    practice_ids: set[str],
    today: dt.date,
) -> Iterator[Problem]:
    """The rules of an event sheet that has the right shape (area "event" of the registry)."""
    yield from agenda_exists(event, document, content)
    yield from upcoming_not_past(event, document, today)
    yield from referrals_checked(event, document)
    yield from panel_practices_exist(event, document, practice_ids)


@rule("event")
def agenda_exists(event: Event, document: Document, content: Content) -> Iterator[Problem]:
    """An event runs an agenda of guide/agendas/."""
    if event.agenda not in content.agendas:
        yield document.problem(
            ("agenda",),
            "agenda",
            f"'{event.agenda}' is not an agenda in guide/agendas/",
            suggest(event.agenda, sorted(content.agendas)),
        )


@rule("event")
def upcoming_not_past(event: Event, document: Document, today: dt.date) -> Iterator[Problem]:
    """An event marked upcoming is not dated in the past (`kb validate --today` sets the
    day to judge by)."""
    if event.upcoming and event.date < today:
        yield document.problem(
            ("date",),
            "date",
            f"{event.date.isoformat()} is in the past, but the event is marked upcoming",
            "correct the date, or set 'upcoming: false' once the event has taken place",
        )


@rule("event")
def referrals_checked(event: Event, document: Document) -> Iterator[Problem]:
    """Each service of the referral table says when its contact was last checked, and
    that was no more than 30 days before the event."""
    for index, referral in enumerate(event.referrals):
        if referral.last_checked is None:
            yield document.problem(
                ("referrals", index),
                "referrals.last_checked",
                f"'{referral.service}' has no date of its last check",
                "check that the contact still works and add 'last_checked: YYYY-MM-DD'",
            )
            continue
        days = (event.date - referral.last_checked).days
        if days > FRESH_DAYS:
            yield document.problem(
                ("referrals", index, "last_checked"),
                "referrals.last_checked",
                f"'{referral.service}' was checked {days} days before the event",
                f"check it again within {FRESH_DAYS} days of the event and update the date",
            )


@rule("event")
def panel_practices_exist(
    event: Event, document: Document, practice_ids: set[str]
) -> Iterator[Problem]:
    """The practice a panelist brings, if named, is in practices/."""
    for index, panelist in enumerate(event.panel):
        if panelist.practice is not None and panelist.practice not in practice_ids:
            yield document.problem(
                ("panel", index, "practice"),
                "panel.practice",
                f"'{panelist.practice}' is not in practices/",
                suggest(panelist.practice, sorted(practice_ids)),
            )


@dataclass
class Events:
    """Every event sheet in the guide, validated."""

    events: dict[str, tuple[Event, Document]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


# a word or phrase in square brackets, not a link, a reference or a checklist box
_BRACKETED = re.compile(r"(?<![\]!\\])\[([^\[\]\n^]*[A-Za-z][^\[\]\n]*)\](?![(\[:])")


def unknown_placeholders(text: str) -> list[str]:
    """Square-bracketed phrases in ``text`` that look like placeholders but are not
    among ``PLACEHOLDERS``, so that no event would fill them."""
    return [
        found.group()
        for found in _BRACKETED.finditer(text)
        if found.group() not in PLACEHOLDERS and found.group(1).strip().lower() != "x"
    ]


def _placeholder_hint() -> str:
    return "write one the event sheet fills: " + ", ".join(PLACEHOLDERS)


@rule("guide")
def placeholder_problems(folder: Path, root: Path) -> Iterator[Problem]:
    """Every phrase in square brackets in the guide's texts, blocks and agendas that looks
    like a placeholder is one an event sheet fills, such as '[support person]'."""
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.split("\n"), start=1):
            for found in unknown_placeholders(line):
                yield Problem(
                    _display(path, root),
                    number,
                    "",
                    f"'{found}' is not a placeholder the kit fills",
                    _placeholder_hint(),
                )
    for path in [*sorted(folder.glob("*.yml")), *sorted((folder / "agendas").glob("*.yml"))]:
        document, problems = plain_yaml(path.read_bytes(), _display(path, root), object)
        if document is None or problems:
            continue  # the guide's own validation reports them
        for location, value in checks.strings(document.data):
            for found in unknown_placeholders(value):
                yield document.problem(
                    location,
                    checks._name(location),
                    f"'{found}' is not a placeholder the kit fills",
                    _placeholder_hint(),
                )


def validate(
    folder: Path,
    content: Content,
    practice_ids: set[str],
    today: dt.date | None = None,
    root: Path | None = None,
) -> Events:
    """Read and check every ``<folder>/events/*.yml`` (``folder`` is ``guide/``)."""
    root = root or folder.parent
    today = today or dt.date.today()
    found = Events()
    for path in sorted((folder / EVENTS).glob("*.yml")):
        found.files += 1
        event, document, problems = _load(path, _display(path, root))
        found.problems += problems
        if event is not None and document is not None:
            found.problems += check(event, document, content, practice_ids, today)
            found.events[path.stem] = (event, document)
    found.problems += placeholder_problems(folder, root)
    found.problems.sort(key=lambda p: (p.path, p.line))
    return found


add(ready_to_print, "event")  # listed last: what printing needs beyond a valid sheet
