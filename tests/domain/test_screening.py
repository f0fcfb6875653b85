"""The generic screening engine: validation, skip logic, partial answers, flags, ages."""

from __future__ import annotations

import copy
import dataclasses
import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_desktop.domain import screening
from clinic_desktop.domain.screening import (
    InstrumentDefinitionError,
    Severity,
    UnknownInstrumentError,
    instrument_ids,
    instruments_for_age,
    list_instruments,
    load_instrument,
    score,
)
from clinic_desktop.domain.screening_parse import parse_instrument
from clinic_desktop.errors import ClinicError, ValidationError
from clinic_desktop.resources import resource_path

NO_USE = {"a1": 0, "a2": 0, "a3": 0}


def phq9(*values: int) -> dict[str, int]:
    return {f"q{n}": v for n, v in enumerate(values, start=1)}


def raw(instrument_id: str) -> dict:
    path = resource_path("instruments", f"{instrument_id}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def reasons(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {e.field: e.reason for e in exc.value.errors}


# --- instruments and their ids -------------------------------------------------------


def test_the_eight_instruments_ship():
    assert instrument_ids() == (
        "asq",
        "crafft",
        "gad7",
        "phq2",
        "phq9",
        "phqa",
        "psc17_parent",
        "psc17_youth",
    )
    assert [i.id for i in list_instruments()] == list(instrument_ids())


def test_load_instrument_is_cached():
    assert load_instrument("phq9") is load_instrument("phq9")


@pytest.mark.parametrize("bad_id", ["nope", "PHQ9", "../phq9", "phq9.json", "", "instrument"])
def test_unknown_instrument_is_a_clear_validation_error(bad_id):
    with pytest.raises(UnknownInstrumentError) as caught:
        score(bad_id, {})
    assert isinstance(caught.value, ValidationError)
    assert isinstance(caught.value, ClinicError)
    reason = caught.value.for_field("instrument")
    assert reason is not None
    assert "phq9" in reason


# --- rejecting bad answers -----------------------------------------------------------


def test_unknown_items_are_rejected_by_name():
    with pytest.raises(ValidationError) as caught:
        score("phq2", {"q1": 0, "q2": 0, "q3": 1, "item9": 2})
    assert set(reasons(caught)) == {"q3", "item9"}
    assert "not an item of the PHQ-2" in reasons(caught)["q3"]


@pytest.mark.parametrize("value", [-1, 4, 99])
def test_out_of_range_choice_values_are_rejected(value):
    with pytest.raises(ValidationError) as caught:
        score("phq9", phq9(0, 0, 0, 0, 0, 0, 0, 0, value))
    assert reasons(caught) == {"q9": "must be one of 0, 1, 2, 3"}


@pytest.mark.parametrize("value", [True, 1.0, "1", [1]])
def test_non_integer_values_are_rejected(value):
    with pytest.raises(ValidationError) as caught:
        score("phq2", {"q1": value, "q2": 0})
    assert reasons(caught) == {"q1": "must be a whole number"}


def test_number_items_have_a_range():
    with pytest.raises(ValidationError) as caught:
        score("crafft", {"a1": 366, "a2": -1, "a3": 0, "b1": 0})
    assert reasons(caught) == {
        "a1": "must be between 0 and 365",
        "a2": "must be between 0 and 365",
    }


def test_every_problem_is_reported_at_once():
    with pytest.raises(ValidationError) as caught:
        score("asq", {"q1": 5, "q2": "yes", "q9": 1})
    assert set(reasons(caught)) == {"q1", "q2", "q9"}


def test_none_means_blank():
    result = score("phq2", {"q1": 1, "q2": None})
    assert result.complete is False
    assert result.missing == ("q2",)


# --- skip logic ------------------------------------------------------------------------


def ids(items) -> list[str]:
    return [i.id for i in items]


def test_crafft_asks_only_car_when_all_days_are_zero():
    crafft = load_instrument("crafft")
    assert ids(crafft.items_to_ask(NO_USE)) == ["a1", "a2", "a3", "b1"]
    assert ids(crafft.items_to_ask({**NO_USE, "a3": 1})) == [
        "a1",
        "a2",
        "a3",
        "b1",
        "b2",
        "b3",
        "b4",
        "b5",
        "b6",
    ]


def test_questions_that_may_still_apply_are_shown():
    # With Part A unanswered nobody knows yet whether Part B is asked: show it.
    assert len(load_instrument("crafft").items_to_ask({})) == 9
    assert "q5" in ids(load_instrument("asq").items_to_ask({"q1": 0}))


def test_asq_acuity_question_only_after_a_yes_or_a_refusal():
    asq = load_instrument("asq")
    negative = {"q1": 0, "q2": 0, "q3": 0, "q4": 0}
    assert ids(asq.items_to_ask(negative)) == ["q1", "q2", "q3", "q4"]
    assert ids(asq.items_to_ask({**negative, "q2": 1}))[-1] == "q5"
    assert ids(asq.items_to_ask({**negative, "q4": 2}))[-1] == "q5"


def test_items_not_asked_do_not_count_as_missing():
    result = score("crafft", {**NO_USE, "b1": 0})
    assert result.complete is True
    assert result.total == 0
    asq = score("asq", {"q1": 0, "q2": 0, "q3": 0, "q4": 0})
    assert asq.complete is True
    assert asq.band == "negative"


def test_optional_items_do_not_count_as_missing():
    result = score("phq9", phq9(1, 0, 0, 0, 0, 0, 0, 0, 0))
    assert result.complete is True
    assert "q10" in ids(load_instrument("phq9").items_to_ask(phq9(1, 0, 0, 0, 0, 0, 0, 0, 0)))


def test_an_answer_to_a_skipped_question_is_rejected():
    with pytest.raises(ValidationError) as caught:
        score("crafft", {**NO_USE, "b1": 0, "b2": 0, "b6": 1})
    assert set(reasons(caught)) == {"b2", "b6"}
    assert "must be left blank" in reasons(caught)["b2"]


def test_skip_logic_follows_refusal():
    result = score("asq", {"q1": 0, "q2": 2, "q3": 0, "q4": 0})
    assert result.complete is False
    assert result.missing == ("q5",)


# --- partial answers -------------------------------------------------------------------


def test_a_yes_to_asq_q1_counts_even_if_q2_is_blank():
    result = score("asq", {"q1": 1})
    assert result.complete is False
    assert result.band is None
    assert result.flag_ids == ("asq_positive",)
    assert result.flags[0].severity is Severity.URGENT
    assert result.missing == ("q2", "q3", "q4", "q5")


def test_incomplete_means_no_band_and_no_total_but_critical_flags():
    result = score("phq9", {"q9": 1})
    assert (result.complete, result.total, result.band) == (False, None, None)
    assert result.flag_ids == ("self_harm_thoughts",)


def test_flags_that_could_still_be_undone_are_not_raised():
    # 12 from four items: the rest could still push the total past 19 (severe), so the
    # "10-19" flag is undecided; no more than 21 is reachable, so not yet severe either.
    result = score("phq9", {"q1": 3, "q2": 3, "q3": 3, "q4": 3})
    assert result.flag_ids == ()


def test_subscales_are_known_as_soon_as_their_items_are():
    result = score("psc17_parent", {"q2": 1, "q6": 1, "q9": 1, "q11": 1, "q15": 0})
    assert result.subscales == {"internalizing": 4, "attention": None, "externalizing": None}
    assert result.total is None


# --- flags -------------------------------------------------------------------------------


def test_acute_asq_supersedes_the_non_acute_flag():
    result = score("asq", {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 1})
    assert result.band == "acute_positive"
    assert result.flag_ids == ("asq_acute",)
    flag = result.flags[0]
    assert flag.severity is Severity.ACUTE
    assert "STAT" in flag.required_action
    assert "in sight" in flag.required_action


def test_a_yes_to_the_acuity_question_is_never_ignored():
    # Recorded before the screening questions (or with them blank): still imminent risk.
    result = score("asq", {"q5": 1})
    assert result.flag_ids == ("asq_acute",)
    assert result.complete is False


def test_flags_come_most_severe_first():
    result = score(
        "crafft",
        {"a1": 3, "a2": 0, "a3": 0, "b1": 1, "b2": 1, **dict.fromkeys(["b3", "b4", "b5", "b6"], 0)},
    )
    assert result.flag_ids == ("crafft_high_risk", "crafft_car")
    assert [f.severity for f in result.flags] == [Severity.URGENT, Severity.ROUTINE]


def test_flag_texts_come_in_the_language_asked_for():
    english = score("phq9", {"q9": 2})
    spanish = score("phq9", {"q9": 2}, lang="es")
    assert english.flag_ids == spanish.flag_ids
    assert "suicide" in english.flags[0].required_action
    assert "suicidio" in spanish.flags[0].required_action


def test_an_unsupported_language_is_refused():
    with pytest.raises(ValidationError) as caught:
        score("phq9", {}, lang="fr")
    assert reasons(caught) == {"language": "must be one of en, es"}


def test_results_cannot_be_changed():
    result = score("psc17_youth", {f"q{n}": 0 for n in range(1, 18)})
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.band = "positive"  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.subscales["attention"] = 9  # type: ignore[index]


# --- ages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (3, []),
        (8, ["psc17_parent"]),
        (10, ["asq", "psc17_parent"]),
        (11, ["asq", "gad7", "phqa", "psc17_parent", "psc17_youth"]),
        (
            12,
            ["asq", "crafft", "gad7", "phq2", "phq9", "phqa", "psc17_parent", "psc17_youth"],
        ),
        (17, ["asq", "crafft", "gad7", "phq2", "phq9", "phqa", "psc17_youth"]),
        (19, ["asq", "crafft", "gad7", "phq2", "phq9", "psc17_youth"]),
        (22, ["asq", "gad7", "phq2", "phq9", "psc17_youth"]),
    ],
)
def test_instruments_for_age(age, expected):
    assert [i.id for i in instruments_for_age(age)] == expected


