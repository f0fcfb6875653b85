"""Sync at the site: provisioning and exporting de-identified batches for the district.

Who: IT and administrators (``Permission.EXPORT_SYNC``); IT exports without ever being
able to open a chart.

Where the secrets live (all inside the encrypted store's ``settings`` table): the
district's name and age recipient (``sync_district``), the site's Ed25519 signing key
(``sync_signing_key``) and the random secret behind pseudonymous record ids
(``sync_record_secret``). The watermark is the last ``SyncBatch`` row.

The export profile comes from the district's provisioning file and is stored with it.
Either profile waits until the site's administrator has seen what it permits (for
limited-data-set, the data use agreement's terms) and accepted it (``accept_export_profile``,
audited, kept in ``sync_profile_acceptance``): provisioning never accepts on anyone's
behalf. Export refuses a profile not accepted, and a limited data set after its agreement
expires.

How an export stays exact: it reads one snapshot (a read transaction) up to the current
``change_seq``; the batch is encrypted as it is produced into a temporary file (ciphertext
only), fsynced and renamed to ``SITE-SEQ.batch``; only then does a write transaction add
the ``SyncBatch`` row that moves the watermark. A crash before the rename leaves no batch;
a crash after it leaves a file whose sequence is not recorded, so the next export makes
the same sequence again from the same watermark (a superset that replaces it), and the
district accepts that re-export in place of the first (see ``sync.warehouse``).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

import pyrage
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinic_desktop import __version__, errors
from clinic_desktop.clock import local_zone
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.deidentify import Deidentifier, ExportProfile
from clinic_desktop.domain.roles import Permission
from clinic_desktop.fsutil import fsync_dir
from clinic_desktop.messages import msg
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.settings import put_setting
from clinic_desktop.services.unit import Work, reading, require, unit_of_work
from clinic_desktop.store import audit
from clinic_desktop.store.changes import current_change_seq
from clinic_desktop.store.models import Setting, SyncBatch
from clinic_desktop.sync import anchors, keys
from clinic_desktop.sync.batch import (
    BatchBuilder,
    BatchHeader,
    Written,
    archive_stream,
    batch_file_name,
    encrypt_to_file,
)
from clinic_desktop.sync.export import Exporter, changed_records
from clinic_desktop.sync.fhir import Shaper
from clinic_desktop.sync.source import StoreReader, Window
from clinic_desktop.sync.verify import BatchRejectedError, OwnCopy, check_own_batch

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("clinic.sync")

SETTING_DISTRICT = "sync_district"
SETTING_SIGNING_KEY = "sync_signing_key"
SETTING_RECORD_SECRET = "sync_record_secret"  # noqa: S105 (a settings key, not a secret)
SETTING_ACCEPTANCE = "sync_profile_acceptance"
LOCK_NAME = "sync-export.lock"


class NotProvisionedError(errors.ClinicError):
    message = (
        "This clinic has not been provisioned for sync yet: run "
        "clinic-admin provision with the district's provisioning.json."
    )


#: Only IT and administrators may provision and export (no chart access needed).
SYNC = Permission.EXPORT_SYNC


class ProfileNotAcceptedError(errors.ClinicError):
    message = msg(
        "The district's export profile has not been accepted yet: an administrator must "
        'review and accept it before export (Sync tab, "Review profile…", or {command}).',
        command="clinic-admin accept-profile",
    )


class AgreementExpiredError(errors.ClinicError):
    message = (
        "The district's data use agreement has expired: no limited data set may be "
        "exported. Ask the district for a new provisioning file."
    )


def require_sync(session: ClinicSession) -> None:
    """Refuse early, before a provisioning file or a folder is looked at."""
    require(session, SYNC)


# --- provisioning -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProvisionResult:
    district: str
    site_code: str
    key_id: str
    #: The site's ``.pub`` file content, for the district's trust folder.
    site_key_file: bytes
    new_signing_key: bool


def provision(
    session: ClinicSession, provisioning: bytes, *, new_signing_key: bool = False
) -> ProvisionResult:
    """Install the district's key; draw the site's signing key and record-id secret once.

    Provisioning again (a new district key) keeps the signing key unless
    ``new_signing_key``, so the district's trust folder stays valid.
    """
    require_sync(session)
    district = keys.Provisioning.from_bytes(provisioning)
    with unit_of_work(session, SYNC) as work:
        db = work.db
        settings = _settings(db)
        created = new_signing_key or not settings.get(SETTING_SIGNING_KEY)
        if created:
            put_setting(db, SETTING_SIGNING_KEY, keys.new_signing_key().hex())
        if not settings.get(SETTING_RECORD_SECRET):
            put_setting(db, SETTING_RECORD_SECRET, secrets.token_hex(32))
        put_setting(db, SETTING_DISTRICT, district.to_json())
        db.flush()
        site_key = _site_key(_settings(db))
        work.audit(
            AuditAction.SYNC_PROVISIONED,
            detail={
                "key_id": site_key.key_id,
                "new_signing_key": bool(created),
                "profile": str(district.profile),
            },
        )
    log.info("sync provisioned (new signing key: %s)", bool(created))
    return ProvisionResult(
        district.district, site_key.site_code, site_key.key_id, site_key.to_bytes(), bool(created)
    )


# --- the export profile -------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileTerms:
    """What the district asks for and whether it was accepted: what the administrator sees
    before accepting (the agreement's id, recipient, permitted uses and expiry)."""

    profile: ExportProfile
    agreement: keys.DataUseAgreement | None
    accepted: bool
    accepted_by: str = ""
    accepted_at: str = ""


def export_profile(session: ClinicSession) -> ProfileTerms:
    """The provisioned profile and its acceptance (NotProvisionedError before provisioning)."""
    with reading(session, SYNC, ReadView.SYNC_STATUS) as read:
        settings = _settings(read.db)
    district = _provisioning(settings)
    acceptance = settings.get(SETTING_ACCEPTANCE)
    accepted = _acceptance_matches(acceptance, district)
    acceptance = acceptance if accepted and isinstance(acceptance, dict) else {}
    return ProfileTerms(
        district.profile,
        district.agreement,
        accepted,
        str(acceptance.get("by", "")),
        str(acceptance.get("at", "")),
    )


def accept_export_profile(session: ClinicSession, *, on_behalf: str = "") -> ProfileTerms:
    """Accept the provisioned profile and agreement: administrators only, audited.

    ``on_behalf`` says why someone accepted who is not a real administrator reading the
    terms (the demo clinic's made-up administrator); it is kept in the record and the
    audit row."""
    with unit_of_work(session, Permission.MANAGE_SETTINGS) as work:
        district = _provisioning(_settings(work.db))
        _accept(work, district, on_behalf)
    log.info("sync export profile %s accepted", district.profile)
    return export_profile(session)


def _accept(work: Work, district: keys.Provisioning, on_behalf: str = "") -> None:
    """Record who accepted which profile and agreement, in the store and the audit log."""
    agreement = district.agreement.agreement_id if district.agreement else None
    record = {
        "profile": str(district.profile),
        "agreement_id": agreement,
        "agreement": district.agreement.to_json() if district.agreement else None,
        "by": work.session.user.username,
        "at": work.session.now().isoformat(timespec="seconds"),
        "reviewed": True,
    }
    detail: dict[str, Any] = {"profile": str(district.profile), "agreement_id": agreement}
    if on_behalf:
        record["on_behalf"] = detail["on_behalf"] = on_behalf
    put_setting(work.db, SETTING_ACCEPTANCE, record)
    work.audit(AuditAction.SYNC_PROFILE_ACCEPTED, detail=detail)


def _acceptance_matches(acceptance: object, district: keys.Provisioning) -> bool:
    """An acceptance counts only for the very profile and agreement now provisioned, and
    only if a person reviewed it: older versions recorded safe-harbor as accepted by
    provisioning itself (no ``reviewed`` mark), which no longer counts."""
    if not isinstance(acceptance, dict):
        return False
    agreement = district.agreement.to_json() if district.agreement else None
    reviewed = acceptance.get("reviewed") is True or district.agreement is not None
    return (
        reviewed
        and acceptance.get("profile") == str(district.profile)
        and acceptance.get("agreement") == agreement
    )


def _provisioning(settings: dict[str, Any]) -> keys.Provisioning:
    stored = settings.get(SETTING_DISTRICT)
    if not isinstance(stored, dict) or not settings.get(SETTING_SIGNING_KEY):
        raise NotProvisionedError
    data = {"format": keys.PROVISIONING_FORMAT, **stored}
    return keys.Provisioning.from_json(data)


def site_key_file(session: ClinicSession) -> bytes:
    """The site's ``.pub`` file again (e.g. for a district that lost it)."""
    with reading(session, SYNC, ReadView.SYNC_STATUS) as read:
        return _site_key(_settings(read.db)).to_bytes()


# --- status -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncStatus:
    """What the IT panel shows: no personal data."""

    provisioned: bool
    district: str
    key_id: str
    last_sequence: int
    watermark: int
    pending_changes: int


def sync_status(session: ClinicSession) -> SyncStatus:
    with reading(session, SYNC, ReadView.SYNC_STATUS) as read:
        settings = _settings(read.db)
        last = _last_batch(read.db)
        reader = StoreReader(read.db, local_zone(session.now()), session.today())
        pending = changed_records(reader, Window(last[1], current_change_seq(read.db)))
    district = settings.get(SETTING_DISTRICT) or {}
    provisioned = bool(district and settings.get(SETTING_SIGNING_KEY))
    return SyncStatus(
        provisioned=provisioned,
        district=str(district.get("district", "")) if isinstance(district, dict) else "",
        key_id=_site_key(settings).key_id if provisioned else "",
        last_sequence=last[0],
        watermark=last[1],
        pending_changes=pending,
    )


@dataclass(frozen=True)
class BatchRecord:
    """One exported batch as the IT panel lists it: no personal data."""

    sequence: int
    created_at: datetime
    records: int
    file_name: str


def recent_batches(session: ClinicSession, limit: int = 10) -> list[BatchRecord]:
    """The newest ``limit`` batches, newest first (what IT checks reached the district)."""
    with reading(session, SYNC, ReadView.SYNC_STATUS) as read:
        rows = read.db.scalars(select(SyncBatch).order_by(SyncBatch.sequence.desc()).limit(limit))
        return [_batch_record(row) for row in rows]


def _batch_record(row: SyncBatch) -> BatchRecord:
    records = sum(int(n) for n in (row.counts or {}).values())
    return BatchRecord(row.sequence, row.created_at, records, row.file_name)


# --- export -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sequence: int
    watermark_from: int
    watermark_to: int
    counts: dict[str, int]
    checksum: str


@dataclass(frozen=True)
class _Config:
    site: str
    recipient: str
    signing_key: bytes
    secret: bytes
    sequence: int
    watermark_from: int
    profile: ExportProfile = ExportProfile.SAFE_HARBOR
    agreement_id: str | None = None


def export_batch(
    session: ClinicSession, out_dir: Path, *, progress: Callable[[int], None] | None = None
) -> ExportResult:
    """Write the next batch into ``out_dir``: every change since the last batch.

    ``progress`` is called with the number of records written so far (every thousand); an
    exception it raises cancels the export and leaves nothing behind. The batch counts as
    written (and its sequence number as used) only once it has read back from the target
    as written (``_write_encrypted``); a target that is full, read-only or failing is an
    ``errors.ExportTargetError`` and leaves neither a file nor a used number.
    """
    require_sync(session)
    folder = Path(out_dir)
    if not folder.parent.is_dir():
        raise errors.ClinicError(
            msg("{parent} does not exist (is the USB stick mounted?).", parent=folder.parent)
        )
    with _export_lock(session):
        config = _load_config(session)
        with _target_errors():
            folder.mkdir(exist_ok=True)
            header, counts, written, tmp = _write_encrypted(session, config, folder, progress)
            _publish(session, tmp, folder / header.file_name, header.sequence, written.size)
        _record_batch(session, header, counts, written.sha256)
    log.info("batch %s exported (%d records)", header.sequence, sum(counts.values()))
    return ExportResult(
        folder / header.file_name,
        header.sequence,
        header.watermark_from,
        header.watermark_to,
        counts,
        written.sha256,
    )


@contextlib.contextmanager
def _target_errors() -> Iterator[None]:
    """The file system's and the encryptor's errors on the export folder, as plain ones."""
    try:
        yield
    except OSError as exc:
        log.warning("export target refused the batch: %s", exc.strerror or type(exc).__name__)
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG):
            raise errors.ExportTargetFullError from exc
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise errors.ExportTargetReadOnlyError from exc
        raise errors.ExportTargetError from exc
    except pyrage.EncryptError as exc:
        log.warning("export target refused the batch: %s", exc)
        raise errors.ExportTargetError from exc


