"""The catalogue's filters and the gap view, over the seed practices."""

from __future__ import annotations

import re
from itertools import product

import pytest

from practice_kb.core import vocabulary
from practice_kb.site import render

from conftest import seed_practices


def matching(**chosen: list[str]) -> set[str]:
    """The practices a reader should see: any value within a facet, every facet."""
    facets = {name: values for name, _, values in render.FACETS}
    return {
        p.id
        for p in seed_practices()
        if all(set(wanted) & set(facets[name](p)) for name, wanted in chosen.items())
    }


def test_gap_counts_match_the_practices(seed_site):
    html = (seed_site / "gaps.html").read_text(encoding="utf-8")
    for theme, region in product(vocabulary.get("themes").values, vocabulary.get("regions").values):
        expected = len(matching(themes=[theme], regions=[region]))
        link = f'href="practices/index.html?themes={theme}&amp;regions={region}">{expected}</a>'
        if expected:
            assert link in html
        else:
            assert link not in html
    assert html.count('class="kb-gap"') > 0  # the seed leaves gaps to fill


def test_catalogue_without_javascript_lists_every_practice(browser, served):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{served}/practices/index.html")
    assert tab.locator("[data-kb-item]:visible").count() == len(seed_practices())
    assert not tab.locator("[data-kb-filters]").is_visible()
    context.close()


def visible_ids(page) -> set[str]:
    links = page.locator("[data-kb-item]:visible > a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return {re.sub(r"\.html$", "", href) for href in links}


@pytest.mark.parametrize(
    "chosen",
    [
        {"themes": ["engaging-men-and-boys"]},
        {"themes": ["organisational-culture", "prevention-and-response"], "misconduct": ["sh"]},
        {"regions": ["global"], "language": ["fr", "es"]},
        {"organisation": ["un-agency"], "evidence": ["monitored", "anecdotal"]},
    ],
    ids=lambda c: "+".join(c),
)
def test_filters_narrow_the_list_and_the_count_matches(page, served, chosen):
    page.goto(f"{served}/practices/index.html")
    page.locator("[data-kb-facets] > summary").click()
    for name, values in chosen.items():
        for value in values:
            page.check(f"#kb-{name}-{value}")
    expected = matching(**chosen)
    assert visible_ids(page) == expected
    assert page.locator("[data-kb-count]").inner_text() == (
        f"{len(expected)} of {len(seed_practices())} practices shown"
    )
    # the state is in the address: opening it again shows the same practices
    shared = page.url
    assert all(name in shared for name in chosen)
    page.goto(shared)
    assert visible_ids(page) == expected
    page.click("[data-kb-clear]")
    assert len(visible_ids(page)) == len(seed_practices())
    assert "?" not in page.url
    assert page.errors == []


def test_no_match_says_so(page, served):
    chosen = {"themes": ["engaging-men-and-boys"], "organisation": ["red-cross-red-crescent"]}
    assert matching(**chosen) == set()
    page.goto(
        f"{served}/practices/index.html?themes=engaging-men-and-boys"
        "&organisation=red-cross-red-crescent"
    )
    assert visible_ids(page) == set()
    assert page.locator("[data-kb-empty]").is_visible()


def test_practice_page_prints_without_navigation_and_with_addresses(page, served):
    page.goto(f"{served}/practices/programa-h.html")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".kb-exit"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".kb-card").is_visible()
    after = page.evaluate(
        "getComputedStyle(document.querySelector('#sources ~ ul a[href^=\"http\"]'), "
        "'::after').content"
    )
    assert "http" in after  # the address is written out after the link
