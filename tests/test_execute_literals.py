"""Python values written as q literals come back unchanged through the interpreter."""
import math

import pytest
from hypothesis import given, settings, strategies as st

from qblueprint.execute.compare import py_equal, to_python
from qblueprint.execute.literals import q_literal
from qblueprint.q import Session

SESSION = Session()
longs = st.integers(min_value=-(1 << 63) + 1, max_value=(1 << 63) - 1)
floats = st.floats(allow_nan=True, allow_infinity=True)
text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=12)
atoms = st.one_of(st.booleans(), longs, floats, text)
values = st.recursive(atoms, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(alphabet="abc", min_size=1, max_size=3), inner, max_size=4)),
    max_leaves=12)


def back(value):
    return to_python(SESSION.eval(q_literal(value)))


@settings(max_examples=100, deadline=None)
@given(values)
def test_round_trip(value):
    assert py_equal(back(value), value, 0.0), (value, q_literal(value))


def test_types_are_q_types():
    assert SESSION.display(SESSION.eval(q_literal([1.0, 2.0]))) == "1 2f"
    assert SESSION.display(SESSION.eval(q_literal([True, False]))) == "10b"
    assert SESSION.display(SESSION.eval(q_literal("a"))) == ',"a"'
    assert SESSION.display(SESSION.eval(q_literal([]))) == "`long$()"
    assert math.isnan(back(math.nan))


@pytest.mark.parametrize("bad, error", [(1 << 63, ValueError), ("é", ValueError), (object(), TypeError)])
def test_unwritable_values_are_refused(bad, error):
    with pytest.raises(error):
        q_literal(bad)
