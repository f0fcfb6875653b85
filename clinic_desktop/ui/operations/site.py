"""Thin UI operations on the site: first-run setup and sign-in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from clinic_desktop.clock import Clock
from clinic_desktop.services import site
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation


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
