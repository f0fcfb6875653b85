"""Referrals: the whole transition grid, the consent gate, follow-ups and the measures."""

from __future__ import annotations

import itertools
import re
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from clinic_desktop.domain import referrals
from clinic_desktop.domain.consents import (
    ConsentCheck,
    ConsentKind,
    ConsentProblem,
    ConsentRecord,
    InformationKind,
    MinorConsentRule,
    SignerKind,
    check_consent,
)
from clinic_desktop.domain.referrals import (
    TRANSITIONS,
    FollowUpDue,
    FollowUpItem,
    FollowUpPolicy,
    Outcome,
    ReferralEventRecord,
    ReferralFollowUp,
    ReferralHistory,
    ReferralInput,
    ReferralStatus,
    RefusalReason,
    TransitionPlan,
    TransitionRefusedError,
    Urgency,
    action_label,
    attended_time,
    check_transition,
    follow_up_due,
    follow_up_on,
    follow_up_queue,
    next_actions,
    next_follow_up,
    plan_transition,
    referral_measures,
    validated_referral,
)
from clinic_desktop.errors import ClinicError, ValidationError

S = ReferralStatus
TZ = ZoneInfo("America/Los_Angeles")
TODAY = date(2026, 10, 14)
PARTNER = uuid.UUID(int=7)
CONSENT_ID = uuid.UUID(int=99)
APPOINTMENT = datetime(2026, 10, 20, 15, 30, tzinfo=TZ)
RULE = MinorConsentRule()

#: The table written out independently of the code, edge by edge.
EXPECTED_EDGES = {
    (S.DRAFT, S.SENT),
    (S.DRAFT, S.CANCELLED),
    (S.SENT, S.SCHEDULED),
    (S.SENT, S.WAITLISTED),
    (S.SENT, S.ATTENDED),
    (S.SENT, S.DECLINED),
    (S.SENT, S.REJECTED),
    (S.SENT, S.CANCELLED),
    (S.WAITLISTED, S.SCHEDULED),
    (S.WAITLISTED, S.DECLINED),
    (S.WAITLISTED, S.REJECTED),
    (S.WAITLISTED, S.CANCELLED),
    (S.SCHEDULED, S.SCHEDULED),
    (S.SCHEDULED, S.ATTENDED),
    (S.SCHEDULED, S.NO_SHOW),
    (S.SCHEDULED, S.DECLINED),
    (S.SCHEDULED, S.REJECTED),
    (S.SCHEDULED, S.CANCELLED),
    (S.NO_SHOW, S.SCHEDULED),
    (S.NO_SHOW, S.DECLINED),
    (S.NO_SHOW, S.CANCELLED),
    (S.NO_SHOW, S.CLOSED),
    (S.ATTENDED, S.SCHEDULED),
    (S.ATTENDED, S.CLOSED),
    (S.DECLINED, S.CLOSED),
    (S.REJECTED, S.CLOSED),
}
ALL_PAIRS = list(itertools.product(ReferralStatus, ReferralStatus))


def release(**overrides) -> ConsentRecord:
    values = {
        "kind": ConsentKind.RELEASE_OF_INFORMATION,
        "signed_on": date(2026, 9, 1),
        "signer_kind": SignerKind.GUARDIAN,
        "signer_has_authority": True,
        "partner_id": PARTNER,
        "expires_on": date(2027, 6, 30),
        "information_kinds": ("demographics", "screening_results"),
        "purpose": "Counseling referral",
        "id": CONSENT_ID,
    }
    return ConsentRecord(**{**values, **overrides})


def release_check(*records: ConsentRecord, on: date = TODAY, **kwargs) -> ConsentCheck:
    return check_consent(
        records,
        ConsentKind.RELEASE_OF_INFORMATION,
        on,
        rule=RULE,
        partner_id=PARTNER,
        partner_name="Eastside Counseling",
        **kwargs,
    )


VALID_RELEASE = release_check(release())