def _write_encrypted(
    session: ClinicSession,
    config: _Config,
    folder: Path,
    progress: Callable[[int], None] | None,
) -> tuple[BatchHeader, dict[str, int], Written, Path]:
    """Build and encrypt the batch from one snapshot into a temporary file, then read it
    back from the target and check it (``verify.check_own_batch``).

    The batch is also encrypted to a single-use identity drawn here and forgotten on return:
    it lets the site decrypt what landed on the stick and compare the manifest there with
    its own copy, without any key that could open the batch later.
    """
    now = session.now()
    tz = local_zone(now)
    tmp = folder / f".{config.site}-{config.sequence:06d}.{secrets.token_hex(4)}.tmp"
    check = pyrage.x25519.Identity.generate()
    try:
        with reading(session, SYNC, ReadView.SYNC_EXPORT) as read:
            db = read.db
            header = _header(config, current_change_seq(db), now, audit.head(db))
            builder = BatchBuilder(header, lambda data: keys.sign(config.signing_key, data))
            records = _exporter(db, config, tz, session.today()).records(
                Window(header.watermark_from, header.watermark_to)
            )
            written = encrypt_to_file(
                tmp,
                archive_stream(builder, records, progress),
                config.recipient,
                also=[check.to_public()],
            )
        own = OwnCopy(
            written.size,
            written.sha256,
            builder.manifest_bytes,
            keys.public_key_of(config.signing_key),
        )
        try:
            check_own_batch(tmp, check, own)
        except BatchRejectedError as exc:
            log.warning("batch %s did not read back: %s", header.sequence, exc.reason)
            raise errors.ExportNotVerifiedError from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return header, dict(builder.counts), written, tmp


