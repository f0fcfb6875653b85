"""Sign-in: user name and password, refusals shown inline, busy while the key is derived."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.clock import Clock, utc_now
from clinic_desktop.domain.roles import Role
from clinic_desktop.errors import ClinicError
from clinic_desktop.paths import SitePaths
from clinic_desktop.ui import i18n, settings, style
from clinic_desktop.ui.widgets.language import LanguageCombo

# Start-up time (issue 9): the dialog must show within 1.5 s of launch, so the store, the
# ORM models, Alembic and the demo service are imported only when the user signs in.
if TYPE_CHECKING:
    from clinic_desktop.demo.site import DemoAccount
    from clinic_desktop.services.context import ClinicSession
    from clinic_desktop.ui.operations import site as site_ops

DEMO_INTRO = QT_TRANSLATE_NOOP(
    "SignInDialog",
    "Every student in the demo clinic is made up. Click an account to fill in the form; "
    "each role sees what it would see in a real clinic.",
)
#: The product's name is not translated.
PRODUCT = "Clinic Desktop"
_ROLE_ORDER = (Role.CLINICIAN, Role.NURSE, Role.ADMIN, Role.IT)


class SignInDialog(QDialog):
    """Signs a staff member in; ``session`` and ``site_name`` are set on success."""

    signed_in = Signal(object)  # ClinicSession

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Clock = utc_now,
        demo_accounts: Sequence[DemoAccount] = (),
        site_name: str = "",
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.session: ClinicSession | None = None
        self.site_name = site_name or settings.recall(SitePaths(self.data_dir), settings.SITE_NAME)
        self.busy = False
        #: Open while a user whose password was reset chooses a new one.
        self.new_password_dialog: QDialog | None = None
        #: The user picked another language: the launcher shows this sign-in again in it.
        self.language_changed = False
        self.setWindowTitle(self.tr("Sign in — {site}").format(site=self.site_name or PRODUCT))
        self.setWindowIcon(style.app_icon())
        self._build(demo_accounts)
        self.username.setText(username)
        (self.password if username else self.username).setFocus()

    # --- layout ------------------------------------------------------------------------

    def _build(self, demo_accounts: Sequence[DemoAccount]) -> None:
        body = QHBoxLayout(self)
        body.setContentsMargins(style.MARGIN + 8, style.MARGIN + 8, style.MARGIN + 8, style.MARGIN)
        body.setSpacing(style.MARGIN * 2)
        body.addLayout(self._build_form(), 3)
        self.demo_panel: QGroupBox | None = None
        if demo_accounts:
            self.demo_panel = self._build_demo_panel(demo_accounts)
            body.addWidget(self.demo_panel, 2)

    def _build_form(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(style.SPACING + 4)
        column.addLayout(self._build_header())
        column.addSpacing(style.SPACING)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText(self.tr("Your user name"))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        for edit in (self.username, self.password):
            edit.setMinimumWidth(260)
            edit.textEdited.connect(lambda _text: style.set_error(self.error, None))
        form = QFormLayout()
        form.setHorizontalSpacing(style.SPACING * 2)
        form.setVerticalSpacing(style.SPACING)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        column.addLayout(form)
        self.error = style.error_label("signInError")
        column.addWidget(self.error)
        column.addSpacing(style.SPACING)
        column.addLayout(self._build_footer())
        column.addStretch(1)
        return column

    def _build_header(self) -> QHBoxLayout:
        icon = QLabel()
        icon.setPixmap(style.app_icon().pixmap(52, 52))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.site_label = style.heading(self.site_name or self.tr("Sign in"), 1.35, wrap=True)
        self.site_label.setObjectName("siteName")
        titles.addWidget(self.site_label)
        subtitle = self.tr("Sign in to Clinic Desktop") if self.site_name else PRODUCT
        titles.addWidget(style.secondary(subtitle, wrap=False))
        row = QHBoxLayout()
        row.setSpacing(style.SPACING + 4)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(titles, 1)
        self.language_box = LanguageCombo(i18n.saved_choice(SitePaths(self.data_dir)))
        self.language_box.chosen.connect(self._change_language)
        row.addWidget(self.language_box, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _build_footer(self) -> QHBoxLayout:
        self.status = style.secondary(wrap=False)
        self.status.setObjectName("status")
        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.sign_in_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter always means "Sign in", wherever focus is
        self.sign_in_button.setDefault(True)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(buttons)
        return row

    def _build_demo_panel(self, accounts: Sequence[DemoAccount]) -> QGroupBox:
        panel = QGroupBox(self.tr("Demo accounts"))
        panel.setObjectName("demoPanel")
        width = self.fontMetrics().averageCharWidth() * 42
        panel.setMinimumWidth(width)
        column = QVBoxLayout(panel)
        column.setSpacing(2)
        intro = style.secondary(QCoreApplication.translate("SignInDialog", DEMO_INTRO))
        # A wrapped label's height depends on its width, which the dialog's size hint does
        # not know: reserve what the text needs at the narrowest the panel can be, or a
        # longer translation is clipped.
        margins = column.contentsMargins()
        intro.setMinimumHeight(intro.heightForWidth(width - margins.left() - margins.right()))
        column.addWidget(intro)
        column.addSpacing(4)
        self.demo_buttons: dict[str, QCommandLinkButton] = {}
        for account in sorted(accounts, key=_role_rank):
            button = QCommandLinkButton(
                i18n.translate_message(Role(account.role).label),
                f"{account.username}  ·  {account.password}",
            )
            button.setObjectName(f"demo-{account.username}")
            button.setAutoDefault(False)
            button.setToolTip(
                self.tr("User name {username}, password {password}").format(
                    username=account.username, password=account.password
                )
            )
            button.clicked.connect(lambda _checked=False, a=account: self.fill(a))
            self.demo_buttons[account.username] = button
            column.addWidget(button)
        column.addStretch(1)
        return panel

    # --- behaviour -----------------------------------------------------------------------

    def fill(self, account: DemoAccount) -> None:
        """Put a demo account's user name and password in the fields."""
        self.username.setText(account.username)
        self.password.setText(account.password)
        style.set_error(self.error, None)
        self.sign_in_button.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._show_error(self.tr("Enter your user name and password."))
            (self.password if username else self.username).setFocus()
            return
        style.set_error(self.error, None)
        self._set_busy(True)
        from clinic_desktop.ui.operations import site as site_ops  # lazy: see the imports

        site_ops.sign_in(
            parent=self,
            data_dir=self.data_dir,
            username=username,
            password=password,
            clock=self.clock,
        ).success(self._signed_in).known_error(self._refused).done(
            lambda: self._set_busy(False)
        ).run_in_background()

    def _signed_in(self, result: site_ops.SignedIn) -> None:
        if result.session.password_reset is not None:
            self._choose_new_password(result)
            return
        self._finish(result)

    def _choose_new_password(self, result: site_ops.SignedIn) -> None:
        """Someone else reset the password: the user replaces it before the app opens."""
        from clinic_desktop.ui.new_password_dialog import NewPasswordDialog  # lazy

        dialog = NewPasswordDialog(result.session, self)
        self.new_password_dialog = dialog  # the session is open: Cancel must not leak it
        dialog.finished.connect(lambda code: self._new_password_done(result, code))
        dialog.open()

    def _new_password_done(self, result: site_ops.SignedIn, code: int) -> None:
        self.new_password_dialog = None
        if code == QDialog.DialogCode.Accepted:
            self._finish(result)
            return
        result.session.close()
        self.password.clear()
        self._show_error(self.tr("Choose a new password to sign in."))
        self.password.setFocus()

    def _finish(self, result: site_ops.SignedIn) -> None:
        self.session = result.session
        if result.site_name:
            self.site_name = result.site_name
            settings.remember(SitePaths(self.data_dir), settings.SITE_NAME, result.site_name)
        self.password.clear()
        self.signed_in.emit(result.session)
        self.accept()

    def _refused(self, exc: ClinicError) -> None:
        self._set_busy(False)
        self._show_error(i18n.translate_message(exc.message))
        self.password.clear()
        self.password.setFocus()

    def _show_error(self, text: str) -> None:
        style.set_error(self.error, text)
        style.grow_to_fit(self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.username, self.password, self.sign_in_button, self.cancel_button):
            widget.setEnabled(not busy)
        if self.demo_panel is not None:
            self.demo_panel.setEnabled(not busy)
        self.status.setText(self.tr("Signing in…") if busy else "")

    def _change_language(self, choice: str) -> None:
        """Store the choice and close; the launcher opens the sign-in again in it."""
        if self.busy:
            return
        i18n.choose_language(SitePaths(self.data_dir), choice)
        self.language_changed = True
        self.password.clear()
        self.done(QDialog.DialogCode.Rejected)

    def reject(self) -> None:
        """Cancel is refused while a sign-in is running (its session must not leak)."""
        if not self.busy and self.new_password_dialog is None:
            super().reject()


def _role_rank(account: DemoAccount) -> int:
    role = Role(account.role)
    return _ROLE_ORDER.index(role) if role in _ROLE_ORDER else len(_ROLE_ORDER)
