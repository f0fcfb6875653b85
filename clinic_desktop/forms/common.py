"""What several documents share: the form context, the student block, the signature block
and the page decoration built from a form's texts.

A ``FormContext`` bundles one form's texts, the shared texts, the styles and the site, so
each document module reads as a list of sections rather than plumbing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, Paragraph

from clinic_desktop.domain.consents import SignerKind
from clinic_desktop.domain.records import GuardianView, StudentDetail
from clinic_desktop.forms.blocks import Field, fields, office_strip, section, spacer
from clinic_desktop.forms.data import SiteInfo
from clinic_desktop.forms.styles import Styles, styles
from clinic_desktop.forms.template import (
    LETTER_PAGE,
    Decoration,
    DocumentInfo,
    PageSpec,
    QrPayload,
    body_width,
)
from clinic_desktop.forms.texts import Texts, format_date, resolve_language


@dataclass(frozen=True)
class FormContext:
    """One form in one language for one site (``site`` None on a generic blank form)."""

    texts: Texts
    common: Texts
    site: SiteInfo | None
    spec: PageSpec = LETTER_PAGE
    scale: float = 1.0

    @classmethod
    def create(
        cls,
        form: str,
        lang: str,
        site: SiteInfo | None,
        spec: PageSpec = LETTER_PAGE,
        scale: float = 1.0,
    ) -> FormContext:
        return cls(Texts(form, lang), Texts("common", lang), site, spec, scale)

    @property
    def lang(self) -> str:
        return self.texts.lang

    @property
    def st(self) -> Styles:
        return styles(self.scale)

    @property
    def width(self) -> float:
        return body_width(self.spec)

    @property
    def site_name(self) -> str:
        """The site's name, or a generic one on a blank form printed without a site."""
        return self.site.name if self.site else self.common.plain("header.default_site")

    def date(self, day: date | None) -> str:
        return format_date(day, self.lang)

    def relation(self, guardian: GuardianView | None) -> str:
        """A guardian's relation in this language ("mother" -> "Madre"); unknown ones as is."""
        if guardian is None:
            return ""
        labels = self.common.raw("relations")
        return str(labels.get(guardian.relation.lower(), guardian.relation))

    def revised(self) -> date:
        """The date the form's texts were last revised: the creation date of blank copies."""
        return date.fromisoformat(str(self.texts.raw("revised")))

    def decoration(
        self,
        *,
        student_id: uuid.UUID | None = None,
        record_id: uuid.UUID | None = None,
        confidential: bool = True,
        kind: str | None = None,
        running_title: str | None = None,
        form_id: str | None = None,
        version: str | None = None,
    ) -> Decoration:
        """The header and footer of this form's pages (``form_id`` and ``version`` override
        the texts' own, for documents versioned elsewhere, such as instruments)."""
        site = self.site
        form_id = form_id or self.form_id
        version = version or self.version
        line = " · ".join(p for p in (site.address, site.phone) if p) if site else ""
        return Decoration(
            site_name=self.site_name,
            site_line=line,
            running_title=running_title or self.texts.plain("title"),
            form_line=self.common.plain("footer.form", form_id=form_id, version=version),
            page_label=self.common.raw("footer.page"),
            qr=QrPayload(
                kind=kind or self.texts.form,
                version=version,
                lang=self.lang,
                student_id=student_id,
                record_id=record_id,
            ),
            confidential=self.common.plain("footer.confidential") if confidential else "",
            logo_path=site.logo_path if site else None,
            logo_image=site.logo_image if site else None,
        )

    @property
    def form_id(self) -> str:
        return str(self.texts.raw("form_id"))

    @property
    def version(self) -> str:
        return str(self.texts.raw("version"))

    def info(
        self, created: date, *, title: str | None = None, keywords: tuple[str, ...] = ()
    ) -> DocumentInfo:
        """PDF metadata: generic titles only, never a student's name."""
        return DocumentInfo(
            title=title or self.texts.plain("title"),
            subject=self.texts.plain("subject"),
            lang=self.lang,
            created=created,
            author=self.site_name,
            keywords=keywords or (self.form_id, self.version, self.lang),
        )


