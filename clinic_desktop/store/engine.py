"""Opening the SQLCipher database through SQLAlchemy, in a fixed order.

For every pooled connection the ``creator`` runs: silence SQLCipher's stderr, ``PRAGMA key``
with the raw 32-byte key, *prove the key with a read* (SQLCipher only fails at the first
read), then foreign keys, WAL, ``synchronous=FULL``, in-memory temp storage (no plaintext
temp files) and a page cache sized for the working set. Connections are long-lived (a
``QueuePool``) because every page that falls out of the cache is decrypted again.

Errors from the driver become the typed, user-readable errors of ``clinic_desktop.errors``
so no caller has to know SQLite's error codes.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from clinic_desktop import errors
from clinic_desktop.clock import Clock, utc_now
from clinic_desktop.store import changes
from clinic_desktop.store.crypto import KEY_BYTES, key_id

log = logging.getLogger("clinic.store")

PAGE_SIZE = 4096
SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_CACHE_KIB = 65_536
BUSY_TIMEOUT_MS = 10_000


def translate(exc: BaseException, *, key_verified: bool = True) -> errors.ClinicError | None:
    """The known error a driver exception stands for, or None when it is a bug."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    name = getattr(original, "sqlite_errorname", "") or ""
    if name == "SQLITE_NOTADB":
        return errors.DamagedDatabaseError() if key_verified else errors.WrongKeyError()
    if name.startswith("SQLITE_CORRUPT"):
        return errors.DamagedDatabaseError()
    if name == "SQLITE_FULL":
        return errors.DiskFullError()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return errors.StoreLockedError()
    if name.startswith("SQLITE_READONLY"):
        return errors.StoreIOError("The clinic data folder is read-only; nothing can be saved.")
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        return errors.StoreIOError()
    return None


def raw_key_pragma(db_key: bytes) -> str:
    if len(db_key) != KEY_BYTES:
        raise ValueError("the database key must be 32 bytes")
    return f"PRAGMA key = \"x'{db_key.hex()}'\""


def connect_raw(path: Path, db_key: bytes) -> sqlcipher3.Connection:
    """One keyed, proven, configured DB-API connection (autocommit; SQLAlchemy BEGINs)."""
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(raw_key_pragma(db_key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA temp_store = MEMORY")
    except BaseException:
        conn.close()
        raise
    return conn


def check_file(
    path: Path, db_key: bytes, *, expected_salt: bytes | None, key_check: str | None
) -> None:
    """Tell apart "not a database", "wrong key" and "damaged" before SQLCipher guesses.

    SQLCipher says "file is not a database" for all three. The keyring records the
    database's salt (its first 16 bytes, not secret) and a key fingerprint, which lets us
    say which it is.
    """
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(16)
    if head == SQLITE_HEADER:
        raise errors.NotADatabaseError(
            "This is an unencrypted SQLite file, not an encrypted clinic database."
        )
    if size == 0 or (expected_salt is not None and head != expected_salt):
        raise errors.NotADatabaseError
    if key_check is not None and key_id(db_key) != key_check:
        raise errors.WrongKeyError
    if size % PAGE_SIZE:
        raise errors.DamagedDatabaseError


class Store:
    """An open, keyed database: a SQLAlchemy engine plus read and write sessions.

    The store owns its key, so the pool's ``creator`` always keys new connections with the
    current one (after ``replace_key`` too).
    """

    def __init__(
        self,
        path: Path,
        db_key: bytes,
        *,
        clock: Clock = utc_now,
        cache_kib: int = DEFAULT_CACHE_KIB,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self._db_key = db_key
        self._cache_kib = int(cache_kib)
        self.engine = create_engine(
            "sqlite://",
            module=sqlcipher3,
            creator=self._connect,
            poolclass=QueuePool,
            pool_size=4,
            max_overflow=4,
        )
        _install_begin(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        changes.install()

    @property
    def db_key(self) -> bytes:
        return self._db_key

    def _connect(self) -> sqlcipher3.Connection:
        conn = connect_raw(self.path, self._db_key)
        conn.execute(f"PRAGMA cache_size = -{self._cache_kib}")
        return conn

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session in a ``BEGIN IMMEDIATE`` transaction, committed durably on success.

        Taking the write lock up front means two writers never race on the audit chain.
        """
        with self._session(immediate=True) as session:
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries only (deferred transaction, rolled back at the end)."""
        with self._session(immediate=False) as session:
            yield session

    @contextlib.contextmanager
    def _session(self, *, immediate: bool) -> Iterator[Session]:
        session = self._sessions()
        session.info["clock"] = self.clock
        try:
            session.connection(execution_options={"clinic_immediate": immediate})
            yield session
            if immediate:
                session.commit()
            else:
                session.rollback()
        except DBAPIError as exc:
            session.rollback()
            known = translate(exc)
            if known is None:
                raise
            log.warning("database error: %s", type(known).__name__)
            raise known from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def raw_connection(self) -> sqlcipher3.Connection:
        """A fresh keyed DB-API connection outside the pool (backup, rekey)."""
        return connect_raw(self.path, self._db_key)

    def replace_key(self, new_key: bytes) -> None:
        """After a rekey: drop pooled connections keyed with the old key."""
        self.engine.dispose()
        self._db_key = new_key

    def close(self) -> None:
        self.engine.dispose()


def open_store(
    path: Path,
    db_key: bytes,
    *,
    create: bool = False,
    expected_salt: bytes | None = None,
    key_check: str | None = None,
    cache_kib: int = DEFAULT_CACHE_KIB,
    clock: Clock = utc_now,
) -> Store:
    """Open (or create) the database at ``path`` with ``db_key``; raise a known error."""
    path = Path(path)
    if not create:
        if not path.exists():
            raise errors.NoSiteError
        check_file(path, db_key, expected_salt=expected_salt, key_check=key_check)
    store = Store(path, db_key, clock=clock, cache_kib=cache_kib)
    try:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1").scalar()
    except DBAPIError as exc:
        store.close()
        known = translate(exc, key_verified=create or key_check is not None)
        if known is None:
            raise
        raise known from exc
    return store


def _install_begin(engine: Engine) -> None:
    """Emit BEGIN ourselves (the driver is in autocommit): IMMEDIATE for writers."""

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("clinic_immediate", True)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def database_salt(path: Path) -> bytes:
    """The first 16 bytes of an encrypted database: SQLCipher's per-file salt."""
    with Path(path).open("rb") as handle:
        return handle.read(16)
