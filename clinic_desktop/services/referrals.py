"""Referrals: create (also straight from a screening's risk flag), move along the closed
loop, follow up, and measure.

The state machine, the follow-up dates and the measures are the domain's
(``domain.referrals``); this module loads what they need and stores what they decide, in
one transaction per change. Every change is a ``ReferralEvent`` (who, when, note,
appointment) and an audit row. Sending passes the consent gate: the student's releases of
information are checked for the partner *inside the same transaction* that records the
send, so a release revoked a moment earlier cannot slip through, and the release used is
kept on the referral (``consent_id``).

Making and moving referrals is clinical work (``RECORD_CLINICAL_VISIT``: clinicians);
reading them is a chart read (``VIEW_CHART``: nurses too), audited.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import Date, Row, Select, case, func, literal, or_, select
from sqlalchemy.orm import Session, selectinload

from clinic_desktop import errors
from clinic_desktop.clock import local_zone
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.consents import ConsentCheck, ConsentKind
from clinic_desktop.domain.fields import check_text, clean_text
from clinic_desktop.domain.records import (
    FollowUpView,
    ReferralActionView,
    ReferralEventView,
    ReferralView,
)
from clinic_desktop.domain.referrals import (
    INITIAL_STATUS,
    Outcome,
    ReferralEventRecord,
    ReferralHistory,
    ReferralInput,
    ReferralMeasures,
    ReferralStatus,
    TransitionPlan,
    Urgency,
    action_label,
    attended_time,
    follow_up_on,
    next_actions,
    next_follow_up,
    plan_transition,
    validated_referral,
)
from clinic_desktop.domain.referrals import referral_measures as measure_referrals
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.screening_model import Severity
from clinic_desktop.services import privacy
from clinic_desktop.services import settings as settings_service
from clinic_desktop.services.consents import check_records, names_by_id
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.flags import add_referral_action
from clinic_desktop.services.partners import load_partner
from clinic_desktop.services.students import student_summary
from clinic_desktop.services.unit import Work, reading, unit_of_work
from clinic_desktop.store.models import (
    Partner,
    Referral,
    ReferralEvent,
    RiskFlag,
    School,
    Screening,
    Student,
    User,
    Visit,
)
from clinic_desktop.store.rows import live

MAX_NOTE_LENGTH = 2000
#: A screening flag's severity decides how urgent the referral it starts is.
URGENCY_FOR_SEVERITY = {
    Severity.ACUTE: Urgency.EMERGENT,
    Severity.URGENT: Urgency.URGENT,
    Severity.ROUTINE: Urgency.ROUTINE,
}
#: Listed with ``IN`` (not ``NOT IN`` the endings) so ``ix_referrals_followup`` (status,
#: follow_up_due) serves the follow-up list: one index range per open status.
_OPEN = tuple(s.value for s in ReferralStatus if s.is_open)
_E = TypeVar("_E", bound=StrEnum)
#: Follow-ups fetched for one screen (issue 9: 3,700 are open at a large site; a
#: clinician reads the overdue ones at the top and asks for the rest).
FOLLOW_UP_PAGE = 50


@dataclass(frozen=True, slots=True)
class FollowUpPage:
    """One page of the follow-up list (in follow-up order) and how many there are in
    all, so a screen can say "50 of 3,694" without loading the other 3,644."""

    items: tuple[FollowUpView, ...]
    total: int
    offset: int = 0

    @property
    def more(self) -> bool:
        """Follow-ups after this page."""
        return self.offset + len(self.items) < self.total


# --- making referrals ------------------------------------------------------------------


def create_referral(
    session: ClinicSession,
    student_id: uuid.UUID,
    referral: ReferralInput,
    *,
    flag_id: uuid.UUID | None = None,
) -> ReferralView:
    """A new draft referral; its first follow-up is due by urgency (a site setting).

    With ``flag_id`` (the referral is made from an open risk flag of the same student) the
    flag gets its "referral made" action linked to this referral, in the same unit of
    work: both are saved or neither. The flag stays open until closed with a note.
    """
    clean = validated_referral(referral)
    with unit_of_work(session, Permission.MANAGE_REFERRALS) as work:
        flag = _open_flag(work, student_id, flag_id)
        row = _insert(session, work.db, student_id, clean)
        detail = _codes(row) if flag is None else {**_codes(row), "risk_flag": str(flag.id)}
        work.audit(AuditAction.REFERRAL_CREATED, "referral", row.id, detail)
        if flag is not None:
            add_referral_action(work, flag, row.id)
        return _view(work.db, row, _zone(session))


def _open_flag(work: Work, student_id: uuid.UUID, flag_id: uuid.UUID | None) -> RiskFlag | None:
    """The flag a referral is made from: the same student's, still open."""
    if flag_id is None:
        return None
    flag = live(work.db, RiskFlag, flag_id)
    if flag.student_id != student_id:
        raise errors.ConflictError("That flag belongs to another student.")
    if flag.resolved_at is not None:
        raise errors.ConflictError("That flag was already closed.")
    return flag


