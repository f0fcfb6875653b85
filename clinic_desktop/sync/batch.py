"""Packaging a batch: NDJSON parts in a ustar archive, a signed manifest, age encryption.

The whole pipeline is a chain of generators pulled by ``pyrage.encrypt_io``: rows are
read with ``yield_per``, shaped, appended to a bounded part buffer (``PART_MAX_BYTES``),
and each full part becomes one archive member that is encrypted as it is pulled. The
only file written is age ciphertext (64 KiB STREAM chunks, each authenticated): no
plaintext ever touches the disk, not even a temporary file, and memory is bounded by
the open part buffers whatever the size of the clinic.

The manifest (the FHIR Bulk Data manifest's fields, plus site, sequence, watermark,
recipient, signer and the export profile) comes last because it lists each file's
SHA-256; ``manifest.sig`` after it is the site's Ed25519 signature over the manifest's
exact bytes. Signing happens inside the encryption, so the signer is hidden from whoever
finds the USB stick, and the manifest names the recipient key, so a signed batch cannot be
re-addressed unnoticed.

No metadata is finer than the profile's dates: under safe-harbor ``transactionTime`` is the
year alone, and under both profiles every archive member's time is ``FIXED_MTIME`` (a tar
header's mtime would otherwise date the export to the second).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import pyrage

from clinic_desktop.domain.deidentify import ExportProfile
from clinic_desktop.sync import archive
from clinic_desktop.sync.export import AGGREGATE, DELETED, Record
from clinic_desktop.sync.fhir import RESOURCE_TYPES

FORMAT = "clinic-batch"
#: 2: the export profile (safe-harbor: years only) and the fixed archive times.
SCHEMA_VERSION = 2
#: Every archive member's modification time (1970-01-01): the export's time never leaves.
FIXED_MTIME = 0
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
#: The manifest's optional ``auditAnchor``: the site's audit head (``sync.anchors``).
AUDIT_ANCHOR = "auditAnchor"
SUFFIX = ".batch"
PART_MAX_BYTES = 1024 * 1024
SECTIONS = ("output", "deleted", "aggregate")
SECTION_TYPES = {"deleted": "Bundle", "aggregate": "AggregateCell"}
FILE_NAME = re.compile(r"([A-Z0-9][A-Z0-9_-]{0,19})-(\d{6,9})\.batch")
#: The hidden name a batch is written under before its rename (``.LHS-000042.1a2b3c4d.tmp``).
TEMP_NAME = re.compile(r"\.([A-Z0-9][A-Z0-9_-]{0,19})-(\d{6,9})\.[0-9a-f]{8}\.tmp")
PART_NAME = re.compile(rf"({'|'.join(RESOURCE_TYPES)}|deleted|aggregate)\.(\d{{6}})\.ndjson")


def batch_file_name(site: str, sequence: int) -> str:
    """``SITE-000042.batch``: sortable, and checked against the signed manifest."""
    return f"{site}-{sequence:06d}{SUFFIX}"


def parse_batch_file_name(name: str) -> tuple[str, int] | None:
    match = FILE_NAME.fullmatch(name)
    return (match.group(1), int(match.group(2))) if match else None


#: The reference encoding of a line, and the fallback where orjson would differ from it.
_LINE_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True, check_circular=False)


def encode_line(body: dict[str, Any]) -> bytes:
    """One NDJSON line: compact, ASCII-only JSON and a newline.

    orjson writes these bytes about ten times faster than the json module (issue 9: an
    export encodes a line per record). Where the two differ, the line takes the json
    module's path, so every line is what ``_LINE_ENCODER`` writes (a property test holds
    them to it): orjson writes non-ASCII text as UTF-8 and refuses integers beyond 64 bits
    and non-string keys, where the json module escapes or converts. (NaN, which orjson
    writes as null and the json module as invalid JSON, never reaches a line: the shaper
    writes codes, ids and integers.)
    """
    try:
        line = orjson.dumps(body, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        pass
    else:
        if line.isascii() and b"\x7f" not in line:  # the json module escapes DEL too
            return line
    return (_LINE_ENCODER.encode(body) + "\n").encode("ascii")


@dataclass(frozen=True)
class BatchHeader:
    """The facts a manifest states about its batch."""

    site: str
    sequence: int
    watermark_from: int
    watermark_to: int
    transaction_time: datetime
    recipient: str
    key_id: str
    software: str
    profile: ExportProfile = ExportProfile.SAFE_HARBOR
    #: The data use agreement's id under limited-data-set (None under safe-harbor).
    agreement_id: str | None = None
    #: The site's audit head at the snapshot, signed (``sync.anchors.Anchor.to_json``).
    audit_anchor: dict[str, Any] | None = None

    @property
    def file_name(self) -> str:
        return batch_file_name(self.site, self.sequence)

    def transaction_time_text(self) -> str:
        """The snapshot's time as the profile allows: the year alone under safe-harbor."""
        moment = self.transaction_time.astimezone(UTC)
        if self.profile is ExportProfile.SAFE_HARBOR:
            return f"{moment.year:04d}"
        return moment.isoformat(timespec="seconds")


