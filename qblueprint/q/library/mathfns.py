"""Arithmetic and math keywords: abs neg signum reciprocal, sqrt exp log and trigonometry,
xexp xlog, floor ceiling, div mod, and or.

All of them are atomic: they reach through general lists, dictionaries and tables (pervade)."""
import numpy as np

from ..base.errors import QError
from ..base.values import Atom, NUMERIC_TYPES, TEMPORAL_TYPES, NULL_INT, type_table
from ..base.registry import REGISTRY, kw
from ..prims import verbs as V
from .strings import lower

# types that arithmetic reads as numbers: numerics, chars and temporals (by their encoding)
_FLOATABLE = NUMERIC_TYPES | TEMPORAL_TYPES | {10}
# booleans, bytes and chars that abs, neg, signum and ceiling give as ints (ref/abs.md, neg.md)
_SMALL_AS_INT = frozenset((1, 4, 10))


def as_float(v):
    """The float64 data of a simple value: nulls become NaN, an integral infinity keeps its value."""
    t = abs(v.t)
    if t not in _FLOATABLE:
        raise QError("type")
    return V.data(v, 9) if t != 10 else V.data(v).astype(np.float64)


def _float_unary(npf):
    # ref/sqrt.md, exp.md, log.md: every numeric, char or temporal argument gives a float, reals too
    def f(v):
        with np.errstate(all="ignore"):
            return V.wrap(9, npf(as_float(v)), type(v) is Atom)
    return lambda x: V.pervade1(f, x)


for _name, _f in (("sqrt", np.sqrt), ("exp", np.exp), ("log", np.log), ("sin", np.sin),
                  ("cos", np.cos), ("tan", np.tan), ("asin", np.arcsin), ("acos", np.arccos),
                  ("atan", np.arctan)):
    REGISTRY[_name] = (_float_unary(_f), 1)


def _float_binary(op, domain):
    """An atomic float function of two arguments, each of whose types must be in domain."""
    def f(a, b):
        if abs(a.t) not in domain or abs(b.t) not in domain:
            raise QError("type")
        with np.errstate(all="ignore"):
            return V.wrap(9, op(as_float(a), as_float(b)), type(a) is Atom and type(b) is Atom)
    return lambda x, y: V.pervade2(f, x, y)


def _log_base(base, x):
    return np.log(x) / np.log(base)


def _power(base, exponent):
    """Element-wise C pow, as q computes xexp: NaN for a negative finite base with a fractional
    exponent. numpy's vector loops disagree among themselves at a base of -inf (sqrt for a scalar
    0.5, SIMD loops), so that case is set from C's rule: an infinity, signed for odd whole
    exponents, or a zero for negative exponents."""
    base, exponent = np.broadcast_arrays(np.atleast_1d(base), np.atleast_1d(exponent))
    shape = np.broadcast(base, exponent).shape
    r = np.power(base, exponent)
    minus_inf = base == -np.inf
    if minus_inf.any():
        odd = (np.mod(exponent, 2) == 1) & (exponent == np.floor(exponent))
        magnitude = np.where(exponent > 0, np.inf, 0.0)
        r = np.where(minus_inf, np.where(exponent == 0, 1.0, np.where(odd, -magnitude, magnitude)), r)
        r = np.where(minus_inf & np.isnan(exponent), np.nan, r)
    return r.reshape(shape)


# ref/exp.md, log.md: xexp takes numbers only; xlog also chars and temporals, but not datetimes
REGISTRY["xexp"] = (_float_binary(_power, NUMERIC_TYPES), 2)
REGISTRY["xlog"] = (_float_binary(_log_base, _FLOATABLE - {15}), 2)


@kw("reciprocal")
def reciprocal(x):
    return V.fdiv(Atom(-9, 1.0), x)


@kw("neg")
def neg(x):
    return V.neg(x)


@kw("not")
def not_(x):
    return V.not_(x)


@kw("null")
def null(x):
    return V.null(x)


_NULL_LONG = -(1 << 63)


@kw("abs")
def abs_(x):
    if type(x) is Atom:
        # long and float atoms directly (a null is its own absolute value: -2^63, NaN)
        if x.t == -7:
            v = x.v
            return x if v >= 0 or v == _NULL_LONG else Atom(-7, -v)
        if x.t == -9:
            return Atom(-9, abs(x.v))
    def f(v):
        t = abs(v.t)
        if t not in _FLOATABLE:
            raise QError("type")
        if t in _SMALL_AS_INT:
            return V.wrap(6, np.abs(V.data(v, 6)), type(v) is Atom)
        return V.wrap(t, np.abs(V.data(v)), type(v) is Atom)
    return V.pervade1(f, x)


