"""The district's aggregate database: idempotent, ordered import of verified batches.

Plain SQLite (the district holds no identifiable data). Every resource is kept once per
(site, type, id) with the version that wrote it, ``(batch sequence, watermark end)``:
a newer version replaces an older one, an older one never replaces a newer, and a
tombstone is a row marked deleted (so a late batch cannot bring a deleted record back).
Re-importing a batch changes nothing. One database holds one export profile: a batch of
another profile is refused (``profile_mismatch``), so safe-harbor years and limited-data-set
months never mix. The database file is created 0600 (SQLite gives its journal the same).

Per site, batches apply in sequence order and their watermarks must join up. A batch
after a gap is *held* (reported, left in the folder) until the missing one arrives, or
applied anyway with ``force_gap``; a missing batch that turns up later still applies,
and the versions keep newer data in place. A batch whose sequence was already imported
with other content is refused as a replay, with one exception: a re-export after an
interrupted export has the same sequence and start but reaches further, and supersedes.

Each batch's audit anchor (the site's audit head, signed) is kept in ``audit_anchors``;
``site_anchors`` hands them back so the site can check its chain against them.

Each batch is read twice: once to verify and learn its sequence, once inside a
transaction that applies its records as they stream and commits only if the second
read verifies too (so a file swapped in between cannot slip through).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyrage

from clinic_desktop import errors
from clinic_desktop.messages import msg
from clinic_desktop.sync import batch
from clinic_desktop.sync.anchors import Anchor
from clinic_desktop.sync.fhir import projection
from clinic_desktop.sync.keys import TrustStore
from clinic_desktop.sync.verify import BatchRejectedError, VerifiedBatch, deleted_target, read_batch

SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    site TEXT NOT NULL, sequence INTEGER NOT NULL, digest TEXT NOT NULL,
    watermark_from INTEGER NOT NULL, watermark_to INTEGER NOT NULL,
    transaction_time TEXT NOT NULL, imported_at TEXT NOT NULL,
    forced INTEGER NOT NULL DEFAULT 0, counts TEXT NOT NULL, profile TEXT NOT NULL,
    PRIMARY KEY (site, sequence)
);
CREATE TABLE IF NOT EXISTS resources (
    site TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,
    version_seq INTEGER NOT NULL, version_wm INTEGER NOT NULL, deleted INTEGER NOT NULL,
    patient TEXT, school TEXT, period TEXT, code TEXT, category TEXT, status TEXT,
    outcome TEXT, number INTEGER, positive INTEGER, body TEXT,
    PRIMARY KEY (site, type, id)
);
CREATE INDEX IF NOT EXISTS ix_resources_report ON resources (type, deleted, period, school);
CREATE INDEX IF NOT EXISTS ix_resources_patient ON resources (site, patient);
CREATE TABLE IF NOT EXISTS audit_anchors (
    site TEXT NOT NULL, source TEXT NOT NULL, ref TEXT NOT NULL,
    count INTEGER NOT NULL, hash TEXT NOT NULL, key_id TEXT, signature TEXT,
    received_at TEXT NOT NULL,
    PRIMARY KEY (site, source, ref)
);
CREATE TABLE IF NOT EXISTS aggregates (
    site TEXT NOT NULL, period TEXT NOT NULL, school TEXT NOT NULL, measure TEXT NOT NULL,
    category TEXT NOT NULL, value INTEGER, suppressed INTEGER NOT NULL,
    PRIMARY KEY (site, period, school, measure, category)
);
"""
_COLUMNS = (
    "patient",
    "school",
    "period",
    "code",
    "category",
    "status",
    "outcome",
    "number",
    "positive",
)
_UPSERT = """
INSERT INTO resources (site, type, id, version_seq, version_wm, deleted, patient, school, period,
                       code, category, status, outcome, number, positive, body)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (site, type, id) DO UPDATE SET
    version_seq = excluded.version_seq, version_wm = excluded.version_wm,
    deleted = excluded.deleted, patient = excluded.patient, school = excluded.school,
    period = excluded.period, code = excluded.code, category = excluded.category,
    status = excluded.status, outcome = excluded.outcome, number = excluded.number,
    positive = excluded.positive, body = excluded.body
WHERE excluded.version_seq > resources.version_seq
   OR (excluded.version_seq = resources.version_seq
       AND excluded.version_wm >= resources.version_wm)
"""


