"""The interface language: which one, installing its translations, and non-Qt messages.

The choice is a per-user preference (``ui/language`` in the UI settings beside the site's
data, see ``ui/settings.py``): ``system`` (the default: follow this computer's language),
``en`` or ``es``. Spanish installs two ``QTranslator``s: the app's own ``clinic_es.qm``
(built from ``resources/translations/clinic_es.ts`` by ``packaging/translations.py``) and
Qt's ``qtbase_es.qm`` for the standard buttons (OK, Cancel) and dialogs.

Labels and error messages from the plain-Python layers (``domain``, ``services``, ...) are
English literals that must not depend on Qt. ``translate_message`` translates them at the UI
boundary from the ``messages`` context, which ``packaging/translations.py update`` fills by
scanning those layers. A message built with an f-string ("Wait 30 seconds ...") is matched
against the extracted templates ("Wait {wait_seconds} seconds ..."): the template is
translated and the values are put back in.

PySide6 (6.11) gives ``self.tr`` the context of the class whose method calls it, as C++
does, so a subclass keeps its base class's translations (``tests/ui/test_i18n.py`` checks).

Kept light (QtCore only): ``ui/app.py`` imports it before any window exists.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

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

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: Placeholders that carry data (names typed by staff, file names, free-text reasons):
#: their values are put back as they are, never looked up ("The Children's Center").
_DATA_PLACEHOLDERS = frozenset(
    {"name", "partner", "partner_name", "reason", "file", "path", "folder", "key_path"}
    | {"parent", "site", "where", "bad", "raw", "data", "message", "user"}
)
#: Service sentences the extractor cannot see whole: a consent check's "is valid" sentence
#: is joined from pieces, and ``ValidationError``'s fallback is not in a form it reads.
#: Catalogued here so ``translate_message`` matches them (longer templates win over the
#: "The {label}" that would otherwise swallow the whole consent sentence).
JOINED_MESSAGES = (
    QT_TRANSLATE_NOOP("messages", "{subject} signed on {signed_on} is valid."),
    QT_TRANSLATE_NOOP("messages", "{subject} signed on {signed_on} is valid until {until}."),
    QT_TRANSLATE_NOOP("messages", "Invalid input."),
)
#: Number and date conventions per language: US ones (decimal point, month first), as the
#: clinic's records are written, in both languages.
_LOCALES = {ENGLISH: "en_US", SPANISH: "es_US"}
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


def translate_message(text: str) -> str:
    """``text`` (a service's label, reason or error message) in the interface language.

    Exact messages are looked up as they are; a sentence made from a template is matched
    against the templates and rebuilt from the translated one, its values translated too
    when they are messages themselves (a role's label inside a sentence). Anything unknown
    (a name, free text typed by a user) comes back unchanged.
    """
    if not text or _Installed.language == ENGLISH:
        return text
    known = _Installed.messages.get(text)
    if known is None:
        if len(_Installed.messages) > _CACHE_LIMIT:
            _Installed.messages.clear()
        known = _Installed.messages[text] = _translate_message(text)
    return known


def _translate_message(text: str) -> str:
    translated = QCoreApplication.translate(MESSAGES_CONTEXT, text)
    if translated != text:
        return translated
    for template, pattern in _templates():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        result = QCoreApplication.translate(MESSAGES_CONTEXT, template)
        if result == template:
            return text
        values = {
            name: value if name in _DATA_PLACEHOLDERS else _translate_value(value)
            for name, value in match.groupdict().items()
        }
        return _fill(result, values)
    return text


def _translate_value(value: str) -> str:
    """A value inside a sentence: a message itself, or a stored code written out in lower
    case ("waitlisted", the label "Waitlisted" in a sentence) kept in lower case."""
    translated = translate_message(value)
    if translated == value and value.islower():
        label = value.capitalize()
        as_label = translate_message(label)
        if as_label != label:
            return as_label.lower()
    return translated


def _fill(template: str, values: dict[str, str]) -> str:
    """Put ``values`` into ``template``'s placeholders (not ``str.format``: a value or the
    translation may hold braces)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def translate_messages(text: str, separator: str = "; ") -> str:
    """Several messages joined by ``separator`` (``ValidationError``'s sentence), each one
    translated."""
    return separator.join(translate_message(part) for part in text.split(separator))


@cache
def _templates() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The extracted templates as patterns; a repeated placeholder must repeat its value."""
    path = resource_path("translations", "message_templates.json")
    try:
        templates = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("message templates unreadable; sentences with values stay in English")
        return ()
    return tuple((t, _pattern(t)) for t in templates)


def _pattern(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    seen: set[str] = set()
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[position : match.start()]))
        name = match.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        position = match.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL)
