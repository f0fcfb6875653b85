"""A date typed as the interface writes dates, with a calendar to pick from, that may be
left blank.

``QDateEdit`` cannot be blank (a new student's date of birth must not default to some
date nobody entered) and, in the Qt versions we ship, refuses a year typed digit by digit,
so a date of birth is a line edit plus a calendar popup button. It reads and shows dates
in the interface language's one format (``i18n.format_date``: MM/DD/YYYY in English,
DD/MM/YYYY in Spanish) and also understands YYYY-MM-DD and YYYYMMDD, which mean the same
in every language.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QPoint, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
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
