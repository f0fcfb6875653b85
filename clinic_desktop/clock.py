"""Time, injectable: every layer takes a ``Clock`` so tests never sleep or depend on today.

The clock gives instants (aware, UTC for the real clock); a *date* is always the clinic's
local calendar day, got through ``ClinicSession.today()`` (built on ``local_date`` here),
never by ``.date()`` on a UTC instant: in the evening that is already tomorrow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock: an aware datetime in UTC."""
    return datetime.now(UTC)


class SystemZone(tzinfo):
    """This computer's time zone, daylight-saving changes included.

    ``datetime.astimezone()`` alone gives the offset in force *now* as a fixed offset, so a
    visit recorded in September would show an hour off in December; this zone asks the
    operating system for the offset of each wall time instead (and follows ``TZ``).
    """

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None if dt is None else _system_local(dt).utcoffset()

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None  # the system reports offsets, not how much of one is daylight saving

    def tzname(self, dt: datetime | None) -> str | None:
        return None if dt is None else _system_local(dt).tzname()

    def fromutc(self, dt: datetime) -> datetime:
        local = dt.replace(tzinfo=UTC).astimezone()
        wall = local.replace(tzinfo=self)
        if wall.utcoffset() != local.utcoffset():
            return wall.replace(fold=1)  # the second pass through a repeated hour
        return wall

    def __repr__(self) -> str:
        return "SystemZone()"


def _system_local(dt: datetime) -> datetime:
    """``dt``'s wall time read as this computer's local time (honouring ``fold``)."""
    return dt.replace(tzinfo=None).astimezone()


#: The one instance: a clinic computer has one zone.
SYSTEM_ZONE = SystemZone()


def local_zone(now: datetime) -> tzinfo:
    """The zone that defines "today" for the clinic: the clock's own zone, or this
    computer's when the clock runs in UTC (the real clock and the test clock do)."""
    if now.tzinfo is None or now.tzinfo is UTC:
        return SYSTEM_ZONE
    return now.tzinfo


def local_time(now: datetime) -> datetime:
    """``now`` as the clinic's wall-clock time."""
    return now.astimezone(local_zone(now))


def local_date(now: datetime) -> date:
    """The clinic's calendar date at the instant ``now`` (not ``now.date()``, which for a
    UTC instant is tomorrow's date every evening)."""
    return local_time(now).date()


def local_day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Start (inclusive) and end (exclusive) of the local calendar day containing ``now``."""
    start = local_time(now).replace(hour=0, minute=0, second=0, microsecond=0, fold=0)
    return start, start + timedelta(days=1)  # same-zone arithmetic: wall-clock midnight
