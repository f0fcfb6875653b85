"""Referrals in the UI: from a screening flag on the chart header to a closed loop."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from clinic_desktop.domain.consents import ConsentInput
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.domain.risk_actions import RiskAction
from clinic_desktop.services import consents, partners, referrals, screenings, students, today
from clinic_desktop.ui import operations
from clinic_desktop.ui.chart_view import ChartView
from clinic_desktop.ui.flag_action_dialog import FlagActionDialog
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.referral_action_dialog import ReferralActionDialog
from clinic_desktop.ui.referral_dialog import ReferralDialog
from clinic_desktop.ui.tabs.referrals import READ_ONLY_TEXT, ReferralDetail
from tests.conftest import SCHOOL_TZ
from tests.factories import guardian, student
from tests.ui.test_visit_dialog import unnamed_controls

TIMEOUT = 5000
LEFT = Qt.MouseButton.LeftButton
#: A "yes" to ASQ question 1 and "no" to the acuity question: a non-acute (urgent) flag.
ASQ_YES = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 0}
NO_RELEASE = "There is no release of information for Eastside Counseling on file."


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student(), (guardian(),))


@pytest.fixture
def eastside(clinician):
    return partners.add_partner(
        clinician,
        PartnerInput(
            name="Eastside Counseling",
            kind="community_mental_health",
            services=("Individual counseling",),
            languages=("English", "Spanish"),
            min_age=12,
            max_age=18,
        ),
    )


def open_window(qtbot, session) -> MainWindow:
    window = MainWindow(session, site_name="Lincoln High School Health Center")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_chart(qtbot, session, pupil) -> ChartView:
    view = ChartView(session)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.opened, timeout=TIMEOUT):
        view.show_student(pupil)
    return view


def press(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, LEFT)


def next_step(qtbot, tab, target: str) -> ReferralActionDialog:
    """Press a next-step button once the list shows it; the action dialog it opened."""
    qtbot.waitUntil(lambda: target in tab.detail.action_buttons, timeout=TIMEOUT)
    press(qtbot, tab.detail.action_buttons[target])
    assert isinstance(tab.action_dialog, ReferralActionDialog)
    return tab.action_dialog


def confirm_step(qtbot, dialog: ReferralActionDialog) -> None:
    with qtbot.waitSignal(dialog.referral_changed, timeout=TIMEOUT):
        press(qtbot, dialog.ok_button)


def test_from_an_asq_flag_to_a_sent_scheduled_attended_closed_referral(
    qtbot, clinician, pupil, eastside, site
):
    [flag] = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_YES).flags
    assert flag.severity == "urgent"
    window = open_window(qtbot, clinician)
    window.open_student(pupil)
    chart = window.chart_view
    qtbot.waitUntil(lambda: flag.id in chart.flag_buttons, timeout=TIMEOUT)

    # The header's "Refer…" opens the referral dialog pre-filled from the flag.
    press(qtbot, chart.flag_buttons[flag.id]["refer"])
    dialog = chart.dialog
    assert isinstance(dialog, ReferralDialog)
    qtbot.waitUntil(lambda: dialog.partner_names() == ["Eastside Counseling"], timeout=TIMEOUT)
    assert dialog.reason.toPlainText() == flag.message
    assert dialog.urgency() == "urgent"
    assert "Positive ASQ screen" in dialog.link_label.text()
    dialog.choose_partner(eastside.id)
    with qtbot.waitSignal(dialog.referral_saved, timeout=TIMEOUT) as saved:
        press(qtbot, dialog.save_button)
    made = saved.args[0]
    assert (made.status, made.screening_id) == ("draft", flag.screening_id)
    # The flag records "Referral made", linked to the referral, and stays open.
    [still_open] = screenings.open_flags(clinician, pupil.id)
    assert [(a.action, a.referral_id) for a in still_open.actions] == [("referral_made", made.id)]

    # The chart shows the Referrals tab with the draft selected.
    tab = chart.referrals_tab
    assert chart.tabs.currentWidget() is tab
    qtbot.waitUntil(lambda: [r.id for r in tab.referrals()] == [made.id], timeout=TIMEOUT)

    # Send is refused inline: no release; the dialog offers to record one.
    send = next_step(qtbot, tab, "sent")
    qtbot.waitUntil(lambda: send.release_check is not None, timeout=TIMEOUT)
    assert NO_RELEASE in send.release_text.text()
    press(qtbot, send.ok_button)
    qtbot.waitUntil(lambda: send.refusal() != "", timeout=TIMEOUT)
    assert send.refusal() == f"The referral cannot be sent: {NO_RELEASE}"
    assert send.isVisible()

    press(qtbot, send.record_release_button)
    consent = send.consent_dialog
    qtbot.waitUntil(lambda: consent.data is not None, timeout=TIMEOUT)
    assert consent.kind() == "release_of_information"
    assert consent.partner.currentData() == eastside.id
    assert consent.guardian.currentText().startswith("María Ñúñez")
    qtbot.keyClicks(consent.purpose, "Counseling referral and care coordination")
    with qtbot.waitSignal(consent.consent_saved, timeout=TIMEOUT):
        press(qtbot, consent.save_button)
    qtbot.waitUntil(lambda: send.release_check.valid, timeout=TIMEOUT)
    assert not send.record_release_button.isVisible()
    assert send.release_text.text().startswith("Release of information on file:")
    qtbot.keyClicks(send.note, "Faxed with the signed release.")
    confirm_step(qtbot, send)

    # Schedule (with an appointment), mark attended, close as linked to services.
    schedule = next_step(qtbot, tab, "scheduled")
    appointment = datetime(2026, 10, 20, 15, 30, tzinfo=SCHOOL_TZ)
    schedule.set_appointment(appointment)
    confirm_step(qtbot, schedule)

    # Not attended yet: the appointment is ahead, and the dialog says so before asking.
    def rescheduling() -> bool:  # the list shows the scheduled referral
        button = tab.detail.action_buttons.get("scheduled")
        return button is not None and "Reschedule" in button.text()

    qtbot.waitUntil(rescheduling, timeout=TIMEOUT)
    early = next_step(qtbot, tab, "attended")
    assert early.appointment.isVisibleTo(early)
    assert early.refusal().startswith("The appointment is on 10/20/2026 3:30 PM, still ahead")
    early.reject()
    qtbot.waitUntil(lambda: tab.action_dialog is None, timeout=TIMEOUT)
    site.clock.now = appointment + timedelta(days=1)
    attended = next_step(qtbot, tab, "attended")
    assert attended.refusal() == ""
    assert attended.appointment_at() == appointment  # asked, defaulting to the appointment
    confirm_step(qtbot, attended)
    close = next_step(qtbot, tab, "closed")
    close.outcome.set_code("linked_to_services")
    confirm_step(qtbot, close)

    final = referrals.get_referral(clinician, made.id)
    assert final.status == "closed"
    assert final.outcome == "linked_to_services"
    assert [e.to_status for e in final.events] == [
        "draft",
        "sent",
        "scheduled",
        "attended",
        "closed",
    ]
    assert final.events[2].appointment_at == appointment
    qtbot.waitUntil(lambda: len(tab.detail.timeline.step_texts()) == 5, timeout=TIMEOUT)
    steps = tab.detail.timeline.step_texts()
    assert steps[1].startswith("Sent, 10/14/2026 10:30 AM by Clinician")
    assert steps[1].endswith("Faxed with the signed release.")
    assert "Appointment: 10/20/2026 3:30 PM" in steps[2]
    assert tab.detail.action_buttons == {}
    assert tab.detail.ended.text() == "This referral's loop is closed."


def action_dialog(qtbot, session, referral, target) -> ReferralActionDialog:
    dialog = ReferralActionDialog(session, referral, target)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_refused_move_shows_the_domain_sentence_and_stays_open(qtbot, clinician, pupil, eastside):
    made = referrals.create_referral(
        clinician, pupil.id, ReferralInput(eastside.id, "Anxiety", "routine")
    )
    closing = action_dialog(qtbot, clinician, made, "closed")
    assert closing.outcome.isVisibleTo(closing) and closing.release_box.isHidden()
    press(qtbot, closing.ok_button)
    qtbot.waitUntil(lambda: closing.refusal() != "", timeout=TIMEOUT)
    assert closing.refusal() == ("A referral that is a draft can be sent or cancelled, not closed.")
    assert closing.isVisible()
    cancelled = referrals.transition_referral(clinician, made.id, "cancelled")
    chart = open_chart(qtbot, clinician, pupil)
    chart.tabs.setCurrentWidget(chart.referrals_tab)
    qtbot.waitUntil(lambda: len(chart.referrals_tab.referrals()) == 1, timeout=TIMEOUT)
    assert chart.referrals_tab.detail.action_buttons == {}
    assert cancelled.next_actions == ()


def test_scheduling_asks_for_the_appointment_and_closing_for_the_outcome(
    qtbot, clinician, pupil, eastside
):
    made = referrals.create_referral(
        clinician, pupil.id, ReferralInput(eastside.id, "Anxiety", "routine")
    )
    cancel = action_dialog(qtbot, clinician, made, "cancelled")
    assert not cancel.appointment.isVisibleTo(cancel)
    assert not cancel.outcome.isVisibleTo(cancel)
    assert cancel.move().appointment_at is None and cancel.move().outcome is None
    schedule = action_dialog(qtbot, clinician, made, "scheduled")
    assert schedule.appointment.isVisibleTo(schedule)
    assert schedule.appointment_at() == datetime(2026, 10, 15, 9, 0, tzinfo=schedule.zone)
    assert unnamed_controls(schedule) == []


def test_marking_a_walk_in_attended_asks_when_and_refuses_the_future(
    qtbot, clinician, pupil, eastside, site
):
    made = referrals.create_referral(
        clinician, pupil.id, ReferralInput(eastside.id, "Anxiety", "routine")
    )
    sent = referrals.get_referral(clinician, made.id)
    sent = send_under_release(clinician, pupil, eastside, sent)
    site.clock.advance(hours=2)
    dialog = action_dialog(qtbot, clinician, sent, "attended")
    assert dialog.appointment.isVisibleTo(dialog) and dialog.refusal() == ""
    assert dialog.appointment.accessibleName().startswith("Attended on")
    now = site.clock.local().replace(second=0, microsecond=0)
    assert dialog.appointment_at() == now  # a walk-in: now, shown to be changed
    dialog.set_appointment(now + timedelta(days=1))
    press(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.refusal() != "", timeout=TIMEOUT)
    assert dialog.refusal() == "The time the student attended cannot be in the future."
    assert dialog.isVisible()
    walked_in = now - timedelta(hours=1)
    dialog.set_appointment(walked_in)
    confirm_step(qtbot, dialog)
    assert referrals.get_referral(clinician, made.id).events[-1].appointment_at == walked_in


def test_the_referrals_tab_marks_overdue_follow_ups_as_today_does(
    qtbot, clinician, pupil, eastside, site
):
    late, on_time, done = (
        referrals.create_referral(clinician, pupil.id, ReferralInput(eastside.id, why, "routine"))
        for why in ("Anxiety", "Sleep", "Grief")
    )
    send_under_release(clinician, pupil, eastside, late)
    site.clock.advance(days=2)
    referrals.send_referral(clinician, on_time.id)
    referrals.transition_referral(clinician, done.id, "cancelled")
    site.clock.advance(days=14)  # routine: 14 days; the first is 2 days late
    [today_row] = [f for f in today.today_overview(clinician).follow_ups if f.days_overdue]
    chart = open_chart(qtbot, clinician, pupil)
    chart.tabs.setCurrentWidget(chart.referrals_tab)
    tab = chart.referrals_tab
    qtbot.waitUntil(lambda: len(tab.referrals()) == 3, timeout=TIMEOUT)
    shown = {row.record.reason: row for row in tab.model.rows()}
    assert today_row.days_overdue == 2
    assert shown["Anxiety"].cells[4] == "10/28/2026, 2 days overdue"
    assert shown["Anxiety"].tones[4] == "acute"  # the colour repeats the words
    assert shown["Sleep"].cells[4] == "10/30/2026, due today"
    assert shown["Sleep"].tones[4] == "warning"
    assert shown["Grief"].cells[4] == "—" and 4 not in shown["Grief"].tones
    tab.select(late.id)
    assert "2 days overdue" in tab.detail.facts.text()


def send_under_release(clinician, pupil, eastside, draft):
    """Send ``draft`` under a release on file; the sent view."""
    consents.record_consent(
        clinician,
        pupil.id,
        ConsentInput(
            kind="release_of_information",
            signer_kind="guardian",
            guardian_id=pupil.guardians[0].id,
            partner_id=eastside.id,
            signed_on=date(2026, 9, 1),
            purpose="Coordinate counseling",
            information_kinds=("demographics",),
            expires_on=date(2027, 6, 30),
        ),
    )
    return referrals.send_referral(clinician, draft.id)


def test_the_header_flag_records_the_action_taken(qtbot, clinician, pupil):
    [flag] = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_YES).flags
    chart = open_chart(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: flag.id in chart.flag_buttons, timeout=TIMEOUT)
    assert chart.alert_texts()[0].startswith("Open risk flag: Positive ASQ screen")
    press(qtbot, chart.flag_buttons[flag.id]["record"])
    dialog = chart.dialog
    assert isinstance(dialog, FlagActionDialog)
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    dialog.add_action(RiskAction.GUARDIAN_CONTACTED, person="María Ñúñez (mother)")
    with qtbot.waitSignal(chart.records_changed, timeout=TIMEOUT):
        press(qtbot, dialog.save_button)
    # Until it is closed, the header shows the flag with its latest actions.
    qtbot.waitUntil(lambda: "Latest actions" in chart.alert_texts()[0], timeout=TIMEOUT)
    assert "Guardian contacted (María Ñúñez (mother))" in chart.alert_texts()[0]
    qtbot.waitUntil(lambda: flag.id in chart.flag_buttons, timeout=TIMEOUT)
    press(qtbot, chart.flag_buttons[flag.id]["record"])
    dialog = chart.dialog
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    dialog.add_action(RiskAction.SAFETY_ASSESSMENT, note="Brief safety assessment: no acute risk.")
    dialog.choose_close("Safety plan made; back to class with counselor check-in.")
    with qtbot.waitSignal(chart.records_changed, timeout=TIMEOUT):
        press(qtbot, dialog.save_button)
    qtbot.waitUntil(
        lambda: not any(t.startswith("Open risk flag") for t in chart.alert_texts()),
        timeout=TIMEOUT,
    )
    assert screenings.open_flags(clinician, pupil.id) == []


def test_the_referral_dialog_lists_partners_for_the_age_first_and_searches(
    qtbot, clinician, pupil, eastside
):
    partners.add_partner(clinician, PartnerInput(name="Tiny Steps Clinic", kind="health_center"))
    partners.add_partner(clinician, PartnerInput(name="Adult Services", kind="other", min_age=21))
    retired = partners.add_partner(clinician, PartnerInput(name="Old Place", kind="other"))
    partners.deactivate_partner(clinician, retired.id)
    dialog = ReferralDialog(clinician, pupil)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.partner_names()) == 3, timeout=TIMEOUT)
    assert dialog.partner_names() == ["Eastside Counseling", "Tiny Steps Clinic", "Adult Services"]
    assert dialog.partner_list.item(0).text() == "Serve students aged 16"
    qtbot.keyClicks(dialog.search, "spanish")
    assert dialog.partner_names() == ["Eastside Counseling"]
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "counseling")  # a service as well as the name
    assert dialog.partner_names() == ["Eastside Counseling"]
    assert unnamed_controls(dialog) == []

    press(qtbot, dialog.save_button)  # no partner, no reason
    qtbot.waitUntil(lambda: dialog.errors.text("partner_id") != "", timeout=TIMEOUT)
    assert dialog.errors.text("partner_id") == "Is required"
    assert dialog.errors.text("reason") == "Is required"
    assert dialog.isVisible()


def test_a_nurse_reads_referrals_and_consents_but_gets_no_referral_actions(
    qtbot, clinician, pupil, eastside, site
):
    screenings.administer_screening(clinician, pupil.id, "asq", ASQ_YES)
    referrals.create_referral(clinician, pupil.id, ReferralInput(eastside.id, "Anxiety"))
    hospital = partners.add_partner(
        clinician, PartnerInput(name="County Hospital", kind="hospital")
    )
    referrals.create_referral(clinician, pupil.id, ReferralInput(hospital.id, "Fracture follow-up"))
    with site.sign_in("nurse") as nurse:
        chart = open_chart(qtbot, nurse, pupil)
        tab = chart.referrals_tab
        chart.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda: len(tab.referrals()) == 2, timeout=TIMEOUT)
        # A mental-health referral: the sensitivity model withholds it (issue 16) ...
        tab.table.selectRow([bool(r.restricted) for r in tab.referrals()].index(True))
        assert tab.detail.title.text() == "Referral to Restricted (behavioral health)"
        assert tab.detail.reason.text() == "Details not visible to your role"
        assert not tab.print_button.isEnabled()
        # ... a hospital referral is the nurse's to read and print.
        tab.table.selectRow([r.partner_name for r in tab.referrals()].index("County Hospital"))
        assert tab.detail.title.text() == "Referral to County Hospital"
        assert tab.detail.action_buttons == {}
        assert tab.detail.next_title.isHidden()
        assert not tab.new_button.isVisibleTo(chart)
        assert READ_ONLY_TEXT in [label.text() for label in tab.findChildren(QLabel)]
        assert chart.flag_buttons == {}  # the header's flag offers no action either
        with qtbot.waitSignal(chart.print_requested, timeout=TIMEOUT) as asked:
            press(qtbot, tab.print_button)  # printing the letter is a nurse's job too
        assert asked.args == ["referral", {"referral_id": tab.detail.referral.id}]
        assert chart.alert_texts()[0].startswith("Open risk flag:")
        tab.open_action(tab.detail.referral, "sent")
        assert tab.action_dialog is None
        chart.tabs.setCurrentWidget(chart.consents_tab)
        qtbot.waitUntil(lambda: chart.consents_tab.overview is not None, timeout=TIMEOUT)
        assert chart.consents_tab.record_button.isVisibleTo(chart)  # nurses record consents
        chart.close()
        qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


@pytest.mark.qt_log_ignore("does not support raise")
def test_main_window_offers_screening_referral_and_partners(qtbot, clinician, pupil, eastside):
    window = open_window(qtbot, clinician)
    assert not window.new_screening_action.isEnabled()
    assert window.new_screening_action.shortcut().toString() == "Ctrl+Shift+S"
    window.open_student(pupil)
    qtbot.waitUntil(lambda: window.chart_view.header is not None, timeout=TIMEOUT)
    assert window.new_screening_action.isEnabled() and window.new_referral_action.isEnabled()
    window.new_referral_action.trigger()
    assert isinstance(window.chart_view.dialog, ReferralDialog)
    window.chart_view.dialog.reject()
    window.partners_action.trigger()
    partner_window = window.partner_window
    qtbot.waitUntil(lambda: len(partner_window.partners()) == 1, timeout=TIMEOUT)
    partner_window.close()


def test_the_action_dialog_offers_the_release_form_to_print(qtbot, clinician, pupil, eastside):
    made = referrals.create_referral(
        clinician, pupil.id, ReferralInput(eastside.id, "Anxiety", "routine")
    )
    dialog = ReferralActionDialog(clinician, made, "sent")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.release_check is not None, timeout=TIMEOUT)
    with qtbot.waitSignal(dialog.print_requested, timeout=TIMEOUT) as asked:
        press(qtbot, dialog.print_release_button)
    assert asked.args == ["release", {"student_id": pupil.id, "partner_id": eastside.id}]
    assert unnamed_controls(dialog) == []


def test_next_step_buttons_go_one_to_a_row_when_two_do_not_fit(qtbot):
    detail = ReferralDetail(UTC, can_move=True)
    qtbot.addWidget(detail)
    long = "Mark as waitlisted with a much longer label than English has"
    actions = [SimpleNamespace(label=f"{long} {n}", target=f"t{n}") for n in range(4)]
    detail._set_buttons(tuple(actions))
    widest = max(b.sizeHint().width() for b in detail.action_buttons.values())
    detail.resize(widest + 60, 400)
    detail.show()
    qtbot.waitExposed(detail)
    grid = detail._buttons

    def second_button_at() -> tuple[int, int]:
        return grid.getItemPosition(grid.indexOf(detail.action_buttons["t1"]))[:2]

    qtbot.waitUntil(lambda: second_button_at() == (1, 0), timeout=5000)
    assert detail.minimumSizeHint().width() <= detail.width()
    detail.resize(3 * widest, 400)
    qtbot.waitUntil(lambda: second_button_at() == (0, 1), timeout=5000)


def test_refer_in_the_flag_dialog_opens_the_referral_linked_to_the_flag(
    qtbot, clinician, pupil, eastside
):
    [flag] = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_YES).flags
    chart = open_chart(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: flag.id in chart.flag_buttons, timeout=TIMEOUT)
    press(qtbot, chart.flag_buttons[flag.id]["record"])
    flag_dialog = chart.dialog
    assert isinstance(flag_dialog, FlagActionDialog)
    qtbot.waitUntil(lambda: flag_dialog.ready, timeout=TIMEOUT)
    assert flag_dialog.refer_button.isVisible()
    press(qtbot, flag_dialog.refer_button)
    dialog = chart.dialog
    assert isinstance(dialog, ReferralDialog) and dialog.flag is not None
    qtbot.waitUntil(lambda: dialog.partner_names() == ["Eastside Counseling"], timeout=TIMEOUT)
    dialog.choose_partner(eastside.id)
    with qtbot.waitSignal(dialog.referral_saved, timeout=TIMEOUT) as saved:
        press(qtbot, dialog.save_button)
    [linked] = screenings.open_flags(clinician, pupil.id)[0].actions
    assert (linked.action, linked.referral_id) == ("referral_made", saved.args[0].id)
