"""Table keywords: xkey xcol xcols meta insert upsert ungroup xasc xdesc xgroup fkeys.

Keywords that take a table may take it by name (a symbol): they then amend the global in place
and return the name, as q does.
"""
import numpy as np

from ..base.errors import QError
from ..base.upcalls import UP
from ..base.values import (Atom, Vec, QList, Dict, Table, Enum, Null, TYPES, count, items_of, from_items,
                     sym_vec, char_vec, enlist)
from ..base.registry import kw
from ..prims.tables import (column, is_keyed, split_keyed, rekey, names_of, null_column, take_rows,
                     keyed_upsert, match_positions, first_equal)
from ..prims.enums import enumerate_, enum_values, is_foreign_key
from ..prims import verbs as V
from ..prims import listops as LO
from ..evaluation import evaluator as ev
from ..prims.sorting import iasc_arr
from ..prims.enums import enum_append


def table_arg(y):
    """(name or None, value) of a table given by value or by name."""
    if type(y) is Atom and y.t == -11:
        return y.v, ev.lookup(y.v)
    return None, y


def store(name, value, original):
    """The result of a keyword that amends a table given by name: the name; else the new value."""
    if name is None:
        return value
    ev.assign_global(name, value)
    return original


# ----------------------------------------------------------------- columns and keys

@kw("xkey", 2)
def xkey(x, y):
    name, t = table_arg(y)
    t, _ = split_keyed(t)
    keys = names_of(x)
    for k in keys:
        column(t, k)
    order = keys + [c for c in t.cols if c not in keys]
    return store(name, rekey(Table(order, [column(t, c) for c in order]), len(keys)), y)


@kw("xcol", 2)
def xcol(x, y):
    name, t = table_arg(y)
    u, nkeys = split_keyed(t)
    cols = list(u.cols)
    if isinstance(x, Dict):
        mapping = dict(zip(names_of(x.k), names_of(x.v)))
        if any(k not in cols for k in mapping):
            raise QError("length")
        cols = [mapping.get(c, c) for c in cols]
    else:
        new = names_of(x)
        if len(new) > len(cols):
            raise QError("length")
        cols = new + cols[len(new):]
    return store(name, rekey(Table(cols, u.vals), nkeys), y)


@kw("xcols", 2)
def xcols(x, y):
    name, t = table_arg(y)
    if not isinstance(t, Table):
        raise QError("type")
    first = names_of(x)
    order = first + [c for c in t.cols if c not in first]
    return store(name, Table(order, [column(t, c) for c in order]), y)


def _type_char(col):
    """meta's t: the column's type char, upper case for a list of equal-typed vectors."""
    if isinstance(col, Enum):
        return _type_char(enum_values(col)) if is_foreign_key(col) else "s"
    if type(col) is Vec:
        return TYPES[col.t][1]
    if isinstance(col, QList) and col.items and type(col.items[0]) is Vec:
        # a list column: the type of its first item, as kdb+ reads it (mixed lists included)
        return TYPES[col.items[0].t][1].upper()
    return " "


@kw("meta")
def meta(x):
    _, t = table_arg(x)
    u, nkeys = split_keyed(t)
    types = "".join(_type_char(c) for c in u.vals)
    foreign = [c.dom if is_foreign_key(c) else "" for c in u.vals]
    attrs = [c.attr if type(c) is Vec else "" for c in u.vals]
    return Dict(Table(["c"], [sym_vec(u.cols)]),
                Table(["t", "f", "a"], [char_vec(types), sym_vec(foreign), sym_vec(attrs)]))


@kw("fkeys")
def fkeys(x):
    """The columns of a table that are enumerated against keyed tables, and those tables."""
    _, t = table_arg(x)
    u, _ = split_keyed(t)
    pairs = [(n, c.dom) for n, c in zip(u.cols, u.vals) if is_foreign_key(c)]
    return Dict(sym_vec([n for n, _ in pairs]), sym_vec([d for _, d in pairs]))


# ----------------------------------------------------------------- adding rows

def rows_of(t, y, as_columns):
    """The rows y stands for, as a table, when added to table t.

    y is a table, a dictionary (one row), or a list: insert reads a list as column values;
    upsert and `,` read it as one record, or as a list of records when its items are lists."""
    if isinstance(y, Table):
        return y
    if is_keyed(y):
        return split_keyed(y)[0]
    if isinstance(y, Dict) and type(y.k) is Vec and y.k.t == 11:
        return enlist(y)
    if not isinstance(y, (Vec, QList)):
        y = QList([y])
    items = items_of(y)
    ncols = len(t.cols)
    if _is_record(t, items):
        return Table(t.cols, [QList([i]) if type(i) is not Atom else enlist(i) for i in items])
    records = not as_columns and isinstance(y, QList) and items and \
        all(isinstance(i, (Vec, QList)) and count(i) == ncols and _is_record(t, items_of(i)) for i in items)
    if records:
        items = [from_items([items_of(r)[j] for r in items]) for j in range(ncols)]
    if len(items) != ncols:
        raise QError("length")
    if all(type(i) is Atom for i in items):
        items = [enlist(i) for i in items]
    elif any(type(i) is Atom for i in items):
        n = max(count(i) for i in items if type(i) is not Atom)
        items = [LO.take_n(n, i) if type(i) is Atom else i for i in items]
    if any(not isinstance(i, (Vec, QList, Enum)) or count(i) != count(items[0]) for i in items):
        raise QError("length")
    return Table(t.cols, items)


