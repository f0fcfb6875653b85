"""One base for every dialog that saves something through a service: ``FormDialog``.

What each form dialog used to write out again, written once (KeePassXC's ``EditWidget``):

- the footer: a status line, the accept button and Cancel (``build_footer``);
- Ctrl+Enter submits from any field, and Enter in the last single-line field
  (``submit_on_enter``); a plain Enter elsewhere never sends half a form;
- the submit: ``check()`` (what only the form knows), then the ``operation()`` the subclass
  builds, run in the background; ``saved(result)`` on success, then the dialog accepts;
- the busy state: while the operation runs the fields and buttons are off, the status says
  so and the dialog cannot be dismissed;
- refusals: a ``ValidationError`` puts each reason beside its field, any other known error
  goes to the form-wide label as a full sentence; a field's message goes as soon as that
  field changes (every field added through ``FormSection.add_field`` is watched);
- closing (Esc, the window's close button, Cancel) is a reject, asking "Close without
  saving?" first when the subclass says there are unsaved changes (``has_unsaved_changes``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from clinic_desktop.errors import ClinicError, FieldError, ValidationError
from clinic_desktop.ui import dialogs, i18n, style
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.widgets.form import FieldErrors, dialog_footer, is_save_shortcut, on_change


class WatchedErrors(FieldErrors):
    """``FieldErrors`` that tell their dialog about each field added, so it can clear the
    field's message when the field changes and switch the field off while busy."""

    def __init__(self, general: QLabel, dialog: FormDialog) -> None:
        super().__init__(general)
        self._dialog = dialog

    def add(self, name: str, label: QLabel, widget: QWidget) -> None:
        super().add(name, label, widget)
        self._dialog.watch(name, widget)


