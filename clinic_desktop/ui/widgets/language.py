"""The two places a user picks the interface language: a menu and a sign-in combo box.

Both only report the choice (``chosen(code)``, one of ``i18n.SYSTEM``/``"en"``/``"es"``);
the window that owns them stores it and rebuilds itself, since widgets built in one
language keep their texts.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QMenu, QWidget

from clinic_desktop.ui import i18n


class LanguageMenu(QMenu):
    """View > Language: one checkable entry per choice, the stored one checked."""

    chosen = Signal(str)

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Language"), parent)
        self.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.choice_actions: dict[str, QAction] = {}
        for choice in i18n.language_choices():
            action = QAction(choice.name, self)
            action.setCheckable(True)
            action.setChecked(choice.code == current)
            action.setObjectName(f"language-{choice.code}")
            action.triggered.connect(lambda _checked=False, code=choice.code: self._pick(code))
            group.addAction(action)
            self.addAction(action)
            self.choice_actions[choice.code] = action
        self.current = current

    def _pick(self, code: str) -> None:
        if code != self.current:
            self.current = code
            self.chosen.emit(code)


class LanguageCombo(QComboBox):
    """The sign-in window's language box (named for screen readers in every language)."""

    chosen = Signal(str)

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languageBox")
        for choice in i18n.language_choices():
            self.addItem(choice.name, choice.code)
        self.setCurrentIndex(max(0, self.findData(current)))
        self.setAccessibleName(self.tr("Language / Idioma"))
        self.setToolTip(self.tr("The language of Clinic Desktop's windows"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(lambda _index: self.chosen.emit(str(self.currentData())))
