"""q values: atoms, numpy-backed vectors, general lists, dictionaries, tables and functions.

Atoms keep a plain Python scalar in `v` (ints for every integral and temporal type, floats for
real/float/datetime, str for symbols, the character code for chars) so scalar code stays fast;
vectors keep a numpy array in `a` tagged with the positive q type `t`.
"""
import datetime as _dt
import threading
import uuid

import numpy as np

from .errors import QError
from .nulls import NULL_INT, INF_INT
from .temporal import to_python as temporal_to_python, EPOCH_ORDINAL as _EPOCH_ORDINAL
from .upcalls import UP

# atom types whose values compare exactly as Python values (no tolerance, no nulls to mind)
EXACT_ATOM_TYPES = frozenset((-1, -4, -5, -6, -7, -10, -11, -12, -13, -14, -16, -17, -18, -19))

# q type number -> (name, type char, numpy dtype)
TYPES = {
    1: ("boolean", "b", np.bool_),
    2: ("guid", "g", object),
    4: ("byte", "x", np.uint8),
    5: ("short", "h", np.int16),
    6: ("int", "i", np.int32),
    7: ("long", "j", np.int64),
    8: ("real", "e", np.float32),
    9: ("float", "f", np.float64),
    10: ("char", "c", np.uint8),
    11: ("symbol", "s", object),
    12: ("timestamp", "p", np.int64),
    13: ("month", "m", np.int32),
    14: ("date", "d", np.int32),
    15: ("datetime", "z", np.float64),
    16: ("timespan", "n", np.int64),
    17: ("minute", "u", np.int32),
    18: ("second", "v", np.int32),
    19: ("time", "t", np.int32),
}
TYPE_NAMES = {name: t for t, (name, _, _) in TYPES.items()}
TYPE_CHARS = {ch: t for t, (_, ch, _) in TYPES.items()}


def type_table(columns, rows):
    """{(x's type, y's type): result type} of one of the reference's domain-and-range tables:
    `columns` the type letters of y in order, `rows` x's type letter -> the result letters in
    that order, "." where q signals 'type (such pairs are left out)."""
    return {(TYPE_CHARS[x], TYPE_CHARS[y]): TYPE_CHARS[r]
            for x, row in rows.items() for y, r in zip(columns, row) if r != "."}
DTYPES = {t: np.dtype(dt) for t, (_, _, dt) in TYPES.items()}

INT_TYPES = frozenset((5, 6, 7))
FLOAT_TYPES = frozenset((8, 9))
NUMERIC_TYPES = frozenset((1, 4, 5, 6, 7, 8, 9))
TEMPORAL_TYPES = frozenset((12, 13, 14, 15, 16, 17, 18, 19))
# types stored as integers whose minimum value is null
INT_NULLED = frozenset((5, 6, 7, 12, 13, 14, 16, 17, 18, 19))

NULL_GUID = uuid.UUID(int=0)


def null_of(t):
    """The Python scalar q uses as the null of atom type abs(t)."""
    t = abs(t)
    if t in NULL_INT:
        return NULL_INT[t]
    if t in (8, 9, 15):
        return float("nan")
    if t == 11:
        return ""
    if t == 10:
        return 32
    if t == 2:
        return NULL_GUID
    if t == 1:
        return False
    if t == 4:
        return 0
    return None


def is_null_scalar(t, v):
    t = abs(t)
    if t in NULL_INT:
        return v == NULL_INT[t]
    if t in (8, 9, 15):
        return v != v
    if t == 11:
        return v == ""
    if t == 10:
        return v == 32
    if t == 2:
        return v == NULL_GUID
    return False


class _Limits(threading.local):
    """Guard rails of the session running in this thread; the Session sets them for each call."""

    def __init__(self):
        self.max_bytes = 1 << 28


Limits = _Limits()


def check_alloc(n, itemsize=8):
    if n < 0:
        raise QError("domain")
    if n * itemsize > Limits.max_bytes:
        raise QError("wsfull")


class QValue:
    __slots__ = ()
    t = 0

    def py(self):
        raise NotImplementedError

    def np(self):
        return np.array(self.py(), dtype=object)

    def __repr__(self):
        display = UP.display
        return display(self)

    def __eq__(self, other):
        match = UP.match
        return isinstance(other, QValue) and match(self, other)

    def __hash__(self):
        return id(self)


