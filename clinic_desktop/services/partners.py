"""The partner directory: add, edit, deactivate, search, and import from CSV.

Names are unique ignoring case, because a re-import matches partners by name: two
"Eastside Counseling" rows would leave the importer guessing which one to update. A
partner is never deleted (past referrals and releases name it); deactivating hides it
from new referrals. The directory holds no student data, so reading it is not audited,
but every change is.

The import follows the roster's rules: one transaction with a savepoint per row, every
bad row reported with its line number, good rows still imported, and a blank cell never
erases what staff recorded.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.domain.audit import AuditAction, ReadView
from clinic_desktop.domain.csvfile import ImportReport, RowProblem
from clinic_desktop.domain.fields import clean_text
from clinic_desktop.domain.partners import (
    PartnerInput,
    PartnerKind,
    PartnerRow,
    parse_partner_csv,
    parse_partner_kind,
    serves_age,
    validated_partner,
)
from clinic_desktop.domain.records import PartnerView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.text import fold
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.unit import Work, reading, unit_of_work
from clinic_desktop.store.models import Partner
from clinic_desktop.store.rows import live

Progress = Callable[[int, int], None]

#: Staff who keep the directory: the clinical team, and administrators setting up a site.
_EDITORS = (Permission.MANAGE_PARTNERS,)
#: Who may read it: whoever makes referrals or records releases, and administrators.
_READERS = (Permission.VIEW_PARTNERS,)
_FIELDS = tuple(f.name for f in fields(PartnerInput))


@dataclass(frozen=True)
class PartnerQuery:
    """Filters for ``search_partners``; every given filter must match.

    ``text`` matches any part of the name (accents and case ignored); ``service`` any part
    of one service; ``language`` one language exactly (case ignored); ``age`` a partner
    whose age range includes it.
    """

    text: str = ""
    kind: str = ""
    service: str = ""
    language: str = ""
    age: int | None = None
    accepts_medicaid: bool | None = None
    active_only: bool = True


# --- editing ---------------------------------------------------------------------------


def add_partner(session: ClinicSession, partner: PartnerInput) -> PartnerView:
    """Add an agency to the directory; a name already there (any case) is refused."""
    clean = validated_partner(partner)
    with unit_of_work(session, _EDITORS) as work:
        _refuse_taken_name(work.db, clean.name)
        row = _insert(work.db, clean)
        work.audit(AuditAction.PARTNER_ADDED, "partner", row.id)
        return partner_view(row)


def update_partner(
    session: ClinicSession, partner_id: uuid.UUID, partner: PartnerInput
) -> PartnerView:
    """Replace a partner's details with ``partner`` (a form edits every field at once)."""
    clean = validated_partner(partner)
    with unit_of_work(session, _EDITORS) as work:
        row = load_partner(work.db, partner_id)
        _refuse_taken_name(work.db, clean.name, keep=row.id)
        changed = _apply(row, clean, _FIELDS)
        if changed:
            work.audit(AuditAction.PARTNER_UPDATED, "partner", row.id, {"fields": changed})
        return partner_view(row)


def deactivate_partner(session: ClinicSession, partner_id: uuid.UUID) -> PartnerView:
    """Hide a partner from new referrals; its past referrals and releases keep naming it."""
    return _set_active(session, partner_id, active=False)


def reactivate_partner(session: ClinicSession, partner_id: uuid.UUID) -> PartnerView:
    """Offer a deactivated partner for new referrals again."""
    return _set_active(session, partner_id, active=True)


def _set_active(session: ClinicSession, partner_id: uuid.UUID, *, active: bool) -> PartnerView:
    with unit_of_work(session, _EDITORS) as work:
        row = load_partner(work.db, partner_id)
        if row.active != active:
            row.active = active
            action = AuditAction.PARTNER_REACTIVATED if active else AuditAction.PARTNER_DEACTIVATED
            work.audit(action, "partner", row.id)
        return partner_view(row)


# --- reading ---------------------------------------------------------------------------


def get_partner(session: ClinicSession, partner_id: uuid.UUID) -> PartnerView:
    """One partner, active or not (a referral letter needs its contacts)."""
    with reading(session, _READERS, ReadView.PARTNERS) as read:
        return partner_view(load_partner(read.db, partner_id))


def search_partners(session: ClinicSession, query: PartnerQuery | None = None) -> list[PartnerView]:
    """Partners matching every filter of ``query``, by name (the directory is small, so
    filtering happens here rather than in SQL, where folding accents is not available)."""
    query = query or PartnerQuery()
    with reading(session, _READERS, ReadView.PARTNERS) as read:
        rows = read.db.scalars(select(Partner).where(Partner.deleted_at.is_(None))).all()
        views = [partner_view(r) for r in rows if _matches(r, query)]
    return sorted(views, key=lambda v: (fold(v.name), v.name))


