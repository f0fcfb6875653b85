"""Audit anchors: the end of a site's audit chain, stated outside the database.

The audit chain (``store.audit``) is an unkeyed hash chain: whoever holds the database key
can edit a row and re-hash every row after it, or delete the last rows, and the chain
still verifies. An *anchor* is a statement "this site's audit event number N had hash H",
written where a person holding the database cannot reach it:

- every batch manifest carries one (``auditAnchor``), inside the manifest the site signs,
  and the district keeps each one it receives (``sync.warehouse``); the district hands
  them back as an anchors file (``clinic-sync anchors``);
- every backup writes one beside itself (``LHS-20261123T101500Z.anchor.json``).

Any anchor stays true for as long as the chain is genuine: the chain only grows, so event
N keeps its hash. ``check`` compares anchors with the chain: an edited and re-hashed chain
gives event N another hash, and a chain cut short has no event N at all.

An anchor is signed with the site's Ed25519 key (``sync.keys``, drawn at provisioning) so
the district can prove which site stated it. A backup taken before the site was
provisioned has no key to sign with: its anchor is unsigned. What protects an anchor is
where it is kept, not the signature: the signing key lives inside the encrypted store, so
whoever can re-hash the chain could sign too; the district's copy and a backup's copy on
IT's stick are out of their reach.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_desktop.messages import Message, msg
from clinic_desktop.sync import keys

ANCHOR_FORMAT = "clinic-audit-anchor/1"
ANCHORS_FILE_FORMAT = "clinic-audit-anchors/1"
#: Where an anchor was stated: a batch manifest or a backup.
SOURCES = ("batch", "backup")
ANCHOR_SUFFIX = ".anchor.json"
#: The largest anchors file read (a district's whole history of one site fits many times).
MAX_FILE_BYTES = 16 * 1024 * 1024
_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Anchor:
    """One signed (or, for a backup before provisioning, unsigned) audit head."""

    site: str
    source: str
    ref: str
    count: int
    hash: str
    key_id: str | None = None
    signature: str | None = None

    def statement(self) -> dict[str, Any]:
        return {
            "format": ANCHOR_FORMAT,
            "site": self.site,
            "source": self.source,
            "ref": self.ref,
            "count": self.count,
            "hash": self.hash,
        }

    def statement_bytes(self) -> bytes:
        """The exact bytes the signature covers."""
        return json.dumps(self.statement(), sort_keys=True, separators=(",", ":")).encode("ascii")

    def to_json(self) -> dict[str, Any]:
        return {"anchor": self.statement(), "keyId": self.key_id, "signature": self.signature}

    @classmethod
    def from_json(cls, data: object) -> Anchor:
        """An anchor as written by ``to_json``; ValueError when it is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("anchor"), dict):
            raise ValueError("not an anchor")
        body = data["anchor"]
        count = body.get("count")
        fields_ok = (
            body.get("format") == ANCHOR_FORMAT
            and isinstance(body.get("site"), str)
            and body.get("source") in SOURCES
            and isinstance(body.get("ref"), str)
            and isinstance(count, int)
            and not isinstance(count, bool)
            and count >= 0
            and isinstance(body.get("hash"), str)
            and _HASH.fullmatch(body["hash"]) is not None
        )
        signature, key_id = data.get("signature"), data.get("keyId")
        if not fields_ok or not isinstance(signature, str | None):
            raise ValueError("not an anchor")
        if signature is not None and not re.fullmatch(r"[0-9a-f]{128}", signature):
            raise ValueError("not an anchor signature")
        return cls(
            body["site"],
            body["source"],
            body["ref"],
            count,
            body["hash"],
            str(key_id) if key_id is not None else None,
            signature,
        )

    def signed_by(self, public_key: bytes) -> bool:
        """Whether the signature is ``public_key``'s over this statement."""
        if self.signature is None:
            return False
        site_key = keys.SiteKey(self.site, "", public_key)
        return site_key.verifies(self.statement_bytes(), bytes.fromhex(self.signature))

    @property
    def label(self) -> str:
        """ "batch LHS-000042.batch" / "backup LHS-20261123T101500Z.db": names, not data."""
        return f"{self.source} {self.ref}"


def make_anchor(
    site: str, source: str, ref: str, count: int, head_hash: str, signing_key: bytes | None
) -> Anchor:
    """The anchor of a head, signed when the site has its signing key."""
    unsigned = Anchor(site, source, ref, count, head_hash)
    if signing_key is None:
        return unsigned
    public = keys.public_key_of(signing_key)
    signature = keys.sign(signing_key, unsigned.statement_bytes()).hex()
    return Anchor(site, source, ref, count, head_hash, keys.key_id(public), signature)


