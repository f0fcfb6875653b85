"""The consent packet dialog (issue #6): opened from the Print menu with the roster's
search, students checked by school and grade, more than a packet holds refused beside
the list, and the rendered packet reaching the print preview; by keyboard, with every
control named."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from clinic_desktop.errors import ValidationError
from clinic_desktop.services import printing, students
from clinic_desktop.services.printing import MAX_PACKET_STUDENTS
from clinic_desktop.ui import consent_packet_dialog, operations
from clinic_desktop.ui.consent_packet_dialog import ConsentPacketDialog
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.print_preview import PrintPreviewDialog
from tests.factories import student
from tests.ui.test_accessibility import assert_all_named, show
from tests.ui.test_keyboard import assert_escape_cancels, assert_keyboard_walk

TIMEOUT = 10_000
#: The preview raises itself, which the offscreen platform cannot do.
pytestmark = pytest.mark.qt_log_ignore("does not support raise")


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)


@pytest.fixture
def roster(clinician):
    """A ninth-grade class one larger than a packet, and two tenth graders."""
    ninth = [
        students.create_student(
            clinician,
            student(
                first_name=f"Ana{n:02d}",
                last_name="Rivera",
                grade="9",
                district_id=f"D9{n:06d}",
                language="en",
                preferred_name="",
            ),
        )
        for n in range(MAX_PACKET_STUDENTS + 1)
    ]
    tenth = [
        students.create_student(clinician, student()),
        students.create_student(
            clinician,
            student(
                first_name="Nguyễn", last_name="Thị Lan", district_id="D1000002", preferred_name=""
            ),
        ),
    ]
    return {"9": ninth, "10": tenth}


def packet_dialog(qtbot, session, query: str = "") -> ConsentPacketDialog:
    dialog = ConsentPacketDialog(session, query=query)
    with qtbot.waitSignal(dialog.students_loaded, timeout=TIMEOUT):
        show(qtbot, dialog)
    return dialog


def items(dialog: ConsentPacketDialog) -> list[QListWidgetItem]:
    return [dialog.student_list.item(row) for row in range(dialog.student_list.count())]


def choose_grade(dialog: ConsentPacketDialog, grade: str) -> None:
    dialog.grade_box.setCurrentIndex(dialog.grade_box.findData(grade))


def check(qtbot, dialog: ConsentPacketDialog, item: QListWidgetItem) -> None:
    """Check a student with the keyboard, as Space on the highlighted row does."""
    dialog.student_list.setCurrentItem(item)
    dialog.student_list.setFocus()
    qtbot.keyClick(dialog.student_list, Qt.Key.Key_Space)


def test_the_print_menu_opens_it_with_the_roster_search(qtbot, nurse, roster):
    window = MainWindow(nurse, site_name="Lincoln High School Health Center")
    qtbot.addWidget(window)
    window.roster.search.setText("Thị Lan")
    action = window.findChild(type(window.quit_action), "consentPacketAction")
    assert action is not None and action in window.print_menu.actions()
    action.trigger()
    dialog = window.findChild(ConsentPacketDialog)
    assert dialog is not None and dialog.search_field.text() == "Thị Lan"
    qtbot.waitUntil(lambda: len(items(dialog)) == 1, timeout=TIMEOUT)
    assert "Nguyễn" in items(dialog)[0].text()
    dialog.reject()


def test_school_and_grade_narrow_the_list_and_checks_are_counted(qtbot, nurse, roster):
    dialog = packet_dialog(qtbot, nurse)
    assert len(items(dialog)) == MAX_PACKET_STUDENTS + 3
    assert dialog.school_box.findData("LHS") > 0
    choose_grade(dialog, "10")
    names = [i.text().split(" — ")[0] for i in items(dialog)]
    assert sorted(names) == ["Thị Lan, Nguyễn", "Ñúñez, José (Pepe)"]
    assert not dialog.preview_button.isEnabled()  # nothing chosen yet
    check(qtbot, dialog, items(dialog)[names.index("Ñúñez, José (Pepe)")])
    assert dialog.count_label.text() == f"1 of {MAX_PACKET_STUDENTS} students chosen"
    assert dialog.preview_button.isEnabled()
    choose_grade(dialog, "")  # the check survives a change of filter
    checked = [i for i in items(dialog) if i.checkState() == Qt.CheckState.Checked]
    assert [i.text().split(" — ")[0] for i in checked] == ["Ñúñez, José (Pepe)"]
    dialog.clear_choices()
    assert dialog.chosen == {}
    assert dialog.count_label.text() == f"0 of {MAX_PACKET_STUDENTS} students chosen"


def test_more_than_a_packet_holds_is_refused_beside_the_list(qtbot, nurse, roster):
    dialog = packet_dialog(qtbot, nurse)
    choose_grade(dialog, "9")
    dialog.check_all_shown()  # 31 do not fit: none is checked
    assert dialog.chosen == {}
    assert "room for 30 more" in dialog.refusal.text()
    for item in items(dialog)[:MAX_PACKET_STUDENTS]:
        item.setCheckState(Qt.CheckState.Checked)
    assert len(dialog.chosen) == MAX_PACKET_STUDENTS
    assert dialog.refusal.text() == ""
    last = items(dialog)[MAX_PACKET_STUDENTS]
    check(qtbot, dialog, last)
    assert last.checkState() == Qt.CheckState.Unchecked
    assert len(dialog.chosen) == MAX_PACKET_STUDENTS
    assert f"at most {MAX_PACKET_STUDENTS} students" in dialog.refusal.text()
    assert dialog.count_label.text() == f"30 of {MAX_PACKET_STUDENTS} students chosen"


def test_the_service_refuses_more_than_a_packet_too(nurse, roster):
    ids = [s.id for s in roster["9"]]
    with pytest.raises(ValidationError):
        printing.consent_packet(nurse, ids)


def test_the_packet_reaches_the_print_preview(qtbot, nurse, roster, prompts):
    dialog = packet_dialog(qtbot, nurse)
    choose_grade(dialog, "10")
    dialog.check_all_shown()
    dialog.language_box.set_code("es")
    with qtbot.waitSignal(dialog.preview_opened, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    preview = opened.args[0]
    qtbot.addWidget(preview)
    assert isinstance(preview, PrintPreviewDialog)
    assert not dialog.isVisible()
    pdf = PdfReader(io.BytesIO(preview.printed.data))
    chosen = list(dialog.chosen.values())  # the packet's order
    one = [printing.consent_form(nurse, s.id, "es").page_count for s in chosen]
    assert len(pdf.pages) == sum(one)
    first = "".join(page.extract_text() for page in pdf.pages[: one[0]])
    rest = "".join(page.extract_text() for page in pdf.pages[one[0] :])
    assert chosen[0].last_name in first and chosen[0].last_name not in rest
    assert chosen[1].last_name in rest
    assert "(Spanish)" in preview.printed.title
    preview.close()


def test_every_control_is_named_and_tab_reaches_each(qtbot, nurse, roster):
    dialog = packet_dialog(qtbot, nurse)
    assert_all_named(dialog)
    check(qtbot, dialog, items(dialog)[0])  # Preview is enabled, so Tab must reach it
    stops = assert_keyboard_walk(qtbot, dialog)
    for control in (
        dialog.search_field,
        dialog.school_box,
        dialog.grade_box,
        dialog.student_list,
        dialog.check_all_button,
        dialog.clear_button,
        dialog.language_box,
        dialog.preview_button,
    ):
        assert control in stops, control.objectName()
    assert_escape_cancels(qtbot, dialog)


def _grade_codes(dialog: ConsentPacketDialog) -> list[str]:
    return [dialog.grade_box.itemData(i) for i in range(1, dialog.grade_box.count())]


def test_grades_in_school_order_filtered_by_school_and_the_cap_notice_clears(
    qtbot, clinician, nurse, monkeypatch
):
    """PK, TK, K before 1-12; a school offers only its grades; the "first N matches" notice
    stops once the school narrows the list."""
    for n, (grade, school) in enumerate(
        [("1", "LHS"), ("K", "LHS"), ("PK", "ELM"), ("12", "LHS"), ("TK", "ELM"), ("2", "ELM")]
    ):
        students.create_student(
            clinician, student(grade=grade, school_code=school, district_id=f"D8{n:06d}")
        )
    monkeypatch.setattr(consent_packet_dialog, "SEARCH_LIMIT", 6)
    dialog = packet_dialog(qtbot, nurse)
    assert _grade_codes(dialog) == ["PK", "TK", "K", "1", "2", "12"]
    assert dialog.status.text() == "Showing the first 6 matches: narrow the search."
    dialog.school_box.setCurrentIndex(dialog.school_box.findData("ELM"))
    assert _grade_codes(dialog) == ["PK", "TK", "2"]
    assert len(items(dialog)) == 3
    assert dialog.status.text() == ""
