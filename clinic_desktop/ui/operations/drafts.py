"""Thin UI operations on drafts: unsaved input kept inside the encrypted store.

Autosaves run in the background while the user types, so one may still be waiting for the
write lock when the form's final action (save the record, or discard the draft) runs; it
would then write the draft back after it was discarded. A ``DraftGuard`` per open form
orders them: the final action ends the draft under the guard's lock, and any autosave
that arrives later finds the draft ended and writes nothing.
"""

from __future__ import annotations

import functools
import threading
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QWidget

from clinic_desktop.services import drafts
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation

T = TypeVar("T")


class DraftGuard:
    """Orders one form's draft writes: the newest wins, and nothing follows the end.

    Each write carries a serial number from the form (incremented per autosave), so an
    older autosave that reaches the lock late is skipped instead of overwriting a newer one.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._written = 0
        self.ended = False

    def write(self, serial: int, action: Callable[[], T]) -> T | None:
        """Run an autosave (or a discard the form goes on after) unless it is stale."""
        with self._lock:
            if self.ended or serial <= self._written:
                return None
            result = action()
            self._written = serial
            return result

    def end(self, action: Callable[[], T]) -> T:
        """Run the final action; only if it succeeds is the draft over."""
        with self._lock:
            result = action()
            self.ended = True
            return result


def save_draft(
    *,
    parent: QWidget | None,
    session: ClinicSession,
    kind: str,
    student_id: uuid.UUID | None,
    payload: dict[str, Any],
    guard: DraftGuard,
    serial: int,
) -> Operation:
    """Create or replace the user's draft (edit number ``serial``); result: None."""
    save = functools.partial(drafts.save_draft, session, kind, student_id, payload)
    return Operation(parent, lambda: guard.write(serial, save))


def load_draft(
    *, parent: QWidget | None, session: ClinicSession, kind: str, student_id: uuid.UUID | None
) -> Operation:
    """The user's draft of ``kind`` for the student; result: the payload dict or None."""
    return Operation(parent, lambda: drafts.load_draft(session, kind, student_id))


def discard_draft(
    *,
    parent: QWidget | None,
    session: ClinicSession,
    kind: str,
    student_id: uuid.UUID | None,
    guard: DraftGuard,
    serial: int | None = None,
) -> Operation:
    """Forget the draft. With ``serial`` the form goes on (the discard is ordered among
    its autosaves); without, the draft ends and no late autosave can bring it back."""
    discard = functools.partial(drafts.discard_draft, session, kind, student_id)
    if serial is None:
        return Operation(parent, lambda: guard.end(discard))
    return Operation(parent, lambda: guard.write(serial, discard))
