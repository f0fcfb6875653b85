"""A site's life cycle: first-run setup, sign-in, recovery, key rotation, site facts.

Opening follows one order: key file -> slot (lockout enforced) -> database key ->
``PRAGMA key`` and a proving read -> pragmas -> migrations (after an automatic backup) ->
the user's row (disabled accounts refused) -> audit rows for the sign-in and for failures
recorded in the key file while the database was closed.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.clock import Clock, utc_now
from clinic_desktop.domain.accounts import normalize_username, validate_account, validate_site
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.lockout import LockoutPolicy
from clinic_desktop.domain.passwords import normalize as normalize_password
from clinic_desktop.domain.roles import Permission, Role, account_permission
from clinic_desktop.fsutil import fsync_dir
from clinic_desktop.paths import SitePaths
from clinic_desktop.services import backup as backup_service
from clinic_desktop.services.context import ClinicSession, UserInfo
from clinic_desktop.services.settings import load as load_settings
from clinic_desktop.services.unit import SIGNED_IN, reading, require, unit_of_work
from clinic_desktop.store import crypto, migrate
from clinic_desktop.store.audit import append as audit_append
from clinic_desktop.store.backup import backup_to
from clinic_desktop.store.engine import Store, database_salt, open_store
from clinic_desktop.store.instance_lock import acquire as acquire_instance_lock
from clinic_desktop.store.keyring import Keyring, UnlockedKeys, attempt_unlock, locked_keyring
from clinic_desktop.store.models import Setting, SyncBatch, User

log = logging.getLogger("clinic.store")


@dataclass(frozen=True)
class SetupResult:
    """What first-run setup hands back: the recovery key, to be shown exactly once."""

    recovery_key: str
    site_code: str


def site_exists(data_dir: Path) -> bool:
    return SitePaths(Path(data_dir)).exists()


def setup_site(
    data_dir: Path,
    *,
    site_code: str,
    site_name: str,
    admin_username: str,
    admin_password: str,
    admin_display_name: str = "",
    policy: LockoutPolicy | None = None,
    clock: Clock = utc_now,
) -> SetupResult:
    """Create the encrypted database, the key file, the first admin and a recovery key.

    The database is built under a temporary name and renamed into place only after the
    key file is durable, so a crash never leaves a database nobody can open.
    """
    paths = SitePaths(Path(data_dir))
    if paths.exists():
        raise errors.SiteExistsError
    code, name = validate_site(site_code, site_name)
    username, display = validate_account(
        admin_username,
        admin_password,
        Role.ADMIN,
        admin_display_name or "Administrator",
        site_name=name,
    )
    paths.create()
    db_key = secrets.token_bytes(crypto.KEY_BYTES)
    building = paths.database.with_name(paths.database.name + ".new")
    _remove_database_files(building)
    store = open_store(building, db_key, create=True, clock=clock)
    try:
        migrate.upgrade(store)
        with store.write() as session:
            session.add_all(
                [
                    Setting(key="site_code", value=code),
                    Setting(key="site_name", value=name),
                    Setting(key="created_at", value=clock().isoformat()),
                ]
            )
            admin = User(username=username, display_name=display, role=Role.ADMIN)
            session.add(admin)
            session.flush()
            audit_append(
                session,
                at=clock(),
                action=AuditAction.SITE_CREATED,
                user_id=admin.id,
                username=username,
                detail={"site_code": code},
            )
    finally:
        store.close()
    keyring = Keyring.create(paths.keyring, db_key, policy)
    keyring.db_salt = database_salt(building)
    keyring.set_user_password(username, normalize_password(admin_password), db_key)
    recovery_key = crypto.new_recovery_key()
    keyring.set_recovery_key(recovery_key, db_key)
    keyring.save()
    building.chmod(0o600)
    building.replace(paths.database)
    fsync_dir(paths.root)
    log.info("site created")
    return SetupResult(recovery_key=recovery_key, site_code=code)


def sign_in(
    data_dir: Path, username: str, password: str, *, clock: Clock = utc_now
) -> ClinicSession:
    """Open the site as ``username``; raise a known error on any refusal."""
    paths = _existing(data_dir)
    name = normalize_username(username)
    keys = attempt_unlock(paths.keyring, name, normalize_password(password), clock())
    return _open_session(paths, keys, name, clock)


def sign_in_with_recovery(
    data_dir: Path,
    recovery_key: str,
    username: str,
    new_password: str,
    *,
    clock: Clock = utc_now,
) -> ClinicSession:
    """Open the site with the recovery key and give ``username`` a new password.

    This is how a forgotten password, a locked-out last admin, or a lost slot is repaired.
    """
    paths = _existing(data_dir)
    name = normalize_username(username)
    keys = Keyring.load(paths.keyring).unlock_recovery(recovery_key)
    session = _open_session(paths, keys, name, clock, via_recovery=True)
    try:
        reset = AuditAction.PASSWORD_RESET_BY_RECOVERY
        set_password(session, name, new_password, _audit_action=reset, _reset_by=RECOVERY_KEY)
    except BaseException:
        session.close()
        raise
    return session


def record_screen_lock(session: ClinicSession) -> None:
    """Audit that the screen was locked (idle timeout or Ctrl+L); unlocking is audited too."""
    with unit_of_work(session, SIGNED_IN) as work:
        work.audit(AuditAction.SCREEN_LOCKED)


def confirm_identity(session: ClinicSession, password: str) -> None:
    """Check the signed-in user's password again (the idle lock screen).

    The same back-off and lockout apply as at sign-in; a wrong password raises
    ``WrongOwnPasswordError`` (a ``WrongPasswordError`` that names only the password). The
    database stays open, so unsaved input in the windows survives the lock.
    """
    try:
        attempt_unlock(
            session.paths.keyring,
            session.user.username,
            normalize_password(password),
            session.now(),
        )
    except errors.WrongPasswordError:
        raise errors.WrongOwnPasswordError from None
    with unit_of_work(session, SIGNED_IN) as work:
        work.audit(AuditAction.SCREEN_UNLOCKED)


#: Who a reset by the recovery key names (the key belongs to no account).
RECOVERY_KEY = "the recovery key"


def set_password(
    session: ClinicSession,
    username: str,
    new_password: str,
    *,
    _audit_action: AuditAction = AuditAction.PASSWORD_CHANGED,
    _reset_by: str | None = None,
) -> None:
    """Give ``username`` a new password (and unlock it): one's own, or a reset.

    A reset (another account's password) needs ``account_permission`` of that account's
    role: administrators reset any account, IT only IT accounts. A reset, and a password
    set with the recovery key, is marked in the slot: the owner is told at sign-in who
    reset it and when, and must choose a new password before anything else.

    Every way a password is set ends here or in ``setup_site`` / ``users.add_user``, which
    apply the same rules (``domain.passwords``) and the same NFC normalisation.
    """
    name = normalize_username(username)
    own = name == session.user.username
    access = SIGNED_IN if own else Permission.MANAGE_USERS
    reset_by = _reset_by if own else session.user.username
    with unit_of_work(session, access) as work:
        db = work.db
        user = db.scalar(select(User).where(User.username == name))
        if user is None:
            raise errors.NotFoundError("No such user.")
        if not own:
            require(session, account_permission(user.role))
        site_name = str(_settings(db).get("site_name", ""))
        validate_account(name, new_password, user.role, user.display_name, site_name=site_name)
        if own and session.password_reset is not None:
            _refuse_the_reset_password(session, name, new_password)
        with locked_keyring(session.paths.keyring) as keyring:
            keyring.set_user_password(name, normalize_password(new_password), session.store.db_key)
            keyring.reset_lockout(name)
            if reset_by is not None:
                keyring.mark_reset(name, reset_by, session.now())
        user.disabled = False
        detail = {"reset": True} if reset_by is not None else None
        work.audit(_audit_action, "user", user.id, detail)
    if own and reset_by is None:
        session.password_reset = None


def _refuse_the_reset_password(session: ClinicSession, name: str, new_password: str) -> None:
    """Replacing a reset password with itself would leave one that its resetter knows."""
    keyring = Keyring.load(session.paths.keyring)  # in memory: no counters are saved
    try:
        keyring.unlock_user(name, normalize_password(new_password), session.now())
    except errors.AuthError:
        return
    raise errors.ValidationError(
        [errors.FieldError("password", "is the one that was set for you; choose your own")]
    )


#: Who may rotate the key: IT and administrators, directly or by disabling an account.
_ROTATORS = (Permission.ROTATE_KEY, Permission.MANAGE_USERS)


def rekey(session: ClinicSession) -> None:
    """Rotate the database key and re-wrap every slot (no passwords needed)."""
    require(session, Permission.ROTATE_KEY)
    rotate_key(session, Permission.ROTATE_KEY)


def rotate_key(session: ClinicSession, access: Permission, reason: str = "") -> None:
    """Rotate the key under ``access`` (``rekey``; ``disable_user`` with MANAGE_USERS).

    Two-phase: the new key is sealed into every slot as *pending* and saved first; the
    database is then rekeyed; finally the pending key is promoted. A crash at any point
    leaves either the old or the new key able to open the database (see ``_open_store``).
    Copies of the key file (a backup's) still unwrap the *old* key, which no longer opens
    the live database.
    """
    if access not in _ROTATORS:
        raise ValueError(f"a key rotation needs one of {_ROTATORS}")
    require(session, access)
    new_key = secrets.token_bytes(crypto.KEY_BYTES)
    with locked_keyring(session.paths.keyring) as keyring:
        keyring.begin_rekey(new_key)
    store = session.store
    store.engine.dispose()
    conn = store.raw_connection()
    try:
        conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    finally:
        conn.close()
    store.replace_key(new_key)
    with locked_keyring(session.paths.keyring) as keyring:
        keyring.finish_rekey()
    with unit_of_work(session, access) as work:
        work.audit(AuditAction.DATABASE_REKEYED, detail={"reason": reason} if reason else None)
    log.info("database key rotated")


def site_setting(session: ClinicSession, key: str, default: object = None) -> object:
    with reading(session, SIGNED_IN, ReadView.SETTINGS) as read:
        return _settings(read.db).get(key, default)


def _settings(db: Session) -> dict[str, object]:
    return {row.key: row.value for row in db.scalars(select(Setting))}


@dataclass(frozen=True)
class SiteInfo:
    """Facts IT may see about a site: no personal data."""

    site_code: str
    site_name: str
    schema_version: str
    counts: dict[str, int]
    users: int
    data_dir: str


def site_info(session: ClinicSession) -> SiteInfo:
    from clinic_desktop.store import models

    counted = {
        "schools": models.School,
        "students": models.Student,
        "guardians": models.Guardian,
        "visits": models.Visit,
        "screenings": models.Screening,
        "referrals": models.Referral,
        "partners": models.Partner,
        "consents": models.Consent,
        "audit_events": models.AuditEvent,
    }
    with reading(session, Permission.VIEW_SITE_INFO, ReadView.SITE_INFO) as read:
        db = read.db
        counts = {
            label: db.scalar(select(func.count()).select_from(model)) or 0
            for label, model in counted.items()
        }
        users = db.scalar(select(func.count()).select_from(User)) or 0
        settings = _settings(db)
    return SiteInfo(
        site_code=str(settings.get("site_code", "")),
        site_name=str(settings.get("site_name", "")),
        schema_version=migrate.current_revision(session.store) or "",
        counts=counts,
        users=users,
        data_dir=str(session.paths.root),
    )


# --- internals -------------------------------------------------------------------------


def _existing(data_dir: Path) -> SitePaths:
    paths = SitePaths(Path(data_dir))
    if not paths.exists():
        raise errors.NoSiteError
    return paths


def _open_session(
    paths: SitePaths,
    keys: UnlockedKeys,
    username: str,
    clock: Clock,
    *,
    via_recovery: bool = False,
) -> ClinicSession:
    instance = acquire_instance_lock(paths.root)  # a second program gets StoreLockedError
    try:
        store = _open_store(paths, keys, clock)
    except BaseException:
        instance.release()
        raise
    try:
        migrate.upgrade(store, backup=lambda label: _pre_migration_backup(store, paths, label))
        user = _signed_in_user(store, paths, username, clock, via_recovery)
    except BaseException:
        store.close()
        instance.release()
        raise
    return ClinicSession(paths, store, user, clock, instance, password_reset=keys.reset)


def _open_store(paths: SitePaths, keys: UnlockedKeys, clock: Clock) -> Store:
    keyring = Keyring.load(paths.keyring)
    try:
        store = open_store(
            paths.database,
            keys.current,
            expected_salt=keyring.db_salt,
            key_check=keyring.key_id,
            clock=clock,
        )
    except errors.DamagedDatabaseError:
        if keys.pending is None:
            raise
        # A rotation reached the database but not the key file: finish it now.
        store = open_store(
            paths.database,
            keys.pending,
            expected_salt=keyring.db_salt,
            key_check=crypto.key_id(keys.pending),
            clock=clock,
        )
        with locked_keyring(paths.keyring) as current:
            current.finish_rekey()
        log.warning("finished an interrupted key rotation")
        return store
    if keys.pending is not None:
        with locked_keyring(paths.keyring) as current:
            current.abandon_rekey()
        log.warning("abandoned an interrupted key rotation")
    return store


def _signed_in_user(
    store: Store, paths: SitePaths, username: str, clock: Clock, via_recovery: bool
) -> UserInfo:
    with store.write() as db:
        user = db.scalar(select(User).where(User.username == username))
        if user is None:
            raise errors.WrongPasswordError
        if user.disabled and not via_recovery:
            raise errors.AccountDisabledError
        _flush_keyring_events(db, paths, clock)
        user.last_sign_in_at = clock()
        audit_append(
            db,
            at=clock(),
            action=AuditAction.SIGNIN_RECOVERY if via_recovery else AuditAction.SIGNIN,
            user_id=user.id,
            username=user.username,
        )
        return UserInfo(user.id, user.username, user.display_name, Role(user.role))


def _flush_keyring_events(db: Session, paths: SitePaths, clock: Clock) -> None:
    """Move failed sign-ins recorded in the key file into the audit log."""
    with locked_keyring(paths.keyring) as keyring:
        events = keyring.take_events()
        if not events:
            return
        by_label = {keyring.label(u.username): u for u in db.scalars(select(User))}
        for event in events:
            user = by_label.get(event.get("label") or "")
            audit_append(
                db,
                at=_parse_time(event.get("at", ""), clock),
                action=_keyring_action(str(event.get("event", AuditAction.SIGNIN_FAILED))),
                user_id=user.id if user else None,
                username=user.username if user else "",
                detail={"recorded": "while the database was closed"},
            )


def _keyring_action(name: str) -> str:
    """The key file's event as an action; a name this version does not know is kept as
    written rather than refusing the sign-in that moves it into the log."""
    return AuditAction(name) if name in AuditAction.__members__.values() else name


def _parse_time(text: str, clock: Clock) -> datetime:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return clock()
    return parsed if parsed.tzinfo else clock()


def _pre_migration_backup(store: Store, paths: SitePaths, label: str) -> Path:
    stamp = store.clock().strftime("%Y%m%dT%H%M%SZ")
    return backup_to(store, paths.backups / f"{label}-{stamp}.db")


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


@dataclass(frozen=True)
class MaintenanceStatus:
    """What the status bar shows about upkeep: last backup and last sync batch."""

    last_backup_at: datetime | None
    last_sync_at: datetime | None
    backup_overdue: bool


def maintenance_status(session: ClinicSession) -> MaintenanceStatus:
    """Ages of the newest backup and sync batch; any signed-in user may see them."""
    with reading(session, SIGNED_IN, ReadView.MAINTENANCE) as read:
        last_sync = read.db.scalar(select(func.max(SyncBatch.created_at)))
        reminder_days = load_settings(read.db).backup_reminder_days
    last_backup = backup_service.last_backup_at(session)  # wherever IT wrote it (USB too)
    overdue = backup_service.is_overdue(last_backup, session.now(), reminder_days)
    return MaintenanceStatus(last_backup, last_sync, overdue)
