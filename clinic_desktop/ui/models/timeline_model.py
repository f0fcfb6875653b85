"""A student's timeline, newest first, loaded a page at a time as the view scrolls.

The first page comes with the chart; ``fetchMore`` asks the service for entries older than
the oldest one loaded (``timeline(before=...)``), so years of history cost nothing until
someone scrolls to them. ``KindFilter`` shows one kind of entry (screenings, referrals,
consents) out of the same pages, and asks for more pages through the source model.
"""

from __future__ import annotations

import uuid
from datetime import tzinfo

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QWidget

from clinic_desktop.clock import local_zone
from clinic_desktop.errors import ClinicError
from clinic_desktop.services.chart import TimelineEntry
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.operations import chart as chart_ops

#: The row's ``TimelineEntry``.
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 10
#: Shown, in italics, instead of a behavioral-health note the role may not read.
HIDDEN_NOTE_TEXT = "Behavioral-health note — not visible to your role"

Index = QModelIndex | QPersistentModelIndex

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


class TimelineModel(QAbstractListModel):
    """Timeline entries of one student, newest first."""

    #: A page arrived (argument: entries now loaded).
    page_loaded = Signal(int)
    refused = Signal(object)

    def __init__(
        self,
        session: ClinicSession,
        owner: QWidget,
        *,
        page_size: int = chart_ops.TIMELINE_PAGE,
    ) -> None:
        super().__init__(owner)
        self.session = session
        self.owner = owner
        self.page_size = page_size
        self.zone = local_zone(session.now())
        self.student_id: uuid.UUID | None = None
        self.loaded_once = False
        self._entries: list[TimelineEntry] = []
        self._generation = 0
        self._loading = False
        self._exhausted = True

    def load(self, student_id: uuid.UUID | None) -> None:
        """Show ``student_id``'s timeline from the newest entry (None: empty)."""
        self._generation += 1
        self.beginResetModel()
        self.student_id = student_id
        self._entries = []
        self.loaded_once = False
        self._loading = False
        self._exhausted = student_id is None
        self.endResetModel()
        if student_id is not None:
            self._load_page(self._generation)

    def reload(self) -> None:
        self.load(self.student_id)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._loading and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._load_page(self._generation)

    def is_loading(self) -> bool:
        return self._loading

    def _load_page(self, generation: int) -> None:
        assert self.student_id is not None
        self._loading = True
        before = self._entries[-1].cursor if self._entries else None
        chart_ops.timeline_page(
            parent=self.owner,
            session=self.session,
            student_id=self.student_id,
            before=before,
            limit=self.page_size,
        ).success(lambda page: self._page_arrived(generation, page)).known_error(
            lambda exc: self._refused(generation, exc)
        ).done(lambda: self._page_done(generation)).run_in_background()

    def _page_arrived(self, generation: int, page: list[TimelineEntry]) -> None:
        if generation != self._generation:
            return
        if len(page) < self.page_size:
            self._exhausted = True
        if page:
            first = len(self._entries)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._entries.extend(page)
            self.endInsertRows()
        self._loading = False
        self.loaded_once = True
        self.page_loaded.emit(len(self._entries))

    def _page_done(self, generation: int) -> None:
        if generation == self._generation:
            self._loading = False

    def _refused(self, generation: int, exc: ClinicError) -> None:
        if generation == self._generation:
            self._exhausted = True
            self.loaded_once = True
            self.refused.emit(exc)

    def entry(self, row: int) -> TimelineEntry:
        return self._entries[row]

    def entries(self) -> list[TimelineEntry]:
        return list(self._entries)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == ENTRY_ROLE:
            return entry
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return spoken_text(entry, self.zone)
        return None


class KindFilter(QSortFilterProxyModel):
    """Only the entries of one kind; scrolling still pages through the whole timeline."""

    def __init__(self, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        entry = model.data(model.index(source_row, 0, source_parent), ENTRY_ROLE)
        return isinstance(entry, TimelineEntry) and entry.kind == self.kind
