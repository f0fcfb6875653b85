"""The demo clinic's care beyond its visits: consents, screenings, referrals and flags.

Visits alone leave most of the app empty: no screening results, no risk flags, no referral
to follow up, no consent to renew. A trainer opening the demo must see the clinic a year
into its work, so this module plans, for each student, what that year looked like:

* a **services consent** for most students, signed by a guardian at the start of the school
  year (a few signed only the year before, so theirs has lapsed; a few never signed);
* at some behavioral-health visits a **screening** with the instrument the student's age
  calls for, answers mostly low as in any school population, higher for a few students;
* for most positive screenings a **referral** to the partner that takes that concern, with
  a release of information, moved along the path a real one takes for its age: closed
  long ago, attended, scheduled, waitlisted, or sent and never answered (overdue);
* every acute **risk flag** resolved by the clinician within the hour; other flags once
  the family was reached, except those of the last two weeks, still open on Today.

Pure and deterministic: one ``random.Random`` per student seeded from the demo seed and
the student's district id (as the visits are), and no clock. ``demo.site`` plays the
steps through the real services in time order, so every row, audit entry and rule check
is what the app itself makes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache
from typing import Any

from clinic_desktop.demo.data import Weighted
from clinic_desktop.domain import screening
from clinic_desktop.domain.deidentify import is_positive
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import Outcome, ReferralStatus, Urgency
from clinic_desktop.domain.risk_actions import ActionInput, RiskAction
from clinic_desktop.domain.screening import Severity
from clinic_desktop.domain.students import age_on
from clinic_desktop.domain.visits import VisitInput, VisitType
from clinic_desktop.resources import resource_path

#: Share of students whose guardian signed this year's services consent; of the rest, the
#: share whose consent from last year has lapsed (the others never signed one).
SERVICES_CONSENT_RATE = 0.86
LAPSED_CONSENT_RATE = 0.5
#: Share of behavioral-health visits that include a screening.
SCREENING_RATE = 0.6
#: Share of positive screenings that lead to a referral.
REFERRAL_RATE = 0.75
#: Acute flags are closed the same day; other flags raised this many days ago or less are
#: still open (the clinician has yet to reach the family), so the Today screen shows some.
OPEN_FLAG_DAYS = 14

#: Instruments a school clinic reaches for, with weights; each used only at its ages.
_INSTRUMENTS: tuple[tuple[str, float], ...] = (
    ("phqa", 5.0),
    ("phq9", 5.0),
    ("gad7", 4.0),
    ("psc17_parent", 4.0),
    ("psc17_youth", 1.0),
    ("crafft", 2.0),
    ("asq", 1.5),
)
#: How much a student worries the clinician: the chance each item is answered above its
#: lowest value, with weights (most students low, a few high).
_CONCERN = Weighted(((0.08, 6.0), (0.3, 3.0), (0.6, 1.0)))


@dataclass(frozen=True)
class ConsentStep:
    """A guardian (or the student) signs the services consent."""

    at: datetime
    student: str
    signed_on: date
    expires_on: date


@dataclass(frozen=True)
class ScreeningStep:
    """A screening given at a visit (``visit_at``: the visit's time, to link them)."""

    at: datetime
    student: str
    ref: str
    visit_at: datetime
    instrument_id: str
    answers: Mapping[str, int]


@dataclass(frozen=True)
class FlagStep:
    """The clinician records the actions taken on the flags a screening raised (each at
    the moment it happened) and closes them all with one note."""

    at: datetime
    student: str
    screening_ref: str
    actions: tuple[ActionInput, ...]
    note: str


@dataclass(frozen=True)
class ReferralStep:
    """A referral for a screening's concern, with a release for the partner, then sent."""

    at: datetime
    student: str
    ref: str
    screening_ref: str
    partner: str
    reason: str
    urgency: Urgency
    send: bool


@dataclass(frozen=True)
class TransitionStep:
    """A referral moves on (the partner called back, the student went, it was closed)."""

    at: datetime
    student: str
    referral_ref: str
    status: ReferralStatus
    appointment_at: datetime | None = None
    outcome: Outcome | None = None


CareStep = ConsentStep | ScreeningStep | FlagStep | ReferralStep | TransitionStep


@dataclass(frozen=True)
class CareSubject:
    """What the plan needs to know of one student."""

    district_id: str
    date_of_birth: date
    can_consent: bool  # a guardian with legal authority is on file
    visits: Sequence[VisitInput]


# --- the data --------------------------------------------------------------------------


@cache
def _care() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resource_path("demo", "care.json").read_text(encoding="utf-8")
    )
    return data


