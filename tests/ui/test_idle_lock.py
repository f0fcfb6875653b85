"""The idle lock: fires after the interval, hides every window, keeps input, unlocks, and
offers switch user and sign out. Intervals are milliseconds here, so nothing sleeps."""

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from clinic_desktop.domain.visits import VisitType
from clinic_desktop.services import drafts, students
from clinic_desktop.ui import app, operations
from clinic_desktop.ui.idle_lock import IdleWatcher
from tests.conftest import PASSWORDS
from tests.factories import student
from tests.ui.test_main_window import unnamed_controls

TIMEOUT = 5000
CTRL = Qt.KeyboardModifier.ControlModifier
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")


def fields(dialog):
    """The visit dialog's inputs (B keeps them on a form object inside the dialog)."""
    return getattr(dialog, "form", dialog)


@pytest.fixture
def launch(qtbot, site, monkeypatch):
    """Open the workspace through the launcher, as the app does; shut down at teardown."""
    monkeypatch.setattr(app.QApplication, "quit", lambda: None)
    launchers = []

    def launch_(username="clinician", idle_ms=60_000):
        launcher = app.Launcher(site.data_dir, clock=site.clock, idle_ms=idle_ms)
        launcher.open_main_window(site.sign_in(username), "Lincoln High School Health Center")
        qtbot.waitExposed(launcher.window)
        launcher.window.activateWindow()
        qtbot.waitUntil(launcher.window.isActiveWindow, timeout=TIMEOUT)
        launchers.append(launcher)
        return launcher

    yield launch_
    for launcher in launchers:
        launcher.shut_down()
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


@pytest.fixture
def pupil(site):
    with site.sign_in("clinician") as session:
        return students.create_student(session, student())


def _unlock(qtbot, launcher, password):
    screen = launcher.screen_lock.screen
    qtbot.keyClicks(screen.password, password)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)


def test_idle_timeout_locks_and_the_password_brings_back_the_typed_search(qtbot, launch):
    launcher = launch()
    window = launcher.window
    qtbot.keyClicks(window.roster.search, "half typed")
    launcher.screen_lock.set_interval_ms(100)  # as if the site's setting were 100 ms
    qtbot.waitUntil(lambda: launcher.screen_lock.locked, timeout=TIMEOUT)
    screen = launcher.screen_lock.screen
    assert not window.isVisible()
    assert screen.isVisible()
    assert screen.user_label.text() == "Clinician (Clinician)"
    assert unnamed_controls(screen) == []
    qtbot.waitUntil(screen.password.hasFocus, timeout=TIMEOUT)
    _unlock(qtbot, launcher, PASSWORDS["clinician"])
    qtbot.waitUntil(lambda: not launcher.screen_lock.locked, timeout=TIMEOUT)
    assert window.isVisible() and not screen.isVisible()
    assert window.roster.search.text() == "half typed"
    assert launcher.screen_lock.watcher.running  # counting again
    qtbot.waitUntil(
        lambda: _audit_actions(launcher.session)[-2:] == LOCK_AND_UNLOCK, timeout=TIMEOUT
    )


LOCK_AND_UNLOCK = ["screen_locked", "screen_unlocked"]


def _audit_actions(session):
    from clinic_desktop.store.models import AuditEvent

    with session.read() as db:
        return [e.action for e in db.query(AuditEvent).order_by(AuditEvent.seq)]


def test_a_wrong_password_is_refused_inline_and_stays_locked(qtbot, launch):
    """Only a password was asked, so the refusal names the password alone."""
    launcher = launch()
    qtbot.keyClick(launcher.window, Qt.Key.Key_L, CTRL)
    assert launcher.screen_lock.locked
    _unlock(qtbot, launcher, "not-the-password")
    screen = launcher.screen_lock.screen
    qtbot.waitUntil(lambda: screen.error.text() == "Wrong password.", timeout=TIMEOUT)
    assert "user name" not in screen.error.text()
    assert launcher.screen_lock.locked and not launcher.window.isVisible()
    assert screen.password.text() == ""


