"""The one shape every finding of the validator takes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a practice file, where it is, and how to fix it.

    ``field`` names the frontmatter key or body section at fault, or is empty
    for problems of the file as a whole. ``severity`` is "error", or "warning" for
    advice (see registry.py).
    """

    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " + ("warning: " if self.severity == "warning" else "")
        what = f"{self.field}: {self.message}" if self.field else self.message
        return visible(where + what + (f"; {self.hint}" if self.hint else ""))


def visible(text: str) -> str:
    """``text`` with its invisible and control characters written as codes (\\u200b),
    so that a report shows them and cannot be reordered by them."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _code(c) for c in text)


def _code(character: str) -> str:
    number = ord(character)
    return f"\\u{number:04x}" if number <= 0xFFFF else f"\\U{number:08x}"
