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
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    ValidationError,
    WithJsonSchema,
)

from ..check.registry import rule
from ..core import load
from ..core.load import Document
from ..core.model import Choice, Id, Language, Strict, Url, rule_error, valid_when
from ..core.problem import Problem
from ..core.schema_errors import schema_problems
from ..core.vocabulary import suggest
from . import translation  # its rules register with the guide's (it reads agendas lazily)

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


_rounds = valid_when(
    lambda value: value in ROUNDS,
    "'{value}' is not a way of running the rounds",
    "write 'open' (papers held up for the room to see) or 'anonymous'",
)
_pace = valid_when(
    lambda value: 40 <= value <= 300,
    "{value} is not a pace for reading aloud",
    "give words a minute between 40 and 300; 120 suits most readers",
)


Pace = Annotated[int, AfterValidator(_pace)]
# Words read aloud per minute when an agenda gives no pace for a language. A passage
# takes about the same time to read aloud in each language (the IReST study of
# matched texts in 17 languages found reading times per text close across them,
# while words a minute differ), so the pace in words follows how many words a
# language needs for the same passage: this guide's French and Spanish say it in as
# many words as the English, its Arabic in about a sixth fewer (its words carry
# articles, prepositions and pronouns). Set `pace:` in an agenda, as a number for
# every language or per language ({en: 120, fr: 110}), to use your readers' own.
DEFAULT_PACE = {"en": 120, "fr": 120, "es": 120, "ar": 100}
ROUNDS = ("open", "anonymous")
Rounds = Annotated[str, AfterValidator(_rounds), WithJsonSchema({"enum": list(ROUNDS)})]


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
    learning_points: Annotated[list[Text], Field(min_length=2, max_length=3)]


class StatementNotes(Strict):
    """What the facilitator needs to know about a statement (never shown to participants)."""

    about: Text
    rule: Text | None = None
    myth: Text | None = None


class Statement(Strict):
    """A statement for the gender-norms exercise."""

    id: Id
    text: Text
    about: Choice("statement_kinds", "a kind of statement")  # core/data/vocabularies.yml
    notes: StatementNotes
    anonymous_only: bool = False


class NoteSource(Strict):
    """A public source a facilitator's note rests on."""

    title: Text
    url: Url


class Note(Strict):
    """Background or advice for the facilitator, with the public sources it rests on."""

    title: Text
    text: Text
    sources: list[NoteSource] = Field(default_factory=list)


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
    # the rounds when an agenda asks for them anonymous (facilitator only)
    anonymous_rounds: list[Text] = Field(default_factory=list)
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
    # panel practices may also be chosen by these (all kinds given must match, any value of one)
    regions: list[Choice("regions", "a region")] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=list)
    organisation_types: list[Choice("organisation_types", "an organisation type")] = Field(
        default_factory=list
    )
    # a one-line summary, in the guide's language, of a practice written in another one
    summaries: dict[Id, Text] = Field(default_factory=dict)
    rounds: Rounds = "open"
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
    # words read aloud per minute: one number for every language, or one per language
    # ({en: 120, fr: 140}); a language it does not name reads at DEFAULT_PACE
    pace: Pace | dict[Language, Pace] | None = None
    blocks: Annotated[list[Slot], Field(min_length=1)]

    def pace_for(self, language: str | None = None) -> int:
        """Words a minute read aloud in ``language`` (the agenda's own by default)."""
        language = (language or self.language).split("-")[0].lower()
        if isinstance(self.pace, int):
            return self.pace
        given = {k.split("-")[0].lower(): v for k, v in (self.pace or {}).items()}
        return given.get(language) or DEFAULT_PACE.get(language, DEFAULT_PACE["en"])


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
    # the language of this content; English reads guide/, others guide/i18n/<lang>/
    language: str = "en"
    status: Any = None  # translation.Status of a translated language
    translations: dict[str, Content] = field(default_factory=dict)
    strings: int = 0  # strings translated (for `kb review`)
    english: Content | None = None  # in a translation: the English it mirrors

    def for_language(self, language: str) -> Content:
        """The guide in ``language``: its translation (the English wherever a
        translation is missing, as the validator reports), or this content."""
        return self.translations.get(language.split("-")[0].lower(), self)


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------
# The rules of the guide's files (registered in check/registry.py, area "guide")
# ---------------------------------------------------------------------------


