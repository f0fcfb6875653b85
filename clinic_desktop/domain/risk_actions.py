"""What a clinician records about a risk flag raised by a screening, and what closes it.

A flag collects **actions** (several per flag, each with when it happened, who was
involved and a note) and is closed by a **closing note**. Recording an action never closes
the flag: closing is its own choice, and always needs the note saying how it ended.

Suicide-risk flags (the instrument file marks them: ``"suicide_risk": true`` with its
published basis, read here through ``is_suicide_risk``) need at least one recorded action
before they close as well. The NIMH ASQ Toolkit's next steps say every positive screen,
acute or not, must be evaluated for safety before the student leaves (a brief suicide
safety assessment, or a STAT evaluation when acute), and the PHQ Instruction Manual and
the PHQ-A scoring guidance (GLAD-PC) ask for an assessment of suicide risk after a
positive item 9 or a "serious thoughts" / "attempt" answer. The action does not have to
be the safety assessment itself: a student handed to emergency services is evaluated
there, and that handover is the action recorded.

Each kind of action says which fields it needs (``RiskAction.needs_person`` /
``needs_note``): a guardian contacted needs whom, the student released needs to whom, a
safety assessment and "other" need a note. "Referral made" is recorded only by making the
referral from the flag (``services.referrals``), which links it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from clinic_desktop.domain.fields import check_text, clean_text
from clinic_desktop.domain.screening import UnknownInstrumentError, load_instrument
from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.messages import Message, msg

MAX_NOTE_LENGTH = 4000
MAX_PERSON_LENGTH = 200
#: Actions one save may add (a dialog adds a handful; more is a runaway caller).
MAX_ACTIONS_PER_SAVE = 20


class RiskAction(StrEnum):
    """The kinds of action (stored codes: never change an existing value)."""

    SAFETY_ASSESSMENT = "safety_assessment_done"
    GUARDIAN_CONTACTED = "guardian_contacted"
    CRISIS_TEAM = "crisis_team"
    EMERGENCY_SERVICES = "emergency_services"
    REFERRAL_MADE = "referral_made"
    RELEASED_TO = "released_to"
    OTHER = "other"

    @property
    def label(self) -> Message:
        return {
            RiskAction.SAFETY_ASSESSMENT: msg("Safety assessment done"),
            RiskAction.GUARDIAN_CONTACTED: msg("Guardian contacted"),
            RiskAction.CRISIS_TEAM: msg("Crisis team involved"),
            RiskAction.EMERGENCY_SERVICES: msg("Emergency services called"),
            RiskAction.REFERRAL_MADE: msg("Referral made"),
            RiskAction.RELEASED_TO: msg("Student released to"),
            RiskAction.OTHER: msg("Other action"),
        }[self]

    @property
    def person_label(self) -> Message:
        """What the action's person field means for this kind."""
        return {
            RiskAction.SAFETY_ASSESSMENT: msg("Assessed by"),
            RiskAction.GUARDIAN_CONTACTED: msg("Who was contacted"),
            RiskAction.CRISIS_TEAM: msg("Team member"),
            RiskAction.EMERGENCY_SERVICES: msg("Service or unit"),
            RiskAction.REFERRAL_MADE: msg("Partner"),
            RiskAction.RELEASED_TO: msg("Released to"),
            RiskAction.OTHER: msg("Person involved"),
        }[self]

    @property
    def needs_person(self) -> bool:
        """Whom: the guardian reached, the crisis-team member, whom the student left with."""
        return self in {
            RiskAction.GUARDIAN_CONTACTED,
            RiskAction.CRISIS_TEAM,
            RiskAction.RELEASED_TO,
        }

    @property
    def needs_note(self) -> bool:
        """What: the assessment's finding, or what "other" was."""
        return self in {RiskAction.SAFETY_ASSESSMENT, RiskAction.OTHER}

    @property
    def by_referral_only(self) -> bool:
        """Recorded by making the referral from the flag (which links it), never by hand."""
        return self is RiskAction.REFERRAL_MADE


