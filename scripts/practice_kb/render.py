"""Pure functions that turn practices into the Markdown of the site's pages.

Strings in, strings out: no file access, no MkDocs. Every value that comes
from a contributor is escaped for the place it lands in.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable

import pycountry

from . import vocabulary
from .model import RTL_LANGUAGES, Practice

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")


def text(value: str) -> str:
    """Escape contributed text placed into Markdown: no markup, no raw HTML."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def url(value: str) -> str:
    """A URL placed in a Markdown link target."""
    return value.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def frontmatter(**fields: object) -> str:
    """MkDocs page metadata. JSON is valid YAML, and much faster to write.

    The theme writes a page's title and description into the HTML unescaped
    (<title>, the header, <meta name="description">), so they are escaped here.
    """
    for key in ("title", "description"):
        if isinstance(fields.get(key), str):
            fields[key] = html.escape(fields[key])
    return "---\n" + json.dumps(fields, ensure_ascii=False) + "\n---\n\n"


def label(vocabulary_name: str, value: str) -> str:
    return vocabulary.get(vocabulary_name).label(value)


def language_name(tag: str) -> str:
    primary = tag.split("-")[0]
    found = pycountry.languages.get(alpha_2=primary) or pycountry.languages.get(alpha_3=primary)
    return found.name if found else tag


def country_name(code: str) -> str:
    found = pycountry.countries.get(alpha_2=code)
    return found.name if found else code


def direction(language: str) -> str:
    return "rtl" if language.split("-")[0] in RTL_LANGUAGES else "ltr"


# ---------------------------------------------------------------------------
# The practice page
# ---------------------------------------------------------------------------


def _labels(vocabulary_name: str, values: Iterable[str], folder: str | None = None) -> str:
    if folder is None:
        return ", ".join(label(vocabulary_name, v) for v in values)
    return ", ".join(f"[{label(vocabulary_name, v)}](../{folder}/{v}.md)" for v in values)


def card(p: Practice, published: set[str] | frozenset[str] = frozenset()) -> str:
    """The summary card of a practice's metadata, as a Markdown definition list."""
    org = p.organisation
    rows = [
        ("Organisation", f"{text(org.name)} ({label('organisation_types', org.type)})"),
        ("Themes", _labels("themes", p.themes, "themes")),
        ("Topics", _labels("topics", p.topics, "topics")),
        ("Misconduct", _labels("misconduct", p.misconduct)),
        ("Regions", _labels("regions", p.regions)),
    ]
    if p.countries:
        rows.append(("Countries", ", ".join(map(country_name, p.countries))))
    rows.append(("Audience", _labels("audiences", p.audience)))
    if p.approaches:
        rows.append(("Approaches", _labels("approaches", p.approaches)))
    rows.append(("Evidence", label("evidence", p.evidence)))
    stage = label("stages", p.stage)
    if p.years:
        stage += f" ({p.years.start}–{p.years.end or 'now'})"
    rows.append(("Stage", stage))
    rows.append(("Language", language_name(p.language)))
    translations = {lang: t for lang, t in p.translations.items() if t in published}
    if translations:
        rows.append(
            (
                "Also in",
                ", ".join(
                    f"[{language_name(lang)}]({target}.md)"
                    for lang, target in sorted(translations.items())
                ),
            )
        )
    if p.contact:
        rows.append(("Contact", text(p.contact)))
    rows.append(
        (
            "Dates",
            f"submitted {p.submitted.isoformat()}, last reviewed {p.last_reviewed.isoformat()}",
        )
    )
    rows.append(("Provenance", label("provenance", p.provenance)))
    body = "\n".join(f"{name}\n:   {value}\n" for name, value in rows)
    return f'<div class="kb-card kb-card--{p.provenance}" markdown>\n\n{body}\n</div>\n'


def references(p: Practice) -> str:
    """The resources and sources sections, from the frontmatter."""
    parts = []
    if p.resources:
        parts.append("## Resources {: #resources }\n")
        for r in p.resources:
            kind = label("resource_kinds", r.kind)
            parts.append(f"- [{text(r.title)}]({url(r.url)}) ({kind}, {language_name(r.language)})")
        parts.append("")
    if p.sources:
        parts.append("## Sources {: #sources }\n")
        parts.extend(f"- [{text(s.title)}]({url(s.url)})" for s in p.sources)
        parts.append("")
    return "\n".join(parts)


