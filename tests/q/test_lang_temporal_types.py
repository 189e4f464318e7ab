"""Issue 13, item 6: result types of temporal arithmetic, per the range tables of the reference
pages for Add, Subtract, Multiply and Divide, and casts between temporal types out of range."""
import pytest
from hypothesis import given, settings, strategies as st, HealthCheck

from qblueprint.q import Session
from qblueprint.q.base.values import TYPE_CHARS as TYPE_OF_LETTER
from qblueprint.q.prims.temporal_ops import RESULT_TYPES


@pytest.mark.parametrize("src, shown", [
    ("2021.03.04D06:00:00-2021.03.03D00:00:00", "1D06:00:00.000000000"),   # p-p is n
    ("type 2021.03.04D06-2021.03.03D00", "-16h"),
    ("2010.06.01+0.25", "2010.06.01T06:00:00.000"),                        # d+f is z
    ("type 2010.06.01 2010.06.02-0.5", "15h"), ("2010.06.01*1.0", "2010.06.01T00:00:00.000"),
    ("2001.03m*2", "2002.05m"), ("type 2001.03m*2i", "-13h"),              # m*i is m
    ("2000.01.03*2", "2000.01.05"), ("2000.01.01D00:00:00.000000005*2", "2000.01.01D00:00:00.000000010"),
    ("type 0D00:00:01+0.5", "-9h"), ("type 12:00+0.5", "-9h"),             # n+f, u+f are f
    ("0D00:00:10%0D00:00:04", "2.5"), ("0D00:00:10%4", "2.5e+09"),         # % is always f
    ("type 12:00:00%2", "-9h"), ("2010.01.01%2005.01.01", "1.999453"),
    ("type 2010.06.01-2010.05.01", "-6h"), ("type 2001.03m-2001.01m", "-6h"),
])
def test_result_types(q, src, shown):
    assert q(src) == shown


@pytest.mark.parametrize("src, shown", [
    # two points of one type add and subtract in their own unit
    ("2000.01.01D00:00:01+2000.01.01D00:00:02", "0D00:00:03.000000000"),
    ("2000.01.05+2000.01.03", "6i"), ("2000.04m+2000.02m", "4i"),
    ("2000.01.02T06:00:00.000+2000.01.01T06:00:00.000", "1.5"),
    # a number less a temporal is that temporal
    ("10-2000.01.03", "2000.01.09"), ("1b-00:10", "-00:09"), ("3h-0D00:00:00.000000001", "0D00:00:00.000000002"),
    ("2.5-2000.01.02", "2000.01.02T12:00:00.000"),                       # f-d is z
    # a point in time with a duration is a timestamp, months and datetimes with a timespan too
    ("2001.02m+0D03:00", "2001.02.01D03:00:00.000000000"), ("2001.02m-00:01", "2001.01.31D23:59:00.000000000"),
    ("2000.01.02T12:00:00.000+0D00:00:00.000000001", "2000.01.02D12:00:00.000000001"),
    ("0D01-2000.01.02D00:00", "1999.12.31D01:00:00.000000000"), ("12:00-2000.01.02", "1999.12.31D12:00:00.000000000"),
    ("06:00-2000.01.02T00:00:00.000", "1999.12.31T06:00:00.000"),       # u-z is z
    # scaling by a float: the float of the underlying value, but a date or datetime stays one
    ("0D00:00:01*1.5", "1.5e+09"), ("1.5*00:02", "3f"), ("2000.01.11D00:00*0.5", "4.32e+14"),
    ("2000.01.03T00:00:00.000*1.5", "2000.01.04T00:00:00.000"),
    # chars count as their codes; reals when they hold whole numbers
    ("2000.01.01+\"\\001\"", "2000.01.02"), ("00:00+\" \"", "00:32"),
    ("2000.01.01+2e", "2000.01.03"), ("00:01*3e", "00:03"), ("2000.01.01D+0Ne", "0Np"),
    # nulls of any argument give the result type's null
    ("0N+2000.01.01", "0Nd"), ("0Nh-00:01", "0Nu"), ("0Nd+00:01", "0Np"), ("2000.01m+0Nn", "0Np"),
    ("0Nz+0D01", "0Np"), ("2000.01.01 0Nd+0D01", "2000.01.01D01:00:00.000000000 0N"),
    # infinities become the result type's, then wrap like any integer
    ("0Wd+00:00", "0Wp"), ("-0Wd+0D00", "-0Wp"), ("0Wd+1", "0Nd"),
])
def test_arithmetic_by_the_tables(q, src, shown):
    assert q(src) == shown


@pytest.mark.parametrize("src", [
    "2000.01.01+2000.01m", "2000.01.01D+2000.01.01", "2000.01m-2000.01.01D", "2000.01.01T00:00:00.000+2000.01.01",
    "2000.01.01*12:00", "0D01*0D01", "12:00*2000.01m", "`a-2000.01.01", "0Ng+2000.01.01",
])
def test_type_errors_by_the_tables(q, src):
    assert q(src) == "'type"


def test_real_with_a_fraction_is_not_guessed(q):
    # the tables say 2000.01.01+1.5e is a date, the reference not how 1.5 becomes whole days
    assert q("2000.01.01+1.5e") == "'nyi"
    assert q("00:01*2 2.5e") == "'nyi"


