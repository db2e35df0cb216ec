"""Pure functions that turn an agenda and the guide's content into Markdown pages."""

from __future__ import annotations

import html
import re

from . import markdown_model, vocabulary
from .agenda import Agenda, Block, Content, Note, Slot, Statement, Testimony, clock, panel_practices
from .model import Practice
from .render import frontmatter, label, language_name, text

ILLUSTRATIVE = "Illustrative composite: not about any real person."


def demote(markdown: str, top: int = 3) -> str:
    """Shift the headings of hand-written text so its highest becomes level ``top``,
    keeping their relative levels: it nests under the page's own sections.

    The headings are those the renderer finds (markdown_model), never a line in code.
    """
    lines = markdown.split("\n")
    found = markdown_model.headings(markdown, first_line=0)
    shift = top - min(h.level for h in found) if found else 0
    underlines = set()
    for heading in found:
        level = max(1, min(6, heading.level + shift))
        if lines[heading.line].startswith("#"):
            lines[heading.line] = "#" * level + lines[heading.line].lstrip("#")
        else:  # a setext heading: written as an ATX one, its underline dropped
            lines[heading.line] = "#" * level + " " + lines[heading.line].strip()
            underlines.add(heading.line + 1)
    kept = [line for number, line in enumerate(lines) if number not in underlines]
    return "\n".join(kept).strip() + "\n"


_TASK = re.compile(r"^(\s*[-*+] )\[[ xX]\] ", re.MULTILINE)


def text_part(markdown: str) -> str:
    """Hand-written guide text for a page: headings nested, checklist items as boxes
    drawn with a character (no form controls to label, and they print)."""
    return demote(_TASK.sub(r"\1☐ ", markdown))


def _list(items: list[str], ordered: bool = False) -> str:
    return "\n".join(f"{i}. {x}" if ordered else f"- {x}" for i, x in enumerate(items, 1)) + "\n"


def _minutes(slot: Slot) -> int:
    return slot.end - slot.start


def _title(slot: Slot, block: Block | None) -> str:
    return slot.title or (block.title if block else slot.block)


def run_sheet(agenda: Agenda, content: Content) -> str:
    rows = ["| Time | Minutes | Block | Purpose |", "|---|---|---|---|"]
    for slot in agenda.blocks:
        block = content.blocks.get(slot.block)
        rows.append(
            f"| {clock(slot.start)}–{clock(slot.end)} | {_minutes(slot)} | "
            f"[{_title(slot, block)}](#{slot.block}) | {block.purpose if block else ''} |"
        )
    total = agenda.end - agenda.start
    return (
        '<div class="kb-runsheet" markdown>\n\n'
        + "\n".join(rows)
        + (f"\n\nTotal: {total} minutes, {clock(agenda.start)}–{clock(agenda.end)}.\n\n</div>\n")
    )


def testimony_card(testimony: Testimony) -> str:
    questions = _list(testimony.questions)
    return (
        '<div class="kb-cutout kb-testimony" markdown>\n\n'
        f"#### {text(testimony.title)}\n\n"
        f'<p class="kb-label">{ILLUSTRATIVE}</p>\n\n'
        # the reader opens the text deliberately, after its note (printing opens it)
        '<details class="kb-content-note" markdown>\n'
        f"<summary>Content note: {html.escape(testimony.content_note, quote=False)} "
        "Open to read the testimony.</summary>\n\n"
        f"{testimony.text.strip()}\n\n</details>\n\n"
        f"**Questions for your table**\n\n{questions}\n</div>\n"
    )


def learning_points(testimony: Testimony) -> str:
    """The facilitator's learning points for one testimony: kept outside its card, so
    that nothing printed from the card carries them."""
    return (
        '<div class="kb-facilitator" markdown>\n\n'
        f"**Learning points for the harvest** ({text(testimony.title)})\n\n"
        f"{_list(testimony.learning_points)}\n</div>\n"
    )


