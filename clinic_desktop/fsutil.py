"""Durable file writes (temp file in the same folder, fsync, rename, fsync the folder) and
bounded reads of files that arrive from outside.

A reader (or a crash at any moment) sees either the old file or the new one, never a
mixture. Used for key files, PDFs, batches and backups.

A file handed in from outside (a batch, a key, a provisioning file) is read only if it is
a regular file: a FIFO would block the reader for ever and a device (``/dev/zero``, also
through a symbolic link) never ends. ``open_regular`` checks before opening and again on
the open descriptor, and opens without blocking, so a file swapped in between cannot hang
the reader either; ``read_regular`` also refuses more than a stated size.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, NoReturn

from clinic_desktop.errors import DiskFullError, FolderNotWritableError


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (no-op where directories cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


#: The errors of a folder that refuses writes whatever the space: read-only, or no permission.
NOT_WRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def raise_write_error(exc: OSError, folder: Path) -> NoReturn:
    """Raise the plain error for a failed write into ``folder``: ``DiskFullError``,
    ``FolderNotWritableError``, or ``exc`` itself when it is neither."""
    if exc.errno == errno.ENOSPC:
        raise DiskFullError from exc
    if exc.errno in NOT_WRITABLE:
        raise FolderNotWritableError.at(folder) from exc
    raise exc


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically and durably, created with ``mode``.

    A full disk is ``DiskFullError``, a read-only folder (or one this account may not write)
    ``FolderNotWritableError``; either way the old file is untouched."""
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise_write_error(exc, path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            tmp.chmod(mode)
        tmp.replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise_write_error(exc, path.parent)
        raise
    fsync_dir(path.parent)


class NotRegularFileError(OSError):
    """A FIFO, a device, a folder or a socket where a plain file was expected."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))


class FileTooLargeError(OSError):
    """A file larger than its kind can be (read no further than the limit)."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EFBIG, "file too large", str(path))


def open_regular(path: Path) -> tuple[BinaryIO, int]:
    """``path`` opened for reading, and its size, only if it is a regular file (a symbolic
    link to one is fine); else ``NotRegularFileError``. Never blocks on a FIFO."""
    path = Path(path)
    if not stat.S_ISREG(path.stat().st_mode):
        raise NotRegularFileError(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refused (``FileTooLargeError``) beyond
    ``limit`` bytes, whatever its size said when it was opened."""
    handle, size = open_regular(path)
    with handle:
        if size > limit:
            raise FileTooLargeError(Path(path))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLargeError(Path(path))
    return data
