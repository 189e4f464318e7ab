"""Property tests for temporal values and casts: random expressions only give q values or q errors,
and the round trips q guarantees hold (text and back, widening casts and back)."""
import datetime as dt

from hypothesis import given, settings, strategies as st, HealthCheck

from qblueprint.q import Session, QError
from qblueprint.q.output.display import console_text

EPOCH = dt.datetime(2000, 1, 1)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

days = st.integers(min_value=-36500, max_value=36500)
nanos_in_day = st.integers(min_value=0, max_value=86_400_000_000_000 - 1)


def date_text(d):
    return (EPOCH + dt.timedelta(days=d)).strftime("%Y.%m.%d")


def clock_text(ns, digits):
    s, frac = divmod(ns, 1_000_000_000)
    text = "%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)
    return text + ("." + str(frac).zfill(9)[:digits] if digits else "")


dates = days.map(date_text)
months = st.tuples(st.integers(1900, 2099), st.integers(1, 12)).map(lambda t: "%04d.%02dm" % t)
timestamps = st.tuples(days, nanos_in_day).map(lambda t: date_text(t[0]) + "D" + clock_text(t[1], 9))
datetimes = st.tuples(days, nanos_in_day).map(lambda t: date_text(t[0]) + "T" + clock_text(t[1], 3))
timespans = st.tuples(st.integers(-400, 400), nanos_in_day).map(
    lambda t: ("-" if t[0] < 0 else "") + "%dD" % abs(t[0]) + clock_text(t[1], 9))
times = nanos_in_day.map(lambda ns: clock_text(ns, 3))
seconds = nanos_in_day.map(lambda ns: clock_text(ns, 0))
minutes = nanos_in_day.map(lambda ns: clock_text(ns, 0)[:5])
specials = st.sampled_from(["0Nd", "0Wd", "-0Wd", "0Np", "0Wp", "0Nz", "0Nn", "0Wn", "0Nt", "0Nu",
                            "0Nv", "0Nm", "0Wt"])
temporal_atoms = st.one_of(dates, months, timestamps, datetimes, timespans, times, seconds, minutes,
                           specials)
numbers = st.sampled_from(["1", "-2", "3i", "2h", "1.5", "0N", "0W", "1b", "0x01", "0n"])
vectors = st.lists(temporal_atoms, min_size=2, max_size=4).map(" ".join)
operands = st.one_of(temporal_atoms, temporal_atoms, numbers, vectors, vectors.map("({})".format))

BINARY = st.sampled_from(["+", "-", "*", "%", "=", "<", ">", "~", ",", "&", "|", "within", "xbar",
                          "mod", "div", "bin", "?", "#", "_", "^"])
UNARY = st.sampled_from(["string", "neg", "abs", "asc", "desc", "max", "min", "avg", "sum", "deltas",
                         "distinct", "first", "null", "type", "floor", "ceiling", "not", "count",
                         "reverse", "sums", "differ", "iasc", "-3!", "0N!"])
CASTS = st.sampled_from(["`date$", "`month$", "`timestamp$", "`datetime$", "`timespan$", "`minute$",
                         "`second$", "`time$", "`long$", "`int$", "`float$", "`year$", "`mm$", "`dd$",
                         "`hh$", "`uu$", "`ss$", "`week$", "\"d\"$", "\"p\"$", "`$", "`boolean$"])
TOKS = st.sampled_from(['"D"$', '"P"$', '"Z"$', '"N"$', '"T"$', '"U"$', '"V"$', '"M"$', '"J"$',
                        '"F"$', '"I"$', '"G"$', '"B"$', '"X"$', '"S"$'])
FIELDS = st.sampled_from(["year", "month", "mm", "dd", "hh", "uu", "ss", "minute", "second", "date",
                          "time", "week", "timestamp"])


def expressions():
    def extend(inner):
        return st.one_of(
            st.tuples(inner, BINARY, inner).map(lambda t: "(%s)%s(%s)" % t),
            st.tuples(UNARY, inner).map(lambda t: "%s (%s)" % t),
            st.tuples(CASTS, inner).map(lambda t: "%s(%s)" % t),
            st.tuples(TOKS, inner).map(lambda t: "%sstring %s" % t),
            st.tuples(inner, FIELDS).map(lambda t: "{x:%s;x.%s}[]" % t),
        )
    return st.recursive(operands, extend, max_leaves=4)


SESSION = Session()


def run(src):
    """The value of src, or None for a q error; Python exceptions propagate and fail the test."""
    try:
        value, _ = SESSION._run(SESSION._eval_text, src)
    except QError:
        return None
    SESSION._run(console_text, value)
    return value


@SETTINGS
@given(expressions())
def test_temporal_expressions_raise_only_q_errors(src):
    run(src)


@SETTINGS
@given(expressions())
def test_console_answers_with_text(src):
    assert isinstance(Session().console(src), str)


@SETTINGS
@given(st.one_of(st.tuples(st.just("D"), dates), st.tuples(st.just("P"), timestamps),
                 st.tuples(st.just("Z"), datetimes), st.tuples(st.just("N"), timespans),
                 st.tuples(st.just("T"), times), st.tuples(st.just("V"), seconds),
                 st.tuples(st.just("U"), minutes), st.tuples(st.just("M"), months)))
def test_tok_reads_back_what_string_writes(case):
    letter, literal = case
    assert run('x:%s; x~"%s"$string x' % (literal, letter)).v is True


@SETTINGS
@given(st.one_of(dates, timestamps, timespans, times, seconds, minutes, months, datetimes))
def test_console_text_reads_back_as_the_same_value(literal):
    shown = Session().console(literal).rstrip("\n")
    assert run("(%s)~%s" % (literal, shown)).v is True


@SETTINGS
@given(st.one_of(dates, minutes, seconds, times, months))
def test_widening_casts_round_trip(literal):
    for wider in ("`timestamp$", "`timespan$", "`long$"):
        src = "x:%s; x~(abs type x)$%sx" % (literal, wider)
        result = run(src)
        if result is not None:     # not every pair converts (a month is no timespan)
            assert result.v is True, src


@SETTINGS
@given(days, st.integers(-1000, 1000))
def test_date_arithmetic_matches_python(d, n):
    expected = date_text(d + n)
    assert Session().console("%s+%d" % (date_text(d), n)).rstrip("\n") == expected
    assert run("(%s+%d)-%s" % (date_text(d), n, date_text(d))).v == n


@SETTINGS
@given(st.sampled_from("HIJD"), st.lists(st.one_of(
    st.integers(-2 ** 40, 2 ** 40).map(str), dates, st.sampled_from(["", " 7", "x", "0N", "2000.02.30", "1e3"])),
    min_size=2, max_size=6))
def test_tok_of_many_strings_matches_tok_of_each(letter, texts):
    strings = "(" + ";".join('"%s"' % s if len(s) != 1 else 'enlist "%s"' % s for s in texts) + ")"
    assert run('("%s"$%s)~"%s"$\'%s' % (letter, strings, letter, strings)).v is True