@pytest.mark.parametrize("src, shown", [
    ("`timestamp$1500.01.01", "-0Wp"), ("`timestamp$2400.01.01 2001.01.01 0Nd",
                                       "0W 2001.01.01D00:00:00.000000000 0N"),
    ("`timestamp$1600.01.01T06:00:00.000", "-0Wp"), ("`timestamp$2900.01m", "0Wp"), ("`timespan$2500.01.01", "0Wn"),
    ("`timestamp$2292.04.10", "2292.04.10D00:00:00.000000000"),
    ("`date$0Np 0Wp -0Wp", "0N 0W -0Wd"), ("`month$2001.12.31", "2001.12m"), ("`month$0Wd", "0Wm"),
    ("`minute$1500.06.07", "00:00"), ("`second$1990.01.01T01:02:03.000", "01:02:03"),
    ("`minute$2D01:30", "49:30"), ("`minute$-0D01:30:59", "-01:30"), ("`time$0D00:00:01.0019", "00:00:01.001"),
    # q's calendar runs from 0001.01.01 to 9999.12.31; beyond it, dates and datetimes show zeros
    ("0001.01.01-1", "0000.00.00"), ("0001.01.01 9999.12.31+-1 1", "0000.00.00 0000.00.00"),
    ("`datetime$0001.01.01-1", "0000.00.00T00:00:00.000"), ("9999.12.31", "9999.12.31"),
    ("(0001.01.01;9999.12.31+1)", "0001.01.01 0000.00.00"),
])
def test_casts_out_of_range(q, src, shown):
    assert q(src) == shown


# ----------------------------------------------------------------- properties over the tables

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LETTER_OF_TYPE = {t: c for c, t in TYPE_OF_LETTER.items()}
# two values of each type (one of them a null where the type has one), as q text
SAMPLES = {
    "b": ["1b", "0b"], "x": ["0x03", "0x00"], "h": ["3h", "0Nh"], "i": ["-4i", "0Ni"], "j": ["5", "0N"],
    "e": ["2e", "0Ne"], "f": ["0.25", "0n"], "c": ["\"a\"", "\" \""],
    "p": ["2003.04.05D06:07:08.000000009", "0Np"], "m": ["2004.05m", "0Nm"], "d": ["1999.02.03", "0Nd"],
    "z": ["2001.01.01T12:00:00.000", "0Nz"], "n": ["-1D02:03:04.000000005", "0Nn"],
    "u": ["10:20", "0Nu"], "v": ["-01:02:03", "0Nv"], "t": ["12:34:56.789", "0Nt"],
}
TEMPORAL_CELLS = sorted((op, LETTER_OF_TYPE[x], LETTER_OF_TYPE[y], LETTER_OF_TYPE[r])
                        for op, table in RESULT_TYPES.items() for (x, y), r in table.items()
                        if x >= 12 or y >= 12 or 10 in (x, y))
_session = Session()


def q(src):
    return _session.console(src).rstrip("\n")


@SETTINGS
@given(st.sampled_from(TEMPORAL_CELLS), st.integers(0, 1), st.integers(0, 1))
def test_every_cell_gives_its_type_for_atoms_and_vectors(cell, i, j):
    op, x, y, r = cell
    a, b = SAMPLES[x][i], SAMPLES[y][j]
    atom = q(f"({a}){op}{b}")
    assert q(f"type ({a}){op}{b}") == "%dh" % -TYPE_OF_LETTER[r]
    # a vector gives the vector type and, item by item, what the atoms give
    assert q(f"type (2#{a}){op}{b}") == "%dh" % TYPE_OF_LETTER[r]
    assert q(f"((2#{a}){op}{b})~2#({a}){op}{b}") == "1b"
    assert q(f"({a}){op}2#{b}") == q(f"2#({a}){op}{b}")
    assert q(f"first ({a}){op}2#{b}") == atom


def _type_letters_missing(op):
    letters = "bxhijefcpmdznuvt"
    return [(x, y) for x in letters for y in letters if (x in "cpmdznuvt" or y in "cpmdznuvt")
            and (TYPE_OF_LETTER[x], TYPE_OF_LETTER[y]) not in RESULT_TYPES[op]]


@pytest.mark.parametrize("op", list("+-*"))
def test_every_dot_cell_is_a_type_error(op):
    for x, y in _type_letters_missing(op):
        assert q(f"({SAMPLES[x][0]}){op}{SAMPLES[y][0]}") == "'type", (x, op, y)


TYPE_NAMES = {"d": "date", "m": "month", "u": "minute", "v": "second", "t": "time", "n": "timespan",
              "p": "timestamp"}


@SETTINGS
@given(st.sampled_from(sorted(TYPE_NAMES)), st.integers(-5000, 5000), st.sampled_from(["", "h", "i", "b"]),
       st.integers(-100, 100))
def test_adding_then_subtracting_a_count_gives_the_value_back(x, n, suffix, k):
    # a count of the value's own unit moves it and back, whatever integer type carries the count
    count = ("1b" if k > 0 else "0b") if suffix == "b" else f"{k}{suffix}"
    value = q(f"`{TYPE_NAMES[x]}${n}")
    assert q(f"type {value}+{count}") == q(f"type {value}")
    assert q(f"({value}+{count})-{count}") == value
    if x in "dm":     # the distance between two dates or months is an int count of them
        assert q(f"(({value}+{count})-{value})=`int${count}") == "1b"


@SETTINGS
@given(st.integers(-36500, 36500), st.sampled_from(["00:00", "00:01", "23:59:59", "12:00:00.001",
                                                     "0D00:00:00.000000001", "-0D07"]))
def test_a_date_and_a_duration_make_a_timestamp_that_gives_them_back(days, duration):
    stamp = q(f"(`date${days})+{duration}")
    assert q(f"type {stamp}") == "-12h"
    assert q(f"(({stamp})-{duration})=`timestamp$`date${days}") == "1b"
    assert q(f"`float$({stamp})-`timestamp$`date${days}") == q(f"`float$`timespan${duration}")
