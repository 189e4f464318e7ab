"""The worker pool's handling of harness failures, with fake judges standing in for the engine.

Only here are judges faked: a worker that dies, one that dies once, one that hangs past every
timer. Everything about real solutions is tested against the real interpreter elsewhere.
"""
import time

import pytest
from test_execute_fakes import DyingJudge, FlakyJudge, HangingJudge, PidJudge, UnstartableJudge

from qblueprint.execute import INFRASTRUCTURE, PASSED, TIMEOUT, Job, Limits, ValueTest
from qblueprint.execute.pool import GRACE, MAX_ATTEMPTS, WorkerPool, WorkerStartError


def jobs(*solutions, timeout=5.0):
    return [Job(s, (ValueTest("f[]", "1"), ValueTest("f[]", "1")), "q", Limits(timeout=timeout)) for s in solutions]


def test_worker_that_always_dies_gives_infrastructure_after_retries():
    with WorkerPool(workers=2, make_judge=DyingJudge) as pool:
        verdicts = pool.run(jobs("a", "b"))
    for v in verdicts:
        assert v.category == INFRASTRUCTURE and v.attempts == MAX_ATTEMPTS
        assert "exit 3" in v.tests[0].detail


def test_worker_death_is_retried_and_the_retry_counts(tmp_path):
    marks = [str(tmp_path / f"sol{i}") for i in range(2)]
    with WorkerPool(workers=2, make_judge=FlakyJudge) as pool:
        verdicts = pool.run(jobs(*marks))
    assert [v.category for v in verdicts] == [PASSED] * 2
    assert [v.attempts for v in verdicts] == [2] * 2


def test_hung_worker_is_killed_at_the_deadline_and_replaced():
    with WorkerPool(workers=2, make_judge=HangingJudge) as pool:
        start = time.monotonic()
        verdicts = pool.run(jobs("ok", "hang", "ok", "hang", "ok", timeout=0.5))
        elapsed = time.monotonic() - start
    assert [v.category for v in verdicts] == [PASSED, TIMEOUT, PASSED, TIMEOUT, PASSED]
    assert verdicts[1].tests[0].detail.endswith("worker killed")
    assert elapsed < 2 * (0.5 + GRACE) + 3  # two hangs in parallel lanes, plus worker starts


def test_pool_is_reusable_across_batches():
    with WorkerPool(workers=1, make_judge=HangingJudge) as pool:
        assert pool.run(jobs("ok")) == pool.run(jobs("ok"))
        assert pool.run([]) == []


def test_worker_is_replaced_after_a_limit_hit():
    with WorkerPool(workers=1, make_judge=PidJudge) as pool:
        pids = [v.tests[0].detail for v in pool.run(jobs("a", "b", "limit", "c", "d"))]
    assert pids[0] == pids[1] == pids[2] != pids[3] == pids[4]


def test_workers_that_cannot_start_raise_a_clear_error():
    with WorkerPool(workers=2, make_judge=UnstartableJudge) as pool:
        with pytest.raises(WorkerStartError, match=r"exit codes \[2, 2, 2\]"):
            pool.run(jobs("a", "b"))
