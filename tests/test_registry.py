"""Every rule in one registry: stated once, run, listed in the README and on the site.

The practices' rules register from check/, the guide's (agendas, event sheets,
translations) from guide/, which this imports.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys

import pytest

from practice_kb.check import checks, registry, sections
from practice_kb.guide import agenda, event, translation

from conftest import FIXTURES, ROOT, SEED_IDS

GUIDE_MODULES = (agenda, event, translation)


def unstated(rules: list[registry.Rule]) -> list[str]:
    """The rules whose docstring does not open with exactly one sentence."""
    return [
        rule.name
        for rule in rules
        if not rule.sentence.endswith(".")
        or len(re.findall(r"[.!?](?:\s+[A-Z]|$)", rule.sentence)) != 1
    ]


def test_every_rule_is_one_sentence_of_its_own_docstring():
    rules = registry.complete()
    assert len(rules) >= 40
    assert {r.group for r in rules} == set(registry.GROUPS)
    assert unstated(rules) == []
    assert {rule.severity for rule in rules} == {"error", "warning"}


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
    assert {rule.function for rule in registry.rules(group="practices")} == run
    assert (checks.review_due,) == checks.ADVICE
    assert [r.severity for r in registry.rules() if r.function is checks.review_due] == ["warning"]


def test_the_site_page_lists_every_rule_and_says_which_are_warnings():
    page = registry.page()
    assert page.startswith('---\n{"title": "What the validator checks"}\n---\n')
    for rule in registry.complete():
        assert registry._escape(rule.sentence) in page, rule.name
    assert page.count("\n- ") == len(registry.complete())
    assert "`<br>`" in page  # tag names show as code, never as markup
    warnings = [r for r in registry.complete() if r.severity == "warning"]
    assert warnings and page.count("*(a warning") == len(warnings)
    # grouped by what they check, in this order, the practices' areas below theirs
    headings = re.findall(r"^(#{2,3}) (.+)$", page, re.MULTILINE)
    groups = [title for marks, title in headings if marks == "##"]
    assert groups == [title for title, _ in registry.GROUPS.values()]
    assert ("###", "The fields") in headings and ("###", "Agendas") in headings
    section = page.split("## Event sheets")[1].split("\n## ")[0]
    assert registry._escape(event.referrals_checked.__doc__.split(",")[0]) in section


def test_a_rule_without_its_sentence_fails_the_check(monkeypatch):
    def no_sentence() -> None:
        pass

    def two_sentences() -> None:
        """An event has a date. It has a place."""

    monkeypatch.setattr(registry, "RULES", [*registry.RULES])
    registry.add(no_sentence, "event")
    registry.add(two_sentences, "translation")
    assert unstated(registry.complete()) == ["no_sentence", "two_sentences"]


def test_a_list_printed_without_the_guide_rules_is_refused_not_short():
    """In a fresh interpreter that never imports guide/, the page cannot be printed short."""
    code = (
        "from practice_kb.check import registry\n"
        "try:\n    registry.page()\nexcept LookupError as e:\n    print(e)\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "no rule of 'agendas' is registered: import practice_kb.guide.agenda" in found.stdout


@pytest.mark.parametrize("module", ["practice_kb.cli", "practice_kb.site.assembly"])
def test_what_prints_the_list_registers_every_rule(module):
    """`kb generate` (cli) writes the README's list and the site (assembly) the checks page:
    importing either, in a fresh interpreter, registers every rule of every group."""
    code = (
        f"import {module}\nfrom practice_kb.check import registry\n"
        "print(len(registry.complete()), registry.page().count('\\n- '))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    count = len(registry.complete())
    assert found.stdout.split() == [str(count), str(count)]


def _count_calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Wrap every guide rule where its module calls it; count the calls."""
    calls: dict[str, int] = {}
    for rule in registry.rules():
        if rule.group == "practices":
            continue
        module = next(m for m in GUIDE_MODULES if m.__name__ == rule.function.__module__)
        calls[rule.name] = 0

        def counted(*args, __function=rule.function, __name=rule.name, **kwargs):
            calls[__name] += 1
            return __function(*args, **kwargs)

        monkeypatch.setattr(module, rule.name, counted)
    return calls


def test_every_guide_rule_is_run_when_the_guide_is_validated(monkeypatch, tmp_path):
    """Each rule registered from guide/ is the code that checks: validating the guide, its
    translations, the events and a kit's readiness calls every one of them."""
    calls = _count_calls(monkeypatch)
    known = set(SEED_IDS)
    content = agenda.validate(ROOT / "guide", known, root=ROOT)
    event.validate(ROOT / "guide", content, known, today=dt.date(2026, 1, 1), root=ROOT)
    event.read(tmp_path / "no-such-event.yml")
    sheet = event.read(ROOT / "guide/events/example.yml")[0]
    assert sheet is not None
    event.ready_to_print(sheet)
    # the broken translations, and an agenda that translates none
    guide = tmp_path / "guide"
    shutil.copytree(FIXTURES / "i18n" / "guide", guide)
    (guide / "i18n/fr/agendas/other.yml").write_text("title: x\n", encoding="utf-8")
    short = guide / "i18n/fr/agendas/short.yml"  # and a title that is not a text
    short.write_text(short.read_text(encoding="utf-8").replace("title: Une", "title:\n  - Une"))
    agenda.validate(guide, known, root=tmp_path)
    assert [name for name, count in calls.items() if not count] == []


def test_the_readme_lists_the_rules_as_the_registry_states_them():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert registry.README_START in readme and registry.README_END in readme
    assert registry.readme(readme) == readme, "run kb generate"
    listed = readme.split(registry.README_START)[1].split(registry.README_END)[0]
    assert listed.count("\n- ") == len(registry.complete())
    for group, _ in registry.GROUPS.values():
        assert f"\n#### {group}\n" in listed
