"""The workspace: one main window per signed-in session.

Clinical roles (clinician, nurse) get the roster at the left and, at the right, the
Today view (the start page) or the chart of the student opened from the roster. Roles
without chart access (IT, administrator) get the accounts and upkeep area instead; the
services refuse them charts anyway, the window only mirrors that.

The window never runs a query itself: panes and models start ``Operation``s. It owns the
menus, toolbar and shortcuts, opens the data-entry dialogs (visit, student, roster
import) and keeps the status bar (who, where, how old the last backup and sync are). It
does not refresh what a dialog changed: each view reloads on the change notice
(``ui.changes``). Locking is the ``ScreenLock``'s job; the window only asks
for it (``lock_requested``, ``switch_user_requested``).

The window title never names a student: titles show in task bars and window switchers.
"""

from __future__ import annotations

import uuid
from typing import Any

import shiboken6
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, Qt, QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop import __version__
from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.records import StudentSummary
from clinic_desktop.domain.roles import Permission, Role
from clinic_desktop.errors import ClinicError
from clinic_desktop.services import site as site_service
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.site import MaintenanceStatus
from clinic_desktop.ui import changes, dialogs, i18n, operations, style
from clinic_desktop.ui import settings as ui_settings
from clinic_desktop.ui.backup_panel import BackupPanel
from clinic_desktop.ui.chart_view import ChartView
from clinic_desktop.ui.consent_packet_dialog import consent_packet_action
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.operations import site as site_ops
from clinic_desktop.ui.operations import visits as visit_ops
from clinic_desktop.ui.print_menu import PrintMenu
from clinic_desktop.ui.roster_pane import RosterPane
from clinic_desktop.ui.settings_dialog import settings_action
from clinic_desktop.ui.sync_panel import SyncPanel
from clinic_desktop.ui.tabs.maintenance import maintenance_tabs
from clinic_desktop.ui.tabs.users import UsersTab
from clinic_desktop.ui.today_view import TodayView
from clinic_desktop.ui.widgets.language import LanguageMenu

#: How often the status bar asks for the age of the last backup and sync.
MAINTENANCE_REFRESH_MS = 5 * 60_000


