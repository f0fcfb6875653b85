"""The lock screen: shown instead of every window while the workstation is locked.

It names who is signed in and asks for their password again (``confirm_identity``, with
the same back-off and lockout as sign-in). The database stays open, so the windows
behind it keep their unsaved input. "Switch user" turns the form into a sign-in for
someone else; "Sign out" ends the session. The screen only reports what was chosen
(``unlocked``, ``switched``, ``sign_out_requested``); ``idle_lock.ScreenLock`` acts on it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.errors import ClinicError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import i18n, style
from clinic_desktop.ui.operations import site as site_ops

LOCKED_TEXT = QT_TRANSLATE_NOOP(
    "LockScreen",
    "Student information is hidden while you are away. Enter your password to return to "
    "where you were; anything you were typing is kept.",
)
SWITCH_TEXT = QT_TRANSLATE_NOOP(
    "LockScreen",
    "Sign in as another staff member. The windows open now are closed without saving; "
    "drafts already saved stay in the encrypted store for their author.",
)


class LockScreen(QWidget):
    """A top-level window with the unlock form (or the switch-user form)."""

    #: The signed-in user proved it is still them.
    unlocked = Signal()
    #: Someone else signed in (argument: ``site_ops.SignedIn`` with their new session).
    switched = Signal(object)
    #: The user chose to sign out.
    sign_out_requested = Signal()

    def __init__(
        self, session: ClinicSession, *, site_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.site_name = site_name
        self.busy = False
        self.switching = False
        self.setObjectName("lockScreen")
        self.setWindowTitle(self.tr("Locked — {site}").format(site=site_name or "Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self.setStyleSheet(style.workspace_stylesheet(self))
        self._build()
        QShortcut(QKeySequence("Escape"), self, activated=self._escape)

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        panel = QFrame()
        panel.setObjectName("lockPanel")
        panel.setMinimumWidth(style.chars(panel, 58))
        panel.setMaximumWidth(style.chars(panel, 72))
        row.addWidget(panel, 2)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)
        column = QVBoxLayout(panel)
        margin = style.MARGIN + 8
        column.setContentsMargins(margin, margin, margin, style.MARGIN)
        column.setSpacing(style.SPACING)
        column.addLayout(self._build_title())
        self.intro = style.secondary(self.tr(LOCKED_TEXT))
        self.intro.setObjectName("lockIntro")
        column.addWidget(self.intro)
        column.addSpacing(4)
        column.addLayout(self._build_form())
        self.error = style.error_label("lockError")
        column.addWidget(self.error)
        column.addLayout(self._build_buttons())
        column.addSpacing(4)
        column.addLayout(self._build_other_choices())

    def _build_title(self) -> QHBoxLayout:
        icon = QLabel()
        size = style.em(icon, 2.6)
        icon.setPixmap(style.app_icon().pixmap(size, size))
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = style.heading(self.tr("Clinic Desktop is locked"), 1.4, wrap=True)
        self.title.setObjectName("lockTitle")
        titles.addWidget(self.title)
        user = self.session.user
        self.user_text = i18n.user_with_role(user.display_name, user.role.label)
        self.user_label = style.secondary(self.user_text, wrap=True)
        self.user_label.setObjectName("lockedUser")
        self.user_label.setAccessibleName(self.tr("Signed-in user"))
        titles.addWidget(self.user_label)
        if self.site_name:
            titles.addWidget(style.secondary(self.site_name))
        row = QHBoxLayout()
        row.setSpacing(style.SPACING + 4)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(titles, 1)
        return row

    def _build_form(self) -> QFormLayout:
        self.username = QLineEdit()
        self.username.setObjectName("lockUsername")
        self.username.setAccessibleName(self.tr("User name"))
        self.username.setPlaceholderText(self.tr("User name"))
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.username, self.password):
            edit.setMinimumHeight(style.em(edit, 1.8))
            edit.textEdited.connect(lambda _text: style.set_error(self.error, None))
            edit.returnPressed.connect(self.submit)
        form = QFormLayout()
        form.setHorizontalSpacing(style.SPACING * 2)
        self.username_label = QLabel(self.tr("User name:"))
        form.addRow(self.username_label, self.username)
        form.addRow(self.tr("Password:"), self.password)
        self._form = form
        return form

    def _build_buttons(self) -> QHBoxLayout:
        self.status = style.secondary(wrap=False)
        self.status.setObjectName("lockStatus")
        self.submit_button = QPushButton(self.tr("Unlock"))
        self.submit_button.setObjectName("unlock")
        self.submit_button.setAccessibleName(self.tr("Unlock"))
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setObjectName("backToUnlock")
        self.back_button.setAccessibleName(self.tr("Back to unlock"))
        self.back_button.clicked.connect(self.show_unlock)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.back_button)
        row.addWidget(self.submit_button)
        return row

    def _build_other_choices(self) -> QHBoxLayout:
        self.switch_button = QPushButton(self.tr("Switch user…"))
        self.switch_button.setObjectName("switchUser")
        self.switch_button.setAccessibleName(self.tr("Switch user"))
        self.switch_button.setFlat(True)
        self.switch_button.clicked.connect(self.show_switch)
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.setObjectName("signOut")
        self.sign_out_button.setAccessibleName(self.tr("Sign out"))
        self.sign_out_button.setFlat(True)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        row = QHBoxLayout()
        row.addWidget(self.switch_button)
        row.addStretch(1)
        row.addWidget(self.sign_out_button)
        return row

    # --- modes ---------------------------------------------------------------------------

    def show_unlock(self) -> None:
        """The ordinary lock: the signed-in user's password only."""
        self.switching = False
        self._form.setRowVisible(0, False)
        self.title.setText(self.tr("Clinic Desktop is locked"))
        self.user_label.setText(self.user_text)
        self.intro.setText(self.tr(LOCKED_TEXT))
        self.submit_button.setText(self.tr("Unlock"))
        self.back_button.hide()
        self.switch_button.show()
        self._reset_fields()
        self.password.setFocus()

    def show_switch(self) -> None:
        """Sign-in for another staff member."""
        self.switching = True
        self._form.setRowVisible(0, True)
        self.title.setText(self.tr("Switch user"))
        self.user_label.setText(self.tr("Signed in now: {user}").format(user=self.user_text))
        self.intro.setText(self.tr(SWITCH_TEXT))
        self.submit_button.setText(self.tr("Sign in"))
        self.back_button.show()
        self.switch_button.hide()
        self._reset_fields()
        self.username.setFocus()

    def _reset_fields(self) -> None:
        self.username.clear()
        self.password.clear()
        style.set_error(self.error, None)

    def _escape(self) -> None:
        if self.switching and not self.busy:
            self.show_unlock()

    # --- submitting ----------------------------------------------------------------------

    def submit(self) -> None:
        if self.busy:
            return
        password = self.password.text()
        username = self.username.text().strip() if self.switching else ""
        if not password or (self.switching and not username):
            asked = (
                self.tr("Enter your user name and password.")
                if self.switching
                else self.tr("Enter your password.")
            )
            style.set_error(self.error, asked)
            return
        self._set_busy(True, self.tr("Signing in…") if self.switching else self.tr("Checking…"))
        if self.switching and username.casefold() != self.session.user.username:
            operation = site_ops.sign_in(
                parent=self,
                data_dir=self.session.paths.root,
                username=username,
                password=password,
                clock=self.session.clock,
            ).success(self._switched)
        else:
            operation = site_ops.confirm_identity(
                parent=self, session=self.session, password=password
            ).success(lambda _none: self._unlocked())
        operation.known_error(self._refused).done(lambda: self._set_busy(False)).run_in_background()

    def _unlocked(self) -> None:
        self._reset_fields()
        self.unlocked.emit()

    def _switched(self, signed_in: site_ops.SignedIn) -> None:
        if signed_in.session.password_reset is not None:
            # A reset password is replaced at the sign-in window, not on a locked screen.
            signed_in.session.close()
            self._set_busy(False)
            self.password.clear()
            style.set_error(
                self.error,
                self.tr(
                    "Your password was reset: sign out, then sign in from the sign-in "
                    "window to choose a new one."
                ),
            )
            return
        self._reset_fields()
        self.switched.emit(signed_in)

    def _refused(self, exc: ClinicError) -> None:
        self._set_busy(False)
        style.set_error(self.error, i18n.translate_message(exc.message))
        self.password.clear()
        self.password.setFocus()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        for widget in (
            self.username,
            self.password,
            self.submit_button,
            self.back_button,
            self.switch_button,
            self.sign_out_button,
        ):
            widget.setEnabled(not busy)
        self.status.setText(text if busy else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the lock window must not reveal or end anything: sign out instead."""
        event.ignore()
