"""Take the user guides' screenshots from the running app: ``make screenshots``.

Why a script: the guides show the real windows, so every change to the interface can be
re-photographed in one command instead of by hand. It starts a private X server (Xvfb)
unless ``$DISPLAY`` is already set, creates the demo clinic in a temporary folder (fake
data only, encrypted like a real site, deleted at the end), and drives the real app in
this process: the sign-in dialog, the ``Launcher`` with its main window and lock screen,
and the dialogs the guides describe, signing in with the demo accounts. Each screen is
saved as a PNG in ``docs/images/`` (``docs/images/es/`` with ``--lang es``).

The script exits 1 if any screen fails to appear or comes out blank, naming it, so a
broken screenshot never slips into the guides unnoticed.

    python docs/screenshots.py [--lang en|es] [--out DIR] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtGui import QAction, QGuiApplication, QImage
from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget

from clinic_desktop.demo.site import DEMO_SITE_NAME, DemoAccount, ensure_demo_site
from clinic_desktop.demo.site import accept_export_profile as demo_accept_profile
from clinic_desktop.domain.consents import ConsentInput
from clinic_desktop.domain.records import StudentDetail
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.domain.risk_actions import ActionInput, RiskAction
from clinic_desktop.domain.visits import VisitInput
from clinic_desktop.services import (
    consents,
    flags,
    partners,
    printing,
    referrals,
    screenings,
    students,
    visits,
)
from clinic_desktop.services import site as site_service
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.sync.keys import generate_district_keys
from clinic_desktop.ui import dialogs, i18n, operations
from clinic_desktop.ui.app import Launcher, create_application
from clinic_desktop.ui.backup_panel import BackupPanel
from clinic_desktop.ui.consent_dialog import ConsentDialog
from clinic_desktop.ui.models.timeline_model import ENTRY_ROLE
from clinic_desktop.ui.print_preview import PrintPreviewDialog
from clinic_desktop.ui.recovery_key_dialog import RecoveryKeyDialog
from clinic_desktop.ui.referral_action_dialog import ReferralActionDialog
from clinic_desktop.ui.settings_dialog import SettingsDialog
from clinic_desktop.ui.setup_dialog import SetupDialog
from clinic_desktop.ui.signin_dialog import SignInDialog
from clinic_desktop.ui.sync_panel import SyncPanel

ROOT = Path(__file__).resolve().parents[1]

#: The virtual screen: a common laptop size, so the pictures look like the real thing.
SCREEN = "1366x768x24"
TIMEOUT_S = 30.0


class ScreenMissingError(RuntimeError):
    """A screen did not appear (or came out blank) within the time allowed."""


# --- the X server ---------------------------------------------------------------------------


@contextmanager
def display() -> Iterator[None]:
    """Use ``$DISPLAY`` if set; otherwise run Xvfb for the duration of the block."""
    if os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        yield
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("Xvfb is not installed (Debian/Ubuntu: sudo apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(  # noqa: S603 - a fixed tool from PATH, fixed arguments
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise SystemExit("Xvfb did not start")
        os.environ["DISPLAY"] = f":{number}"
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- waiting and saving ---------------------------------------------------------------------


def wait_until(predicate: Callable[[], object], what: str, timeout: float = TIMEOUT_S) -> None:
    """Run the event loop until ``predicate()`` is true; ScreenMissingError(what) otherwise."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise ScreenMissingError(what)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def settle(seconds: float = 0.4) -> None:
    """Let background loads, layouts and repaints finish before a picture."""
    wait_until(lambda: operations.running_count() == 0, "background work to finish")
    end = time.monotonic() + seconds
    wait_until(lambda: time.monotonic() > end, "the screen to settle")