class MainWindow(QMainWindow):
    """The signed-in workspace; ``closed(sign_out)`` tells the launcher what comes next."""

    #: The window closed; True when the user chose to sign out (not to quit).
    closed = Signal(bool)
    #: Ctrl+L or the toolbar's Lock.
    lock_requested = Signal()
    #: File > Switch user.
    switch_user_requested = Signal()
    #: View > Language: the user picked a language (``i18n`` choice code).
    language_requested = Signal(str)
    #: A chart's header is on screen (argument: ``ChartHeader``).
    chart_opened = Signal(object)
    #: An administrator saved the Settings dialog (argument: ``AdminSettings``).
    settings_changed = Signal(object)

    def __init__(
        self, session: ClinicSession, *, site_name: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.site_name = site_name if site_name is not None else _site_name(session)
        self.signing_out = False
        self.has_charts = session.can(Permission.VIEW_CHART)
        self.can_record = session.can(Permission.RECORD_NURSING_VISIT) or session.can(
            Permission.RECORD_CLINICAL_VISIT
        )
        self.visit_dialogs: dict[uuid.UUID, Any] = {}
        self.partner_window: QWidget | None = None
        self.maintenance: MaintenanceStatus | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(
            self.tr("{site} — Clinic Desktop").format(site=self.site_name or self.tr("Clinic"))
        )
        self.setWindowIcon(style.app_icon())
        self.setStyleSheet(style.workspace_stylesheet(self))
        self._initial_size()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_central()
        self._build_printing()
        self._build_status_bar()
        self._restore_state()
        self._maintenance_timer = QTimer(self)
        self._maintenance_timer.setInterval(MAINTENANCE_REFRESH_MS)
        self._maintenance_timer.timeout.connect(self.refresh_maintenance)
        self._maintenance_timer.start()
        changes.subscribe(
            self, {Change.SYNC, Change.BACKUP}, lambda _changed: self.refresh_maintenance()
        )
        self.refresh_maintenance()
        self._start()

    def _initial_size(self) -> None:
        """Most of the screen on first start (later starts restore the saved geometry)."""
        screen = self.screen().availableGeometry()
        width = min(max(style.chars(self, 150), screen.width() * 9 // 10), style.chars(self, 260))
        height = min(max(style.em(self, 40), screen.height() * 9 // 10), style.em(self, 70))
        self.resize(min(width, screen.width()), min(height, screen.height()))

    # --- actions, menus, toolbar ---------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcut: Any = None, *, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}")
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even with the toolbar hidden
        return action

    def _build_actions(self) -> None:
        self.today_action = self._action(
            self.tr("&Today"),
            self.show_today,
            "Alt+Home",
            tip=self.tr("Today's visits, follow-ups and flags"),
        )
        self.find_action = self._action(
            self.tr("&Find student"), self.focus_search, QKeySequence.StandardKey.Find
        )
        self.new_visit_action = self._action(
            self.tr("&New visit…"),
            self.new_visit,
            QKeySequence.StandardKey.New,
            tip=self.tr("Record a visit for the open chart"),
        )
        self.new_screening_action = self._action(
            self.tr("New &screening…"),
            self.new_screening,
            "Ctrl+Shift+S",
            tip=self.tr("Administer a screening to the open chart's student"),
        )
        self.new_referral_action = self._action(
            self.tr("New &referral…"),
            self.new_referral,
            tip=self.tr("Refer the open chart's student to a partner"),
        )
        self.partners_action = self._action(
            self.tr("&Partner directory…"),
            self.show_partners,
            tip=self.tr("Search and keep the partner agencies"),
        )
        self.new_student_action = self._action(
            self.tr("New s&tudent…"),
            self.new_student,
            "Ctrl+Shift+N",
            tip=self.tr("Add a student to the roster"),
        )
        self.edit_student_action = self._action(
            self.tr("&Edit student and guardians…"), self.edit_student, "Ctrl+E"
        )
        self.import_action = self._action(
            self.tr("&Import roster…"),
            self.import_roster,
            tip=self.tr("Import the district's roster (CSV)"),
        )
        self.refresh_action = self._action(
            self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh
        )
        self.lock_action = self._action(
            self.tr("&Lock screen"),
            self.lock_requested.emit,
            "Ctrl+L",
            tip=self.tr("Hide student information now"),
        )
        self.switch_user_action = self._action(
            self.tr("S&witch user…"), self.switch_user_requested.emit, "Ctrl+Shift+U"
        )
        self.sign_out_action = self._action(self.tr("Sign &out"), self.sign_out, "Ctrl+Shift+L")
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action = self._action(self.tr("&About Clinic Desktop"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        may = self.session.can
        for action, allowed in (
            (self.today_action, self.has_charts),
            (self.find_action, may(Permission.SEARCH_STUDENTS)),
            (self.new_visit_action, self.has_charts and self.can_record),
            (self.new_screening_action, self.has_charts and self.can_record),
            (self.new_referral_action, self.has_charts and may(Permission.MANAGE_REFERRALS)),
            (self.partners_action, may(Permission.VIEW_PARTNERS)),
            (self.new_student_action, may(Permission.EDIT_DEMOGRAPHICS)),
            (self.edit_student_action, may(Permission.EDIT_DEMOGRAPHICS)),
            (self.import_action, may(Permission.IMPORT_ROSTER)),
        ):
            action.setVisible(allowed)
            action.setEnabled(allowed)
        for action in (self.new_visit_action, self.new_screening_action, self.new_referral_action):
            action.setEnabled(False)  # until a chart is open
        self.edit_student_action.setEnabled(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for action in (
            self.new_visit_action,
            self.new_screening_action,
            self.new_referral_action,
            self.new_student_action,
            self.import_action,
        ):
            file_menu.addAction(action)
        if self.session.can(Permission.MANAGE_SETTINGS):
            file_menu.addSeparator()
            file_menu.addAction(settings_action(self, self.session, self.settings_changed.emit))
        file_menu.addSeparator()
        for action in (self.lock_action, self.switch_user_action, self.sign_out_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        if self.has_charts:
            edit_menu = bar.addMenu(self.tr("&Edit"))
            edit_menu.addAction(self.find_action)
            edit_menu.addAction(self.edit_student_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.today_action)
        view_menu.addAction(self.partners_action)
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        self.language_menu = LanguageMenu(i18n.saved_choice(self.session.paths), self)
        self.language_menu.chosen.connect(self.language_requested)
        view_menu.addMenu(self.language_menu)
        self.view_menu = view_menu
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setAccessibleName(self.tr("Main toolbar"))
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.today_action,
            self.new_visit_action,
            self.new_student_action,
            self.refresh_action,
        ):
            if action.isVisible():
                toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.lock_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar
        self.view_menu.addSeparator()
        self.view_menu.addAction(toolbar.toggleViewAction())

    # --- central area --------------------------------------------------------------------

    def _build_central(self) -> None:
        if self.has_charts:
            self.setCentralWidget(self._build_workspace())
        else:
            self.setCentralWidget(self._build_admin_area())

    def _build_workspace(self) -> QWidget:
        self.roster = RosterPane(self.session)
        self.roster.student_activated.connect(self.open_student)
        self.today_view = TodayView(self.session)
        self.today_view.student_activated.connect(self.open_student)
        self.chart_view = ChartView(self.session)
        self.chart_view.opened.connect(self._chart_opened)
        self.chart_view.edit_requested.connect(self.edit_student)
        self.chart_view.records_changed.connect(self._chart_records_changed)
        self.chart_view.visit_requested.connect(self.open_visit)
        self.today_view.visit_activated.connect(self._open_unsigned_note)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.today_view)
        self.pages.addWidget(self.chart_view)
        roster_box = QWidget()
        roster_box.setObjectName("rosterBox")
        column = QVBoxLayout(roster_box)
        column.setContentsMargins(style.SPACING, style.SPACING + 4, 4, style.SPACING)
        column.setSpacing(style.SPACING // 2)
        column.addWidget(style.heading(self.tr("Students"), 1.1))
        column.addWidget(self.roster, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("workspaceSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(roster_box)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([style.chars(self, 52), style.chars(self, 140)])
        roster_box.setMinimumWidth(style.chars(self, 30))
        return self.splitter

    def _build_admin_area(self) -> QWidget:
        self.admin_tabs = QTabWidget()
        self.admin_tabs.setObjectName("adminTabs")
        self.admin_tabs.setAccessibleName(self.tr("Administration"))
        self.admin_tabs.setDocumentMode(True)
        self.users_tab = UsersTab(self.session)
        self.users_tab.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.admin_tabs.addTab(self.users_tab, self.tr("&Users"))
        if self.session.user.role == Role.IT:
            self._add_maintenance_tabs()
        return self.admin_tabs

    def _add_maintenance_tabs(self) -> None:
        """IT's Sync and Backup panels, after Users."""
        for tab, title in maintenance_tabs(self.session):
            if isinstance(tab, SyncPanel | BackupPanel):
                tab.message.connect(self._status_message)
            self.admin_tabs.addTab(tab, title)

    # --- printing (the Print menu and toolbar button act on the open chart) ---------------

    def _build_printing(self) -> None:
        """The Print menu (before View), a Print button on the toolbar, and the chart
        tabs' print requests; roles without charts print nothing."""
        if not self.has_charts:
            return
        self.print_menu = PrintMenu(self.session, self)
        self.print_menu.message.connect(self._status_message)
        packet = consent_packet_action(self, self.session, self.roster.search.text)
        self.print_menu.insertAction(self.print_menu.blank_menu.menuAction(), packet)
        self.menuBar().insertMenu(self.view_menu.menuAction(), self.print_menu)
        button = QToolButton()
        button.setObjectName("printButton")
        button.setText(self.tr("Print"))
        button.setAccessibleName(self.tr("Print"))
        button.setToolTip(self.tr("Print a form for the open chart, or a blank form"))
        button.setMenu(self.print_menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_button = button
        self.toolbar.insertWidget(self.refresh_action, button)
        self.chart_opened.connect(self._sync_print_menu)
        self.pages.currentChanged.connect(self._sync_print_menu)
        self.chart_view.print_requested.connect(self.print_menu.print_request)

    def _sync_print_menu(self, *_changed: object) -> None:
        """The Print menu follows the chart on screen (none while Today is shown)."""
        student = self.chart_view.student if self.chart_is_open() else None
        self.print_menu.set_student(student.id if student is not None else None)

    def _status_message(self, text: str) -> None:
        """A panel's sentence (printing, sync) in the status bar for a few seconds."""
        self.statusBar().showMessage(text, 6000)

    def _start(self) -> None:
        if self.has_charts:
            self.roster.run_search()
            self.today_view.refresh()
            self.roster.focus_search()
        else:
            self.users_tab.refresh()

    # --- status bar ----------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        user = self.session.user
        self.user_label = QLabel(
            self.tr("Signed in as {user}").format(
                user=i18n.user_with_role(user.display_name, user.role.label)
            )
        )
        self.user_label.setObjectName("signedInUser")
        self.site_status = QLabel(self.site_name)
        self.site_status.setObjectName("siteStatus")
        self.backup_label = QLabel(self.tr("Last backup: …"))
        self.backup_label.setObjectName("backupStatus")
        self.sync_label = QLabel(self.tr("Last sync: …"))
        self.sync_label.setObjectName("syncStatus")
        bar = self.statusBar()
        bar.setSizeGripEnabled(True)
        self.permanent_status: list[QLabel] = []
        for position, label in enumerate(
            (self.user_label, self.site_status, self.backup_label, self.sync_label)
        ):
            if position:
                self.permanent_status.append(_separator())
                bar.addPermanentWidget(self.permanent_status[-1])
            label.setAccessibleName(label.objectName())
            bar.addPermanentWidget(label)
            self.permanent_status.append(label)
        bar.messageChanged.connect(self._make_room_for_message)

    def _make_room_for_message(self, message: str) -> None:
        """A temporary message gets the whole status bar while it shows: Qt draws it only
        left of the permanent labels, which cut a longer (Spanish) sentence off."""
        for widget in self.permanent_status:
            widget.setVisible(not message)

    def refresh_maintenance(self) -> None:
        site_ops.maintenance_status(parent=self, session=self.session).success(
            self.show_maintenance
        ).known_error(lambda _exc: None).run_in_background()

    def show_maintenance(self, status: MaintenanceStatus) -> None:
        self.maintenance = status
        now = self.session.now()
        self.backup_label.setText(
            self.tr("Last backup: {age}").format(age=formats.age_of(status.last_backup_at, now))
        )
        self.sync_label.setText(
            self.tr("Last sync: {age}").format(age=formats.age_of(status.last_sync_at, now))
        )
        tone = "warning" if status.backup_overdue else "muted"
        style.set_tone(self.backup_label, tone)
        font = self.backup_label.font()
        font.setBold(status.backup_overdue)
        self.backup_label.setFont(font)
        self.backup_label.setToolTip(
            self.tr("The last backup is older than the site's reminder: ask IT to take one.")
            if status.backup_overdue
            else ""
        )

    # --- navigation ----------------------------------------------------------------------

    def show_today(self) -> None:
        if not self.has_charts:
            return
        self.pages.setCurrentWidget(self.today_view)
        self.today_view.refresh()
        self._update_chart_actions()

    def open_student(self, student: StudentSummary) -> None:
        """Open ``student``'s chart (just show it again if it is the one already open)."""
        current = self.chart_view.student
        if current is None or current.id != student.id:
            self.chart_view.show_student(student)
        self.pages.setCurrentWidget(self.chart_view)
        self._update_chart_actions()

    def focus_search(self) -> None:
        if self.has_charts:
            self.roster.focus_search()

    def refresh(self) -> None:
        """F5: reload what is on screen."""
        self.refresh_maintenance()
        if not self.has_charts:
            self.users_tab.refresh()
            return
        self.roster.refresh()
        if self.chart_is_open():
            self.chart_view.refresh()
        else:
            self.today_view.refresh()

    def chart_is_open(self) -> bool:
        return (
            self.has_charts
            and self.pages.currentWidget() is self.chart_view
            and self.chart_view.student is not None
        )

    def _chart_opened(self, header: object) -> None:
        self._update_chart_actions()
        self.chart_opened.emit(header)

    def _update_chart_actions(self) -> None:
        open_ = self.chart_is_open()
        self.new_visit_action.setEnabled(open_ and self.can_record)
        self.new_screening_action.setEnabled(open_ and self.chart_view.can_screen)
        self.new_referral_action.setEnabled(open_ and self.chart_view.can_refer)
        self.edit_student_action.setEnabled(
            open_ and self.session.can(Permission.EDIT_DEMOGRAPHICS)
        )

    # --- data-entry dialogs (B's) --------------------------------------------------------

    def new_visit(self) -> None:
        """Ctrl+N: record a visit for the open chart's student (one dialog per student)."""
        if not self.chart_is_open() or not self.can_record:
            return
        student = self.chart_view.student
        assert student is not None
        existing = self.visit_dialogs.get(student.id)
        if existing is not None and shiboken6.isValid(existing):
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return
        from clinic_desktop.ui.visit_dialog import VisitDialog  # loaded on first use

        dialog = VisitDialog(self.session, student, parent=self, clock=self.session.clock)
        dialog.visit_saved.connect(self._visit_saved)
        dialog.open_existing.connect(self.open_visit)
        dialog.finished.connect(lambda _result, key=student.id: self._visit_dialog_done(key))
        self.visit_dialogs[student.id] = dialog
        dialog.open()

    def _open_unsigned_note(self, note: Any) -> None:
        """Today's "My unsigned notes": the student's chart, then the visit to finish."""
        self.open_student(note.student)
        self.open_visit(note.visit_id)

    def open_visit(self, visit_id: uuid.UUID) -> None:
        """Open a visit: the user's own draft in the visit dialog (to finish and sign),
        anything else as its read-only record with signature and addenda."""
        visit_ops.get_visit(parent=self, session=self.session, visit_id=visit_id).success(
            self.show_visit
        ).known_error(self._visit_unavailable).run_in_background()

    def show_visit(self, visit: Any) -> None:
        student = self.chart_view.student
        if student is None or student.id != visit.student_id:
            return  # the chart moved on to another student meanwhile
        from clinic_desktop.ui.visit_dialog import VisitDialog  # loaded on first use
        from clinic_desktop.ui.visit_record_dialog import VisitRecordDialog

        mine = visit.author_id == self.session.user.id
        existing = self.visit_dialogs.get(student.id)
        if existing is not None and shiboken6.isValid(existing) and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return
        if not visit.signed and mine and self.can_record:
            dialog = VisitDialog(
                self.session, student, parent=self, clock=self.session.clock, visit=visit
            )
            dialog.visit_saved.connect(self._visit_saved)
        else:
            dialog = VisitRecordDialog(self.session, visit, student, parent=self)
        dialog.finished.connect(lambda _result, key=student.id: self._visit_dialog_done(key))
        self.visit_dialogs[student.id] = dialog
        dialog.open()

    def _visit_unavailable(self, exc: Any) -> None:
        self.statusBar().showMessage(i18n.translate_message(exc.message), 8000)

    def _visit_saved(self, _visit: Any) -> None:
        """The chart and Today reload on the change notice; the status bar says so."""
        self.statusBar().showMessage(self.tr("Visit saved."), 6000)

    def _visit_dialog_done(self, student_id: uuid.UUID) -> None:
        dialog = self.visit_dialogs.pop(student_id, None)
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.deleteLater()

    # --- screenings, referrals, partners (the chart owns their dialogs) -------------------

    def new_screening(self) -> None:
        """Ctrl+Shift+S: administer a screening to the open chart's student."""
        if self.chart_is_open():
            self.chart_view.new_screening()

    def new_referral(self) -> None:
        if self.chart_is_open():
            self.chart_view.new_referral()

    def _chart_records_changed(self) -> None:
        """A screening, flag action, referral or consent was saved from the chart (the
        views showing it reload on the change notice)."""
        self.statusBar().showMessage(self.tr("Saved."), 6000)

    def show_partners(self) -> None:
        """The partner directory, one window per session (raised if already open)."""
        if not self.session.can(Permission.VIEW_PARTNERS):
            return
        if self.partner_window is None or not shiboken6.isValid(self.partner_window):
            from clinic_desktop.ui.partner_window import PartnerWindow

            self.partner_window = PartnerWindow(self.session, self)
        self.partner_window.show()
        self.partner_window.raise_()
        self.partner_window.activateWindow()

    def new_student(self) -> None:
        if not self.session.can(Permission.EDIT_DEMOGRAPHICS):
            return
        from clinic_desktop.ui.student_dialog import StudentDialog

        dialog = StudentDialog(self.session, None, parent=self)
        dialog.student_saved.connect(self._student_added)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def edit_student(self) -> None:
        if not self.chart_is_open() or not self.session.can(Permission.EDIT_DEMOGRAPHICS):
            return
        student = self.chart_view.student
        assert student is not None
        from clinic_desktop.ui.student_dialog import StudentDialog

        dialog = StudentDialog(self.session, student.id, parent=self)
        dialog.student_saved.connect(self._student_edited)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def _student_added(self, student: StudentSummary) -> None:
        self.statusBar().showMessage(self.tr("Student added."), 6000)
        self.open_student(student)

    def _student_edited(self, _student: StudentSummary) -> None:
        """The roster and the chart reload on the change notice."""
        self.statusBar().showMessage(self.tr("Student saved."), 6000)

    def import_roster(self) -> None:
        if not self.session.can(Permission.IMPORT_ROSTER):
            return
        from clinic_desktop.ui.roster_import_dialog import RosterImportDialog

        dialog = RosterImportDialog(self.session, parent=self)
        dialog.imported.connect(self._roster_imported)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def _roster_imported(self, _report: object) -> None:
        self.statusBar().showMessage(self.tr("Roster imported."), 6000)

    # --- window --------------------------------------------------------------------------

    def sign_out(self) -> None:
        self.signing_out = True
        self.close()

    def show_about(self) -> None:
        dialogs.info(
            self,
            self.tr("About Clinic Desktop"),
            self.tr(
                "Clinic Desktop {version}\n\n"
                "An offline, encrypted clinical record for school-based health centers.\n\n"
                "Qt {qt} · PySide6 {pyside}"
            ).format(version=__version__, qt=qVersion(), pyside=pyside_version),
        )

    def _state_targets(self) -> dict[str, tuple[Any, Any]]:
        targets = {
            "main/geometry": (self.saveGeometry, self.restoreGeometry),
            "main/state": (self.saveState, self.restoreState),
        }
        if self.has_charts:
            targets["main/splitter"] = (self.splitter.saveState, self.splitter.restoreState)
        return targets

    def _restore_state(self) -> None:
        stored = ui_settings.ui_settings(self.session.paths)
        for key, (_save, restore) in self._state_targets().items():
            value = stored.value(key)
            if isinstance(value, QByteArray):
                restore(value)

    def _save_state(self) -> None:
        if not self.session.paths.root.exists():
            return
        stored = ui_settings.ui_settings(self.session.paths)
        for key, (save, _restore) in self._state_targets().items():
            stored.setValue(key, save())
        ui_settings.save(stored, self.session.paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._maintenance_timer.stop()
        if self.has_charts:
            self.roster.stop()
        self._save_state()
        operations.wait_for_idle()
        super().closeEvent(event)
        self.closed.emit(self.signing_out)


def _site_name(session: ClinicSession) -> str:
    try:
        return str(site_service.site_setting(session, "site_name", "") or "")
    except ClinicError:
        return ""


def _separator() -> QLabel:
    label = style.secondary("·", wrap=False)
    label.setContentsMargins(4, 0, 4, 0)
    return label
