"""Readers' safety and nothing lost: quick exit, content notes, withdrawal,
reproducible builds, and every practice exactly once in every listing."""

from __future__ import annotations

import filecmp
import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from practice_kb.check import checks
from practice_kb.site import search

from conftest import FIXTURES, ROOT, build, built_site, site_project


def exit_url() -> str:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r"quick_exit:\n\s+url: (\S+)", config).group(1)


# ---------------------------------------------------------------------------
# Quick exit, in a real browser
# ---------------------------------------------------------------------------


def test_quick_exit_button_leaves_and_replaces_the_page(page, served):
    page.goto(f"{served}/index.html")
    page.goto(f"{served}/practices/programa-h.html")
    page.click("[data-kb-exit]")
    page.wait_for_url(exit_url())
    page.go_back()
    assert page.url == f"{served}/index.html"  # the practice page is gone from history
    assert page.errors == []


def test_quick_exit_by_pressing_shift_three_times(page, served):
    page.goto(f"{served}/practices/misconduct-disclosure-scheme.html")
    page.keyboard.press("Shift")
    status = page.locator("[data-kb-exit-status]")
    assert status.inner_text() == "Shift pressed 1 time. Press it 2 more times to leave this site."
    assert status.get_attribute("aria-live") == "polite"
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(exit_url())


def test_quick_exit_is_reached_early_by_keyboard_and_shows_focus(page, served):
    page.goto(f"{served}/index.html")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-kb-exit')"):
            break
    else:
        pytest.fail("the quick-exit control is not among the first six Tab stops")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert page.locator("[data-kb-exit]").inner_text() == "Leave this site"


def test_quick_exit_works_without_javascript(browser, served):
    context = browser.new_context(java_script_enabled=False)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda r: r.fulfill(body="away"))
    tab = context.new_page()
    tab.goto(f"{served}/index.html")
    tab.click("[data-kb-exit]")
    tab.wait_for_url(exit_url())
    context.close()


# ---------------------------------------------------------------------------
# Content notes, withdrawal, reproducible builds
# ---------------------------------------------------------------------------


def _with_practice(tmp_path: Path, **changes) -> Path:
    practices = tmp_path / "source"
    shutil.copytree(FIXTURES / "valid", practices)
    path = practices / "peer-support-network.md"
    text = path.read_text(encoding="utf-8")
    for key, value in changes.items():
        text = text.replace("\nlast_reviewed:", f"\n{key}: {value}\nlast_reviewed:", 1)
    path.write_text(text, encoding="utf-8")
    return site_project(tmp_path / "project", practices, [FIXTURES / "agendas" / "short.yml"])


def test_content_note_comes_first_and_the_reader_opens_the_text(tmp_path):
    site = built_site(_with_practice(tmp_path, content_note="Mentions harassment at work."))
    html = (site / "practices/peer-support-network.html").read_text(encoding="utf-8")
    details = html.index('<details class="kb-content-note">')
    assert "<summary>Content note: Mentions harassment at work. Select to read the practice." in (
        html
    )
    assert details < html.index("A fictional practice for tests.")
    assert '<details class="kb-content-note" open' not in html


def test_withdrawn_practice_leaves_no_trace(tmp_path):
    site = built_site(_with_practice(tmp_path, withdrawn="true"))
    markers = (
        "peer-support-network.html",
        "Peer support network for PSEA focal points",
        "Focal points meet monthly to compare notes",
    )
    traces = [
        str(path.relative_to(site))
        for path in site.rglob("*")
        if path.is_file()
        and any(m in path.read_text(encoding="utf-8", errors="ignore") for m in markers)
    ]
    assert traces == []
    assert (site / "practices" / "reseau-pairs.html").is_file()  # the others stay
    # the same markers are found when the practice is not withdrawn
    control = _with_practice(tmp_path / "control")
    assert build(control).returncode == 0
    catalogue = (control / "site" / "practices" / "index.html").read_text(encoding="utf-8")
    assert all(m in catalogue for m in markers[:2])


def test_two_builds_of_the_same_commit_are_identical(tmp_path):
    folder = site_project(tmp_path / "a", FIXTURES / "valid", [FIXTURES / "agendas" / "short.yml"])
    assert build(folder).returncode == 0
    first = tmp_path / "first"
    shutil.move(folder / "site", first)
    assert build(folder).returncode == 0
    comparison = filecmp.dircmp(first, folder / "site")

    def differences(cmp) -> list[str]:
        found = cmp.diff_files + cmp.left_only + cmp.right_only
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []


# ---------------------------------------------------------------------------
# Nothing lost: every valid practice exactly once, everywhere it belongs
# ---------------------------------------------------------------------------


def _links(html: str, practice_id: str, prefix: str) -> int:
    return html.count(f'href="{prefix}{practice_id}.html"')


def indexed_pages(site: Path, folder: Path) -> list[str]:
    """The address of every page the online search (Pagefind, run as `kb build` runs it)
    indexes in ``site``, written to ``folder``: one per page it can find.

    Each page is a fragment file: gzip, then Pagefind's ``pagefind_dcd`` signature, then
    JSON with the page's ``url``."""
    command = [str(ROOT / search.PAGEFIND), "--site", str(site), "--output-path", str(folder)]
    result = subprocess.run(
        [*command, "--quiet", "--keep-index-url"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    urls = []
    for fragment in sorted((folder / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        urls.append(json.loads(data[len(b"pagefind_dcd") :])["url"].lstrip("/"))
    return urls


def assert_each_once(site: Path, practices, index: Path) -> None:
    catalogue = (site / "practices" / "index.html").read_text(encoding="utf-8")
    locations = indexed_pages(site, index)
    for p in practices:
        assert (site / "practices" / f"{p.id}.html").is_file()
        assert _links(catalogue, p.id, "") == 1, p.id
        for folder, values in (("themes", p.themes), ("topics", p.topics)):
            for value in values:
                html = (site / folder / f"{value}.html").read_text(encoding="utf-8")
                assert _links(html, p.id, "../practices/") == 1, (p.id, value)
        assert locations.count(f"practices/{p.id}.html") == 1, p.id


def test_every_seed_practice_appears_exactly_once_everywhere(seed_site, tmp_path):
    practices = [e.practice for e in checks.validate([ROOT / "practices"], root=ROOT).entries]
    assert len(practices) >= 12
    assert_each_once(seed_site, practices, tmp_path / "pagefind")


def test_every_generated_practice_appears_exactly_once_everywhere(tmp_path):
    from practice_kb import bench

    source = tmp_path / "source"
    bench.write_practices(source, 40)
    site = built_site(site_project(tmp_path / "project", source, []))
    practices = [e.practice for e in checks.validate([source], root=source.parent).entries]
    assert len(practices) == 40
    assert_each_once(site, practices, tmp_path / "pagefind")
