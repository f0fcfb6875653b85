"""The partner directory window: search and filters, add and edit, deactivate, import."""

import pytest
from PySide6.QtCore import Qt

from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.services import partners
from clinic_desktop.ui import operations
from clinic_desktop.ui.models.table_model import TONE_ROLE
from clinic_desktop.ui.partner_dialog import PartnerDialog
from clinic_desktop.ui.partner_import_dialog import PartnerImportDialog
from clinic_desktop.ui.partner_window import STATUS_COLUMN, PartnerWindow
from tests.ui.test_visit_dialog import unnamed_controls

TIMEOUT = 5000
LEFT = Qt.MouseButton.LeftButton
CSV = (
    "name,kind,services,languages,min_age,max_age,accepts_medicaid,phone\n"
    "Northside Youth Center,cbo,Mentoring;Tutoring,English,10,18,yes,(555) 555-0142\n"
    ",fqhc,,,,,,\n"
    "Bay Crisis Line,crisis,Crisis line,English;Spanish,,,no,555-0100\n"
    "Old Mill Clinic,hospital,,,20,10,maybe,\n"
)


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


@pytest.fixture
def directory(clinician):
    for partner in (
        PartnerInput(
            name="Eastside Counseling",
            kind="community_mental_health",
            services=("Individual counseling", "Family therapy"),
            languages=("English", "Spanish"),
            min_age=12,
            max_age=18,
            accepts_medicaid=True,
            phone="(555) 555-0101",
        ),
        PartnerInput(name="Valley Health Center", kind="health_center", languages=("Vietnamese",)),
        PartnerInput(name="Little Ones Clinic", kind="health_center", max_age=5),
    ):
        partners.add_partner(clinician, partner)
    return clinician


def open_window(qtbot, session) -> PartnerWindow:
    window = PartnerWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def names(window: PartnerWindow) -> list[str]:
    return [p.name for p in window.partners()]


def wait_for(qtbot, window, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: names(window) == expected, timeout=TIMEOUT)


def test_search_and_filters(qtbot, directory):
    window = open_window(qtbot, directory)
    wait_for(qtbot, window, ["Eastside Counseling", "Little Ones Clinic", "Valley Health Center"])
    assert window.count_label.text() == "3 partners"
    qtbot.keyClicks(window.search, "EAST")
    wait_for(qtbot, window, ["Eastside Counseling"])
    window.search.clear()
    window.kind.set_code("health_center")
    wait_for(qtbot, window, ["Little Ones Clinic", "Valley Health Center"])
    window.kind.set_code("")
    qtbot.keyClicks(window.language, "vietnamese")
    wait_for(qtbot, window, ["Valley Health Center"])
    window.language.clear()
    window.age.setValue(16)
    wait_for(qtbot, window, ["Eastside Counseling", "Valley Health Center"])
    window.medicaid.setChecked(True)
    wait_for(qtbot, window, ["Eastside Counseling"])
    qtbot.keyClicks(window.service, "family")
    wait_for(qtbot, window, ["Eastside Counseling"])
    window.table.selectRow(0)
    assert window.detail.text() == (
        "Eastside Counseling (Community mental health)\nPhone: (555) 555-0101"
    )
    assert window.model.cell(0, 4) == "12-18"
    assert window.model.index(0, STATUS_COLUMN).data() == "Active"
    assert unnamed_controls(window) == []


