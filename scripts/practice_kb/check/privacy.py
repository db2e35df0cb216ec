"""Careless content: details that could identify a person.

The validator reports personal email addresses, phone numbers, street
addresses, and exact ages or dates told together with an incident. There is
deliberately no way to silence these checks from inside a practice file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ROLE_WORDS = frozenset(
    [
        "psea",
        "pseah",
        "sea",
        "safeguarding",
        "safeguard",
        "protection",
        "info",
        "information",
        "contact",
        "contacts",
        "hr",
        "ethics",
        "complaint",
        "complaints",
        "feedback",
        "report",
        "reports",
        "reporting",
        "speakup",
        "integrity",
        "office",
        "admin",
        "hotline",
        "helpline",
        "helpdesk",
        "investigations",
        "investigation",
        "compliance",
        "hello",
        "enquiries",
        "inquiries",
        "focalpoint",
        "secretariat",
        "communications",
        "media",
        "press",
        "team",
        "support",
        "services",
        "accountability",
        "aap",
        "crm",
        "prevention",
        "conduct",
        "whistleblowing",
    ]
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An address with '@' and the dots written out so that programs miss it:
# jane [at] example [dot] org, jane(at)example(dot)org, jane at example dot org
_BRACKETED = r"[\[({<]\s*WORD\s*[\])}>]"
_AT = rf"\s*{_BRACKETED.replace('WORD', 'at')}\s*"
_DOT = rf"\s*{_BRACKETED.replace('WORD', 'dot')}\s*"
_OBFUSCATED = re.compile(
    rf"(?<![\w.+-])([\w.+-]+)(?:{_AT})([\w-]+(?:(?:{_DOT}|\.)[\w-]+)+)"
    rf"|(?<![\w.+-])([\w.+-]+)\s+at\s+([\w-]+(?:\s+dot\s+[a-z]{{2,24}})+)\b",
    re.IGNORECASE,
)
_AT_CLUE = re.compile(_BRACKETED.replace("WORD", "at"), re.IGNORECASE)
_SEPARATOR = re.compile(rf"{_DOT}|\s+dot\s+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d\s().-]{6,}\d(?![\w/])")
_DATE_LIKE = re.compile(
    r"^\d{4}\s*[-–/]\s*\d{2,4}(\s*[-–/]\s*\d{2,4})?$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$"
)
_STREET = re.compile(
    r"\b\d{1,5}[a-z]?,?\s+(?:[A-Z][\w'-]*\s+){0,3}"
    r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Blvd\.|Lane|Drive|Close|Crescent)\b"
    r"|\b\d{1,4}(?:\s?bis)?,?\s+(?:rue|avenue|boulevard|bd|chemin|impasse|allée)\s+\w+"
    r"|\b(?:calle|avenida|carrera|carrer)\s+[\w\s]{1,40}?\s(?:n[º°o]\.?\s?)?\d{1,5}\b"
    r"|\bP\.?\s?O\.?\s?Box\s+\d+|\bshari[ʿ']?\s+\w+\s+\d{1,4}\b",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"(?<![\d–-])\b\d{1,2}[- ](?:year|yr)s?[- ]old\b"
    r"|\baged?\s+\d{1,2}\b(?!\s*(?:[-–]|to|and|and over|\+|or (?:older|over|younger)))"
    r"|(?<![\d–-]\s)(?<![\d–-])\b\d{1,2}\s+(?:ans|años)\b(?!\s*(?:[-–]|à|a|y))",
    re.IGNORECASE,
)
_DAY = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th|er)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc|ene|abr|ago|dic)[a-zéû]*\.?\s+\d{4}"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b(?:last|on)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_INCIDENT = re.compile(
    r"\b(?:incident|assault\w*|abus\w*|harass\w*|rap(?:e|ed|ist)|attack\w*|exploit\w*|"
    r"victim\w*|survivor\w*|complain\w*|allegation\w*|alleged|disclos\w*|agress\w*|viol\w*|"
    r"harcel\w*|acos\w*|denunci\w*|plainte\w*|queja\w*)\b",
    re.IGNORECASE,
)
_RANGE_BEFORE = re.compile(r"\d+\s*(?:[-–]|to|a|à|y|and|et|or|ou|o)\s*$", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def is_role_mailbox(address: str) -> bool:
    local = address.split("@")[0].lower()
    return any(part in ROLE_WORDS for part in re.split(r"[._+-]", local))


_DIGITS = re.compile(r"\d")


_STREET_WORDS = (
    *("street", "st.", "road", "rd.", "avenue", "ave.", "boulevard", "blvd", "lane", "drive"),
    *("close", "crescent", "rue", "bd", "chemin", "impasse", "allée", "calle", "avenida"),
    *("carrera", "carrer", "box", "shari"),
)


def _street_word_in(text: str) -> bool:
    """Whether ``text`` has a word that every street address pattern needs."""
    folded = text.casefold().replace("ı", "i")  # as IGNORECASE matches
    return any(word in folded for word in _STREET_WORDS)


_CLUE = re.compile(r"\d|day", re.IGNORECASE)  # in every exact age or date
# ASCII text with its digits as NUL and its letters in lowercase: str.find is far
# quicker than a pattern at finding digits and 'day' (a NUL in the text itself
# only makes the quick test look further)
_DIGIT = "\0"
_MARKED = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", _DIGIT * 10 + "abcdefghijklmnopqrstuvwxyz"
)


class _Clues:
    """Where digits and 'day' are in a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.marked = text.translate(_MARKED) if text.isascii() else ""
        self.digits = _DIGIT in self.marked if self.marked else bool(_DIGITS.search(text))

    def enough_for_a_phone(self) -> bool:
        return self.marked.count(_DIGIT) >= 8 if self.marked else self.digits

    def next(self, start: int) -> int:
        """Where the next digit or 'day' is from ``start``, or -1."""
        if not self.marked:
            match = _CLUE.search(self.text, start)
            return match.start() if match else -1
        found = [
            i for i in (self.marked.find(_DIGIT, start), self.marked.find("day", start)) if i >= 0
        ]
        return min(found, default=-1)

    def sentences(self) -> Iterator[str]:
        """The sentences (cut as ``_SENTENCE`` cuts them) that hold a digit or 'day'."""
        text = self.text
        clue = self.next(0)
        while clue >= 0:
            start = max(text.rfind(stop, 0, clue) for stop in ".!?\n") + 1
            ends = [i for i in (text.find(stop, clue) for stop in ".!?\n") if i >= 0]
            end = min(ends, default=len(text))
            end += end < len(text) and text[end] != "\n"
            yield text[start:end]
            clue = self.next(end)