class FormDialog(QDialog):
    """Subclasses build their fields (``FormSection(..., self.errors)``), add the footer
    from ``build_footer``, and implement ``operation``; see the module doc."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = False
        #: False until the form holds what it edits (subclasses that load first).
        self.ready = True
        #: The dialog is done (saved or closed): nothing is submitted or asked any more.
        self.ended = False
        #: Fields are being filled by code: their changes are not the user's edits.
        self.filling = False
        #: The user changed a field since the dialog opened.
        self.dirty = False
        self.fields: dict[str, QWidget] = {}
        self.idle_status = ""
        self.errors: FieldErrors = WatchedErrors(style.error_label("formError"), self)
        self._enter_fields: list[QLineEdit] = []
        self._default = False
        # A shortcut, not only a key handler: a note field that takes Enter itself still
        # lets Ctrl+Enter through.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)

    # --- building ----------------------------------------------------------------------

    def build_footer(
        self, label: str, name: str, *, tooltip: str = "", default: bool = False
    ) -> QHBoxLayout:
        """The status line, the accept button (``label``, object name ``name``) and Cancel.

        ``default`` makes the accept button the default one, so Enter in any field submits
        (the setup window, where every field is needed anyway).
        """
        footer = dialog_footer(label, name, self.submit, self.reject)
        self.status: QLabel = footer.status
        self.status.setObjectName("status")
        self.buttons: QDialogButtonBox = footer.buttons
        self.accept_button: QPushButton = footer.accept
        self.cancel_button: QPushButton = footer.buttons.button(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.setObjectName("cancelButton")
        if tooltip:
            self.accept_button.setToolTip(tooltip)
        self._default = default
        self.accept_button.setDefault(default)
        return footer.layout

    def set_idle_status(self, text: str) -> None:
        """The footer's line while nothing runs (a hint such as "Ctrl+Enter saves")."""
        self.idle_status = text
        if not self.busy:
            self.status.setText(text)

    def watch(self, name: str, field: QWidget) -> None:
        """Clear ``name``'s message when ``field`` changes; switch it off while busy.

        A field without a change signal of its own (a row of radio buttons) is still
        switched off; its dialog clears its message itself.
        """
        self.fields[name] = field
        with contextlib.suppress(TypeError):
            on_change(field, lambda: self.field_edited(name))

    def submit_on_enter(self, *fields: QLineEdit) -> None:
        """Enter in one of ``fields`` (the last single-line field) submits the form."""
        for field in fields:
            field.returnPressed.connect(self.submit)
            self._enter_fields.append(field)

    def field_edited(self, name: str) -> None:
        """The user changed ``name`` (``""``: a field with no message): its message goes."""
        if self.filling or self.ended:
            return
        self.dirty = True
        if name:
            self.errors.clear(name)
        self.edited(name)

    # --- for subclasses ------------------------------------------------------------------

    def check(self) -> Sequence[FieldError]:
        """Problems only the form can see (a confirmation that does not match)."""
        return ()

    def operation(self) -> Operation:
        """The operation that saves the form (not started)."""
        raise NotImplementedError

    def saved(self, result: Any) -> None:
        """The operation succeeded with ``result`` (emit the dialog's signal); the dialog
        then accepts."""

    def refused(self, exc: ClinicError) -> None:
        """Show a refusal: reasons beside their fields, anything else as a sentence."""
        if isinstance(exc, ValidationError):
            self.errors.show(self.field_problems(exc.errors))
        else:
            self.errors.show_general(full_sentence(i18n.translate_message(exc.message)))

    def field_problems(self, problems: Sequence[FieldError]) -> Sequence[FieldError]:
        """The service's problems as this form's fields name them."""
        return problems

    def edited(self, name: str) -> None:
        """A field changed (after its message was cleared)."""

    def busy_widgets(self) -> list[QWidget]:
        """What is switched off while the operation runs: the dialog's children that hold
        the fields. Switching a holder off, not each field, keeps a field that was off for
        its own reason (a guardian box while the student signs) off afterwards."""
        found: list[QWidget] = []
        for field in self.fields.values():
            holder = field
            while holder.parentWidget() is not None and holder.parentWidget() is not self:
                holder = holder.parentWidget()
            if holder.parentWidget() is self and holder not in found:
                found.append(holder)
        return found

    def busy_status(self) -> str:
        """The footer's line while the operation runs."""
        return QCoreApplication.translate("FormDialog", "Saving…")

    def has_unsaved_changes(self) -> bool:
        """Whether closing now would lose something (then the user is asked first)."""
        return False

    def ask_close(self) -> str:
        """Ask before closing with unsaved changes: a ``dialogs.ask_close`` answer."""
        return dialogs.ask_close(
            self,
            QCoreApplication.translate("FormDialog", "Close without saving?"),
            QCoreApplication.translate("FormDialog", "What you typed here has not been saved."),
            action=QCoreApplication.translate("FormDialog", "Discard changes"),
        )

    def closing(self, answer: str) -> None:
        """The dialog is about to close after ``answer`` (``dialogs.DISCARD`` or ``KEEP``;
        ``""`` when nothing needed asking)."""

    # --- submitting ----------------------------------------------------------------------

    def submit(self) -> None:
        """Save the form (the accept button, Ctrl+Enter, Enter in the last field)."""
        if not self.ready or self.busy or self.ended:
            return
        self.errors.clear()
        problems = self.check()
        if problems:
            self.errors.show(problems)
            style.grow_to_fit(self)
            return
        operation = self.operation()
        self.set_busy(True)
        operation.success(self._succeeded).known_error(self._refused).done(
            lambda: self.set_busy(False)
        ).run_in_background()

    def _succeeded(self, result: Any) -> None:
        self.ended = True
        self.saved(result)
        self.accept()

    def _refused(self, exc: ClinicError) -> None:
        self.set_busy(False)
        self.refused(exc)
        style.grow_to_fit(self)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.set_enabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.status.setText(self.busy_status() if busy else self.idle_status)

    def set_enabled(self, enabled: bool) -> None:
        """Fields and the accept button on or off (busy, or still loading)."""
        for widget in self.busy_widgets():
            widget.setEnabled(enabled)
        self.accept_button.setEnabled(enabled)

    # --- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, Esc and the window's close button: close, asking first if needed."""
        if self.busy:
            return
        if self.ended:
            super().reject()
            return
        answer = dialogs.STAY
        if self.has_unsaved_changes():
            answer = self.ask_close()
            if answer == dialogs.STAY:
                return
        self.closing(answer)
        self.ended = True
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter submits from any field (every field passes it up to the dialog)."""
        if is_save_shortcut(event):
            event.accept()
            self.submit()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """A button box makes its accept button the default when shown, so Enter in any
        field would submit; only a form that asked for that keeps it."""
        super().showEvent(event)
        if not self._default:
            self.accept_button.setDefault(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ended:
            super().closeEvent(event)
            return
        event.ignore()
        self.reject()


def full_sentence(text: str) -> str:
    """ "the disk is full" -> "The disk is full.": a known error as the form shows it."""
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."
