"""Printing: "print form X for record Y", the use case behind every Print menu entry.

Each function checks the permission, loads the records in one read, maps them onto the
forms' inputs (``forms.data``), picks the language (the family's, ``forms.default_language``,
unless one is given), renders the PDF in memory and audits ``form_printed`` with the form
kind, the language and the record's id: never a name. The PDF comes back as bytes inside a
``PrintedForm``; nothing is written to disk here, so the UI can preview and print from
memory and only a file the user chose (Save As) ever holds personal data.

What a letter may say is decided here, not in the window: a referral letter carries the
linked screening's result only when today's release-of-information check for that partner
covers screening results (and substance use, for a CRAFFT); a family's results letter
says what the band means in plain words from ``resources/forms/results_wording`` and never
prints a score or the clinical band name.

Site facts printed in headers come from the ``settings`` table: ``site_name`` and
``site_code`` (written at setup) and, when an administrator stored them, ``site_address``
and ``site_phone`` (empty otherwise).
"""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop import errors, forms
from clinic_desktop.clock import local_zone
from clinic_desktop.domain import sensitivity
from clinic_desktop.domain.audit import ReadView
from clinic_desktop.domain.consents import (
    ConsentKind,
    InformationKind,
    SignerKind,
    require_student_may_sign,
)
from clinic_desktop.domain.form_kinds import FormKind
from clinic_desktop.domain.records import StudentDetail
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.screening import load_instrument
from clinic_desktop.messages import Message, msg
from clinic_desktop.services import privacy
from clinic_desktop.services import settings as settings_service
from clinic_desktop.services.consents import check_records
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.form_inputs import (
    clinician_contact,
    family_wording,
    guardian_name,
    partner_info,
    school_year,
    school_year_end,
    site_from,
)
from clinic_desktop.services.partners import load_partner
from clinic_desktop.services.students import student_detail
from clinic_desktop.services.unit import SIGNED_IN, Reading, reading, require
from clinic_desktop.store.models import Consent, Partner, Referral, Screening, User, Visit
from clinic_desktop.store.rows import live

#: What a release printed before it is recorded names unless staff choose more: enough
#: for the partner to reach the family and for the referral loop to close.
DEFAULT_RELEASE_KINDS = (InformationKind.DEMOGRAPHICS, InformationKind.ATTENDANCE)
#: Referral letters are read by the partner's staff: English unless a language is given.
PARTNER_LANGUAGE = "en"
#: A return-to-class pass is read by the teacher.
TEACHER_LANGUAGE = "en"
#: Students in one consent packet: a class. Rendering takes about 2.5 s for 30 (see
#: docs/PERFORMANCE.md), and a longer stack is hard to split by hand.
MAX_PACKET_STUDENTS = 30
_TITLES = {
    FormKind.CONSENT: msg("Consent for school-based health services"),
    FormKind.RELEASE: msg("Release of information"),
    FormKind.REFERRAL: msg("Referral letter"),
    FormKind.RESULTS: msg("Screening results letter"),
    FormKind.PASS: msg("Return-to-class pass"),
    FormKind.PACKET: msg("Consent packet"),
    FormKind.INSTRUMENT: msg("Blank screening"),
}
_LANGUAGE_NAMES = {"en": msg("English"), "es": msg("Spanish")}
_RENDER_LOCK = threading.Lock()
_PAGES = re.compile(rb"<<[^<>]*?/Type\s*/Pages\b[^<>]*?>>")
_COUNT = re.compile(rb"/Count\s+(\d+)")


@dataclass(frozen=True)
class PrintedForm:
    """A rendered form, in memory. ``suggested_name`` and ``title`` carry the form's kind
    and language only, so a file name or a window title never names a student."""

    data: bytes
    suggested_name: str
    title: str

    @property
    def page_count(self) -> int:
        """Pages in the PDF (read from its page tree, so no PDF library is needed)."""
        counts = [int(n) for block in _PAGES.findall(self.data) for n in _COUNT.findall(block)]
        return max(counts, default=0)


# --- forms about a student ---------------------------------------------------------------


