"""Every document renders from plain inputs, deterministically, with honest metadata."""

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from clinic_desktop.domain.consents import MinorConsentRule, SignerKind
from clinic_desktop.forms import (
    BLANK_KINDS,
    FormKind,
    render,
    suggested_filename,
)
from clinic_desktop.forms.texts import Texts
from tests.forms.helpers import (
    NAMES,
    PARTNER,
    PRINTED_ON,
    SITE,
    all_text,
    page_size,
    pass_details,
    reader,
    referral_letter,
    release,
    results_letter,
    student,
    text_runs,
)

ROOT = Path(__file__).resolve().parents[2]
LETTER_SIZE = (612.0, 792.0)


def filled(kind, lang="en", name=NAMES[0]):
    """One filled document of ``kind`` for a student called ``name``."""
    kid = student(name)
    objects = {
        "consent": {"student": kid, "site": SITE, "printed_on": PRINTED_ON},
        "release": {"student": kid, "site": SITE, "printed_on": PRINTED_ON, "release": release()},
        "referral": {"student": kid, "site": SITE, "printed_on": PRINTED_ON,
                     "letter": referral_letter()},
        "results": {"student": kid, "site": SITE, "printed_on": PRINTED_ON,
                    "letter": results_letter()},
        "pass": {"site": SITE, "details": pass_details(student_name=name)},
        "packet": {"students": [kid], "site": SITE, "printed_on": PRINTED_ON},
        "instrument": {"instrument_id": "asq"},
    }[kind]  # fmt: skip
    return render(kind, lang=lang, **objects)


@pytest.mark.parametrize("kind", [k.value for k in FormKind])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_kind_renders_a_pdf_with_its_title(kind, lang):
    pdf = filled(kind, lang)
    assert pdf.startswith(b"%PDF-")
    meta = reader(pdf).metadata
    form = {"packet": "packet", "instrument": "instrument"}.get(kind, kind)
    if kind != "instrument":
        assert meta.title == Texts(form, lang).plain("title")
        assert meta.title in all_text(pdf) or kind == "packet"
    assert meta.subject and meta.creator.startswith("clinic_desktop")


@pytest.mark.parametrize("kind", [k.value for k in FormKind if k is not FormKind.INSTRUMENT])
def test_metadata_never_names_the_student(kind):
    meta = reader(filled(kind)).metadata
    for value in (meta.title, meta.subject, meta.author, meta.get("/Keywords")):
        assert "José" not in str(value) and "Ñúñez" not in str(value)


def test_creation_date_comes_from_the_inputs():
    meta = reader(filled("consent")).metadata
    assert meta["/CreationDate"].startswith("D:20260303")
    assert reader(filled("pass")).metadata["/CreationDate"].startswith("D:20260303")
    blank = reader(render("release", blank=True)).metadata
    assert blank["/CreationDate"].startswith(
        "D:" + Texts("release", "en").raw("revised").replace("-", "")
    )


@pytest.mark.parametrize("kind", [k.value for k in FormKind])
def test_same_inputs_give_the_same_bytes(kind):
    first = filled(kind, "es")
    filled("release", "en", NAMES[1])  # other documents in between share the font registry
    assert filled(kind, "es") == first


