"""Thin UI operations for sync (IT): status, provisioning, the site key and the export.

The export reports progress: the service counts records as it writes them, and the
total is the number of changes waiting (an estimate: a record changed twice is one
record), so the last step reports the real count as the total and the bar always ends
full.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clinic_desktop import errors
from clinic_desktop.domain.changes import Change
from clinic_desktop.fsutil import FileTooLargeError, atomic_write_bytes, read_regular
from clinic_desktop.services import site as site_service
from clinic_desktop.services import sync as sync_service
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation, Report

_SYNC = frozenset({Change.SYNC})


#: A provisioning file is a few hundred bytes; anything far larger is the wrong file.
MAX_PROVISIONING_BYTES = 64 * 1024
#: The site key is public: the district copies it into its trust folder.
SITE_KEY_MODE = 0o644


@dataclass(frozen=True)
class SyncOverview:
    """What the IT panel shows: the status and the newest batches (no personal data)."""

    status: sync_service.SyncStatus
    batches: list[sync_service.BatchRecord]
    #: The site's code, which names its key file for the district ("LHS.pub").
    site_code: str
    #: The district's export profile and its acceptance (None before provisioning).
    terms: sync_service.ProfileTerms | None = None


def overview(*, parent: QWidget, session: ClinicSession) -> Operation:
    """Result: ``SyncOverview``."""

    def task() -> SyncOverview:
        status = sync_service.sync_status(session)
        code = str(site_service.site_setting(session, "site_code", "") or "")
        terms = sync_service.export_profile(session) if status.provisioned else None
        return SyncOverview(status, sync_service.recent_batches(session), code, terms)

    return Operation(parent, task)


def provision(*, parent: QWidget, session: ClinicSession, path: Path) -> Operation:
    """Install the district's provisioning file; result: ``ProvisionResult``."""
    return Operation(parent, lambda: sync_service.provision(session, _read(path)), changes=_SYNC)


def accept_profile(*, parent: QWidget, session: ClinicSession) -> Operation:
    """Accept the district's export profile and agreement (administrators); result:
    ``ProfileTerms``."""
    return Operation(parent, lambda: sync_service.accept_export_profile(session))


def save_site_key(*, parent: QWidget, session: ClinicSession, path: Path) -> Operation:
    """Write the site's public key file for the district; result: the path."""

    def task() -> Path:
        _write(path, sync_service.site_key_file(session))
        return path

    return Operation(parent, task)


def export_batch(
    *, parent: QWidget, session: ClinicSession, folder: Path, expected: int
) -> Operation:
    """Write the next batch into ``folder`` with progress ``(records, expected)``;
    result: ``ExportResult``."""

    def task(report: Report) -> sync_service.ExportResult:
        result = sync_service.export_batch(
            session, folder, progress=lambda done: report(done, max(expected, done))
        )
        written = sum(result.counts.values())
        report(written, written)
        return result

    return Operation(parent, task, reports_progress=True, changes=_SYNC)


def _read(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_PROVISIONING_BYTES)  # never waits on a FIFO
    except FileTooLargeError as exc:
        message = QCoreApplication.translate(
            "operations", "{file} is too large to be a provisioning file."
        )
        raise errors.ClinicError(message.format(file=path.name)) from exc
    except OSError as exc:
        message = QCoreApplication.translate("operations", "Could not read {file}: {reason}.")
        raise errors.ClinicError(
            message.format(file=path.name, reason=exc.strerror or exc)
        ) from exc


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data, mode=SITE_KEY_MODE)
    except OSError as exc:
        message = QCoreApplication.translate("operations", "Could not save {file}: {reason}.")
        raise errors.ClinicError(
            message.format(file=path.name, reason=exc.strerror or exc)
        ) from exc
