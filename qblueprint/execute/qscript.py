"""A q script that judges one solution inside a q process, and the reading of what it prints.

Used by the back ends that run a separate q (a kdb+ binary, PyKX). The script prints the
solution's load, then for each test a line tagged with a marker that contains a fresh random
nonce, so that text the solution prints cannot be mistaken for the harness's. Tests run under
protected evaluation (`@[f;x;handler]`), so a q error in one test is reported and the next test
still runs. The comparison helpers are defined only after the solution has loaded.

Value tests are compared in q, with the same rule as the embedded back end (match, floats within a
tolerance). Tests against Python values have the result serialised with `.j.j` and compared in
Python. A solution that deliberately redefines the harness's `.qbx` names while a test runs can
fool this back end; rewards should come from the embedded back end, which compares outside the
solution's reach.
"""
import json
import re
import secrets
import signal

from .cases import OutputTest, ValueTest, normalise_output
from .compare import py_equal
from .verdict import (INFRASTRUCTURE, LOAD, PASSED, Q_ERROR, RESOURCE_LIMIT, TEST, TIMEOUT,
                      WRONG_ANSWER, TestOutcome)

DISPLAY_CHARS = 2000
LIMIT_ERRORS = {"wsfull": "memory", "stack": "recursion"}
# q prints an uncaught error as a quote followed by its name, first thing on a line
ERROR_LINE = re.compile(r"^'(\S+)")
WORKSPACE_ABORT = re.compile(r"\bwsfull\b|-w abort")

# .qbx.fl: floats agree when equal, both null, or within tol*max(1,|e|) of each other; `not null d*0`
# says the gap is finite (an infinite gap times 0 is null) without comparing against infinity
PRELUDE = r"""
.qbx.fl:{[a;e;tol] if[(count a)<>count e;:0b]; d:abs a-e; all (a~'e) or (null[a] and null e) or (not null d*0) and d<=tol*1|abs e}
.qbx.m:{[a;e;tol] $[a~e;1b;not (type a)=type e;0b;(abs type a) in 8 9h;.qbx.fl[a;e;tol];0h=type a;$[(count a)=count e;all .qbx.m'[a;e;tol];0b];99h=type a;.qbx.m[key a;key e;tol] and .qbx.m[value a;value e;tol];98h=type a;.qbx.m[flip a;flip e;tol];0b]}
.qbx.value:{[i;a;e;tol] ok:.qbx.m[a;e;tol]; if[ok;-1 "@M ",(string i)," pass"]; if[not ok;-1 "@M ",(string i)," wrong";show a;-1 "@M ",(string i)," expected";show e;-1 "@M ",(string i)," end"];}
.qbx.json:{[i;a] -1 "@M ",(string i)," json ",@[{.j.j x};a;{"!",x}]; show a; -1 "@M ",(string i)," end";}
.qbx.err:{[i;r] if[`err~first r;-1 "@M ",(string i)," error ",last r]}
"""


def new_marker():
    return "QBX" + secrets.token_hex(8)


def _indent(code):
    """Code as the body of a lambda spanning lines: continuation lines start with a blank."""
    return "\n ".join(code.strip().splitlines())


def build(job, marker):
    """The q script that loads `job.solution` and runs its tests, printing tagged results."""
    lines = [f'-1 "{marker} start";', job.solution.rstrip("\n"), f'-1 "{marker} loaded";',
             PRELUDE.replace("@M", marker).strip()]
    for i, test in enumerate(job.tests):
        if isinstance(test, OutputTest):
            lines += [f'-1 "{marker} {i} output";',
                      f".qbx.r:@[{{[qbxu] {_indent(test.code)}\n ;`ok}};::;{{(`err;x)}}];",
                      f'-1 "{marker} {i} end";',
                      f".qbx.err[{i};.qbx.r];"]
            continue
        lines += [f".qbx.r:@[{{[qbxu] (`ok;{_indent(test.call)})}};::;{{(`err;x)}}];",
                  f".qbx.err[{i};.qbx.r];"]
        if isinstance(test, ValueTest):
            lines.append(f"if[`ok~first .qbx.r;.qbx.value[{i};last .qbx.r;{test.expected};{float(test.tolerance)!r}]];")
        else:
            lines.append(f"if[`ok~first .qbx.r;.qbx.json[{i};last .qbx.r]];")
    lines += [f'-1 "{marker} done";', "exit 0", ""]
    return "\n".join(lines)


def _clip(text):
    return text if len(text) <= DISPLAY_CHARS else text[:DISPLAY_CHARS] + f"... ({len(text)} chars)"


def _q_error(name, phase):
    if name in LIMIT_ERRORS:
        return TestOutcome(RESOURCE_LIMIT, error="'" + name, phase=phase, detail=LIMIT_ERRORS[name])
    return TestOutcome(Q_ERROR, error="'" + name, phase=phase)


