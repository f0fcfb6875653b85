"""Unsaved input kept inside the encrypted store, so a crash, a lock or a power cut never
loses what a clinician typed. One draft per user, student and kind (e.g. ``visit``).

Autosaves are not audited one by one (they would drown the log); creating and discarding
a draft are. Drafts never leave the store and are not synced.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.unit import SIGNED_IN, reading, unit_of_work
from clinic_desktop.store.models import Draft

MAX_DRAFT_CHARS = 100_000
#: Why a later save of the same draft leaves no audit row (see the module docstring).
AUTOSAVE = "draft autosave"


def save_draft(
    session: ClinicSession, kind: str, student_id: uuid.UUID | None, payload: dict[str, Any]
) -> None:
    """Create or replace the signed-in user's draft of ``kind`` for a student."""
    with unit_of_work(session, Permission.VIEW_CHART, unaudited=AUTOSAVE) as work:
        row = _find(work.db, session, kind, student_id)
        if row is None:
            work.db.add(
                Draft(user_id=session.user.id, student_id=student_id, kind=kind, payload=payload)
            )
            work.audit(AuditAction.DRAFT_STARTED, "student", student_id or "", {"kind": kind})
        elif row.payload != payload:
            row.payload = payload


def load_draft(
    session: ClinicSession, kind: str, student_id: uuid.UUID | None
) -> dict[str, Any] | None:
    """The signed-in user's draft, or None."""
    with reading(session, Permission.VIEW_CHART, ReadView.DRAFT) as read:
        row = _find(read.db, session, kind, student_id)
        return dict(row.payload) if row else None


def discard_draft(session: ClinicSession, kind: str, student_id: uuid.UUID | None) -> None:
    """Forget the draft (after saving the real record, or when the user discards it)."""
    with unit_of_work(session, SIGNED_IN) as work:
        row = _find(work.db, session, kind, student_id)
        if row is not None:
            work.db.delete(row)
            detail = {"kind": kind}
            work.audit(AuditAction.DRAFT_DISCARDED, "student", student_id or "", detail)


def _find(
    db: Session, session: ClinicSession, kind: str, student_id: uuid.UUID | None
) -> Draft | None:
    return db.scalar(
        select(Draft).where(
            Draft.user_id == session.user.id, Draft.kind == kind, Draft.student_id == student_id
        )
    )
