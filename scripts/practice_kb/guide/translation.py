"""The guide in other languages: parallel files in ``guide/i18n/<lang>/``.

English stays the reference. A translation mirrors the English files exactly
(same keys, same lists in the same order, same ids), with every text translated
and every structural value (ids, ``about``, ``anonymous_only``, times, block
names, colours, URLs) copied unchanged. This module reads a language's files,
compares them with the English ones and builds that language's
:class:`~practice_kb.guide.agenda.Content`, in which anything missing falls back to
the English (and is reported). ``status.yml`` says whether a native speaker
working in safeguarding has reviewed the language, and which field terms it uses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from ..check.registry import Severity, add
from ..core import load, markdown_model
from ..core.load import Document
from ..core.model import Strict
from ..core.problem import Problem

if TYPE_CHECKING:
    from .agenda import Content

FOLDER = "i18n"
Path_ = tuple[str | int, ...]

# The placeholders the kit leaves to fill in by hand (the support slip's line); those
# an event sheet fills are event.PLACEHOLDERS.
BY_HAND = ("[service]", "[how to reach it]", "[hours]")


@cache
def placeholders() -> tuple[str, ...]:
    """Every placeholder a translation keeps as it is: those an event sheet fills, then
    those filled by hand."""
    from .event import PLACEHOLDERS  # event reads the guide, this module among it

    return (*PLACEHOLDERS, *BY_HAND)


_TIME = re.compile(r"(?<![\d:])([01]?\d|2[0-3]):[0-5]\d(?![\d:])")
_MINUTE_MARK = re.compile(r"^(\d+) min:")
_PART_MINUTES = re.compile(r"\((\d+) [^\W\d_]+\)")
# Latin-script words an Arabic text may keep: abbreviations the field uses as they
# are (PSEA, SEA/SH, IASC...), placeholders, URLs, code and YAML-like names.
_KEPT = re.compile(
    r"\[[^\]\n]*\]\([^)\s]*\)"  # a link's address (its text is checked)
    r"|https?://\S+"
    r"|`[^`]*`"
    r"|\b[A-Z][A-Z0-9&/.-]*[A-Z0-9]s?\b"  # PSEA, SEA/SH, A4, NGOs
    r"|\b\d+ min:"
)
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_ARABIC = re.compile(r"[؀-ۿݐ-ݿࢠ-ࣿﭐ-﷿ﹰ-﻿]")


class Source(Strict):
    title: str = Field(min_length=1)
    url: str = Field(min_length=1, pattern=r"^https?://\S+$")


class Term(Strict):
    """A field term this language's translation uses, and where the field uses it."""

    term: str = Field(min_length=1)
    english: str = Field(min_length=1)
    source: Source


class Status(Strict):
    """``guide/i18n/<lang>/status.yml``."""

    reviewed: bool
    terms: list[Term] = Field(default_factory=list)


@dataclass
class Translation:
    """One language's files as read, before they become that language's Content."""

    language: str
    status: Status | None = None
    texts: dict[str, str] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)  # file stem -> merged data
    documents: dict[str, Document] = field(default_factory=dict)
    strings: int = 0  # the translated strings, for `kb review`


# ---------------------------------------------------------------------------
# What is structural, per file
# ---------------------------------------------------------------------------

_AGENDA_TEXTS = {"title", "subtitle"}
_SLOT_TEXTS = {"title", "script", "cues", "running_order", "cuts", "summaries"}


def structural(kind: str, where: Path_) -> bool:
    """Whether the value at ``where`` in a file of ``kind`` is copied unchanged."""
    keys = [k for k in where if isinstance(k, str)]
    if kind == "agenda":
        if not where:
            return False
        if len(where) == 1:
            return where[0] not in _AGENDA_TEXTS | {"language", "blocks", "pace"}
        if where[0] == "blocks" and len(where) >= 3:
            return where[2] not in _SLOT_TEXTS
        return False
    if kind in ("testimonies", "statements"):
        return len(where) == 2 and where[1] in ("id", "about", "anonymous_only")
    if kind == "blocks":
        return bool(keys) and keys[-1] in ("colour", "url")
    if kind == "status":
        return False
    return False


