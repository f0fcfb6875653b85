"""The "Something went wrong" dialog shown for a bug, with a "Copy details" button."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.ui import style


class ErrorDialog(QDialog):
    """Tells the user calmly that this is our fault and lets them copy safe details."""

    def __init__(self, message: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(self.tr("Something went wrong — Clinic Desktop"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addLayout(self._build_header(message))
        self.details_view = self._build_details()
        layout.addWidget(self.details_view, 1)
        layout.addWidget(self._build_buttons())
        style.fit_to_width(self, 560)

    def _build_header(self, message: str) -> QHBoxLayout:
        icon = QLabel()
        pixmap = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        icon.setPixmap(pixmap.pixmap(40, 40))
        text = QVBoxLayout()
        text.addWidget(style.heading(self.tr("Something went wrong"), 1.3))
        body = QLabel(message)
        body.setWordWrap(True)
        text.addWidget(body)
        row = QHBoxLayout()
        row.setSpacing(style.SPACING * 2)
        row.addWidget(icon, 0)
        row.addLayout(text, 1)
        return row

    def _build_details(self) -> QPlainTextEdit:
        view = QPlainTextEdit(self.details)
        view.setReadOnly(True)
        view.setFont(style.monospace_font(0.9))
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        view.setMinimumHeight(160)
        view.setAccessibleName(self.tr("Details for IT"))
        return view

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy details"))
        # Added before Close, so Tab reaches it first: every platform's layout puts it left.
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        return buttons

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))
