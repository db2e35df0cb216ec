"""The seed content meets the bar the knowledge base sets for itself."""

from __future__ import annotations

from collections import Counter

import pytest

from practice_kb import checks

from conftest import ROOT

REPORT = checks.validate([ROOT / "practices"], root=ROOT)
PRACTICES = [e.practice for e in REPORT.entries]


def test_seed_is_valid():
    assert [str(p) for p in REPORT.problems] == []


def test_at_least_twelve_practices_and_four_per_theme():
    assert len(PRACTICES) >= 12
    per_theme = Counter(theme for p in PRACTICES for theme in p.themes)
    assert set(per_theme) == {
        "engaging-men-and-boys",
        "organisational-culture",
        "prevention-and-response",
    }
    assert min(per_theme.values()) >= 4, per_theme


def test_covers_sea_and_sh_several_organisation_types_and_regions():
    assert {"sea", "sh"} <= {m for p in PRACTICES for m in p.misconduct}
    assert len({p.organisation.type for p in PRACTICES}) >= 4
    assert len({r for p in PRACTICES for r in p.regions}) >= 4


def test_at_least_two_practices_in_french_spanish_or_arabic():
    assert sum(p.language in ("fr", "es", "ar") for p in PRACTICES) >= 2


@pytest.mark.parametrize("practice", PRACTICES, ids=lambda p: p.id)
def test_seed_entries_are_compiled_and_cite_sources(practice):
    assert practice.provenance == "compiled"
    assert len(practice.sources) >= 1


@pytest.mark.parametrize("practice", PRACTICES, ids=lambda p: p.id)
def test_compiled_entries_claim_no_consent(practice):
    assert practice.consent is None


@pytest.mark.parametrize(
    "practice_id",
    ["irc-emap-engaging-men-accountable-practice", "sasa-community-mobilisation", "programa-h"],
)
def test_community_programmes_on_partner_violence_are_not_labelled_as_sea_practices(practice_id):
    practice = next(p for p in PRACTICES if p.id == practice_id)
    assert practice.misconduct == ["community-gbv"]


@pytest.mark.parametrize(
    "practice_id", ["in-country-psea-network-sops", "menengage-accountability-framework"]
)
def test_entries_that_found_no_evaluation_are_not_labelled_evaluated(practice_id):
    practice = next(p for p in PRACTICES if p.id == practice_id)
    assert practice.evidence == "anecdotal"
