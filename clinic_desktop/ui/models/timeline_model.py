"""A student's timeline, newest first, loaded a page at a time as the view scrolls.

The first page comes with the chart; ``fetchMore`` asks the service for entries older than
the oldest one loaded (``timeline(before=...)``), so years of history cost nothing until
someone scrolls to them.
"""

from __future__ import annotations

import uuid
from datetime import tzinfo

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import QWidget

from clinic_desktop.clock import local_zone
from clinic_desktop.services.chart import TimelineEntry
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.paged_model import Index, PagedListModel
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import chart as chart_ops

#: The row's ``TimelineEntry``.
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 10
#: Shown, in italics, instead of a behavioral-health note the role may not read.
HIDDEN_NOTE_TEXT = "Behavioral-health note — not visible to your role"


KIND_LABELS = {
    "visit": "Visit",
    "screening": "Screening",
    "referral": "Referral",
    "consent": "Consent",
}


def spoken_text(entry: TimelineEntry, zone: tzinfo) -> str:
    """The whole entry as one sentence, for screen readers and tooltips."""
    detail = f"{HIDDEN_NOTE_TEXT}. {entry.text}" if entry.hidden else entry.text
    return f"{formats.date_time(entry.at, zone)}. {entry.title}. {detail}".strip()


class TimelineModel(PagedListModel):
    """Timeline entries of one student, newest first."""

    def __init__(
        self,
        session: ClinicSession,
        owner: QWidget,
        *,
        page_size: int = chart_ops.TIMELINE_PAGE,
    ) -> None:
        super().__init__(session, owner, page_size)
        self.zone = local_zone(session.now())
        self.student_id: uuid.UUID | None = None
        self.loaded_once = False

    def load(self, student_id: uuid.UUID | None) -> None:
        """Show ``student_id``'s timeline from the newest entry (None: empty)."""
        self.student_id = student_id
        self.loaded_once = False
        self._start_over(active=student_id is not None)

    def reload(self) -> None:
        self.load(self.student_id)

    def _request_page(self, generation: int) -> Operation:
        assert self.student_id is not None
        return chart_ops.timeline_page(
            parent=self.owner,
            session=self.session,
            student_id=self.student_id,
            before=self._rows[-1].cursor if self._rows else None,
            limit=self.page_size,
        )

    def _after_page(self) -> None:
        self.loaded_once = True

    def entry(self, row: int) -> TimelineEntry:
        return self._rows[row]

    def entries(self) -> list[TimelineEntry]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self._row(index)
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == ENTRY_ROLE:
            return entry
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return spoken_text(entry, self.zone)
        return None