def consent_form(
    session: ClinicSession,
    student_id: uuid.UUID,
    lang: str | None = None,
    self_consent: bool = False,
) -> PrintedForm:
    """The consent for services, for the guardian to sign (``self_consent``: the student's
    own version, refused unless the site's minor-consent rule allows it today)."""
    with reading(session, Permission.VIEW_CHART, ReadView.CONSENT_FORM, student_id) as read:
        db = read.db
        student = student_detail(db, student_id)
        site = site_from(db)
        rule = settings_service.load(db).minor_consent
        today = session.today()
        if self_consent:
            require_student_may_sign(rule, ConsentKind.SERVICES, student.age(today))
        chosen = _family_language(lang, student)
        data = _render(
            FormKind.CONSENT,
            lang=chosen,
            student=student,
            site=site,
            printed_on=today,
            school_year=school_year(today),
            signer=SignerKind.STUDENT if self_consent else SignerKind.GUARDIAN,
            rule=rule,
        )
        return _printed(read, FormKind.CONSENT, chosen, data)


def release_form(
    session: ClinicSession, consent_id: uuid.UUID, lang: str | None = None
) -> PrintedForm:
    """A recorded release of information again, as it was signed (a copy for the family
    or the partner)."""
    with reading(session, Permission.VIEW_CHART, ReadView.RELEASE_FORM, consent_id) as read:
        db = read.db
        consent = _release_row(db, consent_id)
        student = student_detail(db, consent.student_id)
        details = release_details(consent, load_partner(db, consent.partner_id))
        signer, record_id = SignerKind(consent.signer_kind), consent.id
        site = site_from(db)
        rule = settings_service.load(db).minor_consent
        today = session.today()
        if signer is SignerKind.STUDENT:
            kind = ConsentKind.RELEASE_OF_INFORMATION
            require_student_may_sign(rule, kind, student.age(today))
        chosen = _family_language(lang, student)
        data = _render(
            FormKind.RELEASE,
            lang=chosen,
            student=student,
            site=site,
            release=details,
            printed_on=today,
            signer=signer,
            record_id=record_id,
        )
        return _printed(read, FormKind.RELEASE, chosen, data)


def release_form_for(
    session: ClinicSession,
    student_id: uuid.UUID,
    partner_id: uuid.UUID,
    lang: str | None = None,
    *,
    purpose: str = "",
    information_kinds: Iterable[str] = DEFAULT_RELEASE_KINDS,
    expires_on: date | None = None,
    expiry_event: str = "",
) -> PrintedForm:
    """A release for the family to sign before it is recorded: the student and partner
    pre-printed, the purpose on lines to write on when none is given, and (without an
    expiry) valid to the end of the school year."""
    view = ReadView.BLANK_RELEASE_FORM
    with reading(session, Permission.VIEW_CHART, view, student_id) as read:
        student = student_detail(read.db, student_id)
        partner = partner_info(load_partner(read.db, partner_id))
        site = site_from(read.db)
        today = session.today()
        if expires_on is None and not expiry_event.strip():
            expires_on = school_year_end(today)
        details = forms.ReleaseDetails(
            partner=partner,
            purpose=purpose,
            information_kinds=tuple(information_kinds),
            expires_on=expires_on,
            expiry_event=expiry_event,
        )
        chosen = _family_language(lang, student)
        data = _render(
            FormKind.RELEASE,
            lang=chosen,
            student=student,
            site=site,
            release=details,
            printed_on=today,
        )
        return _printed(read, FormKind.RELEASE, chosen, data, partner=str(partner_id))


