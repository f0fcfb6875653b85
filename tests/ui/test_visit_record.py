"""Issue 16 in the running app: visits open from the Visits tab and Today, drafts are
finished and signed in the visit dialog, signed visits read-only with their addenda, and
a screening joins the sitting's visit."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from clinic_desktop.services import screenings, students, visits
from clinic_desktop.ui import operations
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.visit_dialog import VisitDialog
from clinic_desktop.ui.visit_record_dialog import AddendumDialog, VisitRecordDialog
from tests.factories import student, visit

TIMEOUT = 5000
PHQ9 = {f"q{i}": 0 for i in range(1, 10)}


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, VisitDialog | VisitRecordDialog | AddendumDialog):
            widget.done(0)


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student())


def _signed(session, pupil, at, **changes):
    return visits.record_visit(
        session, pupil.id, visit(at, disposition="sent_home", **changes), sign=True
    )


def _window(qtbot, session, pupil) -> MainWindow:
    window = MainWindow(session, site_name="Lincoln")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.chart_opened, timeout=TIMEOUT):
        window.open_student(pupil)
    return window


def _open_from_visits_tab(qtbot, window, row=0):
    chart = window.chart_view
    chart.tabs.setCurrentWidget(chart.visits_tab)
    qtbot.waitUntil(lambda: len(chart.visits_tab.visits()) > row, timeout=TIMEOUT)
    table = chart.visits_tab.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, 0))
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.visit_dialogs), timeout=TIMEOUT)
    return next(iter(window.visit_dialogs.values()))


def test_a_signed_visit_opens_read_only_with_signature_and_addenda(qtbot, clinician, pupil, site):
    signed = _signed(clinician, pupil, site.clock() - timedelta(days=1))
    visits.add_addendum(
        clinician,
        signed.id,
        "Guardian called back",
        "No fever at home.",
        late_entry=True,
        refers_to=site.clock() - timedelta(hours=20),
    )
    window = _window(qtbot, clinician, pupil)
    dialog = _open_from_visits_tab(qtbot, window)
    assert isinstance(dialog, VisitRecordDialog)
    text = dialog.text()
    assert "Signed by Clinician" in text and "Late entry" in text
    assert "Rested 15 minutes, water given." in text
    assert "Addendum by Clinician" in text and "Reason: Guardian called back" in text
    assert "No fever at home." in text and "Late entry for" in text
    assert dialog.addendum_button.isVisible()


def test_add_addendum_appends_to_the_record_and_never_edits_the_note(qtbot, clinician, pupil, site):
    signed = _signed(clinician, pupil, site.clock())
    record = VisitRecordDialog(clinician, visits.get_visit(clinician, signed.id), pupil)
    qtbot.addWidget(record)
    record.show()
    qtbot.mouseClick(record.addendum_button, Qt.MouseButton.LeftButton)
    addendum = record.addendum_dialog
    assert isinstance(addendum, AddendumDialog)
    qtbot.mouseClick(addendum.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(addendum.errors.text("reason")), timeout=TIMEOUT)
    qtbot.keyClicks(addendum.reason, "Correction")
    qtbot.keyClicks(addendum.text, "Water, not juice.")
    with qtbot.waitSignal(record.addendum_saved, timeout=TIMEOUT):
        qtbot.keyClick(addendum.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Water, not juice." in record.text() and "Reason: Correction" in record.text()
    [stored] = visits.list_visits(clinician, pupil.id)
    assert stored.note == signed.note and len(stored.addenda) == 1


def test_my_draft_opens_in_the_visit_dialog_to_finish_and_sign(qtbot, clinician, pupil, site):
    visits.record_visit(clinician, pupil.id, visit(site.clock(), disposition=None))
    window = _window(qtbot, clinician, pupil)
    dialog = _open_from_visits_tab(qtbot, window)
    assert isinstance(dialog, VisitDialog) and dialog.visit is not None
    assert dialog.sign_button.isVisible() and dialog.save_button.isVisible()
    dialog.form.disposition.set_code("sent_home")
    with qtbot.waitSignal(dialog.visit_saved, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    [stored] = visits.list_visits(clinician, pupil.id)
    assert stored.signed and stored.disposition == "sent_home"


def test_someone_elses_draft_opens_read_only_without_addenda(qtbot, site, clinician, pupil):
    with site.sign_in("nurse") as nurse:
        visits.record_visit(nurse, pupil.id, visit(site.clock(), disposition=None))
    window = _window(qtbot, clinician, pupil)
    dialog = _open_from_visits_tab(qtbot, window)
    assert isinstance(dialog, VisitRecordDialog)
    assert "not signed yet" in dialog.text() and not dialog.addendum_button.isVisible()


def test_the_record_lists_the_screenings_of_the_visit(qtbot, clinician, pupil):
    saved = screenings.administer_screening(clinician, pupil.id, "phq9", PHQ9)
    record = VisitRecordDialog(clinician, visits.get_visit(clinician, saved.visit_id), pupil)
    qtbot.addWidget(record)
    assert "PHQ-9" in record.text() and "Screenings in this visit" in record.text()


def test_my_unsigned_notes_on_today_open_the_note(qtbot, clinician, pupil, site):
    draft = visits.record_visit(clinician, pupil.id, visit(site.clock(), disposition=None))
    _signed(clinician, pupil, site.clock())
    window = MainWindow(clinician, site_name="Lincoln")
    qtbot.addWidget(window)
    window.show()
    view = window.today_view
    qtbot.waitUntil(lambda: len(view.texts("unsigned")) == 1, timeout=TIMEOUT)
    [row] = view.texts("unsigned")
    assert row[1] == pupil.display_name and row[4] == "Not chosen yet"
    table = view.cards["unsigned"].table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.visit_dialogs), timeout=TIMEOUT)
    dialog = window.visit_dialogs[pupil.id]
    assert isinstance(dialog, VisitDialog) and dialog.visit.id == draft.id
    assert window.chart_view.student.id == pupil.id


def test_a_screening_joins_the_sitting_and_then_the_visit_opens(
    qtbot, clinician, pupil, monkeypatch
):
    sitting = visits.open_visit(clinician, pupil.id)
    window = _window(qtbot, clinician, pupil)
    import clinic_desktop.ui.screening_dialog as screening_dialog

    created = []
    real = screening_dialog.ScreeningDialog

    def spy(*args, **kwargs):
        dialog = real(*args, **kwargs)
        created.append(dialog)
        return dialog

    monkeypatch.setattr(screening_dialog, "ScreeningDialog", spy)
    window.chart_view.new_screening()
    qtbot.waitUntil(lambda: bool(created), timeout=TIMEOUT)
    [dialog] = created
    assert dialog.visit_id == sitting.id
    saved = screenings.administer_screening(
        clinician, pupil.id, "phq9", PHQ9, visit_id=dialog.visit_id
    )
    dialog.screening_saved.emit(saved)
    dialog.done(0)
    qtbot.waitUntil(lambda: pupil.id in window.visit_dialogs, timeout=TIMEOUT)
    opened = window.visit_dialogs[pupil.id]
    assert isinstance(opened, VisitDialog) and opened.visit.id == sitting.id
    assert opened.form.disposition.code() == ""
    line = opened.findChild(QLabel, "visitScreenings")
    assert line is not None and "PHQ-9" in line.text()


def test_a_nurse_sees_a_behavioral_visits_addenda_withheld(qtbot, site, clinician, pupil):
    bh = visit(site.clock(), visit_type="behavioral_health", disposition="sent_home")
    signed = visits.record_visit(clinician, pupil.id, bh, sign=True)
    visits.add_addendum(clinician, signed.id, "Safety plan", "Private-Addendum-Words")
    with site.sign_in("nurse") as nurse:
        record = VisitRecordDialog(nurse, visits.get_visit(nurse, signed.id), pupil)
        qtbot.addWidget(record)
        text = record.text()
        assert "Addendum by Clinician" in text and "Private-Addendum-Words" not in text
        assert "Safety plan" not in text and not record.addendum_button.isVisible()
