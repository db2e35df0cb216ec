"""The guide's content as a facilitator uses it: notes beside each statement, learning
points beside each testimony (never on its card), and each block's cuts at its start."""

from __future__ import annotations

import re
import shutil

import pytest

from practice_kb.guide import agenda, event, guide

from conftest import ROOT

SEED_IDS = {p.stem for p in (ROOT / "practices").glob("*.md")}

# statements that state a common myth; the facilitator corrects each after its round
MYTHS = {
    "clothing-invites-comments",
    "late-reports-less-credible",
    "compliments-on-looks",
    "sexual-jokes-if-everyone-laughs",
    "messages-less-serious",
    "after-hours-private",
}
# statements that ask people to rate their own organisation or their own safety
SELF_RATING = {"safe-to-report-senior", "national-and-international-say"}


@pytest.fixture(scope="module")
def pages(content, practices) -> dict[str, str]:
    return {
        name: guide.guide_page(name, plan, content, practices)
        for name, (plan, _) in content.agendas.items()
    }


def _section(page: str, block: str) -> str:
    return page.split(f"{{: #{block} }}")[1].split("</section>")[0]


def test_every_statement_has_notes_and_every_myth_its_correction(content):
    for statement in content.statements.values():
        assert len(statement.notes.about.split()) >= 5, statement.id
    assert set(content.statements) >= MYTHS
    for statement_id in MYTHS:
        assert content.statements[statement_id].notes.myth, statement_id
    for statement_id in SELF_RATING:
        assert content.statements[statement_id].anonymous_only, statement_id


def test_the_guide_shows_each_statement_s_notes_beside_it(content, pages):
    for name, (plan, _) in content.agendas.items():
        for slot in plan.blocks:
            if not slot.statements:
                continue
            section = _section(pages[name], slot.block)
            for statement_id in slot.statements:
                statement = content.statements[statement_id]
                after = section.split(f"**{statement.text}**")[1]
                beside = after.split("\n\n")[0]
                assert statement.notes.about in beside
                if statement.notes.myth:
                    assert f"correct it: {statement.notes.myth}" in beside
                if statement.notes.rule:
                    assert statement.notes.rule in beside


def test_a_statement_without_notes_is_reported_where_it_is(tmp_path):
    folder = tmp_path / "guide"
    shutil.copytree(ROOT / "guide", folder)
    path = folder / "statements.yml"
    text = path.read_text(encoding="utf-8")
    bare = re.sub(
        r"(- id: crying-at-work\n  text: .*\n  about: .*\n)  notes:\n(?:    .*\n)+",
        r"\1",
        text,
    )
    assert bare != text
    path.write_text(bare, encoding="utf-8")
    line = bare.split("\n").index("- id: crying-at-work") + 1
    found = agenda.validate(folder, SEED_IDS, root=tmp_path)
    english = [p for p in found.problems if p.path == "guide/statements.yml"]
    assert [(p.path, p.line, p.field) for p in english] == [("guide/statements.yml", line, "notes")]
    # the translations, which keep their notes, are told they differ from the English
    others = [p for p in found.problems if p not in english]
    assert others and all(p.field == "crying-at-work.notes" for p in others)
    assert "crying-at-work" not in found.statements


def test_each_block_shows_its_cuts_at_its_start_before_the_script_and_cues(content, pages):
    for name, (plan, _) in content.agendas.items():
        for slot in plan.blocks:
            block = slot.adapt(content.blocks[slot.block])
            assert block.cuts, f"{name}: {slot.block} has no cuts"
            section = _section(pages[name], slot.block)
            cuts = section.index("### If you are running late")
            assert cuts < section.index("### What you say") < section.index("### Timing cues")
            for order, cut in enumerate(block.cuts, 1):
                assert f"{order}. {cut}" in section[cuts : section.index("### What you say")]
    # the fallback no longer hides in the last cues, too late to use
    testimonies = content.blocks["testimonies"]
    assert not any("four" in cue for cue in testimonies.cues)


