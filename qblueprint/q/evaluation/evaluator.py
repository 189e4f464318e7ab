"""Evaluator: compiles AST nodes into Python closures and applies q functions.

Each node becomes a closure `f(L)` over the locals dict `L` of the running lambda (the top level
uses an empty dict). Globals live in `STATE.g`, the dictionary of the session being evaluated.
Lambdas are compiled once, when parsed, so calling one costs a dict and a closure call.
"""
import operator
import threading

import numpy as np

from ..base.errors import QError
from ..base.values import (Atom, Vec, QList, Dict, Table, Fn, Lambda, Prim, Keyword, Proj, Comp,
                     Derived, Adverb, Null, Enum, IDENTITY, DTYPES, count, items_of,
                     from_items, item_at, null_of, scalar, is_true, sym_vec, string_of, row,
                     empty)
from ..base.upcalls import UP
from ..base.registry import K_DERIVED_FORMS
from .patterns import bind_evaluator, compile_pattern, match_pattern
from .pycompile import RUNTIME as _PY_RUNTIME, compile_lambda_body, compile_unboxed, uses_self as _uses_self
from ..base.values import EXACT_ATOM_TYPES as _EXACT_ATOMS

_TRUE = Atom(-1, True)
_FALSE = Atom(-1, False)


class State(threading.local):
    """The running session's mutable state. One per thread: the Session binds its own globals,
    output, limits and depth here for the duration of a call (and restores the caller's after, so a
    session run inside another's callback leaves the outer one as it was); sessions in different
    threads never see each other's."""

    def __init__(self):
        self.g = {}
        self.out = []
        self.depth = 0
        self.max_depth = 800
        self.steps = 0
        self.max_steps = None
        self.session = None
        self.ns = ""     # the current namespace set by \d (compiled code keeps the one it was compiled in)


STATE = State()


class Return(Exception):
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


PRIMS = {}      # glyph -> Prim, filled by primitives.py
UNARY = {}      # glyph -> unary Python function


# ----------------------------------------------------------------- application

def apply(f, args):
    """Apply q value f to the list of q values args (no elided arguments)."""
    tf = type(f)
    if tf is Lambda:
        if len(args) != f.rank:
            if len(args) < f.rank:
                return Proj(f, list(args) + [None] * (f.rank - len(args)))
            if f.rank == 1 and not args:
                return call_lambda(f, [IDENTITY])
            raise QError("rank")
        return call_lambda(f, args)
    if tf is Keyword:
        n = len(args)
        if n == f.rank or f.rank < 0:
            return f.fn(*args)
        if n < f.rank:
            return Proj(f, list(args) + [None] * (f.rank - n))
        if n == 2 and f.name in K_DERIVED_FORMS:
            # a cover of a derived function takes its binary form too: deltas[10;y] is -':[10;y]
            glyph, adverb = K_DERIVED_FORMS[f.name]
            return apply(Derived(adverb, PRIMS[glyph]), args)
        raise QError("rank")
    if tf is Prim:
        n = len(args)
        if n == 2 and f.f2 is not None:
            return f.f2(args[0], args[1])
        if n == 1:
            if f.rank == 1 or f.f2 is None:
                return f.f1(args[0])
            return Proj(f, [args[0], None])
        apply_n = UP.apply_n
        return apply_n(f, args)
    if tf is Proj:
        full = list(f.args)
        k = 0
        for j, a in enumerate(full):
            if a is None and k < len(args):
                full[j] = args[k]
                k += 1
        if k < len(args):
            full.extend(args[k:])
        if any(a is None for a in full):
            return Proj(f.f, full)
        return apply(f.f, full)
    if tf is Derived:
        apply_derived = UP.apply_derived
        return apply_derived(f, args)
    if tf is Comp:
        r = apply(f.fs[-1], args)
        for g in reversed(f.fs[:-1]):
            r = apply(g, [r])
        return r
    if tf is Null:
        if len(args) == 1:
            return args[0]
        raise QError("rank")
    if tf is Adverb:
        adverb_call = UP.adverb_call
        return adverb_call(f, args)
    if tf is Atom and f.t in (-7, -6, -5) and len(args) == 1 and args[0] is not IDENTITY:
        return _handle_apply(f.v, args[0])
    if tf is Atom and f.t == -11 and args:
        return apply(deref_symbol(f.v), args)
    # data: indexing at depth
    if not args:
        return f
    if len(args) == 1:
        return index(f, args[0])
    return index_depth(f, args)


def _handle_apply(h, x):
    """Integer atoms applied like functions are handles: -1/1 stdout, -2/2 stderr."""
    if h in (-1, -2, 1, 2):
        write_handle = UP.write_handle
        return write_handle(h, x)
    if h == 0:
        raise QError("access")
    raise QError("type")


def apply1(f, x):
    tf = type(f)
    if tf is Lambda and f.rank == 1:
        return call_lambda(f, [x])
    if tf is Keyword and (f.rank == 1 or f.rank < 0):
        return f.fn(x)
    return apply(f, [x])


def project(f, args):
    """f[a;;b]: an application with elided arguments."""
    if isinstance(f, (Vec, QList, Dict, Table)):
        # elided index means "all" at that depth
        return apply(f, [IDENTITY if a is None else a for a in args])
    if type(f) is Lambda and len(args) > f.rank:
        raise QError("rank")
    if type(f) is Lambda and f.rank == 1 and len(args) == 1:
        return call_lambda(f, [IDENTITY])
    return Proj(f, list(args))


def call_lambda(f, args):
    params = f.params
    n = len(params)
    # a literal frame for the common ranks: dict(zip(...)) costs several times more per call
    if n == 1:
        L = {params[0]: args[0]}
    elif n == 2:
        L = {params[0]: args[0], params[1]: args[1]}
    else:
        L = dict(zip(params, args))
    if f.locals:
        for name in f.locals:      # a local whose assignment has not run yet is ()
            L[name] = EMPTY_LOCAL
    st = STATE
    st.depth += 1
    try:
        if st.depth > st.max_depth:
            raise QError("stack")
        return f.body(L)
    except Return as r:
        return r.value
    finally:
        st.depth -= 1


