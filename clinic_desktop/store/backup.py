"""Encrypted copies of the live database, made with SQLite's online backup API.

The copy is encrypted with the same key (so the same key slots open it), written under a
temporary name, verified (keyed read + ``PRAGMA quick_check``), then renamed into place.
The live database stays usable while the copy is taken.

``backup_with_keyring`` also copies the key file beside the backup (a database copy alone
opens for nobody), and ``check_restorable`` is the gate a restore must pass before the live
files are touched.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.fsutil import fsync_dir
from clinic_desktop.messages import Message, msg
from clinic_desktop.store import audit
from clinic_desktop.store.audit import AuditHead
from clinic_desktop.store.crypto import key_id
from clinic_desktop.store.engine import (
    Store,
    check_file,
    connect_raw,
    database_salt,
    open_store,
)
from clinic_desktop.store.keyring import Keyring, UnlockedKeys
from clinic_desktop.store.models import User

log = logging.getLogger("clinic.store")

#: ``progress(pages_copied, pages_total)`` while a copy is made (called on the copying thread).
CopyProgress = Callable[[int, int], None]
#: Pages copied per step: small enough for a smooth progress bar, large enough to be quick.
PAGES_PER_STEP = 1024


def backup_to(store: Store, destination: Path, *, progress: CopyProgress | None = None) -> Path:
    """Write a verified encrypted copy of ``store`` to ``destination`` atomically."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = destination.with_name(f".{destination.name}.partial")
    _remove(temporary)
    source = store.raw_connection()
    try:
        target = connect_raw(temporary, store.db_key)
        try:
            source.backup(target, pages=PAGES_PER_STEP, progress=_pages(progress))
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


def _pages(progress: CopyProgress | None) -> Callable[[int, int, int], None] | None:
    """SQLite's ``(status, remaining, total)`` callback as ``progress(copied, total)``."""
    if progress is None:
        return None
    return lambda _status, remaining, total: progress(total - remaining, total)


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


# --- backups that restore on their own: database + key file -------------------------------

KEYRING_SUFFIX = ".keyring.json"


def keyring_beside(backup: Path) -> Path:
    """Where a backup's key file lives: ``LHS-20261123T101500Z.keyring.json``."""
    backup = Path(backup)
    return backup.with_name(backup.stem + KEYRING_SUFFIX)


def backup_with_keyring(
    store: Store, keyring_path: Path, destination: Path, *, progress: CopyProgress | None = None
) -> Path:
    """A verified copy of the database *and* of its key file, so it opens on its own.

    The copy gets its own SQLCipher salt, so the key file copy records that salt. The
    database is written under a name that does not end in ``.db`` and renamed last: a crash
    never leaves a ``*.db`` (which the status bar counts as a backup) without its key file.
    """
    destination = Path(destination)
    pending = destination.with_name(f".{destination.name}.pending")
    backup_to(store, pending, progress=progress)
    try:
        keys = Keyring.load(keyring_path)
        if key_id(store.db_key) != keys.key_id and not keys.rekey_pending:
            raise errors.WrongKeyError("The key file does not match the open database.")
        keys.path = keyring_beside(destination)
        keys.db_salt = database_salt(pending)
        keys.save()
        pending.replace(destination)
        fsync_dir(destination.parent)
    except BaseException:
        _remove(pending)
        raise
    return destination


def unlock_backup(
    backup: Path, *, username: str | None, password: str | None, recovery_key: str | None
) -> UnlockedKeys:
    """Open the key file beside ``backup`` with a password or the recovery key.

    The copy's lockout counters are not touched (nothing is saved): whoever holds the
    files can try offline anyway; the Argon2id cost is the protection.
    """
    keys = Keyring.load(keyring_beside(backup))
    if recovery_key is not None:
        return keys.unlock_recovery(recovery_key)
    if not username or password is None:
        raise errors.WrongPasswordError
    return keys.unlock_user(username, password, datetime.now(UTC))


