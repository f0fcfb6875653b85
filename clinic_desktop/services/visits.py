"""Visits: one encounter per sitting, a note's lifecycle, lists.

A visit is a **draft** until its author signs it. A draft is editable by its author (every
edit audited); signing needs a disposition a person chose and records who and when; after
that the visit never changes, and every correction is an **addendum** (author, time,
reason, text; a late entry says when it happened). A visit documented on a later day
than it happened is marked as a late entry.

One sitting is one encounter: ``current_visit`` is the signed-in user's own draft of a
student today, which screenings join (``services.screenings``), and ``open_visit`` starts
one when there is none. Nothing is defaulted for the clinician: a visit has no
disposition until a person chooses one, and "Returned to class" is refused while the
student has an open acute risk flag unless a person confirms why (the reason is kept in
the note).

Behavioral-health notes (and their addenda, and the notes of the flag actions of the
visit's screenings) are withheld by role here, in the service, so no window or script
can show them to a nurse or IT.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.records import (
    AddendumView,
    FlagActionLine,
    VisitFlagView,
    VisitScreeningView,
    VisitView,
)
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.screening import load_instrument, stored_flag_texts
from clinic_desktop.domain.visits import (
    AddendumInput,
    Disposition,
    VisitInput,
    VisitStatus,
    VisitType,
    has_return_confirmation,
    reason_text,
    return_reason_errors,
    sign_errors,
    validated_addendum,
    validated_visit,
    with_return_confirmation,
)
from clinic_desktop.errors import ValidationError
from clinic_desktop.services import privacy
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.unit import Work, reading, require, unit_of_work
from clinic_desktop.store.models import (
    FlagAction,
    RiskFlag,
    Screening,
    Student,
    User,
    Visit,
    VisitAddendum,
)
from clinic_desktop.store.rows import live


class SignedVisitError(errors.ConflictError):
    message = "This visit is signed and cannot be changed. Add an addendum instead."


class NotYourDraftError(errors.PermissionDeniedError):
    message = "Only the clinician who wrote this draft can change or sign it."


def record_visit(
    session: ClinicSession,
    student_id: uuid.UUID,
    visit: VisitInput,
    *,
    sign: bool = False,
    return_reason: str = "",
) -> VisitView:
    """Record a visit as a draft (``sign``: and sign it in the same step)."""
    clean = validated_visit(visit, session.now())
    with unit_of_work(session, visit_permission(clean.visit_type)) as work:
        live(work.db, Student, student_id)
        row = Visit(student_id=student_id, author_id=session.user.id, status=VisitStatus.DRAFT)
        _apply(session, row, clean)
        confirmed = _confirm_return(work, row, return_reason)
        work.db.add(row)
        work.db.flush()
        detail = {"type": clean.visit_type, "late_entry": row.late_entry}
        work.audit(AuditAction.VISIT_RECORDED, "visit", row.id, detail | confirmed)
        if sign:
            _sign(work, row, return_reason)
        return _one_view(work.db, session, row)


def update_visit(
    session: ClinicSession,
    visit_id: uuid.UUID,
    visit: VisitInput,
    *,
    sign: bool = False,
    return_reason: str = "",
) -> VisitView:
    """Change a draft (its author only; audited); a signed visit is refused."""
    clean = validated_visit(visit, session.now())
    with unit_of_work(session, visit_permission(clean.visit_type)) as work:
        row = _editable(work, visit_id)
        changed = _changed_fields(row, clean)
        _apply(session, row, clean)
        confirmed = _confirm_return(work, row, return_reason)
        work.audit(AuditAction.VISIT_UPDATED, "visit", row.id, {"fields": changed} | confirmed)
        if sign:
            _sign(work, row, return_reason)
        return _one_view(work.db, session, row)


def sign_visit(
    session: ClinicSession, visit_id: uuid.UUID, *, return_reason: str = ""
) -> VisitView:
    """Sign a draft: it needs a disposition a person chose; after this it never changes."""
    with unit_of_work(session, _RECORDS_VISITS) as work:
        row = _editable(work, visit_id)
        _sign(work, row, return_reason)
        return _one_view(work.db, session, row)


def add_addendum(
    session: ClinicSession,
    visit_id: uuid.UUID,
    reason: str,
    text: str,
    late_entry: bool = False,
    refers_to: datetime | None = None,
) -> VisitView:
    """The only change a signed visit takes: an addendum (who, when, why, what)."""
    clean = validated_addendum(AddendumInput(reason, text, late_entry, refers_to), session.now())
    with unit_of_work(session, _RECORDS_VISITS) as work:
        row = live(work.db, Visit, visit_id)
        require(session, visit_permission(row.visit_type))
        privacy.require_visible(session, privacy.visit_restriction(session, row))
        if row.status != VisitStatus.SIGNED:
            raise errors.ConflictError(
                "This visit is still a draft: change the draft itself, then sign it."
            )
        addendum = VisitAddendum(
            visit_id=row.id,
            author_id=session.user.id,
            written_at=session.now(),
            reason=clean.reason,
            text=clean.text,
            late_entry=clean.late_entry,
            refers_to=clean.refers_to,
        )
        work.db.add(addendum)
        work.db.flush()
        detail = {"addendum": str(addendum.id), "late_entry": clean.late_entry}
        work.audit(AuditAction.VISIT_ADDENDUM, "visit", row.id, detail)
        return _one_view(work.db, session, row)


def current_visit(session: ClinicSession, student_id: uuid.UUID) -> VisitView | None:
    """The signed-in user's own draft visit of this student today: the sitting that a
    screening joins (None when there is none)."""
    with reading(session, Permission.VIEW_CHART, ReadView.CURRENT_VISIT, student_id) as read:
        row = _current_row(read.db, session, student_id)
        read.note(found=row is not None)
        return _one_view(read.db, session, row) if row is not None else None


def open_visit(
    session: ClinicSession,
    student_id: uuid.UUID,
    visit_type: str | None = None,
    reason: str = "",
) -> VisitView:
    """The sitting's visit: the user's current draft of this student today, or a new draft
    (no disposition, no time spent: the clinician completes it)."""
    if visit_type is None:
        clinical = session.can(Permission.RECORD_CLINICAL_VISIT)
        visit_type = VisitType.BEHAVIORAL_HEALTH if clinical else VisitType.NURSING
    kind = VisitType(visit_type)
    with unit_of_work(session, visit_permission(kind)) as work:
        live(work.db, Student, student_id)
        row = _current_row(work.db, session, student_id)
        if row is not None:
            return _one_view(work.db, session, row)
        row = Visit(
            student_id=student_id,
            author_id=session.user.id,
            visit_type=kind.value,
            occurred_at=session.now(),
            reason=reason.strip()[:200],
            note="",
            disposition=None,
            duration_minutes=0,
            icd10_codes=[],
            cpt_codes=[],
            status=VisitStatus.DRAFT,
        )
        work.db.add(row)
        work.db.flush()
        work.audit(
            AuditAction.VISIT_RECORDED, "visit", row.id, {"type": kind.value, "opened": True}
        )
        return _one_view(work.db, session, row)


def get_visit(session: ClinicSession, visit_id: uuid.UUID) -> VisitView:
    """One visit as its record: the note, signature, addenda, and the screenings given in
    it with their flags and the actions taken (a chart read: audited)."""
    with reading(session, Permission.VIEW_CHART, ReadView.VISIT, visit_id) as read:
        row = live(read.db, Visit, visit_id)
        view = _one_view(read.db, session, row)
        if view.restricted:  # the sensitivity model: that it exists and whom to call only
            return view
        screenings = _screenings(read.db, session, row, hidden=_hidden(session, row))
        return _with_screenings(view, screenings)


def list_visits(session: ClinicSession, student_id: uuid.UUID) -> list[VisitView]:
    """A student's visits, newest first (a chart read: audited)."""
    with reading(session, Permission.VIEW_CHART, ReadView.VISITS, student_id) as read:
        live(read.db, Student, student_id)
        rows = read.db.scalars(
            select(Visit)
            .where(Visit.student_id == student_id, Visit.deleted_at.is_(None))
            .order_by(Visit.occurred_at.desc())
        ).all()
        read.note(count=len(rows))
        return _views(read.db, session, rows)


