"""Reading the CSV files staff bring in (the district roster now, partner directories later).

The files come from spreadsheets and school information systems, so the reader is lenient
where that is harmless (a byte-order mark, CRLF, header case and spacing, extra columns,
blank lines, trailing empty cells) and strict where a guess could put data in the wrong
field (missing columns, rows longer than the header, text that is not UTF-8).

Problems are reported by *physical* line number, as a text editor or spreadsheet shows
it, so staff can find the row; a record whose quoted field spans several lines is
reported at the line where it starts. Reasons name columns, never cell values, because
reports and logs must not carry personal data.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.messages import Message, join, msg

#: Larger than any school district's roster, small enough to hold in memory safely.
MAX_FILE_BYTES = 50 * 1024 * 1024

_BOM = "\ufeff"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SAVE_AS_HINT = msg('In Excel use "Save As", file type "CSV UTF-8 (Comma delimited)".')
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class RowProblem:
    """Why one record was not accepted; ``reason`` names columns, never cell values."""

    line: int
    reason: Message

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"  # English, for the CLI


@dataclass(frozen=True)
class ImportReport:
    """What an import of a CSV file did (the roster, the partner directory): records added,
    updated and left as they were, each rejected line with its reason, and each imported
    line that staff should confirm (``warnings``, e.g. a guardian kept without consent
    authority because the file's relation word is unknown)."""

    created: int
    updated: int
    unchanged: int
    problems: tuple[RowProblem, ...]
    warnings: tuple[RowProblem, ...] = ()

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> Message:
        counts = msg(
            "{created} added, {updated} updated, {unchanged} unchanged, {rejected} rejected",
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
            rejected=len(self.problems),
        )
        if not self.warnings:
            return counts
        return msg("{counts}, {warnings} to confirm", counts=counts, warnings=len(self.warnings))


@dataclass(frozen=True)
class CsvRow:
    """One record: the line where it starts and its cells keyed by normalised column."""

    line: int
    values: dict[str, str] = field(hash=False)


@dataclass(frozen=True)
class CsvTable:
    """The records of a file: those with a usable shape, and per-line problems."""

    #: Normalised names of the requested columns present in the header, in file order.
    columns: tuple[str, ...]
    rows: tuple[CsvRow, ...]
    problems: tuple[RowProblem, ...]


def column_key(name: str) -> str:
    """Header matching key: "  Date of Birth" and "date_of_birth" name the same column."""
    return re.sub(r"[\s\-]+", "_", name.replace(_BOM, "").strip().lower())


def _file_error(reason: Message) -> ValidationError:
    return ValidationError([FieldError("file", reason)])


def _line_of(text_before: str) -> int:
    """The 1-based physical line on which the character after ``text_before`` sits."""
    return len(_LINE_BREAK.findall(text_before)) + 1


def decode_text(data: bytes) -> str:
    """UTF-8 text without its byte-order mark, or a ``ValidationError`` saying how to fix it.

    Excel's plain "CSV" saves in the Windows code page and "Unicode text" in UTF-16; both
    garble accented names if guessed at, so they are refused with a pointer to the right
    format instead.
    """
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise _file_error(
            msg("is too large (more than {limit} MB); split it into smaller files", limit=limit)
        )
    if data.startswith(_UTF16_BOMS):
        raise _file_error(
            msg("is saved as UTF-16 (Unicode text), not as CSV UTF-8. {hint}", hint=_SAVE_AS_HINT)
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of(data[: exc.start].decode("utf-8", errors="replace"))
        raise _file_error(
            msg(
                "is not UTF-8 text (the first problem is on line {line}); "
                "save it as CSV UTF-8. {hint}",
                line=line,
                hint=_SAVE_AS_HINT,
            )
        ) from None
    return text.removeprefix(_BOM)


def _is_blank(cells: list[str]) -> bool:
    return all(not cell.strip() for cell in cells)


def read_csv(data: bytes, required: Sequence[str], optional: Sequence[str] = ()) -> CsvTable:
    """Parse ``data`` as a headed CSV file and return the requested columns of each record.

    ``required`` columns must be in the header, else ``ValidationError`` (field "header").
    ``optional`` columns are read when present and are "" otherwise, so every row's
    ``values`` has exactly the keys ``required + optional`` (normalised by ``column_key``).
    Other columns are ignored. The first non-blank record is the header. Records with more
    non-empty cells than the header become ``RowProblem``s; missing trailing cells are "".
    File-level trouble (size, encoding, an over-long field) raises ``ValidationError``.
    """
    text = decode_text(data)
    wanted = list(dict.fromkeys(column_key(n) for n in (*required, *optional)))
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    header_width = 0
    index: dict[str, int] = {}
    rows: list[CsvRow] = []
    problems: list[RowProblem] = []
    next_line = 1
    while True:
        start = next_line
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            raise _file_error(_csv_error_reason(exc, start)) from None
        next_line = reader.line_num + 1
        if cells is None:
            break
        if _is_blank(cells):
            continue
        if header is None:
            header = [column_key(c) for c in cells]
            header_width = len(header)
            index = _column_index(header, wanted, required)
            continue
        if len(cells) > header_width and not _is_blank(cells[header_width:]):
            problems.append(
                RowProblem(
                    start,
                    msg(
                        "has {fields} fields but the header has {header_width}",
                        fields=len(cells),
                        header_width=header_width,
                    ),
                )
            )
            continue
        values = {
            name: (cells[index[name]] if name in index and index[name] < len(cells) else "")
            for name in wanted
        }
        rows.append(CsvRow(start, values))
    if header is None:
        raise ValidationError(
            [
                FieldError(
                    "header", "is missing: the file is empty (the first line must name the columns)"
                )
            ]
        )
    columns = tuple(name for name in header if name in index)
    return CsvTable(columns=columns, rows=tuple(rows), problems=tuple(problems))


def _column_index(header: list[str], wanted: list[str], required: Sequence[str]) -> dict[str, int]:
    """Position of each wanted column in the header; refuses missing or repeated ones."""
    errors: list[FieldError] = []
    missing = [k for k in dict.fromkeys(column_key(n) for n in required) if k not in header]
    if missing:
        errors.append(
            FieldError("header", msg("missing column(s): {value}", value=_names(missing)))
        )
    repeated = [name for name in wanted if header.count(name) > 1]
    if repeated:
        errors.append(
            FieldError(
                "header", msg("column(s) appear more than once: {value}", value=_names(repeated))
            )
        )
    if errors:
        raise ValidationError(errors)
    return {name: header.index(name) for name in wanted if name in header}


def duplicate_reason(first_seen: int) -> Message:
    """A key (district ID, partner name) seen on an earlier line of the same file."""
    return msg("is a duplicate, first seen on line {first_seen}", first_seen=first_seen)


def row_reason(problems: Iterable[tuple[str, Message]], order: Mapping[str, int]) -> Message:
    """One sentence per row: each column's first reason, in the file format's column order.
    Column names are the file's own (data, never translated); each reason is a message."""
    by_column: dict[str, Message] = {}
    for column, reason in problems:
        by_column.setdefault(column, reason)
    ordered = sorted(by_column, key=lambda c: order.get(c, len(order)))
    parts = (msg("{column} {reason}", column=c, reason=by_column[c]) for c in ordered)
    return join(parts, "; ")


def _names(columns: list[str]) -> str:
    """Column names as the file spells them (data: never translated)."""
    return ", ".join(columns)


def _csv_error_reason(exc: csv.Error, line: int) -> Message:
    """A plain reason for the csv module's error, without echoing any of the file."""
    if "field larger than field limit" in str(exc):
        return msg(
            "has a field longer than {csv} characters on line {line} "
            "(often a quote mark that is never closed)",
            csv=csv.field_size_limit(),
            line=line,
        )
    return msg("is not valid CSV near line {line}", line=line)
