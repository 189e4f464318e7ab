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
        return ("," if len(value) == 1 else "") + _string(value)
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
            raise ValueError(f"q strings are bytes; {ch!r} in {s!r} is not ASCII")
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
