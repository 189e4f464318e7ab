"""Rolls, deals and permutations: shapes, ranges and per-session reproducibility."""
from qblueprint.q import Session


def test_roll_deal_permute(q):
    assert q("count 5?10") == "5"
    assert q("all (10?10) within 0 9") == "1b"
    assert q("asc -5?5") == "`s#0 1 2 3 4"
    assert q("asc 0N?5") == "`s#0 1 2 3 4"
    assert q("count distinct -1000?0Ng") == "1000"
    assert q("type 3?`3") == "11h"
    assert q("all 3=count each string 4?`3") == "1b"
    assert q("type 4?2012.09m") == "13h"
    assert q("all (100?1.5) within 0 1.5") == "1b"
    assert q("-6?5").startswith("'length")


def test_rand_and_reproducibility():
    a, b = Session(), Session()
    assert a.console("10?100") == b.console("10?100")
    assert a.console("rand `x`y`z").strip() in ("`x", "`y", "`z")
