"""The administrator's Settings dialog: how the site behaves and what its forms print.

One form over ``services.settings.AdminSettings``: the clinic's name, address, phone and
logo for form headers; the idle lock and the backup reminder; follow-up days by urgency;
and whether minors may consent for themselves. Save sends everything to one service call
that checks it all first, so a refusal saves nothing and puts each reason beside its field.

The logo is chosen through the ``dialogs`` seam, read and checked off the GUI thread (a real
PNG or JPEG, at most ``MAX_LOGO_BYTES``), previewed, and only stored on Save, inside the
encrypted database. ``settings_saved`` carries what was stored, so the main window can apply
a new idle-lock interval to the running lock (``apply_to_lock``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, Qt, Signal
from PySide6.QtGui import QAction, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.consents import ConsentKind, MinorConsentRule
from clinic_desktop.domain.referrals import FollowUpPolicy
from clinic_desktop.domain.settings import (
    BACKUP_REMINDER_RANGE,
    FOLLOW_UP_RANGE,
    IDLE_LOCK_RANGE,
    MAJORITY_RANGE,
    MAX_LOGO_BYTES,
    SELF_CONSENT_AGE_RANGE,
    SiteDetails,
    SiteSettings,
)
from clinic_desktop.errors import ClinicError, FieldError, ValidationError
from clinic_desktop.fsutil import open_regular
from clinic_desktop.services import settings as settings_service
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.settings import AdminSettings
from clinic_desktop.ui import dialogs, style
from clinic_desktop.ui import settings as ui_settings
from clinic_desktop.ui.idle_lock import ScreenLock, minutes_to_ms
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.widgets.form import (
    FormSection,
    align_labels,
    set_tab_order,
)
from clinic_desktop.ui.widgets.form_dialog import FormDialog

#: Height of the logo preview, in lines of text (about the header's printed height).
PREVIEW_LINES = 3
#: The age first offered when an administrator allows minors to consent (several states,
#: California among them, let minors of 12 consent to outpatient mental health care).
SUGGESTED_SELF_CONSENT_AGE = 12
FOLLOW_UP_FIELDS = ("emergent_days", "urgent_days", "routine_days")


class SettingsDialog(FormDialog):
    """Shows ``current`` and saves changes; ``settings_saved(AdminSettings)`` after Save."""

    settings_saved = Signal(object)

    def __init__(
        self, session: ClinicSession, current: AdminSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.logo: bytes | None = current.logo
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings — Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self._build()
        self.fill(current)
        self.setMinimumWidth(style.chars(self, 60))
        self._sized = False

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 2)
        layout.addWidget(style.heading(self.tr("Site settings"), 1.3, accent=True))
        sections = (
            self._build_site(),
            self._build_lock(),
            self._build_follow_up(),
            self._build_minors(),
        )
        align_labels(*sections)
        self.scroll_area = _scrolling(sections)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.build_footer(self.tr("Save settings"), "saveSettings"))
        self.save_button = self.accept_button
        self._set_tab_order()

    def showEvent(self, event: QShowEvent) -> None:
        """Size once, on the first show: only then do the size hints include the style
        sheet and the fonts the fields are drawn with."""
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self._size_to_screen()

    def _size_to_screen(self) -> None:
        """Open wide and tall enough to show every section whole, with no scroll bar and
        no cut-off text, where the screen allows (a scroll area alone would open at a few
        lines, and narrower than its fields under some fonts); never past 9/10 of the
        screen, where the scroll area takes over."""
        self.layout().activate()
        content = self.scroll_area.widget().sizeHint()
        viewport = self.scroll_area.viewport().size()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = max(style.chars(self, 92), self.width() + content.width() - viewport.width())
        height = self.height() + max(0, content.height() - viewport.height())
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and not screen.isEmpty():
            if height > screen.height() * 9 // 10:
                width += bar  # the vertical bar will show: leave room for it
            width = min(width, screen.width() * 9 // 10)
            height = min(height, screen.height() * 9 // 10)
        self.resize(width, height)
        if screen is not None and not screen.isEmpty():
            self._keep_on(screen)

    def _keep_on(self, screen: QRect) -> None:
        """Move the whole dialog, Save and Cancel included, onto ``screen``: Qt placed it
        for the size it had before ``_size_to_screen``, so a taller dialog centred over the
        main window ran off the bottom of a 768-pixel screen."""
        frame = self.frameGeometry()
        x = min(frame.x(), screen.x() + screen.width() - frame.width())
        y = min(frame.y(), screen.y() + screen.height() - frame.height())
        self.move(max(x, screen.x()), max(y, screen.y()))

    def _build_site(self) -> FormSection:
        section = FormSection(self.tr("Clinic on printed forms"), self.errors)
        self.site_name = QLineEdit()
        section.add_field("site_name", self.tr("Name"), self.site_name, required=True)
        self.site_address = QLineEdit()
        self.site_address.setPlaceholderText(self.tr("Street, city, state, ZIP"))
        section.add_field("site_address", self.tr("Address"), self.site_address)
        self.site_phone = QLineEdit()
        self.site_phone.setPlaceholderText("(555) 555-0100")
        section.add_field("site_phone", self.tr("Phone"), self.site_phone)
        section.add_field(
            "logo",
            self.tr("Logo"),
            self._build_logo_row(),
            hint=self.tr(
                "PNG or JPEG, at most {size} MB; printed at the left of the header."
            ).format(size=MAX_LOGO_BYTES // (1024 * 1024)),
        )
        return section

    def _build_logo_row(self) -> QWidget:
        row = QWidget()
        row.setObjectName("logoRow")
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setMinimumHeight(style.em(self, PREVIEW_LINES))
        self.logo_preview.setWordWrap(True)  # "No logo…" is long in Spanish
        self.logo_preview.setAccessibleName(self.tr("Logo preview"))
        self.choose_logo_button = QPushButton(self.tr("Choose…"))
        self.choose_logo_button.setObjectName("chooseLogo")
        self.choose_logo_button.setAccessibleName(self.tr("Choose a logo"))
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(self.tr("Remove"))
        self.remove_logo_button.setObjectName("removeLogo")
        self.remove_logo_button.setAccessibleName(self.tr("Remove the logo"))
        self.remove_logo_button.clicked.connect(lambda: self.set_logo(None))
        box.addWidget(self.logo_preview, 1)
        box.addWidget(self.choose_logo_button)
        box.addWidget(self.remove_logo_button)
        return row

    def _build_lock(self) -> FormSection:
        section = FormSection(self.tr("Screen lock and backups"), self.errors)
        self.idle_lock = _spin(IDLE_LOCK_RANGE, (self.tr(" minute"), self.tr(" minutes")))
        section.add_field(
            "idle_lock_minutes",
            self.tr("Lock after"),
            self.idle_lock,
            hint=self.tr("Without keyboard or mouse input, every window is hidden."),
        )
        self.backup_reminder = _spin(BACKUP_REMINDER_RANGE, self._days())
        section.add_field(
            "backup_reminder_days",
            self.tr("Backup reminder"),
            self.backup_reminder,
            hint=self.tr("The status bar warns when the newest backup is older than this."),
        )
        return section

    def _build_follow_up(self) -> FormSection:
        section = FormSection(self.tr("Referral follow-ups"), self.errors)
        labels = (self.tr("Emergent"), self.tr("Urgent"), self.tr("Routine"))
        self.follow_up = {name: _spin(FOLLOW_UP_RANGE, self._days()) for name in FOLLOW_UP_FIELDS}
        for name, label in zip(FOLLOW_UP_FIELDS, labels, strict=True):
            section.add_field(f"follow_up.{name}", label, self.follow_up[name])
        return section

    def _build_minors(self) -> FormSection:
        section = FormSection(self.tr("Minors consenting for themselves"), self.errors)
        self.minors_allowed = QCheckBox(self.tr("Minors may consent for themselves"))
        self.minors_allowed.setAccessibleName(self.minors_allowed.text())
        self.minors_allowed.toggled.connect(self._sync_minor_fields)
        section.add_row("", self.minors_allowed)
        self.minimum_age = _spin(SELF_CONSENT_AGE_RANGE, self._years())
        section.add_field("minor_consent.minimum_age", self.tr("From age"), self.minimum_age)
        self.kinds = {kind: QCheckBox(label) for kind, label in self._kind_labels().items()}
        section.add_field(
            "minor_consent.kinds",
            self.tr("For"),
            _column(list(self.kinds.values())),
            hint=self.tr("Follow your state's minor-consent law."),
        )
        self.majority = _spin(MAJORITY_RANGE, self._years())
        section.add_field(
            "minor_consent.age_of_majority", self.tr("Age of majority"), self.majority
        )
        return section

    def _days(self) -> tuple[str, str]:
        return self.tr(" day"), self.tr(" days")

    def _years(self) -> tuple[str, str]:
        return self.tr(" year"), self.tr(" years")

    def _kind_labels(self) -> dict[ConsentKind, str]:
        return {
            ConsentKind.SERVICES: self.tr("Health services"),
            ConsentKind.RELEASE_OF_INFORMATION: self.tr("Release of information"),
            ConsentKind.TELEHEALTH: self.tr("Telehealth"),
        }

    def _set_tab_order(self) -> None:
        set_tab_order(
            [
                self.site_name,
                self.site_address,
                self.site_phone,
                self.choose_logo_button,
                self.remove_logo_button,
                self.idle_lock,
                self.backup_reminder,
                *self.follow_up.values(),
                self.minors_allowed,
                self.minimum_age,
                *self.kinds.values(),
                self.majority,
                self.save_button,
            ]
        )

    # --- values --------------------------------------------------------------------------

    def fill(self, current: AdminSettings) -> None:
        details, values = current.details, current.settings
        self.site_name.setText(details.site_name)
        self.site_address.setText(details.site_address)
        self.site_phone.setText(details.site_phone)
        self.idle_lock.setValue(values.idle_lock_minutes)
        self.backup_reminder.setValue(values.backup_reminder_days)
        for name, box in self.follow_up.items():
            box.setValue(getattr(values.follow_up, name))
        rule = values.minor_consent
        self.minors_allowed.setChecked(rule.minimum_age is not None)
        self.minimum_age.setValue(rule.minimum_age or SUGGESTED_SELF_CONSENT_AGE)
        for kind, box in self.kinds.items():
            box.setChecked(kind in rule.kinds)
        self.majority.setValue(rule.age_of_majority)
        self._sync_minor_fields()
        self.set_logo(current.logo)

    def wanted(self) -> AdminSettings:
        """What the form says now, for the service to check and store."""
        allowed = self.minors_allowed.isChecked()
        rule = MinorConsentRule(
            minimum_age=self.minimum_age.value() if allowed else None,
            kinds=frozenset(k for k, box in self.kinds.items() if box.isChecked())
            if allowed
            else frozenset(),
            age_of_majority=self.majority.value(),
        )
        follow_up = FollowUpPolicy(**{n: box.value() for n, box in self.follow_up.items()})
        return AdminSettings(
            settings=SiteSettings(
                idle_lock_minutes=self.idle_lock.value(),
                backup_reminder_days=self.backup_reminder.value(),
                follow_up=follow_up,
                minor_consent=rule,
            ),
            details=SiteDetails(
                self.site_name.text(), self.site_address.text(), self.site_phone.text()
            ),
            logo=self.logo,
        )

    def _sync_minor_fields(self) -> None:
        allowed = self.minors_allowed.isChecked()
        for widget in (self.minimum_age, *self.kinds.values()):
            widget.setEnabled(allowed)
        self.errors.clear("minor_consent.minimum_age")
        self.errors.clear("minor_consent.kinds")

    # --- logo ----------------------------------------------------------------------------

    def choose_logo(self) -> None:
        """Pick a file through the seam; it is read and checked in the background."""
        path = dialogs.choose_open_file(
            self,
            self.tr("Choose the logo for forms"),
            filters=self.tr("Images (*.png *.jpg *.jpeg)"),
        )
        if path is None:
            return
        self.errors.clear("logo")
        self.choose_logo_button.setEnabled(False)
        Operation(self, lambda: settings_service.prepared_logo(_read_logo(path))).success(
            self.set_logo
        ).known_error(self._logo_refused).done(
            lambda: self.choose_logo_button.setEnabled(True)
        ).run_in_background()

    def set_logo(self, logo: bytes | None) -> None:
        """Show ``logo`` (None: none) in the preview; it is stored on Save."""
        self.logo = logo
        self.remove_logo_button.setEnabled(logo is not None)
        pixmap = QPixmap()
        if logo is not None and pixmap.loadFromData(logo):
            height = self.logo_preview.minimumHeight()
            self.logo_preview.setPixmap(
                pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
            )
            self.logo_preview.setAccessibleDescription(self.tr("A logo is chosen."))
            return
        self.logo_preview.setPixmap(QPixmap())
        self.logo_preview.setText(self.tr("No logo: forms print the clinic's name alone."))
        self.logo_preview.setAccessibleDescription(self.logo_preview.text())

    def _logo_refused(self, exc: ClinicError) -> None:
        if isinstance(exc, ValidationError):
            self.errors.show(exc.errors)
        else:
            self.errors.show([FieldError("logo", exc.message)])
        style.grow_to_fit(self)

    # --- saving --------------------------------------------------------------------------

    def operation(self) -> Operation:
        wanted = self.wanted()
        return Operation(
            self,
            lambda: settings_service.save_admin_settings(self.session, wanted),
            changes=frozenset({Change.SETTINGS}),
        )

    def saved(self, stored: AdminSettings) -> None:
        # The sign-in screen shows the clinic's name before the database is open.
        ui_settings.remember(self.session.paths, ui_settings.SITE_NAME, stored.details.site_name)
        self.settings_saved.emit(stored)


def open_settings(
    parent: QWidget, session: ClinicSession, on_saved: Callable[[AdminSettings], object]
) -> Operation:
    """Load the settings in the background, then show the dialog (window-modal). A user
    who may not change settings gets the service's refusal through the error path."""

    def show(current: AdminSettings) -> None:
        dialog = SettingsDialog(session, current, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_saved.connect(on_saved)
        dialog.open()

    return (
        Operation(parent, lambda: settings_service.admin_settings(session))
        .success(show)
        .run_in_background()
    )


def settings_action(
    parent: QWidget, session: ClinicSession, on_saved: Callable[[AdminSettings], object]
) -> QAction:
    """The "Settings…" menu entry (the Preferences entry on macOS) that opens the dialog."""
    action = QAction(QCoreApplication.translate("SettingsDialog", "Se&ttings…"), parent)
    action.setObjectName("settingsAction")
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    action.setStatusTip(
        QCoreApplication.translate(
            "SettingsDialog", "Idle lock, follow-ups, minor consent, backups, forms' header"
        )
    )
    action.triggered.connect(lambda _checked=False: open_settings(parent, session, on_saved))
    return action


def apply_to_lock(lock: ScreenLock) -> Callable[[AdminSettings], None]:
    """A ``settings_saved`` slot that gives the running idle lock the new interval."""

    def apply(saved: AdminSettings) -> None:
        lock.set_interval_ms(minutes_to_ms(saved.settings.idle_lock_minutes))

    return apply


def _read_logo(path: Path) -> bytes:
    """The chosen file's bytes, at most one past the limit (enough for the service to
    refuse a file too large without reading all of it)."""
    try:
        handle, _size = open_regular(Path(path))  # never waits on a FIFO
        with handle:
            return handle.read(MAX_LOGO_BYTES + 1)
    except OSError as exc:
        unreadable = QCoreApplication.translate("SettingsDialog", "The file could not be read.")
        raise ClinicError(unreadable) from exc


def _spin(limits: tuple[int, int], units: tuple[str, str]) -> QSpinBox:
    """A spin box over ``limits`` whose unit follows the number ("1 day", "2 days")."""
    box = QSpinBox()
    box.setRange(*limits)
    one, many = units

    def unit(value: int) -> None:
        box.setSuffix(one if value == 1 else many)

    box.valueChanged.connect(unit)
    unit(box.value())
    return box


def _column(widgets: list[QWidget]) -> QWidget:
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        widget.setAccessibleName(widget.text())  # type: ignore[attr-defined]
        column.addWidget(widget)
    return holder


def _scrolling(sections: tuple[FormSection, ...]) -> QScrollArea:
    """The sections in a scroll area, so a small laptop screen still reaches Save."""
    inner = QWidget()
    column = QVBoxLayout(inner)
    column.setContentsMargins(0, 0, 0, 0)
    for section in sections:
        column.addWidget(section)
    column.addStretch(1)
    area = QScrollArea()
    # Tab goes from field to field (the area scrolls each into view), never to the area.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(inner)
    return area
