"""The unencrypted comparison copy: same schema, pragmas and pool, no key.

Made with ``sqlcipher_export`` into a plaintext attached database and opened through the
same SQLCipher build without ``PRAGMA key``, so the only difference is encryption.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import sqlcipher3
from sqlalchemy import select

from clinic_desktop.clock import utc_now
from clinic_desktop.domain.roles import Role
from clinic_desktop.paths import SitePaths
from clinic_desktop.services.context import ClinicSession, UserInfo
from clinic_desktop.store.engine import BUSY_TIMEOUT_MS, Store
from clinic_desktop.store.models import User


class PlainStore(Store):
    """The same Store (pool, sessions, cache size, pragmas) on an unencrypted file."""

    def _connect(self) -> sqlcipher3.Connection:
        conn = sqlcipher3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA cache_size = -{self._cache_kib}")
        return conn


def make_plain_copy(session: ClinicSession, target: Path) -> None:
    """Export the signed-in site's database into ``target`` unencrypted (fake data only)."""
    remove_db(target)
    conn = session.store.raw_connection()
    try:
        conn.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute("DETACH DATABASE plain")
    finally:
        conn.close()


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def plain_session(path: Path, username: str) -> ClinicSession:
    """A ClinicSession for ``username`` on the plain copy (no key slot, no sign-in audit)."""
    store = PlainStore(path, b"\0" * 32)
    with store.read() as db:
        user = db.scalar(select(User).where(User.username == username))
        info = UserInfo(user.id, user.username, user.display_name, Role(user.role))
    return ClinicSession(SitePaths(path.parent), store, info, utc_now)
