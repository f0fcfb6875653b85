"""Referrals through the services: the state machine, the consent gate, referrals from a
screening flag, the follow-up list, the measures, audit and permissions."""

import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from clinic_desktop import errors
from clinic_desktop.domain.consents import ConsentInput, ConsentProblem
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import (
    FollowUpPolicy,
    MeasureRow,
    ReferralInput,
    RefusalReason,
    TransitionRefusedError,
)
from clinic_desktop.domain.roles import Role
from clinic_desktop.services import (
    chart,
    consents,
    partners,
    referrals,
    settings,
    students,
    today,
    users,
)
from clinic_desktop.store.models import AuditEvent, RiskFlag, Screening, Visit
from tests.conftest import SCHOOL_TZ
from tests.factories import guardian, student

TODAY = date(2026, 10, 14)  # the clock fixture's day


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student(), (guardian(),))


@pytest.fixture
def eastside(clinician):
    return partners.add_partner(clinician, PartnerInput(name="Eastside Counseling", kind="cmh"))


@pytest.fixture
def valley(clinician):
    return partners.add_partner(clinician, PartnerInput(name="Valley Health", kind="fqhc"))


def referral_input(partner_id, **changes):
    base = ReferralInput(partner_id=partner_id, reason="Anxiety affecting attendance")
    return replace(base, **changes)


def release(pupil, partner_id, **changes):
    base = ConsentInput(
        kind="release_of_information",
        signer_kind="guardian",
        guardian_id=pupil.guardians[0].id,
        partner_id=partner_id,
        signed_on=date(2026, 9, 1),
        purpose="Coordinate counseling",
        information_kinds=("demographics", "screening_results"),
        expires_on=date(2027, 6, 30),
    )
    return replace(base, **changes)


@pytest.fixture
def draft(clinician, pupil, eastside):
    return referrals.create_referral(clinician, pupil.id, referral_input(eastside.id))


@pytest.fixture
def sendable(clinician, pupil, eastside, draft):
    consents.record_consent(clinician, pupil.id, release(pupil, eastside.id))
    return draft


def _audit(session):
    with session.read() as db:
        return list(db.execute(select(AuditEvent.action, AuditEvent.detail)))


def _flag(session, student_id, severity, *, with_visit=True):
    """A screening (with its visit) that raised a risk flag: the screening service's rows."""
    with session.write() as db:
        visit = None
        if with_visit:
            visit = Visit(
                student_id=student_id,
                author_id=session.user.id,
                visit_type="behavioral_health",
                occurred_at=session.now(),
                reason="Screening",
                disposition="returned_to_class",
                duration_minutes=20,
            )
            db.add(visit)
            db.flush()
        screening = Screening(
            student_id=student_id,
            visit_id=visit.id if visit else None,
            administered_by=session.user.id,
            administered_at=session.now(),
            instrument_id="asq",
            instrument_version="2020",
            answers={"q1": 1},
            complete=True,
        )
        db.add(screening)
        db.flush()
        flag = RiskFlag(
            student_id=student_id,
            screening_id=screening.id,
            flag_id="asq_acute",
            severity=severity,
            message="Acute suicide risk.",
            required_action="Full safety evaluation before the student leaves.",
            raised_at=session.now(),
        )
        db.add(flag)
        db.flush()
        return flag.id, screening.id, visit.id if visit else None


# --- creating ---------------------------------------------------------------------------


@pytest.mark.parametrize(("urgency", "days"), [("emergent", 1), ("urgent", 3), ("routine", 14)])
def test_a_new_referral_is_a_draft_with_a_follow_up_by_urgency(
    clinician, pupil, eastside, urgency, days
):
    view = referrals.create_referral(
        clinician, pupil.id, referral_input(eastside.id, urgency=urgency)
    )
    assert (view.status, view.status_label, view.urgency) == ("draft", "Draft", urgency)
    assert view.follow_up_due == TODAY + timedelta(days=days)
    assert view.partner_name == "Eastside Counseling" and view.created_by == "Clinician"
    [event] = view.events
    assert (event.from_status, event.to_status, event.by) == (None, "draft", "Clinician")
    assert event.at.tzinfo == clinician.zone()  # shown in the clinic's zone: 10:30 local
    assert event.at.replace(tzinfo=None) == datetime(2026, 10, 14, 10, 30)
    assert [(a.target, a.label) for a in view.next_actions] == [
        ("sent", "Send"),
        ("cancelled", "Cancel referral"),
    ]
    codes = {"student": str(pupil.id), "partner": str(eastside.id), "urgency": urgency}
    assert ("referral_created", codes) in _audit(clinician)


