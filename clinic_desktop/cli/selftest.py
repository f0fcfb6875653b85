"""``clinic-desktop --self-test``: prove an installed copy works end to end, in seconds.

IT runs it after installing (and ``make package`` runs it on every built bundle), because
a frozen app fails in ways a source checkout never does: a resource folder left out, the
SQLCipher native module or a Qt plugin missing, a migration script not bundled. Each step
runs the real code path (first-run setup with the real key derivation, the services, the
form renderer, the batch exporter and verifier, QtPdf) in a fresh private temporary folder
that is removed afterwards. The only "patient" is made up, and is only ever written to the
encrypted store; the form stays in memory.

Output: one line per step on stdout (``ok  <step>  <ms> ms``); on the first failure a line
naming the step and the reason on stderr and exit status 1.
"""

from __future__ import annotations

import json
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from clinic_desktop import errors

#: The made-up student; the "encrypted" step checks these bytes appear in no file on disk.
STUDENT_FIRST = "Selftest"
STUDENT_LAST = "Ñandúpatient"
SITE_CODE = "SELFTEST"
#: PHQ-9 answers with item 9 positive: the step also proves risk flags are raised.
PHQ9_ANSWERS = {f"q{i}": 1 for i in range(1, 10)}
#: The first 16 bytes of an unencrypted SQLite database.
SQLITE_HEADER = b"SQLite format 3\x00"


class SelfTestError(Exception):
    """A check that did not hold; the message says what was expected."""


@dataclass
class _Run:
    """What the steps hand on to each other, all inside ``folder``."""

    folder: Path
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    app: Any = None
    session: Any = None
    student_id: Any = None
    pdf: bytes = b""
    batch: Path | None = None

    @property
    def data_dir(self) -> Path:
        return self.folder / "site"


Step = tuple[str, Callable[[_Run], str]]


