"""Shared look: spacing, heading and secondary text, the one accent, error text, the icon.

Colours come from the system palette so dark mode works; the only fixed hues are a
restrained accent and the error red, each with a light and a dark variant.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from clinic_desktop.resources import resource_path

MARGIN = 20
SPACING = 10
ICON_PATH = resource_path("icons", "clinic-desktop.svg")

_ACCENT = ("#1c6e8c", "#6cc3e0")  # (on light, on dark)
_ERROR = ("#b3261e", "#ff8a80")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def accent_color(widget: QWidget) -> QColor:
    return QColor(_ACCENT[is_dark(widget.palette())])


def error_color(widget: QWidget) -> QColor:
    return QColor(_ERROR[is_dark(widget.palette())])


def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH)) if ICON_PATH.exists() else QIcon()


def scaled_font(widget: QWidget, scale: float, *, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * scale)
    font.setBold(bold)
    return font


def heading(text: str, scale: float = 1.45, *, accent: bool = False, wrap: bool = False) -> QLabel:
    """A title label: larger and bold, optionally in the accent colour."""
    label = QLabel(text)
    label.setFont(scaled_font(label, scale, bold=True))
    label.setWordWrap(wrap)
    if accent:
        _set_text_color(label, accent_color(label))
    return label


def secondary(text: str = "", *, wrap: bool = True) -> QLabel:
    """Supporting text in the palette's muted colour."""
    label = QLabel(text)
    label.setWordWrap(wrap)
    palette = label.palette()
    muted = palette.color(QPalette.ColorRole.PlaceholderText)
    _set_text_color(label, muted)
    return label


def error_label(object_name: str = "") -> QLabel:
    """Inline error text under a field or a form, hidden while empty."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setVisible(False)
    _set_text_color(label, error_color(label))
    return label


def fit_to_width(widget: QWidget, width: int) -> None:
    """Open ``width`` wide and exactly as tall as wrapped text needs at that width (a
    size hint is computed for the narrowest width, which leaves a gap at the bottom)."""
    widget.setMinimumWidth(width)
    height = widget.heightForWidth(width)
    widget.resize(width, height if height > 0 else widget.sizeHint().height())


def grow_to_fit(widget: QWidget) -> None:
    """Grow (never shrink) a window whose content just got taller, e.g. inline errors."""
    height = widget.heightForWidth(widget.width())
    if height > widget.height():
        widget.resize(widget.width(), height)


def set_error(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def monospace_font(scale: float = 1.0) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    app = QApplication.instance()
    base = app.font().pointSizeF() if isinstance(app, QApplication) else font.pointSizeF()
    font.setPointSizeF(max(base, 9.0) * scale)
    return font


def _set_text_color(label: QLabel, color: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    palette.setColor(QPalette.ColorRole.Text, color)
    label.setPalette(palette)
