"""`kb bench`: measure validation, the whole build and what readers download.

Prints figures, never asserts them. For each size N, on N synthetic practices
whose text is drawn from the seed practices' own sentences: the time of
`kb validate` as a contributor runs it (start-up included); the whole `kb build`
(four languages, their search indexes and offline zips, at a published address as
deployed), its time and the peak
memory of its largest process; the English offline zip's size; and, measured in
Chromium on the built English site (`practice_kb.readers`): the gzipped bytes and
requests of a first visit of a practice page and of the catalogue, the bytes a
one-word search fetches, and the time from typing to the first result on a
1 Mbit/s link with 150 ms per request; and, under `kb serve`, the seconds from
saving an edit of one practice to the served page showing it (live reload).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from . import project, readers
from .check import checks
from .core import fields, model, vocabulary

REPOSITORY = Path(__file__).resolve().parents[2]
PUBLISHED = "https://example.org/joint-journey/"  # where the synthetic site is "published"


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@functools.cache
def seed_sentences() -> tuple[str, ...]:
    """The sentences of the English seed practices' bodies, as plain text: what the
    synthetic practices are written with, so the index sees realistic words."""
    found: list[str] = []
    for path in sorted((REPOSITORY / project.PRACTICES).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front, _, body = text.partition("\n---\n")
        if "\nlanguage: en" not in front:
            continue
        paragraphs = [
            " ".join(line.strip() for line in block.splitlines())
            for block in body.split("\n\n")
            if block.strip() and not block.lstrip().startswith(("#", "-", "|", "*", ">", "1."))
        ]
        for paragraph in paragraphs:
            for sentence in _SPLIT.split(_LINK.sub(r"\1", paragraph).replace("*", "")):
                if 40 <= len(sentence) <= 280 and not re.search(r"[\[\]<>`{}]|http|@", sentence):
                    found.append(sentence)
    return tuple(found)


def _sentence(rng: random.Random) -> str:
    return rng.choice(seed_sentences())


def synthetic(index: int, rng: random.Random) -> str:
    """The text of one valid, fictional practice file of realistic length: its fields with a
    vocabulary are the model's required ones (core/fields.py), drawn at random."""
    practice_id = f"synthetic-practice-{index:05d}"
    data: dict = {}
    for d in fields.practice_fields():  # every required field with a vocabulary, at random
        if not (d.required and d.vocabulary):
            continue
        values = vocabulary.get(d.vocabulary).values
        chosen = (
            rng.sample(values, rng.randint(1, min(3, len(values))))
            if d.multiple
            else rng.choice(values)
        )
        if d.record is not None:  # a record (the organisation): its kind, and a name
            names = {part: f"{d.name.capitalize()} {index % 97}" for part in d.record.model_fields}
            chosen = {**names, d.part: chosen}
        data[d.name] = chosen
    data.update(
        {
            "id": practice_id,
            "title": f"Synthetic practice {index}",
            "summary": _sentence(rng)[:300],
            "language": "en",
            "sources": [
                {
                    "title": "A public source",
                    "url": f"https://example.org/{index}",
                    "evaluation": True,
                }
            ],
            "provenance": "compiled",
            "submitted": dt.date(2025, 1, 1),
            "last_reviewed": dt.date.today(),  # as kept up: a review overdue is a warning
        }
    )
    data = {name: data[name] for name in model.FIELDS if name in data}  # the model's order
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


