"""Risk flags after they are raised: several actions, closing with a note, the sitting's
related flags closed together, a referral made from a flag, and what a nurse may see."""

from datetime import timedelta

import pytest

from clinic_desktop import errors
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.domain.risk_actions import ActionInput, RiskAction, is_suicide_risk
from clinic_desktop.services import chart, flags, partners, referrals, screenings, students
from clinic_desktop.store.models import AuditEvent, FlagAction, Screening, Visit
from tests.factories import student

ASQ_ACUTE = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 1}
ASQ_NON_ACUTE = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 0}
#: PHQ-A with item 9 and both added suicide questions positive: three flags, one sitting.
PHQA_THREE = {f"q{i}": 0 for i in range(1, 10)} | {"q9": 1, "x1": 0, "x3": 1, "x4": 1}


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student())


def _asq(session, pupil, answers=ASQ_NON_ACUTE):
    [flag] = screenings.administer_screening(session, pupil.id, "asq", answers).flags
    return flag


def _audits(session, action):
    with session.read() as db:
        return db.query(AuditEvent).filter_by(action=action).count()


def _call(session, minutes_ago=0, person="María Ñúñez (mother)"):
    at = session.now() - timedelta(minutes=minutes_ago)
    return ActionInput(RiskAction.GUARDIAN_CONTACTED.value, at, person)


def test_suicide_risk_flags_are_marked_in_the_instrument_files():
    assert is_suicide_risk("asq", "asq_acute") and is_suicide_risk("asq", "asq_positive")
    assert is_suicide_risk("phq9", "self_harm_thoughts")
    for flag_id in (
        "self_harm_thoughts",
        "suicidal_thoughts_past_month",
        "suicide_attempt_lifetime",
    ):
        assert is_suicide_risk("phqa", flag_id)
    assert not is_suicide_risk("phq9", "depression_severe")
    assert not is_suicide_risk("gad7", "anxiety_positive")
    assert not is_suicide_risk("nope", "asq_acute")


def test_a_non_acute_suicide_risk_flag_no_longer_closes_with_nothing(clinician, pupil):
    flag = _asq(clinician, pupil)
    assert flag.severity == "urgent" and flag.suicide_risk
    with pytest.raises(errors.ValidationError) as caught:
        flags.close_flag(clinician, flag.id, "")
    assert caught.value.for_field("note") and caught.value.for_field("actions")
    with pytest.raises(errors.ValidationError) as caught:
        flags.close_flag(clinician, flag.id, "Talked with the student.")
    assert caught.value.for_field("actions") and not caught.value.for_field("note")
    assert [f.id for f in screenings.open_flags(clinician, pupil.id)] == [flag.id]


def test_several_actions_then_a_close_with_a_note(site, clinician, pupil):
    flag = _asq(clinician, pupil, ASQ_ACUTE)
    site.clock.advance(minutes=40)
    assessment = ActionInput(
        RiskAction.SAFETY_ASSESSMENT.value,
        clinician.now() - timedelta(minutes=30),
        "",
        "BSSA: imminent risk.",
    )
    [saved] = flags.record_flag_actions(clinician, flag.id, [assessment, _call(clinician, 5)])
    assert saved.is_open, "recording actions does not close the flag"
    assert [a.action for a in saved.actions] == ["safety_assessment_done", "guardian_contacted"]
    call = saved.actions[1]
    assert call.person == "María Ñúñez (mother)"
    assert call.occurred_at < call.recorded_at == clinician.now()
    released = ActionInput(RiskAction.RELEASED_TO.value, clinician.now(), "Mother, in person")
    [closed] = flags.record_flag_actions(
        clinician, flag.id, [released], close_note="Safety plan; released to mother."
    )
    assert not closed.is_open and closed.action_note == "Safety plan; released to mother."
    assert len(closed.actions) == 3 and closed.action_taken is None
    assert _audits(clinician, "risk_flag_action") == 2
    assert _audits(clinician, "risk_flag_resolved") == 1
    with pytest.raises(errors.ConflictError):
        flags.close_flag(clinician, flag.id, "again")


