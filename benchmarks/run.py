"""Benchmarks of the operations a clinic waits on, encrypted vs. plain SQLite.

    PYTHONPATH=. python benchmarks/run.py --scale S     (make bench)
    PYTHONPATH=. python benchmarks/run.py --scale L     (make bench-large)
    PYTHONPATH=. python benchmarks/run.py --scale L --check   (exit 1 on a missed target)

Generates (or reuses) the synthetic site of ``benchmarks/generate.py`` in ``$BENCH_DIR``
(default ``/tmp/clinic-bench``), times each operation through the real services, and prints
one table: p50 / p95 per operation, its target (the targets are set for scale L on a 2-core
machine), and for store operations the same workload on an unencrypted copy of the database
(``sqlcipher_export`` into a plaintext attached file, same schema and pragmas, opened through
the same SQLCipher build without a key) with the ratio encrypted / plain (of the p50s).

All data is synthetic. The plaintext copy is the only unencrypted copy and is deleted at the
end, as are the exported batches and the district's aggregate database.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from benchmarks import generate  # noqa: E402
from benchmarks.plain import make_plain_copy, plain_session, remove_db  # noqa: E402
from clinic_desktop.clock import utc_now  # noqa: E402
from clinic_desktop.domain.consents import InformationKind  # noqa: E402
from clinic_desktop.domain.referrals import Urgency  # noqa: E402
from clinic_desktop.domain.text import fold  # noqa: E402
from clinic_desktop.domain.visits import Disposition  # noqa: E402
from clinic_desktop.forms import (  # noqa: E402
    AskBack,
    ClinicianContact,
    PartnerInfo,
    PassDetails,
    ReferralLetter,
    ReleaseDetails,
    ResultsLetter,
    ScreeningSummary,
    SiteInfo,
    render,
)
from clinic_desktop.services import chart, referrals, screenings, students  # noqa: E402
from clinic_desktop.services import roster as roster_service  # noqa: E402
from clinic_desktop.services import site as site_service  # noqa: E402
from clinic_desktop.services.context import ClinicSession  # noqa: E402
from clinic_desktop.sync import keys as sync_keys  # noqa: E402
from clinic_desktop.sync import verify, warehouse  # noqa: E402

PHQ9_ANSWERS = {f"q{i}": (1 if i in (1, 2) else 0) for i in range(1, 10)}
SITE = SiteInfo(name=generate.SITE_NAME, code=generate.SITE_CODE, phone="(555) 555-0100")
PARTNER = PartnerInfo(name="Synthetic Partner Agency 01", phone="(555) 555-0001")
CLINICIAN = ClinicianContact(name="Bench Clinician, LCSW", title="School social worker")


# --- results ---------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    samples: list[float]
    target: str = ""
    limit_ms: float | None = None
    plain: list[float] = field(default_factory=list)
    note: str = ""
    met: bool | None = None

    @property
    def p50(self) -> float:
        return percentile(self.samples, 50)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def ratio(self) -> float | None:
        if not self.plain:
            return None
        return self.p50 / max(percentile(self.plain, 50), 1e-9)

    def verdict(self) -> str:
        """ "yes", "NO" or "" (no target): the time target, and for store operations also
        the encrypted / plain ratio target."""
        met = self.met
        if met is None and self.limit_ms is not None:
            met = self.p95 <= self.limit_ms
        ratio = self.ratio
        if ratio is not None and ratio > RATIO_TARGET:
            met = False
        if met is None:
            return ""
        return "yes" if met else "NO"


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def timed(fn: Callable[[], Any], n: int) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def timed_each(fn: Callable[[Any], Any], inputs: list[Any]) -> list[float]:
    out = []
    for item in inputs:
        started = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


# --- workloads ----------------------------------------------------------------------------


@dataclass
class Inputs:
    """Benchmark inputs drawn once from the data, the same for encrypted and plain."""

    prefix: list[str]
    substring: list[str]
    accent: list[str]
    district: list[str]
    charts: list[uuid.UUID]
    saves: list[uuid.UUID]
    forms: list[uuid.UUID]
    packet: list[uuid.UUID]


def draw_inputs(session: ClinicSession, n: int, seed: int = 7) -> Inputs:
    rng = random.Random(seed)
    with session.read() as db:
        rows = db.execute(
            text(
                "SELECT id, first_name, last_name, district_id FROM students "
                "WHERE deleted_at IS NULL ORDER BY id"
            )
        ).all()
        heavy = db.execute(
            text("SELECT student_id FROM visits GROUP BY student_id ORDER BY count(*) DESC LIMIT 3")
        ).all()
    picks = rng.sample(rows, min(len(rows), n * 4))
    accented = [r for r in rows if fold(r.last_name) != r.last_name.lower()]
    accent = [fold(r.last_name).split()[0] for r in rng.sample(accented, min(n, len(accented)))]
    ids = [uuid.UUID(str(r.id)) for r in picks]
    heavy_ids = [uuid.UUID(str(r.student_id)) for r in heavy]
    return Inputs(
        prefix=[fold(r.last_name)[:3] for r in picks[:n]],
        substring=[f"{fold(r.first_name)[:3]} {fold(r.last_name)[:4]}" for r in picks[n : 2 * n]],
        accent=accent,
        district=[r.district_id for r in picks[2 * n : 3 * n]],
        charts=heavy_ids + ids[: n - len(heavy_ids)],
        saves=ids[n : 2 * n],
        forms=ids[2 * n : 3 * n],
        packet=ids[3 * n : 3 * n + 30],
    )


def store_ops(
    session: ClinicSession, inputs: Inputs, label: str, only: str | None = None
) -> dict[str, list[float]]:
    """The store operations, run the same way on the encrypted and the plain database.

    ``only``: just the operations whose names start with it (``--only``)."""
    # One untimed pass so both databases start from the same (warm-ish) state.
    for query in inputs.prefix[:3]:
        students.search_students(session, query)
    runs = _store_op_runs(session, inputs)
    results = {name: run() for name, run in runs.items() if only is None or name.startswith(only)}
    if only is None:
        print(f"  {label}: store operations done", file=sys.stderr)
    return results


def _store_op_runs(session: ClinicSession, inputs: Inputs) -> dict[str, Callable[[], list[float]]]:
    """Each store operation by its row name, in the order they run (``--only`` runs those
    whose names start with a prefix).

    The follow-up rows: the first is what a screen asks for (issue 9), the first page in
    follow-up order and the total, audited like the full list; the second, the whole list
    (3,694 rows at L), is kept for comparison and has no target."""

    def search(query: str) -> None:
        students.search_students(session, query)

    def open_chart(student_id: uuid.UUID) -> None:
        chart.open_chart(session, student_id)
        chart.timeline(session, student_id)

    def save(student_id: uuid.UUID) -> None:
        screenings.administer_screening(session, student_id, "phq9", PHQ9_ANSWERS)

    runs: dict[str, Callable[[], list[float]]] = {
        f"roster search: {kind}": (lambda kind=kind: timed_each(search, getattr(inputs, kind)))
        for kind in ("prefix", "substring", "accent", "district")
    }
    runs["roster count (prefix)"] = lambda: timed_each(
        lambda q: students.count_students(session, q), inputs.prefix
    )
    runs["open chart (header + timeline p1)"] = lambda: timed_each(open_chart, inputs.charts)
    runs["save visit + screening (durable)"] = lambda: timed_each(save, inputs.saves)
    runs["follow-up list (page 1 + count)"] = lambda: timed(
        lambda: referrals.follow_up_page(session), 20
    )
    runs["follow-up list: all rows"] = lambda: timed(lambda: referrals.follow_up_list(session), 20)
    return runs


def form_ops(session: ClinicSession, inputs: Inputs, reps: int) -> dict[str, list[float]]:
    """Each PDF form for a student loaded from the store (the load is part of the wait)."""
    today = date.today()
    now = datetime.now().astimezone()
    objects: dict[str, Callable[[Any], dict[str, Any]]] = {
        "consent": lambda s: {"student": s, "site": SITE, "printed_on": today, "record_id": None},
        "release": lambda s: {
            "student": s,
            "site": SITE,
            "printed_on": today,
            "record_id": None,
            "release": ReleaseDetails(
                partner=PARTNER,
                purpose="Referral for counseling and coordination of care.",
                information_kinds=(InformationKind.DEMOGRAPHICS, InformationKind.ATTENDANCE),
                expires_on=date(today.year + 1, 6, 30),
            ),
            "signer": "guardian",
        },
        "referral": lambda s: {
            "student": s,
            "site": SITE,
            "printed_on": today,
            "letter": ReferralLetter(
                partner=PARTNER,
                reason="Low mood and poor sleep for two months; counseling requested.",
                urgency=Urgency.URGENT,
                clinician=CLINICIAN,
                screening_results=(ScreeningSummary("PHQ-9", today, 11, "Moderate"),),
                requested_back=tuple(AskBack),
            ),
        },
        "results": lambda s: {
            "student": s,
            "site": SITE,
            "printed_on": today,
            "letter": ResultsLetter(
                instrument_title="PHQ-9 screening",
                screened_on=today,
                band_label="Some signs of low mood worth talking about",
                next_steps=("Our counselor will call you this week.",),
                clinician=CLINICIAN,
            ),
        },
        "pass": lambda s: {
            "site": SITE,
            "details": PassDetails(
                student_name=f"{s.first_name} {s.last_name}",
                time_in=now,
                time_out=now,
                disposition=Disposition.RETURNED_TO_CLASS,
            ),
        },
    }
    results: dict[str, list[float]] = {}
    for kind, build in objects.items():
        picks = (inputs.forms * reps)[:reps]

        def one(student_id: uuid.UUID, kind: str = kind, build: Any = build) -> None:
            detail = students.get_student(session, student_id)
            pdf = render(kind, **build(detail))
            assert pdf.startswith(b"%PDF")

        one(picks[0])  # fonts and texts load once per process
        results[f"form: {kind}"] = timed_each(one, picks)
    results["form: instrument (blank PHQ-9)"] = timed(
        lambda: render("instrument", instrument_id="phq9", site=SITE), reps
    )

    def packet() -> None:
        details = [students.get_student(session, s) for s in inputs.packet]
        render("packet", students=details, site=SITE, printed_on=today, school_year="2026-2027")

    results["consent packet (30 students)"] = timed(packet, max(1, reps // 3))
    return results


# --- child processes ---------------------------------------------------------------------


def run_export(site: generate.BenchSite, out_dir: Path, plain: Path | None) -> dict[str, Any]:
    child = Path(__file__).with_name("export_child.py")
    command = [sys.executable, str(child), str(site.data_dir), str(out_dir)]
    if plain is not None:
        command.append(str(plain))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


SIGNIN_CHILD = """
import sys
from pathlib import Path
from clinic_desktop.ui.app import create_application
from clinic_desktop.ui.signin_dialog import SignInDialog
app = create_application()
dialog = SignInDialog(Path(sys.argv[1]))
dialog.show()
app.processEvents()
print("shown" if dialog.isVisible() else "hidden", flush=True)
"""


def start_to_signin(data_dir: Path, n: int) -> tuple[list[float], list[float]]:
    """Wall time from spawning ``python -c`` to the sign-in dialog shown (offscreen Qt), and
    ``python -m clinic_desktop --version`` as the interpreter + import floor."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    shown, floor = [], []
    for _ in range(n):
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", SIGNIN_CHILD, str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        line = proc.stdout.readline().strip()
        shown.append((time.perf_counter() - started) * 1000)
        proc.wait()
        if line != "shown":
            raise RuntimeError(f"the sign-in dialog did not show ({line!r})")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "clinic_desktop", "--version"],
            env=env,
            capture_output=True,
            check=True,
        )
        floor.append((time.perf_counter() - started) * 1000)
    return shown, floor


