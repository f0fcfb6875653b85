"""Atomic writes: all or nothing, and a full disk is a known error, not a crash."""

import errno
import os

import pytest

from clinic_desktop import errors, fsutil


def test_replaces_atomically_with_private_mode(tmp_path):
    target = tmp_path / "keyring.json"
    target.write_bytes(b"old")
    fsutil.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["keyring.json"]


def test_full_disk_is_a_known_error_and_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "keyring.json"
    target.write_bytes(b"old")

    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fsutil.os, "fsync", no_space)
    with pytest.raises(errors.DiskFullError):
        fsutil.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keyring.json"]
