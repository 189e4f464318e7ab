"""Speed of the embedded q interpreter relative to numpy (vector work) and CPython (scalar loops).

Run: python benchmarks/q_speed.py — prints one line per case with both timings and their ratio,
all measured in this run (best of several repeats).
"""
import timeit

import numpy as np

from qblueprint.q import Session


def best(fn, repeat=5, number=1):
    return min(timeit.repeat(fn, repeat=repeat, number=number)) / number


def main():
    s = Session()
    s.eval("x:1000000?1.0; y:1000000?1.0; l:1000000?1000000")
    xs, ys = s.eval("x").np(), s.eval("y").np()
    ls = s.eval("l").np()

    def py_loop():
        f = lambda v: v + 1  # noqa: E731 - the same unary lambda the q loop applies
        v = 0
        for _ in range(100000):
            v = f(v)
        return v

    cases = [
        ("sum til 1000000", lambda: s.eval("sum til 1000000"), lambda: np.arange(1000000).sum(), "numpy", 2),
        ("x+y (1e6 floats)", lambda: s.eval("x+y"), lambda: xs + ys, "numpy", 2),
        ("asc (1e6 longs)", lambda: s.eval("asc l"), lambda: np.sort(ls, kind="stable"), "numpy", 2),
        ("{x+1}/[100000;0]", lambda: s.eval("{x+1}/[100000;0]"), py_loop, "CPython", 5),
    ]
    print("%-20s %12s %12s %8s %6s" % ("case", "q (ms)", "ref (ms)", "ratio", "goal"))
    for name, q_fn, ref_fn, ref_name, goal in cases:
        q_fn()
        tq = best(q_fn)
        tr = best(ref_fn)
        print("%-20s %12.2f %12.2f %7.2fx %5s  vs %s" % (name, tq * 1e3, tr * 1e3, tq / tr, "<=%dx" % goal, ref_name))


if __name__ == "__main__":
    main()