def test_learning_points_are_in_the_guide_but_never_on_a_testimony_card(content, pages):
    for name, (plan, _) in content.agendas.items():
        page = pages[name]
        cards = re.findall(r'<div class="kb-cutout kb-testimony".*?\n</div>', page, re.S)
        read = [t for slot in plan.blocks for t in slot.testimonies]
        assert len(cards) == len(read)
        for testimony_id, card in zip(read, cards, strict=True):
            testimony = content.testimonies[testimony_id]
            assert 2 <= len(testimony.learning_points) <= 3
            assert testimony.title in card
            for point in testimony.learning_points:
                assert point not in card
                assert point not in guide.testimony_card(testimony)
                # the facilitator finds it right after the card
                assert point in page.split(card)[1].split("kb-cutout")[0]


def test_the_gender_norms_block_has_key_messages_and_sourced_notes(content, pages):
    block = content.blocks["gender-norms"]
    assert 2 <= len(block.key_messages) <= 3
    titles = {note.title for note in block.notes}
    assert {"Gender norms", "Patriarchy", "Masculinities", "Power"} <= titles
    section = _section(pages["joint-journey"], "gender-norms")
    assert section.index("### Key messages") < section.index("### What you say")
    for note in block.notes:
        if note.title in {"Gender norms", "Patriarchy", "Masculinities", "Power"}:
            assert note.sources, note.title
        for source in note.sources:
            assert f"]({source.url})" in section


def test_an_anonymous_block_runs_the_anonymous_rounds(content, pages):
    regional = _section(pages["regional-90-minutes"], "gender-norms")
    main = _section(pages["joint-journey"], "gender-norms")
    assert "### Running the rounds: anonymous variant" in regional
    assert "hold up an open hand" not in regional
    assert "### Running the rounds\n" in main and "### The anonymous variant" in main
    assert "Anonymous rounds only." in regional  # safe-to-report-senior, marked for the facilitator


def test_the_panel_has_moderator_notes_after_its_running_order(content, pages):
    section = _section(pages["joint-journey"], "panel")
    notes = section.index("### Moderator notes")
    assert section.index("### Running order") < notes
    text = section[notes:]
    for needle in ("case story", "runs over", "showcasing", "gender-balanced", "national or local"):
        assert needle in text


def test_the_manager_in_the_first_conversation_has_no_assumed_gender(content):
    testimony = content.testimonies["the-first-conversation"]
    assert not any(re.search(r"\b(she|her|he|his|him)\b", q) for q in testimony.questions)


def test_one_testimony_breaks_the_female_target_male_perpetrator_pattern(content):
    main, _ = content.agendas["joint-journey"]
    read = [t for slot in main.blocks for t in slot.testimonies]
    assert "nobody-thought-it-counted" in read
    testimony = content.testimonies["nobody-thought-it-counted"]
    assert "senior woman towards a junior man" in testimony.content_note


def test_safety_texts_state_the_limits_of_confidentiality():
    safeguarding = (ROOT / "guide" / "safeguarding.md").read_text(encoding="utf-8")
    assert "stays at our tables" not in safeguarding
    assert "in confidence" not in safeguarding
    commitments = (ROOT / "guide" / "commitments.md").read_text(encoding="utf-8")
    assert "never discard" in commitments.lower() or "never throw" in commitments.lower()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_guide_texts_use_only_the_kit_s_placeholders(content):
    allowed = set(event.PLACEHOLDERS)  # what an event sheet fills
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "guide").glob("*.md"))]
    for items in (content.blocks, content.testimonies, content.statements):
        texts += [s for item in items.values() for s in _strings(item.model_dump())]
    for plan, _ in content.agendas.values():
        texts += [s for slot in plan.blocks for s in _strings(slot.model_dump())]
    found = {m for text in texts for m in re.findall(r"\[[^\]\[]*[a-z][^\]\[]*\](?!\()", text)}
    assert {f for f in found if not f.startswith(("[ ]", "[x]"))} <= allowed
