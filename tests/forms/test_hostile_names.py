"""Every form renders hostile text without error, and what can be printed reads back.

Names and free text with control characters, right-to-left scripts, emoji, combining marks,
SQL- and markup-looking strings and 10,000-character notes go through each renderer (the
same ``forms.render`` the preview and print use); pypdf then reads the PDF back.

"What can be printed" is exact: characters the embedded DejaVu font has a glyph for, minus
control, format and whitespace characters. The forms do not strip anything: a control
character or an emoji the font lacks is drawn as the font's empty box, which pypdf reads as
U+0000. ReportLab draws right-to-left text in logical order without bidi reordering, and
pypdf reverses right-to-left runs on extraction as if they were in visual order; so RTL
text is checked as a run that comes back in either order, and the order-exact property
runs over left-to-right text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics

from clinic_desktop.forms import render
from clinic_desktop.forms.styles import FONT, register_fonts
from tests.forms.helpers import (
    PRINTED_ON,
    SITE,
    all_text,
    guardian,
    pass_details,
    referral_letter,
    release,
    results_letter,
    student,
)

#: pypdf's own right-to-left ranges (``pypdf._utils.RTL_CHARACTER_RANGES``).
RTL_RANGES = (("\u0590", "\u08ff"), ("\ufb1d", "\ufdff"), ("\ufe70", "\ufeff"))
NOT_PRINTED = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"}
HOSTILE = [
    "Robert'); DROP TABLE students;--",
    "' OR 1=1; --",
    "<b>bold</b> & <font size=80>big</font> &amp; </para>",
    "\x00\x01\x07\x1b[31m red",
    "\u202eevil\u202c override",
    "👩🏽‍⚕️🧒🏿💊 Ana",
    "Z̷̢a̴͖l̶̰g̵̟o̸͉ text",
    "e\u0301 é",
    "tab\there, line\nbreak",
    "%s %d {name} {{0}} \\n",
    "Ñúñez-Łukasz Nguyễn",
]
RTL = ["مرحبا", "بالعالم", "שלום", "עולם", "سارا"]

#: Left-to-right text: the hostile samples and random text outside the RTL ranges.
ltr_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(
        alphabet=st.characters(
            exclude_categories=("Cs",),
            exclude_characters="".join(chr(c) for c in range(0x0590, 0x0900)),
        ).filter(lambda ch: not _is_rtl(ch)),
        min_size=1,
        max_size=40,
    ),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3).map(" ".join),
)
rtl_text = st.lists(st.sampled_from(RTL), min_size=1, max_size=3).map(" ".join)
FORMS = settings(max_examples=5, deadline=None)


def _is_rtl(ch: str) -> bool:
    return any(start <= ch <= end for start, end in RTL_RANGES)


@cache
def _glyphs() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


def printable(text: str) -> str:
    """The characters of ``text`` that print as themselves, in order, without spaces."""
    glyphs = _glyphs()
    # Characters beyond the Basic Multilingual Plane (an emoji) are drawn, but ReportLab
    # writes their ToUnicode entry as odd-length hex ("<1F600>") that pypdf cannot read
    # back, so they are left out of the comparison (the form still renders with them).
    return "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in NOT_PRINTED
        and ord(ch) in glyphs
        and ord(ch) <= 0xFFFF
        and not ch.isspace()
    )


def stored(text: str) -> str:
    """What the app stores and prints for typed text (``fields.clean_text``: NFC)."""
    return unicodedata.normalize("NFC", text)


def _forms_with(name: str) -> dict[str, Callable[[], bytes]]:
    """Each filled form with ``name`` as the student (or guardian) it is about."""
    kid = student(name)  # first name up to the first space, the rest the last name
    base = {"student": kid, "site": SITE, "printed_on": PRINTED_ON, "lang": "en"}
    return {
        "consent": lambda: render("consent", **base),
        "release": lambda: render("release", release=release(), **base),
        "referral": lambda: render("referral", letter=referral_letter(), **base),
        "results": lambda: render("results", letter=results_letter(guardian_name=name), **base),
        "pass": lambda: render(
            "pass", lang="es", site=SITE, details=pass_details(student_name=name)
        ),
        "packet": lambda: render(
            "packet",
            students=[replace(kid, guardians=(guardian(name),))],
            site=SITE,
            printed_on=PRINTED_ON,
        ),
    }


def _check_name_prints(name: str, *, rtl: bool = False) -> None:
    expected = printable(stored(name))
    for kind, make in _forms_with(stored(name)).items():
        text = printable(all_text(make()))
        found = expected in text or (rtl and expected[::-1] in text)
        assert found, (kind, name)


@FORMS
@given(name=ltr_text)
def test_hostile_names_render_and_read_back_in_every_form(name):
    _check_name_prints(name)


@settings(max_examples=3, deadline=None)
@given(name=rtl_text)
def test_right_to_left_names_render_and_read_back(name):
    _check_name_prints(name, rtl=True)


@settings(max_examples=2, deadline=None)
@given(sample=st.sampled_from(HOSTILE))
def test_ten_thousand_character_notes_render_and_read_back(sample):
    unit = stored(sample + " ")  # NFC may shorten it ("e\u0301" is one character stored)
    note = (unit * (10_000 // len(unit) + 1))[:10_000]
    assert len(note) == 10_000
    letter = referral_letter(reason=note)
    details = release(purpose=note)
    base = {"student": student(), "site": SITE, "printed_on": PRINTED_ON, "lang": "en"}
    for pdf in (
        render("referral", letter=letter, **base),
        render("release", release=details, **base),
    ):
        text = printable(all_text(pdf))
        words = [printable(word) for word in note.split()]
        assert _in_order([w for w in words if w], text)


def _in_order(words: list[str], text: str) -> bool:
    """Each word found after the previous one: a long note crosses page breaks, where the
    running header and footer come between its lines."""
    position = 0
    for word in words:
        found = text.find(word, position)
        if found < 0:
            return False
        position = found + len(word)
    return True
