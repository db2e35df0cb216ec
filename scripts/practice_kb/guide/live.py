"""Running the session live, in the browser (issue 17): pure functions from an agenda,
the guide's content, the practices and the Event model to pages of the site.

- ``live/<agenda>/presenter.md``: the facilitator's view (``docs/assets/live.js``):
  the current block and its script, the clock against the plan, the next cue and its
  countdown, what to cut when late, the content note, support slip and closing
  reminder one key away, and the tally of a paper round.
- ``live/<agenda>/projector.md``: what the room sees, opened from the presenter view
  and kept in step with it by ``window.postMessage`` between the two windows, which
  works from the offline copy opened from the file system in every browser (a
  BroadcastChannel does not: Firefox gives each file an opaque origin of its own,
  though Chromium lets file:// pages share a channel). It carries no facilitator
  field: only statements, the colour key, content notes of the testimonies, the
  group guidelines, the support information and the panel's outline.
- ``live/event.md``: the event sheet as a form (``docs/assets/event-form.js``), its
  fields from ``Event``'s JSON Schema and its messages from the validator itself, run
  on probe sheets at build time: nothing is written twice.
- ``live/evaluation-sheet.md`` (a printable half page), ``live/evaluation.md`` (answers
  typed in on the device, exported as CSV and JSON) and ``live/<agenda>/follow-up.md``
  (the facilitators' debrief and the pack for the regional call).

Every text of these pages is an interface string (``live.*`` in ``core/data/strings.yml``,
in the four languages); the guide's own texts come from its data. Placeholders such as
``[support person]`` stay in the data and are filled in the browser from an event sheet
the event form passes to the window it opens.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import re
from collections.abc import Callable
from typing import Any

import yaml
from pydantic import ValidationError

from ..core import load, vocabulary
from ..core.model import Practice
from ..core.nested import DELETE, set_at
from ..core.schema_errors import schema_problems
from ..core.strings import strings, t
from ..core.text import frontmatter
from .agenda import Agenda, Block, Content, Slot, clock, panel_practices
from .event import FRESH_DAYS, PLACEHOLDERS, Event
from .event import check as check_event

FOLDER = "live"
STYLE = "live.css"
MARKS = ("++", "+", "−", "−−")
_CUE = re.compile(r"^\s*(\d+)\s*min\s*:\s*(.*)$", re.S)
_PART = re.compile(r"^(.*?\(\d+ minutes?\))")
GUIDELINES = 5
DEBRIEF = 6
QUESTIONS = 5  # of the evaluation: four on the concept note's aims, one open
SCALE = 4


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def _strings(lang: str, prefix: str = "live.") -> dict[str, str]:
    """Every ``live.*`` interface string in ``lang`` (English where missing)."""
    return {key[len(prefix) :]: t(key, lang) for key in strings() if key.startswith(prefix)}


def json_script(element_id: str, data: Any) -> str:
    """Data for a script, in a <script> the browser never runs; '</' cannot close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _assets(depth: int) -> str:
    return "../" * depth + "assets/"


def _head(depth: int, scripts: tuple[str, ...]) -> tuple[str, str]:
    base = _assets(depth)
    return (
        f'<link rel="stylesheet" href="{base}{STYLE}">',
        "".join(f'<script src="{base}{name}"></script>' for name in scripts),
    )


# ---------------------------------------------------------------------------
# The session as steps: what the presenter advances through
# ---------------------------------------------------------------------------


def cues(block: Block) -> list[tuple[int, str]]:
    """(minute, text) of each timing cue "N min: ..." of a block, in order."""
    found = []
    for cue in block.cues:
        match = _CUE.match(cue)
        if match:
            found.append((int(match.group(1)), match.group(2).strip()))
    return found


def outline(block: Block) -> list[str]:
    """The panel's running order as the room may see it: each part's name and minutes,
    without the moderator's instructions that follow the colon."""
    parts = []
    for item in block.running_order:
        match = _PART.match(item)
        if match:
            parts.append(match.group(1).strip())
    return parts


def _expand(
    at: int, until: int, cue: str, items: list[dict[str, Any]], block_index: int, kind: str
) -> list[dict[str, Any]]:
    """Steps for items read or shown one by one under one cue, spread evenly from ``at``
    to ``until``."""
    span = max(until - at, 0)
    return [
        {
            "block": block_index,
            "at": round(at + span * i / len(items), 2),
            "cue": cue,
            "screen": {"kind": kind, "number": i + 1, "total": len(items), **item},
        }
        for i, item in enumerate(items)
    ]


