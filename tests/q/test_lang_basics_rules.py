"""Rules of q stated in KX's basics pages (docs/basics/*.md) that the interpreter broke.

Examples are our own; each group names the page that states the rule."""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st, HealthCheck

from qblueprint.q import Session


# ---------------------------------------------------------------- application.md, parsetrees.md
# q has no unary forms of the glyphs: a verb with nothing on its left, followed by an operator,
# is that operator's left argument (a noun), so `f . args` applies f to its argument list.
@pytest.mark.parametrize("src, shown", [
    ("* . 6 7", "42"),
    ("- . 10 4", "6"),
    ("| . (3;8)", "8"),
    ("ssr . (\"a-b-c\";\"-\";\"+\")", "\"a+b+c\""),
    ("ss . (\"banana\";\"an\")", "1 3"),
    ("like . (`kdb;\"k*\")", "1b"),
    ("f:- . ;f 9 2", "7"),
    ("{x . y}[%;6 3]", "2f"),
])
def test_verb_before_operator_is_its_left_argument(q, src, shown):
    assert q(src) == shown


def test_prefix_and_infix_verbs_unchanged(q):
    assert q("-til 3") == "0 -1 -2"
    assert q("2 + - 3") == "-1"
    assert q("#1 2 3") == "3"
    assert q("count . enlist 4 5 6") == "3"


# ---------------------------------------------------------------- qsql.md: computed column names
@pytest.mark.parametrize("src, shown", [
    # the leftmost term names a computed column when it is a name; 10*q names none: x
    ("select 10*q, q-1, neg q from t", "x  q q1\n-------\n10 0 -1\n20 1 -2"),
    ("select 1+q, 2*q from t", "x x1\n----\n2 2\n3 4"),
    # the virtual column i is no name either
    ("select i, s from t", "x s\n---\n0 a\n1 b"),
    ("select p:i, s from t", "p s\n---\n0 a\n1 b"),
])
def test_computed_column_names(q, src, shown):
    q("t:([] s:`a`b; q:1 2)")
    assert q(src) == shown


def test_keyword_applied_infix_is_named_by_its_right_argument(q):
    q("t:([] w:1 3; v:10 20; tm:09:31 09:47)")
    assert q("select w wavg v from t") == "v\n----\n17.5"
    assert q("select sum v by 15 xbar tm from t") == "tm   | v\n-----| --\n09:30| 10\n09:45| 20"


# ---------------------------------------------------------------- qsql.md: duplicate names
@pytest.mark.parametrize("src", [
    "select q by q from t",
    "select s, q by s from t",
    "select x:sum q by x:s from t",
    "parse \"select s by s from t\"",
])
def test_result_column_named_as_a_group_is_refused(q, src):
    q("t:([] s:`a`b`a; q:1 2 3)")
    assert q(src).split("\n")[0].startswith("'dup names for cols/groups")


def test_distinct_column_and_group_names_still_work(q):
    q("t:([] s:`a`b`a; q:1 2 3)")
    assert q("select q by g:s from t") == "g| q\n-| ---\na| 1 3\nb| ,2"


# ---------------------------------------------------------------- qsql.md: x y z in phrases
def test_xyz_inside_query_phrases_make_no_arguments(q):
    q("args:{(value x)1}")
    assert q("args{select from z where a=y}") == "`x`y`z"          # the from phrase counts
    assert q("args{select from x where a=y}") == ",`x"
    assert q("args{exec y by z from x}") == ",`x"
    assert q("args{update a:z from x where b=y}") == ",`x"
    assert q("args{[x;y]select from x where a=y}") == "`x`y"      # signed lambdas as declared


def test_lambda_relying_on_y_in_a_where_phrase_has_rank_one(q):
    q("t:([]a:1 2 3)")
    assert q("{select from t where a>x,a<y}[1;3]").startswith("'rank")
    assert q("{[x;y]select from t where a>x,a<y}[1;3]") == "a\n-\n2"


def test_lambdas_inside_phrases_keep_their_own_arguments(q):
    q("t:([]a:1 2;b:10 20)")
    assert q("select c:{x*y}'[a;b] from t") == "c\n--\n10\n40"
    assert q("{select c:{x+y+z}[a;b;x] from t}100") == "c\n---\n111\n122"


# ---------------------------------------------------------------- qsql.md: Cond in a phrase
def test_cond_in_a_query_phrase_is_a_rank_error(q):
    q("t:([]a:1 2 3)")
    assert q("select from t where a>$[1b;1;2]").startswith("'rank")
    assert q("{select from t where a>$[x;1;2]}1b").startswith("'rank")
    assert q("select from t where a>{$[x;1;2]}1b") == "a\n-\n2\n3"    # wrapped in a lambda
    assert q("select b:$[`float;a] from t") == "b\n-\n1\n2\n3"        # two items: a cast
    assert q("$[1b;`yes;`no]") == "`yes"                              # outside queries: Cond


