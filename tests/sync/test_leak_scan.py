"""Leak scan: a clinic full of distinctive identifiers exports a batch in which none of them
(names, dates of birth in many spellings, ids, phones, addresses, guardians, free text)
appears anywhere, and nothing readable is ever written to disk."""

import json
from datetime import date, datetime, timedelta

import pytest

from clinic_desktop.services import students, visits
from clinic_desktop.services import sync as sync_service
from clinic_desktop.store.models import School
from tests.factories import guardian, student, visit
from tests.sync.helpers import (
    add_consent,
    add_partner,
    add_referral,
    add_screening,
    decrypt,
    members,
)

DOBS = (date(2009, 7, 23), date(2012, 2, 29))
FREE_TEXT = [
    "Reason-Plumbago-Unique",
    "Note-Spheksophobia-Unique",
    "123 Mulberry Lane",
    "Detail-Carbuncle-Unique",
    "Msg-Defenestration-Unique",
    "Action-Kerfuffle-Unique",
    "ActionNote-Brouhaha-Unique",
    "AddendumReason-Hullabaloo-Unique",
    "Addendum-Rigmarole-Unique",
    "ActionPerson-Rigmarole-Unique",
    "ActionText-Hullabaloo-Unique",
    "Quuxley Wellness Collective",
    "742 Evergreen Terrace",
    "Contact-Bartholomew-Unique",
    "PartnerNote-Zugzwang-Unique",
    "intake@quuxley.example",
    "RefReason-Flibbertigibbet",
    "EventNote-Skedaddle-Unique",
    "Scope-Gobbledygook-Unique",
    "Purpose-Lollygag-Unique",
    "Xylocarp Distinctive Academy",
    "Nonbinaryxq",
    "TextAnswer-Bamboozle-Unique",
    "Discard-Hullabaloo-Unique",
]
IDENTIFIERS = [
    "Quillonia",
    "Vantablackstone",
    "Quilly-Zed",
    "DIST-4471829",
    "4471829",
    "LOC-3318842",
    "3318842",
    "MEDI-7718254",
    "7718254",
    "03601-4455",
    "94611-1234",
    "Ñandúbelia",
    "Żółtowska",
    "Gildersleeve",
    "Hornswoggle",
    "gilder@hornswoggle.example",
    "(555) 014-7788",
    "0147788",
    "5550147788",
    "312 555 0199",
    "5550199",
    "Marisöl",
    "Ćwierćkrzak",
]


def dob_spellings(d: date) -> list[str]:
    """A date of birth as people and systems write it."""
    return [
        d.isoformat(),
        f"{d:%m/%d/%Y}",
        f"{d.month}/{d.day}/{d.year}",
        f"{d:%d/%m/%Y}",
        f"{d:%d.%m.%Y}",
        f"{d:%Y%m%d}",
        f"{d:%Y/%m/%d}",
        f"{d:%b %d, %Y}",
        f"{d:%B %d, %Y}",
        f"{d.day} {d:%B} {d.year}",
        f"{d:%d-%b-%Y}",
        f"{d:%Y-%m}-",
    ]


def _forms(needle: str) -> list[bytes]:
    """The needle as UTF-8 and as JSON would escape it, compared case-insensitively."""
    escaped = json.dumps(needle)[1:-1]
    return list({needle.lower().encode("utf-8"), escaped.lower().encode("ascii")})


@pytest.fixture
def distinctive_clinic(site, clinician, provisioned):
    with clinician.write() as db:
        db.add(School(code="ZQX", name="Xylocarp Distinctive Academy", zip_code="99577"))
    first = students.create_student(
        clinician,
        student(
            first_name="Quillonia",
            last_name="Vantablackstone",
            preferred_name="Quilly-Zed",
            district_id="DIST-4471829",
            local_id="LOC-3318842",
            insurance_id="MEDI-7718254",
            date_of_birth=DOBS[0],
            zip_code="03601-4455",
            school_code="ZQX",
            gender_identity="Nonbinaryxq",
            grade="11",
            sex="F",
        ),
        (
            guardian(
                name="Gildersleeve Hornswoggle",
                phones=("(555) 014-7788", "+1 312 555 0199 x42"),
                email="gilder@hornswoggle.example",
            ),
        ),
    )
    second = students.create_student(
        clinician,
        student(
            first_name="Ñandúbelia",
            last_name="Żółtowska-Ğ",
            district_id="D-2",
            date_of_birth=DOBS[1],
            zip_code="94611-1234",
        ),
        (guardian(name="Marisöl Ćwierćkrzak", phones=("555-0147788",)),),
    )
    return first, second


