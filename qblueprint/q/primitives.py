"""The table of primitive glyphs: each operator's unary (monadic) and binary (dyadic) forms."""
from .errors import QError
from .values import Prim, Atom, Fn, IDENTITY, enlist
from . import verbs as V
from . import keywords as K
from . import evaluator as ev


def _assign_verb(x, y):
    """Dyadic `:` (as used in amend: `@[x;i;:;y]`) returns its right argument."""
    return y


def _apply_at(x, y):
    return ev.apply(x, [y]) if not (isinstance(x, Fn)) else ev.apply1(x, y)


def _apply_dot(x, y):
    from .values import items_of, Vec, QList, Dict
    if type(x) is Atom and x.t == -11 and x.v and not x.v.startswith(":"):
        x = ev.deref_symbol(x.v)     # `f . args applies what the symbol names
    if isinstance(x, Fn):
        if type(y) is Atom:
            return ev.apply(x, [y])
        args = items_of(y) if isinstance(y, (Vec, QList)) else [y]
        if not args:
            return ev.apply(x, [IDENTITY])
        return ev.apply(x, args)
    if type(y) is Atom:
        return ev.index(x, y)
    if isinstance(y, Dict):
        return ev.index(x, y)
    idxs = items_of(y)
    if not idxs:
        return x
    return ev.index_depth(x, idxs)


def _unary_colon(x):
    return x


GLYPHS = {
    "+": (K.flip, V.add),
    "-": (V.neg, V.sub),
    "*": (K.first, V.mul),
    "%": (K.reciprocal, V.fdiv),
    "&": (K.where, V.vmin),
    "|": (K.reverse, V.vmax),
    "^": (V.null, V.fill),
    "=": (K.group, V.eq),
    "<>": (None, V.ne),
    "<": (K.iasc, V.lt),
    ">": (K.idesc, V.gt),
    "<=": (None, V.le),
    ">=": (None, V.ge),
    "~": (V.not_, V.match_verb),
    "!": (K.key_or_til, V.make_dict),
    "#": (K.count_, V.take),
    "_": (K.floor, V.drop),
    ",": (enlist, V.join),
    "$": (K.string, None),
    "?": (K.distinct, V.find),
    "@": (K.type_, _apply_at),
    ".": (K.value, _apply_dot),
    ":": (_unary_colon, _assign_verb),
}


def _io_access(*args):
    raise QError("access")


def _zero_colon(x, y):
    from .strings import zero_colon
    return zero_colon(x, y)


def _build():
    from .casting import cast
    # 0: parses and prepares text held in strings; files (and 1: 2:) are out of reach
    ev.PRIMS["0:"] = Prim("0:", _io_access, _zero_colon)
    ev.PRIMS["1:"] = Prim("1:", _io_access, _io_access)
    ev.PRIMS["2:"] = Prim("2:", _io_access, _io_access)
    for g in ("0:", "1:", "2:"):
        ev.UNARY[g] = _io_access
    for glyph, (f1, f2) in GLYPHS.items():
        if glyph == "$":
            f2 = cast
        ev.PRIMS[glyph] = Prim(glyph, f1, f2)
        ev.UNARY[glyph] = f1 if f1 is not None else _no_unary(glyph)


def _no_unary(glyph):
    def f(x):
        raise QError("rank")
    return f


def unary_prim(glyph):
    """k-style `op:` token used as a value: the primitive's unary form."""
    f1 = ev.UNARY[glyph]
    return Prim(glyph + ":", f1, None, t=101, rank=1)


def apply_n(p, args):
    """Primitives applied to three or four arguments: amend (@ .), trap, vector conditional (?)."""
    g = p.name
    if g == "@":
        return K.at_n(args)
    if g == ".":
        return K.dot_n(args)
    if g == "?":
        return K.query_n(args)
    if g == "!" and len(args) == 4:
        from .functional import amend
        return amend(args)
    raise QError("rank")


_build()
