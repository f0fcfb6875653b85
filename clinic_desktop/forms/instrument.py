"""A blank, printable copy of any screening instrument in either language.

Everything printed comes from the instrument's data file through
``load_instrument(id).text(lang)``: title, instructions, sections, items, options, notes
and the licence line. When every item of a section shares the same options (PHQ-9, GAD-7,
PSC-17) they print as a grid with one check-box column per option; otherwise each item
carries its own row of options. Number items (CRAFFT part A) get a line to write on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from clinic_desktop.domain.screening import ItemText, SectionText, load_instrument
from clinic_desktop.forms.blocks import (
    Field,
    fields,
    grid_table,
    office_strip,
    paragraphs,
    spacer,
    title_block,
)
from clinic_desktop.forms.common import FormContext
from clinic_desktop.forms.data import SiteInfo
from clinic_desktop.forms.styles import BOX_EMPTY
from clinic_desktop.forms.template import Part, build_pdf
from clinic_desktop.forms.texts import safe

FORM = "instrument"
#: Instruments are set slightly smaller than letters so most fit on one page.
SCALE = 0.94
NUMBER_WIDTH = 30.0
#: Width of one option column in a grid, by how many options share the row.
OPTION_WIDTH = {2: 46.0, 3: 62.0, 4: 58.0, 5: 52.0}
_BOLD = re.compile(r"\*\*(.+?)(\*\*|$)")


def instrument_part(ctx: FormContext, instrument_id: str) -> Part:
    """The blank questionnaire for ``instrument_id`` in the context's language."""
    instrument = load_instrument(instrument_id)
    text = instrument.text(ctx.lang)
    t, st = ctx.texts, ctx.st
    story: list[Flowable] = [
        *title_block(st, text.title),
        fields(
            st,
            [[Field(t.plain("fields.name"), "", 8), Field(t.plain("fields.date"), "", 4)]],
            ctx.width,
        ),
        spacer(4),
        Paragraph(f"<b>{safe(text.instructions)}</b>", st.body),
    ]
    for section in text.sections:
        story += _section(ctx, section)
    story += _notes(ctx, text.notes)
    story += _office(ctx)
    story += [spacer(4), Paragraph(safe(text.notice), st.small)]
    decoration = ctx.decoration(
        confidential=False,
        kind=f"{FORM}:{instrument.id}",
        running_title=instrument.short_name,
        form_id=instrument.short_name,
        version=instrument.version,
    )
    return Part(decoration, story)


def _section(ctx: FormContext, section: SectionText) -> list[Flowable]:
    st = ctx.st
    flow: list[Flowable] = [spacer(6)]
    if section.title:
        flow.append(Paragraph(safe(section.title), st.subheading))
    if section.instructions:
        flow.append(Paragraph(f"<b>{safe(section.instructions)}</b>", st.body))
    flow.append(_items_table(ctx, section.items))
    return flow


def _shared_options(items: Sequence[ItemText]) -> tuple[tuple[int, str], ...] | None:
    """The options every item shares, or None when items differ (or take numbers)."""
    first = items[0].options
    if not first or len(first) not in OPTION_WIDTH:
        return None
    return first if all(i.options == first for i in items) else None


def _items_table(ctx: FormContext, items: Sequence[ItemText]) -> Table:
    shared = _shared_options(items)
    if shared is not None:
        return _grid(ctx, items, shared)
    return _rows(ctx, items)


