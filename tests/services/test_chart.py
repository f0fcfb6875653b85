"""The chart's timeline lines: what the service writes and the facts the UI writes from."""

import pytest

from clinic_desktop.domain.screening import load_instrument
from clinic_desktop.services import chart, screenings, students
from tests.factories import student

ASQ_ACUTE = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 1}
PHQ9_MILD = {f"q{n}": 1 for n in range(1, 10)} | {"q9": 0, "q10": 0}


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student())


def _screening_entry(clinician, pupil) -> chart.TimelineEntry:
    [entry] = [e for e in chart.timeline(clinician, pupil.id) if e.kind == "screening"]
    return entry


def test_an_instrument_without_a_total_shows_its_band_label_not_score_none(clinician, pupil):
    saved = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_ACUTE)
    entry = _screening_entry(clinician, pupil)
    assert saved.total is None
    assert entry.detail == load_instrument("asq").band_label(saved.band, "en")
    assert "None" not in entry.detail
    assert saved.band not in entry.detail  # the label, not the stored id
    assert entry.facts == {
        "instrument_id": "asq",
        "total": None,
        "band": saved.band,
        "complete": True,
        "status": "complete",
        "stop_reason": "",
    }


def test_a_scored_instrument_shows_score_and_band_label(clinician, pupil):
    saved = screenings.administer_screening(clinician, pupil.id, "phq9", PHQ9_MILD)
    label = load_instrument("phq9").band_label(saved.band, "en")
    assert _screening_entry(clinician, pupil).detail == f"Score {saved.total}, {label}"


def test_summary_of_an_unfinished_screening():
    assert chart.screening_summary("phq9", None, None, complete=False) == "Incomplete"
    assert chart.screening_summary("phq9", 4, None, complete=True) == "Score 4"


def test_visit_and_screening_entries_carry_their_facts(clinician, pupil):
    screenings.administer_screening(clinician, pupil.id, "asq", ASQ_ACUTE)
    [visit] = [e for e in chart.timeline(clinician, pupil.id) if e.kind == "visit"]
    assert visit.facts["visit_type"] in {"behavioral_health", "crisis", "medical", "nursing"}
    assert visit.title.endswith(visit.facts["reason"])


def test_an_open_flag_alert_keeps_message_and_action_apart(clinician, pupil):
    screenings.administer_screening(clinician, pupil.id, "asq", ASQ_ACUTE)
    header = chart.open_chart(clinician, pupil.id)
    [flag] = [a for a in header.alerts if a.kind == "risk_flag"]
    assert flag.flag_texts is not None
    assert flag.text == " ".join(flag.flag_texts)
