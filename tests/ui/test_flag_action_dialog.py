"""Flag actions and closing from the UI: the service's rules shown beside the fields."""

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialog

from clinic_desktop.domain.risk_actions import ActionInput, RiskAction
from clinic_desktop.domain.screening import load_instrument
from clinic_desktop.services import flags, screenings, students
from clinic_desktop.ui import dialogs, i18n
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


PHQA_THREE = {f"q{i}": 0 for i in range(1, 10)} | {"q9": 1, "x1": 0, "x3": 1, "x4": 1}


def test_an_urgent_suicide_risk_flag_needs_an_action_and_a_closing_note(qtbot, clinician, pupil):
    """Issue 16: a non-acute ASQ positive no longer closes with one click and no note."""
    flag = _flag(clinician, pupil, ASQ_NON_ACUTE)
    dialog = _dialog(qtbot, clinician, flag)
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    assert dialog.banner.text().startswith("Urgent: Positive ASQ screen")
    [row] = dialog.rows
    assert row.kind.currentIndex() == -1, "no action is chosen for the clinician"
    assert not dialog.close_check.isChecked() and not dialog.note.isEnabled()
    dialog.choose_close()
    assert dialog.save_button.text() == "Save and close flag"
    _submit_and_wait_for_errors(qtbot, dialog, "note")
    assert dialog.errors.text("note") == "Is required to close a flag"
    assert "at least one action" in dialog.errors.text("actions")
    assert [f.id for f in screenings.open_flags(clinician, pupil.id)] == [flag.id]

    dialog.add_action(RiskAction.GUARDIAN_CONTACTED)  # who is missing
    qtbot.keyClicks(dialog.note, "Safety plan; mother picks her up.")
    _submit_and_wait_for_errors(qtbot, dialog, f"row{row.key}.person")
    assert dialog.errors.text(f"row{row.key}.person") == "Is required"
    row.person.setText("María Ñúñez (mother)")
    with qtbot.waitSignal(dialog.flag_resolved, timeout=TIMEOUT) as resolved:
        dialog.save_button.click()
    closed = resolved.args[0]
    assert closed.id == flag.id and not closed.is_open
    assert closed.action_note == "Safety plan; mother picks her up."
    assert [(a.action, a.person) for a in closed.actions] == [
        ("guardian_contacted", "María Ñúñez (mother)")
    ]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert screenings.open_flags(clinician, pupil.id) == []


def test_several_actions_without_closing_keep_the_flag_open(qtbot, site, clinician, pupil):
    flag = _flag(clinician, pupil, ASQ_ACUTE)
    site.clock.advance(minutes=30)
    dialog = _dialog(qtbot, clinician, flag)
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    earlier = clinician.now() - timedelta(minutes=20)
    dialog.add_action(RiskAction.SAFETY_ASSESSMENT, note="BSSA: imminent risk.", at=earlier)
    dialog.add_button.click()
    dialog.add_action(RiskAction.CRISIS_TEAM, person="Dr. Lee (district crisis team)")
    with qtbot.waitSignal(dialog.actions_saved, timeout=TIMEOUT) as saved:
        dialog.save_button.click()
    [view] = saved.args[0]
    assert view.is_open
    assert [a.action for a in view.actions] == ["safety_assessment_done", "crisis_team"]
    assert view.actions[0].occurred_at == earlier.replace(second=0, microsecond=0)


def test_related_flags_are_listed_unticked_and_close_with_one_note(qtbot, clinician, pupil):
    saved = screenings.administer_screening(clinician, pupil.id, "phqa", PHQA_THREE)
    first, second, third = saved.flags
    dialog = _dialog(qtbot, clinician, first)
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    assert set(dialog.related_boxes) == {second.id, third.id}
    assert not any(b.isChecked() for b in dialog.related_boxes.values())
    assert dialog.related_box.isVisible()
    dialog.tick_related(second.id)
    dialog.add_action(RiskAction.SAFETY_ASSESSMENT, note="No plan, no intent; safety plan.")
    dialog.choose_close("Reviewed all three answers with the student.")
    closed = []
    dialog.flag_resolved.connect(closed.append)
    with qtbot.waitSignal(dialog.actions_saved, timeout=TIMEOUT):
        dialog.save_button.click()
    assert {v.id for v in closed} == {first.id, second.id}
    assert [f.id for f in screenings.open_flags(clinician, pupil.id)] == [third.id]


def test_a_flag_closed_meanwhile_is_said_under_the_form(qtbot, prompts, clinician, pupil):
    flag = _flag(clinician, pupil, ASQ_NON_ACUTE)
    dialog = _dialog(qtbot, clinician, flag)
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    flags.record_flag_actions(
        clinician,
        flag.id,
        [ActionInput("guardian_contacted", clinician.now(), "Mother")],
        close_note="Closed elsewhere.",
    )
    dialog.add_action(RiskAction.CRISIS_TEAM, person="Dr. Lee")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.errors.text("") != "", timeout=TIMEOUT)
    assert dialog.errors.text("") == "That flag was already closed."
    assert dialog.isVisible()
    prompts.answers["ask_close"] = dialogs.DISCARD  # what was typed is asked about
    dialog.reject()
    assert len(prompts.take("ask_close")) == 1 and not dialog.isVisible()


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
