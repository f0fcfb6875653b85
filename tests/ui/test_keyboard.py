"""The app works without a mouse.

For every dialog (and the lock screen and the partner directory): Tab from the first
field reaches every input in reading order (down the form, and up only into a new column
to the right), reaches the default button, and Escape cancels. Then the whole clinical
workflow by keys alone: sign in, find a student by typing and Enter, Ctrl+N for a visit,
fill it, Ctrl+Enter to save.
"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from clinic_desktop.demo.site import DemoAccount
from clinic_desktop.domain.roles import Role
from clinic_desktop.services import students, visits
from clinic_desktop.ui import operations
from clinic_desktop.ui.lock_screen import LockScreen
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.partner_window import PartnerWindow
from clinic_desktop.ui.setup_dialog import SetupDialog
from clinic_desktop.ui.signin_dialog import SignInDialog
from tests.conftest import PASSWORDS
from tests.factories import student
from tests.ui.test_accessibility import (
    DIALOGS,
    focusable_widgets,
    records,
    settings_dialog,
    show,
)

__all__ = ["records"]  # the fixture, shared with the accessibility tests

TIMEOUT = 5000
CTRL = Qt.KeyboardModifier.ControlModifier
#: The visit dialog's completer popup cannot be raised or grabbed offscreen.
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
#: Pixels of slack when comparing positions (baselines of a label and a field differ).
SLACK = 6
#: Tab presses a field may keep (a date and time field moves through its sections).
MAX_SECTIONS = 8


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


# --- walking the tab order -----------------------------------------------------------------


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_stops(qtbot, window: QWidget) -> list[QWidget]:
    """Press Tab from the first field until focus comes back: the widgets it stopped on.

    The key goes to the focused widget, as a real key press does, so a text box that
    swallows Tab (a keyboard trap) ends the walk early and the test sees it.
    """
    first = first_field(window)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: focused() is first, timeout=TIMEOUT)
    stops = [first]
    presses_here = 0
    for _ in range(300):
        current = focused()
        assert current is not None, f"focus left the window after {describe(stops[-1])}"
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        now = focused()
        if now is current:  # a date field's Tab moves through its sections first
            presses_here += 1
            assert presses_here < MAX_SECTIONS, f"Tab is trapped in {describe(current)}"
            continue
        presses_here = 0
        if now is first or now in stops:
            return stops
        stops.append(now)
    raise AssertionError("Tab never came back to the first field")


def first_field(window: QWidget) -> QWidget:
    """The top-left input, where a person starts reading the form (a scroll area is
    around the form, not a field of it)."""
    inputs = [
        w for w in focusable_widgets(window) if w is not window and not isinstance(w, QScrollArea)
    ]
    assert inputs, f"{type(window).__name__} has nothing to tab to"
    return min(inputs, key=lambda w: (rect(w, window).top() // 8, rect(w, window).left()))


def rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def scroll_area_of(widget: QWidget) -> QScrollArea | None:
    """The scroll area whose content holds ``widget``, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if content is not None and content.isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def step_rects(before: QWidget, after: QWidget, window: QWidget) -> tuple[QRect, QRect]:
    """Where two consecutive stops sit, comparably: inside one scroll area, by their place
    in its content (focus scrolls the area, which must not count as moving up); across
    its edge, by the area's own place in the window."""
    area_a, area_b = scroll_area_of(before), scroll_area_of(after)
    if area_a is not None and area_a is area_b:
        content = area_a.widget()
        return (
            QRect(before.mapTo(content, QPoint(0, 0)), before.size()),
            QRect(after.mapTo(content, QPoint(0, 0)), after.size()),
        )
    return rect(area_a or before, window), rect(area_b or after, window)


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__}#{widget.objectName() or text or '?'}"


def out_of_order(stops: list[QWidget], window: QWidget) -> list[str]:
    """Steps that jump back up the form, or left, without starting a new column."""
    wrong = []
    for before, after in itertools.pairwise(stops):
        a, b = step_rects(before, after, window)
        down_or_same_row = b.top() >= a.top() - SLACK
        same_row_goes_right = abs(b.top() - a.top()) > SLACK or b.left() >= a.left() - SLACK
        new_column = b.left() >= a.right() - SLACK
        if not ((down_or_same_row and same_row_goes_right) or new_column):
            wrong.append(f"{describe(before)} -> {describe(after)}")
    return wrong


def missed(stops: list[QWidget], window: QWidget) -> list[str]:
    """Inputs Tab never reached. A group of radio buttons is one stop (arrows move
    inside it), so reaching one of the group counts for all."""
    reached = set(stops)
    groups = {w.parentWidget() for w in stops if isinstance(w, QRadioButton)}
    return [
        describe(w)
        for w in focusable_widgets(window)
        if w is not window
        and w not in reached
        and not (isinstance(w, QRadioButton) and w.parentWidget() in groups)
    ]


def default_button(dialog: QWidget) -> QPushButton | None:
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    return next((b for b in buttons if b.isDefault()), None)


def assert_keyboard_walk(qtbot, window: QWidget) -> list[QWidget]:
    stops = tab_stops(qtbot, window)
    order = " > ".join(describe(w) for w in stops)
    not_reached = missed(stops, window)
    assert not not_reached, f"Tab never reaches {not_reached}; it goes {order}"
    wrong = out_of_order(stops, window)
    assert not wrong, f"Tab jumps back in {wrong}; it goes {order}"
    button = default_button(window)
    if button is not None:
        assert button in stops, f"the default button {describe(button)} is not reachable"
    return stops


def assert_escape_cancels(qtbot, dialog: QDialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=TIMEOUT) as finished:
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert finished.args == [QDialog.DialogCode.Rejected.value]
    assert not dialog.isVisible()


