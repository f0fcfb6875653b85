"""Backups and restore: an encrypted, verified copy while the app is in use, and a restore
that never touches the live files until the copy has proved it opens and is intact.

A backup is three files: ``LHS-20261123T101500Z.db`` (SQLCipher, same key as the live
database), ``LHS-20261123T101500Z.keyring.json`` (the key slots), because the database
key is only reachable through a slot, and ``LHS-20261123T101500Z.anchor.json``: the audit
head at the backup, signed with the site's key once provisioned (``sync.anchors``), which
``clinic-admin audit verify --anchors`` checks the live chain against. The names carry
the site code and a UTC time, never personal data. They go to the site's ``backups``
folder unless told otherwise; the status bar's "last backup" reads that folder.

Every backup is recorded in the audit log with its file name and folder, so the status
bar's reminder and IT's Backup panel know the last one even when it went to a USB stick.

Taking a backup needs ``Permission.ROTATE_KEY`` (IT and administrators: the people who
handle the key file). Restore is not a session operation (the live database may be the
thing that is broken): it needs a password of an IT or administrator account in the
*backup* (``Permission.RESTORE_BACKUP``), or the recovery key, and the single-instance lock
taken exclusively. The restored log records the restore and the replaced file's audit head.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlcipher3
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from clinic_desktop import errors
from clinic_desktop.clock import Clock, utc_now
from clinic_desktop.domain.accounts import normalize_username
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.passwords import normalize as normalize_password
from clinic_desktop.domain.roles import Permission, Role
from clinic_desktop.domain.roles import require as require_role
from clinic_desktop.fsutil import atomic_write_bytes, fsync_dir
from clinic_desktop.messages import msg
from clinic_desktop.paths import SitePaths, ensure_private_dir
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.settings import load as load_settings
from clinic_desktop.services.sync import stored_signing_key
from clinic_desktop.services.unit import SIGNED_IN, reading, require, unit_of_work
from clinic_desktop.store import audit
from clinic_desktop.store import backup as store_backup
from clinic_desktop.store.engine import open_store, translate
from clinic_desktop.store.instance_lock import acquire
from clinic_desktop.store.keyring import Keyring
from clinic_desktop.store.models import AuditEvent, Setting
from clinic_desktop.sync import anchors

log = logging.getLogger("clinic.store")

STAMP = "%Y%m%dT%H%M%SZ"
#: The audit action of a finished backup (its detail: file, folder, bytes).
BACKUP_CREATED = AuditAction.BACKUP_CREATED


@dataclass(frozen=True)
class BackupInfo:
    """A finished backup: the database copy (its key file sits beside it)."""

    path: Path
    size: int
    created_at: datetime

    @property
    def keyring_path(self) -> Path:
        return store_backup.keyring_beside(self.path)

    @property
    def anchor_path(self) -> Path:
        """The backup's audit anchor (``sync.anchors``): the audit head it was taken at."""
        return anchor_beside(self.path)


def anchor_beside(backup: Path) -> Path:
    """``LHS-20261123T101500Z.anchor.json`` beside ``LHS-20261123T101500Z.db``."""
    backup = Path(backup)
    return backup.with_name(backup.stem + anchors.ANCHOR_SUFFIX)


@dataclass(frozen=True)
class RestoreInfo:
    """What a restore did: where the replaced live files were kept (None on a new folder)."""

    restored_from: Path
    replaced: Path | None


@dataclass(frozen=True)
class LastBackup:
    """The newest backup the app made: when, which file, in which folder."""

    at: datetime
    file_name: str
    #: Empty for backups recorded before the folder was part of the audit detail.
    folder: str


@dataclass(frozen=True)
class BackupOverview:
    """What IT's Backup panel shows (no personal data)."""

    last: LastBackup | None
    reminder_days: int
    overdue: bool
    #: Where ``clinic-admin backup`` writes without ``--out``, and the folder offered first.
    default_folder: Path


