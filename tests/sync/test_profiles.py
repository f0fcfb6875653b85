"""Export profiles (issue 18, findings 1, 2 and 16): under safe-harbor no element of any date
but the year leaves, in records, manifest or archive; no birth month can be worked out from
ages beside event dates; limited-data-set months only under an accepted, unexpired data use
agreement; every record validates as its FHIR resource type."""

import io
import json
import re
import tarfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from fhir.resources.R4B import get_fhir_model_class

from clinic_desktop import errors
from clinic_desktop.demo import site as demo
from clinic_desktop.domain.deidentify import ExportProfile
from clinic_desktop.services import site as site_service
from clinic_desktop.services import sync as sync_service
from clinic_desktop.store import keyring
from clinic_desktop.store.models import AuditEvent
from clinic_desktop.sync import keys, warehouse
from tests.conftest import SCHOOL_TZ, TEST_KDF, FakeClock
from tests.factories import accept_profile
from tests.sync.helpers import District, decrypt, members

PASSWORD = "demo-pass-12345"
MONTH = re.compile(rb"(?<![0-9])\d{4}-(0[1-9]|1[0-2])(?![0-9])")
AGREEMENT = keys.DataUseAgreement(
    "DUA-2026-07", "Riverside Unified, Office of Student Health", ("monthly surveillance",),
    date(2027, 6, 30),
)  # fmt: skip


@dataclass
class _Demo:
    data_dir: Path
    district: District
    plaintext: bytes
    clock: FakeClock


@pytest.fixture(scope="module")
def demo_batch(tmp_path_factory) -> _Demo:
    """A demo site (visits, screenings, flags, referrals, consents over a school year),
    provisioned with the default profile and exported once."""
    root = tmp_path_factory.mktemp("profiles")
    clock = FakeClock(datetime(2026, 10, 14, 10, 30, tzinfo=SCHOOL_TZ))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keyring, "DEFAULT_KDF", TEST_KDF)
        demo.create_demo_site(root / "site", students=160, seed=7, password=PASSWORD, clock=clock)
        keys.generate_district_keys(root / "district", "Riverside Unified")
        (root / "trust").mkdir()
        district = District(root / "district", root / "trust")
        with site_service.sign_in(root / "site", "it", PASSWORD, clock=clock) as it:
            result = sync_service.provision(it, district.provisioning)
            accept_profile(it, PASSWORD)
            (district.trust / f"{result.site_code}.pub").write_bytes(result.site_key_file)
            path = sync_service.export_batch(it, root / "out").path
    return _Demo(root / "site", district, decrypt(district, path), clock)


def _records(plaintext: bytes) -> list[dict]:
    return [
        json.loads(line)
        for name, data in members(plaintext).items()
        if name.endswith(".ndjson") and not name.startswith(("deleted.", "aggregate."))
        for line in data.splitlines()
    ]


# --- finding 2: the birth month from ages beside event dates ----------------------------------


def _age(resource: dict) -> int | None:
    for ext in resource.get("extension", []):
        if ext.get("url", "").endswith(":age-at-event"):
            age = ext["valueAge"]
            return None if age.get("comparator") else age["value"]
    return None


def _period(resource: dict) -> str | None:
    for key in ("authored", "effectiveDateTime", "authoredOn", "dateTime"):
        if key in resource:
            return resource[key]
    return resource.get("period", {}).get("start")


def _fits(birth: tuple[int, int], event_year: int, event_months: range, age: int) -> bool:
    """Whether someone born in ``birth`` (year, month) can be ``age`` at an event in one of
    ``event_months`` of ``event_year``, under either reading of the age: whole years at the
    event, or the age reached in the event's year."""
    year, month = birth
    if age == event_year - year:
        return True  # reached in the year, and at the event for any event after the birthday
    return age == event_year - year - 1 and any(m <= month for m in event_months)


def pinned_birth_months(records: list[dict]) -> int:
    """How many students' birth year and month the batch pins to one candidate."""
    events: dict[str, list[tuple[str, int]]] = {}
    for r in records:
        patient, age, period = r.get("subject", r.get("for", r.get("patient"))), _age(r), _period(r)
        if patient and age is not None and period:
            events.setdefault(patient["reference"], []).append((period, age))
    pinned = 0
    for found in events.values():
        candidates = None
        for period, age in found:
            year = int(period[:4])
            months = (
                range(int(period[5:7]), int(period[5:7]) + 1) if len(period) > 4 else range(1, 13)
            )
            fits = {
                (y, m)
                for y in range(year - age - 1, year - age + 1)
                for m in range(1, 13)
                if _fits((y, m), year, months, age)
                and (len(period) == 4 or _at_event(y, m, year, months.start, age))
            }
            candidates = fits if candidates is None else candidates & fits
        pinned += candidates is not None and len(candidates) == 1
    return pinned


def _at_event(year: int, month: int, event_year: int, event_month: int, age: int) -> bool:
    """Whole years at an event in a known month: the birthday's month decides."""
    if event_month > month:
        return age == event_year - year
    if event_month < month:
        return age == event_year - year - 1
    return age in (event_year - year - 1, event_year - year)


