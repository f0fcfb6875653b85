"""A list model that loads a page at a time as the view scrolls, off the GUI thread.

Subclasses say how to ask for the next page (``_request_page``); this class keeps the
rows, answers ``canFetchMore``/``fetchMore``, and numbers each restart (a *generation*)
so a slow answer meant for an older query or student never lands in the current list.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QWidget

from clinic_desktop.errors import ClinicError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation

Index = QModelIndex | QPersistentModelIndex


class PagedListModel(QAbstractListModel):
    """Rows loaded lazily, ``page_size`` at a time, in the service's order."""

    #: A page arrived (argument: rows now loaded).
    page_loaded = Signal(int)
    #: Loading was refused as a known error (argument: the ``ClinicError``).
    refused = Signal(object)

    def __init__(self, session: ClinicSession, owner: QWidget, page_size: int) -> None:
        super().__init__(owner)
        self.session = session
        self.owner = owner
        self.page_size = page_size
        self._rows: list[Any] = []
        self._generation = 0
        self._loading = False
        self._exhausted = True

    # --- for subclasses ------------------------------------------------------------------

    def _request_page(self, generation: int) -> Operation:
        """The operation fetching the page after the rows loaded so far."""
        raise NotImplementedError

    def _after_page(self) -> None:
        """Called when a page (or a refusal) has been taken in."""

    def _start_over(self, *, active: bool) -> int:
        """Forget every row and begin a new generation; load its first page if ``active``."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._loading = False
        self._exhausted = not active
        self.endResetModel()
        if active:
            self._load_page(self._generation)
        return self._generation

    def _refused(self, generation: int, exc: ClinicError) -> None:
        if generation == self._generation:
            self._exhausted = True
            self._after_page()
            self.refused.emit(exc)

    # --- Qt's lazy loading ---------------------------------------------------------------

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._loading and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._load_page(self._generation)

    def is_loading(self) -> bool:
        return self._loading

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def _row(self, index: Index) -> Any:
        """The row ``index`` shows, or None for an invalid or stale index."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    # --- internals -----------------------------------------------------------------------

    def _load_page(self, generation: int) -> None:
        self._loading = True
        self._request_page(generation).success(
            lambda rows: self._page_arrived(generation, rows)
        ).known_error(lambda exc: self._refused(generation, exc)).done(
            lambda: self._page_done(generation)
        ).run_in_background()

    def _page_arrived(self, generation: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return  # an older query answered late: the newer one owns the list
        if len(rows) < self.page_size:
            self._exhausted = True
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._after_page()
        self._loading = False
        self.page_loaded.emit(len(self._rows))

    def _page_done(self, generation: int) -> None:
        if generation == self._generation:
            self._loading = False
