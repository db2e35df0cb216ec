"""Open data: the practices as JSON, CSV and an Atom feed. Pure functions.

Every contributed value is escaped for the format it lands in: JSON by the
encoder, CSV by the writer plus formula neutralising, XML by escaping.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from html import escape  # also right for XML; xml.sax.saxutils would load urllib.request

from pydantic import BaseModel

from ..check import sections
from ..core import fields
from ..core.model import Practice

FEED_SIZE = 20
COMPILED_NOTE = "Compiled from public sources; not yet confirmed by the organisation"


def provenance_note(p: Practice) -> str:
    """What a reader must know of a compiled entry: no organisation has confirmed it."""
    return COMPILED_NOTE if p.provenance == "compiled" else ""


def _attribute(value: str) -> str:
    """An XML attribute value, quoted and escaped."""
    return f'"{escape(value)}"'


def url_of(p: Practice) -> str:
    return f"practices/{p.id}.html"


def record(p: Practice, body: str) -> dict:
    """One practice as plain data: its fields, its page and its sections' text."""
    data = p.model_dump(mode="json", exclude={"withdrawn"}, exclude_none=True)
    data["url"] = url_of(p)
    if p.provenance == "compiled":
        data["provenance_note"] = COMPILED_NOTE
    data["sections"] = sections.split(body, p.language)
    return data


def as_json(items: list[tuple[Practice, str]]) -> str:
    practices = [record(p, body) for p, body in sorted(items, key=lambda i: i[0].id)]
    document = {"schema": "practice.schema.json", "count": len(practices), "practices": practices}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _joined(values: list[str]) -> str:
    return "; ".join(values)


def _cell(value: object) -> str:
    """A field's value as a CSV cell: lists joined by '; ', dates ISO, records (sources)
    as 'title <url>', nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, list):
        return _joined([_cell(item) for item in value])
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return f"{getattr(value, 'title', '')} <{getattr(value, 'url', '')}>"
    return str(value)


# the columns the export works out rather than reads (marked ``derived`` in the model)
DERIVED: dict[str, Callable[[Practice], str]] = {"url": url_of, "provenance_note": provenance_note}


def _reader(name: str, column: fields.Column) -> Callable[[Practice], str]:
    if column.derived:
        return DERIVED[column.name]

    def read(p: Practice) -> str:
        value = getattr(p, name)
        if column.part:
            value = getattr(value, column.part) if value is not None else None
        return _cell(value)

    return read


# Column name, meaning, and how to read it from a practice, in the published order: from
# the columns marked on the model's fields (core/fields.py). The CSV and the Open data
# page are both made from this one list.
COLUMNS: list[tuple[str, str, Callable[[Practice], str]]] = [
    (column.name, column.meaning.format(compiled_note=COMPILED_NOTE), _reader(d.name, column))
    for d, column in fields.columns()
]


def neutralise(value: str) -> str:
    """Keep spreadsheets from reading a contributed value as a formula."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def as_csv(practices: list[Practice]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in COLUMNS])
    for p in sorted(practices, key=lambda p: p.id):
        writer.writerow([neutralise(read(p)) for _, _, read in COLUMNS])
    return out.getvalue()


def _time(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def as_atom(practices: list[Practice], base: str, title: str) -> str:
    """An Atom feed of the newest practices, for regional teams to follow."""
    newest = sorted(practices, key=lambda p: (p.submitted, p.id), reverse=True)[:FEED_SIZE]
    updated = max((p.last_reviewed for p in practices), default=dt.date(2026, 1, 1))
    base = base.rstrip("/") + "/" if base else ""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}</title>",
        "  <id>tag:joint-journey-kb,2026:feed</id>",
        f"  <updated>{_time(updated)}</updated>",
        f'  <link rel="alternate" href={_attribute(base + "practices/index.html")}/>',
        f'  <link rel="self" href={_attribute(base + "feed.xml")}/>',
    ]
    for p in newest:
        lines += [
            "  <entry>",
            f"    <id>tag:joint-journey-kb,2026:practice:{p.id}</id>",
            f"    <title>{escape(p.title)}</title>",
            f'    <link rel="alternate" href={_attribute(base + url_of(p))}/>',
            f"    <published>{_time(p.submitted)}</published>",
            f"    <updated>{_time(p.last_reviewed)}</updated>",
            f"    <author><name>{escape(p.organisation.name)}</name></author>",
            f"    <summary xml:lang={_attribute(p.language)}>{escape(p.summary)}</summary>",
        ]
        if p.provenance == "compiled":
            lines += [
                f'    <category term="compiled" label={_attribute(COMPILED_NOTE)}/>',
                # readers that show the content rather than the summary see both
                f'    <content type="text" xml:lang={_attribute(p.language)}>'
                f"{escape(p.summary)}\n\n{escape(COMPILED_NOTE)}.</content>",
            ]
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def open_data_page() -> str:
    """The page describing the exports and the CSV's columns (from ``COLUMNS``)."""
    from ..core.text import frontmatter, text

    rows = "\n".join(f"| `{name}` | {text(meaning)} |" for name, meaning, _ in COLUMNS)
    return (
        frontmatter(title="Open data") + "# Open data\n\n"
        "The knowledge base is open data. With every build of the site come:\n\n"
        "- [practices.json](practices.json): every practice, with all its fields, the "
        "address of its page and the text of its sections;\n"
        "- [practices.csv](practices.csv): one row per practice, with the columns below "
        "(UTF-8, comma-separated; lists are separated by `; `; a value that starts with "
        "`=`, `+`, `-` or `@` is prefixed with `'` so that spreadsheets do not run it);\n"
        f"- [feed.xml](feed.xml): an Atom feed of the {FEED_SIZE} newest practices, to "
        "follow new entries in a feed reader;\n"
        "- [practice.schema.json](practice.schema.json): the JSON Schema of a practice's "
        "fields (see the [practice schema](schema.md)).\n\n"
        "Withdrawn practices appear in none of them. Values use the vocabularies' values "
        "(such as `engaging-men-and-boys`); their labels are on the schema page. A "
        f"compiled entry says so in every format: `provenance_note` in the JSON and the CSV, "
        f"a category and a line in the feed ('{COMPILED_NOTE}').\n\n"
        "## CSV columns\n\nThe columns are stable: new ones are only ever added at the end.\n\n"
        "| Column | Meaning |\n|---|---|\n" + rows + "\n"
    )
