"""The session kit's print sets: pure functions from an agenda, the guide's content,
the practices and (optionally) an event sheet to one Markdown page per set.

Each role prints its own set. Participant sets (the table set, the response
papers, the statement sheets, the commitment cards and the support slips) carry
only participant material: never a script, a timing cue, a transition, a cut, a
learning point or a facilitator's note. The facilitator's guide and the panel
pack are for the facilitators, the moderator and the panelists.

The same Markdown becomes a page of the site (``guide/<agenda>/<set>.html``,
printed from the browser) and, with :func:`standalone`, a self-contained HTML
file that ``kb kit`` turns into a PDF.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import guide
from .agenda import Agenda, Block, Content, Slot, clock, panel_practices
from .model import Practice
from .render import frontmatter, label, language_name, text

if TYPE_CHECKING:
    from .event import Event


@dataclass(frozen=True)
class PrintSet:
    slug: str
    title: str
    audience: str  # "participants", "facilitators" or "the moderator and panelists"
    paper: str  # what it prints on, for the reader choosing a printer setting

    @property
    def for_participants(self) -> bool:
        return self.audience == "participants"


SETS = (
    PrintSet("facilitator-guide", "Facilitator's guide", "facilitators", "A4 portrait"),
    PrintSet("table-set", "Table set: testimony cards", "participants", "A4 portrait"),
    PrintSet("response-papers", "Response papers", "participants", "A5 portrait"),
    PrintSet("statement-sheets", "Statement sheets", "participants", "A4 landscape"),
    PrintSet("commitment-cards", "Commitment cards", "participants", "A4, four cards a sheet"),
    PrintSet("support-slips", "Support slips", "participants", "A4, eight slips a sheet"),
    PrintSet("panel-pack", "Panel pack", "the moderator and panelists", "A4 portrait"),
)
BY_SLUG = {s.slug: s for s in SETS}
NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
PARTICIPANT_SETS = tuple(s.slug for s in SETS if s.for_participants)

# The marks of the four responses, from the most to the least agreement.
MARKS = ("++", "+", "−", "−−")
# Colours a printer can print as a band; other names get an outlined band.
BAND_COLOURS = {"blue", "white", "yellow", "orange", "green", "red", "purple", "grey", "gray"}

PRIVACY = (
    "Only the two organisers who open the box read the cards, after the session. "
    "Names and contacts are kept apart from the commitments and used only to invite you "
    "to the regional follow-up, then deleted. The cards are destroyed once they are typed up."
)
NOT_CASES = (
    "Describe what your organisation tried, what changed "
    "and what did not work; never tell the story of a real complaint, and give no detail "
    "(a name, a place, a date, a role) that could identify a survivor, a witness or a "
    "person accused. If a question invites a case, answer with the practice behind it."
)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def fill(markdown: str, event: Event | None) -> str:
    """The event's details in place of the guide's placeholders (none: they stay)."""
    from .event import fill as fill_event

    return fill_event(markdown, event)


def _e(value: str) -> str:
    return html.escape(value, quote=False)


def _list(items: list[str]) -> str:
    return "\n".join(f"- {x}" for x in items) + "\n"


def _slots(agenda: Agenda, content: Content) -> list[tuple[Slot, Block]]:
    return [
        (slot, slot.adapt(content.blocks[slot.block]))
        for slot in agenda.blocks
        if slot.block in content.blocks
    ]


def testimonies(agenda: Agenda, content: Content) -> list:
    """The testimonies in the order the agenda reads them: card 1 is read first."""
    return [
        content.testimonies[t]
        for slot in agenda.blocks
        for t in slot.testimonies
        if t in content.testimonies
    ]


def statements(agenda: Agenda, content: Content) -> list:
    return [
        content.statements[s]
        for slot in agenda.blocks
        for s in slot.statements
        if s in content.statements
    ]


def _page(
    name: str, agenda: Agenda, chosen: PrintSet, intro: str, body: list[str], keep_intro: bool
) -> str:
    """A print page: a heading and an introduction for the screen, then the sheets."""
    audience = f"For {chosen.audience}"
    heading = (
        f'<div class="kb-print-intro{"" if keep_intro else " kb-screen-only"}" markdown>\n\n'
        f"# {chosen.title}: {text(agenda.title)}\n\n"
        f'<p class="kb-audience">{audience}. Prints on {chosen.paper}.</p>\n\n'
        f"{intro}\n\n"
        f"Back to the [facilitation guide](../{name}.md).\n\n</div>\n"
    )
    return (
        frontmatter(title=f"{chosen.title}: {agenda.title}", search={"exclude": True})
        + f'<div class="kb-print kb-print--{chosen.slug}" markdown>\n\n'
        + heading
        + "\n".join(body)
        + "\n</div>\n"
    )


# ---------------------------------------------------------------------------
# Participant sets
# ---------------------------------------------------------------------------


def testimony_card(number: int, testimony: Any) -> str:
    """One testimony as a table reads it: number, title, label, note, story, questions."""
    return (
        '<section class="kb-sheet kb-testimony-card" markdown>\n\n'
        f'<p class="kb-card-number">Testimony {number}</p>\n\n'
        f"## {text(testimony.title)}\n\n"
        f'<p class="kb-label">{guide.ILLUSTRATIVE}</p>\n\n'
        f'<p class="kb-content-note"><strong>Content note:</strong> '
        f"{_e(testimony.content_note)}</p>\n\n"
        f'<div class="kb-story" markdown>\n\n{testimony.text.strip()}\n\n</div>\n\n'
        f"### Questions for your table\n\n{_list(testimony.questions)}\n"
        "</section>\n"
    )


def table_set(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    cards = [testimony_card(i, t) for i, t in enumerate(testimonies(agenda, content), 1)]
    intro = (
        f"{len(cards)} numbered testimony cards, one per page, in the order they are read "
        "aloud: table 1 takes testimony 1, table 2 testimony 2, and so on. Print one set per "
        "table, plus a large-print copy (print at 141 %, A4 to A3) for anyone who asks."
    )
    page = _page(name, agenda, BY_SLUG["table-set"], intro, cards, keep_intro=False)
    return fill(page, event)


def _papers(block: Block) -> list[tuple[str, str, str]]:
    """(colour, response, mark) of every paper the block uses, the unsure one last."""
    papers = []
    for index, colour in enumerate(block.colours or []):
        mark = getattr(colour, "mark", None) or (MARKS[index] if index < len(MARKS) else "")
        papers.append((colour.colour, colour.response, mark))
    unsure = getattr(block, "unsure", None)
    if unsure is not None:
        papers.append(
            (unsure.colour, unsure.response, getattr(unsure, "mark", None) or "?")
            if hasattr(unsure, "colour")
            else ("grey", str(unsure), "?")
        )
    return papers


def response_paper(colour: str, response: str, mark: str) -> str:
    key = colour.strip().lower()
    band = f"kb-band--{key}" if key in BAND_COLOURS else "kb-band--other"
    return (
        f'<section class="kb-sheet kb-paper {band}">\n'
        f'<p class="kb-band" aria-hidden="true"></p>\n'
        f'<p class="kb-paper-mark">{_e(mark)}</p>\n'
        f'<p class="kb-paper-response">{_e(response)}</p>\n'
        f'<p class="kb-paper-colour">{_e(colour.capitalize())}</p>\n'
        f'<p class="kb-band" aria-hidden="true"></p>\n'
        "</section>\n"
    )


def answer_slip(block: Block, count: int) -> str:
    """The anonymous variant's slip: a row of boxes per statement, no name."""
    answers = [(mark, response) for _, response, mark in _papers(block)] + [("?", "Unsure")]
    head = "".join(
        f'<th scope="col">{_e(mark)}<br>{_e(response)}</th>' for mark, response in answers
    )
    rows = "\n".join(
        f'<tr><th scope="row">{number}</th>' + '<td class="kb-box"></td>' * len(answers) + "</tr>"
        for number in range(1, count + 1)
    )
    return (
        '<section class="kb-sheet kb-answer-slip">\n'
        '<p class="kb-slip-title">Answer slip</p>\n'
        "<p>One tick for each statement; an empty row is a pass. "
        "Write no name: nobody will know whose slip this is.</p>\n"
        f'<table>\n<thead><tr><th scope="col">Statement</th>{head}</tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n"
        "</section>\n"
    )


