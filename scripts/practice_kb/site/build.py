"""`kb build`: the whole site, in every language, with an offline copy of each.

Each language is built once by the engine, and the finishing stage makes two copies
of that build: the online site under ``site/<lang>/``, indexed by Pagefind
(``practice_kb.site.search``) so that readers download the index only when they
search, and the offline copy, a zip (``site/offline/``) that works when unzipped and
opened from the file system, search included (Material's lunr search).
``site/index.html`` lets readers choose, and ``site/404.html`` answers every missing
address of a host such as GitHub Pages.

The published address (``--site-url``, or ``KB_SITE_URL``) is optional: with it,
each language is built with its own ``site_url`` (``<address>/<lang>/``), so the
sitemaps list the pages, each page names its canonical address and its other
languages, and the 404 pages work from any depth under a sub-path.
"""

from __future__ import annotations

import html
import shutil
import sys
from concurrent.futures import Future, as_completed
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .. import project
from ..check import checks
from ..core.strings import t
from ..core.text import direction, language_name
from ..core.vocabulary import SITE_LANGUAGES
from . import assembly, engine, finish, search, stage
from .options import BuildOptions

SHIM = assembly.SHIM_SOURCE


def exit_url(root: Path = Path()) -> str:
    """Where the quick exit goes, as mkdocs.yml sets it for this deployment."""
    with open(root / "mkdocs.yml", encoding="utf-8") as file:
        return yaml.safe_load(file)["extra"]["quick_exit"]["url"]


def language_url(site_url: str, language: str) -> str:
    """Where one language's build is published: ``<site_url>/<lang>/``, or "" if unknown."""
    return stage.language_url(site_url, language)


def _head(policy: str) -> str:
    """The opening of the site's two stand-alone pages, up to their Content Security
    Policy (``policy``), which allows nothing from elsewhere."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="{policy}">"""


def chooser(exit_url: str) -> str:
    """site/index.html: the four languages, each named in its own language, under the
    quick-exit link every page has (here a plain link: the page runs no script)."""
    leave = " · ".join(
        f'<span lang="{code}" dir="{direction(code)}">{html.escape(t("exit.label", code))}</span>'
        for code in SITE_LANGUAGES
    )
    links = "\n".join(
        f'  <li><a href="{code}/index.html" lang="{code}" dir="{direction(code)}" '
        f'hreflang="{code}">{html.escape(language_name(code, code).capitalize())}</a></li>'
        for code in SITE_LANGUAGES
    )
    offline = "\n".join(
        f'  <li><a href="offline/joint-journey-kb-{code}.zip" lang="{code}" '
        f'dir="{direction(code)}">{html.escape(language_name(code, code).capitalize())}</a></li>'
        for code in SITE_LANGUAGES
    )
    return (
        _head("default-src 'none'; style-src 'unsafe-inline'")
        + f"""
<title>Joint Journey knowledge base</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}}
li{{margin:.4rem 0;font-size:1.2rem}}
.kb-exit{{display:inline-block;padding:.4rem .8rem;background:#b00020;color:#fff;font-weight:bold}}
</style>
</head>
<body>
<p><a href="{html.escape(exit_url)}" rel="noreferrer" class="kb-exit">{leave}</a></p>
<h1>Joint Journey knowledge base</h1>
<p>Promising practices for preventing and responding to sexual exploitation, abuse and
harassment. Choose your language:</p>
<ul>
{links}
</ul>
<h2>Offline copy</h2>
<p>Download, unzip, and open <code>index.html</code> in a browser; it works without a
connection.</p>
<ul>
{offline}
</ul>
</body>
</html>
"""
    )


