from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from clinic_desktop.services import site as site_service
from clinic_desktop.ui.recovery_key_dialog import RecoveryKeyDialog
from clinic_desktop.ui.setup_dialog import SetupDialog

TIMEOUT = 5000


def _fill(qtbot, dialog: SetupDialog, **overrides: str) -> None:
    values = {
        "site_code": "WHS",
        "site_name": "Washington High Health Center",
        "username": "pat",
        "display_name": "Pat Okafor",
        "password": "a-long-password",
        "confirm": "a-long-password",
    } | overrides
    for name, text in values.items():
        qtbot.keyClicks(dialog.inputs[name], text)


def _dialog(qtbot, tmp_path, clock) -> SetupDialog:
    dialog = SetupDialog(tmp_path / "new-site", clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_bad_site_code_is_shown_beside_its_field(qtbot, tmp_path, clock, prompts):
    dialog = _dialog(qtbot, tmp_path, clock)
    _fill(qtbot, dialog, site_code="!")
    dialog.create_button.click()
    error = dialog.field_errors["site_code"]
    qtbot.waitUntil(lambda: error.text() != "", timeout=TIMEOUT)
    assert error.text() == "Must be 2-16 letters, digits or '-'"
    assert not error.isHidden()
    assert dialog.field_errors["site_name"].isHidden()
    assert not site_service.site_exists(dialog.data_dir)
    assert prompts.take("show_recovery_key") == []
    qtbot.keyClicks(dialog.inputs["site_code"], "X")
    assert error.isHidden()


def test_mismatched_confirmation_is_caught_before_creating(qtbot, tmp_path, clock):
    dialog = _dialog(qtbot, tmp_path, clock)
    _fill(qtbot, dialog, confirm="something-else")
    dialog.create_button.click()
    assert dialog.field_errors["confirm"].text() == "Does not match the password"
    assert not dialog.busy


def test_success_shows_the_recovery_key_once(qtbot, tmp_path, clock, prompts):
    dialog = _dialog(qtbot, tmp_path, clock)
    _fill(qtbot, dialog)
    with qtbot.waitSignal(dialog.site_created, timeout=TIMEOUT) as created:
        qtbot.keyClick(dialog.inputs["confirm"], Qt.Key.Key_Return)
    result = created.args[0]
    [shown] = prompts.take("show_recovery_key")
    assert shown.args[1] == result.recovery_key
    assert dialog.result() == SetupDialog.DialogCode.Accepted
    assert dialog.admin_username == "pat"
    assert site_service.site_exists(dialog.data_dir)
    assert dialog.inputs["password"].text() == ""


def test_recovery_key_dialog_stays_open_until_the_key_is_written_down(qtbot):
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.close_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.recovery_key
    dialog.written_down.setChecked(True)
    assert dialog.close_button.isEnabled()
    dialog.close_button.click()
    assert not dialog.isVisible()
    assert dialog.result() == RecoveryKeyDialog.DialogCode.Accepted
    assert dialog.key_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
