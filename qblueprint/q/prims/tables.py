"""Tables and keyed tables: construction, columns, joins of rows, keyed lookup and amend."""
import numpy as np

from ..base.errors import QError
from ..base.upcalls import UP
from ..base.values import (Atom, Vec, QList, Dict, Table, Enum, count, items_of, from_items, null_of,
                     sym_vec, atom_to_vec, row)
from . import verbs as V
from ..evaluation import evaluator as ev
from ..base.grouping import object_codes


def make_table(keys, cols):
    """Table literal from (name, value) pairs; atoms extend to the common length."""
    if keys and not cols:
        # ([a:1;b:2]) is a dictionary
        return Dict(sym_vec([n for n, _ in keys]), from_items([v for _, v in keys]))
    pairs = list(keys) + list(cols)
    n = None
    for _, v in pairs:
        if isinstance(v, (Vec, QList)) or (hasattr(v, "idx") and not v.atom):
            c = count(v)
            if n is None:
                n = c
            elif c != n:
                raise QError("length")
    if n is None:
        n = 1
    names, vals = [], []
    for name, v in pairs:
        if type(v) is Atom or not isinstance(v, (Vec, QList)) and not hasattr(v, "idx"):
            v = UP.take_n(n, v) if type(v) is Atom else QList([v] * n)
        names.append(name)
        vals.append(v)
    if len(set(names)) != len(names):
        raise QError("dup")
    if keys:
        k = len(keys)
        return Dict(Table(names[:k], vals[:k]), Table(names[k:], vals[k:]))
    return Table(names, vals)


def column(t, name):
    try:
        return t.vals[t.cols.index(name)]
    except ValueError:
        raise QError(name) from None


def table_join(x, y):
    if x.cols != y.cols:
        if sorted(x.cols) == sorted(y.cols):
            y = Table(x.cols, [column(y, c) for c in x.cols])
        else:
            raise QError("mismatch")
    return Table(x.cols, [V.join(a, b) for a, b in zip(x.vals, y.vals)])


def plain(col):
    """A column with enumerations replaced by their symbols (joins compare values)."""
    if isinstance(col, Enum):
        enum_values = UP.enum_values
        return enum_values(col)
    return col


def _column_codes(a, b):
    """Integer codes for the items of two columns such that equal items get equal codes."""
    a, b = plain(a), plain(b)
    if type(a) is Vec and type(b) is Vec and a.t == b.t and a.t in (11, 2):
        # symbols and guids: a dict codes them in one linear pass (sorting Python objects is slow)
        both = a.a.tolist() + b.a.tolist()
        index = {x: i for i, x in enumerate(dict.fromkeys(both))}
        codes = np.fromiter(map(index.__getitem__, both), np.int64, len(both))
        return codes[:len(a.a)], codes[len(a.a):]
    if type(a) is Vec and type(b) is Vec and (a.t == b.t or (a.a.dtype != object and b.a.dtype != object)):
        both = np.concatenate((a.a, b.a))
        if both.dtype == object:
            inv = object_codes(both)[0]
        else:
            _, inv = np.unique(both, return_inverse=True)
            inv = inv.reshape(-1)
        return inv[:len(a.a)], inv[len(a.a):]
    seen = {}
    codes = [seen.setdefault(V._key(x), len(seen)) for x in items_of(a) + items_of(b)]
    codes = np.array(codes, dtype=np.int64)
    return codes[:count(a)], codes[count(a):]


def key_codes(left_cols, right_cols):
    """Row codes for two lists of key columns: equal rows (across both sides) get equal codes."""
    if not left_cols:
        raise QError("length")
    lc, rc = _column_codes(left_cols[0], right_cols[0])
    for a, b in zip(left_cols[1:], right_cols[1:]):
        la, ra = _column_codes(a, b)
        width = int(max(la.max(initial=0), ra.max(initial=0))) + 1
        combined = np.concatenate((lc * width + la, rc * width + ra))
        _, inv = np.unique(combined, return_inverse=True)
        inv = inv.reshape(-1)
        lc, rc = inv[:len(lc)], inv[len(lc):]
    return lc.astype(np.int64), rc.astype(np.int64)


