"""Every modal prompt the UI shows, behind one seam.

Windows call these small functions and nothing else opens a ``QMessageBox`` or a
``QFileDialog``. Tests replace them with ``monkeypatch.setattr(dialogs, "confirm", ...)``,
so no test ever blocks in ``exec()``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from clinic_desktop.ui.error_dialog import ErrorDialog
from clinic_desktop.ui.recovery_key_dialog import RecoveryKeyDialog

APP_TITLE = "Clinic Desktop"


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title or APP_TITLE, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title or APP_TITLE, text)


def confirm(
    parent: QWidget | None, title: str, text: str, *, action: str = "", default: bool = False
) -> bool:
    """Ask a yes/no question; ``action`` labels the button that says yes (OK if empty)."""
    box = QMessageBox(QMessageBox.Icon.Question, title or APP_TITLE, text, parent=parent)
    yes = box.addButton(
        action or QCoreApplication.translate("dialogs", "OK"), QMessageBox.ButtonRole.AcceptRole
    )
    no = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(yes if default else no)
    box.exec()
    return box.clickedButton() is yes


#: ``ask_close``'s answers: close and throw the changes away, close and keep them (as a
#: draft), or stay in the form.
DISCARD, KEEP, STAY = "discard", "keep", ""


def ask_close(parent: QWidget | None, title: str, text: str, *, action: str, keep: str = "") -> str:
    """ "Close without saving?": ``DISCARD`` (the ``action`` button), ``KEEP`` (the ``keep``
    button, offered when a draft can be kept) or ``STAY`` (Cancel, Esc: back to the form)."""
    box = QMessageBox(QMessageBox.Icon.Question, title or APP_TITLE, text, parent=parent)
    discard = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    kept = box.addButton(keep, QMessageBox.ButtonRole.AcceptRole) if keep else None
    stay = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(kept or stay)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    if clicked is discard:
        return DISCARD
    return KEEP if kept is not None and clicked is kept else STAY


def ask_text(
    parent: QWidget | None, title: str, label: str, *, text: str = "", secret: bool = False
) -> str | None:
    """One line of text, or None when cancelled. ``secret`` hides what is typed."""
    echo = QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal
    value, ok = QInputDialog.getText(parent, title or APP_TITLE, label, echo, text)
    return value if ok else None


def choose_open_file(
    parent: QWidget | None, title: str, *, folder: Path | None = None, filters: str = ""
) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(folder or ""), filters)
    return Path(name) if name else None


def choose_save_file(
    parent: QWidget | None, title: str, *, suggested: Path | None = None, filters: str = ""
) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested or ""), filters)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str, *, folder: Path | None = None) -> Path | None:
    """An existing folder (a USB stick, a shared folder), or None when cancelled."""
    name = QFileDialog.getExistingDirectory(parent, title, str(folder or ""))
    return Path(name) if name else None


def choose_printer(
    parent: QWidget | None, title: str, *, printer: QPrinter | None = None
) -> QPrinter | None:
    """The system's print dialog on ``printer`` (a new one when None); the printer as the
    user set it up, or None when cancelled."""
    chosen = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(chosen, parent)
    dialog.setWindowTitle(title or APP_TITLE)
    return chosen if dialog.exec() == QDialog.DialogCode.Accepted else None


def show_error(parent: QWidget | None, message: str, *, details: str | None = None) -> None:
    """A known error (``details`` None) as a calm warning; a bug with "Copy details"."""
    if details is None:
        QMessageBox.warning(parent, APP_TITLE, message)
        return
    ErrorDialog(message, details, parent).exec()


def show_recovery_key(parent: QWidget | None, recovery_key: str) -> None:
    """Show the recovery key once; returns only after the user confirms writing it down."""
    RecoveryKeyDialog(recovery_key, parent).exec()
