import threading

import pytest

from clinic_desktop.errors import ClinicError, WrongPasswordError
from clinic_desktop.ui import operations
from clinic_desktop.ui.operations import Operation


def _raise(exc: BaseException):
    def task():
        raise exc

    return task


def test_result_is_computed_off_and_delivered_on_the_gui_thread(qtbot):
    gui = threading.get_ident()
    delivered = []
    op = Operation(None, threading.get_ident).success(
        lambda worker: delivered.append((worker, threading.get_ident()))
    )
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    [(worker, receiver)] = delivered
    assert worker != gui
    assert receiver == gui
    assert operations.running_count() == 0


def test_known_error_goes_to_the_callers_handler(qtbot):
    handled = []
    op = Operation(None, _raise(WrongPasswordError())).known_error(handled.append)
    with qtbot.waitSignal(op.failed, timeout=5000):
        op.run_in_background()
    assert [type(e) for e in handled] == [WrongPasswordError]


def test_unhandled_known_error_is_shown_calmly(qtbot, prompts):
    op = Operation(None, _raise(ClinicError("The disk is full.")))
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    [shown] = prompts.take("show_error")
    assert shown.args[1] == "The disk is full."
    assert shown.kwargs.get("details") is None


def test_a_bug_reaches_the_error_path_even_with_a_known_error_handler(qtbot, prompts):
    handled = []
    op = Operation(None, _raise(KeyError("José Ñúñez"))).known_error(handled.append)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert handled == []
    [shown] = prompts.take("show_error")
    assert "KeyError" in shown.kwargs["details"]
    assert "Ñúñez" not in shown.kwargs["details"]


def test_failure_handler_takes_every_failure(qtbot):
    taken = []
    op = Operation(None, _raise(RuntimeError("boom"))).failure(taken.append)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert [type(e) for e in taken] == [RuntimeError]


def test_done_runs_after_success_and_after_failure(qtbot):
    events = []
    ok = Operation(None, lambda: 1).success(events.append).done(lambda: events.append("done"))
    bad = (
        Operation(None, _raise(WrongPasswordError()))
        .known_error(lambda e: events.append("refused"))
        .done(lambda: events.append("done"))
    )
    with qtbot.waitSignals([ok.finished, bad.finished], timeout=5000):
        ok.run_in_background()
        bad.run_in_background()
    assert sorted(map(str, events)) == ["1", "done", "done", "refused"]


def test_callbacks_are_skipped_when_the_owner_is_gone(qtbot):
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    called = []
    gate = threading.Event()
    op = Operation(owner, lambda: gate.wait(5)).success(called.append)
    op.run_in_background()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _valid(owner))
    with qtbot.waitSignal(op.finished, timeout=5000):
        gate.set()
    assert called == []


def test_wait_with_progress_returns_the_result_or_raises(qtbot):
    assert operations.wait_with_progress(None, "Working…", lambda: 42) == 42
    with pytest.raises(WrongPasswordError):
        operations.wait_with_progress(None, "Working…", _raise(WrongPasswordError()))


def _valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_a_bug_in_a_success_callback_still_finishes_the_operation(qtbot):
    def broken(_value):
        raise ZeroDivisionError

    op = Operation(None, lambda: 1).success(broken)
    with qtbot.capture_exceptions() as raised, qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert operations.running_count() == 0
    assert [type(e[1]) for e in raised] == [ZeroDivisionError]