def match_positions(left_cols, right_cols, n_right):
    """For each row of the left key columns, the first matching row of the right (n_right if none)."""
    lc, rc = key_codes(left_cols, right_cols)
    uniq, first = np.unique(rc, return_index=True)
    if not len(uniq):
        return np.full(len(lc), n_right, dtype=np.int64)
    at = np.minimum(np.searchsorted(uniq, lc), len(uniq) - 1)
    return np.where(uniq[at] == lc, first[at], n_right).astype(np.int64)


def first_equal(cols):
    """For each row of the columns, the first row equal to it (itself when it is the first)."""
    n = count(cols[0])
    first = match_positions(cols, cols, n)
    # items whose q identity is not comparable (functions, say) match nothing: each is its own
    return np.where(first >= n, np.arange(n), first)


def distinct_rows(t):
    """The first of each set of equal rows of table t, in order."""
    if not t.cols or not len(t):
        return t
    first = first_equal(t.vals)
    return take_rows(t, np.flatnonzero(first == np.arange(len(t))))


def row_positions(t, rows):
    """Positions in table t of each row of table rows (count t where absent)."""
    if rows.cols != t.cols and sorted(rows.cols) == sorted(t.cols):
        rows = Table(t.cols, [column(rows, c) for c in t.cols])
    if rows.cols != t.cols:
        return [len(t)] * len(rows)
    return match_positions(rows.vals, t.vals, len(t)).tolist()


def keyed_lookup(d, k):
    kt = d.k
    if isinstance(k, Dict) and not isinstance(k.k, Table):
        if not (type(k.k) is Vec and k.k.t == 11):
            raise QError("type")
        k = Table([str(c) for c in k.k.a], [atom_to_vec(v) if type(v) is Atom else v for v in items_of(k.v)])
        found = row_positions(kt, k) if k.cols else []
        return _value_row(d.v, found[0] if len(found) == 1 else len(kt))
    if isinstance(k, Table):
        ps = row_positions(kt, k)
        return ev.index(d.v, Vec(7, np.array(ps, dtype=np.int64)))
    if len(kt.cols) == 1:
        col = kt.vals[0]
        p = V.find(col, k)
        if type(p) is Atom:
            return _value_row(d.v, p.v)
        return ev.index(d.v, p)
    vals = items_of(k) if isinstance(k, (Vec, QList)) else [k]
    if len(vals) == len(kt.cols) and all(type(v) is Atom for v in vals):
        probe = Table(kt.cols, [atom_to_vec(v) for v in vals])
        return _value_row(d.v, row_positions(kt, probe)[0])
    return from_items([keyed_lookup(d, v) for v in vals])


def _value_row(t, p):
    if not isinstance(t, Table):
        return ev.index(t, Atom(-7, p))
    if p < len(t):
        return row(t, p)
    return Dict(sym_vec(t.cols), from_items([ev.null_item(c) for c in t.vals]))


def keyed_upsert(x, y, fill=False):
    """Keyed table y upserted into keyed table x: rows with x's keys update the columns y has,
    new keys are appended (later rows of y win). With `fill`, nulls in y do not overwrite."""
    if y.k.cols != x.k.cols:
        if sorted(y.k.cols) != sorted(x.k.cols):
            raise QError("mismatch")
        y = Dict(Table(x.k.cols, [column(y.k, c) for c in x.k.cols]), y.v)
    for name in y.v.cols:
        if name not in x.v.cols:
            raise QError("mismatch")
    n = len(x.k)
    pos = match_positions(y.k.vals, x.k.vals, n)
    matched = np.flatnonzero(pos < n)
    fresh = np.flatnonzero(pos >= n)
    # a key new to x may occur more than once in y: keep its first place and its last values
    first_place, last_values = fresh, fresh
    if len(fresh) > 1:
        sub = [ev.index(c, Vec(7, fresh)) for c in y.k.vals]
        own = first_equal(sub)
        last_of = {}
        for j, o in enumerate(own.tolist()):
            last_of[o] = j
        groups = sorted(last_of)
        first_place = fresh[groups]
        last_values = fresh[[last_of[g] for g in groups]]
    vals = []
    for name, col in zip(x.v.cols, x.v.vals):
        if name in y.v.cols:
            src = column(y.v, name)
            col = scatter(col, pos[matched], src, matched, fill)
            add = ev.index(src, Vec(7, last_values))
        else:
            add = null_column(col, len(last_values))
        vals.append(V.join(col, add) if len(last_values) else col)
    keys = x.k
    if len(first_place):
        keys = Table(x.k.cols, [V.join(c, ev.index(yc, Vec(7, first_place)))
                                for c, yc in zip(x.k.vals, y.k.vals)])
    return Dict(keys, Table(x.v.cols, vals))


