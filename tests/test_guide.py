"""The facilitation guide: agenda rules, generated pages and the PDF."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from practice_kb import project
from practice_kb.guide import agenda, guide

from conftest import FIXTURES, ROOT


def guide_folder(tmp_path: Path, *agendas: str) -> Path:
    """The repository's guide content with the given fixture agendas."""
    folder = tmp_path / "guide"
    shutil.copytree(ROOT / "guide", folder, ignore=shutil.ignore_patterns("agendas"))
    (folder / "agendas").mkdir()
    for name in agendas:
        shutil.copy(FIXTURES / "agendas" / f"{name}.yml", folder / "agendas" / f"{name}.yml")
    return folder


def test_repository_guide_is_valid(content):
    assert [str(p) for p in content.problems] == []
    assert set(content.agendas) == {"joint-journey", "regional-90-minutes"}
    assert len(content.testimonies) >= 5
    assert len(content.statements) >= 12


def test_broken_agenda_reports_exactly_these_problems(tmp_path):
    folder = guide_folder(tmp_path, "broken")
    content = agenda.validate(folder, {"peer-support-network"}, root=tmp_path)
    assert [str(p) for p in content.problems] == [
        "guide/agendas/broken.yml:23: blocks.start: '25:00' is not a time; "
        "write it as HH:MM, such as '11:00'",
        "guide/agendas/broken.yml:25: blocks.room: is not a field here; remove it; the fields "
        "here are block, start, end, minutes, title, testimonies, statements, practices, themes, "
        "regions, languages, organisation_types, summaries, rounds, script, cues, running_order, "
        "cuts",
    ]
    # once the agenda has the right shape, the timing and reference rules speak
    text = (folder / "agendas" / "broken.yml").read_text(encoding="utf-8")
    fixed = text.replace('"25:00"', '"12:10"').replace("    room: B\n", "")
    (folder / "agendas" / "broken.yml").write_text(fixed, encoding="utf-8")
    content = agenda.validate(folder, {"peer-support-network"}, root=tmp_path)
    assert [str(p) for p in content.problems] == [
        "guide/agendas/broken.yml:7: blocks.testimonies.start: starts at 11:05 but the session "
        "starts at 11:00; start it at 11:00 so that no time is lost or counted twice",
        "guide/agendas/broken.yml:9: blocks.testimonies.testimonies: 'no-such-testimony' is not "
        "in guide/testimonies.yml; choose from: a-name-off-the-list, comments-at-the-field-office, "
        "from-the-drivers-seat, messages-after-hours, nobody-thought-it-counted, "
        "the-first-conversation, the-volunteer-next-door",
        "guide/agendas/broken.yml:11: blocks.tabletop.start: starts at 11:20 but the previous "
        "block ends at 11:15; start it at 11:15 so that no time is lost or counted twice",
        "guide/agendas/broken.yml:12: blocks.tabletop.end: ends at 11:10, not after its start "
        "11:20; a block ends after it starts",
        "guide/agendas/broken.yml:13: blocks.block: 'gender-norm' is not a block in "
        "guide/blocks.yml; did you mean 'gender-norms'?",
        "guide/agendas/broken.yml:16: blocks.gender-norm.minutes: says 20 minutes but "
        "11:10–11:40 is 30; correct the minutes or the times",
        "guide/agendas/broken.yml:17: blocks.gender-norm.statements: 'men-lead-better' is not in "
        "guide/statements.yml; did you mean 'men-lead-better-in-crisis'?",
        "guide/agendas/broken.yml:18: blocks.panel.cues: a timing cue says 40 min, past the "
        "end of this 30-minute block; give this agenda its own 'cues:' for the block, or "
        "lengthen it",
        "guide/agendas/broken.yml:18: blocks.panel.running_order: the running order adds up to "
        "40 minutes in this 30-minute block; give this agenda its own 'running_order:' for the "
        "block, or lengthen it",
        "guide/agendas/broken.yml:20: blocks.panel.end: ends at 12:10, after the session ends "
        "at 12:00; shorten the block or move the session's end",
        "guide/agendas/broken.yml:21: blocks.panel.practices: 'peer-support' is not in "
        "practices/; did you mean 'peer-support-network'?",
        "guide/agendas/broken.yml:24: blocks.commitments.end: ends at 12:00, not after its "
        "start 12:10; a block ends after it starts",
    ]


def test_unquoted_times_are_read_as_times(tmp_path):
    content = agenda.validate(guide_folder(tmp_path, "short"), {"reseau-pairs"}, root=tmp_path)
    assert content.problems == []
    commitments = content.agendas["short"][0].blocks[-1]
    assert (commitments.start, commitments.end) == (14 * 60 + 35, 14 * 60 + 45)


