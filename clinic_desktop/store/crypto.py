"""The few cryptographic building blocks the key slots need, from ``cryptography``.

- a memory-hard KDF (Argon2id) turning a password into a key-encryption key;
- AES-256-GCM for wrapping a slot's private key under that key;
- an X25519 "sealed box" (ephemeral ECDH + HKDF + AES-GCM) that wraps the database key to
  a slot's public key, so the key can be re-wrapped for every slot on rotation without
  knowing anybody's password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import asdict, dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
_RAW = serialization.Encoding.Raw


class DecryptionFailed(Exception):  # noqa: N818 - a signal, caught by the keyring
    """An AEAD tag did not verify: wrong secret or tampered data."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost, stored with each slot so it can be raised for new slots later.

    The default costs about 0.3-0.5 s and 64 MiB on a school laptop: slow enough to make
    guessing a stolen key file expensive, fast enough that signing in does not annoy.
    """

    memory_kib: int = 65_536
    iterations: int = 4
    lanes: int = 1
    algorithm: str = "argon2id"

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KdfParams:
        """Parse a slot's stored cost; ``ValueError`` when it is not one Argon2id accepts
        within ``KDF_LIMITS`` (a damaged or hostile key file must not make sign-in crash,
        or try to allocate a terabyte)."""
        params = cls(
            memory_kib=_whole(data["memory_kib"]),
            iterations=_whole(data["iterations"]),
            lanes=_whole(data["lanes"]),
            algorithm=str(data["algorithm"]),
        )
        lanes_ok = KDF_LIMITS["lanes"][0] <= params.lanes <= KDF_LIMITS["lanes"][1]
        memory_ok = max(8 * params.lanes, KDF_LIMITS["memory_kib"][0]) <= params.memory_kib
        if (
            params.algorithm != "argon2id"
            or not lanes_ok
            or not memory_ok
            or params.memory_kib > KDF_LIMITS["memory_kib"][1]
            or not KDF_LIMITS["iterations"][0] <= params.iterations <= KDF_LIMITS["iterations"][1]
        ):
            raise ValueError("KDF parameters out of range")
        return params


#: What a stored Argon2id cost may be: (lowest, highest). The top memory (4 GiB) is far above
#: the default, far below what would exhaust a school laptop's swap.
KDF_LIMITS = {"memory_kib": (8, 4 * 1024 * 1024), "iterations": (1, 64), "lanes": (1, 16)}


def _whole(value: object) -> int:
    """An int stored as such (not a bool, a float or a string)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("not a whole number")
    return value


def derive_key(secret: str, salt: bytes, params: KdfParams) -> bytes:
    """A 32-byte key-encryption key from a password or recovery key."""
    if params.algorithm != "argon2id":
        raise ValueError(f"unsupported KDF {params.algorithm!r}")
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret.encode("utf-8"))


def aead_encrypt(key: bytes, plaintext: bytes, aad: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    return {"nonce": b64(nonce), "ciphertext": b64(AESGCM(key).encrypt(nonce, plaintext, aad))}


def aead_decrypt(key: bytes, box: dict[str, str], aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(unb64(box["nonce"]), unb64(box["ciphertext"]), aad)
    except InvalidTag as exc:
        raise DecryptionFailed from exc


def new_keypair() -> tuple[bytes, bytes]:
    """A fresh X25519 (private, public) pair as raw bytes."""
    private = X25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes(_RAW, _RAW_PUBLIC)


_RAW_PUBLIC = serialization.PublicFormat.Raw


def _box_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=ephemeral + recipient,
        info=b"clinic-desktop sealed box v1",
    ).derive(shared)


def seal(recipient_public: bytes, plaintext: bytes, aad: bytes) -> dict[str, str]:
    """Encrypt ``plaintext`` so only the holder of the matching private key can read it."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(_RAW, _RAW_PUBLIC)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    box = aead_encrypt(_box_key(shared, ephemeral_public, recipient_public), plaintext, aad)
    return {"ephemeral": b64(ephemeral_public), **box}


def unseal(recipient_private: bytes, box: dict[str, str], aad: bytes) -> bytes:
    private = X25519PrivateKey.from_private_bytes(recipient_private)
    recipient_public = private.public_key().public_bytes(_RAW, _RAW_PUBLIC)
    ephemeral_public = unb64(box["ephemeral"])
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    return aead_decrypt(_box_key(shared, ephemeral_public, recipient_public), box, aad)


def key_id(db_key: bytes) -> str:
    """A public fingerprint of the database key (HMAC, so it reveals nothing of the key)."""
    return hmac.new(db_key, b"clinic-desktop key id v1", hashlib.sha256).hexdigest()[:32]


def label_for(salt: bytes, name: str) -> str:
    """An opaque slot label for a user name, so the key file does not list the staff."""
    return hmac.new(salt, name.casefold().encode("utf-8"), hashlib.sha256).hexdigest()


def new_recovery_key() -> str:
    """160 random bits as eight groups of four base32 characters, easy to copy by hand."""
    text = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalize_recovery_key(text: str) -> str:
    """Accept a recovery key typed with spaces, lower case or missing dashes."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(compact[i : i + 4] for i in range(0, len(compact), 4))