def _exporter(db: Session, config: _Config, tz: tzinfo, today: date) -> Exporter:
    return Exporter(
        StoreReader(db, tz, today),
        Deidentifier(config.secret, config.profile),
        Shaper(config.site, config.sequence),
    )


def _header(config: _Config, upto: int, now: datetime, head: audit.AuditHead) -> BatchHeader:
    sequence_name = batch_file_name(config.site, config.sequence)
    anchor = anchors.make_anchor(
        config.site, "batch", sequence_name, head.count, head.last_hash, config.signing_key
    )
    return BatchHeader(
        site=config.site,
        sequence=config.sequence,
        watermark_from=config.watermark_from,
        watermark_to=max(upto, config.watermark_from),
        transaction_time=now,
        recipient=config.recipient,
        key_id=keys.key_id(keys.public_key_of(config.signing_key)),
        software=f"clinic-desktop {__version__}",
        profile=config.profile,
        agreement_id=config.agreement_id,
        audit_anchor=anchor.to_json(),
    )


def stored_signing_key(db: Session) -> bytes | None:
    """The site's Ed25519 signing key (None before provisioning): batches and backups sign
    their audit anchors with it."""
    raw = db.scalar(select(Setting.value).where(Setting.key == SETTING_SIGNING_KEY))
    return bytes.fromhex(str(raw)) if raw else None


