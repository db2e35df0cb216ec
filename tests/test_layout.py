"""The package is laid out by stage, and the README's map of it is the layout itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "scripts" / "practice_kb"
STAGES = ("core", "check", "site", "guide", "contribute")
# what each stage may import from the package besides itself
ALLOWED = {"core": set(), "check": {"core"}}


def readme_map() -> dict[str, set[str]]:
    """The files that README's *Where things are* lists, by folder of the package."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Where things are", 1)[1].split("```", 2)[1]
    listed: dict[str, set[str]] = {}
    folder = None  # None: outside the package's lines
    for line in block.splitlines():
        if line.startswith("scripts/practice_kb/"):
            folder = ""
        elif folder is None or not line.startswith("  "):
            folder = None
        elif re.match(r"^  [a-z]+/\s", line):
            folder = line.split("/")[0].strip()
        else:
            names = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
            listed.setdefault(folder, set()).update(n.strip() for n in names.split(","))
    return listed


def test_the_readme_lists_every_module_where_it_is():
    listed = readme_map()
    actual: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*"):
        relative = path.relative_to(PACKAGE)
        if path.name == "__init__.py" or path.suffix not in (".py", ".yml", ".md"):
            continue
        if path.name == "README.md" or "__pycache__" in relative.parts:
            continue
        folder = relative.parts[0] if len(relative.parts) > 1 else ""
        actual.setdefault(folder, set()).add("/".join(relative.parts[1:]) if folder else path.name)
    assert set(actual) == {"", *STAGES}
    for folder, files in actual.items():
        assert listed.get(folder) == files, folder or "scripts/practice_kb/"


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_has_a_one_paragraph_readme(stage):
    text = (PACKAGE / stage / "README.md").read_text(encoding="utf-8").strip()
    heading, *paragraphs = text.split("\n\n")
    assert heading == f"# {stage}"
    assert len(paragraphs) == 1 and len(paragraphs[0]) > 200


def imported_stages(path: Path) -> set[str]:
    """The other folders of the package ("" for its top level) that ``path`` imports."""
    stage = path.parent.name
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 0 and (node.module or "").split(".")[0] == "practice_kb":
            parts = node.module.split(".")[1:]
        elif node.level == 2:
            parts = (node.module or "").split(".")
        else:
            continue  # a module of the same stage, or another library
        found.add(parts[0] if parts and parts[0] in STAGES else "")
    return found - {stage}


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_earlier_stages_do_not_import_later_ones(stage):
    for path in sorted((PACKAGE / stage).glob("*.py")):
        beyond = imported_stages(path) - ALLOWED[stage]
        assert beyond == set(), f"{path.relative_to(ROOT)} imports {sorted(beyond)}"


def test_the_imports_issue_15_named_go_through_neutral_modules():
    """checks -> template, agenda -> checks, model -> strings, export -> render."""
    pairs = [
        ("check/checks.py", "template"),
        ("guide/agenda.py", "checks"),
        ("core/model.py", "strings"),
        ("site/export.py", "render"),
    ]
    for module, borrowed in pairs:
        tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = {alias.name for alias in node.names}
                modules = {*(node.module or "").split("."), *names}
                assert borrowed not in modules, f"{module} imports {borrowed}"
