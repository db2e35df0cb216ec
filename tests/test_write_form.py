"""The "Write a practice" page: a form generated from the model, in a real browser.

Filled in English and in Arabic, it writes a file `kb validate` accepts; the GitHub
button carries the file; bad values and personal details are reported in the
validator's words and block the way out until fixed or overridden; a draft is kept
only when asked; the offline copy works from file://; axe-core finds nothing serious;
nothing leaves the page's origin; and the file holds the same data as `kb new`'s.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import sites
import yaml
from playwright.sync_api import expect
from test_readers import exit_url

from practice_kb.contribute import contribute_form
from practice_kb.core import model, strings, vocabulary

from conftest import AXE, ROOT, RUN_AXE, kb, serious

SECTIONS = [t.value for t in vocabulary.get("sections").terms]


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """The whole site as deployed (every language, offline copies), served on loopback."""
    built = sites.languages_site(tmp_path_factory)
    with sites.serve(built) as (base, _):
        yield base, built


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def body(text: str) -> str:
    return text.split("---\n", 2)[2]


def path(name: str) -> str:
    return f'[data-kbw-path="{name}"]'


ENGLISH = {
    "title": "Peer support circles for focal points",
    "summary": "Focal points meet monthly in small circles to share how they handle reports.",
    "organisation.name": "Example Network of Organisations",
    "sections": {
        "what": "Focal points meet in small circles to share practice.",
        "how": "1. A convenor invites five focal points.\n2. They meet monthly.",
        "results": "Focal points said they felt less alone; nothing was measured.",
        "lessons": "Circles lapsed when the convenor left.",
        "adapt": "Any network can start one with a convenor and a room.",
    },
}
ARABIC = {
    "id": "peer-circles-ar",
    "title": "حلقات دعم الأقران لجهات التنسيق",
    "summary": "تلتقي جهات التنسيق شهريًا في حلقات صغيرة لتبادل طرق التعامل مع البلاغات.",
    "organisation.name": "شبكة منظمات للتجربة",
    "sections": {
        "what": "تلتقي جهات التنسيق في حلقات صغيرة لتبادل الممارسات.",
        "how": "يدعو منسّق خمس جهات تنسيق، ثم يلتقون كل شهر.",
        "results": "قالت جهات التنسيق إنها شعرت بعزلة أقل؛ لم يُقَس شيء.",
        "lessons": "توقفت الحلقات حين غادر المنسّق.",
        "adapt": "يمكن لأي شبكة أن تبدأ بمنسّق وغرفة.",
    },
}


def fill(page, answers: dict) -> None:
    """Answer every required question with valid values (a submitted entry)."""
    if "id" in answers:
        page.fill(path("id"), answers["id"])
    page.fill(path("title"), answers["title"])
    page.fill(path("summary"), answers["summary"])
    page.fill(path("organisation.name"), answers["organisation.name"])
    page.select_option(path("organisation.type"), "network")
    for name, value in (
        ("themes", "prevention-and-response"),
        ("topics", "coordination"),
        ("misconduct", "sea"),
        ("regions", "global"),
        ("audience", "psea-focal-points"),
    ):
        page.check(f'[data-kbw-choice="{name}"][value="{value}"]')
    page.select_option(path("evidence"), "anecdotal")
    page.select_option(path("stage"), "active")
    page.check(path("consent.publication"))
    page.check(path("consent.no_identifying_details"))
    for key, text in answers["sections"].items():
        page.fill(path(f"body.{key}"), text)


def download(page) -> str:
    with page.expect_download() as info:
        page.click("#kbw-download")
    return Path(info.value.path()).read_text(encoding="utf-8")


def validate(tmp_path: Path, name: str, text: str) -> subprocess.CompletedProcess:
    folder = tmp_path / "practices"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return kb("validate", str(folder / name), cwd=tmp_path)


def import_text(page, text: str) -> None:
    """Paste a file or an issue's text under "Correct an existing practice"."""
    page.locator("details.kbw-import").evaluate("details => { details.open = true; }")
    page.fill("#kbw-import-text", text)
    page.click("#kbw-import")
    expect(page.locator("#kbw-import-status")).not_to_have_text("")


def problems(page) -> str:
    return page.inner_text("#kbw-report-list")


