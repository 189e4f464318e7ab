"""Iterators: each `'`, each-left `\\:`, each-right `/:`, each-prior `':`, over `/`, scan `\\`.

Over and scan of the arithmetic primitives on simple vectors go straight to numpy
(`+/` is a sum, `|\\` a running maximum); everything else loops in Python.
"""
import contextlib
import gc

import numpy as np

from ..base.errors import QError
from ..base.values import (Atom, Vec, QList, Dict, Table, Fn, Prim, Derived, Null, Lambda,
                     IDENTITY, count, items_of, from_items, is_true, null_of, enlist, atom_to_vec)
from ..evaluation import evaluator as ev
from ..evaluation.pycompile import Deopt
from ..base.upcalls import UP
from .scalar_vector import sv, vs
from .verbs import match
from .casting import cast_to
from ..base.values import Comp

_NULLJ = -(1 << 63)


def derived_rank(d):
    r = ev.fn_rank(d.f) if isinstance(d.f, Fn) else 1
    if d.glyph in ("/", "\\"):
        # f/ of a binary f is used unary (fold) when iterated again, as in (,/)/
        return 1 if r == 2 else r
    if d.glyph in ("/:", "\\:"):
        return 2
    if d.glyph == "':":
        return 2
    return r


_ATOMIC_GLYPHS = frozenset(("+", "-", "*", "%", "|", "&", "=", "<>", "<", ">", "<=", ">="))


def _atomic_glyph(f):
    """The atomic primitive f is (a glyph, or a lambda such as {x+y}), else None."""
    if type(f) is Prim:
        return f.name if f.name in _ATOMIC_GLYPHS and f.f2 is not None else None
    if type(f) is Lambda:
        return getattr(f.body, "prim_equiv", None)
    return None


def _whole(g, f, args):
    r"""f' f/: f\: of an atomic primitive on simple vectors (and an atom on the fixed side) give
    what the primitive gives on the whole arguments: one numpy call, not one call per item."""
    if len(args) != 2:
        return None
    glyph = _atomic_glyph(f)
    if glyph is None:
        return None
    x, y = args
    tx, ty = type(x), type(y)
    if g == "'":
        ok = tx is Vec and ty is Vec and len(x.a) == len(y.a) and len(x.a) > 0
    elif g == "/:":
        ok = tx is Atom and ty is Vec and len(y.a) > 0
    else:
        ok = tx is Vec and ty is Atom and len(x.a) > 0
    if not ok or x.t == 0 or y.t == 0:
        return None
    return ev.PRIMS[glyph].f2(x, y)


def apply_derived(d, args):
    g = d.glyph
    f = d.f
    n = len(args)
    if g in ("'", "/:", "\\:") and n == 2:
        whole = _whole(g, f, args)
        if whole is not None:
            return whole
    if not isinstance(f, Fn) and g in ("/:", "\\:", "'") and n >= 1:
        return _data_derived(g, f, args)
    if g == "'":
        return each(f, args)
    if g == "/:":
        if n != 2:
            if n == 1:
                return ev.Proj(d, [args[0], None])
            raise QError("rank")
        x, y = args
        if type(y) is Atom and not isinstance(y, Fn):
            return ev.apply(f, [x, y])
        return _map_keep(y, lambda yi: ev.apply(f, [x, yi]))
    if g == "\\:":
        if n != 2:
            if n == 1:
                return ev.Proj(d, [args[0], None])
            raise QError("rank")
        x, y = args
        if type(x) is Atom:
            return ev.apply(f, [x, y])
        return _map_keep(x, lambda xi: ev.apply(f, [xi, y]))
    if g == "':":
        return each_prior(f, args)
    if g == "/":
        return over(f, args, False)
    if g == "\\":
        return over(f, args, True)
    raise QError("nyi")