# --- each dialog ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialog_tab_order_reaches_every_input_in_reading_order(qtbot, clinician, records, name):
    dialog = show(qtbot, DIALOGS[name](clinician, records))
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    assert_keyboard_walk(qtbot, dialog)


@pytest.mark.parametrize("name", list(DIALOGS))
def test_escape_cancels_the_dialog(qtbot, clinician, records, name):
    dialog = show(qtbot, DIALOGS[name](clinician, records))
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    assert_escape_cancels(qtbot, dialog)


def test_setup_dialog_by_keyboard(qtbot, tmp_path, clock):
    dialog = show(qtbot, SetupDialog(tmp_path / "new-site", clock=clock))
    stops = assert_keyboard_walk(qtbot, dialog)
    assert [w.objectName() for w in stops[:6]] == [
        "site_code",
        "site_name",
        "username",
        "display_name",
        "password",
        "confirm",
    ]
    assert_escape_cancels(qtbot, dialog)


def test_lock_screen_by_keyboard(qtbot, clinician):
    screen = show(qtbot, LockScreen(clinician, site_name="Lincoln High"))
    screen.password.setFocus()  # as ScreenLock.lock does once the screen is up
    qtbot.waitUntil(screen.password.hasFocus, timeout=TIMEOUT)
    stops = assert_keyboard_walk(qtbot, screen)
    assert screen.submit_button in stops and screen.switch_button in stops
    screen.show_switch()
    qtbot.waitUntil(screen.username.hasFocus, timeout=TIMEOUT)
    stops = assert_keyboard_walk(qtbot, screen)
    assert stops.index(screen.username) < stops.index(screen.password)
    qtbot.keyClick(screen.username, Qt.Key.Key_Escape)  # back to the plain unlock
    assert not screen.switching
    assert screen.password.hasFocus()
    qtbot.keyClicks(screen.password, PASSWORDS["clinician"])
    with qtbot.waitSignal(screen.unlocked, timeout=TIMEOUT):
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)


def test_partner_directory_by_keyboard(qtbot, clinician, records):
    window = show(qtbot, PartnerWindow(clinician))
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    stops = assert_keyboard_walk(qtbot, window)
    assert window.search in stops
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)


def test_settings_dialog_by_keyboard(qtbot, admin):
    dialog = settings_dialog(qtbot, admin)
    assert_keyboard_walk(qtbot, dialog)
    assert_escape_cancels(qtbot, dialog)


def sign_in_dialog(qtbot, site) -> SignInDialog:
    accounts = (DemoAccount("clinician", PASSWORDS["clinician"], Role.CLINICIAN),)
    return show(qtbot, SignInDialog(site.data_dir, clock=site.clock, demo_accounts=accounts))


def test_sign_in_dialog_by_keyboard(qtbot, site):
    dialog = sign_in_dialog(qtbot, site)
    stops = assert_keyboard_walk(qtbot, dialog)
    assert stops.index(dialog.username) < stops.index(dialog.password)
    assert_escape_cancels(qtbot, dialog)


# --- the clinical workflow, keys only ------------------------------------------------------


def test_sign_in_find_a_student_and_record_a_visit_by_keyboard_only(qtbot, site):
    with site.sign_in("clinician") as setup_session:
        students.create_student(setup_session, student())
    dialog = sign_in_dialog(qtbot, site)
    qtbot.waitUntil(dialog.username.hasFocus, timeout=TIMEOUT)
    qtbot.keyClicks(dialog.username, "clinician")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
    assert dialog.password.hasFocus()
    qtbot.keyClicks(dialog.password, PASSWORDS["clinician"])
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    session = dialog.session
    assert session is not None
    try:
        record_a_visit_by_keyboard(qtbot, session)
    finally:
        operations.wait_for_idle()
        session.close()


def record_a_visit_by_keyboard(qtbot, session) -> None:
    window = show(qtbot, MainWindow(session, site_name="Lincoln High"))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.roster.search.hasFocus, timeout=TIMEOUT)
    qtbot.keyClicks(window.roster.search, "nunez")
    qtbot.waitUntil(lambda: window.roster.count_label.text() == "1 match", timeout=TIMEOUT)
    qtbot.keyClick(window.roster.search, Qt.Key.Key_Return)  # into the list, on the match
    assert window.roster.list.hasFocus()
    with qtbot.waitSignal(window.chart_opened, timeout=TIMEOUT):
        qtbot.keyClick(window.roster.list, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: bool(window.visit_dialogs), timeout=TIMEOUT)
    [dialog] = window.visit_dialogs.values()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=TIMEOUT)
    # The dialog looks for a saved draft in background first; typing starts after that.
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    form = getattr(dialog, "form", dialog)
    fill_visit_by_keyboard(qtbot, form)
    with qtbot.waitSignal(dialog.visit_saved, timeout=TIMEOUT):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    [saved] = visits.list_visits(session, window.chart_view.student.id)
    assert saved.reason == "Headache"
    assert saved.note == "Rested 15 minutes."


def fill_visit_by_keyboard(qtbot, form) -> None:
    """Tab to the type, choose it with Space, then type the reason and the note."""
    for _ in range(30):
        widget = focused()
        if isinstance(widget, QRadioButton):
            qtbot.keyClick(widget, Qt.Key.Key_Space)
            break
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert form.visit_type() != "", "no visit type chosen"
    for _ in range(30):
        if focused() is form.reason or focused() is form.reason.lineEdit():
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Headache")
    for _ in range(30):
        if focused() is form.note:
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(form.note, "Rested 15 minutes.")
