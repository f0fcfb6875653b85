"""Thin UI operations on a student's chart: header, timeline pages, visits."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from clinic_desktop.services import chart, visits
from clinic_desktop.services.chart import TimelineCursor
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation

#: Timeline entries fetched per page (the view asks for more as it scrolls).
TIMELINE_PAGE = chart.TIMELINE_PAGE


def open_chart(*, parent: QWidget, session: ClinicSession, student_id: uuid.UUID) -> Operation:
    """The chart header (demographics, age, alerts); result: ``ChartHeader``. Audited."""
    return Operation(parent, lambda: chart.open_chart(session, student_id))


def timeline_page(
    *,
    parent: QWidget,
    session: ClinicSession,
    student_id: uuid.UUID,
    before: TimelineCursor | None,
    limit: int = TIMELINE_PAGE,
) -> Operation:
    """One page of the timeline, newest first, older than ``before``; result: a list."""
    return Operation(
        parent, lambda: chart.timeline(session, student_id, before=before, limit=limit)
    )


def list_visits(*, parent: QWidget, session: ClinicSession, student_id: uuid.UUID) -> Operation:
    """The student's visits, newest first; result: ``list[VisitView]``. Audited."""
    return Operation(parent, lambda: visits.list_visits(session, student_id))
