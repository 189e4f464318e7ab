"""`parse`: q parse trees (as q values) from the parser's AST, and their evaluation by `eval`."""
from ..base.errors import QError
from ..base.upcalls import UP
from ..base.registry import K_UNARY_FORMS
from ..base.values import Atom, Vec, QList, Null, Prim, Keyword, Adverb, IDENTITY, string_of, sym_vec
from ..evaluation import evaluator as ev
from ..reading.parser import parse
from .qsql import qsql_tree


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
        return _name(node[1])
    if tag == "op":
        return ev.PRIMS[node[1]]
    if tag == "op1":
        return _unary(node[1])
    if tag == "paren":
        return to_tree(node[1])
    if tag == "ap1":
        f = node[1]
        if f[0] == "paren" and f[1][0] == "op":
            f = f[1]    # a parenthesized operator applied prefix is its unary form: (+)x is (+:;x)
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
        return qsql_tree(node, to_tree)
    if tag == "view":
        return QList([_colon2(), Atom(-11, node[1]), to_tree(node[2])])
    if tag == "asg":
        _, name, rhs, op, glob = node
        head = _colon2() if glob else ev.PRIMS[":"]
        if op is not None:
            head = _unary(op[1])    # a+:1 is (+:;`a;1): the operator's unary form, given two arguments
        return QList([head, Atom(-11, name), to_tree(rhs)])
    if tag == "cond":
        return QList([ev.PRIMS["$"]] + [to_tree(n) for n in node[1]])
    if tag == "nop":
        return IDENTITY
    if tag == "seq":
        return QList([_char(";")] + [to_tree(n) for n in node[1]])
    if tag == "tab":
        # ([]a:e;b:f) is the flip of a column dictionary, (+:;(!;,`a`b;(enlist;e;f))); a keyed
        # table is ! of its key table and its value table
        keys, cols = node[1], node[2]
        if not keys:
            return _table_tree(cols)
        return QList([ev.PRIMS["!"], _table_tree(keys), _table_tree(cols)])
    if tag in CONTROL_WORDS:
        # if[c;e1;e2] is (`if;c;e1;e2): the control word as a symbol, then its parts as written
        return QList([Atom(-11, tag), to_tree(node[1])] + [to_tree(n) for n in node[2]])
    if tag == "ret":
        return QList([_char(":"), to_tree(node[1])])      # :x is (":";x)
    if tag == "sig":
        return QList([_char("'"), to_tree(node[1])])      # 'x is ("'";x)
    raise QError("nyi")


# The parse trees of control words, return and signal are those a q library that turns real q's
# parse trees back into q text expects (finos kdb's k2q: `if`do`while symbols, ":" and "'" chars);
# KX's pages show none of them.
CONTROL_WORDS = ("if", "do", "while")


def _table_tree(columns):
    names = _const(sym_vec([name for name, _ in columns]))
    values = QList([ev.STATE.g.get("enlist")] + [to_tree(c) for _, c in columns])
    return QList([_unary("+"), QList([ev.PRIMS["!"], names, values])])


def _char(c):
    return Atom(-10, ord(c))


def _name(name):
    """A name in a parse tree: a keyword (a name q defines in .q) is replaced by its value, the
    function itself, which prints as its k form (`neg` as `-:`) or by name (`max`); any other
    name stays a symbol, to be looked up when the tree is evaluated."""
    if name in ev.PROTECTED and name.isidentifier():
        return ev.STATE.g[name]
    return Atom(-11, name)


def _unary(glyph):
    unary_prim = UP.unary_prim
    return unary_prim(glyph)


def _colon2():
    return Prim("::", None, None)


def parse_tree(text):
    nodes = parse(text)
    if len(nodes) == 1:
        return to_tree(nodes[0])
    return QList([Atom(-10, ord(";"))] + [to_tree(n) for n in nodes])   # statements: (";";a;b)


def eval_tree(x):
    """Evaluate a parse tree: (f;a;b) applies f to its arguments, each evaluated first, right to
    left as q does; a symbol is a name; other values are constants."""
    return _evaluate(x, eval_tree)


def value_list(x):
    """`value` of a list: its first item (looked up when a symbol, evaluated when a string)
    applied to the other items as they stand; nested trees are not evaluated."""
    return _evaluate(x, _as_is)


