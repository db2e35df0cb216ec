"""The engine step: a staged folder in, a built HTML site out.

Two engines read the same staged folder and its ``mkdocs.yml``: MkDocs with Material
(today's), and Zensical, Material's successor. Each runs as its own process, so
nothing else in the build imports it; which one is a build option
(``BuildOptions.engine``, from ``engine:`` in ``kb.yml``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .options import Engine
from .stage import Staged, engine_environment


class EngineError(Exception):
    """The engine failed: its message holds what the engine said."""


def command(engine: Engine, staged: Staged, target: Path) -> list[str]:
    if engine == "zensical":
        # Zensical writes site_dir (inside the staged folder); `run` moves it
        return [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(staged.config)]
    return [
        sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
        "-f", str(staged.config), "-d", str(target),
    ]  # fmt: skip


def run(engine: Engine, staged: Staged, target: Path) -> None:
    """Build ``staged`` into ``target`` with ``engine``."""
    target = target.resolve()
    if target.exists():
        shutil.rmtree(target)
    result = subprocess.run(
        command(engine, staged, target),
        env=engine_environment(staged),
        cwd=staged.folder,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise EngineError(f"{engine} failed:\n{result.stdout[-4000:]}{result.stderr[-4000:]}")
    if engine == "zensical":
        built = staged.folder / "site"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(built, target)
