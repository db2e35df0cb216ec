"""The JSON Schema for editors: committed, in sync with the model, and usable."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from practice_kb import cli
from practice_kb.core import load, model, vocabulary

from conftest import FIXTURES, ROOT, VALID


@pytest.mark.parametrize("path", list(cli.generated_files()), ids=str)
def test_generated_files_are_up_to_date(path):
    committed = (ROOT / path).read_text(encoding="utf-8")
    assert committed == cli.generated_files()[path], "run `.venv/bin/kb generate` and commit"


def _frontmatter(path):
    document, problems = load.read(path)
    assert problems == []
    return json.loads(json.dumps(document.data, default=str))


@pytest.mark.parametrize("path", sorted((FIXTURES / "valid").glob("*.md")), ids=lambda p: p.stem)
def test_valid_practices_satisfy_the_json_schema(path):
    jsonschema.validate(_frontmatter(path), model.json_schema())


@pytest.mark.parametrize(
    ("change", "rejected"),
    [
        ({"themes": ["engaging-men"]}, "'engaging-men' is not one of"),
        ({"colour": "red"}, "Additional properties are not allowed"),
        (
            {
                "provenance": "submitted",
                "consent": {"publication": False, "no_identifying_details": True},
            },
            "True was expected",
        ),
        (
            {"consent": {"publication": True, "no_identifying_details": True}},
            "False schema does not allow",
        ),
        ({"provenance": "submitted"}, "'consent' is a required property"),
        (
            {"sources": [{"title": "Report", "url": "https://example.org/r"}]},
            "does not contain items matching",
        ),
        ({"id": "Not An Id"}, "does not match"),
    ],
)
def test_json_schema_rejects_what_the_validator_rejects(change, rejected):
    data = json.loads(json.dumps(dict(VALID, **change), default=str))
    with pytest.raises(jsonschema.ValidationError, match=rejected):
        jsonschema.validate(data, model.json_schema())


def test_every_vocabulary_value_is_in_the_schema():
    text = json.dumps(model.json_schema())
    vocabularies = yaml.safe_load(
        (ROOT / "scripts/practice_kb/core/data/vocabularies.yml").read_text(encoding="utf-8")
    )
    for name, values in vocabularies.items():
        if name == "sections" or name in vocabulary.GUIDE_VOCABULARIES:
            continue
        for value in values:
            assert f'"{value}"' in text, f"{name}: {value}"


def test_published_schema_is_the_committed_one(seed_site):
    published = (seed_site / "practice.schema.json").read_text(encoding="utf-8")
    assert published == (ROOT / cli.SCHEMA_FILE).read_text(encoding="utf-8")
