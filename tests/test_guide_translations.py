"""The session kit in French, Spanish and Arabic (issue 16).

What a translator or a facilitator would notice: the validator names each broken
translation exactly; a missing string falls back to the English and only there;
each language's guide, print sets and panel pack carry no English sentence of the
guide (names aside) and say that the translation awaits review; run sheets per
language; `kb review` lists what awaits review; Arabic print sets and PDFs are right
to left, with the block titles in logical order in the PDF's text; the built guide
page of each language is in that language and found by its search.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pypdf
import pytest
import sites
import yaml

from practice_kb.core import strings
from practice_kb.core import text as text_helpers
from practice_kb.guide import agenda, event, guide, printsets, translation
from practice_kb.site import assembly

from conftest import FIXTURES, ROOT, kb

LANGUAGES = [lang for lang in ("fr", "es", "ar") if (ROOT / "guide/i18n" / lang).is_dir()]
AGENDAS = ("joint-journey", "regional-90-minutes")
EXAMPLE = ROOT / "guide" / "events" / "example.yml"
# ---------------------------------------------------------------------------
# The validator
# ---------------------------------------------------------------------------


def broken(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "i18n" / "guide", tmp_path / "guide")
    return tmp_path


def test_broken_translations_report_exactly_these_problems(tmp_path):
    root = broken(tmp_path)
    found = agenda.validate(root / "guide", set(), root=root)
    expected = (FIXTURES / "i18n" / "broken-expected.txt").read_text(encoding="utf-8")
    assert [str(p) for p in found.problems] == expected.splitlines()


def test_a_missing_string_falls_back_to_the_english_only_there(tmp_path):
    root = broken(tmp_path)
    english = agenda.read(root / "guide", root)
    french = english.for_language("fr")
    assert french.language == "fr" and french.status is not None
    assert not french.status.reviewed
    # missing in French: the English
    assert french.blocks["welcome"].participants == english.blocks["welcome"].participants
    assert french.statements["safe-to-report"] == english.statements["safe-to-report"]
    testimony = french.testimonies["late-contract"]
    assert testimony.content_note == english.testimonies["late-contract"].content_note
    assert testimony.questions[1] == english.testimonies["late-contract"].questions[1]
    assert french.texts["commitments"] == english.texts["commitments"]
    # translated: the French, and structural values as in the English
    assert testimony.title == "Un contrat renouvelé en retard"
    assert testimony.questions[0] == "Qu'a fait la collègue qui a aidé ?"
    assert french.blocks["welcome"].colours[0].colour == "blue"
    assert french.statements["jokes-are-fine"].anonymous_only is False
    assert french.agendas["short"][0].start == 11 * 60
    assert french.agendas["short"][0].title == "Une séance courte"


def test_kb_validate_reports_translation_problems_in_the_translation_file(tmp_path):
    root = broken(tmp_path)
    (root / "practices").mkdir()
    result = kb("validate", str(root / "guide" / "agendas" / "short.yml"), cwd=root)
    assert result.returncode == 1
    assert (
        "guide/i18n/fr/blocks.yml:16: welcome.colours.0.colour: is 'bleu' but the English "
        "has 'blue'" in result.stdout
    )
    assert "guide/i18n/ar/blocks.yml:4: welcome.purpose: is written mostly in Latin" in (
        result.stdout
    )


@pytest.mark.parametrize(
    "text, latin",
    [
        ("يقدّم فريق PSEA الدعم إلى [support person] في [quiet room].", False),
        ("راجعوا `rounds: anonymous` و[دليل](https://example.org/guide).", False),
        ("SEA/SH", False),
        ("Welcome, everyone, to this session.", True),
        ("مرحبًا. Please read the content note first, then the testimony.", True),
    ],
)
def test_arabic_script_check(text, latin):
    assert translation.mostly_latin(text) is latin


def test_placeholders_times_and_minute_marks_are_compared():
    same = translation.token_problem(
        "3 min: Ask [support person] to sit at 11:00.",
        "3 min: Demander à [support person] de s'asseoir à 11:00.",
    )
    assert same is None
    changed = translation.token_problem(
        "3 min: Ask [support person] to sit at 11:00.", "3 min : Demander à la personne à 11h00."
    )
    assert changed is not None
    assert changed[0] == "lacks '11:00', '3 min:', '[support person]'"


def test_pace_per_language():
    base = {
        "title": "t",
        "language": "en",
        "start": "11:00",
        "end": "11:10",
        "blocks": [{"block": "b", "start": "11:00", "end": "11:10"}],
    }
    plain = agenda.Agenda.model_validate(base)
    assert [plain.pace_for(lang) for lang in ("en", "fr", "es", "ar")] == [
        agenda.DEFAULT_PACE[lang] for lang in ("en", "fr", "es", "ar")
    ]
    mapped = agenda.Agenda.model_validate({**base, "pace": {"en": 130, "fr": 110}})
    assert (mapped.pace_for("en"), mapped.pace_for("fr"), mapped.pace_for("ar")) == (
        130,
        110,
        agenda.DEFAULT_PACE["ar"],
    )
    assert agenda.Agenda.model_validate({**base, "pace": 100}).pace_for("es") == 100


# ---------------------------------------------------------------------------
# The repository's translations
# ---------------------------------------------------------------------------


def test_all_three_languages_are_translated():
    assert LANGUAGES == ["fr", "es", "ar"]
    for lang in LANGUAGES:
        status = yaml.safe_load((ROOT / "guide/i18n" / lang / "status.yml").read_text("utf-8"))
        assert isinstance(status["reviewed"], bool)
        assert status["terms"], f"{lang}: status.yml lists no field terms"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_repository_translation_is_valid(content, lang):
    mine = [str(p) for p in content.problems if p.path.startswith(f"guide/i18n/{lang}/")]
    assert mine == []


def _leaves(value):
    """Every text of a data file, but the sources' titles (publications keep their name)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "sources":
                yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, str):
        yield value


