"""Executor benchmark: tests per second on the embedded back end against a process-per-test design.

    python benchmarks/executor.py [--solutions 500] [--tests 5] [--process-sample 60] [--workers N]

Judges a batch of LeetCode-style q solutions (see qproblems.py), each with its own tests, through
the execution service's worker pool: once cold (starting the workers is counted) and once warm.
Then, in the same run and on the same engine, it times the design the execution service replaces:
every test as its own `python -m qblueprint.q script.q` process (solution, then
`show result~expected`), run as many at a time as there are workers, on a sample of the same tests.
Prints tests/s for both and their ratio; also checks that the two embedded runs gave equal verdicts.
Last, Python solutions (the Q->Python task) are judged one process each, inside the OS sandbox and, side by
side, in the weak mode without it, so the sandbox's cost per Python solution is printed beside the embedded q
figure (the embedded q path runs in its own workers and never enters the OS sandbox).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from qproblems import instances  # noqa: E402

from qblueprint.execute import Job, Limits, ValueTest  # noqa: E402
from qblueprint.execute.pool import WorkerPool  # noqa: E402


def process_per_test(cases, workers, timeout):
    """Seconds to run each (solution, call, expected) as its own script-runner process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))

    def one(case):
        solution, call, expected = case
        with tempfile.TemporaryDirectory(prefix="qbx-bench-") as tmp:
            script = Path(tmp, "test.q")
            script.write_text(f"{solution}\nshow ({call})~{expected}\n")
            done = subprocess.run([sys.executable, "-m", "qblueprint.q", str(script)], cwd=tmp, env=env,
                                  capture_output=True, text=True, timeout=timeout)
        return done.stdout.strip() == "1b"

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as threads:
        agreed = list(threads.map(one, cases))
    return time.perf_counter() - start, sum(agreed)


def python_rates(n, tests, workers, timeout):
    """(tests/s, seconds) judging `n` Python solutions with `tests` tests each, sandboxed and in the weak mode."""
    from qblueprint.execute import PyValueTest, run_batch, sandbox_info
    from qblueprint.execute import sandbox
    items = [(f"def solve(x):\n    return sorted(x)[::-1][:{i % 7 + 1}]\n",
              [PyValueTest(f"solve({list(range(j, j + 5))})", list(range(j + 4, j + 4 - (i % 7 + 1), -1))[:5])
               for j in range(tests)]) for i in range(n)]
    rates = {}
    for mode in ("auto", "weak"):
        os.environ[sandbox.SANDBOX_ENV] = mode
        label = sandbox_info()["mechanism"] or "none"
        start = time.perf_counter()
        verdicts = run_batch(items, language="python", workers=workers, timeout=timeout)
        seconds = time.perf_counter() - start
        rates[label] = (n * tests / seconds, seconds, sum(v.passed for v in verdicts))
    os.environ.pop(sandbox.SANDBOX_ENV)
    return rates


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--solutions", type=int, default=500)
    parser.add_argument("--tests", type=int, default=5)
    parser.add_argument("--process-sample", type=int, default=60,
                        help="tests timed in the process-per-test design (each costs a process start)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--python-solutions", type=int, default=40, help="Python solutions judged per mode")
    args = parser.parse_args(argv)

    load_at_start = os.getloadavg()[0]
    items = instances(args.solutions, args.tests)
    limits = Limits(timeout=args.timeout)
    jobs = [Job(solution, tuple(ValueTest(call, expected) for call, expected in tests), "q", limits)
            for solution, tests in items]
    n_tests = sum(len(j.tests) for j in jobs)

    with WorkerPool(workers=args.workers) as pool:
        start = time.perf_counter()
        cold = pool.run(jobs)
        cold_s = time.perf_counter() - start
        start = time.perf_counter()
        warm = pool.run(jobs)
        warm_s = time.perf_counter() - start
    categories = Counter(o.category for v in warm for o in v.tests)

    stride = max(1, n_tests // args.process_sample)
    flat = [(solution, call, expected) for solution, tests in items for call, expected in tests]
    sample = flat[::stride][:args.process_sample]
    proc_s, proc_agreed = process_per_test(sample, args.workers, args.timeout * 4)

    python = python_rates(args.python_solutions, args.tests, args.workers, args.timeout)
    embedded_rate = n_tests / warm_s
    process_rate = len(sample) / proc_s
    print(f"machine: {os.cpu_count()} CPUs, {args.workers} workers; load average at start "
          f"{load_at_start:.1f}, at end {os.getloadavg()[0]:.1f} (other work on the machine slows both designs)")
    print(f"batch: {len(jobs)} q solutions x {args.tests} tests = {n_tests} tests")
    print(f"embedded, cold pool (worker start counted): {cold_s:.2f} s, {n_tests / cold_s:.0f} tests/s")
    print(f"embedded, warm pool: {warm_s:.2f} s, {embedded_rate:.0f} tests/s")
    print(f"verdicts identical across the two runs: {cold == warm}")
    print("test outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(categories.items())))
    print(f"process per test (script runner): {len(sample)} tests in {proc_s:.2f} s, "
          f"{process_rate:.1f} tests/s ({proc_agreed} printed 1b)")
    print(f"speed-up of the embedded service over process per test: "
          f"{embedded_rate / process_rate:.0f}x warm, {n_tests / cold_s / process_rate:.0f}x cold")
    for label, (rate, seconds, passed) in python.items():
        print(f"python solutions, sandbox {label}: {args.python_solutions} x {args.tests} tests in {seconds:.2f} s, "
              f"{rate:.0f} tests/s, {seconds / args.python_solutions * 1000:.0f} ms per solution ({passed} passed)")
    if "bubblewrap" in python and "weak" in python:
        cost = (python["bubblewrap"][1] - python["weak"][1]) / args.python_solutions * 1000
        print(f"the OS sandbox costs {cost:.0f} ms per Python solution; embedded q (above) "
              f"{embedded_rate:.0f} tests/s never enters it")


if __name__ == "__main__":
    main()
