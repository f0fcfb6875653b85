"""The Print menu: the open chart's forms, blank forms and blank screenings.

For the open chart it offers the consent for services, a release of information for each
release on file, a referral letter for each referral, the results letter for the latest
screening and the return-to-class pass for the latest visit; what is on file is asked of
the service in the background (``print_choices``) when a chart opens and each time the
menu opens. A Language submenu forces English or Spanish; left on Automatic, family
forms print in the family's language and letters to partners and teachers in English.

Choosing an entry renders the form in the background and opens ``PrintPreviewDialog``;
``show_preview`` and ``preview`` do the same for other windows (the referral and consent
tabs print their own records through them).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from clinic_desktop.domain.form_kinds import BLANK_KINDS, FormKind
from clinic_desktop.domain.screening import list_instruments
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.printing import PrintChoice, PrintChoices, PrintedForm
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import printing as print_ops
from clinic_desktop.ui.print_preview import PrintPreviewDialog

log = logging.getLogger("clinic.ui")

#: (code, label) of the Language submenu; "" leaves the choice to each form.
LANGUAGES = (
    ("", QT_TRANSLATE_NOOP("PrintMenu", "&Automatic (the family's language)")),
    ("en", QT_TRANSLATE_NOOP("PrintMenu", "&English")),
    ("es", QT_TRANSLATE_NOOP("PrintMenu", "&Spanish")),
)
BLANK_LANGUAGES = (
    ("en", QT_TRANSLATE_NOOP("PrintMenu", "English")),
    ("es", QT_TRANSLATE_NOOP("PrintMenu", "Spanish")),
)
BLANK_TITLES = {
    FormKind.CONSENT: QT_TRANSLATE_NOOP("PrintMenu", "&Consent for services"),
    FormKind.RELEASE: QT_TRANSLATE_NOOP("PrintMenu", "&Release of information"),
    FormKind.REFERRAL: QT_TRANSLATE_NOOP("PrintMenu", "Re&ferral letter"),
    FormKind.RESULTS: QT_TRANSLATE_NOOP("PrintMenu", "Screening results &letter"),
    FormKind.PASS: QT_TRANSLATE_NOOP("PrintMenu", "Return-to-class &pass"),
}
NOTHING_ON_FILE = QT_TRANSLATE_NOOP("PrintMenu", "None on file")


def show_preview(parent: QWidget | None, printed: PrintedForm) -> PrintPreviewDialog:
    """Open the preview of a rendered form (non-modal; it deletes itself on close)."""
    dialog = PrintPreviewDialog(parent, printed)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def preview(parent: QWidget | None, operation: Operation) -> Operation:
    """Run a printing operation (``ui.operations.printing``) and preview its form."""
    return operation.success(lambda printed: show_preview(parent, printed)).run_in_background()


class PrintMenu(QMenu):
    """The main window's Print menu (also behind the chart's Print button)."""

    #: A sentence for the status bar ("Preparing the referral letter…").
    message = Signal(str)
    #: The chart's printable records arrived (argument: ``PrintChoices``).
    choices_loaded = Signal(object)
    #: A preview opened (argument: the ``PrintPreviewDialog``).
    preview_opened = Signal(object)

    def __init__(self, session: ClinicSession, parent: QWidget) -> None:
        super().__init__(QCoreApplication.translate("PrintMenu", "&Print"), parent)
        self.session = session
        self.student_id: uuid.UUID | None = None
        self.choices: PrintChoices | None = None
        self._generation = 0
        self.setObjectName("printMenu")
        self.setToolTipsVisible(True)
        self._build()
        self.aboutToShow.connect(self.reload)

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.consent_action = self._add(
            QT_TRANSLATE_NOOP("PrintMenu", "&Consent for services…"), self._print_consent
        )
        self.release_menu = self._submenu(
            QT_TRANSLATE_NOOP("PrintMenu", "&Release of information"), "releaseMenu"
        )
        self.referral_menu = self._submenu(
            QT_TRANSLATE_NOOP("PrintMenu", "Re&ferral letter"), "referralMenu"
        )
        self.results_action = self._add(
            QT_TRANSLATE_NOOP("PrintMenu", "Results &letter (latest screening)…"),
            self._print_results,
        )
        self.pass_action = self._add(
            QT_TRANSLATE_NOOP("PrintMenu", "Return-to-class &pass (latest visit)…"),
            self._print_pass,
        )
        self.addSeparator()
        self.language_group = self._build_languages()
        self.addSeparator()
        self.blank_menu = self._build_blank_forms()
        self.instrument_menu = self._build_blank_instruments()
        self._show_choices(None)

    def _add(self, text: str, slot: Callable[[], None], menu: QMenu | None = None) -> QAction:
        action = (menu or self).addAction(self.tr(text))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _submenu(self, title: str, name: str, parent: QMenu | None = None) -> QMenu:
        menu = (parent or self).addMenu(self.tr(title))
        menu.setObjectName(name)
        return menu

    def _build_languages(self) -> QActionGroup:
        menu = self._submenu(QT_TRANSLATE_NOOP("PrintMenu", "Lan&guage"), "languageMenu")
        group = QActionGroup(menu)
        for code, label in LANGUAGES:
            action = menu.addAction(self.tr(label))
            action.setCheckable(True)
            action.setChecked(code == "")
            action.setData(code)
            group.addAction(action)
        return group

    def _build_blank_forms(self) -> QMenu:
        menu = self._submenu(QT_TRANSLATE_NOOP("PrintMenu", "&Blank forms"), "blankFormsMenu")
        for kind in BLANK_KINDS:
            sub = self._submenu(BLANK_TITLES[kind], f"blank_{kind.value}", menu)
            for lang, label in BLANK_LANGUAGES:
                self._add(label, lambda k=kind, lg=lang: self._print_blank(k, lg), sub)
        return menu

    def _build_blank_instruments(self) -> QMenu:
        menu = self._submenu(
            QT_TRANSLATE_NOOP("PrintMenu", "Blank &screening"), "blankInstrumentMenu"
        )
        for instrument in sorted(list_instruments(), key=lambda i: i.short_name):
            sub = self._submenu(instrument.short_name, f"instrument_{instrument.id}", menu)
            for lang, label in BLANK_LANGUAGES:
                slot = lambda i=instrument.id, lg=lang: self._print_instrument(i, lg)  # noqa: E731
                self._add(label, slot, sub)
        return menu

    # --- the open chart ------------------------------------------------------------------

    def set_student(self, student_id: uuid.UUID | None) -> None:
        """The chart now open (None: no chart); its printable records load in background."""
        if student_id != self.student_id:
            self.student_id = student_id
            self._show_choices(None)
        self.reload()

    def reload(self) -> None:
        """Ask again what the open chart can print (a new consent may be on file)."""
        if self.student_id is None:
            return
        self._generation += 1
        generation, student_id = self._generation, self.student_id
        print_ops.print_choices(parent=self, session=self.session, student_id=student_id).success(
            lambda choices: self._arrived(generation, choices)
        ).known_error(lambda _exc: None).run_in_background()

    def _arrived(self, generation: int, choices: PrintChoices) -> None:
        if generation == self._generation and choices.student_id == self.student_id:
            self._show_choices(choices)
            self.choices_loaded.emit(choices)

    def _show_choices(self, choices: PrintChoices | None) -> None:
        self.choices = choices
        has_chart = self.student_id is not None
        self.consent_action.setEnabled(has_chart)
        self._fill(self.release_menu, choices.releases if choices else (), _release_label)
        self._fill(self.referral_menu, choices.referrals if choices else (), _referral_label)
        screening = choices.latest_screening if choices else None
        visit = choices.latest_visit if choices else None
        self.results_action.setEnabled(screening is not None)
        self.results_action.setText(
            _latest_label(self.tr("Results &letter"), screening, "screening")
        )
        self.pass_action.setEnabled(visit is not None)
        self.pass_action.setText(_latest_label(self.tr("Return-to-class &pass"), visit, "visit"))

    def _fill(
        self, menu: QMenu, entries: tuple[PrintChoice, ...], label: Callable[[PrintChoice], str]
    ) -> None:
        menu.clear()
        for entry in entries:
            self._add(label(entry), lambda rid=entry.record_id: self._print_record(menu, rid), menu)
        if not entries:
            empty = menu.addAction(
                self.tr(NOTHING_ON_FILE) if self.choices else self.tr("Open a chart first")
            )
            empty.setEnabled(False)
        menu.setEnabled(self.student_id is not None)

    @property
    def language(self) -> str | None:
        """The forced language, or None for each form's usual one."""
        checked = self.language_group.checkedAction()
        code = str(checked.data()) if checked is not None else ""
        return code or None

    # --- printing ------------------------------------------------------------------------

    def print_request(self, kind: str, ids: Mapping[str, Any]) -> bool:
        """Print a form another window asked for (the chart tabs' ``print_requested(kind,
        ids)``); False when the request names no form this menu knows."""
        request = _request(kind, ids)
        if request is None:
            log.warning("print request for an unknown form kind %r", kind)
            return False
        what, operation, keywords = request
        self._run(what, operation, **keywords)
        return True

    def _print_consent(self) -> None:
        if self.student_id is not None:
            self._run(
                QT_TRANSLATE_NOOP("PrintMenu", "the consent form"),
                print_ops.consent_form,
                student_id=self.student_id,
            )

    def _print_record(self, menu: QMenu, record_id: uuid.UUID) -> None:
        if menu is self.release_menu:
            self._run(
                QT_TRANSLATE_NOOP("PrintMenu", "the release of information"),
                print_ops.release_form,
                consent_id=record_id,
            )
        else:
            self._run(
                QT_TRANSLATE_NOOP("PrintMenu", "the referral letter"),
                print_ops.referral_letter,
                referral_id=record_id,
            )

    def _print_results(self) -> None:
        if self.choices and self.choices.latest_screening:
            screening = self.choices.latest_screening.record_id
            self._run(
                QT_TRANSLATE_NOOP("PrintMenu", "the results letter"),
                print_ops.results_letter,
                screening_id=screening,
            )

    def _print_pass(self) -> None:
        if self.choices and self.choices.latest_visit:
            visit = self.choices.latest_visit.record_id
            self._run(
                QT_TRANSLATE_NOOP("PrintMenu", "the return-to-class pass"),
                print_ops.class_pass,
                visit_id=visit,
            )

    def _print_blank(self, kind: FormKind, lang: str) -> None:
        self._run(
            QT_TRANSLATE_NOOP("PrintMenu", "the blank form"),
            print_ops.blank_form,
            kind=kind.value,
            lang=lang,
            fixed=True,
        )

    def _print_instrument(self, instrument_id: str, lang: str) -> None:
        self._run(
            QT_TRANSLATE_NOOP("PrintMenu", "the blank screening"),
            print_ops.blank_instrument,
            instrument_id=instrument_id,
            lang=lang,
            fixed=True,
        )

    def _run(
        self, what: str, operation: Callable[..., Operation], *, fixed: bool = False, **kw: object
    ) -> None:
        """Render in the background, then preview; ``fixed``: the language is the entry's."""
        if not fixed:
            kw["lang"] = self.language
        self.message.emit(self.tr("Preparing {what}…").format(what=self.tr(what)))
        op = operation(parent=self._owner(), session=self.session, **kw)
        op.success(self._open_preview).run_in_background()

    def _owner(self) -> QWidget:
        """The window previews belong to (looked up, not stored: a stored reference
        would keep the window's Python object alive after Qt deleted it)."""
        return self.parentWidget() or self

    def _open_preview(self, printed: PrintedForm) -> None:
        self.message.emit("")
        self.preview_opened.emit(show_preview(self._owner(), printed))


