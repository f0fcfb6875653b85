"""The Visits tab: a student's visits in a table, the selected visit's note below.

A ``StudentTab``: loaded when the tab is first shown for a student (``list_visits`` is an
audited chart read, so a chart opened only to glance at the timeline does not record a
visits read), and again when a visit is recorded.

A visit opens (double-click, Enter or "Open…": ``open_requested``): the chart shows a
draft of the user's own in the visit dialog to finish and sign, anything else as its
read-only record with signature and addenda (issue 16).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.records import VisitView
from clinic_desktop.domain.visits import VisitType, disposition_label
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.table_model import Row, TableModel
from clinic_desktop.ui.models.timeline_model import hidden_note_text
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import chart as chart_ops
from clinic_desktop.ui.tabs.student_tab import StudentTab

HEADERS = (
    QT_TRANSLATE_NOOP("VisitsTab", "When"),
    QT_TRANSLATE_NOOP("VisitsTab", "Type"),
    QT_TRANSLATE_NOOP("VisitsTab", "Reason"),
    QT_TRANSLATE_NOOP("VisitsTab", "Outcome"),
    QT_TRANSLATE_NOOP("VisitsTab", "Minutes"),
    QT_TRANSLATE_NOOP("VisitsTab", "Recorded by"),
    QT_TRANSLATE_NOOP("VisitsTab", "Status"),
)
NO_VISITS_TEXT = QT_TRANSLATE_NOOP(
    "VisitsTab", "No visits recorded for this student yet. Press Ctrl+N to record one."
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("VisitsTab", text)


class VisitsTab(StudentTab):
    """The student's visits, newest first, with the selected one's note."""

    shows = frozenset({Change.VISITS})
    #: A visit was opened (argument: ``VisitView``).
    open_requested = Signal(object)

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.zone = session.zone()
        self.model = TableModel(tuple(_tr(h) for h in HEADERS), self)
        self._build()

    def _build(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("visitsTable")
        self.table.setAccessibleName(self.tr("Visits"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(style.em(self.table, 1.7))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the reason
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.note_title = style.heading("", 1.05)
        self.note_title.setObjectName("visitTitle")
        self.note = QLabel()
        self.note.setObjectName("visitNote")
        self.note.setAccessibleName(self.tr("Visit note"))
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.codes = style.secondary("")
        self.codes.setObjectName("visitCodes")
        details = QWidget()
        column = QVBoxLayout(details)
        column.setContentsMargins(style.SPACING, style.SPACING, style.SPACING, style.SPACING)
        column.addWidget(self.note_title)
        column.addWidget(self.note)
        column.addWidget(self.codes)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName(self.tr("Selected visit"))
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.state_label.setObjectName("visitsState")
        self.set_content(self._build_toolbar(), self.splitter)
        self._show_visit(None)

    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        hint = self.tr("Newest first. Open a visit to finish and sign it, or to add an addendum.")
        row.addWidget(style.secondary(hint), 1)
        self.open_button = QPushButton(self.tr("&Open…"))
        self.open_button.setObjectName("openVisit")
        self.open_button.setAccessibleName(self.tr("Open the selected visit"))
        self.open_button.setAutoDefault(False)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        row.addWidget(self.open_button)
        return row

    def selected(self) -> VisitView | None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        return record if isinstance(record, VisitView) else None

    def open_selected(self) -> None:
        """Double-click, Enter or "Open…": open the selected visit."""
        visit = self.selected()
        if visit is not None:
            self.open_requested.emit(visit)

    # --- loading -------------------------------------------------------------------------

    def fetch(self, student_id: uuid.UUID) -> Operation:
        return chart_ops.list_visits(parent=self, session=self.session, student_id=student_id)

    def show_records(self, found: object) -> None:
        visits = found if isinstance(found, list) else []
        self.model.set_rows([self._row(v) for v in visits])
        self.set_state("" if visits else _tr(NO_VISITS_TEXT))
        if visits:
            self.table.selectRow(0)

    def loading_state(self) -> str:
        return self.tr("Loading visits…")

    def clear(self) -> None:
        self.model.set_rows([])
        self._show_visit(None)

    def _row(self, visit: VisitView) -> Row:
        return Row(
            (
                formats.date_time(visit.occurred_at, self.zone),
                translate_message(VisitType(visit.visit_type).label),
                translate_message(visit.reason),  # a screening's visit: the service's words
                translate_message(disposition_label(visit.disposition)),
                str(visit.duration_minutes),
                visit.author,
                status_text(visit),
            ),
            visit,
            tones=({1: "acute"} if visit.visit_type == VisitType.CRISIS else {})
            | ({} if visit.signed else {6: "warning"}),
        )

    # --- the selected visit --------------------------------------------------------------

    def visits(self) -> list[VisitView]:
        return [row.record for row in self.model.rows() if isinstance(row.record, VisitView)]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        self._show_visit(record if isinstance(record, VisitView) else None)

    def _show_visit(self, visit: VisitView | None) -> None:
        self.open_button.setEnabled(visit is not None)
        if visit is None:
            self.note_title.setText("")
            self.note.setText("")
            self.codes.setText("")
            return
        when = formats.date_time(visit.occurred_at, self.zone)
        title = self.tr("{type} visit, {when}")
        self.note_title.setText(
            title.format(type=translate_message(VisitType(visit.visit_type).label), when=when)
        )
        font = self.note.font()
        font.setItalic(visit.note_hidden)
        self.note.setFont(font)
        if visit.restricted:
            text = self.tr("{restricted}: details not visible to your role")
            self.note.setText(text.replace("{restricted}", translate_message(visit.restricted)))
            style.set_tone(self.note, "muted")
        elif visit.note_hidden:
            self.note.setText(hidden_note_text())
            style.set_tone(self.note, "muted")
        else:
            self.note.setText(visit.note or self.tr("No note."))
            self.note.setPalette(self.palette())
        codes = [f"ICD-10 {', '.join(visit.icd10_codes)}"] if visit.icd10_codes else []
        codes += [f"CPT {', '.join(visit.cpt_codes)}"] if visit.cpt_codes else []
        codes.append(status_text(visit))
        if visit.addenda:
            codes.append(self.tr("{count} addenda").format(count=len(visit.addenda)))
        self.codes.setText(" · ".join(codes))


SIGNED_TEXT = QT_TRANSLATE_NOOP("VisitsTab", "Signed")
DRAFT_TEXT = QT_TRANSLATE_NOOP("VisitsTab", "Draft")
LATE_TEXT = QT_TRANSLATE_NOOP("VisitsTab", "{status}, late entry")


def status_text(visit: VisitView) -> str:
    """ "Signed", "Draft", with "late entry" when documented on a later day."""
    text = _tr(SIGNED_TEXT) if visit.signed else _tr(DRAFT_TEXT)
    return _tr(LATE_TEXT).format(status=text) if visit.late_entry else text
