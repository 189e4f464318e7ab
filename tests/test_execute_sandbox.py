"""Hostile programs against the OS sandbox: each first switches off the in-process guard (which lives in the
process it guards, so it can), then tries to reach outside. None may write, read, delete or connect outside
its sandbox, see a secret of the parent's environment, or be judged `passed` or `infrastructure`."""
import os
import socket
import stat
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from qblueprint.execute import INFRASTRUCTURE, PASSED, Q_ERROR, PyValueTest, run_batch, run_tests
from qblueprint.execute import sandbox
from qblueprint.execute.sandbox import SandboxUnavailable, sandbox_info

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(sandbox_info()["mechanism"] != "bubblewrap",
                                reason="needs bubblewrap (CI installs it)")

# the in-process guard's rule sets and path check are reachable from the solution: empty them first
DISARM = """
import sys, os
_guard = sys.modules['__main__']
for _name in ('FORBIDDEN_EVENTS', 'FORBIDDEN_MODULES', 'PATH_EVENTS'):
    getattr(_guard, _name).clear()
_guard.WRITE_FLAGS = 0
_here = os.getcwd()
os.path.realpath = lambda p, *a, **k: _here
"""
TESTS = [PyValueTest("solve()", "never")]


@pytest.fixture
def canary(monkeypatch):
    secret = "canary-" + uuid.uuid4().hex
    monkeypatch.setenv("QBX_CANARY_SECRET", secret)
    monkeypatch.setenv("KDB_LICENSE_B64", secret)
    return secret


