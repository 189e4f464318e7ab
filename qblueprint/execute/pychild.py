"""The program that runs one Python solution in its own `python -I` process (standard library only).

It reads `job.json` from its working directory -- the solution and the code of each test, never
the expected results, which stay with the parent -- and prints one tagged JSON line per event to
the stdout it started with: `start`, the load result, then each test's value, printed output or
exception. The solution's own printing is captured per test, so it cannot interleave with the
tagged lines. The parent compares; this process only reports what happened.
"""
import io
import json
import os
import sys


def encode(value):
    """A JSON-able form of a result that keeps what `==` needs (dict keys of any type, sets)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (set, frozenset)):
        return {"__set__": [encode(v) for v in value]}
    return {"__repr__": repr(value)}


class OutputLimitExceeded(Exception):
    pass


class CappedText(io.TextIOBase):
    """Stands in for sys.stdout: keeps what the solution prints; all of them share one budget."""
    budget = 0

    def __init__(self):
        self.parts = []

    def writable(self):
        return True

    def write(self, text):
        CappedText.budget -= len(text)
        if CappedText.budget < 0:
            raise OutputLimitExceeded("output limit exceeded")
        self.parts.append(text)
        return len(text)

    def text(self):
        return "".join(self.parts)


# Audit events a solution may not raise at all: starting programs, signalling other processes
# (handled below), network access, and the raw machinery that would get around these checks.
FORBIDDEN_EVENTS = {
    "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "pty.spawn",
    "subprocess.Popen", "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
    "socket.getaddrinfo", "ctypes.dlopen", "ctypes.dlsym", "ctypes.cdata", "ctypes.string_at",
    "ctypes.call_function", "ctypes.addressof", "sys.remote_exec", "os.startfile", "webbrowser.open",
    "resource.setrlimit", "resource.prlimit",  # the limits the parent set stay set
}
FORBIDDEN_MODULES = {"_posixsubprocess", "_socket", "_ctypes", "ctypes", "socket", "subprocess",
                     "multiprocessing", "pty", "_xxsubinterpreters"}
# events that change the file system: allowed only inside the working directory
PATH_EVENTS = {"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown",
               "os.symlink", "os.link", "os.truncate", "os.utime", "shutil.rmtree", "shutil.move",
               "os.chflags", "os.lchflags", "os.setxattr", "os.removexattr", "os.mkfifo", "os.mknod"}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def install_guard(home):
    """Refuse, through an audit hook (which the solution cannot remove), what a solution has no
    business doing: writing outside `home`, starting programs, signalling other processes,
    networking, and loading modules that reach below Python."""
    me = os.getpid()

    def inside(path):
        if isinstance(path, int):  # an already open descriptor
            return True
        try:
            full = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return False
        return full == home or full.startswith(home + os.sep)

    def guard(event, args):
        if event in FORBIDDEN_EVENTS:
            raise PermissionError(f"not allowed in a solution: {event}")
        if event == "import" and args[0].split(".")[0] in FORBIDDEN_MODULES:
            raise PermissionError(f"not allowed in a solution: import {args[0]}")
        if event in ("os.kill", "os.killpg", "signal.pthread_kill") and args[0] not in (me, 0):
            raise PermissionError(f"not allowed in a solution: {event} of another process")
        if event == "open":
            path, mode, flags = args
            writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & WRITE_FLAGS)
            if writes and not inside(path):
                raise PermissionError(f"not allowed in a solution: writing {path!r}")
        if event in PATH_EVENTS and not all(inside(a) for a in args[:2] if isinstance(a, (str, bytes))):
            raise PermissionError(f"not allowed in a solution: {event} outside its directory")

    sys.addaudithook(guard)


def main():
    marker, output_limit = sys.argv[1], int(sys.argv[2])
    with open("job.json") as f:
        job = json.load(f)
    os.remove("job.json")
    channel = os.fdopen(os.dup(1), "w")
    install_guard(os.path.realpath(os.getcwd()))

    def report(**event):
        try:
            line = json.dumps(event)
        except (ValueError, TypeError, RecursionError) as e:  # e.g. an int too long to print
            line = json.dumps({**event, "value": {"__repr__": f"<unserialisable result: {e}>"}})
        channel.write(marker + " " + line + "\n")
        channel.flush()

    def failure(e):
        return {"error": type(e).__name__, "message": str(e)[:500]}

    report(event="start")
    CappedText.budget = output_limit
    namespace = {"__name__": "__solution__", "__builtins__": __builtins__}
    sys.stdout = CappedText()
    try:
        exec(compile(job["solution"], "<solution>", "exec"), namespace)
    except BaseException as e:  # SystemExit from the solution is its failure too
        report(event="load", **failure(e))
        return
    report(event="load")
    for i, test in enumerate(job["tests"]):
        sys.stdout = printed = CappedText()
        try:
            if test["kind"] == "output":
                exec(compile(test["code"], f"<test {i}>", "exec"), namespace)
                report(event="test", i=i, output=printed.text())
            else:
                value = eval(compile(test["code"], f"<test {i}>", "eval"), namespace)
                report(event="test", i=i, value=encode(value))
        except BaseException as e:  # as above
            report(event="test", i=i, **failure(e))
    report(event="done")


main()
