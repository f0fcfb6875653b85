"""Student and guardian forms: add, edit, inline validation, consent, nothing lost by Cancel."""

import pytest
from PySide6.QtCore import QPoint, Qt

from clinic_desktop.domain.students import GuardianInput
from clinic_desktop.services import students
from clinic_desktop.ui import i18n, operations
from clinic_desktop.ui.guardian_dialog import GuardianDialog
from clinic_desktop.ui.student_dialog import StudentDialog, relation_label
from tests import factories
from tests.ui.test_visit_dialog import unnamed_controls

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
#: The language box's completer pops up a list; the offscreen platform cannot raise it.
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")


@pytest.fixture
def open_student(qtbot):
    """Open a student dialog and wait until it is filled; closed at teardown."""
    opened = []

    def open_(session, student_id=None):
        dialog = StudentDialog(session, student_id)
        opened.append(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.ready, timeout=5000)
        return dialog

    yield open_
    operations.wait_for_idle()
    for dialog in opened:
        dialog.done(0)
        dialog.deleteLater()


def _type(qtbot, edit, text):
    """Type ``text``; QTest can only press keys for ASCII, so the rest is entered as an
    input method would (names like "Nguyễn" must round-trip)."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.setFocus()
        edit.insert(text)


def _tick(qtbot, box):
    """Click a check box on its box (a stretched check box ignores clicks on blank space)."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def _add_guardian(qtbot, dialog, *, name, relation, phones=""):
    qtbot.mouseClick(dialog.add_guardian_button, LEFT)
    guardian = dialog.guardian_dialog
    assert guardian.isVisible()
    _type(qtbot, guardian.name, name)
    guardian.relation.set_code(relation)
    qtbot.keyClicks(guardian.phones, phones)
    qtbot.mouseClick(guardian.ok_button, LEFT)
    assert not guardian.isVisible()


def test_add_a_student_with_a_guardian(qtbot, clinician, open_student):
    dialog = open_student(clinician)
    assert dialog.school_code.text() == "LHS"  # the site's own school to start with
    _type(qtbot, dialog.first_name, "Thị Hồng")
    _type(qtbot, dialog.last_name, "Nguyễn")
    qtbot.keyClicks(dialog.date_of_birth.edit, "2011-07-02")
    dialog.sex.set_code("F")
    dialog.grade.set_code("9")
    qtbot.keyClicks(dialog.district_id, "D2001")
    qtbot.keyClicks(dialog.zip_code, "94602")
    dialog.language.set_code("vi")
    _tick(qtbot, dialog.foster_care)
    _add_guardian(
        qtbot,
        dialog,
        name="Trần Văn Bảo",
        relation="foster parent",
        phones="555-555-0102, 555-0103",
    )
    assert dialog.guardian_list.topLevelItemCount() == 1
    with qtbot.waitSignal(dialog.student_saved, timeout=5000) as saved:
        qtbot.keyClick(dialog.zip_code, Qt.Key.Key_Return, CTRL)
    stored = students.get_student(clinician, saved.args[0].id)
    assert (stored.first_name, stored.last_name, stored.district_id) == (
        "Thị Hồng",
        "Nguyễn",
        "D2001",
    )
    assert (stored.date_of_birth.isoformat(), stored.sex, stored.grade) == ("2011-07-02", "F", "9")
    assert (stored.language, stored.foster_care, stored.school_code) == ("vi", True, "LHS")
    [guardian] = stored.guardians
    assert (guardian.name, guardian.relation, guardian.can_consent) == (
        "Trần Văn Bảo",
        "foster parent",
        True,
    )
    assert guardian.phones == ("555-555-0102", "555-0103")
    assert not dialog.isVisible()


def test_edit_a_student_and_their_guardians(qtbot, clinician, open_student):
    created = students.create_student(
        clinician,
        factories.student(),
        (factories.guardian(), factories.guardian(name="Carlos Ñúñez", relation="father")),
    )
    dialog = open_student(clinician, created.id)
    assert dialog.first_name.text() == "José"
    assert dialog.date_of_birth.text() == "03/14/2010"  # as every date is written
    assert dialog.language.code() == "es"
    assert dialog.guardian_list.topLevelItemCount() == 2
    dialog.preferred_name.clear()
    qtbot.keyClicks(dialog.preferred_name, "Joe")

    dialog.guardian_list.setCurrentItem(dialog.guardian_list.topLevelItem(0))
    qtbot.mouseClick(dialog.edit_guardian_button, LEFT)
    editing = dialog.guardian_dialog
    assert editing.name.text() == "María Ñúñez"
    editing.phones.clear()
    qtbot.keyClicks(editing.phones, "(555) 555-0111")
    qtbot.mouseClick(editing.ok_button, LEFT)
    dialog.guardian_list.setCurrentItem(dialog.guardian_list.topLevelItem(1))
    qtbot.mouseClick(dialog.remove_guardian_button, LEFT)
    _add_guardian(qtbot, dialog, name="Rosa Ñúñez", relation="grandparent")

    with qtbot.waitSignal(dialog.student_saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.save_button, LEFT)
    stored = students.get_student(clinician, created.id)
    assert stored.preferred_name == "Joe"
    assert [(g.name, g.phones, g.can_consent) for g in stored.guardians] == [
        ("María Ñúñez", ("(555) 555-0111",), True),
        ("Rosa Ñúñez", (), False),
    ]
    assert [g.name for g in saved.args[0].guardians] == ["María Ñúñez", "Rosa Ñúñez"]


