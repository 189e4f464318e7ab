"""Operators and their overloads, with q's type promotion and nulls."""
import pytest


@pytest.mark.parametrize("src, out", [
    ("1+2", "3"), ("1+2i", "3"), ("1i+2i", "3i"), ("1h+1b", "2i"), ("1b+1b", "2i"),
    ("1+2.5", "3.5"), ("3%2", "1.5"), ("1%0", "0w"), ("0%0", "0n"), ("-1%0", "-0w"),
    ("0N+1", "0N"), ("1 0N 3*2", "2 0N 6"), ("0W+1", "0N"),
    ("2 3 4-1", "1 2 3"), ("neg 1 -2", "-1 2"),
    ("2000.01.01+1", "2000.01.02"), ("2000.01.03-2000.01.01", "2i"), ("12:00+1", "12:01"),
])
def test_arithmetic(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("1 2 3=2", "010b"), ("1<2", "1b"), ("`a<`b", "1b"), ("0n=0n", "1b"), ("0n<1", "1b"),
    ("(0.1+0.2)=0.3", "1b"), ("1 2 3<>2", "101b"), ("\"abc\"=\"b\"", "010b"),
    ("1~1", "1b"), ("1~1i", "0b"), ("(1;`a)~(1;`a)", "1b"), ("1 2~1 2 3", "0b"),
])
def test_comparison_and_match(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("3&5", "3"), ("3|5", "5"), ("1 5&3", "1 3"), ("0^1 0N 3", "1 0 3"), ("`a`b!1 2", "a| 1\nb| 2"),
    ("1 2,3", "1 2 3"), ("1,`a", "1\n`a"), ("3#1 2", "1 2 1"), ("-2#1 2 3", "2 3"), ("2_1 2 3", ",3"),
    ("1 2 3 4_2", "1 2 4"), ("0 2_til 5", "0 1\n2 3 4"), ("2 3#til 6", "0 1 2\n3 4 5"),
    ("10 20 30?20", "1"), ("10 20 30?40", "3"), ("\"abc\"?\"cb\"", "2 1"),
    ("5$\"ab\"", "\"ab   \""), ("-5$\"ab\"", "\"   ab\""), ("`int$3.7", "4i"), ("\"I\"$\"12\"", "12i"),
    ("`$\"abc\"", "`abc"), ("`date$0", "2000.01.01"),
])
def test_structural_verbs(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, err", [
    ("1+`a", "'type"), ("1 2+1 2 3", "'length"), ("`a`b!1 2 3", "'length"), ("til -1", "'domain"),
])
def test_errors(q, src, err):
    assert q(src) == err


def test_dictionary_arithmetic_aligns_keys(q):
    assert q("(`a`b!1 2)+`b`c!10 20") == "a| 1\nb| 12\nc| 20"


def test_table_arithmetic_is_columnwise(q):
    assert q("([]a:1 2)*10") == "a\n--\n10\n20"


def test_index_and_apply(q):
    q("x:10 20 30")
    assert q("x 1") == "20"
    assert q("x[0 2]") == "10 30"
    assert q("x 5") == "0N"
    assert q("(`a`b!1 2)`b") == "2"
    assert q("{x*y} . 3 4") == "12"
    assert q("@[til 5;1 3;neg]") == "0 -1 2 -3 4"
    assert q(".[(1 2;3 4);1 0;+;10]") == "1  2\n13 4"


def test_amend_assignments(q):
    q("x:1 2 3")
    q("x[1]:20")
    assert q("x") == "1 20 3"
    assert q("x[0]:1.5").startswith("'type")
    q("d:`a`b!1 2")
    q("d[`c]:3")
    assert q("d") == "a| 1\nb| 2\nc| 3"
    q("x,:4")
    assert q("x") == "1 20 3 4"