# ---------------------------------------------------------------------------
# Comparing a translation with the English
# ---------------------------------------------------------------------------


def _dotted(where: Path_) -> str:
    return ".".join(str(k) for k in where)


def tokens(text: str) -> Counter[str]:
    """What a translation keeps exactly: placeholders, clock times, the minute mark
    that starts a cue, and the minutes of a running order's part."""
    found: Counter[str] = Counter()
    for placeholder in placeholders():
        count = text.count(placeholder)
        if count:
            found[placeholder] = count
    for match in _TIME.finditer(text):
        found[match.group()] += 1
    mark = _MINUTE_MARK.match(text.strip())
    if mark:
        found[mark.group()] += 1
    for match in _PART_MINUTES.finditer(text):
        found[f"({match.group(1)} minutes)"] += 1
    return found


def _describe(missing: Counter[str], extra: Counter[str]) -> str:
    parts = []
    if missing:
        parts.append("lacks " + ", ".join(f"'{k}'" for k in sorted(missing)))
    if extra:
        parts.append("has " + ", ".join(f"'{k}'" for k in sorted(extra)) + " the English has not")
    return " and ".join(parts)


Found = tuple[str, str] | None  # what a rule of a translated value finds: (message, hint)


def token_problem(english: str, translated: str) -> Found:
    """A translated text keeps the English text's placeholders in square brackets (each
    whole on one line), clock times, 'N min:' cue marks and running-order minutes exactly.

    Returns (message, hint) when it does not."""
    want, have = tokens(english), tokens(translated)
    if want == have:
        return None
    if tokens(" ".join(translated.split())) == want:
        return (
            "has a placeholder split across two lines",
            "keep each placeholder in square brackets on one line: the event sheet fills "
            "only a placeholder written whole",
        )
    return (
        _describe(want - have, have - want),
        "keep every placeholder in square brackets, clock time and 'N min:' mark exactly "
        "as in the English; translate only the words around them",
    )


def arabic_script(text: str) -> Found:
    """The Arabic translation is written in Arabic script, with Latin letters only for the
    abbreviations the field keeps (such as PSEA), placeholders, addresses and code.

    Returns (message, hint) when a text or a line is mostly in Latin letters."""
    if not mostly_latin(text):
        return None
    return (
        "is written mostly in Latin letters, not in Arabic script",
        "write it in Arabic; keep Latin letters only for abbreviations the field keeps "
        "(such as PSEA) and for placeholders",
    )


# an ordinary space (or tab) where French puts a no-break one: before : ; ! ? », after «
_FRENCH_SPACE = re.compile(r"[ \t](?=[:;!?»])|(?<=«)[ \t]")


def french_spacing(text: str) -> Found:
    """French text has a no-break space, not an ordinary one, before ':', ';', '!', '?'
    and '»' and after '«', so that no printed line starts with one of them (advice)."""
    if not _FRENCH_SPACE.search(text):
        return None
    return (
        "has an ordinary space before ':', ';', '!', '?' or '»', or after '«'",
        "type a no-break space there (U+202F, or U+00A0), as French typography does, so "
        "that a printed line never starts with the sign",
    )


def language_rule(language: str) -> tuple[Callable[[str], Found], Severity] | None:
    """What one language's texts are held to besides the English's, with its severity
    (looked up when called, so that the rule is the module's own at that moment)."""
    if language == "ar":
        return arabic_script, "error"
    if language == "fr":
        return french_spacing, "warning"
    return None


def copied_unchanged(english: Any, translated: Any, english_path: str, read: bool = True) -> Found:
    """Ids, times, block names, colours, URLs, a statement's kind and whether it is for
    anonymous rounds, and every other value the guide reads, are copied unchanged from the
    English."""
    if translated == english:
        return None
    hint = f"copy it unchanged from {english_path}"
    if read:
        hint += ": ids, times, block names and other values the guide reads are never translated"
    return f"is {_short(translated)} but the English has {_short(english)}", hint


def nothing_missing(english_path: str, key: str | None = None, item: str | None = None) -> Found:
    """Every key of the English file, and every item of its testimonies and statements
    (matched by id), is in the translation; the English is used where one is missing."""
    if item is not None:
        return (
            "is missing in this language; the English is used",
            f"copy the item '{item}' from {english_path} and translate it",
        )
    return (
        "is missing in this language; the English is used",
        f"copy '{key}' from {english_path} and translate it",
    )