@rule("guide")
def present(path: Path, name: str) -> Iterator[Problem]:
    """Each of the guide's files is there: its four texts (overview, preparation,
    safeguarding, commitments), blocks.yml, testimonies.yml and statements.yml."""
    if not path.is_file():
        yield Problem(name, 1, "", "is missing", "restore it from the repository")


@rule("guide")
def plain_yaml(data: bytes, name: str, top: type = dict) -> tuple[Document | None, list[Problem]]:
    """Each data file of the guide (blocks, testimonies, statements, agendas, event sheets
    and their translations) is UTF-8 text of plain YAML: valid syntax, each key once, no
    aliases, merge keys or tags, and a mapping or a list at the top as the file needs."""
    return load.parse_data(data, name, top)


@rule("guide")
def fits_the_model(
    data: Any, document: Document, model: type[BaseModel], location: tuple = ()
) -> tuple[Any, list[Problem]]:
    """Each block, testimony, statement, agenda, event sheet and translation status has
    the fields its model defines and no other, each of its type and form: times as HH:MM,
    a pace of 40 to 300 words a minute, rounds 'open' or 'anonymous', a statement's kind
    from its vocabulary, themes, regions and organisation types from theirs.

    Returns the validated model (None when it does not fit) and the problems."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, list(schema_problems(error, document, model, location))


@rule("guide")
def ids_unique(document: Document, items: list[tuple[int, Any]]) -> Iterator[Problem]:
    """Each testimony and each statement has an id of its own."""
    seen: set[str] = set()
    for index, item in items:
        if item.id in seen:
            yield document.problem(
                (index, "id"),
                "id",
                f"'{item.id}' is used twice",
                "give each item its own id",
            )
        seen.add(item.id)


def _read(path: Path, root: Path, top: type, content: Content) -> Document | None:
    content.files += 1
    name = _display(path, root)
    missing = list(present(path, name))
    if missing:
        content.problems.extend(missing)
        return None
    document, problems = plain_yaml(path.read_bytes(), name, top)
    content.problems.extend(problems)
    return document


def _items(
    document: Document, model: type[BaseModel], content: Content
) -> Iterator[tuple[Any, Any]]:
    """Validate each item of a list or mapping file; yield (key, model) for the good ones."""
    pairs = document.data.items() if isinstance(document.data, dict) else enumerate(document.data)
    for key, value in pairs:
        item, problems = fits_the_model(value, document, model, (key,))
        content.problems.extend(problems)
        if item is not None:
            yield key, item


def _unique(document: Document, items: list[tuple[int, Any]], content: Content) -> dict[str, Any]:
    content.problems.extend(ids_unique(document, items))
    found: dict[str, Any] = {}
    for _, item in items:
        found.setdefault(item.id, item)
    return found


def read(folder: Path, root: Path | None = None) -> Content:
    """Read and validate everything in the guide folder."""
    root = root or folder.parent
    content = Content()
    for name in TEXTS:
        path = folder / f"{name}.md"
        content.files += 1
        missing = list(present(path, _display(path, root)))
        if not missing:
            text, problems = load.decode(path.read_bytes(), _display(path, root))
            content.problems.extend(problems)
            content.texts[name] = text or ""
        content.problems.extend(missing)
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
        found, problems = fits_the_model(document.data, document, Agenda)
        content.problems.extend(problems)
        if found is not None:
            content.agendas[path.stem] = (found, document)
    content.translations = dict(translation.read_all(folder, root, content))
    return content


# ---------------------------------------------------------------------------
# Checks on an agenda
# ---------------------------------------------------------------------------


def check_agenda(
    agenda: Agenda, document: Document, content: Content, practice_ids: set[str]
) -> Iterator[Problem]:
    """Every rule of an agenda (area "agenda" of the registry), block by block."""
    yield from session_window(agenda, document)
    previous_end = agenda.start
    for index, slot in enumerate(agenda.blocks):
        yield from blocks_contiguous(agenda, slot, index, previous_end, document)
        yield from block_times(agenda, slot, index, document)
        previous_end = slot.end
        yield from block_exists(slot, index, document, content)
        yield from references_exist(slot, index, document, content, practice_ids)
        yield from timing_fits(slot, index, document, content)
        yield from _slot_rules(agenda, slot, index, document, content, practice_ids)
    yield from ends_with_session(agenda, document)


def _where(slot: Slot) -> str:
    return f"blocks.{slot.block}"


@rule("agenda")
def session_window(agenda: Agenda, document: Document) -> Iterator[Problem]:
    """An agenda's session ends after it starts."""
    if agenda.end <= agenda.start:
        yield document.problem(
            ("end",),
            "end",
            f"{clock(agenda.end)} is not after the start {clock(agenda.start)}",
            "the session ends after it starts",
        )


