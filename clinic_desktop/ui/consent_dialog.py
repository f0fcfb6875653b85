"""Recording a signed consent from the paper in hand.

The form follows the paper: which kind, who signed (a parent or guardian with legal
authority, or the student where the site's minor-consent rule allows it), when; and for a
release of information, the partner, the purpose, what may be shared and until when (a
date or an event, as HIPAA allows either). The service validates; its reasons appear
beside the fields. A guardian without legal authority can still be chosen, because the
paper exists and the chart must say why it does not count, but the list says so.

Opened from a referral that could not be sent, the form starts as a release for that
referral's partner.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.consents import ConsentInput, ConsentKind, InformationKind, SignerKind
from clinic_desktop.domain.records import ConsentView
from clinic_desktop.domain.students import age_on
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import i18n, style
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import consents as consent_ops
from clinic_desktop.ui.operations.consents import ConsentFormData
from clinic_desktop.ui.student_dialog import relation_label
from clinic_desktop.ui.widgets.dates import DateField
from clinic_desktop.ui.widgets.form import FormSection, align_labels
from clinic_desktop.ui.widgets.form_dialog import FormDialog

#: Information a release for a referral usually covers (pre-ticked for a new release).
REFERRAL_DEFAULTS = (
    InformationKind.DEMOGRAPHICS,
    InformationKind.ATTENDANCE,
    InformationKind.SCREENING_RESULTS,
)


def kind_title(kind: ConsentKind) -> str:
    """ "Release of information" (the domain's label starts lower case for sentences)."""
    return i18n.translate_message(kind.label)[:1].upper() + i18n.translate_message(kind.label)[1:]


class ConsentDialog(FormDialog):
    """Records one consent for the student; ``consent_saved(ConsentView)`` on success."""

    consent_saved = Signal(object)

    def __init__(
        self,
        session: ClinicSession,
        student_id: uuid.UUID,
        *,
        kind: ConsentKind | str = ConsentKind.SERVICES,
        partner_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.student_id = student_id
        self.wanted_partner = partner_id
        self.data: ConsentFormData | None = None
        self.born: date | None = None
        self.today = session.today()
        self.ready = False  # until the guardians and partners arrive
        self.recorded: ConsentView | None = None
        self.setWindowTitle(self.tr("Record consent — Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self._build()
        self.set_kind(ConsentKind(kind))
        self.resize(style.chars(self, 150), style.em(self, 46))
        self._load()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(style.heading(self.tr("Record a signed consent"), 1.3, accent=True))
        self.student_label = style.secondary(self.tr("Loading the student's guardians…"))
        self.student_label.setObjectName("consentStudent")
        layout.addWidget(self.student_label)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, style.SPACING, 0)
        column.setSpacing(style.SPACING + 4)
        paper = self._build_paper_section()
        self.release = self._build_release_section()
        column.addWidget(paper)
        column.addWidget(self.release)
        column.addStretch(1)
        align_labels(paper, self.release)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(self.tr("Consent form"))
        # Tab goes field to field (the area scrolls to each); the area is not a stop itself.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.build_footer(self.tr("Save consent"), "saveConsent"))
        self.save_button = self.accept_button

    def _build_paper_section(self) -> FormSection:
        section = FormSection(self.tr("The paper"), self.errors)
        section.add_field("kind", self.tr("Kind"), self._build_kinds(), required=True)
        section.add_field("signer_kind", self.tr("Signed by"), self._build_signer(), required=True)
        self.guardian = QComboBox()
        self.guardian.setObjectName("guardianBox")
        section.add_field("guardian_id", self.tr("Guardian"), self.guardian)
        self.signed_on = DateField()
        self.signed_on.set_value(self.today)
        self.signed_on.changed.connect(self._signed_on_changed)
        section.add_field("signed_on", self.tr("Signed on"), self.signed_on, required=True)
        self.scope = QLineEdit()
        self.scope.setPlaceholderText(self.tr("Optional: limits written on the form"))
        section.add_field("scope", self.tr("Scope"), self.scope)
        return section

    def _build_kinds(self) -> QWidget:
        holder, self.kind_group, self.kind_buttons = _radio_row(
            [(k.value, kind_title(k)) for k in ConsentKind], "kind", self.tr("Kind"), vertical=True
        )
        self.kind_group.buttonToggled.connect(lambda _b, on: on and self._kind_changed())
        return holder

    def _build_signer(self) -> QWidget:
        holder, self.signer_group, self.signer_buttons = _radio_row(
            [(s.value, i18n.translate_message(s.label)) for s in SignerKind],
            "signer",
            self.tr("Signed by"),
        )
        self.signer_buttons[SignerKind.GUARDIAN.value].setChecked(True)
        self.signer_group.buttonToggled.connect(lambda _b, on: on and self._signer_changed())
        return holder

    def _build_release_section(self) -> FormSection:
        section = FormSection(self.tr("Release of information"), self.errors)
        self.partner = QComboBox()
        self.partner.setObjectName("partnerBox")
        section.add_field("partner_id", self.tr("Partner"), self.partner, required=True)
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(
            self.tr("e.g. Referral for counseling and care coordination")
        )
        section.add_field("purpose", self.tr("Purpose"), self.purpose, required=True)
        section.add_field("information_kinds", self.tr("May share"), self._build_information())
        section.add_field("expires_on", self.tr("Expires"), self._build_expiry(), required=True)
        return section

    def _build_information(self) -> QWidget:
        holder, grid = style.holder(
            self.tr("Information that may be shared"), QGridLayout, style.SPACING * 2
        )
        grid.setVerticalSpacing(2)
        self.information: dict[str, QCheckBox] = {}
        for index, kind in enumerate(InformationKind):
            box = QCheckBox(
                i18n.translate_message(kind.label)[:1].upper()
                + i18n.translate_message(kind.label)[1:]
            )
            box.setObjectName(f"info-{kind.value}")
            box.setAccessibleName(i18n.translate_message(kind.label))
            box.toggled.connect(lambda _on: self.errors.clear("information_kinds"))
            self.information[kind.value] = box
            grid.addWidget(box, index // 2, index % 2)
        holder.setFocusProxy(self.information[InformationKind.DEMOGRAPHICS.value])
        return holder

    def _build_expiry(self) -> QWidget:
        holder, grid = style.holder(self.tr("Expires"), QGridLayout, style.SPACING)
        self.expiry_group = QButtonGroup(self)
        self.expires_on_date = QRadioButton(self.tr("On"))
        self.expires_on_date.setAccessibleName(self.tr("Expires on a date"))
        self.expires_on_event = QRadioButton(self.tr("When"))
        self.expires_on_event.setAccessibleName(self.tr("Expires with an event"))
        self.expires_date = DateField()
        self.expires_date.setAccessibleName(self.tr("Expiry date"))
        self.expires_date.set_value(_a_year_after(self.today))
        self.expiry_event = QLineEdit()
        self.expiry_event.setObjectName("expiry_event")
        self.expiry_event.setAccessibleName(self.tr("Expiry event"))
        self.expiry_event.setPlaceholderText(self.tr("e.g. End of the 2026-27 school year"))
        for row, (button, field) in enumerate(
            ((self.expires_on_date, self.expires_date), (self.expires_on_event, self.expiry_event))
        ):
            self.expiry_group.addButton(button)
            grid.addWidget(button, row, 0)
            grid.addWidget(field, row, 1)
        self.expires_on_date.setChecked(True)
        self.expiry_group.buttonToggled.connect(lambda *_a: self._expiry_changed())
        self._expiry_changed()
        holder.setFocusProxy(self.expires_on_date)
        return holder

    # --- what the form offers ------------------------------------------------------------

    def _load(self) -> None:
        self.save_button.setEnabled(False)
        consent_ops.consent_form_data(
            parent=self, session=self.session, student_id=self.student_id
        ).success(self.show_data).known_error(
            lambda exc: self.errors.show_general(i18n.translate_message(exc.message))
        ).run_in_background()

    def show_data(self, data: ConsentFormData) -> None:
        self.data = data
        self.born = data.date_of_birth
        self.ready = True
        self.save_button.setEnabled(True)
        self.guardian.clear()
        for guardian in sorted(data.guardians, key=lambda g: not g.can_consent):
            text = (
                self.tr("{name}, {relation}")
                if guardian.can_consent
                else self.tr("{name}, {relation}  (no legal authority to consent)")
            )
            self.guardian.addItem(
                text.format(name=guardian.name, relation=relation_label(guardian.relation).lower()),
                guardian.id,
            )
        if not data.guardians:
            self.guardian.setPlaceholderText(
                self.tr("No guardians on file: add one with Edit student…")
            )
        self.partner.clear()
        for partner in data.partners:
            self.partner.addItem(partner.name, partner.id)
        self.partner.setCurrentIndex(_index_of(self.partner, self.wanted_partner))
        self.partner.setPlaceholderText(self.tr("Choose the partner the release names"))
        self.student_label.setText(
            self.tr("For {name}. Enter the consent as written on the signed paper.").format(
                name=data.student_name
            )
        )
        self._signer_changed()

    def set_kind(self, kind: ConsentKind | str) -> None:
        self.kind_buttons[ConsentKind(kind).value].setChecked(True)
        self._kind_changed()

    def kind(self) -> str:
        return _checked(self.kind_group, self.kind_buttons)

    def _kind_changed(self) -> None:
        is_release = self.kind() == ConsentKind.RELEASE_OF_INFORMATION
        self.release.setVisible(is_release)
        if is_release and not any(b.isChecked() for b in self.information.values()):
            for kind in REFERRAL_DEFAULTS:
                self.information[kind.value].setChecked(True)
        self.errors.clear("kind")
        self._signer_changed()

    def student_may_sign(self) -> bool:
        """Whether the site's rule lets the student sign this kind at their age that day."""
        if self.data is None or not self.kind():
            return False
        signed = self.signed_on.value() or self.today
        age = age_on(self.born, signed) if self.born else None
        return self.data.rule.allows(ConsentKind(self.kind()), age)

    def _signed_on_changed(self) -> None:
        self.errors.clear("signed_on")
        self._signer_changed()

    def _signer_changed(self) -> None:
        student = self.signer_buttons[SignerKind.STUDENT.value]
        allowed = self.student_may_sign()
        student.setEnabled(allowed)
        student.setToolTip(
            ""
            if allowed
            else self.tr("This site's minor-consent rule does not let the student sign this")
        )
        if student.isChecked() and not allowed:
            self.signer_buttons[SignerKind.GUARDIAN.value].setChecked(True)
        self.guardian.setEnabled(self.signer() == SignerKind.GUARDIAN)
        self.errors.clear("signer_kind")

    def signer(self) -> str:
        return _checked(self.signer_group, self.signer_buttons)

    def _expiry_changed(self) -> None:
        by_date = self.expires_on_date.isChecked()
        self.expires_date.setEnabled(by_date)
        self.expiry_event.setEnabled(not by_date)
        self.errors.clear("expires_on")

    # --- saving --------------------------------------------------------------------------

    def consent_input(self) -> ConsentInput:
        """The form as the service takes it; fields that do not apply are left empty."""
        release = self.kind() == ConsentKind.RELEASE_OF_INFORMATION
        guardian = self.signer() == SignerKind.GUARDIAN
        by_date = self.expires_on_date.isChecked()
        return ConsentInput(
            kind=self.kind(),
            signer_kind=self.signer(),
            signed_on=self.signed_on.value(),
            guardian_id=self.guardian.currentData() if guardian else None,
            partner_id=self.partner.currentData() if release else None,
            purpose=self.purpose.text() if release else "",
            information_kinds=tuple(
                code for code, box in self.information.items() if box.isChecked() and release
            ),
            expires_on=self.expires_date.value() if release and by_date else None,
            expiry_event=self.expiry_event.text() if release and not by_date else "",
            scope=self.scope.text(),
        )

    def operation(self) -> Operation:
        return consent_ops.record_consent(
            parent=self,
            session=self.session,
            student_id=self.student_id,
            consent=self.consent_input(),
        )

    def saved(self, view: ConsentView) -> None:
        self.recorded = view
        self.consent_saved.emit(view)


def _radio_row(
    choices: list[tuple[str, str]], prefix: str, name: str, *, vertical: bool = False
) -> tuple[QWidget, QButtonGroup, dict[str, QRadioButton]]:
    """Radio buttons side by side, or stacked (``vertical``) when their labels are long
    (the consent kinds are sentences, longer still in Spanish)."""
    layout: type[QBoxLayout] = QVBoxLayout if vertical else QHBoxLayout
    holder, row = style.holder(name, layout, style.SPACING // 2 if vertical else style.SPACING * 2)
    group = QButtonGroup(holder)
    buttons: dict[str, QRadioButton] = {}
    for code, label in choices:
        button = QRadioButton(label)
        button.setObjectName(f"{prefix}-{code}")
        button.setAccessibleName(
            QCoreApplication.translate("ConsentDialog", "{group}: {choice}").format(
                group=name, choice=label
            )
        )
        group.addButton(button)
        buttons[code] = button
        row.addWidget(button)
    row.addStretch(1)
    holder.setFocusProxy(next(iter(buttons.values())))
    return holder, group, buttons


def _index_of(box: QComboBox, value: object) -> int:
    """The index of the item holding ``value`` (-1: none). ``findData`` cannot be used:
    it compares Python objects such as UUIDs by identity, not by value."""
    return next((i for i in range(box.count()) if box.itemData(i) == value), -1)


def _checked(group: QButtonGroup, buttons: dict[str, QRadioButton]) -> str:
    checked = group.checkedButton()
    return next((code for code, b in buttons.items() if b is checked), "")


def _a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
