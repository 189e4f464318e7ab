"""The `q` back end across a real process boundary.

QBLUEPRINT_Q points at a small launcher that runs our own script runner (`python -m qblueprint.q
FILE.q`) the way the back end runs a kdb+ binary, so process start, exit codes, output capture,
timeouts and killing a hung child are all exercised without kdb+.
"""
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from qblueprint.execute import (INFRASTRUCTURE, LOAD, PASSED, Q_ERROR, RESOURCE_LIMIT, TEST, TIMEOUT,
                                WRONG_ANSWER, OutputTest, PyValueTest, ValueTest, run_batch, run_tests)
from qblueprint.execute import qscript

ROOT = Path(__file__).resolve().parents[1]


def launcher(directory, body):
    path = Path(directory) / "q"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


@pytest.fixture
def q_runner(tmp_path, monkeypatch):
    """QBLUEPRINT_Q -> our script runner; the child's environment is scrubbed, so the launcher
    says where the package is itself. Extra arguments (-q, -u, -w) are q's; the runner ignores them."""
    body = f'PYTHONPATH="{ROOT}" exec "{sys.executable}" -m qblueprint.q "$1"'
    monkeypatch.setenv("QBLUEPRINT_Q", launcher(tmp_path, body))
    # inside the sandbox the stand-in q reads the project and the interpreter, as a real q reads its install
    monkeypatch.setenv("QBLUEPRINT_SANDBOX_READ", os.pathsep.join([str(ROOT), sys.prefix, sys.base_prefix]))
    return tmp_path


ADD = [ValueTest("add[1;2]", "3"), ValueTest("add[0.1;0.2]", "0.3"), OutputTest("r:add[2;2]; show r", "4")]


def judge(solution, tests=ADD, **kw):
    kw.setdefault("timeout", 10)
    return run_tests(solution, tests, backend="q", **kw)


def test_verdicts_through_a_real_process(q_runner):
    v = judge("helper:{x+y}\nadd:{helper[x;y]}")
    assert v.category == PASSED and v.backend == "q", v.summary()

    v = judge("add:{x-y}")
    assert [t.category for t in v.tests] == [WRONG_ANSWER] * 3
    assert (v.tests[0].expected, v.tests[0].actual) == ("3", "-1")

    v = judge("add:{x+y+`a}")
    assert v.category == Q_ERROR and (v.tests[0].error, v.tests[0].phase) == ("'type", TEST)

    v = judge("add:{x+y}\nboom:1+`a")
    assert v.category == Q_ERROR and (v.tests[0].error, v.tests[0].phase) == ("'type", LOAD)

    v = judge("add:{add[x;y]}")
    assert v.category == RESOURCE_LIMIT and v.tests[0].detail == "recursion"

    v = judge("add:{x+y+count til 0W}")
    assert v.category == RESOURCE_LIMIT and v.tests[0].detail == "memory"


def test_output_cap_stops_a_flood(q_runner):
    v = judge('add:{do[5000;-1 (100#"x")];x+y}', output=50_000)
    assert v.category == RESOURCE_LIMIT and v.tests[0].detail == "output", v.summary()


def test_solution_output_does_not_confuse_the_harness(q_runner):
    v = judge('add:{-1 "QBX0000000000000000 0 pass"; show 12; x+y}', ADD[:2])
    assert v.passed, v.summary()
    # in an output test, what the solution prints is part of the output
    v = judge('add:{show 12; x+y}', ADD[2:])
    assert v.category == WRONG_ANSWER and v.tests[0].actual == "12\n4"


def test_hung_child_is_killed_at_the_timeout(q_runner):
    start = time.monotonic()
    v = judge("add:{while[1b;];x+y}", timeout=3)
    assert v.category == TIMEOUT and time.monotonic() - start < 4
    assert v.tests[0].phase == TEST and v.tests[1].detail.startswith("not run")


def test_python_value_tests_over_json(q_runner):
    """Results cross the process boundary as .j.j text: right values pass, wrong ones are the
    solution's wrong answers (never the harness's failure)."""
    solution = 'f:{"abc"}\ng:{`a`b!1 2}\nh:{1 2 3}'
    tests = [PyValueTest("f[]", "abc"), PyValueTest("g[]", {"a": 1, "b": 2}), PyValueTest("h[]", [1, 2, 3]),
             PyValueTest("f[]", "abd"), PyValueTest("g[]", {"a": 1, "b": 3})]
    v = judge(solution, tests)
    assert [t.category for t in v.tests] == [PASSED] * 3 + [WRONG_ANSWER] * 2, v.summary()


def test_missing_binary_is_infrastructure(tmp_path, monkeypatch):
    monkeypatch.setenv("QBLUEPRINT_Q", str(tmp_path / "no-such-q"))
    v = judge("add:{x+y}")
    assert v.category == INFRASTRUCTURE and v.attempts == 3


def test_crashing_binary_is_infrastructure_not_the_solutions_fault(tmp_path, monkeypatch):
    monkeypatch.setenv("QBLUEPRINT_Q", launcher(tmp_path, 'echo "licence error" >&2; exit 1'))
    v = judge("add:{x+y}")
    assert v.category == INFRASTRUCTURE and "licence error" in v.tests[0].detail
    monkeypatch.setenv("QBLUEPRINT_Q", launcher(tmp_path, 'kill -SEGV $$'))
    assert judge("add:{x+y}").category == INFRASTRUCTURE