@rule("agenda")
def blocks_contiguous(
    agenda: Agenda, slot: Slot, index: int, previous_end: int, document: Document
) -> Iterator[Problem]:
    """Each block starts when the one before it ends, and the first when the session
    starts, so that no time is lost or counted twice."""
    if slot.start != previous_end:
        before = "the session starts" if index == 0 else "the previous block ends"
        yield document.problem(
            ("blocks", index, "start"),
            f"{_where(slot)}.start",
            f"starts at {clock(slot.start)} but {before} at {clock(previous_end)}",
            f"start it at {clock(previous_end)} so that no time is lost or counted twice",
        )


@rule("agenda")
def block_times(agenda: Agenda, slot: Slot, index: int, document: Document) -> Iterator[Problem]:
    """Each block ends after it starts and no later than the session, and the minutes it
    states, if any, are those of its times."""
    where = _where(slot)
    if slot.end <= slot.start:
        yield document.problem(
            ("blocks", index, "end"),
            f"{where}.end",
            f"ends at {clock(slot.end)}, not after its start {clock(slot.start)}",
            "a block ends after it starts",
        )
    elif slot.minutes is not None and slot.minutes != slot.end - slot.start:
        yield document.problem(
            ("blocks", index, "minutes"),
            f"{where}.minutes",
            f"says {slot.minutes} minutes but {clock(slot.start)}–{clock(slot.end)} is "
            f"{slot.end - slot.start}",
            "correct the minutes or the times",
        )
    if slot.end > agenda.end:
        yield document.problem(
            ("blocks", index, "end"),
            f"{where}.end",
            f"ends at {clock(slot.end)}, after the session ends at {clock(agenda.end)}",
            "shorten the block or move the session's end",
        )


@rule("agenda")
def ends_with_session(agenda: Agenda, document: Document) -> Iterator[Problem]:
    """The last block ends when the session ends."""
    if agenda.blocks and agenda.blocks[-1].end < agenda.end:
        last = agenda.blocks[-1]
        yield Problem(
            document.path,
            document.line_of(("blocks", len(agenda.blocks) - 1, "end")),
            f"blocks.{last.block}.end",
            f"the last block ends at {clock(last.end)}, before the session ends at "
            f"{clock(agenda.end)}",
            "end the last block when the session ends, or move the session's end",
        )


@rule("agenda")
def block_exists(slot: Slot, index: int, document: Document, content: Content) -> Iterator[Problem]:
    """Each block an agenda places is a block of guide/blocks.yml."""
    if slot.block not in content.blocks:
        yield document.problem(
            ("blocks", index, "block"),
            "blocks.block",
            f"'{slot.block}' is not a block in guide/blocks.yml",
            suggest(slot.block, list(content.blocks)),
        )


