"""Contributing: `kb new`, the issue form and `kb from-issue`, `kb review`."""

from __future__ import annotations

import datetime as dt
import re

import jsonschema
import pytest
import yaml
from check_jsonschema.builtin_schemas import get_builtin_schema

from practice_kb.check import checks
from practice_kb.contribute import issue_form, review
from practice_kb.core import vocabulary

from conftest import FIXTURES, ROOT, TODAY, kb

ISSUES = FIXTURES / "issues"


def fill_placeholders(text: str) -> str:
    """What a contributor does after `kb new`: replace each placeholder with a real value."""
    values = {
        "summary": "A summary.",
        "topics": "[referral]",
        "regions": "[global]",
        "audience": "[communities]",
        "evidence": "anecdotal",
        "stage": "pilot",
        "publication": "true",
        "no_identifying_details": "true",
    }
    lines, last_key = [], ""
    for line in text.split("\n"):
        key = re.match(r"^\s*([a-z_]+):", line)
        last_key = key.group(1) if key else last_key
        if key and "[FILL IN" in line:
            line = line.split(":")[0] + ": " + values[last_key]
        elif line.startswith("- '[FILL IN"):
            line = "- " + values[last_key].strip("[]")
        elif line.startswith("[FILL IN"):
            line = "Written by the contributor."
        lines.append(line)
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# kb new
# ---------------------------------------------------------------------------

OPTIONS = [
    "--title",
    "Peer circles for managers",
    "--organisation",
    "Example Org",
    "--organisation-type",
    "national-ngo",
    "--theme",
    "organisational-culture",
    "--misconduct",
    "sh",
    "--language",
    "fr",
]


