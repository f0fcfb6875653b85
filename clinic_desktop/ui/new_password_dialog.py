"""The password someone else set must be replaced: shown right after such a sign-in.

An administrator (or IT, for IT accounts) who resets a password, or whoever used the
recovery key, knows the password they set. So the owner is told who reset it and when,
and chooses a new one before anything else opens (the services refuse everything else
until then: ``services.unit.require``). Cancel signs out again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from clinic_desktop.clock import local_time
from clinic_desktop.domain.accounts import MIN_PASSWORD_LENGTH
from clinic_desktop.errors import FieldError
from clinic_desktop.services.context import ClinicSession, ResetNotice
from clinic_desktop.services.site import RECOVERY_KEY
from clinic_desktop.ui import i18n, style
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import site as site_ops
from clinic_desktop.ui.widgets.form import FormSection
from clinic_desktop.ui.widgets.form_dialog import FormDialog


def reset_notice_text(notice: ResetNotice) -> str:
    """ "Your password was reset by admin on 10/14/2026 at 10:30 AM." in the interface
    language (its date and time too: "14/10/2026", "10:30" in Spanish)."""
    moment = local_time(notice.at)
    day, time = i18n.format_date(moment.date()), i18n.format_time(moment)
    if notice.by == RECOVERY_KEY:
        return QCoreApplication.translate(
            "NewPasswordDialog", "Your password was reset with the recovery key on {day} at {time}."
        ).format(day=day, time=time)
    return QCoreApplication.translate(
        "NewPasswordDialog", "Your password was reset by {name} on {day} at {time}."
    ).format(name=notice.by, day=day, time=time)


class NewPasswordDialog(FormDialog):
    """Sets the signed-in user's own new password; accepted once it is saved."""

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("newPasswordForm")
        self.setWindowTitle(self.tr("Choose a new password"))
        self.setWindowIcon(style.app_icon())
        self._build()
        style.fit_to_width(self, style.chars(self, 60))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 2)
        layout.addWidget(style.heading(self.tr("Choose a new password"), 1.2))
        notice = self.session.password_reset
        self.notice = QLabel(reset_notice_text(notice) if notice is not None else "")
        self.notice.setObjectName("resetNotice")
        self.notice.setWordWrap(True)
        self.notice.setFont(style.scaled_font(self.notice, 1.0, bold=True))
        layout.addWidget(self.notice)
        layout.addWidget(
            style.secondary(
                self.tr(
                    "Whoever reset it knows that password: choose one only you know before "
                    "you continue."
                )
            )
        )
        section = FormSection(self.tr("New password"), self.errors)
        self.password = QLineEdit()
        self.confirm = QLineEdit()
        self.password.setPlaceholderText(
            self.tr("At least {count} characters").format(count=MIN_PASSWORD_LENGTH)
        )
        self.confirm.setPlaceholderText(self.tr("Type the password again"))
        for edit in (self.password, self.confirm):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("newPassword")
        self.confirm.setObjectName("confirmPassword")
        section.add_field("password", self.tr("New password"), self.password)
        section.add_field("confirm", self.tr("Confirm password"), self.confirm)
        layout.addWidget(section)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.build_footer(self.tr("Set password"), "setPassword"))
        self.submit_on_enter(self.confirm)
        self.password.setFocus()

    def check(self) -> list[FieldError]:
        if self.password.text() != self.confirm.text():
            return [FieldError("confirm", self.tr("The passwords do not match."))]
        return []

    def operation(self) -> Operation:
        return site_ops.choose_own_password(
            parent=self, session=self.session, password=self.password.text()
        )
