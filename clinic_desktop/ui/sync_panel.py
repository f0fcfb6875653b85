"""The IT panel for sync: provisioning, the site key, exporting a batch, recent batches.

IT provisions the clinic once from the district's ``provisioning.json`` and gives the
district the site's public key (``Save site key…``); after that, ``Export batch…`` writes
everything that changed since the last batch as one de-identified, signed and encrypted
file into a folder IT chooses (a USB stick, a shared folder), with a progress bar while
it runs. Nothing here shows or needs a student's chart: the services allow it to IT and
administrators only, and the status and batch list carry no personal data.

The panel also states the district's export profile. Nothing is exported until an
administrator has read what the profile permits (for a limited data set, its data use
agreement: id, recipient, permitted uses, expiry) and accepted it here (``Review
profile…``); IT sees the terms and that they wait for acceptance, not the button.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.deidentify import ExportProfile
from clinic_desktop.domain.roles import Permission
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.sync import (
    BatchRecord,
    ExportResult,
    ProfileTerms,
    ProvisionResult,
    SyncStatus,
)
from clinic_desktop.ui import changes, dialogs, style
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.table_model import Row, TableModel
from clinic_desktop.ui.operations import sync as sync_ops
from clinic_desktop.ui.print_preview import documents_folder
from clinic_desktop.ui.widgets.facts import TaskPanel, fact_form, progress_block

INTRO = QT_TRANSLATE_NOOP(
    "SyncPanel",
    "Export sends the district what changed since the last batch as one de-identified, "
    "signed and encrypted file: no names, ids, addresses or notes ever leave the clinic, "
    "and only the district's key can open it. Save it to a USB stick or a shared folder.",
)
HEADERS = (
    QT_TRANSLATE_NOOP("SyncPanel", "Batch"),
    QT_TRANSLATE_NOOP("SyncPanel", "Exported"),
    QT_TRANSLATE_NOOP("SyncPanel", "Records"),
    QT_TRANSLATE_NOOP("SyncPanel", "File"),
)
PROVISIONING_FILTER = QT_TRANSLATE_NOOP("SyncPanel", "Provisioning file (provisioning.json *.json)")
SITE_KEY_FILTER = QT_TRANSLATE_NOOP("SyncPanel", "Site key (*.pub)")


class SyncPanel(TaskPanel):
    """Provision, save the site key, export with progress, list recent batches."""

    #: The status and batches arrived (argument: ``SyncOverview``).
    loaded = Signal(object)
    #: An export finished (argument: ``ExportResult``).
    exported = Signal(object)
    #: A sentence for the status bar.
    message = Signal(str)

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.status: SyncStatus | None = None
        self.terms: ProfileTerms | None = None
        self.site_code = ""
        self.model = TableModel(tuple(_tr(h) for h in HEADERS), self)
        self.setObjectName("syncPanel")
        self.setAccessibleName(self.tr("Sync"))
        self._build()
        self._update_buttons()
        changes.subscribe(self, {Change.SYNC}, lambda _changed: self.refresh())

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        column.setSpacing(style.SPACING)
        column.addWidget(style.heading(self.tr("Sync with the district"), 1.3))
        column.addWidget(style.secondary(_tr(INTRO)))
        column.addLayout(self._build_status())
        column.addLayout(self._build_buttons())
        column.addLayout(self._build_progress())
        self.state_label = style.error_label("syncState")
        column.addWidget(self.state_label)
        column.addWidget(style.heading(self.tr("Recent batches"), 1.1))
        self.table = self._build_table()
        column.addWidget(self.table, 1)

    def _build_status(self) -> QFormLayout:
        form, self.facts = fact_form(
            "sync",
            (
                ("district", self.tr("Sends to")),
                ("key_id", self.tr("Site key id")),
                ("profile", self.tr("Export profile")),
                ("last_batch", self.tr("Last batch")),
                ("pending", self.tr("Changes waiting")),
            ),
        )
        return form

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.provision_button = self._button(
            self.tr("Provision from file…"), "provision", self.provision
        )
        self.key_button = self._button(self.tr("Save site key…"), "saveSiteKey", self.save_site_key)
        self.export_button = self._button(self.tr("Export batch…"), "exportBatch", self.export)
        self.accept_button = self._button(
            self.tr("Review profile…"), "acceptProfile", self.review_agreement
        )
        buttons = (self.export_button, self.provision_button, self.key_button, self.accept_button)
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _build_progress(self) -> QVBoxLayout:
        box, self.progress, self.result_label = progress_block(
            "exportProgress", self.tr("Export progress"), "exportResult"
        )
        return box

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("batchesTable")
        table.setAccessibleName(self.tr("Recent batches"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    # --- status --------------------------------------------------------------------------

    def refresh(self) -> None:
        sync_ops.overview(parent=self, session=self.session).success(self._show).known_error(
            self._refused
        ).run_in_background()

    def _show(self, overview: sync_ops.SyncOverview) -> None:
        status = self.status = overview.status
        zone = self.session.zone()
        self.site_code = overview.site_code
        self.facts["district"].setText(
            status.district if status.provisioned else self.tr("Not provisioned")
        )
        self.facts["key_id"].setText(status.key_id or "—")
        self.terms = overview.terms
        self.facts["profile"].setText(self._profile_text(overview.terms))
        latest = overview.batches[0] if overview.batches else None
        self.facts["last_batch"].setText(
            self.tr("No. {sequence}, {when}").format(
                sequence=latest.sequence, when=formats.date_time(latest.created_at, zone)
            )
            if latest
            else self.tr("None yet")
        )
        self.facts["pending"].setText(f"{status.pending_changes:,}")
        self.model.set_rows([_batch_row(b, zone) for b in overview.batches])
        self._update_buttons()
        self.loaded.emit(overview)

    def _profile_text(self, terms: ProfileTerms | None) -> str:
        if terms is None:
            return "—"
        state = (
            self.tr("accepted by {who}").format(who=terms.accepted_by)
            if terms.accepted
            else self.tr("not accepted yet (an administrator must review it)")
        )
        if terms.profile is ExportProfile.SAFE_HARBOR:
            return self.tr("Safe Harbor (years only, no agreement needed): {state}").format(
                state=state
            )
        agreement = terms.agreement
        assert agreement is not None  # a limited data set always has its agreement
        text = self.tr("Limited data set under agreement {id}, expires {expires}: {state}")
        return text.format(
            id=agreement.agreement_id, expires=formats.short_date(agreement.expires_on), state=state
        )

    def _update_buttons(self) -> None:
        pending = self.terms is not None and not self.terms.accepted
        self.accept_button.setVisible(pending and self.session.can(Permission.MANAGE_SETTINGS))
        self.accept_button.setEnabled(not self.busy)
        provisioned = self.status is not None and self.status.provisioned
        self.export_button.setEnabled(provisioned and not pending and not self.busy)
        self.key_button.setEnabled(provisioned and not self.busy)
        self.provision_button.setEnabled(not self.busy)
        if not provisioned:
            tip = self.tr("Provision this clinic first, with the district's file.")
        elif pending:
            tip = self.tr("An administrator must review and accept the export profile first.")
        else:
            tip = ""
        self.export_button.setToolTip(tip)

    # --- provisioning --------------------------------------------------------------------

    def provision(self) -> None:
        path = dialogs.choose_open_file(
            self, self.tr("Provision from the district's file"), filters=_tr(PROVISIONING_FILTER)
        )
        if path is None:
            return
        self._set_busy(True)
        sync_ops.provision(parent=self, session=self.session, path=path).success(
            self._provisioned
        ).known_error(self._refused).done(lambda: self._set_busy(False)).run_in_background()

    def _provisioned(self, result: ProvisionResult) -> None:
        text = self.tr(
            "This clinic now sends batches to {district}. Give the district the "
            "site key file and confirm the key id {key_id} with them by phone."
        )
        self.result_label.setText(text.format(district=result.district, key_id=result.key_id))
        self.message.emit(self.tr("Sync provisioned."))
        self.save_site_key(default_name=f"{result.site_code}.pub")

    def review_agreement(self) -> None:
        """Show what the district's profile (and agreement) permits; accept it only if the
        administrator says so."""
        terms = self.terms
        if terms is None:
            return
        agreement = terms.agreement
        if agreement is None:
            text = self.tr(
                "The district asks for Safe Harbor de-identified batches (45 CFR "
                "164.514(b)(2)): names, contact details and identifiers are never sent; of "
                'every date only the year; ages over 89 as "90 or older"; ZIP codes cut to '
                "their first three digits (000 where fewer than 20,000 people live). No data "
                "use agreement is needed.\n\nAccept this profile for this clinic?"
            )
            title = self.tr("Export profile")
            if dialogs.confirm(self, title, text, action=self.tr("Accept profile")):
                self._accept()
            return
        text = self.tr(
            "The district asks for a limited data set (months of dates) under this data use "
            "agreement:\n\nAgreement: {id}\nRecipient: {recipient}\nPermitted uses: {uses}\n"
            "Expires: {expires} (export stops after this day)\n\nAccept it for this clinic?"
        ).format(
            id=agreement.agreement_id,
            recipient=agreement.recipient,
            uses="; ".join(agreement.permitted_uses),
            expires=formats.short_date(agreement.expires_on),
        )
        title = self.tr("Data use agreement")
        if dialogs.confirm(self, title, text, action=self.tr("Accept agreement")):
            self._accept()

    def _accept(self) -> None:
        sync_ops.accept_profile(parent=self, session=self.session).success(
            lambda _terms: self._accepted()
        ).known_error(self._refused).run_in_background()

    def _accepted(self) -> None:
        self.message.emit(self.tr("Export profile accepted."))
        self.refresh()

    def save_site_key(self, default_name: str = "") -> None:
        """Write the site's public key (the district adds it to its trust folder)."""
        name = default_name or f"{self.site_code or 'site'}.pub"
        path = dialogs.choose_save_file(
            self,
            self.tr("Save the site key for the district"),
            suggested=documents_folder() / name,
            filters=_tr(SITE_KEY_FILTER),
        )
        if path is None:
            return
        sync_ops.save_site_key(parent=self, session=self.session, path=path).success(
            lambda saved: self.message.emit(self.tr("Site key saved to {path}.").format(path=saved))
        ).known_error(self._refused).run_in_background()

    # --- export --------------------------------------------------------------------------

    def export(self) -> None:
        """Choose a folder, then write the next batch there with progress."""
        folder = dialogs.choose_folder(self, self.tr("Export the batch to which folder?"))
        if folder is None:
            return
        expected = self.status.pending_changes if self.status else 0
        self._start_task(self.tr("Exporting…"), expected)
        sync_ops.export_batch(
            parent=self, session=self.session, folder=folder, expected=expected
        ).progress(self._progressed).success(self._exported).known_error(self._task_refused).done(
            lambda: self._set_busy(False)
        ).run_in_background()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total else 1)
        self.result_label.setText(
            self.tr("Exporting… {count} records written").format(count=f"{done:,}")
        )

    def _exported(self, result: ExportResult) -> None:
        self.progress.setValue(self.progress.maximum())
        records = sum(result.counts.values())
        text = self.tr("Batch {sequence} written ({count} records): {path}")
        self.result_label.setText(
            text.format(sequence=result.sequence, count=f"{records:,}", path=result.path)
        )
        self.message.emit(self.tr("Batch {sequence} exported.").format(sequence=result.sequence))
        self.exported.emit(result)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncPanel", text)


def _batch_row(batch: BatchRecord, zone: tzinfo) -> Row:
    when = formats.date_time(batch.created_at, zone)
    return Row((str(batch.sequence), when, f"{batch.records:,}", batch.file_name), batch)
