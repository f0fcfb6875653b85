"""One screening question on screen: its text in large type and its answers as big
buttons (or a number field), plus the form's own texts and the skip logic on screen.

Split from ``screening_dialog`` so each module keeps one job: this one draws a question,
the dialog walks through them, scores and saves.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTranslator, Signal
from PySide6.QtGui import (
    QIntValidator,
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.screening import (
    Instrument,
    Item,
    UnknownInstrumentError,
    load_instrument,
)
from clinic_desktop.domain.screening_model import Section
from clinic_desktop.ui import i18n, style

#: Texts of the form itself. They follow the screening's language (the student's, chosen
#: per administration with the dialog's English / Español switch), not the interface
#: language: a Spanish-speaking student can answer on a clinician's English desktop. So
#: they are marked for translation like any text (their Spanish lives in the .ts) but
#: looked up with a translator of their own, by ``form_text``.
_FORM_TEXTS: Mapping[str, str] = {
    "heading": QT_TRANSLATE_NOOP("ScreeningForm", "New screening"),
    "age": QT_TRANSLATE_NOOP("ScreeningForm", "{age} years old"),
    "screening": QT_TRANSLATE_NOOP("ScreeningForm", "Screening:"),
    "choose": QT_TRANSLATE_NOOP("ScreeningForm", "Choose a screening…"),
    "fits": QT_TRANSLATE_NOOP("ScreeningForm", "Suited to age {age}"),
    "other": QT_TRANSLATE_NOOP("ScreeningForm", "Other instruments"),
    "start": QT_TRANSLATE_NOOP("ScreeningForm", "Choose a screening above to begin."),
    "question": QT_TRANSLATE_NOOP("ScreeningForm", "Question {n} of {total}"),
    "question_up_to": QT_TRANSLATE_NOOP("ScreeningForm", "Question {n} of up to {total}"),
    "back": QT_TRANSLATE_NOOP("ScreeningForm", "◀  Back"),
    "next": QT_TRANSLATE_NOOP("ScreeningForm", "Next  ▶"),
    "keys": QT_TRANSLATE_NOOP(
        "ScreeningForm", "Keys: 1–{n} choose · Enter next question · Backspace or Shift+Tab back"
    ),
    "keys_number": QT_TRANSLATE_NOOP(
        "ScreeningForm", "Type a number · Enter next question · Shift+Tab back"
    ),
    "range": QT_TRANSLATE_NOOP("ScreeningForm", "{unit} ({minimum} to {maximum})"),
    "done": QT_TRANSLATE_NOOP(
        "ScreeningForm", "All questions asked. Check the answers, then save (Ctrl+Enter)."
    ),
    "score": QT_TRANSLATE_NOOP("ScreeningForm", "Score"),
    "incomplete": QT_TRANSLATE_NOOP("ScreeningForm", "incomplete ({answered} of {total} answered)"),
    "save": QT_TRANSLATE_NOOP("ScreeningForm", "Save screening"),
    "cancel": QT_TRANSLATE_NOOP("ScreeningForm", "Cancel"),
    "saving": QT_TRANSLATE_NOOP("ScreeningForm", "Saving…"),
}
CHECK_MARK = "✓"


def form_text(key: str, lang: str) -> str:
    """The form's text ``key`` in the screening language ``lang`` (English if the
    translations are missing: the items themselves still come in ``lang``)."""
    source = _FORM_TEXTS[key]
    if lang == i18n.ENGLISH:
        return source
    return _form_translator(lang).translate("ScreeningForm", source) or source


@cache
def _form_translator(lang: str) -> QTranslator:
    """A translator for ``lang`` that is never installed: it answers only ``form_text``."""
    translator = QTranslator()
    translator.load(str(i18n.qm_path(lang)))
    return translator


def skip_logic(
    instrument: Instrument, answers: Mapping[str, int | None]
) -> tuple[dict[str, int], tuple[str, ...]]:
    """The answers that still count and the ids of the items to show, in order.

    A question the instrument leaves out loses its answer. A follow-up question (ASQ 5,
    PHQ-9 10) is shown once the answers so far call for it: an unanswered earlier question
    is taken as its lowest answer, so the form never shows a question before it applies.
    """
    kept: dict[str, int] = {}
    assumed: dict[str, int] = {}
    shown: list[str] = []
    for item in instrument.items:
        if item.id not in {i.id for i in instrument.items_to_ask(assumed)}:
            continue
        shown.append(item.id)
        value = answers.get(item.id)
        if value is not None:
            kept[item.id] = assumed[item.id] = value
        elif item.required:
            assumed[item.id] = item.possible_values()[0]
    return kept, tuple(shown)


class QuestionPage(QWidget):
    """One item: its question in large type and its answers as big buttons (or a number
    field), with the keys of the form handled here so they work on every answer."""

    answered = Signal(str, object)  # item id, value or None
    next_requested = Signal()
    back_requested = Signal()
    leave_requested = Signal()
    text_edited = Signal()  # the written follow-up was left after a change

    def __init__(self, item: Item, section: Section | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.section = section
        self.buttons: list[QPushButton] = []
        self.number: QLineEdit | None = None
        self.text_answer: QPlainTextEdit | None = None
        self.lang = "en"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.SPACING + 4, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        self.position = style.secondary(wrap=False)
        self.position.setObjectName("questionPosition")
        self.section_label = style.secondary()
        self.question = QLabel()
        self.question.setObjectName("questionText")
        self.question.setWordWrap(True)
        self.question.setFont(style.scaled_font(self.question, 1.45, bold=True))
        for widget in (self.position, self.section_label, self.question):
            layout.addWidget(widget)
        layout.addSpacing(style.SPACING // 2)
        layout.addLayout(self._build_options() if item.kind == "choice" else self._build_number())
        self.detail = style.italic(style.secondary())
        layout.addWidget(self.detail)
        if item.detail_prompt is not None:
            layout.addWidget(self._build_text_answer())
        layout.addStretch(1)

    def _build_options(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(style.SPACING)
        self.group = QButtonGroup(self)
        for index, _option in enumerate(self.item.options):
            button = QPushButton()
            button.setObjectName(f"option{index + 1}")
            button.setProperty("answer", True)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setFont(style.scaled_font(button, 1.25))
            button.setMinimumHeight(style.em(button, 2.3))
            button.installEventFilter(self)
            self.group.addButton(button, index)
            self.buttons.append(button)
            column.addWidget(button)
        self.group.idClicked.connect(self._chosen)
        self.group.buttonToggled.connect(lambda *_: self._label_buttons())
        return column

    def _build_number(self) -> QHBoxLayout:
        self.number = QLineEdit()
        self.number.setObjectName("numberAnswer")
        self.number.setValidator(QIntValidator(self.item.minimum, self.item.maximum, self.number))
        self.number.setFont(style.scaled_font(self.number, 1.6))
        self.number.setMaximumWidth(style.chars(self.number, 8))
        self.number.setMinimumHeight(style.em(self.number, 1.8))
        self.number.installEventFilter(self)
        self.number.textEdited.connect(self._number_edited)
        self.unit = QLabel()
        self.unit.setFont(style.scaled_font(self.unit, 1.2))
        self.unit.setBuddy(self.number)
        row = QHBoxLayout()
        row.setSpacing(style.SPACING)
        row.addWidget(self.number)
        row.addWidget(self.unit, 1)
        return row

    def _build_text_answer(self) -> QPlainTextEdit:
        """The written follow-up the instrument asks for ("If yes, how? When?"): a note,
        not a scored value; Tab leaves it, Enter writes a new line."""
        field = QPlainTextEdit()
        field.setObjectName("textAnswer")
        field.setTabChangesFocus(True)
        field.setFixedHeight(style.em(field, 3.4))
        field.installEventFilter(self)
        self.detail.setBuddy(field)
        self.text_answer = field
        self._text_at_focus = ""
        return field

    def text_value(self) -> str:
        return self.text_answer.toPlainText().strip() if self.text_answer is not None else ""

    def set_text_value(self, text: str) -> None:
        if self.text_answer is not None:
            self.text_answer.setPlainText(text)

    # --- texts -------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang
        number = f"{self.item.number}. " if self.item.number else ""
        self.question.setText(number + self.item.text.get(lang))
        self.setAccessibleName(self.item.text.get(lang))
        self.section_label.setText(self._section_text(lang))
        self.section_label.setVisible(bool(self.section_label.text()))
        prompt = self.item.detail_prompt
        self.detail.setText(prompt.get(lang) if prompt else "")
        self.detail.setVisible(prompt is not None)
        if self.text_answer is not None and prompt is not None:
            self.text_answer.setAccessibleName(prompt.get(lang))
        if self.number is not None:
            unit = self.item.unit.get(lang) if self.item.unit else ""
            limits = {"minimum": self.item.minimum, "maximum": self.item.maximum}
            self.unit.setText(form_text("range", lang).format(unit=unit, **limits))
            self.number.setAccessibleName(self.item.text.get(lang))
        self._label_buttons()

    def _section_text(self, lang: str) -> str:
        if self.section is None:
            return ""
        parts = (self.section.title, self.section.instructions)
        return "\n".join(p.get(lang) for p in parts if p is not None)

    def set_position(self, index: int, total: int, most: int | None = None) -> None:
        """ "Question 3 of 9", or "of up to 10" while a follow-up question may still apply."""
        key = "question" if most is None or most == total else "question_up_to"
        count = total if key == "question" else most
        self.position.setText(form_text(key, self.lang).format(n=index, total=count))

    def key_hint(self) -> str:
        if self.number is not None:
            return form_text("keys_number", self.lang)
        return form_text("keys", self.lang).format(n=len(self.buttons))

    def _label_buttons(self) -> None:
        for index, button in enumerate(self.buttons):
            label = self.item.options[index].label.get(self.lang)
            mark = f"   {CHECK_MARK}" if button.isChecked() else ""
            button.setText(f"{index + 1}     {label}{mark}")
            button.setAccessibleName(label)
            button.setAccessibleDescription(f"{index + 1}")

    # --- answers -----------------------------------------------------------------------

    def value(self) -> int | None:
        if self.number is not None:
            return _number_value(self.number.text(), self.item)
        index = self.group.checkedId()
        return self.item.options[index].value if index >= 0 else None

    def set_value(self, value: int | None) -> None:
        """Show ``value`` without announcing it as a new answer."""
        if self.number is not None:
            if self.value() != value:
                self.number.setText("" if value is None else str(value))
            return
        values = [o.value for o in self.item.options]
        if value is None:
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[values.index(value)].setChecked(True)

    def choose(self, index: int) -> None:
        """Answer with the option shown ``index``-th (0-based), as a click would."""
        self.buttons[index].click()
        self.buttons[index].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_answer(self) -> None:
        if self.number is not None:
            target: QWidget = self.number
        else:
            target = self.group.checkedButton() or self.buttons[0]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _chosen(self, index: int) -> None:
        self.answered.emit(self.item.id, self.item.options[index].value)

    def _number_edited(self, text: str) -> None:
        self.answered.emit(self.item.id, _number_value(text, self.item))

    # --- keys --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text_answer:
            if event.type() == QEvent.Type.FocusIn:
                self._text_at_focus = self.text_value()
            elif event.type() == QEvent.Type.FocusOut and self.text_value() != self._text_at_focus:
                self.text_edited.emit()
            return super().eventFilter(watched, event)  # typing stays typing
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        """Digits answer, Enter moves on, Backspace / Shift+Tab go back, Tab leaves."""
        held = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        if event.modifiers() & held:
            return False
        key = event.key()
        signal = {
            Qt.Key.Key_Backtab: self.back_requested,
            Qt.Key.Key_Tab: self.leave_requested,
            Qt.Key.Key_Return: self.next_requested,
            Qt.Key.Key_Enter: self.next_requested,
        }.get(key)
        if signal is None and key == Qt.Key.Key_Backspace:
            signal = self.back_requested if not self.number or not self.number.text() else None
        if signal is not None:
            signal.emit()
            return True
        return self._digit(event.text())

    def _digit(self, text: str) -> bool:
        if self.number is not None or not text.isdigit():
            return False
        index = int(text) - 1
        if 0 <= index < len(self.buttons):
            self.choose(index)
        return True


# --- stored screenings in the interface language ------------------------------------------


def _instrument(instrument_id: str) -> Instrument | None:
    """The instrument file, or None if it is no longer shipped (the stored texts then do)."""
    try:
        return load_instrument(instrument_id)
    except UnknownInstrumentError:
        return None


def instrument_title(instrument_id: str, stored: str) -> str:
    """The instrument's title in the interface language (instruments are bilingual)."""
    instrument = _instrument(instrument_id)
    return instrument.title.get(i18n.current_language()) if instrument else stored


def band_text(instrument_id: str, band: str | None, stored: str) -> str:
    """A band's label ("Moderate") in the interface language; ``stored`` if unknown."""
    instrument = _instrument(instrument_id)
    if instrument is None or not band or band not in {b.id for b in instrument.bands}:
        return stored
    return instrument.band_label(band, i18n.current_language())


def _number_value(text: str, item: Item) -> int | None:
    if not text.strip().isdigit():
        return None
    value = int(text)
    return value if item.minimum <= value <= item.maximum else None


def set_style_property(widget: QWidget, name: str, value: bool) -> None:
    """Set a style property and re-apply the style sheet (Qt does not on its own)."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
