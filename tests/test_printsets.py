"""The session kit's print sets: what each role prints carries what it must and, for
participants, nothing meant for the facilitator; `kb kit` writes every set as HTML
and PDF at the size it is meant for; the print pages pass axe-core."""

from __future__ import annotations

import html.parser
import os
import re
from pathlib import Path

import pypdf
import pytest

from practice_kb.guide import agenda, event, guide, printsets

from conftest import FIXTURES, ROOT, axe, kb, serious

EXAMPLE = ROOT / "guide" / "events" / "example.yml"
GOLDEN = FIXTURES / "golden"
AGENDAS = ("joint-journey", "regional-90-minutes")

# PDF page sizes in points (1 pt = 1/72 inch), width by height
A4 = (595.3, 841.9)
A5 = (419.5, 595.3)
A4_LANDSCAPE = (841.9, 595.3)
PAPER = {
    "facilitator-guide": A4,
    "table-set": A4,
    "response-papers": A5,
    "statement-sheets": A4_LANDSCAPE,
    "commitment-cards": A4,
    "support-slips": A4,
    "question-cards": A4,
    "panel-pack": A4,
}


@pytest.fixture(scope="module")
def example() -> event.Event:
    found, problems = event.read(EXAMPLE)
    assert problems == [] and found is not None
    return found


def words(value: str) -> str:
    return " ".join(value.split())


class _Text(html.parser.HTMLParser):
    """The text a reader sees in an HTML file (not its styles)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script", "title")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(page: str) -> str:
    reader = _Text()
    reader.feed(page)
    return words(" ".join(reader.parts))


def pdf_text(path: Path) -> str:
    return words(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def _sentences(value: str) -> set[str]:
    """The sentences of a text, long enough (five words or more) to be its own."""
    plain = re.sub(r"[*_>`#]|\(|\)", " ", value)
    return {words(s) for s in re.split(r"(?<=[.!?:])\s+|\n\s*\n", plain) if len(s.split()) >= 5}


def facilitator_only(name: str, content: agenda.Content) -> set[str]:
    """Every facilitator-only string the agenda's participant material could leak."""
    found = {"Open to read"}
    plan, _ = content.agendas[name]
    for slot in plan.blocks:
        block = slot.adapt(content.blocks[slot.block])
        for items in (
            block.cues,
            block.cuts,
            block.key_messages,
            block.moderator_notes,
            block.rounds,
            block.anonymous_rounds,
            block.running_order,
        ):
            found |= {words(item) for item in items}
        if block.debrief:
            found |= {words(q) for q in block.debrief.tables + block.debrief.plenary}
        found |= _sentences(block.script) | _sentences(block.transition)
        for note in block.notes:
            found |= {words(note.title)} | _sentences(note.text)
        for testimony in slot.testimonies:
            found |= {words(p) for p in content.testimonies[testimony].learning_points}
        for statement in slot.statements:
            notes = content.statements[statement].notes
            found |= {words(n) for n in (notes.about, notes.rule, notes.myth) if n}
    return found


def participant_pages(name, content, practices, with_event):
    plan, _ = content.agendas[name]
    for slug in printsets.PARTICIPANT_SETS:
        page = printsets.render(slug, name, plan, content, practices, with_event)
        yield slug, printsets.standalone(page, slug, "")


# ---------------------------------------------------------------------------
# What participants print
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", AGENDAS)
@pytest.mark.parametrize("with_event", [False, True], ids=["no event", "example event"])
def test_participant_sets_carry_no_facilitator_material(
    name, with_event, content, practices, example
):
    secret = facilitator_only(name, content)
    assert len(secret) > 40  # the cues, scripts, notes... of five blocks
    for slug, page in participant_pages(name, content, practices, example if with_event else None):
        seen = html_text(page)
        leaked = sorted(s for s in secret if s in seen)
        assert leaked == [], f"{slug} of {name} carries facilitator material"


def test_the_check_finds_facilitator_material_when_it_leaks(content, practices):
    """The check above is not blind: the facilitator's guide itself fails it."""
    plan, _ = content.agendas["joint-journey"]
    page = printsets.render("facilitator-guide", "joint-journey", plan, content, practices)
    seen = html_text(printsets.standalone(page, "guide", ""))
    leaked = {s for s in facilitator_only("joint-journey", content) if s in seen}
    assert len(leaked) > 40


