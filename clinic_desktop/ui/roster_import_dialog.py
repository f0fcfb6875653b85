"""Start-of-year roster import: choose the district's CSV, watch it import, read the report.

The flow (background import with a moving bar, counts, every rejected row as
"Line | Problem", copyable) is ``ImportDialog``'s; this module gives the roster's texts,
columns and operation.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clinic_desktop.domain.roster import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from clinic_desktop.ui import dialogs
from clinic_desktop.ui.import_dialog import ImportDialog
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import roster as roster_ops

INTRO = QT_TRANSLATE_NOOP(
    "RosterImportDialog",
    "Choose the CSV file exported from the district's student information system (saved "
    "as CSV UTF-8, with a header row). Students are matched by district ID: importing the "
    "file again updates them, never duplicates them, and never deletes anyone.",
)


class RosterImportDialog(ImportDialog):
    """Import a roster file; emits ``imported(ImportReport)`` when the import finished."""

    required_columns = REQUIRED_COLUMNS
    optional_columns = OPTIONAL_COLUMNS
    stretch_below_result = True

    def window_title(self) -> str:
        return self.tr("Import roster — Clinic Desktop")

    def heading(self) -> str:
        return self.tr("Import the district roster")

    def intro(self) -> str:
        return QCoreApplication.translate("RosterImportDialog", INTRO)

    def columns_name(self) -> str:
        return self.tr("Columns the roster file needs")

    def choose_name(self) -> str:
        return self.tr("Choose the roster CSV file and import it")

    def choose_caption(self) -> str:
        return self.tr("Choose the roster file")

    def start_import(self, path: Path) -> Operation:
        add = self.schools_to_add(path)
        return roster_ops.import_roster_file(
            parent=self, session=self.session, path=path, add_schools=add
        )

    def schools_to_add(self, path: Path) -> list[str]:
        """School codes the file names that the clinic does not know, if staff agree to add
        them: a column mapped wrongly (ZIP codes as schools) must not invent schools."""
        new = roster_ops.new_school_codes(self.session, path)
        if not new:
            return []
        text = self.tr(
            "The file names schools that are not in this clinic's school list: {codes}.\n\n"
            "Add them only if they are real schools of this clinic (check that the file's "
            "school_code column holds school codes). Rows naming a school that is not added "
            "are not imported."
        ).format(codes=", ".join(new))
        add = dialogs.confirm(
            self, self.tr("New schools"), text, action=self.tr("Add these schools")
        )
        return new if add else []