def check_restorable(path: Path, keys: UnlockedKeys, keyring_path: Path) -> bytes:
    """Prove ``path`` opens with one of ``keys`` and is intact; return the key that works.

    Checks the salt and key fingerprint, ``PRAGMA integrity_check``, SQLCipher's page
    HMACs (``cipher_integrity_check``) and the audit chain. ``path`` must be a scratch copy:
    opening it switches it to WAL mode.
    """
    keyring = Keyring.load(keyring_path)
    candidates = [(keys.current, keyring.key_id)]
    if keys.pending is not None:
        candidates.append((keys.pending, key_id(keys.pending)))
    failure: errors.ClinicError = errors.WrongKeyError()
    for db_key, expected_id in candidates:
        try:
            check_file(path, db_key, expected_salt=keyring.db_salt, key_check=expected_id)
            _check_integrity(path, db_key)
        except (errors.WrongKeyError, errors.DamagedDatabaseError) as exc:
            failure = exc
            continue
        return db_key
    raise failure


def _check_integrity(path: Path, db_key: bytes) -> None:
    try:
        conn = connect_raw(path, db_key)
    except Exception as exc:
        raise errors.DamagedDatabaseError("The backup could not be opened.") from exc
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
        cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    finally:
        conn.close()
    if [tuple(r) for r in integrity] != [("ok",)] or cipher:
        raise errors.DamagedDatabaseError("The backup failed its integrity check.")
    store = Store(path, db_key)
    try:
        with store.read() as db:
            report = audit.verify(db)
    finally:
        store.close()
    if not report.ok:
        raise errors.DamagedDatabaseError(
            msg(
                "The backup's audit log is broken at event {broken_at}; not restored.",
                broken_at=report.broken_at,
            )
        )


# --- what a restore reads before it replaces anything -----------------------------------


def account_role(path: Path, db_key: bytes, username: str) -> str | None:
    """The role of an enabled ``username`` in the database at ``path`` (None: no such
    enabled account). A restore checks it in the backup, whose key slot was just opened."""
    store = Store(path, db_key)
    try:
        with store.read() as db:
            user = db.scalar(select(User).where(User.username == username))
            return None if user is None or user.disabled else user.role
    finally:
        store.close()


def audit_head(path: Path, db_key: bytes) -> AuditHead:
    """Count and last hash of the audit chain in the database at ``path``."""
    store = open_store(path, db_key)
    try:
        with store.read() as db:
            return audit.head(db)
    finally:
        store.close()


def database_problems(db: Session) -> list[Message]:
    """What SQLCipher's page HMACs and SQLite's integrity check say is wrong (empty: sound).

    ``open`` reads only the first pages, so a damaged page further in goes unnoticed until a
    query happens to touch it; ``clinic-admin check`` reads every page. Each check runs on
    its own, so one that cannot finish does not hide what the other found.
    """
    conn = db.connection()
    problems = []
    cipher = _pragma_rows(conn, "cipher_integrity_check")
    if isinstance(cipher, Message):
        problems.append(cipher)
    elif cipher:
        problems.append(
            msg("{count} database pages fail their encryption checksum (HMAC).", count=len(cipher))
        )
    integrity = _pragma_rows(conn, "integrity_check")
    if isinstance(integrity, Message):
        problems.append(integrity)
    elif integrity != ["ok"]:
        problems.append(msg("SQLite's integrity check failed: {first}", first=integrity[0]))
    return problems


def _pragma_rows(conn: Connection, pragma: str) -> list[str] | Message:
    """The pragma's rows as text, or the sentence saying it could not run to the end."""
    try:
        return [str(row[0]) for row in conn.exec_driver_sql(f"PRAGMA {pragma}")]
    except DBAPIError as exc:
        return msg(
            "The database check {check} could not read every page: {reason}",
            check=pragma,
            reason=str(exc.orig),
        )