def required_details(target: ReferralStatus) -> dict:
    """Exactly what a legal move to ``target`` needs, nothing more."""
    details: dict = {}
    if target is S.CLOSED:
        details["outcome"] = Outcome.LINKED_TO_SERVICES
    if target is S.SCHEDULED:
        details["appointment_at"] = APPOINTMENT
    if target is S.SENT:
        details["release_check"] = VALID_RELEASE
    return details


def refused(current, target, **details) -> TransitionRefusedError:
    with pytest.raises(TransitionRefusedError) as caught:
        check_transition(current, target, **details)
    return caught.value


# --- the table ---------------------------------------------------------------------


def test_table_is_the_designed_one():
    edges = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}
    assert edges == EXPECTED_EDGES
    assert set(TRANSITIONS) == set(ReferralStatus)


def test_module_documentation_shows_the_same_table():
    documented = set()
    for line in (referrals.__doc__ or "").splitlines():
        match = re.fullmatch(r"\s+(\w+)\s+-> (.*)", line)
        if match and "terminal" not in match[2]:
            targets = re.sub(r"\([^)]*\)", "", match[2]).split(",")
            documented |= {(S(match[1]), S(t.strip())) for t in targets}
    assert documented == EXPECTED_EDGES


@pytest.mark.parametrize(("current", "target"), [p for p in ALL_PAIRS if p in EXPECTED_EDGES])
def test_every_legal_transition_is_accepted(current, target):
    check_transition(current, target, **required_details(target))


@pytest.mark.parametrize(("current", "target"), [p for p in ALL_PAIRS if p not in EXPECTED_EDGES])
def test_every_illegal_transition_is_refused_with_a_reason(current, target):
    # Supplying everything a move could need must not make an illegal move legal.
    error = refused(
        current,
        target,
        outcome=Outcome.OTHER if target is S.CLOSED else None,
        appointment_at=APPOINTMENT if target is S.SCHEDULED else None,
        release_check=VALID_RELEASE,
    )
    assert error.reason is RefusalReason.NOT_ALLOWED
    assert isinstance(error, ClinicError)
    assert error.message.startswith("A referral that is ")
    assert error.message.endswith(".")


def test_illegal_messages_say_what_is_possible():
    assert refused(S.ATTENDED, S.SENT).message == (
        "A referral that is attended can be scheduled again or closed, not sent."
    )
    assert refused(S.DRAFT, S.CLOSED).message == (
        "A referral that is a draft can be sent or cancelled, not closed."
    )
    assert refused(S.DECLINED, S.SCHEDULED).message == (
        "A referral that is declined by the family can be closed, not scheduled."
    )
    assert refused(S.SENT, S.NO_SHOW).message == (
        "A referral that is sent can be scheduled, waitlisted, marked attended, marked "
        "declined by the family, marked rejected by the partner or cancelled, not marked as "
        "a no-show."
    )
    assert refused(S.WAITLISTED, S.DRAFT).message.endswith("not made a draft again.")


def test_endings_cannot_change():
    assert refused(S.CLOSED, S.SENT).message == "A referral that is closed cannot change any more."
    assert refused(S.CANCELLED, S.SENT).message == (
        "A referral that is cancelled cannot change any more; make a new referral instead."
    )


def test_statuses_given_as_text_are_accepted():
    check_transition("draft", "cancelled")
    assert next_actions("attended") == [S.SCHEDULED, S.CLOSED]


@pytest.mark.parametrize("status", list(ReferralStatus))
def test_next_actions_follow_the_table(status):
    assert next_actions(status) == list(TRANSITIONS[status])
    assert (next_actions(status) == []) == (not status.is_open)


def test_open_statuses_and_appointments():
    assert {s for s in ReferralStatus if not s.is_open} == {S.CLOSED, S.CANCELLED}
    assert [s for s in ReferralStatus if s.needs_appointment] == [S.SCHEDULED]
    assert S.NO_SHOW.label == "No-show"
    assert S.WAITLISTED.label == "Waitlisted"


