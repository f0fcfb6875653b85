"""The interface language: which one, installing its translations, and non-Qt messages.

The choice is a per-user preference (``ui/language`` in the UI settings beside the site's
data, see ``ui/settings.py``): ``system`` (the default: follow this computer's language),
``en`` or ``es``. Spanish installs two ``QTranslator``s: the app's own ``clinic_es.qm``
(built from ``resources/translations/clinic_es.ts`` by ``packaging/translations.py``) and
Qt's ``qtbase_es.qm`` for the standard buttons (OK, Cancel) and dialogs.

Labels and error messages from the plain-Python layers (``domain``, ``services``, ...) must
not depend on Qt: they are message data (``clinic_desktop.messages``), an English template
and its parameters. ``translate_message`` translates the template at the UI boundary from the
``messages`` context, which ``packaging/translations.py update`` fills by scanning those
layers, and puts the parameters back in (translating those that are messages themselves).

PySide6 (6.11) gives ``self.tr`` the context of the class whose method calls it, as C++
does, so a subclass keeps its base class's translations (``tests/ui/test_i18n.py`` checks).

Kept light (QtCore only): ``ui/app.py`` imports it before any window exists.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QTime, QTranslator

from clinic_desktop.messages import FieldName, Localized, Message, Verbatim
from clinic_desktop.paths import SitePaths
from clinic_desktop.resources import resource_path
from clinic_desktop.ui import settings

log = logging.getLogger("clinic.ui")

LANGUAGE_KEY = settings.LANGUAGE
SYSTEM = "system"
ENGLISH = "en"
SPANISH = "es"
#: The languages the interface is written in (English is the source language).
LANGUAGES = (ENGLISH, SPANISH)
#: The context of the plain-Python layers' messages (see ``packaging/translations.py``).
MESSAGES_CONTEXT = "messages"

#: Number and date conventions per language: US ones (decimal point, month first), as the
#: clinic's records are written, in both languages.
_LOCALES = {ENGLISH: "en_US", SPANISH: "es_US"}
#: How the interface writes a date and a time of day, per language: one spelling for every
#: list, dialog, message and date field (``format_date``, ``format_date_time``): month
#: first in English, as US school records write it; day first and the 24-hour clock in
#: Spanish, as the printed Spanish forms write them.
DATE_FORMATS = {ENGLISH: "MM/dd/yyyy", SPANISH: "dd/MM/yyyy"}
TIME_FORMATS = {ENGLISH: "h:mm A", SPANISH: "HH:mm"}
#: The date's pattern as a user types it (placeholders of date fields).
DATE_HINTS = {ENGLISH: "MM/DD/YYYY", SPANISH: "DD/MM/AAAA"}
#: How many translated messages to remember before starting over.
_CACHE_LIMIT = 5000


@dataclass(frozen=True)
class LanguageChoice:
    """One entry of the language menus: the stored code and the name to show."""

    code: str
    name: str


def language_choices() -> list[LanguageChoice]:
    """What the language menus offer. Each language is named in itself ("Español"), so a
    user who cannot read the current language still finds theirs."""
    names = {ENGLISH: "English", SPANISH: "Español"}
    system = QCoreApplication.translate("i18n", "Same as this computer ({language})")
    return [
        LanguageChoice(SYSTEM, system.format(language=names[system_language()])),
        *(LanguageChoice(code, names[code]) for code in LANGUAGES),
    ]


def system_language() -> str:
    """This computer's interface language, if the app speaks it; English otherwise."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return ENGLISH


def resolve(choice: str) -> str:
    """The language a stored choice means now (``system`` follows the computer)."""
    return choice if choice in LANGUAGES else system_language()


def saved_choice(paths: SitePaths) -> str:
    """The user's stored choice; ``system`` when none (or an unknown value) is stored."""
    value = settings.recall(paths, LANGUAGE_KEY)
    return value if value in (SYSTEM, *LANGUAGES) else SYSTEM


class _Installed:
    """The translators currently installed in the application (none for English)."""

    language = ENGLISH
    translators: list[QTranslator] = []  # noqa: RUF012 (process-wide state, on purpose)
    #: ``translate_message`` results for this language (tables repaint the same cells).
    messages: dict[str, str] = {}  # noqa: RUF012


def current_language() -> str:
    """The language the interface speaks now ("en" when nothing is installed)."""
    return _Installed.language


def current_locale() -> QLocale:
    """Number and date conventions of the interface language (not the computer's: a test
    or a kiosk on another locale still writes what the interface says)."""
    return QLocale(_LOCALES[_Installed.language])


def date_format() -> str:
    """The Qt pattern of a date in the interface language ("MM/dd/yyyy", "dd/MM/yyyy")."""
    return DATE_FORMATS[_Installed.language]


def date_time_format() -> str:
    """The Qt pattern of a date and time ("MM/dd/yyyy h:mm A", "dd/MM/yyyy HH:mm"): date
    edits use it too (``QDateTimeEdit.setDisplayFormat``)."""
    return f"{date_format()} {TIME_FORMATS[_Installed.language]}"


def day_first() -> bool:
    """Whether the interface writes the day before the month (Spanish): a date typed into
    a search or a date field is read the same way."""
    return date_format().startswith("dd")


