"""The one error path: known errors shown calmly, anything else reported as a bug.

A ``ClinicError`` is a situation the user can understand (wrong password, disk full, the
database is busy): its ``.message`` (message data) is shown in the interface language; a
``ValidationError``'s lists each refused field on a line of its own. Any other exception
is a bug: the user sees "Something went wrong" with a "Copy details" button, and
``clinic.ui`` logs it.

Bug details carry the exception *type* and the stack frames (file, line, function) and
never the exception's message or arguments, which may hold a student's name or a date of
birth taken from the data being handled (nor source lines, so that nothing in the details
even looks like data). File paths are cut down to the part below the installation (a home
folder's name is personal too).
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import PurePath
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, qVersion
from PySide6.QtWidgets import QApplication, QWidget

from clinic_desktop import __version__
from clinic_desktop.errors import ClinicError
from clinic_desktop.ui import dialogs, i18n

log = logging.getLogger("clinic.ui")

BUG_MESSAGE = QT_TRANSLATE_NOOP(
    "errors",
    "This is a problem in Clinic Desktop, not something you did. Work saved before this "
    "point is safe. Please copy the details and send them to your IT contact: they "
    "contain no student information.",
)
_MAX_CHAIN = 5
_state = {"showing": False}

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def is_known(exc: BaseException) -> bool:
    return isinstance(exc, ClinicError)


def report(exc: BaseException, parent: QWidget | None = None) -> None:
    """Show ``exc`` to the user the way its kind deserves, and log it."""
    if is_known(exc):
        log.info("refused: %s", type(exc).__name__)
        dialogs.show_error(parent, i18n.translate_message(getattr(exc, "message", "")))
        return
    details = log_failure(exc)
    if _state["showing"]:
        return  # one bug dialog at a time; the rest are in the log
    _state["showing"] = True
    try:
        dialogs.show_error(
            parent, QCoreApplication.translate("errors", BUG_MESSAGE), details=details
        )
    finally:
        _state["showing"] = False


def log_failure(exc: BaseException) -> str:
    """Log a failure without its message text; return the details that were logged."""
    if is_known(exc):
        log.info("refused: %s", type(exc).__name__)
        return type(exc).__name__
    details = bug_details(exc)
    log.error("unexpected error (bug)\n%s", details)
    return details


def bug_details(exc: BaseException) -> str:
    """Versions, then each exception in the chain as its type and frames: no message."""
    lines = [
        f"Clinic Desktop {__version__}",
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}",
        f"{platform.system()} {platform.release()}",
        "",
    ]
    for depth, link in enumerate(_chain(exc)):
        if depth:
            lines += ["", "While handling / caused by:"]
        lines.append(f"{type(link).__module__}.{type(link).__qualname__}")
        lines += _frames(link.__traceback__)
    return "\n".join(lines)


def install_excepthook() -> ExceptHook:
    """Route uncaught exceptions (from slots and event handlers too) to ``report``.

    Returns the previous hook so a test can put it back.
    """
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            previous(exc_type, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        if QApplication.instance() is None:
            print(log_failure(exc), file=sys.stderr)
            return
        report(exc, QApplication.activeWindow())

    sys.excepthook = hook
    return previous


def _chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < _MAX_CHAIN:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _frames(tb: TracebackType | None) -> list[str]:
    lines = []
    for frame in traceback.extract_tb(tb):
        lines.append(
            f'  File "{_short_path(frame.filename)}", line {frame.lineno}, in {frame.name}'
        )
    return lines or ["  (no stack frames)"]


def _short_path(filename: str) -> str:
    """The path from the package (or library) folder down, never a home folder."""
    parts = PurePath(filename).parts
    for anchor in ("clinic_desktop", "site-packages", "tests"):
        if anchor in parts:
            index = len(parts) - 1 - parts[::-1].index(anchor)
            start = index + 1 if anchor == "site-packages" else index
            return "/".join(parts[start:])
    return PurePath(filename).name
