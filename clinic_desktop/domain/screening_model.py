"""Screening instruments as typed, immutable objects, and the generic scoring engine.

Everything an instrument does — items and their values, skip logic, sums, bands, risk
flags, texts in every language — comes from its data file (``resources/instruments``);
this module knows no instrument by name. That keeps the clinical content reviewable by
clinicians in one place per instrument, and lets the UI, the printed forms and the
scorer agree because they read the same file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from clinic_desktop.domain.screening_logic import (
    Condition,
    EvalContext,
    ItemState,
    ItemStatus,
    evaluate,
)
from clinic_desktop.errors import FieldError, ValidationError
from clinic_desktop.messages import Localized, msg

__all__ = [
    "LANGUAGES",
    "Band",
    "Flag",
    "FlagRule",
    "Instrument",
    "InstrumentDefinitionError",
    "InstrumentText",
    "Item",
    "ItemText",
    "Option",
    "ScoreRule",
    "ScreeningResult",
    "Section",
    "SectionText",
    "Severity",
    "Text",
]

#: Every instrument carries every text in each of these languages.
LANGUAGES: tuple[str, ...] = ("en", "es")


class InstrumentDefinitionError(ValueError):
    """A shipped instrument file is inconsistent: a packaging bug, not a user error."""


class Severity(StrEnum):
    """How fast a flag's required action must happen.

    acute: imminent danger, act now and keep the student in sight; urgent: the action must
    be completed before the student leaves; routine: address in ordinary care.
    """

    ACUTE = "acute"
    URGENT = "urgent"
    ROUTINE = "routine"


_SEVERITY_RANK = {Severity.ACUTE: 0, Severity.URGENT: 1, Severity.ROUTINE: 2}


@dataclass(frozen=True)
class Text:
    """One text in every supported language."""

    en: str
    es: str

    def get(self, lang: str) -> str:
        """The text in ``lang``; an unsupported language is a caller error."""
        return getattr(self, _checked_language(lang))

    def localized(self) -> Localized:
        """Both languages as message data: the UI shows the reader's."""
        return Localized({lang: self.get(lang) for lang in LANGUAGES})


@dataclass(frozen=True)
class Option:
    """A response option. ``printed`` is False for clinician-only codes (ASQ refusal)."""

    value: int
    label: Text
    loinc: str | None = None
    printed: bool = True


@dataclass(frozen=True)
class Item:
    """One question. ``kind`` is "choice" (``options``) or "number" (``minimum``-``maximum``)."""

    id: str
    text: Text
    kind: str
    options: tuple[Option, ...] = ()
    minimum: int = 0
    maximum: int = 0
    unit: Text | None = None
    required: bool = True
    ask_when: Condition | None = None
    number: str | None = None
    detail_prompt: Text | None = None
    loinc: str | None = None

    def possible_values(self) -> tuple[int, ...]:
        """Every acceptable answer value, lowest first."""
        if self.kind == "choice":
            return tuple(sorted(o.value for o in self.options))
        return tuple(range(self.minimum, self.maximum + 1))

    def problem_with(self, value: object) -> str | None:
        """Why ``value`` is not an acceptable answer, or None when it is."""
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        if self.kind == "number" and not self.minimum <= value <= self.maximum:
            return msg("must be between {low} and {high}", low=self.minimum, high=self.maximum)
        if self.kind == "choice" and value not in self.possible_values():
            allowed = ", ".join(str(v) for v in self.possible_values())
            return msg("must be one of {allowed}", allowed=allowed)
        return None


@dataclass(frozen=True)
class ScoreRule:
    """A named score: the sum of the listed items (items not asked count as 0)."""

    id: str
    label: Text
    items: tuple[str, ...]
    loinc: str | None = None


@dataclass(frozen=True)
class Band:
    """A result band: an inclusive range of the banding score, or a rule over answers."""

    id: str
    label: Text
    minimum: int | None = None
    maximum: int | None = None
    when: Condition | None = None


@dataclass(frozen=True)
class FlagRule:
    """A risk or follow-up flag raised when ``when`` is certainly true."""

    id: str
    severity: Severity
    when: Condition
    message: Text
    required_action: Text
    suppressed_by: tuple[str, ...] = ()
    #: A suicide-risk finding (the instrument file says so, with its basis): closing it
    #: needs a note and a recorded action (``domain.risk_actions``).
    suicide_risk: bool = False


@dataclass(frozen=True)
class Flag:
    """A raised flag, its texts in the language asked for."""

    id: str
    severity: Severity
    message: str
    required_action: str


