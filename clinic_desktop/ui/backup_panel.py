"""The IT panel for backups: when and where the last one was made, and "Back up now…".

A backup is the encrypted database copied with SQLite's online backup while the clinic
keeps working, verified, and written with its key file beside it, into a folder IT
chooses (a USB stick, a network share, the site's own ``backups`` folder). The panel runs
it off the GUI thread with a progress bar and names the verified file at the end; the
status bar and this panel reload on the BACKUP change notice, and the reminder clears.

Restoring is deliberately not a button: it replaces the live database, which this very
window has open. The panel spells out the ``clinic-admin restore`` command to run with the
app closed instead. Nothing here shows personal data; the services allow it to the roles
that handle the key file (IT, administrators).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.services.backup import BackupInfo, BackupOverview
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import changes, dialogs, style
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.operations import backup as backup_ops
from clinic_desktop.ui.widgets.facts import TaskPanel, fact_form, progress_block


class BackupPanel(TaskPanel):
    """Last backup, reminder, "Back up now…" with progress, and how to restore."""

    #: The overview arrived (argument: ``BackupOverview``).
    loaded = Signal(object)
    #: A backup was written and verified (argument: ``BackupInfo``).
    backed_up = Signal(object)
    #: A sentence for the status bar.
    message = Signal(str)

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.overview: BackupOverview | None = None
        self.setObjectName("backupPanel")
        self.setAccessibleName(self.tr("Backup"))
        self._build()
        self._update_buttons()
        changes.subscribe(self, {Change.BACKUP}, lambda _changed: self.refresh())

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        column.setSpacing(style.SPACING)
        self.title = style.heading(self.tr("Backups"), 1.3)
        column.addWidget(self.title)
        column.addWidget(
            style.secondary(
                self.tr(
                    "A backup is an encrypted, verified copy of the clinic database with its "
                    "key file beside it, made while the clinic keeps working. It opens only "
                    "with a staff password or the recovery key as they were on the day it "
                    "was made. Keep backups away from this computer: a USB stick in a locked "
                    "drawer, or the district's share."
                )
            )
        )
        column.addLayout(self._build_facts())
        column.addLayout(self._build_buttons())
        column.addLayout(self._build_progress())
        self.state_label = style.error_label("backupState")
        column.addWidget(self.state_label)
        column.addWidget(style.heading(self.tr("Restoring a backup"), 1.1))
        column.addLayout(self._build_restore())
        column.addStretch(1)

    def _build_facts(self) -> QFormLayout:
        form, self.facts = fact_form(
            "backup",
            (
                ("last", self.tr("Last backup")),
                ("where", self.tr("Saved in")),
                ("file", self.tr("File")),
                ("reminder", self.tr("Reminder")),
            ),
            wrap=True,
        )
        return form

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up now…"))
        self.backup_button.setObjectName("backUpNow")
        self.backup_button.setAccessibleName(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        return row

    def _build_progress(self) -> QVBoxLayout:
        box, self.progress, self.result_label = progress_block(
            "backupProgress", self.tr("Backup progress"), "backupResult"
        )
        return box

    def _build_restore(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(style.SPACING)
        box.addWidget(
            style.secondary(
                self.tr(
                    "Restoring replaces the clinic database, so it is not done from here: "
                    "close Clinic Desktop on this computer, then run this command. It asks "
                    "for that account's password as it was when the backup was made (leave "
                    "out --user to use the recovery key instead), checks the backup before "
                    "touching anything, and keeps the replaced database beside it."
                )
            )
        )
        self.restore_command = QLabel()
        self.restore_command.setObjectName("restoreCommand")
        self.restore_command.setAccessibleName(self.tr("Restore command"))
        self.restore_command.setFont(style.monospace_font())
        self.restore_command.setWordWrap(True)
        self.restore_command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.restore_command)
        row = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy command"))
        self.copy_button.setObjectName("copyRestoreCommand")
        self.copy_button.setAccessibleName(self.tr("Copy the restore command"))
        self.copy_button.clicked.connect(self.copy_restore_command)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        box.addLayout(row)
        self._show_restore_command(None)
        return box

    # --- overview ------------------------------------------------------------------------

    def refresh(self) -> None:
        backup_ops.overview(parent=self, session=self.session).success(self._show).known_error(
            self._refused
        ).run_in_background()

    def _show(self, overview: BackupOverview) -> None:
        self.overview = overview
        last = overview.last
        now = self.session.now()
        if last is None:
            self.facts["last"].setText(self.tr("None recorded yet"))
        else:
            when = formats.date_time(last.at, self.session.zone())
            self.facts["last"].setText(
                self.tr("{when} ({age})").format(when=when, age=formats.age_of(last.at, now))
            )
        self.facts["where"].setText(last.folder if last and last.folder else "—")
        self.facts["file"].setText(last.file_name if last else "—")
        self.facts["reminder"].setText(self._reminder_text(overview))
        style.set_tone(self.facts["reminder"], "warning" if overview.overdue else "muted")
        self._show_restore_command(
            Path(last.folder, last.file_name) if last and last.folder else None
        )
        self._update_buttons()
        self.loaded.emit(overview)

    def _reminder_text(self, overview: BackupOverview) -> str:
        days = overview.reminder_days
        text = self.tr("The status bar reminds everyone after {days} days without a backup.")
        text = text.format(days=days)
        if overview.overdue:
            return self.tr("{text} A backup is due now.").format(text=text)
        return text

    def restore_command_text(self, backup: Path | None) -> str:
        """The exact command line, with this site's folder and, if known, the last backup."""
        file = _quoted(str(backup)) if backup else "FILE"
        folder = _quoted(str(self.session.paths.root))
        user = self.session.user.username
        return f"clinic-admin restore {file} --data-dir {folder} --user {user}"

    def _show_restore_command(self, backup: Path | None) -> None:
        self.restore_command.setText(self.restore_command_text(backup))

    def copy_restore_command(self) -> None:
        QGuiApplication.clipboard().setText(self.restore_command.text())
        self.message.emit(self.tr("Restore command copied."))

    def _update_buttons(self) -> None:
        self.backup_button.setEnabled(not self.busy)

    # --- backing up ----------------------------------------------------------------------

    def back_up(self) -> None:
        """Choose a folder, then write and verify a backup there with progress."""
        start = self.overview.default_folder if self.overview else self.session.paths.backups
        folder = dialogs.choose_folder(
            self, self.tr("Save the backup in which folder?"), folder=start
        )
        if folder is None:
            return
        self._start_task(self.tr("Copying the database…"))
        backup_ops.back_up(parent=self, session=self.session, folder=folder).progress(
            self._progressed
        ).success(self._backed_up).known_error(self._task_refused).done(
            lambda: self._set_busy(False)
        ).run_in_background()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if done >= total:
            self.result_label.setText(self.tr("Verifying the copy…"))

    def _backed_up(self, info: BackupInfo) -> None:
        self.progress.setValue(self.progress.maximum())
        self.result_label.setText(
            self.tr(
                "Backup written and verified: {file} in {folder}. Its key file {keys} is "
                "beside it; keep the two together."
            ).format(file=info.path.name, folder=info.path.parent, keys=info.keyring_path.name)
        )
        self.message.emit(self.tr("Backup written and verified."))
        self.backed_up.emit(info)


def _quoted(text: str) -> str:
    """A path as one shell word (double quotes work in POSIX shells and on Windows)."""
    return f'"{text}"' if any(ch.isspace() or ch in "'\"$`&;|<>()" for ch in text) else text
