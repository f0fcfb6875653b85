"""Consents: who agreed to what, for which partner, and whether that still holds on a day.

Three kinds exist: consent to school-based health services, a release of information (ROI)
to one named partner, and consent to telehealth. A consent is signed either by a guardian
with legal authority to consent or, where the site's minor-consent rule allows it, by the
student. ``check_consent`` answers "is there a valid consent of kind K (for partner P) on
day D?" and, when there is not, says why in a sentence a nurse can act on.

Day rules (all inclusive, calendar days, no time of day):

* a consent is in force from ``signed_on`` (that day counts) through ``expires_on`` (that
  day counts too); it is out of force the day after ``expires_on``;
* ``revoked_on`` D means out of force from D on: a revocation takes effect the day it is
  recorded, because a family that withdraws at 9:00 must not have information sent at 10:00;
* an expiry *event* ("end of the 2026-27 school year", "when treatment ends") cannot be
  judged by the computer; such a consent stays in force until staff record the event as a
  revocation or an expiry date. HIPAA accepts either a date or an event (45 CFR
  164.508(c)(1)(v)), so both are offered.

When several consents of the kind exist, any valid one makes the answer valid (the most
recently signed valid one is returned, so a referral links to the newest paper). When none
is valid, the reported reason is the *most informative* one, in this order:

1. ``does_not_cover``: a release in force for this partner lacks some information kinds;
2. ``not_yet_signed``: a consent dated after the day asked about;
3. ``revoked`` / ``expired``: what ended the most recently signed consent that ended;
4. ``signer_lacks_authority``, then ``minor_not_allowed``: a consent that never held;
5. ``wrong_partner``: releases exist, but only for other partners;
6. ``missing``: nothing of this kind on file.

The first groups are "closest to valid", so the message points at the smallest fix.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from clinic_desktop.domain.fields import check_choice, check_text, clean_text
from clinic_desktop.errors import ClinicError, FieldError, ValidationError
from clinic_desktop.messages import Message, as_message, join, msg

#: A consent expiring within this many days shows the "expiring" chip.
EXPIRING_WITHIN_DAYS = 30
#: Adults sign for themselves whatever the minor-consent rule says (18 in most states).
DEFAULT_AGE_OF_MAJORITY = 18
MAX_PURPOSE_LENGTH = 500
MAX_SCOPE_LENGTH = 2000
MAX_EXPIRY_EVENT_LENGTH = 200  # the width of ``consents.expiry_event``


class ConsentKind(StrEnum):
    SERVICES = "services"
    RELEASE_OF_INFORMATION = "release_of_information"
    TELEHEALTH = "telehealth"

    @property
    def label(self) -> str:
        """The name staff see ("release of information"), lower case to fit in sentences."""
        return {
            ConsentKind.SERVICES: "consent to school-based health services",
            ConsentKind.RELEASE_OF_INFORMATION: "release of information",
            ConsentKind.TELEHEALTH: "consent to telehealth",
        }[self]


class SignerKind(StrEnum):
    GUARDIAN = "guardian"
    STUDENT = "student"

    @property
    def label(self) -> str:
        return {SignerKind.GUARDIAN: "Parent or guardian", SignerKind.STUDENT: "Student"}[self]


class Notice(StrEnum):
    """Legal notices a printed release must carry for some kinds of information."""

    #: Substance use disorder records: the 42 CFR Part 2 redisclosure notice (§ 2.32).
    PART_2 = "42_cfr_part_2"
    #: Education records: FERPA (34 CFR Part 99) applies to what the school holds.
    FERPA = "ferpa"
    #: HIV / STI results: many states require a specific, separate authorization line.
    HIV_STI = "hiv_sti"


class InformationKind(StrEnum):
    """What a release of information lets the clinic share with the partner.

    Psychotherapy notes are deliberately absent: HIPAA requires a separate authorization
    for them (45 CFR 164.508(a)(2)) that cannot be combined with any other, so they are
    never released through this form. ``mental_health`` covers assessments, summaries and
    diagnoses from behavioral-health visits, not the therapist's process notes.
    """

    DEMOGRAPHICS = "demographics"
    ATTENDANCE = "attendance"
    SCREENING_RESULTS = "screening_results"
    DIAGNOSES = "diagnoses"
    TREATMENT_PLAN = "treatment_plan"
    MEDICATIONS = "medications"
    IMMUNIZATIONS = "immunizations"
    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_USE = "substance_use"
    HIV_STI = "hiv_sti"
    EDUCATION_RECORDS = "education_records"

    @property
    def label(self) -> str:
        return _INFORMATION_LABELS[self]

    @property
    def notice(self) -> Notice | None:
        """The special notice this kind of information brings onto the form, if any."""
        return _INFORMATION_NOTICES.get(self)


_INFORMATION_LABELS = {
    InformationKind.DEMOGRAPHICS: "name, date of birth and contact details",
    InformationKind.ATTENDANCE: "appointment attendance and referral status",
    InformationKind.SCREENING_RESULTS: "screening results",
    InformationKind.DIAGNOSES: "diagnoses",
    InformationKind.TREATMENT_PLAN: "treatment plan and progress",
    InformationKind.MEDICATIONS: "medications",
    InformationKind.IMMUNIZATIONS: "immunizations",
    InformationKind.MENTAL_HEALTH: "mental health assessments (not psychotherapy notes)",
    InformationKind.SUBSTANCE_USE: "substance use assessment and treatment",
    InformationKind.HIV_STI: "HIV and sexually transmitted infection results",
    InformationKind.EDUCATION_RECORDS: "education records",
}
_INFORMATION_NOTICES = {
    InformationKind.SUBSTANCE_USE: Notice.PART_2,
    InformationKind.EDUCATION_RECORDS: Notice.FERPA,
    InformationKind.HIV_STI: Notice.HIV_STI,
}


def required_notices(kinds: Iterable[str]) -> tuple[Notice, ...]:
    """The notices a release covering ``kinds`` must print, in ``Notice`` order."""
    wanted = {InformationKind(k).notice for k in kinds}
    return tuple(n for n in Notice if n in wanted)


class ConsentProblem(StrEnum):
    """Why no valid consent was found; see the module docstring for the precedence."""

    MISSING = "missing"
    NOT_YET_SIGNED = "not_yet_signed"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SIGNER_LACKS_AUTHORITY = "signer_lacks_authority"
    MINOR_NOT_ALLOWED = "minor_not_allowed"
    WRONG_PARTNER = "wrong_partner"
    DOES_NOT_COVER = "does_not_cover"


class ConsentChip(StrEnum):
    """The small status badge beside a consent in the chart."""

    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class MinorConsentRule:
    """The site's minor-consent setting: who may sign for themselves, for what.

    ``minimum_age`` None means minors never self-consent. Students at or above
    ``age_of_majority`` are adults and always sign for themselves.
    """

    minimum_age: int | None = None
    kinds: frozenset[ConsentKind] = frozenset()
    age_of_majority: int = DEFAULT_AGE_OF_MAJORITY

    def allows(self, kind: ConsentKind, age: int | None) -> bool:
        """Whether a student of ``age`` (at signing) may sign a consent of ``kind``."""
        if age is None:
            return False  # an age that cannot be checked cannot be relied on
        if age >= self.age_of_majority:
            return True
        return self.minimum_age is not None and age >= self.minimum_age and kind in self.kinds

    def to_json(self) -> dict[str, object]:
        """The setting as stored in the ``settings`` table."""
        return {
            "minimum_age": self.minimum_age,
            "kinds": sorted(self.kinds),
            "age_of_majority": self.age_of_majority,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> MinorConsentRule:
        """Read the stored setting; missing keys take their defaults."""
        minimum_age = data.get("minimum_age")
        kinds = data.get("kinds") or []
        if not isinstance(kinds, list):
            raise ValueError("minor-consent kinds must be a list")
        return cls(
            minimum_age=None if minimum_age is None else int(str(minimum_age)),
            kinds=frozenset(ConsentKind(str(k)) for k in kinds),
            age_of_majority=int(str(data.get("age_of_majority", DEFAULT_AGE_OF_MAJORITY))),
        )


class SelfConsentNotAllowedError(ClinicError):
    message = (
        "This site's minor-consent rule does not let this student consent to health "
        "services on their own; print the parent or guardian version."
    )


class StudentMayNotSignReleaseError(ClinicError):
    message = (
        "This site's minor-consent rule does not let this student sign a release of "
        "information; print the parent or guardian version."
    )


_MAY_NOT_SIGN: dict[ConsentKind, type[ClinicError]] = {
    ConsentKind.SERVICES: SelfConsentNotAllowedError,
    ConsentKind.RELEASE_OF_INFORMATION: StudentMayNotSignReleaseError,
}


def require_student_may_sign(rule: MinorConsentRule | None, kind: ConsentKind, age: int) -> None:
    """Refuse a form for the student to sign unless the site's rule lets a student of
    ``age`` sign a consent of ``kind`` (checked by the printing service before rendering:
    a renderer only lays out what it is given)."""
    if rule is None or not rule.allows(kind, age):
        raise _MAY_NOT_SIGN.get(kind, SelfConsentNotAllowedError)()


@dataclass(frozen=True)
class ConsentRecord:
    """A stored consent, as the rules need it (one field per ``consents`` column).

    ``signer_has_authority`` is, for a guardian, the guardian's ``can_consent`` at signing;
    it defaults to False so that a forgotten mapping fails safe. ``student_age_at_signing``
    is the student's age in whole years on ``signed_on`` (``students.age_on``).
    """

    kind: ConsentKind
    signed_on: date
    signer_kind: SignerKind
    signer_has_authority: bool = False
    student_age_at_signing: int | None = None
    partner_id: uuid.UUID | None = None
    expires_on: date | None = None
    expiry_event: str = ""
    revoked_on: date | None = None
    information_kinds: tuple[str, ...] = ()
    purpose: str = ""
    scope: str = ""
    id: uuid.UUID | None = None


@dataclass(frozen=True)
class ConsentCheck:
    """The answer of ``check_consent``: valid or not, which consent, and why not.

    ``consent`` is the valid consent, or the one the reason is about (None when missing).
    ``missing_information`` lists what a release in force does not cover.
    """

    kind: ConsentKind
    on: date
    valid: bool
    message: Message
    reason: ConsentProblem | None = None
    consent: ConsentRecord | None = None
    partner_id: uuid.UUID | None = None
    missing_information: tuple[InformationKind, ...] = ()


# --- checking ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Request:
    """What is being asked, bundled so the helpers stay small."""

    kind: ConsentKind
    on: date
    partner_id: uuid.UUID | None
    partner_name: str
    rule: MinorConsentRule
    needed: tuple[InformationKind, ...]

    @property
    def partner(self) -> str:
        """The partner's name, or words for it when it has none."""
        return self.partner_name or msg("this partner")

    @property
    def subject(self) -> Message:
        """ "The release of information for Eastside Counseling" and the like."""
        label = as_message(self.kind.label)
        if self.kind is not ConsentKind.RELEASE_OF_INFORMATION:
            return msg("The {label}", label=label)
        return msg("The {label} for {partner_name}", label=label, partner_name=self.partner)

    @property
    def named(self) -> Message:
        """The subject without its article: "release of information for Eastside ..."."""
        label = as_message(self.kind.label)
        if self.kind is not ConsentKind.RELEASE_OF_INFORMATION:
            return label
        return msg("{label} for {partner_name}", label=label, partner_name=self.partner)


