"""The page every form shares: site header, footer with "page X of Y", form id and version,
and a QR code that matches a signed paper copy back to its record.

A document is a list of *parts* (one per student in a consent packet, one otherwise). Each
part starts on a fresh page, and its pages are numbered on their own ("Page 2 of 3" is
page 2 of *this student's* form), because packets are split up and sent home.

Page decorations are drawn when the PDF is saved, once the page count of every part is
known: a marker flowable at the start of a part stamps the canvas, ``showPage`` keeps each
page's content, and ``save`` draws header and footer on each page before writing it.

The output is byte-for-byte reproducible (ReportLab's invariant mode, a creation date taken
from the inputs), so tests can compare renders and a re-print is identical.
"""

from __future__ import annotations

import io
import itertools
import logging
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate
from reportlab.platypus.paragraph import Paragraph

from clinic_desktop import __version__
from clinic_desktop.forms.styles import (
    ACCENT,
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
    register_fonts,
)
from clinic_desktop.forms.texts import safe

log = logging.getLogger("clinic.forms")

#: The scheme of the QR payload; bump the number if the fields ever change meaning.
QR_SCHEME = "clinic-form:1"
#: Light modules around the code; 2 is enough beside the footer's white space.
QR_QUIET_ZONE = 2
#: The QR mask pattern (0-7) every code uses: see ``_draw_qr``.
QR_MASK = 0


@dataclass(frozen=True)
class PageSpec:
    """Paper and the bands reserved for header and footer."""

    size: tuple[float, float] = LETTER
    margin: float = 0.75 * inch
    top: float = 0.42 * inch
    header_height: float = 0.66 * inch
    bottom: float = 0.38 * inch
    footer_height: float = 0.9 * inch
    qr_size: float = 0.75 * inch
    site_font_size: float = 11.0
    #: Space between the header rule and the first line of the body.
    body_gap: float = 9.0
    #: Width kept at the right of the header for the form's running title.
    title_width: float = 2.3 * inch

    @property
    def frame(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the body frame."""
        width, height = self.size
        y = self.bottom + self.footer_height
        top = height - self.top - self.header_height
        return self.margin, y, width - 2 * self.margin, top - y


LETTER_PAGE = PageSpec()
#: Half a letter sheet (8.5 x 5.5 in), for the return-to-class pass.
HALF_PAGE = PageSpec(
    size=(8.5 * inch, 5.5 * inch),
    margin=0.55 * inch,
    top=0.35 * inch,
    header_height=0.55 * inch,
    bottom=0.3 * inch,
    footer_height=0.72 * inch,
    qr_size=0.62 * inch,
    site_font_size=10.0,
    body_gap=6.0,
    title_width=2.1 * inch,
)


@dataclass(frozen=True)
class QrPayload:
    """What the QR code carries: form kind and version, language, and the ids that match a
    returned paper to its student and record. No names, dates of birth or other personal
    data: the ids are random and mean nothing outside the clinic's encrypted store."""

    kind: str
    version: str
    lang: str
    student_id: uuid.UUID | None = None
    record_id: uuid.UUID | None = None

    def text(self, page: int, pages: int) -> str:
        """``clinic-form:1?kind=release&v=2026.1&lang=es&student=...&page=1/3``."""
        fields = {"kind": self.kind, "v": self.version, "lang": self.lang}
        if self.student_id is not None:
            fields["student"] = str(self.student_id)
        if self.record_id is not None:
            fields["record"] = str(self.record_id)
        fields["page"] = f"{page}/{pages}"
        return f"{QR_SCHEME}?{urlencode(fields, safe='/')}"


@dataclass(frozen=True)
class Decoration:
    """The header and footer texts of one part's pages (already in the part's language)."""

    site_name: str
    site_line: str
    running_title: str
    form_line: str
    page_label: str  # with {page} and {pages}
    qr: QrPayload
    confidential: str = ""
    logo_path: Path | None = None
    #: Image bytes printed instead of ``logo_path`` (the site logo from the store).
    logo_image: bytes | None = None


@dataclass(frozen=True)
class Part:
    """One independently numbered run of pages: a decoration and its flowables."""

    decoration: Decoration
    story: Sequence[Flowable]


@dataclass(frozen=True)
class DocumentInfo:
    """PDF metadata; ``created`` becomes the creation date, so equal inputs give equal bytes."""

    title: str
    subject: str
    lang: str
    created: date
    author: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)