def _fill_chart(site, clinician, pupils):
    now = site.clock()
    partner = add_partner(
        clinician,
        name="Quuxley Wellness Collective",
        phone="(555) 014-7788",
        email="intake@quuxley.example",
        address="742 Evergreen Terrace, Springfield",
        contact_name="Contact-Bartholomew-Unique",
        notes="PartnerNote-Zugzwang-Unique",
    )
    for pupil in pupils:
        seen = visits.record_visit(
            clinician,
            pupil.id,
            visit(
                now - timedelta(days=1),
                visit_type="behavioral_health",
                reason="Reason-Plumbago-Unique",
                note="Note-Spheksophobia-Unique. Lives at 123 Mulberry Lane.",
                disposition="referred",
                icd10_codes=("F41.1",),
                cpt_codes=("90832",),
            ),
        )
        add_screening(
            clinician,
            pupil.id,
            "asq",
            {"q1": 1, "q2": 1, "q3": 0, "q4": 0, "q5": 1},
            now - timedelta(days=1),
            visit_id=seen.id,
            stored_extra={"q5_detail": "Detail-Carbuncle-Unique"},
            flag_texts={
                "message": "Msg-Defenestration-Unique",
                "required_action": "Action-Kerfuffle-Unique",
                "action_note": "ActionNote-Brouhaha-Unique",
                "action_person": "ActionPerson-Rigmarole-Unique",
                "action_text": "ActionText-Hullabaloo-Unique",
            },
            text_answers={"q5": "TextAnswer-Bamboozle-Unique"},
        )
        add_screening(  # stopped after raising a flag: its reason stays home too
            clinician,
            pupil.id,
            "asq",
            {"q1": 2},
            now - timedelta(days=1),
            visit_id=seen.id,
            discard_reason="Discard-Hullabaloo-Unique",
        )
        # A signed note and its addendum (issue 16): neither ever travels.
        visits.sign_visit(clinician, seen.id)
        visits.add_addendum(
            clinician, seen.id, "AddendumReason-Hullabaloo-Unique", "Addendum-Rigmarole-Unique"
        )
        consent = add_consent(
            clinician,
            pupil.id,
            "release_of_information",
            clinician.today() - timedelta(days=2),
            partner_id=partner,
            scope="Scope-Gobbledygook-Unique",
            purpose="Purpose-Lollygag-Unique",
        )
        sent = now - timedelta(hours=20)
        add_referral(
            clinician,
            pupil.id,
            partner,
            [
                (sent, "sent", None),
                (sent + timedelta(hours=1), "scheduled", now + timedelta(days=3)),
            ],
            reason="RefReason-Flibbertigibbet",
            note="EventNote-Skedaddle-Unique",
        )
        del consent
    return partner


def _snapshot(root):
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*") if p.is_file()}


