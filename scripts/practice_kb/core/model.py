"""The practice entry: its schema, defined once.

The validator, the JSON Schema for editors, the scaffolding template and the
site's schema page are all derived from the models below and from the
vocabularies. Field rules raise ``PydanticCustomError`` with a ``hint`` in
their context so the validator can say how to fix what it reports.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, TypeVar
from urllib.parse import urlsplit

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from . import vocabulary
from .fields import Column, Shown
from .vocabulary import SITE_LANGUAGES, suggest

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
RESERVED_IDS = ("index",)  # pages the site itself generates among the practices
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"
EMAIL_PATTERN = r"^[^@\s:]+@[^@\s]+\.[A-Za-z]{2,}$"


def rule_error(message: str, hint: str = "", **context: Any) -> PydanticCustomError:
    return PydanticCustomError("kb", message, {"hint": hint, **context})


V = TypeVar("V")


def valid_when(test: Callable[[V], bool], message: str, hint: str) -> Callable[[V], V]:
    """A field rule: a value ``test`` accepts passes unchanged; any other is refused with
    ``message`` (in which '{value}' stands for the value) and ``hint``."""

    def check(value: V) -> V:
        if not test(value):
            raise rule_error(message, hint, value=value)
        return value

    return check


# ---------------------------------------------------------------------------
# Field types
# ---------------------------------------------------------------------------


def Choice(name: str, noun: str) -> Any:  # noqa: N802 (a type factory)
    """A value from the vocabulary ``name``; ``noun`` names one of its values."""
    vocab = vocabulary.get(name)

    def check(value: str) -> str:
        if value not in vocab:
            raise rule_error(
                f"'{{value}}' is not {noun}", suggest(value, vocab.values), value=value
            )
        return value

    schema = {"type": "string", "enum": list(vocab.values), "x-vocabulary": name}
    return Annotated[str, AfterValidator(check), WithJsonSchema(schema)]


def Choices(name: str, noun: str, minimum: int = 1) -> Any:  # noqa: N802
    """A list of distinct values from the vocabulary ``name``."""
    return Annotated[
        list[Choice(name, noun)],
        Field(min_length=minimum, json_schema_extra={"uniqueItems": True}),
        AfterValidator(_distinct),
    ]


def _distinct(values: list) -> list:
    twice = sorted({str(v) for v in values if values.count(v) > 1})
    if twice:
        raise rule_error(f"lists {twice[0]!r} more than once", "keep each value once")
    return values


_not_reserved = valid_when(
    lambda value: value not in RESERVED_IDS,
    "'{value}' is reserved: the site uses practices/{value}.html for the catalogue",
    "choose an id that names the practice, such as 'peer-support-network'",
)


def _check_id(value: str) -> str:
    if not re.match(ID_PATTERN, value):
        slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        raise rule_error(
            "'{value}' is not a valid id: use lowercase letters, digits and single hyphens",
            f"for example {slug!r}" if slug else "for example 'peer-support-network'",
            value=value,
        )
    return _not_reserved(value)


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and not re.search(r"[\s<>\"'`\\]", value)
    )


_check_url = valid_when(
    _is_url,
    "'{value}' is not an absolute http(s) URL",
    "write the full address, starting with https://",
)


def _check_language(value: str) -> str:
    if not _is_language_tag(value):
        cased = _conventional_case(value)
        raise rule_error(
            "'{value}' is not a language tag",
            f"write it as {cased!r}"
            if cased != value and _is_language_tag(cased)
            else "use a BCP 47 tag such as 'en', 'fr', 'es' or 'ar'",
            value=value,
        )
    return value


def _is_language_tag(value: str) -> bool:
    return bool(re.match(LANGUAGE_PATTERN, value)) and _known_language(value.split("-")[0])


def _conventional_case(tag: str) -> str:
    """A tag in the case BCP 47 recommends: language lower, Script title, REGION upper."""
    first, *rest = tag.replace("_", "-").split("-")
    return "-".join([first.lower(), *(p.title() if len(p) == 4 else p.upper() for p in rest)])


@cache
def _known_language(code: str) -> bool:
    if code in SITE_LANGUAGES:  # spares loading the table of every language
        return True
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code) is not None
    return pycountry.languages.get(alpha_3=code) is not None


def _check_country(value: str) -> str:
    if pycountry.countries.get(alpha_2=value) is None or value != value.upper():
        try:
            found = pycountry.countries.lookup(value)
            hint = f"did you mean {found.alpha_2!r} ({found.name})?"
        except LookupError:
            hint = "use the two-letter ISO 3166 code, such as 'KE' for Kenya"
        raise rule_error("'{value}' is not an ISO 3166 country code", hint, value=value)
    return value


def _check_contact(value: str) -> str:
    if re.match(EMAIL_PATTERN, value):
        return value
    if value.lower().startswith("mailto:"):
        address = value[len("mailto:") :]
        raise rule_error(
            "'{value}' starts with 'mailto:'",
            f"write the address alone: {address}" if address else "write the address alone",
            value=value,
        )
    try:
        return _check_url(value)
    except PydanticCustomError:
        raise rule_error(
            "'{value}' is neither an email address nor a web address",
            "give a role mailbox (such as psea@example.org) or a web form's https:// address",
            value=value,
        ) from None


def _true(value: bool) -> bool:
    if value is not True:
        raise rule_error(
            "must be true to publish",
            "publish only with the organisation's agreement and no identifying details",
        )
    return value


Id = Annotated[
    str,
    Field(
        max_length=80,
        json_schema_extra={"pattern": ID_PATTERN, "not": {"enum": list(RESERVED_IDS)}},
    ),
    AfterValidator(_check_id),
]
Text = Annotated[str, Field(min_length=1, max_length=200)]
Url = Annotated[
    str,
    Field(max_length=2000, json_schema_extra={"format": "uri", "pattern": "^https?://"}),
    AfterValidator(_check_url),
]
Language = Annotated[
    str, Field(json_schema_extra={"pattern": LANGUAGE_PATTERN}), AfterValidator(_check_language)
]
Country = Annotated[
    str, Field(json_schema_extra={"pattern": "^[A-Z]{2}$"}), AfterValidator(_check_country)
]
MustBeTrue = Annotated[bool, AfterValidator(_true), WithJsonSchema({"const": True})]
Year = Annotated[int, Field(ge=1945, le=2100)]


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)


class Organisation(Strict):
    """Who runs the practice."""

    name: Annotated[Text, Shown(ask="Organisation's full name", option="--organisation")] = Field(
        description="The organisation's full public name."
    )
    type: Annotated[
        Choice("organisation_types", "an organisation type"),
        Shown(ask="Type of organisation", option="--organisation-type"),
    ] = Field(description="The kind of organisation.")


class Years(Strict):
    """When the practice ran."""

    start: Year = Field(description="Year it started.")
    end: Year | None = Field(None, description="Year it ended, if it has.")


class Resource(Strict):
    """A public material a reader can use: a toolkit, a guide, a video."""

    title: Text = Field(description="The material's title.")
    url: Url = Field(description="Where to find it (https://...).")
    kind: Choice("resource_kinds", "a resource kind") = Field(description="What it is.")
    language: Language = Field(description="Its language (BCP 47, e.g. 'fr').")


class Source(Strict):
    """Where the facts of the entry come from."""

    title: Text = Field(description="The source's title.")
    url: Url = Field(description="Where to read it (https://...).")
    evaluation: bool = Field(
        False,
        description="true when this source is the evaluation, study or monitoring record "
        "that the entry's evidence level rests on (optional).",
    )


class Consent(Strict):
    """The two conditions of publication, both true: only in a submitted entry, whose
    organisation has agreed to it. A compiled entry has no consent block."""

    publication: MustBeTrue = Field(description="The organisation agrees to publication.")
    no_identifying_details: MustBeTrue = Field(
        description="Nothing identifies a survivor, a witness or the subject of a complaint."
    )


# What each provenance requires besides the fields every entry has: a submitted entry
# records the organisation's consent; a compiled one cites its sources and records no
# consent, since no organisation has agreed to it yet.
REQUIRED_BY_PROVENANCE: dict[str, tuple[str, ...]] = {
    "submitted": ("consent",),
    "compiled": ("sources",),
}
# Fields an entry of that provenance leaves out.
LEFT_OUT_BY_PROVENANCE: dict[str, tuple[str, ...]] = {"compiled": ("consent",)}
EVALUATED = ("monitored", "evaluated", "independently-evaluated")  # above anecdotal

PROVENANCE_SCHEMA: list[dict[str, Any]] = [
    {
        "if": {"properties": {"provenance": {"const": "submitted"}}, "required": ["provenance"]},
        "then": {"required": ["consent"], "properties": {"consent": {"type": "object"}}},
    },
    {
        "if": {"properties": {"provenance": {"const": "compiled"}}, "required": ["provenance"]},
        "then": {
            "required": ["sources"],
            "properties": {"consent": False, "sources": {"minItems": 1}},
        },
    },
    {
        "if": {"properties": {"evidence": {"enum": list(EVALUATED)}}, "required": ["evidence"]},
        "then": {
            "required": ["sources"],
            "properties": {
                "sources": {
                    "contains": {
                        "properties": {"evaluation": {"const": True}},
                        "required": ["evaluation"],
                    }
                }
            },
        },
    },
]


class Practice(Strict):
    """A promising practice for preventing and responding to SEA and SH."""

    model_config = ConfigDict(
        title="Practice",
        json_schema_extra={"additionalProperties": False, "allOf": PROVENANCE_SCHEMA},
    )

    # Each field's mark (``Shown``, core/fields.py) says where it appears: the card, the
    # catalogue's filters, the CSV's columns, the page, the search, `kb new`, the issue form.
    id: Annotated[
        Id,
        Shown(
            columns=(
                Column("id", "Identifier; the page is practices/<id>.html", 1),
                Column("url", "Page of the practice, relative to the site", 22, derived=True),
            ),
            form=False,
        ),
    ] = Field(
        description="Kebab-case identifier; equals the file name; never changes; not 'index'."
    )
    title: Annotated[
        str,
        Field(min_length=1, max_length=120),
        Shown(
            page=True,
            columns=(Column("title", "Title", 2),),
            ask="Title of the practice",
            option="--title",
        ),
    ] = Field(description="Short title of the practice.")
    summary: Annotated[
        str,
        Field(min_length=1, max_length=300),
        Shown(page=True, columns=(Column("summary", "Summary, at most 300 characters", 3),)),
    ] = Field(
        description="What it is and who it is for, in plain language (at most 300 characters)."
    )
    content_note: Annotated[
        Annotated[str, Field(min_length=1, max_length=200)] | None, Shown(page=True)
    ] = Field(
        None,
        description="What the entry touches on that readers may want to prepare for; "
        "shown before its text, which readers then open (optional).",
    )
    organisation: Annotated[
        Organisation,
        Shown(
            card="card.organisation",
            facet=4,
            search=True,
            columns=(
                Column("organisation_name", "Organisation", 4, part="name"),
                Column("organisation_type", "Organisation type (vocabulary value)", 5, "type"),
            ),
        ),
    ] = Field(description="Who runs the practice.")
    themes: Annotated[
        Choices("themes", "a theme"),
        Shown(
            card="card.themes",
            facet=1,
            search=True,
            pages=True,
            columns=(Column("themes", "Themes, separated by '; '", 6),),
            ask="Themes",
            option="--theme",
        ),
    ] = Field(description="One or more of the session's three themes.")
    topics: Annotated[
        Choices("topics", "a topic"),
        Shown(
            card="card.topics",
            facet=2,
            pages=True,
            columns=(Column("topics", "Topics, separated by '; '", 7),),
        ),
    ] = Field(description="Finer topics.")
    misconduct: Annotated[
        Choices("misconduct", "a misconduct type"),
        Shown(
            card="card.misconduct",
            facet=3,
            columns=(Column("misconduct", "sea, sh or both, separated by '; '", 8),),
            ask="Misconduct it addresses",
            option="--misconduct",
        ),
    ] = Field(
        description="What it addresses: SEA, SH, or gender-based violence in communities "
        "(relevant to SEA/SH without being designed for it)."
    )
    regions: Annotated[
        Choices("regions", "a region"),
        Shown(
            card="card.regions",
            facet=5,
            search=True,
            columns=(Column("regions", "Regions, separated by '; '", 9),),
        ),
    ] = Field(description="Where it runs.")
    countries: Annotated[
        list[Country],
        AfterValidator(_distinct),
        Shown(
            card="card.countries",
            columns=(Column("countries", "ISO 3166 codes, separated by '; '", 10),),
        ),
    ] = Field(default_factory=list, description="ISO 3166-1 alpha-2 country codes (optional).")
    audience: Annotated[
        Choices("audiences", "an audience"),
        Shown(
            card="card.audience",
            facet=8,
            columns=(Column("audience", "Audience, separated by '; '", 11),),
        ),
    ] = Field(description="Who it is for.")
    approaches: Annotated[
        Choices("approaches", "an approach", minimum=0),
        Shown(
            card="card.approaches",
            columns=(Column("approaches", "Approaches, separated by '; '", 12),),
        ),
    ] = Field(default_factory=list, description="The approaches it takes (optional).")
    evidence: Annotated[
        Choice("evidence", "an evidence level"),
        Shown(
            card="card.evidence",
            facet=7,
            search=True,
            columns=(Column("evidence", "Evidence level", 13),),
        ),
    ] = Field(
        description="How strong the evidence of its results is (definitions on the schema "
        "page); above anecdotal, mark the source it rests on with 'evaluation: true'."
    )
    stage: Annotated[
        Choice("stages", "a stage"),
        Shown(card="card.stage", columns=(Column("stage", "Stage", 14),)),
    ] = Field(description="Where the practice stands now.")
    years: Annotated[
        Years | None,
        Shown(
            card="card.stage",
            columns=(
                Column("year_start", "Year it started, if known", 15, part="start"),
                Column("year_end", "Year it ended, if it has", 16, part="end"),
            ),
        ),
    ] = Field(None, description="When it ran (optional).")
    language: Annotated[
        Language,
        Shown(
            card="card.language",
            facet=6,
            page=True,
            columns=(Column("language", "Language of the entry (BCP 47)", 17),),
            ask=f"Language of the entry ({', '.join(SITE_LANGUAGES)})",
            option="--language",
            default="en",
        ),
    ] = Field(description="The language this entry is written in (BCP 47).")
    translations: Annotated[dict[Language, Id], Shown(card="card.also_in", form=False)] = Field(
        default_factory=dict,
        description="The same practice in other languages: language tag to practice id.",
    )
    resources: Annotated[list[Resource], Shown(page=True)] = Field(
        default_factory=list, description="Public materials a reader can use."
    )
    sources: Annotated[
        list[Source],
        Shown(
            page=True,
            columns=(Column("sources", "Sources as 'title <url>', separated by '; '", 23),),
        ),
    ] = Field(
        default_factory=list,
        description="Where the facts come from: required when compiled; above anecdotal "
        "evidence, the source the level rests on is marked 'evaluation: true'.",
    )
    provenance: Annotated[
        Choice("provenance", "a provenance"),
        Shown(
            card="card.provenance",
            page=True,
            columns=(
                Column("provenance", "submitted or compiled", 18),
                Column(
                    "provenance_note",
                    "'{compiled_note}' for a compiled entry; empty when the organisation "
                    "submitted it",
                    24,
                    derived=True,
                ),
            ),
            form=False,
        ),
    ] = Field(description="Submitted by the organisation, or compiled from public sources.")
    consent: Annotated[
        Consent | None,
        Shown(hidden="a condition of publication, for maintainers: kept in the file and JSON"),
    ] = Field(
        None,
        description="The organisation's agreement to publish, and no identifying details: "
        "required, both true, when provenance is submitted; left out when it is compiled, "
        "since no organisation has agreed yet.",
    )
    contact: Annotated[
        Annotated[str, AfterValidator(_check_contact)] | None,
        Shown(card="card.contact", columns=(Column("contact", "Role mailbox or web form", 21),)),
    ] = Field(None, description="A role mailbox or web form, never a person (optional).")
    submitted: Annotated[
        dt.date,
        Shown(
            card="card.dates",
            columns=(Column("submitted", "Date submitted (YYYY-MM-DD)", 19),),
            form=False,
        ),
    ] = Field(description="Date the entry was submitted (YYYY-MM-DD).")
    last_reviewed: Annotated[
        dt.date,
        Shown(
            card="card.dates",
            columns=(Column("last_reviewed", "Date last reviewed (YYYY-MM-DD)", 20),),
            form=False,
        ),
    ] = Field(description="Date the entry was last reviewed (YYYY-MM-DD).")
    withdrawn: Annotated[
        bool, Shown(hidden="takes the entry out of every page, index, search and export")
    ] = Field(
        False,
        description="true takes the entry out of every page, index, search and export, "
        "while its file stays for the record (optional).",
    )


FIELDS: tuple[str, ...] = tuple(Practice.model_fields)


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema of a practice's frontmatter, for editors and the site.

    Worked out once and shared: read it, do not change it.
    """
    schema = Practice.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "practice.schema.json"
    return schema


def json_schema_text() -> str:
    """The JSON Schema as committed in schema/ and published with the site."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
