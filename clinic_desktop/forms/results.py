"""Screening results letter for families: what the screening is, the result in plain words,
what happens next, how the family can help, and whom to call.

The band wording comes from the service layer already written for families ("some signs
of worry"), not the instrument's clinical band name, and no score is printed: a number
invites comparison and worry without context.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Paragraph

from clinic_desktop.domain.records import StudentDetail
from clinic_desktop.forms.blocks import (
    Field,
    bullets,
    fields,
    notice_box,
    section,
    spacer,
    title_block,
    writing_lines,
)
from clinic_desktop.forms.common import FormContext, full_name
from clinic_desktop.forms.data import ClinicianContact, ResultsLetter, SiteInfo
from clinic_desktop.forms.template import Part, build_pdf
from clinic_desktop.forms.texts import safe

FORM = "results"


def results_part(
    ctx: FormContext,
    student: StudentDetail | None,
    letter: ResultsLetter | None,
    printed_on: date | None = None,
) -> Part:
    """The letter for one screening (``letter`` None: the blank copy)."""
    t, st = ctx.texts, ctx.st
    story: list[Flowable] = [
        *title_block(st, t.plain("title"), ctx.date(printed_on)),
        *_opening(ctx, student, letter),
        *section(st, t.plain("about_title"), Paragraph(t.markup("about"), st.body)),
        *_result(ctx, student, letter),
        *_next_steps(ctx, letter),
        *section(st, t.plain("help_title"), *bullets(st, t.items("help")), keep=3),
        *_contact(ctx, letter.clinician if letter else None),
        spacer(6),
        Paragraph(t.markup("privacy"), st.small),
    ]
    decoration = ctx.decoration(
        student_id=student.id if student else None,
        record_id=letter.screening_id if letter else None,
        confidential=letter is not None,
    )
    return Part(decoration, story)


def _opening(
    ctx: FormContext, student: StudentDetail | None, letter: ResultsLetter | None
) -> list[Flowable]:
    t, st = ctx.texts, ctx.st
    if letter is None or student is None:
        blank = fields(
            st,
            [
                [Field(t.plain("fields.guardian"), "", 12)],
                [
                    Field(ctx.common.plain("fields.student_name"), "", 8),
                    Field(t.plain("fields.screened_on"), "", 4),
                ],
                [Field(t.plain("fields.instrument"), "", 12)],
            ],
            ctx.width,
        )
        return [blank, spacer(10), Paragraph(t.markup("greeting_blank"), st.body),
                Paragraph(t.markup("intro_blank"), st.body)]  # fmt: skip
    name = full_name(student)
    greeting = (
        t.markup("greeting_named", guardian=letter.guardian_name)
        if letter.guardian_name
        else t.markup("greeting_family", student=name)
    )
    intro = t.markup(
        "intro",
        date=ctx.date(letter.screened_on),
        student=name,
        instrument=letter.instrument_title,
    )
    return [spacer(4), Paragraph(greeting, st.body), Paragraph(intro, st.body)]


def _result(
    ctx: FormContext, student: StudentDetail | None, letter: ResultsLetter | None
) -> list[Flowable]:
    t, st = ctx.texts, ctx.st
    if letter is None or student is None:
        flow: list[Flowable] = [
            Paragraph(t.markup("result_blank"), st.body),
            writing_lines(2, ctx.width),
        ]
        return section(st, t.plain("result_title"), *flow, keep=2)
    lead = t.markup("result", student=full_name(student))
    box = notice_box(
        st, "", [f"<font size='12'><b>{safe(letter.band_label)}</b></font>"], ctx.width
    )
    return section(st, t.plain("result_title"), Paragraph(lead, st.body), box, keep=2)


def _next_steps(ctx: FormContext, letter: ResultsLetter | None) -> list[Flowable]:
    t, st = ctx.texts, ctx.st
    if letter is None or not letter.next_steps:
        return section(st, t.plain("next_title"), writing_lines(4, ctx.width))
    items = bullets(st, [safe(step) for step in letter.next_steps])
    return section(st, t.plain("next_title"), *items, keep=min(2, len(items)))


def _contact(ctx: FormContext, clinician: ClinicianContact | None) -> list[Flowable]:
    """Whom to call, the closing and the clinician's name, kept together at the end: as
    letter lines when filled, as ruled fields on the blank copy."""
    t, st = ctx.texts, ctx.st
    if clinician is None:
        return _blank_contact(ctx)
    reach = " · ".join(safe(p) for p in (clinician.phone, clinician.email) if p)
    who = f"<b>{safe(clinician.name)}</b>" + (
        f", {safe(clinician.title)}" if clinician.title else ""
    )
    flow: list[Flowable] = [
        Paragraph(f"{t.markup('questions')} {who}" + (f" · {reach}" if reach else ""), st.body),
        spacer(6),
        Paragraph(t.markup("closing"), st.body),
        spacer(22),
        Paragraph(who, st.body),
    ]
    return section(st, t.plain("questions_title"), *flow, keep=len(flow))


def _blank_contact(ctx: FormContext) -> list[Flowable]:
    t, c, st = ctx.texts, ctx.common, ctx.st
    rows = [
        [Field(c.plain("fields.name"), "", 8), Field(c.plain("fields.title"), "", 4)],
        [Field(c.plain("fields.phone"), "", 4), Field(c.plain("fields.email"), "", 8)],
    ]
    signature = [[Field(t.plain("fields.signature"), "", 8), Field("", "", 4, ruled=False)]]
    flow = [
        Paragraph(t.markup("questions"), st.body),
        fields(st, rows, ctx.width),
        spacer(8),
        Paragraph(t.markup("closing"), st.body),
        fields(st, signature, ctx.width),
    ]
    return section(st, t.plain("questions_title"), *flow, keep=len(flow))


def render_results(
    *,
    student: StudentDetail,
    site: SiteInfo,
    letter: ResultsLetter,
    printed_on: date,
    lang: str,
) -> bytes:
    """The family letter for one screening, dated ``printed_on``."""
    ctx = FormContext.create(FORM, lang, site)
    return build_pdf(ctx.info(printed_on), [results_part(ctx, student, letter, printed_on)])


def render_results_blank(*, lang: str, site: SiteInfo | None = None) -> bytes:
    """The handwriting copy."""
    ctx = FormContext.create(FORM, lang, site)
    return build_pdf(ctx.info(ctx.revised()), [results_part(ctx, None, None)])