def _data_derived(g, x, args):
    """Iterators on data: `x/:` is sv, `x\\:` is vs, `i'[a;b;...]` picks items (case)."""
    if g == "/:":
        return sv(x, args[0])
    if g == "\\:":
        return vs(x, args[0])
    if not (type(x) is Vec and x.t in (1, 4, 5, 6, 7)) and not (type(x) is Atom and x.t in (-5, -6, -7)):
        # Case is for an int vector; any other list or dictionary is a function of its indices,
        # applied item-wise like any function under Each: g'[0 1;1 2] is (g[0;1];g[1;2])
        return each(x, args)
    idx = items_of(x) if not type(x) is Atom else [x]
    n = len(idx)
    srcs = []
    keys = None
    for a in args:
        if type(a) is Atom:
            srcs.append([a] * n)
        else:
            its = items_of(a)
            if len(its) != n:
                raise QError("length")
            if isinstance(a, Dict):
                # dictionaries are picked from by position, so they must agree on their keys
                if keys is None:
                    keys = a.k
                elif not match(keys, a.k):
                    raise QError("domain")
            srcs.append(its)
    out = []
    for i, k in enumerate(idx):
        if type(k) is not Atom or k.t not in (-7, -6, -5, -4, -1):
            raise QError("type")
        if k.v < 0 or k.v >= len(srcs):
            raise QError("index")
        out.append(srcs[k.v][i])
    return from_items(out)


def _map_keep(x, fn):
    """Map over the items of x; a dictionary keeps its keys."""
    if isinstance(x, Dict):
        return Dict(x.k, from_items([fn(v) for v in items_of(x.v)]))
    return from_items([fn(v) for v in items_of(x)])


def each(f, args):
    n = len(args)
    if n == 1:
        x = args[0]
        if isinstance(x, Dict):
            return Dict(x.k, from_items([ev.apply1(f, v) for v in items_of(x.v)]))
        if type(x) is Atom:
            return ev.apply1(f, x)
        if isinstance(x, Table):
            return from_items([ev.apply1(f, r) for r in items_of(x)])
        if type(f) is Lambda and len(f.params) == 1 and type(x) is Vec:
            if not f.locals:
                whole = _simple_op_on_vector(f, x)      # `x op c`: one vector operation
                if whole is not None:
                    return whole
            ub = getattr(f.body, "unboxed", None)
            if ub is not None and x.t == 7 and len(x.a) and not (
                    ub.counts_steps and ev.STATE.max_steps is not None) and not (x.a == _NULLJ).any():
                with _collector_paused():
                    whole = _map_plain_ints(f, ub, x)
                if whole is not None:
                    return whole
        if type(f) is Lambda and len(f.params) == 1 and not f.locals:
            with _collector_paused():
                return from_items(_map_lambda(f, items_of(x)))
        return from_items([ev.apply1(f, v) for v in items_of(x)])
    # each-both / n-ary each: atoms extend, lists must agree in length
    lens = [count(a) for a in args if not (type(a) is Atom or isinstance(a, (Fn, Null)))]
    if not lens:
        return ev.apply(f, list(args))
    m = lens[0]
    if any(k != m for k in lens):
        raise QError("length")
    cols = []
    for a in args:
        if type(a) is Atom or isinstance(a, (Fn, Null)):
            cols.append([a] * m)
        else:
            cols.append(items_of(a))
    res = [ev.apply(f, list(t)) for t in zip(*cols)]
    first = args[0]
    if isinstance(first, Dict):
        return Dict(first.k, from_items(res))
    return from_items(res)


_PRIOR_SELF = frozenset("+-*%&|,")
# atomic primitives: on two vectors they pair items, so f': on a vector is one vector operation
_ATOMIC_PRIOR = frozenset(("+", "-", "*", "%", "&", "|", "=", "<>", "<", ">", "<=", ">="))