def nothing_added(value: Any, english_path: str, read: bool) -> Found:
    """A translation adds no key the English file does not have."""
    if read:
        return (
            f"is {_short(value)} but the English does not set it",
            f"remove it: values the guide reads are copied unchanged from {english_path}",
        )
    return "is not in the English file", f"remove it, or add it to {english_path} first"


def same_length(english: list, translated: list) -> Found:
    """Each list has the English list's items, in the same order, and no more."""
    if len(translated) == len(english):
        return None
    shorter = len(translated) < len(english)
    return (
        f"has {_items(len(translated))} but the English has {len(english)}"
        + ("; the English of the rest is used" if shorter else ""),
        "translate every item of the English list, in the same order, and no more",
    )


def same_kind(english: Any, english_path: str) -> Found:
    """Each value is a mapping, a list or a non-empty text where the English has one."""
    kind = {dict: "a mapping", list: "a list", str: "a text"}.get(type(english), "a value")
    return (
        f"should be {kind}, as in the English; the English is used",
        f"write it as {english_path} does, translated",
    )


def testimony_labelled(key: str) -> Found:
    """A translated testimony has its own title and content note, so that it is never read
    or printed without them."""
    what = "title" if key == "title" else "content note"
    return (
        f"the testimony has no {what} in this language; the English one is used",
        f"translate its {what}: a testimony is never read or printed without "
        "its title, its label and its content note",
    )


def items_keep_ids(item_id: Any, known: set, english_path: str) -> Found:
    """Each item of a translation's testimonies and statements has the id of an English
    item."""
    if not isinstance(item_id, str):
        return "has no id", "copy the English item's id unchanged"
    if item_id not in known:
        return (
            f"'{item_id}' is not in {english_path}",
            "use the English item's id; every item keeps its id",
        )
    return None


def mostly_latin(text: str) -> bool:
    """True when an Arabic text is written mostly in Latin letters (abbreviations the
    field keeps, placeholders, addresses and code aside)."""
    for placeholder in placeholders():
        text = text.replace(placeholder, " ")
    text = _KEPT.sub(" ", text)
    latin = len(_LATIN.findall(text))
    arabic = len(_ARABIC.findall(text))
    return latin > arabic and latin >= 3


