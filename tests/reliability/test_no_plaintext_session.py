"""A full clinic session leaves no personal data in plaintext on disk, even logging at DEBUG.

Distinctive canaries (student and guardian names, a visit note, a referral reason) go
through the public services the way a working day does: site setup, roster import from
the user's own CSV, a visit, a screening that raises a risk flag, a release, a referral,
every form rendered the way the preview shows it (the service's bytes into QtPdf from
memory), a de-identified sync export and a backup. Python's temp folder (``TMPDIR`` and
``tempfile.tempdir``) points at a folder of its own for the test.

Then every file under the data folder, the log folder, the temp folder, the export folder
and the backup folder is scanned for each canary in UTF-8, UTF-16-LE and UTF-16-BE, as
typed, case-folded, upper- and lower-case: zero hits. (The database, its WAL, backups and
batches are encrypted containers; the scan reads them as raw bytes like a thief would.)
The roster CSV itself is the user's file and lives elsewhere; the scanner finds the
canaries in it, which shows the scan can see them.

SQLite keeps its temporary tables in memory (``PRAGMA temp_store = MEMORY``), and reads
``TMPDIR`` once per process, so the override is for Python and Qt; the log is configured
at DEBUG with a tiny size limit so that it rotates during the session.
"""

from __future__ import annotations

import logging
import logging.handlers
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from clinic_desktop import logs
from clinic_desktop.domain.consents import ConsentInput
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.domain.risk_actions import ActionInput
from clinic_desktop.domain.roles import Role
from clinic_desktop.paths import SitePaths
from clinic_desktop.services import (
    backup,
    consents,
    flags,
    partners,
    printing,
    referrals,
    roster,
    screenings,
    students,
    users,
    visits,
)
from clinic_desktop.services import site as site_service
from clinic_desktop.services import sync as sync_service
from clinic_desktop.sync import keys
from clinic_desktop.ui.print_preview import PdfPages, preview_available
from tests.conftest import PASSWORDS
from tests.factories import accept_profile, visit

FIRST, LAST = "Quorbelina", "Zyxwarthington"
GUARDIAN = "Ñandúzquilla Pérez-Wobbleford"
NOTE = "Canarynote Flumpquist confided about Thwackerby Hollow."
REASON = "Canaryreason Glimmerbax outpatient counseling request."
#: A flag action's who and note, and the flag's closing note.
FLAG_PERSON = "Canaryperson Sprocketvane (aunt)"
FLAG_NOTE = "Canaryaction Drizzlewump safety plan reviewed."
CLOSING = "Canaryclose Merrowgast released to aunt."
CANARIES = [FIRST, LAST, GUARDIAN, "Ñandúzquilla", "Wobbleford", NOTE, "Flumpquist", REASON]
CANARIES += ["Glimmerbax", "Thwackerby", "Sprocketvane", "Drizzlewump", "Merrowgast"]
#: A signed note's addendum (issue 16): the signed text stays, corrections are added.
ADDENDUM = "Addendum Quorpleth called back from Vexbridge."
CANARIES += ["Quorpleth", "Vexbridge"]
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")
#: PHQ-9 with item 9 (thoughts of self-harm) answered: an acute risk flag.
PHQ9_FLAG = {"q1": 2, "q2": 2, "q3": 1, "q4": 1, "q5": 1, "q6": 1, "q7": 0, "q8": 0, "q9": 2}
#: Small enough that the session's DEBUG log rotates (the real limit is 2 MB).
TEST_MAX_LOG_BYTES = 200


def needles(canary: str) -> set[bytes]:
    """The canary as typed, case-folded, upper and lower case, in each encoding."""
    spellings = {canary, canary.casefold(), canary.upper(), canary.lower()}
    return {s.encode(encoding) for s in spellings for encoding in ENCODINGS}


def hits_in(folder: Path) -> list[tuple[str, str]]:
    """(file, canary) for every canary found in any file below ``folder``."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        lowered = data.lower()  # ASCII letters, in UTF-8 and in both UTF-16 byte orders
        for canary in CANARIES:
            if any(n in data or n in lowered for n in needles(canary)):
                found.append((str(path.relative_to(folder)), canary))
    return found


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """The scanned folders, the user's own folder (not scanned), and the temp override."""
    made = {
        name: tmp_path / name
        for name in ("data", "temp", "export", "backup", "user-files", "district")
    }
    for folder in made.values():
        folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(made["temp"]))
    monkeypatch.setattr(tempfile, "tempdir", str(made["temp"]))
    return made


def roster_csv(folder: Path) -> bytes:
    """The district's roster file as the user saved it (their file, outside the scan)."""
    text = (
        "district_id,first_name,last_name,preferred_name,date_of_birth,sex,grade,"
        "school_code,zip,language,guardian_name,guardian_relation,guardian_phone\n"
        f"D7001,{FIRST},{LAST},,2010-03-14,F,10,LHS,94601,es,{GUARDIAN},mother,"
        "(555) 555-0101\n"
        "D7002,Ana,Lee,,2011-05-02,F,9,LHS,94602,en,,,\n"
    )
    path = folder / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path.read_bytes()


def preview(printed: printing.PrintedForm) -> None:
    """What the print preview does with a form: QtPdf over the bytes in memory."""
    pages = PdfPages(printed.data)
    assert pages.count() >= 1
    assert not pages.image(0, 50).isNull()


