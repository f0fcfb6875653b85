"""The colours that carry meaning read at WCAG AA: 4.5:1 for text on its background.

Checked in a light and a dark palette (Fusion's window, base and text colours), for
every tone's text on the window, on the base colour (tables, lists, cards) and on its own
tint (chips, tags, the flag banner); for muted supporting text; for the default text on
each alert banner; and for the light text on the solid red of an acute flag banner.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from clinic_desktop.ui import style
from clinic_desktop.ui.flag_action_dialog import _banner_css

AA = 4.5
TONES = ("acute", "warning", "info", "ok")
#: Chips and tags also come in the muted tone (a draft or cancelled referral, a consent).
CHIP_TONES = (*TONES, "muted")
#: The strongest tint any chip, tag or banner lays under its tone's text, out of 255
#: (timeline tags 36, chips 34, the flag banner 30).
TINT_ALPHA = 36
#: (window, base, text) of Fusion's light palette and of a common dark palette.
PALETTES = {
    "light": ("#efefef", "#ffffff", "#000000"),
    "dark": ("#353535", "#2a2a2a", "#ffffff"),
}


def luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(color: QColor, background: QColor, alpha: int) -> QColor:
    """``color`` at ``alpha`` painted over an opaque ``background``."""
    share = alpha / 255
    return QColor(
        *(
            round(top * share + bottom * (1 - share))
            for top, bottom in zip(color.getRgb()[:3], background.getRgb()[:3], strict=True)
        )
    )


def labelled(qtbot, variant: str) -> QLabel:
    """A label in the light or dark palette (the tones pick their variant from it)."""
    window, base, text = (QColor(c) for c in PALETTES[variant])
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, window)
    palette.setColor(QPalette.ColorRole.Base, base)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.Text, text)
    label = QLabel()
    label.setPalette(palette)
    qtbot.addWidget(label)
    return label


def test_contrast_formula_matches_the_wcag_examples():
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


@pytest.mark.parametrize("variant", list(PALETTES))
@pytest.mark.parametrize("tone", CHIP_TONES)
def test_tone_text_reads_on_window_base_and_its_own_tint(qtbot, variant, tone):
    label = labelled(qtbot, variant)
    color = style.tone_color(label, tone)
    assert style.is_dark(label.palette()) == (variant == "dark")
    window, base = (QColor(c) for c in PALETTES[variant][:2])
    grounds = {
        "window": window,
        "base": base,
        "tint on window": over(color, window, TINT_ALPHA),
        "tint on base": over(color, base, TINT_ALPHA),
    }
    ratios = {name: round(contrast(color, ground), 2) for name, ground in grounds.items()}
    assert min(ratios.values()) >= AA, f"{tone} ({color.name()}) in {variant}: {ratios}"


@pytest.mark.parametrize("variant", list(PALETTES))
def test_muted_supporting_text_reads_on_window_and_base(qtbot, variant):
    label = labelled(qtbot, variant)
    muted = style.muted_color(label.palette())
    assert style.tone_color(label, "muted") == muted
    for ground in PALETTES[variant][:2]:
        assert contrast(muted, QColor(ground)) >= AA, (variant, muted.name(), ground)
    # Still secondary: lighter than the text itself on a light window, darker on dark.
    text = QColor(PALETTES[variant][2])
    assert contrast(muted, QColor(PALETTES[variant][0])) < contrast(
        text, QColor(PALETTES[variant][0])
    )


def test_secondary_labels_use_the_muted_colour(qtbot):
    label = style.secondary("Supporting text")
    qtbot.addWidget(label)
    color = label.palette().color(QPalette.ColorRole.WindowText)
    assert color == style.muted_color(QLabel().palette())


@pytest.mark.parametrize("variant", list(PALETTES))
def test_banner_text_reads_on_every_banner_background(qtbot, variant):
    label = labelled(qtbot, variant)
    rules = style.workspace_stylesheet(label)
    text = QColor(PALETTES[variant][2])
    for tone in TONES:
        found = re.search(rf'QFrame\[banner="{tone}"\] \{{ background: (#[0-9a-f]{{6}})', rules)
        assert found, f"no banner rule for {tone}"
        background = QColor(found.group(1))
        assert contrast(text, background) >= AA, (variant, tone, background.name())
        tone_text = style.tone_color(label, tone)
        assert contrast(tone_text, background) >= AA, (variant, tone, "tone text")


@pytest.mark.parametrize("variant", list(PALETTES))
def test_acute_flag_banner_text_reads_on_its_solid_red(qtbot, variant):
    label = labelled(qtbot, variant)
    css = _banner_css(label, "acute", strong=True)
    background = re.search(r"background-color: rgba\((\d+), (\d+), (\d+), 255\)", css)
    text = re.search(r"QLabel \{ color: (#[0-9a-f]{6})", css)
    assert background and text, css
    fill = QColor(*(int(v) for v in background.groups()))
    assert contrast(QColor(text.group(1)), fill) >= AA, (variant, fill.name(), text.group(1))
