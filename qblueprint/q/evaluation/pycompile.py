"""Lambdas compiled to Python source: each lambda body becomes one generated Python function.

The closure evaluator (evaluator.py) turns every node into a closure, so a lambda's body costs one
Python call per node. Here a whole body becomes the source of one function `_body(L)`: parameters
and locals are Python locals (read from the frame `L` once, on entry), q's right-to-left order of
evaluation is kept by evaluating into temporaries, long arithmetic and exact comparisons on atoms
are written out inline (falling back to the verb for anything else: other types, nulls, overflow),
and control flow (`$[...]`, `if`, `do`, `while`, `:x`) is Python control flow.

The general path is kept. A node this generator does not know (a table literal, qSQL, a
projection...) runs as its closure, given a frame built from the current locals, when it cannot
assign a local; a lambda with such a node that does assign a local is not generated at all and runs
as closures. Generated code is cached by its source text (`CODE_CACHE`); a lambda binds its own
constants. The names the generated code uses come from the evaluator (`RUNTIME`, filled by
evaluator.py when it is imported), so this module imports nothing above the values layer.
`tests/q/test_pycompile.py` compares both paths on random programs.
"""
import keyword

from ..base.errors import QError
from ..base.values import Atom, EXACT_ATOM_TYPES

RUNTIME = {}        # filled by evaluator.py: apply, apply1, is_true, IDENTITY, STATE, _step, ...
CODE_CACHE = {}     # generated source -> code object
CODE_CACHE_MAX = 4096

_NULLJ = -(1 << 63)
_LONG_OPS = {"+": "+", "-": "-", "*": "*"}
_COMPARE_OPS = {"<": "<", ">": ">", "=": "==", "<>": "!=", "<=": "<=", ">=": ">="}
# | and & on long atoms: the null is the smallest long, so the larger/smaller raw value is q's answer
_MINMAX = {"|": ">=", "&": "<="}
_CONSTANT_NODES = frozenset(("k", "op", "op1", "adv0", "lam"))
_WRITES = frozenset(("asg", "asgi"))


class Unsupported(Exception):
    """The body cannot be generated; the lambda keeps its closures."""


def _writes_local(node, scope):
    """Whether evaluating node may assign a local of this lambda (nested lambdas are their own)."""
    if isinstance(node, tuple):
        if not node:
            return False
        tag = node[0]
        if tag == "lam":
            return False
        if tag in _WRITES:
            name, glob = node[1], node[-1]
            if name in scope and not glob:
                return True
        if tag in ("pasg", "pcond"):
            return True
        return any(_writes_local(n, scope) for n in node[1:])
    if isinstance(node, (list, dict)):
        items = node.values() if isinstance(node, dict) else node
        return any(_writes_local(n, scope) for n in items)
    return False


def uses_self(node):
    "Whether `node` refers to the lambda it is in (`.z.s`), not counting nested lambdas."
    if isinstance(node, tuple):
        if node and node[0] == "v" and node[1] == ".z.s":
            return True
        if node and node[0] == "lam":
            return False
        return any(uses_self(n) for n in node)
    if isinstance(node, (list, dict)):
        items = node.values() if isinstance(node, dict) else node
        return any(uses_self(n) for n in items)
    return False


