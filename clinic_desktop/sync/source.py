"""Reading the store for an export: only the columns de-identification needs, streamed.

Every query selects named columns (never whole rows), so names, notes, reasons, guardians,
ids and free text are not even read into memory, and streams with ``yield_per`` so memory
stays flat whatever the number of rows. Rows come in ``change_seq`` order within a
watermark window ``after < change_seq <= upto``; a row with ``deleted_at`` set is a
tombstone and carries only its id.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from clinic_desktop.domain import deidentify as deid
from clinic_desktop.store.models import (
    Consent,
    Partner,
    Referral,
    ReferralEvent,
    RiskFlag,
    School,
    Screening,
    Student,
    Visit,
)

YIELD_PER = 500


@dataclass(frozen=True)
class Window:
    """The changes a batch carries: ``after < change_seq <= upto``."""

    after: int
    upto: int


@dataclass(frozen=True)
class Change:
    """One changed row: its id, whether it is a tombstone, and its source facts."""

    row_id: uuid.UUID
    deleted: bool
    source: Any


class StoreReader:
    """Streams source records out of one read transaction, dates in the clinic's zone."""

    def __init__(self, db: Session, tz: tzinfo, today: date) -> None:
        self.db = db
        self.tz = tz
        self.today = today

    def local(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def _stream(self, stmt: Select[Any]) -> Iterator[Any]:
        yield from self.db.execute(stmt.execution_options(yield_per=YIELD_PER))

    def _person(self, row: Any) -> deid.Person:
        return deid.Person(row.sid, row.pseudonym, row.date_of_birth, row.school_code)

    # --- students ---------------------------------------------------------------------

    def students(self, window: Window) -> Iterator[Change]:
        stmt = _with_person(
            select(Student.deleted_at, Student.sex, Student.grade, Student.zip_code),
            Student,
        )
        for row in self._stream(_windowed(stmt, Student, window)):
            source = deid.StudentSource(self._person(row), row.sex, row.grade, row.zip_code)
            yield Change(row.sid, row.deleted_at is not None, source)

    # --- visits -------------------------------------------------------------------------

    def _visit_query(self) -> Select[Any]:
        columns = (
            Visit.id.label("rid"),
            Visit.deleted_at,
            Visit.occurred_at,
            Visit.visit_type,
            Visit.disposition,
            Visit.icd10_codes,
            Visit.cpt_codes,
        )
        return _with_person(select(*columns), Visit)

    def _visit(self, row: Any) -> deid.VisitSource:
        return deid.VisitSource(
            row.rid,
            self._person(row),
            self.local(row.occurred_at),
            row.visit_type,
            row.disposition,
            row.icd10_codes or (),
            row.cpt_codes or (),
        )

    def visits(self, window: Window) -> Iterator[Change]:
        for row in self._stream(_windowed(self._visit_query(), Visit, window)):
            yield Change(row.rid, row.deleted_at is not None, self._visit(row))

    def all_visits_by_student(self) -> Iterator[deid.VisitSource]:
        """Every live visit, grouped by student (for distinct "students seen")."""
        stmt = self._visit_query().where(Visit.deleted_at.is_(None))
        for row in self._stream(stmt.order_by(Visit.student_id, Visit.occurred_at)):
            yield self._visit(row)

    # --- screenings and flags -----------------------------------------------------------

    def _screening_query(self) -> Select[Any]:
        columns = (
            Screening.id.label("rid"),
            Screening.deleted_at,
            Screening.administered_at,
            Screening.instrument_id,
            Screening.instrument_version,
            Screening.complete,
            Screening.answers,
            Screening.total,
            Screening.subscales,
            Screening.band,
            Screening.visit_id,
        )
        return _with_person(select(*columns), Screening)

    def _screening(self, row: Any) -> deid.ScreeningSource:
        return deid.ScreeningSource(
            row.rid,
            self._person(row),
            self.local(row.administered_at),
            row.instrument_id,
            row.instrument_version,
            bool(row.complete),
            row.answers or {},
            row.total,
            row.subscales or {},
            row.band,
            row.visit_id,
        )

    def screenings(self, window: Window) -> Iterator[Change]:
        for row in self._stream(_windowed(self._screening_query(), Screening, window)):
            yield Change(row.rid, row.deleted_at is not None, self._screening(row))

    def all_screenings(self) -> Iterator[deid.ScreeningSource]:
        stmt = self._screening_query().where(Screening.deleted_at.is_(None))
        for row in self._stream(stmt.order_by(Screening.change_seq)):
            yield self._screening(row)

    def _flag_query(self) -> Select[Any]:
        columns = (
            RiskFlag.id.label("rid"),
            RiskFlag.deleted_at,
            RiskFlag.raised_at,
            RiskFlag.screening_id,
            RiskFlag.flag_id,
            RiskFlag.severity,
            RiskFlag.resolved_at,
        )
        return _with_person(select(*columns), RiskFlag)

    def _flag(self, row: Any) -> deid.FlagSource:
        return deid.FlagSource(
            row.rid,
            self._person(row),
            self.local(row.raised_at),
            row.screening_id,
            row.flag_id,
            row.severity,
            row.resolved_at is not None,
        )

    def flags(self, window: Window) -> Iterator[Change]:
        for row in self._stream(_windowed(self._flag_query(), RiskFlag, window)):
            yield Change(row.rid, row.deleted_at is not None, self._flag(row))

    def all_flags(self) -> Iterator[deid.FlagSource]:
        stmt = self._flag_query().where(RiskFlag.deleted_at.is_(None))
        for row in self._stream(stmt.order_by(RiskFlag.change_seq)):
            yield self._flag(row)

    # --- referrals ------------------------------------------------------------------------

    def _referral_query(self) -> Select[Any]:
        columns = (
            Referral.id.label("rid"),
            Referral.deleted_at,
            Referral.created_at,
            Partner.kind.label("partner_kind"),
            Referral.urgency,
            Referral.status,
            Referral.outcome,
            Referral.screening_id,
            Referral.visit_id,
            Referral.consent_id,
        )
        stmt = _with_person(select(*columns), Referral)
        return stmt.outerjoin(Partner, Referral.partner_id == Partner.id)

    def _referral(self, row: Any, events: tuple[deid.EventFacts, ...]) -> deid.ReferralSource:
        return deid.ReferralSource(
            row.rid,
            self._person(row),
            self.local(row.created_at),
            row.partner_kind or "",
            row.urgency,
            row.status,
            row.outcome,
            events,
            row.screening_id,
            row.visit_id,
            row.consent_id,
        )

    def referrals(self, window: Window) -> Iterator[Change]:
        """Referrals changed in the window, or whose events did (their measures moved)."""
        events_changed = select(ReferralEvent.referral_id).where(
            ReferralEvent.change_seq > window.after, ReferralEvent.change_seq <= window.upto
        )
        stmt = self._referral_query().where(
            or_(
                (Referral.change_seq > window.after) & (Referral.change_seq <= window.upto),
                Referral.id.in_(events_changed),
            )
        )
        for row in self._stream(stmt.order_by(Referral.change_seq)):
            deleted = row.deleted_at is not None
            source = None if deleted else self._referral(row, self._events_of(row.rid))
            yield Change(row.rid, deleted, source)

    def all_referrals(self) -> Iterator[deid.ReferralSource]:
        stmt = self._referral_query().where(Referral.deleted_at.is_(None))
        for row in self._stream(stmt.order_by(Referral.change_seq)):
            yield self._referral(row, ())

    def _events_of(self, referral_id: uuid.UUID) -> tuple[deid.EventFacts, ...]:
        stmt = select(
            ReferralEvent.at, ReferralEvent.to_status, ReferralEvent.appointment_at
        ).where(ReferralEvent.referral_id == referral_id, ReferralEvent.deleted_at.is_(None))
        return tuple(
            deid.EventFacts(
                self.local(at), to_status, self.local(appointment) if appointment else None
            )
            for at, to_status, appointment in self.db.execute(stmt)
        )

    def referral_events(self, window: Window) -> Iterator[Change]:
        columns = (
            ReferralEvent.id.label("rid"),
            ReferralEvent.deleted_at,
            ReferralEvent.referral_id,
            ReferralEvent.at,
            ReferralEvent.from_status,
            ReferralEvent.to_status,
            ReferralEvent.appointment_at,
        )
        for row in self._stream(_windowed(select(*columns), ReferralEvent, window)):
            appointment = self.local(row.appointment_at) if row.appointment_at else None
            source = deid.ReferralEventSource(
                row.rid,
                row.referral_id,
                self.local(row.at),
                row.from_status,
                row.to_status,
                appointment,
            )
            yield Change(row.rid, row.deleted_at is not None, source)

    # --- consents -------------------------------------------------------------------------

    def consents(self, window: Window) -> Iterator[Change]:
        columns = (
            Consent.id.label("rid"),
            Consent.deleted_at,
            Consent.kind,
            Consent.signed_on,
            Consent.expires_on,
            Consent.revoked_on,
            Partner.kind.label("partner_kind"),
        )
        stmt = _with_person(select(*columns), Consent).outerjoin(
            Partner, Consent.partner_id == Partner.id
        )
        for row in self._stream(_windowed(stmt, Consent, window)):
            source = deid.ConsentSource(
                row.rid,
                self._person(row),
                row.kind,
                row.signed_on,
                self.today,
                row.partner_kind,
                row.expires_on,
                row.revoked_on,
            )
            yield Change(row.rid, row.deleted_at is not None, source)


def _with_person(stmt: Select[Any], model: Any) -> Select[Any]:
    """Add the student's pseudonym, date of birth and school code to ``stmt``."""
    person = (
        Student.id.label("sid"),
        Student.pseudonym,
        Student.date_of_birth,
        School.code.label("school_code"),
    )
    stmt = stmt.add_columns(*person)
    if model is not Student:
        stmt = stmt.join(Student, model.student_id == Student.id)
    return stmt.join(School, Student.school_id == School.id)


def _windowed(stmt: Select[Any], model: Any, window: Window) -> Select[Any]:
    return stmt.where(model.change_seq > window.after, model.change_seq <= window.upto).order_by(
        model.change_seq
    )