class _Compare:
    def __init__(self, language: str, kind: str, document: Document, english_path: str) -> None:
        self.language, self.kind, self.document = language, kind, document
        self.english_path = english_path
        self.problems: list[Problem] = []
        self.strings = 0
        self.ids: dict[int, str] = {}  # index -> id, in a list file

    def add(self, where: Path_, message: str, hint: str, line_at: Path_ | None = None) -> None:
        line = self.document.line_of(where if line_at is None else line_at)
        self.problems.append(Problem(self.document.path, line, self.dotted(where), message, hint))

    def found(self, where: Path_, found: Found, line_at: Path_ | None = None) -> None:
        """Report what a rule found at ``where``, if anything."""
        if found is not None:
            self.add(where, *found, line_at=line_at)

    def dotted(self, where: Path_) -> str:
        """The field's name, with an item of a list file named by its id."""
        if where and isinstance(where[0], int) and where[0] in self.ids:
            where = (self.ids[where[0]], *where[1:])
        return _dotted(where)

    def walk(self, english: Any, translated: Any, where: Path_) -> Any:
        """Compare, report, and return the value to use (the English where missing)."""
        if structural(self.kind, where):
            self.found(where, copied_unchanged(english, translated, self.english_path))
            return english
        if isinstance(english, dict):
            if not isinstance(translated, dict):
                return self._wrong(english, where)
            merged = {}
            for key, value in english.items():
                if (self.kind, where, key) == ("agenda", (), "pace"):
                    # a translation may give its own reading pace; else the English one
                    merged[key] = translated.get(key, value)
                    continue
                if key in translated:
                    merged[key] = self.walk(value, translated[key], (*where, key))
                elif self.kind == "testimonies" and key in ("title", "content_note"):
                    merged[key] = value
                    self.found((*where, key), testimony_labelled(key), line_at=where)
                else:
                    merged[key] = value
                    self.found(
                        (*where, key), nothing_missing(self.english_path, key=key), line_at=where
                    )
            for key in translated:
                if (self.kind, where, key) == ("agenda", (), "pace"):
                    merged[key] = translated[key]  # the language's own reading pace
                elif key not in english:
                    read = structural(self.kind, (*where, key))
                    added = nothing_added(translated[key], self.english_path, read)
                    self.found((*where, key), added)
            return merged
        if isinstance(english, list):
            if not isinstance(translated, list):
                return self._wrong(english, where)
            merged_list = [
                self.walk(e, t, (*where, i))
                for i, (e, t) in enumerate(zip(english, translated, strict=False))
            ]
            self.found(where, same_length(english, translated))
            merged_list += english[len(translated) :]
            return merged_list
        if isinstance(english, str):
            if not isinstance(translated, str) or not translated.strip():
                return self._wrong(english, where)
            self.strings += 1
            self.text(english, translated, where)
            return translated
        self.found(where, copied_unchanged(english, translated, self.english_path, read=False))
        return english

    def _wrong(self, english: Any, where: Path_) -> Any:
        self.found(where, same_kind(english, self.english_path))
        return english

    def text(self, english: str, translated: str, where: Path_, line: int | None = None) -> None:
        found = token_problem(english, translated)
        if found:
            self.add_at(where, line, *found)
        held = language_rule(self.language)
        found = held[0](translated) if held else None
        if held and found:
            self.add_at(where, line, *found, severity=held[1])

    def add_at(
        self, where: Path_, line: int | None, message: str, hint: str, severity: str = "error"
    ) -> None:
        if line is None:  # on the line of the value, named as the file names its item
            line, field = self.document.line_of(where), self.dotted(where)
        else:
            field = _dotted(where)
        self.problems.append(Problem(self.document.path, line, field, message, hint, severity))


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _short(value: Any) -> str:
    if isinstance(value, str | int | float | bool) or value is None:
        text = str(value).lower() if isinstance(value, bool) else str(value)
        return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"
    return "a list" if isinstance(value, list) else "a mapping"


def _by_id(compare: _Compare, english: list, translated: list) -> list:
    """Items of a list file matched by id: the English order, the English item where
    the translation lacks one."""
    found: dict[str, tuple[int, Any]] = {}
    known = {e.get("id") for e in english if isinstance(e, dict)}
    for index, item in enumerate(translated):
        item_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(item_id, str):
            compare.found((index,), items_keep_ids(item_id, known, compare.english_path))
            continue
        found.setdefault(item_id, (index, item))
        compare.ids.setdefault(index, item_id)
    for item_id, (index, _) in found.items():
        compare.found((index, "id"), items_keep_ids(item_id, known, compare.english_path))
    merged = []
    for item in english:
        item_id = item.get("id") if isinstance(item, dict) else None
        if item_id in found:
            index, translated_item = found[item_id]
            merged.append(_walk_item(compare, item, translated_item, index))
        else:
            merged.append(item)
            compare.problems.append(
                Problem(
                    compare.document.path,
                    compare.document.line_of(()),
                    str(item_id),
                    *nothing_missing(compare.english_path, item=str(item_id)),
                )
            )
    return merged


def _walk_item(compare: _Compare, english: Any, translated: Any, index: int) -> Any:
    """One item: paths are those of the translation file (its own index)."""
    return compare.walk(english, translated, (index,))


# ---------------------------------------------------------------------------
# Reading one language
# ---------------------------------------------------------------------------


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def translated_file(path: Path, root: Path, english: str, what: str) -> Iterator[Problem]:
    """Each language translates every text, block, testimony and statement file of the
    English guide; where one is missing, the English is used."""
    if not path.is_file():
        yield Problem(
            _display(path, root),
            1,
            "",
            f"is missing; the English {what} is used",
            f"copy {english} here and translate it",
        )


def status_given(path: Path, root: Path) -> Iterator[Problem]:
    """Each language has a status.yml that says whether a native speaker working in
    safeguarding has reviewed its translation, and which field terms it uses."""
    if not path.is_file():
        yield Problem(
            _display(path, root),
            1,
            "",
            "is missing",
            "write 'reviewed: false' (true only once a native speaker working in "
            "safeguarding has reviewed the translation) and the 'terms:' it uses",
        )