RELEASE_WHAT = QT_TRANSLATE_NOOP("PrintMenu", "the release of information")
_BY_ONE_ID: dict[str, tuple[str, str, Callable[..., Operation]]] = {
    "consent": (
        "student_id",
        QT_TRANSLATE_NOOP("PrintMenu", "the consent form"),
        print_ops.consent_form,
    ),
    "referral": (
        "referral_id",
        QT_TRANSLATE_NOOP("PrintMenu", "the referral letter"),
        print_ops.referral_letter,
    ),
    "results": (
        "screening_id",
        QT_TRANSLATE_NOOP("PrintMenu", "the results letter"),
        print_ops.results_letter,
    ),
    "pass": (
        "visit_id",
        QT_TRANSLATE_NOOP("PrintMenu", "the return-to-class pass"),
        print_ops.class_pass,
    ),
}


def _request(
    kind: str, ids: Mapping[str, Any]
) -> tuple[str, Callable[..., Operation], dict[str, Any]] | None:
    """(what, operation, its keywords) for a print request, or None."""
    if kind == "release" and ids.get("consent_id"):
        what = QT_TRANSLATE_NOOP("PrintMenu", "the release of information")
        return what, print_ops.release_form, {"consent_id": ids["consent_id"]}
    if kind == "release" and ids.get("student_id") and ids.get("partner_id"):
        keywords = {"student_id": ids["student_id"], "partner_id": ids["partner_id"]}
        return RELEASE_WHAT, print_ops.release_form_for, keywords
    key, what, operation = _BY_ONE_ID.get(kind, ("", "", print_ops.consent_form))
    if key and ids.get(key):
        return what, operation, {key: ids[key]}
    return None


