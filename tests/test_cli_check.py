"""``clinic-admin check``: SQLCipher's page HMACs, SQLite's integrity check and the audit
chain in one command, for the damage ``info`` and ``audit verify`` do not see (issue 18,
finding 13)."""

from __future__ import annotations

import io
import json

from clinic_desktop.cli.admin import main
from clinic_desktop.services import students
from tests import factories
from tests.conftest import PASSWORDS

PAGE = 4096


def run(site, *args):
    out, err = io.StringIO(), io.StringIO()
    argv = [*args, "--data-dir", str(site.data_dir), "--user", "it", "--password-stdin"]
    code = main(argv, stdin=io.StringIO(PASSWORDS["it"] + "\n"), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _with_students(site, n: int = 40) -> None:
    with site.sign_in("clinician") as session:
        for i in range(n):
            students.create_student(session, factories.student(district_id=f"D9{i:06d}"))


def test_check_passes_on_a_sound_site(site):
    _with_students(site)
    code, out, err = run(site, "check", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] is True and report["problems"] == []
    assert report["audit_events"] > 0


def test_check_fails_on_a_flipped_byte_inside_the_database(site):
    _with_students(site)
    database = site.data_dir / "clinic.db"
    data = bytearray(database.read_bytes())
    pages = len(data) // PAGE
    assert pages > 3
    data[PAGE * (pages - 2) + 200] ^= 0x01  # a page well past the header
    database.write_bytes(bytes(data))
    code, out, err = run(site, "check")
    assert code == 1, out
    assert "Traceback" not in err + out
    assert "DATABASE CHECK FAILED" in out
    assert "fail their encryption checksum (HMAC)" in out