def _screen(slot: Slot, block: Block) -> dict[str, Any]:
    """What the room sees during a block's ordinary cues."""
    if slot.testimonies:
        return {"kind": "note"}
    if block.colours:
        return {"kind": "key"}
    if block.running_order or block.segments:
        return {"kind": "running"}
    if block.card:
        return {"kind": "support"}
    return {"kind": "guidelines"}


def steps(agenda: Agenda, content: Content) -> list[dict[str, Any]]:
    """Every cue of the session, in order, with its planned time (minutes since
    midnight) and the screen the room sees. The testimonies and statements a block
    reads or shows become steps of their own, after the block's second cue (where the
    guide's cues start reading or the rounds), spread up to the cue that follows."""
    found: list[dict[str, Any]] = []
    for index, slot in enumerate(agenda.blocks):
        block = content.blocks.get(slot.block)
        if block is None:
            continue
        block = slot.adapt(block)
        minutes = slot.end - slot.start
        marks = [(m, text) for m, text in cues(block) if m < minutes] or [(0, block.title)]
        items: list[dict[str, Any]] = []
        kind = ""
        if slot.testimonies:
            kind = "testimony"
            items = [
                {"title": content.testimonies[v].title, "note": content.testimonies[v].content_note}
                for v in slot.testimonies
                if v in content.testimonies
            ]
        elif block.colours and slot.statements:
            kind = "statement"
            items = [
                {"text": content.statements[v].text}
                for v in slot.statements
                if v in content.statements
            ]
        after = 1 if len(marks) > 1 else 0
        screen = _screen(slot, block)
        for position, (mark, text) in enumerate(marks):
            if position == after and items:
                until = marks[position + 1][0] if position + 1 < len(marks) else minutes
                found += _expand(slot.start + mark, slot.start + until, text, items, index, kind)
                if kind == "statement":  # after the rounds, the tables talk
                    screen = {"kind": "guidelines"}
                continue
            found.append({"block": index, "at": slot.start + mark, "cue": text, "screen": screen})
    return found


def _practice_line(practice: Practice) -> str:
    return f"{practice.title} ({practice.organisation.name})"


def _colour_name(colour: str, lang: str) -> str:
    """A paper's colour in the page's language (``kit.colour.*``), as it is otherwise."""
    key = f"kit.colour.{colour.lower()}"
    return t(key, lang) if key in strings() else colour


def session_data(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], lang: str = "en"
) -> dict[str, Any]:
    """Everything the presenter and projector views need, for the page's script."""
    blocks = []
    colours: list[dict[str, str]] = []
    running: list[str] = []
    for slot in agenda.blocks:
        source = content.blocks.get(slot.block)
        if source is None:
            continue
        block = slot.adapt(source)
        if block.colours and not colours:
            colours = [
                {
                    "colour": c.colour,
                    "name": _colour_name(c.colour, lang),
                    "response": c.response,
                    "mark": mark,
                }
                for c, mark in zip(block.colours, MARKS, strict=False)
            ]
        if block.running_order and not running:
            running = outline(block)
        blocks.append(
            {
                "id": slot.block,
                "title": slot.title or block.title,
                "start": slot.start,
                "end": slot.end,
                "script": block.script,
                "materials": block.materials,
                "cuts": block.cuts,
                "rounds": slot.rounds,
                "practices": [_practice_line(p) for p in panel_practices(slot, practices)]
                if block.running_order or block.segments
                else [],
            }
        )
    return {
        "name": name,
        "title": agenda.title,
        "language": agenda.language,
        "start": agenda.start,
        "end": agenda.end,
        "blocks": blocks,
        "steps": steps(agenda, content),
        "colours": colours,
        "running": running,
        "placeholders": PLACEHOLDERS,  # and the event fields that fill them
    }


def room_data(session: dict[str, Any]) -> dict[str, Any]:
    """The part of the session the projector may hold: no script, cue, cut, material
    or note (tested: none of them is on the projector page)."""
    return {
        "name": session["name"],
        "title": session["title"],
        "language": session["language"],
        "blocks": [{"title": b["title"], "practices": b["practices"]} for b in session["blocks"]],
        "steps": [{"block": s["block"], "screen": s["screen"]} for s in session["steps"]],
        "colours": session["colours"],
        "running": session["running"],
        "placeholders": session["placeholders"],
    }


# ---------------------------------------------------------------------------
# Presenter and projector pages
# ---------------------------------------------------------------------------


