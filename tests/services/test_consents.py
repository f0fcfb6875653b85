"""Consents through the services: recording, validity on edge dates, revocation, signer
authority, the site's minor-consent rule, chips, audit and permissions."""

import uuid
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from clinic_desktop import errors
from clinic_desktop.domain.consents import (
    ConsentInput,
    ConsentKind,
    ConsentProblem,
    MinorConsentRule,
)
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.services import chart, consents, partners, settings, students
from clinic_desktop.store.models import AuditEvent
from tests.factories import guardian, student

TODAY = date(2026, 10, 14)  # the clock fixture's day
SERVICES = ConsentKind.SERVICES
RELEASE = ConsentKind.RELEASE_OF_INFORMATION


@pytest.fixture
def pupil(clinician):
    """Born 2010-03-14 (16 today); a mother who may consent, a grandmother who may not."""
    return students.create_student(
        clinician,
        student(),
        (guardian(), guardian(name="Rosa Ñúñez", relation="grandparent", can_consent=False)),
    )


@pytest.fixture
def mother(pupil):
    return pupil.guardians[0].id


@pytest.fixture
def grandmother(pupil):
    return pupil.guardians[1].id


@pytest.fixture
def eastside(clinician):
    return partners.add_partner(clinician, PartnerInput(name="Eastside Counseling", kind="cmh"))


def services_consent(guardian_id, **changes):
    base = ConsentInput(
        kind="services",
        signer_kind="guardian",
        guardian_id=guardian_id,
        signed_on=date(2026, 8, 20),
    )
    return replace(base, **changes)


def release(guardian_id, partner_id, **changes):
    base = ConsentInput(
        kind="release_of_information",
        signer_kind="guardian",
        guardian_id=guardian_id,
        partner_id=partner_id,
        signed_on=date(2026, 9, 1),
        purpose="Coordinate counseling",
        information_kinds=("demographics", "screening_results"),
        expires_on=date(2027, 6, 30),
    )
    return replace(base, **changes)


def _actions(session):
    with session.read() as db:
        return [a for (a,) in db.execute(select(AuditEvent.action).order_by(AuditEvent.seq))]


# --- recording and listing --------------------------------------------------------------


def test_record_and_list_with_chips_and_missing_kinds(clinician, pupil, mother, eastside):
    recorded = consents.record_consent(clinician, pupil.id, services_consent(mother))
    assert recorded.valid and recorded.chip == "valid" and recorded.problem == ""
    assert recorded.signer_name == "María Ñúñez" and recorded.signer_has_authority
    assert recorded.recorded_by == "Clinician"
    consents.record_consent(clinician, pupil.id, release(mother, eastside.id))
    overview = consents.list_consents(clinician, pupil.id)
    assert [c.kind for c in overview.consents] == ["release_of_information", "services"]
    assert overview.consents[0].partner_name == "Eastside Counseling"
    assert overview.consents[0].information_kinds == ("demographics", "screening_results")
    assert overview.missing == ("telehealth",)
    assert overview.chip_for("telehealth") == "missing"
    assert overview.chip_for("services") == "valid"
    actions = _actions(clinician)
    assert actions.count("consent_recorded") == 2 and "consents_viewed" in actions


def test_invalid_input_names_the_fields(clinician, pupil, mother):
    with pytest.raises(errors.ValidationError) as caught:
        consents.record_consent(
            clinician,
            pupil.id,
            release(mother, None, purpose="", information_kinds=(), expires_on=None),
        )
    for name in ("partner_id", "purpose", "information_kinds", "expires_on"):
        assert caught.value.for_field(name), name
    with pytest.raises(errors.ValidationError) as caught:
        consents.record_consent(
            clinician, pupil.id, services_consent(mother, signed_on=TODAY + timedelta(days=1))
        )
    assert caught.value.for_field("signed_on") == "cannot be in the future"


def test_release_for_an_unknown_partner_is_refused(clinician, pupil, mother):
    with pytest.raises(errors.ValidationError) as caught:
        consents.record_consent(clinician, pupil.id, release(mother, uuid.uuid4()))
    assert caught.value.for_field("partner_id")


def test_guardian_of_another_student_is_refused(clinician, pupil):
    other = students.create_student(clinician, student(district_id="D2"), (guardian(),))
    with pytest.raises(errors.ValidationError) as caught:
        consents.record_consent(clinician, pupil.id, services_consent(other.guardians[0].id))
    assert caught.value.for_field("guardian_id")


