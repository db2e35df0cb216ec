"""What readers download, measured in Chromium on a built site (`kb bench`).

The site is served from loopback by a server that records every response; bytes
are each body gzipped at level 6 (what a compressing server sends), as in
tests/test_budget.py. Chromium is Debian's (``/usr/bin/chromium``) driven by
Playwright, which the test dependencies install.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# a weak connection: 1 Mbit/s each way, 150 ms added to every request (CDP's units:
# bytes per second and milliseconds)
SLOW_LINK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_000_000 / 8,
    "uploadThroughput": 1_000_000 / 8,
}


def gzipped(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6, mtime=0)) if body else 0


@dataclass
class Log:
    """The responses sent: (path, gzipped bytes)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: list[tuple[str, int]] = field(default_factory=list)

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            taken, self.sent = self.sent, []
        return taken


@contextmanager
def serve(root: Path) -> Iterator[tuple[str, Log]]:
    log = Log()

    class Recording(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
            data = source.read()
            with log.lock:
                log.sent.append((self.path.split("?", 1)[0], gzipped(data)))
            outputfile.write(data)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Recording, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Figures:
    page_bytes: int  # first visit of a practice page, gzipped
    page_requests: int
    catalogue_bytes: int
    catalogue_requests: int
    search_bytes: int  # what a one-word search fetches after the page is loaded
    search_requests: int
    first_result_s: float  # from the first key typed to the first result, slow link


def measure(site: Path, language: str, practice: str, word: str) -> Figures:
    """Figures for ``site/<language>/``: first visits of ``practices/<practice>.html`` and
    of the catalogue, then a search for ``word`` (unthrottled for bytes, then on
    the slow link for time)."""
    from playwright.sync_api import sync_playwright

    with serve(site) as (base, log), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:

            def first_visit(path: str) -> list[tuple[str, int]]:
                context = browser.new_context()
                tab = context.new_page()
                log.take()
                tab.goto(f"{base}/{language}/{path}", wait_until="networkidle")
                tab.wait_for_timeout(300)
                sent = log.take()
                context.close()
                return sent

            page = first_visit(f"practices/{practice}.html")
            catalogue = first_visit("practices/index.html")

            context = browser.new_context()
            tab = context.new_page()
            tab.goto(f"{base}/{language}/practices/{practice}.html", wait_until="networkidle")
            log.take()
            tab.locator("[data-kb-search] input").click()
            tab.keyboard.type(word)
            tab.locator(".kb-search__result").first.wait_for(timeout=60_000)
            tab.wait_for_load_state("networkidle")
            searched = log.take()
            context.close()

            context = browser.new_context()
            tab = context.new_page()
            cdp = context.new_cdp_session(tab)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
            tab.goto(
                f"{base}/{language}/practices/{practice}.html",
                wait_until="networkidle",
                timeout=120_000,
            )
            start = time.perf_counter()
            tab.locator("[data-kb-search] input").click()
            tab.keyboard.type(word)
            tab.locator(".kb-search__result").first.wait_for(timeout=120_000)
            first_result = time.perf_counter() - start
            context.close()
        finally:
            browser.close()
    return Figures(
        page_bytes=sum(b for _, b in page),
        page_requests=len(page),
        catalogue_bytes=sum(b for _, b in catalogue),
        catalogue_requests=len(catalogue),
        search_bytes=sum(b for _, b in searched),
        search_requests=len(searched),
        first_result_s=first_result,
    )
