"""The Referrals tab: a student's referrals, each with its status timeline and next steps.

The table lists every referral (newest first). The panel beside it tells the selected
one's story as a vertical timeline, oldest change at the top, every step with its status
in words, who moved it and when, the note and the appointment, and ends with the moves
the rules allow next as buttons (``ReferralView.next_actions``, the domain's table).

Moving referrals is clinical work: for a role the service would refuse (a nurse), the
buttons are not shown at all and a sentence says who can move them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, tzinfo

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelection,
    QPointF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.records import ReferralEventView, ReferralView
from clinic_desktop.domain.referrals import Outcome, ReferralStatus, Urgency, follow_up_on
from clinic_desktop.domain.roles import Permission
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.table_model import Row, TableModel
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import referrals as referral_ops
from clinic_desktop.ui.referral_action_dialog import ReferralActionDialog
from clinic_desktop.ui.tabs.student_tab import StudentTab
from clinic_desktop.ui.widgets.chips import STATUS_TONES, StatusChip, chip_table

HEADERS = (
    QT_TRANSLATE_NOOP("ReferralsTab", "Made"),
    QT_TRANSLATE_NOOP("ReferralsTab", "Partner"),
    QT_TRANSLATE_NOOP("ReferralsTab", "Urgency"),
    QT_TRANSLATE_NOOP("ReferralsTab", "Status"),
    QT_TRANSLATE_NOOP("ReferralsTab", "Follow-up due"),
)
NO_REFERRALS_TEXT = QT_TRANSLATE_NOOP("ReferralsTab", "No referrals for this student yet.")
READ_ONLY_TEXT = QT_TRANSLATE_NOOP(
    "ReferralsTab", "Only clinicians move referrals along; your role can read them."
)
URGENCY_TONES = {"emergent": "acute", "urgent": "warning"}


class ReferralsTab(StudentTab):
    """Referrals with a timeline. A next-step button opens the action dialog here; a new
    referral is the chart's to make (``new_requested``), as the menu offers it too."""

    new_requested = Signal()
    #: ``(form kind, ids)``: the action dialog asked for a form to print.
    print_requested = Signal(str, dict)
    loading_text = QT_TRANSLATE_NOOP("StudentTab", "Loading referrals…")
    #: A release of information changes what Send needs.
    shows = frozenset({Change.REFERRALS, Change.CONSENTS, Change.PARTNERS})

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.zone = session.zone()
        self.can_move = session.can(Permission.MANAGE_REFERRALS)
        self.model = TableModel(tuple(_tr(h) for h in HEADERS), self)
        self.selected_id: uuid.UUID | None = None
        self.action_dialog: ReferralActionDialog | None = None
        self.set_content(self._build_toolbar(), self._build_body())

    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        hint = self.tr("Select a referral to see its history and next steps.")
        row.addWidget(style.secondary(hint if self.can_move else _tr(READ_ONLY_TEXT)), 1)
        self.new_button = QPushButton(self.tr("New referral…"))
        self.new_button.setObjectName("newReferral")
        self.new_button.setAccessibleName(self.tr("New referral"))
        self.new_button.setVisible(self.can_move)
        self.new_button.clicked.connect(self.new_requested)
        self.print_button = QPushButton(self.tr("Print letter…"))
        self.print_button.setObjectName("printReferral")
        self.print_button.setAccessibleName(self.tr("Print the referral letter"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_selected)
        row.addWidget(self.print_button)
        row.addWidget(self.new_button)
        return row

    def _build_body(self) -> QSplitter:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_table())
        self.detail = ReferralDetail(self.zone, can_move=self.can_move, today=self.session.today)
        self.detail.action_requested.connect(self._action)
        detail = _scrolled(self.detail, self.tr("Selected referral"))
        detail.setMinimumWidth(style.chars(self, 60))
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        return self.splitter

    def _build_table(self) -> QTableView:
        table = chip_table(
            self.model,
            name="referralsTable",
            accessible_name=self.tr("Referrals"),
            stretch_column=1,
        )
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table = table
        return table

    # --- records -------------------------------------------------------------------------

    def fetch(self, student_id: uuid.UUID) -> Operation:
        return referral_ops.list_referrals(parent=self, session=self.session, student_id=student_id)

    def has_records(self) -> bool:
        return self.model.rowCount() > 0

    def clear(self) -> None:
        self.selected_id = None
        self.model.set_rows([])
        self.detail.show_referral(None)

    def show_records(self, found: object) -> None:
        referrals: list[ReferralView] = list(found)  # type: ignore[call-overload]
        keep = self.selected_id
        self.model.set_rows([self._row(r) for r in referrals])
        self.set_state("" if referrals else _tr(NO_REFERRALS_TEXT))
        ids = [r.id for r in referrals]
        if referrals:
            self.table.selectRow(ids.index(keep) if keep in ids else 0)

    def select(self, referral_id: uuid.UUID) -> None:
        """Select a referral (one just made) once the list shows it."""
        self.selected_id = referral_id
        ids = [r.id for r in self.referrals()]
        if referral_id in ids:
            self.table.selectRow(ids.index(referral_id))

    def referrals(self) -> list[ReferralView]:
        return [row.record for row in self.model.rows() if isinstance(row.record, ReferralView)]

    def _row(self, referral: ReferralView) -> Row:
        due = referral.follow_up_due
        tones = {3: STATUS_TONES.get(referral.status, "muted")}
        if referral.urgency in URGENCY_TONES:
            tones[2] = URGENCY_TONES[referral.urgency]
        shown_due = formats.short_date(due) if due else "—"
        # Due or overdue as the Today list says it (the domain's one rule), words and tone.
        state = follow_up_on(referral.status, due, self.session.today())
        if state is not None:
            shown_due, tones[4] = formats.follow_up(state.due, state.days_overdue)
        return Row(
            (
                formats.short_date(referral.created_at.astimezone(self.zone).date()),
                partner_text(referral),
                translate_message(Urgency(referral.urgency).label),
                translate_message(referral.status_label),
                shown_due,
            ),
            referral,
            tones=tones,
        )

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        referral = record if isinstance(record, ReferralView) else None
        self.selected_id = referral.id if referral else self.selected_id
        # A letter the role may not print is not offered (the service would refuse it).
        self.print_button.setEnabled(referral is not None and not referral.restricted)
        self.detail.show_referral(referral)

    def print_selected(self) -> None:
        """Ask the print preview for the selected referral's letter to the partner."""
        if self.detail.referral is not None:
            self.print_requested.emit("referral", {"referral_id": self.detail.referral.id})

    def _action(self, target: str) -> None:
        if self.detail.referral is not None:
            self.open_action(self.detail.referral, target)

    def open_action(self, referral: ReferralView, target: str) -> None:
        """Open the dialog for one step (Send, Schedule, Close...) of ``referral``."""
        if not self.can_move:
            return
        if self.action_dialog is not None:
            self.action_dialog.raise_()
            self.action_dialog.activateWindow()
            return
        dialog = ReferralActionDialog(self.session, referral, target, self)
        dialog.referral_changed.connect(self._moved)
        dialog.consent_recorded.connect(lambda _view: self.records_changed.emit())
        dialog.print_requested.connect(self.print_requested)
        dialog.finished.connect(lambda _result: self._action_done(dialog))
        self.action_dialog = dialog
        # Not modal: "Print release form…" opens the print preview, a window of the main
        # window, which a window-modal dialog would block.
        dialog.show()

    def _moved(self, view: ReferralView) -> None:
        self.selected_id = view.id  # kept selected when the change notice reloads the list
        self.records_changed.emit()

    def _action_done(self, dialog: ReferralActionDialog) -> None:
        if self.action_dialog is dialog:
            self.action_dialog = None
        dialog.deleteLater()


