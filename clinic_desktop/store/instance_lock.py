"""One program at a time per data folder: an OS lock on ``data_dir/.instance.lock``.

Two programs writing one SQLCipher file would mostly work (SQLite locks pages), but a
restore, a key rotation or a second window's idle lock assume nobody else has the file
open, and two copies of the app would show each other stale data. So signing in takes an
exclusive, non-blocking OS lock (``fcntl.flock``; ``msvcrt.locking`` on Windows) and
``ClinicSession.close`` releases it. The OS drops the lock when a process dies, even by
SIGKILL, so a crash never leaves the folder locked.

Inside one process several sessions may be open at once (tests and the lock screen do
this), so the lock is reference-counted per process: the first holder takes the OS lock,
the last one to release drops it. ``exclusive=True`` refuses even a second holder in the
same process (restore uses it: nothing may have the database open while it is replaced).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import IO

from clinic_desktop import errors
from clinic_desktop.fsutil import raise_write_error

LOCK_NAME = ".instance.lock"

ALREADY_OPEN = (
    "This clinic is already open in another window or program. "
    "Close it there (or sign out) and try again."
)

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

_registry: dict[str, tuple[IO[bytes], int]] = {}
_guard = threading.Lock()


class InstanceLock:
    """A held reference to a data folder's lock; ``release`` is idempotent."""

    def __init__(self, key: str) -> None:
        self._key = key
        self._held = True

    @property
    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        """Drop this reference; the OS lock goes with the last one in the process."""
        with _guard:
            if not self._held:
                return
            self._held = False
            handle, count = _registry[self._key]
            if count > 1:
                _registry[self._key] = (handle, count - 1)
                return
            del _registry[self._key]
            _unlock(handle)
            handle.close()

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire(data_dir: Path, *, exclusive: bool = False) -> InstanceLock:
    """Take (a reference to) the folder's lock, or raise ``StoreLockedError`` at once."""
    path = Path(data_dir) / LOCK_NAME
    key = os.path.realpath(path)
    with _guard:
        if key in _registry:
            if exclusive:
                raise errors.StoreLockedError(ALREADY_OPEN)
            handle, count = _registry[key]
            _registry[key] = (handle, count + 1)
            return InstanceLock(key)
        try:
            handle = path.open("a+b")
        except OSError as exc:  # a read-only data folder (or no permission): say so plainly
            raise_write_error(exc, path.parent)
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise errors.StoreLockedError(ALREADY_OPEN) from None
        _registry[key] = (handle, 1)
        return InstanceLock(key)


def _lock(handle: IO[bytes]) -> None:
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)


def _unlock(handle: IO[bytes]) -> None:
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    else:  # pragma: no cover - Windows
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
