"""The print preview: a form shown from memory, saved where the user chooses, printed to
the printer the print dialog returns; no temporary file anywhere."""

import stat
import tempfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from clinic_desktop.services import printing, students
from clinic_desktop.ui import operations, print_preview
from clinic_desktop.ui.print_preview import PrintPreviewDialog
from tests.factories import guardian, student
from tests.forms.helpers import all_text, reader

TIMEOUT = 5000


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


@pytest.fixture
def no_temp_files(tmp_path, monkeypatch):
    """Point Python's temp folder at an empty one: it must still be empty at the end."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    yield folder
    assert list(folder.iterdir()) == []


@pytest.fixture
def consent(clinician):
    pupil = students.create_student(clinician, student(), (guardian(),))
    return printing.consent_form(clinician, pupil.id)


def open_preview(qtbot, printed) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(None, printed)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_save_as_writes_the_pdf_the_user_named(qtbot, consent, prompts, tmp_path, no_temp_files):
    dialog = open_preview(qtbot, consent)
    assert dialog.windowTitle() == (
        "Consent for school-based health services (Spanish) — Print preview"
    )
    assert "Ñúñez" not in dialog.windowTitle()
    assert dialog.summary.text().startswith(f"{consent.page_count} page")
    prompts.answers["choose_save_file"] = tmp_path / "forms" / "for-the-family"
    (tmp_path / "forms").mkdir()
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [asked] = prompts.take("choose_save_file")
    assert asked.kwargs["suggested"].name == "consent-for-services-es.pdf"
    path = saved.args[0]
    assert path == tmp_path / "forms" / "for-the-family.pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and data == consent.data
    assert "José Ñúñez" in all_text(data)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in (tmp_path / "forms").iterdir()] == ["for-the-family.pdf"]


def test_cancelling_save_as_writes_nothing(qtbot, consent, prompts, tmp_path):
    dialog = open_preview(qtbot, consent)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(prompts.take("choose_save_file")) == 1
    assert operations.running_count() == 0


def test_a_folder_that_cannot_be_written_is_said_in_the_dialog(qtbot, consent, prompts, tmp_path):
    dialog = open_preview(qtbot, consent)
    prompts.answers["choose_save_file"] = tmp_path / "missing" / "form.pdf"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.state_label.isVisibleTo(dialog), timeout=TIMEOUT)
    assert dialog.state_label.text().startswith("Could not save form.pdf")
    prompts.take("choose_save_file")


def test_without_qtpdf_the_dialog_says_so_and_opens_the_saved_file(
    qtbot, consent, prompts, tmp_path, monkeypatch, no_temp_files
):
    monkeypatch.setattr(print_preview, "QPdfDocument", None)
    opened = []
    monkeypatch.setattr(print_preview, "open_externally", lambda path: opened.append(path) or True)
    dialog = open_preview(qtbot, consent)
    assert dialog.pages is None
    assert "Qt PDF module" in dialog.no_preview_text.text()
    assert not dialog.print_button.isEnabled()
    assert dialog.open_button.isVisibleTo(dialog)
    prompts.answers["choose_save_file"] = tmp_path / "consent.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    prompts.take("choose_save_file")
    assert opened == [tmp_path / "consent.pdf"]
    assert (tmp_path / "consent.pdf").read_bytes() == consent.data


def test_the_page_count_is_read_from_the_pdf(consent):
    assert consent.page_count == len(reader(consent.data).pages)
    assert printing.PrintedForm(b"not a pdf", "x.pdf", "x").page_count == 0


# --- with QtPdf (PySide6-Addons) -------------------------------------------------------


def pdf_printer(path, resolution=150):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(resolution)
    return printer


def test_the_preview_shows_the_pages_from_memory(qtbot, consent):
    pytest.importorskip("PySide6.QtPdf", reason="QtPdf ships in PySide6-Addons")
    dialog = open_preview(qtbot, consent)
    assert dialog.pages is not None
    assert dialog.pages.count() == consent.page_count
    assert dialog.view.document() is dialog.pages.document
    assert dialog.print_button.isEnabled() and not dialog.open_button.isVisibleTo(dialog)


def test_print_draws_every_page_on_the_chosen_printer(
    qtbot, consent, prompts, tmp_path, no_temp_files
):
    pytest.importorskip("PySide6.QtPdf", reason="QtPdf ships in PySide6-Addons")
    dialog = open_preview(qtbot, consent)
    out = tmp_path / "printed.pdf"
    prompts.answers["choose_printer"] = pdf_printer(out)
    with qtbot.waitSignal(dialog.printed_pages, timeout=TIMEOUT) as printed:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    [asked] = prompts.take("choose_printer")
    suggested = asked.kwargs["printer"]
    assert suggested.docName() == consent.title and suggested.fullPage()
    assert printed.args == [consent.page_count]
    pages = reader(out.read_bytes()).pages
    assert len(pages) == consent.page_count
    assert all(page["/Resources"]["/XObject"] for page in pages)  # each page is an image


def test_print_honours_the_dialogs_page_range(qtbot, consent, prompts, tmp_path):
    pytest.importorskip("PySide6.QtPdf", reason="QtPdf ships in PySide6-Addons")
    assert consent.page_count >= 2
    dialog = open_preview(qtbot, consent)
    printer = pdf_printer(tmp_path / "page2.pdf", resolution=72)
    printer.setFromTo(2, 2)
    prompts.answers["choose_printer"] = printer
    with qtbot.waitSignal(dialog.printed_pages, timeout=TIMEOUT) as printed:
        dialog.print_form()
    prompts.take("choose_printer")
    assert printed.args == [1]
    assert len(reader((tmp_path / "page2.pdf").read_bytes()).pages) == 1


def test_cancelling_the_print_dialog_prints_nothing(qtbot, consent, prompts):
    pytest.importorskip("PySide6.QtPdf", reason="QtPdf ships in PySide6-Addons")
    dialog = open_preview(qtbot, consent)
    with qtbot.assertNotEmitted(dialog.printed_pages):
        dialog.print_form()
    assert len(prompts.take("choose_printer")) == 1
