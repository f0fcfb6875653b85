"""Shows the recovery key exactly once; it cannot be closed until the user confirms."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.ui import style

EXPLANATION = QT_TRANSLATE_NOOP(
    "RecoveryKeyDialog",
    "The recovery key opens this clinic's records if every administrator password is lost. "
    "It is shown only now and cannot be displayed again. Write it on paper and keep it "
    "locked away, apart from this computer.",
)


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.setWindowTitle(self.tr("Recovery key — Clinic Desktop"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 4)
        layout.addWidget(style.heading(self.tr("Write down the recovery key"), accent=True))
        explanation = QLabel(self.tr(EXPLANATION))
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        layout.addWidget(self._build_key_box())
        self.written_down = QCheckBox(self.tr("I have written down the recovery key"))
        layout.addWidget(self.written_down)
        layout.addStretch(1)
        layout.addWidget(self._build_buttons())
        self.written_down.toggled.connect(self.close_button.setEnabled)
        style.fit_to_width(self, 560)

    def _build_key_box(self) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.key_label = QLabel(self.recovery_key)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setFont(style.monospace_font(1.25))
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy_key)
        row = QHBoxLayout(frame)
        row.setContentsMargins(
            style.SPACING * 2, style.SPACING * 2, style.SPACING, style.SPACING * 2
        )
        row.addWidget(self.key_label, 1)
        row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignVCenter)
        return frame

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(
            self.tr("Done"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        return buttons

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)
        self.copy_button.setText(self.tr("Copied"))

    def accept(self) -> None:
        if self.written_down.isChecked():
            super().accept()

    def reject(self) -> None:
        """Escape and the window's close button do nothing until the box is ticked."""
        if self.written_down.isChecked():
            super().accept()
