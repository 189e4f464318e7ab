"""`$`: casts between types, Tok (see tok.py), temporal components and enumerations."""
import numpy as np

from ..base.errors import QError
from ..base.upcalls import UP
from ..base.values import (Atom, Vec, QList, Dict, Table, Enum, DTYPES, NULL_INT, INF_INT, TYPE_NAMES,
                     TYPE_CHARS, TEMPORAL_TYPES, NUMERIC_TYPES, items_of, from_items, char_vec,
                     sym_vec, string_of, count, empty)
from ..base.temporal import (NS_PER_DAY, NS_PER_UNIT, NS_PER_MS, MS_PER_DAY, month_start_days, months_of_days,
                             civil, week_start, nanoseconds, special_masks)
from .tok import parse_text, parse_texts
from . import verbs as V
from ..evaluation import evaluator as ev
from .linalg import is_float_matrix_operand, mmu


def _type_from_spec(x):
    """(target type, how) for a cast's left atom: how is "cast", "tok" (parse text) or "same"."""
    if type(x) is Atom:
        if x.t == -11:
            if x.v == "":
                return 11, "tok"
            return TYPE_NAMES.get(x.v), "cast"
        if x.t == -10:
            c = chr(x.v)
            if c == "*":
                return 0, "same"
            t = TYPE_CHARS.get(c.lower())
            if t is None:
                raise QError("type")
            return t, "tok" if c.isupper() else "cast"
        if x.t in (-5, -6, -7):
            if x.v == 0:
                return 0, "same"
            if abs(x.v) not in TYPE_NAMES.values():
                raise QError("type")
            return abs(x.v), "tok" if x.v < 0 else "cast"
    raise QError("type")


def cast(x, y):
    if type(x) is Atom and x.t in (-7, -6) and _is_string(y):
        return pad(x.v, y)
    if type(x) is Atom and x.t in (-7, -6) and isinstance(y, QList):
        return QList([cast(x, i) for i in y.items])
    if type(x) is Atom and x.t in (-7, -6) and isinstance(y, Dict):
        return Dict(y.k, cast(x, y.v))
    if type(x) is Atom and x.t in (-7, -6) and isinstance(y, Table):
        return Table(y.cols, [cast(x, c) for c in y.vals])
    if is_float_matrix_operand(x):
        return mmu(x, y)
    if isinstance(x, (Vec, QList)):
        xs, ys = items_of(x), items_of(y) if not type(y) is Atom else [y] * count(x)
        if len(xs) != len(ys):
            raise QError("length")
        return from_items([cast(a, b) for a, b in zip(xs, ys)])
    t, how = _type_from_spec(x)
    if t is None:
        if x.v in _FIELDS:
            return temporal_field(y, x.v)
        return enumerate_(x.v, y)
    if how == "same":
        return y
    if how == "tok" and (t != 11 or _holds_text(y)):
        return tok(t, y)
    return cast_to(t, y)


def _holds_text(y):
    """Whether y is a string or a list/dictionary that Tok would recurse into."""
    if _is_string(y):
        return True
    if isinstance(y, QList):
        return all(_holds_text(i) for i in y.items) and bool(y.items)
    if isinstance(y, Dict):
        return _holds_text(y.v)
    return False


def tok(t, y):
    """Tok: read strings as values of type t, recursing through lists down to strings."""
    if type(y) is Vec and y.t == 10:
        return parse_text(t, string_of(y))
    if type(y) is Atom and y.t == -10:
        return parse_text(t, chr(y.v))
    if isinstance(y, QList):
        if not y.items:
            return empty(t)
        if all(type(i) is Vec and i.t == 10 for i in y.items):
            fast = parse_texts(t, [string_of(i) for i in y.items])
            if fast is not None:
                return fast
        return from_items([tok(t, i) for i in y.items])
    if isinstance(y, Dict):
        return Dict(y.k, tok(t, y.v))
    if isinstance(y, Table):
        return Table(y.cols, [tok(t, c) for c in y.vals])
    raise QError("type")


def _is_string(y):
    return (type(y) is Vec and y.t == 10) or (type(y) is Atom and y.t == -10)


