"""Preview a printed form inside the app, then Print or Save As.

The PDF stays in memory from the service to the printer: it is shown by QtPdf from a
``QBuffer`` over the bytes, printed by drawing its pages onto the ``QPrinter``, and saved
only where the user chooses (atomically, readable by the owner alone). No temporary file
is ever written, so no copy of a student's form is left behind in a temp folder.

QtPdf ships in PySide6-Addons, not in PySide6-Essentials. Without it the dialog says so
plainly and offers what still works without a temp file: the page count, Save As, and
"Save and open in PDF viewer" (the file the user chose is opened by the system's viewer,
which prints it). The window title names the form, never the student.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QCoreApplication,
    QIODevice,
    QObject,
    QRect,
    QSize,
    QSizeF,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QPageSize, QPainter, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.errors import ClinicError
from clinic_desktop.services.printing import PrintedForm
from clinic_desktop.ui import dialogs, i18n, style
from clinic_desktop.ui.operations import printing as print_ops

try:  # PySide6-Addons
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # PySide6-Essentials only
    QPdfDocument = None  # type: ignore[assignment,misc]
    QPdfView = None  # type: ignore[assignment,misc]

PDF_FILTER = QT_TRANSLATE_NOOP("PrintPreviewDialog", "PDF documents (*.pdf)")
#: Pages are drawn for the printer at this resolution at most: sharp on paper, and a
#: letter page stays about 33 MB while it is drawn (1200 dpi would be 540 MB).
MAX_PRINT_DPI = 300
NO_PREVIEW_TEXT = QT_TRANSLATE_NOOP(
    "PrintPreviewDialog",
    "This installation of Clinic Desktop cannot show PDF pages: the Qt PDF module "
    "(PySide6-Addons) is not installed. Save the form, then check and print it in your "
    "PDF viewer. No copy is kept anywhere else.",
)


def preview_available() -> bool:
    """Whether QtPdf is installed, so pages can be shown and printed from the app."""
    return QPdfDocument is not None


def open_externally(path: Path) -> bool:
    """Open a saved file in the system's viewer (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.resolve())))


