"""The validator's rules. Each check is a generator of ``Problem``s.

Every rule is registered in ``registry`` with its area and severity, and its
docstring states it in one sentence (the README and the site list them from
there). ``validate`` runs them all over a set of files and collects every
problem in every file; a broken file never stops the others from being checked.
"""

from __future__ import annotations

import datetime as dt
import gc
import inspect
import itertools
import multiprocessing
import os
import re
import sys
import typing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import repeat
from pathlib import Path

from pydantic import ValidationError

from ..core import load, model, vocabulary
from ..core.load import Document, Location
from ..core.model import Practice
from ..core.problem import Problem
from ..core.schema_errors import schema_problems
from ..core.text import PLACEHOLDER, slug
from ..core.vocabulary import suggest
from . import markup, privacy, registry, sections
from .registry import add, rule

REVIEW_AFTER_DAYS = 365  # an entry is reviewed at least once a year


@dataclass
class Entry:
    """A valid practice with the text it came from."""

    practice: Practice
    document: Document

    @property
    def identity(self) -> Identity:
        practice = self.practice
        return Identity(practice.id, practice.language, practice.translations, self.document)


@dataclass
class Identity:
    """What the checks across files need of a practice: little enough to send between
    processes (its document without data or body; lines come from the frontmatter)."""

    id: str
    language: str
    translations: dict[str, str]
    document: Document

    def slim(self) -> Identity:
        document = self.document
        lines_only = Document(
            document.path, None, "", 0, document.frontmatter, first_line=document.first_line
        )
        return Identity(self.id, self.language, self.translations, lines_only)


@dataclass
class Report:
    """The outcome of validating a set of files."""

    entries: list[Entry] = field(default_factory=list)  # valid practices
    problems: list[Problem] = field(default_factory=list)  # errors
    files: int = 0
    shaped: list[Entry] = field(default_factory=list)  # right shape, problems or not
    warnings: list[Problem] = field(default_factory=list)  # advice: reported, not failing

    @property
    def ok(self) -> bool:
        return not self.problems


PARALLEL_FROM = 1000  # files: below this, starting processes costs more than it saves
CHUNK = 250


def validate(
    paths: Iterable[Path],
    today: dt.date | None = None,
    root: Path | None = None,
    parallel: bool = False,
    shape_only: bool = False,
    context: Iterable[Path] = (),
) -> Report:
    """Check every practice file in ``paths`` and then the set as a whole.

    ``context`` names the other practices of the knowledge base when only some are
    checked: the rules across files see them (a translation may point at one, an id
    may not repeat one), but their own problems are not reported.

    With ``parallel``, many files are checked in one process per processor, and
    the report holds the problems only: ``entries`` and ``shaped`` stay empty.
    With ``shape_only``, only what rendering needs is checked: each file read, its
    fields against the schema and the rules, the set as a whole; the checks of
    the text (markup, identifying details, placeholders, sections) are left out.
    """
    today = today or dt.date.today()
    base = os.path.realpath(root or Path.cwd())
    paths = list(paths)
    files = list(load.iter_files(paths))
    report = Report(files=len(files))
    processes = min(os.cpu_count() or 1, len(files) // CHUNK)
    with _gc_paused():
        if parallel and len(files) >= PARALLEL_FROM and processes > 1:
            identities = _check_in_processes(files, base, today, report.problems, processes)
        else:
            report.shaped = _check_files(files, base, today, report.problems, shape_only)
            identities = [entry.identity for entry in report.shaped]
    # a folder both checked and given as context (`kb validate practices` does that) adds
    # no file, and resolving each of its files' paths would take a while
    checked_folders = {os.path.realpath(p) for p in paths if _folder(p)}
    context = [c for c in context if not (_folder(c) and os.path.realpath(c) in checked_folders)]
    others = list(load.iter_files(context))
    if others:
        checked = {os.path.realpath(f) for f in files}
        others = [f for f in others if os.path.realpath(f) not in checked]
    if others:
        known = [e.identity for e in _check_files(others, base, today, [], shape_only=True)]
        names = {e.document.path for e in known}
        report.problems.extend(
            p for p in check_collection(identities + known) if p.path not in names
        )
    else:
        report.problems.extend(check_collection(identities))
    report.warnings = [p for p in report.problems if p.severity == "warning"]
    if report.warnings:
        report.problems = [p for p in report.problems if p.severity != "warning"]
    report.problems.sort(key=lambda p: (p.path, p.line))
    report.warnings.sort(key=lambda p: (p.path, p.line))
    bad = {p.path for p in report.problems}
    report.entries = [e for e in report.shaped if e.document.path not in bad]
    return report


def _folder(path: Path) -> bool:
    """Whether ``load.iter_files`` lists the files in ``path`` (a folder, not a link to one)."""
    return path.is_dir() and not path.is_symlink()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Many small objects and no cycles: the collector only slows a large run down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_files(
    files: list[Path],
    base: str,
    today: dt.date,
    problems: list[Problem],
    shape_only: bool = False,
) -> list[Entry]:
    """Check each file; add its problems to ``problems``; return the entries of the right
    shape, whatever their other problems."""
    shaped = []
    folders: dict[Path, str] = {}
    for path in files:
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = _display(path.parent, base)
        name = path.name if folder == "." else os.path.join(folder, path.name)
        problems.extend(file_name(path, name))
        document, found = readable(path, name)
        problems.extend(found)
        if document is None:
            continue
        practice, found = check_document(document, today, shape_only)
        problems.extend(found)
        if practice is not None:
            shaped.append(Entry(practice, document))
    return shaped


def _check_chunk(
    files: list[Path], base: str, today: dt.date
) -> tuple[list[Problem], list[Identity]]:
    """One process's share of the files: their problems and identities."""
    with _gc_paused():
        problems: list[Problem] = []
        shaped = _check_files(files, base, today, problems)
        return problems, [entry.identity.slim() for entry in shaped]


def process_pool(processes: int) -> ProcessPoolExecutor:
    """Processes that fork where that is safe and cheap (Linux); elsewhere each
    imports the package afresh."""
    method = "fork" if sys.platform == "linux" else "spawn"
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context(method))