def statement_notes(statement: Statement) -> str:
    """A statement with the facilitator's notes beside it: what it is about, the rule it
    touches and the correction to give after the round."""
    lines = [f"**{text(statement.text)}**"]
    if statement.anonymous_only:
        lines.append("*Anonymous rounds only.*")
    lines.append(f"About: {statement.notes.about}")
    if statement.notes.rule:
        lines.append(f"The rule, to state after the round: {statement.notes.rule}")
    if statement.notes.myth:
        lines.append(f"A common myth; after the round, correct it: {statement.notes.myth}")
    return "  \n".join(lines) + "\n"


def facilitator_note(note: Note) -> str:
    """A background note for the facilitator, with the public sources it rests on."""
    parts = [f"#### {text(note.title)}\n", note.text.strip() + "\n"]
    if note.sources:
        parts.append(
            "Sources: " + "; ".join(f"[{text(s.title)}]({s.url})" for s in note.sources) + ".\n"
        )
    return "\n".join(parts)


def commitment_card(block: Block, agenda: Agenda) -> str:
    prompts = "\n".join(
        f'<p class="kb-prompt"><strong>{html.escape(p)}</strong></p>\n<p class="kb-line"></p>'
        for p in block.card
    )
    return (
        '<div class="kb-cutout kb-card-commitment" markdown>\n\n'
        f"#### Commitment card\n\n{text(agenda.title)}\n\n{prompts}\n\n</div>\n"
    )


def _either(values: list[str]) -> str:
    return ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else values[0]


def how_chosen(slot: Slot) -> str:
    """One sentence saying how the agenda chose the panel's practices."""
    parts = []
    if slot.practices:
        count = len(slot.practices)
        parts.append(f"the {count} practice{'s' if count > 1 else ''} it names")
    kinds = []
    if slot.themes:
        kinds.append("on " + _either([label("themes", v) for v in slot.themes]))
    if slot.regions:
        kinds.append("from " + _either([label("regions", v) for v in slot.regions]))
    if slot.languages:
        kinds.append("written in " + _either([language_name(v) for v in slot.languages]))
    if slot.organisation_types:
        names = _either([label("organisation_types", v) for v in slot.organisation_types])
        kinds.append(f"run by an organisation of the kind {names}")
    if kinds:
        parts.append("every practice in the knowledge base " + ", ".join(kinds))
    return f"Chosen by the agenda: {', then '.join(parts)}." if parts else ""


def _panel(slot: Slot, block: Block, practices: list[Practice], pack: str) -> list[str]:
    parts = []
    if block.running_order:
        parts += ["### Running order\n", _list(block.running_order, ordered=True)]
    if block.moderator_notes:
        parts += ["### Moderator notes\n", _list(block.moderator_notes)]
    for segment in block.segments:
        parts += [f"### {segment.title}\n", _list(segment.questions)]
    chosen = panel_practices(slot, practices)
    if chosen:
        parts += [
            "### Practices on the panel\n",
            f"{how_chosen(slot)} Panelists read these in the [panel pack]({pack}) before the "
            "session.\n",
            _list(
                [
                    f"[{text(p.title)}](../practices/{p.id}.md): {text(p.organisation.name)}"
                    for p in chosen
                ]
            ),
        ]
    return parts


