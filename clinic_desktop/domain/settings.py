"""Site settings an administrator may change, with their defaults and limits.

Three kinds: behaviour (``SiteSettings``: idle lock, follow-up days, minor consent, backup
reminder), the clinic's details printed in every form header (``SiteDetails``), and the
logo printed beside them (checked here by size and file signature; the service decodes it).
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field, fields, replace
from typing import Any

from clinic_desktop.domain.consents import MinorConsentRule
from clinic_desktop.domain.fields import check_text, clean_text, is_phone
from clinic_desktop.domain.referrals import FollowUpPolicy
from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.messages import Message, msg

IDLE_LOCK_RANGE = (1, 60)
BACKUP_REMINDER_RANGE = (1, 90)
FOLLOW_UP_RANGE = (0, 90)
#: Youngest age a site may let minors consent for themselves (state laws start around 12).
SELF_CONSENT_AGE_RANGE = (10, 17)
#: 18 in most states; 19 (Alabama, Nebraska) and 21 (Mississippi) exist.
MAJORITY_RANGE = (18, 21)
#: Longest site name and address a form header can print legibly.
SITE_TEXT_MAX = 200
#: A logo file larger than this is refused before it is decoded (a photo, not a logo).
MAX_LOGO_BYTES = 2 * 1024 * 1024
#: A logo's longest side is scaled down to this many pixels before it is stored: about
#: 500 dpi in the 0.56-inch header box, and small enough to embed in every form quickly.
LOGO_MAX_PIXELS = 300
#: Smaller than this in either direction cannot be a logo worth printing.
LOGO_MIN_PIXELS = 16
#: Neither side larger than this: a bigger "image" is a decompression bomb, not a logo.
LOGO_MAX_SOURCE_PIXELS = 8000
_LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


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
            problems.append(FieldError(name, _between(low, high)))
    problems += _follow_up_problems(settings.follow_up)
    problems += _minor_consent_problems(settings.minor_consent)
    if problems:
        raise ValidationError(problems)
    return settings


def _follow_up_problems(policy: FollowUpPolicy) -> list[FieldError]:
    """Each number of days in range, and a more urgent referral never followed up later."""
    low, high = FOLLOW_UP_RANGE
    problems = [
        FieldError(
            f"follow_up.{item.name}", msg("must be {low} to {high} days", low=low, high=high)
        )
        for item in fields(policy)
        if not low <= getattr(policy, item.name) <= high
    ]
    if policy.emergent_days > policy.urgent_days:
        problems.append(
            FieldError("follow_up.emergent_days", "must not be later than urgent follow-ups")
        )
    if policy.urgent_days > policy.routine_days:
        problems.append(
            FieldError("follow_up.urgent_days", "must not be later than routine follow-ups")
        )
    return problems


def _between(low: int, high: int) -> Message:
    return msg("must be between {low} and {high}", low=low, high=high)


def _minor_consent_problems(rule: MinorConsentRule) -> list[FieldError]:
    """Ages in their ranges, a minimum below majority, and something to self-consent to."""
    problems = []
    low, high = MAJORITY_RANGE
    if not low <= rule.age_of_majority <= high:
        problems.append(FieldError("minor_consent.age_of_majority", _between(low, high)))
    if rule.minimum_age is not None:
        low, high = SELF_CONSENT_AGE_RANGE
        high = min(high, rule.age_of_majority - 1)
        if not low <= rule.minimum_age <= high:
            problems.append(FieldError("minor_consent.minimum_age", _between(low, high)))
        if not rule.kinds:
            problems.append(FieldError("minor_consent.kinds", "choose what minors may consent to"))
    return problems


@dataclass(frozen=True)
class SiteDetails:
    """The clinic as every form header names it (the site code is fixed at setup: sync
    batches and the district's trust folder are keyed by it)."""

    site_name: str
    site_address: str = ""
    site_phone: str = ""

    def cleaned(self) -> SiteDetails:
        """Trimmed, NFC-normalised, runs of spaces and line breaks made one space: the
        header prints each on one line."""
        return SiteDetails(*(" ".join(clean_text(v).split()) for v in astuple(self)))


def validated_site_details(details: SiteDetails) -> SiteDetails:
    """The cleaned details, or ``ValidationError`` naming each bad field."""
    clean = details.cleaned()
    problems = []
    for name, required in (("site_name", True), ("site_address", False)):
        reason = check_text(getattr(clean, name), required=required, max_length=SITE_TEXT_MAX)
        if reason:
            problems.append(FieldError(name, reason))
    if clean.site_phone and not is_phone(clean.site_phone):
        problems.append(FieldError("site_phone", "is not a phone number"))
    if problems:
        raise ValidationError(problems)
    return clean


def logo_format(data: bytes) -> str:
    """ "PNG" or "JPEG" from the file's signature, or ``ValidationError`` on ``logo``: too
    large, empty, or another kind of file (whatever its name says)."""
    if not data:
        return _logo_refused("is empty")
    if len(data) > MAX_LOGO_BYTES:
        megabytes = MAX_LOGO_BYTES // (1024 * 1024)
        return _logo_refused(msg("is too large (at most {megabytes} MB)", megabytes=megabytes))
    for signature, kind in _LOGO_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    return _logo_refused("must be a PNG or JPEG image")


def logo_size_problem(width: int, height: int) -> str | None:
    """Reason a decoded image of ``width`` x ``height`` pixels cannot be the logo."""
    if min(width, height) < LOGO_MIN_PIXELS:
        return msg("is too small (at least {pixels} pixels each way)", pixels=LOGO_MIN_PIXELS)
    if max(width, height) > LOGO_MAX_SOURCE_PIXELS:
        return msg("is too large (at most {pixels} pixels each way)", pixels=LOGO_MAX_SOURCE_PIXELS)
    return None


def _logo_refused(reason: str) -> str:
    raise ValidationError([FieldError("logo", reason)])
