"""Shared helpers: a valid practice to break one field at a time, and file writers."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 6, 1)
SEED_IDS = sorted(p.stem for p in (ROOT / "practices").glob("*.md"))  # listed, not validated


@functools.cache
def seed_report():
    """The seed practices validated once per run, when a test first needs them: never at
    import, so collecting the tests checks nothing and a broken seed fails only its tests."""
    from practice_kb.check import checks

    return checks.validate([ROOT / "practices"], root=ROOT)


def seed_practices() -> list:
    return [entry.practice for entry in seed_report().entries]


@pytest.fixture(scope="module")
def practices() -> list:
    """The seed practices (validated once per run, when a test first needs them)."""
    return seed_practices()


@pytest.fixture(scope="module")
def content():
    """The repository's guide and its translations, read and checked against the seed
    practices' ids; its problems are in ``content.problems`` (test_guide.py and
    test_guide_translations.py hold it to having none)."""
    from practice_kb.guide import agenda

    return agenda.validate(ROOT / "guide", set(SEED_IDS), root=ROOT)


os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

VALID: dict = {
    "id": "example-practice",
    "title": "Example practice",
    "summary": "A practice used by the tests.",
    "organisation": {"name": "Example Organisation", "type": "national-ngo"},
    "themes": ["prevention-and-response"],
    "topics": ["safe-reporting"],
    "misconduct": ["sea", "sh"],
    "regions": ["southern-africa"],
    "countries": ["ZA"],
    "audience": ["communities"],
    "approaches": ["survivor-centred"],
    "evidence": "monitored",
    "stage": "active",
    "years": {"start": 2020, "end": 2024},
    "language": "en",
    "resources": [
        {"title": "Guide", "url": "https://example.org/g", "kind": "guide", "language": "en"}
    ],
    "sources": [{"title": "Report", "url": "https://example.org/r", "evaluation": True}],
    "provenance": "compiled",
    "contact": "psea@example.org",
    "submitted": dt.date(2025, 1, 10),
    "last_reviewed": dt.date(2025, 3, 1),
}

BODY = """
## What the practice is

What it is.

## How it works

1. A step.

## What changed

A result.

## What did not work and lessons

A lesson.

## How to adapt it

An adaptation.
"""


def practice_text(data: dict, body: str = BODY) -> str:
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n{body}"


@pytest.fixture
def valid() -> dict:
    return copy.deepcopy(VALID)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a practice file into ``tmp_path/practices`` and return its path."""

    def writer(data: dict | None = None, body: str = BODY, name: str | None = None) -> Path:
        data = copy.deepcopy(VALID) if data is None else data
        folder = tmp_path / "practices"
        folder.mkdir(exist_ok=True)
        path = folder / f"{name or data.get('id', 'example-practice')}.md"
        path.write_text(practice_text(data, body), encoding="utf-8")
        return path

    return writer