class _Gen:
    def __init__(self, params, local_names, scope, compile_node, prims, unary):
        for n in list(params) + list(local_names):
            if not n.isidentifier() or keyword.iskeyword(n):
                raise Unsupported(n)        # d.x style names, or anything Python cannot name
        self.params = list(params)
        self.local_names = [n for n in local_names if n not in params]
        self.scope = scope
        self.compile_node = compile_node
        self.prims = prims
        self.unary = unary
        self.lines = []
        self.indent = 1
        self.ntmp = 0
        self.consts = {}        # python name -> value
        self.const_ids = {}     # id(value) -> python name
        self.uses_self = False

    # ------------------------------------------------------------- helpers

    def emit(self, line):
        self.lines.append("    " * self.indent + line)

    def tmp(self):
        self.ntmp += 1
        return f"t{self.ntmp}"

    def const(self, value, prefix="k"):
        key = id(value)
        name = self.const_ids.get(key)
        if name is None:
            name = f"_{prefix}{len(self.consts)}"
            self.consts[name] = value
            self.const_ids[key] = name
        return name

    def hold(self, expr, later):
        """expr, copied to a temporary when it names a local that a later operand may assign
        (q has read it already: `(x:5)+x` adds the old x)."""
        if expr.startswith("l_") and any(_writes_local(n, self.scope) for n in later):
            t = self.tmp()
            self.emit(f"{t} = {expr}")
            return t
        return expr

    def frame(self):
        items = [f"{n!r}: l_{n}" for n in self.params + self.local_names]
        if self.uses_self:
            items.append("'.z.s': _self")
        return "{" + ", ".join(items) + "}"

    def fallback(self, node):
        """Run node as its closure over a frame of the current locals (it assigns none)."""
        if _writes_local(node, self.scope):
            raise Unsupported(node[0])
        if uses_self(node):
            self.uses_self = True
        c = self.const(self.compile_node(node, self.scope), "c")
        t = self.tmp()
        self.emit(f"{t} = {c}({self.frame()})")
        return t

    # ------------------------------------------------------------- nodes

    def gen(self, node):
        tag = node[0]
        if tag in _CONSTANT_NODES:
            # these closures return the same value on every call (a constant, a primitive, a lambda)
            return self.const(self.compile_node(node, self.scope)(None))
        method = getattr(self, "g_" + tag, None)
        if method is None:
            return self.fallback(node)
        return method(node)

    def g_paren(self, node):
        return self.gen(node[1])

    def g_nop(self, node):
        return "IDENTITY"

    def g_v(self, node):
        name = node[1]
        if name == ".z.s":
            self.uses_self = True
            return "_self"
        if name in self.scope:
            if "." in name:
                return self.fallback(node)
            return f"l_{name}"
        g = self.const(self.compile_node(node, self.scope), "g")   # reads the session's globals
        t = self.tmp()
        self.emit(f"{t} = {g}(None)")
        return t

    def g_ap2(self, node):
        fnode, xnode, ynode = node[1], node[2], node[3]
        if fnode[0] == "op" and fnode[1] != ":":
            glyph = fnode[1]
            f2 = self.const(self.prims[glyph].f2, "f")
            y = self.hold(self.gen(ynode), [xnode])
            x = self.gen(xnode)
            yv = ynode[1] if ynode[0] == "k" else None
            t = self.tmp()
            if glyph in _LONG_OPS:
                op = _LONG_OPS[glyph]
                if type(yv) is Atom and yv.t == -7 and yv.v != _NULLJ:
                    self.emit(f"if type({x}) is Atom and {x}.t == -7 and {x}.v != NULLJ:")
                    self.emit(f"    {t} = {x}.v {op} {yv.v!r}")
                    self.emit(f"    {t} = Atom(-7, {t}) if -BIG <= {t} < BIG else {f2}({x}, {y})")
                else:
                    self.emit(f"if type({x}) is Atom and type({y}) is Atom and {x}.t == -7 and {y}.t == -7 "
                              f"and {x}.v != NULLJ and {y}.v != NULLJ:")
                    self.emit(f"    {t} = {x}.v {op} {y}.v")
                    self.emit(f"    {t} = Atom(-7, {t}) if -BIG <= {t} < BIG else {f2}({x}, {y})")
                self.emit("else:")
                self.emit(f"    {t} = {f2}({x}, {y})")
                return t
            if glyph in _MINMAX:
                self.emit(f"if type({x}) is Atom and type({y}) is Atom and {x}.t == -7 and {y}.t == -7:")
                self.emit(f"    {t} = {x} if ({x}.v {_MINMAX[glyph]} {y}.v) else {y}")
                self.emit("else:")
                self.emit(f"    {t} = {f2}({x}, {y})")
                return t
            if glyph in _COMPARE_OPS and type(yv) is Atom and yv.t in EXACT_ATOM_TYPES:
                op = _COMPARE_OPS[glyph]
                c = self.const(yv.v)
                self.emit(f"if type({x}) is Atom and {x}.t == {yv.t}:")
                self.emit(f"    {t} = TRUE if {x}.v {op} {c} else FALSE")
                self.emit("else:")
                self.emit(f"    {t} = {f2}({x}, {y})")
                return t
            self.emit(f"{t} = {f2}({x}, {y})")
            return t
        y = self.hold(self.gen(ynode), [xnode, fnode])
        x = self.hold(self.gen(xnode), [fnode])
        f = self.gen(fnode)
        t = self.tmp()
        self.emit(f"{t} = apply({f}, [{x}, {y}])")
        return t

    def g_ap1(self, node):
        fnode, xnode = node[1], node[2]
        x = self.hold(self.gen(xnode), [fnode])
        t = self.tmp()
        if fnode[0] == "op":
            u = self.const(self.unary[fnode[1]], "u")
            self.emit(f"{t} = {u}({x})")
            return t
        f = self.gen(fnode)
        self.emit(f"if type({f}) is Prim and {f}.f1 is not None:")
        self.emit(f"    {t} = {f}.f1({x})")
        self.emit("else:")
        self.emit(f"    {t} = apply1({f}, {x})")
        return t

    def g_ap(self, node):
        fnode, argnodes = node[1], node[2]
        if any(a is None for a in argnodes):
            return self.fallback(node)
        order = list(reversed(argnodes))      # q evaluates the arguments right to left, then f
        args = [self.hold(self.gen(a), order[k + 1:] + [fnode]) for k, a in enumerate(order)][::-1]
        f = self.gen(fnode)
        t = self.tmp()
        if len(args) == 1:
            self.emit(f"if type({f}) is Atom and {args[0]} is IDENTITY:")
            self.emit("    raise QError('type')")
            self.emit(f"{t} = apply1({f}, {args[0]})")
        else:
            self.emit(f"{t} = apply({f}, [{', '.join(args)}])")
        return t

    def g_list(self, node):
        order = list(reversed(node[1]))
        items = [self.hold(self.gen(n), order[k + 1:]) for k, n in enumerate(order)][::-1]
        t = self.tmp()
        self.emit(f"{t} = from_items([{', '.join(items)}])")
        return t

    def g_seq(self, node):
        r = "IDENTITY"
        for n in node[1]:
            r = self.gen(n)
        return r

    def g_asg(self, node):
        _, name, rhs, op, glob = node
        if glob or name not in self.scope or "." in name:
            return self.fallback(node)
        v = self.gen(rhs)
        if op is None:
            self.emit(f"l_{name} = {v}")
            return v
        t = self.tmp()
        if op[0] == "op" and op[1] != "," and self.prims[op[1]].f2 is not None:
            f2 = self.const(self.prims[op[1]].f2, "f")
            self.emit(f"{t} = {f2}(l_{name}, {v})")
        else:
            cur = self.tmp()
            self.emit(f"{cur} = l_{name}")
            f = self.gen(op)
            self.emit(f"{t} = apply_in_place({f}, {cur}, {v})")
        self.emit(f"l_{name} = {t}")
        return t

    def truth(self, t):
        return f"({t}.v if type({t}) is Atom and {t}.t == -1 else is_true({t}))"

    def g_cond(self, node):
        parts = node[1]
        if len(parts) < 2:
            raise Unsupported("cond")      # 'cond at compile time: the closure raises it
        r = self.tmp()
        self._cond_chain(parts, r)
        return r

    def _cond_chain(self, parts, r):
        if len(parts) == 1:
            self.emit(f"{r} = {self.gen(parts[0])}")
            return
        if not parts:
            self.emit(f"{r} = IDENTITY")
            return
        c = self.gen(parts[0])
        self.emit(f"if {self.truth(c)}:")
        self.indent += 1
        self.emit(f"{r} = {self.gen(parts[1])}")
        self.indent -= 1
        self.emit("else:")
        self.indent += 1
        self._cond_chain(parts[2:], r)
        self.indent -= 1

    def g_if(self, node):
        c = self.gen(node[1])
        self.emit(f"if is_true({c}):")
        self.indent += 1
        self.emit("pass")
        for n in node[2]:
            self.gen(n)
        self.indent -= 1
        return "IDENTITY"

    def g_do(self, node):
        n = self.gen(node[1])
        self.emit(f"if type({n}) is not Atom or {n}.t not in (-7, -6, -5, -4, -1):")
        self.emit("    raise QError('type')")
        self.emit(f"for _ in range({n}.v):")
        self.indent += 1
        for b in node[2]:
            self.gen(b)
        self.emit("if STATE.max_steps is not None:")
        self.emit("    step()")
        self.indent -= 1
        return "IDENTITY"

    def g_while(self, node):
        self.emit("while True:")
        self.indent += 1
        c = self.gen(node[1])
        self.emit(f"if not {self.truth(c)}:")
        self.emit("    break")
        for b in node[2]:
            self.gen(b)
        self.emit("if STATE.max_steps is not None:")
        self.emit("    step()")
        self.indent -= 1
        return "IDENTITY"

    def g_ret(self, node):
        v = self.gen(node[1])
        self.emit(f"return {v}")
        return "IDENTITY"

    # ------------------------------------------------------------- the body

    def body(self, stmts):
        r = "IDENTITY"
        for s in stmts:
            r = self.gen(s)
        if len(stmts) > 1:
            self.emit("if STATE.max_steps is not None:")
            self.emit("    step()")
        self.emit(f"return {r}")
        head = ["def _body(L):"]
        head += [f"    l_{p} = L[{p!r}]" for p in self.params]
        head += [f"    l_{n} = EMPTY_LOCAL" for n in self.local_names]
        return "\n".join(head + self.lines) + "\n"