def test_follow_up_days_come_from_the_site_settings(admin, clinician, pupil, eastside):
    settings.update_settings(admin, follow_up=FollowUpPolicy(routine_days=7))
    view = referrals.create_referral(clinician, pupil.id, referral_input(eastside.id))
    assert view.follow_up_due == TODAY + timedelta(days=7)


def test_invalid_referrals_name_the_field(clinician, pupil, eastside):
    with pytest.raises(errors.ValidationError) as caught:
        referrals.create_referral(
            clinician, pupil.id, referral_input(None, reason="", urgency="soon")
        )
    for name in ("partner_id", "reason", "urgency"):
        assert caught.value.for_field(name), name
    partners.deactivate_partner(clinician, eastside.id)
    with pytest.raises(errors.ValidationError) as caught:
        referrals.create_referral(clinician, pupil.id, referral_input(eastside.id))
    assert "active" in caught.value.for_field("partner_id")
    with pytest.raises(errors.NotFoundError):
        referrals.create_referral(clinician, uuid.uuid4(), referral_input(eastside.id))


def test_linked_records_must_be_the_students(clinician, pupil, eastside):
    other = students.create_student(clinician, student(district_id="D2"))
    _, screening_id, visit_id = _flag(clinician, other.id, "routine")
    with pytest.raises(errors.ValidationError) as caught:
        referrals.create_referral(
            clinician,
            pupil.id,
            referral_input(eastside.id, screening_id=screening_id, visit_id=visit_id),
        )
    assert caught.value.for_field("screening_id") and caught.value.for_field("visit_id")


def test_a_draft_can_be_edited_and_a_sent_one_cannot(clinician, eastside, valley, sendable):
    edited = referrals.update_draft(
        clinician, sendable.id, referral_input(eastside.id, urgency="urgent", reason="Grief")
    )
    assert (edited.reason, edited.urgency) == ("Grief", "urgent")
    assert edited.follow_up_due == TODAY + timedelta(days=3)
    referrals.send_referral(clinician, sendable.id)
    with pytest.raises(errors.ConflictError):
        referrals.update_draft(clinician, sendable.id, referral_input(valley.id))


@pytest.mark.parametrize(
    ("severity", "urgency", "due_days"),
    [("acute", "emergent", 1), ("urgent", "urgent", 3), ("routine", "routine", 14)],
)
def test_referral_straight_from_a_screening_flag(
    clinician, pupil, eastside, severity, urgency, due_days
):
    flag_id, screening_id, visit_id = _flag(clinician, pupil.id, severity)
    view = referrals.create_referral_from_flag(clinician, flag_id, eastside.id)
    assert view.student_id == pupil.id and view.status == "draft"
    assert (view.reason, view.urgency) == ("Acute suicide risk.", urgency)
    assert (view.screening_id, view.visit_id) == (screening_id, visit_id)
    assert view.follow_up_due == TODAY + timedelta(days=due_days)
    created = [d for a, d in _audit(clinician) if a == "referral_created"]
    assert created[-1]["risk_flag"] == str(flag_id)


def test_the_flag_prefill_can_be_overridden(clinician, pupil, eastside):
    flag_id, _, _ = _flag(clinician, pupil.id, "acute", with_visit=False)
    view = referrals.create_referral_from_flag(
        clinician, flag_id, eastside.id, reason="Safety plan follow-up", urgency="urgent"
    )
    assert (view.reason, view.urgency, view.visit_id) == ("Safety plan follow-up", "urgent", None)
    with pytest.raises(errors.NotFoundError):
        referrals.create_referral_from_flag(clinician, uuid.uuid4(), eastside.id)


# --- the consent gate -------------------------------------------------------------------


def _refused(clinician, referral_id, **kwargs):
    with pytest.raises(TransitionRefusedError) as caught:
        referrals.send_referral(clinician, referral_id, **kwargs)
    view = referrals.get_referral(clinician, referral_id)
    assert view.status == "draft" and len(view.events) == 1 and view.consent_id is None
    return caught.value


