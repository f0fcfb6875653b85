"""IT's Backup panel: "Back up now…" writes a real, verified backup into the chosen folder
with progress and the status bar's reminder clears; an unwritable folder is refused with
a plain message and the panel stays usable; cancelling the folder picker does nothing;
restoring is explained as a command, not offered as a button."""

import errno
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from clinic_desktop.services import backup as backup_service
from clinic_desktop.store import backup as store_backup
from clinic_desktop.ui import operations
from clinic_desktop.ui.backup_panel import BackupPanel
from clinic_desktop.ui.main_window import MainWindow
from tests.conftest import PASSWORDS

TIMEOUT = 10000


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


def it_window(qtbot, session) -> tuple[MainWindow, BackupPanel]:
    window = MainWindow(session, site_name="Lincoln High School Health Center")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel = window.admin_tabs.widget(2)
    assert isinstance(panel, BackupPanel)
    qtbot.waitUntil(lambda: window.maintenance is not None, timeout=TIMEOUT)
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        window.admin_tabs.setCurrentWidget(panel)
    return window, panel


def click_back_up(qtbot, panel: BackupPanel, prompts, folder: Path | None) -> None:
    prompts.answers["choose_folder"] = folder
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    [asked] = prompts.take("choose_folder")
    assert asked.kwargs["folder"] == panel.session.paths.backups  # offered first


def test_back_up_now_writes_a_verified_backup_and_clears_the_reminder(
    qtbot, it_user, prompts, tmp_path, monkeypatch
):
    monkeypatch.setattr(store_backup, "PAGES_PER_STEP", 8)  # several steps on a small clinic
    window, panel = it_window(qtbot, it_user)
    assert window.maintenance.backup_overdue and window.backup_label.text() == (
        "Last backup: never"
    )
    assert panel.facts["last"].text() == "None recorded yet"
    assert "A backup is due now." in panel.facts["reminder"].text()
    assert "after 7 days" in panel.facts["reminder"].text()

    usb = tmp_path / "usb stick"
    usb.mkdir()
    steps: list[int] = []
    panel.progress.valueChanged.connect(steps.append)
    with qtbot.waitSignal(panel.backed_up, timeout=TIMEOUT) as done:
        click_back_up(qtbot, panel, prompts, usb)
    info = done.args[0]
    assert info.path.parent == usb and info.path.name.startswith("LHS-")
    assert info.keyring_path.exists()
    assert len(steps) > 2 and steps == sorted(steps)
    assert panel.progress.value() == panel.progress.maximum()  # the bar ends full
    assert info.path.name in panel.result_label.text()
    assert "verified" in panel.result_label.text()

    # The file really is a backup that opens, checks clean and carries the clinic's data.
    keys = store_backup.unlock_backup(
        info.path, username="it", password=PASSWORDS["it"], recovery_key=None
    )
    scratch = tmp_path / "scratch.db"
    shutil.copyfile(info.path, scratch)
    assert store_backup.check_restorable(scratch, keys, info.keyring_path) == keys.current

    # The status bar's reminder clears, and the panel names the new backup and its folder.
    qtbot.waitUntil(lambda: not window.maintenance.backup_overdue, timeout=TIMEOUT)
    assert window.backup_label.text() == "Last backup: just now"
    qtbot.waitUntil(lambda: panel.facts["file"].text() == info.path.name, timeout=TIMEOUT)
    assert panel.facts["where"].text() == str(usb)
    assert "due now" not in panel.facts["reminder"].text()
    assert f'clinic-admin restore "{info.path}"' in panel.restore_command.text()
    assert panel.backup_button.isEnabled()
    window.close()


def test_an_unwritable_folder_is_refused_plainly_and_the_panel_stays_usable(
    qtbot, it_user, prompts, tmp_path, monkeypatch
):
    """The folder is made read-only; because the tests run as root (which ignores file
    modes), the kernel's refusal is also emulated where Python opens files in it."""
    _, panel = it_window(qtbot, it_user)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if Path(path).parent == locked and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    click_back_up(qtbot, panel, prompts, locked)
    qtbot.waitUntil(panel.state_label.isVisible, timeout=TIMEOUT)
    assert "read-only or you may not write to it" in panel.state_label.text()
    assert "Choose another folder" in panel.state_label.text()
    assert list(locked.iterdir()) == []
    qtbot.waitUntil(panel.backup_button.isEnabled, timeout=TIMEOUT)
    assert panel.progress.isHidden()

    # Still usable: the next backup, to a writable folder, succeeds and clears the error.
    good = tmp_path / "good"
    good.mkdir()
    with qtbot.waitSignal(panel.backed_up, timeout=TIMEOUT):
        click_back_up(qtbot, panel, prompts, good)
    assert not panel.state_label.isVisible()
    assert len(list(good.glob("*.db"))) == 1


def test_cancelling_the_folder_picker_does_nothing(qtbot, it_user, prompts):
    _, panel = it_window(qtbot, it_user)
    before = panel.result_label.text()
    click_back_up(qtbot, panel, prompts, None)
    assert operations.running_count() == 0
    assert panel.backup_button.isEnabled() and panel.progress.isHidden()
    assert panel.result_label.text() == before
    assert backup_service.last_backup(it_user) is None
    assert not list(it_user.paths.backups.glob("*.db"))


def test_restore_is_a_command_to_run_with_the_app_closed(qtbot, it_user):
    _, panel = it_window(qtbot, it_user)
    command = panel.restore_command.text()
    assert command == (
        f"clinic-admin restore FILE --data-dir {it_user.paths.root} --user it"
        if " " not in str(it_user.paths.root)
        else f'clinic-admin restore FILE --data-dir "{it_user.paths.root}" --user it'
    )
    buttons = {b.text() for b in panel.findChildren(QPushButton)}
    assert not any("restore" in text.lower() for text in buttons)
    with qtbot.waitSignal(panel.message, timeout=TIMEOUT):
        qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == command


def test_a_clinician_is_refused_by_the_service(qtbot, clinician):
    panel = BackupPanel(clinician)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(panel.state_label.isVisible, timeout=TIMEOUT)
    assert "does not allow this" in panel.state_label.text()
    assert panel.facts["last"].text() == "…"  # nothing about backups was shown
