"""Reading instrument files into ``Instrument`` objects, and checking what a schema cannot.

The JSON Schema guarantees shape; this module guarantees meaning: every reference points
at something that exists, skip logic only looks back (so it can never loop), scores add
only required items, and range bands cover every reachable score exactly once. A shipped
file failing here is a packaging bug, reported as ``InstrumentDefinitionError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from clinic_desktop.domain.screening_logic import (
    parse_condition,
    referenced_items,
    referenced_scores,
)
from clinic_desktop.domain.screening_model import (
    Band,
    FlagRule,
    Instrument,
    InstrumentDefinitionError,
    Item,
    Option,
    ScoreRule,
    Section,
    Severity,
    Text,
)
from clinic_desktop.messages import msg

__all__ = ["parse_instrument", "score_range"]


def parse_instrument(data: Mapping[str, object]) -> Instrument:
    """Build an ``Instrument`` from a schema-valid file and check what a schema cannot
    (references, order, band coverage). InstrumentDefinitionError names the problem."""
    d = _Reader(data)
    option_sets = {k: _options(v) for k, v in d.mapping("option_sets").items()}
    items = tuple(_item(_Reader(raw), option_sets) for raw in d.array("items"))
    banding = _Reader(d.get("banding"))
    instrument = Instrument(
        id=d.string("id"),
        version=d.string("version"),
        short_name=d.string("short_name"),
        title=_text(d.get("title")),
        instructions=_text(d.get("instructions")),
        notice=_text(_Reader(d.get("licence")).get("notice")),
        edition=_Reader(d.get("source")).string("edition"),
        min_age=int(_Reader(d.get("age")).get("min")),  # type: ignore[call-overload]
        max_age=_Reader(d.get("age")).optional_int("max"),
        respondent=d.string("respondent"),
        administered_by=d.string("administered_by"),
        items=items,
        sections=_sections(d, items),
        scores=tuple(_score(_Reader(raw)) for raw in d.array("scores")),
        band_score=banding.optional_string("score"),
        bands=tuple(_band(_Reader(raw)) for raw in banding.array("bands")),
        flag_rules=tuple(_flag(_Reader(raw)) for raw in d.array("flags")),
        loinc_panel=_Reader(_Reader(d.get("codes")).get("loinc")).optional_string("panel"),
        cpt=_Reader(_Reader(d.get("codes")).get("billing")).string("cpt"),
        notes=tuple(_text(n) for n in d.array("notes")),
        official_languages=frozenset(
            str(lang) for lang in _Reader(d.get("source")).array("official_languages")
        ),
    )
    _check(instrument)
    return instrument


class _Reader:
    """Typed access to one JSON object, so parsing code reads as plainly as the file."""

    def __init__(self, data: object) -> None:
        self.data: Mapping[str, object] = data  # type: ignore[assignment]

    def get(self, key: str) -> object:
        return self.data[key]

    def string(self, key: str) -> str:
        return str(self.data[key])

    def optional_string(self, key: str) -> str | None:
        value = self.data.get(key)
        return None if value is None else str(value)

    def optional_int(self, key: str) -> int | None:
        value = self.data.get(key)
        return None if value is None else int(value)  # type: ignore[call-overload]

    def array(self, key: str) -> list[object]:
        return list(self.data.get(key, []))  # type: ignore[call-overload]

    def mapping(self, key: str) -> Mapping[str, object]:
        return self.data.get(key, {})  # type: ignore[return-value]

    def text(self, key: str) -> Text | None:
        return _text(self.data[key]) if key in self.data else None


def _text(raw: object) -> Text:
    data: Mapping[str, str] = raw  # type: ignore[assignment]
    return Text(en=data["en"], es=data["es"])


def _options(raw: object) -> tuple[Option, ...]:
    return tuple(
        Option(
            value=int(o["value"]),
            label=_text(o["label"]),
            loinc=o.get("loinc"),
            printed=bool(o.get("printed", True)),
        )
        for o in raw  # type: ignore[attr-defined]
    )


def _item(d: _Reader, option_sets: Mapping[str, tuple[Option, ...]]) -> Item:
    response = _Reader(d.get("response"))
    options: tuple[Option, ...] = ()
    if response.string("kind") == "choice":
        raw = response.get("options")
        if isinstance(raw, str):
            if raw not in option_sets:
                raise InstrumentDefinitionError(
                    msg("item {d}: no option set {raw}", d=d.string("id"), raw=repr(raw))
                )
            options = option_sets[raw]
        else:
            options = _options(raw)
    ask_when = d.data.get("ask_when")
    return Item(
        id=d.string("id"),
        text=_text(d.get("text")),
        kind=response.string("kind"),
        options=options,
        minimum=response.optional_int("min") or 0,
        maximum=response.optional_int("max") or 0,
        unit=response.text("unit"),
        required=bool(d.data.get("required", True)),
        ask_when=parse_condition(ask_when) if ask_when is not None else None,  # type: ignore[arg-type]
        number=d.optional_string("number"),
        detail_prompt=d.text("detail_prompt"),
        loinc=d.optional_string("loinc"),
    )


def _sections(d: _Reader, items: tuple[Item, ...]) -> tuple[Section, ...]:
    raw_sections = d.array("sections")
    if not raw_sections:
        return (Section(id="main", items=tuple(i.id for i in items)),)
    sections = []
    for raw in raw_sections:
        s = _Reader(raw)
        sections.append(
            Section(
                id=s.string("id"),
                items=tuple(str(i) for i in s.array("items")),
                title=s.text("title"),
                instructions=s.text("instructions"),
            )
        )
    return tuple(sections)


def _score(d: _Reader) -> ScoreRule:
    return ScoreRule(
        id=d.string("id"),
        label=_text(d.get("label")),
        items=tuple(str(i) for i in d.array("sum")),
        loinc=d.optional_string("loinc"),
    )


def _band(d: _Reader) -> Band:
    when = d.data.get("when")
    return Band(
        id=d.string("id"),
        label=_text(d.get("label")),
        minimum=d.optional_int("min"),
        maximum=d.optional_int("max"),
        when=parse_condition(when) if when is not None else None,  # type: ignore[arg-type]
    )


def _flag(d: _Reader) -> FlagRule:
    return FlagRule(
        id=d.string("id"),
        severity=Severity(d.string("severity")),
        when=parse_condition(d.get("when")),  # type: ignore[arg-type]
        message=_text(d.get("message")),
        required_action=_text(d.get("required_action")),
        suppressed_by=tuple(str(i) for i in d.array("suppressed_by")),
        suicide_risk=d.data.get("suicide_risk") is True,
    )


# --- consistency checks --------------------------------------------------------------


def _check(instrument: Instrument) -> None:
    problems = [
        *_check_items(instrument),
        *_check_scores(instrument),
        *_check_bands(instrument),
        *_check_flags(instrument),
    ]
    if problems:
        raise InstrumentDefinitionError(
            msg("{id}: {problems}", id=instrument.id, problems="; ".join(problems))
        )


def _check_items(instrument: Instrument) -> Iterable[str]:
    ids = [i.id for i in instrument.items]
    yield from (f"item id {i} is repeated" for i in sorted(set(ids)) if ids.count(i) > 1)
    for position, item in enumerate(instrument.items):
        values = [o.value for o in item.options]
        if len(values) != len(set(values)):
            yield f"item {item.id} repeats an option value"
        if item.kind == "choice" and not values:
            yield f"item {item.id} has no options"
        if item.ask_when is not None:
            earlier = set(ids[:position])
            if not referenced_items(item.ask_when) <= earlier:
                yield f"item {item.id}: ask_when may only read earlier items"
            if referenced_scores(item.ask_when):
                yield f"item {item.id}: ask_when may not read scores"
    in_sections = [i for s in instrument.sections for i in s.items]
    if in_sections != ids:
        yield "sections must list every item once, in item order"


def _check_scores(instrument: Instrument) -> Iterable[str]:
    items = {i.id: i for i in instrument.items}
    score_ids = [s.id for s in instrument.scores]
    if len(score_ids) != len(set(score_ids)):
        yield "score ids are repeated"
    for score in instrument.scores:
        for item_id in score.items:
            if item_id not in items:
                yield f"score {score.id} adds unknown item {item_id}"
            elif not items[item_id].required:
                yield f"score {score.id} adds optional item {item_id}"


def _check_bands(instrument: Instrument) -> Iterable[str]:
    band_ids = [b.id for b in instrument.bands]
    if len(band_ids) != len(set(band_ids)):
        yield "band ids are repeated"
    if instrument.band_score is None:
        if any(b.when is None for b in instrument.bands[:-1]) or instrument.bands[-1].when:
            yield "rule bands need a condition on every band but the last, which has none"
        return
    if instrument.band_score not in {s.id for s in instrument.scores}:
        yield f"bands use unknown score {instrument.band_score}"
        return
    low, high = score_range(instrument, instrument.band_score)
    expected = low
    for band in instrument.bands:
        if band.minimum != expected or band.maximum is None or band.maximum < band.minimum:
            yield f"band {band.id} leaves a gap or overlaps (expected to start at {expected})"
            return
        expected = band.maximum + 1
    if expected != high + 1:
        yield f"bands end at {expected - 1}, but the score can reach {high}"


def _check_flags(instrument: Instrument) -> Iterable[str]:
    flag_ids = {r.id for r in instrument.flag_rules}
    if len(flag_ids) != len(instrument.flag_rules):
        yield "flag ids are repeated"
    item_ids = {i.id for i in instrument.items}
    score_ids = {s.id for s in instrument.scores}
    conditions = [r.when for r in instrument.flag_rules]
    conditions += [b.when for b in instrument.bands if b.when is not None]
    for condition in conditions:
        if not referenced_items(condition) <= item_ids:
            yield "a condition reads an unknown item"
        if not referenced_scores(condition) <= score_ids:
            yield "a condition reads an unknown score"
    for rule in instrument.flag_rules:
        if not set(rule.suppressed_by) <= flag_ids:
            yield f"flag {rule.id} is suppressed by an unknown flag"


def score_range(instrument: Instrument, score_id: str) -> tuple[int, int]:
    """Lowest and highest value a score can take over all complete answer sets.

    Items with skip logic may be left out, which counts as 0, so 0 joins their range.
    """
    rule = next(s for s in instrument.scores if s.id == score_id)
    low = high = 0
    for item_id in rule.items:
        item = instrument.item(item_id)
        values = list(item.possible_values()) + ([0] if item.ask_when is not None else [])
        low += min(values)
        high += max(values)
    return low, high
