"""Search finds practices by their text, their metadata and the field's abbreviations.

Online (the sites `kb build` writes), Pagefind: one index per language, loaded only
once a reader uses the search box. Offline (the zipped copies, opened from the file
system), Material's lunr search with its local worker shim.
"""

from __future__ import annotations

import json
import re
import zipfile

import pytest
import sites

from practice_kb.core import text as text_helpers
from practice_kb.core.strings import t
from practice_kb.site import render


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    return sites.languages_site(tmp_path_factory)


@pytest.fixture(scope="module")
def online(whole):
    with sites.serve(whole) as (base, recorder):
        yield base, recorder


# a word from each seed practice's body, and an abbreviation the page carries, per language
SEARCHES = {
    "en": ("un-clearcheck", "ClearCheck", "CBCM", "in-country-psea-network-sops"),
    "fr": ("abbef-formation-peas-personnel-volontaires", "volontaires", "PEAS", None),
    "es": ("capacitacion-peas-hogar-de-paso-palmira", "hogar", "PEAS", None),
    "ar": (
        "iraqi-red-crescent-virtual-reality-gbv-training",
        "الواقع",
        "CBCM",
        "in-country-psea-network-sops",
    ),
}


def search(tab, word: str) -> list[str]:
    """Type ``word`` in the search box; the links of the results it announces."""
    box = tab.locator("[data-kb-search] input")
    box.click()
    box.fill("")
    status = "document.querySelector('[data-kb-search-status]').textContent"
    tab.wait_for_function(f"() => {status} === ''", timeout=20_000)  # the last search is cleared
    box.press_sequentially(word, delay=30)
    words = "JSON.parse(document.querySelector('[data-kb-search]').dataset.kbWords)"
    tab.wait_for_function(
        f"() => {status} !== '' && {status} !== {words}.initializer", timeout=20_000
    )
    return tab.locator(".kb-search__title").evaluate_all("links => links.map(a => a.href)")


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


@pytest.mark.parametrize("lang", list(SEARCHES))
def test_online_search_finds_a_practice_by_a_word_and_an_abbreviation(online, page, lang):
    base, _ = online
    practice, word, abbreviation, other = SEARCHES[lang]
    page.goto(f"{base}/{lang}/index.html")
    found = search(page, word)
    assert any(f"/{lang}/practices/{practice}.html" in href for href in found), found
    found = search(page, abbreviation)
    assert any(f"/{lang}/practices/{other or practice}.html" in href for href in found), found
    # each result shows the practice's organisation and summary, not only its title
    first = page.locator(".kb-search__result").first
    assert first.locator(".kb-search__organisation").inner_text().strip()
    assert first.locator(".kb-search__text").inner_text().strip()
    assert page.errors == []


def test_arabic_search_box_reads_right_to_left(online, page):
    base, _ = online
    page.goto(f"{base}/ar/index.html")
    search(page, "الواقع")
    direction = page.locator(".kb-search__panel").evaluate("e => getComputedStyle(e).direction")
    assert direction == "rtl"
    assert page.locator("[data-kb-search] input").get_attribute("placeholder") != "Search"


def test_nothing_is_fetched_for_search_until_the_box_is_used(online, page):
    base, recorder = online
    recorder.take()
    page.goto(f"{base}/en/practices/un-clearcheck.html", wait_until="networkidle")
    page.wait_for_timeout(500)
    before = recorder.paths()
    assert not [p for p in before if "/pagefind/" in p or "/search/" in p], before
    page.keyboard.press("/")  # Material's key for search, kept
    assert page.evaluate("document.activeElement.closest('[data-kb-search]') !== null")
    search(page, "referral")
    assert any("/en/pagefind/" in p for p in recorder.paths())


def test_results_filter_by_theme(online, page):
    base, _ = online
    page.goto(f"{base}/en/index.html")
    search(page, "staff")
    before = page.locator("[data-kb-search-status]").inner_text()
    everything = int(re.search(r"\d+", before).group())
    page.locator("[data-kb-search-filters] summary").click()
    theme = page.locator("select[name=themes]")
    theme.wait_for(timeout=20_000)
    assert page.locator("label[for=kb-search-facet-themes]").inner_text() == t("card.themes")
    label = text_helpers.label("themes", "organisational-culture", "en")
    theme.select_option(label)
    page.wait_for_function(
        "before => document.querySelector('[data-kb-search-status]').textContent !== before",
        arg=before,
        timeout=20_000,
    )
    after = page.locator("[data-kb-search-status]").inner_text()
    number = re.search(r"\d+", after)
    assert 0 < (int(number.group()) if number else 1) < everything, (before, after)
    # every result shown is a practice with that theme
    for href in page.locator(".kb-search__title").evaluate_all("a => a.map(x => x.href)"):
        practice = href.rsplit("/", 1)[1]
        card = (page.context.request.get(href).text()) if practice else ""
        assert f">{label}</span>" in card or f">{label}<" in card, href


def test_practice_pages_carry_their_search_metadata_and_listings_are_not_indexed(whole):
    page = (whole / "fr" / "practices" / "un-clearcheck.html").read_text("utf-8")
    assert 'data-pagefind-meta="organisation"' in page
    theme = text_helpers.label("themes", "organisational-culture", "fr")
    assert f'<span data-pagefind-filter="themes">{theme}</span>' in page
    assert "data-pagefind-body" in page
    for listing in (
        "practices/index.html",
        "themes/index.html",
        "themes/organisational-culture.html",
        "topics/referral.html",
        "gaps.html",
        "guide/joint-journey/panel-pack.html",
        "guide/joint-journey/table-set.html",
    ):
        assert "data-pagefind-body" not in (whole / "en" / listing).read_text("utf-8"), listing
    entry = json.loads((whole / "ar" / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["ar"]
    assert not (whole / "en" / "search" / "search_index.json").exists()  # no lunr online


def test_the_security_policy_allows_webassembly_online_only(whole):
    page = (whole / "en" / "index.html").read_text("utf-8")
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    script = next(p for p in policy.split("; ") if p.startswith("script-src"))
    assert "'wasm-unsafe-eval'" in script.split() and "'unsafe-eval'" not in script.split()
    with zipfile.ZipFile(whole / "offline" / "joint-journey-kb-en.zip") as archive:
        offline = archive.read("joint-journey-kb-en/index.html").decode("utf-8")
    assert "wasm-unsafe-eval" not in offline and "pagefind" not in offline


def test_offline_copy_searches_with_lunr_from_the_file_system(whole, page, tmp_path):
    with zipfile.ZipFile(whole / "offline" / "joint-journey-kb-en.zip") as archive:
        archive.extractall(tmp_path)
        index = archive.read("joint-journey-kb-en/search/search_index.js").decode("utf-8")
    # what readers search is indexed: organisation, metadata and abbreviations
    for expected in ("Inter-Agency Standing Committee", "CBCM", "community-based complaint"):
        assert expected in index
    page.goto((tmp_path / "joint-journey-kb-en" / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("CBCM", delay=40)
    hit = page.locator(".md-search-result__item", has_text="standard operating procedures")
    hit.first.wait_for(timeout=10_000)
    assert page.errors == []