@pytest.fixture
def listener():
    """A loopback server that records whether anything connected."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    hits, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                hits.append(conn)
            except OSError:
                continue
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()


def judge(body, timeout=5):
    return run_tests(DISARM + body, TESTS, language="python", timeout=timeout, memory=1 << 28, output=100_000)


def _said(v):
    return " ".join(str(x) for t in v.tests for x in (t.actual, t.detail, t.error) if x)


def assert_contained(v):
    assert v.category not in (PASSED, INFRASTRUCTURE), v.summary()


def test_the_disarmed_guard_really_lets_python_through():
    # without the OS sandbox these would succeed: proof that the attacks below meet the sandbox, not the guard
    v = judge("import socket, ctypes, subprocess\ndef solve():\n    return 'disarmed'\n")
    assert v.tests[0].actual == "'disarmed'", v.summary()


def test_writes_outside_land_nowhere(tmp_path):
    target = tmp_path / "pwned.txt"
    project = ROOT / f"pwned-{uuid.uuid4().hex}.txt"
    v = judge(f"def solve():\n    for p in ({str(target)!r}, {str(project)!r}, '/tmp/pwned-qbx'):\n"
              "        try:\n            open(p, 'w').write('x')\n        except OSError:\n            pass\n"
              "    return 'done'\n")
    assert_contained(v)
    assert not target.exists() and not project.exists()


def test_dir_fd_and_symlink_tricks_reach_nothing_outside(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    v = judge(f"import os\ndef solve():\n    os.symlink({str(secret)!r}, 'link')\n"
              "    root = os.open('/', os.O_RDONLY)\n"
              "    try:\n        os.open('escaped', os.O_WRONLY | os.O_CREAT, dir_fd=root)\n    except OSError:\n        pass\n"
              "    try:\n        return open('link').read()\n    except OSError as e:\n        return type(e).__name__\n")
    assert_contained(v)
    assert "top secret" not in _said(v) and not Path("/escaped").exists()


def test_reads_outside_see_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    v = judge(f"def solve():\n    found = []\n    for p in ({str(secret)!r}, {str(ROOT / 'settings.ini')!r}):\n"
              "        try:\n            found.append(open(p).read())\n        except OSError as e:\n"
              "            found.append(type(e).__name__)\n    return found\n")
    assert_contained(v)
    assert "top secret" not in _said(v) and "lib_name" not in _said(v)


def test_no_secret_of_the_parents_environment_is_visible(canary):
    v = judge("import os, glob\ndef solve():\n    seen = [str(dict(os.environ))]\n"
              "    for p in glob.glob('/proc/*/environ'):\n        try:\n            seen.append(open(p, 'rb').read().decode())\n"
              "        except OSError:\n            pass\n    return seen\n")
    assert_contained(v)
    assert canary not in _said(v)


def test_deleting_outside_deletes_nothing(tmp_path):
    keep = tmp_path / "keep.txt"
    keep.write_text("x")
    v = judge(f"import os, shutil\ndef solve():\n    for f in (os.remove, shutil.rmtree):\n"
              f"        try:\n            f({str(keep)!r})\n        except OSError:\n            pass\n    return 'done'\n")
    assert_contained(v)
    assert keep.exists()


def test_no_connection_reaches_a_loopback_listener(listener):
    port, hits = listener
    v = judge(f"import socket\ndef solve():\n    s = socket.socket()\n    s.settimeout(1)\n"
              f"    try:\n        s.connect(('127.0.0.1', {port}))\n        return 'connected'\n"
              "    except OSError as e:\n        return type(e).__name__\n")
    assert_contained(v)
    time.sleep(0.3)
    assert not hits and "connected" not in _said(v)


def test_ctypes_and_shell_run_only_inside(tmp_path):
    target = tmp_path / "from-shell.txt"
    v = judge(f"import ctypes, subprocess\ndef solve():\n    libc = ctypes.CDLL(None)\n"
              f"    libc.system(b'touch {target}')\n    subprocess.run(['sh', '-c', 'touch {target}'])\n    return 'ran'\n")
    assert_contained(v)
    assert not target.exists()


def test_fork_bomb_is_contained_and_leaves_nothing_behind():
    tag = uuid.uuid4().hex[:12]
    v = judge(f"import os, time\ndef solve():\n    os.environ['QBX_BOMB'] = '{tag}'\n"
              "    for _ in range(2000):\n        try:\n            if os.fork() == 0:\n                time.sleep(60)\n"
              "        except OSError:\n            break\n    time.sleep(60)\n", timeout=3)
    assert_contained(v)
    time.sleep(0.5)
    survivors = []
    for proc in Path("/proc").iterdir():
        try:
            if tag.encode() in (proc / "environ").read_bytes():
                survivors.append(proc.name)
        except OSError:
            continue
    assert not survivors


def test_signal_tricks_hit_only_the_solution():
    v = judge("import os, signal\ndef solve():\n    os.kill(-1, signal.SIGKILL)\n    return 'survived'\n")
    assert_contained(v)
    assert v.attempts == 1


def test_truncating_or_closing_its_own_output_is_its_own_fault():
    for body in ("import os\ndef solve():\n    os.ftruncate(1, 0)\n    return 1\n",
                 "import os\ndef solve():\n    os.closerange(0, 1024)\n    return 1\n",
                 "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n"):
        v = judge(body)
        assert v.category == Q_ERROR and v.attempts == 1, (body, v.summary())


def test_a_hostile_q_process_is_contained_too(tmp_path, monkeypatch, canary, listener):
    """The q back end's process (here a shell script standing in for a hostile q binary) meets the same walls."""
    port, hits = listener
    outside = tmp_path / "outside"
    outside.mkdir()
    report = outside / "report.txt"
    launcher = outside / "q"
    launcher.write_text("#!/bin/sh\n"
                        f"echo x > {report}\n"
                        f"cat /proc/*/environ 2>/dev/null | grep -c {canary} > found.txt\n"
                        f"(exec 3<>/dev/tcp/127.0.0.1/{port}) 2>/dev/null\n"
                        f'PYTHONPATH="{ROOT}" exec "{sys.executable}" -m qblueprint.q "$1"\n')
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("QBLUEPRINT_Q", str(launcher))
    monkeypatch.setenv("QBLUEPRINT_SANDBOX_READ", os.pathsep.join([str(ROOT), sys.prefix, sys.base_prefix]))
    v = run_tests("add:{x+y}", [PyValueTest("add[1;2]", 3)], backend="q", timeout=10)
    assert v.category == PASSED, v.summary()
    time.sleep(0.3)
    assert not report.exists() and not hits


def test_without_a_sandbox_untrusted_code_is_refused_unless_weak_is_asked_for(monkeypatch):
    monkeypatch.setattr(sandbox, "_bubblewrap", lambda: (None, None, "bubblewrap (bwrap) is not installed"))
    assert sandbox_info()["mechanism"] is None
    with pytest.raises(SandboxUnavailable, match="bubblewrap.*QBLUEPRINT_SANDBOX=weak"):
        run_tests("def solve():\n    return 1\n", [PyValueTest("solve()", 1)], language="python")
    monkeypatch.setenv("QBLUEPRINT_SANDBOX", "weak")
    assert sandbox_info()["mechanism"] == "weak"
    v = run_tests("def solve():\n    return 1\n", [PyValueTest("solve()", 1)], language="python")
    assert v.category == PASSED


def test_embedded_q_needs_no_os_sandbox(monkeypatch):
    monkeypatch.setattr(sandbox, "_bubblewrap", lambda: (None, None, "bubblewrap (bwrap) is not installed"))
    assert run_batch([("solve:{2*x}", [PyValueTest("solve 3", 6)])])[0].category == PASSED
