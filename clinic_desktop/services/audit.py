"""Checking the audit chain (``clinic-admin audit verify``, with ``--anchors`` against the
audit heads kept outside the database) and the whole database (``clinic-admin check``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.messages import Message, msg
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.sync import stored_signing_key
from clinic_desktop.services.unit import reading, unit_of_work
from clinic_desktop.store import audit
from clinic_desktop.store.audit import ChainReport
from clinic_desktop.store.backup import database_problems
from clinic_desktop.store.models import Setting
from clinic_desktop.sync import anchors, keys
from clinic_desktop.sync.anchors import AnchorCheck

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
class AnchoredReport:
    """The chain walked, then compared with the anchors found in a folder."""

    chain: ChainReport
    anchors: AnchorCheck
    #: Files in the folder that were not anchors (named, so a typo'd folder is noticed).
    unreadable: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.anchors.ok

    @property
    def problems(self) -> tuple[Message, ...]:
        found = list(self.anchors.problems)
        if not self.chain.ok:
            found.insert(
                0,
                msg(
                    "The audit log is broken at event {broken_at}: {reason}.",
                    broken_at=self.chain.broken_at,
                    reason=self.chain.reason,
                ),
            )
        if not self.anchors.checked and not self.anchors.problems:
            found.append(msg("No audit anchors were found in that folder."))
        return tuple(found)


def verify_audit_anchors(session: ClinicSession, folder: Path) -> AnchoredReport:
    """Walk the chain, then hold it to every anchor in ``folder`` (backups' ``*.anchor.json``
    and the district's anchors files): an edited and re-hashed chain, or one cut short,
    no longer has the event an anchor vouches for."""
    loaded = anchors.load_folder(folder)
    wanted = {a.count for a in loaded.anchors}
    with reading(session, Permission.VERIFY_AUDIT, ReadView.AUDIT_CHAIN) as read:
        chain = audit.verify(read.db)
        total = audit.head(read.db).count
        hashes = audit.hashes_at(read.db, wanted)
        site = read.db.scalar(select(Setting.value).where(Setting.key == "site_code")) or ""
        signing_key = stored_signing_key(read.db)
    public = keys.public_key_of(signing_key) if signing_key else None
    result = anchors.check(loaded.anchors, str(site), public, total, hashes)
    report = AnchoredReport(chain, result, loaded.unreadable)
    with unit_of_work(session, Permission.VERIFY_AUDIT) as work:
        detail = {
            "checked": chain.checked,
            "ok": report.ok,
            "anchors": result.checked,
            "anchor_problems": len(result.problems),
        }
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
