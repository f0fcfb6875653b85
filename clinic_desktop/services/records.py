"""Plain, frozen views of records handed out by the services (never live ORM objects)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from clinic_desktop.domain.students import age_on


@dataclass(frozen=True)
class GuardianView:
    id: uuid.UUID
    name: str
    relation: str
    phones: tuple[str, ...]
    email: str
    language: str
    can_consent: bool


@dataclass(frozen=True)
class StudentSummary:
    """One line of the roster: enough to recognise the student, nothing clinical."""

    id: uuid.UUID
    first_name: str
    last_name: str
    preferred_name: str
    date_of_birth: date
    grade: str
    school_code: str
    district_id: str

    @property
    def display_name(self) -> str:
        """ "Last, First (Preferred)" as clinic rosters list students."""
        name = f"{self.last_name}, {self.first_name}"
        if self.preferred_name and self.preferred_name != self.first_name:
            name += f" ({self.preferred_name})"
        return name

    def age(self, on: date) -> int:
        return age_on(self.date_of_birth, on)


@dataclass(frozen=True)
class StudentDetail(StudentSummary):
    local_id: str
    sex: str
    gender_identity: str
    zip_code: str
    language: str
    foster_care: bool
    insurance_id: str
    school_name: str
    guardians: tuple[GuardianView, ...]


@dataclass(frozen=True)
class VisitView:
    id: uuid.UUID
    student_id: uuid.UUID
    visit_type: str
    occurred_at: datetime
    reason: str
    #: Empty when ``note_hidden``: the viewer's role may not read behavioral-health notes.
    note: str
    note_hidden: bool
    disposition: str
    duration_minutes: int
    icd10_codes: tuple[str, ...]
    cpt_codes: tuple[str, ...]
    author: str
