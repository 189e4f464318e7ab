"""Long-lived worker processes that judge q solutions with the embedded interpreter.

A worker runs many solutions one after another, each in a fresh interpreter session, under an
address-space limit and a CPU-time limit it sets on itself. The parent hands out jobs, keeps a wall
clock deadline per job (the job's timeout plus a grace period: the worker's own timer normally
fires first), kills a worker that overruns or is asked to be replaced, and starts another. A worker
that dies on its own is a harness failure: its job is retried on a fresh worker and, if every
attempt dies, reported as `infrastructure` -- never charged to the solution.
"""
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections import deque
from multiprocessing.connection import wait

from .jobs import DeadlineExceeded
from .verdict import INFRASTRUCTURE, TIMEOUT, TestOutcome, Verdict

GRACE = 0.5          # seconds the parent waits beyond a job's timeout before killing its worker
JOBS_PER_WORKER = 2000  # replace workers now and then so slow leaks cannot build up
MAX_ATTEMPTS = 3     # tries per job when workers die under it
STARTUP_S = 60       # a worker that has not said it is ready by then is not going to
READY = "ready"


class WorkerStartError(RuntimeError):
    """Workers die before they can judge anything: a problem of the set-up, not of any solution."""


def _address_space():
    """Bytes of virtual memory this process maps now (Linux /proc; 0 where unknown)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _worker_main(conn, memory, make_judge):
    """Worker loop: receive a job, judge it, send (verdict, replace_me). Exits on None or EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if make_judge is None:
        from .embedded import Judge as make_judge
    judge = make_judge()
    if memory and _address_space():
        limit = _address_space() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    def on_cpu_limit(signum, frame):
        if judge.armed:
            raise DeadlineExceeded()
    signal.signal(signal.SIGXCPU, on_cpu_limit)
    conn.send(READY)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        # CPU time as a second line of defence behind the wall-clock timer (soft limit only, so it
        # can be moved on for the next job)
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu_now = used.ru_utime + used.ru_stime
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        soft = int(cpu_now + job.limits.timeout) + 2
        if hard == resource.RLIM_INFINITY or soft <= hard:
            resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        verdict, replace = judge.run(job)
        conn.send((verdict, replace))
        if replace:
            return


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        # workers fork from a server that has already imported the interpreter: cheap restarts
        ctx.set_forkserver_preload(["qblueprint.execute.embedded"])
        return ctx
    return multiprocessing.get_context("spawn")


class _Worker:
    def __init__(self, ctx, memory, make_judge):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, memory, make_judge), daemon=True)
        self.process.start()
        child.close()
        self.job = None       # index of the job it is running
        self.deadline = None
        self.done = 0

    def send(self, index, job):
        self.job = index
        self.deadline = time.monotonic() + job.limits.timeout + GRACE
        self.conn.send(job)

    def kill(self):
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self):
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class WorkerPool:
    """Judges batches of q jobs on `workers` processes (default: one per CPU).

    `make_judge` builds the object each worker judges with (default: the embedded interpreter's
    `Judge`); any importable class with the same `run(job) -> (verdict, replace)` and `armed`
    works, which is how the harness-failure handling is tested.
    """

    def __init__(self, workers=None, memory=1 << 30, make_judge=None):
        self.size = workers or os.cpu_count() or 1
        if self.size < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.memory = memory
        self.make_judge = make_judge
        self.ctx = _context()
        self.lock = threading.Lock()
        self.idle = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        for w in self.idle:
            w.stop()
        self.idle = []

    def _fresh(self):
        """A started worker that has said it is ready; raises WorkerStartError when none will start."""
        exits = []
        for _ in range(MAX_ATTEMPTS):
            w = _Worker(self.ctx, self.memory, self.make_judge)
            try:
                if w.conn.poll(STARTUP_S) and w.conn.recv() == READY:
                    return w
            except (EOFError, OSError):
                pass
            w.kill()
            exits.append(w.process.exitcode)
        raise WorkerStartError(
            f"embedded-interpreter workers exit before they are ready (exit codes {exits}); in a script, "
            "keep the top-level code under `if __name__ == '__main__':` (multiprocessing re-imports it)")

    def run(self, jobs):
        """Verdicts for `jobs`, in order. One batch at a time per pool: concurrent callers wait."""
        with self.lock:
            return self._run(list(jobs))

    def _run(self, jobs):
        verdicts = [None] * len(jobs)
        attempts = [0] * len(jobs)
        deaths = [[] for _ in jobs]
        pending = deque(range(len(jobs)))
        busy = []
        workers = self.idle
        self.idle = []
        try:
            self._dispatch(jobs, verdicts, attempts, deaths, pending, busy, workers)
        except BaseException:
            for w in busy:  # interrupted: leave no worker running a job nobody waits for
                w.kill()
            raise
        self.idle = workers
        return verdicts

    def _dispatch(self, jobs, verdicts, attempts, deaths, pending, busy, workers):
        while pending or busy:
            while pending and len(busy) < self.size:
                w = workers.pop() if workers else self._fresh()
                i = pending.popleft()
                attempts[i] += 1
                try:
                    w.send(i, jobs[i])
                except (OSError, ValueError):  # the worker died while idle
                    w.kill()
                    self._lost(i, w, jobs, verdicts, attempts, deaths, pending)
                    continue
                busy.append(w)
            if not busy:  # every remaining job was settled while dispatching
                continue
            now = time.monotonic()
            timeout = max(0.0, min(w.deadline for w in busy) - now)
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
            now = time.monotonic()
            for w in list(busy):
                i = w.job
                if w.conn in ready or w.process.sentinel in ready:
                    try:
                        verdict, replace = w.conn.recv()
                    except (EOFError, OSError):
                        busy.remove(w)
                        w.kill()
                        self._lost(i, w, jobs, verdicts, attempts, deaths, pending)
                        continue
                    busy.remove(w)
                    verdicts[i] = Verdict(tests=verdict.tests, backend=verdict.backend,
                                          language=verdict.language, attempts=attempts[i],
                                          seconds=verdict.seconds)
                    w.done += 1
                    if replace or w.done >= JOBS_PER_WORKER:
                        w.stop()
                    else:
                        workers.append(w)
                elif now >= w.deadline:
                    busy.remove(w)
                    w.kill()
                    n = len(jobs[i].tests)
                    verdicts[i] = Verdict(
                        tests=(TestOutcome(TIMEOUT, detail="time limit reached; worker killed"),) * n,
                        backend="embedded", language="q", attempts=attempts[i],
                        seconds=jobs[i].limits.timeout + GRACE)

    def _lost(self, i, worker, jobs, verdicts, attempts, deaths, pending):
        """Job i's worker died under it: try again on a fresh one, or give the harness's verdict."""
        deaths[i].append(worker.process.exitcode)
        if attempts[i] < MAX_ATTEMPTS:
            pending.appendleft(i)
        else:
            verdicts[i] = self._died(jobs[i], attempts[i], deaths[i])

    @staticmethod
    def _died(job, attempts, exitcodes):
        how = ", ".join(f"signal {-c}" if c is not None and c < 0 else f"exit {c}" for c in exitcodes)
        outcome = TestOutcome(INFRASTRUCTURE, detail=f"worker process died on every attempt ({how})")
        return Verdict(tests=(outcome,) * len(job.tests), backend="embedded", language="q", attempts=attempts)
