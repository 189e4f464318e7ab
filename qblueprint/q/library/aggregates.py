"""Aggregates and statistics (sum prd max min avg med var dev svar sdev cov scov cor wsum wavg count
all any) and the uniform keywords that run along a list (sums prds maxs mins avgs deltas ratios
differ fills prev next xprev), on vectors, general lists, dictionaries' values and tables' columns.

Numeric vectors take numpy fast paths that skip nulls as q does; anything else folds with the
primitive through the iterators.
"""
import math

import numpy as np

from ..base.errors import QError
from ..base.upcalls import UP
from ..base.values import (Atom, Vec, INT_TYPES, QList, Dict, Table, IDENTITY, DTYPES, NULL_INT, INF_INT, INT_NULLED,
                     NUMERIC_TYPES, count, items_of, from_items, null_of, sym_vec, char_vec,
                     is_true)
from ..base.registry import REGISTRY, kw
from ..prims.sorting import iasc_arr
from ..prims import verbs as V
from ..evaluation import evaluator as ev
from ..prims.iterators import over
from ..prims.iterators import each_prior


# ref/sum.md, prd.md: the type of the sum (product, running sums and products) of a vector;
# small whole numbers total as ints, temporals keep their type. The tables give chars ints, but
# real q's transcripts there show sum "abc" (and prd, sums, prds) as 'type: chars are left out.
SUM_TYPE = {1: 6, 4: 6, 5: 6, 6: 6, 7: 7, 8: 8, 9: 9,
            **{t: t for t in (12, 13, 14, 15, 16, 17, 18, 19)}}
# ref/avg.md, var.md, dev.md, med.md: what avg, var, dev, med (and avgs, but for chars) take, as floats
AVG_DOMAIN = NUMERIC_TYPES | {10, 12, 13, 14, 15, 16, 17, 18, 19}
# ref/deltas.md: the type of deltas of a vector, that of x - prior x
DELTAS_TYPE = {1: 6, 4: 6, 5: 6, 6: 6, 7: 7, 8: 8, 9: 9, 12: 16, 13: 6, 14: 6, 15: 9,
               16: 16, 17: 17, 18: 18, 19: 19}


def _averaged_vector(x):
    _averaged(x)
    return x


# ----------------------------------------------------------------- aggregates

def _nonnull_float(x):
    a = V.data(x, 9)
    return a[~np.isnan(a)]


def lane_sum(a):
    """Sum of floats (nulls skipped) in kdb+'s order, which decides the last bits: its SIMD sum
    (basics/precision.md) is {x+y}over{x+y}over 0N 8#x, eight running lane sums added in turn.
    Items past the last whole row of eight are added after, in order (the page shows no tail)."""
    a = np.asarray(a, dtype=np.float64)
    if np.isnan(a).any():
        a = np.where(np.isnan(a), 0.0, a)
    whole = len(a) - len(a) % 8
    total = 0.0
    if whole:
        for lane in a[:whole].reshape(-1, 8).sum(axis=0):   # an axis-0 sum adds row by row
            total += lane
    for item in a[whole:]:
        total += item
    return total


