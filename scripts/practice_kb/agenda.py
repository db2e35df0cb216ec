"""The facilitation guide's data: agendas, blocks, testimonies and statements.

An agenda (``guide/agendas/<name>.yml``) times the blocks of a session and says
which testimonies, statements and practices each block uses. The blocks,
testimonies and statements live once in ``guide/`` and are shared by every
agenda, so a regional team adapts the session by editing an agenda file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, ValidationError

from . import load
from .checks import schema_problems
from .load import Document
from .model import Choice, Id, Language, Strict, Url, rule_error
from .problem import Problem
from .vocabulary import suggest

TEXTS = ("overview", "preparation", "safeguarding", "commitments")
Text = Annotated[str, Field(min_length=1)]


def _minutes(value: Any) -> Any:
    """'11:00' as minutes since midnight; YAML already reads an unquoted 11:00 so."""
    if isinstance(value, str):
        match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
        if not match:
            raise rule_error(
                "'{value}' is not a time", "write it as HH:MM, such as '11:00'", value=value
            )
        return int(match.group(1)) * 60 + int(match.group(2))
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return value
    raise rule_error("'{value}' is not a time", "write it as HH:MM, such as '11:00'", value=value)


Time = Annotated[int, BeforeValidator(_minutes)]


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------


class Testimony(Strict):
    """An illustrative composite read aloud at the start of the session."""

    id: Id
    title: Text
    setting: Text
    content_note: Text
    text: Text
    questions: Annotated[list[Text], Field(min_length=1)]
    # facilitator only: what the harvest should bring out (never on participant material)
    learning_points: Annotated[list[Text], Field(max_length=3)] = Field(default_factory=list)


class StatementNotes(Strict):
    """What the facilitator needs to know about a statement (never shown to participants)."""

    about: Text
    rule: Text | None = None
    myth: Text | None = None


class Statement(Strict):
    """A statement for the gender-norms exercise."""

    id: Id
    text: Text
    about: Literal["gender-norms", "power", "workplace"]
    notes: StatementNotes | None = None
    anonymous_only: bool = False


class NoteSource(Strict):
    """A public source a facilitator's note rests on."""

    title: Text
    url: Url


class Note(Strict):
    """Background for the facilitator: a short note and the public sources it rests on."""

    title: Text
    text: Text
    sources: Annotated[list[NoteSource], Field(min_length=1)]


class Colour(Strict):
    colour: Text
    response: Text


class Debrief(Strict):
    tables: list[Text]
    plenary: list[Text]


class Segment(Strict):
    title: Text
    questions: list[Text]


class Block(Strict):
    """One part of the session: what it is for and how to run it."""

    title: Text
    purpose: Text
    script: Text
    participants: Text
    materials: list[Text] = Field(default_factory=list)
    questions: list[Text] = Field(default_factory=list)
    cues: list[Text] = Field(default_factory=list)
    transition: str = ""
    colours: Annotated[list[Colour], Field(min_length=4, max_length=4)] | None = None
    rounds: list[Text] = Field(default_factory=list)
    debrief: Debrief | None = None
    segments: list[Segment] = Field(default_factory=list)
    running_order: list[Text] = Field(default_factory=list)
    card: list[Text] = Field(default_factory=list)
    # facilitator only: what to drop when running late, in order
    cuts: list[Text] = Field(default_factory=list)
    key_messages: list[Text] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    moderator_notes: list[Text] = Field(default_factory=list)


class Slot(Strict):
    """A block placed in an agenda, with its times and the content it pulls in."""

    block: Id
    start: Time
    end: Time
    minutes: int | None = None
    title: str | None = None
    testimonies: list[Id] = Field(default_factory=list)
    statements: list[Id] = Field(default_factory=list)
    practices: list[Id] = Field(default_factory=list)
    themes: list[Choice("themes", "a theme")] = Field(default_factory=list)
    # what an agenda may say differently from the block, for its own timing and choices
    script: str | None = None
    cues: list[Text] | None = None
    running_order: list[Text] | None = None
    cuts: list[Text] | None = None

    def adapt(self, block: Block) -> Block:
        """The block as this slot runs it: the slot's script, cues, running order and
        cuts where it gives them."""
        own = {name: getattr(self, name) for name in ADAPTABLE if getattr(self, name) is not None}
        return block.model_copy(update=own) if own else block


