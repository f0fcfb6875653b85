"""What a batch holds: changed records as FHIR-shaped resources, tombstones, aggregates.

The store is read through ``source.StoreReader`` (named columns only), every record goes
through ``domain.deidentify.Deidentifier`` and is shaped by ``fhir.Shaper``. Nothing here
touches a file: ``batch`` packages and encrypts what these generators yield.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from clinic_desktop.domain import deidentify as deid
from clinic_desktop.domain.deidentify import Deidentifier
from clinic_desktop.sync.fhir import Shaper
from clinic_desktop.sync.measures import Tally, distinct_visits
from clinic_desktop.sync.source import Change, StoreReader, Window

OUTPUT = "output"
DELETED = "deleted"
AGGREGATE = "aggregate"

#: Which resources a deleted row of each table withdraws, and the id space of each.
TOMBSTONES: dict[str, tuple[tuple[str, str], ...]] = {
    "visits": (("Encounter", "visits"),),
    "screenings": (
        ("QuestionnaireResponse", "screenings"),
        ("Observation", "screenings/observation"),
    ),
    "risk_flags": (("Flag", "risk_flags"),),
    "referrals": (("ServiceRequest", "referrals"), ("Task", "referrals/task")),
    "referral_events": (("Provenance", "referral_events"),),
    "consents": (("Consent", "consents"),),
}

#: How many records a live (not deleted) changed row of each table becomes.
RECORDS_PER_CHANGE: dict[str, int] = {
    "visits": 1,
    "screenings": 2,
    "risk_flags": 1,
    "referrals": 2,
    "referral_events": 1,
    "consents": 1,
}


def changed_records(reader: StoreReader, window: Window) -> int:
    """How many output and deleted records a batch over ``window`` holds, without
    de-identifying anything: ``change_seq`` also moves for rows no batch carries (notes,
    repeated edits of one row), so the distance between watermarks overstates the batch."""
    total = sum(1 for _ in reader.students(window))
    for table, changes in _changes(reader, window):
        for change in changes:
            total += len(TOMBSTONES[table]) if change.deleted else RECORDS_PER_CHANGE[table]
    return total


def _changes(reader: StoreReader, window: Window) -> list[tuple[str, Iterator[Change]]]:
    """Each exported table's changed rows, in the batch's table order."""
    return [
        ("visits", reader.visits(window)),
        ("screenings", reader.screenings(window)),
        ("risk_flags", reader.flags(window)),
        ("referrals", reader.referrals(window)),
        ("referral_events", reader.referral_events(window)),
        ("consents", reader.consents(window)),
    ]


@dataclass(frozen=True)
class Record:
    """One NDJSON line to be: which section (output, deleted, aggregate), type, object."""

    section: str
    type: str
    body: dict[str, Any]


class Exporter:
    """Turns the store's changes in one window into records, in a fixed table order."""

    def __init__(self, reader: StoreReader, deidentifier: Deidentifier, shaper: Shaper) -> None:
        self.reader = reader
        self.deid = deidentifier
        self.shape = shaper

    def records(self, window: Window) -> Iterator[Record]:
        """Every changed record of the window, then the aggregate table (a snapshot)."""
        yield from self._patients(window)
        for table, changes, build in self._tables(window):
            for change in changes:
                yield from self._tombstones(table, change) if change.deleted else build(change)
        for cell in self.aggregate().cells():
            yield Record(AGGREGATE, "AggregateCell", cell.to_json())

    def _tables(
        self, window: Window
    ) -> list[tuple[str, Iterator[Change], Callable[[Change], Iterator[Record]]]]:
        build = {
            "visits": self._encounter,
            "screenings": self._screening,
            "risk_flags": self._flag,
            "referrals": self._referral,
            "referral_events": self._referral_event,
            "consents": self._consent,
        }
        return [(table, changes, build[table]) for table, changes in _changes(self.reader, window)]

    def _patients(self, window: Window) -> Iterator[Record]:
        for change in self.reader.students(window):
            if change.deleted:
                patient = self.deid.patient_id(change.source.person)
                yield Record(DELETED, "Bundle", self.shape.deleted("Patient", patient))
            else:
                yield Record(
                    OUTPUT, "Patient", self.shape.patient(self.deid.patient(change.source))
                )

    def _tombstones(self, table: str, change: Change) -> Iterator[Record]:
        for resource_type, kind in TOMBSTONES[table]:
            rid = self.deid.rid(kind, change.row_id) or ""
            yield Record(DELETED, "Bundle", self.shape.deleted(resource_type, rid))

    def _encounter(self, change: Change) -> Iterator[Record]:
        yield Record(OUTPUT, "Encounter", self.shape.encounter(self.deid.encounter(change.source)))

    def _screening(self, change: Change) -> Iterator[Record]:
        screening = self.deid.screening(change.source)
        yield Record(OUTPUT, "QuestionnaireResponse", self.shape.questionnaire_response(screening))
        yield Record(OUTPUT, "Observation", self.shape.observation(screening))

    def _flag(self, change: Change) -> Iterator[Record]:
        yield Record(OUTPUT, "Flag", self.shape.flag(self.deid.flag(change.source)))

    def _referral(self, change: Change) -> Iterator[Record]:
        referral = self.deid.referral(change.source)
        yield Record(OUTPUT, "ServiceRequest", self.shape.service_request(referral))
        yield Record(OUTPUT, "Task", self.shape.task(referral))

    def _referral_event(self, change: Change) -> Iterator[Record]:
        event = self.deid.referral_event(change.source)
        yield Record(OUTPUT, "Provenance", self.shape.provenance(event))

    def _consent(self, change: Change) -> Iterator[Record]:
        yield Record(OUTPUT, "Consent", self.shape.consent(self.deid.consent(change.source)))

    # --- the aggregate snapshot -----------------------------------------------------------

    def aggregate(self) -> Tally:
        """Counts over every live record (not just this window), before suppression.

        Only the columns a count needs are read, and only the rules that decide a count
        are applied (school, period, code lists; no record ids, ages or answers): this
        pass reads the whole site on every export, so full de-identification here would
        double the export's work.
        """
        tally = Tally()
        seen = distinct_visits(
            (student, deid.school_code(school), self.deid.period(day))
            for student, school, day, visit_type in self._counted_visits(tally)
        )
        for school, period in seen:
            tally.student_seen(period, school)
        for _who, school, day, instrument_id, complete, band in self.reader.all_screenings():
            instrument = deid.instruments().get(instrument_id)
            if instrument is None or not complete:
                continue  # an unknown instrument or a partial screening has no result
            band = deid.code_in(band, _bands(instrument_id))
            positive = deid.is_positive(instrument.id, band)
            tally.screening(
                self.deid.period(day), deid.school_code(school), instrument.id, positive
            )
        for _who, school, day, severity in self.reader.all_flags():
            severity = deid.code_in(severity, deid.SEVERITIES)
            tally.flag(self.deid.period(day), deid.school_code(school), severity)
        for _who, school, day, status, outcome in self.reader.all_referrals():
            tally.referral(
                self.deid.period(day),
                deid.school_code(school),
                deid.code_in(status, deid.REFERRAL_STATUSES) or deid.OTHER,
                deid.code_in(outcome, deid.OUTCOMES),
            )
        return tally

    def _counted_visits(self, tally: Tally) -> Iterator[tuple[str, str, date, str]]:
        """Every live visit (grouped by student), counted as it passes by."""
        for row in self.reader.all_visits_by_student():
            _student, school, day, visit_type = row
            kind = deid.code_in(visit_type, deid.VISIT_TYPES) or deid.OTHER
            tally.encounter(self.deid.period(day), deid.school_code(school), kind)
            yield row


@cache
def _bands(instrument_id: str) -> frozenset[str]:
    """The band ids of a shipped instrument (the only bands that may leave)."""
    return frozenset(b.id for b in deid.instruments()[instrument_id].bands)
