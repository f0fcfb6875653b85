"""Encrypted copies of the live database, made with SQLite's online backup API.

The copy is encrypted with the same key (so the same key slots open it), written under a
temporary name, verified (keyed read + ``PRAGMA quick_check``), then renamed into place.
The live database stays usable while the copy is taken.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from clinic_desktop import errors
from clinic_desktop.fsutil import fsync_dir
from clinic_desktop.store.engine import Store, connect_raw

log = logging.getLogger("clinic.store")


def backup_to(store: Store, destination: Path) -> Path:
    """Write a verified encrypted copy of ``store`` to ``destination`` atomically."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = destination.with_name(f".{destination.name}.partial")
    _remove(temporary)
    source = store.raw_connection()
    try:
        target = connect_raw(temporary, store.db_key)
        try:
            source.backup(target, pages=1024)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    finally:
        source.close()
    verify_copy(temporary, store.db_key)
    temporary.chmod(0o600)
    temporary.replace(destination)
    fsync_dir(destination.parent)
    log.info("backup written (%d bytes)", destination.stat().st_size)
    return destination


def verify_copy(path: Path, db_key: bytes) -> None:
    """Raise ``DamagedDatabaseError`` unless ``path`` opens with the key and checks clean."""
    try:
        conn = connect_raw(path, db_key)
    except Exception as exc:
        raise errors.DamagedDatabaseError("The backup copy could not be verified.") from exc
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()
    finally:
        conn.close()
    if not result or result[0] != "ok":
        raise errors.DamagedDatabaseError("The backup copy failed its integrity check.")


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()
