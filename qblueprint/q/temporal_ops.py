"""Arithmetic with temporal values: `+ -` between points in time (timestamp, date, datetime, month)
and durations (timespan, minute, second, time), and `*` scaling any temporal by a number, with the
result types of the range tables in the reference pages for Add, Subtract and Multiply (a date with
a float is a datetime; other temporals with a float give the float of their values).

q's rules: a point plus a duration is a timestamp (a date with a time of day becomes one); two
durations give the finer of their types; a point minus a point of the same type gives its
distance (days and months as ints, timestamps as a timespan, datetimes as float days); adding a
whole number moves a value by its own unit. Integer encodings wrap like q's, so 0Wd+1 is 0Nd.
"""
import numpy as np

from .errors import QError
from .values import Atom, DTYPES, NULL_INT
from .temporal import NS_PER_DAY, month_start_days
from .verbs import data, wrap

NS_PER_UNIT = {12: 1, 16: 1, 14: NS_PER_DAY, 17: 60_000_000_000, 18: 1_000_000_000, 19: 1_000_000}
POINTS = frozenset((12, 14))
NUMBERS = frozenset((1, 4, 5, 6, 7, 8, 9))
# temporals a number multiplies (Multiply's range table): all but a temporal times a temporal
_SCALABLE = frozenset((12, 13, 14, 15, 16, 17, 18, 19))
DURATIONS = frozenset((16, 17, 18, 19))
WHOLE_NUMBERS = frozenset((1, 4, 5, 6, 7))
# the type of a point's distance to another point of its type
DISTANCE = {12: 16, 13: 6, 14: 6}