def test_sending_without_a_release_is_refused(clinician, draft):
    refusal = _refused(clinician, draft.id)
    assert refusal.reason is RefusalReason.RELEASE_REQUIRED
    assert refusal.consent_check.reason is ConsentProblem.MISSING
    assert refusal.message == (
        "The referral cannot be sent: "
        "There is no release of information for Eastside Counseling on file."
    )


def test_sending_with_an_expired_release_is_refused(clinician, pupil, eastside, draft):
    consents.record_consent(
        clinician, pupil.id, release(pupil, eastside.id, expires_on=date(2026, 10, 13))
    )
    refusal = _refused(clinician, draft.id)
    assert refusal.consent_check.reason is ConsentProblem.EXPIRED
    assert refusal.message.endswith("for Eastside Counseling expired on 2026-10-13.")


def test_sending_with_a_release_for_another_partner_is_refused(clinician, pupil, valley, draft):
    consents.record_consent(clinician, pupil.id, release(pupil, valley.id))
    refusal = _refused(clinician, draft.id)
    assert refusal.consent_check.reason is ConsentProblem.WRONG_PARTNER
    assert "not for Eastside Counseling" in refusal.message


def test_sending_with_a_revoked_release_is_refused(clinician, pupil, eastside, draft):
    recorded = consents.record_consent(clinician, pupil.id, release(pupil, eastside.id))
    consents.revoke_consent(clinician, recorded.id)
    assert _refused(clinician, draft.id).consent_check.reason is ConsentProblem.REVOKED


def test_the_release_must_cover_what_is_shared(clinician, sendable):
    refusal = _refused(clinician, sendable.id, shares=("demographics", "mental_health"))
    assert refusal.consent_check.reason is ConsentProblem.DOES_NOT_COVER
    assert "mental health assessments" in refusal.message


def test_sending_with_a_valid_release_stores_the_consent_used(clinician, pupil, eastside, draft):
    assert not referrals.release_status(clinician, draft.id).valid
    recorded = consents.record_consent(clinician, pupil.id, release(pupil, eastside.id))
    assert referrals.release_status(clinician, draft.id).valid
    sent = referrals.send_referral(
        clinician, draft.id, note="Faxed with the release", shares=("demographics",)
    )
    assert sent.status == "sent" and sent.consent_id == recorded.id
    assert sent.follow_up_due == TODAY + timedelta(days=14)
    assert [e.to_status for e in sent.events] == ["draft", "sent"]
    assert sent.events[-1].note == "Faxed with the release"
    changed = [d for a, d in _audit(clinician) if a == "referral_status_changed"]
    assert changed == [{"from": "draft", "to": "sent", "consent": str(recorded.id)}]


def test_an_inactive_partner_gets_nothing_sent(clinician, eastside, sendable):
    partners.deactivate_partner(clinician, eastside.id)
    with pytest.raises(errors.ValidationError) as caught:
        referrals.send_referral(clinician, sendable.id)
    assert "active" in caught.value.for_field("partner_id")


# --- the state machine ------------------------------------------------------------------


def test_the_whole_loop(site, clinician, sendable):
    sent = referrals.send_referral(clinician, sendable.id)
    appointment = datetime(2026, 10, 20, 15, 30, tzinfo=SCHOOL_TZ)
    site.clock.advance(days=1)
    scheduled = referrals.transition_referral(
        clinician, sendable.id, "scheduled", appointment_at=appointment, note="Called family"
    )
    assert scheduled.follow_up_due == date(2026, 10, 21)  # the day after the appointment
    assert scheduled.events[-1].appointment_at == appointment
    assert scheduled.next_actions[0].label == "Reschedule"
    site.clock.advance(days=6)
    attended = referrals.transition_referral(clinician, sendable.id, "attended")
    closed = referrals.transition_referral(
        clinician, sendable.id, "closed", outcome="linked_to_services", note="In weekly therapy"
    )
    assert (closed.status, closed.outcome, closed.follow_up_due) == (
        "closed",
        "linked_to_services",
        None,
    )
    # Later moves keep the release the referral was sent under.
    assert attended.consent_id == closed.consent_id == sent.consent_id is not None
    assert [e.to_status for e in closed.events] == [
        "draft",
        "sent",
        "scheduled",
        "attended",
        "closed",
    ]
    assert closed.next_actions == ()


