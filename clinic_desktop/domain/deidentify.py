"""De-identification for the district's batches, under one of two export profiles.

* ``safe-harbor`` (the default): HIPAA Safe Harbor, 45 CFR 164.514(b)(2). Of every date
  only the year leaves (164.514(b)(2)(i)(C)), and the age beside it is the age reached in
  that year (year minus birth year), so no month can be worked out from an age changing
  between two events.
* ``limited-data-set``: 45 CFR 164.514(e), only under a data use agreement the district
  names in its provisioning file: dates keep year and month, and ages are whole years at
  the event.

The exporter reads only the columns listed in the ``*Source`` records below (never a name,
a note, a reason, a guardian or an id) and hands them to ``Deidentifier``, which returns
``Deid*`` records holding nothing but codes from closed vocabularies. Everything that is
not recognised as an allowed code is dropped or replaced by ``None``/``"other"``, so a
typo, a new column or a clinician's free text in a code field cannot leave the clinic.

The rules, and why:

* **Students** appear under their random ``pseudonym`` (drawn once, kept only in the
  store): a re-identification code that is not derived from anything about the student
  (164.514(c)), so the district can link a student's records across batches but cannot
  find out who it is.
* **Other record ids** are ``record_id``: an HMAC of the row's UUID under a random secret
  that never leaves the store. Stable across batches (a correction replaces the older
  version at the district) and useless without the clinic's database.
* **Dates** keep the year only (safe-harbor) or the year and month (limited-data-set);
  ages over 89 are aggregated into "90 or older" (the Safe Harbor age rule) in both.
* **ZIP codes** keep their first three digits, and become ``000`` for the three-digit
  areas with 20,000 people or fewer (``SPARSE_ZIP3``, from the 2000 Census, as HHS lists).
* **Schools** travel by their site-assigned code; **no free text of any kind**: visit
  reasons and notes, flag messages, consent scopes and partner names never enter here.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache

from clinic_desktop.domain import screening
from clinic_desktop.domain.consents import ConsentChip, ConsentKind, ConsentRecord, SignerKind
from clinic_desktop.domain.consents import consent_status_chip as _chip
from clinic_desktop.domain.partners import PartnerKind
from clinic_desktop.domain.referrals import Outcome, ReferralStatus, Urgency
from clinic_desktop.domain.students import GRADES, age_on
from clinic_desktop.domain.visits import Disposition, VisitType

#: Three-digit ZIP areas of 20,000 people or fewer: published as 000 (164.514(b)(2)(i)(B)).
SPARSE_ZIP3 = frozenset(
    {
        "036", "059", "063", "102", "203", "556", "692", "790", "821",
        "823", "830", "831", "878", "879", "884", "890", "893",
    }
)  # fmt: skip
#: Ages above 89 are aggregated into one category (164.514(b)(2)(i)(C)).
AGE_CAP = 90
#: What an unrecognised code becomes where a value is required.
OTHER = "other"
UNKNOWN_SCHOOL = "UNKNOWN"

_HEX_ID = re.compile(r"[0-9a-f]{32}")
_ZIP = re.compile(r"(\d{3})\d{2}(-\d{4})?")
_SCHOOL = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,19}")
_VERSION = re.compile(r"\d{1,4}(\.\d{1,4}){0,3}")
ICD10 = re.compile(r"[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?")
CPT = re.compile(r"\d{4}[0-9FTU]")
MAX_SCORE = 10_000

#: A row's id: a ``uuid.UUID`` or its canonical text (``str(uuid)``: 8-4-4-4-12 lowercase
#: hex). Both hash to the same record id, since the HMAC message is the text form; the
#: exporter passes the text it builds from the stored hex (issue 9: parsing a UUID object
#: only to print it again was a measurable share of an export).
RowId = uuid.UUID | str

#: Bands that make a screening "positive" for surveillance, per instrument: the published
#: cut points (PHQ-9/PHQ-A and GAD-7 at 10, PHQ-2 at 3, PSC-17 at 15, CRAFFT at 2, ASQ any
#: positive). A test checks every shipped instrument has an entry and every band exists.
POSITIVE_BANDS: dict[str, frozenset[str]] = {
    "asq": frozenset({"acute_positive", "non_acute_positive"}),
    "crafft": frozenset({"high"}),
    "gad7": frozenset({"moderate", "severe"}),
    "phq2": frozenset({"positive"}),
    "phq9": frozenset({"moderate", "moderately_severe", "severe"}),
    "phqa": frozenset({"moderate", "moderately_severe", "severe"}),
    "psc17_parent": frozenset({"positive"}),
    "psc17_youth": frozenset({"positive"}),
}


# --- the single-value rules ------------------------------------------------------------


@dataclass(frozen=True)
class Age:
    """Whole years at an event; ``at_least`` marks the aggregated "90 or older"."""

    years: int
    at_least: bool = False


def age_at(date_of_birth: date, on: date) -> Age | None:
    """The Safe Harbor age on ``on``: whole years, capped at "90+"; None if before birth."""
    years = age_on(date_of_birth, on)
    if years < 0:
        return None
    return _AGES[min(years, AGE_CAP)]


#: Every possible ``Age``, built once: an export asks for one per record (a million at a
#: district's scale), and the values are immutable, so they are shared.
_AGES = (*(Age(years) for years in range(AGE_CAP)), Age(AGE_CAP, at_least=True))


def age_in_year(date_of_birth: date, on: date) -> Age | None:
    """The age reached in ``on``'s year (year minus birth year), capped at "90+"; None if
    born after that year.

    Safe Harbor keeps only the year of an event, yet an age *at the event* that changes
    between two events of one year still dates the birthday between them (and batches
    arrive in order). The age reached in the year depends on the two years alone.
    """
    years = on.year - date_of_birth.year
    if years < 0:
        return None
    return _AGES[min(years, AGE_CAP)]


@lru_cache(maxsize=4096)  # an export asks for the same few hundred months ~300,000 times
def month_of(day: date) -> str:
    """The date generalised to its month ("2026-10"), a valid partial FHIR date."""
    return f"{day.year:04d}-{day.month:02d}"


def year_of(day: date) -> str:
    """The date generalised to its year ("2026"), a valid partial FHIR date."""
    return f"{day.year:04d}"


class ExportProfile(StrEnum):
    """What a batch may hold; chosen by the district, accepted at the site, in every
    manifest. The values are the names used in provisioning files and manifests."""

    SAFE_HARBOR = "safe-harbor"
    LIMITED_DATA_SET = "limited-data-set"

    @property
    def keeps_month(self) -> bool:
        return self is ExportProfile.LIMITED_DATA_SET


def period_of(day: date, profile: ExportProfile) -> str:
    """A date as the profile lets it leave: "2026" (safe-harbor) or "2026-10"."""
    return month_of(day) if profile.keeps_month else year_of(day)


def age_for(profile: ExportProfile, date_of_birth: date, on: date) -> Age | None:
    """The age the profile publishes beside an event (see ``age_in_year``)."""
    return age_at(date_of_birth, on) if profile.keeps_month else age_in_year(date_of_birth, on)


def zip3(zip_code: str) -> str | None:
    """The first three digits of a ZIP (or ZIP+4), ``000`` for sparse areas, else None."""
    match = _ZIP.fullmatch((zip_code or "").strip())
    if match is None:
        return None
    prefix = match.group(1)
    return "000" if prefix in SPARSE_ZIP3 else prefix


def record_id(secret: bytes, kind: str, row_id: RowId) -> str:
    """A pseudonymous, stable record id: HMAC-SHA-256 of the row's UUID under ``secret``.

    ``kind`` separates the id spaces (a screening yields a response and an observation).
    """
    if len(secret) < 16:
        raise ValueError("the record-id secret must be at least 16 bytes")
    message = f"{kind}:{row_id}".encode("ascii")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def pseudonym(value: str) -> str | None:
    """The student's pseudonym if it has the shape ``secrets.token_hex(16)`` draws."""
    return _pseudonym(value) if isinstance(value, str) else None


