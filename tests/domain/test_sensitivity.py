"""The sensitivity model's classifiers and its data file (issue 16 deliverable 5)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clinic_desktop.domain import sensitivity
from clinic_desktop.domain.partners import PartnerKind
from clinic_desktop.domain.roles import Role
from clinic_desktop.domain.screening import instrument_ids
from clinic_desktop.domain.sensitivity import Category, Disclosure
from clinic_desktop.domain.visits import COMMON_REASONS, VisitType

BH = Category.BEHAVIORAL_HEALTH
SU = Category.SUBSTANCE_USE
SRH = Category.SEXUAL_REPRODUCTIVE_HEALTH
SECURITY = Path(__file__).resolve().parents[2] / "docs" / "SECURITY.md"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("F41.1", {BH}),
        ("F32.A", {BH}),
        ("F10.20", {BH, SU}),
        ("F12.90", {BH, SU}),
        ("F17.210", {BH}),  # nicotine: not a substance use disorder under 42 CFR 2.11
        ("F19.10", {BH, SU}),
        ("R45.851", {BH}),
        ("Z71.41", {SU}),
        ("Z30.09", {SRH}),
        ("Z32.00", {SRH}),
        ("O09.90", {SRH}),
        ("O9A.211", {SRH}),
        ("A54.9", {SRH}),
        ("Z11.3", {SRH}),
        ("Z11.4", {SRH}),
        ("Z11.59", set()),
        ("Z20.2", {SRH}),
        ("Z71.7", {SRH}),
        ("N76.0", {SRH}),
        ("N94.6", set()),
        ("J45.909", set()),
        ("R51.9", set()),
    ],
)
def test_icd10_codes(code, expected):
    assert sensitivity.of_icd10([code]) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("90832", {BH}),
        ("90785", {BH}),
        ("90899", {BH}),
        ("96127", {BH}),
        ("99408", {SU}),
        ("99409", {SU}),
        ("H0001", {SU}),
        ("81025", {SRH}),
        ("87491", {SRH}),
        ("99213", set()),
        ("90700", set()),  # a vaccine, below the psychiatry range
    ],
)
def test_procedure_codes(code, expected):
    assert sensitivity.of_procedures([code]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vaping at lunch", {SU}),
        ("Pregnancy test", {SRH}),
        ("STI testing", {SRH}),
        ("A question about class", set()),  # "sti" inside a word is no STI
        ("Suicidal thoughts", {BH}),
        ("Headache", set()),
        ("Substance use assessment", {SU}),
    ],
)
def test_free_text(text, expected):
    assert sensitivity.of_text(text) == expected


def test_visit_types_and_common_reasons():
    assert sensitivity.of_visit(VisitType.BEHAVIORAL_HEALTH, "Grief") == {BH}
    assert sensitivity.of_visit(VisitType.CRISIS, "Acute distress") == {BH}
    assert sensitivity.of_visit(VisitType.NURSING, "Headache") == set()
    assert sensitivity.of_visit(VisitType.NURSING, "Menstrual") == set()
    assert sensitivity.of_visit(VisitType.MEDICAL, "Sexual/reproductive health") == {SRH}
    assert sensitivity.of_visit(VisitType.BEHAVIORAL_HEALTH, "Substance use") == {BH, SU}
    assert sensitivity.of_visit(VisitType.MEDICAL, "Sore throat", ["J02.9"], ["99213"]) == set()
    assert sensitivity.of_visit(VisitType.MEDICAL, "Rash", ["Z30.09"]) == {SRH}


def test_every_reason_in_the_table_is_a_common_reason():
    common = {r for reasons in COMMON_REASONS.values() for r in reasons}
    assert set(sensitivity.tables().visit_reasons) <= common


def test_every_shipped_instrument_is_classified():
    assert set(sensitivity.tables().instruments) == set(instrument_ids())
    assert sensitivity.of_instrument("crafft") == {SU}
    assert sensitivity.of_instrument("asq") == {BH}


def test_partners_and_referrals():
    assert sensitivity.tables().partner_kinds.keys() <= {k.value for k in PartnerKind}
    assert sensitivity.of_partner("community_mental_health") == {BH}
    assert sensitivity.of_partner("crisis_service") == {BH}
    assert sensitivity.of_partner("hospital") == set()
    program = sensitivity.of_partner("community_organization", ["Adolescent outpatient program"])
    assert program == set()
    assert sensitivity.of_partner("community_organization", ["Substance use assessment"]) == {SU}
    assert sensitivity.of_referral("health_center", [], "Sports physical", "phq9") == {BH}
    assert sensitivity.of_referral("health_center", [], "Birth control", None) == {SRH}


def test_the_strictest_cell_applies_and_the_placeholder_names_only_what_it_may():
    nurse = sensitivity.restriction(Role.NURSE, {BH})
    assert nurse.disclosure is Disclosure.SUMMARY
    assert nurse.label == "Restricted (behavioral health)"
    both = sensitivity.restriction(Role.NURSE, {BH, SU})
    assert both.disclosure is Disclosure.EXISTENCE
    assert both.label == "Restricted"
    assert not sensitivity.restriction(Role.CLINICIAN, {BH, SU, SRH}).restricted
    assert not sensitivity.restriction(Role.NURSE, set()).restricted
    assert sensitivity.restriction(Role.NURSE, set()).label == ""


def test_every_category_cites_its_sources():
    sources = sensitivity.tables().sources
    assert set(sources) == set(Category)
    assert any("42 CFR Part 2" in s for s in sources[SU])
    assert all(sources[c] for c in Category)


def test_forms_name_the_record_they_carry():
    assert sensitivity.form_record("referral") == "referral"
    assert sensitivity.form_record("results") == "screening"
    assert sensitivity.form_record("pass") is None


def test_security_md_states_the_matrix_of_the_data_file():
    text = SECURITY.read_text(encoding="utf-8")
    found = re.search(
        r"<!-- sensitivity-matrix:start -->\n(.*?)\n<!-- sensitivity-matrix:end -->", text, re.S
    )
    assert found is not None
    assert found.group(1).strip() == sensitivity.matrix_table().strip()
