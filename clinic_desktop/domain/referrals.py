"""Referrals to partner agencies: the closed-loop state machine, follow-ups and measures.

A referral is "closed loop" when the clinic learns what became of it. Its status moves
along ``TRANSITIONS`` (data, so the UI, the tests and the documentation read one table)::

    draft       -> sent, cancelled
    sent        -> scheduled, waitlisted, attended, declined, rejected, cancelled
    waitlisted  -> scheduled, declined, rejected, cancelled
    scheduled   -> scheduled (rescheduled), attended, no_show, declined, rejected, cancelled
    no_show     -> scheduled (again), declined, cancelled, closed
    attended    -> scheduled (next appointment), closed
    declined    -> closed          (the family said no: close with an outcome)
    rejected    -> closed          (the partner said no: close with an outcome)
    cancelled   -> (terminal)      (withdrawn by the clinic: made in error, student left)
    closed      -> (terminal)

Choices worth knowing:

* ``sent -> attended`` exists for walk-ins and emergent referrals (a crisis team, an
  emergency department) where nobody books an appointment first.
* ``declined`` and ``rejected`` are not endings: the clinician still closes the loop with an
  outcome (perhaps after finding another partner), so they stay on the follow-up list.
* ``cancelled`` is an ending without an outcome: the referral never should have existed or
  no longer concerns the clinic. After a family has been engaged (attended), the loop is
  closed with an outcome instead, so measures are not emptied by cancelling.
* Going back (declined -> sent, closed -> anything) is refused: a new referral keeps the
  history honest and passes the consent gate again.

Moving to ``sent`` needs a valid release of information for the partner (the consent gate):
``check_transition`` takes the result of ``consents.check_consent`` so it stays pure.
Closing needs an ``Outcome``; scheduling needs an appointment time.

Follow-up: every status change restarts the clock. The next follow-up is due a number of
*calendar* days after the change, by urgency (1, 3 and 14 by default, a site setting).
Calendar days, not school days, because a crisis does not wait for Monday and partners
work through school holidays. A scheduled referral is followed up the day after its
appointment instead ("did the student go?"). Open referrals whose follow-up is due today
or earlier form the follow-up queue.

Times passed in (event times, appointments) should be in the school's time zone: their
calendar date is what counts for follow-ups and measures.
"""

from __future__ import annotations

import re
import statistics
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from clinic_desktop.domain.consents import ConsentCheck, ConsentKind
from clinic_desktop.domain.fields import check_choice, check_text, clean_text
from clinic_desktop.errors import ClinicError, FieldError, ValidationError
from clinic_desktop.messages import Message, join, msg

MAX_REASON_LENGTH = 2000


class ReferralStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    WAITLISTED = "waitlisted"
    SCHEDULED = "scheduled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    DECLINED = "declined"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        """The status as a table cell shows it ("No-show")."""
        return "No-show" if self is ReferralStatus.NO_SHOW else self.value.capitalize()

    @property
    def is_open(self) -> bool:
        """Whether the referral still needs follow-up (everything but the two endings)."""
        return self not in _ENDINGS

    @property
    def needs_appointment(self) -> bool:
        """Whether moving to this status requires an appointment time."""
        return self is ReferralStatus.SCHEDULED


_ENDINGS = frozenset({ReferralStatus.CANCELLED, ReferralStatus.CLOSED})


class Urgency(StrEnum):
    """How soon the referral must progress; also the follow-up queue's first sort key."""

    EMERGENT = "emergent"
    URGENT = "urgent"
    ROUTINE = "routine"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def rank(self) -> int:
        """0 for the most pressing."""
        return list(Urgency).index(self)


class Outcome(StrEnum):
    """Why the loop was closed; recorded exactly when a referral is closed."""

    LINKED_TO_SERVICES = "linked_to_services"
    UNABLE_TO_CONTACT = "unable_to_contact"
    FAMILY_DECLINED = "family_declined"
    NOT_ELIGIBLE = "not_eligible"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


