"""The screening form: keyboard answering, skip logic, live score, banners, saving."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel

from clinic_desktop.domain.risk_actions import RiskAction
from clinic_desktop.domain.screening import instruments_for_age, load_instrument
from clinic_desktop.services import screenings, students
from clinic_desktop.ui import i18n
from clinic_desktop.ui.screening_dialog import ScreeningDialog, skip_logic
from tests.factories import student

TIMEOUT = 5000


@pytest.fixture
def pupil(clinician):
    """José, 16 on the test clock's day (born 2010-03-14; the clock says 2026-10-14)."""
    return students.create_student(clinician, student())


def _dialog(qtbot, session, pupil, instrument: str | None = None) -> ScreeningDialog:
    dialog = ScreeningDialog(session, pupil)
    # Leaving a test with answers on the form must not ask "discard?" at teardown.
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    dialog.show()
    qtbot.waitExposed(dialog)
    if instrument:
        dialog.choose_instrument(instrument)
    return dialog


def _press(qtbot, dialog: ScreeningDialog, *keys) -> None:
    """Type ``keys`` where the keyboard focus is, as the student would."""
    for key in keys:
        qtbot.keyClick(dialog.focusWidget(), key)


def _shortcut(dialog: ScreeningDialog, key, modifier) -> None:
    """A key press through the window, so application shortcuts (Ctrl+Enter) see it."""
    QTest.keyClick(dialog.windowHandle(), key, modifier)


def _answer_by_keys(qtbot, dialog: ScreeningDialog, digits: str) -> None:
    """Each digit chooses that option of the current question, then Enter moves on."""
    for digit in digits:
        _press(qtbot, dialog, digit, Qt.Key.Key_Return)


def test_asq_yes_by_keyboard_shows_the_banner_and_the_acute_flag_needs_an_action(
    qtbot, clinician, pupil
):
    dialog = _dialog(qtbot, clinician, pupil, "asq")
    assert dialog.current == "q1"
    _press(qtbot, dialog, "1")  # "1" = the first option shown: Yes
    assert dialog.answers == {"q1": 1}
    [urgent] = dialog.visible_banners()
    assert urgent.text().startswith("Urgent: Positive ASQ screen")
    _press(qtbot, dialog, Qt.Key.Key_Return)
    _answer_by_keys(qtbot, dialog, "222")  # No to q2-q4
    assert dialog.current == "q5"
    _press(qtbot, dialog, "1")  # "Are you having thoughts of killing yourself right now?" Yes

    [banner] = dialog.visible_banners()  # the acute flag replaces the urgent one
    assert banner.isVisible()
    assert banner.text().startswith(
        "ACUTE RISK: Acute positive ASQ screen: imminent suicide risk identified."
    )
    assert "Required action: Act now: keep the student in sight" in banner.text()
    assert banner.accessibleName().startswith("ACUTE RISK")
    assert banner.icon.pixmap() is not None and not banner.icon.pixmap().isNull()

    with qtbot.waitSignal(dialog.screening_saved, timeout=TIMEOUT) as saved:
        _shortcut(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    view = saved.args[0]
    assert view.band == "acute_positive"
    qtbot.waitUntil(lambda: dialog.flag_dialog is not None and dialog.flag_dialog.isVisible())
    assert dialog.isVisible(), "an acute flag must not let the form simply close"
    assert dialog.later_button.isVisible()

    flag_dialog = dialog.flag_dialog
    qtbot.waitUntil(lambda: flag_dialog.ready, timeout=TIMEOUT)
    flag_dialog.choose_close()
    flag_dialog.save_button.click()  # no action, no note
    qtbot.waitUntil(lambda: flag_dialog.errors.text("note") != "", timeout=TIMEOUT)
    assert flag_dialog.errors.text("note") == "Is required to close a flag"
    assert "at least one action" in flag_dialog.errors.text("actions")
    assert not flag_dialog.findChild(QLabel, "noteError").isHidden()
    assert flag_dialog.isVisible()
    [still_open] = screenings.open_flags(clinician, pupil.id)
    assert (still_open.flag_id, still_open.severity) == ("asq_acute", "acute")

    flag_dialog.add_action(RiskAction.CRISIS_TEAM, person="Dr. Lee")
    qtbot.keyClicks(flag_dialog.note, "Crisis team came; student stayed with the counselor.")
    with qtbot.waitSignal(dialog.flag_resolved, timeout=TIMEOUT) as resolved:
        flag_dialog.save_button.click()
    assert [a.action for a in resolved.args[0].actions] == ["crisis_team"]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert screenings.open_flags(clinician, pupil.id) == []
    [history] = screenings.list_screenings(clinician, pupil.id)
    assert (history.id, history.instrument_id, history.band) == (view.id, "asq", "acute_positive")
    assert history.answers == {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 1}
    assert history.visit_id is not None


def test_record_later_is_an_explicit_choice_that_keeps_the_flag_open(qtbot, clinician, pupil):
    dialog = _dialog(qtbot, clinician, pupil, "asq")
    _answer_by_keys(qtbot, dialog, "12221")
    with qtbot.waitSignal(dialog.screening_saved, timeout=TIMEOUT):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.flag_dialog is not None and dialog.flag_dialog.isVisible())
    dialog.flag_dialog.reject()  # Cancel in the action dialog: back to the choice
    assert dialog.flag_dialog is None and dialog.isVisible()
    dialog.reject()  # Escape or the window's close button: still a choice to make
    assert dialog.isVisible()
    dialog.later_button.click()
    assert not dialog.isVisible()
    [flag] = screenings.open_flags(clinician, pupil.id)
    assert flag.severity == "acute" and flag.is_open


