"""The district's community-level report: a CSV and a PDF with charts, small cells hidden.

By school and period: students seen, visits by type, screenings by instrument with the
positivity rate, acute risk flags, referrals made with the share linked to services, and
the median days from sending a referral to its first appointment. Counts go through
``measures.Tally`` (the same definitions and the same small-cell and secondary
suppression as the sites' own aggregate tables). A rate is shown only when both of its
counts are; a median only when it summarises at least 11 referrals.

Reports that cannot be differenced: the district's database keeps a ledger
(``report_ledger``) of every table a written report published, its school rows and the
cells it suppressed. A later report keeps every such row (a school whose records were all
deleted shows its row still, hidden where it was hidden), always has its "all schools"
row, and suppresses again every cell once suppressed, with complements as needed. The
hidden cells of the earlier report then meet the same equations in the later one, so
comparing the two (even knowing exactly which record was added or deleted in between)
determines none of them; a test simulates every single-record change.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from clinic_desktop.domain.suppression import ROW_TOTAL, SMALL_MAX
from clinic_desktop.fsutil import atomic_write_bytes
from clinic_desktop.sync import measures
from clinic_desktop.sync.measures import Cell, History, Tally
from clinic_desktop.sync.warehouse import transaction

CSV_NAME = "community-report.csv"
PDF_NAME = "community-report.pdf"
MIN_FOR_MEDIAN = SMALL_MAX + 1
_LIVE = (
    "deleted = 0 AND NOT EXISTS (SELECT 1 FROM resources p WHERE p.site = r.site "
    "AND p.type = 'Patient' AND p.id = r.patient AND p.deleted = 1)"
)


@dataclass(frozen=True)
class ReportRow:
    """One line of the report: a count, a rate or a median; ``value`` None if suppressed."""

    period: str
    school: str
    measure: str
    category: str
    value: float | int | None

    def text(self) -> str:
        if self.value is None:
            return ""
        return f"{self.value:.3f}" if isinstance(self.value, float) else str(self.value)


# --- computing -----------------------------------------------------------------------------


def community_tally(conn: sqlite3.Connection) -> tuple[Tally, dict[tuple[str, str], list[int]]]:
    """Raw counts from the imported records, and days-to-appointment lists by school-period."""
    tally = Tally()
    for school, period in measures.distinct_visits(_encounters(conn, tally)):
        tally.student_seen(period, school)
    for school, period, instrument, positive in _live(conn, "Observation", "code, positive"):
        tally.screening(period, school, instrument, None if positive is None else bool(positive))
    for school, period, severity in _live(conn, "Flag", "category"):
        tally.flag(period, school, severity)
    for school, period, status, outcome in _live(conn, "Task", "status, outcome"):
        tally.referral(period, school, status, outcome)
    days: dict[tuple[str, str], list[int]] = defaultdict(list)
    for school, period, status, number in _live(conn, "ServiceRequest", "status, number"):
        if status != "draft" and number is not None:
            days[(period, school)].append(int(number))
    return tally, dict(days)


def _live(conn: sqlite3.Connection, kind: str, columns: str) -> Iterator[tuple]:
    query = f"SELECT school, period, {columns} FROM resources r WHERE type = ? AND {_LIVE}"  # noqa: S608
    yield from conn.execute(query, (kind,))


def _encounters(conn: sqlite3.Connection, tally: Tally) -> Iterator[tuple[str, str, str]]:
    query = (
        f"SELECT site || '/' || patient, school, period, code FROM resources r "  # noqa: S608
        f"WHERE type = 'Encounter' AND {_LIVE} ORDER BY site, patient"
    )
    for patient, school, period, visit_type in conn.execute(query):
        tally.encounter(period, school, visit_type)
        yield patient, school, period


LEDGER_SCHEMA = """
CREATE TABLE IF NOT EXISTS report_ledger (
    period TEXT NOT NULL, measure TEXT NOT NULL, school TEXT NOT NULL, category TEXT NOT NULL,
    suppressed INTEGER NOT NULL,
    PRIMARY KEY (period, measure, school, category, suppressed)
);
"""


def load_history(conn: sqlite3.Connection) -> History:
    """What earlier written reports published (empty before the first)."""
    conn.executescript(LEDGER_SCHEMA)
    history = History()
    for row in conn.execute(
        "SELECT period, measure, school, category, suppressed FROM report_ledger"
    ):
        history.add_row(*row)
    return history


def save_history(conn: sqlite3.Connection, history: History) -> None:
    """Store ``history`` (rows are only ever added: once suppressed, always suppressed)."""
    conn.executescript(LEDGER_SCHEMA)
    with transaction(conn):
        conn.executemany(
            "INSERT OR IGNORE INTO report_ledger VALUES (?, ?, ?, ?, ?)",
            (row for row in history.rows()),
        )


def report_cells(conn: sqlite3.Connection) -> tuple[list[Cell], dict[tuple[str, str], list[int]]]:
    """The suppressed count cells under the ledger, and the days for the medians."""
    tally, days = community_tally(conn)
    return tally.cells(load_history(conn)), days


def report_rows(conn: sqlite3.Connection) -> list[ReportRow]:
    """Every row of the report: suppressed counts, then rates and medians derived safely."""
    cells, days = report_cells(conn)
    return _rows(cells, days)


def _rows(cells: list[Cell], days: dict[tuple[str, str], list[int]]) -> list[ReportRow]:
    rows = [ReportRow(c.period, c.school, c.measure, c.category, c.value) for c in cells]
    rows += _rates(cells)
    rows += _medians(days)
    return sorted(rows, key=lambda r: (r.period, r.school == ROW_TOTAL, r.school, r.measure))


def _rates(cells: list[Cell]) -> list[ReportRow]:
    """Positivity and share linked: numerator / "total", only when both are published."""
    by_key = {(c.period, c.school, c.measure, c.category): c.value for c in cells}
    numerators = {measures.SCREENINGS: "positive", measures.REFERRALS: "linked_to_services"}
    names = {measures.SCREENINGS: "positivity_rate", measures.REFERRALS: "share_linked"}
    out = []
    for (period, school, measure, category), value in by_key.items():
        family = measures.family_of(measure)
        if family not in numerators or category != "total":
            continue
        numerator = by_key.get((period, school, measure, numerators[family]))
        rate = None if value is None or numerator is None or not value else numerator / value
        out.append(ReportRow(period, school, measure, names[family], rate))
    return out


def _medians(days: dict[tuple[str, str], list[int]]) -> list[ReportRow]:
    """Median days to first appointment, by school and (with two or more schools) overall."""
    groups: dict[tuple[str, str], list[int]] = dict(days)
    by_period: dict[str, list[tuple[str, list[int]]]] = defaultdict(list)
    for (period, school), values in days.items():
        by_period[period].append((school, values))
    for period, schools in by_period.items():
        if len(schools) > 1:
            groups[(period, ROW_TOTAL)] = [v for _, values in schools for v in values]
    return [
        ReportRow(
            period,
            school,
            measures.REFERRALS,
            "median_days_to_first_appointment",
            float(statistics.median(values)) if len(values) >= MIN_FOR_MEDIAN else None,
        )
        for (period, school), values in groups.items()
    ]


# --- writing -------------------------------------------------------------------------------


def write_report(conn: sqlite3.Connection, out_dir: Path, *, now: datetime) -> list[Path]:
    """Write the CSV and the PDF into ``out_dir`` (atomically, 0600); return their paths.

    Once written, the report's cells join the ledger: later reports keep them hidden."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    history = load_history(conn)
    tally, days = community_tally(conn)
    cells = tally.cells(history)
    rows = _rows(cells, days)
    atomic_write_bytes(folder / CSV_NAME, csv_bytes(rows), mode=0o600)
    atomic_write_bytes(folder / PDF_NAME, pdf_bytes(rows, now), mode=0o600)
    history.record(cells)
    save_history(conn, history)
    return [folder / CSV_NAME, folder / PDF_NAME]