def create_referral_from_flag(
    session: ClinicSession,
    risk_flag_id: uuid.UUID,
    partner_id: uuid.UUID,
    *,
    reason: str = "",
    urgency: str = "",
    visit_id: uuid.UUID | None = None,
) -> ReferralView:
    """A draft referral for the student a screening flagged, pre-filled from the flag:
    its message as the reason, its severity as the urgency (acute -> emergent), and the
    screening (and that screening's visit) linked. Given values override the pre-fill.
    The flag gets its "referral made" action linked to the referral (same unit of work)."""
    with unit_of_work(session, Permission.MANAGE_REFERRALS) as work:
        db = work.db
        flag = live(db, RiskFlag, risk_flag_id)
        screening = db.get(Screening, flag.screening_id)
        clean = validated_referral(
            ReferralInput(
                partner_id=partner_id,
                reason=reason or flag.message,
                urgency=urgency or URGENCY_FOR_SEVERITY[Severity(flag.severity)],
                screening_id=flag.screening_id,
                visit_id=visit_id or (screening.visit_id if screening else None),
            )
        )
        _open_flag(work, flag.student_id, flag.id)
        row = _insert(session, db, flag.student_id, clean)
        detail = {**_codes(row), "risk_flag": str(flag.id)}
        work.audit(AuditAction.REFERRAL_CREATED, "referral", row.id, detail)
        add_referral_action(work, flag, row.id)
        return _view(db, row, _zone(session))


def update_draft(
    session: ClinicSession, referral_id: uuid.UUID, referral: ReferralInput
) -> ReferralView:
    """Correct a draft (partner, reason, urgency, links); a sent referral is history and
    is changed only by moving it along."""
    clean = validated_referral(referral)
    with unit_of_work(session, Permission.MANAGE_REFERRALS) as work:
        db = work.db
        row = _load(db, referral_id)
        if row.status != INITIAL_STATUS:
            raise errors.ConflictError("Only a draft referral can be edited.")
        _check_links(db, row.student_id, clean)
        _apply_input(row, clean)
        policy = settings_service.load(db).follow_up
        row.follow_up_due = next_follow_up(
            INITIAL_STATUS, Urgency(clean.urgency), session.today(), policy=policy
        )
        work.audit(AuditAction.REFERRAL_UPDATED, "referral", row.id, _codes(row))
        return _view(db, row, _zone(session))


# --- moving along the loop -------------------------------------------------------------


