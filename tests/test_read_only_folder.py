"""A read-only data folder, key-file writes refused for a reason other than space, and roster
paths that are missing, folders or pipes (issue 18, finding 13): each is a plain message with
the CLI's exit status 1, and nothing is lost.

The tests run as root, which ``chmod 0500`` does not stop, so a refused write is simulated
where the program meets it: ``tempfile.mkstemp`` and ``os.open`` raise the very errors a
read-only folder (EACCES) or a read-only file system (EROFS) raises, for paths inside the
data folder only. SQLite's own read-only case is covered by tests/reliability/test_damage.py.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
from pathlib import Path

import pytest

from clinic_desktop import errors
from clinic_desktop.cli import admin as admin_cli
from clinic_desktop.domain.roles import Role
from clinic_desktop.services import users
from tests.conftest import PASSWORDS

CODES = pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS], ids=["EACCES", "EROFS"])


def _refuse_writes(monkeypatch, root: Path, code: int) -> None:
    """Every write-open of a file inside ``root`` fails with ``code``."""
    real_mkstemp, real_open = tempfile.mkstemp, os.open

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).is_relative_to(root):
            raise OSError(code, os.strerror(code), str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    def os_open(path, flags, *args, **kwargs):
        writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if writing and Path(os.fspath(path)).is_relative_to(root):
            raise OSError(code, os.strerror(code), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "open", os_open)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@CODES
def test_sign_in_on_a_read_only_folder_is_refused_plainly_and_changes_nothing(
    site, monkeypatch, code
):
    before = _files(site.data_dir)
    _refuse_writes(monkeypatch, site.data_dir, code)
    for password in (None, "not-the-password"):
        with pytest.raises(errors.FolderNotWritableError) as caught:
            site.sign_in("clinician", password)
        assert "cannot be written to" in str(caught.value.message)
    assert _files(site.data_dir) == before
    monkeypatch.undo()
    with site.sign_in("clinician"):  # writable again: everything is where it was
        pass


@CODES
def test_a_refused_key_file_write_keeps_the_old_key_file(site, admin, monkeypatch, code):
    """Adding a user writes the key file: refused, the key file is the old one, and the
    accounts that were there still open."""
    keyring = site.data_dir / "keyring.json"
    before = keyring.read_bytes()
    _refuse_writes(monkeypatch, site.data_dir, code)
    with pytest.raises(errors.FolderNotWritableError):
        users.add_user(admin, "newnurse", PASSWORDS["nurse"], Role.NURSE)
    monkeypatch.undo()
    assert keyring.read_bytes() == before
    with site.sign_in("clinician"):
        pass


def _admin_cli(site, *argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = [*map(str, argv), "--data-dir", str(site.data_dir), "--user", "admin"]
    stdin = io.StringIO(PASSWORDS["admin"] + "\n")
    code = admin_cli.main([*args, "--password-stdin"], stdin, out, err)
    return code, out.getvalue(), err.getvalue()


@CODES
@pytest.mark.parametrize("command", [("info",), ("backup",), ("audit", "verify")])
def test_cli_on_a_read_only_folder_exits_1_with_one_plain_line(
    site, monkeypatch, tmp_path, code, command
):
    before = _files(site.data_dir)
    _refuse_writes(monkeypatch, site.data_dir, code)
    status, _out, err = _admin_cli(site, *command)
    assert status == 1
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "Errno" not in err and "Traceback" not in err
    assert _files(site.data_dir) == before


def test_roster_import_of_a_missing_path_a_folder_or_a_pipe_is_a_plain_refusal(site, tmp_path):
    folder = tmp_path / "roster-folder"
    folder.mkdir()
    paths = {"missing": tmp_path / "nowhere.csv", "folder": folder}
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.csv")
        paths["pipe"] = tmp_path / "pipe.csv"
    for kind, path in paths.items():
        status, out, err = _admin_cli(site, "roster", "import", path)
        assert status == 1, kind
        assert err.startswith("error: ") and "Traceback" not in err and "Errno" not in err, kind
        assert out == "", kind


def test_demo_with_a_missing_roster_is_a_plain_refusal(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    argv = ["demo", "--data-dir", str(tmp_path / "demo"), "--roster", str(tmp_path / "no.csv")]
    status = admin_cli.main(argv, io.StringIO(""), out, err)
    assert status == 1 and err.getvalue().startswith("error: ")
    assert not (tmp_path / "demo").exists()


def test_a_log_folder_that_cannot_be_written_does_not_stop_the_program(tmp_path, monkeypatch):
    """The desktop configures its log file before sign-in: a read-only data folder must
    reach the sign-in window (which then says so), not crash at start."""
    import logging
    import logging.handlers

    from clinic_desktop import logs

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(logging.handlers, "RotatingFileHandler", refuse)
    logs.configure_logging(tmp_path / "logs")
    handlers = logging.getLogger("clinic").handlers
    assert handlers and all(type(h) is logging.StreamHandler for h in handlers)
