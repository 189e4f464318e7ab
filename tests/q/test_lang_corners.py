"""Issue 13, item 10 (corner cases found running real solutions) and item 8 (parse trees)."""
import pytest


@pytest.mark.parametrize("src, shown", [
    # group of an empty typed vector keeps the key type
    ("key group `symbol$()", "`symbol$()"), ("key group 0#0.5", "`float$()"),
    ("count group `long$()", "0"),
    # take of dictionaries with non-symbol keys, and with empty key lists
    ("\"xy\"#\"xyz\"!10 20 30", "x| 10\ny| 20"),
    ("()#`a`b!1 2", ""),      # an empty dictionary prints nothing (basics/dictsandtables.md)
    # 0: on text held in strings
    ("(\"JJ\";\",\")0:(\"7,8\";\"9,10\")", "7 9\n8 10"),
    ("(\"SF\";enlist\"|\")0:(\"n|v\";\"p|1.5\";\"q|2\")", "n v\n-----\np 1.5\nq 2"),
    ("(\"J J\";\",\")0:(\"1,x,2\";\"3,y,4\")", "1 3\n2 4"),
    ("\",\" 0: ([]p:1 2;q:`u`v)", "\"p,q\"\n\"1,u\"\n\"2,v\""),
    ("`:out.csv 0: enlist \"x\"", "'access"), ("0: `:in.txt", "'access"),
    ("1: `:f", "'access"),
    # "J"$ of text with a fractional part is null
    ("\"J\"$(\"4\";\"4.5\";\"x\")", "4 0N 0N"),
    # enumeration by index without its domain (3.6)
    ("type `nodomain!3", "-20h"),
    # the generic null applied is the identity, as a missing handler in a dictionary
    ("h:`a`b!({x+1};{x+2});h[`c;5]", "5"),
    # meta of a list column: the type of its first item
    ("meta ([]c:(1 2;3.5 4))", "c| t f a\n-| -----\nc| J"),
    # parse of several statements, and eval of parse trees right to left
    ("parse \"a:1;b:2\"", "\";\"\n(:;`a;1)\n(:;`b;2)"),
    ("eval parse \"u:3;u*2\"", "6"),
    # simple exec ?[t;i;p]
    ("t:([]p:1 2 3;q:4 5 6);?[t;0 2;`q]", "4 6"), ("t:([]p:1 2 3;q:4 5 6);?[t;0 1;(sum;`p)]", "3"),
    ("t:([]p:1 2 3;q:4 5 6);?[t;1 2;(+;`p;`q)]", "7 9"), ("?[010b;1 2 3;7 8 9]", "7 2 9"), ("eval (+;2;(*;3;4))", "14"),
    ("eval (,;(-1;\"\\\"r\\\"\");(-1;\"\\\"l\\\"\"))", "\"l\"\n\"r\"\n\"\\\"r\\\"\\\"l\\\"\""),
])
def test_corner_cases(q, src, shown):
    out = q(src)
    assert (out.split("\n")[0] if shown.startswith("'") else out) == shown


def test_rolled_symbols_are_fast(q):
    import time
    t0 = time.time()
    assert q("count distinct 2000000?`3") == "4096"
    assert time.time() - t0 < 10


@pytest.mark.parametrize("src, shown", [
    # a keyword is never a name: not a parameter, not a local, not a global ('assign)
    ("{[avg] avg*2}[3]", "'assign"), ("{til:5;til}[]", "'assign"), ("{[a] first:a}[1]", "'assign"),
    ("f:{[p;q;fills] p}", "'assign"), ("reverse:1", "'assign"),
    ("{[avgs] 1}", "'assign"), ("{[p] tally:count p;tally}\"abc\"", "3"),
    # q keywords reserved even where the engine does not define them; csv is the comma
    ("{[hsym] 1}", "'assign"), ("{tables:2}", "'assign"), ("{[csv] 1}", "'assign"), ("csv", "\",\""),
    # amend at an empty index leaves the argument as it was, with its type
    ("@[\"\";`long$();upper]", "\"\""), ("@[`symbol$();`long$();string]", "`symbol$()"),
    ("@[0#0.5;::;neg]", "`float$()"), ("@[\"pq\";();upper]", "\"pq\""),
    ("@[\"pqr\";`long$();:;\"\"]", "\"pqr\""),
    # a simple list keeps its type: each amended item must be an atom of it
    ("@[5 6; ::; 7 8+]", "'type"), ("@[5 6 7;1;{x,x}]", "'type"), ("@[5 6 7;0;+;0.5]", "'type"),
    ("v:5 6 7;v[1]-:0.5", "'type"), ("@[5 6 7;0 2;*;10]", "50 6 70"), ("@[\"pqr\";1;upper]", "\"pQr\""),
    ("@[(5 6;7 8);0;{x,x}]", "5 6 5 6\n7 8"), ("d:`p`q!5 6;d[`p]+:0.5", "'type"),
    ("d:`p`q!5 6;d[`p]+:2;d", "p| 7\nq| 6"), ("@[2021.03.01 2021.03.05;0;+;2]", "2021.03.03 2021.03.05"),
])
def test_reserved_names_and_amend_types(q, src, shown):
    out = q(src)
    assert (out.split("\n")[0] if shown.startswith("'") else out) == shown
