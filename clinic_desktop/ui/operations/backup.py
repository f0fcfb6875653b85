"""Thin UI operations for backups (IT): the overview and "Back up now".

The backup reports progress in database pages copied (SQLite's online backup copies the
live database a step at a time while the clinic keeps working); verification of the
finished copy follows the last step, so the bar is full while the copy is checked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.changes import Change
from clinic_desktop.services import backup as backup_service
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation, Report


def overview(*, parent: QWidget, session: ClinicSession) -> Operation:
    """Result: ``BackupOverview``."""
    return Operation(parent, lambda: backup_service.backup_overview(session))


def back_up(*, parent: QWidget, session: ClinicSession, folder: Path) -> Operation:
    """Write a verified backup into ``folder``, with progress ``(pages, total)``;
    result: ``BackupInfo``."""

    def task(report: Report) -> backup_service.BackupInfo:
        return backup_service.backup_now(session, folder, progress=report)

    return Operation(parent, task, reports_progress=True, changes=frozenset({Change.BACKUP}))
