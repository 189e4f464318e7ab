"""qSQL templates: select, exec, update, delete.

The parser hands over the clause token ranges (`parse_qsql`); each clause is parsed as ordinary
q expressions, compiled with every name resolved first against the table's columns. `execute`
runs a query; the functional forms (functional.py) run through it too, and `qsql_tree` gives a
template's parse tree, which is its functional form.
"""
import numpy as np

from ..base.errors import QError
from ..base.upcalls import UP
from ..base.values import (Atom, Vec, QList, Dict, Table, Keyword, count, items_of, from_items,
                     sym_vec, Enum)
from ..prims.tables import column, distinct_rows, split_keyed, rekey
from ..evaluation import evaluator as ev
from ..prims import verbs as V
from ..prims import listops as LO
from ..base.grouping import group_vectors
from ..reading.parser import ALL, column_name
from ..prims.casting import dot_field
from ..prims.sorting import iasc_arr
from ..prims.sorting import iasc, idesc
from ..base.values import null_of, DTYPES

# ----------------------------------------------------------------- compiling

def compile_qsql(node, scope, compile_node):
    _, kind, spec = node

    def in_row(n):
        return compile_node(_dotted_columns(n), ALL)
    names = [n for n, _ in spec["cols"]]
    if kind in ("select", "exec"):
        names = _unique_names(names)
    cols = [(n, in_row(c)) for n, (_, c) in zip(names, spec["cols"])]
    by = None if spec["by"] is None else [(n, in_row(c)) for n, c in spec["by"]]
    src = compile_node(spec["from"], scope)
    wheres = [in_row(w) for w in spec["where"]]
    limit, order = None, None
    for arg in spec["limit"] or ():
        if _order_spec(arg) is not None:
            order = _order_spec(arg)
        elif arg is not None:
            limit = compile_node(arg, scope)
    distinct = spec["distinct"]

    def run(L):
        source = src(L)
        lim = None if limit is None else [limit(L)]
        return execute(kind, source, wheres, by, cols, distinct, lim, L, order)
    return run


def _unique_names(names):
    """Result column names made distinct as q does: a repeated name takes the first free suffix
    1, 2, ... (select max p, min p gives p and p1)."""
    out = []
    for n in names:
        k, name = 0, n
        while name in out:
            k += 1
            name = n + str(k)
        out.append(name)
    return out


def _order_spec(node):
    """select[>c] / select[<c]: ('>' or '<', column name) for an ordering argument, else None."""
    if node is not None and node[0] == "ap1" and node[1] in (("op", "<"), ("op", ">")) \
            and node[2][0] == "v":
        return node[1][1], node[2][1]
    return None


def _field_of(base, field):
    return dot_field(base, field.v)


_FIELD = Keyword("field", _field_of, 2)


def _dotted_columns(node):
    """Rewrite names such as `fk.col` or `time.minute` in a qSQL clause into a field access on
    the column (q resolves the head against the table's columns: foreign keys, temporal parts)."""
    if isinstance(node, tuple):
        if len(node) == 2 and node[0] == "v" and "." in node[1][1:] and not node[1].startswith("."):
            head, _, field = node[1].rpartition(".")
            return ("ap", ("k", _FIELD), [_dotted_columns(("v", head)), ("k", Atom(-11, field))])
        if node and node[0] == "lam":
            return node
        return tuple(_dotted_columns(p) for p in node)
    if isinstance(node, list):
        return [_dotted_columns(p) for p in node]
    return node


# ----------------------------------------------------------------- running

def _env(t, outer, idx=None):
    L = dict(outer) if outer else {}
    for c, v in zip(t.cols, t.vals):
        L[c] = v
    n = len(t)
    L["i"] = Vec(7, np.arange(n, dtype=np.int64) if idx is None else idx)
    return L


def _rows(t, idx):
    return Table(t.cols, [ev.index(c, Vec(7, idx)) for c in t.vals])