@pytest.mark.parametrize("name", AGENDAS)
def test_testimony_cards_are_numbered_in_reading_order_with_label_and_note(
    name, content, practices
):
    plan, _ = content.agendas[name]
    page = printsets.render("table-set", name, plan, content, practices)
    start = '<section class="kb-sheet kb-testimony-card"'
    cards = [start + card for card in page.split(start)[1:]]
    order = [t for slot in plan.blocks for t in slot.testimonies]
    assert len(cards) == len(order) > 0
    for number, (card, testimony_id) in enumerate(zip(cards, order, strict=True), 1):
        testimony = content.testimonies[testimony_id]
        seen = html_text(printsets.standalone(card, "card", ""))
        assert seen.startswith(f"Testimony {number} {testimony.title}")
        assert guide.ILLUSTRATIVE in seen
        assert f"Content note: {words(testimony.content_note)}" in seen
        assert words(testimony.questions[0]) in seen
        assert "<details" not in card  # printed open: nothing to open


def test_response_papers_have_a_band_a_response_and_a_mark_for_each_colour(content, practices):
    plan, _ = content.agendas["joint-journey"]
    page = printsets.render("response-papers", "joint-journey", plan, content, practices)
    colours = content.blocks["gender-norms"].colours
    start = '<section class="kb-sheet kb-paper'
    papers = [start + paper for paper in page.split(start)[1:]]
    assert len(papers) >= len(colours) == 4
    for paper, colour, mark in zip(papers, colours, printsets.MARKS, strict=False):
        assert f"kb-band--{colour.colour}" in paper
        assert paper.count('class="kb-band"') == 2
        seen = html_text(printsets.standalone(paper, "paper", ""))
        assert seen == f"{mark} {colour.response} {colour.colour.capitalize()}"


def test_support_slips_without_an_event_leave_the_blanks_visible(content, practices):
    plan, _ = content.agendas["joint-journey"]
    page = printsets.render("support-slips", "joint-journey", plan, content, practices)
    seen = html_text(printsets.standalone(page, "slips", ""))
    assert seen.count("[support person]") == 8
    assert seen.count("[quiet room]") == 8
    assert seen.count("[service], [how to reach it], [hours]") == 8


def test_support_slips_and_cards_carry_the_event_s_support(content, practices, example):
    plan, _ = content.agendas["joint-journey"]
    slips = html_text(
        printsets.standalone(
            printsets.render("support-slips", "joint-journey", plan, content, practices, example),
            "slips",
            "",
        )
    )
    assert slips.count(example.support.role) == 8
    assert slips.count(example.quiet_room) == 8
    for referral in example.referrals:
        assert slips.count(referral.contact) == 8
    assert "[" not in slips
    cards = html_text(
        printsets.standalone(
            printsets.render(
                "commitment-cards", "joint-journey", plan, content, practices, example
            ),
            "cards",
            "",
        )
    )
    assert cards.count(example.support.role) == 4  # the tear-off slip of each card
    assert cards.count(printsets.PRIVACY) == 4
    for prompt in content.blocks["commitments"].card:
        assert cards.count(prompt) == 4


# ---------------------------------------------------------------------------
# The panel pack
# ---------------------------------------------------------------------------


def test_panel_pack_has_what_the_preparation_checklist_promises(content, practices, example):
    plan, _ = content.agendas["joint-journey"]
    page = printsets.render("panel-pack", "joint-journey", plan, content, practices, example)
    seen = html_text(printsets.standalone(page, "pack", ""))
    panel = content.blocks["panel"]
    assert "Running order" in seen and "12:00 4 Introductions" in seen
    assert "12:04 7 Segment 1, Working with men and boys" in seen
    assert "Practices, not cases." in seen
    for segment in panel.segments:
        assert segment.title in seen
        assert all(words(q) in seen for q in segment.questions)
    assert panel.moderator_notes and all(words(n) in seen for n in panel.moderator_notes)
    assert "If someone discloses" in seen  # the safeguarding text
    for person in example.panel:
        assert words(person.introduction) in seen


