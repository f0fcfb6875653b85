"""Visits: record, correct, list. Behavioral-health notes are withheld by role here,
in the service, so no window or script can show them to a nurse or IT.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.domain.records import VisitView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.visits import VisitInput, VisitType, reason_text, validated_visit
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.store.models import Student, User, Visit


def record_visit(session: ClinicSession, student_id: uuid.UUID, visit: VisitInput) -> VisitView:
    clean = validated_visit(visit, session.now())
    _require_visit_type(session, clean.visit_type)
    with session.write() as db:
        _require_student(db, student_id)
        row = Visit(student_id=student_id, author_id=session.user.id)
        _apply(row, clean)
        db.add(row)
        db.flush()
        session.audit(db, "visit_recorded", "visit", row.id, {"type": clean.visit_type})
        return _view(session, row, session.user.display_name)


def update_visit(session: ClinicSession, visit_id: uuid.UUID, visit: VisitInput) -> VisitView:
    """Correct a visit; the change is audited and travels to the district as a new version."""
    clean = validated_visit(visit, session.now())
    with session.write() as db:
        row = db.get(Visit, visit_id)
        if row is None or row.deleted_at is not None:
            raise errors.NotFoundError
        _require_visit_type(session, row.visit_type)
        _require_visit_type(session, clean.visit_type)
        _apply(row, clean)
        session.audit(db, "visit_updated", "visit", row.id)
        author = db.get(User, row.author_id)
        return _view(session, row, author.display_name if author else "")


def list_visits(session: ClinicSession, student_id: uuid.UUID) -> list[VisitView]:
    """A student's visits, newest first (a chart read: audited)."""
    session.require(Permission.VIEW_CHART)
    with session.write() as db:
        _require_student(db, student_id)
        rows = db.execute(
            select(Visit, User.display_name)
            .join(User, Visit.author_id == User.id)
            .where(Visit.student_id == student_id, Visit.deleted_at.is_(None))
            .order_by(Visit.occurred_at.desc())
        ).all()
        session.audit(db, "visits_viewed", "student", student_id, {"count": len(rows)})
        return [_view(session, visit, author) for visit, author in rows]


def _require_visit_type(session: ClinicSession, visit_type: str) -> None:
    if VisitType(visit_type) == VisitType.NURSING:
        session.require(Permission.RECORD_NURSING_VISIT)
    else:
        session.require(Permission.RECORD_CLINICAL_VISIT)


def _require_student(db: Session, student_id: uuid.UUID) -> None:
    student = db.get(Student, student_id)
    if student is None or student.deleted_at is not None:
        raise errors.NotFoundError("That student is not in this clinic's records.")


def _apply(row: Visit, visit: VisitInput) -> None:
    row.visit_type = visit.visit_type
    row.occurred_at = visit.occurred_at
    row.reason = visit.reason
    row.note = visit.note
    row.disposition = visit.disposition
    row.duration_minutes = visit.duration_minutes
    row.icd10_codes = list(visit.icd10_codes)
    row.cpt_codes = list(visit.cpt_codes)


def _view(session: ClinicSession, row: Visit, author: str) -> VisitView:
    hidden = VisitType(row.visit_type).is_behavioral and not session.can(
        Permission.VIEW_BEHAVIORAL_NOTES
    )
    return VisitView(
        id=row.id,
        student_id=row.student_id,
        visit_type=row.visit_type,
        occurred_at=row.occurred_at,
        reason=reason_text(row.reason),
        note="" if hidden else row.note,
        note_hidden=hidden,
        disposition=row.disposition,
        duration_minutes=row.duration_minutes,
        icd10_codes=tuple(row.icd10_codes or ()),
        cpt_codes=tuple(row.cpt_codes or ()),
        author=author,
    )