def test_unknown_student(clinician, mother):
    with pytest.raises(errors.NotFoundError):
        consents.record_consent(clinician, uuid.uuid4(), services_consent(mother))


# --- validity on edge dates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "valid", "reason"),
    [
        (date(2026, 8, 19), False, ConsentProblem.NOT_YET_SIGNED),
        (date(2026, 8, 20), True, None),  # the day it was signed counts
        (date(2026, 11, 30), True, None),  # so does the expiry day
        (date(2026, 12, 1), False, ConsentProblem.EXPIRED),
    ],
)
def test_validity_on_edge_dates(clinician, pupil, mother, on, valid, reason):
    consents.record_consent(
        clinician, pupil.id, services_consent(mother, expires_on=date(2026, 11, 30))
    )
    check = consents.check_student_consent(clinician, pupil.id, SERVICES, on=on)
    assert (check.valid, check.reason) == (valid, reason)


def test_missing_consent(clinician, pupil):
    check = consents.check_student_consent(clinician, pupil.id, "telehealth")
    assert not check.valid and check.reason is ConsentProblem.MISSING
    assert check.message == "There is no consent to telehealth on file."
    assert "consent_checked" in _actions(clinician)


@pytest.mark.parametrize(
    ("expires_on", "chip"),
    [
        (TODAY + timedelta(days=31), "valid"),
        (TODAY + timedelta(days=30), "expiring"),
        (TODAY, "expiring"),
        (TODAY - timedelta(days=1), "expired"),
    ],
)
def test_status_chip(clinician, pupil, mother, expires_on, chip):
    view = consents.record_consent(
        clinician, pupil.id, services_consent(mother, expires_on=expires_on)
    )
    assert view.chip == chip
    assert view.valid is (chip != "expired")


def test_release_is_checked_for_one_partner(clinician, pupil, mother, eastside):
    valley = partners.add_partner(clinician, PartnerInput(name="Valley Health", kind="fqhc"))
    consents.record_consent(clinician, pupil.id, release(mother, eastside.id))
    ok = consents.check_student_consent(clinician, pupil.id, RELEASE, partner_id=eastside.id)
    assert ok.valid and ok.consent.partner_id == eastside.id
    other = consents.check_student_consent(clinician, pupil.id, RELEASE, partner_id=valley.id)
    assert other.reason is ConsentProblem.WRONG_PARTNER and "Valley Health" in other.message
    short = consents.check_student_consent(
        clinician,
        pupil.id,
        RELEASE,
        partner_id=eastside.id,
        information_kinds_needed=("mental_health",),
    )
    assert short.reason is ConsentProblem.DOES_NOT_COVER
    with pytest.raises(errors.ValidationError):
        consents.check_student_consent(clinician, pupil.id, RELEASE)


# --- revocation -------------------------------------------------------------------------


def test_revocation_takes_effect_the_day_it_is_recorded(site, clinician, nurse, pupil, mother):
    view = consents.record_consent(clinician, pupil.id, services_consent(mother))
    revoked = consents.revoke_consent(nurse, view.id)
    assert revoked.revoked_on == TODAY and revoked.revoked_by == "Nurse"
    assert revoked.chip == "revoked" and not revoked.valid
    check = consents.check_student_consent(clinician, pupil.id, SERVICES)
    assert check.reason is ConsentProblem.REVOKED
    assert check.message == f"The consent to school-based health services was revoked on {TODAY}."
    yesterday = consents.check_student_consent(
        clinician, pupil.id, SERVICES, on=TODAY - timedelta(days=1)
    )
    assert yesterday.valid
    assert "consent_revoked" in _actions(clinician)


def test_revocation_dates_are_checked(clinician, pupil, mother):
    view = consents.record_consent(clinician, pupil.id, services_consent(mother))
    for bad in (TODAY + timedelta(days=1), date(2026, 8, 19)):
        with pytest.raises(errors.ValidationError) as caught:
            consents.revoke_consent(clinician, view.id, bad)
        assert caught.value.for_field("revoked_on")
    consents.revoke_consent(clinician, view.id, date(2026, 9, 30))
    with pytest.raises(errors.ValidationError) as caught:
        consents.revoke_consent(clinician, view.id)
    assert "already" in caught.value.for_field("revoked_on")
    assert consents.get_consent(clinician, view.id).revoked_on == date(2026, 9, 30)


