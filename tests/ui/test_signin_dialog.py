from PySide6.QtCore import Qt

from clinic_desktop.demo.site import DemoAccount
from clinic_desktop.domain.roles import Role
from clinic_desktop.errors import WrongPasswordError
from clinic_desktop.ui.signin_dialog import SignInDialog
from tests.conftest import PASSWORDS


def _dialog(qtbot, site, **kwargs) -> SignInDialog:
    dialog = SignInDialog(site.data_dir, clock=site.clock, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _sign_in(qtbot, dialog: SignInDialog, username: str, password: str) -> None:
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_wrong_password_is_refused_inline(qtbot, site):
    dialog = _dialog(qtbot, site)
    _sign_in(qtbot, dialog, "clinician", "not-the-password")
    assert dialog.status.text() == "Signing in…"
    assert not dialog.sign_in_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.error.text() == WrongPasswordError.message, timeout=5000)
    assert not dialog.error.isHidden()
    assert dialog.password.text() == ""
    assert dialog.sign_in_button.isEnabled()
    assert dialog.session is None
    assert dialog.result() == 0


def test_right_password_signs_in_and_hands_over_the_session(qtbot, site):
    dialog = _dialog(qtbot, site)
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signal:
        _sign_in(qtbot, dialog, "clinician", PASSWORDS["clinician"])
    session = signal.args[0]
    try:
        assert session is dialog.session
        assert session.user.username == "clinician"
        assert dialog.site_name == "Lincoln High School Health Center"
        assert dialog.result() == SignInDialog.DialogCode.Accepted
        assert dialog.password.text() == ""
    finally:
        session.close()


def test_enter_signs_in_after_a_refusal(qtbot, site):
    dialog = _dialog(qtbot, site)
    _sign_in(qtbot, dialog, "nurse", "not-the-password")
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=5000)
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signal:
        qtbot.keyClicks(dialog.password, PASSWORDS["nurse"])
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    signal.args[0].close()
    assert dialog.result() == SignInDialog.DialogCode.Accepted


def test_site_name_is_remembered_for_the_next_sign_in(qtbot, site):
    first = _dialog(qtbot, site)
    with qtbot.waitSignal(first.signed_in, timeout=5000) as signal:
        _sign_in(qtbot, first, "nurse", PASSWORDS["nurse"])
    signal.args[0].close()
    again = _dialog(qtbot, site)
    assert again.site_label.text() == "Lincoln High School Health Center"
    assert "Lincoln High School Health Center" in again.windowTitle()


def test_empty_fields_are_refused_without_trying(qtbot, site):
    dialog = _dialog(qtbot, site)
    dialog.submit()
    assert dialog.error.text() == "Enter your user name and password."
    assert not dialog.busy


def test_demo_panel_lists_accounts_and_fills_the_fields(qtbot, site):
    accounts = (
        DemoAccount("admin", "demo-admin-2026", Role.ADMIN),
        DemoAccount("clinician", "demo-clinician-2026", Role.CLINICIAN),
    )
    dialog = _dialog(qtbot, site, demo_accounts=accounts)
    assert dialog.demo_panel is not None
    button = dialog.demo_buttons["clinician"]
    assert "demo-clinician-2026" in button.description()
    assert button.text() == "Clinician"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialog.username.text() == "clinician"
    assert dialog.password.text() == "demo-clinician-2026"


def test_no_demo_panel_for_a_real_site(qtbot, site):
    assert _dialog(qtbot, site).demo_panel is None


def test_a_read_only_data_folder_is_refused_inline_in_plain_words(qtbot, site, monkeypatch):
    """Issue 18, finding 13: a sign-in that cannot be counted (the folder refuses writes) is
    refused with one plain sentence, never a crash report; the key file is untouched."""
    import errno
    import tempfile

    from clinic_desktop.errors import FolderNotWritableError

    keyring = site.data_dir / "keyring.json"
    before = keyring.read_bytes()
    real = tempfile.mkstemp

    def read_only(*args, dir=None, **kwargs):
        if dir is not None and str(dir).startswith(str(site.data_dir)):
            raise OSError(errno.EROFS, "Read-only file system", str(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    dialog = _dialog(qtbot, site)
    _sign_in(qtbot, dialog, "clinician", PASSWORDS["clinician"])
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=5000)
    expected = FolderNotWritableError.at(site.data_dir).message
    assert dialog.error.text() == str(expected)
    assert dialog.session is None and keyring.read_bytes() == before


# --- issue 18, finding 7: a reset password is replaced at sign-in ----------------------------


def _reset_by_admin(site, username: str, password: str) -> None:
    from clinic_desktop.services import site as site_service

    with site.sign_in("admin") as admin:
        site_service.set_password(admin, username, password)


def test_a_reset_password_is_replaced_before_the_app_opens(qtbot, site):
    _reset_by_admin(site, "nurse", "set by the admin 1")
    dialog = _dialog(qtbot, site)
    _sign_in(qtbot, dialog, "nurse", "set by the admin 1")
    qtbot.waitUntil(lambda: dialog.new_password_dialog is not None, timeout=5000)
    form = dialog.new_password_dialog
    assert "reset by admin on 10/14/2026 at 10:30 AM" in form.notice.text()
    assert dialog.session is None  # nothing handed over yet
    qtbot.keyClicks(form.password, "my very own words")
    qtbot.keyClicks(form.confirm, "my very own words")
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signal:
        qtbot.keyClick(form.confirm, Qt.Key.Key_Return)
    session = signal.args[0]
    try:
        assert session.password_reset is None
        assert dialog.result() == SignInDialog.DialogCode.Accepted
    finally:
        session.close()
    with site.sign_in("nurse", "my very own words") as again:
        assert again.password_reset is None


def test_cancelling_the_new_password_signs_out_again(qtbot, site):
    _reset_by_admin(site, "nurse", "set by the admin 1")
    dialog = _dialog(qtbot, site)
    _sign_in(qtbot, dialog, "nurse", "set by the admin 1")
    qtbot.waitUntil(lambda: dialog.new_password_dialog is not None, timeout=5000)
    dialog.new_password_dialog.reject()
    assert dialog.session is None
    assert dialog.error.text() == "Choose a new password to sign in."
    assert dialog.result() == 0
    with site.sign_in("nurse", "set by the admin 1") as session:  # still to be replaced
        assert session.password_reset is not None


def test_the_reset_password_itself_is_refused_beside_the_field(qtbot, site):
    _reset_by_admin(site, "nurse", "set by the admin 1")
    dialog = _dialog(qtbot, site)
    _sign_in(qtbot, dialog, "nurse", "set by the admin 1")
    qtbot.waitUntil(lambda: dialog.new_password_dialog is not None, timeout=5000)
    form = dialog.new_password_dialog
    qtbot.keyClicks(form.password, "set by the admin 1")
    qtbot.keyClicks(form.confirm, "set by the admin 1")
    qtbot.keyClick(form.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.errors.text("password") != "", timeout=5000)
    assert "set for you" in form.errors.text("password")
    assert dialog.session is None
    form.reject()