def visit_permission(visit_type: str) -> Permission:
    """Nurses record nursing visits; every other kind needs a clinician."""
    if VisitType(visit_type) == VisitType.NURSING:
        return Permission.RECORD_NURSING_VISIT
    return Permission.RECORD_CLINICAL_VISIT


#: Who may sign or amend a visit: anyone who records one (the visit's type decides).
_RECORDS_VISITS = (Permission.RECORD_CLINICAL_VISIT, Permission.RECORD_NURSING_VISIT)


# --- internals -------------------------------------------------------------------------


def _current_row(db: Session, session: ClinicSession, student_id: uuid.UUID) -> Visit | None:
    start, end = session.day_bounds()
    return db.scalar(
        select(Visit)
        .where(
            Visit.student_id == student_id,
            Visit.author_id == session.user.id,
            Visit.status == VisitStatus.DRAFT,
            Visit.occurred_at >= start,
            Visit.occurred_at < end,
            Visit.deleted_at.is_(None),
        )
        .order_by(Visit.occurred_at.desc())
        .limit(1)
    )


def _editable(work: Work, visit_id: uuid.UUID) -> Visit:
    """The draft the signed-in user may change or sign."""
    row = live(work.db, Visit, visit_id)
    require(work.session, visit_permission(row.visit_type))
    if row.status != VisitStatus.DRAFT:
        raise SignedVisitError
    if row.author_id != work.session.user.id:
        raise NotYourDraftError
    return row