class Camera:
    """Saves widgets as PNGs and remembers what it took."""

    def __init__(self, out_dir: Path, only: set[str]) -> None:
        self.out_dir = out_dir
        self.only = only
        self.taken: list[Path] = []

    def wanted(self, name: str) -> bool:
        return not self.only or name in self.only

    def shoot(self, widget: QWidget, name: str) -> None:
        """``widget``'s window as ``name``.png; fails if it is hidden or blank."""
        if not self.wanted(name):
            return
        window = widget.window()
        wait_until(window.isVisible, f"{name}: the window to show")
        window.raise_()
        window.activateWindow()
        settle()
        self.save(window.grab().toImage(), name)

    def shoot_screen(self, widget: QWidget, name: str) -> None:
        """``widget``'s window as the screen shows it, open menus included (a menu is a
        window of its own, which ``grab()`` would leave out)."""
        if not self.wanted(name):
            return
        settle()
        area = widget.window().frameGeometry()
        screen = QGuiApplication.primaryScreen()
        grabbed = screen.grabWindow(0, area.x(), area.y(), area.width(), area.height())
        self.save(grabbed.toImage(), name)

    def save(self, image: QImage, name: str) -> None:
        check_not_blank(image, name)
        path = self.out_dir / f"{name}.png"
        if not image.save(str(path), "PNG"):
            raise ScreenMissingError(f"{name}: could not write {path}")
        self.taken.append(path)
        print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def check_not_blank(image: QImage, name: str) -> None:
    """A picture of one flat colour is an empty or unpainted window."""
    if image.isNull() or image.width() < 100 or image.height() < 60:
        raise ScreenMissingError(f"{name}: empty picture")
    step_x, step_y = max(image.width() // 40, 1), max(image.height() // 40, 1)
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), step_x)
        for y in range(0, image.height(), step_y)
    }
    if len(colours) < 4:
        raise ScreenMissingError(f"{name}: the picture is blank")


# --- the demo clinic and its extra records ---------------------------------------------------


def prepare_records(data_dir: Path, accounts: tuple[DemoAccount, ...]) -> dict[str, object]:
    """What the guides need beyond the demo's year of care, for one student: a release of
    information, a referral, screenings and an open acute risk flag (today's)."""
    password = {a.username: a.password for a in accounts}["clinician"]
    with site_service.sign_in(data_dir, "clinician", password) as session:
        pupil = next(s for s in _first_students(session) if s.guardians)
        # The demo's own partners (demo.care_plan): the guides show the same agencies.
        eastside = next(
            p for p in partners.search_partners(session) if p.name == "Eastside Counseling Center"
        )
        today = session.today()
        guardian_id = pupil.guardians[0].id
        consents.record_consent(
            session,
            pupil.id,
            ConsentInput(
                kind="services",
                signer_kind="guardian",
                signed_on=today - timedelta(days=60),
                guardian_id=guardian_id,
            ),
        )
        consents.record_consent(
            session,
            pupil.id,
            ConsentInput(
                kind="release_of_information",
                signer_kind="guardian",
                signed_on=today - timedelta(days=20),
                guardian_id=guardian_id,
                partner_id=eastside.id,
                purpose="Counseling referral and coordination of care",
                information_kinds=("demographics", "screening_results"),
                expires_on=date(today.year + 1, 6, 30),
            ),
        )
        gad = {f"q{n}": 2 for n in range(1, 8)} | {"q8": 1}
        sitting = screenings.administer_screening(session, pupil.id, "gad7", gad).visit_id
        referral = referrals.create_referral(
            session,
            pupil.id,
            ReferralInput(eastside.id, "Persistent anxiety affecting attendance", "routine"),
        )
        referral = referrals.send_referral(session, referral.id)
        scheduled = _older_referrals(session, pupil.id, eastside.id)
        asq = screenings.administer_screening(  # the same sitting: one visit (issue 16)
            session,
            pupil.id,
            "asq",
            {"q1": 1, "q2": 1, "q3": 0, "q4": 0, "q5": 1},
            visit_id=sitting,
        )
        signed = _signed_visit_with_addenda(session, pupil.id)
        # The same sitting: a PHQ-A in the ASQ's visit, raising related suicide-risk flags.
        phqa = {f"q{i}": 1 for i in range(1, 10)} | {"x1": 0, "x3": 1, "x4": 0}
        screenings.administer_screening(session, pupil.id, "phqa", phqa, visit_id=asq.visit_id)
        flag = asq.flags[0]
        guardian = pupil.guardians[0].name
        start = max(session.now() - timedelta(minutes=25), flag.raised_at)
        flags.record_flag_actions(
            session,
            flag.id,
            [
                ActionInput("crisis_team", start, "Dr. Amara Lee, district crisis team"),
                ActionInput(
                    "guardian_contacted",
                    max(session.now() - timedelta(minutes=10), start),
                    f"{guardian}, by phone",
                ),
            ],
        )
        [summary] = students.search_students(session, pupil.district_id or pupil.last_name)
    return {
        "student": summary,
        "referral": referral,
        "scheduled": scheduled,
        "partner": eastside,
        "signed": signed,
        "guardian": guardian,
    }


