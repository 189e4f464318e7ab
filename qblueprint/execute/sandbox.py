"""The operating system's walls around a process-per-solution program (Python, a q binary, PyKX).

A guard inside the process it guards can be switched off by the code it guards, so untrusted programs run
inside a sandbox the kernel enforces: bubblewrap (`bwrap`) puts each one in new user, PID, network, IPC, UTS
and cgroup namespaces, with a file system that shows only what it needs read-only (the interpreter and its
libraries), an empty writable directory of its own, a fresh `/proc` that shows only its own processes, no
capabilities, and an environment built from an allow-list. It dies with its parent.

Where no mechanism is available, untrusted programs are refused (`SandboxUnavailable`) unless the caller
opts into the weak mode by name: `QBLUEPRINT_SANDBOX=weak` (the in-process guards and resource limits only).
`QBLUEPRINT_SANDBOX=bubblewrap` demands bubblewrap; the default, `auto`, uses it when it works.
"""
import functools
import os
import shutil
import subprocess
import sys

SANDBOX_ENV = "QBLUEPRINT_SANDBOX"
MODES = ("auto", "bubblewrap", "weak")
# what every sandboxed program may read: the system's programs and shared libraries
SYSTEM_READ_ONLY = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc/ld.so.cache", "/etc/alternatives")
ISOLATION = ("user, PID, network, IPC, UTS and cgroup namespaces", "read-only system and interpreter only",
             "an empty private writable directory", "fresh /proc", "no capabilities", "allow-listed environment",
             "dies with its parent")


class SandboxUnavailable(RuntimeError):
    """No OS sandbox can run here, and the weak mode was not asked for."""


def _mode():
    mode = os.environ.get(SANDBOX_ENV, "auto") or "auto"
    if mode not in MODES:
        raise ValueError(f"environment variable {SANDBOX_ENV}={mode!r}: choose one of {MODES}")
    return mode


@functools.lru_cache(maxsize=None)
def _bubblewrap():
    """(path, version, None) when bubblewrap can create a sandbox here, else (None, None, why not)."""
    path = shutil.which("bwrap")
    if path is None:
        return None, None, "bubblewrap (bwrap) is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    try:
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10).stdout.strip()
        probe = subprocess.run([path, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"],
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, None, f"bubblewrap at {path} could not run: {e}"
    if probe.returncode != 0:
        return None, None, (f"bubblewrap at {path} cannot create namespaces here (user namespaces disabled?): "
                            f"{probe.stderr.strip()[:300]}")
    return path, version, None


def sandbox_info():
    """Which mechanism isolates untrusted programs here: {"mechanism", "mode", "isolation", "detail"}.

    `mechanism` is "bubblewrap", "weak" (asked for; in-process guards and limits only) or None (refused)."""
    mode = _mode()
    path, version, why = _bubblewrap() if mode != "weak" else (None, None, "weak mode asked for")
    if path is not None:
        return {"mechanism": "bubblewrap", "mode": mode, "isolation": list(ISOLATION), "detail": f"{version} at {path}"}
    if mode == "weak":
        return {"mechanism": "weak", "mode": mode, "isolation": ["in-process guards", "resource limits"],
                "detail": f"{SANDBOX_ENV}=weak: no OS isolation"}
    return {"mechanism": None, "mode": mode, "isolation": [], "detail": why}


def require():
    """The mechanism to use; raises SandboxUnavailable, saying what is missing, when there is none."""
    info = sandbox_info()
    if info["mechanism"] is None:
        raise SandboxUnavailable(f"refusing to run untrusted code without an OS sandbox: {info['detail']}. "
                                 f"Install bubblewrap, or set {SANDBOX_ENV}=weak to accept in-process guards only.")
    return info["mechanism"]


def interpreter_paths():
    """What a Python child needs to read: the real interpreter and the standard library it was built with."""
    exe = os.path.realpath(sys.executable)
    return (os.path.realpath(sys.base_prefix), os.path.dirname(exe))


def confine(argv, workdir, env, read_only=()):
    """`argv` wrapped so that it runs in a bubblewrap sandbox whose only writable place is `workdir`.

    `read_only` adds paths it may read (a q binary's folder, a licence); `env` is its whole environment."""
    path = _bubblewrap()[0]
    if path is None:
        raise SandboxUnavailable(_bubblewrap()[2])
    cmd = [path, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    seen = set()
    for p in (*SYSTEM_READ_ONLY, *read_only):
        if p in seen or not os.path.exists(p):
            continue
        seen.add(p)
        cmd += ["--ro-bind", os.path.realpath(p), p]  # a linked path (/lib -> usr/lib) shows its target's files
    cmd += ["--bind", workdir, workdir, "--chdir", workdir, "--proc", "/proc", "--dev", "/dev", "--clearenv"]
    for key, value in env.items():
        cmd += ["--setenv", key, value]
    return cmd + ["--", *argv]