def _sign(work: Work, row: Visit, return_reason: str) -> None:
    ValidationError.check(sign_errors(row.disposition, row.reason, row.duration_minutes))
    in_progress = work.db.scalar(
        select(Screening.id).where(
            Screening.visit_id == row.id,
            Screening.status == "in_progress",
            Screening.deleted_at.is_(None),
        )
    )
    if in_progress is not None:
        raise errors.ConflictError(
            "A screening in this visit is still in progress: finish or discard it first."
        )
    confirmed = _confirm_return(work, row, return_reason)
    row.status = VisitStatus.SIGNED
    row.signed_by = work.session.user.id
    row.signed_at = work.session.now()
    work.db.flush()
    work.audit(
        AuditAction.VISIT_SIGNED, "visit", row.id, {"late_entry": row.late_entry} | confirmed
    )


def _confirm_return(work: Work, row: Visit, return_reason: str) -> dict[str, object]:
    """Refuse "Returned to class" while the student has an open acute flag, unless a person
    confirmed why (kept once, in the note). The audit detail says a reason was given."""
    if row.disposition != Disposition.RETURNED_TO_CLASS or has_return_confirmation(row.note):
        return {}
    acute = work.db.scalars(
        select(RiskFlag.id).where(
            RiskFlag.student_id == row.student_id,
            RiskFlag.severity == "acute",
            RiskFlag.resolved_at.is_(None),
            RiskFlag.deleted_at.is_(None),
        )
    ).all()
    if not acute:
        return {}
    reason = " ".join(return_reason.split())
    if not reason:
        raise errors.OpenAcuteFlagError
    ValidationError.check(return_reason_errors(reason))
    row.note = with_return_confirmation(row.note, reason)
    return {"returned_with_open_acute_flags": len(acute)}


def _changed_fields(row: Visit, visit: VisitInput) -> list[str]:
    """The names of the fields an edit changes (for the audit row: never their values)."""
    now = {
        "visit_type": row.visit_type,
        "occurred_at": row.occurred_at,
        "reason": row.reason,
        "note": row.note,
        "disposition": row.disposition,
        "duration_minutes": row.duration_minutes,
        "icd10_codes": list(row.icd10_codes or ()),
        "cpt_codes": list(row.cpt_codes or ()),
    }
    new = {
        "visit_type": visit.visit_type,
        "occurred_at": visit.occurred_at,
        "reason": visit.reason,
        "note": visit.note,
        "disposition": visit.disposition,
        "duration_minutes": visit.duration_minutes,
        "icd10_codes": list(visit.icd10_codes),
        "cpt_codes": list(visit.cpt_codes),
    }
    return [name for name in now if now[name] != new[name]]


def _apply(session: ClinicSession, row: Visit, visit: VisitInput) -> None:
    row.visit_type = visit.visit_type
    row.occurred_at = visit.occurred_at
    row.reason = visit.reason
    row.note = visit.note
    row.disposition = visit.disposition
    row.duration_minutes = visit.duration_minutes
    row.icd10_codes = list(visit.icd10_codes)
    row.cpt_codes = list(visit.cpt_codes)
    # Documented on a later day than it happened: a late entry, marked as such.
    row.late_entry = visit.occurred_at.astimezone(session.zone()).date() < session.today()


def _hidden(session: ClinicSession, row: Visit) -> bool:
    return VisitType(row.visit_type).is_behavioral and not session.can(
        Permission.VIEW_BEHAVIORAL_NOTES
    )


