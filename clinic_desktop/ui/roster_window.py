"""The first window after sign-in: find a student (search as you type) and open them.

Roles that may not see student records (IT, administrators) get a short explanation
instead of the roster; the services refuse them anyway, the window only mirrors that.
"""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    qVersion,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop import __version__
from clinic_desktop.domain.roles import Permission
from clinic_desktop.errors import ClinicError, PermissionDeniedError
from clinic_desktop.services import site as site_service
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.records import StudentSummary
from clinic_desktop.ui import dialogs, operations, style
from clinic_desktop.ui import settings as ui_settings
from clinic_desktop.ui.models.roster_model import SORT_ROLE, Column, RosterModel
from clinic_desktop.ui.operations import students as student_ops
from clinic_desktop.ui.student_pane import StudentPane

SEARCH_PLACEHOLDER = "Search by name, preferred name, district id or date of birth"
NO_ACCESS_TEXT = (
    "Your role manages accounts, sync and backups; student records are not available to it."
)
DEBOUNCE_MS = 150
#: Initial column widths, in average characters.
_WIDTHS = {
    Column.NAME: 30,
    Column.PREFERRED: 12,
    Column.BORN: 13,
    Column.AGE: 6,
    Column.GRADE: 7,
    Column.SCHOOL: 9,
}


