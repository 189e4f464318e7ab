"""Keywords implemented in Python (what kdb+ implements in C or k); `keywords.q` defines the rest in q.

This module holds the list keywords (til first last reverse where enlist raze distinct group flip
in within bin sublist rotate ...), key/value/type/string and the n-ary primitive forms; it imports
the other keyword modules so that each registers its names in `registry.REGISTRY`:
mathfns (arithmetic and math), aggregates (aggregates, statistics, uniform keywords), sorting,
moving (moving windows, ema), linalg (mmu inv lsq), listops (take/drop/cut), and the table and
string keywords of their owners' modules. The session binds every entry as a global.
"""
import bisect
import functools
import re
import numpy as np

from ..base.errors import QError
from ..base.values import (Atom, Vec, QList, Dict, Table, Fn, Null, Lambda, Enum, IDENTITY, DTYPES, TYPES,
                     NUMERIC_TYPES,
                     NULL_INT, count, items_of, from_items, item_at, atom_to_vec, enlist,
                     check_alloc, null_of, scalar, sym_vec, char_vec, string_of, empty, row)
from ..prims import verbs as V
from ..prims import listops as LO
from ..prims.listops import slice_items, cut, cross
from ..prims import linalg  # noqa: F401  (register mmu inv lsq, the moving-window keywords)
from . import moving
from ..base.registry import REGISTRY, K_UNARY_FORMS, kw
from .mathfns import floor, reciprocal  # noqa: F401  (registers the math keywords)
from . import joins  # noqa: F401  (register table keywords, joins, views)
from . import table_keywords
from . import views
from . import strings  # noqa: F401  (registers trim ltrim rtrim md5)
from .strings import string, lower, _str_map  # noqa: F401  (string lower upper live there)
from ..prims.casting import dot_field  # noqa: F401
from . import jsonq  # noqa: F401  (registers .j.j .j.k)
from ..evaluation import evaluator as ev
from ..base.grouping import group_vectors
from .qsql import group_items
# aggregates and ordering live in their own modules; these names are re-exported for the
# primitive table (#: count, <: iasc, >: idesc), the iterators' numpy folds and qSQL
from .aggregates import count_, fold, running  # noqa: F401
from ..prims.sorting import iasc, idesc, iasc_arr, _cmp  # noqa: F401
from ..base.upcalls import UP
from .parsetree import eval_tree, value_list
from .parsetree import parse_tree
from ..output.display import console_text, DEFAULT_CONSOLE_SIZE
from ..prims.scalar_vector import vs as _vs
from ..prims.scalar_vector import sv as _sv
from ..prims.rng import rand as _rand
from ..prims.tables import distinct_rows
from ..prims.tables import make_table
from ..base.values import Proj, Comp, Derived, Prim, Keyword
from ..prims.casting import enum_values
from ..prims.tables import table_in
from .functional import query
from .functional import eval_in
from ..prims.tables import split_keyed

# ----------------------------------------------------------------- list functions

@kw("til")
def til(x):
    if type(x) is not Atom or x.t not in (-7, -6, -5, -4, -1):
        raise QError("type")
    n = int(x.v)
    if n < 0:
        raise QError("domain")
    check_alloc(n, 8)
    return Vec(7, np.arange(n, dtype=np.int64))


@kw("first")
def first(x):
    tx = type(x)
    if tx is Vec:
        if len(x.a):
            return Atom(-x.t, x.a[0] if x.t in (11, 2) else scalar(x.t, x.a[0]))
        return Atom(-x.t, null_of(x.t))
    if tx is QList:
        return x.items[0] if x.items else IDENTITY
    if tx is Dict:
        if isinstance(x.v, Table):
            return row(x.v, 0) if len(x.v) else IDENTITY
        return first(x.v)
    if tx is Table:  # indexing gives a row of nulls for an empty table
        return ev.index(x, Atom(-7, 0))
    if tx is Enum:
        return ev.index(x, Atom(-7, 0))
    return x


