"""A q script that judges one solution inside a q process, and the reading of what it prints.

Used by the back ends that run a separate q (a kdb+ binary, PyKX). The script prints the
solution's load, then for each test a line tagged with a marker that contains a fresh random
nonce, so that text the solution prints cannot be mistaken for the harness's. Tests run under
protected evaluation (`@[f;x;handler]`), so a q error in one test is reported and the next test
still runs. The comparison helpers are defined only after the solution has loaded.

Results leave the q process as data: each test's result is serialised with `-8!` (kdb+'s IPC format)
and printed as hex, then read back here (`qblueprint.q.ipc`) and compared in this process, with the same
rules as the embedded back end (`compare`). Expected values never enter the solution's process, so a solution
that redefines the harness's names or forges its lines cannot make a wrong result pass. A result much larger
than the expected value is not serialised at all (`big`), so its size costs neither time nor output.
"""
import functools
import re
import secrets
import signal

from qblueprint.q import QError
from qblueprint.q.ipc import NotData, deserialize, serialize

from .cases import OutputTest, ValueTest, normalise_output
from .compare import py_equal, q_match, to_python
from .verdict import (INFRASTRUCTURE, LOAD, PASSED, Q_ERROR, RESOURCE_LIMIT, TEST, TIMEOUT,
                      WRONG_ANSWER, TestOutcome)

DISPLAY_CHARS = 2000
LIMIT_ERRORS = {"wsfull": "memory", "stack": "recursion"}
# q prints an uncaught error as a quote followed by its name, first thing on a line
ERROR_LINE = re.compile(r"^'(\S+)")
WORKSPACE_ABORT = re.compile(r"\bwsfull\b|-w abort")

# .qbx.v prints the result's serialised bytes as hex, unless it is larger than `cap` bytes; then only its size
PRELUDE = r"""
.qbx.v:{[i;a;cap] b:@[-8!;a;{`err}]; $[`err~b;-1 "@M ",(string i)," value !";cap<count b;-1 "@M ",(string i)," big ",string count b;-1 "@M ",(string i)," value ",raze string b]; show a; -1 "@M ",(string i)," end";}
.qbx.err:{[i;r] if[`err~first r;-1 "@M ",(string i)," error ",last r]}
"""
MIN_CAP = 1 << 16  # bytes a serialised result may always take


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
                  f".qbx.err[{i};.qbx.r];",
                  f"if[`ok~first .qbx.r;.qbx.v[{i};last .qbx.r;{_cap(test)}]];"]
    lines += [f'-1 "{marker} done";', "exit 0", ""]
    return "\n".join(lines)


def _cap(test):
    """The most bytes test's result may serialise to and still be compared: a generous bound from the
    expected value's own size (all the solution's process learns of it)."""
    try:
        size = len(serialize(_references().get(test.expected))) if isinstance(test, ValueTest) \
            else 16 * len(repr(test.expected))
    except QError:  # a broken expected value is reported when the result is compared
        size = 0
    return max(MIN_CAP, 4 * size)


@functools.lru_cache(maxsize=None)
def _references():
    """Expected q values, evaluated in this process by the embedded interpreter (never in the solution's)."""
    from .embedded import ReferenceValues
    return ReferenceValues()


def _compare(test, arg, display):
    """The outcome of test, whose result q printed as `arg` (hex bytes, `!` or `big N`)."""
    if arg.startswith("big "):
        return TestOutcome(WRONG_ANSWER, expected=_expected_text(test), actual=f"a q value of {arg[4:]} bytes",
                           detail="its size cannot match the expected value")
    try:
        actual = deserialize(bytes.fromhex(arg))
    except NotData as e:
        return TestOutcome(WRONG_ANSWER, expected=_expected_text(test), actual=_clip(display), detail=str(e))
    except ValueError as e:
        if arg == "!":  # q could not serialise it (our own runner: functions other than lambdas)
            return TestOutcome(WRONG_ANSWER, expected=_expected_text(test), actual=_clip(display),
                               detail="the result is not data")
        return TestOutcome(INFRASTRUCTURE, detail=f"unreadable result from q: {e}")
    if isinstance(test, ValueTest):
        try:
            expected = _references().get(test.expected)
        except QError as e:
            return TestOutcome(INFRASTRUCTURE, detail=f"expected value {test.expected!r} does not evaluate: {e}")
        ok = q_match(actual, expected, test.tolerance)
    else:
        try:
            ok = py_equal(to_python(actual), test.expected, test.tolerance)
        except Exception as e:  # no Python value (a value holding something that is not data)
            return TestOutcome(WRONG_ANSWER, expected=_expected_text(test), actual=_clip(display),
                               detail=f"the result has no Python value to compare ({type(e).__name__})")
    if ok:
        return TestOutcome(PASSED)
    return TestOutcome(WRONG_ANSWER, expected=_expected_text(test), actual=_clip(display))


def _expected_text(test):
    if isinstance(test, ValueTest):
        references = _references()
        return _clip(references.session.display(references.get(test.expected)))
    return _clip(repr(test.expected))


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
        elif kind == "output" and i not in results:
            printed, complete = block(k, f"{i} end")
            if complete:
                same = normalise_output(printed) == normalise_output(test.expected_output)
                results[i] = TestOutcome(PASSED) if same else TestOutcome(
                    WRONG_ANSWER, expected=_clip(test.expected_output), actual=_clip(printed))
        elif kind in ("value", "big") and i not in results and not isinstance(test, OutputTest):
            display, complete = block(k, f"{i} end")
            if complete:
                results[i] = _compare(test, arg if kind == "value" else f"big {arg}", display)
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
