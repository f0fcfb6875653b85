"""A calm tinted strip above a form: "Restored your unsaved draft…", with an action."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from clinic_desktop.ui import style


class Notice(QFrame):
    """Text and an optional link-like button; hidden until ``show_text`` is called."""

    #: The action button was pressed.
    action_clicked = Signal()

    def __init__(
        self,
        object_name: str,
        *,
        action: str = "",
        error: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        tint = style.error_color(self) if error else style.accent_color(self)
        self.setStyleSheet(_frame_css(object_name, tint))
        row = QHBoxLayout(self)
        row.setContentsMargins(
            style.SPACING + 4, style.SPACING - 2, style.SPACING, style.SPACING - 2
        )
        row.setSpacing(style.SPACING)
        self.label = QLabel()
        self.label.setObjectName(f"{object_name}Text")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.label, 1)
        self.button: QPushButton | None = None
        if action:
            self.button = _link_button(action, tint, f"{object_name}Action")
            self.button.clicked.connect(self.action_clicked)
            row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setVisible(False)

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""


def _frame_css(name: str, tint: QColor) -> str:
    fill = QColor(tint)
    fill.setAlpha(28)
    edge = QColor(tint)
    edge.setAlpha(110)
    return (
        f"QFrame#{name} {{ background-color: {_rgba(fill)}; border: 1px solid {_rgba(edge)};"
        " border-radius: 6px; }"
    )


def _link_button(text: str, tint: QColor, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setFlat(True)
    button.setAutoDefault(False)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet(
        f"QPushButton#{name} {{ color: {tint.name()}; text-decoration: underline;"
        " border: none; padding: 2px 4px; background: transparent; }"
        f" QPushButton#{name}:focus {{ outline: 1px dotted {tint.name()}; }}"
    )
    return button


def _rgba(color: QColor) -> str:
    return f"rgba({color.red()}, {color.green()}, {color.blue()}, {color.alpha()})"
