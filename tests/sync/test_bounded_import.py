"""Bounded, regular-file-only reading at the district (issue 18, finding 11).

Deeply nested JSON, a FIFO, a link to ``/dev/zero``, a file far larger than a batch and an
archive of 100,001 empty members are each refused with a plain reason, quickly and without
reading much; one bad file never stops an import run: the genuine batch beside it applies.
"""

from __future__ import annotations

import io
import os
import tarfile
import threading
from pathlib import Path

import pyrage
import pytest

from clinic_desktop.cli import sync as sync_cli
from clinic_desktop.services import students, visits
from clinic_desktop.services import sync as sync_service
from clinic_desktop.sync import archive, batch, keys, warehouse
from clinic_desktop.sync.verify import (
    MAX_BATCH_BYTES,
    MAX_JSON_DEPTH,
    BatchRejectedError,
    read_batch,
)
from tests.factories import student, visit
from tests.sync.helpers import decrypt, members

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")


@pytest.fixture
def genuine(site, provisioned, clinician, tmp_path) -> Path:
    """One real batch of the site, in a folder of its own."""
    pupil = students.create_student(clinician, student())
    visits.record_visit(clinician, pupil.id, visit(site.clock()))
    return sync_service.export_batch(provisioned, tmp_path / "usb").path


def _encrypt(district, plaintext: bytes) -> bytes:
    """What anyone holding the district's public key can make."""
    recipient = pyrage.x25519.Recipient.from_str(str(district.identity().to_public()))
    return pyrage.encrypt(plaintext, [recipient])


def _forged(district, files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    for name, data in files.items():
        out.write(archive.member(name, data, 0))
    out.write(archive.END_OF_ARCHIVE)
    return _encrypt(district, out.getvalue())


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _reason(district, path: Path) -> BatchRejectedError:
    with pytest.raises(BatchRejectedError) as caught:
        read_batch(path, district.identity(), district.trust_store())
    return caught.value


def _in_thread(call, seconds: float = 20):
    """Run ``call`` where a hang cannot hang the test run (a blocked open of a FIFO cannot
    be interrupted): the result, or a failure if it did not finish."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["result"] = call()
        except BaseException as exc:  # handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the reader hung"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 100_000])
def test_deeply_nested_record_is_a_bad_record(district, genuine, tmp_path, depth):
    files = members(decrypt(district, genuine))
    part = next(name for name in files if name.startswith("Encounter."))
    files[part] = _nested(depth) + b"\n"
    forged = tmp_path / genuine.name
    forged.write_bytes(_forged(district, files))
    error = _reason(district, forged)
    assert error.reason == "bad_record" and "not JSON" in error.message


def test_deeply_nested_manifest_is_a_bad_manifest(district, genuine, tmp_path):
    files = members(decrypt(district, genuine))
    files[batch.MANIFEST] = _nested(200_000)
    forged = tmp_path / genuine.name
    forged.write_bytes(_forged(district, files))
    assert _reason(district, forged).reason == "bad_manifest"


@needs_fifo
def test_a_fifo_is_refused_without_waiting(district, tmp_path):
    fifo = tmp_path / "LHS-000001.batch"
    os.mkfifo(fifo)
    with pytest.raises(BatchRejectedError) as caught:
        _in_thread(lambda: read_batch(fifo, district.identity(), district.trust_store()))
    assert caught.value.reason == "not_a_file"


@needs_dev_zero
def test_a_link_to_dev_zero_is_refused_without_reading(district, tmp_path):
    link = tmp_path / "LHS-000001.batch"
    link.symlink_to("/dev/zero")
    assert _reason(district, link).reason == "not_a_file"


def test_a_folder_named_like_a_batch_is_refused(district, tmp_path):
    folder = tmp_path / "LHS-000001.batch"
    folder.mkdir()
    assert _reason(district, folder).reason == "not_a_file"


def test_a_file_larger_than_any_batch_is_refused_unread(district, tmp_path):
    huge = tmp_path / "LHS-000001.batch"
    with huge.open("wb") as handle:
        handle.truncate(MAX_BATCH_BYTES + 1)  # sparse: no disk used
    assert _reason(district, huge).reason == "too_large"


def test_a_header_that_never_ends_is_refused_after_a_bounded_read(district, tmp_path):
    endless = tmp_path / "LHS-000001.batch"
    endless.write_bytes(b"age-encryption.org/v1\n-> X25519 " + b"A" * (4 * 1024 * 1024))
    assert _reason(district, endless).reason == "not_a_batch"


def _empty_members(count: int) -> bytes:
    """``count`` empty ustar members with distinct part names (headers made from one)."""
    template = bytearray(archive.member_header("Encounter.000000.ndjson", 0, 0))
    template[148:156] = b" " * 8
    base = sum(template) - sum(template[:23])
    out = bytearray()
    for n in range(count):
        name = b"Encounter.%06d.ndjson" % (n % 1_000_000)
        header = bytearray(template)
        header[:23] = name
        header[148:156] = b"%06o\0 " % (base + sum(name))
        out += header
    return bytes(out + archive.END_OF_ARCHIVE)


def test_100001_empty_members_are_refused_at_once(district, tmp_path):
    plain = _empty_members(100_001)
    with tarfile.open(fileobj=io.BytesIO(plain[:512] + archive.END_OF_ARCHIVE)) as tar:
        assert [m.name for m in tar.getmembers()] == ["Encounter.000000.ndjson"]  # well-formed
    path = tmp_path / "LHS-000001.batch"
    path.write_bytes(_encrypt(district, plain))
    error = _reason(district, path)
    assert error.reason == "not_a_batch" and "empty" in error.message


def test_the_archive_reader_stops_at_its_member_limit():
    class Count:
        def __init__(self) -> None:
            self.started = 0

        def start(self, name: str, size: int) -> None:
            self.started += 1

        def data(self, chunk: bytes) -> None:
            pass

        def end(self) -> None:
            pass

    handler = Count()
    reader = archive.UstarReader(handler)
    with pytest.raises(archive.ArchiveError, match="too many files"):
        reader.feed(_empty_members(archive.MAX_MEMBERS + 1))
    assert handler.started == archive.MAX_MEMBERS


def _hostile_folder(district, genuine: Path, tmp_path: Path) -> tuple[Path, set[str]]:
    """The genuine batch beside one file of every hostile kind the platform can make."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / genuine.name).write_bytes(genuine.read_bytes())
    files = members(decrypt(district, genuine))
    part = next(name for name in files if name.startswith("Encounter."))
    nested = {**files, part: _nested(100_000) + b"\n"}
    (folder / "LHS-000007.batch").write_bytes(_forged(district, nested))
    (folder / "LHS-000008.batch").write_bytes(_encrypt(district, _empty_members(100_001)))
    bad = {"LHS-000007.batch", "LHS-000008.batch"}
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "LHS-000009.batch")
        bad.add("LHS-000009.batch")
    if Path("/dev/zero").exists():
        (folder / "LHS-000010.batch").symlink_to("/dev/zero")
        bad.add("LHS-000010.batch")
    return folder, bad