def test_problems_are_shown_beside_their_fields_and_nothing_is_saved(
    qtbot, clinician, open_student
):
    dialog = open_student(clinician)
    qtbot.keyClicks(dialog.zip_code, "9460")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: dialog.errors.text("first_name") != "", timeout=5000)
    assert dialog.errors.text("first_name") == "Is required"
    assert dialog.errors.text("last_name") == "Is required"
    assert dialog.errors.text("date_of_birth") == "Is required (YYYY-MM-DD)"
    assert dialog.errors.text("zip_code") == "Must be 5 digits (or ZIP+4)"
    assert dialog.errors.text("school_code") == ""
    assert dialog.focusWidget() is dialog.first_name
    assert students.search_students(clinician, "") == []
    qtbot.keyClicks(dialog.first_name, "A")
    assert dialog.errors.text("first_name") == ""


def test_a_date_that_does_not_exist_is_caught_in_the_form(qtbot, clinician, open_student):
    dialog = open_student(clinician)
    qtbot.keyClicks(dialog.date_of_birth.edit, "2010-02-30")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.errors.text("date_of_birth") == "Is not a date; use MM/DD/YYYY"
    assert not dialog.busy


def test_cancel_with_changes_asks_first(qtbot, clinician, open_student, prompts):
    dialog = open_student(clinician)
    qtbot.keyClicks(dialog.first_name, "Ana")
    prompts.answers["ask_close"] = ""  # Cancel: back to the form
    qtbot.keyClick(dialog.first_name, Qt.Key.Key_Escape)
    [asked] = prompts.take("ask_close")
    assert asked.kwargs["action"] == "Discard changes"
    assert dialog.isVisible()
    prompts.answers["ask_close"] = "discard"
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert len(prompts.take("ask_close")) == 1
    assert not dialog.isVisible()


def test_cancel_without_changes_just_closes(qtbot, clinician, open_student):
    dialog = open_student(clinician)
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible()


@pytest.mark.parametrize(
    ("relation", "may_consent"),
    [("legal guardian", True), ("grandparent", False), ("caseworker", False), ("mother", True)],
)
def test_consent_follows_the_relation_until_changed_by_hand(qtbot, relation, may_consent):
    dialog = GuardianDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.relation.set_code(relation)
    assert dialog.can_consent.isChecked() is may_consent
    _tick(qtbot, dialog.can_consent)  # a court order says otherwise
    assert dialog.can_consent.isChecked() is not may_consent


def test_a_stored_guardians_consent_is_shown_as_recorded(qtbot):
    grandmother = GuardianInput(name="Rosa", relation="grandparent", can_consent=True)
    dialog = GuardianDialog(None, grandmother)
    qtbot.addWidget(dialog)
    assert dialog.can_consent.isChecked()


def test_the_guardian_form_explains_its_problems(qtbot):
    dialog = GuardianDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.phones, "call the office")
    with qtbot.assertNotEmitted(dialog.guardian_accepted):
        qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.errors.text("name") == "Is required"
    assert dialog.errors.text("phones") == "Contains an invalid phone number"
    assert dialog.isVisible()


def test_every_control_has_an_accessible_name(qtbot, clinician, open_student):
    dialog = open_student(clinician)
    assert unnamed_controls(dialog) == []
    qtbot.mouseClick(dialog.add_guardian_button, LEFT)
    assert unnamed_controls(dialog.guardian_dialog) == []
    dialog.guardian_dialog.done(0)


def test_relations_read_as_words_in_the_interface_language():
    """Relation codes are shown as labels, translated; an unknown code as stored."""
    assert relation_label("legal guardian") == "Legal guardian"
    assert relation_label("aunt/uncle") == "Aunt/uncle"
    assert relation_label("godparent") == "Godparent"
    assert i18n.install_language(i18n.SPANISH) == i18n.SPANISH
    assert relation_label("legal guardian") == "Tutor legal"
    assert relation_label("mother") == "Madre"