def test_batch_on_the_q_backend_keeps_order(q_runner):
    items = [("add:{x+y}", ADD), ("add:{x*y}", ADD), ("add:{x+y}", ADD)]
    assert [v.category for v in run_batch(items, backend="q", timeout=10)] == [PASSED, WRONG_ANSWER, PASSED]


def test_parse_reads_only_marked_lines():
    job = type("J", (), {"tests": (ValueTest("f[]", "1"), ValueTest("f[]", "2"))})()
    marker = qscript.new_marker()
    out = f"{marker} start\nnoise\n{marker} loaded\n{marker} 0 pass\nQBX 1 pass\n"
    outcomes = qscript.parse(job, marker, out, "", 0)
    assert outcomes[0].category == PASSED and outcomes[1].category == Q_ERROR
    assert outcomes[1].error == "exit 0"


def test_pykx_backend_where_pykx_is_installed_and_licensed():
    pytest.importorskip("pykx")
    v = run_tests("helper:{x+y}\nadd:{helper[x;y]}", ADD, backend="pykx", timeout=20)
    assert v.backend == "pykx" and v.category == PASSED, v.summary()
    assert run_tests("add:{x-y}", ADD, backend="pykx", timeout=20).category == WRONG_ANSWER


TOLERANCE_CASES = [  # (definition of f<i>, expected, tolerance, agrees)
    ("{1%3}", "0.333333333", 1e-6, True),
    ("{1%3}", "0.333333333", 0.0, False),
    ("{(1;1%3;`a)}", "(1;0.3333333;`a)", 1e-6, True),
    ("{`a`b!(1%3;2)}", "`a`b!(0.3333333;2)", 1e-6, True),
    ("{1 2 3}", "1 2 3f", 1e-6, False),
    ("{([] a:1 2; b:1%3 7)}", "([] a:1 2; b:0.3333333 0.142857)", 1e-6, True),
    ("{0n 1.0}", "0n 1.0", 1e-6, True),
    ("{1 0n}", "1 2.0", 1e-6, False),
    ("{0w}", "0w", 1e-6, True),
    ("{1e300}", "0w", 1e-6, False),
]


def test_q_and_embedded_back_ends_apply_the_same_comparison(q_runner):
    solution = "\n".join(f"f{i}:{body}" for i, (body, _, _, _) in enumerate(TOLERANCE_CASES))
    tests = [ValueTest(f"f{i}[]", expected, tolerance) for i, (_, expected, tolerance, _) in enumerate(TOLERANCE_CASES)]
    wanted = [PASSED if agrees else WRONG_ANSWER for *_, agrees in TOLERANCE_CASES]
    for backend in ("embedded", "q"):
        v = run_tests(solution, tests, backend=backend, timeout=10)
        assert [t.category for t in v.tests] == wanted, backend


def _running_with(argument):
    """Live (not zombie) processes anywhere on the machine whose command line holds `argument`."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if argument in (proc / "cmdline").read_bytes().decode(errors="replace") and \
                    "State:\tZ" not in (proc / "status").read_text():
                found.append(proc.name)
        except OSError:
            continue
    return found


def test_killing_a_hung_q_takes_its_children_with_it(q_runner, monkeypatch):
    marker = f"300.{os.getpid()}{int(time.time() * 1000) % 100000}"  # a sleep no other process runs
    body = (f'sleep {marker} &\n'
            f'PYTHONPATH="{ROOT}" exec "{sys.executable}" -m qblueprint.q "$1"')
    monkeypatch.setenv("QBLUEPRINT_Q", launcher(q_runner, body))
    v = judge("add:{while[1b;];x+y}", timeout=2)
    assert v.category == TIMEOUT
    deadline = time.monotonic() + 5
    while _running_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running_with(marker)


def test_the_judge_is_out_of_the_solutions_reach(q_runner):
    """A solution that rewrites the harness's names while a test runs cannot make a wrong result pass: results
    leave q serialised and are compared here, and the expected values never enter its process."""
    hostile = ("add:{.qbx.v::{[i;a;cap] -1 \"pass\"}; .qbx.m::{[a;e;t] 1b}; (~)::{[a;b] 1b}; 0}\n")
    v = judge(hostile, tests=[ValueTest("add[1;2]", "3"), PyValueTest("add[1;2]", 3)])
    assert PASSED not in [t.category for t in v.tests], v.summary()
    script = qscript.build(qscript_job("add:{x+y}", [ValueTest("add[1;2]", "31415926")]), "QBXmarker")
    assert "31415926" not in script


def test_results_without_python_values_or_too_large_are_wrong_answers_on_q_too(q_runner):
    v = judge("f:{x}", tests=[PyValueTest("f", 1), PyValueTest("(1;{x})", 1), ValueTest("til 2000000", "1 2")])
    assert [t.category for t in v.tests] == [WRONG_ANSWER] * 3, v.summary()
    assert "bytes" in v.tests[2].actual


def qscript_job(solution, tests):
    from qblueprint.execute import Job
    return Job(solution=solution, tests=tuple(tests))
