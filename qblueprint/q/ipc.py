"""kdb+'s serialised form of a value (`-8!x` writes it, `-9!x` reads it): the IPC format, little-endian.

A message is an 8-byte header (endianness 1, message type, two zero bytes, total length as an int) and one
object: a type byte, then for an atom its value, for a vector an attribute byte, a length and the items, for a
general list the same with objects as items, for a dictionary its keys and values, for a table an attribute
byte and the dictionary of its columns, for a lambda its namespace and source. Symbols end with a zero byte.

The execution service reads what a real q process serialised with this module, so results are compared in the
judge's process, outside the solution's reach. Functions other than lambdas (primitives, projections,
compositions, derived functions) are not written here (`'nyi`); reading any function gives `NotData`.
"""
import struct
import uuid

import numpy as np

from .errors import QError
from .values import IDENTITY, TYPES, Atom, Dict, Lambda, Null, QList, Table, Vec

# item widths, in bytes, of the fixed-width types (symbols and guids are handled apart)
WIDTH = {1: 1, 4: 1, 5: 2, 6: 4, 7: 8, 8: 4, 9: 8, 10: 1, 12: 8, 13: 4, 14: 4, 15: 8, 16: 8, 17: 4, 18: 4, 19: 4}
LITTLE = {t: np.dtype(TYPES[t][2]).newbyteorder("<") for t in WIDTH}


class NotData(ValueError):
    """A serialised value holding a function (or another object with no data to compare)."""

    def __init__(self, t):
        super().__init__(f"a q value of type {t}h is not data")
        self.t = t


def serialize(value) -> bytes:
    """`-8!value`: the bytes of an IPC message holding `value`."""
    body = bytearray()
    _write(value, body)
    return bytes([1, 0, 0, 0]) + struct.pack("<i", len(body) + 8) + bytes(body)


def _write(x, out):
    if isinstance(x, Atom):
        t = -x.t
        out += struct.pack("<b", x.t)
        if t == 11:
            out += str(x.v).encode("latin-1") + b"\0"
        elif t == 2:
            out += x.v.bytes
        else:
            out += np.array([x.v], dtype=LITTLE[t]).tobytes()
    elif isinstance(x, Vec):
        out += struct.pack("<bbi", x.t, 0, len(x.a))
        if x.t == 11:
            out += b"".join(str(s).encode("latin-1") + b"\0" for s in x.a)
        elif x.t == 2:
            out += b"".join(g.bytes for g in x.a)
        else:
            out += np.ascontiguousarray(x.a, dtype=LITTLE[x.t]).tobytes()
    elif isinstance(x, QList):
        out += struct.pack("<bbi", 0, 0, len(x.items))
        for item in x.items:
            _write(item, out)
    elif isinstance(x, Table):
        out += struct.pack("<bb", 98, 0)
        from .values import sym_vec
        _write(Dict(sym_vec(x.cols), QList(list(x.vals))), out)
    elif isinstance(x, Dict):
        out += struct.pack("<b", 99)
        _write(x.k, out)
        _write(x.v, out)
    elif isinstance(x, Null):
        out += bytes([101, 0])
    elif isinstance(x, Lambda):
        out += struct.pack("<b", 100) + (x.ns or "").encode("latin-1") + b"\0"
        _write(Vec(10, np.frombuffer(x.src.encode("latin-1", "replace"), dtype=np.uint8).copy()), out)
    else:
        raise QError("nyi")


def deserialize(data: bytes):
    """`-9!bytes`: the value in an IPC message; raises ValueError for bytes that are not one, and `NotData`
    for a value holding a function."""
    data = bytes(data)
    if len(data) < 9 or data[0] != 1:
        raise ValueError("not a little-endian kdb+ IPC message")
    size = struct.unpack_from("<i", data, 4)[0]
    if size != len(data):
        raise ValueError(f"IPC message says {size} bytes, has {len(data)}")
    value, end = _read(data, 8)
    if end != len(data):
        raise ValueError(f"{len(data) - end} bytes left after the value")
    return value


def _symbol(data, at):
    end = data.index(b"\0", at)
    return data[at:end].decode("latin-1"), end + 1


def _read(data, at):
    t = struct.unpack_from("<b", data, at)[0]
    at += 1
    if t == -128:
        raise ValueError("IPC message holds an error: '" + _symbol(data, at)[0])
    if -19 <= t < 0:
        if t == -11:
            s, at = _symbol(data, at)
            return Atom(-11, s), at
        if t == -2:
            return Atom(-2, uuid.UUID(bytes=data[at:at + 16])), at + 16
        w = WIDTH[-t]
        v = np.frombuffer(data, dtype=LITTLE[-t], count=1, offset=at)[0]
        v = bool(v) if t == -1 else float(v) if -t in (8, 9, 15) else int(v)
        return Atom(t, v), at + w
    if 1 <= t <= 19 and t != 3:
        n = struct.unpack_from("<i", data, at + 1)[0]
        at += 5
        if t == 11:
            names = []
            for _ in range(n):
                s, at = _symbol(data, at)
                names.append(s)
            from .values import sym_vec
            return sym_vec(names), at
        if t == 2:
            a = np.empty(n, dtype=object)
            a[:] = [uuid.UUID(bytes=data[at + 16 * i:at + 16 * i + 16]) for i in range(n)]
            return Vec(2, a), at + 16 * n
        a = np.frombuffer(data, dtype=LITTLE[t], count=n, offset=at).astype(TYPES[t][2])
        return Vec(t, a), at + WIDTH[t] * n
    if t == 0:
        n = struct.unpack_from("<i", data, at + 1)[0]
        at += 5
        items = []
        for _ in range(n):
            item, at = _read(data, at)
            items.append(item)
        return QList(items), at
    if t in (99, 127):
        k, at = _read(data, at)
        v, at = _read(data, at)
        return Dict(k, v), at
    if t == 98:
        d, at = _read(data, at + 1)
        cols = [str(c) for c in d.k.a]
        vals = d.v.items if isinstance(d.v, QList) else [d.v]
        return Table(cols, vals), at
    if t == 101 and data[at] == 0:
        return IDENTITY, at + 1
    raise NotData(t)