def scatter(base, targets, src, sources, fill=False):
    """Column base with base[targets] set to src[sources] (the last write to a target wins)."""
    if not len(targets):
        return base
    picked = ev.index(src, Vec(7, np.asarray(sources, dtype=np.int64)))
    if fill:
        keep = ~null_mask_any(picked)
        targets = np.asarray(targets)[keep]
        picked = ev.index(picked, Vec(7, np.flatnonzero(keep)))
    base = plain(base)
    if type(base) is Vec and type(picked) is Vec and base.t == picked.t:
        a = base.a.copy()
        a[targets] = picked.a
        return Vec(base.t, a)
    items = list(items_of(base))
    for t, v in zip(np.asarray(targets).tolist(), items_of(picked)):
        items[t] = v
    return from_items(items)


def null_mask_any(x):
    """Null mask of any column (items of a general list are null when they are null atoms)."""
    if type(x) is Vec:
        return V.null_mask(x)
    return np.array([type(i) is Atom and V.is_null_atom(i) for i in items_of(x)], dtype=bool)


def xkey_n(n, y):
    """n!t: t keyed on its first n columns (0!t unkeys); a table given by name is amended."""
    if type(y) is Atom and y.t == -11:
        ev.assign_global(y.v, xkey_n(n, ev.lookup(y.v)))
        return y
    t, _ = split_keyed(y)
    if n < 0 or n > len(t.cols) or (n == len(t.cols) and n):
        raise QError("length")
    return rekey(t, n)


def table_find(t, y):
    if isinstance(y, Dict):
        y = Table([str(c) for c in y.k.a], [atom_to_vec(v) for v in items_of(y.v)])
        return Atom(-7, row_positions(t, y)[0])
    if isinstance(y, Table):
        return Vec(7, np.array(row_positions(t, y), dtype=np.int64))
    raise QError("type")


def table_in(x, y):
    if not isinstance(y, Table):
        raise QError("type")
    ps = row_positions(y, x)
    return Vec(1, np.array([p < len(y) for p in ps], dtype=bool))


def amend_table(t, i, f, y, has_y):
    if type(i) is Atom and i.t == -11:
        name = i.v
        old = column(t, name) if name in t.cols else None
        if f is None:
            new = y if not (type(y) is Atom) else UP.take_n(len(t), y)
        else:
            new = ev.apply(f, [old, y] if has_y else [old])
        if count(new) != len(t):
            raise QError("length")
        if name in t.cols:
            vals = list(t.vals)
            vals[t.cols.index(name)] = new
            return Table(t.cols, vals)
        return Table(t.cols + [name], t.vals + [new])
    if type(i) is Atom and i.t in (-7, -6, -5):
        if not isinstance(y, Dict):
            raise QError("type")
        vals = []
        for c, col in zip(t.cols, t.vals):
            v = ev.dict_lookup(y, Atom(-11, c))
            vals.append(ev.amend(col, [i], f, v, has_y))
        return Table(t.cols, vals)
    raise QError("type")


def amend_keyed(d, i, f, y, has_y):
    if f is not None:
        old = ev.dict_lookup(d, i)
        y = ev.apply(f, [old, y] if has_y else [old])
    kt = d.k
    if type(i) is Atom:
        key = Table(kt.cols, [atom_to_vec(i)])
    else:
        key = Table(kt.cols, [atom_to_vec(v) for v in items_of(i)])
    if isinstance(y, Dict):
        if not (type(y.k) is Vec and y.k.t == 11):
            raise QError("type")
        val = Table([str(c) for c in y.k.a], [atom_to_vec(v) for v in items_of(y.v)])
    else:
        vs = items_of(y) if isinstance(y, (Vec, QList)) else [y]
        val = Table(d.v.cols, [atom_to_vec(v) for v in vs])
    return keyed_upsert(d, Dict(key, val))