def not_found(exit_url: str, site_url: str = "") -> str:
    """site/404.html: what a host serves for any missing address, in the four languages.

    The host serves it at the missing address itself, at any depth, so every link
    and the script start from the site's root path (``/<repository>/`` on GitHub
    Pages, from the published address; ``/`` without one). The quick exit is the
    one every page has: the button, and Shift pressed three times (``kb.js``).
    """
    root = urlsplit(site_url).path.rstrip("/") + "/" if site_url else "/"

    def each(key: str, glue: str = " · ") -> str:
        return glue.join(
            f'<span lang="{code}" dir="{direction(code)}">{html.escape(t(key, code))}</span>'
            for code in SITE_LANGUAGES
        )

    def joined(key: str) -> str:
        return html.escape(" / ".join(t(key, code) for code in SITE_LANGUAGES), quote=True)

    sections = "\n".join(
        f"""<section lang="{code}" dir="{direction(code)}">
<h2>{html.escape(t("page.not_found", code))}</h2>
<p>{html.escape(t("not_found.text", code))}</p>
<ul>
  <li><a href="{root}{code}/index.html">{html.escape(t("nav.home", code))}</a></li>
  <li><a href="{root}{code}/practices/index.html">{html.escape(t("nav.catalogue", code))}</a></li>
</ul>
</section>"""
        for code in SITE_LANGUAGES
    )
    policy = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'"
    return (
        _head(policy)
        + f"""
<meta name="robots" content="noindex">
<title>404 · Joint Journey knowledge base</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;
line-height:1.5}}
section{{border-top:1px solid #ccc;margin-top:1.5rem}}
li{{margin:.3rem 0;font-size:1.1rem}}
a{{color:#1a3aa8}}
.kb-exit__button{{display:inline-block;padding:.5rem .9rem;background:#a3231b;color:#fff;
font-weight:bold;text-decoration:none}}
.kb-exit__button:focus-visible{{outline:3px solid #ffbf47;outline-offset:2px}}
.kb-visually-hidden{{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}}
</style>
</head>
<body>
<div class="kb-exit">
<a class="kb-exit__button" href="{html.escape(exit_url, quote=True)}" rel="noreferrer"
 data-kb-exit>{each("exit.label")}</a>
<p>{each("exit.help", "<br>")}</p>
<span class="kb-visually-hidden" role="status" aria-live="polite" data-kb-exit-status
 data-kb-one="{joined("exit.pressed_one")}" data-kb-two="{joined("exit.pressed_two")}"
 data-kb-leaving="{joined("exit.leaving")}"></span>
</div>
<h1>Joint Journey knowledge base</h1>
{sections}
<script src="{root}en/assets/kb.js"></script>
</body>
</html>
"""
    )


class BuildError(Exception):
    """One language's build failed: the message says which and why."""


# The validated project, shared with the forked processes that build each language:
# validated once, in the parent, and never sent through a pipe.
_LOADED: project.Project | None = None


def run(options: BuildOptions) -> int:
    """``kb build``: validate once, then stage, build and finish each language (its
    online site and its offline copy from one engine run), as many at once as there
    are processors."""
    global _LOADED
    root = options.root
    try:
        stage.node_module(root, search.PAGEFIND)
        if options.offline:
            stage.node_module(root, SHIM)
    except stage.StageError as missing:
        print(f"kb build: {missing}", file=sys.stderr)
        return 2
    try:
        _LOADED = stage.validated(root, options.force)
    except stage.StageError as problem:
        print(f"kb build: {problem}", file=sys.stderr)
        return 1
    fences = finish.Fences()
    languages = list(options.languages)
    site_folder = options.site
    if site_folder.exists():
        shutil.rmtree(site_folder)
    print(
        f"… building {len(languages)} language(s): {', '.join(languages)}",
        file=sys.stderr,
        flush=True,
    )
    try:
        if options.jobs == 1 or len(languages) == 1:
            for done, code in enumerate(languages, start=1):
                build_one(options, code, fences)
                _progress(options, done, len(languages), code)
        else:
            with checks.process_pool(min(len(languages), options.jobs)) as pool:
                futures: dict[Future[None], str] = {
                    pool.submit(build_one, options, code, fences): code for code in languages
                }
                for done, future in enumerate(as_completed(futures), start=1):
                    try:
                        future.result()
                    except BaseException:
                        pool.shutdown(cancel_futures=True)
                        raise
                    _progress(options, done, len(languages), futures[future])
    except (BuildError, stage.StageError, engine.EngineError) as problem:
        print(f"kb build: {problem}", file=sys.stderr)
        return 1
    finally:
        _LOADED = None
    (site_folder / "index.html").write_text(chooser(exit_url(root)), encoding="utf-8")
    (site_folder / "404.html").write_text(
        not_found(exit_url(root), options.site_url), encoding="utf-8"
    )
    print(
        f"built {', '.join(languages)} into {site_folder}/"
        + (f", offline copies in {site_folder}/offline/" if options.offline else "")
    )
    return 0