# --- main ---------------------------------------------------------------------------------

#: Encrypted / plain (p50s) on the store operations.
RATIO_TARGET = 1.3
TARGETS: dict[str, tuple[str, float | None]] = {
    "unlock (KDF + open + sign-in)": ("<= 1000 ms", 1000),
    "roster search": ("p95 <= 30 ms", 30),
    "roster count": ("(none)", None),
    "open chart": ("p95 <= 50 ms", 50),
    "save visit": ("p95 <= 30 ms", 30),
    "follow-up list: all": ("(none)", None),
    "follow-up list": ("<= 100 ms", 100),
    "form:": ("<= 150 ms", 150),
    "consent packet": ("(none)", None),
    "start to sign-in": ("<= 1500 ms", 1500),
    "--version floor": ("(floor)", None),
}


def target_for(name: str) -> tuple[str, float | None]:
    for prefix, value in TARGETS.items():
        if name.startswith(prefix):
            return value
    return "", None


def print_table(rows: list[Row], title: str) -> None:
    header = (
        f"{'operation':<38} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} {'target (L)':>14} "
        f"{'met':>4} {'plain p50':>9} {'enc/plain':>9}  note"
    )
    print()
    print(title)
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = row.ratio
        plain_p50 = f"{percentile(row.plain, 50):9.1f}" if row.plain else f"{'':9}"
        ratio_text = f"{ratio:9.2f}" if ratio is not None else f"{'':9}"
        print(
            f"{row.name:<38} {len(row.samples):>4} {row.p50:9.1f} {row.p95:9.1f} "
            f"{row.target:>14} {row.verdict():>4} {plain_p50} {ratio_text}  {row.note}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="clinic_desktop benchmarks")
    parser.add_argument("--scale", choices=sorted(generate.SCALES), default="S")
    parser.add_argument("--bench-dir", type=Path, default=None)
    parser.add_argument("--n", type=int, default=None, help="samples per store operation")
    parser.add_argument("--reps", type=int, default=10, help="samples per PDF form")
    parser.add_argument("--skip-plain-export", action="store_true")
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when any target is missed"
    )
    parser.add_argument(
        "--only",
        metavar="PREFIX",
        help="run only the store operations whose names start with PREFIX, encrypted and "
        "plain (e.g. 'follow-up'); the other rows are skipped",
    )
    args = parser.parse_args(argv)

    large = args.scale == "L"
    n = args.n or (40 if large else 60)
    reps = args.reps
    print(f"clinic_desktop benchmarks, scale {args.scale}: SYNTHETIC (fake) data only.")
    site = generate.ensure_site(args.scale, args.bench_dir, log=lambda m: print(m, file=sys.stderr))
    info = site.info()
    print(
        f"site: {site.data_dir} ({info['bytes'] / 1e6:.0f} MB encrypted, generated in "
        f"{info['seconds']:.0f} s): {info['counts']}"
    )
    print(f"load average at start: {_load()}")
    work = Path(tempfile.mkdtemp(prefix="run-", dir=site.root))
    plain_path = work / "PLAINTEXT-COPY-fake-data.db"
    rows: list[Row] = []
    try:
        bulk = 1 if large else 2  # an L export, verify or import takes minutes each
        if args.only:
            rows += measure_only(site, plain_path, n, args.only)
        else:
            rows += measure(site, work, plain_path, n, reps, args.skip_plain_export or large, bulk)
    finally:
        remove_db(plain_path)
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows, f"Scale {args.scale} ({os.cpu_count()} CPUs), times in ms")
    print(f"\nload average at end: {_load()}")
    print(
        f"\nThe plaintext comparison copy ({plain_path.name}, synthetic data) and the exported "
        "batches were deleted; only the encrypted site remains in "
        f"{site.root}."
    )
    missed = [row.name for row in rows if row.verdict() == "NO"]
    if missed:
        print(f"\ntargets missed: {', '.join(missed)}")
    return 1 if args.check and missed else 0


