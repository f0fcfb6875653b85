"""Published scoring, case by case: tests/data/screening_vectors.json against the engine.

The expected totals, bands and flags in the vectors file were worked out by hand from the
published rules it cites; these tests also check that the file keeps covering every band
boundary on both sides, every flag, and incomplete answers for every instrument.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from clinic_desktop.domain.screening import instrument_ids, load_instrument, score
from clinic_desktop.errors import ValidationError

VECTORS = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "screening_vectors.json").read_text("utf-8")
)
CASES = VECTORS["cases"]


def _id(case: dict) -> str:
    return f"{case['instrument']}: {case['name']}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_vector(case):
    expect = case["expect"]
    if "error_fields" in expect:
        with pytest.raises(ValidationError) as caught:
            score(case["instrument"], case["answers"])
        assert sorted(e.field for e in caught.value.errors) == expect["error_fields"]
        return
    result = score(case["instrument"], case["answers"])
    assert result.complete is expect["complete"]
    assert result.total == expect["total"]
    assert result.band == expect["band"]
    assert sorted(result.flag_ids) == expect["flags"]
    if "subscales" in expect:
        assert dict(result.subscales) == expect["subscales"]


def test_every_instrument_has_at_least_six_cases_and_a_cited_source():
    counts = Counter(c["instrument"] for c in CASES)
    assert set(counts) == set(instrument_ids())
    assert min(counts.values()) >= 6
    assert set(VECTORS["sources"]) == set(instrument_ids())


@pytest.mark.parametrize("instrument_id", instrument_ids())
def test_every_band_and_flag_is_covered(instrument_id):
    instrument = load_instrument(instrument_id)
    scored = [c["expect"] for c in CASES if c["instrument"] == instrument_id]
    bands = {e.get("band") for e in scored}
    flags = {f for e in scored for f in e.get("flags", [])}
    assert {b.id for b in instrument.bands} <= bands
    assert {r.id for r in instrument.flag_rules} <= flags


@pytest.mark.parametrize("instrument_id", instrument_ids())
def test_incomplete_answers_are_covered(instrument_id):
    incomplete = [
        c
        for c in CASES
        if c["instrument"] == instrument_id and c["expect"].get("complete") is False
    ]
    assert incomplete, "each instrument needs an incomplete case"
    assert any(c["expect"]["flags"] for c in incomplete), "and one that still raises a flag"


@pytest.mark.parametrize(
    "instrument_id", [i for i in instrument_ids() if load_instrument(i).band_score]
)
def test_every_band_boundary_is_covered_on_both_sides(instrument_id):
    instrument = load_instrument(instrument_id)
    totals = {
        c["expect"]["total"]
        for c in CASES
        if c["instrument"] == instrument_id and c["expect"].get("complete")
    }
    for lower, upper in zip(instrument.bands, instrument.bands[1:], strict=False):
        assert lower.maximum in totals, f"no case at the top of {lower.id}"
        assert upper.minimum in totals, f"no case at the bottom of {upper.id}"


@pytest.mark.parametrize("instrument_id", ["phq9", "phqa", "gad7", "asq", "crafft"])
def test_invalid_answers_are_covered(instrument_id):
    errors = [
        c for c in CASES if c["instrument"] == instrument_id and "error_fields" in c["expect"]
    ]
    assert errors