def referral_letter(
    session: ClinicSession, referral_id: uuid.UUID, lang: str | None = None
) -> PrintedForm:
    """The letter to the partner; the linked screening's result prints only when today's
    release for that partner covers it (see ``_release_cover``)."""
    today = session.today()
    chosen = forms.resolve_language(lang or PARTNER_LANGUAGE)
    with reading(session, Permission.VIEW_CHART, ReadView.REFERRAL_LETTER, referral_id) as read:
        db = read.db
        row = _referral_row(db, referral_id)
        privacy.require_printable(session, _form_restriction(session, db, FormKind.REFERRAL, row))
        student = student_detail(db, row.student_id)
        partner = load_partner(db, row.partner_id)
        site = site_from(db)
        letter = _letter(db, row, partner, site, chosen, _Day(today, local_zone(session.now())))
        data = _render(
            FormKind.REFERRAL,
            lang=chosen,
            student=student,
            site=site,
            letter=letter,
            printed_on=today,
        )
        results = bool(letter.printable_results)
        return _printed(read, FormKind.REFERRAL, chosen, data, results=results)


def results_letter(
    session: ClinicSession,
    screening_id: uuid.UUID,
    lang: str | None = None,
    next_steps: Sequence[str] | None = None,
) -> PrintedForm:
    """A screening's result for the family in plain words (no score); ``next_steps``
    replaces the wording's own when the clinician wrote something more specific."""
    zone = local_zone(session.now())
    view = ReadView.RESULTS_LETTER
    with reading(session, Permission.VIEW_CHART, view, screening_id) as read:
        db = read.db
        row = _screening_row(db, screening_id)
        privacy.require_printable(session, _form_restriction(session, db, FormKind.RESULTS, row))
        student = student_detail(db, row.student_id)
        site = site_from(db)
        chosen = _family_language(lang, student)
        letter = _results(row, chosen, clinician_contact(db, row.administered_by, site), zone)
        if next_steps:
            letter = replace(letter, next_steps=tuple(next_steps))
        letter = replace(letter, guardian_name=guardian_name(student))
        data = _render(
            FormKind.RESULTS,
            lang=chosen,
            student=student,
            site=site,
            letter=letter,
            printed_on=session.today(),
        )
        return _printed(read, FormKind.RESULTS, chosen, data)


def class_pass(session: ClinicSession, visit_id: uuid.UUID, lang: str | None = None) -> PrintedForm:
    """The pass back to class for a visit: times and where the student went, nothing
    clinical (the form itself takes no reason or note)."""
    zone = local_zone(session.now())
    with reading(session, Permission.VIEW_CHART, ReadView.CLASS_PASS, visit_id) as read:
        visit = _visit_row(read.db, visit_id)
        if visit.disposition is None:
            raise errors.ConflictError(
                "This visit is still open: choose where the student went before printing a pass."
            )
        student = student_detail(read.db, visit.student_id)
        site = site_from(read.db)
        details = _pass_details(read.db, visit, student, zone)
        chosen = forms.resolve_language(lang or TEACHER_LANGUAGE)
        data = _render(FormKind.PASS, lang=chosen, site=site, details=details)
        return _printed(read, FormKind.PASS, chosen, data)


def consent_packet(
    session: ClinicSession, student_ids: Sequence[uuid.UUID], lang: str | None = None
) -> PrintedForm:
    """Consent forms for many students in one PDF (start of year), each in its family's
    language unless ``lang`` forces one; at most ``MAX_PACKET_STUDENTS``."""
    require(session, Permission.VIEW_CHART)
    if not student_ids:
        raise errors.ValidationError([errors.FieldError("students", "choose at least one")])
    if len(student_ids) > MAX_PACKET_STUDENTS:
        reason = msg(
            "at most {MAX_PACKET_STUDENTS} in one packet", MAX_PACKET_STUDENTS=MAX_PACKET_STUDENTS
        )
        raise errors.ValidationError([errors.FieldError("students", reason)])
    with reading(session, Permission.VIEW_CHART, ReadView.CONSENT_PACKET) as read:
        students = [student_detail(read.db, sid) for sid in student_ids]
        site = site_from(read.db)
        today = session.today()
        chosen = forms.resolve_language(lang) if lang else None
        data = _render(
            FormKind.PACKET,
            lang=chosen,
            students=students,
            site=site,
            printed_on=today,
            school_year=school_year(today),
        )
        printed = [str(s) for s in student_ids]
        return _printed(read, FormKind.PACKET, chosen or "mixed", data, students=printed)