def _filter(t, wheres, outer):
    idx = np.arange(len(t), dtype=np.int64)
    cur = t
    for w in wheres:
        r = w(_env(cur, outer, idx))
        if type(r) is Vec and r.t == 1:
            if len(r.a) != len(idx):
                raise QError("length")
            keep = np.flatnonzero(r.a)
        elif type(r) is Atom and r.t == -1:
            keep = np.arange(len(idx)) if r.v else np.zeros(0, dtype=np.int64)
        else:
            raise QError("type")
        idx = idx[keep]
        cur = _rows(t, idx)
    return cur, idx


def _named_source(source):
    if type(source) is Atom and source.t == -11:
        return source.v, ev.lookup(source.v)
    return None, source


def _extend(v, n):
    if type(v) is Atom or not isinstance(v, (Vec, QList, Enum)) or type(v) is Enum and v.atom:
        return LO.take_n(n, v) if type(v) is Atom else QList([v] * n)
    if count(v) != n:
        raise QError("length")
    return v


def _groups(t, by, outer, idx=None):
    """(key table, list of row index arrays) grouping t by the by-columns, keys ascending.
    idx: the rows' positions in the queried table (the virtual column i)."""
    env = _env(t, outer, idx)
    keys = [(n, _extend(c(env), len(t))) for n, c in by]
    kt = Table([n for n, _ in keys], [v for _, v in keys])
    grouped = group_vectors(kt.vals)
    if grouped is None:
        grouped = group_items(items_of(kt) if len(keys) > 1 else items_of(keys[0][1]))
    firsts, members = grouped
    ukeys = _rows(kt, firsts)
    o = iasc_arr(ukeys)
    return _rows(ukeys, o), [members[j] for j in o.tolist()]


def group_items(rows):
    """(first row of each group, row indices of each group) for rows of any q values."""
    groups = {}
    order = []
    for i, r in enumerate(rows):
        k = V._key(r)
        g = groups.get(k)
        if g is None:
            groups[k] = g = []
            order.append(k)
        g.append(i)
    firsts = np.array([groups[k][0] for k in order], dtype=np.int64)
    return firsts, [np.array(groups[k], dtype=np.int64) for k in order]


def _group_tables(t, members):
    """(rows, sub-table of those rows) for each group. t is gathered once in group order so
    that each group's sub-table is a slice of it, not a gather of its own."""
    if not members:
        return
    gathered = _rows(t, np.concatenate(members))
    start = 0
    for rows in members:
        end = start + len(rows)
        yield rows, Table(t.cols, [_slice(c, start, end) for c in gathered.vals])
        start = end


def _slice(column, start, end):
    if type(column) is Vec:
        return Vec(column.t, column.a[start:end])
    if type(column) is QList:
        return QList(column.items[start:end])
    return ev.index(column, Vec(7, np.arange(start, end, dtype=np.int64)))


def execute(kind, source, wheres, by, cols, distinct, limit, outer, order=None):
    name, value = _named_source(source)
    if kind == "delete" and isinstance(value, Dict) and not isinstance(value.k, Table):
        r = _delete_entries(value, cols, wheres)
        if name is not None:
            ev.assign_global(name, r)
            return source
        return r
    t, nkeys = split_keyed(value)
    filtered, idx = _filter(t, wheres, outer)
    if kind == "select":
        if order is not None and order[1] in filtered.cols:
            ranked = _rank(column(filtered, order[1]), order)
            filtered, idx = _rows(filtered, ranked), idx[ranked]
        r = _select(filtered, idx, by, cols, outer)
        if order is not None and order[1] not in filtered.cols:
            r = _sorted_by(r, order)
        if by is None and nkeys and not cols:
            r = rekey(r, nkeys)
        if distinct:
            u, nkeys = split_keyed(r)
            r = rekey(distinct_rows(u), nkeys)
        if limit is not None:
            r = _limit(r, limit)
        return r
    if kind == "exec":
        return _exec(filtered, idx, by, cols, outer)
    if kind == "update":
        r = rekey(_update(t, filtered, idx, by, cols, outer), nkeys)
    elif kind == "delete":
        r = rekey(_delete(t, idx, cols, bool(wheres)), nkeys)
    else:
        raise QError("nyi")
    if name is not None:
        ev.assign_global(name, r)
        return source
    return r


