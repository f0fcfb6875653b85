"""The demo's care plan: consents, screenings, flags and referrals a real clinic would have."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from clinic_desktop.demo.care_plan import (
    CareSubject,
    ConsentStep,
    FlagStep,
    ReferralStep,
    ScreeningStep,
    TransitionStep,
    demo_answers,
    demo_partners,
    plan_care,
)
from clinic_desktop.demo.data import generate_demo_clinic
from clinic_desktop.domain import screening
from clinic_desktop.domain.partners import validated_partner
from clinic_desktop.domain.referrals import ReferralStatus, Urgency, next_actions
from clinic_desktop.domain.students import age_on

TZ = ZoneInfo("America/New_York")
START = date(2025, 8, 27)
TODAY = date(2026, 5, 29)  # most of a school year behind


def _subjects(students: int = 400, seed: int = 5) -> list[CareSubject]:
    clinic = generate_demo_clinic(
        students=students, seed=seed, school_year_start=START, today=TODAY, tz=TZ
    )
    return [
        CareSubject(
            district_id=s.student.district_id,
            date_of_birth=s.student.date_of_birth,
            can_consent=any(g.can_consent for g in s.guardians),
            visits=s.visits,
        )
        for s in clinic.students
    ]


def _plan(subject: CareSubject, seed: int = 5) -> list:
    return plan_care(subject, seed=seed, school_year_start=START, today=TODAY, tz=TZ)


def _flags(given: ScreeningStep) -> tuple:
    """The flags the screening's answers raise, scored by the real engine."""
    return screening.load_instrument(given.instrument_id).score(given.answers).flags


def _acute(given: ScreeningStep) -> bool:
    return any(f.severity == screening.Severity.ACUTE for f in _flags(given))


@pytest.fixture(scope="module")
def plans() -> list[tuple[CareSubject, list]]:
    return [(subject, _plan(subject)) for subject in _subjects()]


def test_a_plan_is_deterministic_and_depends_only_on_its_student():
    subjects = _subjects(60)
    assert [_plan(s) for s in subjects] == [_plan(s) for s in subjects]
    assert [_plan(s) for s in subjects] != [_plan(s, seed=6) for s in subjects]
    alone = _subjects(60)[7]  # the same student, planned without the others around
    assert _plan(alone) == _plan(subjects[7])


def test_steps_are_in_time_order_and_none_is_in_the_future(plans):
    for _subject, steps in plans:
        times = [step.at for step in steps]
        assert times == sorted(times)
        assert all(step.at.astimezone(TZ).date() <= TODAY for step in steps)


def test_the_year_has_every_kind_of_care(plans):
    kinds = Counter(type(step).__name__ for _, steps in plans for step in steps)
    assert set(kinds) == {
        "ConsentStep",
        "ScreeningStep",
        "FlagStep",
        "ReferralStep",
        "TransitionStep",
    }
    consented = sum(any(isinstance(s, ConsentStep) for s in steps) for _, steps in plans)
    assert 0.6 * len(plans) < consented < len(plans)  # most, not all: the chart banners show
    statuses = {s.status for _, steps in plans for s in steps if isinstance(s, TransitionStep)}
    assert {ReferralStatus.CLOSED, ReferralStatus.SCHEDULED, ReferralStatus.ATTENDED} <= statuses
    instruments = {
        s.instrument_id for _, steps in plans for s in steps if isinstance(s, ScreeningStep)
    }
    assert {"phqa", "phq9", "gad7", "psc17_parent", "crafft"} <= instruments


def test_consents_are_signed_before_they_expire_and_lapsed_ones_have_lapsed(plans):
    for _, steps in plans:
        for step in steps:
            if isinstance(step, ConsentStep):
                assert step.signed_on < step.expires_on
                assert step.signed_on == step.at.date()


def test_screenings_fit_the_student_and_score_complete(plans):
    for subject, steps in plans:
        visit_times = {v.occurred_at for v in subject.visits}
        for step in steps:
            if not isinstance(step, ScreeningStep):
                continue
            instrument = screening.load_instrument(step.instrument_id)
            day = step.visit_at.astimezone(TZ).date()
            assert instrument.applies_to_age(age_on(subject.date_of_birth, day))
            assert step.visit_at in visit_times  # given at one of the student's visits
            assert instrument.score(step.answers).complete


def test_flags_are_closed_with_actions_and_a_note_only_for_screenings_that_raised_them(plans):
    for _, steps in plans:
        screenings = {s.ref: s for s in steps if isinstance(s, ScreeningStep)}
        for step in steps:
            if isinstance(step, FlagStep):
                given = screenings[step.screening_ref]
                assert _flags(given) and step.at > given.at
                assert step.note, "every flag closes with a closing note"
                assert len(step.actions) >= 2, "several actions, each when it happened"
                assert all(given.at <= a.occurred_at <= step.at for a in step.actions)


def test_referrals_follow_the_state_machine_from_a_screening(plans):
    partner_names = {p.name for p in demo_partners()}
    for subject, steps in plans:
        screened = {s.ref: s for s in steps if isinstance(s, ScreeningStep)}
        status: dict[str, ReferralStatus] = {}
        for step in steps:
            if isinstance(step, ReferralStep):
                assert subject.can_consent  # a guardian signs the release first
                assert step.screening_ref in screened and step.at > screened[step.screening_ref].at
                assert step.partner in partner_names and step.reason
                status[step.ref] = ReferralStatus.SENT if step.send else ReferralStatus.DRAFT
            elif isinstance(step, TransitionStep):
                assert step.status in next_actions(status[step.referral_ref])
                assert (step.appointment_at is not None) == (
                    step.status is ReferralStatus.SCHEDULED
                )
                assert (step.outcome is not None) == (step.status is ReferralStatus.CLOSED)
                status[step.referral_ref] = step.status


def test_a_student_without_a_consenting_guardian_gets_no_consent_and_no_referral():
    subject = next(s for s in _subjects(120) if s.visits)
    without = replace(subject, can_consent=False)
    for seed in range(30):
        steps = _plan(without, seed)
        assert not any(isinstance(s, (ConsentStep, ReferralStep, TransitionStep)) for s in steps)


def test_acute_risk_makes_the_referral_emergent(plans):
    for _, steps in plans:
        screened = {s.ref: s for s in steps if isinstance(s, ScreeningStep)}
        for step in steps:
            if isinstance(step, ReferralStep):
                given = screened[step.screening_ref]
                assert (step.urgency is Urgency.EMERGENT) == _acute(given)


def test_demo_answers_ask_conditional_items_only_when_they_apply():
    asq = screening.load_instrument("asq")
    rng = random.Random(1)
    seen = Counter()
    for _ in range(300):
        answers = demo_answers(asq, rng, concern=0.4)
        any_yes = any(answers[q] in (1, 2) for q in ("q1", "q2", "q3", "q4"))
        assert ("q5" in answers) == any_yes
        assert asq.score(answers).complete
        seen[any_yes] += 1
    assert seen[True] and seen[False]
    calm = demo_answers(screening.load_instrument("phq9"), random.Random(2), concern=0.0)
    assert set(calm.values()) == {0}


def test_demo_partners_are_valid_entries():
    partners = demo_partners()
    assert len({p.name for p in partners}) == len(partners) >= 4
    for partner in partners:
        validated_partner(partner)  # raises on a bad entry


def test_consent_times_are_in_the_morning_in_the_clinic_zone(plans):
    for _, steps in plans:
        for step in steps:
            if isinstance(step, ConsentStep):
                assert step.at.tzinfo is TZ and step.at.time() == time(9, 0)
