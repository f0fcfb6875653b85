"""The chart: header with alerts, and every tab (timeline paging, visits, kinds, people)."""

import uuid
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFrame

from clinic_desktop.services import students, visits
from clinic_desktop.store.models import (
    Consent,
    Partner,
    Referral,
    ReferralEvent,
)
from clinic_desktop.ui import i18n, operations
from clinic_desktop.ui.chart_view import ChartView
from clinic_desktop.ui.tabs.visits import NO_VISITS_TEXT
from tests.factories import guardian, open_flag, student, visit

TIMEOUT = 5000


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student(foster_care=True), (guardian(),))


def _chart(qtbot, session, pupil) -> ChartView:
    view = ChartView(session)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.opened, timeout=TIMEOUT):
        view.show_student(pupil)
    qtbot.waitUntil(lambda: view.timeline_model.loaded_once, timeout=TIMEOUT)
    return view


def _show_tab(view: ChartView, widget) -> None:
    view.tabs.setCurrentWidget(widget)


def test_header_names_the_student_with_facts_and_alerts_in_order(qtbot, clinician, pupil):
    open_flag(clinician, pupil.id, "acute")
    view = _chart(qtbot, clinician, pupil)
    assert view.name_label.text() == "José Ñúñez  “Pepe”"
    assert view.facts_label.text() == (
        "Age 16  ·  Grade 10  ·  LHS  ·  Spanish  ·  Born 03/14/2010  ·  District ID D1000001"
    )
    alerts = view.alert_texts()
    # The flag's wording comes from its instrument's file (as on the Screenings tab).
    assert alerts[0].startswith("Open risk flag: Acute positive ASQ screen")
    assert alerts[1].startswith("Consent: ")
    assert alerts[2] == "In foster care: check who may consent."


@pytest.mark.parametrize(
    ("severity", "english", "spanish", "tone"),
    [
        ("acute", "ACUTE RISK", "RIESGO AGUDO", "acute"),
        ("urgent", "Urgent", "Urgente", "acute"),
        ("routine", "Follow up", "Seguimiento", "warning"),
    ],
)
def test_flag_alert_names_its_severity_in_words_and_the_dialogs_colour(
    qtbot, clinician, pupil, severity, english, spanish, tone
):
    """Colour is never the only cue, and the chart agrees with the flag dialog's banner."""
    open_flag(clinician, pupil.id, severity)
    view = _chart(qtbot, clinician, pupil)
    assert view.alert_texts()[0].endswith(f"({english})")
    banner = view.alerts_box.findChildren(QFrame, "alert")[0]
    assert banner.property("banner") == tone
    assert i18n.install_language(i18n.SPANISH) == i18n.SPANISH
    spanish_view = _chart(qtbot, clinician, pupil)
    assert spanish_view.alert_texts()[0].endswith(f"({spanish})")


def test_timeline_is_newest_first_and_pages_as_it_scrolls(qtbot, clinician, pupil, site):
    now = site.clock()
    for days in range(7):
        visits.record_visit(
            clinician, pupil.id, visit(now - timedelta(days=days), reason=f"Visit {days}")
        )
    view = ChartView(clinician)
    qtbot.addWidget(view)
    view.timeline_model.page_size = 3
    view.resize(900, 900)
    view.show()
    view.show_student(pupil)
    qtbot.waitUntil(lambda: len(view.timeline_tab.rows()) == 7, timeout=TIMEOUT)
    assert [e.title for e in view.timeline_tab.rows()] == [
        f"Nursing visit: Visit {d}" for d in range(7)
    ]
    assert not view.timeline_model.canFetchMore(QModelIndex())


def test_visits_tab_loads_when_shown_and_shows_the_note(qtbot, clinician, pupil, site):
    view = _chart(qtbot, clinician, pupil)
    _show_tab(view, view.visits_tab)
    qtbot.waitUntil(lambda: view.visits_tab.state_label.text() == NO_VISITS_TEXT, timeout=TIMEOUT)
    visits.record_visit(clinician, pupil.id, visit(site.clock(), note="Rested, water given."))
    view.refresh_records()
    qtbot.waitUntil(lambda: len(view.visits_tab.visits()) == 1, timeout=TIMEOUT)
    assert view.visits_tab.model.cell(0, 1) == "Nursing"
    assert view.visits_tab.model.cell(0, 5) == "Clinician"
    assert view.visits_tab.note.text() == "Rested, water given."
    assert not view.visits_tab.note.font().italic()


