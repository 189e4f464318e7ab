"""q-HumanEval-style `check(candidate)` sources become value tests that judge q solutions."""
import pytest

from qblueprint.execute import PASSED, WRONG_ANSWER, PyValueTest, run_tests
from qblueprint.execute.pychecks import from_check

# a task in q-HumanEval's format, written for these tests
CHECK = '''
import math

def check(candidate):
    assert candidate([1, 2, 3], 2) == [3, 4, 5]
    assert [0.5] == candidate([0.25], 0.25)
    assert tuple(candidate([], 7)) == tuple([])
    assert candidate([10], -10) == [0]
    assert True, "checks nothing"
    assert not candidate([1], 1) == [3]
    for x in range(3):
        assert candidate([x], 0) == [x]
'''


def test_asserts_become_q_calls_with_python_expectations():
    tests, skipped = from_check(CHECK, "shift")
    assert tests[0] == PyValueTest("shift[1 2 3;2]", [3, 4, 5])
    assert tests[1] == PyValueTest("shift[,0.25;0.25]", [0.5])
    assert tests[2] == PyValueTest("shift[`long$();7]", [])
    assert tests[3] == PyValueTest("shift[,10;-10]", [0])
    assert len(tests) == 4
    assert [s.line for s in skipped] == [10, 11]
    assert "candidate" in skipped[0].reason and skipped[1].reason == "not an assert"


def test_tolerance_form():
    tests, _ = from_check("def check(c):\n    assert abs(c(1.0) - 1.0 / 3.0) <= 1e-9\n", "third")
    assert tests == [PyValueTest("third[1.0]", 1 / 3, tolerance=1e-9)]
    assert run_tests("third:{x%3}", tests).category == PASSED
    assert run_tests("third:{x%3.001}", tests).category == WRONG_ANSWER


def test_truthiness_forms():
    source = "def check(f):\n    assert f(1)\n    assert not f(0)\n    assert f(2) is True\n"
    tests, skipped = from_check(source, "odd")
    assert [t.expected for t in tests] == [True, False, True] and not skipped
    assert tests[0].call == "odd[1]"


@pytest.mark.parametrize("source, message", [("def check(:", "does not parse"), ("x = 1", "no `def check")])
def test_bad_sources_are_refused(source, message):
    with pytest.raises(ValueError, match=message):
        from_check(source, "f")


def test_end_to_end_on_the_embedded_back_end():
    tests, _ = from_check(CHECK, "shift")
    assert run_tests("shift:{[xs;d] xs+d}", tests).category == PASSED
    v = run_tests("shift:{[xs;d] xs-d}", tests)
    assert v.category == WRONG_ANSWER and v.tests[0].actual == "-1 0 1"


@pytest.mark.parametrize("call", ["f", "+/", "parse \"1+2\"", "(1;{x})", "`a`b!(1;{x})", "f[1;]"])
def test_a_result_without_a_python_value_is_a_wrong_answer_not_the_harness(call):
    from qblueprint.execute import PyValueTest, run_tests
    v = run_tests("f:{x+y}", [PyValueTest(call, 1)])
    assert v.category == "wrong_answer", v.summary()


def test_a_huge_result_is_not_converted_on_the_solutions_clock():
    from qblueprint.execute import PyValueTest, run_tests
    v = run_tests("f:{til x}", [PyValueTest("f 3000000", [1, 2])], timeout=2)
    assert v.category == "wrong_answer" and "3000000 items" in v.tests[0].actual, v.summary()