def _names(db: Session, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(db.execute(select(User.id, User.display_name).where(User.id.in_(wanted))).all())


def _one_view(db: Session, session: ClinicSession, row: Visit) -> VisitView:
    return _views(db, session, [row])[0]


def _views(db: Session, session: ClinicSession, rows: Sequence[Visit]) -> list[VisitView]:
    addenda: dict[uuid.UUID, list[VisitAddendum]] = {}
    if rows:
        for addendum in db.scalars(
            select(VisitAddendum)
            .where(
                VisitAddendum.visit_id.in_([r.id for r in rows]),
                VisitAddendum.deleted_at.is_(None),
            )
            .order_by(VisitAddendum.written_at)
        ):
            addenda.setdefault(addendum.visit_id, []).append(addendum)
    people = [r.author_id for r in rows] + [r.signed_by for r in rows]
    people += [a.author_id for found in addenda.values() for a in found]
    names = _names(db, people)
    return [_view(session, row, names, addenda.get(row.id, [])) for row in rows]


def _view(
    session: ClinicSession,
    row: Visit,
    names: dict[uuid.UUID, str],
    addenda: list[VisitAddendum],
) -> VisitView:
    hidden = _hidden(session, row)
    view = VisitView(
        id=row.id,
        student_id=row.student_id,
        visit_type=row.visit_type,
        occurred_at=row.occurred_at,
        reason=reason_text(row.reason),
        reason_code=row.reason,
        note="" if hidden else row.note,
        note_hidden=hidden,
        disposition=row.disposition,
        duration_minutes=row.duration_minutes,
        icd10_codes=tuple(row.icd10_codes or ()),
        cpt_codes=tuple(row.cpt_codes or ()),
        author=names.get(row.author_id, ""),
        status=row.status,
        author_id=row.author_id,
        signer=names.get(row.signed_by, "") if row.signed_by else "",
        signed_at=row.signed_at,
        late_entry=bool(row.late_entry),
        addenda=tuple(
            AddendumView(
                id=a.id,
                author=names.get(a.author_id, ""),
                written_at=a.written_at,
                reason="" if hidden else a.reason,
                text="" if hidden else a.text,
                late_entry=bool(a.late_entry),
                refers_to=a.refers_to,
                hidden=hidden,
            )
            for a in addenda
        ),
    )
    return privacy.visit(session, view, row.author_id)


def _screenings(
    db: Session, session: ClinicSession, row: Visit, *, hidden: bool
) -> tuple[VisitScreeningView, ...]:
    """The screenings given in the visit, their flags and the actions taken on them.

    The notes and people of flag actions are behavioral-health free text: withheld from a
    role that may not read behavioral-health notes.
    """
    withheld = hidden or not session.can(Permission.VIEW_BEHAVIORAL_NOTES)
    screenings = db.scalars(
        select(Screening)
        .where(Screening.visit_id == row.id, Screening.deleted_at.is_(None))
        .order_by(Screening.administered_at)
    ).all()
    if not screenings:
        return ()
    flags = db.scalars(
        select(RiskFlag)
        .where(RiskFlag.screening_id.in_([s.id for s in screenings]), RiskFlag.deleted_at.is_(None))
        .order_by(RiskFlag.raised_at)
    ).all()
    actions: dict[uuid.UUID, list[FlagAction]] = {}
    if flags:
        for action in db.scalars(
            select(FlagAction)
            .where(FlagAction.flag_id.in_([f.id for f in flags]), FlagAction.deleted_at.is_(None))
            .order_by(FlagAction.occurred_at)
        ):
            actions.setdefault(action.flag_id, []).append(action)
    by_screening: dict[uuid.UUID, list[VisitFlagView]] = {}
    for flag in flags:
        screening = next(s for s in screenings if s.id == flag.screening_id)
        message, _action = stored_flag_texts(
            flag.flag_id, flag.message, flag.required_action, instrument_id=screening.instrument_id
        )
        by_screening.setdefault(flag.screening_id, []).append(
            VisitFlagView(
                id=flag.id,
                flag_id=flag.flag_id,
                severity=flag.severity,
                message=message,
                resolved_at=flag.resolved_at,
                closing_note="" if withheld else (flag.action_note or ""),
                actions=tuple(
                    FlagActionLine(
                        action=a.action,
                        occurred_at=a.occurred_at,
                        person="" if withheld else a.person,
                        note="" if withheld else a.note,
                    )
                    for a in actions.get(flag.id, [])
                ),
            )
        )
    views = []
    for screening in screenings:
        instrument = load_instrument(screening.instrument_id)
        band = screening.band
        views.append(
            VisitScreeningView(
                id=screening.id,
                instrument_id=screening.instrument_id,
                short_name=instrument.short_name,
                administered_at=screening.administered_at,
                band=band,
                band_label=instrument.band_label(band, "en") if band else "",
                status=screening.status,
                flags=tuple(by_screening.get(screening.id, [])),
            )
        )
    return tuple(views)


def _with_screenings(view: VisitView, screenings: tuple[VisitScreeningView, ...]) -> VisitView:
    return replace(view, screenings=screenings)