@kw("last")
def last(x):
    tx = type(x)
    if tx is Vec:
        if len(x.a):
            return Atom(-x.t, x.a[-1] if x.t in (11, 2) else scalar(x.t, x.a[-1]))
        return Atom(-x.t, null_of(x.t))
    if tx is QList:
        return x.items[-1] if x.items else IDENTITY
    if tx is Dict:
        if isinstance(x.v, Table):
            return ev.index(x.v, Atom(-7, len(x.v) - 1))
        return last(x.v)
    if tx is Table:
        return ev.index(x, Atom(-7, len(x) - 1))
    if tx is Enum:
        return ev.index(x, Atom(-7, count(x) - 1))
    return x


@kw("reverse")
def reverse(x):
    tx = type(x)
    if tx is Vec:
        return Vec(x.t, x.a[::-1].copy())
    if tx is QList:
        return QList(x.items[::-1])
    if tx is Dict:
        return Dict(reverse(x.k), reverse(x.v))
    if tx is Table:
        return Table(x.cols, [reverse(c) for c in x.vals])
    return x


@kw("where")
def where(x):
    if type(x) is Vec:
        if x.t == 1:
            return Vec(7, np.flatnonzero(x.a).astype(np.int64))
        if x.t in (4, 5, 6, 7):
            if len(x.a) and x.a.min() < 0:
                raise QError("domain")
            check_alloc(int(x.a.sum()) if len(x.a) else 0, 8)
            return Vec(7, np.repeat(np.arange(len(x.a), dtype=np.int64), x.a.astype(np.int64)))
        raise QError("type")
    if isinstance(x, Dict):
        return ev.index(x.k, where(x.v))
    if type(x) is Atom and x.t in (-1, -7, -6, -5):
        if x.v < 0:
            raise QError("domain")
        check_alloc(int(x.v), 8)
        return Vec(7, np.zeros(int(x.v), dtype=np.int64))
    if isinstance(x, QList) and not x.items:
        return Vec(7, np.zeros(0, dtype=np.int64))
    raise QError("type")


@kw("enlist", -1)
def enlist_(*args):
    """enlist is variadic: enlist[a;b;c] is the list (a;b;c)."""
    if len(args) == 1:
        return enlist(args[0])
    return from_items(list(args))


@kw("raze")
def raze(x):
    if isinstance(x, Dict):
        return raze(x.v)
    if type(x) is Atom:
        return atom_to_vec(x)
    if isinstance(x, Table) and len(x):
        # raze is ,/ and a table is a list of its rows, so the rows join into one dictionary
        acc, *rest = items_of(x)
        for r in rest:
            acc = V.join(acc, r)
        return acc
    if not isinstance(x, QList):
        return x
    items = x.items
    if not items:
        return x
    vecs = [i for i in items if type(i) is Vec]
    if len(vecs) == len(items) and len({v.t for v in vecs}) == 1:
        return Vec(vecs[0].t, np.concatenate([v.a for v in vecs]))
    acc = items[0]
    for i in items[1:]:
        acc = V.join(acc, i)
    return atom_to_vec(acc) if type(acc) is Atom else acc


@kw("distinct")
def distinct(x):
    if type(x) is Vec:
        if x.t in (11, 2, 8, 9, 15):
            seen = set()
            keep = []
            for i, v in enumerate(x.a.tolist()):
                k = "nan" if v != v else v
                if k not in seen:
                    seen.add(k)
                    keep.append(i)
            return Vec(x.t, x.a[np.array(keep, dtype=np.int64)])
        _, idx = np.unique(x.a, return_index=True)
        return Vec(x.t, x.a[np.sort(idx)])
    if isinstance(x, QList):
        seen = set()
        out = []
        for v in x.items:
            k = V._key(v)
            if k not in seen:
                seen.add(k)
                out.append(v)
        return from_items(out)
    if isinstance(x, Table):
        return distinct_rows(x)
    if isinstance(x, Dict):
        return distinct(x.v)
    if type(x) is Enum and not x.atom:
        # items of one domain are equal exactly where their indices are
        _, first = np.unique(x.idx, return_index=True)
        return Enum(x.dom, np.asarray(x.idx)[np.sort(first)])
    if type(x) is Atom:
        raise QError("type")
    return x


