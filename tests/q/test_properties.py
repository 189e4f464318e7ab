"""Property tests: random q from a small grammar only ever yields q values or q errors."""
from hypothesis import given, settings, strategies as st, HealthCheck

from qblueprint.q import Session, QError

ATOMS = st.sampled_from(["0", "1", "-2", "3i", "2h", "1.5", "0n", "0N", "0w", "1b", "0x0f", "\"a\"",
                         "`a", "`b", "2000.01.01", "12:00", "()", "::", "\"\""])
VECTORS = st.sampled_from(["1 2 3", "1.5 2 0n", "101b", "`a`b`c", "\"abc\"", "til 5", "0N 1 2",
                           "(1;`a)", "`a`b!1 2", "([]a:1 2;b:`x`y)", "2000.01.01 2000.02.01",
                           "(1 2;3 4)", "{x+y}", "{x}", "+/"])
VERBS = st.sampled_from(list("+-*%&|^=<>~!#_,$?@.") + ["<=", ">=", "<>"])
UNARY = st.sampled_from(["neg", "count", "first", "last", "sum", "avg", "til", "reverse", "string",
                         "type", "distinct", "where", "flip", "key", "value", "asc", "raze",
                         "enlist", "null", "not", "abs", "sqrt", "sums", "deltas", "group"])
ADVERBS = st.sampled_from(["/", "\\", "'", "/:", "\\:", "':"])


def expressions():
    leaf = st.one_of(ATOMS, VECTORS)

    def extend(inner):
        return st.one_of(
            st.tuples(inner, VERBS, inner).map(lambda t: "(%s)%s(%s)" % t),
            st.tuples(UNARY, inner).map(lambda t: "%s %s" % (t[0], "(" + t[1] + ")")),
            st.tuples(VERBS, ADVERBS, inner).map(lambda t: "(%s%s)(%s)" % t),
            st.tuples(inner, inner).map(lambda t: "(%s)[%s]" % t),
            st.tuples(inner, inner).map(lambda t: "(%s;%s)" % t),
            st.tuples(VERBS, inner, inner).map(lambda t: "%s[%s;%s]" % t),
        )
    return st.recursive(leaf, extend, max_leaves=6)


SESSION = Session()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions())
def test_evaluation_raises_only_q_errors(src):
    """The interpreter itself must signal q errors, never leak Python ones (checked below the
    console's last-resort handler, which would otherwise hide them)."""
    try:
        SESSION._run(SESSION._eval_text, src)
    except QError:
        pass


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 +-*%!#$@.,:;'/\\()[]{}`\"abcxyz_^&|<>=~?\n", max_size=30))
def test_console_always_returns_text(src):
    out = Session().console(src)
    assert isinstance(out, str)


TABLE_SETUP = 't:([]a:1 2 3;b:`x`y`x;c:1.5 2.5 0n); k:([k:`p`q]v:1 2); d:`a`b!1 2; s:"hello"'
TABLE_LEAVES = st.sampled_from([
    "t", "k", "d", "s", "`t", "12:00:00.000", "2000.01.01D12:00", "0D01:00", "2000.01m",
    "(select from t)", "(select a from t where b=`x)", "(select sum a by b from t)",
    "(exec a from t)", "(update c:a*2 from t)", "(delete from t where a>1)", "(update v:0 from k)"])
TABLE_VERBS = st.sampled_from(list("+-*%&|^=<>~!#_,$?@.") + [" xkey ", " lj ", " ij ", " uj ",
                                                               " upsert ", " cross ", " in ",
                                                               " xbar ", " except ", " union "])
TABLE_UNARY = st.sampled_from(["cols", "meta", "ungroup", "0!", "1!", "fills", "deltas", "count",
                               "first", "flip", "key", "value", "distinct", "reverse", "sum",
                               "`date$", "`int$", "string"])


def table_expressions():
    leaf = st.one_of(ATOMS, TABLE_LEAVES)

    def extend(inner):
        return st.one_of(
            st.tuples(inner, TABLE_VERBS, inner).map(lambda t: "(%s)%s(%s)" % t),
            st.tuples(TABLE_UNARY, inner).map(lambda t: "%s (%s)" % t),
            st.tuples(VERBS, ADVERBS, inner).map(lambda t: "(%s%s)(%s)" % t),
            st.tuples(inner, inner).map(lambda t: "(%s)[%s]" % t),
            st.tuples(inner, inner, inner).map(lambda t: "@[%s;%s;%s]" % t),
        )
    return st.recursive(leaf, extend, max_leaves=5)


TABLE_SESSION = Session()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table_expressions())
def test_table_and_temporal_expressions_raise_only_q_errors(src):
    TABLE_SESSION.console(TABLE_SETUP)
    try:
        TABLE_SESSION._run(TABLE_SESSION._eval_text, src)
    except QError:
        pass