class Atom(QValue):
    __slots__ = ("t", "v")

    def __init__(self, t, v):
        self.t = t
        self.v = v

    def py(self):
        t = -self.t
        if t == 10:
            return bytes([self.v])
        if t == 1:
            return bool(self.v)
        if t in TEMPORAL_TYPES:
            return temporal_to_python(t, self.v)
        if t == 11:
            return text_from_q(self.v)
        return self.v

    def np(self):
        t = -self.t
        if t == 11:
            return np.str_(self.v)
        if t == 2:
            return self.v
        return DTYPES[t].type(self.v)

    def __eq__(self, other):
        return isinstance(other, Atom) and other.t == self.t and (
            other.v == self.v or (other.v != other.v and self.v != self.v))

    __hash__ = QValue.__hash__


class Vec(QValue):
    """A simple list: numpy array `a` of q type `t` (1..19) with optional attribute."""
    __slots__ = ("t", "a", "attr")

    def __init__(self, t, a, attr=""):
        self.t = t
        self.a = a
        self.attr = attr

    def __len__(self):
        return len(self.a)

    def item(self, i):
        return Atom(-self.t, scalar(self.t, self.a[i]))

    def py(self):
        t = self.t
        if t == 10:
            return self.a.tobytes()
        if t in TEMPORAL_TYPES:
            return [temporal_to_python(t, x) for x in self.a.tolist()]
        if t == 11:
            return [text_from_q(x) for x in self.a.tolist()]
        return self.a.tolist()

    def np(self):
        return self.a


class QList(QValue):
    """A general (mixed) list, q type 0. It can carry an attribute too (asc sets `s), which
    the console does not show for nested lists."""
    __slots__ = ("items", "attr")
    t = 0

    def __init__(self, items, attr=""):
        self.items = items
        self.attr = attr

    def __len__(self):
        return len(self.items)

    def item(self, i):
        return self.items[i]

    def py(self):
        return [x.py() for x in self.items]


class Dict(QValue):
    __slots__ = ("k", "v")
    t = 99

    def __init__(self, k, v):
        self.k = k
        self.v = v

    def py(self):
        if isinstance(self.k, Table):
            return {"keys": self.k.py(), "values": self.v.py()}
        keys = self.k.py()
        vals = self.v.py()
        if not isinstance(vals, list):
            vals = [vals] * len(keys)
        return dict(zip(keys, vals))


class Table(QValue):
    """An unkeyed table: column names (str) and equally long column values."""
    __slots__ = ("cols", "vals")
    t = 98

    def __init__(self, cols, vals):
        self.cols = list(cols)
        self.vals = list(vals)

    def __len__(self):
        return count(self.vals[0]) if self.vals else 0

    def py(self):
        return {c: v.py() for c, v in zip(self.cols, self.vals)}


class Fn(QValue):
    __slots__ = ()


class Lambda(Fn):
    """A q lambda: source text, parameter names, compiled body (see evaluator)."""
    __slots__ = ("src", "params", "locals", "body", "rank", "ns")
    t = 100

    def __init__(self, src, params, local_names, body, ns=""):
        self.src = src
        self.params = params
        self.locals = local_names
        self.body = body
        # a niladic {[] ...} is applied like a unary one whose argument it ignores: f[] or f x
        self.rank = len(params) or 1
        self.ns = ns


class Prim(Fn):
    """A primitive operator such as `+` (type 102) or a unary primitive/keyword (type 101)."""
    __slots__ = ("name", "f1", "f2", "t", "rank")

    def __init__(self, name, f1=None, f2=None, t=102, rank=None):
        self.name = name
        self.f1 = f1
        self.f2 = f2
        self.t = t
        self.rank = rank if rank is not None else (2 if f2 is not None else 1)


class Keyword(Fn):
    """A keyword implemented in Python with a fixed rank (displayed by name)."""
    __slots__ = ("name", "fn", "rank", "t")

    def __init__(self, name, fn, rank, t=100):
        self.name = name
        self.fn = fn
        self.rank = rank
        self.t = t


class Adverb(Fn):
    """An iterator glyph on its own (type 103)."""
    __slots__ = ("glyph",)
    t = 103

    def __init__(self, glyph):
        self.glyph = glyph


class Proj(Fn):
    """A projection: function with some arguments fixed, `None` marking elided ones."""
    __slots__ = ("f", "args")
    t = 104

    def __init__(self, f, args):
        self.f = f
        self.args = args


class Comp(Fn):
    """A composition `'[f;g]` or a train such as `neg sum` (type 105)."""
    __slots__ = ("fs",)
    t = 105

    def __init__(self, fs):
        self.fs = fs


DERIVED_TYPES = {"'": 106, "/": 107, "\\": 108, "':": 109, "/:": 110, "\\:": 111}


