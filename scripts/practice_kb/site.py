"""The knowledge base as MkDocs pages: what the hooks in ``scripts/hooks.py`` call."""

from __future__ import annotations

import base64
import datetime as dt
import gc
import hashlib
import logging
import os
import re
import secrets
from functools import lru_cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import (
    checks,
    contribute_form,
    export,
    guide,
    interface,
    live,
    markup,
    model,
    printsets,
    project,
    registry,
    render,
    report,
    vocabulary,
)
from .agenda import Content
from .model import Practice
from .search import labels as search_labels

FORCE = "KB_FORCE_BUILD"
LANGUAGE = "KB_LANGUAGE"
PDFS = "KB_PDFS"  # `kb publish` writes the guide's PDFs beside its pages: link them
TRANSLATIONS = "i18n"
SHIM_URI = "assets/javascripts/iframe-worker-shim.js"
SHIM_SOURCE = Path("node_modules/iframe-worker/shim/index.js")
SEARCH_INPUT_JS = "assets/search-input.js"  # offline copies only
# js-yaml (npm, pinned in package-lock.json) reads the files imported into the Write a
# practice page, which loads it only then; copied from node_modules like the search shim.
YAML_URI = contribute_form.YAML_SCRIPT
YAML_SOURCE = Path("node_modules/js-yaml/dist/browser/js-yaml.umd.min.js")
SITE_LANGUAGES = interface.SITE_LANGUAGES
GENERATED = (f"{project.PRACTICES}/", "themes/", "topics/", f"{project.GUIDE}/")
log = logging.getLogger("mkdocs.plugins.practice_kb")


def language() -> str:
    """The language of this build: KB_LANGUAGE (en, fr, es or ar), English by default."""
    chosen = os.environ.get(LANGUAGE, "en")
    if chosen not in SITE_LANGUAGES:
        raise PluginError(f"{LANGUAGE}={chosen!r}: choose one of {', '.join(SITE_LANGUAGES)}")
    return chosen


def is_offline(config: MkDocsConfig) -> bool:
    offline = config.plugins.get("material/offline")
    return offline is not None and bool(offline.config.enabled)


def allowed_tags(lang: str = "en") -> list[str]:
    """Every tag a practice page may carry: the labels of themes and topics."""
    return [t.label(lang) for name in ("themes", "topics") for t in vocabulary.get(name).terms]


def configure(config: MkDocsConfig) -> MkDocsConfig:
    """Set the build's language: the theme, search stemming, the switcher, tags, quick exit."""
    lang = language()
    config.theme["language"] = lang
    search = config.plugins.get("material/search")
    if search is not None:
        search.config.lang = [lang] if lang == "en" else [lang, "en"]
    if LANGUAGE in os.environ:  # built by `kb build`, next to the other languages
        # published at <address>/<lang>/: the other languages are its siblings
        published = config.site_url.rstrip("/").rsplit("/", 1)[0] if config.site_url else ""
        config.extra["alternate"] = [
            {
                "name": render.language_name(code, code),
                "link": f"../{code}/index.html",
                "lang": code,
                "url": f"{published}/{code}/" if published else "",
            }
            for code in SITE_LANGUAGES
        ]
    if lang != "en":  # the English ones are in mkdocs.yml
        config.site_name = interface.t("site.name", lang)
        config.copyright = interface.t("site.copyright", lang)
    config.extra["not_found"] = interface.t("page.not_found", lang)
    config.extra["staying_safe"] = interface.t("nav.staying_safe", lang)
    config.extra["quick_exit"] = {
        **config.extra.get("quick_exit", {}),
        **{
            key: interface.t(f"exit.{key}", lang)
            for key in ("label", "help", "pressed_one", "pressed_two", "leaving")
        },
    }
    # the online search box's own words (partials/kb-search.html; practice_kb.search)
    config.extra["kb_search"] = search_labels(lang)
    if is_offline(config):
        # Material would load its search shim from a CDN; serve it from the site instead.
        # A single-language copy has no other languages to switch to.
        config.extra["polyfills"] = [SHIM_URI]
        config.extra["alternate"] = []
        # Material's search reads its field only on keyup: text entered otherwise
        # (pasted, dictated, an input method's) is handed to it (assets/search-input.js).
        if SEARCH_INPUT_JS not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(SEARCH_INPUT_JS)
    tags = config.plugins.get("material/tags")
    if tags is not None:
        from material.plugins.tags.structure.tag import Tag

        tags.config.tags_allowed = {Tag(name) for name in allowed_tags(lang)}
    return config