def test_marking_attended_waits_for_the_appointment(site, clinician, sendable):
    referrals.send_referral(clinician, sendable.id)
    appointment = datetime(2026, 10, 20, 15, 30, tzinfo=SCHOOL_TZ)
    referrals.transition_referral(clinician, sendable.id, "scheduled", appointment_at=appointment)
    with pytest.raises(TransitionRefusedError) as caught:
        referrals.transition_referral(clinician, sendable.id, "attended")
    assert caught.value.reason is RefusalReason.APPOINTMENT_AHEAD
    assert "still ahead" in caught.value.message
    assert referrals.get_referral(clinician, sendable.id).status == "scheduled"
    site.clock.now = appointment + timedelta(days=1)
    with pytest.raises(TransitionRefusedError) as caught:  # not tomorrow either
        referrals.transition_referral(
            clinician, sendable.id, "attended", appointment_at=site.clock.now + timedelta(days=1)
        )
    assert caught.value.message == "The time the student attended cannot be in the future."
    came_early = appointment - timedelta(minutes=15)
    attended = referrals.transition_referral(
        clinician, sendable.id, "attended", appointment_at=came_early
    )
    assert attended.events[-1].appointment_at == came_early


def test_attended_is_recorded_at_the_appointment_when_no_time_is_given(site, clinician, sendable):
    referrals.send_referral(clinician, sendable.id)
    appointment = datetime(2026, 10, 20, 15, 30, tzinfo=SCHOOL_TZ)
    referrals.transition_referral(clinician, sendable.id, "scheduled", appointment_at=appointment)
    site.clock.now = appointment + timedelta(hours=2)
    attended = referrals.transition_referral(clinician, sendable.id, "attended")
    assert attended.events[-1].appointment_at == appointment


def test_a_walk_in_needs_the_time_it_happened(site, clinician, sendable):
    sent = referrals.send_referral(clinician, sendable.id)
    with pytest.raises(TransitionRefusedError) as caught:
        referrals.transition_referral(clinician, sendable.id, "attended")
    assert caught.value.reason is RefusalReason.ATTENDED_TIME_REQUIRED
    with pytest.raises(TransitionRefusedError) as caught:
        referrals.transition_referral(
            clinician,
            sendable.id,
            "attended",
            appointment_at=sent.events[-1].at - timedelta(days=1),
        )
    assert caught.value.reason is RefusalReason.ATTENDED_TIME_INVALID
    site.clock.advance(days=1)
    walked_in = site.clock.now - timedelta(hours=2)
    attended = referrals.transition_referral(
        clinician, sendable.id, "attended", appointment_at=walked_in
    )
    assert attended.events[-1].appointment_at == walked_in


def test_illegal_moves_are_refused_with_the_domains_reason(clinician, sendable):
    with pytest.raises(TransitionRefusedError) as caught:
        referrals.transition_referral(clinician, sendable.id, "attended")
    assert caught.value.reason is RefusalReason.NOT_ALLOWED
    assert caught.value.message == (
        "A referral that is a draft can be sent or cancelled, not marked attended."
    )
    referrals.send_referral(clinician, sendable.id)
    with pytest.raises(TransitionRefusedError) as caught:
        referrals.transition_referral(clinician, sendable.id, "scheduled")
    assert caught.value.reason is RefusalReason.APPOINTMENT_REQUIRED
    referrals.transition_referral(clinician, sendable.id, "declined")
    with pytest.raises(TransitionRefusedError) as caught:
        referrals.transition_referral(clinician, sendable.id, "closed")
    assert caught.value.reason is RefusalReason.OUTCOME_REQUIRED
    with pytest.raises(TransitionRefusedError) as caught:
        referrals.send_referral(clinician, sendable.id)
    assert caught.value.reason is RefusalReason.NOT_ALLOWED
    assert referrals.get_referral(clinician, sendable.id).status == "declined"


def test_unknown_codes_and_long_notes_are_validation_errors(clinician, sendable):
    for kwargs, name in (
        ({"target": "lost"}, "status"),
        ({"target": "closed", "outcome": "happy"}, "outcome"),
        ({"target": "cancelled", "note": "x" * 2001}, "note"),
    ):
        with pytest.raises(errors.ValidationError) as caught:
            referrals.transition_referral(clinician, sendable.id, **kwargs)
        assert caught.value.for_field(name)


def test_cancelling_ends_the_referral(clinician, draft):
    view = referrals.transition_referral(clinician, draft.id, "cancelled", note="Made in error")
    assert view.status == "cancelled" and view.follow_up_due is None and view.next_actions == ()


