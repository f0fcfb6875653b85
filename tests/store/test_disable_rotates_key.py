"""Issue 18, finding 6: disabling an account rotates the database key, so the disabled
user's old password, with a copy of the key file that a backup left in the data folder,
no longer opens the live database."""

import pytest

from clinic_desktop import errors
from clinic_desktop.cli.admin import main as admin_main
from clinic_desktop.services import backup, users
from clinic_desktop.services import site as site_service
from clinic_desktop.store import backup as store_backup
from clinic_desktop.store.engine import open_store
from clinic_desktop.store.keyring import Keyring
from tests.conftest import PASSWORDS


def _backup_keyring(site) -> Keyring:
    with site.sign_in("it") as session:
        info = backup.backup_now(session)
    return Keyring.load(store_backup.keyring_beside(info.path))


def _open_live(site, db_key: bytes) -> None:
    live = Keyring.load(site.data_dir / "keyring.json")
    open_store(
        site.data_dir / "clinic.db", db_key, expected_salt=live.db_salt, key_check=live.key_id
    ).close()


def test_disable_rotates_the_key_so_old_key_file_copies_open_nothing(site):
    old_copy = _backup_keyring(site)
    old_key = old_copy.unlock_user("nurse", PASSWORDS["nurse"], site.clock()).current
    _open_live(site, old_key)  # before: the copy and the nurse's password open the live file

    with site.sign_in("admin") as session:
        users.disable_user(session, "nurse")

    with pytest.raises(errors.WrongPasswordError):
        site.sign_in("nurse")
    with pytest.raises(errors.WrongKeyError):
        _open_live(site, old_key)
    for name in ("admin", "clinician", "it"):
        site.sign_in(name).close()
    assert Keyring.load(site.data_dir / "keyring.json").key_id != old_copy.key_id


def test_disable_refuses_to_finish_silently_when_the_key_cannot_be_rotated(site, monkeypatch):
    def broken(self, new_key):
        raise OSError("disk gone")

    monkeypatch.setattr(Keyring, "begin_rekey", broken)
    with site.sign_in("admin") as session, pytest.raises(errors.KeyRotationError) as caught:
        users.disable_user(session, "nurse")
    assert "could not be rotated" in caught.value.message
    assert "clinic-admin rekey" in caught.value.message
    with pytest.raises(errors.WrongPasswordError):
        site.sign_in("nurse")  # the slot is gone all the same
    site.sign_in("clinician").close()


def test_cli_disable_says_the_key_was_rotated(site, capsys):
    import io

    code = admin_main(
        [
            "users",
            "disable",
            "nurse",
            "--data-dir",
            str(site.data_dir),
            "--user",
            "admin",
            "--password-stdin",
        ],
        stdin=io.StringIO(PASSWORDS["admin"] + "\n"),
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "key was rotated" in out.out
    with pytest.raises(errors.WrongPasswordError):
        site_service.sign_in(site.data_dir, "nurse", PASSWORDS["nurse"], clock=site.clock)