def load(config: MkDocsConfig, serving: bool = False) -> project.Project:
    """Validate everything; fail the build with the validator's report if anything is wrong.

    A build renders as soon as every practice has the right shape, while the
    checks of their text (markup, identifying details, sections) run alongside
    in another process; `check_alongside` fails the build at its end if they
    found anything. `mkdocs serve` checks everything first, to show problems at once.
    With KB_FORCE_BUILD=1 (for testing the second layer of defence only), the
    build goes on with every practice of the right shape despite the problems.
    """
    global _alongside
    root = Path(config.config_file_path).parent
    forced = os.environ.get(FORCE) == "1"
    if serving or forced:
        loaded = project.validate(root)
        if not loaded.report.ok and not forced:
            raise PluginError(_problems_text(loaded.report))
        if not loaded.report.ok:
            log.info("%s\nKB_FORCE_BUILD=1: building anyway", _problems_text(loaded.report))
            loaded.report.entries = loaded.report.shaped
        return loaded
    _alongside = _Alongside(root)
    loaded = project.validate(root, shape_only=True)
    if not loaded.report.ok:
        check_alongside()  # fails with the full report, as kb validate prints it
        raise PluginError(_problems_text(loaded.report))
    return loaded


def _problems_text(found: checks.Report) -> str:
    return "kb validate found problems:\n" + report.as_text(found)


