"""A risk flag's documentation: several actions taken, and closing it with a note.

``FlagActionDialog`` lists the actions already recorded, lets the clinician add several
(each: kind, when it happened, who, a note) and, as a separate choice, close the flag
with a closing note. The other open flags of the same sitting are listed with
checkboxes, none ticked: what the clinician ticks gets the same actions and the same
closing note. The rules (what each kind needs, the note, an action before a suicide-risk
flag closes) are the service's; its reasons come back beside the fields.

Also home of ``FlagBanner``, the strip that shows a flag's message and required action,
so the screening form and this dialog present a flag the same way: an icon, a severity
word and the text, never colour alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, tzinfo
from itertools import pairwise

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.risk_actions import (
    MANUAL_ACTIONS,
    MAX_PERSON_LENGTH,
    ActionInput,
    RiskAction,
)
from clinic_desktop.errors import ClinicError, FieldError
from clinic_desktop.services.chart import flag_tone
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.flags import FlagActionView, FlagDetail, RiskFlagView
from clinic_desktop.ui import i18n, style
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import flags as flag_ops
from clinic_desktop.ui.widgets.choices import CodeCombo
from clinic_desktop.ui.widgets.dates import DateTimeField
from clinic_desktop.ui.widgets.form_dialog import FormDialog
from clinic_desktop.ui.widgets.text import BoundedTextEdit

#: The word that says a flag's severity in text, per language (meaning never by colour).
SEVERITY_WORDS = {
    "en": {"acute": "ACUTE RISK", "urgent": "Urgent", "routine": "Follow up"},
    "es": {"acute": "RIESGO AGUDO", "urgent": "Urgente", "routine": "Seguimiento"},
}
REQUIRED_ACTION = {"en": "Required action", "es": "Acción requerida"}


def severity_word(severity: str, lang: str) -> str:
    """A flag severity's word in ``lang`` (the banner's and the chart header's)."""
    words = SEVERITY_WORDS.get(lang, SEVERITY_WORDS["en"])
    return words.get(severity, severity.title())


