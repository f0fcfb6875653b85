"""The Screenings tab: history grouped by instrument, a trend per instrument, flag status."""

import pytest
from PySide6.QtCore import Qt

from clinic_desktop.domain.risk_actions import ActionInput
from clinic_desktop.domain.screening import load_instrument
from clinic_desktop.services import flags, screenings, students
from clinic_desktop.ui import i18n, operations
from clinic_desktop.ui.chart_view import ChartView
from clinic_desktop.ui.screening_dialog import ScreeningDialog
from clinic_desktop.ui.tabs.screenings import NO_SCREENINGS_TEXT
from tests.factories import student

TIMEOUT = 5000
#: PHQ-9 with every item "several days" but item 9 "not at all": 8, mild, no flag.
PHQ9_MILD = {**{f"q{i}": 1 for i in range(1, 9)}, "q9": 0}
ASQ_YES = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 0}


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student())


@pytest.fixture
def history(clinician, pupil, clock):
    """PHQ-9 on 09/14 (8, mild), ASQ on 09/24 (a yes), PHQ-9 on 10/14 (10, moderate)."""
    clock.advance(days=-30)
    screenings.administer_screening(clinician, pupil.id, "phq9", PHQ9_MILD)
    clock.advance(days=10)
    [flag] = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_YES).flags
    clock.advance(days=20)
    screenings.administer_screening(clinician, pupil.id, "phq9", {**PHQ9_MILD, "q1": 3})
    return flag


def screenings_tab(qtbot, session, pupil):
    view = ChartView(session)
    qtbot.addWidget(view)
    view.resize(1000, 900)
    view.show()
    qtbot.waitExposed(view)
    view.show_student(pupil)
    view.tabs.setCurrentWidget(view.screenings_tab)
    return view, view.screenings_tab


def test_groups_by_instrument_with_latest_result_and_trend(qtbot, clinician, pupil, history):
    _view, tab = screenings_tab(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: len(tab.cards) == 2, timeout=TIMEOUT)
    assert list(tab.cards) == ["phq9", "asq"]  # the instrument used most recently first
    phq9 = tab.cards["phq9"]
    assert phq9.latest_label.text() == "Latest: 10 · Moderate, 10/14/2026"
    assert [(p.score, p.band) for p in phq9.trend.points()] == [(8, "Mild"), (10, "Moderate")]
    assert phq9.trend.accessibleDescription() == (
        "2 scores from 09/14/2026 to 10/14/2026; latest 10/14/2026: 10 (Moderate), up from 8."
    )
    assert [phq9.model.cell(r, 1) for r in range(2)] == ["10", "8"]  # newest first
    assert phq9.model.cell(1, 3) == "None"
    # 10 is a positive depression screen: a routine flag, open until acted on.
    assert phq9.model.cell(0, 3) == "Open: Positive depression screen (PHQ-9 score 10–19)."
    assert phq9.flag_chip.text() == "1 open flag"
    assert not phq9.trend.grab().isNull()


def test_flags_show_open_then_their_actions_and_closing_note(
    qtbot, site, clinician, pupil, history
):
    view, tab = screenings_tab(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: "asq" in tab.cards, timeout=TIMEOUT)
    asq = tab.cards["asq"]
    assert asq.model.cell(0, 3) == f"Open: {history.message}"
    assert asq.flag_chip.text() == "1 open flag"
    assert asq.flag_chip.accessibleName() == "Flags: 1 open flag"
    now = clinician.now()
    flags.record_flag_actions(
        clinician,
        history.id,
        [ActionInput("safety_assessment_done", now, "", "Seen.")],
        close_note="Safety plan; mother informed.",
    )
    view.refresh_records()
    qtbot.waitUntil(
        lambda: "asq" in tab.cards and tab.cards["asq"].flag_chip.isHidden(), timeout=TIMEOUT
    )
    model = tab.cards["asq"].model
    assert model.cell(0, 3) == f"Closed: {history.message}"
    tip = model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert "Safety assessment done: Seen." in tip
    assert "Safety plan; mother informed." in tip
    with site.sign_in("nurse") as nurse:
        _nurse_view, nurse_tab = screenings_tab(qtbot, nurse, pupil)
        qtbot.waitUntil(lambda: len(nurse_tab.cards) == 1, timeout=TIMEOUT)
        (card,) = nurse_tab.cards.values()  # the sensitivity model: no instrument, no actions
        nurse_model = card.model
        rows = range(nurse_model.rowCount())
        tips = [
            nurse_model.data(nurse_model.index(r, 3), Qt.ItemDataRole.ToolTipRole) for r in rows
        ]
        shown = " ".join(str(t) for t in tips) + " ".join(nurse_model.cell(r, 3) for r in rows)
        assert "Safety assessment done" not in shown
        assert "Seen." not in shown and "mother informed" not in shown
        assert "Closed" in [nurse_model.cell(r, 3) for r in rows]


