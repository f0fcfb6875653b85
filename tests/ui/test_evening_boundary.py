"""The roster's ages at 18:30 in Los Angeles (01:30 UTC the next day): a student whose
birthday is the clinic's tomorrow is not a year older yet."""

from datetime import date, datetime

from PySide6.QtCore import QModelIndex

from clinic_desktop.services import students
from clinic_desktop.ui import operations
from clinic_desktop.ui.models.roster_model import DETAIL_ROLE
from clinic_desktop.ui.roster_pane import RosterPane
from tests.conftest import SCHOOL_TZ
from tests.factories import student

TIMEOUT = 5000


def test_roster_age_waits_for_the_local_birthday(qtbot, site, clinician):
    site.clock.now = datetime(2026, 10, 14, 18, 30, tzinfo=SCHOOL_TZ)
    students.create_student(clinician, student(date_of_birth=date(2010, 10, 15)))
    pane = RosterPane(clinician)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.results_shown, timeout=TIMEOUT):
        pane.run_search()
    detail = pane.model.index(0, 0, QModelIndex()).data(DETAIL_ROLE)
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    assert detail == "10/15/2010 (age 15) · grade 10 · LHS"
