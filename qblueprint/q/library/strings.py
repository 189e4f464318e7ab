"""Text keywords: `trim ltrim rtrim` (which drop nulls from the ends of any simple list, as
kdb+'s q.k defines them), `md5`, the .Q formatters `.Q.f .Q.fmt .Q.s`; and making many q
strings at once."""
import csv
import hashlib

import numpy as np

from ..base.errors import QError
from ..base.values import Atom, Vec, QList, Dict, Table, Enum, Null, Fn, count, from_items, string_of, char_vec, sym_vec
from ..output.display import atom_text, inline, item_texts
from ..prims.casting import enum_values
from ..base.registry import REGISTRY, kw
from ..prims import verbs as V
from ..output.display import console_text, DEFAULT_CONSOLE_SIZE
from ..evaluation import evaluator as ev
from ..base.values import items_of
from ..prims.casting import cast
from ..output.display import fmt_float
from ..prims.tables import split_keyed


def _trim_ends(x, left, right):
    """x without its leading (left) and/or trailing (right) nulls; lists recurse to their items."""
    if type(x) is Vec:
        nulls = V.null_mask(x)
        start, stop = 0, len(nulls)
        if left:
            while start < stop and nulls[start]:
                start += 1
        if right:
            while stop > start and nulls[stop - 1]:
                stop -= 1
        return Vec(x.t, x.a[start:stop].copy()) if (start, stop) != (0, len(nulls)) else x
    if type(x) is QList:
        return from_items([_trim_ends(i, left, right) for i in x.items])
    if type(x) is Dict:
        # a dictionary's (or table's) values are trimmed one by one: atoms stay as they are
        return Dict(x.k, _trim_ends(x.v, left, right) if type(x.v) is QList else x.v)
    if type(x) is Table:
        return Table(x.cols, [_trim_ends(c, left, right) if type(c) is QList else c for c in x.vals])
    return x


@kw("trim")
def trim(x):
    return _trim_ends(x, True, True)


@kw("ltrim")
def ltrim(x):
    return _trim_ends(x, True, False)


@kw("rtrim")
def rtrim(x):
    return _trim_ends(x, False, True)


@kw("md5")
def md5(x):
    if not ((type(x) is Vec and x.t in (4, 10)) or (type(x) is Atom and x.t == -10)):
        raise QError("type")
    raw = x.a.tobytes() if type(x) is Vec else string_of(x).encode("latin-1")
    return Vec(4, np.frombuffer(hashlib.md5(raw).digest(), dtype=np.uint8).copy())


@kw("hsym")
def hsym(x):
    """A symbol as a file or network handle: a colon in front unless it has one. Pure text on
    symbols; no file is touched."""
    def handle(name):
        return name if name.startswith(":") else ":" + name
    if type(x) is Atom and x.t == -11:
        return Atom(-11, handle(x.v))
    if type(x) is Vec and x.t == 11:
        return sym_vec([handle(n) for n in x.a.tolist()])
    raise QError("type")


def char_vectors(texts):
    """q strings of Python strings, cut from one buffer (much faster than one at a time)."""
    data = np.frombuffer("".join(texts).encode("latin-1", "replace"), dtype=np.uint8)
    ends = np.cumsum([len(s) for s in texts]).tolist()
    starts = [0] + ends[:-1]
    return [Vec(10, data[a:b].copy()) for a, b in zip(starts, ends)]


# ----------------------------------------------------------------- .Q text formatting

def _fixed(decimals, v):
    """q's .Q.f: v with the given decimals, rounding half away from zero as "j"$ does."""
    if v != v:
        return ""
    if v < 0:
        return "-" + _fixed(decimals, -v)
    if v < 1:
        return _fixed(decimals, 10 + v)[1:]
    scaled = v * 10.0 ** decimals
    if scaled >= 9e15:
        return fmt_float(v)
    digits = str(int(scaled + 0.5))
    return digits[:len(digits) - decimals] + "." + digits[len(digits) - decimals:]


def _number(x):
    if type(x) is not Atom or -x.t not in (5, 6, 7, 8, 9) and -x.t not in (1, 4):
        raise QError("type")
    return float(V.data(x, 9))


@kw(".Q.f", 2)
def q_f(decimals, x):
    return char_vec(_fixed(int(_number(decimals)), _number(x)))


@kw(".Q.fmt", 3)
def q_fmt(width, decimals, x):
    """x with the given decimals right-aligned in width characters (all "*" if it does not fit)."""
    w = int(_number(width))
    text = _fixed(int(_number(decimals)), _number(x))
    return char_vec("*" * w if len(text) > w else text.rjust(w))


@kw(".Q.s")
def q_s(x):
    """What the console would print for x, as one string of newline-ended lines."""
    if isinstance(x, Null):
        return char_vec("")
    session = ev.STATE.session
    size = session.console_size if session is not None else DEFAULT_CONSOLE_SIZE
    return char_vec(console_text(x, size) + "\n")


# ----------------------------------------------------------------- 0: on text held in strings

