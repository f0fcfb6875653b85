"""Referral letter to a partner: reason, urgency, the screening results the family's release
covers (and only those), the referring clinician, and what the school asks back so the
referral loop can be closed, with a reply form the partner can return.

Screening results are left out entirely, not mentioned, when the release does not cover
them: even "results withheld" would tell the partner that a screening happened.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Paragraph

from clinic_desktop.domain.records import StudentDetail
from clinic_desktop.domain.referrals import Urgency
from clinic_desktop.forms.blocks import (
    Field,
    bullets,
    checklist,
    fields,
    grid_table,
    notice_box,
    section,
    spacer,
    text_or_lines,
    title_block,
    writing_lines,
)
from clinic_desktop.forms.common import FormContext, full_name, student_block
from clinic_desktop.forms.data import (
    AskBack,
    ClinicianContact,
    PartnerInfo,
    ReferralLetter,
    ScreeningSummary,
    SiteInfo,
)
from clinic_desktop.forms.styles import CAUTION, CAUTION_FILL
from clinic_desktop.forms.template import Part, build_pdf
from clinic_desktop.forms.texts import Texts, safe

FORM = "referral"
#: Empty rows printed in the blank copy's screening table.
BLANK_SCREENING_ROWS = 3


def referral_part(
    ctx: FormContext,
    student: StudentDetail | None,
    letter: ReferralLetter | None,
    printed_on: date | None = None,
) -> Part:
    """The letter for one referral (``letter`` None: the blank copy)."""
    t, st = ctx.texts, ctx.st
    story: list[Flowable] = [
        *title_block(st, t.plain("title"), ctx.date(printed_on)),
        *_urgency(ctx, letter),
        *_partner(ctx, letter.partner if letter else None),
        Paragraph(_greeting(ctx, letter), st.body),
        Paragraph(_intro(ctx, letter), st.body),
        *section(st, t.plain("sections.student"), student_block(ctx, student)),
        *_reason(ctx, letter),
        *_screening(ctx, letter),
        *_ask(ctx, letter),
        *_clinician(ctx, letter.clinician if letter else None),
        Paragraph(t.markup("closing"), st.body),
        *_notices(ctx, letter),
        *_reply(ctx, student, letter),
    ]
    decoration = ctx.decoration(
        student_id=student.id if student else None,
        record_id=letter.referral_id if letter else None,
        confidential=letter is not None,
    )
    return Part(decoration, story)


def _urgency(ctx: FormContext, letter: ReferralLetter | None) -> list[Flowable]:
    t, st = ctx.texts, ctx.st
    if letter is None:
        entries = [(_urgency_line(t, u), False) for u in Urgency]
        return section(st, t.plain("sections.urgency"), checklist(st, entries, ctx.width))
    key = f"urgency.{letter.urgency.value}"
    title = f"{t.plain('sections.urgency')}: {t.plain(f'{key}.label')}"
    colours = {} if letter.urgency is Urgency.ROUTINE else {"accent": CAUTION, "fill": CAUTION_FILL}
    box = notice_box(st, title, [t.markup(f"{key}.meaning")], ctx.width, **colours)
    return [spacer(4), box]


def _urgency_line(t: Texts, urgency: Urgency) -> str:
    return f"<b>{t.markup(f'urgency.{urgency.value}.label')}.</b> " + t.markup(
        f"urgency.{urgency.value}.meaning"
    )


def _partner(ctx: FormContext, partner: PartnerInfo | None) -> list[Flowable]:
    c = ctx.common
    p = partner or PartnerInfo("")
    rows = [
        [Field(ctx.texts.plain("to"), p.name, 8), Field(c.plain("fields.phone"), p.phone, 4)],
        [Field(c.plain("fields.address"), p.address, 8), Field(c.plain("fields.fax"), p.fax, 4)],
    ]
    return [fields(ctx.st, rows, ctx.width), spacer(10)]


def _greeting(ctx: FormContext, letter: ReferralLetter | None) -> str:
    if letter is None:
        return ctx.texts.markup("greeting_blank")
    return ctx.texts.markup("greeting", partner=letter.partner.name)


def _intro(ctx: FormContext, letter: ReferralLetter | None) -> str:
    t = ctx.texts
    if letter is None:
        return t.markup("intro_blank")
    signed = ""
    if letter.release_signed_on is not None:
        signed = t.plain("signed", date=ctx.date(letter.release_signed_on))
    return t.markup("intro", signed=signed)


def _reason(ctx: FormContext, letter: ReferralLetter | None) -> list[Flowable]:
    t = ctx.texts
    flow: list[Flowable] = []
    if letter is None:
        flow.append(Paragraph(t.markup("reason_blank"), ctx.st.small))
    flow.append(text_or_lines(ctx.st, letter.reason if letter else "", ctx.width, 4))
    return section(ctx.st, t.plain("sections.reason"), *flow, keep=len(flow))


def _screening(ctx: FormContext, letter: ReferralLetter | None) -> list[Flowable]:
    """The results table, or nothing at all when the release does not cover results."""
    t, st = ctx.texts, ctx.st
    results = letter.printable_results if letter else ()
    if letter is not None and not results:
        return []
    header = [
        Paragraph(t.plain(f"screening.{k}"), st.cell_bold)
        for k in ("instrument", "date", "score", "result")
    ]
    rows = [_result_row(ctx, r) for r in results] or [
        ["", "", "", ""] for _ in range(BLANK_SCREENING_ROWS)
    ]
    w = ctx.width
    table = grid_table(header, rows, [w * 0.36, w * 0.2, w * 0.16, w * 0.28], zebra=False)
    if letter is None:
        table.setStyle(
            [("ROWBACKGROUNDS", (0, 1), (-1, -1), [None]), ("TOPPADDING", (0, 1), (-1, -1), 14)]
        )
    note = Paragraph(t.markup("screening.note" if letter else "screening.note_blank"), st.small)
    return section(st, t.plain("sections.screening"), table, note, keep=2)


def _result_row(ctx: FormContext, result: ScreeningSummary) -> list[object]:
    st = ctx.st
    total = "" if result.total is None else str(result.total)
    return [
        Paragraph(safe(result.instrument_title), st.cell),
        Paragraph(ctx.date(result.administered_on), st.cell),
        Paragraph(total, st.cell),
        Paragraph(safe(result.band_label), st.cell),
    ]


def _ask(ctx: FormContext, letter: ReferralLetter | None) -> list[Flowable]:
    t, st = ctx.texts, ctx.st
    flow: list[Flowable] = [Paragraph(t.markup("ask.intro"), st.body)]
    if letter is None:
        entries = [(t.markup(f"ask.{a.value}"), False) for a in AskBack]
        flow.append(checklist(st, entries, ctx.width))
    else:
        flow.extend(bullets(st, [t.markup(f"ask.{a.value}") for a in letter.requested_back]))
    flow.append(Paragraph(t.markup("ask.how"), st.body))
    return section(st, t.plain("sections.ask"), *flow, keep=2)


def _clinician(ctx: FormContext, clinician: ClinicianContact | None) -> list[Flowable]:
    c = ctx.common
    who = clinician or ClinicianContact("")
    rows = [
        [Field(c.plain("fields.name"), who.name, 8), Field(c.plain("fields.title"), who.title, 4)],
        [
            Field(c.plain("fields.phone"), who.phone, 4),
            Field(c.plain("fields.email"), who.email, 8),
        ],
        [
            Field(ctx.texts.plain("clinician_signature"), "", 8),
            Field(c.plain("fields.date"), "", 4),
        ],
    ]
    table = fields(ctx.st, rows, ctx.width)
    return section(ctx.st, ctx.texts.plain("sections.clinician"), table, spacer(8))


def _notices(ctx: FormContext, letter: ReferralLetter | None) -> list[Flowable]:
    t, st = ctx.texts, ctx.st
    flow: list[Flowable] = [
        spacer(8),
        notice_box(st, t.plain("confidential.title"), [t.markup("confidential.body")], ctx.width),
    ]
    if letter is not None and letter.part2_notice:
        release = Texts("release", ctx.lang)
        flow += [
            spacer(8),
            notice_box(
                st,
                release.plain("part2.notice_title"),
                release.items("part2.notice"),
                ctx.width,
                accent=CAUTION,
                fill=CAUTION_FILL,
            ),
        ]
    return flow


def _reply(
    ctx: FormContext, student: StudentDetail | None, letter: ReferralLetter | None
) -> list[Flowable]:
    """The part the partner fills in and returns: only what the school asked for, with the
    student named again so the page still makes sense when faxed back on its own."""
    t, st, c = ctx.texts, ctx.st, ctx.common
    asked = set(letter.requested_back) if letter else set(AskBack)
    who = [
        Field(c.plain("fields.student_name"), full_name(student), 8),
        Field(
            c.plain("fields.date_of_birth"), ctx.date(student.date_of_birth) if student else "", 4
        ),
    ]
    flow: list[Flowable] = [
        Paragraph(t.markup("reply.intro"), st.small),
        fields(st, [who], ctx.width),
    ]
    if AskBack.APPOINTMENT_DATE in asked:
        flow.append(
            fields(
                st,
                [[Field(t.plain("reply.appointment_date"), "", 4), Field("", "", 8, ruled=False)]],
                ctx.width,
            )
        )
    if AskBack.ATTENDANCE in asked:
        options = [
            (t.markup(f"reply.{k}"), False) for k in ("attended", "not_attended", "not_scheduled")
        ]
        flow += [spacer(6), Paragraph(f"<b>{t.markup('reply.attendance')}</b>", st.body)]
        flow.append(checklist(st, options, ctx.width, columns=3))
    if AskBack.RECOMMENDATIONS in asked:
        flow += [spacer(6), Paragraph(t.markup("reply.recommendations"), st.body)]
        flow.append(writing_lines(3, ctx.width))
    flow.append(
        fields(
            st,
            [[Field(t.plain("reply.completed_by"), "", 8), Field(c.plain("fields.date"), "", 4)]],
            ctx.width,
        )
    )
    return section(st, t.plain("sections.reply"), *flow, keep=len(flow))


def render_referral(
    *,
    student: StudentDetail,
    site: SiteInfo,
    letter: ReferralLetter,
    printed_on: date,
    lang: str,
) -> bytes:
    """The referral letter, dated ``printed_on``."""
    ctx = FormContext.create(FORM, lang, site)
    part = referral_part(ctx, student, letter, printed_on)
    return build_pdf(ctx.info(printed_on), [part])


def render_referral_blank(*, lang: str, site: SiteInfo | None = None) -> bytes:
    """The handwriting copy: every option offered, nothing filled in."""
    ctx = FormContext.create(FORM, lang, site)
    return build_pdf(ctx.info(ctx.revised()), [referral_part(ctx, None, None)])
