import pytest
from PySide6.QtCore import QSettings, Qt

from clinic_desktop.services import students
from clinic_desktop.ui import roster_window
from clinic_desktop.ui.models.roster_model import Column
from clinic_desktop.ui.operations.students import SearchResult
from clinic_desktop.ui.roster_window import RosterWindow
from tests.factories import student

TIMEOUT = 5000


@pytest.fixture
def roster(clinician):
    students.create_student(clinician, student())
    students.create_student(
        clinician,
        student(first_name="Ana", last_name="Smith", district_id="D1000002", preferred_name=""),
    )
    return clinician


def _window(qtbot, session) -> RosterWindow:
    window = RosterWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _cell(window: RosterWindow, row: int, column: Column) -> str:
    return window.proxy.index(row, column).data()


def test_lists_the_roster_with_title_count_and_signed_in_user(qtbot, roster):
    window = _window(qtbot, roster)
    qtbot.waitUntil(lambda: window.count_label.text() == "2 students", timeout=TIMEOUT)
    assert window.windowTitle() == "Lincoln High School Health Center — Clinic Desktop"
    # Sorted as staff read names: "Ñúñez" files under N, before "Smith".
    assert [_cell(window, r, Column.NAME) for r in range(2)] == [
        "Ñúñez, José (Pepe)",
        "Smith, Ana",
    ]
    assert _cell(window, 0, Column.PREFERRED) == "Pepe"
    assert _cell(window, 0, Column.BORN) == "03/14/2010"
    assert _cell(window, 0, Column.AGE) == "16"
    assert _cell(window, 0, Column.GRADE) == "10"
    assert _cell(window, 0, Column.SCHOOL) == "LHS"
    assert _cell(window, 0, Column.DISTRICT_ID) == "D1000001"
    assert window.user_label.text() == "Signed in as Clinician (Clinician)"
    assert window.site_status.text() == "Lincoln High School Health Center"


def test_search_as_you_type_then_down_and_enter_activates_the_student(qtbot, roster):
    [wanted] = students.search_students(roster, "Ñúñez")
    window = _window(qtbot, roster)
    qtbot.keyClicks(window.search, "nunez")
    qtbot.waitUntil(lambda: window.count_label.text() == "1 match", timeout=TIMEOUT)
    assert _cell(window, 0, Column.NAME) == "Ñúñez, José (Pepe)"
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.pane.shown_name() == "José Ñúñez"
    with qtbot.waitSignal(window.student_activated, timeout=TIMEOUT) as activated:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert activated.args == [wanted.id]


def test_a_search_with_no_match_says_so(qtbot, roster):
    window = _window(qtbot, roster)
    qtbot.keyClicks(window.search, "zzz")
    qtbot.waitUntil(lambda: window.count_label.text() == "No matches", timeout=TIMEOUT)
    assert window.proxy.rowCount() == 0
    assert window.pane.shown_name() == ""


def test_stale_results_never_replace_newer_ones(qtbot, roster):
    window = _window(qtbot, roster)
    qtbot.waitUntil(lambda: window.count_label.text() == "2 students", timeout=TIMEOUT)
    current = window._serial
    [ana] = students.search_students(roster, "ana")
    window.show_results(current - 1, SearchResult("ana", (ana,), more=False))
    assert window.proxy.rowCount() == 2
    window.show_results(current, SearchResult("ana", (ana,), more=False))
    assert window.proxy.rowCount() == 1


def test_count_text_says_when_there_are_more_than_shown():
    assert roster_window._count_text(SearchResult("", (), more=True)) == "First 0 students"
    assert roster_window._count_text(SearchResult("a", (), more=True)) == "More than 0 matches"


def test_ctrl_f_focuses_the_search_field(qtbot, roster):
    window = _window(qtbot, roster)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 2, timeout=TIMEOUT)
    window.focus_table()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus, timeout=TIMEOUT)


def test_it_user_sees_the_no_access_panel(qtbot, it_user):
    window = _window(qtbot, it_user)
    assert window.pages.currentWidget() is window.no_access_panel
    assert window.no_access_panel.findChild(type(window.count_label), "noAccessText").text() == (
        roster_window.NO_ACCESS_TEXT
    )
    assert window.user_label.text() == "Signed in as It (IT)"


def test_geometry_is_saved_beside_the_site(qtbot, roster):
    window = _window(qtbot, roster)
    window.resize(900, 600)
    with qtbot.waitSignal(window.closed) as closed:
        window.sign_out()
    assert closed.args == [True]
    stored = QSettings(str(roster.paths.settings), QSettings.Format.IniFormat)
    assert stored.value("roster/geometry") is not None
