"""Demo clinic -> export -> verify -> import -> report, numbers checked against the store
(by year: the default safe-harbor profile)."""

import csv
import io
import statistics
from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from clinic_desktop.demo import site as demo
from clinic_desktop.domain.suppression import is_small
from clinic_desktop.services import site as site_service
from clinic_desktop.store.models import (
    Referral,
    ReferralEvent,
    RiskFlag,
    School,
    Screening,
    Student,
    Visit,
)
from clinic_desktop.sync import report, warehouse
from clinic_desktop.sync.verify import read_batch
from tests.sync.conftest import provision
from tests.sync.helpers import add_consent, add_partner, add_referral, add_screening

PASSWORD = "demo-pass-12345"
PHQ9_ITEMS = [f"q{n}" for n in range(1, 10)]


@pytest.fixture
def demo_site(tmp_path, clock):
    data_dir = tmp_path / "demo"
    # Visits only: the test adds the clinical rows it counts.
    demo.create_demo_site(
        data_dir, students=30, seed=11, password=PASSWORD, care=False, clock=clock
    )
    return data_dir


def _sign_in(data_dir, name, clock):
    return site_service.sign_in(data_dir, name, PASSWORD, clock=clock)


def _add_clinical_rows(session, clock):
    """Screenings (PHQ-9 for everyone, ASQ for some), flags, referrals and consents."""
    with session.read() as db:
        pupils = list(db.scalars(select(Student.id).order_by(Student.pseudonym)))
    partner = add_partner(session, kind="community_mental_health")
    now = clock()
    for n, pupil in enumerate(pupils):
        level = n % 4  # 0..3 on every item: totals 0, 9, 18, 27
        at = now - timedelta(days=n % 10)
        add_screening(session, pupil, "phq9", dict.fromkeys(PHQ9_ITEMS, level), at)
        if n % 3 == 0:
            asq = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 1 if n % 2 else 0}
            add_screening(session, pupil, "asq", asq, at)
        if n % 2 == 0:
            sent = at + timedelta(hours=1)
            events = [(sent, "sent", None)]
            events.append((sent + timedelta(days=1), "scheduled", sent + timedelta(days=n % 9)))
            outcome = None
            if n % 4 == 0:
                events.append((sent + timedelta(days=n % 9), "attended", None))
                events.append((sent + timedelta(days=10), "closed", None))
                outcome = "linked_to_services"
            add_referral(session, pupil, partner, events, outcome=outcome)
        add_consent(session, pupil, "services", at.date())


def _expected(session, tz):
    """The measures computed straight from the store, independently of the sync code."""
    counts: Counter = Counter()
    seen = set()
    days = defaultdict(list)
    with session.read() as db:
        school_of = dict(db.execute(select(Student.id, School.code).join(School)).all())
        for v in db.scalars(select(Visit).where(Visit.deleted_at.is_(None))):
            period, school = f"{v.occurred_at.astimezone(tz):%Y}", school_of[v.student_id]
            counts[(period, school, "visits", v.visit_type)] += 1
            seen.add((period, school, v.student_id))
        for s in db.scalars(select(Screening).where(Screening.complete)):
            period, school = f"{s.administered_at.astimezone(tz):%Y}", school_of[s.student_id]
            if s.instrument_id == "phq9":
                positive = s.total >= 10
            else:
                positive = any(s.answers[q] == 1 for q in ("q1", "q2", "q3", "q4"))
            sign = "positive" if positive else "negative"
            counts[(period, school, f"screenings:{s.instrument_id}", sign)] += 1
        for f in db.scalars(select(RiskFlag).where(RiskFlag.severity == "acute")):
            counts[
                (
                    f"{f.raised_at.astimezone(tz):%Y}",
                    school_of[f.student_id],
                    "acute_flags",
                    "flags",
                )
            ] += 1
        for r in db.scalars(select(Referral)):
            period, school = f"{r.created_at.astimezone(tz):%Y}", school_of[r.student_id]
            linked = "linked_to_services" if r.outcome == "linked_to_services" else "not_linked"
            counts[(period, school, "referrals", linked)] += 1
            events = db.scalars(
                select(ReferralEvent).where(ReferralEvent.referral_id == r.id)
            ).all()
            sent = min(e.at for e in events if e.to_status == "sent").astimezone(tz).date()
            first = min(e.appointment_at for e in events if e.appointment_at)
            days[(period, school)].append((first.astimezone(tz).date() - sent).days)
    for period, school, _student in seen:
        counts[(period, school, "students_seen", "students")] += 1
    return dict(counts), {k: sorted(v) for k, v in days.items()}