def _grid(
    ctx: FormContext, items: Sequence[ItemText], options: tuple[tuple[int, str], ...]
) -> Table:
    """Items as rows, one check-box column per option, values under the option labels."""
    st, t = ctx.st, ctx.texts
    widths = [_option_width(ctx, label, len(options)) for _, label in options]
    question = ctx.width - NUMBER_WIDTH - sum(widths)
    show_values = len(options) > 2
    header: list[Paragraph | str] = [
        Paragraph(t.plain("number"), st.cell_bold),
        Paragraph(t.plain("question"), st.cell_bold),
    ]
    for value, label in options:
        suffix = f"<br/><font color='#566573'>({value})</font>" if show_values else ""
        header.append(Paragraph(f"{safe(label)}{suffix}", st.cell_head_center))
    rows = []
    for item in items:
        row: list[object] = [Paragraph(safe(item.number or ""), st.cell), _item_text(ctx, item)]
        row += [Paragraph(BOX_EMPTY, st.box) for _ in options]
        rows.append(row)
    return grid_table(header, rows, [NUMBER_WIDTH, question, *widths], padding=3)


def _option_width(ctx: FormContext, label: str, count: int) -> float:
    """The usual column width, widened so the label never has to break inside a word."""
    style = ctx.st.cell_head_center
    longest = max(stringWidth(w, style.fontName, style.fontSize) for w in label.split())
    return max(OPTION_WIDTH[count] * ctx.scale, longest + 12)


def _rows(ctx: FormContext, items: Sequence[ItemText]) -> Table:
    """Items with their own options (or a line for a number) under the question."""
    st, t = ctx.st, ctx.texts
    header: list[Paragraph | str] = [
        Paragraph(t.plain("number"), st.cell_bold),
        Paragraph(t.plain("question"), st.cell_bold),
    ]
    rows = [
        [Paragraph(safe(item.number or ""), st.cell), [_item_text(ctx, item), _answer(ctx, item)]]
        for item in items
    ]
    return grid_table(header, rows, [NUMBER_WIDTH, ctx.width - NUMBER_WIDTH], padding=3)


def _item_text(ctx: FormContext, item: ItemText) -> Flowable:
    text = safe(item.text)
    if item.detail_prompt:
        line = "_" * 38
        text += f"<br/><font color='#566573'>{safe(item.detail_prompt)}</font> {line}"
    return Paragraph(text, ctx.st.cell)


def _answer(ctx: FormContext, item: ItemText) -> Flowable:
    """The check boxes of one item in a row, or a blank with its unit for a number."""
    if not item.options:
        unit = f" {safe(item.unit)}" if item.unit else ""
        return Paragraph(f"<u>{'&nbsp;' * 14}</u>{unit}", ctx.st.answer)
    gap = "&nbsp;" * 6
    boxes = gap.join(f"{BOX_EMPTY}&nbsp;{_nobreak(label)}" for _, label in item.options)
    return Paragraph(boxes, ctx.st.answer)


def _nobreak(label: str) -> str:
    """An option label that never breaks away from its box or inside itself."""
    return safe(label).replace(" ", "&nbsp;")


def _notes(ctx: FormContext, notes: Sequence[str]) -> list[Flowable]:
    if not notes:
        return []
    texts = [_BOLD.sub(r"<b>\1</b>", safe(n)) for n in notes]
    title = Paragraph(ctx.texts.plain("notes"), ctx.st.subheading)
    return [spacer(4), title, *paragraphs(ctx.st, texts, "small")]


def _office(ctx: FormContext) -> list[Flowable]:
    t = ctx.texts
    captions = [t.plain(f"office.{k}") for k in ("score", "reviewed_by", "date")]
    return [spacer(4), office_strip(ctx.st, ctx.common.plain("office.title"), captions, ctx.width)]


def render_instrument(*, instrument_id: str, lang: str, site: SiteInfo | None = None) -> bytes:
    """The blank questionnaire; its creation date is the form texts' revision date."""
    ctx = FormContext.create(FORM, lang, site, scale=SCALE)
    part = instrument_part(ctx, instrument_id)
    instrument = load_instrument(instrument_id)
    info = ctx.info(
        ctx.revised(),
        title=instrument.title.get(ctx.lang),
        keywords=(instrument.short_name, instrument.version, ctx.lang),
    )
    return build_pdf(info, [part])
