"""An entry in two languages (issue 13): both link to each other through `translations`,
and a practice's card in a build of another language shows the translation's summary
in that language, linked to it, so a reader who cannot read the entry still learns
what it is about."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from practice_kb.check import checks
from practice_kb.core import strings
from practice_kb.core import text as text_helpers
from practice_kb.core.model import Practice
from practice_kb.guide import printsets
from practice_kb.site import render

from conftest import ROOT, built_site, kb, site_project

# the entry written first, in its own language -> its English version
PAIRS = {
    "programa-h": "program-h",
    "misconduct-disclosure-scheme": "inter-agency-misconduct-disclosure-scheme",
}


@pytest.fixture(scope="module")
def by_id() -> dict[str, Practice]:
    report = checks.validate([ROOT / "practices"], root=ROOT)
    return {e.practice.id: e.practice for e in report.entries}


def in_language_row(practice: Practice, lang: str) -> str:
    """The card row a reader of ``lang`` sees for ``practice``'s translation."""
    link = f"[{text_helpers.text(practice.title)}]({practice.id}.md)"
    summary = text_helpers.text(practice.summary)
    return f"{strings.t('card.in_language', lang)}\n:   {link}: {summary}\n"


def test_both_entries_of_each_pair_link_to_each_other(by_id):
    for original, english in PAIRS.items():
        assert original in by_id and english in by_id, "an entry of the pair does not validate"
        assert by_id[english].language == "en"
        assert by_id[original].translations.get("en") == english
        assert by_id[english].translations.get(by_id[original].language) == original


def test_the_pairs_pass_the_validator_together():
    paths = [f"practices/{i}.md" for pair in PAIRS.items() for i in pair]
    result = kb("validate", *paths)
    assert result.returncode == 0, result.stdout
    assert "4 files checked: no problems" in result.stdout


def test_the_english_card_of_the_spanish_entry_shows_the_english_summary_first(by_id):
    for original, english in PAIRS.items():
        card = render.card(by_id[original], by_id, "en")
        row = in_language_row(by_id[english], "en")
        assert row in card, f"{original}: no English summary on its English card"
        # before everything else on the card, where a reader looks first
        assert card.index(row) < card.index(strings.t("card.organisation", "en"))


def test_a_translation_into_the_build_s_language_is_shown_in_every_language(by_id):
    # the French site: the English entry of the scheme shows its French version's summary
    english = by_id["inter-agency-misconduct-disclosure-scheme"]
    french = by_id["misconduct-disclosure-scheme"]
    assert in_language_row(french, "fr") in render.card(english, by_id, "fr")
    assert strings.t("card.in_language", "fr") == "En français"


def test_no_summary_row_without_a_translation_in_the_build_s_language(by_id):
    label = "\n:   "  # a row's value follows its label on the next line
    for practice, lang in (
        (by_id["programa-h"], "es"),  # its own language: the page already is the summary
        (by_id["program-h"], "en"),
        (by_id["program-h"], "fr"),  # no French version of Program H
        (by_id["programa-h"], "ar"),
    ):
        card = render.card(practice, by_id, lang)
        assert strings.t("card.in_language", lang) + label not in card, (practice.id, lang)
    # given only the ids, the card cannot know the summary, and links as before
    card = render.card(by_id["programa-h"], set(by_id), "en")
    assert strings.t("card.in_language", "en") + label not in card
    assert "[English](program-h.md)" in card


def test_the_built_english_page_of_the_spanish_entry_shows_and_links_its_english_version(
    tmp_path: Path,
):
    source = tmp_path / "practices"
    source.mkdir()
    for name in ("programa-h", "program-h"):
        shutil.copy(ROOT / "practices" / f"{name}.md", source / f"{name}.md")
    site = built_site(site_project(tmp_path / "project", source, []))
    practices = {
        e.practice.id: e.practice for e in checks.validate([source], root=tmp_path).entries
    }
    spanish = (site / "practices" / "programa-h.html").read_text(encoding="utf-8")
    english = practices["program-h"]
    card = spanish[spanish.index('class="kb-card') :]
    assert "<dt>In English</dt>" in card
    row = card[card.index("<dt>In English</dt>") :].split("</dd>")[0]
    assert 'href="program-h.html"' in row, row
    assert html.escape(english.summary, quote=False) in row
    # and the English page links back to the Spanish one
    page = (site / "practices" / "program-h.html").read_text(encoding="utf-8")
    assert "<dt>In English</dt>" not in page
    also = page[page.index(f"<dt>{strings.t('card.also_in', 'en')}</dt>") :].split("</dd>")[0]
    assert 'href="programa-h.html"' in also, also


def test_the_panel_pack_falls_back_on_the_translation_s_summary(by_id):
    """Without a summary written in the agenda, the English panel pack shows the summary
    of the entry's English version under "In English"."""
    from practice_kb.guide import agenda

    content = agenda.validate(ROOT / "guide", set(by_id), root=ROOT)
    plan, _ = content.agendas["joint-journey"]
    panel = next(i for i, slot in enumerate(plan.blocks) if slot.block == "panel")
    slot = plan.blocks[panel].model_copy(update={"summaries": {}})
    blocks = [*plan.blocks[:panel], slot, *plan.blocks[panel + 1 :]]
    plan = plan.model_copy(update={"blocks": blocks})
    pack = printsets.panel_pack("joint-journey", plan, content, list(by_id.values()), None)
    for original, english in PAIRS.items():
        if original not in slot.practices:
            continue
        section = pack.split(f"](../../practices/{original}.md)")[1].split("\n### ")[0]
        assert f"**In English:** {text_helpers.text(by_id[english].summary)}" in section, original
