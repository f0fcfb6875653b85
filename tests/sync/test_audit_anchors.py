"""Issue 18, finding 5: the audit chain is anchored outside the database.

Whoever holds the database key can edit a row and recompute every hash after it, or delete
the last rows: the plain chain check passes both. The audit heads kept outside the store
(every backup's ``*.anchor.json``, every batch manifest, kept by the district) catch both.
"""

import io
import itertools
import json

from sqlalchemy import delete, select

from clinic_desktop.cli import admin as admin_cli
from clinic_desktop.cli import sync as sync_cli
from clinic_desktop.services import audit as audit_service
from clinic_desktop.services import backup, students
from clinic_desktop.services import sync as sync_service
from clinic_desktop.store import audit as store_audit
from clinic_desktop.store.engine import open_store
from clinic_desktop.store.keyring import Keyring
from clinic_desktop.store.models import AuditEvent
from clinic_desktop.sync import anchors, warehouse
from tests.conftest import PASSWORDS
from tests.factories import student
from tests.sync.conftest import provision

_ids = itertools.count(1000001)


def _populate(site, reads: int = 3):
    with site.sign_in("clinician") as session:
        created = students.create_student(session, student(district_id=f"D{next(_ids)}"))
        for _ in range(reads):
            students.get_student(session, created.id)


def _live_store(site):
    keys = Keyring.load(site.data_dir / "keyring.json").unlock_recovery(site.recovery_key)
    return open_store(site.data_dir / "clinic.db", keys.current)


