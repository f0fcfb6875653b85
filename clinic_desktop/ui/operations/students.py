"""Thin UI operations on students and their guardians."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.records import GuardianView, StudentDetail
from clinic_desktop.domain.students import GuardianInput, StudentInput
from clinic_desktop.services import site, students
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import i18n
from clinic_desktop.ui.operations import Operation


def search_page(
    *, parent: QWidget, session: ClinicSession, query: str, offset: int, limit: int
) -> Operation:
    """One page of a search (the roster loads pages as it scrolls); result: a list."""
    day_first = i18n.day_first()  # a date is read as the interface writes dates
    return Operation(
        parent,
        lambda: students.search_students(
            session, query, limit=limit, offset=offset, day_first=day_first
        ),
    )


def count_students(*, parent: QWidget, session: ClinicSession, query: str) -> Operation:
    """How many students match ``query`` (the roster's count line); result: ``int``."""
    day_first = i18n.day_first()
    return Operation(parent, lambda: students.count_students(session, query, day_first=day_first))


@dataclass(frozen=True)
class GuardianRow:
    """A guardian as the student form holds it until Save: ``view`` is the stored guardian
    (None for one added in the form) and ``changed`` says whether ``value`` was edited."""

    value: GuardianInput
    view: GuardianView | None = None
    changed: bool = False


def guardian_input(view: GuardianView) -> GuardianInput:
    """A stored guardian as form input (to edit it)."""
    return GuardianInput(
        name=view.name,
        relation=view.relation,
        phones=view.phones,
        language=view.language,
        can_consent=view.can_consent,
        email=view.email,
    )


def load_student(*, parent: QWidget, session: ClinicSession, student_id: uuid.UUID) -> Operation:
    """A student's demographics and guardians to edit (an audited read); ``StudentDetail``."""
    return Operation(parent, lambda: students.get_student(session, student_id))


def default_school_code(*, parent: QWidget, session: ClinicSession) -> Operation:
    """The school code a new student starts with: the site's own; result: str."""
    return Operation(parent, lambda: str(site.site_setting(session, "site_code", "") or ""))


def save_student(
    *,
    parent: QWidget,
    session: ClinicSession,
    student_id: uuid.UUID | None,
    student: StudentInput,
    guardians: Sequence[GuardianRow],
    removed: Sequence[uuid.UUID] = (),
) -> Operation:
    """Create the student with guardians (one transaction), or update the student and then
    apply the guardian changes; result: ``StudentDetail`` as saved.

    The student is written first, so a refused student (``ValidationError``) writes nothing.
    """
    rows, gone = tuple(guardians), tuple(removed)

    def task() -> StudentDetail:
        if student_id is None:
            return students.create_student(session, student, tuple(r.value for r in rows))
        detail = students.update_student(session, student_id, student)
        return replace(detail, guardians=_apply_guardians(session, student_id, rows, gone))

    return Operation(parent, task, changes=frozenset({Change.STUDENTS}))


def _apply_guardians(
    session: ClinicSession,
    student_id: uuid.UUID,
    rows: tuple[GuardianRow, ...],
    removed: tuple[uuid.UUID, ...],
) -> tuple[GuardianView, ...]:
    for guardian_id in removed:
        students.remove_guardian(session, guardian_id)
    views = []
    for row in rows:
        if row.view is None:
            views.append(students.add_guardian(session, student_id, row.value))
        elif row.changed:
            views.append(students.update_guardian(session, row.view.id, row.value))
        else:
            views.append(row.view)
    return tuple(views)
