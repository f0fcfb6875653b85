"""The forms' typography: one embedded Unicode font family, a small palette, named styles.

The standard PDF fonts cover Latin-1 only, so "Nguyễn" or "Łukasz" would print as boxes;
DejaVu Sans (``resources/fonts``, Bitstream Vera licence beside it) covers Vietnamese,
Polish, Spanish and the check-box glyphs. Fonts are embedded as subsets, so the PDF prints
the same on any machine, and their ToUnicode maps let text be searched and extracted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clinic_desktop.resources import resource_path

FONT = "ClinicSans"
FONT_BOLD = "ClinicSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

INK = colors.HexColor("#1B2631")
MUTED = colors.HexColor("#566573")
ACCENT = colors.HexColor("#1F4E79")
RULE = colors.HexColor("#A9B6C3")
FILL = colors.HexColor("#EEF3F8")
CAUTION = colors.HexColor("#B9770E")
CAUTION_FILL = colors.HexColor("#FDF5E6")

#: Check boxes as glyphs, so they extract as text and line up with the words beside them.
BOX_EMPTY = "\u2610"
BOX_CHECKED = "\u2612"


@cache
def register_fonts() -> None:
    """Register the embedded family once per process (ReportLab's registry is global)."""
    for name, file_name in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def box(checked: bool) -> str:
    return BOX_CHECKED if checked else BOX_EMPTY


def _style(name: str, size: float, leading: float, **extra: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": FONT,
        "fontSize": size,
        "leading": leading,
        "textColor": INK,
        "splitLongWords": 1,
        "bulletFontName": FONT,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    base.update(extra)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Styles:
    """The named paragraph styles every document draws from; ``scale`` shrinks all of them
    together for the half-page pass."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    value: ParagraphStyle
    check: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head_center: ParagraphStyle
    box: ParagraphStyle
    answer: ParagraphStyle
    notice_title: ParagraphStyle
    notice: ParagraphStyle
    right: ParagraphStyle


@cache
def styles(scale: float = 1.0) -> Styles:
    """The style set at ``scale`` (1.0 for letter pages)."""
    register_fonts()

    def s(size: float) -> float:
        return round(size * scale, 2)

    return Styles(
        title=_style("title", s(17), s(21), fontName=FONT_BOLD, textColor=ACCENT),
        subtitle=_style("subtitle", s(9.5), s(13), textColor=MUTED, spaceAfter=s(2)),
        heading=_style(
            "heading",
            s(10.5),
            s(14),
            fontName=FONT_BOLD,
            textColor=ACCENT,
            spaceBefore=s(10),
            spaceAfter=s(2),
        ),
        subheading=_style(
            "subheading",
            s(9.5),
            s(13),
            fontName=FONT_BOLD,
            textColor=ACCENT,
            spaceBefore=s(4),
            spaceAfter=s(3),
        ),
        body=_style("body", s(9.5), s(13.5), spaceAfter=s(5)),
        small=_style("small", s(8), s(10.5), textColor=MUTED, spaceAfter=s(3)),
        caption=_style("caption", s(7.5), s(9), textColor=MUTED),
        value=_style("value", s(10), s(12.5)),
        check=_style("check", s(9.5), s(13), leftIndent=s(15), firstLineIndent=-s(15)),
        bullet=_style("bullet", s(9.5), s(13.5), leftIndent=s(14), bulletIndent=s(3)),
        cell=_style("cell", s(9), s(12)),
        cell_bold=_style("cell_bold", s(8.5), s(11), fontName=FONT_BOLD, textColor=ACCENT),
        cell_center=_style("cell_center", s(9), s(12), alignment=TA_CENTER),
        cell_head_center=_style(
            "cell_head_center",
            s(8),
            s(10),
            fontName=FONT_BOLD,
            textColor=ACCENT,
            alignment=TA_CENTER,
        ),
        box=_style("box", s(13), s(14), alignment=TA_CENTER),
        answer=_style("answer", s(9.5), s(14), spaceBefore=s(3)),
        notice_title=_style("notice_title", s(9), s(12), fontName=FONT_BOLD, spaceAfter=s(2)),
        notice=_style("notice", s(8.5), s(11.5), spaceAfter=s(3)),
        right=_style("right", s(9.5), s(13), alignment=TA_RIGHT),
    )
