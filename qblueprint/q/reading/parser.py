"""Parser: tokens -> AST (nested tuples).

Node forms (first element is the tag):
  ('k', value)                      constant
  ('v', name)                       variable / keyword reference
  ('ap', f, [arg or None, ...])     bracket application (None = elided argument)
  ('ap1', f, x)                     juxtaposition or monadic use of a verb
  ('ap2', f, x, y)                  infix (dyadic) use of a verb
  ('prj', f, x)                     left section such as `2+`
  ('adv', glyph, f)                 iterator applied to a function: f' f/ f\\ f': f/: f\\:
  ('lam', src, params, body, locals) lambda
  ('list', [nodes])                 (a;b;c)
  ('seq', [nodes])                  [a;b;c] block
  ('asg', name, node, op, glob)     name:x  name::x  name op: x
  ('asgi', name, [idx], node, op, glob)  name[i;j]:x   name[i] op: x
  ('cond', [nodes])  ('if', c, [nodes])  ('do', n, [nodes])  ('while', c, [nodes])
  ('ret', node)  ('sig', node)
  ('tab', [(name, node)], [(name, node)])  table literal, key columns first
  ('qsql', kind, ...)               select/exec/update/delete (see qsql)
  ('nop',)                          empty statement -> ::
"""
from ..base.errors import QError
from .lexer import tokenize
from .pattern_syntax import from_node
from ..base.values import QList

# keywords that q lets you use infix (x kw y); all other names are nouns
INFIX_KEYWORDS = frozenset("""
and or mod div xexp xlog in within like ss sv vs xbar xprev bin binr cross except inter union
each over scan prior peach cut sublist rotate xcol xcols xkey xasc xdesc xgroup xrank mavg msum
mmax mmin mdev mcount ema wavg wsum cov cor scov set upsert insert fby lj ljf ij ijf ej uj ujf pj
aj aj0 ajf ajf0 asof wj wj1 lsq mmu dsave like ss ssr xlog""".split())

# unary keywords: q parses these as verbs, so a glyph verb after one is used monadically
# (`count ,1` is count[,1] and `enlist ,"a"` is enlist[,"a"], not a join)
UNARY_KEYWORDS = frozenset("""
abs acos all any asc asin atan avg avgs ceiling cols cos count deltas desc dev differ distinct
enlist eval exp fills first flip floor get group hcount hsym iasc idesc inv key keys last log
lower ltrim max maxs med min mins neg next not null parse prd prds prev rank ratios raze
reciprocal reverse rtrim sdev signum sin sqrt string sum sums svar tan til trim type ungroup
upper value var where""".split())

CONTROL = frozenset(("if", "do", "while"))
QSQL = frozenset(("select", "exec", "update", "delete"))
STOP = frozenset((";", ")", "]", "}", "nl"))


class Scope:
    """Names a lambda assigns (its locals) and which of x y z it uses."""
    __slots__ = ("assigned", "xyz", "params", "globals_set")

    def __init__(self):
        self.assigned = []
        self.xyz = 0
        self.params = ()
        self.globals_set = set()    # names set with :: before any local assignment


# the verb a train closed by :: is built with, so that its last function ends the composition
# as it is (built as `f@`, then unwrapped to f)
_LAST_UNAPPLIED = ("op", "@")


def _unapplied_last(node):
    if node[0] == "prj" and node[1] is _LAST_UNAPPLIED:
        return node[2]
    if node[0] == "comp":
        return ("comp", node[1], _unapplied_last(node[2]))
    return node


