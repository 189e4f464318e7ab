"""Arithmetic with temporal values: `+ - *` where an argument is temporal, and temporal comparison.

The result type of each pair of argument types is looked up in the range tables of the reference
pages for Add, Subtract and Multiply (KX's ref/add.md, subtract.md, multiply.md), transcribed below
("." is a 'type error). How the value is computed follows from the result type:

- float (`2000.01.01D+1.5`, `0D01*1.5`, `2000.01.01T00-2000.01.01T00`): the float of each
  argument's underlying value, nulls as 0n;
- datetime (`2000.01.01+0.5`, `2000.01.01T00+12:00`): float days, a duration as its fraction of
  a day, a number as days;
- otherwise integers: two arguments of one type count in their own unit (`d-d` and `d+d` are ints
  of days, `p-p` a timespan); else each argument becomes a count of the result type's unit, a
  temporal as a cast converts it (`2000.01m+0D01` is a timestamp) and a number as it is. Integer
  arithmetic then wraps as q's does, so 0Wd+1 is 0Nd, and the result is null where an argument
  was null.
"""
import numpy as np

from ..base.errors import QError
from ..base.upcalls import UP
from ..base.values import Atom, DTYPES, NULL_INT, INF_INT, type_table
from ..base.temporal import NS_PER_DAY, NS_PER_UNIT, month_start_days, nanoseconds, special_masks
from .verbs import data, wrap

# Range tables: the type of x op y, row x and column y, as the reference prints them (less the
# guid and symbol rows and columns, all "."). Consulted only when an argument is temporal.
_ADD = """
    b x h i j e f c p m d z n u v t
b | i i i i j e f . p m d z n u v t
x | i i i i j e f . p m d z n u v t
h | i i i i j e f . p m d z n u v t
i | i i i i j e f . p m d z n u v t
j | j j j j j e f . p m d z n u v t
e | e e e e e e f . p m d z n u v t
f | f f f f f f f f f f z z f f f f
c | . . . . . . f . p m d z n u v t
p | p p p p p p f p n . . . p p p p
m | m m m m m m f m . i . . p p p p
d | d d d d d d z d . . i . p p p p
z | z z z z z z z z . . . f p z z z
n | n n n n n n f n p p p p n n n n
u | u u u u u u f u p p p z n u v t
v | v v v v v v f v p p p z n v v t
t | t t t t t t f t p p p z n t t t
"""
_SUBTRACT = """
    b x h i j e f c p m d z n u v t
b | i i i i j e f i p m d z n u v t
x | i i i i j e f i p m d z n u v t
h | i i i i j e f i p m d z n u v t
i | i i i i j e f i p m d z n u v t
j | j j j j j e f j p m d z n u v t
e | e e e e e e f e p m d z n u v t
f | f f f f f f f f f f z z f f f f
c | . . . . . . f . p m d z n u v t
p | p p p p p p f p n . . . p p p p
m | m m m m m m f m . i . . p p p p
d | d d d d d d z d . . i . p p p p
z | z z z z z z z z . . . f p z z z
n | n n n n n n f n p p p p n n n n
u | u u u u u u f u p p p z n u v t
v | v v v v v v f v p p p z n v v t
t | t t t t t t f t p p p z n t t t
"""
_MULTIPLY = """
    b x h i j e f c p m d z n u v t
b | i i i i j e f . p m d z n u v t
x | i i i i j e f . p m d z n u v t
h | i i i i j e f . p m d z n u v t
i | i i i i j e f . p m d z n u v t
j | j j j j j e f . p m d z n u v t
e | e e e e e e f . p m d z n u v t
f | f f f f f f f f f f z z f f f f
c | . . . . . . f . p m d z n u v t
p | p p p p p p f p . . . . . . . .
m | m m m m m m f m . . . . . . . .
d | d d d d d d z d . . . . . . . .
z | z z z z z z z z . . . . . . . .
n | n n n n n n f n . . . . . . . .
u | u u u u u u f u . . . . . . . .
v | v v v v v v f v . . . . . . . .
t | t t t t t t f t . . . . . . . .
"""
def _range_table(text):
    """{(x type, y type): result type} of a range table's text, as the reference prints it."""
    header, *lines = text.strip().splitlines()
    rows = {x.strip(): "".join(cells.split()) for x, cells in (line.split("|") for line in lines)}
    return type_table("".join(header.split()), rows)


RESULT_TYPES = {"+": _range_table(_ADD), "-": _range_table(_SUBTRACT), "*": _range_table(_MULTIPLY)}
_NUMPY_OPS = {"+": np.add, "-": np.subtract, "*": np.multiply}
# types whose values count whole units as they are: boolean, byte, short, int, long, char
_COUNTING = frozenset((1, 4, 5, 6, 7, 10))


