"""`kb bench`: measure validation and the site build on synthetic practices.

Prints figures, never asserts them: for each size N, the time of `kb validate`
as a contributor runs it (start-up included), the time of a full build with our
hooks, the time of a plain MkDocs + Material build of the same rendered pages
without our pipeline, their ratio, the size of one practice page, of the whole
site and of the search index, the build's peak memory, and the time and size of
the whole build (`kb build`: four languages, each with its offline zip).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from . import checks, project, site, vocabulary

WORDS = [
    "staff",
    "community",
    "report",
    "safe",
    "trust",
    "manager",
    "training",
    "policy",
    "survivor",
    "referral",
    "focal",
    "point",
    "network",
    "culture",
    "power",
    "norm",
    "leadership",
    "complaint",
    "response",
    "prevention",
    "partner",
    "volunteer",
    "listen",
    "consent",
    "confidential",
    "support",
    "learning",
    "review",
    "team",
    "office",
]
REPOSITORY = Path(__file__).resolve().parents[2]


def _sentence(rng: random.Random, words: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def synthetic(index: int, rng: random.Random) -> str:
    """The text of one valid, fictional practice file of realistic length."""

    def pick(name: str, most: int = 2) -> list[str]:
        return rng.sample(vocabulary.get(name).values, rng.randint(1, most))

    practice_id = f"synthetic-practice-{index:05d}"
    data = {
        "id": practice_id,
        "title": f"Synthetic practice {index}",
        "summary": _sentence(rng, 30)[:300],
        "organisation": {
            "name": f"Organisation {index % 97}",
            "type": rng.choice(vocabulary.get("organisation_types").values),
        },
        "themes": pick("themes"),
        "topics": pick("topics", 3),
        "misconduct": pick("misconduct"),
        "regions": pick("regions"),
        "audience": pick("audiences", 3),
        "evidence": rng.choice(vocabulary.get("evidence").values),
        "stage": rng.choice(vocabulary.get("stages").values),
        "language": "en",
        "sources": [
            {"title": "A public source", "url": f"https://example.org/{index}", "evaluation": True}
        ],
        "provenance": "compiled",
        "submitted": dt.date(2025, 1, 1),
        "last_reviewed": dt.date(2025, 6, 1),
    }
    sections = [t.label() for t in vocabulary.get("sections").terms]
    body = "\n".join(
        f"## {heading}\n\n" + " ".join(_sentence(rng) for _ in range(6)) + "\n"
        for heading in sections
    )
    return f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n\n{body}"


def write_practices(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(count)
    for index in range(count):
        (folder / f"synthetic-practice-{index:05d}.md").write_text(
            synthetic(index, rng), encoding="utf-8"
        )


def _project(folder: Path, with_hooks: bool) -> None:
    shutil.copytree(REPOSITORY / "docs", folder / "docs")
    shutil.copytree(REPOSITORY / "overrides", folder / "overrides")
    # no guide here: the synthetic practices are not the ones its agendas name
    config = (REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8")
    config = (
        config.replace("strict: true", "strict: false")
        .replace("  - Facilitation guide: guide/index.md\n", "")
        .replace("  - guide\n", "")
    )
    (folder / "scripts" / "practice_kb").mkdir(parents=True)
    (folder / "practices").mkdir()
    if with_hooks:
        shutil.copy(REPOSITORY / "scripts" / "hooks.py", folder / "scripts" / "hooks.py")
    else:
        config = config.replace("hooks:\n  - scripts/hooks.py\n", "")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")


def _build(folder: Path) -> tuple[float, int]:
    """Build the site; return seconds and peak resident memory in MB."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"],
        cwd=folder,
        env=env,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed in {folder}: {process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss // 1024


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def measure(count: int, work: Path) -> dict[str, float]:
    ours, plain = work / f"ours-{count}", work / f"plain-{count}"
    _project(ours, with_hooks=True)
    write_practices(ours / "practices", count)

    validate_seconds = _validate_command(ours / "practices")
    report = checks.validate([ours / "practices"])
    assert report.ok, report.problems[:3]

    _project(plain, with_hooks=False)
    for uri, content in site.pages(project.Project(report, project.agenda.Content())).items():
        target = plain / "docs" / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")

    # interleaved and repeated, so that neither build gains from running second,
    # and the fastest of three, so that a busy moment of the machine counts less
    runs = [(_build(ours), _build(plain)) for _ in range(3)]
    build_seconds = min(o[0] for o, _ in runs)
    plain_seconds = min(p[0] for _, p in runs)
    memory = max(o[1] for o, _ in runs)
    page = ours / "site" / "practices" / "synthetic-practice-00000.html"
    page_bytes, site_bytes = page.stat().st_size, _size(ours / "site")
    index_bytes = (ours / "site" / "search" / "search_index.json").stat().st_size
    # the whole build: four languages and their offline copies
    (ours / "node_modules").symlink_to(REPOSITORY / "node_modules")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "practice_kb", "build", "--site", "all"],
        cwd=ours,
        check=True,
        capture_output=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    all_seconds = time.perf_counter() - start
    return {
        "practices": count,
        "validate_s": validate_seconds,
        "build_s": build_seconds,
        "plain_s": plain_seconds,
        "ratio": build_seconds / plain_seconds,
        "page_bytes": page_bytes,
        "site_mb": site_bytes / 1e6,
        "index_mb": index_bytes / 1e6,
        "peak_mb": memory,
        "all_s": all_seconds,
        "all_mb": _size(ours / "all") / 1e6,
    }


def _validate_command(folder: Path) -> float:
    """Seconds for `kb validate FOLDER` as a contributor runs it, from start to exit."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "practice_kb", "validate", str(folder)],
        cwd=folder.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"kb validate failed on {folder}:\n{result.stdout[-2000:]}")
    return seconds


def validate_only(count: int, work: Path) -> float:
    folder = work / f"validate-{count}" / "practices"
    write_practices(folder, count)
    return min(_validate_command(folder) for _ in range(3))


COLUMNS = (
    ("practices", "{:>9}"),
    ("validate_s", "{:>10.2f}"),
    ("build_s", "{:>8.1f}"),
    ("plain_s", "{:>8.1f}"),
    ("ratio", "{:>6.2f}"),
    ("page_bytes", "{:>10,}"),
    ("site_mb", "{:>8.1f}"),
    ("index_mb", "{:>8.2f}"),
    ("peak_mb", "{:>8}"),
    ("all_s", "{:>7.1f}"),
    ("all_mb", "{:>7.1f}"),
)


def run(sizes: list[int]) -> int:
    print(" ".join(f"{name:>{len(fmt.format(0))}}" for name, fmt in COLUMNS))
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as temporary:
        work = Path(temporary)
        for count in sizes:
            print(
                f"… {count} practices: three builds with our hooks, three plain, then kb build",
                file=sys.stderr,
                flush=True,
            )
            row = measure(count, work)
            print(" ".join(fmt.format(row[name]) for name, fmt in COLUMNS), flush=True)
            shutil.rmtree(work / f"ours-{count}")
            shutil.rmtree(work / f"plain-{count}")
        print("… validating 10,000 practices", file=sys.stderr, flush=True)
        print(f"validate 10,000 practices: {validate_only(10_000, work):.2f} s")
    return 0