def presenter_page(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], lang: str = "en"
) -> str:
    s = _strings(lang)
    style, scripts = _head(2, ("live.js",))
    data = session_data(name, agenda, content, practices, lang)
    title = s["presenter.title"].format(agenda=agenda.title)
    key = lambda k, label: f"<li><kbd>{_e(k)}</kbd> {_e(label)}</li>"  # noqa: E731
    keys = [
        key("→ / Space", s["key.next"]),
        key("←", s["key.previous"]),
        key("P", s["key.pause"]),
        key("S", s["key.start"]),
        key("C", s["key.note"]),
        key("U", s["key.support"]),
        key("R", s["key.closing"]),
        key("Esc", s["key.close"]),
    ]
    body = f"""{style}
<div class="kbl kbl-presenter" id="kbl" data-kbl="presenter" data-kbl-lang="{_e(lang)}">
<p class="kbl-intro">{_e(s["presenter.intro"])}</p>
<p id="kbl-event-status" class="kbl-help" role="status"></p>
<noscript><p>{_e(s["noscript"])}</p></noscript>
<div class="kbl-bar" role="group" aria-label="{_e(s["controls"])}">
<button type="button" class="md-button" id="kbl-previous" data-key="ArrowLeft">\
{_e(s["previous"])}</button>
<button type="button" class="md-button md-button--primary" id="kbl-next" data-key="ArrowRight">\
{_e(s["next"])}</button>
<button type="button" class="md-button" id="kbl-pause" data-key="p">{_e(s["pause"])}</button>
<button type="button" class="md-button" id="kbl-start" data-key="s">{_e(s["start_now"])}</button>
<button type="button" class="md-button" id="kbl-open-projector">{_e(s["open_projector"])}</button>
</div>
<div class="kbl-times">
<p><span class="kbl-label">{_e(s["clock"])}</span> <output id="kbl-clock">--:--:--</output></p>
<p><span class="kbl-label">{_e(s["plan"])}</span> <output id="kbl-plan">--:--</output></p>
<p id="kbl-status" class="kbl-status" role="status"></p>
</div>
<section id="kbl-late" class="kbl-late" hidden aria-labelledby="kbl-late-title">
<h2 id="kbl-late-title"></h2>
<p>{_e(s["cuts"])}</p><ol id="kbl-cuts"></ol>
<div id="kbl-later-cuts"></div>
</section>
<section class="kbl-now" aria-labelledby="kbl-block-title">
<p class="kbl-label">{_e(s["current_block"])}</p>
<h2 id="kbl-block-title" tabindex="-1"></h2>
<p id="kbl-block-times"></p>
<p class="kbl-label">{_e(s["cue"])}</p>
<p id="kbl-cue" class="kbl-cue"></p>
<div id="kbl-screen-summary" class="kbl-screen-summary"></div>
</section>
<section id="kbl-tally" class="kbl-tally" hidden aria-labelledby="kbl-tally-title">
<h2 id="kbl-tally-title">{_e(s["tally"])}</h2>
<p>{_e(s["tally_help"])}</p>
<div id="kbl-tally-fields" class="kbl-tally-fields"></div>
<p class="kbl-label">{_e(s["read_aloud"])}</p>
<p id="kbl-tally-sentence" class="kbl-read" aria-live="polite"></p>
</section>
<section class="kbl-next" aria-labelledby="kbl-next-title">
<h2 id="kbl-next-title">{_e(s["next_cue"])}</h2>
<p><output id="kbl-countdown" class="kbl-countdown"></output></p>
<p id="kbl-next-cue"></p>
</section>
<section class="kbl-materials" aria-labelledby="kbl-materials-title">
<h2 id="kbl-materials-title"></h2>
<ul id="kbl-materials"></ul>
</section>
<details class="kbl-script" open><summary>{_e(s["script"])}</summary>
<div id="kbl-script" lang="{_e(agenda.language)}"></div></details>
<section class="kbl-keys" aria-labelledby="kbl-keys-title">
<h2 id="kbl-keys-title">{_e(s["keys"])}</h2>
<ul>{"".join(keys)}</ul>
</section>
<div id="kbl-overlay" class="kbl-overlay" role="dialog" aria-modal="true" hidden \
aria-labelledby="kbl-overlay-title" tabindex="-1">
<h2 id="kbl-overlay-title"></h2>
<div id="kbl-overlay-text" class="kbl-read"></div>
<button type="button" class="md-button" id="kbl-overlay-close">{_e(s["close"])}</button>
</div>
{json_script("kbl-data", data)}
{json_script("kbl-strings", s)}
{scripts}
</div>
"""
    return (
        frontmatter(title=title, hide=["navigation", "toc"], search={"exclude": True})
        + f"# {_e(title)}\n\n"
        + body
    )


