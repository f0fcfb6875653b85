"""Thin UI operations on screenings and the risk flags they raise.

Scoring while the student answers is pure domain work (``domain.screening.score``) and runs
on the GUI thread; only what touches the database goes through these operations.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.changes import Change
from clinic_desktop.services import screenings
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation

#: A screening may raise flags and is recorded with a visit.
SCREENING_CHANGES = frozenset({Change.SCREENINGS, Change.FLAGS, Change.VISITS})


def administer_screening(
    *,
    parent: QWidget,
    session: ClinicSession,
    student_id: uuid.UUID,
    instrument_id: str,
    answers: Mapping[str, int | None],
    lang: str,
    visit_id: uuid.UUID | None = None,
    text_answers: Mapping[str, str] | None = None,
    screening_id: uuid.UUID | None = None,
) -> Operation:
    """Score and save a finished screening, attached to ``visit_id`` or to a new visit the
    service creates (``screening_id``: complete that screening in progress); result:
    ``ScreeningView`` with its flags (open)."""
    given = dict(answers)  # a copy: the form keeps changing its own dict on the GUI thread
    texts = dict(text_answers or {})
    return Operation(
        parent,
        lambda: screenings.administer_screening(
            session,
            student_id,
            instrument_id,
            given,
            lang=lang,
            visit_id=visit_id,
            text_answers=texts,
            screening_id=screening_id,
        ),
        changes=SCREENING_CHANGES,
    )


def save_in_progress(
    *,
    parent: QWidget,
    session: ClinicSession,
    student_id: uuid.UUID,
    instrument_id: str,
    answers: Mapping[str, int | None],
    lang: str,
    visit_id: uuid.UUID | None = None,
    text_answers: Mapping[str, str] | None = None,
    screening_id: uuid.UUID | None = None,
) -> Operation:
    """Put a screening that raised a flag on record before it is finished (``screening_id``:
    update that one); result: ``ScreeningView`` (status "in_progress") with its flags."""
    given = dict(answers)
    texts = dict(text_answers or {})
    return Operation(
        parent,
        lambda: screenings.save_in_progress(
            session,
            student_id,
            instrument_id,
            given,
            lang=lang,
            visit_id=visit_id,
            text_answers=texts,
            screening_id=screening_id,
        ),
        changes=SCREENING_CHANGES,
    )


def discard_screening(
    *, parent: QWidget, session: ClinicSession, screening_id: uuid.UUID, reason: str
) -> Operation:
    """Abandon a screening in progress with a reason; its flags stay open. Result: the
    discarded ``ScreeningView``; ``ValidationError`` (field "reason") without a reason."""
    return Operation(
        parent,
        lambda: screenings.discard_screening(session, screening_id, reason),
        changes=SCREENING_CHANGES,
    )


def list_screenings(*, parent: QWidget, session: ClinicSession, student_id: uuid.UUID) -> Operation:
    """The student's screenings, newest first; result: ``list[ScreeningView]``. Audited."""
    return Operation(parent, lambda: screenings.list_screenings(session, student_id))


def open_flags(*, parent: QWidget, session: ClinicSession, student_id: uuid.UUID) -> Operation:
    """Flags still waiting for an action, acute first; result: ``list[RiskFlagView]``."""
    return Operation(parent, lambda: screenings.open_flags(session, student_id))
