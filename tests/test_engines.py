"""The same staged content built by Zensical, Material's successor (pinned in the test
extras): every page there, in its language, finished by the same stage as MkDocs'.

The differences that remain between the engines are listed in docs/quality.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from practice_kb.core import vocabulary

from conftest import ROOT, SEED_IDS, site_project

LANGUAGES = ("en", "fr", "es", "ar")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    folder = site_project(tmp_path_factory.mktemp("zensical"), ROOT / "practices")
    (folder / "kb.yml").write_text("engine: zensical\n", encoding="utf-8")  # the one line
    result = subprocess.run(
        [sys.executable, "-m", "practice_kb", "build", "--no-offline"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


def _pages(site: Path) -> list[str]:
    agendas = sorted(p.stem for p in (ROOT / "guide" / "agendas").glob("*.yml"))
    listed = [
        "index.html",
        "practices/index.html",
        "themes/index.html",
        "topics/index.html",
        "guide/index.html",
        *(f"guide/{name}.html" for name in agendas),
        *(f"practices/{practice}.html" for practice in SEED_IDS),
    ]
    for name in ("themes", "topics"):
        listed += [f"{name}/{term.value}.html" for term in vocabulary.get(name).terms]
    return listed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_built_in_its_language(zensical_site, lang):
    missing, wrong = [], []
    for page in _pages(zensical_site):
        path = zensical_site / lang / page
        if not path.is_file():
            missing.append(page)
        elif f'<html lang="{lang}"' not in path.read_text(encoding="utf-8"):
            wrong.append(page)
    assert missing == [] and wrong == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_third_party_requests_and_every_page_protected(zensical_site, lang):
    loaders = re.compile(
        r'<(?:script|img|iframe|source)[^>]+src="(https?:)?//|<link[^>]+href="(https?:)?//'
    )
    pages = sorted((zensical_site / lang).rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not loaders.search(text), path
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert policy, path
        script_src = next(d for d in policy.group(1).split("; ") if d.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src
        if "<script" in text:
            assert text.index("Content-Security-Policy") < text.index("<script"), path
        assert "kb-contributed" not in text and "kb-generated" not in text


def test_a_practice_page_carries_its_card_text_and_search_metadata(zensical_site):
    page = (zensical_site / "en" / "practices" / "bandebereho-couples-groups.html").read_text(
        "utf-8"
    )
    assert "data-pagefind-body" in page and 'data-pagefind-meta="title"' in page
    assert '<h2 id="how-it-works"' in page
    assert (zensical_site / "en" / "pagefind" / "pagefind-entry.json").is_file()