# --- blank forms (no personal data: no session, no audit) --------------------------------


def blank_form(kind: str, lang: str, *, site: forms.SiteInfo | None = None) -> PrintedForm:
    """The handwriting copy of ``kind`` (``forms.BLANK_KINDS``); ``site`` prints the
    clinic's header, None a generic one."""
    form = FormKind(kind)
    chosen = forms.resolve_language(lang)
    data = _render(form, lang=chosen, blank=True, site=site)
    name = forms.suggested_filename(form, chosen, blank=True)
    return PrintedForm(data, name, _blank_title(_TITLES[form], chosen))


def blank_instrument(
    instrument_id: str, lang: str, *, site: forms.SiteInfo | None = None
) -> PrintedForm:
    """A screening questionnaire to fill in by hand."""
    chosen = forms.resolve_language(lang)
    data = _render(FormKind.INSTRUMENT, lang=chosen, instrument_id=instrument_id, site=site)
    name = forms.suggested_filename(FormKind.INSTRUMENT, chosen, instrument_id=instrument_id)
    title = load_instrument(instrument_id).short_name
    return PrintedForm(data, name, _blank_title(title, chosen))


def _blank_title(title: str, lang: str) -> Message:
    """ "PHQ-9 (blank, Spanish)": an instrument's short name is a name, a form's a message."""
    return msg("{title} (blank, {language})", title=title, language=_LANGUAGE_NAMES[lang])


def site_details(session: ClinicSession) -> forms.SiteInfo:
    """The clinic's header facts (any signed-in user: they are on every blank form too)."""
    with reading(session, SIGNED_IN, ReadView.SITE_DETAILS) as read:
        return site_from(read.db)


# --- what a chart can print --------------------------------------------------------------


@dataclass(frozen=True)
class PrintChoice:
    """One record a form can be printed for: ``name`` is the partner or instrument."""

    record_id: uuid.UUID
    name: str
    on: date
    status: str = ""


@dataclass(frozen=True)
class PrintChoices:
    """What the chart's Print menu offers: releases and referrals newest first, and the
    newest screening and visit."""

    student_id: uuid.UUID
    releases: tuple[PrintChoice, ...]
    referrals: tuple[PrintChoice, ...]
    latest_screening: PrintChoice | None
    latest_visit: PrintChoice | None


def print_choices(session: ClinicSession, student_id: uuid.UUID) -> PrintChoices:
    """The records of a chart that have a form (a chart read: audited with counts)."""
    zone = local_zone(session.now())
    with reading(session, Permission.VIEW_CHART, ReadView.PRINT_CHOICES, student_id) as read:
        db = read.db
        student_detail(db, student_id)
        choices = PrintChoices(
            student_id=student_id,
            releases=tuple(_release_choices(db, student_id)),
            referrals=tuple(_referral_choices(db, session, student_id, zone)),
            latest_screening=_latest_screening(db, session, student_id, zone),
            latest_visit=_latest_visit(db, student_id, zone),
        )
        read.note(releases=len(choices.releases), referrals=len(choices.referrals))
    return choices


def _release_choices(db: Session, student_id: uuid.UUID) -> list[PrintChoice]:
    rows = db.execute(
        select(Consent, Partner.name)
        .join(Partner, Consent.partner_id == Partner.id)
        .where(
            Consent.student_id == student_id,
            Consent.kind == ConsentKind.RELEASE_OF_INFORMATION.value,
            Consent.deleted_at.is_(None),
        )
        .order_by(Consent.signed_on.desc(), Consent.created_at.desc())
    ).all()
    return [
        PrintChoice(c.id, name, c.signed_on, "revoked" if c.revoked_on else "") for c, name in rows
    ]


def _referral_choices(
    db: Session, session: ClinicSession, student_id: uuid.UUID, zone: tzinfo
) -> list[PrintChoice]:
    """Referrals whose letter the role may print (``privacy``): the menu offers no
    letter that would be refused."""
    rows = db.execute(
        select(Referral, Partner.name)
        .join(Partner, Referral.partner_id == Partner.id)
        .where(Referral.student_id == student_id, Referral.deleted_at.is_(None))
        .order_by(Referral.created_at.desc())
    ).all()
    sources = privacy.referral_sources(db, {r.id for r, _ in rows})
    return [
        PrintChoice(r.id, name, r.created_at.astimezone(zone).date(), r.status)
        for r, name in rows
        if not privacy.referral_restriction(session, sources.get(r.id)).restricted
    ]