def test_panel_pack_lists_exactly_the_chosen_practices_in_order(content, practices):
    main, _ = content.agendas["joint-journey"]
    page = printsets.panel_pack("joint-journey", main, content, practices, None)
    listed = re.findall(r"^### \[.*\]\(\.\./\.\./practices/([a-z0-9-]+)\.md\)", page, re.M)
    assert listed == main.blocks[3].practices


def test_a_practice_in_another_language_gets_a_summary_in_the_guide_s_language(content, practices):
    main, _ = content.agendas["joint-journey"]
    page = printsets.panel_pack("joint-journey", main, content, practices, None)
    foreign = [
        p for p in printsets.panel_practices(main.blocks[3], practices) if p.language != "en"
    ]
    assert foreign  # programa-h (es) and misconduct-disclosure-scheme (fr)
    for p in foreign:
        section = page.split(f"](../../practices/{p.id}.md)")[1].split("\n### ")[0]
        assert "Written in " in section and f"({p.language})" in section
        assert "**In English:** " in section, f"{p.id} has no summary in English"
        assert f'<p lang="{p.language}">' in section


# ---------------------------------------------------------------------------
# Golden files: the table set and the panel pack of the two-hour session
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["table-set", "panel-pack"])
def test_golden(slug, content, practices):
    plan, _ = content.agendas["joint-journey"]
    page = printsets.render(slug, "joint-journey", plan, content, practices)
    golden = GOLDEN / f"{slug}-joint-journey.md"
    if os.environ.get("KB_UPDATE_GOLDEN") == "1":
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if the change is intended, rerun with KB_UPDATE_GOLDEN=1 "
        "and review the diff"
    )


# ---------------------------------------------------------------------------
# kb kit: HTML and PDF of every set
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kit")
    result = kb("kit", "--event", str(EXAMPLE), "--out", str(out), "--language", "en")
    assert result.returncode == 0, result.stderr
    for chosen in printsets.SETS:
        assert f"… {chosen.title}" in result.stderr  # a progress line per set
    return out / "en" / "guide" / "kit" / "example"


@pytest.mark.parametrize("slug", list(PAPER))
def test_kit_writes_each_set_as_pdf_at_its_size(kit, slug, content):
    reader = pypdf.PdfReader(kit / f"{slug}.pdf")
    plan, _ = content.agendas["joint-journey"]
    expected_pages = {
        "table-set": len(printsets.testimonies(plan, content)),
        "response-papers": len(printsets._papers(content.blocks["gender-norms"])),
        "statement-sheets": len(printsets.statements(plan, content)),
        "commitment-cards": 1,
        "support-slips": 1,
        "question-cards": 1,
    }
    if slug in expected_pages:
        assert len(reader.pages) == expected_pages[slug]
    else:
        assert len(reader.pages) > 3
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(PAPER[slug], abs=1)
    assert (kit / f"{slug}.html").is_file()


@pytest.mark.parametrize("slug", printsets.PARTICIPANT_SETS)
def test_participant_pdfs_carry_no_facilitator_material(kit, slug, content, example):
    secret = facilitator_only("joint-journey", content)
    seen = pdf_text(kit / f"{slug}.pdf")
    assert len(seen) > 40
    assert sorted(s for s in secret if s in seen) == []
    assert "[support person]" not in seen and "[quiet room]" not in seen


def test_table_set_pdf_cards_carry_number_label_and_note(kit, content):
    plan, _ = content.agendas["joint-journey"]
    reader = pypdf.PdfReader(kit / "table-set.pdf")
    for number, (page, testimony) in enumerate(
        zip(reader.pages, printsets.testimonies(plan, content), strict=True), 1
    ):
        seen = words(page.extract_text())
        assert seen.startswith(f"Testimony {number} {words(testimony.title)}")
        assert guide.ILLUSTRATIVE in seen
        assert words(f"Content note: {testimony.content_note}") in seen


def test_facilitator_guide_pdf_is_filled_in_from_the_event(kit, example):
    seen = pdf_text(kit / "facilitator-guide.pdf")
    assert words(example.support.role) in seen
    assert "[support person]" not in seen


