"""One way to write a date per interface language, everywhere: lists, dialogs, date fields,
date edits and the services' messages (10/14/2026 in English, 14/10/2026 in Spanish)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.domain.risk_actions import ActionInput, RiskAction
from clinic_desktop.messages import msg
from clinic_desktop.services import flags, partners, referrals, screenings, students, visits
from clinic_desktop.store.keyring import ResetNotice
from clinic_desktop.ui import i18n, operations
from clinic_desktop.ui.flag_action_dialog import FlagActionDialog
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.new_password_dialog import reset_notice_text
from clinic_desktop.ui.referral_action_dialog import ReferralActionDialog
from clinic_desktop.ui.tabs.screenings import flags_tooltip
from clinic_desktop.ui.today_view import TodayView
from clinic_desktop.ui.visit_dialog import VisitDialog
from clinic_desktop.ui.visit_record_dialog import AddendumDialog, VisitRecordDialog
from clinic_desktop.ui.widgets.dates import DateField, DateTimeField
from tests.conftest import SCHOOL_TZ
from tests.factories import guardian, student, visit
from tests.ui.test_i18n import spanish  # noqa: F401 (a fixture)
from tests.ui.test_referrals_ui import open_chart

TIMEOUT = 5000
AT = datetime(2026, 10, 20, 15, 30, tzinfo=SCHOOL_TZ)
#: (language, date, date and time) as the interface writes 10/14/2026 and AT.
EXPECTED = {
    "en": ("10/14/2026", "10/20/2026 3:30 PM"),
    "es": ("14/10/2026", "20/10/2026 15:30"),
}


#: The site clock's time (10/14/2026 10:30 AM at the school) as each language writes it.
NOW = {"en": "10/14/2026 10:30 AM", "es": "14/10/2026 10:30"}
#: The day before at 9:05 AM, as each language writes it.
YESTERDAY = {"en": "10/13/2026 9:05 AM", "es": "13/10/2026 09:05"}
ASQ_ACUTE = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 1}
#: No ISO date (2026-10-14) and no ISO date and time anywhere.
ISO = ("2026-10-1", "2010-03-14")


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, VisitDialog | VisitRecordDialog | AddendumDialog):
            widget.done(0)


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


def _no_iso(text: str) -> None:
    assert not any(iso in text for iso in ISO), text


def test_a_date_time_field_shows_and_takes_the_language_order(qtbot, language):
    field = DateTimeField()
    qtbot.addWidget(field)
    field.show()
    assert field.displayFormat() == i18n.date_time_format()
    field.set_moment(datetime(2026, 1, 2, 9, 5, tzinfo=SCHOOL_TZ), SCHOOL_TZ)
    assert field.text() == {"en": "01/02/2026 9:05 AM", "es": "02/01/2026 09:05"}[language]
    field.setFocus()
    field.setSelectedSection(field.sectionAt(0))
    # Typed as the language writes it (the field moves on by itself after each part).
    qtbot.keyClicks(field, {"en": "10202026330p", "es": "201020261530"}[language])
    assert field.text() == EXPECTED[language][1]
    assert field.moment(SCHOOL_TZ) == AT


def test_the_visit_dialog_writes_the_language_format(qtbot, clinician, clock, language):
    pupil = students.create_student(clinician, student(date_of_birth=date(2010, 3, 14)))
    dialog = VisitDialog(clinician, pupil, clock=clock)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert {"en": "03/14/2010", "es": "14/03/2010"}[language] in texts
    _no_iso(texts)
    assert dialog.form.when.displayFormat() == i18n.date_time_format()
    assert dialog.form.when.text() == NOW[language]
    draft = visits.record_visit(
        clinician, pupil.id, visit(clock() - timedelta(days=1, hours=1, minutes=25))
    )
    saved = VisitDialog(clinician, pupil, clock=clock, visit=draft)
    qtbot.addWidget(saved)
    assert saved.form.when.text() == YESTERDAY[language]
    assert saved.form.occurred_at() == draft.occurred_at
    dialog.done(0)


def test_the_signed_visit_and_its_addenda_use_the_language_format(
    qtbot, clinician, clock, language
):
    pupil = students.create_student(clinician, student())
    yesterday = clock() - timedelta(days=1, hours=1, minutes=25)
    signed = visits.record_visit(
        clinician, pupil.id, visit(yesterday, disposition="sent_home"), sign=True
    )
    amended = visits.add_addendum(
        clinician, signed.id, "Late call", "Guardian called.", late_entry=True, refers_to=yesterday
    )
    record = VisitRecordDialog(clinician, amended, pupil)
    qtbot.addWidget(record)
    text = record.text()
    assert YESTERDAY[language] in record.title.text()
    assert NOW[language] in record.signature.text()  # signed now
    assert text.count(YESTERDAY[language]) >= 3  # title, record, the late entry's time
    _no_iso(text)
    addendum = AddendumDialog(clinician, amended)
    qtbot.addWidget(addendum)
    addendum.show()
    assert addendum.when.displayFormat() == i18n.date_time_format()
    assert addendum.when.text() == NOW[language]
    addendum.late.setChecked(True)
    addendum.when.set_moment(yesterday, SCHOOL_TZ)
    assert addendum.refers_to() == yesterday
    addendum.done(0)  # skips the keep-or-discard question


def test_the_flag_action_dialog_uses_the_language_format(qtbot, site, clinician, language):
    pupil = students.create_student(clinician, student())
    [flag] = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_ACUTE).flags
    flags.record_flag_actions(
        clinician,
        flag.id,
        [ActionInput(RiskAction.SAFETY_ASSESSMENT, clinician.now(), "", "BSSA done.")],
    )
    site.clock.advance(days=1)
    dialog = FlagActionDialog(clinician, flag)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=TIMEOUT)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert NOW[language] in dialog.raised_label.text()
    assert NOW[language] in text  # the action recorded yesterday, listed
    _no_iso(text)
    row = dialog.add_action(RiskAction.CRISIS_TEAM)
    assert row.when.displayFormat() == i18n.date_time_format()
    assert row.when.text() == {"en": "10/15/2026 10:30 AM", "es": "15/10/2026 10:30"}[language]
    dialog.done(0)  # skips the keep-or-discard question


def test_my_unsigned_notes_and_screening_tooltips_use_the_language_format(
    qtbot, site, clinician, language
):
    pupil = students.create_student(clinician, student())
    yesterday = site.clock() - timedelta(days=1, hours=1, minutes=25)
    visits.record_visit(clinician, pupil.id, visit(yesterday))
    [flag] = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_ACUTE).flags
    flags.record_flag_actions(
        clinician,
        flag.id,
        [ActionInput(RiskAction.SAFETY_ASSESSMENT, clinician.now(), "", "BSSA done.")],
    )
    view = TodayView(clinician)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.refresh()
    today = {"en": "10:30 AM", "es": "10:30"}[language]  # the screening's draft visit
    assert sorted(row[0] for row in view.texts("unsigned")) == sorted([YESTERDAY[language], today])
    [screening] = screenings.list_screenings(clinician, pupil.id)
    tip = flags_tooltip(screening, SCHOOL_TZ)
    assert NOW[language] in tip
    _no_iso(tip)


def test_the_password_reset_notice_uses_the_language_format(language):
    notice = ResetNotice(by="admin", at=AT)
    text = reset_notice_text(notice)
    assert {"en": "10/20/2026 at 3:30 PM", "es": "20/10/2026 a las 15:30"}[language] in text
