"""The right-hand pane of the roster: who is selected (recognition facts only).

The chart will open here in a later version; for now the pane confirms the selection so
staff can check they have the right student before pressing Enter.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QStackedLayout, QVBoxLayout, QWidget

from clinic_desktop.services.records import StudentSummary
from clinic_desktop.ui import style
from clinic_desktop.ui.models.roster_model import format_birth_date

EMPTY_TEXT = "Select a student to open their chart"
_FACTS = (
    ("preferred", "Preferred name"),
    ("born", "Date of birth"),
    ("grade", "Grade"),
    ("school", "School"),
    ("district", "District ID"),
)


class StudentPane(QFrame):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(260)
        self._pages = QStackedLayout(self)
        self.empty_label = style.secondary(EMPTY_TEXT)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setObjectName("emptyPane")
        self._pages.addWidget(self._padded(self.empty_label, centered=True))
        self._pages.addWidget(self._padded(self._build_details()))

    def _build_details(self) -> QWidget:
        details = QWidget()
        column = QVBoxLayout(details)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(style.SPACING)
        self.name_label = style.heading("", 1.3)
        self.name_label.setObjectName("studentName")
        column.addWidget(self.name_label)
        form = QFormLayout()
        form.setHorizontalSpacing(style.SPACING * 2)
        form.setVerticalSpacing(6)
        self.facts: dict[str, QLabel] = {}
        for key, label in _FACTS:
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts[key] = value
            form.addRow(style.secondary(f"{label}", wrap=False), value)
        column.addLayout(form)
        column.addSpacing(style.SPACING)
        column.addWidget(style.secondary("Press Enter or double-click to open the chart."))
        column.addStretch(1)
        return details

    def _padded(self, content: QWidget, *, centered: bool = False) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        if centered:
            layout.addStretch(1)
        layout.addWidget(content)
        if centered:
            layout.addStretch(1)
        return page

    def show_student(self, student: StudentSummary | None) -> None:
        if student is None:
            self._pages.setCurrentIndex(0)
            return
        self.name_label.setText(f"{student.first_name} {student.last_name}")
        born = format_birth_date(student.date_of_birth)
        values = {
            "preferred": student.preferred_name or "—",
            "born": f"{born}  (age {student.age(self.today)})",
            "grade": student.grade or "—",
            "school": student.school_code,
            "district": student.district_id or "—",
        }
        for key, value in values.items():
            self.facts[key].setText(value)
        self._pages.setCurrentIndex(1)

    def shown_name(self) -> str:
        return self.name_label.text() if self._pages.currentIndex() == 1 else ""
