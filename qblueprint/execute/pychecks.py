"""Tests written as a Python `check(candidate)` function (q-HumanEval's form) turned into
`PyValueTest`s that call the q entry point.

Each `assert` that calls `candidate` with literal arguments becomes one test: the arguments are
written as q literals, the q result is converted to Python and compared with the expected value.
Recognised forms (`c(...)` is a call of `candidate` with literal arguments, `v` a literal):

    assert c(...) == v        assert v == c(...)        assert c(...) is True / is False
    assert c(...)             assert not c(...)         assert abs(c(...) - v) < tol   (or <=)

Anything else (loops over random inputs, helper calls, non-literal arguments) is not guessed at:
it is returned in `skipped` with its line and the reason, so callers can count what they lose.

Two comparison modes (`compat`):

- `"default"`: our forgiving rules. Arguments are written by `q_literal` (a one-character `str` is a
  one-character string, `[]` an empty long vector); the q result is converted to Python and compared with
  `==`, floats within a tolerance; `is True` / `is False` compare like `==`.
- `"kx"`: the rules of KX's q-HumanEval harness (`q-evaluation-harness`, `q_python_executor.py`), which
  calls the q function through PyKX and compares PyKX objects. Its `smart_equal(a, b)` turns every `str`
  in the expectation into `bytes`, converts it with PyKX's `toq` (`kx_literal`: one byte is a char atom,
  `[]` is the general empty list `()`, same-typed atoms collapse to a vector, dict keys become a char
  vector or a list of strings) and evaluates q's `=` between the result and it: an `'length` or `'type`
  error is a mismatch (so a symbol never equals a Python `str`), an empty comparison falls back to match
  `~` (so `` `long$() `` does not equal `[]`), and otherwise every boolean in the outcome must be true
  (for dictionaries: in its values), floats compare with q's own tolerance (about 1e-14 relative, not
  ours). `assert c(...)` takes the truth of a q atom (null or zero is false, a list is an error),
  `c(...) is True` never holds (a PyKX boolean is not Python's `True`), `abs(c(...) - v) < tol` is q
  arithmetic on an atom, and `tuple(c(...)) == tuple(v)` compares item by item. Each kx test is a
  `ValueTest` whose call applies an inline q lambda (no names the solution can redefine) to the
  candidate's result and gives `` `pass `` or, on failure, `` (`fail;result) `` (so the verdict shows
  what the candidate returned); it expects `` `pass `` and runs the same on every back end.
"""
import ast
from dataclasses import dataclass

from .cases import PyValueTest, ValueTest
from .literals import kx_literal, q_literal

COMPAT_MODES = ("default", "kx")

# KX's smart_equal(result, expected) as q: PyKX's K.__eq__ evaluates q's `=` (an 'length or 'type error gives
# 0b; an empty outcome falls back to `~`), and `.all()` wants every boolean true, in a dictionary's values.
# q's `=` on two dictionaries compares the values of the union of their keys; it is spelt out here so that the
# result does not rest on how an engine implements that case.
KX_EQ = ("{[a;b] r:@[{(1b;$[(99h=type x)&99h=type y;[k:distinct key[x],key y;(x k)=y k];x=y])}[a];b;{(0b;x)}];"
         "$[not first r;0b;0=count last r;a~b;{$[0>type x;x;all .z.s each $[99h=type x;value x;x]]} last r]}")
# bool() of a PyKX object: an atom is false when null or zero (chars and symbols are true); a list raises
KX_TRUTH = "{$[0<=type x;0b;null x;0b;(abs type x) within 10 11h;1b;0<>x]}"
# abs(candidate(...) - v) < tol on PyKX atoms (q arithmetic); on a list, bool() of the outcome raises
KX_CLOSE = {"Lt": "{[a;v;t] $[0<=type a;0b;(abs a-v)<t]}", "LtE": "{[a;v;t] $[0<=type a;0b;(abs a-v)<=t]}"}
# tuple(candidate(...)) == tuple(v): Python compares item by item; an atom cannot be iterated
KX_ITEMS = "{[a;b] $[0>type a;0b;(count a)<>count b;0b;all " + KX_EQ + "'[$[99h=type a;key a;a];b]]}"


