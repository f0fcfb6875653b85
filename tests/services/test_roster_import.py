"""Roster import through the service: line-numbered problems, updates, never duplicates."""

from dataclasses import replace

from sqlalchemy import func, select

from clinic_desktop.services import roster, students
from clinic_desktop.store.models import Guardian, Student

HEADER = (
    "district_id,first_name,last_name,preferred_name,date_of_birth,sex,grade,"
    "school_code,zip,language,guardian_name,guardian_relation,guardian_phone\n"
)
GOOD = (
    HEADER
    + "D100,José,Ñúñez,Pepe,2010-03-14,M,10,LHS,94601,es,María Ñúñez,mother,(555) 555-0101\n"
    + "D101,Thị Hồng,Nguyễn,Annie,2011-07-02,F,9,LHS,94602,vi,Trần Văn Bảo,father,555-555-0102\n"
    + "D102,Zoë,O'Brien-Łukasz,,2009-12-31,F,11,RMS,94603,en,,,\n"
)


def _count(session, model):
    with session.read() as db:
        return db.scalar(select(func.count()).select_from(model))


def test_good_file_imports_everyone_with_guardians(clinician):
    report = roster.import_roster(clinician, GOOD.encode())
    assert (report.created, report.updated, report.problems) == (3, 0, ())
    assert _count(clinician, Student) == 3
    assert _count(clinician, Guardian) == 2
    assert [s.last_name for s in students.search_students(clinician, "nguyen")] == ["Nguyễn"]


def test_bom_and_crlf(clinician):
    data = "\ufeff".encode() + GOOD.replace("\n", "\r\n").encode()
    assert roster.import_roster(clinician, data).created == 3


def test_bad_rows_are_reported_by_line_and_good_rows_still_import(clinician):
    data = (
        GOOD
        + "D103,,Smith,,2010-01-01,M,10,LHS,94601,en,,,\n"  # line 5: no first name
        + "D104,Ana,Lopez,,2010-13-45,F,10,LHS,94601,es,,,\n"  # line 6: bad date
        + "D105,Ben,Ode,,2010-01-01,M,10,LHS,9460,en,,,\n"  # line 7: bad zip
        + "D101,Dup,Licate,,2010-01-01,M,10,LHS,94601,en,,,\n"  # line 8: duplicate id
    )
    report = roster.import_roster(clinician, data.encode())
    assert report.created == 3
    assert [p.line for p in report.problems] == [5, 6, 7, 8]
    reasons = [p.reason for p in report.problems]
    assert "first_name" in reasons[0]
    assert "date_of_birth" in reasons[1]
    assert "zip" in reasons[2]
    assert "duplicate" in reasons[3]
    for reason in reasons:  # no cell values (personal data) in the report
        assert "Smith" not in reason and "2010" not in reason and "Dup" not in reason


def test_reimport_updates_by_district_id_and_never_duplicates(clinician):
    roster.import_roster(clinician, GOOD.encode())
    changed = GOOD.replace(
        "D101,Thị Hồng,Nguyễn,Annie,2011-07-02,F,9,", "D101,Thị Hồng,Nguyễn,Annie,2011-07-02,F,10,"
    )
    report = roster.import_roster(clinician, changed.encode())
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert _count(clinician, Student) == 3
    assert _count(clinician, Guardian) == 2
    [hong] = students.search_students(clinician, "D101")
    assert hong.grade == "10"


def test_reimport_never_deletes_and_keeps_what_the_clinic_recorded(clinician):
    roster.import_roster(clinician, GOOD.encode())
    [jose] = students.search_students(clinician, "D100")
    detail = students.get_student(clinician, jose.id)
    from tests.factories import student as make

    students.update_student(
        clinician,
        jose.id,
        replace(
            make(district_id="D100", school_code=detail.school_code),
            foster_care=True,
            insurance_id="MCD-778",
        ),
    )
    only_one_row = HEADER + "D100,José,Ñúñez,,2010-03-14,,10,LHS,94601,,,,\n"
    roster.import_roster(clinician, only_one_row.encode())
    assert _count(clinician, Student) == 3
    after = students.get_student(clinician, jose.id)
    assert after.foster_care and after.insurance_id == "MCD-778"
    assert after.preferred_name == "Pepe" and after.language == "es" and after.sex == "M"


def test_progress_is_reported(clinician):
    seen = []
    roster.import_roster(clinician, GOOD.encode(), progress=lambda done, total: seen.append(done))
    assert seen == [1, 2, 3]


def test_unknown_school_codes_are_created(clinician):
    roster.import_roster(clinician, GOOD.encode())
    codes = {s.school_code for s in students.search_students(clinician, "")}
    assert codes == {"LHS", "RMS"}
