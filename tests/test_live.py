"""Running the session live (issue 17), in a real browser, online and from the unzipped
offline copy: the presenter view follows a controlled clock and shows the agenda's cuts
when late; the projector view follows it, shows what the room sees and no facilitator
note, and works alone; the event form fills a print set and writes a sheet `kb validate`
accepts, and rejects a bad value in the validator's words; values are kept only when
asked; the evaluation exports what was typed; axe-core finds nothing serious; and no
request leaves the page's origin.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import sites
import yaml
from playwright.sync_api import expect

from practice_kb.core import strings
from practice_kb.guide import agenda as guide_data
from practice_kb.guide import live

from conftest import ROOT, axe, kb, serious

AGENDA = "joint-journey"
EXAMPLE = yaml.safe_load((ROOT / "guide" / "events" / "example.yml").read_text("utf-8"))


def s(key: str, **values: object) -> str:
    return strings.t(f"live.{key}", "en", **values)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """The whole site as deployed, served on loopback, and its offline copy unzipped."""
    built = sites.languages_site(tmp_path_factory)
    offline = tmp_path_factory.mktemp("offline-live")
    with zipfile.ZipFile(built / "offline" / "joint-journey-kb-en.zip") as archive:
        archive.extractall(offline)
    with sites.serve(built) as (base, _):
        yield {"online": f"{base}/en", "offline": (offline / "joint-journey-kb-en").as_uri()}


@pytest.fixture(scope="module")
def content() -> guide_data.Content:
    return guide_data.read(ROOT / "guide")


def facilitator_texts(content: guide_data.Content) -> list[str]:
    """Texts only facilitators may see: scripts, cues, cuts, key messages, notes,
    moderator notes, learning points and the statements' notes."""
    agenda, _ = content.agendas[AGENDA]
    found: list[str] = []
    for slot in agenda.blocks:
        block = slot.adapt(content.blocks[slot.block])
        found += [block.script.split("\n")[0], *block.cues, *block.cuts, *block.key_messages]
        found += [n.text.split("\n")[0] for n in block.notes] + block.moderator_notes + block.rounds
        if block.transition:
            found.append(block.transition[:60])
        for value in slot.testimonies:
            found += content.testimonies[value].learning_points
        for value in slot.statements:
            notes = content.statements[value].notes
            found += [x for x in (notes.about, notes.rule, notes.myth) if x]
    return [x.strip() for x in found if x.strip()]


def first_statement_step(content: guide_data.Content) -> int:
    agenda, _ = content.agendas[AGENDA]
    kinds = [step["screen"]["kind"] for step in live.steps(agenda, content)]
    return kinds.index("statement")


# ---------------------------------------------------------------------------
# The presenter view
# ---------------------------------------------------------------------------


def test_the_presenter_view_follows_the_clock_and_shows_the_cuts_when_late(page, deployed):
    page.clock.install(time=dt.datetime(2026, 11, 18, 10, 49))
    page.clock.pause_at(dt.datetime(2026, 11, 18, 10, 50))
    page.goto(f"{deployed['online']}/live/{AGENDA}/presenter.html")
    assert page.inner_text("#kbl-block-title") == "Reading testimonies aloud"
    assert page.inner_text("#kbl-cue").startswith("Welcome and practical points")
    # ten minutes before the planned start, the countdowns show the cue's own length
    assert page.inner_text("#kbl-countdown") == s("in", time="03:00")
    assert s("remaining", minutes=10) in page.inner_text("#kbl-block-times")
    page.keyboard.press("s")  # start the session now: the plan follows from here
    assert page.inner_text("#kbl-countdown") == s("in", time="03:00")
    assert page.is_hidden("#kbl-late")
    page.clock.fast_forward("02:00")
    assert page.inner_text("#kbl-countdown") == s("in", time="01:00")
    page.keyboard.press("ArrowRight")
    assert page.inner_text("#kbl-cue").startswith("Readers read the six testimonies")
    assert "Testimony 2 of 6" in page.inner_text("#kbl-next-cue")
    # testimony 2 was planned 4 minutes in: at 10 minutes in, 6 minutes late
    page.clock.fast_forward("08:00")
    assert page.inner_text("#kbl-late-title") == s("late", minutes=6)
    cuts = page.locator("#kbl-cuts li").all_inner_texts()
    assert cuts[0].startswith("Read four testimonies instead of six")
    # the next block's cuts follow, in order
    assert "Shorten the story discussion" in page.inner_text("#kbl-later-cuts")
    # pause: the clock goes on, the plan waits
    page.keyboard.press("p")
    assert page.inner_text("#kbl-status") == s("paused")
    page.clock.fast_forward("05:00")
    page.keyboard.press("p")
    assert page.inner_text("#kbl-late-title") == s("late", minutes=6)
    # back and forth; the content note, support slip and closing reminder are one key away
    page.keyboard.press("ArrowLeft")
    assert page.inner_text("#kbl-cue").startswith("Welcome and practical points")
    for key, title in (("c", "content_note"), ("u", "support"), ("r", "closing")):
        page.keyboard.press(key)
        assert page.is_visible("#kbl-overlay")
        assert page.inner_text("#kbl-overlay-title") == s(title)
        page.keyboard.press("Escape")
        assert page.is_hidden("#kbl-overlay")
    assert page.errors == []


