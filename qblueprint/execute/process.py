"""Running one untrusted program as a child process: temporary directory, limits, timeout, capture.

The child gets its own session (so the whole process group can be killed), a scrubbed environment,
a private temporary working directory that is removed afterwards, an address-space limit, a
CPU-time limit, and a file-size limit that caps what it can print: stdout and stderr go to files in
the temporary directory, so an endless printer is stopped by the kernel (SIGXFSZ) instead of
filling the harness's memory.
"""
import os
import resource
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Address space a process-per-solution back end needs before the solution allocates anything
# (an interpreter, numpy, a q binary's own reservations); the solution's allowance comes on top.
PROCESS_BASE = 1 << 30
# Environment a child may see: enough to find programs and a q licence, nothing else.
PASSED_ENV = ("PATH", "LANG", "LC_ALL", "TZ", "QHOME", "QLIC", "QINIT")
PASSED_ENV_PREFIXES = ("PYKX_", "KDB_")


@dataclass(frozen=True)
class Finished:
    stdout: str
    stderr: str
    returncode: int | None   # negative: killed by that signal
    timed_out: bool
    output_exceeded: bool
    seconds: float


def child_env(home):
    env = {k: v for k, v in os.environ.items() if k in PASSED_ENV or k.startswith(PASSED_ENV_PREFIXES)}
    env["HOME"] = home
    env["TMPDIR"] = home
    return env


def _limiter(limits):
    address_space = limits.memory + PROCESS_BASE
    cpu = int(limits.timeout) + 1
    output = int(limits.output)

    def apply():  # runs in the child between fork and exec
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def run_program(argv, files, limits):
    """Run `argv` in a fresh temporary directory holding `files` ({name: text}).

    `argv` may use "{dir}" for that directory. Raises OSError when the program cannot be started
    (missing, not executable): the caller decides whether that is a harness failure.
    """
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="qbx-") as tmp:
        for name, text in files.items():
            Path(tmp, name).write_text(text)
        argv = [a.replace("{dir}", tmp) for a in argv]
        out_path, err_path = Path(tmp, ".stdout"), Path(tmp, ".stderr")
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            proc = subprocess.Popen(
                argv, cwd=tmp, env=child_env(tmp), stdout=out, stderr=err,
                stdin=subprocess.DEVNULL,
                start_new_session=True, preexec_fn=_limiter(limits))
            timed_out = False
            try:
                proc.wait(timeout=limits.timeout)
            except subprocess.TimeoutExpired:
                timed_out = True
            finally:
                _kill_group(proc)
        stdout = out_path.read_bytes().decode("utf-8", "replace")
        stderr = err_path.read_bytes().decode("utf-8", "replace")
    rc = proc.returncode
    exceeded = rc == -signal.SIGXFSZ or len(stdout) >= limits.output or len(stderr) >= limits.output
    return Finished(stdout, stderr, None if timed_out else rc, timed_out, exceeded, time.monotonic() - start)


def _kill_group(proc):
    """Kill the child and anything it started; a solution must not leave processes behind."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()