class Parser:
    def __init__(self, src, toks):
        self.src = src
        self.toks = toks
        self.i = 0
        self.scopes = []
        # the lambda scope whose x y z this parser does not count: a qSQL phrase's
        # (basics/qsql.md: x y z inside select, by and where phrases do not make arguments)
        self.masked_scope = None
        # lambda depth of the qSQL phrase this parser reads (None: not a phrase); q builds the
        # phrase's parse tree, where $[c;t;f] is the operator $ applied to its items, not Cond
        self.phrase_depth = None

    def peek(self, k=0):
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def kind(self, k=0):
        t = self.peek(k)
        return t.kind if t is not None else None

    def next(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, kind):
        t = self.peek()
        if t is None or t.kind != kind:
            raise QError(kind if t is None else str(t.val))
        self.i += 1
        return t

    # ------------------------------------------------------------- sequences

    def statements(self, closer=None):
        """`;`/newline separated expressions up to `closer` (or end). Empty ones become nop."""
        out = []
        while True:
            while self.kind() == "nl":
                self.i += 1
            out.append(self.expr())
            k = self.kind()
            if k == ";":
                self.i += 1
                while self.kind() == "nl":
                    self.i += 1
                if self.kind() == closer or (closer is None and self.peek() is None):
                    out.append(("nop",))
                    break
                continue
            if k == "nl":
                while self.kind() == "nl":
                    self.i += 1
                if self.kind() == closer or (closer is None and self.peek() is None):
                    break
                continue
            break
        if closer is not None:
            self.expect(closer)
        elif self.peek() is not None:
            raise QError(str(self.peek().val))
        return out

    def args(self, closer):
        """Bracket/paren arguments: `;` separated, empty slots -> None."""
        out = []
        while True:
            while self.kind() == "nl":
                self.i += 1
            if self.kind() in (";", closer):
                out.append(None)
            else:
                out.append(self.expr())
            while self.kind() == "nl":
                self.i += 1
            k = self.kind()
            if k == ";":
                self.i += 1
                continue
            self.expect(closer)
            return out

    # ------------------------------------------------------------- expressions

    def expr(self):
        terms = []  # (node, is_verb)
        while True:
            t = self.peek()
            if t is None or t.kind in STOP:
                break
            k = t.kind
            if (k == "name" and terms and self.kind(1) == "::"
                    and (self.peek(2) is None or self.kind(2) in STOP)
                    and all(not v for _, v in terms)):
                # a trailing :: closes a composition: sum abs:: is '[sum;abs]
                name = self.next().val
                self.i += 1
                node = ("v", name)
                for prev, _ in reversed(terms):
                    node = ("comp", prev, node)
                return node
            if k == "::" and terms and not terms[-1][1] and self._ends_after(1):
                # a trailing :: ends the train unapplied: one value stays itself (`3 ::` is 3),
                # a longer train is a composition whose last function keeps its rank
                # (`8 cut raze::` is unary, `sum (<>)::` binary)
                self.i += 1
                if len(terms) > 1:
                    return _unapplied_last(self.build(terms + [(_LAST_UNAPPLIED, True)], 0))
                break
            if k == "::" and terms and terms[-1][1] and self._ends_after(1):
                # after a verb the train is already a function: sum 2#:: and 10-:: compose
                self.i += 1
                return self.build(terms, 0)
            if k == "name" and self._assignment_ahead():
                terms.append((self.assignment(), False))
                break
            if k == "(" and self._pattern_ahead():
                terms.append((self.pattern_assignment(), False))
                break
            if not terms:
                nxt = self.peek(1)
                if k == ":" and nxt is not None and nxt.kind == "[" and not nxt.sp:
                    # pattern conditional :[v;p1;r1;...;rd] (4.1)
                    self.i += 2
                    parts = self.args("]")
                    parts = [p if p is not None else ("nop",) for p in parts]
                    if len(parts) < 2:
                        raise QError("rank")
                    clauses = []
                    rest = parts[1:]
                    while len(rest) >= 2:
                        names = []
                        pat = from_node(rest[0], names)
                        self._declare(names)
                        clauses.append((pat, rest[1]))
                        rest = rest[2:]
                    node = ("pcond", parts[0], clauses, rest[0] if rest else ("nop",))
                    terms.append((node, False))
                    continue
                if k == ":" and not (nxt is None or nxt.kind in STOP or (nxt.kind == "adv" and not nxt.sp)):
                    self.i += 1
                    terms.append((("ret", self.expr() if self.kind() not in STOP and self.peek() is not None else ("k", None)), False))
                    break
                if k == "adv" and t.val == "'" and self.kind(1) != "[":
                    self.i += 1
                    terms.append((("sig", self.expr()), False))
                    break
            node, verb = self.term(terms)
            terms.append((node, verb))
        if not terms:
            return ("nop",)
        return self.build(terms, 0)

    def build(self, terms, i):
        """Right-to-left structure of a term sequence. An expression that ends in a verb
        lacking its right argument is a function: `2+` projects, `til count@` and `0|+` compose."""
        node, verb = terms[i]
        last = len(terms) - 1
        if i == last:
            return node
        trailing = terms[last][1]
        if not verb:
            nxt, nverb = terms[i + 1]
            # (a primitive's derived verb such as @' after one takes it as its left argument:
            # sum@'x is @'[sum;x]; a lambda's or name's, as in max {y+0|x}\x, is applied to)
            if (nverb and i + 1 < last and node[0] == "v"
                    and ((nxt[0] == "op" and nxt[1] not in "@.")
                         or (nxt[0] == "adv" and nxt[2][0] != "op"))
                    and node[1] in UNARY_KEYWORDS):
                rest = self.build(terms, i + 1)
                if trailing:
                    return ("comp", node, rest)
                return ("ap1", node, rest)
            if nverb:
                if i + 1 == last:
                    return ("prj", nxt, node)
                rest = self.build(terms, i + 2)
                if trailing:
                    return ("comp", ("prj", nxt, node), rest)
                return ("ap2", nxt, node, rest)
            rest = self.build(terms, i + 1)
            if trailing:
                return ("comp", node, rest)
            return ("ap1", node, rest)
        nxt, nverb = terms[i + 1]
        if nverb and nxt[0] == "op":
            # a verb with no left argument followed by an operator is that operator's left
            # argument, a noun: `+ . 2 3` is .[+;2 3], `ssr . args` is .[ssr;args] and
            # `- .` projects .[-;] (q has no unary forms of the glyphs to apply instead)
            if i + 1 == last:
                return ("prj", nxt, node)
            if not trailing:
                return ("ap2", nxt, node, self.build(terms, i + 2))
        rest = self.build(terms, i + 1)
        if trailing:
            # verb followed by a function-valued rest: composition such as (neg -)
            return ("comp", node, rest)
        return ("ap1", node, rest)

    def _assignment_ahead(self):
        """name followed by `:`, `::`, `op:` or `[...]` then one of those."""
        k1 = self.kind(1)
        if k1 == "::" and self._ends_after(2):
            return False        # `f::` ends a composition; it assigns nothing
        if k1 in (":", "::", "opc"):
            return True
        if k1 == "[":
            depth = 0
            j = self.i + 1
            while j < len(self.toks):
                kk = self.toks[j].kind
                if kk in "([{":
                    depth += 1
                elif kk in ")]}":
                    depth -= 1
                    if depth == 0:
                        nk = self.toks[j + 1].kind if j + 1 < len(self.toks) else None
                        if nk == "::" and self._ends_after(j + 2 - self.i):
                            return False
                        return nk in (":", "::", "opc")
                j += 1
        return False

    def _ends_after(self, k):
        """Whether the expression ends k tokens ahead."""
        return self.peek(k) is None or self.kind(k) in STOP

    def _pattern_ahead(self):
        """`(` ... `)` followed by `:`: the left side of a pattern assignment (4.1)."""
        depth = 0
        j = self.i
        while j < len(self.toks):
            kk = self.toks[j].kind
            if kk in ("(", "[", "{"):
                depth += 1
            elif kk in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    return j + 1 < len(self.toks) and self.toks[j + 1].kind == ":"
            j += 1
        return False

    def pattern_assignment(self):
        self.i += 1
        lhs = self.paren()
        self.expect(":")
        if self.peek() is None or self.kind() in STOP:
            raise QError("assign")
        rhs = self.expr()
        names = []
        pat = from_node(lhs, names)
        self._declare(names)
        return ("pasg", pat, rhs)

    def _declare(self, names):
        """Names a pattern binds are locals of the lambda being parsed."""
        if self.scopes:
            sc = self.scopes[-1]
            for n in names:
                if n not in sc.assigned and "." not in n:
                    sc.assigned.append(n)

    def assignment(self):
        name = self.next().val
        idx = None
        if self.kind() == "[":
            self.i += 1
            idx = self.args("]")
        t = self.next()
        op = None
        glob = t.kind == "::"
        if t.kind == "opc":
            op = ("op", t.val)
        start = self.i
        if self.peek() is None or self.kind() in STOP:
            rhs = ("k", None)
            if op is None:
                raise QError("assign")
        else:
            rhs = self.expr()
        if glob and idx is None and op is None and not self.scopes and _names_a_variable(rhs):
            # name::expr at the top level defines a view (see views.py)
            return ("view", name, rhs, self.src[self.toks[start].pos:self.toks[self.i - 1].end])
        if self.scopes and idx is None and "." not in name:
            # locals are fixed when the lambda is compiled: every name assigned with : anywhere
            # in the body is local; name::v sets the local when name is already local (or a
            # parameter), the global otherwise; a local assignment after :: is the error 'name.
            # name+:v does not make a local: like ::, it amends the local when there is one and
            # the global otherwise (a KX whitepaper's timer counts with cnt+:1 in .z.ts)
            sc = self.scopes[-1]
            if op is not None and not glob:
                pass        # neither declares a local nor marks a global
            elif glob:
                if name in sc.assigned or name in sc.params or (
                        not sc.params and name in ("x", "y", "z")):
                    glob = False
                else:
                    sc.globals_set.add(name)
            elif name not in sc.assigned:
                if name in sc.globals_set:
                    raise QError(name)
                sc.assigned.append(name)
        if name in ("x", "y", "z") and self.scopes:
            self._use_xyz(name)
        if idx is None:
            return ("asg", name, rhs, op, glob)
        return ("asgi", name, idx, rhs, op, glob)

    def _use_xyz(self, name):
        if self.scopes and self.scopes[-1] is not self.masked_scope:
            sc = self.scopes[-1]
            sc.xyz = max(sc.xyz, "xyz".index(name) + 1)

    def term(self, terms):
        t = self.next()
        k = t.kind
        verb = False
        if k == "const":
            node = ("k", t.val)
        elif k == "name":
            name = t.val
            if name in CONTROL and self.kind() == "[":
                self.i += 1
                parts = self.args("]")
                parts = [p if p is not None else ("nop",) for p in parts]
                node = (name, parts[0], parts[1:])
            elif name in QSQL:
                node = parse_qsql(self, name)
            else:
                if name in ("x", "y", "z"):
                    self._use_xyz(name)
                node = ("v", name)
                verb = name in INFIX_KEYWORDS
        elif k == "(":
            node = self.paren()
        elif k == "{":
            node = self.lam(t)
        elif k == "[":
            parts = self.args("]")
            node = ("seq", [p if p is not None else ("nop",) for p in parts])
        elif k == "op":
            if t.val == "$" and self.kind() == "[" and not self.peek().sp:
                self.i += 1
                parts = self.args("]")
                if self.phrase_depth == len(self.scopes):
                    # basics/qsql.md: Cond is not supported in a qSQL phrase ('rank)
                    node = ("ap", ("op", "$"), parts)
                else:
                    node = ("cond", [p if p is not None else ("nop",) for p in parts])
            else:
                node = ("op", t.val)
                verb = True
        elif k == "opc":
            # e.g. `#:` in k style: the unary form of the primitive
            node = ("op1", t.val)
        elif k == "::":
            node = ("k", None)
        elif k == ":":
            node = ("op", ":")
            verb = True
        elif k == "adv":
            if t.val == "'" and self.kind() == "[":
                self.i += 1
                parts = self.args("]")
                node = ("ap", ("adv0", "'"), parts)
            else:
                node = ("adv0", t.val)
        else:
            raise QError(str(t.val))
        # postfix: application brackets and iterators
        while True:
            p = self.peek()
            if p is None:
                break
            if p.kind == "[" and not (p.sp and verb and not terms):
                self.i += 1
                node = ("ap", node, self.args("]"))
                verb = False
                continue
            if p.kind == "adv" and (not p.sp or p.val[0] == "\\"):
                # a space may come before \ (f \ x scans; before / it starts a comment)
                self.i += 1
                node = ("adv", p.val, node)
                verb = True
                continue
            break
        return node, verb

    def paren(self):
        if self.kind() == ")":
            self.i += 1
            return ("k", QList([]))
        if self.kind() == "[":
            return self.table()
        items = self.args(")")
        if len(items) == 1:
            node = items[0]
            if node is not None and node[0] in ("op", "adv", "v"):
                return ("paren", node)
            return node if node is not None else ("k", None)
        if any(x is None for x in items):
            # a list with elided items is a projection of enlist: (10;;30) 20 is 10 20 30
            return ("ap", ("v", "enlist"), items)
        return ("list", items)

    def table(self):
        self.expect("[")
        keys = self.columns("]")
        if self.kind() == ";":
            self.i += 1
        cols = self.columns(")")
        return ("tab", keys, cols)

    def columns(self, closer):
        out = []
        if self.kind() == closer:
            self.i += 1
            return out
        while True:
            while self.kind() == "nl":
                self.i += 1
            if self.kind() == "name" and self.kind(1) == ":":
                name = self.next().val
                self.i += 1
                node = self.expr()
            else:
                node = self.expr()
                name = column_name(node, len(out))
            out.append((name, node))
            while self.kind() == "nl":
                self.i += 1
            if self.kind() == ";":
                self.i += 1
                continue
            self.expect(closer)
            return out

    def lam(self, open_tok):
        sc = Scope()
        self.scopes.append(sc)
        params = None
        try:
            while self.kind() == "nl":
                self.i += 1
            prologue = []
            if self.kind() == "[":
                self.i += 1
                params = []
                while self.kind() != "]":
                    # a parameter is a name, nothing (an unused one) or a pattern (4.1)
                    if self.kind() == "name" and self.kind(1) in (";", "]"):
                        params.append(self.next().val)
                    elif self.kind() in (";", "]"):
                        params.append("_p%d" % len(params))
                    else:
                        node = self.expr()
                        names = []
                        pat = from_node(node, names)
                        self._declare(names)
                        pname = "_p%d" % len(params)
                        params.append(pname)
                        prologue.append(("pasg", pat, ("v", pname)))
                    if self.kind() == ";":
                        self.i += 1
                        if self.kind() == "]":
                            params.append("_p%d" % len(params))
                        continue
                    if self.kind() != "]":
                        raise QError(str(self.peek().val) if self.peek() is not None else "]")
                self.i += 1
                sc.params = tuple(params)
            body = self.statements("}")
            if prologue:
                body = prologue + body
        finally:
            self.scopes.pop()
        close = self.toks[self.i - 1]
        src = self.src[open_tok.pos:close.end]
        if params is None:
            params = ["x", "y", "z"][:max(sc.xyz, 1)]
        if len(params) > 8:
            raise QError("params")
        local_names = [n for n in sc.assigned if n not in params]
        return ("lam", src, tuple(params), body, tuple(local_names))


