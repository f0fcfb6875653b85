"""Key slots beside the database, in the manner of LUKS.

The database is encrypted with 32 random bytes (the *database key*). Nobody types that
key; instead each staff account and the printed recovery key own a *slot* in
``keyring.json``:

- an X25519 key pair; its private half encrypted (AES-GCM) under a key derived from the
  password with Argon2id (parameters and salt stored in the slot);
- the database key sealed to the slot's public key.

Changing a password rewrites one slot; adding a user seals the key to a new slot; removing
a user deletes theirs. Because the database key is sealed to *public* keys, rotating it
(``PRAGMA rekey``) can re-wrap every slot without anybody's password. Rotation is two-phase
(``begin_rekey`` stores the new key as *pending* in every slot before the database is
rekeyed, ``finish_rekey`` promotes it), so a crash at any point leaves a key that opens the
database.

The file reveals nothing without a password: slots are labelled with an HMAC of the user
name, and the key id is an HMAC of the key. Failed sign-ins are counted here because the
database cannot be opened to record them; they are moved into the audit log at the next
successful sign-in. Every write is atomic (temp file, fsync, rename) under a file lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from clinic_desktop import errors
from clinic_desktop.domain.lockout import LockoutPolicy, is_locked_out, retry_after
from clinic_desktop.fsutil import atomic_write_bytes, raise_write_error, read_regular
from clinic_desktop.messages import msg
from clinic_desktop.store import crypto
from clinic_desktop.store.crypto import DecryptionFailed, KdfParams

FORMAT = "clinic-desktop-keyring/1"
RECOVERY_LABEL = "recovery"

#: The shortest Argon2id salt a slot may carry (new slots get 16 bytes).
MIN_SALT_BYTES = 8
#: Far more than any key file (a slot is under 1 KB): a larger file is not one.
MAX_KEYRING_BYTES = 16 * 1024 * 1024
#: Why a key file that exists could not be read at all.
UNREADABLE = msg(
    "The key file beside the clinic database cannot be read (a folder in its place, or this "
    "account may not read it). Call IT."
)

#: Cost used for new slots; tests replace it with a cheap one.
DEFAULT_KDF = KdfParams()

try:  # POSIX advisory lock; Windows relies on the single-instance lock of the app.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class ResetNotice:
    """Someone else set this account's password: who, and when (UTC). Sealed to the slot's
    public key, so only the account's owner reads it; the slot's next password (the
    owner's own) clears it."""

    by: str
    at: datetime


@dataclass(frozen=True)
class UnlockedKeys:
    """The database key a slot opened, and the pending one while a rotation is unfinished;
    ``reset`` when the password was set by someone else and must be replaced now."""

    current: bytes
    pending: bytes | None = None
    reset: ResetNotice | None = None


class Keyring:
    """The parsed key file. Mutations happen in memory; ``save`` writes atomically."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = Path(path)
        self._data = data

    # --- creation, loading, saving -------------------------------------------------

    @classmethod
    def create(cls, path: Path, db_key: bytes, policy: LockoutPolicy | None = None) -> Keyring:
        data = {
            "format": FORMAT,
            "key_id": crypto.key_id(db_key),
            "pending_key_id": None,
            "db_salt": None,
            "label_salt": crypto.b64(secrets.token_bytes(16)),
            "policy": (policy or LockoutPolicy()).to_json(),
            "slots": [],
            "events": [],
        }
        return cls(path, data)

    @classmethod
    def load(cls, path: Path) -> Keyring:
        try:
            raw = read_regular(Path(path), MAX_KEYRING_BYTES)  # never waits on a FIFO
        except FileNotFoundError:
            raise errors.KeyringMissingError from None
        except OSError as exc:  # a folder in its place, no permission, an I/O error
            raise errors.DamagedKeyringError(UNREADABLE) from exc
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != FORMAT or not isinstance(data.get("slots"), list):
                raise ValueError("not a keyring")
            for slot in data["slots"]:
                _check_slot_shape(slot)
            LockoutPolicy.from_json(data["policy"])
            crypto.unb64(data["label_salt"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise errors.DamagedKeyringError from exc
        return cls(path, data)

    def save(self) -> None:
        text = json.dumps(self._data, indent=1, sort_keys=True)
        atomic_write_bytes(self.path, text.encode("utf-8"), mode=0o600)

    # --- properties ------------------------------------------------------------------

    @property
    def key_id(self) -> str:
        return self._data["key_id"]

    @property
    def db_salt(self) -> bytes | None:
        salt = self._data.get("db_salt")
        return bytes.fromhex(salt) if salt else None

    @db_salt.setter
    def db_salt(self, value: bytes) -> None:
        self._data["db_salt"] = value.hex()

    @property
    def policy(self) -> LockoutPolicy:
        return LockoutPolicy.from_json(self._data["policy"])

    @policy.setter
    def policy(self, value: LockoutPolicy) -> None:
        self._data["policy"] = value.to_json()

    @property
    def rekey_pending(self) -> bool:
        return self._data.get("pending_key_id") is not None

    def label(self, username: str) -> str:
        return crypto.label_for(crypto.unb64(self._data["label_salt"]), username)

    def has_user(self, username: str) -> bool:
        return self._slot(self.label(username)) is not None

    def is_locked(self, username: str) -> bool:
        slot = self._slot(self.label(username))
        return bool(slot and slot["locked"])

    # --- slot management (callers hold the database key) ------------------------------

    def set_user_password(self, username: str, password: str, db_key: bytes) -> None:
        """Create or replace ``username``'s slot so ``password`` opens ``db_key``."""
        self._put_slot(self.label(username), "user", password, db_key)

    def mark_reset(self, username: str, by: str, at: datetime) -> None:
        """Record in ``username``'s slot that ``by`` set its password at ``at``: the owner
        is told at sign-in and must choose a new password before anything else."""
        slot = self._slot(self.label(username))
        if slot is None:
            raise errors.NotFoundError("No such user.")
        notice = json.dumps({"by": by, "at": at.isoformat()}).encode("utf-8")
        slot["reset_notice"] = crypto.seal(
            crypto.unb64(slot["public_key"]), notice, _reset_aad(slot)
        )

    def set_recovery_key(self, recovery_key: str, db_key: bytes) -> None:
        secret = crypto.normalize_recovery_key(recovery_key)
        self._put_slot(RECOVERY_LABEL, "recovery", secret, db_key)

    def remove_user(self, username: str) -> bool:
        """Delete the user's slot; their password no longer opens anything."""
        label = self.label(username)
        before = len(self._data["slots"])
        self._data["slots"] = [s for s in self._data["slots"] if s["label"] != label]
        return len(self._data["slots"]) < before

    def reset_lockout(self, username: str) -> None:
        slot = self._slot(self.label(username))
        if slot is not None:
            slot.update(failures=0, last_failure_at=None, locked=False)

    def counters(self) -> dict[str, Any]:
        """The lockout counters of every slot with failures or a lock, by label."""
        keep = ("failures", "last_failure_at", "locked")
        return {
            s["label"]: {k: s[k] for k in keep}
            for s in self._data["slots"]
            if s["failures"] or s["locked"]
        }

    def merge_counters(self, counters: dict[str, Any]) -> None:
        """Take counters kept while the key file could not be saved, where they are worse
        (more failures, or locked); a malformed entry is skipped."""
        for label, record in counters.items():
            slot = self._slot(str(label))
            try:
                failures, locked = int(record["failures"]), record["locked"] is True
                last = record["last_failure_at"]
                if last is not None:
                    datetime.fromisoformat(last)
            except (KeyError, TypeError, ValueError):
                continue
            if slot is None:
                continue
            if failures > int(slot["failures"]):
                slot.update(failures=failures, last_failure_at=last)
            slot["locked"] = bool(slot["locked"]) or locked

    def user_labels(self) -> list[str]:
        return [s["label"] for s in self._data["slots"] if s["kind"] == "user"]

    # --- unlocking -------------------------------------------------------------------

    def unlock_user(self, username: str, password: str, now: datetime) -> UnlockedKeys:
        """Open the user's slot, enforcing the back-off delay and the lockout.

        Failures change the slot's counters in memory; the caller saves in all cases
        (``attempt_unlock`` does).
        """
        label = self.label(username)
        slot = self._slot(label)
        policy = self.policy
        if slot is None:
            # Spend the same effort as a real attempt so timing does not reveal user names.
            crypto.derive_key(password, b"\0" * 16, DEFAULT_KDF)
            self._event(now, "signin_unknown_user", None)
            raise errors.WrongPasswordError
        if slot["locked"]:
            self._event(now, "signin_while_locked", label)
            raise errors.AccountLockedError
        if slot["last_failure_at"]:
            earliest = retry_after(
                slot["failures"], datetime.fromisoformat(slot["last_failure_at"]), policy
            )
            if now < earliest:
                raise errors.TooManyAttemptsError((earliest - now).total_seconds())
        try:
            private = self._open_private(slot, password)
        except DecryptionFailed:
            slot["failures"] += 1
            slot["last_failure_at"] = now.isoformat()
            self._event(now, "signin_failed", label)
            if is_locked_out(slot["failures"], policy):
                slot["locked"] = True
                self._event(now, "account_locked", label)
                raise errors.AccountLockedError from None
            raise errors.WrongPasswordError from None
        slot.update(failures=0, last_failure_at=None)
        return self._keys(slot, private)

    def unlock_recovery(self, recovery_key: str) -> UnlockedKeys:
        slot = self._slot(RECOVERY_LABEL)
        if slot is None:
            raise errors.WrongRecoveryKeyError("This clinic has no recovery key slot.")
        try:
            private = self._open_private(slot, crypto.normalize_recovery_key(recovery_key))
        except DecryptionFailed:
            raise errors.WrongRecoveryKeyError from None
        return self._keys(slot, private)

    # --- key rotation ----------------------------------------------------------------

    def begin_rekey(self, new_key: bytes) -> None:
        """Seal ``new_key`` as pending in every slot; the database is rekeyed next."""
        pending_id = crypto.key_id(new_key)
        self._data["pending_key_id"] = pending_id
        for slot in self._data["slots"]:
            slot["pending_db_key"] = crypto.seal(
                crypto.unb64(slot["public_key"]), new_key, _key_aad(slot, pending_id)
            )

    def finish_rekey(self) -> None:
        """Promote the pending key once the database is encrypted with it."""
        pending_id = self._data["pending_key_id"]
        if pending_id is None:
            return
        for slot in self._data["slots"]:
            slot["db_key"] = slot.pop("pending_db_key")
        self._data["key_id"] = pending_id
        self._data["pending_key_id"] = None

    def abandon_rekey(self) -> None:
        """Forget a pending key that never reached the database."""
        for slot in self._data["slots"]:
            slot.pop("pending_db_key", None)
        self._data["pending_key_id"] = None

    # --- events awaiting the audit log -----------------------------------------------

    def take_events(self) -> list[dict[str, Any]]:
        """Hand over (and forget) sign-in events recorded while the database was closed."""
        events, self._data["events"] = self._data["events"], []
        return events

    # --- internals -------------------------------------------------------------------

    def _slot(self, label: str) -> dict[str, Any] | None:
        return next((s for s in self._data["slots"] if s["label"] == label), None)

    def _put_slot(self, label: str, kind: str, secret: str, db_key: bytes) -> None:
        if crypto.key_id(db_key) != self.key_id:
            raise errors.WrongKeyError
        params = DEFAULT_KDF
        salt = secrets.token_bytes(16)
        private, public = crypto.new_keypair()
        slot: dict[str, Any] = {
            "id": secrets.token_hex(8),
            "label": label,
            "kind": kind,
            "kdf": {**params.to_json(), "salt": crypto.b64(salt)},
            "public_key": crypto.b64(public),
            "failures": 0,
            "last_failure_at": None,
            "locked": False,
        }
        kek = crypto.derive_key(secret, salt, params)
        slot["private_key"] = crypto.aead_encrypt(kek, private, _private_aad(slot))
        slot["db_key"] = crypto.seal(public, db_key, _key_aad(slot, self.key_id))
        self._data["slots"] = [s for s in self._data["slots"] if s["label"] != label]
        self._data["slots"].append(slot)

    def _open_private(self, slot: dict[str, Any], secret: str) -> bytes:
        params = KdfParams.from_json(slot["kdf"])
        kek = crypto.derive_key(secret, crypto.unb64(slot["kdf"]["salt"]), params)
        return crypto.aead_decrypt(kek, slot["private_key"], _private_aad(slot))

    def _keys(self, slot: dict[str, Any], private: bytes) -> UnlockedKeys:
        try:
            current = crypto.unseal(private, slot["db_key"], _key_aad(slot, self.key_id))
            pending = None
            if self.rekey_pending and "pending_db_key" in slot:
                pending_id = self._data["pending_key_id"]
                pending = crypto.unseal(private, slot["pending_db_key"], _key_aad(slot, pending_id))
            reset = _reset_notice(slot, private)
        except (DecryptionFailed, ValueError, KeyError, TypeError) as exc:
            raise errors.DamagedKeyringError from exc
        return UnlockedKeys(current=current, pending=pending, reset=reset)

    def _event(self, now: datetime, event: str, label: str | None) -> None:
        self._data["events"].append({"at": now.isoformat(), "event": event, "label": label})
        del self._data["events"][:-200]  # bounded: a script hammering sign-in cannot grow it


def _private_aad(slot: dict[str, Any]) -> bytes:
    return f"{FORMAT}|private|{slot['id']}|{slot['label']}".encode()


def _key_aad(slot: dict[str, Any], key_id: str) -> bytes:
    return f"{FORMAT}|db-key|{slot['id']}|{key_id}".encode()


def _reset_aad(slot: dict[str, Any]) -> bytes:
    return f"{FORMAT}|reset|{slot['id']}|{slot['label']}".encode()


def _reset_notice(slot: dict[str, Any], private: bytes) -> ResetNotice | None:
    box = slot.get("reset_notice")
    if box is None:
        return None
    data = json.loads(crypto.unseal(private, box, _reset_aad(slot)).decode("utf-8"))
    return ResetNotice(str(data["by"]), datetime.fromisoformat(data["at"]))


def _check_slot_shape(slot: dict[str, Any]) -> None:
    for name in ("id", "label", "kind", "kdf", "public_key", "private_key", "db_key"):
        if name not in slot:
            raise KeyError(name)
    KdfParams.from_json(slot["kdf"])
    if len(crypto.unb64(slot["kdf"]["salt"])) < MIN_SALT_BYTES:
        raise ValueError("salt too short")
    int(slot["failures"])


@contextlib.contextmanager
def locked_keyring(path: Path) -> Iterator[Keyring]:
    """Load the keyring under an exclusive lock, yield it, and save it on the way out.

    It is saved even when the body raises, so a failed sign-in's counters persist. When the
    save itself fails (a full disk), its error replaces the body's answer: a guess is refused
    without saying whether it was right. Its counters are then kept in the lock file's
    reserved bytes (overwritten in place, so they need no new space) and merged at the next
    load: a guess made on a full disk still counts.
    """
    lock_path = Path(path).with_name(Path(path).name + ".lock")
    try:
        lock_path.touch(mode=0o600, exist_ok=True)
        lock_file = lock_path.open("r+b")  # not append mode: counters are written at 0
    except OSError as exc:  # a read-only folder: no attempt can be counted, so none is made
        if not Path(path).exists():
            raise errors.KeyringMissingError from None
        raise_write_error(exc, lock_path.parent)
    with lock_file:
        if fcntl is not None:
            fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX)
        keyring = Keyring.load(path)
        keyring.merge_counters(_read_counters(lock_file.fileno()))
        try:
            yield keyring
        finally:
            _save_or_keep_counters(keyring, lock_file.fileno())