@dataclass(frozen=True)
class Skipped:
    line: int
    source: str
    reason: str


def from_check(check_source, entry_point, candidate="candidate", compat="default"):
    """(tests, skipped) from the source of a `def check(candidate): ...` function; the tests
    call `entry_point` in q and compare as `compat` says ("default" or "kx", see above)."""
    if compat not in COMPAT_MODES:
        raise ValueError(f"compat must be one of {COMPAT_MODES}, not {compat!r}")
    try:
        module = ast.parse(check_source)
    except SyntaxError as e:
        raise ValueError(f"check source does not parse (line {e.lineno}): {e.msg}") from None
    check = next((n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == "check"), None)
    if check is None:
        raise ValueError("check source defines no `def check(candidate):` function")
    if check.args.args:
        candidate = check.args.args[0].arg
    tests, skipped = [], []
    for statement in check.body:
        if not isinstance(statement, ast.Assert):
            if not isinstance(statement, (ast.Import, ast.ImportFrom)):
                skipped.append(Skipped(statement.lineno, ast.unparse(statement), "not an assert"))
            continue
        if isinstance(statement.test, ast.Constant):  # `assert True, "..."`: checks nothing
            continue
        try:
            convert = _kx_test if compat == "kx" else _test
            tests.append(convert(statement.test, entry_point, candidate))
        except _Unsupported as e:
            skipped.append(Skipped(statement.lineno, ast.unparse(statement), str(e)))
    return tests, skipped


class _Unsupported(Exception):
    pass


def _test(expr, entry_point, candidate):
    if isinstance(expr, ast.Compare) and len(expr.ops) == 1:
        left, op, right = _unwrap(expr.left), expr.ops[0], _unwrap(expr.comparators[0])
        if isinstance(op, ast.Eq):
            call, expected = (left, right) if _is_call(left, candidate) else (right, left)
            return PyValueTest(_q_call(call, entry_point, candidate), _literal(expected))
        if isinstance(op, ast.Is) and isinstance(right, ast.Constant) and isinstance(right.value, bool):
            return PyValueTest(_q_call(left, entry_point, candidate), right.value)
        if isinstance(op, (ast.Lt, ast.LtE)):
            return _tolerance_test(left, right, entry_point, candidate)
        raise _Unsupported(f"comparison {type(op).__name__} is not a value test")
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Not):
        return PyValueTest(_q_call(expr.operand, entry_point, candidate), False)
    if _is_call(expr, candidate):
        return PyValueTest(_q_call(expr, entry_point, candidate), True)
    raise _Unsupported("not a call of the candidate compared with a value")


def _tolerance_test(left, right, entry_point, candidate):
    """abs(c(...) - v) < tol"""
    if not (isinstance(left, ast.Call) and isinstance(left.func, ast.Name) and left.func.id == "abs"
            and len(left.args) == 1 and isinstance(left.args[0], ast.BinOp)
            and isinstance(left.args[0].op, ast.Sub)):
        raise _Unsupported("an ordering comparison other than abs(candidate(...) - value) < tolerance")
    difference = left.args[0]
    call, expected = ((difference.left, difference.right) if _is_call(difference.left, candidate)
                      else (difference.right, difference.left))
    tolerance = _literal(right)
    if not isinstance(tolerance, (int, float)) or tolerance < 0:
        raise _Unsupported(f"tolerance {tolerance!r} is not a non-negative number")
    return PyValueTest(_q_call(call, entry_point, candidate), _literal(expected), tolerance=float(tolerance))


def _is_call(node, candidate):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == candidate


ARITHMETIC = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
              ast.Div: lambda a, b: a / b, ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
              ast.Pow: lambda a, b: a ** b}
SEQUENCE_WRAPPERS = ("tuple", "list")  # tuple(candidate(...)) == tuple([...]): the items are compared


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _unwrap(node):
    """`tuple(x)` / `list(x)` -> x: the comparison treats tuples and lists alike."""
    while (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SEQUENCE_WRAPPERS
           and len(node.args) == 1 and not node.keywords):
        node = node.args[0]
    return node