@kw("group")
def group(x):
    if isinstance(x, Dict):
        g = group(x.v)
        return Dict(g.k, from_items([ev.index(x.k, i) for i in items_of(g.v)]))
    if type(x) is Enum and not x.atom and len(x.idx):
        firsts, members = group_vectors([x])
        seen = np.argsort(firsts)  # keys in the order they first appear
        return Dict(Enum(x.dom, np.asarray(x.idx)[firsts[seen]]), QList([Vec(7, members[j]) for j in seen.tolist()]))
    if type(x) is Vec and not len(x.a):
        return Dict(Vec(x.t, x.a[:0]), QList([]))     # the key keeps the type: key group `$() is `$()
    if type(x) is Vec and len(x.a):
        grouped = group_vectors([x])
        if grouped is not None:
            firsts, members = grouped
            seen = np.argsort(firsts)  # keys in the order they first appear
            return Dict(Vec(x.t, x.a[firsts[seen]]), QList([Vec(7, members[j]) for j in seen.tolist()]))
    items = items_of(x) if not (type(x) is Vec and x.t not in (11, 2, 8, 9)) else None
    pos = {}
    keys = []
    if items is None:
        for i, v in enumerate(x.a.tolist()):
            lst = pos.get(v)
            if lst is None:
                pos[v] = lst = []
                keys.append(i)
            lst.append(i)
        kv = Vec(x.t, x.a[np.array(keys, dtype=np.int64)]) if keys else Vec(x.t, x.a[:0])
        return Dict(kv, QList([Vec(7, np.array(pos[v], dtype=np.int64)) for v in kv.a.tolist()]))
    firsts, members = group_items(items)
    return Dict(from_items([items[i] for i in firsts.tolist()]), QList([Vec(7, m) for m in members]))


@kw("flip")
def flip(x):
    if isinstance(x, Dict):
        if not (type(x.k) is Vec and x.k.t == 11):
            raise QError("type")
        return make_table([], list(zip(list(x.k.a), items_of(x.v))))
    if isinstance(x, Table):
        return Dict(sym_vec(x.cols), QList(list(x.vals)))
    if isinstance(x, QList):
        lens = {count(i) for i in x.items if type(i) is not Atom}
        if len(lens) > 1:
            raise QError("length")
        if not lens:
            return x
        n = lens.pop()
        return QList([from_items([i if type(i) is Atom else item_at(i, j) for i in x.items]) for j in range(n)])
    if type(x) is Vec:
        return x
    raise QError("rank")


@kw("key")
def key(x):
    if isinstance(x, Dict):
        return x.k
    if isinstance(x, Table):
        return empty(11)
    if type(x) is Atom and x.t in (-7, -6, -5):
        return til(x)
    if type(x) is Atom and x.t == -11:
        if not x.v:
            # key ` : the namespaces in the root (q's own first)
            names = ["q"]
            for k in ev.STATE.g:
                if k.startswith(".") and "." in k[1:]:
                    ns = k[1:].split(".", 1)[0]
                    # .z's system variables and callbacks make no namespace q lists
                    # (basics/namespaces.md: key ` is `q`Q`h`j`o in a new session)
                    if ns not in names and ns != "z":
                        names.append(ns)
            return sym_vec(names)
        v = ev.lookup(x.v)
        if isinstance(v, Dict):
            return v.k
        raise QError("access" if x.v.startswith(":") else "type")
    if isinstance(x, Enum):
        return Atom(-11, x.dom)
    if type(x) is Vec:
        return Atom(-11, TYPES[x.t][0])
    raise QError("type")


def key_or_til(x):
    return key(x)


@kw("value")
def value(x):
    if isinstance(x, Dict):
        return x.v
    if type(x) is Atom and x.t == -11:
        return ev.lookup(x.v)
    if (type(x) is Vec and x.t == 10) or (type(x) is Atom and x.t == -10):
        return ev.STATE.session.eval_string(string_of(x))
    if isinstance(x, QList) and x.items:
        return value_list(x)
    if type(x) is Lambda:
        return QList([Vec(4, np.zeros(0, np.uint8)), sym_vec(x.params), sym_vec(x.locals),
                      QList([]), char_vec(x.src)])
    if isinstance(x, Fn) or type(x) is Null:
        code = _operator_code(x)
        if code is not None:
            return Atom(-7, code)
        if type(x) is Proj:
            args = list(x.args)
            while args and args[-1] is None:
                args.pop()      # +[2] is (+;2): arguments never supplied at the end are not shown
            return QList([x.f] + [IDENTITY if a is None else a for a in args])
        if type(x) is Comp:
            return QList(list(x.fs))
        if type(x) is Derived:
            return x.f
    if isinstance(x, Enum):
        return enum_values(x)
    return x


