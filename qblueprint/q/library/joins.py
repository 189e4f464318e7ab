"""Joins: lj ljf ij ijf ej uj ujf pj aj aj0 ajf ajf0 asof wj wj1.

Every join reduces to one step: find, for each row of the left table, the position of the matching
row of the right (vectorised through integer row codes, see `tables.key_codes`), then lay the right
table's columns over the left's at those positions.
"""
import numpy as np

from ..base.errors import QError
from ..base.values import Atom, Vec, QList, Dict, Table, count, from_items, items_of, enlist
from ..base.registry import kw
from ..prims.tables import (column, plain, key_codes, match_positions, is_keyed, split_keyed, rekey,
                     names_of, take_rows, null_column, null_mask_any, keyed_upsert)
from ..prims import verbs as V
from ..evaluation import evaluator as ev


# ----------------------------------------------------------------- laying columns over columns

def overlay(base, src, pos, n_src, fill=False):
    """Column `src` picked at `pos` where pos < n_src; elsewhere `base` (nulls when base is None).

    With `fill`, a null picked from src keeps the base value (the `f` joins: ljf ajf ...)."""
    picked = ev.index(src, Vec(7, pos))
    matched = pos < n_src
    if base is None:
        return picked
    base = plain(base)
    if fill:
        matched = matched & ~null_mask_any(picked)
    if matched.all():
        return picked
    if not matched.any():
        return base
    if type(base) is Vec and type(picked) is Vec and base.t == picked.t:
        a = base.a.copy()
        a[matched] = picked.a[matched]
        return Vec(base.t, a)
    b, p = items_of(base), items_of(picked)
    return from_items([p[i] if m else b[i] for i, m in enumerate(matched.tolist())])


def merge_columns(t, src, pos, n_src, fill=False):
    """Table t with each column of table src laid over it (new columns appended)."""
    names, vals = list(t.cols), list(t.vals)
    for name, col in zip(src.cols, src.vals):
        if name in names:
            i = names.index(name)
            vals[i] = overlay(vals[i], col, pos, n_src, fill)
        else:
            names.append(name)
            vals.append(overlay(None, col, pos, n_src, fill))
    return Table(names, vals)


def _lookup_keyed(t, y):
    """Positions in keyed table y of the rows of table t (by y's key columns)."""
    left = [column(t, c) for c in y.k.cols]
    return match_positions(left, y.k.vals, len(y.k))


# ----------------------------------------------------------------- keyed joins

def _keyed_join(x, y, fill, inner):
    if not is_keyed(y):
        raise QError("type")
    t, nkeys = split_keyed(x)
    pos = _lookup_keyed(t, y)
    r = merge_columns(t, y.v, pos, len(y.k), fill)
    if inner:
        r = take_rows(r, np.flatnonzero(pos < len(y.k)))
    return rekey(r, nkeys)


@kw("lj", 2)
def lj(x, y):
    return _keyed_join(x, y, False, False)


@kw("ljf", 2)
def ljf(x, y):
    return _keyed_join(x, y, True, False)


@kw("ij", 2)
def ij(x, y):
    return _keyed_join(x, y, False, True)


@kw("ijf", 2)
def ijf(x, y):
    return _keyed_join(x, y, True, True)


@kw("pj", 2)
def pj(x, y):
    """Plus join: add y's value columns (nulls and misses count as zero) to x's matching rows."""
    if not is_keyed(y):
        raise QError("type")
    t, nkeys = split_keyed(x)
    pos = _lookup_keyed(t, y)
    names, vals = list(t.cols), list(t.vals)
    zero = Atom(-7, 0)
    for name, col in zip(y.v.cols, y.v.vals):
        addend = V.fill(zero, ev.index(col, Vec(7, pos)))
        if name in names:
            i = names.index(name)
            vals[i] = V.add(vals[i], addend)
        else:
            names.append(name)
            vals.append(addend)
    return rekey(Table(names, vals), nkeys)


@kw("ej", 3)
def ej(c, x, y):
    """Equi join: every pairing of a row of x with the rows of y equal on columns c."""
    names = names_of(c)
    tx, _ = split_keyed(x)
    ty, _ = split_keyed(y)
    lc, rc = key_codes([column(tx, n) for n in names], [column(ty, n) for n in names])
    order = np.argsort(rc, kind="stable")
    ranked = rc[order]
    lo = np.searchsorted(ranked, lc, "left")
    counts = np.searchsorted(ranked, lc, "right") - lo
    left_rows = np.repeat(np.arange(len(lc)), counts)
    starts = np.repeat(lo, counts)
    offsets = np.arange(len(left_rows)) - np.repeat(np.cumsum(counts) - counts, counts)
    right_rows = order[starts + offsets]
    other = Table([n for n in ty.cols if n not in names], [v for n, v in zip(ty.cols, ty.vals) if n not in names])
    return merge_columns(take_rows(tx, left_rows), other, right_rows, len(ty))


