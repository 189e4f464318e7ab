"""Lambdas compiled to Python source (evaluation/pycompile.py) give exactly what the closure
evaluator gives: random lambda bodies over atoms and vectors of several types, with locals,
assignment with operators, conditionals, loops, early return, globals, output and errors, run both
ways and compared as the console prints them."""
import pytest
from hypothesis import given, settings, strategies as st

from qblueprint.q import Session
from qblueprint.q.evaluation import evaluator as ev
from qblueprint.q.front import session as q_session

ATOMS = ["0", "1", "-3", "7", "0N", "2.5", "-0.5", "0n", "1b", "0b", "`a", "`b", "3i", "0Ni",
         "9223372036854775807", "-9223372036854775807", "\"c\"", "1 2 3", "0 -1 5", "1.5 0n 2",
         "`a`b", "()", "\"ab\""]
OPS = ["+", "-", "*", "%", "<", ">", "=", "<>", "<=", ">=", "&", "|", "~", ",", "#", "_", "!", "^", "?"]
NAMES = ["x", "y", "a", "b"]


@st.composite
def expr(draw, depth=0):
    kinds = ["atom", "name"] if depth >= 3 else ["atom", "name", "op", "op", "cond", "asg", "asgop",
                                                   "mon", "paren", "glob", "each", "apply"]
    k = draw(st.sampled_from(kinds))
    sub = lambda: draw(expr(depth + 1))      # noqa: E731
    if k == "atom":
        return draw(st.sampled_from(ATOMS))
    if k == "name":
        return draw(st.sampled_from(NAMES))
    if k == "op":
        return f"{sub()}{draw(st.sampled_from(OPS))}{sub()}"
    if k == "cond":
        n = draw(st.sampled_from([2, 3, 5]))
        return "$[" + ";".join(sub() for _ in range(n)) + "]"
    if k == "asg":
        return f"({draw(st.sampled_from(NAMES))}:{sub()})"
    if k == "asgop":
        return f"({draw(st.sampled_from(NAMES))}{draw(st.sampled_from(['+', '-', '*', ',']))}:{sub()})"
    if k == "mon":
        return f"{draw(st.sampled_from(['neg ', 'count ', 'first ', 'not ', 'string ', '-', 'til ', 'sum ']))}{sub()}"
    if k == "paren":
        return f"({sub()})"
    if k == "glob":
        return draw(st.sampled_from(["G", "G+1", "(G::G+1)", "-1 string G"]))
    if k == "each":
        return f"{{x*2}} each {sub()}"
    return f"{{[p;q] p+q}}[{sub()};{sub()}]"


@st.composite
def statement(draw):
    k = draw(st.sampled_from(["e", "e", "e", "if", "do", "while", "ret"]))
    e = draw(expr())
    if k == "if":
        return f"if[{e};a:a+1;b:b,1]"
    if k == "do":
        return f"do[{draw(st.sampled_from(['0', '2', '3', 'x', '1b']))};a+:1;{e}]"
    if k == "while":
        return "while[a<3;a+:1]"
    if k == "ret":
        return f"if[{e};:{draw(expr(2))}]"
    return e


@st.composite
def program(draw):
    body = ";".join(draw(st.lists(statement(), min_size=1, max_size=4)))
    args = f"[{draw(st.sampled_from(ATOMS))};{draw(st.sampled_from(ATOMS))}]"
    return "{[x;y] a:0; b:(); " + body + "}" + args


def run(src, generated, max_steps=2000, g="10"):
    q_session._PARSE_CACHE.clear()
    ev.PYCOMPILE[0] = generated
    try:
        s = Session(max_steps=max_steps)
        s.eval("G:" + g)
        out = s.console(src)
        return out, s.console("G"), s.out if isinstance(s.out, list) else None
    finally:
        ev.PYCOMPILE[0] = True
        q_session._PARSE_CACHE.clear()


@settings(max_examples=400, deadline=None)
@given(program())
def test_generated_lambdas_match_closures(src):
    assert run(src, True) == run(src, False), src


def _generated(src):
    q_session._PARSE_CACHE.clear()
    s = Session()
    s.eval("f:" + src)
    return getattr(s.g["f"].body, "q_source", None)


def test_the_property_test_programs_are_generated():
    # the programs above take the generated path (else the comparison would compare closures twice)
    assert _generated("{[x;y] a:0; b:(); if[x<y;a:a+1;b:b,1]; do[2;a+:1;x*y]; $[a>1;a;:y]}") is not None
    assert _generated("{[x;y] a:0; b:(); {x*2} each (a:x+1); {[p;q] p+q}[a;y]}") is not None
    # a table literal that assigns no local runs as its closure inside generated code
    assert "_c" in _generated("{[x] t:([] a:1 2); t}")