@rule("agenda")
def references_exist(
    slot: Slot, index: int, document: Document, content: Content, practice_ids: set[str]
) -> Iterator[Problem]:
    """Each testimony, statement and practice a block uses is in guide/testimonies.yml,
    guide/statements.yml or practices/."""
    for name, known in (
        ("testimonies", content.testimonies),
        ("statements", content.statements),
        ("practices", practice_ids),
    ):
        for item, value in enumerate(getattr(slot, name)):
            if value not in known:
                source = "practices/" if name == "practices" else f"guide/{name}.yml"
                yield document.problem(
                    ("blocks", index, name, item),
                    f"{_where(slot)}.{name}",
                    f"'{value}' is not in {source}",
                    suggest(value, sorted(known)),
                )


@rule("agenda")
def timing_fits(slot: Slot, index: int, document: Document, content: Content) -> Iterator[Problem]:
    """A block's timing cues and the minutes of its running order fit in the block's
    minutes, as the agenda times it."""
    if slot.block not in content.blocks or slot.end <= slot.start:
        return
    for name, message in overrun(slot, content.blocks[slot.block]):
        at = ("blocks", index, name) if getattr(slot, name) else ("blocks", index)
        yield document.problem(
            at,
            f"{_where(slot)}.{name}",
            message,
            f"give this agenda its own '{name}:' for the block, or lengthen it",
        )


def _slot_rules(
    agenda: Agenda,
    slot: Slot,
    index: int,
    document: Document,
    content: Content,
    practice_ids: set[str],
) -> Iterator[Problem]:
    """Rounds that suit their statements, summaries of chosen practices, reading that fits."""
    yield from anonymous_statements(slot, index, document, content)
    yield from summaries_exist(slot, index, document, practice_ids)
    yield from reading_fits(agenda, slot, index, document, content)


@rule("agenda")
def anonymous_statements(
    slot: Slot, index: int, document: Document, content: Content
) -> Iterator[Problem]:
    """A statement that asks people about their own organisation or safety is used only in
    a block that runs anonymous rounds."""
    if slot.rounds != "open":
        return
    for item, value in enumerate(slot.statements):
        statement = content.statements.get(value)
        if statement is not None and statement.anonymous_only:
            yield document.problem(
                ("blocks", index, "statements", item),
                f"{_where(slot)}.statements",
                f"'{value}' asks people about their own organisation or safety, so it is "
                "for anonymous rounds only, and this block runs open rounds",
                "set 'rounds: anonymous' for the block, or choose another statement",
            )


@rule("agenda")
def summaries_exist(
    slot: Slot, index: int, document: Document, practice_ids: set[str]
) -> Iterator[Problem]:
    """Each practice a block gives a one-line summary of is in practices/."""
    for value in slot.summaries:
        if value not in practice_ids:
            yield document.problem(
                ("blocks", index, "summaries", value),
                f"{_where(slot)}.summaries",
                f"'{value}' is not in practices/",
                suggest(value, sorted(practice_ids)),
            )


@rule("agenda")
def reading_fits(
    agenda: Agenda, slot: Slot, index: int, document: Document, content: Content
) -> Iterator[Problem]:
    """Reading a block aloud (its script and every testimony it reads, each with its title
    and content note) at the agenda's pace, in each language of the guide, ends before the
    block's last timing cue."""
    block = content.blocks.get(slot.block)
    if block is None or slot.end <= slot.start:
        return
    pace = agenda.pace_for()
    found = reading_overrun(slot, block, content, pace)
    if found:
        count, needed, allowed = found
        adapted = slot.adapt(block)
        cut = f"use the block's cuts ('{adapted.cuts[0]}'), " if adapted.cuts else ""
        yield document.problem(
            ("blocks", index),
            _where(slot),
            f"reading aloud needs {needed} minutes ({count} words at {pace} a minute), "
            f"but its timing cues leave {allowed} before the last cue",
            f"{cut}give this agenda its own 'script:' for the block, read fewer testimonies, "
            "or lengthen the block",
        )


