"""The options of a build, validated once and passed in: no environment variables.

``kb build``, ``kb serve``, the benchmark and the tests make one ``BuildOptions``
and hand it to the stages (``stage``, ``engine``, ``finish``). The engine is the one
line to change to build with another engine: ``engine:`` in ``kb.yml`` at the root of
the project (or ``--engine`` on the command line).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..core.vocabulary import SITE_LANGUAGES

Engine = Literal["mkdocs", "zensical"]
SETTINGS = "kb.yml"  # the project's build settings: today only the engine


class BuildOptions(BaseModel):
    """What one build makes, and with what."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    root: Path = Field(description="the project: practices/, guide/, docs/, mkdocs.yml")
    site: Path = Field(description="where the built sites go: <site>/<lang>/")
    languages: tuple[str, ...] = SITE_LANGUAGES
    offline: bool = Field(True, description="also build the offline copies (zips)")
    site_url: str = Field("", description="the published address, or '' for a local build")
    engine: Engine = "mkdocs"
    # `kb publish` writes the guide's PDFs beside its pages, which then link them
    pdfs: bool = False
    # for testing the second layer of defence only: build despite validation problems
    force: bool = False
    jobs: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [code for code in value if code not in SITE_LANGUAGES]
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a site language ({', '.join(SITE_LANGUAGES)})")
        return value or SITE_LANGUAGES

    @field_validator("site_url")
    @classmethod
    def _absolute_address(cls, value: str) -> str:
        if value and urlsplit(value).scheme not in ("http", "https"):
            raise ValueError(f"{value!r} is not an http(s) address")
        return value

    @property
    def stage_folder(self) -> Path:
        """Where the staged Markdown goes: outside docs/, never committed."""
        return self.root / "build" / "stage"


def project_engine(root: Path) -> Engine:
    """The engine ``kb.yml`` names, MkDocs when it names none."""
    path = root / SETTINGS
    if not path.is_file():
        return "mkdocs"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    engine = data.get("engine", "mkdocs") if isinstance(data, dict) else "mkdocs"
    if engine not in ("mkdocs", "zensical"):
        raise SystemExit(f"{SETTINGS}:1: engine: {engine!r} is not mkdocs or zensical")
    return engine
