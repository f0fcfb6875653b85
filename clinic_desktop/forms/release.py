"""Release of information: a HIPAA authorization naming the partner, the purpose, the kinds
of information, the expiry, and the statements 45 CFR 164.508(c) requires (right to revoke
and how, no conditioning of treatment, potential for redisclosure), plus the FERPA note,
and the 42 CFR Part 2 consent and notice when substance use information is included.

Which special notices print follows the domain rule ``required_notices``: the same rule
that decides, at referral time, whether a release covers what is being sent. The blank
copy prints every optional part, each saying when it applies, because the family may tick
any box by hand.
"""

from __future__ import annotations

import uuid
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from clinic_desktop.domain.consents import (
    InformationKind,
    Notice,
    SignerKind,
)
from clinic_desktop.domain.records import StudentDetail
from clinic_desktop.forms.blocks import (
    COLUMN_GAP,
    Field,
    checklist,
    fields,
    notice_box,
    paragraphs,
    section,
    side_by_side,
    spacer,
    text_or_lines,
    title_block,
)
from clinic_desktop.forms.common import (
    FormContext,
    office_use,
    signature_section,
    student_block,
)
from clinic_desktop.forms.data import PartnerInfo, ReleaseDetails, SiteInfo
from clinic_desktop.forms.styles import CAUTION, CAUTION_FILL, box
from clinic_desktop.forms.template import Part, build_pdf

FORM = "release"
#: The statements HIPAA requires on every authorization, in the order they print.
RIGHTS = ("revoke", "not_condition", "redisclosure", "copy")


def release_part(
    ctx: FormContext,
    student: StudentDetail | None,
    release: ReleaseDetails | None,
    *,
    signer: SignerKind = SignerKind.GUARDIAN,
    record_id: uuid.UUID | None = None,
) -> Part:
    """The authorization for one student and partner (both None: the blank copy)."""
    t, st = ctx.texts, ctx.st
    story: list[Flowable] = [
        *title_block(st, t.plain("title"), t.plain("subtitle")),
        Paragraph(t.markup("intro", site=ctx.site_name), st.body),
        *section(st, t.plain("sections.student"), student_block(ctx, student)),
        *_parties(ctx, release),
        *_purpose(ctx, release),
        *_information(ctx, release),
        *_expiry(ctx, release),
        *section(st, t.plain("sections.rights"), *paragraphs(st, _rights(ctx))),
        *_laws(ctx, release),
        *_signature(ctx, signer, student),
        *office_use(ctx, ("received_by", "received_on", "copy_given")),
    ]
    decoration = ctx.decoration(
        student_id=student.id if student else None,
        record_id=record_id,
        confidential=student is not None,
    )
    return Part(decoration, story)


def _parties(ctx: FormContext, release: ReleaseDetails | None) -> list[Flowable]:
    """Who discloses and who receives, side by side."""
    t, c = ctx.texts, ctx.common
    site = ctx.site
    partner = release.partner if release else PartnerInfo("")
    half = (ctx.width - COLUMN_GAP) / 2
    discloser = [
        [Field(t.plain("parties.discloser"), site.name if site else "")],
        [Field(c.plain("fields.address"), site.address if site else "")],
        [Field(c.plain("fields.phone"), site.phone if site else "")],
    ]
    recipient = [
        [Field(t.plain("parties.recipient"), partner.name)],
        [Field(c.plain("fields.address"), partner.address)],
        [Field(c.plain("fields.phone"), partner.phone), Field(c.plain("fields.fax"), partner.fax)],
    ]
    both = side_by_side(
        [fields(ctx.st, discloser, half), fields(ctx.st, recipient, half)], ctx.width
    )
    flow: list[Flowable] = [both, spacer(6)]
    if release is None:
        flow.append(Paragraph(t.markup("parties.two_way_blank", box=box(False)), ctx.st.check))
    elif release.two_way:
        flow.append(Paragraph(t.markup("parties.two_way", site=ctx.site_name), ctx.st.body))
    return section(ctx.st, t.plain("sections.parties"), *flow)


def _purpose(ctx: FormContext, release: ReleaseDetails | None) -> list[Flowable]:
    t = ctx.texts
    flow: list[Flowable] = []
    if release is None:
        flow.append(Paragraph(t.markup("purpose_hint"), ctx.st.small))
    flow.append(text_or_lines(ctx.st, release.purpose if release else "", ctx.width, 3))
    return section(ctx.st, t.plain("sections.purpose"), *flow, keep=len(flow))


def _information(ctx: FormContext, release: ReleaseDetails | None) -> list[Flowable]:
    t, st = ctx.texts, ctx.st
    chosen = set(release.information_kinds) if release else set()
    entries = [(t.markup(f"kinds.{k.value}"), k in chosen) for k in InformationKind]
    hint = t.markup("information.hint" if release else "information.hint_blank")
    scope = fields(
        st, [[Field(t.plain("information.scope"), release.scope if release else "", 12)]], ctx.width
    )
    flow: list[Flowable] = [
        Paragraph(hint, st.small),
        checklist(st, entries, ctx.width, columns=2),
        scope,
        spacer(4),
        Paragraph(t.markup("information.psychotherapy_notes"), st.small),
    ]
    return section(st, t.plain("sections.information"), *flow, keep=2)


