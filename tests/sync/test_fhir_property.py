"""Property: whatever the store holds, every string in a shaped resource is a code from a
closed list, a pseudonymous id, a year (the default safe-harbor profile), a ZIP3 or a fixed
FHIR word."""

import json
import re
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_desktop.domain import deidentify as deid
from clinic_desktop.domain.deidentify import Deidentifier, EventFacts
from clinic_desktop.sync import fhir
from tests.domain.test_deidentify import (
    ALLOWED,
    INSTRUMENTS,
    MARK,
    SECRET,
    _answers,
    _codes,
    _dates,
    _persons,
    _values,
)

FHIR_WORDS = {
    "finished", "AMB", "order", "active", "inactive", "completed", "in-progress", "final",
    "preliminary", "survey", "POS", "NEG", "a", ">=", "stat", "routine", "urgent", "draft",
    "revoked", "requested", "on-hold", "accepted", "rejected", "cancelled", "referral",
    "outcome", "transaction", "DELETE", "patient-privacy", "treatment", "female", "male",
    "unknown", *fhir.RESOURCE_TYPES, "Bundle", "masked", "author",
}  # fmt: skip
SYSTEMS = {
    fhir.LOINC, fhir.UCUM, fhir.ICD10CM, fhir.CPT, fhir.ACT_CODE, fhir.INTERPRETATION,
    fhir.OBS_CATEGORY, fhir.CONSENT_SCOPE, fhir.PROVENANCE_AGENT, "urn:clinic-desktop:site",
}  # fmt: skip
LOINC = {
    code
    for i in deid.instruments().values()
    for code in [i.loinc_panel, *(s.loinc for s in i.scores), *(x.loinc for x in i.items)]
    if code
}
YEAR = re.compile(r"\d{4}")
HEX = re.compile(r"[0-9a-f]{32}")
REF = re.compile(rf"({'|'.join(fhir.RESOURCE_TYPES)})/[0-9a-f]{{32}}")
CANONICAL = re.compile(
    rf"urn:clinic-desktop:instrument:({'|'.join([*INSTRUMENTS, 'other'])})(\|[0-9.]+)?"
)
SCORE = re.compile(r"[a-z0-9_]+\.[a-z_]+")
DATE_KEYS = {
    "start", "end", "authored", "effectiveDateTime", "authoredOn", "dateTime",
    "occurredDateTime", "valueDate",
}  # fmt: skip


def _string_ok(key: str, value: str) -> bool:
    if key == "url" and value == fhir.DATA_ABSENT:
        return True
    if key == "reference" or (key == "url" and "/" in value and not value.startswith("urn:")):
        return bool(REF.fullmatch(value))
    if key == "id":
        return bool(HEX.fullmatch(value))
    if key in DATE_KEYS:
        return bool(YEAR.fullmatch(value))
    if key == "system":
        return value in SYSTEMS or value.startswith(fhir.CS)
    if key == "url":
        return value.startswith(fhir.EXT) and value[len(fhir.EXT) :].replace("-", "").isalpha()
    if key == "source":
        return value == "urn:clinic-site:LHS"
    if key == "questionnaire":
        return bool(CANONICAL.fullmatch(value))
    if key == "postalCode":
        return value.isdigit() and len(value) == 3
    if key == "versionId":
        return value == "3"
    return (
        value in ALLOWED
        or value in FHIR_WORDS
        or value in LOINC
        or bool(deid.ICD10.fullmatch(value) or deid.CPT.fullmatch(value))
        or bool(SCORE.fullmatch(value) and value.split(".")[0] in [*INSTRUMENTS, "other"])
    )


def _walk(node, key=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v, key)
    else:
        yield key, node


def _check(resource: dict) -> None:
    assert MARK not in json.dumps(resource, ensure_ascii=False)
    for key, value in _walk(resource):
        if isinstance(value, str):
            assert _string_ok(key, value), (key, value)
        elif isinstance(value, int) and not isinstance(value, bool):
            assert 0 <= value <= max(deid.MAX_SCORE, 3_000_000), (key, value)


SHAPER = fhir.Shaper("LHS", 3)


