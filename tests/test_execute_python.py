"""Python solutions (the q-to-Python task): own process, limits, guard, every verdict category."""
import os

import pytest

from qblueprint.execute import (INFRASTRUCTURE, LOAD, PASSED, Q_ERROR, RESOURCE_LIMIT, TEST, TIMEOUT,
                                WRONG_ANSWER, OutputTest, PyValueTest, ValueTest, run_batch, run_tests)
from qblueprint.execute import process

TESTS = [PyValueTest("add(1, 2)", 3), PyValueTest("add(0.1, 0.2)", 0.3), OutputTest("print(add(2, 2))", "4\n")]


def judge(solution, tests=TESTS, **kw):
    kw.setdefault("timeout", 3)
    return run_tests(solution, tests, language="python", **kw)


def test_correct_solution_passes_with_float_tolerance():
    v = judge("def add(a, b):\n    return a + b\n")
    assert v.category == PASSED and v.n_passed == 3 and v.backend == "python"


def test_helpers_are_kept():
    v = judge("def _plus(x, y):\n    return x + y\n\ndef add(a, b):\n    return _plus(a, b)\n")
    assert v.passed


def test_wrong_answer_shows_expected_and_actual():
    v = judge("def add(a, b):\n    return a - b\n")
    first = v.tests[0]
    assert v.category == WRONG_ANSWER
    assert (first.expected, first.actual) == ("3", "-1")
    assert v.tests[2].actual == "0\n"


def test_exception_is_an_error_of_the_solution_with_phase():
    v = judge("def add(a, b):\n    return a / 0\n")
    assert v.category == Q_ERROR and v.tests[0].error == "ZeroDivisionError" and v.tests[0].phase == TEST
    v = judge("def add(a, b) return a\n")
    assert v.category == Q_ERROR and v.tests[0].error == "SyntaxError" and v.tests[0].phase == LOAD


def test_lists_tuples_dicts_and_sets_compare_by_value():
    tests = [PyValueTest("f()", (1, [2.0000001, "x"])), PyValueTest("g()", {"a": [1, 2]}), PyValueTest("h()", {3, 1})]
    v = judge("def f(): return [1, (2.0, 'x')]\ndef g(): return {'a': (1, 2)}\ndef h(): return {1, 3}\n", tests)
    assert v.passed, v.summary()


def test_limits_are_categorised():
    assert judge("def add(a, b):\n    while True:\n        pass\n", timeout=1).category == TIMEOUT
    assert judge("def add(a, b):\n    return add(a, b)\n").tests[0].detail == "recursion"
    memory = judge("big = bytearray(8 << 30)\ndef add(a, b):\n    return a + b\n", memory=1 << 28)
    assert memory.category == RESOURCE_LIMIT and memory.tests[0].detail == "memory"
    output = judge("def add(a, b):\n    print('x' * 100000)\n    return a + b\n", output=10000)
    assert output.category == RESOURCE_LIMIT and output.tests[0].detail == "output"


def test_crashes_and_exits_are_the_solutions_failure():
    v = judge("import os\ndef add(a, b):\n    os.abort()\n")
    assert v.category == Q_ERROR and v.tests[0].error == "SIGABRT"
    v = judge("import os\ndef add(a, b):\n    os._exit(3)\n")
    assert v.category == Q_ERROR and v.tests[0].error == "exit 3"
    v = judge("raise SystemExit(0)\n")
    assert v.category == Q_ERROR and v.tests[0].phase == LOAD


def test_guard_keeps_the_solution_in_its_directory(tmp_path):
    target = tmp_path / "escaped.txt"
    v = judge(f"def add(a, b):\n    open({str(target)!r}, 'w').write('x')\n    return a + b\n")
    assert v.category == Q_ERROR and "writing" in v.tests[0].detail
    assert not target.exists()
    # its own directory is writable
    assert judge("def add(a, b):\n    open('scratch.txt', 'w').write('x')\n    return a + b\n").passed


@pytest.mark.parametrize("attack", [
    "import os\ndef add(a, b):\n    os.kill(os.getppid(), 9)\n",
    "import os\ndef add(a, b):\n    os.system('true')\n",
    "import subprocess\ndef add(a, b):\n    return a + b\n",
    "import socket\ndef add(a, b):\n    return a + b\n",
    "import ctypes\ndef add(a, b):\n    return a + b\n",
    "import resource\nresource.setrlimit(resource.RLIMIT_CPU, (1000, 1000))\n",
])
def test_guard_refuses_processes_network_and_ctypes(attack):
    v = judge(attack)
    assert v.category == Q_ERROR and v.tests[0].error == "PermissionError"


def test_environment_is_scrubbed(monkeypatch):
    monkeypatch.setenv("QBX_SECRET_TOKEN", "hunter2")
    v = judge("import os\ndef add(a, b):\n    return os.environ.get('QBX_SECRET_TOKEN')\n",
              [PyValueTest("add(1, 2)", None)])
    assert v.passed


def test_q_value_tests_are_refused_for_python_with_a_clear_error():
    with pytest.raises(ValueError, match=r"tests\[0\].*expected_py"):
        judge("def add(a, b): return a + b", [ValueTest("add(1, 2)", "3")])


def test_missing_interpreter_is_infrastructure_after_retries(monkeypatch):
    def cannot_start(argv, files, limits, **kw):
        raise FileNotFoundError(argv[0])
    monkeypatch.setattr("qblueprint.execute.python_runner.run_program", cannot_start)
    v = judge("def add(a, b): return a + b")
    assert v.category == INFRASTRUCTURE and v.attempts == 3


def test_batch_keeps_order_and_isolates_solutions():
    good = "def add(a, b):\n    return a + b\n"
    items = [(good, TESTS), ("def add(a, b): return 0", TESTS), (good, TESTS), ("import os\nos.abort()", TESTS)]
    verdicts = run_batch(items, language="python", timeout=3, workers=2)
    assert [v.category for v in verdicts] == [PASSED, WRONG_ANSWER, PASSED, Q_ERROR]


def test_child_environment_is_an_allow_list_and_licences_pass_only_on_purpose(monkeypatch):
    monkeypatch.setenv("QBX_SECRET_TOKEN", "x")
    monkeypatch.setenv("QHOME", "/opt/q")
    monkeypatch.setenv("KDB_LICENSE_B64", "secret")
    env = process.child_env("/some/dir")
    assert set(env) == {"PATH", "LANG", "HOME", "TMPDIR"} and env["HOME"] == "/some/dir"
    with_licence = process.child_env("/some/dir", process.licence_env())
    assert with_licence["QHOME"] == "/opt/q" and with_licence["KDB_LICENSE_B64"] == "secret"
    assert "QBX_SECRET_TOKEN" not in with_licence


def test_python_values_returns_each_calls_value_or_why_not():
    from qblueprint.execute.python_runner import python_values
    got = python_values("def f(x):\n    return [v * 2 for v in x]\n", ["f([1, 2])", "f(None)", "f([])"])
    assert got[0] == ([2, 4], None) and got[2] == ([], None)
    assert got[1][0] is None and got[1][1].category == "q_error" and got[1][1].error == "TypeError"
