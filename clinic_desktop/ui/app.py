"""``clinic-desktop``: start the app (first-run setup if needed, sign-in, then the workspace).

``--demo`` opens the demo clinic (created on first use in its own folder), ``--data-dir``
a site's folder other than the platform default. The ``Launcher`` owns the signed-in
session, its main window and its screen lock, and moves between them: sign out, switch
user (from the lock screen), quit.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from clinic_desktop import __version__, paths
from clinic_desktop.clock import Clock, utc_now
from clinic_desktop.logs import configure_logging
from clinic_desktop.services import site as site_service
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.demo import DEMO_SITE_NAME, DemoAccount, ensure_demo_site
from clinic_desktop.ui import errors, operations, platform_check, style
from clinic_desktop.ui.idle_lock import ScreenLock, minutes_to_ms
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.operations import site as site_ops
from clinic_desktop.ui.setup_dialog import SetupDialog
from clinic_desktop.ui.signin_dialog import SignInDialog

log = logging.getLogger("clinic.ui")

APP_NAME = "Clinic Desktop"
ORGANIZATION = "clinic-desktop"


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else 2
    problem = platform_check.check_desktop()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    data_dir = data_dir_for(args)
    paths.ensure_private_dir(data_dir)
    configure_logging(paths.SitePaths(data_dir).logs)
    app = create_application()
    errors.install_excepthook()
    launcher = Launcher(data_dir, demo=args.demo)
    if not launcher.start():
        return launcher.exit_code
    status = app.exec()
    launcher.shut_down()
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clinic-desktop", description="Offline, encrypted school-based health center record."
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--demo", action="store_true", help="open the demo clinic (made-up data)")
    where.add_argument("--data-dir", type=Path, metavar="DIR", help="the clinic's data folder")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def data_dir_for(args: argparse.Namespace) -> Path:
    if args.demo:
        return paths.demo_data_dir()
    return Path(args.data_dir) if args.data_dir else paths.default_data_dir()


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
        if self.demo and not self.prepare_demo():
            return False
        username = ""
        if not site_service.site_exists(self.data_dir):
            setup = SetupDialog(self.data_dir, clock=self.clock)
            if setup.exec() != QDialog.DialogCode.Accepted:
                return False
            username = setup.admin_username
        return self.sign_in(username)

    def prepare_demo(self) -> bool:
        try:
            self.demo_accounts = operations.wait_with_progress(
                None, "Preparing the demo clinic…", lambda: ensure_demo_site(self.data_dir)
            )
        except Exception as exc:
            errors.report(exc)
            self.exit_code = 1
            return False
        return True

    def sign_in(self, username: str = "") -> bool:
        dialog = SignInDialog(
            self.data_dir,
            clock=self.clock,
            demo_accounts=self.demo_accounts,
            site_name=DEMO_SITE_NAME if self.demo else "",
            username=username,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        session, site_name = dialog.session, dialog.site_name
        dialog.deleteLater()
        if not accepted or session is None:
            return False
        self.open_main_window(session, site_name)
        return True

    def open_main_window(self, session: ClinicSession, site_name: str) -> None:
        """Show the workspace for ``session`` and arm its idle lock."""
        self.session = session
        window = MainWindow(session, site_name=site_name)
        window.closed.connect(self._window_closed)
        window.lock_requested.connect(self.lock)
        window.switch_user_requested.connect(self.switch_user)
        lock = ScreenLock(session, window, site_name=site_name, interval_ms=self.idle_ms)
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