def test_action_labels():
    assert action_label(S.SENT, S.SCHEDULED) == "Schedule"
    assert action_label(S.SCHEDULED, S.SCHEDULED) == "Reschedule"
    assert action_label(S.NO_SHOW, S.SCHEDULED) == "Schedule again"
    assert action_label(S.WAITLISTED, S.SCHEDULED) == "Schedule"
    assert action_label(S.ATTENDED, S.CLOSED) == "Close"
    assert all(action_label(a, b) for a, b in EXPECTED_EDGES)


# --- details a transition needs ----------------------------------------------------


@pytest.mark.parametrize("current", [s for s in ReferralStatus if S.CLOSED in TRANSITIONS[s]])
def test_closing_requires_an_outcome(current):
    error = refused(current, S.CLOSED)
    assert error.reason is RefusalReason.OUTCOME_REQUIRED
    assert error.message == (
        "Choose an outcome to close the referral: linked to services, unable to contact, "
        "family declined, not eligible or other."
    )
    for outcome in Outcome:
        check_transition(current, S.CLOSED, outcome=outcome)


def test_an_outcome_belongs_only_to_closing():
    error = refused(S.SCHEDULED, S.ATTENDED, outcome=Outcome.LINKED_TO_SERVICES)
    assert error.reason is RefusalReason.OUTCOME_NOT_ALLOWED


def test_an_unknown_outcome_is_a_bug():
    with pytest.raises(ValueError):
        check_transition(S.ATTENDED, S.CLOSED, outcome="cured")  # type: ignore[arg-type]


@pytest.mark.parametrize("current", [S.SENT, S.WAITLISTED, S.SCHEDULED, S.NO_SHOW, S.ATTENDED])
def test_scheduling_requires_an_appointment(current):
    error = refused(current, S.SCHEDULED)
    assert error.reason is RefusalReason.APPOINTMENT_REQUIRED
    assert error.message == "Enter the appointment date and time to schedule the referral."


def test_attended_may_carry_the_day_it_happened():
    check_transition(S.SCHEDULED, S.ATTENDED, appointment_at=APPOINTMENT)
    check_transition(S.SENT, S.ATTENDED)


# --- marking attended: when it happened ---------------------------------------------

BOOKED = datetime(2026, 10, 14, 10, 30, 45, tzinfo=TZ)


def booked(appointment=APPOINTMENT, at=BOOKED):
    """A referral sent on Oct 13 and scheduled at ``at`` for ``appointment``."""
    return [
        ReferralEventRecord(S.SENT, datetime(2026, 10, 13, 9, 0, tzinfo=TZ)),
        ReferralEventRecord(S.SCHEDULED, at, appointment),
    ]


def attended_refusal(current, events, attended_at, now) -> TransitionRefusedError:
    with pytest.raises(TransitionRefusedError) as caught:
        attended_time(current, events, attended_at, now=now)
    return caught.value


def test_attended_defaults_to_the_appointment_once_it_has_passed():
    after = APPOINTMENT + timedelta(hours=2)
    assert attended_time(S.SCHEDULED, booked(), None, now=after) == APPOINTMENT
    assert attended_time(S.SCHEDULED, booked(), None, now=APPOINTMENT) == APPOINTMENT
    earlier = APPOINTMENT - timedelta(minutes=20)  # the student came early
    assert attended_time(S.SCHEDULED, booked(), earlier, now=after) == earlier


def test_attended_is_refused_before_the_appointment_has_happened():
    before = APPOINTMENT - timedelta(days=1)
    for attended_at in (None, before - timedelta(hours=1)):
        error = attended_refusal(S.SCHEDULED, booked(), attended_at, before)
        assert error.reason is RefusalReason.APPOINTMENT_AHEAD
        assert error.message == (
            "The appointment is on 2026-10-20 15:30, still ahead: mark it attended once it "
            "has happened, or reschedule it if it was moved."
        )


def test_attended_is_refused_in_the_future():
    now = APPOINTMENT + timedelta(hours=1)
    error = attended_refusal(S.SCHEDULED, booked(), now + timedelta(minutes=1), now)
    assert error.reason is RefusalReason.ATTENDED_TIME_INVALID
    assert error.message == "The time the student attended cannot be in the future."
    # The minute shown on the clock now is not "the future".
    assert attended_time(S.SCHEDULED, booked(), now.replace(second=0), now=now)


