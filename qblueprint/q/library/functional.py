"""Functional qSQL: `?[t;c;b;a]` (select and exec, with `?[t;c;b;a;n]` for select[n]) and
`![t;c;b;a]` (update and delete), run by the same engine as the templates (qsql.execute).

Clauses are parse trees: a general list applies its first item to the rest, a symbol names a
column (or a global), a one-item list quotes its item (so ``enlist`a`` is the symbol `a), and
anything else is a constant.
"""
from ..base.errors import QError
from ..base.values import Atom, Vec, QList, Dict, Prim, Keyword, count, items_of, sym_vec
from ..evaluation import evaluator as ev
from .qsql import execute
from ..prims.casting import dot_field


def eval_in(tree, env):
    """Evaluate a parse tree with names looked up first in env (the table's columns)."""
    if isinstance(tree, QList):
        items = tree.items
        if not items:
            return tree
        if len(items) == 1:
            return items[0]
        f = items[0]
        if type(f) is Atom and f.t == -11:
            f = _name(f.v, env)
        elif isinstance(f, QList):
            f = eval_in(f, env)
        return ev.apply(f, [eval_in(a, env) for a in items[1:]])
    if type(tree) is Atom and tree.t == -11:
        return _name(tree.v, env) if tree.v else tree
    if type(tree) is Vec and tree.t == 11 and len(tree.a) == 1:
        return Atom(-11, tree.a[0])
    return tree


def _name(name, env):
    v = env.get(name)
    if v is not None:
        return v
    if "." in name[1:] and not name.startswith("."):
        head, _, field = name.rpartition(".")
        return dot_field(_name(head, env), field)
    return ev.lookup(name)


def _clause(tree):
    return lambda env: eval_in(tree, env)


def _constraints(c):
    if isinstance(c, QList):
        return [_clause(w) for w in c.items]
    if isinstance(c, (Vec, Dict)) and count(c) == 0:
        return []
    raise QError("type")


def _named(d):
    """(name, clause) pairs of a dictionary of column names to parse trees."""
    if isinstance(d, Dict):
        if not (type(d.k) is Vec and d.k.t == 11):
            raise QError("type")
        return [(n, _clause(t)) for n, t in zip(d.k.a.tolist(), items_of(d.v))]
    if type(d) is Atom and d.t == -11:
        return [(d.v, _clause(d))]
    if type(d) is Vec and d.t == 11:
        return [(n, _clause(Atom(-11, n))) for n in d.a]
    if isinstance(d, QList) and not d.items:
        return []
    raise QError("type")


def _is_empty(x):
    return isinstance(x, (QList, Vec, Dict)) and count(x) == 0


def query(args):
    """?[t;c;b;a], ?[t;c;b;a;n] and ?[t;c;b;a;n;o]: select when b is a boolean or a dictionary,
    else exec."""
    if len(args) not in (4, 5, 6):
        raise QError("rank")
    t, c, b, a = args[:4]
    wheres = _constraints(c)
    limit = [args[4]] if len(args) >= 5 else None
    order = _ordering(args[5]) if len(args) == 6 else None
    if type(b) is Atom and b.t == -1 or isinstance(b, Dict):
        by = _named(b) if isinstance(b, Dict) and count(b) else None
        distinct = type(b) is Atom and bool(b.v)
        cols = [] if _is_empty(a) else _named(a)
        return execute("select", t, wheres, by, cols, distinct, limit, {}, order)
    if order is not None:
        raise QError("rank")
    by = None if _is_empty(b) else _named(b)
    if _is_empty(a):
        cols = []
    elif isinstance(a, Dict) or (type(a) is Atom and a.t == -11):
        cols = _named(a)
    else:
        cols = [("x", _clause(a))]
    r = execute("exec", t, wheres, by, cols, False, None, {})
    if isinstance(a, Dict) and by is None and len(cols) == 1:
        return Dict(sym_vec([cols[0][0]]), QList([r]))
    return r


def _ordering(o):
    """The sixth argument of a functional select, (<:;`c) or (>:;`c) (what evaluating the tree parse
    gives for select[n;<c] passes; iasc and idesc in the place of <: and >:): ('<' or '>', column)."""
    if isinstance(o, QList) and len(o.items) == 2:
        f, col = o.items
        glyph = {"<:": "<", ">:": ">"}.get(f.name) if type(f) is Prim else \
            {"iasc": "<", "idesc": ">"}.get(f.name) if type(f) is Keyword else None
        if glyph is not None and type(col) is Atom and col.t == -11:
            return glyph, col.v
    raise QError("type")


def amend(args):
    """![t;c;b;a]: update when a is a dictionary of columns, else delete (columns a, or rows c)."""
    if len(args) != 4:
        raise QError("rank")
    t, c, b, a = args
    wheres = _constraints(c)
    if isinstance(a, Dict) and count(a):
        by = _named(b) if isinstance(b, Dict) and count(b) else None
        return execute("update", t, wheres, by, _named(a), False, None, {})
    names = [] if _is_empty(a) else _named(a)
    if names and wheres:
        raise QError("nyi")
    return execute("delete", t, wheres, None, names, False, None, {})
