"""Loading one live row: present and not a tombstone, or ``NotFoundError``.

Syncable rows are never deleted (``deleted_at`` marks them), so "is it there?" always means
both checks; this is the one place that makes them, each entity with its own sentence (a
``NotFoundError`` subclass, so callers still catch ``NotFoundError``).
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


class StudentNotFoundError(errors.NotFoundError):
    message = "That student is not in this clinic's records."


class ConsentNotFoundError(errors.NotFoundError):
    message = "That consent is not in this clinic's records."


class ReferralNotFoundError(errors.NotFoundError):
    message = "That referral is not in this clinic's records."


class ScreeningNotFoundError(errors.NotFoundError):
    message = "That screening is not in this clinic's records."


class VisitNotFoundError(errors.NotFoundError):
    message = "That visit is not in this clinic's records."


class RiskFlagNotFoundError(errors.NotFoundError):
    message = "That risk flag is not in this clinic's records."


class PartnerNotFoundError(errors.NotFoundError):
    message = "That partner is not in the directory."


#: The refusal for a missing row; entities not listed get ``NotFoundError`` itself.
NOT_FOUND: dict[type[Syncable], type[errors.NotFoundError]] = {
    Student: StudentNotFoundError,
    Consent: ConsentNotFoundError,
    Referral: ReferralNotFoundError,
    Screening: ScreeningNotFoundError,
    Visit: VisitNotFoundError,
    RiskFlag: RiskFlagNotFoundError,
    Partner: PartnerNotFoundError,
}


def live(db: Session, model: type[_S], row_id: Any, options: Sequence[ORMOption] = ()) -> _S:
    """The ``model`` row ``row_id`` (None finds nothing), unless missing or deleted."""
    row = db.get(model, row_id, options=options) if row_id is not None else None
    if row is None or row.deleted_at is not None:
        raise NOT_FOUND.get(model, errors.NotFoundError)
    return row
