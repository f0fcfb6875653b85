"""Students and guardians as entered by a person or a roster file, and their validation.

``StudentInput`` and ``GuardianInput`` are what a form, the roster importer and the demo
generator hand to the services. ``validate_*`` returns every problem at once, each naming
the field, so a form can show all messages beside their fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from clinic_desktop.domain.fields import check_choice, check_text, clean_text, is_phone
from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.messages import msg

#: Sex as recorded by district information systems; X covers non-binary markers.
SEX_CODES: dict[str, str] = {"F": "Female", "M": "Male", "X": "X (non-binary)", "U": "Unknown"}
_SEX_WORDS = {"FEMALE": "F", "MALE": "M", "NONBINARY": "X", "NON-BINARY": "X", "UNKNOWN": "U"}

#: Grades a school-based health center serves, in order.
GRADES: tuple[str, ...] = ("PK", "TK", "K", *(str(g) for g in range(1, 13)), "13")
_GRADE_WORDS = {"KG": "K", "KINDERGARTEN": "K", "PRE-K": "PK", "PREK": "PK"}

#: Relations a guardian can have to the student.
GUARDIAN_RELATIONS: tuple[str, ...] = (
    "mother",
    "father",
    "parent",
    "grandparent",
    "aunt/uncle",
    "sibling",
    "foster parent",
    "legal guardian",
    "caseworker",
    "other",
)
#: Relations that carry the legal right to consent unless recorded otherwise.
CONSENTING_RELATIONS = frozenset({"mother", "father", "parent", "foster parent", "legal guardian"})

MIN_AGE_YEARS = 2
MAX_AGE_YEARS = 26

_ZIP = re.compile(r"\d{5}(-\d{4})?")


def normalize_sex(value: str) -> str:
    """Map district spellings ("f", "Female") to a code in ``SEX_CODES``; unknown kept."""
    text = clean_text(value).upper()
    return _SEX_WORDS.get(text, text)


def normalize_grade(value: str) -> str:
    """Map "01", "kg", "Pre-K" to the canonical grade in ``GRADES``; unknown kept."""
    text = clean_text(value).upper()
    if text.isascii() and text.isdigit() and len(text) <= 3:
        return str(int(text))
    return _GRADE_WORDS.get(text, text)


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on a given day (a birthday counts on the day itself)."""
    had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - (0 if had_birthday else 1)


@dataclass(frozen=True)
class StudentInput:
    """Demographics of one student as entered; see ``validate_student``."""

    first_name: str
    last_name: str
    date_of_birth: date | None
    school_code: str
    district_id: str = ""
    local_id: str = ""
    preferred_name: str = ""
    sex: str = "U"
    gender_identity: str = ""
    grade: str = ""
    zip_code: str = ""
    language: str = "en"
    foster_care: bool = False
    insurance_id: str = ""

    def cleaned(self) -> StudentInput:
        """The same input with text trimmed, NFC-normalised and codes canonicalised."""
        return replace(
            self,
            first_name=clean_text(self.first_name),
            last_name=clean_text(self.last_name),
            preferred_name=clean_text(self.preferred_name),
            district_id=clean_text(self.district_id),
            local_id=clean_text(self.local_id),
            school_code=clean_text(self.school_code).upper(),
            sex=normalize_sex(self.sex) or "U",
            gender_identity=clean_text(self.gender_identity),
            grade=normalize_grade(self.grade),
            zip_code=clean_text(self.zip_code),
            language=clean_text(self.language).lower() or "en",
            insurance_id=clean_text(self.insurance_id),
        )


@dataclass(frozen=True)
class GuardianInput:
    """A parent or guardian; ``can_consent`` records the legal authority to consent."""

    name: str
    relation: str = "parent"
    phones: tuple[str, ...] = field(default_factory=tuple)
    language: str = "en"
    can_consent: bool = True
    email: str = ""

    def cleaned(self) -> GuardianInput:
        """Trimmed, NFC text; relation lower-case; blank phone entries dropped."""
        return replace(
            self,
            name=clean_text(self.name),
            relation=clean_text(self.relation).lower(),
            phones=tuple(p for p in (clean_text(p) for p in self.phones) if p),
            language=clean_text(self.language).lower() or "en",
            email=clean_text(self.email),
        )


def student_errors(student: StudentInput, today: date) -> list[FieldError]:
    """Every problem with a (cleaned) student input, each naming its field."""
    errors: list[FieldError] = []

    def add(name: str, reason: str | None) -> None:
        if reason:
            errors.append(FieldError(name, reason))

    add("first_name", check_text(student.first_name, required=True, max_length=100))
    add("last_name", check_text(student.last_name, required=True, max_length=100))
    add("preferred_name", check_text(student.preferred_name, max_length=100))
    add("district_id", check_text(student.district_id, max_length=40))
    add("local_id", check_text(student.local_id, max_length=40))
    add("school_code", check_text(student.school_code, required=True, max_length=20))
    add("gender_identity", check_text(student.gender_identity, max_length=60))
    add("insurance_id", check_text(student.insurance_id, max_length=40))
    add("language", check_text(student.language, required=True, max_length=40))
    add("sex", check_choice(student.sex, SEX_CODES))
    add("grade", check_choice(student.grade, GRADES, required=False))
    if student.zip_code and not _ZIP.fullmatch(student.zip_code):
        add("zip_code", "must be 5 digits (or ZIP+4)")
    add("date_of_birth", date_of_birth_reason(student.date_of_birth, today))
    return errors


def date_of_birth_reason(date_of_birth: date | None, today: date) -> str | None:
    """Why a date of birth is implausible for a school student, or None."""
    if date_of_birth is None:
        return "is required (YYYY-MM-DD)"
    if date_of_birth > today:
        return "cannot be in the future"
    if not MIN_AGE_YEARS <= age_on(date_of_birth, today) <= MAX_AGE_YEARS:
        # The age itself is not repeated: with the date it would echo personal data.
        return msg(
            "gives an age outside {MIN_AGE_YEARS} to {MAX_AGE_YEARS} years",
            MIN_AGE_YEARS=MIN_AGE_YEARS,
            MAX_AGE_YEARS=MAX_AGE_YEARS,
        )
    return None


def guardian_errors(guardian: GuardianInput, prefix: str = "guardian.") -> list[FieldError]:
    """Every problem with a (cleaned) guardian input."""
    errors: list[FieldError] = []
    reason = check_text(guardian.name, required=True, max_length=150)
    if reason:
        errors.append(FieldError(f"{prefix}name", reason))
    reason = check_choice(guardian.relation, GUARDIAN_RELATIONS)
    if reason:
        errors.append(FieldError(f"{prefix}relation", reason))
    for phone in guardian.phones:
        if not is_phone(phone):
            errors.append(FieldError(f"{prefix}phones", "contains an invalid phone number"))
            break
    for name, max_length in (("language", 40), ("email", 200)):
        reason = check_text(getattr(guardian, name), max_length=max_length)
        if reason:
            errors.append(FieldError(f"{prefix}{name}", reason))
    return errors


def validated_student(student: StudentInput, today: date) -> StudentInput:
    """The cleaned input, or ``ValidationError`` listing every bad field."""
    cleaned = student.cleaned()
    ValidationError.check(student_errors(cleaned, today))
    return cleaned


def validated_guardian(guardian: GuardianInput) -> GuardianInput:
    """The cleaned guardian, or ``ValidationError`` listing every bad field."""
    cleaned = guardian.cleaned()
    ValidationError.check(guardian_errors(cleaned))
    return cleaned
