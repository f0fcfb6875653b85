"""The Qt half of ``clinic-desktop --self-test`` (``cli/selftest.py`` runs the steps): the
platform plugin, the SVG icon, the translations and QtPdf, checked where only the ui layer
imports Qt. Each step takes the self-test's run (it keeps ``app`` alive and hands over the
rendered ``pdf``) and returns a detail line, or raises ``SelfCheckError``.
"""

from __future__ import annotations

import os
import sys
from typing import Any


class SelfCheckError(Exception):
    """A check that did not hold; the message says what was expected."""


def check_qt(run: Any) -> str:
    """The Qt platform plugin loads (offscreen without a display) and a widget can show."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QLabel

    existing = QApplication.instance()
    run.app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    label = QLabel("Clinic Desktop self-test")
    label.show()
    run.app.processEvents()
    visible = label.isVisible()
    label.close()
    label.deleteLater()
    _expect(visible, "a widget could not be shown")
    return f"platform {run.app.platformName()}"


def check_icon(run: Any) -> str:
    """The SVG image plugin is there: the app icon renders to pixels."""
    from clinic_desktop.ui import style

    pixmap = style.app_icon().pixmap(64, 64)
    _expect(not pixmap.isNull(), "the SVG app icon did not render (imageformats/svg plugin?)")
    return ""


def check_translations(run: Any) -> str:
    """Every compiled translation (``clinic_<lang>.qm``) bundled loads, and so does Qt's own
    for that language (the standard buttons and dialogs), from where the app looks."""
    from PySide6.QtCore import QTranslator

    from clinic_desktop.resources import resource_path
    from clinic_desktop.ui.i18n import qt_translations_dir

    compiled = sorted(resource_path("translations").glob("clinic_*.qm"))
    for path in compiled:
        _expect(QTranslator().load(str(path)), f"{path.name} is not a loadable translation")
        qt_own = f"qtbase_{path.stem.removeprefix('clinic_')}"
        loaded = QTranslator().load(qt_own, str(qt_translations_dir()))
        _expect(loaded, f"Qt's {qt_own}.qm is missing from {qt_translations_dir()}")
    return ", ".join(p.stem for p in compiled) if compiled else "none bundled"


def preview_form(run: Any) -> str:
    """QtPdf (the print preview) opens the form and draws its first page."""
    from clinic_desktop.ui.print_preview import PdfPages, preview_available

    _expect(preview_available(), "QtPdf is not available")
    pages = PdfPages(run.pdf)
    _expect(pages.count() >= 1, "QtPdf found no pages")
    image = pages.image(0, 36)
    _expect(not image.isNull(), "QtPdf could not draw the first page")
    return f"{pages.count()} page(s)"


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SelfCheckError(message)