# value of an operator is its internal code, its place in k's list of primitives (ref/value.md:
# value each (::;+;-;*;%) is 0 1 2 3 4, and value of get or value, the unary `.`, is 19)
OPERATOR_CODES = {glyph: code for code, glyph in enumerate(":+-*%&|^=<>$,#_~!?@.")}


def _operator_code(f):
    if type(f) is Null:
        return OPERATOR_CODES[":"]      # :: is the identity, k's unary `:`
    if type(f) is Prim:
        glyph = f.name[:-1] if f.t == 101 and len(f.name) == 2 and f.name.endswith(":") else f.name
        return OPERATOR_CODES.get(glyph)
    if type(f) is Keyword and f.name in K_UNARY_FORMS:
        return OPERATOR_CODES[K_UNARY_FORMS[f.name]]
    return None


@kw("eval")
def eval_(x):
    return eval_tree(x)


@kw("parse")
def parse_(x):
    return parse_tree(string_of(x))


@kw("type")
def type_(x):
    tx = type(x)
    if tx is Atom:
        return Atom(-5, x.t)
    if tx is Vec:
        return Atom(-5, x.t)
    if tx is Enum:
        return Atom(-5, -20 if x.atom else 20)
    return Atom(-5, x.t)


@kw("attr")
def attr(x):
    return Atom(-11, x.attr if type(x) in (Vec, QList) else "")




@kw("show")
def show(x):
    session = ev.STATE.session
    size = session.console_size if session is not None else DEFAULT_CONSOLE_SIZE
    write_output = UP.write_output
    write_output(console_text(x, size) + "\n")
    return IDENTITY


def _depth(v):
    """How deeply a value nests lists: 0 for an atom, 1 for a simple list, more for general lists."""
    if type(v) is QList:
        return 1 + (_depth(v.items[0]) if v.items else 0)
    return 1 if type(v) is Vec else 0


def _members(xs, ys):
    """Which of xs are among ys (exact values). Short lists, as in `all(string x)in string y`
    called per item, go through a Python set: numpy's isin costs tens of microseconds a call."""
    if xs.size + ys.size <= 256:
        found = set(ys.tolist())
        return np.fromiter((v in found for v in xs.tolist()), bool, xs.size)
    return np.isin(xs, ys)


@kw("in", 2)
def in_(x, y):
    if isinstance(y, Dict) and not isinstance(y.k, Table):
        y = y.v  # membership in a dictionary is membership in its values
    if isinstance(x, Dict):
        return Dict(x.k, in_(x.v, y))
    if isinstance(x, Table):
        return table_in(x, y)
    if type(x) is Enum or type(y) is Enum:     # an enumeration holds the symbols it stands for
        return in_(enum_values(x) if type(x) is Enum else x, enum_values(y) if type(y) is Enum else y)
    if isinstance(y, (Dict, Fn, Null)) or (isinstance(y, Table) and not isinstance(x, Table)):
        raise QError("type")
    if isinstance(y, QList):
        # q compares x with y's items when it nests as deeply as y's first item does,
        # goes through x's items when x nests deeper, and answers 0b when x nests less
        dx, dy = _depth(x), _depth(y.items[0]) if y.items else 0
        if dx == dy:
            return Atom(-1, any(V.match(x, i, False) for i in y.items))   # in is exact
        if dx < dy:
            return Atom(-1, False)
        return from_items([in_(i, y) for i in items_of(x)])
    if isinstance(x, (Atom, Vec)) and (type(y) is Atom or (type(y) is Vec and len(y.a) == 1)):
        return _in_one(x, y)
    if type(x) is Atom:
        r = V.find(y, x)
        return Atom(-1, r.v < count(y))
    if type(x) is Vec and type(y) is Vec:
        if y.t == x.t and x.t not in (2, 8, 9, 11, 15):  # exact values: set membership
            return Vec(1, _members(x.a, y.a))
        r = V.find(y, x)
        if type(r) is Vec:
            return Vec(1, r.a < count(y))
    return from_items([in_(i, y) for i in items_of(x)])


