"""Read practice files into plain data, keeping the line of every key.

Nothing here raises on bad input: every way a file can be broken comes back
as a ``Problem``, and the caller decides what to do with the rest.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problem import Problem

MAX_BYTES = 200_000
DELIMITER = "---"
FIRST_LINE = 2  # of the frontmatter, after the opening '---'

Location = tuple[str | int, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_CONSTRUCTOR = yaml.SafeLoader("")


@dataclass
class Document:
    """A practice file split into frontmatter data and Markdown body.

    ``lines`` maps each key and list item to its line; for a file that parsed
    cleanly it is worked out only when a problem needs a line number.
    """

    path: str
    data: Any
    body: str
    body_line: int
    frontmatter: str = ""
    broken: set[Location] = field(default_factory=set)
    _lines: dict[Location, int] | None = None
    first_line: int = FIRST_LINE

    @property
    def lines(self) -> dict[Location, int]:
        if self._lines is None:
            walker = _Walker(self.path, self.first_line)
            walker.parse(self.frontmatter)
            self._lines = walker.lines
        return self._lines

    def line_of(self, location: Location) -> int:
        """The line of the key or item at ``location``, or of its nearest parent."""
        lines = self.lines
        while location:
            if location in lines:
                return lines[location]
            location = location[:-1]
        return lines.get((), self.first_line)

    def problem(self, location: Location, field: str, message: str, hint: str = "") -> Problem:
        """A problem found at ``location`` in the frontmatter, on that key's line."""
        return Problem(self.path, self.line_of(location), field, message, hint)


