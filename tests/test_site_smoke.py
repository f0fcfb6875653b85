from tests.factories import student


def test_site_fixture_signs_in_every_role(site):
    for name in ("admin", "clinician", "nurse", "it"):
        with site.sign_in(name) as session:
            assert session.user.username == name


def test_clinician_creates_and_finds_student(clinician):
    from clinic_desktop.services import students

    created = students.create_student(clinician, student())
    found = students.search_students(clinician, "nunez")
    assert [s.id for s in found] == [created.id]
