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

    # The acute flag comes first; the urgent one raised by question 1 stays: it is on record.
    banner, urgent_still = dialog.visible_banners()
    assert urgent_still.text().startswith("Urgent: Positive ASQ screen")
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
    still_open = screenings.open_flags(clinician, pupil.id)
    assert [(f.flag_id, f.severity) for f in still_open] == [
        ("asq_acute", "acute"),
        ("asq_positive", "urgent"),
    ]

    flag_dialog.add_action(RiskAction.CRISIS_TEAM, person="Dr. Lee")
    qtbot.keyClicks(flag_dialog.note, "Crisis team came; student stayed with the counselor.")
    with qtbot.waitSignal(dialog.flag_resolved, timeout=TIMEOUT) as resolved:
        flag_dialog.save_button.click()
    assert [a.action for a in resolved.args[0].actions] == ["crisis_team"]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [urgent_open] = screenings.open_flags(clinician, pupil.id)  # closed on its own
    assert urgent_open.flag_id == "asq_positive"
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
    flags = screenings.open_flags(clinician, pupil.id)
    assert [f.severity for f in flags] == ["acute", "urgent"] and all(f.is_open for f in flags)


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
    # The score is the clinician's: in the interface language, in the clinician's panel.
    assert dialog.score_label.text().startswith("Score: incomplete")
    assert dialog.clinician_panel.isAncestorOf(dialog.score_label)
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
    # 7 scored questions and the difficulty question, always offered (paper forms carry it)
    assert dialog.current == "q1" and dialog.score_label.text().endswith("(0 of 8 answered)")


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
    qtbot.waitUntil(lambda: dialog.held is not None, timeout=TIMEOUT)  # a flag: on record
    dialog.save_button.click()
    [asked] = prompts.take("confirm")
    assert "not answered" in asked.args[2]
    [held] = screenings.list_screenings(clinician, pupil.id)
    assert held.status == "in_progress"
    prompts.answers["confirm"] = True
    with qtbot.waitSignal(dialog.screening_saved, timeout=TIMEOUT) as saved:
        dialog.save_button.click()
    prompts.take("confirm")
    assert not saved.args[0].complete and saved.args[0].id == held.id
    assert saved.args[0].status == "complete"
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


