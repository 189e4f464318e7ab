"""Moving-window keywords (`x mfn y`, window x over y): mcount msum mavg mdev mmax mmin; and ema.

Each works on a numeric vector, on a list of equally long vectors (window over the items, item-wise,
as a dictionary's values are), on a dictionary's values, on each column of a table and on the
value table of a keyed table. The window at item i covers items i-x+1..i, shorter at the start.
"""
import numpy as np

from ..base.errors import QError
from ..base.values import (Atom, Vec, QList, Dict, Table, DTYPES, NULL_INT, INF_INT, NUMERIC_TYPES,
                           TEMPORAL_TYPES, count)
from ..base.registry import REGISTRY
from ..prims import verbs as V


def _window_sum(n, a):
    """Sum of the last n items at each position, along the first axis."""
    c = np.cumsum(a, axis=0)
    if n == 0:
        return np.zeros_like(c)
    if n < len(a):
        c[n:] = c[n:] - c[:-n]
    return c


def _present(t, a):
    if t in (8, 9):
        return ~np.isnan(a)
    if t in NULL_INT:
        return a != NULL_INT[t]
    return np.ones(a.shape, dtype=bool)


def _floats(t, a):
    r = a.astype(np.float64)
    if t in NULL_INT:
        r[a == NULL_INT[t]] = np.nan
    return r


def mcount(n, t, a):
    return 7, _window_sum(n, _present(t, a).astype(np.int64))


# ref/sum.md: the type of x msum y by y's type (x msum y is sums y less its shift, so temporals
# total as their differences do: a timestamp's as a timespan, a month's and a date's as ints)
MSUM_TYPE = {1: 6, 4: 6, 5: 6, 6: 6, 7: 7, 8: 8, 9: 9, 12: 16, 13: 6, 14: 6, 15: 9, 16: 16, 17: 17,
             18: 18, 19: 19}


def msum(n, t, a):
    """Nulls count as zero."""
    rt = MSUM_TYPE[t]
    if t in (8, 9, 15):
        return rt, _window_sum(n, np.where(np.isnan(a), 0.0, a)).astype(DTYPES[rt])
    ints = np.where(_present(t, a), a, 0).astype(np.int64)
    return rt, _window_sum(n, ints).astype(DTYPES[rt])


def mavg(n, t, a):
    f = _floats(t, a)
    ok = ~np.isnan(f)
    total = _window_sum(n, np.where(ok, f, 0.0))
    with np.errstate(all="ignore"):
        return 9, total / _window_sum(n, ok.astype(np.int64))


def mdev(n, t, a):
    f = _floats(t, a)
    _, mean = mavg(n, 9, f)
    _, mean_sq = mavg(n, 9, f * f)
    with np.errstate(all="ignore"):
        return 9, np.sqrt(np.maximum(mean_sq - mean * mean, 0.0))


def _extremes(n, t, a, big):
    """q defines mmax/mmin as n-1 folds of each-prior max/min, whose first item meets the
    operator's identity: short windows at the start include -0W (max) or 0W (min), and a null
    (the smallest value) wins a min but loses a max."""
    m = len(a)
    width = max(1, min(n, m))
    if t in (8, 9, 15):
        lowest, highest = -np.inf, np.inf
        # NaN is the smallest float to q's | and &
        work = np.where(np.isnan(a), -np.inf, a) if big else a
    elif t in NULL_INT:
        lowest, highest = -INF_INT[t], INF_INT[t]
        work = a
    else:
        lowest, highest = 0, (1 if t == 1 else 255)
        work = a
    seed = lowest if big else highest
    pad = np.full((width - 1,) + a.shape[1:], seed, dtype=np.float64 if t in (8, 9, 15) else a.dtype)
    r = _sliding_extreme(np.concatenate((pad, work.astype(pad.dtype))), width, big)
    if big:
        if t in (8, 9, 15):
            # a full window of nulls stays null; a short one meets -0w
            all_null = _window_sum(width, np.isnan(a).astype(np.int64)) == width
            full = np.arange(m) >= width - 1
            r = np.where(all_null & full.reshape((-1,) + (1,) * (a.ndim - 1)), np.nan, r)
    return t, r.astype(DTYPES[t])


