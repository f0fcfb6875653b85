"""Consent for school-based health services: the form a family signs before the health
center sees the student, and the student's own version where the site's minor-consent
rule allows it.

Only the student and guardian details are pre-printed; the service choices, signature and
date are always left for ink, because the signed paper is the consent.
"""

from __future__ import annotations

import uuid
from datetime import date

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Paragraph

from clinic_desktop.domain.consents import MinorConsentRule, SignerKind
from clinic_desktop.domain.records import StudentDetail
from clinic_desktop.forms.blocks import Field, bullets, fields, grid_table, section, title_block
from clinic_desktop.forms.common import (
    FormContext,
    office_use,
    signature_section,
    student_block,
)
from clinic_desktop.forms.data import SiteInfo
from clinic_desktop.forms.styles import BOX_EMPTY
from clinic_desktop.forms.template import Part, build_pdf
from clinic_desktop.forms.texts import fill

FORM = "consent"


def consent_part(
    ctx: FormContext,
    student: StudentDetail | None,
    *,
    school_year: str = "",
    signer: SignerKind = SignerKind.GUARDIAN,
    minimum_age: int | None = None,
    record_id: uuid.UUID | None = None,
) -> Part:
    """One student's consent form (``student`` None: the blank copy)."""
    variant = SignerKind(signer).value
    t = ctx.texts
    story: list[Flowable] = [
        *title_block(ctx.st, t.plain("title"), t.plain(f"subtitle.{variant}")),
        Paragraph(t.markup(f"intro.{variant}", site=ctx.site_name), ctx.st.body),
        *section(ctx.st, t.plain("student_heading"), *_student_fields(ctx, student, school_year)),
        *_services(ctx, variant),
        *section(
            ctx.st, t.plain("know_heading"), *bullets(ctx.st, _points(ctx, variant, school_year))
        ),
    ]
    if signer is SignerKind.STUDENT:
        story += _who_may_sign(ctx, minimum_age)
    story += signature_section(
        ctx,
        t.plain("signature_heading"),
        signer,
        student,
        statement=t.markup(f"agreement.{variant}"),
    )
    story += office_use(ctx, ("received_by", "received_on", "entered_by"))
    decoration = ctx.decoration(
        student_id=student.id if student else None,
        record_id=record_id,
        confidential=student is not None,
    )
    return Part(decoration, story)


def _student_fields(
    ctx: FormContext, student: StudentDetail | None, school_year: str
) -> list[Flowable]:
    block = student_block(ctx, student)
    extra = fields(
        ctx.st,
        [
            [
                Field(ctx.texts.plain("insurance"), student.insurance_id if student else "", 8),
                Field(ctx.texts.plain("school_year"), school_year, 4),
            ]
        ],
        ctx.width,
    )
    return [block, extra]


def _services(ctx: FormContext, variant: str) -> list[Flowable]:
    t, st = ctx.texts, ctx.st
    check = 0.75 * inch
    header = [
        Paragraph(t.plain("columns.service"), st.cell_bold),
        Paragraph(t.plain("columns.yes"), st.cell_head_center),
        Paragraph(t.plain("columns.no"), st.cell_head_center),
    ]
    rows = [
        [
            Paragraph(s, st.cell),
            Paragraph(BOX_EMPTY, st.box),
            Paragraph(BOX_EMPTY, st.box),
        ]
        for s in t.items("services")
    ]
    table = grid_table(header, rows, [ctx.width - 2 * check, check, check])
    hint = Paragraph(t.markup(f"services_hint.{variant}"), st.small)
    return section(st, t.plain("services_heading"), hint, table, keep=2)


def _points(ctx: FormContext, variant: str, school_year: str) -> list[str]:
    t = ctx.texts
    duration = (
        t.plain("duration.year", year=school_year) if school_year else t.plain("duration.open")
    )
    return [fill(p, {"duration": duration}) for p in t.items(f"points.{variant}")]


def _who_may_sign(ctx: FormContext, minimum_age: int | None) -> list[Flowable]:
    t = ctx.texts
    text = (
        t.markup("self_consent.age", age=minimum_age)
        if minimum_age is not None
        else t.markup("self_consent.generic")
    )
    return section(ctx.st, t.plain("self_consent.heading"), Paragraph(text, ctx.st.body))


def render_consent(
    *,
    student: StudentDetail,
    site: SiteInfo,
    printed_on: date,
    lang: str,
    school_year: str = "",
    signer: SignerKind = SignerKind.GUARDIAN,
    rule: MinorConsentRule | None = None,
    record_id: uuid.UUID | None = None,
) -> bytes:
    """The consent form for one student, ready to print and sign (whether this student may
    sign the student version is the printing service's check, not the renderer's)."""
    signer = SignerKind(signer)
    ctx = FormContext.create(FORM, lang, site)
    part = consent_part(
        ctx,
        student,
        school_year=school_year,
        signer=signer,
        minimum_age=rule.minimum_age if rule else None,
        record_id=record_id,
    )
    return build_pdf(ctx.info(printed_on), [part])


def render_consent_blank(
    *,
    lang: str,
    site: SiteInfo | None = None,
    school_year: str = "",
    signer: SignerKind = SignerKind.GUARDIAN,
    rule: MinorConsentRule | None = None,
) -> bytes:
    """The handwriting copy: no student, no guardian, no date of printing."""
    ctx = FormContext.create(FORM, lang, site)
    part = consent_part(
        ctx,
        None,
        school_year=school_year,
        signer=SignerKind(signer),
        minimum_age=rule.minimum_age if rule else None,
    )
    return build_pdf(ctx.info(ctx.revised()), [part])
