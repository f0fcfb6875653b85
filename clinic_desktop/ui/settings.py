"""Non-secret UI preferences kept beside a site's data (``SitePaths.settings``, INI format).

Window geometry, column widths, the site's display name (the database is encrypted, so
the sign-in screen would not know the clinic's name otherwise) and the interface language
(chosen before anyone signs in). Never patient data, never a password.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from clinic_desktop.paths import SitePaths

SITE_NAME = "site/name"
#: "system", "en" or "es" (see ``ui/i18n.py``).
LANGUAGE = "ui/language"


def ui_settings(paths: SitePaths) -> QSettings:
    return QSettings(str(paths.settings), QSettings.Format.IniFormat)


def remember(paths: SitePaths, key: str, value: str) -> None:
    if not paths.root.exists():
        return
    settings = ui_settings(paths)
    settings.setValue(key, value)
    save(settings, paths)


def save(settings: QSettings, paths: SitePaths) -> None:
    """Write now, readable by this user only (like everything in the data folder)."""
    settings.sync()
    if paths.settings.exists():
        paths.settings.chmod(0o600)


def recall(paths: SitePaths, key: str) -> str:
    if not paths.settings.exists():
        return ""
    value = ui_settings(paths).value(key, "")
    return value if isinstance(value, str) else ""
