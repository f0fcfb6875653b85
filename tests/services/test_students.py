"""Students and guardians through the services: validation, search, audit."""

from datetime import date

import pytest

from clinic_desktop import errors
from clinic_desktop.services import students
from clinic_desktop.store.models import AuditEvent
from tests.factories import guardian, student


def test_validation_names_every_bad_field(clinician):
    bad = student(first_name=" ", date_of_birth=date(2030, 1, 1), zip_code="9460", sex="Q")
    with pytest.raises(errors.ValidationError) as caught:
        students.create_student(clinician, bad)
    fields = {e.field for e in caught.value.errors}
    assert fields == {"first_name", "date_of_birth", "zip_code", "sex"}
    assert caught.value.for_field("date_of_birth") == "cannot be in the future"


def test_implausible_date_of_birth(clinician):
    with pytest.raises(errors.ValidationError) as caught:
        students.create_student(clinician, student(date_of_birth=date(1950, 1, 1)))
    assert "expected" not in caught.value.message and "1950" not in caught.value.message


@pytest.mark.parametrize(
    "query",
    ["nunez", "ÑÚÑEZ", "jose", "pepe", "D1000001", "2010-03-14", "3/14/2010", "jos nun"],
)
def test_search_by_name_preferred_name_id_or_birth_date(clinician, query):
    created = students.create_student(clinician, student())
    students.create_student(
        clinician,
        student(
            first_name="Zoë",
            last_name="O'Brien-Łukasz",
            preferred_name="",
            district_id="D2",
            date_of_birth=date(2011, 5, 1),
        ),
    )
    assert [s.id for s in students.search_students(clinician, query)] == [created.id]


def test_search_by_birth_date_with_a_two_digit_year(clinician):
    born = students.create_student(
        clinician, student(district_id="D3", date_of_birth=date(2009, 7, 26))
    )
    assert [s.id for s in students.search_students(clinician, "07/26/09")] == [born.id]
    assert students.count_students(clinician, "7/26/09") == 1


def test_search_by_birth_date_day_first_as_the_spanish_interface_writes_it(clinician):
    born = students.create_student(
        clinician, student(district_id="D3", date_of_birth=date(2009, 7, 26))
    )
    found = students.search_students(clinician, "26/07/2009", day_first=True)
    assert [s.id for s in found] == [born.id]
    assert students.count_students(clinician, "26/7/09", day_first=True) == 1
    assert students.count_students(clinician, "26/07/2009") == 0  # month first: no month 26


def test_search_handles_apostrophes_hyphens_and_letters_without_decomposition(clinician):
    created = students.create_student(
        clinician, student(first_name="Zoë", last_name="O'Brien-Łukasz", district_id="D2")
    )
    for query in ("obrien", "lukasz", "zoe o'brien"):
        assert [s.id for s in students.search_students(clinician, query)] == [created.id]


def test_search_matches_word_starts_not_middles(clinician):
    students.create_student(clinician, student())
    assert students.search_students(clinician, "unez") == []


def test_district_id_is_unique(clinician):
    students.create_student(clinician, student())
    with pytest.raises(errors.ValidationError) as caught:
        students.create_student(clinician, student(first_name="Other"))
    assert caught.value.for_field("district_id") == "belongs to another student"


def test_guardians_and_update(clinician):
    created = students.create_student(clinician, student(), (guardian(),))
    assert created.guardians[0].can_consent
    students.add_guardian(
        clinician,
        created.id,
        guardian(name="Abuela Rosa", relation="grandparent", can_consent=False),
    )
    updated = students.update_student(clinician, created.id, student(grade="11"))
    assert updated.grade == "11"
    assert [g.name for g in students.get_student(clinician, created.id).guardians] == [
        "María Ñúñez",
        "Abuela Rosa",
    ]


def test_chart_reads_are_audited(clinician):
    created = students.create_student(clinician, student())
    students.get_student(clinician, created.id)
    with clinician.read() as db:
        actions = [(e.action, e.entity_id) for e in db.query(AuditEvent)]
    assert ("chart_viewed", str(created.id)) in actions
    assert ("student_created", str(created.id)) in actions


def test_unknown_student(clinician):
    import uuid

    with pytest.raises(errors.NotFoundError):
        students.get_student(clinician, uuid.uuid4())


def test_roster_order_ignores_accents(clinician):
    for district_id, last in (("D1", "Smith"), ("D2", "Ñúñez"), ("D3", "Novak"), ("D4", "Álvarez")):
        students.create_student(clinician, student(district_id=district_id, last_name=last))
    listed = [s.last_name for s in students.search_students(clinician, "")]
    assert listed == ["Álvarez", "Novak", "Ñúñez", "Smith"]
