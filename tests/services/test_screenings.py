"""Administering screenings through the service: scoring, flags, visits."""

import pytest

from clinic_desktop import errors
from clinic_desktop.services import chart, flags, screenings, students, today, visits
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


# --- the lifecycle: in progress the moment a flag is raised, finished, or discarded ------


def _audits(session, action):
    with session.read() as db:
        return db.query(AuditEvent).filter_by(action=action).count()


def test_a_declined_asq_answer_is_on_record_at_once_and_discarding_keeps_the_flag(clinician, pupil):
    declined = {"q1": 2}  # "Declined to answer" counts as positive
    held = screenings.save_in_progress(clinician, pupil.id, "asq", declined)
    assert held.status == "in_progress" and not held.complete
    [flag] = held.flags
    assert (flag.flag_id, flag.severity, flag.is_open) == ("asq_positive", "urgent", True)
    assert [f.id for f in screenings.open_flags(clinician, pupil.id)] == [flag.id]

    with pytest.raises(errors.ValidationError) as refused:
        screenings.discard_screening(clinician, held.id, "   ")
    assert refused.value.for_field("reason")
    discarded = screenings.discard_screening(
        clinician, held.id, "Student walked out; counselor following up."
    )
    assert discarded.status == "discarded" and discarded.discarded_at is not None
    assert discarded.discard_reason == "Student walked out; counselor following up."
    assert [f.id for f in screenings.open_flags(clinician, pupil.id)] == [flag.id]
    [history] = screenings.list_screenings(clinician, pupil.id)
    assert history.status == "discarded" and [f.id for f in history.flags] == [flag.id]
    assert _audits(clinician, "screening_discarded") == 1
    with pytest.raises(errors.ConflictError):
        screenings.administer_screening(
            clinician, pupil.id, "asq", ASQ_NON_ACUTE, screening_id=held.id
        )
    with pytest.raises(errors.ConflictError):
        screenings.discard_screening(clinician, held.id, "again")


def test_later_answers_update_the_same_row_and_a_raised_flag_stays(clinician, pupil):
    held = screenings.save_in_progress(clinician, pupil.id, "asq", {"q1": 1})
    again = screenings.save_in_progress(
        clinician, pupil.id, "asq", {"q1": 0, "q2": 0}, screening_id=held.id
    )
    assert again.id == held.id and again.answers == {"q1": 0, "q2": 0}
    assert [f.flag_id for f in again.flags] == ["asq_positive"], "a raised flag stays"
    [visit] = visits.list_visits(clinician, pupil.id)
    assert visit.cpt_codes == (), "billed on completion, not while in progress"

    done = screenings.administer_screening(
        clinician, pupil.id, "asq", ASQ_ACUTE, screening_id=held.id
    )
    assert done.id == held.id and done.status == "complete" and done.band == "acute_positive"
    assert sorted(f.flag_id for f in done.flags) == ["asq_acute", "asq_positive"]
    [history] = screenings.list_screenings(clinician, pupil.id)
    assert len(history.flags) == 2, "finishing does not duplicate a flag"
    [visit] = visits.list_visits(clinician, pupil.id)
    assert visit.cpt_codes == ("96127",)
    assert _audits(clinician, "screening_in_progress") == 2
    assert _audits(clinician, "screening_recorded") == 1
    with pytest.raises(errors.ConflictError):
        screenings.save_in_progress(clinician, pupil.id, "asq", {"q1": 1}, screening_id=held.id)


def test_written_follow_ups_are_stored_and_withheld_from_a_nurse(site, clinician, pupil):
    texts = {"q4": "  Pills, last spring.  ", "q5": "Thinking about it since lunch."}
    answers = {"q1": 0, "q2": 0, "q3": 0, "q4": 1, "q5": 1}
    saved = screenings.administer_screening(clinician, pupil.id, "asq", answers, text_answers=texts)
    assert saved.text_answers == {"q4": "Pills, last spring.", "q5": texts["q5"]}
    assert not saved.texts_withheld
    with site.sign_in("nurse") as nurse:
        [seen] = screenings.list_screenings(nurse, pupil.id)
        assert seen.text_answers == {} and seen.texts_withheld
        assert seen.band is None and seen.restricted  # the sensitivity model: no results


def test_written_answers_only_where_the_instrument_asks_for_them(clinician, pupil):
    with pytest.raises(errors.ValidationError) as refused:
        screenings.administer_screening(
            clinician, pupil.id, "asq", ASQ_NON_ACUTE, text_answers={"q1": "why"}
        )
    assert refused.value.for_field("text_q1")
    with pytest.raises(errors.ValidationError) as refused:  # q5 is not asked after four Nos
        screenings.administer_screening(
            clinician, pupil.id, "asq", {f"q{i}": 0 for i in range(1, 5)}, text_answers={"q5": "x"}
        )
    assert refused.value.for_field("text_q5")
    assert screenings.list_screenings(clinician, pupil.id) == []
