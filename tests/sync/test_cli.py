"""``clinic-sync`` and ``clinic-admin provision`` end to end, with the CLI conventions."""

import io
import json
import shutil

from clinic_desktop.cli import admin as admin_cli
from clinic_desktop.cli import sync as sync_cli
from clinic_desktop.services import students, visits
from tests.conftest import PASSWORDS
from tests.factories import student, visit


def run(main, *argv, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(map(str, argv)), io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


def test_full_cli_round_trip(site, clinician, tmp_path):
    students_ = students.create_student(clinician, student())
    visits.record_visit(clinician, students_.id, visit(site.clock()))
    district = tmp_path / "district"
    code, out, _ = run(sync_cli.main, "keygen", "--out", district, "--name", "Riverside", "--json")
    assert code == 0 and json.loads(out)["district"] == "Riverside"
    assert (district / "district.key").stat().st_mode & 0o777 == 0o600

    trust = tmp_path / "trust"
    trust.mkdir()
    pub = trust / "LHS.pub"
    code, out, err = run(
        admin_cli.main,
        "provision", district / "provisioning.json", "--site-key-out", pub,
        "--data-dir", site.data_dir, "--user", "it", "--password-stdin", "--json",
        stdin=PASSWORDS["it"] + "\n",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["key_id"] == json.loads(pub.read_text())["key_id"]
    assert json.loads(out)["accepted"] is False

    usb = tmp_path / "usb"
    site_args = ["--data-dir", site.data_dir, "--user", "it", "--password-stdin"]
    code, _, err = run(sync_cli.main, "export", "--out", usb, *site_args, stdin=PASSWORDS["it"])
    assert code == 1 and "clinic-admin accept-profile)" in err
    admin_args = ["--data-dir", site.data_dir, "--user", "admin", "--password-stdin"]
    code, out, err = run(admin_cli.main, "accept-profile", *admin_args, stdin=PASSWORDS["admin"])
    assert code == 1 and "safe-harbor (45 CFR 164.514(b)(2))" in out and "NOT ACCEPTED" in out
    code, out, err = run(
        admin_cli.main, "accept-profile", "--yes", *admin_args, stdin=PASSWORDS["admin"]
    )
    assert code == 0 and "accepted by admin" in out, err
    code, out, err = run(
        sync_cli.main, "export", "--out", usb, *site_args, "--json", stdin=PASSWORDS["it"] + "\n"
    )
    assert code == 0, err
    exported = json.loads(out)
    assert exported["sequence"] == 1 and exported["counts"]["Encounter"] == 1
    batch = usb / "LHS-000001.batch"
    assert b"resourceType" not in batch.read_bytes()

    keys_args = ["--key", district / "district.key", "--trust", trust]
    code, out, _ = run(sync_cli.main, "verify", batch, *keys_args, "--json")
    assert code == 0 and json.loads(out)["site"] == "LHS"

    db = tmp_path / "agg.sqlite"
    code, out, _ = run(sync_cli.main, "import", usb, "--db", db, *keys_args)
    assert code == 0 and "1 applied" in out
    code, out, _ = run(sync_cli.main, "import", usb, "--db", db, *keys_args)
    assert code == 0 and "1 already imported" in out

    code, out, _ = run(sync_cli.main, "report", "--db", db, "--out", tmp_path / "report", "--json")
    assert code == 0 and len(json.loads(out)["files"]) == 2

    flipped = tmp_path / "bad" / batch.name
    flipped.parent.mkdir()
    data = bytearray(batch.read_bytes())
    data[len(data) // 2] ^= 0xFF
    flipped.write_bytes(bytes(data))
    code, out, err = run(sync_cli.main, "verify", flipped, *keys_args)
    assert code == 1 and "altered" in err

    held = tmp_path / "held"
    held.mkdir()
    code, out, err = run(
        sync_cli.main, "export", "--out", usb, *site_args, stdin=PASSWORDS["it"] + "\n"
    )
    run(sync_cli.main, "export", "--out", usb, *site_args, stdin=PASSWORDS["it"] + "\n")
    shutil.copy(usb / "LHS-000003.batch", held)
    code, out, _ = run(sync_cli.main, "import", held, "--db", db, *keys_args)
    assert code == 1 and "held until LHS-000002.batch" in out and "missing batch(es) 2" in out
    code, out, _ = run(sync_cli.main, "import", held, "--db", db, *keys_args, "--force-gap")
    assert code == 0 and "forced" in out


def test_keygen_never_overwrites_the_private_key(tmp_path):
    assert run(sync_cli.main, "keygen", "--out", tmp_path)[0] == 0
    before = (tmp_path / "district.key").read_bytes()
    code, _, err = run(sync_cli.main, "keygen", "--out", tmp_path)
    assert code == 1 and "refusing to overwrite" in err
    assert (tmp_path / "district.key").read_bytes() == before


def test_only_it_or_admin_may_provision(site, tmp_path):
    run(sync_cli.main, "keygen", "--out", tmp_path / "d")
    code, _, err = run(
        admin_cli.main,
        "provision", tmp_path / "d" / "provisioning.json", "--site-key-out", tmp_path / "x.pub",
        "--data-dir", site.data_dir, "--user", "clinician", "--password-stdin",
        stdin=PASSWORDS["clinician"] + "\n",
    )  # fmt: skip
    assert code == 1 and "does not allow this (export_sync)" in err
    assert not (tmp_path / "x.pub").exists()


def test_bad_provisioning_file_is_refused(site, tmp_path):
    bad = tmp_path / "provisioning.json"
    bad.write_text(
        '{"format": "clinic-district-provisioning/1", "district": "X", "recipient": "age1nope"}'
    )
    code, _, err = run(
        admin_cli.main,
        "provision", bad, "--site-key-out", tmp_path / "x.pub",
        "--data-dir", site.data_dir, "--user", "admin", "--password-stdin",
        stdin=PASSWORDS["admin"] + "\n",
    )  # fmt: skip
    assert code == 1 and "not a valid age recipient" in err


def test_export_before_provisioning_explains_what_to_do(site, tmp_path):
    code, _, err = run(
        sync_cli.main,
        "export", "--out", tmp_path / "usb",
        "--data-dir", site.data_dir, "--user", "it", "--password-stdin",
        stdin=PASSWORDS["it"] + "\n",
    )  # fmt: skip
    assert code == 1 and "clinic-admin provision" in err


def test_usage_errors_exit_2(tmp_path):
    assert run(sync_cli.main, "verify")[0] == 2
    assert run(sync_cli.main)[0] == 2
    code, _, err = run(sync_cli.main, "report", "--db", tmp_path / "none.sqlite", "--out", tmp_path)
    assert code == 1 and "does not exist" in err


def test_limited_data_set_from_keygen_to_an_accepted_export(site, tmp_path):
    """The district writes the agreement into its file; provisioning shows it; IT cannot
    export until an administrator has read the terms and accepted them with --yes."""
    district = tmp_path / "district"
    code, out, err = run(
        sync_cli.main, "keygen", "--out", district, "--name", "Riverside",
        "--profile", "limited-data-set", "--agreement-id", "DUA-9",
        "--agreement-recipient", "Riverside Health Office", "--permitted-use", "surveillance",
        "--agreement-expires", "2027-06-30", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["profile"] == "limited-data-set"
    code, _, err = run(
        sync_cli.main, "keygen", "--out", tmp_path / "other", "--profile", "limited-data-set"
    )
    assert code != 0 and "agreement" in err and not (tmp_path / "other" / "district.key").exists()

    def site_args(user):
        return ["--data-dir", site.data_dir, "--user", user, "--password-stdin"]

    code, out, err = run(
        admin_cli.main, "provision", district / "provisioning.json",
        "--site-key-out", tmp_path / "LHS.pub", *site_args("it"), stdin=PASSWORDS["it"] + "\n",
    )  # fmt: skip
    assert code == 0, err
    assert "DUA-9" in out and "Riverside Health Office" in out and "NOT ACCEPTED" in out
    export = ["export", "--out", tmp_path / "usb", *site_args("it")]
    code, _, err = run(sync_cli.main, *export, stdin=PASSWORDS["it"] + "\n")
    assert code != 0 and "administrator" in err

    accept = ["accept-profile", *site_args("admin")]
    code, out, _ = run(admin_cli.main, *accept, stdin=PASSWORDS["admin"] + "\n")
    assert code == 1 and "2027-06-30" in out and "--yes" in out
    code, out, err = run(admin_cli.main, *accept, "--yes", stdin=PASSWORDS["admin"] + "\n")
    assert code == 0 and "accepted by admin" in out, err
    code, _, err = run(sync_cli.main, *export, stdin=PASSWORDS["it"] + "\n")
    assert code == 0, err