# ---------------------------------------------------------------------------
# Filled in a browser, the file is valid
# ---------------------------------------------------------------------------


def test_english_form_writes_a_file_the_validator_accepts(page, deployed, tmp_path):
    base, _ = deployed
    page.goto(f"{base}/en/write.html")
    fill(page, ENGLISH)
    assert page.input_value(path("id")) == "peer-support-circles-for-focal-points"
    assert problems(page) == ""
    assert page.inner_text("#kbw-report-status") == strings.t("write.summary_none")
    text = download(page)
    result = validate(tmp_path, "peer-support-circles-for-focal-points.md", text)
    assert result.returncode == 0, result.stdout
    data = front(text)
    assert data["organisation"] == {"name": "Example Network of Organisations", "type": "network"}
    assert data["consent"] == {"publication": True, "no_identifying_details": True}
    assert data["language"] == "en"
    assert "## What did not work and lessons\n\nCircles lapsed" in body(text)
    assert page.errors == []


def test_arabic_form_writes_a_file_the_validator_accepts(page, deployed, tmp_path):
    base, _ = deployed
    page.goto(f"{base}/ar/write.html")
    assert page.get_attribute("body", "dir") == "rtl"
    assert strings.t("nav.write", "ar") in page.inner_text("h1")
    # the labels are the vocabulary's Arabic ones
    label = vocabulary.get("regions").label("global", "ar")
    assert label in page.inner_text('[data-kbw-path="regions"]')
    fill(page, ARABIC)
    assert problems(page) == ""
    text = download(page)
    result = validate(tmp_path, "peer-circles-ar.md", text)
    assert result.returncode == 0, result.stdout
    assert front(text)["language"] == "ar"
    assert front(text)["title"] == ARABIC["title"]
    heading = vocabulary.get("sections").label("lessons", "ar")
    assert f"## {heading}\n\n{ARABIC['sections']['lessons']}" in body(text)
    assert page.errors == []


def test_the_github_button_carries_the_file_name_and_content(page, deployed):
    base, _ = deployed
    page.goto(f"{base}/en/write.html")
    fill(page, ENGLISH)
    href = page.get_attribute("#kbw-github", "href")
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://github.com/OWNER/REPOSITORY/new/main"
    )
    query = parse_qs(parts.query)
    assert query["filename"] == ["practices/peer-support-circles-for-focal-points.md"]
    assert query["value"] == [download(page)]


