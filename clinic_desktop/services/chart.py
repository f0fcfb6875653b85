"""A student's chart: the header a clinician sees first, and the timeline of everything.

Opening a chart is a chart read and is audited once; the timeline pages backwards in time
(``before``) so a student with years of history opens as fast as a new one.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, false, or_, select, true
from sqlalchemy.orm import Session

from clinic_desktop.domain.audit import ReadView
from clinic_desktop.domain.consents import ConsentKind, check_consent
from clinic_desktop.domain.records import StudentDetail
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.screening import load_instrument
from clinic_desktop.domain.sensitivity import Restriction
from clinic_desktop.domain.students import age_on
from clinic_desktop.domain.visits import VisitType, disposition_label, reason_text
from clinic_desktop.messages import Message, Verbatim, as_message, join, msg
from clinic_desktop.services import privacy
from clinic_desktop.services import settings as settings_service
from clinic_desktop.services.consents import consent_records
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.flags import FlagActionView, RiskFlagView, flag_views
from clinic_desktop.services.students import student_detail
from clinic_desktop.services.unit import reading
from clinic_desktop.store.models import (
    Consent,
    FlagAction,
    Partner,
    Referral,
    ReferralEvent,
    RiskFlag,
    Screening,
    Visit,
)

TIMELINE_PAGE = 50


@dataclass(frozen=True)
class Alert:
    """Something the clinician must see on opening the chart; ``severity`` orders them.

    ``flag_texts``: a risk flag's stored message and required action, apart, so the UI can
    show the instrument file's wording in its own language (``text`` joins them in English).
    """

    kind: str
    severity: str  # "acute" | "warning" | "info"
    text: str
    flag_texts: tuple[str, str] | None = None
    flag_severity: str = ""  # a risk flag's own: "acute" | "urgent" | "routine"
    #: A risk flag's id and its latest actions (newest first; people and notes withheld
    #: from a role that may not read behavioral notes), shown until the flag is closed.
    flag_id: uuid.UUID | None = None
    actions: tuple[FlagActionView, ...] = ()


def flag_tone(severity: str) -> str:
    """The banner tone of a flag's severity: routine flags amber, the rest red. One rule
    for the chart header and the flag dialog, so the two never disagree."""
    return "warning" if severity == "routine" else "acute"


@dataclass(frozen=True)
class ChartHeader:
    student: StudentDetail
    age: int
    alerts: tuple[Alert, ...]


@dataclass(frozen=True)
class TimelineCursor:
    """Where a timeline page ended: entries strictly older than this come next.

    Time alone is not enough: two entries can share a timestamp at a page boundary, so
    the row's kind and id break the tie and no entry is skipped or repeated.
    """

    at: datetime
    kind: str
    row_id: uuid.UUID


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the timeline, newest first. ``hidden``: detail withheld by role.

    ``record_id`` is what the line opens (a referral for its events); ``row_id`` is the
    row the line stands for, unique within ``kind``.

    ``title`` and ``detail`` are English sentences for plain readers (logs of a test, the
    CLI); ``facts`` holds what they were built from (codes, numbers, dates, names) so the
    UI can write the line in its own language instead of translating a finished sentence:
    visit ``visit_type``/``reason``; screening ``instrument_id``/``total``/``band``/
    ``complete``; referral ``partner``/``status``; consent ``consent_kind``/``signed_on``/
    ``revoked_on``.
    """

    kind: str  # visit | screening | referral | consent | flag_action | flag_closed
    record_id: uuid.UUID
    at: datetime
    title: str
    detail: str
    hidden: bool = False
    outcome: str = ""
    row_id: uuid.UUID | None = None
    facts: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def cursor(self) -> TimelineCursor:
        return TimelineCursor(self.at, self.kind, self.row_id or self.record_id)

    @property
    def text(self) -> str:
        """Detail and outcome as one line for display."""
        parts = [self.detail] if self.detail else []
        if self.outcome:
            parts.append(msg("Outcome: {outcome}", outcome=as_message(self.outcome)))
        return join(parts, " · ")


def open_chart(session: ClinicSession, student_id: uuid.UUID) -> ChartHeader:
    """The chart header (demographics, age, alerts); audited as a chart read."""
    today = session.today()
    with reading(session, Permission.VIEW_CHART, ReadView.CHART_HEADER, student_id) as read:
        detail = student_detail(read.db, student_id)
        alerts = _alerts(read.db, session, detail, today)
    return ChartHeader(detail, age_on(detail.date_of_birth, today), tuple(alerts))


