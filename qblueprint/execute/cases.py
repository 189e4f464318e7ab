"""The forms a test can take, and how loosely written tests (dicts, tuples) become them.

- `ValueTest`: a call expression and the expected value written as q (`solve[1 2 3;5]` -> `8`),
  compared like q's match `~`, except that floats agree within a tolerance.
- `PyValueTest`: a call expression and the expected value as a Python object, for tests written
  against Python results (q-HumanEval's `assert candidate(...) == ...`): the q result is converted
  to Python first (strings and symbols become `str`), then compared with `==`, floats within a
  tolerance. For Python solutions this is the natural form: the call is Python.
- `OutputTest`: a snippet whose printed output must equal the expected text
  (`result:solve[1 2 3;5]; show result`). Trailing blanks on each line and trailing empty lines
  are ignored, as a console user would not see them.
"""
from dataclasses import dataclass
from typing import Any

DEFAULT_TOLERANCE = 1e-6


@dataclass(frozen=True)
class ValueTest:
    call: str
    expected: str
    tolerance: float = DEFAULT_TOLERANCE


@dataclass(frozen=True)
class PyValueTest:
    call: str
    expected: Any
    tolerance: float = DEFAULT_TOLERANCE


@dataclass(frozen=True)
class OutputTest:
    code: str
    expected_output: str


TEST_FORMS = (ValueTest, PyValueTest, OutputTest)


def normalise_output(text):
    """Printed text as compared: line ends unified, trailing blanks and empty lines dropped."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def as_test(spec, where="test"):
    """One test from a test object or a dict: {"call", "expected"} (q text),
    {"call", "expected_py"} (Python value) or {"code", "output"}; `where` names it in errors."""
    if isinstance(spec, TEST_FORMS):
        test = spec
    elif isinstance(spec, dict):
        keys = set(spec)
        tolerance = spec.get("tolerance", DEFAULT_TOLERANCE)
        if {"call", "expected"} <= keys:
            test = ValueTest(spec["call"], spec["expected"], tolerance)
        elif {"call", "expected_py"} <= keys:
            test = PyValueTest(spec["call"], spec["expected_py"], tolerance)
        elif {"code", "output"} <= keys:
            test = OutputTest(spec["code"], spec["output"])
        else:
            raise ValueError(f"{where}: cannot tell the test form from keys {sorted(keys)}; use "
                             "call+expected (q value), call+expected_py (Python value) or code+output")
    else:
        raise TypeError(f"{where}: expected a ValueTest, PyValueTest, OutputTest or dict, "
                        f"got {type(spec).__name__}")
    text = test.code if isinstance(test, OutputTest) else test.call
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where}: the code to run must be non-empty text, got {text!r}")
    if isinstance(test, ValueTest) and not (isinstance(test.expected, str) and test.expected.strip()):
        raise ValueError(f"{where}: expected must be q text such as '1 2 3', got {test.expected!r}")
    if isinstance(test, OutputTest) and not isinstance(test.expected_output, str):
        raise ValueError(f"{where}: output must be text, got {type(test.expected_output).__name__}")
    if not isinstance(test, OutputTest) and not (isinstance(test.tolerance, (int, float)) and test.tolerance >= 0):
        raise ValueError(f"{where}: tolerance must be a non-negative number, got {test.tolerance!r}")
    return test


def as_tests(specs, where="tests"):
    """A non-empty tuple of tests; a run without tests would pass vacuously."""
    if isinstance(specs, (str, bytes, dict)) or not hasattr(specs, "__iter__"):
        raise TypeError(f"{where}: expected a list of tests, got {type(specs).__name__}")
    tests = tuple(as_test(s, f"{where}[{i}]") for i, s in enumerate(specs))
    if not tests:
        raise ValueError(f"{where}: no tests given; a solution with no tests would pass vacuously")
    return tests
