"""Every internal link and anchor of the whole built site resolves (no network).

The whole site is what `kb build` writes: site/<lang>/ for each language, the
language chooser, and the offline copies (checked unzipped). External links are
checked by hand: `python tests/check_external_links.py site` (docs/quality.md).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import linkcheck
import pytest
import sites


@pytest.fixture(scope="module")
def whole_site(tmp_path_factory) -> Path:
    return sites.languages_site(tmp_path_factory)


def _skip_404(problems: list[str]) -> list[str]:
    # 404.html is what a web server sends for any missing address, so MkDocs writes
    # its links from the host's root (`/assets/...`): they resolve only when the site
    # is served from the root of its host, never from a file. Every other page is
    # checked.
    return [p for p in problems if not p.split(":", 1)[0].endswith("404.html")]


def test_every_internal_link_and_anchor_resolves(whole_site):
    pages = list(whole_site.rglob("*.html"))
    languages = {p.relative_to(whole_site).parts[0] for p in pages if p.parent != whole_site}
    assert {"en", "fr", "es", "ar"} <= languages
    assert len(pages) > 100  # the whole site, not a sample
    assert _skip_404(linkcheck.problems(whole_site)) == []


def test_every_offline_copy_links_resolve(whole_site, tmp_path):
    copies = sorted((whole_site / "offline").glob("*.zip"))
    assert len(copies) == 4
    for copy in copies:
        with zipfile.ZipFile(copy) as archive:
            archive.extractall(tmp_path)
    assert len(list(tmp_path.rglob("*.html"))) > 100
    assert _skip_404(linkcheck.problems(tmp_path)) == []


# ---------------------------------------------------------------------------
# The checker is live: it catches what it is meant to catch
# ---------------------------------------------------------------------------


def _write(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>\n{body}\n</body></html>\n", encoding="utf-8")


def test_the_checker_catches_missing_files_and_anchors(tmp_path):
    _write(tmp_path, "practices/kept.html", '<h2 id="how-it-works">How it works</h2>')
    _write(tmp_path, "guide/index.html", '<a name="old-style">old</a>')
    _write(
        tmp_path,
        "index.html",
        "\n".join(
            [
                '<a href="practices/kept.html#how-it-works">fine</a>',
                '<a href="guide/">a folder is its index.html</a>',
                '<a href="guide/index.html#old-style">an a name is an anchor</a>',
                '<a href="#top" id="top">this page</a>',
                '<a href="practices/kept.html?h=search#how-it-works">query ignored</a>',
                '<a href="mailto:psea@example.org">mail</a>',
                '<a href="https://example.org/nowhere.html">external</a>',
                '<a href="practices/gone.html">missing file</a>',
                '<img src="assets/missing.png" alt="">',
                '<a href="practices/kept.html#what-changed">missing anchor</a>',
                '<a href="#nowhere">missing anchor here</a>',
                '<a href="../../outside.html">outside</a>',
            ]
        ),
    )
    assert linkcheck.problems(tmp_path) == [
        "index.html:9: <a href='practices/gone.html'>: no file practices/gone.html",
        "index.html:10: <img src='assets/missing.png'>: no file assets/missing.png",
        "index.html:11: <a href='practices/kept.html#what-changed'>: "
        "no id 'what-changed' in practices/kept.html",
        "index.html:12: <a href='#nowhere'>: no id 'nowhere' in index.html",
        "index.html:13: <a href='../../outside.html'>: points outside the site",
    ]


def test_external_links_are_collected_for_the_manual_check_only(tmp_path):
    _write(
        tmp_path,
        "index.html",
        '<a href="https://example.org/a">a</a> <a href="mailto:x@example.org">m</a>\n'
        '<a href="http://example.org/b">b</a> <a href="local.html">local</a>',
    )
    assert linkcheck.external_links(tmp_path) == {
        "https://example.org/a": ["index.html:2"],
        "http://example.org/b": ["index.html:3"],
    }
