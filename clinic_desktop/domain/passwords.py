"""Password rules: length over complexity, no common passwords, no names as padding.

Following NIST SP 800-63B (5.1.1.2) rather than composition rules: a long phrase a person
can remember ("the blue kettle sings at noon") beats ``P@ssw0rd!``, so the only demands
are

- at least ``MIN_LENGTH`` characters and at most ``MAX_LENGTH`` (generous: passphrases);
  every character counts, spaces and any script or emoji included, but not control
  characters, which no sign-in prompt can take;
- not one of the passwords attackers try first (``resources/security/common-passwords.txt``,
  compared ignoring case, spaces and punctuation, and ignoring digits at either end, so
  ``Manchester 2026!`` is as refused as ``manchester``);
- the user name and the clinic's name do not count toward the length: with them taken
  out, the rest must still be ``MIN_LENGTH`` characters. Names are printed on every
  form and badge, so an attacker tries them first.

Passwords are NFC-normalised (``normalize``) before they are checked *and* before they are
turned into a key, so "José" typed with a composed or a decomposed "é" (different
keyboards, different systems) is the same password. Nothing else is changed: no trimming,
no case folding.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from clinic_desktop.messages import msg
from clinic_desktop.resources import resource_path

MIN_LENGTH = 10
MAX_LENGTH = 256
#: Shorter user names are not looked for inside passwords: "it" is inside "digital".
MIN_NAME_LENGTH = 3
COMMON_PASSWORDS = ("security", "common-passwords.txt")


def normalize(password: str) -> str:
    """The form of ``password`` that is checked and fed to the key derivation (NFC)."""
    return unicodedata.normalize("NFC", password)


def password_reason(password: str, *, username: str = "", site_name: str = "") -> str | None:
    """Why ``password`` is refused, as a phrase after the field name; None when it is fine."""
    text = normalize(password)
    if len(text) < MIN_LENGTH:
        return msg(
            "must be at least {MIN_LENGTH} characters (a few words make a good one)",
            MIN_LENGTH=MIN_LENGTH,
        )
    if len(text) > MAX_LENGTH:
        return msg("must be at most {MAX_LENGTH} characters", MAX_LENGTH=MAX_LENGTH)
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        return "must not contain control characters such as line breaks or tabs"
    if is_common(text):
        return "is one of the most common passwords; choose something less predictable"
    if len(_without_names(text, username, site_name)) < MIN_LENGTH:
        return msg(
            "needs at least {MIN_LENGTH} characters besides the user name and the clinic's name",
            MIN_LENGTH=MIN_LENGTH,
        )
    return None


def is_common(password: str) -> bool:
    """True when ``password`` is on the common list, ignoring case, separators and
    digits at either end."""
    skeleton = _skeleton(normalize(password))
    core = skeleton.strip("0123456789")
    common = common_passwords()
    return skeleton in common or (bool(core) and core in common)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The common-password list, each entry reduced the way ``is_common`` compares."""
    lines = resource_path(*COMMON_PASSWORDS).read_text(encoding="utf-8").splitlines()
    entries = (_skeleton(line) for line in lines if line.strip() and not line.startswith("#"))
    return frozenset(entry for entry in entries if entry)


def _skeleton(text: str) -> str:
    """Case-folded letters and digits only: "Pass word-123" and "password123" match."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _without_names(text: str, username: str, site_name: str) -> str:
    """``text`` (case-folded) with every occurrence of the user and clinic names removed."""
    remaining = text.casefold()
    names = [normalize(username).strip().casefold(), normalize(site_name).strip().casefold()]
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= MIN_NAME_LENGTH:
            remaining = remaining.replace(name, "")
    return remaining
