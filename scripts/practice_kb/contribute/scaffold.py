"""`kb new`: scaffold a practice file, asking for the essentials or taking them as options."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from ..core import vocabulary
from ..core.text import PLACEHOLDER, slug
from ..core.vocabulary import SITE_LANGUAGES
from . import template

Ask = Callable[[str], str]


class NoAnswerError(Exception):
    """The input ended before a question was answered."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", help="the practice's title (the id is derived from it)")
    parser.add_argument("--id", help="the id, if not the one derived from the title")
    parser.add_argument("--organisation", help="the organisation's full public name")
    parser.add_argument(
        "--organisation-type", choices=vocabulary.get("organisation_types").values, metavar="TYPE"
    )
    parser.add_argument(
        "--theme",
        action="append",
        choices=vocabulary.get("themes").values,
        metavar="THEME",
        help="a theme (repeat for several)",
    )
    parser.add_argument(
        "--misconduct",
        action="append",
        choices=vocabulary.get("misconduct").values,
        help="sea or sh (repeat for both)",
    )
    parser.add_argument("--language", help="the entry's language: en, fr, es, ar or another tag")
    parser.add_argument(
        "--provenance",
        choices=vocabulary.get("provenance").values,
        default="submitted",
        help="submitted (the default: the organisation sends it, with its consent) or "
        "compiled (written from public sources: sources instead of consent)",
    )
    parser.add_argument(
        "--no-input",
        action="store_true",
        help="ask nothing; leave placeholders for what is missing",
    )
    parser.add_argument("--dir", type=Path, default=Path("practices"), help="where to write")


def _choose(ask: Ask, question: str, name: str, multiple: bool) -> str | list[str]:
    vocab = vocabulary.get(name)
    menu = "\n".join(f"  {i}. {t.label()} ({t.value})" for i, t in enumerate(vocab.terms, 1))
    how = "numbers or values, separated by spaces" if multiple else "a number or a value"
    for _ in range(3):
        answer = ask(f"{question}\n{menu}\nYour choice ({how}): ").replace(",", " ").split()
        chosen = []
        for word in answer:
            if word.isdigit() and 1 <= int(word) <= len(vocab.terms):
                chosen.append(vocab.terms[int(word) - 1].value)
            elif word in vocab:
                chosen.append(word)
            else:
                chosen = []
                break
        if chosen and (multiple or len(chosen) == 1):
            return list(dict.fromkeys(chosen)) if multiple else chosen[0]
        print("Please answer with the choices listed.", file=sys.stderr)
    raise NoAnswerError(question)


def _text(ask: Ask, question: str) -> str:
    for _ in range(3):
        answer = ask(f"{question}: ").strip()
        if answer:
            return answer
    raise NoAnswerError(question)


def _input(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise NoAnswerError(prompt) from None


def gather(args: argparse.Namespace, ask: Ask = _input) -> dict:
    """The frontmatter values known from the options and, unless --no-input, the answers."""
    interactive = not args.no_input
    values: dict = {}
    title = args.title or (_text(ask, "Title of the practice") if interactive else None)
    if title:
        values["id"] = args.id or slug(title)
        values["title"] = title
    elif args.id:
        values["id"] = args.id
    organisation = {}
    name = args.organisation or (_text(ask, "Organisation's full name") if interactive else None)
    if name:
        organisation["name"] = name
    kind = args.organisation_type or (
        _choose(ask, "Type of organisation", "organisation_types", False) if interactive else None
    )
    if kind:
        organisation["type"] = kind
    if organisation:
        organisation.setdefault("name", f"{PLACEHOLDER}: the organisation's name]")
        organisation.setdefault("type", f"{PLACEHOLDER}: the organisation's type]")
        values["organisation"] = organisation
    themes = args.theme or (_choose(ask, "Themes", "themes", True) if interactive else None)
    if themes:
        values["themes"] = themes
    misconduct = args.misconduct or (
        _choose(ask, "Misconduct it addresses", "misconduct", True) if interactive else None
    )
    if misconduct:
        values["misconduct"] = misconduct
    language = args.language or (
        ask(f"Language of the entry ({', '.join(SITE_LANGUAGES)}) [en]: ").strip() or "en"
        if interactive
        else "en"
    )
    values["language"] = language
    values["provenance"] = getattr(args, "provenance", None) or "submitted"
    today = dt.date.today()
    values["submitted"] = values["last_reviewed"] = today
    return values


def run(args: argparse.Namespace, ask: Ask = _input) -> int:
    try:
        values = gather(args, ask)
    except NoAnswerError:
        print(
            "\nkb new: stopped before every question was answered; nothing written", file=sys.stderr
        )
        return 2
    if "id" not in values:
        print("kb new: give --title (or --id) to name the file", file=sys.stderr)
        return 2
    if not values["id"]:
        print(
            "kb new: the title has no letters or digits to make an id from; give --id",
            file=sys.stderr,
        )
        return 2
    path = args.dir / f"{values['id']}.md"
    if path.exists():
        print(
            f"kb new: {path} already exists; nothing written. Choose another title, or give --id",
            file=sys.stderr,
        )
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template.practice(values), encoding="utf-8")
    print(f"wrote {path}\nReplace every [FILL IN ...] in it, then run: kb validate {path}")
    return 0