_SPLIT = re.compile(
    r"\{\w+\}|\[[^\]\n]*\]\([^)\s]*\)|\[[^\]\n]*\]|`[^`]*`|\n|(?<=[.;:!?])\s+|\*+|<[^>]+>"
)


def _fragments(value: str):
    """Runs of four English words or more: what would show that a sentence of the
    English guide was left untranslated (ids, addresses, placeholders aside)."""
    for part in _SPLIT.split(value):
        part = part.strip(" .,;:*_()|-–\"'")
        if " " in part and len(re.findall(r"[A-Za-z]+", part)) >= 4:
            yield part


def english_strings() -> set[str]:
    """Every sentence of the English guide and every English label of the guide's
    pages and print sets."""
    found: set[str] = set()
    folder = ROOT / "guide"
    for name in ("blocks", "testimonies", "statements"):
        for value in _leaves(yaml.safe_load((folder / f"{name}.yml").read_text("utf-8"))):
            found.update(_fragments(value))
    for path in (folder / "agendas").glob("*.yml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        for key in ("title", "subtitle"):
            found.update(_fragments(data.get(key, "")))
        for slot in data["blocks"]:
            for key in ("title", "script", "cues", "running_order", "cuts", "summaries"):
                for value in _leaves(slot.get(key, [])):
                    found.update(_fragments(value))
    for name in agenda.TEXTS:
        found.update(_fragments((folder / f"{name}.md").read_text("utf-8")))
    for key, entry in strings.strings().items():
        if key.startswith(("guide.", "kit.")):
            found.update(_fragments(entry["en"]))
    return found


def names(practices: list) -> list[str]:
    """What stays in its own language: the practices' titles, summaries and
    organisations (a practice is written in one language), placeholders."""
    kept = [*translation.placeholders()]
    for p in practices:
        kept += [p.title, p.summary, p.organisation.name]
    return sorted(kept, key=len, reverse=True)


def _visible(markdown: str, kept: list[str]) -> str:
    seen = html.unescape(re.sub(r"\\(.)", r"\1", markdown))
    for name in kept:
        seen = seen.replace(name, " ")
    return seen


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_s_guide_and_print_sets_hold_no_english_sentence(content, practices, lang):
    english = english_strings()
    assert len(english) > 500  # the comparison has something to compare
    pages, left_in_english = assembly.guide_pages(content, practices, lang)
    assert left_in_english == set()
    kept = names(practices)
    found = {}
    for uri, markdown in pages.items():
        if uri.endswith("-bilingual.md"):
            continue  # the English beside the language, on purpose
        seen = _visible(markdown, kept)
        hits = sorted(e for e in english if e in seen)
        if hits:
            found[uri] = hits[:5]
    assert found == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_print_set_of_an_event_is_in_its_language(content, practices, lang):
    example, problems = event.read(EXAMPLE)
    assert problems == [] and example is not None
    own = content.for_language(lang)
    plan, _ = own.agendas[example.agenda]
    english = english_strings()
    kept = [
        *names(practices),
        example.place,
        example.room,
        example.quiet_room,
        example.interpretation or "",
        example.photography or "",
        example.psea_focal_point or "",
        *(v for r in example.referrals for v in (r.country, r.service, r.contact, r.hours or "")),
        *(v for p in example.panel for v in (p.role, p.organisation, p.introduction)),
        *(v for v in (example.support.role, example.support.where) if example.support),
    ]
    for chosen in printsets.SETS:
        page = printsets.render(chosen.slug, example.agenda, plan, own, practices, example)
        seen = _visible(page, sorted(filter(None, kept), key=len, reverse=True))
        assert sorted(e for e in english if e in seen) == [], chosen.slug


@pytest.mark.parametrize("lang", LANGUAGES)
def test_until_reviewed_the_guide_and_every_print_set_say_so(content, practices, lang):
    own = content.for_language(lang)
    assert own.status is not None
    notice = strings.t("guide.review_pending", lang)
    assert notice != strings.t("guide.review_pending", "en")
    pages, _ = assembly.guide_pages(content, practices, lang)
    for uri, markdown in pages.items():
        if uri.endswith("index.md"):
            continue
        assert (notice in html.unescape(markdown)) is (not own.status.reviewed), uri
    reviewed = agenda.Content(**{**own.__dict__})
    reviewed.status = own.status.model_copy(update={"reviewed": True})
    plan, _ = own.agendas["joint-journey"]
    page = printsets.render("table-set", "joint-journey", plan, reviewed, practices)
    assert notice not in html.unescape(page)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", AGENDAS)
def test_run_sheet_of_each_agenda_in_each_language(content, lang, name):
    own = content.for_language(lang)
    plan, _ = own.agendas[name]
    expected = FIXTURES / "golden" / f"run-sheet-{name}-{lang}.md"
    sheet = guide.run_sheet(plan, own)
    if os.environ.get("KB_UPDATE_GOLDEN") == "1":
        expected.write_text(sheet, encoding="utf-8")
    assert sheet == expected.read_text(encoding="utf-8"), (
        f"{expected.name} differs; if the translation changed, rerun with KB_UPDATE_GOLDEN=1 "
        "and review the diff"
    )


def test_kb_review_lists_the_languages_awaiting_review(content):
    result = kb("review", "--dir", "practices", "--today", "2026-12-05")
    assert result.returncode == 0
    waiting = [
        lang
        for lang in LANGUAGES
        if not content.for_language(lang).status or not content.for_language(lang).status.reviewed
    ]
    heading = (
        "Guide translations awaiting review by a native speaker working in safeguarding: "
        f"{len(waiting)}"
    )
    assert heading in result.stdout
    for lang in waiting:
        strings = content.for_language(lang).strings
        assert strings > 300
        assert (
            f"  {lang}: {strings} strings; set 'reviewed: true' in guide/i18n/{lang}/status.yml"
            in result.stdout
        )


# ---------------------------------------------------------------------------
# Print: Arabic right to left, bilingual sets
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def arabic_kit(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kit-ar")
    result = kb(
        "kit", "--event", str(EXAMPLE), "--out", str(out), "--language", "ar", "--bilingual"
    )
    assert result.returncode == 0, result.stderr
    return out / "ar" / "guide" / "kit" / "example"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_arabic_print_sets_are_right_to_left_with_a_font_that_shapes_arabic(arabic_kit):
    css = (ROOT / "docs" / "assets" / "kit.css").read_text(encoding="utf-8")
    assert '"Noto Naskh Arabic"' in css
    assert not re.search(r"(?<![\w-])(left|right)\s*:|-(left|right)\b|:\s*(left|right)\b", css)
    for chosen in printsets.SETS + printsets.BILINGUAL_SETS:
        page = (arabic_kit / f"{chosen.slug}.html").read_text(encoding="utf-8")
        assert '<html lang="ar" dir="rtl">' in page, chosen.slug
        assert "font-family:" in page and "Noto Naskh Arabic" in page


def test_arabic_pdf_holds_the_block_titles_in_logical_order_right_to_left(arabic_kit, content):
    own = content.for_language("ar")
    plan, _ = own.agendas["joint-journey"]
    titles = [slot.title or own.blocks[slot.block].title for slot in plan.blocks]
    assert all(re.search(r"[\u0600-\u06ff]", title) for title in titles)
    reader = pypdf.PdfReader(arabic_kit / "facilitator-guide.pdf")
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/R2L"
    seen = _flat(" ".join(page.extract_text() for page in reader.pages))
    positions = [seen.find(_flat(title)) for title in titles]
    assert -1 not in positions, [t for t, p in zip(titles, positions, strict=True) if p < 0]
    # each title first appears in the run sheet, in the agenda's order
    assert positions == sorted(positions)
    # Arabic lines start at the right margin: a short heading of each block ("What you
    # say") starts in the right half of its page
    heading = strings.t("guide.what_you_say", "ar")
    starts: list[float] = []
    for page in reader.pages:

        def visit(text, cm, tm, font, size):
            if heading in _flat(text):
                starts.append(tm[4] * cm[0] + cm[4])

        page.extract_text(visitor_text=visit)
    width = float(reader.pages[0].mediabox.width)
    assert len(starts) >= len(titles) and min(starts) > width / 2


def test_bilingual_sets_hold_both_languages(arabic_kit, content):
    own = content.for_language("ar")
    english = content
    plan, _ = own.agendas["joint-journey"]
    english_plan, _ = english.agendas["joint-journey"]
    page = (arabic_kit / "table-set-bilingual.html").read_text(encoding="utf-8")
    first = english.testimonies[english_plan.blocks[0].testimonies[0]]
    mine = own.testimonies[plan.blocks[0].testimonies[0]]
    assert html.escape(mine.title, quote=False) in page
    assert html.escape(first.title, quote=False) in page
    assert re.search(r'<div class="kb-side" (lang="en" dir="ltr"|dir="ltr" lang="en")>', page)
    sheets = (arabic_kit / "statement-sheets-bilingual.html").read_text(encoding="utf-8")
    statement = plan.blocks[2].statements[0]
    assert html.escape(own.statements[statement].text, quote=False) in sheets
    assert html.escape(english.statements[statement].text, quote=False) in sheets


# ---------------------------------------------------------------------------
# The built site: each guide page in its language, found by its search
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return sites.languages_site(tmp_path_factory)


@pytest.fixture(scope="module")
def online(built):
    with sites.serve(built) as (base, _):
        yield base


def _rare_word(titles: list[str]) -> str:
    """A word of the guide's block titles that no practice uses, so that a search for
    it can only find the guide."""
    practices = " ".join(
        p.read_text(encoding="utf-8").casefold() for p in (ROOT / "practices").glob("*.md")
    )
    words = [w for title in titles for w in re.findall(r"[^\W\d_]{6,}", title)]
    return next(w for w in words if w.casefold() not in practices)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_page_is_in_its_language_and_found_by_its_search(built, online, page, content, lang):
    from test_search import search

    own = content.for_language(lang)
    plan, _ = own.agendas["joint-journey"]
    built_page = (built / lang / "guide" / "joint-journey.html").read_text(encoding="utf-8")
    assert re.search(rf'<html[^>]*lang="{lang}"', built_page)
    assert "data-pagefind-body" in built_page
    notice = strings.t("fallback.notice", lang, language=render_language(lang))
    assert html.escape(notice, quote=False) not in built_page  # no English-only notice
    assert strings.t("guide.review_pending", lang) in html.unescape(built_page)
    titles = [own.blocks[slot.block].title for slot in plan.blocks]
    word = _rare_word(titles)
    page.goto(f"{online}/{lang}/index.html")
    found = search(page, word)
    assert any(f"/{lang}/guide/" in href for href in found), (word, found)


def render_language(lang: str) -> str:

    return text_helpers.language_name(lang, lang)
