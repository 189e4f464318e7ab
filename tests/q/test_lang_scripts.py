"""Issue 13, items 4 and 12: symbols name what they refer to; namespaces (\\d, nesting, `.,
key); compositions closed by ::; peach; the read-only .z constants; a library as a script."""
from pathlib import Path

import pytest

from qblueprint.q import Session, QError


@pytest.mark.parametrize("src, shown", [
    # a symbol applied, indexed or projected stands for the global it names
    ("cube:{x*x*x};`cube 3", "27"), ("mul:{x*y};`mul . 6 7", "42"), ("mul:{x*y};`mul[2;5]", "10"),
    ("mul:{x*y};p:`mul[3];p 4", "12"), ("cube:{x*x*x};@[`cube;2]", "8"),
    ("v:10 20 30;`v 1", "20"), ("d:`a`b!(1 2;3 4);`d . (`b;0)", "3"),
    ("cube:{x*x*x};(`cube;neg)@\\:2", "8 -2"),
    # namespaces are dictionaries; they nest; `. is the root
    (".geo.pi:3.5;.geo.area:{.geo.pi*x*x};`.geo.area 2", "14f"),
    (".geo.pi:3.5;.geo.unit.m:1;key `.geo", "``pi`unit"),
    (".geo.pi:3.5;.geo.unit.m:1;.geo.unit", " | ::\nm| 1"),
    (".geo.pi:3.5;.geo`pi", "3.5"), (".geo.pi:3.5;`.geo `pi", "3.5"),
    ("w:1;zz:2;key `.", "`w`zz"), ("w:1;`. `w", "1"), ("`.q `neg", "-:"), ("`.q `sum", "sum"),  # .q`neg is -: (wp/parse-trees.md: .q`ltime is %:)
    # \d switches the current namespace: definitions land there, names resolve there first
    ("\\d .lib\nk:5\nf:{k+x}\n\\d .\n.lib.f 1", "6"),
    ("\\d .lib\n\\d", "`.lib"), ("\\d", "`."),
    # trailing :: closes a composition
    ("f:sum abs::;f -1 2 -3", "6"), ("(count distinct::) each (1 1 2;3 3)", "2 1"),
    ("f:neg sum::;f 1 2", "-3"),
    # peach is each
    ("{x*2} peach 1 2 3", "2 4 6"), ("(count peach (1 2;3 4 5))", "2 3"),
    # harmless read-only constants; clocks and hosts stay out of reach
    ("type .z.K", "-9h"), ("type .z.k", "-14h"), (".z.o", "`l64"),
    (".Q.dd[`a;`b]", "`a.b"), (".Q.dd[`a;`b`c]", "`a.b`a.c"), (".Q.dd[`:db;`t]", "`:db/t"),
])
def test_symbols_namespaces_compositions(src, shown):
    s = Session()
    out = ""
    for stmt in src.split("\n"):
        out = s.console(stmt).rstrip("\n")
    assert out == shown


@pytest.mark.parametrize("src", [".z.p", ".z.h", ".z.i", ".z.K:5", "system \"ls\"", "system \"l x.q\""])
def test_clock_host_and_os_stay_refused(src):
    assert Session().console(src).startswith("'")


def test_a_library_loads_as_a_script_and_passes_its_own_asserts():
    lib = Path(__file__).parent / "qlib" / "minstats.q"
    s = Session()
    s.load(lib.read_text())
    assert s.console(".ms.calls").strip() == "2"
    assert s.console("\\d").strip() == "`."
    assert s.console(".ms.median 1 9 5").strip() == "5"
    with pytest.raises(QError):
        s.load(lib.read_text() + ".ms.check[`broken;0b]\n")


def test_loading_a_script_restores_the_namespace():
    s = Session()
    s.load("\\d .lib\nk:3\nf:{k*x}\n")
    assert s.console("\\d").strip() == "`."
    assert s.console(".lib.f 2").strip() == "6"
    assert s.console("k").startswith("'")