def _rank(col, order):
    """Positions putting col in ascending (`<`) or descending (`>`) order, stably."""
    return (iasc if order[0] == "<" else idesc)(col).a


def _sorted_by(t, order):
    if isinstance(t, Dict):
        positions = Vec(7, _rank(column(t.v, order[1]), order))
        return Dict(ev.index(t.k, positions), ev.index(t.v, positions))
    return _rows(t, _rank(column(t, order[1]), order))


def _limit(r, limit):
    """select[n] (first n rows, last -n) and select[s k] (k rows from row s) of a result."""
    n, rows = limit[0], count(r)
    if type(n) is Atom and n.t in (-7, -6, -5):
        return LO.take(n, r) if abs(n.v) < rows else r
    if type(n) is Vec and n.t in (5, 6, 7) and len(n.a) == 2:
        s, k = n.a.tolist()
        positions = Vec(7, np.arange(max(s, 0), min(s + k, rows), dtype=np.int64))
        return Dict(ev.index(r.k, positions), ev.index(r.v, positions)) if isinstance(r, Dict) \
            else ev.index(r, positions)
    raise QError("type")


def _select(t, idx, by, cols, outer):
    if by is None:
        if not cols:
            return t
        env = _env(t, outer, idx)
        vals = [(name, c(env)) for name, c in cols]
        if all(type(v) is Atom or not isinstance(v, (Vec, QList)) for _, v in vals):
            return Table([k for k, _ in vals], [LO.take_n(1, v) if type(v) is Atom else QList([v])
                                                for _, v in vals])
        m = max(count(v) for _, v in vals if isinstance(v, (Vec, QList)))
        return Table([k for k, _ in vals], [_extend(v, m) for _, v in vals])
    keys, idxs = _groups(t, by, outer, idx)
    if not cols:
        last = np.array([g[-1] for g in idxs], dtype=np.int64)
        rest = [c for c in t.cols if c not in keys.cols]
        sub = _rows(Table(rest, [t.vals[t.cols.index(c)] for c in rest]), last)
        return Dict(keys, sub)
    outs = {name: [] for name, _ in cols}
    for g, rows in _group_tables(t, idxs):
        env = _env(rows, outer, idx[g])
        for name, c in cols:
            outs[name].append(c(env))
    return Dict(keys, Table([n for n, _ in cols], [from_items(outs[n]) for n, _ in cols]))


def _exec(t, idx, by, cols, outer):
    if by is None:
        env = _env(t, outer, idx)
        if not cols:
            return Dict(sym_vec(t.cols), QList(list(t.vals))) if t.cols else QList([])
        vals = [(name, c(env)) for name, c in cols]
        if len(vals) == 1:
            return vals[0][1]
        return Dict(sym_vec([k for k, _ in vals]), from_items([v for _, v in vals]))
    keys, idxs = _groups(t, by, outer, idx)
    res = []
    for g, rows in _group_tables(t, idxs):
        env = _env(rows, outer, idx[g])
        vals = [(name, c(env)) for name, c in cols]
        if len(vals) == 1:
            res.append(vals[0][1])
        else:
            res.append(Dict(sym_vec([k for k, _ in vals]), from_items([v for _, v in vals])))
    k = keys.vals[0] if len(keys.cols) == 1 else keys
    return Dict(k, from_items(res))


