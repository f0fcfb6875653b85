"""The one module that knows where files live.

Everything the app writes (database, key file, logs, backups) goes below one data folder:
the platform's user data dir, or ``--data-dir``, or ``$CLINIC_DESKTOP_DATA_DIR``. The demo
clinic gets its own folder so it can never mix with a real site's data. Folders are created
private (0700) because even encrypted files say something by their presence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "clinic-desktop"
ENV_DATA_DIR = "CLINIC_DESKTOP_DATA_DIR"

DATABASE_NAME = "clinic.db"
KEYRING_NAME = "keyring.json"


def default_data_dir() -> Path:
    """The real site's data folder: the environment override, else the platform default."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def demo_data_dir() -> Path:
    """The demo clinic's folder, beside (never inside) the real site's data folder."""
    return default_data_dir().with_name(f"{APP_NAME}-demo")


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable only by the current user."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        path.chmod(0o700)
    return path


@dataclass(frozen=True)
class SitePaths:
    """Where one site's files live inside its data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def keyring(self) -> Path:
        return self.root / KEYRING_NAME

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def settings(self) -> Path:
        """Non-secret UI preferences (window geometry), never patient data."""
        return self.root / "ui-settings.ini"

    def exists(self) -> bool:
        """True when a site has been set up here (a database file is present)."""
        return self.database.exists()

    def create(self) -> SitePaths:
        """Create the private folders this site needs."""
        for folder in (self.root, self.logs, self.backups):
            ensure_private_dir(folder)
        return self