def _check_in_processes(
    files: list[Path], base: str, today: dt.date, problems: list[Problem], processes: int
) -> list[Identity]:
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    identities: list[Identity] = []
    with process_pool(processes) as pool:
        for found, chunk_identities in pool.map(_check_chunk, chunks, repeat(base), repeat(today)):
            problems.extend(found)
            identities.extend(chunk_identities)
    return identities


@rule("file")
def readable(path: Path, name: str) -> tuple[Document | None, list[Problem]]:
    """A practice is a regular file ending in '.md' (not a folder, a special file or
    '.MD') of UTF-8 text (BOM or not, LF or CRLF, no invisible line separator such as
    U+2028) that opens with a '---' frontmatter block of plain YAML fields: valid syntax,
    each key once, no aliases, merge keys or tags, and only real dates."""
    return load.read(path, name)


@rule("file")
def file_name(path: Path, name: str) -> Iterator[Problem]:
    """A practice's file name is its id (lowercase ASCII letters, digits and hyphens),
    then '.md'."""
    if not re.fullmatch(model.ID_PATTERN, path.stem):
        better = slug(path.stem) or "practice-title"
        yield Problem(
            name,
            1,
            "",
            f"the file name {path.name!r} has capitals, spaces, accents or other characters",
            f"rename it to {better}.md",
        )
    elif path.suffix != ".md":
        yield Problem(
            name,
            1,
            "",
            f"the file name {path.name!r} must end in '.md'",
            f"rename it to {path.stem}.md",
        )


def _display(path: Path, base: str) -> str:
    """The path as contributors know it: relative to the repository when inside it."""
    relative = os.path.relpath(os.path.abspath(path), base)
    return str(path) if relative.startswith("..") else relative


def check_document(
    document: Document, today: dt.date, shape_only: bool = False
) -> tuple[Practice | None, list[Problem]]:
    """Validate one parsed document against the model and the rules (and its text)."""
    problems: list[Problem] = []
    if not shape_only:
        texts = list(strings(document.data))
        for check in TEXT_RULES:
            problems += check(document, texts)
    practice, found = fields_match_schema(document)
    problems += found
    if practice is not None:
        for check in RULES:
            problems += check(practice, document, today)
        for check in ADVICE:
            problems += (replace(p, severity="warning") for p in check(practice, document, today))
    if not shape_only:
        language = document.data.get("language")
        language = language if isinstance(language, str) else "en"
        problems.extend(sections.check(document.body, document.body_line, language, document.path))
    return practice, problems


