"""The practice template, generated from the schema (ids from titles: ``core.text.slug``)."""

from __future__ import annotations

from typing import Any

import yaml

from ..core import model, vocabulary
from ..core.text import PLACEHOLDER

DEFINED = ("evidence",)  # vocabularies whose values the template defines, one comment each


def _placeholder(spec: dict, definitions: dict) -> Any:
    """A value that tells a contributor what to write for a field of the JSON Schema."""
    if "anyOf" in spec:  # an optional value: the kind it takes when given
        spec = next(s for s in spec["anyOf"] if s.get("type") != "null")
    if "$ref" in spec:
        definition = definitions[spec["$ref"].split("/")[-1]]
        return {
            name: _placeholder(inner, definitions)
            for name, inner in definition["properties"].items()
            if name in definition.get("required", [])
        }
    if spec.get("const") is True:
        return f"{PLACEHOLDER}: write true if so. {spec.get('description', '')}]"
    if "enum" in spec:
        return f"{PLACEHOLDER}: one of {', '.join(spec['enum'])}]"
    if spec.get("type") == "array":
        item = spec["items"]
        if "$ref" in item:
            return [_placeholder(item, definitions)]
        if "enum" in item:
            return [f"{PLACEHOLDER}: one or more of {', '.join(item['enum'])}]"]
        return []
    if spec.get("format") == "date":
        return f"{PLACEHOLDER}: YYYY-MM-DD]"
    return f"{PLACEHOLDER}: {spec.get('description', 'text')}]"


def frontmatter(values: dict[str, Any]) -> str:
    """Every required field in schema order: the given values, placeholders for the rest.

    Optional fields are listed as comments, for the contributor to uncomment.
    """
    schema = model.json_schema()
    definitions = schema.get("$defs", {})
    provenance = values.get("provenance", "submitted")
    by_provenance = model.REQUIRED_BY_PROVENANCE
    required = {*schema["required"], *by_provenance.get(provenance, ())}
    elsewhere = set(model.LEFT_OUT_BY_PROVENANCE.get(provenance, ()))
    lines = []
    for name, spec in schema["properties"].items():
        lines.extend(_definitions(spec))
        if name in values:
            lines.append(_dump({name: values[name]}))
        elif name in required:
            lines.append(_dump({name: _placeholder(spec, definitions)}))
        elif name in elsewhere:
            others = [k for k, fs in by_provenance.items() if name in fs]
            lines.append(
                f"# {name}: not in a {provenance} entry; only when provenance is "
                f"{' or '.join(others)}."
            )
        else:
            described = spec.get("description", "").replace(" (optional)", "")
            lines.append(f"# {name}: optional. {described}")
    return "\n".join(lines) + "\n"


def _definitions(spec: dict) -> list[str]:
    """Comments defining each value of a field whose vocabulary describes its values."""
    name = spec.get("x-vocabulary")
    if name not in DEFINED:
        return []
    return [f"# {t.value}: {t.description()}" for t in vocabulary.get(name).terms]


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000).rstrip("\n")


def body(language: str = "en", sections: dict[str, str] | None = None) -> str:
    """The body's sections, in order, in ``language``: given text or a placeholder."""
    sections = sections or {}
    parts = []
    for term in vocabulary.get("sections").terms:
        text = sections.get(term.value) or f"{PLACEHOLDER}: {term.description(language)}]"
        parts.append(f"## {term.label(language)}\n\n{text.strip()}\n")
    return "\n".join(parts)


def practice(values: dict[str, Any], sections: dict[str, str] | None = None) -> str:
    """A whole practice file."""
    language = values.get("language", "en")
    return f"---\n{frontmatter(values)}---\n\n{body(language, sections)}"


def template() -> str:
    """The blank template contributors copy (the web editor path)."""
    head = (
        "# Template of a practice. Copy it to practices/<id>.md, where <id> is the title in\n"
        "# lowercase words joined by hyphens. Replace every [FILL IN ...]; kb validate lists\n"
        "# those you missed. Uncomment the optional fields you need. Allowed values are on\n"
        "# the site's Practice schema page.\n"
    )
    return f"---\n{head}{frontmatter({'provenance': 'submitted'})}---\n\n{body()}"
