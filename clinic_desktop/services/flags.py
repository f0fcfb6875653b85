"""Risk flags after they are raised: the actions taken, and closing them with a note.

A flag collects actions (``FlagAction`` rows: safety assessment, guardian contacted,
crisis team, ...; see ``domain.risk_actions`` for what each needs) and closes only with a
closing note; a suicide-risk flag also needs an action recorded first. One save may apply
to the related open flags of the same sitting (same screening, or another screening of
the same visit) that the clinician ticked: the same actions are recorded on each and the
one note closes them all. Nothing is applied to a flag the clinician did not choose.

Readers without ``VIEW_BEHAVIORAL_NOTES`` (a nurse) see that a flag is open, its required
action (whom to call) and which kinds of action were taken when, never the people named,
the action notes or the closing note (``withheld``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.clock import local_day_bounds
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.risk_actions import (
    ActionInput,
    CleanAction,
    RiskAction,
    is_suicide_risk,
    validated_actions,
    validated_closing_note,
)
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.screening import stored_flag_texts
from clinic_desktop.services import privacy
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.unit import Work, reading, unit_of_work
from clinic_desktop.store.models import FlagAction, RiskFlag, Screening, User, Visit
from clinic_desktop.store.rows import live


@dataclass(frozen=True)
class FlagActionView:
    """One action on a flag. ``person``/``note`` are "" when ``withheld`` from the reader;
    ``after_signing``: recorded after the sitting's visit was signed (a late entry)."""

    id: uuid.UUID
    flag_id: uuid.UUID
    action: str
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str
    person: str
    note: str
    referral_id: uuid.UUID | None
    after_signing: bool
    withheld: bool = False

    @property
    def kind(self) -> RiskAction | None:
        return RiskAction(self.action) if self.action in set(RiskAction) else None


@dataclass(frozen=True)
class RiskFlagView:
    """A flag for a reader. ``action_note`` is the closing note ("" when withheld, see
    ``withheld``); ``action_taken`` is the single action of flags closed before actions
    were recorded apart (older records), else None."""

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
    instrument_id: str = ""
    suicide_risk: bool = False
    actions: tuple[FlagActionView, ...] = ()
    resolved_by: str = ""
    visit_id: uuid.UUID | None = None
    visit_signed: bool = False
    withheld: bool = False
    #: Set (the placeholder) when texts and actions are withheld by role (``privacy``).
    restricted: str = ""
    #: Whom to call about the flag: the clinician who gave the screening.
    contact: str = ""

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def latest_actions(self) -> tuple[FlagActionView, ...]:
        """The actions, newest first (the chart header shows a few)."""
        return tuple(sorted(self.actions, key=lambda a: a.occurred_at, reverse=True))


@dataclass(frozen=True)
class FlagDetail:
    """A flag and the other open flags of its sitting (what one close may resolve)."""

    flag: RiskFlagView
    related: tuple[RiskFlagView, ...]


def flag_detail(session: ClinicSession, flag_id: uuid.UUID) -> FlagDetail:
    """A flag with its actions, and the related open flags of the same sitting."""
    with reading(session, Permission.VIEW_CHART, ReadView.FLAG, flag_id) as read:
        flag = live(read.db, RiskFlag, flag_id)
        related = _same_sitting(read.db, flag)
        views = flag_views(read.db, session, [flag, *related])
        read.note(related=len(related))
        return FlagDetail(views[0], tuple(views[1:]))


def record_flag_actions(
    session: ClinicSession,
    flag_id: uuid.UUID,
    actions: Sequence[ActionInput] = (),
    *,
    close_note: str | None = None,
    also: Iterable[uuid.UUID] = (),
) -> list[RiskFlagView]:
    """Record ``actions`` on the flag and on the ticked related flags ``also``; with a
    ``close_note``, close them all with it. Returns the flags, this one first.

    ``ValidationError`` names ``actions.N.field``, ``note`` and ``actions`` (a suicide-risk
    flag with no action yet); ``ConflictError`` when a flag is closed meanwhile or a
    flag in ``also`` is not of the same sitting.
    """
    with unit_of_work(session, Permission.RECORD_CLINICAL_VISIT) as work:
        db = work.db
        flag = live(db, RiskFlag, flag_id)
        chosen = _chosen_flags(db, flag, list(also))
        now = session.now()
        earliest = local_day_bounds(flag.raised_at)[0]
        clean = validated_actions(actions, now=now, earliest=earliest)
        if not clean and close_note is None:
            raise errors.ValidationError(
                [errors.FieldError("actions", "add an action or close the flag with a note")]
            )
        notes: dict[uuid.UUID, str] = {}
        if close_note is not None:
            for each in chosen:
                instrument = _instrument_of(db, each)
                notes[each.id] = validated_closing_note(
                    close_note,
                    suicide_risk=is_suicide_risk(instrument, each.flag_id),
                    actions_recorded=_recorded(each) + len(clean),
                )
        for each in chosen:
            _add_actions(work, each, clean, now)
            if close_note is not None:
                _close(work, each, notes[each.id], [c.id for c in chosen if c is not each])
        db.flush()
        return flag_views(db, session, chosen)


