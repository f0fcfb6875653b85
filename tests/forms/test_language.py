"""The form's language defaults to the language of the guardian who signs."""

import uuid

from clinic_desktop.forms import default_language, render
from clinic_desktop.forms.template import QrPayload
from tests.forms.helpers import PRINTED_ON, SITE, all_text, guardian, student


def test_spanish_speaking_consenting_guardian_gets_spanish():
    assert default_language(student(), student().guardians) == "es"
    for spelling in ("es", "ES", "es-MX", "Spanish", "spanish"):
        kid = student(guardians=(guardian(language=spelling),))
        assert default_language(kid) == "es", spelling


def test_first_guardian_who_can_consent_decides():
    kid = student(
        guardians=(
            guardian("Tía Rosa", language="es", can_consent=False, n=1),
            guardian("Ann Lee", language="en", can_consent=True, n=2),
            guardian("Mateo Ruiz", language="es", can_consent=True, n=3),
        )
    )
    assert default_language(kid) == "en"


def test_unsupported_languages_fall_back_to_english():
    assert default_language(student(guardians=(guardian(language="vi"),))) == "en"
    assert default_language(student(guardians=(guardian(language=""),))) == "en"


def test_without_a_consenting_guardian_the_students_language_decides():
    assert default_language(student(guardians=(), language="es")) == "es"
    assert default_language(student(guardians=(), language="pl")) == "en"
    assert default_language(None) == "en"


def test_render_without_lang_uses_the_guardians_language():
    text = all_text(render("consent", student=student(), site=SITE, printed_on=PRINTED_ON))
    assert "Consentimiento para servicios de salud en la escuela" in text
    english = student(guardians=(guardian("Ann Lee", language="en"),))
    text = all_text(render("consent", student=english, site=SITE, printed_on=PRINTED_ON))
    assert "Consent for School-Based Health Services" in text


def test_explicit_lang_wins_and_unsupported_lang_prints_english():
    text = all_text(
        render("consent", lang="vi", student=student(), site=SITE, printed_on=PRINTED_ON)
    )
    assert "Consent for School-Based Health Services" in text


def test_qr_payload_carries_ids_kind_and_page_but_no_personal_data():
    payload = QrPayload("release", "2026.1", "es", uuid.UUID(int=1), uuid.UUID(int=2))
    text = payload.text(2, 3)
    assert text.startswith("clinic-form:1?kind=release&v=2026.1&lang=es&")
    assert f"student={uuid.UUID(int=1)}" in text and f"record={uuid.UUID(int=2)}" in text
    assert text.endswith("page=2/3")
    assert QrPayload("consent", "2026.1", "en").text(1, 1) == (
        "clinic-form:1?kind=consent&v=2026.1&lang=en&page=1/1"
    )