def fn_rank(f):
    tf = type(f)
    if tf is Lambda or tf is Keyword:
        return f.rank
    if tf is Prim:
        return f.rank
    if tf is Proj:
        return sum(1 for a in f.args if a is None)
    if tf is Comp:
        return fn_rank(f.fs[-1])
    if tf is Derived:
        derived_rank = UP.derived_rank
        return derived_rank(f)
    return 1


# ----------------------------------------------------------------- indexing

def null_like(x):
    if type(x) is Atom:
        return Atom(x.t, null_of(x.t))
    if type(x) is Vec:
        return empty(x.t) if x.t else QList([])
    if isinstance(x, QList):
        return QList([])
    if isinstance(x, Dict):
        return Dict(x.k, null_like(x.v)) if not isinstance(x.v, (Vec, QList)) else null_row(x)
    return IDENTITY


def null_row(d):
    if type(d.v) is Vec:
        a = np.empty(len(d.v.a), dtype=DTYPES[d.v.t])
        a[:] = null_of(d.v.t)
        return Dict(d.k, Vec(d.v.t, a))
    return Dict(d.k, from_items([null_like(v) for v in items_of(d.v)]))


def index(x, i):
    tx = type(x)
    ti = type(i)
    if tx is Null:
        return i         # the generic null applied is the identity: (::) t is t
    if ti is Atom:
        t = i.t
        if t in (-7, -6, -5, -1, -4):
            v = int(i.v)
            if tx is Vec:
                a = x.a
                if 0 <= v < len(a):
                    if x.t == 11 or x.t == 2:
                        return Atom(-x.t, a[v])
                    return Atom(-x.t, scalar(x.t, a[v]))
                return Atom(-x.t, null_of(x.t))
            if tx is QList:
                if 0 <= v < len(x.items):
                    return x.items[v]
                return null_like(x.items[0]) if x.items else IDENTITY
            if tx is Table:
                n = len(x)
                if 0 <= v < n:
                    return row(x, v)
                return Dict(sym_vec(x.cols), from_items([index(c, i) for c in x.vals]))
            if tx is Dict:
                return dict_lookup(x, i)
            if tx is Enum:
                enum_index = UP.enum_index
                return enum_index(x, i)
            if isinstance(x, Fn):
                return apply(x, [i])
            raise QError("type")
        if tx is Table and t == -11:
            if i.v not in x.cols and x.cols:
                # a table is a flipped dictionary: a name it lacks gives what a missing key does,
                # the empty list of its first column's type (t`nosuch is `symbol$() for a sym column)
                return null_like(x.vals[0]) if not isinstance(x.vals[0], Enum) else QList([])
            column = UP.column
            return column(x, i.v)
        if tx is Dict:
            return dict_lookup(x, i)
        if isinstance(x, Fn):
            return apply(x, [i])
        if tx is Atom and x.t == -11:
            return apply(deref_symbol(x.v), [i])
        raise QError("type")
    if i is IDENTITY:
        return x
    if ti is Vec:
        if tx is Vec and i.t in (7, 6, 5, 1, 4):
            idx = i.a.astype(np.int64, copy=False)
            n = len(x.a)
            if n and len(idx) and idx.min() >= 0 and idx.max() < n:
                return Vec(x.t, x.a[idx])
            ok = (idx >= 0) & (idx < n)
            r = np.empty(len(idx), dtype=DTYPES[x.t])
            r[:] = null_of(x.t)
            r[ok] = x.a[idx[ok]]
            return Vec(x.t, r)
        if tx is Table:
            if i.t == 11:
                return from_items([index(x, Atom(-11, c)) for c in i.a])
            if i.t in (7, 6, 5, 1, 4):
                return Table(x.cols, [index(c, i) for c in x.vals])
        if tx is Dict:
            return dict_lookup(x, i)
        if isinstance(x, Fn):
            return apply(x, [i])
        if tx is Enum:
            enum_index = UP.enum_index
            return enum_index(x, i)
        if tx is QList and i.t in (7, 6, 5, 1, 4):
            return from_items([index(x, Atom(-7, int(v))) for v in i.a.tolist()])
        raise QError("type")
    if ti is QList:
        if tx is Dict and isinstance(x.k, Table):
            return dict_lookup(x, i)
        return from_items([index(x, j) for j in i.items])
    if ti is Dict:
        if tx is Dict and isinstance(x.k, Table):
            return dict_lookup(x, i)
        return Dict(i.k, index(x, i.v))
    if ti is Table:
        if tx is Dict and isinstance(x.k, Table):
            return dict_lookup(x, i)
    if isinstance(x, Fn):
        return apply(x, [i])
    raise QError("type")


def _step_lookup(d, k):
    """A dictionary whose keys are sorted (`s#) is a step function: a key it lacks takes the
    value of the highest key below it, and a key below them all the null (ref/apply.md)."""
    keys = d.k
    if abs(k.t) != keys.t:
        raise QError("type")
    n = len(keys.a)
    pos = np.searchsorted(keys.a, k.a if type(k) is Vec else k.v, side="right") - 1
    pos = np.where(pos < 0, n, pos).astype(np.int64)     # below the first key: out of range, null
    if type(k) is Atom:
        p = int(pos)
        if p >= n:
            return null_item(d.v)
        return row(d.v, p) if isinstance(d.v, Table) else item_at(d.v, p)
    return index(d.v, Vec(7, pos))


