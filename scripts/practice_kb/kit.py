"""`kb kit`: every print set of one event, as HTML files and PDFs.

Reads the event sheet, refuses an event that is not ready to print (and says
what is missing), validates the guide and the practices, then writes
``<out>/<event>/<set>.html`` and ``<set>.pdf`` for each set of ``printsets.SETS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import event as events
from . import pdf, printsets, project, report
from .checks import Report

DEFAULT_EVENT = Path("guide/events/example.yml")
DEFAULT_OUT = Path("site/en/guide/kit")


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run(event_path: Path, out: Path = DEFAULT_OUT, root: Path | None = None) -> int:
    """Exit status: 0 written, 1 the event or the guide has problems or is not ready."""
    root = root or Path.cwd()
    if not event_path.is_file():
        _say(
            f"kb kit: no event sheet at {event_path}; copy {DEFAULT_EVENT} to "
            "guide/events/<name>.yml and give its path"
        )
        return 2
    event, problems = events.read(event_path, str(event_path))
    if event is None or problems:
        _say(f"kb kit: {event_path} has problems; fix them, then print again:")
        print(report.as_text(Report(problems=problems, files=1)))
        return 1
    missing = events.ready_to_print(event)
    if missing:
        _say("kb kit: " + events.not_ready_message(str(event_path), missing))
        return 1
    _say(f"… validating the guide and the practices for {event_path}")
    loaded = project.validate(root, shape_only=True)
    content = loaded.guide
    if not loaded.report.ok:
        _say("kb kit: the guide or the practices have problems; fix them, then print again:")
        print(report.as_text(loaded.report))
        return 1
    if event.agenda not in content.agendas:
        known = ", ".join(sorted(content.agendas))
        _say(
            f"kb kit: {event_path}: agenda: '{event.agenda}' is not in guide/agendas/; "
            f"choose one of: {known}"
        )
        return 1
    agenda, _ = content.agendas[event.agenda]
    practices = [e.practice for e in loaded.report.entries if not e.practice.withdrawn]
    folder = out / event_path.stem
    folder.mkdir(parents=True, exist_ok=True)
    css = printsets.stylesheets(root)
    for chosen in printsets.SETS:
        page = printsets.render(chosen.slug, event.agenda, agenda, content, practices, event)
        title = f"{chosen.title}: {agenda.title}"
        html_path = folder / f"{chosen.slug}.html"
        html_path.write_text(
            printsets.standalone(page, title, css, agenda.language), encoding="utf-8"
        )
        _say(f"… {chosen.title} ({chosen.audience}, {chosen.paper}): {html_path}")
        pdf.render(html_path, html_path.with_suffix(".pdf"))
        print(f"wrote {html_path.with_suffix('.pdf')}")
    quantities = events.quantities(agenda, content, event)
    if quantities:
        _say("To prepare for this event:")
        for what, count in quantities:
            _say(f"  {count:>5}  {what}")
    return 0