def test_the_attack_pins_birth_months_from_month_level_dates():
    """The attack itself works: ages at events in known months pin a birth month."""
    born_march = [
        {"subject": {"reference": "Patient/a"}, "period": {"start": "2026-02"},
         "extension": [{"url": "urn:clinic-desktop:ext:age-at-event", "valueAge": {"value": 13}}]},
        {"subject": {"reference": "Patient/a"}, "period": {"start": "2026-03"},
         "extension": [{"url": "urn:clinic-desktop:ext:age-at-event", "valueAge": {"value": 13}}]},
        {"subject": {"reference": "Patient/a"}, "period": {"start": "2026-04"},
         "extension": [{"url": "urn:clinic-desktop:ext:age-at-event", "valueAge": {"value": 14}}]},
        {"subject": {"reference": "Patient/a"}, "period": {"start": "2025-03"},
         "extension": [{"url": "urn:clinic-desktop:ext:age-at-event", "valueAge": {"value": 13}}]},
    ]  # fmt: skip
    assert pinned_birth_months(born_march) == 1


def test_no_birth_month_can_be_worked_out_under_safe_harbor(demo_batch):
    assert pinned_birth_months(_records(demo_batch.plaintext)) == 0


# --- finding 1: no month anywhere -------------------------------------------------------------


def test_safe_harbor_records_hold_no_month(demo_batch):
    files = members(demo_batch.plaintext)
    for name, data in files.items():
        if name.endswith(".ndjson"):
            assert MONTH.search(data) is None, name
    kinds = {r["resourceType"] for r in _records(demo_batch.plaintext)}
    assert {"Encounter", "Observation", "Provenance", "Consent", "ServiceRequest"} <= kinds


def test_safe_harbor_manifest_and_archive_are_dated_by_the_year_only(demo_batch):
    manifest = json.loads(members(demo_batch.plaintext)["manifest.json"])
    assert manifest["profile"] == "safe-harbor"
    assert manifest["transactionTime"] == "2026"
    assert "agreement" not in manifest
    with tarfile.open(fileobj=io.BytesIO(demo_batch.plaintext)) as tar:
        assert {m.mtime for m in tar.getmembers()} == {0}


# --- finding 16: FHIR validity ----------------------------------------------------------------


def test_every_exported_record_validates_as_its_fhir_resource_type(demo_batch):
    records = _records(demo_batch.plaintext)
    for record in records:
        get_fhir_model_class(record["resourceType"]).model_validate(record)
    provenance = [r for r in records if r["resourceType"] == "Provenance"]
    assert provenance and all(r["agent"] for r in provenance)
    answered = [r for r in records if r["resourceType"] == "QuestionnaireResponse" and "item" in r]
    assert answered and all("code" not in item for r in answered for item in r["item"])


# --- limited-data-set: only under an accepted, unexpired agreement ---------------------------


def _lds_provisioning(district: District, agreement=AGREEMENT) -> bytes:
    plain = keys.Provisioning.from_bytes(district.provisioning)
    return keys.Provisioning(
        plain.district, plain.recipient, ExportProfile.LIMITED_DATA_SET, agreement
    ).to_bytes()


def test_limited_data_set_needs_an_agreement_in_the_file(district):
    data = json.loads(district.provisioning)
    data["profile"] = "limited-data-set"
    with pytest.raises(keys.SyncKeyError, match="data use agreement"):
        keys.Provisioning.from_bytes(json.dumps(data).encode())
    data["agreement"] = {"id": "DUA-1", "recipient": "District", "permitted_uses": []}
    with pytest.raises(keys.SyncKeyError, match="permitted uses"):
        keys.Provisioning.from_bytes(json.dumps(data).encode())


def test_limited_data_set_is_exported_only_once_an_administrator_accepts_it(
    site, district, it_user, admin, clinician, tmp_path
):
    from clinic_desktop.services import students, visits
    from tests.factories import student, visit

    pupil = students.create_student(clinician, student())
    visits.record_visit(clinician, pupil.id, visit(site.clock()))
    result = sync_service.provision(it_user, _lds_provisioning(district))
    (district.trust / f"{result.site_code}.pub").write_bytes(result.site_key_file)

    terms = sync_service.export_profile(it_user)
    assert terms.profile is ExportProfile.LIMITED_DATA_SET and terms.agreement == AGREEMENT
    assert not terms.accepted
    with pytest.raises(sync_service.ProfileNotAcceptedError):
        sync_service.export_batch(it_user, tmp_path / "out")
    with pytest.raises(errors.PermissionDeniedError):
        sync_service.accept_export_profile(it_user)

    accepted = sync_service.accept_export_profile(admin)
    assert accepted.accepted and accepted.accepted_by == "admin"
    with admin.read() as db:
        details = [e.detail for e in db.query(AuditEvent) if e.action == "sync_profile_accepted"]
    assert details[-1] == {"profile": "limited-data-set", "agreement_id": "DUA-2026-07"}

    path = sync_service.export_batch(it_user, tmp_path / "out").path
    files = members(decrypt(district, path))
    manifest = json.loads(files["manifest.json"])
    assert manifest["profile"] == "limited-data-set" and manifest["agreement"] == "DUA-2026-07"
    taken = datetime.fromisoformat(manifest["transactionTime"])
    assert taken == site.clock().astimezone(taken.tzinfo)
    encounter = json.loads(files["Encounter.000001.ndjson"].splitlines()[0])
    assert encounter["period"]["start"] == "2026-10"


