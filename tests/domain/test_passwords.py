"""Password rules (``domain.passwords``): length over complexity, the common list, names."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.demo.site import DEMO_PASSWORDS, DEMO_SITE_NAME
from clinic_desktop.domain import passwords
from clinic_desktop.domain.accounts import validate_account
from clinic_desktop.errors import ValidationError
from clinic_desktop.resources import resource_path
from tests.conftest import PASSWORDS

SITE = "Lincoln High School Health Center"


def reason(password, username="", site_name=""):
    return passwords.password_reason(password, username=username, site_name=site_name)


@pytest.mark.parametrize(
    "password",
    [
        "the blue kettle sings",
        "correct horse battery staple",
        "José Ñúñez 1990",
        "Nguyễn thị mai 7",
        "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂",
        "          x",  # spaces count like any other character
        "مرحبا بالعالم",
    ],
)
def test_long_passwords_of_any_characters_are_accepted(password):
    assert reason(password) is None


def test_length_is_counted_after_nfc_normalisation():
    # Nine "é" typed decomposed are 18 code points but 9 characters: too short.
    decomposed = unicodedata.normalize("NFD", "é" * 9)
    assert len(decomposed) == 18
    assert "at least 10 characters" in reason(decomposed)
    assert reason(decomposed + "x") is None
    assert passwords.normalize(decomposed) == "é" * 9


def test_normalisation_changes_nothing_but_the_unicode_form():
    assert passwords.normalize("  Mixed Case  ") == "  Mixed Case  "


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("123456789", "at least 10 characters"),
        ("x" * (passwords.MAX_LENGTH + 1), f"at most {passwords.MAX_LENGTH} characters"),
        ("line one\nline two", "control characters"),
        ("tab\tseparated words", "control characters"),
    ],
)
def test_length_limits_and_control_characters(password, expected):
    assert expected in reason(password)


def test_the_maximum_length_itself_is_accepted():
    assert reason("ab " * (passwords.MAX_LENGTH // 3)) is None


@pytest.mark.parametrize(
    "password",
    [
        "qwertyuiop",
        "QWERTYUIOP",
        "password123",
        "Pass word-123",  # separators and case do not hide a common password
        "Manchester 2026!",  # nor digits added at either end
        "2026manchester",
        "1q2w3e4r5t",
    ],
)
def test_common_passwords_are_refused(password):
    assert "most common passwords" in reason(password)


def test_the_common_list_is_the_shipped_resource():
    text = resource_path(*passwords.COMMON_PASSWORDS).read_text(encoding="utf-8")
    assert "zxcvbn" in text.splitlines()[2]  # attribution header
    assert len(passwords.common_passwords()) > 10_000
    assert "password" in passwords.common_passwords()


@pytest.mark.parametrize(
    ("password", "username", "site_name"),
    [
        ("admin-pass-1", "admin", ""),
        ("ADMIN admin 12", "admin", ""),
        ("lincoln high school health center", "", SITE),
        ("Lincoln High School Health Center 1", "", SITE),
        ("jsmith jsmith", "jsmith", SITE),
    ],
)
def test_names_do_not_count_toward_the_length(password, username, site_name):
    assert "besides the user name" in reason(password, username, site_name)


def test_names_may_appear_in_a_password_that_is_long_enough_without_them():
    assert reason("admin and the blue kettle", "admin", SITE) is None


def test_two_letter_user_names_are_not_looked_for():
    # "it" is inside "digital", "kitten", "with": refusing them would be absurd.
    assert reason("digital kitten", "it") is None


def test_the_demo_and_fixture_passwords_pass():
    for username, password in DEMO_PASSWORDS.items():
        assert reason(password, username, DEMO_SITE_NAME) is None, username
    for username, password in PASSWORDS.items():
        assert reason(password, username, SITE) is None, username


def test_validate_account_names_the_password_field():
    with pytest.raises(ValidationError) as caught:
        validate_account("jsmith", "jsmith-2026", "nurse", "J Smith", site_name=SITE)
    assert caught.value.for_field("password")
    assert "password:" in caught.value.message
    assert caught.value.for_field("username") is None


@given(st.text(min_size=0, max_size=40))
def test_any_text_gets_an_answer_never_a_crash(text):
    answer = reason(text, "admin", SITE)
    assert answer is None or isinstance(answer, str)
    if len(unicodedata.normalize("NFC", text)) < passwords.MIN_LENGTH:
        assert answer is not None