def projector_page(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], lang: str = "en"
) -> str:
    s = _strings(lang)
    style, scripts = _head(2, ("live.js",))
    data = room_data(session_data(name, agenda, content, practices, lang))
    room = {
        key: s[key]
        for key in s
        if key.startswith(("room.", "guideline.", "tally_", "q."))
        or key
        in (
            "content_note",
            "content_note_text",
            "support",
            "support_text",
            "closing",
            "closing_text",
            "guidelines_title",
            "key_title",
            "unsure",
            "unsure_colour",
            "unsure_response",
            "pass",
            "statement_of",
            "testimony_of",
            "running_order",
            "panelists",
            "projector.alone",
            "tally_chart",
        )
    }
    title = s["projector.title"].format(agenda=agenda.title)
    body = f"""{style}
<div class="kbl kbl-projector" id="kbl" data-kbl="projector" data-kbl-lang="{_e(lang)}">
<noscript><p>{_e(s["noscript"])}</p></noscript>
<div id="kbl-room" class="kbl-room" lang="{_e(agenda.language)}" aria-live="polite"></div>
<p id="kbl-alone" class="kbl-alone">{_e(s["projector.alone"])}</p>
{json_script("kbl-data", data)}
{json_script("kbl-strings", room)}
{scripts}
</div>
"""
    return (
        frontmatter(title=title, hide=["navigation", "toc", "footer"], search={"exclude": True})
        + f'<h1 class="kbl-hidden">{_e(title)}</h1>\n\n'
        + body
    )


# ---------------------------------------------------------------------------
# The event form: fields from the model, messages from the validator
# ---------------------------------------------------------------------------

_PROBE_TODAY = dt.date(2026, 1, 1)
_BASE_EVENT: dict[str, Any] = {
    "date": dt.date(2026, 3, 2),
    "place": "Probe venue",
    "room": "Probe room",
    "participants": 40,
    "table_size": 8,
    "languages": ["en"],
    "agenda": "probe-agenda",
    "upcoming": True,
    "support": {"role": "the probe counsellor", "where": "by the door"},
    "quiet_room": "Room C",
    "referrals": [
        {
            "country": "Kenya",
            "service": "Probe service",
            "contact": "https://example.org/probe",
            "hours": "Every day",
            "last_checked": dt.date(2026, 2, 20),
        }
    ],
    "psea_focal_point": "the probe coordinator",
    "photography": "No photographs.",
    "panel": [
        {
            "role": "Coordinator",
            "organisation": "Probe Organisation",
            "organisation_type": "network",
            "introduction": "Probes things.",
            "practice": "probe-practice",
        }
    ],
}


def _event_problems(change: Callable[[dict[str, Any]], None]) -> list[Any]:
    """The validator's problems with the base sheet once ``change`` breaks it."""
    data = copy.deepcopy(_BASE_EVENT)
    change(data)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    document, found = load.parse_data(text.encode(), "probe.yml")
    if document is None:
        return found
    try:
        event = Event.model_validate(document.data)
    except ValidationError as error:
        return found + list(schema_problems(error, document, Event))
    from .agenda import Content as GuideContent

    guide = GuideContent()
    guide.agendas["probe-agenda"] = (None, document)  # type: ignore[assignment]
    return found + list(check_event(event, document, guide, {"probe-practice"}, _PROBE_TODAY))


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        set_at(data, path, value)

    return change


def _probe(on: str, path: str, probe_value: Any, **names: str) -> tuple[str, str]:
    """(message, hint) the validator gives on ``field`` when ``path`` becomes ``value``,
    each probe text in ``names`` written back as {name} for the page to fill in."""
    for problem in _event_problems(_set(path, probe_value)):
        if problem.field == on:
            message, hint = problem.message, problem.hint
            for name, probe in names.items():
                message = message.replace(probe, "{" + name + "}")
                hint = hint.replace(probe, "{" + name + "}")
            return message, hint
    raise LookupError(f"the validator reported nothing on {on!r} for {probe_value!r}")


def _bounds(path: str) -> tuple[int, int]:
    """The smallest and largest whole number the validator accepts for ``path``."""

    def ok(value: int) -> bool:
        return not any(p.field == path for p in _event_problems(_set(path, value)))

    def edge(good: int, bad: int) -> int:
        while abs(bad - good) > 1:
            middle = (good + bad) // 2
            good, bad = (middle, bad) if ok(middle) else (good, middle)
        return good

    start = _BASE_EVENT[path]
    low = edge(start, -1)
    high = edge(start, 1_000_000)
    return low, high