def compile_lambda_body(params, local_names, body, scope, compile_node, prims, unary, lam):
    """A Python function `_body(L)` running the lambda's statements, or None when the body keeps
    its closures (see the module's docstring)."""
    try:
        g = _Gen(params, local_names, scope, compile_node, prims, unary)
        src = g.body(body)
    except (Unsupported, RecursionError):
        return None
    code = CODE_CACHE.get(src)
    if code is None:
        if len(CODE_CACHE) >= CODE_CACHE_MAX:
            CODE_CACHE.clear()
        code = CODE_CACHE[src] = compile(src, "<q lambda>", "exec")
    ns = dict(RUNTIME)
    ns.update(g.consts)
    ns["_self"] = lam
    exec(code, ns)      # defines _body from our own generated source (no user text is executed)
    fn = ns["_body"]
    fn.q_source = src
    return fn


# ----------------------------------------------------------------- unboxed: plain Python ints

class Deopt(Exception):
    """An unboxed body met what only the boxed path decides (a null, a long overflow): the caller
    runs that application the general way. Unboxed bodies are pure, so nothing is done twice."""


class Unboxed:
    """A lambda body as a function of plain Python ints (its parameters long atoms, none null),
    returning a Python int (`rtype` "j", a long) or bool (`rtype` "b"). Globals it reads are
    constant while it runs (the body assigns nothing): `bind()` reads them once, for one iterator
    call, and gives the function, or None when a global is not a long atom."""
    __slots__ = ("make", "readers", "rtype", "source", "counts_steps")

    def __init__(self, make, readers, rtype, source, counts_steps):
        self.make = make
        self.readers = readers
        self.rtype = rtype
        self.source = source
        # a body of several statements counts a step per call: callers under a step limit take
        # the boxed path, which counts them
        self.counts_steps = counts_steps

    def bind(self):
        values = []
        for read in self.readers:
            try:
                v = read(None)
            except QError:
                return None         # the boxed path raises it where q would
            if type(v) is not Atom or v.t != -7 or v.v == _NULLJ:
                return None
            values.append(v.v)
        return self.make(*values)


