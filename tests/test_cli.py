"""The `kb` command as contributors and CI run it: output, formats, exit codes."""

from __future__ import annotations

import json

from conftest import FIXTURES, kb, practice_text
from conftest import VALID as VALID_PRACTICE

BROKEN = "tests/fixtures/broken"
VALID = "tests/fixtures/valid"


def test_broken_fixture_reports_exactly_the_expected_problems():
    """The deliberately broken set: every problem, in order, with its line and hint."""
    result = kb("validate", BROKEN, "--today", "2026-06-01")
    expected = (FIXTURES / "broken-expected.txt").read_text(encoding="utf-8")
    assert result.stdout == expected
    assert result.stdout.splitlines()[-1] == "74 problems in 11 files; 1 warning"
    assert result.returncode == 1
    assert result.stderr == ""


def test_every_broken_file_is_reported_and_none_hides_another():
    result = kb("validate", BROKEN, "--today", "2026-06-01")
    reported = {line.split(":")[0] for line in result.stdout.splitlines()[:-1]}
    on_disk = {f"{BROKEN}/{p.name}" for p in (FIXTURES / "broken").glob("*.md")}
    assert reported == on_disk - {f"{BROKEN}/peer-support-network.md"}


def test_clean_files_exit_zero_with_a_summary():
    result = kb("validate", VALID, "--today", "2025-12-01")
    assert (result.returncode, result.stdout) == (0, "3 files checked: no problems\n")


def test_warnings_are_printed_without_failing_unless_strict():
    """Two valid entries are due for review by mid-2026: advice, not an error."""
    result = kb("validate", VALID, "--today", "2026-06-01")
    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert lines[-1] == "3 files checked: no problems; 2 warnings"
    assert lines[0].startswith(
        "tests/fixtures/valid/men-as-allies.md:21: warning: last_reviewed: 2025-03-01 was more "
        "than a year ago"
    )
    strict = kb("validate", VALID, "--today", "2026-06-01", "--strict")
    assert (strict.returncode, strict.stdout) == (1, result.stdout)
    github = kb("validate", VALID, "--today", "2026-06-01", "--format", "github")
    assert github.stdout.startswith("::warning file=tests/fixtures/valid/men-as-allies.md,line=21")
    machine = json.loads(kb("validate", VALID, "--today", "2026-06-01", "--format", "json").stdout)
    assert (machine["problems"], len(machine["warnings"])) == ([], 2)


def test_bad_usage_exits_two():
    assert kb("validate", "no/such/folder").returncode == 2
    assert "no such file or folder: no/such/folder" in kb("validate", "no/such/folder").stderr
    assert kb("validate", "--format", "xml").returncode == 2
    assert kb("validate", "--today", "yesterday").returncode == 2
    assert kb().returncode == 2


def test_nothing_to_check_is_bad_usage_not_a_pass(tmp_path):
    empty = kb("validate", "")
    assert (empty.returncode, empty.stdout) == (2, "")
    assert "an empty path names nothing" in empty.stderr
    (tmp_path / "notes.txt").write_text("not a practice", encoding="utf-8")
    folder = kb("validate", str(tmp_path))
    assert (folder.returncode, folder.stdout) == (2, "")
    assert folder.stderr == f"kb validate: no practice files (*.md) in {tmp_path}\n"
    elsewhere = kb("validate", cwd=tmp_path)
    assert (elsewhere.returncode, elsewhere.stdout) == (2, "")
    assert "there is no practices/ folder here" in elsewhere.stderr


def test_github_format_annotates_the_file_and_line():
    result = kb(
        "validate", f"{BROKEN}/bad-fields.md", "--format", "github", "--today", "2026-06-01"
    )
    first = result.stdout.splitlines()[0]
    assert first == (
        "::error file=tests/fixtures/broken/bad-fields.md,line=4,"
        "title=summary%3A is 309 characters; the limit is 300::"
        "summary: is 309 characters; the limit is 300%0Ashorten it"
    )
    assert result.returncode == 1


def test_json_format_is_machine_readable():
    result = kb("validate", f"{BROKEN}/empty.md", "--format", "json")
    assert json.loads(result.stdout) == {
        "files": 1,
        "problems": [
            {
                "path": "tests/fixtures/broken/empty.md",
                "line": 1,
                "field": "",
                "message": "is empty",
                "hint": "start from the practice template",
            }
        ],
        "warnings": [],
        "summary": "1 problem in 1 file",
    }


def test_invisible_characters_show_as_codes_for_people_and_stay_exact_for_machines(tmp_path):
    data = dict(VALID_PRACTICE)
    data["st\u200bage"] = data.pop("stage")
    (tmp_path / "example-practice.md").write_text(practice_text(data), encoding="utf-8")
    runs = {
        name: kb("validate", str(tmp_path), "--format", name, "--today", "2026-06-01").stdout
        for name in ("text", "github", "json")
    }
    assert "st\\u200bage: is not a field" in runs["text"]
    assert "title=st\\u200bage%3A is not a field" in runs["github"]
    assert "\u200b" not in runs["text"] + runs["github"]
    fields = [p["field"] for p in json.loads(runs["json"])["problems"]]
    assert "st\u200bage" in fields


def test_seed_practices_are_valid():
    result = kb("validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("files checked: no problems\n")


def test_one_practice_checked_alone_is_checked_against_the_others(tmp_path):
    """A contributor runs `kb validate practices/<id>.md`: its translation points at a
    practice it was not given, which is found; its id may not repeat another's."""
    practices = tmp_path / "practices"
    practices.mkdir()
    english = {**VALID_PRACTICE, "id": "peer-circles", "translations": {"fr": "cercles-pairs"}}
    french = {**VALID_PRACTICE, "id": "cercles-pairs", "language": "fr"}
    french["translations"] = {"en": "peer-circles"}
    (practices / "peer-circles.md").write_text(practice_text(english), encoding="utf-8")
    (practices / "cercles-pairs.md").write_text(practice_text(french), encoding="utf-8")
    alone = kb("validate", "practices/peer-circles.md", "--today", "2025-06-01", cwd=tmp_path)
    assert alone.stdout.splitlines()[-1] == "1 file checked: no problems", alone.stdout
    twin = {**english, "translations": {}}
    (practices / "peer-circles-copy.md").write_text(practice_text(twin), encoding="utf-8")
    copy = kb("validate", "practices/peer-circles-copy.md", "--today", "2025-06-01", cwd=tmp_path)
    assert "'peer-circles' is already the id of practices/peer-circles.md" in copy.stdout
