"""Open data: JSON, CSV and the Atom feed match the practices, and escape what they carry."""

from __future__ import annotations

import copy
import csv
import io
import json
import xml.etree.ElementTree as ET

from practice_kb.core.model import Practice
from practice_kb.site import export

from conftest import BODY, PUBLISHED_COLUMNS, VALID, seed_report

ATOM = "{http://www.w3.org/2005/Atom}"


def test_json_export_of_the_built_site_matches_the_practices(seed_site):
    data = json.loads((seed_site / "practices.json").read_text(encoding="utf-8"))
    by_id = {e.practice.id: e.practice for e in seed_report().entries}
    assert data["count"] == len(by_id) == len(data["practices"])
    for item in data["practices"]:
        practice = by_id[item["id"]]
        expected = practice.model_dump(mode="json", exclude={"withdrawn"}, exclude_none=True)
        extra = ("url", "sections", "provenance_note")
        assert {k: v for k, v in item.items() if k not in extra} == expected
        assert item.get("provenance_note", "") == export.provenance_note(practice)
        assert item["url"] == f"practices/{practice.id}.html"
        assert set(item["sections"]) == {"what", "how", "results", "lessons", "adapt"}
        assert (seed_site / item["url"]).is_file()


def test_csv_export_has_one_row_per_practice_and_stable_columns(seed_site):
    rows = list(csv.DictReader(io.StringIO((seed_site / "practices.csv").read_text("utf-8"))))
    assert sorted(r["id"] for r in rows) == sorted(e.practice.id for e in seed_report().entries)
    assert list(rows[0]) == PUBLISHED_COLUMNS
    compiled = "Compiled from public sources; not yet confirmed by the organisation"
    assert {r["provenance_note"] for r in rows if r["provenance"] == "compiled"} == {compiled}
    programa = next(r for r in rows if r["id"] == "programa-h")
    assert programa["language"] == "es"
    assert programa["themes"].split("; ")[0] == "engaging-men-and-boys"


def _hostile() -> Practice:
    data = copy.deepcopy(VALID)
    data.update(
        title='=HYPERLINK("https://evil.example","x") <script>&',
        summary="+1 @SUM(A1)",
        organisation={"name": "-2+3 & <Org>", "type": "local-ngo"},
    )
    return Practice.model_validate(data)


def test_csv_neutralises_formulas():
    row = list(csv.reader(io.StringIO(export.as_csv([_hostile()]))))[1]
    assert row[1].startswith("'=HYPERLINK")
    assert row[2] == "'+1 @SUM(A1)"
    assert row[3] == "'-2+3 & <Org>"


def test_json_carries_hostile_text_as_data():
    practice = _hostile()
    data = json.loads(export.as_json([(practice, BODY)]))
    assert data["practices"][0]["title"] == practice.title


def test_feed_is_valid_atom_with_the_newest_practices_and_escaped_text(seed_site):
    feed = ET.fromstring((seed_site / "feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(export.FEED_SIZE, len(seed_report().entries))
    for entry in entries:
        for required in ("id", "title", "updated", "link", "summary", "author"):
            assert entry.find(f"{ATOM}{required}") is not None
        href = entry.find(f"{ATOM}link").get("href")
        assert (seed_site / href).is_file()
    hostile = ET.fromstring(export.as_atom([_hostile()], "https://kb.example", "KB"))
    entry = hostile.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == _hostile().title
    assert (
        entry.find(f"{ATOM}link").get("href")
        == "https://kb.example/practices/example-practice.html"
    )


def test_open_data_page_documents_every_column(seed_site):
    html = (seed_site / "open-data.html").read_text(encoding="utf-8")
    for name, _, _ in export.COLUMNS:
        assert f"<code>{name}</code>" in html


COMPILED = "Compiled from public sources; not yet confirmed by the organisation"


def _submitted() -> Practice:
    data = copy.deepcopy(VALID)
    data.update(
        id="submitted-practice",
        provenance="submitted",
        consent={"publication": True, "no_identifying_details": True},
    )
    return Practice.model_validate(data)


def test_every_format_says_plainly_that_a_compiled_entry_is_unconfirmed():
    compiled, submitted = Practice.model_validate(VALID), _submitted()
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export.as_csv([compiled, submitted])))}
    assert rows["example-practice"]["provenance_note"] == COMPILED
    assert rows["submitted-practice"]["provenance_note"] == ""
    data = json.loads(export.as_json([(compiled, BODY), (submitted, BODY)]))
    notes = {p["id"]: p.get("provenance_note") for p in data["practices"]}
    assert notes == {"example-practice": COMPILED, "submitted-practice": None}
    feed = ET.fromstring(export.as_atom([compiled, submitted], "https://kb.example", "KB"))
    by_id = {e.find(f"{ATOM}id").text.rsplit(":", 1)[1]: e for e in feed.findall(f"{ATOM}entry")}
    category = by_id["example-practice"].find(f"{ATOM}category")
    assert (category.get("term"), category.get("label")) == ("compiled", COMPILED)
    assert COMPILED in by_id["example-practice"].find(f"{ATOM}content").text
    assert by_id["submitted-practice"].find(f"{ATOM}category") is None


def test_card_and_catalogue_show_that_a_compiled_entry_is_unconfirmed():
    from practice_kb.site import render

    compiled, submitted = Practice.model_validate(VALID), _submitted()
    assert COMPILED in render.card(compiled)
    assert COMPILED not in render.card(submitted)
    assert "pas encore confirmée par l'organisation" in render.card(compiled, lang="fr")
    listed = render.listing([compiled, submitted]).split("<li ")
    assert [COMPILED in item for item in listed[1:]] == [True, False]


def test_compiled_page_of_the_built_site_says_so(seed_site):
    page = (seed_site / "practices" / "programa-h.html").read_text(encoding="utf-8")
    assert COMPILED in page
    catalogue = (seed_site / "practices" / "index.html").read_text(encoding="utf-8")
    assert catalogue.count(COMPILED) == len(seed_report().entries)
