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
# any text: q strings are bytes, so text beyond ASCII travels as its UTF-8 bytes and comes back
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
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


@pytest.mark.parametrize("bad, error", [(1 << 63, ValueError), (object(), TypeError)])
def test_unwritable_values_are_refused(bad, error):
    with pytest.raises(error):
        q_literal(bad)


# Typed literals: the signature decides the q type a Python value becomes.
from qblueprint.execute.literals import parse_type, typed_literal

TYPED = [([1, 2, 3], "long[]", 7), ([], "long[]", 7), ([5], "long[]", 7), ([1, 2], "int[]", 6), (3, "int", -6),
         ([True, False], "bool[]", 1), ([2, 3], "float[]", 9), (["a", "bc"], "symbol[]", 11),
         (["a b", "c"], "symbol[]", 11), ("a b", "symbol", -11), ("", "symbol", -11), (["ab", "c"], "string[]", 0),
         ("a", "string", 10), ("a", "char", -10), ([[1, 2], [3]], "long[][]", 0), ({"a": 1}, "dict[symbol,long]", 99),
         ({}, "dict[symbol,long]", 99), ({"s": ["a"], "p": [1.5]}, "table[s:symbol,p:float]", 98),
         ({"s": [], "p": []}, "table[s:symbol,p:float]", 98), ("2024-01-15", "date", -14), ("2024-01", "month", -13),
         (["2024-01", "2024-03"], "month[]", 13), ("09:30", "minute", -17), ("09:30:15", "second", -18),
         ("09:30:15.123", "time", -19), ("2024-01-15T09:30:15.5", "timestamp", -12), ([1, None], "long[]", 7)]


@pytest.mark.parametrize("value,qtype,typenum", TYPED)
def test_typed_literal_has_the_signature_type(value, qtype, typenum):
    q = typed_literal(value, qtype)
    assert SESSION.eval(f"type {q}").py() == typenum, q


def test_typed_literal_values_read_back():
    assert SESSION.eval(typed_literal(["a b", "c"], "symbol[]")).py() == ["a b", "c"]
    assert to_python(SESSION.eval(typed_literal({"s": ["a"], "p": [1.5]}, "table[s:symbol,p:float]"))) == \
        {"s": ["a"], "p": [1.5]}
    assert str(SESSION.eval(typed_literal("2024-01-15T09:30:15.5", "timestamp"))) == "2024.01.15D09:30:15.500000000"


@pytest.mark.parametrize("value,qtype,message", [
    ("3", "long", "expected an int"), (True, "long", "expected an int"), ([1, "a"], "long[]", r"x\[1\]"),
    ("2024/01/15", "date", "ISO"), ({"b": [1]}, "table[a:long]", "columns must be"), (1 << 40, "int", "fit"),
    ("ab", "char", "one character"), ({"a": [1], "b": [1, 2]}, "table[a:long,b:long]", "one length")])
def test_typed_literal_errors_name_the_value(value, qtype, message):
    with pytest.raises((TypeError, ValueError), match=message):
        typed_literal(value, qtype, where="x")


@pytest.mark.parametrize("text", ["", "lng", "dict[long]", "table[]", "table[1a:long]"])
def test_parse_type_rejects_malformed_types(text):
    with pytest.raises(ValueError):
        parse_type(text)
