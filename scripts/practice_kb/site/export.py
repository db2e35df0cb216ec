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

from ..check import sections
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


# Column name, meaning, and how to read it from a practice. The CSV and the
# Open data page are both made from this one list.
COLUMNS: list[tuple[str, str, Callable[[Practice], str]]] = [
    ("id", "Identifier; the page is practices/<id>.html", lambda p: p.id),
    ("title", "Title", lambda p: p.title),
    ("summary", "Summary, at most 300 characters", lambda p: p.summary),
    ("organisation_name", "Organisation", lambda p: p.organisation.name),
    ("organisation_type", "Organisation type (vocabulary value)", lambda p: p.organisation.type),
    ("themes", "Themes, separated by '; '", lambda p: _joined(p.themes)),
    ("topics", "Topics, separated by '; '", lambda p: _joined(p.topics)),
    ("misconduct", "sea, sh or both, separated by '; '", lambda p: _joined(p.misconduct)),
    ("regions", "Regions, separated by '; '", lambda p: _joined(p.regions)),
    ("countries", "ISO 3166 codes, separated by '; '", lambda p: _joined(p.countries)),
    ("audience", "Audience, separated by '; '", lambda p: _joined(p.audience)),
    ("approaches", "Approaches, separated by '; '", lambda p: _joined(p.approaches)),
    ("evidence", "Evidence level", lambda p: p.evidence),
    ("stage", "Stage", lambda p: p.stage),
    ("year_start", "Year it started, if known", lambda p: str(p.years.start) if p.years else ""),
    ("year_end", "Year it ended, if it has", lambda p: str(p.years.end or "") if p.years else ""),
    ("language", "Language of the entry (BCP 47)", lambda p: p.language),
    ("provenance", "submitted or compiled", lambda p: p.provenance),
    ("submitted", "Date submitted (YYYY-MM-DD)", lambda p: p.submitted.isoformat()),
    ("last_reviewed", "Date last reviewed (YYYY-MM-DD)", lambda p: p.last_reviewed.isoformat()),
    ("contact", "Role mailbox or web form", lambda p: p.contact or ""),
    ("url", "Page of the practice, relative to the site", url_of),
    (
        "sources",
        "Sources as 'title <url>', separated by '; '",
        lambda p: _joined([f"{s.title} <{s.url}>" for s in p.sources]),
    ),
    (
        "provenance_note",
        f"'{COMPILED_NOTE}' for a compiled entry; empty when the organisation submitted it",
        provenance_note,
    ),
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
