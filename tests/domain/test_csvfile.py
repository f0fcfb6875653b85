"""The generic CSV reader: encodings, headers, shapes and physical line numbers."""

from __future__ import annotations

import csv

import pytest

from clinic_desktop.domain import csvfile
from clinic_desktop.domain.csvfile import CsvRow, RowProblem, column_key, read_csv
from clinic_desktop.errors import ValidationError


def table(text: str, required=("a", "b"), optional=()):
    return read_csv(text.encode("utf-8"), required, optional)


def test_reads_rows_with_physical_line_numbers() -> None:
    result = table("a,b\n1,2\n3,4\n")
    assert result.columns == ("a", "b")
    assert result.rows == (CsvRow(2, {"a": "1", "b": "2"}), CsvRow(3, {"a": "3", "b": "4"}))
    assert result.problems == ()


def test_bom_crlf_and_header_spelling_are_tolerated() -> None:
    data = "\ufeff A ,Date of Birth\r\nx,2010-01-02\r\n".encode()
    result = read_csv(data, ["a", "date_of_birth"])
    assert result.rows == (CsvRow(2, {"a": "x", "date_of_birth": "2010-01-02"}),)


def test_extra_and_reordered_columns() -> None:
    result = table("zzz,b,ignored,a\n0,2,9,1\n")
    assert result.rows == (CsvRow(2, {"a": "1", "b": "2"}),)
    assert result.columns == ("b", "a")


def test_optional_columns_read_as_blank_when_absent() -> None:
    result = table("a,b,c\n1,2,3\n", optional=("c", "d"))
    assert result.rows[0].values == {"a": "1", "b": "2", "c": "3", "d": ""}
    assert result.columns == ("a", "b", "c")


def test_missing_required_columns() -> None:
    with pytest.raises(ValidationError) as info:
        table("a,c\n1,2\n", required=("a", "b", "Last Name"))
    assert info.value.for_field("header") == "missing column(s): b, last_name"


def test_repeated_wanted_column_is_refused_but_repeated_extra_is_not() -> None:
    with pytest.raises(ValidationError, match="more than once: a"):
        table("a,b,A\n1,2,3\n")
    assert table("a,b,x,x\n1,2,3,4\n").rows[0].values == {"a": "1", "b": "2"}


def test_blank_lines_are_skipped_but_counted() -> None:
    result = table("\n\na,b\n\n1,2\n , \n,,\n3,4")
    assert [r.line for r in result.rows] == [5, 8]


def test_quoted_multiline_field_does_not_shift_later_lines() -> None:
    result = table('a,b\n1,"two\nlines\r\nthree"\n3,4\r5,6\r\n')
    assert [r.line for r in result.rows] == [2, 5, 6]
    assert result.rows[0].values["b"] == "two\nlines\r\nthree"


def test_long_rows_are_problems_and_short_rows_are_padded() -> None:
    result = table('a,b\n1,2,3\n"x\ny",2,,\n4\n5,6\n')
    assert result.problems == (RowProblem(2, "has 3 fields but the header has 2"),)
    assert [r.line for r in result.rows] == [3, 5, 6]
    assert result.rows[1].values == {"a": "4", "b": ""}
    assert str(result.problems[0]) == "line 2: has 3 fields but the header has 2"


def test_invalid_utf8_names_the_line_and_the_fix() -> None:
    data = b"a,b\n1,2\nJos\xe9,3\n"
    with pytest.raises(ValidationError) as info:
        read_csv(data, ["a"])
    reason = info.value.for_field("file")
    assert reason is not None
    assert "line 3" in reason
    assert "CSV UTF-8" in reason
    assert "Jos" not in reason


def test_utf16_is_refused_with_a_hint() -> None:
    with pytest.raises(ValidationError, match="UTF-16"):
        read_csv("a,b\n1,2\n".encode("utf-16"), ["a"])


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\r\n , \n"])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(ValidationError) as info:
        read_csv(data, ["a"])
    assert "empty" in (info.value.for_field("header") or "")


def test_file_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", 10)
    with pytest.raises(ValidationError, match="too large"):
        table("a,b\n1,2\n3,4\n")


def test_field_over_csv_limit_is_a_clean_error() -> None:
    huge = "x" * (csv.field_size_limit() + 1)
    with pytest.raises(ValidationError) as info:
        table(f'a,b\n1,2\n3,"{huge}\n')
    reason = info.value.for_field("file") or ""
    assert "line 3" in reason
    assert "x" * 20 not in reason


def test_column_key() -> None:
    assert column_key("\ufeff  Guardian - Phone ") == "guardian_phone"