@contextmanager
def open_warehouse(path: Path) -> Iterator[sqlite3.Connection]:
    """The aggregate database (created 0600 on first use), closed on the way out."""
    create_private(Path(path))
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
    except sqlite3.DatabaseError as exc:  # another file, a damaged one, a folder
        raise _not_a_warehouse(path) from exc
    with closing(conn):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise _not_a_warehouse(path) from exc
        yield conn


def _not_a_warehouse(path: Path) -> errors.ClinicError:
    return errors.ClinicError(
        msg("{path} is not a district database, or it is damaged.", path=str(path))
    )


def create_private(path: Path) -> None:
    """Create ``path`` empty with mode 0600 unless it exists: district files are for the
    district's analysts, not every account on the machine."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# --- outcomes ----------------------------------------------------------------------------

APPLIED = "applied"
ALREADY = "already_imported"
HELD = "held"
REJECTED = "rejected"


@dataclass(frozen=True)
class Outcome:
    """What became of one batch file."""

    file: str
    status: str
    message: str
    site: str = ""
    sequence: int = 0
    reason: str = ""


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)
    #: Per site, the sequence numbers still missing below the highest one seen.
    gaps: dict[str, list[int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing was refused or held back."""
        return all(o.status in (APPLIED, ALREADY) for o in self.outcomes)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


@dataclass(frozen=True)
class _Applied:
    digest: str
    watermark_from: int
    watermark_to: int
    transaction_time: str


# --- importing ---------------------------------------------------------------------------


def import_batches(
    folder: Path,
    conn: sqlite3.Connection,
    identity: pyrage.x25519.Identity,
    trust: TrustStore,
    *,
    now: datetime,
    force_gap: bool = False,
) -> ImportReport:
    """Verify and apply every ``*.batch`` in ``folder``, site by site in sequence order."""
    report = ImportReport()
    verified: list[VerifiedBatch] = []
    for path in sorted(Path(folder).glob(f"*{batch.SUFFIX}")):
        try:
            verified.append(read_batch(path, identity, trust))
        except BatchRejectedError as exc:
            report.outcomes.append(Outcome(path.name, REJECTED, exc.message, reason=exc.reason))
    for found in sorted(verified, key=lambda v: (v.site, v.sequence)):
        report.outcomes.append(_import_one(conn, found, identity, trust, now, force_gap))
    report.gaps = _gaps(conn, verified)
    return report


def _import_one(
    conn: sqlite3.Connection,
    found: VerifiedBatch,
    identity: pyrage.x25519.Identity,
    trust: TrustStore,
    now: datetime,
    force_gap: bool,
) -> Outcome:
    status, message, forced = _decide(conn, found, force_gap)
    reason = ""
    if status == REJECTED:
        held = _profile_held(conn)
        reason = "profile_mismatch" if held not in (None, str(found.profile)) else "replayed"
    if status == APPLIED:
        shorter = _shorter_audit_log(conn, found)
        try:
            _apply(conn, found, identity, trust, now, forced)
        except BatchRejectedError as exc:
            status, message, reason = REJECTED, exc.message, exc.reason
        else:
            message = shorter(message) if shorter else message
    return Outcome(found.path.name, status, message, found.site, found.sequence, reason)


def _shorter_audit_log(
    conn: sqlite3.Connection, found: VerifiedBatch
) -> Callable[[str], str] | None:
    """A warning to add when the batch's audit head has fewer events than one received
    before from the same site: its audit log lost rows (or an older backup was restored)."""
    anchor = found.audit_anchor
    if anchor is None:
        return None
    row = conn.execute(
        "SELECT MAX(count) FROM audit_anchors WHERE site = ? AND ref != ?",
        (found.site, anchor.ref),
    ).fetchone()
    earlier = row[0] if row else None
    if earlier is None or earlier <= anchor.count:
        return None
    return lambda message: msg(
        "{message}; warning: site {site}'s audit log has {count} events, fewer than the "
        "{earlier} an earlier batch stated (events were deleted, or an older backup was "
        "restored): check it with {command}",
        message=message,
        command="clinic-admin audit verify --anchors",
        site=found.site,
        count=anchor.count,
        earlier=earlier,
    )


