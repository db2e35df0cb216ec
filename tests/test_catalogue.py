"""The catalogue: its first page, its numbered pages and its filters, and the gap view.

The seed site (fewer practices than a page holds) shows the catalogue on one page; a
second site adds synthetic practices (as `kb bench` writes them) to the seed, so that
the catalogue runs over three pages and the filters must find practices beyond the
first, which the page loads only when a reader chooses a filter."""

from __future__ import annotations

import json
import random
import re
import shutil
import zipfile
from itertools import product

import pytest
import sites
from test_html import allowlist, vnu

from practice_kb import bench
from practice_kb.check import checks
from practice_kb.core import vocabulary
from practice_kb.site import render

from conftest import ROOT, axe, build, offline_copy, seed_practices, serious, site_project

SYNTHETIC = 80  # with the seed's practices: three pages of the catalogue
DATA = "practices/catalogue.js"


def matching(practices=None, **chosen: list[str]) -> set[str]:
    """The practices a reader should see: any value within a facet, every facet."""
    facets = {name: values for name, _, values in render.FACETS}
    return {
        p.id
        for p in (seed_practices() if practices is None else practices)
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


def test_catalogue_of_one_page_lists_every_practice_without_javascript(browser, served):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{served}/practices/index.html")
    assert len(seed_practices()) <= render.PAGE_SIZE
    assert tab.locator("[data-kb-item]:visible").count() == len(seed_practices())
    assert not tab.locator("[data-kb-filters]").is_visible()
    assert tab.locator(".kb-pager").count() == 0  # nothing to page through
    context.close()


def visible_ids(page) -> set[str]:
    links = page.locator("[data-kb-item]:visible > a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return {re.sub(r"\.html$", "", href.rsplit("/", 1)[-1]) for href in links}


# ---------------------------------------------------------------------------
# A catalogue of three pages: the seed and synthetic practices
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    """The seed and SYNTHETIC more practices built as a site: (folder, practices by title)."""
    practices = tmp_path_factory.mktemp("practices") / "practices"
    shutil.copytree(ROOT / "practices", practices)
    bench.write_practices(practices, SYNTHETIC)
    folder = site_project(tmp_path_factory.mktemp("paged"), practices)
    result = build(folder, offline=True)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(offline_copy(folder)) as archive:
        archive.extractall(folder / "offline")
    report = checks.validate([folder / "practices"], root=folder)
    listed = render.by_title(e.practice for e in report.entries if not e.practice.withdrawn)
    assert render.page_count(len(listed)) == 3
    return folder / "site", listed


@pytest.fixture(scope="module")
def paged_served(paged):
    with sites.serve(paged[0]) as (base, recorder):
        yield base, recorder


def test_first_page_shows_a_page_of_practices_and_counts_them_all(paged, browser, paged_served):
    _, listed = paged
    base, _ = paged_served
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{base}/practices/index.html")
    shown = [p.id for p in listed[: render.PAGE_SIZE]]
    assert visible_ids(tab) == set(shown)
    text = tab.locator("article").inner_text()
    assert f"All {len(listed)} practices in the knowledge base" in text
    assert f"Practices 1 to {render.PAGE_SIZE} of {len(listed)}, by title." in text
    context.close()


def test_without_javascript_the_numbered_pages_reach_every_practice(paged, browser, paged_served):
    _, listed = paged
    base, _ = paged_served
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{base}/practices/index.html")
    seen: list[str] = []
    titles = []
    while True:
        pager = tab.get_by_role("navigation", name="Pages of the catalogue")
        current = pager.locator("[aria-current=page]")
        assert current.count() == 1
        number = int(current.inner_text())
        assert current.get_attribute("aria-label") == f"Page {number}"
        titles.append(tab.locator("h1").inner_text().rstrip("¶"))
        seen += [
            re.sub(r"\.html$", "", href.rsplit("/", 1)[-1])
            for href in tab.locator("[data-kb-item] > a").evaluate_all(
                "links => links.map(a => a.getAttribute('href'))"
            )
        ]
        following = pager.get_by_role("link", name="Next page")
        if not following.count():
            break
        following.click()
    assert seen == [p.id for p in listed]  # every practice once, by title
    assert titles[1:] == [
        "Catalogue of practices, page 2 of 3",
        "Catalogue of practices, page 3 of 3",
    ]
    # a practice listed on the last page opens from it
    tab.locator("[data-kb-item] > a").last.click()
    assert tab.locator("h1").inner_text().rstrip("¶") == listed[-1].title
    context.close()


def test_the_numbered_pages_are_left_out_of_search(paged):
    site, _ = paged
    for number in (2, 3):
        page = (site / "practices" / "pages" / f"{number}.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" not in page


def test_nothing_of_the_whole_list_is_fetched_before_a_filter(page, paged, paged_served):
    _, listed = paged
    base, recorder = paged_served
    recorder.take()
    page.goto(f"{base}/practices/index.html", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert f"/{DATA}" not in recorder.paths()
    assert page.locator("[data-kb-count]").inner_text() == (
        f"{render.PAGE_SIZE} of {len(listed)} practices shown"
    )
    page.locator("[data-kb-facets] > summary").click()
    page.check("#kb-evidence-evaluated")
    expected = matching(listed, evidence=["evaluated"])
    page.locator("[data-kb-count]").filter(has_text=f"{len(expected)} of").wait_for()
    assert recorder.paths().count(f"/{DATA}") == 1
    later = {p.id for p in listed[render.PAGE_SIZE :]}
    assert visible_ids(page) == expected and expected & later  # beyond the first page
    assert page.errors == []  # the security policy allows the list's script


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
def test_filters_narrow_the_list_and_the_count_matches(page, paged, paged_served, chosen):
    _, listed = paged
    base, _ = paged_served
    page.goto(f"{base}/practices/index.html")
    page.locator("[data-kb-facets] > summary").click()
    for name, values in chosen.items():
        for value in values:
            page.check(f"#kb-{name}-{value}")
    expected = matching(listed, **chosen)
    count = page.locator("[data-kb-count]")
    count.filter(has_text=f"{len(expected)} of {len(listed)} practices shown").wait_for()
    assert visible_ids(page) == expected
    assert not page.locator(".kb-pager").is_visible()  # the matches are all on the page
    # the state is in the address: opening it again shows the same practices
    shared = page.url
    assert all(name in shared for name in chosen)
    page.goto(shared)
    count.filter(has_text=f"{len(expected)} of").wait_for()
    assert visible_ids(page) == expected
    page.click("[data-kb-clear]")
    assert visible_ids(page) == {p.id for p in listed[: render.PAGE_SIZE]}
    assert count.inner_text() == f"{render.PAGE_SIZE} of {len(listed)} practices shown"
    assert page.locator(".kb-pager").is_visible()
    assert "?" not in page.url
    assert page.errors == []


def test_the_offline_copy_filters_the_whole_list_from_the_file_system(page, paged):
    """Opened from file://, where a page cannot fetch() its data: the list still loads."""
    site, listed = paged
    copy = site.parent / "offline" / "joint-journey-kb-en"
    page.goto((copy / "practices" / "index.html").as_uri())
    page.locator("[data-kb-facets] > summary").click()
    page.check("#kb-regions-middle-east-north-africa")
    expected = matching(listed, regions=["middle-east-north-africa"])
    assert len(expected) > 1 and not expected <= {p.id for p in listed[: render.PAGE_SIZE]}
    page.locator("[data-kb-count]").filter(has_text=f"{len(expected)} of").wait_for()
    assert visible_ids(page) == expected
    assert page.errors == []


def test_any_combination_of_filters_shows_what_the_facets_say(page, paged, paged_served):
    """Random choices of values across every facet: the page shows exactly the practices
    whose values match, as the search's filters (the same facets) would."""
    _, listed = paged
    base, _ = paged_served
    page.goto(f"{base}/practices/index.html")
    boxes = page.locator("[data-kb-filters] input[type=checkbox]").evaluate_all(
        "boxes => boxes.map(b => [b.name, b.value])"
    )
    rng = random.Random(14)
    for _ in range(25):
        picked = rng.sample(boxes, rng.randint(1, 4))
        chosen: dict[str, list[str]] = {}
        for name, value in picked:
            chosen.setdefault(name, []).append(value)
        page.evaluate(
            """picked => {
                const form = document.querySelector("[data-kb-filters]");
                form.querySelectorAll("input[type=checkbox]").forEach(box => {
                    box.checked = picked.some(([n, v]) => n === box.name && v === box.value);
                });
                form.dispatchEvent(new Event("change"));
            }""",
            picked,
        )
        expected = matching(listed, **chosen)
        page.locator("[data-kb-count]").filter(
            has_text=f"{len(expected)} of {len(listed)} practices shown"
        ).wait_for()
        assert visible_ids(page) == expected, chosen
        assert page.locator("[data-kb-empty]").is_visible() == (not expected)
    assert page.errors == []


def test_show_all_lists_every_practice_as_the_pages_do(page, paged, paged_served):
    _, listed = paged
    base, _ = paged_served
    page.goto(f"{base}/practices/index.html")
    static = page.locator("[data-kb-item]").evaluate_all("items => items.map(i => i.outerHTML)")
    page.get_by_role("button", name=f"Show all {len(listed)} practices").click()
    count = page.locator("[data-kb-count]")
    count.filter(has_text=f"{len(listed)} of {len(listed)} practices shown").wait_for()
    drawn = page.locator("[data-kb-results] > [data-kb-item]")
    assert drawn.evaluate_all("items => items.map(i => i.querySelector('a').textContent)") == [
        p.title for p in listed
    ]
    # each item drawn from the data is the page's own: same text, links and markup
    redrawn = drawn.evaluate_all("items => items.map(i => i.outerHTML)")[: len(static)]
    assert [normalised(item) for item in redrawn] == [normalised(item) for item in static]
    assert page.errors == []


def normalised(item: str) -> str:
    """An item's markup with its attributes in a fixed order (the parser's and the
    script's orders differ)."""
    return re.sub(
        r"<(\w+)([^>]*)>",
        lambda m: (
            "<"
            + m.group(1)
            + "".join(sorted(re.findall(r'\s[\w-]+(?:="[^"]*")?', m.group(2))))
            + ">"
        ),
        item.replace('data-kb-item=""', "data-kb-item").replace(
            'data-kb-item="data-kb-item"', "data-kb-item"
        ),
    )


def test_the_list_is_written_as_text_never_as_markup(page, paged, paged_served):
    """Whatever the data file held, the script writes it as text: markup in a title,
    a summary or an organisation's name shows as characters and runs nothing."""
    base, _ = paged_served
    hostile = '<img src=x onerror="window.kbRan=1"><b>bold</b>'
    data = {
        "labels": {
            "organisation": {"other": "Other"},
            "evidence": {"anecdotal": "Anecdotal"},
            "compiled": f"compiled {hostile}",
        },
        "id": ["x"],
        "title": [f"Title {hostile}"],
        "lang": ["en"],
        "dir": ["ltr"],
        "summary": [f"Summary {hostile}"],
        "org": [f"Org {hostile}"],
        "type": ["other"],
        "evidence": ["anecdotal"],
        "compiled": [1],
        "facets": {"themes": [["engaging-men-and-boys"]]},
    }
    page.route(
        re.compile(r".*/practices/catalogue\.js$"),
        lambda route: route.fulfill(
            body=f"window.kbCatalogue = {json.dumps(data)};", content_type="text/javascript"
        ),
    )
    page.goto(f"{base}/practices/index.html?themes=engaging-men-and-boys")
    item = page.locator("[data-kb-results] > [data-kb-item]")
    item.wait_for()
    assert item.locator("img, b, i").count() == 0
    assert f"Title {hostile}" == item.locator("a").inner_text()
    assert f"Summary {hostile}" in item.inner_text()
    assert page.evaluate("window.kbRan") is None


def test_a_list_that_cannot_load_leaves_the_pages_to_reach_every_practice(
    page, paged, paged_served
):
    _, listed = paged
    base, _ = paged_served
    page.route(re.compile(r".*/practices/catalogue\.js$"), lambda route: route.abort())
    page.goto(f"{base}/practices/index.html?evidence=evaluated")
    failed = page.locator("[data-kb-failed]")
    failed.wait_for()
    assert "The numbered pages below list every practice" in failed.inner_text()
    assert visible_ids(page) == {p.id for p in listed[: render.PAGE_SIZE]}
    assert page.locator(".kb-pager").is_visible()


def test_the_pages_are_valid_html(paged):
    site, _ = paged
    pages = [site / "practices" / "index.html", site / "practices" / "pages" / "2.html"]
    errors = [m for m in vnu(pages) if m["message"] not in allowlist()]
    assert errors == []


@pytest.mark.parametrize("path", ["practices/index.html", "practices/pages/2.html"])
def test_the_pages_and_the_filtered_list_pass_axe(browser, paged_served, path):
    """The first page with a filter applied (the drawn list, its count, the page links
    hidden), and a numbered page with its page links."""
    base, _ = paged_served
    context = browser.new_context(bypass_csp=True)  # so that axe can be injected
    tab = context.new_page()
    tab.goto(f"{base}/{path}", wait_until="networkidle")
    if path == "practices/index.html":
        tab.locator("[data-kb-facets] > summary").click()
        tab.check("#kb-themes-engaging-men-and-boys")
        tab.locator("[data-kb-results] > [data-kb-item]").first.wait_for()
    result = axe(tab)
    assert len(result["passes"]) > 15
    assert serious(result) == [], f"axe-core on {path}"
    context.close()


def test_the_data_file_holds_text_only_and_cannot_close_a_script():
    practice = seed_practices()[0].model_copy(
        update={"title": "A </script><script>alert(1)</script> & more"}
    )
    text = render.catalogue_data([practice], "ar")
    assert text.isascii() and "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text.split("window.kbCatalogue = ", 1)[1].rstrip().rstrip(";"))
    assert data["title"] == [practice.title]
    assert set(data["facets"]) == {name for name, _, _ in render.FACETS}
    label = vocabulary.get("evidence")["anecdotal"].label("ar")
    assert data["labels"]["evidence"]["anecdotal"] == label


def test_no_match_says_so(page, served):
    chosen = {"themes": ["engaging-men-and-boys"], "organisation": ["red-cross-red-crescent"]}
    assert matching(**chosen) == set()
    page.goto(
        f"{served}/practices/index.html?themes=engaging-men-and-boys"
        "&organisation=red-cross-red-crescent"
    )
    page.locator("[data-kb-empty]").wait_for()  # once the whole list has loaded
    assert visible_ids(page) == set()
    assert page.locator("[data-kb-count]").inner_text() == (
        f"0 of {len(seed_practices())} practices shown"
    )


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
