"""The idle lock: after N minutes without input, every window hides behind the lock screen.

``IdleWatcher`` is an application-wide event filter: any key, click, wheel or mouse move
anywhere in the app notes the time (cheaply: a ``QElapsedTimer`` restart, not a timer
re-arm per mouse move), and a single-shot timer checks whether the interval has passed.

``ScreenLock`` does the locking. It hides every visible top-level window of the session
(the main window and any open non-modal dialog, such as a visit being typed), remembers
them with the widget that had focus, and shows the ``LockScreen``. Nothing is closed or
destroyed, so unlocking shows the same windows with their input untouched. Switching user
or signing out from the lock screen discards the hidden dialogs *without* closing them
(closing could ask questions or save): drafts they autosaved stay in the encrypted store.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.lock_screen import LockScreen

DEFAULT_MINUTES = 5
#: Events that mean someone is at the keyboard.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)
_NOT_WINDOWS = (Qt.WindowType.ToolTip, Qt.WindowType.Popup, Qt.WindowType.SplashScreen)


def minutes_to_ms(minutes: int) -> int:
    return max(int(minutes), 1) * 60_000


class IdleWatcher(QObject):
    """Emits ``timed_out`` once ``interval_ms`` pass without input while running.

    Also emits ``lock_pressed`` for Ctrl+L typed in any window: the main window's own
    shortcut does not reach into a dialog (a visit being typed), and a person leaving in
    a hurry should not have to find the main window first.
    """

    timed_out = Signal()
    lock_pressed = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.running = False
        self._since_input = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._filtering = False

    def start(self) -> None:
        """Watch input application-wide and start counting from now."""
        app = QApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True
        self.resume()

    def stop(self) -> None:
        """Stop watching for good (the session ends)."""
        self.pause()
        app = QApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
        self._filtering = False

    def pause(self) -> None:
        """While locked: no count, so the lock screen never locks itself."""
        self.running = False
        self._timer.stop()

    def resume(self) -> None:
        self.running = True
        self._since_input.start()
        self._timer.start(self.interval_ms)

    def set_interval_ms(self, interval_ms: int) -> None:
        self.interval_ms = interval_ms
        if self.running:
            self._check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.running or event.type() not in INPUT_EVENTS:
            return False
        self._since_input.restart()
        if isinstance(event, QKeyEvent) and _is_lock_key(event):
            self.lock_pressed.emit()
            return True
        return False

    def _check(self) -> None:
        if not self.running:
            return
        remaining = self.interval_ms - self._since_input.elapsed()
        if remaining > 0:
            self._timer.start(remaining)
        else:
            self.pause()
            self.timed_out.emit()


class ScreenLock(QObject):
    """Locks and unlocks one session's windows; reports the lock screen's other choices."""

    locked_changed = Signal(bool)
    #: Someone else signed in on the lock screen (argument: ``SignedIn``).
    switch_requested = Signal(object)
    #: The user chose "Sign out" on the lock screen.
    sign_out_requested = Signal()

    def __init__(
        self,
        session: ClinicSession,
        main_window: QWidget,
        *,
        site_name: str = "",
        interval_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.main_window = main_window
        self.locked = False
        self.hidden: list[QWidget] = []
        self._focus: QWidget | None = None
        self.watcher = IdleWatcher(interval_ms or minutes_to_ms(DEFAULT_MINUTES), self)
        self.watcher.timed_out.connect(self.lock)
        self.watcher.lock_pressed.connect(self.lock)
        self.screen = LockScreen(session, site_name=site_name)
        self.screen.unlocked.connect(self.unlock)
        self.screen.switched.connect(self.switch_requested)
        self.screen.sign_out_requested.connect(self.sign_out_requested)

    def start(self) -> None:
        self.watcher.start()

    def set_interval_ms(self, interval_ms: int) -> None:
        self.watcher.set_interval_ms(interval_ms)

    def lock(self) -> None:
        """Hide every window of the session behind the lock screen (idempotent)."""
        if self.locked:
            return
        self.locked = True
        self.watcher.pause()
        _close_popups()
        self._focus = QApplication.focusWidget()
        geometry = self.main_window.geometry()
        windows = [w for w in QApplication.topLevelWidgets() if self._hideable(w)]
        # Dialogs first, the main window last, so a window-modal dialog never outlives
        # the window it blocks; unlocking shows them in the opposite order.
        windows.sort(key=lambda w: w is self.main_window)
        for window in windows:
            window.hide()
        self.hidden = list(reversed(windows))
        self.screen.show_unlock()
        self.screen.setGeometry(geometry)
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()
        self.screen.password.setFocus()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        """Show the hidden windows again, as they were, and give focus back."""
        if not self.locked:
            return
        self.screen.hide()
        for window in self.hidden:
            if shiboken6.isValid(window):
                window.show()
        self.hidden = []
        focus = self._focus
        self._focus = None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.window().activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.locked = False
        self.watcher.resume()
        self.locked_changed.emit(False)

    def discard_windows(self) -> None:
        """Drop the hidden dialogs without closing them (switch user, sign out)."""
        for window in self.hidden:
            if window is not self.main_window and shiboken6.isValid(window):
                window.deleteLater()
        self.hidden = []
        self._focus = None

    def stop(self) -> None:
        """The session ends: stop watching and remove the lock screen."""
        self.watcher.stop()
        self.locked = False
        if shiboken6.isValid(self.screen):
            self.screen.hide()
            self.screen.deleteLater()

    def _hideable(self, widget: QWidget) -> bool:
        if widget is self.screen or not widget.isVisible():
            return False
        return widget.windowType() not in _NOT_WINDOWS


def _is_lock_key(event: QKeyEvent) -> bool:
    return event.key() == Qt.Key.Key_L and event.modifiers() == Qt.KeyboardModifier.ControlModifier


def _close_popups() -> None:
    """Open menus and combo lists would float above the lock screen otherwise."""
    QToolTip.hideText()
    for _attempt in range(10):
        popup = QApplication.activePopupWidget()
        if popup is None:
            return
        popup.close()