def _decide(
    conn: sqlite3.Connection, found: VerifiedBatch, force_gap: bool
) -> tuple[str, str, bool]:
    """(status, message, forced) for a verified batch, before anything is written."""
    held = _profile_held(conn)
    if held is not None and held != str(found.profile):
        return (
            REJECTED,
            (
                f"{found.name}: refused, it is a {found.profile} batch and this database holds "
                f"{held} data (the two are never mixed; use another database)"
            ),
            False,
        )
    applied = _applied(conn, found.site)
    name = found.name
    previous = applied.get(found.sequence)
    if previous is not None:
        return _decide_seen(found, previous)
    last = max(applied, default=0)
    if found.sequence < last:
        return APPLIED, f"{name}: applied (it fills an earlier gap)", False
    expected_from = applied[last].watermark_to if last else 0
    if found.sequence == last + 1 and found.watermark_from == expected_from:
        return APPLIED, f"{name}: applied", False
    missing = batch.batch_file_name(found.site, last + 1)
    if found.sequence == last + 1:
        missing = f"the re-export of {batch.batch_file_name(found.site, last)}"
    if force_gap:
        return APPLIED, f"{name}: applied past a gap (forced; still missing {missing})", True
    return HELD, f"{name}: held until {missing} arrives (or import with --force-gap)", False


def _profile_held(conn: sqlite3.Connection) -> str | None:
    """The export profile of the batches already imported (None in a new database)."""
    row = conn.execute("SELECT profile FROM batches LIMIT 1").fetchone()
    return None if row is None else str(row[0])


def _decide_seen(found: VerifiedBatch, previous: _Applied) -> tuple[str, str, bool]:
    if previous.digest == found.digest:
        return ALREADY, f"{found.name}: already imported, nothing changed", False
    same_start = found.watermark_from == previous.watermark_from
    if same_start and (
        found.watermark_to > previous.watermark_to
        or (
            found.watermark_to == previous.watermark_to
            and found.transaction_time > previous.transaction_time
        )
    ):
        return APPLIED, f"{found.name}: applied (re-export after an interrupted export)", False
    if (
        same_start
        and found.watermark_to == previous.watermark_to
        and found.transaction_time == previous.transaction_time
    ):
        # A safe-harbor manifest dates itself by the year only, so a re-export of the very
        # same changes cannot show it is newer: it holds the same record versions.
        return (
            ALREADY,
            msg("{name}: a re-export of the same changes, already imported", name=found.name),
            False,
        )
    message = msg(
        "{name}: refused, sequence {sequence} of site {site} was already "
        "imported with different content (a replayed or conflicting batch)",
        name=found.name,
        sequence=found.sequence,
        site=found.site,
    )
    return REJECTED, message, False


def _apply(
    conn: sqlite3.Connection,
    found: VerifiedBatch,
    identity: pyrage.x25519.Identity,
    trust: TrustStore,
    now: datetime,
    forced: bool,
) -> None:
    newest = found.sequence >= max(_applied(conn, found.site), default=0)
    with transaction(conn):
        sink = _Applier(conn, found, replace_aggregates=newest)
        again = read_batch(found.path, identity, trust, sink)
        if again.digest != found.digest:
            raise BatchRejectedError(
                "changed", msg("{name} changed while it was imported.", name=found.name)
            )
        _record(conn, found, now, forced)