def keyed_take(x, d):
    names = [x.v] if type(x) is Atom else list(x.a)
    return Dict(d.k, Table(names, [column(d.v, n) for n in names]))


def keyed_drop(x, d):
    names = [x.v] if type(x) is Atom else list(x.a)
    keep = [i for i, c in enumerate(d.v.cols) if c not in names]
    return Dict(d.k, Table([d.v.cols[i] for i in keep], [d.v.vals[i] for i in keep]))



def is_keyed(x):
    return isinstance(x, Dict) and isinstance(x.k, Table) and isinstance(x.v, Table)


def split_keyed(x):
    """(unkeyed table, number of key columns) of a table or keyed table; 'type otherwise."""
    if is_keyed(x):
        return Table(x.k.cols + x.v.cols, x.k.vals + x.v.vals), len(x.k.cols)
    if isinstance(x, Table):
        return x, 0
    raise QError("type")


def rekey(t, nkeys):
    if nkeys == 0:
        return t
    return Dict(Table(t.cols[:nkeys], t.vals[:nkeys]), Table(t.cols[nkeys:], t.vals[nkeys:]))


def names_of(x):
    """Column names given as a symbol atom or vector."""
    if type(x) is Atom and x.t == -11:
        return [x.v]
    if type(x) is Vec and x.t == 11:
        return list(x.a)
    if isinstance(x, QList) and not x.items:
        return []
    raise QError("type")


def take_rows(t, positions):
    """Rows of table t at integer positions (a position past the end gives a row of nulls)."""
    idx = Vec(7, np.asarray(positions, dtype=np.int64))
    return Table(t.cols, [ev.index(c, idx) for c in t.vals])


def null_column(like, n):
    """n nulls of the type of column `like` (q's fill for a column a table lacks)."""
    like = plain(like)
    if type(like) is Vec:
        return UP.take_n(n, Atom(-like.t, null_of(like.t)))
    if isinstance(like, QList) and like.items:
        return QList([ev.null_like(like.items[0])] * n)
    return QList([QList([])] * n) if n else QList([])


# ----------------------------------------------------------------- attributes

def set_attribute(attr, y):
    """`a#y`: y with attribute a (`s sorted, `u unique, `p parted, `g grouped, ` none), checked
    ('s-fail ...). On a table the first column takes it (a sorted table of several columns is
    parted on its first); on a keyed table or a dictionary, the key."""
    if type(y) is Vec:
        if attr and not _has_property(attr, y):
            raise QError(attr + "-fail")
        return Vec(y.t, y.a, attr)
    if isinstance(y, Table):
        if not y.cols:
            return y
        first = y.vals[0]
        if attr == "s" and len(y.cols) > 1:
            attr = "p"
        vals = list(y.vals)
        vals[0] = set_attribute(attr, first) if type(first) is Vec else first
        return Table(y.cols, vals)
    if isinstance(y, Dict):
        return Dict(set_attribute(attr, y.k), y.v)
    if isinstance(y, QList):
        return y
    raise QError("type")


def _has_property(attr, v):
    a = v.a
    if attr == "s":
        return len(a) < 2 or bool((a[1:] >= a[:-1]).all()) if a.dtype != object else \
            all(p <= q for p, q in zip(a[:-1], a[1:]))
    if attr == "u":
        return len(set(a.tolist())) == len(a)
    if attr == "p":
        codes = first_equal([v])
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(a) else codes
        return len(starts) == len(set(codes.tolist()))
    return True


def mark_sorted(t):
    """A table just sorted by all its columns: `s on its first column, or `p when it has more."""
    if isinstance(t, Table) and t.cols and type(t.vals[0]) is Vec:
        vals = list(t.vals)
        vals[0] = Vec(vals[0].t, vals[0].a, "s" if len(t.cols) == 1 else "p")
        return Table(t.cols, vals)
    return t


UP.provide(keyed_upsert=keyed_upsert, table_join=table_join, xkey_n=xkey_n, table_find=table_find,
           column=column, keyed_lookup=keyed_lookup, amend_table=amend_table, amend_keyed=amend_keyed, make_table=make_table)
