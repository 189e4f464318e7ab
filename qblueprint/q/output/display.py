"""Everything the q console prints, in one place.

`display(x)`  the console text of a value (what `show` prints);
`inline(x)`   the one-line form used inside lists and by `0N!` (e.g. `(1;`a)`, `` `a`b!1 2 ``);
`atom_text`   an atom without type decoration, as `string` and table cells show it.
"""
import threading

import numpy as np

from ..base.registry import K_DERIVED_FORMS, K_UNARY_FORMS
from ..base.upcalls import UP
from ..base.values import (Atom, Vec, QList, Dict, Table, Lambda, Prim, Keyword, Proj, Comp, Derived,
                     Adverb, Null, Enum, TYPES, NULL_INT, INF_INT, TEMPORAL_TYPES, is_null_scalar,
                     items_of, scalar)
from ..base.temporal import (format_temporal, format_many, format_atom as temporal_atom, SUFFIX,
                       float_special, int_special)
from ..prims.casting import enum_repr
from ..prims.casting import enum_values


DEFAULT_CONSOLE_SIZE = (25, 80)     # q's default \\c: lines, columns
CONSOLE_SIZE_RANGE = (10, 2000)     # q keeps \\c settings within these bounds


def console_text(x, size=DEFAULT_CONSOLE_SIZE):
    """What the console prints for x at console size (lines, columns): at most lines-2 lines,
    the last ".." when some were left out, and lines as wide as the console cut to end in "..".
    Only the part of x that can show is formatted, so a huge value prints quickly."""
    lines, cols = size
    rows = display(_visible_part(x, lines, cols)).split("\n")
    if len(rows) > lines - 2:
        rows = rows[:lines - 3] + [".."]
    return "\n".join(r if len(r) < cols else r[:cols - 3] + ".." for r in rows)


def _visible_part(x, lines, cols):
    """x cut to the items that can appear on a console of the given size."""
    tx = type(x)
    if tx is Vec and len(x.a) > cols:
        return Vec(x.t, x.a[:cols], x.attr)
    if tx is QList and len(x.items) > 1:
        return QList([_visible_part(i, lines, cols) for i in x.items[:lines]])
    if tx is Table and len(x) > lines:
        return Table(x.cols, [_first(c, lines) for c in x.vals])
    if tx is Dict and isinstance(x.k, (Vec, QList, Table)) and isinstance(x.v, (Vec, QList, Table)) \
            and _count(x.k) > lines:
        return Dict(_first(x.k, lines), _first(x.v, lines))
    return x


def _first(x, n):
    if type(x) is Vec:
        return Vec(x.t, x.a[:n], x.attr)
    if type(x) is QList:
        return QList(x.items[:n])
    if type(x) is Table:
        return Table(x.cols, [_first(c, n) for c in x.vals])
    if isinstance(x, Enum):
        return Enum(x.dom, x.idx[:n], x.atom)
    return x


def _count(x):
    return len(x) if type(x) in (Vec, QList, Table) else 1


# ----------------------------------------------------------------- numbers

class _FloatDigits(threading.local):
    """Significant digits of floats on the console and in `string`: q's \\P (0 there means all 17).
    The session running in this thread sets it for each call."""

    def __init__(self):
        self.current = 7


FloatDigits = _FloatDigits()


def fmt_float(v, precision=None):
    if precision is None:
        precision = FloatDigits.current
    special = float_special(v)
    if special is not None:
        return special.lower()     # a float's null and infinities: 0n 0w -0w
    s = "%.*g" % (precision, v)
    if "e" in s:
        mant, exp = s.split("e")
        sign = exp[0]
        digits = exp[1:].lstrip("0")
        s = mant + "e" + sign + digits.zfill(2)
    return s


def _int_text(t, v):
    special = int_special(t, v)
    return str(v) if special is None else special


def _char_escape(c):
    if c == 34:
        return '\\"'
    if c == 92:
        return "\\\\"
    if c == 10:
        return "\\n"
    if c == 9:
        return "\\t"
    if c == 13:
        return "\\r"
    if c < 32 or c >= 127:       # control bytes and bytes above 127 (UTF-8 sequences) in octal
        return "\\%03o" % c
    return chr(c)


def quote(codes):
    return '"' + "".join(_char_escape(c) for c in codes) + '"'


def atom_text(t, v):
    """Text of an atom of positive type t with no type suffix (as `string` gives it)."""
    if t == 1:
        return "1" if v else "0"
    if t in (5, 6, 7):
        return _int_text(t, v)
    if t in (8, 9):
        return fmt_float(v)
    if t == 10:
        return chr(v)
    if t == 11:
        return v
    if t == 4:
        return "%02x" % v
    if t == 2:
        return str(v)   # the null guid shows as all zeros
    if t in TEMPORAL_TYPES:
        s = format_temporal(t, v)
        return s
    return str(v)