def clinical_day(data_dir: Path, clock, user_files: Path) -> None:
    with site_service.sign_in(data_dir, "clinician", PASSWORDS["clinician"], clock=clock) as c:
        report = roster.import_roster(c, roster_csv(user_files), add_schools=["LHS"])
        assert report.created == 2 and not report.problems
        [pupil] = students.search_students(c, LAST)
        detail = students.get_student(c, pupil.id)
        seen = visits.record_visit(
            c, pupil.id, visit(clock() - timedelta(hours=1), visit_type="behavioral_health",
                               reason="Low mood", note=NOTE)
        )  # fmt: skip
        screening = screenings.administer_screening(
            c, pupil.id, "phq9", PHQ9_FLAG, visit_id=seen.id
        )
        assert screening.flags, "item 9 answered must raise a risk flag"
        visits.sign_visit(c, seen.id)
        visits.add_addendum(c, seen.id, "Guardian call", ADDENDUM)
        partner = partners.add_partner(
            c, PartnerInput(name="Eastside Counseling", kind="cmh", address="45 Elm Avenue")
        )
        release = consents.record_consent(
            c,
            pupil.id,
            ConsentInput(
                kind="release_of_information",
                signer_kind="guardian",
                guardian_id=detail.guardians[0].id,
                partner_id=partner.id,
                signed_on=c.today() - timedelta(days=1),
                purpose="Coordinate counseling",
                information_kinds=("demographics", "screening_results"),
                expires_on=date(2027, 6, 30),
            ),
        )
        referral = referrals.create_referral(
            c,
            pupil.id,
            ReferralInput(partner_id=partner.id, reason=REASON, screening_id=screening.id),
            flag_id=screening.flags[0].id,  # made from the flag: linked to it
        )
        actions = [
            ActionInput("released_to", c.now(), FLAG_PERSON),
            ActionInput("safety_assessment_done", c.now(), "", FLAG_NOTE),
        ]
        flags.record_flag_actions(
            c,
            screening.flags[0].id,
            actions,
            close_note=CLOSING,
            also=[f.id for f in screening.flags[1:]],
        )
        referrals.send_referral(c, referral.id)
        for printed in (
            printing.consent_form(c, pupil.id),
            printing.release_form(c, release.id),
            printing.referral_letter(c, referral.id),
            printing.results_letter(c, screening.id),
            printing.class_pass(c, seen.id),
        ):
            preview(printed)


@pytest.mark.skipif(not preview_available(), reason="QtPdf (PySide6-Addons) is not installed")
def test_a_full_session_leaves_no_canary_on_disk(folders, clock, qapp):
    data_dir = folders["data"] / "site"
    paths = SitePaths(data_dir)
    logs.configure_logging(paths.logs, logging.DEBUG)
    handler = _file_handler()
    handler.maxBytes = TEST_MAX_LOG_BYTES

    site_service.setup_site(
        data_dir,
        site_code="LHS",
        site_name="Lincoln High School Health Center",
        admin_username="admin",
        admin_password=PASSWORDS["admin"],
        clock=clock,
    )
    with site_service.sign_in(data_dir, "admin", PASSWORDS["admin"], clock=clock) as admin:
        users.add_user(admin, "clinician", PASSWORDS["clinician"], Role.CLINICIAN, "Dana W")
        users.add_user(admin, "it", PASSWORDS["it"], Role.IT, "Sam C")
    clinical_day(data_dir, clock, folders["user-files"])
    keys.generate_district_keys(folders["district"], "Riverside Unified")
    with site_service.sign_in(data_dir, "it", PASSWORDS["it"], clock=clock) as it:
        sync_service.provision(it, (folders["district"] / keys.PROVISIONING_NAME).read_bytes())
        accept_profile(it)
        batch = sync_service.export_batch(it, folders["export"])
        kept = backup.backup_now(it, folders["backup"])
    handler.flush()

    assert batch.path.parent == folders["export"] and kept.path.parent == folders["backup"]
    scanned = [data_dir, paths.logs, folders["temp"], folders["export"], folders["backup"]]
    assert {h for folder in scanned for h in hits_in(folder)} == set()
    # The scan sees what is there: the user's own roster file holds the names.
    assert {c for _, c in hits_in(folders["user-files"])} >= {FIRST, LAST, GUARDIAN}
    # The log was written at DEBUG, rotated, and every rotated file was scanned above.
    assert (paths.logs / "clinic-desktop.log").stat().st_size > 0
    assert (paths.logs / "clinic-desktop.log.1").exists()


def test_the_log_file_rotates_and_keeps_a_bounded_history(tmp_path):
    """The production settings: a rotating file, about 2 MB, five old files kept."""
    logs.configure_logging(tmp_path / "logs", logging.DEBUG)
    handler = _file_handler()
    assert handler.maxBytes == 2_000_000 and handler.backupCount == 5
    assert Path(handler.baseFilename) == tmp_path / "logs" / "clinic-desktop.log"
    handler.maxBytes = 100
    log = logging.getLogger("clinic.store")
    for n in range(40):
        log.debug("operational fact number %d, no personal data", n)
    handler.flush()
    names = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert names == ["clinic-desktop.log", *(f"clinic-desktop.log.{i}" for i in range(1, 6))]


def _file_handler() -> logging.handlers.RotatingFileHandler:
    [handler] = [
        h
        for h in logging.getLogger("clinic").handlers
        if isinstance(h, logging.handlers.RotatingFileHandler)
    ]
    return handler
