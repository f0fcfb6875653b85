"""Thin UI operations for printing: render a form in the background (result:
``PrintedForm``), list what a chart can print, and save a PDF where the user chose.

Rendering takes a noticeable moment (fonts, layout, a QR code per page), so it never runs
on the GUI thread; the services check permissions and write the audit row.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clinic_desktop.errors import ClinicError
from clinic_desktop.fsutil import atomic_write_bytes
from clinic_desktop.services import printing
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui.operations import Operation


def consent_form(
    *,
    parent: QWidget,
    session: ClinicSession,
    student_id: uuid.UUID,
    lang: str | None = None,
    self_consent: bool = False,
) -> Operation:
    """The consent for services (the family's language unless ``lang``)."""
    return Operation(parent, lambda: printing.consent_form(session, student_id, lang, self_consent))


def release_form(
    *, parent: QWidget, session: ClinicSession, consent_id: uuid.UUID, lang: str | None = None
) -> Operation:
    """A recorded release, as signed."""
    return Operation(parent, lambda: printing.release_form(session, consent_id, lang))


def release_form_for(
    *,
    parent: QWidget,
    session: ClinicSession,
    student_id: uuid.UUID,
    partner_id: uuid.UUID,
    lang: str | None = None,
) -> Operation:
    """A release for the family to sign, before it is recorded (referral dialogs)."""
    return Operation(
        parent, lambda: printing.release_form_for(session, student_id, partner_id, lang)
    )


def referral_letter(
    *, parent: QWidget, session: ClinicSession, referral_id: uuid.UUID, lang: str | None = None
) -> Operation:
    """The letter to the partner (results only under a release that covers them)."""
    return Operation(parent, lambda: printing.referral_letter(session, referral_id, lang))


def results_letter(
    *, parent: QWidget, session: ClinicSession, screening_id: uuid.UUID, lang: str | None = None
) -> Operation:
    """The family's letter about a screening, in plain words and without the score."""
    return Operation(parent, lambda: printing.results_letter(session, screening_id, lang))


def class_pass(
    *, parent: QWidget, session: ClinicSession, visit_id: uuid.UUID, lang: str | None = None
) -> Operation:
    """The pass back to class for a visit (nothing clinical on it)."""
    return Operation(parent, lambda: printing.class_pass(session, visit_id, lang))


def consent_packet(
    *,
    parent: QWidget,
    session: ClinicSession,
    student_ids: Sequence[uuid.UUID],
    lang: str | None = None,
) -> Operation:
    """Consent forms for many students in one PDF (each family's language unless ``lang``)."""
    chosen = tuple(student_ids)
    return Operation(parent, lambda: printing.consent_packet(session, chosen, lang))


def blank_form(*, parent: QWidget, session: ClinicSession, kind: str, lang: str) -> Operation:
    """A handwriting copy with this clinic's header."""
    return Operation(
        parent,
        lambda: printing.blank_form(kind, lang, site=printing.site_details(session)),
    )


def blank_instrument(
    *, parent: QWidget, session: ClinicSession, instrument_id: str, lang: str
) -> Operation:
    """A screening questionnaire to fill in by hand, with this clinic's header."""
    return Operation(
        parent,
        lambda: printing.blank_instrument(instrument_id, lang, site=printing.site_details(session)),
    )


def print_choices(*, parent: QWidget, session: ClinicSession, student_id: uuid.UUID) -> Operation:
    """What the chart's Print menu offers; result: ``PrintChoices``."""
    return Operation(parent, lambda: printing.print_choices(session, student_id))


def save_pdf(*, parent: QWidget, path: Path, data: bytes) -> Operation:
    """Write the PDF atomically (a USB stick or a network folder can be slow); result: the
    path. Only the owner may read it: it may hold a student's health information."""
    return Operation(parent, lambda: _write(path, data))


def _write(path: Path, data: bytes) -> Path:
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        message = QCoreApplication.translate("operations", "Could not save {file}: {reason}.")
        raise ClinicError(message.format(file=path.name, reason=exc.strerror or exc)) from exc
    return path
