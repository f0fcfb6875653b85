"""The one way the UI runs work that can take time: ``Operation``.

An operation runs a callable on a worker thread (``QThreadPool``) and hands the outcome
back on the GUI thread, through signals (``succeeded``, ``failed``, ``finished``) and the
callbacks registered with ``success`` / ``known_error`` / ``done``::

    Operation(self, lambda: students.search_students(session, text)).success(
        self._show_results
    ).run_in_background()

Failures take one path: a known error (``ClinicError``) goes to the caller's
``known_error`` callback when it registered one; everything else, and known errors nobody
handles, goes to ``ui.errors.report``. Callers cannot swallow a bug by accident.

The services open their own database session per call, so the worker thread never shares
one with the GUI thread. The per-entity modules in this package (``site``, ``students``)
are the thin operations windows call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from clinic_desktop.errors import ClinicError
from clinic_desktop.ui import errors as ui_errors

log = logging.getLogger("clinic.ui")

#: Operations started and not yet delivered; keeps them alive while their task runs.
_running: set[Operation] = set()


class _Relay(QObject):
    """Created on the GUI thread; the worker emits, the GUI thread receives (queued)."""

    result = Signal(object)
    error = Signal(object)


class _Task(QRunnable):
    def __init__(self, task: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._task = task
        self._relay = relay

    def run(self) -> None:
        try:
            value = self._task()
        except BaseException as exc:
            self._relay.error.emit(exc)
        else:
            self._relay.result.emit(value)


class Operation(QObject):
    """A callable run off the GUI thread; its outcome is delivered on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, parent: QWidget | None, task: Callable[[], Any]) -> None:
        super().__init__()
        self._owner = parent
        self._task = task
        self._on_success: Callable[[Any], None] | None = None
        self._on_known_error: Callable[[ClinicError], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_done: Callable[[], None] | None = None
        self._relay = _Relay()
        self._relay.result.connect(self._deliver_result, Qt.ConnectionType.QueuedConnection)
        self._relay.error.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)

    def success(self, callback: Callable[[Any], None]) -> Operation:
        """Call ``callback(result)`` on the GUI thread when the task returns."""
        self._on_success = callback
        return self

    def known_error(self, callback: Callable[[ClinicError], None]) -> Operation:
        """Handle known errors here (inline messages); bugs still go to the error path."""
        self._on_known_error = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation:
        """Take every failure, bugs included (the caller re-raises or reports them)."""
        self._on_failure = callback
        return self

    def done(self, callback: Callable[[], None]) -> Operation:
        """Call ``callback()`` after success or failure (clear a busy state)."""
        self._on_done = callback
        return self

    def run_in_background(self) -> Operation:
        _running.add(self)
        QThreadPool.globalInstance().start(_Task(self._task, self._relay))
        return self

    @Slot(object)
    def _deliver_result(self, value: object) -> None:
        try:
            if self._owner_alive():
                self.succeeded.emit(value)
                if self._on_success is not None:
                    self._on_success(value)
        finally:
            self._finish()

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        try:
            if not self._owner_alive():
                ui_errors.log_failure(exc)
                return
            self.failed.emit(exc)
            if self._on_failure is not None:
                self._on_failure(exc)
            elif isinstance(exc, ClinicError) and self._on_known_error is not None:
                self._on_known_error(exc)
            else:
                ui_errors.report(exc, self._owner)
        finally:
            self._finish()

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    def _finish(self) -> None:
        try:
            if self._on_done is not None and self._owner_alive():
                self._on_done()
            self.finished.emit()
        finally:
            _running.discard(self)


def wait_with_progress(parent: QWidget | None, label: str, task: Callable[[], Any]) -> Any:
    """Run ``task`` in the background behind a busy dialog; return its result.

    For the few start-up steps the app cannot go on without (preparing the demo clinic).
    Raises the task's exception, so the caller decides what a failure means.
    """
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setWindowTitle("Clinic Desktop")
    progress.setCancelButton(None)
    progress.setMinimumDuration(0)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    operation = (
        Operation(None, task)
        .success(lambda value: outcome.setdefault("value", value))
        .failure(lambda exc: outcome.setdefault("error", exc))
        .done(loop.quit)
    )
    progress.show()
    operation.run_in_background()
    if not outcome:
        loop.exec()
    progress.close()
    progress.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def wait_for_idle(msecs: int = 5000) -> bool:
    """Wait for background tasks to end (before closing the session they use)."""
    return QThreadPool.globalInstance().waitForDone(msecs)


def running_count() -> int:
    """Operations started and not yet delivered (for tests and shutdown)."""
    return len(_running)