@dataclass(frozen=True)
class ScreeningResult:
    """The outcome of scoring one set of answers.

    ``total`` and each subscale are None until every item they add up is answered (a
    partial sum would understate severity); ``band`` is None until the whole screening is
    complete. ``flags`` are raised from the answers already given, most severe first.
    ``missing`` lists the required items still to answer.
    """

    instrument_id: str
    instrument_version: str
    total: int | None
    subscales: Mapping[str, int | None]
    band: str | None
    complete: bool
    flags: tuple[Flag, ...]
    missing: tuple[str, ...] = ()

    @property
    def flag_ids(self) -> tuple[str, ...]:
        """Ids of the raised flags, in result order."""
        return tuple(f.id for f in self.flags)


@dataclass(frozen=True)
class Section:
    """A printed/rendered group of consecutive items with its own heading and stem."""

    id: str
    items: tuple[str, ...]
    title: Text | None = None
    instructions: Text | None = None


@dataclass(frozen=True)
class ItemText:
    """An item as printed in one language; ``options`` are (value, label) pairs."""

    id: str
    number: str | None
    text: str
    options: tuple[tuple[int, str], ...]
    unit: str | None
    detail_prompt: str | None


@dataclass(frozen=True)
class SectionText:
    """A section as printed in one language."""

    title: str | None
    instructions: str | None
    items: tuple[ItemText, ...]


@dataclass(frozen=True)
class InstrumentText:
    """Everything needed to print a blank copy in one language."""

    lang: str
    title: str
    instructions: str
    sections: tuple[SectionText, ...]
    notes: tuple[str, ...]
    notice: str