def _matches(row: Partner, query: PartnerQuery) -> bool:
    checks = (
        not query.active_only or row.active,
        not query.text or fold(query.text) in fold(row.name),
        not query.kind or row.kind == _kind_code(query.kind),
        not query.service or any(fold(query.service) in fold(s) for s in row.services or ()),
        not query.language or _speaks(row, query.language),
        query.age is None or serves_age(partner_input(row), query.age),
        query.accepts_medicaid is None or row.accepts_medicaid == query.accepts_medicaid,
    )
    return all(checks)


def _kind_code(kind: str) -> str:
    parsed = parse_partner_kind(kind)
    return parsed.value if parsed else kind


def _speaks(row: Partner, language: str) -> bool:
    wanted = fold(language)
    return any(fold(lang) == wanted for lang in row.languages or ())


# --- import ----------------------------------------------------------------------------


def import_partners(
    session: ClinicSession, data: bytes, progress: Progress | None = None
) -> ImportReport:
    """Import a partner CSV (bytes as read from the file); see the module docstring."""
    parsed = parse_partner_csv(data)
    problems = list(parsed.problems)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with unit_of_work(session, _EDITORS) as work:
        db = work.db
        by_name = {name_key(p.name): p for p in _all_partners(db)}
        for done, row in enumerate(parsed.rows, start=1):
            try:
                with db.begin_nested():
                    counts[_import_row(work, row, by_name)] += 1
            except errors.ClinicError as exc:
                problems.append(RowProblem(row.line, _reason(exc)))
            if progress is not None:
                progress(done, len(parsed.rows))
        detail = {**counts, "rejected": len(problems)}
        work.audit(AuditAction.PARTNERS_IMPORTED, detail=detail)
    problems.sort(key=lambda p: p.line)
    return ImportReport(**counts, problems=tuple(problems))


def _import_row(work: Work, row: PartnerRow, by_name: dict[str, Partner]) -> str:
    existing = by_name.get(name_key(row.partner.name))
    if existing is None:
        created = _insert(work.db, row.partner)
        work.audit(AuditAction.PARTNER_ADDED, "partner", created.id, {"line": row.line})
        by_name[name_key(created.name)] = created
        return "created"
    provided = tuple(f for f in _FIELDS if f in row.provided and f != "name")
    merged = replace(partner_input(existing), **{f: getattr(row.partner, f) for f in provided})
    changed = _apply(existing, validated_partner(merged), provided)
    if not changed:
        return "unchanged"
    work.audit(AuditAction.PARTNER_UPDATED, "partner", existing.id, {"fields": changed})
    return "updated"


def _reason(exc: errors.ClinicError) -> str:
    found = getattr(exc, "errors", ())
    return "; ".join(f"{e.field} {e.reason}" for e in found) or exc.message


# --- shared with the consents and referrals services ------------------------------------


def load_partner(db: Session, partner_id: uuid.UUID | None) -> Partner:
    """The partner row inside an open transaction, or ``NotFoundError``."""
    return live(db, Partner, partner_id)


def name_key(name: str) -> str:
    """How names are compared: trimmed and casefolded, as the CSV parser compares them."""
    return clean_text(name).casefold()


def partner_input(row: Partner) -> PartnerInput:
    """A stored partner as the domain's input (to merge an import into, or to check ages)."""
    return PartnerInput(
        **{f: getattr(row, f) for f in _FIELDS if f not in ("services", "languages")},
        services=tuple(row.services or ()),
        languages=tuple(row.languages or ()),
    )


def partner_view(row: Partner) -> PartnerView:
    """The frozen view handed out for a partner row."""
    return PartnerView(
        id=row.id,
        name=row.name,
        kind=row.kind,
        kind_label=_kind_label(row.kind),
        services=tuple(row.services or ()),
        languages=tuple(row.languages or ()),
        min_age=row.min_age,
        max_age=row.max_age,
        accepts_medicaid=row.accepts_medicaid,
        contact_name=row.contact_name,
        phone=row.phone,
        fax=row.fax,
        email=row.email,
        address=row.address,
        notes=row.notes,
        active=row.active,
    )


# --- internals -------------------------------------------------------------------------


def _kind_label(kind: str) -> str:
    return PartnerKind(kind).label if kind in set(PartnerKind) else kind


def _all_partners(db: Session) -> list[Partner]:
    return list(db.scalars(select(Partner).where(Partner.deleted_at.is_(None))))


def _refuse_taken_name(db: Session, name: str, keep: uuid.UUID | None = None) -> None:
    wanted = name_key(name)
    if any(name_key(p.name) == wanted and p.id != keep for p in _all_partners(db)):
        raise errors.ValidationError(
            [errors.FieldError("name", "is already in the partner directory")]
        )


def _insert(db: Session, clean: PartnerInput) -> Partner:
    row = Partner(active=True)
    _apply(row, clean, _FIELDS)
    db.add(row)
    db.flush()
    return row


def _apply(row: Partner, clean: PartnerInput, names: Iterable[str]) -> list[str]:
    """Copy the named fields of a validated input onto ``row``; return those that changed."""
    changed = []
    for name in names:
        value = getattr(clean, name)
        if name in ("services", "languages"):
            value = list(value)
        if getattr(row, name, None) != value:
            setattr(row, name, value)
            changed.append(name)
    return changed
