"""The administrator's Settings dialog: opened from the File menu, saved through the
service, invalid input refused beside its field with nothing saved, a logo chosen through
the dialogs seam and printed in the forms' header, and the idle lock following along."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from clinic_desktop.services import printing, settings, students
from clinic_desktop.ui import operations
from clinic_desktop.ui import settings as ui_settings
from clinic_desktop.ui.idle_lock import ScreenLock, minutes_to_ms
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.settings_dialog import SettingsDialog, apply_to_lock, open_settings
from tests.factories import student
from tests.ui.test_accessibility import assert_all_named, show

TIMEOUT = 5000


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


@pytest.fixture
def dialog(qtbot, admin):
    shown = SettingsDialog(admin, settings.admin_settings(admin))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def logo_file(tmp_path):
    path = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), "#1f4e79").save(path)
    return path


def window_for(qtbot, session) -> MainWindow:
    window = MainWindow(session, site_name="Lincoln High School Health Center")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def settings_action(window: MainWindow):
    found = [a for a in window.findChildren(type(window.quit_action)) if a.objectName()]
    return next((a for a in found if a.objectName() == "settingsAction"), None)


def save(qtbot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)


def replace_text(qtbot, field, text: str) -> None:
    """Select what the field holds and type over it (Backspace when ``text`` is empty)."""
    field.selectAll()
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Backspace)


def test_an_administrator_opens_it_from_the_file_menu(qtbot, admin):
    window = window_for(qtbot, admin)
    action = settings_action(window)
    assert action is not None and action.isVisible()
    assert action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    qtbot.waitUntil(lambda: _open_dialog() is not None, timeout=TIMEOUT)
    shown = _open_dialog()
    assert shown.site_name.text() == "Lincoln High School Health Center"
    assert shown.idle_lock.value() == 5
    shown.reject()


def test_it_opens_inside_the_screen_with_its_sections_scrolling(qtbot, admin):
    """Opened over the main window (as from the File menu), the whole dialog, Save and
    Cancel included, is on the screen; what does not fit scrolls (a 1366x768 laptop)."""
    window = window_for(qtbot, admin)
    window.setGeometry(window.screen().availableGeometry())
    settings_action(window).trigger()
    qtbot.waitUntil(lambda: _open_dialog() is not None, timeout=TIMEOUT)
    shown = _open_dialog()
    qtbot.waitExposed(shown)
    screen = shown.screen().availableGeometry()
    assert screen.contains(shown.frameGeometry()), (shown.frameGeometry(), screen)
    if shown.scroll_area.widget().sizeHint().height() > shown.scroll_area.viewport().height():
        assert shown.scroll_area.verticalScrollBar().maximum() > 0
    shown.reject()


def test_changed_values_are_saved_and_announced(qtbot, dialog, admin, site):
    replace_text(qtbot, dialog.site_name, "Lincoln HS Health Center")
    qtbot.keyClicks(dialog.site_address, "1 Main St, Oakland")
    qtbot.keyClicks(dialog.site_phone, "(555) 555-0100")
    dialog.idle_lock.setValue(12)
    dialog.backup_reminder.setValue(14)
    dialog.follow_up["routine_days"].setValue(21)
    dialog.minors_allowed.setChecked(True)
    dialog.minimum_age.setValue(12)
    dialog.kinds["services"].setChecked(True)
    with qtbot.waitSignal(dialog.settings_saved, timeout=TIMEOUT) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = settings.admin_settings(admin)
    assert saved.args == [stored]
    assert stored.details.site_name == "Lincoln HS Health Center"
    assert stored.details.site_phone == "(555) 555-0100"
    assert (stored.settings.idle_lock_minutes, stored.settings.backup_reminder_days) == (12, 14)
    assert stored.settings.follow_up.routine_days == 21
    rule = stored.settings.minor_consent
    assert (rule.minimum_age, sorted(rule.kinds)) == (12, ["services"])
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    # The sign-in screen names the clinic before the database is open.
    assert ui_settings.recall(admin.paths, ui_settings.SITE_NAME) == "Lincoln HS Health Center"


def test_invalid_input_is_refused_beside_its_fields_and_nothing_is_saved(qtbot, dialog, admin):
    before = settings.admin_settings(admin)
    replace_text(qtbot, dialog.site_name, "")
    qtbot.keyClicks(dialog.site_phone, "call the office")
    dialog.idle_lock.setValue(30)
    dialog.follow_up["emergent_days"].setValue(7)
    dialog.minors_allowed.setChecked(True)  # but no kind of consent ticked
    save(qtbot, dialog)
    assert dialog.errors.text("site_name") == "Is required"
    assert dialog.errors.text("site_phone") == "Is not a phone number"
    assert dialog.errors.text("follow_up.emergent_days") == (
        "Must not be later than urgent follow-ups"
    )
    assert dialog.errors.text("minor_consent.kinds") == "Choose what minors may consent to"
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    assert settings.admin_settings(admin) == before
    qtbot.keyClicks(dialog.site_name, "L")
    assert dialog.errors.text("site_name") == ""  # typing clears the field's message


def test_a_chosen_logo_is_previewed_saved_and_printed(
    qtbot, dialog, admin, clinician, prompts, logo_file
):
    assert not dialog.remove_logo_button.isEnabled()
    prompts.answers["choose_open_file"] = logo_file
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    [asked] = prompts.take("choose_open_file")
    assert "*.png" in asked.kwargs["filters"] and "*.jpg" in asked.kwargs["filters"]
    qtbot.waitUntil(lambda: dialog.logo is not None, timeout=TIMEOUT)
    assert not dialog.logo_preview.pixmap().isNull()
    assert dialog.remove_logo_button.isEnabled()
    assert settings.admin_settings(admin).logo is None  # not stored before Save
    save(qtbot, dialog)
    assert settings.admin_settings(admin).logo == dialog.logo
    pupil = students.create_student(clinician, student())
    pdf = PdfReader(io.BytesIO(printing.consent_form(clinician, pupil.id).data))
    xobjects = pdf.pages[0]["/Resources"]["/XObject"]
    assert [o.get_object()["/Subtype"] for o in xobjects.values()] == ["/Image"]


def test_a_file_that_is_not_an_image_is_refused_beside_the_logo(
    qtbot, dialog, admin, prompts, tmp_path
):
    fake = tmp_path / "logo.png"
    fake.write_text("this is a letter, not a picture", encoding="utf-8")
    prompts.answers["choose_open_file"] = fake
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    prompts.take("choose_open_file")
    qtbot.waitUntil(lambda: dialog.errors.text("logo") != "", timeout=TIMEOUT)
    assert dialog.errors.text("logo") == "Must be a PNG or JPEG image"
    assert dialog.logo is None
    save(qtbot, dialog)
    assert settings.admin_settings(admin).logo is None


def test_removing_the_logo_stores_none(qtbot, admin, logo_file):
    logo = settings.prepared_logo(logo_file.read_bytes())
    settings.save_admin_settings(admin, replace(settings.admin_settings(admin), logo=logo))
    shown = SettingsDialog(admin, settings.admin_settings(admin))
    qtbot.addWidget(shown)
    assert shown.remove_logo_button.isEnabled()
    qtbot.mouseClick(shown.remove_logo_button, Qt.MouseButton.LeftButton)
    assert shown.logo_preview.pixmap().isNull()
    save(qtbot, shown)
    assert settings.admin_settings(admin).logo is None


@pytest.mark.parametrize("role", ["clinician", "nurse", "it_user"])
def test_other_roles_have_no_settings_entry(qtbot, request, role):
    window = window_for(qtbot, request.getfixturevalue(role))
    assert settings_action(window) is None


def test_a_user_without_the_permission_is_refused(qtbot, nurse, prompts):
    parent = QWidget()
    qtbot.addWidget(parent)
    open_settings(parent, nurse, lambda _saved: None)
    qtbot.waitUntil(lambda: prompts.calls != [], timeout=TIMEOUT)
    [refused] = prompts.take("show_error")
    assert "does not allow this" in refused.args[1]
    assert _open_dialog() is None


def test_a_new_idle_lock_interval_applies_to_the_running_lock(qtbot, admin):
    window = window_for(qtbot, admin)
    lock = ScreenLock(admin, window)
    window.settings_changed.connect(apply_to_lock(lock))
    lock.start()
    current = settings.admin_settings(admin)
    nine = replace(current, settings=replace(current.settings, idle_lock_minutes=9))
    saved = settings.save_admin_settings(admin, nine)
    window.settings_changed.emit(saved)
    assert lock.watcher.interval_ms == minutes_to_ms(9)
    lock.watcher.stop()
    lock.screen.deleteLater()


def _open_dialog() -> SettingsDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog)]
    visible = [w for w in found if w.isVisible()]
    return visible[0] if visible else None


def test_every_control_is_named_and_tab_walks_the_form_in_reading_order(qtbot, admin):
    shown = show(qtbot, SettingsDialog(admin, settings.admin_settings(admin)))
    shown.minors_allowed.setChecked(True)  # enables the age and the kinds of consent
    assert_all_named(shown)
    expected = [
        shown.site_name,
        shown.site_address,
        shown.site_phone,
        shown.choose_logo_button,  # Remove is disabled: there is no logo yet
        shown.idle_lock,
        shown.backup_reminder,
        *shown.follow_up.values(),
        shown.minors_allowed,
        shown.minimum_age,
        *shown.kinds.values(),
        shown.majority,
        shown.save_button,
    ]
    shown.site_name.setFocus()
    reached = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == expected
