"""Dates typed into a search: the century a clinic means by a two-digit year."""

from datetime import date

import pytest

from clinic_desktop.domain.fields import parse_search_date

TODAY = date(2026, 10, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2009-07-26", date(2009, 7, 26)),
        ("7/26/2009", date(2009, 7, 26)),
        ("07/26/09", date(2009, 7, 26)),
        ("10/14/26", date(2026, 10, 14)),  # today is not the future
        ("10/15/26", date(1926, 10, 15)),  # tomorrow would be: the century before
        ("1/2/99", date(1999, 1, 2)),
        ("2/30/09", None),
        ("07/26/2", None),
        ("nunez", None),
    ],
)
def test_search_date_takes_the_most_recent_past_century(text, expected):
    assert parse_search_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26/07/2009", date(2009, 7, 26)),
        ("26/7/09", date(2009, 7, 26)),
        ("2009-07-26", date(2009, 7, 26)),  # ISO is ISO in every language
        ("07/26/2009", None),  # there is no month 26
    ],
)
def test_a_spanish_search_date_is_day_first(text, expected):
    assert parse_search_date(text, TODAY, day_first=True) == expected
