"""The Settings dialog's service: everything saved at once or nothing, the logo stored in
the encrypted database as a small clean PNG, and printed in every form's header."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import replace

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from clinic_desktop.domain.consents import ConsentKind, MinorConsentRule
from clinic_desktop.domain.referrals import FollowUpPolicy
from clinic_desktop.domain.settings import LOGO_MAX_PIXELS, SiteDetails
from clinic_desktop.errors import PermissionDeniedError, ValidationError
from clinic_desktop.services import printing, settings, students
from clinic_desktop.services.settings import AdminSettings
from clinic_desktop.store.models import AuditEvent, Setting
from tests.factories import student


def image_bytes(size=(64, 40), fmt="PNG", mode="RGB", **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "#1f4e79").save(out, fmt, **save)
    return out.getvalue()


def image_xobjects(pdf: bytes) -> list[str]:
    """Names of the image XObjects on every page of ``pdf``."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        found += [n for n, o in xobjects.items() if o.get_object()["/Subtype"] == "/Image"]
    return found


def changed(current: AdminSettings, **details) -> AdminSettings:
    return replace(current, details=replace(current.details, **details))


def test_an_administrator_sees_the_settings_details_and_no_logo(admin):
    current = settings.admin_settings(admin)
    assert current.settings == settings.get_settings(admin)
    assert current.details == SiteDetails("Lincoln High School Health Center")
    assert current.logo is None


def test_everything_is_saved_together_and_audited_by_field_name(admin, clinician):
    current = settings.admin_settings(admin)
    rule = MinorConsentRule(minimum_age=12, kinds=frozenset({ConsentKind.SERVICES}))
    wanted = AdminSettings(
        settings=replace(
            current.settings,
            idle_lock_minutes=15,
            follow_up=FollowUpPolicy(2, 4, 10),
            minor_consent=rule,
        ),
        details=SiteDetails("Lincoln HS Health Center", "1 Main St, Oakland", "(555) 555-0100"),
        logo=image_bytes(),
    )
    saved = settings.save_admin_settings(admin, wanted)
    assert saved.settings == wanted.settings and saved.details == wanted.details
    assert settings.admin_settings(admin) == saved
    assert settings.get_settings(clinician).idle_lock_minutes == 15
    with admin.read() as db:
        detail = db.scalars(select(AuditEvent.detail).order_by(AuditEvent.seq.desc())).first()
    assert detail == {
        "fields": [
            "idle_lock_minutes",
            "follow_up",
            "minor_consent",
            "site_name",
            "site_address",
            "site_phone",
            "site_logo",
        ]
    }


def test_saving_unchanged_settings_writes_nothing(admin):
    current = settings.admin_settings(admin)
    with admin.read() as db:
        before = db.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()))
    assert settings.save_admin_settings(admin, current) == current
    with admin.read() as db:
        assert db.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc())) == before


def test_one_bad_field_anywhere_saves_nothing_and_names_every_problem(admin):
    current = settings.admin_settings(admin)
    wanted = AdminSettings(
        settings=replace(current.settings, idle_lock_minutes=30, follow_up=FollowUpPolicy(5, 3)),
        details=SiteDetails("", "1 Main St", "call us"),
        logo=b"not an image",
    )
    with pytest.raises(ValidationError) as refused:
        settings.save_admin_settings(admin, wanted)
    assert sorted(e.field for e in refused.value.errors) == [
        "follow_up.emergent_days",
        "logo",
        "site_name",
        "site_phone",
    ]
    assert settings.admin_settings(admin) == current


@pytest.mark.parametrize("role", ["clinician", "nurse", "it_user"])
def test_only_administrators_may_open_or_save_them(role, request, admin):
    session = request.getfixturevalue(role)
    current = settings.admin_settings(admin)
    with pytest.raises(PermissionDeniedError):
        settings.admin_settings(session)
    with pytest.raises(PermissionDeniedError):
        settings.save_admin_settings(session, changed(current, site_name="Mine now"))
    assert settings.admin_settings(admin) == current


def test_the_logo_is_stored_as_a_small_png_without_metadata(admin):
    exif = Image.Exif()
    exif[0x010E] = "photo of the office"  # ImageDescription
    photo = image_bytes((1200, 800), "JPEG", exif=exif.tobytes())
    saved = settings.save_admin_settings(admin, replace(settings.admin_settings(admin), logo=photo))
    with Image.open(io.BytesIO(saved.logo)) as stored:
        assert stored.format == "PNG"
        assert stored.size == (LOGO_MAX_PIXELS, 200)
        assert "exif" not in stored.info
    with admin.read() as db:
        assert db.get(Setting, settings.LOGO_KEY).value["format"] == "PNG"


def test_a_transparent_logo_keeps_its_transparency():
    logo = settings.prepared_logo(image_bytes((40, 40), mode="RGBA"))
    with Image.open(io.BytesIO(logo)) as stored:
        assert stored.mode == "RGBA"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"plain text, named logo.png", "must be a PNG or JPEG image"),
        (image_bytes()[:60], "could not be read as an image"),
        (image_bytes((8, 8)), "is too small (at least 16 pixels each way)"),
        (image_bytes((8001, 16), mode="L"), "is too large (at most 8000 pixels each way)"),
    ],
    ids=["not-an-image", "truncated", "tiny", "huge"],
)
def test_a_bad_logo_is_refused_with_a_reason(data, reason):
    with pytest.raises(ValidationError) as refused:
        settings.prepared_logo(data)
    assert [(e.field, e.reason) for e in refused.value.errors] == [("logo", reason)]


def test_a_decompression_bomb_is_refused_without_being_decoded():
    """A PNG whose header claims 100,000 x 100,000 pixels (40 GB decoded) and no data."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    bomb = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk
    bomb += struct.pack(">I", zlib.crc32(chunk))
    with pytest.raises(ValidationError) as refused:
        settings.prepared_logo(bomb)
    assert [e.field for e in refused.value.errors] == ["logo"]


def test_removing_the_logo(admin):
    with_logo = settings.save_admin_settings(
        admin, replace(settings.admin_settings(admin), logo=image_bytes())
    )
    removed = settings.save_admin_settings(admin, replace(with_logo, logo=None))
    assert removed.logo is None
    with admin.read() as db:
        assert db.get(Setting, settings.LOGO_KEY) is None


def test_a_damaged_stored_logo_prints_no_logo(admin):
    with admin.write() as db:
        db.add(Setting(key=settings.LOGO_KEY, value={"format": "PNG", "png": "%%%"}))
    assert settings.admin_settings(admin).logo is None


def test_forms_print_the_logo_and_the_site_details(admin, clinician):
    pupil = students.create_student(clinician, student())
    assert image_xobjects(printing.consent_form(clinician, pupil.id).data) == []
    current = settings.admin_settings(admin)
    wanted = changed(current, site_address="1 Main St, Oakland", site_phone="(555) 555-0100")
    settings.save_admin_settings(admin, replace(wanted, logo=image_bytes()))
    printed = printing.consent_form(clinician, pupil.id)
    reader = PdfReader(io.BytesIO(printed.data))
    assert len(image_xobjects(printed.data)) == len(reader.pages)  # one per page header
    header = reader.pages[0].extract_text()
    assert "1 Main St, Oakland · (555) 555-0100" in header
