"""Students and their guardians: create, update, read (audited), search."""

from __future__ import annotations

import secrets
import sys
import uuid
from collections.abc import Collection
from dataclasses import fields
from datetime import date

from sqlalchemy import Select, func, intersect, select, union
from sqlalchemy.orm import Session, selectinload

from clinic_desktop import errors
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.fields import parse_search_date
from clinic_desktop.domain.records import GuardianView, StudentDetail, StudentSummary
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.students import (
    GuardianInput,
    StudentInput,
    validated_guardian,
    validated_student,
)
from clinic_desktop.domain.text import fold, search_terms
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.unit import reading, unit_of_work
from clinic_desktop.store.models import Guardian, School, Student, StudentTerm
from clinic_desktop.store.rows import live

SEARCH_LIMIT = 200
_STUDENT_FIELDS = [f.name for f in fields(StudentInput) if f.name != "school_code"]


def create_student(
    session: ClinicSession,
    student: StudentInput,
    guardians: tuple[GuardianInput, ...] = (),
) -> StudentDetail:
    with unit_of_work(session, Permission.EDIT_DEMOGRAPHICS) as work:
        clean = validated_student(student, session.today())
        clean_guardians = [validated_guardian(g) for g in guardians]
        row = insert_student(work.db, clean)
        for guardian in clean_guardians:
            work.db.add(guardian_row(row.id, guardian))
        work.db.flush()
        work.audit(AuditAction.STUDENT_CREATED, "student", row.id)
        return _detail(_load(work.db, row.id))


def update_student(
    session: ClinicSession, student_id: uuid.UUID, student: StudentInput
) -> StudentDetail:
    with unit_of_work(session, Permission.EDIT_DEMOGRAPHICS) as work:
        clean = validated_student(student, session.today())
        row = _load(work.db, student_id)
        changed = apply_student(work.db, row, clean)
        if changed:
            work.audit(AuditAction.STUDENT_UPDATED, "student", row.id, {"fields": changed})
        return _detail(row)


def get_student(session: ClinicSession, student_id: uuid.UUID) -> StudentDetail:
    """Open a chart's demographics; every read is recorded in the audit log."""
    with reading(session, Permission.VIEW_CHART, ReadView.DEMOGRAPHICS, student_id) as read:
        detail = student_detail(read.db, student_id)
    return detail


def student_detail(db: Session, student_id: uuid.UUID) -> StudentDetail:
    """The student's demographics and guardians inside an open transaction (not audited:
    the calling service audits the read it is part of)."""
    return _detail(_load(db, student_id))


def search_students(
    session: ClinicSession,
    query: str,
    limit: int = SEARCH_LIMIT,
    offset: int = 0,
    *,
    day_first: bool = False,
) -> list[StudentSummary]:
    """Find students by name (any part, accents and case ignored), preferred name,
    district or local id, or date of birth (YYYY-MM-DD, M/D/YYYY or M/D/YY; D/M/YYYY and
    D/M/YY with ``day_first``, as the Spanish interface writes dates). An empty query
    lists students alphabetically. ``offset`` pages through long lists.
    """
    with reading(session, Permission.SEARCH_STUDENTS, ReadView.STUDENT_SEARCH) as read:
        query_rows = _search_query(query, session.today(), day_first)
        rows = read.db.execute(query_rows.limit(limit).offset(offset)).all()
        read.note(count=len(rows), offset=offset)  # never the words searched for
        return [student_summary(student, code) for student, code in rows]


def count_students(session: ClinicSession, query: str = "", *, day_first: bool = False) -> int:
    """How many students ``search_students`` would list without a limit."""
    with reading(session, Permission.SEARCH_STUDENTS, ReadView.STUDENT_COUNT) as read:
        subquery = _search_query(query, session.today(), day_first).order_by(None).subquery()
        return read.db.scalar(select(func.count()).select_from(subquery)) or 0


def add_guardian(
    session: ClinicSession, student_id: uuid.UUID, guardian: GuardianInput
) -> GuardianView:
    with unit_of_work(session, Permission.EDIT_DEMOGRAPHICS) as work:
        clean = validated_guardian(guardian)
        _load(work.db, student_id)
        row = guardian_row(student_id, clean)
        work.db.add(row)
        work.db.flush()
        detail = {"student": str(student_id)}
        work.audit(AuditAction.GUARDIAN_ADDED, "guardian", row.id, detail)
        return _guardian_view(row)


