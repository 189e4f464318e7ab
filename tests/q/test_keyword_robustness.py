"""Every keyword of this layer answers any argument with a value or a q error, never a Python
exception (which the session would only mask as 'type/'index/'domain)."""
import pytest

import qblueprint.q.front.session as session_module
from qblueprint.q import Session

SAMPLES = ["-2", "0N", "2.5", "0n", "1b", "\"a\"", "`a", "1 0N 3", "1.5 0n 2", "\"abc\"", "`a`b`c", "()",
           "(1;`a)", "(1 2;3 4)", "`a`b!1 2", "([]a:1 2 3)", "2000.01.01", "{x}"]
# binary keywords meet every pair of a smaller set, one value of each shape
PAIR_SAMPLES = ["-2", "0n", "`a", "1 0N 3", "1.5 0n 2", "\"abc\"", "()", "(1;`a)", "(1 2;3 4)", "`a`b!1 2",
                "([]a:1 2 3)"]
UNARY = """abs neg sqrt exp log floor ceiling signum reciprocal sin cos tan asin acos atan sum prd max min
avg med var dev svar sdev count all any sums prds maxs mins avgs deltas ratios differ fills prev next til
first last reverse raze enlist distinct group where asc desc iasc idesc rank flip inv null not""".split()
BINARY = """div mod xexp xlog mmu lsq cov cor scov wavg wsum mavg msum mmax mmin mdev mcount ema xprev xrank
rotate sublist cut except inter union cross in within bin binr and or""".split()


@pytest.fixture
def python_errors(monkeypatch):
    """Collects the Python exceptions the session would have turned into q errors."""
    seen = []
    masked = session_module._python_error_name

    def record(e):
        seen.append(e)
        return masked(e)
    monkeypatch.setattr(session_module, "_python_error_name", record)
    return seen


def _python_failures(python_errors, sources):
    """(source, exception) for each source whose evaluation hit a Python exception."""
    session = Session()
    failures = []
    for src in sources:
        session.console(src)
        if python_errors:
            failures.append((src, python_errors.pop()))
    return failures


@pytest.mark.parametrize("name", UNARY)
def test_unary_keywords_raise_only_q_errors(python_errors, name):
    assert not _python_failures(python_errors, [f"{name} {x}" for x in SAMPLES])


@pytest.mark.parametrize("name", BINARY)
def test_binary_keywords_raise_only_q_errors(python_errors, name):
    pairs = [f"{name}[{x};{y}]" for x in PAIR_SAMPLES for y in PAIR_SAMPLES]
    assert not _python_failures(python_errors, pairs)


@pytest.mark.parametrize("glyph", ["#", "_"])
def test_take_and_drop_raise_only_q_errors(python_errors, glyph):
    pairs = [f"({x}){glyph}({y})" for x in SAMPLES for y in SAMPLES]
    assert not _python_failures(python_errors, pairs)
