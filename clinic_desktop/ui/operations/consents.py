"""Thin UI operations on consents: list them with chips, record a signed paper, revoke one.

The consent form needs three things before it can offer choices: the student's guardians
(who may sign), the active partners (whom a release names) and the site's minor-consent
rule (whether the student may sign). ``consent_form_data`` loads them in one go.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.consents import ConsentInput, MinorConsentRule
from clinic_desktop.domain.records import GuardianView, PartnerView
from clinic_desktop.services import consents, partners, settings, students
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.partners import PartnerQuery
from clinic_desktop.ui.operations import Operation

#: A consent changes the chart header and the referrals it gates.
CONSENT_CHANGES = frozenset({Change.CONSENTS})


@dataclass(frozen=True)
class ConsentFormData:
    """What the consent form offers: who may sign, whom a release may name, the rule."""

    guardians: tuple[GuardianView, ...]
    partners: tuple[PartnerView, ...]
    rule: MinorConsentRule
    #: The student's date of birth: the rule is judged on the age at signing.
    date_of_birth: date
    student_name: str


def list_consents(*, parent: QWidget, session: ClinicSession, student_id: uuid.UUID) -> Operation:
    """The student's consents with chips and the kinds missing; ``ConsentOverview``."""
    return Operation(parent, lambda: consents.list_consents(session, student_id))


def consent_form_data(
    *, parent: QWidget, session: ClinicSession, student_id: uuid.UUID
) -> Operation:
    """Guardians, active partners and the minor-consent rule; ``ConsentFormData``."""

    def task() -> ConsentFormData:
        detail = students.get_student(session, student_id)
        active = partners.search_partners(session, PartnerQuery())
        rule = settings.get_settings(session).minor_consent
        return ConsentFormData(
            detail.guardians, tuple(active), rule, detail.date_of_birth, detail.display_name
        )

    return Operation(parent, task)


def record_consent(
    *, parent: QWidget, session: ClinicSession, student_id: uuid.UUID, consent: ConsentInput
) -> Operation:
    """Record a signed consent; result: ``ConsentView`` (``ValidationError`` names fields)."""
    return Operation(
        parent,
        lambda: consents.record_consent(session, student_id, consent),
        changes=CONSENT_CHANGES,
    )


def revoke_consent(
    *, parent: QWidget, session: ClinicSession, consent_id: uuid.UUID, revoked_on: date | None
) -> Operation:
    """Record the family's withdrawal on ``revoked_on``; result: ``ConsentView``."""
    return Operation(
        parent,
        lambda: consents.revoke_consent(session, consent_id, revoked_on),
        changes=CONSENT_CHANGES,
    )
