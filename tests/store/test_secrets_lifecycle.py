"""Password change, recovery key, removed user, key rotation: data intact, old secrets out."""

import json

import pytest

from clinic_desktop import errors
from clinic_desktop.services import site as site_service
from clinic_desktop.services import students, users
from clinic_desktop.store import keyring as keyring_module
from clinic_desktop.store.engine import open_store
from clinic_desktop.store.keyring import Keyring
from tests.conftest import PASSWORDS
from tests.factories import student


@pytest.fixture
def student_id(site):
    with site.sign_in("clinician") as session:
        return students.create_student(session, student()).id


def _name_of(site, username, password, student_id):
    with site.sign_in(username, password) as session:
        return students.get_student(session, student_id).last_name


def test_password_change_keeps_data_and_refuses_the_old_password(site, student_id):
    with site.sign_in("clinician") as session:
        users.change_own_password(session, PASSWORDS["clinician"], "a-brand-new-secret")
    assert _name_of(site, "clinician", "a-brand-new-secret", student_id) == "Ñúñez"
    with pytest.raises(errors.WrongPasswordError):
        site.sign_in("clinician")


def test_password_change_needs_the_old_password(site):
    with site.sign_in("clinician") as session, pytest.raises(errors.WrongPasswordError):
        users.change_own_password(session, "not-my-password", "a-brand-new-secret")


def test_password_change_does_not_reencrypt_the_database(site):
    before = (site.data_dir / "clinic.db").read_bytes()[:16]
    key_id = Keyring.load(site.data_dir / "keyring.json").key_id
    with site.sign_in("admin") as session:
        site_service.set_password(session, "nurse", "new-nurse-words")
    assert Keyring.load(site.data_dir / "keyring.json").key_id == key_id
    assert (site.data_dir / "clinic.db").read_bytes()[:16] == before


def test_recovery_key_sets_a_new_password(site, student_id):
    with site_service.sign_in_with_recovery(
        site.data_dir, site.recovery_key, "clinician", "recovered-pass", clock=site.clock
    ) as session:
        assert session.user.username == "clinician"
    # A reset (issue 18, finding 7): the next sign-in must choose a password first.
    with site.sign_in("clinician", "recovered-pass") as session:
        users.change_own_password(session, "recovered-pass", "my own words again")
    assert _name_of(site, "clinician", "my own words again", student_id) == "Ñúñez"
    with pytest.raises(errors.WrongPasswordError):
        site.sign_in("clinician")


def test_recovery_key_is_accepted_as_typed_by_hand(site):
    typed = site.recovery_key.lower().replace("-", " ")
    site_service.sign_in_with_recovery(
        site.data_dir, typed, "admin", "recovered-pass", clock=site.clock
    ).close()


def test_wrong_recovery_key(site):
    with pytest.raises(errors.WrongRecoveryKeyError):
        site_service.sign_in_with_recovery(
            site.data_dir, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "admin", "x-new-pass-1"
        )


def test_disabled_user_cannot_open_the_database_even_with_an_old_slot(site, student_id):
    old_keyring = (site.data_dir / "keyring.json").read_text()
    with site.sign_in("admin") as session:
        users.disable_user(session, "nurse")
    with pytest.raises(errors.WrongPasswordError):
        site.sign_in("nurse")
    # Their slot is gone from the file, not just flagged.
    assert len(json.loads(old_keyring)["slots"]) - 1 == len(
        json.loads((site.data_dir / "keyring.json").read_text())["slots"]
    )
    with site.sign_in("admin") as session:
        users.enable_user(session, "nurse", "nurse-again-12345")
    with site.sign_in("nurse", "nurse-again-12345") as session:  # a reset: a new one first
        users.change_own_password(session, "nurse-again-12345", "nurse words of my own")
    assert _name_of(site, "nurse", "nurse words of my own", student_id) == "Ñúñez"


def test_last_admin_cannot_be_disabled(site):
    with site.sign_in("it") as session, pytest.raises(errors.ConflictError):
        users.disable_user(session, "admin")


def test_rekey_keeps_every_slot_and_retires_the_old_key(site, student_id):
    old = Keyring.load(site.data_dir / "keyring.json").unlock_recovery(site.recovery_key)
    with site.sign_in("admin") as session:
        site_service.rekey(session)
    for name in ("clinician", "nurse"):
        assert _name_of(site, name, PASSWORDS[name], student_id) == "Ñúñez"
    new = Keyring.load(site.data_dir / "keyring.json").unlock_recovery(site.recovery_key)
    assert new.current != old.current and new.pending is None
    # The retired key (say, unwrapped from a copy of an old key file) opens nothing now.
    keyring = Keyring.load(site.data_dir / "keyring.json")
    with pytest.raises(errors.WrongKeyError):
        open_store(
            site.data_dir / "clinic.db",
            old.current,
            expected_salt=keyring.db_salt,
            key_check=keyring.key_id,
        )


def _power_cut(self):
    raise OSError("power cut")


def test_rekey_interrupted_after_the_database_changed_is_finished_at_next_sign_in(
    site, student_id, monkeypatch
):
    with site.sign_in("admin") as session, monkeypatch.context() as patch:
        patch.setattr(Keyring, "finish_rekey", _power_cut)
        with pytest.raises(OSError, match="power cut"):
            site_service.rekey(session)
    assert Keyring.load(site.data_dir / "keyring.json").rekey_pending
    assert _name_of(site, "clinician", PASSWORDS["clinician"], student_id) == "Ñúñez"
    assert not Keyring.load(site.data_dir / "keyring.json").rekey_pending


def test_rekey_interrupted_before_the_database_changed_is_abandoned(site, student_id):
    with keyring_module.locked_keyring(site.data_dir / "keyring.json") as keyring:
        keyring.begin_rekey(b"\x07" * 32)
    assert _name_of(site, "clinician", PASSWORDS["clinician"], student_id) == "Ñúñez"
    assert not Keyring.load(site.data_dir / "keyring.json").rekey_pending