def update_guardian(
    session: ClinicSession, guardian_id: uuid.UUID, guardian: GuardianInput
) -> GuardianView:
    with unit_of_work(session, Permission.EDIT_DEMOGRAPHICS) as work:
        clean = validated_guardian(guardian)
        row = live(work.db, Guardian, guardian_id)
        for name in ("name", "relation", "language", "can_consent", "email"):
            setattr(row, name, getattr(clean, name))
        row.phones = list(clean.phones)
        work.audit(AuditAction.GUARDIAN_UPDATED, "guardian", row.id)
        return _guardian_view(row)


def remove_guardian(session: ClinicSession, guardian_id: uuid.UUID) -> None:
    """Tombstone a guardian (kept for the history of consents they signed)."""
    with unit_of_work(session, Permission.EDIT_DEMOGRAPHICS) as work:
        row = live(work.db, Guardian, guardian_id)
        row.deleted_at = session.now()
        work.audit(AuditAction.GUARDIAN_REMOVED, "guardian", row.id)


# --- shared with the roster importer ---------------------------------------------------


def school_for_code(db: Session, code: str) -> School:
    """The school with ``code``, created (named by its code) when the site lacks it."""
    school = db.scalar(select(School).where(School.code == code))
    if school is None:
        school = School(code=code, name=code)
        db.add(school)
        db.flush()
    return school


def insert_student(db: Session, clean: StudentInput) -> Student:
    """Add a validated student; the sync pseudonym is drawn here, once, at random."""
    row = Student(pseudonym=secrets.token_hex(16))
    apply_student(db, row, clean)
    db.add(row)
    db.flush()
    return row


def apply_student(
    db: Session, row: Student, clean: StudentInput, only: Collection[str] | None = None
) -> list[str]:
    """Copy validated fields onto ``row``; return the names of fields that changed.

    ``only`` limits the copy to those fields (a roster re-import must not wipe what
    clinicians recorded in the app, such as the foster-care flag or insurance id).
    """
    if clean.district_id:
        clash = db.scalar(
            select(Student.id).where(Student.district_id == clean.district_id, Student.id != row.id)
        )
        if clash is not None:
            raise errors.ValidationError(
                [errors.FieldError("district_id", "belongs to another student")]
            )
    return copy_student(row, clean, school_for_code(db, clean.school_code), only)


def copy_student(
    row: Student, clean: StudentInput, school: School, only: Collection[str] | None = None
) -> list[str]:
    """``apply_student`` without a query: the caller has checked the district id and
    resolved the school (the roster import does both for the whole file at once)."""
    changed = []
    for name in _STUDENT_FIELDS:
        if only is not None and name not in only:
            continue
        value = getattr(clean, name)
        if name == "district_id":
            value = value or None
        if getattr(row, name, None) != value:
            setattr(row, name, value)
            changed.append(name)
    if (only is None or "school_code" in only) and row.school_id != school.id:
        row.school = school
        changed.append("school_code")
    row.search_key = _search_key(row)
    row.sort_key = sort_key(row.last_name, row.first_name)
    return changed


def new_student_values(clean: StudentInput, school_id: uuid.UUID) -> dict[str, object]:
    """The columns of a new student row for a validated input, for a bulk insert (the
    caller stamps ``created_at``, ``updated_at`` and ``change_seq``); the same values
    ``insert_student`` writes, with the sync pseudonym drawn here, once, at random."""
    values: dict[str, object] = {name: getattr(clean, name) for name in _STUDENT_FIELDS}
    values["district_id"] = clean.district_id or None
    values.update(
        id=uuid.uuid4(),
        pseudonym=secrets.token_hex(16),
        school_id=school_id,
        search_key=search_key(
            clean.first_name,
            clean.last_name,
            clean.preferred_name,
            clean.district_id,
            clean.local_id,
        ),
        sort_key=sort_key(clean.last_name, clean.first_name),
    )
    return values


# --- internals -------------------------------------------------------------------------


