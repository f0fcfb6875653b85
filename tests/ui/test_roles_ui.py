"""Each role sees only what it may: nurses no behavioral-health note text, IT and
administrators no charts (accounts and upkeep instead). The services enforce it too."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from clinic_desktop.domain.roles import Role
from clinic_desktop.services import students, users, visits
from clinic_desktop.ui import operations
from clinic_desktop.ui.backup_panel import BackupPanel
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.sync_panel import SyncPanel
from tests.conftest import PASSWORDS
from tests.factories import student, visit

TIMEOUT = 5000


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


def _window(qtbot, session) -> MainWindow:
    window = MainWindow(session, site_name="Lincoln High School Health Center")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _all_text(window: QWidget) -> str:
    return "\n".join(label.text() for label in window.findChildren(QLabel))


def test_a_nurse_sees_a_behavioral_visit_without_its_note(qtbot, site, clinician):
    pupil = students.create_student(clinician, student())
    visits.record_visit(
        clinician,
        pupil.id,
        visit(
            site.clock() - timedelta(hours=1),
            visit_type="behavioral_health",
            reason="Grief",
            note="Private words",
        ),
    )
    with site.sign_in("nurse") as nurse:
        window = _window(qtbot, nurse)
        assert window.new_visit_action.isVisible()  # nurses record nursing visits
        window.open_student(pupil)
        chart = window.chart_view
        qtbot.waitUntil(lambda: len(chart.timeline_tab.rows()) == 1, timeout=TIMEOUT)
        assert chart.timeline_tab.rows()[0].hidden
        chart.tabs.setCurrentWidget(chart.visits_tab)
        qtbot.waitUntil(lambda: len(chart.visits_tab.visits()) == 1, timeout=TIMEOUT)
        # The sensitivity model withholds reason and note alike (issue 16).
        note = chart.visits_tab.note.text()
        assert note == "Restricted (behavioral health): details not visible to your role"
        assert chart.visits_tab.note.font().italic()
        assert "Private words" not in _all_text(window)
        window.close()
        qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


def test_it_sees_only_users_sync_and_backup(qtbot, it_user):
    window = _window(qtbot, it_user)
    assert not window.has_charts
    assert not hasattr(window, "roster") and not hasattr(window, "chart_view")
    tabs = window.admin_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["&Users", "&Sync", "&Backup"]
    assert isinstance(tabs.widget(1), SyncPanel)
    assert isinstance(tabs.widget(2), BackupPanel)
    assert tabs.widget(2).title.text() == "Backups"
    for action in (window.find_action, window.today_action, window.new_visit_action):
        assert not action.isVisible() and not action.isEnabled()
    qtbot.waitUntil(lambda: window.users_tab.model.rowCount() == 4, timeout=TIMEOUT)
    rows = {row.cells[0]: row.cells[1:] for row in window.users_tab.model.rows()}
    assert rows["nurse"] == ("Nurse", "Nurse", "Active")
    assert rows["it"] == ("It", "IT", "Active")
    assert window.user_label.text() == "Signed in as It (IT)"


def test_the_status_bar_names_a_role_once(qtbot, admin, site):
    """A display name that already ends with the role (the demo's "Pat Okafor
    (Administrator)") is not followed by the role a second time."""
    users.add_user(admin, "pat", PASSWORDS["admin"], Role.ADMIN, "Pat Okafor (Administrator)")
    users.add_user(admin, "lee", PASSWORDS["admin"], Role.ADMIN, "Lee Park")
    with site.sign_in("pat", PASSWORDS["admin"]) as pat:
        assert _window(qtbot, pat).user_label.text() == "Signed in as Pat Okafor (Administrator)"
    with site.sign_in("lee", PASSWORDS["admin"]) as lee:
        assert _window(qtbot, lee).user_label.text() == "Signed in as Lee Park (Administrator)"


def test_an_administrator_adds_disables_and_unlocks_accounts(qtbot, admin, site, prompts):
    window = _window(qtbot, admin)
    tabs = window.admin_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["&Users"]
    panel = window.users_tab
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=TIMEOUT)
    # Add: errors beside the fields, then a good account.
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    form = panel.add_form
    qtbot.keyClicks(form.inputs["username"], "X")
    qtbot.keyClicks(form.inputs["password"], "short")
    qtbot.keyClicks(form.inputs["confirm"], "short")
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.field_error("password") != "", timeout=TIMEOUT)
    assert form.field_error("username").startswith("Must be 2-32 characters")
    for key, text in (("username", "jlopez"), ("password", "long-enough-1")):
        form.inputs[key].setText(text)
    form.inputs["confirm"].setText("long-enough-1")
    form.inputs["display_name"].setText("Julia López, RN")
    form.role.setCurrentIndex(form.role.findText("Nurse"))
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5, timeout=TIMEOUT)
    assert panel.add_form is None  # the form closed
    # Disable after a confirmation.
    row = [r.cells[0] for r in panel.model.rows()].index("jlopez")
    panel.table.selectRow(row)
    prompts.answers["confirm"] = True
    qtbot.mouseClick(panel.disable_button, Qt.MouseButton.LeftButton)
    assert prompts.take("confirm")
    qtbot.waitUntil(lambda: _status(panel, "jlopez") == "Disabled", timeout=TIMEOUT)
    assert {u.username: u.disabled for u in users.list_users(admin)}["jlopez"]
    # Unlock an account locked by failed sign-ins.
    _lock_out(site, "nurse")
    panel.refresh()
    qtbot.waitUntil(lambda: _status(panel, "nurse").startswith("Locked"), timeout=TIMEOUT)
    panel.table.selectRow([r.cells[0] for r in panel.model.rows()].index("nurse"))
    assert panel.unlock_button.isEnabled()
    qtbot.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _status(panel, "nurse") == "Active", timeout=TIMEOUT)