def transition_referral(
    session: ClinicSession,
    referral_id: uuid.UUID,
    target: ReferralStatus | str,
    *,
    note: str = "",
    appointment_at: datetime | None = None,
    outcome: Outcome | str | None = None,
    shares: Iterable[str] = (),
) -> ReferralView:
    """Move a referral to ``target``; refused (``TransitionRefusedError``, with the
    domain's sentence saying what is missing) when the rules do not allow it.

    ``appointment_at`` is required to schedule; when marking attended it is when the student
    attended (by default the appointment once it has passed; ``attended_time`` in the
    domain refuses a time ahead, or before the booking). ``outcome`` is required to close.
    Sending needs a valid release of information for the partner covering ``shares`` (the
    information kinds the referral letter carries); the release used is stored on the
    referral.
    """
    wanted = _choice(ReferralStatus, target, "status")
    closing = _choice(Outcome, outcome, "outcome") if outcome else None
    text = _clean_note(note)
    zone = _zone(session)
    with unit_of_work(session, Permission.MANAGE_REFERRALS) as work:
        db = work.db
        row = _load(db, referral_id)
        current = ReferralStatus(row.status)
        sending = wanted is ReferralStatus.SENT and wanted in next_actions(current)
        release = _gate(db, session, row, shares) if sending else None
        when = _in_zone(appointment_at, zone)
        if wanted is ReferralStatus.ATTENDED and wanted in next_actions(current):
            when = attended_time(current, _event_facts(row, zone), when, now=session.now())
        plan = plan_transition(
            current,
            wanted,
            urgency=Urgency(row.urgency),
            on=session.today(),
            policy=settings_service.load(db).follow_up,
            outcome=closing,
            appointment_at=when,
            release_check=release,
        )
        _record_change(work, row, plan, text, when)
        return _view(db, row, zone)


def send_referral(
    session: ClinicSession, referral_id: uuid.UUID, *, note: str = "", shares: Iterable[str] = ()
) -> ReferralView:
    """Send a draft: the consent gate's move (see ``transition_referral``)."""
    return transition_referral(session, referral_id, ReferralStatus.SENT, note=note, shares=shares)


def release_status(
    session: ClinicSession, referral_id: uuid.UUID, *, shares: Iterable[str] = ()
) -> ConsentCheck:
    """Whether the referral could be sent today as far as consent goes, and if not what is
    missing (so the window can say so before the clinician presses Send)."""
    with reading(session, Permission.VIEW_CHART, ReadView.RELEASE_CHECK, referral_id) as read:
        db = read.db
        row = _load(db, referral_id)
        check = _release_check(db, session, row, load_partner(db, row.partner_id), shares)
        read.note(kind=check.kind.value, valid=check.valid)
    return check


# --- reading ---------------------------------------------------------------------------


def get_referral(session: ClinicSession, referral_id: uuid.UUID) -> ReferralView:
    """One referral with its history and next moves (a chart read: audited)."""
    with reading(session, Permission.VIEW_CHART, ReadView.REFERRAL, referral_id) as read:
        row = _load(read.db, referral_id)
        return privacy.referrals(session, read.db, [_view(read.db, row, _zone(session))])[0]


def list_referrals(session: ClinicSession, student_id: uuid.UUID) -> list[ReferralView]:
    """A student's referrals, newest first (a chart read: audited)."""
    with reading(session, Permission.VIEW_CHART, ReadView.REFERRALS, student_id) as read:
        db = read.db
        live(db, Student, student_id)
        rows = list(
            db.scalars(
                select(Referral)
                .options(selectinload(Referral.events))
                .where(Referral.student_id == student_id, Referral.deleted_at.is_(None))
                .order_by(Referral.created_at.desc())
            )
        )
        read.note(count=len(rows))
        return privacy.referrals(session, db, _views(db, rows, _zone(session)))


def follow_up_list(session: ClinicSession, *, mine_only: bool = False) -> list[FollowUpView]:
    """Open referrals whose follow-up is due today or overdue: emergent first, then the
    oldest due date. ``mine_only``: those the signed-in clinician made. All of them: a
    screen wants ``follow_up_page``."""
    return list(_audited_follow_ups(session, mine_only, 0, None).items)


def follow_up_page(
    session: ClinicSession,
    *,
    mine_only: bool = False,
    offset: int = 0,
    limit: int = FOLLOW_UP_PAGE,
) -> FollowUpPage:
    """The follow-ups from ``offset`` (``limit`` of them, in ``follow_up_list``'s order)
    and their total: what a screen shows first, and what it asks for when scrolled."""
    return _audited_follow_ups(session, mine_only, max(offset, 0), max(limit, 1))


