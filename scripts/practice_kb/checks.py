"""The validator's rules. Each check is a generator of ``Problem``s.

``validate`` runs them all over a set of files and collects every problem in
every file; a broken file never stops the others from being checked.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import load, markup, model, privacy, sections, template
from .load import Document, Location
from .model import Practice
from .problem import Problem
from .vocabulary import suggest


@dataclass
class Entry:
    """A valid practice with the text it came from."""

    practice: Practice
    document: Document


@dataclass
class Report:
    """The outcome of validating a set of files."""

    entries: list[Entry] = field(default_factory=list)  # valid practices
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    shaped: list[Entry] = field(default_factory=list)  # right shape, problems or not

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(
    paths: Iterable[Path], today: dt.date | None = None, root: Path | None = None
) -> Report:
    """Check every practice file in ``paths`` and then the set as a whole."""
    today = today or dt.date.today()
    report = Report()
    shaped: list[Entry] = []  # right shape, possibly with other problems
    base = os.path.realpath(root or Path.cwd())
    with _gc_paused():
        _check_files(paths, base, today, report, shaped)
    report.problems.extend(check_collection(shaped))
    report.problems.sort(key=lambda p: (p.path, p.line))
    bad = {p.path for p in report.problems}
    report.entries = [e for e in shaped if e.document.path not in bad]
    report.shaped = shaped
    return report


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
    paths: Iterable[Path], base: str, today: dt.date, report: Report, shaped: list[Entry]
) -> None:
    for path in load.iter_files(list(paths)):
        report.files += 1
        name = _display(path, base)
        report.problems.extend(file_name(path, name))
        document, problems = load.read(path, name)
        report.problems.extend(problems)
        if document is None:
            continue
        practice, problems = check_document(document, today)
        report.problems.extend(problems)
        if practice is not None:
            shaped.append(Entry(practice, document))


def file_name(path: Path, name: str) -> Iterator[Problem]:
    """A practice's file name is its id: lowercase ASCII letters, digits and hyphens."""
    if not re.fullmatch(model.ID_PATTERN, path.stem):
        better = template.slug(path.stem) or "practice-title"
        yield Problem(
            name,
            1,
            "",
            f"the file name {path.name!r} has capitals, spaces, accents or other characters",
            f"rename it to {better}.md",
        )


def _display(path: Path, base: str) -> str:
    """The path as contributors know it: relative to the repository when inside it."""
    relative = os.path.relpath(os.path.abspath(path), base)
    return str(path) if relative.startswith("..") else relative


def check_document(document: Document, today: dt.date) -> tuple[Practice | None, list[Problem]]:
    """Validate one parsed document against the model and the rules."""
    problems: list[Problem] = [
        *placeholders(document),
        *hostile_markup(document),
        *identifying_details(document),
    ]
    try:
        practice = Practice.model_validate(document.data)
    except ValidationError as error:
        practice = None
        problems.extend(schema_problems(error, document))
    if practice is not None:
        for rule in RULES:
            problems.extend(rule(practice, document, today))
    language = document.data.get("language")
    language = language if isinstance(language, str) else "en"
    problems.extend(sections.check(document.body, document.body_line, language, document.path))
    return practice, problems


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


def _name(location: Location) -> str:
    return ".".join(str(p) for p in location if isinstance(p, str))


def placeholders(document: Document) -> Iterator[Problem]:
    """Template placeholders left in the fields or the body."""
    for location, value in strings(document.data):
        if template.PLACEHOLDER in value:
            document.broken.add(location)
            yield Problem(
                document.path,
                document.line_of(location),
                _name(location),
                "still has the template's placeholder",
                "replace the [FILL IN ...] text with the real value",
            )
    for number, line in enumerate(document.body.split("\n"), start=document.body_line):
        if template.PLACEHOLDER in line:
            yield Problem(
                document.path,
                number,
                "body",
                "still has the template's placeholder",
                "replace the [FILL IN ...] text with your own",
            )


