"""The fields of one visit, in the order a clinician fills them, and their values.

``VisitForm`` is the body of the visit dialog: type, date and time, reason, note, outcome
and billing codes, each with its inline error label. It turns what is typed into a
``VisitInput`` for the service and into a plain-JSON draft payload (and back), and says
which field the user edited (``edited``), so the dialog can autosave and clear messages.
The dialog owns everything else: the draft, saving and closing.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Collection, Iterator
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.clock import Clock
from clinic_desktop.domain.records import VisitView
from clinic_desktop.domain.visits import (
    COMMON_REASONS,
    MAX_DURATION_MINUTES,
    Disposition,
    VisitInput,
    VisitType,
    reason_text,
)
from clinic_desktop.ui import i18n, style
from clinic_desktop.ui.widgets.choices import CodeCombo
from clinic_desktop.ui.widgets.dates import DateTimeField
from clinic_desktop.ui.widgets.form import FieldErrors, FormSection, align_labels, on_change

PAYLOAD_VERSION = 1
_CODE_SPLIT = re.compile(r"[,;\s]+")


class VisitForm(QWidget):
    """A visit's fields; ``allowed`` are the visit types the signed-in role may record."""

    #: The user changed a field (its service name, e.g. "reason"); not emitted while the
    #: form is filled from code (defaults, a restored draft).
    edited = Signal(str)

    def __init__(
        self,
        errors: FieldErrors,
        *,
        allowed: Collection[VisitType],
        clock: Clock,
        zone: tzinfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.errors = errors
        self.allowed = tuple(t for t in VisitType if t in allowed)
        self.clock = clock
        self.zone = zone
        self._filling = False
        #: The reason as loaded (shown text, stored key), kept unless the user retypes it.
        self._stored_reason = ("", "")
        self._build()
        self._watch_fields()
        self.reset()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        body = QVBoxLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(style.SPACING + 6)
        visit = self._build_visit_section()
        body.addWidget(visit)
        body.addWidget(self._build_note_section(), 1)
        outcome, billing = self._build_outcome_section(), self._build_billing_section()
        row = QHBoxLayout()
        row.setSpacing(style.SPACING + 6)
        row.addWidget(outcome, 1)
        row.addWidget(billing, 1)
        body.addLayout(row)
        align_labels(visit, outcome)

    def _build_visit_section(self) -> FormSection:
        section = FormSection(self.tr("Visit"), self.errors)
        section.add_field("visit_type", self.tr("Type"), self._build_type_choice())
        section.add_field("occurred_at", self.tr("Date and time"), self._build_when())
        self.reason = _reason_box()
        section.add_field("reason", self.tr("Reason"), self.reason)
        return section

    def _build_type_choice(self) -> QWidget:
        holder, row = style.holder(self.tr("Visit type"), QHBoxLayout, style.SPACING * 2)
        self.type_group = QButtonGroup(self)
        self.type_buttons: dict[VisitType, QRadioButton] = {}
        for visit_type in VisitType:
            button = _type_button(visit_type, visit_type in self.allowed)
            self.type_group.addButton(button)
            self.type_buttons[visit_type] = button
            row.addWidget(button)
        row.addStretch(1)
        holder.setFocusProxy(self.first_allowed_type())
        self.type_group.buttonToggled.connect(self._type_toggled)
        return holder

    def _build_when(self) -> QWidget:
        self.when = DateTimeField()  # the language's date and time, one Tab stop
        self.when.setObjectName("occurred_at")
        self.when.setAccessibleName(self.tr("Date and time"))
        self.now_button = QPushButton(self.tr("Now"))
        self.now_button.setObjectName("nowButton")
        self.now_button.setAccessibleName(self.tr("Set the date and time to now"))
        self.now_button.setAutoDefault(False)
        self.now_button.clicked.connect(self.set_time_now)
        holder, row = style.holder(self.tr("Date and time"), QHBoxLayout, style.SPACING)
        holder.setFocusProxy(self.when)
        row.addWidget(self.when)
        row.addWidget(self.now_button)
        row.addStretch(1)
        return holder

    def _build_note_section(self) -> QGroupBox:
        box = QGroupBox(self.tr("Note"))
        column = QVBoxLayout(box)
        margin = style.SPACING + 6
        column.setContentsMargins(margin, margin, margin, style.SPACING)
        column.setSpacing(4)
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(
            self.tr("What happened, what you did, and the plan. Plain text.")
        )
        self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 6 + 16)
        error = style.error_label("noteError")
        error.setAccessibleName(self.tr("Note: problem"))
        self.errors.add("note", error, self.note)
        column.addWidget(self.note, 1)
        column.addWidget(error)
        return box

    def _build_outcome_section(self) -> FormSection:
        section = FormSection(self.tr("Outcome"), self.errors)
        self.disposition = CodeCombo((d.value, d.label) for d in Disposition)
        self.disposition.setObjectName("disposition")
        # Chosen by a person, never preselected: the box starts empty (issue 16).
        self.disposition.setPlaceholderText(self.tr("Choose what happened next"))
        section.add_field("disposition", self.tr("Disposition"), self.disposition)
        self.duration = QSpinBox()
        # Never defaulted: 0 reads "Not entered" until the clinician says how long it took
        # (signing refuses a visit without it).
        self.duration.setRange(0, MAX_DURATION_MINUTES)
        self.duration.setSpecialValueText(self.tr("Not entered"))
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setSingleStep(5)
        section.add_field("duration_minutes", self.tr("Time spent"), self.duration)
        return section

    def _build_billing_section(self) -> FormSection:
        section = FormSection(self.tr("Billing codes (optional)"), self.errors)
        self.icd10 = _code_edit(self.tr("e.g. F41.1, R51.9"), self.tr("ICD-10 codes"))
        section.add_field("icd10_codes", self.tr("ICD-10"), self.icd10)
        self.cpt = _code_edit(self.tr("e.g. 99213"), self.tr("CPT codes"))
        section.add_field("cpt_codes", self.tr("CPT"), self.cpt)
        return section

    def tab_chain(self) -> list[QWidget]:
        """The fields in the order Tab visits them: the order a visit is told."""
        return [
            *self.type_buttons.values(),
            self.when,
            self.now_button,
            self.reason,
            self.note,
            self.disposition,
            self.duration,
            self.icd10,
            self.cpt,
        ]

    def _watch_fields(self) -> None:
        fields: dict[str, QWidget] = {
            "occurred_at": self.when,
            "reason": self.reason,
            "note": self.note,
            "disposition": self.disposition,
            "duration_minutes": self.duration,
            "icd10_codes": self.icd10,
            "cpt_codes": self.cpt,
        }
        for name, field in fields.items():
            on_change(field, lambda name=name: self._changed(name))

    # --- values --------------------------------------------------------------------------

    def visit_input(self) -> VisitInput:
        """The visit as typed (the service cleans and validates it)."""
        return VisitInput(
            visit_type=self.visit_type(),
            occurred_at=self.occurred_at(),
            reason=self.reason_value(),
            note=self.note.toPlainText(),
            disposition=self.disposition.code() or None,
            duration_minutes=self.duration.value(),
            icd10_codes=split_codes(self.icd10.text()),
            cpt_codes=split_codes(self.cpt.text()),
        )

    def reason_value(self) -> str:
        """The reason to store: a suggestion picked (or typed as offered, in the interface
        language) is stored as its key, so every reader sees it in their own language;
        anything else as typed."""
        text = self.reason.currentText()
        shown, stored = self._stored_reason
        if stored and text == shown:
            return stored  # as loaded (a screening's "Screening: PHQ-9" stays a key)
        index = self.reason.findText(text, Qt.MatchFlag.MatchFixedString)
        return str(self.reason.itemData(index)) if index >= 0 and text.strip() else text

    def set_reason(self, stored: str) -> None:
        """Show a stored reason: a suggestion's key in the interface language."""
        shown = i18n.translate_message(reason_text(stored))
        self._stored_reason = (shown, stored)
        self.reason.setEditText(shown)

    def visit_type(self) -> str:
        checked = self.type_group.checkedButton()
        return next((t.value for t, b in self.type_buttons.items() if b is checked), "")

    def occurred_at(self) -> datetime:
        """The date/time field as an aware datetime in the clinic's zone."""
        return self.when.moment(self.zone)

    def set_occurred_at(self, moment: datetime) -> None:
        self.when.set_moment(moment, self.zone)

    def set_time_now(self) -> None:
        self.set_occurred_at(self.clock())

    def set_visit_type(self, visit_type: str) -> None:
        button = self.type_buttons.get(VisitType(visit_type)) if visit_type else None
        self.type_group.setExclusive(False)  # an exclusive group cannot uncheck its last
        for each in self.type_buttons.values():
            each.setChecked(each is button)
        self.type_group.setExclusive(True)
        self._fill_reasons()

    def first_allowed_type(self) -> QRadioButton:
        return next(b for b in self.type_buttons.values() if b.isEnabled())

    def reset(self) -> None:
        """Defaults: now and 15 minutes; no disposition (a person chooses it) and no type
        unless the role records only one (a nurse: Nursing)."""
        with self._filled():
            self.set_visit_type(self.allowed[0].value if len(self.allowed) == 1 else "")
            self.set_time_now()
            self._stored_reason = ("", "")
            self.reason.setEditText("")
            self.note.setPlainText("")
            self.set_disposition(None)
            self.duration.setValue(0)
            self.icd10.clear()
            self.cpt.clear()

    def payload(self) -> dict[str, Any]:
        """What a draft keeps: plain JSON values, the codes as typed."""
        return {
            "version": PAYLOAD_VERSION,
            "visit_type": self.visit_type(),
            "occurred_at": self.occurred_at().isoformat(),
            "reason": self.reason_value(),
            "note": self.note.toPlainText(),
            "disposition": self.disposition.code() or None,
            "duration_minutes": self.duration.value(),
            "icd10_codes": self.icd10.text(),
            "cpt_codes": self.cpt.text(),
        }

    def apply_payload(self, payload: dict[str, Any]) -> None:
        """Fill the form from a stored draft; anything missing keeps its default."""
        with self._filled():
            self.set_visit_type(_known_type(payload.get("visit_type")) or self.visit_type())
            moment = parse_time(payload.get("occurred_at"))
            if moment is not None:
                self.set_occurred_at(moment)
            self.set_reason(str(payload.get("reason", "")))
            self.note.setPlainText(str(payload.get("note", "")))
            disposition = payload.get("disposition")
            self.set_disposition(str(disposition) if disposition else None)
            self.duration.setValue(int(payload.get("duration_minutes") or 0))
            self.icd10.setText(str(payload.get("icd10_codes", "")))
            self.cpt.setText(str(payload.get("cpt_codes", "")))

    def apply_visit(self, visit: VisitView, stored_reason: str) -> None:
        """Fill the form from a saved draft visit (``stored_reason``: its reason as kept)."""
        with self._filled():
            self.set_visit_type(visit.visit_type)
            self.set_occurred_at(visit.occurred_at)
            self.set_reason(stored_reason)
            self.note.setPlainText(visit.note)
            self.set_disposition(visit.disposition)
            # A visit a screening opened has no time spent yet: offer the usual 15.
            self.duration.setValue(visit.duration_minutes)
            self.icd10.setText(", ".join(visit.icd10_codes))
            self.cpt.setText(", ".join(visit.cpt_codes))

    def set_disposition(self, code: str | None) -> None:
        """Select ``code``; ``None`` leaves the box empty ("Choose what happened next")."""
        if code:
            self.disposition.set_code(code)
        else:
            self.disposition.setCurrentIndex(-1)

    # --- changes -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _filled(self) -> Iterator[None]:
        """Changes made by code inside this block do not count as the user's edits."""
        self._filling = True
        try:
            yield
        finally:
            self._filling = False

    def _changed(self, name: str) -> None:
        if not self._filling:
            self.edited.emit(name)

    def _type_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._fill_reasons()
            self._changed("visit_type")

    def _fill_reasons(self) -> None:
        """Offer the common reasons for the chosen type, keeping what was typed."""
        text = self.reason.currentText()
        chosen = self.visit_type()
        blocked = self.reason.blockSignals(True)
        self.reason.clear()
        for key in COMMON_REASONS[VisitType(chosen)] if chosen else ():
            self.reason.addItem(i18n.translate_message(reason_text(key)), key)
        self.reason.setCurrentIndex(-1)
        self.reason.setEditText(text)
        self.reason.blockSignals(blocked)


