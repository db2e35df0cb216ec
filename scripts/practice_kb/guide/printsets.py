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
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.model import Practice
from ..core.strings import t
from ..core.text import frontmatter, label, language_name, text
from . import guide
from .agenda import Agenda, Block, Content, Slot, clock, panel_practices
from .event import PLACEHOLDERS

if TYPE_CHECKING:
    from .event import Event

# the placeholders and the event fields that fill them, for docs/assets/event-fill.js
_PLACEHOLDERS = html.escape(json.dumps(PLACEHOLDERS, ensure_ascii=False), quote=True)


@dataclass(frozen=True)
class PrintSet:
    """A print set; its labels are `kit.set.*`, `kit.audience.*` and `kit.paper.*` in
    core/data/strings.yml (the attributes give the English)."""

    slug: str
    audience_key: str  # participants, facilitators, panel or interpreters
    paper_key: str  # a4, a5, a4_landscape, four or eight

    def title_in(self, lang: str = "en") -> str:
        return t(f"kit.set.{self.slug}", lang)

    def audience_in(self, lang: str = "en") -> str:
        return t(f"kit.audience.{self.audience_key}", lang)

    def paper_in(self, lang: str = "en") -> str:
        return t(f"kit.paper.{self.paper_key}", lang)

    @property
    def title(self) -> str:
        return self.title_in()

    @property
    def audience(self) -> str:
        return self.audience_in()

    @property
    def paper(self) -> str:
        return self.paper_in()

    @property
    def for_participants(self) -> bool:
        return self.audience_key in ("participants", "interpreters")


SETS = (
    PrintSet("facilitator-guide", "facilitators", "a4"),
    PrintSet("table-set", "participants", "a4"),
    PrintSet("response-papers", "participants", "a5"),
    PrintSet("statement-sheets", "participants", "a4_landscape"),
    PrintSet("commitment-cards", "participants", "four"),
    PrintSet("support-slips", "participants", "eight"),
    PrintSet("question-cards", "participants", "eight"),
    PrintSet("panel-pack", "panel", "a4"),
)
# The table set and the statement sheets with the English beside another language,
# for interpreters and readers of either (`kb kit --bilingual`, and print pages in
# the builds of other languages).
BILINGUAL_SETS = (
    PrintSet("table-set-bilingual", "interpreters", "a4"),
    PrintSet("statement-sheets-bilingual", "interpreters", "a4_landscape"),
)
BY_SLUG = {s.slug: s for s in SETS + BILINGUAL_SETS}
PARTICIPANT_SETS = tuple(s.slug for s in SETS if s.for_participants)

# The marks of the four responses, from the most to the least agreement.
MARKS = ("++", "+", "−", "−−")
# Colours a printer can print as a band; other names get an outlined band.
BAND_COLOURS = {"blue", "white", "yellow", "orange", "green", "red", "purple", "grey", "gray"}

PRIVACY = t("kit.privacy")
NOT_CASES = t("kit.not_cases")


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
    name: str,
    agenda: Agenda,
    chosen: PrintSet,
    intro: str,
    body: list[str],
    keep_intro: bool,
    content: Content | None = None,
) -> str:
    """A print page: a heading and an introduction for the screen, then the sheets; in a
    translation not yet reviewed, a notice saying so that prints on every page."""
    lang = content.language if content is not None else "en"
    title = chosen.title_in(lang)
    audience = t("kit.for", lang, audience=chosen.audience_in(lang), paper=chosen.paper_in(lang))
    notice = guide.review_notice(content) if content is not None else ""
    heading = (
        f'<div class="kb-print-intro{"" if keep_intro else " kb-screen-only"}" markdown>\n\n'
        f"# {t('kit.page_title', lang, set=title, agenda=text(agenda.title))}\n\n"
        f'<p class="kb-audience">{audience}</p>\n\n'
        f"{intro}\n\n"
        f"{t('kit.back', lang, name=name)}\n\n</div>\n"
    )
    return (
        frontmatter(
            title=t("kit.page_title", lang, set=title, agenda=agenda.title),
            search={"exclude": True},
            # the English build has no bilingual sets: its language link goes to the guide
            **({"kb_instead": {"en": f"guide/{name}.html"}} if chosen in BILINGUAL_SETS else {}),
        )
        + f'<div class="kb-print kb-print--{chosen.slug}" data-kb-placeholders="{_PLACEHOLDERS}"'
        + " markdown>\n\n"
        + notice
        + heading
        + "\n".join(body)
        + "\n</div>\n"
    )


