"""The workspace: roster search, keyboard-only chart opening, Ctrl+N, state, status bar."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.visits import VisitType
from clinic_desktop.services import drafts, students, visits
from clinic_desktop.services.site import MaintenanceStatus
from clinic_desktop.ui import changes, operations
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.operations import students as student_ops
from clinic_desktop.ui.roster_pane import count_text
from tests.factories import student, visit

TIMEOUT = 5000
CTRL = Qt.KeyboardModifier.ControlModifier
#: B's visit dialog has a completer popup the offscreen platform cannot raise or grab.
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")

#: What saving or importing students announces.
SAVE_STUDENT = frozenset({Change.STUDENTS})


def fields(dialog):
    """The visit dialog's inputs (B keeps them on a form object inside the dialog)."""
    return getattr(dialog, "form", dialog)


@pytest.fixture
def roster(clinician):
    students.create_student(clinician, student())
    students.create_student(
        clinician,
        student(first_name="Ana", last_name="Smith", district_id="D1000002", preferred_name=""),
    )
    return clinician


def open_window(qtbot, session) -> MainWindow:
    """A shown main window; its background work is waited for at teardown."""
    window = MainWindow(session, site_name="Lincoln High School Health Center")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


def names(window: MainWindow) -> list[str]:
    model = window.roster.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def wait_for_count(qtbot, window: MainWindow, text: str) -> None:
    qtbot.waitUntil(lambda: window.roster.count_label.text() == text, timeout=TIMEOUT)


def open_chart_by_keyboard(qtbot, window: MainWindow, query: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.roster.search.hasFocus, timeout=TIMEOUT)
    qtbot.keyClicks(window.roster.search, query)
    wait_for_count(qtbot, window, "1 match")
    qtbot.keyClick(window.roster.search, Qt.Key.Key_Down)
    assert window.roster.list.hasFocus()
    with qtbot.waitSignal(window.chart_opened, timeout=TIMEOUT):
        qtbot.keyClick(window.roster.list, Qt.Key.Key_Return)


def test_lists_the_roster_with_title_count_and_signed_in_user(qtbot, roster):
    window = open_window(qtbot, roster)
    wait_for_count(qtbot, window, "2 students")
    assert window.windowTitle() == "Lincoln High School Health Center — Clinic Desktop"
    # The service's order (by stored last name); see the report on accent-aware sorting.
    assert names(window) == ["Ñúñez, José (Pepe)", "Smith, Ana"]  # Ñ sorts under N
    row = names(window).index("Ñúñez, José (Pepe)")
    detail = window.roster.model.index(row, 0).data(Qt.ItemDataRole.UserRole + 3)
    assert detail == "03/14/2010 (age 16) · grade 10 · LHS"
    assert window.user_label.text() == "Signed in as Clinician (Clinician)"
    assert window.site_status.text() == "Lincoln High School Health Center"


def test_search_and_open_a_chart_by_keyboard_only(qtbot, roster, site):
    [pupil] = students.search_students(roster, "Ñúñez")
    visits.record_visit(roster, pupil.id, visit(site.clock() - timedelta(hours=1)))
    window = open_window(qtbot, roster)
    assert window.pages.currentWidget() is window.today_view
    assert not window.new_visit_action.isEnabled()
    open_chart_by_keyboard(qtbot, window, "nunez")
    assert window.pages.currentWidget() is window.chart_view
    assert window.chart_view.name_label.text() == "José Ñúñez  “Pepe”"
    assert window.chart_view.facts_label.text().startswith("Age 16  ·  Grade 10  ·  LHS")
    assert "Spanish" in window.chart_view.facts_label.text()
    qtbot.waitUntil(lambda: len(window.chart_view.timeline_tab.rows()) == 1, timeout=TIMEOUT)
    assert window.chart_view.timeline_tab.rows()[0].title == "Nursing visit: Headache"
    assert window.new_visit_action.isEnabled()
    # Up on the first row returns to the search field; the date of birth finds too.
    window.roster.focus_list()
    qtbot.keyClick(window.roster.list, Qt.Key.Key_Up)
    assert window.roster.search.hasFocus()
    window.roster.search.clear()
    qtbot.keyClicks(window.roster.search, "03/14/2010")
    wait_for_count(qtbot, window, "1 match")


def test_a_search_with_no_match_says_so(qtbot, roster):
    window = open_window(qtbot, roster)
    qtbot.keyClicks(window.roster.search, "zzz")
    wait_for_count(qtbot, window, "No matches")
    assert window.roster.model.rowCount() == 0
    assert not window.roster.empty_label.isHidden()


def test_stale_pages_never_land_in_a_newer_search(qtbot, roster):
    window = open_window(qtbot, roster)
    wait_for_count(qtbot, window, "2 students")
    model = window.roster.model
    [ana] = students.search_students(roster, "ana")
    old = model._generation - 1
    model._page_arrived(old, [ana])
    assert model.rowCount() == 2


