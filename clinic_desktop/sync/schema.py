"""The district's schema check of every record line: only the fields our shaper writes, each
value of the shape its field allows, dates no finer than the batch's profile.

Why: a batch's signature proves which site sent it, not that the site's software behaved.
A modified or broken site could send names, birth dates, phones, NaN, or spreadsheet
formulas, and a signature check alone would let them into the district's database and
reports. So the receiver holds each line to the shapes ``fhir.Shaper`` produces:

* the fields allowed per resource type are those of a maximal record the shaper builds
  (every optional part present), compiled once into a tree the line is walked against, so
  the schema cannot drift from the writer;
* every string is a code, an id, a reference, a code-system URL or a partial date, by its
  field; a code never starts with ``= + - @`` (a spreadsheet formula) and never looks like
  a date; numbers are integers (NaN and Infinity never parse);
* dates are years ("2026") or, only in a limited-data-set batch, months ("2026-10"): the
  line checker remembers the finest date it saw, and ``verify`` refuses a safe-harbor
  manifest over a batch that held a month.
"""

from __future__ import annotations

import re
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
_MAX_INT = 10**9
#: Distinct valid codes remembered per batch (bounded: memory must not grow with a batch).
_GOOD_KEPT = 10_000
#: Leaf kinds whose values repeat across records (ids and references do not). A date seen
#: once has already set ``finest_date``.
_REPEATING = frozenset({"code", "uri", "date"})


class _List:
    """A list in the schema: every item follows ``item``."""

    __slots__ = ("item",)

    def __init__(self, item: Node) -> None:
        self.item = item


#: A compiled schema: an object (allowed keys to their schema), a list, or a leaf kind
#: ("date", "id", "ref", "uri", "code", "int").
Node = dict[str, "Node"] | _List | str


class _ProblemError(Exception):
    """Raised down the walk, with the field path filled in on the way back up."""

    def __init__(self, reason: str, unknown: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unknown = unknown
        self.path: list[str] = []

    def text(self) -> str:
        path = ".".join(reversed(self.path)).replace(".[]", "[]")
        if self.unknown:
            return f"field {path} is not part of the batch schema"
        return f"{path}: {self.reason}"


class LineChecker:
    """Checks record lines one by one; ``finest_date`` is "year", "month" or ""."""

    def __init__(self) -> None:
        self.finest_date = ""
        self._good: set[tuple[str, str]] = set()

    def problem(self, section: str, resource_type: str, body: dict[str, Any]) -> str | None:
        """Why ``body`` does not follow the schema, or None when it does."""
        if section == "aggregate":
            return self._aggregate_problem(body)
        schema = _deleted_schema() if section == "deleted" else compiled(resource_type)
        try:
            self._check(schema, body)
        except _ProblemError as problem:
            return problem.text()
        return None

    def _walk(self, node: Node, value: object) -> None:
        """Check ``value`` against ``node`` (the schema's depth bounds the recursion). Leaves
        are checked in their parent's loop: a record has a few dozen of them, and an import
        checks a million records."""
        if type(node) is _List:
            if type(value) is not list:
                raise _ProblemError("not a list")
            item_node = node.item
            try:
                for item in value:
                    self._check(item_node, item)
            except _ProblemError as problem:
                problem.path.append("[]")
                raise
            return
        if type(value) is not dict:
            raise _ProblemError("not an object")
        key = ""
        try:
            for key, item in value.items():
                child = node.get(key)  # type: ignore[union-attr]
                if child is None:
                    raise _ProblemError("", unknown=True)
                self._check(child, item)
        except _ProblemError as problem:
            problem.path.append(str(key))
            raise

    def _check(self, node: Node, value: object) -> None:
        if type(node) is not str:
            self._walk(node, value)
        elif type(value) is not str or (node, value) not in self._good:
            reason = self._leaf_problem(node, value)
            if reason:
                raise _ProblemError(reason)
            if type(value) is str and node in _REPEATING and len(self._good) < _GOOD_KEPT:
                self._good.add((node, value))  # codes repeat: each is checked once

    def _leaf_problem(self, kind: str, value: object) -> str | None:
        if kind == "int":
            ok = type(value) is int and -_MAX_INT <= value <= _MAX_INT
            return None if ok else "not an integer in range"
        if type(value) is not str:
            return "not a string"
        if kind == "date":
            return None if self._date_ok(value) else "not a year (or month) date"
        if kind == "code":
            ok = _CODE.fullmatch(value) and not _DATE_LIKE.match(value)
            return None if ok else "not a code"
        pattern = {"id": _ID, "ref": _REFERENCE, "uri": _URI}[kind]
        return None if pattern.fullmatch(value) else f"not a valid {kind}"

    def _aggregate_problem(self, body: dict[str, Any]) -> str | None:
        if set(body) != AGGREGATE_KEYS:
            return "an aggregate cell has other fields than " + ", ".join(sorted(AGGREGATE_KEYS))
        value = body["value"]
        if value is not None and not (type(value) is int and 0 <= value <= _MAX_INT):
            return "an aggregate value is not a count"
        if not isinstance(body["suppressed"], bool) or body["suppressed"] != (value is None):
            return "an aggregate cell's suppressed flag does not match its value"
        if not (isinstance(body["period"], str) and self._date_ok(body["period"])):
            return "an aggregate period is not a year or month"
        for key in ("school", "measure", "category"):
            if not isinstance(body[key], str) or not _CELL_CODE.fullmatch(body[key]):
                return f"an aggregate {key} is not a code"
        return None

    def _date_ok(self, value: str) -> bool:
        if _YEAR.fullmatch(value):
            self.finest_date = self.finest_date or "year"
            return True
        if _MONTH.fullmatch(value):
            self.finest_date = "month"
            return True
        return False


def _compile(value: object, key: str, parent: str) -> Node:
    """The schema of one example value; leaves get their kind from their field."""
    if isinstance(value, dict):
        return {k: _compile(v, k, key) for k, v in value.items()}
    if isinstance(value, list):
        items = [_compile(v, key, parent) for v in value]
        merged = items[0]
        for item in items[1:]:
            merged = _merge(merged, item)
        return _List(merged)
    if isinstance(value, int):
        return "int"
    if key in DATE_KEYS:
        return "date"
    if key == "id":
        return "id"
    if key == "reference" or (key == "url" and parent == "request"):
        return "ref"
    if key in _URI_KEYS:
        return "uri"
    return "code"


def _merge(a: Node, b: Node) -> Node:
    """Two schemas as one: the union of their fields (extensions differ by their url)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for key, node in b.items():
            out[key] = _merge(out[key], node) if key in out else node
        return out
    if isinstance(a, _List) and isinstance(b, _List):
        return _List(_merge(a.item, b.item))
    if a != b:
        raise ValueError(f"conflicting schema kinds {a!r} and {b!r}")
    return a


@cache
def compiled(resource_type: str) -> Node:
    """The schema of ``resource_type`` from the shaper's maximal records ({} if not ours)."""
    schema: Node = {}
    for body in _maximal_examples().get(resource_type, ()):
        schema = _merge(schema, _compile(body, "", ""))
    return schema


@cache
def _deleted_schema() -> Node:
    return _compile(fhir.Shaper("SITE", 1).deleted("Encounter", "0" * 32), "", "")


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
