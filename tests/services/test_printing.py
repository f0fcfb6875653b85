"""Printing through the services: records mapped onto forms, the family's language, no
scores in a family letter, release gating of results in a referral letter, the audit."""

import json
import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from clinic_desktop import errors
from clinic_desktop.domain.consents import ConsentInput
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.domain.referrals import ReferralInput
from clinic_desktop.domain.screening import instrument_ids, load_instrument
from clinic_desktop.forms import BLANK_KINDS
from clinic_desktop.services import (
    consents,
    partners,
    printing,
    referrals,
    screenings,
    students,
    visits,
)
from clinic_desktop.services.form_inputs import (
    family_wording,
    school_year,
    school_year_end,
)
from clinic_desktop.store.models import AuditEvent, Setting
from tests.factories import guardian, student, visit
from tests.forms.helpers import all_text, reader

#: PHQ-9 answers that total 13 ("moderate"): a number found nowhere else on the letter.
PHQ9_13 = {"q1": 3, "q2": 3, "q3": 3, "q4": 3, "q5": 1, "q6": 0, "q7": 0, "q8": 0, "q9": 0}
#: CRAFFT answers with use in the past year and two "yes" answers: high risk.
CRAFFT_HIGH = {"a1": 5, "a2": 0, "a3": 0, "b1": 1, "b2": 1, "b3": 0, "b4": 0, "b5": 0, "b6": 0}


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student(), (guardian(),))


@pytest.fixture
def eastside(clinician):
    return partners.add_partner(
        clinician,
        PartnerInput(name="Eastside Counseling", kind="cmh", address="45 Elm Avenue, Oakland"),
    )


@pytest.fixture
def phq9(clinician, pupil):
    return screenings.administer_screening(clinician, pupil.id, "phq9", PHQ9_13, lang="es")


def release_input(pupil, partner_id, **changes):
    base = ConsentInput(
        kind="release_of_information",
        signer_kind="guardian",
        guardian_id=pupil.guardians[0].id,
        partner_id=partner_id,
        signed_on=date(2026, 9, 1),
        purpose="Coordinar la consejería semanal",
        information_kinds=("demographics", "screening_results"),
        expires_on=date(2027, 6, 30),
    )
    return replace(base, **changes)


def referral_for(clinician, pupil, partner, screening):
    return referrals.create_referral(
        clinician,
        pupil.id,
        ReferralInput(
            partner_id=partner.id, reason="Low mood for two months", screening_id=screening.id
        ),
    )


def printed_audit(session):
    with session.read() as db:
        rows = db.scalars(select(AuditEvent).where(AuditEvent.action == "form_printed"))
        return [(r.entity, r.entity_id, r.detail) for r in rows]


def has_number(text, number):
    return re.search(rf"(?<![\d-]){number}(?![\d])", text) is not None


# --- consent -------------------------------------------------------------------------------


def test_consent_prints_the_accented_names_in_the_guardians_language(clinician, pupil):
    printed = printing.consent_form(clinician, pupil.id)
    text = all_text(printed.data)
    assert "Consentimiento para servicios de salud en la escuela" in text
    assert "José Ñúñez" in text and "María Ñúñez" in text
    assert "2026-27" in text  # the school year the clock's day falls in
    assert printed.suggested_name == "consent-for-services-es.pdf"
    assert printed.title == "Consent for school-based health services (Spanish)"
    assert printed.page_count == len(reader(printed.data).pages) >= 1


def test_an_english_reading_guardian_gets_english_and_a_given_language_wins(clinician):
    kid = students.create_student(
        clinician,
        student(district_id="D2", language="es"),
        (guardian(name="Ann Lee", language="en"),),
    )
    assert "Consent for School-Based Health Services" in all_text(
        printing.consent_form(clinician, kid.id).data
    )
    forced = printing.consent_form(clinician, kid.id, lang="es")
    assert "Consentimiento" in all_text(forced.data)
    assert forced.suggested_name.endswith("-es.pdf")


