"""JSON in the .j namespace, as KX's j.k: `.j.j` serialises a q value to a JSON string (`.j.jd` the
same with options) and `.j.k` parses a JSON string into q values. Both are pure: text in, text or values out.

Serialising: numbers as JSON numbers (float infinities as the bare words inf/-inf and nulls as null,
as kdb+ writes them), booleans as true/false, symbols/strings/chars as JSON strings, temporals as
their q text in ISO form ("2000-01-01", "2000-01-01T12:00:00.000000000"), dictionaries as objects,
tables as arrays of row objects, other lists as arrays.
Parsing: every number becomes a float, strings become strings, objects dictionaries with symbol keys
(so an array of objects with the same keys is a table), true/false booleans and null 0n."""
import json
import math

from ..base.errors import QError
from ..base.values import (Atom, Vec, QList, Dict, Table, Enum, Null, TEMPORAL_TYPES, boolean, char_vec,
                     from_items, is_null_scalar, items_of, string_of, sym_vec)
from ..base.registry import kw
from ..output.display import atom_text
from ..prims.enums import enum_values

# the date part of these types writes with dashes, and a timestamp's D separator becomes ISO's T
_DATED_TYPES = frozenset((12, 13, 14, 15))


# how float infinities are written: kdb+'s bare words by default, null with the null0w option
_INFINITY_WORDS = ("inf", "-inf")
_INFINITY_NULLS = ("null", "null")


@kw(".j.j")
def to_json(x):
    return char_vec(_q_bytes(_encode(x, _INFINITY_WORDS)))


@kw(".j.jd")
def to_json_with_options(pair):
    """.j.j of (value; options dictionary), as kdb+ takes it; `null0w` (true) writes float
    infinities as null."""
    items = items_of(pair) if isinstance(pair, (QList, Vec)) else []
    if len(items) != 2 or not isinstance(items[1], Dict):
        raise QError("type")
    x, options = items
    flags = dict(zip(items_of(options.k), items_of(options.v)))
    null0w = next((v for k, v in flags.items() if isinstance(k, Atom) and k.v == "null0w"), None)
    words = _INFINITY_NULLS if isinstance(null0w, Atom) and null0w.v else _INFINITY_WORDS
    return char_vec(_q_bytes(_encode(x, words)))


def _encode(x, inf):
    if isinstance(x, Table):
        return "[" + ",".join(_object(x.cols, [_item(c, i) for c in x.vals], inf)
                              for i in range(len(x))) + "]"
    if isinstance(x, Dict):
        if isinstance(x.k, Table):  # a keyed table writes as its rows, key columns first
            return _encode(Table(x.k.cols + x.v.cols, x.k.vals + x.v.vals), inf)
        return _object([_key_text(k) for k in items_of(x.k)], items_of(x.v), inf)
    if isinstance(x, Enum):
        return _encode(enum_values(x), inf)
    if isinstance(x, Atom):
        return _atom(-x.t, x.v, inf)
    if isinstance(x, Vec):
        if x.t == 10:
            return _string(string_of(x))
        return "[" + ",".join(_atom(x.t, v, inf) for v in x.a.tolist()) + "]"
    if isinstance(x, QList):
        return "[" + ",".join(_encode(i, inf) for i in x.items) + "]"
    if isinstance(x, Null):
        return "null"
    raise QError("type")


def _item(column, i):
    return column.item(i) if isinstance(column, Vec) else items_of(column)[i]


def _object(keys, values, inf):
    return "{" + ",".join(_string(k) + ":" + _encode(v, inf) for k, v in zip(keys, values)) + "}"


def _key_text(k):
    if isinstance(k, Atom):
        return atom_text(-k.t, k.v)
    return string_of(k)


def _atom(t, v, inf):
    if t == 1:
        return "true" if v else "false"
    if t in (8, 9):
        if v != v:
            return "null"
        if math.isinf(v):
            return inf[0] if v > 0 else inf[1]
        return _float_text(v)
    if t in (5, 6, 7):
        return "null" if is_null_scalar(t, v) else str(int(v))
    if t == 4:
        return str(int(v))
    if t == 10:
        return _string(chr(v))
    if t in TEMPORAL_TYPES:
        text = atom_text(t, v)
        if t in _DATED_TYPES:
            date, _, clock = text.replace("D", "T").partition("T")
            text = date.replace(".", "-") + ("T" + clock if clock else "")
        return _string(text)
    return _string(atom_text(t, v))


def _float_text(v):
    """Shortest text that reads back as the same float; whole numbers without a fraction."""
    if v == int(v) and abs(v) < 1e17:
        return str(int(v))
    return repr(float(v))


def _string(text):
    return json.dumps(text, ensure_ascii=False)


@kw(".j.k")
def from_json(text):
    if not (isinstance(text, Vec) and text.t == 10 or isinstance(text, Atom) and text.t == -10):
        raise QError("type")
    try:
        parsed = json.loads(string_of(text), parse_int=float, parse_constant=_reject_constant)
    except ValueError as e:
        raise QError("illegal char " + str(e).split(":")[0]) from None
    return _decode(parsed)


def _reject_constant(name):
    raise ValueError("%s is not JSON" % name)


def _decode(value):
    if isinstance(value, bool):
        return boolean(value)
    if isinstance(value, float):
        return Atom(-9, value)
    if value is None:
        return Atom(-9, float("nan"))
    if isinstance(value, str):
        return char_vec(_q_bytes(value))
    if isinstance(value, list):
        return from_items([_decode(v) for v in value])
    if not value:
        return Dict(QList([]), QList([]))
    return Dict(sym_vec([_q_bytes(k).decode("latin-1") for k in value]),
                from_items([_decode(v) for v in value.values()]))


def _q_bytes(text):
    """q text as bytes: q strings are latin-1 decoded here, so their bytes pass through unchanged;
    a character beyond latin-1 (a \\u escape, a symbol's) becomes its UTF-8 bytes."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return b"".join(c.encode("latin-1") if ord(c) < 256 else c.encode("utf-8") for c in text)
