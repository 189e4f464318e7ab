"""Judging a q solution with the built-in interpreter, inside the current (worker) process.

Each solution gets a fresh `Session`; expected values are evaluated in a separate reference
session the solution never sees, and the comparison happens in Python, so nothing the solution
defines can change how it is judged. The time limit is enforced here with an interval timer that
raises into the interpreter -- cheaper than killing the process -- while the worker pool keeps a
harder deadline of its own in case the timer cannot fire (a long call inside numpy).
"""
import signal
import time

from qblueprint.q import QError, Session
from qblueprint.q.values import QList, Vec

from .cases import OutputTest, PyValueTest, ValueTest, normalise_output
from .compare import py_equal, q_match, to_python
from .jobs import DeadlineExceeded
from .verdict import (INFRASTRUCTURE, LOAD, PASSED, Q_ERROR, RESOURCE_LIMIT, TEST, TIMEOUT,
                      WRONG_ANSWER, TestOutcome, Verdict)

BACKEND = "embedded"
DISPLAY_CHARS = 2000  # wrong-answer displays are for people; a megabyte of digits helps nobody
LIMIT_ERRORS = {"wsfull": "memory", "stack": "recursion"}


class OutputExceeded(Exception):
    pass


class ReferenceValues:
    """Expected values, evaluated once per text in a session no solution touches."""

    def __init__(self, capacity=4096):
        self.capacity = capacity
        self.values = {}
        self.session = Session()

    def get(self, text):
        value = self.values.get(text)
        if value is None:
            if len(self.values) >= self.capacity:
                self.values.clear()
            value = self.values[text] = self.session.eval(text)
        return value


def clip(text):
    return text if len(text) <= DISPLAY_CHARS else text[:DISPLAY_CHARS] + f"... ({len(text)} chars)"


def error_outcome(error, phase):
    """The outcome for an exception escaping the solution's code."""
    if isinstance(error, QError):
        if error.name in LIMIT_ERRORS:
            return TestOutcome(RESOURCE_LIMIT, error=str(error), phase=phase, detail=LIMIT_ERRORS[error.name])
        return TestOutcome(Q_ERROR, error=str(error), phase=phase)
    if isinstance(error, DeadlineExceeded):
        return TestOutcome(TIMEOUT, phase=phase, detail="time limit reached")
    if isinstance(error, MemoryError):
        return TestOutcome(RESOURCE_LIMIT, phase=phase, detail="memory")
    if isinstance(error, RecursionError):
        return TestOutcome(RESOURCE_LIMIT, phase=phase, detail="recursion")
    if isinstance(error, OutputExceeded):
        return TestOutcome(RESOURCE_LIMIT, phase=phase, detail=str(error))
    # anything else is a defect of the interpreter, not of the solution
    return TestOutcome(INFRASTRUCTURE, phase=phase,
                       detail=f"interpreter failed: {type(error).__name__}: {clip(str(error))}")


def _output_cap(session, error):
    """The session's 'limit for printing past its cap is the output limit, not a q error."""
    if isinstance(error, QError) and error.name == "limit" and session.output_exceeded:
        return OutputExceeded("output")
    return error