def _update(t, filtered, idx, by, cols, outer):
    n = len(t)
    full = len(idx) == n and (n == 0 or (idx == np.arange(n)).all())
    names = list(t.cols)
    vals = list(t.vals)
    if by is None:
        env = _env(filtered, outer, idx)
        new = [(name, c(env)) for name, c in cols]
        for name, v in new:
            v = _extend(v, len(idx))
            _set_col(names, vals, name, v, idx, n, full)
        return Table(names, vals)
    keys, groups = _groups(filtered, by, outer, idx)
    results = {name: [None] * len(filtered) for name, _ in cols}
    for g, rows in _group_tables(filtered, groups):
        env = _env(rows, outer, idx[g])
        for name, c in cols:
            v = _extend(c(env), len(g))
            its = items_of(v)
            for j, p in enumerate(g):
                results[name][p] = its[j]
    for name, _ in cols:
        v = from_items(results[name])
        _set_col(names, vals, name, v, idx, n, full)
    return Table(names, vals)


def _set_col(names, vals, name, v, idx, n, full):
    if full:
        new = v
    else:
        if name in names:
            base = vals[names.index(name)]
        else:
            base = _null_column(v, n)
        new = ev.amend(base, [Vec(7, idx)], None, v, True) if len(idx) else base
    if name in names:
        vals[names.index(name)] = new
    else:
        names.append(name)
        vals.append(new)


def _null_column(v, n):
    if type(v) is Vec:
        a = np.empty(n, dtype=DTYPES[v.t])
        a[:] = null_of(v.t)
        return Vec(v.t, a)
    return QList([QList([])] * n)


def _delete(t, idx, cols, has_where):
    if cols:
        names = [n for n, _ in cols]
        keep = [i for i, c in enumerate(t.cols) if c not in names]
        return Table([t.cols[i] for i in keep], [t.vals[i] for i in keep])
    if not has_where:
        return _rows(t, np.zeros(0, dtype=np.int64))
    mask = np.ones(len(t), dtype=bool)
    mask[idx] = False
    return _rows(t, np.flatnonzero(mask))


def _delete_entries(d, cols, wheres):
    """delete k from d: the dictionary without the entries named k."""
    if wheres or not cols:
        raise QError("type")
    return LO.drop(sym_vec([n for n, _ in cols]), d)


# ----------------------------------------------------------------- parse trees

def qsql_tree(node, to_tree):
    """q's parse tree of a qSQL template: the functional form (?;t;c;b;a) or (!;t;c;b;a)."""
    _, kind, spec = node
    src = to_tree(spec["from"])
    wheres = [to_tree(w) for w in spec["where"]]
    where = QList([QList(wheres)]) if wheres else QList([])

    def columns(pairs):
        return Dict(sym_vec([n for n, _ in pairs]), from_items([to_tree(c) for _, c in pairs]))
    by = None if spec["by"] is None else columns(spec["by"])
    cols = spec["cols"]
    if kind in ("select", "update"):
        grouping = by if by is not None else Atom(-1, spec["distinct"])
        head = ev.PRIMS["?" if kind == "select" else "!"]
        tree = [head, src, where, grouping, columns(cols) if cols else QList([])]
        limits = [a for a in spec["limit"] or () if a is not None]
        count_arg = [a for a in limits if _order_spec(a) is None]
        order_arg = [a for a in limits if _order_spec(a) is not None]
        if order_arg and not count_arg:
            raise QError("nyi")     # select[>c] alone: its tree is not shown anywhere
        if count_arg:
            tree.append(to_tree(count_arg[0]))
        if order_arg:
            tree.append(QList([to_tree(order_arg[0])]))   # select[n;<c]: ,(<:;`c), the sixth item
        return QList(tree)
    if kind == "exec":
        if len(cols) == 1 and cols[0][0] == column_name(cols[0][1], 0):
            # one column named by its expression: the expression itself, enlisted (exec a is ,`a;
            # exec not a is ,(~:;`a), as the finos k2q library expects of real q's parse)
            what = QList([to_tree(cols[0][1])])
        else:
            what = columns(cols) if cols else QList([])
        return QList([ev.PRIMS["?"], src, where, by if by is not None else QList([]), what])
    names = QList([sym_vec([n for n, _ in cols])]) if cols else sym_vec([])
    return QList([ev.PRIMS["!"], src, where, Atom(-1, False), names])


UP.provide(compile_qsql=compile_qsql)
