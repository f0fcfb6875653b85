"""The Print menu: what the open chart can print, the language choice, blank forms, and
the chart tabs' print requests, each ending in a preview."""

from datetime import date, timedelta

import pytest

from clinic_desktop.domain.consents import ConsentInput
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.services import consents, partners, referrals, screenings, students, visits
from clinic_desktop.ui import operations
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.print_menu import NOTHING_ON_FILE
from tests.factories import guardian, student, visit

TIMEOUT = 5000
PHQ9 = {f"q{n}": 1 for n in range(1, 10)}
#: The main window's completer and menus cannot be raised or grabbed offscreen.
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


@pytest.fixture
def chart(clinician, site):
    """A student with a release, a referral, a screening and a visit on file."""
    pupil = students.create_student(clinician, student(), (guardian(),))
    therapy = PartnerInput(name="Smith & Jones Therapy", kind="cmh")
    partner = partners.add_partner(clinician, therapy)
    release = ConsentInput(
        kind="release_of_information",
        signer_kind="guardian",
        guardian_id=pupil.guardians[0].id,
        partner_id=partner.id,
        signed_on=date(2026, 9, 1),
        purpose="Coordinate counseling",
        information_kinds=("demographics",),
        expires_on=date(2027, 6, 30),
    )
    consents.record_consent(clinician, pupil.id, release)
    referrals.create_referral(
        clinician, pupil.id, ReferralInput(partner_id=partner.id, reason="Counseling")
    )
    visits.record_visit(clinician, pupil.id, visit(site.clock() - timedelta(hours=3)))
    sitting = screenings.administer_screening(clinician, pupil.id, "phq9", PHQ9).visit_id
    # The clinician completes the screening's visit: the pass prints what a person chose.
    visits.update_visit(clinician, sitting, visit(site.clock(), reason="Screening: PHQ-9"))
    return pupil, partner


def open_chart(qtbot, session, pupil) -> MainWindow:
    window = MainWindow(session, site_name="Lincoln High School Health Center")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.print_menu.choices_loaded, timeout=TIMEOUT):
        window.open_student(pupil)
    return window


def texts(menu):
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def preview_of(qtbot, window, action):
    with qtbot.waitSignal(window.print_menu.preview_opened, timeout=TIMEOUT) as opened:
        action.trigger()
    dialog = opened.args[0]
    qtbot.addWidget(dialog)
    return dialog


def test_the_menu_lists_what_the_open_chart_can_print(qtbot, clinician, chart):
    pupil, _partner = chart
    window = open_chart(qtbot, clinician, pupil)
    menu = window.print_menu
    assert window.print_button.menu() is menu
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Print") == titles.index("&View") - 1
    assert texts(menu.release_menu) == ["Smith && Jones Therapy — signed 09/01/2026…"]
    assert texts(menu.referral_menu) == ["Smith && Jones Therapy — 10/14/2026 (draft)…"]
    assert menu.results_action.text() == "Results &letter (PHQ-9, 10/14/2026)…"
    assert menu.results_action.isEnabled() and menu.pass_action.isEnabled()
    assert menu.consent_action.isEnabled()
    window.show_today()  # no chart on screen: chart entries are off, blank forms stay
    assert not menu.consent_action.isEnabled() and not menu.release_menu.isEnabled()
    assert menu.blank_menu.isEnabled()


def test_a_chart_form_opens_its_preview_in_the_chosen_language(qtbot, clinician, chart):
    pupil, _partner = chart
    window = open_chart(qtbot, clinician, pupil)
    menu = window.print_menu
    dialog = preview_of(qtbot, window, menu.consent_action)
    assert dialog.windowTitle().startswith("Consent for school-based health services (Spanish)")
    assert dialog.parent() is window
    english = next(a for a in menu.language_group.actions() if a.data() == "en")
    english.trigger()
    assert menu.language == "en"
    dialog = preview_of(qtbot, window, menu.referral_menu.actions()[0])
    assert dialog.windowTitle().startswith("Referral letter (English)")
    dialog = preview_of(qtbot, window, menu.results_action)
    assert dialog.windowTitle().startswith("Screening results letter (English)")
    dialog = preview_of(qtbot, window, menu.pass_action)
    assert dialog.windowTitle().startswith("Return-to-class pass (English)")


def test_blank_forms_and_screenings_print_without_a_chart(qtbot, clinician):
    window = MainWindow(clinician, site_name="Lincoln High School Health Center")
    qtbot.addWidget(window)
    menu = window.print_menu
    assert texts(menu.release_menu) == ["Open a chart first"]
    consent_menu = menu.blank_menu.findChild(type(menu.blank_menu), "blank_consent")
    assert texts(consent_menu) == ["English", "Spanish"]
    dialog = preview_of(qtbot, window, consent_menu.actions()[1])
    assert dialog.printed.title == "Consent for school-based health services (blank, Spanish)"
    assert dialog.printed.suggested_name == "consent-for-services-blank-es.pdf"
    phq = menu.instrument_menu.findChild(type(menu.blank_menu), "instrument_phq9")
    dialog = preview_of(qtbot, window, phq.actions()[0])
    assert dialog.printed.suggested_name == "screening-phq9-en.pdf"


def test_a_student_with_nothing_on_file_says_so(qtbot, clinician):
    pupil = students.create_student(clinician, student(), (guardian(),))
    window = open_chart(qtbot, clinician, pupil)
    menu = window.print_menu
    assert texts(menu.release_menu) == [NOTHING_ON_FILE]
    assert not menu.results_action.isEnabled()
    assert menu.results_action.text() == "Results &letter (no screening yet)"


def test_the_chart_tabs_print_requests_open_a_preview(qtbot, clinician, chart):
    pupil, partner = chart
    window = open_chart(qtbot, clinician, pupil)
    signal = window.chart_view.print_requested
    with qtbot.waitSignal(window.print_menu.preview_opened, timeout=TIMEOUT) as opened:
        signal.emit("release", {"student_id": pupil.id, "partner_id": partner.id})
    qtbot.addWidget(opened.args[0])
    assert opened.args[0].printed.title == "Release of information (Spanish)"
    assert not window.print_menu.print_request("no_such_form", {})