def _project(folder: Path) -> None:
    shutil.copytree(REPOSITORY / "docs", folder / "docs")
    shutil.copytree(REPOSITORY / "overrides", folder / "overrides")
    # no guide here: the synthetic practices are not the ones its agendas name
    config = (REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("strict: true", "strict: false").replace(
        "  - nav.guide: guide/index.md\n", ""
    )
    (folder / "practices").mkdir()
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")


def measure(count: int, work: Path) -> dict[str, float]:
    ours = work / f"ours-{count}"
    _project(ours)
    write_practices(ours / "practices", count)

    validate_seconds = _validate_command(ours / "practices")
    report = checks.validate([ours / "practices"])
    if not report.ok:
        raise SystemExit(f"kb bench: synthetic practices are not valid: {report.problems[:3]}")

    # the whole build: four languages, their search indexes and their offline copies
    (ours / "node_modules").symlink_to(REPOSITORY / "node_modules")
    start = time.perf_counter()
    process = subprocess.Popen(
        # as deployed: at a published address, whose sitemaps list every page
        [sys.executable, "-m", "practice_kb", "build", "--site", "all", "--site-url", PUBLISHED],
        cwd=ours,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    all_seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"kb build failed in {ours}: {process.stderr.read().decode()[-2000:]}")
    reader = readers.measure(ours / "all", "en", "synthetic-practice-00000", "referral")
    reload_seconds = live_reload(ours, "synthetic-practice-00001")
    return {
        "practices": count,
        "validate_s": validate_seconds,
        "all_s": all_seconds,
        "peak_mb": usage.ru_maxrss // 1024,
        "zip_mb": (ours / "all" / "offline" / "joint-journey-kb-en.zip").stat().st_size / 1e6,
        "page_kb": reader.page_bytes / 1000,
        "page_rq": reader.page_requests,
        "cat_kb": reader.catalogue_bytes / 1000,
        "cat_rq": reader.catalogue_requests,
        "search_kb": reader.search_bytes / 1000,
        "first_s": reader.first_result_s,
        "reload_s": reload_seconds,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


def live_reload(project: Path, practice_id: str, limit: float = 120.0) -> float:
    """Seconds from saving an edit of one practice to the served page showing it, under
    `kb serve` (what `make serve` runs); the browser reloads when the page is rebuilt."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/practices/{practice_id}.html"
    server = subprocess.Popen(
        [sys.executable, "-m", "practice_kb", "serve", "en", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + limit
        while "</html>" not in _fetch(url):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"kb bench: kb serve did not serve {url}")
            time.sleep(0.5)
        time.sleep(2)  # the server settles after its first build
        path = project / "practices" / f"{practice_id}.md"
        marker = f"Edited{int(time.time())}"
        text = path.read_text(encoding="utf-8")
        saved = time.perf_counter()
        # the title: shown on the practice's page and on every index page that lists it
        edited = re.sub(r"(?m)^title: (.*)$", rf"title: \1 {marker}", text, count=1)
        path.write_text(edited, "utf-8")
        while marker not in _fetch(url):
            if time.perf_counter() - saved > limit:
                raise SystemExit("kb bench: the edit never showed under kb serve")
            time.sleep(0.05)
        return time.perf_counter() - saved
    finally:
        server.terminate()
        server.wait(timeout=30)


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
    ("all_s", "{:>7.1f}"),
    ("peak_mb", "{:>7}"),
    ("zip_mb", "{:>6.1f}"),
    ("page_kb", "{:>7.1f}"),
    ("page_rq", "{:>7}"),
    ("cat_kb", "{:>7.1f}"),
    ("cat_rq", "{:>6}"),
    ("search_kb", "{:>9.1f}"),
    ("first_s", "{:>7.1f}"),
    ("reload_s", "{:>8.1f}"),
)


BUDGETS = REPOSITORY / "tests" / "budgets.yml"
# the first visits measured at scale, and the page of tests/budgets.yml whose budget,
# set at the seed size, holds for them at any number of practices
BUDGETED = (("page_kb", "practice"), ("cat_kb", "catalogue"))


def over_budget(row: dict[str, float], budgets: Path = BUDGETS) -> list[str]:
    """The first visits of ``row`` that exceed their budget in ``budgets`` (the seed
    site's, which must stay flat as practices are added), as sentences."""
    pages = yaml.safe_load(budgets.read_text(encoding="utf-8"))["pages"]
    found = []
    for column, page in BUDGETED:
        limit = pages[page]["first"]["bytes"] / 1000
        if row[column] > limit:
            found.append(
                f"{page} first visit at {row['practices']:,} practices: {row[column]:.1f} KB, "
                f"over its budget of {limit:.1f} KB ({budgets.name})"
            )
    return found


def run(sizes: list[int]) -> int:
    print(" ".join(f"{name:>{len(fmt.format(0))}}" for name, fmt in COLUMNS))
    over: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as temporary:
        work = Path(temporary)
        for count in sizes:
            print(
                f"… {count} practices: kb validate, kb build, then Chromium",
                file=sys.stderr,
                flush=True,
            )
            row = measure(count, work)
            print(" ".join(fmt.format(row[name]) for name, fmt in COLUMNS), flush=True)
            over += over_budget(row)
            shutil.rmtree(work / f"ours-{count}")
        print("… validating 10,000 practices", file=sys.stderr, flush=True)
        print(f"validate 10,000 practices: {validate_only(10_000, work):.2f} s")
    for sentence in over:
        print(f"over budget: {sentence}")
    pages = " and ".join(page for _, page in BUDGETED)
    if not over:
        print(f"the first visits of a {pages} stay within their budgets at every size")
    return 1 if over else 0
