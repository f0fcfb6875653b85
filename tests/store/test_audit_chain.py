"""Tampering with the audit log (a row changed or deleted) is detected."""

import io

import sqlcipher3

from clinic_desktop.cli import admin as admin_cli
from clinic_desktop.services import audit as audit_service
from clinic_desktop.services import students
from clinic_desktop.store.keyring import Keyring
from tests.conftest import PASSWORDS
from tests.factories import student


def _populate(site):
    with site.sign_in("clinician") as session:
        created = students.create_student(session, student())
        for _ in range(3):
            students.get_student(session, created.id)


def _tamper(site, sql):
    keys = Keyring.load(site.data_dir / "keyring.json").unlock_recovery(site.recovery_key)
    conn = sqlcipher3.connect(str(site.data_dir / "clinic.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{keys.current.hex()}'\"")
    conn.execute(sql)
    conn.close()


def _verify(site):
    with site.sign_in("it") as session:
        return audit_service.verify_audit(session)


def test_intact_chain_verifies(site):
    _populate(site)
    report = _verify(site)
    assert report.ok and report.checked > 5


def test_altered_row_is_detected(site):
    _populate(site)
    _tamper(site, "UPDATE audit_events SET username = 'someone_else' WHERE seq = 4")
    report = _verify(site)
    assert report.broken_at == 4 and "altered" in report.reason


def test_deleted_row_is_detected(site):
    _populate(site)
    _tamper(site, "DELETE FROM audit_events WHERE seq = 5")
    report = _verify(site)
    assert report.broken_at == 5 and "missing" in report.reason


def test_rewritten_hash_still_breaks_the_next_link(site):
    _populate(site)
    _tamper(site, "UPDATE audit_events SET hash = 'f00d' || substr(hash, 5) WHERE seq = 3")
    assert _verify(site).broken_at == 3


def test_cli_reports_the_first_broken_link(site):
    _populate(site)
    _tamper(site, "UPDATE audit_events SET action = 'nothing' WHERE seq = 6")
    out, err = io.StringIO(), io.StringIO()
    code = admin_cli.main(
        ["audit", "verify", "--data-dir", str(site.data_dir), "--user", "it", "--password-stdin"],
        stdin=io.StringIO(PASSWORDS["it"] + "\n"),
        stdout=out,
        stderr=err,
    )
    assert code == 1
    assert "BROKEN at event 6" in out.getvalue()
