"""Property tests: atomic operators and keywords agree item by item with their atom forms
(`(x f y) ~ x f' y`, `(f x) ~ f each x`), nulls and infinities included, and the uniform keywords
agree with the iterator forms the KX reference defines them by (`sums` is `+\\`, `deltas` is `-':`)."""
from hypothesis import HealthCheck, given, settings, strategies as st

from qblueprint.q import QError, Session
from qblueprint.q.base.values import TEMPORAL_TYPES

# Literal atoms per q type: ordinary values, then the type's null and infinities.
ATOMS = {
    "boolean": ["0b", "1b"],
    "short": ["0h", "3h", "-7h", "0Nh", "0Wh", "-0Wh"],
    "int": ["0i", "2i", "-5i", "0Ni", "0Wi", "-0Wi"],
    "long": ["0", "1", "-3", "7", "0N", "0W", "-0W"],
    "real": ["0e", "1.5e", "-2.25e", "0Ne", "0We", "-0We"],
    "float": ["0f", "0.5", "-3.75", "2f", "0n", "0w", "-0w"],
    "date": ["2000.01.01", "2024.02.29", "1999.12.31", "0Nd", "0Wd"],
    "month": ["2000.01m", "2024.12m", "0Nm"],
    "timestamp": ["2000.01.01D00:00:00.000000000", "2024.03.01D12:30:00.000000001", "0Np"],
    "timespan": ["0D00:00:01.000000000", "-0D02:00:00.000000000", "0Nn"],
    "minute": ["00:01", "12:30", "0Nu"],
    "second": ["00:00:01", "23:59:59", "0Nv"],
    "time": ["00:00:00.001", "12:00:00.000", "0Nt"],
}
NUMERIC = ["boolean", "short", "int", "long", "real", "float"]
TEMPORAL = ["date", "month", "timestamp", "timespan", "minute", "second", "time"]

SESSION = Session()
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def q_vector(items):
    """q source for a simple list of the given atoms (q collapses a list of like atoms)."""
    return "enlist " + items[0] if len(items) == 1 else "(" + ";".join(items) + ")"


def vectors(types, size):
    return st.sampled_from(types).flatmap(
        lambda t: st.lists(st.sampled_from(ATOMS[t]), min_size=size, max_size=size).map(q_vector))


def atoms(types):
    return st.sampled_from(types).flatmap(lambda t: st.sampled_from(ATOMS[t]))


def outcome(src):
    """The value of q source, or the q error it signals."""
    try:
        return SESSION.eval(src)
    except QError as e:
        return "'" + e.name


def assert_same(whole_src, each_src):
    whole, each = outcome(whole_src), outcome(each_src)
    if isinstance(whole, str) or isinstance(each, str):
        assert whole == each, (whole_src, SESSION.console(whole_src), each_src, SESSION.console(each_src))
        return
    agree = outcome("(%s)~%s" % (whole_src, each_src))
    assert agree.v, (whole_src, SESSION.console(whole_src), each_src, SESSION.console(each_src))
    # Python's dates span years 1..9999 only, q's millions of years (0Wd-5 is a date): temporals
    # are compared by q alone
    if abs(whole.t) not in TEMPORAL_TYPES:
        assert same_python(whole.py(), each.py()), (whole_src, whole.py(), each.py())


