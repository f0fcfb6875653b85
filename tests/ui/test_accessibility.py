"""Every control a keyboard or screen-reader user can reach has a name, and no alert
carries its meaning by colour alone.

The name is read the way assistive technology reads it, through
``QAccessible.queryAccessibleInterface(w).text(Name)``, so a field named by its buddy
label passes as well as one given ``setAccessibleName``. Each window is walked as it is
shown to a user, for each role that can open it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QTabWidget, QWidget

from clinic_desktop.demo.site import DemoAccount
from clinic_desktop.domain.consents import ConsentInput
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.domain.roles import Role
from clinic_desktop.services import (
    consents,
    partners,
    printing,
    referrals,
    screenings,
    students,
    visits,
)
from clinic_desktop.services import settings as site_settings
from clinic_desktop.ui import operations
from clinic_desktop.ui.chart_view import ChartView
from clinic_desktop.ui.consent_dialog import ConsentDialog
from clinic_desktop.ui.error_dialog import ErrorDialog
from clinic_desktop.ui.errors import BUG_MESSAGE
from clinic_desktop.ui.flag_action_dialog import FlagActionDialog, FlagBanner
from clinic_desktop.ui.guardian_dialog import GuardianDialog
from clinic_desktop.ui.lock_screen import LockScreen
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.partner_dialog import PartnerDialog
from clinic_desktop.ui.partner_import_dialog import PartnerImportDialog
from clinic_desktop.ui.partner_window import PartnerWindow
from clinic_desktop.ui.print_preview import PrintPreviewDialog
from clinic_desktop.ui.recovery_key_dialog import RecoveryKeyDialog
from clinic_desktop.ui.referral_action_dialog import ReferralActionDialog
from clinic_desktop.ui.referral_dialog import ReferralDialog
from clinic_desktop.ui.revoke_consent_dialog import RevokeConsentDialog
from clinic_desktop.ui.roster_import_dialog import RosterImportDialog
from clinic_desktop.ui.screening_dialog import ScreeningDialog
from clinic_desktop.ui.settings_dialog import SettingsDialog
from clinic_desktop.ui.setup_dialog import SetupDialog
from clinic_desktop.ui.signin_dialog import SignInDialog
from clinic_desktop.ui.student_dialog import StudentDialog
from clinic_desktop.ui.visit_dialog import VisitDialog
from clinic_desktop.ui.visit_record_dialog import AddendumDialog, VisitRecordDialog
from tests.conftest import PASSWORDS
from tests.factories import guardian, student, visit

TIMEOUT = 5000
ASQ_ACUTE = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 1}
#: The visit dialog's completer popup cannot be raised or grabbed offscreen.
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


# --- the walker ----------------------------------------------------------------------------


def accessible_name(widget: QWidget) -> str:
    """What a screen reader announces for ``widget`` (its buddy label counts)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None or not interface.isValid():
        return ""
    return (interface.text(QAccessible.Text.Name) or "").strip()


def focusable_widgets(window: QWidget) -> list[QWidget]:
    """Widgets on screen that Tab can reach, ``window`` included.

    The line edit inside a combo box or spin box is announced through its owner, and a
    disabled control is skipped by Tab, so neither is counted on its own.
    """
    candidates = [window, *window.findChildren(QWidget)]
    return [
        w
        for w in candidates
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.isVisible()
        and w.isEnabled()
        and not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
        and w.window() is window.window()
    ]


def unnamed(window: QWidget) -> list[str]:
    """The reachable controls a screen reader would announce without a name."""
    return [
        f"{type(w).__name__}#{w.objectName() or '?'} in {type(w.parentWidget()).__name__}"
        for w in focusable_widgets(window)
        if not accessible_name(w)
    ]


def show(qtbot, widget: QWidget) -> QWidget:
    """Show ``widget`` as the active window, where key presses go."""
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=TIMEOUT)
    return widget


def assert_all_named(window: QWidget) -> None:
    assert focusable_widgets(window), f"{type(window).__name__} shows no control"
    assert unnamed(window) == []


def each_tab(qtbot, window: QWidget) -> Iterator[tuple[str, QWidget]]:
    """Every page of every tab widget in ``window``, each on screen while it is yielded."""
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            qtbot.waitUntil(tabs.widget(index).isVisible, timeout=TIMEOUT)
            yield tabs.tabText(index).replace("&", ""), tabs.widget(index)


