"""Accessibility in a real browser: axe-core (npm `axe-core`) finds no serious or
critical violation of WCAG 2.1 A/AA or its best practices on the pages readers
use most, in English, French and Arabic (and the facilitation guide in each of the four
languages); and the home page works by keyboard.

The pages are those of the whole built site (`kb build`), as deployed.
"""

from __future__ import annotations

import re

import pytest
import sites

from conftest import axe, serious

PAGES = {
    "home": "en/index.html",
    "catalogue": "en/practices/index.html",
    "practice": "en/practices/un-clearcheck.html",
    "guide": "en/guide/joint-journey.html",
    "French practice": "en/practices/misconduct-disclosure-scheme.html",
    "Arabic home": "ar/index.html",
    "Arabic practice": "ar/practices/programa-h.html",
    "French guide": "fr/guide/joint-journey.html",
    "Spanish guide": "es/guide/joint-journey.html",
    "Arabic guide": "ar/guide/joint-journey.html",
    "language chooser": "index.html",
}


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    with sites.serve(sites.languages_site(tmp_path_factory)) as (base, _):
        yield base


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_serious_or_critical_violations(audit, deployed, path):
    audit.goto(f"{deployed}/{path}", wait_until="networkidle")
    result = axe(audit)
    assert len(result["passes"]) > 15  # the audit ran its rules on a real page
    assert serious(result) == [], f"axe-core on {path}"


def test_no_serious_or_critical_violations_in_search_results(audit, deployed):
    """The online search box (Pagefind) with its results, filters and count shown."""
    audit.goto(f"{deployed}/en/index.html", wait_until="networkidle")
    audit.keyboard.press("/")
    audit.keyboard.type("community", delay=40)
    audit.locator(".kb-search__result").first.wait_for(timeout=20_000)
    status = audit.locator("[data-kb-search-status]")
    assert re.search(r"\d", status.inner_text()), status.inner_text()  # the count is told
    assert status.get_attribute("role") == "status"
    result = axe(audit)
    # the audit saw the open panel: its results' links were among the elements checked
    checked = [node["html"] for rule in result["passes"] for node in rule["nodes"]]
    assert any('class="kb-search__title"' in html for html in checked), "results not audited"
    assert serious(result) == []


def test_search_results_are_used_by_keyboard(page, deployed):
    """Down arrow from the box reaches the results and moves between them, up returns to
    the box, and Escape closes the results, leaving the focus in the box."""
    page.goto(f"{deployed}/en/index.html", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("community", delay=40)
    titles = page.locator(".kb-search__title")
    titles.nth(1).wait_for(timeout=20_000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.kb-search__result:nth-child(1) a')")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.kb-search__result:nth-child(2) a')")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('[data-kb-search] input')")
    page.keyboard.press("Escape")
    assert page.locator(".kb-search__panel").is_hidden()
    assert page.evaluate("document.activeElement.matches('[data-kb-search] input')")
    assert page.errors == []


def test_the_audit_catches_violations(audit, deployed):
    audit.goto(f"{deployed}/en/index.html", wait_until="networkidle")
    audit.evaluate(
        """() => {
        const main = document.querySelector('article');
        main.insertAdjacentHTML('beforeend',
          '<button></button><p style="color:#bbb;background:#fff">pale text</p>');
    }"""
    )
    found = serious(axe(audit))
    assert any(line.startswith("button-name (critical)") for line in found), found
    assert any(line.startswith("color-contrast (serious)") for line in found), found


# ---------------------------------------------------------------------------
# Keyboard only
# ---------------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  e.dataset.kbReached = "yes";
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const label = (e.getAttribute("aria-label") || e.innerText || e.getAttribute("href") || "")
    .trim().slice(0, 40);
  return {
    what: `<${e.tagName.toLowerCase()} class="${e.getAttribute("class") || ""}"> ${label}`,
    visible: outline || s.boxShadow !== "none",
    style: `outline: ${s.outlineStyle} ${s.outlineWidth}; box-shadow: ${s.boxShadow}`,
  };
}"""

REQUIRED = """() => {
  const nav = [...document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")]
    .filter(e => e.checkVisibility());
  const all = [document.querySelector("[data-kb-search] input"),
               document.querySelector("[data-kb-exit]"), ...nav];
  return {
    nav: nav.length,
    missed: all.filter(e => !e || e.dataset.kbReached !== "yes")
      .map(e => e ? e.outerHTML.slice(0, 120) : "missing from the page"),
  };
}"""


def test_keyboard_reaches_every_control_and_shows_where_it_is(page, deployed):
    page.goto(f"{deployed}/en/index.html", wait_until="networkidle")
    stops, invisible = 0, []
    for _ in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:  # past the last control
            break
        stops += 1
        if not focused["visible"]:
            invisible.append(f"{focused['what']} ({focused['style']})")
    else:
        pytest.fail("Tab never left the page's controls")
    assert stops > 20
    assert invisible == [], "focused with no visible focus indicator"
    required = page.evaluate(REQUIRED)
    assert required["nav"] >= 10  # the whole navigation is on screen
    assert required["missed"] == [], "never reached with Tab"
    assert page.errors == []