def pad(n, y):
    V.check_alloc(abs(n), 1)
    s = string_of(y)
    if n >= 0:
        return char_vec(s[:n].ljust(n))
    width = -n
    return char_vec(s[len(s) - width:] if len(s) >= width else s.rjust(width))


def cast_to(t, y):
    ty = type(y)
    if ty is QList:
        if not y.items:
            return empty(t)
        if t == 11 and all(_is_string(i) for i in y.items):
            return sym_vec([string_of(i) for i in y.items])
        return from_items([cast_to(t, i) for i in y.items])
    if ty is Dict:
        return Dict(y.k, cast_to(t, y.v))
    if ty is Table:
        return Table(y.cols, [cast_to(t, c) for c in y.vals])
    if isinstance(y, Enum):
        if t in (5, 6, 7):  # an enumeration casts to numbers as its indices
            return cast_to(t, Atom(-7, int(y.idx[0])) if y.atom else Vec(7, y.idx))
        return cast_to(t, enum_values(y))
    if ty not in (Atom, Vec):
        raise QError("type")
    ft = abs(y.t)
    atom = ty is Atom
    if ft == t:
        return y
    if t == 11:
        if ft == 10:
            return Atom(-11, string_of(y)) if not atom else Atom(-11, chr(y.v))
        raise QError("type")
    if ft == 11:
        raise QError("type")
    if t == 10:
        if ft in (1, 4, 5, 6, 7):
            return V.wrap(10, _low_byte(V.data(y, 7)), atom)
        raise QError("type")
    if ft == 10:
        if t in NUMERIC_TYPES:
            return V.wrap(t, V.data(y).astype(DTYPES[t]), atom)
        raise QError("type")
    if t == 2 or ft == 2:
        raise QError("type")
    if t in TEMPORAL_TYPES or ft in TEMPORAL_TYPES:
        return _temporal_cast(t, ft, y, atom)
    if t == 1:
        return V.wrap(1, V.convert(V.data(y), ft, 1), atom)
    if t == 4:
        whole = V.data(y, 7) if ft not in (8, 9) else np.round(V.data(y)).astype(np.int64)
        return V.wrap(4, _low_byte(whole), atom)
    return V.wrap(t, V.convert(V.data(y), ft, t), atom)


def _low_byte(a):
    # q narrows through int: longs beyond the int range saturate first (so 0W casts to 0xff)
    return np.clip(a, -(1 << 31), (1 << 31) - 1) % 256


def _temporal_cast(t, ft, y, atom):
    a = V.data(y)
    if ft not in TEMPORAL_TYPES:
        # numbers reinterpret as the temporal's encoding
        if t == 15:
            return V.wrap(15, V.data(y, 9), atom)
        return V.wrap(t, V.convert(a, ft, 7 if t in (12, 16) else 6).astype(DTYPES[t]), atom)
    if t not in TEMPORAL_TYPES:
        if t in (8, 9):
            return V.wrap(t, V.convert(a, ft, t), atom)
        if ft == 15:
            return V.wrap(t, V.convert(a, 9, t), atom)
        return V.wrap(t, V.convert(a, ft, t), atom)
    nulls, pos_inf, neg_inf = special_masks(ft, a)
    a = np.where(nulls | pos_inf | neg_inf, 0, a)
    if t in (13, 14) and ft in POINT_TYPES:
        # whole days need no nanoseconds (which would overflow beyond the year 2292)
        days = _days(ft, a)
        r = days if t == 14 else months_of_days(days)
    elif t == 15 and ft in (13, 14):
        r = _days(ft, a).astype(np.float64)
    elif t in CLOCK_TYPES and ft in POINT_TYPES:
        # a duration cast from a point in time is its time of day
        r = _time_of_day_ns(ft, a) // NS_PER_UNIT[t]
    else:
        r = _from_ns(t, nanoseconds(ft, a))
    if t == 15:
        r = np.where(pos_inf, np.inf, np.where(neg_inf, -np.inf, r))
        r = np.where(nulls, np.nan, r)
    else:
        r = np.where(pos_inf, INF_INT[t], np.where(neg_inf, -INF_INT[t], r))
        r = np.where(nulls, NULL_INT[t], r)
    return V.wrap(t, np.asarray(r).astype(DTYPES[t]), atom)


