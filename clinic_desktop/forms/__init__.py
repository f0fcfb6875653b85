"""Printed forms (ReportLab): consent, release of information, referral and results letters,
return-to-class pass, the start-of-year consent packet and blank screening instruments.

One entry point, ``render(kind, lang=..., **objects) -> bytes``, used by the UI's preview
and print (through Qt), the CLI and the tests alike. Documents are built from plain
inputs (``forms.data`` and ``domain.records`` views) and the texts in
``resources/forms``; the same inputs always give the same bytes.

Which objects each kind takes (``blank=True`` takes only ``site``, optional, plus the
options marked *):

=============  ===========================================================================
consent        student, site, printed_on, school_year*, signer*, rule*, record_id
release        student, site, release (ReleaseDetails), printed_on, signer, rule, record_id
referral       student, site, letter (ReferralLetter), printed_on
results        student, site, letter (ResultsLetter), printed_on
pass           site, details (PassDetails)
packet         students, site, printed_on, school_year (no blank version)
instrument     instrument_id, site (always blank)
=============  ===========================================================================
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clinic_desktop.domain.form_kinds import BLANK_KINDS, FormKind
from clinic_desktop.forms.class_pass import render_pass, render_pass_blank
from clinic_desktop.forms.common import default_language
from clinic_desktop.forms.consent import render_consent, render_consent_blank
from clinic_desktop.forms.data import (
    AskBack,
    ClinicianContact,
    PartnerInfo,
    PassDetails,
    ReferralLetter,
    ReleaseDetails,
    ResultsLetter,
    ScreeningSummary,
    SiteInfo,
)
from clinic_desktop.forms.instrument import render_instrument
from clinic_desktop.forms.packet import render_packet
from clinic_desktop.forms.referral import render_referral, render_referral_blank
from clinic_desktop.forms.release import render_release, render_release_blank
from clinic_desktop.forms.results import render_results, render_results_blank
from clinic_desktop.forms.texts import SUPPORTED_LANGUAGES, resolve_language

__all__ = [
    "BLANK_KINDS",
    "SUPPORTED_LANGUAGES",
    "AskBack",
    "ClinicianContact",
    "FormKind",
    "PartnerInfo",
    "PassDetails",
    "ReferralLetter",
    "ReleaseDetails",
    "ResultsLetter",
    "ScreeningSummary",
    "SiteInfo",
    "default_language",
    "render",
    "resolve_language",
    "suggested_filename",
]


_FILLED: dict[FormKind, Callable[..., bytes]] = {
    FormKind.CONSENT: render_consent,
    FormKind.RELEASE: render_release,
    FormKind.REFERRAL: render_referral,
    FormKind.RESULTS: render_results,
    FormKind.PASS: render_pass,
    FormKind.PACKET: render_packet,
    FormKind.INSTRUMENT: render_instrument,
}
_BLANK: dict[FormKind, Callable[..., bytes]] = {
    FormKind.CONSENT: render_consent_blank,
    FormKind.RELEASE: render_release_blank,
    FormKind.REFERRAL: render_referral_blank,
    FormKind.RESULTS: render_results_blank,
    FormKind.PASS: render_pass_blank,
    FormKind.INSTRUMENT: render_instrument,
}
#: File names carry the kind and language only: never a student's name.
_SLUGS = {
    FormKind.CONSENT: "consent-for-services",
    FormKind.RELEASE: "release-of-information",
    FormKind.REFERRAL: "referral-letter",
    FormKind.RESULTS: "screening-results-letter",
    FormKind.PASS: "return-to-class-pass",
    FormKind.PACKET: "consent-packet",
    FormKind.INSTRUMENT: "screening",
}


def render(kind: str, *, lang: str | None = None, blank: bool = False, **objects: Any) -> bytes:
    """The PDF of ``kind`` built from ``objects`` (see the module docstring for each kind).

    ``lang`` None prints in the family's language (``default_language`` of the student;
    per student in a packet; English where there is no student); any unsupported language
    falls back to English. ``blank=True`` gives the handwriting copy, which takes no
    personal data at all. Unknown kinds and objects a kind does not take are programming
    errors (``ValueError`` / ``TypeError``). Who may sign is checked before, by the
    printing service.
    """
    form = _kind(kind)
    table = _BLANK if blank else _FILLED
    if form not in table:
        raise ValueError(f"there is no blank {form} form")
    if form is FormKind.PACKET:
        return table[form](lang=lang, **objects)
    return table[form](lang=_language(lang, objects), **objects)


def _kind(kind: str) -> FormKind:
    try:
        return FormKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in FormKind)
        raise ValueError(f"unknown form kind {kind!r} (known: {known})") from None


def _language(lang: str | None, objects: dict[str, Any]) -> str:
    if lang:
        return resolve_language(lang)
    return default_language(objects.get("student"))


def suggested_filename(
    kind: str, lang: str, *, blank: bool = False, instrument_id: str = ""
) -> str:
    """A file name with no personal data: ``release-of-information-es.pdf``,
    ``consent-for-services-blank-en.pdf``, ``screening-phq9-es.pdf``."""
    form = _kind(kind)
    parts = [_SLUGS[form]]
    if form is FormKind.INSTRUMENT and instrument_id:
        parts.append(instrument_id.replace("_", "-"))
    if blank and form is not FormKind.INSTRUMENT:
        parts.append("blank")
    parts.append(resolve_language(lang))
    return "-".join(parts) + ".pdf"