# ---------------------------------------------------------------------------
# The projector view
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["online", "offline"])
def test_the_projector_follows_the_presenter_and_shows_no_facilitator_note(
    page, deployed, content, where
):
    agenda, _ = content.agendas[AGENDA]
    page.goto(f"{deployed[where]}/live/{AGENDA}/presenter.html")
    with page.expect_popup() as opened:
        page.click("#kbl-open-projector")
    projector = opened.value
    projector.wait_for_load_state()
    room = projector.locator("#kbl-room")
    # the projector shows the presenter's step: the content note of the opening
    room.get_by_text(s("content_note"), exact=True).wait_for()
    steps = first_statement_step(content)
    for _ in range(steps):
        page.keyboard.press("ArrowRight")
    first = content.statements[agenda.blocks[2].statements[0]].text
    room.get_by_text(first).wait_for()
    assert "Strongly agree" in room.inner_text()  # the colour and mark key
    # the tally: the projector draws the chart, the presenter offers a sentence to read
    for index, count in enumerate((20, 10, 5, 2)):
        page.fill(f"#kbl-tally-{index}", str(count))
    room.get_by_text("20 (54 %)").wait_for()
    sentence = page.inner_text("#kbl-tally-sentence")
    assert sentence.startswith("Of 37 answers: about half the room holds blue (Strongly agree)")
    page.keyboard.press("Escape")  # out of the tally field, back to the controls
    page.keyboard.press("ArrowRight")
    second = content.statements[agenda.blocks[2].statements[1]].text
    room.get_by_text(second).wait_for()
    # a key away: the support information, on the room's screen too
    page.keyboard.press("u")
    room.get_by_text(s("support"), exact=True).wait_for()
    page.keyboard.press("Escape")
    # no facilitator text on the projector, neither shown nor in the page
    shown, source = projector.inner_text("body"), projector.content()
    for text in facilitator_texts(content):
        assert text not in shown, text
        assert json.dumps(text)[1:-1][:80] not in source, text
    assert projector.is_hidden(".md-header")  # no site chrome
    assert page.errors == []


def test_the_projector_works_alone(page, deployed, content):
    page.goto(f"{deployed['offline']}/live/{AGENDA}/projector.html")
    room = page.locator("#kbl-room")
    assert s("content_note") in room.inner_text()
    for _ in range(first_statement_step(content)):
        page.keyboard.press("ArrowRight")
    agenda, _ = content.agendas[AGENDA]
    assert content.statements[agenda.blocks[2].statements[0]].text in room.inner_text()
    assert page.errors == []


# ---------------------------------------------------------------------------
# The event form
# ---------------------------------------------------------------------------


def field(page, path: str, nth: int = 0):
    return page.locator(f'[data-kbl-path="{path}"]').nth(nth)


def fill_event(page) -> None:
    for path in ("date", "place", "room", "quiet_room", "psea_focal_point", "photography"):
        field(page, path).fill(str(EXAMPLE[path]))
    field(page, "participants").fill(str(EXAMPLE["participants"]))
    field(page, "languages").fill(", ".join(EXAMPLE["languages"]))
    field(page, "agenda").select_option(AGENDA)
    field(page, "support.role").fill(EXAMPLE["support"]["role"])
    field(page, "support.where").fill(EXAMPLE["support"]["where"])
    for index, referral in enumerate(EXAMPLE["referrals"][:2]):
        page.click('[data-kbl-add="referrals"]')
        for name, value in referral.items():
            field(page, f"referrals.{name}", index).fill(str(value))
    page.click('[data-kbl-add="panel"]')
    panelist = EXAMPLE["panel"][0]
    for name in ("role", "organisation", "introduction", "practice"):
        field(page, f"panel.{name}").fill(panelist[name])
    field(page, "panel.organisation_type").select_option(panelist["organisation_type"])


