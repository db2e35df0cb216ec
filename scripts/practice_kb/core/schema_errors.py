"""Pydantic's validation errors, relabelled as problems people can act on.

Every loader that validates data with a model (practices, the agenda, events,
translations) reports its errors through ``schema_problems``.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator

from pydantic import BaseModel, ValidationError

from .load import Document, Location
from .model import Practice
from .problem import Problem
from .vocabulary import suggest

_FIELDS = "a set of 'key: value' fields"
_KIND = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": _FIELDS,
    "model_type": _FIELDS,
    "model_attributes_type": _FIELDS,
    "bool_type": "true or false",
    "int_type": "a whole number",
    "date_type": "a date (YYYY-MM-DD)",
}


def _type_hint(kind: str, value: object) -> str:
    """How to write ``value`` so that it is what ``kind`` says it must be."""
    if _KIND[kind] == _FIELDS:
        return "write each field on its own line below it, indented by two spaces"
    if kind == "list_type":
        return f"write it as a list: [{value}]" if isinstance(value, str) else "write it as a list"
    if isinstance(value, list | dict):
        return "write one value here, not a list or a set of fields"
    if kind == "string_type":
        return "quote it if it looks like a number, a date or true/false"
    if kind == "bool_type":
        return "write true or false, without quotes"
    if kind == "int_type":
        if isinstance(value, str):
            return "write the number without quotes"
        return "write a whole number such as 2021, without a decimal point"
    if isinstance(value, str):
        return "write the date as YYYY-MM-DD without quotes"
    return "write the date alone, as YYYY-MM-DD"


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
            hint = _type_hint(kind, value)
            if value is None:
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
