"""Issue 13, item 1: floats (and datetimes) compare with kdb+'s relative tolerance 2^-43 in
= <> < > <= >= ~ (atoms and vectors alike), differ and within; ? in distinct except group and the
sorts test equality exactly (basics/precision.md)."""
import math

import pytest
from hypothesis import given, settings, strategies as st

from qblueprint.q import Session

TOL = 2.0 ** -43


@pytest.mark.parametrize("src, shown", [
    ("(1+4e-14)=1", "1b"), ("0.3~0.1+0.2", "1b"), ("differ 1 1.00000000000003", "10b"),
    ("(1+4e-14)<>1", "0b"), ("1<1+1e-13", "0b"), ("1<1+2e-13", "1b"), ("1>=1+1e-13", "1b"),
    ("1e-300=0", "0b"), ("0n~0n", "1b"), ("0w=0w", "1b"), ("2.5~2.5000000000005", "0b"),
    ("(1 2f)~1 2.0000000000000001", "1b"),
    ("r:1%7;1.0=sum 7#r", "1b"), ("r:1%7;0=1.0-sum 7#r", "0b"),
    # datetimes are floats: they compare tolerantly too
    ("a:2000.01.02T00:16:40.000;b:a+1e-14;(a=b;a<b;a~b)", "101b"),
    ("a:2000.01.02T00:16:40.000;differ a,a+1e-14", "10b"),
    ("1f within (1+1e-14;2)", "1b"),
    # ... but ? in distinct except group and the sorts test equality exactly
    ("(0.1+0.2) in 0.3", "0b"), ("(0.1+0.2) in (0.3;`a)", "0b"), ("(1 1f)?1-1e-13", "2"),
    ("count distinct 1f,1-1e-13", "2"), ("count (1 1f) except 1-1e-13", "2"),
    ("count group 1f,1-1e-13", "2"), ("iasc 1f,1-1e-13", "1 0"),
])
def test_tolerant_examples(q, src, shown):
    assert q(src) == shown


def _q_float(v):
    return repr(float(v)).replace("inf", "0w") + ("" if "." in repr(float(v)) or "e" in repr(float(v)) else "f")


floats = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).filter(lambda v: v != 0)
rel = st.floats(min_value=-3e-13, max_value=3e-13, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(floats, rel)
def test_atoms_and_vectors_agree_and_eq_matches_match(a, r):
    b = a * (1 + r)
    s = Session()
    s.eval("a:%s;b:%s" % (_q_float(a), _q_float(b)))
    eq = s.console("a=b").strip()
    assert s.console("a~b").strip() == eq                        # = consistent with ~
    assert s.console("first (enlist a)=enlist b").strip() == eq   # vector and atom forms agree
    assert s.console("(a,a)~(b,b)").strip() == eq
    lt = s.console("a<b").strip()
    gt = s.console("a>b").strip()
    # <= and >= are the complements of > and <
    assert s.console("a<=b").strip() == ("0b" if gt == "1b" else "1b")
    assert s.console("a>=b").strip() == ("0b" if lt == "1b" else "1b")
    d = abs(a - b) / max(abs(a), abs(b))
    if not math.isclose(d, TOL, rel_tol=1e-3):      # away from the band's very edge:
        # exactly one of <, =, > holds, and = is relative 2^-43 of the larger magnitude
        assert [lt, eq, gt].count("1b") == 1
        assert eq == ("1b" if d <= TOL else "0b")