def test_attended_is_refused_before_the_appointment_was_booked():
    now = APPOINTMENT + timedelta(days=1)
    error = attended_refusal(S.SCHEDULED, booked(), BOOKED - timedelta(minutes=1), now)
    assert error.reason is RefusalReason.ATTENDED_TIME_INVALID
    assert error.message == (
        "The time the student attended cannot be before the appointment was made "
        "(2026-10-14 10:30)."
    )
    # The booking's minute is accepted (the dialog has no seconds).
    assert attended_time(S.SCHEDULED, booked(), BOOKED.replace(second=0), now=now)


def test_an_appointment_booked_after_the_fact_can_be_attended():
    """A clinician who books yesterday's appointment today can still mark it attended."""
    yesterday = BOOKED - timedelta(days=1)
    events = booked(appointment=yesterday)
    assert attended_time(S.SCHEDULED, events, None, now=BOOKED) == yesterday


def test_a_walk_in_asks_when_and_not_before_it_was_sent():
    sent = [ReferralEventRecord(S.SENT, BOOKED)]
    now = BOOKED + timedelta(hours=3)
    error = attended_refusal(S.SENT, sent, None, now)
    assert error.reason is RefusalReason.ATTENDED_TIME_REQUIRED
    assert error.message == "Enter the date and time the student attended."
    error = attended_refusal(S.SENT, sent, BOOKED - timedelta(hours=1), now)
    assert error.message == (
        "The time the student attended cannot be before the referral was sent (2026-10-14 10:30)."
    )
    walked_in = BOOKED + timedelta(hours=1)
    assert attended_time(S.SENT, sent, walked_in, now=now) == walked_in


def test_an_appointment_is_refused_where_it_means_nothing():
    error = refused(S.SCHEDULED, S.CANCELLED, appointment_at=APPOINTMENT)
    assert error.reason is RefusalReason.APPOINTMENT_NOT_ALLOWED


def test_a_naive_appointment_time_is_a_bug():
    with pytest.raises(ValueError, match="timezone"):
        check_transition(S.SENT, S.SCHEDULED, appointment_at=datetime(2026, 10, 20, 15))


# --- the consent gate --------------------------------------------------------------


def test_gate_opens_with_a_valid_release():
    assert VALID_RELEASE.valid
    check_transition(S.DRAFT, S.SENT, release_check=VALID_RELEASE)


def test_gate_refuses_without_a_checked_release():
    error = refused(S.DRAFT, S.SENT)
    assert error.reason is RefusalReason.RELEASE_REQUIRED
    assert error.message == (
        "The referral cannot be sent without a valid release of information for the partner."
    )
    assert error.consent_check is None


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ((), "There is no release of information for Eastside Counseling on file."),
        (
            (release(expires_on=date(2026, 9, 30)),),
            "The release of information for Eastside Counseling expired on 2026-09-30.",
        ),
        (
            (release(revoked_on=date(2026, 10, 1)),),
            "The release of information for Eastside Counseling was revoked on 2026-10-01.",
        ),
        (
            (release(partner_id=uuid.UUID(int=8)),),
            "The releases of information on file are for other partners, not for Eastside "
            "Counseling; a release naming it is needed.",
        ),
    ],
)
def test_gate_says_exactly_what_is_missing(records, expected):
    check = release_check(*records)
    error = refused(S.DRAFT, S.SENT, release_check=check)
    assert error.reason is RefusalReason.RELEASE_REQUIRED
    assert error.message == f"The referral cannot be sent: {expected}"
    assert error.consent_check is check


def test_gate_names_uncovered_information():
    check = release_check(release(), information_kinds_needed=["diagnoses", "screening_results"])
    error = refused(S.DRAFT, S.SENT, release_check=check)
    assert error.message == (
        "The referral cannot be sent: The release of information for Eastside Counseling "
        "does not cover: diagnoses."
    )
    assert check.missing_information == (InformationKind.DIAGNOSES,)
    assert error.consent_check is not None
    assert error.consent_check.reason is ConsentProblem.DOES_NOT_COVER