class _PartStart(Flowable):
    """Zero-size marker: the pages from here on belong to ``index``."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.form_part = self.index  # type: ignore[attr-defined]


class _FormCanvas(Canvas):
    """Keeps every page until ``save`` so headers and footers know each part's page count."""

    def __init__(
        self,
        *args: object,
        parts: Sequence[Decoration],
        spec: PageSpec,
        created: date,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.form_part = 0
        self._form_parts = parts
        self._form_spec = spec
        self._form_pages: list[dict[str, object]] = []
        stamp = f"D:{created:%Y%m%d}000000+00'00'"
        self.setDateFormatter(lambda *_: stamp)

    def showPage(self) -> None:
        """Keep the finished page's state (its content stream included) for ``save``."""
        self._form_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Decorate every kept page, now that each part's page count is known, and write."""
        totals = Counter(int(page["form_part"]) for page in self._form_pages)  # type: ignore[call-overload]
        seen: Counter[int] = Counter()
        for state in self._form_pages:
            self.__dict__.update(state)
            seen[self.form_part] += 1
            decoration = self._form_parts[self.form_part]
            _draw_header(self, self._form_spec, decoration)
            page, pages = seen[self.form_part], totals[self.form_part]
            _draw_footer(self, self._form_spec, decoration, page, pages)
            Canvas.showPage(self)
        Canvas.save(self)


def _draw_footer(
    canv: Canvas, spec: PageSpec, decoration: Decoration, page: int, pages: int
) -> None:
    """Rule, form id and version, "confidential" when filled, page X of Y, QR code."""
    width, _ = spec.size
    top = spec.bottom + spec.footer_height - 0.18 * inch
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.6)
    canv.line(spec.margin, top, width - spec.margin, top)
    qr_x = width - spec.margin - spec.qr_size
    _draw_qr(canv, decoration.qr.text(page, pages), qr_x, spec.bottom, spec.qr_size)
    text_y = spec.bottom + spec.qr_size / 2
    canv.setFillColor(MUTED)
    canv.setFont(FONT, 7.5)
    canv.drawString(spec.margin, text_y + 2, decoration.form_line)
    if decoration.confidential:
        canv.setFont(FONT_BOLD, 7.5)
        canv.drawString(spec.margin, text_y - 9, decoration.confidential)
    canv.setFont(FONT_BOLD, 8.5)
    canv.setFillColor(ACCENT)
    label = decoration.page_label.format(page=page, pages=pages)
    canv.drawRightString(qr_x - 0.15 * inch, text_y - 3, label)
    canv.restoreState()


def _draw_qr(canv: Canvas, value: str, x: float, y: float, size: float) -> None:
    """A QR code (error correction M, 2-module quiet zone) filling a ``size`` square.

    The modules come from ReportLab's QR widget; they are drawn as plain rectangles, one
    per run of dark modules, rather than through a graphics Drawing, whose renderer would
    reference the unembedded Helvetica.

    The mask is fixed (``QR_MASK``) instead of ReportLab's search for the best of eight:
    that search encodes the symbol eight times in pure Python and was half of a form's
    render time. Every mask is valid (ISO/IEC 18004 sec. 7.8); the search only balances
    dark and light modules, which a scanner reading a printed page does not need.
    """
    widget = QrCodeWidget(value, barLevel="M")
    qr = widget.qr
    if qr.version is None:
        qr.version = qr.calculate_version()
    qr.makeImpl(False, QR_MASK)
    modules = qr.modules
    count = len(modules)
    cell = size / (count + 2 * QR_QUIET_ZONE)
    canv.saveState()
    canv.setFillColor(INK)
    for row, line in enumerate(modules):
        top = y + size - (row + QR_QUIET_ZONE + 1) * cell
        column = 0
        for dark, run in itertools.groupby(bool(m) for m in line):
            length = len(list(run))
            if dark:
                left = x + (column + QR_QUIET_ZONE) * cell
                canv.rect(left, top, length * cell, cell, stroke=0, fill=1)
            column += length
    canv.restoreState()


def _draw_header(canv: Canvas, spec: PageSpec, decoration: Decoration) -> None:
    """Logo and site (left), the form's running title (right), an accent rule under them."""
    width, height = spec.size
    bottom = height - spec.top - spec.header_height
    logo = decoration.logo_image or decoration.logo_path
    left = spec.margin + _draw_logo(canv, logo, spec, bottom)
    title_width = spec.title_width
    site_width = width - spec.margin - title_width - left - 0.2 * inch
    _draw_site(canv, spec, decoration, left, bottom, site_width)
    _draw_block(
        canv,
        f"<b>{safe(decoration.running_title)}</b>",
        _header_style(8.5, align=2, color=ACCENT),
        (width - spec.margin - title_width, bottom + 8, title_width, spec.header_height - 10),
    )
    canv.saveState()
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(1.4)
    canv.line(spec.margin, bottom + 2, width - spec.margin, bottom + 2)
    canv.restoreState()


