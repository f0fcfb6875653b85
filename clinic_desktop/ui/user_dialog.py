"""A new staff account: user name, display name, role and a password typed twice.

The service checks the account (the user name's form, the password rules); its reasons
appear beside the fields and go as soon as the field is changed. The texts keep the
"UsersTab" translation context of the Users tab that opens this dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from clinic_desktop.domain.accounts import MIN_PASSWORD_LENGTH
from clinic_desktop.domain.roles import Role, assignable_roles
from clinic_desktop.errors import FieldError
from clinic_desktop.services.context import ClinicSession, UserInfo
from clinic_desktop.ui import style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import site as site_ops
from clinic_desktop.ui.widgets.form import FormSection
from clinic_desktop.ui.widgets.form_dialog import FormDialog

#: (field, label, placeholder); the texts are translated when the form is built.
FORM_FIELDS = (
    (
        "username",
        QT_TRANSLATE_NOOP("UsersTab", "User name"),
        QT_TRANSLATE_NOOP("UsersTab", "e.g. jlopez"),
    ),
    (
        "display_name",
        QT_TRANSLATE_NOOP("UsersTab", "Display name"),
        QT_TRANSLATE_NOOP("UsersTab", "e.g. Julia López, RN"),
    ),
    (
        "password",
        QT_TRANSLATE_NOOP("UsersTab", "Password"),
        QT_TRANSLATE_NOOP("UsersTab", "At least {count} characters"),
    ),
    (
        "confirm",
        QT_TRANSLATE_NOOP("UsersTab", "Confirm password"),
        QT_TRANSLATE_NOOP("UsersTab", "Type the password again"),
    ),
)
_SECRET = ("password", "confirm")


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsersTab", text)


class UserDialog(FormDialog):
    """Creates one account; ``account_added(UserInfo)`` on success."""

    account_added = Signal(object)

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.inputs: dict[str, QLineEdit] = {}
        self.setObjectName("addUserForm")
        self.setWindowTitle(QCoreApplication.translate("UsersTab", "New account"))
        self.setWindowIcon(style.app_icon())
        self._build()
        style.fit_to_width(self, style.chars(self, 64))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 2)
        section = FormSection(QCoreApplication.translate("UsersTab", "New account"), self.errors)
        for key, label, placeholder in FORM_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(_tr(placeholder).format(count=MIN_PASSWORD_LENGTH))
            if key in _SECRET:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.inputs[key] = edit
            section.add_field(key, _tr(label), edit)
            if key == "display_name":
                section.add_field(
                    "role",
                    QCoreApplication.translate("UsersTab", "Role"),
                    self._build_role_choice(),
                )
        layout.addWidget(section)
        layout.addWidget(self.errors.general)
        self.errors.general.setObjectName("addUserError")
        layout.addLayout(
            self.build_footer(
                QCoreApplication.translate("UsersTab", "Create account"), "createUser"
            )
        )
        self.create_button = self.accept_button
        self.submit_on_enter(self.inputs["confirm"])
        self.inputs["username"].setFocus()

    def _build_role_choice(self) -> QComboBox:
        """Only the roles this user may create (IT: IT accounts; administrators: all)."""
        self.role = QComboBox()
        self.role.setObjectName("roleChoice")
        for role in assignable_roles(self.session.user.role):
            self.role.addItem(translate_message(role.label), role)
        return self.role

    def field_error(self, name: str) -> str:
        """The message beside ``name`` (empty when none)."""
        return self.errors.text(name)

    def check(self) -> list[FieldError]:
        if self.inputs["password"].text() != self.inputs["confirm"].text():
            return [
                FieldError(
                    "confirm", QCoreApplication.translate("UsersTab", "The passwords do not match.")
                )
            ]
        return []

    def operation(self) -> Operation:
        account = site_ops.NewAccount(
            self.inputs["username"].text().strip(),
            self.inputs["display_name"].text().strip(),
            Role(self.role.currentData()),
            self.inputs["password"].text(),
        )
        return site_ops.add_account(parent=self, session=self.session, account=account)

    def saved(self, user: UserInfo) -> None:
        self.account_added.emit(user)