def test_gate_refuses_a_consent_of_another_kind_as_a_bug():
    services = check_consent(
        [release(kind=ConsentKind.SERVICES, partner_id=None)],
        ConsentKind.SERVICES,
        TODAY,
        rule=RULE,
    )
    assert services.valid
    with pytest.raises(ValueError, match="release"):
        check_transition(S.DRAFT, S.SENT, release_check=services)


def test_gate_applies_only_to_sending():
    # Later moves do not re-check the release (information already went with the referral).
    check_transition(S.SENT, S.SCHEDULED, appointment_at=APPOINTMENT, release_check=None)


# --- follow-up dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("urgency", "due"),
    [
        (Urgency.EMERGENT, date(2026, 10, 15)),
        (Urgency.URGENT, date(2026, 10, 17)),
        (Urgency.ROUTINE, date(2026, 10, 28)),
    ],
)
def test_follow_up_due_defaults_in_calendar_days(urgency, due):
    assert follow_up_due(urgency, TODAY) == due


def test_follow_up_counts_weekends_and_month_ends():
    friday = date(2026, 10, 30)
    assert follow_up_due(Urgency.EMERGENT, friday) == date(2026, 10, 31)
    assert follow_up_due(Urgency.URGENT, friday) == date(2026, 11, 2)


def test_follow_up_policy_is_a_setting():
    policy = FollowUpPolicy(emergent_days=0, urgent_days=2, routine_days=10)
    assert follow_up_due(Urgency.EMERGENT, TODAY, policy) == TODAY
    assert follow_up_due("routine", TODAY, policy) == date(2026, 10, 24)  # type: ignore[arg-type]
    assert FollowUpPolicy.from_json(policy.to_json()) == policy
    assert FollowUpPolicy.from_json({"urgent_days": "5"}) == FollowUpPolicy(urgent_days=5)
    with pytest.raises(ValueError):
        FollowUpPolicy(routine_days=-1)


def test_next_follow_up_after_each_kind_of_change():
    assert next_follow_up(S.CLOSED, Urgency.URGENT, TODAY) is None
    assert next_follow_up(S.CANCELLED, Urgency.URGENT, TODAY) is None
    assert next_follow_up(S.SENT, Urgency.URGENT, TODAY) == date(2026, 10, 17)
    assert next_follow_up(S.DECLINED, Urgency.ROUTINE, TODAY) == date(2026, 10, 28)
    scheduled = next_follow_up(S.SCHEDULED, Urgency.ROUTINE, TODAY, appointment_at=APPOINTMENT)
    assert scheduled == date(2026, 10, 21)  # the day after the appointment
    with pytest.raises(ValueError):
        next_follow_up(S.SCHEDULED, Urgency.ROUTINE, TODAY)


def test_plan_for_sending_records_the_release_used():
    plan = plan_transition(
        S.DRAFT, S.SENT, urgency=Urgency.EMERGENT, on=TODAY, release_check=VALID_RELEASE
    )
    assert plan == TransitionPlan(
        status=S.SENT, follow_up_due=date(2026, 10, 15), outcome=None, consent_id=CONSENT_ID
    )


def test_plan_for_closing_and_scheduling():
    closing = plan_transition(
        S.ATTENDED, S.CLOSED, urgency=Urgency.URGENT, on=TODAY, outcome=Outcome.NOT_ELIGIBLE
    )
    assert closing == TransitionPlan(S.CLOSED, None, Outcome.NOT_ELIGIBLE)
    scheduling = plan_transition(
        S.WAITLISTED, S.SCHEDULED, urgency=Urgency.URGENT, on=TODAY, appointment_at=APPOINTMENT
    )
    assert scheduling == TransitionPlan(S.SCHEDULED, date(2026, 10, 21), None)


def test_plan_refuses_what_check_refuses():
    with pytest.raises(TransitionRefusedError):
        plan_transition(S.CLOSED, S.SENT, urgency=Urgency.URGENT, on=TODAY)


# --- new referrals -----------------------------------------------------------------