def timeline(
    session: ClinicSession,
    student_id: uuid.UUID,
    *,
    before: TimelineCursor | None = None,
    limit: int = TIMELINE_PAGE,
) -> list[TimelineEntry]:
    """Everything that happened to a student, newest first, ``limit`` at a time; pass the
    last entry's ``cursor`` as ``before`` for the next page."""
    with reading(session, Permission.VIEW_CHART, ReadView.TIMELINE, student_id) as read:
        db = read.db
        student_detail(db, student_id)  # NotFoundError for an unknown student
        entries = [
            *_visit_entries(db, session, student_id, before, limit),
            *_screening_entries(db, session, student_id, before, limit),
            *_referral_entries(db, session, student_id, before, limit),
            *_consent_entries(db, student_id, before, limit),
            *_flag_action_entries(db, session, student_id, before, limit),
            *_flag_closed_entries(db, session, student_id, before, limit),
        ]
        entries.sort(key=_order, reverse=True)
        read.note(count=len(entries[:limit]), older=before is not None)
    return entries[:limit]


def _order(entry: TimelineEntry) -> tuple[datetime, str, str]:
    cursor = entry.cursor
    return cursor.at, cursor.kind, cursor.row_id.hex


def _older(at: Any, row_id: Any, kind: str, before: TimelineCursor | None) -> Any:
    """SQL condition: the row sorts strictly before ``before`` in timeline order."""
    if before is None:
        return true()
    if kind == before.kind:
        tie = row_id < before.row_id
    else:
        tie = true() if kind < before.kind else false()
    return or_(at < before.at, and_(at == before.at, tie))


# --- alerts ----------------------------------------------------------------------------


#: How many of an open flag's latest actions the header shows.
HEADER_ACTIONS = 3


def _alerts(
    db: Session, session: ClinicSession, student: StudentDetail, today: date
) -> list[Alert]:
    flags = db.scalars(
        select(RiskFlag).where(
            RiskFlag.student_id == student.id,
            RiskFlag.resolved_at.is_(None),
            RiskFlag.deleted_at.is_(None),
        )
    ).all()
    alerts = _flag_alerts(db, session, sorted(flags, key=lambda f: f.severity != "acute"))
    rule = settings_service.load(db).minor_consent
    check = check_consent(
        consent_records(db, student.id),
        ConsentKind.SERVICES,
        today,
        rule=rule,
    )
    if not check.valid:
        alerts.append(Alert("consent", "warning", check.message))
    if student.foster_care:
        alerts.append(Alert("foster_care", "info", "In foster care: check who may consent."))
    return alerts


def _flag_alerts(db: Session, session: ClinicSession, flags: list[RiskFlag]) -> list[Alert]:
    """One alert per open flag with its latest actions; a role that may not read the flag's
    texts is told that a safety alert is open and whom to call (``services.privacy``)."""
    views = flag_views(db, session, flags)
    # Withheld flags all say the same ("Restricted (behavioral health). Call ..."): one
    # alert per severity and person to call, saying how many are open, not a wall of repeats.
    withheld: dict[tuple[str, str, str], list[RiskFlagView]] = {}
    for flag in views:
        if flag.restricted:
            key = (flag.severity, str(flag.restricted), str(flag.required_action))
            withheld.setdefault(key, []).append(flag)
    alerts = []
    for (severity, _label, _call), group in withheld.items():
        first = group[0]
        values = {"restricted": first.restricted, "call": first.required_action}
        text = (
            msg("{restricted}. {call}", **values)
            if len(group) == 1
            else msg("{count} alerts: {restricted}. {call}", count=len(group), **values)
        )
        alerts.append(
            Alert("risk_flag", flag_tone(severity), text, flag_severity=severity, flag_id=first.id)
        )
    for flag in views:
        if flag.restricted:
            continue
        texts = (flag.message, flag.required_action)
        alerts.append(
            Alert(
                "risk_flag",
                flag_tone(flag.severity),
                join(texts, " "),
                flag_texts=texts,
                flag_severity=flag.severity,
                flag_id=flag.id,
                actions=flag.latest_actions[:HEADER_ACTIONS],
            )
        )
    return sorted(alerts, key=lambda a: a.flag_severity != "acute")


# --- timeline sources ------------------------------------------------------------------