def demo_partners() -> tuple[PartnerInput, ...]:
    """The demo's partner agencies, as entered (fictional names and numbers)."""
    fields = PartnerInput.__dataclass_fields__
    return tuple(
        PartnerInput(
            **{
                key: tuple(value) if isinstance(value, list) else value
                for key, value in raw.items()
                if key in fields
            }
        )
        for raw in _care()["partners"]
    )


def _partner_for(instrument_id: str) -> str:
    return next(p["name"] for p in _care()["partners"] if instrument_id in p["instruments"])


# --- answers ---------------------------------------------------------------------------


def demo_answers(
    instrument: screening.Instrument, rng: random.Random, concern: float
) -> dict[str, int]:
    """Answers a student might give: each item at its lowest value, or (with probability
    ``concern``) a higher one; conditional items only when the answers so far ask them."""
    answers: dict[str, int] = {}
    for item in instrument.items:
        if item.ask_when is not None and item not in instrument.items_to_ask(answers):
            continue
        values = item.possible_values()
        if rng.random() >= concern:
            answers[item.id] = values[0]
        elif item.kind == "number":
            answers[item.id] = rng.randint(values[1], min(values[-1], 20))
        else:
            answers[item.id] = rng.choice(values[1:])
    return answers


# --- the plan --------------------------------------------------------------------------


def plan_care(
    subject: CareSubject, *, seed: int, school_year_start: date, today: date, tz: tzinfo
) -> list[CareStep]:
    """Everything that happened to ``subject`` besides visits, up to ``today``, in order
    (times in the clinic's zone ``tz``)."""
    rng = random.Random(f"{seed}:care:{subject.district_id}")
    steps: list[CareStep] = []
    steps += _consent(rng, subject, school_year_start, today, tz)
    concern: float = _CONCERN.pick(rng)
    referred: set[str] = set()  # one referral per partner: a second concern joins the first
    for number, visit in enumerate(subject.visits):
        if visit.visit_type != VisitType.BEHAVIORAL_HEALTH or rng.random() >= SCREENING_RATE:
            continue
        ref = f"{subject.district_id}/{number}"
        day = visit.occurred_at.astimezone(tz).date()
        steps += _screening(rng, subject, visit, ref, concern, day, today, referred)
    steps.sort(key=lambda step: step.at)
    return steps


def _consent(
    rng: random.Random, subject: CareSubject, year_start: date, today: date, tz: tzinfo
) -> list[CareStep]:
    if not subject.can_consent:
        return []
    if rng.random() < SERVICES_CONSENT_RATE:
        signed = year_start - timedelta(days=rng.randrange(1, 10))
        expires = date(year_start.year + 1, 6, 30)
    elif rng.random() < LAPSED_CONSENT_RATE:
        signed = date(year_start.year - 1, 8, 20) + timedelta(days=rng.randrange(30))
        expires = date(year_start.year, 6, 30)
    else:
        return []
    if signed > today:
        return []
    at = datetime.combine(signed, time(9, 0), tz)
    return [ConsentStep(at, subject.district_id, signed, expires)]


def _screening(
    rng: random.Random,
    subject: CareSubject,
    visit: VisitInput,
    ref: str,
    concern: float,
    day: date,
    today: date,
    referred: set[str],
) -> list[CareStep]:
    age = age_on(subject.date_of_birth, day)
    choices = [(i, w) for i, w in _INSTRUMENTS if screening.load_instrument(i).applies_to_age(age)]
    if not choices:
        return []
    instrument = screening.load_instrument(Weighted(choices).pick(rng))
    answers = demo_answers(instrument, rng, concern)
    result = instrument.score(answers)
    at = visit.occurred_at + timedelta(minutes=5)
    steps: list[CareStep] = [
        ScreeningStep(at, subject.district_id, ref, visit.occurred_at, instrument.id, answers)
    ]
    acute = any(f.severity == Severity.ACUTE for f in result.flags)
    if result.flags and (acute or (today - day).days > OPEN_FLAG_DAYS):
        closed = at + (timedelta(minutes=60) if acute else timedelta(days=2))
        if closed.date() < today or acute:
            steps.append(_flag_step(closed, subject.district_id, ref, at, acute=acute))
    positive = bool(result.flags) or bool(is_positive(instrument.id, result.band))
    partner = _partner_for(instrument.id)
    wanted = positive and subject.can_consent and partner not in referred
    if wanted and rng.random() < REFERRAL_RATE:
        referred.add(partner)
        reason = _care()["reasons"][instrument.id]
        steps += _referral(rng, subject, ref, partner, reason, acute, at, today)
    return steps