def dict_lookup(d, k):
    find = UP.find
    keys = d.k
    if isinstance(keys, Table):
        keyed_lookup = UP.keyed_lookup
        return keyed_lookup(d, k)
    if type(keys) is Vec and keys.attr == "s" and isinstance(k, (Atom, Vec)):
        return _step_lookup(d, k)
    if type(keys) is Vec and type(k) is Atom and abs(k.t) == keys.t and keys.t != 9:
        w = np.flatnonzero(keys.a == k.v)
        if len(w):
            return item_at(d.v, int(w[0])) if not isinstance(d.v, Table) else row(d.v, int(w[0]))
        return null_item(d.v)
    if not isinstance(keys, (Vec, QList, Enum)):
        raise QError("type")
    pos = find(keys, k)
    if type(pos) is Atom:
        n = count(keys)
        if pos.v >= n:
            return null_item(d.v)
        if isinstance(d.v, Table):
            return row(d.v, pos.v)
        return item_at(d.v, pos.v)
    return index(d.v, pos)


def null_item(v):
    if type(v) is Vec:
        return Atom(-v.t, null_of(v.t))
    if isinstance(v, QList):
        return null_like(v.items[0]) if v.items else IDENTITY
    if isinstance(v, Table):
        return Dict(sym_vec(v.cols), from_items([null_item(c) for c in v.vals]))
    return IDENTITY


def index_depth(x, idxs):
    if len(idxs) == 1:
        return index(x, idxs[0])
    if isinstance(x, Table) and len(idxs) == 2:
        # t[rows;cols]: a table is a list of rows, so several rows give one item per row, each the
        # row indexed by cols (t[2 0;`a`b] is a list of pairs); one column name gives a vector
        r = index(x, idxs[0])
        j = idxs[1]
        if isinstance(r, Table) and type(j) is not Atom:
            return from_items([index(row(r, k), j) for k in range(len(r))])
        return index(r, j)
    i = idxs[0]
    rest = idxs[1:]
    r = index(x, i)
    if i is IDENTITY or type(i) is not Atom:
        if isinstance(r, Dict) and i is not IDENTITY and isinstance(x, Dict):
            # a dictionary's one value at a key that is a list, such as a keyed table's row
            # at a string key: kt["ab";`c] is kt["ab"][`c]
            return index_depth(r, rest)
        if isinstance(r, Dict):
            return Dict(r.k, from_items([index_depth(v, rest) for v in items_of(r.v)]))
        return from_items([index_depth(v, rest) for v in items_of(r)])
    return index_depth(r, rest)


# ----------------------------------------------------------------- amend

def amend(x, idxs, f, y, has_y):
    """Functional amend: x with f applied at idxs (f None means assign y)."""
    i = idxs[0]
    rest = idxs[1:]
    if rest:
        if i is IDENTITY or (type(i) is not Atom and not isinstance(x, Dict)):
            positions = _positions(x, i)
            ys = _spread(y, len(positions), has_y)
            out = x
            for p, yy in zip(positions, ys):
                sub = index(out, p)
                out = amend(out, [p], None, amend(sub, rest, f, yy, has_y), True)
            return out
        sub = index(x, i)
        return amend(x, [i], None, amend(sub, rest, f, y, has_y), True)
    if isinstance(x, Dict):
        return _amend_dict(x, i, f, y, has_y)
    if isinstance(x, Table):
        amend_table = UP.amend_table
        return amend_table(x, i, f, y, has_y)
    if type(x) is Vec and f is None and has_y:
        assigned = _assign_simple(x, i, y)
        if assigned is not None:
            return assigned
    if i is IDENTITY:
        positions = list(range(count(x)))
        atomic = False
    elif type(i) is Atom:
        positions = [i.v]
        atomic = True
    else:
        if isinstance(i, QList):
            out = x
            ys = _spread(y, len(i.items), has_y)
            for j, yy in zip(i.items, ys):
                out = amend(out, [j], f, yy, has_y)
            return out
        if type(i) is not Vec or i.t not in (1, 4, 5, 6, 7):
            raise QError("type")
        positions = i.a.tolist()
        atomic = False
    if not isinstance(x, (Vec, QList)):
        raise QError("type")
    if not positions:
        return x        # nothing amended: x as it was, its type kept (an empty string stays "")
    n = count(x)
    for p in positions:
        if not isinstance(p, int) or p < 0 or p >= n:
            raise QError("length")     # q has no index error: an amend out of range is 'length
    items = list(items_of(x))
    if atomic:
        ys = [y]
    else:
        ys = _spread(y, len(positions), has_y)
    for p, yy in zip(positions, ys):
        old = items[p]
        if f is None:
            new = yy
        elif has_y:
            new = apply(f, [old, yy])
        else:
            new = apply(f, [old])
        items[p] = new
    if type(x) is Vec and any(type(items[p]) is not Atom or items[p].t != -x.t for p in positions):
        # a simple list keeps its type under amend: each new item must be an atom of that type,
        # whether assigned or computed (@[1 2;::;3 4*] is 'type, it does not become a matrix)
        raise QError("type")
    return from_items(items)


def _assign_simple(x, i, y):
    """x[i]:y on a simple vector with y of x's own type, as one numpy assignment (no atom per
    item); None where the general amend must decide (other types, repeated positions)."""
    n = len(x.a)
    if type(i) is Atom:
        if i.t not in (-7, -6, -5, -4, -1) or type(y) is not Atom or y.t != -x.t:
            return None
        pos = int(i.v)
        if pos < 0 or pos >= n:
            raise QError("length")
        value = y.v
    else:
        if i is IDENTITY:
            pos = np.arange(n)
        elif type(i) is Vec and i.t in (1, 4, 5, 6, 7):
            pos = i.a.astype(np.int64)
        else:
            return None
        if len(pos) and (pos.min() < 0 or pos.max() >= n):
            raise QError("length")
        if type(y) is Atom and y.t == -x.t:
            value = y.v
        elif type(y) is Vec and y.t == x.t and len(y.a) == len(pos) \
                and len(np.unique(pos)) == len(pos):  # numpy leaves repeats' order unspecified
            value = y.a
        else:
            return None
    a = x.a.copy()
    a[pos] = value
    return Vec(x.t, a)