def _older_referrals(session: ClinicSession, student_id: object, partner_id: object) -> object:
    """Two referrals sent 16 days ago, so their follow-ups are overdue on Today and on the
    Referrals tab: one never answered, one scheduled for an appointment that has passed
    (the one "Mark attended" is shown for). Returns the scheduled one."""
    real = session.clock
    session.clock = lambda: real() - timedelta(days=16)
    try:
        unanswered = referrals.create_referral(
            session, student_id, ReferralInput(partner_id, "Trouble sleeping", "routine")
        )
        referrals.send_referral(session, unanswered.id)
        booked = referrals.create_referral(
            session, student_id, ReferralInput(partner_id, "Grief after a family loss", "urgent")
        )
        referrals.send_referral(session, booked.id)
    finally:
        session.clock = real
    appointment = (session.local_now() - timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    return referrals.transition_referral(
        session, booked.id, "scheduled", appointment_at=appointment
    )


def _signed_visit_with_addenda(session: ClinicSession, student_id: object) -> object:
    """Yesterday's counseling visit, written up today (a late entry), signed, with two
    addenda: a guardian's call back, and a late entry for something done at the visit."""
    yesterday = session.local_now().replace(hour=10, minute=15, second=0, microsecond=0)
    yesterday -= timedelta(days=1)
    visit = VisitInput(
        visit_type="behavioral_health",
        occurred_at=yesterday,
        reason="Anxiety",
        note="Worried about exams and sleeping badly. Practised box breathing; "
        "agreed a plan for test days. Check in next week.",
        disposition="referred",
        duration_minutes=30,
        icd10_codes=("F41.9",),
        cpt_codes=("90832",),
    )
    signed = visits.record_visit(session, student_id, visit, sign=True)  # type: ignore[arg-type]
    visits.add_addendum(
        session,
        signed.id,
        "Guardian called back",
        "Mother returned the call; she will help with the plan for test days.",
    )
    visits.add_addendum(
        session,
        signed.id,
        "Late entry",
        "Gave the student the school counseling hotline card at the end of the visit.",
        late_entry=True,
        refers_to=yesterday + timedelta(minutes=28),
    )
    return signed.id


def _first_students(session: ClinicSession) -> Iterator[StudentDetail]:
    """The roster's first students in full (with guardians), one at a time."""
    for summary in students.search_students(session, "", limit=40):
        yield students.get_student(session, summary.id)


# --- the tour -------------------------------------------------------------------------------


class Tour:
    """Drives the app through every screen the guides show, photographing each."""

    def __init__(self, camera: Camera, work: Path) -> None:
        self.camera = camera
        self.work = work
        self.data_dir = work / "demo"
        print("creating the demo clinic…")
        self.accounts = ensure_demo_site(self.data_dir, students=120)
        self.records = prepare_records(self.data_dir, self.accounts)
        self.launcher = Launcher(self.data_dir, demo=True, idle_ms=3_600_000)
        self.launcher.demo_accounts = self.accounts

    def password(self, username: str) -> str:
        return {a.username: a.password for a in self.accounts}[username]

    def run(self) -> None:
        self.first_run()
        self.sign_in("clinician")
        self.clinician()
        self.switch_to("nurse")
        self.nurse()
        self.switch_to("it")
        self.it()
        self.switch_to("admin")
        self.admin()
        self.sign_out()
        self.reset_password()

    # --- first run ------------------------------------------------------------------------

    def first_run(self) -> None:
        # The dialog only names the folder; nothing is written until "Create clinic",
        # which the tour never presses. The usual Linux location reads better than /tmp.
        setup = SetupDialog(Path("/home/clinic/.local/share/clinic-desktop"))
        setup.show()
        for name, value in (
            ("site_code", "LHS-SBHC"),
            ("site_name", "Lincoln High School Health Center"),
            ("username", "alee"),
            ("display_name", "A. Lee"),
            ("password", "correct horse battery"),
            ("confirm", "correct horse battery"),
        ):
            setup.inputs[name].setText(value)
        self.camera.shoot(setup, "setup")
        setup.close()
        key = RecoveryKeyDialog("KEML-NMRV-XGJG-7IWE-5WPT-3YA3-YY23-WAPF")
        key.show()
        self.camera.shoot(key, "recovery-key")
        key.close()

    # --- signing in and switching ----------------------------------------------------------

    def sign_in(self, username: str) -> None:
        dialog = SignInDialog(self.data_dir, demo_accounts=self.accounts, site_name=DEMO_SITE_NAME)
        dialog.show()
        account = next(a for a in self.accounts if a.username == username)
        dialog.fill(account)
        self.camera.shoot(dialog, "sign-in")
        dialog.submit()
        wait_until(lambda: dialog.session is not None, "sign-in to succeed")
        session, site_name = dialog.session, dialog.site_name
        dialog.hide()
        dialog.deleteLater()
        self.launcher.open_main_window(session, site_name)
        self.window_ready()

    def window_ready(self) -> None:
        window = self.launcher.window
        wait_until(lambda: window is not None and window.isVisible(), "the main window")
        window.resize(1366, 740)
        settle()

    def switch_to(self, username: str) -> None:
        """File > Switch user: the lock screen's switch form, as staff use it."""
        launcher = self.launcher
        launcher.switch_user()
        screen = launcher.screen_lock.screen
        wait_until(screen.isVisible, "the switch-user screen")
        screen.username.setText(username)
        screen.password.setText(self.password(username))
        if username == "nurse":
            self.camera.shoot(screen, "switch-user")
        old = launcher.window
        screen.submit()
        wait_until(lambda: launcher.window is not old, f"{username}'s workspace")
        self.window_ready()

    def sign_out(self) -> None:
        window = self.launcher.window
        window.closed.disconnect()
        window.close()
        self.launcher.shut_down()

    # --- the clinician's day --------------------------------------------------------------

    def open_chart(self, search_shot: str = "") -> None:
        """Find the guides' student by typing, as staff do, and open the chart."""
        window = self.launcher.window
        student = self.records["student"]
        window.focus_search()
        window.roster.search.setText(student.last_name)
        wait_until(lambda: window.roster.model.rowCount() > 0, "search results")
        if search_shot:
            self.camera.shoot(window, search_shot)
        chart = window.chart_view
        window.open_student(student)
        wait_until(lambda: chart.header is not None, "the chart header")
        wait_until(lambda: bool(chart.flag_buttons) or not chart.can_resolve, "flag buttons")

    def clinician(self) -> None:
        window = self.launcher.window
        window.show_today()
        self.camera.shoot(window, "today")
        self.open_chart("find-student")
        self.camera.shoot(window, "chart")
        self.visit()
        self.visit_records()
        self.screening()
        self.flag_action()
        self.referral()
        self.launcher.lock()
        screen = self.launcher.screen_lock.screen
        wait_until(screen.isVisible, "the lock screen")
        self.camera.shoot(screen, "lock-screen")
        screen.password.setText(self.password("clinician"))
        screen.submit()
        wait_until(lambda: window.isVisible(), "unlock")

    def visit(self) -> None:
        window = self.launcher.window
        window.new_visit()
        student = self.records["student"]
        dialog = window.visit_dialogs.get(student.id)
        wait_until(lambda: dialog is not None and dialog.isVisible(), "the visit dialog")
        form = getattr(dialog, "form", dialog)
        form.reason.setEditText("Anxiety before exams")
        form.note.setPlainText(
            "Student reports trouble sleeping before tests. Practised breathing; "
            "plan to check in next week."
        )
        self.camera.shoot(dialog, "visit")
        dialog.save_draft_now()  # the draft stays in the encrypted store, as on Cancel
        dialog.done(0)
        wait_until(lambda: not dialog.isVisible(), "the visit dialog to close")

    def visit_records(self) -> None:
        """A signed visit with its addenda, a draft to sign, and Today's unsigned notes."""
        window = self.launcher.window
        student = self.records["student"]
        window.open_visit(self.records["signed"])
        wait_until(lambda: student.id in window.visit_dialogs, "the signed visit")
        record = window.visit_dialogs[student.id]
        self.camera.shoot(record, "visit-signed")
        record.done(0)
        wait_until(lambda: student.id not in window.visit_dialogs, "the visit record to close")
        window.show_today()
        today = window.today_view
        wait_until(lambda: today.overview and today.overview.unsigned, "my unsigned notes")
        card = today.cards["unsigned"]
        card.table.setFocus()
        card.table.selectRow(0)
        scroll = today.findChild(QScrollArea)
        scroll.ensureWidgetVisible(card, 0, 40)
        self.camera.shoot(window, "today-unsigned")
        note = today.overview.unsigned[-1]
        window.today_view.visit_activated.emit(note)
        wait_until(lambda: note.student.id in window.visit_dialogs, "the draft visit")
        draft = window.visit_dialogs[note.student.id]
        wait_until(lambda: draft.isVisible(), "the draft visit to show")
        self.camera.shoot(draft, "visit-draft")
        draft.done(0)
        wait_until(lambda: note.student.id not in window.visit_dialogs, "the draft to close")
        self.open_chart()

    def screening(self) -> None:
        chart = self.launcher.window.chart_view
        chart.new_screening()
        wait_until(
            lambda: chart.dialog is not None and chart.dialog.isVisible(), "the screening dialog"
        )
        dialog = chart.dialog
        dialog.choose_instrument("asq")
        settle()
        self.camera.shoot(dialog, "screening-question")
        for item in dialog.instrument_items()[:2]:
            if dialog.is_shown(item):
                dialog.go_to(item)
                dialog.question(item).choose(0)  # "Yes"
        wait_until(lambda: bool(dialog.visible_banners()), "the risk banner")
        wait_until(lambda: dialog.held is not None, "the screening on record")
        self.camera.shoot(dialog, "screening-risk")
        # The ASQ's written follow-up ("If yes, how? When?") under question 4.
        dialog.go_to("q4")
        dialog.question("q4").choose(0)
        dialog.question("q4").set_text_value("Took pills last spring; told the school nurse.")
        self.camera.shoot(dialog, "screening-follow-up")
        # Stopping a screening that raised a flag asks for the reason.
        dialog.reject()
        dialog.discard_reason.setPlainText(
            self.tr_text("Student was called to the office; counselor will finish it today.")
        )
        self.camera.shoot(dialog, "screening-discard")
        dialog.keep_screening()
        dialog.done(0)
        wait_until(lambda: chart.dialog is None, "the screening dialog to close")
        self.screening_phqa()

    def tr_text(self, english: str) -> str:
        """Sample text typed by a clinician, in the tour's language."""
        spanish = {
            "Student was called to the office; counselor will finish it today.": (
                "Llamaron al estudiante a la oficina; la consejera lo terminará hoy."
            ),
        }
        return spanish.get(english, english) if i18n.current_language() == "es" else english

    def screening_phqa(self) -> None:
        """The PHQ-A at item 10 with four flags raised: the question and every answer
        stay in sight, the banners scroll in the clinician's panel."""
        chart = self.launcher.window.chart_view
        chart.new_screening()  # looks for the sitting's visit first, in the background
        wait_until(
            lambda: chart.dialog is not None and chart.dialog.isVisible(), "the screening dialog"
        )
        dialog = chart.dialog
        dialog.choose_instrument("phqa")
        for item in dialog.instrument_items():
            dialog.go_to(item)
            page = dialog.question(item)
            page.choose(len(page.buttons) - 1 if item.startswith("q") else 0)
        dialog.go_to("x1")
        wait_until(lambda: len(dialog.visible_banners()) >= 3, "the PHQ-A banners")
        wait_until(lambda: dialog.held is not None, "the screening on record")
        self.camera.shoot(dialog, "screening-banners")
        dialog.done(0)
        wait_until(lambda: chart.dialog is None, "the screening dialog to close")

    def flag_action(self) -> None:
        chart = self.launcher.window.chart_view
        wait_until(lambda: bool(chart.flag_buttons), "the chart's open flags")  # reloaded
        record = next(iter(chart.flag_buttons.values()))["record"]
        record.click()
        dialog = chart.dialog
        wait_until(lambda: dialog is not None and dialog.isVisible(), "the flag action dialog")
        wait_until(lambda: dialog.ready, "the flag's actions and related flags")
        dialog.add_action(
            RiskAction.SAFETY_ASSESSMENT,
            "Dr. Amara Lee",
            "Brief suicide safety assessment: plan, no means at home; safety plan made.",
        )
        dialog.add_button.click()
        guardian = self.records["guardian"]
        dialog.add_action(RiskAction.RELEASED_TO, f"{guardian}, in person")
        if dialog.related_boxes:
            dialog.tick_related(next(iter(dialog.related_boxes)))
        dialog.choose_close(
            "Released to the guardian with the safety plan and crisis-line numbers; "
            "counselor check-in tomorrow 8:30."
        )
        self.camera.shoot(dialog, "flag-action")
        dialog.submit()
        wait_until(
            lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(),
            "the flag action dialog to save",
        )
        chart.tabs.setCurrentWidget(chart.timeline_tab)
        model = chart.timeline_model
        wait_until(
            lambda: any(
                model.index(r, 0).data(ENTRY_ROLE).kind == "flag_closed"
                for r in range(model.rowCount())
            ),
            "the closed flag on the timeline",
        )
        self.camera.shoot(self.launcher.window, "timeline-flag")

    def referral(self) -> None:
        window = self.launcher.window
        chart = window.chart_view
        chart.new_referral()
        dialog = chart.dialog
        wait_until(lambda: dialog is not None and dialog.isVisible(), "the referral dialog")
        self.camera.shoot(dialog, "referral")
        dialog.done(0)
        wait_until(lambda: chart.dialog is None, "the referral dialog to close")
        chart.tabs.setCurrentWidget(chart.referrals_tab)
        self.camera.shoot(window, "referrals-tab")
        action = ReferralActionDialog(window.session, self.records["referral"], "scheduled", window)
        action.show()
        self.camera.shoot(action, "referral-follow-up")
        action.done(0)
        attended = ReferralActionDialog(
            window.session, self.records["scheduled"], "attended", window
        )
        attended.show()
        self.camera.shoot(attended, "referral-attended")
        attended.done(0)

    # --- the nurse: consents and printing -------------------------------------------------

    def nurse(self) -> None:
        window = self.launcher.window
        self.open_chart()
        chart = window.chart_view
        chart.tabs.setCurrentWidget(chart.timeline_tab)
        wait_until(lambda: bool(chart.timeline_tab.rows()), "the nurse's timeline")
        self.camera.shoot(window, "nurse-chart")  # restricted records, whom to call
        chart.tabs.setCurrentWidget(chart.consents_tab)
        self.camera.shoot(window, "consents-tab")
        dialog = ConsentDialog(
            window.session,
            self.records["student"].id,
            kind="release_of_information",
            partner_id=self.records["partner"].id,
            parent=chart,
        )
        dialog.show()
        self.camera.shoot(dialog, "consent-dialog")
        dialog.done(0)
        self.print_menu()
        self.print_preview()
        self.consent_packet()

    def print_menu(self) -> None:
        window = self.launcher.window
        menu = window.print_menu
        wait_until(lambda: menu.choices is not None, "the print choices")
        button = window.print_button
        menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
        wait_until(menu.isVisible, "the print menu")
        self.camera.shoot_screen(window, "print-menu")
        menu.hide()

    def print_preview(self) -> None:
        window = self.launcher.window
        with_preview: list[object] = []
        window.print_menu.preview_opened.connect(with_preview.append)
        window.print_menu.consent_action.trigger()
        wait_until(lambda: bool(with_preview), "the print preview")
        preview = with_preview[0]
        assert isinstance(preview, PrintPreviewDialog)
        preview.resize(1000, 720)
        self.camera.shoot(preview, "print-preview")
        preview.close()

    def consent_packet(self) -> None:
        """The start-of-year packet: consent forms for 30 students in one document."""

        session = self.launcher.window.session
        ids = [s.id for s in students.search_students(session, "", limit=30)]
        packet = printing.consent_packet(session, ids)
        preview = PrintPreviewDialog(self.launcher.window, packet)
        preview.resize(1000, 720)
        preview.show()
        self.camera.shoot(preview, "consent-packet")
        preview.close()

    # --- IT and the administrator ---------------------------------------------------------

    def it(self) -> None:
        """Sync (provisioned from a district file, one batch exported), then
        Backup (one backup written), as IT does them from the panels."""
        window = self.launcher.window
        tabs = window.admin_tabs
        sync, backup = self.tab(tabs, SyncPanel), self.tab(tabs, BackupPanel)
        tabs.setCurrentWidget(sync)
        self.camera.shoot(window, "it-sync-new")
        district = self.work / "district"
        generate_district_keys(district, "Riverside Unified School District")
        ANSWERS["choose_open_file"] = district / "provisioning.json"
        ANSWERS["choose_save_file"] = self.work / "DEMO.pub"
        ANSWERS["choose_folder"] = self.work / "usb"
        ANSWERS["choose_folder"].mkdir()
        sync.provision_button.click()
        wait_until(lambda: sync.key_button.isEnabled(), "provisioning")
        demo_accept_profile(self.data_dir)
        sync.refresh()
        wait_until(lambda: sync.export_button.isEnabled(), "the accepted profile")
        exported: list[object] = []
        sync.exported.connect(exported.append)
        sync.export_button.click()
        wait_until(lambda: bool(exported), "the exported batch")
        self.camera.shoot(window, "it-sync")
        tabs.setCurrentWidget(backup)
        settle()
        backed_up: list[object] = []
        backup.backed_up.connect(backed_up.append)
        backup.backup_button.click()
        wait_until(lambda: bool(backed_up), "the backup")
        self.camera.shoot(window, "it-backup")

    @staticmethod
    def tab(tabs: QTabWidget, kind: type[QWidget]) -> QWidget:
        for index in range(tabs.count()):
            if isinstance(tabs.widget(index), kind):
                return tabs.widget(index)
        raise ScreenMissingError(f"no {kind.__name__} tab")

    def admin(self) -> None:
        window = self.launcher.window
        users = window.users_tab
        self.camera.shoot(window, "admin-users")
        users.show_add_form()
        wait_until(lambda: users.add_form is not None and users.add_form.isVisible(), "add user")
        self.camera.shoot(users.add_form, "admin-add-user")
        users.add_form.done(0)
        action = window.findChild(QAction, "settingsAction")
        if action is None:
            raise ScreenMissingError("settings: no File > Settings… for the administrator")
        action.trigger()
        dialog: list[SettingsDialog] = []
        wait_until(lambda: dialog.extend(window.findChildren(SettingsDialog)) or dialog, "settings")
        self.camera.shoot(dialog[0], "settings")
        dialog[0].done(0)

    def reset_password(self) -> None:
        """An administrator reset the nurse's password: the nurse's next sign-in asks for
        a new one, saying who reset it and when."""
        admin = site_service.sign_in(self.data_dir, "admin", self.password("admin"))
        try:
            site_service.set_password(admin, "nurse", "set by the administrator")
        finally:
            admin.close()
        dialog = SignInDialog(self.data_dir, site_name=DEMO_SITE_NAME, username="nurse")
        dialog.show()
        dialog.password.setText("set by the administrator")
        dialog.submit()
        wait_until(lambda: dialog.new_password_dialog is not None, "the new-password form")
        form = dialog.new_password_dialog
        wait_until(form.isVisible, "the new-password form shown")
        form.password.setText("my own new words")
        form.confirm.setText("my own new words")
        self.camera.shoot(form, "reset-password")
        form.reject()
        dialog.close()


# --- entry point ----------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=("en", "es"), default="en")
    parser.add_argument("--out", type=Path, help="folder for the PNGs (default docs/images)")
    parser.add_argument("--only", nargs="*", default=[], help="take only these screens")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = args.out or ROOT / "docs" / "images" / ("es" if args.lang == "es" else "")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="clinic-screenshots-") as temp, display():
        work = Path(temp)
        for variable in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            os.environ[variable] = str(work / "home")  # never touch the real home
        os.environ.pop("CLINIC_DESKTOP_DATA_DIR", None)
        return take_all(args, out, work)


