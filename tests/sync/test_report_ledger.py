"""Reports that cannot be differenced (issue 18, finding 3): with the district's ledger, a
later report never reveals a cell an earlier one suppressed, whatever single record was
added or deleted in between, even to someone who knows exactly which record that was."""

import random
import sqlite3
from collections import defaultdict

import pytest

from clinic_desktop.domain.suppression import COL_TOTAL, ROW_TOTAL, Relation, determined_cells
from clinic_desktop.sync import measures, report
from clinic_desktop.sync.measures import History, Tally

SCHOOLS = ("ES", "LHS", "MS")
PERIODS = ("2025", "2026")
VISIT_TYPES = measures.FAMILY_CATEGORIES[measures.VISITS]
Key = tuple[str, str, str, str]  # period, school, measure, category


def _base() -> dict[tuple[str, str, str], int]:
    """Visit counts by (period, school, type): many small, some large, a few zero."""
    rng = random.Random(18)
    return {
        (p, s, t): rng.choice((0, 1, 2, 3, 5, 8, 11, 12, 14, 19, 25, 40))
        for p in PERIODS
        for s in SCHOOLS
        for t in VISIT_TYPES
        if not (s == "MS" and p == "2025")  # a school that opens in the second year
    }


def _tally(counts: dict[tuple[str, str, str], int]) -> Tally:
    tally = Tally()
    for (period, school, kind), n in counts.items():
        if n:
            tally.add(period, school, measures.VISITS, kind, n)
    return tally


def _published(cells) -> dict[Key, int | None]:
    return {(c.period, c.school, c.measure, c.category): c.value for c in cells}


def _relations(published: dict[Key, int | None]) -> list[Relation[Key]]:
    """The sums a reader sees in a report: rows to their total, schools to "all schools"."""
    tables: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for period, school, measure, category in published:
        tables[(period, measure)].add((school, category))
    relations: list[Relation[Key]] = []
    for (period, measure), cells in tables.items():
        rows = {s for s, _ in cells}
        cols = {c for _, c in cells}
        k = lambda s, c, p=period, m=measure: (p, s, m, c)  # noqa: E731
        if COL_TOTAL in cols:
            parts = sorted(cols - {COL_TOTAL})
            relations += [Relation(tuple(k(r, c) for c in parts), k(r, COL_TOTAL)) for r in rows]
        if ROW_TOTAL in rows:
            parts = sorted(rows - {ROW_TOTAL})
            relations += [Relation(tuple(k(s, c) for s in parts), k(ROW_TOTAL, c)) for c in cols]
    return relations


def recovered(first: dict[Key, int | None], second: dict[Key, int | None]) -> set[Key]:
    """Cells hidden in the first report whose value follows from both reports, for a
    reader who knows the change between them exactly (so any cell published in either
    report, or absent from one, is known in both)."""
    unknown = {
        key
        for key, value in first.items()
        if value is None and key in second and second[key] is None
    }
    return determined_cells(unknown, _relations(first) + _relations(second))


def _changes(base):
    """Every single-record addition, and every single-record deletion."""
    for key in sorted(base):
        yield "add", key, {**base, key: base[key] + 1}
    for key in sorted(k for k, n in base.items() if n):
        yield "delete", key, {**base, key: base[key] - 1}
    for school in SCHOOLS:  # a first record at a school with none in that period
        key = ("2025", school, "medical")
        if key not in base:
            yield "add", key, {**base, key: 1}


def _simulate(with_ledger: bool) -> tuple[int, int]:
    """(simulated changes, cells recovered over all of them)."""
    base = _base()
    total = runs = 0
    for _kind, _key, changed in _changes(base):
        history = History()
        first_cells = _tally(base).cells(history if with_ledger else None)
        history.record(first_cells)
        second_cells = _tally(changed).cells(history if with_ledger else None)
        total += len(recovered(_published(first_cells), _published(second_cells)))
        runs += 1
    return runs, total


def test_one_report_alone_reveals_no_suppressed_cell():
    first = _published(_tally(_base()).cells(History()))
    assert any(v is None for v in first.values())
    assert not determined_cells({k for k, v in first.items() if v is None}, _relations(first))


def test_without_a_ledger_two_reports_are_differenced():
    """The attack is real: reports computed afresh each time give suppressed cells away."""
    runs, total = _simulate(with_ledger=False)
    assert runs > 40 and total > 0


def test_with_the_ledger_no_single_record_change_recovers_a_cell():
    runs, total = _simulate(with_ledger=True)
    assert runs > 40 and total == 0


def test_the_ledger_survives_in_the_district_database():
    """What a written report recorded is read back by the next one."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    history = History()
    history.record(_tally(_base()).cells(history))
    report.save_history(conn, history)
    again = report.load_history(conn)
    assert again.tables() == history.tables()
    for period, measure in history.tables():
        assert again.suppressed(period, measure) == history.suppressed(period, measure)
        assert again.schools(period, measure) == history.schools(period, measure)
    assert any(again.suppressed(p, m) for p, m in again.tables())


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1", "-1", "@SUM(A1)", "\t=1"])
def test_report_csv_cells_that_a_spreadsheet_would_run_are_escaped(text):
    rows = [report.ReportRow("2026", text, "visits", "medical", 12)]
    line = report.csv_bytes(rows).decode().splitlines()[1]
    assert line.split(",")[1].lstrip('"').startswith("'")
