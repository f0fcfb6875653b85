"""Administering screenings and their history, with the risk flags they raise.

Scoring is the domain's (``domain.screening.score``, driven by the instrument files). A
saved screening is attached to a visit (one is created when none is given) and each flag
becomes a ``RiskFlag`` row that stays open until a clinician closes it with a note
(``services.flags``: actions taken, closing, related flags of the sitting).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.screening import (
    ScreeningStatus,
    checked_discard_reason,
    checked_text_answers,
    load_instrument,
    score,
)
from clinic_desktop.domain.visits import VisitType, screening_reason
from clinic_desktop.services import privacy
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
    #: "in_progress" (on record because a flag was raised), "complete" or "discarded".
    status: str = ScreeningStatus.COMPLETE
    #: Free-text follow-ups by item id; empty and ``texts_withheld`` for a reader who may
    #: not see behavioral-health notes (the same rule visit notes follow).
    text_answers: Mapping[str, str] = field(default_factory=dict)
    texts_withheld: bool = False
    discarded_at: datetime | None = None
    discard_reason: str = ""
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
    text_answers: Mapping[str, str | None] | None = None,
    screening_id: uuid.UUID | None = None,
) -> ScreeningView:
    """Score and save a finished screening; raise its flags. Creates a visit when none is
    given. With ``screening_id`` it completes that screening in progress (same row, its
    flags kept, new ones added); CPT 96127 is added to the visit once, on completion."""
    with unit_of_work(session, Permission.VIEW_CHART) as work:
        return _record(
            work,
            student_id,
            instrument_id,
            answers,
            lang=lang,
            visit_id=visit_id,
            text_answers=text_answers or {},
            screening_id=screening_id,
            status=ScreeningStatus.COMPLETE,
        )


def save_in_progress(
    session: ClinicSession,
    student_id: uuid.UUID,
    instrument_id: str,
    answers: Mapping[str, int | None],
    *,
    lang: str = "en",
    visit_id: uuid.UUID | None = None,
    text_answers: Mapping[str, str | None] | None = None,
    screening_id: uuid.UUID | None = None,
) -> ScreeningView:
    """Put a screening on record before it is finished: the form calls this the moment an
    answer raises a flag, and again after each later answer (``screening_id``: the same
    row). A flag once raised stays, even if the answer that raised it is changed: the
    clinician closes it with a note."""
    with unit_of_work(session, Permission.VIEW_CHART) as work:
        return _record(
            work,
            student_id,
            instrument_id,
            answers,
            lang=lang,
            visit_id=visit_id,
            text_answers=text_answers or {},
            screening_id=screening_id,
            status=ScreeningStatus.IN_PROGRESS,
        )


def discard_screening(
    session: ClinicSession, screening_id: uuid.UUID, reason: str
) -> ScreeningView:
    """Abandon a screening in progress, with the reason (required, audited). Its flags stay
    open: a raised flag is closed only by a clinician's action and note."""
    clean_reason = checked_discard_reason(reason)
    with unit_of_work(session, Permission.VIEW_CHART) as work:
        row = live(work.db, Screening, screening_id)
        _require_in_progress(row)
        row.status = ScreeningStatus.DISCARDED
        row.discarded_at = session.now()
        row.discarded_by = session.user.id
        row.discard_reason = clean_reason
        flags = _flags_by_screening(work.db, [row.id]).get(row.id, [])
        work.audit(
            AuditAction.SCREENING_DISCARDED,
            "screening",
            row.id,
            {"instrument": row.instrument_id, "open_flags": [f.flag_id for f in flags]},
        )
        return _view(session, row, flag_views(work.db, session, flags))


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
        # Every flag's view in one go (already filtered by role: ``flags.flag_views``).
        shown: dict[uuid.UUID, list[RiskFlagView]] = {}
        for flag in flag_views(db, session, [f for r in rows for f in flags.get(r.id, [])]):
            shown.setdefault(flag.screening_id, []).append(flag)
        return [
            privacy.screening(session, _view(session, r, shown.get(r.id, [])), r.administered_by)
            for r in rows
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
        views = flag_views(read.db, session, rows)
        return sorted(views, key=lambda f: f.severity != "acute")


# --- internals -------------------------------------------------------------------------


#: The audit action of a screening saved with each status.
_SAVED_ACTION = {
    ScreeningStatus.COMPLETE: AuditAction.SCREENING_RECORDED,
    ScreeningStatus.IN_PROGRESS: AuditAction.SCREENING_IN_PROGRESS,
}


def _record(
    work: Work,
    student_id: uuid.UUID,
    instrument_id: str,
    answers: Mapping[str, int | None],
    *,
    lang: str,
    visit_id: uuid.UUID | None,
    text_answers: Mapping[str, str | None],
    screening_id: uuid.UUID | None,
    status: ScreeningStatus,
) -> ScreeningView:
    """Create or update the screening row; add the flags its answers raise that it does
    not have yet (never removing one); audit it under ``status``'s action."""
    session, db = work.session, work.db
    # Flags speak to the clinician, whatever language the student answered in.
    result = score(instrument_id, answers, lang="en")
    instrument = load_instrument(instrument_id)
    given = {k: int(v) for k, v in answers.items() if v is not None}
    texts = checked_text_answers(instrument, given, text_answers)
    now = session.now()
    live(db, Student, student_id)
    if screening_id is None:
        row = Screening(
            student_id=student_id,
            visit_id=_sitting_visit(work, student_id, visit_id, instrument_id),
            administered_by=session.user.id,
            administered_at=now,
            instrument_id=result.instrument_id,
            language=lang,
        )
        db.add(row)
    else:
        row = live(db, Screening, screening_id)
        if row.student_id != student_id or row.instrument_id != instrument_id:
            raise errors.ConflictError("That screening belongs to another student or form.")
        _require_in_progress(row)
    row.instrument_version = result.instrument_version
    row.language = lang
    row.answers = given
    row.text_answers = texts
    row.total = result.total
    row.subscales = dict(result.subscales)
    row.band = result.band
    row.complete = result.complete
    row.status = str(status)
    if status == ScreeningStatus.COMPLETE and row.visit_id is not None and instrument.cpt:
        # CPT 96127 is billed once per instrument administered: one unit, on completion.
        visit = live(db, Visit, row.visit_id)
        if visit.status == "draft":  # a signed visit's codes never change
            visit.cpt_codes = [*(visit.cpt_codes or []), instrument.cpt]
    db.flush()
    flags = _flags_by_screening(db, [row.id]).get(row.id, [])
    held = {f.flag_id for f in flags}
    added = [
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
        if flag.id not in held
    ]
    db.add_all(added)
    db.flush()
    flags = [*flags, *added]
    work.audit(
        _SAVED_ACTION[status],
        "screening",
        row.id,
        {
            "instrument": instrument_id,
            "flags": [f.flag_id for f in flags],
            "new": [f.flag_id for f in added],
        },
    )
    return _view(session, row, flag_views(db, session, flags))


def _require_in_progress(row: Screening) -> None:
    if row.status == ScreeningStatus.COMPLETE:
        raise errors.ConflictError("That screening was already saved.")
    if row.status == ScreeningStatus.DISCARDED:
        raise errors.ConflictError("That screening was discarded.")


def _sitting_visit(
    work: Work, student_id: uuid.UUID, visit_id: uuid.UUID | None, instrument_id: str
) -> uuid.UUID:
    """The visit of this sitting.

    A screening is always given inside a visit: the one the clinician has open, or a new
    draft that the clinician completes (disposition chosen by a person, never defaulted).
    CPT 96127 (once per instrument) is added by ``_write`` when the screening completes.
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
    return visit.id


def _flags_by_screening(db: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[RiskFlag]]:
    grouped: dict[uuid.UUID, list[RiskFlag]] = {}
    if ids:
        for flag in db.scalars(select(RiskFlag).where(RiskFlag.screening_id.in_(ids))):
            grouped.setdefault(flag.screening_id, []).append(flag)
    return grouped


def _view(session: ClinicSession, row: Screening, flags: list[RiskFlagView]) -> ScreeningView:
    instrument = load_instrument(row.instrument_id)
    # Written answers and discard reasons are behavioral-health free text: withheld here,
    # in the service, from a role that may not read such notes.
    may_read = session.can(Permission.VIEW_BEHAVIORAL_NOTES)
    texts = dict(row.text_answers or {})
    withheld = not may_read and bool(texts or row.discard_reason)
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
        status=row.status or ScreeningStatus.COMPLETE,
        text_answers=texts if may_read else {},
        texts_withheld=withheld,
        discarded_at=row.discarded_at,
        discard_reason=(row.discard_reason or "") if may_read else "",
    )
