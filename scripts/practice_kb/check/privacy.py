"""Careless content: details that could identify a person.

The validator reports personal email addresses, phone numbers, street
addresses, and exact ages or dates told together with an incident. There is
deliberately no way to silence these checks from inside a practice file.
"""

from __future__ import annotations

import itertools
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
_AT_CLOSED = re.compile(r"at\s*[\])}>]")  # in lowercase text
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
    # as IGNORECASE matches: the dotless 'ı', and the dotted capital 'İ' (which casefold
    # writes as 'i' and a combining dot), both as 'i'
    folded = text.casefold().replace("ı", "i").replace("i\u0307", "i")
    return any(word in folded for word in _STREET_WORDS)


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
    # what ends a bracketed 'at' starts with a literal, which the engine finds far quicker
    # than the opening brackets _AT_CLUE starts with
    return _AT_CLOSED.search(lowered) is not None and bool(_AT_CLUE.search(text))


# --- The quick test ---------------------------------------------------------------
#
# ``suspect`` runs on every document's texts, so it must be cheap, and it must say True
# whenever ``text_problems`` would find something in any of them. Python's regular
# expressions search quickly only for a pattern that starts with a literal (the engine
# jumps to each occurrence) or with one class of characters such as \d (it scans for
# one in a tight loop); a pattern that starts with \b or a lookbehind, or that ignores
# case, is tried in full at every position, and the careful patterns above are all of
# that kind. So the quick test looks for candidates with patterns that start with a
# digit or a literal, over the text folded to lowercase as IGNORECASE compares
# letters; each is a looser form of careful ones (what it leaves out, such as a \b or
# a lookahead, only ever made the careful one stricter). Every number is found in one
# pass, whatever it may be a candidate for; each candidate then gets the careful test.


def _folded(text: str) -> str | None:
    """``text`` in lowercase as IGNORECASE compares letters (casefold, and the dotless 'ı'
    as 'i'), or None when a character would not stay in its place: one that casefold
    writes as two ('ß', 'İ', a ligature), or U+0345, which it turns into a letter."""
    folded = text.casefold()
    if len(folded) != len(text) or "\u0345" in text:
        return None
    return folded.replace("ı", "i")


_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|"
    "août|sept|déc|ene|abr|ago|dic"
)
# What may follow the first digit of a number (a digit with no digit before it) when a
# careful pattern matches there:
# a phone number (_phones): nine digits in one run of digits, spaces, brackets, dots and
# hyphens, or eight after a '+' (just before the first, or before its opening bracket)
_PHONE_AFTER = r"(?:[\s().-]*\d){8}|(?:(?<=\+\d)|(?<=\+\(\d))(?:[\s().-]*\d){7}"
_STREET_AFTER = (  # a number then a street word within three words, or 'rue' (_STREET)
    r"\d{0,4}(?:[a-z]?,?\s+(?:[a-z][\w'-]*\s+){0,3}"
    r"(?:street|st\.|road|rd\.|avenue|ave\.|boulevard|blvd\.|lane|drive|close|crescent)"
    r"|(?:\s?bis)?,?\s+(?:rue|avenue|boulevard|bd|chemin|impasse|allée)\s)"
)
_AGE_OR_DAY_AFTER = (  # years of age, a day then its month, a day then a year (_AGE, _DAY)
    rf"\d?(?:[- ](?:year|yr)|\s+(?:ans|años)|(?:st|nd|rd|th|er)?\s+(?:{_MONTHS})"
    r"|,?\s+\d{4})|\d{3}-\d\d-\d\d|\d?/\d"  # an ISO date, a date with slashes
)
_NUMBER = re.compile(
    rf"\d(?<!\d\d)(?={_PHONE_AFTER}|{_STREET_AFTER}|{_AGE_OR_DAY_AFTER})"
    # then which: each is looked at, as a number can be a candidate for more than one
    rf"(?=(?P<phone>{_PHONE_AFTER})?)(?=(?P<street>{_STREET_AFTER})?)"
    rf"(?=(?P<age_or_day>{_AGE_OR_DAY_AFTER})?)"
)
# the candidates found by a word: the street patterns led by one, 'age', a weekday
_NAMED_STREETS = tuple(
    re.compile(pattern)
    for pattern in (r"calle\s", r"avenida\s", r"carrera?\s", r"box\s+\d", r"shari[ʿ']?\s")
)
_AGED = re.compile(r"aged?\s+\d")
_WEEKDAY = re.compile(r"day(?<=[nsir]day)")  # monday to sunday (and a few more)
_STOPS = ".!?\n"  # where _SENTENCE cuts


def _told_with_an_incident(text: str, start: int, end: int) -> bool:
    """Whether a sentence of ``text`` (cut as ``_SENTENCE`` cuts them) from the one holding
    ``start`` to the one holding ``end`` gives an exact age or date and tells of an
    incident: what ``_ages_and_dates`` looks for, sentence by sentence."""
    first = max(text.rfind(stop, 0, start) for stop in _STOPS) + 1
    ends = [i for i in (text.find(stop, end) for stop in _STOPS) if i >= 0]
    last = min(ends, default=len(text)) + 1
    return any(
        _INCIDENT.search(sentence) and (_AGE.search(sentence) or _DAY.search(sentence))
        for sentence in _SENTENCE.findall(text, first, last)
    )


def suspect(text: str) -> bool:
    """False when ``text_problems`` cannot find anything in any line of ``text``.

    A quick test for a whole document's texts, one to a line (so that no sentence
    runs from one text into the next): an email needs an @; a phone number nine
    digits in a run, or eight after '+'; an address a number and a street word; an
    exact age or date a number or a weekday, in a sentence about an incident.
    """
    if "@" in text or (_may_hide_an_address(text) and _OBFUSCATED.search(text)):
        return True
    folded = _folded(text)
    if folded is None:
        return True  # rare: the places found in the folded text would not be the text's
    # a match spanning sentences may hide another that starts inside it: the careful
    # test looks at every sentence a match touches
    weekdays = (m.span() for m in _WEEKDAY.finditer(folded))
    if not _DIGITS.search(text):
        return any(_told_with_an_incident(text, start, end - 1) for start, end in weekdays)
    street_unchecked = True  # the careful street pattern runs once at most
    for number in _NUMBER.finditer(folded):
        start = number.start()
        if number["phone"] is not None:
            return True
        if number["street"] is not None and street_unchecked:
            if _STREET.search(text):
                return True
            street_unchecked = False
        if number["age_or_day"] is not None and _told_with_an_incident(
            text, start, number.end("age_or_day") - 1
        ):
            return True
    named = street_unchecked and any(pattern.search(folded) for pattern in _NAMED_STREETS)
    if named and _STREET.search(text):
        return True
    ages = (m.span() for m in _AGED.finditer(folded))
    return any(
        _told_with_an_incident(text, start, end - 1)
        for start, end in itertools.chain(ages, weekdays)
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
