"""The base of chart tabs that load one student's records when first shown.

Each list behind these tabs is an audited chart read, so a chart opened only to glance at
the timeline must not record a screenings, referrals or consents read: the tab loads when
it becomes visible, once per student, and again after ``reload``: when a change notice
touches what the tab ``shows`` (``ui.changes``), or when asked. A generation counter drops
answers for a student no longer shown.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLayout, QStackedWidget, QVBoxLayout, QWidget

from clinic_desktop.domain.changes import Change
from clinic_desktop.errors import ClinicError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import changes, style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.operations import Operation


class StudentTab(QWidget):
    """A toolbar (always shown, so "New …" is there for a student with nothing yet) over
    ``content`` once loaded, or a centred sentence instead (loading, empty, refused)."""

    #: The tab saved something for the student (the main window says "Saved."; what is
    #: shown reloads on the change notice).
    records_changed = Signal()

    #: Marked for translation in the "StudentTab" context (subclasses too), translated
    #: when shown.
    loading_text = QT_TRANSLATE_NOOP("StudentTab", "Loading…")
    #: The kinds of record the tab shows: a change notice naming one reloads it.
    shows: frozenset[Change] = frozenset()

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.student_id: uuid.UUID | None = None
        self._loaded_for: uuid.UUID | None = None
        self._generation = 0
        self.state_label = style.secondary("")
        self.state_label.setObjectName("tabState")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pages = QStackedWidget()
        changes.subscribe(self, self.shows, lambda _changed: self.reload())

    def set_content(self, toolbar: QLayout | None, content: QWidget) -> None:
        """The toolbar row (if any) and the page shown once records are loaded (call once)."""
        self.content = content
        self._pages.addWidget(content)
        self._pages.addWidget(self.state_label)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, style.SPACING, 0, 0)
        column.setSpacing(style.SPACING)
        if toolbar is not None:
            column.addLayout(toolbar)
        column.addWidget(self._pages, 1)

    # --- loading -------------------------------------------------------------------------

    def set_student(self, student_id: uuid.UUID | None) -> None:
        """Show ``student_id``'s records (now if visible, else when the tab is shown)."""
        self.student_id = student_id
        self._loaded_for = None
        self._generation += 1
        self.clear()
        if self.isVisible():
            self.load()

    def reload(self) -> None:
        self._loaded_for = None
        if self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._loaded_for != self.student_id:
            self.load()

    def load(self) -> None:
        if self.student_id is None:
            return
        self._generation += 1
        generation, student_id = self._generation, self.student_id
        self._loaded_for = student_id
        if not self.has_records():
            self.set_state(self.loading_state())
        self.fetch(student_id).success(lambda found: self._arrived(generation, found)).known_error(
            lambda exc: self._refused(generation, exc)
        ).run_in_background()

    def _arrived(self, generation: int, found: object) -> None:
        if generation == self._generation:
            self.show_records(found)

    def _refused(self, generation: int, exc: ClinicError) -> None:
        if generation == self._generation:
            self.set_state(translate_message(exc.message))

    def set_state(self, text: str) -> None:
        """A sentence instead of the content; empty text shows the content."""
        self.state_label.setText(text)
        self._pages.setCurrentWidget(self.state_label if text else self.content)

    # --- for subclasses ------------------------------------------------------------------

    def fetch(self, student_id: uuid.UUID) -> Operation:
        """The operation that loads the records (not started)."""
        raise NotImplementedError

    def show_records(self, found: object) -> None:
        """Show what ``fetch`` returned."""
        raise NotImplementedError

    def loading_state(self) -> str:
        """The sentence shown while the records load."""
        return QCoreApplication.translate("StudentTab", self.loading_text)

    def has_records(self) -> bool:
        """Whether records are on screen (a reload then keeps them until the new arrive)."""
        return False

    def clear(self) -> None:
        """Forget the previous student's records."""