def _in_one(x, y):
    """x in an atom or a 1-item vector y. Here q compares values, so numeric types may mix
    (1 2. in 2 is 01b); a longer y is searched by Find, which wants x's own type."""
    if abs(x.t) == abs(y.t):
        y = atom_to_vec(y) if type(y) is Atom else y
        r = V.find(y, x)
        return Atom(-1, r.v < 1) if type(r) is Atom else Vec(1, r.a < 1)
    if abs(x.t) in NUMERIC_TYPES and abs(y.t) in NUMERIC_TYPES:
        return V.eq(x, y if type(y) is Atom else item_at(y, 0))
    raise QError("type")


@kw("within", 2)
def within(x, y):
    lo, hi = items_of(y) if count(y) == 2 else (None, None)
    if lo is None:
        raise QError("length")
    return V.pervade1(lambda b: b, V.vmin(V.ge(x, lo), V.le(x, hi)))


@kw("bin", 2)
def bin_(x, y):
    return _bin(x, y, "right")


@kw("binr", 2)
def binr(x, y):
    return _bin(x, y, "left")


def _bin(x, y, side):
    if isinstance(x, Dict):
        return ev.index(x.k, _bin(x.v, y, side))
    if isinstance(x, Table):
        return _table_bin(x, y)
    if isinstance(x, QList):
        return _general_bin(x, y, side)
    if type(x) is not Vec:
        raise QError("type")
    a = x.a
    if isinstance(y, (Atom, Vec)) and abs(y.t) != x.t:
        raise QError("type")    # y must have x's type: bin does not promote
    if type(y) is Atom:
        i = int(np.searchsorted(a, y.v, side=side))
        return Atom(-7, i - 1 if side == "right" else i)
    if type(y) is Vec:
        i = np.searchsorted(a, y.a, side=side).astype(np.int64)
        return Vec(7, i - 1 if side == "right" else i)
    return from_items([_bin(x, v, side) for v in items_of(y)])


def _general_bin(x, y, side):
    """bin over a sorted general list (strings, say) in q's order of items."""
    if x.items and _depth(y) != _depth(x.items[0]):
        if type(y) is Atom:
            raise QError("type")
        return from_items([_general_bin(x, v, side) for v in items_of(y)])
    keys = [functools.cmp_to_key(_cmp)(i) for i in x.items]
    probe = functools.cmp_to_key(_cmp)(y)
    if side == "right":
        return Atom(-7, bisect.bisect_right(keys, probe) - 1)
    return Atom(-7, bisect.bisect_left(keys, probe))


def _table_bin(t, y):
    """Rows of t sorted within groups: match every column but the last exactly, bin on the last."""
    if isinstance(y, Table):
        return from_items([_table_bin(t, r) for r in items_of(y)])
    if not isinstance(y, Dict):
        raise QError("type")
    probe = items_of(y.v)
    if len(probe) != len(t.cols):
        raise QError("length")
    cols = [items_of(c) for c in t.vals]
    found = NULL_INT[7]
    for i in range(len(t)):
        if all(V.match(cols[j][i], probe[j]) for j in range(len(cols) - 1)) \
                and _cmp(cols[-1][i], probe[-1]) <= 0:
            found = i
    return Atom(-7, found)


@kw("sublist", 2)
def sublist(x, y):
    n = count(y)
    if type(x) is Atom and x.t in (-7, -6, -5):
        k = x.v
        return slice_items(y, 0, min(k, n)) if k >= 0 else slice_items(y, max(0, n + k), n)
    if type(x) is not Vec or x.t not in (5, 6, 7):
        raise QError("type")
    if len(x.a) != 2:
        raise QError("length")
    s, k = x.a.tolist()
    return slice_items(y, min(s, n), min(s + k, n))


