"""Pure functions that turn an agenda and the guide's content into Markdown pages."""

from __future__ import annotations

import html
import re

from ..core import markdown_model, vocabulary
from ..core.model import Practice
from ..core.strings import t
from ..core.text import frontmatter, label, language_name, text
from .agenda import Agenda, Block, Content, Note, Slot, Statement, Testimony, clock, panel_practices

# Every label the guide shows is `guide.*` in core/data/strings.yml, in each site language.
ILLUSTRATIVE = t("guide.illustrative")


def review_notice(content: Content) -> str:
    """In a translated guide not yet reviewed, a notice saying so, in its language."""
    status = content.status
    if content.language == "en" or (status is not None and status.reviewed):
        return ""
    return (
        '<p class="kb-review-pending" role="note">'
        f"{html.escape(t('guide.review_pending', content.language), quote=False)}</p>\n"
    )


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
    lang = content.language
    head = " | ".join(t(f"guide.{k}", lang) for k in ("time", "minutes", "block", "purpose"))
    rows = [f"| {head} |", "|---|---|---|---|"]
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
        + "\n\n"
        + t("guide.total", lang, minutes=total, start=clock(agenda.start), end=clock(agenda.end))
        + "\n\n</div>\n"
    )


def testimony_card(testimony: Testimony, lang: str = "en") -> str:
    questions = _list(testimony.questions)
    note = html.escape(testimony.content_note, quote=False)
    return (
        '<div class="kb-cutout kb-testimony" markdown>\n\n'
        f"#### {text(testimony.title)}\n\n"
        f'<p class="kb-label">{t("guide.illustrative", lang)}</p>\n\n'
        # the reader opens the text deliberately, after its note (printing opens it)
        '<details class="kb-content-note" markdown>\n'
        f"<summary>{t('guide.content_note_open', lang, note=note)}</summary>\n\n"
        f"{testimony.text.strip()}\n\n</details>\n\n"
        f"**{t('guide.table_questions', lang)}**\n\n{questions}\n</div>\n"
    )


def learning_points(testimony: Testimony, lang: str = "en") -> str:
    """The facilitator's learning points for one testimony: kept outside its card, so
    that nothing printed from the card carries them."""
    return (
        '<div class="kb-facilitator" markdown>\n\n'
        f"**{t('guide.learning_points', lang)}** ({text(testimony.title)})\n\n"
        f"{_list(testimony.learning_points)}\n</div>\n"
    )


def statement_notes(statement: Statement, lang: str = "en") -> str:
    """A statement with the facilitator's notes beside it: what it is about, the rule it
    touches and the correction to give after the round."""
    lines = [f"**{text(statement.text)}**"]
    if statement.anonymous_only:
        lines.append(f"*{t('guide.anonymous_only', lang)}*")
    lines.append(t("guide.about", lang, about=statement.notes.about))
    if statement.notes.rule:
        lines.append(t("guide.rule", lang, rule=statement.notes.rule))
    if statement.notes.myth:
        lines.append(t("guide.myth", lang, myth=statement.notes.myth))
    return "  \n".join(lines) + "\n"


def facilitator_note(note: Note, lang: str = "en") -> str:
    """A background note for the facilitator, with the public sources it rests on."""
    parts = [f"#### {text(note.title)}\n", note.text.strip() + "\n"]
    if note.sources:
        sources = "; ".join(f"[{text(s.title)}]({s.url})" for s in note.sources)
        parts.append(t("guide.sources", lang, sources=sources) + "\n")
    return "\n".join(parts)


def commitment_card(block: Block, agenda: Agenda, lang: str = "en") -> str:
    prompts = "\n".join(
        f'<p class="kb-prompt"><strong>{html.escape(p)}</strong></p>\n<p class="kb-line"></p>'
        for p in block.card
    )
    return (
        '<div class="kb-cutout kb-card-commitment" markdown>\n\n'
        f"#### {t('guide.commitment_card', lang)}\n\n{text(agenda.title)}\n\n{prompts}\n\n</div>\n"
    )


def _either(values: list[str], lang: str) -> str:
    if len(values) < 2:
        return values[0]
    return ", ".join(values[:-1]) + t("guide.chosen.or", lang) + values[-1]


