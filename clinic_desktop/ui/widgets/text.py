"""A plain-text editor whose size hint respects its maximum height.

``QPlainTextEdit`` hints at about twelve lines whatever its maximum, and form rows size
their labels from the field's hint, which left a tall gap around every capped note field.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class BoundedTextEdit(QPlainTextEdit):
    """Plain text between ``lines`` and ``max_lines`` lines tall; Tab leaves the field."""

    def __init__(self, lines: float, max_lines: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        spacing = self.fontMetrics().lineSpacing()
        frame = self.frameWidth() * 2 + 8
        self.setMinimumHeight(round(spacing * lines) + frame)
        self.setMaximumHeight(round(spacing * max_lines) + frame)

    def sizeHint(self) -> QSize:
        return super().sizeHint().boundedTo(self.maximumSize())
