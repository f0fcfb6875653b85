"""Roster import through the service: line-numbered problems, updates, never duplicates."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from clinic_desktop.domain.roster import UNKNOWN_RELATION
from clinic_desktop.services import roster, students
from clinic_desktop.store.models import AuditEvent, Guardian, School, Student

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


@pytest.fixture(autouse=True)
def _schools(clinician):
    """The site's school list: the two schools the files below name."""
    roster.import_roster(clinician, HEADER.encode(), add_schools=["LHS", "RMS"])


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
    assert seen == [3]


def test_progress_is_reported_per_chunk_up_to_the_total(clinician):
    rows = "".join(f"E{n},Ana,Lopez,,2010-01-01,F,10,LHS,94601,es,,,\n" for n in range(1201))
    seen = []
    report = roster.import_roster(
        clinician, (HEADER + rows).encode(), progress=lambda done, total: seen.append((done, total))
    )
    assert report.created == 1201
    assert seen == [(500, 1201), (1000, 1201), (1201, 1201)]


def test_a_school_code_not_in_the_site_list_rejects_the_row_naming_the_code(clinician):
    data = GOOD + "D103,Ana,Lopez,,2010-01-01,F,10,94601,94601,es,,,\n"  # zip in school_code
    report = roster.import_roster(clinician, data.encode())
    assert report.created == 3
    [problem] = report.problems
    assert problem.line == 5
    assert "school_code 94601 is not one of this site's schools" in problem.reason
    with clinician.read() as db:
        assert set(db.scalars(select(School.code))) == {"LHS", "RMS"}


def test_new_school_codes_are_added_only_when_named(clinician):
    data = GOOD + "D103,Ana,Lopez,,2010-01-01,F,10,WMS,94601,es,,,\n"
    assert roster.new_school_codes(clinician, data.encode()) == ["WMS"]
    report = roster.import_roster(clinician, data.encode(), add_schools=["wms"])
    assert (report.created, report.problems) == (4, ())
    codes = {s.school_code for s in students.search_students(clinician, "")}
    assert codes == {"LHS", "RMS", "WMS"}
    assert roster.new_school_codes(clinician, data.encode()) == []
    with clinician.read() as db:
        detail = db.scalar(
            select(AuditEvent.detail)
            .where(AuditEvent.action == "roster_imported")
            .order_by(AuditEvent.seq.desc())
            .limit(1)
        )
    assert detail["schools_added"] == ["WMS"] and detail["created"] == 4


@pytest.mark.parametrize("word", ["Guardian", "Stepmother", "tía"])
def test_an_unknown_relation_keeps_the_student_and_a_guardian_without_consent(clinician, word):
    data = HEADER + f"D200,Ana,Lopez,,2010-01-01,F,10,LHS,94601,es,Rosa Lopez,{word},555-555-0100\n"
    report = roster.import_roster(clinician, data.encode())
    assert (report.created, report.problems) == (1, ())
    [warning] = report.warnings
    assert warning.line == 2 and warning.reason == UNKNOWN_RELATION
    assert "1 to confirm" in report.summary()
    [ana] = students.search_students(clinician, "D200")
    [rosa] = students.get_student(clinician, ana.id).guardians
    assert (rosa.name, rosa.relation, rosa.can_consent) == ("Rosa Lopez", "other", False)


def test_a_known_relation_still_gives_consent_authority_and_no_warning(clinician):
    report = roster.import_roster(clinician, GOOD.encode())
    assert report.warnings == ()
    [jose] = students.search_students(clinician, "D100")
    [maria] = students.get_student(clinician, jose.id).guardians
    assert (maria.relation, maria.can_consent) == ("mother", True)


def test_reimport_with_an_unknown_relation_keeps_the_confirmed_relation(clinician):
    roster.import_roster(clinician, GOOD.encode())
    again = GOOD.replace("María Ñúñez,mother", "María Ñúñez,Guardian")
    report = roster.import_roster(clinician, again.encode())
    assert [w.line for w in report.warnings] == [2]
    [jose] = students.search_students(clinician, "D100")
    [maria] = students.get_student(clinician, jose.id).guardians
    assert (maria.relation, maria.can_consent) == ("mother", True)


def test_every_student_added_or_changed_is_audited_with_one_summary_row(clinician):
    roster.import_roster(clinician, GOOD.encode())
    changed = GOOD.replace("Annie,2011-07-02,F,9,", "Annie,2011-07-02,F,10,")
    roster.import_roster(clinician, changed.encode())
    with clinician.read() as db:
        actions = [
            (e.action, e.entity)
            for e in db.scalars(select(AuditEvent).order_by(AuditEvent.seq))
            if e.action.startswith("roster_")
        ]
        [hong] = db.scalars(select(Student.id).where(Student.district_id == "D101"))
        updated = select(AuditEvent.entity_id).where(AuditEvent.action == "roster_updated")
        assert list(db.scalars(updated)) == [str(hong)]
    assert actions[1:] == [
        *[("roster_created", "student")] * 3,
        ("roster_imported", ""),
        ("roster_updated", "student"),
        ("roster_imported", ""),
    ]


def test_bulk_written_rows_carry_timestamps_and_change_numbers(clinician):
    roster.import_roster(clinician, GOOD.encode())
    with clinician.read() as db:
        rows = [*db.scalars(select(Student)), *db.scalars(select(Guardian))]
        seqs = [row.change_seq for row in rows]
        assert all(row.created_at == clinician.now() == row.updated_at for row in rows)
        from clinic_desktop.store.changes import current_change_seq

        assert len(set(seqs)) == len(seqs) == 5 and max(seqs) == current_change_seq(db)


def test_a_failure_while_writing_imports_nothing(clinician, monkeypatch):
    from clinic_desktop.services import roster as service

    calls = []

    def failing(self, chunk):
        calls.append(len(chunk))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        original(self, chunk)

    original = service._Writer.write
    monkeypatch.setattr(service._Writer, "write", failing)
    rows = "".join(f"E{n},Ana,Lopez,,2010-01-01,F,10,LHS,94601,es,,,\n" for n in range(600))
    with pytest.raises(RuntimeError):
        roster.import_roster(clinician, (HEADER + rows).encode())
    assert _count(clinician, Student) == 0
