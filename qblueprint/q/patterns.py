"""kdb+ 4.1 pattern matching: destructuring assignment `(a;b):x`, dictionary and table patterns,
constants that must match (`'match`), type checks `p:`j`, filter functions `p:f`, and patterns in
lambda parameters (`{[(a;b);c:`f]...}`, `{[x;]x}`).

The parser turns the left side of such an assignment (an ordinary expression tree) into a pattern
with `from_node`; the evaluator matches a value with `match_pattern`, collecting the bindings so
that a failed match changes no variable.

Patterns (tuples):
  ("null",)                     matches anything
  ("const", node)               the value must match (~) the constant
  ("name", name)                binds the name
  ("index", name, idxnodes)     amends name at the index (the index is a value, not a pattern)
  ("list", [p...])              a list (or table, as a list of rows) of that count, item-wise
  ("dict", [(keynode, p)...])   the value's entries at those keys (more keys are ignored)
  ("table", [(col, p)...])      columns of a table or keyed table
  ("keys", p) / ("bang", kp, vp)  `(a!)` / `(a!b)`: a dictionary's keys / keys and values
  ("flip", p)                   `(flip p)`: a table as its column dictionary
  ("type", p, char)             type check, then p
  ("filter", p, node)           apply the function node evaluates to, then match p
"""
from .errors import QError

TYPE_CHARS = {c: i for i, c in enumerate(" bg xhijefcspmdznuvt") if c != " "}


def _type_char(node):
    """The type letter of a `x` type-check node, or None when the node is not one."""
    if node[0] == "k":
        from .values import Atom
        v = node[1]
        if type(v) is Atom and v.t == -11 and len(v.v) == 1 and v.v.lower() in TYPE_CHARS:
            return v.v
    return None


def from_node(node, names):
    """Pattern for a parsed expression; `names` collects the names it binds."""
    if node is None or node[0] == "nop" or node == ("k", None):
        return ("null",)
    tag = node[0]
    if tag == "v":
        names.append(node[1])
        return ("name", node[1])
    if tag == "k":
        return ("const", node)
    if tag == "list":
        return ("list", [from_node(n, names) for n in node[1]])
    if tag == "ap" and node[1] == ("v", "enlist") and any(a is None for a in node[2]):
        return ("list", [from_node(n, names) for n in node[2]])
    if tag == "ap" and node[1][0] == "v" and len(node[2]) >= 1 and None not in node[2]:
        names.append(node[1][1])
        return ("index", node[1][1], node[2])
    if tag == "ap1" and node[1][0] == "v" and node[1][1] not in ("flip", "enlist"):
        names.append(node[1][1])         # (x i):v, a name indexed by juxtaposition
        return ("index", node[1][1], [node[2]])
    if tag == "asg" and node[3] is None and not node[4]:      # name:rhs inside a pattern
        return _check(("name", node[1]), node[2], names, add=node[1])
    if tag == "pasg":                                          # (p):rhs inside a pattern
        return _check(node[1], node[2], names)
    if tag == "ret":                                           # :rhs, the null pattern checked
        return _check(("null",), node[1], names)
    if tag == "tab":
        _, keys, cols = node
        if not cols:
            return ("dict", [(("k", _sym(k)), from_node(None if v == ("nop",) else v, names))
                             for k, v in keys])
        return ("table", [(k, from_node(None if v == ("nop",) else v, names)) for k, v in keys + cols])
    if tag == "ap2" and node[1] == ("op", "!"):
        if node[2][0] == "k":
            vals = node[3]
            kp = node[2][1]
            from .values import items_of
            ks = [("k", k) for k in items_of(kp)]
            if vals[0] == "list":
                vps = [from_node(n, names) for n in vals[1]]
            else:
                vps = [from_node(vals, names)]
            if len(vps) != len(ks):
                raise QError("length")
            return ("dict", list(zip(ks, vps)))
        return ("bang", from_node(node[2], names), from_node(node[3], names))
    if tag == "prj" and node[1] == ("op", "!"):
        return ("keys", from_node(node[2], names))
    if tag == "ap1" and node[1] == ("v", "flip"):
        return ("flip", from_node(node[2], names))
    if tag == "paren":
        return from_node(node[1], names)
    raise QError("pattern")


def _sym(name):
    from .values import Atom
    return Atom(-11, name)


def _check(inner, rhs, names, add=None):
    if add is not None:
        names.append(add)
    c = _type_char(rhs)
    if c is not None:
        return ("type", inner, c)
    return ("filter", inner, rhs)


def pattern_names(p, out):
    tag = p[0]
    if tag in ("name", "index"):
        out.append(p[1])
    elif tag == "list":
        for q in p[1]:
            pattern_names(q, out)
    elif tag in ("dict", "table"):
        for _, q in p[1]:
            pattern_names(q, out)
    elif tag in ("keys", "flip"):
        pattern_names(p[1], out)
    elif tag == "bang":
        pattern_names(p[1], out)
        pattern_names(p[2], out)
    elif tag in ("type", "filter"):
        pattern_names(p[1], out)
    return out


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
    from .values import Atom, Vec, QList, Dict, Table, items_of, from_items, count
    from . import evaluator as ev
    from .verbs import match
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
        return match_pattern(p[1], ev.apply(f, [v]), L, binds)
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
                v = ev.amend(v, [k], None, new, True)
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
        from .values import sym_vec
        match_pattern(p[1], Dict(sym_vec(v.cols), from_items(list(v.vals))), L, binds)
        return v
    raise QError("pattern")

