"""Sessions share nothing: many sessions in threads, their work interleaved, never see each other's
globals, output, limits, precision or depth (issue 14, item 3)."""
import sys
import threading

import pytest

from qblueprint.q import Session, QError

N = 8
ROUNDS = 25


def _run_threads(work):
    """Run work(i, barrier) in N threads; re-raise the first failure."""
    barrier = threading.Barrier(N, timeout=60)
    errors = []

    def body(i):
        try:
            work(i, barrier)
        except BaseException as e:      # noqa: BLE001  (reported below, with the thread's index)
            errors.append((i, e))
            barrier.abort()

    old = threading.stack_size()
    threading.stack_size(64 << 20)      # deep q recursion needs more C stack than a thread's default
    try:
        threads = [threading.Thread(target=body, args=(i,)) for i in range(N)]
    finally:
        threading.stack_size(old)
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)         # threads swap the interpreter lock every few q steps
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    finally:
        sys.setswitchinterval(switch)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    if errors:
        i, e = errors[0]
        raise AssertionError(f"thread {i}: {e!r}") from e


def test_globals_output_and_namespaces_stay_in_their_session():
    def work(i, barrier):
        s = Session()
        s.eval("x:%d; .ns.v:%d; f:{[n] x+n}" % (i, 100 * i))
        for r in range(ROUNDS):
            barrier.wait()                      # every thread is between the same two steps
            assert s.console("x") == f"{i}\n"
            assert s.console("f %d" % r) == f"{i + r}\n"
            s.eval("x:x+0")                     # assignment in every thread at once
            assert s.console(".ns.v") == f"{100 * i}\n"
            s.console('\\d .ns')
            assert s.console("v") == f"{100 * i}\n"
            s.console('\\d .')
            out = s.console('-1 "t%d r%d"; ::' % (i, r))
            assert out == f"t{i} r{r}\n", out
            # a loop long enough to be interrupted by the other threads many times
            assert s.console("{[n] c:0; do[n; if[not x~%d; c+:1]]; c} 3000" % i) == "0\n"
            lines = s.console("do[50; -1 string x]").split()
            assert lines == [str(i)] * 50, lines
        s.eval("v%d:1" % i)
        barrier.wait()
        names = s.console("key `.").split()
        assert "`v%d" % i in names or "v%d" % i in " ".join(names)
        assert not [n for n in names if n.strip("`") in {"v%d" % j for j in range(N) if j != i}], names

    _run_threads(work)


def test_limits_precision_and_depth_stay_in_their_session():
    def work(i, barrier):
        small = i % 2 == 0
        s = Session(max_steps=200000 if small else None, max_bytes=(1 << 16) if small else 1 << 28,
                    max_depth=40 if small else 800)
        s.console("\\P %d" % (3 if small else 12))
        s.eval("r:{$[x=0;0;1+r x-1]}")
        # each q loop below runs long enough for the other threads to run many times inside it
        for _ in range(3):
            barrier.wait()
            wsfull = s.console("sum {@[{count til 100000; 0b};::;{1b}]} each til 100")
            digits = s.console('sum {"0.333"~string 1%3} each til 100')
            stack = s.console("sum {@[r;60;{1b}]~1b} each til 20")
            if small:
                assert (wsfull, digits, stack) == ("100i\n", "100i\n", "20i\n")
                with pytest.raises(QError, match="limit"):
                    s.eval("{$[x<0;0;x+1]}/[1000000;0]")
            else:
                assert (wsfull, digits, stack) == ("0i\n", "0i\n", "0i\n")
                assert s.console("r 700") == "700\n"
                assert s.console("{$[x<0;0;x+1]}/[20000;0]") == "20000\n"

    _run_threads(work)


def test_a_session_inside_another_leaves_the_outer_one_as_it_was():
    from qblueprint.q.evaluation import evaluator as ev
    outer = Session(max_depth=800, max_steps=10 ** 6)
    outer.eval("x:`outer")

    def nested():
        inner = Session(max_depth=30, max_steps=50)
        inner.eval("x:`inner")
        assert inner.console("x") == "`inner\n"
        st = ev.STATE
        assert (st.g is outer.g, st.session is outer, st.max_depth, st.max_steps) == (True, True, 800, 10 ** 6)
        return "done"

    assert outer._run(nested) == "done"
    assert outer.console("x") == "`outer\n"
    assert outer.console("{$[x=0;0;1+.z.s x-1]} 500") == "500\n"