def each_prior(f, args):
    x = args[-1]
    if type(f) is Prim and f.name in _ATOMIC_PRIOR and type(x) is Vec and len(x.a) > 1 \
            and len(args) in (1, 2):
        return _each_prior_vector(f, args, x)
    if len(args) == 2:
        seed, x = args
        items = items_of(x)
        if not items:
            return x
        res = [ev.apply(f, [items[0], seed])]
    elif len(args) == 1:
        x = args[0]
        items = items_of(x)
        if not items:
            return x
        if isinstance(f, Prim) and f.name in _PRIOR_SELF:
            res = [items[0]]
        else:
            res = [ev.apply(f, [items[0], _null_like_item(items[0])])]
    else:
        raise QError("rank")
    for i in range(1, len(items)):
        res.append(ev.apply(f, [items[i], items[i - 1]]))
    if len(args) == 1 and isinstance(f, Prim) and f.name in _PRIOR_SELF and len(res) > 1 \
            and type(res[0]) is Atom and type(res[1]) is Atom and res[0].t != res[1].t \
            and all(type(r) is Atom and r.t == res[1].t for r in res[1:]):
        # the first item (x 0 itself) takes the type of the rest, as in ratios
        try:
            res[0] = cast_to(-res[1].t, res[0])
        except QError:
            pass
    if len(args) == 1 and isinstance(f, Prim) and f.name in _PRIOR_SELF & _ATOMIC_PRIOR \
            and len(res) == 1 and type(res[0]) is Atom:
        # a lone item takes the type the rest would have, that of x 0 f x 0 (deltas 1#0b is ,0i)
        try:
            res[0] = cast_to(-ev.apply(f, [res[0], res[0]]).t, res[0])
        except QError:
            pass
    if isinstance(x, Dict):
        return Dict(x.k, from_items(res))
    return from_items(res)


def _each_prior_vector(f, args, x):
    """f': for an atomic primitive f on a simple vector: the first item as each_prior makes it,
    then every (item, prior item) pair in one application of f to x[1:] and x[:-1]."""
    head = x.item(0)
    if len(args) == 2:
        first = ev.apply(f, [head, args[0]])
    elif f.name in _PRIOR_SELF:
        first = head
    else:
        first = ev.apply(f, [head, _null_like_item(head)])
    rest = f.f2(Vec(x.t, x.a[1:]), Vec(x.t, x.a[:-1]))
    if type(first) is Atom and type(rest) is Vec:
        if first.t != -rest.t and len(args) == 1 and f.name in _PRIOR_SELF:
            # the first item (x 0 itself) takes the type of the rest, as in ratios
            try:
                first = cast_to(rest.t, first)
            except QError:
                pass
        if first.t == -rest.t:
            return Vec(rest.t, np.concatenate((atom_to_vec(first).a, rest.a)))
    return from_items([first] + items_of(rest))


def _null_like_item(v):
    """The prior of the first item: its null (item-wise for a vector item, as prev pads)."""
    if type(v) is Atom:
        return Atom(v.t, null_of(v.t))
    if type(v) is Vec and v.t:
        a = np.empty(len(v.a), dtype=v.a.dtype)
        a[:] = null_of(v.t)
        return Vec(v.t, a)
    return IDENTITY


# ----------------------------------------------------------------- over / scan

_FAST_OVER = {"+": "sum", "*": "prod", "|": "max", "&": "min"}


def _fast_vector(f, x, scan):
    """numpy fold for + * | & over a simple numeric vector, or None."""
    if not (type(f) is Prim and type(x) is Vec and f.name in _FAST_OVER):
        return None
    t = x.t
    if t not in (1, 4, 5, 6, 7, 8, 9) or len(x.a) == 0:
        return None
    running, fold = UP.running, UP.fold
    return running(f.name, x) if scan else fold(f.name, x)