def _spread(y, n, has_y):
    if not has_y:
        return [None] * n
    if type(y) is Atom or isinstance(y, (Dict, Table, Fn, Null)):
        return [y] * n
    ys = items_of(y)
    if len(ys) != n:
        raise QError("length")
    return ys


def _positions(x, i):
    if i is IDENTITY:
        return [Atom(-7, j) for j in range(count(x))]
    return items_of(i)


def _amend_dict(d, i, f, y, has_y):
    find = UP.find
    keys = d.k
    if isinstance(keys, Table):
        if not isinstance(d.v, Table):
            raise QError("type")
        amend_keyed = UP.amend_keyed
        return amend_keyed(d, i, f, y, has_y)
    single = type(i) is Atom or not isinstance(i, (Vec, QList))
    if not single and type(keys) is QList and (
            type(find(keys, i)) is Atom
            or (type(i) is Vec and all(type(k) is Vec and k.t == i.t for k in keys.items))):
        single = True      # a key of a general key list, such as a string: d["ab"]:5
    ks = [i] if single else items_of(i)
    if i is IDENTITY:
        ks = items_of(keys)
    ys = [y] if single else _spread(y, len(ks), has_y)
    kitems = list(items_of(keys))
    vitems = list(items_of(d.v))
    n = len(kitems)
    if len(vitems) != n:
        raise QError("length")
    for k, yy in zip(ks, ys):
        p = find(keys, k) if kitems else Atom(-7, 0)
        p = p.v if type(p) is Atom else len(kitems)
        if p >= len(kitems):
            for j, kk in enumerate(kitems):
                match = UP.match
                if match(kk, k):
                    p = j
                    break
        if p >= len(kitems):
            kitems.append(k)
            old = null_item(d.v)
            new = yy if f is None else (apply(f, [old, yy]) if has_y else apply(f, [old]))
            vitems.append(new)
            keys = from_items(kitems)
        else:
            old = vitems[p]
            vitems[p] = yy if f is None else (apply(f, [old, yy]) if has_y else apply(f, [old]))
    newkeys = from_items(kitems) if len(kitems) != n else d.k
    vals = from_items(vitems)
    if type(d.v) is Vec and not (type(vals) is Vec and vals.t == d.v.t):
        # typed values keep their type, whether an item is assigned or computed (d[k]+:1.5)
        if type(vals) is Vec or all(type(v) is Atom for v in vitems):
            raise QError("type")
    return Dict(newkeys, vals)


# ----------------------------------------------------------------- names

def lookup(name):
    g = STATE.g
    v = g.get(name)
    if v is not None:
        return v
    if name.startswith(".q."):
        v = g.get(name[3:])
        if v is not None:
            return v
    if name.startswith("."):
        d = namespace_dict(name)
        if d is not None:
            return d
    if "." in name[1:]:
        head, _, field = name.rpartition(".")
        # a missing name inside a namespace (.Q.xyz) is undefined, not a field of .Q
        if head and field and not (head.startswith(".") and head.count(".") == 1
                                   and any(k.startswith(head + ".") for k in g)):
            base = lookup(head)
            dot_field = UP.dot_field
            return dot_field(base, field)
    read_view = UP.read_view
    v = read_view(name)
    if v is not None:
        return v
    raise QError(name)


def namespace_dict(name):
    """The dictionary a namespace denotes: `. the root (the session's own globals), `.ns a
    namespace (its first entry the generic null, nested namespaces as dictionaries), `.q the
    keywords. None when no name lies in it."""
    g = STATE.g
    if name == ".":
        keys = [k for k in g if not k.startswith(".") and k not in PROTECTED]
        return Dict(sym_vec(keys), from_items([g[k] for k in keys]) if keys else QList([]))
    if name == ".q":
        keys = [k for k in g if k in PROTECTED and k.isidentifier()]
        return Dict(sym_vec([""] + keys), QList([IDENTITY] + [g[k] for k in keys]))
    prefix = name + "."
    n = len(prefix)
    keys, vals, seen = [], [], set()
    for k in g:
        if k.startswith(prefix):
            rest = k[n:]
            head = rest.split(".", 1)[0]
            if head in seen or not head:
                continue
            seen.add(head)
            keys.append(head)
            vals.append(g[k] if head == rest else namespace_dict(prefix + head))
    if not keys:
        return None
    return Dict(sym_vec([""] + keys), QList([IDENTITY] + vals))


def deref_symbol(sym):
    """What a symbol names, for applying it: `sq 7 calls the global sq, `.ns `a indexes a
    namespace, `. is the root namespace."""
    if not sym or sym.startswith(":"):
        raise QError("type")
    return lookup(sym)


def assign_global(name, value):
    if name.startswith(".q."):
        name = name[3:]
    STATE.g[name] = value


# ----------------------------------------------------------------- compiler

def compile_node(node, scope):
    tag = node[0]
    return _COMPILERS[tag](node, scope)


def _c_k(node, scope):
    v = node[1]
    if v is None:
        v = IDENTITY
    return lambda L: v


_EMPTY_LOCAL = EMPTY_LOCAL = QList([])


class LambdaScope(frozenset):
    """The names local to a lambda (parameters and every name it assigns with :)."""


