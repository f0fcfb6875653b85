"""One parent or guardian of a student, edited inside the student form.

Nothing is written here: the student form keeps the guardian until its own Save, so
Cancel there undoes everything. The guardian is checked with the domain's rules on OK
(the same ``guardian_errors`` the service applies), so a mistake is shown beside its
field while the user is still looking at it, not later in the student form.

Whether a guardian may legally consent follows the relation (a parent or legal guardian
usually may, a grandparent or caseworker usually may not) and stays editable, because
custody orders and placements change who holds that right.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.students import (
    CONSENTING_RELATIONS,
    GUARDIAN_RELATIONS,
    GuardianInput,
    guardian_errors,
)
from clinic_desktop.ui import style
from clinic_desktop.ui.widgets.choices import CodeCombo, LanguageBox, close_popups
from clinic_desktop.ui.widgets.form import FieldErrors, FormSection, on_change, set_tab_order

WIDTH = 500
_PHONE_SPLIT = re.compile(r"[,;]")


class GuardianDialog(QDialog):
    """Add (``guardian`` None) or edit a guardian; ``guardian_accepted(GuardianInput)``."""

    guardian_accepted = Signal(object)  # GuardianInput

    def __init__(self, parent: QWidget | None, guardian: GuardianInput | None = None) -> None:
        super().__init__(parent)
        self.adding = guardian is None
        self.setWindowTitle(self.tr("Add guardian") if self.adding else self.tr("Edit guardian"))
        self.setWindowIcon(style.app_icon())
        self._build()
        self.set_value(guardian or GuardianInput(name="", relation="parent", can_consent=True))
        self._watch_fields()
        style.fit_to_width(self, WIDTH)
        self.name.setFocus()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 4)
        title = (
            self.tr("Add a parent or guardian")
            if self.adding
            else self.tr("Edit parent or guardian")
        )
        layout.addWidget(style.heading(title, 1.3, accent=True))
        self.form_error = style.error_label("formError")
        self.errors = FieldErrors(self.form_error)
        layout.addWidget(self._build_section())
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        layout.addWidget(self._build_buttons())
        set_tab_order(
            [self.name, self.relation, self.can_consent, self.phones, self.email, self.language]
        )

    def _build_section(self) -> FormSection:
        section = FormSection(self.tr("Guardian"), self.errors)
        self.name = _line(self.tr("Full name"))
        section.add_field("name", self.tr("Name"), self.name)
        # Imported here: the student dialog imports this module (it opens this dialog).
        from clinic_desktop.ui.student_dialog import relation_label

        self.relation = CodeCombo((r, relation_label(r)) for r in GUARDIAN_RELATIONS)
        section.add_field("relation", self.tr("Relation"), self.relation)
        self.can_consent = QCheckBox(self.tr("Has legal authority to consent"))
        self.can_consent.setObjectName("can_consent")
        self.can_consent.setAccessibleName(self.tr("Has legal authority to consent"))
        self.can_consent.setToolTip(
            self.tr(
                "Set from the relation; change it when a custody order or placement says otherwise"
            )
        )
        section.add_row("", self.can_consent)
        self.phones = _line("(555) 555-0101")
        section.add_field(
            "phones",
            self.tr("Phones"),
            self.phones,
            hint=self.tr("Separate several numbers with commas"),
        )
        self.email = _line(self.tr("Optional"))
        section.add_field("email", self.tr("Email"), self.email)
        self.language = LanguageBox()
        section.add_field("language", self.tr("Language"), self.language)
        return section

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("Add guardian") if self.adding else self.tr("Keep changes"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok_button.setObjectName("okButton")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.ok_button, cancel):
            button.setAutoDefault(False)
            button.setAccessibleName(button.text().replace("&", ""))
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        return buttons

    def _watch_fields(self) -> None:
        for name, field in (
            ("name", self.name),
            ("phones", self.phones),
            ("email", self.email),
            ("language", self.language),
        ):
            on_change(field, lambda name=name: self.errors.clear(name))
        self.relation.currentIndexChanged.connect(self._relation_changed)

    # --- values ----------------------------------------------------------------------------

    def value(self) -> GuardianInput:
        return GuardianInput(
            name=self.name.text(),
            relation=self.relation.code(),
            phones=tuple(p.strip() for p in _PHONE_SPLIT.split(self.phones.text()) if p.strip()),
            language=self.language.code(),
            can_consent=self.can_consent.isChecked(),
            email=self.email.text(),
        )

    def set_value(self, guardian: GuardianInput) -> None:
        self.name.setText(guardian.name)
        blocked = self.relation.blockSignals(True)  # keep the recorded consent as it is
        self.relation.set_code(guardian.relation)
        self.relation.blockSignals(blocked)
        self.can_consent.setChecked(guardian.can_consent)
        self.phones.setText(", ".join(guardian.phones))
        self.email.setText(guardian.email)
        self.language.set_code(guardian.language)

    def _relation_changed(self) -> None:
        self.errors.clear("relation")
        self.can_consent.setChecked(self.relation.code() in CONSENTING_RELATIONS)

    def submit(self) -> None:
        """Check the guardian with the domain's rules; hand it over only when it is valid."""
        value = self.value()
        problems = guardian_errors(value.cleaned(), prefix="")
        if problems:
            self.errors.show(problems)
            style.grow_to_fit(self)
            return
        self.guardian_accepted.emit(value.cleaned())
        self.accept()

    def hideEvent(self, event: QHideEvent) -> None:
        close_popups(self)  # hidden by the idle lock: no list left on the screen
        super().hideEvent(event)


def _line(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit
