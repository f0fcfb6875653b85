"""The one way in: ``unit_of_work`` for changes, ``reading`` for reads, ``live`` for rows.

Includes the issue-15 defect "reads are audited case by case": the Today screen listed
every open risk flag's text without an audit row, and listing visits took the write lock
(and a durable commit) to read.
"""

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import event, select

from clinic_desktop import errors
from clinic_desktop.domain.audit import READ_POLICY, AuditAction, ReadView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.services import students, today, visits
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.unit import UnauditedWriteError, reading, unit_of_work
from clinic_desktop.store.models import AuditEvent, School, Student
from clinic_desktop.store.rows import live
from tests.factories import open_flag, student, visit


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student())


@dataclass(frozen=True)
class _Row:
    action: str
    username: str
    entity: str
    entity_id: str
    detail: dict


def _audit_rows(session: ClinicSession) -> list[_Row]:
    columns = (AuditEvent.action, AuditEvent.username, AuditEvent.entity, AuditEvent.entity_id)
    query = select(*columns, AuditEvent.detail).order_by(AuditEvent.seq)
    with session.store.read() as db:
        return [_Row(*row) for row in db.execute(query)]


# --- the defect: Today and the visit list --------------------------------------------------


@pytest.mark.parametrize("role", ["nurse", "clinician"])
def test_opening_today_writes_one_audit_row_with_counts_and_no_names(site, pupil, role):
    with site.sign_in("clinician") as clinician:
        visits.record_visit(clinician, pupil.id, visit(site.clock()))
        open_flag(clinician, pupil.id)
    with site.sign_in(role) as session:
        before = len(_audit_rows(session))
        overview = today.today_overview(session)
        added = _audit_rows(session)[before:]
    assert len(overview.open_flags) == 1 and len(overview.visits) == 1
    assert [(row.action, row.username, row.entity_id) for row in added] == [
        ("today_viewed", role, "")
    ]
    detail = added[0].detail
    assert detail["open_flags"] == 1 and detail["visits"] == 1
    assert all(isinstance(value, int) for value in detail.values())
    assert pupil.last_name not in str(detail) and str(pupil.id) not in str(detail)


@contextlib.contextmanager
def _statements(session: ClinicSession) -> Iterator[list[tuple[bool, str]]]:
    """Every SQL statement the store runs, with whether a write transaction was open."""
    store, writing = session.store, [False]
    original = store.write

    @contextlib.contextmanager
    def write():
        writing[0] = True
        try:
            with original() as db:
                yield db
        finally:
            writing[0] = False

    def seen(conn, cursor, statement, parameters, context, executemany):
        log.append((writing[0], statement))

    log: list[tuple[bool, str]] = []
    store.write = write
    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        yield log
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
        del store.write


def test_listing_visits_reads_without_the_write_lock_and_audits_after(clinician, pupil):
    visits.record_visit(clinician, pupil.id, visit(clinician.now()))
    with _statements(clinician) as log:
        listed = visits.list_visits(clinician, pupil.id)
    assert len(listed) == 1
    reads_of_visits = [locked for locked, sql in log if "FROM visits" in sql]
    assert reads_of_visits == [False]
    written = [sql.split()[0:3] for locked, sql in log if locked and sql.startswith("INSERT")]
    assert written == [["INSERT", "INTO", "audit_events"]]
    assert _audit_rows(clinician)[-1].action == "visits_viewed"


# --- the unit of work ----------------------------------------------------------------------


def _add_school(work, code: str) -> None:
    work.db.add(School(code=code, name="Test school", zip_code="00000"))


def _schools(session: ClinicSession) -> set[str]:
    with session.store.read() as db:
        return set(db.scalars(select(School.code)))


def test_a_change_without_an_audit_row_is_refused_and_rolled_back(admin):
    before = len(_audit_rows(admin))
    with (
        pytest.raises(UnauditedWriteError),
        unit_of_work(admin, Permission.MANAGE_SETTINGS) as work,
    ):
        _add_school(work, "NOAUDIT")
    assert "NOAUDIT" not in _schools(admin)
    assert len(_audit_rows(admin)) == before


