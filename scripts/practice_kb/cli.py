"""The ``kb`` command: validate practices and work with the knowledge base."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import model, project, report

SCHEMA_FILE = Path("schema/practice.schema.json")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="kb", description="Work with the Joint Journey knowledge base of practices."
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check practice files and report every problem",
        description="Check practice files and report every problem, one per line. "
        "Exit status: 0 no problems, 1 problems found, 2 bad usage.",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to check (default: practices/ and guide/)",
    )
    validate.add_argument("--format", choices=sorted(report.FORMATS), default="text")
    validate.add_argument("--today", type=_date, help="the date to check against (default: today)")

    schema = commands.add_parser("schema", help="print the JSON Schema of a practice")
    schema.add_argument(
        "--write", action="store_true", help=f"write it to {SCHEMA_FILE} instead of printing"
    )

    pdf = commands.add_parser(
        "guide-pdf",
        help="write the facilitation guides as A4 PDF files into the built site",
        description="Render site/guide/<agenda>.html to site/guide/<agenda>.pdf. "
        "Build the site first (make site).",
    )
    pdf.add_argument("agendas", nargs="*", metavar="AGENDA", help="agenda names (default: all)")
    pdf.add_argument("--site", type=Path, default=Path("site"), help="the built site")

    bench = commands.add_parser("bench", help="measure validation and build on synthetic practices")
    bench.add_argument(
        "sizes",
        nargs="*",
        type=int,
        default=[100, 1000, 5000],
        metavar="N",
        help="numbers of practices to generate (default: 100 1000 5000)",
    )
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "validate":
        return run_validate(args.paths or None, args.format, args.today)
    if args.command == "schema":
        text = schema_text()
        if args.write:
            SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
            SCHEMA_FILE.write_text(text, encoding="utf-8")
            print(f"wrote {SCHEMA_FILE}")
        else:
            sys.stdout.write(text)
        return 0
    if args.command == "guide-pdf":
        from . import pdf

        return pdf.run(args.site, args.agendas)
    if args.command == "bench":
        from . import bench

        return bench.run(args.sizes)
    return 2


def run_validate(paths: list[Path] | None, format: str, today: dt.date | None) -> int:
    missing = [str(p) for p in paths or [] if not p.exists() and not p.is_symlink()]
    if missing:
        print(f"kb validate: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    result = project.validate(Path.cwd(), paths, today=today).report
    result.problems.sort(key=lambda p: (p.path, p.line))
    print(report.FORMATS[format](result))
    return 0 if result.ok else 1


def schema_text() -> str:
    return json.dumps(model.json_schema(), indent=2, ensure_ascii=False) + "\n"


def entry_point() -> None:
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
