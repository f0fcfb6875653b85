"""How the workspace writes dates, times, ages of things and languages.

One place, so the roster, the chart, the Today view and the status bar agree; dates and
times are written as ``ui.i18n`` spells them for the interface language (one format per
language, the same in messages from the services). Times are shown in the clinic's zone
(``ClinicSession.zone()``): this computer's, daylight saving included (the tests set it
with ``TZ``, as their clock runs in UTC like the real one).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from clinic_desktop.ui import i18n
from clinic_desktop.ui.widgets.choices import COMMON_LANGUAGES


def _tr(text: str) -> str:
    """Look ``text`` up in this module's context (the literals are marked at each call)."""
    return QCoreApplication.translate("formats", text)


def birth_date(born: date) -> str:
    """A date of birth as every date is written (``short_date``); search reads it back."""
    return short_date(born)


def short_date(day: date) -> str:
    """10/14/2026 in English, 14/10/2026 in Spanish: the one spelling of a date in the
    interface language (``i18n.format_date``)."""
    return i18n.format_date(day)


def clock_time(at: datetime, zone: tzinfo) -> str:
    """9:05 AM (09:05 in Spanish) in the clinic's zone."""
    return i18n.format_time(at.astimezone(zone))


def date_time(at: datetime, zone: tzinfo) -> str:
    """10/14/2026 9:05 AM (14/10/2026 09:05 in Spanish) in the clinic's zone."""
    return i18n.format_date_time(at.astimezone(zone))


def long_day(day: date) -> str:
    """Wednesday, October 14, 2026 (the Today view's title), in the interface language."""
    pattern = QCoreApplication.translate("formats", "dddd, MMMM d, yyyy")
    return i18n.current_locale().toString(QDate(day.year, day.month, day.day), pattern)


def age_of(then: datetime | None, now: datetime) -> str:
    """How long ago, in the largest whole unit: "just now", "5 minutes ago", "3 days ago"."""
    if then is None:
        return QCoreApplication.translate("formats", "never")
    elapsed = max(now - then, timedelta(0))
    for one, many, size in _AGO_UNITS:
        count = int(elapsed.total_seconds() // size)
        if count >= 1:
            return _tr(one if count == 1 else many).format(count=count)
    return QCoreApplication.translate("formats", "just now")


def days_overdue_text(days: int) -> str:
    if days <= 0:
        return QCoreApplication.translate("formats", "due today")
    one = QCoreApplication.translate("formats", "{count} day overdue")
    many = QCoreApplication.translate("formats", "{count} days overdue")
    return (one if days == 1 else many).format(count=days)


def follow_up(due: date, days_overdue: int) -> tuple[str, str]:
    """A follow-up as the Today list and the chart's Referrals tab show it, and its tone:
    ("10/12/2026, 2 days overdue", "acute") or ("10/14/2026, due today", "warning"). The
    tone repeats the words, never replaces them."""
    text = f"{short_date(due)}, {days_overdue_text(days_overdue)}"
    return text, "acute" if days_overdue > 0 else "warning"


def language_name(code: str) -> str:
    """ "es" -> "Spanish" (in the interface language); an unknown code is shown as it is."""
    if not code:
        return ""
    common = dict(COMMON_LANGUAGES)
    if code in common:
        return QCoreApplication.translate("LanguageBox", common[code])
    locale = QLocale(code)
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    return QLocale.languageToString(locale.language())


def title_case(code: str) -> str:
    """A stored code as words: "no_show" -> "No show" (translated when it is a label the
    services use too)."""
    return i18n.translate_message(code.replace("_", " ").capitalize())


#: (one, many, seconds) for ``age_of``; ``{count}`` is the number of units.
_AGO_UNITS = (
    (
        QT_TRANSLATE_NOOP("formats", "{count} day ago"),
        QT_TRANSLATE_NOOP("formats", "{count} days ago"),
        86400,
    ),
    (
        QT_TRANSLATE_NOOP("formats", "{count} hour ago"),
        QT_TRANSLATE_NOOP("formats", "{count} hours ago"),
        3600,
    ),
    (
        QT_TRANSLATE_NOOP("formats", "{count} minute ago"),
        QT_TRANSLATE_NOOP("formats", "{count} minutes ago"),
        60,
    ),
)