# --- reading ----------------------------------------------------------------------------


def test_list_and_get_are_audited_chart_reads(site, clinician, pupil, eastside, valley):
    first = referrals.create_referral(clinician, pupil.id, referral_input(eastside.id))
    site.clock.advance(minutes=5)
    second = referrals.create_referral(clinician, pupil.id, referral_input(valley.id))
    listed = referrals.list_referrals(clinician, pupil.id)
    assert [r.id for r in listed] == [second.id, first.id]
    assert referrals.get_referral(clinician, first.id) == first
    actions = [a for a, _ in _audit(clinician)]
    assert "referrals_viewed" in actions and "referral_viewed" in actions
    with pytest.raises(errors.NotFoundError):
        referrals.get_referral(clinician, uuid.uuid4())


def test_the_chart_timeline_shows_the_referral_history(clinician, pupil, sendable):
    referrals.send_referral(clinician, sendable.id)
    titles = [e.title for e in chart.timeline(clinician, pupil.id) if e.kind == "referral"]
    assert sorted(titles) == [
        "Referral to Eastside Counseling: draft",
        "Referral to Eastside Counseling: sent",
    ]


# --- the follow-up list -----------------------------------------------------------------


@pytest.fixture
def colleague(site, admin):
    users.add_user(admin, "counselor2", "second-colleague", Role.CLINICIAN, display_name="Second")
    with site.sign_in("counselor2", "second-colleague") as session:
        yield session


def test_follow_up_list_orders_by_urgency_then_due_date(
    site, clinician, colleague, pupil, eastside
):
    def make(session, urgency, reason):
        return referrals.create_referral(
            session, pupil.id, referral_input(eastside.id, urgency=urgency, reason=reason)
        ).id

    routine_old = make(clinician, "routine", "routine, oldest")  # due Oct 28
    site.clock.advance(days=2)
    urgent = make(colleague, "urgent", "urgent")  # due Oct 19
    emergent = make(clinician, "emergent", "emergent")  # due Oct 17
    site.clock.advance(days=1)
    routine_new = make(clinician, "routine", "routine, newer")  # due Oct 31
    cancelled = make(clinician, "emergent", "cancelled")
    referrals.transition_referral(clinician, cancelled, "cancelled")

    site.clock.advance(days=-1)  # Oct 16: nothing due yet
    assert referrals.follow_up_list(clinician) == []
    site.clock.advance(days=1)  # Oct 17: the emergent one is due today
    [due] = referrals.follow_up_list(clinician)
    assert (due.referral_id, due.days_overdue, due.overdue) == (emergent, 0, False)
    site.clock.advance(days=1)  # Oct 18: overdue by a day
    [due] = referrals.follow_up_list(clinician)
    assert (due.referral_id, due.days_overdue, due.overdue) == (emergent, 1, True)
    site.clock.now = datetime(2026, 11, 2, 8, 0, tzinfo=SCHOOL_TZ)
    listed = referrals.follow_up_list(clinician)
    assert [f.referral_id for f in listed] == [emergent, urgent, routine_old, routine_new]
    assert [f.due for f in listed] == [
        date(2026, 10, 17),
        date(2026, 10, 19),
        date(2026, 10, 28),
        date(2026, 10, 31),
    ]
    assert listed[1].created_by == "Second" and listed[0].student.id == pupil.id
    assert listed[0].partner_name == "Eastside Counseling" and listed[0].days_overdue == 16
    mine = referrals.follow_up_list(clinician, mine_only=True)
    assert [f.referral_id for f in mine] == [emergent, routine_old, routine_new]
    assert ("follow_ups_viewed", {"count": 3, "mine": True}) in _audit(clinician)


