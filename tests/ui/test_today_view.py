"""The Today view: flags, overdue follow-ups, today's visits, seen this week; rows open charts."""

import uuid
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from clinic_desktop.domain.screening import load_instrument
from clinic_desktop.services import screenings, students, visits
from clinic_desktop.store.models import Partner, Referral
from clinic_desktop.ui import i18n, operations
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.today_view import TodayView
from tests.factories import student, visit

TIMEOUT = 5000
#: An ASQ with a "yes": one flag.
ASQ_YES = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 0}


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student())


def _today(qtbot, session) -> TodayView:
    view = TodayView(session)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.refresh()
    return view


def test_lists_an_overdue_follow_up_and_todays_visits(qtbot, clinician, pupil, site):
    now = site.clock()
    visits.record_visit(clinician, pupil.id, visit(now - timedelta(hours=1)))
    visits.record_visit(clinician, pupil.id, visit(now - timedelta(days=1), reason="Yesterday"))
    _referral(clinician, pupil.id, due=clinician.today() - timedelta(days=2))
    view = _today(qtbot, clinician)
    assert view.day_label.text() == "Wednesday, October 14, 2026"
    assert view.texts("follow_ups") == [
        ("Ñúñez, José (Pepe)", "Eastside Counseling", "Sent", "10/12/2026, 2 days overdue")
    ]
    tone = view.cards["follow_ups"].model.index(0, 3).data(Qt.ItemDataRole.UserRole + 21)
    assert tone == "acute"
    assert view.texts("visits") == [
        ("9:30 AM", "Ñúñez, José (Pepe)", "Nursing", "Headache", "Clinician")
    ]
    assert view.texts("seen") == [("Ñúñez, José (Pepe)", "03/14/2010", "10", "LHS")]
    assert view.texts("flags") == []
    flags = view.cards["flags"]
    assert flags.empty.text() == "No open risk flags." and not flags.empty.isHidden()


def test_mine_only_leaves_out_other_clinicians_referrals(qtbot, clinician, pupil, site):
    with site.sign_in("nurse") as nurse:
        _referral(nurse, pupil.id, due=nurse.today())
    view = _today(qtbot, clinician)
    assert len(view.texts("follow_ups")) == 1
    assert view.texts("follow_ups")[0][3] == "10/14/2026, due today"
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.mine_only.setChecked(True)
    assert view.texts("follow_ups") == []


def test_a_long_follow_up_list_shows_its_first_page_and_offers_the_rest(
    qtbot, clinician, pupil, site
):
    """Issue 9: a large site has thousands of follow-ups due; the card loads a page,
    says how many there are and loads them all on request."""
    for days in (1, 3, 2):
        _referral(clinician, pupil.id, due=clinician.today() - timedelta(days=days))
    view = TodayView(clinician)
    view.follow_up_page = 2
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.refresh()
    card = view.cards["follow_ups"]
    assert [row[3] for row in view.texts("follow_ups")] == [
        "10/11/2026, 3 days overdue",
        "10/12/2026, 2 days overdue",
    ]
    assert card.count.text() == "· 2 of 3" and card.title.accessibleName().endswith(": 3")
    assert card.show_all.isVisible() and card.show_all.text() == "Show all 3"
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(card.show_all, Qt.MouseButton.LeftButton)
    assert len(view.texts("follow_ups")) == 3 and view.overview.follow_ups_total == 3
    assert card.count.text() == "· 3" and not card.show_all.isVisible()


def test_enter_on_a_follow_up_opens_the_chart(qtbot, clinician, pupil, site):
    _referral(clinician, pupil.id, due=clinician.today() - timedelta(days=1))
    window = MainWindow(clinician, site_name="Lincoln")
    qtbot.addWidget(window)
    window.show()
    view = window.today_view
    qtbot.waitUntil(lambda: len(view.texts("follow_ups")) == 1, timeout=TIMEOUT)
    table = view.cards["follow_ups"].table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    with qtbot.waitSignal(window.chart_opened, timeout=TIMEOUT):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.chart_view.student.id == pupil.id
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is view


# --- a referral row, as later issues' referral service will create it (test set-up) -----


def _referral(session, student_id, due: date):
    with session.write() as db:
        partner = Partner(name="Eastside Counseling", kind="community_mental_health")
        db.add(partner)
        db.flush()
        db.add(
            Referral(
                id=uuid.uuid4(),
                student_id=student_id,
                partner_id=partner.id,
                created_by=session.user.id,
                reason="Anxiety",
                urgency="urgent",
                status="sent",
                follow_up_due=due,
            )
        )


def test_open_flags_read_in_the_interface_language(qtbot, clinician, pupil):
    """Flags are stored in English; the instrument has both languages, so a Spanish
    interface shows the flag and its required action in Spanish."""
    [flag] = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_YES).flags
    [rule] = [r for r in load_instrument("asq").flag_rules if r.message.en == flag.message]
    assert _today(qtbot, clinician).texts("flags")[0][2:] == (flag.message, flag.required_action)
    assert i18n.install_language(i18n.SPANISH) == i18n.SPANISH
    [row] = _today(qtbot, clinician).texts("flags")
    assert row[2:] == (rule.message.es, rule.required_action.es)
    assert row[0] in ("Aguda", "Urgente", "De rutina")


def test_a_reason_picked_from_the_suggestions_reads_in_the_interface_language(
    qtbot, clinician, pupil, site
):
    """A suggestion is stored as its key and shown in the reader's language; a reason the
    nurse typed stays as typed."""
    now = site.clock()
    visits.record_visit(clinician, pupil.id, visit(now - timedelta(hours=1), reason="Headache"))
    visits.record_visit(clinician, pupil.id, visit(now - timedelta(hours=2), reason="Other"))
    assert i18n.install_language(i18n.SPANISH) == i18n.SPANISH
    reasons = [row[3] for row in _today(qtbot, clinician).texts("visits")]
    assert reasons == ["Dolor de cabeza", "Other"]
