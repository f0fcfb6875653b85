"""Plain, frozen views of records handed out by the services (never live ORM objects)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from clinic_desktop.domain.students import age_on


@dataclass(frozen=True)
class GuardianView:
    id: uuid.UUID
    name: str
    relation: str
    phones: tuple[str, ...]
    email: str
    language: str
    can_consent: bool


@dataclass(frozen=True)
class StudentSummary:
    """One line of the roster: enough to recognise the student, nothing clinical."""

    id: uuid.UUID
    first_name: str
    last_name: str
    preferred_name: str
    date_of_birth: date
    grade: str
    school_code: str
    district_id: str

    @property
    def display_name(self) -> str:
        """ "Last, First (Preferred)" as clinic rosters list students."""
        name = f"{self.last_name}, {self.first_name}"
        if self.preferred_name and self.preferred_name != self.first_name:
            name += f" ({self.preferred_name})"
        return name

    def age(self, on: date) -> int:
        return age_on(self.date_of_birth, on)


@dataclass(frozen=True)
class StudentDetail(StudentSummary):
    local_id: str
    sex: str
    gender_identity: str
    zip_code: str
    language: str
    foster_care: bool
    insurance_id: str
    school_name: str
    guardians: tuple[GuardianView, ...]


@dataclass(frozen=True)
class VisitView:
    id: uuid.UUID
    student_id: uuid.UUID
    visit_type: str
    occurred_at: datetime
    reason: str
    #: Empty when ``note_hidden``: the viewer's role may not read behavioral-health notes.
    note: str
    note_hidden: bool
    disposition: str | None
    duration_minutes: int
    icd10_codes: tuple[str, ...]
    cpt_codes: tuple[str, ...]
    author: str
    #: The placeholder shown instead of reason and codes ("Restricted (behavioral
    #: health)") when the sensitivity model withholds them from this reader; else "".
    restricted: str = ""
    #: ``VisitStatus``: a draft is editable by its author; a signed visit never changes.
    status: str = "draft"
    author_id: uuid.UUID | None = None
    signer: str = ""
    signed_at: datetime | None = None
    #: Documented on a later day than it happened.
    late_entry: bool = False
    #: Changes made after signing, oldest first.
    addenda: tuple[AddendumView, ...] = ()
    #: The screenings given in the visit and the actions on their flags (``get_visit``).
    screenings: tuple[VisitScreeningView, ...] = ()
    #: The reason as stored (a suggestion's key), for the form that edits a draft.
    reason_code: str = ""

    @property
    def signed(self) -> bool:
        return self.status == "signed"


@dataclass(frozen=True)
class AddendumView:
    """A change to a signed visit; ``hidden``: its text is withheld from the viewer's role."""

    id: uuid.UUID
    author: str
    written_at: datetime
    reason: str
    text: str
    late_entry: bool
    refers_to: datetime | None
    hidden: bool = False


@dataclass(frozen=True)
class FlagActionLine:
    """An action taken on a risk flag raised in the visit (``person``/``note`` withheld
    from a role that may not read behavioral-health notes)."""

    action: str
    occurred_at: datetime
    person: str
    note: str


@dataclass(frozen=True)
class VisitFlagView:
    id: uuid.UUID
    flag_id: str
    severity: str
    #: The flag's text (message data, in both languages); withheld (empty) with the notes.
    message: object
    resolved_at: datetime | None
    closing_note: str
    actions: tuple[FlagActionLine, ...]


@dataclass(frozen=True)
class VisitScreeningView:
    """A screening given in the visit: instrument, band, status, and the flags it raised."""

    id: uuid.UUID
    instrument_id: str
    short_name: str
    administered_at: datetime
    band: str | None
    band_label: str
    status: str
    flags: tuple[VisitFlagView, ...]


# --- partners, consents and referrals ---------------------------------------------------


@dataclass(frozen=True)
class PartnerView:
    """One agency of the partner directory (``kind`` is a ``PartnerKind`` code)."""

    id: uuid.UUID
    name: str
    kind: str
    kind_label: str
    services: tuple[str, ...]
    languages: tuple[str, ...]
    min_age: int | None
    max_age: int | None
    accepts_medicaid: bool
    contact_name: str
    phone: str
    fax: str
    email: str
    address: str
    notes: str
    active: bool

    @property
    def ages(self) -> str:
        """The ages served as a table cell shows them ("5-18", "12+", "any")."""
        low, high = self.min_age, self.max_age
        if low is None and high is None:
            return "any"
        if high is None:
            return f"{low}+"
        return f"{low or 0}-{high}"


#: The chip shown for a kind of consent with nothing on file.
MISSING_CHIP = "missing"


@dataclass(frozen=True)
class ConsentView:
    """One consent as the chart shows it.

    ``chip`` (a ``ConsentChip`` code) reflects only the dates, as the badge does; ``valid``,
    ``problem`` and ``message`` say whether the consent holds today for what it names,
    which also catches a signer without authority or a student the site's rule does not
    allow to sign.
    """

    id: uuid.UUID
    student_id: uuid.UUID
    kind: str
    kind_label: str
    signer_kind: str
    signer_name: str
    guardian_id: uuid.UUID | None
    signer_has_authority: bool
    partner_id: uuid.UUID | None
    partner_name: str
    purpose: str
    scope: str
    information_kinds: tuple[str, ...]
    signed_on: date
    expires_on: date | None
    expiry_event: str
    revoked_on: date | None
    revoked_by: str
    recorded_by: str
    recorded_at: datetime
    chip: str
    valid: bool
    problem: str
    message: str


@dataclass(frozen=True)
class ConsentOverview:
    """A student's consents, newest signed first, and the kinds with none on file."""

    student_id: uuid.UUID
    consents: tuple[ConsentView, ...]
    #: ``ConsentKind`` codes with no consent recorded at all (their chip is ``MISSING_CHIP``).
    missing: tuple[str, ...]

    def chip_for(self, kind: str) -> str:
        """The chip of the newest consent of ``kind``, or ``MISSING_CHIP``."""
        newest = next((c for c in self.consents if c.kind == kind), None)
        return newest.chip if newest is not None else MISSING_CHIP


@dataclass(frozen=True)
class ReferralEventView:
    """One status change; times are in the clinic's time zone."""

    id: uuid.UUID
    from_status: str | None
    to_status: str
    at: datetime
    by: str
    note: str
    appointment_at: datetime | None


@dataclass(frozen=True)
class ReferralActionView:
    """A button the referral offers next: the target status and its label ("Reschedule")."""

    target: str
    label: str


@dataclass(frozen=True)
class ReferralView:
    """A referral with its history (oldest event first) and the moves it allows next."""

    id: uuid.UUID
    student_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    reason: str
    urgency: str
    status: str
    status_label: str
    screening_id: uuid.UUID | None
    visit_id: uuid.UUID | None
    #: The release of information the referral was sent under (set when sent).
    consent_id: uuid.UUID | None
    follow_up_due: date | None
    outcome: str | None
    created_by: str
    created_at: datetime
    events: tuple[ReferralEventView, ...]
    next_actions: tuple[ReferralActionView, ...]
    #: Set (the placeholder) when partner, reason and event notes are withheld by role.
    restricted: str = ""


@dataclass(frozen=True)
class FollowUpView:
    """A referral due for follow-up: ``days_overdue`` is 0 when it is due today."""

    referral_id: uuid.UUID
    student: StudentSummary
    partner_name: str
    status: str
    urgency: str
    due: date
    days_overdue: int
    created_by: str
    #: Set (the placeholder) when the partner's name is withheld by role.
    restricted: str = ""

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0
