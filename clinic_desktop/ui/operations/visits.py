"""Thin UI operations on visits."""

from __future__ import annotations

import logging
import uuid

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
) -> Operation:
    """Record the visit, then drop its draft; result: ``VisitView``.

    A refusal (``ValidationError``, ``PermissionDeniedError``) leaves the draft in place.
    """
    return Operation(
        parent,
        lambda: guard.end(lambda: _record(session, student_id, visit)),
        changes=VISIT_CHANGES,
    )


def _record(session: ClinicSession, student_id: uuid.UUID, visit: VisitInput) -> VisitView:
    view = visits.record_visit(session, student_id, visit)
    try:
        drafts.discard_draft(session, DRAFT_KIND, student_id)
    except ClinicError as exc:
        # The visit is saved; a leftover draft is only offered again, so do not fail the
        # save (the user would record the visit twice).
        log.warning("visit saved but its draft was not discarded: %s", type(exc).__name__)
    return view
