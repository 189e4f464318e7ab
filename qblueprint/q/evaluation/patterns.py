"""Matching values with kdb+ 4.1 patterns (the syntax and its tuples: pattern_syntax.py)."""
from ..base.errors import QError
from ..base.upcalls import UP
from ..reading.pattern_syntax import TYPE_CHARS
from ..base.values import Atom, Vec, QList, Dict, Table, items_of, from_items, count
from ..base.values import sym_vec


class _Evaluator:
    """apply and amend, given by evaluator.py when it imports this module (it sits above)."""
    apply = amend = None


_EV = _Evaluator()


def bind_evaluator(apply, amend):
    _EV.apply = apply
    _EV.amend = amend


def compile_pattern(p, compile_node, scope):
    """Replace the expression nodes inside a pattern by compiled closures."""
    tag = p[0]
    if tag == "const":
        return ("const", compile_node(p[1], scope))
    if tag == "index":
        return ("index", p[1], [compile_node(n, scope) for n in p[2]])
    if tag == "list":
        return ("list", [compile_pattern(q, compile_node, scope) for q in p[1]])
    if tag == "dict":
        return ("dict", [(compile_node(k, scope), compile_pattern(q, compile_node, scope)) for k, q in p[1]])
    if tag == "table":
        return ("table", [(k, compile_pattern(q, compile_node, scope)) for k, q in p[1]])
    if tag in ("keys", "flip"):
        return (tag, compile_pattern(p[1], compile_node, scope))
    if tag == "bang":
        return ("bang", compile_pattern(p[1], compile_node, scope), compile_pattern(p[2], compile_node, scope))
    if tag == "type":
        return ("type", compile_pattern(p[1], compile_node, scope), p[2])
    if tag == "filter":
        return ("filter", compile_pattern(p[1], compile_node, scope), compile_node(p[2], scope))
    return p


def match_pattern(p, v, L, binds):
    """Match value v with compiled pattern p; append (name, value[, idxs]) to binds; return v as
    the filters leave it."""
    match = UP.match
    tag = p[0]
    if tag == "null":
        return v
    if tag == "name":
        binds.append((p[1], v, None))
        return v
    if tag == "const":
        if not match(p[1](L), v):
            raise QError("match")
        return v
    if tag == "index":
        binds.append((p[1], v, [c(L) for c in p[2]]))
        return v
    if tag == "type":
        c = p[2]
        want = TYPE_CHARS[c.lower()]
        t = getattr(v, "t", None)
        if t is None or (c.islower() and t != -want) or (c.isupper() and t != want):
            raise QError("type")
        return match_pattern(p[1], v, L, binds)
    if tag == "filter":
        f = p[2](L)
        return match_pattern(p[1], _EV.apply(f, [v]), L, binds)
    if tag == "list":
        if type(v) is Atom or not isinstance(v, (Vec, QList, Table)):
            raise QError("type")
        items = items_of(v)
        if len(items) != len(p[1]):
            raise QError("length")
        out = [match_pattern(q, it, L, binds) for q, it in zip(p[1], items)]
        if all(a is b for a, b in zip(out, items)):
            return v
        return from_items(out)
    if tag == "dict":
        if not isinstance(v, Dict):
            raise QError("type")
        for kc, q in p[1]:
            k = kc(L)
            keys = items_of(v.k)
            j = next((i for i, kk in enumerate(keys) if match(kk, k)), None)
            if j is None:
                raise QError("match")
            item = items_of(v.v)[j]
            new = match_pattern(q, item, L, binds)
            if new is not item:
                v = _EV.amend(v, [k], None, new, True)
        return v
    if tag == "table":
        if isinstance(v, Table):
            cols = dict(zip(v.cols, v.vals))
        elif isinstance(v, Dict) and isinstance(v.k, Table) and isinstance(v.v, Table):
            cols = dict(zip(v.k.cols, v.k.vals))
            cols.update(zip(v.v.cols, v.v.vals))
        else:
            raise QError("type")
        for name, q in p[1]:
            if name not in cols:
                raise QError("match")
            match_pattern(q, cols[name], L, binds)
        return v
    if tag == "keys":
        if not isinstance(v, Dict):
            raise QError("type")
        match_pattern(p[1], v.k, L, binds)
        return v
    if tag == "bang":
        if not isinstance(v, Dict):
            raise QError("type")
        match_pattern(p[1], v.k, L, binds)
        match_pattern(p[2], v.v, L, binds)
        return v
    if tag == "flip":
        if not isinstance(v, Table):
            raise QError("type")
        match_pattern(p[1], Dict(sym_vec(v.cols), from_items(list(v.vals))), L, binds)
        return v
    raise QError("pattern")

