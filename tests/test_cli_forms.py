"""``clinic-admin forms packet``: the consent packet from the command line, for the
students named or a grade, written private to its owner; refusals exit 1."""

import io
import stat

from pypdf import PdfReader

from clinic_desktop.services import printing, students
from tests.factories import student
from tests.test_cli_admin import as_user


def enrol(clinician, count: int, grade: str = "9") -> list:
    return [
        students.create_student(
            clinician,
            student(
                first_name=f"Ana{n:02d}",
                last_name="Rivera",
                grade=grade,
                district_id=f"D{grade}{n:06d}",
                language="en",
            ),
        )
        for n in range(count)
    ]


def test_a_packet_for_named_students(site, clinician, tmp_path):
    pupils = enrol(clinician, 3)
    out = tmp_path / "out" / "packet.pdf"
    out.parent.mkdir()
    ids = [pupils[2].district_id, pupils[0].district_id]
    args = [arg for d in ids for arg in ("--student", d)]
    code, text, err = as_user(
        site, "nurse", "forms", "packet", *args, "--lang", "es", "--out", str(out)
    )
    assert code == 0, err
    assert "for 2 students" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # it names students
    pdf = PdfReader(io.BytesIO(out.read_bytes()))
    one = printing.consent_form(clinician, pupils[2].id, "es").page_count
    assert len(pdf.pages) == 2 * one
    assert "Ana02" in "".join(page.extract_text() for page in pdf.pages[:one])
    assert list(out.parent.iterdir()) == [out]  # no temporary file left beside it


def test_a_packet_for_a_grade(site, clinician, tmp_path):
    enrol(clinician, 2, grade="9")
    enrol(clinician, 1, grade="10")
    out = tmp_path / "grade9.pdf"
    code, text, err = as_user(
        site, "nurse", "forms", "packet", "--grade", "9", "--school", "LHS", "--out", str(out)
    )
    assert code == 0, err
    assert "for 2 students" in text


def test_a_class_larger_than_a_packet_is_refused(site, clinician, tmp_path):
    enrol(clinician, printing.MAX_PACKET_STUDENTS + 1)
    out = tmp_path / "too-many.pdf"
    code, _text, err = as_user(site, "nurse", "forms", "packet", "--grade", "9", "--out", str(out))
    assert code == 1
    assert f"at most {printing.MAX_PACKET_STUDENTS}" in err
    assert not out.exists()


def test_unknown_student_and_no_choice_are_refused(site, tmp_path):
    out = str(tmp_path / "x.pdf")
    code, _text, err = as_user(site, "nurse", "forms", "packet", "--student", "NOPE", "--out", out)
    assert code == 1 and "no student has district id NOPE" in err
    code, _text, err = as_user(site, "nurse", "forms", "packet", "--out", out)
    assert code == 1 and "give --student or --grade" in err


def test_it_may_not_print_a_packet(site, clinician, tmp_path):
    pupils = enrol(clinician, 1)
    out = tmp_path / "it.pdf"
    args = ("--student", pupils[0].district_id, "--out", str(out))
    code, _text, _err = as_user(site, "it", "forms", "packet", *args)
    assert code == 1
    assert not out.exists()