def _form_restriction(session: ClinicSession, db: Session, kind: FormKind, row: Any) -> Any:
    """What the reader may see of the record a form carries (``sensitivity.form_record``:
    a referral letter its referral, a results letter its screening; other forms none)."""
    carried = sensitivity.form_record(kind.value)
    if carried == "referral":
        source = privacy.referral_sources(db, [row.id]).get(row.id)
        return privacy.referral_restriction(session, source)
    if carried == "screening":
        return privacy.screening_restriction(session, row.instrument_id, row.administered_by)
    return sensitivity.OPEN


def _latest_screening(
    db: Session, session: ClinicSession, student_id: uuid.UUID, zone: tzinfo
) -> PrintChoice | None:
    """The newest screening, when the role may print its results letter."""
    row = db.scalar(
        select(Screening)
        .where(
            Screening.student_id == student_id,
            Screening.deleted_at.is_(None),
            # A screening still in progress or stopped has no results to send home.
            Screening.status == "complete",
        )
        .order_by(Screening.administered_at.desc())
        .limit(1)
    )
    if row is None:
        return None
    if privacy.screening_restriction(session, row.instrument_id, row.administered_by).restricted:
        return None
    name = load_instrument(row.instrument_id).short_name
    return PrintChoice(row.id, name, row.administered_at.astimezone(zone).date())


def _latest_visit(db: Session, student_id: uuid.UUID, zone: tzinfo) -> PrintChoice | None:
    row = db.scalar(
        select(Visit)
        .where(
            Visit.student_id == student_id,
            Visit.deleted_at.is_(None),
            Visit.disposition.is_not(None),  # a pass prints only where a person said
        )
        .order_by(Visit.occurred_at.desc())
        .limit(1)
    )
    if row is None:
        return None
    return PrintChoice(row.id, row.disposition or "", row.occurred_at.astimezone(zone).date())


# --- mapping records onto form inputs ----------------------------------------------------


def release_details(consent: Consent, partner: Partner) -> forms.ReleaseDetails:
    """A recorded release as the form names it."""
    return forms.ReleaseDetails(
        partner=partner_info(partner),
        purpose=consent.purpose,
        information_kinds=tuple(consent.information_kinds or ()),
        expires_on=consent.expires_on,
        expiry_event=consent.expiry_event,
        scope=consent.scope,
    )


def _results(
    row: Screening, lang: str, clinician: forms.ClinicianContact, zone: tzinfo
) -> forms.ResultsLetter:
    """The family letter's content: the band in plain words, never the score."""
    wording = family_wording(row.instrument_id, row.band if row.complete else None, lang)
    return forms.ResultsLetter(
        instrument_title=load_instrument(row.instrument_id).title.get(lang),
        screened_on=row.administered_at.astimezone(zone).date(),
        band_label=wording.label,
        next_steps=wording.next_steps,
        clinician=clinician,
        screening_id=row.id,
    )


def _pass_details(
    db: Session, visit: Visit, student: StudentDetail, zone: tzinfo
) -> forms.PassDetails:
    author = db.get(User, visit.author_id)
    time_in = visit.occurred_at.astimezone(zone)
    return forms.PassDetails(
        student_name=f"{student.first_name} {student.last_name}".strip(),
        time_in=time_in,
        time_out=time_in + timedelta(minutes=visit.duration_minutes),
        disposition=visit.disposition,
        staff_name=author.display_name if author else "",
        visit_id=visit.id,
    )


@dataclass(frozen=True)
class _Day:
    """The clinic's today and time zone, which dates on a letter are read in."""

    today: date
    zone: tzinfo