class RosterWindow(QMainWindow):
    """Search the roster; Enter on a row emits ``student_activated(uuid)``."""

    student_activated = Signal(object)  # uuid.UUID
    #: A search's results are in the table (argument: the number of rows shown).
    results_shown = Signal(int)
    #: The window closed; True when the user chose to sign out (not to quit).
    closed = Signal(bool)

    def __init__(
        self, session: ClinicSession, *, site_name: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.site_name = site_name if site_name is not None else _site_name(session)
        self.signing_out = False
        self._serial = 0
        self.can_search = session.can(Permission.SEARCH_STUDENTS)
        self.setWindowTitle(f"{self.site_name or 'Clinic'} — Clinic Desktop")
        self.setWindowIcon(style.app_icon())
        self.resize(1180, 720)
        self.model = RosterModel(session.now().date(), self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self._build()
        self._restore_state()
        if self.can_search:
            self.run_search()
        else:
            self.show_no_access()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self._build_menus()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(style.MARGIN, style.MARGIN - 4, style.MARGIN, style.SPACING)
        layout.setSpacing(style.SPACING + 4)
        layout.addLayout(self._build_header())
        self.pages = QStackedWidget()
        self.roster_page = self._build_roster_page()
        self.no_access_panel = _no_access_panel()
        self.pages.addWidget(self.roster_page)
        self.pages.addWidget(self.no_access_panel)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_status_bar()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.sign_out_action = QAction("Sign &out", self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.sign_out_action.triggered.connect(self.sign_out)
        file_menu.addAction(self.sign_out_action)
        file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Clinic Desktop", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_header(self) -> QHBoxLayout:
        icon = QLabel()
        icon.setPixmap(style.app_icon().pixmap(40, 40))
        titles = QVBoxLayout()
        titles.setSpacing(0)
        title = style.heading(self.site_name or "Clinic Desktop", 1.4)
        title.setObjectName("siteTitle")
        titles.addWidget(title)
        titles.addWidget(style.secondary("Students", wrap=False))
        row = QHBoxLayout()
        row.setSpacing(style.SPACING + 4)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(titles, 1)
        return row

    def _build_roster_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(style.SPACING)
        column.addLayout(self._build_search_row())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.table = self._build_table()
        self.pane = StudentPane(self.model.today)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([820, 300])
        column.addWidget(self.splitter, 1)
        return page

    def _build_search_row(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setFont(style.scaled_font(self.search, 1.1))
        self.search.setMinimumHeight(self.search.fontMetrics().height() + 16)
        self.search.textChanged.connect(self._debounce.start)
        self.search.installEventFilter(self)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.focus_search)
        self.count_label = style.secondary(wrap=False)
        self.count_label.setObjectName("resultCount")
        self.count_label.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout()
        row.setSpacing(style.SPACING * 2)
        row.addWidget(self.search, 1)
        row.addWidget(self.count_label)
        return row

    def _build_table(self) -> QTableView:
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        table = QTableView()
        table.setObjectName("roster")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        char = table.fontMetrics().averageCharWidth()
        for column, chars in _WIDTHS.items():
            table.setColumnWidth(column, chars * char + 24)
        table.activated.connect(self._activate)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.installEventFilter(self)
        return table

    def _build_status_bar(self) -> None:
        user = self.session.user
        self.user_label = QLabel(f"Signed in as {user.display_name} ({user.role.label})")
        self.user_label.setObjectName("signedInUser")
        self.site_status = QLabel(self.site_name)
        self.site_status.setObjectName("siteStatus")
        bar = self.statusBar()
        bar.setSizeGripEnabled(True)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(_separator())
        bar.addPermanentWidget(self.site_status)

    # --- searching -----------------------------------------------------------------------

    def run_search(self) -> None:
        """Search for the current text now; only the newest search may fill the table."""
        self._debounce.stop()
        self._serial += 1
        serial = self._serial
        student_ops.search_students(
            parent=self, session=self.session, query=self.search.text()
        ).success(lambda result: self.show_results(serial, result)).known_error(
            lambda exc: self._search_refused(serial, exc)
        ).run_in_background()

    def show_results(self, serial: int, result: student_ops.SearchResult) -> None:
        if serial != self._serial:
            return  # an older query answered late: the newer one owns the table
        selected = self.selected_student()
        self.model.set_students(result.students)
        self.count_label.setText(_count_text(result))
        self._reselect(selected)
        self.results_shown.emit(len(result.students))

    def _search_refused(self, serial: int, exc: ClinicError) -> None:
        if isinstance(exc, PermissionDeniedError):
            self.show_no_access()
        elif serial == self._serial:
            self.count_label.setText("Search failed")
            self.statusBar().showMessage(exc.message, 8000)

    def show_no_access(self) -> None:
        self.can_search = False
        self._debounce.stop()
        self.pages.setCurrentWidget(self.no_access_panel)

    # --- keyboard and selection ---------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_table(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.focus_table()
            return True
        if watched is self.search and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._debounce.isActive():
                self.run_search()
            else:
                self.focus_table()
            return True
        if watched is self.table and key == Qt.Key.Key_Up and self.table.currentIndex().row() == 0:
            self.focus_search()
            return True
        return super().eventFilter(watched, event)

    def selected_student(self) -> StudentSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self._student_at(rows[0]) if rows else None

    def _student_at(self, index: QModelIndex) -> StudentSummary:
        return self.model.student(self.proxy.mapToSource(index).row())

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.pane.show_student(self.selected_student())

    def _reselect(self, previous: StudentSummary | None) -> None:
        rows = [s.id for s in self.model.students()]
        if previous is None or previous.id not in rows:
            self.pane.show_student(None)
            return
        index = self.proxy.mapFromSource(self.model.index(rows.index(previous.id), 0))
        self.table.selectRow(index.row())

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        student = self._student_at(index)
        self.statusBar().showMessage("Charts open here in a coming version.", 5000)
        self.student_activated.emit(student.id)

    # --- window --------------------------------------------------------------------------

    def sign_out(self) -> None:
        self.signing_out = True
        self.close()

    def show_about(self) -> None:
        dialogs.info(
            self,
            "About Clinic Desktop",
            f"Clinic Desktop {__version__}\n\n"
            "An offline, encrypted clinical record for school-based health centers.\n\n"
            f"Qt {qVersion()} · PySide6 {pyside_version}",
        )

    def _restore_state(self) -> None:
        stored = ui_settings.ui_settings(self.session.paths)
        for key, restore in (
            ("roster/geometry", self.restoreGeometry),
            ("roster/splitter", self.splitter.restoreState),
            ("roster/header", self.table.horizontalHeader().restoreState),
        ):
            value = stored.value(key)
            if isinstance(value, QByteArray):
                restore(value)

    def _save_state(self) -> None:
        if not self.session.paths.root.exists():
            return
        stored = ui_settings.ui_settings(self.session.paths)
        stored.setValue("roster/geometry", self.saveGeometry())
        stored.setValue("roster/splitter", self.splitter.saveState())
        stored.setValue("roster/header", self.table.horizontalHeader().saveState())
        ui_settings.save(stored, self.session.paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._debounce.stop()
        self._save_state()
        operations.wait_for_idle()
        super().closeEvent(event)
        self.closed.emit(self.signing_out)


def _site_name(session: ClinicSession) -> str:
    return str(site_service.site_setting(session, "site_name", "") or "")


def _count_text(result: student_ops.SearchResult) -> str:
    count = len(result.students)
    if not result.query.strip():
        if result.more:
            return f"First {count} students"
        return f"{count} student" if count == 1 else f"{count} students"
    if result.more:
        return f"More than {count} matches"
    if count == 0:
        return "No matches"
    return "1 match" if count == 1 else f"{count} matches"


def _no_access_panel() -> QWidget:
    panel = QWidget()
    panel.setObjectName("noAccess")
    column = QVBoxLayout(panel)
    column.setContentsMargins(style.MARGIN * 3, style.MARGIN * 3, style.MARGIN * 3, style.MARGIN)
    column.addStretch(1)
    icon = QLabel()
    icon.setPixmap(style.app_icon().pixmap(64, 64))
    icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
    column.addWidget(icon)
    column.addSpacing(style.SPACING)
    title = style.heading("Student records are not available to your role", 1.3)
    title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    column.addWidget(title)
    text = style.secondary(NO_ACCESS_TEXT)
    text.setObjectName("noAccessText")
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    column.addWidget(text)
    column.addStretch(2)
    return panel


def _separator() -> QLabel:
    label = style.secondary("·", wrap=False)
    label.setContentsMargins(4, 0, 4, 0)
    return label
