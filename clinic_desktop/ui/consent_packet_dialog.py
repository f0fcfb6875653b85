"""The start-of-year consent packet: choose up to a class of students, then preview one PDF.

Nurses print consent forms for a whole class in August; doing it chart by chart was the
only way before (issue #6). The dialog lists the roster (pre-filled with the main
window's current search), narrows it by school and grade, and keeps a checkable list:
the students checked stay checked across searches, and the count ("12 of 30") says how
much room is left. More than ``MAX_PACKET_STUDENTS`` is refused on the spot, beside the
list, not after a long render; the service refuses it again anyway.

The packet renders off the GUI thread through ``Operation`` (30 students take seconds)
and opens in the same print preview as any single form, so printing and Save As work as
everywhere else and no copy is written to disk.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.records import StudentSummary
from clinic_desktop.domain.students import GRADES
from clinic_desktop.errors import ClinicError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.printing import MAX_PACKET_STUDENTS, PrintedForm
from clinic_desktop.services.students import SEARCH_LIMIT
from clinic_desktop.ui import i18n, style
from clinic_desktop.ui.operations import printing as print_ops
from clinic_desktop.ui.operations import students as student_ops
from clinic_desktop.ui.print_menu import show_preview
from clinic_desktop.ui.widgets.choices import CodeCombo
from clinic_desktop.ui.widgets.form import dialog_footer, set_tab_order
from clinic_desktop.ui.widgets.notice import Notice

#: (code, label) of the language choice; "" prints each form in its family's language.
LANGUAGES = (
    ("", QT_TRANSLATE_NOOP("ConsentPacketDialog", "Each family's language")),
    ("en", QT_TRANSLATE_NOOP("ConsentPacketDialog", "English")),
    ("es", QT_TRANSLATE_NOOP("ConsentPacketDialog", "Spanish")),
)
#: Typing pauses this long before the roster is searched again.
DEBOUNCE_MS = 250
_ID_ROLE = Qt.ItemDataRole.UserRole


class ConsentPacketDialog(QDialog):
    """Choose students and a language; ``preview_opened(PrintPreviewDialog)`` when the
    packet is on screen (the dialog then closes)."""

    preview_opened = Signal(object)
    #: A search's rows are in the list (argument: how many the roster returned).
    students_loaded = Signal(int)

    def __init__(
        self, session: ClinicSession, parent: QWidget | None = None, *, query: str = ""
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.busy = False
        #: Checked students, in the order they were checked (the packet's order).
        self.chosen: dict[uuid.UUID, StudentSummary] = {}
        self.found: list[StudentSummary] = []
        self._generation = 0
        self.setObjectName("consentPacketDialog")
        self.setWindowTitle(self.tr("Consent packet — Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search)
        self._build()
        self.search_field.setText(query)
        self._update_count()
        self.resize(style.chars(self, 112), style.em(self, 36))
        self.search()

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(style.heading(self.tr("Consent packet"), 1.3, accent=True))
        layout.addWidget(
            style.secondary(
                self.tr(
                    "Consent forms for up to {max} students in one document, each on its own "
                    "pages, to print at the start of the school year."
                ).format(max=MAX_PACKET_STUDENTS)
            )
        )
        layout.addLayout(self._build_filters())
        layout.addWidget(self._build_list(), 1)
        layout.addLayout(self._build_list_buttons())
        self.refusal = Notice("packetRefusal", error=True)
        layout.addWidget(self.refusal)
        layout.addLayout(self._build_language())
        footer = dialog_footer(
            self.tr("Preview packet"), "previewPacket", self.preview, self.reject
        )
        self.status, self.buttons = footer.status, footer.buttons
        self.preview_button = footer.accept
        layout.addLayout(footer.layout)
        set_tab_order(
            [
                self.search_field,
                self.school_box,
                self.grade_box,
                self.student_list,
                self.check_all_button,
                self.clear_button,
                self.language_box,
                self.preview_button,
                self.buttons.button(self.buttons.StandardButton.Cancel),
            ]
        )

    def _build_filters(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(style.SPACING)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("packetSearch")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setPlaceholderText(self.tr("Name, district ID or date of birth"))
        self.search_field.textChanged.connect(self._debounce.start)
        self.school_box = QComboBox()
        self.school_box.setObjectName("packetSchool")
        self.grade_box = QComboBox()
        self.grade_box.setObjectName("packetGrade")
        for box in (self.school_box, self.grade_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.school_box.currentIndexChanged.connect(self._school_chosen)
        self.grade_box.currentIndexChanged.connect(self._show_found)
        for column, (text, field) in enumerate(
            (
                (self.tr("&Find students:"), self.search_field),
                (self.tr("Sc&hool:"), self.school_box),
                (self.tr("&Grade:"), self.grade_box),
            )
        ):
            label = QLabel(text)
            label.setBuddy(field)
            field.setAccessibleName(text.replace("&", "").rstrip(":"))
            grid.addWidget(label, 0, column)
            grid.addWidget(field, 1, column)
        grid.setColumnStretch(0, 1)  # the filters keep the width of their longest entry
        return grid

    def _build_list(self) -> QListWidget:
        self.student_list = QListWidget()
        self.student_list.setObjectName("packetStudents")
        self.student_list.setAccessibleName(self.tr("Students to include"))
        self.student_list.setAccessibleDescription(
            self.tr("Space checks or unchecks the highlighted student.")
        )
        self.student_list.setAlternatingRowColors(True)
        self.student_list.itemChanged.connect(self._item_changed)
        return self.student_list

    def _build_list_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.check_all_button = QPushButton(self.tr("Check &all shown"))
        self.check_all_button.setObjectName("checkAllShown")
        self.check_all_button.clicked.connect(self.check_all_shown)
        self.clear_button = QPushButton(self.tr("C&lear choices"))
        self.clear_button.setObjectName("clearChoices")
        self.clear_button.clicked.connect(self.clear_choices)
        self.count_label = QLabel()
        self.count_label.setObjectName("packetCount")
        for button in (self.check_all_button, self.clear_button):
            button.setAutoDefault(False)
            button.setAccessibleName(button.text().replace("&", ""))
        row.addWidget(self.check_all_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        row.addWidget(self.count_label)
        return row

    def _build_language(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.language_box = CodeCombo((code, self.tr(label)) for code, label in LANGUAGES)
        self.language_box.setObjectName("packetLanguage")
        label = QLabel(self.tr("La&nguage of the forms:"))
        label.setBuddy(self.language_box)
        self.language_box.setAccessibleName(self.tr("Language of the forms"))
        row.addWidget(label)
        row.addWidget(self.language_box, 1)
        return row

    # --- finding students ----------------------------------------------------------------

    def search(self) -> None:
        """List the roster's matches for the search text (a newer search always wins)."""
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        self.status.setText(self.tr("Searching…"))
        student_ops.search_page(
            parent=self,
            session=self.session,
            query=self.search_field.text(),
            offset=0,
            limit=SEARCH_LIMIT,
        ).success(lambda rows: self._found(generation, rows)).known_error(
            self._search_refused
        ).run_in_background()

    def _found(self, generation: int, rows: list[StudentSummary]) -> None:
        if generation != self._generation:
            return
        self.found = list(rows)
        _refill(self.school_box, sorted({s.school_code for s in rows}), self.tr("All schools"))
        self._school_chosen()
        self.students_loaded.emit(len(rows))

    def _school_chosen(self) -> None:
        """Offer only the chosen school's grades (a grade it lacks would list nobody)."""
        school = self.school_box.currentData()
        rows = [s for s in self.found if not school or s.school_code == school]
        _refill(self.grade_box, _grades(rows), self.tr("All grades"))
        self._show_found()

    def _update_capped_notice(self) -> None:
        """Say the search was cut off only while the whole cut-off list is shown: once a
        school or grade narrows it, the notice would describe a list no longer on screen."""
        narrowed = bool(self.school_box.currentData() or self.grade_box.currentData())
        capped = len(self.found) >= SEARCH_LIMIT and not narrowed
        self.status.setText(
            self.tr("Showing the first {count} matches: narrow the search.").format(
                count=len(self.found)
            )
            if capped
            else ""
        )

    def _search_refused(self, exc: ClinicError) -> None:
        self.status.setText(self.tr("Search failed"))
        self.status.setToolTip(i18n.translate_message(exc.message))

    def _shown_students(self) -> list[StudentSummary]:
        school, grade = self.school_box.currentData(), self.grade_box.currentData()
        return [
            s
            for s in self.found
            if (not school or s.school_code == school) and (not grade or s.grade == grade)
        ]

    def _show_found(self) -> None:
        self._update_capped_notice()
        self.student_list.blockSignals(True)
        self.student_list.clear()
        for student in self._shown_students():
            item = QListWidgetItem(_student_text(student))
            item.setData(_ID_ROLE, student.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = student.id in self.chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.student_list.addItem(item)
        self.student_list.blockSignals(False)
        if self.student_list.count():
            self.student_list.setCurrentRow(0)

    # --- choosing ------------------------------------------------------------------------

    def _item_changed(self, item: QListWidgetItem) -> None:
        student = self._student(item)
        if student is None:
            return
        if item.checkState() != Qt.CheckState.Checked:
            self.chosen.pop(student.id, None)
        elif student.id not in self.chosen:
            if len(self.chosen) >= MAX_PACKET_STUDENTS:
                self._set_checked(item, False)
                self._refuse(0)
                return
            self.chosen[student.id] = student
        self.refusal.show_text("")
        self._update_count()

    def check_all_shown(self) -> None:
        """Check every student on the list, or none when they would not all fit."""
        adding = [s for s in self._shown_students() if s.id not in self.chosen]
        room = MAX_PACKET_STUDENTS - len(self.chosen)
        if len(adding) > room:
            self._refuse(room, len(adding))
            return
        for student in adding:
            self.chosen[student.id] = student
        self.refusal.show_text("")
        self._show_found()
        self._update_count()

    def clear_choices(self) -> None:
        self.chosen.clear()
        self.refusal.show_text("")
        self._show_found()
        self._update_count()

    def _refuse(self, room: int, wanted: int = 1) -> None:
        """Say why nothing was added, beside the list."""
        if room <= 0:
            text = self.tr(
                "A packet holds at most {max} students. Uncheck one to make room, or print "
                "this packet first and start another."
            )
        else:
            text = self.tr(
                "These {wanted} students do not fit: there is room for {room} more (a packet "
                "holds at most {max}). Narrow the list by school or grade."
            )
        self.refusal.show_text(text.format(max=MAX_PACKET_STUDENTS, room=room, wanted=wanted))

    def _update_count(self) -> None:
        text = self.tr("{count} of {max} students chosen").format(
            count=len(self.chosen), max=MAX_PACKET_STUDENTS
        )
        self.count_label.setText(text)
        self.count_label.setAccessibleName(text)
        self.preview_button.setEnabled(bool(self.chosen) and not self.busy)

    def _student(self, item: QListWidgetItem) -> StudentSummary | None:
        wanted = item.data(_ID_ROLE)
        return next((s for s in self.found if s.id == wanted), None)

    def _set_checked(self, item: QListWidgetItem, checked: bool) -> None:
        self.student_list.blockSignals(True)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.student_list.blockSignals(False)

    @property
    def language(self) -> str | None:
        """The forced language, or None for each family's own."""
        return self.language_box.code() or None

    # --- the packet ----------------------------------------------------------------------

    def preview(self) -> None:
        """Render the packet in the background, then open it in the print preview."""
        if not self.chosen or self.busy:
            return
        self._set_busy(True)
        print_ops.consent_packet(
            parent=self,
            session=self.session,
            student_ids=list(self.chosen),
            lang=self.language,
        ).success(self._rendered).known_error(self._refused).run_in_background()

    def _rendered(self, printed: PrintedForm) -> None:
        self._set_busy(False)
        self.preview_opened.emit(show_preview(self.parentWidget(), printed))
        self.accept()

    def _refused(self, exc: ClinicError) -> None:
        self._set_busy(False)
        self.refusal.show_text(i18n.translate_message(exc.message))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.buttons.setEnabled(not busy)
        self.status.setText(self.tr("Preparing the packet…") if busy else "")
        self._update_count()

    def reject(self) -> None:
        if not self.busy:
            super().reject()


def open_consent_packet(
    parent: QWidget | None, session: ClinicSession, query: str = ""
) -> ConsentPacketDialog:
    """Show the dialog (window-modal; it deletes itself on close)."""
    dialog = ConsentPacketDialog(session, parent, query=query)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def consent_packet_action(
    parent: QWidget, session: ClinicSession, query: Callable[[], str]
) -> QAction:
    """The Print menu's "Consent packet…" entry; ``query`` gives the roster's search text
    at the moment it is chosen, so the list starts where the nurse was looking."""
    action = QAction(QCoreApplication.translate("ConsentPacketDialog", "Consent pac&ket…"), parent)
    action.setObjectName("consentPacketAction")
    action.setStatusTip(
        QCoreApplication.translate(
            "ConsentPacketDialog", "Consent forms for a class of students in one document"
        )
    )
    action.triggered.connect(lambda _checked=False: open_consent_packet(parent, session, query()))
    return action


def _refill(box: QComboBox, codes: list[str], everything: str) -> None:
    """Offer ``codes`` after "All …", keeping the current choice when it is still there."""
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    box.addItem(everything, "")
    for code in codes:
        box.addItem(code, code)
    index = box.findData(current) if current else 0
    box.setCurrentIndex(max(index, 0))
    box.blockSignals(False)


def _grades(rows: list[StudentSummary]) -> list[str]:
    """Grades in school order (PK, TK, K, 1-12), then any the roster invented, by name."""
    grades = {s.grade for s in rows if s.grade}
    order = {grade: i for i, grade in enumerate(GRADES)}
    return sorted(grades, key=lambda g: (order.get(g, len(order)), g))


def _student_text(student: StudentSummary) -> str:
    details = QCoreApplication.translate("ConsentPacketDialog", "grade {grade}, {school}").format(
        grade=student.grade or "—", school=student.school_code
    )
    return f"{student.display_name} — {details}"
