"""Rules for staff accounts: user names, passwords, site codes."""

from __future__ import annotations

import re

from clinic_desktop.domain.fields import check_text, clean_text
from clinic_desktop.domain.passwords import MIN_LENGTH, password_reason
from clinic_desktop.domain.roles import Role
from clinic_desktop.errors import FieldError, ValidationError

#: Shown by the account forms ("At least 10 characters"); the rules are in ``passwords``.
MIN_PASSWORD_LENGTH = MIN_LENGTH
_USERNAME = re.compile(r"[a-z][a-z0-9._-]{1,31}")
_SITE_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{1,15}")


def normalize_username(username: str) -> str:
    return clean_text(username).casefold()


def username_reason(username: str) -> str | None:
    if not _USERNAME.fullmatch(username):
        return "must be 2-32 characters: lower-case letters, digits, '.', '_' or '-'"
    return None


def validate_account(
    username: str, password: str, role: str, display_name: str, *, site_name: str = ""
) -> tuple[str, str]:
    """The normalised (username, display_name), or ``ValidationError`` naming each field.

    The password rules are ``domain.passwords``; ``site_name`` is the clinic's name, which
    does not count toward a password's length.
    """
    name = normalize_username(username)
    shown = clean_text(display_name) or name
    problems = [
        FieldError(field, reason)
        for field, reason in (
            ("username", username_reason(name)),
            ("password", password_reason(password, username=name, site_name=site_name)),
            ("role", None if role in set(Role) else "is not a known role"),
            ("display_name", check_text(shown, required=True, max_length=120)),
        )
        if reason
    ]
    if problems:
        raise ValidationError(problems)
    return name, shown


def validate_site(site_code: str, site_name: str) -> tuple[str, str]:
    code, name = clean_text(site_code).upper(), clean_text(site_name)
    problems = []
    if not _SITE_CODE.fullmatch(code):
        problems.append(FieldError("site_code", "must be 2-16 letters, digits or '-'"))
    reason = check_text(name, required=True, max_length=200)
    if reason:
        problems.append(FieldError("site_name", reason))
    if problems:
        raise ValidationError(problems)
    return code, name