def arith(op, x, y):
    """x op y for op in "+-*" where x or y is temporal."""
    tx, ty = abs(x.t), abs(y.t)
    atom = type(x) is Atom and type(y) is Atom
    if op == "*":
        return _scale(x, tx, y, ty, atom)
    if (tx == 14 and ty in (8, 9)) or (ty == 14 and tx in (8, 9) and op == "+"):
        # a date with a float is a datetime (days since 2000.01.01): 2000.01.01+1.5
        return _datetime(op, x, 15 if tx == 14 else tx, y, 15 if ty == 14 else ty, atom)
    if 15 in (tx, ty):
        return _datetime(op, x, tx, y, ty, atom)
    if (tx in (8, 9) and ty in _FLOATING_TEMPORAL) or (ty in (8, 9) and tx in _FLOATING_TEMPORAL):
        # any other temporal with a float: the float sum of their underlying values
        a, b = _underlying_float(x, tx), _underlying_float(y, ty)
        return wrap(9, a + b if op == "+" else a - b, atom)
    if tx in WHOLE_NUMBERS:
        if op == "-":
            raise QError("type")
        return _shift("+", y, ty, x, atom)
    if ty in WHOLE_NUMBERS:
        return _shift(op, x, tx, y, atom)
    if tx == ty and op == "-":
        rt = DISTANCE.get(tx, tx)
        return _result(rt, data(x, 7) - data(y, 7), (x, tx), (y, ty), atom)
    if tx == 13 or ty == 13:
        raise QError("type")
    if tx in DURATIONS and ty in DURATIONS:
        rt = 16 if 16 in (tx, ty) else max(tx, ty)   # time (19) is finer than second, minute
    elif tx in POINTS and (ty in DURATIONS or (op == "-" and ty in POINTS)):
        rt = 12 if ty in DURATIONS else 16
    elif op == "+" and tx in DURATIONS and ty in POINTS:
        rt = 12
    else:
        raise QError("type")
    ns = _ns(x, tx) + _ns(y, ty) if op == "+" else _ns(x, tx) - _ns(y, ty)
    return _result(rt, ns // NS_PER_UNIT[rt], (x, tx), (y, ty), atom)


_FLOATING_TEMPORAL = frozenset((12, 13, 16, 17, 18, 19))


def _underlying_float(v, t):
    """A value as q's float arithmetic sees it: integer encodings (nulls as 0n) or the float."""
    a = data(v, 9)
    if t in NULL_INT:
        a = np.where(data(v) == NULL_INT[t], np.nan, a)
    return a


def _ns(v, t):
    return data(v, 7) * NS_PER_UNIT[t]


def _shift(op, v, t, n, atom):
    """A temporal value moved by a whole number of its own units."""
    r = data(v, 7) + data(n, 7) if op == "+" else data(v, 7) - data(n, 7)
    return _result(t, r, (v, t), (n, abs(n.t)), atom)


def _scale(x, tx, y, ty, atom):
    if tx in _SCALABLE and ty in NUMBERS:
        duration, t, factor, ft = x, tx, y, ty
    elif ty in _SCALABLE and tx in NUMBERS:
        duration, t, factor, ft = y, ty, x, tx
    else:
        raise QError("type")
    if t == 15 or (t == 14 and ft in (8, 9)):
        # datetimes (float days) scale as floats; a date times a float is a datetime
        return wrap(15, _underlying_float(duration, t) * data(factor, 9), atom)
    if t != 16 and ft in (8, 9):
        # a point in time or a coarse duration times a float: the float product of the values
        return wrap(9, _underlying_float(duration, t) * data(factor, 9), atom)
    if ft in WHOLE_NUMBERS:
        r = data(duration, 7) * data(factor, 7)
    elif ft in (8, 9) and t == 16:
        with np.errstate(invalid="ignore"):
            r = np.round(data(duration, 9) * data(factor, 9))
        nulls = np.isnan(r)
        return _result(16, np.where(nulls, 0, r).astype(np.int64), (duration, t), (factor, ft), atom,
                       nulls)
    else:
        raise QError("type")
    return _result(t, r, (duration, t), (factor, ft), atom)


def _datetime(op, x, tx, y, ty, atom):
    """Datetimes are float days: they add numbers as days and durations as fractions of a day."""
    def days(v, t):
        if t in (15, 8, 9) or t in WHOLE_NUMBERS:
            return data(v, 9)
        if t in DURATIONS:
            return data(v, 9) * NS_PER_UNIT[t] / NS_PER_DAY
        raise QError("type")
    if op == "-" and tx == ty == 15:
        return wrap(9, data(x) - data(y), atom)
    if tx != 15 and (op == "-" or ty != 15):
        raise QError("type")
    r = days(x, tx) + days(y, ty) if op == "+" else days(x, tx) - days(y, ty)
    return wrap(15, r, atom)


def _result(t, r, left, right, atom, extra_nulls=None):
    """Wrap int64 results as type t, null wherever an argument was null."""
    nulls = _null(*left) | _null(*right)
    if extra_nulls is not None:
        nulls = nulls | extra_nulls
    r = np.where(nulls, NULL_INT.get(t, 0), r)
    if t in (8, 9):
        r = np.where(nulls, np.nan, r)
    return wrap(t, np.asarray(r).astype(DTYPES[t]), atom)


def _null(v, t):
    a = data(v)
    if t in NULL_INT:
        return a == NULL_INT[t]
    if t in (8, 9, 15):
        return np.isnan(a)
    return np.zeros(np.shape(a), dtype=bool)


def comparable(x, tx, y, ty):
    """(a, b, q type of both) for comparing temporals of different types, as q does, by converting
    both to the finer one: exact nanoseconds (nulls lowest), or float days where a datetime is
    involved."""
    if 15 in (tx, ty):
        return _float_days(x, tx), _float_days(y, ty), 9
    return _exact_ns(x, tx), _exact_ns(y, ty), 7


def _exact_ns(v, t):
    a = data(v, 7)
    if t == 13:
        a = np.where(a == NULL_INT[7], NULL_INT[7], month_start_days(np.where(a == NULL_INT[7], 0, a)))
        t = 14
    with np.errstate(over="ignore"):
        ns = a * NS_PER_UNIT.get(t, 1)
    return np.where(a == NULL_INT[7], NULL_INT[7], ns)


def _float_days(v, t):
    if t == 13:
        months = data(v, 7)
        nulls = months == NULL_INT[7]
        return np.where(nulls, np.nan, month_start_days(np.where(nulls, 0, months)))
    if t in NS_PER_UNIT:
        return data(v, 9) * NS_PER_UNIT[t] / NS_PER_DAY
    return data(v, 9)