def _set_page(
    slug: str,
    name: str,
    agenda: Agenda,
    content: Content,
    event: Event | None,
    intro: str,
    body: list[str],
    keep_intro: bool = False,
) -> str:
    """The print page of the set ``slug`` (see :func:`_page`), the event's details filled
    in: how every set but the facilitator's guide ends."""
    return fill(_page(name, agenda, BY_SLUG[slug], intro, body, keep_intro, content), event)


def _copies(item: str, copies: int) -> str:
    """One sheet of ``copies`` copies of a card or slip (four or eight a sheet), cut apart."""
    up = {4: "four", 8: "eight"}[copies]
    return f'<section class="kb-sheet kb-{up}-up">\n' + item * copies + "</section>\n"


# ---------------------------------------------------------------------------
# Participant sets
# ---------------------------------------------------------------------------


def _card_body(number: int, testimony: Any, lang: str) -> str:
    return (
        f'<p class="kb-card-number">{t("kit.testimony", lang, number=number)}</p>\n\n'
        f"## {text(testimony.title)}\n\n"
        f'<p class="kb-label">{t("guide.illustrative", lang)}</p>\n\n'
        f'<p class="kb-content-note"><strong>{t("kit.content_note", lang)}</strong> '
        f"{_e(testimony.content_note)}</p>\n\n"
        f'<div class="kb-story" markdown>\n\n{testimony.text.strip()}\n\n</div>\n\n'
        f"### {t('guide.table_questions', lang)}\n\n{_list(testimony.questions)}\n"
    )


def testimony_card(number: int, testimony: Any, lang: str = "en") -> str:
    """One testimony as a table reads it: number, title, label, note, story, questions."""
    return (
        '<section class="kb-sheet kb-testimony-card" markdown>\n\n'
        + _card_body(number, testimony, lang)
        + "</section>\n"
    )


