"""Back ends that judge each q solution in a q process of its own: a kdb+ `q` binary, or PyKX.

Both run the script from `qscript` in a temporary directory (see `process`); they differ only in
the command. A back end that cannot run at all (no binary, no licence, a crash) yields an
`infrastructure` verdict after its retries, never a failure of the solution.
"""
import importlib.util
import os
import shutil
import sys
import time

from . import qscript
from . import sandbox
from .process import licence_env, run_program
from .verdict import INFRASTRUCTURE, TestOutcome, Verdict

MAX_ATTEMPTS = 3
RETRY_PAUSES = (0.1, 0.5)  # seconds before the 2nd and 3rd attempt: transient failures pass
SCRIPT = "solution.q"
# PyKX's embedded q prints to the process's stdout like the binary does; a q error escaping the
# script is printed in the console's form so both back ends read the same way.
PYKX_RUNNER = (
    "import sys\n"
    "import pykx as kx\n"
    "try:\n"
    "    kx.q('\\\\l " + SCRIPT + "')\n"
    "except kx.QError as e:\n"
    "    sys.stdout.flush()\n"
    "    print(\"'\" + (str(e).split() or ['error'])[0].lstrip(\"'\"), file=sys.stderr)\n"
    "    sys.exit(1)\n"
)


def find_q():
    """The q binary: $QBLUEPRINT_Q, else `q` on PATH, else None."""
    configured = os.environ.get("QBLUEPRINT_Q")
    if configured:
        return configured
    return shutil.which("q")


def pykx_importable():
    return importlib.util.find_spec("pykx") is not None


def _q_command(limits):
    q = find_q()
    if q is None:
        return None
    megabytes = max(1, limits.memory >> 20)
    # -q: no banner; -u 1: no system commands, files only below the working directory;
    # -w: workspace limit in MB (q signals 'wsfull beyond it)
    return [q, SCRIPT, "-q", "-u", "1", "-w", str(megabytes)]


def _pykx_command(limits):
    if not pykx_importable():
        return None
    return [sys.executable, "-I", "-c", PYKX_RUNNER]


COMMANDS = {"q": _q_command, "pykx": _pykx_command}
READ_ENV = "QBLUEPRINT_SANDBOX_READ"  # more paths (os.pathsep-separated) a real q may read: its install, say


def readable(backend):
    """What a q or PyKX process may read inside its sandbox: the binary's folder (or the interpreter and its
    installed packages), QHOME, the licence's folder, and the paths in $QBLUEPRINT_SANDBOX_READ."""
    paths = []
    if backend == "q" and find_q():
        paths.append(os.path.dirname(os.path.realpath(find_q())))
    if backend == "pykx":
        paths += [*sandbox.interpreter_paths(), sys.prefix, *(p for p in sys.path if p and os.path.isdir(p))]
    for var in ("QHOME", "QLIC"):
        if os.environ.get(var):
            paths.append(os.environ[var])
    paths += [p for p in os.environ.get(READ_ENV, "").split(os.pathsep) if p]
    return tuple(paths)
MISSING = {"q": "no q binary found: set QBLUEPRINT_Q or put q on PATH",
           "pykx": "PyKX is not importable"}


def judge(job, backend):
    """A Verdict for `job` on back end "q" or "pykx", retrying harness failures."""
    n = len(job.tests)
    attempts, seconds = 0, 0.0
    outcomes = None
    while attempts < MAX_ATTEMPTS:
        if attempts:
            time.sleep(RETRY_PAUSES[attempts - 1])
        attempts += 1
        argv = COMMANDS[backend](job.limits)
        if argv is None:
            outcomes = [TestOutcome(INFRASTRUCTURE, detail=MISSING[backend])] * n
            continue
        marker = qscript.new_marker()
        try:
            # a real q needs its licence: this back end passes it on purpose; Python solutions never get it
            done = run_program(argv, {SCRIPT: qscript.build(job, marker)}, job.limits,
                               read_only=readable(backend), env=licence_env())
        except OSError as e:
            outcomes = [TestOutcome(INFRASTRUCTURE, detail=f"cannot start {argv[0]}: {e}")] * n
            continue
        seconds += done.seconds
        outcomes = qscript.parse(job, marker, done.stdout, done.stderr, done.returncode,
                                 done.timed_out, done.output_exceeded)
        if not any(o.category == INFRASTRUCTURE for o in outcomes):
            break
    return Verdict(tests=tuple(outcomes), backend=backend, language="q", attempts=attempts, seconds=seconds)