#: Lower is more informative; equal groups are decided by the latest ``signed_on``.
_PRECEDENCE = {
    ConsentProblem.DOES_NOT_COVER: 0,
    ConsentProblem.NOT_YET_SIGNED: 1,
    ConsentProblem.REVOKED: 2,
    ConsentProblem.EXPIRED: 2,
    ConsentProblem.SIGNER_LACKS_AUTHORITY: 3,
    ConsentProblem.MINOR_NOT_ALLOWED: 4,
    ConsentProblem.WRONG_PARTNER: 5,
}


def check_consent(
    consents: Iterable[ConsentRecord],
    kind: ConsentKind,
    on: date,
    *,
    rule: MinorConsentRule,
    partner_id: uuid.UUID | None = None,
    partner_name: str = "",
    information_kinds_needed: Iterable[str] = (),
) -> ConsentCheck:
    """Is there a valid consent of ``kind`` (for ``partner_id``) on day ``on``, and if not, why?

    A release of information is always asked about for one partner, so ``partner_id`` is
    required for that kind (a ``ValueError`` otherwise: asking "any partner?" is a bug that
    would open the consent gate to the wrong agency). ``partner_name`` only words messages.
    """
    request = _request(kind, on, rule, partner_id, partner_name, information_kinds_needed)
    candidates = [c for c in consents if c.kind == kind]
    judged = [(c, _problem(c, request)) for c in candidates]
    valid = [c for c, problem in judged if problem is None]
    if valid:
        best = max(valid, key=lambda c: (c.signed_on, c.expires_on or date.max))
        return _valid_check(best, request)
    if not judged:
        return _failed_check(request, ConsentProblem.MISSING, None)
    record, problem = min(judged, key=lambda pair: _rank(*pair))
    return _failed_check(request, problem, record)