def response_papers(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    """The coloured response papers; for a block whose rounds are anonymous, the
    answer slip that replaces them."""
    papers = []
    anonymous = False
    for slot, block in _slots(agenda, content):
        if not block.colours:
            continue
        if getattr(slot, "rounds", "open") == "anonymous":
            anonymous = True
            papers.append(answer_slip(block, len(slot.statements)))
        else:
            papers += [response_paper(*paper) for paper in _papers(block)]
    intro = (
        "One sheet per response, each with its colour band, its response and its mark in "
        "large type, so that plain white paper works and no one has to rely on colour. "
        "Print one set per participant, on coloured paper if you have it. Participants who "
        "are unsure show an open hand."
    )
    if anonymous:
        intro = (
            "This agenda runs the rounds anonymously: print one answer slip per participant "
            "instead of the coloured papers, and bring a box to collect them."
        )
    page = _page(name, agenda, BY_SLUG["response-papers"], intro, papers, keep_intro=False)
    return fill(page, event)


def statement_sheet(number: int, total: int, statement: Any) -> str:
    return (
        '<section class="kb-sheet kb-statement">\n'
        f'<p class="kb-statement-text{" kb-long" if len(statement.text) > 110 else ""}">'
        f"{_e(statement.text)}</p>\n"
        f'<p class="kb-statement-number">Statement {number} of {total}</p>\n'
        "</section>\n"
    )


def statement_sheets(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    chosen = statements(agenda, content)
    sheets = [statement_sheet(i, len(chosen), s) for i, s in enumerate(chosen, 1)]
    intro = (
        f"The agenda's {len(chosen)} statements, one per landscape page, in type large "
        "enough to read from the back of the room: project them, or print them to hold up."
    )
    page = _page(name, agenda, BY_SLUG["statement-sheets"], intro, sheets, keep_intro=False)
    return fill(page, event)


def _support_line(event: Event | None) -> str:
    return (
        "If anything today troubles you, talk to [support person], "
        "[where the support person sits], or go to the quiet room: [quiet room]."
    )


def commitment_card(block: Block, agenda: Agenda) -> str:
    prompts = "\n".join(
        f'<p class="kb-prompt">{_e(p)}</p>\n<p class="kb-line"></p>' for p in block.card
    )
    privacy = getattr(block, "card_privacy", None) or PRIVACY
    return (
        '<div class="kb-commitment">\n'
        '<p class="kb-commitment-title">My commitment</p>\n'
        f'<p class="kb-commitment-session">{_e(agenda.title)}</p>\n'
        f"{prompts}\n"
        f'<p class="kb-privacy">{_e(privacy)}</p>\n'
        '<div class="kb-tear">\n'
        '<p class="kb-tear-line">Tear off and keep</p>\n'
        f'<p class="kb-contact-slip">{_e(_support_line(None))}</p>\n'
        "</div>\n</div>\n"
    )


def commitment_cards(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    cards = [commitment_card(block, agenda) for _, block in _slots(agenda, content) if block.card]
    sheets = [
        '<section class="kb-sheet kb-four-up">\n' + card * 4 + "</section>\n" for card in cards
    ]
    intro = (
        "Four cards to an A4 sheet: cut along the lines, one card per participant. Each "
        "card says who reads it and what happens to it, and ends with a slip to tear off "
        "and keep that says how to reach the support person."
    )
    page = _page(name, agenda, BY_SLUG["commitment-cards"], intro, sheets, keep_intro=False)
    return fill(page, event)


def support_slip(event: Event | None) -> str:
    """What a participant needs to find support today, and after the session; with no
    event, the same fields with room to write them in by hand."""
    if event is None:
        return (
            '<div class="kb-slip">\n'
            '<p class="kb-slip-title">Support is here today</p>\n'
            '<p class="kb-fill">Talk in confidence to: [support person]</p>\n'
            '<p class="kb-fill">Where they sit: [where the support person sits]</p>\n'
            '<p class="kb-fill">Quiet room: [quiet room]. Step out at any time.</p>\n'
            '<p class="kb-fill kb-fill--tall">Support near you: [service], [how to reach it], '
            "[hours]</p>\n"
            "</div>\n"
        )
    by_country: dict[str, list[str]] = {}
    for r in event.referrals:
        by_country.setdefault(r.country, []).append(
            f"{_e(r.service)}: {_e(r.contact)}" + (f" ({_e(r.hours)})" if r.hours else "")
        )
    rows = [
        f"<li><strong>{_e(country)}:</strong> {'; '.join(services)}</li>"
        for country, services in by_country.items()
    ]
    return (
        '<div class="kb-slip">\n'
        '<p class="kb-slip-title">Support is here today</p>\n'
        "<p>Talk in confidence to <strong>[support person]</strong>, "
        "[where the support person sits], today or later.</p>\n"
        "<p>Quiet room: <strong>[quiet room]</strong>. Step out at any time.</p>\n"
        '<ul class="kb-referrals">\n' + "\n".join(rows) + "\n</ul>\n"
        "</div>\n"
    )


def support_slips(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    sheet = '<section class="kb-sheet kb-eight-up">\n' + support_slip(event) * 8 + "</section>\n"
    if event is None:
        intro = (
            "Eight slips to an A4 sheet, one on every table and in the quiet room. With no "
            "event sheet, the parts in square brackets are left for you to fill in by hand; "
            "`make kit EVENT=guide/events/<name>.yml` fills them from the event."
        )
    else:
        intro = "Eight slips to an A4 sheet, one on every table and in the quiet room."
    page = _page(name, agenda, BY_SLUG["support-slips"], intro, [sheet], keep_intro=False)
    return fill(page, event)


# ---------------------------------------------------------------------------
# Facilitators, moderator and panelists
# ---------------------------------------------------------------------------


def facilitator_guide(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    """The whole guide of the agenda, with the event's details filled in, and with an
    event, what it is and what to print for it before the overview."""
    page = guide.guide_page(name, agenda, content, practices)
    if event is not None:
        head, overview, rest = page.partition("\n## Overview\n")
        page = head + "\n" + this_event(agenda, content, event) + overview + rest
    return fill(page, event)


def this_event(agenda: Agenda, content: Content, event: Event) -> str:
    """The event sheet's facts the facilitator needs at hand, and what to print."""
    from .event import quantities

    facts = [
        ("Date", "[event date]"),
        ("Place", "[venue], [room]"),
        ("Participants", f"{event.participants}, at tables of {event.table_size}"),
        ("Languages", ", ".join(language_name(code) for code in event.languages)),
        ("Interpretation", event.interpretation or "none booked"),
        ("Support person", "[support person], [where the support person sits]"),
        ("Quiet room", "[quiet room]"),
        ("PSEA network focal point", "[PSEA network focal point]"),
        ("Photography and recording", "[photography and recording policy]"),
    ]
    rows = ["| Event | Details |", "|---|---|"] + [
        f"| {what} | {_cell(value)} |" for what, value in facts
    ]
    counts = ["| What | How many |", "|---|---|"] + [
        f"| {_cell(what)} | {count} |" for what, count in quantities(agenda, content, event)
    ]
    return (
        '<section class="kb-part kb-event" markdown>\n\n## This event\n\n'
        + "\n".join(rows)
        + "\n\n### What to print and prepare\n\n"
        + "\n".join(counts)
        + "\n\n</section>\n"
    )


_PART_MINUTES = re.compile(r"\((\d+) minutes?\)")
_PART_MINUTES_TEXT = re.compile(r"\s*\(\d+ minutes?\)")


def running_order(slot: Slot, block: Block) -> str:
    """The panel's parts as a table with the clock time and minutes of each."""
    rows = ["| Time | Minutes | Part |", "|---|---|---|"]
    now = slot.start
    for part in block.running_order:
        found = _PART_MINUTES.search(part)
        minutes = int(found.group(1)) if found else 0
        what = _PART_MINUTES_TEXT.sub("", part, count=1)
        rows.append(f"| {clock(now)} | {minutes or ''} | {_cell(what)} |")
        now += minutes
    return "\n".join(rows) + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def _in_language(practice: Practice, language: str, slot: Slot, practices: list[Practice]) -> str:
    """A one-line summary of a practice in the guide's language, or ''."""
    summaries = getattr(slot, "summaries", None) or {}
    if practice.id in summaries:
        return summaries[practice.id]
    by_id = {p.id: p for p in practices}
    translated = by_id.get(practice.translations.get(language, ""))
    return translated.summary if translated else ""


def _selection(slot: Slot) -> str:
    """How the agenda chose its panel practices, in words."""
    parts = []
    if slot.practices:
        parts.append("named in the agenda")
    for attribute, vocabulary_name, what in (
        ("themes", "themes", "theme"),
        ("regions", "regions", "region"),
        ("organisation_types", "organisation_types", "organisation type"),
    ):
        values = getattr(slot, attribute, None) or []
        if values:
            names = ", ".join(label(vocabulary_name, v) for v in values)
            parts.append(f"of the {what}{'s' if len(values) > 1 else ''} {names}")
    languages = getattr(slot, "languages", None) or []
    if languages:
        parts.append("written in " + ", ".join(language_name(v) for v in languages))
    return "; ".join(parts)


def _practice(p: Practice, agenda: Agenda, slot: Slot, practices: list[Practice]) -> str:
    themes = ", ".join(label("themes", t) for t in p.themes)
    foreign = p.language.split("-")[0] != agenda.language.split("-")[0]
    own_language = f' {{: lang="{p.language}" }}' if foreign else ""
    lines = [f"### [{text(p.title)}](../../practices/{p.id}.md){own_language}\n"]
    if foreign:
        own = language_name(p.language)
        summary = _in_language(p, agenda.language, slot, practices)
        lines.append(f'<p class="kb-language">Written in {own} ({p.language})</p>\n')
        if summary:
            lines.append(f"**In {language_name(agenda.language)}:** {text(summary)}\n")
        lines.append(f'<p lang="{p.language}">{_e(p.summary)}</p>\n')
    else:
        lines.append(f"{text(p.summary)}\n")
    lines.append(
        f"- **Organisation:** {text(p.organisation.name)} "
        f"({label('organisation_types', p.organisation.type)})\n"
        f"- **Themes:** {themes}\n"
        f"- **Evidence:** {label('evidence', p.evidence)}\n"
    )
    return "\n".join(lines)


def _panelists(event: Event | None, practices: list[Practice]) -> list[str]:
    if event is None or not getattr(event, "panel", None):
        return [
            "## Panelists\n",
            "Each panelist's role, organisation and one-line introduction come from the "
            "event sheet (`guide/events/<name>.yml`); `make kit` prints them here.\n",
        ]
    titles = {p.id: p.title for p in practices}
    parts = ["## Panelists\n"]
    for person in event.panel:
        kind = label("organisation_types", person.organisation_type)
        practice = titles.get(person.practice or "", "")
        parts.append(
            f"### {text(person.role)}, {text(person.organisation)}\n\n"
            f"{kind}. {text(person.introduction)}"
            + (f"\n\nBrings: *{text(practice)}*." if practice else "")
            + "\n"
        )
    return parts


def panel_pack(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    """The moderator's and panelists' briefing: everything the panel needs, on paper."""
    body: list[str] = []
    for slot, block in _slots(agenda, content):
        chosen = panel_practices(slot, practices)
        if not (chosen or block.segments):
            continue
        minutes = slot.end - slot.start
        body += [
            f"## {clock(slot.start)}–{clock(slot.end)} · {text(slot.title or block.title)}\n",
            f"**{minutes} minutes.** {block.purpose}\n",
        ]
        if block.running_order:
            body += ["### Running order\n", running_order(slot, block)]
        body.append(
            f'<div class="kb-rule" markdown>\n\n**Practices, not cases.** {NOT_CASES}\n\n</div>\n'
        )
        if block.segments:
            count = NUMBERS.get(len(block.segments), str(len(block.segments)))
            body.append(f"## The {count} segments and their questions\n")
            for number, segment in enumerate(block.segments, 1):
                body += [f"### {number}. {text(segment.title)}\n", _list(segment.questions)]
        notes = getattr(block, "moderator_notes", None) or []
        if notes:
            body += ["## Moderator notes\n", _list(notes)]
        body += _panelists(event, practices)
        how = _selection(slot)
        body += [
            f"## Practices on the panel ({len(chosen)})\n",
            (f"Practices {how}. " if how else "")
            + "Read them before the session, so that everyone starts from the same material.\n",
        ]
        body += [_practice(p, agenda, slot, practices) for p in chosen]
    body += [
        '<section class="kb-part" markdown>\n\n## Safeguarding during the session\n',
        guide.text_part(content.texts.get("safeguarding", "")),
        "</section>\n",
    ]
    intro = (
        "A briefing for the moderator and the panelists: send it at least a week before "
        "the session. It holds the running order with its minutes, the segments and their "
        "questions, the rule of the panel, the moderator's notes, the panelists, the "
        "practices and the safeguarding text."
    )
    page = _page(name, agenda, BY_SLUG["panel-pack"], intro, body, keep_intro=True)
    return fill(page, event)


RENDER: dict[str, Callable[..., str]] = {
    "facilitator-guide": facilitator_guide,
    "table-set": table_set,
    "response-papers": response_papers,
    "statement-sheets": statement_sheets,
    "commitment-cards": commitment_cards,
    "support-slips": support_slips,
    "panel-pack": panel_pack,
}


def render(
    slug: str,
    name: str,
    agenda: Agenda,
    content: Content,
    practices: list[Practice],
    event: Event | None = None,
) -> str:
    return RENDER[slug](name, agenda, content, practices, event)


def site_pages(
    name: str, agenda: Agenda, content: Content, practices: list[Practice]
) -> dict[str, str]:
    """The agenda's print pages for the site, by file name under ``guide/<name>/``
    (the facilitator's guide is the agenda's own guide page)."""
    return {
        f"{s.slug}.md": render(s.slug, name, agenda, content, practices)
        for s in SETS
        if s.slug != "facilitator-guide"
    }


def links(name: str) -> str:
    """The guide page's list of its print sets, labelled by who they are for."""
    lines = ["Print sets, each ready for its paper size:\n"]
    for s in SETS:
        target = f"{name}.md" if s.slug == "facilitator-guide" else f"{name}/{s.slug}.md"
        lines.append(f"- [{s.title}]({target}), for {s.audience} ({s.paper})")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# A print set as one self-contained HTML file (for `kb kit` and its PDFs)
# ---------------------------------------------------------------------------

_FRONTMATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_MD_LINK = re.compile(r'<a href="(?![a-z]+:)[^"]*">(.*?)</a>', re.S)


STYLESHEETS = ("docs/assets/kb.css", "docs/assets/kit.css")


def stylesheets(root: Path) -> str:
    """The site's own styles, for the self-contained files."""
    return "\n".join((root / name).read_text(encoding="utf-8") for name in STYLESHEETS)


def standalone(markdown_page: str, title: str, css: str, language: str = "en") -> str:
    """A page of a print set as a complete HTML document: its own styles inlined, links
    within the site written as text (the file travels alone)."""
    import markdown

    body = markdown.markdown(
        _FRONTMATTER.sub("", markdown_page, count=1),
        extensions=["admonition", "attr_list", "md_in_html", "def_list", "tables", "toc"],
    )
    body = _MD_LINK.sub(r"\1", body)
    return (
        f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{css}\n</style>\n</head>\n"
        f'<body class="kb-standalone">\n<main class="md-typeset">\n{body}\n</main>\n'
        "</body>\n</html>\n"
    )
