"""Incremental export: only changes travel; corrections keep their id; tombstones delete;
an export interrupted at any point loses and duplicates nothing."""

import json
import shutil
from datetime import UTC, timedelta

import pytest
from sqlalchemy import func, select

from clinic_desktop import errors
from clinic_desktop.domain.deidentify import record_id
from clinic_desktop.services import students, visits
from clinic_desktop.services import sync as sync_service
from clinic_desktop.store.models import SyncBatch, Visit
from clinic_desktop.sync import warehouse
from tests.factories import student, visit
from tests.sync.helpers import decrypt, lines_of, members


def _export(session, out):
    return sync_service.export_batch(session, out)


def _encounters(district, path) -> dict[str, dict]:
    rows = [json.loads(x) for x in lines_of(decrypt(district, path), "Encounter")]
    return {r["id"]: r for r in rows}


def _deleted(district, path) -> list[str]:
    rows = [json.loads(x) for x in lines_of(decrypt(district, path), "deleted")]
    return [r["entry"][0]["request"]["url"] for r in rows]


@pytest.fixture
def clinic(site, provisioned, clinician):
    """Two students with three visits, and the IT session."""
    now = site.clock()
    a = students.create_student(clinician, student(district_id="D1", first_name="Ana"))
    b = students.create_student(clinician, student(district_id="D2", first_name="Ben"))
    made = [
        visits.record_visit(clinician, a.id, visit(now - timedelta(days=3))),
        visits.record_visit(clinician, a.id, visit(now - timedelta(days=2))),
        visits.record_visit(clinician, b.id, visit(now - timedelta(days=1))),
    ]
    return provisioned, clinician, [a, b], made


def test_second_batch_carries_only_the_changes(site, district, clinic, tmp_path):
    it, clinician, (a, _b), made = clinic
    first = _export(it, tmp_path / "out")
    assert first.sequence == 1 and first.counts["Patient"] == 2 and first.counts["Encounter"] == 3
    before = _encounters(district, first.path)

    corrected = visits.update_visit(
        clinician, made[0].id, visit(made[0].occurred_at, disposition="sent_home")
    )
    new = visits.record_visit(clinician, a.id, visit(site.clock()))
    with clinician.write() as db:
        db.get(Visit, made[2].id).deleted_at = site.clock()

    second = _export(it, tmp_path / "out")
    assert (second.sequence, second.watermark_from) == (2, first.watermark_to)
    assert "Patient" not in second.counts
    after = _encounters(district, second.path)
    assert len(after) == 2
    old_id = next(i for i, r in before.items() if r["hospitalization"] and i in after)
    assert after[old_id]["hospitalization"]["dischargeDisposition"]["coding"][0]["code"] == (
        "sent_home"
    )
    assert after[old_id]["meta"]["versionId"] == "2"
    [tombstone] = _deleted(district, second.path)
    assert tombstone.startswith("Encounter/") and tombstone.split("/")[1] in before
    assert tombstone.split("/")[1] not in after
    del corrected, new


def test_nothing_changed_still_makes_a_small_batch(provisioned, tmp_path, district):
    out = tmp_path / "out"
    first = _export(provisioned, out)
    second = _export(provisioned, out)
    assert second.watermark_from == second.watermark_to == first.watermark_to
    assert set(second.counts) <= {"AggregateCell"}
    assert sorted(p.name for p in out.iterdir()) == ["LHS-000001.batch", "LHS-000002.batch"]


def test_import_applies_corrections_and_tombstones(site, district, clinic, tmp_path):
    it, clinician, _students, made = clinic
    _export(it, tmp_path / "out")
    visits.update_visit(clinician, made[0].id, visit(made[0].occurred_at, disposition="ems"))
    with clinician.write() as db:
        db.get(Visit, made[2].id).deleted_at = site.clock()
    _export(it, tmp_path / "out")
    with warehouse.open_warehouse(tmp_path / "agg.sqlite") as conn:
        report = warehouse.import_batches(
            tmp_path / "out", conn, district.identity(), district.trust_store(), now=site.clock()
        )
        assert report.ok and report.count(warehouse.APPLIED) == 2
        live = conn.execute(
            "SELECT status FROM resources WHERE type='Encounter' AND deleted=0 ORDER BY status"
        ).fetchall()
        dead = conn.execute("SELECT count(*) FROM resources WHERE deleted=1").fetchone()[0]
    assert [s for (s,) in live] == ["ems", "returned_to_class"]
    assert dead == 1