def test_the_students_own_consent_is_refused_unless_the_site_allows_it(clinician, pupil):
    with pytest.raises(errors.ClinicError, match="minor-consent rule"):
        printing.consent_form(clinician, pupil.id, self_consent=True)


def test_the_header_prints_the_sites_address_and_phone_when_stored(clinician, pupil):
    with clinician.write() as db:
        db.add(Setting(key="site_address", value="1200 Oak Street, Oakland"))
        db.add(Setting(key="site_phone", value="(555) 555-0100"))
    text = all_text(printing.consent_form(clinician, pupil.id).data)
    assert "Lincoln High School Health Center" in text
    assert "1200 Oak Street, Oakland" in text and "(555) 555-0100" in text


# --- results letter ------------------------------------------------------------------------


def test_a_results_letter_speaks_plainly_and_never_shows_the_score(clinician, pupil, phq9):
    assert phq9.total == 13 and phq9.band == "moderate"
    spanish = all_text(printing.results_letter(clinician, phq9.id).data)
    assert "Algunas señales de tristeza o desánimo de las que vale la pena hablar" in spanish
    assert "Estimado(a) María Ñúñez" in spanish and "José Ñúñez" in spanish
    english = printing.results_letter(clinician, phq9.id, lang="en")
    text = all_text(english.data)
    assert "Some signs of low mood that are worth talking about" in text
    assert "will meet with your child" in text
    for letter in (spanish, text):
        assert not has_number(letter, 13)
        assert "Moderate" not in letter and "Moderada" not in letter  # the clinical band
    assert english.suggested_name == "screening-results-letter-en.pdf"


def test_the_clinician_can_write_the_next_steps(clinician, pupil, phq9):
    letter = printing.results_letter(
        clinician, phq9.id, lang="en", next_steps=["Ms. Whitfield will call you on Friday."]
    )
    text = all_text(letter.data)
    assert "Ms. Whitfield will call you on Friday." in text
    assert "will meet with your child" not in text


def test_an_unfinished_screening_has_no_result_to_share(clinician, pupil):
    partial = screenings.administer_screening(clinician, pupil.id, "phq9", {"q1": 2})
    text = all_text(printing.results_letter(clinician, partial.id, lang="en").data)
    assert "The screening was not finished" in text


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("instrument_id", instrument_ids())
def test_every_band_has_family_wording_without_numbers(instrument_id, lang):
    generic = family_wording("unknown", "unknown", lang)
    for band in load_instrument(instrument_id).bands:
        wording = family_wording(instrument_id, band.id, lang)
        assert wording != generic, (instrument_id, band.id)
        assert not re.search(r"\d", wording.label), wording.label
        assert wording.next_steps


# --- referral letter: results only under a release that covers them -------------------------


def test_no_release_no_results_in_the_referral_letter(clinician, pupil, eastside, phq9):
    referral = referral_for(clinician, pupil, eastside, phq9)
    printed = printing.referral_letter(clinician, referral.id)
    text = all_text(printed.data)
    assert "Eastside Counseling" in text and "José Ñúñez" in text
    assert "Low mood for two months" in text
    assert "Patient Health Questionnaire" not in text and not has_number(text, 13)
    assert printed.suggested_name == "referral-letter-en.pdf"  # the partner reads English


def test_a_release_covering_screening_results_lets_the_result_print(
    clinician, pupil, eastside, phq9
):
    consents.record_consent(clinician, pupil.id, release_input(pupil, eastside.id))
    referral = referral_for(clinician, pupil, eastside, phq9)
    text = all_text(printing.referral_letter(clinician, referral.id).data)
    assert "Patient Health Questionnaire" in text and has_number(text, 13)
    assert "September 1, 2026" in text  # the release's date, in the introduction