def sort_key(last_name: str, first_name: str) -> str:
    """Roster order: folded last name, then first name ("Ñúñez" between "Novak" and "Nuñez")."""
    return f"{fold(last_name)}\x1f{fold(first_name)}"[:210]


def _search_key(student: Student) -> str:
    return search_key(
        student.first_name,
        student.last_name,
        student.preferred_name,
        student.district_id or "",
        student.local_id,
    )


def search_key(*parts: str) -> str:
    """Folded names and ids, space-delimited so ``" term"`` matches word starts (each part
    folded alone, which gives the same words, so repeated names come from ``fold``'s cache)."""
    return f" {' '.join(filter(None, map(fold, parts)))} "


def _search_query(query: str, today: date, day_first: bool = False) -> Select:
    base = (
        select(Student, School.code)
        .join(School, Student.school_id == School.id)
        .where(Student.deleted_at.is_(None))
        .order_by(Student.sort_key, Student.date_of_birth, Student.id)
    )
    text = query.strip()
    if not text:
        return base
    born = parse_search_date(text, today, day_first=day_first)
    if born is not None:
        return base.where(Student.date_of_birth == born)
    terms = search_terms(text)
    if not terms:
        return base.where(Student.id.is_(None))
    # Every term starts a word of the student's key (names and ids), or the whole query is
    # a district or local id. Each part is an index lookup (``student_terms``, see
    # migration 0004), so a search reads only the students it finds, not all of them.
    by_name = _word_starts(terms[0])
    if len(terms) > 1:  # (SQLite takes no parenthesised compound inside the union below)
        every = intersect(*(_word_starts(term) for term in terms)).subquery()
        by_name = select(every.c.student_id)
    by_district = select(Student.id).where(Student.district_id == text)
    by_local = select(Student.id).where(Student.local_id == text)
    return base.where(Student.id.in_(union(by_name, by_district, by_local)))


def _word_starts(term: str) -> Select:
    """Students with a word of their key that starts with ``term``: the index range
    ``term <= word < term'``, where ``term'`` is ``term`` with its last character
    incremented (the first string after every string that starts with ``term``)."""
    words = select(StudentTerm.student_id).where(StudentTerm.term >= term)
    stem = term.rstrip(chr(sys.maxunicode))
    if stem:
        words = words.where(StudentTerm.term < stem[:-1] + chr(ord(stem[-1]) + 1))
    return words


def _load(db: Session, student_id: uuid.UUID) -> Student:
    options = (selectinload(Student.guardians), selectinload(Student.school))
    return live(db, Student, student_id, options)


def guardian_row(student_id: uuid.UUID, guardian: GuardianInput) -> Guardian:
    """A new guardian row for a validated input (shared with the demo and the importer)."""
    return Guardian(
        student_id=student_id,
        name=guardian.name,
        relation=guardian.relation,
        phones=list(guardian.phones),
        email=guardian.email,
        language=guardian.language,
        can_consent=guardian.can_consent,
    )


def _guardian_view(row: Guardian) -> GuardianView:
    return GuardianView(
        id=row.id,
        name=row.name,
        relation=row.relation,
        phones=tuple(row.phones or ()),
        email=row.email,
        language=row.language,
        can_consent=row.can_consent,
    )


def student_summary(row: Student, school_code: str) -> StudentSummary:
    """The roster line for a student row (shared by every service that lists students)."""
    return StudentSummary(
        id=row.id,
        first_name=row.first_name,
        last_name=row.last_name,
        preferred_name=row.preferred_name,
        date_of_birth=row.date_of_birth,
        grade=row.grade,
        school_code=school_code,
        district_id=row.district_id or "",
    )


def _detail(row: Student) -> StudentDetail:
    summary = student_summary(row, row.school.code)
    return StudentDetail(
        **{f.name: getattr(summary, f.name) for f in fields(StudentSummary)},
        local_id=row.local_id,
        sex=row.sex,
        gender_identity=row.gender_identity,
        zip_code=row.zip_code,
        language=row.language,
        foster_care=row.foster_care,
        insurance_id=row.insurance_id,
        school_name=row.school.name,
        guardians=tuple(_guardian_view(g) for g in row.guardians if g.deleted_at is None),
    )
