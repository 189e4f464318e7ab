"""Rules of q stated in KX's basics pages (docs/basics/*.md) that the interpreter broke.

Examples are our own; each group names the page that states the rule."""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st, HealthCheck

from qblueprint.q import Session


# ---------------------------------------------------------------- application.md, parsetrees.md
# q has no unary forms of the glyphs: a verb with nothing on its left, followed by an operator,
# is that operator's left argument (a noun), so `f . args` applies f to its argument list.
@pytest.mark.parametrize("src, shown", [
    ("* . 6 7", "42"),
    ("- . 10 4", "6"),
    ("| . (3;8)", "8"),
    ("ssr . (\"a-b-c\";\"-\";\"+\")", "\"a+b+c\""),
    ("ss . (\"banana\";\"an\")", "1 3"),
    ("like . (`kdb;\"k*\")", "1b"),
    ("f:- . ;f 9 2", "7"),
    ("{x . y}[%;6 3]", "2f"),
])
def test_verb_before_operator_is_its_left_argument(q, src, shown):
    assert q(src) == shown


def test_prefix_and_infix_verbs_unchanged(q):
    assert q("-til 3") == "0 -1 -2"
    assert q("2 + - 3") == "-1"
    assert q("#1 2 3") == "3"
    assert q("count . enlist 4 5 6") == "3"