def tags(p: Practice) -> list[str]:
    """The Material tags of a practice: its themes' and topics' labels."""
    return [label("themes", t) for t in p.themes] + [label("topics", t) for t in p.topics]


def _content_note(p: Practice, body: str) -> str:
    """The body, behind its content note when it has one: the reader opens it deliberately."""
    inner = (
        f'<div class="kb-practice" lang="{p.language}" dir="{direction(p.language)}" markdown>'
        f"\n\n{body.strip()}\n\n</div>\n\n"
    )
    if not p.content_note:
        return inner
    return (
        '<details class="kb-content-note" markdown>\n'
        f"<summary>Content note: {html.escape(p.content_note)} Select to read the practice."
        f"</summary>\n\n{inner}</details>\n\n"
    )


def practice_page(
    p: Practice, body: str, published: set[str] | frozenset[str] = frozenset()
) -> str:
    """The complete Markdown of a practice's page; ``published`` are the ids it may link."""
    lang, dir_ = p.language, direction(p.language)
    meta = frontmatter(title=p.title, description=p.summary, tags=tags(p))
    notice = ""
    if p.provenance == "compiled":
        notice = (
            '!!! note "Compiled from public sources"\n'
            "    This entry was compiled from the public sources listed below. "
            "The organisation has not yet confirmed it.\n\n"
        )
    return (
        meta
        + f'<div class="kb-practice" lang="{lang}" dir="{dir_}" markdown>\n\n'
        + f"# {text(p.title)}\n\n"
        + f'<p class="kb-summary">{html.escape(p.summary)}</p>\n\n'
        + "</div>\n\n"
        + card(p, published)
        + "\n"
        + notice
        + _content_note(p, body)
        + references(p)
    )


# ---------------------------------------------------------------------------
# Listings
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Facets: what the catalogue filters on, and the gap view counts
# ---------------------------------------------------------------------------

# name in the URL and data attributes, vocabulary (None: the languages found), values
FACETS: list[tuple[str, str | None, Callable[[Practice], list[str]]]] = [
    ("themes", "themes", lambda p: p.themes),
    ("topics", "topics", lambda p: p.topics),
    ("misconduct", "misconduct", lambda p: p.misconduct),
    ("organisation", "organisation_types", lambda p: [p.organisation.type]),
    ("regions", "regions", lambda p: p.regions),
    ("language", None, lambda p: [p.language]),
    ("evidence", "evidence", lambda p: [p.evidence]),
    ("audience", "audiences", lambda p: p.audience),
]
FACET_TITLES = {
    "themes": "Themes", "topics": "Topics", "misconduct": "Misconduct",
    "organisation": "Type of organisation", "regions": "Regions", "language": "Language",
    "evidence": "Evidence", "audience": "Audience",
}


def facet_attributes(p: Practice) -> str:
    """The data attributes the catalogue's filters read (values are vocabulary values)."""
    return "".join(
        f' data-kb-{name}="{html.escape(" ".join(values(p)))}"' for name, _, values in FACETS
    )


def _facet_choices(name: str, vocab: str | None, practices: list[Practice], values) -> list:
    counts: dict[str, int] = {}
    for p in practices:
        for value in values(p):
            counts[value] = counts.get(value, 0) + 1
    if vocab is None:
        return [(v, language_name(v), counts[v]) for v in sorted(counts)]
    return [(t.value, t.label(), counts[t.value]) for t in vocabulary.get(vocab).terms
            if t.value in counts]