def messages() -> dict[str, Any]:
    """The validator's messages for what a browser can check on an event sheet."""
    probe = "zzqq-probe"
    return {
        "required": _probe(
            "place",
            "place",
            DELETE,
            description=str(Event.model_fields["place"].description),
            field="place",
        ),
        "empty": _probe("place", "place", ""),
        "too_long": _probe("place", "place", "x" * 301, length="301", limit="300"),
        "number": _probe("participants", "participants", probe, value=probe),
        "participants": _probe("participants", "participants", 0, value="0"),
        "table_size": _probe("table_size", "table_size", 1, value="1"),
        "date": _probe("date", "date", probe, value=probe),
        "language": _probe("languages", "languages", ["zz9"], value="zz9"),
        "too_few": _probe("languages", "languages", []),
        "id": _probe("agenda", "agenda", "Probe Id", value="Probe Id", slug="probe-id"),
        "agenda": _probe("agenda", "agenda", probe, value=probe, choices="probe-agenda"),
        "past": _probe("date", "date", dt.date(2025, 2, 3), value="2025-02-03"),
        "unchecked": _probe(
            "referrals.last_checked", "referrals.last_checked", None, value="Probe service"
        ),
        "stale": _probe(
            "referrals.last_checked",
            "referrals.last_checked",
            dt.date(2025, 12, 1),
            value="Probe service",
            days=str((_BASE_EVENT["date"] - dt.date(2025, 12, 1)).days),
        ),
        "practice": _probe(
            "panel.practice", "panel.practice", probe, value=probe, choices="probe-practice"
        ),
        "choice": _probe(
            "panel.organisation_type",
            "panel.organisation_type",
            probe,
            value=probe,
            choices=", ".join(vocabulary.get("organisation_types").values),
        ),
    }


def form_data(
    content: Content, practices: list[Practice], lang: str, known_practices: set[str]
) -> dict[str, Any]:
    schema = Event.model_json_schema()
    participants = _bounds("participants")
    table_size = _bounds("table_size")
    return {
        "schema": schema,
        "messages": messages(),
        "bounds": {"participants": participants, "table_size": table_size},
        "fresh_days": FRESH_DAYS,
        "agendas": {name: agenda.title for name, (agenda, _) in content.agendas.items()},
        "practices": sorted(known_practices),
        "vocabularies": {
            "organisation_types": {
                term.value: term.label(lang) for term in vocabulary.get("organisation_types").terms
            }
        },
        "sets": _print_sets(lang),
        "language_pattern": schema["properties"]["languages"]["items"].get("pattern", ""),
    }


def _print_sets(lang: str = "en") -> list[dict[str, str]]:
    from . import printsets

    def title(chosen: Any) -> str:
        named = getattr(chosen, "title_in", None)
        return named(lang) if callable(named) else chosen.title

    return [
        {"slug": s.slug, "title": title(s)} for s in printsets.SETS if s.slug != "facilitator-guide"
    ]


def event_page(
    content: Content, practices: list[Practice], known: set[str], lang: str = "en"
) -> str:
    s = _strings(lang)
    style, scripts = _head(1, ("javascripts/js-yaml.min.js", "event-form.js"))
    data = form_data(content, practices, lang, known)
    labels = {k[len("field.") :]: v for k, v in s.items() if k.startswith("field.")}
    title = s["event.title"]
    body = f"""{style}
<div class="kbl kbl-event" id="kbl" data-kbl="event">
<p>{_e(s["event.intro"])}</p>
<noscript><p>{_e(s["noscript"])}</p></noscript>
<details class="kbl-import"><summary>{_e(s["event.import"])}</summary>
<p><label for="kbl-import-file">{_e(s["event.import_file"])}</label>
<input type="file" id="kbl-import-file" accept=".yml,.yaml,text/yaml,text/plain"></p>
<p id="kbl-import-status" role="status"></p></details>
<section id="kbl-summary" class="kbl-summary" tabindex="-1" aria-labelledby="kbl-summary-title">
<h2 id="kbl-summary-title">{_e(s["event.checks"])}</h2>
<p id="kbl-summary-status" role="status"></p>
<ul id="kbl-summary-list"></ul>
<p class="kbl-help">{_e(s["event.not_checked"])}</p>
</section>
<form id="kbl-form" novalidate></form>
<section class="kbl-out" aria-labelledby="kbl-out-title">
<h2 id="kbl-out-title">{_e(s["event.use"])}</h2>
<p><button type="button" class="md-button md-button--primary" id="kbl-export">\
{_e(s["event.export"])}</button></p>
<p id="kbl-export-status" role="status"></p>
<p>{_e(s["event.open_help"])}</p>
<ul id="kbl-open" class="kbl-open"></ul>
</section>
<section class="kbl-keep" aria-labelledby="kbl-keep-title">
<h2 id="kbl-keep-title">{_e(s["event.keep_title"])}</h2>
<p><label><input type="checkbox" id="kbl-keep"> {_e(s["event.keep"])}</label></p>
<p class="kbl-help" id="kbl-keep-note">{_e(s["event.keep_note"])}</p>
<p><button type="button" class="md-button" id="kbl-clear">{_e(s["event.clear"])}</button></p>
<p id="kbl-keep-status" role="status"></p>
</section>
{json_script("kbl-data", data)}
{json_script("kbl-strings", s)}
{json_script("kbl-labels", labels)}
{scripts}
</div>
"""
    return frontmatter(title=title, search={"exclude": True}) + f"# {_e(title)}\n\n" + body


