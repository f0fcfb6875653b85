"""What the printed forms need that no domain object carries yet: small frozen inputs.

The service layer maps stored records onto these (and onto ``StudentDetail`` /
``GuardianView`` from ``services.records``); the forms never read the store, so a form can
be rendered, previewed and tested from plain values. Free text here (purpose, reason, next
steps) is printed as written, in whatever language staff wrote it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from clinic_desktop.domain.consents import InformationKind, Notice, required_notices
from clinic_desktop.domain.referrals import Urgency
from clinic_desktop.domain.screening import ScreeningResult, load_instrument
from clinic_desktop.domain.visits import Disposition


@dataclass(frozen=True)
class SiteInfo:
    """The health center named in every page header and in the legal statements."""

    name: str
    code: str
    address: str = ""
    phone: str = ""
    #: A PNG or JPEG printed at the left of the header; None prints the name alone.
    logo_path: Path | None = None
    #: The same as image bytes (the site's logo, kept in the encrypted store, never in a
    #: file); used in preference to ``logo_path``.
    logo_image: bytes | None = None


@dataclass(frozen=True)
class ClinicianContact:
    """Who the partner or the family calls back."""

    name: str
    title: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class PartnerInfo:
    """The agency a release names and a referral letter is addressed to."""

    name: str
    address: str = ""
    phone: str = ""
    fax: str = ""


@dataclass(frozen=True)
class ReleaseDetails:
    """What a release of information (HIPAA authorization) names before the family signs.

    HIPAA accepts an expiry date or an expiry event (45 CFR 164.508(c)(1)(v)); give at least
    one. ``two_way`` also lets the partner tell the health center about appointments and
    attendance, which the closed referral loop depends on.
    """

    partner: PartnerInfo
    purpose: str
    information_kinds: tuple[InformationKind, ...]
    expires_on: date | None = None
    expiry_event: str = ""
    scope: str = ""
    two_way: bool = True
    #: "How much and what kind" of substance use information (42 CFR 2.31); blank prints lines.
    substance_use_detail: str = ""

    def __post_init__(self) -> None:
        kinds = tuple(InformationKind(k) for k in self.information_kinds)
        if not kinds:
            raise ValueError("a release names at least one kind of information")
        if self.expires_on is None and not self.expiry_event.strip():
            raise ValueError("a release needs an expiry date or an expiry event")
        object.__setattr__(self, "information_kinds", kinds)

    @property
    def notices(self) -> tuple[Notice, ...]:
        """The special notices the chosen kinds bring onto the form (domain rule)."""
        return required_notices(self.information_kinds)

    def includes(self, kind: InformationKind) -> bool:
        return kind in self.information_kinds


@dataclass(frozen=True)
class ScreeningSummary:
    """One screening line in a referral letter: what a partner needs, nothing more."""

    instrument_title: str
    administered_on: date
    total: int | None
    band_label: str

    @classmethod
    def from_result(
        cls, result: ScreeningResult, administered_on: date, lang: str = "en"
    ) -> ScreeningSummary:
        """Summarise a scored screening with the instrument's own title and band wording."""
        instrument = load_instrument(result.instrument_id)
        band = instrument.band_label(result.band, lang) if result.band else ""
        return cls(instrument.title.get(lang), administered_on, result.total, band)


class AskBack(StrEnum):
    """What the school asks the partner to report, so the referral loop can close."""

    APPOINTMENT_DATE = "appointment_date"
    ATTENDANCE = "attendance"
    RECOMMENDATIONS = "recommendations"


@dataclass(frozen=True)
class ReferralLetter:
    """A referral letter's content. Screening results print only when the release covers
    them (``release_covers_screening``), whatever is passed in ``screening_results``."""

    partner: PartnerInfo
    reason: str
    urgency: Urgency
    clinician: ClinicianContact
    screening_results: tuple[ScreeningSummary, ...] = ()
    release_covers_screening: bool = False
    release_signed_on: date | None = None
    requested_back: tuple[AskBack, ...] = (AskBack.APPOINTMENT_DATE, AskBack.ATTENDANCE)
    #: Print the 42 CFR 2.32 notice: the letter discloses substance use disorder records.
    part2_notice: bool = False
    referral_id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "urgency", Urgency(self.urgency))
        object.__setattr__(self, "requested_back", tuple(AskBack(a) for a in self.requested_back))

    @property
    def printable_results(self) -> tuple[ScreeningSummary, ...]:
        """The results the family's release allows the letter to carry."""
        return self.screening_results if self.release_covers_screening else ()


@dataclass(frozen=True)
class PassDetails:
    """A return-to-class pass: times and disposition only, never a reason or a note."""

    student_name: str
    time_in: datetime
    time_out: datetime | None
    disposition: Disposition
    staff_name: str = ""
    visit_id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "disposition", Disposition(self.disposition))


@dataclass(frozen=True)
class ResultsLetter:
    """A screening result explained to a family in plain words.

    ``band_label`` and ``next_steps`` are written for families ("some signs of worry",
    "our counselor will call you this week"), not the instrument's clinical band names.
    ``guardian_name`` empty addresses the letter to "the family of" the student.
    """

    instrument_title: str
    screened_on: date
    band_label: str
    next_steps: tuple[str, ...]
    clinician: ClinicianContact
    guardian_name: str = ""
    screening_id: uuid.UUID | None = None
