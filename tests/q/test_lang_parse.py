"""Issue 13, item 8: parse trees (`parse`), their evaluation (`eval`, `value`), and keywords shown
in the k form q.k gives them."""
import pytest
from hypothesis import given, settings, strategies as st

from qblueprint.q import Session


@pytest.mark.parametrize("src, shown", [
    # keywords q.k defines as a primitive's unary form print in that form, alone or inside a value
    ("null", "^:"), ("(reverse;where)", "|:\n&:"), ("string distinct", "\"?:\""),
    # they are that form: they match it, reverse lookup in .q finds them, and they have its type
    ("(null)~(^:)", "1b"), ("(null)~(^)", "0b"), (".q?(&:)", "`where"),
    ("(parse \"count s\")~((#:);`s)", "1b"),
    ("type null", "101h"), ("type each (count;first)", "101 101h"),
    # keywords that are not such forms print by name
    ("(min;sum)", "min\nsum"), ("type sum", "100h"),
])
def test_keywords_show_their_k_form(q, src, shown):
    assert q(src) == shown


@pytest.mark.parametrize("src, shown", [
    # a keyword in a tree is the function itself: k forms for primitives, names for the rest
    ("parse \"first reverse v\"", "*:\n(|:;`v)"),
    ("parse \"avg w\"", "avg\n`w"),
    ("parse \"(p;q) within r\"", "within\n(enlist;`p;`q)\n`r"),
    ("parse \"select lo:min w by g from s\"", "?\n`s\n()\n(,`g)!,`g\n(,`lo)!,(min;`w)"),
    # other names stay symbols, to be looked up when the tree is evaluated
    ("parse \"u v\"", "`u\n`v"),
    # a parenthesized operator applied prefix is its unary form
    ("parse \"($)7\"", "$:\n7"),
    # select[n;<c]: the count, then the ordering enlisted, as the sixth item
    ("parse \"select[3;>w] from s\"", "?\n`s\n()\n0b\n()\n3\n,(>:;`w)"),
    ("parse \"select[>w] from s\"", "'nyi"),
    # exec of one column named by its expression: the expression, enlisted
    ("parse \"exec neg w from s\"", "?\n`s\n()\n()\n,(-:;`w)"),
    # control words: the word as a symbol, then its parts; blocks, return and signal by a char
    ("parse \"while[j>0;j-:1]\"", "`while\n(>;`j;0)\n(-:;`j;1)"),
    ("parse \"[p;q]\"", "\";\"\n`p\n`q"), ("parse \":p\"", "\":\"\n`p"),
    ("parse \"'`bad\"", "\"'\"\n,`bad"),
    # a table literal is the flip of a column dictionary; a keyed one ! of two such tables
    ("parse \"([]p:3 4;q:`u`v)\"", "+:\n(!;,`p`q;(enlist;3 4;,`u`v))"),
    ("parse \"([p:3 4]q:5)\"", "!\n(+:;(!;,,`p;(enlist;3 4)))\n(+:;(!;,,`q;(enlist;5)))"),
    # update through an operator keeps the operator's k form
    ("parse \"w-:3\"", "-:\n`w\n3"),
])
def test_parse_output(q, src, shown):
    assert q(src) == shown


@pytest.mark.parametrize("src, shown", [
    ("s:([]g:`p`q`p;w:4 5 6);eval parse \"select sum w by g from s where w>4\"",
     "g| w\n-| -\np| 6\nq| 5"),
    ("s:([]g:`p`q`p;w:4 5 6);eval parse \"exec g from s where w>4\"", "`q`p"),
    ("eval parse \"type 7h\"", "-5h"),
    ("h:{x*10};eval parse \"h each 1 2\"", "10 20"),
    ("s:([]g:`p`q`p;w:4 5 6);eval parse \"select[2;>w] from s\"", "g w\n---\np 6\nq 5"),
    ("s:([]g:`p`q`p;w:4 5 6);?[s;();0b;();-1;(iasc;`w)]", "g w\n---\np 6"),
    # the conditional evaluates only the branch it takes
    ("eval parse \"$[0b;undefinedname;9]\"", "9"), ("eval ($;1b;4;`nosuchname)", "4"),
    ("eval ($;0b;1;1b;2;3)", "2"), ("eval ($;0b;1;0b;2;3)", "3"),
    # assignment forms, plain and through an operator
    ("k:10;eval parse \"k*:3\";k", "30"), ("eval parse \"m:2+3\";m", "5"),
    ("k:1 2;eval ((,:);`k;7);k", "1 2 7"), ("(parse \"k-:1\")~((-:);`k;1)", "1b"),
    ("s:([]g:`p`q`p;w:4 5 6);eval parse \"exec neg w from s where g=`p\"", "-4 -6"),
    # control words run as they do in q; a signal signals
    ("j:0;eval parse \"do[4;j+:3]\";j", "12"), ("j:10;eval parse \"while[j>3;j-:2]\";j", "2"),
    ("j:0;eval parse \"if[j=0;j:5;j*:2]\";j", "10"), ("j:0;eval (`if;0b;(:;`j;1));j", "0"),
    ("eval parse \"'`bad\"", "'bad"),
    # an enlisted symbol is data
    ("eval enlist `sym", "`sym"), ("eval (,;enlist `u;enlist `v)", "`u`v"),
])
def test_eval_of_parse_trees(q, src, shown):
    assert q(src) == shown


