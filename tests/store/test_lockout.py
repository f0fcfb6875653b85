"""Growing delay, then an account lock; nothing sleeps: the clock is injected."""

import pytest

from clinic_desktop import errors
from clinic_desktop.domain.lockout import LockoutPolicy, delay_after
from clinic_desktop.services import users
from clinic_desktop.store import audit
from clinic_desktop.store.models import AuditEvent


def _fail(site):
    with pytest.raises(errors.WrongPasswordError):
        site.sign_in("nurse", "wrong-password")


def test_delay_grows_then_the_account_locks(site):
    _fail(site)  # the first mistake costs nothing
    _fail(site)
    with pytest.raises(errors.TooManyAttemptsError) as waited:
        site.sign_in("nurse")  # even the right password must wait
    assert waited.value.wait_seconds == 2
    site.clock.advance(seconds=2)
    _fail(site)
    with pytest.raises(errors.TooManyAttemptsError) as waited:
        site.sign_in("nurse")
    assert waited.value.wait_seconds == 4
    site.clock.advance(seconds=4)
    _fail(site)
    site.clock.advance(seconds=8)
    with pytest.raises(errors.AccountLockedError):
        site.sign_in("nurse", "wrong-password")  # the fifth failure locks
    site.clock.advance(hours=24)
    with pytest.raises(errors.AccountLockedError):
        site.sign_in("nurse")  # locked stays locked, right password or not


def test_admin_unlock_and_failures_reach_the_audit_log(site):
    for _ in range(2):
        _fail(site)
        site.clock.advance(seconds=60)
    with site.sign_in("admin") as session:
        users.unlock_user(session, "nurse")
        with session.read() as db:
            actions = [(e.action, e.username) for e in db.query(AuditEvent).order_by("seq")]
            assert audit.verify(db).ok
    assert actions.count(("signin_failed", "nurse")) == 2
    site.sign_in("nurse").close()


def test_success_resets_the_counter(site):
    _fail(site)
    site.sign_in("nurse").close()
    _fail(site)
    site.sign_in("nurse").close()  # no delay: the streak restarted


def test_delay_policy_is_capped():
    policy = LockoutPolicy(max_failures=50, max_delay_seconds=60)
    assert delay_after(1, policy).total_seconds() == 0
    assert delay_after(2, policy).total_seconds() == 2
    assert delay_after(30, policy).total_seconds() == 60


def test_lockout_threshold_is_configurable(tmp_path, clock):
    from clinic_desktop.services import site as site_service

    site_service.setup_site(
        tmp_path / "s",
        site_code="X1",
        site_name="X",
        admin_username="admin",
        admin_password="admin-pass-1234",
        policy=LockoutPolicy(max_failures=2, free_failures=5),
        clock=clock,
    )
    with pytest.raises(errors.WrongPasswordError):
        site_service.sign_in(tmp_path / "s", "admin", "bad-password", clock=clock)
    with pytest.raises(errors.AccountLockedError):
        site_service.sign_in(tmp_path / "s", "admin", "bad-password", clock=clock)
