"""`#` take, `_` drop and `cut` in their overloads (kdb+ reference: take, drop, cut)."""
import pytest


@pytest.mark.parametrize("src, out", [
    # take: first/last n items, cycling to overtake
    ("3#1 2 3 4 5", "1 2 3"), ("-2#1 2 3 4 5", "4 5"), ("5#`a`b", "`a`b`a`b`a"),
    ("-5#`a`b", "`b`a`b`a`b"), ("3#9", "9 9 9"), ("2#`a", "`a`a"), ("0#1 2 3", "`long$()"),
    ("3#0#0", "0N 0N 0N"), ("2#(1;`a;\"b\")", "1\n`a"),
    # dictionaries and tables take entries and rows
    ("2#`a`b`c!1 2 3", "a| 1\nb| 2"), ("-2#`a`b`c!1 2 3", "b| 2\nc| 3"),
    ("`a`c#`a`b`c!1 2 3", "a| 1\nc| 3"), ("enlist[`b]#`a`b`c!1 2 3", "b| 2"),
    ("count 5#([]a:1 2)", "5"), ("`b#([]a:1 2;b:3 4)", "b\n-\n3\n4"),
    # reshape by a shape vector
    ("enlist[2]#til 10", "0 1"), ("2 3#til 6", "0 1 2\n3 4 5"), ("2 2#`a`b`c", "a b\nc a"),
    ("0N 3#til 10", "0 1 2\n3 4 5\n6 7 8\n,9"), ("3 0N#til 10", "0 1 2\n3 4 5\n6 7 8 9"),
    ("4 0N#til 9", "0 1\n2 3\n4 5\n6 7 8"), ("count each 10 0N#(),10", "0 0 0 0 0 0 0 0 0 1"),
    ("(2 2 3#til 5)~((0 1 2;3 4 0);(1 2 3;4 0 1))", "1b"), ("(enlist(\"\";\"\"))~1 2 0#\"a\"", "1b"),
    ("count each 2 3 4#til 5", "3 3"),
])
def test_take(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("shape", ["2 3 0N", "0N 2 1", "-1 2 3", "1 0 2"])
def test_take_rejects_nulls_negatives_and_inner_zeros_in_deep_shapes(q, shape):
    assert q(shape + "#1 2") == "'domain"


@pytest.mark.parametrize("src, out", [
    ("2_1 2 3 4", "3 4"), ("-3_1 2 3 4", ",1"), ("9_1 2 3", "`long$()"),
    ("1 _ `a`b`c!1 2 3", "b| 2\nc| 3"), ("1_([]a:1 2 3)", "a\n-\n2\n3"),
    ("1_([k:1 2 3]v:4 5 6)", "k| v\n-| -\n2| 5\n3| 6"),
    # drop one item by index, or entries by key
    ("0 1 2 3_2", "0 1 3"), ("0 1 2_5", "0 1 2"), ("(`a`b`c!1 2 3)_`a", "b| 2\nc| 3"),
    ("`a _ `a`b`c!1 2 3", "b| 2\nc| 3"), ("`a`b _ `a`b`c!1 2 3", "c| 3"),
    ("(`a`b`c!1 2 3) _ `a`b", "'type"),
    ("d:100 200!`a`b; enlist[100] _ d", "200| b"), ("d:100 200!`a`b; d _ 100", "200| b"),
    ("d:100 200!`a`b; 1 _ d", "200| b"),
    # drop table columns (a symbol vector only)
    ("`a`b _ ([]a:1 2;b:3 4;c:5 6)", "c\n-\n5\n6"), ("`a _ ([]a:1 2;b:3 4)", "'type"),
    ("([]a:1 2;b:3 4) _ `a", "'type"), ("2_3", "'type"),
])
def test_drop(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("2 4 9 _ til 10", "2 3\n4 5 6 7 8\n,9"), ("2 4 4 9 _ til 10", "2 3\n`long$()\n4 5 6 7 8\n,9"),
    ("4 cut til 10", "0 1 2 3\n4 5 6 7\n8 9"), ("0 3 _ \"abcde\"", "\"abc\"\n\"de\""),
    ("last 0 3 _ ([]a:til 5)", "a\n-\n3\n4"), ("3 1 _ til 5", "'domain"),
])
def test_cut(q, src, out):
    assert q(src) == out
