"""Random rolls, deals and permutations (`n?y`, `-n?y`, `0N?y`, `rand`).

Each session owns a seeded numpy generator, so a session's draws are reproducible; they do not
reproduce kdb+'s own generator.
"""
import uuid

import numpy as np

from .errors import QError
from .values import Atom, Vec, DTYPES, NULL_INT, INT_NULLED, count, check_alloc, sym_vec
from . import evaluator as ev

_SYMBOL_LETTERS = np.array(list("abcdefghijklmnop"))  # q draws symbol characters from a..p
_LETTERS = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz", dtype=np.uint8)


def generator():
    s = ev.STATE.session
    if s is None:
        raise QError("rand")
    return s.rng


def draw(x, y):
    """x?y with an integer x: roll (x>0), deal (x<0) or permute (0N)."""
    if type(x) is not Atom or x.t not in (-7, -6, -5):
        raise QError("type")
    rng = generator()
    n = x.v
    if n == NULL_INT[-x.t]:
        if type(y) is Atom and y.t in (-7, -6, -5):
            check_alloc(y.v, 8)
            return Vec(7, rng.permutation(y.v).astype(np.int64))
        return ev.index(y, Vec(7, rng.permutation(count(y)).astype(np.int64)))
    deal = n < 0
    n = abs(n)
    check_alloc(n, 8)
    if type(y) is Atom:
        return _from_atom(rng, n, y, deal)
    m = count(y)
    if m == 0:
        raise QError("length")
    if deal and n > m:
        raise QError("length")
    idx = rng.permutation(m)[:n] if deal else rng.integers(0, m, n)
    return ev.index(y, Vec(7, idx.astype(np.int64)))


_NAMES = {}


def _all_names(k):
    """Every k-letter symbol over a..p, in code order (cached: 65536 at most)."""
    names = _NAMES.get(k)
    if names is None:
        codes = np.arange(16 ** k, dtype=np.int64)
        digits = (codes[:, None] // (16 ** np.arange(k - 1, -1, -1, dtype=np.int64))) % 16
        names = np.empty(len(codes), dtype=object)
        names[:] = ["".join(row) for row in _SYMBOL_LETTERS[digits]]
        _NAMES[k] = names
    return names


def _from_atom(rng, n, y, deal):
    t = -y.t
    v = y.v
    if t == 11:
        # `3 rolls symbols of 3 letters; ` (empty) is not a length
        k = int(v) if v.isdigit() else 0
        if not 0 < k <= 8:
            raise QError("type")
        digits = rng.integers(0, 16, (n, k))
        # each symbol is a k-digit base-16 code: make the names of the distinct codes once and
        # index them (one pass in numpy, however many millions are drawn)
        weights = 16 ** np.arange(k - 1, -1, -1, dtype=np.int64)
        codes = digits @ weights
        if k <= 4:
            return Vec(11, _all_names(k)[codes])
        uniq, inverse = np.unique(codes, return_inverse=True)
        names = np.empty(len(uniq), dtype=object)
        names[:] = ["".join(row) for row in _SYMBOL_LETTERS[(uniq[:, None] // weights) % 16]]
        return Vec(11, names[inverse.ravel()])
    if t == 2:
        if v.int != 0:
            raise QError("type")
        a = np.empty(n, dtype=object)
        a[:] = [uuid.UUID(bytes=bytes(rng.integers(0, 256, 16, dtype=np.uint8))) for _ in range(n)]
        return Vec(2, a)
    if t == 1:
        return Vec(1, rng.integers(0, 2, n).astype(bool))
    if t == 4:
        return Vec(4, rng.integers(0, 256 if v == 0 else v, n).astype(np.uint8))
    if t == 10:
        return Vec(10, _LETTERS[rng.integers(0, 26, n)])
    if t in (8, 9, 15):
        if not v > 0:
            raise QError("domain")
        return Vec(t, (rng.random(n) * v).astype(DTYPES[t]))
    if t in INT_NULLED:
        if v <= 0:
            raise QError("domain")
        if deal:
            if n > v:
                raise QError("length")
            return Vec(t, rng.choice(v, n, replace=False).astype(DTYPES[t]))
        return Vec(t, rng.integers(0, v, n).astype(DTYPES[t]))
    raise QError("type")


def rand(x):
    """rand x: one item rolled from x (an atom limit or a list)."""
    r = draw(Atom(-7, 1), x)
    return ev.index(r, Atom(-7, 0))

