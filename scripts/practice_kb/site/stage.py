"""The staging step: validated content written out as Markdown files, one folder per language.

``kb build`` validates the project once, then, for each language, writes into
``build/stage/<lang>/`` (outside ``docs/``, never committed):

- ``docs/``: every page as Markdown, hand-written (in the language, or English with a
  notice) and generated (practices, catalogue, themes, topics, guide, ...) alike, with
  the site's assets and the npm files the pages load;
- ``mkdocs.yml``: the engine's configuration for that language, from the project's
  ``mkdocs.yml``: its theme language, names, navigation titles, search and tags
  settings and the other languages, written as plain values (no hooks, no
  environment), so MkDocs and Zensical read the same file.

One engine run serves both copies of a language: with ``offline``, the staged
configuration also turns on what the offline copy needs (Material's lunr search and
the local worker shim), and the finishing stage makes the online site and the
offline copy from the one built folder.

A file is written only when its text changed, so an engine that rebuilds what
changed (``mkdocs serve --dirty``) renders only the pages a change touched.
Nothing here imports an engine.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import project
from ..check import checks, report
from ..core import strings, vocabulary
from ..core.text import language_name
from . import assembly
from .finish import Fences, html_path
from .search import labels as search_labels

CONFIG = "mkdocs.yml"
DOCS = "docs"
OVERRIDES = "overrides"


class StageError(Exception):
    """The content cannot be staged: its message says why, for the person building."""


# ---------------------------------------------------------------------------
# Validation: once per build
# ---------------------------------------------------------------------------


def validated(root: Path, force: bool = False) -> project.Project:
    """Validate everything under ``root`` once; fail with the validator's report.

    ``force`` (for testing the second layer of defence only) goes on with every
    practice of the right shape despite the problems, and says so."""
    loaded = project.validate(root)
    if loaded.report.ok:
        return loaded
    text = problems_text(loaded.report)
    if not force:
        raise StageError(text)
    print(f"{text}\nforced: building anyway", flush=True)
    loaded.report.entries = loaded.report.shaped
    return loaded


def problems_text(found: checks.Report) -> str:
    """The report `kb validate` prints (its warnings included, as advice)."""
    return "kb validate found problems:\n" + report.as_text(found)


# ---------------------------------------------------------------------------
# One language
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Staged:
    """One staged folder: its engine configuration and what the finishing stage needs."""

    folder: Path
    generated: frozenset[str]  # built paths of the generated pages to clean
    pages: frozenset[str]  # built paths of every page, for the sitemap
    date: int  # the content's newest date (Unix time): the build's date

    @property
    def config(self) -> Path:
        return self.folder / CONFIG


def read_config(root: Path) -> dict[str, Any]:
    """The project's engine configuration (``mkdocs.yml``) as plain data."""
    with open(root / CONFIG, encoding="utf-8") as file:
        data = yaml.safe_load(file)
    if not isinstance(data, dict):
        raise StageError(f"{CONFIG}:1: expected settings ('key: value' lines)")
    return data


def language_url(site_url: str, lang: str) -> str:
    """Where one language's build is published: ``<site_url>/<lang>/``, or "" if unknown."""
    return f"{site_url.rstrip('/')}/{lang}/" if site_url else ""


def _plugins(plugins: list[Any], lang: str, offline: bool) -> list[Any]:
    settings: dict[str, dict[str, Any]] = {
        # Material's lunr search, for the offline copy only (Pagefind online)
        "search": {"enabled": offline, "lang": [lang] if lang == "en" else [lang, "en"]},
        "tags": {"tags_allowed": assembly.allowed_tags(lang)},
    }
    staged: list[Any] = []
    for plugin in plugins:
        name, own = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
        staged.append({name: {**(own or {}), **settings.get(name, {})}})
    return staged


def _nav(nav: list[Any], lang: str) -> list[Any]:
    """The navigation with its titles in ``lang``: mkdocs.yml names each title by its key
    in strings.yml (``- nav.home: index.md``), so a page joins the navigation in one
    place; a section's entries are titled the same way, a plain title stays as it is."""
    titled: list[Any] = []
    for item in nav:
        if not isinstance(item, dict):  # a page without a title: the engine takes its own
            titled.append(item)
            continue
        title, page = next(iter(item.items()))
        if title.startswith("nav.") and title not in strings.strings():
            raise StageError(
                f"{CONFIG}: nav: {title!r} is not in core/data/strings.yml; "
                "add it there with its title in each language"
            )
        shown = strings.t(title, lang) if title in strings.strings() else title
        titled.append({shown: _nav(page, lang) if isinstance(page, list) else page})
    return titled