def fold(name, x):
    """+/ */ |/ &/ over a simple numeric vector (nulls skipped as q does)."""
    t = x.t
    a = x.a
    if name == "+":
        if t in (8, 9, 15):
            r = lane_sum(a)
            return Atom(-t, float(np.float32(r)) if t == 8 else float(r))
        rt = SUM_TYPE[t]
        if t in INT_NULLED and len(a) and a.min() == NULL_INT[t]:
            a = np.where(a == NULL_INT[t], 0, a)
        return Atom(-rt, V._wrap_type(rt, int(np.sum(a, dtype=np.int64))))
    if name == "*":
        if t in (8, 9, 15):
            return Atom(-t, float(np.nanprod(a.astype(np.float64))))
        if t in INT_NULLED:
            a = np.where(a == NULL_INT[t], 1, a)
        rt = SUM_TYPE[t]
        return Atom(-rt, V._wrap_type(rt, int(np.prod(a, dtype=np.int64))))
    if name in ("|", "&"):
        # nulls are skipped; with nothing left, max is -0W (-0w) and min 0W (0w), their identities
        big = name == "|"
        if t in (8, 9):
            # fmax/fmin skip NaN in one pass: NaN comes out only when every item is null
            r = (np.fmax if big else np.fmin).reduce(a) if len(a) else np.nan
            if r != r:
                return Atom(-t, float("-inf") if big else float("inf"))
            return Atom(-t, float(r))
        if t == 1:
            return Atom(-1, bool(a.any() if big else a.all()))
        if t in INT_NULLED:
            if len(a):
                r = a.max() if big else a.min()
                if r != NULL_INT[t]:  # the null is the smallest value: no null, or max skips it
                    return Atom(-t, int(r))
            v = a[a != NULL_INT[t]]
            if len(v) == 0:
                return Atom(-t, -INF_INT[t] if big else INF_INT[t])
            return Atom(-t, int(v.max() if big else v.min()))
        if len(a) == 0:
            return Atom(-t, 0 if big else 255)
        return Atom(-t, int(a.max() if big else a.min()))
    raise QError("nyi")


def running(name, x):
    t = x.t
    a = x.a
    if t in INT_NULLED and name in ("|", "&"):
        # nulls are skipped: they start as -0W for maxs and 0W for mins
        a = np.where(a == NULL_INT[t], -INF_INT[t] if name == "|" else INF_INT[t], a)
    if name in ("+", "*"):
        float_scan, int_scan, identity = \
            (np.nancumsum, np.cumsum, 0) if name == "+" else (np.nancumprod, np.cumprod, 1)
        if t in (8, 9, 15):
            return Vec(t, float_scan(a))
        # like sum and prd (SUM_TYPE); nulls count as the identity
        rt = SUM_TYPE[t]
        if t in INT_NULLED:
            a = np.where(a == NULL_INT[t], identity, a)
        return Vec(rt, int_scan(a, dtype=np.int64).astype(DTYPES[rt]))
    if name in ("|", "&"):
        big = name == "|"
        if t == 1:
            return Vec(1, np.logical_or.accumulate(a) if big else np.logical_and.accumulate(a))
        if t in (8, 9):
            b = np.where(np.isnan(a), -np.inf if big else np.inf, a)
            r = np.maximum.accumulate(b) if big else np.minimum.accumulate(b)
            return Vec(t, r.astype(DTYPES[t]))
        r = np.maximum.accumulate(a) if big else np.minimum.accumulate(a)
        return Vec(t, r)
    raise QError("nyi")


def _agg(name):
    def f(x):
        if type(x) is Vec and (x.t in SUM_TYPE if name in "+*" else
                               x.t in (1, 4, 5, 6, 7, 8, 9) or x.t in INT_NULLED):
            return fold(name, x)
        if type(x) is Atom:
            return x
        if isinstance(x, Dict):
            return f(x.v) if not isinstance(x.v, Table) else f(x.v)
        if isinstance(x, Table):
            return Dict(sym_vec(x.cols), from_items([f(c) for c in x.vals]))
        return over(ev.PRIMS[name], [x], False)
    return f


REGISTRY["sum"] = (_agg("+"), 1)
REGISTRY["prd"] = (_agg("*"), 1)
REGISTRY["max"] = (_agg("|"), 1)
REGISTRY["min"] = (_agg("&"), 1)


@kw("sums")
def sums(x):
    if type(x) is Vec and x.t in SUM_TYPE:
        return running("+", x)
    return over(ev.PRIMS["+"], [x], True)


@kw("prds")
def prds(x):
    if type(x) is Vec and x.t in SUM_TYPE:
        return running("*", x)
    return over(ev.PRIMS["*"], [x], True)


@kw("maxs")
def maxs(x):
    if type(x) is Vec and x.t in (1, 4, 5, 6, 7, 8, 9) and len(x.a):
        return running("|", x)
    return over(ev.PRIMS["|"], [x], True)


@kw("mins")
def mins(x):
    if type(x) is Vec and x.t in (1, 4, 5, 6, 7, 8, 9) and len(x.a):
        return running("&", x)
    return over(ev.PRIMS["&"], [x], True)


