"""Statement kinds: a vocabulary with a label per language, not a list in code.

What a facilitator or a regional team would notice: the statement bank groups the
statements under each kind's label in the page's language, in the guide and in the
facilitator's print set; a statement with an unknown kind is reported at its line
with a did-you-mean hint, as any other vocabulary's value is; and a translation may
not change a statement's kind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from practice_kb.core import vocabulary
from practice_kb.guide import agenda, guide, printsets

from conftest import ROOT

SEED_IDS = {p.stem for p in (ROOT / "practices").glob("*.md")}
KINDS = vocabulary.get("statement_kinds")


@pytest.fixture(scope="module")
def content() -> agenda.Content:
    return agenda.validate(ROOT / "guide", SEED_IDS, root=ROOT)


def _bank(page: str) -> str:
    return page.split('<section class="kb-part" markdown>\n\n## ')[-1]


def test_every_kind_has_a_label_in_each_site_language():
    assert KINDS.values == ("gender-norms", "power", "workplace")
    for term in KINDS.terms:
        labels = {lang: term.label(lang) for lang in vocabulary.SITE_LANGUAGES}
        assert set(term.labels) == set(vocabulary.SITE_LANGUAGES), term.value
        assert len(set(labels.values())) == len(labels), labels  # each one translated


def test_every_statement_of_the_guide_has_a_kind_of_the_vocabulary(content):
    used = {s.about for s in content.statements.values()}
    assert used == set(KINDS.values)  # the bank mixes the three kinds


@pytest.mark.parametrize("lang", vocabulary.SITE_LANGUAGES)
def test_the_bank_heads_each_kind_with_its_label_in_the_page_s_language(content, lang):
    translated = content.for_language(lang)
    bank = _bank(guide.statement_bank(translated))
    headings = [line[4:] for line in bank.splitlines() if line.startswith("### ")]
    assert headings == [t.label(lang) for t in KINDS.terms]
    # each statement sits under the heading of its own kind
    for term in KINDS.terms:
        part = bank.split(f"### {term.label(lang)}\n", 1)[1].split("### ", 1)[0]
        for statement in translated.statements.values():
            assert (f"(`{statement.id}`)" in part) == (statement.about == term.value)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_facilitator_s_print_set_shows_the_labels_in_its_language(content, lang):
    translated = content.for_language(lang)
    plan, _ = translated.agendas.get("joint-journey") or content.agendas["joint-journey"]
    page = printsets.render("facilitator-guide", "joint-journey", plan, translated, [])
    for term in KINDS.terms:
        assert f"### {term.label(lang)}\n" in page
    if lang != "en":
        assert f"### {KINDS.label('workplace')}\n" not in page


def _guide_with(tmp_path: Path, old: str, new: str, where: str = "statements.yml") -> Path:
    folder = tmp_path / "guide"
    shutil.copytree(ROOT / "guide", folder)
    path = folder / where
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_an_unknown_kind_is_reported_at_its_line_with_a_hint(tmp_path):
    folder = _guide_with(tmp_path, "about: power\n", "about: powr\n")
    line = next(
        number
        for number, text in enumerate(
            (folder / "statements.yml").read_text(encoding="utf-8").splitlines(), 1
        )
        if text.strip() == "about: powr"
    )
    found = [str(p) for p in agenda.validate(folder, SEED_IDS, root=tmp_path).problems]
    wanted = f"guide/statements.yml:{line}: about: 'powr' is not a kind of statement; "
    assert [p for p in found if p.startswith(wanted)] == [wanted + "did you mean 'power'?"]


def test_a_translation_keeps_the_english_kind(tmp_path):
    folder = _guide_with(
        tmp_path, "about: gender-norms\n", "about: normes-de-genre\n", "i18n/fr/statements.yml"
    )
    found = [str(p) for p in agenda.validate(folder, SEED_IDS, root=tmp_path).problems]
    assert len(found) == 1
    assert found[0].startswith("guide/i18n/fr/statements.yml:")
    assert ".about: is 'normes-de-genre' but the English has 'gender-norms'; copy it " in found[0]
