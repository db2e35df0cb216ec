"""Shared helpers: a valid practice to break one field at a time, and file writers."""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 6, 1)

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

VALID: dict = {
    "id": "example-practice",
    "title": "Example practice",
    "summary": "A practice used by the tests.",
    "organisation": {"name": "Example Organisation", "type": "national-ngo"},
    "themes": ["prevention-and-response"],
    "topics": ["safe-reporting"],
    "misconduct": ["sea", "sh"],
    "regions": ["southern-africa"],
    "countries": ["ZA"],
    "audience": ["communities"],
    "approaches": ["survivor-centred"],
    "evidence": "monitored",
    "stage": "active",
    "years": {"start": 2020, "end": 2024},
    "language": "en",
    "resources": [
        {"title": "Guide", "url": "https://example.org/g", "kind": "guide", "language": "en"}
    ],
    "sources": [{"title": "Report", "url": "https://example.org/r"}],
    "provenance": "compiled",
    "consent": {"publication": True, "no_identifying_details": True},
    "contact": "psea@example.org",
    "submitted": dt.date(2025, 1, 10),
    "last_reviewed": dt.date(2025, 3, 1),
}

BODY = """
## What the practice is

What it is.

## How it works

1. A step.

## What changed

A result.

## What did not work and lessons

A lesson.

## How to adapt it

An adaptation.
"""


def practice_text(data: dict, body: str = BODY) -> str:
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n{body}"


@pytest.fixture
def valid() -> dict:
    return copy.deepcopy(VALID)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a practice file into ``tmp_path/practices`` and return its path."""

    def writer(data: dict | None = None, body: str = BODY, name: str | None = None) -> Path:
        data = copy.deepcopy(VALID) if data is None else data
        folder = tmp_path / "practices"
        folder.mkdir(exist_ok=True)
        path = folder / f"{name or data.get('id', 'example-practice')}.md"
        path.write_text(practice_text(data, body), encoding="utf-8")
        return path

    return writer