_UB_ARITH = {"+": "+", "-": "-", "*": "*"}
_UB_COMPARE = {"<": "<", ">": ">", "=": "==", "<>": "!=", "<=": "<=", ">=": ">="}


class _UnboxedGen:
    """Types: "j" long, "b" boolean. Only pure expressions: constants, parameters, + - * and
    comparisons on longs and booleans, `$[...]` and parentheses; anything else is Unsupported."""

    def __init__(self, params, local_names, scope, compile_node):
        self.params = params
        self.local_names = local_names
        self.scope = scope
        self.compile_node = compile_node
        self.types = {p: "j" for p in params}     # parameters, then locals as they are assigned
        self.globals = {}                         # global name -> its argument name in _make
        self.readers = []
        self.lines = []
        self.indent = 2
        self.ntmp = 0

    def emit(self, line):
        self.lines.append("    " * self.indent + line)

    def tmp(self):
        self.ntmp += 1
        return f"u{self.ntmp}"

    def gen(self, node):
        tag = node[0]
        if tag == "paren":
            return self.gen(node[1])
        if tag == "k":
            v = node[1]
            if type(v) is Atom and v.t == -7 and v.v != _NULLJ:
                return repr(int(v.v)), "j"
            if type(v) is Atom and v.t == -1:
                return repr(bool(v.v)), "b"
            raise Unsupported("constant")
        if tag == "v":
            name = node[1]
            t = self.types.get(name)
            if t is not None:
                return f"l_{name}", t
            if name in self.scope or name == ".z.s":
                raise Unsupported("name")      # a local read before it is assigned
            if name not in self.globals:       # a global: a long atom, bound once per iterator call
                self.globals[name] = f"g{len(self.globals)}"
                self.readers.append(self.compile_node(node, self.scope))
            return self.globals[name], "j"
        if tag == "ap2" and node[1][0] == "op":
            glyph = node[1][1]
            if glyph not in _UB_ARITH and glyph not in _UB_COMPARE and glyph not in _MINMAX:
                raise Unsupported(glyph)
            y, ty = self.gen(node[3])
            x, tx = self.gen(node[2])
            t = self.tmp()
            if glyph in _MINMAX:
                if tx != ty:
                    raise Unsupported("mixed | or &")
                self.emit(f"{t} = {x} if {x} {_MINMAX[glyph]} {y} else {y}")
                return t, tx
            if glyph in _UB_COMPARE:
                if tx != ty:
                    raise Unsupported("mixed comparison")     # q compares 1b<2 as numbers; keep it boxed
                self.emit(f"{t} = {x} {_UB_COMPARE[glyph]} {y}")
                return t, "b"
            if tx != "j" or ty != "j":
                raise Unsupported("boolean arithmetic")
            self.emit(f"{t} = {x} {_UB_ARITH[glyph]} {y}")
            self.emit(f"if not -BIG < {t} < BIG:")     # overflow or the null: the verbs decide
            self.emit("    raise Deopt")
            return t, "j"
        if tag == "cond" and len(node[1]) >= 3 and len(node[1]) % 2 == 1:
            r = self.tmp()
            types = set()
            self._chain(node[1], r, types)
            if len(types) != 1:
                raise Unsupported("branches of two types")
            return r, types.pop()
        raise Unsupported(tag)

    def _chain(self, parts, r, types):
        if len(parts) == 1:
            v, t = self.gen(parts[0])
            types.add(t)
            self.emit(f"{r} = {v}")
            return
        c, _ = self.gen(parts[0])      # a long tests non-zero (a null never gets here)
        self.emit(f"if {c}:")
        self.indent += 1
        v, t = self.gen(parts[1])
        types.add(t)
        self.emit(f"{r} = {v}")
        self.indent -= 1
        self.emit("else:")
        self.indent += 1
        self._chain(parts[2:], r, types)
        self.indent -= 1


