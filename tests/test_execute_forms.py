"""Verdict data, test forms, back-end choice and comparison rules (no solutions run here)."""
import math

import pytest

from qblueprint.execute import (INFRASTRUCTURE, PASSED, Q_ERROR, TIMEOUT, WRONG_ANSWER, BackendUnavailable,
                                OutputTest, PyValueTest, TestOutcome, ValueTest, Verdict, resolve_backend,
                                run_batch)
from qblueprint.execute.cases import as_test, as_tests, normalise_output
from qblueprint.execute.compare import floats_close, py_equal


def verdict(*categories):
    return Verdict(tests=tuple(TestOutcome(c) for c in categories), backend="embedded", language="q")


def test_overall_category_reports_the_most_telling_failure():
    assert verdict(PASSED, PASSED).category == PASSED
    assert verdict(PASSED, WRONG_ANSWER, Q_ERROR).category == Q_ERROR
    assert verdict(TIMEOUT, WRONG_ANSWER).category == TIMEOUT
    assert verdict(PASSED, INFRASTRUCTURE, TIMEOUT).category == INFRASTRUCTURE
    assert verdict(PASSED, WRONG_ANSWER, PASSED, PASSED).pass_fraction == 0.75
    assert verdict(PASSED, WRONG_ANSWER).first_failure.category == WRONG_ANSWER


def test_verdict_equality_ignores_timing_and_round_trips_through_dicts():
    a = Verdict(tests=(TestOutcome(WRONG_ANSWER, expected="1", actual="2"),), backend="q", language="q",
                attempts=2, seconds=0.3)
    b = Verdict.from_dict(a.to_dict())
    assert a == b and b.attempts == 2
    assert a == Verdict(tests=a.tests, backend="q", language="q", seconds=9.0)
    assert a.to_dict()["category"] == WRONG_ANSWER
    assert "expected '1', got '2'" in a.summary()


def test_unknown_category_is_refused():
    with pytest.raises(ValueError, match="unknown verdict category"):
        TestOutcome("failed")


def test_tests_from_dicts_and_bad_specs_name_the_culprit():
    assert as_test({"call": "f[1]", "expected": "2"}) == ValueTest("f[1]", "2")
    assert as_test({"call": "f[1]", "expected_py": [2]}) == PyValueTest("f[1]", [2])
    assert as_test({"code": "show f 1", "output": "2"}) == OutputTest("show f 1", "2")
    with pytest.raises(ValueError, match=r"tests\[1\].*keys"):
        as_tests([{"call": "f[1]", "expected": "2"}, {"call": "f[2]"}])
    with pytest.raises(ValueError, match="no tests"):
        as_tests([])
    with pytest.raises(ValueError, match="non-empty"):
        as_test(ValueTest("  ", "1"))
    with pytest.raises(ValueError, match="tolerance"):
        as_test(ValueTest("f[]", "1", tolerance=-1))
    with pytest.raises(TypeError, match="list of tests"):
        as_tests("f[1]")


def test_output_normalisation_ignores_trailing_blanks_only():
    assert normalise_output("1 2 3  \r\n\n\n") == normalise_output("1 2 3")
    assert normalise_output(" 1") != normalise_output("1")


def test_backend_choice_argument_then_environment_then_default(monkeypatch):
    monkeypatch.delenv("QBLUEPRINT_BACKEND", raising=False)
    assert resolve_backend() == "embedded"
    monkeypatch.setenv("QBLUEPRINT_BACKEND", "q")
    assert resolve_backend() == "q"
    assert resolve_backend("embedded") == "embedded"
    assert resolve_backend(None, "python") == "python"
    monkeypatch.setenv("QBLUEPRINT_BACKEND", "kdb")
    with pytest.raises(ValueError, match="QBLUEPRINT_BACKEND.*'kdb'"):
        resolve_backend()
    with pytest.raises(ValueError, match="Python solutions"):
        resolve_backend("q", "python")


def test_pykx_requested_without_pykx_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("qblueprint.execute.qprocess.pykx_importable", lambda: False)
    with pytest.raises(BackendUnavailable, match="PyKX"):
        resolve_backend("pykx")


def test_float_tolerance_is_absolute_near_zero_and_relative_for_large_values():
    assert floats_close(0.3, 0.1 + 0.2, 1e-6)
    assert floats_close(1e12 + 1, 1e12, 1e-6)
    assert not floats_close(1.001, 1.0, 1e-6)
    assert floats_close([math.nan, math.inf], [math.nan, math.inf], 1e-6)
    assert not floats_close([math.nan], [0.0], 1e-6)
    assert not floats_close(1e300, math.inf, 1e-6) and not py_equal(1e300, math.inf, 1e-6)


def test_python_equality_rules():
    assert py_equal([1, (2.0000001, "a")], ((1, [2.0, "a"])), 1e-6)
    assert py_equal({"a": 0.1 + 0.2}, {"a": 0.3}, 1e-6)
    assert not py_equal([1, 2], [1, 2, 3], 1e-6)
    assert not py_equal("1", 1, 1e-6)
    assert py_equal(True, 1, 1e-6)  # as Python's == says
    assert py_equal(math.nan, math.nan, 1e-6)


def test_an_empty_batch_is_empty_and_a_malformed_item_is_named():
    assert run_batch([]) == []
    with pytest.raises(ValueError, match=r"items\[1\]"):
        run_batch([("f:{x}", [ValueTest("f 1", "1")]), ("f:{x}",)])
    with pytest.raises(ValueError, match=r"items\[0\].*'tests'"):
        run_batch([{"solution": "f:{x}"}])


def test_the_service_stays_light_to_import():
    """Workers import it: no training stack may come along (see the architecture notes)."""
    import subprocess
    import sys
    probe = ("import sys, qblueprint.execute, qblueprint.execute.embedded; "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'torch', 'transformers', 'datasets', 'trl', 'peft'}))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
