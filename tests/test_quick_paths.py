"""The validator's quick paths find exactly what its careful paths find.

Validating thousands of files fast rests on shortcuts: one quick test of a
document's texts joined together before checking each text, and a fast YAML
loader before the careful one. A shortcut that skipped a problem would let an
email address, a phone number or a script through, so these tests hold each
shortcut to the full check over generated texts built from the pieces that
the checks look for.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from practice_kb.check import checks, markup, privacy
from practice_kb.core import load, markdown_model

from conftest import TODAY

# the pieces that the careful checks look for, and what could hide or break them
PIECES = [
    *("@", "jane.doe", "@example.org", "+", "(", ")", "-", "–", "/", ".", ",", "!", "?"),
    *("0", "1", "12", "15", "2023", "254 712 345 678", "020 123 4567", "978-92-1"),
    *(" ", "  ", "\n", "\t", "\u200b", "\u00a0", "\u2028", "\x0b", "ı", "ſ", "İ", "K"),
    *("survivor", "Complaint", "abused", "harcèlement", "queja", "incident"),
    *("aged", "age", "year", "years", "-year-old", " year old", "ans", "años", "to", "and"),
    *("Monday", "on", "last", "day", "May", "mars", "jan", "3 May 2021"),
    *("Street", "St.", "rue", "calle", "Box", "P.O.", "shari", "Crescent", "bis"),
    *("<", ">", "&", "&lt;", "&#60;", "&amp;lt;", "=", "{", "}", ":", "script", "java"),
    *("JavaScript", "vbscript", "data", "text/html", "onload", "img", "a href"),
    *("[link](", "]:", "https://example.org", "isbn", "doi"),
    *("word", "Team", "PSEA", "x"),
    *(" at ", "[at]", "(AT)", " dot ", "[dot]", "(dot)", "{at}", "anecdotal", "org", "jane"),
]
texts = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)
SLOW = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("module", [privacy, markup], ids=["privacy", "markup"])
@SLOW
@given(parts=st.lists(texts, min_size=1, max_size=4))
def test_the_quick_test_of_joined_texts_misses_nothing(module, parts):
    if any(list(module.text_problems(part)) for part in parts):
        assert module.suspect("\n".join(parts))


@pytest.mark.parametrize(
    "text",
    [
        "A survivor aged 12 reported it",
        "The complaint came on Monday.",
        "harassment on 3 May 2021",
        "call +41 22 123 4567",
        "office at 12 Main Street",
        "office at 12 İmpasse des Lilas",  # casefold writes 'İ' as 'i' and a combining dot
        "mail jane.doe@example.org",
        "Le 3 mai 2022, une plainte",
        "une victime de ١٥ ans",
    ],
)
def test_the_quick_test_flags_what_the_check_reports(text):
    assert list(privacy.text_problems(text))
    assert privacy.suspect(f"Title\n{text}\nsea")


@pytest.mark.parametrize(
    "text", ["java\u200bscript:alert(1)", "JAVA SCRIPT :x", "data: text/html,x", "javaſcript:"]
)
def test_the_quick_test_flags_hidden_schemes(text):
    assert list(markup.text_problems(text))
    assert markup.suspect(f"a title\n{text}")


AGES_AND_DATES = [
    *("A survivor", "complaint", "abuse", "aged 12", "aged 15-49", "12 years old", "16 ans"),
    *("3 May 2021", "May 3, 2021", "2021-05-03", "on Monday", "\n", "\n\n", "\n- ", ". ", " "),
    *("- 15", " to 18", " and over", "2019-2023", "ı", "ß", "\u0345", "+(", "254 712 345 678"),
]
bodies_with_ages = st.lists(st.sampled_from(AGES_AND_DATES), max_size=12).map("".join)


@SLOW
@given(body=bodies_with_ages | st.lists(texts, max_size=4).map("\n".join))
@example(body="A survivor aged 12\n\n- and more")  # a paragraph's last sentence ends with it
@example(body="Straße\n\nA survivor aged 12")  # casefold writes 'ß' as two letters
@example(body="Call +(254) 712 345 67")  # eight digits after '+('
def test_the_body_the_quick_test_clears_has_no_identifying_details(body):
    document = load.Document("x.md", {}, body, 1)
    found = list(checks.identifying_details(document, []))
    paragraphs = (" ".join(lines) for _, lines in checks._paragraphs(body, 1))
    assert bool(found) == any(list(privacy.text_problems(p)) for p in paragraphs)


def test_clean_text_passes_the_quick_tests():
    clean = "Community volunteers listen to staff and managers.\nTeam\nsea"
    assert not privacy.suspect(clean)
    assert not markup.suspect(clean)


def test_a_body_passes_the_quick_test_but_its_links_are_still_checked():
    body = "## What the practice is\n\nStaff listen. Managers act.\n"
    assert list(markup.body_problems(body, 1, "x.md")) == []
    assert list(markup.body_problems(body + "See [this](javascript:x).\n", 1, "x.md"))


# --- the Markdown body: render only when it could hold something -----------------

BODY_PIECES = [
    *PIECES,
    *("```", "  ```", "````", "~~~", "    ", "- ", "1. ", "> ", "## ", "# ", "#", "==="),
    *("---", "Title", "\n\n", "![i](x)", "[a](b)", "[r]: x", "M&E", "&amp;", "on", "click="),
]
bodies = st.lists(st.sampled_from(BODY_PIECES), max_size=24).map("".join)


@SLOW
@given(body=bodies)
@example(body="- [r]: x")  # a reference definition inside a list item defines it too
@example(body="> [r]: x")
@example(body="\xa0[r]: x")  # a no-break space before it, which the renderer strips
@example(body="!!!-")  # an admonition: the renderer's own classes on <div> and <p>
def test_a_body_the_quick_test_clears_has_nothing_the_full_check_would_report(body):
    if not markup._needs_rendering(body):
        assert list(markup.rendered_problems(body, 1, "x.md")) == []


@SLOW
@given(body=bodies)
def test_the_quick_heading_scan_finds_what_the_renderer_finds(body):
    lines = body.split("\n")
    if markdown_model._plain(lines, body):
        assert markdown_model.headings(body, 7) == markdown_model._rendered_headings(lines, 7, True)


def test_headings_are_what_the_renderer_makes_of_the_lines():
    body = "## A\n\n  ```\n## B\n  ```\n\n```\n## not B\n```\n\nTitle\n=====\n\n#hashtag\n"
    assert [(h.level, h.text, h.line) for h in markdown_model.headings(body)] == [
        (2, "A", 1),
        (2, "B", 4),
        (1, "Title", 11),
        (1, "hashtag", 14),
    ]


# --- the fast YAML loader ------------------------------------------------------

keys = st.text(alphabet="abcdefghij_", min_size=1, max_size=8)
scalars = (
    st.text(max_size=30)
    | st.integers()
    | st.booleans()
    | st.none()
    | st.dates(min_value=dt.date(1900, 1, 1))
    | st.floats(allow_nan=False)
    | st.sampled_from(["yes", "No", "on", "~", "0x1F", "1_000", "2024-02-30", "12:30", "<<"])
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


@SLOW
@given(data=st.dictionaries(keys, values, max_size=8), style=st.sampled_from([None, False, True]))
def test_the_fast_loader_reads_what_the_careful_walker_reads(data, style):
    text = yaml.safe_dump(data, default_flow_style=style, allow_unicode=True)
    fast, fast_problems = load.parse_mapping(text, "x.md", 1, "", 0, "frontmatter")
    careful, careful_problems = load._Walker("x.md", 1).parse(text)
    assert fast_problems == careful_problems
    assert (fast.data if fast else None) == careful


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x 1\nb: *x\n", "uses a YAML alias"),
        ("a: 1\na: 2\n", "appears twice"),
        ("a: !!python/name:os.system x\n", "uses the YAML tag"),
        ("a: !!str {b: 1}\n", "uses the YAML tag '!!str'"),
        ("? [a, b]\n: 1\n", "a key must be a plain field name"),
        ("a: 2024-02-30\n", "is not a real date"),
        ("<<: {a: 1}\n", "'<<' merges in the fields of another mapping"),
    ],
)
def test_what_the_fast_loader_leaves_to_the_careful_walker_is_still_reported(text, message):
    _, problems = load.parse_mapping(text, "x.md", 1, "", 0, "frontmatter")
    assert [p.message for p in problems if message in p.message], problems


def test_the_validator_gives_the_same_report_in_one_process_or_several(
    tmp_path, write, valid, monkeypatch
):
    # two processes whatever this machine has: on one core the test still runs them
    monkeypatch.setattr(checks.os, "cpu_count", lambda: 2)
    for index in range(checks.PARALLEL_FROM + 1):
        write({**valid, "id": f"practice-{index:04d}"})
    write({**valid, "id": "bad-one", "themes": ["engaging-men"]})
    write({**valid, "id": "practice-0001"}, name="practice-dupe")
    folder = tmp_path / "practices"
    one = checks.validate([folder], today=TODAY, root=tmp_path)
    several = checks.validate([folder], today=TODAY, root=tmp_path, parallel=True)
    assert several.problems == one.problems
    assert sorted({p.path for p in one.problems}) == [
        "practices/bad-one.md",
        "practices/practice-dupe.md",
    ]
    assert several.files == one.files == checks.PARALLEL_FROM + 3
    assert len(one.entries) == checks.PARALLEL_FROM + 1
    assert several.entries == []  # the parallel report holds the problems only