class _Applier:
    """Writes each verified record line into the database (inside the caller's transaction)."""

    def __init__(
        self, conn: sqlite3.Connection, found: VerifiedBatch, *, replace_aggregates: bool
    ) -> None:
        self._conn = conn
        self._found = found
        self._aggregates = replace_aggregates
        if replace_aggregates:
            conn.execute("DELETE FROM aggregates WHERE site = ?", (found.site,))

    def line(self, section: str, resource_type: str, body: dict[str, Any]) -> None:
        if section == "aggregate":
            self._aggregate(body)
        elif section == "deleted":
            kind, rid = deleted_target(body) or ("", "")
            self._upsert(kind, rid, deleted=True, columns=dict.fromkeys(_COLUMNS), body=None)
        else:
            text = json.dumps(body, separators=(",", ":"))
            self._upsert(
                resource_type, body["id"], deleted=False, columns=projection(body), body=text
            )

    def _upsert(
        self, kind: str, rid: str, *, deleted: bool, columns: dict[str, Any], body: str | None
    ) -> None:
        values = [_scalar(columns[c]) for c in _COLUMNS]
        f = self._found
        self._conn.execute(
            _UPSERT, (f.site, kind, rid, f.sequence, f.watermark_to, int(deleted), *values, body)
        )

    def _aggregate(self, body: dict[str, Any]) -> None:
        if not self._aggregates:
            return
        self._conn.execute(
            "INSERT OR REPLACE INTO aggregates VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                self._found.site,
                str(body["period"]),
                str(body["school"]),
                str(body["measure"]),
                str(body["category"]),
                _scalar(body["value"]),
                int(body["value"] is None),
            ),
        )


def _scalar(value: object) -> object:
    """Only plain scalars reach SQLite columns (a malformed record cannot smuggle objects)."""
    if value is None or isinstance(value, int | str):
        return value
    return None


def _record(conn: sqlite3.Connection, found: VerifiedBatch, now: datetime, forced: bool) -> None:
    _keep_anchor(conn, found, now)
    conn.execute(
        "INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            found.site,
            found.sequence,
            found.digest,
            found.watermark_from,
            found.watermark_to,
            found.transaction_time,
            now.isoformat(timespec="seconds"),
            int(forced),
            json.dumps(found.counts, sort_keys=True),
            str(found.profile),
        ),
    )


def _keep_anchor(conn: sqlite3.Connection, found: VerifiedBatch, now: datetime) -> None:
    """Keep the site's audit head the batch stated: the district's copy is one a person at
    the site cannot change (``clinic-sync anchors`` hands them back for checking)."""
    anchor = found.audit_anchor
    if anchor is None:
        return
    conn.execute(
        "INSERT OR REPLACE INTO audit_anchors VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            anchor.site,
            anchor.source,
            anchor.ref,
            anchor.count,
            anchor.hash,
            anchor.key_id,
            anchor.signature,
            now.isoformat(timespec="seconds"),
        ),
    )


def site_anchors(conn: sqlite3.Connection, site: str) -> list[Anchor]:
    """Every audit anchor received from ``site``, oldest batch first."""
    rows = conn.execute(
        "SELECT site, source, ref, count, hash, key_id, signature FROM audit_anchors "
        "WHERE site = ? ORDER BY count, ref",
        (site,),
    )
    return [Anchor(*row) for row in rows]


def _applied(conn: sqlite3.Connection, site: str) -> dict[int, _Applied]:
    rows = conn.execute(
        "SELECT sequence, digest, watermark_from, watermark_to, transaction_time "
        "FROM batches WHERE site = ?",
        (site,),
    )
    return {seq: _Applied(digest, lo, hi, tt) for seq, digest, lo, hi, tt in rows}


def _gaps(conn: sqlite3.Connection, verified: list[VerifiedBatch]) -> dict[str, list[int]]:
    """Per site, the sequences below the highest seen that were neither imported nor found."""
    sites = {v.site for v in verified} | {
        row[0] for row in conn.execute("SELECT DISTINCT site FROM batches")
    }
    gaps: dict[str, list[int]] = {}
    for site in sorted(sites):
        applied = set(_applied(conn, site))
        present = {v.sequence for v in verified if v.site == site}
        highest = max(applied | present, default=0)
        missing = [n for n in range(1, highest + 1) if n not in applied | present]
        if missing:
            gaps[site] = missing
    return gaps


def batch_history(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every imported batch, for the operator (``clinic-sync import --json``)."""
    cursor = conn.execute(
        "SELECT site, sequence, watermark_from, watermark_to, transaction_time, imported_at, "
        "forced FROM batches ORDER BY site, sequence"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
