"""The clinic's zone is this computer's, daylight saving included (``TZ`` is
America/Los_Angeles in every test, set by the root fixture)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from clinic_desktop.clock import SYSTEM_ZONE, local_date, local_day_bounds, local_zone
from tests.conftest import SCHOOL_TZ

INSTANTS = [
    datetime(2026, 10, 15, 1, 30, tzinfo=UTC),  # 18:30 PDT the evening before
    datetime(2026, 12, 1, 20, 0, tzinfo=UTC),  # winter: PST
    datetime(2026, 3, 8, 9, 59, tzinfo=UTC),  # a minute before clocks go forward
    datetime(2026, 3, 8, 10, 0, tzinfo=UTC),  # 03:00 PDT
    datetime(2026, 11, 1, 8, 30, tzinfo=UTC),  # 01:30 PDT, first pass
    datetime(2026, 11, 1, 9, 30, tzinfo=UTC),  # 01:30 PST, second pass
]


def test_a_utc_clock_takes_the_computers_zone_and_a_zoned_clock_keeps_its_own():
    assert local_zone(datetime(2026, 10, 14, tzinfo=UTC)) is SYSTEM_ZONE
    assert local_zone(datetime(2026, 10, 14, tzinfo=SCHOOL_TZ)) is SCHOOL_TZ


@pytest.mark.parametrize("instant", INSTANTS)
def test_each_instant_gets_the_offset_in_force_then(instant):
    """A September visit seen in December keeps its September offset (a fixed offset,
    what ``astimezone()`` alone gives, would show it an hour off)."""
    shown, expected = instant.astimezone(SYSTEM_ZONE), instant.astimezone(SCHOOL_TZ)
    assert shown.replace(tzinfo=None) == expected.replace(tzinfo=None)
    assert (shown.fold, shown.utcoffset(), shown.tzname()) == (
        expected.fold,
        expected.utcoffset(),
        expected.tzname(),
    )
    assert shown.astimezone(UTC) == instant


def test_a_local_wall_time_converts_back_to_its_instant():
    assert datetime(2026, 12, 1, 9, 0, tzinfo=SYSTEM_ZONE).astimezone(UTC) == datetime(
        2026, 12, 1, 17, 0, tzinfo=UTC
    )


def test_the_local_date_and_day_are_the_clinics_not_utcs():
    evening = INSTANTS[0]
    assert local_date(evening) == date(2026, 10, 14)
    start, end = local_day_bounds(evening)
    assert (start.astimezone(UTC), end.astimezone(UTC)) == (
        datetime(2026, 10, 14, 7, 0, tzinfo=UTC),
        datetime(2026, 10, 15, 7, 0, tzinfo=UTC),
    )


def test_the_day_the_clocks_go_back_has_25_hours():
    start, end = local_day_bounds(datetime(2026, 11, 1, 20, 0, tzinfo=UTC))
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=25)