def _c_v(node, scope):
    name = node[1]
    if name == ".z.s":
        def self_ref(L):
            f = L.get(".z.s")
            if f is None:
                raise QError(".z.s")
            return f
        return self_ref
    if scope is not None and name in scope:
        head, dot, field = name.partition(".")
        if dot and head:
            def local_field(L):
                # d.year where d is a local or a column: a field of that value
                try:
                    return L[name]
                except KeyError:
                    if head in L:
                        dot_field = UP.dot_field
                        return dot_field(L[head], field)
                    return lookup(name)
            return local_field

        if type(scope) is LambdaScope:
            def local(L):
                try:
                    return L[name]
                except KeyError:
                    return _EMPTY_LOCAL      # a local whose assignment has not run is ()
            return local

        def local_or_global(L):
            try:
                return L[name]
            except KeyError:
                return lookup(name)
        return local_or_global
    st = STATE
    ns = st.ns
    if ns and not name.startswith("."):
        qualified = ns + "." + name

        def glob_in_ns(L):
            # a name in code compiled under \d .ns means .ns.name when that exists
            v = st.g.get(qualified)
            if v is None:
                v = st.g.get(name)
                if v is None:
                    return lookup(name)
            return v
        return glob_in_ns

    def glob(L):
        v = st.g.get(name)
        if v is None:
            return lookup(name)
        return v
    return glob


def _c_op(node, scope):
    p = PRIMS[node[1]]
    return lambda L: p


def _c_op1(node, scope):
    unary_prim = UP.unary_prim
    p = unary_prim(node[1])
    return lambda L: p


def _c_paren(node, scope):
    return compile_node(node[1], scope)


def _c_ap(node, scope):
    fnode, argnodes = node[1], node[2]
    fc = compile_node(fnode, scope)
    if any(a is None for a in argnodes):
        if len(argnodes) == 1:
            def ap0(L):
                f = fc(L)
                return apply(f, [IDENTITY])
            return ap0
        acs = [compile_node(a, scope) if a is not None else None for a in argnodes]

        def proj(L):
            args = [None if c is None else c(L) for c in reversed(acs)]
            args.reverse()
            return project(fc(L), args)
        return proj
    acs = [compile_node(a, scope) for a in argnodes]
    if len(acs) == 1:
        a0 = acs[0]

        def ap1(L):
            x = a0(L)
            f = fc(L)
            if type(f) is Atom and x is IDENTITY:
                raise QError("type")
            return apply1(f, x)
        return ap1
    if len(acs) == 2:
        a0, a1 = acs

        def ap2(L):
            y = a1(L)
            x = a0(L)
            return apply(fc(L), [x, y])
        return ap2
    racs = acs[::-1]

    def apn(L):
        args = [c(L) for c in racs]
        args.reverse()
        return apply(fc(L), args)
    return apn


def _c_ap1(node, scope):
    fnode, xnode = node[1], node[2]
    xc = compile_node(xnode, scope)
    if fnode[0] == "op":
        f1 = UNARY[fnode[1]]
        return lambda L: f1(xc(L))
    fc = compile_node(fnode, scope)

    def ap1(L):
        x = xc(L)
        f = fc(L)
        if type(f) is Prim and f.f1 is not None:
            return f.f1(x)
        return apply1(f, x)
    return ap1


_NULLJ = -(1 << 63)
_BIG = 1 << 63
_PY_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul}
_LONG_OPS = frozenset(_PY_OPS)


def _local_long_op(glyph, xname, yv, f2):
    """`x+1`, `x-1`, `x*2` on a local with a long constant: the long-atom arithmetic inline,
    falling back to the verb for anything else (other types, nulls, overflow)."""
    c = yv.v
    op = _PY_OPS[glyph]

    def long_op(L, Atom=Atom):
        try:
            x = L[xname]
        except KeyError:
            x = lookup(xname)
        if type(x) is Atom and x.t == -7 and x.v != _NULLJ:
            v = op(x.v, c)
            if -_BIG <= v < _BIG:
                return Atom(-7, v)
        return f2(x, yv)
    return long_op


_PY_COMPARISONS = {"<": operator.lt, ">": operator.gt, "=": operator.eq, "<>": operator.ne,
                   "<=": operator.le, ">=": operator.ge}


def _local_compare(glyph, xname, yv, f2):
    """`x<0` and the like on a local with an atom constant of a type whose values compare
    exactly in Python (the verbs' own atom shortcut, inline); None for other constants."""
    if yv.t not in _EXACT_ATOMS:
        return None
    c = yv.v
    ct = yv.t
    op = _PY_COMPARISONS[glyph]

    def compare(L, Atom=Atom):
        try:
            x = L[xname]
        except KeyError:
            x = lookup(xname)
        if type(x) is Atom and x.t == ct:
            return _TRUE if op(x.v, c) else _FALSE
        return f2(x, yv)
    return compare


def _local_op2(glyph, xname, yc, f2):
    """`x op expr` with x a local: the local read inline and, for + - *, long-atom arithmetic
    inline (the verb decides everything else: other types, nulls, overflow)."""
    if glyph not in _LONG_OPS:
        def op2_local(L):
            y = yc(L)
            try:
                x = L[xname]
            except KeyError:
                x = lookup(xname)
            return f2(x, y)
        return op2_local
    op = _PY_OPS[glyph]

    def long_op2_local(L, Atom=Atom):
        y = yc(L)
        try:
            x = L[xname]
        except KeyError:
            x = lookup(xname)
        if type(x) is Atom and type(y) is Atom and x.t == -7 and y.t == -7:
            a = x.v
            b = y.v
            if a != _NULLJ and b != _NULLJ:
                v = op(a, b)
                if -_BIG <= v < _BIG:
                    return Atom(-7, v)
        return f2(x, y)
    return long_op2_local


# atomic arithmetic and comparisons: `local op const` on a simple vector is the op item by item
_ATOMIC_SCALAR_OPS = frozenset(("+", "-", "*", "%", "=", "<>", "<", ">", "<=", ">="))


def _mark_simple_op(closure, glyph, name, const, const_left, f2):
    """Record on the closure of `local op const` (or `const op local`) its shape, so iterators
    can run a lambda whose whole body it is without calling it per item (see iterators)."""
    if glyph in _ATOMIC_SCALAR_OPS and type(const) is Atom and const.t in (-7, -9):
        closure.simple_op = (glyph, name, const, const_left, f2)
    return closure


