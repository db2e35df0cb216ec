"""The ``kb`` command: validate practices and work with the knowledge base."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from . import project
from .check import registry, report
from .contribute import issue_form, review, scaffold, template
from .core import model
from .core.problem import visible

SCHEMA_FILE = Path("schema/practice.schema.json")
TEMPLATE_FILE = Path("scripts/practice_kb/contribute/data/template.md")
README_FILE = Path("README.md")  # its list of the validator's checks, between markers


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
        "Warnings (advice) are printed without failing, unless --strict. "
        "Exit status: 0 no problems, 1 problems found, 2 bad usage.",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        type=_path,
        metavar="PATH",
        help="files or folders to check (default: practices/ and guide/)",
    )
    validate.add_argument("--format", choices=sorted(report.FORMATS), default="text")
    validate.add_argument("--today", type=_date, help="the date to check against (default: today)")
    validate.add_argument(
        "--strict", action="store_true", help="fail on warnings too (advice such as reviews due)"
    )

    generate = commands.add_parser(
        "generate",
        help="rewrite the files generated from the schema (JSON Schema, issue form, template)",
    )
    generate.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if any file is out of date"
    )

    new = commands.add_parser(
        "new",
        help="scaffold a new practice file from the template",
        description="Write practices/<id>.md from the template, asking for the essentials "
        "that are not given as options. Never overwrites a file.",
    )
    scaffold.add_arguments(new)

    from_issue = commands.add_parser(
        "from-issue",
        help="turn the body of a 'Submit a practice' issue into a practice file",
        description="Write practices/<id>.md from the issue body GitHub produced from the "
        "form, then validate it. Exit status: 0 valid, 1 problems, 2 bad usage.",
    )
    from_issue.add_argument("body", type=Path, metavar="BODY_FILE", help="the issue body")
    _practices_folder(from_issue)
    from_issue.add_argument("--today", type=_date, help="the date to record (default: today)")

    review_parser = commands.add_parser(
        "review",
        help="list practices due for review and compiled entries awaiting confirmation",
    )
    _practices_folder(review_parser)
    review_parser.add_argument("--today", type=_date, help="the date to review on")
    review_parser.add_argument("--format", choices=["text", "markdown"], default="text")

    report_parser = commands.add_parser(
        "report",
        help="print what the practices cover, in figures",
        description="Count the valid practices per theme and region, organisation type, "
        "language, evidence level and provenance, and list the entries whose sources are "
        "all copies on known copy hosts.",
    )
    _practices_folder(report_parser)
    report_parser.add_argument("--format", choices=["text", "markdown"], default="text")

    build_parser = commands.add_parser(
        "build",
        help="build the site in every language, with offline copies",
        description="Build site/<lang>/ for each language (en, fr, es, ar), site/index.html "
        "to choose one, and site/offline/joint-journey-kb-<lang>.zip.",
    )
    build_parser.add_argument("languages", nargs="*", metavar="LANG", help="default: all four")
    build_parser.add_argument("--site", type=Path, default=Path("site"))
    build_parser.add_argument("--no-offline", action="store_true", help="skip the offline copies")
    _site_url_option(
        build_parser,
        "the address the site is published at, such as https://owner.github.io/repository/ "
        "(default: $KB_SITE_URL; none for a local build)",
    )
    build_parser.add_argument(
        "--engine",
        choices=["mkdocs", "zensical"],
        default=None,
        help="the engine that turns the staged pages into HTML (default: engine: in kb.yml, "
        "else mkdocs)",
    )
    # for the tests of the second layer of defence only: build despite problems
    build_parser.add_argument("--force", action="store_true", help=argparse.SUPPRESS)

    serve_parser = commands.add_parser(
        "serve",
        help="serve one language of the site with live reload",
        description="Validate, stage and serve the site on http://127.0.0.1:8000; editing a "
        "practice restages only the pages it appears on, and the browser reloads.",
    )
    serve_parser.add_argument("language", nargs="?", default="en", metavar="LANG")
    serve_parser.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")

    publish = commands.add_parser(
        "publish",
        help="build what the deploy workflow publishes: every language, offline copies, PDFs",
        description="Run `kb build` at the published address, then `kb guide-pdf`: exactly "
        "what .github/workflows/deploy.yml uploads to GitHub Pages.",
    )
    publish.add_argument("--site", type=Path, default=Path("site"))
    _site_url_option(
        publish,
        "the published address, such as https://owner.github.io/repository/ "
        "(default: $KB_SITE_URL)",
    )

    pdf = commands.add_parser(
        "guide-pdf",
        help="write the facilitation guides as A4 PDF files into the built site",
        description="Render <site>/guide/<agenda>.html to <site>/guide/<agenda>.pdf "
        "(site/en by default). Build the site first (make site).",
    )
    pdf.add_argument("agendas", nargs="*", metavar="AGENDA", help="agenda names (default: all)")
    pdf.add_argument(
        "--site", type=Path, default=Path("site/en"), help="the built site (default: site/en)"
    )

    kit = commands.add_parser(
        "kit",
        help="write every print set of an event as HTML and PDF",
        description="Fill in the session kit from an event sheet and write each print set "
        "(facilitator's guide, table set, response papers, statement sheets, commitment "
        "cards, support slips, panel pack) as HTML and PDF into "
        "<out>/<lang>/guide/kit/<event>/, in every language the event names (from the "
        "guide's translations; Arabic right to left). Refuses an event sheet that is not "
        "ready to print, and says what is missing. Exit status: 0 written, 1 problems or "
        "not ready, 2 bad usage.",
    )
    kit.add_argument(
        "--event",
        type=Path,
        default=Path("guide/events/example.yml"),
        help="the event sheet (default: guide/events/example.yml)",
    )
    kit.add_argument(
        "--out",
        type=Path,
        default=Path("site"),
        help="the site folder: sets go to <out>/<lang>/guide/kit/<event>/ (default: site)",
    )
    kit.add_argument(
        "--language",
        action="append",
        choices=["en", "fr", "es", "ar"],
        help="print only this language (repeat for more; default: every language the event names)",
    )
    kit.add_argument(
        "--bilingual",
        action="store_true",
        help="also print the table set and the statement sheets with the English beside "
        "each other language, for interpreters",
    )

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
        return run_validate(args.paths or None, args.format, args.today, args.strict)
    if args.command == "generate":
        return run_generate(args.check)
    if args.command == "from-issue":
        return issue_form.run(args.body, args.dir, args.today)
    if args.command == "review":
        return review.run(args.dir, args.today, args.format)
    if args.command == "report":
        from .contribute import coverage

        return coverage.run(args.dir, args.format)
    if args.command == "new":
        return scaffold.run(args)
    if args.command == "build":
        from .site import build

        options = _build_options(
            site=args.site,
            languages=tuple(args.languages),
            offline=not args.no_offline,
            site_url=args.site_url,
            engine=args.engine,
            force=args.force,
        )
        return build.run(options) if options else 2
    if args.command == "publish":
        from .site import build

        options = _build_options(site=args.site, site_url=args.site_url)
        return build.publish(options) if options else 2
    if args.command == "serve":
        from .site import serve

        options = _build_options(site=Path("site"), languages=(args.language,), offline=False)
        return serve.run(options, args.dev_addr) if options else 2
    if args.command == "guide-pdf":
        from .guide import pdf

        return pdf.run(args.site, args.agendas)
    if args.command == "kit":
        from .guide import kit

        return kit.run(args.event, args.out, languages=args.language, bilingual=args.bilingual)
    if args.command == "bench":
        from . import bench

        return bench.run(args.sizes)
    return 2


def _build_options(engine: str | None = None, **values: object):
    """The build's options, validated; None (with the reason printed) when they are not."""
    import pydantic

    from .site.options import BuildOptions, project_engine

    root = Path.cwd()
    try:
        return BuildOptions(root=root, engine=engine or project_engine(root), **values)
    except pydantic.ValidationError as error:
        for problem in error.errors():
            where = ".".join(str(part) for part in problem["loc"])
            print(f"kb: {where}: {problem['msg'].removeprefix('Value error, ')}", file=sys.stderr)
        return None


