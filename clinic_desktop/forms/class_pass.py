"""Return-to-class pass: half a letter sheet the student carries back to class.

It names the student and shows date, time in, time out and where the student went next,
and nothing clinical: no reason for the visit, no note. The teacher who reads it has no
right to health information, so the pass cannot carry any.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from clinic_desktop.domain.visits import Disposition
from clinic_desktop.forms.blocks import Field, checklist, fields, heading, title_block
from clinic_desktop.forms.common import FormContext
from clinic_desktop.forms.data import PassDetails, SiteInfo
from clinic_desktop.forms.template import HALF_PAGE, Part, build_pdf
from clinic_desktop.forms.texts import format_time

FORM = "pass"
#: The pass is set a little smaller than letter forms so it fits half a sheet.
SCALE = 0.92


def pass_part(ctx: FormContext, details: PassDetails | None) -> Part:
    """The pass for one visit (``details`` None: the blank copy)."""
    t, st = ctx.texts, ctx.st
    story: list[Flowable] = [
        *title_block(st, t.plain("title")),
        Paragraph(t.markup("to_teacher"), st.body),
        _times(ctx, details),
        *heading(st, t.plain("disposition_heading")),
        _dispositions(ctx, details),
    ]
    decoration = ctx.decoration(record_id=details.visit_id if details else None, confidential=False)
    return Part(decoration, story)


def _times(ctx: FormContext, details: PassDetails | None) -> Flowable:
    t = ctx.texts
    d = details
    time_in = format_time(d.time_in, ctx.lang) if d else ""
    time_out = format_time(d.time_out, ctx.lang) if d else ""
    rows = [
        [
            Field(t.plain("fields.student"), d.student_name if d else "", 8),
            Field(t.plain("fields.date"), ctx.date(d.time_in.date()) if d else "", 4),
        ],
        [
            Field(t.plain("fields.time_in"), time_in, 2),
            Field(t.plain("fields.time_out"), time_out, 2),
            Field(t.plain("fields.staff"), d.staff_name if d else "", 4),
            Field(t.plain("fields.initials"), "", 4),
        ],
    ]
    return fields(ctx.st, rows, ctx.width)


def _dispositions(ctx: FormContext, details: PassDetails | None) -> Flowable:
    chosen = details.disposition if details else None
    entries = [(ctx.texts.markup(f"dispositions.{d.value}"), d is chosen) for d in Disposition]
    return checklist(ctx.st, entries, ctx.width, columns=3)


def _context(lang: str, site: SiteInfo | None) -> FormContext:
    return FormContext.create(FORM, lang, site, spec=HALF_PAGE, scale=SCALE)


def render_pass(*, site: SiteInfo, details: PassDetails, lang: str) -> bytes:
    """The pass for one visit; its date is the visit's, so a re-print is identical."""
    ctx = _context(lang, site)
    return build_pdf(ctx.info(details.time_in.date()), [pass_part(ctx, details)], HALF_PAGE)


def render_pass_blank(*, lang: str, site: SiteInfo | None = None) -> bytes:
    """A blank pass for a pad of handwritten ones."""
    ctx = _context(lang, site)
    return build_pdf(ctx.info(ctx.revised()), [pass_part(ctx, None)], HALF_PAGE)
