"""Small-cell suppression of published counts, with secondary (complementary) suppression.

Why: a count of 1 to 10 students in a school and month can point at a person ("the one
ninth-grader screened positive in October"), so such cells are never published (primary
suppression). Hiding them is not enough when totals are published too: a hidden cell that
is the only unknown in a row is its total minus the others. Secondary suppression hides
more cells until no hidden cell can be worked out *exactly* from what is published.

The model: ``values`` maps cell keys to counts, and ``relations`` say which published
cells add up (``parts`` sum to ``total``). Published values are constants; the hidden cells
are unknowns of a linear system. A hidden cell is *determined* when its value follows from
the system alone, which linear algebra decides exactly (it is determined when every
solution of the homogeneous system is zero at that cell). The algorithm:

1. hide every cell whose count is within ``low``..``high`` (1..10);
2. while some relation has exactly one hidden cell, hide the smallest other cell of that
   relation (non-zero counts first: a hidden zero protects less, since a reader may
   guess it), ties broken by the order of ``values``;
3. if a hidden cell is still determined (e.g. a "bridge" between two blocks of hidden
   cells in a two-way table), hide the smallest visible cell of a relation it is in, and
   go back to 2.

It ends because every round hides one more cell, and a table with every cell hidden
determines nothing. ``forced`` cells are hidden from the start whatever their count: the
district's ledger forces every cell an earlier report suppressed, so that two reports
cannot be differenced (see ``sync.report``). Zero is never primary-suppressed: "nobody"
is not a small cell. This protects against exact recomputation from one table; ranges (a
hidden cell lies between 0 and its row total) remain, as in every complementary-suppression
scheme.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

#: Counts from SMALL_MIN to SMALL_MAX are suppressed.
SMALL_MIN = 1
SMALL_MAX = 10
ROW_TOTAL = "ALL"
COL_TOTAL = "total"


@dataclass(frozen=True)
class Relation(Generic[K]):
    """Published cells that add up: ``sum(parts) == total``."""

    parts: tuple[K, ...]
    total: K

    @property
    def cells(self) -> tuple[K, ...]:
        return (*self.parts, self.total)


def is_small(count: int, low: int = SMALL_MIN, high: int = SMALL_MAX) -> bool:
    """Whether ``count`` is a small cell that must not be published."""
    return low <= count <= high


def suppress(
    values: Mapping[K, int],
    relations: Sequence[Relation[K]],
    *,
    low: int = SMALL_MIN,
    high: int = SMALL_MAX,
    forced: Iterable[K] = (),
) -> frozenset[K]:
    """The cells to hide: small cells and ``forced`` ones, plus the complements that keep
    them unrecoverable."""
    order = {key: n for n, key in enumerate(values)}
    hidden = {k for k, v in values.items() if is_small(v, low, high)}
    hidden |= {k for k in forced if k in values}
    while True:
        pick = _next_complement(values, relations, hidden, order)
        if pick is None:
            return frozenset(hidden)
        hidden.add(pick)


def _next_complement(
    values: Mapping[K, int],
    relations: Sequence[Relation[K]],
    hidden: set[K],
    order: Mapping[K, int],
) -> K | None:
    """The next cell to hide (steps 2 and 3 of the module docstring), or None when safe."""
    single = next((r for r in relations if _hidden_count(r, hidden) == 1), None)
    if single is not None:
        return _complement(single.cells, values, hidden, order)
    exposed = determined_cells(hidden, relations)
    if not exposed:
        return None
    target = min(exposed, key=order.__getitem__)
    return _complement(_neighbours(target, relations, values), values, hidden, order)


def determined_cells(hidden: Iterable[K], relations: Sequence[Relation[K]]) -> set[K]:
    """Hidden cells whose value follows exactly from the relations and published cells."""
    unknowns = [k for k in dict.fromkeys(hidden)]
    if not unknowns:
        return set()
    column = {k: n for n, k in enumerate(unknowns)}
    rows = [_equation(r, column) for r in relations]
    pivots = _reduce([row for row in rows if any(row)])
    pivot_cols = {col for col, _ in pivots}
    free = [c for c in range(len(unknowns)) if c not in pivot_cols]
    return {unknowns[col] for col, row in pivots if all(row[f] == 0 for f in free)}


# --- two-way tables -------------------------------------------------------------------


@dataclass(frozen=True)
class SuppressedTable:
    """A two-way table with its margins, and which cells must not be published."""

    rows: tuple[str, ...]
    cols: tuple[str, ...]
    values: Mapping[tuple[str, str], int]
    hidden: frozenset[tuple[str, str]]

    def get(self, row: str, col: str) -> int | None:
        """The publishable count, or None when it is suppressed."""
        key = (row, col)
        return None if key in self.hidden else self.values[key]

    def cells(self) -> list[tuple[str, str, int | None]]:
        """Every (row, col, publishable value) including margins, rows first."""
        return [(r, c, self.get(r, c)) for r in self.rows for c in self.cols]


def table_relations(
    rows: Sequence[str],
    cols: Sequence[str],
    *,
    row_total: str = ROW_TOTAL,
    col_total: str = COL_TOTAL,
    always_row_total: bool = False,
) -> tuple[tuple[str, ...], tuple[str, ...], list[Relation[tuple[str, str]]]]:
    """Rows and columns with margins, and the relations between them.

    A margin is added only over two or more members (a one-school site's "all schools"
    row would just repeat the school's row), unless ``always_row_total``: a report whose
    table shape must not change when a second school appears (its new "all schools" row
    would otherwise publish the first school's hidden cells plus the new school's).
    """
    with_total = len(rows) > 1 or (always_row_total and len(rows) > 0)
    all_rows = (*rows, row_total) if with_total else tuple(rows)
    all_cols = (*cols, col_total) if len(cols) > 1 else tuple(cols)
    relations: list[Relation[tuple[str, str]]] = []
    if len(cols) > 1:
        relations += [Relation(tuple((r, c) for c in cols), (r, col_total)) for r in all_rows]
    if with_total:
        relations += [Relation(tuple((r, c) for r in rows), (row_total, c)) for c in all_cols]
    return all_rows, all_cols, relations


def suppress_table(
    counts: Mapping[tuple[str, str], int],
    rows: Sequence[str],
    cols: Sequence[str],
    *,
    low: int = SMALL_MIN,
    high: int = SMALL_MAX,
    forced: Iterable[tuple[str, str]] = (),
    always_row_total: bool = False,
) -> SuppressedTable:
    """Add margins to a rows x cols table of counts (missing cells are 0) and suppress
    (small cells, ``forced`` cells, and their complements)."""
    all_rows, all_cols, relations = table_relations(rows, cols, always_row_total=always_row_total)
    inner = {(r, c): int(counts.get((r, c), 0)) for r in rows for c in cols}
    values = {
        (r, c): sum(
            v for (ir, ic), v in inner.items() if r in (ir, ROW_TOTAL) and c in (ic, COL_TOTAL)
        )
        for r in all_rows
        for c in all_cols
    }
    hidden = suppress(values, relations, low=low, high=high, forced=forced)
    return SuppressedTable(all_rows, all_cols, values, hidden)


# --- internals ------------------------------------------------------------------------


def _hidden_count(relation: Relation[K], hidden: set[K]) -> int:
    return sum(1 for cell in relation.cells if cell in hidden)


def _complement(
    candidates: Iterable[K], values: Mapping[K, int], hidden: set[K], order: Mapping[K, int]
) -> K | None:
    """The visible candidate to hide next: smallest non-zero count, then zeros."""
    visible = [k for k in candidates if k not in hidden]
    if not visible:
        visible = [k for k in values if k not in hidden]
    if not visible:
        return None
    return min(visible, key=lambda k: (values[k] == 0, values[k], order[k]))


def _neighbours(cell: K, relations: Sequence[Relation[K]], values: Mapping[K, int]) -> list[K]:
    """Cells sharing a relation with ``cell`` (everything, if it is in none)."""
    found = [c for r in relations if cell in r.cells for c in r.cells]
    return found or list(values)


def _equation(relation: Relation[K], column: Mapping[K, int]) -> list[Fraction]:
    """The relation over the hidden cells: +1 per part, -1 for the total."""
    row = [Fraction(0)] * len(column)
    for part in relation.parts:
        if part in column:
            row[column[part]] += 1
    if relation.total in column:
        row[column[relation.total]] -= 1
    return row


def _reduce(rows: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """Reduced row echelon form: (pivot column, row) pairs, exact arithmetic."""
    pivots: list[tuple[int, list[Fraction]]] = []
    width = len(rows[0]) if rows else 0
    remaining = [list(r) for r in rows]
    for col in range(width):
        index = next((i for i, r in enumerate(remaining) if r[col] != 0), None)
        if index is None:
            continue
        pivot = remaining.pop(index)
        pivot = [v / pivot[col] for v in pivot]
        remaining = [_eliminate(r, pivot, col) for r in remaining]
        pivots = [(c, _eliminate(r, pivot, col)) for c, r in pivots]
        pivots.append((col, pivot))
    return pivots


def _eliminate(row: list[Fraction], pivot: list[Fraction], col: int) -> list[Fraction]:
    factor = row[col]
    if factor == 0:
        return row
    return [a - factor * b for a, b in zip(row, pivot, strict=True)]
