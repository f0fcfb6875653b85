"""A date typed as the interface writes dates, with a calendar to pick from, that may be
left blank.

``QDateEdit`` cannot be blank (a new student's date of birth must not default to some
date nobody entered) and, in the Qt versions we ship, refuses a year typed digit by digit,
so a date of birth is a line edit plus a calendar popup button. It reads and shows dates
in the interface language's one format (``i18n.format_date``: MM/DD/YYYY in English,
DD/MM/YYYY in Spanish) and also understands YYYY-MM-DD and YYYYMMDD, which mean the same
in every language.

``DateTimeField`` is the date-and-time edit of the forms (a visit's time, a flag
action's, an addendum's late entry, a referral's appointment): it shows and takes the
language's date and time (``i18n.date_time_format``: 10/14/2026 3:30 PM, or
14/10/2026 15:30 in Spanish), is one Tab stop, and holds the clinic's wall-clock time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QPoint,
    QRegularExpression,
    Qt,
    QTime,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.fields import parse_iso_date
from clinic_desktop.ui import i18n

_PARTIAL = QRegularExpression(
    r"[0-9]{0,4}(-[0-9]{0,2}(-[0-9]{0,2})?)?|[0-9]{0,8}|[0-9]{1,2}(/[0-9]{0,2}(/[0-9]{0,4})?)?"
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# A ``DateTimeField`` holds local wall-clock time; UTC is only its container (no DST
# jumps from this computer's zone, which may differ from the clinic's).
_WALL = QTimeZone.utc()


class DateField(QWidget):
    """``value()`` is the date typed or picked, or None while blank or not a real date."""

    #: The text changed (typed, picked or set).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(i18n.date_hint())
        self.edit.setValidator(QRegularExpressionValidator(_PARTIAL, self.edit))
        self.edit.setMaxLength(10)
        width = self.edit.fontMetrics().horizontalAdvance("0000-00-00") + 28
        self.edit.setMinimumWidth(width)
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        self.edit.editingFinished.connect(self._tidy)
        self.button = QToolButton()
        self.button.setText(self.tr("Calendar…"))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.clicked.connect(self.open_calendar)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addStretch(1)
        self.setFocusProxy(self.edit)
        self._popup: QWidget | None = None
        #: The month the calendar opens on while the field is blank (None: this month).
        self.blank_page: date | None = None

    def setAccessibleName(self, name: str) -> None:
        """Name the editor and its button after the field they fill."""
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.button.setAccessibleName(
            self.tr("Pick the {field} from a calendar").format(field=name.lower())
        )

    def text(self) -> str:
        return self.edit.text().strip()

    def value(self) -> date | None:
        text = self.text()
        compact = _COMPACT.fullmatch(text)
        if compact:
            text = "-".join(compact.groups())
        slashed = _SLASHED.fullmatch(text)
        if slashed is None:
            return parse_iso_date(text)
        first, second, year = (int(g) for g in slashed.groups())
        month, day = (second, first) if i18n.day_first() else (first, second)
        try:
            return date(year, month, day)
        except ValueError:
            return None

    def is_blank(self) -> bool:
        return not self.text()

    def set_value(self, value: date | None) -> None:
        self.edit.setText(i18n.format_date(value) if value else "")

    def open_calendar(self) -> None:
        popup = QWidget(self, Qt.WindowType.Popup)
        popup.setAccessibleName(self.tr("Calendar"))
        calendar = QCalendarWidget(popup)
        calendar.setGridVisible(True)
        chosen = self.value()
        if chosen is not None:
            calendar.setSelectedDate(QDate(chosen.year, chosen.month, chosen.day))
        elif self.blank_page is not None:
            calendar.setCurrentPage(self.blank_page.year, self.blank_page.month)
        calendar.clicked.connect(lambda day: self._picked(day, popup))
        calendar.activated.connect(lambda day: self._picked(day, popup))
        QVBoxLayout(popup).addWidget(calendar)
        popup.layout().setContentsMargins(0, 0, 0, 0)
        popup.move(self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        popup.show()
        calendar.setFocus()
        self._popup = popup

    def _picked(self, day: QDate, popup: QWidget) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        popup.close()
        popup.deleteLater()
        self._popup = None
        self.edit.setFocus()

    def _tidy(self) -> None:
        """Show "20100314" or "2010-03-14" as "03/14/2010" once the user moves on."""
        value = self.value()
        if value is not None and self.text() != i18n.format_date(value):
            self.set_value(value)


class DateTimeField(QDateTimeEdit):
    """A date and time in the interface language's format (``i18n.date_time_format``),
    with a calendar popup, read and set as an aware datetime in the clinic's zone.

    One Tab stop: Tab leaves the field (the arrow keys, not Tab, move between its month,
    day, year, hour and minute). In English, typing "a" or "p" on the AM/PM part sets it
    at once (Qt alone waits for the whole "PM" and keeps the old half meanwhile)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(i18n.current_locale())
        self.setTimeZone(_WALL)
        self.setDisplayFormat(i18n.date_time_format())
        self.setCalendarPopup(True)

    def set_moment(self, moment: datetime, zone: tzinfo) -> None:
        """Show ``moment`` as the clinic's wall clock (``zone``) reads it."""
        local = moment.astimezone(zone)
        day, time = QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)
        self.setDateTime(QDateTime(day, time, _WALL))

    def moment(self, zone: tzinfo) -> datetime:
        """The date and time shown, as an aware datetime in ``zone`` (to the minute)."""
        value = self.dateTime()
        day, time = value.date(), value.time()
        return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=zone)

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.currentSection() == QDateTimeEdit.Section.AmPmSection:
            letter = event.text().strip().casefold()
            halves = ((False, self.locale().amText()), (True, self.locale().pmText()))
            pm = next(
                (p for p, text in halves if letter and text.casefold().startswith(letter)), None
            )
            if pm is not None:
                self._set_half(pm)
                event.accept()
                return
        super().keyPressEvent(event)

    def _set_half(self, pm: bool) -> None:
        value = self.dateTime()
        if (value.time().hour() >= 12) != pm:
            self.setDateTime(value.addSecs(12 * 3600 if pm else -12 * 3600))
        self.setSelectedSection(QDateTimeEdit.Section.AmPmSection)
