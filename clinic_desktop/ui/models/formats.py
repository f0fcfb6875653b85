"""How the workspace writes dates, times, ages of things and languages.

One place, so the roster, the chart, the Today view and the status bar agree. Times are
shown in the clinic's zone (``clock.local_zone``), which for a test's clock is the test's
zone and for the real clock is this computer's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QLocale


def birth_date(born: date) -> str:
    """MM/DD/YYYY, as US school and clinic records write it (and as search accepts it)."""
    return f"{born.month:02d}/{born.day:02d}/{born.year:04d}"


def short_date(day: date) -> str:
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"


def clock_time(at: datetime, zone: tzinfo) -> str:
    """9:05 AM in the clinic's zone."""
    local = at.astimezone(zone)
    hour = local.hour % 12 or 12
    return f"{hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def date_time(at: datetime, zone: tzinfo) -> str:
    """10/14/2026 9:05 AM in the clinic's zone."""
    return f"{short_date(at.astimezone(zone).date())} {clock_time(at, zone)}"


def long_day(day: date) -> str:
    """Wednesday, October 14, 2026 (the Today view's title)."""
    return f"{day.strftime('%A, %B')} {day.day}, {day.year}"


def age_of(then: datetime | None, now: datetime) -> str:
    """How long ago, in the largest whole unit: "just now", "5 minutes ago", "3 days ago"."""
    if then is None:
        return "never"
    elapsed = max(now - then, timedelta(0))
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        count = int(elapsed.total_seconds() // size)
        if count >= 1:
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return "just now"


def days_overdue(days: int) -> str:
    if days <= 0:
        return "due today"
    return f"{days} day{'s' if days != 1 else ''} overdue"


def language_name(code: str) -> str:
    """ "es" -> "Spanish"; an unknown code is shown as it is."""
    if not code:
        return ""
    locale = QLocale(code)
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    return QLocale.languageToString(locale.language())


def title_case(code: str) -> str:
    """A stored code as words: "no_show" -> "No show"."""
    return code.replace("_", " ").capitalize()