def test_one_bad_file_is_skipped_and_the_genuine_batch_applies(site, district, genuine, tmp_path):
    folder, bad = _hostile_folder(district, genuine, tmp_path)

    def run() -> tuple[warehouse.ImportReport, list]:
        with warehouse.open_warehouse(tmp_path / "agg.sqlite") as conn:
            report = warehouse.import_batches(
                folder, conn, district.identity(), district.trust_store(), now=site.clock()
            )
            return report, conn.execute("SELECT site, sequence FROM batches").fetchall()

    result, applied = _in_thread(run)
    status = {o.file: o.status for o in result.outcomes}
    assert status.pop(genuine.name) == warehouse.APPLIED
    assert status == dict.fromkeys(bad, warehouse.REJECTED)
    assert applied == [("LHS", 1)] and not result.ok


def _cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = sync_cli.main([str(a) for a in argv], io.StringIO(""), out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_import_reports_each_bad_file_and_applies_the_good_one(district, genuine, tmp_path):
    folder, bad = _hostile_folder(district, genuine, tmp_path)
    code, out, err = _in_thread(
        lambda: _cli(
            "import",
            folder,
            "--db",
            tmp_path / "agg.sqlite",
            "--key",
            district.key_path,
            "--trust",
            district.trust,
        )
    )
    assert code == 1 and "Traceback" not in err and err == ""
    assert f"{genuine.name}: applied" in out
    assert f"1 applied, 0 already imported, 0 held, {len(bad)} rejected." in out


@needs_fifo
def test_cli_verify_of_a_fifo_and_a_fifo_key_are_plain_refusals(district, tmp_path):
    fifo = tmp_path / "LHS-000001.batch"
    os.mkfifo(fifo)
    code, _out, err = _in_thread(
        lambda: _cli("verify", fifo, "--key", district.key_path, "--trust", district.trust)
    )
    assert code == 1 and "not a regular file" in err
    key = tmp_path / "fifo.key"
    os.mkfifo(key, 0o600)
    code, _out, err = _in_thread(
        lambda: _cli("verify", fifo, "--key", key, "--trust", district.trust)
    )
    assert code == 1 and err.startswith("error: Cannot read the district key")


@needs_fifo
def test_a_fifo_in_the_trust_folder_is_a_plain_refusal(district, tmp_path):
    os.mkfifo(district.trust / "EVIL.pub")
    with pytest.raises(keys.SyncKeyError):
        _in_thread(lambda: keys.TrustStore.load(district.trust))
