"""Roles are enforced inside the services, whatever the caller."""

from datetime import timedelta

import pytest

from clinic_desktop import errors
from clinic_desktop.services import site as site_service
from clinic_desktop.services import students, users, visits
from tests.factories import student, visit


@pytest.fixture
def chart(site):
    with site.sign_in("clinician") as session:
        created = students.create_student(session, student())
        at = site.clock() - timedelta(hours=1)
        visits.record_visit(
            session,
            created.id,
            visit(at, visit_type="behavioral_health", reason="Anxiety", note="Discussed panic"),
        )
        visits.record_visit(session, created.id, visit(at, note="Ice pack applied"))
        return created.id


def test_nurse_cannot_read_a_behavioral_health_note(site, chart):
    with site.sign_in("nurse") as nurse:
        listed = {v.visit_type: v for v in visits.list_visits(nurse, chart)}
    assert listed["behavioral_health"].note == ""
    assert listed["behavioral_health"].note_hidden
    assert listed["nursing"].note == "Ice pack applied"


def test_clinician_reads_behavioral_health_notes(site, chart):
    with site.sign_in("clinician") as clinician:
        listed = {v.visit_type: v for v in visits.list_visits(clinician, chart)}
    assert listed["behavioral_health"].note == "Discussed panic"


def test_nurse_cannot_record_a_behavioral_health_visit(site, chart):
    with site.sign_in("nurse") as nurse, pytest.raises(errors.PermissionDeniedError):
        visits.record_visit(
            nurse, chart, visit(site.clock(), visit_type="behavioral_health", reason="Grief")
        )


@pytest.mark.parametrize("role", ["it", "admin"])
def test_it_and_admin_cannot_open_a_chart(site, chart, role):
    with site.sign_in(role) as session:
        for call in (
            lambda: students.get_student(session, chart),
            lambda: students.search_students(session, "nunez"),
            lambda: visits.list_visits(session, chart),
        ):
            with pytest.raises(errors.PermissionDeniedError):
                call()


def test_clinician_cannot_manage_users_or_rekey(clinician):
    with pytest.raises(errors.PermissionDeniedError):
        users.add_user(clinician, "mallory", "mallory-pass", "admin")
    with pytest.raises(errors.PermissionDeniedError):
        site_service.rekey(clinician)
    with pytest.raises(errors.PermissionDeniedError):
        site_service.set_password(clinician, "admin", "taken-over-1")