@dataclass
class _Part:
    section: str
    type: str
    prefix: str
    number: int = 1
    buffer: bytearray = field(default_factory=bytearray)
    lines: int = 0


class BatchBuilder:
    """Collects records into bounded NDJSON parts and yields archive bytes as parts fill."""

    def __init__(
        self,
        header: BatchHeader,
        sign: Callable[[bytes], bytes],
        *,
        part_bytes: int = PART_MAX_BYTES,
    ) -> None:
        self.header = header
        self._sign = sign
        self._part_bytes = part_bytes
        self._parts: dict[str, _Part] = {}
        self._entries: dict[str, list[dict[str, Any]]] = {s: [] for s in SECTIONS}
        self._ready: list[bytes | bytearray] = []
        self.counts: dict[str, int] = {}
        self.manifest_bytes = b""

    def add(self, record: Record) -> None:
        part = self._part_for(record)
        part.buffer += encode_line(record.body)
        part.lines += 1
        self.counts[record.type] = self.counts.get(record.type, 0) + 1
        if len(part.buffer) >= self._part_bytes:
            self._flush(part)

    def ready(self) -> list[bytes | bytearray]:
        """Archive bytes completed since the last call."""
        out, self._ready = self._ready, []
        return out

    def finish(self) -> list[bytes | bytearray]:
        """The remaining parts, the manifest, its signature and the end-of-archive."""
        for part in self._parts.values():
            self._flush(part)
        self.manifest_bytes = manifest_bytes(self.header, self._entries)
        self._member(MANIFEST, self.manifest_bytes)
        self._member(SIGNATURE, self._sign(self.manifest_bytes).hex().encode("ascii") + b"\n")
        self._ready.append(archive.END_OF_ARCHIVE)
        return self.ready()

    def _part_for(self, record: Record) -> _Part:
        prefix = record.section if record.section in (DELETED, AGGREGATE) else record.type
        if prefix not in self._parts:
            self._parts[prefix] = _Part(record.section, record.type, prefix)
        return self._parts[prefix]

    def _flush(self, part: _Part) -> None:
        if not part.lines:
            return
        name = f"{part.prefix}.{part.number:06d}.ndjson"
        data = part.buffer  # handed over, not copied: a fresh buffer follows
        self._member(name, data)
        self._entries[part.section].append(
            {
                "type": SECTION_TYPES.get(part.section, part.type),
                "url": name,
                "count": part.lines,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
        part.number += 1
        part.buffer = bytearray()
        part.lines = 0

    def _member(self, name: str, data: bytes | bytearray) -> None:
        header = archive.member_header(name, len(data), FIXED_MTIME)
        self._ready += [header, data, archive.padding(len(data))]


def manifest_bytes(header: BatchHeader, entries: dict[str, list[dict[str, Any]]]) -> bytes:
    """The manifest's canonical bytes (what the signature covers)."""
    data = {
        "format": FORMAT,
        "schemaVersion": SCHEMA_VERSION,
        "transactionTime": header.transaction_time_text(),
        "profile": str(header.profile),
        "request": "clinic-sync export",
        "requiresAccessToken": False,
        "site": header.site,
        "sequence": header.sequence,
        "watermark": {"from": header.watermark_from, "to": header.watermark_to},
        "recipient": header.recipient,
        "signer": {"algorithm": "Ed25519", "keyId": header.key_id},
        "software": header.software,
        **({"agreement": header.agreement_id} if header.agreement_id else {}),
        **({AUDIT_ANCHOR: header.audit_anchor} if header.audit_anchor else {}),
        "output": entries["output"],
        "deleted": entries["deleted"],
        "aggregate": entries["aggregate"],
        "error": [],
    }
    return (json.dumps(data, indent=1, ensure_ascii=True) + "\n").encode("ascii")


def archive_stream(
    builder: BatchBuilder,
    records: Iterable[Record],
    progress: Callable[[int], None] | None = None,
) -> Iterator[bytes | bytearray]:
    """Archive bytes for ``records``, produced as the encryptor pulls them."""
    done = 0
    for done, record in enumerate(records, start=1):
        builder.add(record)
        yield from builder.ready()
        if progress is not None and done % 1000 == 0:
            progress(done)
    yield from builder.finish()
    if progress is not None:
        progress(done)


class ChunkReader(io.RawIOBase):
    """A readable stream over an iterator of byte chunks (what ``encrypt_io`` pulls from).

    An exception raised by the iterator is kept in ``error``: pyrage wraps it into its own
    error type, and the caller re-raises the original.
    """

    def __init__(self, chunks: Iterator[bytes | bytearray]) -> None:
        self._chunks = chunks
        self._current: bytes | bytearray = b""
        self._offset = 0
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._offset >= len(self._current):
            try:
                self._current, self._offset = next(self._chunks), 0
            except StopIteration:
                return 0
            except BaseException as exc:
                self.error = exc
                raise
        n = min(len(buffer), len(self._current) - self._offset)
        buffer[:n] = self._current[self._offset : self._offset + n]
        self._offset += n
        return n


class _HashingWriter:
    """Writes ciphertext to a file while computing its SHA-256 (the SyncBatch checksum) and
    counting its bytes (what the read-back check expects to find on the target).

    An ``OSError`` from the file is kept in ``error`` (pyrage wraps it into its own error
    type, and the caller re-raises the original); a write that takes fewer bytes than it
    was given is an input/output error, never a silently shorter file.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.sha256 = hashlib.sha256()
        self.size = 0
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        try:
            written = self._handle.write(data)
            if written != len(data):
                raise OSError(errno.EIO, "short write")
        except OSError as exc:
            self.error = exc
            raise
        self.sha256.update(data)
        self.size += len(data)
        return written

    def flush(self) -> None:
        try:
            self._handle.flush()
        except OSError as exc:
            self.error = exc
            raise


@dataclass(frozen=True)
class Written:
    """What ``encrypt_to_file`` handed to the file system: its SHA-256 and size."""

    sha256: str
    size: int


def sweep_stale_temp_files(path: Path) -> list[Path]:
    """Delete what earlier, killed exports of the same site left beside ``path`` (a temp
    name of ``TEMP_NAME``'s shape); the names removed.

    A killed export (power cut, USB stick pulled, task ended) never reaches its own
    clean-up, and its hidden ``.tmp`` (ciphertext, but useless and possibly large) would
    stay on the stick for good. Only files of this naming pattern and of this site are
    touched, never ``path`` itself, and only by the export, which holds the site's export
    lock: no other export of this site can be writing one of them.
    """
    match = TEMP_NAME.fullmatch(path.name)
    if match is None:
        return []
    removed = []
    for candidate in path.parent.glob(f".{match.group(1)}-*.tmp"):
        other = TEMP_NAME.fullmatch(candidate.name)
        if other is None or other.group(1) != match.group(1) or candidate.name == path.name:
            continue
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
            removed.append(candidate)
    return removed


def open_target(path: Path) -> BinaryIO:
    """A new file (0600, never an existing one) for a batch's ciphertext."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    return os.fdopen(fd, "wb")


def encrypt_to_file(
    path: Path,
    chunks: Iterator[bytes | bytearray],
    recipient: str,
    *,
    also: Iterable[pyrage.x25519.Recipient] = (),
) -> Written:
    """Encrypt ``chunks`` to ``recipient`` (and ``also`` to the recipients given) into a new
    file (0600), fsynced; its SHA-256 and size.

    Stale temporary files of earlier, killed exports of the same site are swept first. An
    ``OSError`` of the file system comes out as itself (not as pyrage's wrapper), so the
    caller can tell a full disk from a failing one.
    """
    sweep_stale_temp_files(path)
    reader = ChunkReader(chunks)
    recipients = [pyrage.x25519.Recipient.from_str(recipient), *also]
    with open_target(path) as handle:
        writer = _HashingWriter(handle)
        try:
            pyrage.encrypt_io(reader, writer, recipients)
        except pyrage.EncryptError:
            if reader.error is not None:
                raise reader.error from None
            if writer.error is not None:
                raise writer.error from None
            raise
        handle.flush()
        os.fsync(handle.fileno())
    return Written(writer.sha256.hexdigest(), writer.size)
