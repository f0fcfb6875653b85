"""The append-only, hash-chained audit log.

Each row's ``hash`` is SHA-256 over its own fields and the previous row's hash, so altering
or deleting a row breaks the chain at that point; ``verify`` reports the first broken link.
Rows are appended inside the same ``BEGIN IMMEDIATE`` transaction as the change they
describe, so the log and the data can never disagree after a crash.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from clinic_desktop.messages import msg
from clinic_desktop.store.models import AuditEvent

GENESIS = "0" * 64


def row_hash(
    *,
    seq: int,
    at: datetime,
    user_id: uuid.UUID | None,
    username: str,
    action: str,
    entity: str,
    entity_id: str,
    detail: dict[str, Any],
    prev_hash: str,
) -> str:
    """The hash a row must carry, from its fields and its predecessor's hash."""
    canonical = json.dumps(
        [
            seq,
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            str(user_id) if user_id else None,
            username,
            action,
            entity,
            entity_id,
            detail,
            prev_hash,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def append(
    session: Session,
    *,
    at: datetime,
    action: str,
    user_id: uuid.UUID | None = None,
    username: str = "",
    entity: str = "",
    entity_id: object = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event (in the caller's transaction) chained to the current last one."""
    seq, prev = _next_link(session)
    fields = _fields(seq, prev, at, action, user_id, username, entity, entity_id, detail)
    event = AuditEvent(**fields, hash=row_hash(**fields))
    session.add(event)
    session.flush()
    return event


def append_many(
    session: Session,
    *,
    at: datetime,
    action: str,
    entity_ids: Iterable[object],
    user_id: uuid.UUID | None = None,
    username: str = "",
    entity: str = "",
    detail: dict[str, Any] | None = None,
) -> int:
    """Append one event per entity id, chained in order, with one bulk insert (a roster
    import records every student it added or changed); returns how many were appended."""
    seq, prev = _next_link(session)
    rows = []
    for entity_id in entity_ids:
        fields = _fields(seq, prev, at, action, user_id, username, entity, entity_id, detail)
        prev = row_hash(**fields)
        rows.append({**fields, "hash": prev})
        seq += 1
    if rows:
        session.connection().execute(insert(AuditEvent.__table__), rows)
    return len(rows)


def _next_link(session: Session) -> tuple[int, str]:
    """The next event's sequence number and the hash it chains to."""
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return (last.seq + 1, last.hash) if last else (1, GENESIS)


def _fields(
    seq: int,
    prev: str,
    at: datetime,
    action: str,
    user_id: uuid.UUID | None,
    username: str,
    entity: str,
    entity_id: object,
    detail: dict[str, Any] | None,
) -> dict[str, Any]:
    """One event's stored columns (all but its own hash)."""
    return {
        "seq": seq,
        "at": at,
        "user_id": user_id,
        "username": username,
        "action": action,
        "entity": entity,
        "entity_id": str(entity_id or ""),
        "detail": detail or {},
        "prev_hash": prev,
    }


@dataclass(frozen=True)
class ChainReport:
    """Result of ``verify``: ``broken_at`` is the seq of the first bad row, if any."""

    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(session: Session, batch_size: int = 5000) -> ChainReport:
    """Walk the whole chain in order; stop at the first altered, missing or moved row."""
    expected_seq, prev = 1, GENESIS
    checked = 0
    query = select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=batch_size)
    for event in session.scalars(query):
        if event.seq != expected_seq:
            return ChainReport(checked, expected_seq, msg("row {seq} is missing", seq=expected_seq))
        if event.prev_hash != prev:
            return ChainReport(checked, event.seq, "link to the previous row is broken")
        recomputed = row_hash(
            seq=event.seq,
            at=event.at,
            user_id=event.user_id,
            username=event.username,
            action=event.action,
            entity=event.entity,
            entity_id=event.entity_id,
            detail=event.detail,
            prev_hash=event.prev_hash,
        )
        if recomputed != event.hash:
            return ChainReport(checked, event.seq, "row content was altered")
        prev, expected_seq = event.hash, expected_seq + 1
        checked += 1
    return ChainReport(checked)


@dataclass(frozen=True)
class AuditHead:
    """The end of a database's audit chain: how many events, and the last one's hash."""

    count: int
    last_hash: str


def head(session: Session) -> AuditHead:
    """Count and last hash of the chain (an audit anchor states them outside the store)."""
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    count = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    return AuditHead(int(count), last.hash if last else GENESIS)


def hashes_at(session: Session, positions: set[int]) -> dict[int, str]:
    """The stored hash of the events at ``positions`` (``GENESIS`` at 0); absent ones are
    left out. Compared with anchors after ``verify`` has proved each hash is its row's."""
    found = {0: GENESIS} if 0 in positions else {}
    wanted = sorted(p for p in positions if p > 0)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = session.execute(
            select(AuditEvent.seq, AuditEvent.hash).where(AuditEvent.seq.in_(chunk))
        )
        found.update({int(seq): str(value) for seq, value in rows})
    return found