@dataclass(frozen=True)
class Instrument:
    """A parsed, checked instrument file. Build with ``parse_instrument``."""

    id: str
    version: str
    short_name: str
    title: Text
    instructions: Text
    notice: Text
    edition: str
    min_age: int
    max_age: int | None
    respondent: str
    administered_by: str
    items: tuple[Item, ...]
    sections: tuple[Section, ...]
    scores: tuple[ScoreRule, ...]
    band_score: str | None
    bands: tuple[Band, ...]
    flag_rules: tuple[FlagRule, ...]
    loinc_panel: str | None
    cpt: str
    notes: tuple[Text, ...] = ()
    #: Languages whose wording is the official published text; any other is the clinic's
    #: own translation, which the screening form says before a student answers it.
    official_languages: frozenset[str] = frozenset()

    # --- lookups ---------------------------------------------------------------------

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError when there is none)."""
        return next(i for i in self.items if i.id == item_id)

    def applies_to_age(self, age: int) -> bool:
        """Whether the instrument is validated for a student of ``age`` whole years."""
        return self.min_age <= age and (self.max_age is None or age <= self.max_age)

    def is_official_in(self, lang: str) -> bool:
        """Whether the ``lang`` wording is the published one (not our own translation)."""
        return lang in self.official_languages

    def band_label(self, band_id: str, lang: str = "en") -> str:
        """The printable label of a band id."""
        return self.band_text(band_id).get(lang)

    def band_text(self, band_id: str) -> Text:
        """A band id's label in every language."""
        return next(b.label for b in self.bands if b.id == band_id)

    def text(self, lang: str) -> InstrumentText:
        """Every printable text in ``lang``, grouped by section, in published order."""
        return InstrumentText(
            lang=_checked_language(lang),
            title=self.title.get(lang),
            instructions=self.instructions.get(lang),
            sections=tuple(self._section_text(s, lang) for s in self.sections),
            notes=tuple(n.get(lang) for n in self.notes),
            notice=self.notice.get(lang),
        )

    # --- answering and scoring -------------------------------------------------------

    def items_to_ask(self, answers: Mapping[str, object]) -> tuple[Item, ...]:
        """Items to show, in order, given the answers so far (skip logic applied).

        An item whose condition still depends on unanswered items is included, so a
        form rendered item by item never hides a question that may turn out to apply.
        """
        statuses = self._statuses(self._validated(answers))
        return tuple(i for i in self.items if self._asked(i, statuses) is not False)

    def score(self, answers: Mapping[str, object], lang: str = "en") -> ScreeningResult:
        """Score ``answers`` (item id -> option value); ValidationError for bad answers."""
        _checked_language(lang)
        statuses = self._statuses(self._validated(answers))
        context = self._context(statuses)
        missing = tuple(
            i.id
            for i in self.items
            if statuses[i.id].state in (ItemState.MISSING, ItemState.UNKNOWN)
        )
        complete = not missing
        subscales = {s.id: context.score_value(s.id) for s in self.scores if s.id != "total"}
        return ScreeningResult(
            instrument_id=self.id,
            instrument_version=self.version,
            total=context.score_value("total") if self._has_total() else None,
            subscales=MappingProxyType(subscales),
            band=self._band(context) if complete else None,
            complete=complete,
            flags=self._flags(context, lang),
            missing=missing,
        )

    # --- internals ---------------------------------------------------------------------

    def _validated(self, answers: Mapping[str, object]) -> dict[str, int]:
        """Answers with blanks (None) dropped; ValidationError naming every bad item."""
        known = {i.id: i for i in self.items}
        errors: list[FieldError] = []
        given: dict[str, int] = {}
        for item_id, value in answers.items():
            if item_id not in known:
                errors.append(
                    FieldError(
                        str(item_id),
                        msg("is not an item of the {short_name}", short_name=self.short_name),
                    )
                )
            elif value is not None:
                reason = known[item_id].problem_with(value)
                if reason:
                    errors.append(FieldError(item_id, reason))
                else:
                    given[item_id] = value  # type: ignore[assignment]
        statuses = self._statuses(given)
        for item_id in given:
            if self._asked(known[item_id], statuses) is False:
                errors.append(
                    FieldError(item_id, "must be left blank: it is not asked after these answers")
                )
        if errors:
            raise ValidationError(errors)
        return given

    def _statuses(self, given: Mapping[str, int]) -> dict[str, ItemStatus]:
        """Each item's state, decided in published order (conditions only look back)."""
        statuses: dict[str, ItemStatus] = {}
        for item in self.items:
            asked = self._asked(item, statuses)
            if item.id in given and asked is not False:
                statuses[item.id] = ItemStatus(ItemState.ANSWERED, given[item.id])
            elif asked is False or not item.required:
                statuses[item.id] = ItemStatus(ItemState.ABSENT)
            else:
                state = ItemState.MISSING if asked else ItemState.UNKNOWN
                statuses[item.id] = ItemStatus(state)
        return statuses

    def _asked(self, item: Item, statuses: Mapping[str, ItemStatus]) -> bool | None:
        if item.ask_when is None:
            return True
        return evaluate(item.ask_when, self._context(statuses))

    def _context(self, statuses: Mapping[str, ItemStatus]) -> EvalContext:
        return EvalContext(
            statuses,
            {i.id: i.possible_values() for i in self.items},
            {s.id: s.items for s in self.scores},
        )

    def _has_total(self) -> bool:
        return any(s.id == "total" for s in self.scores)

    def _band(self, context: EvalContext) -> str:
        if self.band_score is not None:
            value = context.score_value(self.band_score)
            return next(b.id for b in self.bands if b.minimum <= value <= b.maximum)  # type: ignore[operator]
        return next(b.id for b in self.bands if b.when is None or evaluate(b.when, context))

    def _flags(self, context: EvalContext, lang: str) -> tuple[Flag, ...]:
        raised = [r for r in self.flag_rules if evaluate(r.when, context) is True]
        ids = {r.id for r in raised}
        kept = [r for r in raised if not ids.intersection(r.suppressed_by)]
        kept.sort(key=lambda r: _SEVERITY_RANK[r.severity])
        return tuple(
            Flag(r.id, r.severity, r.message.get(lang), r.required_action.get(lang)) for r in kept
        )

    def _section_text(self, section: Section, lang: str) -> SectionText:
        return SectionText(
            title=section.title.get(lang) if section.title else None,
            instructions=section.instructions.get(lang) if section.instructions else None,
            items=tuple(self._item_text(self.item(i), lang) for i in section.items),
        )

    def _item_text(self, item: Item, lang: str) -> ItemText:
        return ItemText(
            id=item.id,
            number=item.number,
            text=item.text.get(lang),
            options=tuple((o.value, o.label.get(lang)) for o in item.options if o.printed),
            unit=item.unit.get(lang) if item.unit else None,
            detail_prompt=item.detail_prompt.get(lang) if item.detail_prompt else None,
        )


def _checked_language(lang: str) -> str:
    if lang not in LANGUAGES:
        allowed = ", ".join(LANGUAGES)
        raise ValidationError(
            [FieldError("language", msg("must be one of {allowed}", allowed=allowed))]
        )
    return lang
