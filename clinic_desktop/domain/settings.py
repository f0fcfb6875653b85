"""Site settings an administrator may change, with their defaults and limits."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from clinic_desktop.domain.consents import MinorConsentRule
from clinic_desktop.domain.referrals import FollowUpPolicy
from clinic_desktop.errors import FieldError, ValidationError

IDLE_LOCK_RANGE = (1, 60)
BACKUP_REMINDER_RANGE = (1, 90)


@dataclass(frozen=True)
class SiteSettings:
    """Behaviour that differs between sites; stored as JSON in the ``settings`` table."""

    #: Minutes without input before every window hides patient data behind a lock screen.
    idle_lock_minutes: int = 5
    #: Days after which the status bar reminds IT that the last backup is old.
    backup_reminder_days: int = 7
    follow_up: FollowUpPolicy = field(default_factory=FollowUpPolicy)
    minor_consent: MinorConsentRule = field(default_factory=MinorConsentRule)

    def to_json(self) -> dict[str, Any]:
        return {
            "idle_lock_minutes": self.idle_lock_minutes,
            "backup_reminder_days": self.backup_reminder_days,
            "follow_up": self.follow_up.to_json(),
            "minor_consent": self.minor_consent.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SiteSettings:
        """Settings from stored JSON; unknown keys ignored, missing ones defaulted."""
        base = cls()
        changes: dict[str, Any] = {}
        for name in ("idle_lock_minutes", "backup_reminder_days"):
            if isinstance(data.get(name), int):
                changes[name] = data[name]
        if isinstance(data.get("follow_up"), dict):
            changes["follow_up"] = FollowUpPolicy.from_json(data["follow_up"])
        if isinstance(data.get("minor_consent"), dict):
            changes["minor_consent"] = MinorConsentRule.from_json(data["minor_consent"])
        return replace(base, **changes)


def validated_settings(settings: SiteSettings) -> SiteSettings:
    """``settings`` unchanged, or ``ValidationError`` naming each value out of range."""
    problems = []
    for name, (low, high) in (
        ("idle_lock_minutes", IDLE_LOCK_RANGE),
        ("backup_reminder_days", BACKUP_REMINDER_RANGE),
    ):
        value = getattr(settings, name)
        if not low <= value <= high:
            problems.append(FieldError(name, f"must be between {low} and {high}"))
    for item in fields(settings.follow_up):
        if not 0 <= getattr(settings.follow_up, item.name) <= 90:
            problems.append(FieldError(f"follow_up.{item.name}", "must be 0 to 90 days"))
    if problems:
        raise ValidationError(problems)
    return settings
