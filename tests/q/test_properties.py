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