def _c_ap2(node, scope):
    fnode, xnode, ynode = node[1], node[2], node[3]
    xc = compile_node(xnode, scope)
    yc = compile_node(ynode, scope)
    if fnode[0] == "op" and fnode[1] != ":":
        glyph = fnode[1]
        f2 = PRIMS[glyph].f2
        # specialised closures for the hot scalar shapes `x op const` and `local op const`
        if ynode[0] == "k":
            yv = ynode[1] if ynode[1] is not None else IDENTITY
            if xnode[0] == "v" and scope is not None and xnode[1] in scope:
                xname = xnode[1]
                if glyph in _LONG_OPS and type(yv) is Atom and yv.t == -7 and yv.v != _NULLJ:
                    return _mark_simple_op(_local_long_op(glyph, xname, yv, f2), glyph, xname, yv, False, f2)
                if glyph in _PY_COMPARISONS and type(yv) is Atom:
                    compare = _local_compare(glyph, xname, yv, f2)
                    if compare is not None:
                        return _mark_simple_op(compare, glyph, xname, yv, False, f2)

                def op2_local_const(L):
                    try:
                        x = L[xname]
                    except KeyError:
                        x = lookup(xname)
                    return f2(x, yv)
                return _mark_simple_op(op2_local_const, glyph, xname, yv, False, f2)

            def op2_const(L):
                return f2(xc(L), yv)
            return op2_const
        if xnode[0] == "k" and ynode[0] == "v" and scope is not None and ynode[1] in scope:
            xv = xnode[1] if xnode[1] is not None else IDENTITY
            yname = ynode[1]

            def op2_const_local(L):
                try:
                    y = L[yname]
                except KeyError:
                    y = lookup(yname)
                return f2(xv, y)
            return _mark_simple_op(op2_const_local, glyph, yname, xv, True, f2)

        if xnode[0] == "v" and scope is not None and xnode[1] in scope:
            return _local_op2(glyph, xnode[1], yc, f2)

        def op2(L):
            y = yc(L)
            return f2(xc(L), y)
        return op2
    fc = compile_node(fnode, scope)

    def ap2(L):
        y = yc(L)
        x = xc(L)
        return apply(fc(L), [x, y])
    return ap2


def _c_prj(node, scope):
    fc = compile_node(node[1], scope)
    xc = compile_node(node[2], scope)

    def prj(L):
        x = xc(L)
        return Proj(fc(L), [x, None])
    return prj


def _c_comp(node, scope):
    fc = compile_node(node[1], scope)
    gc = compile_node(node[2], scope)

    def comp(L):
        g = gc(L)
        return Comp([fc(L), g])
    return comp


def _c_adv(node, scope):
    glyph = node[1]
    fc = compile_node(node[2], scope)
    return lambda L: Derived(glyph, fc(L))


def _c_adv0(node, scope):
    a = Adverb(node[1])
    return lambda L: a


def _c_lam(node, scope):
    _, src, params, body, local_names = node
    lam = make_lambda(src, params, body, local_names)
    return lambda L: lam


def make_lambda(src, params, body, local_names):
    if not PROTECTED.isdisjoint(params) or not PROTECTED.isdisjoint(local_names):
        # q reads a keyword as the primitive it names, never as a name, so a keyword cannot be a
        # parameter or a local: the lambda does not define ('assign, as for a global cos:12)
        raise QError("assign")
    inner = LambdaScope(frozenset(params) | frozenset(local_names))
    body_c = compile_body(body, inner)
    lam = Lambda(src, list(params), list(local_names), body_c)
    glyph = _primitive_equivalent(params, local_names, body)
    if glyph is not None:
        try:
            body_c.prim_equiv = glyph      # {x+y}: iterators may fold with + itself
        except AttributeError:
            pass
    if _uses_self(body):
        # .z.s (the running function) is bound only in lambdas that mention it
        def body_with_self(L):
            L[".z.s"] = lam
            return body_c(L)
        lam.body = body_with_self
    if PYCOMPILE[0]:
        fn = compile_lambda_body(params, local_names, body, inner, compile_node, PRIMS, UNARY, lam)
        if fn is not None:
            for attr in ("prim_equiv", "simple_op"):     # the shapes iterators look for
                if hasattr(body_c, attr):
                    setattr(fn, attr, getattr(body_c, attr))
            fn.closure_body = lam.body                   # the general path, kept (and tested against)
            fn.unboxed = compile_unboxed(params, local_names, body, inner, compile_node)   # plain ints
            lam.body = fn
    return lam


PYCOMPILE = [True]      # compile lambda bodies to Python source (pycompile.py); False: closures only


_COMMUTATIVE = frozenset(("+", "*", "|", "&", "=", "<>"))
_ATOMIC_GLYPHS = frozenset(("+", "-", "*", "%", "|", "&", "=", "<>", "<", ">", "<=", ">="))


def _primitive_equivalent(params, local_names, body):
    """The glyph of the atomic primitive a binary lambda is, when its whole body is `x op y` on
    its two parameters in order (or `y op x` for a commutative op), else None."""
    if len(params) != 2 or local_names or len(body) != 1:
        return None
    node = body[0]
    if not (isinstance(node, tuple) and node[0] == "ap2" and node[1][0] == "op"
            and node[1][1] in _ATOMIC_GLYPHS):
        return None
    a, b = node[2], node[3]
    if a == ("v", params[0]) and b == ("v", params[1]):
        return node[1][1]
    if a == ("v", params[1]) and b == ("v", params[0]) and node[1][1] in _COMMUTATIVE:
        return node[1][1]
    return None


