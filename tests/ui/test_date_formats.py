"""One way to write a date per interface language, everywhere: lists, dialogs, date fields,
date edits and the services' messages (10/14/2026 in English, 14/10/2026 in Spanish)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.messages import msg
from clinic_desktop.services import partners, referrals, students
from clinic_desktop.ui import i18n
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.referral_action_dialog import ReferralActionDialog
from clinic_desktop.ui.widgets.dates import DateField
from tests.conftest import SCHOOL_TZ
from tests.factories import guardian, student
from tests.ui.test_i18n import spanish  # noqa: F401 (a fixture)
from tests.ui.test_referrals_ui import open_chart

TIMEOUT = 5000
AT = datetime(2026, 10, 20, 15, 30, tzinfo=SCHOOL_TZ)
#: (language, date, date and time) as the interface writes 10/14/2026 and AT.
EXPECTED = {
    "en": ("10/14/2026", "10/20/2026 3:30 PM"),
    "es": ("14/10/2026", "20/10/2026 15:30"),
}


@pytest.fixture(params=["en", "es"])
def language(request) -> str:
    if request.param == "es":
        request.getfixturevalue("spanish")
    return request.param


def test_the_formatter_writes_one_format_per_language(language):
    day, moment = EXPECTED[language]
    assert formats.short_date(date(2026, 10, 14)) == day
    assert formats.birth_date(date(2026, 10, 14)) == day
    assert formats.date_time(AT, SCHOOL_TZ) == moment
    when = msg("The appointment is on {when}.", when=AT)
    assert moment in i18n.translate_message(when)  # a service's message, same spelling
    assert day in i18n.translate_message(msg("Signed on {day}.", day=date(2026, 10, 14)))


def test_a_date_field_reads_and_writes_the_language_format(qtbot, language):
    field = DateField()
    qtbot.addWidget(field)
    day, _moment = EXPECTED[language]
    field.set_value(date(2026, 10, 14))
    assert field.text() == day
    assert field.edit.placeholderText() == i18n.date_hint()
    field.edit.clear()
    qtbot.keyClicks(field.edit, day)
    assert field.value() == date(2026, 10, 14)
    field.edit.clear()
    qtbot.keyClicks(field.edit, "2026-10-14")  # ISO is still understood
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    field.edit.editingFinished.emit()
    assert field.value() == date(2026, 10, 14)
    assert field.text() == day  # and shown as the language writes dates


def test_a_date_time_edit_shows_the_language_format(qtbot, clinician, language):
    eastside = partners.add_partner(clinician, PartnerInput(name="Eastside", kind="cmh"))
    pupil = students.create_student(clinician, student(), (guardian(),))
    made = referrals.create_referral(
        clinician, pupil.id, ReferralInput(eastside.id, "Anxiety", "routine")
    )
    dialog = ReferralActionDialog(clinician, made, "scheduled")
    qtbot.addWidget(dialog)
    dialog.set_appointment(AT)
    assert dialog.appointment.displayFormat() == i18n.date_time_format()
    assert dialog.appointment.text() == EXPECTED[language][1]


def test_chart_lists_show_the_language_format(qtbot, clinician, language):
    eastside = partners.add_partner(clinician, PartnerInput(name="Eastside", kind="cmh"))
    pupil = students.create_student(
        clinician, student(date_of_birth=date(2010, 3, 14)), (guardian(),)
    )
    referrals.create_referral(clinician, pupil.id, ReferralInput(eastside.id, "Anxiety", "routine"))
    chart = open_chart(qtbot, clinician, pupil)
    born = {"en": "03/14/2010", "es": "14/03/2010"}[language]
    qtbot.waitUntil(lambda: born in chart.facts_label.text(), timeout=TIMEOUT)
    chart.tabs.setCurrentWidget(chart.referrals_tab)
    tab = chart.referrals_tab
    qtbot.waitUntil(lambda: len(tab.referrals()) == 1, timeout=TIMEOUT)
    [row] = tab.model.rows()
    assert row.cells[0] == EXPECTED[language][0]  # made today, 10/14/2026
