"""The container and the pipeline: a strict streaming tar reader, and flat memory whatever
the batch size (plaintext is produced, encrypted and verified in bounded pieces)."""

import io
import random
import tarfile
import tracemalloc
from datetime import UTC, datetime

import pyrage
import pytest

from clinic_desktop.sync import archive, keys
from clinic_desktop.sync.batch import BatchBuilder, BatchHeader, archive_stream, encrypt_to_file
from clinic_desktop.sync.export import Record
from clinic_desktop.sync.verify import BatchRejectedError, read_batch


class Collect:
    def __init__(self):
        self.files, self.current = {}, None

    def start(self, name, size):
        self.current = name
        self.files[name] = b""

    def data(self, chunk):
        self.files[self.current] += chunk

    def end(self):
        self.current = None


def _archive(files: dict[str, bytes]) -> bytes:
    body = b"".join(archive.member(n, d, 0) for n, d in files.items())
    return body + archive.END_OF_ARCHIVE


def _feed(data: bytes, seed: int = 1) -> dict[str, bytes]:
    sink = Collect()
    reader = archive.UstarReader(sink)
    rng = random.Random(seed)
    at = 0
    while at < len(data):
        step = rng.randint(1, 2000)
        reader.feed(data[at : at + step])
        at += step
    reader.close()
    return sink.files


def test_reader_reads_what_the_writer_writes_in_any_chunking():
    files = {"a.ndjson": b"x" * 1000, "empty.ndjson": b"", "b.ndjson": b"{}\n" * 300}
    data = _archive(files)
    for seed in range(5):
        assert _feed(data, seed) == files
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:  # and so does any tar
        assert tar.getnames() == list(files)


@pytest.mark.parametrize(
    "damage",
    ["checksum", "symlink", "traversal", "after_end", "truncated", "garbage_padding"],
)
def test_reader_refuses_what_the_writer_never_writes(damage):
    data = bytearray(_archive({"a.ndjson": b"abc"}))
    if damage == "checksum":
        data[0] ^= 1
    elif damage == "symlink":
        info = tarfile.TarInfo("a.ndjson")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        data = bytearray(info.tobuf(format=tarfile.USTAR_FORMAT) + archive.END_OF_ARCHIVE)
    elif damage == "traversal":
        info = tarfile.TarInfo("../evil.ndjson")
        data = bytearray(info.tobuf(format=tarfile.USTAR_FORMAT) + archive.END_OF_ARCHIVE)
    elif damage == "after_end":
        data += archive.member("b.ndjson", b"late", 0)
    elif damage == "truncated":
        data = data[:700]
    elif damage == "garbage_padding":
        data[512 + 3] = ord("!")
    with pytest.raises(archive.ArchiveError):
        _feed(bytes(data))


def _header(recipient: str, signing_key: bytes) -> BatchHeader:
    return BatchHeader(
        site="BIG",
        sequence=1,
        watermark_from=0,
        watermark_to=1,
        transaction_time=datetime(2026, 10, 14, tzinfo=UTC),
        recipient=recipient,
        key_id=keys.key_id(keys.public_key_of(signing_key)),
        software="test",
    )


def _records(n: int):
    """Half-kilobyte Encounters the district's schema accepts (CPT codes as padding)."""
    pad = [{"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "99213"}]}] * 8
    for i in range(n):
        body = {"resourceType": "Encounter", "id": f"{i:032x}", "type": pad}
        yield Record("output", "Encounter", body)


def _peaks(tmp_path, n: int) -> tuple[int, int, int]:
    """(export peak, verify peak, file size) for a batch of ``n`` half-kilobyte records."""
    identity = pyrage.x25519.Identity.generate()
    signing_key = keys.new_signing_key()
    header = _header(str(identity.to_public()), signing_key)
    builder = BatchBuilder(header, lambda data: keys.sign(signing_key, data))
    path = tmp_path / str(n) / "BIG-000001.batch"
    path.parent.mkdir()
    trust = keys.TrustStore({"BIG": (keys.SiteKey("BIG", "", keys.public_key_of(signing_key)),)})
    tracemalloc.start()
    try:
        encrypt_to_file(path, archive_stream(builder, _records(n)), str(identity.to_public()))
        _, export_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        found = read_batch(path, identity, trust)
        _, verify_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found.counts == {"Encounter": n}
    return export_peak, verify_peak, path.stat().st_size


def test_memory_stays_flat_on_both_sides(tmp_path):
    small = _peaks(tmp_path, 4_000)  # about 2 MB of NDJSON
    large = _peaks(tmp_path, 16_000)  # about 8 MB, split into 1 MiB parts
    assert large[2] > 8_000_000
    assert large[0] < 3_500_000 and large[1] < 1_000_000, large
    assert large[0] < small[0] * 1.3 and large[1] < small[1] * 1.3 + 100_000, (small, large)


def test_a_batch_signed_by_an_unknown_site_key_is_refused(tmp_path):
    identity = pyrage.x25519.Identity.generate()
    signing_key = keys.new_signing_key()
    builder = BatchBuilder(
        _header(str(identity.to_public()), signing_key), lambda d: keys.sign(signing_key, d)
    )
    path = tmp_path / "BIG-000001.batch"
    encrypt_to_file(path, archive_stream(builder, _records(3)), str(identity.to_public()))
    other = keys.SiteKey("BIG", "", keys.public_key_of(keys.new_signing_key()))
    with pytest.raises(BatchRejectedError) as caught:
        read_batch(path, identity, keys.TrustStore({"BIG": (other,)}))
    assert caught.value.reason == "bad_signature"