#: Bytes kept allocated in ``keyring.json.lock`` for counters a full disk kept from saving.
COUNTER_RESERVE = 16 * 1024


def _save_or_keep_counters(keyring: Keyring, fd: int) -> None:
    try:
        keyring.save()
    except errors.DiskFullError:
        _write_counters(fd, keyring.counters())
        raise
    # Saved: clear the pending counters, and keep the reserve allocated while there is room.
    with contextlib.suppress(OSError):
        _write_counters(fd, {})


def _write_counters(fd: int, counters: dict[str, Any]) -> None:
    data = json.dumps(counters, separators=(",", ":")).encode("ascii")
    if len(data) <= COUNTER_RESERVE:
        os.pwrite(fd, data.ljust(COUNTER_RESERVE, b" "), 0)
        os.fsync(fd)


def _read_counters(fd: int) -> dict[str, Any]:
    """Counters a full disk kept out of the key file; a torn or foreign record is ignored
    (it can lose pending counts, never the key file)."""
    try:
        text = os.pread(fd, COUNTER_RESERVE, 0).strip()
        counters = json.loads(text) if text else {}
    except (OSError, ValueError):
        return {}
    return counters if isinstance(counters, dict) else {}


def attempt_unlock(path: Path, username: str, password: str, now: datetime) -> UnlockedKeys:
    """One sign-in attempt against the key file, persisting counters whatever happens."""
    with locked_keyring(path) as keyring:
        return keyring.unlock_user(username, password, now)
