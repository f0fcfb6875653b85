"""Plays the demo clinic's care plan (``demo.care_plan``) through the real services.

Each step runs at its own moment: the session's and the store's clocks are set to the
step's time, so a consent signed in August, a screening in October and a referral closed
in November carry those dates in their rows, their events and the audit trail, and the
rules (consent gates, referral transitions, flag resolutions) judge them as they would
have then.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from clinic_desktop.demo.care_plan import (
    CareStep,
    CareSubject,
    ConsentStep,
    FlagStep,
    ReferralStep,
    ScreeningStep,
    TransitionStep,
    demo_partners,
)
from clinic_desktop.domain.consents import ConsentInput
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.services import consents, flags, partners, referrals, screenings
from clinic_desktop.services.context import ClinicSession

#: What a release for a referral lets the clinic share with the partner.
RELEASE_KINDS = ("demographics", "screening_results", "mental_health")


@dataclass(frozen=True)
class DemoSubject:
    """One demo student: store ids next to the facts the plan was made from."""

    student_id: uuid.UUID
    guardian_id: uuid.UUID | None  # the first guardian who may consent
    visit_ids: dict[datetime, uuid.UUID]  # by the planned visit's time
    care: CareSubject


class CarePlayer:
    """Runs care steps in order for one signed-in session (the demo clinician)."""

    def __init__(self, session: ClinicSession) -> None:
        self.session = session
        self._partners = {p.name: partners.add_partner(session, p).id for p in demo_partners()}
        self._screenings: dict[str, uuid.UUID] = {}
        self._referrals: dict[str, uuid.UUID] = {}

    def play(self, steps: Sequence[tuple[CareStep, DemoSubject]]) -> None:
        """Run ``steps`` (in time order) up to the real clock's now: the plan knows only
        the day, and a flag closed 25 minutes after this afternoon's screening has not
        been closed yet at noon. Later steps depend only on earlier ones."""
        now = self.session.now()
        for step, subject in steps:
            if step.at > now:
                break
            with self._at(step.at):
                self._run(step, subject)

    @contextlib.contextmanager
    def _at(self, moment: datetime) -> Iterator[None]:
        """The session's clock (audit, rules) and the store's (row stamps) at ``moment``."""
        session, store = self.session, self.session.store
        real = session.clock, store.clock
        session.clock = store.clock = lambda: moment.astimezone(UTC)
        try:
            yield
        finally:
            session.clock, store.clock = real

    def _run(self, step: CareStep, subject: DemoSubject) -> None:
        if isinstance(step, ConsentStep):
            self._consent(step, subject)
        elif isinstance(step, ScreeningStep):
            self._screening(step, subject)
        elif isinstance(step, FlagStep):
            self._close_flags(step, subject)
        elif isinstance(step, ReferralStep):
            self._referral(step, subject)
        else:
            self._transition(step)

    def _consent(self, step: ConsentStep, subject: DemoSubject) -> None:
        consents.record_consent(
            self.session,
            subject.student_id,
            ConsentInput(
                kind="services",
                signer_kind="guardian",
                signed_on=step.signed_on,
                guardian_id=subject.guardian_id,
                expires_on=step.expires_on,
            ),
        )

    def _screening(self, step: ScreeningStep, subject: DemoSubject) -> None:
        view = screenings.administer_screening(
            self.session,
            subject.student_id,
            step.instrument_id,
            step.answers,
            visit_id=subject.visit_ids.get(step.visit_at),
        )
        self._screenings[step.ref] = view.id

    def _close_flags(self, step: FlagStep, subject: DemoSubject) -> None:
        """Record the actions and close the sitting's flags with one note, as the
        clinician does in one flag dialog with the related flags ticked."""
        screening_id = self._screenings[step.screening_ref]
        open_ = screenings.open_flags(self.session, subject.student_id)
        chosen = [f.id for f in open_ if f.screening_id == screening_id]
        if chosen:
            flags.record_flag_actions(
                self.session, chosen[0], step.actions, close_note=step.note, also=chosen[1:]
            )

    def _referral(self, step: ReferralStep, subject: DemoSubject) -> None:
        partner_id = self._partners[step.partner]
        signed = step.at.date()
        consents.record_consent(
            self.session,
            subject.student_id,
            ConsentInput(
                kind="release_of_information",
                signer_kind="guardian",
                signed_on=signed,
                guardian_id=subject.guardian_id,
                partner_id=partner_id,
                purpose="Referral and coordination of care",
                information_kinds=RELEASE_KINDS,
                expires_on=signed + timedelta(days=365),
            ),
        )
        screening_id = self._screenings[step.screening_ref]
        # Made from the screening's open flag when there is one: the flag gets its
        # "referral made" action, linked.
        from_flag = next(
            (
                f.id
                for f in screenings.open_flags(self.session, subject.student_id)
                if f.screening_id == screening_id
            ),
            None,
        )
        view = referrals.create_referral(
            self.session,
            subject.student_id,
            ReferralInput(partner_id, step.reason, step.urgency, screening_id=screening_id),
            flag_id=from_flag,
        )
        self._referrals[step.ref] = view.id
        if step.send:
            with self._at(step.at + timedelta(minutes=2)):  # after the draft, on the timeline
                referrals.send_referral(self.session, view.id, shares=RELEASE_KINDS[:2])

    def _transition(self, step: TransitionStep) -> None:
        referrals.transition_referral(
            self.session,
            self._referrals[step.referral_ref],
            step.status,
            appointment_at=step.appointment_at,
            outcome=step.outcome,
        )