def _audited_follow_ups(
    session: ClinicSession, mine_only: bool, offset: int, limit: int | None
) -> FollowUpPage:
    """A chart read: ``follow_ups_viewed`` records the counts of the page read (the count
    audited is the count shown)."""
    today = session.today()
    created_by = session.user.id if mine_only else None
    with reading(session, Permission.VIEW_CHART, ReadView.FOLLOW_UPS) as read:
        page = load_follow_up_page(read.db, today, created_by, offset=offset, limit=limit)
        page = replace(page, items=privacy.follow_ups(session, read.db, page.items))
        read.note(count=page.total, mine=mine_only)
        if limit is not None:
            read.note(offset=offset, shown=len(page.items))
    return page


def referral_measures(
    session: ClinicSession, months: Iterable[str] | None = None
) -> ReferralMeasures:
    """Referrals made and completed per month (by the month sent, "YYYY-MM"), median days
    from sent to the first attended appointment, and the share closed as linked to
    services; ``months`` defaults to the last twelve. Aggregates only, so not audited."""
    session.require(Permission.VIEW_CHART)
    wanted = list(months) if months is not None else recent_months(session.today())
    zone = _zone(session)
    try:
        empty = measure_referrals([], wanted)
    except ValueError:
        raise errors.ValidationError(
            [errors.FieldError("months", "must look like YYYY-MM")]
        ) from None
    if not wanted:
        return empty
    with reading(session, Permission.VIEW_CHART, ReadView.REFERRAL_MEASURES) as read:
        histories = _histories(read.db, *_month_span(wanted, zone), zone)
    return measure_referrals(histories, wanted)


def recent_months(today: date, count: int = 12) -> list[str]:
    """The ``count`` months up to and including ``today``'s, oldest first ("YYYY-MM")."""
    index = today.year * 12 + today.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


# --- writing internals -----------------------------------------------------------------


def _insert(
    session: ClinicSession, db: Session, student_id: uuid.UUID, clean: ReferralInput
) -> Referral:
    live(db, Student, student_id)
    _check_links(db, student_id, clean)
    policy = settings_service.load(db).follow_up
    row = Referral(student_id=student_id, created_by=session.user.id, status=INITIAL_STATUS)
    _apply_input(row, clean)
    row.follow_up_due = next_follow_up(
        INITIAL_STATUS, Urgency(clean.urgency), session.today(), policy=policy
    )
    row.events.append(_event(session, None, INITIAL_STATUS))
    db.add(row)
    db.flush()
    return row


def _apply_input(row: Referral, clean: ReferralInput) -> None:
    row.partner_id = clean.partner_id  # type: ignore[assignment]  # validated: not None
    row.reason = clean.reason
    row.urgency = clean.urgency
    row.screening_id = clean.screening_id
    row.visit_id = clean.visit_id


def _check_links(db: Session, student_id: uuid.UUID, clean: ReferralInput) -> None:
    """The partner must be active, and a linked screening or visit the same student's."""
    problems = []
    partner = db.get(Partner, clean.partner_id)
    if partner is None or partner.deleted_at is not None:
        problems.append(errors.FieldError("partner_id", "is not in the partner directory"))
    elif not partner.active:
        problems.append(errors.FieldError("partner_id", "is no longer an active partner"))
    for name, model, value in (
        ("screening_id", Screening, clean.screening_id),
        ("visit_id", Visit, clean.visit_id),
    ):
        linked = db.get(model, value) if value is not None else None
        if value is not None and (linked is None or linked.student_id != student_id):
            problems.append(errors.FieldError(name, "is not one of this student's records"))
    errors.ValidationError.check(problems)


def _gate(
    db: Session, session: ClinicSession, row: Referral, shares: Iterable[str]
) -> ConsentCheck:
    """The release check the domain's consent gate judges (an inactive partner gets
    nothing sent at all)."""
    partner = load_partner(db, row.partner_id)
    if not partner.active:
        raise errors.ValidationError(
            [errors.FieldError("partner_id", "is no longer an active partner")]
        )
    return _release_check(db, session, row, partner, shares)


def _release_check(
    db: Session, session: ClinicSession, row: Referral, partner: Partner, shares: Iterable[str]
) -> ConsentCheck:
    release = ConsentKind.RELEASE_OF_INFORMATION
    return check_records(db, row.student_id, release, session.today(), partner, shares)