def _expiry(ctx: FormContext, release: ReleaseDetails | None) -> list[Flowable]:
    t, st = ctx.texts, ctx.st
    if release is None:
        flow: list[Flowable] = [
            Paragraph(t.markup("expiry.blank"), st.small),
            fields(
                st,
                [
                    [
                        Field(t.plain("expiry.end_date"), "", 4),
                        Field(t.plain("expiry.end_event"), "", 8),
                    ]
                ],
                ctx.width,
            ),
        ]
    else:
        flow = [Paragraph(_expiry_sentence(ctx, release), st.body)]
    return section(st, t.plain("sections.expiry"), *flow, keep=len(flow))


def _expiry_sentence(ctx: FormContext, release: ReleaseDetails) -> str:
    t = ctx.texts
    when = ctx.date(release.expires_on)
    event = release.expiry_event.strip()
    if when and event:
        return t.markup("expiry.date_and_event", date=when, event=event)
    if when:
        return t.markup("expiry.date", date=when)
    return t.markup("expiry.event", event=event)


def _rights(ctx: FormContext) -> list[str]:
    site = ctx.site
    address = f", {site.address}" if site and site.address else ""
    return [
        ctx.texts.markup(f"rights.{key}", site=ctx.site_name, address=address) for key in RIGHTS
    ]


def _laws(ctx: FormContext, release: ReleaseDetails | None) -> list[Flowable]:
    """FERPA always; HIV/STI and Part 2 when the release includes them (or on a blank)."""
    t = ctx.texts
    notices = set(release.notices) if release else set(Notice)
    ferpa = [t.markup("ferpa.body")]
    if release is None:
        ferpa.append(t.markup("ferpa.consent_blank"))
    elif Notice.FERPA in notices:
        ferpa.append(t.markup("ferpa.consent"))
    flow: list[Flowable] = [notice_box(ctx.st, t.plain("ferpa.title"), ferpa, ctx.width)]
    if Notice.HIV_STI in notices:
        flow += _hiv(ctx, blank=release is None)
    if Notice.PART_2 in notices:
        flow += _part2(ctx, release)
    return section(ctx.st, t.plain("sections.laws"), *flow)


def _hiv(ctx: FormContext, *, blank: bool) -> list[Flowable]:
    t, st = ctx.texts, ctx.st
    initials = fields(
        st,
        [[Field(t.plain("hiv.initials"), "", 4), Field("", "", 8, ruled=False)]],
        ctx.width,
    )
    title = Paragraph(t.plain("hiv.title"), st.subheading)
    body = Paragraph(t.markup("hiv.body_blank" if blank else "hiv.body"), st.body)
    return [spacer(8), KeepTogether([title, body, initials])]


def _part2(ctx: FormContext, release: ReleaseDetails | None) -> list[Flowable]:
    """The Part 2 consent elements, the minor's own signature, and the § 2.32 notice."""
    t, st, c = ctx.texts, ctx.st, ctx.common
    applies = t.markup("part2.applies" if release else "part2.applies_blank")
    detail = release.substance_use_detail if release else ""
    student_signature = fields(
        st,
        [[Field(t.plain("part2.signature"), "", 8), Field(c.plain("fields.date"), "", 4)]],
        ctx.width,
    )
    return [
        spacer(8),
        KeepTogether(
            [
                Paragraph(t.plain("part2.title"), st.subheading),
                Paragraph(f"<b>{applies}</b>", st.body),
                Paragraph(t.markup("part2.body"), st.body),
            ]
        ),
        fields(st, [[Field(t.plain("part2.detail"), detail, 12)]], ctx.width),
        spacer(6),
        KeepTogether([Paragraph(t.markup("part2.minor"), st.body), student_signature]),
        spacer(8),
        notice_box(
            st,
            t.plain("part2.notice_title"),
            t.items("part2.notice"),
            ctx.width,
            accent=CAUTION,
            fill=CAUTION_FILL,
        ),
    ]


def _signature(
    ctx: FormContext, signer: SignerKind, student: StudentDetail | None
) -> list[Flowable]:
    t = ctx.texts
    key = "signature.statement_student" if signer is SignerKind.STUDENT else "signature.statement"
    return signature_section(
        ctx,
        t.plain("sections.signature"),
        signer,
        student,
        statement=t.markup(key),
        relationship=t.plain("signature.relationship"),
    )


def render_release(
    *,
    student: StudentDetail,
    site: SiteInfo,
    release: ReleaseDetails,
    printed_on: date,
    lang: str,
    signer: SignerKind = SignerKind.GUARDIAN,
    record_id: uuid.UUID | None = None,
) -> bytes:
    """The authorization for one student and partner, ready to sign (whether the student
    may sign it is the printing service's check, not the renderer's)."""
    signer = SignerKind(signer)
    ctx = FormContext.create(FORM, lang, site)
    part = release_part(ctx, student, release, signer=signer, record_id=record_id)
    return build_pdf(ctx.info(printed_on), [part])


def render_release_blank(*, lang: str, site: SiteInfo | None = None) -> bytes:
    """The handwriting copy, with every optional part and nothing about any student."""
    ctx = FormContext.create(FORM, lang, site)
    return build_pdf(ctx.info(ctx.revised()), [release_part(ctx, None, None)])
