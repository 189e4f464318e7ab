"""Enumerations: `dom$y` (enumerate), `dom?y` (enumerate, extending the domain), `dom!i` (from
indices), and their values, display, indexing and joins.

An enumeration keeps the domain's name and int64 indices (`values.Enum`). The domain is a global:
a symbol list, or a keyed table whose key a foreign-key column indexes (`` `f$2 2 `` with f keyed).
"""
import numpy as np

from .errors import QError
from .values import Atom, Vec, QList, Dict, Table, Enum, items_of, sym_vec
from . import verbs as V
from . import evaluator as ev


def _domain(dom):
    """The list an enumeration over `dom` indexes: a symbol vector or a keyed table's key."""
    d = ev.lookup(dom)
    if type(d) is Vec and d.t == 11:
        return d
    if isinstance(d, Dict) and isinstance(d.k, Table):
        return d.k.vals[0] if len(d.k.cols) == 1 else d.k
    if isinstance(d, QList) and not d.items:
        return sym_vec([])
    raise QError("type")


def is_foreign_key(col):
    """Whether a column is enumerated against a keyed table (a foreign key)."""
    if not isinstance(col, Enum):
        return False
    d = ev.STATE.g.get(col.dom)
    return isinstance(d, Dict) and isinstance(d.k, Table)


def _make(dom, positions, atom):
    return Enum(dom, np.asarray(positions, dtype=np.int64).reshape(-1), atom)


def enumerate_(dom, y):
    """`dom$y`: y's positions in the domain; 'cast where y holds a value the domain lacks."""
    domain = _domain(dom)
    if isinstance(y, Enum):
        y = enum_values(y)
    atom = type(y) is Atom
    if isinstance(domain, Table):
        from .tables import table_find
        r = table_find(domain, y)
    else:
        if domain.t == 11 and abs(getattr(y, "t", 0)) != 11 and not (isinstance(y, QList) and not y.items):
            raise QError("type")
        r = V.find(domain, y)
    pos = np.atleast_1d(np.asarray(r.a if type(r) is Vec else [r.v] if type(r) is Atom else
                                   [i.v for i in items_of(r)], dtype=np.int64))
    if len(pos) and pos.max() >= len(domain):
        raise QError("cast")
    return _make(dom, pos, atom)


def enum_extend(dom, y):
    """`dom?y`: like `dom$y`, but first appending to the domain the symbols it lacks."""
    try:
        domain = ev.lookup(dom)
    except QError:
        domain = sym_vec([])
    if isinstance(domain, QList) and not domain.items:
        domain = sym_vec([])
    if not (type(domain) is Vec and domain.t == 11):
        raise QError("type")
    if isinstance(y, Enum):
        y = enum_values(y)
    if not (type(y) in (Atom, Vec) and abs(y.t) == 11):
        raise QError("type")
    known = set(domain.a.tolist())
    fresh = []
    for s in (y.a.tolist() if type(y) is Vec else [y.v]):
        if s not in known:
            known.add(s)
            fresh.append(s)
    if fresh:
        domain = V.join(Vec(11, domain.a), sym_vec(fresh))
        ev.assign_global(dom, domain)
    r = enumerate_(dom, y)
    if type(y) is Vec and y.attr:
        r.attr = y.attr
    return r


def enum_from_indices(dom, y):
    """`dom!i`: the enumeration with indices i (no check against the domain, which need not
    exist yet: kdb+ 3.6 made `sym!i the way to build an enumeration before its domain)."""
    if type(y) is Atom and y.t in (-7, -6, -5):
        return _make(dom, [y.v], True)
    if type(y) is Vec and y.t in (5, 6, 7):
        return _make(dom, y.a, False)
    raise QError("type")


def enum_values(e):
    """The values an enumeration stands for (symbols, or a foreign key's key values)."""
    domain = _domain(e.dom)
    idx = Atom(-7, int(e.idx[0])) if e.atom else Vec(7, e.idx)
    return ev.index(domain, idx)


def enum_repr(e):
    from .display import inline
    return "`" + e.dom + "$" + inline(enum_values(e))


def enum_index(e, i):
    positions = ev.index(Vec(7, e.idx), i)
    if type(positions) is Atom:
        return _make(e.dom, [positions.v], True)
    if type(positions) is Vec:
        return _make(e.dom, positions.a, False)
    return QList([enum_index(e, j) for j in items_of(i)])


def enum_take(n, e):
    return _make(e.dom, V.take_n(n, Vec(7, e.idx)).a, False)


def enum_join(x, y):
    """x,y with an enumeration on either side: same domain stays enumerated; different domains or
    plain symbols give symbols, except that two atoms make a two-item general list."""
    x_enum, y_enum = isinstance(x, Enum), isinstance(y, Enum)
    if x_enum and y_enum and x.dom == y.dom:
        return _make(x.dom, np.concatenate((x.idx, y.idx)), False)
    x_atom = x.atom if x_enum else type(x) is Atom
    y_atom = y.atom if y_enum else type(y) is Atom
    if x_atom and y_atom:
        return QList([x, y])
    xv = enum_values(x) if x_enum else x
    yv = enum_values(y) if y_enum else y
    return V.join(xv, yv)


def enum_append(e, y):
    """`e,:y` for an enumeration e: y is enumerated into e's domain ('cast for an unknown value)."""
    if isinstance(y, Enum) and y.dom == e.dom:
        add = y
    else:
        add = enumerate_(e.dom, enum_values(y) if isinstance(y, Enum) else y)
    return _make(e.dom, np.concatenate((e.idx, add.idx)), False)


def foreign_field(e, field):
    """`fk.col`: column `col` of the keyed table a foreign key enumerates, at the key's rows."""
    d = ev.lookup(e.dom)
    if not (isinstance(d, Dict) and isinstance(d.k, Table)):
        raise QError(field)
    from .tables import column, split_keyed
    col = column(split_keyed(d)[0], field)
    return ev.index(col, Atom(-7, int(e.idx[0])) if e.atom else Vec(7, e.idx))
