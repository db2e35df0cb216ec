"""One definition of the fields: the marks on the model say where each field appears, and
the card, the facets, the export's columns, `kb new`, the issue form and the benchmark
take their lists from them; the navigation is written once, in mkdocs.yml."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Callable

import pytest
import yaml

from practice_kb import bench
from practice_kb.contribute import issue_form, scaffold
from practice_kb.core import fields, model, strings, vocabulary
from practice_kb.core.model import Practice
from practice_kb.site import export, render, search, stage

from conftest import PUBLISHED_COLUMNS, ROOT

FIELD_NAMES = list(Practice.model_fields)

# Two valid practices that differ in every field: changing one field of BASE to OTHER's
# value shows which outputs that field reaches.
BASE = {
    "id": "listening-circles",
    "title": "Listening circles for staff",
    "summary": "Small circles where staff talk about respect at work.",
    "content_note": "Mentions harassment at work.",
    "organisation": {"name": "Example Relief", "type": "national-ngo"},
    "themes": ["organisational-culture"],
    "topics": ["gender-norms"],
    "misconduct": ["sh"],
    "regions": ["americas"],
    "countries": ["BR"],
    "audience": ["all-personnel"],
    "approaches": ["community-based"],
    "evidence": "evaluated",
    "stage": "pilot",
    "years": {"start": 2019, "end": 2022},
    "language": "en",
    "translations": {"es": "circulos-de-escucha"},
    "resources": [
        {
            "title": "A guide",
            "url": "https://example.org/guide",
            "kind": "toolkit",
            "language": "en",
        }
    ],
    "sources": [{"title": "An evaluation", "url": "https://example.org/e", "evaluation": True}],
    "provenance": "submitted",
    "consent": {"publication": True, "no_identifying_details": True},
    "contact": "psea@example.org",
    "submitted": dt.date(2026, 1, 5),
    "last_reviewed": dt.date(2026, 2, 5),
    "withdrawn": False,
}
OTHER = {
    "id": "peer-mentors",
    "title": "Peer mentors in the field",
    "summary": "Volunteers who answer colleagues' questions on reporting.",
    "content_note": "Mentions abuse of children.",
    "organisation": {"name": "Another Network", "type": "un-agency"},
    "themes": ["engaging-men-and-boys"],
    "topics": ["safe-reporting"],
    "misconduct": ["sea"],
    "regions": ["global"],
    "countries": ["KE"],
    "audience": ["communities"],
    "approaches": ["gender-transformative"],
    "evidence": "anecdotal",
    "stage": "scaled",
    "years": {"start": 2020},
    "language": "fr",
    "translations": {"en": "peer-mentors-en"},
    "resources": [
        {"title": "A video", "url": "https://example.org/video", "kind": "video", "language": "fr"}
    ],
    "sources": [{"title": "A report", "url": "https://example.org/r"}],
    "provenance": "compiled",
    "contact": "https://example.org/form",
    "submitted": dt.date(2025, 3, 1),
    "last_reviewed": dt.date(2025, 4, 1),
    "withdrawn": True,
}
PUBLISHED = {"circulos-de-escucha", "peer-mentors-en"}
BODY = "## What the practice is\n\nText.\n"

# what each role of a mark promises, as what a reader or a re-user receives
RENDERERS: dict[str, Callable[[Practice], str]] = {
    "card": lambda p: render.card(p, PUBLISHED),
    "page": lambda p: render.practice_page(p, BODY, PUBLISHED),
    "columns": lambda p: export.as_csv([p]),
    "search": render.search_metadata,
    "facet": lambda p: repr([values(p) for _, _, values in render.FACETS]),
}


def _roles(shown: fields.Shown) -> list[str]:
    return [role for role in RENDERERS if getattr(shown, role)]


def _changed(name: str) -> dict[str, bool]:
    """For each renderer, whether changing the field ``name`` changes what it gives."""
    base, other = Practice.model_validate(BASE), Practice.model_validate(OTHER)
    changed = base.model_copy(update={name: getattr(other, name)})
    return {role: out(base) != out(changed) for role, out in RENDERERS.items()}


def test_the_examples_cover_every_field_of_the_model():
    assert set(BASE) == set(OTHER) | {"consent"} == set(FIELD_NAMES)


def test_every_field_of_the_model_is_marked():
    assert fields.unmarked() == [], "mark these fields with Shown(...) in core/model.py"
    for d in fields.practice_fields():
        assert not d.shown.search or d.shown.facet, f"{d.name}: a search filter is a facet"
        assert not d.shown.pages or d.vocabulary, f"{d.name}: only terms have pages"
        assert not d.shown.card or d.shown.card in strings.strings(), d.name


@pytest.mark.parametrize("name", FIELD_NAMES)
def test_every_field_appears_in_a_renderer_or_says_why_not(name):
    """A field shown nowhere (card, page, export columns, search, facets) fails here,
    unless its mark says why readers never see it; and then it really is shown nowhere."""
    shown = fields.by_name()[name].shown
    changed = _changed(name)
    if shown.hidden:
        assert not shown.shown, f"{name}: a hidden field is marked as shown"
        assert not any(changed.values()), f"{name} is marked hidden but appears: {changed}"
        return
    assert any(changed.values()), f"{name} appears in none of the renderers"
    for role in _roles(shown):
        assert changed[role], f"{name} is marked for {role!r} but does not change it"


def test_export_columns_keep_their_published_order():
    """The CSV's columns are a published contract: these, in this order, and new ones
    only after them; each is placed once, from 1 without gaps."""
    published = PUBLISHED_COLUMNS
    names = [name for name, _, _ in export.COLUMNS]
    assert names[: len(published)] == published
    assert [column.at for _, column in fields.columns()] == list(range(1, len(names) + 1))
    assert len(set(names)) == len(names)
    header = export.as_csv([]).splitlines()[0]
    assert header == ",".join(names)
    # every column is explained on the Open data page, the compiled note spelled out
    page = export.open_data_page()
    assert all(f"| `{name}` |" in page for name in names)
    assert export.COMPILED_NOTE in page and "{compiled_note}" not in page


def test_export_columns_read_the_marked_parts():
    p = Practice.model_validate(BASE)
    row = next(csv.DictReader(io.StringIO(export.as_csv([p]))))
    assert row["organisation_name"] == "Example Relief"
    assert row["organisation_type"] == "national-ngo"
    assert (row["year_start"], row["year_end"]) == ("2019", "2022")
    assert row["url"] == "practices/listening-circles.html"
    assert row["sources"] == "An evaluation <https://example.org/e>"


def test_facets_are_the_catalogues():
    assert [(name, vocab) for name, vocab, _ in render.FACETS] == [
        ("themes", "themes"),
        ("topics", "topics"),
        ("misconduct", "misconduct"),
        ("organisation", "organisation_types"),
        ("regions", "regions"),
        ("language", None),
        ("evidence", "evidence"),
        ("audience", "audiences"),
    ]
    assert {name: f"card.{name}" for name, _, _ in render.FACETS} == render.FACET_TITLES
    assert set(render.SEARCH_FILTERS) == {"themes", "regions", "organisation", "evidence"}
    # the search box offers them under the catalogue's titles, in the catalogue's order
    facets = search.labels("fr")["facets"]
    assert list(facets) == [name for name, _, _ in render.FACETS if name in facets]
    assert facets["organisation"] == strings.t("card.organisation", "fr")
    p = Practice.model_validate(BASE)
    assert [values(p) for _, _, values in render.FACETS][3] == ["national-ngo"]


def test_card_rows_follow_the_model():
    keys = [key for key, _ in fields.card_rows()]
    assert keys == [
        "card.organisation",
        "card.themes",
        "card.topics",
        "card.misconduct",
        "card.regions",
        "card.countries",
        "card.audience",
        "card.approaches",
        "card.evidence",
        "card.stage",
        "card.language",
        "card.also_in",
        "card.provenance",
        "card.contact",
        "card.dates",
    ]
    shown = render.card(Practice.model_validate(BASE), PUBLISHED, "es")
    titles = [line for line in shown.splitlines() if line and not line.startswith((":", "<"))]
    assert titles == [strings.t(key, "es") for key in keys]
    assert "[Ejes temáticos](../themes/organisational-culture.md)" not in shown  # labels link
    assert f"({'../themes/organisational-culture.md'})" in shown


def test_kb_new_asks_the_marked_questions_with_their_options():
    assert [(q.path, q.option) for q in fields.questions()] == [
        (("title",), "--title"),
        (("organisation", "name"), "--organisation"),
        (("organisation", "type"), "--organisation-type"),
        (("themes",), "--theme"),
        (("misconduct",), "--misconduct"),
        (("language",), "--language"),
    ]
    parser = scaffold.argparse.ArgumentParser()
    scaffold.add_arguments(parser)
    args = parser.parse_args(["--organisation-type", "un-agency", "--no-input"])
    values = scaffold.gather(args)
    # a record's part not given is a placeholder beside the one given, name first
    assert list(values["organisation"]) == ["name", "type"]
    assert values["organisation"]["type"] == "un-agency"
    assert values["language"] == "en"  # the question's default
    assert "id" not in values and "themes" not in values


def test_issue_form_leaves_out_the_fields_marked_so():
    assert {
        "id",
        "provenance",
        "submitted",
        "last_reviewed",
        "translations",
    } == issue_form.NOT_ASKED
    asked = {f.key[0] for f in issue_form.fields()}
    assert asked.isdisjoint(issue_form.NOT_ASKED)
    kinds = {f.key: f.kind for f in issue_form.fields()}
    assert kinds[("summary",)] == "textarea" and kinds[("title",)] == "input"


def test_synthetic_practices_fill_every_required_field_with_a_vocabulary():
    text = bench.synthetic(7, random.Random(1))
    data = yaml.safe_load(text.split("---\n")[1])
    assert list(data) == [name for name in model.FIELDS if name in data]
    for d in fields.practice_fields():
        if d.required and d.vocabulary:
            value = data[d.name][d.part] if d.part else data[d.name]
            values = value if d.multiple else [value]
            assert values and set(values) <= set(vocabulary.get(d.vocabulary).values), d.name
    Practice.model_validate(data)


# ---------------------------------------------------------------------------
# The navigation: pages and titles written once
# ---------------------------------------------------------------------------


def _nav() -> list:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]


@pytest.mark.parametrize("lang", vocabulary.SITE_LANGUAGES)
def test_the_navigation_is_written_once_and_titled_in_each_language(lang):
    nav = _nav()
    staged = stage._nav(nav, lang)
    assert [next(iter(item.values())) for item in staged] == [
        next(iter(item.values())) for item in nav
    ]
    assert [next(iter(item)) for item in staged] == [
        strings.t(next(iter(item)), lang) for item in nav
    ]
    if lang == "en":
        assert {"Home": "index.md"} in staged and {"Catalogue": "practices/index.md"} in staged


def test_a_page_joins_the_navigation_with_one_line():
    nav = [*_nav(), {"nav.open_data": "open-data.md"}, {"Plain title": "extra.md"}]
    staged = stage._nav(nav, "fr")
    assert staged[-2:] == [{"Données ouvertes": "open-data.md"}, {"Plain title": "extra.md"}]
    with pytest.raises(stage.StageError, match=r"mkdocs.yml: nav: 'nav.nowhere' is not in"):
        stage._nav([{"nav.nowhere": "nowhere.md"}], "en")


def test_every_navigation_page_exists():
    generated = {"practices/index.md", "themes/index.md", "topics/index.md", "gaps.md"}
    generated |= {"write.md", "schema.md", "open-data.md", "guide/index.md"}
    for item in _nav():
        page = next(iter(item.values()))
        assert page in generated or (ROOT / "docs" / page).is_file(), page