@kw("signum")
def signum(x):
    def f(v):
        t = abs(v.t)
        if t not in _FLOATABLE:
            raise QError("type")
        a = V.data(v)
        if t in (8, 9, 15):
            r = np.where(np.isnan(a), -1, np.sign(a))
        else:
            r = np.sign(a.astype(np.int64))
        return V.wrap(6, r.astype(np.int32), type(v) is Atom)
    return V.pervade1(f, x)


def _rounding(npround):
    """floor and ceiling (ref/floor.md, ceiling.md): whole numbers stay, floats give longs; floor
    lowers chars and symbols, ceiling gives booleans, bytes and chars as ints. Since V3.0 neither
    takes a datetime ('type) nor uses comparison tolerance (basics/precision.md: `floor 1-1e-13`
    is 0)."""
    is_floor = npround is np.floor

    def f(v):
        t = abs(v.t)
        atom = type(v) is Atom
        if t in (5, 6, 7):
            return v
        if is_floor and t in (10, 11):
            return lower(v)
        if not is_floor and t in _SMALL_AS_INT:
            return V.wrap(6, V.data(v, 6), atom)
        if t not in (8, 9):
            raise QError("type")
        with np.errstate(all="ignore"):
            r = npround(V.data(v, 9))
        return V.wrap(7, V.convert(r, 9, 7), atom)
    return lambda x: V.pervade1(f, x)


floor = _rounding(np.floor)
REGISTRY["floor"] = (floor, 1)
REGISTRY["ceiling"] = (_rounding(np.ceil), 1)


# div and mod take their result types from the domain-and-range tables of ref/div.md and
# ref/mod.md; None marks a pair q refuses with 'type.
_WHOLE = frozenset((1, 4, 5, 6, 7))  # boolean, byte, short, int, long
_FLOATS = frozenset((8, 9))
# what a whole-number or real right argument makes of a temporal left argument under mod
_TEMPORAL_MOD = {12: 16, 13: 6, 14: 6, 15: 9}


def div_type(tx, ty):
    """div keeps the type of x, except that small whole numbers and chars give int, reals float."""
    if ty not in _WHOLE | _FLOATS | TEMPORAL_TYPES | {10}:
        return None
    if tx in (1, 4, 5, 6, 10):
        return 6
    if tx == 7 or tx in TEMPORAL_TYPES:
        return tx
    return 9 if tx in _FLOATS else None


def mod_type(tx, ty):
    if tx in _WHOLE:
        if ty in _WHOLE:
            return 7 if 7 in (tx, ty) else 6
        return ty if ty in _FLOATS or ty in TEMPORAL_TYPES else None
    if tx in _FLOATS:
        if ty in (14, 15):
            return 15
        return 9 if ty in _WHOLE | _FLOATS | TEMPORAL_TYPES | {10} else None
    if tx == 10:
        return ty if ty == 9 or ty in TEMPORAL_TYPES else None
    if tx in TEMPORAL_TYPES:
        if ty == 9:
            return None if tx == 14 else 9
        return _TEMPORAL_MOD.get(tx, tx) if ty in _WHOLE | {8, 10} else None
    return None


def _whole_data(v):
    """int64 data of a value whose encoding is a whole number (chars by their codes)."""
    return V.data(v).astype(np.int64) if abs(v.t) == 10 else V.data(v, 7)


def _reads_as_float(ta, tb, rt):
    return rt in (8, 9, 15) or ta in (8, 9, 15) or tb in (8, 9, 15)


def _typed_pair(result_type, a, b):
    """Both arguments' types, the result type `result_type` gives them ('type where it gives none)
    and whether both arguments are atoms."""
    ta, tb = abs(a.t), abs(b.t)
    rt = result_type(ta, tb)
    if rt is None:
        raise QError("type")
    return ta, tb, rt, type(a) is Atom and type(b) is Atom


def _whole_floor_div(ia, ib):
    """floor(ia / ib) of int64 data without float copies; null where either is null or ib is 0."""
    nulls = (ia == NULL_INT[7]) | (ib == NULL_INT[7]) | (ib == 0)
    return np.where(nulls, NULL_INT[7], np.floor_divide(ia, np.where(nulls, 1, ib)))


