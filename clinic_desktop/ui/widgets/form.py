"""Form sections whose fields carry their own inline error text.

A service refuses input with ``ValidationError``: one ``FieldError(field, reason)`` per bad
field, named as in the input dataclass. ``FieldErrors`` maps those names to the labels
under the fields, so every form shows the service's reasons the same way, and anything a
form has no field for still reaches the user (in the form-wide label) instead of vanishing.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.errors import FieldError
from clinic_desktop.ui import i18n, style

#: The services' field names as a sentence names them ("date of birth is required"), for
#: errors a form has no field of its own for. Marked here so the extractor finds them;
#: ``field_label`` translates them.
FIELD_LABELS = {
    "action": QT_TRANSLATE_NOOP("FieldErrors", "action"),
    "address": QT_TRANSLATE_NOOP("FieldErrors", "address"),
    "backup_reminder_days": QT_TRANSLATE_NOOP("FieldErrors", "backup reminder"),
    "confirm": QT_TRANSLATE_NOOP("FieldErrors", "password confirmation"),
    "consent_id": QT_TRANSLATE_NOOP("FieldErrors", "consent"),
    "contact_name": QT_TRANSLATE_NOOP("FieldErrors", "contact name"),
    "cpt_codes": QT_TRANSLATE_NOOP("FieldErrors", "CPT codes"),
    "date_of_birth": QT_TRANSLATE_NOOP("FieldErrors", "date of birth"),
    "display_name": QT_TRANSLATE_NOOP("FieldErrors", "display name"),
    "disposition": QT_TRANSLATE_NOOP("FieldErrors", "disposition"),
    "district_id": QT_TRANSLATE_NOOP("FieldErrors", "district ID"),
    "duration_minutes": QT_TRANSLATE_NOOP("FieldErrors", "duration"),
    "email": QT_TRANSLATE_NOOP("FieldErrors", "email"),
    "expires_on": QT_TRANSLATE_NOOP("FieldErrors", "expiration date"),
    "expiry_event": QT_TRANSLATE_NOOP("FieldErrors", "expiration event"),
    "fax": QT_TRANSLATE_NOOP("FieldErrors", "fax"),
    "file": QT_TRANSLATE_NOOP("FieldErrors", "file"),
    "first_name": QT_TRANSLATE_NOOP("FieldErrors", "first name"),
    "gender_identity": QT_TRANSLATE_NOOP("FieldErrors", "gender identity"),
    "grade": QT_TRANSLATE_NOOP("FieldErrors", "grade"),
    "guardian_id": QT_TRANSLATE_NOOP("FieldErrors", "guardian"),
    "guardians": QT_TRANSLATE_NOOP("FieldErrors", "guardians"),
    "header": QT_TRANSLATE_NOOP("FieldErrors", "header row"),
    "icd10_codes": QT_TRANSLATE_NOOP("FieldErrors", "ICD-10 codes"),
    "idle_lock_minutes": QT_TRANSLATE_NOOP("FieldErrors", "idle lock"),
    "information_kinds": QT_TRANSLATE_NOOP("FieldErrors", "information to release"),
    "instrument": QT_TRANSLATE_NOOP("FieldErrors", "instrument"),
    "insurance_id": QT_TRANSLATE_NOOP("FieldErrors", "insurance ID"),
    "kind": QT_TRANSLATE_NOOP("FieldErrors", "kind"),
    "language": QT_TRANSLATE_NOOP("FieldErrors", "language"),
    "languages": QT_TRANSLATE_NOOP("FieldErrors", "languages"),
    "last_name": QT_TRANSLATE_NOOP("FieldErrors", "last name"),
    "local_id": QT_TRANSLATE_NOOP("FieldErrors", "local ID"),
    "logo": QT_TRANSLATE_NOOP("FieldErrors", "logo"),
    "max_age": QT_TRANSLATE_NOOP("FieldErrors", "maximum age"),
    "min_age": QT_TRANSLATE_NOOP("FieldErrors", "minimum age"),
    "minor_consent": QT_TRANSLATE_NOOP("FieldErrors", "minor-consent rule"),
    "months": QT_TRANSLATE_NOOP("FieldErrors", "months"),
    "name": QT_TRANSLATE_NOOP("FieldErrors", "name"),
    "note": QT_TRANSLATE_NOOP("FieldErrors", "note"),
    "notes": QT_TRANSLATE_NOOP("FieldErrors", "notes"),
    "occurred_at": QT_TRANSLATE_NOOP("FieldErrors", "date and time"),
    "partner_id": QT_TRANSLATE_NOOP("FieldErrors", "partner"),
    "password": QT_TRANSLATE_NOOP("FieldErrors", "password"),
    "phone": QT_TRANSLATE_NOOP("FieldErrors", "phone"),
    "phones": QT_TRANSLATE_NOOP("FieldErrors", "phones"),
    "preferred_name": QT_TRANSLATE_NOOP("FieldErrors", "preferred name"),
    "purpose": QT_TRANSLATE_NOOP("FieldErrors", "purpose"),
    "reason": QT_TRANSLATE_NOOP("FieldErrors", "reason"),
    "relation": QT_TRANSLATE_NOOP("FieldErrors", "relationship"),
    "revoked_on": QT_TRANSLATE_NOOP("FieldErrors", "revocation date"),
    "role": QT_TRANSLATE_NOOP("FieldErrors", "role"),
    "school_code": QT_TRANSLATE_NOOP("FieldErrors", "school code"),
    "scope": QT_TRANSLATE_NOOP("FieldErrors", "scope"),
    "screening_id": QT_TRANSLATE_NOOP("FieldErrors", "screening"),
    "services": QT_TRANSLATE_NOOP("FieldErrors", "services"),
    "sex": QT_TRANSLATE_NOOP("FieldErrors", "sex"),
    "signed_on": QT_TRANSLATE_NOOP("FieldErrors", "signature date"),
    "signer_kind": QT_TRANSLATE_NOOP("FieldErrors", "signer"),
    "site_code": QT_TRANSLATE_NOOP("FieldErrors", "site code"),
    "site_name": QT_TRANSLATE_NOOP("FieldErrors", "site name"),
    "site_phone": QT_TRANSLATE_NOOP("FieldErrors", "site phone"),
    "students": QT_TRANSLATE_NOOP("FieldErrors", "students"),
    "urgency": QT_TRANSLATE_NOOP("FieldErrors", "urgency"),
    "username": QT_TRANSLATE_NOOP("FieldErrors", "user name"),
    "visit_id": QT_TRANSLATE_NOOP("FieldErrors", "visit"),
    "visit_type": QT_TRANSLATE_NOOP("FieldErrors", "visit type"),
    "zip_code": QT_TRANSLATE_NOOP("FieldErrors", "ZIP code"),
}


def field_label(field: str) -> str:
    """A service's field name ("date_of_birth") as the interface language names it in a
    sentence; a name the table lacks ("follow_up.crisis") is written out as it is."""
    label = FIELD_LABELS.get(field)
    if label is None:
        return field.replace("_", " ").replace(".", " ")
    return QCoreApplication.translate("FieldErrors", label)


def field_sentence(field: str, reason: str) -> str:
    """ "Date of birth is required": a (translated) reason for a field the form lacks."""
    template = QCoreApplication.translate("FieldErrors", "{field} {reason}")
    return sentence(template.replace("{field}", field_label(field)).replace("{reason}", reason))


def sentence(reason: str) -> str:
    """A service reason ("is required") as a sentence to show beside its field."""
    return reason[:1].upper() + reason[1:] if reason else reason


class FieldErrors:
    """The inline error labels of one form, keyed by the service's field names."""

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def add(self, name: str, label: QLabel, widget: QWidget) -> None:
        self._labels[name] = label
        self._widgets[name] = widget

    def text(self, name: str) -> str:
        """The message shown beside ``name`` (empty when none); the form-wide one for ""."""
        return self._labels.get(name, self.general).text()

    def show(self, problems: Iterable[FieldError], *, focus: bool = True) -> None:
        """Put each reason beside its field (first one per field); others under the form."""
        self.clear()
        general: list[str] = []
        first: QWidget | None = None
        for problem in problems:
            label = self._labels.get(problem.field)
            reason = i18n.translate_message(problem.reason)
            if label is None:
                general.append(field_sentence(problem.field, reason))
                continue
            if not label.text():
                self._set(problem.field, sentence(reason))
                first = first or self._widgets[problem.field]
        style.set_error(self.general, " ".join(_period(g) for g in general))
        if focus and first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_general(self, text: str) -> None:
        style.set_error(self.general, text)

    def clear(self, name: str | None = None) -> None:
        """Clear one field's message, or every message (``None``)."""
        if name is not None:
            self._set(name, None)
            return
        for each in self._labels:
            self._set(each, None)
        style.set_error(self.general, None)

    def _set(self, name: str, text: str | None) -> None:
        label = self._labels.get(name)
        if label is None:
            return
        style.set_error(label, text)
        # Screen readers announce the description with the field, so the reason is heard.
        self._widgets[name].setAccessibleDescription(text or "")