def test_a_screening_given_inside_an_open_visit_joins_it(qtbot, clinician, pupil):
    first = screenings.administer_screening(clinician, pupil.id, "phq2", {"q1": 0, "q2": 0})
    dialog = ScreeningDialog(clinician, pupil, visit_id=first.visit_id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.choose_instrument("gad7")
    _answer_by_keys(qtbot, dialog, "1111111")
    with qtbot.waitSignal(dialog.screening_saved, timeout=TIMEOUT) as saved:
        dialog.save_button.click()
    assert saved.args[0].visit_id == first.visit_id


# --- a flag is on record the moment it is raised ------------------------------------------


def test_asq_declined_then_esc_keeps_the_flag_and_stopping_needs_a_reason(qtbot, clinician, pupil):
    dialog = _dialog(qtbot, clinician, pupil, "asq")
    _press(qtbot, dialog, "3")  # "Declined to answer (counts as positive)"
    assert dialog.answers == {"q1": 2}
    qtbot.waitUntil(lambda: dialog.held is not None, timeout=TIMEOUT)
    [flag] = screenings.open_flags(clinician, pupil.id)
    assert (flag.flag_id, flag.severity) == ("asq_positive", "urgent")
    assert dialog.on_record.isVisible()

    _shortcut(dialog, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert dialog.isVisible() and dialog.discard_panel.isVisible()
    assert dialog.focusWidget() is dialog.discard_reason
    dialog.discard_button.click()  # no reason given
    assert dialog.discard_error.text() == "Say why the screening stops."
    assert dialog.isVisible()
    _shortcut(dialog, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)  # back to it
    assert not dialog.discard_panel.isVisible() and dialog.form.isEnabled()
    [held] = screenings.list_screenings(clinician, pupil.id)
    assert held.status == "in_progress" and [f.id for f in held.flags] == [flag.id]

    dialog.cancel_button.click()
    qtbot.keyClicks(dialog.discard_reason, "Student refused to go on; counselor called.")
    with qtbot.waitSignal(dialog.screening_saved, timeout=TIMEOUT) as stopped:
        dialog.discard_button.click()
    assert stopped.args[0].status == "discarded"
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    [history] = screenings.list_screenings(clinician, pupil.id)
    assert history.status == "discarded"
    assert history.discard_reason == "Student refused to go on; counselor called."
    assert [f.id for f in screenings.open_flags(clinician, pupil.id)] == [flag.id]


def test_a_changed_answer_does_not_take_back_a_raised_flag(qtbot, clinician, pupil):
    dialog = _dialog(qtbot, clinician, pupil, "asq")
    _press(qtbot, dialog, "1")  # Yes
    qtbot.waitUntil(lambda: dialog.held is not None, timeout=TIMEOUT)
    _press(qtbot, dialog, "2")  # changed to No: the flag stays, on screen and on record
    qtbot.waitUntil(lambda: not dialog.holding, timeout=TIMEOUT)
    [banner] = dialog.visible_banners()
    assert banner.text().startswith("Urgent: Positive ASQ screen")
    [held] = screenings.list_screenings(clinician, pupil.id)
    assert held.answers == {"q1": 0} and [f.flag_id for f in held.flags] == ["asq_positive"]
    _answer_by_keys(qtbot, dialog, "2222")
    with qtbot.waitSignal(dialog.screening_saved, timeout=TIMEOUT) as saved:
        dialog.save_button.click()
    assert saved.args[0].id == held.id and saved.args[0].band == "negative"
    assert len(saved.args[0].flags) == 1
    assert not dialog.instrument_box.isEnabled() or not dialog.isVisible()


def test_without_a_flag_cancelling_saves_nothing(qtbot, clinician, pupil, prompts):
    dialog = _dialog(qtbot, clinician, pupil, "asq")
    _press(qtbot, dialog, "2")
    assert dialog.held is None and not dialog.holding
    prompts.answers["confirm"] = True
    dialog.cancel_button.click()
    assert prompts.take("confirm")
    assert not dialog.isVisible()
    assert screenings.list_screenings(clinician, pupil.id) == []


# --- the clinician's panel, the progress, the written follow-ups ----------------------------


def test_banners_speak_the_clinicians_language_and_the_question_the_students(
    qtbot, clinician, pupil
):
    dialog = _dialog(qtbot, clinician, pupil, "asq")
    dialog.language_buttons["es"].click()
    _press(qtbot, dialog, "1")
    [banner] = dialog.visible_banners()
    assert banner.text().startswith("Urgent: Positive ASQ screen")  # the interface: English
    assert dialog.question("q1").question.text().startswith("1. En las últimas semanas")
    assert dialog.clinician_panel.isAncestorOf(banner)
    assert not dialog.card.isAncestorOf(banner)
    assert dialog.clinician_panel.isAncestorOf(dialog.translation_notice)
    assert dialog.translation_notice.text().startswith("Unofficial wording")


def test_progress_says_up_to_while_a_follow_up_question_may_apply(qtbot, clinician, pupil):
    dialog = _dialog(qtbot, clinician, pupil, "asq")
    position = dialog.question("q1").position
    assert position.text() == "Question 1 of up to 5"
    _answer_by_keys(qtbot, dialog, "222")
    assert dialog.question("q4").position.text() == "Question 4 of up to 5"
    _press(qtbot, dialog, "2")
    assert dialog.question("q4").position.text() == "Question 4 of 4"

    phq9 = _dialog(qtbot, clinician, pupil, "phq9")
    seen = []
    for _ in range(9):
        seen.append(phq9.question(phq9.current).position.text())
        _press(qtbot, phq9, "2", Qt.Key.Key_Return)  # "Several days": the 10th applies
    # The difficulty question is asked whatever the answers (paper forms carry it too).
    assert seen == [f"Question {n} of 10" for n in range(1, 10)]
    assert phq9.question("q10").position.text() == "Question 10 of 10"

    phqa = _dialog(qtbot, clinician, pupil, "phqa")
    totals = set()
    for _ in range(13):
        totals.add(phqa.question(phqa.current).position.text().rsplit(" ", 1)[1])
        _press(qtbot, phqa, "1", Qt.Key.Key_Return)
    assert totals == {"13"}, "the PHQ-A asks 13 questions from the first to the last"


def test_asq_written_follow_ups_are_saved_with_the_screening(qtbot, clinician, pupil):
    dialog = _dialog(qtbot, clinician, pupil, "asq")
    _answer_by_keys(qtbot, dialog, "222")
    _press(qtbot, dialog, "1")  # q4 "Have you ever tried to kill yourself?" Yes
    page = dialog.question("q4")
    assert page.detail.text() == "If yes, how? When?" and page.text_answer.isVisible()
    page.text_answer.setFocus()
    qtbot.keyClicks(page.text_answer, "Pills, two years ago")
    qtbot.waitUntil(lambda: dialog.held is not None and not dialog.holding, timeout=TIMEOUT)
    dialog.next_button.click()  # moving on puts the written answer on record too
    assert dialog.current == "q5"
    qtbot.waitUntil(
        lambda: (
            screenings.list_screenings(clinician, pupil.id)[0].text_answers
            == {"q4": "Pills, two years ago"}
        ),
        timeout=TIMEOUT,
    )
    assert dialog.question("q5").detail.text() == "If yes, please describe:"
    dialog.question("q5").choose(1)  # No
    with qtbot.waitSignal(dialog.screening_saved, timeout=TIMEOUT) as saved:
        dialog.save_button.click()
    assert saved.args[0].text_answers == {"q4": "Pills, two years ago"}
    dialog.set_language("es")
    assert dialog.question("q4").detail.text() == "Si la respuesta es sí, ¿cómo? ¿Cuándo?"


def _fully_visible(widget, area) -> bool:
    """``widget`` is drawn whole inside the scroll area's viewport (no scrolling needed)."""
    viewport = area.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    bottom_right = widget.mapTo(viewport, widget.rect().bottomRight())
    inside = viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)
    return inside and widget.isVisible() and not widget.visibleRegion().isEmpty()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("screen", [(1366, 768), (1600, 1000)])
def test_on_a_laptop_screen_every_option_stays_in_sight_whatever_the_banners(
    qtbot, clinician, pupil, lang, screen
):
    dialog = _dialog(qtbot, clinician, pupil, "phqa")
    dialog.fit_to(*screen)
    dialog.set_language(lang)  # Spanish adds the translation notice
    _answer_by_keys(qtbot, dialog, "444444444")  # total 27: severe, and item 9 above 0
    _press(qtbot, dialog, "1", Qt.Key.Key_Return, "4", Qt.Key.Key_Return)  # x1, x2
    _press(qtbot, dialog, "1", Qt.Key.Key_Return, "1")  # x3, x4: Yes and Yes
    assert len(dialog.visible_banners()) >= 4
    if lang == "es":
        assert dialog.translation_notice.isVisible()
    assert dialog.width() <= screen[0] * 9 // 10 and dialog.height() <= screen[1] * 9 // 10
    for item in ("q9", "x1", "x2", "x3", "x4"):
        dialog.go_to(item)
        page = dialog.question(item)
        assert _fully_visible(page.question, dialog.question_area), (item, "question")
        assert page.item.text.get(lang) in page.question.text()
        for button in page.buttons:
            assert _fully_visible(button, dialog.question_area), (item, button.text())
        assert dialog.next_button.isVisible() and dialog.save_button.isVisible()
