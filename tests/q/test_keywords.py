"""Keywords: math, aggregates, uniform functions, lists, strings."""
import pytest


@pytest.mark.parametrize("src, out", [
    ("til 3", "0 1 2"), ("sum 1 2 3", "6"), ("sum 1 0N 3", "4"), ("prd 1 2 3 4", "24"),
    ("max 3 1 2", "3"), ("min 3 1 2", "1"), ("avg 1 2 3 4", "2.5"), ("med 3 1 2 10", "2.5"),
    ("var 1 2 3 4", "1.25"), ("dev 1 2 3 4", "1.118034"), ("sums 1 2 3", "1 3 6"),
    ("prds 1 2 3", "1 2 6"), ("maxs 1 3 2", "1 3 3"), ("deltas 1 4 9", "1 3 5"),
    ("differ 1 1 2 2 1", "10101b"), ("fills 1 0N 0N 4", "1 1 1 4"), ("prev 1 2 3", "0N 1 2"),
    ("next 1 2 3", "2 3 0N"), ("3 mavg 1 2 3 4 5", "1 1.5 2 3 4"), ("2 msum 1 2 3", "1 3 5"),
    ("reverse 1 2 3", "3 2 1"), ("first 1 2 3", "1"), ("last 1 2 3", "3"),
    ("distinct 1 2 1 3", "1 2 3"), ("where 101b", "0 2"), ("where 2 1", "0 0 1"),
    ("asc 3 1 2", "`s#1 2 3"), ("desc 3 1 2", "3 2 1"), ("iasc 3 1 2", "1 2 0"),
    ("rank 30 10 20", "2 0 1"), ("group `a`b`a", "a| 0 2\nb| ,1"), ("raze (1 2;3)", "1 2 3"),
    ("flip (1 2;3 4)", "1 3\n2 4"), ("1 2 3 except 2", "1 3"), ("1 2 3 inter 2 3 4", "2 3"),
    ("1 2 union 2 3", "1 2 3"), ("2 in 1 2 3", "1b"), ("3 within 1 5", "1b"),
    ("1 3 5 bin 4", "1"), ("1 rotate 1 2 3", "2 3 1"), ("2 sublist 1 2 3", "1 2"),
    ("2 xexp 10", "1024f"), ("7 mod 3", "1"), ("-7 div 2", "-4"), ("abs -3 4", "3 4"),
    ("signum -2 0 5", "-1 0 1i"), ("floor 2.5 -2.5", "2 -3"), ("ceiling 2.1", "3"),
    ("sqrt 4", "2f"), ("exp 0", "1f"), ("log 1", "0f"), ("not 0 1 2", "100b"),
    ("null 1 0N", "01b"), ("type 1", "-7h"), ("type `a`b", "11h"), ("type ()", "0h"),
    ("count 1 2 3", "3"), ("all 110b", "0b"), ("any 10b", "1b"),
    ("lower \"AbC\"", "\"abc\""), ("upper `abc", "`ABC"), ("trim \"  a \"", ",\"a\""),
    ("string 42", "\"42\""), ("\"abc\" like \"a*\"", "1b"), ("\"a,b\" ss \",\"", ",1"),
    ("ssr[\"hello\";\"l\";\"L\"]", "\"heLLo\""), ("\",\" vs \"a,b\"", ",\"a\"\n,\"b\""),
    ("\"-\" sv (\"a\";\"b\")", "\"a-b\""), ("2 vs 5", "1 0 1"), ("2 sv 1 0 1", "5"),
    ("`a`b cross 1 2", "`a 1\n`a 2\n`b 1\n`b 2"), ("key `a`b!1 2", "`a`b"),
    ("value `a`b!1 2", "1 2"), ("value \"1+2\"", "3"), ("wavg[1 2;3 4]", "3.666667"),
])
def test_keyword(q, src, out):
    assert q(src) == out


def test_show_and_writes_go_to_console_in_order(q):
    assert q('-1 "one"; show 1 2; 0N!3; 4') == "one\n1 2\n3\n4"