# ---------------------------------------------------------------- comparison.md: temporals
@pytest.mark.parametrize("src, shown", [
    # a point in time met by a duration is cast to the duration's type first
    ("2021.06.30D14:05:59 = 14:05", "1b"),
    ("2021.06.30D14:05:59 < 14:06", "1b"),
    ("14:05 < 2021.06.30D14:05:59", "0b"),
    ("2021.06.30D14:05:59.5 = 14:05:59", "1b"),
    ("1999.12.31D23:00:00 within 22:00 23:30", "1b"),
    ("2021.06.30T14:05:30.000 = 14:05", "1b"),
    ("(2021.06.30D14:05;0Np) < 15:00", "11b"),
    ("0Np = 0Nu", "1b"),
    # two points in time, or two durations, compare as before
    ("2021.06.30D00:00 = 2021.06.30", "1b"),
    ("0D14:05:00 = 14:05", "1b"),
])
def test_point_in_time_against_duration(q, src, shown):
    assert q(src) == shown


# ---------------------------------------------------------------- precision.md: SIMD sum
def _q_order_sum(values):
    """kdb+'s float sum as precision.md gives it: {x+y}over{x+y}over 0N 8#x (eight lanes)."""
    items = [0.0 if math.isnan(v) else v for v in values]
    whole = len(items) - len(items) % 8
    lanes = [0.0] * 8
    for row in range(0, whole, 8):
        lanes = [lane + item for lane, item in zip(lanes, items[row:row + 8])]
    total = 0.0
    if whole:
        for lane in lanes:
            total += lane
    for item in items[whole:]:
        total += item
    return total


def test_sum_adds_in_eight_lanes(q):
    q("\\P 0")
    q("x:1e-10*til 80000")
    expected = _q_order_sum([1e-10 * i for i in range(80000)])
    assert float(q("sum x")) == expected
    assert float(q("(+/)x")) == expected
    # the lane order is visible in the last bits: a datetime built from a sum
    assert q("0=(2000.01.02+sum 1000#1%86400)-2000.01.02T00:16:40.000") == "0b"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=40))
def test_sum_order_property(values):
    s = Session()
    s.console("\\P 0")
    s.console("x:()")
    for v in values:                    # exact floats, whatever their printed form
        s.console("x,:%s" % repr(float(v)).replace("e", "e").replace("inf", "0w"))
    text = s.console("sum `float$x").strip()
    assert float(text.rstrip("f")) == _q_order_sum(values)


# ---------------------------------------------------------------- implicit-iteration.md: like
def test_like_iterates_one_level_only(q):
    assert q("(`kx;\"kdb\";`q) like \"k*\"") == "110b"
    assert q("(`kx;`kdb`q) like \"k*\"").startswith("'type")
    assert q("((\"kx\";\"q\");\"kdb\") like \"k*\"").startswith("'type")


# ---------------------------------------------------------------- dictsandtables.md
def test_empty_dictionary_prints_nothing(q):
    assert q("()!()") == ""
    assert q("(`long$())!`symbol$()") == ""
    assert q("-3!()!()") == "\"()!()\""


def test_amend_out_of_range_is_a_length_error(q):
    q("v:1 2 3")
    assert q("v[3]:4").startswith("'length")
    assert q("v[0 7]:8 9").startswith("'length")
    assert q("@[v;5;:;0]").startswith("'length")
    q("d:`a`b!1 2")
    q("d[`c`a]:30 10")
    assert q("d") == "a| 10\nb| 2\nc| 30"           # a dictionary upserts instead


# ---------------------------------------------------------------- namespaces.md
def test_root_namespaces_do_not_list_dotz(q):
    assert "`z" not in q("key `")
    q(".ns.v:1")
    assert q("key `").endswith("`ns")


# ---------------------------------------------------------------- variadic.md: deltas
def test_deltas_is_a_cover_of_subtract_each_prior(q):
    assert q("deltas") == "-':"
    assert q("deltas 3 5 9") == "3 2 4"
    assert q("deltas[1;3 5 9]") == "2 2 4"
    assert q("deltas[1;3 5 9]~-':[1;3 5 9]") == "1b"
    assert q("d:deltas[100;];d 103 110") == "3 7"
    assert q("deltas[1;2;3]").startswith("'rank")


# ---------------------------------------------------------------- stats-aggregates.md: wsum
def test_wsum_of_two_integer_vectors_is_float(q):
    assert q("1 2 3 wsum 4 5 6") == "32f"
    assert q("1 2h wsum 3 4i") == "11f"
    assert q("3 wsum 4 5 6") == "45"                         # an atom keeps integers
    assert q("(1 2;3 4) wsum (10 20;30 40)") == "100 200"     # so do general lists
    assert q("1 2 wsum 1 2 3").startswith("'length")
