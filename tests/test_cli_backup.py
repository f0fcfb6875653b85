"""``clinic-admin backup`` and ``clinic-admin restore`` end to end (in-process)."""

from __future__ import annotations

import io
import json

from clinic_desktop.cli.admin import main
from clinic_desktop.services import students
from tests import factories
from tests.conftest import PASSWORDS


def run(args, stdin_lines=()):
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO("".join(f"{line}\n" for line in stdin_lines))
    code = main([str(a) for a in args], stdin=stdin, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_backup_defaults_to_the_site_backups_folder(site):
    code, out, err = run(
        ["backup", "--data-dir", site.data_dir, "--user", "it", "--password-stdin", "--json"],
        [PASSWORDS["it"]],
    )
    assert code == 0, err
    info = json.loads(out)
    assert info["path"].startswith(str(site.data_dir / "backups"))
    assert info["keyring_path"].endswith(".keyring.json")


def test_backup_is_refused_for_a_clinician(site):
    code, _out, err = run(
        ["backup", "--data-dir", site.data_dir, "--user", "clinician", "--password-stdin"],
        [PASSWORDS["clinician"]],
    )
    assert code == 1 and "does not allow" in err


def test_backup_then_restore_with_a_password(site, tmp_path):
    usb = tmp_path / "usb"
    code, out, err = run(
        [
            "backup",
            "--out",
            usb,
            "--data-dir",
            site.data_dir,
            "--user",
            "admin",
            "--password-stdin",
        ],
        [PASSWORDS["admin"]],
    )
    assert code == 0 and "Key file beside it" in out, err
    with site.sign_in("clinician") as session:
        students.create_student(session, factories.student())
    backup_file = next(usb.glob("LHS-*.db"))
    code, out, err = run(
        [
            "restore",
            backup_file,
            "--data-dir",
            site.data_dir,
            "--user",
            "admin",
            "--password-stdin",
        ],
        [PASSWORDS["admin"]],
    )
    assert code == 0, err
    assert "replaced database was kept as clinic.db.replaced-" in out
    with site.sign_in("clinician") as session:
        assert students.count_students(session) == 0


def test_restore_with_the_recovery_key_and_a_wrong_one(site, tmp_path):
    code, out, _ = run(
        [
            "backup",
            "--out",
            tmp_path / "usb",
            "--data-dir",
            site.data_dir,
            "--user",
            "it",
            "--password-stdin",
            "--json",
        ],
        [PASSWORDS["it"]],
    )
    path = json.loads(out)["path"]
    code, _, err = run(
        ["restore", path, "--data-dir", tmp_path / "new", "--password-stdin"], ["WRONG-KEY"]
    )
    assert code == 1 and "recovery key" in err
    assert not (tmp_path / "new" / "clinic.db").exists()
    code, _, err = run(
        ["restore", path, "--data-dir", tmp_path / "new", "--password-stdin"],
        [site.recovery_key],
    )
    assert code == 0, err
    assert (tmp_path / "new" / "clinic.db").exists()


def test_restore_is_refused_for_a_nurse(site, tmp_path):
    """Issue 18, finding 4: a nurse's password in the backup does not restore it."""
    usb = tmp_path / "usb"
    args = ["backup", "--out", usb, "--data-dir", site.data_dir, "--user", "it"]
    code, _out, err = run([*args, "--password-stdin"], [PASSWORDS["it"]])
    assert code == 0, err
    live = (site.data_dir / "clinic.db").read_bytes()
    backup_file = next(usb.glob("LHS-*.db"))
    code, _out, err = run(
        [
            "restore",
            backup_file,
            "--data-dir",
            site.data_dir,
            "--user",
            "nurse",
            "--password-stdin",
        ],
        [PASSWORDS["nurse"]],
    )
    assert code == 1 and "does not allow" in err and "Traceback" not in err
    assert (site.data_dir / "clinic.db").read_bytes() == live
