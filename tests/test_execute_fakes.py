"""Fake judges for the worker-pool tests (this module holds no tests): each stands in for the
interpreter to provoke one kind of harness failure; kept apart so worker processes import nothing heavy."""
import os
import time
from pathlib import Path

from qblueprint.execute import PASSED, TestOutcome, Verdict


def _passed(job):
    return Verdict(tests=(TestOutcome(PASSED),) * len(job.tests), backend="embedded", language="q")


class DyingJudge:
    """Every job kills the worker: the harness's fault, never the solution's."""
    armed = False

    def run(self, job):
        os._exit(3)


class FlakyJudge:
    """Dies the first time it sees a solution (a path it then creates), passes on the retry."""
    armed = False

    def run(self, job):
        mark = Path(job.solution)
        if not mark.exists():
            mark.write_text("seen")
            os._exit(1)
        return _passed(job), False


class HangingJudge:
    """Ignores its timer (as a long call inside numpy would) when the solution says 'hang'."""
    armed = False

    def run(self, job):
        if job.solution == "hang":
            time.sleep(60)
        return _passed(job), False


class PidJudge:
    """Says which process judged the job; asks to be replaced when the solution says 'limit'
    (as the real judge does after a memory or recursion limit)."""
    armed = False

    def run(self, job):
        outcome = TestOutcome(PASSED, detail=str(os.getpid()))
        verdict = Verdict(tests=(outcome,) * len(job.tests), backend="embedded", language="q")
        return verdict, job.solution == "limit"


class UnstartableJudge:
    """Cannot even be built: the set-up is broken, which is an error for the caller, not a verdict."""
    armed = False

    def __init__(self):
        os._exit(2)