def table_set(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    lang = content.language
    found = testimonies(agenda, content)
    cards = [testimony_card(i, item, lang) for i, item in enumerate(found, 1)]
    intro = t("kit.table_intro", lang, count=len(cards))
    return _set_page("table-set", name, agenda, content, event, intro, cards)


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


def response_paper(colour: str, response: str, mark: str, lang: str = "en") -> str:
    key = colour.strip().lower()
    band = f"kb-band--{key}" if key in BAND_COLOURS else "kb-band--other"
    return (
        f'<section class="kb-sheet kb-paper {band}">\n'
        f'<p class="kb-band" aria-hidden="true"></p>\n'
        f'<p class="kb-paper-mark">{_e(mark)}</p>\n'
        f'<p class="kb-paper-response">{_e(response)}</p>\n'
        f'<p class="kb-paper-colour">{_e(guide.colour_name(colour, lang).capitalize())}</p>\n'
        f'<p class="kb-band" aria-hidden="true"></p>\n'
        "</section>\n"
    )


def answer_slip(block: Block, count: int, lang: str = "en") -> str:
    """The anonymous variant's slip: a row of boxes per statement, no name."""
    unsure = ("?", t("kit.unsure", lang))
    answers = [(mark, response) for _, response, mark in _papers(block)] + [unsure]
    head = "".join(
        f'<th scope="col">{_e(mark)}<br>{_e(response)}</th>' for mark, response in answers
    )
    rows = "\n".join(
        f'<tr><th scope="row">{number}</th>' + '<td class="kb-box"></td>' * len(answers) + "</tr>"
        for number in range(1, count + 1)
    )
    return (
        '<section class="kb-sheet kb-answer-slip">\n'
        f'<p class="kb-slip-title">{t("kit.answer_slip", lang)}</p>\n'
        f"<p>{t('kit.answer_slip_how', lang)}</p>\n"
        f'<table>\n<thead><tr><th scope="col">{t("kit.statement", lang)}</th>{head}</tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n"
        "</section>\n"
    )


def response_papers(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    """The coloured response papers; for a block whose rounds are anonymous, the
    answer slip that replaces them."""
    lang = content.language
    papers = []
    anonymous = False
    for slot, block in _slots(agenda, content):
        if not block.colours:
            continue
        if getattr(slot, "rounds", "open") == "anonymous":
            anonymous = True
            papers.append(answer_slip(block, len(slot.statements), lang))
        else:
            papers += [response_paper(*paper, lang) for paper in _papers(block)]
    intro = t("kit.papers_anonymous_intro" if anonymous else "kit.papers_intro", lang)
    return _set_page("response-papers", name, agenda, content, event, intro, papers)


def statement_sheet(number: int, total: int, statement: Any, lang: str = "en") -> str:
    return (
        '<section class="kb-sheet kb-statement">\n'
        f'<p class="kb-statement-text{" kb-long" if len(statement.text) > 110 else ""}">'
        f"{_e(statement.text)}</p>\n"
        f'<p class="kb-statement-number">'
        f"{t('kit.statement_number', lang, number=number, total=total)}</p>\n"
        "</section>\n"
    )


def statement_sheets(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    lang = content.language
    chosen = statements(agenda, content)
    sheets = [statement_sheet(i, len(chosen), s, lang) for i, s in enumerate(chosen, 1)]
    intro = t("kit.statements_intro", lang, count=len(chosen))
    return _set_page("statement-sheets", name, agenda, content, event, intro, sheets)


def _support_line(event: Event | None, lang: str = "en") -> str:
    return t("kit.support_line", lang)


def commitment_card(block: Block, agenda: Agenda, lang: str = "en") -> str:
    prompts = "\n".join(
        f'<p class="kb-prompt">{_e(p)}</p>\n<p class="kb-line"></p>' for p in block.card
    )
    privacy = getattr(block, "card_privacy", None) or t("kit.privacy", lang)
    return (
        '<div class="kb-commitment">\n'
        f'<p class="kb-commitment-title">{t("kit.my_commitment", lang)}</p>\n'
        f'<p class="kb-commitment-session">{_e(agenda.title)}</p>\n'
        f"{prompts}\n"
        f'<p class="kb-privacy">{_e(privacy)}</p>\n'
        '<div class="kb-tear">\n'
        f'<p class="kb-tear-line">{t("kit.tear_off", lang)}</p>\n'
        f'<p class="kb-contact-slip">{_e(_support_line(None, lang))}</p>\n'
        "</div>\n</div>\n"
    )


def commitment_cards(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    lang = content.language
    cards = [
        commitment_card(block, agenda, lang) for _, block in _slots(agenda, content) if block.card
    ]
    sheets = [_copies(card, 4) for card in cards]
    intro = t("kit.cards_intro", lang)
    return _set_page("commitment-cards", name, agenda, content, event, intro, sheets)


def support_slip(event: Event | None, lang: str = "en") -> str:
    """What a participant needs to find support today, and after the session; with no
    event, the same fields with room to write them in by hand."""
    if event is None:
        return (
            '<div class="kb-slip">\n'
            f'<p class="kb-slip-title">{t("kit.support_here", lang)}</p>\n'
            f'<p class="kb-fill">{t("kit.talk_to", lang)}</p>\n'
            f'<p class="kb-fill">{t("kit.where_they_sit", lang)}</p>\n'
            f'<p class="kb-fill">{t("kit.quiet_room", lang)}</p>\n'
            f'<p class="kb-fill kb-fill--tall">{t("kit.near_you", lang)}</p>\n'
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
        f'<p class="kb-slip-title">{t("kit.support_here", lang)}</p>\n'
        f"<p>{t('kit.talk_to_event', lang)}</p>\n"
        f"<p>{t('kit.quiet_room_event', lang)}</p>\n"
        '<ul class="kb-referrals">\n' + "\n".join(rows) + "\n</ul>\n"
        "</div>\n"
    )


def support_slips(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    lang = content.language
    sheet = _copies(support_slip(event, lang), 8)
    intro = t("kit.slips_intro", lang)
    if event is None:
        intro += " " + t("kit.slips_fill", lang)
    return _set_page("support-slips", name, agenda, content, event, intro, [sheet])


def question_card(lang: str = "en") -> str:
    """A card for a question to the panel: room to write it, the panel's rule, and
    where to take a concern instead of writing it down."""
    lines = '<p class="kb-line"></p>\n' * 5
    return (
        '<div class="kb-slip kb-question">\n'
        f'<p class="kb-slip-title">{t("kit.question_title", lang)}</p>\n'
        f"{lines}"
        f'<p class="kb-privacy">{t("kit.question_rule", lang)}</p>\n'
        f'<p class="kb-privacy">{t("kit.question_concern", lang)}</p>\n'
        "</div>\n"
    )


def question_cards(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    lang = content.language
    sheet = _copies(question_card(lang), 8)
    intro = t("kit.questions_intro", lang)
    return _set_page("question-cards", name, agenda, content, event, intro, [sheet])


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
        heading = f"\n## {t('guide.overview', content.language)}\n"
        head, overview, rest = page.partition(heading)
        page = head + "\n" + this_event(agenda, content, event) + overview + rest
    return fill(page, event)


def this_event(agenda: Agenda, content: Content, event: Event) -> str:
    """The event sheet's facts the facilitator needs at hand, and what to print."""
    from .event import quantities

    lang = content.language

    def k(key: str, **values: object) -> str:
        return t(f"kit.event.{key}", lang, **values)

    tables = k("tables", participants=event.participants, size=event.table_size)
    facts = [
        (k("date"), "[event date]"),
        (k("place"), "[venue], [room]"),
        (k("participants"), tables),
        (k("languages"), ", ".join(language_name(code, lang) for code in event.languages)),
        (k("interpretation"), event.interpretation or k("none_booked")),
        (k("support"), "[support person], [where the support person sits]"),
        (k("quiet_room"), "[quiet room]"),
        (k("focal_point"), "[PSEA network focal point]"),
        (k("photography"), "[photography and recording policy]"),
    ]
    rows = [f"| {k('event')} | {k('details')} |", "|---|---|"] + [
        f"| {what} | {_cell(value)} |" for what, value in facts
    ]
    counts = [f"| {k('what')} | {k('how_many')} |", "|---|---|"] + [
        f"| {_cell(what)} | {count} |" for what, count in quantities(agenda, content, event, lang)
    ]
    return (
        f'<section class="kb-part kb-event" markdown>\n\n## {k("this_event")}\n\n'
        + "\n".join(rows)
        + f"\n\n### {k('to_print')}\n\n"
        + "\n".join(counts)
        + "\n\n</section>\n"
    )


# "(7 minutes)", "(7 minutos)", "(7 دقائق)": the minutes of a part, in any language
_PART_MINUTES = re.compile(r"\((\d+) [^\W\d_]+\)")
_PART_MINUTES_TEXT = re.compile(r"\s*\(\d+ [^\W\d_]+\)")


def running_order(slot: Slot, block: Block, lang: str = "en") -> str:
    """The panel's parts as a table with the clock time and minutes of each."""
    head = (t("guide.time", lang), t("guide.minutes", lang), t("kit.part", lang))
    rows = ["| " + " | ".join(head) + " |", "|---|---|---|"]
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


def _selection(slot: Slot, lang: str = "en") -> str:
    """How the agenda chose its panel practices, in words."""
    parts = []
    if slot.practices:
        parts.append(t("kit.selection.named", lang))
    for attribute, one, many in (
        ("themes", "theme", "themes"),
        ("regions", "region", "regions"),
        ("organisation_types", "type", "types"),
    ):
        values = getattr(slot, attribute, None) or []
        if values:
            names = ", ".join(label(attribute, v, lang) for v in values)
            key = one if len(values) == 1 else many
            parts.append(t(f"kit.selection.{key}", lang, values=names))
    languages = getattr(slot, "languages", None) or []
    if languages:
        names = ", ".join(language_name(v, lang) for v in languages)
        parts.append(t("kit.selection.languages", lang, values=names))
    return "; ".join(parts)


def _practice(p: Practice, agenda: Agenda, slot: Slot, practices: list[Practice]) -> str:
    lang = agenda.language.split("-")[0]
    themes = ", ".join(label("themes", theme, lang) for theme in p.themes)
    foreign = p.language.split("-")[0] != agenda.language.split("-")[0]
    own_language = f' {{: lang="{p.language}" }}' if foreign else ""
    lines = [f"### [{text(p.title)}](../../practices/{p.id}.md){own_language}\n"]
    if foreign:
        own = language_name(p.language, lang)
        summary = _in_language(p, agenda.language, slot, practices)
        written = t("kit.written_in", lang, language=own, code=p.language)
        lines.append(f'<p class="kb-language">{written}</p>\n')
        if summary:
            heading = t("kit.in_language", lang, language=language_name(agenda.language, lang))
            lines.append(f"**{heading}** {text(summary)}\n")
        lines.append(f'<p lang="{p.language}">{_e(p.summary)}</p>\n')
    else:
        lines.append(f"{text(p.summary)}\n")
    lines.append(
        f"- **{t('kit.organisation', lang)}** {text(p.organisation.name)} "
        f"({label('organisation_types', p.organisation.type, lang)})\n"
        f"- **{t('kit.themes', lang)}** {themes}\n"
        f"- **{t('kit.evidence', lang)}** {label('evidence', p.evidence, lang)}\n"
    )
    return "\n".join(lines)


def _panelists(event: Event | None, practices: list[Practice], lang: str = "en") -> list[str]:
    heading = f"## {t('kit.panelists', lang)}\n"
    if event is None or not getattr(event, "panel", None):
        return [heading, t("kit.panelists_from_event", lang) + "\n"]
    titles = {p.id: p.title for p in practices}
    parts = [heading]
    for person in event.panel:
        kind = label("organisation_types", person.organisation_type, lang)
        practice = titles.get(person.practice or "", "")
        brings = t("kit.brings", lang, practice=text(practice)) if practice else ""
        parts.append(
            f"### {text(person.role)}, {text(person.organisation)}\n\n"
            f"{kind}. {text(person.introduction)}" + (f"\n\n{brings}" if brings else "") + "\n"
        )
    return parts


def panel_pack(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    """The moderator's and panelists' briefing: everything the panel needs, on paper."""
    lang = content.language
    body: list[str] = []
    for slot, block in _slots(agenda, content):
        chosen = panel_practices(slot, practices)
        if not (chosen or block.segments):
            continue
        minutes = slot.end - slot.start
        body += [
            f"## {clock(slot.start)}–{clock(slot.end)} · {text(slot.title or block.title)}\n",
            f"**{t('guide.minutes_bold', lang, minutes=minutes)}** {block.purpose}\n",
        ]
        if block.running_order:
            body += [
                f"### {t('guide.running_order', lang)}\n",
                running_order(slot, block, lang),
            ]
        body.append(
            f'<div class="kb-rule" markdown>\n\n**{t("kit.not_cases_title", lang)}** '
            f"{t('kit.not_cases', lang)}\n\n</div>\n"
        )
        if block.segments:
            body.append(f"## {t('kit.segments', lang)}\n")
            for number, segment in enumerate(block.segments, 1):
                body += [f"### {number}. {text(segment.title)}\n", _list(segment.questions)]
        notes = getattr(block, "moderator_notes", None) or []
        if notes:
            body += [f"## {t('guide.moderator_notes', lang)}\n", _list(notes)]
        body += _panelists(event, practices, lang)
        how = _selection(slot, lang)
        body += [
            f"## {t('kit.practices_count', lang, count=len(chosen))}\n",
            (t("kit.practices_how", lang, how=how) + " " if how else "")
            + t("kit.read_before", lang)
            + "\n",
        ]
        body += [_practice(p, agenda, slot, practices) for p in chosen]
    body += [
        f'<section class="kb-part" markdown>\n\n## {t("guide.safeguarding", lang)}\n',
        guide.text_part(content.texts.get("safeguarding", "")),
        "</section>\n",
    ]
    intro = t("kit.panel_intro", lang)
    return _set_page("panel-pack", name, agenda, content, event, intro, body, keep_intro=True)


# ---------------------------------------------------------------------------
# Bilingual sets: the English beside another language, for interpreters
# ---------------------------------------------------------------------------

RTL = ("ar",)


def direction(lang: str) -> str:
    return "rtl" if lang.split("-")[0] in RTL else "ltr"


def _side(lang: str, body: str) -> str:
    return (
        f'<div class="kb-side" lang="{lang}" dir="{direction(lang)}" markdown>\n\n{body}\n</div>\n'
    )


def _with_english(
    name: str, agenda: Agenda, content: Content, items: Callable[[Agenda, Content], list]
) -> list[tuple[Any, Any]]:
    """The agenda's ``items`` (its testimonies or statements) in order, each with the same
    item in the English guide (the item itself where the English has none)."""
    english = content.english or content
    found = english.agendas.get(name)
    theirs = {item.id: item for item in items(found[0] if found else agenda, english)}
    return [(item, theirs.get(item.id, item)) for item in items(agenda, content)]


def table_set_bilingual(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    """The testimony cards with the English card beside each."""
    lang = content.language
    cards = [
        '<section class="kb-sheet kb-testimony-card kb-bilingual" markdown>\n\n'
        + _side(lang, _card_body(number, item, lang))
        + _side("en", _card_body(number, other, "en"))
        + "</section>\n"
        for number, (item, other) in enumerate(_with_english(name, agenda, content, testimonies), 1)
    ]
    intro = t("kit.bilingual_intro", lang, language=language_name(lang, lang))
    return _set_page("table-set-bilingual", name, agenda, content, event, intro, cards)


def statement_sheets_bilingual(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], event: Event | None
) -> str:
    """The statement sheets with the English beside each statement."""
    lang = content.language
    pairs = _with_english(name, agenda, content, statements)
    sheets = []
    for number, (item, other) in enumerate(pairs, 1):
        sheets.append(
            '<section class="kb-sheet kb-statement kb-bilingual">\n'
            f'<p class="kb-statement-text kb-long" lang="{lang}" dir="{direction(lang)}">'
            f"{_e(item.text)}</p>\n"
            f'<p class="kb-statement-text kb-long kb-english" lang="en" dir="ltr">'
            f"{_e(other.text)}</p>\n"
            f'<p class="kb-statement-number">'
            f"{t('kit.statement_number', lang, number=number, total=len(pairs))}</p>\n"
            "</section>\n"
        )
    language = language_name(lang, lang)
    intro = t("kit.bilingual_statements_intro", lang, count=len(pairs), language=language)
    return _set_page("statement-sheets-bilingual", name, agenda, content, event, intro, sheets)


RENDER: dict[str, Callable[..., str]] = {
    "facilitator-guide": facilitator_guide,
    "table-set": table_set,
    "response-papers": response_papers,
    "statement-sheets": statement_sheets,
    "commitment-cards": commitment_cards,
    "support-slips": support_slips,
    "question-cards": question_cards,
    "panel-pack": panel_pack,
    "table-set-bilingual": table_set_bilingual,
    "statement-sheets-bilingual": statement_sheets_bilingual,
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
    (the facilitator's guide is the agenda's own guide page; in another language than
    English, the bilingual sets too)."""
    bilingual = BILINGUAL_SETS if content.language != "en" else ()
    return {
        f"{s.slug}.md": render(s.slug, name, agenda, content, practices)
        for s in SETS + bilingual
        if s.slug != "facilitator-guide"
    }


def links(name: str, lang: str = "en", pdfs: bool = False) -> str:
    """The guide page's list of its print sets, labelled by who they are for (in another
    language than English, with the bilingual sets); with ``pdfs``, each with its PDF."""
    lines = [t("kit.links", lang) + "\n"]
    for s in SETS + (BILINGUAL_SETS if lang != "en" else ()):
        target = f"{name}.md" if s.slug == "facilitator-guide" else f"{name}/{s.slug}.md"
        pdf = target.removesuffix(".md") + ".pdf"
        lines.append(
            "- "
            + t(
                "kit.link",
                lang,
                title=s.title_in(lang),
                target=target,
                audience=s.audience_in(lang),
                paper=s.paper_in(lang),
            )
            # a raw link: the PDF is written after the build, so MkDocs cannot check it
            + (f' · <a href="{pdf}" type="application/pdf">PDF</a>' if pdfs else "")
        )
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
        f'<!doctype html>\n<html lang="{language}" dir="{direction(language)}">\n'
        '<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{css}\n</style>\n</head>\n"
        f'<body class="kb-standalone">\n<main class="md-typeset">\n{body}\n</main>\n'
        "</body>\n</html>\n"
    )
