"""The knowledge base as MkDocs pages: what the hooks in ``scripts/hooks.py`` call."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import export, guide, markup, model, project, render, report, vocabulary
from .agenda import Content
from .model import Practice

PRACTICES_DIR = project.PRACTICES
FORCE = "KB_FORCE_BUILD"
GENERATED = (f"{project.PRACTICES}/", "themes/", "topics/", f"{project.GUIDE}/")
log = logging.getLogger("mkdocs.plugins.practice_kb")


def allowed_tags() -> list[str]:
    """Every tag a practice page may carry: the labels of themes and topics."""
    return [t.label() for name in ("themes", "topics") for t in vocabulary.get(name).terms]


def restrict_tags(config: MkDocsConfig) -> None:
    """Make Material's tags plugin fail the build on a tag outside the vocabulary."""
    plugin = config.plugins.get("material/tags")
    if plugin is not None:
        from material.plugins.tags.structure.tag import Tag

        plugin.config.tags_allowed = {Tag(name) for name in allowed_tags()}


def load(config: MkDocsConfig) -> project.Project:
    """Validate everything; fail the build with the validator's report if anything is wrong.

    With KB_FORCE_BUILD=1 (for testing the second layer of defence only), the
    build goes on with every practice of the right shape despite the problems.
    """
    loaded = project.validate(Path(config.config_file_path).parent)
    if not loaded.report.ok:
        text = "kb validate found problems:\n" + report.as_text(loaded.report)
        if os.environ.get(FORCE) != "1":
            raise PluginError(text)
        log.info("%s\nKB_FORCE_BUILD=1: building anyway", text)
        loaded.report.entries = loaded.report.shaped
    return loaded


def guide_pages(content: Content, practices: list[Practice]) -> dict[str, str]:
    """The facilitation guide: its index, and for each agenda its guide and panel pack."""
    if not content.agendas:
        return {}
    generated = {f"{project.GUIDE}/index.md": guide.guide_index(content)}
    for name, (agenda, _) in content.agendas.items():
        generated[f"{project.GUIDE}/{name}.md"] = guide.guide_page(name, agenda, content, practices)
        generated[f"{project.GUIDE}/{name}-panel-pack.md"] = guide.panel_pack(
            name, agenda, content, practices
        )
    return generated


def pages(loaded: project.Project, site_url: str = "") -> dict[str, str]:
    """Every generated page, by its path in the site's sources."""
    entries = [e for e in loaded.report.entries if not e.practice.withdrawn]
    practices: list[Practice] = [e.practice for e in entries]
    published = {p.id for p in practices}
    generated = {
        f"{PRACTICES_DIR}/{e.practice.id}.md": render.practice_page(
            e.practice, e.document.body, published
        )
        for e in entries
    }
    generated[f"{PRACTICES_DIR}/index.md"] = render.catalogue(practices)
    generated["gaps.md"] = render.gaps(practices)
    for name, folder, heading, intro in (
        ("themes", "themes", "Themes", "The session's three themes."),
        ("topics", "topics", "Topics", "Finer topics across the three themes."),
    ):
        generated[f"{folder}/index.md"] = render.term_index(name, heading, intro, practices, name)
        for term in vocabulary.get(name).terms:
            generated[f"{folder}/{term.value}.md"] = render.term_page(
                name, term.value, practices, name
            )
    generated["schema.md"] = render.schema_page(model.json_schema())
    generated["practice.schema.json"] = json.dumps(model.json_schema(), indent=2) + "\n"
    generated["practices.json"] = export.as_json([(e.practice, e.document.body) for e in entries])
    generated["practices.csv"] = export.as_csv(practices)
    generated["feed.xml"] = export.as_atom(practices, site_url, "Joint Journey knowledge base")
    generated["open-data.md"] = export.open_data_page()
    generated.update(guide_pages(loaded.guide, practices))
    return generated


def content_date(loaded: project.Project) -> int:
    """The newest date in the content, as a Unix time: the build's date, not the clock's."""
    dates = [
        d for e in loaded.report.entries for d in (e.practice.submitted, e.practice.last_reviewed)
    ]
    newest = max(dates, default=dt.date(2026, 1, 1))
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


def add_pages(files: Files, config: MkDocsConfig) -> Files:
    loaded = load(config)
    # MkDocs dates pages (sitemap, gzip) with SOURCE_DATE_EPOCH when it is set:
    # two builds of the same commit are then byte-identical.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(content_date(loaded)))
    generated = pages(loaded, config.site_url or "")
    clashes = sorted(set(generated) & set(files.src_uris))
    if clashes:
        raise PluginError(f"docs/{clashes[0]} would be replaced by a generated page; remove it")
    for uri, content in generated.items():
        files.append(File.generated(config, uri, content=content))
    return files


def sanitise(content: str, src_uri: str) -> str:
    """The second layer: generated pages carry contributed text, so clean their HTML."""
    return markup.sanitise(content) if src_uri.startswith(GENERATED) else content


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


def content_security_policy(page_html: str) -> str:
    """Add a CSP that allows only the site's own files and the theme's inline scripts.

    The inline scripts are hashed from outside the article, so nothing a
    contributor wrote can be allowed by accident.
    """
    start, end = page_html.find("<article"), page_html.find("</article>")
    outside = page_html[:start] + page_html[end:] if 0 <= start < end else page_html
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            for attributes, body in _INLINE_SCRIPT.findall(outside)
            if "application/json" not in attributes
        }
    )
    policy = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(hashes),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page_html.replace("<head>", f"<head>\n{meta}", 1)
