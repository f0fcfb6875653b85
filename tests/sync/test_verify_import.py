"""The district side: tampered, mis-signed, renamed and replayed batches are refused with a
clear reason; import is idempotent; gaps hold later batches until filled or forced."""

import io
import json
import shutil
import tarfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pyrage
import pytest

from clinic_desktop.domain.roles import Role
from clinic_desktop.services import site as site_service
from clinic_desktop.services import students, users, visits
from clinic_desktop.services import sync as sync_service
from clinic_desktop.store import keyring
from clinic_desktop.sync import archive, keys, warehouse
from clinic_desktop.sync.verify import BatchRejectedError, read_batch
from tests.conftest import PASSWORDS, SCHOOL_TZ, TEST_KDF, FakeClock, SiteFixture
from tests.factories import student, visit
from tests.sync.conftest import provision
from tests.sync.helpers import District, decrypt, members


@dataclass
class _World:
    root: Path
    recovery_key: str
    start: datetime


@pytest.fixture(scope="module")
def _world(tmp_path_factory) -> _World:
    """Built once per module (a site, a district, three batches); each test gets a copy.

    Batch 1 has a visit; batch 2 corrects it and adds another; batch 3 corrects it again.
    """
    root = tmp_path_factory.mktemp("world")
    clock = FakeClock(datetime(2026, 10, 14, 10, 30, tzinfo=SCHOOL_TZ))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keyring, "DEFAULT_KDF", TEST_KDF)
        setup = site_service.setup_site(
            root / "site",
            site_code="LHS",
            site_name="Lincoln High",
            admin_username="admin",
            admin_password=PASSWORDS["admin"],
            clock=clock,
        )
        fixture = SiteFixture(root / "site", setup.recovery_key, clock)
        with fixture.sign_in("admin") as admin:
            users.add_user(admin, "clinician", PASSWORDS["clinician"], Role.CLINICIAN)
            users.add_user(admin, "it", PASSWORDS["it"], Role.IT)
        keys.generate_district_keys(root / "district", "Riverside Unified")
        (root / "trust").mkdir()
        district = District(root / "district", root / "trust")
        with fixture.sign_in("it") as it, fixture.sign_in("clinician") as clinician:
            provision(it, district)
            _three_batches(clock, it, clinician, root / "out")
    return _World(root, setup.recovery_key, clock.now)


def _three_batches(clock, it, clinician, out: Path) -> None:
    pupil = students.create_student(clinician, student())
    first = visits.record_visit(clinician, pupil.id, visit(clock()))
    sync_service.export_batch(it, out)
    visits.update_visit(clinician, first.id, visit(first.occurred_at, disposition="sent_home"))
    visits.record_visit(clinician, pupil.id, visit(clock() - timedelta(days=1)))
    sync_service.export_batch(it, out)
    visits.update_visit(clinician, first.id, visit(first.occurred_at, disposition="ems"))
    sync_service.export_batch(it, out)


@pytest.fixture
def site(_world, tmp_path) -> SiteFixture:
    for name in ("site", "district", "trust", "out"):
        shutil.copytree(_world.root / name, tmp_path / name)
    return SiteFixture(tmp_path / "site", _world.recovery_key, FakeClock(_world.start))


@pytest.fixture
def district(site, tmp_path) -> District:
    return District(tmp_path / "district", tmp_path / "trust")


@pytest.fixture
def batches(site, tmp_path) -> list[Path]:
    return sorted((tmp_path / "out").glob("*.batch"))


def _only(tmp_path, *paths, name="in"):
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    for path in paths:
        shutil.copy(path, folder / path.name)
    return folder


def _reject_reason(district, path) -> BatchRejectedError:
    with pytest.raises(BatchRejectedError) as caught:
        read_batch(path, district.identity(), district.trust_store())
    return caught.value


