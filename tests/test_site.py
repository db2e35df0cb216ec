"""End to end: a real `mkdocs build --strict` of a small practice tree in a temporary folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import sites
from test_search import search as find

from practice_kb.site import search

from conftest import BODY, FIXTURES, ROOT, VALID, build, built_site, kb, practice_text, site_project

IDS = ["men-as-allies", "peer-support-network", "reseau-pairs"]
THEMES = {
    "men-as-allies": ["engaging-men-and-boys"],
    "peer-support-network": ["organisational-culture", "prevention-and-response"],
    "reseau-pairs": ["organisational-culture"],
}


def make_project(folder: Path, practices: Path) -> Path:
    return site_project(folder, practices, [FIXTURES / "agendas" / "short.yml"])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built_site(make_project(tmp_path_factory.mktemp("kb"), FIXTURES / "valid"))


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def primary_nav(html: str) -> str:
    start = html.index('<nav class="md-nav md-nav--primary"')
    return html[start : html.index("md-sidebar--secondary", start)]


@pytest.mark.parametrize("practice_id", IDS)
def test_every_practice_has_its_page_with_card_and_sections(site, practice_id):
    html = read(site, f"practices/{practice_id}.html")
    assert '<div class="kb-card kb-card--' in html
    assert html.count("<h2 ") >= 5
    assert "<dt>Organisation</dt>" in html


@pytest.mark.parametrize("practice_id", IDS)
def test_every_practice_is_listed_on_its_themes_and_the_catalogue(site, practice_id):
    link = f'href="../practices/{practice_id}.html"'
    for theme in THEMES[practice_id]:
        assert link in read(site, f"themes/{theme}.html")
    assert f'href="{practice_id}.html"' in read(site, "practices/index.html")


def test_themes_without_practices_are_not_listed(site):
    assert "reseau-pairs" not in read(site, "themes/engaging-men-and-boys.html")
    prevention = read(site, "themes/prevention-and-response.html")
    assert "peer-support-network" in prevention
    assert "reseau-pairs" not in prevention and "No practices yet" not in prevention
    assert "No practices yet" in read(site, "topics/investigation.html")


def test_no_practice_is_in_the_navigation(site):
    for page in ["index.html", "practices/index.html", "practices/peer-support-network.html"]:
        nav = primary_nav(read(site, page))
        assert "Catalogue" in nav
        for practice_id in IDS:
            assert f"{practice_id}.html" not in nav


def test_practice_page_carries_its_language_and_direction(site):
    assert '<div class="kb-practice" dir="rtl" lang="ar">' in read(
        site, "practices/men-as-allies.html"
    )
    assert '<div class="kb-practice" dir="ltr" lang="fr">' in read(
        site, "practices/reseau-pairs.html"
    )


def test_card_shows_metadata_and_translation_link(site):
    html = read(site, "practices/peer-support-network.html")
    assert "<dd>Example Relief Network (Network)</dd>" in html
    assert '<a href="reseau-pairs.html">French</a>' in html
    assert "Compiled from public sources; not yet confirmed by the organisation" in html
    assert '<a href="https://example.org/source">Example source</a>' in html


def test_schema_page_lists_fields_and_vocabularies(site):
    html = read(site, "schema.html")
    for text in [
        "<code>organisation</code>",
        "<code>engaging-men-and-boys</code>",
        "Engaging men and boys",
        "A review of a whole sector does not count.",
        "What did not work and lessons",
    ]:
        assert text in html
    assert (site / "practice.schema.json").is_file()


@pytest.fixture(scope="module")
def searchable(site, tmp_path_factory):
    """A copy of the site indexed by Pagefind as `kb build` does it, served on loopback."""
    copy = tmp_path_factory.mktemp("indexed") / "site"
    shutil.copytree(site, copy)
    search.index(copy, ROOT / search.PAGEFIND)
    with sites.serve(copy) as (base, _):
        yield base


def test_practices_are_searchable(searchable, page):
    """The online search box finds a practice by its title and by its organisation."""
    title = "Peer support network for PSEA focal points"
    page.goto(f"{searchable}/index.html")
    found = find(page, title)
    assert any(href.endswith("/practices/peer-support-network.html") for href in found), found
    first = page.locator(".kb-search__result").first
    assert first.locator(".kb-search__title").inner_text() == title
    found = find(page, "Example Relief Network")
    assert any(href.endswith("/practices/peer-support-network.html") for href in found), found
    organisations = page.locator(".kb-search__organisation").all_inner_texts()
    assert "Example Relief Network" in organisations
    assert page.errors == []


def test_no_third_party_requests(site):
    """Scripts, styles, fonts and images all come from the site itself."""
    loaders = re.compile(
        r'<(?:script|img|iframe|source)[^>]+src="(https?:)?//|'
        r'<link[^>]+href="(https?:)?//'
    )
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not loaders.search(html), page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_invalid_practice_fails_the_build_with_the_validator_messages(tmp_path):
    folder = make_project(tmp_path, FIXTURES / "valid")
    bad = dict(VALID, id="bad-one", themes=["engaging-men"])
    text = practice_text(bad)
    (folder / "practices" / "bad-one.md").write_text(text, encoding="utf-8")
    line = text.split("\n").index("- engaging-men") + 1
    result = build(folder)
    assert result.returncode != 0
    assert (
        f"practices/bad-one.md:{line}: themes: 'engaging-men' is not a theme; "
        "did you mean 'engaging-men-and-boys'?\n" in result.stderr
    )
    # the whole report, as kb validate prints it (its warnings included)
    assert kb("validate", cwd=folder).stdout.strip() in result.stderr
    assert "Traceback" not in result.stderr


def test_a_problem_in_the_text_fails_the_build_too_with_every_message(tmp_path):
    """The build validates everything once, the checks of the text included, and fails
    with the report `kb validate` prints (warnings are advice, never the failure)."""
    folder = make_project(tmp_path, FIXTURES / "valid")
    bad = dict(VALID, id="bad-two")
    body = BODY.replace("\n\n", "\n\nWrite to jane.doe@example.org.\n\n", 1)
    (folder / "practices" / "bad-two.md").write_text(practice_text(bad, body), encoding="utf-8")
    expected = kb("validate", cwd=folder)
    assert expected.returncode == 1
    result = build(folder)
    assert result.returncode != 0
    assert "looks like a personal email address" in expected.stdout
    assert expected.stdout.strip() in result.stderr  # the same report, warnings included
    assert "Traceback" not in result.stderr


def test_unknown_tag_fails_the_build(tmp_path):
    folder = make_project(tmp_path, FIXTURES / "valid")
    (folder / "docs" / "extra.md").write_text("---\ntags: [Gossip]\n---\n# Extra\n")
    result = build(folder)
    assert result.returncode != 0
    assert "Tags not in allow list: Gossip" in result.stderr
