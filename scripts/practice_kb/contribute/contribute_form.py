"""The site's "Write a practice" page: a form generated from the model.

Everything the page knows comes from the one definition of a practice, read at
build time: the fields, their order and limits (the JSON Schema), their help
(the schema's descriptions), the vocabularies with their labels in the page's
language, the body's sections, the template's layout (``template.frontmatter``),
the issue form's questions (``issue_form.fields``), the patterns of the checks
of markup and identifying details, and the validator's own messages, taken by
running the validator on probe entries (``messages``). ``docs/assets/write.js``
turns that into checks as the person types and into the file.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pycountry
import yaml

from ..check import checks, markup, privacy
from ..core import load, model, vocabulary
from ..core.nested import DELETE, set_at
from ..core.strings import t
from ..core.text import PLACEHOLDER
from ..core.text import frontmatter as page_frontmatter
from ..core.vocabulary import SITE_LANGUAGES
from . import issue_form, template

PAGE = "write.md"
SCRIPT = "assets/write.js"
# js-yaml reads imported files; the page's script loads it only when a file is imported
YAML_SCRIPT = "assets/javascripts/js-yaml.min.js"
STYLE = "assets/write.css"
PLACEHOLDER_REPO = "https://github.com/OWNER/REPOSITORY"
URL_LIMIT = 8000  # characters: longer addresses are refused by some browsers and servers
LONG_TEXT = 200  # a string field allowed more characters than this gets a text area
PROBE_TODAY = dt.date(2026, 1, 1)

# ---------------------------------------------------------------------------
# The validator's wording, taken by running it on probe entries
# ---------------------------------------------------------------------------

# A valid entry the probes break one thing at a time.
_BASE: dict[str, Any] = {
    "id": "probe-practice",
    "title": "Probe practice",
    "summary": "A practice the page's probes break one field at a time.",
    "organisation": {"name": "Probe organisation", "type": "national-ngo"},
    "themes": ["prevention-and-response"],
    "topics": ["safe-reporting"],
    "misconduct": ["sea"],
    "regions": ["global"],
    "audience": ["communities"],
    "evidence": "anecdotal",
    "stage": "active",
    "language": "en",
    "resources": [
        {"title": "Guide", "url": "https://example.org/g", "kind": "guide", "language": "en"}
    ],
    "sources": [{"title": "Report", "url": "https://example.org/r"}],
    "provenance": "compiled",
    "submitted": dt.date(2025, 1, 10),
    "last_reviewed": dt.date(2025, 3, 1),
}
_TEXT = "Some text."


def _document_text(data: dict[str, Any], sections: dict[str, str]) -> str:
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    body = "\n".join(
        f"## {term.label()}\n\n{sections.get(term.value, _TEXT)}\n"
        for term in vocabulary.get("sections").terms
    )
    return f"---\n{front}---\n\n{body}"


def _probe(field: str, change: Callable[[dict[str, Any], dict[str, str]], None]) -> tuple[str, str]:
    """The validator's (message, hint) for ``field`` once ``change`` breaks the base entry."""
    data, sections = copy.deepcopy(_BASE), {}
    change(data, sections)
    document, found = load.parse(_document_text(data, sections).encode(), "probe-practice.md")
    if document is not None:
        found += checks.check_document(document, PROBE_TODAY)[1]
    for problem in found:
        if problem.field == field:
            return problem.message, problem.hint
    raise LookupError(f"the validator reported nothing on {field!r}: {found}")


def _set(path: str, value: Any) -> Callable[[dict[str, Any], dict[str, str]], None]:
    def change(data: dict[str, Any], sections: dict[str, str]) -> None:
        set_at(data, path, value)

    return change


def _template(pair: tuple[str, str], **values: str) -> tuple[str, str]:
    """(message, hint) with each probe value written as {name}, for the page to fill in."""
    message, hint = pair
    for name, probe in values.items():
        message = message.replace(probe, "{" + name + "}")
        hint = hint.replace(probe, "{" + name + "}")
    return message, hint


