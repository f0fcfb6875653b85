"""The Consents tab: each kind's status at a glance, then every paper on file.

At the top, one chip per kind of consent (health services, release of information,
telehealth) says in a word where the student stands: valid, expiring within 30 days,
expired, revoked, or missing. The table lists every consent recorded with the same chips,
and the panel below says in a sentence whether the selected one holds today and why not.

A paper whose dates are fine can still not count (signed by a guardian without legal
authority, or by a student the site's rule does not allow): its chip then says "Does not
count" rather than "Valid", so a chip never promises more than the consent gives.

Printing the forms is the print preview's job: ``request_print(kind, **ids)`` emits
``print_requested(kind, ids)`` for it to connect to.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.consents import ConsentKind, InformationKind
from clinic_desktop.domain.records import ConsentOverview, ConsentView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import style
from clinic_desktop.ui.consent_dialog import kind_title
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.table_model import Row, TableModel
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import consents as consent_ops
from clinic_desktop.ui.revoke_consent_dialog import RevokeConsentDialog
from clinic_desktop.ui.tabs.student_tab import StudentTab
from clinic_desktop.ui.widgets.chips import StatusChip, chip_table, consent_chip

HEADERS = (
    QT_TRANSLATE_NOOP("ConsentsTab", "Kind"),
    QT_TRANSLATE_NOOP("ConsentsTab", "Partner"),
    QT_TRANSLATE_NOOP("ConsentsTab", "Signed by"),
    QT_TRANSLATE_NOOP("ConsentsTab", "Signed on"),
    QT_TRANSLATE_NOOP("ConsentsTab", "Expires"),
    QT_TRANSLATE_NOOP("ConsentsTab", "Status"),
)
STATUS_COLUMN = 5
NOT_COUNTING = (QT_TRANSLATE_NOOP("ConsentsTab", "Does not count"), "acute")
#: The printed form for each kind of consent (the forms package's names).
FORM_FOR_KIND = {
    ConsentKind.SERVICES.value: "consent",
    ConsentKind.RELEASE_OF_INFORMATION.value: "release",
    ConsentKind.TELEHEALTH.value: "consent",
}


def chip_for(consent: ConsentView) -> tuple[str, str]:
    """The word and tone of a consent's chip: the dates' verdict, unless it never held."""
    word, tone = consent_chip(consent.chip)
    if consent.chip in ("valid", "expiring") and not consent.valid:
        return _tr(NOT_COUNTING[0]), NOT_COUNTING[1]
    return word, tone


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConsentsTab", text)


class ConsentsTab(StudentTab):
    """Consents with chips; ``record_requested(kind, partner_id)`` asks for the form."""

    record_requested = Signal(str, object)
    #: ``(form kind, ids)``: a form to print (see the module docstring).
    print_requested = Signal(str, dict)
    loading_text = QT_TRANSLATE_NOOP("StudentTab", "Loading consents…")
    #: The guardians who signed are the student's.
    shows = frozenset({Change.CONSENTS, Change.STUDENTS})

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.can_record = session.can(Permission.RECORD_CONSENT)
        self.model = TableModel(tuple(_tr(h) for h in HEADERS), self)
        self.overview: ConsentOverview | None = None
        self.summary_chips: dict[str, StatusChip] = {}
        self.revoke_dialog: RevokeConsentDialog | None = None
        self.set_content(self._build_toolbar(), self._build_body())

    def _build_toolbar(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(style.SPACING)
        column.addWidget(self._build_summary())
        column.addLayout(self._build_buttons())
        return column

    def _build_body(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_table())
        self.detail = QLabel()
        self.detail.setObjectName("consentDetail")
        self.detail.setAccessibleName(self.tr("Selected consent"))
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setContentsMargins(style.SPACING, style.SPACING, style.SPACING, 0)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _build_summary(self) -> QWidget:
        card = style.card("consentSummary")
        card.setAccessibleName(self.tr("Consent status by kind"))
        row = QHBoxLayout(card)
        row.setContentsMargins(style.SPACING + 4, style.SPACING, style.SPACING + 4, style.SPACING)
        row.setSpacing(style.SPACING * 2)
        for kind in ConsentKind:
            cell = QVBoxLayout()
            cell.setSpacing(4)
            cell.addWidget(style.secondary(kind_title(kind), wrap=False))
            chip = StatusChip(kind_title(kind))
            self.summary_chips[kind.value] = chip
            cell.addWidget(chip)
            row.addLayout(cell)
        row.addStretch(1)
        return card

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.record_button = style.button(self.tr("Record consent…"), "recordConsent")
        self.record_button.setVisible(self.can_record)
        self.record_button.clicked.connect(lambda: self.record_requested.emit("services", None))
        self.release_button = style.button(
            self.tr("Record release of information…"), "recordRelease"
        )
        self.release_button.setVisible(self.can_record)
        self.release_button.clicked.connect(
            lambda: self.record_requested.emit(ConsentKind.RELEASE_OF_INFORMATION.value, None)
        )
        self.revoke_button = style.button(self.tr("Revoke…"), "revokeConsent")
        self.revoke_button.setVisible(self.can_record)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.print_button = style.button(self.tr("Print form…"), "printForm")
        self.print_button.setToolTip(
            self.tr("Print the blank form of the selected kind to have it signed")
        )
        self.print_button.clicked.connect(self.print_selected)
        for button in (
            self.record_button,
            self.release_button,
            self.revoke_button,
            self.print_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _build_table(self) -> QTableView:
        table = chip_table(
            self.model,
            name="consentsTable",
            accessible_name=self.tr("Consents on file"),
            stretch_column=1,
        )
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table = table
        return table

    # --- records -------------------------------------------------------------------------

    def fetch(self, student_id: uuid.UUID) -> Operation:
        return consent_ops.list_consents(parent=self, session=self.session, student_id=student_id)

    def has_records(self) -> bool:
        return self.overview is not None

    def clear(self) -> None:
        self.overview = None
        self.model.set_rows([])
        for chip in self.summary_chips.values():
            chip.set_status("…", "muted")
        self._show_consent(None)

    def show_records(self, found: object) -> None:
        assert isinstance(found, ConsentOverview)
        self.overview = found
        for kind, chip in self.summary_chips.items():
            newest = next((c for c in found.consents if c.kind == kind), None)
            chip.set_status(*(chip_for(newest) if newest else consent_chip("missing")))
        self.model.set_rows([self._row(c) for c in found.consents])
        self.set_state("")
        if found.consents:
            self.table.selectRow(0)
        else:
            self._show_consent(None)

    def _row(self, consent: ConsentView) -> Row:
        word, tone = chip_for(consent)
        expires = formats.short_date(consent.expires_on) if consent.expires_on else ""
        return Row(
            (
                kind_title(ConsentKind(consent.kind)),
                consent.partner_name or "—",
                consent.signer_name or "—",
                formats.short_date(consent.signed_on),
                expires or consent.expiry_event or "—",
                word,
            ),
            consent,
            tones={STATUS_COLUMN: tone},
        )

    def consents(self) -> list[ConsentView]:
        return [row.record for row in self.model.rows() if isinstance(row.record, ConsentView)]

    def chip_texts(self) -> dict[str, str]:
        """The summary chips as read aloud: kind -> "Release of information: Missing"."""
        return {kind: chip.accessibleName() for kind, chip in self.summary_chips.items()}

    # --- the selected consent ------------------------------------------------------------

    def selected(self) -> ConsentView | None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        return record if isinstance(record, ConsentView) else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_consent(self.selected())

    def _show_consent(self, consent: ConsentView | None) -> None:
        self.revoke_button.setEnabled(consent is not None and consent.revoked_on is None)
        self.print_button.setEnabled(consent is not None)
        self.detail.setText(consent_detail(consent) if consent else "")

    def revoke_selected(self) -> None:
        consent = self.selected()
        if consent is None or consent.revoked_on is not None or not self.can_record:
            return
        dialog = RevokeConsentDialog(self.session, consent, self)
        dialog.consent_revoked.connect(lambda _v: self._changed())
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.revoke_dialog = dialog
        dialog.open()

    def _changed(self) -> None:
        """Revoked: the list reloads on the change notice; the chart says "Saved."."""
        self.records_changed.emit()

    def print_selected(self) -> None:
        consent = self.selected()
        if consent is None:
            return
        ids: dict[str, Any] = {"student_id": consent.student_id, "consent_id": consent.id}
        if consent.partner_id is not None:
            ids["partner_id"] = consent.partner_id
        self.request_print(FORM_FOR_KIND.get(consent.kind, "consent"), **ids)

    def request_print(self, kind: str, **ids: Any) -> None:
        """Ask for a form to be printed: ``print_requested(kind, ids)``."""
        self.print_requested.emit(kind, ids)


def consent_detail(consent: ConsentView) -> str:
    """The verdict in a sentence, then what the paper says."""
    lines = [translate_message(consent.message)]
    if consent.purpose:
        lines.append(
            QCoreApplication.translate("ConsentsTab", "Purpose: {purpose}").format(
                purpose=consent.purpose
            )
        )
    if consent.information_kinds:
        shared = ", ".join(
            translate_message(InformationKind(k).label) if k in set(InformationKind) else k
            for k in consent.information_kinds
        )
        lines.append(
            QCoreApplication.translate("ConsentsTab", "May share: {shared}").format(shared=shared)
        )
    if consent.expiry_event and not consent.expires_on:
        lines.append(
            QCoreApplication.translate("ConsentsTab", "Expires: {event}").format(
                event=consent.expiry_event
            )
        )
    if consent.revoked_on:
        revoked = QCoreApplication.translate("ConsentsTab", "Revoked {date} (recorded by {user})")
        lines.append(
            revoked.format(date=formats.short_date(consent.revoked_on), user=consent.revoked_by)
        )
    lines.append(
        QCoreApplication.translate("ConsentsTab", "Recorded by {user}.").format(
            user=consent.recorded_by
        )
    )
    return "\n".join(lines)