def _record_change(
    work: Work,
    row: Referral,
    plan: TransitionPlan,
    note: str,
    appointment_at: datetime | None,
) -> None:
    previous = row.status
    row.status = plan.status
    row.follow_up_due = plan.follow_up_due
    if plan.outcome is not None:
        row.outcome = plan.outcome
    if plan.consent_id is not None:
        row.consent_id = plan.consent_id
    row.events.append(_event(work.session, previous, plan.status, note, appointment_at))
    work.db.flush()
    detail = _change_codes(previous, plan)
    work.audit(AuditAction.REFERRAL_STATUS_CHANGED, "referral", row.id, detail)


def _event(
    session: ClinicSession,
    previous: str | None,
    status: str,
    note: str = "",
    appointment_at: datetime | None = None,
) -> ReferralEvent:
    """One status change by the signed-in user, now."""
    return ReferralEvent(
        from_status=previous,
        to_status=status,
        at=session.now(),
        by_user=session.user.id,
        note=note,
        appointment_at=appointment_at,
    )


def _change_codes(previous: str, plan: TransitionPlan) -> dict[str, str]:
    """Audit detail: status codes and the release's id, never the note."""
    detail = {"from": previous, "to": plan.status.value}
    if plan.consent_id is not None:
        detail["consent"] = str(plan.consent_id)
    if plan.outcome is not None:
        detail["outcome"] = plan.outcome.value
    return detail


def _codes(row: Referral) -> dict[str, str]:
    return {"student": str(row.student_id), "partner": str(row.partner_id), "urgency": row.urgency}


def _clean_note(note: str) -> str:
    text = clean_text(note)
    reason = check_text(text, max_length=MAX_NOTE_LENGTH, multiline=True)
    if reason:
        raise errors.ValidationError([errors.FieldError("note", reason)])
    return text


def _choice(kind: type[_E], value: object, field: str) -> _E:
    """``value`` as a member of ``kind``, or a ``ValidationError`` naming ``field``."""
    try:
        return kind(value)
    except ValueError:
        raise errors.ValidationError(
            [errors.FieldError(field, "is not one of the allowed values")]
        ) from None


# --- reading internals -----------------------------------------------------------------


def _zone(session: ClinicSession) -> tzinfo:
    return local_zone(session.now())


def _in_zone(moment: datetime | None, zone: tzinfo) -> datetime | None:
    """``moment`` in the clinic's zone, whose calendar date the follow-up rules read; a
    naive time is passed on untouched for the domain to refuse (it is a bug)."""
    if moment is None or moment.utcoffset() is None:
        return moment
    return moment.astimezone(zone)


def _event_facts(row: Referral, zone: tzinfo) -> list[ReferralEventRecord]:
    """The referral's stored changes as the domain's rules read them (clinic zone)."""
    return [
        ReferralEventRecord(
            ReferralStatus(e.to_status), e.at.astimezone(zone), _in_zone(e.appointment_at, zone)
        )
        for e in row.events
    ]


def _load(db: Session, referral_id: uuid.UUID) -> Referral:
    return live(db, Referral, referral_id, [selectinload(Referral.events)])


def _view(db: Session, row: Referral, zone: tzinfo) -> ReferralView:
    return _views(db, [row], zone)[0]


def _views(db: Session, rows: Sequence[Referral], zone: tzinfo) -> list[ReferralView]:
    """Views for a batch of referrals, with partner and staff names in two queries."""
    partners = names_by_id(db, Partner.id, Partner.name, {r.partner_id for r in rows})
    people = {r.created_by for r in rows} | {e.by_user for r in rows for e in r.events}
    users = names_by_id(db, User.id, User.display_name, people)
    return [_referral_view(r, partners, users, zone) for r in rows]