def close_flag(
    session: ClinicSession, flag_id: uuid.UUID, note: str, *, also: Iterable[uuid.UUID] = ()
) -> list[RiskFlagView]:
    """Close the flag (and the ticked related flags) with one closing note."""
    return record_flag_actions(session, flag_id, (), close_note=note, also=also)


def add_referral_action(work: Work, flag: RiskFlag, referral_id: uuid.UUID) -> None:
    """In the referral's own unit of work: the flag's "referral made" action, linked."""
    if flag.resolved_at is not None:
        raise errors.ConflictError("That flag was already closed.")
    now = work.session.now()
    row = FlagAction(
        flag_id=flag.id,
        action=RiskAction.REFERRAL_MADE.value,
        occurred_at=now,
        recorded_at=now,
        recorded_by=work.session.user.id,
        referral_id=referral_id,
    )
    work.db.add(row)
    work.db.flush()
    detail = {"actions": [RiskAction.REFERRAL_MADE.value], "referral": str(referral_id)}
    work.audit(AuditAction.RISK_FLAG_ACTION, "risk_flag", flag.id, detail)


# --- views ----------------------------------------------------------------------------


def flag_views(
    db: Session, session: ClinicSession, flags: Sequence[RiskFlag]
) -> list[RiskFlagView]:
    """Views of ``flags`` (in order), their actions loaded in one go; behavioral free text
    withheld from a reader without ``VIEW_BEHAVIORAL_NOTES``."""
    if not flags:
        return []
    may_read = session.can(Permission.VIEW_BEHAVIORAL_NOTES)
    screenings = {
        s.id: s
        for s in db.scalars(
            select(Screening).where(Screening.id.in_({f.screening_id for f in flags}))
        )
    }
    visit_ids = {s.visit_id for s in screenings.values() if s.visit_id is not None}
    visits = (
        {v.id: v for v in db.scalars(select(Visit).where(Visit.id.in_(visit_ids)))}
        if visit_ids
        else {}
    )
    actions: dict[uuid.UUID, list[FlagAction]] = {}
    for row in db.scalars(
        select(FlagAction)
        .where(FlagAction.flag_id.in_([f.id for f in flags]), FlagAction.deleted_at.is_(None))
        .order_by(FlagAction.occurred_at, FlagAction.recorded_at)
    ):
        actions.setdefault(row.flag_id, []).append(row)
    people = {row.recorded_by for rows in actions.values() for row in rows}
    people |= {f.resolved_by for f in flags if f.resolved_by is not None}
    names = (
        dict(db.execute(select(User.id, User.display_name).where(User.id.in_(people))).all())
        if people
        else {}
    )
    views = []
    for flag in flags:
        screening = screenings.get(flag.screening_id)
        visit = visits.get(screening.visit_id) if screening and screening.visit_id else None
        signed_at = visit.signed_at if visit is not None and visit.status == "signed" else None
        views.append(
            _view(flag, screening, visit, signed_at, actions.get(flag.id, []), names, may_read)
        )
    # The sensitivity model: a role that may not see the flag's category is told that a
    # safety alert is open and whom to call, nothing more.
    return privacy.flags(session, db, flags, views)


