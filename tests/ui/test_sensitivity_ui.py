"""A nurse's chart shows the sensitivity model's placeholders and none of the content
(issue 16 deliverable 5): the timeline, the Visits, Screenings and Referrals tabs, the
header's safety alert (whom to call) and the Print menu (no letter it would refuse)."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.services import partners, referrals, screenings, students, visits
from clinic_desktop.ui import operations
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.models.timeline_model import shown
from clinic_desktop.ui.today_view import TodayView
from tests.factories import student, visit

TIMEOUT = 5000
ASQ_YES = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 0}
SECRETS = ("BH-REASON-SECRET", "BH-NOTE-SECRET", "F32.A", "90832", "BH-REFERRAL-SECRET")
PLACEHOLDER = "Restricted (behavioral health)"


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


def _shown_text(window: QWidget) -> str:
    """Every label and every table cell the window holds."""
    texts = [label.text() for label in window.findChildren(QLabel)]
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        root = QModelIndex()
        try:
            columns = model.columnCount(root)
        except TypeError:  # a list model: one column
            columns = 1
        for row in range(model.rowCount(root)):
            for column in range(columns):
                value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
                texts.append(str(value) if value is not None else "")
    return "\n".join(texts)


@pytest.fixture
def pupil(site, clinician):
    """A student with a behavioral-health visit, an ASQ with an open flag and a referral
    to a mental-health agency, all recorded by the clinician."""
    pupil = students.create_student(clinician, student())
    screenings.administer_screening(clinician, pupil.id, "asq", ASQ_YES)
    agency = partners.add_partner(clinician, PartnerInput(name="Eastside Counseling", kind="cmh"))
    referrals.create_referral(
        clinician, pupil.id, ReferralInput(partner_id=agency.id, reason="BH-REFERRAL-SECRET")
    )
    bh = visit(
        site.clock() - timedelta(hours=1),
        visit_type="behavioral_health",
        reason="BH-REASON-SECRET",
        note="BH-NOTE-SECRET",
        icd10_codes=("F32.A",),
        cpt_codes=("90832",),
    )
    visits.record_visit(clinician, pupil.id, bh)
    return pupil


def test_a_nurse_chart_shows_placeholders_and_no_behavioral_content(qtbot, site, pupil):
    with site.sign_in("nurse") as nurse:
        window = MainWindow(nurse, site_name="Lincoln High School Health Center")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.open_student(pupil)
        chart = window.chart_view
        # visit, its screening visit, the screening, the referral's creation
        qtbot.waitUntil(lambda: len(chart.timeline_tab.rows()) == 4, timeout=TIMEOUT)
        entries = [shown(e) for e in chart.timeline_tab.rows()]
        assert all(e.hidden for e in entries)
        assert all(PLACEHOLDER in e.title for e in entries)

        def alerts():
            return [label.text() for label in chart.alerts_box.findChildren(QLabel)]

        qtbot.waitUntil(lambda: any(PLACEHOLDER in a for a in alerts()), timeout=TIMEOUT)
        assert any("Call Clinician, who recorded it." in a for a in alerts())
        chart.tabs.setCurrentWidget(chart.visits_tab)
        qtbot.waitUntil(lambda: len(chart.visits_tab.visits()) == 2, timeout=TIMEOUT)
        chart.visits_tab.table.selectRow(0)
        assert chart.visits_tab.note.text().startswith(PLACEHOLDER)
        chart.tabs.setCurrentWidget(chart.screenings_tab)
        qtbot.waitUntil(lambda: bool(chart.screenings_tab.cards), timeout=TIMEOUT)
        (card,) = chart.screenings_tab.cards.values()
        assert card.title == PLACEHOLDER
        chart.tabs.setCurrentWidget(chart.referrals_tab)
        qtbot.waitUntil(lambda: len(chart.referrals_tab.referrals()) == 1, timeout=TIMEOUT)
        chart.referrals_tab.table.selectRow(0)
        assert not chart.referrals_tab.print_button.isEnabled()
        menu = window.print_menu
        qtbot.waitUntil(lambda: menu.choices is not None, timeout=TIMEOUT)
        assert [a.isEnabled() for a in menu.referral_menu.actions()] == [False]  # "None on file"
        assert not menu.results_action.isEnabled()
        text = _shown_text(window)
        assert PLACEHOLDER in text
        assert [s for s in SECRETS if s in text] == []
        window.close()
        qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


def test_the_clinician_sees_it_all(qtbot, site, pupil, clinician):
    window = MainWindow(clinician, site_name="Lincoln High School Health Center")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_student(pupil)
    chart = window.chart_view
    qtbot.waitUntil(lambda: len(chart.timeline_tab.rows()) == 4, timeout=TIMEOUT)
    assert not any(e.hidden for e in chart.timeline_tab.rows())
    chart.tabs.setCurrentWidget(chart.referrals_tab)
    qtbot.waitUntil(lambda: len(chart.referrals_tab.referrals()) == 1, timeout=TIMEOUT)
    chart.referrals_tab.table.selectRow(0)
    assert chart.referrals_tab.print_button.isEnabled()
    assert "BH-REFERRAL-SECRET" in _shown_text(window)
    window.close()
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


def test_a_nurse_today_names_whom_to_call_not_the_flag_or_the_reason(qtbot, site, pupil):
    with site.sign_in("nurse") as nurse:
        view = TodayView(nurse)
        qtbot.addWidget(view)
        view.show()
        with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
            view.refresh()
        [flag] = view.texts("flags")
        assert flag[2:] == (PLACEHOLDER, "Call Clinician, who recorded it.")
        reasons = [row[3] for row in view.texts("visits")]
        assert reasons and all(r == PLACEHOLDER for r in reasons)
        text = "\n".join("\n".join(row) for key in view.cards for row in view.texts(key))
        assert [s for s in SECRETS if s in text] == []
        view.close()
        qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
