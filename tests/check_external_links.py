"""Check every external (http and https) link of a built site. Needs the network.

    python tests/check_external_links.py site

Run by hand when a network is available; the test suite never runs it (the
suite makes no network requests: tests/test_links.py checks internal links).
Each distinct address is requested once with HEAD (then GET when a server
refuses HEAD); one line per broken address names the pages that use it.
Exit status: 0 every link answered, 1 some did not, 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linkcheck import external_links

USER_AGENT = "joint-journey-kb-link-check/1"
REFUSE_HEAD = {403, 405, 501}


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check(url: str, timeout: float = 20.0) -> str | None:
    """None when the address answers, else why not."""
    try:
        status = _request(url, "HEAD", timeout)
        if status in REFUSE_HEAD:
            status = _request(url, "GET", timeout)
    except (urllib.error.URLError, OSError, ValueError) as error:
        return f"unreachable ({getattr(error, 'reason', error)})"
    return None if status < 400 else f"HTTP {status}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site, e.g. site/")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"{args.site}: not a folder; build the site first", file=sys.stderr)
        return 2
    links = external_links(args.site)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(links, pool.map(lambda u: check(u, args.timeout), links), strict=True))
    broken = {url: why for url, why in results.items() if why}
    for url, why in sorted(broken.items()):
        pages = links[url]
        more = f" and {len(pages) - 3} more" if len(pages) > 3 else ""
        print(f"{url}: {why}; used in {', '.join(pages[:3])}{more}")
    print(f"{len(links)} external links checked, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