class FormSection(QGroupBox):
    """A titled group of labelled fields, each with an error label under it."""

    def __init__(self, title: str, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.errors = errors
        self.labels: list[QLabel] = []
        self.form = QFormLayout(self)
        margin = style.SPACING + 6
        self.form.setContentsMargins(margin, margin, margin, style.SPACING)
        self.form.setHorizontalSpacing(style.SPACING * 2)
        self.form.setVerticalSpacing(style.SPACING + 2)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

    def add_field(
        self, name: str, text: str, field: QWidget, *, hint: str = "", required: bool = False
    ) -> QWidget:
        """Add ``field`` under the label ``text``; its errors are shown as ``name``'s.

        ``required`` marks the label with an asterisk (and says "required" to screen
        readers); the service still decides what is required.
        """
        field.setObjectName(field.objectName() or name)
        if not field.accessibleName():
            field.setAccessibleName(
                self.tr("{field} (required)").format(field=text) if required else text
            )
        error = style.error_label(f"{name}Error")
        error.setAccessibleName(self.tr("{field}: problem").format(field=text))
        self.errors.add(name, error, field)
        parts: list[QWidget] = [field]
        if hint:
            parts.append(style.secondary(hint))
        parts.append(error)
        label = self.add_row(text, _stacked(parts), buddy=field)
        if required:
            star = style.error_color(label).name()
            label.setText(f"{html.escape(text)}<span style='color:{star}'>*</span>:")
        return field

    def add_row(self, text: str, widget: QWidget, *, buddy: QWidget | None = None) -> QLabel:
        """A labelled row without an error of its own (a check box, a list)."""
        label = QLabel(f"{text}:" if text else "")
        label.setTextFormat(Qt.TextFormat.AutoText)
        label.setBuddy(buddy or widget)
        # Top-aligned labels line up with their field's first line, not a tall row's middle.
        label.setMinimumHeight((buddy or widget).sizeHint().height())
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.labels.append(label)
        self.form.addRow(label, widget)
        # Pinned to the top of a row that grows with an error, beside the field's first line.
        row, _role = self.form.getWidgetPosition(label)
        item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None:
            item.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return label


def align_labels(*sections: FormSection) -> None:
    """Give the labels of several stacked sections one width, so their fields line up."""
    labels = [label for section in sections for label in section.labels]
    if not labels:
        return
    widest = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(widest)


def is_save_shortcut(event: QKeyEvent) -> bool:
    """Ctrl+Enter (either Enter key): how the forms save from any field. A plain Enter never
    does, so a half-filled form is not sent by a stray keystroke."""
    ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    return ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def set_tab_order(widgets: Iterable[QWidget | None]) -> None:
    """Tab through ``widgets`` in the order given (reading order, not creation order)."""
    present = [w for w in widgets if w is not None]
    for first, second in itertools.pairwise(present):
        QWidget.setTabOrder(first, second)


def on_change(field: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback()`` whenever the user (or code) changes ``field``'s value."""
    if isinstance(field, QLineEdit):
        field.textChanged.connect(lambda _text: callback())
    elif isinstance(field, QComboBox):
        signal = field.editTextChanged if field.isEditable() else field.currentIndexChanged
        signal.connect(lambda *_args: callback())
    elif isinstance(field, QPlainTextEdit):
        field.textChanged.connect(callback)
    elif isinstance(field, QDateTimeEdit):
        field.dateTimeChanged.connect(lambda _value: callback())
    elif isinstance(field, QAbstractSpinBox):
        field.valueChanged.connect(lambda _value: callback())  # type: ignore[attr-defined]
    elif isinstance(field, QAbstractButton):
        field.toggled.connect(lambda _checked: callback())
    elif isinstance(getattr(field, "changed", None), SignalInstance):
        field.changed.connect(callback)  # type: ignore[attr-defined]
    else:
        raise TypeError(f"no change signal known for {type(field).__name__}")


def _stacked(parts: list[QWidget]) -> QWidget:
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(3)
    for part in parts:
        column.addWidget(part)
    return holder


def _period(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


@dataclass(frozen=True)
class DialogFooter:
    """A dialog's bottom row: a status line on the left, accept and Cancel on the right."""

    layout: QHBoxLayout
    status: QLabel
    buttons: QDialogButtonBox
    accept: QPushButton


def dialog_footer(
    label: str, name: str, on_accept: Callable[[], object], on_reject: Callable[[], object]
) -> DialogFooter:
    """The footer every form dialog uses, so they look and behave alike (no auto-default
    buttons: Enter in a field must not submit half a form; accessible names without '&')."""
    status = style.secondary(wrap=False)
    buttons = QDialogButtonBox()
    accept = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
    accept.setObjectName(name)
    cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    for button in (accept, cancel):
        button.setAutoDefault(False)
        button.setAccessibleName(button.text().replace("&", ""))
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(on_reject)
    row = QHBoxLayout()
    row.addWidget(status, 1)
    row.addWidget(buttons)
    return DialogFooter(row, status, buttons, accept)
