"""Lockout on a full disk (issue 18, finding 14): a wrong guess that cannot be counted must
not be free, so sign-in is refused while the key file cannot be written, and the refusal
says the disk is full (it must not reveal whether the guess was right).

The refusal already held when these tests were written (``locked_keyring`` saves in
``finally``, and a failed save replaces the answer); the counting did not: guesses made
while the disk was full were forgotten."""

import pytest

from clinic_desktop import errors
from clinic_desktop.store import keyring as keyring_module
from tests.conftest import PASSWORDS


class FullDisk:
    """``fill()`` makes every key-file write fail as on a full disk (the atomic write raises
    DiskFullError); ``free()`` gives the room back. Its own patch, so freeing the disk
    leaves the suite's other patches (the cheap KDF, the temp folders) in place."""

    def __init__(self) -> None:
        self._patch = pytest.MonkeyPatch()

    def fill(self) -> None:
        def refuse(*_args, **_kwargs):
            raise errors.DiskFullError

        self._patch.setattr(keyring_module, "atomic_write_bytes", refuse)

    def free(self) -> None:
        self._patch.undo()


@pytest.fixture
def full_disk():
    disk = FullDisk()
    yield disk
    disk.free()


def test_sign_in_is_refused_alike_for_right_and_wrong_passwords_on_a_full_disk(site, full_disk):
    full_disk.fill()
    outcomes = set()
    for password in ("wrong-password", PASSWORDS["nurse"]) * 10:
        with pytest.raises(errors.ClinicError) as refused:
            site.sign_in("nurse", password).close()
        outcomes.add(type(refused.value))
    assert outcomes == {errors.DiskFullError}


def test_guesses_made_on_a_full_disk_still_count_once_it_has_room(site, full_disk):
    site.sign_in("admin").close()  # any sign-in with room keeps the counter space reserved
    full_disk.fill()
    for _ in range(10):
        with pytest.raises(errors.DiskFullError):
            site.sign_in("nurse", "wrong-password")
        site.clock.advance(seconds=120)
    full_disk.free()
    with pytest.raises(errors.AccountLockedError):
        site.sign_in("nurse")


def test_the_delay_applies_between_guesses_on_a_full_disk(site, full_disk):
    site.sign_in("admin").close()
    full_disk.fill()
    for _ in range(2):
        with pytest.raises(errors.DiskFullError):
            site.sign_in("nurse", "wrong-password")
    full_disk.free()
    with pytest.raises(errors.TooManyAttemptsError):
        site.sign_in("nurse")
