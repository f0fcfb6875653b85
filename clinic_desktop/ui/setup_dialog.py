"""First-run setup: create the clinic (site code and name) and its first administrator."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.clock import Clock, utc_now
from clinic_desktop.domain.accounts import MIN_PASSWORD_LENGTH
from clinic_desktop.errors import FieldError
from clinic_desktop.paths import SitePaths
from clinic_desktop.services.site import SetupResult
from clinic_desktop.ui import dialogs, i18n, settings, style
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import site as site_ops
from clinic_desktop.ui.widgets.form_dialog import FormDialog
from clinic_desktop.ui.widgets.language import LanguageCombo

#: Form fields, in order: (service field name, label, placeholder); the texts are marked
#: for translation here and translated when the form is built.
FIELDS = (
    (
        "site_code",
        QT_TRANSLATE_NOOP("SetupDialog", "Site code"),
        QT_TRANSLATE_NOOP("SetupDialog", "e.g. LHS"),
    ),
    (
        "site_name",
        QT_TRANSLATE_NOOP("SetupDialog", "Site name"),
        QT_TRANSLATE_NOOP("SetupDialog", "e.g. Lincoln High School Health Center"),
    ),
    (
        "username",
        QT_TRANSLATE_NOOP("SetupDialog", "User name"),
        QT_TRANSLATE_NOOP("SetupDialog", "e.g. admin"),
    ),
    (
        "display_name",
        QT_TRANSLATE_NOOP("SetupDialog", "Display name"),
        QT_TRANSLATE_NOOP("SetupDialog", "e.g. Pat Okafor"),
    ),
    (
        "password",
        QT_TRANSLATE_NOOP("SetupDialog", "Password"),
        QT_TRANSLATE_NOOP("SetupDialog", "At least {count} characters"),
    ),
    (
        "confirm",
        QT_TRANSLATE_NOOP("SetupDialog", "Confirm password"),
        QT_TRANSLATE_NOOP("SetupDialog", "Type the password again"),
    ),
)
_SECRET = {"password", "confirm"}


class SetupDialog(FormDialog):
    """Collects the new site's facts, creates it in the background, shows the recovery key."""

    site_created = Signal(object)  # SetupResult

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Clock = utc_now,
        language: str | None = None,
        typed: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``language`` and ``typed``: the choice and the fields of the setup window this
        one replaces after a language change (no site exists yet to store the choice in)."""
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.language = language or i18n.saved_choice(SitePaths(self.data_dir))
        self.result_value: SetupResult | None = None
        self.admin_username = ""
        #: The user picked another language: the launcher shows the setup again in it.
        self.language_changed = False
        self.inputs: dict[str, QLineEdit] = {}
        self.field_errors: dict[str, QLabel] = {}
        self.setWindowTitle(self.tr("Set up this clinic — Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self._build()
        for name, text in (typed or {}).items():
            if name in self.inputs and name not in _SECRET:
                self.inputs[name].setText(text)
        style.fit_to_width(self, 580)

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 4)
        layout.addWidget(style.heading(self.tr("Set up this clinic"), accent=True))
        intro = self.tr(
            "No clinic has been set up on this computer yet. This creates the encrypted "
            "clinic database in {folder} and its first administrator account."
        )
        layout.addWidget(style.secondary(intro.format(folder=self.data_dir)))
        self._labels: list[QLabel] = []
        layout.addWidget(self._group(self.tr("Clinic"), FIELDS[:2]))
        layout.addWidget(self._group(self.tr("First administrator"), FIELDS[2:]))
        widest = max(label.sizeHint().width() for label in self._labels)
        for label in self._labels:  # both groups' fields start at the same x
            label.setMinimumWidth(widest)
        self.form_error = self.errors.general
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        layout.addLayout(self._build_footer())
        self.inputs["site_code"].setFocus()

    def _group(self, title: str, fields: tuple[tuple[str, str, str], ...]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setContentsMargins(style.SPACING + 4, style.SPACING + 4, style.SPACING + 4, 8)
        form.setHorizontalSpacing(style.SPACING * 2)
        form.setVerticalSpacing(style.SPACING)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name, text, placeholder in fields:
            label = QLabel(self.tr("{label}:").format(label=_tr(text)))
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._labels.append(label)
            field = self._field(name, _tr(placeholder))
            label.setBuddy(self.inputs[name])
            # The field sits in a holder with its error line, out of the buddy lookup's
            # reach: name it for screen readers directly.
            self.inputs[name].setAccessibleName(_tr(text))
            form.addRow(label, field)
        return box

    def _field(self, name: str, placeholder: str) -> QWidget:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder.format(count=MIN_PASSWORD_LENGTH))
        if name in _SECRET:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        error = style.error_label(f"{name}Error")
        self.inputs[name] = edit
        self.field_errors[name] = error
        self.errors.add(name, error, edit)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        column.addWidget(edit)
        column.addWidget(error)
        return holder

    def _build_footer(self) -> QHBoxLayout:
        # Enter in any field means "Create clinic": every field is needed anyway.
        footer = self.build_footer(self.tr("Create clinic"), "createClinic", default=True)
        self.create_button = self.accept_button
        # The language box at the bottom left: after the form in the Tab order, which
        # follows the layout from top to bottom.
        self.language_box = LanguageCombo(self.language)
        self.language_box.chosen.connect(self._change_language)
        footer.insertWidget(0, self.language_box)
        return footer

    # --- behaviour -----------------------------------------------------------------------

    def values(self) -> site_ops.NewSite:
        text = {name: edit.text() for name, edit in self.inputs.items()}
        return site_ops.NewSite(
            site_code=text["site_code"].strip(),
            site_name=text["site_name"].strip(),
            admin_username=text["username"].strip(),
            admin_display_name=text["display_name"].strip(),
            admin_password=text["password"],
        )

    def check(self) -> list[FieldError]:
        """What only the form knows: the confirmation must match the password."""
        if self.inputs["password"].text() != self.inputs["confirm"].text():
            return [FieldError("confirm", self.tr("does not match the password"))]
        return []

    def operation(self) -> Operation:
        return site_ops.setup_site(
            parent=self, data_dir=self.data_dir, new_site=self.values(), clock=self.clock
        )

    def saved(self, result: SetupResult) -> None:
        values = self.values()
        self.result_value = result
        self.admin_username = values.admin_username.casefold()
        for name in _SECRET:
            self.inputs[name].clear()
        paths = SitePaths(self.data_dir)
        settings.remember(paths, settings.SITE_NAME, values.site_name)
        settings.remember(paths, i18n.LANGUAGE_KEY, self.language)
        dialogs.show_recovery_key(self, result.recovery_key)
        self.site_created.emit(result)

    def typed(self) -> dict[str, str]:
        """What the user typed so far, passwords left out (they are typed again)."""
        return {n: e.text() for n, e in self.inputs.items() if n not in _SECRET}

    def _change_language(self, choice: str) -> None:
        """Install the choice and close; the launcher opens the setup again in it (stored
        with the new site, as the folder for the user's settings does not exist yet)."""
        if self.busy:
            return
        i18n.choose_language(SitePaths(self.data_dir), choice)
        self.language = choice
        self.language_changed = True
        self.done(QDialog.DialogCode.Rejected)

    def busy_status(self) -> str:
        return self.tr("Creating the encrypted clinic database…")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupDialog", text)
