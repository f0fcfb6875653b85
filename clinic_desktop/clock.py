"""Time, injectable: every layer takes a ``Clock`` so tests never sleep or depend on today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock: an aware datetime in UTC."""
    return datetime.now(UTC)


def local_zone(now: datetime) -> tzinfo:
    """The zone that defines "today" for the clinic: the clock's own zone, or this
    computer's when the clock runs in UTC (the real clock does)."""
    if now.tzinfo is None or now.tzinfo is UTC:
        return now.astimezone().tzinfo or UTC
    return now.tzinfo


def local_day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Start (inclusive) and end (exclusive) of the local calendar day containing ``now``."""
    local = now.astimezone(local_zone(now))
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)
