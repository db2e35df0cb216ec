"""`kb serve` (`make serve`): one language of the site, served with live reload.

It validates and stages the site as `kb build` does (``build/stage/serve-<lang>/``),
then runs MkDocs' server over the staged folder in dirty mode: MkDocs renders again
only the staged files whose text changed. A watcher polls the sources (practices,
the guide, the hand-written pages and their translations); when a practice file
changes, it checks that file alone and restages: only the practice's page and the
index pages it appears on get new text, so only they are rendered again, and the
browser reloads. A file with problems is reported here and its last good version
stays on the page. Any other source that changes (the guide, a hand-written page)
is validated with everything else.

This is the one place, with ``scripts/hooks.py``, that knows the engine is MkDocs.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path

from .. import project
from ..check import checks
from . import stage
from .finish import Fences
from .options import BuildOptions

POLL_SECONDS = 0.2
SOURCES = (project.PRACTICES, project.GUIDE, stage.DOCS, "i18n", stage.OVERRIDES)
HOOKS = Path(__file__).resolve().parents[2] / "hooks.py"

# The fences of this serve's staged pages, for the hook that cleans them
# (scripts/hooks.py runs in this process).
FENCES = Fences()


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every source file's modification time and size, by its path under ``root``."""
    found: dict[str, tuple[int, int]] = {}
    for name in SOURCES:
        folder = root / name
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                found[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


class Stager:
    """The staged folder of one language, kept in step with the sources."""

    def __init__(self, options: BuildOptions, lang: str) -> None:
        self.options = options
        self.root = options.root
        self.lang = lang
        self.folder = options.stage_folder / f"serve-{lang}"
        self.loaded = stage.validated(self.root)
        self.seen = snapshot(self.root)
        self.staged = self.write()

    def write(self) -> stage.Staged:
        # the theme's overrides are copied into the staged folder: MkDocs watches them there
        additions = {"hooks": [str(HOOKS)], "watch": [stage.OVERRIDES]}
        staged, self.changed = stage.stage_language(
            self.loaded,
            self.root,
            self.folder,
            self.lang,
            False,
            "",
            FENCES,
            (self.lang,),
            additions=additions,
        )
        return staged

    def refresh(self) -> list[str] | None:
        """Restage after a change of the sources; the staged files written, or None when
        nothing changed. Problems are printed, and the last good pages kept."""
        now = snapshot(self.root)
        if now == self.seen:
            return None
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        self.seen = now
        practices = [p for p in changed if p.startswith(f"{project.PRACTICES}/")]
        try:
            if len(practices) == len(changed):
                self._update_practices(practices)
            else:
                self.loaded = stage.validated(self.root)
        except stage.StageError as problem:
            print(problem, file=sys.stderr, flush=True)
            return []
        self.write()
        return self.changed

    def _update_practices(self, paths: list[str]) -> None:
        existing = [self.root / p for p in paths if (self.root / p).is_file()]
        found = checks.validate(existing, root=self.root) if existing else checks.Report()
        if not found.ok:
            raise stage.StageError(stage.problems_text(found))
        kept = [e for e in self.loaded.report.entries if e.document.path not in paths]
        self.loaded.report.entries = sorted(kept + found.entries, key=lambda e: e.document.path)


def watch(stager: Stager, stop: threading.Event) -> None:
    while not stop.wait(POLL_SECONDS):
        started = time.perf_counter()
        written = stager.refresh()
        if written:
            seconds = time.perf_counter() - started
            print(f"kb serve: restaged {len(written)} file(s) in {seconds:.2f} s", flush=True)


def run(options: BuildOptions, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve

    lang = options.languages[0]
    try:
        stager = Stager(options, lang)
    except stage.StageError as problem:
        print(f"kb serve: {problem}", file=sys.stderr)
        return 1
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(stager, stop), daemon=True)
    watcher.start()
    # MkDocs' own messages (its address, each rebuild), as its command line shows them
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    try:
        # not strict: a dirty rebuild warns that links may be stale, which strict fails on
        serve(
            config_file=str(stager.staged.config),
            build_type="dirty",
            dev_addr=dev_addr,
            strict=False,
        )
    finally:
        stop.set()
    return 0
