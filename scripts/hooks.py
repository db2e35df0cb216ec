"""MkDocs hooks for `kb serve` only: what the finishing stage does after `kb build`.

`kb build` cleans contributed text after the engine (``practice_kb.site.finish``), over the
built HTML; the live server has no such step, so this hook cleans each page's content
as MkDocs renders it, with the same fences, and keeps the online copy's parts of each
page. The staged configuration of `kb serve` names this file; `kb build` and other
engines do not use it.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from practice_kb.site import assembly, finish, serve


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = page.file.src_uri.startswith(assembly.GENERATED)
    return finish.sanitise(html, serve.FENCES, generated)


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return finish.copy_of(output, offline=False)