def _publish(session: ClinicSession, tmp: Path, final: Path, sequence: int, size: int) -> None:
    """Rename into place, durably. An existing file of that name is an unrecorded earlier
    attempt (its sequence never reached the store), which this batch supersedes; a recorded
    batch is never overwritten. If the rename cannot be made durable, or the file under its
    name is not the size written, the file is removed: the number stays unused."""
    try:
        with reading(session, SYNC, ReadView.SYNC_EXPORT) as read:
            recorded = read.db.scalar(select(SyncBatch.id).where(SyncBatch.sequence == sequence))
        if recorded is not None:
            raise errors.ConflictError("Another export recorded this batch number first.")
        tmp.replace(final)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    try:
        fsync_dir(final.parent)
        if final.stat().st_size != size:
            raise errors.ExportNotVerifiedError
    except BaseException:
        with contextlib.suppress(OSError):
            final.unlink()
        raise


def _record_batch(
    session: ClinicSession, header: BatchHeader, counts: dict[str, int], checksum: str
) -> None:
    """Advance the watermark: only after the batch file is durable under its name."""
    with unit_of_work(session, SYNC) as work:
        db = work.db
        if _last_batch(db)[0] != header.sequence - 1:
            raise errors.ConflictError("Another export recorded this batch number first.")
        db.add(
            SyncBatch(
                sequence=header.sequence,
                watermark_from=header.watermark_from,
                watermark_to=header.watermark_to,
                counts=counts,
                checksum=checksum,
                file_name=header.file_name,
            )
        )
        work.audit(
            AuditAction.SYNC_BATCH_EXPORTED,
            "sync_batch",
            header.sequence,
            {"records": sum(counts.values()), "watermark_to": header.watermark_to},
        )