def engine_config(
    base: dict[str, Any],
    root: Path,
    lang: str,
    offline: bool,
    site_url: str,
    siblings: tuple[str, ...],
) -> dict[str, Any]:
    """The engine's configuration for one staged folder, from the project's.

    ``offline``: the build also makes the offline copy (its parts of the pages are
    marked kb:offline by the templates; the finishing stage keeps them there only)."""
    config = {k: v for k, v in base.items() if k not in ("hooks", "watch")}
    config["docs_dir"] = DOCS
    config["site_dir"] = "site"
    config["site_url"] = language_url(site_url, lang)
    theme = dict(config.get("theme", {}))
    theme["language"] = lang
    if theme.get("custom_dir"):  # copied into the staged folder by `stage_language`
        theme["custom_dir"] = OVERRIDES
    config["theme"] = theme
    if lang != "en":
        config["site_name"] = strings.t("site.name", lang)
        config["copyright"] = strings.t("site.copyright", lang)
    extra = dict(config.get("extra", {}))
    extra["not_found"] = strings.t("page.not_found", lang)
    extra["staying_safe"] = strings.t("nav.staying_safe", lang)
    extra["quick_exit"] = {
        **extra.get("quick_exit", {}),
        **{
            key: strings.t(f"exit.{key}", lang)
            for key in ("label", "help", "pressed_one", "pressed_two", "leaving")
        },
    }
    # the online search box's own words (partials/kb-search.html; practice_kb.site.search)
    extra["kb_search"] = search_labels(lang)
    if offline:
        # the offline copy's search runs its worker through this local shim (Material
        # would load one from a CDN); overrides/main.html marks it kb:offline
        extra["polyfills"] = [assembly.SHIM_URI]
    # The other languages, for the language switcher and the sitemap's alternates
    # (overrides/partials/alternate.html, overrides/sitemap.xml), under a name of the
    # site's own: given as Material's `alternate`, the theme would also link each from
    # every page's head, and its script fetches the sitemap beside each such link on
    # every page view: four lists of every page of the site, growing with each practice.
    extra["alternate"] = []
    if len(siblings) > 1:  # built together, published at <address>/<lang>/ side by side
        published = site_url.rstrip("/")
        extra["kb_languages"] = [
            {
                "name": language_name(code, code),
                "link": f"../{code}/index.html",
                "lang": code,
                "url": f"{published}/{code}/" if published else "",
            }
            for code in siblings
        ]
    else:  # built alone (`kb serve`, `kb build en`): no other language to switch to
        extra["kb_languages"] = []
    config["extra"] = extra
    config["plugins"] = _plugins(config.get("plugins", []), lang, offline)
    config["nav"] = _nav(config.get("nav", []), lang)
    return config


def node_module(root: Path, relative: Path) -> Path:
    """A file installed by npm: in the project's node_modules, or else in the one of the
    repository this package comes from (a copy of the project built by the tests)."""
    for folder in (root, Path(__file__).resolve().parents[3]):
        if (folder / relative).is_file():
            return folder / relative
    raise StageError(f"{relative} is missing: run `npm ci` (make site does)")


