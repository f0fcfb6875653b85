"""Visits: who was seen, when, why, and what happened next.

The vocabularies here (types, dispositions, common reasons) are the codes that travel in
de-identified batches, so they are stable identifiers with separate display labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from clinic_desktop.domain.fields import check_choice, check_text, clean_text
from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.messages import Message, Verbatim, msg


class VisitType(StrEnum):
    MEDICAL = "medical"
    BEHAVIORAL_HEALTH = "behavioral_health"
    NURSING = "nursing"
    CRISIS = "crisis"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def is_behavioral(self) -> bool:
        """Behavioral-health and crisis notes are hidden from roles without that right."""
        return self in (VisitType.BEHAVIORAL_HEALTH, VisitType.CRISIS)


class Disposition(StrEnum):
    RETURNED_TO_CLASS = "returned_to_class"
    SENT_HOME = "sent_home"
    PARENT_PICKED_UP = "parent_picked_up"
    EMS = "ems"
    REFERRED = "referred"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            Disposition.RETURNED_TO_CLASS: "Returned to class",
            Disposition.SENT_HOME: "Sent home",
            Disposition.PARENT_PICKED_UP: "Parent picked up",
            Disposition.EMS: "EMS called",
            Disposition.REFERRED: "Referred",
            Disposition.OTHER: "Other",
        }[self]


def disposition_label(code: str | None) -> Message:
    """What happened next, for a reader: "Not chosen yet" while the visit is still open."""
    if code is None:
        return msg("Not chosen yet")
    return Message(Disposition(code).label)


#: Reasons school clinicians pick most; free text is allowed too.
COMMON_REASONS: dict[VisitType, tuple[str, ...]] = {
    VisitType.NURSING: (
        "Headache",
        "Stomach ache",
        "Injury",
        "Medication administration",
        "Asthma",
        "Diabetes care",
        "Fever",
        "Vision/hearing screening",
        "Menstrual",
        "Dental pain",
    ),
    VisitType.MEDICAL: (
        "Sports physical",
        "Well-child exam",
        "Sore throat",
        "Immunizations",
        "Rash",
        "Ear pain",
        "Asthma follow-up",
        "Sexual/reproductive health",
    ),
    VisitType.BEHAVIORAL_HEALTH: (
        "Anxiety",
        "Low mood",
        "Grief",
        "Peer conflict",
        "Family stress",
        "Attendance concern",
        "Substance use",
        "Follow-up counseling",
    ),
    VisitType.CRISIS: (
        "Suicidal ideation",
        "Self-harm",
        "Threat assessment",
        "Abuse disclosure",
        "Acute distress",
    ),
}

#: Every suggestion: a reason stored as one of these is shown in the reader's language.
_SUGGESTIONS = frozenset(r for reasons in COMMON_REASONS.values() for r in reasons)
#: The reason of the visit a screening records (``services.screenings``).
SCREENING_REASON = "Screening: {short_name}"
_SCREENING_PREFIX = SCREENING_REASON.removesuffix("{short_name}")


def screening_reason(short_name: str) -> Message:
    """ "Screening: PHQ-9": the reason of the visit a screening records."""
    return Message(SCREENING_REASON, {"short_name": short_name})


def reason_text(stored: str) -> Message | Verbatim:
    """A stored visit reason as message data for the reader.

    A reason picked from ``COMMON_REASONS`` is stored as that (English) key and a
    screening's visit as ``SCREENING_REASON`` written out, so both are shown in the
    reader's language; anything a user typed stays exactly as typed (``Verbatim``).
    """
    if stored in _SUGGESTIONS:
        return Message(stored)
    if stored.startswith(_SCREENING_PREFIX):
        return screening_reason(stored.removeprefix(_SCREENING_PREFIX))
    return Verbatim(stored)


MAX_NOTE_LENGTH = 20_000
MAX_DURATION_MINUTES = 600
#: Tolerance for a visit timed slightly ahead of this machine's clock.
FUTURE_SKEW = timedelta(minutes=5)

_ICD10 = re.compile(r"[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?")
_CPT = re.compile(r"\d{4}[0-9FTU]")


@dataclass(frozen=True)
class VisitInput:
    """A visit as entered; ``occurred_at`` is timezone-aware."""

    visit_type: str
    occurred_at: datetime
    reason: str
    note: str = ""
    #: Chosen by a person, never defaulted: ``None`` while the visit is still open.
    disposition: str | None = None
    #: Entered by a person, never defaulted: 0 while the draft does not say yet.
    duration_minutes: int = 0
    icd10_codes: tuple[str, ...] = field(default_factory=tuple)
    cpt_codes: tuple[str, ...] = field(default_factory=tuple)

    def cleaned(self) -> VisitInput:
        """Trimmed text, canonical codes ("Nursing" -> "nursing"), upper-case billing codes."""
        return replace(
            self,
            visit_type=clean_text(self.visit_type).lower().replace(" ", "_"),
            disposition=clean_text(self.disposition).lower().replace(" ", "_") or None,
            reason=clean_text(self.reason),
            note=clean_text(self.note),
            icd10_codes=tuple(c.strip().upper() for c in self.icd10_codes if c.strip()),
            cpt_codes=tuple(c.strip().upper() for c in self.cpt_codes if c.strip()),
        )


def visit_errors(visit: VisitInput, now: datetime) -> list[FieldError]:
    """Every problem with a (cleaned) visit, each naming its field."""
    errors: list[FieldError] = []

    def add(name: str, reason: str | None) -> None:
        if reason:
            errors.append(FieldError(name, reason))

    add("visit_type", check_choice(visit.visit_type, set(VisitType)))
    add("reason", check_text(visit.reason, required=True, max_length=200))
    add("note", check_text(visit.note, max_length=MAX_NOTE_LENGTH, multiline=True))
    if visit.disposition is not None:
        add("disposition", check_choice(visit.disposition, set(Disposition)))
    if visit.occurred_at.utcoffset() is None:
        add("occurred_at", "must include a time zone")
    elif visit.occurred_at > now + FUTURE_SKEW:
        add("occurred_at", "cannot be in the future")
    # 0: not entered yet (a draft); signing needs the real time spent (``sign_errors``).
    if not 0 <= visit.duration_minutes <= MAX_DURATION_MINUTES:
        add(
            "duration_minutes",
            msg("must be between 1 and {high} minutes", high=MAX_DURATION_MINUTES),
        )
    if any(not _ICD10.fullmatch(code) for code in visit.icd10_codes):
        add("icd10_codes", "must be ICD-10-CM codes such as F41.1")
    if any(not _CPT.fullmatch(code) for code in visit.cpt_codes):
        add("cpt_codes", "must be 5-character CPT codes such as 99213")
    return errors


def validated_visit(visit: VisitInput, now: datetime) -> VisitInput:
    """The cleaned visit, or ``ValidationError`` listing every bad field."""
    cleaned = visit.cleaned()
    ValidationError.check(visit_errors(cleaned, now))
    return cleaned


# --- the note's lifecycle: draft, signed, addenda ----------------------------------------


class VisitStatus(StrEnum):
    """A visit is a draft (editable by its author, every edit audited) until signed."""

    DRAFT = "draft"
    SIGNED = "signed"


#: The line kept in the note when a person sends a student with an open acute risk flag
#: back to class: the reason they confirmed (stored once, in the record's own words).
RETURN_CONFIRMATION = "Returned to class with an open acute risk flag. Reason: {reason}"
_RETURN_PREFIX = RETURN_CONFIRMATION.removesuffix("{reason}")
MAX_RETURN_REASON_LENGTH = 500


def has_return_confirmation(note: str) -> bool:
    """Whether the note already carries a confirmed reason for returning to class."""
    return any(line.startswith(_RETURN_PREFIX) for line in note.splitlines())


def with_return_confirmation(note: str, reason: str) -> str:
    """The note with the confirmed reason appended as its last paragraph."""
    line = RETURN_CONFIRMATION.format(reason=reason)
    return f"{note}\n\n{line}" if note else line


def return_reason_errors(reason: str) -> list[FieldError]:
    problem = check_text(reason, required=True, max_length=MAX_RETURN_REASON_LENGTH)
    return [FieldError("return_reason", problem)] if problem else []


def sign_errors(disposition: str | None, reason: str, duration_minutes: int) -> list[FieldError]:
    """What keeps a draft from being signed: a person must have chosen what happened next,
    and the visit needs its reason and the time spent."""
    errors: list[FieldError] = []
    if disposition is None:
        errors.append(FieldError("disposition", msg("choose what happened next before signing")))
    if not reason:
        errors.append(FieldError("reason", "is required"))
    if not 1 <= duration_minutes <= MAX_DURATION_MINUTES:
        errors.append(
            FieldError(
                "duration_minutes",
                msg("must be between 1 and {high} minutes", high=MAX_DURATION_MINUTES),
            )
        )
    return errors


MAX_ADDENDUM_LENGTH = 20_000
MAX_ADDENDUM_REASON_LENGTH = 200


@dataclass(frozen=True)
class AddendumInput:
    """A change to a signed visit: why, what, and (for a late entry) when it happened."""

    reason: str
    text: str
    late_entry: bool = False
    refers_to: datetime | None = None

    def cleaned(self) -> AddendumInput:
        return replace(self, reason=clean_text(self.reason), text=clean_text(self.text))


def validated_addendum(addendum: AddendumInput, now: datetime) -> AddendumInput:
    """The cleaned addendum, or ``ValidationError`` naming every bad field."""
    clean = addendum.cleaned()
    errors: list[FieldError] = []

    def add(name: str, reason: str | Message | None) -> None:
        if reason:
            errors.append(FieldError(name, reason))

    add("reason", check_text(clean.reason, required=True, max_length=MAX_ADDENDUM_REASON_LENGTH))
    add(
        "text",
        check_text(clean.text, required=True, max_length=MAX_ADDENDUM_LENGTH, multiline=True),
    )
    moment = clean.refers_to
    if clean.late_entry and moment is None:
        add("refers_to", msg("say when it happened"))
    elif moment is not None and moment.utcoffset() is None:
        add("refers_to", "must include a time zone")
    elif moment is not None and moment > now + FUTURE_SKEW:
        add("refers_to", "cannot be in the future")
    ValidationError.check(errors)
    return clean