def _first_error(text):
    for line in text.splitlines():
        m = ERROR_LINE.match(line.strip())
        if m:
            return m.group(1)
    return None


def parse(job, marker, stdout, stderr, returncode, timed_out=False, output_exceeded=False):
    """Per-test outcomes from what the script printed and how the process ended."""
    n = len(job.tests)
    lines = stdout.splitlines()
    tagged = [(k, line[len(marker) + 1:]) for k, line in enumerate(lines) if line.startswith(marker + " ")]
    words = [t for _, t in tagged]
    if "start" not in words:
        if timed_out:
            return [TestOutcome(INFRASTRUCTURE, detail="q did not start within the time limit")] * n
        return [TestOutcome(INFRASTRUCTURE, detail=f"q did not run the script (exit {returncode}): "
                            f"{_clip((stderr or stdout).strip()) or 'no output'}")] * n
    if "loaded" not in words:
        return [_cut_short(stderr + "\n" + stdout, LOAD, returncode, timed_out, output_exceeded)] * n

    def block(start, stop_word):
        """Untagged lines after tagged line number `start` up to the tagged `stop_word`."""
        out = []
        for line in lines[start + 1:]:
            if line == f"{marker} {stop_word}":
                return "\n".join(out), True
            out.append(line)
        return "\n".join(out), False

    results = {}
    for k, text in tagged:
        head, _, rest = text.partition(" ")
        if not head.isdigit():
            continue
        i = int(head)
        if i >= n:
            continue
        kind, _, arg = rest.partition(" ")
        test = job.tests[i]
        if kind == "pass":
            results[i] = TestOutcome(PASSED)
        elif kind == "error":
            results[i] = _q_error(arg, TEST)
        elif kind == "wrong":
            actual, complete = block(k, f"{i} expected")
            if not complete:  # cut off while showing the result
                continue
            expected, complete = block(lines.index(f"{marker} {i} expected", k), f"{i} end")
            if complete:
                results[i] = TestOutcome(WRONG_ANSWER, expected=_clip(expected), actual=_clip(actual))
        elif kind == "output" and i not in results:
            printed, complete = block(k, f"{i} end")
            if complete:
                same = normalise_output(printed) == normalise_output(test.expected_output)
                results[i] = TestOutcome(PASSED) if same else TestOutcome(
                    WRONG_ANSWER, expected=_clip(test.expected_output), actual=_clip(printed))
        elif kind == "json":
            display, complete = block(k, f"{i} end")
            if not complete:
                continue
            if arg.startswith("!"):
                results[i] = TestOutcome(INFRASTRUCTURE, detail=f"cannot serialise the result for a Python "
                                         f"comparison: '{arg[1:]}")
                continue
            try:
                actual = json.loads(arg)
            except ValueError:
                results[i] = TestOutcome(INFRASTRUCTURE, detail=f"unreadable JSON from q: {_clip(arg)}")
                continue
            results[i] = TestOutcome(PASSED) if py_equal(actual, test.expected, test.tolerance) else TestOutcome(
                WRONG_ANSWER, expected=_clip(repr(test.expected)), actual=_clip(display))
    outcomes = []
    cut = None
    for i in range(n):
        if cut is None and i in results:
            outcomes.append(results[i])
        elif cut is None:
            after_last_tag = "\n".join(lines[tagged[-1][0] + 1:])
            cut = _cut_short(stderr + "\n" + after_last_tag, TEST, returncode, timed_out, output_exceeded)
            outcomes.append(cut)
        else:
            outcomes.append(TestOutcome(cut.category, error=cut.error, phase=TEST,
                                        detail="not run: " + (cut.detail or cut.error)))
    return outcomes


def _cut_short(text, phase, returncode, timed_out, output_exceeded):
    """Why the script stopped before reporting: time, output, a q error, or the process ending."""
    if timed_out:
        return TestOutcome(TIMEOUT, phase=phase, detail="time limit reached; q killed")
    if output_exceeded:
        return TestOutcome(RESOURCE_LIMIT, phase=phase, detail="output")
    name = _first_error(text)
    if name:
        return _q_error(name, phase)
    if WORKSPACE_ABORT.search(text):  # kdb+ may abort past its -w limit without a quoted error
        return TestOutcome(RESOURCE_LIMIT, error="'wsfull", phase=phase, detail="memory")
    if returncode == -signal.SIGXCPU:
        return TestOutcome(TIMEOUT, phase=phase, detail="CPU time limit reached")
    if returncode == -signal.SIGKILL:
        return TestOutcome(RESOURCE_LIMIT, phase=phase, detail="memory: q was killed")
    if returncode is not None and returncode < 0:
        return TestOutcome(INFRASTRUCTURE, phase=phase, detail=f"q crashed (signal {-returncode})")
    return TestOutcome(Q_ERROR, phase=phase, error=f"exit {returncode}", detail="the solution ended the q process")
