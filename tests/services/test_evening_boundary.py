"""One "today" all evening: at 18:30 in Los Angeles it is already tomorrow in UTC, and the
chart header, ages and consent validity must still agree with the clinic's calendar."""

from datetime import date, datetime

import pytest

from clinic_desktop import errors
from clinic_desktop.domain.consents import ConsentInput, ConsentKind
from clinic_desktop.services import chart, consents, students
from tests.conftest import SCHOOL_TZ
from tests.factories import guardian, student

EVENING = datetime(2026, 10, 14, 18, 30, tzinfo=SCHOOL_TZ)  # 01:30 UTC on October 15th
TODAY = date(2026, 10, 14)
#: Turns 16 tomorrow, the clinic's tomorrow (already "today" in UTC).
BIRTHDAY_TOMORROW = date(2010, 10, 15)


@pytest.fixture
def evening(site, clinician):
    site.clock.now = EVENING
    assert site.clock().date() == date(2026, 10, 15)  # the instant the clock gives is UTC's
    return clinician


@pytest.fixture
def pupil(evening):
    """Born on October 15th; the services consent's last day is today."""
    created = students.create_student(
        evening, student(date_of_birth=BIRTHDAY_TOMORROW), (guardian(),)
    )
    consent = ConsentInput(
        kind="services",
        signer_kind="guardian",
        guardian_id=created.guardians[0].id,
        signed_on=date(2026, 8, 20),
        expires_on=TODAY,
    )
    consents.record_consent(evening, created.id, consent)
    return created


def test_the_session_today_is_the_clinics_date(evening):
    assert evening.today() == TODAY
    assert evening.local_now() == EVENING
    start, end = evening.day_bounds()
    assert (start, end) == (
        datetime(2026, 10, 14, tzinfo=SCHOOL_TZ),
        datetime(2026, 10, 15, tzinfo=SCHOOL_TZ),
    )


def test_consent_on_its_last_day_is_valid_everywhere_in_the_evening(evening, pupil):
    check = consents.check_student_consent(evening, pupil.id, ConsentKind.SERVICES)
    [view] = consents.list_consents(evening, pupil.id).consents
    header = chart.open_chart(evening, pupil.id)
    assert check.valid
    assert view.valid
    assert [a.kind for a in header.alerts if a.kind == "consent"] == []


def test_the_chart_header_age_waits_for_the_local_birthday(evening, pupil):
    assert chart.open_chart(evening, pupil.id).age == 15


def test_a_birth_date_is_checked_against_the_clinics_today(evening):
    """Two years old tomorrow (the clinic's tomorrow) is still too young this evening."""
    with pytest.raises(errors.ValidationError) as refused:
        students.create_student(evening, student(date_of_birth=date(2024, 10, 15)))
    assert refused.value.for_field("date_of_birth") is not None