class Derived(Fn):
    """A function derived by an iterator: `f'`, `f/`, `f\\`, `f':`, `f/:`, `f\\:`."""
    __slots__ = ("glyph", "f", "t")

    def __init__(self, glyph, f):
        self.glyph = glyph
        self.f = f
        self.t = DERIVED_TYPES[glyph]


class Enum(QValue):
    """An enumerated vector/atom: domain name plus int indices (q types 20..76 in real q)."""
    __slots__ = ("dom", "idx", "atom")
    t = 20

    def __init__(self, dom, idx, atom=False):
        self.dom = dom
        self.idx = idx
        self.atom = atom


class Null(QValue):
    """The generic null `::` (type 101)."""
    __slots__ = ()
    t = 101

    def py(self):
        return None


IDENTITY = Null()


# ----------------------------------------------------------------- helpers

def scalar(t, x):
    """numpy element -> the Python scalar an Atom of type -t keeps."""
    if t == 1:
        return bool(x)
    if t == 8:  # a real holds only what a 32-bit float can, however it was computed
        return float(np.float32(x))
    if t in (9, 15):
        return float(x)
    if t in (11, 2):
        return x
    return int(x)


def vec(t, a, attr=""):
    return Vec(t, a, attr)


def empty(t):
    if t == 0:
        return QList([])
    return Vec(t, np.empty(0, DTYPES[t]))


def count(x):
    if isinstance(x, Vec):
        return len(x.a)
    if isinstance(x, QList):
        return len(x.items)
    if isinstance(x, Dict):
        return count(x.k)
    if isinstance(x, Table):
        return count(x.vals[0]) if x.vals else 0
    if isinstance(x, Enum):
        return 1 if x.atom else len(x.idx)
    return 1


def is_list(x):
    return isinstance(x, (Vec, QList))


def items_of(x):
    """The items of a list (or a dictionary's values) as a Python list of q values."""
    if isinstance(x, QList):
        return x.items
    if isinstance(x, Vec):
        t = -x.t
        if x.t in (11, 2):
            return [Atom(t, v) for v in x.a]
        return [Atom(t, v) for v in x.a.tolist()]
    if isinstance(x, Dict):
        return items_of(x.v)
    if isinstance(x, Table):
        return [row(x, i) for i in range(len(x))]
    if isinstance(x, Enum):
        return [Enum(x.dom, x.idx[i:i + 1].copy(), True) for i in range(len(x.idx))]
    return [x]


def row(t, i):
    return Dict(Vec(11, np.array(t.cols, dtype=object)), from_items([item_at(c, i) for c in t.vals]))


def item_at(x, i):
    if isinstance(x, Vec):
        return Atom(-x.t, scalar(x.t, x.a[i]))
    if isinstance(x, QList):
        return x.items[i]
    if isinstance(x, Enum):
        return Enum(x.dom, x.idx[i:i + 1].copy(), True)
    raise QError("type")


def from_items(items):
    """Build a list from q values, collapsing to a simple vector when all are atoms of one type."""
    n = len(items)
    if n == 0:
        return QList([])
    first = items[0]
    if type(first) is Atom:
        t = first.t
        for x in items:
            if type(x) is not Atom or x.t != t:
                return QList(list(items))
        t = -t
        if t in (11, 2):
            a = np.empty(n, dtype=object)
            a[:] = [x.v for x in items]
            return Vec(t, a)
        return Vec(t, np.array([x.v for x in items], dtype=DTYPES[t]))
    if type(first) is Dict and type(first.k) is Vec and first.k.t == 11:
        return _rows_to_table(items)
    return QList(list(items))


def _rows_to_table(items):
    """A list of dictionaries with the same symbol keys is a table."""
    keys = items[0].k.a
    for d in items:
        if type(d) is not Dict or type(d.k) is not Vec or d.k.t != 11 or len(d.k.a) != len(keys) \
                or not (d.k.a == keys).all():
            return QList(list(items))
    cols = [str(k) for k in keys]
    per_row = [items_of(d.v) for d in items]
    return Table(cols, [from_items([r[j] for r in per_row]) for j in range(len(cols))])


def atom_to_vec(x):
    if type(x) is not Atom:
        raise QError("type")
    a = np.empty(1, dtype=DTYPES[-x.t])
    a[0] = x.v
    return Vec(-x.t, a)