def atom_repr(t, v):
    """Console form of an atom of (positive) type t."""
    if t == 1:
        return ("1" if v else "0") + "b"
    if t == 7:
        return _int_text(7, v)
    if t in (5, 6):
        return _int_text(t, v) + TYPES[t][1]
    if t == 9:
        s = fmt_float(v)
        if s in ("0n", "0w", "-0w"):
            return s
        return s if ("." in s or "e" in s) else s + "f"
    if t == 8:
        if v != v:
            return "0Ne"
        if v in (float("inf"), float("-inf")):
            return ("-" if v < 0 else "") + "0We"
        return fmt_float(v, min(FloatDigits.current, 7)) + "e"
    if t == 10:
        return quote([v])
    if t == 11:
        return "`" + v
    if t == 4:
        return "0x%02x" % v
    if t == 2:
        return str(v)
    if t in TEMPORAL_TYPES:
        return temporal_atom(t, v)
    return str(v)


_EMPTY_NAMES = {t: "`%s$()" % name for t, (name, _, _) in TYPES.items()}


def vec_repr(x):
    t = x.t
    a = x.a
    n = len(a)
    attr = ("`" + x.attr + "#") if x.attr else ""
    if t == 10:
        # a string shows its attribute too: asc "cab" is `s#"abc"
        s = attr + quote(a.tolist())
        return ("," + s) if n == 1 else s
    if n == 0:
        return _EMPTY_NAMES[t]
    prefix = "," if n == 1 else ""
    if t == 1:
        return prefix + attr + "".join("1" if b else "0" for b in a.tolist()) + "b"
    if t == 4:
        return prefix + attr + "0x" + a.tobytes().hex()
    if t == 11:
        return prefix + attr + "".join("`" + s for s in a)
    if t == 7:
        return prefix + attr + " ".join(_int_text(7, v) for v in a.tolist())
    if t in (5, 6):
        return prefix + attr + " ".join(_int_text(t, v) for v in a.tolist()) + TYPES[t][1]
    if t == 9:
        items = [fmt_float(v) for v in a.tolist()]
        # q marks a float vector with `f` only when every item is a whole number
        whole = all(v == v and abs(v) != float("inf") and v == int(v) for v in a.tolist())
        suffix = "f" if whole and not any(("." in s or "e" in s) for s in items) else ""
        return prefix + attr + " ".join(items) + suffix
    if t == 8:
        items = [fmt_float(v, min(FloatDigits.current, 7)).replace("0n", "0N").replace("0w", "0W")
                 for v in a.tolist()]
        return prefix + attr + " ".join(items) + "e"
    if t == 2:
        return prefix + attr + " ".join(atom_repr(2, v) for v in a)
    if t in TEMPORAL_TYPES:
        items = format_many(t, a)
        if all(s.lstrip("-") in ("0N", "0W") for s in items) or t in (13,):
            return prefix + attr + " ".join(items) + SUFFIX[t]
        return prefix + attr + " ".join(items)
    return prefix + " ".join(str(v) for v in a.tolist())


# ----------------------------------------------------------------- functions

def fn_repr(f):
    tf = type(f)
    if tf is Lambda:
        return f.src
    if tf is Prim:
        return _K_COMPOSITES.get(f.name, f.name)
    if tf is Keyword:
        if f.name in K_DERIVED_FORMS:
            return "".join(K_DERIVED_FORMS[f.name])
        glyph = K_UNARY_FORMS.get(f.name)
        return f.name if glyph is None else glyph + ":"
    if tf is Proj:
        args = list(f.args)
        while args and args[-1] is None:
            args.pop()
        return fn_repr(f.f) + "[" + ";".join("" if a is None else inline(a) for a in args) + "]"
    if tf is Derived:
        inner = fn_repr(f.f) if isinstance(f.f, (Lambda, Prim, Keyword, Derived, Adverb)) else inline(f.f)
        if type(f.f) is Proj or type(f.f) is Comp:
            inner = "(" + inner + ")"
        return inner + f.glyph
    if tf is Comp:
        return "'[" + ";".join(fn_repr(g) for g in f.fs) + "]"
    if tf is Adverb:
        return f.glyph
    return str(f)


# q writes these three as the k negations they are: <= is not-greater, >= not-less, <> not-equal
_K_COMPOSITES = {"<=": "~>", ">=": "~<", "<>": "~="}


