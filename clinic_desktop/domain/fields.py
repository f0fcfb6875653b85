"""Small validators shared by every input record: each returns a reason or None.

A reason is a short phrase for a person ("is required", "cannot be in the future"); the
caller pairs it with the field name in a ``FieldError``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from clinic_desktop.messages import msg

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: A phone number as staff type it: digits with + ( ) - . and spaces, maybe an extension.
_PHONE = re.compile(r"[0-9+()\-. ]*\d[0-9+()\-. ]*(\s*(x|ext\.?)\s*\d+)?", re.IGNORECASE)


def clean_text(value: str | None) -> str:
    """Trim and NFC-normalise text so "José" typed two ways is stored one way."""
    return unicodedata.normalize("NFC", (value or "").strip())


def check_text(
    value: str, *, required: bool = False, max_length: int = 200, multiline: bool = False
) -> str | None:
    """Reason ``value`` is unacceptable as text, else None."""
    if required and not value:
        return "is required"
    if len(value) > max_length:
        return msg("is too long (at most {max_length} characters)", max_length=max_length)
    if _CONTROL.search(value) or (not multiline and ("\n" in value or "\r" in value)):
        return "contains control characters"
    return None


def parse_iso_date(value: str) -> date | None:
    """A YYYY-MM-DD date, or None when the text is not one."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")


def parse_search_date(value: str, today: date, *, day_first: bool = False) -> date | None:
    """A date typed into a search: YYYY-MM-DD, M/D/YYYY or M/D/YY (D/M/YYYY or D/M/YY
    with ``day_first``, as the Spanish interface writes dates), or None.

    A two-digit year is read as a clinic reads one on a birth date: the most recent year
    with those digits that does not put the date after ``today`` (07/26/09 is 2009, never
    2109), so a search for a student's birthday finds the student.
    """
    parsed = parse_iso_date(value)
    match = _US_DATE.fullmatch(value.strip())
    if parsed is not None or match is None:
        return parsed
    month, day, year = (int(g) for g in match.groups())
    if day_first:
        month, day = day, month
    if len(match.group(3)) == 2:
        year += today.year // 100 * 100
    try:
        typed = date(year, month, day)
    except ValueError:
        return None
    if len(match.group(3)) == 2 and typed > today:
        return _century_before(month, day, year)
    return typed


def _century_before(month: int, day: int, year: int) -> date | None:
    """The same day a hundred years earlier (None for a 29 February that did not exist)."""
    try:
        return date(year - 100, month, day)
    except ValueError:
        return None


def check_choice(value: str, allowed: object, *, required: bool = True) -> str | None:
    """Reason ``value`` is not one of ``allowed`` (anything supporting ``in``)."""
    if not value:
        return "is required" if required else None
    if value not in allowed:  # type: ignore[operator]
        return "is not one of the allowed values"
    return None


def is_phone(value: str) -> bool:
    """Whether ``value`` looks like a phone number (at most 40 characters, has a digit)."""
    return len(value) <= 40 and _PHONE.fullmatch(value) is not None
