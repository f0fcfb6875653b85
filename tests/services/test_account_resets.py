"""Issue 18, finding 7: only administrators create or reset clinical (clinician, nurse)
and administrator accounts; IT manages IT accounts. Any reset forces a new password at
the next sign-in, and the owner is told who reset it and when."""

import io
import re

import pytest

from clinic_desktop import errors
from clinic_desktop.cli.admin import main as admin_main
from clinic_desktop.domain.roles import Role, assignable_roles
from clinic_desktop.services import site as site_service
from clinic_desktop.services import students, users
from tests.conftest import PASSWORDS

NEW = "a fresh start with words"
ALLOWED = {
    ("admin", Role.CLINICIAN): True,
    ("admin", Role.NURSE): True,
    ("admin", Role.ADMIN): True,
    ("admin", Role.IT): True,
    ("it", Role.CLINICIAN): False,
    ("it", Role.NURSE): False,
    ("it", Role.ADMIN): False,
    ("it", Role.IT): True,
}


@pytest.mark.parametrize(("actor", "target"), list(ALLOWED))
def test_create_account_cell(site, actor, target):
    with site.sign_in(actor) as session:
        if ALLOWED[actor, target]:
            users.add_user(session, "newcomer", NEW, target)
            site.sign_in("newcomer", NEW).close()
        else:
            with pytest.raises(errors.PermissionDeniedError):
                users.add_user(session, "newcomer", NEW, target)
            with pytest.raises(errors.WrongPasswordError):
                site.sign_in("newcomer", NEW)


@pytest.mark.parametrize(("actor", "target"), list(ALLOWED))
def test_reset_password_cell(site, actor, target):
    with site.sign_in("admin") as admin:
        users.add_user(admin, "target", PASSWORDS["nurse"], target)
    with site.sign_in(actor) as session:
        if ALLOWED[actor, target]:
            site_service.set_password(session, "target", NEW)
        else:
            with pytest.raises(errors.PermissionDeniedError):
                site_service.set_password(session, "target", NEW)
    if ALLOWED[actor, target]:
        with pytest.raises(errors.WrongPasswordError):
            site.sign_in("target", PASSWORDS["nurse"])
        with site.sign_in("target", NEW) as owner:
            assert owner.password_reset is not None
            assert owner.password_reset.by == actor
    else:
        site.sign_in("target", PASSWORDS["nurse"]).close()  # untouched


@pytest.mark.parametrize("target", ["clinician", "nurse", "admin"])
def test_it_cannot_re_enable_a_clinical_or_admin_account(site, target):
    with site.sign_in("admin") as admin:
        users.add_user(admin, "second", PASSWORDS["admin"], Role.ADMIN)
    with site.sign_in("second", PASSWORDS["admin"]) as admin:
        users.disable_user(admin, target)
    with site.sign_in("it") as it, pytest.raises(errors.PermissionDeniedError):
        users.enable_user(it, target, NEW)


def test_roles_offered_follow_the_rule():
    assert assignable_roles(Role.IT) == (Role.IT,)
    assert assignable_roles(Role.ADMIN) == (Role.CLINICIAN, Role.NURSE, Role.IT, Role.ADMIN)
    assert assignable_roles(Role.CLINICIAN) == ()


def test_a_reset_account_may_only_choose_a_new_password(site):
    with site.sign_in("admin") as admin:
        site_service.set_password(admin, "clinician", NEW)
    with site.sign_in("clinician", NEW) as session:
        notice = session.password_reset
        assert notice.by == "admin" and notice.at == site.clock()
        with pytest.raises(errors.PasswordChangeRequiredError):
            students.search_students(session, "a")
        users.change_own_password(session, NEW, "my own words again")
        assert session.password_reset is None
        students.search_students(session, "a")  # allowed now
    with site.sign_in("clinician", "my own words again") as session:
        assert session.password_reset is None


def test_recovery_key_reset_is_told_at_the_next_sign_in(site):
    site_service.sign_in_with_recovery(
        site.data_dir, site.recovery_key, "nurse", NEW, clock=site.clock
    ).close()
    with site.sign_in("nurse", NEW) as session:
        assert session.password_reset.by == site_service.RECOVERY_KEY


def _admin_cli(site, *args, stdin):
    return admin_main(
        [*args, "--data-dir", str(site.data_dir), "--password-stdin"],
        stdin=io.StringIO(stdin),
    )


def test_cli_it_is_refused_a_clinical_account_and_a_reset_owner_is_told(site, capsys):
    code = _admin_cli(
        site,
        "users",
        "add",
        "doc",
        "--role",
        "clinician",
        "--user",
        "it",
        stdin=f"{PASSWORDS['it']}\n{NEW}\n{NEW}\n",
    )
    assert code == 1 and "does not allow" in capsys.readouterr().err
    code = _admin_cli(
        site,
        "users",
        "passwd",
        "nurse",
        "--user",
        "admin",
        stdin=f"{PASSWORDS['admin']}\n{NEW}\n{NEW}\n",
    )
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    code = _admin_cli(site, "info", "--user", "nurse", stdin=f"{NEW}\n")
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"reset by admin on \d{4}-\d\d-\d\d \d\d:\d\d", err)
    assert "clinic-admin users passwd --user nurse" in err
    code = _admin_cli(
        site, "users", "passwd", "--user", "nurse", stdin=f"{NEW}\nnurse words of my own\n" * 2
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert re.search(r"reset by admin on \d{4}-\d\d-\d\d \d\d:\d\d", out.out)
    site.sign_in("nurse", "nurse words of my own").close()


def test_the_reset_password_cannot_be_kept(site):
    with site.sign_in("admin") as admin:
        site_service.set_password(admin, "nurse", NEW)
    with site.sign_in("nurse", NEW) as session:
        with pytest.raises(errors.ValidationError) as caught:
            site_service.set_password(session, "nurse", NEW)
        assert caught.value.for_field("password")
        assert session.password_reset is not None
    with site.sign_in("nurse", NEW) as session:  # the refusal counted no failure
        site_service.set_password(session, "nurse", "nurse words of my own")
