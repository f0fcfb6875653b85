"""Start-of-year roster import from the district's student information system.

Re-importing updates students by ``district_id``; it never duplicates and never deletes.
Every school code must be one of the site's schools (``School`` rows), or be named in
``add_schools``: a mis-mapped column cannot invent schools, and a row naming an unknown
school is rejected with the code in its reason.

The whole file is one unit of work (one transaction): every row is checked before anything
is written (the parser checks each row; here, its school), so the rows that pass are
written together and the rows that do not are reported with their line numbers. A failure
while writing rolls the whole import back: the file is imported entirely or not at all.
Rows are written in chunks, a few queries and bulk inserts per chunk, so a district's
50,000 students import in seconds. Each student added or changed gets its own audit row
(who changed which record), and the import one more with its counts. Reports carry line
numbers and column names, never personal data.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.csvfile import ImportReport, RowProblem
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.roster import RosterRow, parse_roster, school_code_of, school_codes
from clinic_desktop.domain.students import GuardianInput
from clinic_desktop.domain.text import fold
from clinic_desktop.messages import Message, msg
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.students import copy_student, guardian_row, new_student_values
from clinic_desktop.services.unit import Work, reading, unit_of_work
from clinic_desktop.store.changes import reserve_change_seqs
from clinic_desktop.store.models import Guardian, School, Student

Progress = Callable[[int, int], None]

#: Rows written per chunk: one query for the chunk's existing students, one bulk insert.
CHUNK = 500


def import_roster(
    session: ClinicSession,
    data: bytes,
    progress: Progress | None = None,
    *,
    add_schools: Collection[str] = (),
) -> ImportReport:
    """Import a roster CSV (bytes as read from the file).

    ``add_schools``: school codes to add to the site's school list (named by their code)
    before the rows are checked; any other code must already be one of the site's schools.
    """
    session.require(Permission.IMPORT_ROSTER)
    parsed = parse_roster(data, session.today())
    problems = list(parsed.problems)
    wanted = {school_code_of(code) for code in add_schools} - {""}
    with unit_of_work(session, Permission.IMPORT_ROSTER) as work:
        db = work.db
        schools = _school_list(db)
        added = sorted(wanted - set(schools))
        for code in added:
            schools[code] = School(code=code, name=code)
            db.add(schools[code])
        db.flush()
        rows = []
        for row in parsed.rows:
            if row.student.school_code in schools:
                rows.append(row)
            else:
                problems.append(RowProblem(row.line, _unknown_school(row.student.school_code)))
        writer = _Writer(work, schools)
        for done, chunk in _chunks(rows, CHUNK):
            writer.write(chunk)
            if progress is not None:
                progress(done, len(rows))
        writer.audit()
        work.audit(
            AuditAction.ROSTER_IMPORTED,
            detail={
                **writer.counts,
                "rejected": len(problems),
                "to_confirm": len(writer.warnings),
                "schools_added": added,
            },
        )
    problems.sort(key=lambda p: p.line)
    return ImportReport(**writer.counts, problems=tuple(problems), warnings=tuple(writer.warnings))


def new_school_codes(session: ClinicSession, data: bytes) -> list[str]:
    """The school codes a roster file names that are not yet the site's schools (sorted):
    what the import dialog asks about before importing. ``ValidationError`` for a file
    that cannot be read as a roster."""
    session.require(Permission.IMPORT_ROSTER)
    named = school_codes(data)
    with reading(session, Permission.IMPORT_ROSTER, ReadView.SCHOOLS) as read:
        known = set(_school_list(read.db))
    return sorted(named - known)


def _unknown_school(code: str) -> Message:
    return msg(
        "{column} {code} is not one of this site's schools (add it when importing, "
        "or correct the column)",
        column="school_code",
        code=code,
    )


def _school_list(db: Session) -> dict[str, School]:
    return {school.code: school for school in db.scalars(select(School))}


def _chunks(rows: Sequence[RosterRow], size: int) -> Iterator[tuple[int, Sequence[RosterRow]]]:
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        yield start + len(chunk), chunk


@dataclass
class _Writer:
    """Writes checked rows chunk by chunk and remembers what to audit."""

    work: Work
    schools: dict[str, School]
    counts: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0}
    )
    created: list[uuid.UUID] = field(default_factory=list)
    updated: list[uuid.UUID] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)

    def write(self, chunk: Sequence[RosterRow]) -> None:
        db = self.work.db
        existing = _existing(db, [row.student.district_id for row in chunk])
        new_students: list[dict[str, Any]] = []
        new_guardians: list[tuple[uuid.UUID, GuardianInput]] = []
        for row in chunk:
            if row.warning is not None:
                self.warnings.append(RowProblem(row.line, row.warning))
            student = existing.get(row.student.district_id)
            if student is None:
                school = self.schools[row.student.school_code]
                values = new_student_values(row.student, school.id)
                new_students.append(values)
                if row.guardian is not None:
                    new_guardians.append((values["id"], row.guardian))  # type: ignore[arg-type]
                self.created.append(values["id"])  # type: ignore[arg-type]
                continue
            if self._update(db, student, row):
                self.updated.append(student.id)
                self.counts["updated"] += 1
            else:
                self.counts["unchanged"] += 1
        db.flush()  # the updates, stamped by the flush hook
        self.counts["created"] += len(new_students)
        self._insert(db, Student, new_students)
        self._insert(db, Guardian, [_guardian_values(sid, g) for sid, g in new_guardians])

    def _update(self, db: Session, student: Student, row: RosterRow) -> bool:
        school = self.schools[row.student.school_code]
        changed = copy_student(student, row.student, school, only=row.provided)
        if student.deleted_at is not None:
            student.deleted_at = None
            changed.append("restored")
        merged = row.guardian is not None and _merge_guardian(
            db, student, row.guardian, relation_known=row.warning is None
        )
        return bool(changed) or merged

    def _insert(self, db: Session, model: type, rows: list[dict[str, Any]]) -> None:
        """Bulk insert new rows, stamped as the flush hook stamps ORM rows."""
        if not rows:
            return
        now = self.work.session.now()
        seq = reserve_change_seqs(db, len(rows))
        for offset, values in enumerate(rows):
            values.update(created_at=now, updated_at=now, change_seq=seq + offset)
        db.flush()  # the change counter
        db.connection().execute(insert(model.__table__), rows)

    def audit(self) -> None:
        """One audit row per student added or changed (in file order of each kind)."""
        self.work.audit_each(AuditAction.ROSTER_CREATED, "student", self.created)
        self.work.audit_each(AuditAction.ROSTER_UPDATED, "student", self.updated)


def _existing(db: Session, district_ids: list[str]) -> dict[str, Student]:
    """The chunk's students already in the store (deleted ones too), with guardians."""
    query = (
        select(Student)
        .where(Student.district_id.in_(district_ids))
        .options(selectinload(Student.guardians))
    )
    return {student.district_id or "": student for student in db.scalars(query)}


def _guardian_values(student_id: uuid.UUID, guardian: GuardianInput) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "student_id": student_id,
        "name": guardian.name,
        "relation": guardian.relation,
        "phones": list(guardian.phones),
        "email": guardian.email,
        "language": guardian.language,
        "can_consent": guardian.can_consent,
        "deleted_at": None,
    }


def _merge_guardian(
    db: Session, student: Student, guardian: GuardianInput, relation_known: bool
) -> bool:
    """Add the roster's guardian, or refresh the one with the same name. True if changed.

    A refreshed guardian keeps its consent authority as the clinic recorded it, and its
    relation too when the file's relation word is unknown (staff may have confirmed it)."""
    wanted = fold(guardian.name)
    current = next(
        (g for g in student.guardians if g.deleted_at is None and fold(g.name) == wanted),
        None,
    )
    if current is None:
        row = guardian_row(student.id, guardian)
        db.add(row)
        student.guardians.append(row)
        return True
    changed = False
    for name, value in (
        ("relation", guardian.relation if relation_known else ""),
        ("phones", list(guardian.phones)),
        ("language", guardian.language),
    ):
        if getattr(current, name) != value and value:
            setattr(current, name, value)
            changed = True
    return changed
