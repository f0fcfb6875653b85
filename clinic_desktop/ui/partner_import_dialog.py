"""Importing the partner directory from a CSV: the roster import's flow, for partners.

Same behaviour as the roster import (``ImportDialog``: background import with a moving bar,
counts, every rejected row as "Line | Problem", copyable), so staff meet one way of
importing files. Only the texts, the columns and the operation differ.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP

from clinic_desktop.domain.partners import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from clinic_desktop.ui.import_dialog import ImportDialog
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import partners as partner_ops

INTRO = QT_TRANSLATE_NOOP(
    "PartnerImportDialog",
    "Choose a CSV file of partner agencies (saved as CSV UTF-8, with a header row). "
    "Partners are matched by name: importing the file again updates them, never "
    "duplicates them, and a blank cell never erases what is already recorded. Services "
    "and languages hold several values separated by semicolons.",
)


class PartnerImportDialog(ImportDialog):
    """Import a partner file; ``imported(ImportReport)`` when it finished."""

    required_columns = REQUIRED_COLUMNS
    optional_columns = OPTIONAL_COLUMNS

    def window_title(self) -> str:
        return self.tr("Import partners — Clinic Desktop")

    def heading(self) -> str:
        return self.tr("Import partner agencies")

    def intro(self) -> str:
        return self.tr(INTRO)

    def columns_name(self) -> str:
        return self.tr("Columns the partner file needs")

    def choose_name(self) -> str:
        return self.tr("Choose the partner CSV file and import it")

    def choose_caption(self) -> str:
        return self.tr("Choose the partner file")

    def start_import(self, path: Path) -> Operation:
        return partner_ops.import_partner_file(parent=self, session=self.session, path=path)