# ---------------------------------------------------------------------------
# Evaluation, debrief and follow-up
# ---------------------------------------------------------------------------


def evaluation(lang: str) -> list[dict[str, Any]]:
    """The five questions: four tied to the concept note's three aims, one open."""
    s = _strings(lang)
    questions = []
    for number in range(1, QUESTIONS + 1):
        open_question = number == QUESTIONS
        questions.append(
            {
                "id": f"q{number}",
                "text": s[f"eval.q{number}"],
                "aim": "" if open_question else s[f"eval.q{number}_aim"],
                "scale": [] if open_question else [s[f"eval.scale.{i}"] for i in range(1, 5)],
            }
        )
    return questions


def _sheet(lang: str) -> str:
    s = _strings(lang)
    rows = []
    for q in evaluation(lang):
        if q["scale"]:
            boxes = "".join(f'<span class="kbl-box">☐ {_e(label)}</span>' for label in q["scale"])
            rows.append(
                f'<li><p class="kbl-q">{_e(q["text"])}</p><p class="kbl-boxes">{boxes}</p></li>'
            )
        else:
            rows.append(
                f'<li><p class="kbl-q">{_e(q["text"])}</p><p class="kbl-write"></p>'
                '<p class="kbl-write"></p></li>'
            )
    return (
        '<div class="kbl-half">\n'
        f'<p class="kbl-half-title">{_e(s["eval.sheet_title"])}</p>\n'
        f'<p class="kbl-half-intro">{_e(s["eval.sheet_intro"])}</p>\n'
        f"<ol>{''.join(rows)}</ol>\n</div>\n"
    )


def evaluation_sheet(lang: str = "en") -> str:
    """The printable half page: two copies on an A4 sheet, to cut in half."""
    s = _strings(lang)
    style, _ = _head(1, ())
    title = s["eval.sheet_page"]
    return (
        frontmatter(title=title, search={"exclude": True})
        + f'<div class="kbl-print-intro" markdown>\n\n# {_e(title)}\n\n'
        f"<p>{_e(s['eval.sheet_help'])}</p>\n\n</div>\n\n"
        f'{style}\n<section class="kbl-evaluation-sheet">\n'
        + _sheet(lang)
        + '<p class="kbl-cut" aria-hidden="true"></p>\n'
        + _sheet(lang)
        + "</section>\n"
    )