def test_a_file_too_long_for_an_address_is_copied_and_github_opened_without_it(page, deployed):
    base, _ = deployed
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{base}/en/write.html")
    long = dict(ENGLISH, sections={**ENGLISH["sections"], "how": "A step of the work. " * 600})
    fill(page, long)
    href = page.get_attribute("#kbw-github", "href")
    assert "value=" not in href and "filename=practices%2Fpeer-support" in href
    with page.context.expect_page() as opened:
        page.click("#kbw-github")
    assert "value=" not in opened.value.url
    expect(page.locator("#kbw-out-status")).to_have_text(strings.t("write.github_pasted"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.input_value("#kbw-output") and copied.startswith("---\nid: peer")


# ---------------------------------------------------------------------------
# Problems, in the validator's words
# ---------------------------------------------------------------------------


def test_a_bad_value_shows_the_validators_message_and_blocks_the_download(page, deployed):
    base, _ = deployed
    page.goto(f"{base}/en/write.html")
    fill(page, ENGLISH)
    page.click("[data-kbw-add=sources]")
    page.fill(path("sources.0.title"), "Annual report")
    page.fill(path("sources.0.url"), "www.example.org/report")
    message = "'www.example.org/report' is not an absolute http(s) URL"
    assert message in page.inner_text("#kbw-f-sources-0-url-problems")
    assert message in problems(page)
    # the summary links to the field
    link = page.locator("#kbw-report-list a", has_text=message)
    assert link.get_attribute("href") == "#kbw-f-sources-0-url"
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.click("#kbw-download")
    page.wait_for_timeout(300)
    assert downloads == []
    assert page.inner_text("#kbw-out-status") == strings.t("write.blocked")
    assert page.get_attribute("#kbw-github", "aria-disabled") == "true"
    # fixed: the way out opens
    page.fill(path("sources.0.url"), "https://www.example.org/report")
    assert problems(page) == ""
    assert front(download(page))["sources"] == [
        {"title": "Annual report", "url": "https://www.example.org/report"}
    ]


def test_the_override_writes_the_file_with_its_problems(page, deployed):
    base, _ = deployed
    page.goto(f"{base}/en/write.html")
    page.fill(path("title"), "Only a title")
    page.click("#kbw-download")
    assert page.inner_text("#kbw-out-status") == strings.t("write.blocked")
    page.check("#kbw-override")
    text = download(page)
    assert front(text)["title"] == "Only a title"
    assert "[FILL IN: one of" in text  # the template's placeholders for what is missing


def test_vocabulary_values_get_a_did_you_mean(page, deployed):
    base, _ = deployed
    page.goto(f"{base}/en/write.html")
    import_text(page, "---\nid: x\ntitle: X\nstage: activ\n---\n")
    item = page.locator("#kbw-report-list li", has_text="is not a stage")
    assert item.inner_text().split("\n") == [
        strings.t("write.field.stage"),
        "'activ' is not a stage; did you mean 'active'?",
    ]


def test_a_personal_email_address_in_a_section_is_flagged(page, deployed):
    base, _ = deployed
    page.goto(f"{base}/en/write.html")
    fill(page, ENGLISH)
    page.fill(path("body.how"), "Write to amina.k@gmail.com or to psea@example.org to join.")
    shown = page.inner_text("#kbw-f-body-how-problems")
    assert "'amina.k@gmail.com' looks like a personal email address" in shown
    assert "psea@example.org" not in shown  # a role mailbox is fine
    assert page.get_attribute(path("body.how"), "aria-invalid") == "true"
    page.fill(path("summary"), "Call +254 20 555 0199 to join.")
    assert "'+254 20 555 0199' looks like a phone number" in problems(page)


def test_lengths_dates_and_provenance_follow_the_model(page, deployed):
    base, _ = deployed
    page.goto(f"{base}/en/write.html")
    limit = model.json_schema()["properties"]["summary"]["maxLength"]
    page.fill(path("summary"), "x" * (limit + 1))
    assert f"is {limit + 1} characters; the limit is {limit}" in problems(page)
    page.fill(path("submitted"), "2099-01-01")
    assert "2099-01-01 is in the future" in problems(page)
    # a compiled entry: no consent block, and sources are required
    assert page.is_visible(path("consent.publication"))
    page.select_option(path("provenance"), "compiled")
    assert not page.is_visible(path("consent.publication"))
    assert "a compiled entry must cite its sources" in problems(page)
    assert "consent" not in front(page.input_value("#kbw-output"))


def test_markup_and_placeholders_are_flagged(page, deployed):
    base, _ = deployed
    page.goto(f"{base}/en/write.html")
    page.fill(path("title"), "<img src=x onerror=alert(1)>")
    page.fill(path("body.what"), "[FILL IN: what it is]")
    found = problems(page)
    assert "contains the HTML tag <img>" in found
    assert "contains an event handler (on...=)" in found
    assert "still has the template's placeholder" in found


# ---------------------------------------------------------------------------
# Drafts, only when asked
# ---------------------------------------------------------------------------


def stored(page) -> str | None:
    return page.evaluate("window.localStorage.getItem('kb-write-draft')")


def test_a_draft_is_kept_only_when_asked_and_deleted_by_the_button(page, deployed):
    base, _ = deployed
    page.goto(f"{base}/en/write.html")
    page.fill(path("title"), "Not kept")
    assert stored(page) is None
    page.reload()
    assert page.input_value(path("title")) == ""
    page.check("#kbw-keep")
    page.fill(path("title"), "Kept on this device")
    assert json.loads(stored(page))["data"]["title"] == "Kept on this device"
    page.reload()
    assert page.input_value(path("title")) == "Kept on this device"
    assert page.is_checked("#kbw-keep")
    assert page.inner_text("#kbw-draft-status") == strings.t("write.draft_restored")
    page.click("#kbw-delete-draft")
    assert stored(page) is None
    assert not page.is_checked("#kbw-keep")
    page.fill(path("title"), "No longer kept")
    assert stored(page) is None
    page.reload()
    assert page.input_value(path("title")) == ""


def test_the_staying_safe_page_mentions_the_draft(deployed):
    _, built = deployed
    for lang in vocabulary.SITE_LANGUAGES:
        text = (built / lang / "staying-safe.html").read_text(encoding="utf-8")
        assert 'href="write.html"' in text, lang


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------


def test_an_existing_practice_file_comes_back_unchanged(page, deployed, tmp_path):
    base, _ = deployed
    original = ROOT / "practices" / "programa-h.md"
    page.goto(f"{base}/en/write.html")
    page.click("summary:has-text('" + strings.t("write.import_legend") + "')")
    page.set_input_files("#kbw-import-file", str(original))
    expect(page.locator("#kbw-import-status")).not_to_have_text("")
    assert page.inner_text("#kbw-import-status") == strings.t("write.import_done")
    written = download(page)
    source = original.read_text(encoding="utf-8")
    assert front(written) == front(source)
    for key in SECTIONS:  # the same five sections, in the entry's language
        label = vocabulary.get("sections").label(key, "es")
        assert f"## {label}\n" in written
    validate(tmp_path, "programa-h.md", written)
    # checked with its English version, which its translations name
    english = (ROOT / "practices" / "program-h.md").read_text(encoding="utf-8")
    (tmp_path / "practices" / "program-h.md").write_text(english, encoding="utf-8")
    result = kb("validate", str(tmp_path / "practices"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_the_issue_text_goes_to_kb_from_issue_and_comes_back(page, deployed, tmp_path):
    base, _ = deployed
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{base}/en/write.html")
    fill(page, ENGLISH)
    page.click("[data-kbw-add=resources]")
    page.fill(path("resources.0.title"), "Circle guide")
    page.fill(path("resources.0.url"), "https://example.org/circles")
    page.select_option(path("resources.0.kind"), "guide")
    page.fill(path("resources.0.language"), "en")
    written = front(download(page))
    page.click("#kbw-copy-issue")
    expect(page.locator("#kbw-out-status")).to_have_text(strings.t("write.copied_issue"))
    issue = page.evaluate("navigator.clipboard.readText()")
    assert issue.startswith("### Title\n\nPeer support circles")
    (tmp_path / "issue.md").write_text(issue, encoding="utf-8")
    today = dt.date.today().isoformat()
    result = kb("from-issue", "issue.md", "--dir", "practices", "--today", today, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    from_issue = front(next((tmp_path / "practices").glob("*.md")).read_text(encoding="utf-8"))
    assert from_issue == written
    # and the issue text fills the form again
    page.reload()
    import_text(page, issue)
    assert front(download(page)) == written


# ---------------------------------------------------------------------------
# The same data as `kb new`
# ---------------------------------------------------------------------------


def test_the_form_and_kb_new_write_the_same_data_from_the_same_answers(page, deployed, tmp_path):
    result = kb(
        "new",
        "--no-input",
        "--title",
        "Safe reporting desk",
        "--organisation",
        "Example Council",
        "--organisation-type",
        "local-ngo",
        "--theme",
        "prevention-and-response",
        "--misconduct",
        "sh",
        "--language",
        "fr",
        "--provenance",
        "compiled",
        "--dir",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    scaffolded = (tmp_path / "safe-reporting-desk.md").read_text(encoding="utf-8")
    base, _ = deployed
    page.goto(f"{base}/en/write.html")
    page.fill(path("title"), "Safe reporting desk")
    page.fill(path("organisation.name"), "Example Council")
    page.select_option(path("organisation.type"), "local-ngo")
    page.check('[data-kbw-choice="themes"][value="prevention-and-response"]')
    page.check('[data-kbw-choice="misconduct"][value="sh"]')
    page.fill(path("language"), "fr")
    page.select_option(path("provenance"), "compiled")
    page.check("#kbw-override")
    written = download(page)
    assert front(written) == front(scaffolded)
    assert body(written) == body(scaffolded)
    # the same layout: the same keys and comments, line for line
    assert written == scaffolded


# ---------------------------------------------------------------------------
# Offline, accessible, and nothing sent anywhere
# ---------------------------------------------------------------------------


def test_the_offline_copy_works_from_the_file_system(page, deployed, tmp_path):
    _, built = deployed
    with zipfile.ZipFile(built / "offline" / "joint-journey-kb-en.zip") as archive:
        archive.extractall(tmp_path)
    page.goto((tmp_path / "joint-journey-kb-en" / "write.html").as_uri())
    fill(page, ENGLISH)
    assert problems(page) == ""
    text = download(page)
    assert front(text)["id"] == "peer-support-circles-for-focal-points"
    # js-yaml is there too: import works offline
    import_text(page, text.replace("Peer support circles", "Circles"))
    assert page.input_value(path("title")).startswith("Circles for focal points")
    assert page.errors == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_axe_finds_no_serious_or_critical_violation(audit, deployed, lang):
    base, _ = deployed
    audit.goto(f"{base}/{lang}/write.html")
    audit.fill(path("title"), "<b>x</b> jane@gmail.com")  # with problems shown
    audit.click("[data-kbw-add=sources]")
    audit.click("summary:has-text('" + strings.t("write.import_legend", lang) + "')")
    # the page's own content: the theme's header and navigation, the same on every
    # page, are audited by test_accessibility.py
    audit.add_script_tag(path=str(AXE))
    result = audit.evaluate(RUN_AXE.replace("axe.run(document,", "axe.run('article',"))
    assert len(result["passes"]) > 10, "axe-core checked nothing"
    assert serious(result) == [], lang


def test_no_request_leaves_the_pages_origin(page, deployed):
    base, _ = deployed
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/en/write.html")
    fill(page, ENGLISH)
    download(page)
    page.click("#kbw-copy-issue")
    # js-yaml comes only when a file is imported
    assert not [u for u in requests if "js-yaml" in u]
    import_text(page, "---\ntitle: X\n---\n")
    page.wait_for_timeout(300)
    assert [u for u in requests if "js-yaml" in u]
    elsewhere = [u for u in requests if not u.startswith((base + "/", "blob:", "data:"))]
    assert requests and elsewhere == []


def test_the_quick_exit_works_on_the_page_even_while_typing(page, deployed):
    base, _ = deployed
    page.goto(f"{base}/en/write.html")
    page.click(path("title"))
    page.keyboard.type("Peer Support")  # capitals: Shift, then a letter, resets the count
    assert page.url.endswith("/en/write.html")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url())


def test_the_page_has_a_content_security_policy_and_no_inline_script(deployed):
    _, built = deployed
    text = (built / "en" / "write.html").read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in text
    article = text[text.index("<article") : text.index("</article>")]
    scripts = re.findall(r"<script([^>]*)>", article)
    assert scripts and all("src=" in s or "application/json" in s for s in scripts)


# ---------------------------------------------------------------------------
# Derived from the model, nothing written twice
# ---------------------------------------------------------------------------


def test_every_field_of_the_model_is_on_the_page_with_a_label_in_every_language():
    for lang in vocabulary.SITE_LANGUAGES:
        page = contribute_form.page(lang)
        for name in model.FIELDS:
            assert f'data-kbw-path="{name}"' in page or f'"{name}"' in page, name
        data = contribute_form.page_data(lang, "", "main")
        for field in data["field_labels"]:
            assert f"write.field.{field}" in strings.strings(), (field, lang)


def test_the_messages_are_the_validators_own():
    found = contribute_form.messages()
    assert found["privacy"]["email"][0] == "'{value}' looks like a personal email address"
    assert found["vocabulary"]["themes"] == "'{value}' is not a theme"
    assert found["too_long"][0] == "is {length} characters; the limit is {limit}"


def test_the_patterns_compile_in_javascript():
    patterns = {
        name: spec for name, spec in contribute_form.patterns().items() if isinstance(spec, dict)
    }
    script = (
        "const p = JSON.parse(process.argv[1]);"
        "for (const [n, s] of Object.entries(p)) new RegExp(s.source, s.flags);"
        "console.log(Object.keys(p).length)"
    )
    result = subprocess.run(
        ["node", "-e", script, json.dumps(patterns)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == len(patterns)


def test_the_branch_comes_from_edit_uri():
    assert contribute_form.branch_of("edit/main/docs/") == "main"
    assert contribute_form.branch_of("blob/develop/docs/") == "develop"
    assert contribute_form.branch_of("") == "main"
