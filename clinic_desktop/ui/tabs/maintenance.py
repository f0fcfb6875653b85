"""IT's upkeep tabs after Users: Sync (``SyncPanel``) and Backup.

Backup is still an honest placeholder (it arrives with the backup feature): the status
bar already shows the age of the last backup, and the panel says what the task will be
rather than offering buttons that do nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import style
from clinic_desktop.ui.sync_panel import SyncPanel

BACKUP_TEXT = (
    "Backup will write an encrypted, verified copy of the clinic database, and restore "
    "one without touching the live file until the copy has been verified. Until this "
    "screen arrives, the status bar shows how old the last backup is."
)


class PlaceholderTab(QWidget):
    """A titled, honest "coming soon" panel."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{title.lower()}Placeholder")
        self.setAccessibleName(title)
        column = QVBoxLayout(self)
        column.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        column.setSpacing(style.SPACING)
        card = style.card()
        inner = QVBoxLayout(card)
        inner.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        inner.setSpacing(style.SPACING)
        self.title = style.heading(title, 1.3)
        self.title.setObjectName("placeholderTitle")
        inner.addWidget(self.title)
        badge = style.secondary("Coming in a later version", wrap=False)
        style.set_tone(badge, "info")
        inner.addWidget(badge)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setObjectName("placeholderText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.text)
        card.setMaximumWidth(style.chars(card, 90))
        column.addWidget(card)
        column.addStretch(1)


def maintenance_tabs(session: ClinicSession) -> list[tuple[QWidget, str]]:
    """The tabs IT gets after Users, with their titles: Sync, then Backup."""
    return [(SyncPanel(session), "&Sync"), (PlaceholderTab("Backup", BACKUP_TEXT), "&Backup")]
