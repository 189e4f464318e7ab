"""Python values written as q source, for tests whose inputs and results come from Python.

`q_literal` is the inverse of the conversion `PyValueTest` applies to q results: evaluating
`q_literal(v)` in q and converting back gives `v` (ints become longs, floats floats, str a string,
lists q lists, dicts q dictionaries).
"""

LONG_MAX = (1 << 63) - 1  # beyond it q has no long; -2^63 is q's long null
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def q_literal(value):
    """q source for `value`; raises TypeError/ValueError naming what cannot be written."""
    if isinstance(value, bool):
        return "1b" if value else "0b"
    if isinstance(value, int):
        return _long(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        return ("," if len(value.encode("utf-8")) == 1 else "") + _string(value)   # one byte: enlisted
    if isinstance(value, dict):
        return f"({q_literal(list(value))})!({q_literal(list(value.values()))})"
    if isinstance(value, (list, tuple)):
        return _list(list(value))
    raise TypeError(f"no q literal for a {type(value).__name__}: {value!r}")


def _long(x):
    if not -LONG_MAX <= x <= LONG_MAX:
        raise ValueError(f"{x} does not fit a q long")
    return str(x)


def _float(x):
    if x != x:
        return "0n"
    if x in (float("inf"), float("-inf")):
        return "0w" if x > 0 else "-0w"
    return repr(x)  # always has '.' or 'e', so q reads it as a float


def _string(s):
    out = []
    for ch in s:
        if ch in ESCAPES:
            out.append(ESCAPES[ch])
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append(f"\\{ord(ch):03o}")
        elif ord(ch) > 127:
            # q strings are bytes: text beyond ASCII is written as its UTF-8 bytes, in octal
            out.append("".join(f"\\{b:03o}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _list(items):
    if not items:
        return "`long$()"
    one = "," if len(items) == 1 else ""
    if all(isinstance(x, bool) for x in items):
        return one + "".join("1" if x else "0" for x in items) + "b"
    if all(isinstance(x, int) and not isinstance(x, bool) for x in items):
        return one + " ".join(_long(x) for x in items)
    if all(isinstance(x, float) for x in items):
        return one + " ".join(_float(x) for x in items)
    inner = ";".join(q_literal(x) for x in items)
    return f"enlist ({inner})" if len(items) == 1 else f"({inner})"


def kx_literal(value):
    """q source for `value` as KX's q-HumanEval harness hands it to q (`--compat kx`).

    That harness first turns every `str` into UTF-8 `bytes` (dictionary keys too), then PyKX's `toq` converts:
    one-byte `bytes` become a char atom and other `bytes` a char vector; a list or tuple becomes a q list whose
    items are converted one by one, which q collapses to a simple vector when they are atoms of one type
    (`[1, 2]` is `1 2`, `['a', 'b']` is `"ab"`), while `[]` stays the general empty list `()`; a dict becomes a
    dictionary whose keys are converted as such a list (so `{'a': 1, 'b': 2}` is `"ab"!1 2`); `None` is `::`.
    """
    if value is None:
        return "::"
    if isinstance(value, (bool, int, float)):
        return q_literal(value)
    if isinstance(value, str):
        return _bytes(value.encode("utf-8"))
    if isinstance(value, dict):
        return f"({_kx_list(list(value))})!({_kx_list(list(value.values()))})"
    if isinstance(value, (list, tuple)):
        return _kx_list(list(value))
    raise TypeError(f"no q literal for a {type(value).__name__}: {value!r}")


def _kx_list(items):
    if not items:
        return "()"
    inner = ";".join(kx_literal(x) for x in items)
    # q collapses (a;b;...) of same-typed atoms into a vector, as PyKX's conversion of a list does
    return f"enlist {kx_literal(items[0])}" if len(items) == 1 else f"({inner})"


def _bytes(data):
    """q source for UTF-8 bytes: "a" (one byte) reads as a char atom, anything else as a char vector."""
    out = []
    for byte in data:
        ch = chr(byte)
        if ch in ESCAPES:
            out.append(ESCAPES[ch])
        elif byte < 32 or byte >= 127:
            out.append(f"\\{byte:03o}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


# Typed literals: a signature names each value's q type, so a Python value becomes exactly that q value
# (a long and an int are both Python ints; a string and a symbol are both Python strs).
ATOM_TYPES = {  # name: (cast name for an empty vector, suffix that types a vector, null literal)
    "bool": ("boolean", "b", "0b"), "long": ("long", "", "0N"), "int": ("int", "i", "0Ni"),
    "float": ("float", "", "0n"), "char": ("char", "", '" "'), "symbol": ("symbol", "", "`"),
    "string": (None, None, '""'), "date": ("date", "", "0Nd"), "month": ("month", "m", "0Nm"),
    "minute": ("minute", "", "0Nu"), "second": ("second", "", "0Nv"), "time": ("time", "", "0Nt"),
    "timestamp": ("timestamp", "", "0Np")}
TEMPORAL_FORMS = {  # ISO text accepted from Python, and how it is written in q
    "date": (r"(\d{4})-(\d\d)-(\d\d)", "{0}.{1}.{2}"),
    "month": (r"(\d{4})-(\d\d)", "{0}.{1}"),
    "minute": (r"(\d\d):(\d\d)", "{0}:{1}"),
    "second": (r"(\d\d):(\d\d):(\d\d)", "{0}:{1}:{2}"),
    "time": (r"(\d\d):(\d\d):(\d\d)\.(\d{3})", "{0}:{1}:{2}.{3}"),
    "timestamp": (r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?", "{0}.{1}.{2}D{3}:{4}:{5}.{6}")}
_SYMBOL_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")  # others need `$"..."


def parse_type(text):
    """A type as a tree: ("atom", name) | ("list", item) | ("dict", key, value) | ("table", ((col, type), ...)).

    Written as in problem signatures: `long`, `symbol[]`, `long[][]`, `dict[symbol,long]`,
    `table[sym:symbol,price:float]`."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"a type must be text such as 'long[]', got {text!r}")
    t = text.strip()
    if t.endswith("[]"):
        return ("list", parse_type(t[:-2]))
    if t.startswith("dict[") and t.endswith("]"):
        parts = _split_top(t[5:-1])
        if len(parts) != 2:
            raise ValueError(f"type {text!r}: dict takes a key and a value type, as dict[symbol,long]")
        return ("dict", parse_type(parts[0]), parse_type(parts[1]))
    if t.startswith("table[") and t.endswith("]"):
        columns = []
        for part in _split_top(t[6:-1]):
            name, sep, col = part.partition(":")
            if not sep or not name.strip().isidentifier():
                raise ValueError(f"type {text!r}: a table column is name:type, got {part!r}")
            columns.append((name.strip(), parse_type(col)))
        if not columns:
            raise ValueError(f"type {text!r}: a table needs at least one column")
        return ("table", tuple(columns))
    if t not in ATOM_TYPES:
        raise ValueError(f"unknown type {text!r}; atoms are {', '.join(ATOM_TYPES)}, "
                         "then T[] (a list), dict[K,V] and table[col:T,...]")
    return ("atom", t)


def _split_top(text):
    """Split on commas that are not inside brackets."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch == "[") - (ch == "]")
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return [p.strip() for p in parts + [cur] if p.strip()]


def typed_literal(value, qtype, where="value"):
    """q source for the Python `value` read as q type `qtype` (text or a `parse_type` tree).

    Raises TypeError/ValueError naming `where` and what does not fit."""
    tree = parse_type(qtype) if isinstance(qtype, str) else qtype
    kind = tree[0]
    if kind == "atom":
        return _typed_atom(value, tree[1], where)
    if kind == "list":
        return _typed_list(value, tree[1], where)
    if kind == "dict":
        if not isinstance(value, dict):
            raise TypeError(f"{where}: expected a dict, got {type(value).__name__} {value!r}")
        keys = _typed_list(list(value), tree[1], f"{where} keys")
        vals = _typed_list(list(value.values()), tree[2], f"{where} values")
        return f"({keys})!({vals})"
    columns = tree[1]
    if not isinstance(value, dict):
        raise TypeError(f"{where}: a table is a dict of column lists, got {type(value).__name__}")
    names = [c for c, _ in columns]
    if list(value) != names:
        raise ValueError(f"{where}: table columns must be {names} in that order, got {list(value)}")
    lengths = {len(v) if isinstance(v, list) else -1 for v in value.values()}
    if len(lengths) != 1 or -1 in lengths:
        raise ValueError(f"{where}: table columns must be lists of one length, got {value!r}")
    cols = "; ".join(f"{c}:{_typed_list(value[c], t, f'{where} column {c}')}" for c, t in columns)
    return f"([] {cols})"


def _typed_atom(value, name, where):
    if value is None:
        return ATOM_TYPES[name][2]
    if name == "bool":
        if not isinstance(value, bool):
            raise TypeError(f"{where}: expected a bool, got {value!r}")
        return "1b" if value else "0b"
    if name in ("long", "int"):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{where}: expected an int for q type {name}, got {value!r}")
        limit = LONG_MAX if name == "long" else (1 << 31) - 1
        if not -limit <= value <= limit:
            raise ValueError(f"{where}: {value} does not fit a q {name}")
        return str(value) + ("i" if name == "int" else "")
    if name == "float":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise TypeError(f"{where}: expected a float, got {value!r}")
        return _float(float(value))
    if not isinstance(value, str):
        raise TypeError(f"{where}: expected a str for q type {name}, got {type(value).__name__} {value!r}")
    if name == "char":
        if len(value.encode("utf-8")) != 1:
            raise ValueError(f"{where}: a char is one character (one byte), got {value!r}")
        return _string(value)
    if name == "string":
        return ("," if len(value.encode("utf-8")) == 1 else "") + _string(value)
    if name == "symbol":
        if set(value) <= _SYMBOL_CHARS and not value[:1].isdigit():
            return "`" + value
        return f"`$({'enlist ' if len(value.encode('utf-8')) == 1 else ''}{_string(value)})"
    return _temporal(value, name, where)


def _temporal(text, name, where):
    import re
    pattern, form = TEMPORAL_FORMS[name]
    m = re.fullmatch(pattern, text)
    if not m:
        raise ValueError(f"{where}: {text!r} is not a {name} in ISO form (e.g. {_EXAMPLES[name]})")
    parts = list(m.groups())
    if name == "timestamp":
        parts[6] = (parts[6] or "").ljust(9, "0")
    return form.format(*parts) + ("m" if name == "month" else "")


_EXAMPLES = {"date": "2024-01-15", "month": "2024-01", "minute": "09:30", "second": "09:30:15",
             "time": "09:30:15.123", "timestamp": "2024-01-15T09:30:15.123456789"}


def _typed_list(value, item, where):
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{where}: expected a list, got {type(value).__name__} {value!r}")
    items = list(value)
    if item[0] == "atom" and item[1] != "string":
        name = item[1]
        if name == "char":  # a list of chars is a string (dictionary keys of type char, say)
            for i, x in enumerate(items):
                _typed_atom(x, "char", f"{where}[{i}]")
            return _typed_atom("".join(items), "string", where)
        if not items:
            return f"`{ATOM_TYPES[name][0]}$()"
        atoms = [_typed_atom(x, name, f"{where}[{i}]") for i, x in enumerate(items)]
        if len(atoms) == 1:
            return "," + atoms[0]
        if name == "bool":
            return "".join(a[0] for a in atoms) + "b"
        if name == "symbol" and all(a.startswith("`") and not a.startswith("`$") for a in atoms):
            return "".join(atoms)
        if name == "symbol":
            return "`$(" + ";".join(_string(x) if x is not None else '""' for x in items) + ")"
        suffix = ATOM_TYPES[name][1]
        if name == "float":  # every item written with '.', 'e' or as 0n/0w, so q reads a float vector
            return " ".join(atoms)
        return " ".join(a[:-len(suffix)] if suffix and a.endswith(suffix) else a for a in atoms) + suffix
    if not items:
        return "()"
    parts = [typed_literal(x, item, f"{where}[{i}]") for i, x in enumerate(items)]
    return f"enlist {parts[0]}" if len(parts) == 1 else "(" + ";".join(parts) + ")"
