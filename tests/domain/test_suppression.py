"""Small-cell and secondary suppression, on hand-checked tables and by property."""

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_desktop.domain.suppression import (
    Relation,
    determined_cells,
    is_small,
    suppress,
    suppress_table,
    table_relations,
)


def test_small_is_one_to_ten():
    assert [n for n in range(13) if is_small(n)] == list(range(1, 11))


def test_hand_checked_two_by_two():
    """
          x    y  | total
    A     3   20  |   23        A.x is small. Row A then has one hidden cell: hide A.y
    B    30   40  |   70        (20 < 23). Column x: hide B.x (30 < 33). Row B: hide
    ALL  33   60  |   93        B.y (40 < 70). Every line now has 0 or 2 hidden cells.
    """
    counts = {("A", "x"): 3, ("A", "y"): 20, ("B", "x"): 30, ("B", "y"): 40}
    table = suppress_table(counts, ["A", "B"], ["x", "y"])
    assert table.hidden == {("A", "x"), ("A", "y"), ("B", "x"), ("B", "y")}
    assert table.cells() == [
        ("A", "x", None),
        ("A", "y", None),
        ("A", "total", 23),
        ("B", "x", None),
        ("B", "y", None),
        ("B", "total", 70),
        ("ALL", "x", 33),
        ("ALL", "y", 60),
        ("ALL", "total", 93),
    ]
    # What a reader can still work out is a range, not a value: A.x = t for any
    # 0 <= t <= 23, with A.y = 23 - t, B.x = 33 - t, B.y = 37 + t.
    assert determined_cells(table.hidden, table_relations(["A", "B"], ["x", "y"])[2]) == set()


def test_hand_checked_three_by_three():
    """
          x    y    z  | total
    A    20    5   30  |   55     A.y=5 is the only small cell.
    B    15   25   12  |   52     Row A: hide A.x (20 < 30 < 55).
    C    40   18   22  |   80     Column x: hide B.x (15 < 40 < 75).
    ALL  75   48   64  |  187     Row B: hide B.z (12 < 25 < 52).
                                  Column y: hide C.y (18 < 25 < 48).
                                  Column z: hide C.z (22 < 30 < 64).
                                  Row C has C.y and C.z: done.
    """
    rows, cols = ["A", "B", "C"], ["x", "y", "z"]
    values = [[20, 5, 30], [15, 25, 12], [40, 18, 22]]
    counts = {(r, c): values[i][j] for i, r in enumerate(rows) for j, c in enumerate(cols)}
    table = suppress_table(counts, rows, cols)
    assert table.hidden == {("A", "y"), ("A", "x"), ("B", "x"), ("B", "z"), ("C", "y"), ("C", "z")}
    assert table.get("ALL", "total") == 187 and table.get("B", "y") == 25


def test_zero_is_not_small_but_a_complement_prefers_non_zero():
    table = suppress_table({("A", "x"): 4, ("A", "y"): 0, ("A", "z"): 12}, ["A"], ["x", "y", "z"])
    assert table.get("A", "y") == 0
    assert table.hidden == {("A", "x"), ("A", "z")}


def test_a_hidden_total_counts_as_a_hidden_cell():
    """Row A (3 + 4 = 7) hides all three; column margins then need complements too."""
    counts = {("A", "x"): 3, ("A", "y"): 4, ("B", "x"): 50, ("B", "y"): 60}
    table = suppress_table(counts, ["A", "B"], ["x", "y"])
    assert {("A", "x"), ("A", "y"), ("A", "total")} <= table.hidden
    assert {("B", "x"), ("B", "y")} <= table.hidden  # else A.x = ALL.x - B.x
    assert table.get("ALL", "total") == 117


def test_one_school_has_no_all_row_and_one_category_no_total():
    single = suppress_table({("A", "x"): 4, ("A", "y"): 30}, ["A"], ["x", "y"])
    assert [r for r, _, _ in single.cells()] == ["A", "A", "A"]
    assert single.hidden == {("A", "x"), ("A", "y")}
    one_col = suppress_table(
        {("A", "n"): 5, ("B", "n"): 40, ("C", "n"): 50}, ["A", "B", "C"], ["n"]
    )
    assert one_col.hidden == {("A", "n"), ("B", "n")}
    assert one_col.get("ALL", "n") == 95


def test_a_bridge_between_two_blocks_is_caught():
    """Each line has two hidden cells, yet the cell joining two hidden blocks is
    determined (it is a bridge): the exact check hides one more cell."""
    hidden = {("r1", "c1"), ("r1", "c2"), ("r2", "c1"), ("r2", "c2"), ("r2", "c3")}
    hidden |= {("r3", "c3"), ("r3", "c4"), ("r4", "c3"), ("r4", "c4")}
    rows, cols = ["r1", "r2", "r3", "r4"], ["c1", "c2", "c3", "c4"]
    relations = table_relations(rows, cols)[2]
    assert determined_cells(hidden, relations) == {("r2", "c3")}
    # Fed as primaries (all small), the algorithm keeps going until nothing is exposed.
    counts = {(r, c): (5 if (r, c) in hidden else 40) for r in rows for c in cols}
    table = suppress_table(counts, rows, cols)
    assert determined_cells(table.hidden, relations) == set()
    assert hidden < table.hidden


def test_generic_relations():
    values = {"a": 3, "b": 50, "c": 60, "t": 113}
    assert suppress(values, [Relation(("a", "b", "c"), "t")]) == {"a", "b"}
    assert suppress(values, []) == {"a"}


# --- property ----------------------------------------------------------------------------


def _bridges(hidden: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Hidden cells on no cycle of the row-column graph: exactly the ones a reader can
    recompute from a two-way table with margins (an independent check)."""
    edges = list(hidden)
    adjacent = defaultdict(set)
    for r, c in edges:
        adjacent["r" + r].add("c" + c)
        adjacent["c" + c].add("r" + r)

    def connected_without(edge):
        start, goal = "r" + edge[0], "c" + edge[1]
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            for nxt in adjacent[node]:
                if {node, nxt} == {start, goal}:
                    continue
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    return {e for e in edges if not connected_without(e)}


@settings(max_examples=150, deadline=None)
@given(
    st.integers(2, 5).flatmap(
        lambda rows: st.integers(2, 4).flatmap(
            lambda cols: st.lists(
                st.one_of(st.integers(0, 12), st.integers(0, 80)),
                min_size=rows * cols,
                max_size=rows * cols,
            ).map(lambda flat: (rows, cols, flat))
        )
    )
)
def test_no_suppressed_cell_can_be_recomputed(shape):
    n_rows, n_cols, flat = shape
    rows = [f"s{i}" for i in range(n_rows)]
    cols = [f"k{j}" for j in range(n_cols)]
    counts = {(r, c): flat[i * n_cols + j] for i, r in enumerate(rows) for j, c in enumerate(cols)}
    table = suppress_table(counts, rows, cols)
    assert {k for k, v in table.values.items() if is_small(v)} <= table.hidden
    assert _bridges(set(table.hidden)) == set()
    for r in table.rows:  # margins are true sums
        if "total" in table.cols:
            assert table.values[(r, "total")] == sum(table.values[(r, c)] for c in cols)
