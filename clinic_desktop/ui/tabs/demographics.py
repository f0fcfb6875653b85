"""The Demographics & guardians tab: who the student is and who may be called or consent.

Read-only here; "Edit…" opens the student dialog (``edit_requested``), which owns the
form, its validation and the guardians' management.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.records import GuardianView, StudentDetail
from clinic_desktop.ui import style
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.student_dialog import relation_label, sex_label

#: Student facts in two columns: (key, label).
FACTS = (
    (
        ("name", QT_TRANSLATE_NOOP("DemographicsTab", "Legal name")),
        ("preferred", QT_TRANSLATE_NOOP("DemographicsTab", "Preferred name")),
        ("born", QT_TRANSLATE_NOOP("DemographicsTab", "Date of birth")),
        ("sex", QT_TRANSLATE_NOOP("DemographicsTab", "Sex")),
        ("gender", QT_TRANSLATE_NOOP("DemographicsTab", "Gender identity")),
        ("language", QT_TRANSLATE_NOOP("DemographicsTab", "Language")),
    ),
    (
        ("school", QT_TRANSLATE_NOOP("DemographicsTab", "School")),
        ("grade", QT_TRANSLATE_NOOP("DemographicsTab", "Grade")),
        ("district", QT_TRANSLATE_NOOP("DemographicsTab", "District ID")),
        ("local", QT_TRANSLATE_NOOP("DemographicsTab", "Local ID")),
        ("zip", QT_TRANSLATE_NOOP("DemographicsTab", "ZIP code")),
        ("insurance", QT_TRANSLATE_NOOP("DemographicsTab", "Insurance / Medicaid ID")),
        ("foster", QT_TRANSLATE_NOOP("DemographicsTab", "Foster care")),
    ),
)
NO_GUARDIANS_TEXT = QT_TRANSLATE_NOOP(
    "DemographicsTab", "No guardians recorded. Add one with Edit student…"
)


class DemographicsTab(QWidget):
    #: The user asked to edit the student and their guardians.
    edit_requested = Signal()

    def __init__(self, *, can_edit: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts: dict[str, QLabel] = {}
        self.guardian_cards: list[QWidget] = []
        content = QWidget()
        self._column = QVBoxLayout(content)
        self._column.setContentsMargins(style.MARGIN, style.SPACING, style.MARGIN, style.MARGIN)
        self._column.setSpacing(style.SPACING)
        self._column.addLayout(self._build_title_row(can_edit))
        self._column.addLayout(self._build_facts())
        self._column.addSpacing(style.SPACING)
        self._column.addWidget(style.heading(self.tr("Guardians"), 1.1))
        self.no_guardians = style.secondary(_tr(NO_GUARDIANS_TEXT))
        self._column.addWidget(self.no_guardians)
        self._guardians = QGridLayout()
        self._guardians.setSpacing(style.SPACING)
        self._column.addLayout(self._guardians)
        self._column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName(self.tr("Demographics and guardians"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _build_title_row(self, can_edit: bool) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(style.heading(self.tr("Student"), 1.1), 1)
        self.edit_button = QPushButton(self.tr("Edit student and guardians…"))
        self.edit_button.setObjectName("editStudent")
        self.edit_button.setAccessibleName(self.tr("Edit student and guardians"))
        self.edit_button.setVisible(can_edit)
        self.edit_button.clicked.connect(self.edit_requested)
        row.addWidget(self.edit_button)
        return row

    def _build_facts(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(style.MARGIN * 2)
        for group in FACTS:
            form = QFormLayout()
            form.setHorizontalSpacing(style.SPACING * 2)
            form.setVerticalSpacing(style.SPACING // 2 + 2)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
            for key, source in group:
                label = _tr(source)
                value = QLabel()
                value.setObjectName(f"fact-{key}")
                value.setAccessibleName(label)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                self.facts[key] = value
                form.addRow(style.secondary(label, wrap=False), value)
            row.addLayout(form, 1)
        return row

    def show_student(self, student: StudentDetail) -> None:
        values = {
            "name": f"{student.first_name} {student.last_name}",
            "preferred": student.preferred_name or "—",
            "born": formats.birth_date(student.date_of_birth),
            "sex": sex_label(student.sex) or "—",
            "gender": student.gender_identity or "—",
            "language": formats.language_name(student.language) or "—",
            "school": _school(student),
            "grade": student.grade or "—",
            "district": student.district_id or "—",
            "local": student.local_id or "—",
            "zip": student.zip_code or "—",
            "insurance": student.insurance_id or "—",
            "foster": self.tr("Yes: check who may consent")
            if student.foster_care
            else self.tr("No"),
        }
        for key, value in values.items():
            self.facts[key].setText(value)
        self._show_guardians(student.guardians)

    def _show_guardians(self, guardians: tuple[GuardianView, ...]) -> None:
        for card in self.guardian_cards:
            self._guardians.removeWidget(card)
            card.deleteLater()
        self.guardian_cards = [_guardian_card(g) for g in guardians]
        for position, card in enumerate(self.guardian_cards):
            self._guardians.addWidget(card, position // 2, position % 2)
        self.no_guardians.setVisible(not guardians)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DemographicsTab", text)


def _school(student: StudentDetail) -> str:
    if student.school_name and student.school_name != student.school_code:
        return f"{student.school_name} ({student.school_code})"
    return student.school_code


def _guardian_card(guardian: GuardianView) -> QWidget:
    card = style.card("guardianCard")
    card.setAccessibleName(
        QCoreApplication.translate("DemographicsTab", "Guardian {name}").format(name=guardian.name)
    )
    column = QVBoxLayout(card)
    column.setContentsMargins(style.SPACING + 4, style.SPACING, style.SPACING + 4, style.SPACING)
    column.setSpacing(2)
    name = style.heading(guardian.name, 1.0)
    name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    column.addWidget(name)
    relation = relation_label(guardian.relation)
    consent = (
        QCoreApplication.translate("DemographicsTab", "may consent")
        if guardian.can_consent
        else QCoreApplication.translate("DemographicsTab", "may not consent")
    )
    line = style.secondary(f"{relation} · {consent}", wrap=True)
    column.addWidget(line)
    for phone in guardian.phones:
        column.addWidget(_selectable(f"☎  {phone}"))
    if guardian.email:
        column.addWidget(_selectable(f"✉  {guardian.email}"))
    if guardian.language:
        speaks = QCoreApplication.translate("DemographicsTab", "Speaks {language}").format(
            language=formats.language_name(guardian.language)
        )
        column.addWidget(style.secondary(speaks))
    return card


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