def test_new_with_options_writes_the_template_with_the_answers(tmp_path):
    result = kb("new", *OPTIONS, "--no-input", "--dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "peer-circles-for-managers.md"
    assert f"wrote {path}" in result.stdout
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["id"] == "peer-circles-for-managers"
    assert front["organisation"] == {"name": "Example Org", "type": "national-ngo"}
    assert front["themes"] == ["organisational-culture"]
    assert front["submitted"] == dt.date.today()
    # the body's sections are in the entry's language, in order
    headings = [line for line in text.split("\n") if line.startswith("## ")]
    assert headings == [f"## {t.label('fr')}" for t in vocabulary.get("sections").terms]


def test_new_file_lists_its_placeholders_then_passes_once_filled(tmp_path):
    kb("new", *OPTIONS, "--no-input", "--dir", str(tmp_path))
    path = tmp_path / "peer-circles-for-managers.md"
    report = checks.validate([path])
    assert {p.message for p in report.problems} == {"still has the template's placeholder"}
    assert {p.field for p in report.problems} >= {
        "summary",
        "topics",
        "body",
        "consent.publication",
    }
    path.write_text(fill_placeholders(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert [str(p) for p in checks.validate([path]).problems] == []


def test_new_asks_for_what_is_missing(tmp_path):
    answers = "Listening circles\nExample Org\nnine\n3\n2 3\n2\n\n"
    result = kb("new", "--dir", str(tmp_path), stdin=answers)
    assert result.returncode == 0, result.stderr
    front = yaml.safe_load((tmp_path / "listening-circles.md").read_text().split("---\n")[1])
    assert front["organisation"]["type"] == "national-ngo"  # after one wrong answer
    assert front["themes"] == ["organisational-culture", "prevention-and-response"]
    assert front["misconduct"] == ["sh"]
    assert front["language"] == "en"
    assert "Please answer with the choices listed." in result.stderr


def test_new_refuses_to_overwrite(tmp_path):
    (tmp_path / "peer-circles-for-managers.md").write_text("mine", encoding="utf-8")
    result = kb("new", *OPTIONS, "--no-input", "--dir", str(tmp_path))
    assert result.returncode == 1
    assert "already exists; nothing written" in result.stderr
    assert (tmp_path / "peer-circles-for-managers.md").read_text() == "mine"


def test_new_without_a_title_is_bad_usage(tmp_path):
    result = kb("new", "--no-input", "--dir", str(tmp_path))
    assert (result.returncode, list(tmp_path.iterdir())) == (2, [])
    stopped = kb("new", "--dir", str(tmp_path), stdin="Only a title\n")
    assert stopped.returncode == 2
    assert "nothing written" in stopped.stderr
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------
# The issue form and kb from-issue
# ---------------------------------------------------------------------------


def test_issue_form_is_a_valid_github_form():
    """Checked against SchemaStore's schema of GitHub issue forms, as vendored by
    check-jsonschema: the repository needs no copy of its own."""
    form = yaml.safe_load((ROOT / issue_form.FORM_FILE).read_text(encoding="utf-8"))
    jsonschema.validate(form, get_builtin_schema("vendor.github-issue-forms"))


def test_issue_form_offers_every_vocabulary_value_and_every_section():
    form = yaml.safe_load((ROOT / issue_form.FORM_FILE).read_text(encoding="utf-8"))
    by_id = {item["id"]: item for item in form["body"] if "id" in item}
    for field_id, name in [
        ("themes", "themes"),
        ("topics", "topics"),
        ("organisation-type", "organisation_types"),
        ("regions", "regions"),
        ("evidence", "evidence"),
    ]:
        options = by_id[field_id]["attributes"]["options"]
        assert options == [t.label() for t in vocabulary.get(name).terms]
    labels = [item["attributes"]["label"] for item in form["body"] if "id" in item]
    for term in vocabulary.get("sections").terms:
        assert term.label() in labels


def test_from_issue_turns_a_complete_issue_into_a_valid_practice(tmp_path):
    result = kb(
        "from-issue", str(ISSUES / "complete.md"), "--dir", str(tmp_path), "--today", "2026-06-01"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    path = tmp_path / "listening-circles-for-field-managers.md"
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert front["organisation"] == {"name": "Example Women's Network", "type": "women-led"}
    assert front["regions"] == ["east-horn-great-lakes", "southern-africa"]
    assert front["approaches"] == ["survivor-centred", "age-gender-diversity"]
    assert front["countries"] == ["KE", "UG"]
    assert front["years"] == {"start": 2023}
    assert front["resources"] == [
        {
            "title": "Circle guide",
            "url": "https://example.org/circle-guide",
            "kind": "guide",
            "language": "en",
        }
    ]
    assert front["sources"] == [
        {
            "title": "Listening circles: monitoring notes 2023",
            "url": "https://example.org/circle-monitoring",
            "evaluation": True,
        }
    ]
    assert front["provenance"] == "submitted"
    assert front["consent"] == {"publication": True, "no_identifying_details": True}
    assert "2. Managers practise their first response." in path.read_text(encoding="utf-8")


def test_from_issue_reports_what_is_missing(tmp_path):
    result = kb(
        "from-issue", str(ISSUES / "missing.md"), "--dir", str(tmp_path), "--today", "2026-06-01"
    )
    assert result.returncode == 1
    assert "half-finished-submission.md:4: summary: still has the template's placeholder" in (
        result.stdout
    )
    assert "consent.no_identifying_details: must be true to publish" in result.stdout
    assert result.stdout.strip().endswith("13 problems in 1 file")


def test_from_issue_keeps_hostile_text_as_text(tmp_path):
    result = kb(
        "from-issue", str(ISSUES / "hostile.md"), "--dir", str(tmp_path), "--today", "2026-06-01"
    )
    [path] = list(tmp_path.iterdir())
    assert path.parent == tmp_path and path.name == "etc-passwd-script-alert-1-script.md"
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert front["id"] == "etc-passwd-script-alert-1-script"
    assert front["title"] == "../../etc/passwd <script>alert(1)</script>"
    assert front["organisation"]["name"] == "Evil: org id: hijack"
    assert front["summary"].startswith('"quoted": {key: value}')
    # the smuggled section is caught by the validator, not silently accepted
    assert result.returncode == 1
    assert "section 'How it works' appears twice" in result.stdout


def test_from_issue_never_overwrites(tmp_path):
    kb("from-issue", str(ISSUES / "complete.md"), "--dir", str(tmp_path))
    again = kb("from-issue", str(ISSUES / "complete.md"), "--dir", str(tmp_path))
    assert again.returncode == 1
    assert "already exists; nothing written" in again.stderr


# ---------------------------------------------------------------------------
# kb review
# ---------------------------------------------------------------------------


def test_review_lists_overdue_and_unconfirmed_with_who_to_ask():
    entries = checks.validate([FIXTURES / "valid"], today=TODAY, root=ROOT).entries
    practices = [(e.practice, e.document.path) for e in entries]
    overdue, unconfirmed = review.due(practices, dt.date(2026, 3, 1))
    assert [(d.path, d.reason, d.ask) for d in overdue] == [
        (
            "tests/fixtures/valid/reseau-pairs.md",
            "last reviewed 2025-02-01, due 2026-02-01",
            "Example Relief Network",
        ),
    ]
    assert [(d.path, d.ask) for d in unconfirmed] == [
        (
            "tests/fixtures/valid/peer-support-network.md",
            "Example Relief Network (psea@example.org)",
        )
    ]


@pytest.mark.parametrize(
    ("today", "overdue"), [("2026-01-31", 0), ("2026-03-01", 1), ("2026-06-02", 3)]
)
def test_review_command_on_fixed_dates(today, overdue):
    result = kb("review", "--dir", "tests/fixtures/valid", "--today", today)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == f"Past their review date: {overdue}"
    markdown = kb(
        "review", "--dir", "tests/fixtures/valid", "--today", today, "--format", "markdown"
    ).stdout
    assert f"## Past their review date ({overdue})" in markdown


def test_new_compiled_entry_asks_for_sources_and_records_no_consent(tmp_path):
    kb("new", *OPTIONS, "--provenance", "compiled", "--no-input", "--dir", str(tmp_path))
    path = tmp_path / "peer-circles-for-managers.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["provenance"] == "compiled"
    assert "consent" not in front
    assert "# consent: not in a compiled entry" in text
    assert front["sources"] == [
        {
            "title": "[FILL IN: The source's title.]",
            "url": "[FILL IN: Where to read it (https://...).]",
        }
    ]
    fields = {p.field for p in checks.validate([path]).problems}
    assert {"sources.title", "sources.url"} <= fields
    assert not any(f.startswith("consent") for f in fields)


def test_template_defines_each_evidence_level():
    text = (ROOT / "scripts/practice_kb/contribute/data/template.md").read_text(encoding="utf-8")
    for term in vocabulary.get("evidence").terms:
        assert f"# {term.value}: {term.description()}" in text


def test_review_gives_the_age_of_each_compiled_entry():
    result = kb("review", "--dir", "tests/fixtures/valid", "--today", "2025-07-14")
    assert (
        "tests/fixtures/valid/peer-support-network.md: compiled on 2025-01-15 (180 days ago), "
        "not yet confirmed" in result.stdout
    )


def _entry(folder, practice_id: str, **fields) -> None:
    import copy

    from conftest import VALID, practice_text

    data = copy.deepcopy(VALID)
    data.update(id=practice_id, **fields)
    (folder / f"{practice_id}.md").write_text(practice_text(data), encoding="utf-8")


def test_report_counts_a_small_set(tmp_path):
    folder = tmp_path / "practices"
    folder.mkdir()
    _entry(folder, "first")  # compiled, en, monitored, national-ngo, prevention x southern-africa
    _entry(
        folder,
        "second",
        language="fr",
        regions=["southern-africa", "europe"],
        themes=["prevention-and-response", "engaging-men-and-boys"],
        organisation={"name": "Org", "type": "women-led"},
        evidence="anecdotal",
        provenance="submitted",
        consent={"publication": True, "no_identifying_details": True},
        sources=[{"title": "Copy (copy hosted by cupdf.com)", "url": "https://cupdf.com/x.html"}],
    )
    _entry(folder, "third", withdrawn=True)
    result = kb("report", "--dir", str(folder))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Practices: 2 (entries: 2, with translations)"
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.strip()}
    # columns: engaging-men-and-boys, organisational-culture, prevention-and-response
    assert rows["southern-africa"] == ["1", "0", "2"]
    assert rows["europe"] == ["1", "0", "1"]
    assert rows["global"] == ["0", "0", "0"]
    assert rows["women-led"] == ["1"] and rows["national-ngo"] == ["1"]
    assert rows["local-ngo"] == ["0"]
    assert rows["en"] == ["1"] and rows["fr"] == ["1"] and rows["ar"] == ["0"]
    assert rows["monitored"] == ["1"] and rows["anecdotal"] == ["1"]
    assert rows["evaluated"] == ["0"]
    assert rows["submitted"] == ["1"] and rows["compiled"] == ["1"]
    assert "Entries whose sources are all copies on known copy hosts: 1" in lines
    assert "  second: Example practice" in lines
    markdown = kb("report", "--dir", str(folder), "--format", "markdown").stdout
    assert "| Southern Africa | 1 | 0 | 2 |" in markdown
    assert "| Women-led organisation (`women-led`) | 1 |" in markdown
    assert "- `second`: Example practice" in markdown


def test_report_counts_a_practice_once_whatever_its_translations(tmp_path):
    folder = tmp_path / "practices"
    folder.mkdir()
    _entry(folder, "peer-circles", translations={"fr": "cercles-pairs"})
    _entry(folder, "cercles-pairs", language="fr", translations={"en": "peer-circles"})
    _entry(folder, "another")
    lines = kb("report", "--dir", str(folder)).stdout.splitlines()
    assert lines[0] == "Practices: 2 (entries: 3, with translations)"
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.strip()}
    assert rows["en"] == ["2"] and rows["fr"] == ["1"]  # each language counts its entries
    assert rows["monitored"] == ["2"]  # the other figures count each practice once