def checked_by_kb(tmp_path: Path, text: str) -> str:
    """What `kb validate` says about an event sheet put in a copy of the guide."""
    project = tmp_path / "project"
    if not project.exists():
        shutil.copytree(ROOT / "guide", project / "guide", ignore=shutil.ignore_patterns("events"))
        shutil.copytree(ROOT / "practices", project / "practices")
        (project / "guide" / "events").mkdir()
    (project / "guide" / "events" / "form.yml").write_text(text, encoding="utf-8")
    result = kb("validate", "guide/events/form.yml", "--today", "2026-11-01", cwd=project)
    assert "Traceback" not in result.stderr
    return result.stdout


def download(page, button: str) -> str:
    with page.expect_download() as got:
        page.click(button)
    return Path(got.value.path()).read_text(encoding="utf-8")


def test_the_event_form_fills_a_print_set_and_writes_a_sheet_kb_validate_accepts(
    page, deployed, tmp_path
):
    page.clock.install(time=dt.datetime(2026, 11, 1, 9, 0))
    page.goto(f"{deployed['online']}/live/event.html")
    fill_event(page)
    assert page.inner_text("#kbl-summary-status") == s("event.no_problems")
    # a print set, opened from the form, is filled in with the event's values
    with page.expect_popup() as opened:
        page.click("#kbl-open a[href$='support-slips.html']")
    slips = opened.value
    slips.wait_for_selector(".kb-print[data-kb-filled=true]")
    text = slips.inner_text(".kb-print")
    assert EXAMPLE["support"]["role"] in text
    assert EXAMPLE["referrals"][0]["service"] in text
    assert "[support person]" not in text and "[quiet room]" not in text
    assert slips.evaluate("localStorage.length") == 0  # nothing kept unless asked
    # the sheet, downloaded, is one `kb validate` accepts
    sheet = download(page, "#kbl-export")
    assert yaml.safe_load(sheet)["support"] == EXAMPLE["support"]
    report = checked_by_kb(tmp_path, sheet)
    assert "guide/events/form.yml" not in report, report
    # a bad value: the form and `kb validate` say the same
    field(page, "participants").fill("0")
    expected = "0 is not a number of participants; write how many people you expect"
    assert expected in page.inner_text("#kbl-summary-list")
    assert field(page, "participants").get_attribute("aria-invalid") == "true"
    assert f"participants: {expected}" in checked_by_kb(
        tmp_path, sheet.replace("participants: 80", "participants: 0")
    )
    page.click("#kbl-export")
    assert page.inner_text("#kbl-export-status") == s("event.blocked")
    # a sheet opened from the device fills the form
    field(page, "participants").fill("80")
    page.click("#kbl-clear")
    assert field(page, "place").input_value() == ""
    path = tmp_path / "example.yml"
    path.write_text(sheet, encoding="utf-8")
    page.click("summary:has-text('" + s("event.import") + "')")
    page.set_input_files("#kbl-import-file", str(path))
    expect(field(page, "place")).to_have_value(EXAMPLE["place"])
    assert field(page, "referrals.last_checked", 1).input_value() == "2026-11-04"
    assert page.inner_text("#kbl-summary-status") == s("event.no_problems")
    assert page.errors == []


def test_the_event_form_keeps_values_only_when_asked(page, deployed):
    page.goto(f"{deployed['offline']}/live/event.html")
    field(page, "place").fill("Somewhere")
    assert page.evaluate("localStorage.getItem('kbl-event')") is None
    page.check("#kbl-keep")
    field(page, "room").fill("Room 1")
    kept = json.loads(page.evaluate("localStorage.getItem('kbl-event')"))
    assert kept["place"] == "Somewhere" and kept["room"] == "Room 1"
    page.reload()
    assert field(page, "place").input_value() == "Somewhere"
    assert page.is_checked("#kbl-keep")
    page.click("#kbl-clear")
    assert page.evaluate("localStorage.getItem('kbl-event')") is None
    assert field(page, "place").input_value() == ""
    assert page.inner_text("#kbl-keep-status") == s("event.cleared")