_S = ReferralStatus
#: Allowed next statuses, in the order the UI offers them as buttons.
TRANSITIONS: dict[ReferralStatus, tuple[ReferralStatus, ...]] = {
    _S.DRAFT: (_S.SENT, _S.CANCELLED),
    _S.SENT: (_S.SCHEDULED, _S.WAITLISTED, _S.ATTENDED, _S.DECLINED, _S.REJECTED, _S.CANCELLED),
    _S.WAITLISTED: (_S.SCHEDULED, _S.DECLINED, _S.REJECTED, _S.CANCELLED),
    _S.SCHEDULED: (
        _S.SCHEDULED,
        _S.ATTENDED,
        _S.NO_SHOW,
        _S.DECLINED,
        _S.REJECTED,
        _S.CANCELLED,
    ),
    _S.NO_SHOW: (_S.SCHEDULED, _S.DECLINED, _S.CANCELLED, _S.CLOSED),
    _S.ATTENDED: (_S.SCHEDULED, _S.CLOSED),
    _S.DECLINED: (_S.CLOSED,),
    _S.REJECTED: (_S.CLOSED,),
    _S.CANCELLED: (),
    _S.CLOSED: (),
}
#: Every referral starts here.
INITIAL_STATUS = ReferralStatus.DRAFT


def next_actions(status: ReferralStatus) -> list[ReferralStatus]:
    """The statuses a referral in ``status`` may move to, in button order."""
    return list(TRANSITIONS[ReferralStatus(status)])


def action_label(current: ReferralStatus, target: ReferralStatus) -> str:
    """The button text for moving from ``current`` to ``target`` ("Reschedule", "Close")."""
    if target is ReferralStatus.SCHEDULED and current in _SCHEDULED_BEFORE:
        return "Reschedule" if current is ReferralStatus.SCHEDULED else "Schedule again"
    return _ACTION_LABELS[target]


#: Statuses from which scheduling means booking another appointment.
_SCHEDULED_BEFORE = frozenset({_S.SCHEDULED, _S.NO_SHOW, _S.ATTENDED})


_ACTION_LABELS = {
    _S.DRAFT: "Back to draft",
    _S.SENT: "Send",
    _S.WAITLISTED: "Mark waitlisted",
    _S.SCHEDULED: "Schedule",
    _S.ATTENDED: "Mark attended",
    _S.NO_SHOW: "Mark no-show",
    _S.DECLINED: "Family declined",
    _S.REJECTED: "Partner rejected",
    _S.CANCELLED: "Cancel referral",
    _S.CLOSED: "Close",
}


# --- refusing transitions ----------------------------------------------------------


class RefusalReason(StrEnum):
    NOT_ALLOWED = "not_allowed"
    OUTCOME_REQUIRED = "outcome_required"
    OUTCOME_NOT_ALLOWED = "outcome_not_allowed"
    APPOINTMENT_REQUIRED = "appointment_required"
    APPOINTMENT_NOT_ALLOWED = "appointment_not_allowed"
    RELEASE_REQUIRED = "release_required"
    APPOINTMENT_AHEAD = "appointment_ahead"
    ATTENDED_TIME_REQUIRED = "attended_time_required"
    ATTENDED_TIME_INVALID = "attended_time_invalid"


