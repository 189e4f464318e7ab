"""The embedded back end on the real interpreter: every verdict category, test forms, determinism."""
import sys
import time
from pathlib import Path

import pytest

from qblueprint.execute import (INFRASTRUCTURE, LOAD, PASSED, Q_ERROR, RESOURCE_LIMIT, TEST, TIMEOUT,
                                WRONG_ANSWER, OutputTest, PyValueTest, ValueTest, run_batch, run_tests)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from qproblems import PROBLEMS, instance, instances  # noqa: E402

ADD = [ValueTest("add[1;2]", "3"), ValueTest("add[1 2;10]", "11 12")]


def judge(solution, tests=ADD, **kw):
    kw.setdefault("timeout", 3)
    return run_tests(solution, tests, **kw)


def test_correct_solution_passes():
    v = judge("add:{x+y}")
    assert v.category == PASSED and v.n_passed == 2 and v.backend == "embedded"


def test_helper_functions_and_multiline_definitions_are_kept():
    solution = "twice:{2*x}\nadd:{[a;b]\n  s:a+b;\n  twice[s] div 2}\n"
    assert judge(solution).passed


def test_wrong_answer_carries_q_display_of_both_sides():
    v = judge("add:{x-y}")
    assert v.category == WRONG_ANSWER
    assert (v.tests[0].expected, v.tests[0].actual) == ("3", "-1")
    assert (v.tests[1].expected, v.tests[1].actual) == ("11 12", "-9 -8")


def test_match_is_type_strict_but_floats_have_a_tolerance():
    assert judge("f:{1 2 3}", [ValueTest("f[]", "1 2 3f")]).category == WRONG_ANSWER
    assert judge("f:{0.1+0.2}", [ValueTest("f[]", "0.3")]).passed
    assert judge("f:{1%3}", [ValueTest("f[]", "0.333333333")]).passed
    assert judge("f:{1%3}", [ValueTest("f[]", "0.333333333", tolerance=0)]).category == WRONG_ANSWER
    assert judge("f:{(1;0.1+0.2;`a)}", [ValueTest("f[]", "(1;0.3;`a)")]).passed
    assert judge("f:{`a`b!(1%3;2)}", [ValueTest("f[]", "`a`b!(0.3333333;2)")]).passed


def test_errors_say_which_phase():
    v = judge("add:{x+y}\nboom:1+`a\n")
    assert v.category == Q_ERROR and v.tests[0].error == "'type" and v.tests[0].phase == LOAD
    v = judge("add:{x+y+`a}")
    assert v.category == Q_ERROR and v.tests[0].error == "'type" and v.tests[0].phase == TEST
    v = judge("add:{x+y")
    assert v.category == Q_ERROR and v.tests[0].phase == LOAD


def test_limits_are_resource_limits_or_timeouts():
    v = judge("add:{add[x;y]}")
    assert v.category == RESOURCE_LIMIT and v.tests[0].detail == "recursion"
    assert v.tests[1].detail == "not run: recursion"  # a limit ends the run
    v = judge("add:{x+y+count til 0W}")
    assert v.category == RESOURCE_LIMIT and v.tests[0].detail == "memory"
    start = time.monotonic()
    v = judge("add:{while[1b;];x+y}", timeout=1)
    assert v.category == TIMEOUT and v.seconds < 2
    assert time.monotonic() - start < 5  # with a worker start, on a busy machine
    assert v.tests[1].detail.startswith("not run")


def test_output_limit():
    v = judge("add:{do[2000;-1 (100#\"x\")];x+y}", output=10000)
    assert v.category == RESOURCE_LIMIT and v.tests[0].detail == "output"


def test_output_tests_compare_printed_text():
    tests = [OutputTest("result:double 1 2 3; show result", "2 4 6\n"), OutputTest("show double 5", "10")]
    assert judge("double:{2*x}", tests).passed
    v = judge("double:{3*x}", tests)
    assert v.category == WRONG_ANSWER and v.tests[0].actual.strip() == "3 6 9"


def test_python_value_tests_convert_q_results():
    tests = [PyValueTest("f[]", "abc"), PyValueTest("g[]", [1.0, 2.5]), PyValueTest("h[]", {"a": 1, "b": 2}),
             PyValueTest("k[]", True), PyValueTest("s[]", ["x", "yz"])]
    solution = 'f:{"abc"}\ng:{1 2.5}\nh:{`a`b!1 2}\nk:{1b}\ns:{`x`yz}'
    v = judge(solution, tests)
    assert v.passed, v.summary()
    v = judge('f:{"abd"}\ng:{1 2.5}\nh:{`a`b!1 2}\nk:{1b}\ns:{`x`yz}', tests)
    assert v.tests[0].category == WRONG_ANSWER and v.tests[0].expected == "'abc'" and v.tests[0].actual == '"abd"'


@pytest.mark.parametrize("attempt", [
    'add:{system "ls"}', "add:{hopen 5000}", 'add:{`:escape.txt 0: enlist "x"}', "add:{read0 `:/etc/passwd}",
    'add:{getenv `HOME}', "add:{value \"\\\\ls\"}",
])
def test_file_network_shell_and_environment_are_refused(attempt):
    v = judge(attempt)
    assert v.category == Q_ERROR, v.summary()
    assert not Path("escape.txt").exists()


def test_system_command_lines_are_refused_at_load():
    v = judge("\\ls\nadd:{x+y}")
    assert v.category == Q_ERROR and v.tests[0].phase == LOAD


def test_the_solution_cannot_reach_the_comparison():
    # the q back end's comparison helpers live in the solution's process; the embedded one
    # compares in Python, so redefining them changes nothing
    v = judge(".qbx.m:{[a;e;tol] 1b}\nadd:{[x;y] 0}")
    assert v.category == WRONG_ANSWER


def test_every_benchmark_solution_passes_its_tests():
    import random
    rng = random.Random(1)
    items = [instance(p, rng, 3, variant) for p in PROBLEMS for variant in range(len(p.solutions))]
    batch = [(s, [ValueTest(c, e) for c, e in tests]) for s, tests in items]
    verdicts = run_batch(batch, timeout=5)
    failing = [(s, v.summary()) for (s, _), v in zip(batch, verdicts) if not v.passed]
    assert not failing


def test_verdicts_do_not_depend_on_worker_count():
    items = instances(60, n_tests=3, seed=7)
    batch = [(s if i % 3 else s.replace("x", "y", 1), [ValueTest(c, e) for c, e in tests])
             for i, (s, tests) in enumerate(items)]
    # random draws too: every solution starts from the same seed, whichever worker runs it
    batch += [("draw:{x?1000}", [ValueTest("draw 5", "0 0 0 0 0")])] * 6
    one = run_batch(batch, workers=1)
    two = run_batch(batch, workers=2)
    assert one == two
    assert {v.category for v in one} >= {PASSED}


def test_a_broken_expected_value_is_the_tests_fault():
    v = judge("add:{x+y}", [ValueTest("add[1;2]", "3"), ValueTest("add[1;2]", "1+`a")])
    assert v.category == INFRASTRUCTURE and "test 1" in v.tests[0].detail
