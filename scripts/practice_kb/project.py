"""The repository's layout, and validating everything in it together."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .check import checks
from .core import load, strings, vocabulary
from .core.problem import Problem
from .guide import agenda, event

PRACTICES = "practices"
GUIDE = "guide"


@dataclass
class Project:
    """Everything the site is built from, validated."""

    report: checks.Report
    guide: agenda.Content
    events: event.Events = dataclasses.field(default_factory=event.Events)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve() == folder.resolve() or folder.resolve() in path.resolve().parents


def validate(
    root: Path,
    paths: list[Path] | None = None,
    today: dt.date | None = None,
    parallel: bool = False,
    shape_only: bool = False,
) -> Project:
    """Validate the practices and the guide under ``root``.

    With ``paths``, only the practice files named are checked, and the guide
    only when one of them lies inside ``guide/`` (its files refer to each other,
    so the whole folder is checked together). With ``parallel``, the report
    holds the problems only; with ``shape_only``, only what rendering needs is
    checked (see ``checks.validate``), and not the translations or misplaced files.
    """
    guide_folder = root / GUIDE
    if paths is None:
        practice_paths, with_guide = [root / PRACTICES], guide_folder.is_dir()
    else:
        practice_paths = [p for p in paths if not _inside(p, guide_folder)]
        with_guide = len(practice_paths) < len(paths)
    # practices checked on their own are checked against the rest of the knowledge base
    folder = root / PRACTICES
    inside = paths is not None and all(_inside(p, folder) for p in practice_paths)
    context = [folder] if inside and folder.is_dir() else []
    report = (
        checks.validate(
            practice_paths,
            today=today,
            root=root,
            parallel=parallel,
            shape_only=shape_only,
            context=context,
        )
        if practice_paths
        else (checks.Report())
    )
    guide, events = agenda.Content(), event.Events()
    if with_guide:
        known = {p.stem for p in (root / PRACTICES).glob("*.md")}
        guide = agenda.validate(guide_folder, known, root=root)
        report.problems.extend(guide.problems)
        report.files += guide.files
        events = event.validate(guide_folder, guide, known, today=today, root=root)
        report.problems.extend(events.problems)
        report.files += events.files
    if paths is None and not shape_only:
        report.problems.extend(untranslated())
        report.problems.extend(misplaced(root))
        report.files += 2
    return Project(report, guide, events)


PRACTICE_KEYS = re.compile(r"^themes:", re.MULTILINE), re.compile(r"^organisation:", re.MULTILINE)


def misplaced(root: Path) -> list[Problem]:
    """Practice files left outside practices/, which the site would silently ignore."""
    candidates = [
        *root.glob("*.md"),
        *(root / "docs").rglob("*.md"),
        *(root / "i18n").rglob("*.md"),
        *(root / PRACTICES).glob("*/**/*.md"),
    ]
    problems = []
    for path in sorted(candidates):
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        except OSError:
            continue
        if head.startswith("---") and all(key.search(head) for key in PRACTICE_KEYS):
            problems.append(
                Problem(
                    str(path.relative_to(root)),
                    1,
                    "",
                    "looks like a practice, but only files directly in practices/ are published",
                    f"move it to practices/{path.name}",
                )
            )
    return problems


def untranslated() -> list[Problem]:
    """Vocabulary values and interface strings without a label in every site language."""
    problems = []
    data = resources.files("practice_kb.core").joinpath("data")
    name = "scripts/practice_kb/core/data/vocabularies.yml"
    document, _ = load.parse_data(data.joinpath("vocabularies.yml").read_bytes(), name)
    for vocab, value, field, language in vocabulary.missing_labels(vocabulary.SITE_LANGUAGES):
        line = document.line_of((vocab, value, field)) if document else 1
        problems.append(
            Problem(
                name,
                line,
                f"{vocab}.{value}.{field}",
                f"has no {language!r} translation",
                f"add '{language}: ...' beside 'en'",
            )
        )
    name = "scripts/practice_kb/core/data/strings.yml"
    document, _ = load.parse_data(data.joinpath("strings.yml").read_bytes(), name)
    for key, entry in strings.strings().items():
        for language in vocabulary.SITE_LANGUAGES:
            if language not in entry:
                line = document.line_of((key,)) if document else 1
                problems.append(
                    Problem(
                        name,
                        line,
                        key,
                        f"has no {language!r} translation",
                        f"add '{language}: ...' beside 'en'",
                    )
                )
    return problems
