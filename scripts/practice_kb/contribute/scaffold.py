"""`kb new`: scaffold a practice file, asking for the essentials or taking them as options.

The questions and their options are the fields the model marks with a question
(``Shown.ask``, core/fields.py), in the model's order."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from ..core import fields, vocabulary
from ..core.text import PLACEHOLDER, slug
from . import template

Ask = Callable[[str], str]


class NoAnswerError(Exception):
    """The input ended before a question was answered."""


def _dest(question: fields.Question) -> str:
    """The name argparse gives the option's value (``--organisation-type``: organisation_type)."""
    return question.option.lstrip("-").replace("-", "_")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One option for each question of `kb new` (from the model's marks), then --id,
    --provenance and the command's own."""
    for question in fields.questions():
        options: dict = {"help": question.description}
        if question.vocabulary:
            options["choices"] = vocabulary.get(question.vocabulary).values
            options["metavar"] = question.option.split("-")[-1].upper()
        if question.multiple:
            options["action"] = "append"
            options["help"] += " Repeat the option for several."
        parser.add_argument(question.option, **options)
    parser.add_argument("--id", help="the id, if not the one derived from the title")
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


def _answer(ask: Ask, question: fields.Question) -> str | list[str]:
    if question.vocabulary:
        return _choose(ask, question.question, question.vocabulary, question.multiple)
    if question.default:
        return ask(f"{question.question} [{question.default}]: ").strip() or question.default
    return _text(ask, question.question)


def gather(args: argparse.Namespace, ask: Ask = _input) -> dict:
    """The frontmatter values known from the options and, unless --no-input, the answers
    to the questions the model marks for `kb new`, in its order."""
    values: dict = {}
    records: dict[str, dict] = {}  # a record's parts, such as the organisation's name and type
    for question in fields.questions():
        given = getattr(args, _dest(question), None)
        if not given and not args.no_input:
            given = _answer(ask, question)
        given = given or question.default
        *record, name = question.path
        if record:
            parts = records.setdefault(record[0], {})
            parts[name] = given or f"{PLACEHOLDER}: the {record[0]}'s {name}]"
            if given:
                values[record[0]] = parts  # a record appears once one of its parts is known
        elif given:
            values[name] = given
    if values.get("title"):
        values["id"] = args.id or slug(values["title"])
    elif args.id:
        values["id"] = args.id
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
