"""The deployment rehearsal: the site as GitHub Pages serves it, under a sub-path.

The site is built exactly as `.github/workflows/deploy.yml` builds it: both run
`kb publish` (the workflow through `make publish`) with the published address.
Here that address is a sub-path of a loopback port chosen beforehand, so that
the pages' absolute addresses (canonical, alternates, the language switcher's
sitemaps) are the server's own, as they are on GitHub Pages. The server answers
every missing address with the root `404.html`, as GitHub Pages does, and the
site is crawled in Chromium from the language chooser.
"""

from __future__ import annotations

import functools
import http.server
import re
import socket
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pypdf
import pytest
import sites

from practice_kb.core import strings, vocabulary
from practice_kb.guide import printsets
from practice_kb.site.build import exit_url

from conftest import axe, serious

SUB = "/joint-journey/"  # a project site: https://<owner>.github.io/<repository>/
EXIT = exit_url()
# what a crawl checks by asking for it rather than opening it in a tab
DOWNLOADS = (".zip", ".pdf", ".json", ".csv", ".xml")


@contextmanager
def pages_host(site: Path, port: int) -> Iterator[str]:
    """Serve ``site`` at ``SUB`` as GitHub Pages does: a missing address gets the
    status 404 and the body of the root ``404.html``; nothing exists outside SUB."""

    class Pages(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def translate_path(self, path: str) -> str:
            path = unquote(path.split("?", 1)[0].split("#", 1)[0])
            if not path.startswith(SUB):
                return str(site / "missing-outside-the-sub-path")
            inner = path[len(SUB) :]
            return str(site / inner) + ("index.html" if path.endswith("/") else "")

        def send_error(self, code, message=None, explain=None) -> None:
            if code != 404:
                super().send_error(code, message, explain)
                return
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Pages, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """`kb publish` at http://127.0.0.1:<port>/joint-journey/, served there."""
    port = free_port()
    address = f"http://127.0.0.1:{port}{SUB}"
    site = sites.build_languages(
        tmp_path_factory.mktemp("published"), "--site-url", address, command="publish"
    )
    with pages_host(site, port) as origin:
        yield site, origin


@pytest.fixture
def tab(browser):
    """A tab that records every request and every failure. Nothing is routed, so the
    browser's cache works as a reader's would; no request may leave the sub-path."""
    context = browser.new_context()
    tab = context.new_page()
    tab.requests, tab.failures = [], []
    tab.on("request", lambda r: tab.requests.append(r.url))
    # a request still running when the crawl moves on is aborted by the browser
    # (the search worker's scripts, say): that is the crawl's doing, not the site's
    tab.on(
        "requestfailed",
        lambda r: (
            tab.failures.append(f"{r.url}: {r.failure}")
            if r.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    tab.on(
        "response",
        lambda r: tab.failures.append(f"{r.url}: {r.status}") if r.status >= 400 else None,
    )
    yield tab
    context.close()


def _outside(urls: list[str], origin: str) -> list[str]:
    return sorted({u for u in urls if not u.startswith(origin + SUB) and not u.startswith("data:")})


def test_every_page_of_every_language_loads_whole_under_the_sub_path(published, tab):
    site, origin = published
    root = origin + SUB
    queue, seen, anchors, wanted, downloads = [root + "index.html"], set(), {}, [], set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        failures = len(tab.failures)
        response = tab.goto(url, wait_until="load")
        assert response is not None and response.status == 200, url
        assert tab.failures[failures:] == [], url
        anchors[url] = set(
            tab.eval_on_selector_all("[id], a[name]", "els => els.map(e => e.id || e.name)")
        )
        for href in tab.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            if not href.startswith(root):
                continue
            address, _, fragment = href.partition("#")
            if address.endswith(DOWNLOADS):
                downloads.add(address)
            elif address.endswith(".html"):
                queue.append(address)
                if fragment:
                    wanted.append((url, address, unquote(fragment)))
    pages = {urlsplit(u).path[len(SUB) :].split("/")[0] for u in seen}
    assert {"en", "fr", "es", "ar"} <= pages
    built = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(seen) >= 0.9 * len(built), "the crawl reached most pages of the site"
    for address in sorted(downloads):
        assert tab.request.get(address).status == 200, address
    missing = [f"{page} -> {a}#{f}" for page, a, f in wanted if f not in anchors.get(a, set())]
    assert missing == []
    assert _outside(tab.requests, origin) == []


def test_a_missing_address_gets_the_root_404_page_at_any_depth(published, tab):
    _, origin = published
    for missing in ("nothing-here", "en/practices/gone.html", "fr/a/b/c/d/"):
        response = tab.goto(origin + SUB + missing)
        assert response is not None and response.status == 404
        assert tab.failures[1:] == [], missing  # only the page itself is missing
        tab.failures.clear()
        for code in vocabulary.SITE_LANGUAGES:
            section = tab.locator(f'section[lang="{code}"]')
            assert section.get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
            heading = section.locator("h2").inner_text()
            assert heading == strings.t("page.not_found", code)
            home = section.get_by_role("link", name=strings.t("nav.home", code))
            assert home.get_attribute("href") == f"{SUB}{code}/index.html"
        # styled: the quick exit is the red button every page has
        colour = tab.eval_on_selector(".kb-exit__button", "e => getComputedStyle(e).color")
        assert colour == "rgb(255, 255, 255)"
    # its links lead back into the site
    tab.locator('section[lang="fr"]').get_by_role("link", name="Catalogue").click()
    tab.wait_for_load_state()
    assert tab.url == origin + SUB + "fr/practices/index.html"
    assert _outside(tab.requests, origin) == []


@pytest.mark.parametrize("how", ["button", "Shift three times"])
def test_the_root_404_page_keeps_the_quick_exit(published, browser, how):
    _, origin = published
    context = browser.new_context()
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda r: r.fulfill(body="away"))
    tab = context.new_page()
    tab.goto(origin + SUB + "index.html")
    tab.goto(origin + SUB + "no/such/page.html")
    if how == "button":
        tab.locator("[data-kb-exit]").click()
    else:
        tab.locator("body").click()
        for _ in range(3):
            tab.keyboard.press("Shift")
    tab.wait_for_url(EXIT)
    # the missing page was replaced in the history: Back does not return to it
    tab.go_back()
    assert tab.url == origin + SUB + "index.html"
    context.close()


@pytest.mark.parametrize("lang", vocabulary.SITE_LANGUAGES)
def test_each_language_404_page_is_styled_under_the_sub_path(published, tab, lang):
    _, origin = published
    response = tab.goto(origin + SUB + f"{lang}/404.html")
    assert response is not None and response.status == 200
    assert tab.failures == []
    header = tab.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent")
    links = tab.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    inside = [href for href in links if href.startswith(origin)]
    assert inside and all(href.startswith(origin + SUB) for href in inside)
    assert _outside(tab.requests, origin) == []


@pytest.mark.parametrize("path", ["missing/page.html", "ar/404.html"])
def test_the_404_pages_have_no_serious_accessibility_violation(published, browser, path):
    _, origin = published
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    tab.goto(origin + SUB + path)
    assert serious(axe(tab)) == [], path
    context.close()


def test_the_published_pages_name_their_address_and_their_other_languages(published):
    site, origin = published
    address = origin + SUB
    page = (site / "es" / "practices" / "programa-h.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{address}es/practices/programa-h.html">' in page
    sitemap = (site / "fr" / "sitemap.xml").read_text(encoding="utf-8")
    entry = sitemap.split(f"<loc>{address}fr/practices/programa-h.html</loc>")[1]
    entry = entry.split("</url>")[0]
    for code in vocabulary.SITE_LANGUAGES:
        alternate = f"{address}{code}/practices/programa-h.html"
        assert f'<xhtml:link rel="alternate" hreflang="{code}" href="{alternate}"/>' in entry


def test_the_offline_copies_keep_no_published_address(published):
    site, _ = published
    with zipfile.ZipFile(site / "offline" / "joint-journey-kb-en.zip") as archive:
        page = archive.read("joint-journey-kb-en/practices/programa-h.html").decode()
    assert "joint-journey/en/" not in page
    assert 'rel="canonical"' not in page


@pytest.mark.parametrize("lang", vocabulary.SITE_LANGUAGES)
def test_the_guide_pages_link_their_published_pdfs_instead_of_a_command(published, lang):
    site, _ = published
    guide = (site / lang / "guide" / "joint-journey.html").read_text(encoding="utf-8")
    assert 'href="joint-journey.pdf"' in guide
    assert "make guide-pdf" not in guide
    for chosen in printsets.SETS[1:]:
        assert f'href="joint-journey/{chosen.slug}.pdf"' in guide, chosen.slug
        document = pypdf.PdfReader(site / lang / "guide" / "joint-journey" / f"{chosen.slug}.pdf")
        assert len(document.pages) >= 1
    whole = pypdf.PdfReader(site / lang / "guide" / "joint-journey.pdf")
    assert len(whole.pages) > 10


def test_a_local_build_links_no_pdf_it_does_not_write(tmp_path_factory):
    site = sites.languages_site(tmp_path_factory)
    guide = (site / "en" / "guide" / "joint-journey.html").read_text(encoding="utf-8")
    assert ".pdf" not in guide
    assert not list((site / "en" / "guide").rglob("*.pdf"))