def test_same_bytes_in_a_fresh_process():
    """A re-print tomorrow (another process) is byte-identical to today's copy."""
    code = (
        "import sys; from clinic_desktop.forms import render; "
        "sys.stdout.buffer.write(render('consent', lang='es', blank=True))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )  # fmt: skip
    assert out.stdout == render("consent", lang="es", blank=True)


@pytest.mark.parametrize("kind", [k.value for k in BLANK_KINDS])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_blank_versions_carry_no_data(kind, lang):
    pdf = render(kind, lang=lang, blank=True)
    text = all_text(pdf)
    for data in (*NAMES, "D1000001", "MC-4471-22", PARTNER.name, SITE.name, "2010", "2026,"):
        assert data not in text
    assert Texts("common", lang).plain("header.default_site") in text
    assert reader(pdf).metadata.author == Texts("common", lang).plain("header.default_site")


@pytest.mark.parametrize("kind", [k.value for k in BLANK_KINDS])
def test_blank_versions_refuse_personal_data(kind):
    with pytest.raises(TypeError):
        render(kind, blank=True, student=student())


def test_blank_copy_may_carry_the_site_header():
    assert SITE.name in all_text(render("consent", blank=True, site=SITE))


def test_unknown_kind_and_blank_packet_are_programming_errors():
    with pytest.raises(ValueError, match="unknown form kind"):
        render("invoice")
    with pytest.raises(ValueError, match="no blank packet"):
        render("packet", blank=True)


@pytest.mark.parametrize(
    ("kind", "lang", "blank", "expected"),
    [
        ("release", "es", False, "release-of-information-es.pdf"),
        ("consent", "en", True, "consent-for-services-blank-en.pdf"),
        ("pass", "Spanish", False, "return-to-class-pass-es.pdf"),
        ("packet", "vi", False, "consent-packet-en.pdf"),
    ],
)
def test_suggested_file_names_hold_no_personal_data(kind, lang, blank, expected):
    assert suggested_filename(kind, lang, blank=blank) == expected


def test_instrument_file_name_names_the_instrument():
    assert suggested_filename("instrument", "es", instrument_id="psc17_parent") == (
        "screening-psc17-parent-es.pdf"
    )


def test_pass_is_half_a_letter_sheet_and_one_page():
    pdf = filled("pass", name=NAMES[2])
    assert page_size(pdf) == (612.0, 396.0)
    assert len(reader(pdf).pages) == 1


def test_letter_forms_are_letter_size():
    for kind in ("consent", "release", "referral", "results", "instrument"):
        assert page_size(filled(kind)) == LETTER_SIZE


def test_pages_are_numbered_page_x_of_y():
    pdf = filled("release", "es")
    pages = len(reader(pdf).pages)
    text = all_text(pdf)
    for number in range(1, pages + 1):
        assert f"Página {number} de {pages}" in text
    assert "Formulario SBHC-ROI · Versión 2026.1" in text


def test_student_self_consent_where_the_site_allows_it():
    rule = MinorConsentRule(minimum_age=12, kinds=frozenset({"services"}))
    pdf = render(
        "consent", lang="en", student=student(), site=SITE, printed_on=PRINTED_ON,
        signer=SignerKind.STUDENT, rule=rule,
    )  # fmt: skip
    text = all_text(pdf)
    assert "Signature of student" in text and "students aged 12 and older" in text
    assert "Signature of parent or legal guardian" not in text


def test_guardian_consent_preprints_the_guardian_but_never_the_signature():
    text = all_text(filled("consent", "es"))
    assert "María Ñúñez" in text and "Madre" in text and "(555) 555-0101" in text
    assert "MC-4471-22" in text


def test_results_letter_speaks_plainly_and_prints_no_score():
    text = all_text(filled("results", "en"))
    assert "Dear María Ñúñez," in text
    assert "Some signs of low mood worth talking about" in text
    assert "Our counselor will call you this week." in text
    assert "988" in text and "14" not in text.replace("March 14", "")


def test_pass_shows_times_and_disposition_only():
    text = all_text(filled("pass", name=NAMES[2]))
    assert "10:05 AM" in text and "10:32 AM" in text
    assert "\u2612 Returned to class" in text
    assert "\u2610 Went home" in text


def test_no_text_is_drawn_outside_the_page():
    for kind in ("consent", "release", "referral", "results", "pass", "instrument"):
        pdf = filled(kind, "es", NAMES[2])
        width, height = page_size(pdf)
        for run in text_runs(pdf):
            assert run.x > 0 and run.x + run.width <= width - 18, (kind, run)
            assert 0 < run.y < height, (kind, run)


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
    reason="needs poppler-utils and zbar-tools to rasterise and decode",
)
def test_qr_code_scans_back_to_the_record(tmp_path):
    pdf = tmp_path / "release.pdf"
    pdf.write_bytes(filled("release", "es"))
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "2", "-l", "2", str(pdf),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    image = next(tmp_path.glob("page*.png"))
    out = subprocess.run(
        ["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, check=True
    )
    pages = len(reader(pdf.read_bytes()).pages)
    assert out.stdout.strip() == (
        f"clinic-form:1?kind=release&v=2026.1&lang=es&student={student().id}&page=2/{pages}"
    )


def test_site_logo_prints_in_the_header(tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), (31, 78, 121)).save(logo)
    pdf = render("consent", student=student(), site=replace(SITE, logo_path=logo),
                 printed_on=PRINTED_ON)  # fmt: skip
    for page in reader(pdf).pages:
        assert any(
            x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values()
        )


def test_an_unreadable_logo_prints_the_header_without_it(tmp_path, caplog):
    site = replace(SITE, logo_path=tmp_path / "missing.png")
    pdf = render("consent", student=student(), site=site, printed_on=PRINTED_ON)
    assert SITE.name in all_text(pdf)
    assert [r.message for r in caplog.records if r.name == "clinic.forms"] == [
        "the site logo could not be read; printing the header without it"
    ]
