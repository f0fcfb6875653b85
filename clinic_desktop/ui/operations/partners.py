"""Thin UI operations on the partner directory: search, add, edit, (de)activate, import."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.csvfile import ImportReport
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.errors import ClinicError
from clinic_desktop.fsutil import read_regular
from clinic_desktop.services import partners
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.partners import PartnerQuery
from clinic_desktop.ui.operations import Operation, Report
from clinic_desktop.ui.operations.roster import MAX_ROSTER_BYTES, UNREADABLE

_PARTNERS = frozenset({Change.PARTNERS})


def search_partners(*, parent: QWidget, session: ClinicSession, query: PartnerQuery) -> Operation:
    """Partners matching every filter, by name; result: ``list[PartnerView]``."""
    return Operation(parent, lambda: partners.search_partners(session, query))


def save_partner(
    *,
    parent: QWidget,
    session: ClinicSession,
    partner_id: uuid.UUID | None,
    partner: PartnerInput,
) -> Operation:
    """Add a partner (``partner_id`` None) or replace one's details; ``PartnerView``."""
    if partner_id is None:
        return Operation(parent, lambda: partners.add_partner(session, partner), changes=_PARTNERS)
    return Operation(
        parent, lambda: partners.update_partner(session, partner_id, partner), changes=_PARTNERS
    )


def set_active(
    *, parent: QWidget, session: ClinicSession, partner_id: uuid.UUID, active: bool
) -> Operation:
    """Offer the partner for new referrals again, or stop offering it; ``PartnerView``."""
    change = partners.reactivate_partner if active else partners.deactivate_partner
    return Operation(parent, lambda: change(session, partner_id), changes=_PARTNERS)


def import_partner_file(*, parent: QWidget, session: ClinicSession, path: Path) -> Operation:
    """Read and import a partner CSV, reporting progress per row; ``ImportReport``."""

    def task(report: Report) -> ImportReport:
        return partners.import_partners(session, _read(path), progress=report)

    return Operation(parent, task, reports_progress=True, changes=_PARTNERS)


def _read(path: Path) -> bytes:
    """The file's bytes; a missing or unreadable file (a removed USB stick) is a known
    error with the same sentence as the roster import's."""
    try:
        return read_regular(Path(path), MAX_ROSTER_BYTES)  # never waits on a FIFO
    except OSError as exc:
        raise ClinicError(QCoreApplication.translate("operations", UNREADABLE)) from exc
