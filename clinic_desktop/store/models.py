"""The schema: typed SQLAlchemy 2 models for every entity of the design.

Conventions:
- UUID primary keys (no meaning, safe to show in a QR code or a log line);
- ``created_at`` / ``updated_at`` in UTC;
- syncable rows are never deleted: ``deleted_at`` marks a tombstone, and ``change_seq``
  (a database-wide counter bumped on every insert or update, see ``store.changes``) tells
  the exporter what changed since the last batch without trusting the wall clock;
- Alembic owns the schema (``store/migrations``); a test proves models and migrations agree.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from clinic_desktop.store.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


class Entity(Base):
    """Abstract base: UUID id and UTC timestamps."""

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Syncable(Entity):
    """Abstract base for clinical rows that travel (de-identified) in sync batches."""

    __abstract__ = True

    change_seq: Mapped[int] = mapped_column(Integer, index=True)
    deleted_at: Mapped[datetime | None]


class ChangeCounter(Base):
    """The single-row, database-wide change counter behind ``Syncable.change_seq``."""

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Setting(Base):
    """Site settings (site code, idle-lock minutes, ...): JSON values by key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class School(Entity):
    __tablename__ = "schools"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    zip_code: Mapped[str] = mapped_column(String(10), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class User(Entity):
    """A staff account. The password never touches the database: it opens a key slot."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    last_sign_in_at: Mapped[datetime | None]


class Student(Syncable):
    __tablename__ = "students"
    __table_args__ = (Index("ix_students_name", "last_name", "first_name"),)

    district_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    local_id: Mapped[str] = mapped_column(String(40), default="", index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    preferred_name: Mapped[str] = mapped_column(String(100), default="")
    #: Folded names and ids (see ``domain.text.fold``) for accent-insensitive search.
    search_key: Mapped[str] = mapped_column(Text, default="")
    #: Folded "last first", so "Ñúñez" sorts under N when the roster pages in SQL.
    sort_key: Mapped[str] = mapped_column(String(210), default="", index=True)
    date_of_birth: Mapped[date] = mapped_column(Date, index=True)
    sex: Mapped[str] = mapped_column(String(2), default="U")
    gender_identity: Mapped[str] = mapped_column(String(60), default="")
    grade: Mapped[str] = mapped_column(String(4), default="")
    school_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("schools.id"), index=True)
    zip_code: Mapped[str] = mapped_column(String(10), default="")
    language: Mapped[str] = mapped_column(String(40), default="en")
    foster_care: Mapped[bool] = mapped_column(Boolean, default=False)
    insurance_id: Mapped[str] = mapped_column(String(40), default="")
    #: Random, drawn once, never derived from an identifier: the student's only name in
    #: de-identified batches (45 CFR 164.514(c)).
    pseudonym: Mapped[str] = mapped_column(String(32), unique=True)

    school: Mapped[School] = relationship()
    guardians: Mapped[list[Guardian]] = relationship(
        back_populates="student", order_by="Guardian.created_at"
    )


class StudentTerm(Base):
    """One word of a student's ``search_key``: the roster search finds a typed word start
    with an index range (``term >= "mar" AND term < "mas"``) instead of reading every
    student's key. Derived data, kept in step by the triggers of migration 0004 (on insert,
    on a change of ``search_key``, on delete); never written by the application.
    """

    __tablename__ = "student_terms"
    __table_args__ = ({"sqlite_with_rowid": False},)

    term: Mapped[str] = mapped_column(Text, primary_key=True)
    student_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, index=True)


class Guardian(Syncable):
    __tablename__ = "guardians"

    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("students.id"), index=True)
    name: Mapped[str] = mapped_column(String(150))
    relation: Mapped[str] = mapped_column(String(40))
    phones: Mapped[list[Any]] = mapped_column(JSON, default=list)
    email: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(40), default="en")
    #: Legal authority to consent for the student (a parent, a court-appointed guardian).
    can_consent: Mapped[bool] = mapped_column(Boolean, default=True)

    student: Mapped[Student] = relationship(back_populates="guardians")


class Visit(Syncable):
    __tablename__ = "visits"
    __table_args__ = (Index("ix_visits_student_time", "student_id", "occurred_at"),)

    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("students.id"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    visit_type: Mapped[str] = mapped_column(String(30))
    occurred_at: Mapped[datetime] = mapped_column(index=True)
    reason: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    #: Chosen by a person when the visit is completed; ``None`` while it is still open.
    disposition: Mapped[str | None] = mapped_column(String(30))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    icd10_codes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    cpt_codes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: ``draft`` (editable by its author, every edit audited) until ``signed``; a signed
    #: visit never changes: corrections are ``VisitAddendum`` rows.
    status: Mapped[str] = mapped_column(String(12), default="draft")
    signed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    signed_at: Mapped[datetime | None]
    #: Documented after the day it happened (a late entry, marked as such everywhere).
    late_entry: Mapped[bool] = mapped_column(Boolean, default=False)

    addenda: Mapped[list[VisitAddendum]] = relationship(order_by="VisitAddendum.written_at")


class VisitAddendum(Syncable):
    """A change to a signed visit: who, when, why, what. The signed text never changes."""

    __tablename__ = "visit_addenda"

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visits.id"), index=True)
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    #: A late entry documents something that happened earlier (``refers_to``), not a change.
    late_entry: Mapped[bool] = mapped_column(Boolean, default=False)
    refers_to: Mapped[datetime | None]


class Draft(Entity):
    """Unsaved input (a visit being typed), kept inside the encrypted store."""

    __tablename__ = "drafts"
    __table_args__ = (Index("ix_drafts_owner", "user_id", "student_id", "kind", unique=True),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    student_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("students.id"))
    kind: Mapped[str] = mapped_column(String(30))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class Screening(Syncable):
    __tablename__ = "screenings"
    __table_args__ = (Index("ix_screenings_student_time", "student_id", "administered_at"),)

    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("students.id"))
    visit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visits.id"), index=True)
    administered_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    administered_at: Mapped[datetime]
    instrument_id: Mapped[str] = mapped_column(String(30))
    instrument_version: Mapped[str] = mapped_column(String(30))
    language: Mapped[str] = mapped_column(String(8), default="en")
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    total: Mapped[int | None] = mapped_column(Integer)
    subscales: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    band: Mapped[str | None] = mapped_column(String(30))
    complete: Mapped[bool] = mapped_column(Boolean)
    #: ``in_progress`` (saved as soon as an answer raises a flag), ``complete``, or
    #: ``discarded`` (only with a reason; the flags it raised stay).
    status: Mapped[str] = mapped_column(String(12), default="complete")
    #: Free-text follow-ups the instrument asks for (ASQ "how? when?"), by item id.
    text_answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    discarded_at: Mapped[datetime | None]
    discarded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    discard_reason: Mapped[str] = mapped_column(Text, default="")


class RiskFlag(Syncable):
    """A critical answer's flag; an acute one stays open until the action is recorded."""

    __tablename__ = "risk_flags"

    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("students.id"), index=True)
    screening_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("screenings.id"), index=True)
    flag_id: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    required_action: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    action_taken: Mapped[str | None] = mapped_column(String(40))
    #: The closing note (required to close a suicide-risk flag).
    action_note: Mapped[str] = mapped_column(Text, default="")

    actions: Mapped[list[FlagAction]] = relationship(order_by="FlagAction.occurred_at")