def _names_a_variable(node):
    if isinstance(node, tuple):
        if len(node) == 2 and node[0] == "v":
            return True
        return any(_names_a_variable(part) for part in node[1:])
    if isinstance(node, list):
        return any(_names_a_variable(part) for part in node)
    return False


def column_name(node, i):
    """Name q gives a column from its defining expression: the name of the argument that
    names it (see _first_arg_name), else x, x1, x2... (`2*c` and the virtual column i name
    no column)"""
    name = _first_arg_name(node)
    if name is not None:
        return name
    return "x" if i == 0 else "x%d" % i


def _first_arg_name(node):
    tag = node[0]
    if tag == "v":
        if node[1] == "i":
            return None     # the row index as an argument names no column: select count i gives x
        return node[1].split(".")[-1]
    if tag == "ap1":
        return _first_arg_name(node[2])
    if tag == "ap2":
        # an operator's column is named by its left argument (basics/qsql.md: 2*c is x, a+b
        # is a); a keyword's applied infix by its right one (ref: size wavg price is price,
        # 10 xbar time.minute is minute)
        if node[1][0] == "op":
            return _first_arg_name(node[2])
        if node[1][0] == "v":
            return _first_arg_name(node[3])
        return _first_arg_name(node[2]) or _first_arg_name(node[3])
    if tag == "ap":
        for a in node[2]:
            if a is not None:
                found = _first_arg_name(a)
                if found:
                    return found
        return None
    if tag == "paren":
        return _first_arg_name(node[1])
    return None