def _practices_folder(command: argparse.ArgumentParser) -> None:
    """``--dir``: the folder of practices a command reads (default: practices/)."""
    command.add_argument("--dir", type=Path, default=Path(project.PRACTICES))


def _site_url_option(command: argparse.ArgumentParser, help: str) -> None:
    """``--site-url``: the published address, checked, from $KB_SITE_URL by default."""
    command.add_argument(
        "--site-url",
        type=_site_url,
        default=os.environ.get("KB_SITE_URL", ""),
        metavar="URL",
        help=help,
    )


def _site_url(text: str) -> str:
    parts = urlsplit(text)
    if text and (parts.scheme not in ("http", "https") or not parts.netloc):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an absolute http(s) address; write it as https://host/path/"
        )
    return text


def _path(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path names nothing")
    return Path(text)


def run_validate(
    paths: list[Path] | None, format: str, today: dt.date | None, strict: bool = False
) -> int:
    missing = [str(p) for p in paths or [] if not p.exists() and not p.is_symlink()]
    if missing:
        print(
            f"kb validate: no such file or folder: {visible(', '.join(missing))}", file=sys.stderr
        )
        return 2
    if paths is None and not Path(project.PRACTICES).is_dir():
        print(
            f"kb validate: there is no {project.PRACTICES}/ folder here; run it from the "
            "top folder of the repository, or name the files to check",
            file=sys.stderr,
        )
        return 2
    result = project.validate(Path.cwd(), paths, today=today, parallel=True).report
    if paths and not result.files:
        print(
            f"kb validate: no practice files (*.md) in {visible(', '.join(map(str, paths)))}",
            file=sys.stderr,
        )
        return 2
    result.problems.sort(key=lambda p: (p.path, p.line))
    print(report.FORMATS[format](result))
    return 0 if result.ok and not (strict and result.warnings) else 1


def generated_files() -> dict[Path, str]:
    """The committed files derived from the schema and vocabularies, with their text."""
    return {
        SCHEMA_FILE: model.json_schema_text(),
        issue_form.FORM_FILE: issue_form.form_text(),
        TEMPLATE_FILE: template.template(),
        README_FILE: registry.readme(
            README_FILE.read_text(encoding="utf-8") if README_FILE.is_file() else ""
        ),
    }


def run_generate(check: bool) -> int:
    stale = [
        path
        for path, text in generated_files().items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    if check:
        for path in stale:
            print(f"{path}: out of date; run kb generate")
        return 1 if stale else 0
    for path, text in generated_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


def entry_point() -> None:
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
