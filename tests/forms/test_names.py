"""Names outside Latin-1 print and extract exactly; long names and texts wrap, not spill."""

import pytest

from clinic_desktop.domain.consents import InformationKind
from clinic_desktop.forms import render
from clinic_desktop.forms.styles import FONT_FILES
from clinic_desktop.resources import resource_path
from tests.forms.helpers import (
    NAMES,
    PRINTED_ON,
    SITE,
    all_text,
    page_size,
    page_texts,
    pass_details,
    reader,
    referral_letter,
    release,
    student,
    text_runs,
)


def _kinds(name):
    kid = student(name)
    return {
        "consent": {"student": kid, "site": SITE, "printed_on": PRINTED_ON},
        "release": {"student": kid, "site": SITE, "printed_on": PRINTED_ON, "release": release()},
        "referral": {"student": kid, "site": SITE, "printed_on": PRINTED_ON,
                     "letter": referral_letter()},
        "pass": {"site": SITE, "details": pass_details(student_name=name)},
    }  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", ["consent", "release", "referral", "pass"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_accented_names_extract_exactly(name, kind, lang):
    pdf = render(kind, lang=lang, **_kinds(name)[kind])
    assert name in page_texts(pdf)[0]


def test_the_font_is_embedded_and_its_licence_ships_beside_it():
    for file_name in FONT_FILES.values():
        assert resource_path("fonts", file_name).is_file()
    licence = resource_path("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in licence and "Permission is hereby granted" in licence
    for kind, objects in _kinds(NAMES[1]).items():
        for page in reader(render(kind, **objects)).pages:
            for ref in page["/Resources"]["/Font"].values():
                font = ref.get_object()
                assert "DejaVuSans" in font["/BaseFont"], kind  # never an unembedded base font
                assert "/FontFile2" in font["/FontDescriptor"]  # the TrueType subset is inside
                assert "/ToUnicode" in font  # so text can be searched and extracted


LONG_NAME = (
    "Maximiliano Alejandro de la Santísima Trinidad Nguyễn-Wojciechowski "
    "Fitzgerald-Oyelaran-Papadopoulos-Łukaszewicz-Schwarzenegger"
)
UNBROKEN = "Bartholomew" + "x" * 140


def _compact(text):
    return "".join(text.split())


@pytest.mark.parametrize("name", [LONG_NAME, f"Zed {UNBROKEN}"])
@pytest.mark.parametrize("kind", ["consent", "release", "referral", "pass"])
def test_long_names_wrap_inside_the_page(name, kind):
    pdf = render(kind, lang="es", **_kinds(name)[kind])
    assert _compact(name) in _compact(all_text(pdf))
    width, _ = page_size(pdf)
    for run in text_runs(pdf):
        assert run.x + run.width <= width - 18, run


def test_long_free_text_flows_onto_more_pages_and_stays_inside():
    sentence = "The family asks for help coordinating counseling, tutoring and transport. "
    short = release(InformationKind.DEMOGRAPHICS)
    long = release(
        InformationKind.DEMOGRAPHICS,
        purpose=sentence * 60,
        scope="Visits from August 2025 onward; " * 10,
        expiry_event="when the student leaves the district or the family says so " * 3,
    )
    base = {"student": student(), "site": SITE, "printed_on": PRINTED_ON, "lang": "en"}
    short_pdf = render("release", release=short, **base)
    long_pdf = render("release", release=long, **base)
    assert len(reader(long_pdf).pages) > len(reader(short_pdf).pages)
    assert _compact(sentence * 60) in _compact(all_text(long_pdf))
    width, height = page_size(long_pdf)
    for run in text_runs(long_pdf):
        assert run.x + run.width <= width - 18 and 0 < run.y < height, run


def test_long_site_name_shrinks_to_fit_the_header():
    site = SITE.__class__(
        name="The Very Long Name of a Community School-Based Health and Wellness Center "
        "Operated Jointly by the District and Its Federally Qualified Partner",
        code="X",
        address="1200 Oak Street, Oakland, CA 94601",
        phone="(555) 555-0100",
    )
    pdf = render("consent", lang="en", student=student(), site=site, printed_on=PRINTED_ON)
    width, _ = page_size(pdf)
    for run in text_runs(pdf):
        assert run.x + run.width <= width - 18, run
