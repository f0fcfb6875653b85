"""Test setup for sync: clinical rows whose services are written elsewhere, inserted the way
``tests/services/test_workspace_services.py`` does, and batch-opening helpers."""

from __future__ import annotations

import io
import tarfile
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pyrage

from clinic_desktop.domain import screening
from clinic_desktop.store.models import (
    Consent,
    FlagAction,
    Partner,
    Referral,
    ReferralEvent,
    RiskFlag,
    Screening,
)
from clinic_desktop.sync import keys


@dataclass
class District:
    folder: Path
    trust: Path

    @property
    def key_path(self) -> Path:
        return self.folder / keys.DISTRICT_KEY_NAME

    @property
    def provisioning(self) -> bytes:
        return (self.folder / keys.PROVISIONING_NAME).read_bytes()

    def identity(self) -> pyrage.x25519.Identity:
        return keys.load_identity(self.key_path)

    def trust_store(self) -> keys.TrustStore:
        return keys.TrustStore.load(self.trust)


def decrypt(district: District, path: Path) -> bytes:
    """The whole plaintext of a batch (for tests only: tar headers, files, manifest)."""
    return pyrage.decrypt(Path(path).read_bytes(), [district.identity()])


def members(plaintext: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(plaintext)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def lines_of(plaintext: bytes, prefix: str) -> list[bytes]:
    return [
        line
        for name, data in members(plaintext).items()
        if name.startswith(prefix + ".")
        for line in data.splitlines()
    ]


def add_screening(
    session,
    student_id: uuid.UUID,
    instrument_id: str,
    answers: dict[str, int],
    at: datetime,
    visit_id: uuid.UUID | None = None,
    *,
    stored_extra: dict | None = None,
    flag_texts: dict[str, str] | None = None,
    text_answers: dict[str, str] | None = None,
    discard_reason: str = "",
) -> uuid.UUID:
    """A scored screening (the real engine) and a RiskFlag row per raised flag.

    ``stored_extra`` is merged into the stored answers (free text a future form might keep
    there); ``flag_texts`` overrides the flags' message / action note; ``text_answers``
    are the written follow-ups; a ``discard_reason`` stores it as stopped with that reason.
    """
    result = screening.score(instrument_id, answers)
    texts = flag_texts or {}
    with session.write() as db:
        row = Screening(
            student_id=student_id,
            visit_id=visit_id,
            administered_by=session.user.id,
            administered_at=at,
            instrument_id=instrument_id,
            instrument_version=result.instrument_version,
            answers={**answers, **(stored_extra or {})},
            total=result.total,
            subscales=dict(result.subscales),
            band=result.band,
            complete=result.complete,
            text_answers=text_answers or {},
            status="discarded" if discard_reason else "complete",
            discard_reason=discard_reason,
            discarded_at=at if discard_reason else None,
        )
        db.add(row)
        db.flush()
        for flag in result.flags:
            flag_row = RiskFlag(
                student_id=student_id,
                screening_id=row.id,
                flag_id=flag.id,
                severity=flag.severity.value,
                message=texts.get("message", flag.message),
                required_action=texts.get("required_action", flag.required_action),
                raised_at=at,
                action_note=texts.get("action_note", ""),
            )
            db.add(flag_row)
            db.flush()
            if "action_person" in texts or "action_text" in texts:
                db.add(
                    FlagAction(
                        flag_id=flag_row.id,
                        action="other",
                        occurred_at=at,
                        recorded_at=at,
                        recorded_by=session.user.id,
                        person=texts.get("action_person", ""),
                        note=texts.get("action_text", ""),
                    )
                )
        return row.id


def add_partner(session, name: str = "Eastside Counseling", **extra) -> uuid.UUID:
    with session.write() as db:
        partner = Partner(name=name, kind=extra.pop("kind", "community_mental_health"), **extra)
        db.add(partner)
        db.flush()
        return partner.id


def add_referral(
    session,
    student_id: uuid.UUID,
    partner_id: uuid.UUID,
    events: list[tuple[datetime, str, datetime | None]],
    *,
    outcome: str | None = None,
    reason: str = "Anxiety",
    urgency: str = "urgent",
    note: str = "",
) -> uuid.UUID:
    """A referral created at the first event's time, moved through ``events``
    (at, to_status, appointment_at)."""
    with session.write() as db:
        referral = Referral(
            student_id=student_id,
            partner_id=partner_id,
            created_by=session.user.id,
            reason=reason,
            urgency=urgency,
            status=events[-1][1] if events else "draft",
            outcome=outcome,
        )
        db.add(referral)
        db.flush()
        previous = "draft"
        for at, to_status, appointment in events:
            db.add(
                ReferralEvent(
                    referral_id=referral.id,
                    from_status=previous,
                    to_status=to_status,
                    at=at,
                    by_user=session.user.id,
                    note=note,
                    appointment_at=appointment,
                )
            )
            previous = to_status
        return referral.id


def add_consent(
    session,
    student_id: uuid.UUID,
    kind: str,
    signed_on: date,
    *,
    partner_id: uuid.UUID | None = None,
    scope: str = "",
    purpose: str = "",
    expires_on: date | None = None,
    revoked_on: date | None = None,
) -> uuid.UUID:
    with session.write() as db:
        row = Consent(
            student_id=student_id,
            kind=kind,
            partner_id=partner_id,
            scope=scope,
            purpose=purpose,
            signer_kind="guardian",
            signer_has_authority=True,
            signed_on=signed_on,
            expires_on=expires_on,
            revoked_on=revoked_on,
            recorded_by=session.user.id,
        )
        db.add(row)
        db.flush()
        return row.id