def compile_body(stmts, scope):
    cs = [compile_node(s, scope) for s in stmts]
    if len(cs) == 1:
        return cs[0]
    st = STATE

    def body(L):
        r = IDENTITY
        for c in cs:
            r = c(L)
        if st.max_steps is not None:
            _step()
        return r
    return body


def _step():
    st = STATE
    st.steps += 1
    if st.steps > st.max_steps:
        raise QError("limit")


def _c_list(node, scope):
    cs = [compile_node(n, scope) for n in node[1]][::-1]

    def lst(L):
        items = [c(L) for c in cs]
        items.reverse()
        return from_items(items)
    return lst


def _c_seq(node, scope):
    cs = [compile_node(n, scope) for n in node[1]]

    def seq(L):
        r = IDENTITY
        for c in cs:
            r = c(L)
        return r
    return seq


def _c_nop(node, scope):
    return lambda L: IDENTITY


def _c_asg(node, scope):
    _, name, rhs, op, glob = node
    rc = compile_node(rhs, scope)
    is_local = scope is not None and name in scope and not glob
    opf = None
    if op is not None:
        opf = compile_node(op, scope)
    if is_local:
        if opf is None:
            def asg_local(L):
                v = rc(L)
                L[name] = v
                return v
            return asg_local

        if op[0] == "op" and op[1] != "," and PRIMS[op[1]].f2 is not None:
            f2 = PRIMS[op[1]].f2

            def asg_local_prim(L):
                # `i+:1` in loops: the primitive's dyadic form, called directly
                v = rc(L)
                try:
                    cur = L[name]
                except KeyError:
                    cur = lookup(name)
                v = f2(cur, v)
                L[name] = v
                return v
            return asg_local_prim

        def asg_local_op(L):
            v = rc(L)
            try:
                cur = L[name]
            except KeyError:
                cur = lookup(name)
            f = opf(L)
            v = _apply_in_place(f, cur, v)
            L[name] = v
            return v
        return asg_local_op
    if STATE.ns and not name.startswith("."):
        name = STATE.ns + "." + name      # definitions under \d .ns land in it
    elif name in PROTECTED:
        def bad(L):
            raise QError("assign")
        return bad

    def asg_global(L):
        v = rc(L)
        if opf is not None:
            f = opf(L)
            try:
                cur = lookup(name)
            except QError:
                # joining onto an undefined name starts from the empty list
                if not (type(f) is Prim and f.name == ","):
                    raise
                cur = QList([])
            v = _apply_in_place(f, cur, v)
        assign_global(name, v)
        return v
    return asg_global


def _apply_in_place(f, cur, y):
    """`x f: y`. `x,:y` appends in place in q: an atom cannot grow, a simple vector cannot change
    type, and tables, keyed tables and enumerations take y as rows or values of their own kind."""
    if type(f) is Prim and f.f2 is not None and f.name != ",":
        return f.f2(cur, y)
    if type(f) is Prim and f.name == ",":
        if type(cur) is Atom:
            # an atom has no place to append to: x:5; x,:9 is 'type (only lists grow in place)
            raise QError("type")
        if isinstance(cur, (Table, Dict, Enum)):
            join_in_place = UP.join_in_place
            return join_in_place(cur, y)
        if type(cur) is QList and cur.items and type(y) is Vec and all(
                type(i) is Vec and i.t == y.t for i in cur.items):
            # a list of vectors grows by one row: s,:4 5 6 on (1 2 3;...)
            return QList(cur.items + [y])
        new = apply(f, [cur, y])
        if type(cur) is Vec and len(cur.a) and (type(new) is not Vec or new.t != cur.t):
            raise QError("type")
        return new
    return apply(f, [cur, y])


def _c_asgi(node, scope):
    _, name, idxnodes, rhs, op, glob = node
    rc = compile_node(rhs, scope)
    ics = [compile_node(i, scope) if i is not None else None for i in idxnodes][::-1]
    opf = compile_node(op, scope) if op is not None else None
    is_local = scope is not None and name in scope and not glob
    if not is_local and STATE.ns and not name.startswith("."):
        qualified = STATE.ns + "." + name
        if qualified in STATE.g or name not in STATE.g:
            name = qualified

    def asgi(L):
        v = rc(L)
        idxs = [IDENTITY if c is None else c(L) for c in ics]
        idxs.reverse()
        if is_local:
            try:
                cur = L[name]
            except KeyError:
                cur = lookup(name)
        else:
            try:
                cur = lookup(name)
            except QError:
                cur = Dict(QList([]), QList([]))
        f = opf(L) if opf is not None else None
        new = amend(cur, idxs, f, v, True)
        if is_local:
            L[name] = new
        else:
            assign_global(name, new)
        return v if f is None else index_depth(new, idxs)
    return asgi


def _c_cond(node, scope):
    cs = [compile_node(n, scope) for n in node[1]]
    if len(cs) < 3:
        if len(cs) == 2:
            c0, c1 = cs
            return lambda L: c1(L) if is_true(c0(L)) else IDENTITY
        raise QError("cond")
    if len(cs) == 3:
        c0, c1, c2 = cs

        def cond3(L, Atom=Atom):
            # a boolean test (the usual one) decides without the general truth rule
            t = c0(L)
            if type(t) is Atom and t.t == -1:
                return c1(L) if t.v else c2(L)
            return c1(L) if is_true(t) else c2(L)
        return cond3

    def cond(L):
        k = 0
        n = len(cs)
        while k + 1 < n:
            if is_true(cs[k](L)):
                return cs[k + 1](L)
            k += 2
        if k < n:
            return cs[k](L)
        return IDENTITY
    return cond


def _c_if(node, scope):
    cc = compile_node(node[1], scope)
    bs = [compile_node(n, scope) for n in node[2]]

    def if_(L):
        if is_true(cc(L)):
            for b in bs:
                b(L)
        return IDENTITY
    return if_