def test_an_empty_unlock_asks_for_the_password_alone(qtbot, launch):
    launcher = launch()
    qtbot.keyClick(launcher.window, Qt.Key.Key_L, CTRL)
    _unlock(qtbot, launcher, "")
    screen = launcher.screen_lock.screen
    assert screen.error.text() == "Enter your password."
    screen.show_switch()
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert screen.error.text() == "Enter your user name and password."


def test_ctrl_l_hides_an_open_visit_dialog_and_unlocking_restores_its_input(qtbot, launch, pupil):
    launcher = launch()
    window = launcher.window
    window.open_student(pupil)
    qtbot.waitUntil(window.new_visit_action.isEnabled, timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    [dialog] = window.visit_dialogs.values()
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    qtbot.mouseClick(fields(dialog).type_buttons[VisitType.NURSING], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(fields(dialog).note, "Typed before the lock")
    qtbot.keyClick(fields(dialog).note, Qt.Key.Key_L, CTRL)  # Ctrl+L works from the dialog too
    assert launcher.screen_lock.locked
    assert fields(dialog).note.toPlainText() == "Typed before the lock"  # the key was not typed
    assert not dialog.isVisible() and not window.isVisible()
    assert dialog in launcher.screen_lock.hidden
    _unlock(qtbot, launcher, PASSWORDS["clinician"])
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=TIMEOUT)
    assert window.isVisible()
    assert fields(dialog).note.toPlainText() == "Typed before the lock"
    dialog.done(0)


def test_switch_user_closes_the_old_sessions_dialogs_and_keeps_their_drafts(
    qtbot, launch, pupil, site
):
    launcher = launch()
    window = launcher.window
    old_session = launcher.session
    closed = []
    close = old_session.close
    old_session.close = lambda: closed.append(True) or close()
    window.open_student(pupil)
    qtbot.waitUntil(window.new_visit_action.isEnabled, timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    [dialog] = window.visit_dialogs.values()
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    qtbot.mouseClick(fields(dialog).type_buttons[VisitType.NURSING], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(fields(dialog).note, "Clinician's unsaved words")
    with qtbot.waitSignal(dialog.draft_saved, timeout=TIMEOUT):
        launcher.switch_user()  # locks; the dialog's hide writes its draft
    screen = launcher.screen_lock.screen
    assert screen.switching
    qtbot.waitUntil(screen.username.hasFocus, timeout=TIMEOUT)
    qtbot.keyClicks(screen.username, "nurse")
    qtbot.keyClicks(screen.password, PASSWORDS["nurse"])
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: launcher.window is not window, timeout=TIMEOUT)
    assert launcher.session.user.username == "nurse"
    assert launcher.window.isVisible()
    assert launcher.window.user_label.text() == "Signed in as Nurse (Nurse)"
    assert not launcher.screen_lock.locked
    assert closed == [True]
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    with site.sign_in("clinician") as again:
        assert drafts.load_draft(again, "visit", pupil.id)["note"] == "Clinician's unsaved words"


def test_sign_out_from_the_lock_screen_asks_for_a_sign_in(qtbot, launch, monkeypatch):
    launcher = launch()
    asked = []
    monkeypatch.setattr(launcher, "sign_in", lambda: asked.append(True) or False)
    launcher.lock()
    qtbot.mouseClick(launcher.screen_lock.screen.sign_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: asked == [True], timeout=TIMEOUT)
    assert launcher.session is None and launcher.screen_lock is None


class FakeElapsed:
    """Stands in for the watcher's QElapsedTimer: time moves only when the test says so."""

    def __init__(self):
        self.ms = 0

    def start(self):
        self.ms = 0

    def restart(self):
        self.ms = 0

    def elapsed(self):
        return self.ms


def test_input_anywhere_postpones_the_lock(qtbot):
    watcher = IdleWatcher(1000)
    watcher.start()
    try:
        watcher._since_input = elapsed = FakeElapsed()
        elapsed.ms = 900
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(QApplication.instance(), key)
        assert elapsed.ms == 0  # any key, anywhere in the app, counts as activity
        elapsed.ms = 999
        watcher._check()
        assert watcher.running  # not yet: 1 ms remains, the timer is re-armed
        elapsed.ms = 1000
        with qtbot.waitSignal(watcher.timed_out, timeout=TIMEOUT):
            watcher._check()
        assert not watcher.running
    finally:
        watcher.stop()
