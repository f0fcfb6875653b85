"""Thin UI operations on risk flags: the flag with its sitting's related flags, and
recording actions / closing with a note (``services.flags``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.risk_actions import ActionInput
from clinic_desktop.services import flags
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation


def flag_detail(*, parent: QWidget, session: ClinicSession, flag_id: uuid.UUID) -> Operation:
    """The flag with its actions and the related open flags; result: ``FlagDetail``."""
    return Operation(parent, lambda: flags.flag_detail(session, flag_id))


def record_flag_actions(
    *,
    parent: QWidget,
    session: ClinicSession,
    flag_id: uuid.UUID,
    actions: Sequence[ActionInput],
    close_note: str | None,
    also: Sequence[uuid.UUID],
) -> Operation:
    """Record actions on the flag and the ticked related flags, closing them all when
    ``close_note`` is given; result: ``list[RiskFlagView]`` (this flag first).

    ``ValidationError`` names ``actions.N.field``, ``actions`` and ``note``;
    ``ConflictError`` when a flag was closed meanwhile."""
    given, ticked = tuple(actions), tuple(also)
    return Operation(
        parent,
        lambda: flags.record_flag_actions(
            session, flag_id, given, close_note=close_note, also=ticked
        ),
        changes=frozenset({Change.FLAGS}),
    )