def _load() -> str:
    """The 1, 5 and 15 minute load averages: on a shared machine they explain outliers."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def warm_os_cache(database: Path) -> None:
    """Read the encrypted file once so the operating system caches it, as it caches the
    plain copy just written: the ratio then compares decryption, not a cold disk against
    a warm one (the first run after generating a site, or after a reboot, measured the
    disk; both sessions still start with an empty SQLite page cache)."""
    with database.open("rb") as handle:
        while handle.read(1 << 20):
            pass


def measure_only(site: generate.BenchSite, plain_path: Path, n: int, only: str) -> list[Row]:
    """The store rows named by ``--only``, encrypted and on the plain copy, and nothing
    else: re-measuring one row at L without the export's and import's minutes."""
    warm_os_cache(site.database)
    with site_service.sign_in(site.data_dir, "clinician", generate.PASSWORD) as session:
        inputs = draw_inputs(session, n)
        encrypted = store_ops(session, inputs, "encrypted", only)
        if not encrypted:
            raise SystemExit(f"--only {only!r}: no store operation has that name")
        make_plain_copy(session, plain_path)
    plain = plain_session(plain_path, "clinician")
    try:
        plain_results = store_ops(plain, inputs, "plain", only)
    finally:
        plain.close()
    return [_row(name, samples, plain_results[name]) for name, samples in encrypted.items()]


def measure(
    site: generate.BenchSite,
    work: Path,
    plain_path: Path,
    n: int,
    reps: int,
    skip_plain: bool,
    bulk: int = 2,
) -> list[Row]:
    """Every row of the table; ``bulk`` runs of each whole-batch operation."""
    rows: list[Row] = []
    unlock_samples = []
    for _ in range(5):
        started = time.perf_counter()
        site_service.sign_in(site.data_dir, "clinician", generate.PASSWORD).close()
        unlock_samples.append((time.perf_counter() - started) * 1000)
    rows.append(_row("unlock (KDF + open + sign-in)", unlock_samples))
    print("  unlock done", file=sys.stderr)
    rows.append(roster_import_row(work, ROSTER_ROWS.get(site.scale.name, site.scale.students)))
    print("  roster import done", file=sys.stderr)

    warm_os_cache(site.database)
    with site_service.sign_in(site.data_dir, "clinician", generate.PASSWORD) as session:
        inputs = draw_inputs(session, n)
        encrypted = store_ops(session, inputs, "encrypted")
        forms = form_ops(session, inputs, reps)
        make_plain_copy(session, plain_path)
    plain = plain_session(plain_path, "clinician")
    try:
        plain_results = store_ops(plain, inputs, "plain")
    finally:
        plain.close()
    for name, samples in encrypted.items():
        rows.append(_row(name, samples, plain_results.get(name, [])))
    for name, samples in forms.items():
        rows.append(_row(name, samples))

    out_dir = work / "batches"
    exports = [run_export(site, out_dir, None) for _ in range(bulk)]
    plain_exports = [] if skip_plain else [run_export(site, work / "plain-batches", plain_path)]
    remove_db(plain_path)
    rates = [e["records"] / e["seconds"] for e in exports]
    peak = max(e["peak_rss_mb"] for e in exports)
    export_row = _row(
        "export full batch",
        [e["seconds"] * 1000 for e in exports],
        [e["seconds"] * 1000 for e in plain_exports],
    )
    export_row.target = ">=20k rec/s, <=300MB"
    export_row.met = min(rates) >= 20_000 and peak <= 300
    export_row.note = (
        f"{exports[0]['records']:,} records, {statistics.median(rates):,.0f} rec/s, "
        f"peak RSS {peak:.0f} MB (process at start {exports[0]['base_rss_mb']:.0f} MB)"
    )
    rows.append(export_row)
    print("  export done", file=sys.stderr)

    batch_path = Path(exports[-1]["path"])
    identity = sync_keys.load_identity(site.district_dir / sync_keys.DISTRICT_KEY_NAME)
    trust = sync_keys.TrustStore.load(site.trust_dir)
    verify_samples = timed(lambda: verify.read_batch(batch_path, identity, trust), bulk)
    records = exports[-1]["records"]
    rows.append(
        _row(
            "verify batch (district)",
            verify_samples,
            note=f"{records / (percentile(verify_samples, 50) / 1000):,.0f} rec/s",
        )
    )
    import_samples = []
    for attempt in range(bulk):
        db_path = work / f"warehouse-{attempt}.sqlite"
        with warehouse.open_warehouse(db_path) as conn:
            started = time.perf_counter()
            report = warehouse.import_batches(
                batch_path.parent, conn, identity, trust, now=utc_now()
            )
            import_samples.append((time.perf_counter() - started) * 1000)
        assert report.ok, report
        remove_db(db_path)
    rows.append(
        _row(
            "verify + import batch (district)",
            import_samples,
            note=f"{records / (percentile(import_samples, 50) / 1000):,.0f} rec/s",
        )
    )
    print("  verify/import done", file=sys.stderr)

    shown, floor = start_to_signin(site.data_dir, 5)
    rows.append(_row("start to sign-in window (offscreen)", shown))
    rows.append(_row("--version floor (python -m)", floor))
    return rows


#: Rows in the roster import's file: a 50,000-student district (the smoke size is small).
ROSTER_ROWS = {"S": 50_000, "L": 50_000}
ROSTER_TARGET = 5_000  # rows per second


def roster_import_row(work: Path, rows: int) -> Row:
    """Start-of-year roster import of ``rows`` new students (a guardian each) into a fresh
    site of its own (deleted with ``work``): parsing, checking and writing, one unit of
    work, as ``clinic-admin roster import`` runs it."""
    data_dir = work / "roster-site"
    site_service.setup_site(
        data_dir,
        site_code="RST",
        site_name="Roster benchmark (synthetic)",
        admin_username="admin",
        admin_password=generate.PASSWORD,
    )
    codes = ("LHS", "RMS", "WES", "EMS")
    data = generate.roster_csv(rows, codes)
    with site_service.sign_in(data_dir, "admin", generate.PASSWORD) as admin:
        started = time.perf_counter()
        report = roster_service.import_roster(admin, data, add_schools=codes)
        seconds = time.perf_counter() - started
    if report.created != rows or report.problems:
        raise RuntimeError(f"the roster import did not take every row: {report.summary()}")
    rate = rows / seconds
    row = _row("roster import (new students)", [seconds * 1000])
    row.target = f">={ROSTER_TARGET:,} rows/s"
    row.met = rate >= ROSTER_TARGET
    row.note = f"{rows:,} rows, {rate:,.0f} rows/s"
    return row


def _row(name: str, samples: list[float], plain: list[float] | None = None, note: str = "") -> Row:
    target, limit = target_for(name)
    return Row(name, samples, target, limit, list(plain or []), note)


if __name__ == "__main__":
    sys.exit(main())