def _progress(options: BuildOptions, done: int, total: int, code: str) -> None:
    what = f"{options.site / code}" + (" and its offline copy" if options.offline else "")
    print(f"… {done}/{total} {code}: {what} built", file=sys.stderr, flush=True)


def offline_zip(site: Path, code: str) -> Path:
    """Where one language's offline copy is written."""
    return site / "offline" / f"joint-journey-kb-{code}.zip"


def build_one(options: BuildOptions, code: str, fences: finish.Fences) -> None:
    """One language: stage it, build it once with the engine, and finish the build into
    ``site/<code>`` and, with ``options.offline``, the offline copy's zip."""
    if _LOADED is None:
        raise BuildError("nothing validated to build")
    staged, _ = stage.stage_language(
        _LOADED,
        options.root,
        options.stage_folder / code,
        code,
        options.offline,
        options.site_url,
        fences,
        options.languages,
        pdfs=options.pdfs,
    )
    target = options.site / code
    try:
        engine.run(options.engine, staged, target)
    except engine.EngineError as problem:
        raise BuildError(f"the {code} build failed: {problem}") from None
    finish.finish(
        target,
        fences,
        set(staged.generated),
        stage.node_module(options.root, search.PAGEFIND),
        offline_zip(options.site, code) if options.offline else None,
        finish.Sitemap(
            stage.language_url(options.site_url, code),
            tuple(
                (other, stage.language_url(options.site_url, other)) for other in options.languages
            ),
            staged.date,
            staged.pages,
        ),
    )


def publish(options: BuildOptions) -> int:
    """What the deploy workflow publishes (`kb publish`, `make publish`): every language
    and its offline copy at the published address, then, beside each language's guide
    pages and in its offline copy, the PDF of each guide and of each of its print sets,
    which those pages link.
    The deployment rehearsal in the tests runs this same function."""
    everything = {"languages": SITE_LANGUAGES, "offline": True, "pdfs": True}
    status = run(options.model_copy(update=everything))
    if status:
        return status
    site_folder = options.site
    pages = sorted(
        page
        for code in SITE_LANGUAGES
        for pattern in ("guide/*.html", "guide/*/*.html")
        for page in (site_folder / code).glob(pattern)
        if page.stem != "index"
    )
    print(f"… writing {len(pages)} PDFs of the guides and print sets", file=sys.stderr, flush=True)
    # WeasyPrint holds the interpreter: one process per processor
    with checks.process_pool(options.jobs) as pool:
        for done, written in enumerate(pool.map(_pdf, pages), start=1):
            if done % 10 == 0 or done == len(pages):
                print(f"… {done}/{len(pages)} PDFs ({written.parent})", file=sys.stderr, flush=True)
    for code in SITE_LANGUAGES:  # the offline copies' guide pages link them too
        finish.add_files(
            offline_zip(site_folder, code),
            site_folder / code,
            [page.with_suffix(".pdf") for page in pages if page.is_relative_to(site_folder / code)],
        )
    print(f"published {site_folder}/ with {len(pages)} PDFs, also in the offline copies")
    return 0


def _pdf(page: Path) -> Path:
    from ..guide import pdf

    return pdf.render(page, page.with_suffix(".pdf"))
