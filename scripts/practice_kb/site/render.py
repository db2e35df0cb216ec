"""Pure functions that turn practices into the Markdown of the site's pages.

Strings in, strings out: no file access, no MkDocs. Every value that comes
from a contributor is escaped for the place it lands in.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cache
from importlib import resources

import yaml

from ..core import fields, vocabulary
from ..core.model import Practice
from ..core.strings import count as count_text
from ..core.strings import t
from ..core.text import country_name, direction, frontmatter, label, language_name, text, url

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# ---------------------------------------------------------------------------
# The practice page: its text in its own language, its card in the reader's
# ---------------------------------------------------------------------------


def _labels(vocab: str, values: Iterable[str], lang: str, folder: str | None = None) -> str:
    if folder is None:
        return ", ".join(label(vocab, v, lang) for v in values)
    return ", ".join(f"[{label(vocab, v, lang)}](../{folder}/{v}.md)" for v in values)


def card(p: Practice, published: Collection[str] = frozenset(), lang: str = "en") -> str:
    """The summary card of a practice's metadata, as a Markdown definition list.

    ``published`` are the ids the card may link; when it maps ids to practices, a
    practice written in another language that has a translation in ``lang`` shows
    that translation's summary first, linked to it.
    """
    rows = _in_reader_language(p, published, lang)
    for key, names in fields.card_rows():  # the rows and their order come from the model
        value = _card_value(p, names, published, lang)
        if value:
            rows.append((key, value))
    body = "\n".join(f"{t(key, lang)}\n:   {value}\n" for key, value in rows)
    return f'<div class="kb-card kb-card--{p.provenance}" markdown>\n\n{body}\n</div>\n'


def _card_value(p: Practice, names: tuple[str, ...], published: Collection[str], lang: str) -> str:
    """The value of the card row showing the fields ``names`` ("" leaves the row out): by
    the kind of value (a vocabulary's labels, linked when its values have pages; text),
    or, for the few values shown in their own way, by ``_SHOWN_AS``."""
    name = names[0]
    if name in _SHOWN_AS:
        return _SHOWN_AS[name](p, published, lang)
    d = fields.by_name()[name]
    value = getattr(p, name)
    if d.vocabulary and d.part:  # a record named by its text, with its kind
        return f"{text(value.name)} ({label(d.vocabulary, getattr(value, d.part), lang)})"
    if d.vocabulary and d.multiple:
        return _labels(d.vocabulary, value, lang, name if d.shown.pages else None)
    if d.vocabulary:
        return label(d.vocabulary, value, lang)
    return text(value) if value else ""


def _stage(p: Practice, published: Collection[str], lang: str) -> str:
    stage = label("stages", p.stage, lang)
    if p.years:
        stage += f" ({p.years.start}–{p.years.end or t('card.now', lang)})"
    return stage


def _also_in(p: Practice, published: Collection[str], lang: str) -> str:
    translations = {code: target for code, target in p.translations.items() if target in published}
    return ", ".join(
        f"[{language_name(code, lang)}]({target}.md)"
        for code, target in sorted(translations.items())
    )


def _dates(p: Practice, published: Collection[str], lang: str) -> str:
    submitted, reviewed = p.submitted.isoformat(), p.last_reviewed.isoformat()
    return t("card.dates_value", lang, submitted=submitted, reviewed=reviewed)


# the values a card shows in their own way, by the first field of their row
_SHOWN_AS: dict[str, Callable[[Practice, Collection[str], str], str]] = {
    "stage": _stage,
    "translations": _also_in,
    "submitted": _dates,
    "countries": lambda p, _, lang: ", ".join(country_name(c, lang) for c in p.countries),
    "language": lambda p, _, lang: language_name(p.language, lang),
}


def _in_reader_language(
    p: Practice, published: Collection[str], lang: str
) -> list[tuple[str, str]]:
    """The card's row with the summary of the practice's translation in ``lang``, if any."""
    if p.language.split("-")[0] == lang or not isinstance(published, Mapping):
        return []
    for code, target in sorted(p.translations.items()):
        other = published.get(target)
        if code.split("-")[0] == lang and isinstance(other, Practice):
            summary = f"[{text(other.title)}]({target}.md): {text(other.summary)}"
            return [("card.in_language", summary)]
    return []


def references(p: Practice, lang: str = "en") -> str:
    """The resources and sources sections, from the frontmatter."""
    parts = []
    if p.resources:
        parts.append(f"## {t('page.resources', lang)} {{: #resources }}\n")
        for r in p.resources:
            kind = label("resource_kinds", r.kind, lang)
            language = language_name(r.language, lang)
            parts.append(f"- [{text(r.title)}]({url(r.url)}) ({kind}, {language})")
        parts.append("")
    if p.sources:
        parts.append(f"## {t('page.sources', lang)} {{: #sources }}\n")
        parts.extend(f"- [{text(s.title)}]({url(s.url)})" for s in p.sources)
        parts.append("")
    return "\n".join(parts)


@cache
def _abbreviations() -> list[tuple[str, str, re.Pattern[str], str]]:
    """(short, long, how to find the short form, how to find the long form)."""
    text_ = (
        resources.files("practice_kb.core").joinpath("data/abbreviations.yml").read_text("utf-8")
    )
    return [
        (short, long, re.compile(rf"\b{short}s?\b"), long.rstrip("s").lower())
        for short, long in yaml.load(text_, Loader=SafeLoader).items()
    ]


def abbreviations(text_: str) -> list[tuple[str, str]]:
    """The field's abbreviations a text uses, in either form, with their expansions."""
    lowered = text_.lower()
    return [
        (short, long)
        for short, long, short_form, long_form in _abbreviations()
        if long_form in lowered or (short in text_ and short_form.search(text_))
    ]


def abbreviation_line(p: Practice, body: str) -> str:
    """A line naming both forms, so that searching either finds the practice."""
    used = abbreviations(" ".join([p.title, p.summary, body]))
    if not used:
        return ""
    listed = "; ".join(f"<abbr>{short}</abbr>: {long}" for short, long in used)
    return f'<p class="kb-abbreviations">{listed}</p>\n\n'


def tags(p: Practice, lang: str = "en") -> list[str]:
    """The Material tags of a practice: its themes' and topics' labels."""
    found = fields.by_name()
    return [
        label(found[name].vocabulary or name, value, lang)
        for name in fields.with_pages()
        for value in getattr(p, name)
    ]


def _content_note(p: Practice, body: str, lang: str) -> str:
    """The body, behind its content note when it has one: the reader opens it deliberately."""
    inner = (
        f'<div class="kb-practice" lang="{p.language}" dir="{direction(p.language)}" markdown>'
        f"\n\n{body.strip()}\n\n</div>\n\n"
    )
    if not p.content_note:
        return inner
    note = html.escape(t("notice.content_note", lang, note=p.content_note))
    return (
        '<details class="kb-content-note" markdown>\n'
        f"<summary>{note}</summary>\n\n{inner}</details>\n\n"
    )


def practice_page(
    p: Practice,
    body: str,
    published: Collection[str] = frozenset(),
    lang: str = "en",
    source: str = "",
) -> str:
    """The complete Markdown of a practice's page; ``published`` are the ids it may link
    (or the practices by id, so that the card can show a translation's summary).
    ``source`` is where the repository's web editor opens the practice's file: the page
    ends with a "Suggest a change" link to it."""
    meta = frontmatter(title=p.title, description=p.summary, tags=tags(p, lang))
    notice = ""
    if p.provenance == "compiled":
        notice = (
            f'!!! note "{t("notice.compiled_title", lang)}"\n'
            f"    {t('notice.compiled_text', lang)}\n\n"
        )
    return (
        meta
        + f'<div class="kb-practice" lang="{p.language}" dir="{direction(p.language)}"'
        + " markdown>\n\n"
        + f"# {text(p.title)}\n\n"
        + f'<p class="kb-summary">{html.escape(p.summary)}</p>\n\n'
        + "</div>\n\n"
        + search_metadata(p, lang)
        + card(p, published, lang)
        + "\n"
        + abbreviation_line(p, body)
        + notice
        + _content_note(p, body, lang)
        + references(p, lang)
        + suggest_change(source, lang)
    )


def suggest_change(source: str, lang: str = "en") -> str:
    """A link to the practice's file in the repository's web editor ("" without one)."""
    if not source:
        return ""
    link = f'<a href="{html.escape(source)}">{html.escape(t("page.suggest_change", lang))}</a>'
    return f'\n<p class="kb-suggest">{link}</p>\n'


# ---------------------------------------------------------------------------
# Facets: what the catalogue filters on, and the gap view counts
# ---------------------------------------------------------------------------

# name in the URL and data attributes (the field's), vocabulary (None: the languages found),
# values: from the marks on the model's fields (core/fields.py), in their places
FACETS: list[tuple[str, str | None, Callable[[Practice], list[str]]]] = [
    (f.name, f.vocabulary, f.values) for f in fields.facets()
]
# each facet's title: the key of its field's row on the card
FACET_TITLES = {f.name: f.title for f in fields.facets()}
# The facets that search results filter on (Pagefind's filters): the catalogue's own
# facets, with the same names, labels and order, so that search and catalogue agree.
SEARCH_FILTERS = tuple(f.name for f in fields.facets() if f.search)


def search_metadata(p: Practice, lang: str = "en") -> str:
    """What the online search records of a practice besides its text: the title,
    organisation and summary its results show, and one filter value per theme,
    region, organisation type and evidence level, labelled in the build's language.
    Hidden, and kept out of the indexed text (``data-pagefind-ignore``)."""
    parts = [
        f'<span data-pagefind-meta="title">{html.escape(p.title)}</span>',
        f'<span data-pagefind-meta="organisation">{html.escape(p.organisation.name)}</span>',
        f'<span data-pagefind-meta="summary">{html.escape(p.summary)}</span>',
    ]
    for name, vocab, values in FACETS:
        if name in SEARCH_FILTERS and vocab is not None:
            parts += [
                f'<span data-pagefind-filter="{name}">{html.escape(label(vocab, v, lang))}</span>'
                for v in values(p)
            ]
    return '<div hidden data-pagefind-ignore="index">' + "".join(parts) + "</div>\n\n"


def _facet_choices(vocab: str | None, practices: list[Practice], values, lang: str) -> list:
    counts: dict[str, int] = {}
    for p in practices:
        for value in values(p):
            counts[value] = counts.get(value, 0) + 1
    if vocab is None:
        return [(v, language_name(v, lang), counts[v]) for v in sorted(counts)]
    return [
        (term.value, term.label(lang), counts[term.value])
        for term in vocabulary.get(vocab).terms
        if term.value in counts
    ]


def filters_form(practices: list[Practice], lang: str = "en") -> str:
    """The catalogue's filters: hidden until the script shows them, so without
    JavaScript the page lists its first practices and links the numbered pages.

    The counts and choices cover every practice; the list itself is in
    ``catalogue.js`` (``catalogue_data``), which the script loads only when a reader
    chooses a filter or asks for the whole list."""
    total = len(practices)
    on_page = min(total, PAGE_SIZE)
    title = html.escape(t("filters.title", lang))
    parts = [
        f'<form class="kb-filters" data-kb-filters hidden aria-label="{title}" '
        f'data-kb-source="{CATALOGUE_DATA}" data-kb-total="{total}">',
        f"<details data-kb-facets><summary><strong>{title}</strong></summary>",
    ]
    for name, vocab, values in FACETS:
        choices = _facet_choices(vocab, practices, values, lang)
        if not choices:
            continue
        parts.append(f"<fieldset><legend>{html.escape(t(FACET_TITLES[name], lang))}</legend>")
        for value, shown, count in choices:
            identifier = f"kb-{name}-{value}"
            parts.append(
                f'<label for="{identifier}"><input type="checkbox" id="{identifier}" '
                f'name="{name}" value="{html.escape(value)}"> {html.escape(shown)} '
                f'<span class="kb-filters__count">({count})</span></label>'
            )
        parts.append("</fieldset>")
    template = html.escape(t("filters.count", lang))
    loading = html.escape(t("filters.loading", lang))
    show_all = ""
    if total > on_page:
        show_all = (
            f'<button type="button" class="md-button" data-kb-all>'
            f"{html.escape(t('filters.all', lang, total=total))}</button> "
        )
    parts += [
        "</details>",
        '<p class="kb-filters__status"><span data-kb-count role="status" aria-live="polite" '
        f'data-kb-template="{template}" data-kb-loading="{loading}">'
        f"{html.escape(t('filters.count', lang, shown=on_page, total=total))}</span> "
        f"{show_all}"
        f'<button type="button" class="md-button" data-kb-clear>'
        f"{html.escape(t('filters.clear', lang))}</button></p>",
        f"<p data-kb-empty hidden>{html.escape(t('filters.none', lang))}</p>",
        f'<p data-kb-failed hidden role="alert">{html.escape(t("filters.failed", lang))}</p>',
        "</form>",
    ]
    return "\n".join(parts)


def by_title(practices: Iterable[Practice]) -> list[Practice]:
    """The order of every listing: by title, then id."""
    return sorted(practices, key=lambda p: (p.title.casefold(), p.id))


def listing(practices: Iterable[Practice], prefix: str = "../practices/", lang: str = "en") -> str:
    """A list of practices with their summaries, linking to their pages (the catalogue's
    script draws the same items from ``catalogue_data``)."""
    items = []
    for p in by_title(practices):
        org = p.organisation
        items.append(
            f'<li lang="{p.language}" dir="{direction(p.language)}" data-kb-item markdown>'
            f"[{text(p.title)}]({prefix}{p.id}.md)"
            f'<br>{text(p.summary)}<br><span class="kb-meta">'
            f"{text(org.name)} · {label('organisation_types', org.type, lang)}"
            f" · {label('evidence', p.evidence, lang)}{_compiled_note(p, lang)}</span></li>"
        )
    if not items:
        contribute = t("catalogue.contribute", lang)
        return f"{t('catalogue.empty', lang)} [{contribute}](../contributing.md)\n"
    return '<ul class="kb-list" markdown>\n' + "\n".join(items) + "\n</ul>\n"


def _compiled_note(p: Practice, lang: str) -> str:
    if p.provenance != "compiled":
        return ""
    return f' · <span class="kb-compiled">{html.escape(t("status.compiled", lang))}</span>'


# Listing pages repeat the practices' titles and summaries: left out of the search
# index, which every reader downloads, so that each practice is found once.
LISTING = {"exclude": True}


# The catalogue in pages: its first page lists PAGE_SIZE practices, by title, and the
# numbered pages (practices/pages/<n>.md, for readers without JavaScript) the rest, so
# that a first visit costs the same whatever the number of practices. With JavaScript,
# a filter or "show all" loads the whole list from CATALOGUE_DATA.
PAGE_SIZE = 50
PAGES_FOLDER = "pages"
CATALOGUE_DATA = "catalogue.js"


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def catalogue(practices: list[Practice], lang: str = "en", size: int = PAGE_SIZE) -> str:
    """The catalogue's first page: the filters, the count and the first ``size``
    practices by title, with the links to the numbered pages."""
    title = t("catalogue.title", lang)
    ordered = by_title(practices)
    return (
        frontmatter(title=title, kb_filters=filters_form(practices, lang), search=LISTING)
        + f"# {title}\n\n"
        + t("catalogue.intro", lang, count=len(practices))
        + f" [{t('nav.themes', lang)}](../themes/index.md) · "
        + f"[{t('nav.topics', lang)}](../topics/index.md) · "
        + f"[{t('gaps.title', lang)}](../gaps.md)\n\n"
        + _page_of(ordered, 1, lang, size)
    )


def catalogue_pages(
    practices: list[Practice], lang: str = "en", size: int = PAGE_SIZE
) -> dict[str, str]:
    """The catalogue's numbered pages after the first, by their path under practices/
    (``pages/2.md`` ...): a title, the range shown and the links between pages."""
    ordered = by_title(practices)
    pages = {}
    for number in range(2, page_count(len(ordered), size) + 1):
        title = t("catalogue.page_title", lang, number=number, pages=page_count(len(ordered), size))
        pages[f"{PAGES_FOLDER}/{number}.md"] = (
            frontmatter(title=title, search=LISTING)
            + f"# {title}\n\n"
            + _page_of(ordered, number, lang, size)
        )
    return pages


def _page_of(ordered: list[Practice], number: int, lang: str, size: int) -> str:
    """One page's range, list and page links (the list alone when there is one page)."""
    pages = page_count(len(ordered), size)
    chosen = ordered[(number - 1) * size : number * size]
    prefix = "" if number == 1 else "../"
    if pages == 1:
        return listing(chosen, prefix=prefix, lang=lang)
    first = (number - 1) * size + 1
    last = first + len(chosen) - 1
    shown = t("catalogue.range", lang, first=first, last=last, total=len(ordered))
    return (
        f'<p class="kb-range">{html.escape(shown)}</p>\n\n'
        + listing(chosen, prefix=prefix, lang=lang)
        + "\n"
        + pager(number, pages, lang)
    )


def _page_address(number: int, here: int) -> str:
    """The address of page ``number`` from page ``here`` (page 1 is practices/index)."""
    if here == 1:
        return "index.html" if number == 1 else f"{PAGES_FOLDER}/{number}.html"
    return "../index.html" if number == 1 else f"{number}.html"


def pager(number: int, pages: int, lang: str = "en") -> str:
    """The links between the catalogue's pages: previous, the first and last, the pages
    around this one, next; the current page marked for assistive technology."""
    shown = sorted({1, pages, *range(max(1, number - 2), min(pages, number + 2) + 1)})
    items = []
    if number > 1:
        label = html.escape(t("catalogue.previous", lang))
        items.append(f'<li><a href="{_page_address(number - 1, number)}">{label}</a></li>')
    before = 0
    for page in shown:
        if page - before > 1:
            items.append('<li class="kb-pager__gap">…</li>')
        before = page
        name = html.escape(t("catalogue.page", lang, number=page))
        if page == number:
            items.append(
                f'<li><a href="{_page_address(page, number)}" aria-current="page" '
                f'aria-label="{name}">{page}</a></li>'
            )
        else:
            items.append(
                f'<li><a href="{_page_address(page, number)}" aria-label="{name}">{page}</a></li>'
            )
    if number < pages:
        label = html.escape(t("catalogue.next", lang))
        items.append(f'<li><a href="{_page_address(number + 1, number)}">{label}</a></li>')
    name = html.escape(t("catalogue.pages", lang))
    return (
        f'<nav class="kb-pager" aria-label="{name}">\n<ul>\n'
        + "\n".join(items)
        + "\n</ul>\n</nav>\n"
    )


def catalogue_data(practices: list[Practice], lang: str = "en") -> str:
    """``catalogue.js``: what the catalogue's script needs to list and filter every
    practice, by title, assigned to ``window.kbCatalogue``. Only validated fields (ids,
    titles, summaries, organisation names, language tags, vocabulary values) and the
    vocabularies' labels; the script writes them as text, never as markup.

    One list per field, each in the same order (the i-th practice is the i-th of each
    list), and one per facet: like values sit together, which halves the compressed
    file. JSON with every non-ASCII character and ``<``, ``>``, ``&`` escaped, so the
    file is pure ASCII and cannot close a script element."""
    ordered = by_title(practices)
    data = {
        "labels": {
            "organisation": {
                term.value: term.label(lang) for term in vocabulary.get("organisation_types").terms
            },
            "evidence": {term.value: term.label(lang) for term in vocabulary.get("evidence").terms},
            "compiled": t("status.compiled", lang),
        },
        "id": [p.id for p in ordered],
        "title": [p.title for p in ordered],
        "lang": [p.language for p in ordered],
        "dir": [direction(p.language) for p in ordered],
        "summary": [p.summary for p in ordered],
        "org": [p.organisation.name for p in ordered],
        "type": [p.organisation.type for p in ordered],
        "evidence": [p.evidence for p in ordered],
        "compiled": [int(p.provenance == "compiled") for p in ordered],
        "facets": {name: [list(values(p)) for p in ordered] for name, _, values in FACETS},
    }
    text_ = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    text_ = text_.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (
        "// The catalogue's list of practices, generated by `kb build` (practice_kb.site.render)\n"
        f"window.kbCatalogue = {text_};\n"
    )


def _gap_table(rows, columns, practices: list[Practice], lang: str) -> str:
    row_name, row_vocab, row_values = rows
    column_name, column_vocab, column_values = columns
    column_terms = vocabulary.get(column_vocab).terms
    head = "".join(f'<th scope="col">{html.escape(c.label(lang))}</th>' for c in column_terms)
    lines = [f'<table class="kb-gaps"><thead><tr><td></td>{head}</tr></thead><tbody>']
    counts = Counter(
        (row, column) for p in practices for row in row_values(p) for column in column_values(p)
    )
    for term in vocabulary.get(row_vocab).terms:
        cells = []
        for column in column_terms:
            count = counts[term.value, column.value]
            query = f"?{row_name}={term.value}&amp;{column_name}={column.value}"
            cells.append(
                f'<td><a href="practices/index.html{query}">{count}</a></td>'
                if count
                else '<td class="kb-gap">0</td>'
            )
        row_label = html.escape(term.label(lang))
        lines.append(f'<tr><th scope="row">{row_label}</th>{"".join(cells)}</tr>')
    lines.append("</tbody></table>")
    return "\n".join(lines) + "\n"


def gaps(practices: list[Practice], lang: str = "en") -> str:
    """How many practices exist for each theme by region, and topic by organisation type."""
    facet = {name: (name, vocab, values) for name, vocab, values in FACETS}
    title = t("gaps.title", lang)
    return (
        frontmatter(title=title, search=LISTING)
        + f"# {title}\n\n"
        + t("gaps.intro", lang)
        + f" [{t('nav.contribute', lang)}](contributing.md)\n\n"
        + f"## {t('gaps.theme_region', lang)}\n\n"
        + _gap_table(facet["themes"], facet["regions"], practices, lang)
        + f"\n## {t('gaps.topic_organisation', lang)}\n\n"
        + _gap_table(facet["topics"], facet["organisation"], practices, lang)
        + _figures(practices, lang)
    )


def _figures(practices: list[Practice], lang: str) -> str:
    """The one-way counts of `kb report`: organisation type, language, evidence, provenance,
    and the entries whose sources are all copies."""
    from ..contribute import coverage

    found = coverage.coverage(practices)
    parts = [f"\n## {t('gaps.figures', lang)}\n", t("gaps.figures_intro", lang), ""]
    for key, _, rows in coverage.tallies(found):
        vocab = fields.by_name()[key].vocabulary or key  # the organisation's: its type's
        head = html.escape(t(f"gaps.by_{key}", lang))
        lines = [f'<table class="kb-figures"><caption>{head}</caption><tbody>']
        for value, number in rows:
            shown = language_name(value, lang) if key == "language" else label(vocab, value, lang)
            lines.append(f'<tr><th scope="row">{html.escape(shown)}</th><td>{number}</td></tr>')
        lines.append("</tbody></table>")
        parts += ["\n".join(lines), ""]
    parts.append(f"### {t('gaps.copies_only', lang)}\n")
    parts += [f"- [{text(p.title)}](practices/{p.id}.md)" for p in found.copies_only]
    if not found.copies_only:
        parts.append(t("gaps.copies_none", lang))
    return "\n".join(parts) + "\n"


def term_index(
    vocabulary_name: str, practices: list[Practice], field: str, lang: str = "en"
) -> str:
    """The page listing every term of a vocabulary, with its count of practices."""
    vocab = vocabulary.get(vocabulary_name)
    title = t(f"{vocabulary_name}.title", lang)
    lines = [
        frontmatter(title=title, search=LISTING),
        f"# {title}\n",
        t(f"{vocabulary_name}.intro", lang),
        "",
    ]
    for term in vocab.terms:
        number = sum(term.value in getattr(p, field) for p in practices)
        line = f"- [{term.label(lang)}]({term.value}.md): {count_text(number, lang)}"
        if term.description(lang):
            line += f". {term.description(lang)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def term_page(
    vocabulary_name: str, value: str, practices: list[Practice], field: str, lang: str = "en"
) -> str:
    """The page of one theme or topic, listing its practices."""
    term = vocabulary.get(vocabulary_name)[value]
    chosen = [p for p in practices if value in getattr(p, field)]
    return (
        frontmatter(title=term.label(lang), search=LISTING)
        + f"# {term.label(lang)}\n\n"
        + (f"{term.description(lang)}\n\n" if term.description(lang) else "")
        + listing(chosen, lang=lang)
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
        if vocab.name == "sections" or vocab.name in vocabulary.GUIDE_VOCABULARIES:
            continue
        lines += [f"### {vocab.name.replace('_', ' ').capitalize()} {{: #{vocab.name} }}\n"]
        if vocab.name == "evidence":
            lines.append(
                "Each level, and what counts as it. Above anecdotal, the entry marks the source "
                "the level rests on with `evaluation: true` and names it in *What changed*.\n"
            )
        if any(t.description() for t in vocab.terms):
            lines += ["| Value | Label | Definition |", "|---|---|---|"]
            lines += [f"| `{t.value}` | {t.label()} | {t.description()} |" for t in vocab.terms]
        else:
            lines += ["| Value | Label |", "|---|---|"]
            lines += [f"| `{t.value}` | {t.label()} |" for t in vocab.terms]
        lines.append("")
    return "\n".join(lines)
