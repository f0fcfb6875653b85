"""The district roster CSV: turning each line into a validated student and guardian.

The header must name the five columns a student cannot be identified without
(``REQUIRED_COLUMNS``); the other roster columns are optional because district exports
differ, and a missing optional column reads as blank cells. Unknown columns are ignored.

A row is all-or-nothing: any problem (including one with the guardian) rejects the whole
row with a single ``RowProblem`` listing every bad column, so staff fix the file once
instead of importing half a record. Good rows still come through. Reasons name columns
and never repeat cell values, so a problem report can be shown, printed or logged.

One exception: a guardian relation this program does not know ("Guardian", "Stepmother")
does not drop the student. The guardian is kept as "other" *without* consent authority
(who may consent is never guessed) and the row comes back with a warning to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from clinic_desktop.domain.csvfile import (
    CsvRow,
    RowProblem,
    duplicate_reason,
    read_csv,
    row_reason,
)
from clinic_desktop.domain.fields import clean_text, parse_iso_date
from clinic_desktop.domain.students import (
    CONSENTING_RELATIONS,
    GUARDIAN_RELATIONS,
    GuardianInput,
    StudentInput,
    validated_guardian,
    validated_student,
)
from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.messages import Message, msg

__all__ = [
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "UNKNOWN_RELATION",
    "ParsedRoster",
    "RosterRow",
    "RowProblem",
    "parse_roster",
    "school_code_of",
    "school_codes",
]

REQUIRED_COLUMNS: tuple[str, ...] = (
    "district_id",
    "first_name",
    "last_name",
    "date_of_birth",
    "school_code",
)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "preferred_name",
    "sex",
    "grade",
    "zip",
    "language",
    "guardian_name",
    "guardian_relation",
    "guardian_phone",
)

#: Columns in the order of the design document, which is how problems list them.
_COLUMN_ORDER = {
    name: position
    for position, name in enumerate(
        (
            "district_id",
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "sex",
            "grade",
            "school_code",
            "zip",
            "language",
            "guardian_name",
            "guardian_relation",
            "guardian_phone",
        )
    )
}

#: Validator field names that differ from the roster column holding the value.
_COLUMN_OF_FIELD = {
    "zip_code": "zip",
    "guardian.name": "guardian_name",
    "guardian.relation": "guardian_relation",
    "guardian.phones": "guardian_phone",
    "guardian.language": "language",
}

#: Roster columns that fill a ``StudentInput`` field, and which field.
_STUDENT_FIELD_OF_COLUMN = {
    "district_id": "district_id",
    "first_name": "first_name",
    "last_name": "last_name",
    "preferred_name": "preferred_name",
    "date_of_birth": "date_of_birth",
    "sex": "sex",
    "grade": "grade",
    "school_code": "school_code",
    "zip": "zip_code",
    "language": "language",
}

#: Unambiguous everyday spellings seen in district exports. "Guardian" alone is *not*
#: mapped: whether it means a legal guardian decides consent, so it must be explicit.
_RELATION_ALIASES = {
    "mom": "mother",
    "dad": "father",
    "grandmother": "grandparent",
    "grandfather": "grandparent",
    "aunt": "aunt/uncle",
    "uncle": "aunt/uncle",
    "brother": "sibling",
    "sister": "sibling",
}

_PHONE_SEPARATORS = re.compile(r"[;/]")

#: The warning on a row whose guardian relation is not one of ``GUARDIAN_RELATIONS``.
UNKNOWN_RELATION = msg(
    "{column} is not a relation this program knows: the guardian was added as "
    '"other" without authority to consent; confirm who may consent for this student',
    column="guardian_relation",
)


@dataclass(frozen=True)
class RosterRow:
    """One accepted roster line, validated and cleaned, ready for the import service.

    ``provided`` names the ``StudentInput`` fields whose cells were not blank: a
    re-import updates only those, so a blank cell never erases what the clinic recorded.
    """

    line: int
    student: StudentInput
    guardian: GuardianInput | None
    provided: frozenset[str] = frozenset()
    #: Imported, but staff should confirm something (``UNKNOWN_RELATION``); None if not.
    warning: Message | None = None


@dataclass(frozen=True)
class ParsedRoster:
    """Accepted rows and one problem per rejected line, both in file order."""

    rows: tuple[RosterRow, ...]
    problems: tuple[RowProblem, ...]


def school_codes(data: bytes) -> set[str]:
    """Every non-blank school code the file names (``ValidationError`` for file trouble):
    what an import dialog checks against the site's school list before importing."""
    table = read_csv(data, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    codes = (school_code_of(record.values["school_code"]) for record in table.rows)
    return {code for code in codes if code}


def parse_roster(data: bytes, today: date) -> ParsedRoster:
    """Parse and validate a roster file; ``ValidationError`` only for file-level trouble.

    ``today`` is the date ages are checked against (the clock is passed in, never read).
    """
    table = read_csv(data, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    rows: list[RosterRow] = []
    problems = list(table.problems)
    first_seen: dict[str, int] = {}
    for record in table.rows:
        errors: list[FieldError] = []
        district_key = clean_text(record.values["district_id"]).casefold()
        if district_key in first_seen:
            errors.append(FieldError("district_id", duplicate_reason(first_seen[district_key])))
        elif district_key:
            first_seen[district_key] = record.line
        try:
            rows.append(_roster_row(record, today, errors))
        except ValidationError as exc:
            problems.append(RowProblem(record.line, _reason(exc.errors)))
    problems.sort(key=lambda p: p.line)
    return ParsedRoster(rows=tuple(rows), problems=tuple(problems))


def _roster_row(record: CsvRow, today: date, errors: list[FieldError]) -> RosterRow:
    """The validated row, or ``ValidationError`` with ``errors`` plus every new problem."""
    values = record.values
    raw_dob = values["date_of_birth"]
    student = StudentInput(
        first_name=values["first_name"],
        last_name=values["last_name"],
        date_of_birth=parse_iso_date(raw_dob),
        school_code=values["school_code"],
        district_id=values["district_id"],
        preferred_name=values["preferred_name"],
        sex=values["sex"],
        grade=values["grade"],
        zip_code=values["zip"],
        language=values["language"],
    )
    if not clean_text(student.district_id):
        errors.append(FieldError("district_id", "is required"))
    try:
        student = validated_student(student, today)
    except ValidationError as exc:
        for error in exc.errors:
            unparsable = student.date_of_birth is None and bool(raw_dob.strip())
            errors.append(_without_age(error, unparsable))
    guardian, known = None, True
    try:
        guardian, known = _guardian(values)
    except ValidationError as exc:
        errors.extend(exc.errors)
    if errors:
        raise ValidationError(errors)
    provided = frozenset(
        field for column, field in _STUDENT_FIELD_OF_COLUMN.items() if values[column].strip()
    )
    unknown = guardian is not None and not known
    return RosterRow(
        line=record.line,
        student=student,
        guardian=guardian,
        provided=provided,
        warning=UNKNOWN_RELATION if unknown else None,
    )


def school_code_of(cell: str) -> str:
    """A school_code cell as a validated student carries it (trimmed, NFC, upper case)."""
    return clean_text(cell).upper()


def _relation_word(cell: str) -> str:
    """The relation a cell names: blank means "parent", everyday spellings are mapped."""
    relation = clean_text(cell).lower() or "parent"
    return _RELATION_ALIASES.get(relation, relation)


def _without_age(error: FieldError, unparsable_date: bool) -> FieldError:
    """The error reworded to say "not a date" rather than "required" when the cell had
    text that is not a date."""
    if error.field != "date_of_birth":
        return error
    if unparsable_date:
        return FieldError(error.field, "is not a date in the form YYYY-MM-DD")
    return error


def _guardian(values: dict[str, str]) -> tuple[GuardianInput | None, bool]:
    """The row's guardian (None when all three guardian cells are blank), and whether its
    relation cell named a relation this program knows."""
    name, relation, phones = (
        values["guardian_name"],
        values["guardian_relation"],
        values["guardian_phone"],
    )
    if not (name.strip() or relation.strip() or phones.strip()):
        return None, True
    relation = _relation_word(relation)
    known = relation in GUARDIAN_RELATIONS
    if not known:
        relation = "other"  # kept, never given consent authority (see the module docstring)
    guardian = validated_guardian(
        GuardianInput(
            name=name,
            relation=relation,
            phones=tuple(_PHONE_SEPARATORS.split(phones)),
            language=values["language"],
            can_consent=relation in CONSENTING_RELATIONS,
        )
    )
    return guardian, known


def _reason(errors: tuple[FieldError, ...]) -> Message:
    """One sentence per row: each roster column once, in the design's column order."""
    columns = ((_COLUMN_OF_FIELD.get(e.field, e.field), e.reason) for e in errors)
    return row_reason(columns, _COLUMN_ORDER)
