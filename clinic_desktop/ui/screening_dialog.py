"""Administering a screening: one question at a time, big answers, live score and flags.

The student may answer on the laptop, so every answer is a large button, the number keys
choose ("1" is the first answer shown), Enter moves on and Backspace or Shift+Tab goes
back, and an English / Español switch changes every text live without losing answers.
Everything clinical — items, skip logic, score, band, flags — comes from the instrument
file through ``domain.screening``; this module only decides how it looks.

After saving, an acute flag keeps the dialog open: the clinician records the action taken
(``FlagActionDialog``) or explicitly chooses "Record later", which leaves the flag open
on the chart header and the Today view.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

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
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.records import StudentSummary
from clinic_desktop.domain.screening import (
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
        width, height = style.em(self, 54), style.em(self, 48)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and not screen.isEmpty():
            width = min(width, screen.width() * 9 // 10)
            height = min(height, screen.height() * 9 // 10)
        self.resize(width, height)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addLayout(self._build_header())
        layout.addWidget(_rule())
        self.banner_area = QVBoxLayout()
        self.banner_area.setSpacing(style.SPACING // 2)
        layout.addLayout(self.banner_area)
        self.form = self._build_form()
        layout.addWidget(self.form, 1)
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
        question_area = _scrolled(self.stack)
        question_area.setAccessibleName(self.tr("Question"))
        inside.addWidget(question_area)
        # Said to the clinician before the student answers: our own translation of a
        # validated instrument is not the validated wording.
        self.translation_notice = Notice("translationNotice")
        column.addWidget(self.translation_notice)
        column.addWidget(self.instructions)
        column.addWidget(self.card, 1)
        column.addLayout(self._build_navigation())
        self.hint = style.secondary()
        self.hint.setObjectName("keyHint")
        column.addWidget(self.hint)
        return form

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
        self.score_label = QLabel()
        self.score_label.setObjectName("scoreLabel")
        self.score_label.setFont(style.scaled_font(self.score_label, 1.1, bold=True))
        self.score_label.setWordWrap(True)
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
        buttons.addWidget(self.score_label, 1)
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

    def _apply(self, answers: Mapping[str, int | None]) -> None:
        """Re-run skip logic and scoring on ``answers``; show what follows from them."""
        assert self.instrument is not None
        self.answers, self.shown = skip_logic(self.instrument, answers)
        self.live_result = self.instrument.score(self.answers, self.lang)
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
        page.set_position(index + 1, len(self.shown))
        self.back_button.setEnabled(index > 0)
        self.hint.setText(page.key_hint())
        for item_id, chip in self.chips.items():
            set_style_property(chip, "current", item_id == self.current)
            answered = CHECK_MARK if item_id in self.answers else ""
            chip.setText(f"{self.instrument_items().index(item_id) + 1}{answered}")

    def instrument_items(self) -> list[str]:
        return [i.id for i in self.instrument.items] if self.instrument else []

    # --- score and flags -----------------------------------------------------------------

    def _show_score(self) -> None:
        self.score_label.setText(self.score_text())
        self.score_label.setAccessibleName(self.score_label.text())

    def score_text(self) -> str:
        """ "Score: 11 · Moderate" or "Score: incomplete (3 of 9 answered)"."""
        result, lang = self.live_result, self.lang
        if result is None or self.instrument is None:
            return ""
        parts = []
        if result.total is not None:
            parts.append(str(result.total))
        if result.band:
            parts.append(self.instrument.band_label(result.band, self.lang))
        if not result.complete:
            incomplete = form_text("incomplete", lang)
            parts = [incomplete.format(answered=len(self.answers), total=len(self.shown))]
        labels = {s.id: s.label.get(self.lang) for s in self.instrument.scores}
        parts += [f"{labels[k]} {v}" for k, v in result.subscales.items() if v is not None]
        return f"{form_text('score', lang)}: " + " · ".join(parts)

    def _show_flags(self) -> None:
        """One banner per raised flag, most severe first, shown the moment it is raised."""
        flags = self.live_result.flags if self.live_result else ()
        for banner in self.banners.values():
            self.banner_area.removeWidget(banner)
        old, self.banners = self.banners, {}
        for flag in flags:
            banner = old.pop(flag.id, None)
            raised = banner is None
            banner = banner or FlagBanner()
            banner.show_flag(str(flag.severity), flag.message, flag.required_action, self.lang)
            banner.set_compact(flag.severity == "routine")
            self.banner_area.addWidget(banner)
            banner.show()  # now, not on the next event loop turn
            self.banners[flag.id] = banner
            if raised:  # screen readers announce it the moment it appears
                QAccessible.updateAccessibility(QAccessibleEvent(banner, QAccessible.Event.Alert))
        for gone in old.values():
            gone.hide()
            gone.deleteLater()
        style.grow_to_fit(self)

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
        result = self.live_result
        if not self.answers:
            text = self.tr("Answer at least one question before saving.")
            style.set_error(self.form_error, text)
            return
        if result is not None and not result.complete and not self._confirm_incomplete():
            return
        self._set_busy(True)
        screening_ops.administer_screening(
            parent=self,
            session=self.session,
            student_id=self.student.id,
            instrument_id=self.instrument.id,
            answers=self.answers,
            lang=self.lang,
            visit_id=self.visit_id,
        ).success(self._saved).known_error(self._refused).done(
            lambda: self._set_busy(False)
        ).run_in_background()

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
        """Cancel asks before losing answers; with an acute flag open it asks for a choice."""
        if self.busy:
            return
        if self.pending:
            self.later_button.setFocus(Qt.FocusReason.OtherFocusReason)
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
