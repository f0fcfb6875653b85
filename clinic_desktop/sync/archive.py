"""The batch's plaintext container: a POSIX ustar archive, written and read as a stream.

Why tar: once decrypted (``age -d -i district.key X.batch | tar -x``) a batch is a folder
of NDJSON files any warehouse loads, with no code of ours. Why our own small reader: the
archive arrives from ``pyrage.decrypt_io`` as pushed chunks, and its content is
*untrusted until the manifest's signature is checked at the end*, so the reader accepts
only what the writer produces (regular files, short flat names, ustar headers with a
valid checksum, bounded sizes) and keeps nothing but the current header in memory.
"""

from __future__ import annotations

import re
import tarfile
from typing import Protocol

from clinic_desktop.errors import ClinicError

BLOCK = 512
END_OF_ARCHIVE = b"\0" * (2 * BLOCK)
MEMBER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
#: A member's largest size: a part is about ``batch.PART_MAX_BYTES`` (1 MiB) and the manifest
#: at most 32 MiB, so nothing this program writes comes near it.
MAX_MEMBER_BYTES = 32 * 1024**2
#: The most members a batch may hold: ``verify.MAX_BATCH_BYTES`` (4 GiB) of 1 MiB parts is
#: about 4,100 of them.
MAX_MEMBERS = 10_000


class ArchiveError(ClinicError):
    """The decrypted content is not an archive this program writes."""


def member_header(name: str, size: int, mtime: int) -> bytes:
    """The 512-byte ustar header of a regular file."""
    if not MEMBER_NAME.fullmatch(name):
        raise ValueError(f"invalid member name {name!r}")
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = mtime
    info.mode = 0o644
    info.type = tarfile.REGTYPE
    info.uname = info.gname = ""
    return info.tobuf(format=tarfile.USTAR_FORMAT, encoding="ascii", errors="strict")


def padding(size: int) -> bytes:
    """Zero bytes that round a member's data up to whole blocks."""
    return b"\0" * (-size % BLOCK)


def member(name: str, data: bytes, mtime: int) -> bytes:
    """A whole member (header, data, padding): the writer's only building block."""
    return member_header(name, len(data), mtime) + data + padding(len(data))


class MemberHandler(Protocol):
    def start(self, name: str, size: int) -> None: ...
    def data(self, chunk: bytes) -> None: ...
    def end(self) -> None: ...


class UstarReader:
    """A push parser: ``feed`` it bytes in any chunking, ``close`` it at the end.

    It calls ``handler.start(name, size)``, ``handler.data(chunk)`` (possibly many times)
    and ``handler.end()`` for each member, and refuses anything else.
    """

    def __init__(self, handler: MemberHandler) -> None:
        self._handler = handler
        self._header = bytearray()
        self._left = 0  # data bytes of the current member still to come
        self._pad = 0  # padding bytes still to skip
        self._in_member = False
        self._zero_blocks = 0
        self._members = 0

    def feed(self, chunk: bytes) -> None:
        view = memoryview(chunk)
        while view:
            view = self._step(view)

    def close(self) -> None:
        """Check that the archive ended properly (two zero blocks, nothing but zeros)."""
        if self._zero_blocks < 2 or self._header or self._in_member:
            raise ArchiveError("The batch content is truncated (no end-of-archive marker).")

    def _step(self, view: memoryview) -> memoryview:
        if self._left:
            return self._take_data(view)
        if self._pad:
            return self._skip_padding(view)
        return self._take_header(view)

    def _take_data(self, view: memoryview) -> memoryview:
        n = min(self._left, len(view))
        self._handler.data(bytes(view[:n]))
        self._left -= n
        if not self._left:
            self._finish_member()
        return view[n:]

    def _skip_padding(self, view: memoryview) -> memoryview:
        n = min(self._pad, len(view))
        if any(view[:n]):
            raise ArchiveError("The batch content has garbage between files.")
        self._pad -= n
        return view[n:]

    def _take_header(self, view: memoryview) -> memoryview:
        n = min(BLOCK - len(self._header), len(view))
        self._header += view[:n]
        if len(self._header) == BLOCK:
            block = bytes(self._header)
            self._header.clear()
            self._block(block)
        return view[n:]

    def _block(self, block: bytes) -> None:
        if not any(block):
            self._zero_blocks += 1
            return
        if self._zero_blocks:
            raise ArchiveError("The batch content continues after its end-of-archive marker.")
        name, size = _parse_header(block)
        self._members += 1
        if self._members > MAX_MEMBERS:
            raise ArchiveError("The batch holds too many files.")
        self._in_member = True
        self._handler.start(name, size)
        self._left, self._pad = size, -size % BLOCK
        if not size:
            self._finish_member()

    def _finish_member(self) -> None:
        self._in_member = False
        self._handler.end()


def _parse_header(block: bytes) -> tuple[str, int]:
    """(name, size) of a ustar header this program could have written, else ArchiveError."""
    if block[257:263] != b"ustar\x00" or block[263:265] != b"00":
        raise ArchiveError("The batch content is not a ustar archive.")
    if _octal(block[148:156]) != sum(block[:148]) + 8 * 32 + sum(block[156:]):
        raise ArchiveError("A file header in the batch is damaged (bad checksum).")
    if block[156:157] not in (b"0", b"\0") or any(block[345:500]):
        raise ArchiveError("The batch holds something other than plain files.")
    try:
        name = block[:100].rstrip(b"\0").decode("ascii")
    except UnicodeDecodeError as exc:
        raise ArchiveError("A file name in the batch is not plain ASCII.") from exc
    if not MEMBER_NAME.fullmatch(name):
        raise ArchiveError("A file name in the batch is not allowed.")
    size = _octal(block[124:136])
    if size > MAX_MEMBER_BYTES:
        raise ArchiveError("A file in the batch is too large.")
    return name, size


def _octal(field: bytes) -> int:
    text = field.rstrip(b"\0 ").lstrip(b" ")
    if not text or not re.fullmatch(rb"[0-7]+", text):
        raise ArchiveError("A file header in the batch is damaged.")
    return int(text, 8)
