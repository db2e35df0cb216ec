"""The fixed sections of a practice's Markdown body."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache

from ..core import markdown_model, vocabulary
from ..core.markdown_model import Heading
from ..core.problem import Problem
from ..core.vocabulary import suggest


def headings(body: str, first_line: int = 1) -> list[Heading]:
    """The body's top-level headings as the site renders them (inside the element
    that holds a practice's body), with their file line numbers."""
    return markdown_model.headings(body, first_line, wrapped=True)


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


@cache
def _names(language: str) -> dict[str, str]:
    """Normalised heading text to section key, in ``language`` and in English."""
    names = {}
    for term in vocabulary.get("sections").terms:
        names[_normal(term.label(vocabulary.DEFAULT_LANGUAGE))] = term.value
        names[_normal(term.label(language))] = term.value
    return names


@cache
def _labels(language: str) -> dict[str, str]:
    sections = vocabulary.get("sections")
    return {term.value: term.label(language) for term in sections.terms}


@lru_cache(maxsize=1024)  # practices repeat the same few headings thousands of times
def section_key(text: str, language: str) -> str | None:
    """Which section a heading names, in the entry's language or in English."""
    return _names(language).get(_normal(text))


def check(body: str, first_line: int, language: str, path: str) -> Iterator[Problem]:
    """The body has the five sections as '##' headings (in the entry's language or in
    English), each once, in order and not empty, with no '#' title heading and no text
    before the first; headings are those the renderer makes, never lines in code."""
    sections = vocabulary.get("sections")
    order = sections.values
    label = _labels(language)
    lines = body.split("\n")
    found = headings(body, first_line)
    level_two = [h for h in found if h.level == 2]

    for heading in found:
        if heading.level == 1:
            yield Problem(
                path,
                heading.line,
                "body",
                f"'# {heading.text}' is a title heading; the title comes from the frontmatter",
                "remove it, or use '## ' for one of the sections",
            )

    first_section = level_two[0].line if level_two else first_line + len(lines)
    for number in range(first_line, first_section):
        text = lines[number - first_line].strip()
        if text and not text.startswith("#"):
            yield Problem(
                path,
                number,
                "body",
                "text comes before the first section",
                f"move it under '## {label[order[0]]}'",
            )
            break

    seen: dict[str, int] = {}
    for index, heading in enumerate(level_two):
        key = section_key(heading.text, language)
        if key is None:
            yield Problem(
                path,
                heading.line,
                "body",
                f"'## {heading.text}' is not one of the sections",
                suggest(heading.text, [label[k] for k in order]).replace(
                    "choose from", "use one of"
                ),
            )
            continue
        if key in seen:
            yield Problem(
                path,
                heading.line,
                "body",
                f"section '{label[key]}' appears twice (first on line {seen[key]})",
                "merge the two into one section",
            )
            continue
        later = [k for k in seen if order.index(k) > order.index(key)]
        if later:
            yield Problem(
                path,
                heading.line,
                "body",
                f"section '{label[key]}' comes after '{label[later[0]]}'",
                "the order is: " + "; ".join(label[k] for k in order),
            )
        seen[key] = heading.line
        end = level_two[index + 1].line if index + 1 < len(level_two) else first_line + len(lines)
        content = lines[heading.line - first_line + 1 : end - first_line]
        if not any(text.strip() for text in content):
            yield Problem(
                path,
                heading.line,
                "body",
                f"section '{label[key]}' is empty",
                f"write it: {sections[key].description(language)}",
            )

    end_line = first_line + len(lines) - 1
    for position, key in enumerate(order):
        if key not in seen:
            following = [seen[k] for k in order[position + 1 :] if k in seen]
            where = min(following) if following else end_line
            after = f" after '## {label[order[position - 1]]}'" if position else ""
            yield Problem(
                path,
                where,
                "body",
                f"section '{label[key]}' is missing",
                f"add '## {label[key]}'{after}",
            )


def split(body: str, language: str) -> dict[str, str]:
    """The text of each known section, by section key (for exports)."""
    result: dict[str, str] = {}
    lines = body.split("\n")
    level_two = [h for h in headings(body) if h.level == 2]
    for index, heading in enumerate(level_two):
        key = section_key(heading.text, language)
        end = level_two[index + 1].line - 1 if index + 1 < len(level_two) else len(lines)
        if key and key not in result:
            result[key] = "\n".join(lines[heading.line : end]).strip()
    return result
