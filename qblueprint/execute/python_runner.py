"""Judging Python solutions (the q-to-Python task): one isolated `python -I` process per solution.

The child (`pychild`) reports results; expected values never leave this process, and the
comparison is made here. Categories mean what they mean for q: an exception the solution raises
(or a crash of its process) is `q_error` with the exception's name, MemoryError and RecursionError
and the output cap are `resource_limit`, the wall clock or CPU limit is `timeout`, and a child that
never started is `infrastructure`.
"""
import json
import os
import secrets
import signal
import sys
import time
from pathlib import Path

from .cases import OutputTest, ValueTest, normalise_output
from .compare import py_equal
from . import sandbox
from .process import run_program
from .verdict import (INFRASTRUCTURE, LOAD, PASSED, Q_ERROR, RESOURCE_LIMIT, TEST, TIMEOUT,
                      WRONG_ANSWER, TestOutcome, Verdict)

BACKEND = "python"
MAX_ATTEMPTS = 3
RETRY_PAUSES = (0.1, 0.5)  # seconds before the 2nd and 3rd attempt: transient failures pass
DISPLAY_CHARS = 2000
CHILD_SOURCE = Path(__file__).with_name("pychild.py").read_text()
LIMIT_EXCEPTIONS = {"MemoryError": "memory", "RecursionError": "recursion", "OutputLimitExceeded": "output"}


