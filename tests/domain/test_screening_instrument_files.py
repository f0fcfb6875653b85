"""The instrument files themselves: schema-valid, bilingual, and true to the conventions
other code relies on (item ids, yes = 1, band ids, codes)."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from clinic_desktop.domain.screening import SCHEMA_FILE, instrument_ids, load_instrument
from clinic_desktop.resources import resource_path

FOLDER = resource_path("instruments")
FILES = sorted(p for p in FOLDER.glob("*.json") if p.name != SCHEMA_FILE)

BAND_IDS = {
    "phq9": ["minimal", "mild", "moderate", "moderately_severe", "severe"],
    "phqa": ["minimal", "mild", "moderate", "moderately_severe", "severe"],
    "gad7": ["minimal", "mild", "moderate", "severe"],
    "phq2": ["negative", "positive"],
    "asq": ["acute_positive", "non_acute_positive", "negative"],
    "psc17_parent": ["positive", "negative"],
    "psc17_youth": ["positive", "negative"],
    "crafft": ["high", "moderate", "low"],
}
ITEM_IDS = {
    "phq9": [f"q{n}" for n in range(1, 11)],
    "phqa": [*(f"q{n}" for n in range(1, 10)), "x1", "x2", "x3", "x4"],
    "phq2": ["q1", "q2"],
    "gad7": [f"q{n}" for n in range(1, 9)],
    "asq": ["q1", "q2", "q3", "q4", "q5"],
    "psc17_parent": [f"q{n}" for n in range(1, 18)],
    "psc17_youth": [f"q{n}" for n in range(1, 18)],
    "crafft": ["a1", "a2", "a3", "b1", "b2", "b3", "b4", "b5", "b6"],
}
LOINC = {
    "phq9": ("44249-1", "44261-6"),
    "phqa": ("89206-7", "89204-2"),
    "phq2": ("55757-9", "55758-7"),
    "gad7": ("69737-5", "70274-6"),
}
CRITICAL_FLAGS = {
    "phq9": {"self_harm_thoughts"},
    "phqa": {"self_harm_thoughts", "suicidal_thoughts_past_month", "suicide_attempt_lifetime"},
    "asq": {"asq_positive", "asq_acute"},
    "crafft": {"crafft_high_risk", "crafft_car"},
    "psc17_parent": {"psc17_internalizing", "psc17_attention", "psc17_externalizing"},
    "psc17_youth": {"psc17_internalizing", "psc17_attention", "psc17_externalizing"},
}


def data(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def texts(node, where=""):
    """Every {"en": ..., "es": ...} object in a file, with where it is."""
    if isinstance(node, dict):
        if {"en", "es"} <= set(node):
            yield where, node
        for key, value in node.items():
            yield from texts(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{where}/{index}")


def test_the_schema_is_a_valid_draft_2020_12_schema():
    schema = json.loads((FOLDER / SCHEMA_FILE).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_exactly_the_expected_instruments_ship():
    assert {p.stem for p in FILES} == set(ITEM_IDS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_file_is_schema_valid(path):
    schema = json.loads((FOLDER / SCHEMA_FILE).read_text(encoding="utf-8"))
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(data(path))]
    assert errors == []
    assert data(path)["id"] == path.stem


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_text_is_in_both_languages(path):
    found = list(texts(data(path)))
    assert found
    for where, text in found:
        assert set(text) == {"en", "es"}, where
        assert text["en"].strip(), where
        assert text["es"].strip(), where


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_item_option_and_instruction_is_bilingual(path):
    instrument = load_instrument(path.stem)
    for lang in ("en", "es"):
        assert instrument.instructions.get(lang).strip()
        assert instrument.notice.get(lang).strip()
        for item in instrument.items:
            assert item.text.get(lang).strip(), item.id
            for option in item.options:
                assert option.label.get(lang).strip(), (item.id, option.value)


@pytest.mark.parametrize("instrument_id", instrument_ids())
def test_item_ids_follow_the_published_order_convention(instrument_id):
    assert [i.id for i in load_instrument(instrument_id).items] == ITEM_IDS[instrument_id]


@pytest.mark.parametrize("instrument_id", instrument_ids())
def test_yes_is_one_and_no_is_zero(instrument_id):
    for item in load_instrument(instrument_id).items:
        labels = {o.label.en: o.value for o in item.options}
        if "Yes" in labels:
            assert labels["Yes"] == 1, item.id
            assert labels["No"] == 0, item.id


def test_asq_refusal_is_two_and_is_not_printed():
    asq = load_instrument("asq")
    for item in asq.items[:4]:
        refusal = [o for o in item.options if o.value == 2]
        assert len(refusal) == 1
        assert refusal[0].printed is False
    assert 2 not in asq.item("q5").possible_values()


def test_crafft_days_are_zero_to_365():
    crafft = load_instrument("crafft")
    for item_id in ("a1", "a2", "a3"):
        item = crafft.item(item_id)
        assert (item.kind, item.minimum, item.maximum) == ("number", 0, 365)


@pytest.mark.parametrize("instrument_id", instrument_ids())
def test_band_ids(instrument_id):
    assert [b.id for b in load_instrument(instrument_id).bands] == BAND_IDS[instrument_id]


@pytest.mark.parametrize("instrument_id", sorted(CRITICAL_FLAGS))
def test_critical_flags_are_defined(instrument_id):
    defined = {r.id for r in load_instrument(instrument_id).flag_rules}
    assert CRITICAL_FLAGS[instrument_id] <= defined


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_flag_states_its_basis_and_an_imperative_action(path):
    for flag in data(path)["flags"]:
        assert len(flag["basis"]) > 40, flag["id"]
        assert len(flag["required_action"]["en"]) > 40, flag["id"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_billing_code_and_provenance(path):
    content = data(path)
    assert content["codes"]["billing"]["cpt"] == "96127"
    assert content["source"]["edition"]
    assert content["source"]["translation_es"]
    assert content["licence"]["notice"]["en"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_spanish_is_not_claimed_official_until_checked_word_for_word(path):
    # Every Spanish text here is our own or unverified (see source.translation_es); the
    # screening form warns the clinician whenever it shows a non-official wording.
    instrument = load_instrument(path.stem)
    assert instrument.is_official_in("en")
    assert not instrument.is_official_in("es")


@pytest.mark.parametrize("instrument_id", sorted(LOINC))
def test_known_loinc_codes(instrument_id):
    instrument = load_instrument(instrument_id)
    total = next(s for s in instrument.scores if s.id == "total")
    assert (instrument.loinc_panel, total.loinc) == LOINC[instrument_id]


def test_phq9_item_loinc_codes():
    codes = [i.loinc for i in load_instrument("phq9").items]
    assert codes == [
        "44250-9",
        "44255-8",
        "44259-0",
        "44254-1",
        "44251-7",
        "44258-2",
        "44252-5",
        "44253-3",
        "44260-8",
        "69722-7",
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_loinc_codes_are_well_formed(path):
    text = path.read_text(encoding="utf-8")
    for code in re.findall(r'"(?:loinc|panel)": "([^"]+)"', text):
        assert re.fullmatch(r"(LA)?\d{1,6}-\d", code), code


@pytest.mark.parametrize("instrument_id", instrument_ids())
def test_age_ranges_are_sane(instrument_id):
    instrument = load_instrument(instrument_id)
    assert 0 < instrument.min_age <= (instrument.max_age or 120)