def _as_is(x):
    return x


def _evaluate(x, argument):
    """One level of evaluation; `argument` is what happens to each argument before the call."""
    if isinstance(x, QList) and x.items:
        f = x.items[0]
        args = x.items[1:]
        if len(x.items) == 1:  # a one-item list quotes its item (enlisted data)
            return f
        if isinstance(f, Prim) and f.name in (":", "::") and len(args) == 2:
            target = args[0]
            if type(target) is Atom and target.t == -11:
                value = argument(args[1])
                ev.assign_global(target.v, value)
                return value
        glyph = _modified_by(f)
        if glyph is not None and len(args) == 2 and type(args[0]) is Atom and args[0].t == -11:
            # (+:;`a;1) is a+:1: apply the operator to the value named and the argument, and assign
            name = args[0].v
            value = ev.apply(ev.PRIMS[glyph], [ev.lookup(name), argument(args[1])])
            ev.assign_global(name, value)
            return value
        if type(f) is Atom and ((f.t == -10 and f.v == ord(";")) or (f.t == -11 and f.v == ";")):
            r = IDENTITY       # a sequence of statements, in order
            for a in args:
                r = argument(a)
            return r
        if argument is eval_tree and type(f) is Atom and f.t == -11 and f.v in CONTROL_WORDS:
            return _control(f.v, args[0], args[1:])
        if argument is eval_tree and type(f) is Atom and f.t == -10 and f.v == ord("'"):
            _signal(eval_tree(args[0]))
        if argument is eval_tree and type(f) is Atom and f.t == -10 and f.v == ord(":"):
            raise QError("nyi")     # what returning means outside a lambda is not documented
        if isinstance(f, Prim) and f.name == "$" and len(args) > 2 and argument is eval_tree:
            return _conditional(args)
        if type(f) is Atom and f.t == -11:
            f = ev.lookup(f.v)
        elif type(f) is Vec and f.t == 10 and argument is _as_is:
            f = ev.STATE.session.eval_string(string_of(f))
        elif isinstance(f, QList):
            f = eval_tree(f)
        values = [argument(a) for a in reversed(args)][::-1]   # right to left, as q does
        if isinstance(f, Null) and not values:
            return f
        return ev.apply(f, values)
    if type(x) is Atom and x.t == -11:
        return ev.lookup(x.v)
    if type(x) is Vec and x.t == 11 and len(x.a) == 1:
        return x.item(0)    # an enlisted symbol is that symbol as data: eval enlist `x is `x
    return x


def _control(word, test, body):
    """(`if;c;e..), (`do;n;e..) and (`while;c;e..) run as the control words do; they give ::."""
    if word == "do":
        n = eval_tree(test)
        if type(n) is not Atom or n.t not in (-7, -6, -5, -4, -1):
            raise QError("type")
        rounds = range(n.v)
    elif word == "if":
        rounds = range(1 if ev.is_true(eval_tree(test)) else 0)
    else:
        rounds = iter(lambda: ev.is_true(eval_tree(test)), False)
    for _ in rounds:
        for e in body:
            eval_tree(e)
        if ev.STATE.max_steps is not None:
            ev._step()
    return IDENTITY


def _signal(v):
    if type(v) is Atom and v.t == -11:
        raise QError(v.v)
    if (type(v) is Vec and v.t == 10) or (type(v) is Atom and v.t == -10):
        raise QError(string_of(v))
    raise QError("type")


def _modified_by(f):
    """The operator of an assignment through it: a unary form such as `+:` (or a keyword that is
    one) given two arguments, as in (+:;`a;1). None for any other function."""
    if type(f) is Prim and f.t == 101 and len(f.name) == 2 and f.name.endswith(":"):
        return f.name[0] if f.name[0] in ev.PRIMS else None
    if type(f) is Keyword:
        return K_UNARY_FORMS.get(f.name)
    return None


def _conditional(args):
    """($;c;t;f) is $[c;t;f]: only the branch chosen is evaluated, as in q's own conditional."""
    while len(args) > 1:
        if ev.is_true(eval_tree(args[0])):
            return eval_tree(args[1])
        args = args[2:]
    return eval_tree(args[0]) if args else IDENTITY
