"""Search folding: what staff type must find what the roster spelled."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.domain.text import fold, search_terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("José Ñúñez", "jose nunez"),
        ("Nguyễn Thị Hồng", "nguyen thi hong"),
        ("Zoë O'Brien-Łukasz", "zoe obrien lukasz"),
        ("STRAẞE", "strasse"),
        ("Straße", "strasse"),
        ("Søren Ærø", "soren aero"),
        ("Đặng Œuvre", "dang oeuvre"),
        ("Þór", "thor"),
        ("Iıİ", "iii"),
        ("O’Brien", "obrien"),
        ("O´Brien", "obrien"),
        ("  Mary \t  Ann\n", "mary ann"),
        ("ﬁona", "fiona"),
        ("Smith, Jr.", "smith jr"),
        ("", ""),
        ("'-.", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_apostrophes_vanish_and_hyphens_separate() -> None:
    assert fold("O'Brien") == fold("obrien") == fold("OBRIEN")
    assert fold("Ruiz-Pérez") == fold("ruiz perez")
    assert search_terms("o brien") == ["o", "brien"]


def test_non_latin_scripts_are_kept() -> None:
    assert fold("김민준") != ""
    assert fold("محمد") == fold("مُحَمَّد")  # Arabic vowel points dropped


def test_search_terms() -> None:
    assert search_terms("  Nguyễn,  HỒNG ") == ["nguyen", "hong"]
    assert search_terms("") == []


@given(st.text())
def test_fold_is_idempotent_and_tidy(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == " ".join(folded.split())
    assert search_terms(text) == folded.split()