def _letter(
    db: Session,
    row: Referral,
    partner: Partner,
    site: forms.SiteInfo,
    lang: str,
    day: _Day,
) -> forms.ReferralLetter:
    screening = db.get(Screening, row.screening_id) if row.screening_id else None
    signed_on, covers = _release_cover(db, row.student_id, partner, screening, day.today)
    results = (_summary(screening, lang, day.zone),) if screening is not None and covers else ()
    return forms.ReferralLetter(
        partner=partner_info(partner),
        reason=row.reason,
        urgency=row.urgency,
        clinician=clinician_contact(db, row.created_by, site),
        screening_results=results,
        release_covers_screening=covers,
        release_signed_on=signed_on,
        part2_notice=bool(results) and _is_substance_use(screening),
        referral_id=row.id,
    )


def _release_cover(
    db: Session,
    student_id: uuid.UUID,
    partner: Partner,
    screening: Screening | None,
    today: date,
) -> tuple[date | None, bool]:
    """(the date the release in force was signed, whether it covers the screening): the
    same check the referral gate makes, judged today."""
    release = ConsentKind.RELEASE_OF_INFORMATION
    base = check_records(db, student_id, release, today, partner)
    signed_on = base.consent.signed_on if base.valid and base.consent else None
    if screening is None or not base.valid:
        return signed_on, False
    needed = [InformationKind.SCREENING_RESULTS.value]
    if _is_substance_use(screening):
        needed.append(InformationKind.SUBSTANCE_USE.value)
    return signed_on, check_records(db, student_id, release, today, partner, needed).valid


def _is_substance_use(screening: Screening | None) -> bool:
    """A CRAFFT result is substance use information (42 CFR Part 2 applies)."""
    return screening is not None and screening.instrument_id == "crafft"


def _summary(screening: Screening, lang: str, zone: tzinfo) -> forms.ScreeningSummary:
    instrument = load_instrument(screening.instrument_id)
    band = instrument.band_label(screening.band, lang) if screening.band else ""
    return forms.ScreeningSummary(
        instrument_title=instrument.title.get(lang),
        administered_on=screening.administered_at.astimezone(zone).date(),
        total=screening.total,
        band_label=band,
    )


def _family_language(lang: str | None, student: StudentDetail) -> str:
    return forms.resolve_language(lang) if lang else forms.default_language(student)


# --- loading -----------------------------------------------------------------------------


def _release_row(db: Session, consent_id: uuid.UUID) -> Consent:
    row = live(db, Consent, consent_id)
    if row.kind != ConsentKind.RELEASE_OF_INFORMATION.value:
        raise errors.ValidationError(
            [errors.FieldError("consent_id", "is not a release of information")]
        )
    return row


def _referral_row(db: Session, referral_id: uuid.UUID) -> Referral:
    return live(db, Referral, referral_id)


def _screening_row(db: Session, screening_id: uuid.UUID) -> Screening:
    return live(db, Screening, screening_id)


def _visit_row(db: Session, visit_id: uuid.UUID) -> Visit:
    return live(db, Visit, visit_id)


def _render(kind: str, **objects: Any) -> bytes:
    """``forms.render`` one at a time: ReportLab's fonts and their subsetting state are
    shared by the whole process, and two windows may print at once."""
    with _RENDER_LOCK:
        return forms.render(kind, **objects)


# --- result and audit --------------------------------------------------------------------


def _printed(read: Reading, kind: FormKind, lang: str, data: bytes, **extra: object) -> PrintedForm:
    """Note what the ``form_printed`` row says (kind, language, ids; never a name) and wrap
    the bytes."""
    read.note(kind=kind.value, lang=lang, **extra)
    name_lang = lang if lang in _LANGUAGE_NAMES else "en"
    name = forms.suggested_filename(kind, name_lang)
    if kind is FormKind.PACKET and lang not in _LANGUAGE_NAMES:
        name = name.replace("-en.pdf", ".pdf")
    language = _LANGUAGE_NAMES.get(lang, msg("each family's language"))
    return PrintedForm(
        data, name, msg("{title} ({language})", title=_TITLES[kind], language=language)
    )