def _edit_and_rehash(site, seq: int) -> None:
    """What an insider with the key does: change a row, then recompute the chain."""
    store = _live_store(site)
    try:
        with store.write() as db:
            rows = list(db.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
            rows[seq - 1].username = "someone_else"
            prev = store_audit.GENESIS
            for row in rows:
                row.prev_hash = prev
                row.hash = store_audit.row_hash(
                    seq=row.seq,
                    at=row.at,
                    user_id=row.user_id,
                    username=row.username,
                    action=row.action,
                    entity=row.entity,
                    entity_id=row.entity_id,
                    detail=row.detail,
                    prev_hash=row.prev_hash,
                )
                prev = row.hash
    finally:
        store.close()


def _truncate(site, keep: int) -> None:
    store = _live_store(site)
    try:
        with store.write() as db:
            db.execute(delete(AuditEvent).where(AuditEvent.seq > keep))
    finally:
        store.close()


def _backup(site, folder):
    with site.sign_in("it") as session:
        return backup.backup_now(session, folder)


def _plain(site):
    with site.sign_in("it") as session:
        return audit_service.verify_audit(session)


def _anchored(site, folder):
    with site.sign_in("it") as session:
        return audit_service.verify_audit_anchors(session, folder)


def test_every_backup_carries_its_audit_head(site, tmp_path):
    _populate(site)
    info = _backup(site, tmp_path / "usb")
    anchor = anchors.Anchor.from_json(json.loads(info.anchor_path.read_text()))
    assert (anchor.site, anchor.source, anchor.ref) == ("LHS", "backup", info.path.name)
    assert anchor.count > 5 and len(anchor.hash) == 64
    assert anchor.signature is None  # not provisioned yet: no site key to sign with


def test_a_genuine_chain_matches_its_anchors(site, tmp_path):
    _populate(site)
    _backup(site, tmp_path / "usb")
    _populate(site)  # the chain grows after the backup: the anchor stays true
    report = _anchored(site, tmp_path / "usb")
    assert report.ok, report.problems
    assert report.anchors.checked == 1


def test_an_edited_and_rehashed_chain_passes_alone_but_fails_its_anchors(site, tmp_path):
    _populate(site)
    _backup(site, tmp_path / "usb")
    _edit_and_rehash(site, seq=4)
    assert _plain(site).ok  # the hash chain alone cannot tell
    report = _anchored(site, tmp_path / "usb")
    assert not report.ok
    assert "not the event it vouches for" in str(report.anchors.problems[0])


def test_a_truncated_chain_fails_its_anchors(site, tmp_path):
    _populate(site, reads=6)
    info = _backup(site, tmp_path / "usb")
    count = anchors.Anchor.from_json(json.loads(info.anchor_path.read_text())).count
    _truncate(site, keep=count - 3)  # the last rows before the backup, and all after
    assert _plain(site).ok
    report = _anchored(site, tmp_path / "usb")
    assert not report.ok
    # Signing in to check appends events again, so the chain is as long as before, but
    # event N is another one now.
    assert "not the event it vouches for" in str(report.anchors.problems[0])


def test_a_chain_shorter_than_its_anchor_says_so(site, tmp_path):
    _populate(site, reads=12)
    info = _backup(site, tmp_path / "usb")
    count = anchors.Anchor.from_json(json.loads(info.anchor_path.read_text())).count
    _truncate(site, keep=count - 10)
    report = _anchored(site, tmp_path / "usb")
    assert not report.ok
    assert "removed from its end" in str(report.anchors.problems[0])


def test_an_empty_folder_is_not_a_pass(site, tmp_path):
    (tmp_path / "empty").mkdir()
    report = _anchored(site, tmp_path / "empty")
    assert not report.ok
    assert "No audit anchors" in str(report.problems[-1])


def _cli(args, password):
    out, err = io.StringIO(), io.StringIO()
    code = admin_cli.main(args, stdin=io.StringIO(password + "\n"), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_district_keeps_batch_anchors_and_the_cli_checks_them(site, district, tmp_path):
    _populate(site)
    with site.sign_in("it") as it:
        provision(it, district)
        first = sync_service.export_batch(it, tmp_path / "out")
    _populate(site)
    with site.sign_in("it") as it:
        sync_service.export_batch(it, tmp_path / "out")
    db = tmp_path / "district.sqlite"
    with warehouse.open_warehouse(db) as conn:
        warehouse.import_batches(
            tmp_path / "out",
            conn,
            district.identity(),
            district.trust_store(),
            now=site.clock(),
        )
        kept = warehouse.site_anchors(conn, "LHS")
    assert [a.ref for a in kept] == [first.path.name, "LHS-000002.batch"]
    assert all(a.signature for a in kept)
    handed_back = tmp_path / "from-district"
    handed_back.mkdir()
    code = sync_cli.main(
        [
            "anchors",
            "--db",
            str(db),
            "--site",
            "LHS",
            "--out",
            str(handed_back / "LHS.anchors.json"),
        ]
    )
    assert code == 0
    args = [
        "audit",
        "verify",
        "--anchors",
        str(handed_back),
        "--data-dir",
        str(site.data_dir),
        "--user",
        "it",
        "--password-stdin",
    ]
    code, out, err = _cli(args, PASSWORDS["it"])
    assert code == 0, out + err
    assert "matches 2 audit anchor(s)" in out
    _edit_and_rehash(site, seq=3)
    code, out, _ = _cli(args, PASSWORDS["it"])
    assert code == 1
    assert "DOES NOT MATCH" in out and "batch LHS-000001.batch" in out


def test_a_forged_anchor_signature_is_refused(site, district, tmp_path):
    _populate(site)
    with site.sign_in("it") as it:
        provision(it, district)
    info = _backup(site, tmp_path / "usb")
    data = json.loads(info.anchor_path.read_text())
    assert data["signature"]  # provisioned: signed
    data["signature"] = "0" * 128
    info.anchor_path.write_text(json.dumps(data))
    report = _anchored(site, tmp_path / "usb")
    assert not report.ok and "signature" in str(report.anchors.problems[0])


def test_the_district_warns_when_a_sites_audit_log_shrinks(site, district, tmp_path):
    _populate(site, reads=15)
    with site.sign_in("it") as it:
        provision(it, district)
        sync_service.export_batch(it, tmp_path / "out")
    _truncate(site, keep=5)
    with site.sign_in("it") as it:
        sync_service.export_batch(it, tmp_path / "out")
    with warehouse.open_warehouse(tmp_path / "district.sqlite") as conn:
        result = warehouse.import_batches(
            tmp_path / "out",
            conn,
            district.identity(),
            district.trust_store(),
            now=site.clock(),
        )
    first, second = result.outcomes
    assert "warning" not in str(first.message)
    assert second.status == warehouse.APPLIED
    assert "audit log has" in str(second.message) and "fewer than" in str(second.message)


def test_hostile_files_in_the_anchors_folder_are_named_and_skipped(site, tmp_path):
    import os

    _populate(site)
    folder = tmp_path / "usb"
    _backup(site, folder)
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "garbage.json").write_bytes(b"\xff\xfe not json")
    (folder / "wrong.json").write_text('{"anchor": {"format": "clinic-audit-anchor/1"}}')
    os.mkfifo(folder / "pipe.json")  # would hang a reader that opened it
    report = _anchored(site, folder)
    assert report.ok, report.problems  # the genuine anchor still counts
    assert set(report.unreadable) == {"deep.json", "garbage.json", "wrong.json"}
