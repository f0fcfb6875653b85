"""Consents: record and revoke the signed papers, list them with their status, and answer
"is there a valid consent of kind K (for partner P) on day D, and if not, why?".

The rules are the domain's (``domain.consents``); this module loads what they need in one
transaction. Whether a signing guardian had legal authority is fixed when the consent is
recorded (``signer_has_authority``, from the guardian's ``can_consent`` that day), so a
later edit to the guardian does not silently change an old paper's validity; a student's
own signature is judged on their age on the day of signing. A paper signed by someone
without the right to sign is still recorded (it exists, and the chart should say why it
does not count), but it never makes a check valid.

Recording and revoking need ``EDIT_DEMOGRAPHICS`` (consent forms are the nurses' as much
as the clinicians'); reading needs ``VIEW_CHART`` and is audited as a chart read.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from clinic_desktop import errors
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.consents import (
    ConsentCheck,
    ConsentInput,
    ConsentKind,
    ConsentRecord,
    MinorConsentRule,
    SignerKind,
    check_consent,
    consent_status_chip,
    validated_consent,
    validated_revocation,
)
from clinic_desktop.domain.records import ConsentOverview, ConsentView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.students import age_on
from clinic_desktop.services import settings as settings_service
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.partners import load_partner
from clinic_desktop.services.unit import reading, unit_of_work
from clinic_desktop.store.models import Consent, Guardian, Partner, Student, User
from clinic_desktop.store.rows import live


def record_consent(
    session: ClinicSession, student_id: uuid.UUID, consent: ConsentInput
) -> ConsentView:
    """Record a signed consent; the returned view says whether it holds today and why not."""
    clean = validated_consent(consent, session.today())
    with unit_of_work(session, Permission.RECORD_CONSENT) as work:
        db = work.db
        student = live(db, Student, student_id)
        judging = _Judging.now(session, db)
        row = Consent(
            student_id=student.id,
            recorded_by=session.user.id,
            signer_has_authority=_authority(db, student, clean, judging.rule),
        )
        _apply(row, clean)
        if clean.partner_id is not None:
            _require_partner(db, clean.partner_id)
        db.add(row)
        db.flush()
        work.audit(AuditAction.CONSENT_RECORDED, "consent", row.id, _codes(row))
        return _views(db, [row], student.date_of_birth, judging)[0]


def revoke_consent(
    session: ClinicSession, consent_id: uuid.UUID, revoked_on: date | None = None
) -> ConsentView:
    """Record that the family withdrew a consent on ``revoked_on`` (default: today); it is
    out of force from that day on. ``revoked_by`` is the signed-in user."""
    today = session.today()
    with unit_of_work(session, Permission.RECORD_CONSENT) as work:
        db = work.db
        row = live(db, Consent, consent_id)
        born = live(db, Student, row.student_id).date_of_birth
        when = validated_revocation(consent_record(row, born), revoked_on or today, today)
        row.revoked_on = when
        row.revoked_by = session.user.id
        work.audit(AuditAction.CONSENT_REVOKED, "consent", row.id, _codes(row))
        return _views(db, [row], born, _Judging.now(session, db))[0]


def list_consents(session: ClinicSession, student_id: uuid.UUID) -> ConsentOverview:
    """A student's consents (newest signed first) with chips, and the kinds with none."""
    with reading(session, Permission.VIEW_CHART, ReadView.CONSENTS, student_id) as read:
        db = read.db
        student = live(db, Student, student_id)
        rows = _student_consents(db, student_id)
        views = _views(db, rows, student.date_of_birth, _Judging.now(session, db))
        read.note(count=len(rows))
    present = {v.kind for v in views}
    return ConsentOverview(
        student_id=student_id,
        consents=tuple(views),
        missing=tuple(k.value for k in ConsentKind if k.value not in present),
    )


def get_consent(session: ClinicSession, consent_id: uuid.UUID) -> ConsentView:
    """One consent (to print or show in full); a chart read."""
    with reading(session, Permission.VIEW_CHART, ReadView.CONSENT, consent_id) as read:
        db = read.db
        row = live(db, Consent, consent_id)
        born = live(db, Student, row.student_id).date_of_birth
        return _views(db, [row], born, _Judging.now(session, db))[0]


