"""Adding a partner agency to the directory, or correcting one.

The form has one field per column of the directory; the service validates (a name already
in the directory, in any case, is refused, since imports match partners by name) and its
reasons appear beside the fields. Services and languages are lists: several values are
separated with semicolons or commas, as in the CSV import.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.partners import MAX_AGE, PartnerInput, PartnerKind
from clinic_desktop.domain.records import PartnerView
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import style
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import partners as partner_ops
from clinic_desktop.ui.widgets.choices import CodeCombo
from clinic_desktop.ui.widgets.form import FormSection, align_labels
from clinic_desktop.ui.widgets.form_dialog import FormDialog
from clinic_desktop.ui.widgets.text import BoundedTextEdit

_LIST_SPLIT = re.compile(r"[;,\n]")
#: The spin boxes' value meaning "no limit" (shown as words, not a number).
NO_LIMIT = -1


def split_list(text: str) -> tuple[str, ...]:
    """ "Counseling; Family therapy" -> ("Counseling", "Family therapy")."""
    return tuple(part.strip() for part in _LIST_SPLIT.split(text) if part.strip())


class PartnerDialog(FormDialog):
    """Adds a partner (``partner`` None) or edits one; ``partner_saved(PartnerView)``."""

    partner_saved = Signal(object)

    def __init__(
        self,
        session: ClinicSession,
        partner: PartnerView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.partner = partner
        title = self.tr("Edit partner") if partner else self.tr("Add a partner")
        self.setWindowTitle(self.tr("{title} — Clinic Desktop").format(title=title))
        self.setWindowIcon(style.app_icon())
        self._build(title)
        if partner is not None:
            self.fill(partner)
        style.fit_to_width(self, style.chars(self, 96))

    def _build(self, title: str) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 2)
        layout.addWidget(style.heading(title, 1.3, accent=True))
        agency, contact = self._build_agency(), self._build_contact()
        layout.addWidget(agency)
        layout.addWidget(contact)
        align_labels(agency, contact)
        layout.addWidget(self.errors.general)
        layout.addLayout(self._build_footer())

    def _build_agency(self) -> FormSection:
        section = FormSection(self.tr("Agency"), self.errors)
        self.name = _line(self.tr("e.g. Eastside Counseling"))
        section.add_field("name", self.tr("Name"), self.name, required=True)
        self.kind = CodeCombo((k.value, k.label) for k in PartnerKind)
        section.add_field("kind", self.tr("Kind"), self.kind, required=True)
        self.services = _line(self.tr("e.g. Individual counseling; Family therapy"))
        section.add_field(
            "services", self.tr("Services"), self.services, hint=self.tr("Separate with ;")
        )
        self.languages = _line(self.tr("e.g. English; Spanish"))
        section.add_field("languages", self.tr("Languages"), self.languages)
        self.min_age, self.max_age = (
            _age_box(self.tr("No minimum")),
            _age_box(self.tr("No maximum")),
        )
        section.add_field("min_age", self.tr("Youngest age"), self.min_age)
        section.add_field("max_age", self.tr("Oldest age"), self.max_age)
        self.medicaid = QCheckBox(self.tr("Accepts Medicaid"))
        self.medicaid.setAccessibleName(self.tr("Accepts Medicaid"))
        section.add_row("", self.medicaid)
        return section

    def _build_contact(self) -> FormSection:
        section = FormSection(self.tr("Contact"), self.errors)
        self.contact_name = _line(self.tr("Who receives referrals"))
        section.add_field("contact_name", self.tr("Contact"), self.contact_name)
        self.phone = _line("(555) 555-0100")
        section.add_field("phone", self.tr("Phone"), self.phone)
        self.fax = _line("(555) 555-0199")
        section.add_field("fax", self.tr("Fax"), self.fax)
        self.email = _line("intake@example.org")
        section.add_field("email", self.tr("Email"), self.email)
        self.address = _text(2.5)
        section.add_field("address", self.tr("Address"), self.address)
        self.notes = _text(3)
        section.add_field("notes", self.tr("Notes"), self.notes)
        return section

    def _build_footer(self) -> QHBoxLayout:
        footer = self.build_footer(self.tr("Save partner"), "savePartner")
        self.save_button = self.accept_button
        return footer

    # --- values --------------------------------------------------------------------------

    def fill(self, partner: PartnerView) -> None:
        self.name.setText(partner.name)
        self.kind.set_code(partner.kind)
        self.services.setText("; ".join(partner.services))
        self.languages.setText("; ".join(partner.languages))
        self.min_age.setValue(NO_LIMIT if partner.min_age is None else partner.min_age)
        self.max_age.setValue(NO_LIMIT if partner.max_age is None else partner.max_age)
        self.medicaid.setChecked(partner.accepts_medicaid)
        self.contact_name.setText(partner.contact_name)
        self.phone.setText(partner.phone)
        self.fax.setText(partner.fax)
        self.email.setText(partner.email)
        self.address.setPlainText(partner.address)
        self.notes.setPlainText(partner.notes)

    def partner_input(self) -> PartnerInput:
        return PartnerInput(
            name=self.name.text(),
            kind=self.kind.code(),
            services=split_list(self.services.text()),
            languages=split_list(self.languages.text()),
            min_age=_age(self.min_age),
            max_age=_age(self.max_age),
            accepts_medicaid=self.medicaid.isChecked(),
            contact_name=self.contact_name.text(),
            phone=self.phone.text(),
            fax=self.fax.text(),
            email=self.email.text(),
            address=self.address.toPlainText(),
            notes=self.notes.toPlainText(),
        )

    def operation(self) -> Operation:
        return partner_ops.save_partner(
            parent=self,
            session=self.session,
            partner_id=self.partner.id if self.partner else None,
            partner=self.partner_input(),
        )

    def saved(self, view: PartnerView) -> None:
        self.partner_saved.emit(view)


def _line(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def _text(lines: float) -> BoundedTextEdit:
    return BoundedTextEdit(lines, lines * 2)


def _age_box(blank: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(NO_LIMIT, MAX_AGE)
    box.setSpecialValueText(blank)
    box.setValue(NO_LIMIT)
    box.setSuffix(QCoreApplication.translate("PartnerDialog", " years"))
    return box


def _age(box: QSpinBox) -> int | None:
    return None if box.value() == NO_LIMIT else box.value()
