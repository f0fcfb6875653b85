"""A small read-only table of rows the caller has already formatted.

For lists that are short by nature (today's visits, follow-ups due, a student's visits,
staff accounts): the caller turns records into ``Row``s, the model shows them and hands
back the record behind a row, so no view needs to know how a record is laid out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from clinic_desktop.ui import style

#: The record behind the row (any object).
RECORD_ROLE = Qt.ItemDataRole.UserRole + 20
#: The tone of a cell ("acute", "warning", "ok", ...), painted by ``style.tone_color``.
TONE_ROLE = Qt.ItemDataRole.UserRole + 21

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    record: object = None
    #: Column -> tone, for cells that carry meaning in colour (always with words too).
    tones: dict[int, str] = field(default_factory=dict)
    #: Columns shown in italics (text that stands in for something withheld).
    italic: frozenset[int] = frozenset()
    #: Column -> a longer tooltip than the cell (a flag's actions and closing note).
    tips: dict[int, str] = field(default_factory=dict)


class TableModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = tuple(headers)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def record(self, row: int) -> object:
        return self._rows[row].record

    def cell(self, row: int, column: int) -> str:
        return self._rows[row].cells[column]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column in row.tips:
            return row.tips[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.cells[column] if column < len(row.cells) else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.headers[column]}: {row.cells[column]}"
        if role == RECORD_ROLE:
            return row.record
        if role == TONE_ROLE:
            return row.tones.get(column)
        if role == Qt.ItemDataRole.FontRole and column in row.italic:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class ToneDelegate(QStyledItemDelegate):
    """Draws a cell's text in its tone's colour (bold for "acute"), words unchanged."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        tone = index.data(TONE_ROLE)
        if not tone or option.widget is None:
            return
        palette = QPalette(option.palette)
        palette.setColor(QPalette.ColorRole.Text, style.tone_color(option.widget, tone))
        option.palette = palette
        if tone == "acute":
            font = QFont(option.font)
            font.setBold(True)
            option.font = font