def test_language_switch_keeps_answers_and_changes_every_text(qtbot, clinician, pupil):
    dialog = _dialog(qtbot, clinician, pupil, "phq9")
    _answer_by_keys(qtbot, dialog, "32")  # q1 "More than half the days", q2 "Several days"
    assert dialog.answers == {"q1": 2, "q2": 1}

    dialog.language_buttons["es"].click()

    phq9 = load_instrument("phq9")
    assert dialog.answers == {"q1": 2, "q2": 1}
    first = dialog.question("q1")
    assert first.question.text() == "1. " + phq9.item("q1").text.es
    assert first.buttons[2].isChecked()
    assert "Más de la mitad de los días" in first.buttons[2].text()
    assert dialog.question(dialog.current).position.text().startswith("Pregunta 3 de")
    assert dialog.instructions.text() == phq9.instructions.es
    assert dialog.notice.text() == phq9.notice.es
    assert dialog.score_label.text().startswith("Puntuación: incompleta")
    assert dialog.save_button.text() == "Guardar tamizaje"
    assert dialog.instrument_box.currentText() == phq9.title.es

    _press(qtbot, dialog, "1")  # the keys work the same in Spanish
    dialog.language_buttons["en"].click()
    assert dialog.answers == {"q1": 2, "q2": 1, "q3": 0}
    assert first.question.text() == "1. Little interest or pleasure in doing things"


def test_a_translation_that_is_not_the_published_wording_is_flagged_to_the_clinician(
    qtbot, clinician, pupil
):
    dialog = _dialog(qtbot, clinician, pupil, "crafft")
    assert dialog.translation_notice.text() == ""  # English is the published wording

    dialog.language_buttons["es"].click()

    warning = dialog.translation_notice.text()
    assert "Unofficial wording" in warning and "CRAFFT" in warning and "English" in warning
    assert dialog.translation_notice.isVisible()
    dialog.language_buttons["en"].click()
    assert not dialog.translation_notice.isVisible()


