"""The primitive operators (verbs) with their overloads.

Atomic verbs pervade lists, dictionaries and tables through `pervade2`/`pervade1`; the work on
simple values (atoms and vectors) goes straight to numpy, with Python-scalar fast paths for
atom-atom arithmetic.
"""
import numpy as np

from ..base.errors import QError
from ..base.upcalls import UP
from .ipc import NotData, deserialize, serialize
from .rng import draw
from ..base.values import EXACT_ATOM_TYPES
from ..base.values import (Atom, Vec, QList, Dict, Table, Fn, Null, Enum, DTYPES, NULL_INT, INF_INT,
                     INT_NULLED, TEMPORAL_TYPES, NUMERIC_TYPES, count, items_of, from_items,
                     atom_to_vec, enlist, check_alloc, scalar)
from ..base.values import is_null_scalar
from ..base.values import NULL_GUID
from ..base.values import char_vec, type_table
from ..evaluation.evaluator import lookup, assign_global
from ..evaluation.evaluator import index

_ERR = np.seterr(all="ignore")


# ----------------------------------------------------------------- type conversion of arrays

def convert(a, ft, tt):
    """Convert numpy data `a` (array or scalar) of q type ft to q type tt, mapping nulls/infinities."""
    if ft == tt:
        return a
    if ft in (2, 11) or tt in (2, 11):
        raise QError("type")
    dt = DTYPES[tt]
    if tt in (8, 9, 15):
        r = np.asarray(a).astype(dt)
        if ft in INT_NULLED:
            a = np.asarray(a)
            r = np.where(a == NULL_INT[ft], np.nan, r).astype(dt)
        return r
    if tt in INT_NULLED:
        a = np.asarray(a)
        if ft in (8, 9, 15):
            nan = np.isnan(a)
            pinf = a == np.inf
            ninf = a == -np.inf
            safe = np.where(nan | pinf | ninf, 0, a)
            r = np.where(safe >= 0, np.floor(safe + 0.5), -np.floor(-safe + 0.5)).astype(dt)
            r = np.where(nan, NULL_INT[tt], r)
            r = np.where(pinf, INF_INT[tt], r)
            return np.where(ninf, -INF_INT[tt], r).astype(dt)
        if ft in INT_NULLED:
            r = a.astype(dt)
            return np.where(a == NULL_INT[ft], NULL_INT[tt], r).astype(dt)
        return a.astype(dt)
    if tt == 1:
        a = np.asarray(a)
        if ft in (8, 9):
            return (a != 0) & ~np.isnan(a)
        return a != 0
    return np.asarray(a).astype(dt)


def data(x, tt=None):
    """numpy view of a simple value, converted to q type tt when given."""
    if type(x) is Atom:
        t = -x.t
        a = np.array(x.v, dtype=DTYPES[t])
    else:
        t = x.t
        a = x.a
    if tt is None or tt == t:
        return a
    return convert(a, t, tt)


def wrap(t, r, atom):
    """numpy result -> q value of type t (an atom when both operands were atoms)."""
    if atom:
        return Atom(-t, scalar(t, np.asarray(r).reshape(-1)[0] if np.ndim(r) else r[()]))
    return Vec(t, np.asarray(r, dtype=DTYPES[t]))


def simple(x):
    return type(x) is Atom or type(x) is Vec


# ----------------------------------------------------------------- pervasion

def pervade1(f, x):
    if simple(x):
        return f(x)
    if isinstance(x, QList):
        return from_items([pervade1(f, i) for i in x.items])
    if isinstance(x, Dict):
        return Dict(x.k, pervade1(f, x.v))
    if isinstance(x, Table):
        return Table(x.cols, [pervade1(f, c) for c in x.vals])
    raise QError("type")


def pervade2(f, x, y):
    if simple(x) and simple(y):
        if type(x) is Vec and type(y) is Vec and len(x.a) != len(y.a):
            raise QError("length")
        return f(x, y)
    if isinstance(x, Dict) or isinstance(y, Dict):
        return _dict_op(f, x, y)
    if isinstance(x, Table) or isinstance(y, Table):
        if isinstance(x, Table) and isinstance(y, Table):
            if x.cols != y.cols:
                return _table_op(f, x, y)
            return Table(x.cols, [pervade2(f, a, b) for a, b in zip(x.vals, y.vals)])
        if isinstance(x, Table):
            return Table(x.cols, [pervade2(f, a, y) for a in x.vals])
        return Table(y.cols, [pervade2(f, x, b) for b in y.vals])
    if isinstance(x, Fn) or isinstance(y, Fn) or isinstance(x, Null) or isinstance(y, Null):
        raise QError("type")
    if type(x) is Enum or type(y) is Enum:  # enumerations compute as the values they stand for
        enum_values = UP.enum_values
        return pervade2(f, enum_values(x) if type(x) is Enum else x, enum_values(y) if type(y) is Enum else y)
    xl = not (type(x) is Atom)
    yl = not (type(y) is Atom)
    if xl and yl:
        xi, yi = items_of(x), items_of(y)
        if len(xi) != len(yi):
            raise QError("length")
        return from_items([pervade2(f, a, b) for a, b in zip(xi, yi)])
    if xl:
        return from_items([pervade2(f, a, y) for a in items_of(x)])
    return from_items([pervade2(f, x, b) for b in items_of(y)])


