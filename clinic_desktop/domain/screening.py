"""Standardized screenings (PHQ-9, PHQ-A, PHQ-2, GAD-7, ASQ, PSC-17, CRAFFT): the public API.

Each instrument is a data file in ``resources/instruments/<id>.json``, validated against
``instrument.schema.json`` that ships beside it; the engine here is generic and reads
everything — items, values, skip logic, scores, bands, risk flags, texts — from the file.
Services, the UI, printed forms and the sync exporter all go through these functions, so a
correction to an instrument is made once, in its file, and reviewed by a clinician there.

Conventions other code relies on: answers map item ids (``q1``..``qN`` in published order;
CRAFFT ``a1``-``a3`` and ``b1``-``b6``; PHQ-A extra questions ``x1``-``x4``) to the numeric
option values; yes/no items are 1/0; a blank answer is simply left out (or None).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from clinic_desktop.domain.fields import check_text, clean_text
from clinic_desktop.domain.screening_model import (
    LANGUAGES,
    Band,
    Flag,
    FlagRule,
    Instrument,
    InstrumentDefinitionError,
    InstrumentText,
    Item,
    ItemText,
    Option,
    ScreeningResult,
    SectionText,
    Severity,
)
from clinic_desktop.domain.screening_parse import parse_instrument
from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.messages import Localized, msg
from clinic_desktop.resources import resource_path

__all__ = [
    "LANGUAGES",
    "SCHEMA_FILE",
    "Band",
    "Flag",
    "Instrument",
    "InstrumentDefinitionError",
    "InstrumentText",
    "Item",
    "ItemText",
    "Option",
    "ScreeningResult",
    "ScreeningStatus",
    "SectionText",
    "Severity",
    "UnknownInstrumentError",
    "checked_discard_reason",
    "checked_text_answers",
    "instrument_ids",
    "instruments_for_age",
    "list_instruments",
    "load_instrument",
    "load_schema",
    "score",
]

#: The JSON Schema every instrument file must satisfy, in the same folder.
SCHEMA_FILE = "instrument.schema.json"
_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")
#: Longest free-text follow-up ("If yes, how? When?") and discard reason accepted.
MAX_TEXT_ANSWER_LENGTH = 2000
MAX_DISCARD_REASON_LENGTH = 1000


class ScreeningStatus(StrEnum):
    """Where a saved screening stands (stored strings: never change them).

    in_progress: saved while the student is still answering, because an answer raised a
    flag (a flag is on record the moment it is raised); complete: the clinician saved it;
    discarded: abandoned with a reason after a flag was raised (the flags stay open).
    """

    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    DISCARDED = "discarded"


class UnknownInstrumentError(ValidationError):
    """An instrument id that no shipped file defines (the message lists the known ones)."""

    def __init__(self) -> None:
        known = ", ".join(instrument_ids())
        super().__init__(
            [FieldError("instrument", msg("is not a known screening ({known})", known=known))]
        )


def instrument_ids() -> tuple[str, ...]:
    """Ids of every shipped instrument, sorted; the file names are the ids."""
    folder = resource_path("instruments")
    return tuple(sorted(p.stem for p in folder.glob("*.json") if p.name != SCHEMA_FILE))


@cache
def load_schema() -> dict[str, Any]:
    """The instrument JSON Schema (draft 2020-12), read once."""
    return json.loads(resource_path("instruments", SCHEMA_FILE).read_text(encoding="utf-8"))


@cache
def load_instrument(instrument_id: str) -> Instrument:
    """The parsed, checked instrument; cached because files never change while running.

    UnknownInstrumentError for an id with no file; InstrumentDefinitionError when a
    shipped file breaks the schema or its own references (a packaging bug).
    """
    if not _ID.fullmatch(instrument_id) or instrument_id not in instrument_ids():
        raise UnknownInstrumentError()
    path = resource_path("instruments", f"{instrument_id}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(load_schema()).iter_errors(data), key=str)
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise InstrumentDefinitionError(
            msg(
                "{name} at {where}: {message}",
                name=path.name,
                where=where or "/",
                message=errors[0].message,
            )
        )
    if data["id"] != instrument_id:
        raise InstrumentDefinitionError(
            msg("{name} declares id {data}", name=path.name, data=repr(data["id"]))
        )
    return parse_instrument(data)


def list_instruments() -> list[Instrument]:
    """Every shipped instrument, sorted by id."""
    return [load_instrument(i) for i in instrument_ids()]


def stored_flag_texts(
    flag_id: str, message: str, required_action: str, instrument_id: str | None = None
) -> tuple[Localized, Localized]:
    """A raised flag's message and required action in every language its instrument has.

    A flag row keeps its rule's ``flag_id`` and the English texts (for the CLI and the
    batches); the reader sees the instrument file's text in their language. Ids repeat
    across instruments (PHQ-9 and PHQ-A both raise ``self_harm_thoughts``), so without the
    instrument the stored English decides. A rule no instrument defines any more keeps its
    stored English.
    """
    by_instrument, by_english = _flag_rules()
    rule = (
        by_instrument.get((instrument_id, flag_id))
        if instrument_id
        else by_english.get((flag_id, message))
    )
    if rule is None:
        return Localized({"en": message}), Localized({"en": required_action})
    return rule.message.localized(), rule.required_action.localized()


@cache
def _flag_rules() -> tuple[dict[tuple[str, str], FlagRule], dict[tuple[str, str], FlagRule]]:
    """Every instrument's flag rules by (instrument id, flag id) and by (flag id, English)."""
    rules = [(i.id, r) for i in list_instruments() for r in i.flag_rules]
    by_instrument = {(i, r.id): r for i, r in rules}
    by_english = {(r.id, r.message.en): r for _i, r in rules}
    return by_instrument, by_english


