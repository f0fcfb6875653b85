"""The partner directory: agencies the clinic refers students to, and their CSV import.

A partner is typed by ``PartnerKind`` so referrals can be counted by kind of service, and
described by what a clinician needs when choosing one: services, languages, the ages it
serves and whether it accepts Medicaid. Deactivating a partner (the ``active`` column) is
the services' job; a partner is never deleted because past referrals name it.

The CSV import follows the roster's rules (``domain.roster``): the header must name
``name`` and ``kind``; every other column is optional and unknown columns are ignored;
``services`` and ``languages`` hold several values separated by semicolons; a bad row is
rejected whole with one ``RowProblem`` naming its line and every bad column (never a cell
value), and good rows still come through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from clinic_desktop.domain.csvfile import (
    CsvRow,
    RowProblem,
    duplicate_reason,
    read_csv,
    row_reason,
)
from clinic_desktop.domain.fields import check_text, clean_text, is_phone
from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.messages import Message, msg

__all__ = [
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "ParsedPartners",
    "PartnerInput",
    "PartnerKind",
    "PartnerRow",
    "RowProblem",
    "parse_partner_csv",
    "parse_partner_kind",
    "partner_errors",
    "serves_age",
    "validated_partner",
]

#: Ages in whole years; partners may serve whole families, hence the adult upper bound.
MAX_AGE = 120
MAX_LIST_ITEM_LENGTH = 100
MAX_LIST_ITEMS = 50
MAX_NOTES_LENGTH = 5000
MAX_ADDRESS_LENGTH = 500


class PartnerKind(StrEnum):
    COMMUNITY_MENTAL_HEALTH = "community_mental_health"
    HEALTH_CENTER = "health_center"
    COMMUNITY_ORGANIZATION = "community_organization"
    CRISIS_SERVICE = "crisis_service"
    HOSPITAL = "hospital"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PartnerKind.COMMUNITY_MENTAL_HEALTH: "Community mental health",
    PartnerKind.HEALTH_CENTER: "Health center (FQHC)",
    PartnerKind.COMMUNITY_ORGANIZATION: "Community-based organization",
    PartnerKind.CRISIS_SERVICE: "Crisis service",
    PartnerKind.HOSPITAL: "Hospital",
    PartnerKind.OTHER: "Other",
}
#: Abbreviations staff write in spreadsheets, beside the codes and labels.
_KIND_ALIASES = {
    "cmh": PartnerKind.COMMUNITY_MENTAL_HEALTH,
    "mental health": PartnerKind.COMMUNITY_MENTAL_HEALTH,
    "fqhc": PartnerKind.HEALTH_CENTER,
    "health center": PartnerKind.HEALTH_CENTER,
    "community health center": PartnerKind.HEALTH_CENTER,
    "cbo": PartnerKind.COMMUNITY_ORGANIZATION,
    "community organization": PartnerKind.COMMUNITY_ORGANIZATION,
    "crisis": PartnerKind.CRISIS_SERVICE,
}
_KIND_LOOKUP = {
    **{k.value: k for k in PartnerKind},
    **{label.lower(): k for k, label in _KIND_LABELS.items()},
    **_KIND_ALIASES,
}


def parse_partner_kind(value: str) -> PartnerKind | None:
    """The kind named by a code, a label or a common abbreviation ("FQHC"); else None."""
    text = " ".join(clean_text(value).lower().replace("_", " ").split())
    return _KIND_LOOKUP.get(text) or _KIND_LOOKUP.get(text.replace(" ", "_"))


# Phones as on a letterhead: digits with spaces, dots, dashes, parentheses, an extension.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class PartnerInput:
    """A partner as entered or imported (one field per ``partners`` column but ``active``)."""

    name: str
    kind: str
    services: tuple[str, ...] = field(default_factory=tuple)
    languages: tuple[str, ...] = field(default_factory=tuple)
    min_age: int | None = None
    max_age: int | None = None
    accepts_medicaid: bool = False
    contact_name: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    address: str = ""
    notes: str = ""

    def cleaned(self) -> PartnerInput:
        """Trimmed text, the kind as its code, lists without blanks or repeats."""
        kind = parse_partner_kind(self.kind)
        return replace(
            self,
            name=clean_text(self.name),
            kind=kind.value if kind else clean_text(self.kind).lower(),
            services=_clean_list(self.services),
            languages=_clean_list(self.languages),
            contact_name=clean_text(self.contact_name),
            phone=clean_text(self.phone),
            fax=clean_text(self.fax),
            email=clean_text(self.email),
            address=clean_text(self.address),
            notes=clean_text(self.notes),
        )


def _clean_list(values: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, blank entries dropped, repeats (ignoring case) kept once in first spelling."""
    seen: dict[str, str] = {}
    for value in (clean_text(v) for v in values):
        if value:
            seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def partner_errors(partner: PartnerInput) -> list[FieldError]:
    """Every problem with a (cleaned) partner input, each naming its field."""
    errors: list[FieldError] = []

    def add(name: str, reason: str | None) -> None:
        if reason:
            errors.append(FieldError(name, reason))

    add("name", check_text(partner.name, required=True, max_length=200))
    add("kind", _kind_reason(partner.kind))
    add("services", _list_reason(partner.services))
    add("languages", _list_reason(partner.languages))
    add("min_age", _age_reason(partner.min_age))
    add("max_age", _age_reason(partner.max_age) or _age_order_reason(partner))
    add("contact_name", check_text(partner.contact_name, max_length=150))
    add("phone", _phone_reason(partner.phone))
    add("fax", _phone_reason(partner.fax))
    add("email", _email_reason(partner.email))
    add("address", check_text(partner.address, max_length=MAX_ADDRESS_LENGTH, multiline=True))
    add("notes", check_text(partner.notes, max_length=MAX_NOTES_LENGTH, multiline=True))
    return errors


