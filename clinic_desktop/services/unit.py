"""The one way in: a unit of work for changes, and ``reading`` for reads of the record.

Every service function goes through one of them (``tests/test_architecture.py`` checks):

- ``unit_of_work(session, access)`` checks the permission, opens the write transaction
  (``BEGIN IMMEDIATE``) and commits only if the work left an audit row. A unit that
  changed something without one is a bug: it is rolled back and ``UnauditedWriteError``
  raised, unless the unit was opened naming why it needs no row (``unaudited="..."``).
- ``reading(session, access, view, entity_id)`` checks the permission and runs the read in
  a read transaction, holding no write lock; when ``READ_POLICY`` calls the view a chart
  read, its one audit row is appended afterwards in its own short write.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.domain.audit import READ_POLICY, AuditAction, ReadView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.services.context import ClinicSession


class Anyone(Enum):
    """Access for what every signed-in user may do (lock the screen, change a password)."""

    SIGNED_IN = "signed in"


SIGNED_IN = Anyone.SIGNED_IN

#: A permission, any one of several (refused naming the first), or any signed-in user.
Access = Permission | tuple[Permission, ...] | Anyone


class UnauditedWriteError(RuntimeError):
    """A unit of work changed the record without an audit row, so it was rolled back (a
    bug, never the user's error: it carries no sentence to translate)."""


def require(session: ClinicSession, access: Access) -> None:
    """Refuse with ``PermissionDeniedError`` unless the user has ``access``; refuse all
    but what any signed-in user may do while a reset password awaits its replacement."""
    if isinstance(access, Anyone):
        return
    if session.password_reset is not None:
        raise errors.PasswordChangeRequiredError
    wanted = access if isinstance(access, tuple) else (access,)
    if not any(session.can(p) for p in wanted):
        session.require(wanted[0])


class Work:
    """An open unit of work: ``db`` for the changes, ``audit`` for the row they need."""

    def __init__(self, session: ClinicSession, db: Session) -> None:
        self.session = session
        self.db = db
        self.audited = 0

    def audit(
        self,
        action: AuditAction,
        entity: str = "",
        entity_id: object = "",
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Append one audit row in this unit's transaction (so both commit or neither)."""
        self.session.audit(self.db, AuditAction(action), entity, entity_id, detail)
        self.audited += 1

    def audit_each(
        self,
        action: AuditAction,
        entity: str,
        entity_ids: Iterable[object],
        detail: dict[str, Any] | None = None,
    ) -> None:
        """``audit`` for each of many rows (a bulk import), appended in one insert."""
        self.audited += self.session.audit_each(
            self.db, AuditAction(action), entity, entity_ids, detail
        )


@contextlib.contextmanager
def unit_of_work(session: ClinicSession, access: Access, *, unaudited: str = "") -> Iterator[Work]:
    """A write transaction that commits only with an audit row (or a named reason)."""
    require(session, access)
    with session.write() as db:
        before = _changes(db)
        work = Work(session, db)
        yield work
        db.flush()
        if not work.audited and not unaudited and _changes(db) != before:
            raise UnauditedWriteError


@dataclass
class Reading:
    """An open read: ``db`` to query; ``note`` adds counts to the audit row (never names)."""

    db: Session
    entity_id: object = ""
    detail: dict[str, Any] = field(default_factory=dict)

    def note(self, **detail: Any) -> None:
        self.detail.update(detail)


@contextlib.contextmanager
def reading(
    session: ClinicSession, access: Access, view: ReadView, entity_id: object = ""
) -> Iterator[Reading]:
    """A read transaction (no write lock); a chart read is audited once it has succeeded."""
    require(session, access)
    rule = READ_POLICY[view]
    with session.read() as db:
        read = Reading(db, entity_id)
        yield read
    if rule.action is not None:
        with unit_of_work(session, SIGNED_IN) as work:
            work.audit(rule.action, rule.entity, read.entity_id, read.detail)


def _changes(db: Session) -> int:
    """Rows changed so far on this connection (SQLite's own count, savepoints included)."""
    return int(db.connection().connection.dbapi_connection.total_changes)