def read(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse one practice file. Returns the document (if any) and its problems."""
    name = display or str(path)
    try:
        if path.is_symlink():
            return None, [Problem(name, 1, "", "is a symbolic link", "commit the file itself")]
        raw = _read_file(path)
    except OSError as error:
        if path.is_dir():  # where folders cannot be opened as files
            raw = "a folder"
        else:
            hint = "check that the file exists and that you may read it"
            return None, [Problem(name, 1, "", f"cannot be read: {error.strerror}", hint)]
    if isinstance(raw, str):
        hint = "a practice is a Markdown file of its own, such as practices/peer-network.md"
        return None, [Problem(name, 1, "", f"is {raw}, not a practice file", hint)]
    return parse(raw, name)


def _read_file(path: Path) -> bytes | str:
    """The bytes of a regular file, or what the path is instead. Opening does not wait
    for a writer, as it would on a named pipe."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            return "a folder" if stat.S_ISDIR(mode) else "a special file"
        with open(descriptor, "rb", closefd=False) as file:
            return file.read()
    finally:
        os.close(descriptor)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """The text of a file: UTF-8 with or without BOM, any line endings, no NUL bytes."""
    if len(raw) > MAX_BYTES:
        size = f"{len(raw):,} bytes"
        return None, [
            Problem(path, 1, "", f"is {size}; the limit is {MAX_BYTES:,}", "shorten the text")
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                path,
                line,
                "",
                f"is not UTF-8 text (byte 0x{raw[error.start]:02x})",
                "save the file with UTF-8 encoding",
            )
        ]
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        return None, [Problem(path, line, "", "contains a NUL byte", "save it as plain text")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = [
        Problem(
            path,
            text.count("\n", 0, at) + 1,
            "",
            f"contains an invisible line separator (U+{ord(separator):04X})",
            "replace it with an ordinary line break; it often comes with pasted text",
        )
        for separator in _SEPARATORS
        if (at := text.find(separator)) >= 0
    ]
    # in the fields, YAML would count them as line breaks and every line after them
    # would be off; in the text, readers would not see them: replaced, and reported
    return (text.translate(_SEPARATORS_TO_SPACES) if problems else text), problems


_SEPARATORS = "\x85\u2028\u2029"  # line breaks to YAML, not to editors
_SEPARATORS_TO_SPACES = str.maketrans(_SEPARATORS, "   ")


def parse(raw: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse the bytes of a practice file: frontmatter, then Markdown body."""
    text, problems = decode(raw, path)
    if text is None:
        return None, problems
    document, found = _parse_text(text, path)
    return document, problems + found


def _parse_text(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    lines = text.split("\n")
    if not text.strip():
        return None, [Problem(path, 1, "", "is empty", "start from the practice template")]
    if lines[0].rstrip() != DELIMITER:
        return None, [
            Problem(
                path,
                1,
                "",
                "does not start with a frontmatter block",
                "the first line must be '---', followed by the fields and another '---'",
            )
        ]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in (DELIMITER, "..."))
    except StopIteration:
        return None, [
            Problem(path, 1, "", "frontmatter is never closed", "add a line '---' after the fields")
        ]
    body = "\n".join(lines[end + 1 :])
    return parse_mapping("\n".join(lines[1:end]), path, FIRST_LINE, body, end + 2, "frontmatter")


def parse_data(raw: bytes, path: str, top: type = dict) -> tuple[Document | None, list[Problem]]:
    """Parse a YAML data file (the guide's agendas and content): a mapping or a list."""
    text, problems = decode(raw, path)
    if text is None:
        return None, problems
    document, found = parse_mapping(text, path, 1, "", 0, "the file", top)
    return document, problems + found


def parse_mapping(
    text: str,
    path: str,
    first_line: int,
    body: str,
    body_line: int,
    what: str,
    top: type = dict,
) -> tuple[Document | None, list[Problem]]:
    """Parse YAML that must be a mapping; fast when clean, careful when not."""
    try:
        data, problems = _fast_load(text), []
        document = Document(path, data, body, body_line, text, first_line=first_line)
    except (_IrregularError, yaml.YAMLError, ValueError, OverflowError):
        walker = _Walker(path, first_line)
        data, problems = walker.parse(text)
        document = Document(
            path, data, body, body_line, text, walker.broken, walker.lines, first_line
        )
    if data is None and not problems:
        problems.append(Problem(path, first_line, "", f"{what} is empty", "fill in the fields"))
    elif data is not None and not isinstance(data, top):
        kind = type(data).__name__
        expected = "a set of 'key: value' fields" if top is dict else "a list of '- ' items"
        problems.append(
            Problem(
                path,
                first_line,
                "",
                f"{what} must be {expected}, not a {kind}",
                "write one 'field: value' per line" if top is dict else "start each item with '- '",
            )
        )
    return (document if isinstance(data, top) else None), problems


def _yaml_hint(text: str) -> str:
    if "\t" in text:
        return "indent with spaces, not tabs"
    return "check the indentation and quote values that contain ': ' or start with a symbol"


# a key or a list item after a non-breaking space: text pasted into the fields
_NBSP_INDENT = re.compile(
    "^[ \t]*\u00a0[ \t\u00a0]*(?:- |[^\\s:#'\"][^:\n]*:(?:[ \t]|$))", re.MULTILINE
)


def _nbsp_indent(text: str, before: int) -> int | None:
    """The first line (from 0) where a key or item is indented with a non-breaking
    space, up to line ``before``."""
    found = _NBSP_INDENT.search(text) if "\u00a0" in text else None
    line = text.count("\n", 0, found.start()) if found else None
    return line if line is not None and line <= before else None


class _IrregularError(Exception):
    """The fast loader met something only the careful walker can report well."""


_PLAIN_TAGS: dict[str, str] = {}  # plain scalar to its implicit tag: values repeat a lot
_PLAIN_CACHE_LIMIT = 50_000
_Base = getattr(getattr(yaml, "cyaml", None), "CParser", None)
if _Base is None:  # pragma: no cover - PyYAML built without libyaml

    class _Base(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


class _Composer(_Base, yaml.resolver.Resolver):
    """Parses YAML into nodes, as SafeLoader does, remembering how plain scalars resolve."""

    def __init__(self, stream: str) -> None:
        _Base.__init__(self, stream)
        yaml.resolver.Resolver.__init__(self)

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        # as Resolver.resolve with no path resolvers registered, which SafeLoader has not
        if kind is not yaml.ScalarNode:
            return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG
        if not implicit[0]:
            return _STR_TAG  # quoted
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(value) <= 64 and len(_PLAIN_TAGS) < _PLAIN_CACHE_LIMIT:
                _PLAIN_TAGS[value] = tag
        return tag

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # only path resolvers need it

    def ascend_resolver(self) -> None:
        pass


def _fast_load(text: str) -> Any:
    """Load regular YAML quickly; raise on anything the walker must look at:
    aliases, tags other than the plain types, keys that are not text or appear twice."""
    if "*" in text:  # perhaps an alias
        raise _IrregularError
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    finally:
        composer.dispose()
    return None if node is None else _plain(node)


def _plain(node: yaml.Node) -> Any:
    tag, kind = node.tag, type(node)
    if kind is yaml.ScalarNode:
        if tag == _STR_TAG:
            return node.value
        if tag in _SCALAR_TAGS:
            return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
    elif kind is yaml.MappingNode and tag == _MAP_TAG:
        result: dict[str, Any] = {}
        for key, value in node.value:
            if type(key) is not yaml.ScalarNode or key.tag != _STR_TAG or key.value in result:
                raise _IrregularError
            result[key.value] = _plain(value)
        return result
    elif kind is yaml.SequenceNode and tag == _SEQ_TAG:
        return [_plain(item) for item in node.value]
    raise _IrregularError


class _Walker:
    """Turns a YAML node tree into Python data, recording lines and problems."""

    def __init__(self, path: str, first_line: int) -> None:
        self.path = path
        self.first_line = first_line
        self.lines: dict[Location, int] = {}
        self.problems: list[Problem] = []
        self.recorded: set[Problem] = set()
        self.seen: set[int] = set()
        self.broken: set[Location] = set()
        # composing forgets where each *alias was written: kept apart, in order
        self.aliases: list[yaml.Mark] = []
        self.cursor = 0  # how far into the text the walk has come

    def parse(self, text: str) -> tuple[Any, list[Problem]]:
        """Parse YAML strictly: no duplicate keys, aliases, tags or impossible dates."""
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            node = yaml.compose(text, Loader=loader)
            if "*" in text:
                events = yaml.parse(text, Loader=loader)
                self.aliases = [e.start_mark for e in events if isinstance(e, yaml.AliasEvent)]
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            message = error.problem or error.context or "cannot be read"
            if error.context and error.context_mark and error.context_mark is not mark:
                start = self.first_line + error.context_mark.line
                message += f" ({error.context} that starts on line {start})"
            line, hint = (mark.line if mark else 0), _yaml_hint(text)
            pasted = _nbsp_indent(text, line)
            if pasted is not None:  # YAML reads it as text, and errs a line or more later
                line, hint = pasted, "indent with ordinary spaces, not a non-breaking space"
            return None, [
                Problem(
                    self.path, self.first_line + line, "", f"YAML syntax error: {message}", hint
                )
            ]
        except yaml.YAMLError as error:
            return None, [Problem(self.path, self.first_line, "", f"YAML error: {error}", "")]
        if node is None:
            return None, []
        return self.value(node, ()), self.problems

    def line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def problem(
        self,
        node: yaml.Node,
        location: Location,
        message: str,
        hint: str,
        broken: bool = True,
        line: int | None = None,
    ) -> None:
        """Record a problem, once; ``broken`` marks the value as already reported."""
        name = ".".join(str(part) for part in location if isinstance(part, str))
        if broken:
            self.broken.add(location)
        problem = Problem(self.path, line or self.line(node), name, message, hint)
        if problem not in self.recorded:
            self.recorded.add(problem)
            self.problems.append(problem)

    def alias_line(self) -> int | None:
        """The line of the next *alias from where the walk has come, if any."""
        at = bisect.bisect_left(self.aliases, self.cursor, key=lambda mark: mark.index)
        if at == len(self.aliases):
            return None
        self.cursor = self.aliases[at].index + 1
        return self.first_line + self.aliases[at].line

    def alias(self, node: yaml.Node, location: Location) -> None:
        """Report the *alias that repeats ``node`` at ``location``, on its own line."""
        line = self.alias_line()
        self.lines.setdefault(location, line or self.line(node))
        self.problem(
            node, location, "uses a YAML alias (*name)", "write the value out in full", line=line
        )

    def skip(self, node: yaml.Node) -> None:
        """Pass over a value that is not read, as ``value`` would: an alias to any of
        its nodes later on is still an alias, and is still found where it is written."""
        if id(node) in self.seen:
            self.alias_line()
            return
        self.seen.add(id(node))
        self.cursor = max(self.cursor, node.start_mark.index)
        for child in _children(node):
            self.skip(child)

    def value(self, node: yaml.Node, location: Location) -> Any:
        if id(node) in self.seen:  # the same node again: only an alias does that
            return self.alias(node, location)
        self.cursor = max(self.cursor, node.start_mark.index)
        self.lines.setdefault(location, self.line(node))
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, location)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                return self.bad_tag(node, location)
            return [self.value(item, (*location, i)) for i, item in enumerate(node.value)]
        return self.scalar(node, location)

    def mapping(self, node: yaml.MappingNode, location: Location) -> dict[str, Any] | None:
        if node.tag != _MAP_TAG:
            return self.bad_tag(node, location)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if id(key_node) in self.seen:  # an *alias as a key
                self.alias(key_node, location)
                self.skip(value_node)
                continue
            self.seen.add(id(key_node))
            if key_node.tag == _MERGE_TAG:
                self.problem(
                    key_node,
                    location,
                    "'<<' merges in the fields of another mapping",
                    "write the fields out in full",
                    broken=False,
                )
                self.skip(value_node)
                continue
            key = self.scalar(key_node, location) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != _STR_TAG:
                self.problem(
                    key_node,
                    location,
                    f"key {key_node.value!r} is not a field name"
                    if key is not None
                    else "a key must be a plain field name",
                    "field names are words such as 'title'; quote values, not keys",
                    broken=False,
                )
                self.skip(value_node)
                continue
            where = (*location, key)
            if key in result:
                self.problem(
                    key_node,
                    where,
                    f"appears twice (first on line {self.lines[where]})",
                    "keep one of them: YAML would silently drop the first",
                )
                self.skip(value_node)
                continue
            self.lines[where] = self.line(key_node)
            self.cursor = max(self.cursor, key_node.end_mark.index)
            result[key] = self.value(value_node, where)
        return result

    def scalar(self, node: yaml.Node, location: Location) -> Any:
        if node.tag not in _SCALAR_TAGS:
            return self.bad_tag(node, location)
        try:
            return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.problem(
                    node, location, f"{node.value!r} is not a real date", "write it as YYYY-MM-DD"
                )
            else:
                self.problem(node, location, f"{node.value!r} cannot be read", "quote it")
            return None

    def bad_tag(self, node: yaml.Node, location: Location) -> None:
        self.problem(
            node,
            location,
            f"uses the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}'",
            "remove the tag (the part starting with '!'); plain values are enough",
        )
        for child in _children(node):
            self.skip(child)
        return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    """The nodes directly inside ``node``: keys and values, or items, in order."""
    if isinstance(node, yaml.MappingNode):
        return [inner for pair in node.value for inner in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else []


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """The Markdown files directly in the given folders, and the given files, in a stable
    order. Symbolic links are yielded as they are (``read`` refuses them), never followed;
    so are folders named like Markdown files (``read`` reports them)."""
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            with os.scandir(path) as entries:
                # any case of .md, and folders so named: they are reported, not skipped
                names = sorted(
                    entry.name for entry in entries if entry.name.lower().endswith(".md")
                )
            yield from (path / name for name in names)
        else:
            yield path
