"""Grouping rows by simple vectors in numpy: integer codes per key, a stable sort, equal runs.

Shared by qSQL's `by`, `group` and the joins; nothing here makes an atom per item.
"""
import numpy as np

from .values import Enum, Vec


def object_codes(a):
    """(codes, number of distinct items) for an object array (symbols, guids): equal items get
    equal codes, numbered as first seen. A dict is linear, where sorting Python objects is slow."""
    items = a.tolist()
    number = {x: i for i, x in enumerate(dict.fromkeys(items))}
    return np.fromiter(map(number.__getitem__, items), np.int64, len(items)), len(number)


def group_vectors(cols):
    """(first row of each group, row indices of each group, ascending) for rows keyed by the
    simple vectors cols, or None when a column is not one (the caller then groups item by item).

    One integer group id per row, a stable sort of the ids, and the runs of equal ids in it."""
    gid = None
    for c in cols:
        if type(c) is Enum and not c.atom:
            c = Vec(7, c.idx)   # items of one domain are equal exactly where their indices are
        if type(c) is not Vec or c.t == 2:
            return None
        code, size = codes(c.a)
        if gid is None:
            gid, span = code, size
            continue
        if span * size >= 1 << 62:  # keep the combined id within int64
            gid, span = codes(gid)
        gid = gid * size + code
        span *= size
    n = len(gid)
    if n == 0:
        return np.zeros(0, dtype=np.int64), []
    order = stable_order(gid, span)
    sorted_gid = gid[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_gid[1:] != sorted_gid[:-1])))
    # a stable sort keeps each group's rows ascending, so its first row starts the run
    bounds = starts.tolist() + [n]
    return order[starts], [order[b:e] for b, e in zip(bounds, bounds[1:])]


def codes(a):
    """(codes, size): integers in 0..size-1, equal exactly where the items of `a` are equal."""
    if a.dtype.kind in "iub" and len(a):
        lo, hi = int(a.min()), int(a.max())
        if hi - lo <= 4 * len(a):  # a dense range (small ints, dates, booleans) needs no sort
            return a.astype(np.int64) - lo, hi - lo + 1
    if a.dtype == object:
        numbered, size = object_codes(a)
        return numbered, max(size, 1)
    # unique puts every NaN in one group, as q groups float nulls
    uniq, inverse = np.unique(a, return_inverse=True)
    return inverse.reshape(-1).astype(np.int64), max(len(uniq), 1)


def stable_order(gid, span):
    """A stable argsort of group ids in 0..span-1, by the fastest sort numpy has for them."""
    if span <= 1 << 16:
        return np.argsort(gid.astype(np.uint16), kind="stable")  # a radix sort
    n = len(gid)
    if span <= (1 << 62) // n:  # make the ids unique with the row number: any sort is stable
        return np.argsort(gid * n + np.arange(n))
    return np.argsort(gid, kind="stable")
