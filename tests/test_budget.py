"""The performance budget, in bytes and requests (never time), measured in Chromium.

Four pages of the English site, each on a first visit (empty cache) and a repeat
visit (same browser, the page opened again), against tests/budgets.yml.

- The site served is the whole built site (`kb build`), as deployed, with its four
  languages side by side.
- The server records every response. Python's server does not compress, so the
  bytes counted are each body gzipped at level 6, as a compressing server would
  send it; headers are not counted.
- Every response says `Cache-Control: no-cache`: a repeat visit revalidates each
  file (as happens on most static hosts once a short max-age has passed) and an
  unchanged file comes back as a bodiless 304. Repeat requests are therefore
  round trips, repeat bytes what is downloaded again.
- The tabs are not routed: Playwright's request routing turns the HTTP cache off.

`pytest tests/test_budget.py -s` prints the figures (docs/quality.md records them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import sites
import yaml

BUDGETS = yaml.safe_load((Path(__file__).resolve().parent / "budgets.yml").read_text("utf-8"))
PAGES = {
    "home": "index.html",
    "catalogue": "practices/index.html",
    "practice": "practices/un-clearcheck.html",
    "guide": "guide/joint-journey.html",
}
VISITS = ("first", "repeat")
LANGUAGE = "en"
SEARCH = (f"/{LANGUAGE}/pagefind/", f"/{LANGUAGE}/search/")  # Pagefind's bundle, lunr's index


@dataclass
class Visit:
    responses: list[sites.Response]
    elsewhere: list[str]  # requests to any other host

    @property
    def requests(self) -> int:
        return len(self.responses)

    @property
    def bytes(self) -> int:
        return sum(r.gzipped for r in self.responses)


def _open(tab, url: str, recorder: sites.Recorder) -> list[sites.Response]:
    tab.goto(url, wait_until="networkidle")
    tab.wait_for_timeout(300)  # anything a script would fetch once the page is up
    tab.wait_for_load_state("networkidle")
    return recorder.take()


@pytest.fixture(scope="module")
def measured(browser, tmp_path_factory) -> dict[str, dict[str, Visit]]:
    site = sites.languages_site(tmp_path_factory)
    figures: dict[str, dict[str, Visit]] = {}
    with sites.serve(site, {"Cache-Control": "no-cache"}) as (base, recorder):
        for name, path in PAGES.items():
            context = browser.new_context()
            elsewhere: list[str] = []
            context.on(
                "request",
                lambda r, found=elsewhere: None if r.url.startswith(base) else found.append(r.url),
            )
            tab = context.new_page()
            recorder.take()
            figures[name] = {}
            for visit in VISITS:
                responses = _open(tab, f"{base}/{LANGUAGE}/{path}", recorder)
                figures[name][visit] = Visit(responses, list(elsewhere))
                elsewhere.clear()
            context.close()
    print("\npage        visit   requests  bytes (gzip -6)")
    for name, visits in figures.items():
        for visit, v in visits.items():
            print(f"{name:<11} {visit:<7} {v.requests:>8}  {v.bytes:>15,}")
    return figures


@pytest.mark.parametrize("visit", VISITS)
@pytest.mark.parametrize("name", PAGES)
def test_page_stays_within_its_budget(measured, name, visit):
    figures, budget = measured[name][visit], BUDGETS["pages"][name][visit]
    listing = "\n".join(f"  {r.status} {r.path}: {r.gzipped:,} bytes" for r in figures.responses)
    assert figures.requests <= budget["requests"], (
        f"{name}, {visit} visit: {figures.requests} requests, budget {budget['requests']}\n"
        f"{listing}"
    )
    assert figures.bytes <= budget["bytes"], (
        f"{name}, {visit} visit: {figures.bytes:,} bytes, budget {budget['bytes']:,}\n{listing}"
    )


@pytest.mark.parametrize("name", PAGES)
def test_every_request_is_answered_by_the_site_itself(measured, name):
    for visit in VISITS:
        figures = measured[name][visit]
        assert figures.elsewhere == [], f"{name}: requests to other hosts"
        failed = [f"{r.status} {r.path}" for r in figures.responses if r.status not in (200, 304)]
        assert failed == [], f"{name}, {visit} visit"


@pytest.mark.parametrize("name", PAGES)
def test_no_page_downloads_the_search_index_before_a_search(measured, name):
    # Search is loaded when a reader uses the search box (tests/test_search.py), so a
    # first visit costs the same whatever the number of practices.
    fetched = [r.path for r in measured[name]["first"].responses if r.path.startswith(SEARCH)]
    assert fetched == []


@pytest.mark.parametrize("name", PAGES)
def test_no_page_downloads_a_list_of_every_page(measured, name):
    # A sitemap lists every page of a language, so it grows with every practice;
    # Material's script would fetch one for each language a page's head links.
    fetched = [r.path for r in measured[name]["first"].responses if "sitemap" in r.path]
    assert fetched == []


def test_budget_counts_bytes_as_a_compressing_server_sends_them():
    text = b"practice " * 1000
    assert 0 < sites.gzipped_size(text) < len(text) // 20
    assert sites.gzipped_size(b"") == 0  # a 304 has no body


def test_the_benchmark_holds_each_first_visit_to_its_seed_budget_at_any_size():
    """`kb bench` measures the first visits at 1,000 and 5,000 practices against these
    same budgets, which must stay flat as practices are added."""
    from practice_kb import bench

    limit = BUDGETS["pages"]["catalogue"]["first"]["bytes"] / 1000
    within = {"practices": 5000, "page_kb": 80.7, "cat_kb": limit}
    assert bench.over_budget(within) == []
    over = dict(within, cat_kb=169.4)
    assert bench.over_budget(over) == [
        f"catalogue first visit at 5,000 practices: 169.4 KB, over its budget of {limit:.1f} KB "
        "(budgets.yml)"
    ]