def _flag_step(
    closed: datetime, student: str, ref: str, screened_at: datetime, *, acute: bool
) -> FlagStep:
    """Several actions, each when it happened, then the closing note (NIMH ASQ pathway:
    a safety assessment before the student leaves, the guardian told, released to whom)."""

    def action(kind: RiskAction, minutes: int, person: str = "", note: str = "") -> ActionInput:
        return ActionInput(kind.value, screened_at + timedelta(minutes=minutes), person, note)

    assessment = (
        "Brief suicide safety assessment: imminent risk; crisis counselor called, student"
        " kept in sight."
        if acute
        else "Brief suicide safety assessment: no imminent risk; safety plan reviewed."
    )
    actions = [
        action(RiskAction.SAFETY_ASSESSMENT, 10, "School nurse practitioner", assessment),
        action(RiskAction.GUARDIAN_CONTACTED, 20, "Guardian, by phone"),
    ]
    if acute:
        actions.insert(1, action(RiskAction.CRISIS_TEAM, 15, "District crisis counselor"))
        actions.append(action(RiskAction.RELEASED_TO, 55, "Guardian, in person"))
    note = (
        "Safety plan made with the student; released to the guardian with crisis-line"
        " numbers; check-in tomorrow."
        if acute
        else "Discussed with the guardian; follow-up visit booked."
    )
    return FlagStep(closed, student, ref, tuple(actions), note)


def _referral(
    rng: random.Random,
    subject: CareSubject,
    screening_ref: str,
    partner: str,
    reason: str,
    acute: bool,
    screened_at: datetime,
    today: date,
) -> list[CareStep]:
    urgency = Urgency.EMERGENT if acute else _URGENCIES.pick(rng)
    at = screened_at + timedelta(minutes=40)
    age_days = (today - at.date()).days
    path = _path(rng, age_days)
    ref = f"{screening_ref}/referral"
    steps: list[CareStep] = [
        ReferralStep(
            at,
            subject.district_id,
            ref,
            screening_ref,
            partner,
            reason,
            urgency,
            send=bool(path) or age_days > 0,
        )
    ]
    for status, days, outcome in path:
        when = at + timedelta(days=days)
        if when.date() >= today:
            break
        appointment = at + timedelta(days=days + 7) if status is ReferralStatus.SCHEDULED else None
        steps.append(TransitionStep(when, subject.district_id, ref, status, appointment, outcome))
    return steps


_URGENCIES = Weighted(((Urgency.ROUTINE, 8.0), (Urgency.URGENT, 2.0)))
_S = ReferralStatus
_O = Outcome
#: Paths after "sent": (status, days after the referral, outcome when closing).
_CLOSED_PATHS = (
    ((_S.SCHEDULED, 4, None), (_S.ATTENDED, 11, None), (_S.CLOSED, 30, _O.LINKED_TO_SERVICES)),
    ((_S.SCHEDULED, 5, None), (_S.ATTENDED, 12, None), (_S.CLOSED, 35, _O.LINKED_TO_SERVICES)),
    ((_S.SCHEDULED, 3, None), (_S.NO_SHOW, 10, None), (_S.CLOSED, 40, _O.UNABLE_TO_CONTACT)),
    ((_S.DECLINED, 6, None), (_S.CLOSED, 8, _O.FAMILY_DECLINED)),
)
_OPEN_PATHS = Weighted(
    (
        (((_S.SCHEDULED, 4, None), (_S.ATTENDED, 11, None)), 3.0),
        (((_S.WAITLISTED, 5, None),), 1.0),
        (((_S.SCHEDULED, 3, None),), 2.0),
        ((), 1.0),  # sent, no answer yet: overdue once its follow-up date passes
    )
)


def _path(
    rng: random.Random, age_days: int
) -> tuple[tuple[ReferralStatus, int, Outcome | None], ...]:
    """How far a referral made ``age_days`` ago got: most old ones closed, some never
    answered (the overdue follow-ups a clinic chases), recent ones under way."""
    if age_days > 60 and rng.random() < 0.8:
        return rng.choice(_CLOSED_PATHS)
    path: tuple[tuple[ReferralStatus, int, Outcome | None], ...] = _OPEN_PATHS.pick(rng)
    return path
