"""Property tests for tables: random table expressions (literals, qSQL, joins, keying, adding rows)
only ever give q values or q errors, never a Python exception."""
from hypothesis import given, settings, strategies as st, HealthCheck

from qblueprint.q import Session, QError

TABLES = st.sampled_from([
    "([]a:1 2 3;b:`x`y`z)", "([]a:1 1 2;c:1.5 2 0n)", "([]b:`x`x`q;c:3#0b)", "([]a:`int$();b:`$())",
    "([a:1 2]b:`p`q)", "([a:1 3;b:`x`z]c:10 20)", "([]a:1 2;s:(\"ab\";\"c\"))", "([]t:09:00 09:05;a:1 2)",
    "t", "k", "e"])
COLUMNS = st.sampled_from(["a", "b", "c", "s", "t", "i", "z"])
VALUES = st.sampled_from(["1", "`x", "2.5", "0N", "\"c\"", "1 2", "09:01", "`x`y", "()"])
AGGREGATES = st.sampled_from(["sum", "count", "max", "first", "last", "avg", "distinct", "reverse"])
VERBS = st.sampled_from(["=", "<", ">", "+", "in", "within", "like", "&"])
JOINS = st.sampled_from(["lj", "ij", "pj", "uj", ",", "ljf", "ujf", "upsert", "insert", "bin", "asof",
                         "xkey", "xasc", "xdesc", "xcol", "xgroup", "#", "_", "!", "except", "in"])
UNARY = st.sampled_from(["ungroup", "meta", "keys", "cols", "key", "value", "flip", "count", "0!",
                         "1!", "`s#", "distinct", "first", "fkeys", "asc", "reverse", "enlist", "raze"])


CLAUSES = st.one_of(
    st.tuples(COLUMNS, VERBS, VALUES).map(lambda t: "%s%s%s" % t),
    st.tuples(AGGREGATES, COLUMNS).map(lambda t: "%s %s" % t),
    COLUMNS,
)


def tables():
    def extend(inner):
        cols = COLUMNS
        return st.one_of(
            st.tuples(CLAUSES, inner, CLAUSES).map(lambda t: "select %s from (%s) where %s" % t),
            st.tuples(CLAUSES, cols, inner).map(lambda t: "select %s by %s from (%s)" % t),
            st.tuples(cols, CLAUSES, inner).map(lambda t: "update %s:%s from (%s)" % t),
            st.tuples(cols, inner).map(lambda t: "exec %s from (%s)" % t),
            st.tuples(inner, CLAUSES).map(lambda t: "delete from (%s) where %s" % t),
            st.tuples(cols, inner).map(lambda t: "delete %s from (%s)" % t),
            st.tuples(inner, JOINS, inner).map(lambda t: "(%s) %s (%s)" % t),
            st.tuples(cols, inner, inner).map(lambda t: "aj[`%s`t;%s;%s]" % t),
            st.tuples(cols, inner, inner).map(lambda t: "ej[`%s;%s;%s]" % t),
            st.tuples(UNARY, inner).map(lambda t: "%s (%s)" % t),
            st.tuples(inner, VALUES).map(lambda t: "(%s)[%s]" % t),
            st.tuples(inner, CLAUSES).map(lambda t: "?[%s;enlist(>;`a;1);0b;()]" % t[0]),
            st.tuples(cols, inner).map(lambda t: "t,:(%s)" % t[1]),
            st.tuples(inner, VALUES).map(lambda t: "`k upsert (%s;%s)" % t),
        )
    return st.recursive(TABLES, extend, max_leaves=3)


SESSION = Session()
SESSION.console("t:([]a:1 2 3;b:`x`y`z;c:1 2 3f)")
SESSION.console("k:([a:1 2]b:`p`q)")
SESSION.console("sym:`x`y`z;f:([a:1 2 3]v:4 5 6);e:([]a:`f$1 2;b:`sym$`x`z)")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_table_expressions_raise_only_q_errors(src):
    """Evaluated below the console's last-resort handler, so a Python error would surface here."""
    try:
        SESSION._run(SESSION._eval_text, src)
    except QError:
        pass


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_console_text_of_table_expressions(src):
    assert isinstance(SESSION.console(src), str)