@settings(max_examples=60, deadline=None)
@given(
    p=_persons,
    on=_dates,
    visit_type=_codes(deid.VISIT_TYPES),
    disposition=_codes(deid.DISPOSITIONS),
    icd=st.lists(st.one_of(st.sampled_from(["F41.1"]), st.text().map(MARK.__add__))),
    sex=st.text(max_size=3),
    zip_code=st.text(max_size=12),
)
def test_patient_and_encounter_resources(p, on, visit_type, disposition, icd, sex, zip_code):
    d = Deidentifier(SECRET)
    source = deid.VisitSource(uuid.uuid4(), p, on, visit_type, disposition, icd, [MARK])
    _check(SHAPER.encounter(d.encounter(source)))
    _check(SHAPER.patient(d.patient(deid.StudentSource(p, sex, MARK, zip_code))))


@settings(max_examples=60, deadline=None)
@given(
    p=_persons,
    on=_dates,
    instrument=_codes(INSTRUMENTS),
    complete=st.booleans(),
    answers=_answers,
    total=_values,
    band=_codes({"minimal", "positive", "high"}),
    visit_id=st.one_of(st.none(), st.uuids()),
)
def test_screening_resources(p, on, instrument, complete, answers, total, band, visit_id):
    d = Deidentifier(SECRET)
    source = deid.ScreeningSource(
        uuid.uuid4(), p, on, instrument, MARK, complete, answers, total, {}, band, visit_id
    )
    screening = d.screening(source)
    _check(SHAPER.questionnaire_response(screening))
    _check(SHAPER.observation(screening))
    flag = deid.FlagSource(uuid.uuid4(), p, on, uuid.uuid4(), MARK, MARK, complete)
    _check(SHAPER.flag(d.flag(flag)))


@settings(max_examples=60, deadline=None)
@given(
    p=_persons,
    on=_dates,
    status=_codes(deid.REFERRAL_STATUSES),
    outcome=st.one_of(st.none(), _codes(deid.OUTCOMES)),
    urgency=_codes(deid.URGENCIES),
    events=st.lists(
        st.builds(EventFacts, _dates, _codes(deid.REFERRAL_STATUSES), st.one_of(st.none(), _dates)),
        max_size=4,
    ),
    kind=_codes(deid.CONSENT_KINDS),
)
def test_referral_and_consent_resources(p, on, status, outcome, urgency, events, kind):
    d = Deidentifier(SECRET)
    referral = d.referral(
        deid.ReferralSource(
            uuid.uuid4(), p, on, MARK, urgency, status, outcome, events, uuid.uuid4()
        )
    )
    _check(SHAPER.service_request(referral))
    _check(SHAPER.task(referral))
    event = deid.ReferralEventSource(uuid.uuid4(), uuid.uuid4(), on, status, MARK, on)
    _check(SHAPER.provenance(d.referral_event(event)))
    consent = deid.ConsentSource(uuid.uuid4(), p, kind, on, on, MARK, on, on)
    _check(SHAPER.consent(d.consent(consent)))
    _check(SHAPER.deleted("Encounter", referral.id))


def test_projection_reads_back_what_the_shaper_wrote():
    d = Deidentifier(SECRET)
    p = deid.Person(uuid.uuid4(), "cd" * 16, deid.date(2010, 1, 1), "LHS")
    on = deid.date(2026, 10, 2)
    encounter = SHAPER.encounter(
        d.encounter(deid.VisitSource(uuid.uuid4(), p, on, "crisis", "ems"))
    )
    assert fhir.projection(encounter) | {} == {
        "patient": "cd" * 16,
        "school": "LHS",
        "period": "2026",
        "code": "crisis",
        "category": None,
        "status": "ems",
        "outcome": None,
        "number": 16,
        "positive": None,
    }
    answers = {f"q{n}": 3 for n in range(1, 10)}
    screening = d.screening(
        deid.ScreeningSource(uuid.uuid4(), p, on, "phq9", "1.0.0", True, answers, 27, {}, "severe")
    )
    projected = fhir.projection(SHAPER.observation(screening))
    assert (projected["code"], projected["number"], projected["positive"]) == ("phq9", 27, 1)
    assert projected["category"] == "severe"
