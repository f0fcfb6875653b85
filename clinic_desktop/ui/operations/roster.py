"""Thin UI operations on the roster: the start-of-year import."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.csvfile import ImportReport
from clinic_desktop.errors import ClinicError
from clinic_desktop.fsutil import read_regular
from clinic_desktop.services import roster
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation, Report

UNREADABLE = QT_TRANSLATE_NOOP(
    "operations",
    "The file could not be read. Check that it is still there (a USB stick may have been "
    "removed) and that you may open it, then try again.",
)


def import_roster_file(
    *,
    parent: QWidget,
    session: ClinicSession,
    path: Path,
    add_schools: Collection[str] = (),
) -> Operation:
    """Read and import a roster CSV, reporting progress as rows are written; result:
    ``ImportReport``. ``add_schools``: codes staff agreed to add to the school list."""

    def task(report: Report) -> ImportReport:
        return roster.import_roster(session, _read(path), progress=report, add_schools=add_schools)

    return Operation(parent, task, reports_progress=True, changes=frozenset({Change.STUDENTS}))


#: A roster far larger than any district's (50,000 students is about 10 MB) is the wrong file.
MAX_ROSTER_BYTES = 512 * 1024 * 1024


def new_school_codes(session: ClinicSession, path: Path) -> list[str]:
    """The school codes the file names that the clinic's school list lacks (asked about
    before importing); [] when the file cannot be read: the import then says why."""
    try:
        return roster.new_school_codes(session, _read(path))
    except ClinicError:
        return []


def _read(path: Path) -> bytes:
    """The file's bytes; a missing, unreadable or far too large file, a folder or a pipe
    (never waited on) is a known error, not a bug."""
    try:
        return read_regular(Path(path), MAX_ROSTER_BYTES)
    except OSError as exc:
        raise ClinicError(QCoreApplication.translate("operations", UNREADABLE)) from exc