def check_student_consent(
    session: ClinicSession,
    student_id: uuid.UUID,
    kind: ConsentKind | str,
    *,
    partner_id: uuid.UUID | None = None,
    on: date | None = None,
    information_kinds_needed: Iterable[str] = (),
) -> ConsentCheck:
    """Is there a valid consent of ``kind`` (for ``partner_id``) on ``on`` (default today)?

    The answer is the domain's ``ConsentCheck``: valid or not, the consent it rests on,
    and the reason it fails (missing, expired, revoked, signer lacks authority, ...).
    A release of information is always asked about for one partner.
    """
    kind = ConsentKind(kind)
    if kind is ConsentKind.RELEASE_OF_INFORMATION and partner_id is None:
        raise errors.ValidationError(
            [errors.FieldError("partner_id", "is required to check a release of information")]
        )
    day = on or session.today()
    with reading(session, Permission.VIEW_CHART, ReadView.CONSENT_CHECK, student_id) as read:
        db = read.db
        live(db, Student, student_id)
        partner = _require_partner(db, partner_id) if partner_id is not None else None
        result = check_records(db, student_id, kind, day, partner, information_kinds_needed)
        read.note(kind=kind.value, valid=result.valid)
    return result


# --- shared with the chart and referral services ---------------------------------------


def check_records(
    db: Session,
    student_id: uuid.UUID,
    kind: ConsentKind,
    on: date,
    partner: Partner | None = None,
    information_kinds_needed: Iterable[str] = (),
) -> ConsentCheck:
    """``check_consent`` on the student's stored consents, inside the caller's transaction
    (so the referral gate judges exactly what it is about to rely on)."""
    return check_consent(
        consent_records(db, student_id),
        kind,
        on,
        rule=settings_service.load(db).minor_consent,
        partner_id=partner.id if partner is not None else None,
        partner_name=partner.name if partner is not None else "",
        information_kinds_needed=information_kinds_needed,
    )


def consent_records(db: Session, student_id: uuid.UUID) -> list[ConsentRecord]:
    """The student's consents as the domain's records (authority and age as at signing)."""
    born = db.scalar(select(Student.date_of_birth).where(Student.id == student_id))
    return [consent_record(row, born) for row in _student_consents(db, student_id)]


def consent_record(row: Consent, date_of_birth: date | None) -> ConsentRecord:
    """One stored consent as the domain's record; ``date_of_birth`` gives the age at
    signing, without which a student's own signature can never be relied on."""
    return ConsentRecord(
        id=row.id,
        kind=ConsentKind(row.kind),
        signed_on=row.signed_on,
        signer_kind=SignerKind(row.signer_kind),
        signer_has_authority=row.signer_has_authority,
        student_age_at_signing=age_on(date_of_birth, row.signed_on) if date_of_birth else None,
        partner_id=row.partner_id,
        expires_on=row.expires_on,
        expiry_event=row.expiry_event,
        revoked_on=row.revoked_on,
        information_kinds=tuple(row.information_kinds or ()),
        purpose=row.purpose,
        scope=row.scope,
    )


