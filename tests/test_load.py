"""Reading files: encodings, line endings and YAML that PyYAML alone would accept."""

from __future__ import annotations

from practice_kb import checks, load

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