@contextlib.contextmanager
def _export_lock(session: ClinicSession) -> Iterator[None]:
    """One export at a time per site (a second one is refused, not queued)."""
    path = session.paths.root / LOCK_NAME
    with path.open("a+b") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise errors.ConflictError("Another export is running for this clinic.") from exc
        yield


# --- settings -----------------------------------------------------------------------------


def _load_config(session: ClinicSession) -> _Config:
    with reading(session, SYNC, ReadView.SYNC_EXPORT) as read:
        settings = _settings(read.db)
        sequence, watermark = _last_batch(read.db)
    district = _provisioning(settings)
    _require_export_allowed(session, district, settings.get(SETTING_ACCEPTANCE))
    return _Config(
        site=str(settings.get("site_code", "")),
        recipient=district.recipient,
        signing_key=bytes.fromhex(str(settings[SETTING_SIGNING_KEY])),
        secret=bytes.fromhex(str(settings[SETTING_RECORD_SECRET])),
        sequence=sequence + 1,
        watermark_from=watermark,
        profile=district.profile,
        agreement_id=district.agreement.agreement_id if district.agreement else None,
    )


def _require_export_allowed(
    session: ClinicSession, district: keys.Provisioning, acceptance: object
) -> None:
    """Only the profile the administrator accepted (safe-harbor too: a site provisioned
    before acceptance was required must accept once), and a limited data set only while
    its agreement is in force."""
    if not _acceptance_matches(acceptance, district):
        raise ProfileNotAcceptedError
    if district.agreement is not None and not district.agreement.in_force(session.today()):
        raise AgreementExpiredError


def _last_batch(db: Session) -> tuple[int, int]:
    """(sequence, watermark) of the newest batch, (0, 0) before the first."""
    sequence = db.scalar(select(func.max(SyncBatch.sequence))) or 0
    if not sequence:
        return 0, 0
    watermark = db.scalar(select(SyncBatch.watermark_to).where(SyncBatch.sequence == sequence))
    return sequence, int(watermark or 0)


def _settings(db: Session) -> dict[str, Any]:
    return {row.key: row.value for row in db.scalars(select(Setting))}


def _site_key(settings: dict[str, Any]) -> keys.SiteKey:
    raw = settings.get(SETTING_SIGNING_KEY)
    if not raw:
        raise NotProvisionedError
    return keys.SiteKey(
        site_code=str(settings.get("site_code", "")),
        site_name=str(settings.get("site_name", "")),
        public_key=keys.public_key_of(bytes.fromhex(str(raw))),
    )
