"""Loading one live row: present and not a tombstone, or ``NotFoundError``.

Syncable rows are never deleted (``deleted_at`` marks them), so "is it there?" always means
both checks; this is the one place that makes them, with each entity's own sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from clinic_desktop import errors
from clinic_desktop.store.models import (
    Consent,
    Partner,
    Referral,
    RiskFlag,
    Screening,
    Student,
    Syncable,
    Visit,
)

_S = TypeVar("_S", bound=Syncable)

#: What the user reads when a row is missing; entities not listed get ``NotFoundError``'s own.
NOT_FOUND: dict[type[Syncable], str] = {
    Student: "That student is not in this clinic's records.",
    Consent: "That consent is not in this clinic's records.",
    Referral: "That referral is not in this clinic's records.",
    Screening: "That screening is not in this clinic's records.",
    Visit: "That visit is not in this clinic's records.",
    RiskFlag: "That risk flag is not in this clinic's records.",
    Partner: "That partner is not in the directory.",
}


def live(db: Session, model: type[_S], row_id: Any, options: Sequence[ORMOption] = ()) -> _S:
    """The ``model`` row ``row_id`` (None finds nothing), unless missing or deleted."""
    row = db.get(model, row_id, options=options) if row_id is not None else None
    if row is None or row.deleted_at is not None:
        raise errors.NotFoundError(NOT_FOUND.get(model))
    return row
