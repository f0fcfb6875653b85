"""The Screenings tab: a student's history per instrument, with the score trend drawn.

One card per instrument (the most recently used first): the latest score and band, a small
trend chart (``ScoreTrend``), and every administration in a table with its flags and
whether the action was recorded. A flag still open is said in words ("Open: ...") as well
as in the warning tone, so nothing depends on colour. A screening still in progress or
stopped says so, with the reason it was stopped and its written follow-up answers ("If
yes, how? When?") in the Notes column; the service leaves those texts out for a role that
may not read behavioral-health notes, and the column then says they are withheld.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.risk_actions import RiskAction
from clinic_desktop.domain.screening import ScreeningStatus, UnknownInstrumentError, load_instrument
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.flags import RiskFlagView
from clinic_desktop.services.screenings import ScreeningView
from clinic_desktop.ui import style
from clinic_desktop.ui.flag_action_dialog import action_line
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.table_model import Row, TableModel, ToneDelegate
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import screenings as screening_ops
from clinic_desktop.ui.score_trend import ScoreTrend, trend_points
from clinic_desktop.ui.screening_question import band_text, instrument_title
from clinic_desktop.ui.tabs.student_tab import StudentTab
from clinic_desktop.ui.widgets.chips import StatusChip

HEADERS = (
    QT_TRANSLATE_NOOP("ScreeningsTab", "When"),
    QT_TRANSLATE_NOOP("ScreeningsTab", "Score"),
    QT_TRANSLATE_NOOP("ScreeningsTab", "Band"),
    QT_TRANSLATE_NOOP("ScreeningsTab", "Flags"),
    QT_TRANSLATE_NOOP("ScreeningsTab", "Notes"),
)
NOTES_COLUMN = 4
NO_SCREENINGS_TEXT = QT_TRANSLATE_NOOP(
    "ScreeningsTab", "No screenings recorded for this student yet."
)


class ScreeningsTab(StudentTab):
    """Screening history grouped by instrument; ``new_requested`` asks for a screening."""

    new_requested = Signal()
    loading_text = QT_TRANSLATE_NOOP("StudentTab", "Loading screenings…")
    shows = frozenset({Change.SCREENINGS, Change.FLAGS})

    def __init__(
        self, session: ClinicSession, *, can_screen: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, parent)
        self.zone = session.zone()
        self.cards: dict[str, InstrumentCard] = {}
        self.set_content(self._build_toolbar(can_screen), self._build_cards())

    def _build_toolbar(self, can_screen: bool) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(
            style.secondary(self.tr("Screenings by instrument, newest first.")),
            1,
        )
        self.new_button = QPushButton(self.tr("New screening…"))
        self.new_button.setObjectName("newScreening")
        self.new_button.setAccessibleName(self.tr("New screening"))
        self.new_button.setToolTip(self.tr("Administer a screening to this student (Ctrl+Shift+S)"))
        self.new_button.setVisible(can_screen)
        self.new_button.clicked.connect(self.new_requested)
        row.addWidget(self.new_button)
        return row

    def _build_cards(self) -> QWidget:
        holder = QWidget()
        self._cards = QVBoxLayout(holder)
        self._cards.setContentsMargins(0, 0, style.SPACING, 0)
        self._cards.setSpacing(style.SPACING + 4)
        self._cards.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName(self.tr("Screening history"))
        return scroll

    # --- records -------------------------------------------------------------------------

    def fetch(self, student_id: uuid.UUID) -> Operation:
        return screening_ops.list_screenings(
            parent=self, session=self.session, student_id=student_id
        )

    def has_records(self) -> bool:
        return bool(self.cards)

    def clear(self) -> None:
        for card in self.cards.values():
            self._cards.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = {}

    def show_records(self, found: object) -> None:
        screenings: list[ScreeningView] = list(found)  # type: ignore[call-overload]
        self.clear()
        for instrument_id, group in group_by_instrument(screenings).items():
            card = InstrumentCard(group, self.zone)
            self.cards[instrument_id] = card
            self._cards.insertWidget(self._cards.count() - 1, card)
            card.show()  # added while the tab may be on screen: shown now, not later
        self.set_state(
            "" if screenings else QCoreApplication.translate("ScreeningsTab", NO_SCREENINGS_TEXT)
        )


def group_by_instrument(screenings: Sequence[ScreeningView]) -> dict[str, list[ScreeningView]]:
    """Screenings per instrument, newest first within each; instruments in the order of
    their latest screening (the one used most recently first)."""
    newest_first = sorted(screenings, key=lambda s: s.administered_at, reverse=True)
    groups: dict[str, list[ScreeningView]] = {}
    for screening in newest_first:
        # A screening the reader's role may not see has no instrument: its placeholder
        # ("Restricted (behavioral health)") groups it instead.
        groups.setdefault(screening.instrument_id or screening.restricted, []).append(screening)
    return groups


class InstrumentCard(QFrame):
    """One instrument: latest result, trend and history (newest first)."""

    def __init__(
        self, screenings: list[ScreeningView], zone: object, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("instrumentCard")
        self.setProperty("card", True)
        self.screenings = screenings
        self.zone = zone
        latest = screenings[0]
        #: The instrument's title in the interface language.
        self.title = (
            translate_message(latest.restricted)
            if latest.restricted
            else instrument_title(latest.instrument_id, latest.title)
        )
        self.setAccessibleName(
            self.tr("{title}: {latest}").format(title=self.title, latest=self.latest_text())
        )
        column = QVBoxLayout(self)
        pad = style.SPACING + 4
        column.setContentsMargins(pad, style.SPACING, pad, style.SPACING)
        column.setSpacing(style.SPACING // 2)
        column.addLayout(self._title_row(latest))
        self.trend = ScoreTrend()
        self.trend.setAccessibleName(self.tr("{title} score trend").format(title=self.title))
        self.trend.set_points(trend_points(screenings, latest.instrument_id))
        self.trend.setVisible(bool(self.trend.points()))  # e.g. the ASQ has no total
        column.addWidget(self.trend)
        column.addWidget(self._history())

    def _title_row(self, latest: ScreeningView) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(style.SPACING)
        title = style.heading(self.title, 1.1)
        title.setWordWrap(True)
        row.addWidget(title, 1)
        self.latest_label = style.secondary(self.latest_text(), wrap=False)
        self.latest_label.setObjectName("latestResult")
        row.addWidget(self.latest_label)
        open_flags = [f for s in self.screenings for f in s.flags if f.is_open]
        self.flag_chip = StatusChip(self.tr("Flags"))
        if open_flags:
            acute = any(f.severity == "acute" for f in open_flags)
            count = len(open_flags)
            words = self.tr("{count} open flags") if count > 1 else self.tr("{count} open flag")
            self.flag_chip.set_status(words.format(count=count), "acute" if acute else "warning")
        self.flag_chip.setVisible(bool(open_flags))
        row.addWidget(self.flag_chip)
        return row

    def latest_text(self) -> str:
        """ "Latest: 11 · Moderate, 10/14/2026" (or "incomplete")."""
        latest = self.screenings[0]
        day = formats.short_date(latest.administered_at.astimezone(self.zone).date())
        return self.tr("Latest: {score}, {date}").format(score=score_text(latest), date=day)

    def _history(self) -> QTableView:
        self.model = TableModel(
            tuple(QCoreApplication.translate("ScreeningsTab", h) for h in HEADERS), self
        )
        self.model.set_rows([self._row(s) for s in self.screenings])
        table = QTableView()
        table.setObjectName("screeningHistory")
        table.setAccessibleName(self.tr("{title} history").format(title=self.title))
        table.setModel(self.model)
        table.setItemDelegate(ToneDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(style.em(table, 1.6))
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTES_COLUMN, QHeaderView.ResizeMode.Stretch)
        rows = min(len(self.screenings), 8)
        table.setFixedHeight(header.sizeHint().height() + style.em(table, 1.6) * rows + 4)
        self.table = table
        return table

    def _row(self, screening: ScreeningView) -> Row:
        flags = flags_text(screening)
        open_ = [f for f in screening.flags if f.is_open]
        tone = (
            ("acute" if any(f.severity == "acute" for f in open_) else "warning") if open_ else ""
        )
        return Row(
            (
                formats.date_time(screening.administered_at, self.zone),
                str(screening.total) if screening.total is not None else "—",
                status_text(screening)
                or _band(screening)
                or (self.tr("Incomplete") if not screening.complete else "—"),
                flags or self.tr("None"),
                notes_text(screening),
            ),
            screening,
            tones={3: tone} if tone else {},
            italic=frozenset({NOTES_COLUMN}) if screening.texts_withheld else frozenset(),
            tips={3: flags_tooltip(screening, self.zone)} if screening.flags else {},
        )


def status_text(screening: ScreeningView) -> str:
    """ "In progress" or "Stopped" for a screening not completed; "" once complete."""
    if screening.status == ScreeningStatus.IN_PROGRESS:
        return QCoreApplication.translate("ScreeningsTab", "In progress")
    if screening.status == ScreeningStatus.DISCARDED:
        return QCoreApplication.translate("ScreeningsTab", "Stopped")
    return ""


def notes_text(screening: ScreeningView) -> str:
    """Why it was stopped and the written follow-ups ("Question 4: ..."), or that they are
    withheld from this reader."""
    if screening.texts_withheld:
        return QCoreApplication.translate(
            "ScreeningsTab", "Written answers withheld (behavioral health)"
        )
    parts = []
    if screening.status == ScreeningStatus.DISCARDED and screening.discard_reason:
        stopped = QCoreApplication.translate("ScreeningsTab", "Stopped: {reason}")
        parts.append(stopped.format(reason=screening.discard_reason))
    numbers = _item_numbers(screening.instrument_id)
    for item_id, text in screening.text_answers.items():
        number = numbers.get(item_id, item_id)
        asked = QCoreApplication.translate("ScreeningsTab", "Question {n}: {text}")
        parts.append(asked.format(n=number, text=text))
    return " · ".join(p.replace("\n", " ") for p in parts)


def _item_numbers(instrument_id: str) -> dict[str, str]:
    try:
        instrument = load_instrument(instrument_id)
    except UnknownInstrumentError:
        return {}
    return {i.id: i.number or i.id for i in instrument.items}


def score_text(screening: ScreeningView) -> str:
    """ "11 · Moderate"; the band alone for an instrument without a total (the ASQ)."""
    if screening.restricted:
        return QCoreApplication.translate("ScreeningsTab", "not visible to your role")
    status = status_text(screening)
    if status:
        return status
    if not screening.complete:
        return QCoreApplication.translate("ScreeningsTab", "incomplete")
    band_label = _band(screening)
    if screening.total is None:
        return band_label or QCoreApplication.translate("ScreeningsTab", "no score")
    band = f" · {band_label}" if band_label else ""
    return f"{screening.total}{band}"


def _band(screening: ScreeningView) -> str:
    return band_text(screening.instrument_id, screening.band, screening.band_label)


def flags_text(screening: ScreeningView) -> str:
    """Each flag with its status in words: "Open: ..." or "Action taken: ..."."""
    return "; ".join(flag_status(f, screening.instrument_id) for f in screening.flags)


def flag_status(flag: RiskFlagView, instrument_id: str) -> str:
    """ "Open: ... (2 actions)", "Closed: ...", or an older record's "Action taken: ..."."""
    message = translate_message(flag.message)
    if flag.restricted:
        # Only that it exists, how severe, and whom to call ("Call Ana Ruiz, who recorded it.")
        if not flag.is_open:
            return QCoreApplication.translate("ScreeningsTab", "Closed")
        call = translate_message(flag.required_action)
        return QCoreApplication.translate("ScreeningsTab", "Open: {flag}").format(flag=call)
    if flag.is_open:
        text = QCoreApplication.translate("ScreeningsTab", "Open: {flag}").format(flag=message)
        if flag.actions:
            count = len(flag.actions)
            words = (
                QCoreApplication.translate("ScreeningsTab", "{count} actions")
                if count > 1
                else QCoreApplication.translate("ScreeningsTab", "{count} action")
            )
            text += f" ({words.format(count=count)})"
        return text
    action = flag.action_taken or ""
    if action and not flag.actions:  # closed before actions were recorded one by one
        label = translate_message(RiskAction(action).label) if action in set(RiskAction) else action
        return QCoreApplication.translate(
            "ScreeningsTab", "Action taken: {action} ({flag})"
        ).format(action=label, flag=message)
    return QCoreApplication.translate("ScreeningsTab", "Closed: {flag}").format(flag=message)


def flags_tooltip(screening: ScreeningView, zone: tzinfo) -> str:
    """Every flag of the screening with its actions and closing note, one per line (the
    service has already withheld the people and notes a role may not read)."""
    lines: list[str] = []
    for flag in screening.flags:
        lines.append(flag_status(flag, screening.instrument_id))
        lines += [f"  • {action_line(a, zone)}" for a in flag.actions]
        if flag.is_open:
            continue
        closed = formats.date_time(flag.resolved_at, zone) if flag.resolved_at else ""
        if flag.withheld:
            note = QCoreApplication.translate(
                "ScreeningsTab", "closing note not visible to your role"
            )
        else:
            note = flag.action_note or "—"
        text = QCoreApplication.translate("ScreeningsTab", "Closed {when} by {who}: {note}")
        lines.append(f"  {text.format(when=closed, who=flag.resolved_by or '—', note=note)}")
    return "\n".join(lines)