def test_a_change_with_its_audit_row_commits_both(admin):
    with unit_of_work(admin, Permission.MANAGE_SETTINGS) as work:
        _add_school(work, "AUDITED")
        work.audit(AuditAction.SETTINGS_CHANGED, detail={"fields": ["schools"]})
    assert "AUDITED" in _schools(admin)
    assert _audit_rows(admin)[-1].action == "settings_changed"


def test_a_unit_naming_why_it_is_unaudited_commits_without_a_row(admin):
    before = len(_audit_rows(admin))
    with unit_of_work(admin, Permission.MANAGE_SETTINGS, unaudited="test fixture") as work:
        _add_school(work, "NAMED")
    assert "NAMED" in _schools(admin)
    assert len(_audit_rows(admin)) == before


def test_a_unit_that_changes_nothing_needs_no_row(admin):
    before = len(_audit_rows(admin))
    with unit_of_work(admin, Permission.MANAGE_SETTINGS) as work:
        work.db.scalar(select(School.code))
    assert len(_audit_rows(admin)) == before


def test_a_refused_permission_opens_no_transaction(nurse, monkeypatch):
    def no_transaction():
        raise AssertionError("a transaction was opened before the permission check")

    monkeypatch.setattr(nurse.store, "write", no_transaction)
    monkeypatch.setattr(nurse.store, "read", no_transaction)
    with pytest.raises(errors.PermissionDeniedError), unit_of_work(nurse, Permission.MANAGE_USERS):
        pass
    with (
        pytest.raises(errors.PermissionDeniedError),
        reading(nurse, Permission.MANAGE_USERS, ReadView.USERS),
    ):
        pass


def test_any_of_several_permissions_passes_with_one(clinician):
    with reading(clinician, (Permission.MANAGE_USERS, Permission.VIEW_CHART), ReadView.DRAFT):
        pass


# --- reading ---------------------------------------------------------------------------------


def test_a_chart_read_is_audited_once_after_it_succeeds(clinician, pupil):
    before = len(_audit_rows(clinician))
    with reading(clinician, Permission.VIEW_CHART, ReadView.VISITS, pupil.id) as read:
        read.note(count=0)
    added = _audit_rows(clinician)[before:]
    assert [(r.action, r.entity, r.entity_id, r.detail) for r in added] == [
        ("visits_viewed", "student", str(pupil.id), {"count": 0})
    ]


def test_a_failed_read_leaves_no_row(clinician):
    before = len(_audit_rows(clinician))
    with pytest.raises(errors.NotFoundError):
        visits.list_visits(clinician, uuid.uuid4())
    assert len(_audit_rows(clinician)) == before


def test_a_read_that_is_not_a_chart_read_leaves_no_row(clinician, pupil):
    before = len(_audit_rows(clinician))
    assert students.count_students(clinician, "") == 1
    assert not READ_POLICY[ReadView.STUDENT_COUNT].is_chart_read
    assert len(_audit_rows(clinician)) == before


def test_a_roster_search_is_audited_with_a_count_never_the_words(clinician, pupil):
    """Issue 18, finding 8: the list shows names and birth dates, so it is a read of
    personal data; the audit row says how many were listed, not what was typed."""
    before = len(_audit_rows(clinician))
    assert students.search_students(clinician, pupil.last_name)
    rows = _audit_rows(clinician)[before:]
    assert [(r.action, r.detail) for r in rows] == [
        ("students_searched", {"count": 1, "offset": 0})
    ]
    assert pupil.last_name not in str(rows[0].detail)


# --- live rows -------------------------------------------------------------------------------


def test_live_refuses_missing_and_deleted_rows_with_the_entitys_sentence(clinician, pupil):
    with clinician.store.write() as db:
        assert live(db, Student, pupil.id).id == pupil.id
        db.get(Student, pupil.id).deleted_at = clinician.now()
        db.flush()
        for missing in (pupil.id, uuid.uuid4(), None):
            with pytest.raises(errors.NotFoundError) as refused:
                live(db, Student, missing)
            assert refused.value.message == "That student is not in this clinic's records."
        db.rollback()