def translates_an_agenda(path: Path, folder: Path, root: Path) -> Iterator[Problem]:
    """Each translated agenda is named after an agenda of guide/agendas/."""
    if not (folder / "agendas" / path.name).is_file():
        yield Problem(
            _display(path, root),
            1,
            "",
            "translates no English agenda",
            f"name it after a file in guide/agendas/ ({path.name} is not one)",
        )


def agenda_language(data: dict, language: str) -> Found:
    """A translated agenda's 'language:' is the language of its folder."""
    if data.get("language") == language:
        return None
    return (
        f"is {_short(data.get('language'))} in the {language} translation",
        f"write 'language: {language}'",
    )


def languages(folder: Path) -> list[str]:
    """The languages with a folder of translations, in the site's order."""
    from ..core.vocabulary import SITE_LANGUAGES

    base = folder / FOLDER
    return [lang for lang in SITE_LANGUAGES if lang != "en" and (base / lang).is_dir()]


def _compare_file(
    language: str,
    kind: str,
    english_path: Path,
    path: Path,
    root: Path,
    top: type,
    problems: list[Problem],
) -> tuple[Any, Document | None, int]:
    """(merged data, the translation's document, translated strings) of one YAML file."""
    from .agenda import plain_yaml

    english_name = _display(english_path, root)
    english, _ = load.parse_data(english_path.read_bytes(), english_name, top)
    if english is None:
        return None, None, 0
    if not path.is_file():
        if kind == "agenda":  # an agenda not (yet) translated is built in English
            return None, None, 0
        problems.extend(translated_file(path, root, english_name, "file"))
        return english.data, None, 0
    document, found = plain_yaml(path.read_bytes(), _display(path, root), top)
    problems.extend(found)
    if document is None:
        return english.data, None, 0
    compare = _Compare(language, kind, document, english_name)
    if kind in ("testimonies", "statements") and isinstance(document.data, list):
        merged = _by_id(compare, english.data, document.data)
    elif kind == "agenda" and isinstance(document.data, dict):
        merged = compare.walk(english.data, document.data, ())
        merged["language"] = language
        compare.found(("language",), agenda_language(document.data, language))
    else:
        merged = compare.walk(english.data, document.data, ())
    problems.extend(compare.problems)
    return merged, document, compare.strings


def _compare_text(
    language: str, name: str, english_path: Path, path: Path, root: Path, problems: list[Problem]
) -> tuple[str | None, int]:
    missing = list(translated_file(path, root, _display(english_path, root), "text"))
    if missing:
        problems.extend(missing)
        return None, 0
    display = _display(path, root)
    text, found = load.decode(path.read_bytes(), display)
    problems.extend(found)
    if text is None:
        return None, 0
    english = english_path.read_text(encoding="utf-8") if english_path.is_file() else ""
    found_tokens = token_problem(_placeholders_only(english), _placeholders_only(text))
    if found_tokens:
        problems.append(Problem(display, 1, "", *found_tokens))
    held = language_rule(language)
    if held:
        # code is what the renderer puts in code (core/markdown_model.py): a line is
        # judged when its words are among the page's text outside code
        prose = _words(" ".join(markdown_model.render(text).texts))
        for number, line in enumerate(text.split("\n"), 1):
            found = held[0](line)
            if found and prose.intersection(_words(line)):
                problems.append(Problem(display, number, "", *found, held[1]))
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return text, len(paragraphs)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text))


def _placeholders_only(text: str) -> str:
    """The placeholders and times of a prose page (its numbers may be written out)."""
    found = [p for p in placeholders() for _ in range(text.count(p))]
    found += [m.group() for m in _TIME.finditer(text)]
    return " ".join(found)