def test_a_follow_up_page_is_a_slice_of_the_list_with_its_total(
    site, clinician, colleague, pupil, eastside
):
    """Screens load a page and the total (issue 9); the page is the list's own order."""
    for session, urgency in [
        (clinician, "routine"),
        (clinician, "urgent"),
        (colleague, "emergent"),
        (clinician, "routine"),
        (clinician, "emergent"),
    ]:
        site.clock.advance(minutes=5)
        referrals.create_referral(session, pupil.id, referral_input(eastside.id, urgency=urgency))
    site.clock.now = datetime(2026, 12, 1, 8, 0, tzinfo=SCHOOL_TZ)
    listed = tuple(referrals.follow_up_list(clinician))
    assert len(listed) == 5
    first = referrals.follow_up_page(clinician, limit=2)
    assert (first.items, first.total, first.offset, first.more) == (listed[:2], 5, 0, True)
    last = referrals.follow_up_page(clinician, offset=4, limit=2)
    assert (last.items, last.total, last.more) == (listed[4:], 5, False)
    whole = referrals.follow_up_page(clinician)
    assert (whole.items, whole.total, whole.more) == (listed, 5, False)
    past_the_end = referrals.follow_up_page(clinician, offset=9, limit=2)
    assert (past_the_end.items, past_the_end.total, past_the_end.more) == ((), 5, False)
    mine = referrals.follow_up_page(clinician, mine_only=True, limit=1)
    assert (len(mine.items), mine.total) == (1, 4)
    assert mine.items[0].created_by != "Second" and mine.items[0].urgency == "emergent"
    audited = {"count": 5, "mine": False, "offset": 4, "shown": 1}
    assert ("follow_ups_viewed", audited) in _audit(clinician)
    overview = today.today_overview(clinician, follow_up_limit=3)
    assert (overview.follow_ups, overview.follow_ups_total) == (listed[:3], 5)
    everything = today.today_overview(clinician, follow_up_limit=None)
    assert (everything.follow_ups, everything.follow_ups_total) == (listed, 5)


def test_a_status_change_restarts_the_follow_up_clock(site, clinician, sendable):
    site.clock.advance(days=20)
    assert [f.referral_id for f in referrals.follow_up_list(clinician)] == [sendable.id]
    referrals.send_referral(clinician, sendable.id)
    assert referrals.follow_up_list(clinician) == []


# --- measures ---------------------------------------------------------------------------


def _sent(site, session, pupil, partner_id, at):
    site.clock.now = at
    view = referrals.create_referral(session, pupil.id, referral_input(partner_id))
    referrals.send_referral(session, view.id)
    return view.id


def test_measures_on_a_small_known_data_set(site, clinician, pupil, eastside):
    consents.record_consent(clinician, pupil.id, release(pupil, eastside.id))
    october = datetime(2026, 10, 14, 9, 0, tzinfo=SCHOOL_TZ)
    # 1: scheduled for Oct 20, marked attended the next day -> 6 days, closed linked.
    one = _sent(site, clinician, pupil, eastside.id, october)
    referrals.transition_referral(
        clinician, one, "scheduled", appointment_at=datetime(2026, 10, 20, 15, 0, tzinfo=SCHOOL_TZ)
    )
    # 2: a walk-in on Oct 16 -> 2 days, closed without linking.
    two = _sent(site, clinician, pupil, eastside.id, october)
    # 3: scheduled, then a no-show: made, not completed.
    three = _sent(site, clinician, pupil, eastside.id, october)
    referrals.transition_referral(
        clinician, three, "scheduled", appointment_at=datetime(2026, 10, 22, 9, tzinfo=SCHOOL_TZ)
    )
    # 4: sent at 23:30 on Oct 31 in the school's zone (Nov 1 in UTC): an October referral.
    _sent(site, clinician, pupil, eastside.id, datetime(2026, 10, 31, 23, 30, tzinfo=SCHOOL_TZ))
    # 5: a draft never sent is not "made".
    referrals.create_referral(clinician, pupil.id, referral_input(eastside.id))

    site.clock.now = datetime(2026, 10, 16, 11, 0, tzinfo=SCHOOL_TZ)
    referrals.transition_referral(clinician, two, "attended", appointment_at=site.clock.now)
    referrals.transition_referral(clinician, two, "closed", outcome="unable_to_contact")
    site.clock.now = datetime(2026, 10, 21, 8, 0, tzinfo=SCHOOL_TZ)
    referrals.transition_referral(clinician, one, "attended")
    referrals.transition_referral(clinician, one, "closed", outcome="linked_to_services")
    site.clock.now = datetime(2026, 10, 23, 8, 0, tzinfo=SCHOOL_TZ)
    referrals.transition_referral(clinician, three, "no_show")

    measures = referrals.referral_measures(clinician, ["2026-09", "2026-10", "2026-11"])
    october_row = MeasureRow("2026-10", 4, 2, 2, 1, 4.0)
    assert measures.months == (
        MeasureRow("2026-09", 0, 0, 0, 0, None),
        october_row,
        MeasureRow("2026-11", 0, 0, 0, 0, None),
    )
    assert measures.total == replace(october_row, period="total")
    assert measures.total.linked_share == 0.5 and measures.total.completed_share == 0.5
    default = referrals.referral_measures(clinician)
    assert [r.period for r in default.months][-1] == "2026-10" and len(default.months) == 12


