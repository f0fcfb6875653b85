"""The visit dialog: typed entry, inline validation, role mirroring, drafts that survive."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

from clinic_desktop.domain.visits import COMMON_REASONS, VisitType
from clinic_desktop.services import drafts, students, visits
from clinic_desktop.ui import operations
from clinic_desktop.ui.visit_dialog import VisitDialog
from tests import factories

CTRL = Qt.KeyboardModifier.ControlModifier
#: The reason box's completer pops up a list; the offscreen platform cannot raise it.
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")


@pytest.fixture
def student(clinician):
    return students.create_student(clinician, factories.student())


@pytest.fixture
def open_visit(qtbot, clock):
    """Open a visit dialog and wait until its draft check answered; closed at teardown."""
    opened = []

    def open_(session, student, **kwargs):
        dialog = VisitDialog(session, student, clock=clock, **kwargs)
        opened.append(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.ready, timeout=5000)
        return dialog

    yield open_
    operations.wait_for_idle()
    for dialog in opened:
        dialog.done(0)  # skips the keep-or-discard question
        dialog.deleteLater()
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=5000)


def _draft(session, student):
    return drafts.load_draft(session, "visit", student.id)


def _type_visit(qtbot, dialog, *, reason="Anxiety", note="Talked through test worries."):
    qtbot.mouseClick(
        dialog.form.type_buttons[VisitType.BEHAVIORAL_HEALTH], Qt.MouseButton.LeftButton
    )
    qtbot.keyClicks(dialog.form.reason.lineEdit(), reason)
    qtbot.keyClicks(dialog.form.note, note)


def test_a_visit_typed_and_saved_with_ctrl_enter_is_recorded(
    qtbot, clinician, student, open_visit, clock
):
    dialog = open_visit(clinician, student)
    _type_visit(qtbot, dialog)
    dialog.form.disposition.set_code("referred")
    dialog.form.duration.setValue(30)
    qtbot.keyClicks(dialog.form.icd10, "F41.1, z00.00")
    qtbot.keyClicks(dialog.form.cpt, "90832")
    with qtbot.waitSignal(dialog.visit_saved, timeout=5000) as saved:
        qtbot.keyClick(dialog.form.note, Qt.Key.Key_Return, CTRL)
    [stored] = visits.list_visits(clinician, student.id)
    assert saved.args[0].id == stored.id
    assert (stored.visit_type, stored.reason, stored.note) == (
        "behavioral_health",
        "Anxiety",
        "Talked through test worries.",
    )
    assert (stored.disposition, stored.duration_minutes) == ("referred", 30)
    assert (stored.icd10_codes, stored.cpt_codes) == (("F41.1", "Z00.00"), ("90832",))
    assert stored.occurred_at == clock.now
    assert not dialog.isVisible()


def test_bad_fields_are_explained_beside_each_field_and_nothing_is_saved(
    qtbot, clinician, student, open_visit, clock
):
    dialog = open_visit(clinician, student)
    qtbot.mouseClick(dialog.form.type_buttons[VisitType.NURSING], Qt.MouseButton.LeftButton)
    dialog.form.set_occurred_at(clock.now + timedelta(days=1))
    qtbot.keyClicks(dialog.form.icd10, "ZZZ")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.text("reason") != "", timeout=5000)
    assert dialog.errors.text("reason") == "Is required"
    assert dialog.errors.text("occurred_at") == "Cannot be in the future"
    assert dialog.errors.text("icd10_codes").startswith("Must be ICD-10-CM codes")
    assert dialog.errors.text("cpt_codes") == ""
    assert _beside(dialog.findChild(QWidget, "reasonError"), dialog.form.reason)
    assert visits.list_visits(clinician, student.id) == []
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.form.reason.lineEdit(), "Headache")  # typing clears that message
    assert dialog.errors.text("reason") == ""
    assert dialog.errors.text("icd10_codes") != ""


def _beside(error: QWidget, field: QWidget) -> bool:
    """The error label sits in the same form cell as its field, right under it."""
    return error.parentWidget() is field.parentWidget() and error.isVisible()


def test_a_nurse_can_choose_only_nursing(nurse, clinician, student, open_visit):
    dialog = open_visit(nurse, student)
    enabled = {t for t, b in dialog.form.type_buttons.items() if b.isEnabled()}
    assert enabled == {VisitType.NURSING}
    assert dialog.form.visit_type() == "nursing"
    offered = [dialog.form.reason.itemText(i) for i in range(dialog.form.reason.count())]
    assert offered == list(COMMON_REASONS[VisitType.NURSING])


def test_a_refused_role_is_shown_at_the_top(qtbot, nurse, student, open_visit):
    dialog = open_visit(nurse, student)
    medical = dialog.form.type_buttons[VisitType.MEDICAL]
    medical.setEnabled(True)  # as if the form had not mirrored the role
    medical.setChecked(True)
    qtbot.keyClicks(dialog.form.reason.lineEdit(), "Rash")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.form_error.isVisible(), timeout=5000)
    assert "does not allow" in dialog.form_error.text()
    assert visits.list_visits(nurse, student.id) == []


def test_reasons_follow_the_type_and_free_text_is_kept(qtbot, clinician, student, open_visit):
    dialog = open_visit(clinician, student)
    assert dialog.form.visit_type() == ""  # a clinician chooses the type on purpose
    qtbot.keyClicks(dialog.form.reason.lineEdit(), "Bee sting")
    qtbot.mouseClick(dialog.form.type_buttons[VisitType.CRISIS], Qt.MouseButton.LeftButton)
    offered = [dialog.form.reason.itemText(i) for i in range(dialog.form.reason.count())]
    assert offered == list(COMMON_REASONS[VisitType.CRISIS])
    assert dialog.form.reason.currentText() == "Bee sting"


def test_the_time_defaults_to_now_in_local_time(clinician, student, open_visit, clock):
    dialog = open_visit(clinician, student)
    assert dialog.form.when.text() == "10/14/2026 10:30 AM"
    assert dialog.form.occurred_at() == clock.now


def test_a_kept_draft_survives_closing_the_dialog_and_the_app(
    qtbot, site, student, open_visit, prompts, clock
):
    session = site.sign_in("clinician")
    dialog = open_visit(session, student, autosave_ms=20)
    _type_visit(qtbot, dialog, note="Panic before the exam")
    clock.advance(minutes=12)
    qtbot.keyClicks(dialog.form.icd10, "F41.0")
    qtbot.waitUntil(
        lambda: (_draft(session, student) or {}).get("icd10_codes") == "F41.0", timeout=5000
    )
    prompts.answers["ask_close"] = "keep"  # "Keep draft"
    qtbot.keyClick(dialog.form.note, Qt.Key.Key_Escape)
    [asked] = prompts.take("ask_close")
    assert asked.kwargs["action"] == "Discard draft"
    assert not dialog.isVisible()
    operations.wait_for_idle()
    session.close()

    with site.sign_in("clinician") as again:
        reopened = open_visit(again, student)
        assert reopened.form.visit_type() == "behavioral_health"
        assert reopened.form.reason.currentText() == "Anxiety"
        assert reopened.form.note.toPlainText() == "Panic before the exam"
        assert reopened.form.icd10.text() == "F41.0"
        assert reopened.draft_notice.text() == "Restored your unsaved draft from 10:42 AM."
        operations.wait_for_idle()


def test_saving_the_visit_discards_its_draft(qtbot, clinician, student, open_visit):
    dialog = open_visit(clinician, student, autosave_ms=10)
    _type_visit(qtbot, dialog)
    qtbot.waitUntil(lambda: _draft(clinician, student) is not None, timeout=5000)
    with qtbot.waitSignal(dialog.visit_saved, timeout=5000):
        qtbot.keyClick(dialog.form.reason.lineEdit(), Qt.Key.Key_Enter, CTRL)
    assert _draft(clinician, student) is None
    assert len(visits.list_visits(clinician, student.id)) == 1


def test_cancel_and_discard_forgets_the_draft(qtbot, clinician, student, open_visit, prompts):
    dialog = open_visit(clinician, student, autosave_ms=10)
    _type_visit(qtbot, dialog)
    qtbot.waitUntil(lambda: _draft(clinician, student) is not None, timeout=5000)
    prompts.answers["ask_close"] = "discard"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert len(prompts.take("ask_close")) == 1
    qtbot.waitUntil(lambda: _draft(clinician, student) is None, timeout=5000)
    assert not dialog.isVisible()


def test_cancel_on_an_untouched_form_closes_without_asking(qtbot, clinician, student, open_visit):
    dialog = open_visit(clinician, student)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _draft(clinician, student) is None


def test_the_restored_notice_can_discard_the_draft(qtbot, clinician, student, open_visit):
    drafts.save_draft(clinician, "visit", student.id, {"reason": "Grief", "note": "Old text"})
    dialog = open_visit(clinician, student)
    assert dialog.form.note.toPlainText() == "Old text"
    assert dialog.draft_notice.text() == "Restored your unsaved draft."
    qtbot.mouseClick(dialog.draft_notice.button, Qt.MouseButton.LeftButton)
    assert dialog.form.note.toPlainText() == ""
    assert dialog.form.reason.currentText() == ""
    assert dialog.draft_notice.isHidden()
    qtbot.waitUntil(lambda: _draft(clinician, student) is None, timeout=5000)


def test_hiding_the_dialog_writes_the_draft_at_once(qtbot, clinician, student, open_visit):
    dialog = open_visit(clinician, student, autosave_ms=60_000)
    _type_visit(qtbot, dialog, note="Typed just before the screen locked")
    dialog.hide()  # what the idle lock does
    qtbot.waitUntil(
        lambda: (
            (_draft(clinician, student) or {}).get("note") == "Typed just before the screen locked"
        ),
        timeout=5000,
    )


def test_tab_moves_through_the_form_in_reading_order(clinician, student, open_visit):
    dialog = open_visit(clinician, student)
    expected = [
        "type-medical",
        "occurred_at",
        "nowButton",
        "reason",
        "note",
        "disposition",
        "duration_minutes",
        "icd10_codes",
        "cpt_codes",
        "saveButton",
    ]
    widget, names = dialog.form.type_buttons[VisitType.MEDICAL], []
    for _ in range(200):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.objectName() in expected:
            names.append(widget.objectName())
        widget = widget.nextInFocusChain()
    assert names[: len(expected)] == expected


def test_every_control_has_an_accessible_name(clinician, student, open_visit):
    assert unnamed_controls(open_visit(clinician, student)) == []


def unnamed_controls(window: QWidget) -> list[str]:
    """Controls a keyboard or screen-reader user can reach that have no accessible name
    (the editors Qt builds inside a combo box or a spin box take their owner's name)."""
    return [
        f"{type(w).__name__}#{w.objectName()}"
        for w in window.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(window)
        and not w.accessibleName()
        and not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
    ]


# --- issue 16: nothing preselected, drafts signed, one Tab stop for the date ---------------


def test_type_and_disposition_start_unchosen(clinician, nurse, student, open_visit):
    dialog = open_visit(clinician, student)
    assert dialog.form.visit_type() == "" and dialog.form.disposition.code() == ""
    assert dialog.form.disposition.currentIndex() == -1
    assert dialog.form.visit_input().disposition is None
    nursing = open_visit(nurse, student)
    assert nursing.form.visit_type() == "nursing" and nursing.form.disposition.code() == ""


def test_the_date_and_time_is_one_tab_stop(qtbot, clinician, student, open_visit):
    dialog = open_visit(clinician, student)
    dialog.form.when.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(dialog.form.when, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.form.now_button
    qtbot.keyClick(dialog.form.now_button, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is dialog.form.when


def test_a_visit_saved_without_a_disposition_stays_an_open_draft(
    qtbot, clinician, student, open_visit
):
    dialog = open_visit(clinician, student)
    _type_visit(qtbot, dialog)
    with qtbot.waitSignal(dialog.visit_saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].disposition is None and saved.args[0].status == "draft"


def test_sign_needs_a_disposition_chosen_by_a_person(qtbot, clinician, student, open_visit):
    dialog = open_visit(clinician, student)
    _type_visit(qtbot, dialog)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    qtbot.waitUntil(lambda: bool(dialog.errors.text("disposition")), timeout=5000)
    assert visits.list_visits(clinician, student.id) == []
    dialog.form.disposition.set_code("sent_home")
    dialog.form.duration.setValue(20)
    with qtbot.waitSignal(dialog.visit_saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].status == "signed" and saved.args[0].disposition == "sent_home"


def test_time_spent_is_never_defaulted_and_signing_needs_it(qtbot, clinician, student, open_visit):
    dialog = open_visit(clinician, student)
    assert dialog.form.duration.value() == 0
    assert dialog.form.duration.text() == "Not entered"
    _type_visit(qtbot, dialog)
    dialog.form.disposition.set_code("sent_home")
    with qtbot.waitSignal(dialog.visit_saved, timeout=5000) as saved:  # a draft may wait
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].duration_minutes == 0 and saved.args[0].status == "draft"
    draft = open_visit(clinician, student, visit=saved.args[0])
    qtbot.mouseClick(draft.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(draft.errors.text("duration_minutes")), timeout=5000)
    [stored] = visits.list_visits(clinician, student.id)
    assert stored.status == "draft"


def test_a_saved_draft_opens_for_editing_and_signing(qtbot, clinician, student, open_visit, clock):
    draft = visits.record_visit(
        clinician, student.id, factories.visit(clock(), disposition=None, note="First words.")
    )
    dialog = open_visit(clinician, student, visit=draft)
    assert dialog.form.note.toPlainText() == "First words."
    assert dialog.form.reason.currentText() == "Headache"
    assert dialog.form.disposition.code() == ""
    assert not dialog.has_unsaved_changes()  # filled from the record, not typed
    dialog.form.note.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(dialog.form.note, " More.")
    dialog.form.disposition.set_code("parent_picked_up")
    assert dialog.form.duration.value() == 15  # as recorded
    with qtbot.waitSignal(dialog.visit_saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    [stored] = visits.list_visits(clinician, student.id)
    assert stored.id == draft.id == saved.args[0].id
    assert (stored.status, stored.note, stored.reason_code) == (
        "signed",
        "First words. More.",
        "Headache",
    )
    assert drafts.load_draft(clinician, "visit", student.id) is None


def test_returned_to_class_with_an_acute_flag_asks_why(
    qtbot, clinician, student, open_visit, monkeypatch
):
    factories.open_flag(clinician, student.id)
    dialog = open_visit(clinician, student)
    asked = []
    monkeypatch.setattr(
        dialog, "ask_return_reason", lambda: asked.append(1) or "Cleared by crisis team."
    )
    _type_visit(qtbot, dialog)
    dialog.form.disposition.set_code("returned_to_class")
    with qtbot.waitSignal(dialog.visit_saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == [1]
    assert saved.args[0].note.endswith("Reason: Cleared by crisis team.")


def test_cancelling_the_reason_saves_nothing(qtbot, clinician, student, open_visit, monkeypatch):
    factories.open_flag(clinician, student.id)
    dialog = open_visit(clinician, student)
    monkeypatch.setattr(dialog, "ask_return_reason", lambda: None)
    _type_visit(qtbot, dialog)
    dialog.form.disposition.set_code("returned_to_class")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.form_error.text()), timeout=5000)
    assert "acute" in dialog.form_error.text()
    assert visits.list_visits(clinician, student.id) == []


def test_a_new_visit_offers_the_sittings_draft_instead(qtbot, clinician, student, open_visit):
    """One sitting is one visit: the user's own draft with this student today is offered."""
    sitting = visits.open_visit(clinician, student.id)
    dialog = open_visit(clinician, student)
    qtbot.waitUntil(lambda: dialog.sitting_notice.isVisible(), timeout=5000)
    assert "already have an unsigned visit" in dialog.sitting_notice.label.text()
    with qtbot.waitSignal(dialog.open_existing, timeout=5000) as opened:
        qtbot.mouseClick(dialog.sitting_notice.button, Qt.MouseButton.LeftButton)
    assert opened.args == [sitting.id] and not dialog.isVisible()


def test_no_sitting_no_notice(qtbot, clinician, student, open_visit):
    dialog = open_visit(clinician, student)
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=5000)
    QCoreApplication.processEvents()  # the answer's callback, delivered
    assert dialog._sitting is None and not dialog.sitting_notice.isVisible()