def _request(
    kind: ConsentKind,
    on: date,
    rule: MinorConsentRule,
    partner_id: uuid.UUID | None,
    partner_name: str,
    needed: Iterable[str],
) -> _Request:
    """Validate the question itself; misuse raises ``ValueError`` (a bug, not a refusal)."""
    kind = ConsentKind(kind)
    needed_kinds = tuple(dict.fromkeys(InformationKind(k) for k in needed))
    is_release = kind is ConsentKind.RELEASE_OF_INFORMATION
    if is_release and partner_id is None:
        raise ValueError("a release of information is checked for one partner")
    if not is_release and (partner_id is not None or needed_kinds):
        raise ValueError(f"partners and information kinds apply only to releases, not {kind}")
    return _Request(kind, on, partner_id, clean_text(partner_name), rule, needed_kinds)


def _rank(record: ConsentRecord, problem: ConsentProblem | None) -> tuple[int, int]:
    assert problem is not None
    return _PRECEDENCE[problem], -record.signed_on.toordinal()


def _problem(record: ConsentRecord, request: _Request) -> ConsentProblem | None:
    """The one thing wrong with ``record`` for ``request``, checked most basic first."""
    if request.partner_id is not None and record.partner_id != request.partner_id:
        return ConsentProblem.WRONG_PARTNER
    signer = _signer_problem(record, request.rule)
    if signer is not None:
        return signer
    if record.signed_on > request.on:
        return ConsentProblem.NOT_YET_SIGNED
    ended = _end_problem(record, request.on)
    if ended is not None:
        return ended
    if _uncovered(record, request.needed):
        return ConsentProblem.DOES_NOT_COVER
    return None