def _is_record(t, items):
    """Whether items are one row of table t: one value per column, each an item of its column
    (an atom for a simple column; a list counts as one item of a general column)."""
    if len(items) != len(t.cols) or all(type(i) is Atom for i in items):
        return len(items) == len(t.cols)
    return all(type(item) is Atom or (isinstance(col, QList) and col.items)
               for item, col in zip(items, t.vals))


def append_rows(t, rows, strict):
    """Table t with the rows of table rows appended, matching columns by name; a column rows lacks
    is filled with nulls. `strict`: a typed column must receive its own type (amend in place)."""
    for name in rows.cols:
        if name not in t.cols:
            raise QError("mismatch")
    n = len(rows)
    out = []
    for name, col in zip(t.cols, t.vals):
        add = column(rows, name) if name in rows.cols else null_column(col, n)
        if isinstance(col, QList) and not col.items:
            out.append(add)
            continue
        if strict and type(col) is Vec and not (type(add) is Vec and add.t == col.t):
            if not (isinstance(add, QList) and not add.items):
                raise QError("type")
        if isinstance(col, Enum) and not isinstance(add, Enum):
            add = enumerate_(col.dom, add)
        out.append(V.join(col, add))
    return Table(t.cols, out)


def upsert_value(t, y, strict=False):
    """t upsert y for a table or keyed table value t."""
    if is_keyed(t):
        if is_keyed(y):
            return keyed_upsert(t, y)
        u, nkeys = split_keyed(t)
        rows = rows_of(u, y, False)
        for k in t.k.cols:
            if k not in rows.cols:
                raise QError("mismatch")
        keys = Table(t.k.cols, [column(rows, k) for k in t.k.cols])
        rest = [c for c in rows.cols if c not in t.k.cols]
        return keyed_upsert(t, Dict(keys, Table(rest, [column(rows, c) for c in rest])))
    if isinstance(t, Table):
        return append_rows(t, rows_of(t, y, False), strict)
    raise QError("type")


@kw("upsert", 2)
def upsert(x, y):
    name, t = table_arg(x)
    return store(name, upsert_value(t, y, name is not None), x)


@kw("insert", 2)
def insert(x, y):
    if not (type(x) is Atom and x.t == -11):
        raise QError("type")
    try:
        t = ev.lookup(x.v)
    except QError:
        if not isinstance(y, (Table, Dict)):
            raise
        ev.assign_global(x.v, y)
        return Vec(7, np.arange(count(y), dtype=np.int64))
    u, nkeys = split_keyed(t)
    rows = rows_of(u, y, True)
    if nkeys:
        keys = [column(rows, k) for k in t.k.cols]
        if (match_positions(keys, t.k.vals, len(t.k)) < len(t.k)).any():
            raise QError("insert")
    n0 = len(u)
    ev.assign_global(x.v, rekey(append_rows(u, rows, True), nkeys))
    return Vec(7, np.arange(n0, n0 + len(rows), dtype=np.int64))


# ----------------------------------------------------------------- reshaping

@kw("ungroup")
def ungroup(x):
    """Flatten the list columns of a table: one row per item, atoms repeated."""
    t, _ = split_keyed(x)
    nested = [isinstance(c, QList) and any(type(i) is not Atom for i in c.items) for c in t.vals]
    if not any(nested):
        return t
    counts = None
    for c, is_nested in zip(t.vals, nested):
        if is_nested:
            lengths = np.array([count(i) if type(i) is not Atom else -1 for i in c.items], dtype=np.int64)
            counts = lengths if counts is None else np.where(lengths < 0, counts, np.where(
                counts < 0, lengths, np.where(lengths == counts, counts, -2)))
            if (counts == -2).any():
                raise QError("length")
    counts = np.where(counts < 0, 1, counts)
    rows = np.repeat(np.arange(len(counts)), counts)
    vals = []
    for c, is_nested in zip(t.vals, nested):
        if not is_nested:
            vals.append(ev.index(c, Vec(7, rows)))
            continue
        parts = []
        for item, k in zip(c.items, counts.tolist()):
            parts.extend(items_of(item) if type(item) is not Atom else [item] * k)
        vals.append(from_items(parts))
    return Table(t.cols, vals)