class Judge:
    """Runs jobs one after another in this process; one Judge lives in each worker."""

    def __init__(self):
        self.reference = ReferenceValues()
        self.armed = False

    def run(self, job):
        """A Verdict for `job`, plus whether this process should be replaced afterwards
        (after a memory or recursion limit the interpreter's state is not worth trusting)."""
        start = time.monotonic()
        n = len(job.tests)
        expected = []
        for i, test in enumerate(job.tests):
            try:
                expected.append(self.reference.get(test.expected) if isinstance(test, ValueTest) else None)
            except QError as e:  # the test is broken, not the solution
                outcome = TestOutcome(INFRASTRUCTURE, detail=f"test {i}: expected value {test.expected!r} "
                                      f"does not evaluate: {e}")
                return Verdict(tests=(outcome,) * n, backend=BACKEND, language="q"), False
        previous = signal.signal(signal.SIGALRM, self._on_alarm)
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, job.limits.timeout)
        try:
            outcomes = self._judge(job, expected)
        except DeadlineExceeded:  # fired between the last test and disarming
            outcomes = [TestOutcome(TIMEOUT, detail="time limit reached")] * n
        finally:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        verdict = Verdict(tests=tuple(outcomes), backend=BACKEND, language="q",
                          seconds=time.monotonic() - start)
        recycle = any(o.category == RESOURCE_LIMIT and o.detail in ("memory", "recursion") for o in outcomes)
        return verdict, recycle

    def _on_alarm(self, signum, frame):
        if self.armed:
            raise DeadlineExceeded()

    def _judge(self, job, expected):
        n = len(job.tests)
        budget = job.limits.output
        outcomes = []
        # the session refuses to print past the budget, so an endless printer stops at once
        session = Session(max_output=budget)
        try:
            printed = session.load(job.solution)
            budget -= len(printed)
            if budget < 0:
                raise OutputExceeded("output")
        except BaseException as e:  # the deadline is a BaseException, and must land here too
            return [error_outcome(_output_cap(session, e), LOAD)] * n
        for i, test in enumerate(job.tests):
            try:
                outcome, printed = self._one(session, test, expected[i])
                budget -= printed
                if budget < 0:
                    raise OutputExceeded("output")
            except BaseException as e:  # as above
                outcome = error_outcome(_output_cap(session, e), TEST)
                if outcome.category in (TIMEOUT, RESOURCE_LIMIT):
                    # a limit ends the run: the time is spent, or the session is not worth
                    # trusting; the remaining tests share the outcome rather than race the clock
                    outcomes.append(outcome)
                    rest = TestOutcome(outcome.category, error=outcome.error, phase=TEST,
                                       detail="not run: " + (outcome.detail or outcome.error))
                    outcomes.extend([rest] * (n - i - 1))
                    return outcomes
            outcomes.append(outcome)
        return outcomes

    def _one(self, session, test, expected):
        """(outcome, characters printed) for one test in the solution's session."""
        if isinstance(test, OutputTest):
            printed = session.load(test.code)
            if normalise_output(printed) == normalise_output(test.expected_output):
                return TestOutcome(PASSED), len(printed)
            return TestOutcome(WRONG_ANSWER, expected=clip(test.expected_output), actual=clip(printed)), len(printed)
        actual = session.eval(test.call)
        # eval keeps what the call printed in the session's output buffer; it counts too
        printed = sum(map(len, getattr(session, "out", ())))
        if isinstance(test, ValueTest):
            if q_match(actual, expected, test.tolerance):
                return TestOutcome(PASSED), printed
            return TestOutcome(WRONG_ANSWER, expected=clip(self.reference.session.display(expected)),
                               actual=clip(session.display(actual))), printed
        assert isinstance(test, PyValueTest)
        # converting and comparing is the judge's work, not the solution's: it runs with the solution's clock
        # stopped, and a result whose size cannot match the expected value is not converted at all
        paused = signal.setitimer(signal.ITIMER_REAL, 0)[0]
        try:
            return self._compare_python(session, actual, test), printed
        finally:
            if paused:
                signal.setitimer(signal.ITIMER_REAL, paused)

    def _compare_python(self, session, actual, test):
        expected_text = clip(repr(test.expected))
        size = len(actual) if isinstance(actual, (Vec, QList)) else None
        if size is not None and size > MAX_CONVERTED and not _sized_like(test.expected, size):
            return TestOutcome(WRONG_ANSWER, expected=expected_text, actual=f"a q value of {size} items",
                               detail="its size cannot match the expected value")
        try:
            converted = to_python(actual)
        except Exception as e:  # a function, projection, parse tree ... has no Python value: a wrong answer
            return TestOutcome(WRONG_ANSWER, expected=expected_text, actual=clip(_shown(session, actual)),
                               detail=f"the result (q type {actual.t}h) has no Python value to compare "
                                      f"({type(e).__name__})")
        if py_equal(converted, test.expected, test.tolerance):
            return TestOutcome(PASSED)
        return TestOutcome(WRONG_ANSWER, expected=expected_text, actual=clip(_shown(session, actual)))


MAX_CONVERTED = 100_000  # items; a larger result is converted only when the expected value is as large


def _sized_like(expected, size):
    return isinstance(expected, (list, tuple, dict, str)) and len(expected) == size


def _shown(session, value):
    """The console text of `value`, of its first items only when it is long (displaying millions is slow)."""
    if isinstance(value, (Vec, QList)) and len(value) > 1000:
        head = Vec(value.t, value.a[:1000]) if isinstance(value, Vec) else QList(value.items[:1000])
        return f"{session.display(head)} ... ({len(value)} items)"
    return session.display(value)