def zero_colon(x, y):
    """`0:` without files: `(types;delim) 0: lines` parses delimited text into columns (a table
    when delim is enlisted: the first line names the columns), `"S=;" 0: text` reads key=value
    pairs, `delim 0: table` prepares delimited text. A file handle is 'access."""
    if (type(y) is Atom and y.t == -11) or (type(x) is Atom and x.t == -11):
        raise QError("access")      # files: reading or writing them is out of reach
    if type(x) is Atom and x.t == -10 and isinstance(y, QList) and y.items:
        # a list of columns: its rows as delimited text, with no header line
        cols = y.items
        if any(type(c) is Atom or isinstance(c, (Dict, Table, Fn)) for c in cols):
            raise QError("type")
        if len({count(c) for c in cols}) != 1:
            raise QError("length")
        return QList(items_of(zero_colon(x, Table(["x%d" % j for j in range(len(cols))], cols)))[1:])
    if type(x) is Atom and x.t == -10 and isinstance(y, (Table, Dict)):
        if isinstance(y, Dict):
            if not isinstance(y.k, Table):
                raise QError("type")
            k, v = y.k, y.v
            y = Table(k.cols + v.cols, k.vals + v.vals)
        d = chr(x.v)
        qstring = string
        cells = [[string_of(s) for s in items_of(qstring(c))] for c in y.vals]
        lines = [d.join(y.cols)] + [d.join(row) for row in zip(*cells)]
        return QList([char_vec(s) for s in lines])
    if type(x) is Vec and x.t == 10 and len(x.a) == 3:
        # key-value pairs: "S=;" 0: "a=1;b=2"
        t, kv, sep = string_of(x)
        text = string_of(y) if type(y) is Vec else "".join(string_of(i) for i in items_of(y))
        pairs = [p.split(kv, 1) for p in text.split(sep) if p]
        keys = [p[0] for p in pairs]
        vals = [p[1] if len(p) > 1 else "" for p in pairs]
        return QList([cast(Atom(-10, ord(t)), QList([char_vec(k) for k in keys])),
                      QList([char_vec(v) for v in vals])])
    if not (isinstance(x, QList) and len(x.items) == 2):
        raise QError("type")
    types, delim = x.items
    types = string_of(types) if type(types) is Vec else chr(types.v)
    header = type(delim) is Vec or isinstance(delim, QList)
    if header:
        delim = items_of(delim)[0]
    if not (type(delim) is Atom and delim.t == -10):
        raise QError("type")
    d = chr(delim.v)
    if type(y) is Vec and y.t == 10:
        lines = string_of(y).split("\n")
    else:
        lines = [string_of(i) for i in items_of(y)]
    rows = list(csv.reader(lines, delimiter=d)) if d != " " else [ln.split(" ") for ln in lines]
    names = None
    if header:
        if not rows:
            raise QError("length")
        names, rows = rows[0], rows[1:]
    cols, kept = [], []
    for j, c in enumerate(types):
        if c == " ":
            continue
        texts = QList([char_vec(r[j] if j < len(r) else "") for r in rows])
        if c == "*":
            cols.append(texts)
        else:
            cols.append(cast(Atom(-10, ord(c)), texts))
        kept.append(j)
    if header:
        return Table([names[j] if j < len(names) else "x%d" % j for j in kept], cols)
    return QList(cols)


# ----------------------------------------------------------------- string, lower, upper

@kw("string")
def string(x):
    tx = type(x)
    if tx is Atom:
        if x.t == -10:
            return char_vec(bytes([x.v]))
        if x.t not in (-1, -2, -4, -11) and V.is_null_atom(x):
            return char_vec(b"")          # string of a null is empty: string 0N is ""
        return char_vec(atom_text(-x.t, x.v))
    if tx is Vec:
        if x.t == 10:
            return QList([Vec(10, x.a[i:i + 1].copy()) for i in range(len(x.a))])
        texts = item_texts(x)
        if x.t not in (1, 2, 4, 11):
            texts = ["" if n else t for t, n in zip(texts, V.null_mask(x).tolist())]
        return QList(char_vectors(texts))
    if tx is QList:
        return QList([string(i) for i in x.items])
    if tx is Dict:
        return Dict(x.k, string(x.v))
    if tx is Table:
        return Table(x.cols, [string(c) for c in x.vals])
    if isinstance(x, Enum):
        return string(enum_values(x))
    return char_vec(inline(x))


def _str_map(fn):
    def f(x):
        tx = type(x)
        if tx is Vec and x.t == 10:
            return char_vec(fn(string_of(x)))
        if tx is Atom and x.t == -10:
            return Atom(-10, ord(fn(chr(x.v))[:1] or " "))
        if tx is Atom and x.t == -11:
            return Atom(-11, fn(x.v))
        if tx is Vec and x.t == 11:
            return sym_vec([fn(s) for s in x.a])
        if tx is QList:
            return QList([f(i) for i in x.items])
        if tx is Dict:
            return Dict(x.k, f(x.v))
        raise QError("type")
    return f


_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def lower(x):
    # ASCII letters only: other bytes (UTF-8 sequences among them) pass through unchanged
    return _str_map(lambda s: s.translate(_LOWER))(x)


REGISTRY["lower"] = (lower, 1)
REGISTRY["upper"] = (_str_map(lambda s: s.translate(_UPPER)), 1)