def test_record_tabs_show_their_records_or_say_there_are_none(qtbot, clinician, pupil, site):
    open_flag(clinician, pupil.id, "warning")
    _referral(clinician, pupil.id, due=clinician.today(), with_event=True)
    view = _chart(qtbot, clinician, pupil)
    _show_tab(view, view.screenings_tab)
    qtbot.waitUntil(lambda: list(view.screenings_tab.cards) == ["asq"], timeout=TIMEOUT)
    referrals = view.referrals_tab
    _show_tab(view, referrals)
    qtbot.waitUntil(lambda: len(referrals.referrals()) == 1, timeout=TIMEOUT)
    assert referrals.detail.title.text() == "Referral to Eastside Counseling"
    assert referrals.detail.timeline.step_texts()[0].endswith("Faxed.")
    consents = view.consents_tab
    _show_tab(view, consents)
    qtbot.waitUntil(lambda: consents.overview is not None, timeout=TIMEOUT)
    assert consents.consents() == []
    assert set(consents.chip_texts().values()) == {
        "Consent to school-based health services: Missing",
        "Release of information: Missing",
        "Consent to telehealth: Missing",
    }


def test_a_recorded_consent_appears_in_its_tab(qtbot, clinician, pupil):
    _consent(clinician, pupil.id)
    view = _chart(qtbot, clinician, pupil)
    consents = view.consents_tab
    _show_tab(view, consents)
    qtbot.waitUntil(lambda: len(consents.consents()) == 1, timeout=TIMEOUT)
    assert consents.model.cell(0, 0) == "Consent to school-based health services"


def test_demographics_and_guardians(qtbot, clinician, pupil):
    view = _chart(qtbot, clinician, pupil)
    tab = view.demographics_tab
    _show_tab(view, tab)
    assert tab.facts["name"].text() == "José Ñúñez"
    assert tab.facts["language"].text() == "Spanish"
    assert tab.facts["foster"].text() == "Yes: check who may consent"
    [card] = tab.guardian_cards
    assert card.accessibleName() == "Guardian María Ñúñez"
    assert tab.no_guardians.isHidden()
    assert tab.edit_button.isVisibleTo(view)


def test_a_nurse_sees_that_a_behavioral_note_exists_but_not_its_text(qtbot, clinician, pupil, site):
    visits.record_visit(
        clinician,
        pupil.id,
        visit(site.clock(), visit_type="behavioral_health", reason="Grief", note="Private words"),
    )
    with site.sign_in("nurse") as nurse:
        view = _chart(qtbot, nurse, pupil)
        [entry] = view.timeline_tab.rows()
        assert entry.hidden and "Private words" not in entry.detail
        text = view.timeline_model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
        assert "Details not visible to your role" in text  # reason and note (issue 16)
        assert "Grief" not in text
        _show_tab(view, view.visits_tab)
        qtbot.waitUntil(lambda: len(view.visits_tab.visits()) == 1, timeout=TIMEOUT)
        assert view.visits_tab.note.text().startswith("Restricted (behavioral health)")
        assert view.visits_tab.note.font().italic()
        assert "Private words" not in view.visits_tab.note.text()
        view.close()
        qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


# --- rows that later issues' services will create (test set-up, not UI SQL) -----------


def _referral(session, student_id, due: date, *, with_event: bool = False):
    with session.write() as db:
        partner = Partner(name="Eastside Counseling", kind="community_mental_health")
        db.add(partner)
        db.flush()
        referral = Referral(
            id=uuid.uuid4(),
            student_id=student_id,
            partner_id=partner.id,
            created_by=session.user.id,
            reason="Anxiety",
            urgency="urgent",
            status="sent",
            follow_up_due=due,
        )
        db.add(referral)
        db.flush()
        if with_event:
            db.add(
                ReferralEvent(
                    referral_id=referral.id,
                    from_status="draft",
                    to_status="sent",
                    at=session.now(),
                    by_user=session.user.id,
                    note="Faxed.",
                )
            )


def _consent(session, student_id):
    with session.write() as db:
        db.add(
            Consent(
                student_id=student_id,
                kind="services",
                signer_kind="guardian",
                signed_on=session.today(),
                recorded_by=session.user.id,
            )
        )


def test_the_timeline_says_a_screening_is_in_progress_or_stopped_and_why(qtbot, clinician, pupil):
    from clinic_desktop.services import screenings

    held = screenings.save_in_progress(clinician, pupil.id, "asq", {"q1": 2})
    screenings.discard_screening(clinician, held.id, "Student left for the bus.")
    screenings.save_in_progress(clinician, pupil.id, "asq", {"q1": 1})
    view = _chart(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: len(view.timeline_tab.rows()) >= 2, timeout=TIMEOUT)
    from clinic_desktop.ui.models.timeline_model import shown

    lines = [shown(e) for e in view.timeline_tab.rows()]
    details = [line.detail for line in lines if line.title == "Screening: ASQ"]
    assert sorted(details) == ["In progress", "Stopped: Student left for the bus."]