def _div(a, b):
    ta, tb, rt, atom = _typed_pair(div_type, a, b)
    if _reads_as_float(ta, tb, rt):
        return V.wrap(rt, V.convert(_floor_div(as_float(a), as_float(b)), 9, rt), atom)
    return V.wrap(rt, V.convert(_whole_floor_div(_whole_data(a), _whole_data(b)), 7, rt), atom)


def _floor_div(fa, fb):
    with np.errstate(all="ignore"):
        return np.floor(fa / fb)


def _mod(a, b):
    ta, tb, rt, atom = _typed_pair(mod_type, a, b)
    if _reads_as_float(ta, tb, rt):
        with np.errstate(all="ignore"):
            r = np.mod(as_float(a), as_float(b))
        return V.wrap(rt, V.convert(r, 9, rt), atom)
    if ta in (1, 4) and tb in (1, 4):  # no null to keep
        return V.wrap(rt, np.mod(_whole_data(a), _whole_data(b)), atom)
    return V.wrap(rt, V.convert(_int_mod(_whole_data(a), _whole_data(b), NULL_INT[7]), 7, rt), atom)


def _int_mod(ia, ib, null):
    """Integer mod where a null on either side gives null, as the other arithmetic verbs do."""
    r = np.mod(ia, ib)
    if null is None:  # booleans and bytes have no null
        return r
    return np.where((ia == null) | (ib == null), null, r)


_NULLJ = NULL_INT[7]


def _mod_kw(x, y, Atom=Atom):
    # two long atoms (loops over a lambda) in Python: floor mod, as numpy's
    if type(x) is Atom and type(y) is Atom and x.t == -7 and y.t == -7 and y.v != 0 \
            and x.v != _NULLJ and y.v != _NULLJ:
        return Atom(-7, x.v % y.v)
    return V.pervade2(_mod, x, y)


def _div_kw(x, y, Atom=Atom):
    if type(x) is Atom and type(y) is Atom and x.t == -7 and y.t == -7 and y.v != 0 \
            and x.v != _NULLJ and y.v != _NULLJ:
        return Atom(-7, x.v // y.v)
    return V.pervade2(_div, x, y)


REGISTRY["div"] = (_div_kw, 2)
REGISTRY["mod"] = (_mod_kw, 2)


@kw("and", 2)
def and_(x, y):
    return V.vmin(x, y)


@kw("or", 2)
def or_(x, y):
    return V.vmax(x, y)


# ref/xbar.md: x xbar y is x*y div x (a timespan x as a long) by underlying values; its type by
# x's type (row) and y's (column, in the order of _XBAR_COLUMNS), "." where q signals 'type
_XBAR_COLUMNS = "bxhijefcpmdznuvt"
_XBAR_ROWS = {
    "b": "iiiijffipmdznuvt", "x": "iiiijffipmdznuvt", "h": "iiiijffipmdznuvt",
    "i": "iiiijffipmdznuvt", "j": "jjjjjffjpmdznuvt", "e": "eeeeeffepmdznuvt",
    "f": "ffffffffffzzffff", "c": ".....ff.pmdznuvt",
    "p": "pppppffp........", "m": "mmmmmffm........", "d": "dddddzzd........",
    "z": "zzzzzzzz........", "n": "jjjjjffjpmdznuvt", "u": "uuuuuffu........",
    "v": "vvvvvffv........", "t": "tttttfft........"}
_XBAR_TYPES = type_table(_XBAR_COLUMNS, _XBAR_ROWS)


def xbar_type(tx, ty):
    return _XBAR_TYPES.get((tx, ty))


@kw("xbar", 2)
def xbar(x, y):
    def f(a, b):
        ta, tb, rt, atom = _typed_pair(xbar_type, a, b)
        if _reads_as_float(ta, tb, rt):
            if rt not in _FLOATS | {15}:
                raise QError("nyi")  # how q rounds a real bucket of whole-number temporals is undocumented
            fa = as_float(a)
            with np.errstate(all="ignore"):
                return V.wrap(rt, V.convert(fa * np.floor(as_float(b) / fa), 9, rt), atom)
        ia = _whole_data(a)
        buckets = _whole_floor_div(_whole_data(b), ia)
        r = np.where(buckets == NULL_INT[7], NULL_INT[7], ia * buckets)
        return V.wrap(rt, V.convert(r, 7, rt), atom)
    return V.pervade2(f, x, y)
