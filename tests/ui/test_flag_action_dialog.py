"""Closing a risk flag from the UI: the service's rules shown beside the fields."""

import pytest
from PySide6.QtWidgets import QDialog

from clinic_desktop.domain.risk_actions import RiskAction
from clinic_desktop.domain.screening import load_instrument
from clinic_desktop.services import screenings, students
from clinic_desktop.ui import i18n
from clinic_desktop.ui.flag_action_dialog import FlagActionDialog, FlagBanner
from tests.factories import student

TIMEOUT = 5000
ASQ_ACUTE = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 1}
ASQ_NON_ACUTE = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 0}


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student())


def _flag(session, pupil, answers):
    [flag] = screenings.administer_screening(session, pupil.id, "asq", answers).flags
    return flag


def _dialog(qtbot, session, flag) -> FlagActionDialog:
    dialog = FlagActionDialog(session, flag)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _submit_and_wait_for_errors(qtbot, dialog: FlagActionDialog, field: str) -> None:
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.errors.text(field) != "", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)


def test_acute_flag_needs_an_action_and_a_note(qtbot, clinician, pupil):
    flag = _flag(clinician, pupil, ASQ_ACUTE)
    dialog = _dialog(qtbot, clinician, flag)
    assert dialog.banner.text().startswith("ACUTE RISK: Acute positive ASQ screen")
    assert "Required action: Act now" in dialog.banner.text()
    assert [b.text() for b in dialog.action_buttons.values()] == [a.label for a in RiskAction]

    _submit_and_wait_for_errors(qtbot, dialog, "action")
    assert dialog.errors.text("action") == "Choose the action taken"
    assert dialog.errors.text("note") == "Is required for an acute flag"
    assert dialog.note.accessibleDescription() == "Is required for an acute flag"
    assert dialog.isVisible()

    dialog.choose(RiskAction.SAFETY_ASSESSMENT)
    assert dialog.errors.text("action") == ""
    _submit_and_wait_for_errors(qtbot, dialog, "note")
    assert dialog.errors.text("action") == ""
    assert [f.id for f in screenings.open_flags(clinician, pupil.id)] == [flag.id]

    qtbot.keyClicks(dialog.note, "Safety assessment by Dr. Lee; parent picked up.")
    assert dialog.errors.text("note") == ""
    with qtbot.waitSignal(dialog.flag_resolved, timeout=TIMEOUT) as resolved:
        dialog.save_button.click()
    closed = resolved.args[0]
    assert (closed.id, closed.action_taken) == (flag.id, "safety_assessment_done")
    assert closed.action_note == "Safety assessment by Dr. Lee; parent picked up."
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert screenings.open_flags(clinician, pupil.id) == []


def test_an_urgent_flag_closes_with_an_action_alone(qtbot, clinician, pupil):
    flag = _flag(clinician, pupil, ASQ_NON_ACUTE)
    dialog = _dialog(qtbot, clinician, flag)
    assert dialog.banner.text().startswith("Urgent: Positive ASQ screen")
    dialog.choose(RiskAction.REFERRAL_MADE)
    with qtbot.waitSignal(dialog.flag_resolved, timeout=TIMEOUT) as resolved:
        dialog.save_button.click()
    assert resolved.args[0].action_taken == "referral_made"


def test_a_flag_closed_meanwhile_is_said_under_the_form(qtbot, clinician, pupil):
    flag = _flag(clinician, pupil, ASQ_NON_ACUTE)
    dialog = _dialog(qtbot, clinician, flag)
    screenings.resolve_flag(clinician, flag.id, RiskAction.GUARDIAN_CONTACTED, "")
    dialog.choose(RiskAction.CRISIS_TEAM)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.errors.text("") != "", timeout=TIMEOUT)
    assert dialog.errors.text("") == "That flag was already closed."
    assert dialog.isVisible()


def test_cancel_leaves_the_flag_open(qtbot, clinician, pupil):
    flag = _flag(clinician, pupil, ASQ_ACUTE)
    dialog = _dialog(qtbot, clinician, flag)
    dialog.buttons.rejected.emit()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert [f.id for f in screenings.open_flags(clinician, pupil.id)] == [flag.id]


def test_banner_says_the_severity_in_words_and_in_spanish(qtbot):
    banner = FlagBanner()
    qtbot.addWidget(banner)
    banner.show_flag("acute", "Mensaje", "Haga esto", "es")
    assert banner.text() == "RIESGO AGUDO: Mensaje\nAcción requerida: Haga esto"
    assert banner.accessibleName() == "RIESGO AGUDO: Mensaje"
    assert banner.accessibleDescription() == "Acción requerida: Haga esto"
    banner.show_flag("routine", "Rescreen", "Next visit")
    banner.set_compact(True)
    assert banner.action.isHidden() and banner.toolTip() == "Required action: Next visit"
    assert not banner.grab().isNull()


def test_the_flag_reads_in_the_spanish_interface(qtbot, clinician, pupil):
    """The flag is stored in English; the dialog shows its instrument's Spanish wording."""
    flag = _flag(clinician, pupil, ASQ_ACUTE)
    [rule] = [r for r in load_instrument("asq").flag_rules if r.id == flag.flag_id]
    assert i18n.install_language(i18n.SPANISH) == i18n.SPANISH
    dialog = _dialog(qtbot, clinician, flag)
    assert dialog.banner.text() == (
        f"RIESGO AGUDO: {rule.message.es}\nAcción requerida: {rule.required_action.es}"
    )
