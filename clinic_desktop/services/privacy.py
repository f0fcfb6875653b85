"""The sensitivity model applied to what the services hand out.

``domain.sensitivity`` classifies records and holds the matrix role x category ->
disclosure; this module turns a view into what the signed-in role may see of it. Each
reading service passes its views through here at its return point, so no window, script
or test receives withheld content: reasons, codes, notes, scores, answers, flag texts and
action notes, referral partners, reasons and event notes. What stays: that the record
exists, its date and kind, an open safety alert's severity, and whom to call.

Whoever recorded a record sees it in full (``author_id``). Every function here runs
inside the caller's ``reading`` (with its ``db``): ``reader`` is the caller's session,
used only for who is reading. Printing a letter that carries
a restricted record is refused (``require_printable``).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.domain import sensitivity
from clinic_desktop.domain.records import FollowUpView, ReferralView, VisitView
from clinic_desktop.domain.sensitivity import OPEN, Category, Restriction
from clinic_desktop.messages import Message, as_message, msg
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.store.models import Partner, Referral, Screening, User, Visit


def restriction_for(
    reader: ClinicSession,
    categories: Iterable[Category],
    author_id: uuid.UUID | None = None,
) -> Restriction:
    """What the signed-in user may see of a record in ``categories`` they may not have
    written themselves."""
    if author_id is not None and author_id == reader.user.id:
        return OPEN
    return sensitivity.restriction(reader.user.role, categories)


def call_text(contact: str) -> Message:
    """What a restricted safety alert tells its reader to do."""
    return msg("Call {contact}, who recorded it.", contact=contact)


# --- withholding ----------------------------------------------------------------------

#: What a restricted record keeps (that it exists, when, its kind, whom to call). Every
#: other text, list or mapping of the view is emptied, so a field added to a view later
#: (an addendum, a second flag action) is withheld until it is named here: fail closed.
VISIT_KEPT = frozenset(
    {
        "visit_type",
        "occurred_at",
        "disposition",
        "duration_minutes",
        "author",
        "note_hidden",
        "status",
        "author_id",
        "signer",
        "signed_at",
        "late_entry",
    }
)
SCREENING_KEPT = frozenset(
    {"administered_at", "language", "complete", "status", "texts_withheld", "discarded_at"}
)
FLAG_KEPT = frozenset({"severity", "raised_at", "resolved_at", "student"})
REFERRAL_KEPT = frozenset(
    {
        "urgency",
        "status",
        "status_label",
        "follow_up_due",
        "created_by",
        "created_at",
        "next_actions",
    }
)
EVENT_KEPT = frozenset({"from_status", "to_status", "at", "by", "appointment_at"})


def withhold(view: Any, kept: frozenset[str], **shown: Any) -> Any:
    """``view`` with every text, list and mapping emptied but the fields ``kept``, and
    ``shown`` put in (ids, dates, numbers and flags are not content and stay)."""
    changes: dict[str, Any] = {}
    for item in dataclasses.fields(view):
        if item.name in kept or item.name in shown:
            continue
        value = getattr(view, item.name)
        if isinstance(value, str):
            changes[item.name] = ""
        elif isinstance(value, tuple | list):
            changes[item.name] = type(value)()
        elif isinstance(value, Mapping):
            changes[item.name] = {}
    return replace(view, **changes, **shown)


# --- visits ---------------------------------------------------------------------------


def visit_restriction(reader: ClinicSession, row: Visit) -> Restriction:
    """What the signed-in user may see of a stored visit."""
    categories = sensitivity.of_visit(
        row.visit_type, row.reason, row.icd10_codes or (), row.cpt_codes or ()
    )
    return restriction_for(reader, categories, row.author_id)


def visit(reader: ClinicSession, view: VisitView, author_id: uuid.UUID | None) -> VisitView:
    """The visit, with reason, codes and note withheld where the role may not see them."""
    categories = sensitivity.of_visit(
        view.visit_type, str(view.reason), view.icd10_codes, view.cpt_codes
    )
    found = restriction_for(reader, categories, author_id)
    if not found.restricted:
        return view
    label = found.label
    # Addenda: that they exist, who wrote them and when; never their reason or text.
    addenda = tuple(replace(a, reason="", text="", hidden=True) for a in view.addenda)
    return withhold(
        view, VISIT_KEPT, reason=label, note_hidden=True, restricted=label, addenda=addenda
    )


# --- screenings and flags ---------------------------------------------------------------


def screening_restriction(
    reader: ClinicSession, instrument_id: str, administered_by: uuid.UUID | None
) -> Restriction:
    return restriction_for(reader, sensitivity.of_instrument(instrument_id), administered_by)


def flag_contacts(db: Session, screening_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, FlagSource]:
    """For each screening: its instrument and who administered it (whom to call)."""
    wanted = set(screening_ids)
    if not wanted:
        return {}
    rows = db.execute(
        select(Screening.id, Screening.instrument_id, Screening.administered_by, User.display_name)
        .join(User, Screening.administered_by == User.id)
        .where(Screening.id.in_(wanted))
    ).all()
    return {sid: FlagSource(instrument, by, name) for sid, instrument, by, name in rows}


@dataclass(frozen=True)
class FlagSource:
    instrument_id: str
    administered_by: uuid.UUID
    contact: str


def redact_flag(flag: Any, restriction: Restriction, contact: str) -> Any:
    """A ``RiskFlagView`` (or ``OpenFlag``) that says only that it exists, how severe it
    is and whom to call."""
    label = restriction.label
    changes: dict[str, Any] = {"message": label, "required_action": call_text(contact)}
    if hasattr(flag, "action_taken"):
        changes["action_taken"] = None
    return withhold(flag, FLAG_KEPT, restricted=label, contact=contact, **changes)


def flags(
    reader: ClinicSession, db: Session, rows: Sequence[Any], views: Sequence[Any]
) -> list[Any]:
    """Flag views (``RiskFlagView`` or ``OpenFlag``) for the signed-in role, each naming
    whom to call; ``rows`` are the ``RiskFlag`` rows they were made from, in order."""
    sources = flag_contacts(db, {r.screening_id for r in rows})
    result = []
    for row, view in zip(rows, views, strict=True):
        source = sources.get(row.screening_id)
        if source is None:
            result.append(view)
            continue
        found = screening_restriction(reader, source.instrument_id, source.administered_by)
        if found.restricted:
            result.append(redact_flag(view, found, source.contact))
        else:
            result.append(replace(view, contact=source.contact))
    return result


def screening(reader: ClinicSession, view: Any, administered_by: uuid.UUID) -> Any:
    """A ``ScreeningView``: title, answers and scores withheld by role. Its flags come
    already filtered, with whom to call (``flags``, through ``services.flags.flag_views``)."""
    found = screening_restriction(reader, view.instrument_id, administered_by)
    if not found.restricted:
        return view
    label = found.label
    return withhold(
        view,
        SCREENING_KEPT,
        title=label,
        total=None,
        band=None,
        flags=view.flags,
        restricted=label,
    )


# --- referrals --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralSource:
    categories: frozenset[Category]
    created_by: uuid.UUID


def referral_sources(
    db: Session, referral_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, ReferralSource]:
    """For each referral: its categories (partner, reason, linked screening) and author."""
    query = (
        select(
            Referral.id,
            Referral.created_by,
            Referral.reason,
            Partner.kind,
            Partner.services,
            Screening.instrument_id,
        )
        .join(Partner, Referral.partner_id == Partner.id)
        .outerjoin(Screening, Referral.screening_id == Screening.id)
    )
    rows = [
        row
        for chunk in _chunks(referral_ids)
        for row in db.execute(query.where(Referral.id.in_(chunk))).all()
    ]
    return {
        rid: ReferralSource(
            sensitivity.of_referral(kind, services or (), reason, instrument), created_by
        )
        for rid, created_by, reason, kind, services, instrument in rows
    }


def referral_restriction(reader: ClinicSession, source: ReferralSource | None) -> Restriction:
    if source is None:
        return OPEN
    return restriction_for(reader, source.categories, source.created_by)


def referrals(
    reader: ClinicSession, db: Session, views: Sequence[ReferralView]
) -> list[ReferralView]:
    """Referral views with partner, reason, outcome and event notes withheld by role."""
    sources = referral_sources(db, [v.id for v in views])
    return [_referral(v, referral_restriction(reader, sources.get(v.id))) for v in views]


def _referral(view: ReferralView, found: Restriction) -> ReferralView:
    if not found.restricted:
        return view
    label = found.label
    return withhold(
        view,
        REFERRAL_KEPT,
        partner_name=label,
        outcome=None,
        events=tuple(withhold(e, EVENT_KEPT) for e in view.events),
        restricted=label,
    )


def follow_ups(
    reader: ClinicSession, db: Session, items: Sequence[FollowUpView]
) -> tuple[FollowUpView, ...]:
    """Follow-ups with the partner's name withheld where the referral is restricted."""
    sources = referral_sources(db, [i.referral_id for i in items])
    result = []
    for item in items:
        found = referral_restriction(reader, sources.get(item.referral_id))
        if found.restricted:
            item = replace(item, partner_name=found.label, restricted=found.label)
        result.append(item)
    return tuple(result)


