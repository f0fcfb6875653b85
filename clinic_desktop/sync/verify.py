"""The receiving side's checks: decrypt, parse, verify signature, checksums and schema.

A batch is read as a stream (``pyrage.decrypt_io`` pushes authenticated 64 KiB chunks into
``archive.UstarReader``), so memory stays flat. Everything inside is untrusted until the
end: anyone holding the district's *public* key can encrypt a file to it, so what proves
a batch's origin is the manifest's Ed25519 signature by the trusted key of the site it
names, and what proves its content is each file's SHA-256 in that signed manifest.
Records may be handed to a ``sink`` as they are read (the importer applies them inside a
transaction it rolls back unless ``read_batch`` returns).

Every refusal is a ``BatchRejectedError`` with a ``reason`` code and a plain sentence.

Reading is bounded whatever the file holds (docs/batch-format.md, "Limits"): only a
regular file is opened (never a FIFO or a device, also through a symbolic link), at most
``MAX_BATCH_BYTES`` of it is read, the age header must end within ``MAX_HEADER_BYTES``, the
archive holds at most ``archive.MAX_MEMBERS`` files of at most ``archive.MAX_MEMBER_BYTES``
each (no empty part), a record line is at most ``MAX_LINE_BYTES`` and JSON nests at most
``MAX_JSON_DEPTH`` deep.

The exporting site uses the same reader on its own file (``check_own_batch``): right after
writing it decrypts what is on the target with a single-use identity and compares the
manifest found there with its own copy, before the batch counts as written.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyrage

from clinic_desktop.domain.deidentify import ExportProfile
from clinic_desktop.errors import ClinicError
from clinic_desktop.fsutil import NotRegularFileError, open_regular
from clinic_desktop.messages import msg
from clinic_desktop.sync import archive, batch
from clinic_desktop.sync.anchors import Anchor
from clinic_desktop.sync.fhir import RESOURCE_TYPES
from clinic_desktop.sync.keys import SiteKey, TrustStore
from clinic_desktop.sync.schema import LineChecker

MAX_LINE_BYTES = 1024 * 1024
MAX_MANIFEST_BYTES = 32 * 1024 * 1024
MAX_SIGNATURE_BYTES = 1024
#: A batch file's largest size (ciphertext): about 4,000 full parts.
MAX_BATCH_BYTES = 4 * 1024**3
#: The age header (recipient stanzas) must end within this many bytes.
MAX_HEADER_BYTES = 64 * 1024
#: How deep a record's or the manifest's JSON may nest (a record needs fewer than ten).
MAX_JSON_DEPTH = 32
AGE_MAGIC = b"age-encryption.org/v1\n"
_ID = re.compile(r"[0-9a-f]{32}")


class BatchRejectedError(ClinicError):
    """A batch that must not be imported; ``reason`` is a stable code for scripts."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class LineSink(Protocol):
    def line(self, section: str, resource_type: str, body: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class VerifiedBatch:
    """A batch whose signature, checksums and schema all check out."""

    path: Path
    site: str
    sequence: int
    watermark_from: int
    watermark_to: int
    transaction_time: str
    digest: str
    signer: str
    counts: dict[str, int]
    manifest: dict[str, Any] = field(repr=False)
    profile: ExportProfile = ExportProfile.SAFE_HARBOR
    #: The site's audit head the manifest states (None in batches made before anchors).
    audit_anchor: Anchor | None = None

    @property
    def name(self) -> str:
        return batch.batch_file_name(self.site, self.sequence)


def read_batch(
    path: Path,
    identity: pyrage.x25519.Identity,
    trust: TrustStore,
    sink: LineSink | None = None,
) -> VerifiedBatch:
    """Decrypt and verify the batch at ``path``; BatchRejectedError says why not."""
    path = Path(path)
    checker = _Checker(sink)
    _read_archive(path, identity, checker)
    return checker.conclude(path, trust, str(identity.to_public()))


@dataclass(frozen=True)
class OwnCopy:
    """What the exporting site knows of the batch it has just written."""

    size: int
    sha256: str
    manifest: bytes
    public_key: bytes


def check_own_batch(path: Path, identity: pyrage.x25519.Identity, own: OwnCopy) -> None:
    """Read the batch back from the target and check it is what the site wrote: the size,
    the SHA-256 of the ciphertext, and (decrypted with the export's single-use ``identity``)
    the archive, each file against the manifest, and the manifest and its signature
    against the site's own copy. BatchRejectedError says what did not match."""
    path = Path(path)
    checker = _OwnChecker()
    digest = _read_archive(path, identity, checker, expected_size=own.size)
    if digest != own.sha256:
        raise BatchRejectedError("damaged", "The batch read back differs from what was written.")
    checker.conclude_own(own)


def _read_archive(
    path: Path,
    identity: pyrage.x25519.Identity,
    handler: archive.MemberHandler,
    *,
    expected_size: int | None = None,
) -> str:
    """Stream ``path`` through decryption into the archive reader; the ciphertext's SHA-256."""
    parser = archive.UstarReader(handler)
    digest = _decrypt_into(path, identity, parser, expected_size)
    try:
        parser.close()
    except archive.ArchiveError as exc:
        raise BatchRejectedError("not_a_batch", exc.message) from exc
    return digest


class _Feed:
    """The writer ``decrypt_io`` pushes plaintext into."""

    def __init__(self, parser: archive.UstarReader) -> None:
        self._parser = parser

    def write(self, data: bytes) -> int:
        self._parser.feed(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


class _Source(io.RawIOBase):
    """The ciphertext as ``decrypt_io`` pulls it: hashed, and never more than ``limit``
    bytes (a file that grows while it is read is cut off, not followed)."""

    def __init__(self, handle: Any, limit: int) -> None:
        self._handle = handle
        self._left = limit
        self.sha256 = hashlib.sha256()
        self.size = 0
        self.overflow = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)[: max(self._left, 1)]
        n = self._handle.readinto(view)
        if not n:
            return 0
        if n > self._left:
            self.overflow = True
            raise OSError("the batch file grew beyond its limit while it was read")
        self._left -= n
        self.size += n
        self.sha256.update(view[:n])
        return n


def _open_batch(path: Path) -> tuple[Any, int]:
    """The batch opened for reading, if it is a regular file of a batch's size."""
    name = path.name
    try:
        handle, size = open_regular(path)
    except FileNotFoundError as exc:
        raise BatchRejectedError("missing", msg("{name} does not exist.", name=name)) from exc
    except NotRegularFileError as exc:
        raise BatchRejectedError(
            "not_a_file",
            msg(
                "{name} is not a regular file (a folder, a device or a pipe): it was not read.",
                name=name,
            ),
        ) from exc
    except OSError as exc:
        raise BatchRejectedError("unreadable", msg("{name} cannot be read.", name=name)) from exc
    if size > MAX_BATCH_BYTES:
        handle.close()
        raise BatchRejectedError(
            "too_large", msg("{name} is larger than any batch can be.", name=name)
        )
    return handle, size


def _check_age_header(handle: Any, name: str) -> None:
    """An age file starts with its magic line, and its header ends early: refuse anything
    else before the decryptor buffers a header that never ends."""
    head = handle.read(MAX_HEADER_BYTES)
    handle.seek(0)
    if not head.startswith(AGE_MAGIC) or b"\n---" not in head:
        raise BatchRejectedError(
            "not_a_batch", msg("{name} is not an age-encrypted batch.", name=name)
        )


def _decrypt_into(
    path: Path, identity: pyrage.x25519.Identity, parser: Any, expected_size: int | None = None
) -> str:
    name = path.name
    handle, size = _open_batch(path)
    with handle:
        if expected_size is not None:
            _drop_cached_pages(handle)
            if size != expected_size:
                raise BatchRejectedError(
                    "damaged",
                    msg(
                        "{name} has {found} bytes where {expected} were written.",
                        name=name,
                        found=size,
                        expected=expected_size,
                    ),
                )
        try:
            _check_age_header(handle, name)
            source = _Source(handle, MAX_BATCH_BYTES if expected_size is None else expected_size)
            pyrage.decrypt_io(source, _Feed(parser), [identity])
        except pyrage.DecryptError as exc:
            if "No matching keys" in str(exc):
                raise BatchRejectedError(
                    "wrong_recipient",
                    msg("{name} was not encrypted to this district key.", name=name),
                ) from exc
            raise BatchRejectedError(
                "not_a_batch", msg("{name} is not an age-encrypted batch.", name=name)
            ) from exc
        except archive.ArchiveError as exc:
            raise BatchRejectedError(
                "not_a_batch", msg("{name}: {message}", name=name, message=exc.message)
            ) from exc
        except OSError as exc:
            raise BatchRejectedError(
                "damaged",
                msg(
                    "{name} is damaged or was altered: its encryption does not verify.",
                    name=name,
                ),
            ) from exc
    return source.sha256.hexdigest()


def _drop_cached_pages(handle: Any) -> None:
    """Ask the kernel to forget the file's cached pages, so the read-back comes from the
    device (a stick that lost data is caught, not hidden by the cache). Best effort."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        with contextlib.suppress(OSError):
            advise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


@dataclass
class _Member:
    name: str
    sha256: Any = field(default_factory=hashlib.sha256)
    size: int = 0
    lines: int = 0


class _Checker:
    """Receives the archive's members, checks each record line, and concludes at the end."""

    def __init__(self, sink: LineSink | None) -> None:
        self._sink = sink
        self._members: dict[str, _Member] = {}
        self._current: _Member | None = None
        self._partial = bytearray()
        self._section = ""
        self._type = ""
        self._manifest = bytearray()
        self._signature = bytearray()
        self._order: list[str] = []
        self._seen: set[str] = set()
        self._schema = LineChecker()

    # --- archive callbacks ----------------------------------------------------------------

    def start(self, name: str, size: int) -> None:
        if name in self._seen:
            raise BatchRejectedError("not_a_batch", msg("The batch holds {name} twice.", name=name))
        if self._signature or (self._manifest and name != batch.SIGNATURE):
            raise BatchRejectedError("not_a_batch", "The batch has files after its manifest.")
        self._order.append(name)
        self._seen.add(name)
        if name in (batch.MANIFEST, batch.SIGNATURE):
            limit = MAX_MANIFEST_BYTES if name == batch.MANIFEST else MAX_SIGNATURE_BYTES
            if size > limit:
                raise BatchRejectedError(
                    "not_a_batch", msg("The batch's {name} is too large.", name=name)
                )
            self._current = None
            return
        match = batch.PART_NAME.fullmatch(name)
        if match is None:
            raise BatchRejectedError(
                "not_a_batch", msg("The batch holds an unexpected file ({name}).", name=name)
            )
        if not size:
            raise BatchRejectedError(
                "not_a_batch", msg("The batch holds an empty file ({name}).", name=name)
            )
        prefix = match.group(1)
        self._section = prefix if prefix in ("deleted", "aggregate") else "output"
        self._type = batch.SECTION_TYPES.get(self._section, prefix)
        self._current = self._members[name] = _Member(name)

    def data(self, chunk: bytes) -> None:
        if self._current is None:
            target = self._manifest if self._order[-1] == batch.MANIFEST else self._signature
            target += chunk
            return
        self._current.sha256.update(chunk)
        self._current.size += len(chunk)
        self._partial += chunk
        self._split_lines()

    def end(self) -> None:
        if self._current is not None and self._partial:
            raise BatchRejectedError(
                "bad_record", msg("{name} does not end with a newline.", name=self._current.name)
            )
        self._current = None

    def _split_lines(self) -> None:
        while True:
            cut = self._partial.find(b"\n")
            if cut < 0:
                if len(self._partial) > MAX_LINE_BYTES:
                    raise BatchRejectedError("bad_record", "A record in the batch is too long.")
                return
            line = bytes(self._partial[:cut])
            del self._partial[: cut + 1]
            self._record(line)

    def _record(self, line: bytes) -> None:
        member = self._current
        assert member is not None
        member.lines += 1
        body = _parse_record(line, self._section, self._type, member)
        problem = self._schema.problem(self._section, self._type, body)
        if problem is not None:
            raise BatchRejectedError(
                "bad_record",
                msg(
                    "{name} line {line} breaks the batch schema: {problem}.",
                    name=member.name,
                    line=member.lines,
                    problem=problem,
                ),
            )
        if self._sink is not None:
            self._sink.line(self._section, self._type, body)

    # --- the verdict ------------------------------------------------------------------------

    def conclude(self, path: Path, trust: TrustStore, recipient: str) -> VerifiedBatch:
        if not self._manifest or not self._signature:
            raise BatchRejectedError(
                "not_a_batch", msg("{name} has no signed manifest.", name=path.name)
            )
        manifest = _parse_manifest(bytes(self._manifest))
        site, sequence = manifest["site"], manifest["sequence"]
        signer = _check_signature(trust, site, bytes(self._manifest), bytes(self._signature))
        if manifest.get("recipient") != recipient:
            raise BatchRejectedError(
                "wrong_recipient", "The batch was signed for another district key."
            )
        counts = self._check_files(manifest)
        profile = ExportProfile(manifest["profile"])
        if profile is ExportProfile.SAFE_HARBOR and self._schema.finest_date == "month":
            raise BatchRejectedError(
                "bad_record",
                "The batch says safe-harbor but holds a month: only years may leave under it.",
            )
        if batch.parse_batch_file_name(path.name) != (site, sequence):
            expected = batch.batch_file_name(site, sequence)
            raise BatchRejectedError(
                "file_name_mismatch",
                msg(
                    "{name} does not match its signed content ({expected}): "
                    "a renamed or replayed batch.",
                    name=path.name,
                    expected=expected,
                ),
            )
        watermark = manifest["watermark"]
        anchor = _check_anchor(
            manifest,
            batch.batch_file_name(site, sequence),
            trust,
            bytes(self._manifest),
            self._signature,
        )
        return VerifiedBatch(
            path=path,
            site=site,
            sequence=sequence,
            watermark_from=watermark["from"],
            watermark_to=watermark["to"],
            transaction_time=str(manifest.get("transactionTime", "")),
            digest=hashlib.sha256(bytes(self._manifest)).hexdigest(),
            signer=signer,
            counts=counts,
            manifest=manifest,
            profile=profile,
            audit_anchor=anchor,
        )

    def _check_files(self, manifest: dict[str, Any]) -> dict[str, int]:
        return _check_files(manifest, self._members)


def _check_files(manifest: dict[str, Any], members: dict[str, _Member]) -> dict[str, int]:
    """Each listed file against its member (SHA-256, bytes, lines); counts per type."""
    listed = [e for s in batch.SECTIONS for e in manifest[s]]
    names = [e.get("url") for e in listed]
    if sorted(map(str, names)) != sorted(members) or len(set(names)) != len(names):
        raise BatchRejectedError("checksum_mismatch", "The batch's files differ from its manifest.")
    counts: dict[str, int] = {}
    for entry in listed:
        member = members[entry["url"]]
        observed = (member.sha256.hexdigest(), member.size, member.lines)
        if observed != (entry.get("sha256"), entry.get("bytes"), entry.get("count")):
            raise BatchRejectedError(
                "checksum_mismatch",
                msg("{name} does not match its checksum in the manifest.", name=member.name),
            )
        counts[entry["type"]] = counts.get(entry["type"], 0) + member.lines
    return counts


class _OwnChecker:
    """The read-back check's archive handler: each member hashed and its lines counted (no
    record is parsed: the site wrote them a moment ago), the manifest and signature kept."""

    def __init__(self) -> None:
        self._members: dict[str, _Member] = {}
        self._current: _Member | None = None
        self._kept: dict[str, bytearray] = {
            batch.MANIFEST: bytearray(),
            batch.SIGNATURE: bytearray(),
        }

    def start(self, name: str, size: int) -> None:
        if name in self._members or self._kept.get(name):
            raise BatchRejectedError("not_a_batch", msg("The batch holds {name} twice.", name=name))
        if name in self._kept:
            if size > (MAX_MANIFEST_BYTES if name == batch.MANIFEST else MAX_SIGNATURE_BYTES):
                raise BatchRejectedError(
                    "not_a_batch", msg("The batch's {name} is too large.", name=name)
                )
            self._current = _Member(name)
            return
        self._current = self._members[name] = _Member(name)

    def data(self, chunk: bytes) -> None:
        member = self._current
        assert member is not None
        if member.name in self._kept:
            self._kept[member.name] += chunk
            return
        member.sha256.update(chunk)
        member.size += len(chunk)
        member.lines += chunk.count(b"\n")

    def end(self) -> None:
        self._current = None

    def conclude_own(self, own: OwnCopy) -> None:
        manifest, signature = (bytes(self._kept[n]) for n in (batch.MANIFEST, batch.SIGNATURE))
        if manifest != own.manifest:
            raise BatchRejectedError(
                "damaged", "The manifest read back differs from the site's own copy."
            )
        try:
            raw = bytes.fromhex(signature.decode("ascii").strip())
        except (UnicodeDecodeError, ValueError) as exc:
            raise BatchRejectedError(
                "bad_signature", "The batch's signature is malformed."
            ) from exc
        if not SiteKey("", "", own.public_key).verifies(manifest, raw):
            raise BatchRejectedError("bad_signature", "The batch's signature does not verify.")
        _check_files(_parse_manifest(manifest), self._members)


def _check_signature(trust: TrustStore, site: str, manifest: bytes, signature: bytes) -> str:
    if not trust.knows(site):
        raise BatchRejectedError(
            "untrusted_signer",
            msg(
                "No trusted key for site {site}: add its .pub file to the trust folder.", site=site
            ),
        )
    try:
        raw = bytes.fromhex(signature.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError) as exc:
        raise BatchRejectedError("bad_signature", "The batch's signature is malformed.") from exc
    key = trust.signer(site, manifest, raw)
    if key is None:
        raise BatchRejectedError(
            "bad_signature",
            msg(
                "The batch is not signed by site {site}'s trusted key "
                "(altered, or a wrong signer).",
                site=site,
            ),
        )
    return key.key_id


def _check_anchor(
    manifest: dict[str, Any], name: str, trust: TrustStore, raw: bytes, signature: bytearray
) -> Anchor | None:
    """The manifest's audit anchor: this site's, for this batch, signed by the key that
    signed the manifest (BatchRejectedError otherwise); None when the batch has none."""
    if batch.AUDIT_ANCHOR not in manifest:
        return None
    try:
        anchor = Anchor.from_json(manifest[batch.AUDIT_ANCHOR])
    except ValueError as exc:
        raise BatchRejectedError(
            "bad_manifest", "The manifest's audit anchor is malformed."
        ) from exc
    signer = trust.signer(
        manifest["site"], raw, bytes.fromhex(bytes(signature).decode("ascii").strip())
    )
    genuine = (
        signer is not None
        and anchor.site == manifest["site"]
        and (anchor.source, anchor.ref) == ("batch", name)
        and anchor.signed_by(signer.public_key)
    )
    if not genuine:
        raise BatchRejectedError(
            "bad_manifest",
            "The manifest's audit anchor is not this batch's, signed by its site.",
        )
    return anchor


def _no_constant(name: str) -> Any:
    """NaN and Infinity are not JSON: a line holding one is refused, never stored."""
    raise ValueError("NaN and Infinity are not JSON numbers: " + name)


def _loads(raw: bytes) -> Any:
    """``json.loads`` that refuses NaN and Infinity and JSON nested deeper than
    ``MAX_JSON_DEPTH`` (ValueError), never a RecursionError."""
    try:
        value = json.loads(raw, parse_constant=_no_constant)
    except RecursionError as exc:
        raise ValueError("JSON nested too deeply") from exc
    if _depth_exceeds(value, MAX_JSON_DEPTH):
        raise ValueError("JSON nested too deeply")
    return value


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Whether ``value`` nests lists and objects more than ``limit`` deep (``[]`` is one
    deep), found level by level without recursion."""
    level: list[Any] = [value]
    for _depth in range(limit + 1):
        containers = [node for node in level if isinstance(node, dict | list)]
        if not containers:
            return False
        level = [
            child
            for node in containers
            for child in (node.values() if isinstance(node, dict) else node)
        ]
    return True


def _parse_manifest(raw: bytes) -> dict[str, Any]:
    try:
        manifest = _loads(raw)
    except ValueError as exc:
        raise BatchRejectedError("bad_manifest", "The batch's manifest is not valid JSON.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != batch.FORMAT:
        raise BatchRejectedError("bad_manifest", "The manifest is not a clinic batch manifest.")
    if manifest.get("schemaVersion") != batch.SCHEMA_VERSION:
        raise BatchRejectedError(
            "unsupported_schema",
            msg(
                "Batch schema version {found} is not supported "
                "(this program reads version {SCHEMA_VERSION}).",
                found=repr(manifest.get("schemaVersion")),
                SCHEMA_VERSION=batch.SCHEMA_VERSION,
            ),
        )
    if not _manifest_shape_ok(manifest):
        raise BatchRejectedError("bad_manifest", "The manifest lacks required fields.")
    return manifest


def _manifest_shape_ok(m: dict[str, Any]) -> bool:
    watermark = m.get("watermark")
    profiles = {str(p) for p in ExportProfile}
    time_ok = isinstance(m.get("transactionTime"), str) and (
        m.get("profile") != ExportProfile.SAFE_HARBOR
        or re.fullmatch(r"\d{4}", m["transactionTime"])
    )
    return (
        m.get("profile") in profiles
        and bool(time_ok)
        and isinstance(m.get("site"), str)
        and _is_count(m.get("sequence"))
        and isinstance(watermark, dict)
        and _is_count(watermark.get("from"))
        and _is_count(watermark.get("to"))
        and all(isinstance(m.get(s), list) for s in batch.SECTIONS)
        and all(isinstance(e, dict) and "url" in e for s in batch.SECTIONS for e in m[s])
    )


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _parse_record(line: bytes, section: str, resource_type: str, member: _Member) -> dict[str, Any]:
    try:
        body = _loads(line)
    except ValueError as exc:
        raise BatchRejectedError(
            "bad_record",
            msg("{name} line {line} is not JSON.", name=member.name, line=member.lines),
        ) from exc
    if not isinstance(body, dict) or not _record_ok(body, section, resource_type):
        raise BatchRejectedError(
            "bad_record",
            msg(
                "{name} line {line} does not follow the batch schema.",
                name=member.name,
                line=member.lines,
            ),
        )
    return body


def _record_ok(body: dict[str, Any], section: str, resource_type: str) -> bool:
    if section == "aggregate":
        return True  # its fields are checked by the schema
    if body.get("resourceType") != resource_type:
        return False
    if section == "deleted":
        return deleted_target(body) is not None
    return isinstance(body.get("id"), str) and _ID.fullmatch(body["id"]) is not None


def deleted_target(body: dict[str, Any]) -> tuple[str, str] | None:
    """(resource type, id) a tombstone Bundle deletes, or None if it is malformed."""
    try:
        [entry] = body["entry"]
        request = entry["request"]
        kind, rid = str(request["url"]).split("/")
    except (KeyError, TypeError, ValueError):
        return None
    ok = request.get("method") == "DELETE" and kind in RESOURCE_TYPES and _ID.fullmatch(rid)
    return (kind, rid) if ok else None
