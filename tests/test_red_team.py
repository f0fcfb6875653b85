"""Red-team pass of issue 18 ("Done when"): the bad inputs no other test already tries.

Each case states the input and the clean outcome expected (a plain refusal with the error
class the UI and the CLI turn into one sentence, or an exit status with one `error:` line).
The table in docs/SECURITY.md ("Red-team pass (issue 18)") names this file for these rows
and the older tests for the rest.
"""

from __future__ import annotations

import io
import json
import os
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from clinic_desktop import errors
from clinic_desktop.cli import admin as admin_cli
from clinic_desktop.cli import sync as sync_cli
from clinic_desktop.domain.consents import ConsentInput
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.domain.risk_actions import ActionInput
from clinic_desktop.domain.roles import Role
from clinic_desktop.services import (
    audit,
    backup,
    consents,
    flags,
    partners,
    referrals,
    screenings,
    settings,
    students,
    sync,
    users,
    visits,
)
from clinic_desktop.services import (
    site as site_service,
)
from tests.conftest import PASSWORDS
from tests.factories import guardian, student, visit

NEW_PASSWORD = "a brand new long passphrase"


def cli(main, *argv, stdin_lines=()):
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO("".join(f"{line}\n" for line in stdin_lines))
    code = main(list(argv), stdin=stdin, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def as_user(site, user, *argv):
    return cli(
        admin_cli.main,
        *argv,
        "--user",
        user,
        "--password-stdin",
        "--data-dir",
        str(site.data_dir),
        stdin_lines=[PASSWORDS[user]],
    )


def plain_refusal(code, err):
    """Exit 1 with one `error:` line and no traceback."""
    assert code == 1, err
    assert "Traceback" not in err
    assert err.strip().startswith("error:"), err
    assert len(err.strip().splitlines()) == 1, err


# --- sign-in and roles: every role x every privileged service call that must refuse ---


def _bh_visit(session, ctx):
    visits.record_visit(
        session, ctx["student"], visit(session.now(), visit_type="behavioral_health")
    )


def _nursing_visit(session, ctx):
    visits.record_visit(session, ctx["student"], visit(session.now()))


def _consent(session, ctx):
    consents.record_consent(
        session,
        ctx["student"],
        ConsentInput("services", "guardian", session.today(), guardian_id=ctx["guardian"]),
    )


PRIVILEGED = {
    "add clinician account": (
        lambda s, c: users.add_user(s, "newclin", NEW_PASSWORD, Role.CLINICIAN),
        {"it", "nurse", "clinician"},
    ),
    "add IT account": (
        lambda s, c: users.add_user(s, "newit", NEW_PASSWORD, Role.IT),
        {"nurse", "clinician"},
    ),
    "reset the admin's password": (
        lambda s, c: site_service.set_password(s, "admin", NEW_PASSWORD),
        {"it", "nurse", "clinician"},
    ),
    "disable an account": (lambda s, c: users.disable_user(s, "nurse"), {"clinician"}),
    "rekey": (lambda s, c: site_service.rekey(s), {"nurse", "clinician"}),
    "backup": (lambda s, c: backup.backup_now(s, c["out"]), {"nurse", "clinician"}),
    "create a student": (
        lambda s, c: students.create_student(s, student(district_id="D7777777")),
        {"it", "admin"},
    ),
    "read a chart's visits": (lambda s, c: visits.list_visits(s, c["student"]), {"it", "admin"}),
    "record a nursing visit": (_nursing_visit, {"it", "admin"}),
    "record a behavioral-health visit": (_bh_visit, {"it", "admin", "nurse"}),
    "record a consent": (_consent, {"it", "admin"}),
    "read open flags": (lambda s, c: screenings.open_flags(s, c["student"]), {"it", "admin"}),
    "search students": (lambda s, c: students.search_students(s, "Ñúñez"), {"it", "admin"}),
    "create a referral": (
        lambda s, c: referrals.create_referral(
            s, c["student"], ReferralInput(c["partner"], "Needs counselling")
        ),
        {"it", "admin", "nurse"},
    ),
}

PRIVILEGED |= {
    "verify the audit chain": (lambda s, c: audit.verify_audit(s), {"nurse", "clinician"}),
    "export a batch": (lambda s, c: sync.export_batch(s, c["out"]), {"nurse", "clinician"}),
    "provision for sync": (lambda s, c: sync.provision(s, b"{}"), {"nurse", "clinician"}),
    "accept the export profile": (
        lambda s, c: sync.accept_export_profile(s),
        {"it", "nurse", "clinician"},
    ),
    "change site settings": (
        lambda s, c: settings.update_settings(s, idle_lock_minutes=10),
        {"it", "nurse", "clinician"},
    ),
    "add a partner": (
        lambda s, c: partners.add_partner(s, PartnerInput(name="Eastside", kind="cmh")),
        {"it"},
    ),
    "unlock an account": (lambda s, c: users.unlock_user(s, "nurse"), {"nurse", "clinician"}),
}

ROLE_CASES = [
    pytest.param(user, name, id=f"{user}-{name}")
    for name, (_, refused) in PRIVILEGED.items()
    for user in sorted(refused)
]


@pytest.fixture
def chart(site, clinician, tmp_path):
    pupil = students.create_student(clinician, student())
    parent = students.add_guardian(clinician, pupil.id, guardian())
    partner = partners.add_partner(clinician, PartnerInput(name="Valley Health", kind="fqhc"))
    return {
        "partner": partner.id,
        "student": pupil.id,
        "guardian": parent.id,
        "out": tmp_path / "backups",
    }


@pytest.mark.parametrize(("user", "call"), ROLE_CASES)
def test_every_role_is_refused_every_call_it_may_not_make(site, chart, user, call):
    action, _ = PRIVILEGED[call]
    with site.sign_in(user) as session, pytest.raises(errors.PermissionDeniedError):
        action(session, chart)


# --- visit / addendum / flag-action / consent / referral inputs ---


@pytest.fixture
def signed(clinician, chart):
    return visits.record_visit(clinician, chart["student"], visit(clinician.now()), sign=True)


def _other_student(session):
    other = students.create_student(session, student(district_id="D2222222", first_name="Ana"))
    return other.id


WRONG_IDS = {
    "visit for an unknown student": lambda s: visits.record_visit(s, uuid.uuid4(), visit(s.now())),
    "sign an unknown visit": lambda s: visits.sign_visit(s, uuid.uuid4()),
    "addendum to an unknown visit": lambda s: visits.add_addendum(s, uuid.uuid4(), "why", "what"),
    "actions on an unknown flag": lambda s: flags.record_flag_actions(
        s, uuid.uuid4(), [ActionInput("safety_assessment", s.now())]
    ),
    "revoke an unknown consent": lambda s: consents.revoke_consent(s, uuid.uuid4()),
    "an unknown referral": lambda s: referrals.get_referral(s, uuid.uuid4()),
    "guardian of an unknown student": lambda s: students.add_guardian(s, uuid.uuid4(), guardian()),
}


@pytest.mark.parametrize("call", WRONG_IDS.values(), ids=WRONG_IDS.keys())
def test_an_unknown_id_is_not_found(clinician, call):
    with pytest.raises(errors.NotFoundError):
        call(clinician)


def test_another_students_guardian_cannot_sign_a_consent(clinician, chart):
    other = _other_student(clinician)
    with pytest.raises(errors.ValidationError) as caught:
        consents.record_consent(
            clinician,
            other,
            ConsentInput("services", "guardian", clinician.today(), guardian_id=chart["guardian"]),
        )
    assert caught.value.for_field("guardian_id")


def test_another_students_visit_cannot_be_linked_to_a_referral(clinician, chart, signed):
    other = _other_student(clinician)
    with pytest.raises(errors.ValidationError) as caught:
        referrals.create_referral(
            clinician,
            other,
            ReferralInput(chart["partner"], "Needs counselling", visit_id=signed.id),
        )
    assert caught.value.for_field("visit_id")


FUTURE = {
    "visit tomorrow": lambda s, c: visits.record_visit(
        s, c["student"], visit(s.now() + timedelta(days=1))
    ),
    "consent signed tomorrow": lambda s, c: consents.record_consent(
        s,
        c["student"],
        ConsentInput(
            "services", "guardian", s.today() + timedelta(days=1), guardian_id=c["guardian"]
        ),
    ),
    "addendum about tomorrow": lambda s, c: visits.add_addendum(
        s, c["signed"], "late entry", "text", late_entry=True, refers_to=s.now() + timedelta(days=1)
    ),
}


@pytest.mark.parametrize("call", FUTURE.values(), ids=FUTURE.keys())
def test_a_future_date_is_refused(clinician, chart, signed, call):
    with pytest.raises(errors.ValidationError):
        call(clinician, chart | {"signed": signed.id})


CONTROL = {
    "visit reason with a NUL": lambda s, c: visits.record_visit(
        s, c["student"], visit(s.now(), reason="Head\x00ache")
    ),
    "addendum with an escape sequence": lambda s, c: visits.add_addendum(
        s, c["signed"], "why", "text \x1b[2J"
    ),
    "referral reason with a bell": lambda s, c: referrals.create_referral(
        s, c["student"], ReferralInput(c["partner"], "reason\x07")
    ),
    "visit reason of 100,000 characters": lambda s, c: visits.record_visit(
        s, c["student"], visit(s.now(), reason="x" * 100_000)
    ),
}


@pytest.mark.parametrize("call", CONTROL.values(), ids=CONTROL.keys())
def test_control_characters_and_huge_text_are_refused_by_field(clinician, chart, signed, call):
    with pytest.raises(errors.ValidationError):
        call(clinician, chart | {"signed": signed.id})


def test_a_signed_visit_refuses_every_change_but_an_addendum(clinician, chart, signed):
    with pytest.raises(errors.ConflictError):
        visits.update_visit(clinician, signed.id, visit(clinician.now(), note="rewritten"))
    with pytest.raises(errors.ConflictError):
        visits.sign_visit(clinician, signed.id)
    assert visits.get_visit(clinician, signed.id).note == signed.note


# --- CLI arguments: files that are not what they should be ---


def bad_path(kind, tmp_path):
    """A path of ``kind``: missing, a folder, a FIFO (never written to: a reader that
    waits on it hangs), a link to /dev/zero (never ends), an empty or a garbage file."""
    path = tmp_path / f"bad-{kind}.json"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "garbage":
        path.write_bytes(b"\x00\xff" * 1000)
    return path


PATH_KINDS = ["missing", "folder", "fifo", "dev-zero", "empty", "garbage"]


def _partners_import(site, path, tmp_path):
    return as_user(site, "admin", "partners", "import", str(path))


def _roster_import(site, path, tmp_path):
    return as_user(site, "admin", "roster", "import", str(path))


def _provision(site, path, tmp_path):
    return as_user(site, "it", "provision", str(path), "--site-key-out", str(tmp_path / "s.pub"))


def _restore(site, path, tmp_path):
    return cli(
        admin_cli.main,
        "restore",
        str(path),
        "--data-dir",
        str(tmp_path / "new"),
        "--password-stdin",
        stdin_lines=[site.recovery_key],
    )


def _sync_verify(site, path, tmp_path):
    keys, trust = tmp_path / "keys", tmp_path / "trust"
    assert cli(sync_cli.main, "keygen", "--out", str(keys))[0] == 0
    trust.mkdir()
    key = str(keys / "district.key")
    return cli(sync_cli.main, "verify", str(path), "--key", key, "--trust", str(trust))


FILE_COMMANDS = {
    "partners import": _partners_import,
    "roster import": _roster_import,
    "provision": _provision,
    "restore": _restore,
    "sync verify": _sync_verify,
}


@pytest.mark.parametrize("kind", PATH_KINDS)
@pytest.mark.parametrize("command", FILE_COMMANDS.values(), ids=FILE_COMMANDS.keys())
def test_a_cli_file_argument_that_is_not_a_good_file_is_a_plain_refusal(
    site, tmp_path, command, kind
):
    if kind in ("empty", "garbage") and command in (_partners_import, _roster_import):
        code, _, err = command(site, bad_path(kind, tmp_path), tmp_path)
        assert code == 1 and "Traceback" not in err
        return
    plain_refusal(*command(site, bad_path(kind, tmp_path), tmp_path)[::2])


def test_a_backup_whose_key_file_is_a_fifo_is_a_plain_refusal(site, tmp_path):
    code, out, err = as_user(site, "it", "backup", "--out", str(tmp_path / "usb"), "--json")
    assert code == 0, err
    db = tmp_path / "usb" / Path(json.loads(out)["path"]).name
    keyring = db.with_name(db.name.removesuffix(".db") + ".keyring.json")
    keyring.unlink()
    os.mkfifo(keyring)
    plain_refusal(*_restore(site, db, tmp_path)[::2])
    assert not (tmp_path / "new" / "clinic.db").exists()


def test_a_truncated_backup_is_refused_and_the_live_site_is_kept(site, tmp_path):
    code, out, err = as_user(site, "it", "backup", "--out", str(tmp_path / "usb"), "--json")
    db = tmp_path / "usb" / Path(json.loads(out)["path"]).name
    with db.open("r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    code, _, err = cli(
        admin_cli.main,
        "restore",
        str(db),
        "--data-dir",
        str(site.data_dir),
        "--password-stdin",
        stdin_lines=[site.recovery_key],
    )
    plain_refusal(code, err)
    with site.sign_in("admin"):
        pass


OUT_TARGETS = {
    "backup --out onto a file": lambda site, f: as_user(site, "it", "backup", "--out", str(f)),
    "forms blank --out into a missing folder": lambda site, f: cli(
        admin_cli.main, "forms", "blank", "pass", "--out", str(f / "no" / "x.pdf")
    ),
    "export --out onto a file": lambda site, f: cli(
        sync_cli.main,
        "export",
        "--out",
        str(f),
        "--data-dir",
        str(site.data_dir),
        "--user",
        "it",
        "--password-stdin",
        stdin_lines=[PASSWORDS["it"]],
    ),
    "import from a file, not a folder": lambda site, f: cli(
        sync_cli.main,
        "import",
        str(f),
        "--db",
        str(f.parent / "a.sqlite"),
        "--key",
        str(f),
        "--trust",
        str(f.parent),
    ),
    "report from a missing database": lambda site, f: cli(
        sync_cli.main, "report", "--db", str(f.parent / "none.sqlite"), "--out", str(f.parent)
    ),
    "anchors from a missing database": lambda site, f: cli(
        sync_cli.main,
        "anchors",
        "--db",
        str(f.parent / "none.sqlite"),
        "--site",
        "LHS",
        "--out",
        str(f.parent / "a.json"),
    ),
    "audit verify --anchors of a missing folder": lambda site, f: as_user(
        site, "it", "audit", "verify", "--anchors", str(f.parent / "none")
    ),
    "keygen --out onto a file": lambda site, f: cli(sync_cli.main, "keygen", "--out", str(f)),
}


@pytest.mark.parametrize("call", OUT_TARGETS.values(), ids=OUT_TARGETS.keys())
def test_a_cli_folder_argument_that_is_not_a_folder_is_a_plain_refusal(site, tmp_path, call):
    target = tmp_path / "a-file"
    target.write_text("not a folder")
    plain_refusal(*call(site, target)[::2])


USAGE = {
    "a password on the command line": ["users", "list", "--password", "x"],
    "an unknown command": ["frobnicate"],
    "--json where it is not offered": ["rekey", "--json", "--json-pretty"],
    "a non-number where a number is due": ["demo", "--students", "many"],
    "no command": [],
}


@pytest.mark.parametrize("argv", USAGE.values(), ids=USAGE.keys())
def test_bad_flags_are_usage_errors_with_exit_2(argv):
    with pytest.raises(SystemExit) as caught:
        raise SystemExit(cli(admin_cli.main, *argv)[0])
    assert caught.value.code == 2


# --- roster and partner CSV: what no other test feeds ---

ROSTER_HEADER = (
    "district_id,first_name,last_name,preferred_name,date_of_birth,sex,grade,"
    "school_code,zip,language,guardian_name,guardian_relation,guardian_phone\n"
)
ROSTER_ROW = "D100,José,Ñúñez,,2010-03-14,M,10,LHS,94601,es,María Ñúñez,mother,555-555-0101\n"


def _roster(*rows):
    return (ROSTER_HEADER + "".join(rows)).encode()


ROSTER_FILES = {
    # input: (bytes, rows imported, rows rejected); None: the whole file is refused
    "Windows-1252 bytes": ((ROSTER_HEADER + ROSTER_ROW).encode("cp1252"), None),
    "a NUL byte inside a name": (_roster(ROSTER_ROW.replace("José", "Jo\x00sé")), (0, 1)),
    "a 200,000-character field": (_roster(ROSTER_ROW.replace("José", "J" * 200_000)), None),
    "a formula as a name": (_roster(ROSTER_ROW.replace("José", '=HYPERLINK("http://x")')), (1, 0)),
    "an unknown school code": (_roster(ROSTER_ROW.replace(",LHS,", ",ZZZ,")), (0, 1)),
    "the header only": (_roster(), (0, 0)),
    "an unclosed quote": (
        _roster(ROSTER_ROW.replace("José", '"José'), ROSTER_ROW.replace("D100", "D101")),
        (0, 1),
    ),
}


@pytest.mark.parametrize(("data", "outcome"), ROSTER_FILES.values(), ids=ROSTER_FILES.keys())
def test_hostile_roster_files_are_refused_or_reported_by_line(clinician, data, outcome):
    from clinic_desktop.services import roster

    roster.import_roster(clinician, ROSTER_HEADER.encode(), add_schools=["LHS"])
    if outcome is None:
        with pytest.raises(errors.ValidationError):
            roster.import_roster(clinician, data)
        return
    report = roster.import_roster(clinician, data)
    assert (report.imported, len(report.problems)) == outcome


def test_a_formula_name_is_stored_exactly_as_text(clinician):
    from clinic_desktop.services import roster

    roster.import_roster(clinician, ROSTER_HEADER.encode(), add_schools=["LHS"])
    formula = '=HYPERLINK("http://x")'
    roster.import_roster(clinician, (ROSTER_HEADER + ROSTER_ROW.replace("José", formula)).encode())
    (found,) = students.search_students(clinician, "Ñúñez")
    assert students.get_student(clinician, found.id).first_name == formula


PARTNER_HEADER = "name,kind,services,languages,min_age,max_age,accepts_medicaid,phone\n"
PARTNER_FILES = {
    "Windows-1252 bytes": ((PARTNER_HEADER + "Clínica,fqhc,,,,,,\n").encode("cp1252"), True),
    "a NUL byte in the name": ((PARTNER_HEADER + "Cl\x00inic,fqhc,,,,,,\n").encode(), False),
    "ages reversed and negative": ((PARTNER_HEADER + "Clinic,fqhc,,,30,-1,,\n").encode(), False),
    "a 200,000-character field": (
        (PARTNER_HEADER + "C" * 200_000 + ",fqhc,,,,,,\n").encode(),
        True,
    ),
    "an unknown kind": ((PARTNER_HEADER + "Clinic,spa,,,,,,\n").encode(), False),
}


@pytest.mark.parametrize(("data", "refused"), PARTNER_FILES.values(), ids=PARTNER_FILES.keys())
def test_hostile_partner_files_are_refused_or_reported_by_line(clinician, data, refused):
    if refused:
        with pytest.raises(errors.ValidationError):
            partners.import_partners(clinician, data)
        return
    report = partners.import_partners(clinician, data)
    assert report.imported == 0 and len(report.problems) == 1


def test_an_unclosed_quote_in_a_large_file_refuses_it_naming_the_quote(clinician):
    """Open, minor: in a small file the rows after an unclosed quote become one rejected
    line (nothing is imported from them, but the reason names fields, not the quote)."""
    from clinic_desktop.services import roster

    rows = [ROSTER_ROW.replace("D100", f"D{n}") for n in range(1000, 4000)]
    data = _roster(ROSTER_ROW.replace("José", '"José'), *rows)
    with pytest.raises(errors.ValidationError, match="quote mark that is never closed"):
        roster.import_roster(clinician, data)


# --- opening the store: a key file that never ends ---


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_key_file_that_is_a_pipe_or_a_device_is_the_damaged_key_file_message(site, kind):
    keyring = site.data_dir / "keyring.json"
    keyring.unlink()
    if kind == "fifo":
        os.mkfifo(keyring)
    else:
        keyring.symlink_to("/dev/zero")
    with pytest.raises(errors.DamagedKeyringError):
        site.sign_in("admin")


# --- desktop file pickers: a pipe or a device chosen in a file dialog ---


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "missing"])
def test_files_chosen_in_the_desktop_are_read_without_waiting_on_a_pipe(tmp_path, kind):
    """Partner CSV, provisioning file and letterhead logo: each once read a FIFO with a
    blocking read (the window hung) or /dev/zero without end."""
    from clinic_desktop.ui import settings_dialog
    from clinic_desktop.ui.operations import partners as partner_ops
    from clinic_desktop.ui.operations import sync as sync_ops

    path = bad_path(kind, tmp_path)
    for read in (partner_ops._read, sync_ops._read, settings_dialog._read_logo):
        with pytest.raises(errors.ClinicError):
            read(path)