def _signer_problem(record: ConsentRecord, rule: MinorConsentRule) -> ConsentProblem | None:
    """A consent signed by someone without the right to sign never held, whatever its dates."""
    if record.signer_kind == SignerKind.GUARDIAN:
        return None if record.signer_has_authority else ConsentProblem.SIGNER_LACKS_AUTHORITY
    if rule.allows(record.kind, record.student_age_at_signing):
        return None
    return ConsentProblem.MINOR_NOT_ALLOWED


def _end_problem(record: ConsentRecord, on: date) -> ConsentProblem | None:
    """Revoked or expired on ``on``; when both, whichever ended the consent first."""
    revoked = record.revoked_on is not None and record.revoked_on <= on
    expired = record.expires_on is not None and record.expires_on < on
    if revoked and expired:
        assert record.revoked_on is not None and record.expires_on is not None
        revoked = record.revoked_on <= record.expires_on
    if revoked:
        return ConsentProblem.REVOKED
    return ConsentProblem.EXPIRED if expired else None


def _uncovered(record: ConsentRecord, needed: tuple[InformationKind, ...]) -> tuple[str, ...]:
    covered = set(record.information_kinds)
    return tuple(k for k in needed if k not in covered)


def _valid_check(record: ConsentRecord, request: _Request) -> ConsentCheck:
    until = record.expires_on or record.expiry_event
    facts = {"subject": request.subject, "signed_on": record.signed_on}
    message = (
        msg("{subject} signed on {signed_on} is valid until {until}.", **facts, until=until)
        if until
        else msg("{subject} signed on {signed_on} is valid.", **facts)
    )
    return ConsentCheck(
        kind=request.kind,
        on=request.on,
        valid=True,
        message=message,
        consent=record,
        partner_id=request.partner_id,
    )


def _failed_check(
    request: _Request, problem: ConsentProblem, record: ConsentRecord | None
) -> ConsentCheck:
    missing = _uncovered(record, request.needed) if record is not None else ()
    return ConsentCheck(
        kind=request.kind,
        on=request.on,
        valid=False,
        message=_MESSAGES[problem](request, record),
        reason=problem,
        consent=record,
        partner_id=request.partner_id,
        missing_information=tuple(InformationKind(k) for k in missing),
    )


def _missing_message(request: _Request, _record: ConsentRecord | None) -> Message:
    return msg("There is no {subject} on file.", subject=request.named)


def _not_yet_message(request: _Request, record: ConsentRecord | None) -> Message:
    assert record is not None
    return msg(
        "{subject} is dated {signed_on}, after {on}, so it does not apply yet.",
        subject=request.subject,
        signed_on=record.signed_on,
        on=request.on,
    )