# --- the chart's records -------------------------------------------------------------------


@pytest.fixture
def records(clinician):
    """A student with a guardian, a partner, a release, a sent referral and an acute flag."""
    pupil = students.create_student(clinician, student(), (guardian(),))
    eastside = partners.add_partner(
        clinician, PartnerInput(name="Eastside Counseling", kind="community_mental_health")
    )
    release = consents.record_consent(
        clinician,
        pupil.id,
        ConsentInput(
            kind="release_of_information",
            signer_kind="guardian",
            signed_on=date(2026, 9, 1),
            guardian_id=pupil.guardians[0].id,
            partner_id=eastside.id,
            purpose="Counseling referral",
            information_kinds=("demographics",),
            expires_on=date(2027, 6, 30),
        ),
    )
    referral = referrals.create_referral(
        clinician, pupil.id, ReferralInput(eastside.id, "Anxiety", "routine")
    )
    [flag] = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_ACUTE).flags
    [summary] = students.search_students(clinician, pupil.district_id)
    return {
        "pupil": pupil,
        "summary": summary,
        "partner": eastside,
        "release": release,
        "referral": referral,
        "flag": flag,
    }


def open_chart(qtbot, session, summary) -> ChartView:
    view = show(qtbot, ChartView(session))
    view.resize(1100, 800)
    with qtbot.waitSignal(view.opened, timeout=TIMEOUT):
        view.show_student(summary)
    return view


# --- start-up and lock ---------------------------------------------------------------------


def test_sign_in_dialog_names_every_control(qtbot, site):
    accounts = (DemoAccount("clinician", PASSWORDS["clinician"], Role.CLINICIAN),)
    dialog = show(
        qtbot, SignInDialog(site.data_dir, clock=site.clock, demo_accounts=accounts, site_name="")
    )
    assert_all_named(dialog)


def test_setup_dialog_names_every_control(qtbot, tmp_path, clock):
    assert_all_named(show(qtbot, SetupDialog(tmp_path / "new-site", clock=clock)))


