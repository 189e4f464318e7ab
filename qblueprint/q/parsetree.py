"""`parse`: q parse trees (as q values) from the parser's AST, and their evaluation by `eval`."""
from .errors import QError
from .values import Atom, Vec, QList, Null, Prim, Adverb, IDENTITY
from . import evaluator as ev


def _const(v):
    # symbols are enlisted so that they read as data, not as names
    if v is None:
        return IDENTITY
    if (type(v) is Atom and v.t == -11) or (type(v) is Vec and v.t == 11):
        return QList([v])
    return v


def to_tree(node):
    tag = node[0]
    if tag == "k":
        return _const(node[1])
    if tag == "v":
        glyph = K_PRIMITIVES.get(node[1])
        return _unary(glyph) if glyph else Atom(-11, node[1])
    if tag == "op":
        return ev.PRIMS[node[1]]
    if tag == "paren":
        return to_tree(node[1])
    if tag == "ap1":
        f = node[1]
        head = _unary(f[1]) if f[0] == "op" else to_tree(f)
        return QList([head, to_tree(node[2])])
    if tag == "ap2":
        return QList([to_tree(node[1]), to_tree(node[2]), to_tree(node[3])])
    if tag == "ap":
        return QList([to_tree(node[1])] + [IDENTITY if a is None else to_tree(a) for a in node[2]])
    if tag == "prj":
        return QList([to_tree(node[1]), to_tree(node[2])])
    if tag == "adv":
        return QList([Adverb(node[1]), to_tree(node[2])])
    if tag == "lam":
        return ev.compile_node(node, None)({})
    if tag == "list":
        return QList([ev.STATE.g.get("enlist")] + [to_tree(n) for n in node[1]])
    if tag == "qsql":
        from .qsql import qsql_tree
        return qsql_tree(node, to_tree)
    if tag == "view":
        return QList([_colon2(), Atom(-11, node[1]), to_tree(node[2])])
    if tag == "asg":
        _, name, rhs, op, glob = node
        head = _colon2() if glob else ev.PRIMS[":"]
        if op is not None:
            head = Prim(op[1] + ":", None, None)
        return QList([head, Atom(-11, name), to_tree(rhs)])
    if tag == "cond":
        return QList([ev.PRIMS["$"]] + [to_tree(n) for n in node[1]])
    if tag == "nop":
        return IDENTITY
    if tag == "seq":
        return QList([Atom(-11, ";")] + [to_tree(n) for n in node[1]])
    raise QError("nyi")


# keywords that are k primitives appear in parse trees as those primitives (neg is -:)
K_PRIMITIVES = {"neg": "-", "not": "~", "count": "#", "first": "*", "reverse": "|",
                "where": "&", "flip": "+", "til": "!", "null": "^", "floor": "_",
                "string": "$", "distinct": "?", "type": "@", "value": ".", "key": "!",
                "group": "=", "iasc": "<", "idesc": ">", "reciprocal": "%", "enlist": ","}


def _unary(glyph):
    from .primitives import unary_prim
    return unary_prim(glyph)


def _colon2():
    return Prim("::", None, None)


def parse_tree(text):
    from .parser import parse
    nodes = parse(text)
    if len(nodes) == 1:
        return to_tree(nodes[0])
    return QList([Atom(-10, ord(";"))] + [to_tree(n) for n in nodes])   # statements: (";";a;b)


def eval_tree(x):
    """Evaluate a parse tree: (f;a;b) applies f; a symbol is a name; other values are constants."""
    if isinstance(x, QList) and x.items:
        f = x.items[0]
        if isinstance(f, Prim) and f.name in (":", "::") and len(x.items) == 3:
            target = x.items[1]
            value = eval_tree(x.items[2])
            if type(target) is Atom and target.t == -11:
                ev.assign_global(target.v, value)
                return value
        if len(x.items) == 1:  # a one-item list quotes its item (enlisted data)
            return f
        if type(f) is Atom and ((f.t == -10 and f.v == ord(";")) or (f.t == -11 and f.v == ";")):
            r = IDENTITY       # a sequence of statements, in order
            for a in x.items[1:]:
                r = eval_tree(a)
            return r
        if type(f) is Atom and f.t == -11:
            f = ev.lookup(f.v)
        elif isinstance(f, QList):
            f = eval_tree(f)
        args = [eval_tree(a) for a in reversed(x.items[1:])][::-1]   # right to left, as q does
        if isinstance(f, Null) and not args:
            return f
        return ev.apply(f, args)
    if type(x) is Atom and x.t == -11:
        return ev.lookup(x.v)
    return x

