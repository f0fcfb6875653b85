"""The start-of-year consent packet: one PDF with a consent form for each student on a list,
each student on fresh pages, numbered on their own and carrying their own QR code, so the
stack can be printed once, split by student and sent home.

Each student's form is in that family's language unless one language is forced, so a
single print run serves a bilingual school.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from clinic_desktop.domain.records import StudentDetail
from clinic_desktop.forms.common import FormContext, default_language
from clinic_desktop.forms.consent import FORM as CONSENT_FORM
from clinic_desktop.forms.consent import consent_part
from clinic_desktop.forms.data import SiteInfo
from clinic_desktop.forms.template import Part, build_pdf
from clinic_desktop.forms.texts import resolve_language

FORM = "packet"


def render_packet(
    *,
    students: Sequence[StudentDetail],
    site: SiteInfo,
    printed_on: date,
    lang: str | None = None,
    school_year: str = "",
) -> bytes:
    """Consent forms for ``students``, in list order; ``lang`` None gives each family its
    own language (``default_language``), a code prints every form in that language."""
    if not students:
        raise ValueError("a consent packet needs at least one student")
    parts = [_student_part(s, site, lang, school_year) for s in students]
    ctx = FormContext.create(FORM, resolve_language(lang), site)
    return build_pdf(ctx.info(printed_on), parts)


def _student_part(
    student: StudentDetail, site: SiteInfo, lang: str | None, school_year: str
) -> Part:
    chosen = resolve_language(lang) if lang else default_language(student)
    ctx = FormContext.create(CONSENT_FORM, chosen, site)
    return consent_part(ctx, student, school_year=school_year)