class ReferralDetail(QWidget):
    """The selected referral: reason, facts, status timeline, next-step buttons."""

    action_requested = Signal(str)

    def __init__(
        self,
        zone: tzinfo,
        *,
        can_move: bool,
        today: Callable[[], date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.zone = zone
        #: The clinic's day (``ClinicSession.today``), for "due" and "overdue".
        self.today = today
        self.can_move = can_move
        self.referral: ReferralView | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self._columns = 2
        column = QVBoxLayout(self)
        column.setContentsMargins(style.SPACING + 4, 0, style.SPACING, style.SPACING)
        column.setSpacing(style.SPACING // 2 + 2)
        self.title = style.heading("", 1.1, wrap=True)
        self.title.setObjectName("referralTitle")
        self.reason = _selectable()
        self.reason.setObjectName("referralReason")
        self.reason.setAccessibleName(self.tr("Reason"))
        self.facts = style.secondary()
        self.facts.setObjectName("referralFacts")
        for widget in (self.title, self.reason, self.facts):
            column.addWidget(widget)
        column.addSpacing(style.SPACING // 2)
        self.timeline_title = style.heading(self.tr("Status timeline"), 1.0)
        column.addWidget(self.timeline_title)
        self.timeline = ReferralTimeline(zone)
        column.addWidget(self.timeline)
        self.next_title = style.heading(self.tr("Next steps"), 1.0)
        column.addWidget(self.next_title)
        #: Next steps two to a row when they fit (``button_columns``): a sent referral
        #: offers six, too many for one line.
        self._buttons = QGridLayout()
        self._buttons.setSpacing(style.SPACING // 2)
        column.addLayout(self._buttons)
        self.ended = style.secondary()
        self.ended.setObjectName("referralEnded")
        column.addWidget(self.ended)
        column.addStretch(1)
        self.show_referral(None)

    def show_referral(self, referral: ReferralView | None) -> None:
        self.referral = referral
        for widget in (self.title, self.reason, self.facts, self.timeline_title, self.timeline):
            widget.setVisible(referral is not None)
        if referral is None:
            self._set_buttons(())
            self.next_title.setVisible(False)
            self.ended.setVisible(False)
            return
        title = self.tr("Referral to {partner}")
        self.title.setText(title.replace("{partner}", partner_text(referral)))
        hidden = self.tr("Details not visible to your role")
        self.reason.setText(hidden if referral.restricted else referral.reason)
        self.facts.setText(self.facts_text(referral))
        self.timeline.show_events(referral.events, referral.status)
        self._set_buttons(referral.next_actions if self.can_move else ())
        self.next_title.setVisible(bool(referral.next_actions) and self.can_move)
        self.ended.setText(
            "" if referral.next_actions else self.tr("This referral's loop is closed.")
        )
        self.ended.setVisible(not referral.next_actions)

    def facts_text(self, referral: ReferralView) -> str:
        parts = [
            self.tr("{urgency} urgency").format(
                urgency=translate_message(Urgency(referral.urgency).label)
            ),
            self.tr("made by {user}").format(user=referral.created_by),
        ]
        if referral.screening_id is not None:
            parts.append(self.tr("linked to a screening"))
        state = None
        if self.today is not None:
            state = follow_up_on(referral.status, referral.follow_up_due, self.today())
        if state is not None:
            due, _tone = formats.follow_up(state.due, state.days_overdue)
            parts.append(self.tr("follow-up {due}").format(due=due))
        elif referral.follow_up_due is not None:
            due = formats.short_date(referral.follow_up_due)
            parts.append(self.tr("follow up by {date}").format(date=due))
        if referral.outcome:
            outcome = translate_message(Outcome(referral.outcome).label).lower()
            parts.append(self.tr("outcome: {outcome}").format(outcome=outcome))
        text = " · ".join(parts)
        return text[:1].upper() + text[1:]

    def _set_buttons(self, actions: tuple) -> None:
        for button in self.action_buttons.values():
            self._buttons.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.action_buttons = {}
        for action in actions:
            button = QPushButton(f"{translate_message(action.label)}…")
            button.setObjectName(f"action-{action.target}")
            button.setAccessibleName(translate_message(action.label))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _on=False, t=action.target: self.action_requested.emit(t))
            self.action_buttons[action.target] = button
        self._arrange_buttons()
        for button in self.action_buttons.values():
            button.show()  # added while the panel is on screen: shown now, not later

    def button_columns(self) -> int:
        """Two buttons to a row when two of the widest fit the panel, else one: Spanish
        labels ("Marcar en lista de espera…") are long, and a grid wider than the panel
        would push the whole panel past the scroll area's right edge and cut it off."""
        if not self.action_buttons:
            return 1
        widest = max(b.sizeHint().width() for b in self.action_buttons.values())
        margins = self.contentsMargins()
        room = self.width() - margins.left() - margins.right() - 2 * style.SPACING
        return 2 if 2 * widest + self._buttons.horizontalSpacing() <= room else 1

    def _arrange_buttons(self, *, force: bool = True) -> None:
        columns = self.button_columns()
        if columns == self._columns and not force:
            return
        self._columns = columns
        for button in self.action_buttons.values():
            self._buttons.removeWidget(button)
        for position, button in enumerate(self.action_buttons.values()):
            self._buttons.addWidget(button, position // columns, position % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.action_buttons:
            self._arrange_buttons(force=False)


class ReferralTimeline(QWidget):
    """The referral's status changes, oldest first, on a vertical rail."""

    def __init__(self, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.setAccessibleName(self.tr("Status timeline"))
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(0)
        self.steps: list[QWidget] = []

    def show_events(self, events: tuple[ReferralEventView, ...], current: str) -> None:
        for step in self.steps:
            self._rows.removeWidget(step)
            step.hide()
            step.deleteLater()
        self.steps = [
            self._step(event, first=i == 0, last=i == len(events) - 1)
            for i, event in enumerate(events)
        ]
        for step in self.steps:
            self._rows.addWidget(step)
            step.show()
        self.setAccessibleDescription(
            "; ".join(step.accessibleName() for step in self.steps)
            or self.tr("No changes recorded.")
        )

    def step_texts(self) -> list[str]:
        return [step.accessibleName() for step in self.steps]

    def _step(self, event: ReferralEventView, *, first: bool, last: bool) -> QWidget:
        status = ReferralStatus(event.to_status)
        tone = STATUS_TONES.get(status.value, "muted")
        step = QWidget()
        row = QHBoxLayout(step)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(style.SPACING)
        row.addWidget(_Rail(tone, first=first, last=last))
        text = QVBoxLayout()
        text.setContentsMargins(0, 2, 0, style.SPACING)
        text.setSpacing(2)
        head = QHBoxLayout()
        chip = StatusChip(self.tr("Status"))
        chip.set_status(translate_message(status.label), tone)
        head.addWidget(chip)
        when = self.tr("{when} by {user}").format(
            when=formats.date_time(event.at, self.zone), user=event.by or self.tr("unknown")
        )
        head.addWidget(style.secondary(when), 1)
        text.addLayout(head)
        details = self._details(event)
        for line in details:
            text.addWidget(_selectable(line))
        row.addLayout(text, 1)
        step.setAccessibleName(" — ".join([f"{translate_message(status.label)}, {when}", *details]))
        return step

    def _details(self, event: ReferralEventView) -> list[str]:
        lines = []
        if event.appointment_at is not None:
            at = formats.date_time(event.appointment_at, self.zone)
            lines.append(self.tr("Appointment: {when}").format(when=at))
        if event.note:
            lines.append(event.note)
        return lines


class _Rail(QWidget):
    """The timeline's rail: a line through every step and a dot at each one."""

    def __init__(self, tone: str, *, first: bool, last: bool) -> None:
        super().__init__()
        self.tone, self.first, self.last = tone, first, last
        self.setFixedWidth(style.em(self, 1.0))

    def sizeHint(self) -> QSize:
        return QSize(style.em(self, 1.0), style.em(self, 2.0))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = self.width() / 2
        dot_y = style.em(self, 0.75)
        line = QPen(self.palette().color(QPalette.ColorRole.Mid), 2)
        painter.setPen(line)
        top = dot_y if self.first else 0
        bottom = dot_y if self.last else self.height()
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        color = style.tone_color(self, self.tone)
        painter.setPen(QPen(color, 2))
        painter.setBrush(color if self.last else self.palette().color(QPalette.ColorRole.Base))
        radius = style.em(self, 0.28)
        painter.drawEllipse(QPointF(x, dot_y), radius, radius)
        painter.end()


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReferralsTab", text)


def _selectable(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _scrolled(widget: QWidget, name: str) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text wraps
    scroll.setAccessibleName(name)
    return scroll


def partner_text(referral: ReferralView) -> str:
    """The partner's name as staff wrote it, or the service's placeholder ("Restricted
    (substance use)") in the interface language when the role may not see it."""
    if referral.restricted:
        return translate_message(referral.restricted)
    return referral.partner_name
