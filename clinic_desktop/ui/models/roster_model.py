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

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.records import StudentSummary
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.paged_model import Index, PagedListModel
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import students as student_ops

#: The row's ``StudentSummary``.
STUDENT_ROLE = Qt.ItemDataRole.UserRole + 2
#: The second line under the name: date of birth, age, grade, school.
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3
#: The district id, shown at the right of the name.
ID_ROLE = Qt.ItemDataRole.UserRole + 4
PAGE_SIZE = 100


def detail_line(student: StudentSummary, today: date) -> str:
    """What tells two students of the same name apart: birth date, age, grade, school."""
    parts = [
        QCoreApplication.translate("RosterModel", "{born} (age {age})").format(
            born=formats.birth_date(student.date_of_birth), age=student.age(today)
        )
    ]
    if student.grade:
        parts.append(
            QCoreApplication.translate("RosterModel", "grade {grade}").format(grade=student.grade)
        )
    parts.append(student.school_code)
    return " · ".join(parts)


class RosterModel(PagedListModel):
    """One row per matching student, in the service's order, loaded lazily."""

    #: The number of students the query matches (argument: the count).
    counted = Signal(int)

    def __init__(
        self,
        session: ClinicSession,
        owner: QWidget,
        today: date,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(session, owner, page_size)
        self.today = today
        self.query = ""
        self.total: int | None = None

    # --- loading -------------------------------------------------------------------------

    def set_query(self, query: str) -> None:
        """Forget the rows and start over for ``query`` (count and first page)."""
        self.query = query
        self.total = None
        generation = self._start_over(active=True)
        student_ops.count_students(parent=self.owner, session=self.session, query=query).success(
            lambda total: self._counted(generation, total)
        ).known_error(lambda exc: self._refused(generation, exc)).run_in_background()

    def _request_page(self, generation: int) -> Operation:
        return student_ops.search_page(
            parent=self.owner,
            session=self.session,
            query=self.query,
            offset=len(self._rows),
            limit=self.page_size,
        )

    def _after_page(self) -> None:
        if self.total is not None and len(self._rows) >= self.total:
            self._exhausted = True

    def _counted(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self.total = total
            self.counted.emit(total)

    # --- reading -------------------------------------------------------------------------

    def student(self, row: int) -> StudentSummary:
        return self._rows[row]

    def students(self) -> list[StudentSummary]:
        return list(self._rows)

    def row_of(self, student_id: object) -> int:
        """The loaded row showing ``student_id``, or -1."""
        for row, student in enumerate(self._rows):
            if student.id == student_id:
                return row
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        student = self._row(index)
        if student is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return student.display_name
        if role == DETAIL_ROLE:
            return detail_line(student, self.today)
        if role == ID_ROLE:
            return student.district_id
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            spoken = f"{student.display_name}, {detail_line(student, self.today)}"
            if not student.district_id:
                return spoken
            return self.tr("{student}, district ID {id}").format(
                student=spoken, id=student.district_id
            )
        if role == STUDENT_ROLE:
            return student
        return None