def _may_hide_an_address(text: str) -> bool:
    """Whether ``text`` could hold an address with '@' written out: a bracketed 'at' or a
    'dot' standing alone (as a word, or in brackets)."""
    lowered = text.lower()
    found = lowered.find("dot")
    while found >= 0:
        before, after = lowered[found - 1 : found], lowered[found + 3 : found + 4]
        if before and after and not any(c.isalnum() or c == "_" for c in before + after):
            return True
        found = lowered.find("dot", found + 3)
    return "at" in lowered and bool(_AT_CLUE.search(text))


def suspect(text: str) -> bool:
    """False when ``text_problems`` cannot find anything in ``text`` or in any part of it.

    A quick test for a whole document's texts joined by line breaks: an email
    needs an @; a phone number eight digits; an address a digit and a street
    word; an exact age or date a digit or 'day' in a sentence about an incident.
    """
    if "@" in text or (_may_hide_an_address(text) and _OBFUSCATED.search(text)):
        return True
    clues = _Clues(text)
    if clues.digits:
        if clues.enough_for_a_phone() and _PHONE.search(text):
            return True
        if _street_word_in(text) and _STREET.search(text):
            return True
    elif "day" not in text.casefold():
        return False
    return any(
        _INCIDENT.search(sentence) and (_AGE.search(sentence) or _DAY.search(sentence))
        for sentence in clues.sentences()
    )


def text_problems(text: str) -> Iterator[tuple[str, str]]:
    """Identifying details in a piece of text, as (message, hint) pairs.

    Cheap tests come first: most text has no '@', few digits and no incident.
    """
    if "@" in text:
        yield from _emails(text)
    if _may_hide_an_address(text):
        yield from _obfuscated_emails(text)
    if _DIGITS.search(text):
        yield from _phones(text)
        if _street_word_in(text):
            for match in _STREET.finditer(text):
                yield (
                    f"'{match.group().strip()}' looks like a street address",
                    "name the town or region at most",
                )
    if _INCIDENT.search(text):
        yield from _ages_and_dates(text)


def _emails(text: str) -> Iterator[tuple[str, str]]:
    for address in _EMAIL.findall(text):
        if not is_role_mailbox(address):
            yield (
                f"'{address}' looks like a personal email address",
                "give a role mailbox such as psea@... or safeguarding@..., or remove it",
            )


def _obfuscated_emails(text: str) -> Iterator[tuple[str, str]]:
    for match in _OBFUSCATED.finditer(text):
        local = match.group(1) or match.group(3)
        domain = _SEPARATOR.sub(".", match.group(2) or match.group(4))
        if not is_role_mailbox(f"{local}@{domain}"):
            yield (
                f"'{match.group().strip()}' looks like a personal email address, written out",
                "give a role mailbox such as psea@... or safeguarding@..., or remove it",
            )


def _phones(text: str) -> Iterator[tuple[str, str]]:
    for match in _PHONE.finditer(text):
        number = match.group().strip()
        digits = sum(c.isdigit() for c in number)
        before = text[max(0, match.start() - 8) : match.start()].lower()
        if _DATE_LIKE.match(number) or "isbn" in before or "doi" in before:
            continue
        if digits >= 9 or (number.startswith("+") and digits >= 8):
            yield (
                f"'{number}' looks like a phone number",
                "remove it; give a role mailbox or a web form instead",
            )


_AGE_HINT = re.compile(r"\b(?:aged?|years?|yrs?|ans|años)\b", re.IGNORECASE)
_DAY_HINT = re.compile(r"\d{4}|\d/\d|day\b", re.IGNORECASE)


def _ages_and_dates(text: str) -> Iterator[tuple[str, str]]:
    ages = _AGE_HINT.search(text) and _AGE.search(text)
    if not (ages or (_DAY_HINT.search(text) and _DAY.search(text))):
        return
    for sentence in _SENTENCE.findall(text):
        if not _INCIDENT.search(sentence):
            continue
        for pattern, what in ((_AGE, "an exact age"), (_DAY, "an exact date")):
            for found in pattern.finditer(sentence):
                if _RANGE_BEFORE.search(sentence[: found.start()]):
                    continue  # "15 to 24 years old" describes a group, not a person
                yield (
                    f"gives {what} ('{found.group()}') together with an incident",
                    "describe it more broadly (a young person, in 2023) so that no one can be "
                    "identified",
                )
                break