def test_the_roster_pages_through_a_long_list(qtbot, clinician, monkeypatch):
    for n in range(9):
        students.create_student(
            clinician, student(district_id=f"D{n}", last_name=f"Zed{n}", first_name="Amy")
        )
    pages = []
    real = student_ops.search_page
    monkeypatch.setattr(
        student_ops,
        "search_page",
        lambda **kw: pages.append((kw["offset"], kw["limit"])) or real(**kw),
    )
    window = open_window(qtbot, clinician)
    window.roster.model.page_size = 4
    window.roster.run_search()
    wait_for_count(qtbot, window, "9 students")
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == 9, timeout=TIMEOUT)
    assert (0, 4) in pages and (4, 4) in pages and (8, 4) in pages
    assert not window.roster.model.canFetchMore(QModelIndex())


def test_count_text():
    class Loaded:
        def rowCount(self):
            return 100

    assert count_text("", 1, Loaded()) == "1 student"
    assert count_text("", 50000, Loaded()) == "50,000 students"
    assert count_text("a", None, Loaded()) == "100+ matches"
    assert count_text("a", 0, Loaded()) == "No matches"


def test_ctrl_f_focuses_the_search_field(qtbot, roster):
    window = open_window(qtbot, roster)
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == 2, timeout=TIMEOUT)
    window.roster.focus_list()
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.roster.search.hasFocus, timeout=TIMEOUT)


def test_geometry_splitter_and_toolbar_state_are_saved_beside_the_site(qtbot, roster):
    window = open_window(qtbot, roster)
    window.resize(760, 560)  # inside the offscreen screen, which clamps restored sizes
    window.splitter.setSizes([250, 500])
    with qtbot.waitSignal(window.closed) as closed:
        window.sign_out()
    assert closed.args == [True]
    stored = QSettings(str(roster.paths.settings), QSettings.Format.IniFormat)
    for key in ("main/geometry", "main/splitter", "main/state"):
        assert stored.value(key) is not None
    again = open_window(qtbot, roster)
    assert again.size() == window.size()
    assert again.splitter.sizes()[0] == window.splitter.sizes()[0]


def test_status_bar_shows_backup_and_sync_age(qtbot, roster, site):
    window = open_window(qtbot, roster)
    qtbot.waitUntil(lambda: window.maintenance is not None, timeout=TIMEOUT)
    assert window.backup_label.text() == "Last backup: never"
    assert window.sync_label.text() == "Last sync: never"
    assert window.backup_label.font().bold()  # overdue: drawn as a warning
    now = site.clock()
    window.show_maintenance(MaintenanceStatus(now - timedelta(hours=3), None, False))
    assert window.backup_label.text() == "Last backup: 3 hours ago"
    assert not window.backup_label.font().bold()


def test_a_temporary_message_gets_the_whole_status_bar(qtbot, roster):
    window = open_window(qtbot, roster)
    bar = window.statusBar()
    bar.showMessage("Backup saved and verified: a long sentence with a file name in it.")
    assert not any(widget.isVisible() for widget in window.permanent_status)
    assert bar.currentMessage().startswith("Backup saved")
    bar.clearMessage()
    assert all(widget.isVisible() for widget in window.permanent_status)
    assert window.user_label.isVisible()


def test_every_input_button_and_view_has_an_accessible_name(qtbot, roster):
    window = open_window(qtbot, roster)
    _open_pupil(qtbot, window)
    assert unnamed_controls(window) == []


def unnamed_controls(window) -> list[str]:
    """Inputs, buttons and views a screen reader could not name."""
    kinds = (QLineEdit, QAbstractButton, QAbstractItemView, QComboBox, QTabWidget)
    return [
        f"{type(w).__name__} {w.objectName()}"
        for w in window.findChildren(QWidget)
        if isinstance(w, kinds) and not w.accessibleName() and not _inside_qt_internals(w)
    ]


def _inside_qt_internals(widget) -> bool:
    """Parts Qt builds itself (tab scrollers, a table's headers, ...)."""
    container = widget.parentWidget()
    if container is not None and container.metaObject().className() == "QComboBoxPrivateContainer":
        return True  # a combo box's drop-down list: the combo box carries the name
    return widget.objectName().startswith("qt_") or type(widget).__name__ in {
        "QToolButton",
        "QTabBar",
        "QHeaderView",
    }


# --- visits through B's dialog -------------------------------------------------------


def _open_pupil(qtbot, window) -> None:
    open_chart_by_keyboard(qtbot, window, "nunez")


