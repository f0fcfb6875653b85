"""What IT's panels share: a "Label: value" list, a progress bar with its result, and the
busy / refused / reload-when-shown behaviour of a panel that runs one long task at a time.

The Sync and Backup panels show the same kind of facts (what was done last, where, what is
waiting) and run one long task (export, backup) with a progress bar and a selectable result
line; both are built here so they look, read and behave alike (and a screen reader names
every value).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from clinic_desktop.errors import ClinicError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import style
from clinic_desktop.ui.i18n import translate_message


def fact_form(
    prefix: str, rows: Sequence[tuple[str, str]], *, wrap: bool = False
) -> tuple[QFormLayout, dict[str, QLabel]]:
    """A form of selectable values, one per ``(key, translated label)``, and the values by
    key. Each value is named ``{prefix}_{key}`` and carries its label as accessible name."""
    form = QFormLayout()
    form.setHorizontalSpacing(style.SPACING * 2)
    values: dict[str, QLabel] = {}
    for key, label in rows:
        value = QLabel("…")
        value.setObjectName(f"{prefix}_{key}")
        value.setAccessibleName(label)
        value.setWordWrap(wrap)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        values[key] = value
        form.addRow(QCoreApplication.translate("FactForm", "{label}:").format(label=label), value)
    return form, values


def progress_block(
    progress_name: str, accessible_name: str, result_name: str
) -> tuple[QVBoxLayout, QProgressBar, QLabel]:
    """A hidden progress bar over a selectable result line, for one long task."""
    box = QVBoxLayout()
    box.setSpacing(4)
    progress = QProgressBar()
    progress.setObjectName(progress_name)
    progress.setAccessibleName(accessible_name)
    progress.setRange(0, 1)
    progress.setValue(0)
    progress.setMaximumWidth(style.chars(progress, 80))
    progress.hide()
    result = style.secondary(wrap=True)
    result.setObjectName(result_name)
    result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.addWidget(progress)
    box.addWidget(result)
    return box, progress, result


class TaskPanel(QWidget):
    """A panel that reloads its overview each time it is shown and runs one task at a time.

    Subclasses build ``state_label`` (refusals), ``progress`` and ``result_label`` (from
    ``progress_block``), and provide ``refresh`` (load the overview) and ``_update_buttons``
    (enable what may run now).
    """

    state_label: QLabel
    progress: QProgressBar
    result_label: QLabel

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.busy = False

    def showEvent(self, event: QShowEvent) -> None:
        """Reload each time IT opens the tab (a scheduled task may have run meanwhile)."""
        super().showEvent(event)
        if not self.busy:
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def _update_buttons(self) -> None:
        raise NotImplementedError

    def _refused(self, exc: ClinicError) -> None:
        style.set_error(self.state_label, translate_message(exc.message))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if busy:
            style.set_error(self.state_label, None)
        self._update_buttons()

    def _start_task(self, text: str, total: int = 1) -> None:
        """Busy, an empty progress bar over ``total`` steps, and ``text`` as the result line."""
        self._set_busy(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.show()
        self.result_label.setText(text)

    def _task_refused(self, exc: ClinicError) -> None:
        self.progress.hide()
        self.result_label.setText("")
        self._refused(exc)