def arith(op, x, y):
    """x op y for op in "+-*" where x or y is temporal or a char."""
    tx, ty = abs(x.t), abs(y.t)
    rt = RESULT_TYPES[op].get((tx, ty))
    if rt is None:
        raise QError("type")
    atom = type(x) is Atom and type(y) is Atom
    apply = _NUMPY_OPS[op]
    if rt in (8, 9):  # a real or float: the arguments' underlying values as floats
        with np.errstate(all="ignore"):
            r = apply(_underlying_float(x, tx), _underlying_float(y, ty))
        return wrap(rt, r.astype(DTYPES[rt]), atom)
    if rt == 15:
        with np.errstate(all="ignore"):
            return wrap(15, apply(_float_days(x, tx), _float_days(y, ty)), atom)
    unit = tx if tx == ty else rt
    a, a_null = _counts(x, tx, unit)
    b, b_null = _counts(y, ty, unit)
    with np.errstate(all="ignore"):
        r = apply(a, b)
    r = np.where(a_null | b_null, NULL_INT[rt], r)
    return wrap(rt, r.astype(DTYPES[rt]), atom)


def _underlying_float(v, t):
    """A value as q's float arithmetic sees it: integer encodings (nulls as 0n) or the float."""
    if t == 10:
        return data(v).astype(np.float64)
    return data(v, 9) if t != 15 else data(v)


def _float_days(v, t):
    """Datetime arithmetic's view of a value: days (a duration as a fraction of a day, a number as
    days), nulls as 0n."""
    a = _underlying_float(v, t)
    if t in NS_PER_UNIT and t != 14:
        return a * NS_PER_UNIT[t] / NS_PER_DAY
    return a


def _counts(v, t, unit):
    """(int64 counts of unit's type, null mask) of a value of type t: the value itself in its own
    type, a number as a count of the unit, another temporal converted as a cast converts it."""
    a = np.asarray(data(v))
    if t == unit or t in _COUNTING:
        nulls = a == NULL_INT[t] if t in NULL_INT else np.zeros(a.shape, dtype=bool)
        return a.astype(np.int64), nulls
    if t in (8, 9):
        finite = np.isfinite(a)
        if not np.array_equal(a[finite], np.round(a[finite])):
            # q's result type is documented, but not whether a fraction rounds before or after
            raise QError("nyi")
        counts = np.where(a == np.inf, INF_INT[unit], np.where(a == -np.inf, -INF_INT[unit], 0))
        return np.where(finite, a, counts).astype(np.int64), np.isnan(a)
    nulls, pos_inf, neg_inf = special_masks(t, a)
    valid = np.where(nulls | pos_inf | neg_inf, 0, a)
    if unit in (12, 16):
        r = nanoseconds(t, valid)
    else:
        # a duration into a finer one (the tables never convert a point in time otherwise)
        r = valid.astype(np.int64) * (NS_PER_UNIT[t] // NS_PER_UNIT[unit])
    r = np.where(pos_inf, INF_INT[unit], np.where(neg_inf, -INF_INT[unit], r))
    return r, nulls


def comparable(x, tx, y, ty):
    """(a, b, q type of both) for comparing temporals of different types, as q does, by converting
    both to the finer one: exact nanoseconds (nulls lowest), or float days where a datetime is
    involved. A point in time met by a duration is cast to the duration's type first, as
    basics/comparison.md says: a timestamp is compared by its time of day, `stamps=09:29` is
    `(`minute$stamps)=09:29`."""
    if tx in _CLOCKED_POINTS and ty in _DURATIONS:
        return _time_of_day(x, tx, ty), data(y, 7), 7
    if ty in _CLOCKED_POINTS and tx in _DURATIONS:
        return data(x, 7), _time_of_day(y, ty, tx), 7
    if 15 in (tx, ty):
        return _comparable_days(x, tx), _comparable_days(y, ty), 9
    return _exact_ns(x, tx), _exact_ns(y, ty), 7


# points in time that carry a time of day (a date or month casts to no duration: left as it was)
_CLOCKED_POINTS = (12, 15)
_DURATIONS = (16, 17, 18, 19)


def _time_of_day(v, t, unit):
    """A timestamp's or datetime's time of day as whole counts of duration type unit, truncated
    as a cast truncates; nulls stay null and infinities become the unit's infinities."""
    a = np.asarray(data(v))
    nulls, pos_inf, neg_inf = special_masks(t, a)
    if t == 15:
        days = np.where(nulls | pos_inf | neg_inf, 0.0, a)
        ms = np.round((days - np.floor(days)) * 86_400_000).astype(np.int64) % 86_400_000
        ns = ms * NS_PER_UNIT[19]
    else:
        ns = np.where(nulls | pos_inf | neg_inf, 0, a).astype(np.int64) % NS_PER_DAY
    counts = ns // NS_PER_UNIT[unit]
    counts = np.where(pos_inf, INF_INT[unit], np.where(neg_inf, -INF_INT[unit], counts))
    return np.where(nulls, NULL_INT[7], counts)


def _exact_ns(v, t):
    a = data(v, 7)
    if t == 13:
        a = np.where(a == NULL_INT[7], NULL_INT[7], month_start_days(np.where(a == NULL_INT[7], 0, a)))
        t = 14
    with np.errstate(over="ignore"):
        ns = a * NS_PER_UNIT.get(t, 1)
    return np.where(a == NULL_INT[7], NULL_INT[7], ns)


def _comparable_days(v, t):
    if t == 13:
        months = data(v, 7)
        nulls = months == NULL_INT[7]
        return np.where(nulls, np.nan, month_start_days(np.where(nulls, 0, months)))
    if t in NS_PER_UNIT:
        return data(v, 9) * NS_PER_UNIT[t] / NS_PER_DAY
    return data(v, 9)


UP.provide(arith=arith, comparable=comparable)