def _new_visit_dialog(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    [dialog] = window.visit_dialogs.values()
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    return dialog


def test_ctrl_n_records_a_visit_and_the_timeline_shows_it(qtbot, roster):
    window = open_window(qtbot, roster)
    _open_pupil(qtbot, window)
    qtbot.waitUntil(lambda: window.chart_view.timeline_model.loaded_once, timeout=TIMEOUT)
    dialog = _new_visit_dialog(qtbot, window)
    assert dialog.student.id == window.chart_view.student.id
    qtbot.mouseClick(fields(dialog).type_buttons[VisitType.NURSING], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(fields(dialog).reason.lineEdit(), "Asthma")
    qtbot.keyClicks(fields(dialog).note, "Inhaler used, breathing eased.")
    with qtbot.waitSignal(dialog.visit_saved, timeout=TIMEOUT):
        qtbot.keyClick(fields(dialog).note, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(
        lambda: (
            [e.title for e in window.chart_view.timeline_tab.rows()] == ["Nursing visit: Asthma"]
        ),
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: window.visit_dialogs == {}, timeout=TIMEOUT)
    assert window.statusBar().currentMessage() == "Visit saved."
    qtbot.waitUntil(lambda: len(window.today_view.texts("visits")) == 1, timeout=TIMEOUT)


def test_a_draft_survives_closing_the_dialog_and_the_app(qtbot, site, roster, prompts):
    window = open_window(qtbot, roster)
    _open_pupil(qtbot, window)
    dialog = _new_visit_dialog(qtbot, window)
    qtbot.mouseClick(fields(dialog).type_buttons[VisitType.NURSING], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(fields(dialog).note, "Typed before the bell")
    prompts.answers["ask_close"] = "keep"  # keep the draft
    dialog.reject()
    assert prompts.take("ask_close")
    qtbot.waitUntil(lambda: window.visit_dialogs == {}, timeout=TIMEOUT)
    # Quit the whole app: window closed, session closed; sign in again the next day.
    window.close()
    operations.wait_for_idle()
    roster_id = window.chart_view.student.id
    with site.sign_in("clinician") as again:
        assert drafts.load_draft(again, "visit", roster_id)["note"] == "Typed before the bell"
        reopened = open_window(qtbot, again)
        _open_pupil(qtbot, reopened)
        restored = _new_visit_dialog(qtbot, reopened)
        assert fields(restored).note.toPlainText() == "Typed before the bell"
        restored.done(0)
        qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
        operations.wait_for_idle()


def test_ctrl_n_does_nothing_without_an_open_chart(qtbot, roster):
    window = open_window(qtbot, roster)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.visit_dialogs == {}
    assert window.findChildren(QDialog) == []


# --- B's student and roster-import dialogs: opened from the menus, changes refreshed ----


def _only_dialog(window, kind):
    dialogs_open = [w for w in window.findChildren(kind) if w.isVisible()]
    assert len(dialogs_open) == 1
    return dialogs_open[0]


def test_new_student_opens_the_student_dialog_and_the_saved_student_s_chart(qtbot, roster):
    from clinic_desktop.ui.student_dialog import StudentDialog

    window = open_window(qtbot, roster)
    wait_for_count(qtbot, window, "2 students")
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = _only_dialog(window, StudentDialog)
    assert dialog.student_id is None
    added = students.create_student(
        roster, student(first_name="Li", last_name="Wei", district_id="D9")
    )
    with qtbot.waitSignal(window.chart_opened, timeout=TIMEOUT):
        dialog.student_saved.emit(added)  # what the dialog emits once it has saved
        changes.announce(SAVE_STUDENT)  # what its operation announces
    dialog.done(0)
    assert window.chart_view.student.id == added.id
    wait_for_count(qtbot, window, "3 students")


def test_edit_student_opens_the_dialog_for_the_open_chart_and_reloads_it(qtbot, roster):
    from clinic_desktop.ui.student_dialog import StudentDialog

    window = open_window(qtbot, roster)
    _open_pupil(qtbot, window)
    pupil = window.chart_view.student
    window.chart_view.tabs.setCurrentWidget(window.chart_view.demographics_tab)
    qtbot.mouseClick(window.chart_view.demographics_tab.edit_button, Qt.MouseButton.LeftButton)
    dialog = _only_dialog(window, StudentDialog)
    assert dialog.student_id == pupil.id
    changed = students.update_student(roster, pupil.id, student(grade="11"))
    with qtbot.waitSignal(window.chart_opened, timeout=TIMEOUT):
        dialog.student_saved.emit(changed)
        changes.announce(SAVE_STUDENT)
    dialog.done(0)
    assert "Grade 11" in window.chart_view.facts_label.text()


def test_import_roster_refreshes_the_roster(qtbot, roster):
    from clinic_desktop.ui.roster_import_dialog import RosterImportDialog

    window = open_window(qtbot, roster)
    wait_for_count(qtbot, window, "2 students")
    window.import_action.trigger()
    dialog = _only_dialog(window, RosterImportDialog)
    students.create_student(roster, student(first_name="Li", last_name="Wei", district_id="D9"))
    dialog.imported.emit(object())
    changes.announce(SAVE_STUDENT)  # what the import's operation announces
    dialog.done(0)
    wait_for_count(qtbot, window, "3 students")
    assert window.statusBar().currentMessage() == "Roster imported."
