"""Keys for batches: the district's age (X25519) key pair and each site's Ed25519 key.

* The district runs ``clinic-sync keygen``: ``district.key`` is an age identity (the same
  text ``age -d -i district.key`` reads), created 0600 and never overwritten, because
  losing it makes every batch unreadable; ``provisioning.json`` carries the public
  recipient and the district's name to the sites.
* A site is provisioned with that file; it draws its own Ed25519 signing key, which stays
  inside the encrypted store, and hands out a ``.pub`` file for the district's trust
  folder. A batch is accepted only when signed by the trusted key *of the site it names*,
  so one site cannot speak for another.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from clinic_desktop.domain.deidentify import ExportProfile
from clinic_desktop.errors import ClinicError
from clinic_desktop.fsutil import FileTooLargeError, atomic_write_bytes, read_regular
from clinic_desktop.messages import Message, msg

PROVISIONING_FORMAT = "clinic-district-provisioning/1"
SITE_KEY_FORMAT = "clinic-site-key/1"
DISTRICT_KEY_NAME = "district.key"
PROVISIONING_NAME = "provisioning.json"
MAX_KEY_FILE_BYTES = 64 * 1024


class SyncKeyError(ClinicError):
    """A key or provisioning file is missing, unsafe or malformed."""


# --- the district's key pair ------------------------------------------------------------


_TEXT_MAX = 200


@dataclass(frozen=True)
class DataUseAgreement:
    """The agreement a limited data set needs (45 CFR 164.514(e)(4)): who receives the data,
    for what, until when. The site shows it before accepting; export stops after expiry."""

    agreement_id: str
    recipient: str
    permitted_uses: tuple[str, ...]
    expires_on: date

    def in_force(self, today: date) -> bool:
        """Whether a batch may still be exported on ``today`` (the expiry day included)."""
        return today <= self.expires_on

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.agreement_id,
            "recipient": self.recipient,
            "permitted_uses": list(self.permitted_uses),
            "expires": self.expires_on.isoformat(),
        }

    @classmethod
    def from_json(cls, data: object) -> DataUseAgreement:
        """The agreement of a provisioning file, or SyncKeyError naming what is wrong."""
        if not isinstance(data, dict):
            raise SyncKeyError("The provisioning file's data use agreement is missing.")
        uses = data.get("permitted_uses")
        if not isinstance(uses, list) or not uses or not all(_short_text(u) for u in uses):
            raise SyncKeyError("The data use agreement lists no permitted uses.")
        fields_ok = _short_text(data.get("id")) and _short_text(data.get("recipient"))
        if not fields_ok:
            raise SyncKeyError("The data use agreement needs an id and a recipient.")
        try:
            expires = date.fromisoformat(str(data.get("expires")))
        except ValueError as exc:
            raise SyncKeyError("The data use agreement's expiry is not a date.") from exc
        return cls(
            str(data["id"]).strip(),
            str(data["recipient"]).strip(),
            tuple(str(u).strip() for u in uses),
            expires,
        )


def check_profile(profile: ExportProfile, agreement: DataUseAgreement | None) -> None:
    """A limited data set comes with its agreement, and only it does (SyncKeyError)."""
    if (profile is ExportProfile.LIMITED_DATA_SET) != (agreement is not None):
        raise SyncKeyError(
            "A limited data set needs a data use agreement, and only a limited data set "
            "takes one (45 CFR 164.514(e))."
        )


def _short_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and len(value) <= _TEXT_MAX


@dataclass(frozen=True)
class Provisioning:
    """What a site needs to send batches to a district: its name and age recipient, the
    export profile the district chose, and (limited-data-set only) the agreement."""

    district: str
    recipient: str
    profile: ExportProfile = ExportProfile.SAFE_HARBOR
    agreement: DataUseAgreement | None = field(default=None)

    def __post_init__(self) -> None:
        check_profile(self.profile, self.agreement)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": PROVISIONING_FORMAT,
            "district": self.district,
            "recipient": self.recipient,
            "profile": str(self.profile),
        }
        if self.agreement is not None:
            data["agreement"] = self.agreement.to_json()
        return data

    def to_bytes(self) -> bytes:
        return (json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> Provisioning:
        """Parse and check a provisioning file (the recipient must be a valid age key).

        A file without ``profile`` (written before profiles existed) means safe-harbor."""
        data = _json_object(raw, msg("provisioning file"))
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Provisioning:
        if data.get("format") != PROVISIONING_FORMAT:
            raise SyncKeyError("This is not a district provisioning file (clinic-sync keygen).")
        district = data.get("district")
        if not isinstance(district, str) or not district.strip() or len(district) > _TEXT_MAX:
            raise SyncKeyError("The provisioning file has no valid district name.")
        try:
            profile = ExportProfile(data.get("profile", ExportProfile.SAFE_HARBOR))
        except ValueError as exc:
            raise SyncKeyError(
                "The provisioning file names an unknown export profile "
                "(safe-harbor or limited-data-set)."
            ) from exc
        agreement = None
        if profile is ExportProfile.LIMITED_DATA_SET or "agreement" in data:
            agreement = DataUseAgreement.from_json(data.get("agreement"))
        return cls(district.strip(), recipient_text(data.get("recipient")), profile, agreement)


def recipient_text(value: object) -> str:
    """``value`` if it is a valid age X25519 recipient ("age1..."), else SyncKeyError."""
    try:
        return str(pyrage.x25519.Recipient.from_str(str(value)))
    except (pyrage.RecipientError, ValueError) as exc:
        raise SyncKeyError("The district's public key is not a valid age recipient.") from exc


def generate_district_keys(
    out_dir: Path,
    district: str,
    *,
    profile: ExportProfile = ExportProfile.SAFE_HARBOR,
    agreement: DataUseAgreement | None = None,
) -> Provisioning:
    """Create ``district.key`` (0600) and ``provisioning.json`` in ``out_dir``."""
    district = district.strip()
    if not district or len(district) > 200:
        raise SyncKeyError("Give the district a name (at most 200 characters).")
    check_profile(profile, agreement)  # before a key exists that could not be used
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # an existing folder keeps its mode
    except OSError as exc:  # a file in its place, a read-only or missing drive
        raise SyncKeyError(msg("{folder} cannot be used as a folder.", folder=str(folder))) from exc
    key_path = folder / DISTRICT_KEY_NAME
    if key_path.exists():
        raise SyncKeyError(
            msg(
                "{key_path} already exists; refusing to overwrite it (every batch sent to it "
                "would become unreadable). Choose another folder.",
                key_path=key_path,
            )
        )
    identity = pyrage.x25519.Identity.generate()
    atomic_write_bytes(key_path, (str(identity) + "\n").encode("ascii"), mode=0o600)
    provisioning = Provisioning(district, str(identity.to_public()), profile, agreement)
    atomic_write_bytes(folder / PROVISIONING_NAME, provisioning.to_bytes(), mode=0o644)
    return provisioning


def load_identity(path: Path) -> pyrage.x25519.Identity:
    """The district's private key; refused when other users could read the file."""
    path = Path(path)
    try:
        if os.name == "posix" and path.stat().st_mode & 0o077:
            raise SyncKeyError(
                msg("{path} is readable by other users; run: chmod 600 {path}", path=path)
            )
        text = read_regular(path, MAX_KEY_FILE_BYTES).decode("ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SyncKeyError(msg("Cannot read the district key {path}.", path=path)) from exc
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    try:
        return pyrage.x25519.Identity.from_str(lines[0] if lines else "")
    except (pyrage.IdentityError, ValueError) as exc:
        raise SyncKeyError(msg("{path} is not an age private key.", path=path)) from exc


# --- the site's signing key -------------------------------------------------------------


def new_signing_key() -> bytes:
    """32 random bytes: a fresh Ed25519 private key in raw form (kept in the store)."""
    return Ed25519PrivateKey.generate().private_bytes_raw()


def public_key_of(private_raw: bytes) -> bytes:
    return (
        Ed25519PrivateKey.from_private_bytes(private_raw)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )


def sign(private_raw: bytes, data: bytes) -> bytes:
    """The Ed25519 signature of ``data`` (64 bytes)."""
    return Ed25519PrivateKey.from_private_bytes(private_raw).sign(data)


def key_id(public_raw: bytes) -> str:
    """A short fingerprint of a public key, to name it in manifests and messages."""
    return hashlib.sha256(public_raw).hexdigest()[:16]


@dataclass(frozen=True)
class SiteKey:
    """A site's public verification key, as written to its ``.pub`` file."""

    site_code: str
    site_name: str
    public_key: bytes

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def to_bytes(self) -> bytes:
        data = {
            "format": SITE_KEY_FORMAT,
            "site_code": self.site_code,
            "site_name": self.site_name,
            "algorithm": "Ed25519",
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "key_id": self.key_id,
        }
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> SiteKey:
        data = _json_object(raw, msg("site key file"))
        if data.get("format") != SITE_KEY_FORMAT or data.get("algorithm") != "Ed25519":
            raise SyncKeyError("This is not a site verification key (clinic-admin provision).")
        try:
            public = base64.b64decode(str(data.get("public_key")), validate=True)
            Ed25519PublicKey.from_public_bytes(public)
        except ValueError as exc:
            raise SyncKeyError("The site key file holds no valid Ed25519 key.") from exc
        code = data.get("site_code")
        if not isinstance(code, str) or not code:
            raise SyncKeyError("The site key file names no site.")
        return cls(code, str(data.get("site_name", "")), public)

    def verifies(self, data: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, data)
        except InvalidSignature:
            return False
        return True


class TrustStore:
    """The district's trusted site keys: every ``*.pub`` file of one folder."""

    def __init__(self, keys: Mapping[str, tuple[SiteKey, ...]]) -> None:
        self._keys = dict(keys)

    @classmethod
    def load(cls, folder: Path) -> TrustStore:
        folder = Path(folder)
        if not folder.is_dir():
            raise SyncKeyError(
                msg("The trust folder {folder} does not exist or is not a folder.", folder=folder)
            )
        keys: dict[str, list[SiteKey]] = {}
        for path in sorted(folder.glob("*.pub")):
            try:
                key = SiteKey.from_bytes(read_regular(path, MAX_KEY_FILE_BYTES))
            except FileTooLargeError as exc:
                raise SyncKeyError(
                    msg("{name} is too large to be a site key.", name=path.name)
                ) from exc
            except OSError as exc:
                raise SyncKeyError(
                    msg("{name} cannot be read as a site key (not a plain file?).", name=path.name)
                ) from exc
            except SyncKeyError as exc:
                raise SyncKeyError(_in_file(path, exc.message)) from exc
            keys.setdefault(key.site_code, []).append(key)
        return cls({site: tuple(found) for site, found in keys.items()})

    def sites(self) -> tuple[str, ...]:
        return tuple(sorted(self._keys))

    def signer(self, site_code: str, data: bytes, signature: bytes) -> SiteKey | None:
        """The trusted key of ``site_code`` that made ``signature``, or None."""
        return next((k for k in self._keys.get(site_code, ()) if k.verifies(data, signature)), None)

    def knows(self, site_code: str) -> bool:
        return site_code in self._keys


def _in_file(path: Path, message: str) -> Message:
    """ "site.pub: <why>": a file's name (data) before the reason (a message)."""
    return msg("{name}: {message}", name=path.name, message=message)


def _json_object(raw: bytes, what: Message) -> dict[str, Any]:
    """``what`` names the file's kind ("site key"): a message, translated in the sentence."""
    if len(raw) > MAX_KEY_FILE_BYTES:
        raise SyncKeyError(msg("The {what} is too large.", what=what))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SyncKeyError(msg("The {what} is not valid JSON.", what=what)) from exc
    if not isinstance(data, dict):
        raise SyncKeyError(msg("The {what} is not a JSON object.", what=what))
    return data