class FlagBanner(QFrame):
    """A flag's severity, message and required action on a tinted strip with an icon.

    Acute flags get the strongest style (solid red, bold, thick border); urgent ones a red
    tint; routine ones an amber tint. The accessible name carries the same words.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flagBanner")
        self.severity = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(style.SPACING + 4, style.SPACING, style.SPACING + 4, style.SPACING)
        row.setSpacing(style.SPACING + 2)
        self.icon = QLabel()
        self.title = QLabel()
        self.title.setObjectName("flagTitle")
        self.action = QLabel()
        self.action.setObjectName("flagAction")
        column = QVBoxLayout()
        column.setSpacing(4)
        for label in (self.title, self.action):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(label)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)

    def show_flag(
        self, severity: str, message: str, required_action: str, lang: str = "en"
    ) -> None:
        """Fill the banner (again, e.g. after a language switch) and restyle it."""
        title = f"{severity_word(severity, lang)}: {message}"
        action = f"{REQUIRED_ACTION.get(lang, REQUIRED_ACTION['en'])}: {required_action}"
        self.title.setText(title)
        self.action.setText(action)
        self.setAccessibleName(title)
        self.setAccessibleDescription(action)
        if severity != self.severity:
            self.severity = severity
            self._restyle()

    def set_compact(self, compact: bool) -> None:
        """Show the required action only in the tooltip (routine flags on a busy form)."""
        self.action.setVisible(not compact)
        self.setToolTip(self.action.text() if compact else "")

    def text(self) -> str:
        """Everything the banner says, as one string (tests, screen readers)."""
        return f"{self.title.text()}\n{self.action.text()}"

    def _restyle(self) -> None:
        tone = flag_tone(self.severity)
        size = style.em(self, 1.7 if self.severity == "acute" else 1.3)
        self.icon.setPixmap(style.severity_icon(tone).pixmap(size, size))
        names = {
            "acute": self.tr("Acute flag"),
            "urgent": self.tr("Urgent flag"),
            "routine": self.tr("Routine flag"),
        }
        self.icon.setAccessibleName(names.get(self.severity, self.tr("Flag")))
        # On the solid red of an acute banner the red icon needs a light disc behind it.
        disc = f"background: #ffffff; border-radius: {size // 2 + 2}px; padding: 2px;"
        self.icon.setStyleSheet(disc if self.severity == "acute" else "")
        self.title.setFont(style.scaled_font(self.title, 1.15, bold=True))
        self.setStyleSheet(_banner_css(self, tone, strong=self.severity == "acute"))


def _banner_css(widget: QWidget, tone: str, *, strong: bool) -> str:
    """Solid fill and light text for the strong style; a tint and tone text otherwise."""
    color = style.tone_color(widget, tone)
    if strong:
        text = "#ffffff" if color.lightness() < 140 else "#1a1a1a"
        fill, edge, width = color, color.darker(140), 3
    else:
        text, fill, edge, width = color.name(), QColor(color), QColor(color), 1
        fill.setAlpha(30)
        edge.setAlpha(150)
    return (
        f"QFrame#flagBanner {{ background-color: {_rgba(fill)}; border: {width}px solid"
        f" {_rgba(edge)}; border-radius: 8px; }}"
        f" QFrame#flagBanner QLabel {{ color: {text}; background: transparent; border: none; }}"
    )


def _rgba(color: QColor) -> str:
    return f"rgba({color.red()}, {color.green()}, {color.blue()}, {color.alpha()})"


class ActionRow(QFrame):
    """One action being added: kind, when, who, a note, and a remove button."""

    removed = Signal(object)  # ActionRow

    def __init__(self, key: int, zone: tzinfo, now: datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.zone = zone
        self.setObjectName("actionRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(style.SPACING, style.SPACING - 2, style.SPACING, style.SPACING - 2)
        grid.setHorizontalSpacing(style.SPACING)
        grid.setVerticalSpacing(2)
        self.kind = CodeCombo((a.value, a.label) for a in MANUAL_ACTIONS)
        self.kind.setObjectName("actionKind")
        self.kind.setPlaceholderText(
            QCoreApplication.translate("FlagActionDialog", "Choose an action…")
        )
        self.kind.setCurrentIndex(-1)  # nothing chosen for the clinician
        self.kind.setAccessibleName(QCoreApplication.translate("FlagActionDialog", "Action"))
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(16)
        self.when = DateTimeField()  # the language's date and time, one Tab stop
        self.when.setObjectName("actionWhen")
        self.when.setAccessibleName(
            QCoreApplication.translate("FlagActionDialog", "When it happened")
        )
        self.set_when(now)
        self.person = QLineEdit()
        self.person.setObjectName("actionPerson")
        self.person.setMaxLength(MAX_PERSON_LENGTH)
        self.note = QLineEdit()
        self.note.setObjectName("actionNote")
        self.note.setPlaceholderText(QCoreApplication.translate("FlagActionDialog", "Note"))
        self.note.setAccessibleName(QCoreApplication.translate("FlagActionDialog", "Action note"))
        self.remove = QToolButton()
        self.remove.setObjectName("removeAction")
        self.remove.setText("✕")
        self.remove.setToolTip(QCoreApplication.translate("FlagActionDialog", "Remove this action"))
        self.remove.setAccessibleName(
            QCoreApplication.translate("FlagActionDialog", "Remove this action")
        )
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        self.error_labels = {
            name: style.error_label(f"action{name.title().replace('_', '')}Error")
            for name in ("action", "occurred_at", "person", "note")
        }
        grid.addWidget(self.kind, 0, 0)
        grid.addWidget(self.when, 0, 1)
        grid.addWidget(self.person, 0, 2)
        grid.addWidget(self.remove, 0, 4)
        grid.addWidget(self.note, 1, 0, 1, 4)
        errors_row = QHBoxLayout()
        for label in self.error_labels.values():
            errors_row.addWidget(label)
        errors_row.addStretch(1)
        grid.addLayout(errors_row, 2, 0, 1, 5)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()

    def field(self, name: str) -> QWidget:
        return {
            "action": self.kind,
            "occurred_at": self.when,
            "person": self.person,
            "note": self.note,
        }[name]

    def _kind_changed(self) -> None:
        code = self.kind.code()
        kind = RiskAction(code) if code in set(RiskAction) else None
        if kind is None:
            self.person.setPlaceholderText(QCoreApplication.translate("FlagActionDialog", "Who"))
            self.person.setAccessibleName(QCoreApplication.translate("FlagActionDialog", "Who"))
            return
        label = i18n.translate_message(kind.person_label)
        required = QCoreApplication.translate("FlagActionDialog", "{field} (required)")
        self.person.setPlaceholderText(required.format(field=label) if kind.needs_person else label)
        self.person.setAccessibleName(label)
        note = QCoreApplication.translate("FlagActionDialog", "Note")
        self.note.setPlaceholderText(required.format(field=note) if kind.needs_note else note)

    def set_when(self, moment: datetime) -> None:
        self.when.set_moment(moment, self.zone)

    def occurred_at(self) -> datetime:
        return self.when.moment(self.zone)

    def is_blank(self) -> bool:
        """Nothing chosen or typed: the row is left out (an "Add action" not used)."""
        return (
            not self.kind.code() and not self.person.text().strip() and not self.note.text().strip()
        )

    def entry(self) -> ActionInput:
        return ActionInput(
            self.kind.code(), self.occurred_at(), self.person.text(), self.note.text()
        )


class FlagActionDialog(FormDialog):
    """Records actions on one open flag and, when the clinician chooses, closes it.

    ``flag_resolved`` is emitted once per flag closed (the related ones ticked too);
    ``actions_saved`` with every flag the save touched.
    """

    flag_resolved = Signal(object)  # RiskFlagView, closed
    actions_saved = Signal(object)  # list[RiskFlagView]
    #: "Refer…" in the dialog: the chart opens the referral form for this flag.
    refer_requested = Signal(object)  # RiskFlagView

    def __init__(
        self, session: ClinicSession, flag: RiskFlagView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.flag = flag
        self.zone = session.zone()
        self.related: tuple[RiskFlagView, ...] = ()
        self.related_boxes: dict[uuid.UUID, QCheckBox] = {}
        self.rows: list[ActionRow] = []
        self._row_keys = 0
        self._sent_rows: list[ActionRow] = []
        self.result_value: list[RiskFlagView] | None = None
        self.setWindowTitle(self.tr("Flag actions — Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self._build()
        self._size_to_screen()
        self.ready = False
        self.set_enabled(False)
        self.load()

    # --- layout ------------------------------------------------------------------------

    def _size_to_screen(self) -> None:
        """Wide enough for an action line on one row, as tall as the screen allows (the
        body scrolls; the banner and the buttons stay in view)."""
        width, height = style.em(self, 72), style.em(self, 56)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and not screen.isEmpty():
            width = min(width, screen.width() * 9 // 10)
            height = min(height, screen.height() * 9 // 10)
        self.setMinimumWidth(min(width, style.em(self, 50)))
        self.resize(width, height)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        outer.setSpacing(style.SPACING)
        outer.addWidget(style.heading(self.tr("Flag actions and closing"), 1.3))
        self.banner = FlagBanner()
        self.banner.show_flag(
            self.flag.severity,
            i18n.translate_message(self.flag.message),
            i18n.translate_message(self.flag.required_action),
            i18n.current_language(),
        )
        outer.addWidget(self.banner)
        self.raised_label = style.secondary(self._raised_text())
        self.raised_label.setObjectName("raisedText")
        outer.addWidget(self.raised_label)
        # The body scrolls on a small screen; the banner, the close box and the footer
        # stay in view.
        self.body = QWidget()
        self.body.setObjectName("flagBody")
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING + 2)
        layout.addWidget(self._build_recorded())
        layout.addWidget(self._build_new_actions())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("flagScroll")
        scroll.setAccessibleName(self.tr("Flag actions and closing"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.body)
        self.scroll = scroll
        outer.addWidget(scroll, 1)
        # The related flags, the close choice and its note stay in view whatever the
        # body's length.
        self.related_box = self._build_related()
        bottom = QHBoxLayout()
        bottom.setSpacing(style.SPACING + 2)
        bottom.addWidget(self.related_box, 1)
        bottom.addWidget(self._build_close(), 1)
        outer.addLayout(bottom)
        outer.addWidget(self.errors.general)
        # Enter in the note is a new line, never "save": Ctrl+Enter saves.
        outer.addLayout(self.build_footer(self.tr("Save actions"), "saveAction"))
        self.save_button = self.accept_button
        self._order_tabs()

    def _raised_text(self) -> str:
        raised = formats.date_time(self.flag.raised_at, self.zone)
        parts = [self.tr("Raised {when}.").format(when=raised)]
        if self.flag.suicide_risk:
            parts.append(
                self.tr(
                    "Suicide-risk flag: record at least one action and a closing note"
                    " before it closes."
                )
            )
        else:
            parts.append(self.tr("Closing it needs a closing note."))
        if self.flag.visit_signed:
            parts.append(
                self.tr(
                    "The sitting's visit is signed: what you add now is marked"
                    ' "recorded after signing".'
                )
            )
        return " ".join(parts)

    def _build_recorded(self) -> QGroupBox:
        box = QGroupBox(self.tr("Actions recorded"))
        column = QVBoxLayout(box)
        self.recorded_label = QLabel()
        self.recorded_label.setObjectName("recordedActions")
        self.recorded_label.setWordWrap(True)
        self.recorded_label.setTextFormat(Qt.TextFormat.PlainText)
        self.recorded_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.recorded_label)
        self._show_recorded(self.flag)
        return box

    def _show_recorded(self, flag: RiskFlagView) -> None:
        lines = [action_line(a, self.zone) for a in flag.actions]
        self.recorded_label.setText("\n".join(lines) if lines else self.tr("None yet."))

    def _build_new_actions(self) -> QGroupBox:
        box = QGroupBox(self.tr("Add actions"))
        column = QVBoxLayout(box)
        column.setSpacing(style.SPACING - 2)
        hint = style.secondary(
            self.tr(
                "One line per action, at the time it happened (it may be earlier than now)."
                " Recording actions does not close the flag."
            )
        )
        column.addWidget(hint)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(style.SPACING - 2)
        column.addLayout(self.rows_layout)
        self.actions_error = style.error_label("actionsError")
        self.actions_error.setAccessibleName(self.tr("Actions: problem"))
        column.addWidget(self.actions_error)
        buttons = QHBoxLayout()
        self.add_button = style.button(self.tr("&Add action"), "addAction")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        buttons.addWidget(self.add_button)
        self.refer_button = style.button(self.tr("&Refer…"), "referFromFlag")
        self.refer_button.setAutoDefault(False)
        self.refer_button.setToolTip(
            self.tr('A referral made from the flag is recorded on it as "Referral made".')
        )
        self.refer_button.clicked.connect(lambda: self.refer_requested.emit(self.flag))
        self.refer_button.setVisible(False)  # shown when a chart connects the request
        buttons.addWidget(self.refer_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.errors.add("actions", self.actions_error, self.add_button)
        self.add_row()
        return box

    def add_row(self, *, focus: bool = False) -> ActionRow:
        """A new, empty action line (nothing chosen)."""
        self._row_keys += 1
        row = ActionRow(self._row_keys, self.zone, self.session.now())
        row.removed.connect(self.remove_row)
        for name in ("action", "occurred_at", "person", "note"):
            self.errors.add(f"row{row.key}.{name}", row.error_labels[name], row.field(name))
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        if hasattr(self, "scroll"):  # the new line in view (after layout settles)
            QTimer.singleShot(0, lambda: self._show_row(row))
        self.errors.clear("actions")
        self._order_tabs()
        if focus:
            row.kind.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def _order_tabs(self) -> None:
        """Tab in reading order: each action line, Add action, Refer, the related flags,
        the close choice and its note, then Save and Cancel (lines added later included)."""
        if not hasattr(self, "close_check"):
            return  # still building: called again once everything exists
        chain: list[QWidget] = []
        for row in self.rows:
            chain += [row.kind, row.when, row.person, row.remove, row.note]
        chain += [self.add_button, self.refer_button, *self.related_boxes.values()]
        chain += [self.close_check, self.note]
        if hasattr(self, "save_button"):
            chain += [self.save_button, self.cancel_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _show_row(self, row: ActionRow) -> None:
        if shiboken6.isValid(row) and row in self.rows:
            self.scroll.ensureWidgetVisible(row)

    def remove_row(self, row: ActionRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            for name in ("action", "occurred_at", "person", "note"):
                self.fields.pop(f"row{row.key}.{name}", None)
            row.setParent(None)
            row.deleteLater()
            self.dirty = True
            self._order_tabs()

    def _build_related(self) -> QGroupBox:
        box = QGroupBox(self.tr("Other open flags from this sitting"))
        box.setObjectName("relatedFlags")
        self.related_column = QVBoxLayout(box)
        self.related_column.addWidget(
            style.secondary(
                self.tr(
                    "Tick the flags this record also covers: they get the same actions and,"
                    " when you close, the same closing note."
                )
            )
        )
        box.setVisible(False)
        return box

    def _build_close(self) -> QGroupBox:
        box = QGroupBox(self.tr("Close the flag"))
        column = QVBoxLayout(box)
        self.close_check = QCheckBox(self.tr("&Close the flag with this closing note"))
        self.close_check.setObjectName("closeFlag")
        self.close_check.toggled.connect(self._close_toggled)
        column.addWidget(self.close_check)
        self.note = BoundedTextEdit(2, 3)
        self.note.setObjectName("note")
        self.note.setAccessibleName(self.tr("Closing note"))
        self.note.setPlaceholderText(
            self.tr("How it ended: who was told, what was decided, where the student is now")
        )
        self.note.setEnabled(False)
        column.addWidget(self.note)
        error = style.error_label("noteError")
        error.setAccessibleName(self.tr("Closing note: problem"))
        column.addWidget(error)
        self.errors.add("note", error, self.note)
        return box

    def _close_toggled(self, on: bool) -> None:
        self.note.setEnabled(on and not self.busy)
        self.save_button.setText(self.tr("Save and close flag") if on else self.tr("Save actions"))
        if on:
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.errors.clear("note")

    # --- loading -------------------------------------------------------------------------

    def load(self) -> None:
        """The flag's latest actions and the sitting's other open flags."""
        flag_ops.flag_detail(parent=self, session=self.session, flag_id=self.flag.id).success(
            self.show_detail
        ).known_error(self._load_refused).run_in_background()

    def show_detail(self, detail: FlagDetail) -> None:
        self.flag = detail.flag
        self._show_recorded(detail.flag)
        self.related = detail.related
        for flag in detail.related:
            word = severity_word(flag.severity, i18n.current_language())
            message = i18n.translate_message(flag.message)
            box = QCheckBox(f"{word}:")
            box.setObjectName(f"related-{flag.flag_id}")
            box.setAccessibleName(f"{word}: {message}")
            box.setChecked(False)  # nothing ticked for the clinician
            box.toggled.connect(lambda _on: self.field_edited(""))
            text = QLabel(message)  # wraps, where a checkbox's own text would be cut
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setBuddy(box)
            line = QHBoxLayout()
            line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(text, 1)
            self.related_boxes[flag.id] = box
            self.related_column.addLayout(line)
        self.related_box.setVisible(bool(detail.related))
        self._order_tabs()
        self.ready = True
        self.set_enabled(True)
        self.note.setEnabled(self.close_check.isChecked())

    def _load_refused(self, exc: ClinicError) -> None:
        self.errors.show_general(i18n.translate_message(exc.message))

    # --- behaviour -----------------------------------------------------------------------

    def add_action(
        self, action: RiskAction, person: str = "", note: str = "", at: datetime | None = None
    ) -> ActionRow:
        """Fill the first blank line (or a new one) with an action (tests, scripted use)."""
        row = next((r for r in self.rows if r.is_blank()), None) or self.add_row()
        row.kind.set_code(action.value)
        row.person.setText(person)
        row.note.setText(note)
        if at is not None:
            row.set_when(at)
        return row

    def tick_related(self, flag_id: uuid.UUID, ticked: bool = True) -> None:
        self.related_boxes[flag_id].setChecked(ticked)

    def choose_close(self, note: str = "") -> None:
        self.close_check.setChecked(True)
        if note:
            self.note.setPlainText(note)

    def ticked(self) -> list[uuid.UUID]:
        return [i for i, box in self.related_boxes.items() if box.isChecked()]

    def has_unsaved_changes(self) -> bool:
        typed = any(not r.is_blank() for r in self.rows) or bool(self.note.toPlainText().strip())
        return typed or bool(self.ticked())

    def operation(self) -> Operation:
        """Ask the service; its reasons come back beside the lines they name."""
        self._sent_rows = [r for r in self.rows if not r.is_blank()]
        closing = self.close_check.isChecked()
        return flag_ops.record_flag_actions(
            parent=self,
            session=self.session,
            flag_id=self.flag.id,
            actions=[r.entry() for r in self._sent_rows],
            close_note=self.note.toPlainText() if closing else None,
            also=self.ticked(),
        )

    def field_problems(self, problems: Sequence[FieldError]) -> Sequence[FieldError]:
        """``actions.N.field`` named by the line it came from."""
        shown = []
        for problem in problems:
            parts = problem.field.split(".")
            if len(parts) == 3 and parts[0] == "actions" and parts[1].isdigit():
                index = int(parts[1])
                if index < len(self._sent_rows):
                    key = self._sent_rows[index].key
                    problem = FieldError(f"row{key}.{parts[2]}", problem.reason)
            shown.append(problem)
        return shown

    def saved(self, views: list[RiskFlagView]) -> None:
        self.result_value = views
        self.actions_saved.emit(views)
        for view in views:
            if not view.is_open:
                self.flag_resolved.emit(view)


def action_line(action: FlagActionView, zone: tzinfo) -> str:
    """ "10/14/2026 10:40 AM — Guardian contacted: María (mother) · called back at noon"."""
    kind = action.kind
    label = i18n.translate_message(kind.label) if kind is not None else action.action
    details = [p for p in (action.person, action.note) if p]
    if action.withheld:
        details = [
            QCoreApplication.translate("FlagActionDialog", "details not visible to your role")
        ]
    if action.after_signing:
        details.append(QCoreApplication.translate("FlagActionDialog", "recorded after signing"))
    line = f"{formats.date_time(action.occurred_at, zone)} — {label}"
    return f"{line}: {' · '.join(details)}" if details else line
