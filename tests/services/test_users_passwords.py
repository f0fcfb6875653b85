"""The password rules hold wherever a password is set, and NFC normalisation makes a
composed and a decomposed accent the same password at every door."""

import io
import unicodedata

import pytest

from clinic_desktop import errors
from clinic_desktop.cli.admin import main as admin_main
from clinic_desktop.domain.roles import Role
from clinic_desktop.services import backup, users
from clinic_desktop.services import site as site_service
from tests.conftest import PASSWORDS

COMMON = "Password 1234"  # "password1234" is on the common list
SHORT = "nine char"
COMPOSED = "Café crème brûlée"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def assert_password_refused(call, *args, **kwargs) -> errors.ValidationError:
    with pytest.raises(errors.ValidationError) as caught:
        call(*args, **kwargs)
    assert caught.value.for_field("password"), caught.value.message
    assert caught.value.message.startswith("password: ")
    return caught.value


def test_first_run_setup_refuses_weak_and_name_based_passwords(tmp_path, clock):
    def setup(password):
        return site_service.setup_site(
            tmp_path / "new",
            site_code="WHS",
            site_name="Washington High",
            admin_username="pat",
            admin_password=password,
            clock=clock,
        )

    assert "at least 10" in assert_password_refused(setup, SHORT).message
    assert "common" in assert_password_refused(setup, COMMON).message
    assert "besides the user name" in assert_password_refused(setup, "Washington High 1").message
    assert not site_service.site_exists(tmp_path / "new")  # nothing half-created
    setup("the blue kettle sings")
    site_service.sign_in(tmp_path / "new", "pat", "the blue kettle sings", clock=clock).close()


def test_adding_an_account_applies_the_rules_with_the_site_name(admin):
    assert_password_refused(users.add_user, admin, "jlopez", COMMON, Role.NURSE)
    error = assert_password_refused(
        users.add_user, admin, "jlopez", "Lincoln High School Health Center!", Role.NURSE
    )
    assert "clinic's name" in error.message
    assert_password_refused(users.add_user, admin, "jlopez", "jlopez-2026", Role.NURSE)
    assert "jlopez" not in {u.username for u in users.list_users(admin)}
    users.add_user(admin, "jlopez", "jlopez plus a long phrase", Role.NURSE)


def test_changing_resetting_and_re_enabling_apply_the_rules(site, admin):
    with site.sign_in("nurse") as nurse:
        assert_password_refused(users.change_own_password, nurse, PASSWORDS["nurse"], SHORT)
    assert_password_refused(site_service.set_password, admin, "nurse", COMMON)
    users.disable_user(admin, "nurse")
    assert_password_refused(users.enable_user, admin, "nurse", "nurse-nurse")
    users.enable_user(admin, "nurse", "a fresh start for nurse")
    site.sign_in("nurse", "a fresh start for nurse").close()


def test_recovery_applies_the_rules(site):
    assert_password_refused(
        site_service.sign_in_with_recovery,
        site.data_dir,
        site.recovery_key,
        "clinician",
        COMMON,
        clock=site.clock,
    )
    site.sign_in("clinician").close()  # the refused reset changed nothing


def test_the_cli_reports_the_rule_and_exits_1(site):
    err = io.StringIO()
    code = admin_main(
        ["users", "add", "jlopez", "--role", "nurse", "--user", "admin", "--password-stdin",
         "--data-dir", str(site.data_dir)],
        stdin=io.StringIO(f"{PASSWORDS['admin']}\n{COMMON}\n"),
        stdout=io.StringIO(),
        stderr=err,
    )  # fmt: skip
    assert code == 1
    assert "password: is one of the most common passwords" in err.getvalue()


def test_a_decomposed_accent_opens_what_the_composed_one_set(site, admin, tmp_path):
    """Sign-in, the lock screen, a password change and a restore all normalise alike.
    (An IT account: only IT and administrators may restore.)"""
    users.add_user(admin, "chef", COMPOSED, Role.IT)
    site.sign_in("chef", DECOMPOSED).close()
    new = "pâte à choux 2026"
    with site.sign_in("chef", COMPOSED) as chef:
        site_service.confirm_identity(chef, DECOMPOSED)
        users.change_own_password(chef, DECOMPOSED, unicodedata.normalize("NFD", new))
    site.sign_in("chef", new).close()
    with site.sign_in("it") as it:
        kept = backup.backup_now(it, tmp_path / "usb")
    restored = tmp_path / "restored"
    decomposed = unicodedata.normalize("NFD", new)
    backup.restore_backup(kept.path, restored, username="chef", password=decomposed)
    site_service.sign_in(restored, "chef", new, clock=site.clock).close()