def pages(
    loaded: project.Project,
    root: Path,
    base: dict[str, Any],
    lang: str,
    offline: bool,
    site_url: str,
    fences: Fences,
    pdfs: bool = False,
) -> dict[str, str | Path]:
    """Every file of one staged ``docs/``: text by path, or the path of a file to copy.

    ``pdfs``: the guide pages link the PDFs `kb publish` writes (into the offline copy too)."""
    files: dict[str, str | Path] = {}
    docs = root / DOCS
    translations = root / assembly.TRANSLATIONS / lang
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        uri = path.relative_to(docs).as_posix()
        if uri.endswith(".md") and lang != "en":
            own = translations / uri
            text = own.read_text(encoding="utf-8") if own.is_file() else ""
            files[uri] = assembly.translated(text, path.read_text(encoding="utf-8"), lang)
        else:
            files[uri] = path
    generated = assembly.pages(
        loaded,
        language_url(site_url, lang),
        lang,
        base.get("repo_url", "") or "",
        base.get("edit_uri", "") or "",
        fence=fences.contribution,
        pdfs=pdfs,
    )
    clashes = sorted(set(generated) & set(files))
    if clashes:
        raise StageError(f"docs/{clashes[0]} would be replaced by a generated page; remove it")
    for uri, text in generated.items():
        cleaned = uri.endswith(".md") and uri.startswith(assembly.GENERATED)
        files[uri] = fences.page(text) if cleaned else text
    files[assembly.YAML_URI] = node_module(root, assembly.YAML_SOURCE)
    if offline:
        files[assembly.SHIM_URI] = node_module(root, assembly.SHIM_SOURCE)
    return files


def write_folder(folder: Path, files: dict[str, str | Path]) -> list[str]:
    """Make ``folder`` hold exactly ``files``, writing only what changed; returns what
    was written or removed."""
    changed: list[str] = []
    for uri, content in files.items():
        target = folder / uri
        if isinstance(content, Path):
            same = target.is_file() and target.stat().st_size == content.stat().st_size
            if same and target.read_bytes() == content.read_bytes():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(content, target)
        else:
            data = content.encode("utf-8")
            same = target.is_file() and target.stat().st_size == len(data)
            if same and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        changed.append(uri)
    if folder.is_dir():
        for path in list(folder.rglob("*")):
            if path.is_file() and path.relative_to(folder).as_posix() not in files:
                path.unlink()
                changed.append(path.relative_to(folder).as_posix())
    return changed


def stage_language(
    loaded: project.Project,
    root: Path,
    target: Path,
    lang: str,
    offline: bool,
    site_url: str,
    fences: Fences,
    siblings: tuple[str, ...] = vocabulary.SITE_LANGUAGES,
    pdfs: bool = False,
    additions: dict[str, Any] | None = None,
) -> tuple[Staged, list[str]]:
    """Write one language's staged folder (``target``); returns it and the files changed.

    ``siblings``: the languages built together, which the language switcher offers;
    ``pdfs``: the guide pages link the PDFs `kb publish` writes; ``additions``:
    settings added to the engine's configuration (`kb serve`'s hook)."""
    base = read_config(root)
    files = pages(loaded, root, base, lang, offline, site_url, fences, pdfs)
    changed = write_folder(target / DOCS, files)
    theme_dir = root / str(base.get("theme", {}).get("custom_dir") or OVERRIDES)
    overrides: dict[str, str | Path] = {
        path.relative_to(theme_dir).as_posix(): path
        for path in sorted(theme_dir.rglob("*"))
        if path.is_file()
    }
    changed += write_folder(target / OVERRIDES, overrides)
    config = {**engine_config(base, root, lang, offline, site_url, siblings), **(additions or {})}
    text = "# written by `kb build` (practice_kb.site.stage) from mkdocs.yml: do not edit\n"
    text += yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    config_path = target / CONFIG
    if not config_path.is_file() or config_path.read_text(encoding="utf-8") != text:
        config_path.write_text(text, encoding="utf-8")
        changed.append(CONFIG)
    generated = frozenset(
        html_path(uri)
        for uri, content in files.items()
        if isinstance(content, str) and uri.endswith(".md") and uri.startswith(assembly.GENERATED)
    )
    every_page = frozenset(html_path(uri) for uri in files if uri.endswith(".md"))
    return Staged(target, generated, every_page, content_date(loaded)), changed


def content_date(loaded: project.Project) -> int:
    """The newest date in the content, as a Unix time: the build's date, not the clock's."""
    return assembly.content_date(loaded)


def engine_environment(staged: Staged) -> dict[str, str]:
    """The engine's environment: pages and sitemaps dated by the content (MkDocs reads
    SOURCE_DATE_EPOCH), so two builds of the same commit are byte-identical."""
    return dict(os.environ, SOURCE_DATE_EPOCH=str(staged.date), NO_MKDOCS_2_WARNING="1")
