"""Session API, scripts, limits and the absence of any operating-system access."""
import time

import pytest

from qblueprint.q import Session, QError
from qblueprint.q.base.values import from_py


def test_load_runs_a_script_with_q_script_rules():
    s = Session()
    out = s.load("/ comment\nf:{[x]\n  x*2}\n/\nblock comment\n\\\nshow f 21\n-1 \"done\";\n")
    assert out == "42\ndone\n"


def test_load_raises_q_errors():
    with pytest.raises(QError):
        Session().load("1+`a\n")


def test_sessions_are_independent():
    a, b = Session(), Session()
    a.console("x:1")
    assert b.console("x").startswith("'x")


def test_session_creation_is_cheap():
    Session()
    t0 = time.perf_counter()
    for _ in range(20):
        Session()
    assert (time.perf_counter() - t0) / 20 < 0.05


@pytest.mark.parametrize("src", [
    'system "ls"', 'hopen 5000', 'read0 `:/etc/passwd', 'getenv `HOME', '\\ls', 'hclose 3',
    'get `:/etc/passwd', '`:/tmp/x set 1', 'exit 0', 'setenv[`A;"b"]', '0 "ls"',
])
def test_no_operating_system_access(src):
    assert Session().console(src).startswith(("'access", "'nyi"))


def test_deep_recursion_is_stack_error_quickly():
    s = Session()
    t0 = time.perf_counter()
    assert s.console("f:{f x+1}; f 0").startswith("'stack")
    assert time.perf_counter() - t0 < 2


def test_huge_allocation_is_wsfull():
    s = Session()
    t0 = time.perf_counter()
    assert s.console("til 100000000000").startswith("'wsfull")
    assert s.console("100000000000#1").startswith("'wsfull")
    assert time.perf_counter() - t0 < 2


def test_max_steps_bounds_loops():
    s = Session(max_steps=1000)
    assert s.console("while[1b;x:1]").startswith("'limit")


def test_traps_catch_errors():
    s = Session()
    assert s.console("@[{x+1};`a;{\"caught \",x}]") == "\"caught type\"\n"
    assert s.console(".[+;1 2;`err]") == "3\n"
    assert s.console("@[{'`boom};1;::]") == "\"boom\"\n"


def test_python_conversions():
    s = Session()
    assert s.eval("1 2 3").py() == [1, 2, 3]
    assert s.eval("`a`b").py() == ["a", "b"]
    assert s.eval("\"ab\"").py() == b"ab"
    assert s.eval("1.5").py() == 1.5
    assert s.eval("`a`b!1 2").py() == {"a": 1, "b": 2}
    assert s.eval("([]a:1 2)").py() == {"a": [1, 2]}
    assert s.eval("til 3").np().tolist() == [0, 1, 2]
    assert from_py([1, 2]).t == 7
    assert from_py(1.5).t == -9
    assert from_py("x").t == -11
    assert from_py(b"xy").t == 10
    assert from_py(None).py() is None
    assert from_py({"a": 1}).py() == {"a": 1}
    s["v"] = [1, 2, 3]
    assert s.console("sum v") == "6\n"