def test_a_new_agreement_needs_a_new_acceptance(site, district, it_user, admin, tmp_path):
    sync_service.provision(it_user, _lds_provisioning(district))
    sync_service.accept_export_profile(admin)
    renewed = keys.DataUseAgreement("DUA-2027", "District", ("surveillance",), date(2028, 1, 1))
    sync_service.provision(it_user, _lds_provisioning(district, renewed))
    assert not sync_service.export_profile(it_user).accepted
    with pytest.raises(sync_service.ProfileNotAcceptedError):
        sync_service.export_batch(it_user, tmp_path / "out")


def test_export_stops_after_the_agreement_expires(site, district, it_user, admin, tmp_path):
    sync_service.provision(it_user, _lds_provisioning(district))
    sync_service.accept_export_profile(admin)
    site.clock.now = datetime(2027, 6, 30, 23, 0, tzinfo=SCHOOL_TZ)
    sync_service.export_batch(it_user, tmp_path / "out")  # the expiry day still counts
    site.clock.now = datetime(2027, 7, 1, 8, 0, tzinfo=SCHOOL_TZ)
    with pytest.raises(sync_service.AgreementExpiredError):
        sync_service.export_batch(it_user, tmp_path / "out")


def test_the_district_never_mixes_profiles(site, district, it_user, admin, tmp_path):
    result = sync_service.provision(it_user, district.provisioning)
    (district.trust / f"{result.site_code}.pub").write_bytes(result.site_key_file)
    accept_profile(admin)
    sync_service.export_batch(it_user, tmp_path / "in")
    sync_service.provision(it_user, _lds_provisioning(district))
    sync_service.accept_export_profile(admin)
    sync_service.export_batch(it_user, tmp_path / "in")
    with warehouse.open_warehouse(tmp_path / "district.db") as conn:
        report = warehouse.import_batches(
            tmp_path / "in", conn, district.identity(), district.trust_store(), now=site.clock()
        )
    outcomes = {o.sequence: (o.status, o.reason) for o in report.outcomes}
    assert outcomes == {1: ("applied", ""), 2: ("rejected", "profile_mismatch")}


def test_safe_harbor_needs_no_agreement_but_an_administrators_acceptance(
    site, district, it_user, admin, tmp_path
):
    sync_service.provision(it_user, district.provisioning)
    terms = sync_service.export_profile(it_user)
    assert terms.profile is ExportProfile.SAFE_HARBOR and terms.agreement is None
    assert not terms.accepted  # provisioning never accepts on anyone's behalf
    with pytest.raises(sync_service.ProfileNotAcceptedError) as refused:
        sync_service.export_batch(it_user, tmp_path / "out")
    assert "clinic-admin accept-profile)" in refused.value.message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    with pytest.raises(errors.PermissionDeniedError):
        sync_service.accept_export_profile(it_user)

    accepted = sync_service.accept_export_profile(admin)
    assert accepted.accepted and accepted.accepted_by == "admin"
    with admin.read() as db:
        details = [e.detail for e in db.query(AuditEvent) if e.action == "sync_profile_accepted"]
    assert details == [{"profile": "safe-harbor", "agreement_id": None}]
    assert sync_service.export_batch(it_user, tmp_path / "out").sequence == 1


def test_a_site_provisioned_before_acceptance_was_required_must_accept_once(
    site, district, it_user, admin, tmp_path
):
    """Older versions recorded safe-harbor as accepted by provisioning itself, in the name
    of whoever provisioned: that record no longer counts; an administrator accepts once."""
    from clinic_desktop.services.settings import put_setting

    sync_service.provision(it_user, district.provisioning)
    old_record = {"profile": "safe-harbor", "agreement_id": None, "agreement": None}
    with admin.write() as db:
        put_setting(db, sync_service.SETTING_ACCEPTANCE, {**old_record, "by": "it", "at": "x"})
    assert not sync_service.export_profile(it_user).accepted
    with pytest.raises(sync_service.ProfileNotAcceptedError):
        sync_service.export_batch(it_user, tmp_path / "out")
    accept_profile(it_user)  # the helper signs the administrator in
    terms = sync_service.export_profile(it_user)
    assert terms.accepted and terms.accepted_by == "admin"
    sync_service.export_batch(it_user, tmp_path / "out")


def test_an_acceptance_on_behalf_of_someone_is_recorded_as_such(site, district, it_user, admin):
    sync_service.provision(it_user, district.provisioning)
    sync_service.accept_export_profile(admin, on_behalf="the demo clinic's made-up administrator")
    with admin.read() as db:
        [detail] = [e.detail for e in db.query(AuditEvent) if e.action == "sync_profile_accepted"]
    assert detail["on_behalf"] == "the demo clinic's made-up administrator"
