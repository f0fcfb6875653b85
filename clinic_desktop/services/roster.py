"""Start-of-year roster import from the district's student information system.

Re-importing updates students by ``district_id``; it never duplicates and never deletes.
The whole file is one transaction with a savepoint per row, so a row that fails while
being written is rolled back alone, reported with its line number, and the other rows
still import. Reports carry line numbers and column names, never personal data.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.domain.audit import AuditAction
from clinic_desktop.domain.csvfile import ImportReport, RowProblem
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.roster import RosterRow, parse_roster
from clinic_desktop.domain.students import GuardianInput
from clinic_desktop.domain.text import fold
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.students import apply_student, guardian_row, insert_student
from clinic_desktop.services.unit import Work, unit_of_work
from clinic_desktop.store.models import Student

Progress = Callable[[int, int], None]
_ROSTER_ACTIONS = {"created": AuditAction.ROSTER_CREATED, "updated": AuditAction.ROSTER_UPDATED}


def import_roster(
    session: ClinicSession, data: bytes, progress: Progress | None = None
) -> ImportReport:
    """Import a roster CSV (bytes as read from the file)."""
    session.require(Permission.IMPORT_ROSTER)
    parsed = parse_roster(data, session.today())
    problems = list(parsed.problems)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    total = len(parsed.rows)
    with unit_of_work(session, Permission.IMPORT_ROSTER) as work:
        db = work.db
        for done, row in enumerate(parsed.rows, start=1):
            try:
                with db.begin_nested():
                    outcome = _import_row(work, row)
                counts[outcome] += 1
            except errors.ClinicError as exc:
                reason = "; ".join(str(e) for e in getattr(exc, "errors", ())) or exc.message
                problems.append(RowProblem(row.line, reason))
            if progress is not None:
                progress(done, total)
        work.audit(
            AuditAction.ROSTER_IMPORTED,
            detail={**counts, "rejected": len(problems)},
        )
    problems.sort(key=lambda p: p.line)
    return ImportReport(**counts, problems=tuple(problems))


def _import_row(work: Work, row: RosterRow) -> str:
    db = work.db
    existing = db.scalar(select(Student).where(Student.district_id == row.student.district_id))
    if existing is None:
        student = insert_student(db, row.student)
        outcome = "created"
    else:
        student = existing
        changed = apply_student(db, student, row.student, only=row.provided)
        if student.deleted_at is not None:
            student.deleted_at = None
            changed.append("restored")
        outcome = "updated" if changed else "unchanged"
    if row.guardian is not None and _merge_guardian(db, student, row.guardian):
        outcome = "updated" if outcome == "unchanged" else outcome
    if outcome != "unchanged":
        work.audit(_ROSTER_ACTIONS[outcome], "student", student.id)
    return outcome


def _merge_guardian(db: Session, student: Student, guardian: GuardianInput) -> bool:
    """Add the roster's guardian, or refresh the one with the same name. True if changed."""
    wanted = fold(guardian.name)
    current = next(
        (g for g in student.guardians if g.deleted_at is None and fold(g.name) == wanted),
        None,
    )
    if current is None:
        db.add(guardian_row(student.id, guardian))
        return True
    changed = False
    for name, value in (
        ("relation", guardian.relation),
        ("phones", list(guardian.phones)),
        ("language", guardian.language),
    ):
        if getattr(current, name) != value and value:
            setattr(current, name, value)
            changed = True
    return changed
