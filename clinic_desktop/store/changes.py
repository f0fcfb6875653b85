"""Stamping rows on every flush: timestamps from the session's clock, and ``change_seq``.

``change_seq`` comes from one database-wide counter, incremented inside the same
(``BEGIN IMMEDIATE``) transaction as the change itself, so the sync watermark is exact even
if the laptop's clock jumps backwards.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from clinic_desktop.clock import Clock, utc_now
from clinic_desktop.store.models import ChangeCounter, Entity, Syncable


def session_clock(session: Session) -> Clock:
    return session.info.get("clock", utc_now)


def install() -> None:
    """Register the flush hook (idempotent); every ``Store`` calls this when created."""
    if not event.contains(Session, "before_flush", _stamp):
        event.listen(Session, "before_flush", _stamp)


def _stamp(session: Session, _context: Any, _instances: Any) -> None:
    now = session_clock(session)()
    changed: list[Syncable] = []
    for obj in session.new:
        if isinstance(obj, Entity):
            obj.created_at = obj.created_at or now
            obj.updated_at = obj.updated_at or now
        if isinstance(obj, Syncable):
            changed.append(obj)
    for obj in session.dirty:
        if isinstance(obj, Entity) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now
            if isinstance(obj, Syncable):
                changed.append(obj)
    if changed:
        _assign_change_seq(session, changed)


def _assign_change_seq(session: Session, changed: list[Syncable]) -> None:
    counter = _counter(session)
    for obj in changed:
        counter.value += 1
        obj.change_seq = counter.value


def _counter(session: Session) -> ChangeCounter:
    with session.no_autoflush:
        counter = session.get(ChangeCounter, 1)
        if counter is None:
            counter = ChangeCounter(id=1, value=0)
            session.add(counter)
    return counter


def reserve_change_seqs(session: Session, count: int) -> int:
    """The first of ``count`` consecutive ``change_seq`` values for rows written by a bulk
    insert (which bypasses the flush hook): the same counter, in the same transaction."""
    counter = _counter(session)
    first = counter.value + 1
    counter.value += count
    return first


def current_change_seq(session: Session) -> int:
    """The highest ``change_seq`` handed out so far (the next batch's upper watermark)."""
    counter = session.get(ChangeCounter, 1)
    return counter.value if counter else 0
