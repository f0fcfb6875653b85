"""Settings rules: ranges, follow-up order, minor consent, site details, logo signature."""

from dataclasses import replace

import pytest

from clinic_desktop.domain.consents import ConsentKind, MinorConsentRule
from clinic_desktop.domain.referrals import FollowUpPolicy
from clinic_desktop.domain.settings import (
    MAX_LOGO_BYTES,
    SiteDetails,
    SiteSettings,
    logo_format,
    logo_size_problem,
    validated_settings,
    validated_site_details,
)
from clinic_desktop.errors import ValidationError

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
SERVICES = frozenset({ConsentKind.SERVICES})


def problems(settings: SiteSettings) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        validated_settings(settings)
    return {e.field: e.reason for e in refused.value.errors}


def test_the_defaults_are_valid():
    assert validated_settings(SiteSettings()) == SiteSettings()


def test_a_more_urgent_referral_is_never_followed_up_later():
    late = SiteSettings(follow_up=FollowUpPolicy(emergent_days=5, urgent_days=3, routine_days=2))
    assert problems(late) == {
        "follow_up.emergent_days": "must not be later than urgent follow-ups",
        "follow_up.urgent_days": "must not be later than routine follow-ups",
    }
    assert problems(SiteSettings(follow_up=FollowUpPolicy(1, 3, 91))) == {
        "follow_up.routine_days": "must be 0 to 90 days"
    }


@pytest.mark.parametrize(
    ("rule", "field", "reason"),
    [
        (MinorConsentRule(minimum_age=9, kinds=SERVICES), "minimum_age", "between 10 and 17"),
        (
            MinorConsentRule(minimum_age=18, kinds=SERVICES, age_of_majority=19),
            "minimum_age",
            "between 10 and 17",
        ),
        (MinorConsentRule(minimum_age=12), "kinds", "choose what minors may consent to"),
        (MinorConsentRule(age_of_majority=17), "age_of_majority", "between 18 and 21"),
    ],
)
def test_minor_consent_rules_are_checked(rule, field, reason):
    found = problems(SiteSettings(minor_consent=rule))
    assert list(found) == [f"minor_consent.{field}"]
    assert reason in found[f"minor_consent.{field}"]


def test_a_rule_letting_teens_consent_for_services_is_valid():
    rule = MinorConsentRule(minimum_age=12, kinds=SERVICES, age_of_majority=21)
    assert validated_settings(SiteSettings(minor_consent=rule)).minor_consent == rule


def test_site_details_are_cleaned_to_one_line_each():
    raw = SiteDetails("  Lincoln  High\nHealth Center ", " 1 Main St\n Oakland ", "555 0100 ")
    assert validated_site_details(raw) == SiteDetails(
        "Lincoln High Health Center", "1 Main St Oakland", "555 0100"
    )


def test_site_details_name_each_bad_field():
    with pytest.raises(ValidationError) as refused:
        validated_site_details(SiteDetails("", "x" * 201, "call the office"))
    assert {e.field: e.reason for e in refused.value.errors} == {
        "site_name": "is required",
        "site_address": "is too long (at most 200 characters)",
        "site_phone": "is not a phone number",
    }
    assert validated_site_details(replace(SiteDetails("A"), site_phone="")).site_phone == ""


def test_a_logo_is_known_by_its_signature_not_its_name():
    assert logo_format(PNG) == "PNG"
    assert logo_format(JPEG) == "JPEG"
    for data, reason in (
        (b"", "is empty"),
        (b"GIF89a" + b"\0" * 10, "must be a PNG or JPEG image"),
        (b"%PDF-1.7", "must be a PNG or JPEG image"),
        (PNG + b"\0" * MAX_LOGO_BYTES, "is too large (at most 2 MB)"),
    ):
        with pytest.raises(ValidationError) as refused:
            logo_format(data)
        assert [(e.field, e.reason) for e in refused.value.errors] == [("logo", reason)]


def test_logo_dimensions():
    assert logo_size_problem(300, 120) is None
    assert logo_size_problem(15, 300) == "is too small (at least 16 pixels each way)"
    assert logo_size_problem(8001, 200) == "is too large (at most 8000 pixels each way)"