def csv_bytes(rows: list[ReportRow]) -> bytes:
    """One row per published figure; ``suppressed`` is 1 where the value is withheld."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["period", "school", "measure", "category", "value", "suppressed"])
    for row in rows:
        suppressed = int(row.value is None)
        cells = [row.period, row.school, row.measure, row.category, row.text(), suppressed]
        writer.writerow([csv_safe(c) for c in cells])
    return buffer.getvalue().encode("utf-8")


def csv_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (starting with = + - @, or a tab or
    carriage return before one) gets a leading apostrophe, as OWASP advises; numbers stay."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def pdf_bytes(rows: list[ReportRow], now: datetime) -> bytes:
    styles = getSampleStyleSheet()
    story: list = [
        Paragraph("Community health report: school-based health centers", styles["Title"]),
        Paragraph(
            f"Generated {now:%Y-%m-%d %H:%M}. De-identified data; counts of 1 to 10 "
            "are suppressed (shown as *), with further cells suppressed so that none "
            "can be recomputed from totals.",
            styles["Normal"],
        ),
        Spacer(1, 0.2 * inch),
    ]
    periods = sorted({r.period for r in rows})
    if not periods:
        story.append(Paragraph("No records have been imported yet.", styles["Normal"]))
    else:
        story += [_visits_chart(rows, periods), Spacer(1, 0.2 * inch)]
        story += [_positivity_chart(rows, periods), Spacer(1, 0.2 * inch)]
        for period in periods:
            # A period's heading and table on one page (a long table still splits, with
            # its header row repeated).
            heading = Paragraph(f"{_period_label(period)} {period}", styles["Heading2"])
            story.append(KeepTogether([heading, _period_table(rows, period)]))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(letter), title="Community health report")
    doc.build(story)
    return buffer.getvalue()


def _period_label(period: str) -> str:
    """ "Year" for a safe-harbor period ("2026"), "Month" for a limited data set's."""
    return "Year" if len(period) == 4 else "Month"


