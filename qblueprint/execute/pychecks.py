"""Tests written as a Python `check(candidate)` function (q-HumanEval's form) turned into
`PyValueTest`s that call the q entry point.

Each `assert` that calls `candidate` with literal arguments becomes one test: the arguments are
written as q literals, the q result is converted to Python and compared with the expected value.
Recognised forms (`c(...)` is a call of `candidate` with literal arguments, `v` a literal):

    assert c(...) == v        assert v == c(...)        assert c(...) is True / is False
    assert c(...)             assert not c(...)         assert abs(c(...) - v) < tol   (or <=)

Anything else (loops over random inputs, helper calls, non-literal arguments) is not guessed at:
it is returned in `skipped` with its line and the reason, so callers can count what they lose.
"""
import ast
from dataclasses import dataclass

from .cases import PyValueTest
from .literals import q_literal


@dataclass(frozen=True)
class Skipped:
    line: int
    source: str
    reason: str


def from_check(check_source, entry_point, candidate="candidate"):
    """(tests, skipped) from the source of a `def check(candidate): ...` function; the tests
    call `entry_point` in q."""
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
            tests.append(_test(statement.test, entry_point, candidate))
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


def _q_call(node, entry_point, candidate):
    if not _is_call(node, candidate):
        raise _Unsupported("not a call of the candidate compared with a value")
    if node.keywords:
        raise _Unsupported("keyword arguments have no q form")
    try:
        args = [q_literal(_literal(a)) for a in node.args]
    except (TypeError, ValueError) as e:
        raise _Unsupported(str(e)) from None
    return f"{entry_point}[{';'.join(args)}]"