# ----------------------------------------------------------------- one-line forms

def inline(x):
    tx = type(x)
    if tx is Atom:
        return atom_repr(-x.t, x.v)
    if tx is Vec:
        return vec_repr(x)
    if tx is QList:
        if not x.items:
            return "()"
        if len(x.items) == 1:
            return "," + inline(x.items[0])
        return "(" + ";".join(inline(i) for i in x.items) + ")"
    if tx is Dict:
        k = inline(x.k)
        if isinstance(x.k, Table) or k.startswith(",") or (type(x.k) is Vec and not len(x.k.a)):
            k = "(" + k + ")"     # so that the text reads back: ,`a!,1 would be ,(`a!,1)
        v = inline(x.v)
        return k + "!" + v
    if tx is Table:
        return "+" + inline(Dict(_syms(x.cols), QList(list(x.vals))))
    if tx is Null:
        return "::"
    if tx is Enum:
        return enum_repr(x)
    return fn_repr(x)


def _syms(names):
    a = np.empty(len(names), dtype=object)
    a[:] = names
    return Vec(11, a)


# ----------------------------------------------------------------- cells (tables, dictionaries)

def item_texts(x):
    """Texts of the items of a simple vector without type decoration (what `string` gives
    each item), formatted array-wise where the type allows."""
    t = x.t
    if t in TEMPORAL_TYPES:
        return format_many(t, x.a)
    if t == 1:
        return ["1" if b else "0" for b in x.a.tolist()]
    if t == 10:
        return [chr(c) for c in x.a.tolist()]
    if t == 11:
        return list(x.a)
    if t in (5, 6, 7):
        texts = x.a.astype(str).tolist()
        for i in np.flatnonzero(np.abs(x.a.astype(np.int64)) >= INF_INT[t]).tolist():
            texts[i] = _int_text(t, int(x.a[i]))
        return texts
    return [atom_text(t, v) for v in (x.a.tolist() if t != 2 else x.a)]


def cells(x):
    """Texts of the items of a column (vector or general list) as table cells."""
    if type(x) is Vec:
        texts = item_texts(x)
        if x.t in (1, 10):
            return texts
        nulls = np.flatnonzero(_null_mask(x)).tolist()
        for i in nulls:
            texts[i] = ""
        return texts
    if isinstance(x, Enum):
        return cells(enum_values(x))
    items = items_of(x)
    # a column of equally long vectors is a matrix: its sub-columns line up across the rows
    return matrix_lines(items, blank_nulls=True) or [cell(i) for i in items]


def _null_mask(x):
    t = x.t
    if t in NULL_INT:
        return x.a == NULL_INT[t]
    if t in (8, 9, 15):
        return np.isnan(x.a)
    return np.array([is_null_scalar(t, v) for v in x.a], dtype=bool)


def cell(v):
    tv = type(v)
    if tv is Atom:
        t = -v.t
        if t == 11:
            return v.v
        if is_null_scalar(t, v.v) and t not in (10,):
            return ""
        return atom_repr(t, v.v) if t in (1, 4, 10) else atom_text(t, v.v) if t != 9 else fmt_float(v.v)
    if tv is Vec:
        if v.t == 10:
            return ("," if len(v.a) == 1 else "") + quote(v.a.tolist())
        if v.t == 11:
            return "".join("`" + s for s in v.a) if len(v.a) != 1 else ",`" + v.a[0]
        return vec_repr(v)
    return inline(v)


# ----------------------------------------------------------------- top-level display

def display(x):
    """Console text of x: its one-line form, except that general lists, dictionaries and tables
    take several lines."""
    tx = type(x)
    if tx is QList and x.items:
        if len(x.items) == 1:
            # the console shows a list holding only the generic null as the null itself
            return "::" if type(x.items[0]) is Null else inline(x)
        grid = matrix_lines(x.items, blank_nulls=True) or nested_lines(x.items)
        if grid is not None:
            return "\n".join(grid)
        return "\n".join(inline(i) for i in x.items)
    if tx is Dict:
        return _dict_display(x)
    if tx is Table:
        return _table_display(x)
    return inline(x)


