"""Visits: record, correct, list. Behavioral-health notes are withheld by role here,
in the service, so no window or script can show them to a nurse or IT.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.records import VisitView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.visits import VisitInput, VisitType, reason_text, validated_visit
from clinic_desktop.services import privacy
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.unit import reading, require, unit_of_work
from clinic_desktop.store.models import Student, User, Visit
from clinic_desktop.store.rows import live


def record_visit(session: ClinicSession, student_id: uuid.UUID, visit: VisitInput) -> VisitView:
    clean = validated_visit(visit, session.now())
    with unit_of_work(session, visit_permission(clean.visit_type)) as work:
        live(work.db, Student, student_id)
        row = Visit(student_id=student_id, author_id=session.user.id)
        _apply(row, clean)
        work.db.add(row)
        work.db.flush()
        work.audit(AuditAction.VISIT_RECORDED, "visit", row.id, {"type": clean.visit_type})
        return _view(session, row, session.user.display_name)


def update_visit(session: ClinicSession, visit_id: uuid.UUID, visit: VisitInput) -> VisitView:
    """Correct a visit; the change is audited and travels to the district as a new version."""
    clean = validated_visit(visit, session.now())
    with unit_of_work(session, visit_permission(clean.visit_type)) as work:
        row = live(work.db, Visit, visit_id)
        require(session, visit_permission(row.visit_type))
        privacy.require_visible(session, privacy.visit_restriction(session, row))
        _apply(row, clean)
        work.audit(AuditAction.VISIT_UPDATED, "visit", row.id)
        author = work.db.get(User, row.author_id)
        return _view(session, row, author.display_name if author else "")


def list_visits(session: ClinicSession, student_id: uuid.UUID) -> list[VisitView]:
    """A student's visits, newest first (a chart read: audited)."""
    with reading(session, Permission.VIEW_CHART, ReadView.VISITS, student_id) as read:
        live(read.db, Student, student_id)
        rows = read.db.execute(
            select(Visit, User.display_name)
            .join(User, Visit.author_id == User.id)
            .where(Visit.student_id == student_id, Visit.deleted_at.is_(None))
            .order_by(Visit.occurred_at.desc())
        ).all()
        read.note(count=len(rows))
        return [_view(session, visit, author) for visit, author in rows]


def visit_permission(visit_type: str) -> Permission:
    """Nurses record nursing visits; every other kind needs a clinician."""
    if VisitType(visit_type) == VisitType.NURSING:
        return Permission.RECORD_NURSING_VISIT
    return Permission.RECORD_CLINICAL_VISIT


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
    view = VisitView(
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
    return privacy.visit(session, view, row.author_id)