def block_section(
    slot: Slot,
    block: Block,
    agenda: Agenda,
    content: Content,
    practices: list[Practice],
    pack: str,
) -> str:
    minutes = _minutes(slot)
    parts = [
        f'<section class="kb-block" markdown>\n\n'
        f"## {clock(slot.start)}–{clock(slot.end)} · {_title(slot, block)} {{: #{slot.block} }}\n",
        f"**{minutes} minutes.** {block.purpose}\n",
    ]
    if block.cuts:
        parts += [
            "### If you are running late\n",
            "Cut these, in this order. Never cut the content note, the support "
            "information or the closing.\n",
            _list(block.cuts, ordered=True),
        ]
    if block.key_messages:
        parts += ["### Key messages\n", _list(block.key_messages)]
    parts += [
        "### What you say\n",
        "\n".join(f"> {line}" if line else ">" for line in block.script.strip().split("\n")) + "\n",
        "### What participants do\n",
        block.participants + "\n",
    ]
    if block.materials:
        parts += ["### Materials\n", _list(block.materials)]
    if block.questions:
        parts += ["### Questions\n", _list(block.questions)]
    if slot.testimonies:
        parts += [
            "### Testimonies\n",
            "Print one set per table. Read each aloud, starting with its content note.\n",
        ]
        for t in slot.testimonies:
            parts += [
                testimony_card(content.testimonies[t]),
                learning_points(content.testimonies[t]),
            ]
    if block.colours:
        rows = ["| Colour | Response |", "|---|---|"]
        rows += [f"| {c.colour} | {c.response} |" for c in block.colours]
        parts += ["### The four colours\n", "\n".join(rows) + "\n"]
    anonymous = getattr(slot, "rounds", "open") == "anonymous" and block.anonymous_rounds
    if anonymous:
        parts += [
            "### Running the rounds: anonymous variant\n",
            _list(block.anonymous_rounds, ordered=True),
        ]
    elif block.rounds:
        parts += ["### Running the rounds\n", _list(block.rounds, ordered=True)]
        if block.anonymous_rounds:
            parts += [
                "### The anonymous variant\n",
                "When people sit with their own managers, or for a statement marked "
                "*anonymous rounds only*, set `rounds: anonymous` for this block in the "
                "agenda; the guide then gives these steps instead.\n",
                _list(block.anonymous_rounds, ordered=True),
            ]
    if slot.statements:
        parts += [
            "### Statements, with your notes\n",
            "Read out only the statement; the notes are for you.\n",
            "\n".join(
                f"{i}. {statement_notes(content.statements[s])}"
                for i, s in enumerate(slot.statements, 1)
            ),
        ]
    if block.debrief:
        parts += [
            "### Debrief at the tables\n",
            _list(block.debrief.tables),
            "### Debrief in plenary\n",
            _list(block.debrief.plenary),
        ]
    if block.segments or block.running_order or slot.practices or slot.themes:
        parts += _panel(slot, block, practices, pack)
    if block.card:
        parts += [commitment_card(block, agenda)]
    if block.notes:
        parts += ["### Notes for the facilitator\n"] + [facilitator_note(n) for n in block.notes]
    if block.cues:
        parts += ["### Timing cues\n", _list(block.cues)]
    if block.transition:
        parts += ["### Transition\n", block.transition + "\n"]
    parts.append("</section>\n")
    return "\n".join(parts)


def guide_page(name: str, agenda: Agenda, content: Content, practices: list[Practice]) -> str:
    """The whole facilitation guide of one agenda, on one printable page."""
    from . import printsets  # it renders this page too

    pack = f"{name}/panel-pack.md"
    sections = [
        frontmatter(title=agenda.title),
        f"# {text(agenda.title)}\n",
        f'<p class="kb-subtitle">{html.escape(agenda.subtitle)}</p>\n' if agenda.subtitle else "",
        f"Facilitation guide for a {agenda.end - agenda.start}-minute session. "
        f"Panelists' briefing: [panel pack]({pack}). To print or save as PDF, use your "
        "browser's print command (A4); `make guide-pdf` produces the PDF, and "
        "`make kit` every print set of an event.\n",
        '<div class="kb-print-sets" markdown>\n',
        printsets.links(name),
        "</div>\n",
        "## Overview\n",
        text_part(content.texts.get("overview", "")),
        "## Run sheet\n",
        run_sheet(agenda, content),
        '<section class="kb-part" markdown>\n\n## Preparation checklist\n',
        text_part(content.texts.get("preparation", "")),
        "</section>\n",
        '<section class="kb-part" markdown>\n\n## Safeguarding during the session\n',
        text_part(content.texts.get("safeguarding", "")),
        "</section>\n",
    ]
    for slot in agenda.blocks:
        sections.append(
            block_section(
                slot, slot.adapt(content.blocks[slot.block]), agenda, content, practices, pack
            )
        )
    sections += [
        '<section class="kb-part" markdown>\n\n## Commitments and follow-up\n',
        text_part(content.texts.get("commitments", "")),
        "</section>\n",
        statement_bank(content),
    ]
    return "\n".join(s for s in sections if s)