def _table_op(f, x, y):
    """Tables of other columns combine row by row as their rows, dictionaries, do: the columns of
    both, those in both computed, the others kept (([]a:1 2)+([]a:3 4;b:5 6) is a:4 6, b:5 6)."""
    if count(x) != count(y):
        raise QError("length")
    xc = dict(zip(x.cols, x.vals))
    yc = dict(zip(y.cols, y.vals))
    cols = x.cols + [c for c in y.cols if c not in xc]
    return Table(cols, [pervade2(f, xc[c], yc[c]) if c in xc and c in yc else xc.get(c, yc.get(c))
                        for c in cols])


def _dict_op(f, x, y):
    if isinstance(x, Dict) and isinstance(y, Dict):
        # union of keys; where a key is on one side only its value passes through
        xk, yk = items_of(x.k), items_of(y.k)
        xv, yv = items_of(x.v), items_of(y.v)
        pos = {_key(k): i for i, k in enumerate(xk)}
        vals = list(xv)
        keys = list(xk)
        for k, v in zip(yk, yv):
            i = pos.get(_key(k))
            if i is None:
                keys.append(k)
                vals.append(v)
            else:
                vals[i] = pervade2(f, vals[i], v)
        return Dict(from_items(keys), from_items(vals))
    if isinstance(x, Dict):
        return Dict(x.k, pervade2(f, x.v, y))
    return Dict(y.k, pervade2(f, x, y.v))


def _key(v):
    """Hashable identity of a q value for dictionary lookups."""
    if type(v) is Atom:
        return (v.t, v.v) if v.v == v.v else (v.t, "nan")
    if type(v) is Vec:
        return (v.t, tuple(v.a.tolist()))
    if isinstance(v, QList):
        return (0, tuple(_key(i) for i in v.items))
    if isinstance(v, Dict):
        return (99, _key(v.k), _key(v.v))
    if type(v) is Enum:
        return (20, v.dom, v.idx if v.atom else tuple(np.asarray(v.idx).tolist()))
    return (id(v),)


# ----------------------------------------------------------------- arithmetic

def _num_type(x):
    t = abs(x.t)
    if t in NUMERIC_TYPES:
        return t
    raise QError("type")


def _arith_type(tx, ty):
    """Type of x+y, x-y, x*y for numbers: booleans, bytes and shorts give ints (ref/add.md,
    subtract.md, multiply.md; sum, deltas and msum's tables follow)."""
    t = tx if tx > ty else ty
    return 6 if t < 6 else t


_BIG = 1 << 63
_MASK64 = (1 << 64) - 1


def _wrap_type(t, v):
    """Wrap a Python int into the two's complement range of integral q type t."""
    bits = {5: 16, 6: 32}.get(t, 64)
    m = (1 << bits) - 1
    v &= m
    return v - (1 << bits) if v >= 1 << (bits - 1) else v


def _wrap64(v):
    v &= _MASK64
    return v - (1 << 64) if v >= _BIG else v


def _arith(op, npop, x, y):
    tx, ty = abs(x.t), abs(y.t)
    # temporal and char arguments take their result types from the reference's range tables
    if tx in TEMPORAL_TYPES or ty in TEMPORAL_TYPES or tx == 10 or ty == 10:
        if op in "+-*":
            arith = UP.arith
            return arith(op, x, y)
        raise QError("type")
    if tx not in NUMERIC_TYPES or ty not in NUMERIC_TYPES:
        raise QError("type")
    t = _arith_type(tx, ty)
    atom = type(x) is Atom and type(y) is Atom
    if atom and t == 9:
        a = _atom_float(x, tx)
        b = _atom_float(y, ty)
        if op == "+":
            return Atom(-9, a + b)
        if op == "-":
            return Atom(-9, a - b)
        if op == "*":
            return Atom(-9, a * b)
    ax, ay = data(x, t), data(y, t)
    r = npop(ax, ay)
    if t in INT_NULLED:
        null = NULL_INT[t]
        if (ax.size and ax.min() == null) or (ay.size and ay.min() == null):
            r = np.where((ax == null) | (ay == null), null, r)
    return wrap(t, r, atom)


def _atom_float(x, t):
    # as `"f"$`: an integer null becomes 0n, an integer infinity its value (`float$0Wh is 32767f)
    v = x.v
    if t in INT_NULLED and v == NULL_INT[t]:
        return float("nan")
    return float(v)


_NULLJ = NULL_INT[7]


