"""Tokens and literals: vector notation, type suffixes, nulls, temporals, minus rules."""
import pytest

from qblueprint.q.reading.lexer import tokenize
from qblueprint.q.base.errors import QError


def kinds(src):
    return [t.kind for t in tokenize(src)]


def const(src):
    toks = tokenize(src)
    assert len(toks) == 1 and toks[0].kind == "const", toks
    return toks[0].val


@pytest.mark.parametrize("src, t, py", [
    ("1 2 3", 7, [1, 2, 3]),
    ("1 2 3f", 9, [1.0, 2.0, 3.0]),
    ("1 2.5", 9, [1.0, 2.5]),
    ("1 2 3h", 5, [1, 2, 3]),
    ("1 0N 3i", 6, [1, -2147483648, 3]),
    ("101b", 1, [True, False, True]),
    ("0x0102", 4, [1, 2]),
    ("`a`b`c", 11, ["a", "b", "c"]),
    ("1 -2 3", 7, [1, -2, 3]),
])
def test_vector_literals(src, t, py):
    v = const(src)
    assert v.t == t
    assert v.a.tolist() == py


@pytest.mark.parametrize("src, t, v", [
    ("42", -7, 42), ("42i", -6, 42), ("42h", -5, 42), ("1.5e", -8, 1.5), ("2f", -9, 2.0),
    ("1b", -1, True), ("0x1f", -4, 31), ("0N", -7, -2**63), ("0W", -7, 2**63 - 1),
    ("2000.01.02", -14, 1), ("2000.02m", -13, 1), ("00:01", -17, 1), ("00:00:02", -18, 2),
    ("00:00:00.003", -19, 3), ("0D00:00:00.000000004", -16, 4), ("`abc", -11, "abc"),
])
def test_atom_literals(src, t, v):
    a = const(src)
    assert a.t == t and a.v == v


def test_float_nulls_and_infinities():
    assert const("0n").v != const("0n").v
    assert const("0w").v == float("inf")
    assert const("-0w").v == float("-inf")


def test_month_suffix_applies_to_whole_vector():
    v = const("2017.05 2017.09m")
    assert v.t == 13 and v.a.tolist() == [208, 212]


def test_minus_after_noun_is_subtraction():
    assert kinds("x-1") == ["name", "op", "const"]
    assert kinds("x -1") == ["name", "const"]
    assert kinds("2*-1") == ["const", "op", "const"]


def test_strings_and_escapes():
    s = const('"a\\"b\\n"')
    assert s.a.tobytes() == b'a"b\n'
    assert const('"x"').t == -10


def test_comments_are_dropped():
    assert kinds("1+2 / trailing comment") == ["const", "op", "const"]
    assert kinds("/ whole line\n1") == ["nl", "const"]


def test_adverbs_and_assign_tokens():
    assert [t.val for t in tokenize("+/:")] == ["+", "/:"]
    assert kinds("x+:1") == ["name", "opc", "const"]
    assert kinds("a::1") == ["name", "::", "const"]


def test_bad_character_is_a_q_error():
    with pytest.raises(QError):
        tokenize("1 £ 2")
