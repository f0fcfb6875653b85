"""Staff accounts: add, list, disable, enable, unlock, change password.

Disabling an account deletes its key slot, so the password stops opening the database at
once (not merely the UI), and rotates the database key, so a copy of the key file made
earlier (the one beside every backup) cannot open the live database with the old password
either. Re-enabling means an administrator sets a new password.
"""

from __future__ import annotations

import logging

import sqlcipher3
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.domain.accounts import normalize_username, validate_account
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.passwords import normalize as normalize_password
from clinic_desktop.domain.roles import Permission, Role, account_permission
from clinic_desktop.messages import msg
from clinic_desktop.services.context import ClinicSession, UserInfo
from clinic_desktop.services.site import rotate_key, set_password, site_setting
from clinic_desktop.services.unit import reading, require, unit_of_work
from clinic_desktop.store.keyring import Keyring, attempt_unlock, locked_keyring
from clinic_desktop.store.models import User

log = logging.getLogger("clinic.store")


def add_user(
    session: ClinicSession,
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
) -> UserInfo:
    """Create an account with its own key slot (password rules: ``domain.passwords``)."""
    require(session, Permission.MANAGE_USERS)
    if str(role) in {r.value for r in Role}:  # an unknown role is refused with the others
        require(session, account_permission(role))
    site_name = str(site_setting(session, "site_name", ""))
    name, shown = validate_account(username, password, str(role), display_name, site_name=site_name)
    with unit_of_work(session, Permission.MANAGE_USERS) as work:
        db = work.db
        if db.scalar(select(User).where(User.username == name)) is not None:
            raise errors.ConflictError(msg("A user named {name} already exists.", name=repr(name)))
        user = User(username=name, display_name=shown, role=Role(role))
        db.add(user)
        db.flush()
        with locked_keyring(session.paths.keyring) as keyring:
            keyring.set_user_password(name, normalize_password(password), session.store.db_key)
        work.audit(AuditAction.USER_ADDED, "user", user.id, {"role": str(role)})
        return _info(user)


def list_users(session: ClinicSession) -> list[UserInfo]:
    with reading(session, Permission.MANAGE_USERS, ReadView.USERS) as read:
        return [_info(u) for u in read.db.scalars(select(User).order_by(User.username))]


def locked_usernames(session: ClinicSession) -> set[str]:
    """Accounts currently locked after failed sign-ins."""
    require(session, Permission.MANAGE_USERS)
    keyring = Keyring.load(session.paths.keyring)
    return {u.username for u in list_users(session) if keyring.is_locked(u.username)}


def disable_user(session: ClinicSession, username: str) -> None:
    """Refuse all further sign-ins by ``username``: their key slot is removed, then the
    database key is rotated (``KeyRotationError`` says so when it could not be)."""
    require(session, Permission.MANAGE_USERS)
    name = normalize_username(username)
    if name == session.user.username:
        raise errors.ConflictError("You cannot disable your own account.")
    with unit_of_work(session, Permission.MANAGE_USERS) as work:
        db = work.db
        user = _user(db, name)
        if user.role == Role.ADMIN and _active_admins(db) <= 1 and not user.disabled:
            raise errors.ConflictError("The last administrator cannot be disabled.")
        user.disabled = True
        with locked_keyring(session.paths.keyring) as keyring:
            keyring.remove_user(name)
        work.audit(AuditAction.USER_DISABLED, "user", user.id)
    _rotate_after_disable(session, name)


def _rotate_after_disable(session: ClinicSession, name: str) -> None:
    """The slot is gone; now retire the key that old copies of the key file unwrap."""
    try:
        rotate_key(session, Permission.MANAGE_USERS, reason="user_disabled")
    except (OSError, errors.ClinicError, sqlcipher3.Error) as exc:
        log.warning("key rotation after disabling an account failed")
        raise errors.KeyRotationError(
            msg(
                "{name} is disabled and their password no longer opens this clinic, but the "
                "database key could not be rotated ({reason}): a copy of the key file made "
                "before now (one beside a backup) still opens the database with their old "
                "password. Run clinic-admin rekey now.",
                name=name,
                reason=str(exc),
            )
        ) from exc


def enable_user(session: ClinicSession, username: str, new_password: str) -> None:
    """Re-enable a disabled account with a new password (a new key slot)."""
    set_password(session, username, new_password, _audit_action=AuditAction.USER_ENABLED)


def unlock_user(session: ClinicSession, username: str) -> None:
    """Clear the lockout after too many failed sign-ins."""
    name = normalize_username(username)
    with unit_of_work(session, Permission.MANAGE_USERS) as work:
        user = _user(work.db, name)
        with locked_keyring(session.paths.keyring) as keyring:
            keyring.reset_lockout(name)
        work.audit(AuditAction.USER_UNLOCKED, "user", user.id)


def change_own_password(session: ClinicSession, old_password: str, new_password: str) -> None:
    """The signed-in user changes their password, proving the old one first."""
    old = normalize_password(old_password)
    attempt_unlock(session.paths.keyring, session.user.username, old, session.now())
    set_password(session, session.user.username, new_password)


def _user(db: Session, name: str) -> User:
    user = db.scalar(select(User).where(User.username == name))
    if user is None:
        raise errors.NotFoundError("No such user.")
    return user


def _active_admins(db: Session) -> int:
    query = select(func.count()).where(User.role == Role.ADMIN, User.disabled.is_(False))
    return db.scalar(query) or 0


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, user.display_name, Role(user.role), user.disabled)
