"""Four languages, one command: site/<lang>/ for en, fr, es and ar, and offline copies."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

import pytest
import sites
import yaml

from practice_kb import project
from practice_kb.core import strings, vocabulary
from practice_kb.core import text as text_helpers

from conftest import ROOT, kb, site_project

LANGUAGES = vocabulary.SITE_LANGUAGES


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """`kb build` of the real content, all languages and offline copies (built once)."""
    return sites.languages_site(tmp_path_factory)


def test_kb_build_shows_its_progress(tmp_path):
    folder = site_project(tmp_path, ROOT / "practices")
    # the online build is indexed by Pagefind, from the project's node_modules
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    result = kb("build", "fr", "--no-offline", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "… building 1 language(s): fr" in result.stderr
    assert "… 1/1 fr: site/fr built" in result.stderr
    assert "built fr into site/" in result.stdout


def read(site: Path, lang: str, page: str) -> str:
    return (site / lang / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_is_built_with_its_own_interface(built, lang):
    catalogue = read(built, lang, "practices/index.html")
    assert f'<html lang="{lang}"' in catalogue
    assert strings.t("catalogue.title", lang) in catalogue
    assert strings.t("filters.clear", lang) in catalogue
    card = read(built, lang, "practices/misconduct-disclosure-scheme.html")
    assert f"<dt>{strings.t('card.organisation', lang)}</dt>" in card
    assert vocabulary.get("themes").label("organisational-culture", lang) in card
    # the practice's own text stays in its language
    assert '<div class="kb-practice" dir="ltr" lang="fr">' in card


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_practice_page_links_its_file_in_the_web_editor(built, lang):
    """ "Suggest a change" opens the practice's source file in GitHub's editor, at the
    repository and branch of mkdocs.yml (repo_url, edit_uri), in the reader's language."""
    settings = (ROOT / "mkdocs.yml").read_text("utf-8")
    config = dict(re.findall(r"^(repo_url|edit_uri): (\S+)", settings, re.M))
    branch = config["edit_uri"].split("/")[1]
    for practice_id in ("misconduct-disclosure-scheme", "programa-h"):
        page = read(built, lang, f"practices/{practice_id}.html")
        address = f"{config['repo_url']}/edit/{branch}/practices/{practice_id}.md"
        label = html.escape(strings.t("page.suggest_change", lang), quote=False)
        assert f'<a href="{address}">{label}</a>' in page, practice_id
    assert label != strings.t("page.suggest_change", "en") or lang == "en"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_name_footer_and_404_are_in_the_language_of_the_build(built, lang):
    home = read(built, lang, "index.html")
    assert html.escape(strings.t("site.name", lang), quote=False) in home
    assert html.escape(strings.t("site.copyright", lang), quote=False) in home
    missing = read(built, lang, "404.html")
    assert f"<h1>{html.escape(strings.t('page.not_found', lang), quote=False)}</h1>" in missing


