"""qSQL `by` grouping and float `sum`: the numpy fast paths must agree with q's semantics.

Grouping of simple-vector keys runs in numpy (integer codes, a stable sort, runs of equal codes);
keys of any other shape take the general per-row path. Both must give q's answer: groups in
ascending key order (nulls first), each group's rows in table order.
"""
import numpy as np
import pytest

from qblueprint.q import Session
from qblueprint.q.base import grouping
from qblueprint.q.library import qsql


@pytest.fixture
def q():
    s = Session()
    s.eval("t:([] k:3 1 3 2 1; v:1 2 3 4 5)")
    return s


def keyed(value):
    """A keyed table as (key columns, value columns), each a dict of Python lists."""
    return value.k.py(), value.v.py()


def test_sum_by_long_key(q):
    assert keyed(q.eval("select sum v by k from t")) == ({"k": [1, 2, 3]}, {"v": [7, 4, 4]})


def test_group_rows_stay_in_table_order(q):
    keys, vals = keyed(q.eval("select v, i by k from t"))
    assert keys == {"k": [1, 2, 3]}
    # the virtual column i names no column: x (basics/qsql.md)
    assert vals == {"v": [[2, 5], [4], [1, 3]], "x": [[1, 4], [3], [0, 2]]}


def test_float_keys_group_nulls_together_and_first(q):
    keys, vals = keyed(q.eval("select n:count i by k from ([] k:1.5 0n 1.5 0n 2.0)"))
    assert np.isnan(keys["k"][0]) and keys["k"][1:] == [1.5, 2.0]
    assert vals == {"n": [2, 2, 1]}


def test_symbol_and_two_column_keys(q):
    assert keyed(q.eval("select sum v by s from ([] s:`b`a`b`c; v:1 2 3 4)")) == \
        ({"s": ["a", "b", "c"]}, {"v": [2, 4, 4]})
    keys, vals = keyed(q.eval("select sum v by s,k from ([] s:`b`a`b`a; k:1 2 1 1; v:1 2 3 4)"))
    assert keys == {"s": ["a", "a", "b"], "k": [1, 2, 1]}
    assert vals == {"v": [4, 2, 4]}


def test_sparse_and_negative_long_keys(q):
    keys, vals = keyed(q.eval("select sum v by k from ([] k:1000000000 5 1000000000 -7 0N; v:1 2 3 4 5)"))
    assert keys == {"k": [q.eval("0N").v, -7, 5, 1000000000]}
    assert vals == {"v": [5, 4, 2, 4]}


def test_boolean_key(q):
    assert keyed(q.eval("select sum v by b from ([] b:101b; v:1 2 3)")) == \
        ({"b": [False, True]}, {"v": [2, 4]})


def test_string_keys_take_the_general_path(q):
    keys, vals = keyed(q.eval('select n:count i by k from ([] k:("ab";"c";"ab"))'))
    assert keys == {"k": [b"ab", b"c"]}
    assert vals == {"n": [2, 1]}


def test_exec_and_update_by(q):
    assert q.eval("exec sum v by k from t").py() == {1: 7, 2: 4, 3: 4}
    assert q.eval("update s:sums v by k from t").py()["s"] == [1, 2, 4, 4, 7]


def test_empty_table_by(q):
    assert len(q.eval("select sum v by k from 0#t").k.vals[0].a) == 0


@pytest.mark.parametrize("seed", range(6))
def test_numpy_grouping_matches_per_row_grouping(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 300))
    s = Session()
    s["a"] = rng.integers(-3, 4, n)
    s["b"] = np.where(rng.random(n) < 0.2, np.nan, rng.integers(0, 3, n).astype(float))
    s["c"] = rng.integers(0, 2**40, n) * rng.integers(0, 2, n)
    s["d"] = list(rng.choice(["x", "y", "", "zz"], n))
    cols = [s.eval(name) for name in ("a", "b", "c", "d")]
    table = s.eval("([] a; b; c; d)")
    for pick in ([0], [1], [2], [3], [0, 3], [1, 2, 3]):
        sub = [cols[j] for j in pick]
        rows = qsql.items_of(qsql.Table([table.cols[j] for j in pick], sub)) if len(pick) > 1 \
            else qsql.items_of(sub[0])
        fast_firsts, fast_members = grouping.group_vectors(sub)
        slow_firsts, slow_members = qsql.group_items(rows)
        as_sets = lambda firsts, members: {(int(f), tuple(m.tolist())) for f, m in zip(firsts, members)}  # noqa: E731
        assert as_sets(fast_firsts, fast_members) == as_sets(slow_firsts, slow_members)


@pytest.mark.parametrize("text, expected", [
    ("sum 1 0n 2f", 3.0), ("sum 0n 0n", 0.0), ("sum 0w 0n", float("inf")), ("sum 1.5 2.5e", 4.0)])
def test_float_sum_skips_nulls(q, text, expected):
    assert q.eval(text).v == expected


def test_float_sum_of_opposite_infinities_is_null(q):
    assert np.isnan(q.eval("sum 0w -0w 1f").v)
