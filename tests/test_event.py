"""Event sheets and the agenda checks of the session kit: what `kb validate` reports,
what an event fills in, and what it needs printed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from practice_kb import cli, project
from practice_kb.core.text import label
from practice_kb.guide import agenda, event, guide, printsets

from conftest import FIXTURES, ROOT

TODAY = dt.date(2026, 12, 5)


def repository(tmp_path: Path, events: tuple[str, ...] = (), agendas: tuple[str, ...] = ()) -> Path:
    """A copy of the repository's practices and guide, with fixture event sheets and
    agendas added to it."""
    shutil.copytree(ROOT / "practices", tmp_path / "practices")
    shutil.copytree(ROOT / "guide", tmp_path / "guide")
    for name in events:
        shutil.copy(FIXTURES / "events" / f"{name}.yml", tmp_path / "guide" / "events")
    for name in agendas:
        shutil.copy(FIXTURES / "agendas" / f"{name}.yml", tmp_path / "guide" / "agendas")
    return tmp_path


def problems_in(root: Path, path: str) -> list[str]:
    found = project.validate(root, today=TODAY).report.problems
    return [str(p) for p in sorted(found) if p.path == path]


@pytest.fixture(scope="module")
def example() -> event.Event:
    found, problems = event.read(ROOT / "guide" / "events" / "example.yml")
    assert problems == []
    assert found is not None
    return found


# ---------------------------------------------------------------------------
# Validation of event sheets
# ---------------------------------------------------------------------------


def test_the_example_event_validates_with_the_repository():
    result = project.validate(ROOT, today=TODAY)
    assert [str(p) for p in result.report.problems if p.path.startswith("guide/")] == []
    assert "example" in result.events.events


def test_an_event_sheet_of_the_wrong_shape_reports_exactly_these_problems(tmp_path):
    root = repository(tmp_path, events=("broken-shape",))
    assert problems_in(root, "guide/events/broken-shape.yml") == [
        "guide/events/broken-shape.yml:2: agenda: is required; add 'agenda:'. The agenda it "
        "runs: the name of a file in guide/agendas/.",
        "guide/events/broken-shape.yml:5: participants: must be a whole number, not 'forty'; "
        "write the number without quotes",
        "guide/events/broken-shape.yml:11: support.phone: '+254 700 000 000' looks like a phone "
        "number; remove it; give a role mailbox or a web form instead",
        "guide/events/broken-shape.yml:11: support.phone: is not a field here; remove it; the "
        "fields here are role, where",
        "guide/events/broken-shape.yml:12: quiet_rom: is not a field; did you mean 'quiet_room'?",
        "guide/events/broken-shape.yml:13: psea_focal_point: 'jane.doe@example.org' looks like a "
        "personal email address; give a role mailbox such as psea@... or safeguarding@..., or "
        "remove it",
        "guide/events/broken-shape.yml:14: table_size: 1 is not a table size; seat 2 to 20 "
        "people a table; the guide suggests 6-8",
    ]


def test_an_event_sheet_breaking_the_rules_reports_exactly_these_problems(tmp_path):
    root = repository(tmp_path, events=("broken",))
    assert problems_in(root, "guide/events/broken.yml") == [
        "guide/events/broken.yml:2: date: 2026-12-01 is in the past, but the event is marked "
        "upcoming; correct the date, or set 'upcoming: false' once the event has taken place",
        "guide/events/broken.yml:7: agenda: 'joint-journy' is not an agenda in guide/agendas/; "
        "did you mean 'joint-journey'?",
        "guide/events/broken.yml:10: referrals.last_checked: 'Example Clinic (fictional)' has no "
        "date of its last check; check that the contact still works and add "
        "'last_checked: YYYY-MM-DD'",
        "guide/events/broken.yml:18: referrals.last_checked: 'Example Helpline (fictional)' was "
        "checked 61 days before the event; check it again within 30 days of the event and "
        "update the date",
        "guide/events/broken.yml:29: panel.practice: 'in-country-psea-network-sop' is not in "
        "practices/; did you mean 'in-country-psea-network-sops'?",
    ]


def test_an_upcoming_date_is_past_only_after_the_day_given_to_the_validator(tmp_path, capsys):
    root = repository(tmp_path, events=("broken",))
    text = (root / "guide/events/broken.yml").read_text(encoding="utf-8")
    text = text.replace("agenda: joint-journy", "agenda: joint-journey")
    (root / "guide/events/broken.yml").write_text(text, encoding="utf-8")
    for today, past in (("2026-11-30", False), ("2026-12-02", True)):
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(root)
            status = cli.main(["validate", "--today", today])
        output = capsys.readouterr().out
        assert status == 1  # the referrals are still stale
        assert ("broken.yml:2: date:" in output) is past


def test_guide_text_with_a_placeholder_no_event_fills_is_reported(tmp_path):
    root = repository(tmp_path)
    path = root / "guide" / "preparation.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n- [ ] Tell [Name] where [place] is.\n",
        encoding="utf-8",
    )
    found = problems_in(root, "guide/preparation.md")
    assert [p.split(": ", 1)[1].split(";")[0] for p in found] == [
        "'[Name]' is not a placeholder the kit fills",
        "'[place]' is not a placeholder the kit fills",
    ]
    assert "[support person]" in found[0]


# ---------------------------------------------------------------------------
# Filling in, quantities and readiness
# ---------------------------------------------------------------------------


def test_fill_replaces_every_placeholder_from_the_event(example):
    text = " / ".join(event.PLACEHOLDERS)
    filled = event.fill(text, example)
    assert "[" not in filled
    assert filled.split(" / ") == [
        "the staff counsellor of the host organisation (fictional)",
        "at the small table by the door, wearing a green lanyard",
        "Room C, next door, with water and tissues",
        "the PSEA network coordinator of the example network (fictional), psea@example.org",
        example.photography,
        "18 November 2026",
        "Example Conference Centre (fictional)",
        "Room B, ground floor",
    ]


def test_without_an_event_the_placeholders_stay_visible(example):
    text = "Our support person today is [support person], sitting [where the support person sits]."
    assert event.fill(text, None) == text
    # an event that leaves a field empty leaves its placeholder visible too
    bare = example.model_copy(update={"quiet_room": None})
    assert (
        event.fill("Go to [quiet room] in [room].", bare)
        == "Go to [quiet room] in Room B, ground floor."
    )


def test_the_guide_texts_hold_no_placeholder_once_filled(example, content):
    texts = [*content.texts.values()]
    for plan, _ in content.agendas.values():
        for slot in plan.blocks:
            block = slot.adapt(content.blocks[slot.block])
            texts += [block.script, *block.cues, block.transition]
            texts += [content.testimonies[t].content_note for t in slot.testimonies]
    assert any("[support person]" in t for t in texts)  # the texts do use them
    for text in texts:
        filled = event.fill(text, example)
        assert not any(p in filled for p in event.PLACEHOLDERS), filled
        assert event.unknown_placeholders(filled) == []


def test_quantities_for_eighty_participants(example, content):
    plan = content.agendas["joint-journey"][0]
    counts = dict(event.quantities(plan, content, example))
    assert counts["Tables of 8, each with a numbered table card"] == 10
    assert counts["Response papers (4 per participant, plus 10 %)"] == 352
    assert counts["Response papers of each colour"] == 88
    assert counts["Commitment cards (participants, plus 10 %)"] == 88
    assert counts["Support slips (participants, plus 10 %)"] == 88
    assert counts["A4 sheets of support slips (eight to a sheet)"] == 11
    testimonies = sum(len(s.testimonies) for s in plan.blocks)
    assert counts[f"Testimony sets, one per table ({testimonies} numbered cards each)"] == 10
    statements = sum(len(s.statements) for s in plan.blocks)
    assert counts["Statement sheets (one per statement, landscape)"] == statements
    assert counts["Panel packs (each panelist and the moderator)"] == 5
    # 75 people at tables of 6: 13 tables, 330 papers
    smaller = dict(
        event.quantities(
            plan, content, example.model_copy(update={"participants": 75, "table_size": 6})
        )
    )
    assert smaller["Tables of 6, each with a numbered table card"] == 13
    assert smaller["Response papers (4 per participant, plus 10 %)"] == 330
    # anonymous rounds answer on slips, not with papers
    regional = content.agendas["regional-90-minutes"][0]
    assert [s.rounds for s in regional.blocks if s.statements] == ["anonymous"]
    slips = dict(event.quantities(regional, content, example))
    assert slips["Answer slips for the anonymous rounds (participants, plus 10 %)"] == 88
    assert not any(what.startswith("Response papers") for what in slips)


def test_the_example_is_ready_to_print(example):
    assert event.ready_to_print(example) == []
    event.require_ready(example, "guide/events/example.yml")


def test_printing_an_event_without_support_or_referrals_fails_saying_what_is_missing(example):
    bare = example.model_copy(update={"support": None, "referrals": []})
    assert event.ready_to_print(bare) == [
        "the support person (support: with role: and where:)",
        "the referral table (referrals: at least one service)",
    ]
    with pytest.raises(event.NotReadyToPrintError) as raised:
        event.require_ready(bare, "guide/events/bare.yml")
    assert str(raised.value) == (
        "guide/events/bare.yml is not ready to print: it does not give the support person "
        "(support: with role: and where:); the referral table (referrals: at least one "
        "service). Fill these in, run `make validate`, then print again."
    )


# ---------------------------------------------------------------------------
# Agenda checks: reading aloud, rounds, panel selection
# ---------------------------------------------------------------------------


def test_a_block_that_reads_too_long_and_an_open_round_statement_are_reported(tmp_path):
    root = repository(tmp_path, agendas=("reading-and-rounds",))
    assert problems_in(root, "guide/agendas/reading-and-rounds.yml") == [
        "guide/agendas/reading-and-rounds.yml:9: blocks.testimonies: reading aloud needs 3 "
        "minutes (250 words at 100 a minute), but its timing cues leave 2 before the last cue; "
        "use the block's cuts ('Leave out the second half of the welcome.'), give this agenda its "
        "own 'script:' for the block, read fewer testimonies, or lengthen the block",
        "guide/agendas/reading-and-rounds.yml:34: blocks.gender-norms.statements: "
        "'safe-to-report-senior' asks people about their own organisation or safety, so it is "
        "for anonymous rounds only, and this block runs open rounds; set 'rounds: anonymous' "
        "for the block, or choose another statement",
    ]
    # anonymous rounds, or a faster reader, and both are fine
    path = root / "guide/agendas/reading-and-rounds.yml"
    text = path.read_text(encoding="utf-8").replace("pace: 100", "pace: 130")
    text = text.replace("    statements: [", "    rounds: anonymous\n    statements: [")
    path.write_text(text, encoding="utf-8")
    assert problems_in(root, "guide/agendas/reading-and-rounds.yml") == []


def test_reading_counts_each_testimony_with_its_title_and_content_note(content):
    block = content.blocks["testimonies"]
    testimony = next(iter(content.testimonies.values()))
    alone = agenda.Slot(block="testimonies", start=600, end=610)
    reading = alone.model_copy(update={"testimonies": [testimony.id]})
    added = agenda.read_aloud(reading, block, content) - agenda.read_aloud(alone, block, content)
    assert added == sum(
        agenda.words(t) for t in (testimony.title, testimony.content_note, testimony.text)
    )
    assert agenda.words("Read it. *(Pause here.)* Then stop.") == 4


def test_the_shipped_agendas_fit_their_reading(content):
    for plan, _ in content.agendas.values():
        for slot in plan.blocks:
            assert (
                agenda.reading_overrun(slot, content.blocks[slot.block], content, plan.pace_for())
                is None
            )


def _practice(id: str, regions: list[str], language: str = "en", kind: str = "un-agency"):
    return SimpleNamespace(
        id=id,
        title=id.replace("-", " "),
        themes=["organisational-culture"],
        regions=regions,
        language=language,
        organisation=SimpleNamespace(type=kind),
    )


def test_panel_selection_by_region_language_and_organisation_type():
    practices = [
        _practice("c-east", ["east-horn-great-lakes"]),
        _practice("a-east-fr", ["east-horn-great-lakes", "global"], "fr", "national-ngo"),
        _practice("b-west", ["west-central-africa"], "fr-CA"),
        _practice("d-global", ["global"]),
    ]

    def chosen(**selection) -> list[str]:
        slot = agenda.Slot(block="panel", start=0, end=30, **selection)
        return [p.id for p in agenda.panel_practices(slot, practices)]

    assert chosen(regions=["east-horn-great-lakes"]) == ["a-east-fr", "c-east"]
    # several values of one kind: any of them
    assert chosen(regions=["east-horn-great-lakes", "west-central-africa"]) == [
        "a-east-fr",
        "b-west",
        "c-east",
    ]
    # several kinds: all of them; a language matches its regional variants
    assert chosen(regions=["east-horn-great-lakes"], languages=["fr"]) == ["a-east-fr"]
    assert chosen(languages=["fr"]) == ["a-east-fr", "b-west"]
    assert chosen(organisation_types=["national-ngo", "un-agency"], regions=["global"]) == [
        "a-east-fr",
        "d-global",
    ]
    # ids first, in the agenda's order, then the selection without repeating them
    assert chosen(practices=["d-global", "c-east"], regions=["east-horn-great-lakes"]) == [
        "d-global",
        "c-east",
        "a-east-fr",
    ]


def test_the_regional_agenda_presents_practices_of_one_region_and_says_so(content, practices):
    regional, _ = content.agendas["regional-90-minutes"]
    panel = next(s for s in regional.blocks if s.block == "panel")
    assert len(panel.regions) == 1
    chosen = agenda.panel_practices(panel, practices)
    assert chosen
    assert all(panel.regions[0] in p.regions for p in chosen)
    pack = printsets.panel_pack("regional-90-minutes", regional, content, practices, None)
    assert f"Practices of the region {label('regions', panel.regions[0])}" in pack
    page = guide.guide_page("regional-90-minutes", regional, content, practices)
    assert (
        "Chosen by the agenda: every practice in the knowledge base from "
        f"{label('regions', panel.regions[0])}." in page
    )