@kw("rotate", 2)
def rotate(x, y):
    if type(x) is not Atom or x.t not in (-7, -6, -5):
        raise QError("type")
    n = count(y)
    if type(y) is Atom or n == 0:
        return y
    k = x.v % n
    return ev.index(y, Vec(7, (np.arange(n, dtype=np.int64) + k) % n))


REGISTRY["cut"] = (cut, 2)
REGISTRY["cross"] = (cross, 2)


@kw("like", 2)
def like(x, y):
    pat = string_of(y) if not (type(y) is Atom and y.t == -11) else y.v
    rx = re.compile(_like_regex(pat), re.S)

    def one(s):
        return Atom(-1, rx.fullmatch(s) is not None)
    tx = type(x)
    if tx is Atom and x.t == -11:
        return one(x.v)
    if tx is Vec and x.t == 10:
        return one(string_of(x))
    if tx is Atom and x.t == -10:
        return one(chr(x.v))
    if tx is Vec and x.t == 11:
        return Vec(1, np.array([rx.fullmatch(s) is not None for s in x.a], dtype=bool))
    if tx is QList:
        # list iteration, not atomic: one level down only to symbols and strings
        # (basics/implicit-iteration.md: (`quick;`quack`quark) like "qu?ck" is a type error)
        if not all((type(i) is Atom and i.t in (-11, -10)) or (type(i) is Vec and i.t == 10)
                   for i in x.items):
            raise QError("type")
        return from_items([like(i, y) for i in x.items])
    if tx is Dict:
        return Dict(x.k, like(x.v, y))
    raise QError("type")