class PdfPages(QObject):
    """A PDF held in memory (a ``QBuffer`` over the bytes) as QtPdf pages."""

    def __init__(self, data: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer = QBuffer(self)
        self._buffer.setData(data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            raise ClinicError(self.tr("The form could not be prepared for preview."))

    def count(self) -> int:
        return self.document.pageCount()

    def size_points(self, index: int) -> QSizeF:
        """The page's size in points (1/72 inch)."""
        return self.document.pagePointSize(index)

    def image(self, index: int, dpi: int) -> QImage:
        """Page ``index`` drawn at ``dpi`` on white (paper is white, a PDF page is not)."""
        size = self.size_points(index)
        pixels = QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
        page = QImage(pixels, QImage.Format.Format_RGB32)
        page.fill(Qt.GlobalColor.white)
        painter = QPainter(page)
        painter.drawImage(0, 0, self.document.render(index, pixels))
        painter.end()
        return page


def paint_pages(pages: PdfPages, printer: QPrinter) -> int:
    """Draw the chosen pages (all, or the dialog's range) onto ``printer``, each at its
    real size, shrunk only if the paper is smaller; returns how many were printed."""
    first, last = _page_range(printer, pages.count())
    painter = QPainter()
    if not painter.begin(printer):
        raise ClinicError(
            QCoreApplication.translate(
                "PrintPreviewDialog",
                "The printer could not be started. Check that it is on and ready.",
            )
        )
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for index in range(first, last + 1):
            if index > first:
                printer.newPage()
            target = _target(painter, pages.size_points(index), printer)
            painter.drawImage(target, pages.image(index, dpi))
    finally:
        painter.end()
    return last - first + 1


def _page_range(printer: QPrinter, count: int) -> tuple[int, int]:
    """0-based first and last page: the print dialog's range ("pages 2 to 3"), else all."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return 0, count - 1
    return min(first, count) - 1, min(last, count) - 1


def _target(painter: QPainter, points: QSizeF, printer: QPrinter) -> QRect:
    """Where a page lands on the paper, in device pixels: actual size from the top left,
    scaled down to fit when the paper is smaller."""
    area = painter.viewport()
    scale = printer.resolution() / 72
    width, height = points.width() * scale, points.height() * scale
    shrink = min(1.0, area.width() / width, area.height() / height)
    return QRect(area.left(), area.top(), round(width * shrink), round(height * shrink))


class PrintPreviewDialog(QDialog):
    """One form, previewed from memory, with Print and Save As (non-modal, so the screen
    lock can hide it; its bytes are freed when it closes)."""

    #: The PDF was written where the user chose (argument: the ``Path``).
    saved = Signal(object)
    #: Pages went to the printer (argument: how many).
    printed_pages = Signal(int)

    def __init__(self, parent: QWidget | None, printed: PrintedForm) -> None:
        super().__init__(parent)
        self.printed = printed
        self.pages = PdfPages(printed.data, self) if preview_available() else None
        self.setObjectName("printPreview")
        #: The form's name in the interface language (the service writes it in English).
        self.form_title = i18n.translate_message(printed.title)
        self.setWindowTitle(self.tr("{title} — Print preview").format(title=self.form_title))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._build()
        self._shortcuts()
        if self.pages is not None:
            self.resize(style.chars(self, 110), style.em(self, 44))
        else:
            style.fit_to_width(self, style.chars(self, 90))

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        column.setSpacing(style.SPACING)
        column.addWidget(style.heading(self.form_title, 1.2, wrap=True))
        self.summary = style.secondary(self._summary_text(), wrap=True)
        self.summary.setObjectName("previewSummary")
        column.addWidget(self.summary)
        self.view = self._build_view()
        column.addWidget(self.view, 1)
        self.state_label = style.error_label("previewState")
        column.addWidget(self.state_label)
        column.addLayout(self._build_buttons())

    def _summary_text(self) -> str:
        count = self.pages.count() if self.pages is not None else self.printed.page_count
        pages = self.tr("1 page") if count == 1 else self.tr("{count} pages").format(count=count)
        return self.tr("{pages} · Save As suggests {name}").format(
            pages=pages, name=self.printed.suggested_name
        )

    def _build_view(self) -> QWidget:
        if self.pages is None:
            return self._build_no_preview()
        view = QPdfView(self)
        view.setObjectName("pdfView")
        view.setAccessibleName(self.tr("Form preview"))
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setPageSpacing(style.SPACING)
        view.setDocument(self.pages.document)
        return view

    def _build_no_preview(self) -> QWidget:
        card = style.card("noPreview")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        inner.setSpacing(style.SPACING)
        inner.addWidget(style.heading(self.tr("No preview in this installation"), 1.1))
        self.no_preview_text = QLabel(self.tr(NO_PREVIEW_TEXT))
        self.no_preview_text.setObjectName("noPreviewText")
        self.no_preview_text.setWordWrap(True)
        inner.addWidget(self.no_preview_text)
        inner.addStretch(1)
        return card

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.open_button = self._button(self.tr("Save and open in PDF viewer…"), "openExternally")
        self.open_button.clicked.connect(self.save_and_open)
        self.open_button.setVisible(self.pages is None)
        row.addWidget(self.open_button)
        row.addStretch(1)
        self.print_button = self._button(self.tr("&Print…"), "printForm")
        self.print_button.clicked.connect(self.print_form)
        self.print_button.setEnabled(self.pages is not None)
        if self.pages is None:
            self.print_button.setToolTip(self.tr("Printing from the app needs the Qt PDF module."))
        self.save_button = self._button(self.tr("&Save As…"), "saveForm")
        self.save_button.clicked.connect(self.save_as)
        self.close_button = self._button(self.tr("Close"), "closePreview")
        self.close_button.clicked.connect(self.close)
        for button in (self.print_button, self.save_button, self.close_button):
            row.addWidget(button)
        (self.print_button if self.pages is not None else self.save_button).setDefault(True)
        return row

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        return button

    def _shortcuts(self) -> None:
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_form)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_as)

    # --- printing ----------------------------------------------------------------------

    def print_form(self) -> None:
        """The system print dialog, then every chosen page drawn onto the printer."""
        if self.pages is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.printed.title)
        printer.setFullPage(True)
        printer.setPageSize(QPageSize(self.pages.size_points(0), QPageSize.Unit.Point))
        chosen = dialogs.choose_printer(self, self.tr("Print form"), printer=printer)
        if chosen is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = paint_pages(self.pages, chosen)
        except ClinicError as exc:
            style.set_error(self.state_label, i18n.translate_message(exc.message))
            return
        finally:
            QApplication.restoreOverrideCursor()
        style.set_error(self.state_label, None)
        self.printed_pages.emit(count)

    # --- saving ------------------------------------------------------------------------

    def save_as(self) -> None:
        """Write the PDF where the user chooses (the form's own name suggested)."""
        path = self._choose_path()
        if path is not None:
            self._save(path, self.saved.emit)

    def save_and_open(self) -> None:
        """Without a preview: save where the user chooses, then open it in the viewer."""
        path = self._choose_path()
        if path is not None:
            self._save(path, self._open_saved)

    def _choose_path(self) -> Path | None:
        suggested = documents_folder() / self.printed.suggested_name
        path = dialogs.choose_save_file(
            self, self.tr("Save form as PDF"), suggested=suggested, filters=self.tr(PDF_FILTER)
        )
        if path is None:
            return None
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def _save(self, path: Path, then: Callable[[Path], object]) -> None:
        style.set_error(self.state_label, None)
        self._set_busy(True)
        print_ops.save_pdf(parent=self, path=path, data=self.printed.data).success(
            then
        ).known_error(
            lambda exc: style.set_error(self.state_label, i18n.translate_message(exc.message))
        ).done(lambda: self._set_busy(False)).run_in_background()

    def _open_saved(self, path: Path) -> None:
        self.saved.emit(path)
        if not open_externally(path):
            style.set_error(
                self.state_label,
                self.tr("Saved as {path}, but no PDF viewer opened it.").format(path=path),
            )

    def _set_busy(self, busy: bool) -> None:
        for button in (self.save_button, self.open_button):
            button.setEnabled(not busy)


def documents_folder() -> Path:
    """Where a Save dialog starts: the user's Documents folder (home when there is none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()