def nested_lines(items):
    """Lines of a list of equally long general lists: each row's items in their one-line form,
    columns aligned."""
    if len(items) < 2 or not all(type(v) is QList and len(v.items) == len(items[0].items) > 0
                                 for v in items):
        return None
    rows = [[inline(i) for i in v.items] for v in items]
    widths = [max(len(r[j]) for r in rows) for j in range(len(rows[0]))]
    return [" ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def matrix_lines(items, blank_nulls=False):
    """Lines of a list of equally long simple vectors, columns aligned as q shows a matrix;
    inside a dictionary nulls show as blanks, as in a table's cells."""
    if len(items) < 2:
        return None
    n = None
    if all(type(v) is Vec and v.t == 10 for v in items):
        return None
    # enumerated vectors line up as the symbols they stand for (sp`s`p: two foreign keys)
    items = [enum_values(v) if type(v) is Enum and not v.atom else v for v in items]
    for v in items:
        if type(v) is not Vec or v.t not in _GRID_TYPES or len(v.a) < 2:
            return None
        if n is None:
            n = len(v.a)
        elif len(v.a) != n:
            return None
    rows = [[_grid_text(v.t, e, blank_nulls) for e in (v.a.tolist() if v.t != 11 else v.a)]
            for v in items]
    widths = [max(len(r[j]) for r in rows) for j in range(n)]
    return [" ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def _grid_text(t, v, blank_nulls):
    if blank_nulls and is_null_scalar(t, v):
        return ""
    return atom_text(t, v)


_GRID_TYPES = frozenset((5, 6, 7, 8, 9, 10, 11)) | TEMPORAL_TYPES
_GRID_NUMERIC = frozenset((5, 6, 7, 8, 9))


def _dict_display(d):
    if isinstance(d.k, Table):
        return _keyed_display(d)
    if isinstance(d.v, Table):
        keys = cells(d.k) if isinstance(d.k, (Vec, QList, Enum)) else [cell(d.k)]
        return _dict_of_rows(keys, d.v)
    keys = cells(d.k) if isinstance(d.k, (Vec, QList, Enum)) else [cell(d.k)]
    if isinstance(d.v, (Vec, Enum)):
        vals = cells(d.v)
    elif isinstance(d.v, QList):
        vals = matrix_lines(d.v.items, blank_nulls=True) or nested_lines(d.v.items) or \
            [_dict_value(v) for v in d.v.items]
    else:
        vals = [inline(d.v)] * len(keys)
    if not keys:
        # the console prints an empty dictionary, typed or not, as nothing (basics/dictsandtables.md)
        return ""
    w = max(len(k) for k in keys)
    return "\n".join((k.ljust(w) + "| " + v).rstrip() for k, v in zip(keys, vals))


def _dict_value(v):
    """A value of a dictionary whose values are a general list: its one-line (-3!) form,
    as q shows a table row (`first t` prints s| `s1)."""
    if type(v) is Atom:
        return atom_repr(-v.t, v.v)
    if type(v) is Vec:
        if v.t == 10:
            return quote(v.a.tolist()) if len(v.a) != 1 else "," + quote(v.a.tolist())
        return vec_repr(v)
    return inline(v)


def _dict_of_rows(keys, t):
    cols = [cells(c) for c in t.vals]
    header = t.cols
    widths = [max([len(h)] + [len(c) for c in col]) for h, col in zip(header, cols)]
    kw = max([len(k) for k in keys] + [0])
    lines = [" " * kw + "| " + " ".join(h.ljust(w) for h, w in zip(header, widths))]
    lines.append("-" * kw + "| " + "-" * (sum(widths) + len(widths) - 1))
    for i, k in enumerate(keys):
        lines.append(k.ljust(kw) + "| " + " ".join(col[i].ljust(w) for col, w in zip(cols, widths)))
    return "\n".join(line.rstrip() for line in lines)


def _table_block(t):
    cols = [cells(c) for c in t.vals]
    widths = [max([len(h)] + [len(c) for c in col]) for h, col in zip(t.cols, cols)]
    header = " ".join(h.ljust(w) for h, w in zip(t.cols, widths))
    n = len(cols[0]) if cols else 0
    body = [" ".join(col[i].ljust(w) for col, w in zip(cols, widths)) for i in range(n)]
    return header, sum(widths) + len(widths) - 1, body


def _table_display(t):
    header, width, body = _table_block(t)
    lines = [header, "-" * width] + body
    return "\n".join(line.rstrip() for line in lines)


def _keyed_display(d):
    kh, kw, kb = _table_block(d.k)
    if not isinstance(d.v, Table):
        # table keys with plain values (as `group` of a table gives): one value per key row
        vb = [_dict_value(v) for v in items_of(d.v)]
        vh, vw = "", max([len(v) for v in vb] + [1])
    else:
        vh, vw, vb = _table_block(d.v)
    lines = [kh + "| " + vh, "-" * kw + "| " + "-" * vw]
    lines += [a + "| " + b for a, b in zip(kb, vb)]
    return "\n".join(line.rstrip() for line in lines)



UP.provide(display=display, inline=inline)