#: The kinds a clinician records by hand, in the order the dialog offers them.
MANUAL_ACTIONS = tuple(a for a in RiskAction if not a.by_referral_only)


@dataclass(frozen=True)
class ActionInput:
    """One action as entered: its kind code, when it happened, who, and a note."""

    action: str
    occurred_at: datetime | None
    person: str = ""
    note: str = ""


@dataclass(frozen=True)
class CleanAction:
    action: RiskAction
    occurred_at: datetime
    person: str
    note: str


def is_suicide_risk(instrument_id: str, flag_id: str) -> bool:
    """Whether the instrument file marks this flag as a suicide-risk finding."""
    try:
        instrument = load_instrument(instrument_id)
    except UnknownInstrumentError:
        return False
    return any(r.id == flag_id and r.suicide_risk for r in instrument.flag_rules)


def validated_actions(
    entries: Sequence[ActionInput], *, now: datetime, earliest: datetime
) -> list[CleanAction]:
    """The cleaned actions, or ``ValidationError`` naming ``actions.N.field``.

    ``occurred_at`` may be earlier than now (a call made at 10:40 written at 11:15) but
    never in the future, nor before ``earliest`` (the start of the day the flag was raised:
    an action answers this flag, not an earlier one).
    """
    if len(entries) > MAX_ACTIONS_PER_SAVE:
        raise ValidationError([FieldError("actions", msg("too many actions in one save"))])
    problems: list[FieldError] = []
    clean: list[CleanAction] = []
    for index, entry in enumerate(entries):
        where = f"actions.{index}"
        try:
            kind = RiskAction(entry.action)
        except ValueError:
            problems.append(FieldError(f"{where}.action", msg("choose the action taken")))
            continue
        if kind.by_referral_only:
            problems.append(
                FieldError(f"{where}.action", msg("is recorded by making the referral (Refer…)"))
            )
            continue
        person, note = clean_text(entry.person), clean_text(entry.note)
        found = _field_problems(where, kind, entry.occurred_at, person, note, now, earliest)
        problems.extend(found)
        if not found and entry.occurred_at is not None:
            clean.append(CleanAction(kind, entry.occurred_at, person, note))
    ValidationError.check(problems)
    return clean


def _field_problems(
    where: str,
    kind: RiskAction,
    occurred_at: datetime | None,
    person: str,
    note: str,
    now: datetime,
    earliest: datetime,
) -> list[FieldError]:
    problems = []
    if occurred_at is None:
        problems.append(FieldError(f"{where}.occurred_at", msg("is required")))
    elif occurred_at > now:
        problems.append(FieldError(f"{where}.occurred_at", msg("cannot be in the future")))
    elif occurred_at < earliest:
        problems.append(
            FieldError(f"{where}.occurred_at", msg("cannot be before the day the flag was raised"))
        )
    reason = check_text(person, required=kind.needs_person, max_length=MAX_PERSON_LENGTH)
    if reason:
        problems.append(FieldError(f"{where}.person", reason))
    reason = check_text(note, required=kind.needs_note, max_length=MAX_NOTE_LENGTH, multiline=True)
    if reason:
        problems.append(FieldError(f"{where}.note", reason))
    return problems


def validated_closing_note(note: str, *, suicide_risk: bool, actions_recorded: int) -> str:
    """The cleaned closing note, or ``ValidationError`` ("note"; "actions" for a
    suicide-risk flag with no action recorded, see the module doc)."""
    note = clean_text(note)
    problems = []
    reason = check_text(note, required=True, max_length=MAX_NOTE_LENGTH, multiline=True)
    if reason:
        problems.append(
            FieldError("note", msg("is required to close a flag") if not note else reason)
        )
    if suicide_risk and actions_recorded == 0:
        problems.append(
            FieldError(
                "actions",
                msg("a suicide-risk flag needs at least one action recorded before it closes"),
            )
        )
    ValidationError.check(problems)
    return note
