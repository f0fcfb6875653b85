"""The signed-in session every service function takes first."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy.orm import Session

from clinic_desktop.clock import Clock, local_date, local_day_bounds, local_time, local_zone
from clinic_desktop.domain.roles import Permission, Role, can, require
from clinic_desktop.paths import SitePaths
from clinic_desktop.store import audit
from clinic_desktop.store.engine import Store
from clinic_desktop.store.instance_lock import InstanceLock
from clinic_desktop.store.keyring import ResetNotice


@dataclass(frozen=True)
class UserInfo:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    disabled: bool = False


class ClinicSession:
    """A staff member signed in to one site's open store.

    Holds the database key in memory (needed to add users and rotate keys) and the clock
    (injected by tests). ``close`` releases the database and the single-instance lock.
    """

    def __init__(
        self,
        paths: SitePaths,
        store: Store,
        user: UserInfo,
        clock: Clock,
        instance_lock: InstanceLock | None = None,
        password_reset: ResetNotice | None = None,
    ) -> None:
        self.paths = paths
        self.store = store
        self.user = user
        self.clock = clock
        self._instance_lock = instance_lock
        #: Someone else set this user's password: until the user chooses a new one, only
        #: what every signed-in user may do is allowed (``services.unit.require``).
        self.password_reset = password_reset

    def now(self) -> datetime:
        """The current instant (aware; UTC with the real clock): for stamps, not dates."""
        return self.clock()

    def today(self) -> date:
        """The clinic's calendar date: the only source of "today" for services and UI, so
        ages, consent validity and due dates agree all evening (``now().date()`` is UTC's)."""
        return local_date(self.clock())

    def local_now(self) -> datetime:
        """The current instant as the clinic's wall-clock time (school hours, next morning)."""
        return local_time(self.clock())

    def zone(self) -> tzinfo:
        """The clinic's time zone, for showing stored instants as local times."""
        return local_zone(self.clock())

    def day_bounds(self) -> tuple[datetime, datetime]:
        """Start (inclusive) and end (exclusive) of the clinic's today, as aware instants."""
        return local_day_bounds(self.clock())

    def can(self, permission: Permission) -> bool:
        return can(self.user.role, permission)

    def require(self, permission: Permission) -> None:
        require(self.user.role, permission)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        with self.store.write() as session:
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self.store.read() as session:
            yield session

    def audit(
        self,
        session: Session,
        action: str,
        entity: str = "",
        entity_id: object = "",
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Record that this user did ``action`` (inside the caller's write transaction)."""
        audit.append(
            session,
            at=self.now(),
            action=action,
            user_id=self.user.id,
            username=self.user.username,
            entity=entity,
            entity_id=entity_id,
            detail=detail,
        )

    def audit_each(
        self,
        session: Session,
        action: str,
        entity: str,
        entity_ids: Iterable[object],
        detail: dict[str, Any] | None = None,
    ) -> int:
        """``audit`` once per entity id, appended in one go; returns how many rows."""
        return audit.append_many(
            session,
            at=self.now(),
            action=action,
            entity_ids=entity_ids,
            user_id=self.user.id,
            username=self.user.username,
            entity=entity,
            detail=detail,
        )

    def close(self) -> None:
        self.store.close()
        if self._instance_lock is not None:
            self._instance_lock.release()

    def __enter__(self) -> ClinicSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
