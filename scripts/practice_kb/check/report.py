"""Print a validation report for people, for GitHub, or as JSON."""

from __future__ import annotations

import json

from ..core.problem import Problem, visible
from .checks import Report


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: Report) -> str:
    warned = f"; {_plural(len(report.warnings), 'warning')}" if report.warnings else ""
    if report.ok:
        return f"{_plural(report.files, 'file')} checked: no problems{warned}"
    files = len({p.path for p in report.problems})
    return f"{_plural(len(report.problems), 'problem')} in {_plural(files, 'file')}{warned}"


def _all(report: Report) -> list[Problem]:
    """Errors and warnings together, in the order of the files and lines."""
    if not report.warnings:
        return report.problems
    return sorted([*report.problems, *report.warnings], key=lambda p: (p.path, p.line))


def as_text(report: Report) -> str:
    return "\n".join([*(str(problem) for problem in _all(report)), summary(report)])


def _escape(value: str, property: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property else value


def as_github(report: Report) -> str:
    """Workflow commands that GitHub shows as annotations on the changed lines."""
    lines = []
    for p in _all(report):
        title = visible(f"{p.field}: {p.message}" if p.field else p.message)
        text = title + (f"\n{visible(p.hint)}" if p.hint else "")
        lines.append(
            f"::{p.severity} file={_escape(p.path, True)},line={p.line},"
            f"title={_escape(title, True)}::{_escape(text)}"
        )
    lines.append(summary(report))
    return "\n".join(lines)


def as_json(report: Report) -> str:
    def shape(found: list[Problem]) -> list[dict[str, object]]:
        return [
            {"path": p.path, "line": p.line, "field": p.field, "message": p.message, "hint": p.hint}
            for p in found
        ]

    return json.dumps(
        {
            "files": report.files,
            "problems": shape(report.problems),
            "warnings": shape(report.warnings),
            "summary": summary(report),
        },
        ensure_ascii=False,
        indent=2,
    )


FORMATS = {"text": as_text, "github": as_github, "json": as_json}