def _release_label(entry: PrintChoice) -> str:
    text = (
        QCoreApplication.translate("PrintMenu", "{name} — signed {date} (revoked)…")
        if entry.status == "revoked"
        else QCoreApplication.translate("PrintMenu", "{name} — signed {date}…")
    )
    return text.format(name=_amp(entry.name), date=formats.short_date(entry.on))


def _referral_label(entry: PrintChoice) -> str:
    status = formats.title_case(entry.status).lower()
    return f"{_amp(entry.name)} — {formats.short_date(entry.on)} ({status})…"


def _latest_label(text: str, entry: PrintChoice | None, kind: str) -> str:
    if entry is None:
        empty = (
            QCoreApplication.translate("PrintMenu", "{text} (no screening yet)")
            if kind == "screening"
            else QCoreApplication.translate("PrintMenu", "{text} (no visit yet)")
        )
        return empty.format(text=text)
    what = (
        _amp(entry.name)
        if kind == "screening"
        else QCoreApplication.translate("PrintMenu", "visit")
    )
    when = formats.short_date(entry.on)
    return QCoreApplication.translate("PrintMenu", "{text} ({what}, {date})…").format(
        text=text, what=what, date=when
    )


def _amp(text: str) -> str:
    """Menu texts treat "&" as a mnemonic: "Smith & Co" must show its ampersand."""
    return text.replace("&", "&&")
