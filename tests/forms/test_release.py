"""The release of information carries every HIPAA authorization element, in both
languages, and the special notices exactly when the information requires them."""

import pytest

from clinic_desktop.domain.consents import InformationKind, SignerKind
from clinic_desktop.forms import render
from clinic_desktop.forms.release import RIGHTS
from clinic_desktop.forms.texts import Texts
from tests.forms.helpers import (
    PARTNER,
    PRINTED_ON,
    SITE,
    all_text,
    normalize,
    release,
    student,
)

K = InformationKind
EVERYTHING = tuple(InformationKind)


def _render(lang, details, **extra):
    return render(
        "release", lang=lang, student=student(), site=SITE, printed_on=PRINTED_ON,
        release=details, **extra,
    )  # fmt: skip


def _phrase(texts, key, **values):
    return normalize(texts.plain(key, **values))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_core_element_and_required_statement_is_present(lang):
    t = Texts("release", lang)
    details = release(K.DEMOGRAPHICS, K.SCREENING_RESULTS, expiry_event="")
    text = all_text(_render(lang, details))
    # 164.508(c)(1): who is described, who discloses, who receives, what, why, until when
    assert "José Ñúñez" in text
    assert t.plain("parties.discloser") in text and SITE.name in text
    assert t.plain("parties.recipient") in text and PARTNER.name in text
    assert t.plain("kinds.demographics") in text and t.plain("kinds.screening_results") in text
    assert "\u2612 " + t.plain("kinds.screening_results") in text
    assert "\u2610 " + t.plain("kinds.diagnoses") in text
    assert details.purpose in text
    date = {"en": "June 30, 2027", "es": "30 de junio de 2027"}[lang]
    assert _phrase(t, "expiry.date", date=date) in text
    # 164.508(c)(2): revoke (how, and the exception), no conditioning, redisclosure; copy
    address = f", {SITE.address}"
    for key in RIGHTS:
        assert _phrase(t, f"rights.{key}", site=SITE.name, address=address) in text, key
    # FERPA note always; signature and date lines
    assert _phrase(t, "ferpa.body") in text
    common = Texts("common", lang)
    assert common.plain("fields.signature_guardian") in text
    assert common.plain("fields.date") in text
    assert _phrase(t, "signature.statement") in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_part_2_notice_appears_only_with_substance_use_information(lang):
    t = Texts("release", lang)
    notice = [normalize(p) for p in t.items("part2.notice")]
    without = all_text(_render(lang, release(K.DEMOGRAPHICS, K.MENTAL_HEALTH)))
    with_sud = all_text(
        _render(lang, release(K.DEMOGRAPHICS, K.SUBSTANCE_USE, substance_use_detail="CRAFFT"))
    )
    for paragraph in notice:
        assert paragraph not in without
        assert paragraph in with_sud
    assert _phrase(t, "part2.body") in with_sud and _phrase(t, "part2.body") not in without
    assert _phrase(t, "part2.minor") in with_sud
    assert "CRAFFT" in with_sud


@pytest.mark.parametrize("lang", ["en", "es"])
def test_hiv_sti_initials_appear_only_when_included(lang):
    t = Texts("release", lang)
    without = all_text(_render(lang, release(K.DEMOGRAPHICS)))
    included = all_text(_render(lang, release(K.HIV_STI)))
    assert t.plain("hiv.initials") in included and t.plain("hiv.initials") not in without


@pytest.mark.parametrize("lang", ["en", "es"])
def test_education_records_turn_the_ferpa_note_into_ferpa_consent(lang):
    t = Texts("release", lang)
    consent = _phrase(t, "ferpa.consent")
    assert consent in all_text(_render(lang, release(K.EDUCATION_RECORDS)))
    without = all_text(_render(lang, release(K.DEMOGRAPHICS)))
    assert consent not in without and _phrase(t, "ferpa.body") in without


@pytest.mark.parametrize("lang", ["en", "es"])
def test_expiry_by_event_and_by_date_and_event(lang):
    t = Texts("release", lang)
    by_event = release(expires_on=None, expiry_event="when the referral is closed")
    text = all_text(_render(lang, by_event))
    assert _phrase(t, "expiry.event", event="when the referral is closed") in text
    both = release(expiry_event="at the end of the school year")
    date = {"en": "June 30, 2027", "es": "30 de junio de 2027"}[lang]
    assert _phrase(
        t, "expiry.date_and_event", date=date, event="at the end of the school year"
    ) in (all_text(_render(lang, both)))


def test_two_way_sharing_is_stated_only_when_asked():
    t = Texts("release", "en")
    statement = _phrase(t, "parties.two_way", site=SITE.name)
    assert statement in all_text(_render("en", release()))
    assert statement not in all_text(_render("en", release(two_way=False)))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_blank_release_offers_every_optional_part(lang):
    t = Texts("release", lang)
    text = all_text(render("release", lang=lang, blank=True))
    for kind in InformationKind:
        assert "\u2610 " + t.plain(f"kinds.{kind.value}") in text
    for paragraph in t.items("part2.notice"):
        assert normalize(paragraph) in text
    assert _phrase(t, "part2.applies_blank") in text and _phrase(t, "hiv.body_blank") in text
    assert _phrase(t, "ferpa.consent_blank") in text
    assert t.plain("expiry.end_date") in text


def test_a_release_needs_kinds_and_an_expiry():
    with pytest.raises(ValueError, match="at least one kind"):
        release(information_kinds=())
    with pytest.raises(ValueError, match="expiry"):
        release(expires_on=None, expiry_event="  ")


def test_the_student_version_has_the_students_signature():
    text = all_text(_render("en", release(), signer=SignerKind.STUDENT))
    assert "Signature of student" in text


def test_every_information_kind_renders():
    text = all_text(_render("es", release(*EVERYTHING, substance_use_detail="")))
    t = Texts("release", "es")
    for kind in EVERYTHING:
        assert "\u2612 " + t.plain(f"kinds.{kind.value}") in text
