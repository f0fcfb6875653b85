"""The partner directory: the agencies the clinic refers students to, searchable.

A window of its own (opened from the main window's View menu), because a clinician often
looks a partner up while a chart stays open beside it. Search by name and filter by kind,
service, language, the age a partner serves and Medicaid; inactive partners are hidden
unless asked for. Staff who keep the directory add and edit partners (``PartnerDialog``),
deactivate those the clinic no longer refers to (never delete: past referrals name them)
and import a CSV (``PartnerImportDialog``, the roster import's pattern).

The directory holds no student data, so the window stays usable for administrators.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.partners import MAX_AGE, PartnerKind
from clinic_desktop.domain.records import PartnerView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.errors import ClinicError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.partners import PartnerQuery
from clinic_desktop.ui import changes, dialogs, i18n, style
from clinic_desktop.ui.models.table_model import Row, TableModel
from clinic_desktop.ui.operations import partners as partner_ops
from clinic_desktop.ui.partner_dialog import PartnerDialog
from clinic_desktop.ui.partner_import_dialog import PartnerImportDialog
from clinic_desktop.ui.widgets.chips import chip_table
from clinic_desktop.ui.widgets.choices import CodeCombo

HEADERS = (
    QT_TRANSLATE_NOOP("PartnerWindow", "Name"),
    QT_TRANSLATE_NOOP("PartnerWindow", "Kind"),
    QT_TRANSLATE_NOOP("PartnerWindow", "Services"),
    QT_TRANSLATE_NOOP("PartnerWindow", "Languages"),
    QT_TRANSLATE_NOOP("PartnerWindow", "Ages"),
    QT_TRANSLATE_NOOP("PartnerWindow", "Medicaid"),
    QT_TRANSLATE_NOOP("PartnerWindow", "Phone"),
    QT_TRANSLATE_NOOP("PartnerWindow", "Status"),
)
STATUS_COLUMN = 7
ANY_AGE = -1


class PartnerWindow(QWidget):
    """The directory with its filters; editing buttons only for those who may edit."""

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.can_edit = session.can(Permission.MANAGE_PARTNERS)
        self.model = TableModel([self.tr(h) for h in HEADERS], self)
        self._generation = 0
        self._pending_select: uuid.UUID | None = None
        self.dialog: QWidget | None = None
        self.setObjectName("partnerWindow")
        self.setWindowTitle(self.tr("Partner directory — Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self.setStyleSheet(style.workspace_stylesheet(self))
        self._build()
        changes.subscribe(self, {Change.PARTNERS}, lambda _changed: self.run_search())
        self.resize(style.chars(self, 150), style.em(self, 36))
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(style.heading(self.tr("Partner directory"), 1.4, accent=True))
        layout.addWidget(self._build_filters())
        layout.addLayout(self._build_buttons())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_table())
        self.detail = QLabel()
        self.detail.setObjectName("partnerDetail")
        self.detail.setAccessibleName(self.tr("Selected partner"))
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setContentsMargins(style.SPACING, style.SPACING, style.SPACING, 0)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.state_label = style.error_label("partnerState")
        layout.addWidget(self.state_label)

    def _build_filters(self) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(style.SPACING)
        self.search = _line(
            "partnerSearch", self.tr("Search by name"), self.tr("Search partners by name")
        )
        self.kind = CodeCombo(
            [("", self.tr("Any kind")), *((k.value, k.label) for k in PartnerKind)]
        )
        self.kind.setAccessibleName(self.tr("Kind of partner"))
        self.service = _line(
            "serviceFilter", self.tr("Service, e.g. counseling"), self.tr("Service")
        )
        self.language = _line(
            "languageFilter", self.tr("Language, e.g. Spanish"), self.tr("Language")
        )
        self.age = QSpinBox()
        self.age.setRange(ANY_AGE, MAX_AGE)
        self.age.setSpecialValueText(self.tr("Any age"))
        self.age.setValue(ANY_AGE)
        self.age.setAccessibleName(self.tr("Serves students aged"))
        self.medicaid = QCheckBox(self.tr("Accepts Medicaid"))
        self.medicaid.setAccessibleName(self.tr("Only partners accepting Medicaid"))
        self.inactive = QCheckBox(self.tr("Show inactive"))
        self.inactive.setAccessibleName(self.tr("Show inactive partners too"))
        widgets = (self.search, self.kind, self.service, self.language, self.age)
        for column, widget in enumerate(widgets):
            grid.addWidget(widget, 0, column)
        for column, stretch in ((0, 3), (2, 2), (3, 2)):
            grid.setColumnStretch(column, stretch)
        grid.addWidget(self.medicaid, 0, len(widgets))
        grid.addWidget(self.inactive, 0, len(widgets) + 1)
        for line in (self.search, self.service, self.language):
            line.textChanged.connect(lambda _t: self.run_search())
        self.kind.currentIndexChanged.connect(lambda _i: self.run_search())
        self.age.valueChanged.connect(lambda _v: self.run_search())
        for box in (self.medicaid, self.inactive):
            box.toggled.connect(lambda _on: self.run_search())
        return holder

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.count_label = style.secondary("", wrap=False)
        self.count_label.setObjectName("partnerCount")
        row.addWidget(self.count_label, 1)
        self.add_button = _button(self.tr("Add partner…"), "addPartner", self.add_partner)
        self.edit_button = _button(self.tr("Edit…"), "editPartner", self.edit_selected)
        self.active_button = _button(self.tr("Deactivate…"), "toggleActive", self.toggle_selected)
        self.import_button = _button(self.tr("Import CSV…"), "importPartners", self.import_partners)
        for button in (self.add_button, self.edit_button, self.active_button, self.import_button):
            button.setVisible(self.can_edit)
            row.addWidget(button)
        return row

    def _build_table(self) -> QTableView:
        table = chip_table(
            self.model,
            name="partnersTable",
            accessible_name=self.tr("Partners"),
            stretch_column=2,
            alternating=True,
        )
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table = table
        return table

    # --- searching -----------------------------------------------------------------------

    def query(self) -> PartnerQuery:
        age = self.age.value()
        return PartnerQuery(
            text=self.search.text().strip(),
            kind=self.kind.code(),
            service=self.service.text().strip(),
            language=self.language.text().strip(),
            age=None if age == ANY_AGE else age,
            accepts_medicaid=True if self.medicaid.isChecked() else None,
            active_only=not self.inactive.isChecked(),
        )

    def run_search(self) -> None:
        """Search with the current filters; a newer search drops an older one's answer."""
        self._generation += 1
        generation = self._generation
        partner_ops.search_partners(parent=self, session=self.session, query=self.query()).success(
            lambda found: self._show(generation, found)
        ).known_error(self._refused).run_in_background()

    def _show(self, generation: int, found: list[PartnerView]) -> None:
        if generation != self._generation:
            return
        keep = self.selected()
        wanted = self._pending_select or (keep.id if keep is not None else None)
        self._pending_select = None
        self.model.set_rows([_row(p) for p in found])
        count = len(found)
        many = self.tr("{count} partners").format(count=count)
        self.count_label.setText(self.tr("1 partner") if count == 1 else many)
        style.set_error(self.state_label, None)
        ids = [p.id for p in found]
        if wanted in ids:
            self.table.selectRow(ids.index(wanted))
        else:
            self._show_partner(None)

    def _refused(self, exc: ClinicError) -> None:
        style.set_error(self.state_label, i18n.translate_message(exc.message))

    def partners(self) -> list[PartnerView]:
        return [row.record for row in self.model.rows() if isinstance(row.record, PartnerView)]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.model.rowCount():
            self.run_search()

    # --- the selected partner ------------------------------------------------------------

    def selected(self) -> PartnerView | None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        return record if isinstance(record, PartnerView) else None

    def select(self, name: str) -> None:
        names = [p.name for p in self.partners()]
        if name in names:
            self.table.selectRow(names.index(name))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_partner(self.selected())

    def _show_partner(self, partner: PartnerView | None) -> None:
        self.edit_button.setEnabled(partner is not None)
        self.active_button.setEnabled(partner is not None)
        self.active_button.setText(
            self.tr("Reactivate…")
            if partner is not None and not partner.active
            else self.tr("Deactivate…")
        )
        self.active_button.setAccessibleName(self.active_button.text().rstrip("…"))
        self.detail.setText(partner_detail(partner) if partner else "")

    # --- changes -------------------------------------------------------------------------

    def add_partner(self) -> None:
        self._open_dialog(PartnerDialog(self.session, None, self))

    def edit_selected(self) -> None:
        partner = self.selected()
        if partner is not None and self.can_edit:
            self._open_dialog(PartnerDialog(self.session, partner, self))

    def _open_dialog(self, dialog: PartnerDialog) -> None:
        dialog.partner_saved.connect(self._saved)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()

    def _saved(self, partner: PartnerView) -> None:
        self.inactive.setChecked(self.inactive.isChecked() or not partner.active)
        self.search.setText("")
        self._pending_select = partner.id  # selected when the change notice reloads

    def toggle_selected(self) -> None:
        """Deactivate (after a confirmation saying what it means) or reactivate."""
        partner = self.selected()
        if partner is None or not self.can_edit:
            return
        if partner.active and not dialogs.confirm(
            self,
            self.tr("Deactivate this partner?"),
            self.tr(
                "{name} will no longer be offered for new referrals or releases. Past "
                "referrals and releases keep naming it, and it can be reactivated later."
            ).format(name=partner.name),
            action=self.tr("Deactivate"),
        ):
            return
        partner_ops.set_active(
            parent=self, session=self.session, partner_id=partner.id, active=not partner.active
        ).known_error(self._refused).run_in_background()

    def import_partners(self) -> None:
        dialog = PartnerImportDialog(self.session, self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()


def _row(partner: PartnerView) -> Row:
    return Row(
        (
            partner.name,
            i18n.translate_message(partner.kind_label),
            ", ".join(partner.services),
            ", ".join(partner.languages),
            partner.ages,
            QCoreApplication.translate("PartnerWindow", "Yes")
            if partner.accepts_medicaid
            else QCoreApplication.translate("PartnerWindow", "No"),
            partner.phone,
            QCoreApplication.translate("PartnerWindow", "Active")
            if partner.active
            else QCoreApplication.translate("PartnerWindow", "Inactive"),
        ),
        partner,
        tones={STATUS_COLUMN: "ok" if partner.active else "muted"},
    )


def partner_detail(partner: PartnerView) -> str:
    """Everything a clinician needs to reach the partner, one fact per line."""
    lines = [f"{partner.name} ({i18n.translate_message(partner.kind_label)})"]
    for label, value in (
        (QCoreApplication.translate("PartnerWindow", "Contact"), partner.contact_name),
        (QCoreApplication.translate("PartnerWindow", "Phone"), partner.phone),
        (QCoreApplication.translate("PartnerWindow", "Fax"), partner.fax),
        (QCoreApplication.translate("PartnerWindow", "Email"), partner.email),
        (QCoreApplication.translate("PartnerWindow", "Address"), partner.address),
        (QCoreApplication.translate("PartnerWindow", "Notes"), partner.notes),
    ):
        if value:
            lines.append(
                QCoreApplication.translate("PartnerWindow", "{label}: {value}").format(
                    label=label, value=value
                )
            )
    return "\n".join(lines)


def _line(name: str, placeholder: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(accessible)
    edit.setClearButtonEnabled(True)
    return edit


def _button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.rstrip("…"))
    button.setAutoDefault(False)
    button.clicked.connect(lambda _on=False: slot())
    return button