# --- who may sign -----------------------------------------------------------------------


def test_guardian_without_authority_never_makes_a_consent_valid(
    clinician, pupil, mother, grandmother
):
    view = consents.record_consent(clinician, pupil.id, services_consent(grandmother))
    assert not view.signer_has_authority and not view.valid
    assert view.problem == "signer_lacks_authority" and view.chip == "valid"
    check = consents.check_student_consent(clinician, pupil.id, SERVICES)
    assert check.reason is ConsentProblem.SIGNER_LACKS_AUTHORITY
    assert "without legal authority" in check.message


def test_authority_is_a_snapshot_taken_at_signing(clinician, pupil, mother, grandmother):
    consents.record_consent(clinician, pupil.id, services_consent(grandmother))
    students.update_guardian(clinician, grandmother, guardian(name="Rosa Ñúñez", can_consent=True))
    check = consents.check_student_consent(clinician, pupil.id, SERVICES)
    assert check.reason is ConsentProblem.SIGNER_LACKS_AUTHORITY  # the old paper still lacks it
    consents.record_consent(clinician, pupil.id, services_consent(mother))
    students.update_guardian(clinician, mother, guardian(can_consent=False))
    assert consents.check_student_consent(clinician, pupil.id, SERVICES).valid


def student_signed(kind="services", signed_on=date(2026, 9, 1)):
    return ConsentInput(kind=kind, signer_kind="student", signed_on=signed_on)


def test_minor_self_consent_follows_the_site_rule(admin, clinician, pupil):
    view = consents.record_consent(clinician, pupil.id, student_signed())
    assert view.problem == "minor_not_allowed" and view.signer_name == "Student"
    assert chart.open_chart(clinician, pupil.id).alerts[0].kind == "consent"
    settings.update_settings(
        admin, minor_consent=MinorConsentRule(minimum_age=12, kinds=frozenset({SERVICES}))
    )
    assert consents.check_student_consent(clinician, pupil.id, SERVICES).valid
    assert [a.kind for a in chart.open_chart(clinician, pupil.id).alerts] == []
    consents.record_consent(clinician, pupil.id, student_signed("telehealth"))
    telehealth = consents.check_student_consent(clinician, pupil.id, "telehealth")
    assert telehealth.reason is ConsentProblem.MINOR_NOT_ALLOWED


def test_minor_rule_uses_the_age_on_the_day_of_signing(admin, clinician):
    # Turns 14 on 2026-09-02: signed at 13 on 2026-09-01, too young under a 14+ rule.
    pupil = students.create_student(clinician, student(date_of_birth=date(2012, 9, 2)))
    settings.update_settings(
        admin, minor_consent=MinorConsentRule(minimum_age=14, kinds=frozenset({SERVICES}))
    )
    consents.record_consent(clinician, pupil.id, student_signed())
    assert not consents.check_student_consent(clinician, pupil.id, SERVICES).valid
    consents.record_consent(clinician, pupil.id, student_signed(signed_on=date(2026, 9, 2)))
    assert consents.check_student_consent(clinician, pupil.id, SERVICES).valid


def test_an_adult_student_signs_for_themself(clinician):
    adult = students.create_student(clinician, student(date_of_birth=date(2008, 1, 5)))
    view = consents.record_consent(clinician, adult.id, student_signed())
    assert view.valid and view.signer_has_authority


# --- permissions ------------------------------------------------------------------------


def test_nurse_records_and_reads_consents(nurse, pupil, mother):
    view = consents.record_consent(nurse, pupil.id, services_consent(mother))
    assert view.recorded_by == "Nurse"
    assert [c.id for c in consents.list_consents(nurse, pupil.id).consents] == [view.id]


@pytest.mark.parametrize("role", ["it", "admin"])
def test_it_and_admin_cannot_touch_consents(site, clinician, pupil, mother, role):
    view = consents.record_consent(clinician, pupil.id, services_consent(mother))
    with site.sign_in(role) as session:
        for call in (
            lambda: consents.record_consent(session, pupil.id, services_consent(mother)),
            lambda: consents.revoke_consent(session, view.id),
            lambda: consents.list_consents(session, pupil.id),
            lambda: consents.get_consent(session, view.id),
            lambda: consents.check_student_consent(session, pupil.id, SERVICES),
        ):
            with pytest.raises(errors.PermissionDeniedError):
                call()
