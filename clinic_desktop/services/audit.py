"""Checking the audit chain (``clinic-admin audit verify``) and the whole database
(``clinic-admin check``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.messages import Message, msg
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.unit import reading, unit_of_work
from clinic_desktop.store import audit
from clinic_desktop.store.audit import ChainReport
from clinic_desktop.store.backup import database_problems

log = logging.getLogger("clinic.store")


def verify_audit(session: ClinicSession) -> ChainReport:
    """Walk the whole chain; the report names the first broken row, if any."""
    with reading(session, Permission.VERIFY_AUDIT, ReadView.AUDIT_CHAIN) as read:
        report = audit.verify(read.db)
    with unit_of_work(session, Permission.VERIFY_AUDIT) as work:
        detail = {"checked": report.checked, "ok": report.ok}
        work.audit(AuditAction.AUDIT_VERIFIED, detail=detail)
    return report


@dataclass(frozen=True)
class SiteCheck:
    """What ``check_site`` found: plain sentences naming each failure (none: sound)."""

    problems: tuple[Message, ...]
    audit_events: int

    @property
    def ok(self) -> bool:
        return not self.problems


def check_site(session: ClinicSession) -> SiteCheck:
    """Read every page (SQLCipher HMACs, SQLite integrity) and walk the audit chain.

    A database that opens can still hold a damaged page that ``info`` and ``audit verify``
    never read; this is the check that does. The check is audited when the database can
    still take the row; when it cannot, that is one more problem reported.
    """
    with reading(session, Permission.VERIFY_AUDIT, ReadView.DATABASE_CHECK) as read:
        problems = database_problems(read.db)
        chain = _chain(read.db)
    if not chain.ok:
        problems.append(
            msg(
                "The audit log is broken at event {broken_at}: {reason}.",
                broken_at=chain.broken_at,
                reason=chain.reason,
            )
        )
    try:
        with unit_of_work(session, Permission.VERIFY_AUDIT) as work:
            detail = {"ok": not problems, "problems": len(problems), "events": chain.checked}
            work.audit(AuditAction.DATABASE_CHECKED, detail=detail)
    except errors.ClinicError as exc:
        log.warning("database check could not be audited")
        # On a damaged database the write fails for the damage already named above, and
        # the driver's reason (often "read-only") would mislead.
        problems.append(
            msg("The check could not be recorded in the damaged database's audit log.")
            if problems
            else msg("The check could not be recorded: {reason}", reason=exc.message)
        )
    return SiteCheck(tuple(problems), chain.checked)


def _chain(db: Session) -> ChainReport:
    """The chain's report; a page too damaged to read breaks it at an unknown event."""
    try:
        return audit.verify(db)
    except DBAPIError as exc:
        return ChainReport(0, 0, msg("its rows could not be read ({reason})", reason=str(exc.orig)))