def _expired_message(request: _Request, record: ConsentRecord | None) -> Message:
    assert record is not None and record.expires_on is not None
    return msg("{subject} expired on {expires_on}.", subject=request.subject, **_ended(record))


def _revoked_message(request: _Request, record: ConsentRecord | None) -> Message:
    assert record is not None and record.revoked_on is not None
    return msg("{subject} was revoked on {revoked_on}.", subject=request.subject, **_ended(record))


def _ended(record: ConsentRecord) -> dict[str, date | None]:
    return {"expires_on": record.expires_on, "revoked_on": record.revoked_on}


def _authority_message(request: _Request, _record: ConsentRecord | None) -> Message:
    return msg(
        "{subject} was signed by a guardian without legal authority to consent; "
        "a parent or legal guardian must sign a new one.",
        subject=request.subject,
    )


def _minor_message(request: _Request, _record: ConsentRecord | None) -> Message:
    return msg(
        "{subject} was signed by the student, and this site's minor-consent rule "
        "does not let the student consent to this on their own; a parent or legal guardian "
        "must sign.",
        subject=request.subject,
    )


def _wrong_partner_message(request: _Request, _record: ConsentRecord | None) -> Message:
    return msg(
        "The releases of information on file are for other partners, not for "
        "{partner_name}; a release naming it is needed.",
        partner_name=request.partner,
    )


def _not_covered_message(request: _Request, record: ConsentRecord | None) -> Message:
    assert record is not None
    kinds = _uncovered(record, request.needed)
    labels = join((as_message(InformationKind(k).label) for k in kinds), ", ")
    return msg("{subject} does not cover: {labels}.", subject=request.subject, labels=labels)


_MESSAGES = {
    ConsentProblem.MISSING: _missing_message,
    ConsentProblem.NOT_YET_SIGNED: _not_yet_message,
    ConsentProblem.EXPIRED: _expired_message,
    ConsentProblem.REVOKED: _revoked_message,
    ConsentProblem.SIGNER_LACKS_AUTHORITY: _authority_message,
    ConsentProblem.MINOR_NOT_ALLOWED: _minor_message,
    ConsentProblem.WRONG_PARTNER: _wrong_partner_message,
    ConsentProblem.DOES_NOT_COVER: _not_covered_message,
}


def consent_status_chip(
    record: ConsentRecord, today: date, *, warn_days: int = EXPIRING_WITHIN_DAYS
) -> ConsentChip:
    """The chart badge: revoked and expired as of ``today``, or expiring within ``warn_days``.

    Only dates count here; whether the signer had authority is ``check_consent``'s job.
    """
    if record.revoked_on is not None and record.revoked_on <= today:
        return ConsentChip.REVOKED
    if record.expires_on is None:
        return ConsentChip.VALID
    if record.expires_on < today:
        return ConsentChip.EXPIRED
    if record.expires_on <= today + timedelta(days=warn_days):
        return ConsentChip.EXPIRING
    return ConsentChip.VALID


# --- recording ---------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentInput:
    """A consent as entered from the signed paper; see ``validated_consent``.

    ``guardian_id`` names the signing guardian (required when a guardian signs, empty when
    the student does).
    """

    kind: str
    signer_kind: str
    signed_on: date | None
    guardian_id: uuid.UUID | None = None
    partner_id: uuid.UUID | None = None
    purpose: str = ""
    information_kinds: tuple[str, ...] = field(default_factory=tuple)
    expires_on: date | None = None
    expiry_event: str = ""
    scope: str = ""

    def cleaned(self) -> ConsentInput:
        """Trimmed text, lower-case codes, information kinds de-duplicated in list order."""
        kinds = (clean_text(k).lower() for k in self.information_kinds)
        return replace(
            self,
            kind=clean_text(self.kind).lower(),
            signer_kind=clean_text(self.signer_kind).lower(),
            purpose=clean_text(self.purpose),
            information_kinds=_in_vocabulary_order(k for k in kinds if k),
            expiry_event=clean_text(self.expiry_event),
            scope=clean_text(self.scope),
        )


def _in_vocabulary_order(kinds: Iterable[str]) -> tuple[str, ...]:
    """Known kinds in ``InformationKind`` order (forms list them that way), unknown after."""
    unique = list(dict.fromkeys(kinds))
    order = {k.value: i for i, k in enumerate(InformationKind)}
    return tuple(sorted(unique, key=lambda k: order.get(k, len(order))))