class FlagAction(Syncable):
    """One action taken on a risk flag (several per flag): what, when, with whom, a note."""

    __tablename__ = "flag_actions"

    flag_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("risk_flags.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    #: When it happened (a guardian reached at 10:40 may be written down at 11:15).
    occurred_at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    #: Who: the guardian contacted, the crisis-team member, whom the student was released to.
    person: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    #: The referral made from the flag ("referral made").
    referral_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("referrals.id"))


class Partner(Syncable):
    """A community agency or health center that receives referrals."""

    __tablename__ = "partners"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    services: Mapped[list[Any]] = mapped_column(JSON, default=list)
    languages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    min_age: Mapped[int | None] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)
    accepts_medicaid: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_name: Mapped[str] = mapped_column(String(150), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    fax: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Consent(Syncable):
    __tablename__ = "consents"

    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("students.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    partner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("partners.id"))
    scope: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    information_kinds: Mapped[list[Any]] = mapped_column(JSON, default=list)
    signer_kind: Mapped[str] = mapped_column(String(20))
    guardian_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("guardians.id"))
    #: Whether the signer had legal authority *when signing*, so a later change to the
    #: guardian's record does not silently change an old consent's validity.
    signer_has_authority: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    expiry_event: Mapped[str] = mapped_column(String(200), default="")
    revoked_on: Mapped[date | None] = mapped_column(Date)
    revoked_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    recorded_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))


class Referral(Syncable):
    __tablename__ = "referrals"
    __table_args__ = (Index("ix_referrals_followup", "status", "follow_up_due"),)

    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("students.id"), index=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partners.id"))
    created_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    urgency: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    screening_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("screenings.id"))
    visit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visits.id"))
    consent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("consents.id"))
    follow_up_due: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(30))

    events: Mapped[list[ReferralEvent]] = relationship(order_by="ReferralEvent.at")


class ReferralEvent(Syncable):
    """One status change of a referral: who, when, why."""

    __tablename__ = "referral_events"

    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referrals.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    by_user: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    appointment_at: Mapped[datetime | None]


class AuditEvent(Base):
    """Append-only, hash-chained record of who viewed or changed what, and when.

    ``detail`` holds codes only (never a name, note or date of birth).
    """

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    username: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SyncBatch(Entity):
    """One exported, de-identified batch: the watermark advances only after its rename."""

    __tablename__ = "sync_batches"

    sequence: Mapped[int] = mapped_column(Integer, unique=True)
    watermark_from: Mapped[int] = mapped_column(Integer)
    watermark_to: Mapped[int] = mapped_column(Integer)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    checksum: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(200))