def filters_form(practices: list[Practice]) -> str:
    """The catalogue's filters: hidden until the script shows them, so without
    JavaScript the page simply lists every practice."""
    total = len(practices)
    parts = [
        '<form class="kb-filters" data-kb-filters hidden aria-label="Filter the practices">',
        "<details data-kb-facets><summary><strong>Filter the practices</strong></summary>",
    ]
    for name, vocab, values in FACETS:
        choices = _facet_choices(name, vocab, practices, values)
        if not choices:
            continue
        parts.append(f'<fieldset><legend>{FACET_TITLES[name]}</legend>')
        for value, shown, count in choices:
            identifier = f"kb-{name}-{value}"
            parts.append(
                f'<label for="{identifier}"><input type="checkbox" id="{identifier}" '
                f'name="{name}" value="{html.escape(value)}"> {html.escape(shown)} '
                f'<span class="kb-filters__count">({count})</span></label>'
            )
        parts.append("</fieldset>")
    parts.append("</details>")
    parts += [
        '<p class="kb-filters__status"><span data-kb-count role="status" aria-live="polite" '
        f'data-kb-template="{{shown}} of {{total}} practices shown">{total} of {total} '
        "practices shown</span> "
        '<button type="button" class="md-button" data-kb-clear>Clear all filters</button></p>',
        '<p data-kb-empty hidden>No practice matches all the chosen filters.</p>',
        "</form>",
    ]
    return "\n".join(parts)


def listing(practices: Iterable[Practice], prefix: str = "../practices/") -> str:
    """A list of practices with their summaries, linking to their pages."""
    items = []
    for p in sorted(practices, key=lambda p: (p.title.casefold(), p.id)):
        org = p.organisation
        items.append(
            f'<li lang="{p.language}" dir="{direction(p.language)}" data-kb-item'
            f"{facet_attributes(p)} markdown>"
            f"[{text(p.title)}]({prefix}{p.id}.md)"
            f'<br>{text(p.summary)}<br><span class="kb-meta">'
            f"{text(org.name)} · {label('organisation_types', org.type)}"
            f" · {label('evidence', p.evidence)}</span></li>"
        )
    if not items:
        return "No practices yet. [Contribute one](../contributing.md).\n"
    return '<ul class="kb-list" markdown>\n' + "\n".join(items) + "\n</ul>\n"


def catalogue(practices: list[Practice]) -> str:
    count = len(practices)
    return (
        frontmatter(title="Catalogue of practices", kb_filters=filters_form(practices))
        + "# Catalogue of practices\n\n"
        + f"All {count} practice{'s' if count != 1 else ''} in the knowledge base, by title. "
        + "Browse them [by theme](../themes/index.md) or [by topic](../topics/index.md), "
        + "see [where practices are missing](../gaps.md), or use the search.\n\n"
        + listing(practices, prefix="")
    )


def _gap_table(
    rows: tuple[str, str, Callable[[Practice], list[str]]],
    columns: tuple[str, str, Callable[[Practice], list[str]]],
    practices: list[Practice],
) -> str:
    row_name, row_vocab, row_values = rows
    column_name, column_vocab, column_values = columns
    column_terms = vocabulary.get(column_vocab).terms
    head = "".join(f'<th scope="col">{html.escape(t.label())}</th>' for t in column_terms)
    lines = [f'<table class="kb-gaps"><thead><tr><td></td>{head}</tr></thead><tbody>']
    for term in vocabulary.get(row_vocab).terms:
        cells = []
        for column in column_terms:
            count = sum(
                term.value in row_values(p) and column.value in column_values(p) for p in practices
            )
            query = f"?{row_name}={term.value}&amp;{column_name}={column.value}"
            cells.append(
                f'<td><a href="practices/index.html{query}">{count}</a></td>' if count
                else '<td class="kb-gap">0</td>'
            )
        lines.append(f'<tr><th scope="row">{html.escape(term.label())}</th>{"".join(cells)}</tr>')
    lines.append("</tbody></table>")
    return "\n".join(lines) + "\n"


def gaps(practices: list[Practice]) -> str:
    """How many practices exist for each theme by region, and topic by organisation type."""
    facet = {name: (name, vocab, values) for name, vocab, values in FACETS}
    return (
        frontmatter(title="Where practices are missing")
        + "# Where practices are missing\n\n"
        "How many practices exist for each theme in each region, and for each topic by type "
        "of organisation. A 0 is a gap a regional team could fill: "
        "[contribute a practice](contributing.md). Each number opens the catalogue filtered to "
        "those practices.\n\n"
        "## Themes by region\n\n"
        + _gap_table(facet["themes"], facet["regions"], practices)
        + "\n## Topics by type of organisation\n\n"
        + _gap_table(facet["topics"], facet["organisation"], practices)
    )