def _kind_reason(kind: str) -> str | None:
    if not kind:
        return "is required"
    if kind not in set(PartnerKind):
        return msg("is not one of: {value}", value=", ".join(PartnerKind))
    return None


def _list_reason(values: tuple[str, ...]) -> str | None:
    if len(values) > MAX_LIST_ITEMS:
        return msg("has too many entries (at most {MAX_LIST_ITEMS})", MAX_LIST_ITEMS=MAX_LIST_ITEMS)
    reasons = (check_text(v, max_length=MAX_LIST_ITEM_LENGTH) for v in values)
    return next((msg("has an entry that {reason}", reason=r) for r in reasons if r), None)


def _age_reason(age: int | None) -> str | None:
    if age is not None and not 0 <= age <= MAX_AGE:
        return msg("must be between 0 and {MAX_AGE}", MAX_AGE=MAX_AGE)
    return None


def _age_order_reason(partner: PartnerInput) -> str | None:
    low, high = partner.min_age, partner.max_age
    if low is not None and high is not None and high < low:
        return "cannot be less than min_age"
    return None


def _phone_reason(phone: str) -> str | None:
    if phone and not is_phone(phone):
        return "is not a phone number"
    return None


def _email_reason(email: str) -> str | None:
    if email and (len(email) > 200 or not _EMAIL.fullmatch(email)):
        return "is not an email address"
    return None


def validated_partner(partner: PartnerInput) -> PartnerInput:
    """The cleaned input, or ``ValidationError`` listing every bad field."""
    cleaned = partner.cleaned()
    ValidationError.check(partner_errors(cleaned))
    return cleaned


def serves_age(partner: PartnerInput, age: int) -> bool:
    """Whether the partner takes a student of ``age``; a blank bound means no limit."""
    low_ok = partner.min_age is None or age >= partner.min_age
    return low_ok and (partner.max_age is None or age <= partner.max_age)


# --- CSV import --------------------------------------------------------------------

REQUIRED_COLUMNS: tuple[str, ...] = ("name", "kind")
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "services",
    "languages",
    "min_age",
    "max_age",
    "accepts_medicaid",
    "contact_name",
    "phone",
    "fax",
    "email",
    "address",
    "notes",
)
_COLUMN_ORDER = {name: i for i, name in enumerate((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS))}
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})


@dataclass(frozen=True)
class PartnerRow:
    """One accepted line. ``provided`` names the fields whose cells were not blank, so a
    re-import can update only those and a blank cell never erases what staff recorded."""

    line: int
    partner: PartnerInput
    provided: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ParsedPartners:
    """Accepted rows and one problem per rejected line, both in file order."""

    rows: tuple[PartnerRow, ...]
    problems: tuple[RowProblem, ...]


def parse_partner_csv(data: bytes) -> ParsedPartners:
    """Parse and validate a partner file; ``ValidationError`` only for file-level trouble.

    A name repeated in the file (ignoring case) rejects the later line, since a re-import
    matches partners by name and two rows would fight over one partner.
    """
    table = read_csv(data, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    rows: list[PartnerRow] = []
    problems = list(table.problems)
    first_seen: dict[str, int] = {}
    for record in table.rows:
        errors = _duplicate_errors(record, first_seen)
        try:
            rows.append(_partner_row(record, errors))
        except ValidationError as exc:
            problems.append(RowProblem(record.line, _reason(exc.errors)))
    problems.sort(key=lambda p: p.line)
    return ParsedPartners(rows=tuple(rows), problems=tuple(problems))


def _duplicate_errors(record: CsvRow, first_seen: dict[str, int]) -> list[FieldError]:
    key = clean_text(record.values["name"]).casefold()
    if key in first_seen:
        return [FieldError("name", duplicate_reason(first_seen[key]))]
    if key:
        first_seen[key] = record.line
    return []


def _partner_row(record: CsvRow, errors: list[FieldError]) -> PartnerRow:
    """The validated row, or ``ValidationError`` with ``errors`` plus every new problem."""
    values = record.values
    min_age = _cell_int(values["min_age"], "min_age", errors)
    max_age = _cell_int(values["max_age"], "max_age", errors)
    medicaid = _cell_bool(values["accepts_medicaid"], "accepts_medicaid", errors)
    partner = PartnerInput(
        name=values["name"],
        kind=values["kind"],
        services=_split(values["services"]),
        languages=_split(values["languages"]),
        min_age=min_age,
        max_age=max_age,
        accepts_medicaid=bool(medicaid),
        contact_name=values["contact_name"],
        phone=values["phone"],
        fax=values["fax"],
        email=values["email"],
        address=values["address"],
        notes=values["notes"],
    )
    try:
        partner = validated_partner(partner)
    except ValidationError as exc:
        errors.extend(exc.errors)
    if errors:
        raise ValidationError(errors)
    provided = frozenset(name for name, cell in values.items() if cell.strip())
    return PartnerRow(line=record.line, partner=partner, provided=provided)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(cell.split(";"))


def _cell_int(cell: str, column: str, errors: list[FieldError]) -> int | None:
    text = cell.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        errors.append(FieldError(column, "is not a whole number"))
        return None
    return int(text)


def _cell_bool(cell: str, column: str, errors: list[FieldError]) -> bool | None:
    text = cell.strip().lower()
    if not text:
        return None
    if text in _YES or text in _NO:
        return text in _YES
    errors.append(FieldError(column, "must be yes or no"))
    return None


def _reason(errors: Iterable[FieldError]) -> Message:
    """One sentence per row: each column once, in the file format's column order."""
    return row_reason(((e.field, e.reason) for e in errors), _COLUMN_ORDER)
