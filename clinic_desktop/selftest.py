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
import os
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


def check_qt(run: _Run) -> str:
    """The Qt platform plugin loads (offscreen without a display) and a widget can show."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QLabel

    existing = QApplication.instance()
    run.app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    label = QLabel("Clinic Desktop self-test")
    label.show()
    run.app.processEvents()
    visible = label.isVisible()
    label.close()
    label.deleteLater()
    _expect(visible, "a widget could not be shown")
    return f"platform {run.app.platformName()}"


def check_icon(run: _Run) -> str:
    """The SVG image plugin is there: the app icon renders to pixels."""
    from clinic_desktop.ui import style

    pixmap = style.app_icon().pixmap(64, 64)
    _expect(not pixmap.isNull(), "the SVG app icon did not render (imageformats/svg plugin?)")
    return ""


def check_translations(run: _Run) -> str:
    """Every compiled translation (``clinic_<lang>.qm``) bundled loads, and so does Qt's own
    for that language (the standard buttons and dialogs), from where the app looks."""
    from PySide6.QtCore import QTranslator

    from clinic_desktop.resources import resource_path
    from clinic_desktop.ui.i18n import qt_translations_dir

    compiled = sorted(resource_path("translations").glob("clinic_*.qm"))
    for path in compiled:
        _expect(QTranslator().load(str(path)), f"{path.name} is not a loadable translation")
        qt_own = f"qtbase_{path.stem.removeprefix('clinic_')}"
        loaded = QTranslator().load(qt_own, str(qt_translations_dir()))
        _expect(loaded, f"Qt's {qt_own}.qm is missing from {qt_translations_dir()}")
    return ", ".join(p.stem for p in compiled) if compiled else "none bundled"


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


def preview_form(run: _Run) -> str:
    """QtPdf (the print preview) opens the form and draws its first page."""
    from clinic_desktop.ui.print_preview import PdfPages, preview_available

    _expect(preview_available(), "QtPdf is not available")
    pages = PdfPages(run.pdf)
    _expect(pages.count() >= 1, "QtPdf found no pages")
    image = pages.image(0, 36)
    _expect(not image.isNull(), "QtPdf could not draw the first page")
    return f"{pages.count()} page(s)"


def export_batch(run: _Run) -> str:
    """District key pair, provisioning, then a signed, encrypted de-identified batch."""
    from clinic_desktop.services import site, sync
    from clinic_desktop.sync import keys

    _sign_out(run)
    district = keys.generate_district_keys(run.folder / "district", "Self-test district")
    provisioning = (run.folder / "district" / keys.PROVISIONING_NAME).read_bytes()
    with site.sign_in(run.data_dir, "admin", run.password) as admin:
        provisioned = sync.provision(admin, provisioning)
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


STEPS: tuple[Step, ...] = (
    ("resources", check_resources),
    ("qt platform", check_qt),
    ("svg icon", check_icon),
    ("translations", check_translations),
    ("encrypted store", create_store),
    ("sign in", sign_in),
    ("add student", add_student),
    ("score screening", score_screening),
    ("render form", render_form),
    ("preview form (QtPdf)", preview_form),
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