def default_language(
    student: StudentDetail | None, guardians: Sequence[GuardianView] | None = None
) -> str:
    """The language a form for this family should be printed in: Spanish when the first
    guardian with authority to consent reads Spanish ("es", "es-MX", "Spanish"), else
    English. Without a consenting guardian the student's own language decides, and any
    language the forms are not written in falls back to English."""
    guardian = consenting_guardian(student, guardians)
    if guardian is not None:
        return resolve_language(guardian.language)
    return resolve_language(student.language if student is not None else None)


def full_name(student: StudentDetail | None) -> str:
    """The legal name as forms print it ("José Ñúñez"); "" on a blank form."""
    if student is None:
        return ""
    return f"{student.first_name} {student.last_name}".strip()


def consenting_guardian(
    student: StudentDetail | None, guardians: Sequence[GuardianView] | None = None
) -> GuardianView | None:
    """The first guardian with legal authority to consent, else None."""
    if guardians is None:
        guardians = student.guardians if student is not None else ()
    return next((g for g in guardians if g.can_consent), None)


def student_block(ctx: FormContext, student: StudentDetail | None) -> Flowable:
    """Name, date of birth, school, grade and district id, or blank lines for them."""
    c = ctx.common
    s = student
    return fields(
        ctx.st,
        [
            [
                Field(c.plain("fields.student_name"), full_name(s), 8),
                Field(c.plain("fields.date_of_birth"), ctx.date(s.date_of_birth) if s else "", 4),
            ],
            [
                Field(c.plain("fields.school"), _school(s), 6),
                Field(c.plain("fields.grade"), s.grade if s else "", 2),
                Field(c.plain("fields.student_id"), s.district_id if s else "", 4),
            ],
        ],
        ctx.width,
    )


def _school(student: StudentDetail | None) -> str:
    if student is None:
        return ""
    return student.school_name or student.school_code


def signature_block(
    ctx: FormContext,
    signer: SignerKind,
    student: StudentDetail | None,
    *,
    relationship: str = "",
    statement: str = "",
) -> list[Flowable]:
    """The statement the signer agrees to, then signature, date, printed name and
    relationship lines. A guardian's name and relationship are pre-printed when known; the
    signature and date are always left for ink."""
    c = ctx.common
    if signer is SignerKind.STUDENT:
        rows = [
            [
                Field(c.plain("fields.signature_student"), "", 8),
                Field(c.plain("fields.date"), "", 4),
            ],
            [Field(c.plain("fields.printed_name"), full_name(student), 8)],
        ]
    else:
        guardian = consenting_guardian(student)
        rows = [
            [
                Field(c.plain("fields.signature_guardian"), "", 8),
                Field(c.plain("fields.date"), "", 4),
            ],
            [
                Field(c.plain("fields.printed_name"), guardian.name if guardian else "", 8),
                Field(relationship or c.plain("fields.relationship"), ctx.relation(guardian), 4),
            ],
            [Field(c.plain("fields.phone"), _phone(guardian), 8)],
        ]
    flow: list[Flowable] = []
    if statement:
        flow.append(Paragraph(statement, ctx.st.body))
    flow.append(fields(ctx.st, rows, ctx.width))
    return flow


def signature_section(
    ctx: FormContext,
    title: str,
    signer: SignerKind,
    student: StudentDetail | None,
    *,
    statement: str = "",
    relationship: str = "",
) -> list[Flowable]:
    """A headed signature block, heading, statement and lines all on one page."""
    flow = signature_block(ctx, signer, student, statement=statement, relationship=relationship)
    return section(ctx.st, title, *flow, keep=len(flow))


def _phone(guardian: GuardianView | None) -> str:
    return guardian.phones[0] if guardian and guardian.phones else ""


def office_use(ctx: FormContext, keys: Sequence[str]) -> list[Flowable]:
    """The "for clinic use only" strip at the end of a form."""
    c = ctx.common
    captions = [c.plain(f"office.{key}") for key in keys]
    return [spacer(6), office_strip(ctx.st, c.plain("office.title"), captions, ctx.width)]
