"""The seed content meets the bar the knowledge base sets for itself."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import SEED_IDS, seed_practices, seed_report


def _practice(practice_id: str):
    return next(p for p in seed_practices() if p.id == practice_id)


def test_seed_is_valid():
    assert [str(p) for p in seed_report().problems] == []


def test_at_least_twelve_practices_and_four_per_theme():
    assert len(seed_practices()) >= 12
    per_theme = Counter(theme for p in seed_practices() for theme in p.themes)
    assert set(per_theme) == {
        "engaging-men-and-boys",
        "organisational-culture",
        "prevention-and-response",
    }
    assert min(per_theme.values()) >= 4, per_theme


def test_covers_sea_and_sh_several_organisation_types_and_regions():
    assert {"sea", "sh"} <= {m for p in seed_practices() for m in p.misconduct}
    assert len({p.organisation.type for p in seed_practices()}) >= 4
    assert len({r for p in seed_practices() for r in p.regions}) >= 4


def test_at_least_two_practices_in_french_spanish_or_arabic():
    assert sum(p.language in ("fr", "es", "ar") for p in seed_practices()) >= 2


@pytest.mark.parametrize("practice_id", SEED_IDS)
def test_seed_entries_are_compiled_and_cite_sources(practice_id):
    practice = _practice(practice_id)
    assert practice.provenance == "compiled"
    assert len(practice.sources) >= 1


@pytest.mark.parametrize("practice_id", SEED_IDS)
def test_compiled_entries_claim_no_consent(practice_id):
    practice = _practice(practice_id)
    assert practice.consent is None


@pytest.mark.parametrize(
    "practice_id",
    ["irc-emap-engaging-men-accountable-practice", "sasa-community-mobilisation", "programa-h"],
)
def test_community_programmes_on_partner_violence_are_not_labelled_as_sea_practices(practice_id):
    practice = _practice(practice_id)
    assert practice.misconduct == ["community-gbv"]


@pytest.mark.parametrize(
    "practice_id", ["in-country-psea-network-sops", "menengage-accountability-framework"]
)
def test_entries_that_found_no_evaluation_are_not_labelled_evaluated(practice_id):
    practice = _practice(practice_id)
    assert practice.evidence == "anecdotal"