def term_index(
    vocabulary_name: str, heading: str, intro: str, practices: list[Practice], field: str
) -> str:
    """The page listing every term of a vocabulary, with its count of practices."""
    vocab = vocabulary.get(vocabulary_name)
    lines = [frontmatter(title=heading), f"# {heading}\n", intro, ""]
    for term in vocab.terms:
        count = sum(term.value in getattr(p, field) for p in practices)
        noun = "practice" if count == 1 else "practices"
        line = f"- [{term.label()}]({term.value}.md): {count} {noun}"
        if term.description():
            line += f". {term.description()}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def term_page(vocabulary_name: str, value: str, practices: list[Practice], field: str) -> str:
    """The page of one theme or topic, listing its practices."""
    term = vocabulary.get(vocabulary_name)[value]
    chosen = [p for p in practices if value in getattr(p, field)]
    return (
        frontmatter(title=term.label())
        + f"# {term.label()}\n\n"
        + (f"{term.description()}\n\n" if term.description() else "")
        + listing(chosen)
    )


# ---------------------------------------------------------------------------
# The schema page
# ---------------------------------------------------------------------------


def _type_of(spec: dict, definitions: dict) -> str:
    if "$ref" in spec:
        return "fields: " + ", ".join(
            f"`{name}`" for name in definitions[spec["$ref"].split("/")[-1]]["properties"]
        )
    if "anyOf" in spec:
        return " or ".join(
            _type_of(s, definitions) for s in spec["anyOf"] if s.get("type") != "null"
        )
    if "x-vocabulary" in spec:
        return f"one of the [{spec['x-vocabulary'].replace('_', ' ')}](#{spec['x-vocabulary']})"
    if spec.get("type") == "array":
        return "list of " + _type_of(spec["items"], definitions)
    if spec.get("type") == "object" and "additionalProperties" in spec:
        return "mapping of language tag to practice id"
    if spec.get("const") is True:
        return "`true`"
    if spec.get("format") == "date":
        return "date (YYYY-MM-DD)"
    kind = {"string": "text", "integer": "whole number", "boolean": "true or false"}
    described = kind.get(spec.get("type", ""), spec.get("type", "value"))
    if "maxLength" in spec and spec.get("type") == "string":
        described += f", at most {spec['maxLength']} characters"
    return described


def _field_table(model_schema: dict, definitions: dict) -> list[str]:
    required = set(model_schema.get("required", []))
    rows = ["| Field | Required | Value | Meaning |", "|---|---|---|---|"]
    for name, spec in model_schema["properties"].items():
        rows.append(
            f"| `{name}` | {'yes' if name in required else 'no'} | "
            f"{_type_of(spec, definitions)} | {spec.get('description', '')} |"
        )
    return rows


def schema_page(schema: dict) -> str:
    """A page describing every field of a practice and every allowed value."""
    definitions = schema.get("$defs", {})
    lines = [
        frontmatter(title="Practice schema"),
        "# Practice schema\n",
        "Every practice is a Markdown file in `practices/` that starts with these fields "
        "between two `---` lines. This page is generated from the same model that the "
        "validator uses; editors can use the [JSON Schema](practice.schema.json) to "
        "autocomplete the fields.\n",
        "## Fields\n",
        *_field_table(schema, definitions),
        "",
    ]
    for name, definition in definitions.items():
        lines += [f"### {name}\n", definition.get("description", ""), ""]
        lines += [*_field_table(definition, definitions), ""]
    sections = vocabulary.get("sections")
    lines += [
        "## Body sections\n",
        "After the fields comes the body: these sections, as `##` headings, in this order. "
        "An entry written in French, Spanish or Arabic may use the headings of its language.\n",
    ]
    for number, term in enumerate(sections.terms, start=1):
        lines.append(f"{number}. **{term.label()}**: {term.description()}")
    lines += ["", "## Vocabularies\n"]
    for vocab in vocabulary.vocabularies().values():
        if vocab.name == "sections":
            continue
        lines += [f"### {vocab.name.replace('_', ' ').capitalize()} {{: #{vocab.name} }}\n"]
        lines += ["| Value | Label |", "|---|---|"]
        lines += [f"| `{t.value}` | {t.label()} |" for t in vocab.terms]
        lines.append("")
    return "\n".join(lines)