def _visit_entries(
    db: Session,
    session: ClinicSession,
    student_id: uuid.UUID,
    before: datetime | None,
    limit: int,
) -> list[TimelineEntry]:
    query = select(Visit).where(
        Visit.student_id == student_id,
        Visit.deleted_at.is_(None),
        _older(Visit.occurred_at, Visit.id, "visit", before),
    )
    rows = db.scalars(query.order_by(Visit.occurred_at.desc(), Visit.id.desc()).limit(limit))
    may_read = session.can(Permission.VIEW_BEHAVIORAL_NOTES)
    entries = []
    for visit in rows:
        kind = VisitType(visit.visit_type)
        hidden = kind.is_behavioral and not may_read
        reason = reason_text(visit.reason)
        found = privacy.visit_restriction(session, visit)
        if found.restricted:
            entry = _restricted_entry("visit", visit.id, visit.occurred_at, found, kind)
            entries.append(replace(entry, outcome=disposition_label(visit.disposition)))
            continue
        entries.append(
            TimelineEntry(
                "visit",
                visit.id,
                visit.occurred_at,
                msg("{label} visit: {reason}", label=as_message(kind.label), reason=reason),
                "" if hidden else visit.note,
                hidden,
                outcome=disposition_label(visit.disposition),
                row_id=visit.id,
                facts={"visit_type": kind.value, "reason": reason},
            )
        )
    return entries


def _restricted_entry(
    kind: str,
    record_id: uuid.UUID,
    at: datetime,
    found: Restriction,
    visit_type: VisitType | None = None,
    row_id: uuid.UUID | None = None,
) -> TimelineEntry:
    """A timeline line that says only that a record exists, when, and its category
    where that may be named; ``facts["restricted"]`` is the placeholder."""
    facts: dict[str, Any] = {"restricted": found.label}
    if visit_type is not None:
        facts["visit_type"] = visit_type.value
    return TimelineEntry(
        kind,
        record_id,
        at,
        found.label,
        "",
        True,
        row_id=row_id or record_id,
        facts=facts,
    )


def _screening_entries(
    db: Session,
    session: ClinicSession,
    student_id: uuid.UUID,
    before: datetime | None,
    limit: int,
) -> list[TimelineEntry]:
    query = select(Screening).where(
        Screening.student_id == student_id,
        Screening.deleted_at.is_(None),
        _older(Screening.administered_at, Screening.id, "screening", before),
    )
    order = (Screening.administered_at.desc(), Screening.id.desc())
    rows = db.scalars(query.order_by(*order).limit(limit))
    return [
        _restricted_entry("screening", s.id, s.administered_at, found)
        if (
            found := privacy.screening_restriction(session, s.instrument_id, s.administered_by)
        ).restricted
        else TimelineEntry(
            "screening",
            s.id,
            s.administered_at,
            msg("Screening: {short_name}", short_name=load_instrument(s.instrument_id).short_name),
            screening_summary(s.instrument_id, s.total, s.band, complete=s.complete),
            row_id=s.id,
            facts={
                "instrument_id": s.instrument_id,
                "total": s.total,
                "band": s.band,
                "complete": s.complete,
                # "in_progress" (on record at its first flag) or "discarded" (stopped with a
                # reason, behavioral-health text: only for those who may read such notes).
                "status": s.status,
                "stop_reason": s.discard_reason
                if session.can(Permission.VIEW_BEHAVIORAL_NOTES)
                else "",
            },
        )
        for s in rows
    ]


def screening_summary(
    instrument_id: str, total: int | None, band: str | None, *, complete: bool
) -> str:
    """ "Score 11, Moderate" (as message data); only the band's label for an instrument
    without a total (the ASQ has none, and "Score None" says nothing); "Incomplete" before
    the last answer."""
    if not complete:
        return msg("Incomplete")
    label = load_instrument(instrument_id).band_text(band).localized() if band else ""
    if total is None:
        return label
    if not label:
        return msg("Score {total}", total=total)
    return msg("Score {total}, {label}", total=total, label=label)


def _signed(signed_on: date, revoked_on: date | None) -> Message:
    if revoked_on is None:
        return msg("Signed {date}", date=signed_on)
    return msg("Signed {date}, revoked {revoked}", date=signed_on, revoked=revoked_on)


def _referral_entries(
    db: Session,
    session: ClinicSession,
    student_id: uuid.UUID,
    before: datetime | None,
    limit: int,
) -> list[TimelineEntry]:
    query = (
        select(ReferralEvent, Partner.name)
        .join(Referral, ReferralEvent.referral_id == Referral.id)
        .join(Partner, Referral.partner_id == Partner.id)
        .where(
            Referral.student_id == student_id,
            Referral.deleted_at.is_(None),
            _older(ReferralEvent.at, ReferralEvent.id, "referral", before),
        )
    )
    order = (ReferralEvent.at.desc(), ReferralEvent.id.desc())
    rows = db.execute(query.order_by(*order).limit(limit)).all()
    sources = privacy.referral_sources(db, {event.referral_id for event, _ in rows})
    restrictions = {
        rid: privacy.referral_restriction(session, source) for rid, source in sources.items()
    }
    return [
        _restricted_entry(
            "referral",
            event.referral_id,
            event.at,
            restrictions[event.referral_id],
            row_id=event.id,
        )
        if restrictions.get(event.referral_id, privacy.OPEN).restricted
        else TimelineEntry(
            "referral",
            event.referral_id,
            event.at,
            msg(
                "Referral to {partner}: {to_status}",
                partner=partner,
                to_status=event.to_status.replace("_", " "),
            ),
            event.note,
            row_id=event.id,
            facts={"partner": partner, "status": event.to_status},
        )
        for event, partner in rows
    ]


