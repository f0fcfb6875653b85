"""The read-only parts of IT's panels: a "Label: value" list and a progress bar with its result.

The Sync and Backup panels show the same kind of facts (what was done last, where, what is
waiting) and run one long task with a progress bar and a selectable result line; both are
built here so they look and read alike (and a screen reader names every value).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QProgressBar, QVBoxLayout

from clinic_desktop.ui import style


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
