"""The folded search key: how names are compared when staff search for a student.

Front-desk staff type names on an English keyboard, often without accents, while rosters
carry "Nguyễn", "Łukasz" or "O’Brien". Both the stored key and the query go through
``fold`` so that "nguyen", "lukasz" and "obrien" find them.

Choices, applied identically to stored names and queries:

* accents and other combining marks are dropped (after NFKD), then text is casefolded;
* letters that do not decompose are spelled out in ASCII (ł→l, ø→o, ß→ss, æ→ae, ...);
* apostrophes are removed entirely, so "O'Brien", "O’Brien" and "OBrien" all give
  "obrien" (typing "o brien" gives two words instead, which a word-prefix search still
  matches on "brien");
* every other non-letter, non-digit character (hyphen, period, comma, slash, ...) becomes
  a space, so "Ruiz-Pérez" gives "ruiz perez" and either surname finds the student;
* runs of whitespace collapse to one space and the ends are trimmed.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Letters that neither NFKD nor casefold turn into ASCII (casefold has already run).
_SPELLED_OUT = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "þ": "th",
    }
)

#: Apostrophe look-alikes that keyboards and word processors produce. Removed before
#: NFKD because some (the acute accent ´) decompose to a space plus a combining mark.
_APOSTROPHES = re.compile("['’‘ʼʻ`´′]")


def _is_word_char(char: str) -> bool:
    """Letters and digits of any script are kept; everything else separates words."""
    return unicodedata.category(char)[0] in "LN"


def _strip_marks(text: str) -> str:
    """Decompose and drop every combining mark (accents, tones, Arabic vowel points)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if unicodedata.category(c)[0] != "M")


#: ASCII text needs none of the Unicode steps: apostrophes go, the rest is lower-cased
#: and every run of characters other than letters and digits becomes one space.
_ASCII_APOSTROPHES = re.compile("['`]")
_ASCII_SEPARATORS = re.compile("[^a-z0-9]+")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The case-, accent- and punctuation-insensitive key for ``text`` (see module doc).

    Cached: a roster import folds the same first and last names thousands of times."""
    if text.isascii():
        lowered = _ASCII_APOSTROPHES.sub("", text).lower()
        return _ASCII_SEPARATORS.sub(" ", lowered).strip()
    text = _APOSTROPHES.sub("", text)
    text = _strip_marks(text).casefold()
    # casefold can introduce decomposable characters again (e.g. "İ" → "i̇").
    text = _strip_marks(text).translate(_SPELLED_OUT)
    return " ".join("".join(c if _is_word_char(c) else " " for c in text).split())


def search_terms(query: str) -> list[str]:
    """The words of a folded query, in order, so each can be matched separately."""
    return fold(query).split()