# ----------------------------------------------------------------- union join

@kw("uj", 2)
def uj(x, y):
    return _union_join(x, y, False)


@kw("ujf", 2)
def ujf(x, y):
    return _union_join(x, y, True)


def _union_join(x, y, fill):
    if is_keyed(x) and is_keyed(y):
        if x.k.cols != y.k.cols:
            raise QError("mismatch")
        extra = [n for n in y.v.cols if n not in x.v.cols]
        n = len(x.k)
        widened = Dict(x.k, Table(x.v.cols + extra,
                                  x.v.vals + [null_column(column(y.v, e), n) for e in extra]))
        return keyed_upsert(widened, y, fill)
    if isinstance(x, Table) and isinstance(y, Table):
        names = x.cols + [n for n in y.cols if n not in x.cols]
        nx, ny = len(x), len(y)
        vals = []
        for name in names:
            a = column(x, name) if name in x.cols else None
            b = column(y, name) if name in y.cols else None
            a = null_column(b, nx) if a is None else a
            b = null_column(a, ny) if b is None else b
            vals.append(V.join(a, b))
        return Table(names, vals)
    raise QError("type")


# ----------------------------------------------------------------- as-of joins

class _AsofIndex:
    """The rows of a table q sorted by (equality key, time), for finding prevailing rows.

    Each row's search key is one integer: its key code times the number of distinct times plus
    the rank of its time, so one `searchsorted` finds the last row at or before a time."""

    def __init__(self, eq_left, eq_right, times_left, times_right):
        if eq_left:
            lc, rc = key_codes(eq_left, eq_right)
        else:
            lc, rc = np.zeros(count(times_left[0]), np.int64), np.zeros(count(times_right), np.int64)
        self.left_code = lc
        all_times = [_time_data(t) for t in times_left + [times_right]]
        joined = np.concatenate(all_times)
        ranks = _time_ranks(joined, int(max(lc.max(initial=0), rc.max(initial=0))) + 1)
        self.width = int(ranks.max(initial=0)) + 1
        bounds = np.cumsum([0] + [len(a) for a in all_times])
        self.left_ranks = [ranks[bounds[i]:bounds[i + 1]] for i in range(len(times_left))]
        right_rank = ranks[bounds[-2]:]
        self.order = np.lexsort((right_rank, rc))
        self.sorted_code = rc[self.order]
        self.sorted_key = rc[self.order] * self.width + right_rank[self.order]

    def last_at_or_before(self, which, side="right"):
        """Sorted position of the last right row with equal key and time <= (or <) the left time."""
        probe = self.left_code * self.width + self.left_ranks[which]
        return np.searchsorted(self.sorted_key, probe, side) - 1

    def same_key(self, sorted_pos):
        ok = sorted_pos >= 0
        clipped = np.clip(sorted_pos, 0, max(len(self.sorted_code) - 1, 0))
        if not len(self.sorted_code):
            return np.zeros(len(sorted_pos), dtype=bool)
        return ok & (self.sorted_code[clipped] == self.left_code)


def _time_ranks(times, n_codes):
    """Non-negative integers ordered as the times are: the times less their minimum when
    code * span + rank fits in int64, else their ranks among the distinct times."""
    if len(times) and times.dtype.kind == "i":
        low, high = int(times.min()), int(times.max())
        if (high - low + 1) * n_codes < 1 << 62:
            return times - low
    _, ranks = np.unique(times, return_inverse=True)
    return ranks.reshape(-1)


def _time_data(col):
    col = plain(col)
    if type(col) is not Vec or col.t in (11, 2, 0):
        raise QError("type")
    return col.a.astype(np.float64) if col.t in (8, 9, 15) else col.a.astype(np.int64)


def asof_positions(names, left, right):
    """For each row of table left, the row of right that prevails as of its time (count right if none)."""
    *eq, time = names
    index = _AsofIndex([column(left, n) for n in eq], [column(right, n) for n in eq],
                       [column(left, time)], column(right, time))
    found = index.last_at_or_before(0)
    ok = index.same_key(found)
    return np.where(ok, index.order[np.clip(found, 0, None)], len(right)).astype(np.int64)