def test_a_new_referral_is_cleaned():
    referral = validated_referral(ReferralInput(PARTNER, "  Low mood, PHQ-A 14  ", " Urgent "))
    assert (referral.reason, referral.urgency) == ("Low mood, PHQ-A 14", "urgent")
    assert referrals.INITIAL_STATUS is S.DRAFT


def test_a_new_referral_names_every_bad_field():
    with pytest.raises(ValidationError) as caught:
        validated_referral(ReferralInput(None, " ", "soon"))
    error = caught.value
    assert error.for_field("partner_id") == "is required"
    assert error.for_field("reason") == "is required"
    assert error.for_field("urgency") == "is not one of the allowed values"


# --- the follow-up queue -----------------------------------------------------------


def follow(n: int, status: S, urgency: Urgency, due: date | None) -> ReferralFollowUp:
    return ReferralFollowUp(uuid.UUID(int=n), status, urgency, due)


def test_follow_up_on_says_whether_a_referral_is_due_or_overdue():
    """The one rule the Today list and the chart's Referrals tab both show."""
    due = date(2026, 10, 12)
    assert follow_up_on(S.SENT, due, date(2026, 10, 11)) is None  # not yet
    assert follow_up_on(S.SENT, due, due) == FollowUpDue(due, 0)
    late = follow_up_on(S.SCHEDULED, due, TODAY)
    assert (late.due, late.days_overdue, late.overdue) == (due, 2, True)
    assert follow_up_on(S.CLOSED, due, TODAY) is None  # the loop has ended
    assert follow_up_on(S.SENT, None, TODAY) == FollowUpDue(TODAY, 0)  # never hidden


def test_follow_up_queue_orders_by_urgency_then_date():
    day = TODAY
    items = [
        follow(1, S.SENT, Urgency.ROUTINE, day - timedelta(days=9)),
        follow(2, S.SCHEDULED, Urgency.EMERGENT, day),
        follow(3, S.WAITLISTED, Urgency.URGENT, day - timedelta(days=1)),
        follow(4, S.NO_SHOW, Urgency.EMERGENT, day - timedelta(days=2)),
        follow(5, S.ATTENDED, Urgency.ROUTINE, day + timedelta(days=1)),  # not yet due
        follow(6, S.CLOSED, Urgency.EMERGENT, day - timedelta(days=5)),  # ended
        follow(7, S.CANCELLED, Urgency.URGENT, day - timedelta(days=5)),  # ended
        follow(8, S.DECLINED, Urgency.URGENT, day - timedelta(days=3)),
        follow(9, S.DRAFT, Urgency.ROUTINE, day),
    ]
    queue = follow_up_queue(items, day)
    assert [i.referral.referral_id.int for i in queue] == [4, 2, 8, 3, 1, 9]
    assert [(i.overdue, i.days_overdue) for i in queue] == [
        (True, 2),
        (False, 0),
        (True, 3),
        (True, 1),
        (True, 9),
        (False, 0),
    ]


def test_follow_up_queue_depends_only_on_the_injected_date():
    item = follow(1, S.SENT, Urgency.URGENT, date(2026, 10, 17))
    assert follow_up_queue([item], date(2026, 10, 16)) == []
    assert follow_up_queue([item], date(2026, 10, 17)) == [
        FollowUpItem(item, date(2026, 10, 17), 0)
    ]
    assert follow_up_queue([item], date(2026, 10, 20))[0].days_overdue == 3


def test_follow_up_queue_keeps_input_order_on_ties_and_never_hides_a_dateless_referral():
    a = follow(1, S.SENT, Urgency.URGENT, TODAY)
    b = follow(2, S.SENT, Urgency.URGENT, None)
    c = follow(3, S.SENT, Urgency.URGENT, TODAY)
    queue = follow_up_queue([a, b, c], TODAY)
    assert [i.referral for i in queue] == [a, b, c]
    assert queue[1].due == TODAY


# --- measures ----------------------------------------------------------------------


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


def ev(status: S, day: str, appointment: str | None = None, hour: int = 10):
    return ReferralEventRecord(status, at(day, hour), at(appointment) if appointment else None)


def history(status: S, outcome: Outcome | None, *events: ReferralEventRecord) -> ReferralHistory:
    return ReferralHistory(status, outcome, events)


