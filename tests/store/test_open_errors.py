"""Each way of failing to open a site gives its own typed error with a clear message."""

import shutil

import pytest

from clinic_desktop import errors
from clinic_desktop.services import site as site_service
from clinic_desktop.store.engine import open_store
from clinic_desktop.store.keyring import Keyring


def test_wrong_password(site):
    with pytest.raises(errors.WrongPasswordError, match="Wrong user name or password"):
        site.sign_in("clinician", "not-the-password")


def test_unknown_user_looks_like_a_wrong_password(site):
    with pytest.raises(errors.WrongPasswordError):
        site.sign_in("nobody", "whatever-pass")


def test_missing_key_file(site):
    (site.data_dir / "keyring.json").unlink()
    with pytest.raises(errors.KeyringMissingError, match=r"key file .* is missing"):
        site.sign_in("clinician")


def test_damaged_key_file(site):
    path = site.data_dir / "keyring.json"
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(errors.DamagedKeyringError):
        site.sign_in("clinician")


def test_truncated_database(site):
    path = site.data_dir / "clinic.db"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    with pytest.raises(errors.DamagedDatabaseError, match="damaged"):
        site.sign_in("clinician")


def test_truncated_on_a_page_boundary_is_still_damaged(site):
    path = site.data_dir / "clinic.db"
    data = path.read_bytes()
    path.write_bytes(data[: 4096 * 2])
    with pytest.raises(errors.DamagedDatabaseError):
        site.sign_in("clinician")


def test_file_that_is_not_a_database(site):
    (site.data_dir / "clinic.db").write_bytes(b"this is a spreadsheet, not a clinic " * 500)
    with pytest.raises(errors.NotADatabaseError):
        site.sign_in("clinician")


def test_another_clinics_database_is_refused(site, tmp_path, clock):
    other = tmp_path / "other"
    site_service.setup_site(
        other,
        site_code="OTHER",
        site_name="Other",
        admin_username="admin",
        admin_password="other-pass-12345",
        clock=clock,
    )
    shutil.copy(other / "clinic.db", site.data_dir / "clinic.db")
    with pytest.raises(errors.NotADatabaseError):
        site.sign_in("clinician")


def test_raw_open_with_a_wrong_key(site):
    keyring = Keyring.load(site.data_dir / "keyring.json")
    with pytest.raises(errors.WrongKeyError):
        open_store(
            site.data_dir / "clinic.db",
            b"\x01" * 32,
            expected_salt=keyring.db_salt,
            key_check=keyring.key_id,
        )
    # Without the keyring's fingerprint SQLCipher cannot tell; it is still a typed error.
    with pytest.raises(errors.WrongKeyError):
        open_store(site.data_dir / "clinic.db", b"\x01" * 32)


def test_no_site_yet(tmp_path):
    with pytest.raises(errors.NoSiteError):
        site_service.sign_in(tmp_path / "empty", "admin", "whatever-pass")


def test_setup_refuses_an_existing_site(site):
    with pytest.raises(errors.SiteExistsError):
        site_service.setup_site(
            site.data_dir,
            site_code="LHS",
            site_name="Again",
            admin_username="admin",
            admin_password="another-pass",
        )


def test_messages_are_distinct():
    classes = [
        errors.WrongPasswordError,
        errors.KeyringMissingError,
        errors.DamagedKeyringError,
        errors.DamagedDatabaseError,
        errors.NotADatabaseError,
        errors.WrongKeyError,
    ]
    assert len({c().message for c in classes}) == len(classes)


def _edit_keyring(site, change) -> None:
    import json

    path = site.data_dir / "keyring.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _set_kdf(**values):
    def change(data):
        for slot in data["slots"]:
            slot["kdf"].update(values)

    return change


DAMAGED_KEY_FILES = {
    "kdf memory zero": _set_kdf(memory_kib=0),
    "kdf memory huge": _set_kdf(memory_kib=2**40),
    "kdf iterations negative": _set_kdf(iterations=-3),
    "kdf unknown algorithm": _set_kdf(algorithm="md5"),
    "kdf salt unreadable": _set_kdf(salt="!!not base64!!"),
    "policy garbage text": lambda data: data.update(policy="garbage"),
    "policy wrong types": lambda data: data.update(policy={"max_failures": "lots"}),
    "policy negative": lambda data: data.update(policy={"max_failures": -1}),
}


@pytest.mark.parametrize("damage", DAMAGED_KEY_FILES.values(), ids=DAMAGED_KEY_FILES.keys())
def test_a_damaged_key_file_is_a_plain_error(site, damage):
    """Issue 18, finding 13: each gave a raw traceback (or, for a huge cost, tried to
    allocate a terabyte) instead of the damaged-key-file message."""
    _edit_keyring(site, damage)
    with pytest.raises(errors.DamagedKeyringError):
        site.sign_in("clinician")
    with pytest.raises(errors.DamagedKeyringError):
        site.sign_in("clinician", "not-the-password")


def test_a_folder_in_place_of_the_key_file_is_a_plain_error(site):
    path = site.data_dir / "keyring.json"
    path.unlink()
    path.mkdir()
    with pytest.raises(errors.DamagedKeyringError):
        site.sign_in("clinician")


def test_a_damaged_key_file_in_the_cli_has_no_traceback(site):
    import io

    from clinic_desktop.cli.admin import main
    from tests.conftest import PASSWORDS

    _edit_keyring(site, _set_kdf(salt="%%%"))
    out, err = io.StringIO(), io.StringIO()
    argv = ["info", "--data-dir", str(site.data_dir), "--user", "it", "--password-stdin"]
    code = main(argv, stdin=io.StringIO(PASSWORDS["it"] + "\n"), stdout=out, stderr=err)
    assert code == 1
    assert "key file beside the clinic database is damaged" in err.getvalue()
