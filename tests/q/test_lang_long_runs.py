"""Issue 13, item 13: long runs stay fast: folds of lambdas that are primitives run as the
primitive, atomic primitives under each/each-left/each-right run once on whole vectors, and 10^5
general lambda calls through the iterators take well under a second or two."""
import time

import pytest

from qblueprint.q import Session


def timed(src, limit):
    s = Session()
    t0 = time.time()
    out = s.console(src).strip()
    assert time.time() - t0 < limit, (src, time.time() - t0)
    return out


def test_fold_of_a_lambda_over_ten_million():
    assert timed("{x+y}/[til 10000000]", 5) == "49999995000000"
    assert timed("last {x+y}\\[til 2000000]", 5) == "1999999000000"
    assert timed("{x|y}/[3 9 2]", 1) == "9"


@pytest.mark.parametrize("src, shown", [
    # the primitive equivalence keeps argument order and q's semantics
    ("{y-x}/[10 1 2]", "11"), ("{x-y}/[10 1 2]", "7"), ("{x+y}/[1;2 3]", "6"),
    ("{x+y}/[`a`b!1 2]", "3"), ("{x,y}/[(1 2;3 4)]", "1 2 3 4"), ("{x*y}\\[1 2 3 4]", "1 2 6 24"),
    ("1 2 3 {x-y}\\: 1", "0 1 2"), ("1 2 3 {y-x}\\: 1", "0 -1 -2"), ("10 {x%y}/: 1 2 4", "10 5 2.5"),
    ("1 2 3{x+y}'10 20 30", "11 22 33"), ("1 2 3<'2", "100b"), ("(1 2;3 4)+'(5 6;7 8)", "6  8\n10 12"),
])
def test_fast_paths_agree_with_the_general_ones(src, shown):
    assert Session().console(src).rstrip("\n") == shown


@pytest.mark.parametrize("src", [
    "count {$[x mod 2;x;0]} each til 100000",
    "count {[a] b:a*2; b+1} each til 100000",
    "count 1 {x*y+1}/: til 100000",
    "count (til 100000) {x*y+1}\\: 2",
    "count {x*y+1}'[til 100000;til 100000]",
    "{x+1}/[100000;0]",
])
def test_a_hundred_thousand_lambda_calls(src):
    assert timed(src, 4) == "100000"