def test_round_trip(demo_site, district, clock, tmp_path):
    with _sign_in(demo_site, "clinician", clock) as clinician:
        _add_clinical_rows(clinician, clock)
        expected, expected_days = _expected(clinician, clock.now.tzinfo)
    with _sign_in(demo_site, "it", clock) as it:
        provision(it, district, PASSWORD)
        from clinic_desktop.services import sync as sync_service

        result = sync_service.export_batch(it, tmp_path / "usb")

    found = read_batch(result.path, district.identity(), district.trust_store())
    assert found.counts == result.counts
    assert found.counts["Patient"] == 30 and found.counts["QuestionnaireResponse"] == 40
    agg = tmp_path / "agg.sqlite"
    with warehouse.open_warehouse(agg) as conn:
        imported = warehouse.import_batches(
            tmp_path / "usb", conn, district.identity(), district.trust_store(), now=clock()
        )
        assert imported.ok
        tally, days = report.community_tally(conn)
        assert tally.raw() == expected
        assert {k: sorted(v) for k, v in days.items()} == expected_days
        site_cells = conn.execute(
            "SELECT period, school, measure, category, value FROM aggregates"
        ).fetchall()
        files = report.write_report(conn, tmp_path / "report", now=clock())

    # The site's own aggregate table and the district's report agree cell for cell.
    assert sorted(site_cells) == sorted(
        (c.period, c.school, c.measure, c.category, c.value) for c in tally.cells()
    )
    _check_csv(files[0], expected, expected_days)
    text = "".join(page.extract_text() for page in PdfReader(files[1]).pages)
    assert "Community health report" in text and "Year 2026" in text


def _true_count(expected, period, school, measure, category) -> int:
    """A cell's true value, margins included ("ALL" schools, "total" categories)."""
    return sum(
        n
        for (m, s, ms, c), n in expected.items()
        if (m, ms) == (period, measure) and school in (s, "ALL") and category in (c, "total")
    )


def _check_csv(path, expected, expected_days):
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    published = 0
    for row in rows:
        period, school, measure, category = (
            row[k] for k in ("period", "school", "measure", "category")
        )
        if category == "median_days_to_first_appointment":
            values = [
                d
                for (m, s), days in expected_days.items()
                for d in days
                if m == period and school in (s, "ALL")
            ]
            assert (row["value"] == "") == (len(values) < 11)
            if row["value"]:
                assert float(row["value"]) == statistics.median(values)
            continue
        if category in ("positivity_rate", "share_linked"):
            continue
        true = _true_count(expected, period, school, measure, category)
        if is_small(true):
            assert row["suppressed"] == "1" and row["value"] == "", row
        elif row["suppressed"] == "0":
            assert int(row["value"]) == true, row
            published += true > 0
    assert published > 0, "the test data should publish at least one non-zero count"
    assert all(r["value"] == "" for r in rows if r["suppressed"] == "1")
    rates = [r for r in rows if r["category"] == "positivity_rate" and r["value"]]
    assert rates, "some positivity rate should be published"
    for rate in rates:
        key = (rate["period"], rate["school"], rate["measure"])
        positive = _true_count(expected, *key, "positive")
        assert float(rate["value"]) == pytest.approx(
            positive / _true_count(expected, *key, "total"), abs=1e-3
        )


def test_report_on_an_empty_warehouse(tmp_path, clock):
    with warehouse.open_warehouse(tmp_path / "agg.sqlite") as conn:
        files = report.write_report(conn, tmp_path / "report", now=clock())
    assert files[0].read_text().startswith("period,school,measure,category,value,suppressed")
    assert files[1].read_bytes().startswith(b"%PDF")


def test_a_months_heading_and_its_table_stay_on_one_page(clock):
    """Twelve months of four schools: no page ends on a heading or between a month's rows."""
    rows = [
        report.ReportRow(f"2026-{month:02d}", school, "visits", "total", 40 + month)
        for month in range(1, 13)
        for school in ("LHS", "OES", "RMS", report.ROW_TOTAL)
    ]
    pages = [
        page.extract_text() for page in PdfReader(io.BytesIO(report.pdf_bytes(rows, clock()))).pages
    ]
    assert len(pages) > 1
    for month in range(1, 13):
        heading = f"Month 2026-{month:02d}"
        [page] = [text for text in pages if heading in text]
        table = page.split(heading)[1].split("Month ")[0]  # up to the next heading
        rows = table.split("\n")
        assert {"LHS", "OES", "RMS", report.ROW_TOTAL} <= set(rows), (heading, rows)