def test_nothing_identifying_leaves(
    site, clinician, provisioned, distinctive_clinic, district, tmp_path
):
    first, second = distinctive_clinic
    partner = _fill_chart(site, clinician, distinctive_clinic)
    before = _snapshot(tmp_path)
    result = sync_service.export_batch(provisioned, tmp_path / "usb")
    written = {p for p, stamp in _snapshot(tmp_path).items() if before.get(p) != stamp}

    plaintext = decrypt(district, result.path)
    assert result.counts["Patient"] == 2 and result.counts["Encounter"] == 2
    assert result.counts["Flag"] >= 2 and result.counts["ServiceRequest"] == 2
    haystack = plaintext.lower()
    needles = [*IDENTIFIERS, *FREE_TEXT, "Clinician", "Lincoln High"]
    needles += [s for d in DOBS for s in dob_spellings(d)]
    with clinician.read() as db:
        from sqlalchemy import select

        from clinic_desktop.store.models import Guardian, ReferralEvent, User, Visit

        row_ids = [first.id, second.id, partner]
        for model in (Guardian, Visit, User, ReferralEvent):
            row_ids += list(db.scalars(select(model.id)))
    needles += [str(i) for i in row_ids] + [i.hex for i in row_ids]
    hits = [n for n in needles for form in _forms(n) if form in haystack]
    assert hits == []
    # The scan can find things: the pseudonym (the one allowed student code) is there.
    with clinician.read() as db:
        from clinic_desktop.store.models import Student

        pseudonyms = list(db.scalars(select(Student.pseudonym)))
    assert all(p.encode() in haystack for p in pseudonyms)
    assert b"f41.1" in haystack and b"90832" in haystack  # codes do travel

    # Records carry months, never days: no visit, referral or appointment day appears.
    records = b"".join(v for k, v in members(plaintext).items() if k.endswith(".ndjson"))
    for days in range(-5, 5):
        day = site.clock.local().date() + timedelta(days=days)
        assert day.isoformat().encode() not in records
        assert f"{day:%m/%d/%Y}".encode() not in records

    # On disk: the batch is ciphertext, and nothing else readable was written.
    assert written <= {result.path, *_store_files(site)}
    for path in written:
        data = path.read_bytes()
        assert b"resourceType" not in data and b"ndjson" not in data.lower()
    assert result.path.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert [p.name for p in (tmp_path / "usb").iterdir()] == [result.path.name]


def _store_files(site):
    root = site.data_dir
    return {
        root / "clinic.db",
        root / "clinic.db-wal",
        root / "clinic.db-shm",
        root / "sync-export.lock",
        root / "keyring.json",
    }


def test_sparse_zip_becomes_000_and_ages_are_whole_years(
    site, clinician, provisioned, distinctive_clinic, district, tmp_path
):
    result = sync_service.export_batch(provisioned, tmp_path / "usb")
    files = members(decrypt(district, result.path))
    patients = [json.loads(x) for x in files["Patient.000001.ndjson"].splitlines()]
    assert sorted(p["address"][0]["postalCode"] for p in patients) == ["000", "946"]
    assert {p["gender"] for p in patients} == {"female", "male"}


def test_district_key_file_is_private(district):
    assert district.key_path.stat().st_mode & 0o777 == 0o600
    assert district.key_path.read_text().startswith("AGE-SECRET-KEY-1")
    provisioning = json.loads(district.provisioning)
    assert (
        provisioning["recipient"].startswith("age1")
        and "SECRET" not in district.provisioning.decode()
    )


def test_dob_spellings_cover_common_formats():
    spellings = dob_spellings(date(2009, 7, 23))
    assert {"2009-07-23", "07/23/2009", "7/23/2009", "23/07/2009", "July 23, 2009"} <= set(
        spellings
    )


def test_ages_over_89_aggregate(tmp_path):
    """Safe Harbor's 90+ rule, end to end through the resource shape (no store needed)."""
    import uuid

    from clinic_desktop.domain.deidentify import Deidentifier, Person, VisitSource
    from clinic_desktop.sync.fhir import Shaper

    person = Person(uuid.uuid4(), "a" * 32, date(1920, 5, 1), "LHS")
    source = VisitSource(uuid.uuid4(), person, date(2026, 10, 1), "nursing", "other")
    encounter = Shaper("LHS", 1).encounter(Deidentifier(b"k" * 32).encounter(source))
    age = next(e for e in encounter["extension"] if e["url"].endswith("age-at-event"))
    assert age["valueAge"]["value"] == 90 and age["valueAge"]["comparator"] == ">="
    assert "1920" not in json.dumps(encounter) and datetime.now().year > 2000
