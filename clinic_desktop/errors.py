"""Known errors: situations a user can meet and understand, each with a plain sentence.

Anything that is *not* a ``ClinicError`` is a bug. The UI shows known errors as a calm
message and bugs with a "Copy details" button; the CLI maps known errors to exit status 1.
Messages never contain personal data (names, dates of birth, notes, ids).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class ClinicError(Exception):
    """Base of every error the user is expected to understand and act on."""

    #: A short, plain sentence suitable for a dialog title or a CLI line.
    message: str = "The operation could not be completed."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        if message:
            self.message = message

    def __str__(self) -> str:
        return self.message


# --- opening the store -------------------------------------------------------------


class StoreError(ClinicError):
    """Something about the encrypted store on disk prevents opening or using it."""


class NoSiteError(StoreError):
    message = "No clinic has been set up in this data folder yet."


class SiteExistsError(StoreError):
    message = "A clinic is already set up in this data folder."


class WrongKeyError(StoreError):
    message = "The database key is wrong: this key does not open this clinic's database."


class NotADatabaseError(StoreError):
    message = "This file is not a clinic database (or belongs to another clinic)."


class DamagedDatabaseError(StoreError):
    message = (
        "The clinic database is damaged and cannot be read safely. "
        "Nothing has been changed; restore the latest backup or call IT."
    )


class KeyringMissingError(StoreError):
    message = (
        "The key file beside the clinic database is missing, so nobody can sign in. "
        "Restore it from a backup, or use the recovery key with IT."
    )


class DamagedKeyringError(StoreError):
    message = "The key file beside the clinic database is damaged. Restore it from a backup."


class StoreLockedError(StoreError):
    message = "The clinic database is busy in another window or program. Try again."


class DiskFullError(StoreError):
    message = "The disk is full. Nothing was saved; free some space and try again."


class StoreIOError(StoreError):
    message = "The computer could not read or write the clinic database (input/output error)."


# --- signing in ----------------------------------------------------------------------


class AuthError(ClinicError):
    """Sign-in refused."""


class WrongPasswordError(AuthError):
    message = "Wrong user name or password."


class WrongRecoveryKeyError(AuthError):
    message = "That recovery key does not open this clinic."


class TooManyAttemptsError(AuthError):
    """Sign-in attempted during the back-off delay after failures."""

    def __init__(self, wait_seconds: float) -> None:
        self.wait_seconds = max(1, round(wait_seconds))
        super().__init__(
            f"Too many failed attempts. Wait {self.wait_seconds} seconds and try again."
        )


class AccountLockedError(AuthError):
    message = (
        "This account is locked after too many failed sign-ins. An administrator can unlock it."
    )


class AccountDisabledError(AuthError):
    message = "This account is disabled. Ask an administrator."


# --- using the services --------------------------------------------------------------


class PermissionDeniedError(ClinicError):
    message = "Your role does not allow this."


class NotFoundError(ClinicError):
    message = "That record does not exist (it may have been removed)."


class ConflictError(ClinicError):
    message = "That conflicts with an existing record."


@dataclass(frozen=True)
class FieldError:
    """One invalid field: which one and why, in words a user understands."""

    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


class ValidationError(ClinicError):
    """Input rejected; ``errors`` names every invalid field and the reason."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: tuple[FieldError, ...] = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors) or "Invalid input.")

    @classmethod
    def check(cls, errors: Iterable[FieldError]) -> None:
        """Raise when ``errors`` is not empty: the last step of every validator."""
        problems = tuple(errors)
        if problems:
            raise cls(problems)

    def for_field(self, field: str) -> str | None:
        """The reason a given field was rejected, or None when it was fine."""
        return next((e.reason for e in self.errors if e.field == field), None)