# --- printing --------------------------------------------------------------------------


def test_printable_text_has_every_item_option_and_the_licence_line():
    for instrument in list_instruments():
        for lang in ("en", "es"):
            text = instrument.text(lang)
            printed = [i for s in text.sections for i in s.items]
            assert [i.id for i in printed] == [i.id for i in instrument.items]
            assert text.title and text.instructions and text.notice
            for item, source in zip(printed, instrument.items, strict=True):
                assert item.text
                if source.kind == "choice":
                    assert len(item.options) >= 2
                else:
                    assert item.unit


def test_clinician_only_codes_are_not_printed():
    asq = load_instrument("asq").text("en")
    q1 = asq.sections[0].items[0]
    assert q1.options == ((1, "Yes"), (0, "No"))
    assert asq.sections[1].instructions.startswith("If the patient answers Yes")


# --- broken instrument definitions are packaging bugs ----------------------------------


def test_band_gaps_are_refused():
    data = copy.deepcopy(raw("gad7"))
    data["banding"]["bands"][1]["min"] = 6
    with pytest.raises(InstrumentDefinitionError, match="gap"):
        parse_instrument(data)


def test_bands_must_reach_the_highest_score():
    data = copy.deepcopy(raw("phq2"))
    data["banding"]["bands"][1]["max"] = 5
    with pytest.raises(InstrumentDefinitionError, match="can reach 6"):
        parse_instrument(data)