def _literal(node):
    """The value of a literal, allowing constant arithmetic such as `2.0 / 3.0` or `3 * 19`
    (tests write expected values that way); nothing that calls or names anything."""
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        pass
    if isinstance(node, ast.BinOp) and type(node.op) in ARITHMETIC:
        left, right = _literal(node.left), _literal(node.right)
        if isinstance(node.op, (ast.Mult, ast.Pow)) and not all(_is_number(v) for v in (left, right)):
            raise _Unsupported(f"{ast.unparse(node)} repeats a sequence")  # keep sizes bounded
        if isinstance(node.op, ast.Pow) and abs(right) > 64:
            raise _Unsupported(f"{ast.unparse(node)}: exponent too large")
        try:
            return ARITHMETIC[type(node.op)](left, right)
        except (TypeError, ArithmeticError) as e:
            raise _Unsupported(f"{ast.unparse(node)}: {e}") from None
    if isinstance(node, (ast.Tuple, ast.List)):
        values = [_literal(e) for e in node.elts]
        return tuple(values) if isinstance(node, ast.Tuple) else values
    raise _Unsupported(f"{ast.unparse(node)} is not a literal")


def _q_call(node, entry_point, candidate, literal=q_literal):
    if not _is_call(node, candidate):
        raise _Unsupported("not a call of the candidate compared with a value")
    if node.keywords:
        raise _Unsupported("keyword arguments have no q form")
    try:
        args = [literal(_literal(a)) for a in node.args]
    except (TypeError, ValueError) as e:
        raise _Unsupported(str(e)) from None
    return f"{entry_point}[{';'.join(args)}]"



KX_PASS = "`pass"


def _kx(check, call):
    "A kx-mode test: `check` is q that is 1b when the assert holds of the candidate's result `a`."
    return ValueTest(f"{{[a] $[{check};{KX_PASS};(`fail;a)]}} {call}", KX_PASS)


def _kx_test(expr, entry_point, candidate):
    """One assert as a kx-mode `ValueTest` (see the module docstring)."""
    def call(node):
        return _q_call(node, entry_point, candidate, kx_literal)

    def value(node):
        try:
            return kx_literal(_literal(node))
        except (TypeError, ValueError) as e:
            raise _Unsupported(str(e)) from None

    def wrapped(node):  # tuple(candidate(...)) / list(candidate(...))
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SEQUENCE_WRAPPERS
                and len(node.args) == 1 and not node.keywords and _is_call(node.args[0], candidate))

    def equal(left, right):
        if not (_is_call(left, candidate) or wrapped(left)):
            left, right = right, left
        right = _unwrap(right)
        if wrapped(left):
            items = _literal(right)
            if not isinstance(items, (list, tuple)):
                raise _Unsupported(f"{ast.unparse(right)} is not a sequence to compare item by item")
            try:
                listed = "(" + ";".join(kx_literal(x) for x in items) + ")" if len(items) != 1 else f"enlist {kx_literal(items[0])}"
            except (TypeError, ValueError) as e:
                raise _Unsupported(str(e)) from None
            return _kx(f"{KX_ITEMS}[a;{listed if items else '()'}]", call(left.args[0]))
        return _kx(f"{KX_EQ}[a;{value(right)}]", call(left))

    if isinstance(expr, ast.Compare) and len(expr.ops) == 1:
        left, op, right = expr.left, expr.ops[0], expr.comparators[0]
        if isinstance(op, ast.Eq):
            return equal(left, right)
        if isinstance(op, ast.Is) and isinstance(right, ast.Constant) and isinstance(right.value, bool):
            return _kx("0b", call(left))  # a PyKX boolean is never Python's True or False
        if isinstance(op, (ast.Lt, ast.LtE)):
            test = _tolerance_test(left, right, entry_point, candidate)  # checks the shape
            difference = left.args[0]
            node = difference.left if _is_call(difference.left, candidate) else difference.right
            return _kx(f"{KX_CLOSE[type(op).__name__]}[a;{kx_literal(test.expected)};{kx_literal(float(test.tolerance))}]",
                       call(node))
        raise _Unsupported(f"comparison {type(op).__name__} is not a value test")
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Not):
        return _kx(f"not {KX_TRUTH} a", call(expr.operand))
    if _is_call(expr, candidate):
        return _kx(f"{KX_TRUTH} a", call(expr))
    raise _Unsupported("not a call of the candidate compared with a value")
