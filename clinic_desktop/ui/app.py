"""``clinic-desktop``: start the app (first-run setup if needed, sign-in, then the workspace).

``--demo`` opens the demo clinic (created on first use in its own folder), ``--data-dir``
a site's folder other than the platform default. The ``Launcher`` owns the signed-in
session, its main window and its screen lock, and moves between them: sign out, switch
user (from the lock screen), quit.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from clinic_desktop import __version__, paths
from clinic_desktop.clock import Clock, utc_now
from clinic_desktop.logs import configure_logging
from clinic_desktop.ui import errors, i18n, operations, platform_check, style

# Start-up time: the sign-in window must show within 1.5 s, so what only the workspace,
# first-run setup, the demo or the screen lock need (every view, ReportLab, sync,
# Alembic) is imported where it is used, after the sign-in, not here.
if TYPE_CHECKING:
    from clinic_desktop.demo.site import DemoAccount
    from clinic_desktop.services.context import ClinicSession
    from clinic_desktop.ui.idle_lock import ScreenLock
    from clinic_desktop.ui.main_window import MainWindow
    from clinic_desktop.ui.operations import site as site_ops

log = logging.getLogger("clinic.ui")

APP_NAME = "Clinic Desktop"
ORGANIZATION = "clinic-desktop"


def run_app(data_dir: Path, *, demo: bool = False) -> int:
    """Start the desktop on ``data_dir`` (the arguments were read by ``cli.desktop``, which
    the ui never imports); returns the exit status."""
    problem = platform_check.check_desktop()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    paths.ensure_private_dir(data_dir)
    configure_logging(paths.SitePaths(data_dir).logs)
    app = create_application()
    errors.install_excepthook()
    launcher = Launcher(data_dir, demo=demo)
    if not launcher.start():
        return launcher.exit_code
    status = app.exec()
    launcher.shut_down()
    return status


def create_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("clinic-desktop")
    app.setWindowIcon(style.app_icon())
    app.setQuitOnLastWindowClosed(False)  # sign-out closes the window, not the app
    return app


class Launcher(QObject):
    """Walks the start-up path and owns the signed-in session, its window and its lock.

    ``idle_ms`` fixes the idle lock's interval (tests use milliseconds); otherwise it is
    the site's ``idle_lock_minutes``, read once the window is open.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        demo: bool = False,
        clock: Clock = utc_now,
        idle_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.demo = demo
        self.clock = clock
        self.idle_ms = idle_ms
        self.demo_accounts: tuple[DemoAccount, ...] = ()
        self.session: ClinicSession | None = None
        self.window: MainWindow | None = None
        self.screen_lock: ScreenLock | None = None
        self.exit_code = 0

    def start(self) -> bool:
        """Demo preparation, first-run setup, sign-in; False when the user gave up."""
        i18n.apply_saved_language(paths.SitePaths(self.data_dir))
        if self.demo and not self.prepare_demo():
            return False
        username = ""
        from clinic_desktop.services import site as site_service  # lazy: see the imports

        if not site_service.site_exists(self.data_dir):
            created = self.set_up()
            if created is None:
                return False
            username = created
        return self.sign_in(username)

    def set_up(self) -> str | None:
        """First-run setup; the new administrator's user name, None when the user gave up.
        A language change shows the setup again, built in that language, as typed so far."""
        from clinic_desktop.ui.setup_dialog import SetupDialog  # lazy: see the imports

        language: str | None = None
        typed: dict[str, str] | None = None
        while True:
            setup = SetupDialog(self.data_dir, clock=self.clock, language=language, typed=typed)
            accepted = setup.exec() == QDialog.DialogCode.Accepted
            setup.deleteLater()
            if not setup.language_changed:
                return setup.admin_username if accepted else None
            language, typed = setup.language, setup.typed()

    def prepare_demo(self) -> bool:
        from clinic_desktop.demo.site import ensure_demo_site  # lazy: see the imports

        try:
            self.demo_accounts = operations.wait_with_progress(
                None, self.tr("Preparing the demo clinic…"), lambda: ensure_demo_site(self.data_dir)
            )
        except Exception as exc:
            errors.report(exc)
            self.exit_code = 1
            return False
        return True

    def sign_in(self, username: str = "") -> bool:
        from clinic_desktop.ui.signin_dialog import SignInDialog

        site_name = ""
        if self.demo:
            from clinic_desktop.demo.site import DEMO_SITE_NAME  # lazy: see the imports

            site_name = DEMO_SITE_NAME
        dialog = SignInDialog(
            self.data_dir,
            clock=self.clock,
            demo_accounts=self.demo_accounts,
            site_name=site_name,
            username=username,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if dialog.language_changed:  # the same sign-in again, built in the new language
            typed = dialog.username.text()
            dialog.deleteLater()
            return self.sign_in(typed or username)
        session, site_name = dialog.session, dialog.site_name
        dialog.deleteLater()
        if not accepted or session is None:
            return False
        self.open_main_window(session, site_name)
        return True

    def open_main_window(self, session: ClinicSession, site_name: str) -> None:
        """Show the workspace for ``session`` and arm its idle lock."""
        # Lazy (see the imports): the workspace loads while the user types a password.
        from clinic_desktop.ui.idle_lock import ScreenLock, minutes_to_ms
        from clinic_desktop.ui.main_window import MainWindow
        from clinic_desktop.ui.operations import site as site_ops
        from clinic_desktop.ui.settings_dialog import apply_to_lock

        self.session = session
        window = MainWindow(session, site_name=site_name)
        window.closed.connect(self._window_closed)
        window.lock_requested.connect(self.lock)
        window.switch_user_requested.connect(self.switch_user)
        window.language_requested.connect(self.change_language)
        lock = ScreenLock(session, window, site_name=site_name, interval_ms=self.idle_ms)
        window.settings_changed.connect(apply_to_lock(lock))
        lock.locked_changed.connect(lambda locked: locked and self._audit_lock(session))
        lock.switch_requested.connect(self._switch_to)
        lock.sign_out_requested.connect(self._sign_out_from_lock)
        self.window, self.screen_lock = window, lock
        window.show()
        lock.start()
        if self.idle_ms is None:
            site_ops.get_settings(parent=window, session=session).success(
                lambda settings: lock.set_interval_ms(minutes_to_ms(settings.idle_lock_minutes))
            ).run_in_background()
        log.info("signed in (%s)", session.user.role.value)

    def _audit_lock(self, session: ClinicSession) -> None:
        from clinic_desktop.ui.operations import site as site_ops  # lazy: see the imports

        site_ops.record_screen_lock(parent=self.window, session=session).run_in_background()

    def lock(self) -> None:
        if self.screen_lock is not None:
            self.screen_lock.lock()

    def switch_user(self) -> None:
        """Lock first (nothing stays on screen), then offer the sign-in for someone else."""
        if self.screen_lock is not None:
            self.screen_lock.lock()
            self.screen_lock.screen.show_switch()

    def _switch_to(self, signed_in: site_ops.SignedIn) -> None:
        """Another staff member signed in on the lock screen: retire this session."""
        if self.screen_lock is not None:
            self.screen_lock.discard_windows()
        if self.window is not None:
            self.window.closed.disconnect(self._window_closed)
            self.window.close()
        self.shut_down()
        self.open_main_window(signed_in.session, signed_in.site_name)

    def _sign_out_from_lock(self) -> None:
        if self.screen_lock is not None:
            self.screen_lock.discard_windows()
        if self.window is not None:
            self.window.sign_out()

    def _window_closed(self, sign_out: bool) -> None:
        QTimer.singleShot(0, lambda: self._after_window(sign_out))

    def _after_window(self, sign_out: bool) -> None:
        self.shut_down()
        if not (sign_out and self.sign_in()):
            QApplication.quit()

    def change_language(self, choice: str) -> None:
        """Store and install ``choice``, then rebuild the workspace in it for the same
        session (widgets keep the texts they were built with). Deferred: the request comes
        from the window's own menu."""
        i18n.choose_language(paths.SitePaths(self.data_dir), choice)
        QTimer.singleShot(0, self._rebuild_window)

    def _rebuild_window(self) -> None:
        window, session = self.window, self.session
        if window is None or session is None:
            return
        student = window.chart_view.student if window.chart_is_open() else None
        if self.screen_lock is not None:
            self.screen_lock.stop()
            self.screen_lock.deleteLater()
            self.screen_lock = None
        window.closed.disconnect(self._window_closed)
        window.close()
        window.deleteLater()
        self.window = None
        self.open_main_window(session, window.site_name)
        if student is not None and self.window is not None:
            self.window.open_student(student)

    def shut_down(self) -> None:
        """Close the window's session once background work using it has finished."""
        if self.screen_lock is not None:
            self.screen_lock.stop()
            self.screen_lock.deleteLater()
            self.screen_lock = None
        operations.wait_for_idle()
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        if self.session is not None:
            self.session.close()
            self.session = None