def test_a_student_without_screenings_says_so_and_offers_one(qtbot, clinician, pupil):
    view, tab = screenings_tab(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: tab.state_label.text() == NO_SCREENINGS_TEXT, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.header is not None, timeout=TIMEOUT)
    assert tab.new_button.isVisibleTo(view)
    tab.new_button.click()  # the sitting's visit is looked up first, then the form opens
    qtbot.waitUntil(lambda: isinstance(view.dialog, ScreeningDialog), timeout=TIMEOUT)
    view.dialog.reject()


def test_a_saved_screening_reloads_the_tab(qtbot, clinician, pupil, history):
    view, tab = screenings_tab(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: len(tab.cards) == 2, timeout=TIMEOUT)
    screenings.administer_screening(clinician, pupil.id, "gad7", {f"q{i}": 0 for i in range(1, 8)})
    view.refresh_records()  # what the chart does when a screening is saved from it
    qtbot.waitUntil(lambda: len(tab.cards) == 3, timeout=TIMEOUT)
    assert list(tab.cards) == ["gad7", "phq9", "asq"]


def test_a_nurse_can_screen_too(qtbot, pupil, history, site):
    with site.sign_in("nurse") as nurse:
        view, tab = screenings_tab(qtbot, nurse, pupil)
        # The clinician's PHQ-9 and ASQ are behavioral health: one card says only that.
        qtbot.waitUntil(lambda: len(tab.cards) == 1, timeout=TIMEOUT)
        assert [c.title for c in tab.cards.values()] == ["Restricted (behavioral health)"]
        assert tab.new_button.isVisibleTo(view)
        view.close()
        qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


def test_history_speaks_the_interface_language(qtbot, clinician, pupil, history):
    """Stored screenings keep English texts; instruments carry both languages, so a
    Spanish interface shows the title, bands and flags in Spanish."""
    assert i18n.install_language(i18n.SPANISH) == i18n.SPANISH
    _view, tab = screenings_tab(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: len(tab.cards) == 2, timeout=TIMEOUT)
    phq9, instrument = tab.cards["phq9"], load_instrument("phq9")
    assert phq9.title == instrument.title.es
    moderate = instrument.band_label("moderate", "es")
    assert phq9.latest_label.text() == f"Último: 10 · {moderate}, 14/10/2026"  # day first
    assert [p.band for p in phq9.trend.points()][-1] == moderate
    [rule] = [r for r in instrument.flag_rules if r.id == history_flag_rule(phq9)]
    assert phq9.model.cell(0, 3) == f"Abierta: {rule.message.es}"
    assert phq9.flag_chip.text() == "1 alerta abierta"


def history_flag_rule(card) -> str:
    """The rule id of the newest screening's one flag on ``card``."""
    [flag] = card.screenings[0].flags
    return flag.flag_id


def test_a_stopped_screening_says_why_and_written_answers_show_to_those_allowed(
    qtbot, clinician, pupil, site
):
    held = screenings.save_in_progress(clinician, pupil.id, "asq", {"q1": 2})
    screenings.discard_screening(clinician, held.id, "Student left for the bus.")
    screenings.administer_screening(
        clinician,
        pupil.id,
        "asq",
        {"q1": 0, "q2": 0, "q3": 0, "q4": 1, "q5": 0},
        text_answers={"q4": "Pills, two years ago"},
    )
    _view, tab = screenings_tab(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: "asq" in tab.cards, timeout=TIMEOUT)
    asq = tab.cards["asq"]
    assert asq.model.headers[4] == "Notes"
    assert asq.model.cell(0, 4) == "Question 4: Pills, two years ago"
    assert asq.model.cell(1, 2) == "Stopped"
    assert asq.model.cell(1, 4) == "Stopped: Student left for the bus."
    assert asq.model.cell(1, 3).startswith("Open: ")  # its flag stays open

    with site.sign_in("nurse") as nurse:
        _view, tab = screenings_tab(qtbot, nurse, pupil)
        qtbot.waitUntil(lambda: len(tab.cards) == 1, timeout=TIMEOUT)
        (card,) = tab.cards.values()  # the sensitivity model: not even the instrument's name
        assert "asq" not in tab.cards
        notes = [card.model.cell(r, 4) for r in range(2)]
        assert notes == ["Written answers withheld (behavioral health)"] * 2
        assert "Pills" not in " ".join(notes) and "bus" not in " ".join(notes)