def split_codes(text: str) -> tuple[str, ...]:
    """ "F41.1, r51.9" -> ("F41.1", "r51.9"): commas, semicolons or spaces separate codes."""
    return tuple(code for code in _CODE_SPLIT.split(text.strip()) if code)


def parse_time(value: object) -> datetime | None:
    """An aware datetime from a draft's ISO text, or None (missing, naive or garbled)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _type_button(visit_type: VisitType, allowed: bool) -> QRadioButton:
    button = QRadioButton(i18n.translate_message(visit_type.label))
    button.setObjectName(f"type-{visit_type.value}")
    button.setAccessibleName(
        QCoreApplication.translate("VisitForm", "Visit type: {type}").format(
            type=i18n.translate_message(visit_type.label)
        )
    )
    button.setEnabled(allowed)
    if not allowed:
        button.setToolTip(
            QCoreApplication.translate("VisitForm", "Your role does not record this type of visit")
        )
    return button


def _reason_box() -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setMaxVisibleItems(12)
    box.lineEdit().setPlaceholderText(
        QCoreApplication.translate("VisitForm", "Choose a common reason or type your own")
    )
    box.lineEdit().setMaxLength(200)
    completer = QCompleter(box.model(), box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCompleter(completer)
    return box


def _code_edit(placeholder: str, name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(200)
    edit.setAccessibleName(name)
    edit.setToolTip(QCoreApplication.translate("VisitForm", "Separate several codes with commas"))
    return edit


def _known_type(value: object) -> str:
    return str(value) if value in {t.value for t in VisitType} else ""