def test_instruments_suited_to_the_students_age_come_first(qtbot, clinician):
    senior = students.create_student(
        clinician, student(date_of_birth=date(2009, 5, 1), district_id="D1000003", grade="12")
    )
    dialog = _dialog(qtbot, clinician, senior)
    suited = [i.id for i in instruments_for_age(17)]
    offered = dialog.offered_instruments()
    assert offered[: len(suited)] == suited
    assert offered[len(suited) :] == ["psc17_parent"]  # a parent form, for ages 4-16
    box = dialog.instrument_box
    texts = [box.itemText(i) for i in range(box.count())]
    assert texts[0] == "Suited to age 17"
    other = texts.index("Other instruments")
    assert box.itemData(other + 1) == "psc17_parent"
    assert box.itemData(other - 1) is None, "a separator line above the heading"
    assert not box.model().item(other).isEnabled()
    assert box.currentIndex() == -1 and box.placeholderText() == "Choose a screening…"
    assert not dialog.save_button.isEnabled()


def test_a_nine_year_old_is_offered_only_the_parent_psc_first(qtbot, clinician):
    child = students.create_student(
        clinician, student(date_of_birth=date(2017, 5, 1), district_id="D1000002", grade="4")
    )
    dialog = _dialog(qtbot, clinician, child)
    assert dialog.age == 9
    assert dialog.offered_instruments()[0] == "psc17_parent"
    assert "asq" in dialog.offered_instruments()[1:]


def test_live_score_follows_each_answer(qtbot, clinician, pupil):
    dialog = _dialog(qtbot, clinician, pupil, "phq2")
    assert dialog.score_label.text() == "Score: incomplete (0 of 2 answered)"
    _press(qtbot, dialog, "4")  # Nearly every day = 3
    assert dialog.score_label.text() == "Score: incomplete (1 of 2 answered)"
    _press(qtbot, dialog, "2")  # changing the answer is seen at once too
    assert dialog.answers == {"q1": 1}
    _press(qtbot, dialog, Qt.Key.Key_Return, "3")
    assert dialog.score_label.text() == "Score: 3 · Positive screen (3–6)"
    [banner] = dialog.visible_banners()
    assert banner.text().startswith("Follow up: ")


def test_complete_phq9_shows_its_band_and_saves(qtbot, clinician, pupil):
    dialog = _dialog(qtbot, clinician, pupil, "phq9")
    _answer_by_keys(qtbot, dialog, "333222221")  # 2+2+2+1+1+1+1+1+0 = 11
    assert dialog.live_result.complete
    assert (dialog.live_result.total, dialog.live_result.band) == (11, "moderate")
    assert dialog.score_label.text() == "Score: 11 · Moderate"
    assert dialog.current == "q10"  # the optional difficulty question, asked after a problem
    with qtbot.waitSignal(dialog.screening_saved, timeout=TIMEOUT) as saved:
        dialog.save_button.click()
    assert (saved.args[0].total, saved.args[0].band) == (11, "moderate")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_skip_logic_hides_asq_question_5_until_a_yes(qtbot, clinician, pupil):
    dialog = _dialog(qtbot, clinician, pupil, "asq")
    assert not dialog.is_shown("q5")
    assert not dialog.question("q5").isEnabled()
    _answer_by_keys(qtbot, dialog, "2222")
    assert not dialog.is_shown("q5")
    assert dialog.current == "q4", "Enter after the last question does not reach q5"
    assert dialog.hint.text().startswith("All questions asked")
    assert dialog.live_result.band == "negative"

    _press(qtbot, dialog, Qt.Key.Key_Backspace, Qt.Key.Key_Backtab, Qt.Key.Key_Backspace)
    assert dialog.current == "q1"
    _press(qtbot, dialog, "1")
    assert dialog.is_shown("q5") and dialog.question("q5").isEnabled()
    assert dialog.question("q1").position.text() == "Question 1 of 5"
    dialog.go_to("q5")
    _press(qtbot, dialog, "2")
    assert dialog.answers["q5"] == 0

    dialog.go_to("q1")
    _press(qtbot, dialog, "2")  # back to No: q5 is no longer asked and loses its answer
    assert not dialog.is_shown("q5")
    assert "q5" not in dialog.answers