def anchors_file(site: str, anchors: Iterable[Anchor]) -> bytes:
    """The file the district hands back to a site: every anchor it received from it."""
    data = {
        "format": ANCHORS_FILE_FORMAT,
        "site": site,
        "anchors": [a.to_json() for a in anchors],
    }
    return (json.dumps(data, indent=1, ensure_ascii=True) + "\n").encode("ascii")


@dataclass(frozen=True)
class LoadedAnchors:
    """What a folder of anchor files held: the anchors, and the files that were not."""

    anchors: tuple[Anchor, ...]
    unreadable: tuple[str, ...]


def load_folder(folder: Path) -> LoadedAnchors:
    """Every anchor in ``folder``: backups' ``*.anchor.json`` and anchors files (any other
    ``*.json`` of that format); key files beside backups are passed over, and so is what is
    not a regular file (a FIFO, a device)."""
    found: list[Anchor] = []
    unreadable: list[str] = []
    for path in sorted(Path(folder).glob("*.json")):
        if path.name.endswith(".keyring.json") or not path.is_file():
            continue
        try:
            found += _anchors_in(path)
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            unreadable.append(path.name)  # garbage, too deep, too large: named, skipped
    return LoadedAnchors(tuple(found), tuple(unreadable))


def _anchors_in(path: Path) -> list[Anchor]:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError("too large")
    data = json.loads(path.read_bytes().decode("utf-8"))
    if isinstance(data, dict) and data.get("format") == ANCHORS_FILE_FORMAT:
        listed = data.get("anchors")
        if not isinstance(listed, list):
            raise ValueError("no anchors")
        return [Anchor.from_json(item) for item in listed]
    return [Anchor.from_json(data)]


# --- comparing anchors with a chain --------------------------------------------------------


@dataclass(frozen=True)
class AnchorCheck:
    """The chain against the anchors: how many held, which did not, and why."""

    checked: int
    problems: tuple[Message, ...]
    #: Anchors that held but carry no signature by the site's current key.
    unsigned: int = 0

    @property
    def ok(self) -> bool:
        return self.checked > 0 and not self.problems


def check(
    anchors: Iterable[Anchor],
    site: str,
    public_key: bytes | None,
    total: int,
    hash_at: dict[int, str],
) -> AnchorCheck:
    """Compare ``anchors`` with a chain of ``total`` events whose hashes at the anchored
    positions are ``hash_at`` (position -> hash; ``GENESIS`` at 0)."""
    checked, unsigned = 0, 0
    problems: list[Message] = []
    for anchor in anchors:
        problem = _problem(anchor, site, public_key, total, hash_at)
        if problem is not None:
            problems.append(problem)
            continue
        checked += 1
        unsigned += not _own_key(anchor, public_key)
    return AnchorCheck(checked, tuple(problems), unsigned)


def _own_key(anchor: Anchor, public_key: bytes | None) -> bool:
    """Whether ``anchor`` names the site's current signing key (then its signature must
    verify). An unsigned anchor, or one signed before a new signing key was drawn, is
    compared with the chain all the same: a foreign anchor can only fail, never hide a
    change, because the chain must match every anchor."""
    if anchor.signature is None or public_key is None:
        return False
    return anchor.key_id == keys.key_id(public_key)


def _problem(
    anchor: Anchor, site: str, public_key: bytes | None, total: int, hash_at: dict[int, str]
) -> Message | None:
    if anchor.site != site:
        return msg(
            "{anchor} belongs to site {other}, not {site}.",
            anchor=anchor.label,
            other=anchor.site,
            site=site,
        )
    if _own_key(anchor, public_key) and not anchor.signed_by(public_key or b""):
        return msg("{anchor}: its signature is not this site's signing key's.", anchor=anchor.label)
    if anchor.count > total:
        return msg(
            "{anchor} vouches for {count} audit events, but the chain holds only {total}: "
            "events were removed from its end (or an older backup was restored since).",
            anchor=anchor.label,
            count=anchor.count,
            total=total,
        )
    if hash_at.get(anchor.count) != anchor.hash:
        return msg(
            "{anchor}: audit event {count} is not the event it vouches for: events up to it "
            "were altered and re-hashed, or removed and others written in their place.",
            anchor=anchor.label,
            count=anchor.count,
        )
    return None