@lru_cache(maxsize=65_536)  # every record of a student checks the same pseudonym again
def _pseudonym(value: str) -> str | None:
    return value if _HEX_ID.fullmatch(value) else None


def code_in(value: object, allowed: Collection[str]) -> str | None:
    """``value`` when it is exactly one of ``allowed``, else None."""
    return value if isinstance(value, str) and value in allowed else None


def school_code(value: str) -> str:
    """A site-assigned school code ("LHS"), or ``UNKNOWN`` for anything else."""
    return _school_code(value) if isinstance(value, str) else UNKNOWN_SCHOOL


@lru_cache(maxsize=1024)  # a site has a handful of schools; every record checks one
def _school_code(value: str) -> str:
    return value if _SCHOOL.fullmatch(value) else UNKNOWN_SCHOOL


def billing_codes(values: Iterable[object], pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The values that are well-formed codes (ICD-10-CM or CPT), de-duplicated, sorted."""
    if not values:
        return ()  # a visit without codes (the common case) builds no set
    return tuple(sorted({v for v in values if isinstance(v, str) and pattern.fullmatch(v)}))


def small_int(value: object, low: int = 0, high: int = MAX_SCORE) -> int | None:
    """An integer score within ``low``..``high`` (booleans are not scores), else None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if low <= value <= high else None


def version_code(value: object) -> str | None:
    """An instrument version such as "1.0.0" or "2020"; free text is dropped."""
    return value if isinstance(value, str) and _VERSION.fullmatch(value) else None


# --- vocabularies -----------------------------------------------------------------------

SEX_TO_GENDER = {"F": "female", "M": "male", "X": "other", "U": "unknown"}
VISIT_TYPES = frozenset(VisitType)
DISPOSITIONS = frozenset(Disposition)
REFERRAL_STATUSES = frozenset(ReferralStatus)
URGENCIES = frozenset(Urgency)
OUTCOMES = frozenset(Outcome)
PARTNER_KINDS = frozenset(PartnerKind)
CONSENT_KINDS = frozenset(ConsentKind)
CONSENT_STATUSES = frozenset({"valid", "expired", "revoked"})
SEVERITIES = frozenset(screening.Severity)


@cache
def instruments() -> dict[str, screening.Instrument]:
    """Every shipped instrument by id (the only instrument codes that may leave)."""
    return {i.id: i for i in screening.list_instruments()}


@cache
def flag_ids() -> frozenset[str]:
    """Every flag id any shipped instrument can raise."""
    return frozenset(r.id for i in instruments().values() for r in i.flag_rules)


# --- what the exporter reads ------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """The student facts a record needs: pseudonym, date of birth, current school code.

    ``student_id`` (the row's UUID) only stands in, hashed, for a malformed pseudonym.
    """

    student_id: RowId
    pseudonym: str
    date_of_birth: date
    school_code: str


@dataclass(frozen=True)
class StudentSource:
    person: Person
    sex: str
    grade: str
    zip_code: str


@dataclass(frozen=True)
class VisitSource:
    row_id: RowId
    person: Person
    on: date
    visit_type: str
    #: ``None`` while no person has chosen it (an open visit).
    disposition: str | None
    icd10_codes: Sequence[object] = ()
    cpt_codes: Sequence[object] = ()
    #: Signed (finished); a draft travels as an encounter still in progress.
    signed: bool = True


@dataclass(frozen=True)
class ScreeningSource:
    row_id: RowId
    person: Person
    on: date
    instrument_id: str
    instrument_version: str
    complete: bool
    answers: Mapping[str, object] = field(default_factory=dict)
    total: object = None
    subscales: Mapping[str, object] = field(default_factory=dict)
    band: str | None = None
    visit_id: RowId | None = None


@dataclass(frozen=True)
class FlagSource:
    row_id: RowId
    person: Person
    on: date
    screening_id: RowId
    flag_id: str
    severity: str
    resolved: bool


@dataclass(frozen=True)
class EventFacts:
    """One status change of a referral: its local day, new status, appointment day."""

    on: date
    to_status: str
    appointment_on: date | None = None


@dataclass(frozen=True)
class ReferralSource:
    row_id: RowId
    person: Person
    on: date
    partner_kind: str
    urgency: str
    status: str
    outcome: str | None = None
    events: Sequence[EventFacts] = ()
    screening_id: RowId | None = None
    visit_id: RowId | None = None
    consent_id: RowId | None = None


@dataclass(frozen=True)
class ReferralEventSource:
    row_id: RowId
    referral_id: RowId
    on: date
    from_status: str | None
    to_status: str
    appointment_on: date | None = None


@dataclass(frozen=True)
class ConsentSource:
    row_id: RowId
    person: Person
    kind: str
    signed_on: date
    today: date
    partner_kind: str | None = None
    expires_on: date | None = None
    revoked_on: date | None = None


# --- what leaves ------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """Who and when, de-identified: pseudonym, school code, period ("2026" or "2026-10",
    per profile), and age."""

    patient: str
    school: str
    period: str
    age: Age | None


@dataclass(frozen=True)
class DeidPatient:
    id: str
    school: str
    gender: str
    grade: str | None
    zip3: str | None


@dataclass(frozen=True)
class DeidEncounter:
    id: str
    subject: Subject
    visit_type: str
    #: ``None``: not chosen yet (never stood in for by a default).
    disposition: str | None
    icd10: tuple[str, ...]
    cpt: tuple[str, ...]
    finished: bool = True


@dataclass(frozen=True)
class DeidScreening:
    id: str
    observation_id: str
    subject: Subject
    instrument: str
    version: str | None
    complete: bool
    answers: tuple[tuple[str, int], ...]
    total: int | None
    subscales: tuple[tuple[str, int], ...]
    band: str | None
    positive: bool | None
    encounter_id: str | None


@dataclass(frozen=True)
class DeidFlag:
    id: str
    subject: Subject
    flag_id: str
    severity: str | None
    active: bool
    screening_id: str


@dataclass(frozen=True)
class DeidReferral:
    id: str
    task_id: str
    subject: Subject
    partner_kind: str
    urgency: str | None
    status: str
    outcome: str | None
    days_to_first_appointment: int | None
    screening_id: str | None
    encounter_id: str | None
    consent_id: str | None


@dataclass(frozen=True)
class DeidReferralEvent:
    id: str
    referral_id: str
    task_id: str
    period: str
    from_status: str | None
    to_status: str
    appointment_period: str | None


@dataclass(frozen=True)
class DeidConsent:
    id: str
    subject: Subject
    kind: str
    status: str
    partner_kind: str | None
    expires_period: str | None
    revoked_period: str | None


# --- derived facts ----------------------------------------------------------------------


def days_to_first_appointment(events: Iterable[EventFacts]) -> int | None:
    """Days from the first "sent" to the first appointment (or attendance), if both exist.

    An interval in days is not a date; it is what "median days to first appointment"
    needs, and the site is the only place that still knows the days.
    """
    ordered = sorted(events, key=lambda e: e.on)
    sent = next((e.on for e in ordered if e.to_status == ReferralStatus.SENT), None)
    if sent is None:
        return None
    booked = [e.appointment_on for e in ordered if e.appointment_on is not None]
    attended = [e.on for e in ordered if e.to_status == ReferralStatus.ATTENDED]
    first = min(booked) if booked else min(attended) if attended else None
    return None if first is None else max(0, (first - sent).days)


def consent_status(source: ConsentSource) -> str:
    """valid, expired or revoked on the export day (the "expiring" chip counts as valid)."""
    record = ConsentRecord(
        kind=ConsentKind.SERVICES,
        signed_on=source.signed_on,
        signer_kind=SignerKind.GUARDIAN,
        expires_on=source.expires_on,
        revoked_on=source.revoked_on,
    )
    chip = _chip(record, source.today)
    return "valid" if chip == ConsentChip.EXPIRING else str(chip)


def is_positive(instrument_id: str, band: str | None) -> bool | None:
    """Whether a complete screening counts as positive; None when it has no band."""
    if band is None or instrument_id not in POSITIVE_BANDS:
        return None
    return band in POSITIVE_BANDS[instrument_id]


# --- the transform ----------------------------------------------------------------------


class Deidentifier:
    """Turns source records into de-identified ones under one site's record-id secret, with
    dates and ages as ``profile`` allows (safe-harbor unless the district chose otherwise)."""

    def __init__(self, secret: bytes, profile: ExportProfile = ExportProfile.SAFE_HARBOR) -> None:
        record_id(secret, "check", uuid.UUID(int=0))  # fail early on a short secret
        self._secret = secret
        self.profile = ExportProfile(profile)
        # Export speed (issue 9): a batch hashes a few ids per record, so the key is
        # absorbed once and each id copies the keyed state (same HMAC as ``record_id``).
        self._keyed = hmac.new(secret, digestmod=hashlib.sha256)
        # Answer sets repeat (a PHQ-9 has few distinct ones): validate each set once.
        self._answer_sets: dict[tuple[str, tuple[tuple[str, object], ...]], _Answers] = {}

    def rid(self, kind: str, row_id: RowId | None) -> str | None:
        """The pseudonymous id of a row (None stays None)."""
        return None if row_id is None else self._id(kind, row_id)

    def patient_id(self, person: Person) -> str:
        """The stored pseudonym, or (should one be malformed) a keyed hash of the row id."""
        return pseudonym(person.pseudonym) or self._id("students", person.student_id)

    def subject(self, person: Person, on: date) -> Subject:
        return Subject(
            patient=self.patient_id(person),
            school=school_code(person.school_code),
            period=self.period(on),
            age=age_for(self.profile, person.date_of_birth, on),
        )

    def period(self, day: date) -> str:
        """``day`` as this profile lets a date leave."""
        return period_of(day, self.profile)

    def patient(self, src: StudentSource) -> DeidPatient:
        return DeidPatient(
            id=self.patient_id(src.person),
            school=school_code(src.person.school_code),
            gender=SEX_TO_GENDER.get(src.sex, SEX_TO_GENDER["U"]),
            grade=code_in(src.grade, GRADES),
            zip3=zip3(src.zip_code),
        )

    def encounter(self, src: VisitSource) -> DeidEncounter:
        return DeidEncounter(
            id=self._id("visits", src.row_id),
            subject=self.subject(src.person, src.on),
            visit_type=code_in(src.visit_type, VISIT_TYPES) or OTHER,
            disposition=(
                None if src.disposition is None else code_in(src.disposition, DISPOSITIONS) or OTHER
            ),
            icd10=billing_codes(src.icd10_codes, ICD10),
            cpt=billing_codes(src.cpt_codes, CPT),
            finished=bool(src.signed),
        )

    def screening(self, src: ScreeningSource) -> DeidScreening:
        instrument = instruments().get(src.instrument_id)
        if instrument is None:
            return self._unknown_screening(src)
        band = code_in(src.band, {b.id for b in instrument.bands})
        return DeidScreening(
            id=self._id("screenings", src.row_id),
            observation_id=self._id("screenings/observation", src.row_id),
            subject=self.subject(src.person, src.on),
            instrument=instrument.id,
            version=version_code(src.instrument_version),
            complete=bool(src.complete),
            answers=self._answers(instrument, src.answers),
            total=small_int(src.total),
            subscales=_subscales(instrument, src.subscales),
            band=band,
            positive=is_positive(instrument.id, band) if src.complete else None,
            encounter_id=self.rid("visits", src.visit_id),
        )

    def _unknown_screening(self, src: ScreeningSource) -> DeidScreening:
        """An instrument this build does not ship: only that a screening happened."""
        return DeidScreening(
            id=self._id("screenings", src.row_id),
            observation_id=self._id("screenings/observation", src.row_id),
            subject=self.subject(src.person, src.on),
            instrument=OTHER,
            version=None,
            complete=bool(src.complete),
            answers=(),
            total=None,
            subscales=(),
            band=None,
            positive=None,
            encounter_id=self.rid("visits", src.visit_id),
        )

    def flag(self, src: FlagSource) -> DeidFlag:
        return DeidFlag(
            id=self._id("risk_flags", src.row_id),
            subject=self.subject(src.person, src.on),
            flag_id=code_in(src.flag_id, flag_ids()) or OTHER,
            severity=code_in(src.severity, SEVERITIES),
            active=not src.resolved,
            screening_id=self._id("screenings", src.screening_id),
        )

    def referral(self, src: ReferralSource) -> DeidReferral:
        outcome = code_in(src.outcome, OUTCOMES)
        return DeidReferral(
            id=self._id("referrals", src.row_id),
            task_id=self._id("referrals/task", src.row_id),
            subject=self.subject(src.person, src.on),
            partner_kind=code_in(src.partner_kind, PARTNER_KINDS) or OTHER,
            urgency=code_in(src.urgency, URGENCIES),
            status=code_in(src.status, REFERRAL_STATUSES) or OTHER,
            outcome=outcome,
            days_to_first_appointment=days_to_first_appointment(src.events),
            screening_id=self.rid("screenings", src.screening_id),
            encounter_id=self.rid("visits", src.visit_id),
            consent_id=self.rid("consents", src.consent_id),
        )

    def referral_event(self, src: ReferralEventSource) -> DeidReferralEvent:
        appointment = src.appointment_on
        return DeidReferralEvent(
            id=self._id("referral_events", src.row_id),
            referral_id=self._id("referrals", src.referral_id),
            task_id=self._id("referrals/task", src.referral_id),
            period=self.period(src.on),
            from_status=code_in(src.from_status, REFERRAL_STATUSES),
            to_status=code_in(src.to_status, REFERRAL_STATUSES) or OTHER,
            appointment_period=self.period(appointment) if appointment else None,
        )

    def consent(self, src: ConsentSource) -> DeidConsent:
        return DeidConsent(
            id=self._id("consents", src.row_id),
            subject=self.subject(src.person, src.signed_on),
            kind=code_in(src.kind, CONSENT_KINDS) or OTHER,
            status=consent_status(src),
            partner_kind=code_in(src.partner_kind, PARTNER_KINDS),
            expires_period=self.period(src.expires_on) if src.expires_on else None,
            revoked_period=self.period(src.revoked_on) if src.revoked_on else None,
        )

    def _id(self, kind: str, row_id: RowId) -> str:
        """``record_id(secret, kind, row_id)`` from the pre-keyed HMAC state."""
        mac = self._keyed.copy()
        mac.update(f"{kind}:{row_id}".encode("ascii"))
        return mac.hexdigest()[:32]

    def _answers(self, instrument: screening.Instrument, answers: Mapping[str, object]) -> _Answers:
        """``_answers`` memoised by instrument and answer set, for sets of plain ints only
        (``True == 1`` and ``1.0 == 1`` as keys, yet neither is a valid answer)."""
        if not isinstance(answers, Mapping) or any(type(v) is not int for v in answers.values()):
            return _answers(instrument, answers)
        key = (instrument.id, tuple(answers.items()))
        kept = self._answer_sets.get(key)
        if kept is None:
            kept = _answers(instrument, answers)
            if len(self._answer_sets) < _ANSWER_SETS_KEPT:
                self._answer_sets[key] = kept
        return kept


#: Distinct answer sets memoised per batch (bounded: a batch's memory must not grow with it).
_ANSWER_SETS_KEPT = 20_000


_Answers = tuple[tuple[str, int], ...]


def _answers(
    instrument: screening.Instrument, answers: Mapping[str, object]
) -> tuple[tuple[str, int], ...]:
    """Item answers that are valid option values of the instrument, in published order."""
    kept = []
    for item in instrument.items:
        value = answers.get(item.id) if isinstance(answers, Mapping) else None
        if small_int(value) is not None and item.problem_with(value) is None:
            kept.append((item.id, int(value)))  # type: ignore[call-overload]
    return tuple(kept)


def _subscales(
    instrument: screening.Instrument, subscales: Mapping[str, object]
) -> tuple[tuple[str, int], ...]:
    """Named subscale scores of the instrument (not "total"), in the file's order."""
    if not isinstance(subscales, Mapping):
        return ()
    kept = []
    for rule in instrument.scores:
        value = small_int(subscales.get(rule.id))
        if rule.id != "total" and value is not None:
            kept.append((rule.id, value))
    return tuple(kept)