# --- the district's database: a file that is not one ---


def _district_db(kind, tmp_path):
    path = tmp_path / "district.sqlite"
    if kind == "garbage":
        path.write_bytes(b"\x00not sqlite" * 100)
    else:
        path.mkdir()
    return path


DISTRICT_COMMANDS = {
    "import": lambda db, t: ["import", t, "--db", db, "--key", t / "k", "--trust", t],
    "report": lambda db, t: ["report", "--db", db, "--out", t / "report"],
    "anchors": lambda db, t: ["anchors", "--db", db, "--site", "LHS", "--out", t / "a.json"],
}


@pytest.mark.parametrize("kind", ["garbage", "folder"])
@pytest.mark.parametrize("argv", DISTRICT_COMMANDS.values(), ids=DISTRICT_COMMANDS.keys())
def test_a_district_database_that_is_not_one_is_a_plain_refusal(tmp_path, argv, kind):
    """Was a raw sqlite3 DatabaseError / OperationalError traceback."""
    assert cli(sync_cli.main, "keygen", "--out", str(tmp_path / "keys"))[0] == 0
    (tmp_path / "k").write_bytes((tmp_path / "keys" / "district.key").read_bytes())
    (tmp_path / "k").chmod(0o600)
    db = _district_db(kind, tmp_path)
    code, _, err = cli(sync_cli.main, *map(str, argv(db, tmp_path)))
    plain_refusal(code, err)
    assert "not a district database" in err