def _view(
    flag: RiskFlag,
    screening: Screening | None,
    visit: Visit | None,
    signed_at: datetime | None,
    actions: list[FlagAction],
    names: dict[uuid.UUID, str],
    may_read: bool,
) -> RiskFlagView:
    instrument_id = screening.instrument_id if screening is not None else ""
    stored = (flag.message, flag.required_action)
    message, required = stored_flag_texts(flag.flag_id, *stored, instrument_id=instrument_id)
    return RiskFlagView(
        id=flag.id,
        student_id=flag.student_id,
        screening_id=flag.screening_id,
        flag_id=flag.flag_id,
        severity=flag.severity,
        message=message,
        required_action=required,
        raised_at=flag.raised_at,
        resolved_at=flag.resolved_at,
        action_taken=flag.action_taken,
        action_note=flag.action_note if may_read else "",
        instrument_id=instrument_id,
        suicide_risk=is_suicide_risk(instrument_id, flag.flag_id),
        actions=tuple(
            FlagActionView(
                id=a.id,
                flag_id=a.flag_id,
                action=a.action,
                occurred_at=a.occurred_at,
                recorded_at=a.recorded_at,
                recorded_by=names.get(a.recorded_by, ""),
                person=a.person if may_read else "",
                note=a.note if may_read else "",
                referral_id=a.referral_id,
                after_signing=signed_at is not None and a.recorded_at > signed_at,
                withheld=not may_read and bool(a.person or a.note),
            )
            for a in actions
        ),
        resolved_by=names.get(flag.resolved_by, "") if flag.resolved_by else "",
        visit_id=visit.id if visit is not None else None,
        visit_signed=signed_at is not None,
        withheld=not may_read and bool(flag.action_note),
    )


# --- internals -------------------------------------------------------------------------


def _instrument_of(db: Session, flag: RiskFlag) -> str:
    screening = db.get(Screening, flag.screening_id)
    return screening.instrument_id if screening is not None else ""


def _recorded(flag: RiskFlag) -> int:
    return sum(1 for a in flag.actions if a.deleted_at is None)


def _same_sitting(db: Session, flag: RiskFlag) -> list[RiskFlag]:
    """The other open flags of the flag's sitting: its screening, or its visit's others."""
    screening = db.get(Screening, flag.screening_id)
    sitting = [Screening.id == flag.screening_id]
    if screening is not None and screening.visit_id is not None:
        sitting.append(Screening.visit_id == screening.visit_id)
    rows = db.scalars(
        select(RiskFlag)
        .join(Screening, RiskFlag.screening_id == Screening.id)
        .where(
            RiskFlag.student_id == flag.student_id,
            RiskFlag.id != flag.id,
            RiskFlag.resolved_at.is_(None),
            RiskFlag.deleted_at.is_(None),
            Screening.deleted_at.is_(None),
            or_(*sitting),
        )
        .order_by(RiskFlag.raised_at, RiskFlag.id)
    ).all()
    return sorted(rows, key=lambda f: f.severity != "acute")


def _chosen_flags(db: Session, flag: RiskFlag, also: list[uuid.UUID]) -> list[RiskFlag]:
    """The flag and the ticked related ones, each open and of the same sitting."""
    if flag.resolved_at is not None:
        raise errors.ConflictError("That flag was already closed.")
    if not also:
        return [flag]
    related = {f.id: f for f in _same_sitting(db, flag)}
    chosen = [flag]
    for each in dict.fromkeys(also):
        if each == flag.id:
            continue
        if each not in related:
            raise errors.ConflictError(
                "A flag chosen with this one is closed already or not from the same sitting."
            )
        chosen.append(related[each])
    return chosen


def _add_actions(work: Work, flag: RiskFlag, clean: list[CleanAction], now: datetime) -> None:
    if not clean:
        return
    for action in clean:
        work.db.add(
            FlagAction(
                flag_id=flag.id,
                action=action.action.value,
                occurred_at=action.occurred_at,
                recorded_at=now,
                recorded_by=work.session.user.id,
                person=action.person,
                note=action.note,
            )
        )
    detail = {"actions": [a.action.value for a in clean]}
    work.audit(AuditAction.RISK_FLAG_ACTION, "risk_flag", flag.id, detail)


def _close(work: Work, flag: RiskFlag, note: str, with_flags: list[uuid.UUID]) -> None:
    flag.resolved_at = work.session.now()
    flag.resolved_by = work.session.user.id
    flag.action_note = note
    detail: dict[str, object] = {"closed_with": [str(i) for i in with_flags]}
    work.audit(AuditAction.RISK_FLAG_RESOLVED, "risk_flag", flag.id, detail)
