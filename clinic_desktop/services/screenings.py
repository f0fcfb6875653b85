"""Administering screenings, their history, and closing the risk flags they raise.

Scoring is the domain's (``domain.screening.score``, driven by the instrument files). A
saved screening is attached to a visit (one is created when none is given) and each flag
becomes a ``RiskFlag`` row that stays open until a clinician records the action taken.
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
from clinic_desktop.domain.risk_actions import RiskAction, validated_resolution
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.screening import load_instrument, score, stored_flag_texts
from clinic_desktop.domain.visits import Disposition, VisitType, screening_reason
from clinic_desktop.services import privacy
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.unit import Work, reading, unit_of_work
from clinic_desktop.store.models import RiskFlag, Screening, Student, Visit
from clinic_desktop.store.rows import live


@dataclass(frozen=True)
class RiskFlagView:
    id: uuid.UUID
    student_id: uuid.UUID
    screening_id: uuid.UUID
    flag_id: str
    severity: str
    message: str
    required_action: str
    raised_at: datetime
    resolved_at: datetime | None
    action_taken: str | None
    action_note: str
    #: Set (the placeholder) when texts and action are withheld by role (``privacy``).
    restricted: str = ""
    #: Whom to call about the flag: the clinician who gave the screening.
    contact: str = ""

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


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
    #: Set (the placeholder) when the instrument and results are withheld by role.
    restricted: str = ""


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
        visit_id = visit_id or _new_visit(work, student_id, instrument_id, now)
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
        return _view(row, flags)


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
        names = privacy.contacts(db, {r.administered_by for r in rows})
        views = [(r, _view(r, flags.get(r.id, []))) for r in rows]
        return [
            privacy.screening(session, view, r.administered_by, names.get(r.administered_by, ""))
            for r, view in views
        ]


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
        views = privacy.flags(session, read.db, rows, [_flag_view(f) for f in rows])
        return sorted(views, key=lambda f: f.severity != "acute")


def resolve_flag(
    session: ClinicSession, flag_id: uuid.UUID, action: RiskAction | str, note: str = ""
) -> RiskFlagView:
    """Close a flag by recording the action taken (acute flags need a note too)."""
    with unit_of_work(session, Permission.RECORD_CLINICAL_VISIT) as work:
        flag = live(work.db, RiskFlag, flag_id)
        if flag.resolved_at is not None:
            raise errors.ConflictError("That flag was already closed.")
        chosen, clean_note = validated_resolution(flag.severity, str(action), note)
        flag.resolved_at = session.now()
        flag.resolved_by = session.user.id
        flag.action_taken = chosen.value
        flag.action_note = clean_note
        detail = {"action": chosen.value}
        work.audit(AuditAction.RISK_FLAG_RESOLVED, "risk_flag", flag.id, detail)
        return _flag_view(flag)


# --- internals -------------------------------------------------------------------------


def _new_visit(work: Work, student_id: uuid.UUID, instrument_id: str, now: datetime) -> uuid.UUID:
    """The visit a screening is attached to when the clinician did not pick one."""
    session = work.session
    clinical = session.can(Permission.RECORD_CLINICAL_VISIT)
    visit_type = VisitType.BEHAVIORAL_HEALTH if clinical else VisitType.NURSING
    if not clinical:
        session.require(Permission.RECORD_NURSING_VISIT)
    instrument = load_instrument(instrument_id)
    visit = Visit(
        student_id=student_id,
        author_id=session.user.id,
        visit_type=visit_type,
        occurred_at=now,
        reason=str(screening_reason(instrument.short_name)),
        disposition=Disposition.RETURNED_TO_CLASS,
        duration_minutes=15,
        cpt_codes=[instrument.cpt] if instrument.cpt else [],
    )
    work.db.add(visit)
    work.db.flush()
    work.audit(AuditAction.VISIT_RECORDED, "visit", visit.id, {"type": str(visit_type)})
    return visit.id


def _flags_by_screening(db: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[RiskFlag]]:
    grouped: dict[uuid.UUID, list[RiskFlag]] = {}
    if ids:
        for flag in db.scalars(select(RiskFlag).where(RiskFlag.screening_id.in_(ids))):
            grouped.setdefault(flag.screening_id, []).append(flag)
    return grouped


def _view(row: Screening, flags: list[RiskFlag]) -> ScreeningView:
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
        flags=tuple(_flag_view(f, row.instrument_id) for f in flags),
    )


def _flag_view(flag: RiskFlag, instrument_id: str | None = None) -> RiskFlagView:
    """The flag for a reader: its texts in both languages, from the instrument file."""
    stored = (flag.message, flag.required_action)
    message, action = stored_flag_texts(flag.flag_id, *stored, instrument_id=instrument_id)
    return RiskFlagView(
        id=flag.id,
        student_id=flag.student_id,
        screening_id=flag.screening_id,
        flag_id=flag.flag_id,
        severity=flag.severity,
        message=message,
        required_action=action,
        raised_at=flag.raised_at,
        resolved_at=flag.resolved_at,
        action_taken=flag.action_taken,
        action_note=flag.action_note,
    )