def names_by_id(
    db: Session,
    key: InstrumentedAttribute[uuid.UUID],
    value: InstrumentedAttribute[str],
    ids: Iterable[uuid.UUID | None],
) -> dict[uuid.UUID | None, str]:
    """``value`` by ``key`` for the given ids (None ignored), in one query."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {k: v for k, v in db.execute(select(key, value).where(key.in_(wanted)))}


# --- internals -------------------------------------------------------------------------


def _require_partner(db: Session, partner_id: uuid.UUID) -> Partner:
    try:
        return load_partner(db, partner_id)
    except errors.NotFoundError:
        raise errors.ValidationError(
            [errors.FieldError("partner_id", "is not in the partner directory")]
        ) from None


def _student_consents(db: Session, student_id: uuid.UUID) -> list[Consent]:
    query = (
        select(Consent)
        .where(Consent.student_id == student_id, Consent.deleted_at.is_(None))
        .order_by(Consent.signed_on.desc(), Consent.created_at.desc())
    )
    return list(db.scalars(query))


def _authority(db: Session, student: Student, clean: ConsentInput, rule: MinorConsentRule) -> bool:
    """The signer's right to sign as it stands now, stored on the row. For a guardian the
    checks rely on it, so a later edit to the guardian never changes this paper's worth;
    for a student it only records what the site's rule said that day (the domain applies
    the current rule to the age at signing)."""
    if clean.signer_kind == SignerKind.STUDENT:
        assert clean.signed_on is not None
        age = age_on(student.date_of_birth, clean.signed_on)
        return rule.allows(ConsentKind(clean.kind), age)
    guardian = db.get(Guardian, clean.guardian_id)
    if guardian is None or guardian.deleted_at is not None or guardian.student_id != student.id:
        raise errors.ValidationError(
            [errors.FieldError("guardian_id", "is not a guardian of this student")]
        )
    return guardian.can_consent


def _apply(row: Consent, clean: ConsentInput) -> None:
    row.kind = clean.kind
    row.signer_kind = clean.signer_kind
    row.guardian_id = clean.guardian_id
    row.partner_id = clean.partner_id
    row.purpose = clean.purpose
    row.scope = clean.scope
    row.information_kinds = list(clean.information_kinds)
    row.signed_on = clean.signed_on  # type: ignore[assignment]  # validated: not None
    row.expires_on = clean.expires_on
    row.expiry_event = clean.expiry_event


def _codes(row: Consent) -> dict[str, object]:
    """Audit detail: codes and ids only, never a name or a purpose."""
    return {"kind": row.kind, "student": str(row.student_id), "signer": row.signer_kind}


@dataclass(frozen=True)
class _Judging:
    """What every consent view is judged against: the day, the site's rule, the zone."""

    today: date
    rule: MinorConsentRule
    zone: tzinfo

    @classmethod
    def now(cls, session: ClinicSession, db: Session) -> _Judging:
        rule = settings_service.load(db).minor_consent
        return cls(session.today(), rule, session.zone())


def _views(
    db: Session, rows: list[Consent], date_of_birth: date, judging: _Judging
) -> list[ConsentView]:
    names = _Names(db, rows)
    return [_view(row, consent_record(row, date_of_birth), names, judging) for row in rows]


class _Names:
    """Guardian, partner and user names for a batch of consents, in three queries."""

    def __init__(self, db: Session, rows: list[Consent]) -> None:
        self.guardians = names_by_id(db, Guardian.id, Guardian.name, {r.guardian_id for r in rows})
        self.partners = names_by_id(db, Partner.id, Partner.name, {r.partner_id for r in rows})
        users = {r.recorded_by for r in rows} | {r.revoked_by for r in rows}
        self.users = names_by_id(db, User.id, User.display_name, users)


def _view(row: Consent, record: ConsentRecord, names: _Names, judging: _Judging) -> ConsentView:
    partner_name = names.partners.get(row.partner_id, "")
    check = check_consent(
        [record],
        record.kind,
        judging.today,
        rule=judging.rule,
        partner_id=row.partner_id,
        partner_name=partner_name,
    )
    signer = (
        names.guardians.get(row.guardian_id, "")
        if record.signer_kind is SignerKind.GUARDIAN
        else SignerKind.STUDENT.label
    )
    return ConsentView(
        id=row.id,
        student_id=row.student_id,
        kind=row.kind,
        kind_label=record.kind.label,
        signer_kind=row.signer_kind,
        signer_name=signer,
        guardian_id=row.guardian_id,
        signer_has_authority=row.signer_has_authority,
        partner_id=row.partner_id,
        partner_name=partner_name,
        purpose=row.purpose,
        scope=row.scope,
        information_kinds=record.information_kinds,
        signed_on=row.signed_on,
        expires_on=row.expires_on,
        expiry_event=row.expiry_event,
        revoked_on=row.revoked_on,
        revoked_by=names.users.get(row.revoked_by, ""),
        recorded_by=names.users.get(row.recorded_by, ""),
        recorded_at=row.created_at.astimezone(judging.zone),
        chip=consent_status_chip(record, judging.today).value,
        valid=check.valid,
        problem=check.reason.value if check.reason else "",
        message=check.message,
    )