def _referral_view(
    row: Referral,
    partners: dict[uuid.UUID | None, str],
    users: dict[uuid.UUID | None, str],
    zone: tzinfo,
) -> ReferralView:
    status = ReferralStatus(row.status)
    events = sorted(row.events, key=lambda e: (e.at, e.change_seq))
    return ReferralView(
        id=row.id,
        student_id=row.student_id,
        partner_id=row.partner_id,
        partner_name=partners.get(row.partner_id, ""),
        reason=row.reason,
        urgency=row.urgency,
        status=status.value,
        status_label=status.label,
        screening_id=row.screening_id,
        visit_id=row.visit_id,
        consent_id=row.consent_id,
        follow_up_due=row.follow_up_due,
        outcome=row.outcome,
        created_by=users.get(row.created_by, ""),
        created_at=row.created_at.astimezone(zone),
        events=tuple(_event_view(e, users, zone) for e in events),
        next_actions=tuple(
            ReferralActionView(t.value, action_label(status, t)) for t in next_actions(status)
        ),
    )


def _event_view(
    event: ReferralEvent, users: dict[uuid.UUID | None, str], zone: tzinfo
) -> ReferralEventView:
    return ReferralEventView(
        id=event.id,
        from_status=event.from_status,
        to_status=event.to_status,
        at=event.at.astimezone(zone),
        by=users.get(event.by_user, ""),
        note=event.note,
        appointment_at=event.appointment_at.astimezone(zone) if event.appointment_at else None,
    )


# --- follow-ups and measures -----------------------------------------------------------


def follow_up_query(
    today: date, created_by: uuid.UUID | None, *, offset: int = 0, limit: int | None = None
) -> Select:
    """Open referrals due by ``today``, from ``offset`` (``limit`` of them, ``None``: all),
    each row with ``total``, how many are due in all.

    Rows come in follow-up order, the order of ``domain.referrals.follow_up_queue``
    (urgency rank, then due date with "no date" as ``today``, then oldest first): sorting
    in SQL spares a Python object and a sort key per row (issue 9: 3,700 rows at L).

    Two steps, because a screen wants the first 50 of 3,700: an inner query picks the
    page's referral ids from ``referrals`` and ``students`` alone (the sort keys are the
    referral's; the student decides only whether it is live) and counts every match in
    the same pass (``count(*) OVER ()``); the outer query joins the school, partner and
    author for those rows only. Those three are required foreign keys, so they never drop
    a row and the count is the list's length.

    Flat named columns, not ORM entities: building a ``Referral`` and a ``Student`` per
    row cost most of the list's time. Each row also serves as the student for
    ``student_summary`` (``id``, names, ...).
    """
    urgency_rank = case(
        {urgency.value: urgency.rank for urgency in Urgency},
        value=Referral.urgency,
        else_=len(Urgency),
    )
    order = (
        urgency_rank,
        func.coalesce(Referral.follow_up_due, literal(today, Date)),
        Referral.created_at,
        Referral.id,
    )
    picked = (
        select(Referral.id, func.count().over().label("total"))
        .join(Student, Referral.student_id == Student.id)
        .where(
            Referral.deleted_at.is_(None),
            Student.deleted_at.is_(None),
            Referral.status.in_(_OPEN),
            or_(Referral.follow_up_due <= today, Referral.follow_up_due.is_(None)),
        )
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )
    if created_by is not None:
        picked = picked.where(Referral.created_by == created_by)
    page = picked.subquery("picked")
    columns = (
        Referral.id.label("referral_id"),
        Referral.status,
        Referral.urgency,
        Referral.follow_up_due,
        Student.id,
        Student.first_name,
        Student.last_name,
        Student.preferred_name,
        Student.date_of_birth,
        Student.grade,
        Student.district_id,
        School.code.label("school_code"),
        Partner.name.label("partner_name"),
        User.display_name.label("author"),
        page.c.total,
    )
    return (
        select(*columns)
        .select_from(page)
        .join(Referral, Referral.id == page.c.id)
        .join(Student, Referral.student_id == Student.id)
        .join(School, Student.school_id == School.id)
        .join(Partner, Referral.partner_id == Partner.id)
        .join(User, Referral.created_by == User.id)
        .order_by(*order)
    )


