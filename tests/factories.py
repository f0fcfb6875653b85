"""Small builders for valid inputs, so tests state only what they care about."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from clinic_desktop.domain.students import GuardianInput, StudentInput
from clinic_desktop.domain.visits import VisitInput


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
