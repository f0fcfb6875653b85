"""Administering screenings through the service: scoring, flags, visits."""

import pytest

from clinic_desktop import errors
from clinic_desktop.services import chart, flags, screenings, students, today, visits
from tests.factories import student

ASQ_ACUTE = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 1}
ASQ_NON_ACUTE = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 0}


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student())


def test_acute_asq_raises_an_open_flag_and_a_visit(clinician, pupil):
    saved = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_ACUTE)
    assert saved.band == "acute_positive" and saved.complete
    assert [(f.flag_id, f.severity) for f in saved.flags] == [("asq_acute", "acute")]
    [visit] = visits.list_visits(clinician, pupil.id)
    assert visit.id == saved.visit_id and visit.visit_type == "behavioral_health"
    assert visit.cpt_codes == ("96127",)
    header = chart.open_chart(clinician, pupil.id)
    assert header.alerts[0].severity == "acute"
    assert [f.severity for f in today.today_overview(clinician).open_flags] == ["acute"]


def test_incomplete_answers_still_flag(clinician, pupil):
    saved = screenings.administer_screening(clinician, pupil.id, "asq", {"q1": 1})
    assert not saved.complete and saved.band is None
    assert [f.flag_id for f in saved.flags] == ["asq_positive"]


def test_phq9_item_9_flags(clinician, pupil):
    answers = {f"q{i}": 0 for i in range(1, 10)} | {"q9": 1}
    saved = screenings.administer_screening(clinician, pupil.id, "phq9", answers)
    assert saved.total == 1 and saved.band == "minimal"
    assert [(f.flag_id, f.severity) for f in saved.flags] == [("self_harm_thoughts", "urgent")]


def test_bad_answers_are_refused_and_nothing_is_saved(clinician, pupil):
    with pytest.raises(errors.ValidationError):
        screenings.administer_screening(clinician, pupil.id, "gad7", {"q1": 9})
    with pytest.raises(errors.ValidationError):
        screenings.administer_screening(clinician, pupil.id, "nope", {})
    assert screenings.list_screenings(clinician, pupil.id) == []
    assert visits.list_visits(clinician, pupil.id) == []


def test_history_is_newest_first(site, clinician, pupil):
    screenings.administer_screening(clinician, pupil.id, "gad7", {f"q{i}": 1 for i in range(1, 8)})
    site.clock.advance(days=30)
    screenings.administer_screening(clinician, pupil.id, "gad7", {f"q{i}": 2 for i in range(1, 8)})
    history = screenings.list_screenings(clinician, pupil.id)
    assert [s.total for s in history] == [14, 7]
    assert history[0].band_label


def test_nurse_screens_under_a_nursing_visit_and_cannot_close_flags(site, clinician, pupil):
    with site.sign_in("nurse") as nurse:
        saved = screenings.administer_screening(
            nurse, pupil.id, "psc17_parent", {f"q{i}": 0 for i in range(1, 18)}
        )
        [visit] = visits.list_visits(nurse, pupil.id)
        assert visit.visit_type == "nursing" and saved.band == "negative"
        [flag] = screenings.administer_screening(nurse, pupil.id, "asq", ASQ_ACUTE).flags
        with pytest.raises(errors.PermissionDeniedError):
            flags.close_flag(nurse, flag.id, "note")


def test_it_cannot_screen(it_user, pupil):
    with pytest.raises(errors.PermissionDeniedError):
        screenings.administer_screening(it_user, pupil.id, "asq", ASQ_ACUTE)