def test_the_event_form_takes_its_fields_from_the_model():
    from practice_kb.guide.event import Event

    page = live.event_page(guide_data.read(ROOT / "guide"), [], {"programa-h"})
    data = json.loads(re.search(r'id="kbl-data">(.*?)</script>', page).group(1))
    assert data["schema"] == json.loads(json.dumps(Event.model_json_schema()))
    labels = json.loads(re.search(r'id="kbl-labels">(.*?)</script>', page).group(1))

    def paths(schema: dict, prefix: str = "") -> list[str]:
        found = []
        for name, spec in schema["properties"].items():
            found.append(prefix + name)
            ref = spec.get("$ref") or spec.get("items", {}).get("$ref")
            ref = ref or next((s.get("$ref") for s in spec.get("anyOf", []) if "$ref" in s), None)
            if ref:
                inner = data["schema"]["$defs"][ref.split("/")[-1]]
                found += paths(inner, prefix + name + ".")
        return found

    missing = [p for p in paths(data["schema"]) if p not in labels]
    assert missing == [], "fields without a label in core/data/strings.yml (live.field.*)"


# ---------------------------------------------------------------------------
# Evaluation and follow-up
# ---------------------------------------------------------------------------


def test_the_evaluation_exports_the_answers_typed_in(page, deployed):
    page.goto(f"{deployed['offline']}/live/evaluation.html")
    page.check('input[name="q1"][value="4"]')
    page.check('input[name="q3"][value="2"]')
    page.fill("#kbl-q5", "More time for the panel, please")
    page.click("#kbl-eval-add")
    page.check('input[name="q2"][value="1"]')
    page.click("#kbl-eval-add")
    assert page.inner_text("#kbl-eval-count") == s("eval.count", count=2)
    rows = list(csv.reader(io.StringIO(download(page, "#kbl-eval-csv").lstrip("\ufeff"))))
    assert rows == [
        ["form", "q1", "q2", "q3", "q4", "q5"],
        ["1", "4", "", "2", "", "More time for the panel, please"],
        ["2", "", "1", "", "", ""],
    ]
    exported = json.loads(download(page, "#kbl-eval-json"))
    assert exported["forms"][0]["q5"] == "More time for the panel, please"
    assert len(exported["questions"]) == 5
    assert page.errors == []


def test_the_follow_up_pack_lists_the_themes_and_flags_contacts(page, deployed):
    page.goto(f"{deployed['online']}/live/{AGENDA}/follow-up.html")
    page.fill("#kbl-follow-themes", "Safer reporting in field offices\nCall me: +254 700 000 000")
    pack = page.inner_text(".kbl-pack")
    assert "Safer reporting in field offices" in pack and "+254" not in pack
    assert page.inner_text("#kbl-follow-warning") == s("follow.warning", line=2)
    assert page.locator(".kbl-pack a[href*='practices/']").count() >= 4  # the panel's
    assert page.errors == []


# ---------------------------------------------------------------------------
# Accessible, and nothing sent anywhere
# ---------------------------------------------------------------------------


PAGES = [
    f"live/{AGENDA}/presenter.html",
    f"live/{AGENDA}/projector.html",
    f"live/{AGENDA}/follow-up.html",
    "live/event.html",
    "live/evaluation.html",
    "live/evaluation-sheet.html",
]


@pytest.mark.parametrize("address", PAGES)
def test_axe_finds_no_serious_or_critical_violation(audit, deployed, address):
    audit.goto(f"{deployed['online']}/{address}")
    if "presenter" in address:
        for _ in range(16):  # to a paper round, with its tally fields
            audit.keyboard.press("ArrowRight")
    if "event" in address:
        audit.click('[data-kbl-add="referrals"]')
        audit.click("#kbl-export")  # with problems shown
    assert serious(axe(audit)) == [], address


def test_no_request_leaves_the_pages_origin(page, deployed):
    base = deployed["online"]
    origin = re.match(r"^https?://[^/]+", base).group()
    requests: list[str] = []
    page.context.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/live/event.html")
    fill_event(page)
    with page.expect_popup() as opened:
        page.click(f"#kbl-open a[href$='{AGENDA}/presenter.html']")
    presenter = opened.value
    presenter.wait_for_selector("#kbl-event-status:has-text('" + s("event_received") + "')")
    with presenter.expect_popup() as shown:
        presenter.click("#kbl-open-projector")
    shown.value.wait_for_load_state()
    presenter.keyboard.press("ArrowRight")
    for address in PAGES[2:]:
        page.goto(f"{base}/{address}")
    away = [u for u in requests if not u.startswith((origin, "blob:", "data:"))]
    assert away == []
    assert page.errors == []
