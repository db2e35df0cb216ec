"""End to end, in Chromium, on the whole built site as deployed (`kb build`):
what a reader does on the home page, in search (Pagefind's box online), on a practice, in the guide
(on screen and on paper) and in the panel pack.

The quick exit is tested in test_readers.py, the catalogue filters in
test_catalogue.py.
"""

from __future__ import annotations

import re

import pytest
import sites
import yaml

from practice_kb.core import load

from conftest import ROOT

SECTIONS = [
    "What the practice is",
    "How it works",
    "What changed",
    "What did not work and lessons",
    "How to adapt it",
]
AGENDA = "joint-journey"


def practice(practice_id: str) -> dict:
    document, problems = load.read(ROOT / "practices" / f"{practice_id}.md")
    assert document is not None, problems
    return document.data


def agenda() -> dict:
    return yaml.safe_load((ROOT / "guide" / "agendas" / f"{AGENDA}.yml").read_text("utf-8"))


def words(text: str) -> str:
    return " ".join(text.replace("¶", "").split())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The English site's base URL; the other languages are beside it, as deployed."""
    with sites.serve(sites.languages_site(tmp_path_factory)) as (base, _):
        yield f"{base}/en"


def test_home_page_loads_without_console_errors(page, site):
    page.goto(f"{site}/index.html", wait_until="networkidle")
    assert "Joint Journey knowledge base" in page.title()
    assert page.locator("article h1").is_visible()
    assert page.locator(".md-nav--primary").get_by_role("link", name="Catalogue").is_visible()
    assert page.errors == []


def test_searching_a_practice_title_lists_it_and_opens_it(page, site):
    """The online search box (Pagefind, indexed by `kb build`), reached with the theme's key."""
    title = practice("un-clearcheck")["title"]
    page.goto(f"{site}/index.html", wait_until="networkidle")
    page.keyboard.press("/")  # the theme's shortcut to the search box, kept
    assert page.evaluate("document.activeElement.matches('[data-kb-search] input')")
    page.keyboard.type(title, delay=25)
    result = page.locator('.kb-search__title[href*="/practices/un-clearcheck.html"]').first
    result.wait_for(timeout=20_000)
    assert words(result.inner_text()) == title
    result.click()
    page.wait_for_url(re.compile(r"/en/practices/un-clearcheck\.html"))
    assert words(page.locator("article h1").inner_text()) == title
    assert page.errors == []


def test_practice_page_shows_its_card_and_its_five_sections(page, site):
    data = practice("un-clearcheck")
    page.goto(f"{site}/practices/un-clearcheck.html")
    card = page.locator(".kb-card")
    assert card.is_visible()
    assert data["organisation"]["name"] in card.inner_text()
    headings = [words(h) for h in page.locator("article h2").all_inner_texts()]
    assert [h for h in headings if h in SECTIONS] == SECTIONS
    for name in SECTIONS:
        heading = page.locator("article h2", has_text=name)
        content = heading.locator("xpath=following-sibling::*[1]")
        assert content.is_visible(), name
        assert not re.fullmatch(r"h\d", content.evaluate("e => e.localName")), name
        assert content.inner_text().strip(), f"{name} is empty"
    assert page.errors == []


def test_guide_printed_shows_every_block_and_no_navigation(page, site):
    blocks = yaml.safe_load((ROOT / "guide" / "blocks.yml").read_text("utf-8"))
    slots = agenda()["blocks"]
    page.goto(f"{site}/guide/{AGENDA}.html")
    page.emulate_media(media="print")
    for slot in slots:
        heading = page.locator(f"h2#{slot['block']}")
        assert heading.is_visible(), slot["block"]
        title = slot.get("title") or blocks[slot["block"]]["title"]
        assert f"{slot['start']}–{slot['end']} · {title}" in words(heading.inner_text())
        section = heading.locator("xpath=ancestor::section[1]")
        assert section.evaluate("e => getComputedStyle(e).breakBefore") == "page"  # own page
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".kb-exit"):
        assert page.locator(chrome).count() == 1, chrome
        assert page.locator(chrome).is_hidden(), f"{chrome} is printed"
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()  # hidden on paper only


def test_panel_pack_lists_links_to_the_panel_practices(page, site):
    chosen = [i for slot in agenda()["blocks"] for i in slot.get("practices", [])]
    assert chosen
    page.goto(f"{site}/guide/{AGENDA}/panel-pack.html")
    for practice_id in chosen:
        link = page.locator(f'article a[href="../../practices/{practice_id}.html"]').first
        assert link.is_visible(), practice_id
        assert words(link.inner_text()) == practice(practice_id)["title"]
    page.locator(f'article a[href="../../practices/{chosen[0]}.html"]').first.click()
    page.wait_for_url(re.compile(rf"/practices/{chosen[0]}\.html$"))
    assert page.locator(".kb-card").is_visible()
    assert page.errors == []
