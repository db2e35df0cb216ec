"""The knowledge base as pages: every generated page's Markdown, for one language.

Pure: validated content in, Markdown text by path out. The staging step
(``practice_kb.site.stage``) writes these pages next to the hand-written ones for any
engine to render; nothing here knows which engine that is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from .. import project
from ..check import registry
from ..contribute import contribute_form
from ..core import fields, model, strings, vocabulary
from ..core.model import Practice
from ..core.text import language_name
from ..guide import guide, live, printsets
from ..guide.agenda import Content
from . import export, render

TRANSLATIONS = "i18n"  # the hand-written pages' translations: i18n/<lang>/<page>.md
SHIM_URI = "assets/javascripts/iframe-worker-shim.js"
SHIM_SOURCE = Path("node_modules/iframe-worker/shim/index.js")
SEARCH_INPUT_JS = "assets/search-input.js"  # offline copies only
# js-yaml (npm, pinned in package-lock.json) reads the files imported into the Write a
# practice page, which loads it only then; copied from node_modules like the search shim.
YAML_URI = contribute_form.YAML_SCRIPT
YAML_SOURCE = Path("node_modules/js-yaml/dist/browser/js-yaml.umd.min.js")
SITE_LANGUAGES = vocabulary.SITE_LANGUAGES
# the generated pages whose whole text the finishing stage cleans (practice pages: only
# the practice's own text, between its fences)
GENERATED = (f"{project.PRACTICES}/", "themes/", "topics/", f"{project.GUIDE}/")


def allowed_tags(lang: str = "en") -> list[str]:
    """Every tag a practice page may carry: the labels of the terms that have pages (the
    themes and topics: the fields marked ``pages``)."""
    return [t.label(lang) for vocab in _with_pages().values() for t in vocabulary.get(vocab).terms]


def _with_pages() -> dict[str, str]:
    """The fields whose terms have pages (``<field>/<term>.md``), with their vocabularies."""
    return {name: fields.by_name()[name].vocabulary or name for name in fields.with_pages()}


def guide_pages(
    content: Content, practices: list[Practice], lang: str = "en", pdfs: bool = False
) -> tuple[dict[str, str], set[str]]:
    """The facilitation guide in ``lang``: its index, and for each agenda its guide and
    its print sets (``guide/<agenda>/<set>.md``: table set, papers, ..., panel pack),
    from the agenda's translation into ``lang``. Also the pages left in English (an
    agenda not translated into ``lang``), which carry the English-only notice. With
    ``pdfs``, the guide pages link the PDFs that `kb publish` writes beside them."""
    if not content.agendas:
        return {}, set()
    translated = content.for_language(lang) if lang != "en" else content
    generated = {f"{project.GUIDE}/index.md": guide.guide_index(content, lang)}
    english: set[str] = set()
    for name, (agenda, _) in content.agendas.items():
        own = translated.agendas.get(name) if lang != "en" else None
        chosen, source = (own[0], translated) if own else (agenda, content)
        page = guide.guide_page(name, chosen, source, practices, pdfs)
        pages = {f"{project.GUIDE}/{name}.md": page}
        for page, markdown in printsets.site_pages(name, chosen, source, practices).items():
            pages[f"{project.GUIDE}/{name}/{page}"] = markdown
        generated.update(pages)
        if lang != "en" and not own:
            english.update(pages)
    return generated, english


def source_address(repo_url: str, edit_uri: str, file_name: str) -> str:
    """Where GitHub's web editor opens a practice's file: ``<repo_url>/edit/<branch>/
    practices/<file>``, the branch read from ``edit_uri``; "" when no repo_url is set."""
    if not repo_url:
        return ""
    branch = contribute_form.branch_of(edit_uri)
    return f"{repo_url.rstrip('/')}/edit/{branch}/{project.PRACTICES}/{file_name}"


def pages(
    loaded: project.Project,
    site_url: str = "",
    lang: str = "en",
    repo_url: str = "",
    edit_uri: str = "",
    fence: Callable[[str], str] = lambda body: body,
    pdfs: bool = False,
) -> dict[str, str]:
    """Every generated page, by its path in the site's sources, for readers of ``lang``.

    ``repo_url`` and ``edit_uri`` (from mkdocs.yml) tell the Write a practice page where
    GitHub's editor opens new practice files. ``fence`` marks a practice's own text, so
    that the finishing stage knows what to clean (``finish.Fences``). Pages whose text
    exists in English only carry the notice of ``in_english`` in other languages. With
    ``pdfs``, the guide pages link the PDFs that `kb publish` writes beside them.
    """
    entries = [e for e in loaded.report.entries if not e.practice.withdrawn]
    practices: list[Practice] = [e.practice for e in entries]
    published = {p.id: p for p in practices}  # by id: cards show translations' summaries
    generated = {
        f"{project.PRACTICES}/{e.practice.id}.md": render.practice_page(
            e.practice,
            fence(e.document.body),
            published,
            lang,
            source_address(repo_url, edit_uri, Path(e.document.path).name),
        )
        for e in entries
    }
    generated[f"{project.PRACTICES}/index.md"] = render.catalogue(practices, lang)
    # the catalogue's numbered pages (without JavaScript) and its whole list (with it)
    for uri, markdown in render.catalogue_pages(practices, lang).items():
        generated[f"{project.PRACTICES}/{uri}"] = markdown
    generated[f"{project.PRACTICES}/{render.CATALOGUE_DATA}"] = render.catalogue_data(
        practices, lang
    )
    generated["gaps.md"] = render.gaps(practices, lang)
    for name, vocab in _with_pages().items():
        generated[f"{name}/index.md"] = render.term_index(vocab, practices, name, lang)
        for term in vocabulary.get(vocab).terms:
            generated[f"{name}/{term.value}.md"] = render.term_page(
                vocab, term.value, practices, name, lang
            )
    generated["schema.md"] = render.schema_page(model.json_schema())
    generated["checks.md"] = registry.page()  # what the validator checks, from its rules
    generated["practice.schema.json"] = model.json_schema_text()
    generated["practices.json"] = export.as_json([(e.practice, e.document.body) for e in entries])
    generated["practices.csv"] = export.as_csv(practices)
    generated["feed.xml"] = export.as_atom(practices, site_url, "Joint Journey knowledge base")
    generated["open-data.md"] = export.open_data_page()
    generated[contribute_form.PAGE] = contribute_form.page(lang, repo_url, edit_uri)
    guide_generated, in_english_only = guide_pages(loaded.guide, practices, lang, pdfs)
    generated.update(guide_generated)
    # running the session live: presenter, projector, event form, evaluation, follow-up
    known = {e.practice.id for e in loaded.report.entries}
    generated.update(live.pages(loaded.guide, practices, known, lang))
    live.link_from_guide(generated, loaded.guide, lang)
    if lang != "en":
        for uri in generated:
            if uri.endswith(".md") and (uri.startswith(ENGLISH_ONLY) or uri in in_english_only):
                generated[uri] = in_english(generated[uri], lang)
    return generated


def content_date(loaded: project.Project) -> int:
    """The newest date in the content, as a Unix time: the build's date, not the clock's."""
    dates = [
        d for e in loaded.report.entries for d in (e.practice.submitted, e.practice.last_reviewed)
    ]
    newest = max(dates, default=dt.date(2026, 1, 1))
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


def translated(source: str, original: str, lang: str) -> str:
    """A hand-written page in ``lang``: its translation, or the English with a visible notice."""
    if lang == "en":
        return original
    return source or in_english(original, lang)


# generated pages whose text exists in English only (the card labels of practices and
# the listing pages are translated; these are not yet)
ENGLISH_ONLY = ("open-data.md", "schema.md", "checks.md")


def in_english(page: str, lang: str) -> str:
    """An English page in a build for ``lang``: a notice in the reader's language, then
    the text marked as English (left to right, read by screen readers as English)."""
    notice = strings.t("fallback.notice", lang, language=language_name(lang, lang))
    front, body = "", page
    if page.startswith("---\n") and "\n---\n" in page[4:]:
        end = page.index("\n---\n", 4) + 5
        front, body = page[:end] + "\n", page[end:]
    return (
        f'{front}!!! info ""\n    {notice}\n\n<div lang="en" dir="ltr" markdown>\n\n'
        f"{body.strip()}\n\n</div>\n"
    )