def _vocabulary_paths() -> Iterator[tuple[str, str]]:
    """(field path, vocabulary) of every field whose values come from a vocabulary."""
    schema = model.json_schema()
    for path, spec in _walk(schema["properties"], schema["$defs"]):
        name = spec.get("x-vocabulary") or spec.get("items", {}).get("x-vocabulary")
        if name:
            yield path, name


def _walk(properties: dict, definitions: dict, prefix: str = "") -> Iterator[tuple[str, dict]]:
    for name, spec in properties.items():
        inner = _inner(spec)
        path = f"{prefix}{name}"
        reference = inner.get("$ref") or inner.get("items", {}).get("$ref")
        if reference:
            definition = definitions[reference.split("/")[-1]]
            yield from _walk(definition["properties"], definitions, f"{path}.")
        else:
            yield path, inner


def _inner(spec: dict) -> dict:
    """An optional field's schema when it is given (anyOf [kind, null])."""
    if "anyOf" in spec:
        return next(s for s in spec["anyOf"] if s.get("type") != "null")
    return spec


@cache
def messages() -> dict[str, Any]:
    """Each message of the validator the page shows, as the validator words it."""
    probe = "zzqq-probe"
    long_title = "x" * 121
    found: dict[str, Any] = {
        "required": _probe("title", _set("title", DELETE)),
        "empty": _probe("title", _set("title", "")),
        "too_long": _template(
            _probe("title", _set("title", long_title)), length="121", limit="120"
        ),
        "too_few": _probe("themes", _set("themes", [])),
        "twice": _template(
            _probe("themes", _set("themes", [_BASE["themes"][0]] * 2)),
            value=_BASE["themes"][0],
        ),
        "id": _template(_probe("id", _set("id", "Probe Id")), value="Probe Id", slug="probe-id"),
        "id_reserved": _template(_probe("id", _set("id", "index")), value="index"),
        "url": _template(_probe("sources.url", _set("sources.url", probe)), value=probe),
        "language": _template(_probe("language", _set("language", "zz9")), value="zz9"),
        "country": _template(_probe("countries", _set("countries", ["QQ"])), value="QQ"),
        "contact": _template(_probe("contact", _set("contact", probe)), value=probe),
        "year": _template(_probe("years.start", _set("years", {"start": 1900})), value="1900"),
        "year_order": _template(
            _probe("years.end", _set("years", {"start": 2020, "end": 2019})),
            end="2019",
            start="2020",
        ),
        "future": _template(
            _probe("submitted", _set("submitted", dt.date(2027, 2, 3))),
            value="2027-02-03",
            today=PROBE_TODAY.isoformat(),
        ),
        "date_order": _template(
            _probe("last_reviewed", _set("last_reviewed", dt.date(2024, 2, 3))),
            value="2024-02-03",
            submitted="2025-01-10",
        ),
        "date": _template(_probe("submitted", _set("submitted", probe)), value=f"'{probe}'"),
        "must_be_true": _probe(
            "consent.publication",
            lambda d, s: d.update(
                provenance="submitted",
                consent={"publication": False, "no_identifying_details": True},
            ),
        ),
        "placeholder": _probe("title", _set("title", f"{PLACEHOLDER}: a title]")),
        "placeholder_body": _probe("body", lambda d, s: s.update(what=f"{PLACEHOLDER}: text]")),
        "section_empty": _template(
            _probe("body", lambda d, s: s.update(what="")),
            label=vocabulary.get("sections").terms[0].label(),
            description=vocabulary.get("sections").terms[0].description(),
        ),
        "compiled_sources": _probe("sources", _set("sources", [])),
        "compiled_consent": _probe(
            "consent", _set("consent", {"publication": True, "no_identifying_details": True})
        ),
        "submitted_consent": _probe("consent", _set("provenance", "submitted")),
        "evaluation": _template(
            _probe("evidence", _set("evidence", model.EVALUATED[0])), value=model.EVALUATED[0]
        ),
        "suggest_close": _template(
            ("", vocabulary.suggest("glob", ["global"])), choices="'global'"
        )[1],
        "suggest_none": _template(("", vocabulary.suggest("qq", ["a", "b"])), choices="a, b")[1],
        "vocabulary": {},
        "markup": _markup_messages(),
        "privacy": _privacy_messages(),
    }
    for path, _name in _vocabulary_paths():
        value: Any = [probe] if path in _list_paths() else probe
        message, _ = _probe(path, _set(path, value))
        found["vocabulary"][path] = message.replace(probe, "{value}")
    return found