def test_skip_logic_may_only_look_back():
    data = copy.deepcopy(raw("crafft"))
    data["items"][0]["ask_when"] = {"item": "b1", "op": "==", "value": 1}
    with pytest.raises(InstrumentDefinitionError, match="earlier items"):
        parse_instrument(data)


def test_scores_must_add_known_required_items():
    data = copy.deepcopy(raw("phq9"))
    data["scores"][0]["sum"].append("q10")
    with pytest.raises(InstrumentDefinitionError, match="optional item q10"):
        parse_instrument(data)


@pytest.fixture
def instrument_folder(tmp_path, monkeypatch):
    """A private copy of the instruments folder that load_instrument reads instead."""
    folder = tmp_path / "instruments"
    shutil.copytree(resource_path("instruments"), folder)
    monkeypatch.setattr(screening, "resource_path", lambda *p: tmp_path.joinpath(*p))
    load_instrument.cache_clear()
    yield folder
    load_instrument.cache_clear()


def test_a_file_breaking_the_schema_is_refused(instrument_folder):
    data = raw("phq2")
    del data["items"][0]["text"]["es"]
    (instrument_folder / "phq2.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InstrumentDefinitionError, match=r"phq2\.json at items/0/text"):
        load_instrument("phq2")


def test_a_file_must_declare_its_own_id(instrument_folder):
    (instrument_folder / "copy.json").write_text(json.dumps(raw("phq2")), encoding="utf-8")
    with pytest.raises(InstrumentDefinitionError, match="declares id 'phq2'"):
        load_instrument("copy")


# --- properties ------------------------------------------------------------------------


@st.composite
def complete_answers(draw, instrument_id: str) -> dict[str, int]:
    """A random complete, valid answer set: each asked item answered, skipped ones left out."""
    instrument = load_instrument(instrument_id)
    answers: dict[str, int] = {}
    for item in instrument.items:
        asked = item.id in ids(instrument.items_to_ask(answers))
        if asked and (item.required or draw(st.booleans())):
            answers[item.id] = draw(st.sampled_from(item.possible_values()))
    return answers


@pytest.mark.parametrize("instrument_id", instrument_ids())
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_complete_answers_are_scored_by_the_sum_rule(instrument_id, data):
    instrument = load_instrument(instrument_id)
    answers = data.draw(complete_answers(instrument_id))
    result = instrument.score(answers)
    assert result.complete
    assert result.missing == ()
    sums = {s.id: sum(answers.get(i, 0) for i in s.items) for s in instrument.scores}
    assert result.total == sums.get("total")
    assert dict(result.subscales) == {k: v for k, v in sums.items() if k != "total"}
    if instrument.band_score:
        value = sums[instrument.band_score]
        containing = [b.id for b in instrument.bands if b.minimum <= value <= b.maximum]
        assert containing == [result.band]
    else:
        assert result.band in {b.id for b in instrument.bands}


@pytest.mark.parametrize(
    "instrument_id", [i for i in instrument_ids() if load_instrument(i).band_score]
)
def test_band_ranges_partition_the_possible_totals(instrument_id):
    instrument = load_instrument(instrument_id)
    rule = next(s for s in instrument.scores if s.id == instrument.band_score)
    items = [instrument.item(i) for i in rule.items]
    low = sum(min(i.possible_values()) for i in items)
    high = sum(max(i.possible_values()) for i in items)
    for value in range(low - 3, high + 4):
        containing = [b for b in instrument.bands if b.minimum <= value <= b.maximum]
        assert len(containing) == (1 if low <= value <= high else 0), value


@settings(max_examples=200, deadline=None)
@given(
    answers=st.dictionaries(
        st.sampled_from(["q1", "q2", "q3", "q4", "q5"]), st.sampled_from([0, 1, 2])
    )
)
def test_asq_partial_answers_never_flag_less_than_any_completion(answers):
    """Flags raised on partial answers stay raised however the blanks are filled in."""
    answers = {k: v for k, v in answers.items() if not (k == "q5" and v == 2)}
    try:
        partial = score("asq", answers)
    except ValidationError:
        return  # q5 answered although every answer given so far is "no"
    for fill in (0, 1, 2):
        completed = {f"q{n}": answers.get(f"q{n}", fill) for n in range(1, 5)}
        if any(v in (1, 2) for v in completed.values()):
            completed["q5"] = answers.get("q5", 0)
        elif "q5" in answers:
            continue  # not a completion of these answers: q5 would not have been asked
        full = score("asq", completed)
        raised = set(partial.flag_ids)
        if "asq_acute" in full.flag_ids:
            raised.discard("asq_positive")  # superseded, its action included
        assert raised <= set(full.flag_ids)


# --- instrument corrections (issue 16) -------------------------------------------------

PSC17_ATTENTION_ONLY = {f"q{n}": 0 for n in range(1, 18)} | {"q1": 2, "q3": 2, "q7": 2, "q13": 1}


@pytest.mark.parametrize("instrument_id", ["psc17_parent", "psc17_youth"])
def test_psc17_a_subscale_at_its_cutoff_is_positive_and_says_which(instrument_id):
    english = score(instrument_id, PSC17_ATTENTION_ONLY)
    spanish = score(instrument_id, PSC17_ATTENTION_ONLY, lang="es")
    assert (english.total, english.band) == (7, "positive")
    assert english.flag_ids == spanish.flag_ids == ("psc17_attention",)
    assert "Attention subscale 7 or more" in english.flags[0].message
    assert "Subescala de atención de 7 o más" in spanish.flags[0].message
    label = load_instrument(instrument_id).band_text("positive")
    assert "subscale" in label.en and "subescala" in label.es


@pytest.mark.parametrize("instrument_id", ["psc17_parent", "psc17_youth"])
def test_psc17_below_every_cutoff_is_negative(instrument_id):
    answers = {f"q{n}": 0 for n in range(1, 18)} | {"q1": 2, "q3": 2, "q7": 2}
    result = score(instrument_id, answers)
    assert (result.total, result.band, result.flag_ids) == (6, "negative", ())


def test_psc17_cites_the_published_rule_for_its_band():
    basis = raw("psc17_parent")["banding"]["basis"]
    assert "Jellinek" in basis and "Murphy" in basis
    for cutoff in ("15", "internalizing 5", "attention 7", "externalizing 7"):
        assert cutoff in basis


def test_phqa_difficulty_answer_is_kept_but_not_scored_with_no_problem():
    answers = {f"q{n}": 0 for n in range(1, 10)} | {"x1": 0, "x2": 1, "x3": 0, "x4": 0}
    result = score("phqa", answers)
    assert (result.complete, result.total, result.band) == (True, 0, "minimal")
    assert "x2" in ids(load_instrument("phqa").items_to_ask(answers))


@pytest.mark.parametrize(
    ("instrument_id", "problems", "difficulty"),
    [
        ("phq9", [f"q{n}" for n in range(1, 10)], "q10"),
        ("gad7", [f"q{n}" for n in range(1, 8)], "q8"),
    ],
)
def test_difficulty_answer_is_kept_but_not_scored_with_no_problem(
    instrument_id, problems, difficulty
):
    """As for the PHQ-A: paper forms often carry a difficulty answer with nothing checked."""
    answers = dict.fromkeys(problems, 0) | {difficulty: 2}
    result = score(instrument_id, answers)
    assert (result.complete, result.total, result.band) == (True, 0, "minimal")
    assert difficulty in ids(load_instrument(instrument_id).items_to_ask(answers))
    with_problem = score(instrument_id, answers | {problems[0]: 1})
    assert with_problem.total == 1  # the difficulty answer never adds to the total


def test_spanish_gad7_reads_as_the_us_spanish_form():
    text = load_instrument("gad7").text("es")
    stem = (
        "Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a "
        "los siguientes problemas?"
    )
    assert text.instructions == stem
    assert text.sections[0].items[0].options[0] == (0, "Ningún día")


@pytest.mark.parametrize("instrument_id", ["phq9", "phq2"])
def test_spanish_phq_notice_reads_as_published(instrument_id):
    assert load_instrument(instrument_id).text("es").notice == (
        "Elaborado por los doctores Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke y "
        "colegas, mediante una subvención educativa otorgada por Pfizer Inc. No se requiere "
        "permiso para reproducir, traducir, presentar o distribuir."
    )
