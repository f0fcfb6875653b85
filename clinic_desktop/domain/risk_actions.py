"""What a clinician records to close a risk flag raised by a screening.

An acute flag (e.g. ASQ "yes, right now") stays open on the chart header and the Today
view until the action taken is recorded with a note; no flag closes without an action.
"""

from __future__ import annotations

from enum import StrEnum

from clinic_desktop.domain.fields import check_text, clean_text
from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.messages import msg

MAX_NOTE_LENGTH = 4000


class RiskAction(StrEnum):
    SAFETY_ASSESSMENT = "safety_assessment_done"
    GUARDIAN_CONTACTED = "guardian_contacted"
    CRISIS_TEAM = "crisis_team"
    EMERGENCY_SERVICES = "emergency_services"
    REFERRAL_MADE = "referral_made"

    @property
    def label(self) -> str:
        return {
            RiskAction.SAFETY_ASSESSMENT: "Safety assessment done",
            RiskAction.GUARDIAN_CONTACTED: "Guardian contacted",
            RiskAction.CRISIS_TEAM: "Crisis team involved",
            RiskAction.EMERGENCY_SERVICES: "Emergency services called",
            RiskAction.REFERRAL_MADE: "Referral made",
        }[self]


def validated_resolution(severity: str, action: str, note: str) -> tuple[RiskAction, str]:
    """The action and cleaned note that close a flag, or ``ValidationError``.

    Every flag needs an action; an acute flag also needs a note saying what was done.
    """
    note = clean_text(note)
    problems = []
    if action not in set(RiskAction):
        problems.append(FieldError("action", "choose the action taken"))
    reason = check_text(
        note, required=severity == "acute", max_length=MAX_NOTE_LENGTH, multiline=True
    )
    if reason:
        problems.append(
            FieldError("note", msg("is required for an acute flag") if not note else reason)
        )
    ValidationError.check(problems)
    return RiskAction(action), note
