"""Exporting onto a bad target (issue 18, finding 10): a full USB stick, a read-only one, one
that loses or flips bytes. An export is reported written only after the file reads back from
the target (size, checksum, and a decrypt-check against the site's own manifest); until then
nothing says "written", no batch or temporary file is left, and the sequence number is not
used up. Raw ``OSError`` and ``pyrage.EncryptError`` never reach the user."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest

from clinic_desktop import errors
from clinic_desktop.cli import sync as sync_cli
from clinic_desktop.services import students, visits
from clinic_desktop.services import sync as sync_service
from clinic_desktop.sync import batch
from clinic_desktop.sync.verify import read_batch
from tests.conftest import PASSWORDS
from tests.factories import student, visit


@pytest.fixture
def clinic(site, provisioned, clinician):
    for n in range(3):
        pupil = students.create_student(clinician, student(district_id=f"D{n}"))
        visits.record_visit(clinician, pupil.id, visit(site.clock()))
    return provisioned


class _Target:
    """A stand-in for the file on the USB stick: the real file, with one fault injected."""

    def __init__(self, handle, fault: str, at: int = 1) -> None:
        self._handle = handle
        self._fault = fault
        self._at = at
        self._writes = 0

    def write(self, data) -> int:
        self._writes += 1
        if self._fault == "enospc" and self._writes >= self._at:
            raise OSError(errno.ENOSPC, "No space left on device")
        if self._fault == "eio" and self._writes >= self._at:
            raise OSError(errno.EIO, "Input/output error")
        if self._fault == "short" and self._writes >= self._at:
            return 0  # a write that takes nothing: pyrage raises its own EncryptError
        if self._fault == "drops":
            return len(data)  # claims to have written, keeps nothing: a 0-byte file
        if self._fault == "flips" and self._writes == self._at:
            data = bytes(data)
            data = data[:-1] + bytes([data[-1] ^ 0x01])
        return self._handle.write(data)

    def flush(self) -> None:
        self._handle.flush()

    def fileno(self) -> int:
        return self._handle.fileno()

    def close(self) -> None:
        self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()


def _inject(monkeypatch, fault: str, at: int = 1) -> None:
    real = batch.open_target
    monkeypatch.setattr(batch, "open_target", lambda path: _Target(real(path), fault, at))


def _assert_nothing_used(session, usb: Path) -> None:
    assert sync_service.sync_status(session).last_sequence == 0
    assert sync_service.recent_batches(session) == []
    left = sorted(p.name for p in usb.iterdir()) if usb.exists() else []
    assert left == []  # neither a batch nor a hidden temporary file


def _export_again_gets_number_one(session, usb: Path, district) -> None:
    result = sync_service.export_batch(session, usb)
    assert result.sequence == 1
    found = read_batch(result.path, district.identity(), district.trust_store())
    assert found.sequence == 1 and found.counts["Encounter"] == 3


@pytest.mark.parametrize(
    ("fault", "at", "expected"),
    [
        ("enospc", 1, errors.ExportTargetFullError),
        ("enospc", 2, errors.ExportTargetFullError),
        ("eio", 2, errors.ExportTargetError),
        ("short", 2, errors.ExportTargetError),
        ("drops", 1, errors.ExportNotVerifiedError),
        ("flips", 2, errors.ExportNotVerifiedError),
    ],
)
def test_a_failing_target_never_uses_up_the_sequence(
    clinic, district, tmp_path, monkeypatch, fault, at, expected
):
    usb = tmp_path / "usb"
    _inject(monkeypatch, fault, at)
    with pytest.raises(expected) as caught:
        sync_service.export_batch(clinic, usb)
    assert type(caught.value) is expected  # the plain sentence of that case, nothing raw
    assert "nothing was recorded" in str(caught.value.message).lower()
    _assert_nothing_used(clinic, usb)
    monkeypatch.undo()
    _export_again_gets_number_one(clinic, usb, district)


def _fail_fsync_on(monkeypatch, folder: Path, code: int) -> None:
    """``os.fsync`` fails for files inside ``folder`` (the stick), as a full FAT stick does
    when the cached data cannot be placed."""
    real = os.fsync

    def fsync(fd: int) -> None:
        if str(Path(f"/proc/self/fd/{fd}").readlink()).startswith(str(folder)):
            raise OSError(code, os.strerror(code))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_full_target_found_at_fsync_is_a_plain_message(clinic, district, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    _fail_fsync_on(monkeypatch, usb, errno.ENOSPC)
    with pytest.raises(errors.ExportTargetFullError):
        sync_service.export_batch(clinic, usb)
    _assert_nothing_used(clinic, usb)
    monkeypatch.undo()
    _export_again_gets_number_one(clinic, usb, district)


def test_a_target_that_truncates_the_file_is_caught_on_read_back(
    clinic, district, tmp_path, monkeypatch
):
    """The stick accepted every write and the sync, then kept only half the file."""
    usb = tmp_path / "usb"
    real = os.fsync

    def fsync(fd: int) -> None:
        real(fd)
        size = os.fstat(fd).st_size
        if size and Path(f"/proc/self/fd/{fd}").readlink().parent == usb:
            os.ftruncate(fd, size // 2)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(errors.ExportNotVerifiedError):
        sync_service.export_batch(clinic, usb)
    _assert_nothing_used(clinic, usb)


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_a_read_only_target_is_a_plain_message(clinic, tmp_path, monkeypatch, code):
    usb = tmp_path / "usb"
    usb.mkdir()

    def refuse(path):
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(batch, "open_target", refuse)
    with pytest.raises(errors.ExportTargetError) as caught:
        sync_service.export_batch(clinic, usb)
    assert not isinstance(caught.value, errors.ExportTargetFullError)
    _assert_nothing_used(clinic, usb)


def test_a_rename_that_fails_leaves_nothing_and_keeps_the_number(
    clinic, district, tmp_path, monkeypatch
):
    usb = tmp_path / "usb"
    real = Path.replace

    def replace(self, target):
        if Path(target).parent == usb:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(errors.ExportTargetFullError):
        sync_service.export_batch(clinic, usb)
    _assert_nothing_used(clinic, usb)


def test_the_site_can_read_back_what_it_wrote_and_the_district_still_can(
    clinic, district, tmp_path
):
    """The read-back check decrypts the batch with a single-use identity that exists only
    during the export; the district's key opens the very same file."""
    result = sync_service.export_batch(clinic, tmp_path / "usb")
    assert result.path.stat().st_size > 0
    found = read_batch(result.path, district.identity(), district.trust_store())
    assert found.sequence == 1


def _cli_export(site, usb: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["export", "--out", str(usb), "--data-dir", str(site.data_dir), "--user", "it"]
    code = sync_cli.main([*argv, "--password-stdin"], io.StringIO(PASSWORDS["it"] + "\n"), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("fault", "at"), [("enospc", 2), ("short", 1), ("drops", 1)])
def test_cli_export_to_a_bad_target_says_so_plainly(site, clinic, tmp_path, monkeypatch, fault, at):
    usb = tmp_path / "usb"
    _inject(monkeypatch, fault, at)
    code, out, err = _cli_export(site, usb)
    assert code == 1
    assert "written:" not in out and "Batch 1 written" not in out
    assert err.startswith("error: ") and "Traceback" not in err
    assert "OSError" not in err and "EncryptError" not in err and "Errno" not in err
    _assert_nothing_used(clinic, usb)
