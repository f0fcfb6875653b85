"""The district's schema check of every record line: only the fields our shaper writes, each
value of the shape its field allows, dates no finer than the batch's profile.

Why: a batch's signature proves which site sent it, not that the site's software behaved.
A modified or broken site could send names, birth dates, phones, NaN, or spreadsheet
formulas, and a signature check alone would let them into the district's database and
reports. So the receiver holds each line to the shapes ``fhir.Shaper`` produces:

* the field paths allowed per resource type are those of a maximal record the shaper builds
  (every optional part present), so the schema cannot drift from the writer;
* every string is a code, an id, a reference, a code-system URL or a partial date, by its
  field; a code never starts with ``= + - @`` (a spreadsheet formula) and never looks like
  a date; numbers are integers (NaN and Infinity never parse);
* dates are years ("2026") or, only in a limited-data-set batch, months ("2026-10"): the
  line checker remembers the finest date it saw, and ``verify`` refuses a safe-harbor
  manifest over a batch that held a month.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from clinic_desktop.domain import deidentify as deid
from clinic_desktop.sync import fhir

_ID = re.compile(r"[0-9a-f]{32}")
_REFERENCE = re.compile(rf"({'|'.join(fhir.RESOURCE_TYPES)})/[0-9a-f]{{32}}")
_URI = re.compile(r"(urn|https?):[A-Za-z0-9:/._-]{1,200}(\|[0-9.]{1,20})?")
_CODE = re.compile(r">=|[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_DATE_LIKE = re.compile(r"\d{4}-\d{2}")
_CELL_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:.-]{0,63}")
#: Fields that hold a partial date (by their last key).
DATE_KEYS = frozenset(
    {"start", "end", "authored", "authoredOn", "effectiveDateTime", "occurredDateTime"}
    | {"dateTime", "valueDate"}
)
_URI_KEYS = frozenset({"url", "system", "questionnaire", "source"})
AGGREGATE_KEYS = frozenset({"period", "school", "measure", "category", "value", "suppressed"})
_MAX_DEPTH = 8


class LineChecker:
    """Checks record lines one by one; ``finest_date`` is "year", "month" or ""."""

    def __init__(self) -> None:
        self.finest_date = ""

    def problem(self, section: str, resource_type: str, body: dict[str, Any]) -> str | None:
        """Why ``body`` does not follow the schema, or None when it does."""
        if section == "aggregate":
            return self._aggregate_problem(body)
        allowed = _DELETED_PATHS if section == "deleted" else allowed_paths(resource_type)
        for path, value in _leaves(body, "", 0):
            if path is None or path not in allowed:
                return f"field {path or '(too deep)'} is not part of the batch schema"
            reason = self._value_problem(path, value)
            if reason:
                return f"{path}: {reason}"
        return None

    def _aggregate_problem(self, body: dict[str, Any]) -> str | None:
        if set(body) != AGGREGATE_KEYS:
            return "an aggregate cell has other fields than " + ", ".join(sorted(AGGREGATE_KEYS))
        value = body["value"]
        if value is not None and not (_is_int(value) and value >= 0):
            return "an aggregate value is not a count"
        if not isinstance(body["suppressed"], bool) or body["suppressed"] != (value is None):
            return "an aggregate cell's suppressed flag does not match its value"
        if not (isinstance(body["period"], str) and self._date_ok(body["period"])):
            return "an aggregate period is not a year or month"
        for key in ("school", "measure", "category"):
            if not isinstance(body[key], str) or not _CELL_CODE.fullmatch(body[key]):
                return f"an aggregate {key} is not a code"
        return None

    def _value_problem(self, path: str, value: object) -> str | None:
        key = path.rsplit(".", 1)[-1].removesuffix("[]")
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return None if abs(value) <= 10**9 else "number out of range"
        if not isinstance(value, str):
            return "not a string, integer or boolean"
        if key in DATE_KEYS:
            return None if self._date_ok(value) else "not a year (or month) date"
        if key == "id" or path.endswith("entry[].request.url"):
            return None if _id_or_url(path, value) else "not an id"
        if key == "reference":
            return None if _REFERENCE.fullmatch(value) else "not a reference"
        if key in _URI_KEYS:
            return None if _URI.fullmatch(value) else "not a code system"
        if _DATE_LIKE.match(value) or not _CODE.fullmatch(value):
            return "not a code"
        return None

    def _date_ok(self, value: str) -> bool:
        if _YEAR.fullmatch(value):
            self.finest_date = self.finest_date or "year"
            return True
        if _MONTH.fullmatch(value):
            self.finest_date = "month"
            return True
        return False


def _id_or_url(path: str, value: str) -> bool:
    if path.endswith("entry[].request.url"):
        return _REFERENCE.fullmatch(value) is not None
    return _ID.fullmatch(value) is not None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _leaves(node: object, path: str, depth: int) -> Iterator[tuple[str | None, object]]:
    """(path, leaf) pairs; a path of None marks nesting deeper than any record of ours."""
    if depth > _MAX_DEPTH:
        yield None, node
        return
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{path}.{key}" if path else str(key), depth + 1)
    elif isinstance(node, list):
        for item in node:
            yield from _leaves(item, path + "[]", depth + 1)
    else:
        yield path, node


@cache
def allowed_paths(resource_type: str) -> frozenset[str]:
    """Every leaf path the shaper writes for ``resource_type`` (empty if not ours)."""
    examples = _maximal_examples().get(resource_type, ())
    return frozenset(p for body in examples for p, _ in _leaves(body, "", 0) if p)


_DELETED_PATHS = frozenset(
    {
        "resourceType",
        "meta.versionId",
        "meta.source",
        "type",
        "entry[].request.method",
        "entry[].request.url",
    }
)


@cache
def _maximal_examples() -> dict[str, list[dict[str, Any]]]:
    """One record per resource type with every optional field the shaper can write."""
    s = fhir.Shaper("SITE", 1)
    rid = "0" * 32
    who = deid.Subject(rid, "SITE", "2026", deid.Age(90, at_least=True))
    answers, scales = (("q1", 1),), (("sub", 1),)
    screening = deid.DeidScreening(
        rid, rid, who, "phq9", "1.0", True, answers, 5, scales, "mild", True, rid
    )
    referral = deid.DeidReferral(
        rid, rid, who, "other", "urgent", "closed", "other", 3, rid, rid, rid
    )
    visit = deid.DeidEncounter(rid, who, "medical", "other", ("F32.A",), ("99213",))
    event = deid.DeidReferralEvent(rid, rid, rid, "2026", "sent", "scheduled", "2026")
    consent = deid.DeidConsent(rid, who, "services", "valid", "other", "2026", "2026")
    return {
        "Patient": [s.patient(deid.DeidPatient(rid, "SITE", "female", "09", "123"))],
        "Encounter": [s.encounter(visit)],
        "QuestionnaireResponse": [s.questionnaire_response(screening)],
        "Observation": [s.observation(screening)],
        "Flag": [s.flag(deid.DeidFlag(rid, who, "flag", "acute", True, rid))],
        "ServiceRequest": [s.service_request(referral)],
        "Task": [s.task(referral)],
        "Provenance": [s.provenance(event)],
        "Consent": [s.consent(consent)],
    }
