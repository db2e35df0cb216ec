"""Reading files: encodings, line endings and YAML that PyYAML alone would accept."""

from __future__ import annotations

import os

import pytest

from practice_kb.check import checks
from practice_kb.core import load

from conftest import BODY, TODAY, VALID, practice_text


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "example-practice.md"
    text = practice_text(VALID, BODY).replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert checks.validate([path], today=TODAY).problems == []


def test_line_numbers_survive_crlf(tmp_path):
    path = tmp_path / "example-practice.md"
    text = practice_text(dict(VALID, evidence="strong"), BODY).replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    [problem] = checks.validate([path], today=TODAY).problems
    assert problem.line == text.split("\r\n").index("evidence: strong") + 1


def test_nul_byte_is_reported():
    document, problems = load.parse(b"---\nid: a\x00b\n---\n", "x.md")
    assert document is None
    assert [str(p) for p in problems] == ["x.md:2: contains a NUL byte; save it as plain text"]


def test_oversized_file_is_reported_without_reading_it_as_yaml():
    document, problems = load.parse(b"x" * (load.MAX_BYTES + 1), "big.md")
    assert document is None
    assert [p.message for p in problems] == ["is 200,001 bytes; the limit is 200,000"]


def test_unclosed_frontmatter():
    _, problems = load.parse(b"---\nid: a\n", "x.md")
    assert [p.message for p in problems] == ["frontmatter is never closed"]


def test_empty_frontmatter():
    _, problems = load.parse(b"---\n---\nbody\n", "x.md")
    assert [p.message for p in problems] == ["frontmatter is empty"]


def test_tabs_get_a_hint():
    _, problems = load.parse(b"---\nid: a\n\ttitle: b\n---\n", "x.md")
    assert problems[0].hint == "indent with spaces, not tabs"


def test_nested_duplicate_keys_are_reported():
    text = b"---\norganisation:\n  name: A\n  name: B\n---\n"
    _, problems = load.parse(text, "x.md")
    assert [str(p) for p in problems] == [
        "x.md:4: organisation.name: appears twice (first on line 3); "
        "keep one of them: YAML would silently drop the first"
    ]


def test_symlink_is_refused(tmp_path):
    target = tmp_path / "real.md"
    target.write_text(practice_text(VALID), encoding="utf-8")
    link = tmp_path / "example-practice.md"
    link.symlink_to(target)
    document, problems = load.read(link, "example-practice.md")
    assert document is None
    assert [p.message for p in problems] == ["is a symbolic link"]


def test_each_alias_is_reported_where_it_is_written_and_once_per_line():
    text = (
        b"---\n"
        b"base: &b {name: A, type: network}\n"
        b"organisation: *b\n"
        b"regions: [*b, *b, *b]\n"
        b"topics:\n"
        b"  - &t one\n"
        b"  - *t\n"
        b"---\n"
    )
    _, problems = load.parse(text, "x.md")
    aliases = [(p.line, p.field) for p in problems if "alias" in p.message]
    assert aliases == [(3, "organisation"), (4, "regions"), (7, "topics")]


def test_a_named_pipe_is_reported_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "example-practice.md"
    os.mkfifo(pipe)
    document, problems = load.read(pipe, "example-practice.md")
    assert document is None
    assert [p.message for p in problems] == ["is a special file, not a practice file"]


def test_folders_and_capital_extensions_among_practices_are_reported(tmp_path):
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "example-practice.MD").write_text(practice_text(VALID), encoding="utf-8")
    problems = checks.validate([tmp_path], today=TODAY, root=tmp_path).problems
    assert [str(p) for p in problems] == [
        "example-practice.MD:1: the file name 'example-practice.MD' must end in '.md'; "
        "rename it to example-practice.md",
        "folder.md:1: is a folder, not a practice file; "
        "a practice is a Markdown file of its own, such as practices/peer-network.md",
    ]


def test_a_file_that_cannot_be_read_says_what_to_check(tmp_path, monkeypatch):
    path = tmp_path / "example-practice.md"
    path.write_text(practice_text(VALID), encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(load.os, "open", refuse)
    _, problems = load.read(path, "example-practice.md")
    assert [str(p) for p in problems] == [
        "example-practice.md:1: cannot be read: Permission denied; "
        "check that the file exists and that you may read it"
    ]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_an_invisible_line_separator_is_reported_and_later_lines_stay_right(separator):
    text = f"---\ntitle: A{separator}B\nsummary: x\nevidence: strong\n---\n"
    document, problems = load.parse(text.encode("utf-8"), "x.md")
    assert [str(p) for p in problems] == [
        f"x.md:2: contains an invisible line separator (U+{ord(separator):04X}); "
        "replace it with an ordinary line break; it often comes with pasted text"
    ]
    assert document is not None and document.line_of(("evidence",)) == 4


def test_aliases_are_found_after_values_that_are_not_read_and_in_keys_and_merges():
    text = (
        "---\n"
        "123: &x foo\n"  # a key that is not a field: its value is not read
        "list:\n"
        "  - *x\n"
        "  - *x\n"
        "&k key: 1\n"
        "*k : 2\n"
        "base: &b {a: 1}\n"
        "m:\n"
        "  <<: *b\n"
        "other: *b\n"
        "---\n"
    )
    _, problems = load.parse(text.encode("utf-8"), "x.md")
    assert [(p.line, p.field, p.message) for p in problems if "key '123'" not in p.message] == [
        (4, "list", "uses a YAML alias (*name)"),
        (5, "list", "uses a YAML alias (*name)"),
        (7, "", "uses a YAML alias (*name)"),
        (10, "m", "'<<' merges in the fields of another mapping"),
        (11, "other", "uses a YAML alias (*name)"),
    ]


def test_a_non_breaking_space_inside_text_is_not_blamed_for_a_later_error():
    text = "---\nsummary: |\n  \u00a0quoted\ntitle: a: b\n---\n"
    _, problems = load.parse(text.encode("utf-8"), "x.md")
    assert [p.line for p in problems] == [4]
    assert "non-breaking" not in problems[0].hint


def test_indenting_with_a_non_breaking_space_is_reported_on_its_line():
    text = "---\norganisation:\n\u00a0 name: A\n  type: network\n---\n"
    _, problems = load.parse(text.encode("utf-8"), "x.md")
    assert [(p.line, p.hint) for p in problems] == [
        (3, "indent with ordinary spaces, not a non-breaking space")
    ]


def test_invisible_characters_are_shown_as_codes_in_the_report(tmp_path):
    data = dict(VALID)
    data["st\u200bage"] = data.pop("stage")
    path = tmp_path / "example-practice.md"
    path.write_text(practice_text(data), encoding="utf-8")
    text = [str(p) for p in checks.validate([path], today=TODAY, root=tmp_path).problems]
    assert any(
        line.startswith("example-practice.md:") and "st\\u200bage: is not a field" in line
        for line in text
    )
    assert all(line.isprintable() for line in text)
