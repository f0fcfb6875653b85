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
