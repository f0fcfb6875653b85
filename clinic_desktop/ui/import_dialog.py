"""Importing a CSV file: choose it, watch it import, read the report. One flow for every import.

The roster and the partner directory import the same way, so staff meet one way of importing
files: the import runs in the background and reports each row, so a large file shows a moving
bar instead of a frozen window; it is refused as a whole when the file cannot be read; the
report counts what was added, updated and left unchanged, and lists every rejected row as
"Line | Problem" so staff can fix the file (problems name columns, never cell values, so the
list is safe to copy into an email); and the dialog cannot be closed while the import runs.
``ImportDialog`` owns that flow; a concrete dialog gives its texts, its columns note and its
operation (``ui/operations``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.csvfile import ImportReport
from clinic_desktop.errors import ClinicError, FieldError, ValidationError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import dialogs, style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.widgets.form import field_label

WIDTH = 720
#: Marked for translation; translated at use in the "ImportDialog" context.
FILE_FILTER = QT_TRANSLATE_NOOP("ImportDialog", "CSV files (*.csv);;All files (*)")
#: How a file-level problem's subject reads in a sentence.
_SUBJECTS = {
    "file": QT_TRANSLATE_NOOP("ImportDialog", "This file"),
    "header": QT_TRANSLATE_NOOP("ImportDialog", "The header row"),
}


class ImportDialog(QDialog):
    """Import one CSV file; emits ``imported(ImportReport)`` when the import finished.

    A concrete dialog gives its columns (``required_columns``, ``optional_columns``), its
    texts (``window_title``, ``heading``, ``intro``, ``columns_name``, ``choose_name``,
    ``choose_caption``) and its operation (``start_import``)."""

    imported = Signal(object)  # ImportReport

    required_columns: tuple[str, ...] = ()
    optional_columns: tuple[str, ...] = ()
    # Whether a stretch sits between the result and the buttons (the roster's layout).
    stretch_below_result = False

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.busy = False
        self.report: ImportReport | None = None
        self.setWindowTitle(self.window_title())
        self.setWindowIcon(style.app_icon())
        self._build()
        style.fit_to_width(self, WIDTH)

    # --- what a concrete dialog gives ------------------------------------------------------

    def window_title(self) -> str:
        """The window's title."""
        raise NotImplementedError

    def heading(self) -> str:
        """The heading at the top of the dialog."""
        raise NotImplementedError

    def intro(self) -> str:
        """What the file is and how importing it again behaves."""
        raise NotImplementedError

    def columns_name(self) -> str:
        """The accessible name of the columns note (names the kind of file)."""
        raise NotImplementedError

    def choose_name(self) -> str:
        """The accessible name of the choose button (names the kind of file)."""
        raise NotImplementedError

    def choose_caption(self) -> str:
        """The caption of the file chooser."""
        raise NotImplementedError

    def start_import(self, path: Path) -> Operation:
        """The operation that reads and imports ``path``; its result is an ``ImportReport``."""
        raise NotImplementedError

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 4)
        layout.addWidget(style.heading(self.heading(), accent=True))
        layout.addWidget(style.secondary(self.intro()))
        layout.addWidget(self._build_columns_note())
        layout.addLayout(self._build_file_row())
        layout.addWidget(self._build_progress())
        self.error = style.error_label("importError")
        self.error.setAccessibleName(self.tr("Import problem"))
        layout.addWidget(self.error)
        self.result_box = self._build_result()
        layout.addWidget(self.result_box, 1)
        if self.stretch_below_result:
            layout.addStretch(0)
        layout.addWidget(self._build_buttons())

    def _build_columns_note(self) -> QLabel:
        text = self.tr("Required columns: {required}.\nOptional: {optional}.").format(
            required=", ".join(self.required_columns), optional=", ".join(self.optional_columns)
        )
        label = style.secondary(text)
        label.setObjectName("columns")
        label.setAccessibleName(self.columns_name())
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build_file_row(self) -> QHBoxLayout:
        self.choose_button = QPushButton(self.tr("Choose CSV file…"))
        self.choose_button.setObjectName("chooseButton")
        self.choose_button.setAccessibleName(self.choose_name())
        self.choose_button.setAutoDefault(False)
        self.choose_button.setDefault(True)
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = style.secondary(wrap=False)
        self.file_label.setObjectName("fileName")
        row = QHBoxLayout()
        row.setSpacing(style.SPACING)
        row.addWidget(self.choose_button)
        row.addWidget(self.file_label, 1)
        return row

    def _build_progress(self) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setTextVisible(False)
        self.progress_label = style.secondary(wrap=False)
        self.progress_label.setObjectName("progressText")
        column.addWidget(self.progress)
        column.addWidget(self.progress_label)
        holder.setVisible(False)
        self.progress_box = holder
        return holder

    def _build_result(self) -> QGroupBox:
        box = QGroupBox(self.tr("Result"))
        box.setObjectName("result")
        column = QVBoxLayout(box)
        margin = style.SPACING + 6
        column.setContentsMargins(margin, margin, margin, style.SPACING)
        column.setSpacing(style.SPACING + 2)
        column.addLayout(self._build_counts())
        self.problems_title = QLabel()
        self.problems_title.setObjectName("problemsTitle")
        self.problems_title.setWordWrap(True)
        column.addWidget(self.problems_title)
        column.addWidget(self._build_problem_table(), 1)
        self.copy_button = QPushButton(self.tr("C&opy the rejected rows"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setAccessibleName(self.tr("Copy the rejected rows"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_problems)
        column.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.setVisible(False)
        return box

    def _build_counts(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(style.SPACING)
        self.count_labels: dict[str, QLabel] = {}
        for key, caption in (
            ("created", self.tr("added")),
            ("updated", self.tr("updated")),
            ("unchanged", self.tr("unchanged")),
            ("rejected", self.tr("rejected")),
        ):
            tile, number = _count_tile(caption)
            number.setObjectName(f"{key}Count")
            self.count_labels[key] = number
            row.addWidget(tile, 1)
        return row

    def _build_problem_table(self) -> QTableWidget:
        table = QTableWidget(0, 2)
        table.setObjectName("problems")
        table.setAccessibleName(self.tr("Rejected rows"))
        table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Problem")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)
        table.setStyleSheet("QTableView::item { padding: 3px 6px; }")
        table.setMinimumHeight(table.fontMetrics().height() * 8)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        QShortcut(
            QKeySequence.StandardKey.Copy,
            table,
            activated=self.copy_problems,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.problem_table = table
        return table

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("closeButton")
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        return buttons

    # --- importing -------------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for the file (through the dialogs seam) and import it at once."""
        if self.busy:
            return
        path = dialogs.choose_open_file(
            self,
            self.choose_caption(),
            filters=QCoreApplication.translate("ImportDialog", FILE_FILTER),
        )
        if path is not None:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import ``path`` in the background; the report or the refusal shows when it ends."""
        self._set_busy(True)
        self.file_label.setText(path.name)
        style.set_error(self.error, None)
        self.result_box.setVisible(False)
        self.progress.setRange(0, 0)  # reading and checking the file: no count yet
        self.progress_label.setText(self.tr("Reading the file…"))
        self.start_import(path).progress(self._progressed).success(self._imported).known_error(
            self._refused
        ).done(lambda: self._set_busy(False)).run_in_background()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(
            self.tr("Importing row {done} of {total}…").format(done=done, total=total)
        )

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        self.progress_box.setVisible(False)
        self.show_report(report)
        self.imported.emit(report)

    def _refused(self, exc: ClinicError) -> None:
        self.progress_box.setVisible(False)
        if isinstance(exc, ValidationError):
            text = " ".join(_file_problem(e) for e in exc.errors)
        else:
            text = translate_message(exc.message)
        style.set_error(self.error, self.tr("Nothing was imported. {reason}").format(reason=text))
        style.grow_to_fit(self)

    def show_report(self, report: ImportReport) -> None:
        """Show the counts and the rejected rows of a finished import."""
        counts = {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": len(report.problems),
        }
        for key, value in counts.items():
            self.count_labels[key].setText(str(value))
        rejected = self.count_labels["rejected"]
        rejected.setStyleSheet(
            f"color: {style.error_color(rejected).name()};" if report.problems else ""
        )
        self._fill_problems(report)
        self.result_box.setAccessibleDescription(translate_message(report.summary()))
        self.result_box.setVisible(True)
        self.choose_button.setText(self.tr("Import another file…"))
        style.grow_to_fit(self)

    def _fill_problems(self, report: ImportReport) -> None:
        """The rejected rows, then the imported rows staff should confirm (marked so)."""
        table = self.problem_table
        rows = [(p.line, translate_message(p.reason)) for p in report.problems]
        rows += [
            (
                w.line,
                self.tr("Imported; to confirm: {reason}").format(
                    reason=translate_message(w.reason)
                ),
            )
            for w in report.warnings
        ]
        table.setRowCount(len(rows))
        for row, (number, text) in enumerate(rows):
            line = QTableWidgetItem(str(number))
            line.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            table.setItem(row, 0, line)
            table.setItem(row, 1, QTableWidgetItem(text))
        table.resizeRowsToContents()
        table.setVisible(bool(rows))
        self.copy_button.setVisible(bool(rows))
        if report.problems and report.warnings:
            title = self.tr(
                'The rows marked "Imported; to confirm" were imported: confirm them in each '
                "student's chart. The other rows were not imported: fix them in the file and "
                "import it again; the rows already imported will be recognised, not duplicated."
            )
        elif report.problems:
            title = self.tr(
                "These rows were not imported. Fix them in the file and import it again; the "
                "rows already imported will be recognised, not duplicated."
            )
        elif report.warnings:
            title = self.tr(
                "Every row was imported. Confirm the rows listed below in each student's chart."
            )
        else:
            title = self.tr("Every row was imported.")
        self.problems_title.setText(title)

    def problem_rows(self) -> list[tuple[int, str]]:
        """The rejected rows as shown: (line, problem)."""
        table = self.problem_table
        return [
            (int(table.item(r, 0).text()), table.item(r, 1).text()) for r in range(table.rowCount())
        ]

    def copy_problems(self) -> None:
        """Put the rejected rows on the clipboard as tab-separated text (pastes as a table)."""
        header = f"{self.tr('Line')}\t{self.tr('Problem')}"
        lines = [header, *(f"{line}\t{reason}" for line, reason in self.problem_rows())]
        QApplication.clipboard().setText("\n".join(lines) + "\n")

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.choose_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        if busy:
            self.progress_box.setVisible(True)

    def reject(self) -> None:
        """Close is refused while the import runs (it is one transaction: all rows or none)."""
        if not self.busy:
            super().reject()


def _count_tile(caption: str) -> tuple[QFrame, QLabel]:
    tile = QFrame()
    tile.setFrameShape(QFrame.Shape.StyledPanel)
    column = QVBoxLayout(tile)
    column.setContentsMargins(style.SPACING, style.SPACING - 2, style.SPACING, style.SPACING - 2)
    column.setSpacing(0)
    number = style.heading("0", 1.6)
    number.setAlignment(Qt.AlignmentFlag.AlignCenter)
    column.addWidget(number)
    label = style.secondary(caption, wrap=False)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    column.addWidget(label)
    return tile, number


def _file_problem(problem: FieldError) -> str:
    """ "This file is empty." or "The header row: missing column …": a reason that starts
    with a verb (told from the service's English reason) reads on from its subject."""
    if problem.field in _SUBJECTS:
        subject = QCoreApplication.translate("ImportDialog", _SUBJECTS[problem.field])
    else:
        subject = field_label(problem.field)
    if problem.reason.startswith(("is ", "has ", "was ", "contains ")):
        template = QCoreApplication.translate("ImportDialog", "{subject} {reason}")
    else:
        template = QCoreApplication.translate("ImportDialog", "{subject}: {reason}")
    text = template.format(subject=subject, reason=translate_message(problem.reason))
    return text if text.endswith(".") else f"{text}."
