"""Issue 13, item 9: kdb+ 4.1 pattern matching (basics/pattern.md), with examples of our own."""
import pytest

from qblueprint.q import Session


def run(src):
    s = Session()
    out = ""
    for stmt in src.split("\n"):
        out = s.console(stmt).rstrip("\n")
    return out


@pytest.mark.parametrize("src, shown", [
    # destructuring and what the assignment returns
    ("(p;q):10 20\np+q", "30"), ("(p;q):10 20", ""), ("r:(p;:2*):5 6\nr", "5 12"),
    ("(p;q):10 20 30", "'length"), ("(p;;q):`a`b`c\np,q", "`a`c"),
    ("(p;(q;s)):(1;(2;3))\np+q+s", "6"),
    # constants must match; a failed match changes nothing
    ("(7):7", ""), ("(7):8", "'match"), ("p:0;(p;5):1 6\np", "0"),
    # dictionary, table and operator patterns
    ("([x1:u]):`x0`x1!10 11\nu", "11"), ("(`a`b!(u;v)):`a`b`c!1 2 3\nu+v", "3"),
    ("([zz:u]):`a`b!1 2", "'match"), ("([]b:u):([]a:1 2;b:3 4)\nu", "3 4"),
    ("(k!v):`x`y!5 6\nv", "5 6"), ("(k!):`x`y!5 6\nk", "`x`y"),
    ("(flip([u;v])):([]u:1 2;v:3 4)\nv", "3 4"),
    # type checks and filter functions
    ("(u:`j):5\nu", "5"), ("(u:`j):5i", "'type"), ("(u:`J):1 2\nu", "1 2"),
    ("((u;v):`S):`m`n\nv", "`n"), ("(:`c):\"a\"", ""), ("(u:neg):4\nu", "-4"),
    # indexed name pattern
    ("w:1 2 3\n(w[0]):9\nw", "9 2 3"),
    # parameters
    ("f:{[(a;b);c]a*b+c}\nf[2 3;4]", "14"), ("f:{[u;]u}\nf[1;2]", "1"),
    ("f:{[u:`f;v:`j]u+v}\nf[1.5;2]", "3.5"), ("f:{[u:`f;v:`j]u+v}\nf[1;2]", "'type"),
    ("g:{$[x>9;'`big;x]}\nf:{[u:g]u*2}\nf 4", "8"), ("g:{$[x>9;'`big;x]}\nf:{[u:g]u*2}\nf 40", "'big"),
    ("f:{[(a;b)]a}\na:99\nf 1 2\na", "99"),       # pattern names are locals
    # the pattern conditional
    ("t:{:[x;u:`j;u+1;u:`s;string u;`other]}\nt 41", "42"),
    ("t:{:[x;u:`j;u+1;u:`s;string u;`other]}\nt `ab", "\"ab\""),
    ("t:{:[x;u:`j;u+1;u:`s;string u;`other]}\nt 2.5", "`other"),
    ("t:{:[x;(a;b);a+b;0N]}\nt 1 2", "3"), ("t:{:[x;(a;b);a+b;0N]}\nt 1 2 3", "0N"),
])
def test_patterns(src, shown):
    out = run(src)
    assert (out.split("\n")[0] if shown.startswith("'") else out) == shown