def test_kit_refuses_an_event_that_is_not_ready_to_print(tmp_path):
    sheet = EXAMPLE.read_text(encoding="utf-8")
    sheet = re.sub(r"^support:\n(  .*\n)+", "", sheet, flags=re.M)
    sheet = re.sub(r"^referrals:\n((  |    ).*\n)+", "", sheet, flags=re.M)
    (tmp_path / "guide" / "events").mkdir(parents=True)
    not_ready = tmp_path / "guide" / "events" / "not-ready.yml"
    not_ready.write_text(sheet, encoding="utf-8")
    result = kb("kit", "--event", str(not_ready), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "is not ready to print" in result.stderr
    assert "support person" in result.stderr and "referral table" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_kit_names_a_missing_event_sheet(tmp_path):
    result = kb("kit", "--event", str(tmp_path / "nowhere.yml"), "--out", str(tmp_path))
    assert result.returncode == 2
    assert "no event sheet at" in result.stderr and "guide/events/example.yml" in result.stderr


# ---------------------------------------------------------------------------
# The print pages on the site, and the kit's files, in a browser
# ---------------------------------------------------------------------------


def audited(tab) -> list[str]:
    """The serious and critical violations axe-core finds on the page open in ``tab``."""
    result = axe(tab)
    assert len(result["passes"]) > 10  # the audit ran on a real page
    return serious(result)


SITE_PAGES = [
    *(f"joint-journey/{s.slug}" for s in printsets.SETS if s.slug != "facilitator-guide"),
    "regional-90-minutes/response-papers",  # the answer slip of anonymous rounds
    "regional-90-minutes/support-slips",
]


@pytest.mark.parametrize("path", SITE_PAGES)
def test_print_pages_on_the_site_pass_axe(audit, served, path):
    audit.goto(f"{served}/guide/{path}.html", wait_until="networkidle")
    assert audited(audit) == []


@pytest.mark.parametrize("slug", list(PAPER))
def test_kit_files_pass_axe(audit, kit, slug):
    audit.goto((kit / f"{slug}.html").as_uri(), wait_until="load")
    assert audited(audit) == []


def test_guide_page_links_each_print_set_for_its_readers(seed_site):
    page = (seed_site / "guide" / "joint-journey.html").read_text(encoding="utf-8")
    for chosen in printsets.SETS:
        if chosen.slug != "facilitator-guide":
            assert f'href="joint-journey/{chosen.slug}.html"' in page
            assert (seed_site / "guide" / "joint-journey" / f"{chosen.slug}.html").is_file()
    assert "for participants" in page and "for facilitators" in page
    assert "for the moderator and panelists" in page


def test_anonymous_rounds_print_an_answer_slip_instead_of_papers(content, practices):
    regional, _ = content.agendas["regional-90-minutes"]
    exercise = next(slot for slot in regional.blocks if slot.block == "gender-norms")
    assert exercise.rounds == "anonymous"
    page = printsets.render("response-papers", "regional-90-minutes", regional, content, practices)
    assert "kb-paper" not in page  # no coloured papers to hold up
    seen = html_text(printsets.standalone(page, "slip", ""))
    assert "Answer slip" in seen and "Write no name" in seen
    assert "Statement ++ Strongly agree + Agree − Disagree −− Strongly disagree ? Unsure" in seen
    assert page.count('<tr><th scope="row">') == len(exercise.statements)


@pytest.mark.parametrize("slug", ["table-set", "statement-sheets", "support-slips"])
def test_printed_print_pages_show_the_sheets_only(page, served, slug):
    page.goto(f"{served}/guide/joint-journey/{slug}.html", wait_until="networkidle")
    assert page.locator(".kb-print-intro").is_visible()  # on screen: what it is, how to print
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".kb-exit", ".kb-print-intro"):
        assert page.locator(chrome).first.is_hidden(), f"{chrome} is printed"
    sheets = page.locator(".kb-sheet")
    assert sheets.first.is_visible()
    if slug == "support-slips":  # one sheet of eight
        assert sheets.count() == 1 and page.locator(".kb-slip").count() == 8
    else:  # one sheet a page
        assert sheets.count() > 1
        assert sheets.first.evaluate("e => getComputedStyle(e).breakAfter") == "page"
    assert page.errors == []
