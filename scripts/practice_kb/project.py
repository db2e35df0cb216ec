"""The repository's layout, and validating everything in it together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import agenda, checks

PRACTICES = "practices"
GUIDE = "guide"


@dataclass
class Project:
    """Everything the site is built from, validated."""

    report: checks.Report
    guide: agenda.Content


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve() == folder.resolve() or folder.resolve() in path.resolve().parents


def validate(root: Path, paths: list[Path] | None = None, today: dt.date | None = None) -> Project:
    """Validate the practices and the guide under ``root``.

    With ``paths``, only the practice files named are checked, and the guide
    only when one of them lies inside ``guide/`` (its files refer to each other,
    so the whole folder is checked together).
    """
    guide_folder = root / GUIDE
    if paths is None:
        practice_paths, with_guide = [root / PRACTICES], guide_folder.is_dir()
    else:
        practice_paths = [p for p in paths if not _inside(p, guide_folder)]
        with_guide = len(practice_paths) < len(paths)
    report = (
        checks.validate(practice_paths, today=today, root=root)
        if practice_paths
        else (checks.Report())
    )
    guide = agenda.Content()
    if with_guide:
        known = {p.stem for p in (root / PRACTICES).glob("*.md")}
        guide = agenda.validate(guide_folder, known, root=root)
        report.problems.extend(guide.problems)
        report.files += guide.files
    return Project(report, guide)
