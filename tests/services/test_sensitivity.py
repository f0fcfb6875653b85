"""The sensitivity matrix, cell by cell, through every service that returns or prints a
student's sensitive data (issue 16 deliverable 5; issue 18 finding 9).

For each category a clinician records a student's visits, screenings, flag actions and
referrals, each carrying a marker string. Then every service function is called as each
role: a role with ``full`` disclosure finds the markers; ``summary`` finds none of them
but the named placeholder; ``existence`` finds neither the markers nor the category's
name; ``none`` is refused. Letters that carry restricted records are refused, and the
Print menu does not offer them.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from clinic_desktop import errors
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.records import VisitView
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.domain.risk_actions import ActionInput
from clinic_desktop.domain.roles import Role
from clinic_desktop.domain.screening import load_instrument, score
from clinic_desktop.domain.sensitivity import Category, Disclosure, disclosure
from clinic_desktop.messages import Localized, Message
from clinic_desktop.services import (
    chart,
    flags,
    partners,
    printing,
    privacy,
    referrals,
    screenings,
    students,
    today,
    users,
    visits,
)
from tests.conftest import PASSWORDS
from tests.factories import guardian, student, visit
from tests.forms.helpers import all_text

PHQ9_Q9 = {"q1": 3, "q2": 3, "q3": 3, "q4": 3, "q5": 1, "q6": 0, "q7": 0, "q8": 0, "q9": 1}
ASQ_YES = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 0}
CRAFFT_HIGH = {"a1": 5, "a2": 0, "a3": 0, "b1": 1, "b2": 1, "b3": 0, "b4": 0, "b5": 0, "b6": 0}

#: The matrix as docs/SECURITY.md states it; the data file must agree.
EXPECTED = {
    Role.CLINICIAN: dict.fromkeys(Category, Disclosure.FULL),
    Role.NURSE: {
        Category.BEHAVIORAL_HEALTH: Disclosure.SUMMARY,
        Category.SUBSTANCE_USE: Disclosure.EXISTENCE,
        Category.SEXUAL_REPRODUCTIVE_HEALTH: Disclosure.SUMMARY,
    },
    Role.IT: dict.fromkeys(Category, Disclosure.NONE),
    Role.ADMIN: dict.fromkeys(Category, Disclosure.NONE),
}
USERS = {Role.CLINICIAN: "clinician", Role.NURSE: "nurse", Role.IT: "it", Role.ADMIN: "admin"}


@dataclass
class Chart:
    """One student's records of one category and what each service must show or hide."""

    student_id: Any
    #: service name -> markers a full reader finds in what that service returns.
    shown: dict[str, list[str]] = field(default_factory=dict)
    #: Every marker: none may reach a restricted reader through any service.
    secrets: set[str] = field(default_factory=set)
    referral_ids: list[Any] = field(default_factory=list)
    screening_ids: list[Any] = field(default_factory=list)

    def expect(self, services: tuple[str, ...], *markers: str) -> None:
        for name in services:
            self.shown.setdefault(name, []).extend(markers)
        self.secrets.update(markers)