@rule("fields")
def fields_match_schema(document: Document) -> tuple[Practice | None, list[Problem]]:
    """Every field is one the schema knows, every required one is there, and each value
    has its type, length and form (ids, BCP 47 language tags, ISO country codes, absolute
    http(s) URLs, dates, lists without repeats) and comes from its vocabulary."""
    try:
        return Practice.model_validate(document.data), []
    except ValidationError as error:
        return None, list(schema_problems(error, document))


Texts = list[tuple[Location, str]]


def strings(value: object, location: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every text value in parsed YAML, with where it is."""
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from strings(inner, (*location, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from strings(inner, (*location, index))


def _worth_a_look(texts: Texts, suspect: typing.Callable[[str], bool]) -> Texts:
    """The texts to check one by one: none when a quick test of them all together clears them.

    Most documents are clean, and one search of the joined text costs far
    less than one per field.
    """
    return texts if suspect("\n".join(value for _, value in texts)) else []


def _name(location: Location) -> str:
    return ".".join(str(p) for p in location if isinstance(p, str))


def _has_placeholder(text: str) -> bool:
    return PLACEHOLDER in text


@rule("text")
def placeholders(document: Document, texts: Texts) -> Iterator[Problem]:
    """No field and no line of the body keeps the template's '[FILL IN ...]' placeholder."""
    for location, value in _worth_a_look(texts, _has_placeholder):
        if PLACEHOLDER in value:
            document.broken.add(location)
            yield document.problem(
                location,
                _name(location),
                "still has the template's placeholder",
                "replace the [FILL IN ...] text with the real value",
            )
    if not _has_placeholder(document.body):
        return
    for number, line in enumerate(document.body.split("\n"), start=document.body_line):
        if PLACEHOLDER in line:
            yield Problem(
                document.path,
                number,
                "body",
                "still has the template's placeholder",
                "replace the [FILL IN ...] text with your own",
            )


@rule("text")
def hostile_markup(document: Document, texts: Texts) -> Iterator[Problem]:
    """No field or body holds raw HTML other than <br>, <sup>, <sub>, <abbr>, <kbd>,
    <mark> and <small> (without attributes but title), an HTML comment, an event handler,
    an attribute list, a javascript:, vbscript: or data: address, an image, or a link to
    anything but an http(s) or mailto address or another practice (<id>.md), judged on the
    HTML the site renders from the body (so code is what the renderer takes for code) and
    also when disguised by entities, case, whitespace or nesting."""
    for location, value in _worth_a_look(texts, markup.suspect):
        for message, hint in markup.text_problems(value):
            document.broken.add(location)
            yield document.problem(location, _name(location), message, hint)
    yield from markup.body_problems(document.body, document.body_line, document.path)


@rule("text")
def identifying_details(document: Document, texts: Texts) -> Iterator[Problem]:
    """No field or paragraph gives a personal email address (also written out, as in
    'name [at] domain [dot] org'), a phone number, a street address, or an exact age or
    date told together with an incident; role mailboxes such as psea@ are fine."""
    fields = [(location, value) for location, value in texts if location[-1:] != ("url",)]
    for location, value in _worth_a_look(fields, privacy.suspect):
        for message, hint in privacy.text_problems(value):
            yield document.problem(location, _name(location), message, hint)
    # paragraphs are checked as their lines joined by spaces; the quick test sees them so,
    # one to a line, so that no sentence runs from one paragraph into the next
    paragraphs = [
        (first, lines, " ".join(lines))
        for first, lines in _paragraphs(document.body, document.body_line)
    ]
    if not privacy.suspect("\n".join(paragraph for _, _, paragraph in paragraphs)):
        return
    for first, lines, paragraph in paragraphs:
        for message, hint in privacy.text_problems(paragraph):
            found = re.search(r"'([^']+)'", message)  # what was found, as the message quotes it
            at = paragraph.find(found.group(1)) if found else -1
            # the line it starts on: each line and its joining space, one after another
            ends = itertools.accumulate(len(line) + 1 for line in lines)
            offset = next((i for i, end in enumerate(ends) if at < end), 0) if at >= 0 else 0
            yield Problem(document.path, first + offset, "body", message, hint)


BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@rule("text")
def bidi_controls(document: Document, texts: Texts) -> Iterator[Problem]:
    """No field and no heading holds a bidirectional control character (U+202A to U+202E,
    U+2066 to U+2069), which can make a text read differently from what it is."""
    hint = "remove it: the site sets the direction of each language itself"
    for location, value in _worth_a_look(texts, BIDI.search):
        found = BIDI.search(value)
        if found:
            yield document.problem(
                location,
                _name(location),
                f"holds the bidirectional control character U+{ord(found.group()):04X}",
                hint,
            )
    if not BIDI.search(document.body):
        return
    for heading in sections.headings(document.body, document.body_line):
        found = BIDI.search(heading.text)
        if found:
            yield Problem(
                document.path,
                heading.line,
                "body",
                f"the heading holds the bidirectional control character U+{ord(found.group()):04X}",
                hint,
            )


def _paragraphs(body: str, first_line: int) -> Iterator[tuple[int, list[str]]]:
    """Runs of non-blank lines, with the line number each starts on."""
    start, lines = first_line, []
    for number, line in enumerate(body.split("\n"), start=first_line):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            yield start, lines
            lines = []
    if lines:
        yield start, lines


# ---------------------------------------------------------------------------
# Rules on a practice that has the right shape
# ---------------------------------------------------------------------------


@rule("fields")
def id_matches_file(practice: Practice, document: Document, today: dt.date) -> Iterator[Problem]:
    """A practice's id is its file name without '.md'."""
    stem = Path(document.path).stem
    if practice.id != stem:
        yield document.problem(
            ("id",),
            "id",
            f"{practice.id!r} does not match the file name {Path(document.path).name!r}",
            f"name the file {practice.id}.md (an id never changes once published)",
        )


@rule("fields")
def dates_in_order(practice: Practice, document: Document, today: dt.date) -> Iterator[Problem]:
    """The dates submitted and last reviewed are not in the future and the review comes on
    or after submission; the practice's years have begun and run forwards."""
    for name in ("submitted", "last_reviewed"):
        value: dt.date = getattr(practice, name)
        if value > today:
            yield document.problem(
                (name,),
                name,
                f"{value.isoformat()} is in the future",
                f"use a date on or before {today.isoformat()}",
            )
    if practice.last_reviewed < practice.submitted:
        yield document.problem(
            ("last_reviewed",),
            "last_reviewed",
            f"{practice.last_reviewed.isoformat()} is before submitted "
            f"({practice.submitted.isoformat()})",
            "a review comes on or after submission",
        )
    years = practice.years
    if years and years.end is not None and years.end < years.start:
        yield document.problem(
            ("years", "end"),
            "years.end",
            f"{years.end} is before the start year {years.start}",
            "swap them, or correct the year",
        )
    if years and years.start > today.year:
        yield document.problem(
            ("years", "start"),
            "years.start",
            f"{years.start} is in the future",
            "give the year the practice started",
        )


@rule("fields")
def sources_when_compiled(
    practice: Practice, document: Document, today: dt.date
) -> Iterator[Problem]:
    """An entry compiled from public sources cites them."""
    if practice.provenance == "compiled" and not practice.sources:
        yield document.problem(
            ("provenance",),
            "sources",
            "a compiled entry must cite its sources",
            "add 'sources:' with the title and URL of each public source used",
        )


@rule("fields")
def translations_elsewhere(
    practice: Practice, document: Document, today: dt.date
) -> Iterator[Problem]:
    """An entry lists as its translations only entries in other languages."""
    for language in practice.translations:
        if language == practice.language:
            yield document.problem(
                ("translations", language),
                "translations",
                f"{language!r} is this entry's own language",
                "list only the entries in other languages",
            )


@rule("fields")
def consent_by_provenance(
    practice: Practice, document: Document, today: dt.date
) -> Iterator[Problem]:
    """A submitted entry records the organisation's consent; a compiled one records none."""
    if practice.provenance == "submitted" and practice.consent is None:
        yield document.problem(
            ("provenance",),
            "consent",
            "a submitted entry must record the organisation's consent",
            "add 'consent:' with 'publication: true' and 'no_identifying_details: true' below "
            "it, once the organisation has agreed to publication",
        )
    elif practice.provenance == "compiled" and practice.consent is not None:
        yield document.problem(
            ("consent",),
            "consent",
            "a compiled entry no longer records consent: no organisation has agreed to it "
            "yet, so 'consent: {publication: true, ...}' would claim what did not happen",
            "remove the 'consent:' lines; when the organisation confirms the entry, set "
            "'provenance: submitted' and add them back (see the maintainers' page)",
        )


@rule("fields")
def evidence_rests_on_evaluation(
    practice: Practice, document: Document, today: dt.date
) -> Iterator[Problem]:
    """An evidence level above anecdotal names the source it rests on with 'evaluation: true'."""
    if practice.evidence in model.EVALUATED and not any(s.evaluation for s in practice.sources):
        yield document.problem(
            ("evidence",),
            "evidence",
            f"'{practice.evidence}' needs a source marked 'evaluation: true': the "
            "evaluation, study or monitoring record the level rests on",
            "add 'evaluation: true' under that source in 'sources:' (and name it in "
            "'What changed'), or set 'evidence: anecdotal'",
        )


@rule("fields")
def copy_hosts_labelled(
    practice: Practice, document: Document, today: dt.date
) -> Iterator[Problem]:
    """A source on a known copy host says so in its title: '(copy hosted by <host>)'."""
    for index, source in enumerate(practice.sources):
        host = vocabulary.copy_host(source.url)
        if host and f"(copy hosted by {host})" not in source.title:
            yield document.problem(
                ("sources", index, "title"),
                "sources.title",
                f"{host} re-hosts documents published by others, and the title does not say so",
                f"link the publisher's own page if there is one; otherwise end the title "
                f"with '(copy hosted by {host})'",
            )


@rule("fields", severity="warning")
def review_due(practice: Practice, document: Document, today: dt.date) -> Iterator[Problem]:
    """An entry is reviewed at least once a year: one whose last review is older is due."""
    due = practice.last_reviewed + dt.timedelta(days=REVIEW_AFTER_DAYS)
    if due < today:
        yield document.problem(
            ("last_reviewed",),
            "last_reviewed",
            f"{practice.last_reviewed.isoformat()} was more than a year ago: the entry was due "
            f"for review on {due.isoformat()}",
            "check it with the organisation or its sources, then set last_reviewed to the day",
        )


# ---------------------------------------------------------------------------
# Rules across the whole set
# ---------------------------------------------------------------------------


def check_collection(entries: list[Identity]) -> Iterator[Problem]:
    """The rules across files: each id once; translations point at entries that exist."""
    owners = _owners(entries)
    yield from ids_unique(entries, owners)
    yield from translations_exist(entries, owners)


def _owners(entries: list[Identity]) -> dict[str, Identity]:
    """Each id's practice: the file named after the id owns it, whatever the order."""
    first: dict[str, Identity] = {}
    for entry in sorted(entries, key=lambda e: Path(e.document.path).stem != e.id):
        first.setdefault(entry.id, entry)
    return first


@rule("set")
def ids_unique(entries: list[Identity], owners: dict[str, Identity]) -> Iterator[Problem]:
    """Each id belongs to one practice only."""
    for entry in sorted(entries, key=lambda e: Path(e.document.path).stem != e.id):
        other = owners[entry.id]
        if other is not entry:
            yield entry.document.problem(
                ("id",),
                "id",
                f"{entry.id!r} is already the id of {other.document.path}",
                "choose another id; each practice has its own",
            )


@rule("set")
def translations_exist(entries: list[Identity], owners: dict[str, Identity]) -> Iterator[Problem]:
    """Each translation an entry lists is the id of a practice written in that language."""
    for entry in entries:
        for language, target in entry.translations.items():
            found = owners.get(target)
            if found is None:
                yield entry.document.problem(
                    ("translations", language),
                    "translations",
                    f"{target!r} is not the id of any practice",
                    suggest(target, list(owners)),
                )
            elif found.language != language:
                yield entry.document.problem(
                    ("translations", language),
                    "translations",
                    f"{target!r} is written in {found.language!r}, not {language!r}",
                    f"list it under '{found.language}:'",
                )


add(sections.check, "body")


def _registered(parameters: tuple[str, ...], severity: str) -> tuple[typing.Callable, ...]:
    """The registered rules called with ``parameters``, of one severity, in their order."""
    return tuple(
        r.function
        for r in registry.RULES
        if r.severity == severity
        and tuple(inspect.signature(r.function).parameters)[: len(parameters)] == parameters
    )


# what check_document runs, from the registry
TEXT_RULES = _registered(("document", "texts"), "error")
RULES = _registered(("practice", "document", "today"), "error")
ADVICE = _registered(("practice", "document", "today"), "warning")  # their problems warn
