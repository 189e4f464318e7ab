"""What q libraries written by people lean on: scripts run statement by statement keep their
namespace, the step dictionaries of `s#, compositions closed by :: after any train, each-both
keeping a dictionary's keys, -27! and .Q.s1 for text, the atom form of ?[;;], raze of a table,
and 0: on a list of columns. Examples are our own."""
import base64
import io

import pytest
from hypothesis import given, strategies as st

from qblueprint.q import Session
from qblueprint.q.front.repl import run_file


def _last(src):
    s = Session()
    out = ""
    for stmt in src.split("\n"):
        out = s.console(stmt).rstrip("\n")
    return out


def test_a_script_run_as_a_file_keeps_its_namespace_between_statements(tmp_path):
    script = tmp_path / "lib.q"
    script.write_text("\\d .geo\nr:2\narea:{r*r*x}\n\\d .\n-1 string .geo.area 3;\n-1 string `r in key `.;\n")
    out, err = io.StringIO(), io.StringIO()
    assert run_file(str(script), out, err) == 0, err.getvalue()
    assert out.getvalue() == "12\n0\n"


@pytest.mark.parametrize("src, shown", [
    # `dict` is no keyword: a name like any other, also to the right of a derived verb
    ("dict:`a`b!1 2;{x*10}@'dict", "a| 10\nb| 20"),
    ("dict:3;dict+1", "4"),
    # each-both keeps the keys of a dictionary on either side
    ("(neg;abs)@'`p`q!-1 -2", "p| 1\nq| 2"),
    ("{x+y}'[1 2;`p`q!10 20]", "p| 11\nq| 22"),
    ("d:`p`q!(1 2f;3 4f);flip[d],(avg;sum)@'d", "p   q\n-----\n1   3\n2   4\n1.5 7"),
])
def test_dictionaries_through_each_both(src, shown):
    assert _last(src) == shown


@pytest.mark.parametrize("src, shown", [
    # a step dictionary: a key between two keys finds the lower key's value
    ("d:`s#1 5 9!`lo`mid`hi;d 6", "`mid"), ("d:`s#1 5 9!`lo`mid`hi;d 0", "`"),
    ("d:`s#1 5 9!`lo`mid`hi;d 100", "`hi"), ("d:`s#1 5 9!`lo`mid`hi;d 0 1 4 5", "``lo`lo`mid"),
    ("d:`s#0 0.5 2!1 2 3f;d 1.9", "2f"), ("d:1 5 9!`lo`mid`hi;d 6", "`"),
])
def test_step_dictionaries(src, shown):
    assert _last(src) == shown


@given(st.lists(st.integers(-50, 50), min_size=1, max_size=8, unique=True), st.integers(-60, 60))
def test_a_step_dictionary_finds_what_bin_finds(keys, probe):
    keys = sorted(keys)
    s = Session()
    s.console("k:(),%s;d:`s#k!til count k" % " ".join(map(str, keys)))
    assert s.console("d %d" % probe) == s.console("$[0>i:k bin %d;0N;i]" % probe)


@pytest.mark.parametrize("src, shown", [
    # a trailing :: ends any train as a composition, after an index or a verb as well
    ("f:(0b sv 8#)each 8 cut raze::;f enlist 1111000011110000b", "0xf0f0"),
    ("g:{x+y};h:neg g[10]::;h 5", "-15"), ("k:1+til count::;k \"abc\"", "1 2 3"),
    ("f:string sum::;f 1 2 3", ",\"6\""),
    # the last function keeps its rank: a binary one makes a binary composition
    ("hd:sum (<>)::;hd[\"abc\";\"abd\"]", "1i"), ("m:neg {x*y}::;m[2;3]", "-6"),
    ("d:{sum abs x} (-)::;d[1 5;4 1]", "7"),
    # one value before it stays itself, even one that cannot be applied (ref/identity.md)
    ("v:7 ::;v", "7"), ("\"ab\" ::", "\"ab\""),
])
def test_trailing_double_colon_composes(src, shown):
    assert _last(src) == shown


@pytest.mark.parametrize("src, shown", [
    ("-27!(2i;3.14159)", "\"3.14\""), ("-27!(3i;1.5 -2.25)", "\"1.500\"\n\"-2.250\""),
    ("-27!(0i;2.5)", ",\"2\""), ("-27!(2i;0.125)", "\"0.12\""),    # binary rounding, as C's printf
    ("-27!(2;1.5)", "'type"), ("-27!(2i;1)", "'type"), ("-27!(2i;0n)", "'nyi"),
    (".Q.s1 1 2 3", "\"1 2 3\""), (".Q.s1 `a`b!(1;\"x\")", "\"`a`b!(1;\\\"x\\\")\""),
])
def test_text_of_numbers_and_values(src, shown):
    assert _last(src) == shown


@pytest.mark.parametrize("src, shown", [
    # ?[;;] takes an atom condition too (ref/vector-conditional.md)
    ("?[1b;`yes;`no]", "`yes"), ("?[0b;1 2;9]", "9 9"), ("?[1b;1 2;3 4]", "1 2"),
    ("?[101b;1 2;3 4 5]", "'length"),
    # raze is ,/ and a table is the list of its rows
    ("raze ([]a:1 2;b:3 4)", "a| 2\nb| 4"), ("raze 1#([]a:1 2;b:3 4)", "a| 1\nb| 3"),
    ("count raze 0#([]a:1 2)", "0"),
    # 0: prepares text from a list of columns as from a table, without the header
    ("\" \" 0: (10b;01b)", "\"1 0\"\n\"0 1\""), ("\",\" 0: (`a`b;1 2;\"xy\")", "\"a,1,x\"\n\"b,2,y\""),
    ("\",\" 0: (1 2;`a)", "'type"), ("\",\" 0: (1 2;`a`b`c)", "'length"),
])
def test_conditional_raze_and_prepared_text(src, shown):
    assert _last(src) == shown


@pytest.mark.parametrize("src, shown", [
    # .Q tools that are pure computation (ref/dotq.md)
    ("count .Q.b6", "64"), (".Q.b6 0 25 26 63", "\"AZa/\""), ("10#.Q.nA", "\"0123456789\""),
    (".Q.btoa \"q rocks\"", "\"cSByb2Nrcw==\""), (".Q.btoa \"\"", "\"\""),
    (".Q.atob \"cSByb2Nrcw==\"", "\"q rocks\""), (".Q.atob \"YWI=\"", "\"ab\""),
    (".Q.fu[{x*x};3 1 3 2]", "9 1 9 4"), (".Q.fu[{x*x};4]", "16"),
    ("hsym `data", "`:data"), ("hsym `:data`log", "`:data`:log"), ("hsym `$()", "`symbol$()"),
    ("hsym \"data\"", "'type"), ("@[read0;hsym `nofile;{`refused}]", "`refused"),
    (".Q.id `$\"a b/c\"", "`abc"), (".Q.id `$\"9lives\"", "`a9lives"), (".Q.id `ok_1", "`ok_1"),
])
def test_pure_dot_q_tools(src, shown):
    assert _last(src) == shown


@given(st.binary(max_size=40))
def test_btoa_agrees_with_base64_and_atob_inverts_it(data):
    s = Session()
    s.console("b:(),%s" % ("0x" + data.hex() if data else "`byte$()"))
    assert s.console(".Q.btoa b").strip() == '"%s"' % base64.b64encode(data).decode()
    assert s.console("(\"c\"$b)~.Q.atob .Q.btoa b").strip() == "1b"
