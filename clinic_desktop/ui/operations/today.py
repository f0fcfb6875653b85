"""Thin UI operation for the Today view (the clinician's start page)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from clinic_desktop.services import today
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation


def today_overview(
    *,
    parent: QWidget,
    session: ClinicSession,
    mine_only: bool = False,
    follow_up_limit: int | None = today.FOLLOW_UP_PAGE,
) -> Operation:
    """Today's visits, follow-ups due (the first ``follow_up_limit``, ``None``: all, and
    their total), open flags, seen this week; result: ``TodayOverview``."""
    return Operation(
        parent,
        lambda: today.today_overview(session, mine_only=mine_only, follow_up_limit=follow_up_limit),
    )