def hostile_markup(document: Document) -> Iterator[Problem]:
    """HTML, scripts and dangerous addresses in any field or in the body."""
    for location, value in strings(document.data):
        for message, hint in markup.text_problems(value):
            document.broken.add(location)
            yield Problem(document.path, document.line_of(location), _name(location), message, hint)
    yield from markup.body_problems(document.body, document.body_line, document.path)


def identifying_details(document: Document) -> Iterator[Problem]:
    """Emails, phone numbers, addresses, ages and dates that could identify someone."""
    for location, value in strings(document.data):
        if location and location[-1] == "url":
            continue
        for message, hint in privacy.text_problems(value):
            yield Problem(document.path, document.line_of(location), _name(location), message, hint)
    for first, lines in _paragraphs(document.body, document.body_line):
        for message, hint in privacy.text_problems(" ".join(lines)):
            found = re.search(r"'([^']+)'", message)
            words = found.group(1).split() if found else []
            offset = next((i for i, line in enumerate(lines) if words and words[0] in line), 0)
            yield Problem(document.path, first + offset, "body", message, hint)


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
# Schema errors, relabelled for people
# ---------------------------------------------------------------------------

_KIND = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a set of 'key: value' fields",
    "model_type": "a set of 'key: value' fields",
    "model_attributes_type": "a set of 'key: value' fields",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "date_type": "a date (YYYY-MM-DD)",
}


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat()}"
    return repr(value)


def schema_problems(
    error: ValidationError,
    document: Document,
    root: type[BaseModel] = Practice,
    prefix: Location = (),
) -> Iterator[Problem]:
    """Pydantic's errors as problems people can act on, at the line of the value.

    ``root`` is the model that was validated and ``prefix`` where its data sits
    in the document (for files holding several items).
    """
    for detail in error.errors(include_url=False):
        inner: Location = tuple(p for p in detail["loc"] if p != "[key]")
        location = (*prefix, *inner)
        if any(location[: len(broken)] == broken for broken in document.broken):
            continue  # already reported by the loader
        name = ".".join(str(p) for p in location if isinstance(p, str))
        kind, value, context = detail["type"], detail.get("input"), detail.get("ctx", {})
        line = document.line_of(location)
        hint = str(context.get("hint", ""))
        if kind == "missing":
            parent = _model_at(root, inner[:-1])
            described = parent.model_fields[str(location[-1])].description if parent else ""
            message = "is required"
            hint = f"add '{location[-1]}:'" + (f". {described}" if described else "")
        elif kind == "extra_forbidden":
            parent = _model_at(root, inner[:-1])
            message = "is not a field" + (" here" if len(inner) > 1 else "")
            close = suggest(location[-1], list(parent.model_fields)) if parent else ""
            if close.startswith("did"):
                hint = close
            elif root is Practice or parent is None:
                hint = "remove it; the schema page lists the fields"
            else:
                hint = "remove it; the fields here are " + ", ".join(parent.model_fields)
        elif kind in _KIND:
            message = f"must be {_KIND[kind]}, not {_describe(value)}"
            if kind == "date_type" and isinstance(value, str):
                hint = "write the date as YYYY-MM-DD without quotes"
            elif kind == "list_type" and isinstance(value, str):
                hint = f"write it as a list: [{value}]"
            elif value is None:
                message, hint = "has no value", "fill it in, or remove the line if it is optional"
        elif kind == "string_too_long":
            message = f"is {len(value)} characters; the limit is {context['max_length']}"
            hint = "shorten it"
        elif kind == "string_too_short":
            message, hint = "is empty", "fill it in"
        elif kind == "too_short":
            message, hint = "needs at least one value", "add one, as a list: [value]"
        elif kind == "too_long":
            message, hint = f"is too long (at most {context.get('max_length')})", "shorten it"
        elif kind in ("greater_than_equal", "less_than_equal"):
            message, hint = f"{value!r} is not a plausible year", "write a year such as 2021"
        else:
            message = detail["msg"]
        yield Problem(document.path, line, name, message, hint)