def _averaged(x):
    t = abs(x.t)
    if t not in AVG_DOMAIN:
        raise QError("type")
    return t


@kw("avg")
def avg(x):
    if type(x) is Atom:
        return Atom(-9, V._atom_float(x, _averaged(x)))
    if isinstance(x, Dict):
        return avg(x.v)
    if isinstance(x, Table):
        return Dict(sym_vec(x.cols), from_items([avg(c) for c in x.vals]))
    if type(x) is Vec:
        _averaged(x)
        if x.t in (5, 6, 7, 9) and len(x.a):
            # without nulls or infinities the mean needs no converted copy
            mean = float(x.a.mean(dtype=np.float64))
            if x.t == 9 and mean == mean:
                return Atom(-9, mean)
            if x.t != 9 and -INF_INT[x.t] < x.a.min() and x.a.max() < INF_INT[x.t]:
                return Atom(-9, mean)
        a = _nonnull_float(x)
        return Atom(-9, float(a.mean()) if len(a) else float("nan"))
    if isinstance(x, QList):
        if not x.items:
            return Atom(-9, float("nan"))
        if all(type(i) is Atom for i in x.items):
            # atoms of mixed types: nulls add nothing to the sum but still count
            a = V.data(from_items([Atom(-9, V._atom_float(i, _averaged(i))) for i in x.items]))
            return Atom(-9, float(np.nansum(a) / len(a)))
        return V.fdiv(sum_(x), Atom(-7, len(x.items)))
    raise QError("type")


def sum_(x):
    return REGISTRY["sum"][0](x)


@kw("avgs")
def avgs(x):
    if type(x) is Vec:
        if x.t == 10 or x.t not in AVG_DOMAIN:
            raise QError("type")
        a = V.data(x, 9)
        ok = ~np.isnan(a)
        s = np.cumsum(np.where(ok, a, 0))
        c = np.cumsum(ok)
        with np.errstate(all="ignore"):
            return Vec(9, s / c)
    return V.fdiv(sums(x), Vec(7, np.arange(1, count(x) + 1)))


