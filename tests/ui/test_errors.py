import logging
import sys

from PySide6.QtGui import QGuiApplication

from clinic_desktop.errors import AccountLockedError
from clinic_desktop.ui import errors
from clinic_desktop.ui.error_dialog import ErrorDialog

SECRET = "Ñúñez, José 2010-03-14"


def _failing_bug() -> BaseException:
    def load_chart():
        raise ValueError(SECRET)

    try:
        try:
            load_chart()
        except ValueError as inner:
            raise RuntimeError(f"while opening {SECRET}") from inner
    except RuntimeError as exc:
        return exc
    raise AssertionError("unreachable")


def test_bug_details_have_types_and_frames_but_no_message():
    details = errors.bug_details(_failing_bug())
    assert "builtins.RuntimeError" in details
    assert "builtins.ValueError" in details
    assert "in load_chart" in details
    assert "Ñúñez" not in details
    assert "2010-03-14" not in details


def test_bug_details_do_not_show_home_folders():
    details = errors.bug_details(_failing_bug())
    assert "/home/" not in details
    assert "tests/ui/test_errors.py" in details


def test_a_bug_is_logged_and_shown_without_its_message(prompts, caplog):
    with caplog.at_level(logging.ERROR, logger="clinic.ui"):
        errors.report(_failing_bug())
    [shown] = prompts.take("show_error")
    assert shown.args[1] == errors.BUG_MESSAGE
    assert SECRET not in shown.kwargs["details"]
    [record] = [r for r in caplog.records if r.name == "clinic.ui"]
    assert "RuntimeError" in record.getMessage()
    assert "Ñúñez" not in record.getMessage()


def test_a_known_error_is_shown_with_its_message_and_no_details(prompts):
    errors.report(AccountLockedError())
    [shown] = prompts.take("show_error")
    assert shown.args[1] == AccountLockedError.message
    assert "details" not in shown.kwargs


def test_excepthook_routes_uncaught_exceptions_to_the_error_path(qapp, prompts, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    exc = _failing_bug()
    sys.excepthook(type(exc), exc, exc.__traceback__)
    [shown] = prompts.take("show_error")
    assert "RuntimeError" in shown.kwargs["details"]


def test_error_dialog_copies_the_details(qtbot):
    details = errors.bug_details(_failing_bug())
    dialog = ErrorDialog(errors.BUG_MESSAGE, details)
    qtbot.addWidget(dialog)
    assert dialog.details_view.toPlainText() == details
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == details
    assert dialog.copy_button.text() == "Copied"
