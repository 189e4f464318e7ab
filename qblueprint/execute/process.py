"""Running one untrusted program as a child process: OS sandbox, temporary directory, limits, timeout, capture.

The child runs inside the OS sandbox (`sandbox`: its own namespaces, a read-only view of the system and the
interpreter, nothing else) and gets its own session (so the whole process group can be killed), an environment
built from an allow-list, a private temporary working directory that is removed afterwards, an address-space
limit, a CPU-time limit, and a file-size limit that caps what it can print: stdout and stderr go to files in
the temporary directory, so an endless printer is stopped by the kernel (SIGXFSZ) instead of filling the
harness's memory. Without a sandbox mechanism it refuses to run (`sandbox.SandboxUnavailable`) unless the weak
mode was asked for.
"""
import os
import resource
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import sandbox

# Address space a process-per-solution back end needs before the solution allocates anything
# (an interpreter, numpy, a q binary's own reservations); the solution's allowance comes on top.
PROCESS_BASE = 1 << 30
# A child's environment: a fixed minimum, plus only what its caller passes on purpose (a q licence for the
# q and PyKX back ends, never for Python solutions).
BASE_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
LICENCE_ENV = ("QHOME", "QLIC", "QINIT")
LICENCE_ENV_PREFIXES = ("PYKX_", "KDB_")


@dataclass(frozen=True)
class Finished:
    stdout: str
    stderr: str
    returncode: int | None   # negative: killed by that signal
    timed_out: bool
    output_exceeded: bool
    seconds: float


def licence_env():
    """The q licence variables of this process, for the back ends that run a real q (passed explicitly)."""
    return {k: v for k, v in os.environ.items() if k in LICENCE_ENV or k.startswith(LICENCE_ENV_PREFIXES)}


def child_env(home, passed=None):
    return {**BASE_ENV, **(passed or {}), "HOME": home, "TMPDIR": home}


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


def run_program(argv, files, limits, read_only=(), env=None):
    """Run `argv` in the OS sandbox, in a fresh temporary directory holding `files` ({name: text}).

    `argv` may use "{dir}" for that directory; `read_only` names what else it may read (the interpreter, a q
    binary); `env` adds variables to its minimal environment. Raises OSError when the program cannot be
    started (missing, not executable): the caller decides whether that is a harness failure; raises
    `sandbox.SandboxUnavailable` when there is no sandbox and the weak mode was not asked for.
    """
    mechanism = sandbox.require()
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="qbx-") as tmp:
        for name, text in files.items():
            Path(tmp, name).write_text(text)
        argv = [a.replace("{dir}", tmp) for a in argv]
        environment = child_env(tmp, env)
        if mechanism == "bubblewrap":
            argv = sandbox.confine(argv, tmp, environment, read_only)
        # stdout and stderr are pipes read here, not files in its directory, so that the program can neither
        # delete nor truncate what it already reported; past the output limit the program is killed
        proc = subprocess.Popen(argv, cwd=tmp, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_limiter(limits))
        readers = [_Capped(proc.stdout, limits.output, proc), _Capped(proc.stderr, limits.output, proc)]
        timed_out = False
        try:
            proc.wait(timeout=limits.timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            _kill_group(proc)
            for r in readers:
                r.join()
    rc = proc.returncode
    if mechanism == "bubblewrap" and rc is not None and 128 < rc < 128 + 65:
        rc = 128 - rc  # bubblewrap reports its child's death by signal N as exit status 128+N
    stdout, stderr = (r.text() for r in readers)
    exceeded = rc == -signal.SIGXFSZ or any(r.exceeded for r in readers)
    return Finished(stdout, stderr, None if timed_out else rc, timed_out and not exceeded, exceeded,
                    time.monotonic() - start)


class _Capped(threading.Thread):
    """Reads a pipe to its end, keeping at most `limit` bytes; past that, kills the program's group."""

    def __init__(self, pipe, limit, proc):
        super().__init__(daemon=True)
        self.pipe, self.limit, self.proc = pipe, int(limit), proc
        self.chunks, self.size, self.exceeded = [], 0, False
        self.start()

    def run(self):
        with self.pipe:
            while chunk := self.pipe.read1(1 << 16):
                if self.size < self.limit:
                    self.chunks.append(chunk[:self.limit - self.size])
                self.size += len(chunk)
                if self.size > self.limit and not self.exceeded:
                    self.exceeded = True
                    _kill_group(self.proc, wait=False)

    def text(self):
        return b"".join(self.chunks).decode("utf-8", "replace")


def _kill_group(proc, wait=True):
    """Kill the child and anything it started; a solution must not leave processes behind."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if wait:
        proc.wait()
