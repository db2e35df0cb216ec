"""Valid HTML: the Nu HTML Checker (npm `vnu-jar`, run with Java) over every page
of the whole built site, every language, in one Java process.

Errors that come from Material's own templates are listed, by exact message, in
tests/vnu-allowlist.txt, each with the reason; anything else fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import sites

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWLIST = Path(__file__).resolve().parent / "vnu-allowlist.txt"


def allowlist() -> set[str]:
    lines = ALLOWLIST.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def vnu(files: list[Path]) -> list[dict]:
    """The checker's errors for ``files`` (one Java process for all of them)."""
    java = shutil.which("java")
    if java is None:
        reason = "Java not found (apt-get install default-jre-headless): HTML check"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} cannot run, and CI must run it")
        pytest.skip(f"{reason} skipped")
    assert VNU.is_file(), f"{VNU} is missing: run `npm ci` (make test does)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr)  # the checker writes its JSON report to stderr
    return [m for m in report["messages"] if m.get("type") != "info"]


def shown(message: dict, root: Path) -> str:
    path = Path(unquote(urlsplit(message.get("url", "")).path))
    where = path.relative_to(root) if path.is_relative_to(root) else path
    return f"{where}:{message.get('lastLine', '?')}: {message['message']}"


@pytest.fixture(scope="module")
def whole_site(tmp_path_factory) -> Path:
    return sites.languages_site(tmp_path_factory).resolve()


@pytest.fixture(scope="module")
def checked(whole_site) -> list[dict]:
    files = sorted(whole_site.rglob("*.html"))
    assert len(files) > 100  # every language, not a sample
    return vnu(files)


def summary(errors: list[dict], root: Path) -> str:
    """Each distinct message once, with how often and where it first occurs."""
    by_message: dict[str, list[str]] = {}
    for m in errors:
        by_message.setdefault(m["message"], []).append(shown(m, root).rsplit(": ", 1)[0])
    return "\n".join(
        f"{message}\n    {len(places)}x: {', '.join(places[:3])}{' ...' * (len(places) > 3)}"
        for message, places in by_message.items()
    )


def test_no_html_errors_in_what_we_generate(checked, whole_site):
    allowed = allowlist()
    errors = [m for m in checked if m["message"] not in allowed]
    assert not errors, summary(errors, whole_site)


def test_every_allowlisted_message_still_comes_from_the_theme(checked):
    seen = {m["message"] for m in checked}
    assert allowlist() - seen == set(), "no page produces these any more: remove them"


def test_the_checker_is_live(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html>\n<html lang="en">\n<head><title>Broken</title></head>\n'
        '<body>\n<p id="twice">one</p>\n<p id="twice">two</p>\n<li>stray item</li>\n'
        "</body>\n</html>\n",
        encoding="utf-8",
    )
    errors = [shown(m, tmp_path) for m in vnu([page]) if m["message"] not in allowlist()]
    assert "broken.html:6: Duplicate ID “twice”." in errors
    assert any(e.startswith("broken.html:7: Element “li” not allowed") for e in errors), errors
