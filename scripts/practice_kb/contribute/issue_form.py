"""The GitHub issue form for submitting a practice, and `kb from-issue`.

The form's fields and dropdown choices are generated from the schema and the
vocabularies; the same definition reads back the issue body GitHub produces.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..check import checks, report
from ..core import fields, model, vocabulary
from ..core.text import slug
from . import template

FORM_FILE = Path(".github/ISSUE_TEMPLATE/practice.yml")
LABEL = "practice-submission"
NO_RESPONSE = "_No response_"
# Fields a contributor does not fill in on the form (derived, or set by maintainers): those
# the model marks ``form=False`` (core/fields.py).
NOT_ASKED = fields.not_in_form()


@dataclass(frozen=True)
class Field:
    """One question of the form and where its answer goes in the practice."""

    key: tuple[str, ...]  # location in the frontmatter, or ("body", section)
    kind: str  # input, textarea, dropdown, checkboxes
    label: str
    description: str
    required: bool
    vocabulary: str = ""
    multiple: bool = False
    parts: tuple[str, ...] = ()  # for lists of records: the fields of one line


def fields() -> list[Field]:
    """The form's questions, in schema order, then the body's sections."""
    schema = model.json_schema()
    definitions = schema["$defs"]
    result = []
    for name, spec in schema["properties"].items():
        if name in NOT_ASKED:
            continue
        required = name in schema["required"]
        result.extend(_fields_for((name,), spec, definitions, required))
    for term in vocabulary.get("sections").terms:
        result.append(
            Field(("body", term.value), "textarea", term.label(), term.description(), True)
        )
    return result


def _fields_for(key: tuple[str, ...], spec: dict, definitions: dict, required: bool) -> list[Field]:
    title = " ".join(key).replace("_", " ").capitalize()
    description = spec.get("description", "")
    inner = spec.get("anyOf", [spec])[0]
    if "$ref" in inner:
        definition = definitions[inner["$ref"].split("/")[-1]]
        if all(p.get("const") is True for p in definition["properties"].values()):
            return [Field(key, "checkboxes", title, description, required)]
        if key == ("years",):
            return [Field(key, "input", "Years", "When it ran, such as 2019-2023, or 2021-", False)]
        return [
            f
            for part, part_spec in definition["properties"].items()
            for f in _fields_for(
                (*key, part),
                part_spec,
                definitions,
                required and part in definition.get("required", []),
            )
        ]
    items = inner.get("items", {})
    if "x-vocabulary" in inner:
        return [Field(key, "dropdown", title, description, required, inner["x-vocabulary"])]
    if "x-vocabulary" in items:
        return [Field(key, "dropdown", title, description, required, items["x-vocabulary"], True)]
    if "$ref" in items:
        parts = tuple(definitions[items["$ref"].split("/")[-1]]["properties"])
        how = f"One per line: {' | '.join(parts)}"
        return [Field(key, "textarea", title, f"{description} {how}", required, parts=parts)]
    from .contribute_form import LONG_TEXT  # here: that module imports this one

    kind = "textarea" if inner.get("maxLength", 0) > LONG_TEXT else "input"  # as on its page
    if inner.get("type") == "array":
        description += " Separate several with commas."
    return [Field(key, kind, title, description, required)]


def _id(field: Field) -> str:
    return "-".join(field.key).replace("_", "-")


def form() -> dict[str, Any]:
    """The issue form, as GitHub reads it from .github/ISSUE_TEMPLATE/."""
    body: list[dict[str, Any]] = [
        {
            "type": "markdown",
            "attributes": {
                "value": "Use this form to submit a practice if you cannot open a pull request. "
                "A maintainer turns it into a practice file and may ask you questions here. "
                "Do not include anything that could identify a survivor, a witness or the "
                "subject of a complaint: no names, exact ages, dates of incidents or small "
                "places. Give a role mailbox, never a person's address."
            },
        }
    ]
    for f in fields():
        attributes: dict[str, Any] = {"label": f.label, "description": f.description}
        entry: dict[str, Any] = {"type": f.kind, "id": _id(f), "attributes": attributes}
        if f.kind == "dropdown":
            attributes["options"] = [t.label() for t in vocabulary.get(f.vocabulary).terms]
            attributes["multiple"] = f.multiple
        if f.kind == "checkboxes":
            attributes["options"] = [
                {
                    "label": "My organisation agrees to the publication of this practice.",
                    "required": True,
                },
                {
                    "label": "Nothing in it identifies a survivor, a witness or the subject of a "
                    "complaint.",
                    "required": True,
                },
            ]
        else:
            entry["validations"] = {"required": f.required}
        if f.key == ("language",):
            attributes["value"] = "en"
        body.append(entry)
    return {
        "name": "Submit a practice",
        "description": "Share a practice for preventing or responding to SEA and SH.",
        "title": "Practice: ",
        "labels": [LABEL],
        "body": body,
    }


def form_text() -> str:
    header = "# Generated from the schema by `kb generate`; do not edit by hand.\n"
    return header + yaml.safe_dump(form(), sort_keys=False, allow_unicode=True, width=10_000)


# ---------------------------------------------------------------------------
# Reading an issue body back
# ---------------------------------------------------------------------------


def answers(body: str) -> dict[str, str]:
    """The issue body GitHub writes from a form: '### Label' then the answer."""
    found: dict[str, str] = {}
    current, lines = None, []
    for line in body.replace("\r\n", "\n").split("\n"):
        heading = re.match(r"^### (.+?)\s*$", line)
        if heading:
            if current is not None:
                found[current] = "\n".join(lines).strip()
            current, lines = heading.group(1), []
        elif current is not None:
            lines.append(line)
    if current is not None:
        found[current] = "\n".join(lines).strip()
    return {k: v for k, v in found.items() if v and v != NO_RESPONSE}


def _labels(answer: str, name: str) -> list[str]:
    """Vocabulary values from dropdown labels joined by ', ' (labels may hold commas)."""
    terms = sorted(vocabulary.get(name).terms, key=lambda t: -len(t.label()))
    values, rest = [], answer.strip()
    while rest:
        term = next((t for t in terms if rest.startswith(t.label())), None)
        if term is None:
            values.append(rest.split(",")[0].strip())  # reported by the validator
            rest = rest.split(",", 1)[1].strip() if "," in rest else ""
            continue
        values.append(term.value)
        rest = rest[len(term.label()) :].lstrip(", ").strip()
    return values


def _set(data: dict, key: tuple[str, ...], value: Any) -> None:
    for part in key[:-1]:
        data = data.setdefault(part, {})
    data[key[-1]] = value


def practice_text(body: str, today: dt.date) -> tuple[str, str]:
    """The id and the text of a practice file made from an issue body."""
    given = answers(body)
    values: dict[str, Any] = {}
    sections: dict[str, str] = {}
    for f in fields():
        answer = given.get(f.label)
        if f.kind == "checkboxes":
            ticks = re.findall(r"^- \[([ xX])\]", given.get(f.label, ""), re.MULTILINE)
            _set(values, (*f.key, "publication"), len(ticks) > 0 and ticks[0] in "xX")
            _set(values, (*f.key, "no_identifying_details"), len(ticks) > 1 and ticks[1] in "xX")
            continue
        if answer is None:
            continue
        if f.key[0] == "body":
            sections[f.key[1]] = answer
        elif f.kind == "dropdown":
            chosen = _labels(answer, f.vocabulary)
            _set(values, f.key, chosen if f.multiple else (chosen[0] if chosen else answer))
        elif f.parts:
            records = [
                dict(zip(f.parts, (x.strip() for x in line.split("|")), strict=False))
                for line in answer.splitlines()
                if line.strip()
            ]
            for record in records:  # a kind may be given by its label
                if "kind" in record:
                    record["kind"] = (_labels(record["kind"], "resource_kinds") or [""])[0]
                if "evaluation" in record:  # optional: 'true' marks the evaluation
                    flag = record.pop("evaluation").lower()
                    if flag:
                        record["evaluation"] = flag in ("true", "yes", "x")
            _set(values, f.key, records)
        elif f.key == ("years",):
            start, _, end = answer.partition("-")
            years = {"start": int(start)} if start.strip().isdigit() else {"start": start}
            if end.strip():
                years["end"] = int(end) if end.strip().isdigit() else end.strip()
            _set(values, f.key, years)
        elif f.key == ("countries",):
            _set(values, f.key, [c.strip().upper() for c in answer.split(",") if c.strip()])
        else:
            _set(values, f.key, " ".join(answer.split()) if f.kind == "input" else answer)
    practice_id = slug(str(values.get("title", "")))
    values = {
        "id": practice_id,
        **values,
        "provenance": "submitted",
        "submitted": today,
        "last_reviewed": today,
    }
    ordered = {k: values[k] for k in model.FIELDS if k in values}
    return practice_id, template.practice(ordered, sections)


def run(body_file: Path, folder: Path, today: dt.date | None = None) -> int:
    """`kb from-issue`: write practices/<id>.md from an issue body, then validate it."""
    today = today or dt.date.today()
    try:
        body = body_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"kb from-issue: cannot read {body_file}: {error}", file=sys.stderr)
        return 2
    practice_id, text = practice_text(body, today)
    if not practice_id:
        print(
            "kb from-issue: the issue has no title to make an id from; nothing written",
            file=sys.stderr,
        )
        return 1
    path = folder / f"{practice_id}.md"
    if path.exists():
        print(f"kb from-issue: {path} already exists; nothing written", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    result = checks.validate([path], today=today)
    print(report.as_text(result))
    return 0 if result.ok else 1
