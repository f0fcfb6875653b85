"""Combo boxes that show readable labels and hand back the stable codes behind them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from clinic_desktop.ui import i18n

#: Languages families most often speak in US school districts, by ISO 639 code.
COMMON_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("en", QT_TRANSLATE_NOOP("LanguageBox", "English")),
    ("es", QT_TRANSLATE_NOOP("LanguageBox", "Spanish")),
    ("zh", QT_TRANSLATE_NOOP("LanguageBox", "Chinese")),
    ("vi", QT_TRANSLATE_NOOP("LanguageBox", "Vietnamese")),
    ("ar", QT_TRANSLATE_NOOP("LanguageBox", "Arabic")),
    ("tl", QT_TRANSLATE_NOOP("LanguageBox", "Tagalog")),
    ("ko", QT_TRANSLATE_NOOP("LanguageBox", "Korean")),
    ("ru", QT_TRANSLATE_NOOP("LanguageBox", "Russian")),
    ("pt", QT_TRANSLATE_NOOP("LanguageBox", "Portuguese")),
    ("ht", QT_TRANSLATE_NOOP("LanguageBox", "Haitian Creole")),
    ("fr", QT_TRANSLATE_NOOP("LanguageBox", "French")),
    ("so", QT_TRANSLATE_NOOP("LanguageBox", "Somali")),
    ("hmn", QT_TRANSLATE_NOOP("LanguageBox", "Hmong")),
    ("uk", QT_TRANSLATE_NOOP("LanguageBox", "Ukrainian")),
)
_CODE_IN_LABEL = re.compile(r".*\(([a-z]{2,3})\)\s*$")


def close_popups(window: QWidget) -> None:
    """Close the drop-down lists and completion lists of ``window``'s combo boxes.

    They are separate top-level windows: one left open would stay on screen when the idle
    lock hides the form (showing what was being typed), and Qt may crash deleting a combo
    box whose list is still open.
    """
    for box in window.findChildren(QComboBox):
        box.hidePopup()
        completer = box.completer()
        if completer is not None and completer.popup().isVisible():
            completer.popup().hide()


class CodeCombo(QComboBox):
    """A fixed list of ``(code, label)`` choices; ``code()`` is what the services take."""

    def __init__(self, choices: Iterable[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, label in choices:
            self.addItem(i18n.translate_message(label), code)

    def code(self) -> str:
        value = self.currentData()
        return str(value) if value is not None else ""

    def set_code(self, code: str) -> None:
        """Select ``code``; an unknown code (old data) is shown as it is, not dropped."""
        index = self.findData(code)
        if index < 0:
            self.addItem(code, code)
            index = self.count() - 1
        self.setCurrentIndex(index)


class LanguageBox(QComboBox):
    """Pick a common language or type any other; ``code()`` gives "es" for "Spanish (es)"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code, name in COMMON_LANGUAGES:
            self.addItem(f"{self.tr(name)} ({code})", code)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(self.tr("e.g. English, Spanish"))

    def code(self) -> str:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.itemData(index))
        match = _CODE_IN_LABEL.fullmatch(text)
        if match:
            return match.group(1)
        wanted = text.casefold()
        by_name = next(
            (c for c, n in COMMON_LANGUAGES if wanted in (n.casefold(), self.tr(n).casefold())),
            None,
        )
        return by_name or text.lower()

    def set_code(self, code: str) -> None:
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(code)