@cache
def _list_paths() -> frozenset[str]:
    return frozenset(path for path, spec in _walk_all() if spec.get("type") == "array")


def _walk_all() -> Iterator[tuple[str, dict]]:
    schema = model.json_schema()
    return _walk(schema["properties"], schema["$defs"])


def _markup_messages() -> dict[str, tuple[str, str]]:
    def one(text: str, **values: str) -> tuple[str, str]:
        return _template(next(markup.text_problems(text)), **values)

    return {
        "tag": one("<zzqq>", value="zzqq"),
        "comment": one("<!-- -->"),
        "attributes": one('<abbr class="x">', value="abbr"),
        "handler": one("x onclick= y"),
        "scheme": one("javascript:x"),
        "attr_list": one("{: a=b}"),
    }


def _privacy_messages() -> dict[str, tuple[str, str]]:
    email = "zzqq.person@example.org"
    phone = "+41 22 555 01 00"
    return {
        "email": _template(next(privacy.text_problems(email)), value=email),
        "phone": _template(next(privacy.text_problems(phone)), value=phone),
    }


# ---------------------------------------------------------------------------
# Patterns of the checks, written for the browser's RegExp (flag u)
# ---------------------------------------------------------------------------


def js_pattern(pattern: str) -> str:
    """A Python pattern as JavaScript reads it with the u flag: Python's \\w matches
    letters of every script, JavaScript's only ASCII ones, so \\w is spelt out."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            if pair == "\\w":
                out.append("\\p{L}\\p{N}_" if in_class else "[\\p{L}\\p{N}_]")
            else:
                out.append(pair)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


def patterns() -> dict[str, Any]:
    def pattern(compiled: re.Pattern[str]) -> dict[str, str]:
        flags = "u" + ("i" if compiled.flags & re.IGNORECASE else "")
        return {"source": js_pattern(compiled.pattern), "flags": flags}

    return {
        "placeholder": PLACEHOLDER,
        "email": pattern(privacy._EMAIL),
        "phone": pattern(privacy._PHONE),
        "date_like": pattern(privacy._DATE_LIKE),
        "role_words": sorted(privacy.ROLE_WORDS),
        "tag": pattern(markup._TAG),
        "attribute": pattern(markup._ATTRIBUTE),
        "handler": pattern(markup._HANDLER),
        "scheme": pattern(markup._SCHEME),
        "attr_list": pattern(markup._ATTR_LIST),
        "suspect": pattern(markup._SUSPECT),
        "allowed_tags": sorted(markup.ALLOWED_TAGS),
        "id": {"source": model.ID_PATTERN, "flags": "u"},
        "language": {"source": model.LANGUAGE_PATTERN, "flags": "u"},
        "email_contact": {"source": model.EMAIL_PATTERN, "flags": "u"},
    }


# ---------------------------------------------------------------------------
# The template's layout, so the page writes files as `kb new` does
# ---------------------------------------------------------------------------


def _top_key(line: str) -> str | None:
    match = re.match(r"^(?:# )?([a-z_]+):", line)
    return match.group(1) if match and match.group(1) in model.FIELDS else None


def layout(provenance: str) -> list[dict[str, Any]]:
    """For each field, in the template's order: the comment lines that come before it,
    and the lines the template writes when it is not given (a comment, or a placeholder)."""
    marked = {name: f"@@{name}@@" for name in model.FIELDS} | {"provenance": provenance}
    given = template.frontmatter(marked).splitlines()
    before: dict[str, list[str]] = {}
    pending: list[str] = []
    for line in given:
        key = _top_key(line)
        if key and not line.startswith("#"):
            before[key], pending = pending, []
        else:
            pending.append(line)
    absent: dict[str, list[str]] = {name: [] for name in model.FIELDS}
    current = None
    comments = {line for lines in before.values() for line in lines}
    for line in template.frontmatter({"provenance": provenance}).splitlines():
        key = _top_key(line)
        if key:
            current = key
        elif line in comments:
            continue
        if current and key != "provenance" and current != "provenance":
            absent[current].append(line)
    return [
        {"name": name, "before": before.get(name, []), "absent": absent[name]}
        for name in model.FIELDS
    ]


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _label(path: str, lang: str) -> str:
    key = f"write.field.{path}"
    try:
        return t(key, lang)
    except KeyError:
        return path.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def _help(spec: dict, lang: str, extra: str = "") -> str:
    """The schema's description (English) and, if given, a hint in the page's language."""
    parts = []
    description = spec.get("description", "")
    if description:
        attributes = ' lang="en" dir="ltr"' if lang != "en" else ""
        parts.append(f"<span{attributes}>{_e(description)}</span>")
    if extra:
        parts.append(f"<span>{_e(extra)}</span>")
    return " ".join(parts)


def _dom_id(path: str) -> str:
    return "kbw-f-" + path.replace(".", "-").replace("_", "-")


class _Form:
    """The form's HTML, one field at a time, from the JSON Schema."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.schema = model.json_schema()
        self.definitions = self.schema["$defs"]

    def field(self, path: str, spec: dict, required: bool, row: bool = False) -> str:
        """One field: its control, label, help and place for its problems.

        In a row of a list (``row``), ids and paths get the row's number later, from
        the page's script, which writes ``#`` for it.
        """
        lang, inner = self.lang, _inner(spec)
        optional = "anyOf" in spec or not required
        name = path.rsplit(".", 1)[-1]
        data_path = path if not row else path.replace(".", ".#.", 1)
        dom = _dom_id(data_path)
        label = _e(_label(path, lang))
        needed = _e(t("write.required", lang))
        mark = "" if optional else f' <span class="kbw-required">({needed})</span>'
        help_id, error_id = f"{dom}-help", f"{dom}-problems"
        described = f'aria-describedby="{help_id} {error_id}"'
        common = f'id="{dom}" data-kbw-path="{_e(data_path)}" {described}'
        problems = (
            f'<ul class="kbw-problems" id="{error_id}" data-kbw-problems="{_e(data_path)}"></ul>'
        )
        reference = inner.get("$ref")
        items = inner.get("items", {})
        if reference:
            definition = self.definitions[reference.split("/")[-1]]
            # a field that is only a reference has its model's description
            spec = {"description": definition.get("description", ""), **spec}
            parts = [
                self.field(f"{path}.{part}", part_spec, part in definition.get("required", []), row)
                for part, part_spec in definition["properties"].items()
            ]
            return (
                f'<fieldset class="kbw-group" id="{dom}" data-kbw-group="{_e(data_path)}">'
                f"<legend>{label}{mark}</legend>"
                f'<p class="kbw-help" id="{help_id}">{_help(spec, lang)}</p>'
                f"{''.join(parts)}{problems}</fieldset>"
            )
        if inner.get("type") == "array" and "$ref" in items:
            definition = self.definitions[items["$ref"].split("/")[-1]]
            needs = definition.get("required", [])
            parts = "".join(
                self.field(f"{path}.{part}", part_spec, part in needs, True)
                for part, part_spec in definition["properties"].items()
            )
            row_html = (
                f'<div class="kbw-row" data-kbw-row="{_e(path)}">{parts}'
                f'<button type="button" class="md-button"'
                f" data-kbw-remove>{_e(t('write.remove', lang))}</button></div>"
            )
            return (
                f'<fieldset class="kbw-group" id="{dom}" data-kbw-list="{_e(path)}">'
                f"<legend>{label}{mark}</legend>"
                f'<p class="kbw-help" id="{help_id}">{_help(spec, lang)}</p>'
                f'<div data-kbw-rows="{_e(path)}"></div>'
                f'<template data-kbw-template="{_e(path)}">{row_html}</template>'
                f'<button type="button" class="md-button" data-kbw-add="{_e(path)}" '
                f'aria-describedby="{help_id}">{_e(t("write.add", lang))}: {label}</button>'
                f"{problems}</fieldset>"
            )
        vocab_name = inner.get("x-vocabulary") or items.get("x-vocabulary")
        if inner.get("type") == "array" and vocab_name:
            boxes = "".join(
                f'<label class="kbw-choice"><input type="checkbox" name="{_e(path)}" '
                f'value="{_e(term.value)}"'
                f' data-kbw-choice="{_e(path)}"> {_e(term.label(lang))}</label>'
                for term in vocabulary.get(vocab_name).terms
            )
            return (
                f'<fieldset class="kbw-group kbw-choices" id="{dom}" data-kbw-path="{_e(path)}" '
                f'data-kbw-kind="choices" {described}>'
                f"<legend>{label}{mark}</legend>"
                f'<p class="kbw-help" id="{help_id}">{_help(spec, lang)}</p>'
                f'<div class="kbw-options">{boxes}</div>{problems}</fieldset>'
            )
        if spec.get("const") is True or inner.get("type") == "boolean":
            return (
                f'<div class="kbw-field kbw-check"><label><input type="checkbox" {common} '
                f'data-kbw-kind="boolean"> {label}{mark}</label>'
                f'<p class="kbw-help" id="{help_id}">{_help(spec, lang)}</p>{problems}</div>'
            )
        if vocab_name:
            options = "".join(
                f'<option value="{_e(term.value)}">{_e(term.label(lang))}</option>'
                for term in vocabulary.get(vocab_name).terms
            )
            control = (
                f'<select {common} data-kbw-kind="choice"><option value="">'
                f"{_e(t('write.choose', lang))}</option>{options}</select>"
            )
            extra = ""
        elif inner.get("type") == "array":
            control = f'<input type="text" {common} data-kbw-kind="list" autocomplete="off">'
            extra = t("write.list_hint", lang)
        elif inner.get("type") == "object":
            control = f'<textarea {common} data-kbw-kind="map" rows="2"></textarea>'
            extra = t("write.map_hint", lang)
        elif inner.get("format") == "date":
            control = f'<input type="date" {common} data-kbw-kind="date">'
            extra = ""
        elif inner.get("type") == "integer":
            control = (
                f'<input type="number" {common} data-kbw-kind="integer" inputmode="numeric" '
                f'min="{inner.get("minimum", "")}" max="{inner.get("maximum", "")}">'
            )
            extra = ""
        elif inner.get("maxLength", 0) > LONG_TEXT:
            control = f'<textarea {common} data-kbw-kind="text" rows="3" dir="auto"></textarea>'
            extra = ""
        else:
            kind = "url" if inner.get("format") == "uri" else "text"
            # each text in the direction of its own script; addresses left to right
            mode = ' inputmode="url" dir="ltr"' if kind == "url" else ' dir="auto"'
            control = f'<input type="text" {common} data-kbw-kind="text" autocomplete="off"{mode}>'
            extra = t("write.id_hint", lang) if name == "id" and not row else ""
        return (
            f'<div class="kbw-field"><label for="{dom}">{label}{mark}</label>{control}'
            f'<p class="kbw-help" id="{help_id}">{_help(spec, lang, extra)}</p>{problems}</div>'
        )

    def fields(self) -> str:
        """Every field, in the schema's order. Those required only by one provenance
        (consent, sources) say so in their description, and the page's script hides
        those an entry of the chosen provenance leaves out."""
        required = set(self.schema["required"])
        return "".join(
            self.field(name, spec, name in required)
            for name, spec in self.schema["properties"].items()
        )

    def sections(self) -> str:
        lang = self.lang
        parts = []
        for term in vocabulary.get("sections").terms:
            dom = _dom_id(f"body.{term.value}")
            path = f"body.{term.value}"
            parts.append(
                f'<div class="kbw-field"><label for="{dom}">{_e(term.label(lang))} '
                f'<span class="kbw-required">({_e(t("write.required", lang))})</span></label>'
                f'<textarea id="{dom}" rows="6" dir="auto" data-kbw-path="{path}" '
                f'data-kbw-kind="section" '
                f'aria-describedby="{dom}-help {dom}-problems"></textarea>'
                f'<p class="kbw-help" id="{dom}-help">{_e(term.description(lang))}</p>'
                f'<ul class="kbw-problems" id="{dom}-problems" data-kbw-problems="{path}">'
                f"</ul></div>"
            )
        return (
            f'<fieldset class="kbw-group"><legend>{_e(t("write.body_legend", lang))}</legend>'
            f"{''.join(parts)}</fieldset>"
        )