def test_arabic_is_right_to_left(built):
    assert '<body dir="rtl"' in read(built, "ar", "index.html")
    assert '<body dir="ltr"' in read(built, "fr", "index.html")


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_untranslated_pages_fall_back_to_english_visibly(built, lang):
    page = read(built, lang, "maintainers.html")
    notice = strings.t("fallback.notice", lang, language=text_helpers.language_name(lang, lang))
    assert html.escape(notice, quote=False) in page
    english = (ROOT / "docs" / "maintainers.md").read_text(encoding="utf-8")
    first_heading = next(line for line in english.splitlines() if line.startswith("## "))[3:]
    assert html.escape(first_heading, quote=False) in page


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
@pytest.mark.parametrize("page", ["open-data.html", "schema.html", "checks.html"])
def test_english_only_pages_say_so_and_are_marked_english(built, lang, page):
    text = read(built, lang, page)
    notice = strings.t("fallback.notice", lang, language=text_helpers.language_name(lang, lang))
    assert html.escape(notice, quote=False) in text
    # the English text is laid out left to right, and read out as English
    assert '<div dir="ltr" lang="en">' in text


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_the_translated_guide_is_not_marked_english_only(built, lang):
    text = read(built, lang, "guide/joint-journey.html")
    notice = strings.t("fallback.notice", lang, language=text_helpers.language_name(lang, lang))
    assert html.escape(notice, quote=False) not in text
    assert '<div dir="ltr" lang="en">' not in text
    assert f'<html lang="{lang}"' in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_links_every_build(built, lang):
    html = read(built, lang, "index.html")
    for other in LANGUAGES:
        assert f'hreflang="{other}"' in html
        assert (built / other / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_keeps_the_reader_on_the_same_page(built, lang):
    page = read(built, lang, "practices/programa-h.html")
    for other in LANGUAGES:
        link = f'<a href="../../{other}/practices/programa-h.html" hreflang="{other}"'
        assert link in page
        assert (built / other / "practices" / "programa-h.html").is_file()


def test_chooser_links_the_languages_and_the_offline_copies(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        assert f'href="{lang}/index.html"' in html
        assert f'href="offline/joint-journey-kb-{lang}.zip"' in html


def test_chooser_starts_with_the_quick_exit_in_every_language(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    first_link = re.search(r'<a href="([^"]+)"[^>]*>(.*?)</a>', html)
    assert first_link and first_link.group(1) == "https://www.bbc.co.uk/weather"
    for label in ("Leave this site", "Quitter ce site", "Salir de este sitio", "مغادرة هذا الموقع"):
        assert label in first_link.group(2)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_offline_copy_is_complete_and_self_contained(built, lang):
    with zipfile.ZipFile(built / "offline" / f"joint-journey-kb-{lang}.zip") as archive:
        names = set(archive.namelist())
        top = f"joint-journey-kb-{lang}/"
        for needed in (
            "index.html",
            "practices/index.html",
            "search/search_index.js",
            "assets/javascripts/iframe-worker-shim.js",
        ):
            assert top + needed in names
        page = archive.read(top + "index.html").decode("utf-8")
    assert "unpkg.com" not in page
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in page


def test_offline_copy_navigates_and_searches_from_the_file_system(built, page, tmp_path):
    with zipfile.ZipFile(built / "offline" / "joint-journey-kb-en.zip") as archive:
        archive.extractall(tmp_path)
    start = (tmp_path / "joint-journey-kb-en" / "index.html").as_uri()
    page.goto(start)
    page.locator(".md-nav__link", has_text="Catalogue").first.click()
    page.wait_for_url("**/practices/index.html")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Disclosure", delay=40)
    result = page.locator(".md-search-result__item", has_text="Misconduct Disclosure Scheme")
    result.first.wait_for(timeout=10_000)
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_stems_words_in_the_language_of_the_build(built, lang):
    # online, Pagefind's index is in the build's language only (its stemmer is that one's)
    entry = json.loads(read(built, lang, "pagefind/pagefind-entry.json"))
    assert list(entry["languages"]) == [lang]
    # offline, Material's lunr stems in the build's language, then English
    with zipfile.ZipFile(built / "offline" / f"joint-journey-kb-{lang}.zip") as archive:
        script = archive.read(f"joint-journey-kb-{lang}/search/search_index.js").decode("utf-8")
    index = json.loads(script[script.index("{") : script.rindex("}") + 1])
    assert index["config"]["lang"] == (["en"] if lang == "en" else [lang, "en"])


def test_arabic_search_finds_a_word_whatever_its_prefix(built, page, tmp_path):
    with zipfile.ZipFile(built / "offline" / "joint-journey-kb-ar.zip") as archive:
        archive.extractall(tmp_path)
    page.goto((tmp_path / "joint-journey-kb-ar" / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    # the pages write "التحرش" (the harassment): the stemmer finds it from "تحرش"
    page.locator("input.md-search__input").press_sequentially("تحرش", delay=40)
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    assert page.errors == []


def test_missing_translations_are_reported():
    problems = project.untranslated()
    assert problems == []  # every value and string has its four labels
    assert vocabulary.missing_labels(["xx"])[0][3] == "xx"  # and the check does look


def test_every_navigation_entry_is_translated():
    """mkdocs.yml titles each page by its key in strings.yml, which has it in every
    language of the site (tests/test_fields.py checks the staged navigation)."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    titles = [next(iter(item)) for item in nav]
    assert titles
    for title in titles:
        assert set(strings.strings()[title]) >= set(vocabulary.SITE_LANGUAGES), title