def test_add_and_edit_show_the_service_reasons_beside_the_fields(qtbot, directory):
    window = open_window(qtbot, directory)
    wait_for(qtbot, window, ["Eastside Counseling", "Little Ones Clinic", "Valley Health Center"])
    qtbot.mouseClick(window.add_button, LEFT)
    dialog = window.dialog
    assert isinstance(dialog, PartnerDialog)
    assert unnamed_controls(dialog) == []
    qtbot.keyClicks(dialog.name, "eastside counseling")
    qtbot.keyClicks(dialog.phone, "call us")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: dialog.errors.text("phone") != "", timeout=TIMEOUT)
    assert dialog.errors.text("phone") == "Is not a phone number"
    dialog.phone.setText("(555) 555-0177")
    assert dialog.errors.text("phone") == ""
    qtbot.mouseClick(dialog.save_button, LEFT)  # names are compared ignoring case
    qtbot.waitUntil(lambda: dialog.errors.text("name") != "", timeout=TIMEOUT)
    assert dialog.errors.text("name") == "Is already in the partner directory"
    dialog.name.setText("Westside Family Services")
    qtbot.keyClicks(dialog.services, "Parenting classes, Case management")
    dialog.max_age.setValue(21)
    with qtbot.waitSignal(dialog.partner_saved, timeout=TIMEOUT) as saved:
        qtbot.mouseClick(dialog.save_button, LEFT)
    made = saved.args[0]
    assert made.services == ("Parenting classes", "Case management")
    assert (made.min_age, made.max_age) == (None, 21)
    qtbot.waitUntil(lambda: window.selected() is not None, timeout=TIMEOUT)
    assert window.selected().name == "Westside Family Services"

    qtbot.mouseClick(window.edit_button, LEFT)
    editor = window.dialog
    assert editor.name.text() == "Westside Family Services"
    assert editor.services.text() == "Parenting classes; Case management"
    editor.email.setText("intake@westside.example.org")
    with qtbot.waitSignal(editor.partner_saved, timeout=TIMEOUT):
        qtbot.mouseClick(editor.save_button, LEFT)
    [stored] = [p for p in partners.search_partners(directory) if p.name.startswith("Westside")]
    assert stored.email == "intake@westside.example.org"


def test_deactivating_asks_first_and_hides_the_partner(qtbot, directory, prompts):
    window = open_window(qtbot, directory)
    wait_for(qtbot, window, ["Eastside Counseling", "Little Ones Clinic", "Valley Health Center"])
    window.select("Little Ones Clinic")
    qtbot.mouseClick(window.active_button, LEFT)  # cancelled: nothing changes
    [asked] = prompts.take("confirm")
    assert "no longer be offered for new referrals" in asked.args[2]
    assert len(partners.search_partners(directory)) == 3
    prompts.answers["confirm"] = True
    qtbot.mouseClick(window.active_button, LEFT)
    prompts.take("confirm")
    wait_for(qtbot, window, ["Eastside Counseling", "Valley Health Center"])
    window.inactive.setChecked(True)
    wait_for(qtbot, window, ["Eastside Counseling", "Little Ones Clinic", "Valley Health Center"])
    assert window.model.cell(1, STATUS_COLUMN) == "Inactive"
    assert window.model.index(1, STATUS_COLUMN).data(TONE_ROLE) == "muted"
    window.select("Little Ones Clinic")
    assert window.active_button.text() == "Reactivate…"
    qtbot.mouseClick(window.active_button, LEFT)  # reactivating needs no confirmation
    qtbot.waitUntil(lambda: window.model.cell(1, STATUS_COLUMN) == "Active", timeout=TIMEOUT)


def test_import_reports_counts_and_line_numbers(qtbot, directory, prompts, tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text(CSV, encoding="utf-8")
    window = open_window(qtbot, directory)
    wait_for(qtbot, window, ["Eastside Counseling", "Little Ones Clinic", "Valley Health Center"])
    qtbot.mouseClick(window.import_button, LEFT)
    dialog = window.dialog
    assert isinstance(dialog, PartnerImportDialog)
    prompts.answers["choose_open_file"] = path
    with qtbot.waitSignal(dialog.imported, timeout=TIMEOUT) as done:
        qtbot.mouseClick(dialog.choose_button, LEFT)
    [asked] = prompts.take("choose_open_file")
    assert asked.args[1] == "Choose the partner file"
    report = done.args[0]
    assert (report.created, report.updated, len(report.problems)) == (2, 0, 2)
    rows = dialog.problem_rows()
    assert [line for line, _ in rows] == [3, 5]
    assert rows[0][1] == "name is required"
    assert "max_age" in rows[1][1] and "accepts_medicaid" in rows[1][1]
    assert dialog.count_labels["created"].text() == "2"
    wait_for(
        qtbot,
        window,
        [
            "Bay Crisis Line",
            "Eastside Counseling",
            "Little Ones Clinic",
            "Northside Youth Center",
            "Valley Health Center",
        ],
    )
    assert unnamed_controls(dialog) == []
