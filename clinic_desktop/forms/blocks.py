"""Building blocks every form is made of: headings, fields on lines, signature blocks,
check-box lists, notice boxes and writing lines.

Everything here wraps: field values and labels are paragraphs inside table cells of a
fixed width, so a 60-character name or a page-long purpose grows downwards and onto the
next page instead of running past the margin. A filled field and a blank one share one
layout (value on the line, caption under it), so the handwriting copy looks like the
printed one and signature lines stay aligned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from clinic_desktop.forms.styles import ACCENT, FILL, FONT, INK, RULE, Styles, box
from clinic_desktop.forms.texts import safe

#: Space between two fields on one line, so their rules read as separate lines.
FIELD_GAP = 14.0
#: Space between two side-by-side columns.
COLUMN_GAP = 24.0
#: Fields are laid out on a grid of this many units.
GRID_UNITS = 12
#: Room above an empty line for handwriting.
WRITING_ROOM = 17.0


def _table_style(commands: Sequence[tuple[object, ...]]) -> TableStyle:
    """A table style in the embedded font, so no cell ever falls back to Helvetica (which
    the PDF would then reference without embedding)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


@dataclass(frozen=True)
class Field:
    """A value written on a line with its caption underneath; ``weight`` is its share of
    the row's width. ``value`` is plain text (escaped here); empty leaves room to write."""

    caption: str
    value: str = ""
    weight: float = 1.0
    #: False leaves the space empty (no rule, no caption): a short line beside nothing.
    ruled: bool = True


def title_block(st: Styles, title: str, subtitle: str = "") -> list[Flowable]:
    """The document title (and an optional line under it) at the top of a part."""
    flow: list[Flowable] = [Paragraph(safe(title), st.title)]
    if subtitle:
        flow.append(Paragraph(safe(subtitle), st.subtitle))
    flow.append(Spacer(1, 4))
    return flow


def heading(st: Styles, text: str) -> list[Flowable]:
    """A section heading with a hairline under it."""
    return [
        Paragraph(safe(text), st.heading),
        HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=0, spaceAfter=5),
    ]


def section(st: Styles, title: str, *content: Flowable, keep: int = 1) -> list[Flowable]:
    """A heading kept on the same page as its first ``keep`` flowables (no orphan heads)."""
    head = [*heading(st, title), *content[:keep]]
    return [CondPageBreak(72), KeepTogether(head), *content[keep:]]


def paragraphs(st: Styles, texts: Sequence[str], style_name: str = "body") -> list[Flowable]:
    """Paragraphs from markup texts (already escaped by ``Texts.markup``)."""
    style = getattr(st, style_name)
    return [Paragraph(text, style) for text in texts]


def bullets(st: Styles, texts: Sequence[str]) -> list[Flowable]:
    """A bulleted list from markup texts."""
    return [Paragraph(text, st.bullet, bulletText="\u2022") for text in texts]


