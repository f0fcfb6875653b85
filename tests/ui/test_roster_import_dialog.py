"""The roster import dialog: pick a file, watch it import, read and copy the problems."""

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clinic_desktop.services import roster, students
from clinic_desktop.ui import operations
from clinic_desktop.ui.operations.roster import UNREADABLE
from clinic_desktop.ui.roster_import_dialog import RosterImportDialog
from tests.ui.test_visit_dialog import unnamed_controls

HEADER = (
    "district_id,first_name,last_name,preferred_name,date_of_birth,sex,grade,"
    "school_code,zip,language,guardian_name,guardian_relation,guardian_phone\n"
)
GOOD_1 = "D100,José,Ñúñez,Pepe,2010-03-14,M,10,LHS,94601,es,María Ñúñez,mother,(555) 555-0101\n"
BAD_3 = "D101,,Nguyễn,,2011-13-02,F,9,LHS,94602,vi,,,\n"
GOOD_4 = "D102,Zoë,O'Brien,,2009-12-31,F,11,LHS,94603,en,,,\n"
BAD_5 = "D103,Sam,Smith,,2010-01-01,M,10,LHS,9460,en,Pat Smith,boss,555-0100\n"


@pytest.fixture
def dialog(qtbot, clinician):
    roster.import_roster(clinician, HEADER.encode(), add_schools=["LHS"])  # the school list
    window = RosterImportDialog(clinician)
    qtbot.addWidget(window)
    window.show()
    yield window
    operations.wait_for_idle()


@pytest.fixture
def roster_file(tmp_path):
    path = tmp_path / "district-roster.csv"
    path.write_text(HEADER + GOOD_1 + BAD_3 + GOOD_4 + BAD_5, encoding="utf-8")
    return path


def _import(qtbot, dialog, prompts, path):
    prompts.answers["choose_open_file"] = path
    with qtbot.waitSignal(dialog.imported, timeout=5000) as done:
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    [asked] = prompts.take("choose_open_file")
    assert "*.csv" in asked.kwargs["filters"]
    return done.args[0]


def test_a_file_with_bad_rows_reports_counts_and_line_numbers(
    qtbot, dialog, prompts, roster_file, clinician
):
    report = _import(qtbot, dialog, prompts, roster_file)
    assert (report.created, report.updated, len(report.problems)) == (2, 0, 2)
    assert [line for line, _ in dialog.problem_rows()] == [3, 5]
    assert "first_name" in dialog.problem_rows()[0][1]
    assert "zip" in dialog.problem_rows()[1][1]
    shown = {key: label.text() for key, label in dialog.count_labels.items()}
    assert shown == {"created": "2", "updated": "0", "unchanged": "0", "rejected": "2"}
    assert dialog.file_label.text() == "district-roster.csv"
    assert dialog.progress.value() == dialog.progress.maximum() == 2
    assert len(students.search_students(clinician, "")) == 2


def test_importing_the_same_file_again_changes_nothing(qtbot, dialog, prompts, roster_file):
    _import(qtbot, dialog, prompts, roster_file)
    report = _import(qtbot, dialog, prompts, roster_file)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert dialog.choose_button.text() == "Import another file…"


def test_the_rejected_rows_can_be_copied_as_a_table(qtbot, dialog, prompts, roster_file):
    _import(qtbot, dialog, prompts, roster_file)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0] == "Line\tProblem"
    assert [line.split("\t")[0] for line in lines[1:]] == ["3", "5"]
    assert "Nguyễn" not in QApplication.clipboard().text()  # problems carry no personal data


def test_a_clean_file_says_every_row_was_imported(qtbot, dialog, prompts, tmp_path):
    path = tmp_path / "clean.csv"
    path.write_text(HEADER + GOOD_1, encoding="utf-8")
    _import(qtbot, dialog, prompts, path)
    assert dialog.problems_title.text() == "Every row was imported."
    assert dialog.problem_table.isHidden()


def test_a_file_without_the_required_columns_imports_nothing(
    qtbot, dialog, prompts, tmp_path, clinician
):
    path = tmp_path / "wrong.csv"
    path.write_text("name,birthday\nJosé,2010-03-14\n", encoding="utf-8")
    prompts.answers["choose_open_file"] = path
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    prompts.take("choose_open_file")
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert dialog.error.text().startswith("Nothing was imported. The header row: missing column")
    assert "district_id" in dialog.error.text()
    assert dialog.result_box.isHidden()
    assert students.search_students(clinician, "") == []


@pytest.mark.parametrize("kind", ["missing", "folder", "pipe"])
def test_a_file_that_cannot_be_read_is_a_known_error(qtbot, dialog, prompts, tmp_path, kind):
    """Issue 18, finding 13: a folder or a pipe too (a pipe is refused, never waited on)."""
    path = tmp_path / "roster.csv"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(path)
    prompts.answers["choose_open_file"] = path
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    prompts.take("choose_open_file")
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert dialog.error.text() == f"Nothing was imported. {UNREADABLE}"


def test_cancelling_the_file_picker_does_nothing(qtbot, dialog, prompts):
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert len(prompts.take("choose_open_file")) == 1
    assert not dialog.busy
    assert dialog.result_box.isHidden()


def test_every_control_has_an_accessible_name(qtbot, dialog, prompts, roster_file):
    _import(qtbot, dialog, prompts, roster_file)
    assert unnamed_controls(dialog) == []


def test_new_school_codes_are_added_only_when_staff_agree(qtbot, dialog, prompts, tmp_path):
    path = tmp_path / "new-school.csv"
    path.write_text(HEADER + GOOD_1 + GOOD_4.replace(",LHS,", ",WMS,"), encoding="utf-8")
    report = _import(qtbot, dialog, prompts, path)  # the question is answered "no"
    [asked] = prompts.take("confirm")
    assert "WMS" in asked.args[2] and "LHS" not in asked.args[2]
    assert report.created == 1
    assert dialog.problem_rows() == [
        (3, "school_code WMS is not one of this site's schools (add it when importing, "
            "or correct the column)")
    ]  # fmt: skip
    prompts.answers["confirm"] = True
    report = _import(qtbot, dialog, prompts, path)
    assert len(prompts.take("confirm")) == 1
    assert (report.created, report.unchanged, report.problems) == (1, 1, ())


def test_rows_to_confirm_are_listed_after_an_import(qtbot, dialog, prompts, tmp_path):
    path = tmp_path / "guardian.csv"
    path.write_text(HEADER + GOOD_1.replace(",mother,", ",Guardian,"), encoding="utf-8")
    report = _import(qtbot, dialog, prompts, path)
    assert (report.created, len(report.warnings)) == (1, 1)
    [(line, text)] = dialog.problem_rows()
    assert line == 2 and text.startswith("Imported; to confirm: guardian_relation")
    assert dialog.problems_title.text().startswith("Every row was imported. Confirm")


def test_rows_to_confirm_beside_rejected_rows_are_told_apart(qtbot, dialog, prompts, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(HEADER + GOOD_1.replace(",mother,", ",Guardian,") + BAD_3, encoding="utf-8")
    report = _import(qtbot, dialog, prompts, path)
    assert (report.created, len(report.problems), len(report.warnings)) == (1, 1, 1)
    assert [line for line, _ in dialog.problem_rows()] == [3, 2]
    assert dialog.problems_title.text().startswith('The rows marked "Imported; to confirm"')