def _sliding_extreme(a, width, big):
    """Max (min) of every run of `width` items along the first axis, in linear time and memory
    (van Herk / Gil-Werman): within blocks of `width` items, a window is the union of one block's
    suffix and the next block's prefix."""
    acc = np.maximum if big else np.minimum
    n = len(a)
    blocks = -(-n // width)
    fill = np.full((blocks * width - n,) + a.shape[1:], a[-1] if n else 0, dtype=a.dtype)
    grid = np.concatenate((a, fill)).reshape((blocks, width) + a.shape[1:])
    prefix = acc.accumulate(grid, axis=1).reshape((-1,) + a.shape[1:])
    suffix = acc.accumulate(grid[:, ::-1], axis=1)[:, ::-1].reshape((-1,) + a.shape[1:])
    starts = np.arange(n - width + 1)
    return acc(suffix[starts], prefix[starts + width - 1])


def mmax(n, t, a):
    return _extremes(n, t, a, True)


def mmin(n, t, a):
    return _extremes(n, t, a, False)


def ema(alpha, t, a):
    """x ema y: r[i] = x*y[i] + (1-x)*r[i-1], starting from y's first item (as q.k's
    `first[y](1-x)\\x*y`); x may be one weight or one per item."""
    f = _floats(t, a)
    weights = np.broadcast_to(np.reshape(alpha, (-1,) + (1,) * (f.ndim - 1)), f.shape) \
        if np.ndim(alpha) else np.full(f.shape, float(alpha))
    if f.ndim == 1:
        # plain floats: the recurrence is inherently sequential, and Python floats beat numpy scalars
        values, w = f.tolist(), weights.tolist()
        out = values[:1]
        for i in range(1, len(values)):
            out.append(w[i] * values[i] + (1 - w[i]) * out[-1])
        return 9, np.array(out, dtype=np.float64)
    out = np.empty_like(f)
    if len(f):
        out[0] = f[0]
        for i in range(1, len(f)):
            out[i] = weights[i] * f[i] + (1 - weights[i]) * out[i - 1]
    return 9, out


# the types of y each kernel takes (ref/sum.md, avg.md, dev.md, max.md, min.md); the rest take numbers
_DOMAIN = {msum: frozenset(MSUM_TYPE), mavg: NUMERIC_TYPES | TEMPORAL_TYPES,
           mdev: NUMERIC_TYPES | TEMPORAL_TYPES | {10},
           mmax: NUMERIC_TYPES | TEMPORAL_TYPES | {10}, mmin: NUMERIC_TYPES | TEMPORAL_TYPES | {10}}


def _apply(kernel, n, y):
    if type(y) is Vec:
        if y.t not in _DOMAIN.get(kernel, NUMERIC_TYPES):
            raise QError("type")
        rt, r = kernel(n, y.t, y.a)
        return Vec(rt, r)
    if type(y) is QList:
        rows = y.items
        if not rows:
            return y
        if not all(type(r) is Vec and r.t == rows[0].t and len(r.a) == len(rows[0].a) for r in rows):
            raise QError("type")
        if rows[0].t not in _DOMAIN.get(kernel, NUMERIC_TYPES):
            raise QError("type")
        rt, r = kernel(n, rows[0].t, np.stack([r.a for r in rows]))
        return QList([Vec(rt, row) for row in r])
    if type(y) is Dict:
        return Dict(y.k, _apply(kernel, n, y.v))
    if type(y) is Table:
        return Table(y.cols, [_apply(kernel, n, c) for c in y.vals])
    raise QError("type")


def _keyword(kernel):
    def f(x, y):
        # the window: any whole number (ref/sum.md, avg.md, max.md tables: b x h i j)
        if type(x) is not Atom or x.t not in (-7, -6, -5, -4, -1):
            raise QError("type")
        if x.v < 0:
            raise QError("domain")
        return _apply(kernel, x.v, y)
    return f


for _name, _kernel in (("mcount", mcount), ("msum", msum), ("mavg", mavg), ("mdev", mdev),
                       ("mmax", mmax), ("mmin", mmin)):
    REGISTRY[_name] = (_keyword(_kernel), 2)


def _ema_keyword(x, y):
    if type(x) is Atom and abs(x.t) in NUMERIC_TYPES:
        alpha = float(V.data(x, 9))
    elif type(x) is Vec and x.t in NUMERIC_TYPES:
        if len(x.a) != count(y):
            raise QError("length")
        alpha = V.data(x, 9)
    else:
        raise QError("type")
    return _apply(ema, alpha, y)


REGISTRY["ema"] = (_ema_keyword, 2)