def compile_unboxed(params, local_names, body, scope, compile_node):
    """An Unboxed version of a lambda whose body is pure: assignments of locals, then one
    expression, over long parameters and globals; or None. Its callers guard: every argument a
    long atom that is not null (and `bind()` checks the globals)."""
    if not body or not params:
        return None
    if not all(p.isidentifier() and not keyword.iskeyword(p) for p in list(params) + list(local_names)):
        return None
    g = _UnboxedGen(params, local_names, scope, compile_node)
    try:
        for stmt in body[:-1]:
            # statements before the last: plain assignments of locals (`a:x+1`)
            if not (stmt[0] == "asg" and stmt[3] is None and not stmt[4] and stmt[1] in local_names
                    and stmt[1] not in params):
                raise Unsupported("statement")
            v, t = g.gen(stmt[2])
            g.emit(f"l_{stmt[1]} = {v}")
            g.types[stmt[1]] = t
        r, rtype = g.gen(body[-1])
    except (Unsupported, RecursionError):
        return None
    src = ("def _make(" + ", ".join(g.globals.values()) + "):\n"
           "    def _unboxed(" + ", ".join(f"l_{p}" for p in params) + "):\n" + "\n".join(g.lines) +
           ("\n" if g.lines else "") + f"        return {r}\n    return _unboxed\n")
    code = CODE_CACHE.get(src)
    if code is None:
        code = CODE_CACHE[src] = compile(src, "<q lambda, unboxed>", "exec")
    ns = {"BIG": 1 << 63, "Deopt": Deopt}
    exec(code, ns)      # our own generated source
    return Unboxed(ns["_make"], g.readers, rtype, src, len(body) > 1)
