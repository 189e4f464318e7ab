"""each, each-left/right/prior, over and scan in their forms."""
import pytest


@pytest.mark.parametrize("src, out", [
    ("count each (1 2;3 4 5)", "2 3"),
    ("{x+y}'[1 2;10 20]", "11 22"),
    ("1 2,'3 4", "1 3\n2 4"),
    ("1 2,\\:3", "1 3\n2 3"),
    ("1,/:2 3", "1 2\n1 3"),
    ("-':[1 4 9]", "1 3 5"),
    ("10-':1 4 9", "-9 3 5"),
    ("+/[1 2 3]", "6"),
    ("10+/1 2 3", "16"),
    ("+\\[1 2 3]", "1 3 6"),
    ("{x*y}/[1 2 3 4]", "24"),
    ("{x+1}/[3;0]", "3"),
    ("{x+1}\\[3;0]", "0 1 2 3"),
    ("{x<100}{x*2}/1", "128"),
    ("{1_x}\\[1 2 3]", "1 2 3\n2 3\n,3\n`long$()"),
    ("{x+y+z}/[0;1 2;10 20]", "33"),
    ("(,/)(1 2;3;4 5)", "1 2 3 4 5"),
    ("\",\"/:(\"a\";\"b\")", "\"a,b\""),
    ("0 1 0'[\"abc\";\"xyz\"]", "\"ayc\""),
])
def test_iterator_forms(q, src, out):
    assert q(src) == out


def test_empty_folds(q):
    assert q("+/[`long$()]") == "0"
    assert q("sum `float$()") == "0f"


def test_each_on_dictionary_keeps_keys(q):
    assert q("neg each `a`b!1 2") == "a| -1\nb| -2"


def test_fold_with_lambda_is_sequential(q):
    assert q("{x,y}/[();1 2 3]") == "1 2 3"
    assert q("{y,x}/[();1 2 3]") == "3 2 1"
