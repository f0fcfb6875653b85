"""Administering screenings through the service: scoring, flags, visits, closing flags."""

import pytest

from clinic_desktop import errors
from clinic_desktop.services import chart, screenings, students, today, visits
from clinic_desktop.store.models import AuditEvent
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


def test_acute_flag_cannot_close_without_an_action_and_a_note(clinician, pupil):
    saved = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_ACUTE)
    [flag] = saved.flags
    with pytest.raises(errors.ValidationError) as caught:
        screenings.resolve_flag(clinician, flag.id, "safety_assessment_done", "")
    assert caught.value.for_field("note")
    with pytest.raises(errors.ValidationError) as caught:
        screenings.resolve_flag(clinician, flag.id, "ignored", "nothing done")
    assert caught.value.for_field("action")
    assert [f.id for f in screenings.open_flags(clinician, pupil.id)] == [flag.id]
    closed = screenings.resolve_flag(
        clinician, flag.id, "crisis_team", "Crisis team evaluated; parent picked up."
    )
    assert not closed.is_open and closed.action_taken == "crisis_team"
    assert screenings.open_flags(clinician, pupil.id) == []
    with clinician.read() as db:
        assert db.query(AuditEvent).filter_by(action="risk_flag_resolved").count() == 1
    with pytest.raises(errors.ConflictError):
        screenings.resolve_flag(clinician, flag.id, "crisis_team", "again")


def test_non_acute_flag_closes_with_an_action_alone(clinician, pupil):
    [flag] = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_NON_ACUTE).flags
    assert flag.severity == "urgent"
    assert not screenings.resolve_flag(clinician, flag.id, "safety_assessment_done").is_open


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
            screenings.resolve_flag(nurse, flag.id, "crisis_team", "note")


def test_it_cannot_screen(it_user, pupil):
    with pytest.raises(errors.PermissionDeniedError):
        screenings.administer_screening(it_user, pupil.id, "asq", ASQ_ACUTE)
