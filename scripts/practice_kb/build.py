"""`kb build`: the whole site, in every language, with an offline copy of each.

Each language is its own MkDocs build under ``site/<lang>/``; ``site/index.html``
lets readers choose. Each offline copy is a zip (``site/offline/``) that works
when unzipped and opened from the file system, search included.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from .interface import SITE_LANGUAGES, t
from .render import direction, language_name

SHIM = Path("node_modules/iframe-worker/shim/index.js")
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def exit_url() -> str:
    """Where the quick exit goes, as mkdocs.yml sets it for this deployment."""
    with open("mkdocs.yml", encoding="utf-8") as file:
        return yaml_load(file)["extra"]["quick_exit"]["url"]


def mkdocs(language: str, target: Path, offline: bool = False) -> None:
    env = dict(
        os.environ,
        KB_LANGUAGE=language,
        KB_OFFLINE="true" if offline else "false",
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


def run(site: Path, languages: list[str], offline: bool) -> int:
    unknown = [code for code in languages if code not in SITE_LANGUAGES]
    if unknown:
        print(
            f"kb build: {unknown[0]!r} is not a site language ({', '.join(SITE_LANGUAGES)})",
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
        futures = {pool.submit(build_one, code, site, copy): (code, copy) for code, copy in jobs}
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
    print(
        f"built {', '.join(languages)} into {site}/"
        + (f", offline copies in {site}/offline/" if offline else "")
    )
    return 0


def build_one(code: str, site: Path, offline: bool) -> None:
    """One language's site in ``site/<code>``, or its offline copy as a zip."""
    if not offline:
        mkdocs(code, site / code)
        return
    with tempfile.TemporaryDirectory(prefix="kb-offline-") as temporary:
        mkdocs(code, Path(temporary) / "site", offline=True)
        zip_folder(
            Path(temporary) / "site",
            site / "offline" / f"joint-journey-kb-{code}.zip",
            f"joint-journey-kb-{code}",
        )