def test_measures_refuse_malformed_months(clinician):
    with pytest.raises(errors.ValidationError) as caught:
        referrals.referral_measures(clinician, ["2026-13"])
    assert caught.value.for_field("months")
    assert referrals.referral_measures(clinician, []).months == ()


def test_recent_months():
    assert referrals.recent_months(date(2026, 2, 3), 3) == ["2025-12", "2026-01", "2026-02"]


# --- permissions ------------------------------------------------------------------------


def test_nurse_sees_referrals_but_cannot_make_or_move_them(site, pupil, eastside, sendable):
    with site.sign_in("nurse") as nurse:
        assert [r.id for r in referrals.list_referrals(nurse, pupil.id)] == [sendable.id]
        assert referrals.get_referral(nurse, sendable.id).status == "draft"
        referrals.follow_up_list(nurse)
        for call in (
            lambda: referrals.create_referral(nurse, pupil.id, referral_input(eastside.id)),
            lambda: referrals.send_referral(nurse, sendable.id),
            lambda: referrals.transition_referral(nurse, sendable.id, "cancelled"),
            lambda: referrals.update_draft(nurse, sendable.id, referral_input(eastside.id)),
        ):
            with pytest.raises(errors.PermissionDeniedError):
                call()


@pytest.mark.parametrize("role", ["it", "admin"])
def test_it_and_admin_cannot_read_referrals(site, pupil, eastside, draft, role):
    with site.sign_in(role) as session:
        for call in (
            lambda: referrals.list_referrals(session, pupil.id),
            lambda: referrals.get_referral(session, draft.id),
            lambda: referrals.follow_up_list(session),
            lambda: referrals.referral_measures(session),
            lambda: referrals.release_status(session, draft.id),
            lambda: referrals.create_referral(session, pupil.id, referral_input(eastside.id)),
            lambda: referrals.transition_referral(session, draft.id, "cancelled"),
        ):
            with pytest.raises(errors.PermissionDeniedError):
                call()


def test_follow_up_list_is_in_the_order_and_days_of_the_domain_queue(
    site, clinician, pupil, eastside
):
    """The list sorts in SQL (issue 9); it must agree with ``follow_up_queue``, including a
    referral without a due date (due today), equal due dates and every urgency."""
    from clinic_desktop.domain.referrals import (
        ReferralFollowUp,
        ReferralStatus,
        Urgency,
        follow_up_queue,
    )
    from clinic_desktop.store.models import Referral

    made = []
    for urgency, due in [
        ("routine", date(2026, 10, 20)),
        ("urgent", None),
        ("emergent", date(2026, 10, 30)),
        ("routine", date(2026, 10, 2)),
        ("urgent", date(2026, 10, 20)),
        ("routine", date(2026, 10, 20)),
        ("emergent", None),
    ]:
        site.clock.advance(minutes=5)
        view = referrals.create_referral(
            clinician, pupil.id, referral_input(eastside.id, urgency=urgency)
        )
        made.append((view.id, due))
    with clinician.store.write() as db:
        for referral_id, due in made:
            db.get(Referral, referral_id).follow_up_due = due
    site.clock.now = datetime(2026, 10, 25, 8, 0, tzinfo=SCHOOL_TZ)
    today = date(2026, 10, 25)
    with clinician.store.read() as db:
        stored = db.scalars(select(Referral).order_by(Referral.created_at)).all()
        queue = follow_up_queue(
            [
                ReferralFollowUp(
                    r.id, ReferralStatus(r.status), Urgency(r.urgency), r.follow_up_due
                )
                for r in stored
            ],
            today,
        )
    listed = referrals.follow_up_list(clinician)
    expected = [(i.referral.referral_id, i.due, i.days_overdue) for i in queue]
    assert [(f.referral_id, f.due, f.days_overdue) for f in listed] == expected
    assert len(expected) == 6  # the emergent one due on Oct 30 is not due yet