def over(f, args, scan):
    n = len(args)
    if type(f) is Lambda:
        if n == 1 and f.rank > 1 and not isinstance(args[0], Dict) and type(args[0]) is not Atom \
                and count(args[0]) == 0:
            # an empty list is not evaluated, and a lambda has no known identity: the generic
            # empty list, for Over as for Scan ({x*y}/[0#0] is (), where */[0#0] is 1)
            return QList([])
        glyph = getattr(f.body, "prim_equiv", None)
        if glyph is not None:
            f = ev.PRIMS[glyph]        # {x+y}/ folds exactly as +/ does, without a call per item
    rank = ev.fn_rank(f) if isinstance(f, Fn) else 1
    if not isinstance(f, Fn):
        # a data structure used as a function: converge / finite state machine through indexing
        if n == 1:
            return _converge(lambda v: ev.index(f, v), args[0], scan)
        if n == 2:
            return _fold(lambda a, b: ev.index_depth(f, [a, b]), args[0], args[1], scan)
        raise QError("rank")
    if rank == 1 or (n == 2 and rank == 1):
        if n == 1:
            return _converge(lambda v: ev.apply1(f, v), args[0], scan)
        if n == 2:
            c, x = args
            if type(c) is Atom and c.t in (-7, -6, -5, -4) and not isinstance(c, Fn):
                return _repeat(f, c.v, x, scan)
            return _while(c, f, x, scan)
        raise QError("rank")
    if n == 1:
        x = args[0]
        fast = _fast_vector(f, x, scan)
        if fast is not None:
            return fast
        if isinstance(x, Dict):
            vals = items_of(x.v)
            if scan:
                return Dict(x.k, _fold_items(f, vals[0], vals[1:], True)) if vals else x
            return _fold_items(f, vals[0], vals[1:], False) if vals else _empty_fold(f, x.v)
        if type(x) is Atom:
            return x
        items = items_of(x)
        if not items:
            return _empty_fold(f, x) if not scan else x
        return _fold_items(f, items[0], items[1:], scan)
    if n == 2:
        seed, x = args
        if type(f) is Prim and f.name in _FAST_OVER and type(x) is Vec and type(seed) is Atom and not scan:
            inner = _fast_vector(f, x, False)
            if inner is not None:
                return ev.apply(f, [seed, inner])
        if type(x) is Atom or isinstance(x, (Fn, Null)):
            return ev.apply(f, [seed, x])
        if isinstance(x, Dict):
            return Dict(x.k, _fold_items(f, seed, items_of(x.v), scan, seeded=True)) if scan else \
                _fold_items(f, seed, items_of(x.v), False, seeded=True)
        return _fold_items(f, seed, items_of(x), scan, seeded=True)
    # n-ary fold: f/[x;y;z]
    seed = args[0]
    rest = args[1:]
    def scalar_arg(a):
        return type(a) is Atom or isinstance(a, (Fn, Null))   # functions extend like atoms
    lens = [count(a) for a in rest if not scalar_arg(a)]
    if not lens:
        return ev.apply(f, list(args))
    m = lens[0]
    if any(k != m for k in lens):
        raise QError("length")
    cols = [[a] * m if scalar_arg(a) else items_of(a) for a in rest]
    acc = seed
    out = []
    for t in zip(*cols):
        acc = ev.apply(f, [acc] + list(t))
        out.append(acc)
    return from_items(out) if scan else acc


def _empty_fold(f, x):
    """f/ of an empty list: the identity of common primitives, else the empty list itself."""
    if type(f) is Prim:
        t = x.t if type(x) is Vec else 7
        if f.name == "+":
            return Atom(-7, 0) if t in (0, 1, 4, 5, 6, 7) else Atom(-t, 0.0 if t in (8, 9) else 0)
        if f.name == "*":
            return Atom(-7, 1) if t in (0, 1, 4, 5, 6, 7) else Atom(-t, 1.0 if t in (8, 9) else 1)
        if f.name == ",":
            return x
    return x


def _fold_items(f, acc, items, scan, seeded=False):
    apply = ev.apply
    if scan:
        # ,\ starts from the first item as a list, as q shows it
        first = enlist(acc) if (type(f) is Prim and f.name == "," and type(acc) is Atom) else acc
        out = [] if seeded else [first]
        for v in items:
            acc = apply(f, [acc, v])
            out.append(acc)
        return from_items(out)
    if type(f) is Lambda and f.rank == 2:
        call = ev.call_lambda
        for v in items:
            acc = call(f, [acc, v])
        return acc
    for v in items:
        acc = apply(f, [acc, v])
    return acc


