"""Nothing readable on disk: not the database, its WAL/SHM, the key file, or the logs."""

import logging
import sqlite3
from datetime import timedelta

import pytest
import sqlcipher3

from clinic_desktop.services import screenings, students, visits
from clinic_desktop.services import site as site_service
from clinic_desktop.store.engine import SQLITE_HEADER
from clinic_desktop.store.keyring import Keyring
from tests.factories import student, visit

CANARY_NAME = "Zyxwvut"
CANARY_SURNAME = "Qponmlk"
CANARY_NOTE = "Canarynote Plaintextcheck"
CANARY_ANSWER = "Canaryanswer Howwhen"
CANARY_ADDENDUM = "Addendumcanary Quorpleth"


def _all_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def _assert_no_plaintext(root):
    files = _all_files(root)
    assert files, "the data folder should not be empty"
    for path in files:
        data = path.read_bytes()
        assert not data.startswith(SQLITE_HEADER), f"{path.name} is a plaintext SQLite file"
        for canary in (CANARY_NAME, CANARY_SURNAME, CANARY_NOTE, CANARY_ANSWER, CANARY_ADDENDUM):
            for encoding in ("utf-8", "utf-16-le"):
                assert canary.encode(encoding) not in data, f"{canary!r} found in {path.name}"


def _write_canaries(site):
    with site.sign_in("clinician") as session:
        created = students.create_student(
            session, student(first_name=CANARY_NAME, last_name=CANARY_SURNAME)
        )
        signed = visits.record_visit(
            session,
            created.id,
            visit(site.clock() - timedelta(minutes=5), note=CANARY_NOTE),
            sign=True,
        )
        # A written follow-up of the ASQ ("If yes, how? When?") is behavioral-health text.
        screenings.administer_screening(
            session,
            created.id,
            "asq",
            {"q1": 0, "q2": 0, "q3": 0, "q4": 1, "q5": 0},
            text_answers={"q4": CANARY_ANSWER},
        )
        visits.add_addendum(session, signed.id, "Correction", CANARY_ADDENDUM)
        # While the session is open, the WAL holds the fresh pages: check it too.
        wal = site.data_dir / "clinic.db-wal"
        assert wal.exists() and wal.stat().st_size > 0
        _assert_no_plaintext(site.data_dir)
    return created


@pytest.fixture
def debug_log(site):
    """Everything the app logs, at DEBUG, into the site's own log file for the scan."""
    handler = logging.FileHandler(site.data_dir / "logs" / "clinic-desktop.log")
    logger = logging.getLogger("clinic")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    yield site.data_dir / "logs" / "clinic-desktop.log"
    logger.removeHandler(handler)
    handler.close()
    logger.setLevel(old_level)


def test_no_file_in_the_data_dir_reveals_a_student(site, debug_log):
    _write_canaries(site)
    with site.sign_in("admin") as session:
        site_service.rekey(session)  # logs something, and rewrites every page
    assert debug_log.stat().st_size > 0
    _assert_no_plaintext(site.data_dir)


def test_raw_sqlcipher_opens_with_the_unwrapped_key_and_not_without(site):
    created = _write_canaries(site)
    keys = Keyring.load(site.data_dir / "keyring.json").unlock_recovery(site.recovery_key)
    db = site.data_dir / "clinic.db"

    conn = sqlcipher3.connect(str(db))
    conn.execute(f"PRAGMA key = \"x'{keys.current.hex()}'\"")
    row = conn.execute(
        "SELECT first_name, last_name FROM students WHERE id = ?", (created.id.hex,)
    ).fetchone()
    assert row == (CANARY_NAME, CANARY_SURNAME)
    conn.close()

    unkeyed = sqlcipher3.connect(str(db))
    unkeyed.execute("PRAGMA cipher_log_level = NONE")
    with pytest.raises(sqlcipher3.DatabaseError, match="not a database"):
        unkeyed.execute("SELECT count(*) FROM sqlite_master").fetchone()
    unkeyed.close()

    plain = sqlite3.connect(str(db))
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()


def test_key_file_is_private_and_reveals_no_user_names(site):
    text = (site.data_dir / "keyring.json").read_text()
    for name in ("clinician", "nurse", "admin"):
        assert name not in text
    assert (site.data_dir / "keyring.json").stat().st_mode & 0o077 == 0
    assert (site.data_dir / "clinic.db").stat().st_mode & 0o077 == 0
    assert site.data_dir.stat().st_mode & 0o077 == 0
