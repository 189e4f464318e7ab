"""Verdicts: what happened when a solution met its tests, one category per test and one overall.

The categories are deliberately few and disjoint so that rewards and pass@k can rely on them:
a failure of the harness (`infrastructure`) is never reported as a failure of the solution, and a
solution that runs out of time or memory is told apart from one that computes the wrong answer.
"""
from dataclasses import dataclass, field, asdict

PASSED = "passed"
WRONG_ANSWER = "wrong_answer"
Q_ERROR = "q_error"            # the solution signalled an error (for Python solutions: raised or crashed)
TIMEOUT = "timeout"
RESOURCE_LIMIT = "resource_limit"  # memory, output size or recursion depth
INFRASTRUCTURE = "infrastructure"  # the back end itself failed; never the solution's fault

CATEGORIES = (PASSED, WRONG_ANSWER, Q_ERROR, TIMEOUT, RESOURCE_LIMIT, INFRASTRUCTURE)

LOAD = "load"  # phase: defining the solution
TEST = "test"  # phase: running one test against it

# When tests disagree, the verdict reports the failure that says most about the run:
# a harness failure trumps everything, then limits (they cut the run short), then the solution's
# own errors, then plain wrong answers.
_SEVERITY = {INFRASTRUCTURE: 5, TIMEOUT: 4, RESOURCE_LIMIT: 3, Q_ERROR: 2, WRONG_ANSWER: 1, PASSED: 0}


@dataclass(frozen=True)
class TestOutcome:
    """The outcome of one test. `expected`/`actual` are display text (q console form for q values).

    `error` is the error as the language prints it (`'type`, `ZeroDivisionError`), `phase` says
    whether it struck while loading the solution or while running this test, and `detail` says in
    words why a limit or harness failure was reported.
    """
    __test__ = False  # not a pytest test class, despite the name
    category: str
    expected: str | None = None
    actual: str | None = None
    error: str | None = None
    phase: str | None = None
    detail: str = ""

    def __post_init__(self):
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown verdict category {self.category!r}; expected one of {CATEGORIES}")

    @property
    def passed(self):
        return self.category == PASSED


@dataclass(frozen=True)
class Verdict:
    """Per-test outcomes of one solution plus a summary category.

    Timing and the number of attempts are kept for reporting but excluded from equality, so that
    two runs of the same solution compare equal whenever they reached the same verdict.
    """
    tests: tuple
    backend: str
    language: str
    attempts: int = field(default=1, compare=False)
    seconds: float = field(default=0.0, compare=False)

    @property
    def category(self):
        if not self.tests:
            return PASSED
        return max((t.category for t in self.tests), key=_SEVERITY.__getitem__)

    @property
    def passed(self):
        return all(t.passed for t in self.tests)

    @property
    def n_passed(self):
        return sum(t.passed for t in self.tests)

    @property
    def pass_fraction(self):
        """Share of tests passed (a graded reward); 0.0 for a harness failure, which should be
        left out of rewards and scores altogether rather than counted (see `is_infrastructure`)."""
        return self.n_passed / len(self.tests) if self.tests else 0.0

    @property
    def first_failure(self):
        """The first test that did not pass (the one to show a human), or None."""
        return next((t for t in self.tests if not t.passed), None)

    @property
    def is_infrastructure(self):
        return self.category == INFRASTRUCTURE

    def to_dict(self):
        d = asdict(self)
        d["tests"] = [asdict(t) for t in self.tests]
        d["category"] = self.category
        return d

    @classmethod
    def from_dict(cls, d):
        tests = tuple(TestOutcome(**t) for t in d["tests"])
        return cls(tests=tests, backend=d["backend"], language=d["language"],
                   attempts=d.get("attempts", 1), seconds=d.get("seconds", 0.0))

    def summary(self):
        """One line for logs: category, tests passed, and what went wrong first."""
        line = f"{self.category} {self.n_passed}/{len(self.tests)}"
        bad = self.first_failure
        if bad is None:
            return line
        if bad.category == WRONG_ANSWER:
            return f"{line}: expected {bad.expected!r}, got {bad.actual!r}"
        what = " ".join(x for x in (bad.error, f"in {bad.phase}" if bad.phase else None, bad.detail) if x)
        return f"{line}: {what}"

