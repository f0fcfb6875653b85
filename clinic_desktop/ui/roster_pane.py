"""The roster pane at the left of the workspace: find a student and open their chart.

Search runs as the user types (debounced), over name, preferred name, district id and
date of birth; results page in as the list scrolls (``RosterModel``). Keyboard: Down from
the search field enters the list, Up on the first row goes back, Enter opens the chart.
Moving through the list with the arrows only highlights (opening a chart is an audited
read, so it happens on Enter, a click or a double-click, never on the way past).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.records import StudentSummary
from clinic_desktop.errors import ClinicError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import changes, style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models.roster_model import DETAIL_ROLE, ID_ROLE, RosterModel

SEARCH_PLACEHOLDER = QT_TRANSLATE_NOOP(
    "RosterPane", "Name, preferred name, district ID or date of birth"
)
NO_MATCH_TEXT = QT_TRANSLATE_NOOP(
    "RosterPane",
    "No student matches. Check the spelling, or search by date of birth (MM/DD/YYYY) "
    "or district ID.",
)
DEBOUNCE_MS = 150

Index = QModelIndex | QPersistentModelIndex


class StudentDelegate(QStyledItemDelegate):
    """Two lines per student: the name in bold and the district id, then what tells
    namesakes apart (date of birth, age, grade, school)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        current_style = widget.style() if widget is not None else QApplication.style()
        current_style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        pad = opt.fontMetrics.averageCharWidth()
        rect = opt.rect.adjusted(pad, pad // 2, -pad, -pad // 2)
        bold = QFont(opt.font)
        bold.setBold(True)
        line = QFontMetrics(opt.font).height()
        painter.save()
        muted = opt.palette.color(role) if selected else style.muted_color(opt.palette)
        district = str(index.data(ID_ROLE) or "")
        id_width = opt.fontMetrics.horizontalAdvance(district) + pad if district else 0
        painter.setPen(muted)
        painter.drawText(rect.adjusted(0, 0, 0, -line), Qt.AlignmentFlag.AlignRight, district)
        painter.setPen(opt.palette.color(role))
        painter.setFont(bold)
        name = QFontMetrics(bold).elidedText(
            str(index.data() or ""), Qt.TextElideMode.ElideRight, rect.width() - id_width
        )
        painter.drawText(rect.adjusted(0, 0, 0, -line), Qt.AlignmentFlag.AlignLeft, name)
        painter.setFont(opt.font)
        painter.setPen(muted)
        detail = opt.fontMetrics.elidedText(
            str(index.data(DETAIL_ROLE) or ""), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(rect.adjusted(0, line + 2, 0, 0), Qt.AlignmentFlag.AlignLeft, detail)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = option.fontMetrics
        return QSize(metrics.averageCharWidth() * 30, metrics.height() * 2 + 2 + metrics.height())


class RosterPane(QWidget):
    """Search field, match count and the lazily loaded list of students."""

    #: Enter, click or double-click on a student (argument: ``StudentSummary``).
    student_activated = Signal(object)
    #: A search's first page is in the list (argument: rows loaded).
    results_shown = Signal(int)

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("rosterPane")
        self.model = RosterModel(session, self, session.today())
        self.model.page_loaded.connect(self._page_loaded)
        self.model.counted.connect(lambda _total: self._update_count())
        self.model.refused.connect(self._refused)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self._build()
        changes.subscribe(self, {Change.STUDENTS}, lambda _changed: self.refresh())

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(style.SPACING // 2)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_tr(SEARCH_PLACEHOLDER))
        self.search.setAccessibleName(self.tr("Search students"))
        self.search.setAccessibleDescription(
            self.tr(
                "Type a name, preferred name, district ID or date of birth; press Down to go "
                "to the results and Enter to open a chart."
            )
        )
        self.search.setClearButtonEnabled(True)
        self.search.setFont(style.scaled_font(self.search, 1.05))
        self.search.setMinimumHeight(style.em(self.search, 1.9))
        self.search.textChanged.connect(self._debounce.start)
        self.search.installEventFilter(self)
        column.addWidget(self.search)
        row = QHBoxLayout()
        row.setContentsMargins(2, 0, 2, 0)
        self.count_label = style.secondary(wrap=False)
        self.count_label.setObjectName("resultCount")
        self.count_label.setAccessibleName(self.tr("Number of matching students"))
        row.addWidget(self.count_label, 1)
        column.addLayout(row)
        self.list = QListView()
        self.list.setObjectName("roster")
        self.list.setAccessibleName(self.tr("Students"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(StudentDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setAlternatingRowColors(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.activated.connect(self._activate)
        self.list.clicked.connect(self._activate)
        self.list.installEventFilter(self)
        column.addWidget(self.list, 1)
        self.empty_label = style.secondary(_tr(NO_MATCH_TEXT))
        self.empty_label.setObjectName("noMatch")
        self.empty_label.setContentsMargins(4, 0, 4, 0)
        self.empty_label.hide()
        column.addWidget(self.empty_label)
        self.setFocusProxy(self.search)

    # --- searching -----------------------------------------------------------------------

    def run_search(self) -> None:
        """Search for the current text now (a newer search always wins)."""
        self._debounce.stop()
        self.count_label.setText(self.tr("Searching…"))
        self.empty_label.hide()
        self.model.set_query(self.search.text())

    def refresh(self) -> None:
        """Search again (a student was added, edited or imported: the change notice)."""
        self.run_search()

    def stop(self) -> None:
        self._debounce.stop()

    def _page_loaded(self, rows: int) -> None:
        self._update_count()
        self.results_shown.emit(rows)

    def _update_count(self) -> None:
        if self.model.is_loading() and self.model.rowCount() == 0:
            return
        self.count_label.setText(count_text(self.model.query, self.model.total, self.model))
        no_match = self.model.total == 0 and bool(self.model.query.strip())
        self.empty_label.setVisible(no_match)

    def _refused(self, exc: ClinicError) -> None:
        self.count_label.setText(self.tr("Search failed"))
        self.count_label.setToolTip(translate_message(exc.message))

    # --- keyboard and selection ---------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_list(self) -> None:
        if self.model.rowCount() == 0:
            return
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.focus_list()
            return True
        if watched is self.search and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._debounce.isActive():
                self.run_search()
            else:
                self.focus_list()
            return True
        if watched is self.list and key == Qt.Key.Key_Up and self.list.currentIndex().row() == 0:
            self.focus_search()
            return True
        return super().eventFilter(watched, event)

    def current_student(self) -> StudentSummary | None:
        index = self.list.currentIndex()
        return self.model.student(index.row()) if index.isValid() else None

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.student_activated.emit(self.model.student(index.row()))


def _tr(text: str) -> str:
    return QCoreApplication.translate("RosterPane", text)


def count_text(query: str, total: int | None, model: RosterModel) -> str:
    """ "2 students", "1 match", "No matches"; while counting, what is loaded so far.

    One and many are separate messages rather than Qt plurals: English and Spanish both
    have exactly those two forms, and the count keeps its thousands separator."""
    if total is None:
        loaded = model.rowCount()
        if not query.strip():
            return QCoreApplication.translate("RosterPane", "{count}+ students").format(
                count=loaded
            )
        return QCoreApplication.translate("RosterPane", "{count}+ matches").format(count=loaded)
    if not query.strip():
        if total == 1:
            return QCoreApplication.translate("RosterPane", "1 student")
        return QCoreApplication.translate("RosterPane", "{count} students").format(
            count=f"{total:,}"
        )
    if total == 0:
        return QCoreApplication.translate("RosterPane", "No matches")
    if total == 1:
        return QCoreApplication.translate("RosterPane", "1 match")
    return QCoreApplication.translate("RosterPane", "{count} matches").format(count=f"{total:,}")
