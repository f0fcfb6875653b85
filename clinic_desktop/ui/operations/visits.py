"""Thin UI operations on visits."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.records import VisitView
from clinic_desktop.domain.visits import VisitInput
from clinic_desktop.errors import ClinicError
from clinic_desktop.services import drafts, visits
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations.drafts import DraftGuard

log = logging.getLogger("clinic.ui")

#: A visit shows on the chart, on Today, and may end a draft.
VISIT_CHANGES = frozenset({Change.VISITS})


#: The draft kind a visit being typed is kept under.
DRAFT_KIND = "visit"


def record_visit(
    *,
    parent: QWidget,
    session: ClinicSession,
    student_id: uuid.UUID,
    visit: VisitInput,
    guard: DraftGuard,
    sign: bool = False,
    return_reason: str = "",
) -> Operation:
    """Record the visit (``sign``: and sign it), then drop its draft; result: ``VisitView``.

    A refusal (``ValidationError``, ``PermissionDeniedError``) leaves the draft in place.
    """
    return Operation(
        parent,
        lambda: guard.end(
            lambda: _record(session, student_id, visit, sign=sign, return_reason=return_reason)
        ),
        changes=VISIT_CHANGES,
    )


def update_visit(
    *,
    parent: QWidget,
    session: ClinicSession,
    visit_id: uuid.UUID,
    visit: VisitInput,
    sign: bool = False,
    return_reason: str = "",
) -> Operation:
    """Save a draft visit (``sign``: and sign it); result: ``VisitView``."""
    return Operation(
        parent,
        lambda: visits.update_visit(
            session, visit_id, visit, sign=sign, return_reason=return_reason
        ),
        changes=VISIT_CHANGES,
    )


def add_addendum(
    *,
    parent: QWidget,
    session: ClinicSession,
    visit_id: uuid.UUID,
    reason: str,
    text: str,
    late_entry: bool,
    refers_to: datetime | None,
) -> Operation:
    """Add an addendum to a signed visit; result: the ``VisitView`` with it."""
    return Operation(
        parent,
        lambda: visits.add_addendum(session, visit_id, reason, text, late_entry, refers_to),
        changes=VISIT_CHANGES,
    )


def get_visit(*, parent: QWidget, session: ClinicSession, visit_id: uuid.UUID) -> Operation:
    """One visit with its addenda and screenings; result: ``VisitView``."""
    return Operation(parent, lambda: visits.get_visit(session, visit_id))


def current_visit(*, parent: QWidget, session: ClinicSession, student_id: uuid.UUID) -> Operation:
    """The signed-in user's own draft of this student today; result: ``VisitView | None``."""
    return Operation(parent, lambda: visits.current_visit(session, student_id))


def _record(
    session: ClinicSession,
    student_id: uuid.UUID,
    visit: VisitInput,
    *,
    sign: bool,
    return_reason: str,
) -> VisitView:
    view = visits.record_visit(session, student_id, visit, sign=sign, return_reason=return_reason)
    try:
        drafts.discard_draft(session, DRAFT_KIND, student_id)
    except ClinicError as exc:
        # The visit is saved; a leftover draft is only offered again, so do not fail the
        # save (the user would record the visit twice).
        log.warning("visit saved but its draft was not discarded: %s", type(exc).__name__)
    return view