def test_a_trust_folder_that_is_a_file_says_so(tmp_path):
    trust = tmp_path / "trust"
    trust.write_text("a file")
    code, _, err = cli(
        sync_cli.main, "verify", str(trust), "--key", str(trust), "--trust", str(trust)
    )
    plain_refusal(code, err)


# --- screenings: the wrong sitting, the wrong instrument ---

PHQ2 = {"q1": 1, "q2": 1}


def test_a_screening_cannot_join_another_students_or_a_signed_visit(clinician, chart, signed):
    other = _other_student(clinician)
    with pytest.raises(errors.ConflictError, match="another student"):
        screenings.administer_screening(clinician, other, "phq2", PHQ2, visit_id=signed.id)
    with pytest.raises(errors.ConflictError, match="signed"):
        screenings.administer_screening(
            clinician, chart["student"], "phq2", PHQ2, visit_id=signed.id
        )


@pytest.mark.parametrize(
    ("instrument", "answers"),
    [
        ("no-such-instrument", PHQ2),
        ("../../etc/passwd", PHQ2),
        ("phq2", {"q1": 7, "q2": 1}),
        ("phq2", {"q1": 1, "q99": 1}),
        ("phq2", {"q1": -1, "q2": 1}),
    ],
    ids=["unknown", "a path", "out of range", "unknown item", "negative"],
)
def test_a_wrong_instrument_or_answer_is_refused(clinician, chart, instrument, answers):
    with pytest.raises((errors.ValidationError, errors.NotFoundError)):
        screenings.administer_screening(clinician, chart["student"], instrument, answers)


ACCOUNT_COMMANDS = {
    "unlock an unknown account": ["users", "unlock", "ghost"],
    "disable oneself": ["users", "disable", "admin"],
    "a NUL in a new user name": ["users", "add", "bob\x00", "--role", "it"],
    "accept a profile before provisioning": ["accept-profile", "--yes"],
}


@pytest.mark.parametrize("argv", ACCOUNT_COMMANDS.values(), ids=ACCOUNT_COMMANDS.keys())
def test_account_and_site_commands_refuse_plainly(site, argv):
    code, _, err = cli(
        admin_cli.main,
        *argv,
        "--user",
        "admin",
        "--password-stdin",
        "--data-dir",
        str(site.data_dir),
        stdin_lines=[PASSWORDS["admin"], "another long passphrase"],
    )
    assert code == 1 and "Traceback" not in err
    assert all(line.startswith("error:") for line in err.strip().splitlines())


def test_an_anchors_folder_that_is_a_file_is_a_plain_refusal(site):
    plain_refusal(
        *as_user(site, "it", "audit", "verify", "--anchors", str(site.data_dir / "clinic.db"))[::2]
    )