def _consent_entries(
    db: Session, student_id: uuid.UUID, before: datetime | None, limit: int
) -> list[TimelineEntry]:
    query = select(Consent).where(
        Consent.student_id == student_id,
        Consent.deleted_at.is_(None),
        _older(Consent.created_at, Consent.id, "consent", before),
    )
    rows = db.scalars(query.order_by(Consent.created_at.desc(), Consent.id.desc()).limit(limit))
    return [
        TimelineEntry(
            "consent",
            c.id,
            c.created_at,
            msg("Consent recorded: {label}", label=as_message(ConsentKind(c.kind).label)),
            _signed(c.signed_on, c.revoked_on),
            row_id=c.id,
            facts={"consent_kind": c.kind, "signed_on": c.signed_on, "revoked_on": c.revoked_on},
        )
        for c in rows
    ]


def _flag_action_entries(
    db: Session,
    session: ClinicSession,
    student_id: uuid.UUID,
    before: TimelineCursor | None,
    limit: int,
) -> list[TimelineEntry]:
    """Each action taken on a risk flag, when it happened; who and the note are withheld
    (``hidden``) from a role that may not read behavioral notes."""
    query = (
        select(FlagAction)
        .join(RiskFlag, FlagAction.flag_id == RiskFlag.id)
        .where(
            RiskFlag.student_id == student_id,
            RiskFlag.deleted_at.is_(None),
            FlagAction.deleted_at.is_(None),
            _older(FlagAction.occurred_at, FlagAction.id, "flag_action", before),
        )
    )
    order = (FlagAction.occurred_at.desc(), FlagAction.id.desc())
    rows = db.scalars(query.order_by(*order).limit(limit)).all()
    owners = {
        f.id: f
        for f in db.scalars(select(RiskFlag).where(RiskFlag.id.in_({r.flag_id for r in rows})))
    }
    views = {v.id: v for v in flag_views(db, session, list(owners.values()))}
    entries = []
    for row in rows:
        flag = views[row.flag_id]
        if flag.restricted:  # the sensitivity model: the alert says whom to call, no more
            continue
        action = next(a for a in flag.actions if a.id == row.id)
        kind = action.kind
        label = as_message(kind.label) if kind is not None else Verbatim(action.action)
        parts: list[str] = [Verbatim(p) for p in (action.person, action.note) if p]
        if action.after_signing:
            parts.append(msg("recorded after signing"))
        detail = join(parts, " · ") if parts else ""
        entries.append(
            TimelineEntry(
                "flag_action",
                flag.id,
                action.occurred_at,
                msg("Risk flag action: {action}", action=label),
                detail,
                action.withheld,
                row_id=row.id,
                facts={
                    "action": action.action,
                    "flag": flag.message,
                    "person": action.person,
                    "note": action.note,
                    "after_signing": action.after_signing,
                },
            )
        )
    return entries


def _flag_closed_entries(
    db: Session,
    session: ClinicSession,
    student_id: uuid.UUID,
    before: TimelineCursor | None,
    limit: int,
) -> list[TimelineEntry]:
    """Each closed risk flag with its closing note (withheld as the actions' notes are)."""
    query = select(RiskFlag).where(
        RiskFlag.student_id == student_id,
        RiskFlag.deleted_at.is_(None),
        RiskFlag.resolved_at.is_not(None),
        _older(RiskFlag.resolved_at, RiskFlag.id, "flag_closed", before),
    )
    order = (RiskFlag.resolved_at.desc(), RiskFlag.id.desc())
    rows = db.scalars(query.order_by(*order).limit(limit)).all()
    entries = []
    for flag in flag_views(db, session, rows):
        if flag.restricted:
            continue
        assert flag.resolved_at is not None
        entries.append(
            TimelineEntry(
                "flag_closed",
                flag.id,
                flag.resolved_at,
                msg("Risk flag closed: {flag}", flag=flag.message),
                Verbatim(flag.action_note),
                flag.withheld,
                row_id=flag.id,
                facts={"flag": flag.message, "severity": flag.severity, "by": flag.resolved_by},
            )
        )
    return entries