def consent_errors(consent: ConsentInput, today: date) -> list[FieldError]:
    """Every problem with a (cleaned) consent input, each naming its field."""
    errors: list[FieldError] = []

    def add(name: str, reason: str | None) -> None:
        if reason:
            errors.append(FieldError(name, reason))

    add("kind", check_choice(consent.kind, set(ConsentKind)))
    add("signer_kind", check_choice(consent.signer_kind, set(SignerKind)))
    add("guardian_id", _guardian_reason(consent))
    add("signed_on", _signed_on_reason(consent.signed_on, today))
    add("expires_on", _expires_on_reason(consent))
    add("purpose", check_text(consent.purpose, max_length=MAX_PURPOSE_LENGTH, multiline=True))
    add("scope", check_text(consent.scope, max_length=MAX_SCOPE_LENGTH, multiline=True))
    add("expiry_event", check_text(consent.expiry_event, max_length=MAX_EXPIRY_EVENT_LENGTH))
    if consent.kind == ConsentKind.RELEASE_OF_INFORMATION:
        errors.extend(_release_errors(consent))
    else:
        errors.extend(_not_release_errors(consent))
    return _first_per_field(errors)


def _first_per_field(errors: list[FieldError]) -> list[FieldError]:
    """One reason per field (the first found), so a form shows one message beside each."""
    seen: dict[str, FieldError] = {}
    for error in errors:
        seen.setdefault(error.field, error)
    return list(seen.values())


def _guardian_reason(consent: ConsentInput) -> str | None:
    if consent.signer_kind == SignerKind.GUARDIAN and consent.guardian_id is None:
        return "is required when a parent or guardian signs"
    if consent.signer_kind == SignerKind.STUDENT and consent.guardian_id is not None:
        return "must be empty when the student signs"
    return None


def _signed_on_reason(signed_on: date | None, today: date) -> str | None:
    if signed_on is None:
        return "is required (YYYY-MM-DD)"
    return "cannot be in the future" if signed_on > today else None


def _expires_on_reason(consent: ConsentInput) -> str | None:
    expires, signed = consent.expires_on, consent.signed_on
    if expires is not None and signed is not None and expires <= signed:
        return "must be after the date it was signed"
    return None


def _release_errors(consent: ConsentInput) -> list[FieldError]:
    """The core elements of a valid HIPAA authorization that a release must name."""
    errors = []
    if consent.partner_id is None:
        errors.append(FieldError("partner_id", "is required for a release of information"))
    if not consent.purpose:
        errors.append(FieldError("purpose", "is required for a release of information"))
    if not consent.information_kinds:
        errors.append(FieldError("information_kinds", "must name at least one kind"))
    elif any(k not in set(InformationKind) for k in consent.information_kinds):
        errors.append(FieldError("information_kinds", "contains a kind that is not allowed"))
    if consent.expires_on is None and not consent.expiry_event:
        errors.append(FieldError("expires_on", "or an expiry event is required for a release"))
    return errors


def _not_release_errors(consent: ConsentInput) -> list[FieldError]:
    """Partner and information kinds belong to releases only; elsewhere they would mislead."""
    errors = []
    if consent.partner_id is not None:
        errors.append(FieldError("partner_id", "applies only to a release of information"))
    if consent.information_kinds:
        errors.append(FieldError("information_kinds", "apply only to a release of information"))
    return errors


def validated_consent(consent: ConsentInput, today: date) -> ConsentInput:
    """The cleaned input, or ``ValidationError`` listing every bad field."""
    cleaned = consent.cleaned()
    ValidationError.check(consent_errors(cleaned, today))
    return cleaned


def validated_revocation(record: ConsentRecord, revoked_on: date | None, today: date) -> date:
    """The revocation date, if it can be recorded on ``record``; else ``ValidationError``."""
    reason = _revocation_reason(record, revoked_on, today)
    if reason is not None or revoked_on is None:
        raise ValidationError([FieldError("revoked_on", reason or "is required")])
    return revoked_on


def _revocation_reason(record: ConsentRecord, revoked_on: date | None, today: date) -> str | None:
    """A revocation cannot predate the signature or lie in the future (a family withdraws
    now; it does not schedule a withdrawal), and a revoked consent keeps its first date."""
    if record.revoked_on is not None:
        return "is already recorded for this consent"
    if revoked_on is None:
        return "is required (YYYY-MM-DD)"
    if revoked_on > today:
        return "cannot be in the future"
    if revoked_on < record.signed_on:
        return "cannot be before the date the consent was signed"
    return None