def _like_regex(p):
    out = []
    i = 0
    while i < len(p):
        c = p[i]
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = p.find("]", i + 1)
            if j < 0:
                out.append(re.escape(c))
            else:
                body = p[i + 1:j]
                if body.startswith("^"):
                    body = "^" + re.escape(body[1:])
                else:
                    body = re.escape(body)
                out.append("[" + body.replace("\\-", "-") + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


@kw("ss", 2)
def ss(x, y):
    s = string_of(x)
    p = string_of(y)
    rx = re.compile(_like_regex(p))
    out = []
    i = 0
    while i <= len(s):
        m = rx.search(s, i)
        if not m:
            break
        out.append(m.start())
        i = m.start() + 1
    return Vec(7, np.array(out, dtype=np.int64))


@kw("ssr", 3)
def ssr(x, y, z):
    s = string_of(x)
    p = string_of(y)
    rx = re.compile(_like_regex(p))
    if isinstance(z, Fn):
        return char_vec(rx.sub(lambda m: string_of(ev.apply1(z, char_vec(m.group()))), s))
    return char_vec(rx.sub(lambda m: string_of(z), s))


@kw("vs", 2)
def vs(x, y):
    return _vs(x, y)


@kw("sv", 2)
def sv(x, y):
    return _sv(x, y)


@kw("cols")
def cols(x):
    if isinstance(x, Atom) and x.t == -11:
        x = ev.lookup(x.v)
    if isinstance(x, Table):
        return sym_vec(x.cols)
    if isinstance(x, Dict) and isinstance(x.k, Table):
        return sym_vec(x.k.cols + x.v.cols)
    raise QError("type")


@kw("rand")
def rand(x):
    return _rand(x)


# ----------------------------------------------------------------- n-ary primitive forms

def at_n(args):
    if len(args) == 3:
        x, i, f = args
        if isinstance(x, Fn) and not isinstance(x, Table):
            return _trap(x, [i], f)
        return _amend_named(x, [i], f, None, False)
    if len(args) == 4:
        x, i, f, y = args
        return _amend_named(x, [i], f, y, True)
    raise QError("rank")


def dot_n(args):
    if len(args) == 3:
        x, i, f = args
        if isinstance(x, Fn):
            return _trap(x, items_of(i) if isinstance(i, (Vec, QList)) else [i], f)
        return _amend_named(x, _path(i), f, None, False)
    if len(args) == 4:
        x, i, f, y = args
        return _amend_named(x, _path(i), f, y, True)
    raise QError("rank")


def _path(i):
    if isinstance(i, (Vec, QList)):
        return items_of(i)
    return [i]


def _trap(f, args, handler):
    st = ev.STATE
    depth = st.depth
    out_len = len(st.out)
    try:
        return ev.apply(f, args)
    except QError as e:
        st.depth = depth
        if isinstance(handler, (Fn, Null)):
            return ev.apply1(handler, char_vec(e.name))
        return handler
    except RecursionError:
        st.depth = depth
        del st.out[out_len:]
        if isinstance(handler, Fn):
            return ev.apply1(handler, char_vec("stack"))
        return handler


def _amend_named(x, path, f, y, has_y):
    named = type(x) is Atom and x.t == -11
    base = ev.lookup(x.v) if named else x
    fn = None if (type(f) is type(ev.PRIMS[":"]) and f.name == ":") else f
    if not path:
        # an empty path amends the whole value
        r = y if fn is None else ev.apply(fn, [base, y] if has_y else [base])
    else:
        r = ev.amend(base, path, fn, y, has_y)
    if named:
        ev.assign_global(x.v, r)
        return x
    return r


def query_n(args):
    if len(args) == 3:
        c, a, b = args
        if isinstance(c, (Table, Dict)) and (type(a) is Vec and a.t in (5, 6, 7) or
                                              type(a) is Atom and a.t in (-5, -6, -7)):
            # simple exec ?[t;i;p]: the parse tree p on the rows i of t
            t = c if isinstance(c, Table) else split_keyed(c)[0]
            rows = ev.index(t, a if type(a) is Vec else Vec(7, np.array([a.v], dtype=np.int64)))
            return eval_in(b, dict(zip(rows.cols, rows.vals)))
        if type(c) is Atom and c.t == -1:
            # an atom condition (since V2.7): picks between atoms, or is repeated to the lists
            if type(a) is Atom and type(b) is Atom:
                return a if c.v else b
            n = count(a) if type(a) is not Atom else count(b)
            c = Vec(1, np.full(n, c.v, dtype=bool))
        if type(c) is Vec and c.t == 1:
            if any(type(v) is not Atom and count(v) != len(c.a) for v in (a, b)):
                raise QError("length")
            ta = a if type(a) is not Atom else LO.take_n(len(c.a), a)
            tb = b if type(b) is not Atom else LO.take_n(len(c.a), b)
            if type(ta) is Vec and type(tb) is Vec and ta.t == tb.t:
                return Vec(ta.t, np.where(c.a, ta.a, tb.a))
            ia, ib = items_of(ta), items_of(tb)
            return from_items([p if k else q for k, p, q in zip(c.a.tolist(), ia, ib)])
        raise QError("type")
    if len(args) in (4, 5, 6):
        return query(args)
    raise QError("rank")


# ----------------------------------------------------------------- forbidden operating-system access

def _access(*args):
    raise QError("access")


@kw("system")
def system(x):
    """system "d .ns" (and the other q commands that touch no operating system, \\c \\P) run as
    their backslash forms; anything else is refused."""
    if not (type(x) is Vec and x.t == 10) and not (type(x) is Atom and x.t == -10):
        raise QError("type")
    text = string_of(x).strip()
    word = text.split()[0] if text else ""
    if word not in ("d", "c", "P"):
        raise QError("access")
    _system_command = UP.system_command
    r = _system_command("\\" + text)
    return IDENTITY if r is None else r


for _name, _rank in (("hopen", 1), ("hclose", 1), ("read0", 1), ("read1", 1),
                     ("getenv", 1), ("setenv", 2), ("exit", 1), ("hdel", 1), ("hcount", 1),
                     ("save", 1), ("load", 1), ("rsave", 1), ("rload", 1), ("dsave", 2)):
    REGISTRY[_name] = (_access, _rank)


@kw("get")
def get(x):
    if type(x) is Atom and x.t == -11:
        if x.v.startswith(":"):
            raise QError("access")
        return ev.lookup(x.v)
    return value(x)


@kw("set", 2)
def set_(x, y):
    if type(x) is Atom and x.t == -11:
        if x.v.startswith(":"):
            raise QError("access")
        ev.assign_global(x.v, y)
        return x
    raise QError("type")