def _overall(rows: list[ReportRow], period: str, measure: str, category: str) -> float | int | None:
    """The all-schools figure, or the only school's when there is one school."""
    found = [r for r in rows if (r.period, r.measure, r.category) == (period, measure, category)]
    total = next((r for r in found if r.school == ROW_TOTAL), None)
    chosen = total or (found[0] if len(found) == 1 else None)
    return chosen.value if chosen else None


def _bar_chart(title: str, periods: list[str], series: dict[str, list[float]]) -> Drawing:
    """A bar chart, or a sentence when nothing is publishable (no data, or all suppressed):
    an empty axis would read as a broken report."""
    if not any(value for values in series.values() for value in values):
        drawing = Drawing(9 * inch, 0.6 * inch)
        drawing.add(String(50, 0.35 * inch, title, fontSize=11))
        note = "Nothing to chart: no records, or every count is below the publication threshold."
        drawing.add(String(50, 0.1 * inch, note, fontSize=9, fillColor=colors.grey))
        return drawing
    drawing = Drawing(9 * inch, 2.4 * inch)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 50, 30, 6.5 * inch, 1.7 * inch
    chart.data = [values for values in series.values()] or [[0] * len(periods)]
    chart.categoryAxis.categoryNames = periods
    chart.valueAxis.valueMin = 0
    palette = [colors.steelblue, colors.darkorange, colors.seagreen, colors.firebrick, colors.grey]
    for n in range(len(chart.data)):
        chart.bars[n].fillColor = palette[n % len(palette)]
    drawing.add(chart)
    drawing.add(String(50, 2.25 * inch, title, fontSize=11))
    for n, name in enumerate(series):
        y = 2.0 * inch - n * 12
        drawing.add(String(7.4 * inch, y, name, fontSize=8, fillColor=palette[n % len(palette)]))
    return drawing


def _visits_chart(rows: list[ReportRow], periods: list[str]) -> Drawing:
    types = [t for t in measures.FAMILY_CATEGORIES[measures.VISITS] if t != "other"]
    series = {t: [_overall(rows, m, measures.VISITS, t) or 0 for m in periods] for t in types}
    return _bar_chart("Visits by type, all schools (suppressed cells drawn as 0)", periods, series)


def _positivity_chart(rows: list[ReportRow], periods: list[str]) -> Drawing:
    instruments = sorted({r.measure for r in rows if r.category == "positivity_rate"})
    series = {
        m.split(":", 1)[1]: [
            round(100 * float(_overall(rows, period, m, "positivity_rate") or 0), 1)
            for period in periods
        ]
        for m in instruments
    }
    return _bar_chart("Screening positivity (%), all schools", periods, series)


_COLUMNS = (
    ("Students seen", measures.STUDENTS_SEEN, "students"),
    ("Visits", measures.VISITS, "total"),
    ("Acute flags", measures.ACUTE_FLAGS, "flags"),
    ("Referrals", measures.REFERRALS, "total"),
    ("Linked", measures.REFERRALS, "share_linked"),
    ("Median days", measures.REFERRALS, "median_days_to_first_appointment"),
)


def _period_table(rows: list[ReportRow], period: str) -> Table:
    here = [r for r in rows if r.period == period]
    schools = sorted({r.school for r in here}, key=lambda s: (s == ROW_TOTAL, s))
    screenings = sorted({r.measure for r in here if r.category == "positivity_rate"})
    header = ["School", *(c[0] for c in _COLUMNS), *(f"{m[11:]} +%" for m in screenings)]
    index = {(r.school, r.measure, r.category): r for r in here}
    body = [
        [school]
        + [_cell(index, school, measure, category) for _, measure, category in _COLUMNS]
        + [_cell(index, school, m, "positivity_rate") for m in screenings]
        for school in schools
    ]
    table = Table([header, *body], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    return table


def _cell(index: dict, school: str, measure: str, category: str) -> str:
    """A table cell: "*" when suppressed, 0 for a count with no records, "-" for no rate."""
    row = index.get((school, measure, category))
    if row is None:
        return "0" if category in ("students", "total", "flags") else "-"
    if row.value is None:
        return "*"
    if category in ("share_linked", "positivity_rate"):
        return f"{100 * float(row.value):.0f}%"
    return row.text()