def check_reading(content: Content, practice_ids: set[str]) -> Iterator[Problem]:
    """The read-aloud timing of a translated guide: each agenda's blocks, read in the
    language at its pace (the other rules of an agenda do not change in translation)."""
    for agenda, document in content.agendas.values():
        if agenda.language.split("-")[0] != content.language:
            continue  # the English agenda, used in place of a missing translation
        for index, slot in enumerate(agenda.blocks):
            yield from reading_fits(agenda, slot, index, document, content)


# stage directions in a script, such as *(Read the content note now.)*, are not read aloud
_DIRECTION = re.compile(r"\*\([^)]*\)\*")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def words(text: str) -> int:
    """The words of ``text`` a reader says aloud."""
    return len(_WORD.findall(_DIRECTION.sub(" ", text)))


def read_aloud(slot: Slot, block: Block, content: Content) -> int:
    """Words read aloud in a block: its script (the slot's, if it gives one) and every
    testimony the slot reads, each with its title and content note."""
    count = words(slot.adapt(block).script)
    for value in slot.testimonies:
        testimony = content.testimonies.get(value)
        if testimony is not None:
            count += sum(
                words(part) for part in (testimony.title, testimony.content_note, testimony.text)
            )
    return count


def reading_overrun(
    slot: Slot, block: Block, content: Content, pace: int
) -> tuple[int, int, int] | None:
    """(words, minutes needed, minutes allowed) when reading aloud at ``pace`` takes
    longer than the block's cues allow: up to its last cue before the end (the whole
    block when it has none)."""
    minutes = slot.end - slot.start
    marks = [int(m.group(1)) for cue in slot.adapt(block).cues if (m := _CUE_MINUTE.match(cue))]
    allowed = max((m for m in marks if 0 < m < minutes), default=minutes)
    count = read_aloud(slot, block, content)
    if count <= allowed * pace:
        return None
    return count, -(-count // pace), allowed


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
    for translated in content.translations.values():
        content.problems.extend(check_reading(translated, practice_ids))
    content.problems.sort(key=lambda p: (p.path, p.line))
    return content


def panel_practices(slot: Slot, practices: list) -> list:
    """The practices a panel block presents: first those named by id, in the agenda's
    order; then, by title, every practice that matches the slot's selection (its
    themes, regions, languages and organisation types: each kind given must match,
    any one value of a kind is enough)."""
    by_id = {p.id: p for p in practices}
    chosen = [by_id[i] for i in slot.practices if i in by_id]
    if selects(slot):
        chosen += [
            p
            for p in sorted(practices, key=lambda p: p.title.casefold())
            if matches(p, slot) and p not in chosen
        ]
    return chosen


SELECTIONS = ("themes", "regions", "languages", "organisation_types")


def selects(slot: Slot) -> bool:
    """True when the slot chooses panel practices by what they are, not only by id."""
    return any(getattr(slot, name) for name in SELECTIONS)


def _same_language(tag: str, wanted: list[str]) -> bool:
    tag = tag.casefold()
    return any(tag == w.casefold() or tag.startswith(w.casefold() + "-") for w in wanted)


def matches(practice: Any, slot: Slot) -> bool:
    """Whether ``practice`` fits every kind of selection the slot gives."""
    return all(
        (
            not slot.themes or bool(set(practice.themes) & set(slot.themes)),
            not slot.regions or bool(set(practice.regions) & set(slot.regions)),
            not slot.languages or _same_language(practice.language, slot.languages),
            not slot.organisation_types or practice.organisation.type in slot.organisation_types,
        )
    )
