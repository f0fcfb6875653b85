"""The start-of-year packet: one PDF, each student on fresh pages, numbered on their own."""

import pytest

from clinic_desktop.forms import render
from clinic_desktop.forms.texts import Texts
from tests.forms.helpers import (
    NAMES,
    PRINTED_ON,
    SITE,
    guardian,
    normalize,
    page_texts,
    reader,
    student,
)

FIRST = ["Ana", "Bao", "Chloé", "Dũng", "Émile", "Fátima", "Grzegorz", "Hồng", "Iñaki", "Jürgen"]


def _students(count):
    return [
        student(
            f"{FIRST[i % len(FIRST)]}{i:02d} {NAMES[i % 3].split(' ', 1)[1]}",
            n=i + 1,
            guardians=(guardian(language="es" if i % 2 else "en", n=i),),
        )
        for i in range(count)
    ]


def _name(kid):
    return f"{kid.first_name} {kid.last_name}"


@pytest.mark.slow
def test_thirty_students_each_on_their_own_pages_in_order():
    kids = _students(30)
    pdf = render("packet", students=kids, site=SITE, printed_on=PRINTED_ON, lang="en")
    pages = page_texts(pdf)
    single = len(reader(render("consent", lang="en", student=kids[0], site=SITE,
                               printed_on=PRINTED_ON)).pages)  # fmt: skip
    assert len(pages) == 30 * single
    for index, kid in enumerate(kids):
        block = pages[index * single : (index + 1) * single]
        assert _name(kid) in block[0]
        assert all(_name(other) not in "".join(block) for other in kids if other is not kid)
        for number, text in enumerate(block, start=1):
            assert f"Page {number} of {single}" in text


def test_each_family_gets_its_own_language_unless_one_is_forced():
    kids = _students(4)
    pdf = render("packet", students=kids, site=SITE, printed_on=PRINTED_ON)
    pages = [normalize(p) for p in page_texts(pdf)]
    single = len(pages) // 4
    titles = {lang: Texts("consent", lang).plain("title") for lang in ("en", "es")}
    for index in range(4):
        expected = "es" if index % 2 else "en"
        assert titles[expected] in pages[index * single]
    forced = [
        normalize(p)
        for p in page_texts(
            render("packet", students=kids, site=SITE, printed_on=PRINTED_ON, lang="es")
        )
    ]
    assert all(titles["es"] in forced[i * single] for i in range(4))


def test_packet_of_three_is_deterministic_and_named_without_data():
    kids = _students(3)
    first = render("packet", students=kids, site=SITE, printed_on=PRINTED_ON)
    assert render("packet", students=kids, site=SITE, printed_on=PRINTED_ON) == first
    meta = reader(first).metadata
    assert meta.title == Texts("packet", "en").plain("title")


def test_an_empty_packet_is_a_programming_error():
    with pytest.raises(ValueError, match="at least one student"):
        render("packet", students=[], site=SITE, printed_on=PRINTED_ON)
