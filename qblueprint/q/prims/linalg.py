"""Matrix keywords: `mmu` (also float `$`), `inv` and `lsq`.

q keeps a matrix as a general list of equally long float vectors; here they become 2-D float64
arrays for numpy's LAPACK routines and come back as lists of float vectors.
"""
import numpy as np

from ..base.errors import QError
from ..base.values import Atom, Vec, QList, NUMERIC_TYPES
from ..base.registry import kw


def _as_array(x):
    """A numeric vector (1-D) or a list of equally long numeric vectors (2-D) as float64."""
    if type(x) is Vec and x.t in NUMERIC_TYPES:
        return x.a.astype(np.float64)
    if type(x) is QList and x.items and all(type(r) is Vec and r.t in NUMERIC_TYPES for r in x.items):
        if len({len(r.a) for r in x.items}) != 1:
            raise QError("length")
        return np.array([r.a for r in x.items], dtype=np.float64)
    raise QError("type")


def _from_array(a):
    if a.ndim == 0:
        return Atom(-9, float(a))
    if a.ndim == 1:
        return Vec(9, np.ascontiguousarray(a, dtype=np.float64))
    return QList([Vec(9, np.array(r, dtype=np.float64)) for r in a])


def is_float_matrix_operand(x):
    """True for the left argument of `$` that means matrix multiply rather than a cast."""
    if type(x) is Vec:
        return x.t in (8, 9)
    return type(x) is QList and bool(x.items) and all(type(r) is Vec and r.t in (8, 9) for r in x.items)


@kw("mmu", 2)
def mmu(x, y):
    a, b = _as_array(x), _as_array(y)
    if a.shape[-1] != b.shape[0]:
        raise QError("length")
    return _from_array(a @ b)


@kw("inv")
def inv(x):
    a = _as_array(x)
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise QError("length")
    try:
        return _from_array(np.linalg.inv(a))
    except np.linalg.LinAlgError:
        # q answers a singular matrix with nulls rather than an error
        return _from_array(np.full(a.shape, np.nan))


@kw("lsq", 2)
def lsq(x, y):
    """x lsq y: the matrix r that minimises the squared error of x - r mmu y (normal equations)."""
    a, b = _as_array(x), _as_array(y)
    one_row = a.ndim == 1
    a = np.atleast_2d(a)
    b = np.atleast_2d(b)
    if a.shape[1] != b.shape[1]:
        raise QError("length")
    gram = b @ b.T
    try:
        r = np.linalg.solve(gram, b @ a.T).T
    except np.linalg.LinAlgError:
        raise QError("domain")
    return _from_array(r[0] if one_row else r)
