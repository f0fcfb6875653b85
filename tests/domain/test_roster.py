"""The district roster: good rows through, bad rows reported by line, never by value."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_desktop.domain.roster import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    UNKNOWN_RELATION,
    ParsedRoster,
    RowProblem,
    parse_roster,
)
from clinic_desktop.domain.students import GuardianInput, StudentInput
from clinic_desktop.errors import ValidationError

TODAY = date(2025, 9, 15)
HEADER = (
    "district_id,first_name,last_name,preferred_name,date_of_birth,sex,grade,school_code,"
    "zip,language,guardian_name,guardian_relation,guardian_phone"
)
GOOD = [
    "D001,José,Ñúñez,Pepe,2012-04-03,m,07,lin,94110,ES,María Núñez,Mother,"
    "415-555-0100; 415 555 0101",
    "D002,Zoë,O'Brien-Łukasz,,2014-11-30,F,kg,LIN,,,,,",
    "D003,Hồng,Nguyễn,,2009-01-15,,,LIN,94110-1234,vi,Thị Lan,grandmother,(415) 555-0102",
]


def roster(*lines: str, header: str = HEADER, end: str = "\n") -> bytes:
    return end.join([header, *lines, ""]).encode("utf-8")


def test_good_file() -> None:
    parsed = parse_roster(roster(*GOOD), TODAY)
    assert parsed.problems == ()
    assert [r.line for r in parsed.rows] == [2, 3, 4]
    first = parsed.rows[0]
    assert first.student == StudentInput(
        first_name="José",
        last_name="Ñúñez",
        date_of_birth=date(2012, 4, 3),
        school_code="LIN",
        district_id="D001",
        preferred_name="Pepe",
        sex="M",
        grade="7",
        zip_code="94110",
        language="es",
    )
    assert first.guardian == GuardianInput(
        name="María Núñez",
        relation="mother",
        phones=("415-555-0100", "415 555 0101"),
        language="es",
        can_consent=True,
    )
    second = parsed.rows[1]
    assert (second.student.sex, second.student.grade, second.student.language) == ("F", "K", "en")
    assert second.guardian is None
    third = parsed.rows[2].guardian
    assert third is not None
    assert (third.relation, third.can_consent) == ("grandparent", False)


def test_blank_relation_means_parent_who_can_consent() -> None:
    parsed = parse_roster(roster("D9,A,B,,2012-01-01,,,S1,,,Pat B,,555-0100"), TODAY)
    guardian = parsed.rows[0].guardian
    assert guardian is not None
    assert (guardian.relation, guardian.can_consent, guardian.phones) == (
        "parent",
        True,
        ("555-0100",),
    )


def test_bom_and_crlf() -> None:
    data = b"\xef\xbb\xbf" + roster(*GOOD, end="\r\n")
    parsed = parse_roster(data, TODAY)
    assert parsed.problems == ()
    assert [r.line for r in parsed.rows] == [2, 3, 4]
    assert parsed.rows[0].student.district_id == "D001"


def test_only_required_columns_reordered_with_extras() -> None:
    header = "School_Code,Homeroom,LAST_NAME, First Name ,date of birth,District ID"
    parsed = parse_roster(roster("lin,12B,Ng,Ann,2011-02-03,X1", header=header), TODAY)
    assert parsed.problems == ()
    student = parsed.rows[0].student
    assert (student.school_code, student.last_name, student.first_name) == ("LIN", "Ng", "Ann")
    assert (student.district_id, student.sex, student.zip_code) == ("X1", "U", "")
    assert parsed.rows[0].guardian is None


def test_missing_required_header_column() -> None:
    header = HEADER.replace("date_of_birth,", "").replace("school_code,", "")
    with pytest.raises(ValidationError) as info:
        parse_roster(roster(header=header), TODAY)
    assert info.value.for_field("header") == "missing column(s): date_of_birth, school_code"


def test_bad_rows_are_reported_by_line_without_values() -> None:
    data = roster(
        GOOD[0],
        'D010,Ann,"Multi\nLine",,2012-01-01,F,3,LIN,,,,,',  # lines 3-4: name has a newline
        "D011,Ben,Secret,,,Q,3,LIN,,,,,",  # line 5
        GOOD[1],  # line 6
        "D012,Cy,Secret,,2012-13-45,F,99,LIN,123,,Kim,auntie,555-0100",  # line 7
        ",Di,Secret,,1990-01-01,F,3,,,,,,555-0100",  # line 8
        "D013,Ed,Secret,,2012-01-01,F,3,LIN,,,,,,extra",  # line 9
        GOOD[2],  # line 10
    )
    parsed = parse_roster(data, TODAY)
    assert [r.line for r in parsed.rows] == [2, 6, 10]
    assert parsed.problems == (
        RowProblem(3, "last_name contains control characters"),
        RowProblem(
            5, "date_of_birth is required (YYYY-MM-DD); sex is not one of the allowed values"
        ),
        RowProblem(
            7,
            "date_of_birth is not a date in the form YYYY-MM-DD; "
            "grade is not one of the allowed values; zip must be 5 digits (or ZIP+4)",
        ),  # an unknown relation ("auntie") alone never rejects a row: see below
        RowProblem(
            8,
            "district_id is required; date_of_birth gives an age outside 2 to 26 years; "
            "school_code is required; guardian_name is required",
        ),
        RowProblem(9, "has 14 fields but the header has 13"),
    )
    assert str(parsed.problems[1]).startswith("line 5: date_of_birth")
    for problem in parsed.problems:
        for secret in ("Secret", "Multi", "2012-13-45", "auntie", "Kim", "Q,", "123", "35"):
            assert secret not in problem.reason


def test_duplicate_district_id_is_a_problem_on_the_later_line() -> None:
    data = roster(
        GOOD[0], GOOD[1], GOOD[0].replace("José", "Joe"), " d001 ,A,B,,2012-01-01,,,S,,,,,"
    )
    parsed = parse_roster(data, TODAY)
    assert [r.line for r in parsed.rows] == [2, 3]
    assert parsed.problems == (
        RowProblem(4, "district_id is a duplicate, first seen on line 2"),
        RowProblem(5, "district_id is a duplicate, first seen on line 2"),
    )


def test_invalid_utf8() -> None:
    data = roster(GOOD[0]) + b"D5,Ren,Lef\xe8vre,2012-01-01,,,S,,,,,\n"
    with pytest.raises(ValidationError) as info:
        parse_roster(data, TODAY)
    reason = info.value.for_field("file") or ""
    assert "line 3" in reason
    assert "CSV UTF-8" in reason


def test_blank_lines_are_skipped() -> None:
    data = roster("", GOOD[0], "", ",,,,,,,,,,,,", "   ", GOOD[1], "")
    parsed = parse_roster(data, TODAY)
    assert parsed.problems == ()
    assert [r.line for r in parsed.rows] == [3, 7]


def test_odd_digit_grades_do_not_crash() -> None:
    parsed = parse_roster(
        roster("D1,A,B,,2012-01-01,,²,S,,,,,", f"D2,A,B,,2012-01-01,,{'9' * 5000},S,,,,,"),
        TODAY,
    )
    assert parsed.rows == ()
    assert [p.reason for p in parsed.problems] == ["grade is not one of the allowed values"] * 2


def _physical_lines(data: bytes) -> int:
    text = data.decode("utf-8").removeprefix("\ufeff")
    return max(1, len(io.StringIO(text, newline="").readlines()))


_CELL = st.one_of(
    st.text(alphabet='ab1-"/;,\n\r é²\x00', max_size=12),
    st.sampled_from(["", "2012-01-01", "2030-01-01", "Mother", "guardian", "F", "kg", "94110"]),
)


def _mutate(row: str, changes: dict[int, str]) -> str:
    cells = row.split(",")
    for position, cell in changes.items():
        if position < len(cells):
            cells[position] = cell
        else:
            cells.append(cell)
    return ",".join(cells)


_ROW = st.one_of(
    st.lists(_CELL, max_size=15).map(",".join),
    st.builds(
        _mutate, st.sampled_from(GOOD), st.dictionaries(st.integers(0, 13), _CELL, max_size=2)
    ),
)
_TEXT_FILES = st.builds(
    lambda bom, header, rows, end: (bom + end.join([header, *rows])).encode(),
    st.sampled_from(["", "\ufeff"]),
    st.one_of(
        st.just(HEADER), st.permutations([*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]).map(",".join)
    ),
    st.lists(_ROW, max_size=8),
    st.sampled_from(["\n", "\r\n", "\r"]),
)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(st.one_of(st.binary(), _TEXT_FILES))
def test_arbitrary_bytes_only_raise_validation_error(data: bytes) -> None:
    try:
        parsed = parse_roster(data, TODAY)
    except ValidationError:
        return
    assert isinstance(parsed, ParsedRoster)
    last = _physical_lines(data)
    for line in [r.line for r in parsed.rows] + [p.line for p in parsed.problems]:
        assert 1 < line <= last
    assert len({p.line for p in parsed.problems}) == len(parsed.problems)


@pytest.mark.parametrize("word", ["Guardian", "guardian", "Stepfather", "auntie"])
def test_an_unknown_relation_keeps_the_row_and_a_guardian_without_consent(word) -> None:
    parsed = parse_roster(roster(f"D020,Ann,Lee,,2012-01-01,F,3,LIN,,,Kim Lee,{word},"), TODAY)
    assert parsed.problems == ()
    [row] = parsed.rows
    assert row.guardian is not None
    assert (row.guardian.name, row.guardian.relation, row.guardian.can_consent) == (
        "Kim Lee",
        "other",
        False,
    )
    assert row.warning == UNKNOWN_RELATION  # the same words whatever the cell said


def test_known_relations_and_their_spellings_carry_no_warning() -> None:
    rows = [f"D02{n},Ann,Lee,,2012-01-01,F,3,LIN,,,Kim Lee,{word}," for n, word in enumerate(
        ["Mother", "legal guardian", "Grandma", "mom", "other", ""]
    )]  # fmt: skip
    parsed = parse_roster(roster(*rows), TODAY)
    warned = [r.line for r in parsed.rows if r.warning is not None]
    assert warned == [4]  # "Grandma" is not one of the everyday spellings mapped
