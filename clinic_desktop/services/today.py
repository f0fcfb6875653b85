"""The Today view, a clinician's start page: today's visits, follow-ups due or overdue,
open risk flags, the signed-in user's own unsigned notes, and the students seen this week."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from clinic_desktop.clock import local_day_bounds
from clinic_desktop.domain.audit import ReadView
from clinic_desktop.domain.records import FollowUpView, StudentSummary
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.screening import stored_flag_texts
from clinic_desktop.domain.visits import VisitStatus, reason_text
from clinic_desktop.services import privacy
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.referrals import FOLLOW_UP_PAGE, load_follow_up_page
from clinic_desktop.services.students import student_summary
from clinic_desktop.services.unit import reading
from clinic_desktop.store.models import RiskFlag, School, Student, User, Visit


@dataclass(frozen=True)
class TodayVisit:
    student: StudentSummary
    visit_id: uuid.UUID
    at: datetime
    visit_type: str
    reason: str
    author: str
    #: Set (the placeholder, also in ``reason``) when the reason is withheld by role.
    restricted: str = ""


@dataclass(frozen=True)
class UnsignedNote:
    """One of the signed-in user's own draft visits, waiting to be completed and signed."""

    student: StudentSummary
    visit_id: uuid.UUID
    at: datetime
    visit_type: str
    reason: str
    #: Still without a disposition a person chose.
    disposition: str | None


@dataclass(frozen=True)
class OpenFlag:
    student: StudentSummary
    flag_id: uuid.UUID
    severity: str
    message: str
    required_action: str
    raised_at: datetime
    #: Set (the placeholder) when the flag's texts are withheld by role; then
    #: ``required_action`` says whom to call.
    restricted: str = ""
    #: Whom to call about the flag: the clinician who gave the screening.
    contact: str = ""


@dataclass(frozen=True)
class TodayOverview:
    day: date
    visits: tuple[TodayVisit, ...]
    #: The first ``follow_up_limit`` follow-ups, most urgent first ...
    follow_ups: tuple[FollowUpView, ...]
    open_flags: tuple[OpenFlag, ...]
    seen_this_week: tuple[StudentSummary, ...]
    #: ... of this many (the card says "50 of 3,694" and offers the rest).
    follow_ups_total: int
    #: The signed-in user's own unsigned notes, oldest first (any day: a note left open
    #: yesterday is the first to finish).
    unsigned: tuple[UnsignedNote, ...] = ()


def today_overview(
    session: ClinicSession,
    *,
    mine_only: bool = False,
    follow_up_limit: int | None = FOLLOW_UP_PAGE,
) -> TodayOverview:
    """What needs attention today. ``mine_only``: follow-ups of referrals I made.

    ``follow_up_limit``: how many follow-ups to load (``None``: all). A large site has
    thousands open; the page first shows the most urgent and their total (issue 9).
    """
    now = session.now()
    start, end = local_day_bounds(now)
    today = start.date()
    week_start = start - timedelta(days=start.weekday())
    with reading(session, Permission.VIEW_CHART, ReadView.TODAY) as read:
        db = read.db
        visits = db.execute(
            select(Visit, Student, School.code, User.display_name)
            .join(Student, Visit.student_id == Student.id)
            .join(School, Student.school_id == School.id)
            .join(User, Visit.author_id == User.id)
            .where(Visit.occurred_at >= start, Visit.occurred_at < end, Visit.deleted_at.is_(None))
            .order_by(Visit.occurred_at.desc())
        ).all()
        unsigned = db.execute(
            select(Visit, Student, School.code)
            .join(Student, Visit.student_id == Student.id)
            .join(School, Student.school_id == School.id)
            .where(
                Visit.author_id == session.user.id,
                Visit.status == VisitStatus.DRAFT,
                Visit.deleted_at.is_(None),
            )
            .order_by(Visit.occurred_at)
        ).all()
        created_by = session.user.id if mine_only else None
        follow_ups = load_follow_up_page(db, today, created_by, limit=follow_up_limit)
        flags = db.execute(
            select(RiskFlag, Student, School.code)
            .join(Student, RiskFlag.student_id == Student.id)
            .join(School, Student.school_id == School.id)
            .where(RiskFlag.resolved_at.is_(None), RiskFlag.deleted_at.is_(None))
            .order_by(RiskFlag.raised_at.desc())
        ).all()
        seen = db.execute(
            select(Student, School.code)
            .join(School, Student.school_id == School.id)
            .where(
                Student.id.in_(
                    select(Visit.student_id).where(
                        Visit.occurred_at >= week_start,
                        Visit.occurred_at < end,
                        Visit.deleted_at.is_(None),
                    )
                )
            )
            .order_by(Student.last_name, Student.first_name)
        ).all()
        ordered_flags = sorted(flags, key=lambda row: row[0].severity != "acute")
        overview = TodayOverview(
            day=today,
            visits=tuple(_today_visit(session, *row) for row in visits),
            follow_ups=privacy.follow_ups(session, db, follow_ups.items),
            follow_ups_total=follow_ups.total,
            open_flags=tuple(
                privacy.flags(
                    session,
                    db,
                    [f for f, _, _ in ordered_flags],
                    [
                        OpenFlag(
                            student_summary(s, code),
                            f.id,
                            f.severity,
                            *stored_flag_texts(f.flag_id, f.message, f.required_action),
                            f.raised_at,
                        )
                        for f, s, code in ordered_flags
                    ],
                )
            ),
            seen_this_week=tuple(student_summary(s, code) for s, code in seen),
            unsigned=tuple(
                UnsignedNote(
                    student_summary(s, code),
                    v.id,
                    v.occurred_at.astimezone(session.zone()),
                    v.visit_type,
                    reason_text(v.reason),
                    v.disposition,
                )
                for v, s, code in unsigned
            ),
        )
        read.note(**_counts(overview, mine_only=mine_only))
    return overview


def _today_visit(
    session: ClinicSession, v: Visit, s: Student, code: str, author: str
) -> TodayVisit:
    """A line of today's visits; the reason is the placeholder where it is withheld."""
    found = privacy.visit_restriction(session, v)
    reason = found.label if found.restricted else reason_text(v.reason)
    return TodayVisit(
        student_summary(s, code),
        v.id,
        v.occurred_at.astimezone(session.zone()),
        v.visit_type,
        reason,
        author,
        restricted=found.label,
    )


def _counts(overview: TodayOverview, *, mine_only: bool) -> dict[str, int | bool]:
    """What the Today audit row says: how many of each list, never who."""
    return {
        "visits": len(overview.visits),
        "follow_ups": len(overview.follow_ups),
        "follow_ups_total": overview.follow_ups_total,
        "open_flags": len(overview.open_flags),
        "seen_this_week": len(overview.seen_this_week),
        "unsigned": len(overview.unsigned),
        "mine": mine_only,
    }
