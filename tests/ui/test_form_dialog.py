"""The one form-dialog base, through real dialogs: submit keys, the busy state, refusals
in the fields (and gone when the field changes), closing as a reject, and the "Close
without saving?" question that can send the user back to the form."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from clinic_desktop.services import consents, drafts, students
from clinic_desktop.ui import dialogs, operations
from clinic_desktop.ui.revoke_consent_dialog import RevokeConsentDialog
from clinic_desktop.ui.user_dialog import UserDialog
from clinic_desktop.ui.widgets.form_dialog import full_sentence
from tests import factories
from tests.ui.test_consents_ui import paper
from tests.ui.test_visit_dialog import _type_visit, open_visit, student  # noqa: F401

TIMEOUT = 5000
LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
#: The visit dialog has a completer popup the offscreen platform cannot raise or grab.
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


@pytest.fixture
def revoke_dialog(qtbot, clinician):
    pupil = students.create_student(clinician, factories.student(), (factories.guardian(),))
    view = consents.record_consent(clinician, pupil.id, paper(pupil, "services", date(2026, 9, 1)))
    dialog = RevokeConsentDialog(clinician, view)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def user_dialog(qtbot, admin):
    dialog = UserDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_while_saving_the_fields_and_buttons_are_off_and_the_dialog_stays(qtbot, revoke_dialog):
    dialog = revoke_dialog
    with qtbot.waitSignal(dialog.consent_revoked, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.revoke_button, LEFT)
        # The answer arrives through the event loop: until then the dialog is busy.
        assert dialog.busy
        assert dialog.status.text() == "Saving…"
        assert not dialog.revoked_on.isEnabled()
        assert not dialog.revoke_button.isEnabled()
        assert not dialog.cancel_button.isEnabled()
        dialog.reject()  # Esc while saving does nothing
        assert dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_refusal_shows_beside_its_field_and_goes_when_the_field_changes(qtbot, revoke_dialog):
    dialog = revoke_dialog
    dialog.revoked_on.set_value(date(2026, 12, 1))
    qtbot.mouseClick(dialog.revoke_button, LEFT)
    qtbot.waitUntil(lambda: dialog.errors.text("revoked_on") != "", timeout=TIMEOUT)
    assert dialog.errors.text("revoked_on") == "Cannot be in the future"
    assert not dialog.busy and dialog.revoked_on.isEnabled()
    dialog.revoked_on.set_value(date(2026, 10, 1))
    assert dialog.errors.text("revoked_on") == ""


def test_ctrl_enter_submits_from_any_field(qtbot, revoke_dialog):
    dialog = revoke_dialog
    with qtbot.waitSignal(dialog.consent_revoked, timeout=TIMEOUT):
        qtbot.keyClick(dialog.revoked_on.edit, Qt.Key.Key_Return, CTRL)


def test_enter_submits_only_from_the_last_single_line_field(qtbot, user_dialog):
    dialog = user_dialog
    qtbot.keyClick(dialog.inputs["username"], Qt.Key.Key_Return)
    assert not dialog.busy
    assert dialog.field_error("username") == ""
    qtbot.keyClick(dialog.inputs["confirm"], Qt.Key.Key_Return)
    assert dialog.busy  # submitted: the (empty) account goes to the service
    qtbot.waitUntil(lambda: dialog.field_error("username") != "", timeout=TIMEOUT)


def test_a_mismatched_confirmation_is_caught_by_the_form(qtbot, user_dialog):
    dialog = user_dialog
    qtbot.keyClicks(dialog.inputs["password"], "a-long-password")
    qtbot.keyClicks(dialog.inputs["confirm"], "another-password")
    qtbot.mouseClick(dialog.create_button, LEFT)
    assert not dialog.busy
    assert dialog.field_error("confirm") == "The passwords do not match."
    qtbot.keyClicks(dialog.inputs["confirm"], "x")
    assert dialog.field_error("confirm") == ""


@pytest.mark.parametrize(
    "close", [lambda q, d: q.keyClick(d, Qt.Key.Key_Escape), lambda q, d: d.close()]
)
def test_esc_and_the_close_button_reject_an_untouched_form(qtbot, revoke_dialog, close):
    with qtbot.waitSignal(revoke_dialog.rejected, timeout=TIMEOUT):
        close(qtbot, revoke_dialog)
    assert not revoke_dialog.isVisible()


def test_cancel_on_close_without_saving_returns_to_the_form(
    qtbot,
    clinician,
    student,  # noqa: F811
    open_visit,  # noqa: F811
    prompts,
):
    dialog = open_visit(clinician, student)
    _type_visit(qtbot, dialog)
    prompts.answers["ask_close"] = dialogs.STAY  # Cancel on "Close without saving?"
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    [asked] = prompts.take("ask_close")
    assert asked.args[1] == "Close without saving?"
    assert asked.kwargs == {"action": "Discard draft", "keep": "Keep draft"}
    assert dialog.isVisible()
    assert dialog.form.note.toPlainText() == "Talked through test worries."
    prompts.answers["ask_close"] = dialogs.KEEP
    dialog.close()  # the window's close button asks the same
    assert len(prompts.take("ask_close")) == 1
    assert not dialog.isVisible()
    qtbot.waitUntil(
        lambda: drafts.load_draft(clinician, "visit", student.id) is not None, timeout=TIMEOUT
    )


def test_a_known_error_reads_as_a_full_sentence():
    assert full_sentence("the disk is full") == "The disk is full."
    assert full_sentence("Wait a minute.") == "Wait a minute."
    assert full_sentence("") == ""
