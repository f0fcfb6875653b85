"""De-identified records shaped after FHIR R4 resources, and read back for the warehouse.

Each builder takes a ``Deid*`` record (codes only, see ``domain.deidentify``) and returns a
JSON object. Shapes are fixed so that every field has one JSON type in every line: a
warehouse's schema inference (BigQuery, DuckDB, Spark) sees one column type per path.
Dates are partial FHIR dates: the year ("2026") under the safe-harbor profile, year and
month ("2026-10") under limited-data-set. Provenance's required ``recorded`` instant is
absent and says why with FHIR's data-absent-reason extension (``masked``): no profile lets
an instant leave. Every resource validates as its FHIR R4B type (a test runs
``fhir.resources`` over a whole batch).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from clinic_desktop.domain import deidentify as deid

CS = "urn:clinic-desktop:cs:"
EXT = "urn:clinic-desktop:ext:"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
CPT = "http://www.ama-assn.org/go/cpt"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
PROVENANCE_AGENT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"

RESOURCE_TYPES = (
    "Patient",
    "Encounter",
    "QuestionnaireResponse",
    "Observation",
    "Flag",
    "ServiceRequest",
    "Task",
    "Provenance",
    "Consent",
)

_REQUEST_STATUS = {"draft": "draft", "cancelled": "revoked", "closed": "completed"}
_TASK_STATUS = {
    "draft": "draft",
    "sent": "requested",
    "waitlisted": "on-hold",
    "scheduled": "accepted",
    "attended": "in-progress",
    "no_show": "in-progress",
    "declined": "on-hold",
    "rejected": "rejected",
    "cancelled": "cancelled",
    "closed": "completed",
}
_PRIORITY = {"routine": "routine", "urgent": "urgent", "emergent": "stat"}


class Shaper:
    """Builds resources for one batch: every resource names the site and batch sequence."""

    def __init__(self, site: str, sequence: int) -> None:
        self.site = site
        self.version = str(sequence)
        self._meta = {"versionId": self.version, "source": f"urn:clinic-site:{self.site}"}
        self._agent = [
            {
                "type": _concept(PROVENANCE_AGENT, "author"),
                "who": {"identifier": {"system": "urn:clinic-desktop:site", "value": site}},
            }
        ]

    def meta(self) -> dict[str, Any]:
        """The same object for every resource of the batch. Here and in the small shapes
        below, constant parts are shared, not rebuilt per resource (an export shapes a
        million of them); resources are only ever encoded, never changed."""
        return self._meta

    def base(self, resource_type: str, rid: str) -> dict[str, Any]:
        return {"resourceType": resource_type, "id": rid, "meta": self.meta()}

    def event(self, resource_type: str, rid: str, subject: deid.Subject) -> dict[str, Any]:
        """A resource about one student at one time: school and age extensions."""
        out = self.base(resource_type, rid)
        out["extension"] = [_school(subject.school)]
        if subject.age is not None:
            out["extension"].append(_age(subject.age))
        return out

    def patient(self, p: deid.DeidPatient) -> dict[str, Any]:
        out = self.base("Patient", p.id)
        out["extension"] = [_school(p.school)]
        if p.grade is not None:
            out["extension"].append({"url": EXT + "grade", "valueCode": p.grade})
        out["gender"] = p.gender
        if p.zip3 is not None:
            out["address"] = [{"postalCode": p.zip3}]
        return out

    def encounter(self, e: deid.DeidEncounter) -> dict[str, Any]:
        out = self.event("Encounter", e.id, e.subject)
        out["status"] = "finished" if e.finished else "in-progress"
        out["class"] = {"system": ACT_CODE, "code": "AMB"}
        out["type"] = [_concept(CS + "visit-type", e.visit_type)]
        out["type"] += [_concept(CPT, c) for c in e.cpt]
        out["subject"] = _ref("Patient", e.subject.patient)
        out["period"] = {"start": e.subject.period}
        if e.icd10:
            out["reasonCode"] = [_concept(ICD10CM, c) for c in e.icd10]
        if e.disposition is not None:  # an open visit: no person has chosen it yet
            out["hospitalization"] = {
                "dischargeDisposition": _concept(CS + "disposition", e.disposition)
            }
        return out

    def questionnaire_response(self, s: deid.DeidScreening) -> dict[str, Any]:
        out = self.event("QuestionnaireResponse", s.id, s.subject)
        canonical = f"urn:clinic-desktop:instrument:{s.instrument}"
        out["questionnaire"] = f"{canonical}|{s.version}" if s.version else canonical
        out["status"] = "completed" if s.complete else "in-progress"
        out["subject"] = _ref("Patient", s.subject.patient)
        if s.encounter_id:
            out["encounter"] = _ref("Encounter", s.encounter_id)
        out["authored"] = s.subject.period
        if s.answers:
            out["item"] = [_answer(item, value) for item, value in s.answers]
        return out

    def observation(self, s: deid.DeidScreening) -> dict[str, Any]:
        out = self.event("Observation", s.observation_id, s.subject)
        out["status"] = "final" if s.complete else "preliminary"
        out["category"] = [_concept(OBS_CATEGORY, "survey")]
        out["code"] = {"coding": _score_codings(s.instrument, "total")}
        out["subject"] = _ref("Patient", s.subject.patient)
        if s.encounter_id:
            out["encounter"] = _ref("Encounter", s.encounter_id)
        out["effectiveDateTime"] = s.subject.period
        if s.total is not None:
            out["valueInteger"] = s.total
        interpretation = []
        if s.positive is not None:
            interpretation.append(_concept(INTERPRETATION, "POS" if s.positive else "NEG"))
        if s.band is not None:
            interpretation.append(_concept(f"{CS}band:{s.instrument}", s.band))
        if interpretation:
            out["interpretation"] = interpretation
        if s.subscales:
            out["component"] = [
                {"code": {"coding": _score_codings(s.instrument, name)}, "valueInteger": value}
                for name, value in s.subscales
            ]
        out["derivedFrom"] = [_ref("QuestionnaireResponse", s.id)]
        return out

    def flag(self, f: deid.DeidFlag) -> dict[str, Any]:
        out = self.event("Flag", f.id, f.subject)
        out["extension"].append(
            {
                "url": EXT + "screening",
                "valueReference": _ref("QuestionnaireResponse", f.screening_id),
            }
        )
        out["status"] = "active" if f.active else "inactive"
        if f.severity is not None:
            out["category"] = [_concept(CS + "flag-severity", f.severity)]
        out["code"] = _concept(CS + "flag", f.flag_id)
        out["subject"] = _ref("Patient", f.subject.patient)
        out["period"] = {"start": f.subject.period}
        return out

    def service_request(self, r: deid.DeidReferral) -> dict[str, Any]:
        out = self.event("ServiceRequest", r.id, r.subject)
        if r.days_to_first_appointment is not None:
            out["extension"].append(
                {
                    "url": EXT + "days-to-first-appointment",
                    "valueInteger": r.days_to_first_appointment,
                }
            )
        out["status"] = _REQUEST_STATUS.get(r.status, "active")
        out["intent"] = "order"
        if r.urgency is not None:
            out["priority"] = _PRIORITY[r.urgency]
        out["code"] = _concept(CS + "service", "referral")
        out["subject"] = _ref("Patient", r.subject.patient)
        if r.encounter_id:
            out["encounter"] = _ref("Encounter", r.encounter_id)
        out["authoredOn"] = r.subject.period
        out["performerType"] = _concept(CS + "partner-kind", r.partner_kind)
        if r.screening_id:
            out["supportingInfo"] = [_ref("QuestionnaireResponse", r.screening_id)]
        return out

    def task(self, r: deid.DeidReferral) -> dict[str, Any]:
        out = self.event("Task", r.task_id, r.subject)
        out["status"] = _TASK_STATUS.get(r.status, "in-progress")
        out["businessStatus"] = _concept(CS + "referral-status", r.status)
        out["intent"] = "order"
        out["focus"] = _ref("ServiceRequest", r.id)
        out["for"] = _ref("Patient", r.subject.patient)
        out["authoredOn"] = r.subject.period
        if r.urgency is not None:
            out["priority"] = _PRIORITY[r.urgency]
        if r.outcome is not None:
            out["output"] = [
                {
                    "type": _concept(CS + "referral-output", "outcome"),
                    "valueCodeableConcept": _concept(CS + "referral-outcome", r.outcome),
                }
            ]
        return out

    def provenance(self, e: deid.DeidReferralEvent) -> dict[str, Any]:
        """A referral's status change. The agent is the site (FHIR requires one; staff never
        leave), and ``recorded`` is masked (FHIR requires it; no profile allows an instant)."""
        out = self.base("Provenance", e.id)
        out["extension"] = []
        if e.from_status is not None:
            out["extension"].append({"url": EXT + "from-status", "valueCode": e.from_status})
        if e.appointment_period is not None:
            out["extension"].append(
                {"url": EXT + "appointment-date", "valueDate": e.appointment_period}
            )
        out["target"] = [_ref("Task", e.task_id), _ref("ServiceRequest", e.referral_id)]
        out["occurredDateTime"] = e.period
        out["_recorded"] = _MASKED
        out["activity"] = _concept(CS + "referral-status", e.to_status)
        out["agent"] = self._agent
        return out

    def consent(self, c: deid.DeidConsent) -> dict[str, Any]:
        out = self.event("Consent", c.id, c.subject)
        out["extension"].append({"url": EXT + "consent-status", "valueCode": c.status})
        if c.partner_kind is not None:
            out["extension"].append({"url": EXT + "partner-kind", "valueCode": c.partner_kind})
        if c.revoked_period is not None:
            out["extension"].append({"url": EXT + "revoked-date", "valueDate": c.revoked_period})
        out["status"] = "active" if c.status == "valid" else "inactive"
        scope = "patient-privacy" if c.kind == "release_of_information" else "treatment"
        out["scope"] = _concept(CONSENT_SCOPE, scope)
        out["category"] = [_concept(CS + "consent-kind", c.kind)]
        out["patient"] = _ref("Patient", c.subject.patient)
        out["dateTime"] = c.subject.period
        period = {"start": c.subject.period}
        if c.expires_period is not None:
            period["end"] = c.expires_period
        out["provision"] = {"period": period}
        return out

    def deleted(self, resource_type: str, rid: str) -> dict[str, Any]:
        """A tombstone, as FHIR Bulk Data lists deletions: a Bundle with one DELETE."""
        return {
            "resourceType": "Bundle",
            "meta": self.meta(),
            "type": "transaction",
            "entry": [{"request": {"method": "DELETE", "url": f"{resource_type}/{rid}"}}],
        }


# --- small shapes -----------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _concept(system: str, code: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code}]}


def _ref(resource_type: str, rid: str) -> dict[str, str]:
    return {"reference": f"{resource_type}/{rid}"}


@lru_cache(maxsize=1024)
def _school(code: str) -> dict[str, str]:
    return {"url": EXT + "school", "valueCode": code}


@lru_cache(maxsize=256)
def _age(age: deid.Age) -> dict[str, Any]:
    value: dict[str, Any] = {"value": age.years, "unit": "a", "system": UCUM, "code": "a"}
    if age.at_least:
        value["comparator"] = ">="
    return {"url": EXT + "age-at-event", "valueAge": value}


#: FHIR's way to say a required element was withheld on purpose.
_MASKED = {"extension": [{"url": DATA_ABSENT, "valueCode": "masked"}]}


@lru_cache(maxsize=4096)
def _answer(item_id: str, value: int) -> dict[str, Any]:
    """An item by its ``linkId`` (FHIR's QuestionnaireResponse.item has no ``code``: an
    item's LOINC code belongs to the instrument file, ``resources/instruments``)."""
    return {"linkId": item_id, "answer": [{"valueInteger": value}]}


@cache
def _score_codings(instrument_id: str, score_id: str) -> list[dict[str, str]]:
    """LOINC for the score where the instrument file has one, then our own code."""
    codings = []
    instrument = deid.instruments().get(instrument_id)
    rule = next((s for s in instrument.scores if s.id == score_id), None) if instrument else None
    if rule is not None and rule.loinc:
        codings.append({"system": LOINC, "code": rule.loinc})
    codings.append({"system": CS + "score", "code": f"{instrument_id}.{score_id}"})
    return codings


# --- reading back (the warehouse's projection) ------------------------------------------


def projection(resource: dict[str, Any]) -> dict[str, Any]:
    """Columns the district's report needs from one resource of ours.

    patient, school, period, code, category, status, outcome, number, positive.
    """
    kind = resource.get("resourceType")
    out = {
        "patient": _patient_of(resource),
        "school": _extension(resource, "school", "valueCode"),
        "period": None,
        "code": None,
        "category": None,
        "status": None,
        "outcome": None,
        "number": None,
        "positive": None,
    }
    reader = _READERS.get(str(kind))
    if reader is not None:
        reader(resource, out)
    return out


def _read_patient(r: dict[str, Any], out: dict[str, Any]) -> None:
    out["code"] = r.get("gender")
    out["category"] = _extension(r, "grade", "valueCode")
    out["status"] = (r.get("address") or [{}])[0].get("postalCode")


def _read_encounter(r: dict[str, Any], out: dict[str, Any]) -> None:
    out["period"] = r.get("period", {}).get("start")
    out["code"] = _code(r.get("type", [None])[0])
    out["status"] = _code(r.get("hospitalization", {}).get("dischargeDisposition"))
    out["number"] = _age_years(r)


def _read_questionnaire_response(r: dict[str, Any], out: dict[str, Any]) -> None:
    out["period"] = r.get("authored")
    out["code"] = str(r.get("questionnaire", "")).split(":")[-1].split("|")[0] or None
    out["status"] = r.get("status")


def _read_observation(r: dict[str, Any], out: dict[str, Any]) -> None:
    out["period"] = r.get("effectiveDateTime")
    codings = r.get("code", {}).get("coding", [])
    own = next((c["code"] for c in codings if c.get("system") == CS + "score"), "")
    out["code"] = own.split(".")[0] or None
    out["status"] = r.get("status")
    out["number"] = r.get("valueInteger")
    for concept in r.get("interpretation", []):
        code = _code(concept)
        if code in ("POS", "NEG"):
            out["positive"] = int(code == "POS")
        elif code is not None:
            out["category"] = code


def _read_flag(r: dict[str, Any], out: dict[str, Any]) -> None:
    out["period"] = r.get("period", {}).get("start")
    out["code"] = _code(r.get("code"))
    out["category"] = _code((r.get("category") or [None])[0])
    out["status"] = r.get("status")


def _read_service_request(r: dict[str, Any], out: dict[str, Any]) -> None:
    out["period"] = r.get("authoredOn")
    out["code"] = _code(r.get("performerType"))
    out["category"] = r.get("priority")
    out["status"] = r.get("status")
    out["number"] = _extension(r, "days-to-first-appointment", "valueInteger")


def _read_task(r: dict[str, Any], out: dict[str, Any]) -> None:
    out["period"] = r.get("authoredOn")
    out["status"] = _code(r.get("businessStatus"))
    outputs = r.get("output") or [{}]
    out["outcome"] = _code(outputs[0].get("valueCodeableConcept"))


def _read_provenance(r: dict[str, Any], out: dict[str, Any]) -> None:
    out["period"] = r.get("occurredDateTime")
    out["status"] = _code(r.get("activity"))


def _read_consent(r: dict[str, Any], out: dict[str, Any]) -> None:
    out["period"] = r.get("dateTime")
    out["code"] = _code((r.get("category") or [None])[0])
    out["status"] = _extension(r, "consent-status", "valueCode")


_READERS = {
    "Patient": _read_patient,
    "Encounter": _read_encounter,
    "QuestionnaireResponse": _read_questionnaire_response,
    "Observation": _read_observation,
    "Flag": _read_flag,
    "ServiceRequest": _read_service_request,
    "Task": _read_task,
    "Provenance": _read_provenance,
    "Consent": _read_consent,
}


def _code(concept: object) -> str | None:
    if not isinstance(concept, dict):
        return None
    codings = concept.get("coding") or [{}]
    return codings[0].get("code")


def _extension(resource: dict[str, Any], name: str, key: str) -> Any:
    for ext in resource.get("extension", []):
        if ext.get("url") == EXT + name:
            return ext.get(key)
    return None


def _age_years(resource: dict[str, Any]) -> int | None:
    value = _extension(resource, "age-at-event", "valueAge")
    return value.get("value") if isinstance(value, dict) else None


def _patient_of(resource: dict[str, Any]) -> str | None:
    if resource.get("resourceType") == "Patient":
        return resource.get("id")
    for key in ("subject", "for", "patient"):
        ref = resource.get(key)
        if isinstance(ref, dict) and str(ref.get("reference", "")).startswith("Patient/"):
            return str(ref["reference"]).removeprefix("Patient/")
    return None