def parse(src):
    """Parse q source into a list of statement nodes."""
    p = Parser(src, tokenize(src))
    return p.statements()


_CLAUSE_WORDS = ("by", "from", "where")


class _AllNames:
    """Compile-time scope in which every name may be a column (looked up in the row env)."""

    def __contains__(self, name):
        return True


ALL = _AllNames()


# ----------------------------------------------------------------- qSQL templates

def parse_qsql(p, kind):
    """Parse a qSQL template after its keyword; returns ('qsql', kind, spec)."""
    spec = {"distinct": False, "limit": None, "cols": [], "by": None, "from": None, "where": []}
    if kind == "select" and p.kind() == "[" and not p.peek().sp:
        p.i += 1
        spec["limit"] = p.args("]")
    if p.kind() == "name" and p.peek().val == "distinct" and kind == "select":
        p.i += 1
        spec["distinct"] = True
    spec["cols"] = _column_list(p, ("by", "from"))
    if _at_word(p, "by"):
        p.i += 1
        spec["by"] = _column_list(p, ("from",))
        if kind == "select":
            # a result column named as a group is refused when parsed (basics/qsql.md, since 4.0)
            groups = {name for name, _ in spec["by"]}
            for name, _ in spec["cols"]:
                if name in groups:
                    raise QError("dup names for cols/groups " + name)
    if not _at_word(p, "from"):
        raise QError("from")
    p.i += 1
    spec["from"] = _sub_expr(p, ("where",))
    if _at_word(p, "where"):
        p.i += 1
        spec["where"] = [node for _, node in _column_list(p, ())]
    return ("qsql", kind, spec)


