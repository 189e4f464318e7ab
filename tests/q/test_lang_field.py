"""Rules of q that public q code (puzzle solutions, tutorials) leans on and the reference pages
show little of; found by running such code, tested here with examples of our own."""
import pytest
from hypothesis import given, settings, strategies as st

from qblueprint.q import Session


def test_modified_assignment_in_a_lambda_amends_the_global(q):
    # name+:v does not declare a local: with no local of that name it amends the global,
    # as a timer's counter does (cnt+:1 in .z.ts)
    q("hits:0")
    assert q("{hits+:x; hits} each 2 3") == "2 5"
    assert q("hits") == "5"
    q("seen:()")
    q("{seen,:x} each `p`q")
    assert q("seen") == "`p`q"


def test_modified_assignment_of_a_local_or_an_argument_stays_local(q):
    q("n:100")
    # any plain assignment of n anywhere in the body makes it local for all of the body
    assert q("{n:x; n*:2; n} 7") == "14"
    assert q("n") == "100"
    assert q("{x+:1; x} 41") == "42"
    assert q("{[a;b] b-:a; b}[1;10]") == "9"
    assert q("n") == "100"


@pytest.mark.parametrize("src, result", [
    # a trailing :: makes the expression before it a function of one argument
    ("(sum 2#::) 7 8 9", "15"),
    ("(3=count distinct::) each (\"aab\";\"abc\")", "01b"),
    ("(neg 10-::) 4", "-6"),
    ("(where 2<::) 1 5 2 7", "1 3"),
    ("(where ~/:[;(1 2;3 4;1 2)]::) 1 2", "0 2"),
    ("(first;last;sum 2#::)@\\:4 5 6", "4 6 9"),
    # data before it is indexed with ::, which gives all of it
    ("10 20 30 ::", "10 20 30"),
])
def test_trailing_identity_closes_a_composition(q, src, result):
    assert q(src) == result


def test_a_keyed_table_indexed_at_depth_by_a_string_key(q):
    # the key is one string: the row it finds is then indexed by column
    q("files:([path:(enlist \"/\";\"/etc\";\"/tmp\")] size:10 20 30; kind:`d`d`f)")
    assert q("files[\"/etc\";`size]") == "20"
    assert q("files[enlist \"/\";`kind]") == "`d"
    assert q("files[(enlist \"/\";\"/tmp\");`size]") == "10 30"
    # a dictionary keyed by strings whose values are dictionaries, likewise
    q("opts:(\"ab\";\"cd\")!(`lo`hi!1 2;`lo`hi!3 4)")
    assert q("opts[\"cd\";`hi]") == "4"


@pytest.mark.parametrize("src, result", [
    # whitespace may come before \ (before / it would start a comment)
    ("0 {x+y} \\ 1 2 3", "1 3 6"),
    ("(+) \\ 4 5", "4 9"),
    ("1 2 ,\\: 3", "1 3\n2 3"),
    ("{x*2} \\[3;1]", "1 2 4 8"),
])
def test_scan_after_whitespace(q, src, result):
    assert q(src) == result


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-5, 5), max_size=40), st.lists(st.integers(-5, 5), max_size=300))
def test_in_finds_members_of_short_and_long_lists_alike(xs, ys):
    # short lists take a set lookup, long ones numpy's: the answer is the same
    q = Session()
    got = q.eval("(`long$%s) in `long$%s" % (_q_longs(xs), _q_longs(ys)))
    assert [bool(b) for b in got.a] == [x in ys for x in xs]
    chars = "".join("abcdefghijk"[x + 5] for x in xs)
    pool = "".join("abcdefghijk"[y + 5] for y in ys)
    got = q.eval('(`char$%s) in `char$"%s"' % ('enlist"%s"' % chars if len(chars) == 1 else '"%s"' % chars, pool))
    assert [bool(b) for b in got.a] == [c in pool for c in chars]


def _q_longs(xs):
    return "()" if not xs else "(enlist %d)" % xs[0] if len(xs) == 1 else " ".join(map(str, xs))
