"""Thin UI operations on the site: setup, sign-in, the lock screen, upkeep and accounts.

Accounts live here with the rest of site administration: they are what IT and
administrators manage instead of charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from clinic_desktop.clock import Clock
from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.roles import Role
from clinic_desktop.services import settings, site, users
from clinic_desktop.services.context import ClinicSession, UserInfo
from clinic_desktop.ui.operations import Operation

_USERS = frozenset({Change.USERS})


@dataclass(frozen=True)
class SignedIn:
    """A new session and the facts the first window shows about the site."""

    session: ClinicSession
    site_name: str


@dataclass(frozen=True)
class NewSite:
    site_code: str
    site_name: str
    admin_username: str
    admin_display_name: str
    admin_password: str


def setup_site(*, parent: QWidget, data_dir: Path, new_site: NewSite, clock: Clock) -> Operation:
    """Create the site (result: ``SetupResult`` with the recovery key to show once)."""
    return Operation(
        parent,
        lambda: site.setup_site(
            data_dir,
            site_code=new_site.site_code,
            site_name=new_site.site_name,
            admin_username=new_site.admin_username,
            admin_display_name=new_site.admin_display_name,
            admin_password=new_site.admin_password,
            clock=clock,
        ),
    )


def sign_in(
    *, parent: QWidget, data_dir: Path, username: str, password: str, clock: Clock
) -> Operation:
    """Sign in (the key derivation takes a moment); result: ``SignedIn``."""

    def task() -> SignedIn:
        session = site.sign_in(data_dir, username, password, clock=clock)
        try:
            name = site.site_setting(session, "site_name", "")
        except BaseException:
            session.close()
            raise
        return SignedIn(session, str(name or ""))

    return Operation(parent, task)


def choose_own_password(*, parent: QWidget, session: ClinicSession, password: str) -> Operation:
    """Replace a password someone else reset with one of the user's own."""
    return Operation(parent, lambda: site.set_password(session, session.user.username, password))


def record_screen_lock(*, parent: QWidget, session: ClinicSession) -> Operation:
    """Write the "screen locked" audit row in the background."""
    return Operation(parent, lambda: site.record_screen_lock(session))


def confirm_identity(*, parent: QWidget, session: ClinicSession, password: str) -> Operation:
    """Check the signed-in user's password on the lock screen (same back-off as sign-in)."""
    return Operation(parent, lambda: site.confirm_identity(session, password))


def maintenance_status(*, parent: QWidget, session: ClinicSession) -> Operation:
    """Ages of the last backup and sync for the status bar; result: ``MaintenanceStatus``."""
    return Operation(parent, lambda: site.maintenance_status(session))


def get_settings(*, parent: QWidget, session: ClinicSession) -> Operation:
    """The site's settings (the idle lock's minutes); result: ``SiteSettings``."""
    return Operation(parent, lambda: settings.get_settings(session))


@dataclass(frozen=True)
class Account:
    """A staff account as the users panel lists it."""

    user: UserInfo
    locked: bool

    @property
    def status(self) -> str:
        """English, like the services' labels: the users panel translates it on display
        (``i18n.translate_message``), so the words are catalogued as messages."""
        if self.user.disabled:
            return QT_TRANSLATE_NOOP("messages", "Disabled")
        if self.locked:
            return QT_TRANSLATE_NOOP("messages", "Locked (too many failed sign-ins)")
        return QT_TRANSLATE_NOOP("messages", "Active")


@dataclass(frozen=True)
class NewAccount:
    username: str
    display_name: str
    role: Role
    password: str


def list_accounts(*, parent: QWidget, session: ClinicSession) -> Operation:
    """Every account with its lock status; result: ``list[Account]``."""

    def task() -> list[Account]:
        locked = users.locked_usernames(session)
        return [Account(u, u.username in locked) for u in users.list_users(session)]

    return Operation(parent, task)


def add_account(*, parent: QWidget, session: ClinicSession, account: NewAccount) -> Operation:
    """Create an account with its own key slot; result: ``UserInfo``."""
    return Operation(
        parent,
        lambda: users.add_user(
            session, account.username, account.password, account.role, account.display_name
        ),
        changes=_USERS,
    )


def disable_account(*, parent: QWidget, session: ClinicSession, username: str) -> Operation:
    """Refuse further sign-ins by ``username`` (its key slot is removed)."""
    return Operation(parent, lambda: users.disable_user(session, username), changes=_USERS)


def enable_account(
    *, parent: QWidget, session: ClinicSession, username: str, password: str
) -> Operation:
    """Re-enable a disabled account with a new password."""
    return Operation(parent, lambda: users.enable_user(session, username, password), changes=_USERS)


def unlock_account(*, parent: QWidget, session: ClinicSession, username: str) -> Operation:
    """Clear the lockout after too many failed sign-ins."""
    return Operation(parent, lambda: users.unlock_user(session, username), changes=_USERS)