# points in time (against durations: timespan, minute, second, time)
POINT_TYPES = frozenset((12, 13, 14, 15))
# minute, second and time: cast from a point in time, they are its time of day
CLOCK_TYPES = frozenset((17, 18, 19))


def _days(t, a):
    """Days since 2000.01.01 (floored) of points in time of type t."""
    a = np.asarray(a)
    if t == 14:
        return a.astype(np.int64)
    if t == 13:
        return month_start_days(a)
    if t == 15:
        return np.floor(a).astype(np.int64)
    return np.floor_divide(a.astype(np.int64), NS_PER_DAY)


def _time_of_day_ns(t, a):
    """Nanoseconds since midnight of points in time of type t (dates and months start at midnight)."""
    a = np.asarray(a)
    if t == 12:
        return np.mod(a, NS_PER_DAY)
    if t == 15:
        return np.mod(np.round(a * MS_PER_DAY), MS_PER_DAY).astype(np.int64) * NS_PER_MS
    return np.zeros(a.shape, dtype=np.int64)


def _from_ns(t, ns):
    """Type t's encoding of nanoseconds (since 2000.01.01 for a point in time)."""
    if t in (12, 16):
        return ns
    if t == 14:
        return np.floor_divide(ns, NS_PER_DAY)
    if t == 15:
        return np.floor_divide(ns, NS_PER_MS) / MS_PER_DAY
    if t == 13:
        return months_of_days(np.floor_divide(ns, NS_PER_DAY))
    unit = NS_PER_UNIT[t]
    return np.sign(ns) * (np.abs(ns) // unit)     # durations truncate toward zero


# ----------------------------------------------------------------- temporal components

_FIELDS = {"year", "month", "mm", "dd", "day", "hh", "uu", "ss", "minute", "second", "date",
           "time", "timestamp", "week"}
_AS_TYPE = {"date": 14, "time": 19, "minute": 17, "second": 18, "month": 13, "timestamp": 12}


def temporal_field(v, field):
    """`v.year`, `` `hh$v `` ...: a part of temporal values (ints, or a temporal for week/date...)."""
    if type(v) not in (Atom, Vec) or abs(v.t) not in TEMPORAL_TYPES or field not in _FIELDS:
        raise QError(field)
    t = abs(v.t)
    atom = type(v) is Atom
    if field in _AS_TYPE:
        return cast_to(_AS_TYPE[field], v)
    nulls, pos_inf, neg_inf = special_masks(t, V.data(v))
    bad = nulls | pos_inf | neg_inf
    a = np.where(bad, 0, V.data(v))
    if field in ("year", "mm", "dd", "day", "week"):
        if t not in POINT_TYPES:
            raise QError("type")
        days = _days(t, a)
        if field == "week":
            return V.wrap(14, np.where(bad, NULL_INT[14], week_start(days)).astype(np.int32), atom)
        year, month, day = civil(days)
        part = {"year": year, "mm": month, "dd": day, "day": day}[field]
    else:
        ns = _time_of_day_ns(t, a) if t in POINT_TYPES else nanoseconds(t, a)
        seconds = ns // 1_000_000_000
        part = {"hh": seconds // 3600, "uu": seconds // 60 % 60, "ss": seconds % 60}[field]
    return V.wrap(6, np.where(bad, NULL_INT[6], part).astype(np.int32), atom)


# ----------------------------------------------------------------- enumerations

from .enums import (foreign_field, enumerate_, enum_values, enum_repr, enum_index, enum_take,  # noqa: E402,F401
                    enum_join)  # enumerations live in enums.py; these names stay importable here


UP.provide(enum_index=enum_index)


def dot_field(base, field):
    """`d.year`-style component access on temporal values, or dictionary/table member access."""
    if isinstance(base, Dict) and type(base.k) is Vec and base.k.t == 11:
        return ev.dict_lookup(base, Atom(-11, field))
    if isinstance(base, Table) and field in base.cols:
        return base.vals[base.cols.index(field)]
    if isinstance(base, Enum):
        return foreign_field(base, field)
    return temporal_field(base, field)


UP.provide(dot_field=dot_field, cast_to=cast_to)
