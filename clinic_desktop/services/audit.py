"""Checking the audit chain (``clinic-admin audit verify``)."""

from __future__ import annotations

from clinic_desktop.domain.roles import Permission
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.store import audit
from clinic_desktop.store.audit import ChainReport


def verify_audit(session: ClinicSession) -> ChainReport:
    """Walk the whole chain; the report names the first broken row, if any."""
    session.require(Permission.VERIFY_AUDIT)
    with session.read() as db:
        report = audit.verify(db)
    with session.write() as db:
        session.audit(
            db,
            "audit_verified",
            detail={"checked": report.checked, "ok": report.ok},
        )
    return report
