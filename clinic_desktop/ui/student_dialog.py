"""Add or edit a student's demographics and the guardians who may consent for them.

Guardians are added, edited and removed inside this dialog and written only by its Save,
together with the student, so Cancel undoes everything. The services validate: a refused
student comes back as ``ValidationError`` and each reason is shown beside its field.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.records import StudentDetail
from clinic_desktop.domain.students import (
    GRADES,
    GUARDIAN_RELATIONS,
    SEX_CODES,
    GuardianInput,
    StudentInput,
)
from clinic_desktop.errors import ClinicError, FieldError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import dialogs, i18n, style
from clinic_desktop.ui.guardian_dialog import GuardianDialog
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import students as student_ops
from clinic_desktop.ui.operations.students import GuardianRow
from clinic_desktop.ui.widgets.choices import CodeCombo, LanguageBox, close_popups
from clinic_desktop.ui.widgets.dates import DateField
from clinic_desktop.ui.widgets.form import (
    FormSection,
    align_labels,
    on_change,
    set_tab_order,
)
from clinic_desktop.ui.widgets.form_dialog import FormDialog

WIDTH = 900
GUARDIAN_COLUMNS = (
    QT_TRANSLATE_NOOP("StudentDialog", "Name"),
    QT_TRANSLATE_NOOP("StudentDialog", "Relation"),
    QT_TRANSLATE_NOOP("StudentDialog", "Phone"),
    QT_TRANSLATE_NOOP("StudentDialog", "May consent"),
)
#: Widths of the columns after the name, in average characters.
_GUARDIAN_WIDTHS = (14, 20, 11)
_GRADE_LABELS = {
    "PK": QT_TRANSLATE_NOOP("StudentDialog", "Pre-K"),
    "TK": QT_TRANSLATE_NOOP("StudentDialog", "Transitional K"),
    "K": QT_TRANSLATE_NOOP("StudentDialog", "Kindergarten"),
    "13": QT_TRANSLATE_NOOP("StudentDialog", "13 (transition)"),
}
#: How each relation code reads on screen, in the order of ``GUARDIAN_RELATIONS`` (zipped
#: strictly: a relation added to the domain without a label here fails at import).
_RELATION_LABELS = dict(
    zip(
        GUARDIAN_RELATIONS,
        (
            QT_TRANSLATE_NOOP("StudentDialog", "Mother"),
            QT_TRANSLATE_NOOP("StudentDialog", "Father"),
            QT_TRANSLATE_NOOP("StudentDialog", "Parent"),
            QT_TRANSLATE_NOOP("StudentDialog", "Grandparent"),
            QT_TRANSLATE_NOOP("StudentDialog", "Aunt/uncle"),
            QT_TRANSLATE_NOOP("StudentDialog", "Sibling"),
            QT_TRANSLATE_NOOP("StudentDialog", "Foster parent"),
            QT_TRANSLATE_NOOP("StudentDialog", "Legal guardian"),
            QT_TRANSLATE_NOOP("StudentDialog", "Caseworker"),
            QT_TRANSLATE_NOOP("StudentDialog", "Other"),
        ),
        strict=True,
    )
)
#: How each sex code reads on screen, in the order of ``SEX_CODES`` (strict, as above).
_SEX_LABELS = dict(
    zip(
        SEX_CODES,
        (
            QT_TRANSLATE_NOOP("StudentDialog", "Female"),
            QT_TRANSLATE_NOOP("StudentDialog", "Male"),
            QT_TRANSLATE_NOOP("StudentDialog", "X (non-binary)"),
            QT_TRANSLATE_NOOP("StudentDialog", "Unknown"),
        ),
        strict=True,
    )
)
#: The age the date-of-birth calendar opens at, so picking a date takes few clicks.
_TYPICAL_AGE = 12


class StudentDialog(FormDialog):
    """Add (``student_id`` None) or edit a student; emits ``student_saved(StudentDetail)``."""

    student_saved = Signal(object)  # StudentDetail

    def __init__(
        self,
        session: ClinicSession,
        student_id: uuid.UUID | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.student_id = student_id
        self.ready = False  # the student (or the defaults) has been loaded
        self.guardian_dialog: GuardianDialog | None = None
        self._guardians: list[GuardianRow] = []
        self._removed: list[uuid.UUID] = []
        adding = student_id is None
        self.setWindowTitle(
            self.tr("New student — Clinic Desktop")
            if adding
            else self.tr("Edit student — Clinic Desktop")
        )
        self.setWindowIcon(style.app_icon())
        self._build()
        style.fit_to_width(self, WIDTH)
        self.set_enabled(False)
        self.status.setText(self.tr("Loading…"))
        self._load()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 4)
        layout.addLayout(self._build_header())
        self.form_error = self.errors.general
        layout.addWidget(self.form_error)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(style.SPACING + 6)
        body.addLayout(self._build_sections())
        body.addWidget(self._build_guardians(), 1)
        layout.addWidget(self.body, 1)
        layout.addLayout(self._build_footer())
        self._set_tab_order()
        on_change(self.foster_care, lambda: self.field_edited(""))

    def _build_header(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(2)
        adding = self.student_id is None
        self.title = style.heading(
            self.tr("New student") if adding else self.tr("Edit student"), accent=True
        )
        self.title.setObjectName("title")
        column.addWidget(self.title)
        self.subtitle = style.secondary(
            self.tr("Fields marked * are required; everything else can be added later.")
        )
        column.addWidget(self.subtitle)
        return column

    def _build_sections(self) -> QGridLayout:
        sections = (
            self._name_section(),
            self._school_section(),
            self._identity_section(),
            self._home_section(),
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(style.SPACING + 6)
        grid.setVerticalSpacing(style.SPACING + 6)
        for index, section in enumerate(sections):
            grid.addWidget(section, index // 2, index % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        align_labels(sections[0], sections[2])
        align_labels(sections[1], sections[3])
        return grid

    def _name_section(self) -> FormSection:
        section = FormSection(self.tr("Name"), self.errors)
        self.first_name = _line(self.tr("As on school records"))
        section.add_field("first_name", self.tr("First name"), self.first_name, required=True)
        self.last_name = _line("")
        section.add_field("last_name", self.tr("Last name"), self.last_name, required=True)
        self.preferred_name = _line(self.tr("Optional"))
        section.add_field("preferred_name", self.tr("Preferred name"), self.preferred_name)
        return section

    def _identity_section(self) -> FormSection:
        section = FormSection(self.tr("Birth and identity"), self.errors)
        self.date_of_birth = DateField()
        today = self.session.today()
        self.date_of_birth.blank_page = date(today.year - _TYPICAL_AGE, today.month, 1)
        section.add_field(
            "date_of_birth", self.tr("Date of birth"), self.date_of_birth, required=True
        )
        self.sex = CodeCombo((code, sex_label(code)) for code in SEX_CODES)
        section.add_field(
            "sex", self.tr("Sex"), self.sex, hint=self.tr("As recorded by the district")
        )
        self.gender_identity = _line(self.tr("Optional, in the student's words"))
        section.add_field("gender_identity", self.tr("Gender identity"), self.gender_identity)
        return section

    def _school_section(self) -> FormSection:
        section = FormSection(self.tr("School"), self.errors)
        self.school_code = _line(self.tr("e.g. LHS"))
        section.add_field("school_code", self.tr("School code"), self.school_code, required=True)
        self.grade = CodeCombo(
            [("", self.tr("Not recorded")), *((g, _grade_label(g)) for g in GRADES)]
        )
        section.add_field("grade", self.tr("Grade"), self.grade)
        self.district_id = _line(self.tr("From the district's records"))
        section.add_field("district_id", self.tr("District ID"), self.district_id)
        self.local_id = _line(self.tr("Optional"))
        section.add_field("local_id", self.tr("Local ID"), self.local_id)
        return section

    def _home_section(self) -> FormSection:
        section = FormSection(self.tr("Home and coverage"), self.errors)
        self.zip_code = _line(self.tr("e.g. 94601"))
        self.zip_code.setMaxLength(10)
        section.add_field("zip_code", self.tr("ZIP code"), self.zip_code)
        self.language = LanguageBox()
        section.add_field("language", self.tr("Language"), self.language)
        self.foster_care = QCheckBox(self.tr("In foster care"))
        self.foster_care.setObjectName("foster_care")
        self.foster_care.setAccessibleName(self.tr("In foster care"))
        section.add_row("", self.foster_care)
        self.insurance_id = _line(self.tr("Optional"))
        section.add_field("insurance_id", self.tr("Insurance / Medicaid ID"), self.insurance_id)
        return section

    def _build_guardians(self) -> QGroupBox:
        box = QGroupBox(self.tr("Parents and guardians"))
        column = QVBoxLayout(box)
        margin = style.SPACING + 6
        column.setContentsMargins(margin, margin, margin, style.SPACING)
        column.setSpacing(style.SPACING)
        column.addWidget(
            style.secondary(
                self.tr(
                    "“May consent” marks who has legal authority to consent to services for "
                    "this student. Changes here are saved with the student."
                )
            )
        )
        row = QHBoxLayout()
        row.setSpacing(style.SPACING)
        row.addWidget(self._build_guardian_list(), 1)
        row.addLayout(self._build_guardian_buttons())
        column.addLayout(row, 1)
        error = style.error_label("guardiansError")
        error.setAccessibleName(self.tr("Guardians: problem"))
        self.errors.add("guardians", error, self.guardian_list)
        column.addWidget(error)
        return box

    def _build_guardian_list(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName("guardians")
        tree.setAccessibleName(self.tr("Parents and guardians"))
        tree.setHeaderLabels(
            [QCoreApplication.translate("StudentDialog", c) for c in GUARDIAN_COLUMNS]
        )
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setMinimumHeight(tree.fontMetrics().height() * 5)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        char = tree.fontMetrics().averageCharWidth()
        for column, chars in enumerate(_GUARDIAN_WIDTHS, start=1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = tree.headerItem().text(column)
            wide = max(chars * char, header.fontMetrics().horizontalAdvance(title))
            tree.setColumnWidth(column, wide + 24)  # a translated title may be longer
        tree.itemSelectionChanged.connect(self._update_guardian_buttons)
        tree.itemActivated.connect(lambda _item, _column: self.edit_guardian())
        self.guardian_list = tree
        return tree

    def _build_guardian_buttons(self) -> QVBoxLayout:
        self.add_guardian_button = _button(
            self.tr("&Add…"), self.tr("Add a parent or guardian"), self.add_guardian
        )
        self.edit_guardian_button = _button(
            self.tr("&Edit…"), self.tr("Edit the selected guardian"), self.edit_guardian
        )
        self.remove_guardian_button = _button(
            self.tr("Re&move"), self.tr("Remove the selected guardian"), self.remove_guardian
        )
        column = QVBoxLayout()
        column.setSpacing(6)
        for button in (
            self.add_guardian_button,
            self.edit_guardian_button,
            self.remove_guardian_button,
        ):
            column.addWidget(button)
        column.addStretch(1)
        self._update_guardian_buttons()
        return column

    def _build_footer(self) -> QHBoxLayout:
        row = self.build_footer(
            self.tr("&Save student"),
            "saveButton",
            tooltip=self.tr("Save the student (Ctrl+Enter)"),
        )
        self.save_button = self.accept_button
        return row

    def _set_tab_order(self) -> None:
        set_tab_order(
            [
                self.first_name,
                self.last_name,
                self.preferred_name,
                self.date_of_birth,  # its editor and calendar button move with it
                self.sex,
                self.gender_identity,
                self.school_code,
                self.grade,
                self.district_id,
                self.local_id,
                self.zip_code,
                self.language,
                self.foster_care,
                self.insurance_id,
                self.guardian_list,
                self.add_guardian_button,
                self.edit_guardian_button,
                self.remove_guardian_button,
                self.save_button,
                self.cancel_button,
            ]
        )

    def _fields(self) -> dict[str, QWidget]:
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "preferred_name": self.preferred_name,
            "date_of_birth": self.date_of_birth,
            "sex": self.sex,
            "gender_identity": self.gender_identity,
            "school_code": self.school_code,
            "grade": self.grade,
            "district_id": self.district_id,
            "local_id": self.local_id,
            "zip_code": self.zip_code,
            "language": self.language,
            "insurance_id": self.insurance_id,
        }

    # --- loading and values ----------------------------------------------------------

    def _load(self) -> None:
        if self.student_id is None:
            op = student_ops.default_school_code(parent=self, session=self.session)
            op.success(self._defaults_loaded)
        else:
            op = student_ops.load_student(
                parent=self, session=self.session, student_id=self.student_id
            )
            op.success(self.set_student)
        op.known_error(self._load_refused).run_in_background()

    def _defaults_loaded(self, school_code: str) -> None:
        self.filling = True
        self.school_code.setText(school_code)
        self.sex.set_code("U")
        self.language.set_code("en")
        self.filling = False
        self._loaded()

    def set_student(self, detail: StudentDetail) -> None:
        """Fill the form with a stored student and their guardians."""
        self.filling = True
        try:
            for name, field in self._fields().items():
                _set_field(field, getattr(detail, name))
            self.foster_care.setChecked(detail.foster_care)
            self._guardians = [
                GuardianRow(student_ops.guardian_input(g), view=g) for g in detail.guardians
            ]
        finally:
            self.filling = False
        self.subtitle.setText(detail.display_name)
        self._show_guardians()
        self._loaded()

    def _loaded(self) -> None:
        self.ready = True
        self.status.setText("")
        self.set_enabled(True)
        self.first_name.setFocus()

    def _load_refused(self, exc: ClinicError) -> None:
        self.errors.show_general(translate_message(exc.message))
        self.status.setText("")

    def student_input(self) -> StudentInput:
        return StudentInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            date_of_birth=self.date_of_birth.value(),
            school_code=self.school_code.text(),
            district_id=self.district_id.text(),
            local_id=self.local_id.text(),
            preferred_name=self.preferred_name.text(),
            sex=self.sex.code(),
            gender_identity=self.gender_identity.text(),
            grade=self.grade.code(),
            zip_code=self.zip_code.text(),
            language=self.language.code(),
            foster_care=self.foster_care.isChecked(),
            insurance_id=self.insurance_id.text(),
        )

    def guardians(self) -> list[GuardianInput]:
        """The guardians as the form holds them now (saved or not)."""
        return [row.value for row in self._guardians]

    # --- guardians ----------------------------------------------------------------------

    def add_guardian(self) -> None:
        self._open_guardian(None, None)

    def edit_guardian(self) -> None:
        index = self._selected_guardian()
        if index is not None:
            self._open_guardian(index, self._guardians[index].value)

    def remove_guardian(self) -> None:
        """Take the guardian off the list; the store keeps them for consent history."""
        index = self._selected_guardian()
        if index is None:
            return
        row = self._guardians.pop(index)
        if row.view is not None:
            self._removed.append(row.view.id)
        self._guardians_changed()

    def _open_guardian(self, index: int | None, value: GuardianInput | None) -> None:
        dialog = GuardianDialog(self, value)
        dialog.guardian_accepted.connect(lambda g: self._guardian_accepted(index, g))
        dialog.finished.connect(dialog.deleteLater)
        self.guardian_dialog = dialog
        dialog.open()

    def _guardian_accepted(self, index: int | None, value: GuardianInput) -> None:
        if index is None:
            self._guardians.append(GuardianRow(value))
        else:
            row = self._guardians[index]
            self._guardians[index] = GuardianRow(value, view=row.view, changed=True)
        self._guardians_changed()

    def _guardians_changed(self) -> None:
        self.field_edited("guardians")
        self._show_guardians()

    def _show_guardians(self) -> None:
        self.guardian_list.clear()
        for row in self._guardians:
            self.guardian_list.addTopLevelItem(QTreeWidgetItem(_guardian_cells(row.value)))
        self._update_guardian_buttons()

    def _selected_guardian(self) -> int | None:
        items = self.guardian_list.selectedItems()
        return self.guardian_list.indexOfTopLevelItem(items[0]) if items else None

    def _update_guardian_buttons(self) -> None:
        selected = self._selected_guardian() is not None
        self.edit_guardian_button.setEnabled(selected)
        self.remove_guardian_button.setEnabled(selected)

    # --- saving and closing -------------------------------------------------------------

    def check(self) -> list[FieldError]:
        if not self.date_of_birth.is_blank() and self.date_of_birth.value() is None:
            reason = self.tr("is not a date; use {format}").format(format=i18n.date_hint())
            return [FieldError("date_of_birth", reason)]
        return []

    def operation(self) -> Operation:
        return student_ops.save_student(
            parent=self,
            session=self.session,
            student_id=self.student_id,
            student=self.student_input(),
            guardians=self._guardians,
            removed=self._removed,
        )

    def saved(self, detail: StudentDetail) -> None:
        self.student_saved.emit(detail)

    def field_problems(self, problems: Sequence[FieldError]) -> list[FieldError]:
        return [_guardian_problem(p) for p in problems]

    def has_unsaved_changes(self) -> bool:
        return self.dirty

    def ask_close(self) -> str:
        """Cancel and Esc with changes: throw them away, or go back to the form."""
        return dialogs.ask_close(
            self,
            self.tr("Discard changes?"),
            self.tr("The changes to this student and their guardians have not been saved."),
            action=self.tr("Discard changes"),
        )

    def hideEvent(self, event: QHideEvent) -> None:
        close_popups(self)  # hidden by the idle lock: no list left on the screen
        super().hideEvent(event)

    def busy_widgets(self) -> list[QWidget]:
        return [self.body]


def _grade_label(grade: str) -> str:
    if grade in _GRADE_LABELS:
        return QCoreApplication.translate("StudentDialog", _GRADE_LABELS[grade])
    return QCoreApplication.translate("StudentDialog", "Grade {grade}").format(grade=grade)


def sex_label(code: str) -> str:
    """A sex code as words in the interface language; an unknown code as stored."""
    if code in _SEX_LABELS:
        return QCoreApplication.translate("StudentDialog", _SEX_LABELS[code])
    return code


def relation_label(relation: str) -> str:
    """A guardian's relation in the interface language ("legal guardian" -> "Legal
    guardian"); a code this version does not know is shown as stored."""
    if relation in _RELATION_LABELS:
        return QCoreApplication.translate("StudentDialog", _RELATION_LABELS[relation])
    return relation.capitalize()


def _guardian_cells(guardian: GuardianInput) -> list[str]:
    phone = guardian.phones[0] if guardian.phones else ""
    if len(guardian.phones) > 1:
        phone += f" (+{len(guardian.phones) - 1})"
    return [
        guardian.name,
        relation_label(guardian.relation),
        phone,
        QCoreApplication.translate("StudentDialog", "Yes")
        if guardian.can_consent
        else QCoreApplication.translate("StudentDialog", "No"),
    ]


def _guardian_problem(problem: FieldError) -> FieldError:
    """The service names a guardian's fields "guardian.phones"; the form shows them together."""
    if problem.field.startswith("guardian."):
        field = problem.field.removeprefix("guardian.")
        reason = QCoreApplication.translate(
            "StudentDialog", "a guardian's {field} {reason}"
        ).format(field=field, reason=translate_message(problem.reason))
        return FieldError("guardians", reason)
    return problem


def _set_field(field: QWidget, value: object) -> None:
    if isinstance(field, QLineEdit):
        field.setText(str(value or ""))
    elif isinstance(field, DateField):
        field.set_value(value if isinstance(value, date) else None)
    elif isinstance(field, CodeCombo | LanguageBox):
        field.set_code(str(value or ""))


def _line(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def _button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button
