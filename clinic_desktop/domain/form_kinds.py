"""The kinds of printed form, named where every layer can use them: the UI's Print menu
offers them without importing the renderer (ReportLab stays out of the UI's imports)."""

from __future__ import annotations

from enum import StrEnum


class FormKind(StrEnum):
    CONSENT = "consent"
    RELEASE = "release"
    REFERRAL = "referral"
    RESULTS = "results"
    PASS = "pass"  # noqa: S105 (a hall pass, not a password)
    PACKET = "packet"
    INSTRUMENT = "instrument"


#: Kinds with a handwriting copy (``clinic-admin forms blank KIND``).
BLANK_KINDS: tuple[FormKind, ...] = (
    FormKind.CONSENT,
    FormKind.RELEASE,
    FormKind.REFERRAL,
    FormKind.RESULTS,
    FormKind.PASS,
)
