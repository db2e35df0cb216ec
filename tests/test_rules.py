"""Each validator rule, one good and one bad value at a time."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from practice_kb.check import checks

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


Change = Callable[[dict], None]  # a change to the valid practice


def _all(*changes: Change) -> Change:
    def change(data: dict) -> None:
        for one in changes:
            one(data)

    return change


CONSENT = {"publication": True, "no_identifying_details": True}


def SUBMITTED(data: dict) -> None:  # noqa: N802 (used like the other changes)
    """A submitted entry, with its own copy of the consent block."""
    data.update(provenance="submitted", consent=dict(CONSENT))


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
    (
        _set("id", "index"),
        "id",
        "'index' is reserved: the site uses practices/index.html for the catalogue",
        "choose an id that names the practice, such as 'peer-support-network'",
    ),
    (_set("title", ""), "title", "is empty", "fill it in"),
    (
        _set("title", 42),
        "title",
        "must be text, not 42",
        "quote it if it looks like a number, a date or true/false",
    ),
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
        "choose from: sea, sh, community-gbv",
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
        _set("title", ["Example", "practice"]),
        "title",
        "must be text, not a list",
        "write one value here, not a list or a set of fields",
    ),
    (
        _set("years", {"start": "2017"}),
        "years.start",
        "must be a whole number, not '2017'",
        "write the number without quotes",
    ),
    (
        _set("years", {"start": 2021.0}),
        "years.start",
        "must be a whole number, not 2021.0",
        "write a whole number such as 2021, without a decimal point",
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
        _set("language", "en_gb"),
        "language",
        "'en_gb' is not a language tag",
        "write it as 'en-GB'",
    ),
    (_set("language", "FR"), "language", "'FR' is not a language tag", "write it as 'fr'"),
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
        _all(_set("sources", []), _set("evidence", "anecdotal")),
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
        _all(SUBMITTED, _set("consent.publication", False)),
        "consent.publication",
        "must be true to publish",
        "publish only with the organisation's agreement and no identifying details",
    ),
    (
        _all(SUBMITTED, _set("consent.no_identifying_details", "yes please")),
        "consent.no_identifying_details",
        "must be true or false, not 'yes please'",
        "write true or false, without quotes",
    ),
    (
        _set("consent", dict(CONSENT)),
        "consent",
        "a compiled entry no longer records consent: no organisation has agreed to it yet, so "
        "'consent: {publication: true, ...}' would claim what did not happen",
        "remove the 'consent:' lines; when the organisation confirms the entry, set "
        "'provenance: submitted' and add them back (see the maintainers' page)",
    ),
    (
        _set("provenance", "submitted"),
        "consent",
        "a submitted entry must record the organisation's consent",
        "add 'consent:' with 'publication: true' and 'no_identifying_details: true' below it, "
        "once the organisation has agreed to publication",
    ),
    (
        _set("sources", [{"title": "Report", "url": "https://example.org/r"}]),
        "evidence",
        "'monitored' needs a source marked 'evaluation: true': the evaluation, study or "
        "monitoring record the level rests on",
        "add 'evaluation: true' under that source in 'sources:' (and name it in 'What "
        "changed'), or set 'evidence: anecdotal'",
    ),
    (
        _all(SUBMITTED, _set("evidence", "independently-evaluated"), _drop("sources")),
        "evidence",
        "'independently-evaluated' needs a source marked 'evaluation: true': the evaluation, "
        "study or monitoring record the level rests on",
        "add 'evaluation: true' under that source in 'sources:' (and name it in 'What "
        "changed'), or set 'evidence: anecdotal'",
    ),
    (
        _set(
            "sources",
            [
                {"title": "Study", "url": "https://e.org/s", "evaluation": True},
                {"title": "Report (a copy)", "url": "https://www.docslib.org/doc/1/report"},
            ],
        ),
        "sources.title",
        "docslib.org re-hosts documents published by others, and the title does not say so",
        "link the publisher's own page if there is one; otherwise end the title with "
        "'(copy hosted by docslib.org)'",
    ),
    (
        _set("contact", "mailto:psea@example.org"),
        "contact",
        "'mailto:psea@example.org' starts with 'mailto:'",
        "write the address alone: psea@example.org",
    ),
    (
        _set("contact", "mailto:"),
        "contact",
        "'mailto:' starts with 'mailto:'",
        "write the address alone",
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
        "write the date alone, as YYYY-MM-DD",
    ),
]


@pytest.mark.parametrize(("change", "field", "message", "hint"), BAD)
def test_each_bad_value_is_reported_with_a_hint(write, valid, change, field, message, hint):
    assert hint, "every problem says how to fix it"
    change(valid)
    path = write(valid, name="example-practice")
    assert problems_of(path) == [(field, message, hint)]


_RESOURCE = {"title": "Guide", "url": "https://example.org/g", "kind": "guide", "language": "en"}


def _resource(**fields: str) -> Change:
    return _set("resources", [dict(_RESOURCE, **fields)])


GOOD = [
    # values each rule accepts, at its edges: (what, change)
    ("id: one letter", _set("id", "a")),
    ("id: digits", _set("id", "2030-agenda-step-2")),
    ("id: 80 characters", _set("id", "x" * 80)),
    ("title: one character", _set("title", "X")),
    ("title: 120 characters", _set("title", "x" * 120)),
    ("title: accents and scripts", _set("title", "Réseau de pairs — شبكة الأقران")),
    ("title: spaces around are trimmed", _set("title", "  " + "x" * 120 + "  ")),
    ("summary: one character", _set("summary", "x")),
    ("summary: 300 characters", _set("summary", "x" * 300)),
    ("content_note: 200 characters", _set("content_note", "x" * 200)),
    ("organisation.name: 200 characters", _set("organisation.name", "x" * 200)),
    ("organisation.type: un-agency", _set("organisation.type", "un-agency")),
    ("organisation.type: international-ngo", _set("organisation.type", "international-ngo")),
    ("organisation.type: local-ngo", _set("organisation.type", "local-ngo")),
    (
        "organisation.type: red-cross-red-crescent",
        _set("organisation.type", "red-cross-red-crescent"),
    ),
    ("organisation.type: other", _set("organisation.type", "other")),
    ("themes: engaging-men-and-boys", _set("themes", ["engaging-men-and-boys"])),
    (
        "themes: all three",
        _set(
            "themes",
            ["engaging-men-and-boys", "organisational-culture", "prevention-and-response"],
        ),
    ),
    ("topics: referral", _set("topics", ["referral"])),
    (
        "topics: several distinct",
        _set("topics", ["referral", "safe-reporting", "monitoring-and-learning"]),
    ),
    ("misconduct: sea", _set("misconduct", ["sea"])),
    ("misconduct: sh", _set("misconduct", ["sh"])),
    ("misconduct: sh then sea", _set("misconduct", ["sh", "sea"])),
    ("regions: global", _set("regions", ["global"])),
    (
        "regions: several",
        _set("regions", ["middle-east-north-africa", "west-central-africa", "asia-pacific"]),
    ),
    ("countries: none", _set("countries", [])),
    ("countries: left out", _drop("countries")),
    ("countries: several", _set("countries", ["KE", "SS", "CD", "CI", "PS"])),
    ("audience: volunteers", _set("audience", ["volunteers"])),
    (
        "audience: several",
        _set("audience", ["psea-focal-points", "children-and-adolescents", "men-and-boys"]),
    ),
    ("approaches: none", _set("approaches", [])),
    ("approaches: left out", _drop("approaches")),
    ("approaches: several", _set("approaches", ["age-gender-diversity", "peer-led"])),
    ("evidence: anecdotal", _set("evidence", "anecdotal")),
    ("evidence: evaluated", _set("evidence", "evaluated")),
    ("evidence: independently-evaluated", _set("evidence", "independently-evaluated")),
    ("stage: pilot", _set("stage", "pilot")),
    ("stage: scaled", _set("stage", "scaled")),
    ("stage: ended", _set("stage", "ended")),
    ("years: left out", _drop("years")),
    ("years: no end", _set("years", {"start": 2024})),
    ("years: earliest", _set("years", {"start": 1945, "end": 1945})),
    ("years: start this year", _set("years", {"start": 2026})),
    ("years: end equals start", _set("years", {"start": 2020, "end": 2020})),
    ("years: end as late as 2100", _set("years", {"start": 2020, "end": 2100})),
    ("language: fr", _set("language", "fr")),
    ("language: es", _set("language", "es")),
    ("language: ar", _set("language", "ar")),
    ("language: fr-CA", _set("language", "fr-CA")),
    ("language: es-419", _set("language", "es-419")),
    ("language: pt-BR", _set("language", "pt-BR")),
    ("language: en-GB", _set("language", "en-GB")),
    ("language: zh-Hans", _set("language", "zh-Hans")),
    ("language: zh-Hant-TW", _set("language", "zh-Hant-TW")),
    ("language: sr-Latn-RS", _set("language", "sr-Latn-RS")),
    ("language: fil", _set("language", "fil")),
    ("language: swh", _set("language", "swh")),
    ("translations: none", _set("translations", {})),
    ("resources: none", _set("resources", [])),
    ("resources: left out", _drop("resources")),
    ("resources.kind: toolkit", _resource(kind="toolkit")),
    ("resources.kind: training", _resource(kind="training")),
    ("resources.kind: policy", _resource(kind="policy")),
    ("resources.kind: report", _resource(kind="report")),
    ("resources.kind: evaluation", _resource(kind="evaluation")),
    ("resources.kind: communication", _resource(kind="communication")),
    ("resources.kind: video", _resource(kind="video")),
    ("resources.kind: web-page", _resource(kind="web-page")),
    ("resources.url: http", _resource(url="http://example.org/g")),
    ("resources.url: query and fragment", _resource(url="https://example.org/g?a=1&b=2#part")),
    ("resources.url: port", _resource(url="https://example.org:8443/g")),
    ("resources.url: 2000 characters", _resource(url="https://example.org/" + "g" * 1980)),
    ("resources.title: 200 characters", _resource(title="x" * 200)),
    ("resources.language: fr-CA", _resource(language="fr-CA")),
    ("resources.language: es-419", _resource(language="es-419")),
    (
        "resources: several",
        _set(
            "resources",
            [_RESOURCE, dict(_RESOURCE, url="https://example.org/v", kind="video", language="ar")],
        ),
    ),
    (
        "sources.url: http",
        _set("sources", [{"title": "R", "url": "http://example.org/r", "evaluation": True}]),
    ),
    (
        "sources: several",
        _set(
            "sources",
            [
                {"title": "Report", "url": "https://example.org/r"},
                {"title": "Evaluation", "url": "https://example.org/e.pdf", "evaluation": True},
            ],
        ),
    ),
    (
        "sources.title: 200 characters",
        _set("sources", [{"title": "x" * 200, "url": "https://e.org", "evaluation": True}]),
    ),
    ("provenance: submitted, with sources and consent", SUBMITTED),
    (
        "provenance: submitted, no sources",
        _all(SUBMITTED, _set("sources", []), _set("evidence", "anecdotal")),
    ),
    (
        "provenance: submitted, sources left out",
        _all(SUBMITTED, _drop("sources"), _set("evidence", "anecdotal")),
    ),
    (
        "consent: both true, in either order",
        _all(SUBMITTED, _set("consent", {"no_identifying_details": True, "publication": True})),
    ),
    (
        "evidence: anecdotal, no source marked",
        _all(
            _set("evidence", "anecdotal"), _set("sources", [{"title": "R", "url": "https://e.org"}])
        ),
    ),
    (
        "evidence: one evaluation among several sources",
        _set(
            "sources",
            [
                {"title": "Page", "url": "https://e.org/p", "evaluation": False},
                {"title": "Trial", "url": "https://e.org/t", "evaluation": True},
            ],
        ),
    ),
    (
        "sources: a copy host, labelled",
        _set(
            "sources",
            [
                {"title": "Report (copy hosted by cupdf.com)", "url": "https://cupdf.com/d.html"},
                {"title": "Study", "url": "https://e.org/s", "evaluation": True},
            ],
        ),
    ),
    (
        "sources: a host whose name ends like a copy host's is not one",
        _set(
            "sources",
            [{"title": "Study", "url": "https://notcupdf.com/s", "evaluation": True}],
        ),
    ),
    ("misconduct: community-gbv", _set("misconduct", ["community-gbv"])),
    ("contact: role mailbox", _set("contact", "safeguarding.team@example.org")),
    ("contact: capitals", _set("contact", "PSEA@Example.org")),
    ("contact: capital domain", _set("contact", "psea@example.ORG")),
    ("contact: subdomain", _set("contact", "psea@mail.example.org.za")),
    ("contact: web form", _set("contact", "https://example.org/report-a-concern")),
    ("contact: site address alone", _set("contact", "https://example.org")),
    ("contact: http web form", _set("contact", "http://example.org/feedback")),
    ("contact: left out", _drop("contact")),
    ("withdrawn: true", _set("withdrawn", True)),
    ("submitted: long ago", _set("submitted", dt.date(2000, 1, 1))),
    (
        "submitted: today",
        _all(
            # two date objects: one object twice would be written as a YAML alias
            _set("submitted", dt.date(2026, 6, 1)),
            _set("last_reviewed", dt.date(2026, 6, 1)),
        ),
    ),
    ("last_reviewed: today", _set("last_reviewed", TODAY)),
    ("last_reviewed: equal to submitted", _set("last_reviewed", dt.date(2025, 1, 10))),
]


@pytest.mark.parametrize(("what", "change"), GOOD)
def test_each_good_value_is_accepted(write, valid, what: str, change: Change):
    change(valid)
    path = write(valid)
    assert problems_of(path) == []


@pytest.mark.parametrize("language", ["fr", "ar", "fr-CA", "es-419", "fil"])
def test_translation_to_an_entry_in_that_language_is_accepted(write, valid, language: str):
    write(dict(valid, id="other-entry", language=language, translations={"en": "example-practice"}))
    valid["translations"] = {language: "other-entry"}
    path = write(valid)
    report = checks.validate([path.parent], today=TODAY, root=path.parent.parent)
    assert report.problems == []


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


@pytest.mark.parametrize(
    "line",
    [
        "The poster: ![poster](https://example.org/pixel.png)",
        "The poster: ![poster][picture]",
    ],
)
def test_an_image_in_the_body_is_reported_not_silently_dropped(write, valid, line):
    body = BODY.replace(
        "What it is.", f"What it is.\n\n{line}\n\n[picture]: https://example.org/p.png"
    )
    path = write(valid, body=body)
    assert problems_of(path) == [
        (
            "body",
            "shows an image, which the site leaves out: it loads nothing from other sites "
            "and keeps pages light",
            "link to the image instead: [what it shows](https://...)",
        )
    ]


def test_an_image_shown_as_code_is_not_an_image(write, valid):
    body = BODY.replace("What it is.", "Write `![alt](address)` to show an image elsewhere.")
    assert problems_of(write(valid, body=body)) == []
