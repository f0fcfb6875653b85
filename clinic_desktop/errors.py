"""Known errors: situations a user can meet and understand, each with a plain sentence.

Anything that is *not* a ``ClinicError`` is a bug. The UI shows known errors as a calm
message and bugs with a "Copy details" button; the CLI maps known errors to exit status 1.
Messages never contain personal data (names, dates of birth, notes, ids).

Every message is data (``clinic_desktop.messages``): a template and its parameters, which
the UI translates and the CLI prints in English. A class's default ``message`` is a plain
literal, a template without parameters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from clinic_desktop.messages import FieldName, Localized, Message, as_message, join, msg


class ClinicError(Exception):
    """Base of every error the user is expected to understand and act on."""

    #: A short, plain sentence suitable for a dialog title or a CLI line (an instance
    #: always carries it as a ``Message``).
    message: Message | Localized | str = "The operation could not be completed."

    def __init__(self, message: str | None = None) -> None:
        self.message = as_message(message or type(self).message)
        super().__init__(self.message)

    def __str__(self) -> str:
        return str(self.message)


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


class FolderNotWritableError(StoreError):
    """A folder refused a write for a reason other than space: read-only media or file
    system, or an account without write permission (EROFS, EACCES, EPERM)."""

    message = (
        "The folder cannot be written to: it is read-only, or this account may not write "
        "there. Nothing was changed; ask IT to make it writable."
    )

    @classmethod
    def at(cls, folder: object) -> FolderNotWritableError:
        """The error naming ``folder`` (a path: data, never personal)."""
        return cls(
            msg(
                "The folder {folder} cannot be written to: it is read-only, or this account "
                "may not write there. Nothing was changed; ask IT to make it writable.",
                folder=str(folder),
            )
        )


class KeyRotationError(StoreError):
    """A change was made that needs a new database key, and the rotation failed."""

    message = "The database key could not be rotated. Run clinic-admin rekey."


class StoreIOError(StoreError):
    message = "The computer could not read or write the clinic database (input/output error)."


# --- exporting a batch to a folder (a USB stick) ------------------------------------


class ExportTargetError(ClinicError):
    """The export folder refused the batch: nothing was recorded, the number is kept."""

    message = (
        "The batch could not be written to the chosen folder (the USB stick may be failing "
        "or was removed). Nothing was recorded: the next export makes this batch again."
    )


class ExportTargetFullError(ExportTargetError):
    message = (
        "The chosen folder's disk (the USB stick) is full: the batch was not written and "
        "nothing was recorded. Free some space or use another stick, then export again."
    )


class ExportTargetReadOnlyError(ExportTargetError):
    message = (
        "The chosen folder cannot be written to (read-only, or you are not allowed): the "
        "batch was not written and nothing was recorded. Choose another folder or stick."
    )


class ExportNotVerifiedError(ExportTargetError):
    message = (
        "The batch did not read back correctly from the chosen folder (the USB stick may be "
        "full or failing). It was removed and nothing was recorded: export again, onto "
        "another stick if this repeats."
    )


# --- signing in ----------------------------------------------------------------------


class AuthError(ClinicError):
    """Sign-in refused."""


class WrongPasswordError(AuthError):
    message = "Wrong user name or password."


class WrongOwnPasswordError(WrongPasswordError):
    """The signed-in user's own password was refused (the lock screen asks only for it, so
    naming the user name would send them looking for a mistake they cannot have made)."""

    message = "Wrong password."


class WrongRecoveryKeyError(AuthError):
    message = "That recovery key does not open this clinic."


class TooManyAttemptsError(AuthError):
    """Sign-in attempted during the back-off delay after failures."""

    def __init__(self, wait_seconds: float) -> None:
        self.wait_seconds = max(1, round(wait_seconds))
        super().__init__(
            msg(
                "Too many failed attempts. Wait {wait_seconds} seconds and try again.",
                wait_seconds=self.wait_seconds,
            )
        )


class AccountLockedError(AuthError):
    message = (
        "This account is locked after too many failed sign-ins. An administrator can unlock it."
    )


class AccountDisabledError(AuthError):
    message = "This account is disabled. Ask an administrator."


# --- using the services --------------------------------------------------------------


class PasswordChangeRequiredError(AuthError):
    message = "Your password was reset by someone else: choose a new password before anything else."


class PermissionDeniedError(ClinicError):
    message = "Your role does not allow this."


class NotFoundError(ClinicError):
    message = "That record does not exist (it may have been removed)."


class ConflictError(ClinicError):
    message = "That conflicts with an existing record."


class OpenAcuteFlagError(ConflictError):
    """ "Returned to class" while the student has an open acute risk flag: allowed only
    with a reason a person confirms (``services.visits``)."""

    message = (
        "This student has an open acute risk flag. To mark the visit "
        "\u201cReturned to class\u201d, confirm why the student may go back to class."
    )


@dataclass(frozen=True)
class FieldError:
    """One invalid field: which one and why, in words a user understands.

    ``reason`` is message data ("is required", or a template with parameters); a plain
    literal is accepted and kept as a ``Message`` without parameters.
    """

    field: str
    reason: Message | Localized

    def __post_init__(self) -> None:
        object.__setattr__(self, "reason", as_message(self.reason))

    def __str__(self) -> str:
        return str(self.sentence())

    def sentence(self) -> Message:
        """ "date_of_birth: cannot be in the future" in English; the UI names the field by
        its label."""
        return msg("{field}: {reason}", field=FieldName(self.field), reason=self.reason)


class ValidationError(ClinicError):
    """Input rejected; ``errors`` names every invalid field and the reason.

    The message lists the fields one per line (never one joined sentence), each still
    its own message, so the UI translates each.
    """

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: tuple[FieldError, ...] = tuple(errors)
        lines = join((e.sentence() for e in self.errors), "\n")
        super().__init__(lines if self.errors else "Invalid input.")

    @classmethod
    def check(cls, errors: Iterable[FieldError]) -> None:
        """Raise when ``errors`` is not empty: the last step of every validator."""
        problems = tuple(errors)
        if problems:
            raise cls(problems)

    def for_field(self, field: str) -> Message | Localized | None:
        """The reason a given field was rejected, or None when it was fine."""
        return next((e.reason for e in self.errors if e.field == field), None)