def test_a_release_without_screening_results_or_revoked_keeps_them_out(
    clinician, pupil, eastside, phq9
):
    narrow = release_input(pupil, eastside.id, information_kinds=("demographics",))
    consents.record_consent(clinician, pupil.id, narrow)
    referral = referral_for(clinician, pupil, eastside, phq9)
    assert "Patient Health Questionnaire" not in all_text(
        printing.referral_letter(clinician, referral.id).data
    )
    wide = consents.record_consent(clinician, pupil.id, release_input(pupil, eastside.id))
    assert "Patient Health Questionnaire" in all_text(
        printing.referral_letter(clinician, referral.id).data
    )
    consents.revoke_consent(clinician, wide.id)
    assert "Patient Health Questionnaire" not in all_text(
        printing.referral_letter(clinician, referral.id).data
    )


def test_a_crafft_result_also_needs_substance_use_and_prints_the_part2_notice(
    clinician, pupil, eastside
):
    crafft = screenings.administer_screening(clinician, pupil.id, "crafft", CRAFFT_HIGH)
    consents.record_consent(clinician, pupil.id, release_input(pupil, eastside.id))
    referral = referral_for(clinician, pupil, eastside, crafft)
    assert "CRAFFT" not in all_text(printing.referral_letter(clinician, referral.id).data)
    kinds = ("demographics", "screening_results", "substance_use")
    consents.record_consent(
        clinician, pupil.id, release_input(pupil, eastside.id, information_kinds=kinds)
    )
    text = all_text(printing.referral_letter(clinician, referral.id).data)
    assert "CRAFFT" in text and "(42 CFR 2.32)" in text


# --- releases ------------------------------------------------------------------------------


def test_a_recorded_release_prints_as_signed(clinician, pupil, eastside):
    view = consents.record_consent(clinician, pupil.id, release_input(pupil, eastside.id))
    printed = printing.release_form(clinician, view.id)
    text = all_text(printed.data)
    assert "Eastside Counseling" in text and "45 Elm Avenue, Oakland" in text
    assert "Coordinar la consejería semanal" in text and "José Ñúñez" in text
    assert "30 de junio de 2027" in text
    assert printed.suggested_name == "release-of-information-es.pdf"


def test_only_a_release_prints_as_a_release(clinician, pupil):
    services = ConsentInput(
        kind="services",
        signer_kind="guardian",
        guardian_id=pupil.guardians[0].id,
        signed_on=date(2026, 9, 1),
    )
    view = consents.record_consent(clinician, pupil.id, services)
    with pytest.raises(errors.ValidationError):
        printing.release_form(clinician, view.id)


def test_a_release_to_sign_runs_to_the_end_of_the_school_year(clinician, pupil, eastside):
    printed = printing.release_form_for(clinician, pupil.id, eastside.id, lang="en")
    text = all_text(printed.data)
    assert "Eastside Counseling" in text and "José Ñúñez" in text
    assert "June 30, 2027" in text
    assert school_year(date(2026, 6, 30)) == "2025-26"
    assert school_year_end(date(2026, 7, 1)) == date(2027, 6, 30)


# --- pass, packet, blank forms -------------------------------------------------------------


def test_a_pass_names_the_student_and_nothing_clinical(clinician, pupil, site):
    seen = visits.record_visit(clinician, pupil.id, visit(site.clock() - timedelta(hours=1)))
    printed = printing.class_pass(clinician, seen.id)
    text = all_text(printed.data)
    assert "José Ñúñez" in text and "Clinician" in text
    assert "Headache" not in text and "Rested" not in text
    assert printed.suggested_name == "return-to-class-pass-en.pdf"


def test_a_screening_visit_prints_no_pass_until_someone_says_where_the_student_went(
    clinician, pupil
):
    given = screenings.administer_screening(
        clinician, pupil.id, "gad7", {f"q{i}": 0 for i in range(1, 8)}
    )
    with pytest.raises(errors.ConflictError, match="choose where the student went"):
        printing.class_pass(clinician, given.visit_id)
    assert printing.print_choices(clinician, pupil.id).latest_visit is None


