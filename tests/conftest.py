"""Shared fixtures: every test runs headless, in temp folders, with a cheap KDF and a
clock it controls. Nothing can touch a real home directory or a real site."""

from __future__ import annotations

import logging
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from clinic_desktop import logs
from clinic_desktop.domain.roles import Role
from clinic_desktop.services import site as site_service
from clinic_desktop.services import users
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.store import keyring
from clinic_desktop.store.crypto import KdfParams

#: The clinic's zone in every test: set as this computer's (``TZ``), as in production.
SCHOOL_TZ = ZoneInfo("America/Los_Angeles")
#: Argon2id at its cheapest: tests exercise the real code path without 0.4 s per slot.
TEST_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASSWORDS = {
    "admin": "admin-pass-1234",
    "clinician": "clinician-pass-1234",
    "nurse": "nurse-pass-1234",
    "it": "it-pass-123",
}


class FakeClock:
    """A settable clock that behaves like the real one: it returns aware UTC instants, so
    "the clinic's zone" comes from ``TZ`` as it does in production. ``now`` may be set in
    any zone (tests usually write the school's wall time); ``advance`` moves it without
    sleeping."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    @property
    def now(self) -> datetime:
        return self._now

    @now.setter
    def now(self, value: datetime) -> None:
        if value.tzinfo is None:
            raise ValueError("a clock time needs a zone")
        self._now = value.astimezone(UTC)

    def __call__(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self.now = self._now + timedelta(**delta)

    def local(self) -> datetime:
        """The clock's time as the school's wall time (to change its hour or day)."""
        return self._now.astimezone(SCHOOL_TZ)


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("CLINIC_DESKTOP_DATA_DIR", str(home / "site"))
    monkeypatch.setattr(keyring, "DEFAULT_KDF", TEST_KDF)
    yield
    _detach_log_handlers()


@pytest.fixture(autouse=True)
def _school_time_zone():
    """This computer's zone is the school's for every test, and is restored after it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", SCHOOL_TZ.key)
        time.tzset()
        yield
    time.tzset()


def _detach_log_handlers() -> None:
    """Entry points attach file handlers to ``clinic``; drop them between tests."""
    logger = logging.getLogger("clinic")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    logs._configured.clear()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 10, 14, 10, 30, tzinfo=SCHOOL_TZ))


@dataclass
class SiteFixture:
    data_dir: Path
    recovery_key: str
    clock: FakeClock

    def sign_in(self, username: str, password: str | None = None) -> ClinicSession:
        return site_service.sign_in(
            self.data_dir, username, password or PASSWORDS[username], clock=self.clock
        )


@pytest.fixture
def site(tmp_path: Path, clock: FakeClock) -> SiteFixture:
    """A set-up site with one user per role (passwords in ``PASSWORDS``)."""
    data_dir = tmp_path / "site"
    result = site_service.setup_site(
        data_dir,
        site_code="LHS",
        site_name="Lincoln High School Health Center",
        admin_username="admin",
        admin_password=PASSWORDS["admin"],
        clock=clock,
    )
    with site_service.sign_in(data_dir, "admin", PASSWORDS["admin"], clock=clock) as admin:
        for name, role in (("clinician", Role.CLINICIAN), ("nurse", Role.NURSE), ("it", Role.IT)):
            users.add_user(admin, name, PASSWORDS[name], role, display_name=name.title())
    return SiteFixture(data_dir, result.recovery_key, clock)


@pytest.fixture
def clinician(site: SiteFixture):
    with site.sign_in("clinician") as session:
        yield session


@pytest.fixture
def nurse(site: SiteFixture):
    with site.sign_in("nurse") as session:
        yield session


@pytest.fixture
def admin(site: SiteFixture):
    with site.sign_in("admin") as session:
        yield session


@pytest.fixture
def it_user(site: SiteFixture):
    with site.sign_in("it") as session:
        yield session
