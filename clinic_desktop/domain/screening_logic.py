"""Three-valued rules over partly answered screenings: true, false, or not yet known.

A screening is often scored while answers are still missing (a student stops halfway, a
nurse is still typing), yet a critical answer already given must raise its flag at once.
So every condition is evaluated against *what is known*: it is ``True`` when it holds for
every way the missing answers could still turn out, ``False`` when it holds for none, and
``None`` while the answers still decide. Only ``True`` raises a flag or asks a question;
nothing is ever concluded from an answer that has not been given.

An item is in one of four states (``ItemState``): answered; absent (skipped by the
instrument's own skip logic, or an optional item left blank), which counts as 0 in sums
and satisfies no comparison; missing (asked and required, but not answered yet); or
unknown (not answered, and whether it will be asked at all depends on missing answers).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

__all__ = [
    "AllOf",
    "AnyOf",
    "Condition",
    "EvalContext",
    "ItemCondition",
    "ItemState",
    "ItemStatus",
    "ScoreCondition",
    "evaluate",
    "parse_condition",
]

#: Comparison operators allowed in instrument files, by their spelling there.
OPERATORS: Mapping[str, Callable[[int, int], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


class ItemState(Enum):
    """What is known about one item's answer (see the module docstring)."""

    ANSWERED = "answered"
    ABSENT = "absent"
    MISSING = "missing"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ItemStatus:
    """An item's state and, when answered, its value."""

    state: ItemState
    value: int | None = None


@dataclass(frozen=True)
class ItemCondition:
    """``{item, op, value}``: compares one item's answer; an absent item satisfies none."""

    item: str
    op: str
    value: int | tuple[int, ...]

    def test(self, value: int) -> bool:
        """Whether an actual answer ``value`` satisfies the comparison."""
        return _compare(value, self.op, self.value)


@dataclass(frozen=True)
class ScoreCondition:
    """``{score, op, value}``: compares a computed score (a sum) with a number."""

    score: str
    op: str
    value: int | tuple[int, ...]

    def test(self, value: int) -> bool:
        """Whether a score of ``value`` satisfies the comparison."""
        return _compare(value, self.op, self.value)


@dataclass(frozen=True)
class AnyOf:
    """True as soon as one part is true; false only when every part is false."""

    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AllOf:
    """False as soon as one part is false; true only when every part is true."""

    parts: tuple[Condition, ...]


Condition = ItemCondition | ScoreCondition | AnyOf | AllOf


class EvalContext:
    """What conditions are evaluated against: item states, possible values and sums.

    ``possible`` gives every value an item could take (its option values, or its numeric
    range); ``sums`` names the items each score adds up.
    """

    def __init__(
        self,
        statuses: Mapping[str, ItemStatus],
        possible: Mapping[str, tuple[int, ...]],
        sums: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.statuses = statuses
        self.possible = possible
        self.sums = sums

    def item_outcomes(self, item_id: str) -> tuple[int | None, ...]:
        """Every value the item could still end up with; ``None`` stands for "absent"."""
        status = self.statuses.get(item_id)
        if status is None or status.state is ItemState.ABSENT:
            return (None,)
        if status.state is ItemState.ANSWERED:
            return (status.value,)
        values: tuple[int | None, ...] = self.possible[item_id]
        return (*values, None) if status.state is ItemState.UNKNOWN else values

    def score_bounds(self, score_id: str) -> tuple[int, int]:
        """Lowest and highest value the score can still reach (absent items count 0)."""
        low = high = 0
        for item_id in self.sums[score_id]:
            outcomes = [v or 0 for v in self.item_outcomes(item_id)]
            low += min(outcomes)
            high += max(outcomes)
        return low, high

    def score_value(self, score_id: str) -> int | None:
        """The score when every item it adds up is settled, else None."""
        settled = (ItemState.ANSWERED, ItemState.ABSENT)
        if any(self._state(i) not in settled for i in self.sums[score_id]):
            return None
        return self.score_bounds(score_id)[0]

    def _state(self, item_id: str) -> ItemState:
        status = self.statuses.get(item_id)
        return ItemState.ABSENT if status is None else status.state


def evaluate(condition: Condition, context: EvalContext) -> bool | None:
    """True, False, or None (not decided yet) for ``condition`` given what is known."""
    if isinstance(condition, AnyOf):
        results = [evaluate(part, context) for part in condition.parts]
        if any(r is True for r in results):
            return True
        return False if all(r is False for r in results) else None
    if isinstance(condition, AllOf):
        results = [evaluate(part, context) for part in condition.parts]
        if any(r is False for r in results):
            return False
        return True if all(r is True for r in results) else None
    if isinstance(condition, ItemCondition):
        outcomes = context.item_outcomes(condition.item)
        return _decided(v is not None and condition.test(v) for v in outcomes)
    low, high = context.score_bounds(condition.score)
    return _decided(condition.test(v) for v in range(low, high + 1))


def parse_condition(data: Mapping[str, object]) -> Condition:
    """The condition a (schema-valid) JSON object describes."""
    if "any_of" in data:
        return AnyOf(tuple(parse_condition(p) for p in _objects(data["any_of"])))
    if "all_of" in data:
        return AllOf(tuple(parse_condition(p) for p in _objects(data["all_of"])))
    raw = data["value"]
    value = tuple(raw) if isinstance(raw, list) else int(raw)  # type: ignore[call-overload]
    if "item" in data:
        return ItemCondition(str(data["item"]), str(data["op"]), value)
    return ScoreCondition(str(data["score"]), str(data["op"]), value)


def referenced_items(condition: Condition) -> set[str]:
    """Item ids a condition reads (loaders check they exist and come earlier)."""
    if isinstance(condition, AnyOf | AllOf):
        return set().union(*(referenced_items(p) for p in condition.parts))
    return {condition.item} if isinstance(condition, ItemCondition) else set()


def referenced_scores(condition: Condition) -> set[str]:
    """Score ids a condition reads."""
    if isinstance(condition, AnyOf | AllOf):
        return set().union(*(referenced_scores(p) for p in condition.parts))
    return {condition.score} if isinstance(condition, ScoreCondition) else set()


def _compare(actual: int, op: str, target: int | tuple[int, ...]) -> bool:
    if op == "in":
        return actual in target  # type: ignore[operator]
    return OPERATORS[op](actual, target)  # type: ignore[arg-type]


def _decided(results: Iterable[bool]) -> bool | None:
    """True if every outcome holds, False if none does, None when it still depends."""
    seen = set(results)
    if seen == {True}:
        return True
    return False if seen <= {False} else None


def _objects(value: object) -> list[Mapping[str, object]]:
    return list(value)  # type: ignore[call-overload]
