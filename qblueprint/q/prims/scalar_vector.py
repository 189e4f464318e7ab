"""`vs` (vector from scalar) and `sv` (scalar from vector) in all their forms.

The left argument chooses the form:
  `         symbols split/joined on "." (or a file handle on "/"), text split/joined into lines;
  string    text split/joined on a separator (a byte vector splits/joins bytes);
  0b        bits of an integer, and back;
  0x0       bytes of a number (big-endian, IEEE for reals and floats), and back;
  integer   digits in a base, or a vector of bases for a mixed radix.
"""
import struct
import uuid

import numpy as np

from ..base.errors import QError
from ..base.values import Atom, Vec, QList, DTYPES, items_of, char_vec, sym_vec, string_of
from . import verbs as V

_INTEGRAL = (5, 6, 7)
_WIDTH = {1: 1, 4: 1, 5: 2, 6: 4, 7: 8, 8: 4, 9: 8, 10: 1, 2: 16}
_BY_BYTES = {1: 4, 2: 5, 4: 6, 8: 7}
_BY_BITS = {8: 4, 16: 5, 32: 6, 64: 7}


def _is_text(x):
    return (type(x) is Vec and x.t == 10) or (type(x) is Atom and x.t == -10)


def _is_bytes(x):
    return (type(x) is Vec and x.t == 4) or (type(x) is Atom and x.t == -4)


def _raw(x):
    """bytes of a char or byte atom/vector."""
    if type(x) is Atom:
        return bytes([x.v])
    return x.a.tobytes()


# ----------------------------------------------------------------- vs

def vs(x, y):
    tx = type(x)
    if tx is Atom and x.t == -11 and x.v == "":
        return _split_null_symbol(y)
    if _is_text(x):
        return _split(_raw(x), y, 10)
    if _is_bytes(x) and (_is_bytes(y) or _is_text(y)) and type(y) is Vec:
        return _split(_raw(x), y, 4)
    if tx is Atom and x.t == -1:
        return _bits(y)
    if tx is Atom and x.t == -4:
        return _bytes(y)
    if tx is Atom and -x.t in _INTEGRAL:
        return _digits(x.v, y)
    if tx is Vec and x.t in _INTEGRAL:
        return _mixed_radix(x.a.tolist(), y)
    raise QError("type")


def _split_null_symbol(y):
    if type(y) is Atom and y.t == -11:
        name = y.v
        if name.startswith(":") and "/" in name:
            head, _, tail = name.rpartition("/")
            return sym_vec([head, tail])
        return sym_vec(name.split("."))
    if type(y) is Vec and y.t in (4, 10):
        text = y.a.tobytes().decode("latin-1")
        lines = text.replace("\r\n", "\n").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return QList([char_vec(line) for line in lines])
    raise QError("type")


def _split(sep, y, t):
    """Split y on the separator bytes; the pieces take the separator's type."""
    if type(y) is Atom and y.t in (-4, -10):
        y = Vec(-y.t, np.array([y.v], dtype=np.uint8))
    if not (type(y) is Vec and y.t in (4, 10)):
        raise QError("type")
    if not sep:
        raise QError("length")
    pieces = y.a.tobytes().split(sep)
    return QList([Vec(t, np.frombuffer(p, dtype=np.uint8).copy()) for p in pieces])


def _bits(y):
    if type(y) is Vec:
        return QList([_bits(i) for i in items_of(y)])
    if type(y) is not Atom or -y.t not in (1, 2, 4, 5, 6, 7):
        raise QError("type")
    n = 8 * _WIDTH[-y.t]
    v = (y.v.int if y.t == -2 else int(y.v)) & ((1 << n) - 1)
    return Vec(1, np.array([(v >> k) & 1 for k in range(n - 1, -1, -1)], dtype=bool))


def _bytes(y):
    if type(y) is Vec:
        return QList([_bytes(i) for i in items_of(y)])
    if type(y) is not Atom:
        raise QError("type")
    t = -y.t
    if t == 8:
        raw = struct.pack(">f", y.v)
    elif t == 9:
        raw = struct.pack(">d", y.v)
    elif t == 2:
        raw = y.v.bytes
    elif t in (1, 4, 5, 6, 7, 10) or t in (12, 13, 14, 16, 17, 18, 19):
        width = 8 if t in (12, 16) else 4 if t > 11 else _WIDTH[t]
        raw = (int(y.v) & ((1 << 8 * width) - 1)).to_bytes(width, "big")
    else:
        raise QError("type")
    return Vec(4, np.frombuffer(raw, dtype=np.uint8).copy())