def site_project(folder: Path, practices: Path | None, agendas: list[Path] | None = None) -> Path:
    """A copy of the real site around the given practices (or none) and agendas.

    ``agendas`` None keeps the repository's own agendas; a list replaces them, and an
    empty one leaves the guide out of the navigation too (it has no page to show). The
    event sheets are kept only with the real practices and agendas, which they name.
    """
    for name in ("docs", "overrides", "i18n"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    if practices is not None:
        shutil.copytree(practices, folder / "practices")
    else:
        (folder / "practices").mkdir()
    # the event sheets name the real agendas and practices: they come only with both
    real = agendas is None and practices == ROOT / "practices"
    left_out = ([] if agendas is None else ["agendas"]) + ([] if real else ["events"])
    shutil.copytree(ROOT / "guide", folder / "guide", ignore=shutil.ignore_patterns(*left_out))
    if agendas is not None:
        (folder / "guide" / "agendas").mkdir()
        for agenda in agendas:
            shutil.copy(agenda, folder / "guide" / "agendas" / agenda.name)
    if agendas == []:
        config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
        (folder / "mkdocs.yml").write_text(
            config.replace("  - nav.guide: guide/index.md\n", ""), encoding="utf-8"
        )
    return folder


def kb(*args: str, cwd: Path = ROOT, stdin: str = "") -> subprocess.CompletedProcess:
    """The `kb` command, as a contributor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "practice_kb", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def built_site(folder: Path, *options: str) -> Path:
    """``build`` that must succeed (else the test fails with the build's errors): the
    folder of the built site."""
    result = build(folder, *options)
    assert result.returncode == 0, result.stderr
    return folder / "site"


def build(folder: Path, *options: str, offline: bool = False) -> subprocess.CompletedProcess:
    """`kb build` of a project folder's English site, online, into folder/site (the
    whole pipeline: validate, stage, engine, finish). ``options`` go to `kb build`;
    with ``offline``, the offline copy is made too (``offline_copy(folder)``).

    It runs in this process, as `kb build` would in ``folder`` (the engine and Pagefind
    still run as their own processes); what it prints is captured in the result."""
    from practice_kb import cli

    built = folder / "build" / "tests-site"
    args = ["build", "en", *([] if offline else ["--no-offline"]), "--site", str(built), *options]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(args)
        except SystemExit as stopped:  # argparse, or a tool the build runs, gave up
            status = stopped.code if isinstance(stopped.code, int) else 1
            print(stopped.code if isinstance(stopped.code, str) else "", file=sys.stderr)
    result = subprocess.CompletedProcess(args, status, out.getvalue(), err.getvalue())
    if result.returncode == 0:
        if (folder / "site").exists():
            shutil.rmtree(folder / "site")
        shutil.move(built / "en", folder / "site")
    return result


def offline_copy(folder: Path) -> Path:
    """The English offline copy `build(folder, offline=True)` made."""
    return folder / "build" / "tests-site" / "offline" / "joint-journey-kb-en.zip"


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The real site (seed practices and guide) built with --strict in a temporary folder."""
    return built_site(site_project(tmp_path_factory.mktemp("seed"), ROOT / "practices"))


# ---------------------------------------------------------------------------
# A real browser: Debian's Chromium driven by Playwright
# ---------------------------------------------------------------------------

CHROMIUM = Path(os.environ.get("KB_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium): browser test"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} cannot run, and CI must run it")
        pytest.skip(f"{reason} skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served(seed_site):
    """The seed site served on loopback; yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(seed_site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# axe-core, from package-lock.json, audits pages for accessibility
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = (
    "() => axe.run(document, {runOnly: "
    "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
)


@pytest.fixture
def audit(browser):
    """A tab that may inject axe (the pages' Content-Security-Policy would refuse it),
    and that reaches nothing beyond this machine."""
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (make test does)"
    context = browser.new_context(bypass_csp=True)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda r: r.fulfill(body="away"))
    tab = context.new_page()
    yield tab
    context.close()


def axe(tab) -> dict:
    """axe-core's findings on the page open in ``tab`` (an ``audit`` tab)."""
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate(RUN_AXE)


def serious(result: dict) -> list[str]:
    """axe-core's serious and critical violations, one line each."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']}; {len(v['nodes'])} element(s), "
        f"first {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def page(browser):
    context = browser.new_context()
    # nothing leaves the machine: any request to another host is answered here
    context.route(
        re.compile(r"^https?://(?!127\.0\.0\.1)"),
        lambda route: route.fulfill(body="<title>Elsewhere</title>elsewhere"),
    )
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


# The CSV export's columns as published (docs/open-data.md): a contract with the people
# who read the file, so new columns go only after these, in this order.
PUBLISHED_COLUMNS = [
    "id",
    "title",
    "summary",
    "organisation_name",
    "organisation_type",
    "themes",
    "topics",
    "misconduct",
    "regions",
    "countries",
    "audience",
    "approaches",
    "evidence",
    "stage",
    "year_start",
    "year_end",
    "language",
    "provenance",
    "submitted",
    "last_reviewed",
    "contact",
    "url",
    "sources",
    "provenance_note",
]