def backup_now(
    session: ClinicSession,
    out_dir: Path | None = None,
    *,
    progress: store_backup.CopyProgress | None = None,
) -> BackupInfo:
    """Write a verified encrypted backup (database + key file) and audit it.

    ``progress(pages_copied, pages_total)`` is called from this thread while the copy is
    made; verification follows the last call.
    """
    require(session, Permission.ROTATE_KEY)
    folder = Path(out_dir) if out_dir is not None else session.paths.backups
    if not folder.parent.is_dir():
        raise errors.ClinicError(
            msg("{parent} does not exist (is the USB stick mounted?).", parent=folder.parent)
        )
    created = session.now().astimezone(UTC)
    with reading(session, Permission.ROTATE_KEY, ReadView.BACKUP_STATUS) as read:
        site_code = (
            read.db.scalar(select(Setting.value).where(Setting.key == "site_code")) or "SITE"
        )
        head = audit.head(read.db)  # any head before the copy is a prefix of the copy's
        signing_key = stored_signing_key(read.db)
    target = _free_name(folder, f"{site_code}-{created:{STAMP}}")
    with _known_disk_errors():
        if not folder.is_dir():
            ensure_private_dir(folder)  # a folder we create is private; IT's own keeps its mode
        _check_writable(folder)
        path = store_backup.backup_with_keyring(
            session.store, session.paths.keyring, target, progress=progress
        )
        anchor = anchors.make_anchor(
            site_code, "backup", path.name, head.count, head.last_hash, signing_key
        )
        atomic_write_bytes(anchor_beside(path), _anchor_bytes(anchor), mode=0o600)
    info = BackupInfo(path, path.stat().st_size, created)
    detail = {
        "file": path.name,
        "folder": str(path.parent),
        "bytes": info.size,
        "audit_count": head.count,
        "audit_head": head.last_hash,
    }
    with unit_of_work(session, Permission.ROTATE_KEY) as work:
        work.audit(BACKUP_CREATED, detail=detail)
    log.info("backup %s written", path.name)
    return info


def last_backup(session: ClinicSession) -> LastBackup | None:
    """The newest backup recorded in the audit log, wherever it was written."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.action == BACKUP_CREATED)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    )
    with reading(session, SIGNED_IN, ReadView.BACKUP_STATUS) as read:
        event = read.db.scalar(query)
        if event is None:
            return None
        return LastBackup(
            event.at, str(event.detail.get("file", "")), str(event.detail.get("folder", ""))
        )


def last_backup_at(session: ClinicSession) -> datetime | None:
    """When the newest backup was made: the audit log's newest, or a newer ``*.db`` in the
    site's backups folder (copies made before a migration, or put there by hand)."""
    times = [p.stat().st_mtime for p in session.paths.backups.glob("*.db") if p.is_file()]
    in_folder = datetime.fromtimestamp(max(times), tz=UTC) if times else None
    recorded = last_backup(session)
    candidates = [t for t in (in_folder, recorded.at if recorded else None) if t is not None]
    return max(candidates, default=None)


def backup_overview(session: ClinicSession) -> BackupOverview:
    """The last backup, the reminder setting and the default folder, for IT."""
    with reading(session, Permission.ROTATE_KEY, ReadView.BACKUP_STATUS) as read:
        reminder_days = load_settings(read.db).backup_reminder_days
    newest = last_backup_at(session)
    return BackupOverview(
        last=last_backup(session),
        reminder_days=reminder_days,
        overdue=is_overdue(newest, session.now(), reminder_days),
        default_folder=session.paths.backups,
    )


def is_overdue(last: datetime | None, now: datetime, reminder_days: int) -> bool:
    """True when there is no backup, or the newest is older than the reminder allows."""
    return last is None or now - last > timedelta(days=reminder_days)


def restore_backup(
    backup: Path,
    data_dir: Path,
    *,
    username: str | None = None,
    password: str | None = None,
    recovery_key: str | None = None,
    clock: Clock = utc_now,
) -> RestoreInfo:
    """Replace the site in ``data_dir`` with ``backup``, after proving the backup is good.

    Order: unlock the backup's key file -> copy the backup to a scratch file in the data
    folder -> integrity, page HMACs, audit chain -> take the instance lock exclusively ->
    keep the live files as ``*.replaced-<time>`` -> atomic renames. A crash between the
    two final renames is repaired by running the restore again (the backup is untouched).
    """
    backup = Path(backup)
    if not backup.is_file():
        raise errors.ClinicError("That backup file does not exist.")
    name = normalize_username(username) if username else None
    secret = normalize_password(password) if password is not None else None
    keys = store_backup.unlock_backup(
        backup, username=name, password=secret, recovery_key=recovery_key
    )
    paths = SitePaths(Path(data_dir))
    ensure_private_dir(paths.root)
    with acquire(paths.root, exclusive=True), _known_disk_errors():
        scratch_db = paths.root / ".clinic.db.restoring"
        scratch_keys = paths.root / ".keyring.json.restoring"
        _remove_db(scratch_db)
        _copy_durably(backup, scratch_db)
        try:
            db_key = store_backup.check_restorable(
                scratch_db, keys, store_backup.keyring_beside(backup)
            )
            _require_restorer(scratch_db, db_key, name)
            atomic_write_bytes(scratch_keys, store_backup.keyring_beside(backup).read_bytes())
        except BaseException:
            _remove_db(scratch_db)
            raise
        head = _live_audit_head(paths, name, secret, recovery_key, clock)
        stamp = clock().astimezone(UTC).strftime(STAMP)
        replaced = _keep_live(paths, stamp)
        scratch_db.replace(paths.database)
        scratch_keys.replace(paths.keyring)
        fsync_dir(paths.root)
        _audit_restore(paths, db_key, clock, _restore_detail(backup, replaced, head), name)
    log.info("backup restored")
    return RestoreInfo(backup, replaced)


