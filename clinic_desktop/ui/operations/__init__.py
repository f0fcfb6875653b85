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

A long task can report progress: built with ``reports_progress=True`` it is called as
``task(report)``, and each ``report(done, total)`` arrives on the GUI thread as the
``progressed(done, total)`` signal and the ``progress`` callback (throttled, so a
100,000-row file does not flood the event queue; the last step always arrives, before
the result).

An operation that writes declares what it changes (``changes=frozenset({Change.VISITS})``);
when it succeeds, ``ui.changes`` announces them and every view showing one of those kinds
reloads (after the caller's ``success`` callback, and even when the caller is gone: the
write happened). An operation that declares nothing reloads nothing.

The services open their own database session per call, so the worker thread never shares
one with the GUI thread. The per-entity modules in this package (``site``, ``students``)
are the thin operations windows call.
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from clinic_desktop.domain.changes import NOTHING, Change
from clinic_desktop.errors import ClinicError
from clinic_desktop.ui import changes as ui_changes
from clinic_desktop.ui import errors as ui_errors

log = logging.getLogger("clinic.ui")

#: Operations started and not yet delivered, by id; keeps them alive while their task runs.
_running: dict[int, Operation] = {}
_ids = itertools.count(1)


class _Relay(QObject):
    """The one bridge from worker threads to the GUI thread: workers emit (operation id,
    outcome), the GUI thread receives (queued) and hands the outcome to the operation.

    There is one relay for the process, created on the GUI thread and never freed, and a
    worker holds only an operation's *id*: so no worker thread ever drops the last
    reference to a QObject. (With a relay per operation, the finished task released it
    on the worker thread while the GUI thread was freeing its operation: a crash.)
    """

    result = Signal(int, object)
    error = Signal(int, object)
    progress = Signal(int, int, int)

    def __init__(self) -> None:
        super().__init__()
        queued = Qt.ConnectionType.QueuedConnection
        self.result.connect(self._on_result, queued)
        self.error.connect(self._on_error, queued)
        self.progress.connect(self._on_progress, queued)

    @Slot(int, object)
    def _on_result(self, op_id: int, value: object) -> None:
        operation = _running.get(op_id)
        if operation is not None:
            operation._deliver_result(value)

    @Slot(int, object)
    def _on_error(self, op_id: int, exc: BaseException) -> None:
        operation = _running.get(op_id)
        if operation is not None:
            operation._deliver_error(exc)

    @Slot(int, int, int)
    def _on_progress(self, op_id: int, done: int, total: int) -> None:
        operation = _running.get(op_id)
        if operation is not None:
            operation._deliver_progress(done, total)


_relays: list[_Relay] = []


def _relay() -> _Relay:
    """The process's relay, made on first use (always on the GUI thread: operations are
    started there)."""
    if not _relays:
        _relays.append(_Relay())
    return _relays[0]


#: A task's progress callback: ``report(done, total)``, callable from the worker thread.
Report = Callable[[int, int], None]
#: At most this many progress signals per operation (plus the last step).
_PROGRESS_STEPS = 200


class _Reporter:
    """Forwards ``report(done, total)`` from the worker, skipping steps too small to see
    (each one is a queued event the GUI thread must process)."""

    def __init__(self, op_id: int) -> None:
        self._op_id = op_id
        self._last: int | None = None

    def __call__(self, done: int, total: int) -> None:
        step = max(1, total // _PROGRESS_STEPS)
        if done != total and self._last is not None and done - self._last < step:
            return
        self._last = done
        _relay().progress.emit(self._op_id, done, total)


class _Task(QRunnable):
    def __init__(self, op_id: int, task: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._op_id = op_id
        self._task: Callable[[], Any] | None = task
        self._relay = relay  # the process's relay: never freed, safe to hold here

    def run(self) -> None:
        task, self._task = self._task, None  # the callable is not kept once it ran
        try:
            value = task()  # type: ignore[misc]
        except BaseException as exc:
            self._relay.error.emit(self._op_id, exc)
        else:
            self._relay.result.emit(self._op_id, value)


class Operation(QObject):
    """A callable run off the GUI thread; its outcome is delivered on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    #: ``(done, total)`` from a task built with ``reports_progress=True``.
    progressed = Signal(int, int)

    def __init__(
        self,
        parent: QWidget | None,
        task: Callable[..., Any],
        *,
        reports_progress: bool = False,
        changes: frozenset[Change] = NOTHING,
    ) -> None:
        super().__init__()
        self._owner = parent
        self._task = task
        self._reports_progress = reports_progress
        #: What a success changes: announced to the views once the result is delivered.
        self.changes = changes
        self._on_progress: Callable[[int, int], None] | None = None
        self._on_success: Callable[[Any], None] | None = None
        self._on_known_error: Callable[[ClinicError], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_done: Callable[[], None] | None = None
        self._id = next(_ids)

    def progress(self, callback: Callable[[int, int], None]) -> Operation:
        """Call ``callback(done, total)`` on the GUI thread as the task reports progress."""
        self._on_progress = callback
        return self

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
        _running[self._id] = self
        task = self._task
        if self._reports_progress:
            task = functools.partial(self._task, _Reporter(self._id))
        QThreadPool.globalInstance().start(_Task(self._id, task, _relay()))
        return self

    def _deliver_progress(self, done: int, total: int) -> None:
        if not self._owner_alive():
            return
        self.progressed.emit(done, total)
        if self._on_progress is not None:
            self._on_progress(done, total)

    def _deliver_result(self, value: object) -> None:
        try:
            if self._owner_alive():
                self.succeeded.emit(value)
                if self._on_success is not None:
                    self._on_success(value)
        finally:
            self._finish()
            ui_changes.announce(self.changes)

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
            _running.pop(self._id, None)


def wait_with_progress(parent: QWidget | None, label: str, task: Callable[[], Any]) -> Any:
    """Run ``task`` in the background behind a busy dialog; return its result.

    For the few start-up steps the app cannot go on without (preparing the demo clinic).
    Raises the task's exception, so the caller decides what a failure means.
    """
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setWindowTitle(QCoreApplication.translate("operations", "Clinic Desktop"))
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
