"""Consents: validity on edge dates, every refusal reason, precedence, chips, input checks."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from clinic_desktop.domain.consents import (
    ConsentChip,
    ConsentInput,
    ConsentKind,
    ConsentProblem,
    ConsentRecord,
    InformationKind,
    MinorConsentRule,
    Notice,
    SelfConsentNotAllowedError,
    SignerKind,
    StudentMayNotSignReleaseError,
    check_consent,
    consent_status_chip,
    require_student_may_sign,
    required_notices,
    validated_consent,
    validated_revocation,
)
from clinic_desktop.errors import ValidationError

ROI = ConsentKind.RELEASE_OF_INFORMATION
EASTSIDE = uuid.UUID(int=1)
WESTSIDE = uuid.UUID(int=2)
GUARDIAN = uuid.UUID(int=3)
SIGNED = date(2026, 1, 10)
EXPIRES = date(2026, 9, 30)
TODAY = date(2026, 10, 14)
NO_MINORS = MinorConsentRule()
TEENS_FOR_SERVICES = MinorConsentRule(
    minimum_age=12, kinds=frozenset({ConsentKind.SERVICES, ConsentKind.RELEASE_OF_INFORMATION})
)


def record(**overrides) -> ConsentRecord:
    values = {
        "kind": ROI,
        "signed_on": SIGNED,
        "signer_kind": SignerKind.GUARDIAN,
        "signer_has_authority": True,
        "partner_id": EASTSIDE,
        "expires_on": EXPIRES,
        "information_kinds": ("demographics", "screening_results", "attendance"),
        "purpose": "Referral for counseling",
    }
    return ConsentRecord(**{**values, **overrides})


def check(*records: ConsentRecord, on: date, rule=NO_MINORS, **kwargs):
    kind = kwargs.pop("kind", ROI)
    if kind is ROI:
        kwargs.setdefault("partner_id", EASTSIDE)
        kwargs.setdefault("partner_name", "Eastside Counseling")
    return check_consent(records, kind, on, rule=rule, **kwargs)


# --- edge dates --------------------------------------------------------------------


def test_valid_on_the_day_it_is_signed_and_on_the_day_it_expires():
    consent = record()
    for day in (SIGNED, date(2026, 5, 1), EXPIRES):
        result = check(consent, on=day)
        assert result.valid, day
        assert result.consent is consent
        assert result.reason is None


def test_valid_message():
    assert check(record(), on=SIGNED).message == (
        "The release of information for Eastside Counseling signed on 2026-01-10 is valid "
        "until 2026-09-30."
    )
    by_event = record(expires_on=None, expiry_event="the end of the school year")
    assert check(by_event, on=SIGNED).message.endswith("until the end of the school year.")


def test_invalid_the_day_after_expiry():
    result = check(record(), on=EXPIRES + timedelta(days=1))
    assert not result.valid
    assert result.reason is ConsentProblem.EXPIRED
    assert result.message == (
        "The release of information for Eastside Counseling expired on 2026-09-30."
    )


def test_invalid_the_day_before_signing():
    result = check(record(), on=SIGNED - timedelta(days=1))
    assert result.reason is ConsentProblem.NOT_YET_SIGNED
    assert result.message == (
        "The release of information for Eastside Counseling is dated 2026-01-10, after "
        "2026-01-09, so it does not apply yet."
    )


def test_revocation_takes_effect_on_its_day():
    revoked = record(revoked_on=date(2026, 3, 1))
    assert check(revoked, on=date(2026, 2, 28)).valid
    result = check(revoked, on=date(2026, 3, 1))
    assert result.reason is ConsentProblem.REVOKED
    assert result.message == (
        "The release of information for Eastside Counseling was revoked on 2026-03-01."
    )


def test_a_consent_ending_by_event_holds_until_recorded_otherwise():
    by_event = record(expires_on=None, expiry_event="when treatment ends")
    assert check(by_event, on=date(2030, 1, 1)).valid


def test_revoked_and_expired_reports_what_ended_it_first():
    revoked_first = record(revoked_on=date(2026, 6, 1))
    expired_first = record(revoked_on=date(2026, 10, 5))
    late = date(2026, 11, 1)
    assert check(revoked_first, on=late).reason is ConsentProblem.REVOKED
    assert check(expired_first, on=late).reason is ConsentProblem.EXPIRED
    revoked_on_expiry_day = record(revoked_on=EXPIRES)
    assert check(revoked_on_expiry_day, on=late).reason is ConsentProblem.REVOKED


# --- each refusal reason -----------------------------------------------------------


def test_missing():
    result = check(on=SIGNED)
    assert (result.valid, result.reason, result.consent) == (False, ConsentProblem.MISSING, None)
    assert result.message == "There is no release of information for Eastside Counseling on file."


def test_consents_of_other_kinds_do_not_count():
    services = record(kind=ConsentKind.SERVICES, partner_id=None)
    assert check(services, on=SIGNED).reason is ConsentProblem.MISSING
    telehealth = check(services, on=SIGNED, kind=ConsentKind.TELEHEALTH)
    assert telehealth.message == "There is no consent to telehealth on file."


def test_signer_lacks_authority():
    result = check(record(signer_has_authority=False), on=SIGNED)
    assert result.reason is ConsentProblem.SIGNER_LACKS_AUTHORITY
    assert result.message == (
        "The release of information for Eastside Counseling was signed by a guardian without "
        "legal authority to consent; a parent or legal guardian must sign a new one."
    )


def test_minor_not_allowed_when_the_site_allows_no_self_consent():
    student = record(signer_kind=SignerKind.STUDENT, student_age_at_signing=16)
    result = check(student, on=SIGNED)
    assert result.reason is ConsentProblem.MINOR_NOT_ALLOWED
    assert "signed by the student" in result.message
    assert "16" not in result.message


def test_wrong_partner():
    result = check(record(partner_id=WESTSIDE), on=SIGNED)
    assert result.reason is ConsentProblem.WRONG_PARTNER
    assert result.message == (
        "The releases of information on file are for other partners, not for Eastside "
        "Counseling; a release naming it is needed."
    )
    unnamed = check(record(partner_id=WESTSIDE), on=SIGNED, partner_name="")
    assert "not for this partner" in unnamed.message


def test_does_not_cover():
    result = check(
        record(),
        on=SIGNED,
        information_kinds_needed=["medications", "screening_results", "diagnoses"],
    )
    assert result.reason is ConsentProblem.DOES_NOT_COVER
    assert result.missing_information == (InformationKind.MEDICATIONS, InformationKind.DIAGNOSES)
    assert result.message == (
        "The release of information for Eastside Counseling does not cover: medications, diagnoses."
    )
    assert check(record(), on=SIGNED, information_kinds_needed=["attendance"]).valid


# --- the minor-consent rule --------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "age", "rule", "valid"),
    [
        (ConsentKind.SERVICES, 12, TEENS_FOR_SERVICES, True),  # exactly the minimum age
        (ConsentKind.SERVICES, 11, TEENS_FOR_SERVICES, False),
        (ConsentKind.TELEHEALTH, 15, TEENS_FOR_SERVICES, False),  # kind not covered
        (ConsentKind.SERVICES, None, TEENS_FOR_SERVICES, False),  # age unknown
        (ConsentKind.SERVICES, 17, NO_MINORS, False),
        (ConsentKind.TELEHEALTH, 18, NO_MINORS, True),  # an adult signs for themself
        (ConsentKind.TELEHEALTH, 18, MinorConsentRule(age_of_majority=19), False),
    ],
)
def test_students_sign_only_where_the_rule_allows(kind, age, rule, valid):
    consent = record(
        kind=kind,
        partner_id=None,
        signer_kind=SignerKind.STUDENT,
        signer_has_authority=False,
        student_age_at_signing=age,
    )
    result = check(consent, on=SIGNED, kind=kind, rule=rule)
    assert result.valid is valid
    assert result.reason is (None if valid else ConsentProblem.MINOR_NOT_ALLOWED)


def test_student_release_for_a_partner_under_the_rule():
    student = record(signer_kind=SignerKind.STUDENT, student_age_at_signing=14)
    assert check(student, on=SIGNED, rule=TEENS_FOR_SERVICES).valid


def test_rule_is_stored_as_json():
    assert MinorConsentRule.from_json(TEENS_FOR_SERVICES.to_json()) == TEENS_FOR_SERVICES
    assert MinorConsentRule.from_json({}) == NO_MINORS
    assert TEENS_FOR_SERVICES.to_json()["kinds"] == ["release_of_information", "services"]
    with pytest.raises(ValueError):
        MinorConsentRule.from_json({"kinds": "services"})


# --- several consents: which answer ------------------------------------------------


def test_any_valid_consent_wins_and_the_newest_is_returned():
    old = record(signed_on=date(2025, 9, 1), expires_on=date(2026, 8, 31))
    new = record(signed_on=date(2026, 2, 1), expires_on=date(2026, 12, 31))
    expired = record(signed_on=date(2024, 9, 1), expires_on=date(2025, 6, 30))
    result = check(expired, old, new, record(partner_id=WESTSIDE), on=date(2026, 3, 1))
    assert result.valid
    assert result.consent is new


def test_closest_to_valid_is_reported():
    uncovered = record(information_kinds=("attendance",))
    expired = record(signed_on=date(2025, 1, 1), expires_on=date(2025, 12, 31))
    needed = ["diagnoses"]
    result = check(expired, uncovered, on=date(2026, 3, 1), information_kinds_needed=needed)
    assert result.reason is ConsentProblem.DOES_NOT_COVER
    assert result.consent is uncovered


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ((record(partner_id=WESTSIDE), record(signer_has_authority=False)), "lacks"),
        (
            (
                record(signer_has_authority=False),
                record(signer_kind=SignerKind.STUDENT, student_age_at_signing=15),
            ),
            "lacks",
        ),
        ((record(partner_id=WESTSIDE), record(signer_kind=SignerKind.STUDENT)), "minor"),
        ((record(signer_has_authority=False), record(expires_on=date(2026, 2, 1))), "expired"),
        ((record(expires_on=date(2026, 2, 1)), record(signed_on=date(2026, 4, 1))), "not_yet"),
    ],
)
def test_precedence_between_problems(records, expected):
    reasons = {
        "lacks": ConsentProblem.SIGNER_LACKS_AUTHORITY,
        "minor": ConsentProblem.MINOR_NOT_ALLOWED,
        "expired": ConsentProblem.EXPIRED,
        "not_yet": ConsentProblem.NOT_YET_SIGNED,
    }
    assert check(*records, on=date(2026, 3, 1)).reason is reasons[expected]


def test_the_latest_ended_consent_explains_why():
    revoked_long_ago = record(signed_on=date(2024, 1, 1), revoked_on=date(2024, 6, 1))
    expired_lately = record(signed_on=date(2025, 1, 1), expires_on=date(2026, 2, 1))
    result = check(revoked_long_ago, expired_lately, on=date(2026, 3, 1))
    assert result.reason is ConsentProblem.EXPIRED
    assert result.consent is expired_lately


def test_a_consent_signed_without_authority_never_held_even_if_expired():
    result = check(record(signer_has_authority=False), on=date(2027, 1, 1))
    assert result.reason is ConsentProblem.SIGNER_LACKS_AUTHORITY


# --- asking the question properly --------------------------------------------------


def test_a_release_is_always_checked_for_one_partner():
    with pytest.raises(ValueError, match="one partner"):
        check_consent([record()], ROI, SIGNED, rule=NO_MINORS)


def test_partners_and_information_belong_to_releases():
    with pytest.raises(ValueError):
        check_consent([], ConsentKind.SERVICES, SIGNED, rule=NO_MINORS, partner_id=EASTSIDE)
    with pytest.raises(ValueError):
        check_consent(
            [], ConsentKind.TELEHEALTH, SIGNED, rule=NO_MINORS, information_kinds_needed=["x"]
        )


def test_unknown_information_kinds_are_a_bug():
    with pytest.raises(ValueError):
        check(record(), on=SIGNED, information_kinds_needed=["psychotherapy_notes"])


# --- vocabulary and notices --------------------------------------------------------


def test_every_information_kind_has_a_label_and_psychotherapy_notes_are_absent():
    assert all(k.label for k in InformationKind)
    assert "psychotherapy_notes" not in set(InformationKind)
    assert "not psychotherapy notes" in InformationKind.MENTAL_HEALTH.label


def test_required_notices():
    assert required_notices(["demographics", "attendance"]) == ()
    kinds = ["education_records", "substance_use", "hiv_sti", "substance_use"]
    assert required_notices(kinds) == (Notice.PART_2, Notice.FERPA, Notice.HIV_STI)


# --- chips -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "chip"),
    [
        (date(2026, 8, 30), ConsentChip.VALID),  # 31 days left
        (date(2026, 8, 31), ConsentChip.EXPIRING),  # 30 days left
        (EXPIRES, ConsentChip.EXPIRING),
        (EXPIRES + timedelta(days=1), ConsentChip.EXPIRED),
    ],
)
def test_chip_around_expiry(today, chip):
    assert consent_status_chip(record(), today) is chip


def test_chip_for_revoked_and_open_ended_consents():
    revoked = record(revoked_on=date(2026, 3, 1))
    assert consent_status_chip(revoked, date(2026, 2, 28)) is ConsentChip.VALID
    assert consent_status_chip(revoked, date(2026, 3, 1)) is ConsentChip.REVOKED
    assert consent_status_chip(revoked, date(2027, 3, 1)) is ConsentChip.REVOKED
    open_ended = record(expires_on=None, expiry_event="end of treatment")
    assert consent_status_chip(open_ended, date(2030, 1, 1)) is ConsentChip.VALID
    assert consent_status_chip(record(), date(2026, 9, 20), warn_days=7) is ConsentChip.VALID


# --- recording a consent -----------------------------------------------------------


def release_input(**overrides) -> ConsentInput:
    values = {
        "kind": "release_of_information",
        "signer_kind": "guardian",
        "signed_on": date(2026, 10, 1),
        "guardian_id": GUARDIAN,
        "partner_id": EASTSIDE,
        "purpose": "Coordinate counseling",
        "information_kinds": ("screening_results", "demographics"),
        "expires_on": date(2027, 6, 30),
    }
    return ConsentInput(**{**values, **overrides})


def errors_of(consent: ConsentInput) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validated_consent(consent, TODAY)
    return {e.field: e.reason for e in caught.value.errors}


def test_a_good_release_is_cleaned():
    consent = validated_consent(
        release_input(
            kind=" Release_Of_Information ",
            purpose="  Coordinate counseling ",
            information_kinds=("Screening_Results", "demographics", "", "demographics"),
        ),
        TODAY,
    )
    assert consent.kind == "release_of_information"
    assert consent.purpose == "Coordinate counseling"
    assert consent.information_kinds == ("demographics", "screening_results")


def test_a_release_may_end_by_event_instead_of_date():
    consent = release_input(expires_on=None, expiry_event="End of the 2026-27 school year")
    assert validated_consent(consent, TODAY).expiry_event == "End of the 2026-27 school year"


def test_a_release_names_its_core_elements():
    bare = release_input(partner_id=None, purpose=" ", information_kinds=(), expires_on=None)
    assert errors_of(bare) == {
        "partner_id": "is required for a release of information",
        "purpose": "is required for a release of information",
        "information_kinds": "must name at least one kind",
        "expires_on": "or an expiry event is required for a release",
    }


def test_dates_must_make_sense():
    assert errors_of(release_input(signed_on=TODAY + timedelta(days=1))) == {
        "signed_on": "cannot be in the future"
    }
    same_day = release_input(expires_on=date(2026, 10, 1))
    assert errors_of(same_day) == {"expires_on": "must be after the date it was signed"}
    assert errors_of(release_input(signed_on=None)) == {"signed_on": "is required (YYYY-MM-DD)"}
    assert validated_consent(release_input(signed_on=TODAY), TODAY).signed_on == TODAY


def test_the_signer_must_be_identified():
    assert errors_of(release_input(guardian_id=None)) == {
        "guardian_id": "is required when a parent or guardian signs"
    }
    assert errors_of(release_input(signer_kind="student")) == {
        "guardian_id": "must be empty when the student signs"
    }
    assert errors_of(release_input(signer_kind="aunt")) == {
        "signer_kind": "is not one of the allowed values"
    }


def test_codes_must_be_known():
    assert errors_of(release_input(kind="photo_release", partner_id=None, information_kinds=()))[
        "kind"
    ] == ("is not one of the allowed values")
    assert errors_of(release_input(information_kinds=("psychotherapy_notes",))) == {
        "information_kinds": "contains a kind that is not allowed"
    }


def test_partner_and_information_belong_only_to_releases():
    services = release_input(kind="services", purpose="", expires_on=None)
    assert errors_of(services) == {
        "partner_id": "applies only to a release of information",
        "information_kinds": "apply only to a release of information",
    }
    ok = validated_consent(
        release_input(kind="telehealth", partner_id=None, information_kinds=(), expires_on=None),
        TODAY,
    )
    assert ok.kind == "telehealth"


def test_long_text_is_refused():
    assert errors_of(release_input(expiry_event="x" * 201)) == {
        "expiry_event": "is too long (at most 200 characters)"
    }


# --- revoking ----------------------------------------------------------------------


def test_revocation_dates():
    consent = record(signed_on=date(2026, 9, 1))
    assert validated_revocation(consent, TODAY, TODAY) == TODAY
    assert validated_revocation(consent, date(2026, 9, 1), TODAY) == date(2026, 9, 1)
    cases = {
        TODAY + timedelta(days=1): "cannot be in the future",
        date(2026, 8, 31): "cannot be before the date the consent was signed",
        None: "is required (YYYY-MM-DD)",
    }
    for revoked_on, reason in cases.items():
        with pytest.raises(ValidationError) as caught:
            validated_revocation(consent, revoked_on, TODAY)
        assert caught.value.for_field("revoked_on") == reason


def test_a_revocation_is_recorded_once():
    consent = record(revoked_on=date(2026, 9, 5))
    with pytest.raises(ValidationError) as caught:
        validated_revocation(consent, TODAY, TODAY)
    assert caught.value.for_field("revoked_on") == "is already recorded for this consent"


@pytest.mark.parametrize(
    "rule", [None, MinorConsentRule(), MinorConsentRule(minimum_age=18, kinds=frozenset())]
)
@pytest.mark.parametrize(
    ("kind", "error"),
    [
        (ConsentKind.SERVICES, SelfConsentNotAllowedError),
        (ConsentKind.RELEASE_OF_INFORMATION, StudentMayNotSignReleaseError),
    ],
)
def test_a_student_may_not_sign_where_the_site_rule_does_not_allow_it(rule, kind, error):
    with pytest.raises(error, match="minor-consent rule"):
        require_student_may_sign(rule, kind, 15)


def test_a_student_signs_where_the_site_rule_allows_it_or_as_an_adult():
    rule = MinorConsentRule(minimum_age=12, kinds=frozenset({ConsentKind.RELEASE_OF_INFORMATION}))
    require_student_may_sign(rule, ConsentKind.RELEASE_OF_INFORMATION, 12)
    require_student_may_sign(MinorConsentRule(), ConsentKind.SERVICES, 18)
    with pytest.raises(SelfConsentNotAllowedError):
        require_student_may_sign(rule, ConsentKind.SERVICES, 17)