def same_python(a, b):
    """Python values equal, a NaN matching a NaN (as q's ~ matches nulls)."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_python(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return type(a) is type(b) and a == b


def operands(types):
    """(x; y) pairs: two vectors of one length, or an atom with a vector on either side."""
    size = st.integers(1, 4)
    pair = size.flatmap(lambda n: st.tuples(vectors(types, n), vectors(types, n)))
    return st.one_of(pair, st.tuples(atoms(types), vectors(types, 3)), st.tuples(vectors(types, 3), atoms(types)))


ARITHMETIC = ["+", "-", "*", "%", "&", "|", "=", "<>", "<", ">", "<=", ">=", "^"]


@EXAMPLES
@given(st.sampled_from(ARITHMETIC), operands(NUMERIC))
def test_numeric_verbs_agree_with_each(verb, xy):
    x, y = xy
    assert_same("(%s)%s(%s)" % (x, verb, y), "(%s)%s'(%s)" % (x, verb, y))


# calendar points and durations/times of day; min and max across the two are left unspecified here
TEMPORAL_FAMILIES = [["date", "month", "timestamp"], ["timespan", "minute", "second", "time"]]


@EXAMPLES
@given(st.sampled_from(["+", "-", "&", "|", "=", "<>", "<", ">", "<=", ">="]),
       st.sampled_from(TEMPORAL_FAMILIES).flatmap(lambda family: operands(family + ["int", "long"])))
def test_temporal_verbs_agree_with_each(verb, xy):
    x, y = xy
    assert_same("(%s)%s(%s)" % (x, verb, y), "(%s)%s'(%s)" % (x, verb, y))


@EXAMPLES
@given(st.sampled_from(["div", "mod", "xexp"]), operands(["short", "int", "long", "float"]))
def test_numeric_keywords_agree_with_each(keyword, xy):
    x, y = xy
    assert_same("(%s) %s (%s)" % (x, keyword, y), "%s'[%s;%s]" % (keyword, x, y))


UNARY_NUMERIC = ["neg", "abs", "signum", "floor", "ceiling", "sqrt", "exp", "log", "reciprocal",
                 "not", "null"]


@EXAMPLES
@given(st.sampled_from(UNARY_NUMERIC), st.integers(1, 5).flatmap(lambda n: vectors(NUMERIC, n)))
def test_unary_numeric_keywords_agree_with_each(keyword, x):
    assert_same("%s %s" % (keyword, x), "%s each %s" % (keyword, x))


@EXAMPLES
@given(st.sampled_from(["neg", "abs", "signum", "not", "null", "floor"]),
       st.integers(1, 4).flatmap(lambda n: vectors(TEMPORAL, n)))
def test_unary_temporal_keywords_agree_with_each(keyword, x):
    assert_same("%s %s" % (keyword, x), "%s each %s" % (keyword, x))


# Uniform keywords and the iterator forms the KX reference gives for them.
UNIFORM = {"sums": "(+\\)", "prds": "(*\\)", "maxs": "(|\\)", "mins": "(&\\)",
           "deltas": "(-':)", "ratios": "(%':)"}


@EXAMPLES
@given(st.sampled_from(sorted(UNIFORM)), st.integers(1, 6).flatmap(lambda n: vectors(NUMERIC, n)))
def test_uniform_keywords_match_their_definitions(keyword, x):
    assert_same("%s %s" % (keyword, x), "%s %s" % (UNIFORM[keyword], x))


@EXAMPLES
@given(st.integers(1, 6).flatmap(lambda n: vectors(NUMERIC + TEMPORAL, n)))
def test_differ_is_not_match_prior_after_its_first_item(x):
    """differ is `not ~':` on consecutive pairs; its first item is always 1b."""
    assert_same("1_differ %s" % x, "1_not (~':) %s" % x)
    assert SESSION.eval("first differ %s" % x).v


def test_long_infinities_divide_as_their_values():
    """q converts a long to float by value before `%` (as `"f"$`), so atom and vector agree."""
    assert SESSION.eval("(-0W%0W)~first (enlist -0W)%enlist 0W").v
    assert SESSION.eval('(1%0W)~1%"f"$0W').v


def test_deltas_with_nulls_follows_subtraction():
    assert SESSION.console("deltas 1 0N 3") == "1 0N 0N\n"


def test_mod_with_a_null_is_null():
    assert SESSION.console("5 mod 0N") == "0N\n"
    assert SESSION.console("0N 7 mod 3") == "0N 1\n"
    # a date mod a whole number is an int (ref/mod.md's range table)
    assert SESSION.console("2024.02.29 mod 0N") == "0Ni\n"


def test_real_results_hold_only_32_bit_floats():
    """A real atom computed in double precision equals the same item of a real vector."""
    assert SESSION.eval("(1.5e%-2.25e)~first (enlist 1.5e)%enlist -2.25e").v
    assert SESSION.eval("(0Wi mod 0We)~first (enlist 0Wi) mod enlist 0We").v


def test_min_and_max_of_two_temporal_types_take_the_finer():
    assert SESSION.console("2000.01.02|2024.03.01D12:30") == "2024.03.01D12:30:00.000000000\n"
    assert SESSION.console("2000.03m&2000.01.02") == "2000.01.02\n"
    assert SESSION.console("0D01&00:30") == "0D00:30:00.000000000\n"


def test_xexp_at_minus_infinity_agrees_for_atoms_and_vectors():
    assert SESSION.eval("(-0w xexp 0.5)~first (enlist -0w) xexp enlist 0.5").v
    assert SESSION.eval("(-0w xexp 0.5)~first (enlist -0w) xexp 0.5").v
