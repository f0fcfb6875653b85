"""Community-level measures by school and period, with small cells suppressed.

One definition serves both ends: the site's batch carries an aggregate table computed
here, and the district's report is computed here from the imported records, so the two
agree by construction. Each *family* of counts is a table of schools x categories per
period (with "ALL" and "total" margins where there is more than one of either), and is
suppressed as a whole by ``domain.suppression`` so no hidden cell can be recomputed from
the margins published beside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass

from clinic_desktop.domain.deidentify import OTHER
from clinic_desktop.domain.referrals import Outcome, ReferralStatus
from clinic_desktop.domain.screening import Severity
from clinic_desktop.domain.suppression import ROW_TOTAL, suppress_table
from clinic_desktop.domain.visits import VisitType

STUDENTS_SEEN = "students_seen"
VISITS = "visits"
SCREENINGS = "screenings"  # one family per instrument: "screenings:phq9"
ACUTE_FLAGS = "acute_flags"
REFERRALS = "referrals"

FAMILY_CATEGORIES: dict[str, tuple[str, ...]] = {
    STUDENTS_SEEN: ("students",),
    VISITS: (*(t.value for t in VisitType), OTHER),
    SCREENINGS: ("positive", "negative"),
    ACUTE_FLAGS: ("flags",),
    REFERRALS: ("linked_to_services", "not_linked"),
}


@dataclass(frozen=True)
class Cell:
    """One published count; ``value`` is None when suppressed."""

    period: str
    school: str
    measure: str
    category: str
    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def to_json(self) -> dict[str, object]:
        return {
            "period": self.period,
            "school": self.school,
            "measure": self.measure,
            "category": self.category,
            "value": self.value,
            "suppressed": self.suppressed,
        }


class History:
    """What earlier reports published: per (period, measure) table, its school rows and the
    cells they suppressed. ``sync.report.Ledger`` keeps it in the district's database."""

    def __init__(self) -> None:
        self._schools: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._suppressed: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)

    def record(self, cells: Iterable[Cell]) -> None:
        """Remember a published report's cells (once suppressed, suppressed for good)."""
        for c in cells:
            key = (c.period, c.measure)
            schools = self._schools.setdefault(key, set())  # the table exists from now on
            if c.school != ROW_TOTAL:
                schools.add(c.school)
            if c.suppressed:
                self._suppressed[key].add((c.school, c.category))

    def tables(self) -> list[tuple[str, str]]:
        return sorted(set(self._schools) | set(self._suppressed))

    def schools(self, period: str, measure: str) -> set[str]:
        return set(self._schools.get((period, measure), ()))

    def suppressed(self, period: str, measure: str) -> frozenset[tuple[str, str]]:
        return frozenset(self._suppressed.get((period, measure), ()))

    def rows(self) -> Iterator[tuple[str, str, str, str, int]]:
        """(period, measure, school, category, suppressed) rows to store; a school row
        with category "" records that the school's row exists."""
        for (period, measure), schools in sorted(self._schools.items()):
            for school in sorted(schools):
                yield period, measure, school, "", 0
        for (period, measure), cells in sorted(self._suppressed.items()):
            for school, category in sorted(cells):
                yield period, measure, school, category, 1

    def add_row(self, period: str, measure: str, school: str, category: str, hidden: int) -> None:
        """One stored row back (see ``rows``)."""
        key = (period, measure)
        if hidden:
            self._suppressed[key].add((school, category))
        elif school != ROW_TOTAL:
            self._schools[key].add(school)


def family_of(measure: str) -> str:
    return measure.split(":", 1)[0]


class Tally:
    """Counts by (period, measure) -> (school, category), fed one record at a time."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str], dict[tuple[str, str], int]] = defaultdict(
            lambda: defaultdict(int)
        )

    def add(self, period: str, school: str, measure: str, category: str, n: int = 1) -> None:
        if category not in FAMILY_CATEGORIES[family_of(measure)]:
            raise ValueError(f"unknown category {category!r} of {measure!r}")
        self._counts[(period, measure)][(school, category)] += n

    def count(self, period: str, school: str, measure: str, category: str) -> int:
        """The raw (unsuppressed) count: for tests and internal checks only."""
        return self._counts.get((period, measure), {}).get((school, category), 0)

    def raw(self) -> dict[tuple[str, str, str, str], int]:
        """Every raw count keyed (period, school, measure, category)."""
        return {
            (period, school, measure, category): n
            for (period, measure), table in self._counts.items()
            for (school, category), n in table.items()
        }

    def cells(self, history: History | None = None) -> list[Cell]:
        """Every publishable cell, margins included, sorted by period and measure.

        With ``history`` (the district's ledger of earlier reports) every table it knows
        keeps every school row it ever had, always has its "all schools" row, and keeps
        hidden every cell it ever suppressed: see ``sync.report``.
        """
        out: list[Cell] = []
        keys = set(self._counts) | (set(history.tables()) if history else set())
        for period, measure in sorted(keys):
            table = self._counts.get((period, measure), {})
            schools = {school for school, _ in table}
            forced: Set[tuple[str, str]] = frozenset()
            if history is not None:
                schools |= history.schools(period, measure)
                forced = history.suppressed(period, measure)
            categories = FAMILY_CATEGORIES[family_of(measure)]
            suppressed = suppress_table(
                table,
                sorted(schools),
                categories,
                forced=forced,
                always_row_total=history is not None,
            )
            out += [Cell(period, r, measure, c, v) for r, c, v in suppressed.cells()]
        return out

    # --- feeding, one rule per record kind -------------------------------------------

    def encounter(self, period: str, school: str, visit_type: str) -> None:
        category = visit_type if visit_type in FAMILY_CATEGORIES[VISITS] else OTHER
        self.add(period, school, VISITS, category)

    def student_seen(self, period: str, school: str) -> None:
        self.add(period, school, STUDENTS_SEEN, "students")

    def screening(self, period: str, school: str, instrument: str, positive: bool | None) -> None:
        """Complete screenings only (``positive`` known) count towards positivity."""
        if positive is not None:
            self.add(period, school, f"{SCREENINGS}:{instrument}", _sign(positive))

    def flag(self, period: str, school: str, severity: str | None) -> None:
        if severity == Severity.ACUTE:
            self.add(period, school, ACUTE_FLAGS, "flags")

    def referral(self, period: str, school: str, status: str, outcome: str | None) -> None:
        """Referrals made (anything but a draft), split by whether they linked to services."""
        if status == ReferralStatus.DRAFT:
            return
        linked = outcome == Outcome.LINKED_TO_SERVICES
        self.add(period, school, REFERRALS, "linked_to_services" if linked else "not_linked")


def _sign(positive: bool) -> str:
    return "positive" if positive else "negative"


def distinct_visits(rows: Iterable[tuple[str, str, str]]) -> Iterator[tuple[str, str]]:
    """(school, period) once per student, from (patient, school, period) rows *sorted by
    patient*: distinct counting in memory bounded by one student's visits."""
    current: str | None = None
    seen: set[tuple[str, str]] = set()
    for patient, school, period in rows:
        if patient != current:
            current, seen = patient, set()
        if (school, period) not in seen:
            seen.add((school, period))
            yield school, period
