"""The district holds every record line to the batch schema (issue 18, finding 12): a
trusted site's batch with names, birth dates, phones, NaN, spreadsheet formulas, unknown
fields or (under safe-harbor) a month is refused; district files are created 0600."""

import copy
import json
import os
import sqlite3
import stat
from datetime import UTC, datetime

import pyrage
import pytest

from clinic_desktop.domain import deidentify as deid
from clinic_desktop.domain.deidentify import ExportProfile
from clinic_desktop.sync import batch, keys, report, warehouse
from clinic_desktop.sync.batch import BatchBuilder, BatchHeader, archive_stream, encrypt_to_file
from clinic_desktop.sync.export import Record
from clinic_desktop.sync.fhir import Shaper
from clinic_desktop.sync.verify import BatchRejectedError, read_batch

RID = "a" * 32


def _encounter(period: str = "2026") -> dict:
    subject = deid.Subject(RID, "LHS", period, deid.Age(14))
    visit = deid.DeidEncounter(RID, subject, "medical", "returned_to_class", ("F32.A",), ())
    return copy.deepcopy(Shaper("LHS", 1).encounter(visit))


@pytest.fixture
def sender(tmp_path):
    identity = pyrage.x25519.Identity.generate()
    signing_key = keys.new_signing_key()
    trust = keys.TrustStore({"LHS": (keys.SiteKey("LHS", "", keys.public_key_of(signing_key)),)})

    def send(body: dict, profile=ExportProfile.SAFE_HARBOR, section="output", kind="Encounter"):
        header = BatchHeader(
            site="LHS",
            sequence=1,
            watermark_from=0,
            watermark_to=1,
            transaction_time=datetime(2026, 10, 14, tzinfo=UTC),
            recipient=str(identity.to_public()),
            key_id=keys.key_id(keys.public_key_of(signing_key)),
            software="test",
            profile=profile,
            agreement_id="DUA-1" if profile is ExportProfile.LIMITED_DATA_SET else None,
        )
        builder = BatchBuilder(header, lambda data: keys.sign(signing_key, data))
        path = tmp_path / "LHS-000001.batch"
        path.unlink(missing_ok=True)
        records = [Record(section, kind, body)]
        encrypt_to_file(path, archive_stream(builder, records), str(identity.to_public()))
        return read_batch(path, identity, trust)

    return send


def _refused(send, body, **kw) -> str:
    with pytest.raises(BatchRejectedError) as caught:
        send(body, **kw)
    assert caught.value.reason == "bad_record"
    return caught.value.message


def test_a_record_as_the_shaper_writes_it_is_accepted(sender):
    assert sender(_encounter()).counts == {"Encounter": 1}
    lds = sender(_encounter("2026-10"), profile=ExportProfile.LIMITED_DATA_SET)
    assert lds.profile is ExportProfile.LIMITED_DATA_SET


def test_an_open_visit_travels_in_progress_with_no_disposition(sender):
    """Issue 16: a draft visit has no disposition a person chose, and none is made up."""
    subject = deid.Subject(RID, "LHS", "2026", deid.Age(14))
    draft = deid.DeidEncounter(RID, subject, "behavioral_health", None, (), ("96127",), False)
    body = Shaper("LHS", 1).encounter(draft)
    assert body["status"] == "in-progress" and "hospitalization" not in body
    assert sender(body).counts == {"Encounter": 1}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", [{"family": "Rivera", "given": ["Ana"]}]),
        ("birthDate", "2011-04-03"),
        ("telecom", [{"system": "phone", "value": "555-0100"}]),
        ("address", [{"line": ["12 Elm St"], "postalCode": "02139"}]),
        ("note", [{"text": "anxious about home"}]),
        ("identifier", [{"value": "D-1234"}]),
    ],
)
def test_identifying_or_unknown_fields_are_refused(sender, field, value):
    body = _encounter()
    body[field] = value
    assert field in _refused(sender, body)


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "Ana Rivera", "2011-04-03"],
)
def test_codes_that_are_formulas_names_or_dates_are_refused(sender, value):
    body = _encounter()
    body["extension"][0]["valueCode"] = value
    _refused(sender, body)


def test_nan_is_refused(sender, monkeypatch):
    """orjson would write NaN as null: send it the way a foreign writer would."""
    monkeypatch.setattr(
        batch, "encode_line", lambda body: (json.dumps(body) + "\n").encode("ascii")
    )
    body = _encounter()
    body["extension"][1]["valueAge"]["value"] = float("nan")
    _refused(sender, body)


def test_a_float_or_a_huge_number_is_refused(sender):
    body = _encounter()
    body["extension"][1]["valueAge"]["value"] = 14.5
    _refused(sender, body)
    body["extension"][1]["valueAge"]["value"] = 10**12
    _refused(sender, body)


def test_a_month_in_a_safe_harbor_batch_is_refused(sender):
    assert "month" in _refused(sender, _encounter("2026-10"))


def test_aggregate_cells_are_checked_too(sender):
    cell = {"period": "2026", "school": "LHS", "measure": "visits", "category": "medical",
            "value": 12, "suppressed": False}  # fmt: skip
    assert sender(cell, section="aggregate", kind="AggregateCell").counts == {"AggregateCell": 1}
    for bad in ({"school": "=cmd"}, {"value": -1}, {"suppressed": True}, {"name": "Ana"}):
        _refused(sender, {**cell, **bad}, section="aggregate", kind="AggregateCell")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_district_database_and_reports_are_private(tmp_path):
    with warehouse.open_warehouse(tmp_path / "district.db") as conn:
        paths = report.write_report(conn, tmp_path / "report", now=datetime(2026, 10, 14))
    assert _mode(tmp_path / "district.db") == 0o600
    assert [_mode(p) for p in paths] == [0o600, 0o600]
    assert sqlite3.connect(tmp_path / "district.db").execute("SELECT 1").fetchone() == (1,)
