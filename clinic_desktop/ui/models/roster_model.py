"""The roster list: students matching the search, loaded a page at a time as the view scrolls.

A site may hold 50,000 students, so the model never asks for all of them: ``set_query``
counts the matches and loads the first page; the view calls ``fetchMore`` when the user
scrolls near the end. Every query runs through ``Operation`` (off the GUI thread), and
each ``set_query`` starts a new generation, so a slow answer to an old query can never
land in the list of a newer one.

Rows are in the service's order (by name); sorting loaded rows on the client would
misplace the rows not loaded yet, so the list is not sortable.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from clinic_desktop.errors import ClinicError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.records import StudentSummary
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.operations import students as student_ops

#: The row's ``StudentSummary``.
STUDENT_ROLE = Qt.ItemDataRole.UserRole + 2
#: The second line under the name: date of birth, age, grade, school.
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3
#: The district id, shown at the right of the name.
ID_ROLE = Qt.ItemDataRole.UserRole + 4
PAGE_SIZE = 100

Index = QModelIndex | QPersistentModelIndex


def detail_line(student: StudentSummary, today: date) -> str:
    """What tells two students of the same name apart: birth date, age, grade, school."""
    parts = [f"{formats.birth_date(student.date_of_birth)} (age {student.age(today)})"]
    if student.grade:
        parts.append(f"grade {student.grade}")
    parts.append(student.school_code)
    return " · ".join(parts)


class RosterModel(QAbstractListModel):
    """One row per matching student, in the service's order, loaded lazily."""

    #: A page arrived (argument: rows now loaded).
    page_loaded = Signal(int)
    #: The number of students the query matches (argument: the count).
    counted = Signal(int)
    #: A search was refused or failed as a known error (argument: the ``ClinicError``).
    refused = Signal(object)

    def __init__(
        self,
        session: ClinicSession,
        owner: QWidget,
        today: date,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(owner)
        self.session = session
        self.owner = owner
        self.today = today
        self.page_size = page_size
        self.query = ""
        self.total: int | None = None
        self._students: list[StudentSummary] = []
        self._generation = 0
        self._loading = False
        self._exhausted = True

    # --- loading -------------------------------------------------------------------------

    def set_query(self, query: str) -> None:
        """Forget the rows and start over for ``query`` (count and first page)."""
        self._generation += 1
        generation = self._generation
        self.beginResetModel()
        self._students = []
        self.query = query
        self.total = None
        self._exhausted = False
        self._loading = False
        self.endResetModel()
        student_ops.count_students(parent=self.owner, session=self.session, query=query).success(
            lambda total: self._counted(generation, total)
        ).known_error(lambda exc: self._refused(generation, exc)).run_in_background()
        self._load_page(generation)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._loading and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._load_page(self._generation)

    def is_loading(self) -> bool:
        return self._loading

    def _load_page(self, generation: int) -> None:
        self._loading = True
        student_ops.search_page(
            parent=self.owner,
            session=self.session,
            query=self.query,
            offset=len(self._students),
            limit=self.page_size,
        ).success(lambda rows: self._page_arrived(generation, rows)).known_error(
            lambda exc: self._refused(generation, exc)
        ).done(lambda: self._page_done(generation)).run_in_background()

    def _page_arrived(self, generation: int, rows: list[StudentSummary]) -> None:
        if generation != self._generation:
            return  # an older query answered late: the newer one owns the list
        if len(rows) < self.page_size:
            self._exhausted = True
        if rows:
            first = len(self._students)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._students.extend(rows)
            self.endInsertRows()
        if self.total is not None and len(self._students) >= self.total:
            self._exhausted = True
        self._loading = False
        self.page_loaded.emit(len(self._students))

    def _page_done(self, generation: int) -> None:
        if generation == self._generation:
            self._loading = False

    def _counted(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self.total = total
            self.counted.emit(total)

    def _refused(self, generation: int, exc: ClinicError) -> None:
        if generation == self._generation:
            self._exhausted = True
            self.refused.emit(exc)

    # --- reading -------------------------------------------------------------------------

    def student(self, row: int) -> StudentSummary:
        return self._students[row]

    def students(self) -> list[StudentSummary]:
        return list(self._students)

    def row_of(self, student_id: object) -> int:
        """The loaded row showing ``student_id``, or -1."""
        for row, student in enumerate(self._students):
            if student.id == student_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._students)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._students):
            return None
        student = self._students[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return student.display_name
        if role == DETAIL_ROLE:
            return detail_line(student, self.today)
        if role == ID_ROLE:
            return student.district_id
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            spoken = f"{student.display_name}, {detail_line(student, self.today)}"
            return f"{spoken}, district ID {student.district_id}" if student.district_id else spoken
        if role == STUDENT_ROLE:
            return student
        return None
