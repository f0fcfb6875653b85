"""Importing the partner directory from a CSV: the roster import's dialog, for partners.

Same behaviour as the roster import (background import with a moving bar, counts, every
rejected row as "Line | Problem", copyable), so staff meet one way of importing files.
Only the texts and the operation differ.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clinic_desktop.domain.partners import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import dialogs, style
from clinic_desktop.ui.operations import partners as partner_ops
from clinic_desktop.ui.roster_import_dialog import FILE_FILTER, RosterImportDialog

INTRO = QT_TRANSLATE_NOOP(
    "PartnerImportDialog",
    "Choose a CSV file of partner agencies (saved as CSV UTF-8, with a header row). "
    "Partners are matched by name: importing the file again updates them, never "
    "duplicates them, and a blank cell never erases what is already recorded. Services "
    "and languages hold several values separated by semicolons.",
)


class PartnerImportDialog(RosterImportDialog):
    """Import a partner file; ``imported(ImportReport)`` when it finished."""

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setWindowTitle(self.tr("Import partners — Clinic Desktop"))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 4)
        layout.addWidget(style.heading(self.tr("Import partner agencies"), accent=True))
        layout.addWidget(style.secondary(self.tr(INTRO)))
        layout.addWidget(_columns_note())
        layout.addLayout(self._build_file_row())
        self.choose_button.setAccessibleName(self.tr("Choose the partner CSV file and import it"))
        layout.addWidget(self._build_progress())
        self.error = style.error_label("importError")
        self.error.setAccessibleName(self.tr("Import problem"))
        layout.addWidget(self.error)
        self.result_box = self._build_result()
        layout.addWidget(self.result_box, 1)
        layout.addWidget(self._build_buttons())

    def choose_file(self) -> None:
        if self.busy:
            return
        path = dialogs.choose_open_file(
            self,
            self.tr("Choose the partner file"),
            filters=QCoreApplication.translate("RosterImportDialog", FILE_FILTER),
        )
        if path is not None:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        self._set_busy(True)
        self.file_label.setText(path.name)
        style.set_error(self.error, None)
        self.result_box.setVisible(False)
        self.progress.setRange(0, 0)
        self.progress_label.setText(self.tr("Reading the file…"))
        partner_ops.import_partner_file(parent=self, session=self.session, path=path).progress(
            self._progressed
        ).success(self._imported).known_error(self._refused).done(
            lambda: self._set_busy(False)
        ).run_in_background()


def _columns_note() -> QLabel:
    label = style.secondary(
        QCoreApplication.translate(
            "PartnerImportDialog", "Required columns: {required}.\nOptional: {optional}."
        ).format(required=", ".join(REQUIRED_COLUMNS), optional=", ".join(OPTIONAL_COLUMNS))
    )
    label.setObjectName("columns")
    label.setAccessibleName(
        QCoreApplication.translate("PartnerImportDialog", "Columns the partner file needs")
    )
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
