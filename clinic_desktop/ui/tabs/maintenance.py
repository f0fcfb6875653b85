"""IT's upkeep tabs after Users: Sync (``SyncPanel``) and Backup (``BackupPanel``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.backup_panel import BackupPanel
from clinic_desktop.ui.sync_panel import SyncPanel


def maintenance_tabs(session: ClinicSession) -> list[tuple[QWidget, str]]:
    """The tabs IT gets after Users, with their titles: Sync, then Backup."""
    return [
        (SyncPanel(session), QCoreApplication.translate("MainWindow", "&Sync")),
        (BackupPanel(session), QCoreApplication.translate("MainWindow", "&Backup")),
    ]