def _fold(fn, seed, x, scan):
    acc = seed
    out = []
    for v in items_of(x):
        acc = fn(acc, v)
        out.append(acc)
    return from_items(out) if scan else acc


def _converge(fn, x, scan):
    out = [x]
    prev = x
    steps = 0
    while True:
        nxt = fn(prev)
        steps += 1
        if match(nxt, prev) or match(nxt, x):
            break
        out.append(nxt)
        prev = nxt
        if ev.STATE.max_steps is not None:
            ev._step()
    return from_items(out) if scan else prev


def _repeat(f, n, x, scan):
    if n < 0:
        raise QError("domain")
    st = ev.STATE
    if st.max_steps is not None:
        # the count is known: charge the steps once instead of per application
        st.steps += n
        if st.steps > st.max_steps:
            raise QError("limit")
    out = [x]
    acc = x
    if type(f) is Lambda and len(f.params) == 1 and not scan:
        return _repeat_lambda(f, n, acc)
    for _ in range(n):
        acc = ev.apply1(f, acc)
        if scan:
            out.append(acc)
    return from_items(out) if scan else acc


@contextlib.contextmanager
def _collector_paused():
    """Hold Python's cyclic collector off while a map builds its atoms: the atoms hold no
    cycles, yet each collection their allocation triggers rescans every atom made so far (a
    quarter of the time of `f each` over a long vector). Reference counting still frees; any
    cyclic garbage waits for the collector's next run after the map."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _map_lambda(f, items):
    """A unary lambda without locals over many items: one reused frame, the body called
    directly (what `f each x` spends its time on)."""
    body = f.body
    p = f.params[0]
    st = ev.STATE
    st.depth += 1
    out = []
    append = out.append
    L = {}
    try:
        if st.depth > st.max_depth:
            raise QError("stack")
        for v in items:
            L[p] = v
            try:
                append(body(L))
            except ev.Return as r:
                append(r.value)
        return out
    finally:
        st.depth -= 1


def _simple_form(f):
    """(glyph, constant, constant_on_left, f2) when the lambda's whole body is `x op c` or
    `c op x` on its parameter x with an atomic op and a long/float constant c, else None."""
    form = getattr(f.body, "simple_op", None)
    if form is None or form[1] != f.params[0]:
        return None
    return form[0], form[2], form[3], form[4]


def _simple_op_on_vector(f, x):
    """`{x*2} each v` on a nonempty long/float vector: the atomic op applied to the whole vector
    gives the same items as applying it to each one, in one numpy call."""
    form = _simple_form(f)
    st = ev.STATE
    if form is None or x.t not in (7, 9) or len(x.a) == 0 or st.depth >= st.max_depth:
        return None  # (at the depth limit the general path raises 'stack)
    _, c, const_left, f2 = form
    return f2(c, x) if const_left else f2(x, c)


_UNBOXED_OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}


def _repeat_unboxed(form, n, acc):
    """Run `x op c` (op in + - *) on a plain Python number while the general path would give the
    same type: long op long staying inside the non-null long range, or float op long/float
    (IEEE arithmetic carries nulls and infinities as q does). Returns the atom reached and the
    number of applications done; the caller finishes any rest on the general path."""
    glyph, c, const_left, _ = form
    if glyph not in _UNBOXED_OPS or type(acc) is not Atom:
        return acc, 0
    t, v, k = acc.t, acc.v, c.v
    if t == -9 and (c.t == -9 or (c.t == -7 and k != _NULLJ)):
        k = float(k)
        if glyph == "+":
            for _ in range(n):
                v = v + k
        elif glyph == "-":
            if const_left:
                for _ in range(n):
                    v = k - v
            else:
                for _ in range(n):
                    v = v - k
        else:
            for _ in range(n):
                v = v * k
        return Atom(-9, v), n
    if t != -7 or c.t != -7 or v == _NULLJ or k == _NULLJ:
        return acc, 0
    lo, hi = _NULLJ, -_NULLJ  # exclusive: a result at the null or past it goes the general way
    i = 0
    if glyph == "+":
        while i < n:
            w = v + k
            if not lo < w < hi:
                break
            v = w
            i += 1
    elif glyph == "-":
        while i < n:
            w = k - v if const_left else v - k
            if not lo < w < hi:
                break
            v = w
            i += 1
    else:
        while i < n:
            w = v * k
            if not lo < w < hi:
                break
            v = w
            i += 1
    return Atom(-7, v), i


def _repeat_plain_ints(fn, n, v):
    """Apply an unboxed body (pycompile.Unboxed) to a Python int up to n times; stop early, with
    the atom so far, where it needs the general path (a null, an overflow): (atom, applications)."""
    i = 0
    try:
        while i < n:
            v = fn(v)
            i += 1
    except Deopt:
        pass
    return Atom(-7, v), i


def _map_plain_ints(f, ub, x):
    """`f each x` for a long vector without nulls and an unboxed f: a vector of its results, or
    None when an item needs the general path (the caller then maps the boxed body over all)."""
    fn = ub.bind()
    if fn is None:
        return None
    st = ev.STATE
    st.depth += 1        # one application deep, as the boxed map
    try:
        if st.depth > st.max_depth:
            raise QError("stack")
        out = [fn(v) for v in x.a.tolist()]
    except Deopt:
        return None
    finally:
        st.depth -= 1
    if ub.rtype == "b":
        return Vec(1, np.array(out, dtype=bool))
    return Vec(7, np.array(out, dtype=np.int64))


def _repeat_lambda(f, n, acc):
    """n applications of a unary lambda, calling its compiled body directly (the hot loop)."""
    body = f.body
    p = f.params[0]
    st = ev.STATE
    st.depth += 1
    try:
        if st.depth > st.max_depth:
            raise QError("stack")
        form = _simple_form(f)
        if form is not None:
            acc, done = _repeat_unboxed(form, n, acc)
            n -= done
        ub = getattr(body, "unboxed", None)
        if ub is not None and ub.rtype == "j" and type(acc) is Atom and acc.t == -7 and acc.v != _NULLJ \
                and not (ub.counts_steps and st.max_steps is not None):
            fn = ub.bind()
            if fn is not None:
                acc, done = _repeat_plain_ints(fn, n, acc.v)
                n -= done
        i = 0
        reuse = not f.locals  # without locals the frame holds only the parameter
        L = {}
        while i < n:
            try:
                if reuse:
                    while i < n:
                        L[p] = acc
                        acc = body(L)
                        i += 1
                fresh = dict.fromkeys(f.locals, ev.EMPTY_LOCAL)   # locals start as ()
                while i < n:
                    L = dict(fresh)
                    L[p] = acc
                    acc = body(L)
                    i += 1
            except ev.Return as r:
                acc = r.value
                i += 1
        return acc
    finally:
        st.depth -= 1


def _while(c, f, x, scan):
    out = [x]
    acc = x
    while True:
        test = ev.apply1(c, acc) if isinstance(c, Fn) else ev.index(c, acc)
        if not is_true(test):
            break
        acc = ev.apply1(f, acc)
        if scan:
            out.append(acc)
        if ev.STATE.max_steps is not None:
            ev._step()
    return from_items(out) if scan else acc


def adverb_call(a, args):
    """An iterator glyph applied like a function: `'[f;g]` composes, `/[f;x]` folds..."""
    if a.glyph == "'":
        if len(args) >= 2:
            return Comp(list(args))
        return Derived("'", args[0])
    if not args:
        raise QError("rank")
    d = Derived(a.glyph, args[0])
    if len(args) == 1:
        return d
    return apply_derived(d, args[1:])


UP.provide(apply_derived=apply_derived, adverb_call=adverb_call, derived_rank=derived_rank)