def fields(st: Styles, rows: Sequence[Sequence[Field]], width: float) -> Table:
    """Rows of fields on a 12-unit grid: each row's fields share ``width`` by weight, so
    rows with the same weights have their rules start and end at the same x."""
    unit = (width - FIELD_GAP * (GRID_UNITS - 1)) / GRID_UNITS
    widths = [unit if i % 2 == 0 else FIELD_GAP for i in range(GRID_UNITS * 2 - 1)]
    data: list[list[object]] = []
    commands: list[tuple[object, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]
    for row in rows:
        spans = _spans([f.weight for f in row])
        values: list[object] = [""] * len(widths)
        captions: list[object] = [""] * len(widths)
        for item, (first, _last) in zip(row, spans, strict=True):
            values[first] = Paragraph(safe(item.value), st.value) if item.value else ""
            captions[first] = Paragraph(safe(item.caption), st.caption) if item.ruled else ""
        ruled = [span for item, span in zip(row, spans, strict=True) if item.ruled]
        commands.extend(_row_commands(len(data), spans, ruled))
        data.extend([values, captions])
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(_table_style(commands))
    return table


def _spans(weights: Sequence[float]) -> list[tuple[int, int]]:
    """The (first, last) grid column each field covers; gaps sit at odd columns."""
    total = sum(weights)
    spans: list[tuple[int, int]] = []
    start = 0
    for index, weight in enumerate(weights):
        left = len(weights) - index - 1
        units = GRID_UNITS - start if not left else round(weight / total * GRID_UNITS)
        units = max(1, min(units, GRID_UNITS - start - left))
        spans.append((start * 2, (start + units) * 2 - 2))
        start += units
    return spans


def _row_commands(
    top: int, spans: list[tuple[int, int]], ruled: list[tuple[int, int]]
) -> list[tuple[object, ...]]:
    commands: list[tuple[object, ...]] = [
        ("TOPPADDING", (0, top), (-1, top), WRITING_ROOM),
        ("BOTTOMPADDING", (0, top), (-1, top), 2),
        ("TOPPADDING", (0, top + 1), (-1, top + 1), 1.5),
        ("BOTTOMPADDING", (0, top + 1), (-1, top + 1), 4),
        ("VALIGN", (0, top + 1), (-1, top + 1), "TOP"),
        ("NOSPLIT", (0, top), (-1, top + 1)),
    ]
    for first, last in spans:
        commands.append(("SPAN", (first, top), (last, top)))
        commands.append(("SPAN", (first, top + 1), (last, top + 1)))
    for first, last in ruled:
        commands.append(("LINEBELOW", (first, top), (last, top), 0.7, INK))
    return commands


def checklist(
    st: Styles, entries: Sequence[tuple[str, bool]], width: float, columns: int = 1
) -> Table:
    """Check boxes with their labels (markup), in ``columns`` columns read down each column;
    a long label wraps under itself, not under its box."""
    per_column = -(-len(entries) // columns)
    cells = [Paragraph(f"{box(checked)}\u2002{label}", st.check) for label, checked in entries]
    grid = [cells[i * per_column : (i + 1) * per_column] for i in range(columns)]
    rows = [
        [grid[c][r] if r < len(grid[c]) else "" for c in range(columns)] for r in range(per_column)
    ]
    table = Table(rows, colWidths=[width / columns] * columns, hAlign="LEFT")
    table.setStyle(
        _table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def grid_table(
    header: Sequence[Paragraph | str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    zebra: bool = True,
    padding: float = 4,
) -> Table:
    """A ruled table with a tinted header row, repeated when it breaks across pages."""
    table = Table([list(header), *[list(r) for r in rows]], colWidths=list(widths), repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    if zebra:
        commands.extend(
            ("BACKGROUND", (0, r), (-1, r), Color(0.975, 0.98, 0.99))
            for r in range(2, 1 + len(rows), 2)
        )
    table.setStyle(_table_style(commands))
    return table


def notice_box(
    st: Styles,
    title: str,
    texts: Sequence[str],
    width: float,
    *,
    accent: Color = ACCENT,
    fill: Color = FILL,
) -> Table:
    """A tinted box with a coloured edge for legal notices; one row per paragraph so a
    long notice may continue on the next page."""
    heading = [[Paragraph(safe(title), st.notice_title)]] if title else []
    rows = heading + [[Paragraph(text, st.notice)] for text in texts]
    table = Table(rows, colWidths=[width], hAlign="LEFT")
    table.setStyle(
        _table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, accent),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, 0), 7),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                ("NOSPLIT", (0, 0), (0, min(1, len(rows) - 1))),
            ]
        )
    )
    return table


def writing_lines(count: int, width: float, spacing: float = 21.0) -> Table:
    """Empty ruled lines to write on."""
    table = Table([[""]] * count, colWidths=[width], rowHeights=[spacing] * count, hAlign="LEFT")
    table.setStyle(_table_style([("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE)]))
    return table


def text_or_lines(st: Styles, text: str, width: float, lines: int = 2) -> Flowable:
    """Free text as written, or ruled lines when there is none (the handwriting copy)."""
    if text.strip():
        return Paragraph(safe(text).replace("\n", "<br/>"), st.value)
    return writing_lines(lines, width)


def side_by_side(columns: Sequence[Flowable], width: float) -> Table:
    """Flowables in equal columns separated by ``COLUMN_GAP`` (top-aligned)."""
    count = len(columns)
    cell = (width - COLUMN_GAP * (count - 1)) / count
    widths: list[float] = []
    row: list[object] = []
    for index, column in enumerate(columns):
        if index:
            widths.append(COLUMN_GAP)
            row.append("")
        widths.append(cell)
        row.append(column)
    table = Table([row], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        _table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def office_strip(st: Styles, title: str, captions: Sequence[str], width: float) -> Table:
    """One line of "for clinic use only" fields, the title at its left, under a hairline:
    small enough to fit under any form's last block rather than spill onto a page alone."""
    label_width = width * 0.26
    row = [Field(caption) for caption in captions]
    table = Table(
        [[Paragraph(safe(title), st.cell_bold), fields(st, [row], width - label_width)]],
        colWidths=[label_width, width - label_width],
        hAlign="LEFT",
    )
    table.setStyle(
        _table_style(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (0, 0), 6),
                ("RIGHTPADDING", (0, 0), (0, 0), 8),
                ("VALIGN", (0, 0), (0, 0), "TOP"),
            ]
        )
    )
    return table


def spacer(height: float) -> Spacer:
    return Spacer(1, height)
