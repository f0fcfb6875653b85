"""Checking the audit chain (``clinic-admin audit verify``)."""

from __future__ import annotations

from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.unit import reading, unit_of_work
from clinic_desktop.store import audit
from clinic_desktop.store.audit import ChainReport


def verify_audit(session: ClinicSession) -> ChainReport:
    """Walk the whole chain; the report names the first broken row, if any."""
    with reading(session, Permission.VERIFY_AUDIT, ReadView.AUDIT_CHAIN) as read:
        report = audit.verify(read.db)
    with unit_of_work(session, Permission.VERIFY_AUDIT) as work:
        detail = {"checked": report.checked, "ok": report.ok}
        work.audit(AuditAction.AUDIT_VERIFIED, detail=detail)
    return report
