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

from ..base.values import Atom, EXACT_ATOM_TYPES

RUNTIME = {}        # filled by evaluator.py: apply, apply1, is_true, IDENTITY, STATE, _step, ...
CODE_CACHE = {}     # generated source -> code object
CODE_CACHE_MAX = 4096

_NULLJ = -(1 << 63)
_LONG_OPS = {"+": "+", "-": "-", "*": "*"}
_COMPARE_OPS = {"<": "<", ">": ">", "=": "==", "<>": "!=", "<=": "<=", ">=": ">="}
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


def _uses_self(node):
    if isinstance(node, tuple):
        if node and node[0] == "v" and node[1] == ".z.s":
            return True
        if node and node[0] == "lam":
            return False
        return any(_uses_self(n) for n in node)
    if isinstance(node, (list, dict)):
        items = node.values() if isinstance(node, dict) else node
        return any(_uses_self(n) for n in items)
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
        if _uses_self(node):
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