def run_self_test(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run every step in a private temporary folder; 0 when all pass, else 1."""
    out = out or sys.stdout
    err = err or sys.stderr
    folder = Path(tempfile.mkdtemp(prefix="clinic-selftest-"))  # mode 0700
    run = _Run(folder)
    try:
        for name, step in STEPS:
            if not _run_step(name, step, run, out, err):
                return 1
    finally:
        _sign_out(run)
        shutil.rmtree(folder, ignore_errors=True)
    print("self-test passed", file=out, flush=True)
    return 0


def _run_step(name: str, step: Callable[[_Run], str], run: _Run, out: TextIO, err: TextIO) -> bool:
    started = time.perf_counter()
    try:
        detail = step(run)
    except Exception as exc:  # any failure is reported by step name, never raised
        print(f"FAILED  {name}: {_reason(exc)}", file=err, flush=True)
        return False
    ms = (time.perf_counter() - started) * 1000
    suffix = f"  ({detail})" if detail else ""
    print(f"ok  {name}  {ms:.0f} ms{suffix}", file=out, flush=True)
    return True


def _reason(exc: BaseException) -> str:
    if isinstance(exc, errors.ClinicError):
        return f"{type(exc).__name__}: {exc.message}"
    return f"{type(exc).__name__}: {exc}"


# --- bundled files -----------------------------------------------------------------------


def check_resources(run: _Run) -> str:
    """Instruments (schema-checked), form texts, fonts and the icon are where the app looks."""
    from clinic_desktop.domain.screening import instrument_ids, load_instrument
    from clinic_desktop.forms.styles import register_fonts
    from clinic_desktop.resources import resource_path

    ids = instrument_ids()
    _expect(bool(ids), f"no instruments in {resource_path('instruments')}")
    for instrument_id in ids:
        load_instrument(instrument_id)
    texts = sorted(resource_path("forms").rglob("*.json"))
    _expect(bool(texts), f"no form texts in {resource_path('forms')}")
    for path in texts:
        json.loads(path.read_text(encoding="utf-8"))
    register_fonts()
    icon = resource_path("icons", "clinic-desktop.svg")
    _expect(icon.is_file(), f"the app icon {icon} is missing")
    return f"{len(ids)} instruments, {len(texts)} form texts, fonts, icon"


# --- the clinic's work -------------------------------------------------------------------


def create_store(run: _Run) -> str:
    """First-run setup: encrypted database, key file with real key derivation, users."""
    from clinic_desktop.domain.roles import Role
    from clinic_desktop.services import site, users

    site.setup_site(
        run.data_dir,
        site_code=SITE_CODE,
        site_name="Self-test Health Center",
        admin_username="admin",
        admin_password=run.password,
    )
    with site.sign_in(run.data_dir, "admin", run.password) as admin:
        users.add_user(admin, "clinician", run.password, Role.CLINICIAN, "Self-test Clinician")
    return ""


def sign_in(run: _Run) -> str:
    """Sign in as the clinician (the session serves the clinical steps that follow)."""
    from clinic_desktop.services import site

    run.session = site.sign_in(run.data_dir, "clinician", run.password)
    return ""


def add_student(run: _Run) -> str:
    """Add the made-up student through the service a window calls."""
    from clinic_desktop.domain.students import StudentInput
    from clinic_desktop.services import students

    student = StudentInput(
        first_name=STUDENT_FIRST,
        last_name=STUDENT_LAST,
        date_of_birth=date(2011, 5, 4),
        school_code=SITE_CODE,
        grade="9",
        zip_code="94601",
    )
    run.student_id = students.create_student(run.session, student).id
    return ""


def score_screening(run: _Run) -> str:
    """Score and save a PHQ-9 through the service; item 9 must raise a flag."""
    from clinic_desktop.services import screenings

    saved = screenings.administer_screening(run.session, run.student_id, "phq9", PHQ9_ANSWERS)
    _expect(saved.total == len(PHQ9_ANSWERS), f"PHQ-9 total {saved.total}, expected 9")
    _expect(bool(saved.flags), "PHQ-9 item 9 raised no risk flag")
    return f"PHQ-9 total {saved.total}, band {saved.band}"


def render_form(run: _Run) -> str:
    """Render the consent form (embedded fonts, QR code) in memory."""
    from clinic_desktop.services import printing

    printed = printing.consent_form(run.session, run.student_id)
    run.pdf = printed.data
    _expect(printed.data.startswith(b"%PDF-"), "the form is not a PDF")
    _expect(printed.data.rstrip().endswith(b"%%EOF"), "the PDF is truncated")
    _expect(printed.page_count >= 1, "the PDF has no pages")
    return f"{printed.page_count} page(s), {len(printed.data) // 1024} KiB"


def export_batch(run: _Run) -> str:
    """District key pair, provisioning, then a signed, encrypted de-identified batch."""
    from clinic_desktop.services import site, sync
    from clinic_desktop.sync import keys

    _sign_out(run)
    district = keys.generate_district_keys(run.folder / "district", "Self-test district")
    provisioning = (run.folder / "district" / keys.PROVISIONING_NAME).read_bytes()
    with site.sign_in(run.data_dir, "admin", run.password) as admin:
        provisioned = sync.provision(admin, provisioning)
        sync.accept_export_profile(admin, on_behalf="the self-test's throwaway administrator")
        trust = run.folder / "trust"
        trust.mkdir(mode=0o700)
        (trust / f"{provisioned.site_code}.pub").write_bytes(provisioned.site_key_file)
        result = sync.export_batch(admin, run.folder / "batches")
    run.batch = result.path
    _expect(sum(result.counts.values()) > 0, "the batch holds no records")
    return f"batch {result.sequence} for {district.district}, {sum(result.counts.values())} rec"


def verify_batch(run: _Run) -> str:
    """The district's side: decrypt, check the signature, checksums and schema."""
    from clinic_desktop.sync import keys
    from clinic_desktop.sync.verify import read_batch

    _expect(run.batch is not None, "no batch was exported")
    identity = keys.load_identity(run.folder / "district" / keys.DISTRICT_KEY_NAME)
    found = read_batch(run.batch, identity, keys.TrustStore.load(run.folder / "trust"))
    _expect(found.site == SITE_CODE and found.sequence == 1, "the batch names the wrong site")
    return f"signed by {found.signer}"


def check_encrypted(run: _Run) -> str:
    """No file written holds the student's name or an unencrypted SQLite header."""
    from clinic_desktop.paths import SitePaths

    database = SitePaths(run.data_dir).database
    with database.open("rb") as handle:
        _expect(handle.read(16) != SQLITE_HEADER, "the database is not encrypted")
    needle = STUDENT_LAST.encode("utf-8")
    files = [p for p in run.folder.rglob("*") if p.is_file()]
    for path in files:
        leaked = needle in path.read_bytes()
        _expect(not leaked, f"{path.relative_to(run.folder)} holds patient data in plaintext")
    return f"{len(files)} files checked"


def _on_screen(name: str) -> Callable[[_Run], str]:
    """A step of ``ui.self_check`` (the Qt side), imported only when the step runs."""

    def step(run: _Run) -> str:
        from clinic_desktop.ui import self_check

        return getattr(self_check, name)(run)

    step.__name__ = name
    return step


STEPS: tuple[Step, ...] = (
    ("resources", check_resources),
    ("qt platform", _on_screen("check_qt")),
    ("svg icon", _on_screen("check_icon")),
    ("translations", _on_screen("check_translations")),
    ("encrypted store", create_store),
    ("sign in", sign_in),
    ("add student", add_student),
    ("score screening", score_screening),
    ("render form", render_form),
    ("preview form (QtPdf)", _on_screen("preview_form")),
    ("export batch", export_batch),
    ("verify batch", verify_batch),
    ("nothing in plaintext", check_encrypted),
)


# --- helpers -----------------------------------------------------------------------------


def _sign_out(run: _Run) -> None:
    if run.session is not None:
        run.session.close()
        run.session = None


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestError(message)