def statement_bank(content: Content) -> str:
    """Every statement, by what it is about, for choosing another session's set."""
    parts = [
        '<section class="kb-part" markdown>\n\n## Statement bank\n',
        "All the statements available for the gender-norms exercise. An agenda lists the "
        "ones it uses by id (`statements:`): six to eight fit a 30-minute block, fewer a "
        "shorter one; mix the three kinds. Statements marked *anonymous rounds only* ask "
        "people about their own organisation or safety and need `rounds: anonymous`. "
        "Each statement's notes are in the block that uses it.\n",
    ]
    for about, heading in (
        ("gender-norms", "Gender norms"),
        ("power", "Power"),
        ("workplace", "Workplace behaviour"),
    ):
        chosen = [s for s in content.statements.values() if s.about == about]
        if chosen:
            parts += [
                f"### {heading}\n",
                _list(
                    [
                        f"{s.text} (`{s.id}`)"
                        + (" *Anonymous rounds only.*" if s.anonymous_only else "")
                        + (" *States a myth: correct it after the round.*" if s.notes.myth else "")
                        for s in chosen
                    ]
                ),
            ]
    return "\n".join(parts) + "</section>\n"


def guide_index(content: Content) -> str:
    """The guide's landing page: the agendas, and how to adapt them."""
    lines = [
        frontmatter(title="Facilitation guide"),
        "# Facilitation guide\n",
        "Everything needed to run the session *Our Joint Journey – towards a working "
        "environment free from sexual misconduct*, on screen or on paper, and to adapt it "
        "for regional follow-up.\n",
        "## Agendas\n",
    ]
    for name, (agenda, _) in content.agendas.items():
        lines.append(
            f"- [{text(agenda.title)}]({name}.md): {agenda.end - agenda.start} minutes, "
            f"{len(agenda.blocks)} blocks. [Panel pack]({name}/panel-pack.md)."
        )
    lines += [
        "",
        "## Adapting the session\n",
        "The guide is generated from data in the repository's `guide/` folder: "
        "`blocks.yml` (how to run each block), `testimonies.yml`, `statements.yml`, the "
        "texts `overview.md`, `preparation.md`, `safeguarding.md` and `commitments.md`, and one "
        "agenda per session in `guide/agendas/`. To make a shorter or regional session, copy "
        "an agenda file, change its times, and choose its testimonies, statements and panel "
        "practices (by id, or by `themes:`, `regions:`, `languages:` and "
        "`organisation_types:`: every kind given must match, any value of one kind is enough; "
        "the regional example presents the practices of one region). A shorter block can have "
        "its own `script:`, `cues:` and `running_order:` in the agenda, as the regional example "
        "does. `make validate` checks that the blocks follow each other without gaps or "
        "overlaps, stay inside the session, that every timing cue and running order fits its "
        "block, that reading aloud the script and the testimonies (at the agenda's `pace:`, "
        "120 words a minute unless set) fits before the block's last cue, that a statement "
        "marked for anonymous rounds only is not used in open rounds, and that everything "
        "they name exists.\n",
    ]
    for name, what in (("themes", "theme"), ("regions", "region")):
        values = ", ".join(f"`{v}`" for v in vocabulary.get(name).values)
        lines.append(f"Panel practices can be chosen by {what}: {values}.\n")
    return "\n".join(lines)