def _chunks(ids: Iterable[uuid.UUID]) -> list[list[uuid.UUID]]:
    """Ids in groups small enough for one ``IN (...)`` (the follow-up list can hold
    thousands; SQLite caps the parameters of one statement)."""
    wanted = sorted(set(ids))
    return [wanted[i : i + _CHUNK] for i in range(0, len(wanted), _CHUNK)]


_CHUNK = 500


# --- printing ---------------------------------------------------------------------------


def require_printable(reader: ClinicSession, found: Restriction) -> None:
    """Refuse to print a letter that carries what the role may not see."""
    if found.restricted:
        raise errors.PermissionDeniedError(
            msg(
                "This letter holds {what} information that your role may not see, so it "
                "cannot be printed. Ask the clinician who wrote it.",
                what=as_message(_what(found)),
            )
        )


def require_visible(reader: ClinicSession, found: Restriction) -> None:
    """Refuse to change a record the reader may not see (they would overwrite what they
    were shown: the placeholder, not the record)."""
    if found.restricted:
        raise errors.PermissionDeniedError(
            msg(
                "This record holds {what} information that your role may not see, so you "
                "cannot change it. Ask the clinician who wrote it.",
                what=as_message(_what(found)),
            )
        )


def _what(found: Restriction) -> Message:
    if found.disclosure is sensitivity.Disclosure.SUMMARY and found.categories:
        return next(c for c in Category if c in found.categories).label
    return msg("restricted")