# --- internals -------------------------------------------------------------------------


def _anchor_bytes(anchor: anchors.Anchor) -> bytes:
    return (json.dumps(anchor.to_json(), indent=1, ensure_ascii=True) + "\n").encode("ascii")


def _check_writable(folder: Path) -> None:
    """Raise the OS's own refusal (no permission, read-only) before any copying starts:
    SQLite would report it only as "unable to open database file"."""
    probe = folder / f".clinic-backup-probe-{secrets.token_hex(6)}"
    os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    probe.unlink()


def _free_name(folder: Path, stem: str) -> Path:
    """``stem.db``, or ``stem-2.db`` ... when two backups land in the same second."""
    candidate, n = folder / f"{stem}.db", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}.db"
    return candidate


def _keep_live(paths: SitePaths, stamp: str) -> Path | None:
    """Keep the live database (with its WAL) and key file under ``*.replaced-<stamp>``.

    The WAL and shared-memory files move with the database: left behind, SQLite could
    replay the old database's pages into the restored one.
    """
    if not paths.database.exists():
        return None
    kept = paths.database.with_name(f"{paths.database.name}.replaced-{stamp}")
    for suffix in ("-wal", "-shm"):
        live = Path(f"{paths.database}{suffix}")
        if live.exists():
            live.replace(Path(f"{kept}{suffix}"))
    _link_or_copy(paths.database, kept)
    if paths.keyring.exists():
        _link_or_copy(
            paths.keyring, paths.keyring.with_name(f"{paths.keyring.name}.replaced-{stamp}")
        )
    fsync_dir(paths.root)
    return kept


def _link_or_copy(source: Path, target: Path) -> None:
    """Keep ``source`` under ``target`` without ever removing ``source`` first."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _copy_durably(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    target.chmod(0o600)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def _require_restorer(backup_db: Path, db_key: bytes, username: str | None) -> None:
    """Refuse unless the account that opened the backup may restore (IT, administrator).

    The role is read from the backup itself: its key slot is the one the password opened,
    and the live database may be the broken thing. The recovery key is the break-glass
    secret IT keeps printed, so it needs no account.
    """
    if username is None:
        return
    role = store_backup.account_role(backup_db, db_key, username)
    if role is None:
        raise errors.PermissionDeniedError(
            msg("That account is disabled or missing in the backup; it cannot restore.")
        )
    require_role(Role(role), Permission.RESTORE_BACKUP)


def _live_audit_head(
    paths: SitePaths,
    username: str | None,
    password: str | None,
    recovery_key: str | None,
    clock: Clock,
) -> store_backup.AuditHead | None:
    """The audit head of the database about to be replaced, when the same secret opens it.

    None when there is no live database, or it is damaged, or the secret no longer opens
    it (a password changed since the backup): the restore event then says the head is
    unknown, and the replaced file is kept for anyone who can open it. The live key file
    is only read (an in-memory attempt): its counters are not this restore's business.
    """
    if not paths.database.exists():
        return None
    try:
        keyring = Keyring.load(paths.keyring)
        if username is None:
            keys = keyring.unlock_recovery(recovery_key or "")
        else:
            keys = keyring.unlock_user(username, password or "", clock())
        return store_backup.audit_head(paths.database, keys.current)
    except (errors.ClinicError, sqlcipher3.Error, DBAPIError):
        return None


def _restore_detail(
    backup: Path, replaced: Path | None, head: store_backup.AuditHead | None
) -> dict[str, object]:
    """The restore event's detail: what came in, and what was replaced with its audit head
    (so the events after the backup are missing visibly, not silently)."""
    return {
        "file": backup.name,
        "replaced_file": replaced.name if replaced else None,
        "replaced_audit_count": head.count if head else None,
        "replaced_audit_head": head.last_hash if head else None,
    }


def _audit_restore(
    paths: SitePaths,
    db_key: bytes,
    clock: Clock,
    detail: dict[str, object],
    username: str | None,
) -> None:
    """Record the restore in the restored database's own audit chain."""
    store = open_store(paths.database, db_key, clock=clock)
    try:
        with store.write() as db:
            audit.append(
                db,
                at=clock(),
                action=AuditAction.BACKUP_RESTORED,
                username=username or "recovery key",
                detail=detail,
            )
    finally:
        store.close()


@contextlib.contextmanager
def _known_disk_errors() -> Iterator[None]:
    """Driver and OS errors during a copy become the calm, typed errors the UI shows."""
    try:
        yield
    except sqlcipher3.Error as exc:
        known = translate(exc)
        if known is None:
            raise
        raise known from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise errors.DiskFullError from exc
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise errors.StoreIOError(
                "The backup folder is read-only or you may not write to it; nothing was "
                "written. Choose another folder."
            ) from exc
        raise errors.StoreIOError from exc