class Opaque:
    """A result the child could only describe (its repr); it equals nothing."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if "__dict__" in value:
            return {_hashable(decode(k)): decode(v) for k, v in value["__dict__"]}
        if "__set__" in value:
            return {_hashable(decode(v)) for v in value["__set__"]}
        return Opaque(value["__repr__"])
    return value


def _hashable(x):
    return tuple(_hashable(i) for i in x) if isinstance(x, list) else x


def _clip(text):
    return text if len(text) <= DISPLAY_CHARS else text[:DISPLAY_CHARS] + f"... ({len(text)} chars)"


def check_tests(tests):
    for i, t in enumerate(tests):
        if isinstance(t, ValueTest):
            raise ValueError(f"tests[{i}]: a Python solution cannot be checked against a q value "
                             f"({t.expected!r}); give the expected value as a Python object (expected_py)")


def _error(event, phase):
    name = event["error"]
    if name in LIMIT_EXCEPTIONS:
        return TestOutcome(RESOURCE_LIMIT, error=name, phase=phase, detail=LIMIT_EXCEPTIONS[name])
    return TestOutcome(Q_ERROR, error=name, phase=phase, detail=_clip(event.get("message", "")))


def _judge_test(test, event):
    if "error" in event:
        return _error(event, TEST)
    if isinstance(test, OutputTest):
        printed = event.get("output", "")
        if normalise_output(printed) == normalise_output(test.expected_output):
            return TestOutcome(PASSED)
        return TestOutcome(WRONG_ANSWER, expected=_clip(test.expected_output), actual=_clip(printed))
    actual = decode(event.get("value"))
    if py_equal(actual, test.expected, test.tolerance):
        return TestOutcome(PASSED)
    return TestOutcome(WRONG_ANSWER, expected=_clip(repr(test.expected)), actual=_clip(repr(actual)))


def _ended(done, phase):
    """Why the child stopped reporting."""
    rc = done.returncode
    if done.timed_out or rc == -signal.SIGXCPU:
        return TestOutcome(TIMEOUT, phase=phase, detail="time limit reached; process killed")
    if done.output_exceeded:
        return TestOutcome(RESOURCE_LIMIT, phase=phase, detail="output")
    # a SIGKILL here came from the solution itself: memory runs out as MemoryError under the address-space
    # limit, and the harness's own kill is a timeout or the output cap, both handled above
    if rc is not None and rc < 0:
        return TestOutcome(Q_ERROR, error=signal.Signals(-rc).name, phase=phase,
                           detail="the solution crashed its process")
    return TestOutcome(Q_ERROR, error=f"exit {rc}", phase=phase, detail="the solution ended its process")


def parse(job, marker, done):
    n = len(job.tests)
    events = []
    for line in done.stdout.splitlines():
        if line.startswith(marker + " "):
            try:
                events.append(json.loads(line[len(marker) + 1:]))
            except ValueError:
                continue
    kinds = [e.get("event") for e in events]
    if "start" not in kinds:
        if done.timed_out:
            return [TestOutcome(INFRASTRUCTURE, detail="python did not start within the time limit")] * n
        return [TestOutcome(INFRASTRUCTURE, detail=f"python did not start (exit {done.returncode}): "
                            f"{_clip(done.stderr.strip()) or 'no output'}")] * n
    load = next((e for e in events if e.get("event") == "load"), None)
    if load is None:
        return [_ended(done, LOAD)] * n
    if "error" in load:
        return [_error(load, LOAD)] * n
    results = {e["i"]: e for e in events if e.get("event") == "test" and isinstance(e.get("i"), int)}
    outcomes, cut = [], None
    for i, test in enumerate(job.tests):
        if cut is None and i in results:
            outcomes.append(_judge_test(test, results[i]))
        elif cut is None:
            cut = _ended(done, TEST)
            outcomes.append(cut)
        else:
            outcomes.append(TestOutcome(cut.category, error=cut.error, phase=TEST,
                                        detail="not run: " + (cut.detail or cut.error)))
    return outcomes


def _run(job):
    """Run `job` in a sandboxed child, retrying only when the child never started.

    Returns (outcomes, the last run's Finished or None, its marker, attempts, seconds)."""
    n = len(job.tests)
    payload = json.dumps({"solution": job.solution, "tests": [
        {"kind": "output", "code": t.code} if isinstance(t, OutputTest) else {"kind": "call", "code": t.call}
        for t in job.tests]})
    # the real interpreter, run isolated (-I): inside the sandbox only it and its standard library exist
    python = os.path.realpath(sys.executable)
    attempts, seconds, done, marker = 0, 0.0, None, None
    while attempts < MAX_ATTEMPTS:
        if attempts:
            time.sleep(RETRY_PAUSES[attempts - 1])
        attempts += 1
        marker = "QBX" + secrets.token_hex(8)
        argv = [python, "-I", "-c", CHILD_SOURCE, marker, str(int(job.limits.output))]
        try:
            done = run_program(argv, {"job.json": payload}, job.limits, read_only=sandbox.interpreter_paths())
        except OSError as e:
            done, outcomes = None, [TestOutcome(INFRASTRUCTURE, detail=f"cannot start python: {e}")] * n
            continue
        seconds += done.seconds
        outcomes = parse(job, marker, done)
        if not any(o.category == INFRASTRUCTURE for o in outcomes):
            break
    return outcomes, done, marker, attempts, seconds


def judge(job):
    """A Verdict for a Python `job`, retrying only when the child process never started."""
    check_tests(job.tests)
    outcomes, _, _, attempts, seconds = _run(job)
    return Verdict(tests=tuple(outcomes), backend=BACKEND, language="python", attempts=attempts, seconds=seconds)


def python_values(solution, calls, limits=None):
    """The values of `calls` (Python expressions) after running `solution`, in the same sandboxed child
    process that judges Python solutions: how a reference solution's results become expected values.

    Returns one (value, None) or (None, TestOutcome) pair per call: the outcome says why there is no value."""
    from .cases import PyValueTest
    from .jobs import Job, Limits
    job = Job(solution=solution, tests=tuple(PyValueTest(c, None) for c in calls), language="python",
              limits=limits or Limits())
    outcomes, done, marker, _, _ = _run(job)
    values = _values(marker, done) if done is not None else {}
    return [(values[i], None) if o.category in (PASSED, WRONG_ANSWER) and i in values else (None, o)
            for i, o in enumerate(outcomes)]


def _values(marker, done):
    found = {}
    for line in done.stdout.splitlines():
        if line.startswith(marker + " "):
            try:
                event = json.loads(line[len(marker) + 1:])
            except ValueError:
                continue
            if event.get("event") == "test" and "error" not in event and isinstance(event.get("i"), int):
                found[event["i"]] = decode(event.get("value"))
    return found
