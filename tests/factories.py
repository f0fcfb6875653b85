"""Small builders for valid inputs, so tests state only what they care about."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime

from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.students import GuardianInput, StudentInput
from clinic_desktop.domain.visits import VisitInput
from clinic_desktop.services import site as site_service
from clinic_desktop.services import sync as sync_service
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.store.models import RiskFlag, Screening


def student(**changes: object) -> StudentInput:
    base = StudentInput(
        first_name="José",
        last_name="Ñúñez",
        date_of_birth=date(2010, 3, 14),
        school_code="LHS",
        district_id="D1000001",
        preferred_name="Pepe",
        sex="M",
        grade="10",
        zip_code="94601",
        language="es",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def guardian(**changes: object) -> GuardianInput:
    base = GuardianInput(
        name="María Ñúñez", relation="mother", phones=("(555) 555-0101",), language="es"
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def visit(at: datetime, **changes: object) -> VisitInput:
    base = VisitInput(
        visit_type="nursing",
        occurred_at=at,
        reason="Headache",
        note="Rested 15 minutes, water given.",
        disposition="returned_to_class",
        duration_minutes=15,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def open_flag(session: ClinicSession, student_id: uuid.UUID, severity: str = "acute") -> None:
    """An open ASQ risk flag and its screening, written straight to the store: test set-up
    for the views that list flags (the screening service would raise it the same way)."""
    with session.write() as db:
        screening = Screening(
            student_id=student_id,
            administered_by=session.user.id,
            administered_at=session.now(),
            instrument_id="asq",
            instrument_version="2020",
            answers={"q1": 1, "q5": 1},
            complete=True,
        )
        db.add(screening)
        db.flush()
        db.add(
            RiskFlag(
                student_id=student_id,
                screening_id=screening.id,
                flag_id="asq_acute",
                severity=severity,
                message="Acute suicide risk.",
                required_action="Full safety evaluation before the student leaves.",
                raised_at=session.now(),
            )
        )


def accept_profile(session: ClinicSession, admin_password: str = "") -> None:
    """The site's administrator (user ``admin``) accepts the district's export profile, as
    every site must once after provisioning and before its first export. ``session`` may
    be anyone's on the site (IT provisions, only an administrator accepts); the test sites'
    admin password is ``PASSWORDS["admin"]`` unless ``admin_password`` says otherwise."""
    if session.can(Permission.MANAGE_SETTINGS):
        sync_service.accept_export_profile(session)
        return
    from tests.conftest import PASSWORDS

    password = admin_password or PASSWORDS["admin"]
    with site_service.sign_in(session.paths.root, "admin", password, clock=session.clock) as admin:
        sync_service.accept_export_profile(admin)