def test_number_questions_take_typed_digits(qtbot, clinician, pupil):
    dialog = _dialog(qtbot, clinician, pupil, "crafft")
    assert not dialog.is_shown("b2")
    _press(qtbot, dialog, "1", "2")
    assert dialog.answers == {"a1": 12}
    assert dialog.is_shown("b2"), "any day of use asks the CRAFFT questions"
    _press(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.current == "a2"
    _press(qtbot, dialog, Qt.Key.Key_Backtab)
    assert dialog.current == "a1"


def test_tab_leaves_the_answers_for_the_next_button(qtbot, clinician, pupil):
    dialog = _dialog(qtbot, clinician, pupil, "gad7")
    assert dialog.focusWidget() is dialog.question("q1").buttons[0]
    _press(qtbot, dialog, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.next_button
    assert dialog.current == "q1"


def test_changing_the_screening_asks_before_dropping_answers(qtbot, clinician, pupil, prompts):
    dialog = _dialog(qtbot, clinician, pupil, "phq2")
    _press(qtbot, dialog, "2")
    dialog.choose_instrument("gad7")
    [asked] = prompts.take("confirm")
    assert asked.kwargs["action"] == "Discard answers"
    assert dialog.instrument.id == "phq2" and dialog.answers == {"q1": 1}
    assert dialog.instrument_box.currentData() == "phq2"
    prompts.answers["confirm"] = True
    dialog.choose_instrument("gad7")
    prompts.take("confirm")
    assert dialog.instrument.id == "gad7" and dialog.answers == {}
    assert dialog.current == "q1" and dialog.score_label.text().endswith("(0 of 7 answered)")


def test_cancel_with_answers_asks_first(qtbot, clinician, pupil, prompts):
    dialog = _dialog(qtbot, clinician, pupil, "gad7")
    _press(qtbot, dialog, "2")
    dialog.cancel_button.click()
    [asked] = prompts.take("confirm")
    assert asked.args[1] == "Discard the answers?"
    assert dialog.isVisible()
    prompts.answers["confirm"] = True
    dialog.cancel_button.click()
    assert prompts.take("confirm")
    assert not dialog.isVisible()


def test_an_incomplete_screening_is_saved_only_when_confirmed(qtbot, clinician, pupil, prompts):
    dialog = _dialog(qtbot, clinician, pupil, "asq")
    _press(qtbot, dialog, "1")
    dialog.save_button.click()
    [asked] = prompts.take("confirm")
    assert "not answered" in asked.args[2]
    assert screenings.list_screenings(clinician, pupil.id) == []
    prompts.answers["confirm"] = True
    with qtbot.waitSignal(dialog.screening_saved, timeout=TIMEOUT) as saved:
        dialog.save_button.click()
    prompts.take("confirm")
    assert not saved.args[0].complete
    assert [f.severity for f in saved.args[0].flags] == ["urgent"]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)


def test_skip_logic_takes_unanswered_questions_as_their_lowest_answer():
    asq = load_instrument("asq")
    assert skip_logic(asq, {})[1] == ("q1", "q2", "q3", "q4")
    assert skip_logic(asq, {"q3": 2})[1] == ("q1", "q2", "q3", "q4", "q5")
    kept, shown = skip_logic(asq, {"q1": 0, "q2": 0, "q3": 0, "q4": 0, "q5": 1})
    assert "q5" not in kept and "q5" not in shown


def test_the_form_starts_in_the_interface_language_and_the_student_can_switch(
    qtbot, clinician, pupil
):
    """The form's texts follow the screening language; the clinician's own texts (window
    title, confirmations) follow the interface."""
    assert i18n.install_language(i18n.SPANISH) == i18n.SPANISH
    dialog = _dialog(qtbot, clinician, pupil, "phq9")
    assert dialog.lang == "es"
    assert dialog.save_button.text() == "Guardar tamizaje"
    assert dialog.windowTitle() == "Nuevo tamizaje — Clinic Desktop"
    dialog.set_language("en")
    assert dialog.save_button.text() == "Save screening"
    assert dialog.hint.text().startswith("Keys: 1–4 choose")
    assert dialog.windowTitle() == "Nuevo tamizaje — Clinic Desktop"