@pytest.mark.parametrize("src, shown", [
    ("{(x:5)+x} 1", "6"),                       # the right operand is evaluated first
    ("{x+(x:5)} 1", "10"),
    ("{a:1; (a:a+1;a;a:10)} 0", "11 10 10"),        # list items right to left too
    ("{$[x<0;0;x+1]}/[5;-3]", "4"),
    ("{r:0; do[x; r+:1]; r} 5", "5"),
    ("{r:0; while[r<x; r+:2]; r} 5", "6"),
    ("{if[x>2; :`big]; `small} each 1 5", "`small`big"),
    ("{x+1} 9223372036854775807", "0N"),
    ("{x<0} `a", "'type"),
    ("{.z.s} 1", "{.z.s}"),
    ("{$[x<2;x;.z.s[x-1]+.z.s x-2]} 15", "610"),
    ("{[x;y] a:x; a[0]:y; a}[1 2 3;9]", "9 2 3"),
    ("{d:`a`b!1 2; d[`a]+:10; d}[]", "a| 11\nb| 2"),
])
def test_generated_corners(src, shown):
    out = run(src, True)[0]
    assert (out.split("\n")[0] if shown.startswith("'") else out.rstrip("\n")) == shown
    assert out == run(src, False)[0]


LONGS = ["0", "1", "-1", "2", "-7", "0N", "9223372036854775807", "-9223372036854775807", "3037000499",
         "0b", "1b"]


@st.composite
def pure(draw, depth=0, names=("x",)):
    """Pure expressions over x: what the unboxed (plain int) path takes, and what it must refuse."""
    k = draw(st.sampled_from(["x", "c"] if depth >= 3 else ["x", "c", "op", "op", "cmp", "cond", "paren"]))
    sub = lambda: draw(pure(depth + 1, names))      # noqa: E731
    if k == "x":
        return draw(st.sampled_from(names))
    if k == "c":
        return draw(st.sampled_from(LONGS + ["2.5", "`a"]))
    if k == "op":
        return f"{sub()}{draw(st.sampled_from(['+', '-', '*', '|', '&']))}{sub()}"
    if k == "cmp":
        return f"({sub()}{draw(st.sampled_from(['<', '>', '=', '<>', '<=', '>=']))}{sub()})"
    if k == "cond":
        return f"$[{sub()};{sub()};{sub()}]"
    return f"({sub()})"


@st.composite
def pure_body(draw):
    """One pure expression, or locals assigned first (`a:...; b:...; expr`); G is a global."""
    if draw(st.booleans()):
        return draw(pure(names=("x", "x", "G")))
    a = draw(pure(names=("x", "G")))
    b = draw(pure(names=("x", "a")))
    return f"a:{a}; b:{b}; {draw(pure(names=('x', 'a', 'b', 'G')))}"


@settings(max_examples=300, deadline=None)
@given(pure_body(), st.lists(st.sampled_from(LONGS[:9]), min_size=1, max_size=5), st.integers(0, 6),
       st.sampled_from(["10", "-3", "0N", "2.5", "`a", "1b", "1 2"]))
def test_unboxed_iterations_match_closures(body, items, n, g):
    vec = " ".join(items) if len(items) > 1 else "enlist " + items[0]
    for src in ("{%s} each %s" % (body, vec), "{%s}/[%d;%s]" % (body, n, items[0]),
                "{%s}\\[%d;%s]" % (body, n, items[0])):
        assert run(src, True, g=g) == run(src, False, g=g), (src, g)
        assert run(src, True, None, g) == run(src, False, None, g), (src, g)   # no step limit: locals unboxed too


def test_unboxed_path_is_taken():
    q_session._PARSE_CACHE.clear()
    s = Session()
    s.eval("f:{$[x<0;0;x+1]}; g:{x*x+1}; h:{x+`a}; l:{a:x+1; a<3}")
    assert s.g["f"].body.unboxed.rtype == "j" and s.g["g"].body.unboxed is not None
    assert s.g["l"].body.unboxed.rtype == "b" and s.g["l"].body.unboxed.counts_steps
    assert s.g["h"].body.unboxed is None                     # a symbol constant keeps it boxed
    assert s.console("f/[100000;0]") == "100000\n"
