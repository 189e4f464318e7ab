"""`#` take and `_` drop in all their overloads, `cut` and `cross`: the structural verbs that
select, reshape or pair up lists by counts, indices or keys (kdb+'s take/drop reference)."""
import numpy as np

from .errors import QError
from .values import (Atom, Vec, QList, Dict, Table, Fn, Null, Enum, DTYPES, NULL_INT,
                     count, items_of, from_items, atom_to_vec, check_alloc, null_of)
from . import verbs as V

_INT_ATOM = (-7, -6, -5, -1, -4)    # booleans and bytes count too: 1b#"abc" is ,"a"
_INT_VEC = (5, 6, 7)


def take(x, y):
    tx = type(x)
    if tx is Atom and x.t in _INT_ATOM:
        if x.v == NULL_INT.get(-x.t):
            return y
        return take_n(int(x.v), y)
    if tx is Vec and x.t in _INT_VEC:
        return reshape(x.a.tolist(), NULL_INT[x.t], y)
    if tx is Atom and x.t == -11 and x.v in ("s", "u", "p", "g", "") and isinstance(y, (Vec, Table, Dict)):
        from .tables import set_attribute
        return set_attribute(x.v, y)
    if isinstance(x, (Atom, Vec)) and abs(x.t) == 11:
        if isinstance(y, Table):
            names = [x.v] if tx is Atom else list(x.a)
            from .tables import column
            return Table(names, [column(y, n) for n in names])
        if isinstance(y, Dict):
            if isinstance(y.k, Table):
                from .tables import keyed_take
                return keyed_take(x, y)
            from .evaluator import index
            keys = x if tx is Vec else atom_to_vec(x)
            return Dict(keys, index(y, keys))
    if isinstance(y, Dict) and not isinstance(y.k, Table) and isinstance(x, (Atom, Vec, QList)):
        # take of the keys of a dictionary whatever their type: "ab"#"abc"!1 2 3 is "ab"!1 2
        from .evaluator import index
        keys = x if tx is not Atom else atom_to_vec(x)
        if count(keys) == 0:
            if tx is QList and type(y.k) is Vec:
                keys = Vec(y.k.t, y.k.a[:0])      # ()#d keeps the key type
            return Dict(keys, index(y.v, Vec(7, np.zeros(0, dtype=np.int64))))
        return Dict(keys, index(y, keys))
    if isinstance(x, Table) and isinstance(y, Dict) and isinstance(y.k, Table):
        from .evaluator import index
        return Dict(x, index(y, x))
    raise QError("type")


def take_n(n, y):
    """n#y: the first n items (last -n when negative), repeating y cyclically to overtake."""
    ty = type(y)
    if ty is Atom:
        check_alloc(abs(n), 8)
        a = np.empty(abs(n), dtype=DTYPES[-y.t])
        a[:] = y.v
        return Vec(-y.t, a)
    if ty is Vec:
        m = len(y.a)
        check_alloc(abs(n), y.a.itemsize)
        if m == 0:
            a = np.empty(abs(n), dtype=DTYPES[y.t])
            a[:] = null_of(y.t)
            return Vec(y.t, a)
        return Vec(y.t, y.a[_take_positions(n, m)])
    if ty is QList:
        m = len(y.items)
        check_alloc(abs(n), 8)
        if m == 0:
            return QList([QList([])] * abs(n)) if n else QList([])
        return from_items([y.items[i] for i in _take_positions(n, m).tolist()])
    if ty is Dict:
        return Dict(take_n(n, y.k), take_n(n, y.v))
    if ty is Table:
        return Table(y.cols, [take_n(n, c) for c in y.vals])
    if ty is Enum:
        from .casting import enum_take
        return enum_take(n, y)
    raise QError("type")


def _take_positions(n, m):
    if n >= 0:
        return np.arange(n, dtype=np.int64) % m
    return np.arange(m + n, m, dtype=np.int64) % m


def reshape(dims, null, y):
    """shape#y for an int vector shape: a one-item shape is a take, two items make a matrix
    (one of them may be null: rows of a given width, or a given number of near-equal rows),
    more items nest further and must be non-negative, non-null, with zeros only last."""
    if not dims:
        return QList([])
    if len(dims) == 1:
        return y if dims[0] == null else take_n(dims[0], y)
    if len(dims) == 2 and null in dims:
        return _reshape_open(dims, null, y)
    if null in dims or any(d < 0 for d in dims) or (len(dims) > 2 and 0 in dims[:-1]):
        raise QError("domain")
    outer = [1]
    for d in dims:
        outer.append(outer[-1] * d)
    check_alloc(outer[-1], 8)
    flat = take_n(outer[-1], y)
    for k in range(len(dims) - 1, 0, -1):
        width = dims[k]
        flat = QList([slice_items(flat, i * width, (i + 1) * width) for i in range(outer[k])])
    return flat


def _reshape_open(dims, null, y):
    rows, width = dims
    m = count(y)
    if rows == null and width == null:
        raise QError("domain")
    if rows == null:
        if width <= 0:
            raise QError("domain")
        return QList([slice_items(y, i, i + width) for i in range(0, m, width)])
    if rows < 0:
        raise QError("domain")
    # q 4.1: rows as equal as possible, the longer ones last
    base, extra = divmod(m, rows) if rows else (0, 0)
    bounds = [0]
    for r in range(rows):
        bounds.append(bounds[-1] + base + (1 if r >= rows - extra else 0))
    return QList([slice_items(y, a, b) for a, b in zip(bounds, bounds[1:])])