def _model_at(root: type[BaseModel], location: Location) -> type[BaseModel] | None:
    """The model that validates the mapping found at ``location``."""
    current: type[BaseModel] | None = root
    for part in location:
        if current is None or isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = _inner_model(info.annotation) if info else None
    return current


def _inner_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _inner_model(argument)
        if found:
            return found
    return None


# ---------------------------------------------------------------------------
# Rules on a practice that has the right shape
# ---------------------------------------------------------------------------


def id_matches_file(practice: Practice, document: Document, today: dt.date) -> Iterator[Problem]:
    stem = Path(document.path).stem
    if practice.id != stem:
        yield Problem(
            document.path,
            document.line_of(("id",)),
            "id",
            f"{practice.id!r} does not match the file name {Path(document.path).name!r}",
            f"name the file {practice.id}.md (an id never changes once published)",
        )


def dates_in_order(practice: Practice, document: Document, today: dt.date) -> Iterator[Problem]:
    for name in ("submitted", "last_reviewed"):
        value: dt.date = getattr(practice, name)
        if value > today:
            yield Problem(
                document.path,
                document.line_of((name,)),
                name,
                f"{value.isoformat()} is in the future",
                f"use a date on or before {today.isoformat()}",
            )
    if practice.last_reviewed < practice.submitted:
        yield Problem(
            document.path,
            document.line_of(("last_reviewed",)),
            "last_reviewed",
            f"{practice.last_reviewed.isoformat()} is before submitted "
            f"({practice.submitted.isoformat()})",
            "a review comes on or after submission",
        )
    years = practice.years
    if years and years.end is not None and years.end < years.start:
        yield Problem(
            document.path,
            document.line_of(("years", "end")),
            "years.end",
            f"{years.end} is before the start year {years.start}",
            "swap them, or correct the year",
        )
    if years and years.start > today.year:
        yield Problem(
            document.path,
            document.line_of(("years", "start")),
            "years.start",
            f"{years.start} is in the future",
            "give the year the practice started",
        )


def sources_when_compiled(
    practice: Practice, document: Document, today: dt.date
) -> Iterator[Problem]:
    if practice.provenance == "compiled" and not practice.sources:
        yield Problem(
            document.path,
            document.line_of(("provenance",)),
            "sources",
            "a compiled entry must cite its sources",
            "add 'sources:' with the title and URL of each public source used",
        )


def translations_elsewhere(
    practice: Practice, document: Document, today: dt.date
) -> Iterator[Problem]:
    for language in practice.translations:
        if language == practice.language:
            yield Problem(
                document.path,
                document.line_of(("translations", language)),
                "translations",
                f"{language!r} is this entry's own language",
                "list only the entries in other languages",
            )


RULES = (id_matches_file, dates_in_order, sources_when_compiled, translations_elsewhere)


# ---------------------------------------------------------------------------
# Rules across the whole set
# ---------------------------------------------------------------------------


def check_collection(entries: list[Entry]) -> Iterator[Problem]:
    """Ids unique across files; translations point at entries that exist."""
    first: dict[str, Entry] = {}
    # the file named after the id owns it, whatever the order of the files
    for entry in sorted(entries, key=lambda e: Path(e.document.path).stem != e.practice.id):
        other = first.setdefault(entry.practice.id, entry)
        if other is not entry:
            yield Problem(
                entry.document.path,
                entry.document.line_of(("id",)),
                "id",
                f"{entry.practice.id!r} is already the id of {other.document.path}",
                "choose another id; each practice has its own",
            )
    for entry in entries:
        for language, target in entry.practice.translations.items():
            found = first.get(target)
            if found is None:
                yield Problem(
                    entry.document.path,
                    entry.document.line_of(("translations", language)),
                    "translations",
                    f"{target!r} is not the id of any practice",
                    suggest(target, list(first)),
                )
            elif found.practice.language != language:
                yield Problem(
                    entry.document.path,
                    entry.document.line_of(("translations", language)),
                    "translations",
                    f"{target!r} is written in {found.practice.language!r}, not {language!r}",
                    f"list it under '{found.practice.language}:'",
                )