def _at_word(p, word):
    t = p.peek()
    return t is not None and t.kind == "name" and t.val == word


def _segment_end(p, words):
    """Index of the token ending the expression at p.i: a depth-0 `,`, a clause word or a stop."""
    depth = 0
    j = p.i
    toks = p.toks
    while j < len(toks):
        t = toks[j]
        k = t.kind
        if k in "([{":
            depth += 1
        elif k in ")]}":
            if depth == 0:
                return j
            depth -= 1
        elif depth == 0:
            if k == ";" or k == "nl":
                return j
            if k == "op" and t.val == ",":
                return j
            if k == "name" and t.val in words:
                return j
        j += 1
    return j


def _sub_expr(p, words):
    # the from-expression may contain commas (joins): only clause words end it
    depth = 0
    j = p.i
    while j < len(p.toks):
        t = p.toks[j]
        if t.kind in "([{":
            depth += 1
        elif t.kind in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (t.kind in (";", "nl") or (t.kind == "name" and t.val in words)):
            break
        j += 1
    end = j
    sub = Parser(p.src, p.toks[p.i:end])
    sub.scopes = p.scopes
    node = sub.expr()
    if sub.peek() is not None:
        raise QError(str(sub.peek().val))
    p.i = end
    return node


def _column_list(p, words):
    out = []
    while True:
        t = p.peek()
        if t is None or t.kind in (";", ")", "]", "}", "nl") or (t.kind == "name" and t.val in words):
            return out
        end = _segment_end(p, words)
        toks = p.toks[p.i:end]
        name = None
        if len(toks) >= 2 and toks[0].kind == "name" and toks[1].kind == ":":
            name = toks[0].val
            toks = toks[2:]
        sub = Parser(p.src, toks)
        sub.scopes = p.scopes
        if p.scopes:
            sub.masked_scope = p.scopes[-1]
        sub.phrase_depth = len(p.scopes)
        node = sub.expr()
        if sub.peek() is not None:
            raise QError(str(sub.peek().val))
        out.append((name or column_name(node, 0), node))   # a repeated x is made x1... with the rest
        p.i = end
        if p.kind() == "op" and p.peek().val == ",":
            p.i += 1