def test_recovery_key_dialog_names_every_control(qtbot):
    assert_all_named(show(qtbot, RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")))


def test_lock_screen_names_every_control_in_both_forms(qtbot, clinician):
    screen = show(qtbot, LockScreen(clinician, site_name="Lincoln High"))
    assert_all_named(screen)
    screen.show_switch()
    assert_all_named(screen)


# --- the workspace, per role ----------------------------------------------------------------


def open_window(qtbot, session) -> MainWindow:
    window = show(qtbot, MainWindow(session, site_name="Lincoln High School Health Center"))
    return window


@pytest.mark.parametrize("role", ["clinician", "nurse", "admin", "it"])
def test_main_window_names_every_control_on_every_tab(qtbot, site, role, request):
    session = request.getfixturevalue("it_user" if role == "it" else role)
    if session.user.role.value in ("clinician", "nurse"):
        students.create_student(session, student())
    window = open_window(qtbot, session)
    assert_all_named(window)
    for title, page in each_tab(qtbot, window):
        assert unnamed(window) == [], f"tab {title!r}"
        assert page.isVisible()


@pytest.mark.parametrize("role", ["clinician", "nurse"])
def test_chart_view_names_every_control_on_every_tab(qtbot, records, role, request):
    session = request.getfixturevalue(role)
    view = open_chart(qtbot, session, records["summary"])
    qtbot.waitUntil(lambda: bool(view.alert_texts()), timeout=TIMEOUT)
    assert_all_named(view)
    for title, _page in each_tab(qtbot, view):
        assert unnamed(view) == [], f"tab {title!r}"


def test_partner_window_names_every_control(qtbot, clinician, records):
    assert_all_named(show(qtbot, PartnerWindow(clinician)))


# --- every dialog the chart and the workspace open ------------------------------------------

DIALOGS: dict[str, Callable[[object, dict], QWidget]] = {
    "visit": lambda s, r: VisitDialog(s, r["summary"], clock=s.clock),
    "screening": lambda s, r: ScreeningDialog(s, r["summary"]),
    "referral": lambda s, r: ReferralDialog(s, r["summary"]),
    "referral from a flag": lambda s, r: ReferralDialog(s, r["summary"], flag=r["flag"]),
    "referral action": lambda s, r: ReferralActionDialog(s, r["referral"], "sent"),
    "referral scheduled": lambda s, r: ReferralActionDialog(s, r["referral"], "scheduled"),
    "consent": lambda s, r: ConsentDialog(s, r["pupil"].id),
    "release": lambda s, r: ConsentDialog(
        s, r["pupil"].id, kind="release_of_information", partner_id=r["partner"].id
    ),
    "revoke consent": lambda s, r: RevokeConsentDialog(s, r["release"]),
    "guardian": lambda s, r: GuardianDialog(None),
    "new student": lambda s, r: StudentDialog(s, None),
    "edit student": lambda s, r: StudentDialog(s, r["pupil"].id),
    "partner": lambda s, r: PartnerDialog(s, r["partner"]),
    "partner import": lambda s, r: PartnerImportDialog(s),
    "roster import": lambda s, r: RosterImportDialog(s),
    "flag action": lambda s, r: FlagActionDialog(s, r["flag"]),
    "bug report": lambda s, r: ErrorDialog(BUG_MESSAGE, "Traceback: ValueError in forms.py"),
    "print preview": lambda s, r: PrintPreviewDialog(None, printing.consent_form(s, r["pupil"].id)),
    "visit draft": lambda s, r: VisitDialog(s, r["summary"], clock=s.clock, visit=_draft(s, r)),
    "visit record": lambda s, r: VisitRecordDialog(s, _signed(s, r), r["summary"]),
    "addendum": lambda s, r: AddendumDialog(s, _signed(s, r)),
}


def _draft(session, records):
    return visits.record_visit(session, records["pupil"].id, visit(session.now(), disposition=None))


def _signed(session, records):
    done = visit(session.now(), disposition="sent_home")
    return visits.record_visit(session, records["pupil"].id, done, sign=True)


def settings_dialog(qtbot, admin) -> SettingsDialog:
    """The administrators' settings, as File > Settings… opens it."""
    return show(qtbot, SettingsDialog(admin, site_settings.admin_settings(admin)))


def test_settings_dialog_names_every_control(qtbot, admin):
    assert_all_named(settings_dialog(qtbot, admin))


@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialog_names_every_control(qtbot, clinician, records, name):
    dialog = show(qtbot, DIALOGS[name](clinician, records))
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    assert_all_named(dialog)


# --- alerts: words and an icon, never colour alone -------------------------------------------


def icon_and_text(banner: QWidget) -> tuple[bool, str]:
    """Whether ``banner`` shows a picture, and the words it shows."""
    labels = [label for label in banner.findChildren(QLabel) if label.isVisibleTo(banner)]
    has_icon = any(label.pixmap() is not None and not label.pixmap().isNull() for label in labels)
    words = " ".join(label.text() for label in labels if label.text()).strip()
    return has_icon, words


def test_chart_alerts_carry_words_and_an_icon(qtbot, clinician, records):
    view = open_chart(qtbot, clinician, records["summary"])
    qtbot.waitUntil(lambda: bool(view.alert_texts()), timeout=TIMEOUT)
    banners = [view._alerts.itemAt(i).widget() for i in range(view._alerts.count())]
    assert any(b.property("banner") == "acute" for b in banners)
    for banner in banners:
        has_icon, words = icon_and_text(banner)
        assert has_icon, banner.accessibleName()
        assert words and accessible_name(banner), banner.property("banner")
    assert view.alert_texts()[0].startswith("Open risk flag: ")


def test_flag_banner_in_the_action_dialog_says_acute_in_words_beside_an_icon(
    qtbot, clinician, records
):
    dialog = show(qtbot, FlagActionDialog(clinician, records["flag"]))
    [banner] = dialog.findChildren(FlagBanner)
    has_icon, words = icon_and_text(banner)
    assert has_icon
    assert "ACUTE RISK" in words


def test_notice_strip_is_announced_with_its_text(qtbot):
    from clinic_desktop.ui.widgets.notice import Notice

    notice = show(qtbot, Notice("draftNotice", action="Discard draft"))
    notice.show_text("Restored your unsaved draft.")
    assert accessible_name(notice) == "Restored your unsaved draft."
    assert notice.label.text() == "Restored your unsaved draft."
    assert notice.button is not None and accessible_name(notice.button) == "Discard draft"