@pytest.mark.parametrize("name", ["joint-journey", "regional-90-minutes"])
def test_run_sheet_of_each_agenda(content, name):
    expected = (FIXTURES / "golden" / f"run-sheet-{name}.md").read_text(encoding="utf-8")
    assert guide.run_sheet(content.agendas[name][0], content) == expected


def test_every_testimony_is_labelled_illustrative_and_opened_after_its_content_note(
    content, practices
):
    main, _ = content.agendas["joint-journey"]
    page = guide.guide_page("joint-journey", main, content, practices)
    for testimony_id in main.blocks[0].testimonies:
        testimony = content.testimonies[testimony_id]
        card = page.split(f"#### {testimony.title}")[1].split("</div>")[0]
        assert guide.ILLUSTRATIVE in card
        # its note is what shows; the reader opens the text deliberately
        summary = card.split("<summary>")[1].split("</summary>")[0]
        assert testimony.content_note in summary
        assert card.index("<details") < card.index(testimony.text.strip()[:40])


def test_validate_command_checks_the_guide_too(tmp_path):
    shutil.copytree(ROOT / "practices", tmp_path / "practices")
    guide_folder(tmp_path, "broken")
    result = project.validate(tmp_path)
    assert any(p.path == "guide/agendas/broken.yml" for p in result.report.problems)


def test_guide_pages_are_built(seed_site):
    html = (seed_site / "guide" / "joint-journey.html").read_text(encoding="utf-8")
    assert html.count('<section class="kb-block">') == 5
    assert "Commitment card" in html
    pack = (seed_site / "guide" / "joint-journey" / "panel-pack.html").read_text(encoding="utf-8")
    assert 'href="../../practices/programa-h.html"' in pack


def test_guide_pdf_has_every_block_and_the_commitment_card(seed_site, content):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "practice_kb",
            "guide-pdf",
            "joint-journey",
            "--site",
            str(seed_site),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(seed_site / "guide" / "joint-journey.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for block in content.blocks.values():
        assert block.title in text
    assert "Commitment card" in text
    assert "Illustrative composite: not about any real person." in text
    # testimonies sit behind their content note on screen; on paper they are printed
    for testimony_id in content.agendas["joint-journey"][0].blocks[0].testimonies:
        assert " ".join(content.testimonies[testimony_id].text.split())[:60] in text
    assert len(reader.pages) > 5


def test_checklists_are_drawn_boxes_not_form_controls(seed_site):
    html = (seed_site / "guide" / "joint-journey.html").read_text(encoding="utf-8")
    assert "<li>☐ " in html
    assert '<input type="checkbox"' not in html


def test_a_block_whose_timing_does_not_fit_its_slot_is_reported(content):
    short = agenda.Slot.model_validate({"block": "panel", "start": "09:45", "end": "10:15"})
    assert list(agenda.overrun(short, content.blocks["panel"])) == [
        ("cues", "a timing cue says 40 min, past the end of this 30-minute block"),
        ("running_order", "the running order adds up to 40 minutes in this 30-minute block"),
    ]
    regional, _ = content.agendas["regional-90-minutes"]
    for slot in regional.blocks:  # the worked example gives shorter blocks their own timing
        assert list(agenda.overrun(slot, content.blocks[slot.block])) == []


def test_an_agenda_s_own_script_and_cues_replace_the_block_s(content, practices):
    regional, _ = content.agendas["regional-90-minutes"]
    page = guide.guide_page("regional-90-minutes", regional, content, practices)
    assert "hear four short testimonies" in page
    assert "six short testimonies" not in page
    assert "30 min: Thank the panelists and move to the commitments." in page
    assert "40 min" not in page
    main, _ = content.agendas["joint-journey"]
    assert "hear six short testimonies" in guide.guide_page(
        "joint-journey", main, content, practices
    )


def test_demote_moves_the_headings_the_renderer_sees_and_leaves_code_alone():
    text = (
        "# Before the day\n\n"
        "```\n# a comment in a real fence\n```\n\n"
        "  ```\n## a heading after a two-space 'fence', which is no fence\n  ```\n\n"
        "Checklist\n---------\n"
    )
    assert guide.demote(text) == (
        "### Before the day\n\n"
        "```\n# a comment in a real fence\n```\n\n"
        "  ```\n#### a heading after a two-space 'fence', which is no fence\n  ```\n\n"
        "#### Checklist\n"
    )
