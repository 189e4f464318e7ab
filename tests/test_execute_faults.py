"""One batch of hostile and broken solutions among good ones: the harness survives, every verdict
lands in its category within its timeout plus a second, and the good solutions still pass."""
import os
import time

from qblueprint.execute import (PASSED, Q_ERROR, RESOURCE_LIMIT, TIMEOUT, WRONG_ANSWER, PyValueTest,
                                ValueTest, run_batch)

TIMEOUT_S = 4
Q_TESTS = [ValueTest("solve[3]", "6"), ValueTest("solve[10]", "20")]
PY_TESTS = [PyValueTest("solve(3)", 6), PyValueTest("solve(10)", 20)]

# (language, solution, category, what the outcome must also say)
CASES = [
    ("q", "solve:{2*x}", PASSED, None),
    ("q", "solve:{x+x}", PASSED, None),
    ("q", "solve:{3*x}", WRONG_ANSWER, None),
    ("q", "solve:{while[1b;];2*x}", TIMEOUT, None),
    ("q", "solve:{{1b}{x+1}/0}", TIMEOUT, None),
    ("q", "solve:{do[0W;];2*x}", TIMEOUT, None),
    ("q", "solve:{count til 0W}", RESOURCE_LIMIT, "memory"),
    ("q", "solve:{a:til 1000000;do[64;a:a,a];2*x}", RESOURCE_LIMIT, "memory"),
    ("q", "solve:{$[x>0;solve x+1;0]}", RESOURCE_LIMIT, "recursion"),
    ("q", 'solve:{do[20000;-1 (200#"x")];2*x}', RESOURCE_LIMIT, "output"),
    ("q", 'solve:{system "rm -rf ."; 2*x}', Q_ERROR, None),
    ("q", "solve:{h:hopen 5000; h\"2*x\"}", Q_ERROR, None),
    ("q", 'solve:{`:pwned.txt 0: enlist "x"; 2*x}', Q_ERROR, None),
    ("q", "solve:{read0 `:/etc/hostname}", Q_ERROR, None),
    ("q", "\\rm -rf .\nsolve:{2*x}", Q_ERROR, None),
    ("q", "solve:{exit 0}", Q_ERROR, None),
    ("q", "solve:{x+`a}", Q_ERROR, None),
    ("python", "def solve(n):\n    return 2 * n\n", PASSED, None),
    ("python", "import os\ndef solve(n):\n    os.abort()\n", Q_ERROR, "SIGABRT"),
    ("python", "import os\ndef solve(n):\n    os.kill(os.getppid(), 9)\n", Q_ERROR, "PermissionError"),
    ("python", "def solve(n):\n    while True:\n        pass\n", TIMEOUT, None),
    ("python", "x = [0] * (1 << 40)\n", RESOURCE_LIMIT, "memory"),
    ("python", "def solve(n):\n    return solve(n)\n", RESOURCE_LIMIT, "recursion"),
    ("python", "def solve(n):\n    return 3 * n\n", WRONG_ANSWER, None),
]


def test_hostile_batch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    items = [{"solution": s, "tests": PY_TESTS if lang == "python" else Q_TESTS, "language": lang}
             for lang, s, _, _ in CASES]
    start = time.monotonic()
    verdicts = run_batch(items, timeout=TIMEOUT_S, memory=1 << 28, output=100_000, workers=2)
    elapsed = time.monotonic() - start
    for (lang, solution, category, note), v in zip(CASES, verdicts):
        assert v.category == category, (solution, v.summary())
        if note:
            said = " ".join(filter(None, (v.first_failure.detail, v.first_failure.error)))
            assert note in said, (solution, v.summary())
        assert v.seconds <= TIMEOUT_S + 1, (solution, v.seconds)
    assert not os.listdir(tmp_path)  # nothing written where the harness runs
    assert elapsed < 30
