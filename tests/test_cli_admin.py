"""``clinic-admin`` end to end: conventions (stdin secrets, exit codes, --json) and commands."""

import argparse
import io
import json
import os
import subprocess
import sys

import pytest

from clinic_desktop.cli.admin import main
from tests.conftest import PASSWORDS


def run(args, stdin_lines=(), data_dir=None):
    out, err = io.StringIO(), io.StringIO()
    argv = [*args, *(["--data-dir", str(data_dir)] if data_dir else [])]
    stdin = io.StringIO("".join(f"{line}\n" for line in stdin_lines))
    code = main(argv, stdin=stdin, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def as_user(site, user, *args, secrets=()):
    return run(
        [*args, "--user", user, "--password-stdin"],
        [PASSWORDS[user], *secrets],
        site.data_dir,
    )


def test_init_prints_the_recovery_key_once(tmp_path):
    code, out, err = run(
        [
            "init",
            "--site-code",
            "ohs",
            "--site-name",
            "Oak High",
            "--admin",
            "root",
            "--password-stdin",
            "--json",
        ],
        ["root-password-1"],
        tmp_path / "s",
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["site_code"] == "OHS" and len(result["recovery_key"]) == 39
    code, _, err = run(
        ["init", "--site-code", "ohs", "--site-name", "Oak", "--admin", "root", "--password-stdin"],
        ["root-password-1"],
        tmp_path / "s",
    )
    assert code == 1 and "already set up" in err


def test_users_add_list_disable_and_passwd(site):
    code, out, err = as_user(
        site,
        "admin",
        "users",
        "add",
        "counselor2",
        "--role",
        "clinician",
        "--display-name",
        "Nguyễn Thị Hồng",
        secrets=["counselor-pass-1"],
    )
    assert code == 0, err
    code, out, _ = as_user(site, "admin", "users", "list", "--json")
    listed = {u["username"]: u for u in json.loads(out)}
    assert listed["counselor2"]["display_name"] == "Nguyễn Thị Hồng"
    assert listed["counselor2"]["role"] == "clinician"
    assert as_user(site, "admin", "users", "disable", "counselor2")[0] == 0
    listed = {
        u["username"]: u for u in json.loads(as_user(site, "admin", "users", "list", "--json")[1])
    }
    assert listed["counselor2"]["disabled"] and not listed["nurse"]["disabled"]
    assert as_user(site, "admin", "users", "passwd", "nurse", secrets=["new-nurse-words"])[0] == 0
    site.sign_in("nurse", "new-nurse-words").close()


def test_refusals_exit_1_with_a_message_on_stderr(site):
    code, out, err = run(
        ["info", "--user", "admin", "--password-stdin"], ["wrong-password"], site.data_dir
    )
    assert (code, out) == (1, "") and "Wrong user name or password" in err
    code, _, err = as_user(
        site, "clinician", "users", "add", "x1", "--role", "nurse", secrets=["whatever-1"]
    )
    assert code == 1 and "does not allow" in err
    code, _, err = as_user(
        site, "admin", "users", "add", "Bad Name!", "--role", "nurse", secrets=["whatever-1"]
    )
    assert code == 1 and "username" in err


def test_usage_errors_exit_2(site):
    assert run(["users", "add", "x", "--role", "wizard", "--user", "admin"])[0] == 2
    assert run(["no-such-command"])[0] == 2
    assert run([])[0] == 2


def test_no_command_takes_a_password_argument():
    from clinic_desktop.cli.admin import build_parser

    def walk(parser):
        yield parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    yield from walk(sub)

    for parser in walk(build_parser()):
        for action in parser._actions:
            for flag in action.option_strings:
                assert flag == "--password-stdin" or "password" not in flag


def test_info_json_has_no_personal_data(site):
    from clinic_desktop.services import students
    from tests.factories import student

    with site.sign_in("clinician") as session:
        students.create_student(session, student())
    code, out, _ = as_user(site, "it", "info", "--json")
    info = json.loads(out)
    assert code == 0 and info["counts"]["students"] == 1 and info["schema_version"]
    assert "Ñúñez" not in out and "José" not in out


def test_recovery_and_rekey(site):
    code, _, err = run(
        ["recovery", "--user", "admin", "--password-stdin"],
        [site.recovery_key, "after-recovery-1"],
        site.data_dir,
    )
    assert code == 0, err
    code, _, err = run(  # a reset: the next sign-in chooses a new password first
        ["users", "passwd", "--user", "admin", "--password-stdin"],
        ["after-recovery-1", "admin words of my own", "admin words of my own"],
        site.data_dir,
    )
    assert code == 0, err
    code, _, err = run(
        ["rekey", "--user", "admin", "--password-stdin"], ["admin words of my own"], site.data_dir
    )
    assert code == 0, err
    site.sign_in("clinician").close()


def test_roster_import_reports_lines_and_exit_status(site, tmp_path):
    good = tmp_path / "roster.csv"
    good.write_text(
        "district_id,first_name,last_name,date_of_birth,school_code\n"
        "D9,Łukasz,Wiśniewski,2011-01-05,LHS\n",
        encoding="utf-8",
    )
    code, out, _ = as_user(site, "nurse", "roster", "import", str(good))
    assert code == 1
    assert "line 2: school_code LHS is not one of this site's schools" in out
    assert "import again with --add-schools LHS" in out
    code, out, _ = as_user(
        site, "nurse", "roster", "import", str(good), "--add-schools", "LHS", "--json"
    )
    assert code == 0 and json.loads(out)["created"] == 1
    bad = tmp_path / "bad.csv"
    bad.write_text(good.read_text() + "D10,,Nobody,2011-01-05,LHS\n", encoding="utf-8")
    code, out, _ = as_user(site, "nurse", "roster", "import", str(bad))
    assert code == 1 and "line 3: first_name is required" in out and "1 unchanged" in out
    assert "--add-schools" not in out


def test_roster_rows_to_confirm_are_listed_and_do_not_fail_the_import(site, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(
        "district_id,first_name,last_name,date_of_birth,school_code,guardian_name,"
        "guardian_relation\n"
        "D9,Łukasz,Wiśniewski,2011-01-05,LHS,Anna Wiśniewska,Guardian\n",
        encoding="utf-8",
    )
    args = ("roster", "import", str(path), "--add-schools", "LHS,RMS")
    code, out, _ = as_user(site, "admin", *args)
    assert code == 0, out
    assert "1 added, 0 updated, 0 unchanged, 0 rejected, 1 to confirm" in out
    assert "line 2: guardian_relation is not a relation this program knows" in out
    code, out, _ = as_user(site, "admin", *args, "--json")
    assert json.loads(out)["to_confirm"][0]["line"] == 2


def test_demo_from_a_roster_exits_1_when_rows_were_rejected(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(
        "district_id,first_name,last_name,date_of_birth,school_code\n"
        "R1,Ngọc Ánh,Phạm,2012-02-02,RMS\n"
        "R2,,Farah,2010-09-09,LHS\n",
        encoding="utf-8",
    )
    args = ["demo", "--roster", str(path), "--password-stdin"]
    code, out, err = run(args, ["demo-shared-pass"], tmp_path / "demo")
    assert code == 1
    assert "Demo clinic created" in out
    assert "1 rejected roster row(s)" in err and "line 3: first_name is required" in err
    path.write_text(path.read_text().replace("R2,,", "R2,Ahmed,"), encoding="utf-8")
    code, _, err = run(args, ["demo-shared-pass"], tmp_path / "demo2")
    assert code == 0, err


def test_demo_with_a_shared_password(tmp_path):
    code, out, err = run(
        ["demo", "--students", "12", "--seed", "5", "--password-stdin", "--json"],
        ["demo-shared-pass"],
        tmp_path / "demo",
    )
    assert code == 0, err
    assert {u["username"] for u in json.loads(out)} == {"admin", "clinician", "nurse", "it"}
    assert "demo-shared-pass" not in out
    code, out, _ = run(["demo", "--students", "3"], [], tmp_path / "demo2")
    assert code == 0 and out.count("password:") == 4


@pytest.mark.slow
def test_real_process_with_the_production_kdf(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLINIC_")}
    cmd = [sys.executable, "-m", "clinic_desktop.cli.admin"]
    data = ["--data-dir", str(tmp_path / "site")]
    init = subprocess.run(
        [
            *cmd,
            "init",
            "--site-code",
            "RP",
            "--site-name",
            "Real",
            "--admin",
            "admin",
            "--password-stdin",
            *data,
        ],
        input="real-pass-123456\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert init.returncode == 0, init.stderr
    info = subprocess.run(
        [*cmd, "info", "--json", "--user", "admin", "--password-stdin", *data],
        input="real-pass-123456\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["site_code"] == "RP"
    slots = json.loads((tmp_path / "site" / "keyring.json").read_text())["slots"]
    assert all(slot["kdf"]["memory_kib"] >= 65536 for slot in slots)
