"""Ordering: iasc idesc asc desc rank, and the comparison of q values they share with bin.

q orders by type first in mixed lists, then by value; nulls sort first; sorts are stable."""
import functools
import numpy as np

from ..base.errors import QError
from ..base.values import (Atom, Vec, QList, Dict, Table, Enum, count, items_of)
from ..base.registry import kw
from . import verbs as V
from ..evaluation import evaluator as ev
from .tables import mark_sorted
from .enums import enum_values


def _stable_int_order(a):
    """A stable argsort of integers. Where (value, position) fits one int64 the keys are all
    distinct, so numpy's fast unstable sort gives the stable order (its stable sort is a merge)."""
    n = len(a)
    if n > 1 and a.dtype.itemsize > 2:
        lo, hi = int(a.min()), int(a.max())
        if (hi - lo + 1) * n < 1 << 62:
            return np.argsort((a.astype(np.int64) - lo) * n + np.arange(n))
    return np.argsort(a, kind="stable").astype(np.int64)


def iasc_arr(x):
    if type(x) is Vec:
        if x.t in (8, 9, 15):
            a = x.a
            nan = np.isnan(a)
            return np.lexsort((a, ~nan)).astype(np.int64) if nan.any() else np.argsort(a, kind="stable").astype(np.int64)
        if x.t == 11:
            return np.array(sorted(range(len(x.a)), key=x.a.__getitem__), dtype=np.int64)
        return _stable_int_order(x.a)
    if isinstance(x, QList):
        items = x.items
        return np.array(sorted(range(len(items)), key=functools.cmp_to_key(lambda i, j: _cmp(items[i], items[j]))), dtype=np.int64)
    if isinstance(x, Dict):
        return iasc_arr(x.v)
    if isinstance(x, Table):
        keys = [x.vals[i] for i in range(len(x.vals))]
        return _multi_sort(keys)
    if type(x) is Enum and not x.atom:
        # enumerated symbols order as the symbols they stand for (a by-clause on a foreign key)
        return iasc_arr(enum_values(x))
    raise QError("type")


def _multi_sort(cols):
    n = count(cols[0])
    idx = np.arange(n, dtype=np.int64)
    for c in reversed(cols):
        sub = ev.index(c, Vec(7, idx))
        order = iasc_arr(sub)
        idx = idx[order]
    return idx


def _cmp(a, b):
    """Order two q values: atoms of different types by type number (boolean before long before
    char ...), then by value; lists item by item."""
    ta, tb = type(a), type(b)
    if ta is Atom and tb is Atom:
        if a.t != b.t:
            return -1 if -a.t < -b.t else 1
        if V.is_null_atom(a) and not V.is_null_atom(b):
            return -1
        if V.is_null_atom(b) and not V.is_null_atom(a):
            return 1
        return (a.v > b.v) - (a.v < b.v)
    ia = items_of(a) if ta is not Atom else [a]
    ib = items_of(b) if tb is not Atom else [b]
    for p, q in zip(ia, ib):
        c = _cmp(p, q)
        if c:
            return c
    return (len(ia) > len(ib)) - (len(ia) < len(ib))


@kw("iasc")
def iasc(x):
    if type(x) is Atom:
        raise QError("rank")
    if isinstance(x, Dict):
        return ev.index(x.k, Vec(7, iasc_arr(x.v)))
    return Vec(7, iasc_arr(x))


@kw("idesc")
def idesc(x):
    if type(x) is Atom:
        raise QError("rank")
    r = _desc_arr(x)
    if isinstance(x, Dict):
        return ev.index(x.k, Vec(7, r))
    return Vec(7, r)


def _desc_arr(x):
    if isinstance(x, Dict):
        x = x.v
    n = count(x)
    if not n:
        return iasc_arr(x)
    # stable descending: reverse of the ascending order of reversed input
    rev = ev.index(x, Vec(7, np.arange(n - 1, -1, -1, dtype=np.int64)))
    o = iasc_arr(rev)
    return (n - 1 - o[::-1]).astype(np.int64)


@kw("asc")
def asc(x):
    if type(x) is Atom:
        return x
    if isinstance(x, Dict):
        o = Vec(7, iasc_arr(x.v))
        return Dict(ev.index(x.k, o), mark_sorted(ev.index(x.v, o)))
    if isinstance(x, Table):
        return mark_sorted(ev.index(x, Vec(7, iasc_arr(x))))
    if type(x) is Vec:
        if x.t in (5, 6, 7, 4, 10, 12, 13, 14, 16, 17, 18, 19):
            # equal integers are indistinguishable, so numpy's fastest (unstable) sort is exact
            return Vec(x.t, np.sort(x.a), "s")
    r = ev.index(x, Vec(7, iasc_arr(x)))
    if type(r) in (Vec, QList):
        r.attr = "s"
    return r


@kw("desc")
def desc(x):
    if type(x) is Atom:
        return x
    if isinstance(x, Dict):
        o = Vec(7, _desc_arr(x.v))
        return Dict(ev.index(x.k, o), ev.index(x.v, o))
    if isinstance(x, Table):
        return ev.index(x, Vec(7, _desc_arr(x)))
    if type(x) is Vec and x.t in (5, 6, 7, 4, 10, 12, 13, 14, 16, 17, 18, 19):
        return Vec(x.t, np.sort(x.a, kind="stable")[::-1].copy())
    return ev.index(x, Vec(7, _desc_arr(x)))


@kw("rank")
def rank(x):
    o = iasc_arr(x)
    r = np.empty(len(o), dtype=np.int64)
    r[o] = np.arange(len(o))
    return Vec(7, r)
