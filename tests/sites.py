"""Built sites for the checks that need more than the seed site, and a server
that records what it sends.

- `build_languages` runs `kb build` (every language, offline copies) on a copy
  of the real project, as the deployment does.
- `serve` serves a folder on loopback like `conftest.served`, and records each
  response: its path, its status, the bytes of its body and their gzipped size.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, site_project

# ---------------------------------------------------------------------------
# The whole site: every language, as `kb build` writes it
# ---------------------------------------------------------------------------


def build_languages(folder: Path, *options: str, command: str = "build") -> Path:
    """`kb build` (or another `kb` command that builds, such as `publish`) of the real
    content into ``folder/site``; returns that folder.

    A process of its own, unlike ``conftest.build``: four languages are built in
    parallel by forked processes, and forking the test process, which holds the
    browser's threads, is not safe."""
    project = site_project(folder, ROOT / "practices")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    result = subprocess.run(
        [sys.executable, "-m", "practice_kb", command, *options],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


_BUILT: dict[str, Path] = {}


def languages_site(tmp_path_factory) -> Path:
    """The whole site, built once per test session and shared by the modules using it."""
    if "site" not in _BUILT:
        _BUILT["site"] = build_languages(tmp_path_factory.mktemp("whole-site"))
    return _BUILT["site"]


# ---------------------------------------------------------------------------
# A server that records what it sends
# ---------------------------------------------------------------------------


def gzipped_size(body: bytes) -> int:
    """What a server compressing with gzip level 6 (nginx's usual setting) would send."""
    return len(gzip.compress(body, compresslevel=6, mtime=0)) if body else 0


@dataclass(frozen=True)
class Response:
    path: str
    status: int
    body: int  # bytes of the body as sent (uncompressed)
    gzipped: int  # bytes of the body gzipped at level 6


class Recorder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._responses: list[Response] = []

    def add(self, response: Response) -> None:
        with self._lock:
            self._responses.append(response)

    def take(self) -> list[Response]:
        """The responses recorded since the last call."""
        with self._lock:
            taken, self._responses = self._responses, []
        return taken

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self._responses]


@contextmanager
def serve(root: Path, headers: dict[str, str] | None = None) -> Iterator[tuple[str, Recorder]]:
    """Serve ``root`` on loopback, adding ``headers`` to every response.

    Yields the base URL and the recorder of every GET response.
    """
    recorder = Recorder()
    extra = dict(headers or {})

    class Recording(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def send_response(self, code, message=None) -> None:
            self.kb_status = code
            super().send_response(code, message)

        def end_headers(self) -> None:
            for name, value in extra.items():
                self.send_header(name, value)
            super().end_headers()

        def copyfile(self, source, outputfile) -> None:
            data = source.read()
            self.kb_body += data
            outputfile.write(data)

        def do_GET(self) -> None:
            self.kb_status, self.kb_body = 0, b""
            super().do_GET()
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            body = self.kb_body
            recorder.add(Response(path, int(self.kb_status), len(body), gzipped_size(body)))

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Recording, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", recorder
    finally:
        server.shutdown()
        server.server_close()