KNOWN = [
    # September cohort
    history(  # sent 09-02, appointment 09-09, attended: 7 days; closed, linked
        S.CLOSED,
        Outcome.LINKED_TO_SERVICES,
        ev(S.DRAFT, "2026-09-01"),
        ev(S.SENT, "2026-09-02"),
        ev(S.SCHEDULED, "2026-09-03", "2026-09-09"),
        ev(S.ATTENDED, "2026-09-10"),
        ev(S.CLOSED, "2026-09-20"),
    ),
    history(  # walk-in, recorded the next day: 1 day; still open
        S.ATTENDED,
        None,
        ev(S.SENT, "2026-09-15"),
        ev(S.ATTENDED, "2026-09-16"),
    ),
    history(  # events out of order; no-show, then attended on 10-03 as stated: 13 days
        S.CLOSED,
        Outcome.LINKED_TO_SERVICES,
        ev(S.ATTENDED, "2026-10-06", "2026-10-03"),
        ev(S.SCHEDULED, "2026-09-21", "2026-09-25"),
        ev(S.SENT, "2026-09-20"),
        ev(S.NO_SHOW, "2026-09-26"),
        ev(S.SCHEDULED, "2026-09-27", "2026-10-02"),
        ev(S.CLOSED, "2026-10-30"),
    ),
    history(
        S.CLOSED,
        Outcome.FAMILY_DECLINED,
        ev(S.SENT, "2026-09-28"),
        ev(S.DECLINED, "2026-09-29"),
        ev(S.CLOSED, "2026-09-30"),
    ),
    # October cohort
    history(
        S.CLOSED,
        Outcome.NOT_ELIGIBLE,
        ev(S.SENT, "2026-10-05"),
        ev(S.REJECTED, "2026-10-06"),
        ev(S.CLOSED, "2026-10-07"),
    ),
    history(  # sent late on 10-30 (local time), appointment 11-04: 5 days
        S.ATTENDED,
        None,
        ev(S.SENT, "2026-10-30", hour=23),
        ev(S.SCHEDULED, "2026-10-31", "2026-11-04"),
        ev(S.ATTENDED, "2026-11-05"),
    ),
    history(S.CANCELLED, None, ev(S.SENT, "2026-10-12"), ev(S.CANCELLED, "2026-10-13")),
    # never counted: a draft never sent, and a referral sent outside the months asked for
    history(S.DRAFT, None, ev(S.DRAFT, "2026-10-01")),
    history(
        S.CLOSED,
        Outcome.LINKED_TO_SERVICES,
        ev(S.SENT, "2026-08-31"),
        ev(S.ATTENDED, "2026-09-01"),
        ev(S.CLOSED, "2026-09-02"),
    ),
]


def test_measures_on_a_known_data_set():
    result = referral_measures(KNOWN, ["2026-09", "2026-10", "2026-11"])
    september, october, november = result.months
    assert (september.period, september.made, september.completed) == ("2026-09", 4, 3)
    assert september.median_days_to_attended == 7.0  # of 7, 1 and 13
    assert (september.closed, september.linked_to_services) == (3, 2)
    assert september.linked_share == pytest.approx(2 / 3)
    assert september.completed_share == pytest.approx(3 / 4)

    assert (october.made, october.completed, october.median_days_to_attended) == (3, 1, 5.0)
    assert (october.closed, october.linked_to_services, october.linked_share) == (1, 0, 0.0)

    assert (november.made, november.completed, november.closed) == (0, 0, 0)
    assert november.median_days_to_attended is None
    assert november.linked_share is None
    assert november.completed_share is None

    total = result.total
    assert (total.period, total.made, total.completed) == ("total", 7, 4)
    assert total.median_days_to_attended == 6.0  # of 1, 5, 7 and 13
    assert (total.closed, total.linked_to_services, total.linked_share) == (4, 2, 0.5)


def test_measures_refuse_a_badly_written_month():
    with pytest.raises(ValueError, match="YYYY-MM"):
        referral_measures(KNOWN, ["2026-13"])
