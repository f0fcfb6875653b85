"""Administering screenings and their history, with the risk flags they raise.

Scoring is the domain's (``domain.screening.score``, driven by the instrument files). A
saved screening is attached to a visit (one is created when none is given) and each flag
becomes a ``RiskFlag`` row that stays open until a clinician closes it with a note
(``services.flags``: actions taken, closing, related flags of the sitting).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.screening import load_instrument, score
from clinic_desktop.domain.visits import VisitType, screening_reason
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.flags import RiskFlagView, flag_views
from clinic_desktop.services.unit import Work, reading, unit_of_work
from clinic_desktop.store.models import RiskFlag, Screening, Student, Visit
from clinic_desktop.store.rows import live


@dataclass(frozen=True)
class ScreeningView:
    id: uuid.UUID
    student_id: uuid.UUID
    visit_id: uuid.UUID | None
    instrument_id: str
    instrument_version: str
    title: str
    language: str
    administered_at: datetime
    answers: Mapping[str, int]
    total: int | None
    subscales: Mapping[str, int | None]
    band: str | None
    band_label: str
    complete: bool
    flags: tuple[RiskFlagView, ...]


def administer_screening(
    session: ClinicSession,
    student_id: uuid.UUID,
    instrument_id: str,
    answers: Mapping[str, int | None],
    *,
    lang: str = "en",
    visit_id: uuid.UUID | None = None,
) -> ScreeningView:
    """Score and save a screening; raise its flags. Creates a visit when none is given."""
    with unit_of_work(session, Permission.VIEW_CHART) as work:
        # Flags speak to the clinician, whatever language the student answered in.
        result = score(instrument_id, answers, lang="en")
        given = {k: int(v) for k, v in answers.items() if v is not None}
        now = session.now()
        db = work.db
        live(db, Student, student_id)
        visit_id = _sitting_visit(work, student_id, visit_id, instrument_id)
        row = Screening(
            student_id=student_id,
            visit_id=visit_id,
            administered_by=session.user.id,
            administered_at=now,
            instrument_id=result.instrument_id,
            instrument_version=result.instrument_version,
            language=lang,
            answers=given,
            total=result.total,
            subscales=dict(result.subscales),
            band=result.band,
            complete=result.complete,
        )
        db.add(row)
        db.flush()
        flags = [
            RiskFlag(
                student_id=student_id,
                screening_id=row.id,
                flag_id=flag.id,
                severity=str(flag.severity),
                message=flag.message,
                required_action=flag.required_action,
                raised_at=now,
            )
            for flag in result.flags
        ]
        db.add_all(flags)
        db.flush()
        work.audit(
            AuditAction.SCREENING_RECORDED,
            "screening",
            row.id,
            {"instrument": instrument_id, "flags": list(result.flag_ids)},
        )
        return _view(row, flag_views(db, session, flags))


def list_screenings(session: ClinicSession, student_id: uuid.UUID) -> list[ScreeningView]:
    """A student's screenings, newest first, with their flags (a chart read: audited)."""
    with reading(session, Permission.VIEW_CHART, ReadView.SCREENINGS, student_id) as read:
        db = read.db
        rows = db.scalars(
            select(Screening)
            .where(Screening.student_id == student_id, Screening.deleted_at.is_(None))
            .order_by(Screening.administered_at.desc())
        ).all()
        flags = _flags_by_screening(db, [r.id for r in rows])
        read.note(count=len(rows))
        return [_view(r, flag_views(db, session, flags.get(r.id, []))) for r in rows]


def open_flags(session: ClinicSession, student_id: uuid.UUID) -> list[RiskFlagView]:
    """Flags still waiting for an action, acute first."""
    with reading(session, Permission.VIEW_CHART, ReadView.OPEN_FLAGS, student_id) as read:
        rows = read.db.scalars(
            select(RiskFlag).where(
                RiskFlag.student_id == student_id,
                RiskFlag.resolved_at.is_(None),
                RiskFlag.deleted_at.is_(None),
            )
        ).all()
        read.note(count=len(rows))
        views = flag_views(read.db, session, rows)
        return sorted(views, key=lambda f: f.severity != "acute")


# --- internals -------------------------------------------------------------------------


def _sitting_visit(
    work: Work, student_id: uuid.UUID, visit_id: uuid.UUID | None, instrument_id: str
) -> uuid.UUID:
    """The visit of this sitting, with the instrument's CPT code added once.

    A screening is always given inside a visit: the one the clinician has open, or a new
    draft that the clinician completes (disposition chosen by a person, never defaulted).
    CPT 96127 is billed once per instrument administered, so each screening adds one unit.
    """
    session = work.session
    instrument = load_instrument(instrument_id)
    if visit_id is not None:
        visit = live(work.db, Visit, visit_id)
        if visit.student_id != student_id:
            raise errors.ConflictError("That visit belongs to another student.")
        if visit.status != "draft":
            raise errors.ConflictError(
                "That visit is signed; start a new visit to give another screening."
            )
    else:
        clinical = session.can(Permission.RECORD_CLINICAL_VISIT)
        visit_type = VisitType.BEHAVIORAL_HEALTH if clinical else VisitType.NURSING
        if not clinical:
            session.require(Permission.RECORD_NURSING_VISIT)
        visit = Visit(
            student_id=student_id,
            author_id=session.user.id,
            visit_type=visit_type,
            occurred_at=session.now(),
            reason=str(screening_reason(instrument.short_name)),
            disposition=None,
            duration_minutes=0,
            cpt_codes=[],
        )
        work.db.add(visit)
        work.db.flush()
        work.audit(AuditAction.VISIT_RECORDED, "visit", visit.id, {"type": str(visit_type)})
    if instrument.cpt:
        visit.cpt_codes = [*(visit.cpt_codes or []), instrument.cpt]
    return visit.id


def _flags_by_screening(db: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[RiskFlag]]:
    grouped: dict[uuid.UUID, list[RiskFlag]] = {}
    if ids:
        for flag in db.scalars(select(RiskFlag).where(RiskFlag.screening_id.in_(ids))):
            grouped.setdefault(flag.screening_id, []).append(flag)
    return grouped


def _view(row: Screening, flags: list[RiskFlagView]) -> ScreeningView:
    instrument = load_instrument(row.instrument_id)
    return ScreeningView(
        id=row.id,
        student_id=row.student_id,
        visit_id=row.visit_id,
        instrument_id=row.instrument_id,
        instrument_version=row.instrument_version,
        title=instrument.title.get("en"),
        language=row.language,
        administered_at=row.administered_at,
        answers=dict(row.answers or {}),
        total=row.total,
        subscales=dict(row.subscales or {}),
        band=row.band,
        band_label=instrument.band_label(row.band, "en") if row.band else "",
        complete=row.complete,
        flags=tuple(flags),
    )
