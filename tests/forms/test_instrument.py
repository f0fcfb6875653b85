"""Blank screening instruments print every item and option from the instrument file."""

import pytest

from clinic_desktop.domain.screening import instrument_ids, load_instrument
from clinic_desktop.forms import render
from tests.forms.helpers import all_text, normalize, page_size, reader, text_runs


@pytest.mark.parametrize("instrument_id", instrument_ids())
@pytest.mark.parametrize("lang", ["en", "es"])
def test_blank_instrument_prints_everything_in_its_file(instrument_id, lang):
    pdf = render("instrument", lang=lang, instrument_id=instrument_id)
    text = all_text(pdf)
    printed = load_instrument(instrument_id).text(lang)
    assert normalize(printed.title) in text
    assert normalize(printed.instructions) in text
    assert normalize(printed.notice) in text
    for section in printed.sections:
        for item in section.items:
            assert normalize(item.text) in text, item.id
            for _, label in item.options:
                assert normalize(label) in text, (item.id, label)
    for note in printed.notes:
        assert normalize(note.replace("**", "")) in text
    width, _ = page_size(pdf)
    for run in text_runs(pdf):
        assert run.x + run.width <= width - 18, run


def test_grid_instruments_print_one_box_per_option_per_item():
    text = all_text(render("instrument", lang="es", instrument_id="phq9"))
    assert text.count("\u2610") == 10 * 4


def test_instrument_metadata_and_qr_kind_name_the_instrument():
    pdf = render("instrument", lang="es", instrument_id="asq")
    meta = reader(pdf).metadata
    assert meta.title == load_instrument("asq").title.get("es")
    assert "ASQ" in meta["/Keywords"]
    from clinic_desktop.forms.common import FormContext
    from clinic_desktop.forms.instrument import instrument_part

    part = instrument_part(FormContext.create("instrument", "es", None), "asq")
    assert part.decoration.qr.kind == "instrument:asq"
    assert part.decoration.qr.version == load_instrument("asq").version