def _issue_questions() -> list[dict[str, Any]]:
    """The GitHub issue form's questions, for "Copy for the issue form" and for import."""
    options = {
        entry["id"]: [o["label"] for o in entry["attributes"].get("options", [])]
        for entry in issue_form.form()["body"]
        if entry["type"] == "checkboxes"
    }
    return [
        {
            "key": list(field.key),
            "kind": field.kind,
            "label": field.label,
            "vocabulary": field.vocabulary,
            "multiple": field.multiple,
            "parts": list(field.parts),
            "options": options.get("-".join(field.key).replace("_", "-"), []),
        }
        for field in issue_form.fields()
    ]


def page_data(lang: str, repo_url: str, branch: str) -> dict[str, Any]:
    """What the page's script needs, all derived from the model and its data files."""
    sections = vocabulary.get("sections")
    return {
        "lang": lang,
        "languages": list(SITE_LANGUAGES),
        "schema": model.json_schema(),
        "required_by_provenance": {k: list(v) for k, v in model.REQUIRED_BY_PROVENANCE.items()},
        "left_out_by_provenance": {k: list(v) for k, v in model.LEFT_OUT_BY_PROVENANCE.items()},
        "evaluated": list(model.EVALUATED),
        "default_provenance": "submitted",  # as `kb new` and the template
        "list_paths": sorted(_list_paths()),
        "vocabularies": {
            name: {
                term.value: {"label": term.label(lang), "en": term.label()}
                for term in vocabulary.get(name).terms
            }
            for name in vocabulary.vocabularies()
        },
        "sections": [
            {
                "key": term.value,
                "labels": {code: term.label(code) for code in SITE_LANGUAGES},
                "description": {code: term.description(code) for code in SITE_LANGUAGES},
            }
            for term in sections.terms
        ],
        "layout": {p: layout(p) for p in vocabulary.get("provenance").values},
        "messages": messages(),
        "patterns": patterns(),
        "countries": sorted(c.alpha_2 for c in pycountry.countries),
        "language_codes": sorted({getattr(x, "alpha_2", "") for x in pycountry.languages} - {""}),
        "issue": {"questions": _issue_questions(), "no_response": issue_form.NO_RESPONSE},
        "repo": {"url": repo_url.rstrip("/"), "branch": branch, "limit": URL_LIMIT},
        "folder": "practices",
        "yaml_script": YAML_SCRIPT,
        "strings": {
            key.removeprefix("write."): t(key, lang)
            for key in _string_keys()
            if not key.startswith("write.field.")
        },
        "field_labels": {
            **{path: _label(path, lang) for path, _ in _walk_all()},
            **{name: _label(name, lang) for name in model.FIELDS},
        },
    }