@kw("med")
def med(x):
    if isinstance(x, Dict):
        return med(x.v)
    if type(x) is Atom:
        return Atom(-9, V._atom_float(x, _averaged(x)))
    if isinstance(x, (QList, Table)):
        # as q.k: the average of the middle item(s) in q's order (whole rows of a table)
        n = count(x)
        if not n:
            return Atom(-9, float("nan"))
        order = iasc_arr(x)
        middle = order[[(n - 1) // 2, n // 2]]
        return avg(ev.index(x, Vec(7, middle.astype(np.int64))))
    _averaged(x)
    a = _nonnull_float(x)
    return Atom(-9, float(np.median(a)) if len(a) else float("nan"))


def _var(x, ddof):
    if isinstance(x, Dict):
        return _var(x.v, ddof)
    if isinstance(x, Table):
        return Dict(sym_vec(x.cols), from_items([_var(c, ddof) for c in x.vals]))
    if type(x) is Atom:
        return Atom(-9, 0.0 if ddof == 0 else float("nan"))
    if isinstance(x, QList) and x.items and all(type(i) is Vec for i in x.items):
        # a list of equally long vectors: the variance at each position across them
        rows = np.stack([V.data(_averaged_vector(i), 9) for i in x.items])
        with np.errstate(all="ignore"):
            return Vec(9, np.var(rows, axis=0, ddof=ddof) if len(rows) > ddof
                       else np.full(rows.shape[1], np.nan))
    _averaged(x)
    a = _nonnull_float(x)
    if len(a) - ddof <= 0:
        return Atom(-9, float("nan") if ddof else 0.0 if len(a) else float("nan"))
    return Atom(-9, float(np.var(a, ddof=ddof)))


@kw("var")
def var(x):
    return _var(x, 0)


@kw("svar")
def svar(x):
    return _var(x, 1)


@kw("dev")
def dev(x):
    r = _var(x, 0)
    return V.pervade1(lambda v: Atom(-9, math.sqrt(v.v)) if type(v) is Atom else Vec(9, np.sqrt(v.a)), r)


@kw("sdev")
def sdev(x):
    r = _var(x, 1)
    return V.pervade1(lambda v: Atom(-9, math.sqrt(v.v)) if type(v) is Atom else Vec(9, np.sqrt(v.a)), r)


def _pair_floats(x, y, domain=AVG_DOMAIN):
    """x and y as floats, without the pairs where either is null. cov and cor take chars and
    temporals too (ref/cov.md, cor.md); scov's page says it refuses them, though its table
    allows them: it keeps to numbers."""
    if type(x) is not Vec or type(y) is not Vec or x.t not in domain or y.t not in domain:
        raise QError("type")
    a, b = V.data(x, 9), V.data(y, 9)
    if len(a) != len(b):
        raise QError("length")
    ok = ~(np.isnan(a) | np.isnan(b))
    return a[ok], b[ok]


@kw("cov", 2)
def cov(x, y):
    a, b = _pair_floats(x, y)
    return Atom(-9, float(np.mean(a * b) - np.mean(a) * np.mean(b)))


@kw("scov", 2)
def scov(x, y):
    a, b = _pair_floats(x, y, NUMERIC_TYPES)
    n = len(a)
    return Atom(-9, float((np.mean(a * b) - np.mean(a) * np.mean(b)) * n / (n - 1)))


@kw("cor", 2)
def cor(x, y):
    a, b = _pair_floats(x, y)
    c = np.mean(a * b) - np.mean(a) * np.mean(b)
    return Atom(-9, float(c / (np.std(a) * np.std(b))))


@kw("wsum", 2)
def wsum(x, y):
    if type(x) is Vec and type(y) is Vec and x.t in INT_TYPES and y.t in INT_TYPES:
        x = Vec(9, V.data(x, 9))       # two integer lists are summed as floats (ref/sum.md)
    return sum_(V.mul(x, y))


@kw("wavg", 2)
def wavg(x, y):
    if type(x) is Vec and type(y) is Vec:
        if len(x.a) != len(y.a):
            raise QError("length")
        a, b = V.data(x, 9), V.data(y, 9)
        ok = ~(np.isnan(a) | np.isnan(b))
        return Atom(-9, float(np.sum(a[ok] * b[ok]) / np.sum(a[ok])))
    return V.fdiv(sum_(V.mul(x, y)), sum_(x))


@kw("count")
def count_(x):
    return Atom(-7, count(x))


def _truth_fold(x, reduce_array, reduce_items):
    """all / any: whether all (any) items are non-zero, column by column for a table."""
    if isinstance(x, Table):
        return Dict(sym_vec(x.cols), from_items([_truth_fold(c, reduce_array, reduce_items) for c in x.vals]))
    if type(x) is Atom:
        return Atom(-1, is_true(x))
    if type(x) is Vec:
        if x.t in (11,):
            raise QError("type")
        return Atom(-1, bool(reduce_array(x.a if x.t == 1 else x.a != 0)))
    if isinstance(x, Dict):
        return _truth_fold(x.v, reduce_array, reduce_items)
    # a general list folds item-wise, as q's |/ and &/ do: any (100b;010b) is 110b
    items = items_of(x)
    if not items:
        return Atom(-1, reduce_items(()))
    op = V.vmin if reduce_items is all else V.vmax
    r = _truth(items[0])
    for i in items[1:]:
        r = op(r, _truth(i))
    return r


def _truth(x):
    """x as booleans (non-zero), item-wise at any depth."""
    if type(x) is Atom:
        return Atom(-1, is_true(x))
    if type(x) is Vec:
        if x.t == 11:
            raise QError("type")
        return Vec(1, x.a if x.t == 1 else x.a != 0)
    if isinstance(x, (Dict, Table)):
        raise QError("type")
    return from_items([_truth(i) for i in items_of(x)])


@kw("all")
def all_(x):
    return _truth_fold(x, np.all, all)


@kw("any")
def any_(x):
    return _truth_fold(x, np.any, any)


@kw("fills")
def fills(x):
    if type(x) is Vec:
        mask = ~V.null_mask(x)
        idx = np.where(mask, np.arange(len(x.a)), 0)
        np.maximum.accumulate(idx, out=idx)
        r = x.a[idx]
        if len(x.a):
            r = np.where(mask | (np.cumsum(mask) > 0), r, x.a)
        return Vec(x.t, r)
    if isinstance(x, Dict):
        return Dict(x.k, fills(x.v))
    if isinstance(x, Table):
        return Table(x.cols, [fills(c) for c in x.vals])
    if isinstance(x, QList):
        out = []
        prev = None
        for v in x.items:
            if type(v) is Atom and V.is_null_atom(v) and prev is not None:
                out.append(prev)
            else:
                out.append(v)
                prev = v
        return from_items(out)
    return x


def _shift(x, k):
    """prev (k=1) / next (k=-1): shift items, filling with nulls."""
    if type(x) is Vec:
        r = np.empty(len(x.a), dtype=x.a.dtype)
        r[:] = null_of(x.t)
        if k > 0:
            if k < len(x.a):
                r[k:] = x.a[:len(x.a) - k]
        elif k < 0:
            if -k < len(x.a):
                r[:k] = x.a[-k:]
        else:
            r[:] = x.a
        return Vec(x.t, r)
    if isinstance(x, QList):
        items = x.items
        n = len(items)
        fill = _null_like(items[0]) if items else IDENTITY
        out = [items[i - k] if 0 <= i - k < n else fill for i in range(n)]
        return QList(out)
    if isinstance(x, Dict):
        return Dict(x.k, _shift(x.v, k))
    if isinstance(x, Table):
        return Table(x.cols, [_shift(c, k) for c in x.vals])
    return x


def _null_like(v):
    if type(v) is Atom:
        return Atom(v.t, null_of(v.t))
    if type(v) is Vec:
        return Vec(v.t, v.a[:0].copy()) if v.t != 10 else char_vec(b"")
    return QList([])


@kw("prev")
def prev(x):
    return _shift(x, 1)


@kw("next")
def next_(x):
    return _shift(x, -1)


@kw("xprev", 2)
def xprev(n, x):
    if type(n) is not Atom or n.t not in (-7, -6, -5):
        raise QError("type")
    return _shift(x, n.v)


@kw("deltas")
def deltas(x):
    if type(x) is Vec and x.t in DELTAS_TYPE:
        rt = DELTAS_TYPE[x.t]
        if x.t in (8, 9, 15):
            r = x.a.astype(np.float64)
            r[1:] = r[1:] - r[:-1]
            return Vec(rt, r.astype(DTYPES[rt]))
        a = x.a.astype(np.int64)
        r = a.copy()
        r[1:] = a[1:] - a[:-1]
        if x.t in INT_NULLED:  # an integer null stays null, as x - prior x keeps it
            null = a == NULL_INT[x.t]
            r[np.r_[null[:1], null[1:] | null[:-1]]] = NULL_INT[7]
        return Vec(rt, V.convert(r, 7, rt) if rt != 7 else r)
    if type(x) is Vec and x.t == 10:
        raise QError("type")
    return each_prior(ev.PRIMS["-"], [x])


@kw("differ")
def differ(x):
    if type(x) is Vec and len(x.a):
        a = x.a
        out = np.empty(len(a), dtype=bool)
        out[0] = True
        if x.t in (8, 9, 15):   # floats and datetimes match tolerantly
            out[1:] = ~V._tolerant_eq(a[1:], a[:-1])
        else:
            out[1:] = a[1:] != a[:-1]
        if x.t in (8, 9, 15):  # a null matches a null
            nan = np.isnan(a)
            out[1:] &= ~(nan[1:] & nan[:-1])
        return Vec(1, out)
    items = items_of(x)
    out = [True] + [not V.match(items[i], items[i - 1]) for i in range(1, len(items))]
    return Vec(1, np.array(out[:len(items)], dtype=bool))


@kw("ratios")
def ratios(x):
    return each_prior(ev.PRIMS["%"], [x])


UP.provide(fold=fold, running=running)