def evaluation_page(lang: str = "en") -> str:
    """The page where a facilitator types in the paper forms' answers, on the device."""
    s = _strings(lang)
    style, scripts = _head(1, ("evaluation.js",))
    title = s["eval.record_title"]
    fields = []
    for q in evaluation(lang):
        if q["scale"]:
            options = "".join(
                f'<label class="kbl-option"><input type="radio" name="{q["id"]}" '
                f'value="{i}"> {_e(label)}</label>'
                for i, label in enumerate(q["scale"], 1)
            )
            options += (
                f'<label class="kbl-option"><input type="radio" name="{q["id"]}" value="" '
                f"checked> {_e(s['eval.no_answer'])}</label>"
            )
            fields.append(
                f"<fieldset><legend>{_e(q['text'])}</legend>"
                f'<p class="kbl-help">{_e(q["aim"])}</p>{options}</fieldset>'
            )
        else:
            fields.append(
                f'<p><label for="kbl-{q["id"]}">{_e(q["text"])}</label>'
                f'<textarea id="kbl-{q["id"]}" name="{q["id"]}" rows="3" dir="auto" '
                f'aria-describedby="kbl-open-help"></textarea></p>'
                f'<p class="kbl-help" id="kbl-open-help">{_e(s["eval.open_help"])}</p>'
            )
    data = {"questions": evaluation(lang)}
    body = f"""{style}
<div class="kbl kbl-evaluation" id="kbl" data-kbl="evaluation">
<p>{_e(s["eval.record_intro"])}</p>
<p><a href="evaluation-sheet.html">{_e(s["eval.sheet_page"])}</a></p>
<noscript><p>{_e(s["noscript"])}</p></noscript>
<form id="kbl-eval-form" novalidate>
{"".join(fields)}
<p><button type="submit" class="md-button md-button--primary" id="kbl-eval-add">\
{_e(s["eval.add"])}</button></p>
</form>
<p id="kbl-eval-status" role="status"></p>
<section aria-labelledby="kbl-eval-summary-title">
<h2 id="kbl-eval-summary-title">{_e(s["eval.summary"])}</h2>
<p id="kbl-eval-count"></p>
<div id="kbl-eval-table" class="kbl-table"></div>
<p><button type="button" class="md-button" id="kbl-eval-csv">{_e(s["eval.export_csv"])}</button>
<button type="button" class="md-button" id="kbl-eval-json">{_e(s["eval.export_json"])}</button>
<button type="button" class="md-button" id="kbl-eval-clear">{_e(s["eval.clear"])}</button></p>
</section>
{json_script("kbl-data", data)}
{json_script("kbl-strings", s)}
{scripts}
</div>
"""
    return frontmatter(title=title, search={"exclude": True}) + f"# {_e(title)}\n\n" + body


def follow_up_page(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], lang: str = "en"
) -> str:
    """The facilitators' debrief and the pack for the regional call three months on."""
    s = _strings(lang)
    style, scripts = _head(2, ("evaluation.js",))
    title = s["follow.title"].format(agenda=agenda.title)
    debrief = "".join(f"<li>{_e(s[f'debrief.{i}'])}</li>" for i in range(1, DEBRIEF + 1))
    rows = []
    shown: list[Practice] = []
    for slot in agenda.blocks:
        block = content.blocks.get(slot.block)
        title_of = slot.title or (block.title if block else slot.block)
        rows.append(
            f"<tr><td>{clock(slot.start)}–{clock(slot.end)}</td>"
            f"<td>{slot.end - slot.start}</td><td>{_e(title_of)}</td></tr>"
        )
        if block is not None and (block.running_order or block.segments):
            shown += [p for p in panel_practices(slot, practices) if p not in shown]
    practices_list = "".join(
        f'<li lang="{_e(p.language)}"><a href="../../practices/{_e(p.id)}.html">{_e(p.title)}</a>, '
        f"{_e(p.organisation.name)}</li>"
        for p in shown
    )
    body = f"""{style}
<div class="kbl kbl-follow" id="kbl" data-kbl="follow-up">
<div class="kbl-screen-only">
<p>{_e(s["follow.intro"])}</p>
<noscript><p>{_e(s["noscript"])}</p></noscript>
<h2>{_e(s["follow.debrief"])}</h2>
<p>{_e(s["follow.debrief_intro"])}</p>
<ol>{debrief}</ol>
<h2>{_e(s["follow.prepare"])}</h2>
<p><label for="kbl-follow-date">{_e(s["follow.date"])}</label>
<input type="date" id="kbl-follow-date"></p>
<p><label for="kbl-follow-themes">{_e(s["follow.themes_label"])}</label>
<textarea id="kbl-follow-themes" rows="6" dir="auto" aria-describedby="kbl-follow-warning">\
</textarea></p>
<p id="kbl-follow-warning" class="kbl-warning" role="status"></p>
<p><button type="button" class="md-button md-button--primary" id="kbl-follow-print">\
{_e(s["follow.print"])}</button></p>
</div>
<section class="kbl-pack" aria-labelledby="kbl-pack-title">
<h2 id="kbl-pack-title">{_e(s["follow.pack"])}</h2>
<p>{_e(s["follow.pack_intro"])}</p>
<p id="kbl-pack-date"></p>
<h3>{_e(s["follow.agenda"])}</h3>
<p lang="{_e(agenda.language)}"><strong>{_e(agenda.title)}</strong></p>
<table><thead><tr><th scope="col">{_e(s["follow.time"])}</th>\
<th scope="col">{_e(s["follow.minutes"])}</th><th scope="col">{_e(s["follow.block"])}</th>\
</tr></thead><tbody lang="{_e(agenda.language)}">{"".join(rows)}</tbody></table>
<h3>{_e(s["follow.practices"])}</h3>
<ul>{practices_list or "<li>" + _e(s["follow.no_practices"]) + "</li>"}</ul>
<h3>{_e(s["follow.themes"])}</h3>
<ul id="kbl-pack-themes"><li>{_e(s["follow.no_themes"])}</li></ul>
<h3>{_e(s["follow.contribute"])}</h3>
<p>{_e(s["follow.contribute_text"])}</p>
<ul><li><a href="../../write.html">{_e(s["follow.write"])}</a></li>
<li><a href="../../contributing.html">{_e(s["follow.how"])}</a></li></ul>
</section>
{json_script("kbl-strings", s)}
{scripts}
</div>
"""
    return frontmatter(title=title, search={"exclude": True}) + f"# {_e(title)}\n\n" + body