def enlist(x):
    if type(x) is Atom:
        return atom_to_vec(x)
    if isinstance(x, Dict) and isinstance(x.k, Vec) and x.k.t == 11 and len(x.k.a) \
            and not isinstance(x.v, Table):
        return Table([str(c) for c in x.k.a], [enlist(v) for v in items_of(x.v)])
    return QList([x])


def sym_vec(names):
    a = np.empty(len(names), dtype=object)
    a[:] = list(names)
    return Vec(11, a)


def text_to_q(s):
    """Python text as the engine holds text: q strings and symbols are bytes, held here one
    byte per character (latin-1), so text beyond ASCII becomes its UTF-8 bytes: "é" is 2 bytes."""
    return s if s.isascii() else s.encode("utf-8").decode("latin-1")


def text_from_q(s):
    """The inverse of text_to_q: bytes the engine holds, read as UTF-8 (invalid bytes replaced)."""
    if s.isascii():
        return s
    try:
        raw = s.encode("latin-1")
    except UnicodeEncodeError:
        return s
    return raw.decode("utf-8", "replace")


def char_vec(s):
    if isinstance(s, str):
        s = s.encode("latin-1", "replace")
    return Vec(10, np.frombuffer(bytes(s), dtype=np.uint8).copy())


def string_of(x):
    """The Python str of a char vector or char atom (q's strings are latin-1 bytes)."""
    if isinstance(x, Vec) and x.t == 10:
        return x.a.tobytes().decode("latin-1")
    if isinstance(x, Atom) and x.t == -10:
        return chr(x.v)
    raise QError("type")


def long_(v):
    return Atom(-7, v)


def boolean(v):
    return Atom(-1, bool(v))


def is_true(x):
    """q truth for control flow: non-zero atom."""
    if type(x) is Atom:
        v = x.v
        if x.t == -11:
            return v != ""
        return bool(v) and v == v if isinstance(v, float) else bool(v)
    if isinstance(x, Vec) and len(x.a) >= 1:
        return bool(x.a[0])
    raise QError("type")


def is_function(x):
    return isinstance(x, Fn)


# ----------------------------------------------------------------- Python/numpy conversion

_INT_DTYPES = {np.dtype(np.int16): 5, np.dtype(np.int32): 6, np.dtype(np.int64): 7,
               np.dtype(np.uint8): 4, np.dtype(np.float32): 8, np.dtype(np.float64): 9,
               np.dtype(np.bool_): 1}


def from_py(x):
    """Python/numpy -> q value, in PyKX's manner (str -> symbol, bytes -> char vector)."""
    if isinstance(x, QValue):
        return x
    if x is None:
        return IDENTITY
    if isinstance(x, (bool, np.bool_)):
        return Atom(-1, bool(x))
    if isinstance(x, (int, np.integer)):
        if isinstance(x, np.integer) and x.dtype in _INT_DTYPES:
            return Atom(-_INT_DTYPES[x.dtype], int(x))
        return Atom(-7, int(x))
    if isinstance(x, (float, np.floating)):
        if isinstance(x, np.float32):
            return Atom(-8, float(x))
        return Atom(-9, float(x))
    if isinstance(x, str):
        return Atom(-11, text_to_q(x))
    if isinstance(x, (bytes, bytearray)):
        if len(x) == 1:
            return Atom(-10, x[0])
        return char_vec(bytes(x))
    if isinstance(x, uuid.UUID):
        return Atom(-2, x)
    if isinstance(x, np.ndarray):
        if x.dtype in _INT_DTYPES:
            return Vec(_INT_DTYPES[x.dtype], x.copy())
        if x.dtype.kind in "iu":
            return Vec(7, x.astype(np.int64))
        if x.dtype.kind in "US" or x.dtype == object:
            return from_py(x.tolist())
        raise QError("type")
    if isinstance(x, dict):
        keys = from_py(list(x.keys()))
        return Dict(keys, from_py(list(x.values())))
    if isinstance(x, (list, tuple)):
        return from_items([from_py(i) for i in x])
    r = _temporal_from_python(x)
    if r is not None:
        return r
    raise QError("type")


def _temporal_from_python(x):
    """A q temporal atom from a Python datetime/date/timedelta, else None."""
    if isinstance(x, _dt.datetime):
        delta = x - _dt.datetime(2000, 1, 1)
        return Atom(-12, (delta.days * 86400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1000)
    if isinstance(x, _dt.date):
        return Atom(-14, x.toordinal() - _EPOCH_ORDINAL)
    if isinstance(x, _dt.timedelta):
        return Atom(-16, (x.days * 86400 + x.seconds) * 1_000_000_000 + x.microseconds * 1000)
    return None