def test_each_kind_asks_for_its_fields_and_no_future_time(clinician, pupil):
    flag = _asq(clinician, pupil)
    now = clinician.now()
    entries = [
        ActionInput("guardian_contacted", now, ""),  # who?
        ActionInput("released_to", now, ""),  # to whom?
        ActionInput("crisis_team", now, ""),  # who?
        ActionInput("safety_assessment_done", now, "Dr. Lee", ""),  # finding?
        ActionInput("other", now, "", ""),  # what?
        ActionInput("emergency_services", now + timedelta(minutes=5)),  # future
        ActionInput("referral_made", now),  # only by making the referral
        ActionInput("nonsense", now),
        ActionInput("emergency_services", now - timedelta(days=3)),  # before the flag's day
        ActionInput("emergency_services", None),
    ]
    with pytest.raises(errors.ValidationError) as caught:
        flags.record_flag_actions(clinician, flag.id, entries)
    fields = {e.field for e in caught.value.errors}
    assert fields == {
        "actions.0.person",
        "actions.1.person",
        "actions.2.person",
        "actions.3.note",
        "actions.4.note",
        "actions.5.occurred_at",
        "actions.6.action",
        "actions.7.action",
        "actions.8.occurred_at",
        "actions.9.occurred_at",
    }
    with pytest.raises(errors.ValidationError):
        flags.record_flag_actions(clinician, flag.id, [])  # nothing to save
    with clinician.read() as db:
        assert db.query(FlagAction).count() == 0


def test_a_non_suicide_flag_closes_with_a_note_alone(clinician, pupil):
    answers = {f"q{i}": 2 for i in range(1, 8)}
    [flag] = screenings.administer_screening(clinician, pupil.id, "gad7", answers).flags
    assert not flag.suicide_risk
    with pytest.raises(errors.ValidationError) as caught:
        flags.close_flag(clinician, flag.id, "  ")
    assert caught.value.for_field("note")
    [closed] = flags.close_flag(clinician, flag.id, "Counseling follow-up booked.")
    assert not closed.is_open and closed.actions == ()


def test_one_close_resolves_the_ticked_flags_of_the_sitting_only(clinician, pupil):
    saved = screenings.administer_screening(clinician, pupil.id, "phqa", PHQA_THREE)
    first, *others = saved.flags
    assert len(others) == 2 and all(f.suicide_risk for f in saved.flags)
    other_sitting = _asq(clinician, pupil)  # a new screening: another draft visit
    detail = flags.flag_detail(clinician, first.id)
    assert {f.id for f in detail.related} == {f.id for f in others}
    with pytest.raises(errors.ConflictError):
        flags.record_flag_actions(
            clinician, first.id, [_call(clinician)], close_note="x", also=[other_sitting.id]
        )
    # Only what the clinician ticked: the third flag stays open.
    closed = flags.record_flag_actions(
        clinician,
        first.id,
        [_call(clinician)],
        close_note="Seen; mother told.",
        also=[others[0].id],
    )
    assert [f.id for f in closed] == [first.id, others[0].id]
    assert all(not f.is_open and f.action_note == "Seen; mother told." for f in closed)
    assert all([a.action for a in f.actions] == ["guardian_contacted"] for f in closed)
    still = {f.id for f in screenings.open_flags(clinician, pupil.id)}
    assert still == {others[1].id, other_sitting.id}
    assert _audits(clinician, "risk_flag_resolved") == 2


def test_flags_of_screenings_in_one_visit_are_related(clinician, pupil):
    first = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_NON_ACUTE)
    answers = {f"q{i}": 0 for i in range(1, 10)} | {"q9": 2}
    second = screenings.administer_screening(
        clinician, pupil.id, "phq9", answers, visit_id=first.visit_id
    )
    detail = flags.flag_detail(clinician, first.flags[0].id)
    assert [f.id for f in detail.related] == [second.flags[0].id]


def test_a_referral_made_from_a_flag_links_to_it_in_the_same_unit(clinician, pupil):
    flag = _asq(clinician, pupil)
    partner = partners.add_partner(clinician, PartnerInput(name="Eastside Counseling", kind="cmh"))
    view = referrals.create_referral(
        clinician,
        pupil.id,
        ReferralInput(partner.id, "Counseling", "urgent"),
        flag_id=flag.id,
    )
    [open_flag] = screenings.open_flags(clinician, pupil.id)
    assert open_flag.is_open, "a referral does not close the flag"
    [made] = open_flag.actions
    assert (made.action, made.referral_id) == ("referral_made", view.id)
    assert _audits(clinician, "risk_flag_action") == 1
    # A refused referral leaves no action behind.
    with pytest.raises(errors.ValidationError):
        referrals.create_referral(
            clinician, pupil.id, ReferralInput(partner.id, "", "urgent"), flag_id=flag.id
        )
    assert len(screenings.open_flags(clinician, pupil.id)[0].actions) == 1
    # From the flag's own pre-filled form too.
    referrals.create_referral_from_flag(clinician, flag.id, partner.id)
    assert len(screenings.open_flags(clinician, pupil.id)[0].actions) == 2
    # A closed flag takes no referral link.
    flags.close_flag(clinician, flag.id, "Referred and seen.")
    with pytest.raises(errors.ConflictError):
        referrals.create_referral_from_flag(clinician, flag.id, partner.id)