def _c_do(node, scope):
    nc = compile_node(node[1], scope)
    bs = [compile_node(n, scope) for n in node[2]]

    def do(L):
        n = nc(L)
        if type(n) is not Atom or n.t not in (-7, -6, -5, -4, -1):
            raise QError("type")
        for _ in range(n.v):
            for b in bs:
                b(L)
            if STATE.max_steps is not None:
                _step()
        return IDENTITY
    return do


def _c_while(node, scope):
    cc = compile_node(node[1], scope)
    bs = [compile_node(n, scope) for n in node[2]]

    def while_(L):
        st = STATE
        while True:
            c = cc(L)
            if not (c.v if type(c) is Atom and c.t == -1 else is_true(c)):
                return IDENTITY
            for b in bs:
                b(L)
            if st.max_steps is not None:
                _step()
    return while_


def _c_ret(node, scope):
    c = compile_node(node[1], scope)

    def ret(L):
        raise Return(c(L))
    return ret


def _c_sig(node, scope):
    c = compile_node(node[1], scope)

    def sig(L):
        v = c(L)
        if type(v) is Atom and v.t == -11:
            raise QError(v.v)
        if type(v) is Vec and v.t == 10:
            raise QError(string_of(v))
        raise QError("stype")       # only a symbol or a string can be signalled (ref/signal.md)
    return sig


def _c_tab(node, scope):
    keys = [(n, compile_node(c, scope)) for n, c in node[1]]
    cols = [(n, compile_node(c, scope)) for n, c in node[2]]

    elided = [j for j, (n, c) in enumerate(node[1]) if c == ("nop",)] if not cols else []
    if elided:
        # 4.1 dictionary literal with missing values: a projection that fills them in order
        def dict_proj(L):
            make_table = UP.make_table
            fixed = [(n, None if j in elided else c(L)) for j, (n, c) in enumerate(keys)]

            def fill(*vals):
                kv = list(fixed)
                for j, v in zip(elided, vals):
                    kv[j] = (kv[j][0], v)
                return make_table(kv, [])
            return Proj(Keyword("enlist", fill, len(elided)), [None] * len(elided))
        return dict_proj

    def tab(L):
        make_table = UP.make_table
        kv = [(n, c(L)) for n, c in keys]
        cv = [(n, c(L)) for n, c in cols]
        return make_table(kv, cv)
    return tab


def _c_view(node, scope):
    compile_view = UP.compile_view
    return compile_view(node, scope)


def _c_qsql(node, scope):
    compile_qsql = UP.compile_qsql
    return compile_qsql(node, scope, compile_node)


_COMPILERS = {
    "k": _c_k, "v": _c_v, "op": _c_op, "op1": _c_op1, "paren": _c_paren, "ap": _c_ap,
    "ap1": _c_ap1, "ap2": _c_ap2, "prj": _c_prj, "comp": _c_comp, "adv": _c_adv,
    "adv0": _c_adv0, "lam": _c_lam, "list": _c_list, "seq": _c_seq, "nop": _c_nop,
    "asg": _c_asg, "asgi": _c_asgi, "cond": _c_cond, "if": _c_if, "do": _c_do,
    "while": _c_while, "ret": _c_ret, "sig": _c_sig, "tab": _c_tab, "qsql": _c_qsql,
    "view": _c_view,
}

# keyword names; assigning one is 'assign. The session adds every keyword it defines; these are the
# q keywords this engine does not define, reserved all the same (a local named hsym is 'assign in q)
PROTECTED = {"gtime", "ltime", "reval", "tables"}


def _c_pasg(node, scope):
    """(pattern):value — match, then bind every name only when the whole match succeeded."""
    _, pat, rhs = node
    rc = compile_node(rhs, scope)
    cp = compile_pattern(pat, compile_node, scope)
    ns = STATE.ns

    def pasg(L):
        v = rc(L)
        binds = []
        r = match_pattern(cp, v, L, binds)
        for name, val, idxs in binds:
            local = scope is not None and name in scope
            if idxs is not None:
                cur = L.get(name) if local else None
                if cur is None:
                    cur = lookup(name)
                val = amend(cur, idxs, None, val, True)
            if local:
                L[name] = val
            else:
                assign_global(ns + "." + name if ns and not name.startswith(".") else name, val)
        return r
    return pasg


_COMPILERS["pasg"] = _c_pasg


def _c_pcond(node, scope):
    """:[v;p1;r1;...;rd]: the result for the first pattern v matches, else rd."""
    _, vnode, clauses, default = node
    vc = compile_node(vnode, scope)
    cls = [(compile_pattern(p, compile_node, scope), compile_node(r, scope)) for p, r in clauses]
    dc = compile_node(default, scope)
    ns = STATE.ns

    def pcond(L):
        v = vc(L)
        for cp, rc in cls:
            binds = []
            try:
                match_pattern(cp, v, L, binds)
            except QError as e:
                if e.name in ("type", "match", "length"):
                    continue
                raise
            for name, val, idxs in binds:
                if idxs is not None:
                    val = amend(L[name] if scope is not None and name in scope and name in L
                                else lookup(name), idxs, None, val, True)
                if scope is not None and name in scope:
                    L[name] = val
                else:
                    assign_global(ns + "." + name if ns and not name.startswith(".") else name, val)
            return rc(L)
        return dc(L)
    return pcond


_COMPILERS["pcond"] = _c_pcond


_PY_RUNTIME.update(
    Atom=Atom, Prim=Prim, QError=QError, IDENTITY=IDENTITY, EMPTY_LOCAL=EMPTY_LOCAL, TRUE=_TRUE,
    FALSE=_FALSE, NULLJ=_NULLJ, BIG=_BIG, apply=apply, apply1=apply1, is_true=is_true,
    from_items=from_items, apply_in_place=_apply_in_place, STATE=STATE, step=_step)

bind_evaluator(apply, amend)
