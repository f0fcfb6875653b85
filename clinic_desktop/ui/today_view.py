"""The Today view, a clinician's start page: what needs attention, then what happened.

Five sections: open risk flags, follow-ups due or overdue and the user's own unsigned
notes first (they need action), then today's visits and the students seen this week.
Enter or a double-click on a row opens that student's chart (``student_activated``); on
an unsigned note it opens the note itself (``visit_activated``) to finish and sign.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.records import FollowUpView, StudentSummary
from clinic_desktop.domain.referrals import ReferralStatus
from clinic_desktop.domain.visits import VisitType, disposition_label
from clinic_desktop.errors import ClinicError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.referrals import FOLLOW_UP_PAGE
from clinic_desktop.services.today import OpenFlag, TodayOverview, TodayVisit, UnsignedNote
from clinic_desktop.ui import changes, style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.table_model import Row, TableModel, ToneDelegate
from clinic_desktop.ui.operations import today as today_ops


@dataclass(frozen=True)
class Section:
    """One card's texts are marked for translation here and translated when shown
    (``tr_title`` ...), so a language switch is picked up by the next view built."""

    key: str
    title: str
    headers: tuple[str, ...]
    empty_text: str
    #: The columns that share the spare width; the others fit their contents.
    stretch: tuple[int, ...]

    def tr_title(self) -> str:
        return _tr(self.title)

    def tr_headers(self) -> tuple[str, ...]:
        return tuple(_tr(h) for h in self.headers)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TodayView", text)


#: Rows a Today card shows before its table scrolls.
MAX_ROWS = 8

SECTIONS = (
    Section(
        "flags",
        QT_TRANSLATE_NOOP("TodayView", "Open risk flags"),
        (
            QT_TRANSLATE_NOOP("TodayView", "Severity"),
            QT_TRANSLATE_NOOP("TodayView", "Student"),
            QT_TRANSLATE_NOOP("TodayView", "Flag"),
            QT_TRANSLATE_NOOP("TodayView", "Required action"),
        ),
        QT_TRANSLATE_NOOP("TodayView", "No open risk flags."),
        (3,),  # the required action: what must happen before the student leaves
    ),
    Section(
        "follow_ups",
        QT_TRANSLATE_NOOP("TodayView", "Follow-ups due or overdue"),
        (
            QT_TRANSLATE_NOOP("TodayView", "Student"),
            QT_TRANSLATE_NOOP("TodayView", "Referred to"),
            QT_TRANSLATE_NOOP("TodayView", "Status"),
            QT_TRANSLATE_NOOP("TodayView", "Due"),
        ),
        QT_TRANSLATE_NOOP("TodayView", "No referral follow-ups are due."),
        (0, 1),
    ),
    Section(
        "unsigned",
        QT_TRANSLATE_NOOP("TodayView", "My unsigned notes"),
        (
            QT_TRANSLATE_NOOP("TodayView", "When"),
            QT_TRANSLATE_NOOP("TodayView", "Student"),
            QT_TRANSLATE_NOOP("TodayView", "Type"),
            QT_TRANSLATE_NOOP("TodayView", "Reason"),
            QT_TRANSLATE_NOOP("TodayView", "Disposition"),
        ),
        QT_TRANSLATE_NOOP("TodayView", "All your notes are signed."),
        (1, 3),
    ),
    Section(
        "visits",
        QT_TRANSLATE_NOOP("TodayView", "Today's visits"),
        (
            QT_TRANSLATE_NOOP("TodayView", "Time"),
            QT_TRANSLATE_NOOP("TodayView", "Student"),
            QT_TRANSLATE_NOOP("TodayView", "Type"),
            QT_TRANSLATE_NOOP("TodayView", "Reason"),
            QT_TRANSLATE_NOOP("TodayView", "By"),
        ),
        QT_TRANSLATE_NOOP("TodayView", "No visits recorded yet today."),
        (1, 3, 4),
    ),
    Section(
        "seen",
        QT_TRANSLATE_NOOP("TodayView", "Seen this week"),
        (
            QT_TRANSLATE_NOOP("TodayView", "Student"),
            QT_TRANSLATE_NOOP("TodayView", "Date of birth"),
            QT_TRANSLATE_NOOP("TodayView", "Grade"),
            QT_TRANSLATE_NOOP("TodayView", "School"),
        ),
        QT_TRANSLATE_NOOP("TodayView", "No students seen this week."),
        (0,),
    ),
)


class SectionCard(QWidget):
    """A titled card holding one list (or its empty text)."""

    #: "Show all" was clicked: the card holds a first page of a longer list.
    show_all_requested = Signal()

    def __init__(self, section: Section, on_activate: Callable[[StudentSummary], None]) -> None:
        super().__init__()
        self.section = section
        self._on_activate = on_activate
        #: Opens an unsigned note (the "unsigned" card's rows).
        self.on_note: Callable[[UnsignedNote], None] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        frame = style.card(f"{section.key}Card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        column = QVBoxLayout(frame)
        column.setContentsMargins(style.SPACING + 4, style.SPACING, style.SPACING + 4, 8)
        column.setSpacing(style.SPACING // 2)
        row = QHBoxLayout()
        self.title = style.heading(section.tr_title(), 1.1)
        self.count = style.secondary("", wrap=False)
        self.count.setObjectName("sectionCount")
        # Offered when the card holds only the first rows of a longer list (issue 9).
        self.show_all = QPushButton(self.tr("Show all"))
        self.show_all.setObjectName(f"{section.key}ShowAll")
        self.show_all.setAccessibleName(self.show_all.text())
        self.show_all.setFlat(True)
        self.show_all.clicked.connect(self.show_all_requested)
        self.show_all.hide()
        row.addWidget(self.title)
        row.addWidget(self.count)
        row.addStretch(1)
        row.addWidget(self.show_all)
        column.addLayout(row)
        self.model = TableModel(section.tr_headers(), self)
        self.table = self._build_table(section)
        self.empty = style.secondary(_tr(section.empty_text))
        self.empty.setObjectName("sectionEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Shown one at a time (not a stacked layout, which would size the card for the
        # table's default height even when it holds one row).
        column.addWidget(self.table)
        column.addWidget(self.empty)
        self.table.hide()

    def _build_table(self, section: Section) -> QTableView:
        table = QTableView()
        table.setObjectName(f"{section.key}Table")
        table.setAccessibleName(section.tr_title())
        table.setModel(self.model)
        table.setItemDelegate(ToneDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.setFrameShape(QTableView.Shape.NoFrame)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(style.em(table, 1.7))
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in section.stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        table.activated.connect(self._activate)
        return table

    def set_rows(self, rows: Sequence[Row], total: int | None = None) -> None:
        """``total``: the list's full length when ``rows`` is only its first page; the
        card then says "50 of 3,694" and offers the rest."""
        total = len(rows) if total is None else max(total, len(rows))
        self.model.set_rows(rows)
        if total > len(rows):
            locale = QLocale()  # "3,694" in English, "3.694" in Spanish
            shown, count = locale.toString(len(rows)), locale.toString(total)
            self.count.setText(self.tr("· {shown} of {total}").format(shown=shown, total=count))
            self.show_all.setText(self.tr("Show all {total}").format(total=count))
            self.show_all.setAccessibleName(self.show_all.text())
        else:
            self.count.setText(f"· {total}" if rows else "")
        self.show_all.setVisible(total > len(rows))
        self.title.setAccessibleName(
            self.tr("{title}: {count}").format(title=self.section.tr_title(), count=total)
        )
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._fit_height(len(rows))

    def _fit_height(self, rows: int) -> None:
        """Tall enough for every row up to ``MAX_ROWS``; beyond that the table scrolls."""
        shown = min(max(rows, 1), MAX_ROWS)
        row_height = self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + shown * row_height + 2)

    def _activate(self, index: QModelIndex) -> None:
        record = self.model.record(index.row()) if index.isValid() else None
        if isinstance(record, UnsignedNote) and self.on_note is not None:
            self.on_note(record)
            return
        student = getattr(record, "student", record)
        if isinstance(student, StudentSummary):
            self._on_activate(student)


#: What Today lists: open flags, follow-ups, today's visits and who was seen (by name).
SHOWS = frozenset(
    {Change.VISITS, Change.SCREENINGS, Change.FLAGS, Change.REFERRALS, Change.STUDENTS}
)


class TodayView(QWidget):
    """The start page; ``refresh`` loads it again (on show, after a visit, on F5)."""

    #: A row was opened (argument: ``StudentSummary``).
    student_activated = Signal(object)
    #: An unsigned note was opened (argument: ``UnsignedNote``).
    visit_activated = Signal(object)
    #: The overview arrived and is on screen (argument: ``TodayOverview``).
    loaded = Signal(object)
    #: Follow-ups loaded at first; "Show all" loads the rest (a large site has thousands).
    follow_up_page = FOLLOW_UP_PAGE

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("todayView")
        self.zone = session.zone()
        self.overview: TodayOverview | None = None
        self._serial = 0
        self._all_follow_ups = False
        self._build()
        changes.subscribe(self, SHOWS, lambda _changed: self.refresh())

    def _build(self) -> None:
        """One column, most urgent first, each card as tall as its rows: full-width rows
        keep a flag's required action readable instead of cut off."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        page = QWidget()
        page.setObjectName("todayPage")
        column = QVBoxLayout(page)
        column.setContentsMargins(style.MARGIN, style.SPACING + 4, style.MARGIN, style.SPACING)
        column.setSpacing(style.SPACING + 4)
        column.addLayout(self._build_title_row())
        self.cards = {s.key: SectionCard(s, self.student_activated.emit) for s in SECTIONS}
        for section in SECTIONS:
            column.addWidget(self.cards[section.key])
        self.cards["follow_ups"].show_all_requested.connect(self.show_all_follow_ups)
        self.cards["unsigned"].on_note = self.visit_activated.emit
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName(self.tr("Today"))
        outer.addWidget(scroll)

    def _build_title_row(self) -> QHBoxLayout:
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = style.heading(self.tr("Today"), 1.6)
        self.title.setObjectName("todayTitle")
        self.day_label = style.secondary("", wrap=False)
        self.day_label.setObjectName("todayDate")
        titles.addWidget(self.title)
        titles.addWidget(self.day_label)
        self.mine_only = QCheckBox(self.tr("Only follow-ups of referrals I made"))
        self.mine_only.setObjectName("mineOnly")
        self.mine_only.setAccessibleName(self.tr("Only follow-ups of referrals I made"))
        self.mine_only.toggled.connect(lambda _on: self.refresh())
        self.state_label = style.secondary("", wrap=False)
        self.state_label.setObjectName("todayState")
        row = QHBoxLayout()
        row.addLayout(titles, 1)
        row.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignBottom)
        row.addSpacing(style.SPACING)
        row.addWidget(self.mine_only, 0, Qt.AlignmentFlag.AlignBottom)
        return row

    def show_all_follow_ups(self) -> None:
        """Load every follow-up due (until this view is built again)."""
        self._all_follow_ups = True
        self.refresh()

    def refresh(self) -> None:
        self._serial += 1
        serial = self._serial
        self.state_label.setText(self.tr("Updating…"))
        today_ops.today_overview(
            parent=self,
            session=self.session,
            mine_only=self.mine_only.isChecked(),
            follow_up_limit=None if self._all_follow_ups else self.follow_up_page,
        ).success(lambda overview: self.show_overview(serial, overview)).known_error(
            lambda exc: self._refused(serial, exc)
        ).run_in_background()

    def show_overview(self, serial: int, overview: TodayOverview) -> None:
        if serial != self._serial:
            return
        self.overview = overview
        self.state_label.setText("")
        self.day_label.setText(formats.long_day(overview.day))
        self.cards["flags"].set_rows([self._flag_row(f) for f in overview.open_flags])
        self.cards["follow_ups"].set_rows(
            [_follow_up_row(f) for f in overview.follow_ups], overview.follow_ups_total
        )
        self.cards["unsigned"].set_rows([self._unsigned_row(n) for n in overview.unsigned])
        self.cards["visits"].set_rows([self._visit_row(v) for v in overview.visits])
        self.cards["seen"].set_rows([_seen_row(s) for s in overview.seen_this_week])
        self.loaded.emit(overview)

    def _refused(self, serial: int, exc: ClinicError) -> None:
        if serial == self._serial:
            self.state_label.setText(translate_message(exc.message))

    def _flag_row(self, flag: OpenFlag) -> Row:
        acute = flag.severity == "acute"
        message, action = (translate_message(t) for t in (flag.message, flag.required_action))
        return Row(
            (
                self._severity_label(flag.severity),
                flag.student.display_name,
                message,
                action,
            ),
            flag,
            tones={0: "acute" if acute else "warning"},
        )

    def _severity_label(self, severity: str) -> str:
        """A flag's severity in words (the tone repeats it, never alone)."""
        labels = {
            "acute": self.tr("Acute"),
            "urgent": self.tr("Urgent"),
            "routine": self.tr("Routine"),
        }
        return labels.get(severity, formats.title_case(severity))

    def _visit_row(self, visit: TodayVisit) -> Row:
        kind = VisitType(visit.visit_type)
        return Row(
            (
                formats.clock_time(visit.at, self.zone),
                visit.student.display_name,
                translate_message(kind.label),
                translate_message(visit.reason),  # a screening's visit: the service's words
                visit.author,
            ),
            visit,
            tones={2: "acute"} if kind == VisitType.CRISIS else {},
        )

    def _unsigned_row(self, note: UnsignedNote) -> Row:
        kind = VisitType(note.visit_type)
        when = (
            formats.clock_time(note.at, self.zone)
            if note.at.astimezone(self.zone).date() == self.overview_day()
            else formats.date_time(note.at, self.zone)
        )
        return Row(
            (
                when,
                note.student.display_name,
                translate_message(kind.label),
                translate_message(note.reason),
                translate_message(disposition_label(note.disposition)),
            ),
            note,
            tones={4: "warning"} if note.disposition is None else {},
        )

    def overview_day(self) -> object:
        return self.overview.day if self.overview is not None else None

    def texts(self, key: str) -> list[tuple[str, ...]]:
        """A section's rows as shown (for tests and checks)."""
        return [row.cells for row in self.cards[key].model.rows()]


def _follow_up_row(follow_up: FollowUpView) -> Row:
    due, tone = formats.follow_up(follow_up.due, follow_up.days_overdue)
    return Row(
        (
            follow_up.student.display_name,
            # The placeholder ("Restricted (behavioral health)") where the role may not see it.
            translate_message(follow_up.restricted)
            if follow_up.restricted
            else follow_up.partner_name,
            translate_message(ReferralStatus(follow_up.status).label),
            due,
        ),
        follow_up,
        tones={3: tone},
    )


def _seen_row(student: StudentSummary) -> Row:
    return Row(
        (
            student.display_name,
            formats.birth_date(student.date_of_birth),
            student.grade,
            student.school_code,
        ),
        student,
    )