def _dump(conn):
    return (
        conn.execute("SELECT * FROM resources ORDER BY site, type, id").fetchall(),
        conn.execute("SELECT site, sequence, digest FROM batches ORDER BY 1, 2").fetchall(),
        conn.execute("SELECT * FROM aggregates ORDER BY 1, 2, 3, 4, 5").fetchall(),
    )


def test_a_good_batch_verifies(district, batches):
    found = read_batch(batches[0], district.identity(), district.trust_store())
    assert (found.site, found.sequence, found.watermark_from) == ("LHS", 1, 0)
    assert found.counts["Patient"] == 1 and found.counts["Encounter"] == 1


def test_one_flipped_byte_is_rejected(district, batches, tmp_path):
    data = bytearray(batches[0].read_bytes())
    for offset in (len(data) // 2, len(data) - 20):
        tampered = tmp_path / "t" / batches[0].name
        tampered.parent.mkdir(exist_ok=True)
        flipped = bytearray(data)
        flipped[offset] ^= 0x01
        tampered.write_bytes(bytes(flipped))
        error = _reject_reason(district, tampered)
        assert error.reason == "damaged" and "altered" in error.message


def test_truncated_batch_is_rejected(district, batches, tmp_path):
    cut = tmp_path / batches[0].name
    cut.write_bytes(batches[0].read_bytes()[:-100])
    assert _reject_reason(district, cut).reason == "damaged"


def test_wrong_signer_is_rejected(site, district, batches, tmp_path, it_user):
    (district.trust / "LHS.pub").rename(tmp_path / "old.pub")
    assert _reject_reason(district, batches[0]).reason == "untrusted_signer"
    # A new signing key at the site: the district still trusts only the old one.
    shutil.copy(tmp_path / "old.pub", district.trust / "LHS.pub")
    sync_service.provision(it_user, district.provisioning, new_signing_key=True)
    newer = sync_service.export_batch(it_user, tmp_path / "new").path
    error = _reject_reason(district, newer)
    assert error.reason == "bad_signature" and "LHS" in error.message


def test_another_sites_key_cannot_sign_for_this_site(site, district, batches, tmp_path):
    other = tmp_path / "other-site"
    site_service.setup_site(
        other,
        site_code="EVIL",
        site_name="Other",
        admin_username="admin",
        admin_password=PASSWORDS["admin"],
        clock=site.clock,
    )
    with site_service.sign_in(other, "admin", PASSWORDS["admin"], clock=site.clock) as admin:
        result = sync_service.provision(admin, district.provisioning)
    forged = json.loads(result.site_key_file)
    forged["site_code"] = "LHS"  # a .pub claiming to be LHS, with EVIL's key
    (district.trust / "LHS.pub").write_text(json.dumps(forged))
    assert _reject_reason(district, batches[0]).reason == "bad_signature"


def _reencrypt(district, path, change) -> bytes:
    """What someone holding only the district's *public* key could do: rewrite content."""
    files = members(decrypt(district, path))
    change(files)
    out = io.BytesIO()
    for name, data in files.items():
        out.write(archive.member(name, data, 0))
    out.write(archive.END_OF_ARCHIVE)
    recipient = pyrage.x25519.Recipient.from_str(district.identity().to_public().__str__())
    return pyrage.encrypt(out.getvalue(), [recipient])


def test_rewritten_record_fails_its_checksum(district, batches, tmp_path):
    def change(files):
        files["Encounter.000001.ndjson"] = files["Encounter.000001.ndjson"].replace(
            b"returned_to_class", b"ems"
        )

    forged = tmp_path / batches[0].name
    forged.write_bytes(_reencrypt(district, batches[0], change))
    error = _reject_reason(district, forged)
    assert error.reason == "checksum_mismatch" and "Encounter.000001.ndjson" in error.message


def test_rewritten_manifest_fails_the_signature(district, batches, tmp_path):
    def change(files):
        files["manifest.json"] = files["manifest.json"].replace(b'"sequence": 1', b'"sequence": 7')

    forged = tmp_path / "LHS-000007.batch"
    forged.write_bytes(_reencrypt(district, batches[0], change))
    assert _reject_reason(district, forged).reason == "bad_signature"


def test_added_file_is_rejected(district, batches, tmp_path):
    def change(files):
        extra = b'{"resourceType":"Encounter","id":"' + b"0" * 32 + b'"}\n'
        reordered = {"Encounter.000009.ndjson": extra, **files}
        files.clear()
        files.update(reordered)

    forged = tmp_path / batches[0].name
    forged.write_bytes(_reencrypt(district, batches[0], change))
    error = _reject_reason(district, forged)
    assert error.reason == "checksum_mismatch" and "differ from its manifest" in error.message


def test_file_after_the_manifest_is_rejected(district, batches, tmp_path):
    def change(files):
        files["Encounter.000009.ndjson"] = b"{}\n"

    forged = tmp_path / batches[0].name
    forged.write_bytes(_reencrypt(district, batches[0], change))
    assert _reject_reason(district, forged).reason == "not_a_batch"


def test_renamed_batch_is_rejected_as_a_replay(district, batches, tmp_path):
    replay = tmp_path / "LHS-000004.batch"
    shutil.copy(batches[0], replay)
    error = _reject_reason(district, replay)
    assert error.reason == "file_name_mismatch" and "replayed" in error.message


def test_batch_for_another_district_is_rejected(batches, tmp_path, district):
    other = tmp_path / "other-district"
    keys.generate_district_keys(other, "Elsewhere")
    with pytest.raises(BatchRejectedError) as caught:
        read_batch(batches[0], keys.load_identity(other / "district.key"), district.trust_store())
    assert caught.value.reason == "wrong_recipient"


def test_plain_file_is_not_a_batch(district, tmp_path):
    fake = tmp_path / "LHS-000001.batch"
    fake.write_text('{"resourceType": "Patient"}\n')
    assert _reject_reason(district, fake).reason == "not_a_batch"


def test_import_is_idempotent(site, district, batches, tmp_path):
    folder = _only(tmp_path, *batches)
    with warehouse.open_warehouse(tmp_path / "agg.sqlite") as conn:
        first = warehouse.import_batches(
            folder, conn, district.identity(), district.trust_store(), now=site.clock()
        )
        assert first.ok and first.count(warehouse.APPLIED) == 3
        before = _dump(conn)
        again = warehouse.import_batches(
            folder, conn, district.identity(), district.trust_store(), now=site.clock()
        )
        assert again.ok and again.count(warehouse.ALREADY) == 3
        assert _dump(conn) == before


def test_gap_holds_later_batches_until_the_missing_one_arrives(site, district, batches, tmp_path):
    folder = _only(tmp_path, batches[0], batches[2])
    identity, trust = district.identity(), district.trust_store()
    with warehouse.open_warehouse(tmp_path / "agg.sqlite") as conn:
        held = warehouse.import_batches(folder, conn, identity, trust, now=site.clock())
        assert not held.ok and held.gaps == {"LHS": [2]}
        assert [o.status for o in held.outcomes] == [warehouse.APPLIED, warehouse.HELD]
        assert "LHS-000002.batch" in held.outcomes[1].message
        _only(tmp_path, batches[1])
        filled = warehouse.import_batches(folder, conn, identity, trust, now=site.clock())
        assert filled.ok and filled.gaps == {}
        assert [o.status for o in filled.outcomes] == [
            warehouse.ALREADY,
            warehouse.APPLIED,
            warehouse.APPLIED,
        ]
        assert _dispositions(conn) == ["ems", "returned_to_class"]


def test_force_gap_then_late_batch_keeps_newer_versions(site, district, batches, tmp_path):
    folder = _only(tmp_path, batches[0], batches[2])
    identity, trust = district.identity(), district.trust_store()
    with warehouse.open_warehouse(tmp_path / "agg.sqlite") as conn:
        forced = warehouse.import_batches(
            folder, conn, identity, trust, now=site.clock(), force_gap=True
        )
        assert forced.count(warehouse.APPLIED) == 2 and "forced" in forced.outcomes[1].message
        assert _dispositions(conn) == ["ems"]
        late = warehouse.import_batches(
            _only(tmp_path, batches[1], name="late"), conn, identity, trust, now=site.clock()
        )
        assert late.ok and "gap" in late.outcomes[0].message
        # Batch 2's older version of the corrected visit did not overwrite batch 3's.
        assert _dispositions(conn) == ["ems", "returned_to_class"]


def test_older_content_under_a_used_sequence_is_refused(
    site, district, batches, tmp_path, it_user, clinician
):
    """Batch 3 exported, its record lost (a restored store), batch 3 exported again with
    more changes: the district takes the newer 3 and refuses the older one afterwards."""
    from sqlalchemy import delete

    from clinic_desktop.store.models import SyncBatch

    with it_user.write() as db:
        db.execute(delete(SyncBatch).where(SyncBatch.sequence == 3))
    [pupil] = students.search_students(clinician, "")
    visits.record_visit(clinician, pupil.id, visit(site.clock() - timedelta(days=5)))
    site.clock.advance(minutes=1)
    newer = sync_service.export_batch(it_user, tmp_path / "newer").path
    identity, trust = district.identity(), district.trust_store()
    with warehouse.open_warehouse(tmp_path / "agg.sqlite") as conn:
        folder = _only(tmp_path, batches[0], batches[1], newer)
        assert warehouse.import_batches(folder, conn, identity, trust, now=site.clock()).ok
        result = warehouse.import_batches(
            _only(tmp_path, batches[2], name="old"), conn, identity, trust, now=site.clock()
        )
    [outcome] = result.outcomes
    assert outcome.status == warehouse.REJECTED and "replayed or conflicting" in outcome.message


def test_first_batch_must_be_number_one_unless_forced(site, district, batches, tmp_path):
    folder = _only(tmp_path, batches[1])
    with warehouse.open_warehouse(tmp_path / "agg.sqlite") as conn:
        result = warehouse.import_batches(
            folder, conn, district.identity(), district.trust_store(), now=site.clock()
        )
    assert result.gaps == {"LHS": [1]} and result.outcomes[0].status == warehouse.HELD


def test_rejected_batch_is_reported_and_others_still_import(site, district, batches, tmp_path):
    folder = _only(tmp_path, batches[0])
    (folder / "LHS-000002.batch").write_bytes(b"age-encryption.org/v1\ngarbage")
    with warehouse.open_warehouse(tmp_path / "agg.sqlite") as conn:
        result = warehouse.import_batches(
            folder, conn, district.identity(), district.trust_store(), now=site.clock()
        )
    statuses = {o.file: o.status for o in result.outcomes}
    assert statuses == {"LHS-000001.batch": "applied", "LHS-000002.batch": "rejected"}


def test_key_file_readable_by_others_is_refused(district):
    district.key_path.chmod(0o644)
    with pytest.raises(keys.SyncKeyError, match="chmod 600"):
        district.identity()


def _dispositions(conn) -> list[str]:
    rows = conn.execute(
        "SELECT status FROM resources WHERE type='Encounter' AND deleted=0 ORDER BY status"
    )
    return [r[0] for r in rows]


def test_decrypted_batch_is_a_plain_tar_of_ndjson(district, batches):
    with tarfile.open(fileobj=io.BytesIO(decrypt(district, batches[0]))) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and all(
        n.endswith(".ndjson") for n in names if not n.startswith("manifest")
    )


def test_provision_twice_keeps_the_signing_key(site, district, it_user):
    first = provision(it_user, district)
    second = sync_service.provision(it_user, district.provisioning)
    assert first.key_id == second.key_id and not second.new_signing_key
