"""Issue 13, item 3: a list with elided items is a projection of enlist, applied by
juxtaposition, @, . and brackets, and agrees with the explicit lambda."""
import pytest
from hypothesis import given, settings, strategies as st

from qblueprint.q import Session


@pytest.mark.parametrize("src, shown", [
    ("(10;;30) 20", "10 20 30"), ("(;2;) . 1 3", "1 2 3"), ("(;2;)[1;3]", "1 2 3"),
    ("(;`b)@`a", "`a`b"), ("type (1;;3)", "104h"), ("p:(1;;3);p 2", "1 2 3"),
    ("(;\"z\") each \"xy\"", "\"xz\"\n\"yz\""), ("((;2;) . 1 3)~1 2 3", "1b"),
    # 4.1 dictionary literals with missing values project the same way
    ("d:([a:101;b:]);d 102", "a| 101\nb| 102"),
    ("([k1:;k2:])[1;\"a\"]", "k1| 1\nk2| \"a\""),
])
def test_elided_lists(q, src, shown):
    assert q(src) == shown


ITEM = st.sampled_from(["1", "2.5", "`s", "\"c\"", "0N", "1 2", "`a`b", "\"str\"", "()", "3h"])


@settings(max_examples=120, deadline=None)
@given(st.lists(st.one_of(st.none(), ITEM), min_size=2, max_size=5).filter(
    lambda xs: 0 < xs.count(None) <= 3), st.lists(ITEM, min_size=3, max_size=3))
def test_projection_agrees_with_explicit_lambda(items, fill):
    holes = items.count(None)
    names = "xyz"[:holes]
    it = iter(names)
    elided = "(" + ";".join("" if i is None else i for i in items) + ")"
    body = "(" + ";".join(next(it) if i is None else i for i in items) + ")"
    lam = "{[%s] %s}" % (";".join(names), body)
    args = fill[:holes]
    s = Session()
    for form in ("%s . (%s)" % ("{0}", ";".join(args) if holes > 1 else "enlist " + args[0]),
                 "{0}[%s]" % ";".join(args)):
        got = s.console(form.format(elided))
        want = s.console(form.format(lam))
        assert got == want, (form.format(elided), got, want)
    if holes == 1:
        assert s.console("%s %s" % (elided, args[0])) == s.console("%s %s" % (lam, args[0]))