def test_functional_form_from_parse(q):
    """A q-sql query's tree, its items evaluated, is the functional form (wp/parse-trees.md)."""
    q("s:([]g:`p`q`p`r;w:4 5 6 7);src:\"select n:count i by g from s where 2>(count;i) fby g\"")
    assert q("value[src]~value eval each parse src") == "1b"
    assert q("value[src]~eval parse src") == "1b"
    assert q("value src") == "g| n\n-| -\nq| 1\nr| 1"


@pytest.mark.parametrize("src, shown", [
    # value applies the first item to the others as they stand: nested trees stay unevaluated
    ("value (*;3;4)", "12"), ("value (-;10;(+;1;1))", "'type"),
    ("value (,;`p;`q)", "`p`q"),
    # a first item that is a symbol or a string is evaluated first
    ("value (`.q.reverse;1 2 3)", "3 2 1"), ("value (\"{x-y}\";9;4)", "5"),
    # an operator's value is its place among k's primitives, unary form or keyword alike
    ("value each (&;|;#)", "5 6 13"), ("value each (where;(#:);first)", "5 13 3"),
    # a projection's value: the function and the arguments given, none past the last
    ("value {x*y*z}[4]", "{x*y*z}\n4"), ("value {x*y*z}[;5]", "{x*y*z}\n::\n5"),
])
def test_value_of_lists(q, src, shown):
    assert q(src) == shown


# expressions without side effects, built from constants, primitives, keywords and q-sql
_ATOMS = st.sampled_from(["3", "7", "1 2 3", "4 5 6", "0 9 2", "2.5", "v", "w"])
_DYADS = st.sampled_from(["+", "-", "*", "|", "&", "=", "<", ",", "#", "_", "^", "~", "xexp", "mod"])
_MONADS = st.sampled_from(["neg", "count", "first", "reverse", "til 3+", "sum", "max", "string",
                           "type", "not", "null", "distinct", "where 0<", "avg", "abs", "enlist",
                           "{x+1}", "sums", "(2*)", "(+/)", "(-\\)", "{x,x} each"])


def _expressions():
    return st.recursive(
        _ATOMS,
        lambda inner: st.one_of(
            st.tuples(_MONADS, inner).map(lambda p: "%s (%s)" % p),
            st.tuples(inner, _DYADS, inner).map(lambda p: "(%s) %s (%s)" % p),
            st.tuples(inner, inner).map(lambda p: "(%s;%s)" % p),
            st.tuples(st.sampled_from(["1b", "0b", "3>2", "null 0N"]), inner, inner).map(
                lambda p: "$[%s;%s;%s]" % p),
            st.tuples(inner, inner).map(lambda p: "([]p:%s;q:%s)" % p),
            st.tuples(inner, st.sampled_from(["w>2", "v<>3"])).map(
                lambda p: "exec c from tb where " + p[1]),
        ),
        max_leaves=6,
    )


_SESSION = Session()
_SESSION.console("v:1 2 3;w:7 8 9;tb:([]c:3 4 5;v:1 3 5;w:0 4 8)")


@settings(max_examples=150, deadline=None)
@given(_expressions())
def test_eval_parse_matches_value(src):
    """value[s]~eval parse s for every side-effect-free s (basics/parsetrees.md)."""
    quoted = src.replace("\\", "\\\\").replace("\"", "\\\"")
    direct = _SESSION.console("value \"%s\"" % quoted)
    if direct.startswith("'"):
        # an expression that fails must fail the same way through its parse tree
        assert _SESSION.console("eval parse \"%s\"" % quoted).split("\n")[0] == direct.split("\n")[0]
        return
    assert _SESSION.console("(value \"%s\")~eval parse \"%s\"" % (quoted, quoted)).rstrip() == "1b", src
