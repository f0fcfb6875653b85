"""Damage and misuse: a full disk, a read-only folder, a damaged slot, a second session,
a clock set backwards. Each gives a known error with a plain message and loses nothing
that was already committed."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from datetime import timedelta

import pytest
import sqlcipher3
from sqlalchemy import event, func, select

from clinic_desktop import errors
from clinic_desktop.services import backup, students, visits
from clinic_desktop.services import site as site_service
from clinic_desktop.services.audit import verify_audit
from clinic_desktop.store import instance_lock
from clinic_desktop.store.models import Visit
from tests import factories
from tests.conftest import PASSWORDS


def _visit_count(session) -> int:
    with session.read() as db:
        return db.scalar(select(func.count()).select_from(Visit))


def _integrity_ok(session) -> bool:
    conn = session.store.raw_connection()
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


# --- a full disk ---------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MiB tmpfs (needs root and a kernel that lets this sandbox mount; else skipped)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2M,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; see the monkeypatched variant below")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder) -> None:
    """Write a filler file until the file system refuses (ENOSPC)."""
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as handle:
        while True:
            handle.write(b"\0" * 4096)
            handle.flush()
            os.fsync(handle.fileno())


def test_real_full_disk_gives_the_calm_message_and_keeps_committed_rows(tiny_disk, clock):
    data_dir = tiny_disk / "site"
    site_service.setup_site(
        data_dir,
        site_code="LHS",
        site_name="Lincoln",
        admin_username="admin",
        admin_password=PASSWORDS["admin"],
        clock=clock,
    )
    from clinic_desktop.domain.roles import Role
    from clinic_desktop.services import users

    with site_service.sign_in(data_dir, "admin", PASSWORDS["admin"], clock=clock) as admin:
        users.add_user(admin, "nurse", PASSWORDS["nurse"], Role.NURSE)
    session = site_service.sign_in(data_dir, "nurse", PASSWORDS["nurse"], clock=clock)
    try:
        pupil = students.create_student(session, factories.student())
        visits.record_visit(session, pupil.id, factories.visit(clock()))
        _fill(tiny_disk)
        with pytest.raises(errors.DiskFullError) as caught:
            for _ in range(200):  # until the WAL cannot grow
                visits.record_visit(session, pupil.id, factories.visit(clock(), note="x" * 9000))
        assert caught.value.message.startswith("The disk is full. Nothing was saved")
        (tiny_disk / "filler").unlink()
        assert _visit_count(session) >= 1 and _integrity_ok(session)
        visits.record_visit(session, pupil.id, factories.visit(clock()))  # works again
        assert verify_audit_as_admin(data_dir, clock)
    finally:
        session.close()


def verify_audit_as_admin(data_dir, clock) -> bool:
    with site_service.sign_in(data_dir, "admin", PASSWORDS["admin"], clock=clock) as admin:
        return verify_audit(admin).ok


def test_backup_to_a_full_disk_is_disk_full_and_leaves_no_file(tiny_disk, it_user):
    _fill(tiny_disk)
    with pytest.raises(errors.DiskFullError):
        backup.backup_now(it_user, tiny_disk / "backups")
    (tiny_disk / "filler").unlink()
    assert not [p for p in (tiny_disk / "backups").glob("*") if p.suffix == ".db"]


def _fail_writes_with(session, errorname: str, message: str) -> None:
    """Make every INSERT/UPDATE on this session's engine fail as SQLite would."""

    @event.listens_for(session.store.engine, "before_cursor_execute")
    def _refuse(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            exc = sqlcipher3.OperationalError(message)
            exc.sqlite_errorname = errorname
            raise exc


def test_simulated_full_disk_through_the_engine(clinician, clock):
    """Portable variant (no mount): SQLITE_FULL raised by the driver goes through
    ``engine.translate`` like the real one, so this checks the mapping and the rollback."""
    pupil = students.create_student(clinician, factories.student())
    visits.record_visit(clinician, pupil.id, factories.visit(clock()))
    _fail_writes_with(clinician, "SQLITE_FULL", "database or disk is full")
    with pytest.raises(errors.DiskFullError, match="disk is full"):
        visits.record_visit(clinician, pupil.id, factories.visit(clock()))
    assert _visit_count(clinician) == 1


# --- a read-only data folder -----------------------------------------------------------


def test_read_only_database_says_so_and_loses_nothing(clinician, clock):
    """Simulated with ``PRAGMA query_only`` on every pooled connection: the tests run as
    root, and chmod 0500 does not stop root. SQLite reports this as SQLITE_READONLY, the same
    family as a read-only file system, so the translation path is the real one."""
    pupil = students.create_student(clinician, factories.student())
    visits.record_visit(clinician, pupil.id, factories.visit(clock()))
    clinician.store.engine.dispose()

    @event.listens_for(clinician.store.engine, "connect")
    def _read_only(dbapi_conn, _record) -> None:
        dbapi_conn.execute("PRAGMA query_only = ON")

    with pytest.raises(errors.StoreIOError, match="read-only"):
        visits.record_visit(clinician, pupil.id, factories.visit(clock()))
    assert _visit_count(clinician) == 1  # reading still works; nothing was lost


# --- damaged files ----------------------------------------------------------------------


def test_damaged_slot_is_a_known_error_and_other_accounts_still_open(site):
    path = site.data_dir / "keyring.json"
    data = json.loads(path.read_text())
    with site.sign_in("admin") as admin:
        label = admin_label(admin, "clinician")
    slot = next(s for s in data["slots"] if s["label"] == label)
    box = slot["db_key"]
    box["ciphertext"] = ("A" if box["ciphertext"][0] != "A" else "B") + box["ciphertext"][1:]
    path.write_text(json.dumps(data))
    with pytest.raises(errors.DamagedKeyringError):
        site.sign_in("clinician")
    with site.sign_in("admin"):
        pass


def admin_label(session, username: str) -> str:
    from clinic_desktop.store.keyring import Keyring

    return Keyring.load(session.paths.keyring).label(username)


def test_damaged_page_in_the_live_database_is_refused_calmly(site):
    db = site.data_dir / "clinic.db"
    raw = bytearray(db.read_bytes())
    raw[4096 * 3 + 500] ^= 0x01
    db.write_bytes(bytes(raw))
    with pytest.raises(errors.DamagedDatabaseError), site.sign_in("admin") as admin:
        site_service.site_info(admin)  # counts every table: reads every table page


# --- a second session, same process ---------------------------------------------------------


def test_sessions_in_one_process_share_the_lock_and_release_it_with_the_last(site):
    first = site.sign_in("admin")
    second = site.sign_in("clinician")
    first.close()
    first.close()  # idempotent
    with pytest.raises(errors.StoreLockedError):
        instance_lock.acquire(site.data_dir, exclusive=True)
    second.close()
    with instance_lock.acquire(site.data_dir, exclusive=True):
        pass


# --- a clock set backwards -------------------------------------------------------------------


def test_clock_set_backwards(site, clock):
    """change_seq does not read the clock; the audit chain does not order by time; a visit
    'in the future' of the wrong clock is refused with the normal validation message."""
    with site.sign_in("clinician") as session:
        pupil = students.create_student(session, factories.student())
        earlier = clock() - timedelta(hours=1)
        visits.record_visit(session, pupil.id, factories.visit(earlier))
        clock.advance(days=-3)
        with pytest.raises(errors.ValidationError) as refused:
            visits.record_visit(session, pupil.id, factories.visit(earlier))
        assert refused.value.for_field("occurred_at") == "cannot be in the future"
        visits.record_visit(session, pupil.id, factories.visit(clock() - timedelta(hours=1)))
        with session.read() as db:
            seqs = db.scalars(select(Visit.change_seq).order_by(Visit.created_at)).all()
    assert sorted(seqs, reverse=True) == list(seqs) and len(set(seqs)) == 2  # newest has max
    with site.sign_in("admin") as admin:
        assert verify_audit(admin).ok
