"""Shared look: spacing, heading and secondary text, the one accent, error text, the icon.

Colours come from the system palette so dark mode works; the only fixed hues are a
restrained accent, the error red and the few tones that carry clinical meaning (acute,
warning, information, done), each with a light and a dark variant. Sizes come from the
font, never from pixels, so the workspace reads the same at 100 % and 200 % scale.

``workspace_stylesheet`` styles only what this module names (cards, alert banners, tags,
the lock screen); every other widget keeps the platform's look.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QStyle,
    QWidget,
)

from clinic_desktop.resources import resource_path

_L = TypeVar("_L", bound=QLayout)
MARGIN = 20
SPACING = 10
#: How much of the text colour (over the window colour) makes muted text; see muted_color.
MUTED_MIX = 0.65
ICON_PATH = resource_path("icons", "clinic-desktop.svg")

_ACCENT = ("#19617b", "#7bc9e3")  # (on light, on dark)
_ERROR = ("#a8241c", "#ffa199")
#: Text colour per tone, (on light, on dark); "acute" is the error red on purpose. Each
#: reads at WCAG AA (4.5:1) on the window and base colours and on its own chip tint
#: (tests/ui/test_contrast.py), so high-contrast needs are met without a special theme.
_TONES = {
    "acute": _ERROR,
    "warning": ("#824e00", "#ffcc80"),
    "info": _ACCENT,
    "ok": ("#2d682f", "#a5d6a7"),
}
#: Banner background and border per tone, (light pair, dark pair).
_BANNERS = {
    "acute": (("#fdecea", "#f1b5b0"), ("#4a1c1a", "#8c3a35")),
    "warning": (("#fff4e0", "#f0cf8f"), ("#40310f", "#7a5c1c")),
    "info": (("#e6f3f8", "#a9d3e3"), ("#12323d", "#2d6476")),
    "ok": (("#e9f5ea", "#b3d8b5"), ("#183a1a", "#3b6e3e")),
}
#: What a banner's icon says to a screen reader, per tone (the colour is never the only cue).
_TONE_NAMES = {
    "acute": QT_TRANSLATE_NOOP("style", "Acute alert"),
    "warning": QT_TRANSLATE_NOOP("style", "Warning"),
    "info": QT_TRANSLATE_NOOP("style", "Information"),
    "ok": QT_TRANSLATE_NOOP("style", "Done"),
}
#: Timeline kinds and the tone of their tag.
KIND_TONES = {
    "visit": "info",
    "screening": "warning",
    "referral": "ok",
    "consent": "muted",
    "flag_action": "acute",
    "flag_closed": "ok",
}


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
    """Supporting text in the muted colour."""
    label = QLabel(text)
    label.setWordWrap(wrap)
    _set_text_color(label, muted_color(label.palette()))
    return label


def muted_color(palette: QPalette) -> QColor:
    """Supporting text: the text colour 65 % of the way from the window colour.

    The platform's placeholder grey (Fusion: half-transparent text, about 3.9:1 on the
    window) is below WCAG AA for text people must read; this mix stays above 4.5:1 on the
    window and base colours and on a muted chip's tint, in light and dark palettes, and
    still reads as secondary.
    """
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    return QColor(
        round(text.red() * MUTED_MIX + window.red() * (1 - MUTED_MIX)),
        round(text.green() * MUTED_MIX + window.green() * (1 - MUTED_MIX)),
        round(text.blue() * MUTED_MIX + window.blue() * (1 - MUTED_MIX)),
    )


def button(text: str, name: str) -> QPushButton:
    """A push button that never becomes a dialog's default (Enter in a field must not
    press it); its accessible name is the text without '&' or a trailing '…'."""
    pushed = QPushButton(text)
    pushed.setObjectName(name)
    pushed.setAccessibleName(text.replace("&", "").rstrip("…"))
    pushed.setAutoDefault(False)
    return pushed


def holder(name: str, layout: type[_L], spacing: int) -> tuple[QWidget, _L]:
    """A field made of several widgets (a row of radio buttons, a grid of boxes): an
    unframed widget named ``name`` for screen readers, and its ``layout`` to fill."""
    widget = QWidget()
    widget.setAccessibleName(name)
    inner = layout(widget)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.setSpacing(spacing)
    return widget, inner


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


def tone_color(widget: QWidget, tone: str) -> QColor:
    """The text colour for a tone (acute, warning, info, ok; anything else is muted)."""
    if tone in _TONES:
        return QColor(_TONES[tone][is_dark(widget.palette())])
    return muted_color(widget.palette())


def set_tone(label: QLabel, tone: str) -> None:
    _set_text_color(label, tone_color(label, tone))


def italic(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setItalic(True)
    label.setFont(font)
    return label


def em(widget: QWidget, count: float) -> int:
    """``count`` times the font's line height, in pixels: sizes that follow the scale."""
    return round(widget.fontMetrics().height() * count)


def chars(widget: QWidget, count: float) -> int:
    """The width of ``count`` average characters in the widget's font."""
    return round(widget.fontMetrics().averageCharWidth() * count)


def card(object_name: str = "card") -> QFrame:
    """A framed, rounded panel on the base colour (sections of the Today view, guardians)."""
    frame = QFrame()
    frame.setObjectName(object_name)
    frame.setProperty("card", True)
    return frame


def banner(text: str, tone: str, *, object_name: str = "") -> QFrame:
    """A coloured strip with an icon and wrapped text (chart alerts, lock-screen notes)."""
    frame = QFrame()
    frame.setObjectName(object_name)
    frame.setProperty("banner", tone if tone in _BANNERS else "info")
    row = QHBoxLayout(frame)
    row.setContentsMargins(SPACING, SPACING // 2 + 2, SPACING, SPACING // 2 + 2)
    row.setSpacing(SPACING)
    icon = QLabel()
    size = frame.fontMetrics().height()
    icon.setPixmap(severity_icon(tone).pixmap(size, size))
    icon.setAccessibleName(
        QCoreApplication.translate("style", _TONE_NAMES.get(tone, "Information"))
    )
    text_label = QLabel(text)
    text_label.setObjectName("bannerText")
    text_label.setWordWrap(True)
    text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(text_label, 1)
    frame.setAccessibleName(text)
    return frame


def severity_icon(tone: str) -> QIcon:
    pixmap = {
        "acute": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(tone, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return QApplication.style().standardIcon(pixmap)


def workspace_stylesheet(widget: QWidget) -> str:
    """Rules for the named pieces above, in the light or dark variant of the palette."""
    dark = is_dark(widget.palette())
    rules = [
        'QFrame[card="true"] { background: palette(base); border: 1px solid palette(midlight);'
        " border-radius: 8px; }",
        "QFrame#lockPanel { background: palette(base); border: 1px solid palette(mid);"
        " border-radius: 12px; }",
    ]
    for tone, variants in _BANNERS.items():
        background, border = variants[dark]
        rules.append(
            f'QFrame[banner="{tone}"] {{ background: {background}; border: 1px solid {border};'
            " border-radius: 6px; }"
        )
    return "\n".join(rules)
