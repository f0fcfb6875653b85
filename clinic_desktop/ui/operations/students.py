"""Thin UI operations on students."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from clinic_desktop.services import students
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.records import StudentSummary
from clinic_desktop.ui.operations import Operation

#: Rows a search shows at most; one more is fetched to know whether there are more.
SHOWN = students.SEARCH_LIMIT


@dataclass(frozen=True)
class SearchResult:
    query: str
    students: tuple[StudentSummary, ...]
    #: True when more students matched than are shown.
    more: bool


def search_students(*, parent: QWidget, session: ClinicSession, query: str) -> Operation:
    """Search the roster; result: ``SearchResult``."""

    def task() -> SearchResult:
        found = students.search_students(session, query, limit=SHOWN + 1)
        return SearchResult(query, tuple(found[:SHOWN]), len(found) > SHOWN)

    return Operation(parent, task)
