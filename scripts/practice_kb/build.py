"""`kb build`: the whole site, in every language, with an offline copy of each.

Each language is its own MkDocs build under ``site/<lang>/``; ``site/index.html``
lets readers choose, and ``site/404.html`` answers every missing address of a
host such as GitHub Pages. Each offline copy is a zip (``site/offline/``) that
works when unzipped and opened from the file system, search included: the
offline copies keep Material's lunr search, while the online sites are indexed
by Pagefind once built (``practice_kb.search``), so that readers download the
index only when they search.

The published address (``--site-url``, or ``KB_SITE_URL``) is optional: with it,
each language is built with its own ``site_url`` (``<address>/<lang>/``), so the
sitemaps list the pages, each page names its canonical address and its other
languages, and the 404 pages work from any depth under a sub-path.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.utils.yaml import yaml_load

from . import search
from .interface import SITE_LANGUAGES, t
from .render import direction, language_name

SHIM = Path("node_modules/iframe-worker/shim/index.js")
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def exit_url() -> str:
    """Where the quick exit goes, as mkdocs.yml sets it for this deployment."""
    with open("mkdocs.yml", encoding="utf-8") as file:
        return yaml_load(file)["extra"]["quick_exit"]["url"]


def language_url(site_url: str, language: str) -> str:
    """Where one language's build is published: ``<site_url>/<lang>/``, or "" if unknown."""
    return f"{site_url.rstrip('/')}/{language}/" if site_url else ""


def mkdocs(
    language: str, target: Path, offline: bool = False, site_url: str = "", pdfs: bool = False
) -> None:
    env = dict(
        os.environ,
        KB_LANGUAGE=language,
        KB_OFFLINE="true" if offline else "false",
        # the guide's pages link the PDFs that `kb publish` writes beside them
        KB_PDFS="true" if pdfs and not offline else "false",
        # an offline copy has no address: its links stay relative to the file system
        KB_SITE_URL="" if offline else language_url(site_url, language),
        NO_MKDOCS_2_WARNING="1",
    )
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(target)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"kb build: the {language} build failed:\n{result.stderr}")


def zip_folder(folder: Path, target: Path, top: str) -> None:
    """A reproducible zip: sorted entries, fixed times."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


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
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'">
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
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; script-src 'self'; style-src 'unsafe-inline'">
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


def run(
    site: Path, languages: list[str], offline: bool, site_url: str = "", pdfs: bool = False
) -> int:
    unknown = [code for code in languages if code not in SITE_LANGUAGES]
    if unknown:
        print(
            f"kb build: {unknown[0]!r} is not a site language ({', '.join(SITE_LANGUAGES)})",
            file=sys.stderr,
        )
        return 2
    if not search.PAGEFIND.is_file():
        print(
            f"kb build: {search.PAGEFIND} is missing; run `npm ci` (make does) for search",
            file=sys.stderr,
        )
        return 2
    if offline and not SHIM.is_file():
        print(
            f"kb build: {SHIM} is missing; run `npm ci` (make does) for the offline copy",
            file=sys.stderr,
        )
        return 2
    languages = languages or list(SITE_LANGUAGES)
    if site.exists():
        shutil.rmtree(site)
    jobs = [(code, False) for code in languages]
    jobs += [(code, True) for code in languages] if offline else []
    # the builds are independent processes: run as many at once as there are processors
    with ThreadPoolExecutor(min(len(jobs), os.cpu_count() or 1)) as pool:
        futures = {
            pool.submit(build_one, code, site, copy, site_url, pdfs): (code, copy)
            for code, copy in jobs
        }
        print(
            f"… building {len(jobs)} site(s): {', '.join(languages)}", file=sys.stderr, flush=True
        )
        for done, future in enumerate(as_completed(futures), start=1):
            code, copy = futures[future]
            try:
                future.result()
            except SystemExit:
                pool.shutdown(cancel_futures=True)
                raise
            what = "offline copy" if copy else f"{site / code}"
            print(f"… {done}/{len(jobs)} {code}: {what} built", file=sys.stderr, flush=True)
    (site / "index.html").write_text(chooser(exit_url()), encoding="utf-8")
    (site / "404.html").write_text(not_found(exit_url(), site_url), encoding="utf-8")
    print(
        f"built {', '.join(languages)} into {site}/"
        + (f", offline copies in {site}/offline/" if offline else "")
    )
    return 0


def build_one(code: str, site: Path, offline: bool, site_url: str = "", pdfs: bool = False) -> None:
    """One language's site in ``site/<code>``, or its offline copy as a zip."""
    if not offline:
        mkdocs(code, site / code, site_url=site_url, pdfs=pdfs)
        # then the search index, over the built HTML (Pagefind; see practice_kb.search)
        search.index(site / code, search.PAGEFIND)
        return
    with tempfile.TemporaryDirectory(prefix="kb-offline-") as temporary:
        mkdocs(code, Path(temporary) / "site", offline=True)
        zip_folder(
            Path(temporary) / "site",
            site / "offline" / f"joint-journey-kb-{code}.zip",
            f"joint-journey-kb-{code}",
        )


def publish(site: Path, site_url: str) -> int:
    """What the deploy workflow publishes (`kb publish`, `make publish`): every language
    and its offline copy at the published address, then, beside each language's guide
    pages, the PDF of each guide and of each of its print sets, which those pages link.
    The deployment rehearsal in the tests runs this same function."""
    status = run(site, [], True, site_url, pdfs=True)
    if status:
        return status
    pages = sorted(
        page
        for code in SITE_LANGUAGES
        for pattern in ("guide/*.html", "guide/*/*.html")
        for page in (site / code).glob(pattern)
        if page.stem != "index"
    )
    print(f"… writing {len(pages)} PDFs of the guides and print sets", file=sys.stderr, flush=True)
    # WeasyPrint holds the interpreter: one process per processor
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        for done, written in enumerate(pool.map(_pdf, pages), start=1):
            if done % 10 == 0 or done == len(pages):
                print(f"… {done}/{len(pages)} PDFs ({written.parent})", file=sys.stderr, flush=True)
    print(f"published {site}/ with {len(pages)} PDFs")
    return 0


def _pdf(page: Path) -> Path:
    from . import pdf

    return pdf.render(page, page.with_suffix(".pdf"))
