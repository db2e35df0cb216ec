"""Search finds practices by their text, their metadata and the field's abbreviations."""

from __future__ import annotations

import json

import pytest

from practice_kb import render


def index_text(site, location: str) -> str:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return " ".join(
        d["title"] + " " + d["text"]
        for d in index["docs"]
        if d["location"].split("#")[0] == location
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Joint standard operating procedures for referral",
            [("SOP", "standard operating procedures")],
        ),
        ("Our SOPs are short.", [("SOP", "standard operating procedures")]),
        (
            "A community-based complaint mechanism",
            [("CBCM", "community-based complaint mechanism")],
        ),
        ("Nothing of the sort here.", []),
    ],
)
def test_abbreviations_are_found_in_either_form(text, found):
    assert render.abbreviations(text) == found


def test_metadata_and_abbreviations_are_in_the_search_index(seed_site):
    text = index_text(seed_site, "practices/in-country-psea-network-sops.html")
    for expected in (
        "Inter-Agency Standing Committee",
        "Global",
        "CBCM",
        "SOP",
        "community-based complaint mechanism",
    ):
        assert expected in text


def test_searching_an_abbreviation_finds_the_practice(page, served):
    page.goto(f"{served}/index.html")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("CBCM", delay=40)
    hit = page.locator(".md-search-result__item", has_text="standard operating procedures")
    hit.first.wait_for(timeout=10_000)
    assert page.errors == []


def test_listing_pages_are_left_out_of_the_search_index(seed_site):
    index = json.loads((seed_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    for listing in (
        "practices/index.html",
        "themes/index.html",
        "themes/organisational-culture.html",
        "topics/referral.html",
        "gaps.html",
        "tags.html",
        "guide/joint-journey/panel-pack.html",
        "guide/joint-journey/table-set.html",
    ):
        assert listing not in pages
    assert "practices/programa-h.html" in pages and "guide/joint-journey.html" in pages