# ---------------------------------------------------------------------------
# Wiring: every page, and the links from the guide
# ---------------------------------------------------------------------------


def pages(
    content: Content, practices: list[Practice], known: set[str], lang: str = "en"
) -> dict[str, str]:
    """Every live page, by its path in the site's sources. The event form and the
    evaluation exist even with no agenda: the Staying safe online page links them."""
    generated = {
        f"{FOLDER}/event.md": event_page(content, practices, known, lang),
        f"{FOLDER}/evaluation.md": evaluation_page(lang),
        f"{FOLDER}/evaluation-sheet.md": evaluation_sheet(lang),
    }
    # the guide's own translation into ``lang``, where it has one (guide/i18n/<lang>/)
    by_language = getattr(content, "for_language", None)
    translated = by_language(lang) if lang != "en" and callable(by_language) else content
    for name, (agenda, _) in content.agendas.items():
        own = translated.agendas.get(name) if translated is not content else None
        chosen, source = (own[0], translated) if own else (agenda, content)
        folder = f"{FOLDER}/{name}"
        for page, render in (
            ("presenter", presenter_page),
            ("projector", projector_page),
            ("follow-up", follow_up_page),
        ):
            generated[f"{folder}/{page}.md"] = render(name, chosen, source, practices, lang)
    return generated


def guide_links(name: str | None = None, lang: str = "en") -> str:
    """Links from the guide (its index, or one agenda's guide) to the live pages."""
    s = _strings(lang)
    if name is None:
        items = [
            (f"../{FOLDER}/event.md", s["event.title"]),
            (f"../{FOLDER}/evaluation-sheet.md", s["eval.sheet_page"]),
            (f"../{FOLDER}/evaluation.md", s["eval.record_title"]),
        ]
    else:
        items = [
            (f"../{FOLDER}/{name}/presenter.md", s["guide.presenter"]),
            (f"../{FOLDER}/event.md", s["event.title"]),
            (f"../{FOLDER}/evaluation-sheet.md", s["eval.sheet_page"]),
            (f"../{FOLDER}/evaluation.md", s["eval.record_title"]),
            (f"../{FOLDER}/{name}/follow-up.md", s["guide.follow_up"]),
        ]
    lines = [f"\n## {s['guide.heading']}\n", s["guide.intro"] + "\n"]
    lines += [f"- [{label}]({target})" for target, label in items]
    return "\n".join(lines) + "\n"


def index_links(content: Content, lang: str = "en") -> str:
    """The guide index's section on running the session live, per agenda."""
    s = _strings(lang)
    lines = [guide_links(None, lang)]
    for name, (agenda, _) in content.agendas.items():
        lines.append(
            f"- {agenda.title}: [{s['guide.presenter']}](../{FOLDER}/{name}/presenter.md), "
            f"[{s['guide.follow_up']}](../{FOLDER}/{name}/follow-up.md)"
        )
    return "\n".join(lines) + "\n"


def link_from_guide(generated: dict[str, str], content: Content, lang: str = "en") -> None:
    """Add the links to the live pages to the guide's index and to each agenda's guide,
    after its list of print sets (at the end of the page when that list is not found)."""
    index = "guide/index.md"
    if index in generated:
        generated[index] = generated[index].rstrip("\n") + "\n" + index_links(content, lang)
    for name in content.agendas:
        page = f"guide/{name}.md"
        if page not in generated:
            continue
        text = generated[page]
        start = text.find('class="kb-print-sets"')
        end = text.find("</div>\n", start) if start >= 0 else -1
        if end >= 0:
            end += len("</div>\n")
            text = text[:end] + guide_links(name, lang) + text[end:]
        else:
            text = text.rstrip("\n") + "\n" + guide_links(name, lang)
        generated[page] = text
