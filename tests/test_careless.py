"""Careless content: identifying details, and files that are broken or misplaced."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice_kb.check import checks, privacy
from practice_kb.core import load

from conftest import BODY, TODAY, VALID, practice_text

IDENTIFYING = [
    ("Write to jane.doe@example.org for details.", "looks like a personal email address"),
    ("Write to jane.doe [at] example [dot] org.", "looks like a personal email address"),
    ("Write to jane(at)example(dot)org.", "looks like a personal email address"),
    ("Write to jane at example dot org.", "looks like a personal email address"),
    ("Write to Jane.Doe {AT} example.org.", "looks like a personal email address"),
    ("Call +254 712 345 678 to report.", "looks like a phone number"),
    ("Ring (020) 123-4567 after hours.", "looks like a phone number"),
    ("The office is at 12 Main Street, Nairobi.", "looks like a street address"),
    ("Le bureau est au 5, rue de la Paix.", "looks like a street address"),
    ("Oficina en Calle Mayor 14.", "looks like a street address"),
    ("A 15-year-old girl reported abuse by a driver.", "gives an exact age"),
    ("The survivor, aged 16, was referred.", "gives an exact age"),
    ("On 12 March 2023 a complaint was made.", "gives an exact date"),
    ("La plainte a été déposée le 3 mai 2022.", "gives an exact date"),
]

HARMLESS = [
    "Write to psea@example.org or safeguarding@example.org.",
    "Write to psea [at] example [dot] org or safeguarding at example dot org.",
    "Staff met at the office; the evidence is anecdotal, not a dot on a chart.",
    "Between 2019-2023 the programme ran in 12 countries.",
    "137 203 checks and 385 hires rejected (CHS Alliance, 2024).",
    "Young men aged 15–24 take part; jóvenes de 15 a 24 años.",
    "In 2023 complaints rose after the campaign.",
    "No sexual activity with children under 18.",
    "See ISBN 978-92-1-101234-5.",
]


@pytest.mark.parametrize(("text", "message"), IDENTIFYING)
def test_identifying_details_are_reported(text, message):
    found = [m for m, _ in privacy.text_problems(text)]
    assert len(found) == 1
    assert message in found[0]


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_text_is_not_reported(text):
    assert list(privacy.text_problems(text)) == []


def test_identifying_details_in_a_practice_point_at_their_line(write, valid):
    valid["contact"] = "john.smith@example.org"
    body = BODY.replace("A result.", "A result.\nOn 12 March 2023 a complaint\nwas made.")
    path = write(valid, body=body)
    report = checks.validate([path], today=TODAY, root=path.parent.parent)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert [(p.line, p.field, p.message) for p in report.problems] == [
        (
            lines.index("contact: john.smith@example.org") + 1,
            "contact",
            "'john.smith@example.org' looks like a personal email address",
        ),
        (
            lines.index("On 12 March 2023 a complaint") + 1,
            "body",
            "gives an exact date ('12 March 2023') together with an incident",
        ),
    ]


def test_these_checks_cannot_be_silenced_from_the_file(write, valid):
    body = BODY.replace("A result.", "<!-- kb: ignore -->\nCall +254 712 345 678.")
    valid["kb_ignore"] = True
    path = write(valid, body=body)
    messages = {p.message for p in checks.validate([path], today=TODAY).problems}
    assert "'+254 712 345 678' looks like a phone number" in messages


# ---------------------------------------------------------------------------
# No input, however broken, escapes as an exception
# ---------------------------------------------------------------------------

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(raw):
    document, problems = load.parse(raw, "fuzz.md")
    if document is not None:
        checks.check_document(document, TODAY)
    assert document is not None or problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_arbitrary_frontmatter_text_never_raises(text):
    document, _ = load.parse(f"---\n{text}\n---\n{BODY}".encode(), "fuzz.md")
    if document is not None:
        checks.check_document(document, TODAY)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(list(VALID)), yaml_values, max_size=10))
def test_arbitrary_field_values_never_raise(overrides):
    text = practice_text({**VALID, **overrides})
    document, _ = load.parse(text.encode(), "example-practice.md")
    if document is not None:
        checks.check_document(document, TODAY)


def test_practices_outside_practices_are_reported(tmp_path):
    from practice_kb import project

    from conftest import FIXTURES

    (tmp_path / "practices" / "drafts").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "men-as-allies.md").write_bytes(
        (FIXTURES / "valid" / "men-as-allies.md").read_bytes()
    )
    (tmp_path / "practices" / "drafts" / "reseau-pairs.md").write_bytes(
        (FIXTURES / "valid" / "reseau-pairs.md").read_bytes()
    )
    (tmp_path / "docs" / "about.md").write_text("---\ntitle: About\n---\n# About\n")
    problems = project.validate(tmp_path).report.problems
    assert [(p.path, p.message) for p in problems] == [
        (
            "docs/men-as-allies.md",
            "looks like a practice, but only files directly in practices/ are published",
        ),
        (
            "practices/drafts/reseau-pairs.md",
            "looks like a practice, but only files directly in practices/ are published",
        ),
    ]


def test_each_detail_in_a_long_paragraph_points_at_its_own_line(write, valid):
    paragraph = (
        "The team met in 2023 and again in 2024.\n"
        "A complaint was made on 3 March 2022\n"
        "by a woman who then moved.\n"
        "She had lived at\n"
        "14 rue des Lilas, near the market."
    )
    path = write(valid, body=BODY.replace("A result.", paragraph))
    report = checks.validate([path], today=TODAY, root=path.parent.parent)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert sorted((p.line, p.message) for p in report.problems) == [
        (
            lines.index("A complaint was made on 3 March 2022") + 1,
            "gives an exact date ('3 March 2022') together with an incident",
        ),
        (
            lines.index("14 rue des Lilas, near the market.") + 1,
            "'14 rue des' looks like a street address",
        ),
    ]


def test_an_address_written_out_gets_the_hint_of_a_plain_one():
    plain = list(privacy.text_problems("Write to jane.doe@example.org."))
    written_out = list(privacy.text_problems("Write to jane.doe [at] example [dot] org."))
    assert [hint for _, hint in written_out] == [hint for _, hint in plain]
