"""Administering a screening: one question at a time, big answers, live score and flags.

The student may answer on the laptop, so every answer is a large button, the number keys
choose ("1" is the first answer shown), Enter moves on and Backspace or Shift+Tab goes
back, and an English / Español switch changes every text live without losing answers.
Everything clinical — items, skip logic, score, band, flags — comes from the instrument
file through ``domain.screening``; this module only decides how it looks.

The window has two areas. The student's area (left) shows only the instrument: the
question and its answers, in the student's language. The clinician's panel (right) holds
what is said to the clinician — the risk banners with their required action, the note
that a translation is not the published wording — in the clinician's interface language,
and scrolls on its own, so any number of banners never pushes a question or an answer out
of sight on a 1366x768 laptop.

A flag is on record the moment an answer raises it: the form saves the screening "in
progress" (``services.screenings.save_in_progress``) and updates that row after each later
answer; a raised flag stays even if the answer changes. Cancelling such a screening asks
for a reason (audited, the flags stay open). After saving, an acute flag keeps the dialog
open: the clinician records the action taken (``FlagActionDialog``) or explicitly chooses
"Record later", which leaves the flag open on the chart header and the Today view.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFontMetrics,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.records import StudentSummary
from clinic_desktop.domain.screening import (
    Flag,
    Instrument,
    ScreeningResult,
    instruments_for_age,
    list_instruments,
    load_instrument,
)
from clinic_desktop.errors import ClinicError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.screenings import RiskFlagView, ScreeningView
from clinic_desktop.ui import dialogs, i18n, style
from clinic_desktop.ui.flag_action_dialog import FlagActionDialog, FlagBanner
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models.formats import language_name
from clinic_desktop.ui.operations import screenings as screening_ops
from clinic_desktop.ui.screening_question import (
    CHECK_MARK,
    QuestionPage,
    form_text,
    set_style_property,
    skip_logic,
)
from clinic_desktop.ui.widgets.notice import Notice

FOLLOW_UP = (
    QT_TRANSLATE_NOOP("ScreeningDialog", "Saved. This screening raised an acute flag."),
    QT_TRANSLATE_NOOP(
        "ScreeningDialog",
        "Record the action taken now, or choose “Record later”: the flag then stays open on "
        "the student's chart header and on the Today view until an action is recorded.",
    ),
)


class ScreeningDialog(QDialog):
    """Administers one screening to one student and saves it to a (new) visit."""

    screening_saved = Signal(object)  # ScreeningView
    flag_resolved = Signal(object)  # RiskFlagView, an acute flag closed from here

    def __init__(
        self,
        session: ClinicSession,
        student: StudentSummary,
        parent: QWidget | None = None,
        *,
        visit_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.student = student
        # The sitting's visit (a draft the clinician has open); None: the service opens one.
        self.visit_id = visit_id
        self.age = student.age(session.today())
        # The form starts in the interface's language; the switch changes it for the student.
        self.lang = i18n.current_language()
        self.instrument: Instrument | None = None
        self.answers: dict[str, int] = {}
        self.shown: tuple[str, ...] = ()
        self.current = ""
        self.live_result: ScreeningResult | None = None
        self.pages: dict[str, QuestionPage] = {}
        self.chips: dict[str, QPushButton] = {}
        self.banners: dict[str, FlagBanner] = {}
        self.saved: ScreeningView | None = None
        # The screening on record while still being answered (a flag was raised), and the
        # flags raised during this sitting (kept even if an answer changes: on record).
        self.held: ScreeningView | None = None
        self.raised: dict[str, Flag] = {}
        self.holding = False  # an in-progress save is running
        self.hold_again = False  # answers changed meanwhile: save again when it returns
        self.after_hold: str = ""  # "save" or "discard", waiting for the save to return
        self.discarded: ScreeningView | None = None
        self.held_texts: dict[str, str] = {}
        self.pending: list[RiskFlagView] = []
        self.flag_dialog: FlagActionDialog | None = None
        self.busy = False
        self.setWindowTitle(self.tr("New screening — Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self.setStyleSheet(style.workspace_stylesheet(self) + _form_css(self))
        self._build()
        self._retranslate()
        self._enable_form(False)
        self._size_to_screen()

    # --- layout ------------------------------------------------------------------------

    def _size_to_screen(self) -> None:
        """Roomy for big answers, but never taller or wider than the screen it opens on."""
        screen = self.screen().availableGeometry() if self.screen() else None
        self.fit_to(screen.width(), screen.height()) if screen else self.fit_to(0, 0)

    def fit_to(self, screen_width: int, screen_height: int) -> None:
        """Size for a screen of that available size (0: unknown): the student's area and
        the clinician's panel side by side, never larger than 90% of the screen."""
        width, height = style.em(self, 80), style.em(self, 48)
        if screen_width > 0 and screen_height > 0:
            width = min(width, screen_width * 9 // 10)
            height = min(height, screen_height * 9 // 10)
        self.resize(width, height)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addLayout(self._build_header())
        layout.addWidget(_rule())
        self.form = self._build_form()
        self.clinician_panel = self._build_clinician_panel()
        self.discard_panel = self._build_discard_panel()
        # The student's area, or (stopping a flagged screening) the reason asked in its place.
        self.student_area = QStackedWidget()
        self.student_area.addWidget(self.form)
        self.student_area.addWidget(_on_top(self.discard_panel))
        body = QHBoxLayout()
        body.setSpacing(style.SPACING + 4)
        body.addWidget(self.student_area, 1)
        body.addWidget(self.clinician_panel)
        layout.addLayout(body, 1)
        layout.addWidget(_rule())
        layout.addLayout(self._build_footer())
        self.follow_up = self._build_follow_up()
        layout.addWidget(self.follow_up)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

    def _build_header(self) -> QVBoxLayout:
        self.heading = style.heading("", accent=True)
        self.student_label = style.secondary(wrap=False)
        self.instrument_label = QLabel()
        self.instrument_box = QComboBox()
        self.instrument_box.setObjectName("instrumentBox")
        self.instrument_box.setMinimumContentsLength(36)
        self.instrument_box.setMinimumHeight(style.em(self, 1.9))
        self.instrument_label.setBuddy(self.instrument_box)
        self._fill_instruments()
        self.instrument_box.currentIndexChanged.connect(self._instrument_picked)
        row = QHBoxLayout()
        row.setSpacing(style.SPACING)
        row.addWidget(self.instrument_label)
        row.addWidget(self.instrument_box, 1)
        row.addSpacing(style.SPACING * 2)
        row.addLayout(self._build_language_switch())
        column = QVBoxLayout()
        column.setSpacing(style.SPACING - 4)
        title = QHBoxLayout()
        title.addWidget(self.heading)
        title.addWidget(self.student_label, 1, Qt.AlignmentFlag.AlignBottom)
        column.addLayout(title)
        column.addSpacing(4)
        column.addLayout(row)
        return column

    def _build_language_switch(self) -> QHBoxLayout:
        """English / Español as two large toggles, each named in its own language."""
        self.language_group = QButtonGroup(self)
        self.language_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(0)
        for lang, text in (("en", "&English"), ("es", "E&spañol")):
            button = QPushButton(text)
            button.setObjectName(f"language_{lang}")
            button.setProperty("segment", "left" if lang == "en" else "right")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setMinimumHeight(style.em(self, 1.9))
            bold = QFontMetrics(style.scaled_font(button, 1.0, bold=True))
            button.setMinimumWidth(bold.horizontalAdvance(text) + style.em(self, 1.8))
            button.setAccessibleName(text.replace("&", ""))
            button.setChecked(lang == self.lang)
            button.clicked.connect(lambda _on, code=lang: self.set_language(code))
            self.language_group.addButton(button)
            self.language_buttons[lang] = button
            row.addWidget(button)
        return row

    def _build_form(self) -> QWidget:
        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(style.SPACING - 2)
        self.instructions = QLabel()
        self.instructions.setWordWrap(True)
        self.instructions.setFont(style.scaled_font(self.instructions, 1.1))
        self.card = style.card("questionCard")
        self.stack = QStackedWidget()
        self.start_page = style.secondary()
        self.start_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.start_page)
        inside = QVBoxLayout(self.card)
        inside.setContentsMargins(2, 2, 2, 2)
        self.question_area = _scrolled(self.stack)
        self.question_area.setAccessibleName(self.tr("Question"))
        inside.addWidget(self.question_area)
        column.addWidget(self.instructions)
        column.addWidget(self.card, 1)
        column.addLayout(self._build_navigation())
        self.hint = style.secondary()
        self.hint.setObjectName("keyHint")
        column.addWidget(self.hint)
        return form

    def _build_clinician_panel(self) -> QFrame:
        """What is said to the clinician, in the interface language, beside the student's
        area and scrolling on its own: the flags raised and the translation warning."""
        panel = QFrame()
        panel.setObjectName("clinicianPanel")
        panel.setFixedWidth(style.em(self, 23))
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(style.SPACING // 2)
        self.clinician_heading = style.heading(self.tr("For the clinician"), 1.05)
        self.clinician_heading.setAccessibleName(self.clinician_heading.text())
        column.addWidget(self.clinician_heading)
        self.score_label = QLabel()
        self.score_label.setObjectName("scoreLabel")
        self.score_label.setFont(style.scaled_font(self.score_label, 1.1, bold=True))
        self.score_label.setWordWrap(True)
        column.addWidget(self.score_label)
        content = QWidget()
        inside = QVBoxLayout(content)
        inside.setContentsMargins(0, 0, 0, 0)
        inside.setSpacing(style.SPACING // 2)
        # Said to the clinician before the student answers: our own translation of a
        # validated instrument is not the validated wording.
        self.translation_notice = Notice("translationNotice")
        inside.addWidget(self.translation_notice)
        self.banner_area = QVBoxLayout()
        self.banner_area.setSpacing(style.SPACING // 2)
        inside.addLayout(self.banner_area)
        self.no_flags = style.secondary(
            self.tr("No flag raised. A flag appears here the moment an answer raises it.")
        )
        self.no_flags.setObjectName("noFlags")
        inside.addWidget(self.no_flags)
        self.on_record = style.secondary(
            self.tr(
                "This screening is on record (in progress) because it raised a flag. A flag "
                "stays open, even if the answer changes, until it is closed with a note."
            )
        )
        self.on_record.setObjectName("onRecord")
        self.on_record.setVisible(False)
        inside.addWidget(self.on_record)
        inside.addStretch(1)
        self.panel_area = _scrolled(content)
        self.panel_area.setAccessibleName(self.clinician_heading.text())
        column.addWidget(self.panel_area, 1)
        return panel

    def _build_discard_panel(self) -> QFrame:
        """Stopping a screening that raised a flag: the reason is required and audited."""
        frame = style.card("discardPanel")
        column = QVBoxLayout(frame)
        column.setContentsMargins(
            style.SPACING + 4, style.SPACING, style.SPACING + 4, style.SPACING
        )
        column.setSpacing(style.SPACING // 2)
        column.addWidget(
            style.heading(self.tr("Stop this screening? It raised a flag."), 1.1, wrap=True)
        )
        column.addWidget(
            style.secondary(
                self.tr(
                    "The screening and its flags are already on record. Stopping keeps every "
                    "flag open until a clinician closes it with a note. Say why the screening "
                    "stops; the reason is kept in the record and the audit log."
                )
            )
        )
        self.discard_label = QLabel(self.tr("&Reason (required):"))
        self.discard_reason = QPlainTextEdit()
        self.discard_reason.setObjectName("discardReason")
        self.discard_reason.setTabChangesFocus(True)
        self.discard_reason.setFixedHeight(style.em(self, 3.2))
        self.discard_reason.setAccessibleName(self.tr("Reason for stopping the screening"))
        self.discard_label.setBuddy(self.discard_reason)
        self.discard_error = style.error_label("discardError")
        self.keep_button = QPushButton(self.tr("&Back to the screening"))
        self.discard_button = QPushButton(self.tr("Stop and &keep the flags open"))
        self.discard_button.setObjectName("discardButton")
        for button in (self.keep_button, self.discard_button):
            button.setAutoDefault(False)
            button.setMinimumHeight(style.em(self, 1.9))
        self.keep_button.clicked.connect(self.keep_screening)
        self.discard_button.clicked.connect(self.confirm_discard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_error, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.discard_button)
        column.addWidget(self.discard_label)
        column.addWidget(self.discard_reason)
        column.addLayout(buttons)
        return frame

    def _build_navigation(self) -> QHBoxLayout:
        self.back_button = QPushButton()
        self.next_button = QPushButton()
        for button in (self.back_button, self.next_button):
            button.setAutoDefault(False)
            button.setMinimumHeight(style.em(self, 2.1))
            button.setMinimumWidth(style.chars(self, 14))
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.chip_row = QHBoxLayout()
        self.chip_row.setSpacing(4)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addLayout(self.chip_row)
        row.addStretch(1)
        row.addWidget(self.next_button)
        return row

    def _build_footer(self) -> QVBoxLayout:
        self.form_error = style.error_label("formError")
        self.status = style.secondary(wrap=False)
        self.cancel_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        for button in (self.cancel_button, self.save_button):
            button.setAutoDefault(False)
            button.setMinimumHeight(style.em(self, 1.9))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        self.notice = style.secondary()
        self.notice.setObjectName("licenceNotice")
        self.notice.setFont(style.scaled_font(self.notice, 0.82))
        column = QVBoxLayout()
        column.setSpacing(style.SPACING // 2)
        column.addWidget(self.form_error)
        column.addLayout(buttons)
        column.addWidget(self.notice)
        return column

    def _build_follow_up(self) -> QFrame:
        frame = style.card("followUp")
        row = QHBoxLayout(frame)
        row.setContentsMargins(style.SPACING + 4, style.SPACING, style.SPACING + 4, style.SPACING)
        text = QVBoxLayout()
        headline, detail = (QCoreApplication.translate("ScreeningDialog", t) for t in FOLLOW_UP)
        text.addWidget(style.heading(headline, 1.1, wrap=True))
        text.addWidget(style.secondary(detail))
        self.record_button = QPushButton(self.tr("&Record action now…"))
        self.later_button = QPushButton(self.tr("Record &later"))
        self.later_button.setObjectName("recordLater")
        for button in (self.record_button, self.later_button):
            button.setAutoDefault(False)
            button.setMinimumHeight(style.em(self, 2))
        self.record_button.clicked.connect(self.record_next_flag)
        self.later_button.clicked.connect(self.record_later)
        self.record_button.setDefault(True)  # the one the clinician should take
        row.addLayout(text, 1)
        row.addWidget(self.later_button)
        row.addWidget(self.record_button)
        frame.setVisible(False)
        return frame

    # --- instruments -------------------------------------------------------------------

    def _fill_instruments(self) -> None:
        """Instruments suited to the student's age first; the others under their heading."""
        box = self.instrument_box
        fitting = instruments_for_age(self.age)
        others = [i for i in list_instruments() if i.id not in {f.id for f in fitting}]
        if fitting:
            _add_heading(box, "fits")
        for instrument in fitting:
            box.addItem("", instrument.id)
        if others:
            if fitting:
                box.insertSeparator(box.count())
            _add_heading(box, "other")
        for instrument in others:
            box.addItem("", instrument.id)
        box.setCurrentIndex(-1)

    def offered_instruments(self) -> list[str]:
        """Instrument ids in the order the picker lists them (headings left out)."""
        box = self.instrument_box
        return [box.itemData(i) for i in range(box.count()) if _is_instrument(box, i)]

    def choose_instrument(self, instrument_id: str) -> None:
        self.instrument_box.setCurrentIndex(self.instrument_box.findData(instrument_id))

    def _instrument_picked(self, index: int) -> None:
        instrument_id = self.instrument_box.itemData(index)
        if not _is_instrument(self.instrument_box, index):
            return
        if self.instrument and instrument_id == self.instrument.id:
            return
        if self.answers and not self._confirm_discard():
            self.instrument_box.blockSignals(True)
            self.instrument_box.setCurrentIndex(self.instrument_box.findData(self.instrument.id))
            self.instrument_box.blockSignals(False)
            return
        self._load(load_instrument(instrument_id))

    def _load(self, instrument: Instrument) -> None:
        self._clear_pages()
        self.raised = {}
        self.instrument = instrument
        sections = {i: s for s in instrument.sections for i in s.items}
        for item in instrument.items:
            self._add_page(QuestionPage(item, sections.get(item.id)))
        self._apply({})
        self._retranslate()
        self._enable_form(True)
        self.go_to(self.shown[0])

    def _enable_form(self, enabled: bool) -> None:
        """Until a screening is chosen there is nothing to move through or save."""
        for widget in (self.back_button, self.next_button, self.save_button):
            widget.setEnabled(enabled)

    def _add_page(self, page: QuestionPage) -> None:
        item_id = page.item.id
        page.answered.connect(self._answered)
        page.next_requested.connect(self.go_next)
        page.back_requested.connect(self.go_back)
        page.leave_requested.connect(lambda: self.next_button.setFocus())
        page.text_edited.connect(self._text_edited)
        self.pages[item_id] = page
        self.stack.addWidget(page)
        chip = QPushButton(str(len(self.chips) + 1))
        chip.setObjectName(f"chip_{item_id}")
        chip.setProperty("chip", True)
        chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        chip.clicked.connect(lambda _on, i=item_id: self.go_to(i))
        self.chips[item_id] = chip
        self.chip_row.addWidget(chip)

    def _clear_pages(self) -> None:
        for widget in (*self.pages.values(), *self.chips.values()):
            widget.hide()
            widget.deleteLater()
        self.pages.clear()
        self.chips.clear()
        self.answers = {}

    # --- answering ---------------------------------------------------------------------

    def _answered(self, item_id: str, value: int | None) -> None:
        answers: dict[str, int | None] = {**self.answers, item_id: value}
        self._apply(answers)
        self._show_position()
        self._hold()

    def _text_edited(self) -> None:
        """A written follow-up was finished: a screening on record keeps it too."""
        if self.held is not None:
            self._hold()

    def text_answers(self) -> dict[str, str]:
        """The written follow-ups ("If yes, how? When?") of the questions still asked."""
        texts = {i: p.text_value() for i, p in self.pages.items() if i in self.shown}
        return {i: t for i, t in texts.items() if t}

    def _apply(self, answers: Mapping[str, int | None]) -> None:
        """Re-run skip logic and scoring on ``answers``; show what follows from them."""
        assert self.instrument is not None
        self.answers, self.shown = skip_logic(self.instrument, answers)
        # Flags speak to the clinician: in the interface language, not the student's.
        self.live_result = self.instrument.score(self.answers, i18n.current_language())
        for flag in self.live_result.flags:
            self.raised[flag.id] = flag
        for item_id, page in self.pages.items():
            page.set_value(self.answers.get(item_id))
            page.setEnabled(item_id in self.shown)
            self.chips[item_id].setVisible(item_id in self.shown)
            set_style_property(self.chips[item_id], "answered", item_id in self.answers)
        self._show_score()
        self._show_flags()
        style.set_error(self.form_error, None)

    def question(self, item_id: str) -> QuestionPage:
        return self.pages[item_id]

    def is_shown(self, item_id: str) -> bool:
        """Whether the skip logic currently asks this item (its page and chip are shown)."""
        return item_id in self.shown and not self.chips[item_id].isHidden()

    # --- moving between questions ---------------------------------------------------------

    def go_to(self, item_id: str) -> None:
        if item_id not in self.shown:
            return
        if self.held is not None and self.text_answers() != self.held_texts:
            self._hold()  # a written follow-up changed on the page being left
        self.current = item_id
        self.stack.setCurrentWidget(self.pages[item_id])
        self._show_position()
        self.pages[item_id].focus_answer()

    def go_next(self) -> None:
        """The next item to ask; after the last one, a reminder to check and save (the
        focus stays on the answers, so Backspace still goes back)."""
        later = self.shown[self.shown.index(self.current) + 1 :] if self.current else ()
        if later:
            self.go_to(later[0])
        elif self.current:
            self.hint.setText(form_text("done", self.lang))

    def go_back(self) -> None:
        index = self.shown.index(self.current) if self.current in self.shown else 0
        if index > 0:
            self.go_to(self.shown[index - 1])

    def _show_position(self) -> None:
        if self.current not in self.shown:
            return
        index = self.shown.index(self.current)
        page = self.pages[self.current]
        page.set_position(index + 1, *self.question_count())
        self.back_button.setEnabled(index > 0)
        self.hint.setText(page.key_hint())
        for item_id, chip in self.chips.items():
            set_style_property(chip, "current", item_id == self.current)
            answered = CHECK_MARK if item_id in self.answers else ""
            chip.setText(f"{self.instrument_items().index(item_id) + 1}{answered}")

    def question_count(self) -> tuple[int, int]:
        """How many questions are asked for sure, and at most, after the answers so far.

        A follow-up question (ASQ 5, PHQ-9 10, the CRAFFT part B) may still turn out to
        apply; the form says "of up to N" until it is known, so the count never grows as
        the student moves forward."""
        assert self.instrument is not None
        return len(self.shown), len(self.instrument.items_to_ask(self.answers))

    def instrument_items(self) -> list[str]:
        return [i.id for i in self.instrument.items] if self.instrument else []

    # --- score and flags -----------------------------------------------------------------

    def _show_score(self) -> None:
        self.score_label.setText(self.score_text())
        self.score_label.setAccessibleName(self.score_label.text())

    def score_text(self) -> str:
        """ "Score: 11 · Moderate" or "Score: incomplete (3 of 9 answered)", in the
        clinician's panel and language (the student sees only the questions)."""
        result, lang = self.live_result, i18n.current_language()
        if result is None or self.instrument is None:
            return ""
        parts = []
        if result.total is not None:
            parts.append(str(result.total))
        if result.band:
            parts.append(self.instrument.band_label(result.band, lang))
        if not result.complete:
            incomplete = form_text("incomplete", lang)
            parts = [incomplete.format(answered=len(self.answers), total=len(self.shown))]
        labels = {s.id: s.label.get(lang) for s in self.instrument.scores}
        parts += [f"{labels[k]} {v}" for k, v in result.subscales.items() if v is not None]
        return f"{form_text('score', lang)}: " + " · ".join(parts)

    def _show_flags(self) -> None:
        """One banner per flag raised during this sitting, most severe first, in the
        clinician's panel the moment it is raised; a raised flag stays (it is on record)."""
        rank = {"acute": 0, "urgent": 1, "routine": 2}
        flags = sorted(self.raised.values(), key=lambda f: rank.get(str(f.severity), 3))
        ui_lang = i18n.current_language()
        for banner in self.banners.values():
            self.banner_area.removeWidget(banner)
        old, self.banners = self.banners, {}
        for flag in flags:
            banner = old.pop(flag.id, None)
            raised = banner is None
            banner = banner or FlagBanner()
            banner.show_flag(str(flag.severity), flag.message, flag.required_action, ui_lang)
            banner.set_compact(flag.severity == "routine")
            self.banner_area.addWidget(banner)
            banner.show()  # now, not on the next event loop turn
            self.banners[flag.id] = banner
            if raised:  # screen readers announce it the moment it appears
                QAccessible.updateAccessibility(QAccessibleEvent(banner, QAccessible.Event.Alert))
        for gone in old.values():
            gone.hide()
            gone.deleteLater()
        self.no_flags.setVisible(not self.banners)
        self.clinician_heading.setText(self._panel_heading(len(self.banners)))
        self.on_record.setVisible(self.held is not None)
        if self.banners and flags:
            self.panel_area.ensureWidgetVisible(self.banners[flags[0].id])

    def _panel_heading(self, count: int) -> str:
        if count == 0:
            return self.tr("For the clinician")
        if count == 1:
            return self.tr("For the clinician · 1 flag raised")
        return self.tr("For the clinician · {count} flags raised").format(count=count)

    def visible_banners(self) -> list[FlagBanner]:
        return [b for b in self.banners.values() if not b.isHidden()]

    # --- language ------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Switch every text of the form to ``lang``; answers are kept."""
        self.lang = lang
        self.language_buttons[lang].setChecked(True)
        self._retranslate()
        if self.instrument is not None:
            self._apply(self.answers)
            self._show_position()
            self.pages[self.current].focus_answer()

    def _retranslate(self) -> None:
        def text(key: str) -> str:
            return form_text(key, self.lang)

        self.heading.setText(text("heading"))
        self.student_label.setText(
            f"   {self.student.display_name} · {text('age').format(age=self.age)}"
        )
        self.instrument_label.setText(text("screening"))
        self._retranslate_instruments()
        self.start_page.setText(text("start"))
        self.back_button.setText(text("back"))
        self.next_button.setText(text("next"))
        self.cancel_button.setText(text("cancel"))
        self.save_button.setText(text("save"))
        instrument = self.instrument
        self.instructions.setText(instrument.instructions.get(self.lang) if instrument else "")
        self.notice.setText(instrument.notice.get(self.lang) if instrument else "")
        for widget in (self.instructions, self.notice):
            widget.setVisible(bool(widget.text()))
        self.translation_notice.show_text(self._translation_warning())
        for page in self.pages.values():
            page.set_language(self.lang)
        for chip_id, chip in self.chips.items():
            chip.setToolTip(self.pages[chip_id].item.text.get(self.lang))

    def _translation_warning(self) -> str:
        """A warning when the form's wording in this language is not the published one."""
        instrument = self.instrument
        if instrument is None or instrument.is_official_in(self.lang):
            return ""
        official = sorted(instrument.official_languages)
        return self.tr(
            "Unofficial wording ({language}): the clinic's own translation of the "
            "{instrument}, not yet checked against the published text. Scores are comparable "
            "only if the student understood every item. Published wording: {official}."
        ).format(
            language=language_name(self.lang),
            instrument=instrument.short_name,
            official=", ".join(language_name(code) for code in official) or "-",
        )

    def _retranslate_instruments(self) -> None:
        box = self.instrument_box
        box.setPlaceholderText(form_text("choose", self.lang))
        for index in range(box.count()):
            key = box.itemData(index, _HEADING_ROLE)
            if key:
                box.setItemText(index, form_text(key, self.lang).format(age=self.age))
            elif box.itemData(index):
                box.setItemText(index, load_instrument(box.itemData(index)).title.get(self.lang))

    # --- saving --------------------------------------------------------------------------

    def save(self) -> None:
        """Save the answers (Ctrl+Enter); an incomplete screening is saved only if confirmed."""
        if self.busy or self.saved is not None or self.instrument is None:
            return
        if self.discard_panel.isVisible():
            return
        result = self.live_result
        if not self.answers:
            text = self.tr("Answer at least one question before saving.")
            style.set_error(self.form_error, text)
            return
        if result is not None and not result.complete and not self._confirm_incomplete():
            return
        self._set_busy(True)
        if self.holding:  # the in-progress save returns first: this one then completes it
            self.after_hold = "save"
            return
        self._finish()

    def _finish(self) -> None:
        assert self.instrument is not None
        screening_ops.administer_screening(**self._save_request()).success(self._saved).known_error(
            self._refused
        ).done(lambda: self._set_busy(False)).run_in_background()

    def _save_request(self) -> dict[str, Any]:
        """What a save sends, the in-progress one and the final one alike: the answers and
        written follow-ups so far, the sitting's visit, and the screening already on record."""
        assert self.instrument is not None
        return {
            "parent": self,
            "session": self.session,
            "student_id": self.student.id,
            "instrument_id": self.instrument.id,
            "answers": self.answers,
            "lang": self.lang,
            "visit_id": self._visit(),
            "text_answers": self.text_answers(),
            "screening_id": self.held.id if self.held else None,
        }

    def _visit(self) -> object:
        """The sitting's visit: the one given, or the one the in-progress save opened."""
        return self.held.visit_id if self.held is not None else self.visit_id

    # --- on record while answering ---------------------------------------------------------

    def _hold(self) -> None:
        """Save the screening "in progress" once an answer raised a flag, then after every
        later answer (one save at a time; the latest answers win)."""
        if self.instrument is None or self.saved is not None or self.discarded is not None:
            return
        if self.held is None and not self.raised:
            return
        if self.holding:
            self.hold_again = True
            return
        self.holding = True
        request = self._save_request()
        self.held_texts = request["text_answers"]
        screening_ops.save_in_progress(**request).success(self._held).known_error(
            self._hold_refused
        ).done(self._hold_done).run_in_background()

    def _held(self, view: ScreeningView) -> None:
        self.held = view
        # On record: changing the screening now means stopping this one, with a reason.
        self.instrument_box.setEnabled(False)
        self.on_record.setVisible(True)

    def _hold_refused(self, exc: ClinicError) -> None:
        self.hold_again = False
        style.set_error(self.form_error, translate_message(exc.message))

    def _hold_done(self) -> None:
        self.holding = False
        if self.hold_again:
            self.hold_again = False
            self._hold()
            return
        waiting, self.after_hold = self.after_hold, ""
        if waiting == "save":
            self._finish()
        elif waiting == "discard":
            self._discard()

    # --- stopping --------------------------------------------------------------------------

    def ask_discard_reason(self) -> None:
        """Cancel, Esc or the window's close button on a screening that raised a flag."""
        self.form.setEnabled(False)
        self.save_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.student_area.setCurrentIndex(1)
        style.set_error(self.discard_error, None)
        self.discard_reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def keep_screening(self) -> None:
        """Back to the questions: nothing is stopped."""
        self.student_area.setCurrentIndex(0)
        self.form.setEnabled(True)
        self.save_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        if self.current:
            self.pages[self.current].focus_answer()

    def confirm_discard(self) -> None:
        if not self.discard_reason.toPlainText().strip():
            style.set_error(self.discard_error, self.tr("Say why the screening stops."))
            self.discard_reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.discard_button.setEnabled(False)
        self.keep_button.setEnabled(False)
        self.busy = True
        if self.holding or self.held is None:
            self.after_hold = "discard"
            if not self.holding:
                self._hold()
            return
        self._discard()

    def _discard(self) -> None:
        if self.held is None:  # the in-progress save was refused: nothing is on record
            self._discard_finished()
            return
        screening_ops.discard_screening(
            parent=self,
            session=self.session,
            screening_id=self.held.id,
            reason=self.discard_reason.toPlainText(),
        ).success(self._was_discarded).known_error(self._discard_refused).done(
            self._discard_finished
        ).run_in_background()

    def _was_discarded(self, view: ScreeningView) -> None:
        self.discarded = view
        self.screening_saved.emit(view)

    def _discard_refused(self, exc: ClinicError) -> None:
        style.set_error(self.discard_error, translate_message(exc.message))

    def _discard_finished(self) -> None:
        self.busy = False
        self.discard_button.setEnabled(True)
        self.keep_button.setEnabled(True)
        if self.discarded is not None or self.held is None:
            super().reject()

    def _confirm_incomplete(self) -> bool:
        missing = len(self.shown) - len(self.answers)
        return dialogs.confirm(
            self,
            self.tr("Save an incomplete screening?"),
            (
                self.tr("{count} questions are not answered.")
                if missing != 1
                else self.tr("1 question is not answered.")
            ).format(count=missing)
            + " "
            + self.tr(
                "An incomplete screening is saved without a total or a band; any flags "
                "already raised are kept."
            ),
            action=self.tr("Save incomplete"),
        )

    def _confirm_discard(self) -> bool:
        return dialogs.confirm(
            self,
            self.tr("Discard the answers?"),
            self.tr("The answers given so far are not saved and will be lost."),
            action=self.tr("Discard answers"),
        )

    def _saved(self, view: ScreeningView) -> None:
        self.saved = view
        self.screening_saved.emit(view)
        self.pending = [f for f in view.flags if f.severity == "acute" and f.is_open]
        if not self.pending:
            self.accept()
            return
        self._set_busy(False)
        self.form.setEnabled(False)
        self.instrument_box.setEnabled(False)
        self.save_button.setVisible(False)
        self.cancel_button.setVisible(False)
        self.follow_up.setVisible(True)
        style.grow_to_fit(self)
        self.record_next_flag()

    def _refused(self, exc: ClinicError) -> None:
        self._set_busy(False)
        style.set_error(self.form_error, translate_message(exc.message))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.status.setText(form_text("saving", self.lang) if busy else "")

    # --- acute flags after saving --------------------------------------------------------

    def record_next_flag(self) -> None:
        """Open the action dialog for the next acute flag still open."""
        if not self.pending or self.flag_dialog is not None:
            return
        dialog = FlagActionDialog(self.session, self.pending[0], self)
        dialog.flag_resolved.connect(self._flag_closed)
        dialog.finished.connect(self._flag_dialog_finished)
        self.flag_dialog = dialog
        dialog.open()

    def _flag_closed(self, view: RiskFlagView) -> None:
        self.pending = [f for f in self.pending if f.id != view.id]
        self.flag_resolved.emit(view)

    def _flag_dialog_finished(self, _result: int) -> None:
        if self.flag_dialog is not None:
            self.flag_dialog.deleteLater()
        self.flag_dialog = None
        if not self.pending:
            self.accept()
        else:
            self.record_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def record_later(self) -> None:
        """The explicit choice to leave the acute flags open (chart header, Today view)."""
        if self.flag_dialog is not None:
            self.flag_dialog.reject()
        self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        """Cancel asks before losing answers; a screening that raised a flag is stopped
        only with a reason; with an acute flag open after saving it asks for a choice."""
        if self.busy:
            return
        if self.pending:
            self.later_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if self.saved is None and (self.held is not None or self.holding or self.raised):
            if self.discard_panel.isVisible():
                self.keep_screening()  # Esc again: back to the questions
            else:
                self.ask_discard_reason()
            return
        if self.saved is None and self.answers and not self._confirm_discard():
            return
        super().reject()


# --- helpers ---------------------------------------------------------------------------

_HEADING_ROLE = Qt.ItemDataRole.UserRole + 1


def _add_heading(box: QComboBox, key: str) -> None:
    """A bold, unselectable line in the instrument list ("Other instruments")."""
    box.addItem("")
    index = box.count() - 1
    box.setItemData(index, key, _HEADING_ROLE)
    font = style.scaled_font(box, 1.0, bold=True)
    box.setItemData(index, font, Qt.ItemDataRole.FontRole)
    item = box.model().item(index)  # type: ignore[attr-defined]
    item.setEnabled(False)


def _is_instrument(box: QComboBox, index: int) -> bool:
    return index >= 0 and bool(box.itemData(index)) and not box.itemData(index, _HEADING_ROLE)


def _scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: on a short laptop screen, with a long banner
    above, the question scrolls instead of its answers being squeezed together."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.viewport().setAutoFillBackground(False)
    widget.setAutoFillBackground(False)
    return area


def _on_top(widget: QWidget) -> QWidget:
    """``widget`` at the top of a page, the space below it left empty."""
    page = QWidget()
    column = QVBoxLayout(page)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(widget)
    column.addStretch(1)
    return page


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def _form_css(widget: QWidget) -> str:
    """Big answer buttons (checked: filled and ticked), the language toggles, the chips."""
    accent = style.accent_color(widget)
    tint = QColor(accent)
    tint.setAlpha(36)
    fill = f"rgba({tint.red()}, {tint.green()}, {tint.blue()}, {tint.alpha()})"
    on_accent = "#ffffff" if accent.lightness() < 140 else "#102027"
    pad = style.em(widget, 0.5)
    sheet = f"""
QPushButton[answer="true"] {{ text-align: left; padding: {pad}px {pad * 2}px;
  border: 1px solid palette(mid); border-radius: 10px; background: palette(base);
  color: palette(text); }}
QPushButton[answer="true"]:hover {{ border: 1px solid {accent.name()}; background: {fill}; }}
QPushButton[answer="true"]:focus {{ border: 2px solid {accent.name()}; }}
QPushButton[answer="true"]:checked {{ background: {accent.name()}; color: {on_accent};
  border: 2px solid {accent.darker(130).name()}; font-weight: bold; }}
QPushButton[answer="true"]:checked:focus {{ border: 3px solid palette(text); }}
QPushButton[segment] {{ padding: 2px {pad * 2}px; border: 1px solid palette(mid);
  background: palette(button); }}
QPushButton[segment="left"] {{ border-top-left-radius: 6px; border-bottom-left-radius: 6px; }}
QPushButton[segment="right"] {{ border-top-right-radius: 6px;
  border-bottom-right-radius: 6px; border-left: none; }}
QPushButton[segment]:checked {{ background: {accent.name()}; color: {on_accent};
  font-weight: bold; }}
QPushButton[segment]:focus {{ border: 2px solid {accent.name()}; }}
QPushButton[chip="true"] {{ padding: 2px 6px; min-width: 1.6em; border-radius: 10px;
  border: 1px solid palette(mid); background: palette(base); }}
QPushButton[chip="true"][answered="true"] {{ background: {fill}; }}
QPushButton[chip="true"][current="true"] {{ border: 2px solid {accent.name()};
  font-weight: bold; }}
"""
    return sheet