def test_a_packet_gives_each_family_its_language(clinician, pupil):
    other = students.create_student(
        clinician,
        student(first_name="Nguyễn", last_name="Thị Hồng", district_id="D3"),
        (guardian(name="Lan Nguyễn", language="en"),),
    )
    printed = printing.consent_packet(clinician, [pupil.id, other.id])
    text = all_text(printed.data)
    assert "Consentimiento" in text and "Consent for School-Based Health Services" in text
    assert "José Ñúñez" in text and "Nguyễn Thị Hồng" in text
    assert printed.suggested_name == "consent-packet.pdf"
    assert printed.page_count == len(reader(printed.data).pages) >= 2
    with pytest.raises(errors.ValidationError):
        printing.consent_packet(clinician, [])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_blank_forms_need_no_session_and_carry_no_one(lang):
    for kind in BLANK_KINDS:
        printed = printing.blank_form(kind, lang)
        assert printed.page_count >= 1
        assert "blank" in printed.suggested_name and "blank" in printed.title
    phq = printing.blank_instrument("phq9", lang)
    assert phq.suggested_name == f"screening-phq9-{lang}.pdf"
    assert phq.title.startswith("PHQ-9 (blank")


# --- audit, permissions, the chart's choices -----------------------------------------------


def test_each_print_is_audited_with_kind_and_record_but_no_names(clinician, pupil, phq9):
    printing.consent_form(clinician, pupil.id)
    printing.results_letter(clinician, phq9.id, lang="en")
    rows = printed_audit(clinician)
    assert rows == [
        ("student", str(pupil.id), {"kind": "consent", "lang": "es"}),
        ("screening", str(phq9.id), {"kind": "results", "lang": "en"}),
    ]
    dumped = json.dumps(rows, ensure_ascii=False)
    for name in ("José", "Ñúñez", "María"):
        assert name not in dumped


def test_it_staff_cannot_print_a_chart_form(it_user, site):
    with site.sign_in("clinician") as clinician:
        kid = students.create_student(clinician, student(), (guardian(),))
    with pytest.raises(errors.PermissionDeniedError):
        printing.consent_form(it_user, kid.id)
    with pytest.raises(errors.PermissionDeniedError):
        printing.print_choices(it_user, kid.id)


def test_the_chart_lists_what_it_can_print(clinician, pupil, eastside, phq9, site):
    release = consents.record_consent(clinician, pupil.id, release_input(pupil, eastside.id))
    referral = referral_for(clinician, pupil, eastside, phq9)
    seen = visits.record_visit(clinician, pupil.id, visit(site.clock() - timedelta(hours=2)))
    choices = printing.print_choices(clinician, pupil.id)
    assert [(c.record_id, c.name) for c in choices.releases] == [(release.id, eastside.name)]
    assert [(c.record_id, c.status) for c in choices.referrals] == [(referral.id, "draft")]
    assert choices.latest_screening.record_id == phq9.id
    assert choices.latest_screening.name == "PHQ-9"
    # The screening made its own visit at the clock's time, after the recorded one.
    assert choices.latest_visit.record_id in {phq9.visit_id, seen.id}
    with clinician.read() as db:
        actions = list(db.scalars(select(AuditEvent.action)))
    assert "print_choices_viewed" in actions


def test_a_stopped_screening_is_not_the_latest_results_to_print(clinician, pupil, phq9, clock):
    clock.advance(minutes=5)
    held = screenings.save_in_progress(clinician, pupil.id, "asq", {"q1": 2})
    assert printing.print_choices(clinician, pupil.id).latest_screening.record_id == phq9.id
    screenings.discard_screening(clinician, held.id, "Student left.")
    assert printing.print_choices(clinician, pupil.id).latest_screening.record_id == phq9.id
