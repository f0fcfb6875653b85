"""Staff accounts, for IT and administrators: who may sign in, in which role.

Lists every account with its status (active, locked after failed sign-ins, disabled).
Roles that manage users add accounts in ``UserDialog`` (errors beside the fields),
disable (after a confirmation), re-enable (with a new password) and unlock them. The
services enforce all of it; this panel only offers what the role may do.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.accounts import MIN_PASSWORD_LENGTH
from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.roles import Permission, account_permission
from clinic_desktop.services.context import ClinicSession, UserInfo
from clinic_desktop.ui import changes, dialogs, style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models.table_model import Row, TableModel, ToneDelegate
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import site as site_ops
from clinic_desktop.ui.user_dialog import UserDialog

HEADERS = (
    QT_TRANSLATE_NOOP("UsersTab", "User name"),
    QT_TRANSLATE_NOOP("UsersTab", "Name"),
    QT_TRANSLATE_NOOP("UsersTab", "Role"),
    QT_TRANSLATE_NOOP("UsersTab", "Status"),
)
INTRO = QT_TRANSLATE_NOOP(
    "UsersTab",
    "Each account opens the encrypted database with its own key. Disabling an account "
    "removes its key at once; re-enabling it means setting a new password.",
)


class UsersTab(QWidget):
    #: The account list arrived (argument: ``list[Account]``).
    loaded = Signal(object)
    #: A change succeeded (argument: a sentence for the status bar).
    message = Signal(str)

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.can_manage = session.can(Permission.MANAGE_USERS)
        self.model = TableModel(tuple(_tr(h) for h in HEADERS), self)
        #: The open "New account" dialog, if any.
        self.add_form: UserDialog | None = None
        self._build()
        changes.subscribe(self, {Change.USERS}, lambda _changed: self.refresh())

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        column.setSpacing(style.SPACING)
        column.addWidget(style.heading(self.tr("Staff accounts"), 1.3))
        column.addWidget(style.secondary(_tr(INTRO)))
        column.addLayout(self._build_buttons())
        self.table = self._build_table()
        column.addWidget(self.table, 1)
        self.state_label = style.error_label("usersState")
        column.addWidget(self.state_label)

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = self._button(self.tr("Add user…"), "addUser", self.show_add_form)
        self.disable_button = self._button(
            self.tr("Disable…"), "disableUser", self.disable_selected
        )
        self.enable_button = self._button(self.tr("Enable…"), "enableUser", self.enable_selected)
        self.unlock_button = self._button(self.tr("Unlock"), "unlockUser", self.unlock_selected)
        for button in (self.add_button, self.disable_button, self.enable_button):
            row.addWidget(button)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        for button in (self.add_button, self.disable_button, self.enable_button):
            button.setVisible(self.can_manage)
        self.unlock_button.setVisible(self.can_manage)
        return row

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("usersTable")
        table.setAccessibleName(self.tr("Staff accounts"))
        table.setModel(self.model)
        table.setItemDelegate(ToneDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(style.em(table, 1.7))
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Columns as wide as their contents, the spare width after the status: on a wide
        # screen a user's name stays next to their role.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        return table

    # --- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        style.set_error(self.state_label, None)
        site_ops.list_accounts(parent=self, session=self.session).success(self._show).known_error(
            lambda exc: style.set_error(self.state_label, translate_message(exc.message))
        ).run_in_background()

    def _show(self, accounts: list[site_ops.Account]) -> None:
        selected = self.selected()
        rows = [
            Row(
                (
                    a.user.username,
                    a.user.display_name,
                    translate_message(a.user.role.label),
                    translate_message(a.status),
                ),
                a,
                tones={3: _status_tone(a)},
            )
            for a in accounts
        ]
        self.model.set_rows(rows)
        if selected is not None:
            for row, account in enumerate(accounts):
                if account.user.username == selected.user.username:
                    self.table.selectRow(row)
        self._update_buttons()
        self.loaded.emit(accounts)

    def selected(self) -> site_ops.Account | None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        return record if isinstance(record, site_ops.Account) else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        account = self.selected()
        mine = account is not None and account.user.username == self.session.user.username
        active = account is not None and not account.user.disabled
        self.disable_button.setEnabled(active and not mine)
        self.enable_button.setEnabled(
            account is not None and account.user.disabled and self._may_reset(account)
        )
        self.unlock_button.setEnabled(account is not None and account.locked)

    def _may_reset(self, account: site_ops.Account) -> bool:
        """Re-enabling sets a password: administrators for every account, IT for IT's."""
        return self.session.can(account_permission(account.user.role))

    # --- actions -------------------------------------------------------------------------

    def disable_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        name = account.user.display_name
        if not dialogs.confirm(
            self,
            self.tr("Disable account"),
            self.tr(
                "Disable {name}'s account? They will not be able to sign in until an "
                "administrator enables it again with a new password."
            ).format(name=name),
            action=self.tr("Disable"),
        ):
            return
        self._run(
            site_ops.disable_account(
                parent=self, session=self.session, username=account.user.username
            ),
            self.tr(
                "{name}'s account is disabled, and the database key was changed so that "
                "copies of the old key file no longer open it."
            ).format(name=name),
        )

    def enable_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        password = dialogs.ask_text(
            self,
            self.tr("Enable account"),
            self.tr("New password for {name} (at least {count} characters):").format(
                name=account.user.display_name, count=MIN_PASSWORD_LENGTH
            ),
            secret=True,
        )
        if not password:
            return
        self._run(
            site_ops.enable_account(
                parent=self,
                session=self.session,
                username=account.user.username,
                password=password,
            ),
            self.tr("{name}'s account is enabled.").format(name=account.user.display_name),
        )

    def unlock_selected(self) -> None:
        account = self.selected()
        if account is not None:
            self._run(
                site_ops.unlock_account(
                    parent=self, session=self.session, username=account.user.username
                ),
                self.tr("{name} can sign in again.").format(name=account.user.display_name),
            )

    def _run(self, operation: Operation, done_text: str) -> None:
        operation.success(lambda _result: self._done(done_text)).known_error(
            lambda exc: style.set_error(self.state_label, translate_message(exc.message))
        ).run_in_background()

    def _done(self, text: str) -> None:
        """A change succeeded; the list reloads on the change notice."""
        style.set_error(self.state_label, None)
        self.message.emit(text)

    # --- adding -------------------------------------------------------------------------

    def show_add_form(self) -> None:
        """Open the "New account" dialog (raised if it is open already)."""
        if self.add_form is not None and self.add_form.isVisible():
            self.add_form.raise_()
            return
        dialog = UserDialog(self.session, self)
        dialog.account_added.connect(self._added)
        dialog.finished.connect(lambda _result: self._add_form_closed(dialog))
        self.add_form = dialog
        dialog.open()

    def _added(self, user: UserInfo) -> None:
        self._done(self.tr("Account created for {name}.").format(name=user.display_name))

    def _add_form_closed(self, dialog: UserDialog) -> None:
        if self.add_form is dialog:
            self.add_form = None
        dialog.deleteLater()
        self.add_button.setFocus()


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsersTab", text)


def _status_tone(account: site_ops.Account) -> str:
    """Disabled is muted, locked a warning, active fine (the status is also in words)."""
    if account.user.disabled:
        return "muted"
    return "warning" if account.locked else "ok"