@kw("xgroup", 2)
def xgroup(x, y):
    """Group table y by columns x: a keyed table of the other columns' lists, keys in first-seen order."""
    t, _ = split_keyed(y)
    keys = names_of(x)
    key_cols = [column(t, k) for k in keys]
    first = first_equal(key_cols)
    groups = {}
    for i, f in enumerate(first.tolist()):
        groups.setdefault(f, []).append(i)
    leaders = list(groups)
    key_table = take_rows(Table(keys, key_cols), leaders)
    rest = [c for c in t.cols if c not in keys]
    vals = [QList([ev.index(column(t, c), Vec(7, np.array(groups[g], dtype=np.int64))) for g in leaders])
            for c in rest]
    return Dict(key_table, Table(rest, vals))


def _sort_table(x, y, descending):
    name, t = table_arg(y)
    u, nkeys = split_keyed(t)
    by = names_of(x)
    order = np.arange(len(u), dtype=np.int64)
    for c in reversed(by):
        col = ev.index(column(u, c), Vec(7, order))
        step = iasc_arr(col)
        if descending:
            step = _descending_order(col, step)
        order = order[step]
    r = take_rows(u, order)
    if by and not descending and type(r.vals[r.cols.index(by[0])]) is Vec:
        i = r.cols.index(by[0])
        r.vals[i] = Vec(r.vals[i].t, r.vals[i].a, "s")
    return store(name, rekey(r, nkeys), y)


def _descending_order(col, ascending):
    """A stable descending order from an ascending one: equal runs keep their original order."""
    codes = first_equal([col])
    ranked = codes[ascending]
    runs = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    bounds = np.r_[runs, len(ranked)]
    return np.concatenate([ascending[bounds[k]:bounds[k + 1]] for k in range(len(runs) - 1, -1, -1)]) \
        if len(ranked) else ascending


@kw("xasc", 2)
def xasc(x, y):
    return _sort_table(x, y, False)


@kw("xdesc", 2)
def xdesc(x, y):
    return _sort_table(x, y, True)


def join_in_place(x, y):
    """`x,:y` for a table, keyed table, dictionary or enumeration x: y's rows (or keys, or values)
    are added without changing the type of what x holds."""
    if isinstance(x, Enum):
        return enum_append(x, y)
    if isinstance(x, Table) or is_keyed(x):
        return upsert_value(x, y, True)
    r = V.join(x, y)
    if type(x.v) is Vec and len(x.v.a) and not (type(r.v) is Vec and r.v.t == x.v.t):
        raise QError("type")
    return r


# ----------------------------------------------------------------- fby

def group_rows(y):
    """Row positions of each group of equal items of y (a list or a table), in first-seen order."""
    cols = split_keyed(y)[0].vals if isinstance(y, (Table, Dict)) else [y]
    first = first_equal(cols)
    order = np.argsort(first, kind="stable")
    leaders, starts = np.unique(first[order], return_index=True)
    return np.split(order, starts[1:]) if len(order) else []


@kw("fby", 2)
def fby(x, y):
    """(f;x) fby g: f applied to x's items in each group of g, spread back over g's positions."""
    parts = items_of(x) if isinstance(x, QList) else None
    if parts is None or len(parts) != 2:
        raise QError("type")
    f, data = parts
    if isinstance(y, Dict) and not is_keyed(y):
        raise QError("type")
    n = count(y)
    if count(data) != n:
        raise QError("length")
    out = [None] * n
    for rows in group_rows(y):
        r = ev.apply(f, [ev.index(data, Vec(7, rows))])
        values = items_of(r) if isinstance(r, (Vec, QList)) and count(r) == len(rows) else [r] * len(rows)
        for p, v in zip(rows.tolist(), values):
            out[p] = v
    if n:
        return from_items(out)
    empty_result = ev.apply(f, [data])
    return LO.take_n(0, empty_result) if type(empty_result) is Atom else QList([])


@kw("keys")
def keys(x):
    """The key columns of a keyed table (given by value or name); none for a table."""
    _, t = table_arg(x)
    if is_keyed(t):
        return sym_vec(t.k.cols)
    if isinstance(t, Table):
        return sym_vec([])
    raise QError("type")


@kw("tables")
def tables(x):
    """The names of the tables, keyed or not, in a namespace, sorted: tables[] (the current
    namespace, as \\a lists it), tables`. the root, tables`.ns another."""
    if type(x) is Null:
        name = ev.STATE.ns or "."
    elif type(x) is Atom and x.t == -11:
        name = x.v if x.v.startswith(".") else "." + x.v
    else:
        raise QError("type")
    d = ev.namespace_dict(name)
    if d is None:
        return sym_vec([])
    names = [k for k, v in zip(d.k.a.tolist(), items_of(d.v))
             if k and (isinstance(v, Table) or is_keyed(v))]
    return sym_vec(sorted(names))


UP.provide(join_in_place=join_in_place)
