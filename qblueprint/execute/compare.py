"""Comparing results with expectations, outside the reach of the solution being judged.

Two notions of agreement, one per test form:
- `q_match`: q's match `~` (same type, same shape, same items), except that floats (and reals)
  agree when within `tolerance` -- absolute for small magnitudes, relative for large ones -- and
  nulls agree with nulls. Exact match is tried first, so the tolerant walk only runs on mismatch.
- `py_equal`: Python's `==`, except that floats agree within `tolerance`, NaN equals NaN, and lists
  equal tuples with the same items (a q result cannot be a tuple).
"""
import math

import numpy as np

from qblueprint.q.values import Atom, Dict, QList, Table, Vec

FLOAT_TYPES = (8, 9)


def floats_close(actual, expected, tolerance):
    """Elementwise: |a-e| <= tolerance * max(1, |e|), equal infinities, NaN against NaN."""
    a = np.asarray(actual, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    if a.shape != e.shape:
        return False
    both_nan = np.isnan(a) & np.isnan(e)
    with np.errstate(invalid="ignore", over="ignore"):
        gap = np.abs(a - e)
        near = np.isfinite(gap) & (gap <= tolerance * np.maximum(1.0, np.abs(e)))
    return bool(np.all(both_nan | near | (a == e)))


def q_match(actual, expected, tolerance):
    return actual == expected or _close(actual, expected, tolerance)


def _close(a, e, tolerance):
    if type(a) is not type(e) or a.t != e.t:
        return False
    if isinstance(a, Atom):
        return -a.t in FLOAT_TYPES and floats_close(a.v, e.v, tolerance)
    if isinstance(a, Vec):
        return a.t in FLOAT_TYPES and floats_close(a.a, e.a, tolerance)
    if isinstance(a, QList):
        return len(a.items) == len(e.items) and all(
            q_match(x, y, tolerance) for x, y in zip(a.items, e.items))
    if isinstance(a, Dict):
        return q_match(a.k, e.k, tolerance) and q_match(a.v, e.v, tolerance)
    if isinstance(a, Table):
        return a.cols == e.cols and all(q_match(x, y, tolerance) for x, y in zip(a.vals, e.vals))
    return False


def to_python(value):
    """A q value as the Python value a test written against Python results expects.

    Strings (char lists), chars and symbols become `str`; dictionaries become dicts (list keys
    become tuples so they can be hashed; a char-vector key list is one key per char, so
    `"ab"!1 2` is `{'a': 1, 'b': 2}`); tables become {column: list}; other values use the
    engine's own conversion.
    """
    if isinstance(value, Atom):
        if value.t == -10:
            return chr(value.v)
        return value.py()
    if isinstance(value, Vec):
        if value.t == 10:
            return value.a.tobytes().decode("utf-8", "replace")   # q strings are UTF-8 bytes
        return value.py()
    if isinstance(value, QList):
        return [to_python(x) for x in value.items]
    if isinstance(value, Dict):
        keys, vals = to_python(value.k), to_python(value.v)
        if isinstance(value.k, Vec) and value.k.t == 10:  # "ab"!1 2: the keys are the chars 'a' and 'b'
            keys = list(keys)
        if isinstance(keys, dict):  # keyed table: {key columns} -> {value columns}
            return {"keys": keys, "values": vals}
        if not isinstance(keys, list):
            return {_hashable(keys): vals}
        return dict(zip((_hashable(k) for k in keys), vals))
    if isinstance(value, Table):
        return {c: to_python(v) for c, v in zip(value.cols, value.vals)}
    return value.py()


def _hashable(x):
    return tuple(_hashable(i) for i in x) if isinstance(x, list) else x


def py_equal(actual, expected, tolerance):
    if _is_number(actual) and _is_number(expected) and (isinstance(actual, float) or isinstance(expected, float)):
        a, e = float(actual), float(expected)
        if math.isnan(a) or math.isnan(e):
            return math.isnan(a) and math.isnan(e)
        return a == e or (math.isfinite(a - e) and abs(a - e) <= tolerance * max(1.0, abs(e)))
    if isinstance(expected, (list, tuple)):
        return isinstance(actual, (list, tuple)) and len(actual) == len(expected) and all(
            py_equal(x, y, tolerance) for x, y in zip(actual, expected))
    if isinstance(expected, dict):
        return isinstance(actual, dict) and actual.keys() == expected.keys() and all(
            py_equal(actual[k], expected[k], tolerance) for k in expected)
    try:
        return bool(actual == expected)
    except Exception:  # an exotic __eq__ that cannot answer is a disagreement, not a crash
        return False


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)
