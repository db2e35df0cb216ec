"""Each validator rule, one good and one bad value at a time."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from practice_kb import checks

from conftest import BODY, TODAY


def problems_of(path):
    report = checks.validate([path], today=TODAY, root=path.parent.parent)
    return [(p.field, p.message, p.hint) for p in report.problems]


def line_of(path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


def test_valid_practice_has_no_problems(write):
    path = write()
    report = checks.validate([path], today=TODAY)
    assert report.problems == []
    assert [e.practice.id for e in report.entries] == ["example-practice"]


def _set(key, value):
    def change(data):
        parent = data
        *parents, last = key.split(".")
        for part in parents:
            parent = parent[part]
        parent[last] = value

    return change


def _drop(key):
    return lambda data: data.pop(key)


BAD = [
    # field rules: (change, field, message, hint)
    (_drop("title"), "title", "is required", "add 'title:'. Short title of the practice."),
    (
        _set("colour", "red"),
        "colour",
        "is not a field",
        "remove it; the schema page lists the fields",
    ),
    (_set("summry", "x"), "summry", "is not a field", "did you mean 'summary'?"),
    (
        _set("id", "Example Practice"),
        "id",
        "'Example Practice' is not a valid id: use lowercase letters, digits and single hyphens",
        "for example 'example-practice'",
    ),
    (_set("title", ""), "title", "is empty", "fill it in"),
    (_set("title", 42), "title", "must be text, not 42", ""),
    (_set("summary", "x" * 301), "summary", "is 301 characters; the limit is 300", "shorten it"),
    (
        _set("organisation.type", "ngo"),
        "organisation.type",
        "'ngo' is not an organisation type",
        "did you mean 'international-ngo', 'national-ngo' or 'local-ngo'?",
    ),
    (
        _set("organisation.kind", "x"),
        "organisation.kind",
        "is not a field here",
        "remove it; the schema page lists the fields",
    ),
    (
        _set("themes", ["engaging-men"]),
        "themes",
        "'engaging-men' is not a theme",
        "did you mean 'engaging-men-and-boys'?",
    ),
    (_set("themes", []), "themes", "needs at least one value", "add one, as a list: [value]"),
    (
        _set("themes", "organisational-culture"),
        "themes",
        "must be a list, not 'organisational-culture'",
        "write it as a list: [organisational-culture]",
    ),
    (
        _set("topics", ["referral", "referral"]),
        "topics",
        "lists 'referral' more than once",
        "keep each value once",
    ),
    (
        _set("misconduct", ["both"]),
        "misconduct",
        "'both' is not a misconduct type",
        "choose from: sea, sh",
    ),
    (
        _set("regions", ["africa"]),
        "regions",
        "'africa' is not a region",
        "did you mean 'southern-africa', 'west-central-africa' or 'middle-east-north-africa'?",
    ),
    (
        _set("countries", ["za"]),
        "countries",
        "'za' is not an ISO 3166 country code",
        "did you mean 'ZA' (South Africa)?",
    ),
    (
        _set("countries", ["XX"]),
        "countries",
        "'XX' is not an ISO 3166 country code",
        "use the two-letter ISO 3166 code, such as 'KE' for Kenya",
    ),
    (
        _set("evidence", "strong"),
        "evidence",
        "'strong' is not an evidence level",
        "choose from: anecdotal, monitored, evaluated, independently-evaluated",
    ),
    (
        _set("stage", "finished"),
        "stage",
        "'finished' is not a stage",
        "choose from: pilot, active, scaled, ended",
    ),
    (
        _set("years", {"start": 1200}),
        "years.start",
        "1200 is not a plausible year",
        "write a year such as 2021",
    ),
    (
        _set("years", {"start": 2024, "end": 2020}),
        "years.end",
        "2020 is before the start year 2024",
        "swap them, or correct the year",
    ),
    (
        _set("language", "French"),
        "language",
        "'French' is not a language tag",
        "use a BCP 47 tag such as 'en', 'fr', 'es' or 'ar'",
    ),
    (
        _set("language", "xq"),
        "language",
        "'xq' is not a language tag",
        "use a BCP 47 tag such as 'en', 'fr', 'es' or 'ar'",
    ),
    (
        _set("translations", {"en": "example-practice"}),
        "translations",
        "'en' is this entry's own language",
        "list only the entries in other languages",
    ),
    (
        _set("translations", {"fr": "nowhere"}),
        "translations",
        "'nowhere' is not the id of any practice",
        "choose from: example-practice",
    ),
    (
        _set(
            "resources",
            [{"title": "G", "url": "ftp://example.org", "kind": "guide", "language": "en"}],
        ),
        "resources.url",
        "'ftp://example.org' is not an absolute http(s) URL",
        "write the full address, starting with https://",
    ),
    (
        _set("sources", [{"title": "R", "url": "/relative/page"}]),
        "sources.url",
        "'/relative/page' is not an absolute http(s) URL",
        "write the full address, starting with https://",
    ),
    (
        _set("sources", []),
        "sources",
        "a compiled entry must cite its sources",
        "add 'sources:' with the title and URL of each public source used",
    ),
    (
        _set(
            "resources", [{"title": "G", "url": "https://e.org", "kind": "book", "language": "en"}]
        ),
        "resources.kind",
        "'book' is not a resource kind",
        "choose from: guide, toolkit, training, policy, report, evaluation, communication, video, "
        "web-page",
    ),
    (
        _set("provenance", "public"),
        "provenance",
        "'public' is not a provenance",
        "choose from: submitted, compiled",
    ),
    (
        _set("consent.publication", False),
        "consent.publication",
        "must be true to publish",
        "publish only with the organisation's agreement and no identifying details",
    ),
    (
        _set("consent.no_identifying_details", "yes please"),
        "consent.no_identifying_details",
        "must be true or false, not 'yes please'",
        "",
    ),
    (
        _set("contact", "call the office"),
        "contact",
        "'call the office' is neither an email address nor a web address",
        "give a role mailbox (such as psea@example.org) or a web form's https:// address",
    ),
    (
        _set("submitted", "2025-01-10"),
        "submitted",
        "must be a date (YYYY-MM-DD), not '2025-01-10'",
        "write the date as YYYY-MM-DD without quotes",
    ),
    (
        _set("last_reviewed", dt.date(2026, 7, 1)),
        "last_reviewed",
        "2026-07-01 is in the future",
        "use a date on or before 2026-06-01",
    ),
    (
        _set("last_reviewed", dt.date(2024, 1, 1)),
        "last_reviewed",
        "2024-01-01 is before submitted (2025-01-10)",
        "a review comes on or after submission",
    ),
    (
        _set("submitted", dt.datetime(2025, 1, 10, 9, 30)),
        "submitted",
        "must be a date (YYYY-MM-DD), not the date and time 2025-01-10T09:30:00",
        "",
    ),
]


@pytest.mark.parametrize(("change", "field", "message", "hint"), BAD)
def test_each_bad_value_is_reported_with_a_hint(write, valid, change, field, message, hint):
    change(valid)
    path = write(valid, name="example-practice")
    assert problems_of(path) == [(field, message, hint)]


def test_problem_points_at_the_offending_line(write, valid):
    valid["evidence"] = "strong"
    path = write(valid)
    [problem] = checks.validate([path], today=TODAY).problems
    assert problem.line == line_of(path, "evidence: strong")


def test_id_must_match_the_file_name(write, valid):
    path = write(valid, name="another-name")
    assert problems_of(path) == [
        (
            "id",
            "'example-practice' does not match the file name 'another-name.md'",
            "name the file example-practice.md (an id never changes once published)",
        )
    ]


def test_ids_are_unique_across_files(write, valid):
    write(valid)
    second = write(valid, name="copy")
    report = checks.validate([second.parent], today=TODAY, root=second.parent.parent)
    messages = [str(p) for p in report.problems]
    # the file named after the id keeps it; the copy is the one reported
    assert messages == [
        "practices/copy.md:2: id: 'example-practice' does not match the file name 'copy.md'; "
        "name the file example-practice.md (an id never changes once published)",
        "practices/copy.md:2: id: 'example-practice' is already the id of "
        "practices/example-practice.md; choose another id; each practice has its own",
    ]


def test_translation_must_be_in_the_language_it_is_listed_under(write, valid):
    other = dict(valid, id="other-entry", language="es", translations={"en": "example-practice"})
    write(other)
    valid["translations"] = {"fr": "other-entry"}
    path = write(valid)
    report = checks.validate([path.parent], today=TODAY, root=path.parent.parent)
    assert [(p.path, p.message, p.hint) for p in report.problems] == [
        (
            "practices/example-practice.md",
            "'other-entry' is written in 'es', not 'fr'",
            "list it under 'es:'",
        )
    ]


SECTION_CASES = [
    (BODY.replace("## What changed\n\nA result.\n", ""), ["section 'What changed' is missing"]),
    (
        BODY.replace("## How to adapt it", "## Adaptation"),
        ["'## Adaptation' is not one of the sections", "section 'How to adapt it' is missing"],
    ),
    ("\n# Title\n" + BODY, ["'# Title' is a title heading; the title comes from the frontmatter"]),
    ("\nIntro.\n" + BODY, ["text comes before the first section"]),
    (BODY.replace("A lesson.", ""), ["section 'What did not work and lessons' is empty"]),
    (
        BODY + "\n## How it works\n\nAgain.\n",
        ["section 'How it works' appears twice (first on line N)"],
    ),
    (
        BODY.replace("## What the practice is\n\nWhat it is.\n", "")
        + "\n## What the practice is\n\nx\n",
        ["section 'What the practice is' comes after 'How it works'"],
    ),
    # headings inside fenced code are text, not sections
    (BODY + "\n```markdown\n## Not a section\n```\n", []),
]


@pytest.mark.parametrize(("body", "messages"), SECTION_CASES)
def test_body_sections(write, body, messages):
    path = write(body=body)
    found = [re.sub(r"line \d+", "line N", m) for f, m, h in problems_of(path)]
    assert found == messages


def test_sections_in_the_entry_language(write, valid):
    valid["language"] = "es"
    body = (
        "\n## En qué consiste la práctica\n\nx\n\n## Cómo funciona\n\nx\n\n## Qué cambió\n\nx\n"
        "\n## Qué no funcionó y lecciones\n\nx\n\n## How to adapt it\n\nx\n"
    )
    assert problems_of(write(valid, body=body)) == []


def test_file_name_with_capitals_or_spaces_gets_a_hint(write, valid):
    path = write(valid, name="Peer Support Réseau")
    assert (
        "",
        "the file name 'Peer Support Réseau.md' has capitals, spaces, accents or other characters",
        "rename it to peer-support-reseau.md",
    ) in problems_of(path)
