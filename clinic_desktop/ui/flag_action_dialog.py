"""Closing a risk flag: the clinician records the action taken (and, for acute flags, a note).

Also home of ``FlagBanner``, the strip that shows a flag's message and required action,
so the screening form and this dialog present a flag the same way: an icon, a severity
word and the text, never colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.clock import local_zone
from clinic_desktop.domain.risk_actions import RiskAction
from clinic_desktop.services.chart import flag_tone
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.screenings import RiskFlagView
from clinic_desktop.ui import i18n, style
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import screenings as screening_ops
from clinic_desktop.ui.widgets.form_dialog import FormDialog

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


class FlagActionDialog(FormDialog):
    """Records the action taken for one open flag; stays open until the service accepts.

    The service decides what is required (an action always, a note for acute flags); its
    ``ValidationError`` is shown beside the fields, so the rule lives in one place.
    """

    flag_resolved = Signal(object)  # RiskFlagView, closed

    def __init__(
        self, session: ClinicSession, flag: RiskFlagView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.flag = flag
        self.result_value: RiskFlagView | None = None
        self.setWindowTitle(self.tr("Record the action taken — Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self._build()
        style.fit_to_width(self, style.chars(self, 96))

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 4)
        layout.addWidget(style.heading(self.tr("Record the action taken"), 1.3))
        self.banner = FlagBanner()
        self.banner.show_flag(
            self.flag.severity,
            i18n.translate_message(self.flag.message),
            i18n.translate_message(self.flag.required_action),
            i18n.current_language(),
        )
        layout.addWidget(self.banner)
        layout.addWidget(style.secondary(self._raised_text()))
        layout.addWidget(self._build_actions())
        layout.addLayout(self._build_note())
        layout.addWidget(self.errors.general)
        layout.addStretch(1)
        # Enter in the note is a new line, never "save": Ctrl+Enter saves.
        layout.addLayout(self.build_footer(self.tr("Save action"), "saveAction"))
        self.save_button = self.accept_button

    def _raised_text(self) -> str:
        raised = formats.date_time(self.flag.raised_at, local_zone(self.flag.raised_at))
        if self.flag.severity == "acute":
            return self.tr(
                "Raised {when}. An acute flag stays open until the action is recorded."
            ).format(when=raised)
        return self.tr("Raised {when}.").format(when=raised)

    def _build_actions(self) -> QGroupBox:
        box = QGroupBox(self.tr("Action taken"))
        column = QVBoxLayout(box)
        column.setSpacing(style.SPACING - 2)
        self.action_group = QButtonGroup(self)
        self.action_buttons: dict[RiskAction, QRadioButton] = {}
        for action in RiskAction:
            button = QRadioButton(i18n.translate_message(action.label))
            button.setObjectName(action.value)
            self.action_group.addButton(button)
            self.action_buttons[action] = button
            column.addWidget(button)
            button.toggled.connect(lambda _on: self.errors.clear("action"))
        error = style.error_label("actionError")
        error.setAccessibleName(self.tr("Action taken: problem"))
        column.addWidget(error)
        self.errors.add("action", error, self.action_buttons[next(iter(RiskAction))])
        return box

    def _build_note(self) -> QVBoxLayout:
        required = self.flag.severity == "acute"
        label = QLabel(
            self.tr("What was done (required for an acute flag):") if required else self.tr("Note:")
        )
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(
            self.tr("Who was told, what was decided, where the student is now")
        )
        self.note.setMinimumHeight(style.em(self, 4))
        self.note.setMaximumHeight(style.em(self, 7))
        label.setBuddy(self.note)
        error = style.error_label("noteError")
        error.setAccessibleName(self.tr("Note: problem"))
        self.errors.add("note", error, self.note)
        column = QVBoxLayout()
        column.setSpacing(4)
        for widget in (label, self.note, error):
            column.addWidget(widget)
        return column

    # --- behaviour -----------------------------------------------------------------------

    def chosen_action(self) -> str:
        """The chosen action's code, or "" when none is chosen (the service refuses that)."""
        button = self.action_group.checkedButton()
        return button.objectName() if button is not None else ""

    def choose(self, action: RiskAction) -> None:
        self.action_buttons[action].setChecked(True)

    def operation(self) -> Operation:
        """Ask the service to close the flag; its reasons come back beside the fields."""
        return screening_ops.resolve_flag(
            parent=self,
            session=self.session,
            flag_id=self.flag.id,
            action=self.chosen_action(),
            note=self.note.toPlainText(),
        )

    def saved(self, view: RiskFlagView) -> None:
        self.result_value = view
        self.flag_resolved.emit(view)