#: What the file pickers answer during the tour (set by the step that needs them).
ANSWERS: dict[str, Path] = {}


def answer_prompts() -> None:
    """A modal prompt would block the tour: file pickers answer from ``ANSWERS``, and any
    other prompt (or a picker with no answer set) fails the tour, naming it."""

    def prompt(name: str) -> Callable[..., object]:
        def answer(*args: object, **_kwargs: object) -> object:
            if name in ANSWERS:
                return ANSWERS[name]
            title = next((a for a in args if isinstance(a, str)), "")
            raise ScreenMissingError(f"an unexpected prompt appeared: {name} {title!r}")

        return answer

    for name in (
        "info",
        "warn",
        "confirm",
        "ask_text",
        "show_error",
        "show_recovery_key",
        "choose_open_file",
        "choose_save_file",
        "choose_folder",
        "choose_printer",
    ):
        setattr(dialogs, name, prompt(name))


def take_all(args: argparse.Namespace, out: Path, work: Path) -> int:
    answer_prompts()
    app = create_application()
    app.setStyle("Fusion")  # the same look on every machine that refreshes the pictures
    i18n.install_language(args.lang)
    camera = Camera(out, set(args.only))
    try:
        Tour(camera, work).run()
    except ScreenMissingError as missing:
        print(f"screenshot failed: {missing}", file=sys.stderr)
        return 1
    finally:
        operations.wait_for_idle()
    print(f"{len(camera.taken)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
