"""Reading the store for an export: only the columns de-identification needs, streamed.

Every query selects named columns (never whole rows), so names, notes, reasons, guardians,
ids and free text are not even read into memory. Rows come in ``change_seq`` order within
a watermark window ``after < change_seq <= upto``; a row with ``deleted_at`` set is a
tombstone and carries only its id.

Speed (an export reads every row of a large site: 1.7 million records at district scale):
the queries are built with SQLAlchemy Core from the models, compiled once, and run on the
session's own DB-API cursor (same read transaction, so the same snapshot), fetched in
pages of ``YIELD_PER``. The raw values (hex UUIDs, ISO-8601 text, JSON text) are converted
here, once per value and with memoisation where values repeat (students, JSON answer
sets), instead of through the ORM's per-row result machinery.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import lru_cache
from typing import Any

import sqlcipher3
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

YIELD_PER = 1000


@dataclass(frozen=True)
class Window:
    """The changes a batch carries: ``after < change_seq <= upto``."""

    after: int
    upto: int


@dataclass(frozen=True)
class Change:
    """One changed row: its id, whether it is a tombstone, and its source facts."""

    row_id: deid.RowId
    deleted: bool
    source: Any


def _row_id(value: str) -> str:
    """A stored UUID (32 hex digits, as SQLAlchemy's ``Uuid`` writes it on SQLite) as its
    canonical text, ``str(uuid.UUID(hex=value))``, without the object: record ids hash
    the text, and an export would otherwise parse and print a UUID per id (issue 9)."""
    value = value.lower()
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"


def _optional_row_id(value: str | None) -> str | None:
    return None if value is None else _row_id(value)


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


@lru_cache(maxsize=4096)
def _json(value: str | None) -> Any:
    """A JSON column's value. Answer sets and code lists repeat a lot (most screenings of
    an instrument share a few answer patterns), so decoded values are memoised; they are
    only read, never changed."""
    return None if value is None else json.loads(value)


class StoreReader:
    """Streams source records out of one read transaction, dates in the clinic's zone."""

    def __init__(self, db: Session, tz: tzinfo, today: date) -> None:
        self.db = db
        self.tz = tz
        self.today = today
        self._people: dict[str, deid.Person] = {}

    def _local_text(self, stored: str) -> date:
        """The clinic-zone day of a stored UTC timestamp (``UTCDateTime``'s ISO text)."""
        return datetime.fromisoformat(stored).astimezone(self.tz).date()

    def _optional_local(self, stored: str | None) -> date | None:
        return None if stored is None else self._local_text(stored)

    def _rows(self, stmt: Select[Any]) -> Iterator[tuple[Any, ...]]:
        """Raw DB-API rows of ``stmt`` in the session's read transaction, page by page."""
        compiled = stmt.compile(
            dialect=self.db.get_bind().dialect, compile_kwargs={"render_postcompile": True}
        )
        params = [compiled.params[name] for name in compiled.positiontup or ()]
        cursor = self.db.connection().connection.cursor()
        try:
            cursor.execute(str(compiled), params)
            while rows := cursor.fetchmany(YIELD_PER):
                yield from rows
        finally:
            # An abandoned export (cancelled, failed) may finalise this generator only
            # after its session closed the connection: nothing is left to release then.
            with contextlib.suppress(sqlcipher3.ProgrammingError):
                cursor.close()

    def _person(self, sid: str, pseudonym: str, born: str, school: str) -> deid.Person:
        """One ``Person`` per student for the whole export (a student has many records)."""
        person = self._people.get(sid)
        if person is None:
            person = deid.Person(_row_id(sid), pseudonym, date.fromisoformat(born), school)
            self._people[sid] = person
        return person

    # --- students ---------------------------------------------------------------------

    def students(self, window: Window) -> Iterator[Change]:
        stmt = _with_person(
            select(Student.deleted_at, Student.sex, Student.grade, Student.zip_code), Student
        )
        for deleted_at, sex, grade, zip_code, *person in self._rows(
            _windowed(stmt, Student, window)
        ):
            who = self._person(*person)
            source = deid.StudentSource(who, sex, grade, zip_code)
            yield Change(who.student_id, deleted_at is not None, source)

    # --- visits -------------------------------------------------------------------------

    def _visit_query(self) -> Select[Any]:
        columns = (
            Visit.id,
            Visit.deleted_at,
            Visit.occurred_at,
            Visit.visit_type,
            Visit.disposition,
            Visit.icd10_codes,
            Visit.cpt_codes,
            Visit.status,
        )
        return _with_person(select(*columns), Visit)

    def _visit(self, row: tuple[Any, ...]) -> deid.VisitSource:
        rid, _deleted, occurred, visit_type, disposition, icd10, cpt, status, *person = row
        # The note and its addenda never travel: a signed visit goes as codes, as before.
        return deid.VisitSource(
            _row_id(rid),
            self._person(*person),
            self._local_text(occurred),
            visit_type,
            disposition,
            _json(icd10) or (),
            _json(cpt) or (),
            signed=status == "signed",
        )

    def visits(self, window: Window) -> Iterator[Change]:
        for row in self._rows(_windowed(self._visit_query(), Visit, window)):
            source = self._visit(row)
            yield Change(source.row_id, row[1] is not None, source)

    def all_visits_by_student(self) -> Iterator[tuple[str, str, date, str]]:
        """(student id, school code, local day, visit type) of every live visit, grouped by
        student (for distinct "students seen"); only what the aggregate counts."""
        stmt = (
            select(Visit.student_id, School.code, Visit.occurred_at, Visit.visit_type)
            .join(Student, Visit.student_id == Student.id)
            .join(School, Student.school_id == School.id)
            .where(Visit.deleted_at.is_(None))
            .order_by(Visit.student_id, Visit.occurred_at)
        )
        local = self._local_text
        for student, school, occurred, visit_type in self._rows(stmt):
            yield student, school, local(occurred), visit_type

    # --- screenings and flags -----------------------------------------------------------

    def _screening_query(self) -> Select[Any]:
        columns = (
            Screening.id,
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

    def _screening(self, row: tuple[Any, ...]) -> deid.ScreeningSource:
        (rid, _deleted, at, instrument, version, complete, answers, total, subscales, band,
         visit_id, *person) = row  # fmt: skip
        return deid.ScreeningSource(
            _row_id(rid),
            self._person(*person),
            self._local_text(at),
            instrument,
            version,
            bool(complete),
            _json(answers) or {},
            total,
            _json(subscales) or {},
            band,
            _optional_row_id(visit_id),
        )

    def screenings(self, window: Window) -> Iterator[Change]:
        for row in self._rows(_windowed(self._screening_query(), Screening, window)):
            source = self._screening(row)
            yield Change(source.row_id, row[1] is not None, source)

    def all_screenings(self) -> Iterator[tuple[str, str, date, str, bool, str | None]]:
        """(pseudonym, school code, local day, instrument, complete, band) of every live
        screening: only what the aggregate counts."""
        stmt = _with_school(
            select(
                Student.pseudonym,
                School.code,
                Screening.administered_at,
                Screening.instrument_id,
                Screening.complete,
                Screening.band,
            ),
            Screening,
        ).where(Screening.deleted_at.is_(None))
        local = self._local_text
        for pseudonym, school, at, instrument, complete, band in self._rows(stmt):
            yield pseudonym, school, local(at), instrument, bool(complete), band

    def _flag_query(self) -> Select[Any]:
        columns = (
            RiskFlag.id,
            RiskFlag.deleted_at,
            RiskFlag.raised_at,
            RiskFlag.screening_id,
            RiskFlag.flag_id,
            RiskFlag.severity,
            RiskFlag.resolved_at,
        )
        return _with_person(select(*columns), RiskFlag)

    def _flag(self, row: tuple[Any, ...]) -> deid.FlagSource:
        rid, _deleted, raised, screening_id, flag_id, severity, resolved, *person = row
        return deid.FlagSource(
            _row_id(rid),
            self._person(*person),
            self._local_text(raised),
            _row_id(screening_id),
            flag_id,
            severity,
            resolved is not None,
        )

    def flags(self, window: Window) -> Iterator[Change]:
        for row in self._rows(_windowed(self._flag_query(), RiskFlag, window)):
            source = self._flag(row)
            yield Change(source.row_id, row[1] is not None, source)

    def all_flags(self) -> Iterator[tuple[str, str, date, str]]:
        """(pseudonym, school code, local day, severity) of every live flag."""
        stmt = _with_school(
            select(Student.pseudonym, School.code, RiskFlag.raised_at, RiskFlag.severity),
            RiskFlag,
        ).where(RiskFlag.deleted_at.is_(None))
        local = self._local_text
        for pseudonym, school, raised, severity in self._rows(stmt):
            yield pseudonym, school, local(raised), severity

    # --- referrals ------------------------------------------------------------------------

    def referrals(self, window: Window) -> Iterator[Change]:
        """Referrals changed in the window, or whose events did (their measures moved),
        each with its live events: one query, grouped as it streams."""
        events_changed = select(ReferralEvent.referral_id).where(
            ReferralEvent.change_seq > window.after, ReferralEvent.change_seq <= window.upto
        )
        columns = (
            Referral.id,
            Referral.deleted_at,
            Referral.created_at,
            Partner.kind,
            Referral.urgency,
            Referral.status,
            Referral.outcome,
            Referral.screening_id,
            Referral.visit_id,
            Referral.consent_id,
            ReferralEvent.at,
            ReferralEvent.to_status,
            ReferralEvent.appointment_at,
        )
        stmt = (
            _with_person(select(*columns), Referral)
            .outerjoin(Partner, Referral.partner_id == Partner.id)
            .outerjoin(
                ReferralEvent,
                (ReferralEvent.referral_id == Referral.id) & ReferralEvent.deleted_at.is_(None),
            )
            .where(
                or_(
                    (Referral.change_seq > window.after) & (Referral.change_seq <= window.upto),
                    Referral.id.in_(events_changed),
                )
            )
            .order_by(Referral.change_seq, Referral.id)
        )
        current: tuple[Any, ...] | None = None
        events: list[deid.EventFacts] = []
        for row in self._rows(stmt):
            if current is None or row[0] != current[0]:
                if current is not None:
                    yield self._referral_change(current, events)
                current, events = row, []
            if row[10] is not None:
                events.append(
                    deid.EventFacts(
                        self._local_text(row[10]), row[11], self._optional_local(row[12])
                    )
                )
        if current is not None:
            yield self._referral_change(current, events)

    def _referral_change(self, row: tuple[Any, ...], events: list[deid.EventFacts]) -> Change:
        (rid, deleted_at, created, partner_kind, urgency, status, outcome, screening_id,
         visit_id, consent_id, _at, _to, _appointment, *person) = row  # fmt: skip
        row_id = _row_id(rid)
        if deleted_at is not None:
            return Change(row_id, True, None)
        source = deid.ReferralSource(
            row_id,
            self._person(*person),
            self._local_text(created),
            partner_kind or "",
            urgency,
            status,
            outcome,
            tuple(events),
            _optional_row_id(screening_id),
            _optional_row_id(visit_id),
            _optional_row_id(consent_id),
        )
        return Change(row_id, False, source)

    def all_referrals(self) -> Iterator[tuple[str, str, date, str, str | None]]:
        """(pseudonym, school code, local day, status, outcome) of every live referral."""
        stmt = _with_school(
            select(
                Student.pseudonym,
                School.code,
                Referral.created_at,
                Referral.status,
                Referral.outcome,
            ),
            Referral,
        ).where(Referral.deleted_at.is_(None))
        local = self._local_text
        for pseudonym, school, created, status, outcome in self._rows(stmt):
            yield pseudonym, school, local(created), status, outcome

    def referral_events(self, window: Window) -> Iterator[Change]:
        columns = (
            ReferralEvent.id,
            ReferralEvent.deleted_at,
            ReferralEvent.referral_id,
            ReferralEvent.at,
            ReferralEvent.from_status,
            ReferralEvent.to_status,
            ReferralEvent.appointment_at,
        )
        stmt = _windowed(select(*columns), ReferralEvent, window)
        for rid, deleted_at, referral_id, at, from_status, to_status, appointment in self._rows(
            stmt
        ):
            source = deid.ReferralEventSource(
                _row_id(rid),
                _row_id(referral_id),
                self._local_text(at),
                from_status,
                to_status,
                self._optional_local(appointment),
            )
            yield Change(source.row_id, deleted_at is not None, source)

    # --- consents -------------------------------------------------------------------------

    def consents(self, window: Window) -> Iterator[Change]:
        columns = (
            Consent.id,
            Consent.deleted_at,
            Consent.kind,
            Consent.signed_on,
            Consent.expires_on,
            Consent.revoked_on,
            Partner.kind,
        )
        stmt = _with_person(select(*columns), Consent).outerjoin(
            Partner, Consent.partner_id == Partner.id
        )
        for row in self._rows(_windowed(stmt, Consent, window)):
            rid, deleted_at, kind, signed, expires, revoked, partner_kind, *person = row
            source = deid.ConsentSource(
                _row_id(rid),
                self._person(*person),
                kind,
                date.fromisoformat(signed),
                self.today,
                partner_kind,
                _date(expires),
                _date(revoked),
            )
            yield Change(source.row_id, deleted_at is not None, source)


def _with_school(stmt: Select[Any], model: Any) -> Select[Any]:
    """Join ``model``'s student and the student's school (for columns already selected)."""
    if model is not Student:
        stmt = stmt.join(Student, model.student_id == Student.id)
    return stmt.join(School, Student.school_id == School.id)


def _with_person(stmt: Select[Any], model: Any) -> Select[Any]:
    """Add the student's id, pseudonym, date of birth and school code to ``stmt`` (the
    last four columns of every row: ``StoreReader._person``'s arguments)."""
    person = (Student.id, Student.pseudonym, Student.date_of_birth, School.code)
    return _with_school(stmt.add_columns(*person), model)


def _windowed(stmt: Select[Any], model: Any, window: Window) -> Select[Any]:
    return stmt.where(model.change_seq > window.after, model.change_seq <= window.upto).order_by(
        model.change_seq
    )
