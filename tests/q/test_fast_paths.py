"""Fast paths for a lambda whose whole body is `x op c` or `c op x`: `f/[n;x]` runs the
arithmetic on plain numbers and `f each v` applies the op to the whole vector. Each case checks
the fast form against the same lambda with an extra statement (`{x; x+1}`), which takes the
general path, matching values and types (nulls, overflow into null/wrap, long/float/int)."""
import pytest

from qblueprint.q import QError, Session

SESSION = Session()


def general(lam):
    """`{x+1}` -> `{x;x+1}`: the same function, compiled as a two-statement body."""
    assert lam.startswith("{") and lam.endswith("}")
    return "{x;" + lam[1:]


def same(expr_fast, expr_general):
    if SESSION.eval(f"({expr_fast})~{expr_general}").py() is not True:
        pytest.fail(f"{expr_fast} gives {SESSION.eval(expr_fast)}, {expr_general} gives {SESSION.eval(expr_general)}")


OPS = ["x+{c}", "{c}+x", "x-{c}", "{c}-x", "x*{c}", "{c}*x"]
CONSTS = ["1", "-3", "2", "0", "0N", "0W", "-0W", "1.5", "-0.25", "0n", "0w", "4611686018427387904"]
SEEDS = ["0", "5", "-7", "0N", "0W", "-0W", "9223372036854775800", "-9223372036854775800",
         "0.5", "-2.5", "0n", "0w", "-0w", "3i", "0Ni", "2h", "1b", "1e"]


@pytest.mark.parametrize("shape", OPS)
@pytest.mark.parametrize("c", CONSTS)
def test_repeat_matches_general_path(shape, c):
    lam = "{" + shape.format(c=c) + "}"
    for seed in SEEDS:
        for n in (0, 3, 70):
            same(f"{lam}/[{n};{seed}]", f"{general(lam)}/[{n};{seed}]")


def test_repeat_examples():
    assert SESSION.eval("{x+1}/[100000;0]").py() == 100000
    assert SESSION.eval("type {x+1}/[3;0.5]").py() == -9
    assert SESSION.eval("{x+1}/[3;0.5]").py() == 3.5
    assert SESSION.eval("type {x+1i}/[3;0i]").py() == -6
    assert SESSION.eval("type {x+1}/[3;0i]").py() == -7  # int + long is long
    # long overflow: past the top lands on the null, which then carries
    assert SESSION.eval("null {x+1}/[3;9223372036854775805]").py() is True
    assert SESSION.eval("{x*2}/[62;1]").py() == 1 << 62
    assert SESSION.eval("null {x*2}/[63;1]").py() is True
    assert SESSION.eval("{10-x}/[3;1]").py() == 9


@pytest.mark.parametrize("shape", OPS + ["x%{c}", "{c}%x", "x={c}", "x<{c}", "{c}<x", "x>{c}",
                                         "x<>{c}", "x<={c}", "x>={c}"])
@pytest.mark.parametrize("c", CONSTS)
def test_each_matches_general_path(shape, c):
    lam = "{" + shape.format(c=c) + "}"
    for vec in ["0 1 -2 0N 0W -0W 9223372036854775800", "0.5 -1 0n 0w -0w 0", "`s#0 1 2",
                "enlist 3", "0#0", "1 2 3i", "0.5 1e"]:
        same(f"{lam} each {vec}", f"{general(lam)} each {vec}")


def test_each_examples():
    assert SESSION.eval("{x*2} each til 5").py() == [0, 2, 4, 6, 8]
    assert SESSION.eval("{x>2} each 0 1 2 3 0N").py() == [False, False, False, True, False]
    assert SESSION.eval("type {x+1} each 1 2 3").py() == 7
    # each builds a new list: a sorted argument's attribute does not carry to the result
    assert SESSION.eval("attr {x+0} each `s#0 1 2").py() == ""


def test_repeat_still_counts_steps():
    limited = Session(max_steps=1000)
    with pytest.raises(QError):
        limited.eval("{x+1}/[100000;0]")
    assert limited.eval("{x+1}/[10;0]").py() == 10


def test_stack_limit_same_as_general_path():
    # at the depth limit applying the lambda raises 'stack, on the fast path as on the general one
    def outcome(session, expr):
        try:
            return session.eval(expr).py()
        except QError as e:
            return f"'{e}"

    limited = Session(max_depth=6)
    limited.eval("r:{[g;n;x] $[n>0; r[g;n-1;x]; g x]}")
    seen = set()
    for n in range(8):
        for lam in ("{x+1}", "{x*2}"):
            fast = outcome(limited, f"r[{{{lam}/[3;x]}};{n};1]")
            slow = outcome(limited, f"r[{{{general(lam)}/[3;x]}};{n};1]")
            assert fast == slow, (n, lam)
            seen.add(str(fast)[:1])
            fast = outcome(limited, f"r[{{{lam} each x}};{n};1 2]")
            slow = outcome(limited, f"r[{{{general(lam)} each x}};{n};1 2]")
            assert fast == slow, (n, lam)
    assert "'" in seen and len(seen) > 1  # both outcomes occur