class TransitionRefusedError(ClinicError):
    """A status change the rules do not allow; ``message`` says what would make it possible.

    ``consent_check`` is the failed release check when the consent gate refused.
    """

    def __init__(
        self,
        reason: RefusalReason,
        message: str,
        consent_check: ConsentCheck | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.consent_check = consent_check


def check_transition(
    current: ReferralStatus,
    target: ReferralStatus,
    *,
    outcome: Outcome | None = None,
    appointment_at: datetime | None = None,
    release_check: ConsentCheck | None = None,
) -> None:
    """Return if ``current -> target`` is allowed with these details; else refuse it.

    An outcome is required exactly when closing; an appointment time is required when
    scheduling, optional when marking attended (the day it happened) and refused otherwise;
    sending requires ``release_check`` to be a valid release of information for the partner.
    Refusals raise ``TransitionRefusedError`` with a sentence saying what is missing.
    """
    current, target = ReferralStatus(current), ReferralStatus(target)
    if target not in TRANSITIONS[current]:
        raise TransitionRefusedError(
            RefusalReason.NOT_ALLOWED, _not_allowed_message(current, target)
        )
    _check_appointment(target, appointment_at)
    _check_outcome(target, outcome)
    if target is ReferralStatus.SENT:
        _check_release(release_check)


def _not_allowed_message(current: ReferralStatus, target: ReferralStatus) -> Message:
    """ "A referral that is attended can be scheduled again or closed, not sent." """
    allowed = TRANSITIONS[current]
    state = _STATE_PHRASES[current]
    if current is ReferralStatus.CLOSED:
        return msg("A referral that is {current} cannot change any more.", current=state)
    if not allowed:
        return msg(
            "A referral that is {current} cannot change any more; make a new referral instead.",
            current=state,
        )
    return msg(
        "A referral that is {current} can be {options}, not {target}.",
        current=state,
        options=_join_or([_action_phrase(current, t) for t in allowed]),
        target=_action_phrase(current, target),
    )


def _action_phrase(current: ReferralStatus, target: ReferralStatus) -> Message:
    if target is ReferralStatus.SCHEDULED and current in _SCHEDULED_BEFORE:
        if current is ReferralStatus.SCHEDULED:
            return msg("rescheduled")
        return msg("scheduled again")
    return _ACTION_PHRASES[target]


#: How a status reads in "A referral that is ...".
_STATE_PHRASES = {
    _S.DRAFT: msg("a draft"),
    _S.SENT: msg("sent"),
    _S.WAITLISTED: msg("waitlisted"),
    _S.SCHEDULED: msg("scheduled"),
    _S.ATTENDED: msg("attended"),
    _S.NO_SHOW: msg("a no-show"),
    _S.DECLINED: msg("declined by the family"),
    _S.REJECTED: msg("rejected by the partner"),
    _S.CANCELLED: msg("cancelled"),
    _S.CLOSED: msg("closed"),
}
#: How a move reads in "... can be ..., not ...".
_ACTION_PHRASES = {
    **_STATE_PHRASES,
    _S.DRAFT: msg("made a draft again"),
    _S.ATTENDED: msg("marked attended"),
    _S.NO_SHOW: msg("marked as a no-show"),
    _S.DECLINED: msg("marked declined by the family"),
    _S.REJECTED: msg("marked rejected by the partner"),
}
#: How an outcome reads in "Choose an outcome to close the referral: ...".
_OUTCOME_PHRASES = {
    Outcome.LINKED_TO_SERVICES: msg("linked to services"),
    Outcome.UNABLE_TO_CONTACT: msg("unable to contact"),
    Outcome.FAMILY_DECLINED: msg("family declined"),
    Outcome.NOT_ELIGIBLE: msg("not eligible"),
    Outcome.OTHER: msg("other"),
}


def _join_or(phrases: Sequence[Message]) -> Message:
    if len(phrases) == 1:
        return phrases[0]
    return msg("{options} or {last}", options=join(phrases[:-1], ", "), last=phrases[-1])


def _check_appointment(target: ReferralStatus, appointment_at: datetime | None) -> None:
    if appointment_at is not None and appointment_at.utcoffset() is None:
        raise ValueError("appointment times must be timezone-aware")
    if target.needs_appointment and appointment_at is None:
        raise TransitionRefusedError(
            RefusalReason.APPOINTMENT_REQUIRED,
            "Enter the appointment date and time to schedule the referral.",
        )
    allowed = (ReferralStatus.SCHEDULED, ReferralStatus.ATTENDED)
    if appointment_at is not None and target not in allowed:
        raise TransitionRefusedError(
            RefusalReason.APPOINTMENT_NOT_ALLOWED,
            "An appointment time is recorded only when scheduling or marking attended.",
        )


def _check_outcome(target: ReferralStatus, outcome: Outcome | None) -> None:
    if target is ReferralStatus.CLOSED and outcome is None:
        raise TransitionRefusedError(
            RefusalReason.OUTCOME_REQUIRED,
            msg(
                "Choose an outcome to close the referral: {choices}.",
                choices=_join_or([_OUTCOME_PHRASES[o] for o in Outcome]),
            ),
        )
    if target is not ReferralStatus.CLOSED and outcome is not None:
        raise TransitionRefusedError(
            RefusalReason.OUTCOME_NOT_ALLOWED,
            "An outcome is recorded only when closing the referral.",
        )
    if outcome is not None:
        Outcome(outcome)  # an unknown code is a bug, not a choice


def _check_release(release_check: ConsentCheck | None) -> None:
    """The consent gate: information goes to a partner only under a valid release."""
    if release_check is not None and release_check.kind != ConsentKind.RELEASE_OF_INFORMATION:
        raise ValueError("the consent gate needs a release-of-information check")
    if release_check is None:
        raise TransitionRefusedError(
            RefusalReason.RELEASE_REQUIRED,
            "The referral cannot be sent without a valid release of information for the partner.",
        )
    if not release_check.valid:
        raise TransitionRefusedError(
            RefusalReason.RELEASE_REQUIRED,
            msg("The referral cannot be sent: {reason}", reason=release_check.message),
            consent_check=release_check,
        )


# --- marking attended ---------------------------------------------------------------


class EventFacts(Protocol):
    """What ``attended_time`` reads of a stored change (a record or a view will do)."""

    @property
    def to_status(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def appointment_at(self) -> datetime | None: ...


def attended_time(
    current: ReferralStatus,
    events: Iterable[EventFacts],
    attended_at: datetime | None,
    *,
    now: datetime,
) -> datetime:
    """When the student attended, to record with ``current -> attended``; refused with a
    sentence when it cannot be true.

    A scheduled referral is attended at its appointment unless another time is given, and
    not at all while that appointment is still ahead (reschedule it if it was moved).
    A walk-in (``sent -> attended``) has no appointment, so the time must be given. The
    time cannot be in the future, nor before the appointment was made (or the referral
    sent, for a walk-in), unless the appointment itself was booked after the fact.
    Minutes count, not seconds: that is what the dialog asks.
    """
    current = ReferralStatus(current)
    entered = [e for e in events if e.to_status == current]
    if not entered:
        raise ValueError(f"a {current} referral has a change into that status")
    latest = max(entered, key=lambda e: e.at)
    appointment = latest.appointment_at if current.needs_appointment else None
    if current.needs_appointment and appointment is None:
        raise ValueError("a scheduled referral has an appointment")
    if appointment is not None and _minute(appointment) > now:
        raise TransitionRefusedError(
            RefusalReason.APPOINTMENT_AHEAD,
            msg(
                "The appointment is on {when}, still ahead: mark it attended once it has "
                "happened, or reschedule it if it was moved.",
                when=appointment,
            ),
        )
    if attended_at is None:
        if appointment is None:
            raise TransitionRefusedError(
                RefusalReason.ATTENDED_TIME_REQUIRED,
                msg("Enter the date and time the student attended."),
            )
        attended_at = appointment
    if attended_at.utcoffset() is None:
        raise ValueError("attended times must be timezone-aware")
    if _minute(attended_at) > now:
        raise TransitionRefusedError(
            RefusalReason.ATTENDED_TIME_INVALID,
            msg("The time the student attended cannot be in the future."),
        )
    earliest = _minute(latest.at if appointment is None else min(latest.at, appointment))
    if attended_at < earliest:
        when = _minute(latest.at)
        too_early = (
            msg(
                "The time the student attended cannot be before the appointment was made ({when}).",
                when=when,
            )
            if appointment is not None
            else msg(
                "The time the student attended cannot be before the referral was sent ({when}).",
                when=when,
            )
        )
        raise TransitionRefusedError(RefusalReason.ATTENDED_TIME_INVALID, too_early)
    return attended_at


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


# --- follow-up dates ---------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpPolicy:
    """Calendar days from a status change to the next follow-up, by urgency (a setting)."""

    emergent_days: int = 1
    urgent_days: int = 3
    routine_days: int = 14

    def __post_init__(self) -> None:
        if min(self.emergent_days, self.urgent_days, self.routine_days) < 0:
            raise ValueError("follow-up days cannot be negative")

    def days_for(self, urgency: Urgency) -> int:
        return {
            Urgency.EMERGENT: self.emergent_days,
            Urgency.URGENT: self.urgent_days,
            Urgency.ROUTINE: self.routine_days,
        }[Urgency(urgency)]

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> FollowUpPolicy:
        """Read the stored setting; missing keys take their defaults."""
        known = asdict(cls())
        return cls(**{k: int(str(data[k])) for k in known if k in data})


def follow_up_due(urgency: Urgency, from_date: date, policy: FollowUpPolicy | None = None) -> date:
    """The follow-up date ``urgency`` gives a change made on ``from_date`` (calendar days)."""
    return from_date + timedelta(days=(policy or FollowUpPolicy()).days_for(urgency))


def next_follow_up(
    status: ReferralStatus,
    urgency: Urgency,
    on: date,
    *,
    policy: FollowUpPolicy | None = None,
    appointment_at: datetime | None = None,
) -> date | None:
    """What ``referrals.follow_up_due`` becomes after a change to ``status`` on ``on``.

    None once the referral has ended; the day after the appointment when scheduled (the
    question then is whether the student went); otherwise by urgency.
    """
    status = ReferralStatus(status)
    if not status.is_open:
        return None
    if status.needs_appointment:
        if appointment_at is None:
            raise ValueError("a scheduled referral has an appointment")
        return appointment_at.date() + timedelta(days=1)
    return follow_up_due(urgency, on, policy)


@dataclass(frozen=True)
class TransitionPlan:
    """What to store after an allowed change (one field per ``referrals`` column)."""

    status: ReferralStatus
    follow_up_due: date | None
    outcome: Outcome | None
    #: The release that opened the gate, set only when sending; None means "keep the
    #: stored value" (later moves must not unlink the consent the referral was sent under).
    consent_id: uuid.UUID | None = None


def plan_transition(
    current: ReferralStatus,
    target: ReferralStatus,
    *,
    urgency: Urgency,
    on: date,
    policy: FollowUpPolicy | None = None,
    outcome: Outcome | None = None,
    appointment_at: datetime | None = None,
    release_check: ConsentCheck | None = None,
) -> TransitionPlan:
    """Check the change (``check_transition``) and work out the referral's new columns."""
    check_transition(
        current, target, outcome=outcome, appointment_at=appointment_at, release_check=release_check
    )
    target = ReferralStatus(target)
    consent = release_check.consent if release_check and target is ReferralStatus.SENT else None
    return TransitionPlan(
        status=target,
        follow_up_due=next_follow_up(
            target, urgency, on, policy=policy, appointment_at=appointment_at
        ),
        outcome=Outcome(outcome) if outcome is not None else None,
        consent_id=consent.id if consent is not None else None,
    )


# --- new referrals -----------------------------------------------------------------


@dataclass(frozen=True)
class ReferralInput:
    """A referral as entered; it starts as ``INITIAL_STATUS``."""

    partner_id: uuid.UUID | None
    reason: str
    urgency: str = Urgency.ROUTINE
    screening_id: uuid.UUID | None = None
    visit_id: uuid.UUID | None = None

    def cleaned(self) -> ReferralInput:
        return replace(
            self, reason=clean_text(self.reason), urgency=clean_text(self.urgency).lower()
        )


def referral_errors(referral: ReferralInput) -> list[FieldError]:
    """Every problem with a (cleaned) referral input, each naming its field."""
    errors = []
    if referral.partner_id is None:
        errors.append(FieldError("partner_id", "is required"))
    reason = check_text(
        referral.reason, required=True, max_length=MAX_REASON_LENGTH, multiline=True
    )
    if reason:
        errors.append(FieldError("reason", reason))
    urgency = check_choice(referral.urgency, set(Urgency))
    if urgency:
        errors.append(FieldError("urgency", urgency))
    return errors


def validated_referral(referral: ReferralInput) -> ReferralInput:
    """The cleaned input, or ``ValidationError`` listing every bad field."""
    cleaned = referral.cleaned()
    ValidationError.check(referral_errors(cleaned))
    return cleaned


# --- the follow-up queue -----------------------------------------------------------


@dataclass(frozen=True)
class ReferralFollowUp:
    """The columns of a referral the follow-up queue needs."""

    referral_id: uuid.UUID
    status: ReferralStatus
    urgency: Urgency
    follow_up_due: date | None


@dataclass(frozen=True)
class FollowUpItem:
    """A referral to follow up today; ``days_overdue`` is 0 when it is due today."""

    referral: ReferralFollowUp
    due: date
    days_overdue: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


@dataclass(frozen=True)
class FollowUpDue:
    """A referral that needs following up: since ``due``, ``days_overdue`` days late (0:
    due today)."""

    due: date
    days_overdue: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def follow_up_on(
    status: ReferralStatus | str, follow_up_due: date | None, today: date
) -> FollowUpDue | None:
    """Whether a referral needs following up on ``today``, and how late: the one rule of
    the follow-up queue, the Today list and the chart's Referrals tab.

    None when the loop has ended or the follow-up is still ahead. An open referral without
    a due date is due today, so a data slip never hides a referral from the clinician.
    """
    if not ReferralStatus(status).is_open:
        return None
    due = follow_up_due or today
    if due > today:
        return None
    return FollowUpDue(due, (today - due).days)


def follow_up_queue(referrals: Iterable[ReferralFollowUp], today: date) -> list[FollowUpItem]:
    """Open referrals due for follow-up on ``today`` or earlier (``follow_up_on``):
    emergent first, then the oldest due date first (ties keep the input order)."""
    items = []
    for referral in referrals:
        state = follow_up_on(referral.status, referral.follow_up_due, today)
        if state is not None:
            items.append(FollowUpItem(referral, state.due, state.days_overdue))
    return sorted(items, key=lambda i: (Urgency(i.referral.urgency).rank, i.due))


# --- measures ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralEventRecord:
    """One stored status change (``referral_events``), as the measures need it."""

    to_status: ReferralStatus
    at: datetime
    appointment_at: datetime | None = None


@dataclass(frozen=True)
class ReferralHistory:
    """A referral's current status and outcome with its events (any order)."""

    status: ReferralStatus
    outcome: Outcome | None
    events: tuple[ReferralEventRecord, ...]


@dataclass(frozen=True)
class MeasureRow:
    """The measures for one month's referrals (or for all months: ``period`` "total").

    ``made``: referrals sent that month. ``completed``: of those, attended at least once
    (the student reached the partner, which is what "completion" means in referral-loop
    reporting). ``closed`` / ``linked_to_services``: of those, now closed, and closed with
    that outcome. ``median_days_to_attended``: from the day sent to the day of the first
    attended appointment, over the completed ones; None without any.
    """

    period: str
    made: int
    completed: int
    closed: int
    linked_to_services: int
    median_days_to_attended: float | None

    @property
    def completed_share(self) -> float | None:
        return self.completed / self.made if self.made else None

    @property
    def linked_share(self) -> float | None:
        """The share of closed referrals closed as linked to services; None if none closed."""
        return self.linked_to_services / self.closed if self.closed else None


@dataclass(frozen=True)
class ReferralMeasures:
    months: tuple[MeasureRow, ...]
    total: MeasureRow


@dataclass(frozen=True)
class _Milestones:
    """What the measures read from one referral's history."""

    sent_on: date
    month: str
    attended_on: date | None
    closed: bool
    linked: bool


_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def referral_measures(
    referrals: Iterable[ReferralHistory], months: Iterable[str]
) -> ReferralMeasures:
    """Measures by the month each referral was *sent* ("YYYY-MM"), for ``months`` only.

    Each month is a cohort: every number for a month is about the referrals sent in it,
    so recent months fill in as those referrals progress. Drafts never sent are not
    "made". Months with no referrals still get a row of zeros.
    """
    wanted = list(dict.fromkeys(months))
    if bad := [m for m in wanted if not _MONTH.fullmatch(m)]:
        raise ValueError(f"months must look like YYYY-MM: {bad}")
    found = (_milestones(r) for r in referrals)
    cohort = [m for m in found if m is not None and m.month in wanted]
    rows = tuple(_row(m, [x for x in cohort if x.month == m]) for m in wanted)
    return ReferralMeasures(months=rows, total=_row("total", cohort))


def _milestones(referral: ReferralHistory) -> _Milestones | None:
    events = sorted(referral.events, key=lambda e: e.at)
    sent = next((e for e in events if e.to_status == ReferralStatus.SENT), None)
    if sent is None:
        return None
    closed = referral.status == ReferralStatus.CLOSED
    return _Milestones(
        sent_on=sent.at.date(),
        month=f"{sent.at.year:04d}-{sent.at.month:02d}",
        attended_on=_first_attended_on(events),
        closed=closed,
        linked=closed and referral.outcome == Outcome.LINKED_TO_SERVICES,
    )


def _first_attended_on(events: Sequence[ReferralEventRecord]) -> date | None:
    """The day of the first attended appointment: the date given when marking attended,
    else the latest appointment scheduled before that, else the day it was recorded."""
    appointment: datetime | None = None
    for event in events:
        if event.to_status == ReferralStatus.SCHEDULED:
            appointment = event.appointment_at or appointment
        elif event.to_status == ReferralStatus.ATTENDED:
            return (event.appointment_at or appointment or event.at).date()
    return None


def _row(period: str, cohort: Sequence[_Milestones]) -> MeasureRow:
    days = [(m.attended_on - m.sent_on).days for m in cohort if m.attended_on is not None]
    return MeasureRow(
        period=period,
        made=len(cohort),
        completed=len(days),
        closed=sum(m.closed for m in cohort),
        linked_to_services=sum(m.linked for m in cohort),
        median_days_to_attended=float(statistics.median(days)) if days else None,
    )
