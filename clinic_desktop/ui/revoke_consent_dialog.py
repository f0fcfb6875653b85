"""Recording that a family withdrew a consent, and on which day.

A revocation takes effect on the day given (a family that withdraws at 9:00 must not have
information sent at 10:00), so the day matters: it defaults to today and the service
refuses a day in the future or before the paper was signed, beside the field.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from clinic_desktop.domain.records import ConsentView
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import consents as consent_ops
from clinic_desktop.ui.widgets.dates import DateField
from clinic_desktop.ui.widgets.form import FormSection
from clinic_desktop.ui.widgets.form_dialog import FormDialog


class RevokeConsentDialog(FormDialog):
    """Revokes one consent; ``consent_revoked(ConsentView)`` on success."""

    consent_revoked = Signal(object)

    def __init__(
        self, session: ClinicSession, consent: ConsentView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.consent = consent
        self.setWindowTitle(self.tr("Revoke consent — Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self._build()
        style.fit_to_width(self, style.chars(self, 80))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 2)
        layout.addWidget(style.heading(self.tr("Record that the consent was withdrawn"), 1.2))
        layout.addWidget(style.secondary(describe(self.consent)))
        section = FormSection(self.tr("Revocation"), self.errors)
        self.revoked_on = DateField()
        self.revoked_on.set_value(self.session.today())
        section.add_field(
            "revoked_on",
            self.tr("Withdrawn on"),
            self.revoked_on,
            hint=self.tr("Out of force from this day on."),
            required=True,
        )
        layout.addWidget(section)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.build_footer(self.tr("&Revoke"), "revokeButton"))
        self.revoke_button = self.accept_button

    def operation(self) -> Operation:
        return consent_ops.revoke_consent(
            parent=self,
            session=self.session,
            consent_id=self.consent.id,
            revoked_on=self.revoked_on.value(),
        )

    def saved(self, view: ConsentView) -> None:
        self.consent_revoked.emit(view)


def describe(consent: ConsentView) -> str:
    """ "Release of information for Eastside Counseling, signed 10/14/2026 by María Ñúñez"."""
    kind = (
        translate_message(consent.kind_label)[:1].upper()
        + translate_message(consent.kind_label)[1:]
    )
    signed = formats.short_date(consent.signed_on)
    signer = consent.signer_name or QCoreApplication.translate("RevokeConsentDialog", "the student")
    if consent.partner_name:
        text = QCoreApplication.translate(
            "RevokeConsentDialog", "{kind} for {partner}, signed {date} by {signer}."
        )
    else:
        text = QCoreApplication.translate(
            "RevokeConsentDialog", "{kind}, signed {date} by {signer}."
        )
    return text.format(kind=kind, partner=consent.partner_name, date=signed, signer=signer)