def _aj(c, t, q, keep_right_join_columns, fill):
    names = names_of(c)
    if not names:
        raise QError("length")
    left, nkeys = split_keyed(t)
    right, _ = split_keyed(q)
    pos = asof_positions(names, left, right)
    if keep_right_join_columns:
        src = right
    else:
        src = Table([n for n in right.cols if n not in names],
                    [v for n, v in zip(right.cols, right.vals) if n not in names])
    return rekey(merge_columns(left, src, pos, len(right), fill), nkeys)


@kw("aj", 3)
def aj(c, t, q):
    return _aj(c, t, q, False, False)


@kw("aj0", 3)
def aj0(c, t, q):
    return _aj(c, t, q, True, False)


@kw("ajf", 3)
def ajf(c, t, q):
    return _aj(c, t, q, False, True)


@kw("ajf0", 3)
def ajf0(c, t, q):
    return _aj(c, t, q, True, True)


@kw("asof", 2)
def asof(x, y):
    """x asof y: the rows of x (less y's columns) prevailing as of y's rows; y a dict or table."""
    one_row = isinstance(y, Dict) and not is_keyed(y)
    if one_row:
        probe = Table(names_of(y.k), [enlist(v) for v in items_of(y.v)])
    elif isinstance(y, Table):
        probe = y
    else:
        raise QError("type")
    table, _ = split_keyed(x)
    pos = asof_positions(probe.cols, probe, table)
    rest = Table([n for n in table.cols if n not in probe.cols],
                 [v for n, v in zip(table.cols, table.vals) if n not in probe.cols])
    r = take_rows(rest, pos)
    return ev.index(r, Atom(-7, 0)) if one_row else r


# ----------------------------------------------------------------- window joins

def _window_join(w, c, t, spec, prevailing):
    names = names_of(c)
    if not isinstance(spec, QList) or len(spec.items) < 1:
        raise QError("type")
    q, _ = split_keyed(spec.items[0])
    left, nkeys = split_keyed(t)
    starts, ends = items_of(w) if isinstance(w, (QList, Vec)) and count(w) == 2 else (None, None)
    if starts is None or count(starts) != len(left) or count(ends) != len(left):
        raise QError("length")
    *eq, time = names
    index = _AsofIndex([column(left, n) for n in eq], [column(q, n) for n in eq], [starts, ends],
                       column(q, time))
    last = index.last_at_or_before(1)
    last = np.where(index.same_key(last), last, -1)
    if prevailing:
        first = index.last_at_or_before(0)
        first = np.where(index.same_key(first), first, index.last_at_or_before(0, "left") + 1)
    else:
        first = index.last_at_or_before(0, "left") + 1
    windows = [index.order[a:b + 1] if b >= a else index.order[:0] for a, b in zip(first.tolist(), last.tolist())]
    names_out, vals_out = list(left.cols), list(left.vals)
    for agg in spec.items[1:]:
        parts = items_of(agg)
        if len(parts) != 2 or not (type(parts[1]) is Atom and parts[1].t == -11):
            raise QError("type")
        f, name = parts[0], parts[1].v
        col = column(q, name)
        result = from_items([ev.apply(f, [ev.index(col, Vec(7, rows))]) for rows in windows])
        if name in names_out:
            vals_out[names_out.index(name)] = result
        else:
            names_out.append(name)
            vals_out.append(result)
    return rekey(Table(names_out, vals_out), nkeys)


@kw("wj", 4)
def wj(w, c, t, spec):
    return _window_join(w, c, t, spec, True)


@kw("wj1", 4)
def wj1(w, c, t, spec):
    return _window_join(w, c, t, spec, False)


# ----------------------------------------------------------------- bin on tables and dictionaries

def table_bin(x, y):
    """x bin y for a table x: for each row of y (a table, or a dictionary for one row), the last row
    of x equal to it in all columns but the last and not above it in the last; 0N where none.
    A keyed table gives its keys at those rows; a dictionary its keys at `value x bin y`."""
    if is_keyed(x):
        return ev.index(x.k, table_bin(x.v, y))
    if isinstance(x, Dict):
        return ev.index(x.k, ev.apply(ev.lookup("bin"), [x.v, y]))
    one_row = isinstance(y, Dict) and not is_keyed(y)
    probe = Table(names_of(y.k), [enlist(v) for v in items_of(y.v)]) if one_row else split_keyed(y)[0]
    if sorted(probe.cols) != sorted(x.cols):
        raise QError("type")
    pos = asof_positions(x.cols, probe, x)
    pos = np.where(pos == len(x), np.iinfo(np.int64).min, pos)
    return Atom(-7, int(pos[0])) if one_row else Vec(7, pos)
