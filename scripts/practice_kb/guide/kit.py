"""`kb kit`: every print set of one event, as HTML files and PDFs.

Reads the event sheet, refuses an event that is not ready to print (and says
what is missing), validates the guide and the practices, then, for every language
the event names (its ``languages:``), writes ``<out>/<lang>/guide/kit/<event>/<set>.html``
and ``<set>.pdf`` for each set of ``printsets.SETS``, from the guide's translation
into that language (Arabic right to left). With ``bilingual``, the table set and the
statement sheets also with the English beside the language.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import project
from ..check import report
from ..check.checks import Report
from ..core.strings import t
from ..core.vocabulary import SITE_LANGUAGES
from . import event as events
from . import pdf, printsets

DEFAULT_EVENT = Path("guide/events/example.yml")
DEFAULT_OUT = Path("site")


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def folder(out: Path, language: str, event_path: Path) -> Path:
    """Where an event's print sets in ``language`` go: site/<lang>/guide/kit/<event>/."""
    return out / language / "guide" / "kit" / event_path.stem


def run(
    event_path: Path,
    out: Path = DEFAULT_OUT,
    root: Path | None = None,
    languages: list[str] | None = None,
    bilingual: bool = False,
) -> int:
    """Exit status: 0 written, 1 the event or the guide has problems or is not ready,
    2 bad usage."""
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
    english, _ = content.agendas[event.agenda]
    practices = [e.practice for e in loaded.report.entries if not e.practice.withdrawn]
    wanted = [code.split("-")[0].lower() for code in event.languages]
    chosen_languages = list(dict.fromkeys(languages or wanted))
    unknown = [code for code in chosen_languages if code not in SITE_LANGUAGES]
    if unknown:
        _say(f"kb kit: no guide in {unknown[0]!r}; choose from: {', '.join(SITE_LANGUAGES)}")
        return 2
    css = printsets.stylesheets(root)
    for language in chosen_languages:
        translated = content.for_language(language)
        own = translated.agendas.get(event.agenda) if language != "en" else None
        agenda, source = (own[0], translated) if own else (english, content)
        if language != "en" and not own:
            _say(
                f"kb kit: {event.agenda} has no {language} translation "
                f"(guide/i18n/{language}/agendas/{event.agenda}.yml): printed in English"
            )
        sets = printsets.SETS + (printsets.BILINGUAL_SETS if bilingual and own else ())
        target = folder(out, language, event_path)
        target.mkdir(parents=True, exist_ok=True)
        for chosen in sets:
            page = printsets.render(chosen.slug, event.agenda, agenda, source, practices, event)
            shown = source.language
            title = t("kit.page_title", shown, set=chosen.title_in(shown), agenda=agenda.title)
            html_path = target / f"{chosen.slug}.html"
            html_path.write_text(
                printsets.standalone(page, title, css, agenda.language), encoding="utf-8"
            )
            _say(f"… {chosen.title} ({chosen.audience}, {chosen.paper}, {language}): {html_path}")
            pdf.render(html_path, html_path.with_suffix(".pdf"))
            print(f"wrote {html_path.with_suffix('.pdf')}")
    quantities = events.quantities(english, content, event)
    if quantities:
        _say("To prepare for this event:")
        for what, count in quantities:
            _say(f"  {count:>5}  {what}")
    return 0
