"""Every rule in one registry: stated once, run, listed in the README and on the site."""

from __future__ import annotations

import re

from practice_kb.check import checks, registry, sections

from conftest import ROOT


def test_every_rule_is_one_sentence_of_its_own_docstring():
    rules = registry.rules()
    assert len(rules) >= 15
    for rule in rules:
        sentence = rule.sentence
        assert sentence.endswith("."), rule.name
        assert len(re.findall(r"[.!?](?:\s+[A-Z]|$)", sentence)) == 1, (rule.name, sentence)
        assert rule.severity in ("error", "warning")


def test_every_registered_rule_is_run_and_every_rule_run_is_registered():
    run = {
        checks.readable,
        checks.file_name,
        checks.fields_match_schema,
        *checks.TEXT_RULES,
        *checks.RULES,
        *checks.ADVICE,
        sections.check,
        checks.ids_unique,
        checks.translations_exist,
    }
    assert {rule.function for rule in registry.rules()} == run
    assert (checks.review_due,) == checks.ADVICE
    assert [r.severity for r in registry.rules() if r.function is checks.review_due] == ["warning"]


def test_the_site_page_lists_every_rule_and_says_which_are_warnings():
    page = registry.page()
    assert page.startswith('---\n{"title": "What the validator checks"}\n---\n')
    for rule in registry.rules():
        assert registry._escape(rule.sentence) in page
    assert "`<br>`" in page  # tag names show as code, never as markup
    assert page.count("*(a warning") == 1


def test_the_readme_lists_the_rules_as_the_registry_states_them():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert registry.README_START in readme and registry.README_END in readme
    assert registry.readme(readme) == readme, "run kb generate"
    listed = readme.split(registry.README_START)[1].split(registry.README_END)[0]
    assert listed.count("\n- ") == len(registry.rules())