def _draw_site(
    canv: Canvas, spec: PageSpec, decoration: Decoration, left: float, bottom: float, width: float
) -> None:
    text = f"<b>{safe(decoration.site_name)}</b>"
    if decoration.site_line:
        text += f"<br/><font size='{spec.site_font_size * 0.72:.1f}' color='#566573'>"
        text += f"{safe(decoration.site_line)}</font>"
    style = _header_style(spec.site_font_size, align=0, color=ACCENT)
    _draw_block(canv, text, style, (left, bottom + 8, width, spec.header_height - 10))


def _draw_logo(canv: Canvas, source: Path | bytes | None, spec: PageSpec, bottom: float) -> float:
    """Draw the site's logo at the left of the header; returns the width it took."""
    image = _logo(canv, source)
    if image is None:
        return 0.0
    size = spec.header_height - 10
    canv.drawImage(
        image, spec.margin, bottom + 8, size, size, preserveAspectRatio=True, mask="auto"
    )
    return size + 0.15 * inch


def _logo(canv: Canvas, source: Path | bytes | None) -> ImageReader | None:
    """The logo image (a file or bytes), read once per document; an unreadable one prints
    no logo (and is logged once) rather than failing a consent form over a picture."""
    cache: dict[Path | bytes, ImageReader | None] = canv.__dict__.setdefault("_form_logos", {})
    if source is None:
        return None
    if source not in cache:
        try:
            opened = io.BytesIO(source) if isinstance(source, bytes) else str(source)
            cache[source] = ImageReader(opened)
        except OSError:
            log.warning("the site logo could not be read; printing the header without it")
            cache[source] = None
    return cache[source]


def _header_style(size: float, *, align: int, color: Color) -> ParagraphStyle:
    return ParagraphStyle(
        "header",
        fontName=FONT,
        fontSize=size,
        leading=size * 1.22,
        alignment=align,
        textColor=color,
    )


def _draw_block(
    canv: Canvas, text: str, style: ParagraphStyle, box: tuple[float, float, float, float]
) -> None:
    """Draw ``text`` bottom-aligned in ``box``, shrinking the font until it fits, so a long
    site name or title never runs into the body or off the page."""
    x, y, width, height = box
    para = Paragraph(text, style)
    _, needed = para.wrap(width, height)
    while needed > height and style.fontSize > 5:
        size = style.fontSize - 0.5
        style = ParagraphStyle("shrunk", parent=style, fontSize=size, leading=size * 1.2)
        para = Paragraph(text, style)
        _, needed = para.wrap(width, height)
    para.drawOn(canv, x, y)


def build_pdf(info: DocumentInfo, parts: Sequence[Part], spec: PageSpec = LETTER_PAGE) -> bytes:
    """Lay out ``parts`` (each from a fresh page) and return the finished PDF bytes."""
    register_fonts()
    buffer = io.BytesIO()
    x, y, width, height = spec.frame
    doc = BaseDocTemplate(
        buffer,
        pagesize=spec.size,
        invariant=True,
        title=info.title,
        subject=info.subject,
        author=info.author,
        creator=f"clinic_desktop {__version__}",
        keywords=" ".join(info.keywords),
        lang=info.lang,
        initialFontName=FONT,
        initialFontSize=10,
        leftMargin=spec.margin,
        rightMargin=spec.margin,
        topMargin=spec.size[1] - y - height,
        bottomMargin=y,
    )
    frame = Frame(
        x,
        y,
        width,
        height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=spec.body_gap,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame])])
    maker = partial(
        _FormCanvas, parts=[p.decoration for p in parts], spec=spec, created=info.created
    )
    doc.build(_story(parts), canvasmaker=maker)
    return buffer.getvalue()


def _story(parts: Sequence[Part]) -> list[Flowable]:
    story: list[Flowable] = []
    for index, part in enumerate(parts):
        if index:
            story.append(PageBreak())
        story.append(_PartStart(index))
        story.extend(part.story)
    return story


def body_width(spec: PageSpec = LETTER_PAGE) -> float:
    """The width flowables may use."""
    return spec.frame[2]