def test_a_clinician_has_no_account_area(qtbot, clinician):
    window = _window(qtbot, clinician)
    assert window.has_charts and not hasattr(window, "admin_tabs")
    assert window.import_action.isVisible()  # clinicians import the roster too


def _status(panel, username: str) -> str:
    for row in panel.model.rows():
        if row.cells[0] == username:
            return row.cells[3]
    return ""


def _lock_out(site, username: str) -> None:
    from clinic_desktop import errors

    for _attempt in range(20):
        try:
            site.sign_in(username, "wrong-password")
        except errors.AccountLockedError:
            return
        except errors.ClinicError:
            site.clock.advance(minutes=10)  # past the back-off delay
    raise AssertionError("the account never locked")


def test_a_refused_password_message_goes_when_the_password_is_changed(qtbot, admin):
    """The defect: "one of the most common passwords" stayed beside the field after the
    password was changed."""
    window = _window(qtbot, admin)
    panel = window.users_tab
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    form = panel.add_form
    qtbot.keyClicks(form.inputs["username"], "jlopez")
    qtbot.keyClicks(form.inputs["display_name"], "Julia Lopez")
    qtbot.keyClicks(form.inputs["password"], "password123")
    qtbot.keyClicks(form.inputs["confirm"], "password123")
    qtbot.keyClick(form.inputs["confirm"], Qt.Key.Key_Return)  # Enter in the last field
    qtbot.waitUntil(lambda: form.field_error("password") != "", timeout=TIMEOUT)
    assert "common" in form.field_error("password")
    qtbot.keyClicks(form.inputs["password"], "-and-a-horse")
    assert form.field_error("password") == ""
    form.reject()
    window.close()
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


@pytest.mark.parametrize("username", ["it", "admin"])
def test_every_control_of_the_accounts_area_has_an_accessible_name(qtbot, site, username):
    from tests.ui.test_main_window import unnamed_controls

    with site.sign_in(username) as session:
        window = _window(qtbot, session)
        window.users_tab.show_add_form()
        assert unnamed_controls(window) == []
        window.close()
        qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


def test_it_is_offered_only_it_accounts_to_create(qtbot, it_user):
    from clinic_desktop.ui.user_dialog import UserDialog

    dialog = UserDialog(it_user)
    qtbot.addWidget(dialog)
    offered = [dialog.role.itemData(i) for i in range(dialog.role.count())]
    assert offered == [Role.IT]


def test_admin_is_offered_every_role(qtbot, admin):
    from clinic_desktop.ui.user_dialog import UserDialog

    dialog = UserDialog(admin)
    qtbot.addWidget(dialog)
    offered = [dialog.role.itemData(i) for i in range(dialog.role.count())]
    assert offered == [Role.CLINICIAN, Role.NURSE, Role.IT, Role.ADMIN]


def test_it_may_re_enable_only_it_accounts(qtbot, site, admin):
    users.add_user(admin, "it2", PASSWORDS["it"], Role.IT, "Second IT")
    users.disable_user(admin, "nurse")
    users.disable_user(admin, "it2")
    with site.sign_in("it") as it:
        panel = _window(qtbot, it).users_tab
        qtbot.waitUntil(lambda: _status(panel, "nurse") == "Disabled", timeout=TIMEOUT)
        names = [r.cells[0] for r in panel.model.rows()]
        panel.table.selectRow(names.index("nurse"))
        assert not panel.enable_button.isEnabled()
        panel.table.selectRow(names.index("it2"))
        assert panel.enable_button.isEnabled()
        qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
