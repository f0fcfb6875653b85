"""Backups and restore through the service: encrypted, verified, restorable on their own,
and a restore that never touches the live files until the backup has proved itself."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from clinic_desktop import errors
from clinic_desktop.domain.risk_actions import ActionInput
from clinic_desktop.services import backup, flags, screenings, site, students
from clinic_desktop.store import backup as store_backup
from clinic_desktop.store.engine import SQLITE_HEADER
from clinic_desktop.store.models import AuditEvent, Student
from tests import factories
from tests.conftest import PASSWORDS, SCHOOL_TZ


def _count_students(session) -> int:
    with session.read() as db:
        return db.scalar(select(func.count()).select_from(Student))


def test_backup_is_encrypted_named_by_site_and_time_and_counted_by_status_bar(
    site, it_user, clinician
):
    students.create_student(clinician, factories.student())
    info = backup.backup_now(it_user)
    stamp = site.clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert info.path == it_user.paths.backups / f"LHS-{stamp}.db"
    assert info.keyring_path.name == f"LHS-{stamp}.keyring.json"
    assert info.size == info.path.stat().st_size > 0
    raw = info.path.read_bytes()
    assert not raw.startswith(SQLITE_HEADER) and "Ñúñez".encode() not in raw
    assert sorted(p.name for p in info.path.parent.iterdir()) == sorted(
        [info.path.name, info.keyring_path.name, info.anchor_path.name]
    )  # no temporary files left
    assert site_status(it_user).last_backup_at is not None


def site_status(session):
    return site.maintenance_status(session)


def test_two_backups_in_one_second_do_not_overwrite(it_user):
    first = backup.backup_now(it_user)
    second = backup.backup_now(it_user)
    assert first.path != second.path and first.path.exists() and second.path.exists()


def test_backup_is_audited_and_permission_checked(it_user, admin, clinician, tmp_path):
    backup.backup_now(admin, tmp_path / "usb")
    with pytest.raises(errors.PermissionDeniedError):
        backup.backup_now(clinician)
    with it_user.read() as db:
        actions = db.scalars(select(AuditEvent.action)).all()
    assert "backup_created" in actions


def test_backup_to_missing_usb_stick_is_a_known_error(it_user, tmp_path):
    with pytest.raises(errors.ClinicError, match="USB"):
        backup.backup_now(it_user, tmp_path / "nope" / "backups")


def test_restore_brings_back_the_backed_up_state_and_keeps_the_replaced_file(
    site, it_user, clinician, tmp_path
):
    students.create_student(clinician, factories.student())
    info = backup.backup_now(it_user, tmp_path / "usb")
    students.create_student(clinician, factories.student(district_id="D1000002"))
    it_user.close()
    clinician.close()
    result = backup.restore_backup(
        info.path, site.data_dir, username="it", password=PASSWORDS["it"], clock=site.clock
    )
    assert result.replaced is not None and result.replaced.exists()
    assert result.replaced.name.startswith("clinic.db.replaced-")
    with site.sign_in("admin") as admin:
        assert _count_students(admin) == 1
        from clinic_desktop.services.audit import verify_audit

        assert verify_audit(admin).ok
        with admin.read() as db:
            assert "backup_restored" in db.scalars(select(AuditEvent.action)).all()


def test_restore_with_recovery_key_into_an_empty_folder(site, it_user, clinician, tmp_path):
    """A new laptop: only the backup (two files) and the printed recovery key survive."""
    students.create_student(clinician, factories.student())
    info = backup.backup_now(it_user, tmp_path / "usb")
    fresh = tmp_path / "new-laptop"
    result = backup.restore_backup(info.path, fresh, recovery_key=site.recovery_key)
    assert result.replaced is None
    with site_service_sign_in(fresh, "clinician", site.clock) as session:
        assert _count_students(session) == 1


def site_service_sign_in(data_dir, user, clock):
    return site.sign_in(data_dir, user, PASSWORDS[user], clock=clock)


def test_restore_refuses_wrong_password_and_leaves_live_untouched(site, it_user, tmp_path):
    info = backup.backup_now(it_user, tmp_path / "usb")
    it_user.close()
    before = (site.data_dir / "clinic.db").read_bytes()
    with pytest.raises(errors.WrongPasswordError):
        backup.restore_backup(info.path, site.data_dir, username="it", password="wrong-pass")
    with pytest.raises(errors.WrongRecoveryKeyError):
        backup.restore_backup(info.path, site.data_dir, recovery_key="AAAA-BBBB")
    assert (site.data_dir / "clinic.db").read_bytes() == before
    assert not list(site.data_dir.glob("*.replaced-*"))


def test_restore_refuses_a_damaged_backup_before_touching_live(site, it_user, tmp_path):
    info = backup.backup_now(it_user, tmp_path / "usb")
    it_user.close()
    data = bytearray(info.path.read_bytes())
    data[4096 * 2 + 100] ^= 0xFF  # one flipped bit inside an encrypted page
    info.path.write_bytes(bytes(data))
    before = (site.data_dir / "clinic.db").read_bytes()
    with pytest.raises(errors.DamagedDatabaseError):
        backup.restore_backup(info.path, site.data_dir, username="it", password=PASSWORDS["it"])
    assert (site.data_dir / "clinic.db").read_bytes() == before
    assert not list(site.data_dir.glob(".clinic.db.restoring*"))
    with site.sign_in("admin"):
        pass


def test_restore_needs_the_key_file_beside_the_backup(site, it_user, tmp_path):
    info = backup.backup_now(it_user, tmp_path / "usb")
    info.keyring_path.unlink()
    with pytest.raises(errors.KeyringMissingError):
        backup.restore_backup(info.path, site.data_dir, recovery_key=site.recovery_key)


def test_restore_refuses_while_the_site_is_open(site, it_user, tmp_path):
    """Same process here (exclusive lock); another process is covered in tests/reliability."""
    info = backup.backup_now(it_user, tmp_path / "usb")
    with pytest.raises(errors.StoreLockedError, match="already open"):
        backup.restore_backup(info.path, site.data_dir, recovery_key=site.recovery_key)


def test_backup_keeps_old_passwords_after_a_later_change(site, it_user, admin, tmp_path):
    info = backup.backup_now(it_user, tmp_path / "usb")
    from clinic_desktop.services.site import set_password

    set_password(admin, "admin", "a-brand-new-pass-9")
    for session in (it_user, admin):
        session.close()
    backup.restore_backup(info.path, site.data_dir, username="admin", password=PASSWORDS["admin"])
    with site.sign_in("admin"):
        pass  # the password as of the backup works again


def test_backup_while_writes_continue(site, it_user, clinician, tmp_path):
    """The online backup API copies a consistent snapshot while the app keeps writing."""
    for n in range(5):
        students.create_student(clinician, factories.student(district_id=f"D200000{n}"))
    info = backup.backup_now(it_user, tmp_path / "usb")
    students.create_student(clinician, factories.student(district_id="D3000000"))
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(info.path, copy / info.path.name)
    shutil.copy(info.keyring_path, copy / info.keyring_path.name)
    keys = store_backup.unlock_backup(
        copy / info.path.name, username="it", password=PASSWORDS["it"], recovery_key=None
    )
    scratch = tmp_path / "scratch.db"
    shutil.copy(info.path, scratch)
    assert store_backup.check_restorable(scratch, keys, info.keyring_path) == keys.current


def test_backup_name_uses_utc(it_user, site):
    site.clock.now = datetime(2026, 11, 23, 2, 15, tzinfo=SCHOOL_TZ)
    info = backup.backup_now(it_user)
    assert info.path.name == "LHS-20261123T101500Z.db"


def _audit_rows(session) -> list:
    columns = (AuditEvent.action, AuditEvent.username, AuditEvent.detail, AuditEvent.hash)
    with session.read() as db:
        return list(db.execute(select(*columns).order_by(AuditEvent.seq)))


def test_a_nurse_cannot_restore_and_the_live_database_is_untouched(site, it_user, tmp_path):
    """Issue 18, finding 4: restore is for IT and administrators only."""
    info = backup.backup_now(it_user, tmp_path / "usb")
    it_user.close()
    before = (site.data_dir / "clinic.db").read_bytes()
    for role in ("nurse", "clinician"):
        with pytest.raises(errors.PermissionDeniedError):
            backup.restore_backup(info.path, site.data_dir, username=role, password=PASSWORDS[role])
    assert (site.data_dir / "clinic.db").read_bytes() == before
    assert not list(site.data_dir.glob("*.replaced-*"))
    assert not list(site.data_dir.glob(".clinic.db.restoring*"))


def test_restore_carries_the_replaced_files_audit_head_into_the_restored_log(
    site, it_user, clinician, tmp_path
):
    """The events after the backup are not silently erased: the restored log names the
    replaced file and its audit head (count and last hash), so the gap is visible."""
    info = backup.backup_now(it_user, tmp_path / "usb")
    students.create_student(clinician, factories.student())
    live = _audit_rows(it_user)
    it_user.close()
    clinician.close()
    result = backup.restore_backup(
        info.path, site.data_dir, username="it", password=PASSWORDS["it"], clock=site.clock
    )
    with site.sign_in("admin") as admin:
        restored = [e for e in _audit_rows(admin) if e.action == "backup_restored"]
    assert len(restored) == 1
    detail = restored[0].detail
    assert restored[0].username == "it"
    assert detail["file"] == info.path.name
    assert detail["replaced_file"] == result.replaced.name
    assert detail["replaced_audit_count"] == len(live)
    assert detail["replaced_audit_head"] == live[-1].hash


def test_a_restore_brings_back_signed_notes_drafts_and_addenda(site, it_user, clinician, tmp_path):
    """Issue 16: a signed note, its addenda, a late entry and a draft survive a restore
    exactly (signed stays signed and locked, the draft stays a draft)."""
    from datetime import timedelta

    from clinic_desktop import errors
    from clinic_desktop.services import visits

    pupil = students.create_student(clinician, factories.student())
    at = site.clock()
    signed = visits.record_visit(
        clinician, pupil.id, factories.visit(at - timedelta(days=1), disposition="ems"), sign=True
    )
    visits.add_addendum(clinician, signed.id, "Correction", "Called 911 at 10:05.")
    draft = visits.record_visit(clinician, pupil.id, factories.visit(at, disposition=None))
    info = backup.backup_now(it_user, tmp_path / "usb")
    it_user.close()
    clinician.close()
    backup.restore_backup(
        info.path, site.data_dir, username="it", password=PASSWORDS["it"], clock=site.clock
    )
    with site.sign_in("clinician") as again:
        restored = {v.id: v for v in visits.list_visits(again, pupil.id)}
        back = restored[signed.id]
        assert back.signed and back.late_entry and back.signed_at == signed.signed_at
        assert [(a.reason, a.text) for a in back.addenda] == [
            ("Correction", "Called 911 at 10:05.")
        ]
        assert restored[draft.id].status == "draft" and restored[draft.id].disposition is None
        with pytest.raises(errors.ConflictError):
            visits.update_visit(again, signed.id, factories.visit(at, disposition="ems"))


def test_flag_actions_and_closing_notes_come_back_from_a_backup(site, it_user, clinician, tmp_path):
    """Safety documentation is part of the record a restore brings back."""
    pupil = students.create_student(clinician, factories.student())
    answers = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 0}
    [flag] = screenings.administer_screening(clinician, pupil.id, "asq", answers).flags
    call = ActionInput("guardian_contacted", clinician.now(), "María (mother)")
    flags.record_flag_actions(clinician, flag.id, [call], close_note="Safety plan; home.")
    info = backup.backup_now(it_user, tmp_path / "usb")
    fresh = tmp_path / "new-laptop"
    backup.restore_backup(info.path, fresh, recovery_key=site.recovery_key)
    with site_service_sign_in(fresh, "clinician", site.clock) as session:
        restored = flags.flag_detail(session, flag.id).flag
    assert restored.action_note == "Safety plan; home." and not restored.is_open
    assert [(a.action, a.person) for a in restored.actions] == [
        ("guardian_contacted", "María (mother)")
    ]