def load_follow_up_page(
    db: Session,
    today: date,
    created_by: uuid.UUID | None,
    *,
    offset: int = 0,
    limit: int | None = FOLLOW_UP_PAGE,
) -> FollowUpPage:
    """One page of ``follow_up_query`` (shared with the Today view) and the total.

    Sorted and cut in SQL, so only the page's rows are fetched and turned into views (at
    L, 50 of 3,694). ``limit=None``: every row.
    """
    rows = db.execute(follow_up_query(today, created_by, offset=offset, limit=limit)).all()
    if rows:
        total = rows[0].total
    elif offset > 0:  # past the end: the count alone, from a one-row first page
        first = db.execute(follow_up_query(today, created_by, limit=1)).first()
        total = first.total if first is not None else 0
    else:
        total = 0
    return FollowUpPage(tuple(follow_up_views(rows, today)), total, offset)


def follow_up_views(rows: Sequence[Row], today: date) -> list[FollowUpView]:
    """The rows of ``follow_up_query`` (already in follow-up order) as views.

    The due date and the days overdue are the domain's (``follow_up_on``, the rule the
    chart's Referrals tab shows too); ``tests/services/test_referrals.py`` checks the order
    and days against ``follow_up_queue``.
    """
    views = []
    for row in rows:
        state = follow_up_on(row.status, row.follow_up_due, today)
        if state is None:  # the query only returns open referrals due today or earlier
            continue
        views.append(
            FollowUpView(
                referral_id=row.referral_id,
                student=student_summary(row, row.school_code),  # type: ignore[arg-type]
                partner_name=row.partner_name,
                status=row.status,
                urgency=row.urgency,
                due=state.due,
                days_overdue=state.days_overdue,
                created_by=row.author,
            )
        )
    return views


def _month_span(months: Sequence[str], zone: tzinfo) -> tuple[datetime, datetime]:
    """From the first month's start to the last month's end, a day wider on each side
    (the domain assigns months exactly; the margin only absorbs zone offsets)."""
    first = datetime.fromisoformat(f"{min(months)}-01").replace(tzinfo=zone)
    last = datetime.fromisoformat(f"{max(months)}-01").replace(tzinfo=zone)
    after_last = (last + timedelta(days=32)).replace(day=1)
    return first - timedelta(days=1), after_last + timedelta(days=1)


def _histories(db: Session, start: datetime, end: datetime, zone: tzinfo) -> list[ReferralHistory]:
    """The histories of referrals sent between ``start`` and ``end``, in two queries."""
    sent = select(ReferralEvent.referral_id).where(
        ReferralEvent.to_status == ReferralStatus.SENT,
        ReferralEvent.at >= start,
        ReferralEvent.at < end,
        ReferralEvent.deleted_at.is_(None),
    )
    referrals = db.execute(
        select(Referral.id, Referral.status, Referral.outcome).where(
            Referral.id.in_(sent), Referral.deleted_at.is_(None)
        )
    ).all()
    events = _event_records(db, sent, zone)
    return [
        ReferralHistory(
            ReferralStatus(status), Outcome(outcome) if outcome else None, tuple(events[rid])
        )
        for rid, status, outcome in referrals
    ]


def _event_records(
    db: Session, referral_ids: Select, zone: tzinfo
) -> dict[uuid.UUID, list[ReferralEventRecord]]:
    """Each referral's events as the measures read them, oldest first, in local time."""
    query = (
        select(
            ReferralEvent.referral_id,
            ReferralEvent.to_status,
            ReferralEvent.at,
            ReferralEvent.appointment_at,
        )
        .where(ReferralEvent.referral_id.in_(referral_ids), ReferralEvent.deleted_at.is_(None))
        .order_by(ReferralEvent.at, ReferralEvent.change_seq)
    )
    events: dict[uuid.UUID, list[ReferralEventRecord]] = defaultdict(list)
    for referral_id, to_status, at, appointment_at in db.execute(query):
        local_appointment = appointment_at.astimezone(zone) if appointment_at else None
        events[referral_id].append(
            ReferralEventRecord(ReferralStatus(to_status), at.astimezone(zone), local_appointment)
        )
    return events