def how_chosen(slot: Slot, lang: str = "en") -> str:
    """One sentence saying how the agenda chose the panel's practices."""
    parts = []
    if slot.practices:
        count = len(slot.practices)
        key = "guide.chosen.named_one" if count == 1 else "guide.chosen.named"
        parts.append(t(key, lang, count=count))
    kinds = []
    for attribute, key in (("themes", "themes"), ("regions", "regions")):
        values = getattr(slot, attribute)
        if values:
            names = _either([label(attribute, v, lang) for v in values], lang)
            kinds.append(t(f"guide.chosen.{key}", lang, values=names))
    if slot.languages:
        names = _either([language_name(v, lang) for v in slot.languages], lang)
        kinds.append(t("guide.chosen.languages", lang, values=names))
    if slot.organisation_types:
        names = _either(
            [label("organisation_types", v, lang) for v in slot.organisation_types], lang
        )
        kinds.append(t("guide.chosen.types", lang, values=names))
    if kinds:
        parts.append(t("guide.chosen.every", lang, kinds=", ".join(kinds)))
    then = t("guide.chosen.then", lang)
    return t("guide.chosen", lang, parts=then.join(parts)) if parts else ""


def _panel(
    slot: Slot, block: Block, practices: list[Practice], pack: str, lang: str = "en"
) -> list[str]:
    parts = []
    if block.running_order:
        parts += [f"### {t('guide.running_order', lang)}\n", _list(block.running_order, True)]
    if block.moderator_notes:
        parts += [f"### {t('guide.moderator_notes', lang)}\n", _list(block.moderator_notes)]
    for segment in block.segments:
        parts += [f"### {segment.title}\n", _list(segment.questions)]
    chosen = panel_practices(slot, practices)
    if chosen:
        parts += [
            f"### {t('guide.panel_practices', lang)}\n",
            f"{how_chosen(slot, lang)} {t('guide.panel_read', lang, pack=pack)}\n",
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
    lang = content.language

    def h(key: str) -> str:
        return f"### {t(f'guide.{key}', lang)}\n"

    def listed(key: str, items: list[str], lead: str = "", ordered: bool = False) -> list[str]:
        """The part ``key`` of the block: its heading, a sentence ``lead`` if given, then
        the items; nothing when there are none."""
        if not items:
            return []
        return [h(key), *([t(f"guide.{lead}", lang) + "\n"] if lead else []), _list(items, ordered)]

    parts = [
        f'<section class="kb-block" markdown>\n\n'
        f"## {clock(slot.start)}–{clock(slot.end)} · {_title(slot, block)} {{: #{slot.block} }}\n",
        f"**{t('guide.minutes_bold', lang, minutes=minutes)}** {block.purpose}\n",
    ]
    parts += listed("running_late", block.cuts, lead="cut_these", ordered=True)
    parts += listed("key_messages", block.key_messages)
    parts += [
        h("what_you_say"),
        "\n".join(f"> {line}" if line else ">" for line in block.script.strip().split("\n")) + "\n",
        h("participants_do"),
        block.participants + "\n",
    ]
    parts += listed("materials", block.materials)
    parts += listed("questions", block.questions)
    if slot.testimonies:
        parts += [h("testimonies"), t("guide.print_per_table", lang) + "\n"]
        for item in slot.testimonies:
            parts += [
                testimony_card(content.testimonies[item], lang),
                learning_points(content.testimonies[item], lang),
            ]
    if block.colours:
        rows = [f"| {t('guide.colour', lang)} | {t('guide.response', lang)} |", "|---|---|"]
        rows += [f"| {colour_name(c.colour, lang)} | {c.response} |" for c in block.colours]
        parts += [h("four_colours"), "\n".join(rows) + "\n"]
    anonymous = getattr(slot, "rounds", "open") == "anonymous" and block.anonymous_rounds
    if anonymous:
        parts += listed("rounds_anonymous", block.anonymous_rounds, ordered=True)
    elif block.rounds:
        parts += listed("rounds", block.rounds, ordered=True)
        parts += listed(
            "anonymous_variant", block.anonymous_rounds, lead="anonymous_how", ordered=True
        )
    if slot.statements:
        parts += [
            h("statements_notes"),
            t("guide.statements_read", lang) + "\n",
            "\n".join(
                f"{i}. {statement_notes(content.statements[s], lang)}"
                for i, s in enumerate(slot.statements, 1)
            ),
        ]
    if block.debrief:
        parts += [
            h("debrief_tables"),
            _list(block.debrief.tables),
            h("debrief_plenary"),
            _list(block.debrief.plenary),
        ]
    if block.segments or block.running_order or slot.practices or slot.themes:
        parts += _panel(slot, block, practices, pack, lang)
    if block.card:
        parts += [commitment_card(block, agenda, lang)]
    if block.notes:
        parts += [h("facilitator_notes")] + [facilitator_note(n, lang) for n in block.notes]
    parts += listed("cues", block.cues)
    if block.transition:
        parts += [h("transition"), block.transition + "\n"]
    parts.append("</section>\n")
    return "\n".join(parts)


def colour_name(colour: str, lang: str = "en") -> str:
    """A response paper's colour in ``lang`` (colours are values, kept in English in the
    data; a colour without a label shows as written)."""
    key = f"kit.colour.{colour.strip().lower()}"
    from ..core.strings import strings

    return t(key, lang) if key in strings() else colour


def guide_page(
    name: str, agenda: Agenda, content: Content, practices: list[Practice], pdfs: bool = False
) -> str:
    """The whole facilitation guide of one agenda, on one printable page; with ``pdfs``,
    it links its PDF and its print sets' PDFs (published beside it)."""
    from . import printsets  # it renders this page too

    pack = f"{name}/panel-pack.md"
    lang = content.language
    sections = [
        frontmatter(title=agenda.title),
        f"# {text(agenda.title)}\n",
        f'<p class="kb-subtitle">{html.escape(agenda.subtitle)}</p>\n' if agenda.subtitle else "",
        review_notice(content),
        t(
            "guide.intro_published" if pdfs else "guide.intro",
            lang,
            minutes=agenda.end - agenda.start,
            pack=pack,
            pdf=f"{name}.pdf",
        )
        + "\n",
        '<div class="kb-print-sets" markdown>\n',
        printsets.links(name, lang, pdfs),
        "</div>\n",
        f"## {t('guide.overview', lang)}\n",
        text_part(content.texts.get("overview", "")),
        f"## {t('guide.run_sheet', lang)}\n",
        run_sheet(agenda, content),
        f'<section class="kb-part" markdown>\n\n## {t("guide.preparation", lang)}\n',
        text_part(content.texts.get("preparation", "")),
        "</section>\n",
        f'<section class="kb-part" markdown>\n\n## {t("guide.safeguarding", lang)}\n',
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
        f'<section class="kb-part" markdown>\n\n## {t("guide.commitments", lang)}\n',
        text_part(content.texts.get("commitments", "")),
        "</section>\n",
        statement_bank(content),
    ]
    return "\n".join(s for s in sections if s)


def statement_bank(content: Content) -> str:
    """Every statement, by what it is about, for choosing another session's set."""
    lang = content.language
    parts = [
        f'<section class="kb-part" markdown>\n\n## {t("guide.bank", lang)}\n',
        t("guide.bank_intro", lang) + "\n",
    ]
    for kind in vocabulary.get("statement_kinds").terms:  # core/data/vocabularies.yml
        chosen = [s for s in content.statements.values() if s.about == kind.value]
        if chosen:
            parts += [
                f"### {text(kind.label(lang))}\n",
                _list(
                    [
                        f"{s.text} (`{s.id}`)"
                        + (f" *{t('guide.anonymous_only', lang)}*" if s.anonymous_only else "")
                        + (f" *{t('guide.bank_myth', lang)}*" if s.notes.myth else "")
                        for s in chosen
                    ]
                ),
            ]
    return "\n".join(parts) + "</section>\n"


def guide_index(content: Content, lang: str | None = None) -> str:
    """The guide's landing page: the agendas (those not translated into the page's
    language marked as English), how to adapt them, and how translations work."""
    lang = lang or content.language
    translated = content.for_language(lang)
    lines = [
        frontmatter(title=t("guide.index.title", lang)),
        f"# {t('guide.index.title', lang)}\n",
        review_notice(translated),
        t("guide.index.intro", lang) + "\n",
        f"## {t('guide.index.agendas', lang)}\n",
    ]
    for name, (agenda, _) in content.agendas.items():
        own = translated.agendas.get(name)
        shown = own[0] if own and lang != "en" else agenda
        english = "" if lang == "en" or own else f" ({t('guide.index.in_english', lang)})"
        what = t(
            "guide.index.agenda",
            lang,
            minutes=shown.end - shown.start,
            blocks=len(shown.blocks),
            pack=f"{name}/panel-pack.md",
        )
        lines.append(f"- [{text(shown.title)}]({name}.md){english}: {what}")
    lines += [
        "",
        f"## {t('guide.index.adapting', lang)}\n",
        t("guide.index.adapting_text", lang) + "\n",
    ]
    for name, key in (("themes", "by_theme"), ("regions", "by_region")):
        values = ", ".join(f"`{v}`" for v in vocabulary.get(name).values)
        lines.append(t(f"guide.index.{key}", lang, values=values) + "\n")
    lines += [
        f"## {t('guide.index.languages', lang)}\n",
        t("guide.index.languages_text", lang) + "\n",
    ]
    return "\n".join(line for line in lines if line is not None)