class _Alongside:
    """The full validation of the project, in another process while the site renders."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pool = checks.process_pool(1)
        self.future = self.pool.submit(_full_report, root)

    def result(self) -> checks.Report:
        try:
            return self.future.result()
        except Exception:  # the other process failed: check here instead
            return _full_report(self.root)
        finally:
            self.pool.shutdown()


_alongside: _Alongside | None = None


def _full_report(root: Path) -> checks.Report:
    found = project.validate(root).report
    # the same report kb validate prints, warnings included
    return checks.Report(problems=found.problems, files=found.files, warnings=found.warnings)


def check_alongside() -> None:
    """Wait for the checks started by `load`; fail the build if they found problems."""
    global _alongside
    running, _alongside = _alongside, None
    if running is None:
        return
    found = running.result()
    if not found.ok:
        raise PluginError(_problems_text(found))


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


def pages(
    loaded: project.Project,
    site_url: str = "",
    lang: str = "en",
    repo_url: str = "",
    edit_uri: str = "",
    pdfs: bool = False,
) -> dict[str, str]:
    """Every generated page, by its path in the site's sources, for readers of ``lang``.

    ``repo_url`` and ``edit_uri`` (from mkdocs.yml) tell the Write a practice page where
    GitHub's editor opens new practice files.
    """
    entries = [e for e in loaded.report.entries if not e.practice.withdrawn]
    practices: list[Practice] = [e.practice for e in entries]
    published = {p.id: p for p in practices}  # by id: cards show translations' summaries
    generated = {
        f"{project.PRACTICES}/{e.practice.id}.md": render.practice_page(
            e.practice, fence(e.document.body), published, lang
        )
        for e in entries
    }
    generated[f"{project.PRACTICES}/index.md"] = render.catalogue(practices, lang)
    generated["gaps.md"] = render.gaps(practices, lang)
    for name in ("themes", "topics"):
        generated[f"{name}/index.md"] = render.term_index(name, practices, name, lang)
        for term in vocabulary.get(name).terms:
            generated[f"{name}/{term.value}.md"] = render.term_page(
                name, term.value, practices, name, lang
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
    _ENGLISH_GUIDE_PAGES.clear()
    _ENGLISH_GUIDE_PAGES.update(in_english_only)
    # running the session live: presenter, projector, event form, evaluation, follow-up
    known = {e.practice.id for e in loaded.report.entries}
    generated.update(live.pages(loaded.guide, practices, known, lang))
    live.link_from_guide(generated, loaded.guide, lang)
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
# the guide's pages of this build left in English (an agenda not translated into its
# language): set by `pages`
_ENGLISH_GUIDE_PAGES: set[str] = set()


def in_english(page: str, lang: str) -> str:
    """An English page in a build for ``lang``: a notice in the reader's language, then
    the text marked as English (left to right, read by screen readers as English)."""
    notice = interface.t("fallback.notice", lang, language=render.language_name(lang, lang))
    front, body = "", page
    if page.startswith("---\n") and "\n---\n" in page[4:]:
        end = page.index("\n---\n", 4) + 5
        front, body = page[:end] + "\n", page[end:]
    return (
        f'{front}!!! info ""\n    {notice}\n\n<div lang="en" dir="ltr" markdown>\n\n'
        f"{body.strip()}\n\n</div>\n"
    )


def node_module(config: MkDocsConfig, relative: Path) -> Path:
    """A file installed by npm: in the project's node_modules, or else in the one of the
    repository this package comes from (a copy of the project built by the tests)."""
    for root in (Path(config.config_file_path).parent, Path(__file__).resolve().parents[2]):
        if (root / relative).is_file():
            return root / relative
    raise PluginError(f"{relative} is missing: run `npm ci` (make site does)")


def add_pages(files: Files, config: MkDocsConfig, serving: bool = False) -> Files:
    loaded = load(config, serving)
    lang = language()
    # MkDocs dates pages (sitemap, gzip) with SOURCE_DATE_EPOCH when it is set:
    # two builds of the same commit are then byte-identical.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(content_date(loaded)))
    generated = pages(
        loaded,
        config.site_url or "",
        lang,
        config.repo_url or "",
        config.edit_uri or "",
        pdfs=os.environ.get(PDFS) == "true" and not is_offline(config),
    )
    clashes = sorted(set(generated) & set(files.src_uris))
    if clashes:
        raise PluginError(f"docs/{clashes[0]} would be replaced by a generated page; remove it")
    if lang != "en":
        folder = Path(config.config_file_path).parent / TRANSLATIONS / lang
        for file in [f for f in files if f.src_uri.endswith(".md")]:
            source = folder / file.src_uri
            text = source.read_text(encoding="utf-8") if source.is_file() else ""
            files.remove(file)
            files.append(
                File.generated(
                    config, file.src_uri, content=translated(text, file.content_string, lang)
                )
            )
    for uri, content in generated.items():
        if lang != "en" and (uri.startswith(ENGLISH_ONLY) or uri in _ENGLISH_GUIDE_PAGES):
            content = in_english(content, lang)
        files.append(File.generated(config, uri, content=content))
    yaml_source = node_module(config, YAML_SOURCE)
    files.append(File.generated(config, YAML_URI, abs_src_path=str(yaml_source)))
    if SHIM_URI in config.extra.get("polyfills", []):
        shim = Path(config.config_file_path).parent / SHIM_SOURCE
        files.append(File.generated(config, SHIM_URI, abs_src_path=str(shim)))
    if not serving:
        # What is alive now (settings, vocabularies, the generated pages) stays to
        # the end of the build: out of the collector's sight, it is not walked again
        # at each of its passes while the pages render. A long-running serve skips this.
        gc.freeze()
    return files


NAV_KEYS = {
    "index.md": "nav.home",
    "practices/index.md": "nav.catalogue",
    "themes/index.md": "nav.themes",
    "topics/index.md": "nav.topics",
    "gaps.md": "nav.gaps",
    "tags.md": "nav.tags",
    "contributing.md": "nav.contribute",
    "write.md": "nav.write",
    "maintainers.md": "nav.maintainers",
    "guide/index.md": "nav.guide",
    "schema.md": "nav.schema",
    "open-data.md": "nav.open_data",
    "staying-safe.md": "nav.staying_safe",
    "privacy.md": "nav.privacy",
    "quality.md": "nav.quality",
}


def translate_nav(nav, lang: str | None = None):
    """The navigation's titles in the build's language."""
    lang = lang or language()
    for item in nav.pages:
        key = NAV_KEYS.get(item.file.src_uri)
        if key and lang != "en":
            item.title = interface.t(key, lang)
    return nav


# A practice's own Markdown is fenced by two comments holding a secret of this build,
# which no contribution can know, so that the second layer finds exactly that text.
_SECRET = secrets.token_hex(16)
CONTRIBUTED = (f"<!-- kb-contributed {_SECRET} -->", f"<!-- /kb-contributed {_SECRET} -->")


def fence(body: str) -> str:
    start, end = CONTRIBUTED
    return f"{start}\n\n{body.strip()}\n\n{end}"


def sanitise(content: str, src_uri: str) -> str:
    """The second layer: generated pages carry contributed text, so clean their HTML.

    On a practice page, what lies between the fences: the rest is rendered from
    fields escaped for their place (the tests hold it to the same payloads).
    Elsewhere, or when a fence is missing, the whole page.
    """
    if not src_uri.startswith(GENERATED):
        return content
    start, end = CONTRIBUTED
    before, opened, rest = content.partition(start)
    inner, closed, after = rest.rpartition(end)
    if opened and closed:
        return before + markup.sanitise(inner) + after
    return markup.sanitise(content)


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


def protect(page_html: str, config: MkDocsConfig, serving: bool = False) -> str:
    """Add the Content-Security-Policy, except to the offline copy (there Material's
    search runs its worker through an inline script whose text changes with each
    page's depth, which a policy of hashes cannot allow) and under `mkdocs serve`
    (whose live-reload script is added inline after this hook)."""
    if serving or is_offline(config):
        return page_html
    return content_security_policy(page_html)


@lru_cache(maxsize=256)  # the theme's scripts repeat from page to page
def _source_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def content_security_policy(page_html: str) -> str:
    """Add a CSP that allows only the site's own files and the theme's inline scripts.

    The inline scripts are hashed from outside the article, so nothing a
    contributor wrote can be allowed by accident.
    """
    start, end = page_html.find("<article"), page_html.find("</article>")
    outside = page_html[:start] + page_html[end:] if 0 <= start < end else page_html
    hashes = sorted(
        {
            _source_hash(body)
            for attributes, body in _INLINE_SCRIPT.findall(outside)
            if "application/json" not in attributes
        }
    )
    policy = "; ".join(
        [
            "default-src 'self'",
            # 'wasm-unsafe-eval': the online search (Pagefind) runs its index reader as
            # WebAssembly from the site's own files, which a policy must allow by name.
            # It allows compiling WebAssembly only, not eval() of text. Online only: the
            # offline copies carry no policy and use Material's lunr search.
            "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page_html.replace("<head>", f"<head>\n{meta}", 1)