def read_language(folder: Path, root: Path, language: str, problems: list[Problem]) -> Translation:
    """Compare one language's files with the English; report; keep the merged data."""
    from .agenda import TEXTS, fits_the_model, plain_yaml

    base = folder / FOLDER / language
    found = Translation(language)
    status_path = base / "status.yml"
    missing = list(status_given(status_path, root))
    if not missing:
        document, errors = plain_yaml(status_path.read_bytes(), _display(status_path, root))
        problems.extend(errors)
        if document is not None:
            found.status, errors = fits_the_model(document.data, document, Status)
            problems.extend(errors)
    problems.extend(missing)
    for name in TEXTS:
        text, count = _compare_text(
            language, name, folder / f"{name}.md", base / f"{name}.md", root, problems
        )
        if text is not None:
            found.texts[name] = text
            found.strings += count
    # (stem, kind, the type of its top level): the shared files, then each agenda
    files: list[tuple[str, str, type]] = [
        ("blocks", "blocks", dict),
        ("testimonies", "testimonies", list),
        ("statements", "statements", list),
    ]
    files += [
        (f"agendas/{path.stem}", "agenda", dict)
        for path in sorted((folder / "agendas").glob("*.yml"))
    ]
    for stem, kind, top in files:
        merged, document, count = _compare_file(
            language, kind, folder / f"{stem}.yml", base / f"{stem}.yml", root, top, problems
        )
        found.strings += count
        if merged is not None:
            found.data[stem] = merged
        if document is not None:
            found.documents[stem] = document
    for path in sorted((base / "agendas").glob("*.yml")):
        problems.extend(translates_an_agenda(path, folder, root))
    return found


def _validated(
    data: Any, model: type[BaseModel], document: Document | None, problems: list[Problem]
) -> Any:
    from .agenda import fits_the_model

    if document is None:  # nowhere to report: the English is used
        try:
            return model.model_validate(data)
        except ValueError:  # pydantic's ValidationError
            return None
    found, errors = fits_the_model(data, document, model)
    problems.extend(errors)
    return found


def content(english: Content, translation: Translation, problems: list[Problem]) -> Content:
    """The language's Content: its translations validated with the English models,
    and the English wherever a translation is missing or unusable."""
    from .agenda import Agenda, Block, Content, Statement, Testimony

    result = Content(
        texts={name: translation.texts.get(name, text) for name, text in english.texts.items()},
        language=translation.language,
        status=translation.status,
        english=english,
    )
    documents = translation.documents
    for name, block in english.blocks.items():
        data = translation.data.get("blocks", {}).get(name)
        translated = _validated(data, Block, documents.get("blocks"), problems) if data else None
        result.blocks[name] = translated or block
    for attribute, model in (("testimonies", Testimony), ("statements", Statement)):
        items = {
            item.get("id"): item
            for item in translation.data.get(attribute, [])
            if isinstance(item, dict)
        }
        chosen = {}
        for item_id, item in getattr(english, attribute).items():
            data = items.get(item_id)
            own = documents.get(attribute)
            translated = _validated(data, model, own, problems) if data else None
            chosen[item_id] = translated or item
        setattr(result, attribute, chosen)
    for name in english.agendas:
        stem = f"agendas/{name}"
        data = translation.data.get(stem)
        own = documents.get(stem)
        translated = _validated(data, Agenda, own, problems) if data and own else None
        if translated is not None and own is not None:
            # only the agendas translated into the language: the others stay English
            result.agendas[name] = (translated, own)
    return result


def read_all(folder: Path, root: Path, english: Content) -> Iterator[tuple[str, Content]]:
    """Every language's Content; their problems go to ``english.problems``."""
    for language in languages(folder):
        problems: list[Problem] = []
        translation = read_language(folder, root, language, problems)
        english.files += len(translation.documents) + len(translation.texts) + 1
        translated = content(english, translation, problems)
        translated.strings = translation.strings
        english.problems.extend(problems)
        yield language, translated


# The rules of a translation, registered in the order the lists print them: its files,
# then its shape against the English, then its texts
for _rule in (
    translated_file,
    status_given,
    translates_an_agenda,
    agenda_language,
    nothing_missing,
    nothing_added,
    same_length,
    same_kind,
    items_keep_ids,
    copied_unchanged,
    testimony_labelled,
    token_problem,
):
    add(_rule, "translation")

for _language in ("ar", "fr"):  # the languages language_rule holds to a rule of their own
    _rule, _severity = language_rule(_language)
    add(_rule, "translation", _severity)