def test_crash_between_rename_and_watermark_loses_and_duplicates_nothing(
    site, district, clinic, tmp_path, monkeypatch
):
    it, clinician, (a, _b), _made = clinic
    out = tmp_path / "out"
    _export(it, out)
    visits.record_visit(clinician, a.id, visit(site.clock() - timedelta(hours=1)))

    def power_cut(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(sync_service, "_record_batch", power_cut)
    with pytest.raises(RuntimeError):
        _export(it, out)
    monkeypatch.undo()
    orphan = out / "LHS-000002.batch"
    assert orphan.exists()  # renamed, but the watermark did not move
    with it.read() as db:
        assert db.scalar(select(func.max(SyncBatch.sequence))) == 1
    delivered = tmp_path / "usb"
    delivered.mkdir()
    shutil.copy(orphan, delivered / orphan.name)  # it may already have reached the district

    visits.record_visit(clinician, a.id, visit(site.clock()))
    site.clock.advance(minutes=5)
    again = _export(it, out)
    assert again.sequence == 2 and again.counts["Encounter"] == 2  # both changes, once
    assert sorted(p.name for p in out.iterdir()) == ["LHS-000001.batch", "LHS-000002.batch"]

    agg = tmp_path / "agg.sqlite"
    identity, trust = district.identity(), district.trust_store()
    with warehouse.open_warehouse(agg) as conn:
        shutil.copy(out / "LHS-000001.batch", delivered)
        first = warehouse.import_batches(delivered, conn, identity, trust, now=site.clock())
        assert first.ok
        second = warehouse.import_batches(out, conn, identity, trust, now=site.clock())
        assert second.ok, second.outcomes
        assert "re-export" in second.outcomes[1].message
        count = conn.execute(
            "SELECT count(*) FROM resources WHERE type='Encounter' AND deleted=0"
        ).fetchone()[0]
    with clinician.read() as db:
        assert count == db.scalar(select(func.count()).select_from(Visit)) == 5


def test_crash_while_writing_leaves_no_file_and_no_watermark(provisioned, tmp_path, monkeypatch):
    from clinic_desktop.sync import export

    def broken(self):
        raise OSError("disk gone")

    monkeypatch.setattr(export.Exporter, "aggregate", broken)
    out = tmp_path / "out"
    with pytest.raises(errors.ExportTargetError) as caught:  # a plain message, not raw
        _export(provisioned, out)
    assert str(caught.value.__cause__) == "disk gone"
    assert list(out.iterdir()) == []
    with provisioned.read() as db:
        assert db.scalar(select(func.count()).select_from(SyncBatch)) == 0


def test_progress_callback_can_cancel(site, clinic, tmp_path):
    it, clinician, (a, _b), made = clinic
    with clinician.write() as db:
        template = db.get(Visit, made[0].id)
        for n in range(1100):
            db.add(
                Visit(
                    student_id=a.id,
                    author_id=template.author_id,
                    visit_type="nursing",
                    occurred_at=site.clock() - timedelta(minutes=n + 10),
                    reason="Headache",
                    disposition="returned_to_class",
                    duration_minutes=10,
                )
            )
    seen = []

    def cancel(done):
        seen.append(done)
        raise KeyboardInterrupt

    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        sync_service.export_batch(it, out, progress=cancel)
    assert seen == [1000] and list(out.iterdir()) == []


def test_record_ids_are_stable_and_not_the_row_ids(district, clinic, tmp_path):
    it, _clinician, _students, made = clinic
    first = _export(it, tmp_path / "out")
    text = decrypt(district, first.path)
    for view in made:
        assert str(view.id).encode() not in text and view.id.hex.encode() not in text
    assert b'"Patient/' in text


def test_record_ids_are_the_hmac_of_the_row_uuid(district, clinic, tmp_path):
    """The exporter hashes ids from their stored hex text (no ``uuid.UUID`` per row): the
    ids must stay exactly ``record_id(secret, kind, uuid)``, or the district would see
    every record of the next batch as new instead of as a correction of the older one."""
    it, _clinician, _students, made = clinic
    secret = sync_service._load_config(it).secret
    result = _export(it, tmp_path / "out")
    expected = {record_id(secret, "visits", view.id) for view in made}
    assert set(_encounters(district, result.path)) == expected


def test_export_needs_it_or_admin(clinician, nurse, provisioned, tmp_path):
    for session in (clinician, nurse):
        with pytest.raises(errors.PermissionDeniedError):
            sync_service.export_batch(session, tmp_path / "out")


def test_export_needs_provisioning(it_user, tmp_path):
    with pytest.raises(sync_service.NotProvisionedError):
        sync_service.export_batch(it_user, tmp_path / "out")


def test_batch_and_watermark_are_audited(provisioned, admin, tmp_path):
    result = _export(provisioned, tmp_path / "out")
    with admin.read() as db:
        row = db.execute(select(SyncBatch.sequence, SyncBatch.file_name, SyncBatch.checksum)).one()
    assert tuple(row) == (1, "LHS-000001.batch", result.checksum)
    from clinic_desktop.services import audit

    assert audit.verify_audit(admin).ok


def test_manifest_lists_every_file(site, district, clinic, tmp_path):
    it, *_ = clinic
    result = _export(it, tmp_path / "out")
    files = members(decrypt(district, result.path))
    manifest = json.loads(files["manifest.json"])
    listed = {e["url"] for s in ("output", "deleted", "aggregate") for e in manifest[s]}
    assert listed | {"manifest.json", "manifest.sig"} == set(files)
    assert manifest["site"] == "LHS" and manifest["sequence"] == 1
    assert manifest["schemaVersion"] == 2
    # safe-harbor (the default) dates the snapshot by its year alone (test_profiles checks
    # the limited-data-set instant)
    assert manifest["transactionTime"] == str(site.clock().astimezone(UTC).year)


def test_status_for_the_it_panel(site, clinic, tmp_path):
    it, clinician, (a, _b), _ = clinic
    before = sync_service.sync_status(it)
    assert before.provisioned and before.district == "Riverside Unified"
    assert before.last_sequence == 0 and before.pending_changes > 0
    _export(it, tmp_path / "out")
    after = sync_service.sync_status(it)
    assert (after.last_sequence, after.pending_changes) == (1, 0)
    visits.record_visit(clinician, a.id, visit(site.clock()))
    assert sync_service.sync_status(it).pending_changes == 1
    with pytest.raises(errors.PermissionDeniedError):
        sync_service.sync_status(clinician)


def test_administrators_may_export_too(admin, provisioned, tmp_path):
    assert _export(admin, tmp_path / "out").sequence == 1


def test_a_second_export_at_the_same_time_is_refused(site, provisioned, tmp_path):
    import fcntl

    with (site.data_dir / sync_service.LOCK_NAME).open("a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(errors.ConflictError, match="Another export"):
            _export(provisioned, tmp_path / "out")
    assert _export(provisioned, tmp_path / "out").sequence == 1


def test_missing_usb_stick_is_a_clear_error(provisioned, tmp_path):
    with pytest.raises(errors.ClinicError, match="mounted"):
        _export(provisioned, tmp_path / "not-mounted" / "batches")


def test_next_export_sweeps_what_a_killed_export_left(provisioned, tmp_path):
    """A killed export never cleans up its hidden temp file; the next export of the same
    site removes it, and leaves other sites' and other programs' files alone."""
    out = tmp_path / "out"
    first = _export(provisioned, out)
    site_code = first.path.name.split("-")[0]
    stale = out / f".{site_code}-000002.0badc0de.tmp"
    stale.write_bytes(b"age-encryption.org/v1 ...killed")
    others = [
        out / ".OTHERSITE-000002.0badc0de.tmp",  # another site's export may be running
        out / f".{site_code}-notes.tmp",  # not our naming pattern
        out / "readme.tmp",
    ]
    for path in others:
        path.write_bytes(b"keep")
    second = _export(provisioned, out)
    assert not stale.exists()
    assert all(path.read_bytes() == b"keep" for path in others)
    assert sorted(p.name for p in out.glob("*.batch")) == [first.path.name, second.path.name]


def test_changes_waiting_are_the_records_the_next_batch_holds(site, clinic, tmp_path):
    """Edited twice, deleted, and work outside the export all move ``change_seq``: the
    count shown must still be what the batch carries (its aggregate snapshot aside)."""
    it, clinician, (a, _b), made = clinic
    _export(it, tmp_path / "out")
    for disposition in ("sent_home", "returned_to_class"):
        visits.update_visit(
            clinician, made[0].id, visit(made[0].occurred_at, disposition=disposition)
        )
    visits.record_visit(clinician, a.id, visit(site.clock()))
    with clinician.write() as db:
        db.get(Visit, made[2].id).deleted_at = site.clock()
    waiting = sync_service.sync_status(it).pending_changes
    batch = _export(it, tmp_path / "out")
    changed = sum(n for kind, n in batch.counts.items() if kind != "AggregateCell")
    assert waiting == changed == 3


def test_an_open_visit_goes_in_progress_and_its_signing_goes_as_finished(
    site, district, clinic, tmp_path
):
    """Issue 16: a draft with no disposition travels as in progress with none made up;
    signing it sends the finished encounter; an addendum sends nothing new."""
    it, clinician, (a, _b), _made = clinic
    draft = visits.record_visit(clinician, a.id, visit(site.clock(), disposition=None))
    first = _encounters(district, _export(it, tmp_path / "out").path)
    # Every visit so far is a draft (none signed): all in progress; one has no disposition.
    assert {r["status"] for r in first.values()} == {"in-progress"}
    [open_] = [r for r in first.values() if "hospitalization" not in r]
    visits.update_visit(clinician, draft.id, visit(site.clock(), disposition="ems"), sign=True)
    signed = _encounters(district, _export(it, tmp_path / "out").path)
    [done] = signed.values()
    assert done["id"] == open_["id"] and done["status"] == "finished"
    assert done["hospitalization"]["dischargeDisposition"]["coding"][0]["code"] == "ems"
    visits.add_addendum(clinician, draft.id, "Correction", "Text that never travels.")
    third = _export(it, tmp_path / "out")
    assert "Encounter" not in third.counts