def _integers(y):
    """(int64 array, q type) of an integral atom, vector or list of them (razed)."""
    if type(y) is QList:
        parts = [np.atleast_1d(_integers(i)[0]) for i in y.items]
        return (np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)), 7
    if type(y) in (Atom, Vec) and abs(y.t) in (1, 4) + _INTEGRAL:
        t = abs(y.t)
        return V.data(y, 7), (t if t in _INTEGRAL else 7)
    raise QError("type")


def _digits(base, y):
    if base < 2:
        raise QError("domain")
    values, t = _integers(y)
    if np.ndim(values) == 0:
        v = int(values)
        out = []
        while True:
            v, r = divmod(v, base)
            out.append(r)
            if v in (0, -1):
                break
        return Vec(t, np.array(out[::-1], dtype=np.int64).astype(DTYPES[t]))
    width = 1
    top = int(np.abs(values).max()) if len(values) else 0
    while base ** width <= top:
        width += 1
    rows = [(values // base ** k) % base for k in range(width - 1, -1, -1)]
    return QList([Vec(t, r.astype(DTYPES[t])) for r in rows])


def _mixed_radix(bases, y):
    values, t = _integers(y)
    out = []
    for b in reversed(bases):
        if b == 0:          # a leading 0 base takes all that is left
            out.append(values)
            values = values * 0
        else:
            values, r = np.divmod(values, b)
            out.append(r)
    out.reverse()
    if np.ndim(values) == 0:
        return Vec(t, np.array(out, dtype=DTYPES[t]))
    return QList([Vec(t, np.asarray(r, dtype=DTYPES[t])) for r in out])


# ----------------------------------------------------------------- sv

def sv(x, y):
    tx = type(x)
    if tx is Atom and x.t == -11 and x.v == "":
        return _join_null_symbol(y)
    if _is_text(x):
        return _join(_raw(x), y, 10)
    if _is_bytes(x) and type(y) is QList or (tx is Vec and x.t == 4):
        return _join(_raw(x), y, 4)
    if tx is Atom and x.t == -1:
        return _from_bits(y)
    if tx is Atom and x.t == -4:
        return _from_bytes(y)
    if tx is Atom and -x.t in _INTEGRAL:
        return _evaluate(x.v, y)
    if tx is Vec and x.t in _INTEGRAL:
        return _evaluate_mixed(x.a.tolist(), y)
    raise QError("type")


def _join_null_symbol(y):
    if type(y) is Vec and y.t == 11:
        names = list(y.a)
        if names and names[0].startswith(":"):
            return Atom(-11, "/".join(names))
        return Atom(-11, ".".join(names))
    if type(y) is QList and all(_is_text(i) for i in y.items):
        return char_vec("".join(string_of(i) + "\n" for i in y.items))
    raise QError("type")


def _join(sep, y, t):
    items = items_of(y) if type(y) in (QList, Vec) else None
    if items is None:
        raise QError("type")
    parts = []
    for i in items:
        if not (_is_text(i) or _is_bytes(i)):
            raise QError("type")
        parts.append(_raw(i))
    return Vec(t, np.frombuffer(sep.join(parts), dtype=np.uint8).copy())


def _from_bits(y):
    if not (type(y) is Vec and y.t == 1):
        raise QError("type")
    n = len(y.a)
    v = 0
    for b in y.a.tolist():
        v = (v << 1) | int(b)
    if n == 128:
        return Atom(-2, uuid.UUID(int=v))
    t = _BY_BITS.get(n, 7)
    return _signed_atom(t, v, 8 * _WIDTH[t] if n in _BY_BITS else 64)


def _from_bytes(y):
    if not (type(y) is Vec and y.t == 4):
        raise QError("type")
    raw = y.a.tobytes()
    if len(raw) == 16:
        return Atom(-2, uuid.UUID(bytes=raw))
    t = _BY_BYTES.get(len(raw), 7)
    return _signed_atom(t, int.from_bytes(raw, "big"), 8 * _WIDTH[t] if len(raw) in _BY_BYTES else 64)


def _signed_atom(t, v, bits):
    v &= (1 << bits) - 1
    if t == 4:
        return Atom(-4, v)
    if v >= 1 << (bits - 1):
        v -= 1 << bits
    return Atom(-t, v)


def _evaluate(base, y):
    items = items_of(y) if type(y) in (Vec, QList) else [y]
    if not items:
        return Atom(-7, 0)
    acc = items[0]
    b = Atom(-7, base)
    for item in items[1:]:
        acc = V.add(V.mul(acc, b), item)
    return acc


def _evaluate_mixed(bases, y):
    items = items_of(y) if type(y) in (Vec, QList) else [y]
    if len(items) != len(bases):
        raise QError("length")
    if not items:
        return Atom(-7, 0)
    acc = items[0]
    for b, item in zip(bases[1:], items[1:]):
        acc = V.add(V.mul(acc, Atom(-7, b)), item)
    return acc