def instruments_for_age(age: int) -> list[Instrument]:
    """Instruments validated for a student of ``age`` whole years, sorted by id."""
    return [i for i in list_instruments() if i.applies_to_age(age)]


def score(
    instrument_id: str, answers: Mapping[str, object], *, lang: str = "en"
) -> ScreeningResult:
    """Score ``answers`` with the named instrument; flag texts come in ``lang``.

    ValidationError names every unknown item, out-of-range value, or answer given to a
    question the skip logic leaves out. Missing answers are not an error: the result is
    then incomplete (no band, no total) but still raises every flag the given answers
    already decide, so a critical answer is never held back by a blank elsewhere.
    """
    return load_instrument(instrument_id).score(answers, lang)


def checked_text_answers(
    instrument: Instrument, answers: Mapping[str, object], text_answers: Mapping[str, object]
) -> dict[str, str]:
    """The free-text follow-ups worth storing (trimmed, NFC, blanks left out).

    Only items whose instrument file asks for one (``detail_prompt``: the ASQ's "If yes,
    how? When?" and "If yes, please describe") take text, and only while the item is
    asked after ``answers``. ValidationError names every refused entry.
    """
    with_prompt = {i.id for i in instrument.items if i.detail_prompt is not None}
    asked = {i.id for i in instrument.items_to_ask(answers)}
    errors: list[FieldError] = []
    kept: dict[str, str] = {}
    for item_id, raw in text_answers.items():
        field = f"text_{item_id}"
        if item_id not in with_prompt:
            reason = msg(
                "is not a question of the {short_name} with a written answer",
                short_name=instrument.short_name,
            )
            errors.append(FieldError(field, reason))
            continue
        if raw is None:
            continue
        if not isinstance(raw, str):
            errors.append(FieldError(field, "must be text"))
            continue
        text = clean_text(raw)
        problem = check_text(text, max_length=MAX_TEXT_ANSWER_LENGTH, multiline=True)
        if problem is None and text and item_id not in asked:
            problem = "must be left blank: it is not asked after these answers"
        if problem is not None:
            errors.append(FieldError(field, problem))
        elif text:
            kept[item_id] = text
    if errors:
        raise ValidationError(errors)
    return kept


def checked_discard_reason(reason: str | None) -> str:
    """Why a screening that raised a flag is abandoned: required, one paragraph at most."""
    text = clean_text(reason)
    problem = check_text(text, required=True, max_length=MAX_DISCARD_REASON_LENGTH, multiline=True)
    if problem is not None:
        raise ValidationError([FieldError("reason", problem)])
    return text
