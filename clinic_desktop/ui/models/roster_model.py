"""The roster table: one row per ``StudentSummary`` (recognition facts, nothing clinical)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from clinic_desktop.domain.students import GRADES
from clinic_desktop.domain.text import fold
from clinic_desktop.services.records import StudentSummary

#: A value the proxy sorts by (names folded, dates ISO, ages and grades as numbers).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The row's ``StudentSummary``.
STUDENT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    PREFERRED = 1
    BORN = 2
    AGE = 3
    GRADE = 4
    SCHOOL = 5
    DISTRICT_ID = 6


HEADERS = {
    Column.NAME: "Name",
    Column.PREFERRED: "Preferred",
    Column.BORN: "Date of birth",
    Column.AGE: "Age",
    Column.GRADE: "Grade",
    Column.SCHOOL: "School",
    Column.DISTRICT_ID: "District ID",
}
_CENTERED = {Column.AGE, Column.GRADE}


def format_birth_date(born: date) -> str:
    """MM/DD/YYYY, as US school and clinic records write it (and as search accepts it)."""
    return f"{born.month:02d}/{born.day:02d}/{born.year:04d}"


def grade_rank(grade: str) -> int:
    return GRADES.index(grade) if grade in GRADES else len(GRADES)


class RosterModel(QAbstractTableModel):
    """Students in the order the service returned them; sorting is the proxy's job."""

    def __init__(self, today: date, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self._students: list[StudentSummary] = []

    def set_students(self, students: Sequence[StudentSummary]) -> None:
        self.beginResetModel()
        self._students = list(students)
        self.endResetModel()

    def student(self, row: int) -> StudentSummary:
        return self._students[row]

    def students(self) -> list[StudentSummary]:
        return list(self._students)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._students)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._students):
            return None
        student = self._students[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(student, column)
        if role == SORT_ROLE:
            return self._sort_key(student, column)
        if role == STUDENT_ROLE:
            return student
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _CENTERED:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            centered = Column(section) in _CENTERED
            horizontal = Qt.AlignmentFlag.AlignCenter if centered else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        return None

    def _display(self, student: StudentSummary, column: Column) -> str:
        return {
            Column.NAME: student.display_name,
            Column.PREFERRED: student.preferred_name,
            Column.BORN: format_birth_date(student.date_of_birth),
            Column.AGE: str(student.age(self.today)),
            Column.GRADE: student.grade,
            Column.SCHOOL: student.school_code,
            Column.DISTRICT_ID: student.district_id,
        }[column]

    def _sort_key(self, student: StudentSummary, column: Column) -> object:
        if column == Column.NAME:
            return "\x1f".join(fold(p) for p in (student.last_name, student.first_name))
        if column == Column.PREFERRED:
            return fold(student.preferred_name)
        if column == Column.BORN:
            return student.date_of_birth.isoformat()
        if column == Column.AGE:
            return student.age(self.today)
        if column == Column.GRADE:
            return grade_rank(student.grade)
        return self._display(student, column)