def dump(value: Any) -> str:
    """Everything a view holds, as text (both languages of a ``Localized``)."""
    if isinstance(value, Localized):
        return " ".join(value.texts.values())
    if isinstance(value, Message):
        return " ".join([str(value), *(dump(v) for v in value.params.values())])
    if isinstance(value, str | bytes):
        return value if isinstance(value, str) else all_text(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return " ".join(dump(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, Mapping):
        return " ".join(f"{dump(k)} {dump(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return " ".join(dump(v) for v in value)
    return str(value)


def _flag_text(instrument: str, answers: dict[str, int]) -> str:
    return score(instrument, answers, lang="en").flags[0].message


def _screen(clinician, chart_: Chart, instrument, answers, action_note=None):
    view = screenings.administer_screening(clinician, chart_.student_id, instrument, answers)
    chart_.screening_ids.append(view.id)
    if action_note:
        for flag in view.flags:  # the action's note, its person and the closing note
            done = ActionInput(
                "safety_assessment_done", clinician.now(), action_note, note=action_note
            )
            flags.record_flag_actions(clinician, flag.id, [done], close_note=action_note)
    return view


def _refer(clinician, chart_, partner, reason, *, cancel_note="", screening_id=None):
    made = referrals.create_referral(
        clinician,
        chart_.student_id,
        ReferralInput(partner_id=partner.id, reason=reason, screening_id=screening_id),
    )
    if cancel_note:
        referrals.transition_referral(clinician, made.id, "cancelled", note=cancel_note)
    chart_.referral_ids.append(made.id)
    return made


VISIT_SERVICES = ("list_visits", "timeline", "today")
REFERRAL_SERVICES = ("list_referrals", "get_referral", "referral_letter")


def _later(clock) -> Any:
    """Two months on (every follow-up due); the visits recorded next are today's."""
    clock.advance(days=60)
    return clock.now - timedelta(minutes=30)


def _behavioral(clinician, pupil_id, clock) -> Chart:
    c = Chart(pupil_id)
    _screen(clinician, c, "phq9", PHQ9_Q9, action_note="BH-ACTION-SECRET")
    _screen(clinician, c, "asq", ASQ_YES)
    c.expect(("list_screenings",), "BH-ACTION-SECRET", "phq9", "asq")
    asq_flag = _flag_text("asq", ASQ_YES)
    c.expect(("open_flags", "open_chart", "today", "list_screenings"), asq_flag)
    c.expect(("timeline",), "PHQ-9", "ASQ")
    c.expect(
        ("results_letter",), load_instrument("asq").title.get("es")
    )  # the family reads Spanish
    cmh = partners.add_partner(clinician, PartnerInput(name="Eastside Counseling", kind="cmh"))
    _refer(clinician, c, cmh, "Low mood BH-REFERRAL-SECRET")
    _refer(clinician, c, cmh, "Grief BH-REFERRAL2-SECRET", cancel_note="BH-EVENT-SECRET")
    c.expect(REFERRAL_SERVICES, "BH-REFERRAL-SECRET", "Eastside Counseling")
    c.expect(("list_referrals", "timeline"), "BH-EVENT-SECRET")
    c.expect(("follow_up_list",), "Eastside Counseling")
    at = _later(clock)
    bh = visit(at, visit_type="behavioral_health", reason="Breakup BH-REASON-SECRET")
    coded = dataclasses.replace(
        bh, note="BH-NOTE-SECRET", icd10_codes=("F32.A",), cpt_codes=("90832",)
    )
    visits.record_visit(clinician, pupil_id, coded)
    crisis = visit(at, visit_type="crisis", reason="Threat CRISIS-REASON-SECRET")
    visits.record_visit(clinician, pupil_id, crisis)
    c.expect(VISIT_SERVICES, "BH-REASON-SECRET", "CRISIS-REASON-SECRET")
    c.expect(("list_visits",), "BH-NOTE-SECRET", "F32.A", "90832")
    return c


def _substance(clinician, pupil_id, clock) -> Chart:
    c = Chart(pupil_id)
    _screen(clinician, c, "crafft", CRAFFT_HIGH, action_note="SU-ACTION-SECRET")
    crafft = _screen(clinician, c, "crafft", CRAFFT_HIGH)
    c.expect(("list_screenings",), "SU-ACTION-SECRET", "crafft")
    flag = _flag_text("crafft", CRAFFT_HIGH)
    c.expect(("open_flags", "open_chart", "today", "list_screenings"), flag)
    c.expect(("timeline",), "CRAFFT")
    c.expect(
        ("results_letter",), load_instrument("crafft").title.get("es")
    )  # the family reads Spanish
    program = partners.add_partner(
        clinician,
        PartnerInput(
            name="Pathways Youth Recovery Program",
            kind="community_organization",
            services=("Substance use assessment",),
        ),
    )
    _refer(clinician, c, program, "SU-REFERRAL-SECRET", screening_id=crafft.id)
    _refer(clinician, c, program, "SU-REFERRAL2-SECRET", cancel_note="SU-EVENT-SECRET")
    c.expect(REFERRAL_SERVICES, "SU-REFERRAL-SECRET", "Pathways Youth Recovery Program")
    c.expect(("list_referrals", "timeline"), "SU-EVENT-SECRET")
    c.expect(("follow_up_list",), "Pathways Youth Recovery Program")
    su = visit(_later(clock), visit_type="medical", reason="Vaping SU-REASON-SECRET")
    coded = dataclasses.replace(
        su, note="SU-NOTE-SECRET", icd10_codes=("Z71.41",), cpt_codes=("99408",)
    )
    visits.record_visit(clinician, pupil_id, coded)
    c.expect(VISIT_SERVICES, "SU-REASON-SECRET")
    c.expect(("list_visits",), "SU-NOTE-SECRET", "Z71.41", "99408")
    c.secrets.update({"substance use", "Substance use", "CRAFFT", "crafft"})
    return c


def _reproductive(clinician, pupil_id, clock) -> Chart:
    c = Chart(pupil_id)
    clinic = partners.add_partner(
        clinician,
        PartnerInput(name="Riverside Teen Clinic", kind="fqhc", services=("Family planning",)),
    )
    _refer(clinician, c, clinic, "Contraception SRH-REFERRAL-SECRET")
    _refer(clinician, c, clinic, "SRH-REFERRAL2-SECRET", cancel_note="SRH-EVENT-SECRET")
    c.expect(REFERRAL_SERVICES, "SRH-REFERRAL-SECRET", "Riverside Teen Clinic")
    c.expect(("list_referrals", "timeline"), "SRH-EVENT-SECRET")
    c.expect(("follow_up_list",), "Riverside Teen Clinic")
    srh = visit(_later(clock), visit_type="medical", reason="Sexual/reproductive health")
    coded = dataclasses.replace(
        srh, note="SRH-NOTE-SECRET", icd10_codes=("Z30.09",), cpt_codes=("81025",)
    )
    visits.record_visit(clinician, pupil_id, coded)
    c.expect(VISIT_SERVICES, "Sexual/reproductive health")
    c.expect(("list_visits",), "SRH-NOTE-SECRET", "Z30.09", "81025")
    return c


BUILDERS: dict[Category, Callable[..., Chart]] = {
    Category.BEHAVIORAL_HEALTH: _behavioral,
    Category.SUBSTANCE_USE: _substance,
    Category.SEXUAL_REPRODUCTIVE_HEALTH: _reproductive,
}


def _many(call: Callable[[Any], Any], ids: list[Any]) -> list[Any]:
    return [call(i) for i in ids]


#: Every service function that returns or prints a student's clinical data.
SERVICES: dict[str, Callable[[Any, Chart], Any]] = {
    "list_visits": lambda s, c: visits.list_visits(s, c.student_id),
    "timeline": lambda s, c: chart.timeline(s, c.student_id),
    "open_chart": lambda s, c: chart.open_chart(s, c.student_id),
    "list_screenings": lambda s, c: screenings.list_screenings(s, c.student_id),
    "open_flags": lambda s, c: screenings.open_flags(s, c.student_id),
    "list_referrals": lambda s, c: referrals.list_referrals(s, c.student_id),
    "get_referral": lambda s, c: _many(lambda i: referrals.get_referral(s, i), c.referral_ids),
    "follow_up_list": lambda s, c: referrals.follow_up_list(s),
    "today": lambda s, c: today.today_overview(s, follow_up_limit=None),
    "print_choices": lambda s, c: printing.print_choices(s, c.student_id),
    "referral_letter": lambda s, c: _many(
        lambda i: printing.referral_letter(s, i).data, c.referral_ids
    ),
    "results_letter": lambda s, c: _many(
        lambda i: printing.results_letter(s, i).data, c.screening_ids
    ),
}
LETTERS = {"referral_letter", "results_letter"}


@pytest.fixture
def recorded(request, site, clinician, clock):
    """The chart of one category, recorded by the clinician; follow-ups made due."""
    category = request.param
    pupil = students.create_student(clinician, student(), (guardian(),))
    chart_ = BUILDERS[category](clinician, pupil.id, clock)
    return category, chart_


def test_the_data_file_holds_the_documented_matrix():
    assert {role: {c: disclosure(role, c) for c in Category} for role in Role} == EXPECTED


@pytest.mark.parametrize("service", sorted(SERVICES))
@pytest.mark.parametrize("recorded", list(Category), indirect=True, ids=str)
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_every_cell_through_every_service(site, recorded, role, service):
    category, chart_ = recorded
    cell = disclosure(role, category)
    with site.sign_in(USERS[role]) as session:
        call = SERVICES[service]
        if service in LETTERS and not _has_records(chart_, service):
            assert call(session, chart_) == []  # no such record: no letter to print
            return
        if cell is Disclosure.NONE:
            with pytest.raises(errors.PermissionDeniedError):
                call(session, chart_)
            return
        if cell is not Disclosure.FULL and service in LETTERS:
            with pytest.raises(errors.PermissionDeniedError, match="cannot be printed"):
                call(session, chart_)
            return
        text = dump(call(session, chart_))
    if cell is Disclosure.FULL:
        missing = [m for m in chart_.shown.get(service, []) if m not in text]
        assert missing == []
        return
    leaked = sorted(m for m in chart_.secrets if m in text)
    assert leaked == []
    if service in PLACEHOLDERS:
        assert "Restricted" in text
        named = f"Restricted ({category.label})"
        assert (named in text) is (cell is Disclosure.SUMMARY)


#: Services that list the category's records (and so show the placeholder).
PLACEHOLDERS = {
    "list_visits",
    "timeline",
    "list_referrals",
    "get_referral",
    "follow_up_list",
    "today",
}


def _has_records(chart_: Chart, service: str) -> bool:
    return bool(chart_.referral_ids if service == "referral_letter" else chart_.screening_ids)


@pytest.mark.parametrize("recorded", list(Category), indirect=True, ids=str)
def test_the_print_menu_offers_no_letter_a_nurse_may_not_print(site, recorded):
    _, chart_ = recorded
    with site.sign_in("nurse") as nurse:
        choices = printing.print_choices(nurse, chart_.student_id)
    assert choices.referrals == ()
    assert choices.latest_screening is None
    assert choices.latest_visit is not None  # the pass back to class names no reason


def test_a_nurse_sees_an_open_safety_alert_and_whom_to_call(site, clinician):
    pupil = students.create_student(clinician, student(), (guardian(),))
    screenings.administer_screening(clinician, pupil.id, "asq", ASQ_YES)
    with site.sign_in("nurse") as nurse:
        header = chart.open_chart(nurse, pupil.id)
        (flag,) = screenings.open_flags(nurse, pupil.id)
        (item,) = today.today_overview(nurse).open_flags
    (alert,) = [a for a in header.alerts if a.kind == "risk_flag"]
    assert alert.flag_texts is None
    assert alert.flag_severity == "urgent"
    assert "Clinician" in alert.text
    assert "Restricted (behavioral health)" in alert.text
    assert flag.severity == "urgent"
    assert flag.contact == "Clinician"
    assert flag.restricted == "Restricted (behavioral health)"
    assert item.contact == "Clinician"
    assert "Clinician" in item.required_action


def test_a_nurse_sees_her_own_nursing_visit_in_full(site, nurse, clinician, clock):
    pupil = students.create_student(clinician, student(), (guardian(),))
    own = visit(clock.now, reason="Pregnancy test", icd10_codes=("Z32.00",))
    visits.record_visit(nurse, pupil.id, own)
    (seen,) = visits.list_visits(nurse, pupil.id)
    assert seen.restricted == ""
    assert str(seen.reason) == "Pregnancy test"
    assert seen.icd10_codes == ("Z32.00",)


def test_a_field_added_to_a_view_later_is_withheld_until_it_is_named():
    """Fail closed: a restricted visit keeps only what ``VISIT_KEPT`` names, so an
    addendum added to the view by a later change is not handed to a nurse by default."""

    @dataclass(frozen=True)
    class LaterVisitView(VisitView):
        addenda: tuple[str, ...] = ("ADDENDUM-SECRET",)
        late_entry_reason: str = "LATE-SECRET"

    base = LaterVisitView(
        id=uuid.uuid4(),
        student_id=uuid.uuid4(),
        visit_type="behavioral_health",
        occurred_at=datetime(2026, 10, 14, 10, 0, tzinfo=UTC),
        reason="Grief",
        note="NOTE-SECRET",
        note_hidden=False,
        disposition="returned_to_class",
        duration_minutes=30,
        icd10_codes=("F43.21",),
        cpt_codes=("90832",),
        author="Clinician",
    )
    shown = privacy.withhold(base, privacy.VISIT_KEPT, reason="Restricted", restricted="Restricted")
    assert "SECRET" not in dump(shown)
    assert (shown.author, shown.visit_type, shown.duration_minutes) == (
        "Clinician",
        "behavioral_health",
        30,
    )


def test_a_nurse_cannot_correct_a_visit_she_sees_only_as_restricted(site, clinician, clock):
    pupil = students.create_student(clinician, student(), (guardian(),))
    own = visit(clock.now, reason="Pregnancy test", icd10_codes=("Z32.02",))
    with site.sign_in("nurse") as nurse:
        recorded = visits.record_visit(nurse, pupil.id, own, sign=True)
    # Another nurse account: the record is not hers, so she sees it restricted.
    with site.sign_in("admin") as admin:
        users.add_user(admin, "nurse2", PASSWORDS["nurse"], Role.NURSE, display_name="Nurse Two")
    with site.sign_in("nurse2", PASSWORDS["nurse"]) as other:
        (seen,) = visits.list_visits(other, pupil.id)
        assert seen.restricted == "Restricted (sexual and reproductive health)"
        with pytest.raises(errors.PermissionDeniedError, match="cannot change it"):
            visits.add_addendum(other, recorded.id, "Correction", "Headache, not a test.")
        with pytest.raises((errors.ConflictError, errors.PermissionDeniedError)):
            visits.update_visit(other, recorded.id, dataclasses.replace(own, reason="Headache"))