def _simple_add(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == -7 and y.t == -7:
        if x.v == _NULLJ or y.v == _NULLJ:
            return Atom(-7, _NULLJ)
        v = x.v + y.v
        return Atom(-7, v if -_BIG <= v < _BIG else _wrap64(v))
    return _arith("+", np.add, x, y)


def _simple_sub(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == -7 and y.t == -7:
        if x.v == _NULLJ or y.v == _NULLJ:
            return Atom(-7, _NULLJ)
        v = x.v - y.v
        return Atom(-7, v if -_BIG <= v < _BIG else _wrap64(v))
    return _arith("-", np.subtract, x, y)


def _simple_mul(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == -7 and y.t == -7:
        if x.v == _NULLJ or y.v == _NULLJ:
            return Atom(-7, _NULLJ)
        v = x.v * y.v
        return Atom(-7, v if -_BIG <= v < _BIG else _wrap64(v))
    return _arith("*", np.multiply, x, y)


def _simple_div(x, y):
    tx, ty = abs(x.t), abs(y.t)
    if tx in _DIVISIBLE and ty in _DIVISIBLE and (tx not in NUMERIC_TYPES or ty not in NUMERIC_TYPES):
        # chars and temporals divide as their underlying numbers
        return wrap(9, np.true_divide(_as_float(x), _as_float(y)), type(x) is Atom and type(y) is Atom)
    if tx not in NUMERIC_TYPES or ty not in NUMERIC_TYPES:
        raise QError("type")     # (% of temporals is always a float: the ratio of their values)
    if type(x) is Atom and type(y) is Atom:
        a, b = _atom_float(x, tx), _atom_float(y, ty)
        if b == 0:
            if a != a or a == 0:
                r = float("nan")
            else:
                r = float("inf") if (a > 0) == (str(b)[0] != "-") else float("-inf")
        else:
            r = a / b
        t = 8 if 8 in (tx, ty) and 9 not in (tx, ty) and tx != 7 and ty != 7 and tx == ty else 9
        return Atom(-t, scalar(t, r))
    t = 8 if tx == 8 and ty == 8 else 9
    return wrap(t, np.true_divide(data(x, t), data(y, t)), False)


_DIVISIBLE = NUMERIC_TYPES | TEMPORAL_TYPES | {10}


def _as_float(x):
    t = abs(x.t)
    if t == 10:
        return data(x).astype(np.float64)
    return data(x, 9) if t != 15 else data(x)


def add(x, y, Atom=Atom, _NULLJ=_NULLJ, _BIG=_BIG):
    # long+long atoms dominate scalar loops: decide them with the fewest operations
    if type(x) is Atom and type(y) is Atom and x.t == -7 and y.t == -7:
        a = x.v
        b = y.v
        if a != _NULLJ and b != _NULLJ:
            v = a + b
            if -_BIG <= v < _BIG:
                return Atom(-7, v)
    if type(x) is Atom and type(y) is Atom and x.t == -9 and y.t == -9:
        return Atom(-9, x.v + y.v)  # IEEE float arithmetic is q's: nulls and infinities carry
    return pervade2(_simple_add, x, y)


def sub(x, y, Atom=Atom, _NULLJ=_NULLJ, _BIG=_BIG):
    if type(x) is Atom and type(y) is Atom and x.t == -7 and y.t == -7:
        a = x.v
        b = y.v
        if a != _NULLJ and b != _NULLJ:
            v = a - b
            if -_BIG <= v < _BIG:
                return Atom(-7, v)
    if type(x) is Atom and type(y) is Atom and x.t == -9 and y.t == -9:
        return Atom(-9, x.v - y.v)  # IEEE float arithmetic is q's: nulls and infinities carry
    if type(x) is Dict and type(y) is Dict:
        # q subtracts dictionaries as x+neg y: keys only in y come out negated
        return add(x, neg(y))
    return pervade2(_simple_sub, x, y)


def mul(x, y, Atom=Atom, _NULLJ=_NULLJ, _BIG=_BIG):
    if type(x) is Atom and type(y) is Atom and x.t == -7 and y.t == -7:
        a = x.v
        b = y.v
        if a != _NULLJ and b != _NULLJ:
            v = a * b
            if -_BIG <= v < _BIG:
                return Atom(-7, v)
    if type(x) is Atom and type(y) is Atom and x.t == -9 and y.t == -9:
        return Atom(-9, x.v * y.v)  # IEEE float arithmetic is q's: nulls and infinities carry
    return pervade2(_simple_mul, x, y)


def fdiv(x, y):
    return pervade2(_simple_div, x, y)


# temporal families, finest first: a calendar point and a duration / time of day
_TEMPORAL_FAMILIES = ((12, 15, 14, 13), (16, 19, 18, 17))


def _finer_temporal(tx, ty):
    """The finer of two different temporal types of one family (0 when they are not such)."""
    for family in _TEMPORAL_FAMILIES:
        if tx != ty and tx in family and ty in family:
            return min(tx, ty, key=family.index)
    return 0


# ref/lesser.md, greater.md, fill.md: the type of x&y, x|y and x^y, x's type by row and y's by
# column in the order of _ORDERED ("." where q signals 'type); Fill also takes two guids or symbols
_ORDERED = "bgxhijefcspmdznuvt"
_LESSER_ROWS = {
    "b": "b.xhijefc.pmdznuvt", "x": "x.xhijefc.pmdznuvt", "h": "h.hhijefc.pmdznuvt",
    "i": "i.iiijefc.pmdznuvt", "j": "j.jjjjefc.pmdznuvt", "e": "e.eeeeefc.pmdznuvt",
    "f": "f.ffffffc.pmdznuvt", "c": "c.ccccccc.pmdznuvt",
    "p": "p.ppppppp.ppppnuvt", "m": "m.mmmmmmm.pmd.....", "d": "d.ddddddd.pddz....",
    "z": "z.zzzzzzz.p.zznuvt", "n": "n.nnnnnnn.n..nnnnn", "u": "u.uuuuuuu.u..unuvt",
    "v": "v.vvvvvvv.v..vnvvt", "t": "t.ttttttt.t..tnttt"}
_LESSER_TYPES = type_table(_ORDERED, _LESSER_ROWS)


def lesser_type(tx, ty):
    """The type of x&y and x|y for simple x and y of types tx, ty; None where q refuses ('type)."""
    return _LESSER_TYPES.get((tx, ty))


def _in_result_type(x, y, rt):
    """The data of x and y as type rt, for x&y, x|y and x^y: different types meet by their underlying
    values, except that of two temporals of one family the coarser is cast to the finer, as
    comparison converts it. Where a float meets a char or a temporal kept as a whole number, how
    q rounds it is undocumented and the result would be a guess: 'nyi."""
    tx, ty = abs(x.t), abs(y.t)
    if tx == ty:
        return data(x), data(y)
    finer = _finer_temporal(tx, ty)
    if finer:
        cast_to = UP.cast_to
        return (data(x), data(cast_to(rt, y))) if tx == rt else (data(cast_to(rt, x)), data(y))
    if {tx, ty} & {8, 9, 15} and rt not in (8, 9, 15):
        raise QError("nyi")
    return data(x, rt), data(y, rt)


def _minmax(x, y, big):
    tx, ty = abs(x.t), abs(y.t)
    rt = lesser_type(tx, ty)
    if rt is None:
        raise QError("type")
    atom = type(x) is Atom and type(y) is Atom
    if rt == 10 and tx != ty:
        if {tx, ty} & {8, 9}:
            raise QError("nyi")
        # a char with an integer compares by code and stays a char: 98|"a" is "b"
        r = (np.maximum if big else np.minimum)(data(x, 7), data(y, 7))
        return wrap(10, r % 256, atom)
    a, b = _in_result_type(x, y, rt)
    if rt in (8, 9, 15):
        r = np.fmax(a, b) if big else np.fmin(a, b)
        # q: null is the smallest value, so min with null is null
        if not big:
            r = np.where(np.isnan(a) | np.isnan(b), np.nan, r)
    else:
        r = np.maximum(a, b) if big else np.minimum(a, b)
    return wrap(rt, r, atom)


def vmin(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == y.t == -7:
        return x if x.v <= y.v else y
    return pervade2(lambda a, b: _minmax(a, b, False), x, y)


def vmax(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == y.t == -7:
        return x if x.v >= y.v else y
    return pervade2(lambda a, b: _minmax(a, b, True), x, y)


# ----------------------------------------------------------------- comparison

def _cmp_data(x, y):
    tx, ty = abs(x.t), abs(y.t)
    if tx == 11 or ty == 11:
        if tx != ty:
            raise QError("type")
        return data(x), data(y), 11
    if tx == 2 or ty == 2:
        if tx != ty:
            raise QError("type")
        return data(x), data(y), 2
    if tx == ty:
        return data(x), data(y), tx
    if tx == 15 or ty == 15 or ((tx in TEMPORAL_TYPES) and (ty in TEMPORAL_TYPES)):
        comparable = UP.comparable
        return comparable(x, tx, y, ty)
    if tx in (8, 9) or ty in (8, 9):
        return data(x, 9), data(y, 9), 9
    return data(x, 7), data(y, 7), 7


def _eq_simple(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == y.t and x.t not in (-9, -8, -15):
        return Atom(-1, x.v == y.v)
    a, b, t = _cmp_data(x, y)
    if t in (8, 9, 15):         # floats and datetimes compare with the tolerance
        r = _tolerant_eq(a, b)
    else:
        r = a == b
    return wrap(1, r, type(x) is Atom and type(y) is Atom)


def _lt_simple(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == y.t and x.t not in (-9, -8, -2, -15):
        return Atom(-1, x.v < y.v)
    tx, ty = abs(x.t), abs(y.t)
    if tx in TEMPORAL_TYPES and ty in TEMPORAL_TYPES and lesser_type(tx, ty) is None:
        # ref/less-than.md, greater-than.md: the temporals that & refuses (a month with a
        # datetime or a time, a date with a time) do not order either
        raise QError("type")
    a, b, t = _cmp_data(x, y)
    if t in (8, 9, 15):
        r = _tolerant_lt(a, b)
    else:
        r = a < b
    return wrap(1, r, type(x) is Atom and type(y) is Atom)


# q compares floats with a tolerance: a<b needs b-a above _TOL times the larger magnitude. For a
# fixed b that band is an interval, so the tolerance folds into bounds and a comparison with an
# atom is one numpy pass (the bound may sit an ulp off |b-a| = _TOL*max, at the band's very edge).
# Nulls (NaN) sort below everything and match only each other.
_TOL = 2.0 ** -43       # kdb+'s comparison tolerance (relative)


def _below(b):
    """The largest a with a<b (tolerantly) lies just under this bound: a<b iff a < _below(b)."""
    return np.where(b > 0, b * (1 - _TOL), b / (1 - _TOL)) if np.ndim(b) else \
        (b * (1 - _TOL) if b > 0 else b / (1 - _TOL))


def _above(a):
    """a<b (tolerantly) iff b > _above(a)."""
    return np.where(a > 0, a / (1 - _TOL), a * (1 - _TOL)) if np.ndim(a) else \
        (a / (1 - _TOL) if a > 0 else a * (1 - _TOL))


def _tolerant_lt(a, b):
    with np.errstate(invalid="ignore", over="ignore"):
        if np.ndim(a) == 0 and a == a:
            return b > _above(a)          # a NaN b is not above anything
        if np.ndim(b) == 0:
            if b != b:
                return np.zeros(np.shape(a), dtype=bool)   # nothing is below a null
            return ~(a >= _below(b))      # a NaN a is below b
        return ~(a >= _below(b)) & ~np.isnan(b)


def _tolerant_eq(a, b):
    if np.ndim(b) != 0 and np.ndim(a) == 0:
        a, b = b, a
    with np.errstate(invalid="ignore", over="ignore"):
        if np.ndim(b) == 0:
            if b != b:
                return np.isnan(a)
            return (a >= _below(b)) & (a <= _above(b))
        return ((a >= _below(b)) & (a <= _above(b))) | (np.isnan(a) & np.isnan(b))


_TRUE = Atom(-1, True)
_FALSE = Atom(-1, False)
_EXACT_ATOMS = EXACT_ATOM_TYPES


def _on_all_keys(x, y):
    """Two dictionaries compared: each over the keys of both (x's, then y's new ones), a key it
    lacks giving null, as indexing it does. A comparison is a boolean at every key; the primer's
    schoolfriends=rockfriends is 0 where a name is in one dictionary only."""
    if not (type(x) is Dict and type(y) is Dict) or isinstance(x.k, Table) or isinstance(y.k, Table):
        return x, y
    keys = join(x.k, except_keys(y.k, x.k))
    return Dict(keys, index(x, keys)), Dict(keys, index(y, keys))


def except_keys(k, known):
    seen = {_key(i) for i in items_of(known)}
    return from_items([i for i in items_of(k) if _key(i) not in seen]) if count(k) else k


def eq(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == y.t and x.t in _EXACT_ATOMS:
        return _TRUE if x.v == y.v else _FALSE
    x, y = _on_all_keys(x, y)
    return pervade2(_eq_simple, x, y)


def lt(x, y):
    # same-typed integral atoms (nulls are the smallest values, so plain order is q's order)
    if type(x) is Atom and type(y) is Atom and x.t == y.t and x.t in _EXACT_ATOMS:
        return _TRUE if x.v < y.v else _FALSE
    x, y = _on_all_keys(x, y)
    return pervade2(_lt_simple, x, y)


def gt(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == y.t and x.t in _EXACT_ATOMS:
        return _TRUE if x.v > y.v else _FALSE
    x, y = _on_all_keys(x, y)
    return pervade2(_lt_simple, y, x)


def _not_simple(x):
    if type(x) is Atom:
        return Atom(-1, not x.v)
    return Vec(1, ~x.a)


def ne(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == y.t and x.t in _EXACT_ATOMS:
        return _FALSE if x.v == y.v else _TRUE
    return pervade1(_not_simple, eq(x, y))


def le(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == y.t and x.t in _EXACT_ATOMS:
        return _TRUE if x.v <= y.v else _FALSE
    return pervade1(_not_simple, gt(x, y))


def ge(x, y):
    if type(x) is Atom and type(y) is Atom and x.t == y.t and x.t in _EXACT_ATOMS:
        return _TRUE if x.v >= y.v else _FALSE
    return pervade1(_not_simple, lt(x, y))


# ----------------------------------------------------------------- match

def match(x, y, tol=True):
    """x~y. Floats (and datetimes) match with the comparison tolerance unless tol is False, as
    for the keywords that test equality exactly (? in distinct group ...)."""
    if x is y:
        return True
    tx, ty = type(x), type(y)
    if tx is Atom:
        if ty is not Atom or x.t != y.t:
            return False
        if x.v == y.v:
            return True
        if tol and x.t in (-8, -9, -15):   # floats match tolerantly, as = compares: 0.3~0.1+0.2
            return bool(_tolerant_eq(x.v, y.v))
        return x.v != x.v and y.v != y.v
    if tx is Vec:
        if ty is not Vec or x.t != y.t or len(x.a) != len(y.a):
            return False
        if tol and x.t in (8, 9, 15):
            # q matches floats with its comparison tolerance (relative 2^-43)
            return bool(np.all(_tolerant_eq(x.a.astype(np.float64), y.a.astype(np.float64))))
        if x.t in (8, 9, 15):
            return bool(np.array_equal(x.a, y.a, equal_nan=True))
        return bool(np.array_equal(x.a, y.a))
    if tx is QList:
        if ty is Vec and len(y.a) == 0 and len(x.items) == 0:
            return False
        if ty is not QList or len(x.items) != len(y.items):
            return False
        return all(match(a, b, tol) for a, b in zip(x.items, y.items))
    if tx is Dict:
        return ty is Dict and match(x.k, y.k, tol) and match(x.v, y.v, tol)
    if tx is Table:
        return ty is Table and x.cols == y.cols and all(match(a, b, tol) for a, b in zip(x.vals, y.vals))
    if tx is Enum:
        return ty is Enum and x.dom == y.dom and x.atom == y.atom and np.array_equal(x.idx, y.idx)
    if isinstance(x, Fn) or isinstance(x, Null):
        # functions match when their q types and forms agree: neg is (-:), a keyword that is
        # a primitive's unary form
        display = UP.display
        return isinstance(y, (Fn, Null)) and x.t == y.t and display(x) == display(y)
    return False


def match_verb(x, y):
    return Atom(-1, match(x, y))


# ----------------------------------------------------------------- fill, not, neg

def _fill_simple(x, y):
    """x^y: y with its nulls replaced by x, in the type of x&y (ref/fill.md); two guids or two
    symbols fill too."""
    tx, ty = abs(x.t), abs(y.t)
    rt = tx if tx == ty and tx in (2, 11) else lesser_type(tx, ty)
    if rt is None:
        raise QError("type")
    mask = null_mask(Vec(ty, np.atleast_1d(data(y))))
    if type(y) is Atom:
        mask = mask[0]
    fill, a = _in_result_type(x, y, rt)
    r = np.where(mask, fill, a)
    if rt in (11, 2):
        r = r.astype(object)
    return wrap(rt, r, type(x) is Atom and type(y) is Atom)


def _cast_atom_to(x, t):
    return Atom(-t, scalar(t, data(x, t)[()]))


def fill(x, y):
    return pervade2(_fill_simple, x, y)


def is_null_atom(x):
    return is_null_scalar(x.t, x.v)


def null_mask(x):
    """Boolean numpy mask of nulls in a vector."""
    t = x.t
    a = x.a
    if t in (8, 9, 15):
        return np.isnan(a)
    if t in INT_NULLED:
        return a == NULL_INT[t]
    if t == 11:
        return a == ""
    if t == 10:
        return a == 32
    if t == 2:
        return a == NULL_GUID
    return np.zeros(len(a), dtype=bool)


def null(x):
    def f(v):
        if type(v) is Atom:
            return Atom(-1, is_null_atom(v))
        return Vec(1, null_mask(v))
    if isinstance(x, (Null,)):
        return Atom(-1, True)
    if isinstance(x, Enum):
        # an enumeration is an index into its domain, never null (even of the null symbol)
        return Atom(-1, False) if x.atom else Vec(1, np.zeros(len(x.idx), dtype=bool))
    return pervade1(f, x)


def neg(x):
    def f(v):
        t = abs(v.t)
        if type(v) is Atom:
            if t == 7:
                return Atom(-7, _wrap64(-v.v))
            if t in (8, 9, 15):
                return Atom(v.t, -v.v)
        if t in (1, 4, 10):  # booleans, bytes and chars negate as ints (ref/neg.md)
            return wrap(6, -data(v, 6), type(v) is Atom)
        if t in NUMERIC_TYPES or t in TEMPORAL_TYPES:
            return wrap(t, -data(v), type(v) is Atom)
        raise QError("type")
    return pervade1(f, x)


def not_(x):
    def f(v):
        t = abs(v.t)
        if t == 11 or t == 2:
            raise QError("type")
        a = data(v)
        if t in (8, 9, 15):
            r = a == 0
        else:
            r = a == 0
        return wrap(1, r, type(v) is Atom)
    return pervade1(f, x)


# ----------------------------------------------------------------- structural verbs

def join(x, y):
    tx, ty = type(x), type(y)
    if tx is Vec and ty is Vec and x.t == y.t:
        check_alloc(len(x.a) + len(y.a), x.a.itemsize)
        return Vec(x.t, np.concatenate((x.a, y.a)))
    if tx is Atom and ty is Vec and -x.t == y.t:
        return Vec(y.t, np.concatenate((data(x).reshape(1), y.a)))
    if tx is Vec and ty is Atom and x.t == -y.t:
        return Vec(x.t, np.concatenate((x.a, data(y).reshape(1))))
    if tx is Atom and ty is Atom and x.t == y.t:
        a = np.empty(2, dtype=DTYPES[-x.t])
        a[0] = x.v
        a[1] = y.v
        return Vec(-x.t, a)
    if tx is Dict and ty is Dict:
        if isinstance(x.k, Table) or isinstance(y.k, Table):
            if not (isinstance(x.k, Table) and isinstance(y.k, Table)
                    and isinstance(x.v, Table) and isinstance(y.v, Table)):
                raise QError("type")
            keyed_upsert = UP.keyed_upsert
            return keyed_upsert(x, y)
        return _dict_op(lambda a, b: b, x, y)
    if tx is Table and ty is Table:
        table_join = UP.table_join
        return table_join(x, y)
    if tx is Dict and ty is Table and isinstance(x.k, Table):
        raise QError("type")     # a keyed table joins only a keyed table (upsert) or its rows
    if tx is Table and ty is Dict:
        if isinstance(y.k, Table):
            raise QError("type")
        table_join = UP.table_join
        return table_join(x, enlist(y))
    if tx is Enum or ty is Enum:
        enum_join = UP.enum_join
        return enum_join(x, y)
    if (tx is Dict) != (ty is Dict) and (tx is Atom or ty is Atom):
        raise QError("type")
    xi = items_of(x) if (tx is Vec or tx is QList) else [x]
    yi = items_of(y) if (ty is Vec or ty is QList) else [y]
    if not xi and ty is Vec:
        return y
    if not yi and tx is Vec:
        return x
    if not xi or not yi:
        return from_items(xi + yi)
    return QList(xi + yi)




def make_dict(x, y):
    if type(x) is Atom and x.t in (-7, -6, -5) and x.v == NULL_INT[-x.t]:
        inline = UP.inline
        write_output = UP.write_output
        write_output(inline(y) + "\n")
        return y
    if type(x) is Atom and x.t in (-7, -6, -5) and x.v in (-8, -9):
        # -8!x serialises x as kdb+ IPC bytes; -9!x reads such bytes back
        if x.v == -8:
            return Vec(4, np.frombuffer(serialize(y), dtype=np.uint8).copy())
        if not (isinstance(y, Vec) and y.t == 4):
            raise QError("type")
        try:
            return deserialize(y.a.tobytes())
        except (ValueError, NotData):
            raise QError("badmsg") from None
    if type(x) is Atom and x.t in (-7, -6, -5) and x.v == -3:
        # -3!x: the one-line text of x, as 0N! would print it
        inline = UP.inline
        return char_vec(inline(y))
    if type(x) is Atom and x.t in (-7, -6, -5) and x.v == -27:
        return _decimal_text(y)
    if type(x) is Atom and x.t == -11 and isinstance(y, (Atom, Vec)) and abs(y.t) in (5, 6, 7):
        enum_from_indices = UP.enum_from_indices
        return enum_from_indices(x.v, y)
    if type(x) is Atom and x.t in (-7, -6, -5) and (isinstance(y, (Table, Dict)) or
                                                    (type(y) is Atom and y.t == -11)):
        xkey_n = UP.xkey_n
        return xkey_n(x.v, y)
    if type(x) is Atom and x.t in (-7, -6, -5) and type(y) is Atom and y.t == -11:
        # n!`t keys (or unkeys) the table named t in place
        xkey_n = UP.xkey_n
        assign_global(y.v, xkey_n(x.v, lookup(y.v)))
        return y
    if isinstance(x, Table) and isinstance(y, Table):
        if len(x) != len(y):
            raise QError("length")
        return Dict(x, y)
    if type(x) is Atom:
        if type(y) is not Atom and not isinstance(y, (Vec, QList)):
            return Dict(atom_to_vec(x), enlist(y))
        if type(y) is Atom:
            return Dict(atom_to_vec(x), atom_to_vec(y))
        raise QError("length")
    if count(x) != count(y) and not (type(y) is Atom):
        raise QError("length")
    if type(y) is Atom:
        y = UP.take_n(count(x), y)
    return Dict(x, y)


def _decimal_text(pair):
    """-27!(n;y): each float of y as text with n decimals, rounded as C's printf rounds the
    binary value (IEEE754), whatever \\P says; a string for an atom, strings for a vector."""
    if not (isinstance(pair, QList) and len(pair.items) == 2):
        raise QError("type")
    places, y = pair.items
    if not (type(places) is Atom and places.t == -6) or places.v == NULL_INT[6]:
        raise QError("type")
    if places.v < 0:
        raise QError("domain")
    if not (isinstance(y, (Atom, Vec)) and abs(y.t) == 9):
        raise QError("type")
    values = [y.v] if type(y) is Atom else y.a.tolist()
    if not all(np.isfinite(values)):
        raise QError("nyi")     # what kdb+ writes for a null or an infinity here is not documented
    texts = [char_vec("%.*f" % (places.v, v)) for v in values]
    return texts[0] if type(y) is Atom else QList(texts)


def _nesting(v):
    """How deeply a value nests lists: 0 for an atom, 1 for a simple list, more for general lists."""
    if type(v) is QList:
        return 1 + (_nesting(v.items[0]) if v.items else 0)
    return 1 if type(v) is Vec or type(v) is Enum and not v.atom else 0


# shorts, ints and longs: Find compares their values across the three types
_WHOLE_FIND = frozenset((5, 6, 7))


def _fits(a, dtype):
    """Whether every value of integer array a is representable in integer dtype."""
    info = np.iinfo(dtype)
    return not a.size or (int(a.min()) >= info.min and int(a.max()) <= info.max)


def find(x, y):
    """x?y: index of y in list x (count x if absent); dictionary reverse lookup."""
    if isinstance(x, Dict):
        i = find(x.v, y)
        return index(x.k, i)
    if type(x) is Atom and x.t == -11:
        enum_extend = UP.enum_extend
        return enum_extend(x.v, y)
    if type(x) is Enum or type(y) is Enum:  # enumerations are found by the values they stand for
        enum_values = UP.enum_values
        return find(enum_values(x) if type(x) is Enum else x, enum_values(y) if type(y) is Enum else y)
    if type(x) is Atom:
        return draw(x, y)
    if isinstance(x, Table):
        if isinstance(y, Dict) and not (type(y.k) is Vec and y.k.t == 11):
            raise QError("type")
        table_find = UP.table_find
        return table_find(x, y)
    if type(x) is Vec:
        n = len(x.a)
        # Find is type-specific relative to x: an atom or a simple list looked up in a simple list
        # must have x's type (no numeric promotion: a float in longs is 'type, ref/in.md), except
        # that shorts, ints and longs find each other's values (learn/python: an int vector?long)
        if type(y) is Atom:
            if abs(y.t) != x.t and not (abs(y.t) in _WHOLE_FIND and x.t in _WHOLE_FIND):
                raise QError("type")
            v = y.v
            if x.t in (8, 9, 15) and v != v:
                w = np.flatnonzero(np.isnan(x.a))
            else:
                w = np.flatnonzero(x.a == v)
            return Atom(-7, int(w[0]) if len(w) else n)
        if type(y) is Vec:
            if y.t != x.t:
                if not (y.t in _WHOLE_FIND and x.t in _WHOLE_FIND):
                    raise QError("type")
                y = Vec(x.t, y.a.astype(x.a.dtype)) if _fits(y.a, x.a.dtype) else Vec(7, y.a.astype(np.int64))
                x = Vec(7, x.a.astype(np.int64)) if y.t == 7 else x
            if x.t in (11, 2, 8, 9, 15):
                first = {}
                for i, v in enumerate(x.a.tolist()):
                    key = "nan" if v != v else v
                    if key not in first:
                        first[key] = i
                return Vec(7, np.array([first.get("nan" if v != v else v, n) for v in y.a.tolist()], dtype=np.int64))
            order = np.argsort(x.a, kind="stable")
            sx = x.a[order]
            pos = np.searchsorted(sx, y.a)
            pos_c = np.minimum(pos, max(n - 1, 0))
            found = (pos < n) & (sx[pos_c] == y.a) if n else np.zeros(len(y.a), bool)
            r = np.where(found, order[pos_c] if n else 0, n)
            return Vec(7, r.astype(np.int64))
        if isinstance(y, QList):
            # a general list is searched item by item (Find is right-atomic), but only a list of lists:
            # a general list that starts with an atom cannot hold x's atoms alone
            if y.items and type(y.items[0]) is Atom:
                raise QError("type")
            return from_items([find(x, i) for i in y.items])
        raise QError("type")
    if isinstance(x, QList):
        # Find looks for objects as deep as x's items (ref/find.md): y nesting deeper is
        # searched item by item, so u?(2 3;`ab) finds 2 3 and `ab, never the pair itself
        if _nesting(y) > (_nesting(x.items[0]) if x.items else 0):
            return from_items([find(x, v) for v in items_of(y)])
        for i, v in enumerate(x.items):
            if match(v, y, False):     # ? finds exactly (no comparison tolerance)
                return Atom(-7, i)
        return Atom(-7, len(x.items))
    raise QError("type")


def identity_fn(x):
    return x


UP.provide(match=match, find=find)