def _string_keys() -> list[str]:
    from ..core.strings import strings

    return [key for key in strings() if key.startswith("write.")]


def _json_script(data: dict[str, Any]) -> str:
    """Data for the script, in a <script> the browser never runs; '</' cannot close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    unsearched = 'data-search-exclude data-pagefind-ignore="all"'
    return f'<script type="application/json" id="kbw-data" {unsearched}>{text}</script>'


def branch_of(edit_uri: str) -> str:
    """The branch new files go to: from MkDocs' ``edit_uri`` (edit/<branch>/docs/)."""
    match = re.match(r"^/?(?:edit|blob|tree)/([^/]+)/", edit_uri or "")
    return match.group(1) if match else "main"


def page(lang: str = "en", repo_url: str = "", edit_uri: str = "") -> str:
    """The "Write a practice" page, in ``lang``, as Markdown with the form in HTML."""
    form = _Form(lang)
    s = lambda key: _e(t(f"write.{key}", lang))  # noqa: E731
    english = t("write.english_messages", lang)
    head = page_frontmatter(title=t("nav.write", lang), description=t("write.intro", lang))
    scripts = f'<script src="{SCRIPT}"></script>'
    data = page_data(lang, repo_url or PLACEHOLDER_REPO, branch_of(edit_uri))
    parts = [
        f"# {_e(t('nav.write', lang))}\n",
        f'<div class="kbw" id="kbw" data-kbw><link rel="stylesheet" href="{STYLE}">',
        f"<p>{s('intro')}</p>",
        f'<div class="admonition warning"><p class="admonition-title">{s("warning_title")}</p>'
        f"<p>{s('warning')}</p></div>",
        f'<noscript><p class="kbw-noscript">{s("noscript")}</p></noscript>',
        f'<details class="kbw-import"><summary>{s("import_legend")}</summary>'
        f'<p><label for="kbw-import-file">{s("import_file")}</label> '
        f'<input type="file" id="kbw-import-file"'
        f' accept=".md,.markdown,.txt,text/markdown,text/plain"></p>'
        f'<p><label for="kbw-import-text">{s("import_text")}</label>'
        f'<textarea id="kbw-import-text" rows="4" dir="auto"></textarea></p>'
        f'<p><button type="button" class="md-button"'
        f' id="kbw-import">{s("import_button")}</button></p>'
        f'<p id="kbw-import-status" role="status"></p></details>',
        f'<section id="kbw-report" class="kbw-report" tabindex="-1"'
        f' aria-labelledby="kbw-report-title">'
        f'<h2 id="kbw-report-title">{s("summary_title")}</h2>'
        f'<p id="kbw-report-status" role="status"></p><ul id="kbw-report-list"></ul>'
        + (f"<p>{_e(english)}</p>" if english else "")
        + f"<p>{s('not_checked')}</p></section>",
        f'<form id="kbw-form" novalidate data-search-exclude data-pagefind-ignore="all">'
        f"{form.fields()}{form.sections()}</form>",
        f'<section class="kbw-out" aria-labelledby="kbw-out-title">'
        f'<h2 id="kbw-out-title">{s("out_legend")}</h2>'
        f'<p id="kbw-blocked" class="kbw-blocked" hidden>{s("blocked")}</p>'
        f'<p><label class="kbw-choice"><input type="checkbox"'
        f' id="kbw-override"> {s("override")}</label></p>'
        f'<p class="kbw-buttons">'
        f'<a class="md-button md-button--primary" id="kbw-github" href="#kbw-report" '
        f'target="_blank" rel="noopener" aria-describedby="kbw-github-note">{s("github")}</a> '
        f'<button type="button" class="md-button" id="kbw-download">{s("download")}</button> '
        f'<button type="button" class="md-button"'
        f' id="kbw-copy-issue">{s("copy_issue")}</button></p>'
        f'<p id="kbw-github-note" class="kbw-help">{s("github_note")}</p>'
        f'<p id="kbw-out-status" role="status"></p>'
        f'<details class="kbw-preview"><summary>{s("preview")}</summary>'
        f'<label for="kbw-output" class="kbw-hidden">{s("preview")}</label>'
        f'<textarea id="kbw-output" rows="16" readonly dir="ltr"></textarea></details></section>',
        f'<section class="kbw-draft" aria-labelledby="kbw-draft-title">'
        f'<h2 id="kbw-draft-title">{s("draft_legend")}</h2>'
        f'<p><label class="kbw-choice"><input type="checkbox"'
        f' id="kbw-keep"> {s("draft_keep")}</label></p>'
        f'<p class="kbw-help">{s("draft_note")}</p>'
        f'<p><button type="button" class="md-button"'
        f' id="kbw-delete-draft">{s("draft_delete")}</button></p>'
        f'<p id="kbw-draft-status" role="status"></p></section>',
        _json_script(data),
        scripts,
        "</div>",
    ]
    return head + parts[0] + "\n" + "".join(parts[1:]) + "\n"