def test_a_nurse_sees_the_alert_and_whom_to_call_not_the_notes(site, clinician, pupil):
    flag = _asq(clinician, pupil)
    flags.record_flag_actions(clinician, flag.id, [_call(clinician)])
    with site.sign_in("nurse") as nurse:
        [seen] = screenings.open_flags(nurse, pupil.id)
        # The sensitivity model: that a safety alert is open and whom to call, no more.
        assert seen.is_open and seen.restricted and seen.contact
        assert seen.actions == () and seen.message == seen.restricted
        [alert] = [a for a in chart.open_chart(nurse, pupil.id).alerts if a.kind == "risk_flag"]
        assert alert.actions == () and "María" not in str(alert.text)
    flags.record_flag_actions(
        clinician,
        flag.id,
        [ActionInput("safety_assessment_done", clinician.now(), "", "No plan, no intent.")],
        close_note="Discussed with mother; counseling Friday.",
    )
    with site.sign_in("nurse") as nurse:
        [screened] = screenings.list_screenings(nurse, pupil.id)
        [closed] = screened.flags
        assert closed.action_note == "" and closed.actions == () and closed.restricted
        shown = " ".join(str(e.detail) + str(e.title) for e in chart.timeline(nurse, pupil.id))
        assert "counseling Friday" not in shown and "No plan" not in shown
    shown = " ".join(str(e.detail) for e in chart.timeline(clinician, pupil.id))
    assert "counseling Friday" in shown and "No plan, no intent." in shown


def test_a_flag_of_a_signed_visit_still_gets_actions_marked_late(site, clinician, pupil):
    flag = _asq(clinician, pupil)
    flags.record_flag_actions(clinician, flag.id, [_call(clinician)])
    site.clock.advance(minutes=10)
    with clinician.write() as db:  # signed as the visit service signs (enc16's)
        visit = db.get(Visit, db.get(Screening, flag.screening_id).visit_id)
        visit.status, visit.signed_at, visit.signed_by = (
            "signed",
            clinician.now(),
            clinician.user.id,
        )
    site.clock.advance(minutes=10)
    [late] = flags.record_flag_actions(clinician, flag.id, [_call(clinician, 15, "Father")])
    assert late.visit_signed
    assert [a.after_signing for a in late.actions] == [False, True]
    entries = chart.timeline(clinician, pupil.id)
    marked = [e for e in entries if e.kind == "flag_action" and e.facts["after_signing"]]
    assert len(marked) == 1 and "recorded after signing" in str(marked[0].detail)


def test_a_nurse_cannot_record_actions(site, clinician, pupil):
    flag = _asq(clinician, pupil)
    with site.sign_in("nurse") as nurse, pytest.raises(errors.PermissionDeniedError):
        flags.record_flag_actions(nurse, flag.id, [_call(nurse)])


def test_the_timeline_pages_through_flag_entries_without_gaps_or_repeats(clinician, pupil):
    flag = _asq(clinician, pupil, ASQ_ACUTE)
    calls = [_call(clinician, minutes, f"Person {minutes}") for minutes in (0, 0, 1, 2)]
    flags.record_flag_actions(clinician, flag.id, calls, close_note="Done.")
    everything = chart.timeline(clinician, pupil.id, limit=100)
    assert {e.kind for e in everything} >= {"flag_action", "flag_closed", "screening", "visit"}
    paged, cursor = [], None
    while True:
        page = chart.timeline(clinician, pupil.id, before=cursor, limit=2)
        if not page:
            break
        paged += page
        cursor = page[-1].cursor
    assert [(e.kind, e.row_id) for e in paged] == [(e.kind, e.row_id) for e in everything]


def test_a_nurse_sees_one_alert_saying_how_many_withheld_flags_are_open(site, clinician, pupil):
    screenings.administer_screening(clinician, pupil.id, "phqa", PHQA_THREE)  # three flags
    with site.sign_in("nurse") as nurse:
        alerts = [a for a in chart.open_chart(nurse, pupil.id).alerts if a.kind == "risk_flag"]
    [alert] = alerts
    assert str(alert.text).startswith("3 alerts: Restricted (behavioral health). Call ")
    assert alert.flag_severity == "urgent" and alert.actions == ()
    shown = [a for a in chart.open_chart(clinician, pupil.id).alerts if a.kind == "risk_flag"]
    assert len(shown) == 3  # the clinician sees each flag with its own words
