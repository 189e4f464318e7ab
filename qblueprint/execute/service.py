"""The one entry point: `run_tests` for a solution, `run_batch` for many, on a chosen back end.

Back ends: `embedded` (the built-in interpreter in sandboxed worker processes; the default), `q`
(a kdb+ binary, one process per solution), `pykx` (PyKX, one process per solution). Python
solutions always run on the `python` back end. The back end comes from the `backend` argument,
else the QBLUEPRINT_BACKEND environment variable, else `embedded`.

The embedded back end's workers are started with multiprocessing's forkserver (spawn where that
is missing), so a script that calls this module must keep its top-level work under
`if __name__ == "__main__":`; notebooks, pytest and console entry points need nothing.
"""
import atexit
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from . import python_runner, qprocess
from .cases import as_tests
from .jobs import Job, Limits
from .pool import WorkerPool

BACKENDS = ("embedded", "q", "pykx")
BACKEND_ENV = "QBLUEPRINT_BACKEND"

_pools = {}
_pools_lock = threading.Lock()


class BackendUnavailable(RuntimeError):
    pass


def resolve_backend(backend=None, language="q"):
    """The back end to use; raises ValueError for an unknown name, saying where it came from."""
    if language == "python":
        if backend not in (None, "python"):
            raise ValueError(f"backend={backend!r}: Python solutions run only on the 'python' back end")
        return "python"
    if language != "q":
        raise ValueError(f"language must be 'q' or 'python', got {language!r}")
    if backend is not None:
        name, source = backend, "backend argument"
    elif os.environ.get(BACKEND_ENV):
        name, source = os.environ[BACKEND_ENV], f"environment variable {BACKEND_ENV}"
    else:
        return "embedded"
    if name not in BACKENDS:
        raise ValueError(f"{source}: unknown back end {name!r}; choose one of {BACKENDS}")
    if name == "pykx" and not qprocess.pykx_importable():
        raise BackendUnavailable(f"{source}: back end 'pykx' needs PyKX, which is not importable here")
    return name


def shared_pool(workers=None, memory=Limits.memory):
    """A worker pool kept for the life of the process (workers are costly to start)."""
    key = (workers or os.cpu_count() or 1, memory)
    with _pools_lock:
        if key not in _pools:
            _pools[key] = WorkerPool(workers=key[0], memory=memory)
        return _pools[key]


@atexit.register
def close_pools():
    with _pools_lock:
        for pool in _pools.values():
            pool.close()
        _pools.clear()


def _limits(timeout, memory, output):
    return Limits(timeout=timeout, memory=memory, output=output)


def make_job(solution, tests, language="q", limits=Limits(), where="solution"):
    if not isinstance(solution, str):
        raise TypeError(f"{where}: the solution must be source text, got {type(solution).__name__}")
    tests = as_tests(tests, f"{where} tests")
    if language == "python":
        python_runner.check_tests(tests)
    return Job(solution=solution, tests=tests, language=language, limits=limits)


def judge_jobs(jobs, backends, workers=None, pool=None):
    """Verdicts for prepared jobs, in order; `backends[i]` is job i's resolved back end.

    Embedded jobs go to the worker pool, the others run one process each on a thread pool, both
    at once, so a batch mixing q and Python solutions keeps every core busy.
    """
    jobs = list(jobs)
    verdicts = [None] * len(jobs)
    embedded = [i for i, b in enumerate(backends) if b == "embedded"]
    others = [i for i, b in enumerate(backends) if b != "embedded"]
    lanes = workers or os.cpu_count() or 1

    def run_embedded():
        if embedded:
            chosen = pool or shared_pool(workers, jobs[embedded[0]].limits.memory)
            for i, v in zip(embedded, chosen.run([jobs[i] for i in embedded])):
                verdicts[i] = v

    def run_one(i):
        if backends[i] == "python":
            verdicts[i] = python_runner.judge(jobs[i])
        else:
            verdicts[i] = qprocess.judge(jobs[i], backends[i])

    with ThreadPoolExecutor(max_workers=lanes + 1) as threads:
        futures = [threads.submit(run_embedded)] + [threads.submit(run_one, i) for i in others]
        for f in futures:
            f.result()
    return verdicts


def run_tests(solution, tests, language="q", backend=None, timeout=Limits.timeout,
              memory=Limits.memory, output=Limits.output):
    """The Verdict of `solution` on `tests` (see `cases` for test forms).

    `timeout` is wall-clock seconds for loading the solution and running all its tests;
    `memory` the bytes it may allocate; `output` the bytes it may print.
    """
    name = resolve_backend(backend, language)
    job = make_job(solution, tests, language, _limits(timeout, memory, output))
    return judge_jobs([job], [name])[0]


def run_batch(items, language="q", backend=None, timeout=Limits.timeout, memory=Limits.memory,
              output=Limits.output, workers=None):
    """Verdicts for many solutions, in order, judged in parallel on `workers` processes.

    `items`: (solution, tests) pairs, or dicts with "solution", "tests" and optionally "language"
    (default: the `language` argument), so one batch may mix q and Python solutions. Every item is
    checked before any runs, so a malformed one fails fast with its index.
    """
    limits = _limits(timeout, memory, output)
    jobs, backends = [], []
    for i, item in enumerate(items):
        item_language = language
        if isinstance(item, dict):
            if not {"solution", "tests"} <= set(item):
                raise ValueError(f"items[{i}]: needs keys 'solution' and 'tests', got {sorted(item)}")
            solution, tests = item["solution"], item["tests"]
            item_language = item.get("language", language)
        else:
            try:
                solution, tests = item
            except (TypeError, ValueError):
                raise ValueError(f"items[{i}]: expected a (solution, tests) pair or a dict") from None
        backends.append(resolve_backend(backend if item_language == "q" else None, item_language))
        jobs.append(make_job(solution, tests, item_language, limits, where=f"items[{i}]"))
    return judge_jobs(jobs, backends, workers)