ADAPTABLE = ("script", "cues", "running_order", "cuts")


class Agenda(Strict):
    """A session: its window and its blocks, in order."""

    title: Text
    subtitle: str = ""
    language: Language
    start: Time
    end: Time
    blocks: Annotated[list[Slot], Field(min_length=1)]


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


@dataclass
class Content:
    """Everything in ``guide/``: shared content and the agendas that use it."""

    texts: dict[str, str] = field(default_factory=dict)
    blocks: dict[str, Block] = field(default_factory=dict)
    testimonies: dict[str, Testimony] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    agendas: dict[str, tuple[Agenda, Document]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _read(path: Path, root: Path, top: type, content: Content) -> Document | None:
    content.files += 1
    name = _display(path, root)
    if not path.is_file():
        content.problems.append(
            Problem(name, 1, "", "is missing", "restore it from the repository")
        )
        return None
    document, problems = load.parse_data(path.read_bytes(), name, top)
    content.problems.extend(problems)
    return document


def _items(
    document: Document, model: type[BaseModel], content: Content
) -> Iterator[tuple[Any, Any]]:
    """Validate each item of a list or mapping file; yield (key, model) for the good ones."""
    pairs = document.data.items() if isinstance(document.data, dict) else enumerate(document.data)
    for key, value in pairs:
        try:
            yield key, model.model_validate(value)
        except ValidationError as error:
            content.problems.extend(schema_problems(error, document, model, (key,)))


def _unique(document: Document, items: list[tuple[int, Any]], content: Content) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for index, item in items:
        if item.id in found:
            content.problems.append(
                Problem(
                    document.path,
                    document.line_of((index, "id")),
                    "id",
                    f"'{item.id}' is used twice",
                    "give each item its own id",
                )
            )
        found.setdefault(item.id, item)
    return found


def read(folder: Path, root: Path | None = None) -> Content:
    """Read and validate everything in the guide folder."""
    root = root or folder.parent
    content = Content()
    for name in TEXTS:
        path = folder / f"{name}.md"
        content.files += 1
        if path.is_file():
            text, problems = load.decode(path.read_bytes(), _display(path, root))
            content.problems.extend(problems)
            content.texts[name] = text or ""
        else:
            content.problems.append(
                Problem(_display(path, root), 1, "", "is missing", "restore it from the repository")
            )
    document = _read(folder / "blocks.yml", root, dict, content)
    if document:
        content.blocks = dict(_items(document, Block, content))
    for attribute, model in (("testimonies", Testimony), ("statements", Statement)):
        document = _read(folder / f"{attribute}.yml", root, list, content)
        if document:
            setattr(
                content,
                attribute,
                _unique(document, list(_items(document, model, content)), content),
            )
    for path in sorted((folder / "agendas").glob("*.yml")):
        document = _read(path, root, dict, content)
        if document is None:
            continue
        try:
            content.agendas[path.stem] = (Agenda.model_validate(document.data), document)
        except ValidationError as error:
            content.problems.extend(schema_problems(error, document, Agenda))
    return content


# ---------------------------------------------------------------------------
# Checks on an agenda
# ---------------------------------------------------------------------------


def check_agenda(
    agenda: Agenda, document: Document, content: Content, practice_ids: set[str]
) -> Iterator[Problem]:
    """Times contiguous and inside the window; every reference exists."""
    path = document.path

    def at(*location: str | int) -> int:
        return document.line_of(location)

    if agenda.end <= agenda.start:
        yield Problem(
            path,
            at("end"),
            "end",
            f"{clock(agenda.end)} is not after the start {clock(agenda.start)}",
            "the session ends after it starts",
        )
    previous_end = agenda.start
    for index, slot in enumerate(agenda.blocks):
        where = f"blocks.{slot.block}"
        if slot.start != previous_end:
            before = "the session starts" if index == 0 else "the previous block ends"
            yield Problem(
                path,
                at("blocks", index, "start"),
                f"{where}.start",
                f"starts at {clock(slot.start)} but {before} at {clock(previous_end)}",
                f"start it at {clock(previous_end)} so that no time is lost or counted twice",
            )
        if slot.end <= slot.start:
            yield Problem(
                path,
                at("blocks", index, "end"),
                f"{where}.end",
                f"ends at {clock(slot.end)}, not after its start {clock(slot.start)}",
                "a block ends after it starts",
            )
        elif slot.minutes is not None and slot.minutes != slot.end - slot.start:
            yield Problem(
                path,
                at("blocks", index, "minutes"),
                f"{where}.minutes",
                f"says {slot.minutes} minutes but {clock(slot.start)}–{clock(slot.end)} is "
                f"{slot.end - slot.start}",
                "correct the minutes or the times",
            )
        if slot.end > agenda.end:
            yield Problem(
                path,
                at("blocks", index, "end"),
                f"{where}.end",
                f"ends at {clock(slot.end)}, after the session ends at {clock(agenda.end)}",
                "shorten the block or move the session's end",
            )
        previous_end = slot.end
        if slot.block not in content.blocks:
            yield Problem(
                path,
                at("blocks", index, "block"),
                "blocks.block",
                f"'{slot.block}' is not a block in guide/blocks.yml",
                suggest(slot.block, list(content.blocks)),
            )
        for name, known in (
            ("testimonies", content.testimonies),
            ("statements", content.statements),
            ("practices", practice_ids),
        ):
            for item, value in enumerate(getattr(slot, name)):
                if value not in known:
                    source = "practices/" if name == "practices" else f"guide/{name}.yml"
                    yield Problem(
                        path,
                        at("blocks", index, name, item),
                        f"{where}.{name}",
                        f"'{value}' is not in {source}",
                        suggest(value, sorted(known)),
                    )
        if slot.block in content.blocks and slot.end > slot.start:
            for name, message in overrun(slot, content.blocks[slot.block]):
                line = at("blocks", index, name) if getattr(slot, name) else at("blocks", index)
                yield Problem(
                    path,
                    line,
                    f"{where}.{name}",
                    message,
                    f"give this agenda its own '{name}:' for the block, or lengthen it",
                )
    if agenda.blocks and previous_end < agenda.end:
        yield Problem(
            path,
            at("blocks", len(agenda.blocks) - 1, "end"),
            f"blocks.{agenda.blocks[-1].block}.end",
            f"the last block ends at {clock(previous_end)}, before the session ends at "
            f"{clock(agenda.end)}",
            "end the last block when the session ends, or move the session's end",
        )


_CUE_MINUTE = re.compile(r"^(\d+) min\b")
_PART_MINUTES = re.compile(r"\((\d+) minutes?\)")


def overrun(slot: Slot, block: Block) -> Iterator[tuple[str, str]]:
    """Timing the block gives that the slot's minutes cannot hold: (field, message)."""
    minutes = slot.end - slot.start
    adapted = slot.adapt(block)
    late = [int(m.group(1)) for cue in adapted.cues if (m := _CUE_MINUTE.match(cue))]
    if late and max(late) > minutes:
        yield (
            "cues",
            f"a timing cue says {max(late)} min, past the end of this {minutes}-minute block",
        )
    total = sum(int(m) for part in adapted.running_order for m in _PART_MINUTES.findall(part))
    if total > minutes:
        yield (
            "running_order",
            f"the running order adds up to {total} minutes in this {minutes}-minute block",
        )


def validate(folder: Path, practice_ids: set[str], root: Path | None = None) -> Content:
    """Read the guide and check every agenda; all problems end up in ``content.problems``."""
    content = read(folder, root)
    for agenda, document in content.agendas.values():
        content.problems.extend(check_agenda(agenda, document, content, practice_ids))
    content.problems.sort(key=lambda p: (p.path, p.line))
    return content


def panel_practices(slot: Slot, practices: list) -> list:
    """The practices a panel block presents: by id in the agenda's order, or by theme."""
    by_id = {p.id: p for p in practices}
    chosen = [by_id[i] for i in slot.practices if i in by_id]
    if slot.themes:
        chosen += [
            p
            for p in sorted(practices, key=lambda p: p.title.casefold())
            if set(p.themes) & set(slot.themes) and p not in chosen
        ]
    return chosen
