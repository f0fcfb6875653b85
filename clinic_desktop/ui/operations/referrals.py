"""Thin UI operations on referrals: make them, move them along the loop, check the gate.

Making and moving referrals is the clinician's (the service refuses anyone else); a nurse
may still read them, which is why listing stays separate from the moves.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.records import PartnerView, ReferralView
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.services import partners, referrals
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.partners import PartnerQuery
from clinic_desktop.ui.operations import Operation

REFERRAL_CHANGES = frozenset({Change.REFERRALS})


@dataclass(frozen=True)
class PartnerChoices:
    """Active partners for a referral: those serving the student's age first."""

    fitting: tuple[PartnerView, ...]
    others: tuple[PartnerView, ...]


@dataclass(frozen=True)
class Move:
    """One status change as the action dialog collects it."""

    target: str
    note: str = ""
    appointment_at: datetime | None = None
    outcome: str | None = None


def list_referrals(*, parent: QWidget, session: ClinicSession, student_id: uuid.UUID) -> Operation:
    """The student's referrals, newest first; result: ``list[ReferralView]``. Audited."""
    return Operation(parent, lambda: referrals.list_referrals(session, student_id))


def partner_choices(*, parent: QWidget, session: ClinicSession, age: int) -> Operation:
    """Active partners split by whether they serve ``age``; result: ``PartnerChoices``."""

    def task() -> PartnerChoices:
        fitting = partners.search_partners(session, PartnerQuery(age=age))
        kept = {p.id for p in fitting}
        others = [p for p in partners.search_partners(session, PartnerQuery()) if p.id not in kept]
        return PartnerChoices(tuple(fitting), tuple(others))

    return Operation(parent, task)


def create_referral(
    *, parent: QWidget, session: ClinicSession, student_id: uuid.UUID, referral: ReferralInput
) -> Operation:
    """A new draft referral; result: ``ReferralView``. ``ValidationError`` names fields."""
    return Operation(
        parent,
        lambda: referrals.create_referral(session, student_id, referral),
        changes=REFERRAL_CHANGES,
    )


def create_from_flag(
    *,
    parent: QWidget,
    session: ClinicSession,
    flag_id: uuid.UUID,
    partner_id: uuid.UUID | None,
    reason: str,
    urgency: str,
) -> Operation:
    """A draft referral linked to the flag's screening; result: ``ReferralView``.

    A missing partner is refused here as the service would refuse it, so the dialog shows
    one kind of error whichever way the referral is made."""

    def task() -> ReferralView:
        if partner_id is None:
            raise ValidationError(
                [FieldError("partner_id", QCoreApplication.translate("operations", "is required"))]
            )
        return referrals.create_referral_from_flag(
            session, flag_id, partner_id, reason=reason, urgency=urgency
        )

    return Operation(parent, task, changes=REFERRAL_CHANGES | {Change.FLAGS})


def move_referral(
    *, parent: QWidget, session: ClinicSession, referral_id: uuid.UUID, move: Move
) -> Operation:
    """Move the referral along the loop; result: ``ReferralView``.

    ``TransitionRefusedError`` carries the domain's sentence (and, for Send, the failed
    release check); ``ValidationError`` names a bad note."""
    return Operation(
        parent,
        lambda: referrals.transition_referral(
            session,
            referral_id,
            move.target,
            note=move.note,
            appointment_at=move.appointment_at,
            outcome=move.outcome,
        ),
        changes=REFERRAL_CHANGES,
    )


def release_status(*, parent: QWidget, session: ClinicSession, referral_id: uuid.UUID) -> Operation:
    """Whether Send would pass the consent gate today; result: ``ConsentCheck``."""
    return Operation(parent, lambda: referrals.release_status(session, referral_id))
