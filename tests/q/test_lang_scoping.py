"""Issue 13, item 5: a lambda's locals are fixed when it is compiled."""
import pytest


@pytest.mark.parametrize("src, shown", [
    # every name assigned with : anywhere in the body is local for the whole body
    ("v:100;f:{if[x;v:1];v};f 0", "()"),
    ("v:100;f:{if[x;v:1];v};f 1", "1"),
    ("v:100;f:{if[x;v:1];v};f 1;v", "100"),
    ("n:5;f:{r:n;n:2;r};f[]", "()"),       # read before its assignment: the local, still ()
    # name::v sets the local when name is local (or a parameter), the global otherwise
    ("w:1;f:{w:10;w::20;w};f[]", "20"),
    ("w:1;f:{w:10;w::20;w};f[];w", "1"),
    ("f:{u::7;u};f[];u", "7"),
    ("f:{[p] p::3;p};f 9", "3"),
    ("f:{x::4;x};f 1", "4"),
    # a local assignment after :: of the same name is the compile error 'name
    ("{a::1;a:1}", "'a"),
    ("f:{b::1;b:1}", "'b"),
    # indexed assignment does not make a name local
    ("g:1 2 3;f:{g[0]:9};f[];g", "9 2 3"),
])
def test_scoping(q, src, shown):
    out = q(src)
    assert (out.split("\n")[0] if shown.startswith("'") else out) == shown


@pytest.mark.parametrize("src, shown", [
    # a local read before its assignment is () in every shape of expression
    ("a:5;f:{b:a+1;a:2;b};f[]", "()"), ("a:5;f:{b:2*a;a:2;b};f[]", "()"),
    ("a:5;f:{b:a>1;a:2;b};f[]", "()"), ("a:5;f:{b:count a;a:2;b};f[]", "0"),
    ("a:5;f:{a:a+1;a};f[]", "()"),
    # a keyword is applied to a lambda's derived function, the left argument of a primitive's
    ("f:{max {y+0|x}\\x};f -2 1 -3 4 -1 2 1 -5 4", "6"), ("sum@'(1 2;3 4)", "3 7"),
])
def test_locals_start_empty(src, shown):
    out = q_console(src)
    assert out == shown


def q_console(src):
    from qblueprint.q import Session
    return Session().console(src).rstrip("\n")