def slice_items(x, i, j):
    """Items i..j-1 of a list, dictionary or table."""
    tx = type(x)
    if tx is Vec:
        return Vec(x.t, x.a[i:j].copy())
    if tx is QList:
        return from_items(x.items[i:j]) if j > i else QList([])
    if tx is Table:
        return Table(x.cols, [slice_items(c, i, j) for c in x.vals])
    if tx is Dict:
        return Dict(slice_items(x.k, i, j), slice_items(x.v, i, j))
    if tx is Enum:
        return Enum(x.dom, x.idx[i:j].copy())
    return x


def drop_n(n, y):
    m = count(y)
    if n >= 0:
        return slice_items(y, min(n, m), m)
    return slice_items(y, 0, max(0, m + n))


def drop(x, y):
    tx, ty = type(x), type(y)
    if tx is Atom and x.t in _INT_ATOM:
        if ty is Atom or isinstance(y, (Fn, Null)):
            raise QError("type")
        return drop_n(int(x.v), y)
    if ty is Dict and not isinstance(y.k, Table) and tx in (Atom, Vec, QList):
        return _drop_keys(y, x if tx is not Atom else atom_to_vec(x))
    if tx is Vec and x.t in _INT_VEC and ty is not Atom:
        return cut(x, y)
    if ty is Atom and y.t in _INT_ATOM and tx in (Vec, QList):
        return _drop_index(x, int(y.v))
    if tx is Dict and not isinstance(x.k, Table):
        if ty is not Atom:
            raise QError("type")
        return _drop_keys(x, atom_to_vec(y))
    if ty is Table and tx is Vec and x.t == 11:
        for name in x.a:
            if name not in y.cols:
                raise QError(name)
        keep = [i for i, c in enumerate(y.cols) if c not in set(x.a)]
        return Table([y.cols[i] for i in keep], [y.vals[i] for i in keep])
    if ty is Dict and isinstance(y.k, Table) and tx in (Atom, Vec) and abs(x.t) == 11:
        from .tables import keyed_drop
        return keyed_drop(x, y)
    raise QError("type")


def _drop_index(x, i):
    n = count(x)
    if i < 0 or i >= n:
        return x
    if type(x) is Vec:
        return Vec(x.t, np.delete(x.a, i))
    rest = x.items[:i] + x.items[i + 1:]
    return from_items(rest) if len(x.items) > 1 else QList(rest)


def _drop_keys(d, keys):
    gone = {V._key(k) for k in items_of(keys)}
    keep = [i for i, k in enumerate(items_of(d.k)) if V._key(k) not in gone]
    return Dict(index_positions(d.k, keep), index_positions(d.v, keep))


def index_positions(x, positions):
    if type(x) is Vec:
        return Vec(x.t, x.a[np.array(positions, dtype=np.int64)] if positions else x.a[:0].copy())
    if isinstance(x, QList):
        return from_items([x.items[i] for i in positions]) if positions else QList([])
    if isinstance(x, Table):
        return Table(x.cols, [index_positions(c, positions) for c in x.vals])
    raise QError("type")


def cut(x, y):
    """x cut y: an atom cuts y into pieces of that length; a vector cuts at those (ascending)
    indices, dropping what precedes the first."""
    if not isinstance(x, (Atom, Vec)) or abs(x.t) not in _INT_VEC:
        raise QError("type")
    if type(x) is Atom:
        n = x.v
        if n <= 0:
            raise QError("domain")
        m = count(y)
        return QList([slice_items(y, a, min(a + n, m)) for a in range(0, m, n)])
    idx = x.a.tolist()
    m = count(y)
    if any(b < a for a, b in zip(idx, idx[1:])):
        raise QError("domain")
    if idx and (idx[0] < 0 or idx[-1] > m):
        raise QError("index" if idx[-1] > m else "domain")
    ends = idx[1:] + [m]
    return QList([slice_items(y, a, b) for a, b in zip(idx, ends)])


def cross(x, y):
    """x cross y: every item of x joined with every item of y, x's items varying slowest.

    q.k writes this in q with each-both joins; pairing index vectors here keeps a million-pair
    cross of two vectors to numpy work."""
    from .evaluator import index
    m, n = count(x), count(y)
    check_alloc(m * n, 8)
    left = np.repeat(np.arange(m, dtype=np.int64), n)
    right = np.tile(np.arange(n, dtype=np.int64), m)
    xs = index(x, Vec(7, left)) if type(x) is not Atom else take_n(m * n, x)
    ys = index(y, Vec(7, right)) if type(y) is not Atom else take_n(m * n, y)
    if type(xs) is Vec and type(ys) is Vec and xs.t == ys.t:
        pairs = np.stack((xs.a, ys.a), axis=1)
        return QList([Vec(xs.t, p) for p in pairs])
    if isinstance(xs, Table) and isinstance(ys, Table):
        # rows join column-wise; a column of y replaces x's column of the same name
        names = xs.cols + [c for c in ys.cols if c not in xs.cols]
        columns = dict(zip(xs.cols, xs.vals))
        columns.update(zip(ys.cols, ys.vals))
        return Table(names, [columns[c] for c in names])
    return QList([V.join(a, b) for a, b in zip(items_of(xs), items_of(ys))])