def date_hint() -> str:
    """How to type a date, for a field's placeholder ("MM/DD/YYYY")."""
    return DATE_HINTS[_Installed.language]


def format_date(day: date) -> str:
    """``day`` as the interface writes dates: 10/14/2026, or 14/10/2026 in Spanish."""
    return current_locale().toString(QDate(day.year, day.month, day.day), date_format())


def format_time(moment: datetime | time) -> str:
    """The wall-clock time ``moment`` carries: 3:30 PM, or 15:30 in Spanish."""
    shown = QTime(moment.hour, moment.minute)
    return current_locale().toString(shown, TIME_FORMATS[_Installed.language])


def format_date_time(moment: datetime) -> str:
    """``moment``'s wall-clock date and time (convert it to the clinic's zone first):
    10/14/2026 3:30 PM, or 14/10/2026 15:30 in Spanish."""
    return f"{format_date(moment.date())} {format_time(moment)}"


def install_language(language: str) -> str:
    """Replace the installed translators with ``language``'s; returns what is now active.

    Installing sends every widget a ``LanguageChange`` event; windows built before keep
    their texts, which is why the launcher rebuilds the main window after a switch.
    A missing ``.qm`` (a build that skipped ``make translations``) falls back to English
    with a log line instead of failing the start.
    """
    app = QCoreApplication.instance()
    for translator in _Installed.translators:
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _Installed.translators = []
    _Installed.language = ENGLISH
    _Installed.messages = {}
    QLocale.setDefault(QLocale(_LOCALES[ENGLISH]))
    if language == ENGLISH or app is None:
        return ENGLISH
    own = QTranslator(app)
    if not own.load(str(qm_path(language))):
        log.warning("no translations for %s; the interface stays in English", language)
        return ENGLISH
    translators = [own]
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", str(qt_translations_dir())):
        translators.append(qt_own)
    for translator in translators:
        QCoreApplication.installTranslator(translator)
    _Installed.translators = translators
    _Installed.language = language
    QLocale.setDefault(QLocale(_LOCALES[language]))
    return language


def apply_saved_language(paths: SitePaths) -> str:
    """At start-up: install the language the user chose (or the computer's)."""
    return install_language(resolve(saved_choice(paths)))


def choose_language(paths: SitePaths, choice: str) -> str:
    """The user picked ``choice`` in a menu: remember it and install it."""
    if choice not in (SYSTEM, *LANGUAGES):
        raise ValueError(f"unknown language choice {choice!r}")
    settings.remember(paths, LANGUAGE_KEY, choice)
    return install_language(resolve(choice))


def qm_path(language: str) -> Path:
    """The app's compiled translations, through ``resources`` (works in a frozen bundle)."""
    return resource_path("translations", f"clinic_{language}.qm")


def qt_translations_dir() -> Path:
    """Qt's own translations: the bundled copy if packaging put one in ``resources``, else
    the PySide6 installation's."""
    bundled = resource_path("translations", "qt")
    if bundled.is_dir():
        return bundled
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


# --- messages from the plain-Python layers ------------------------------------------------


def translate_message(text: Message | Localized | Verbatim | str) -> str:
    """``text`` (a service's label, reason, error or timeline line) in the interface language.

    A ``Message``'s template is looked up in the ``messages`` context and its parameters put
    back: parameters that are messages are translated in turn, a field name is shown by its
    form label, a date or time as the interface writes them (``format_date``), anything
    else (a name, a path, a number) as it is. A ``Localized`` text gives the reader's
    language, ``Verbatim`` text (typed by a user) comes back as it is. A plain string is a
    template without parameters, looked up as it is; an unknown one comes back unchanged.
    """
    if isinstance(text, Verbatim):
        return str(text)
    if isinstance(text, Localized):
        return text.text(_Installed.language)
    if isinstance(text, Message):
        return text.render(_translate_template, _parameter_text)
    return _translate_template(text)


def user_with_role(display_name: str, role_label: str) -> str:
    """A signed-in user as the status bar and lock screen name them: "Name (Role)", or the
    name alone when it already ends with the role in brackets (the demo's "Pat Okafor
    (Administrator)"), in English or the interface language, so the role is not shown
    twice."""
    role = translate_message(role_label)
    shown = display_name.strip()
    if shown.casefold().endswith(tuple(f"({label.casefold()})" for label in (role, role_label))):
        return shown
    return QCoreApplication.translate("i18n", "{name} ({role})").format(name=shown, role=role)


def _translate_template(text: str) -> str:
    if not text or _Installed.language == ENGLISH:
        return str(text)
    known = _Installed.messages.get(text)
    if known is None:
        if len(_Installed.messages) > _CACHE_LIMIT:
            _Installed.messages.clear()
        known = _Installed.messages[text] = QCoreApplication.translate(MESSAGES_CONTEXT, text)
    return known


def _parameter_text(value: object) -> str:
    """A parameter as the interface writes it; data (names, paths, numbers) untouched."""
    if isinstance(value, FieldName):
        # Imported here: the form widgets import this module (it is loaded before any).
        from clinic_desktop.ui.widgets.form import field_label

        return field_label(value)
    if isinstance(value, Message | Localized):
        return translate_message(value)
    if isinstance(value, datetime):
        return format_date_time(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)
