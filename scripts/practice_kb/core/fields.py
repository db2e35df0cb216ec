"""Where each field of a practice appears: read from the marks on the model's fields.

Each field of ``model.Practice`` (and of its parts, such as the organisation) carries a
``Shown`` mark in its type: the card row that shows it, its place among the catalogue's
filters, the CSV columns made from it, whether the practice page or the online search
use it, the question `kb new` asks for it, whether the issue form asks for it, or why
it is shown nowhere. The lists the stages need (the card's rows, the facets and their
titles, the export's columns, the scaffold's questions, the fields with a vocabulary)
are derived here from those marks and from the vocabularies the model's types name,
so no list of fields is written twice. This module imports the model only when a list
is first asked for (the model imports the marks from here).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo


@dataclass(frozen=True)
class Column:
    """One column of the CSV export, made from the field that carries it."""

    name: str
    meaning: str  # as the Open data page explains it
    at: int  # its place, from 1: the columns are a published contract, new ones go at the end
    part: str = ""  # the part of the field it reads (the organisation's "name"); "" the whole
    derived: bool = False  # worked out by the export (the page's address), not read as it is


@dataclass(frozen=True)
class Shown:
    """Where one field appears; every field of a practice has one (tests/test_fields.py)."""

    card: str = ""  # key in strings.yml of the card row showing it; fields may share a row
    facet: int = 0  # its place among the catalogue's filters (from 1); 0: not a filter
    search: bool = False  # a filter of the online search too (it must be a facet)
    page: bool = False  # the practice page shows it outside the card (title, references...)
    columns: tuple[Column, ...] = ()  # the CSV columns made from it
    pages: bool = False  # each of its values has a page, which the card links
    ask: str = ""  # the question `kb new` asks for it; "" asks nothing
    option: str = ""  # `kb new`'s option giving it (``--theme``; lists repeat it)
    default: str = ""  # the answer taken when a question of `kb new` is left empty
    form: bool = True  # the issue form asks for it (not: derived, or set by maintainers)
    hidden: str = ""  # why readers never see it (only for a field shown nowhere)

    @property
    def shown(self) -> bool:
        return bool(self.card or self.facet or self.page or self.columns or self.search)


@dataclass(frozen=True)
class Described:
    """A field of the model with its mark and what its type says."""

    name: str
    path: tuple[str, ...]  # where it is in a practice: ("organisation", "type")
    shown: Shown
    vocabulary: str | None  # the vocabulary its values come from (of its part, for a record)
    part: str  # for a record: the part holding the vocabulary ("type"); else ""
    multiple: bool  # a list of values
    required: bool
    record: type[BaseModel] | None  # the model of a record field (Organisation), if one
    description: str


@dataclass(frozen=True)
class Facet:
    """A filter of the catalogue (and, with ``search``, of the online search)."""

    name: str  # in addresses and data attributes: the field's name
    vocabulary: str | None  # None: the values found (languages)
    title: str  # key in strings.yml: the field's card row
    search: bool
    values: Callable[[Any], list[str]]  # the practice's values


@dataclass(frozen=True)
class Question:
    """A question of `kb new`."""

    path: tuple[str, ...]
    question: str
    option: str
    vocabulary: str | None
    multiple: bool
    default: str
    description: str


def _mark(info: FieldInfo) -> Shown | None:
    return next((m for m in info.metadata if isinstance(m, Shown)), None)


def _walk(annotation: Any, metadata: list[Any]) -> tuple[str | None, bool, type | None]:
    """(vocabulary, is a list, record model) from a field's type and its metadata."""
    for item in metadata:
        if isinstance(item, WithJsonSchema) and isinstance(item.json_schema, dict):
            name = item.json_schema.get("x-vocabulary")
            if name:
                return name, False, None
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return _walk(inner, extra)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return _walk(arg, [])
    if origin is list:
        (item_type,) = typing.get_args(annotation)
        vocab, _, record = _walk(item_type, [])
        return vocab, True, record
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return None, False, annotation
    return None, False, None


def describe(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[Described]:
    """Each field of ``model``, in its order, with its mark (an empty one if it has none)."""
    described = []
    for name, info in model.model_fields.items():
        vocab, multiple, record = _walk(info.annotation, list(info.metadata))
        part = ""
        if record is not None and not multiple and vocab is None:
            for sub, sub_info in record.model_fields.items():
                found, _, _ = _walk(sub_info.annotation, list(sub_info.metadata))
                if found:
                    vocab, part = found, sub
                    break
        described.append(
            Described(
                name=name,
                path=(*prefix, name),
                shown=_mark(info) or Shown(),
                vocabulary=vocab,
                part=part,
                multiple=multiple,
                required=info.is_required(),
                record=record,
                description=info.description or "",
            )
        )
    return described


def unmarked(model: type[BaseModel] | None = None) -> list[str]:
    """The fields of a practice without a ``Shown`` mark."""
    model = model or _practice()
    return [name for name, info in model.model_fields.items() if _mark(info) is None]


def _practice() -> type[BaseModel]:
    from .model import Practice

    return Practice


@cache
def practice_fields() -> tuple[Described, ...]:
    """The fields of a practice, in the model's order."""
    return tuple(describe(_practice()))


def by_name() -> dict[str, Described]:
    return {d.name: d for d in practice_fields()}


@cache
def card_rows() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The card's rows, in the model's order: (key in strings.yml, the fields it shows)."""
    rows: dict[str, list[str]] = {}
    for d in practice_fields():
        if d.shown.card:
            rows.setdefault(d.shown.card, []).append(d.name)
    return tuple((key, tuple(names)) for key, names in rows.items())


def _values(d: Described) -> Callable[[Any], list[str]]:
    name, part = d.name, d.part
    if part:
        return lambda p: [getattr(getattr(p, name), part)]
    if d.multiple:
        return lambda p: list(getattr(p, name))
    return lambda p: [getattr(p, name)]


@cache
def facets() -> tuple[Facet, ...]:
    """The catalogue's filters, in their places."""
    marked = sorted((d for d in practice_fields() if d.shown.facet), key=lambda d: d.shown.facet)
    return tuple(
        Facet(d.name, d.vocabulary, d.shown.card, d.shown.search, _values(d)) for d in marked
    )


@cache
def columns() -> tuple[tuple[Described, Column], ...]:
    """The CSV's columns in their published order, each with the field it comes from."""
    found = [(d, c) for d in practice_fields() for c in d.shown.columns]
    return tuple(sorted(found, key=lambda pair: pair[1].at))


@cache
def with_pages() -> tuple[str, ...]:
    """The fields whose values have pages of their own (themes, topics)."""
    return tuple(d.name for d in practice_fields() if d.shown.pages)


@cache
def questions() -> tuple[Question, ...]:
    """The questions of `kb new`, in the model's order (parts of a record in its place)."""
    found: list[Question] = []

    def visit(described: list[Described]) -> None:
        for d in described:
            if d.shown.ask:
                found.append(
                    Question(
                        d.path,
                        d.shown.ask,
                        d.shown.option,
                        d.vocabulary,
                        d.multiple,
                        d.shown.default,
                        d.description,
                    )
                )
            if d.record is not None and not d.multiple:
                visit(describe(d.record, d.path))

    visit(list(practice_fields()))
    return tuple(found)


def not_in_form() -> frozenset[str]:
    """The fields the issue form does not ask for: derived, or set by maintainers."""
    return frozenset(d.name for d in practice_fields() if not d.shown.form)
