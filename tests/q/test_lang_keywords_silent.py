"""Issue 13, item 11: common keywords that used to return a wrong value without an error."""
import pytest


@pytest.mark.parametrize("src, shown", [
    # any/all of a list of boolean vectors fold item-wise (|/ and &/), they do not collapse
    ("any (1001b;0101b;0000b)", "1101b"),
    ("all (1101b;0111b)", "0101b"),
    ("any (0 2 0;0 0 0)", "010b"),
    ("all ()", "1b"),
    ("any ()", "0b"),
    ("any 0 0 3", "1b"),
    # keywords as the left argument of a derived function
    ("count@'(1 2 3;4 5;`a)", "3 2 1"),
    ("max@'(3 1 2;7 9)", "3 9"),
    ("count ,1", "1"),
    # lists and dictionaries are functions of their indices under iterators
    ("m:(10 20 30;40 50 60);m'[1 0;0 2]", "40 30"),
    ("d:(\"one\";\"two\")!10 20;d each (\"two\";\"one\")", "20 10"),
    ("d:(\"one\";\"two\")!10 20;d[\"two\"]:99;d", "\"one\"| 10\n\"two\"| 99"),
    ("d:(\"one\";\"two\")!10 20;d[\"six\"]:6;d", "\"one\"| 10\n\"two\"| 20\n\"six\"| 6"),
    ("0 1 1'[\"xyz\";\"XYZ\"]", "\"xYZ\""),     # an int vector is still Case
    # a boolean or byte atom counts as the number of items to take
    ("1b#`p`q`r", ",`p"),
    ("0b#1 2", "`long$()"),
    ("0x03#\"abcd\"", "\"abc\""),
    # each-prior of a general list compares with a null-filled first prior
    ("(<>':)(3 4;3 5;1 5)", "11b\n01b\n10b"),
    ("10 -': 15 17 20", "5 2 3"),
    ("1.5 -': 4 6", "2.5\n2"),
    # n-ary over with a function argument that extends like an atom
    ("./[(0 0;0 0);(0 1;1 0);:;7 8]", "0 7\n8 0"),
    ("@/[10 20 30;2 0;+;1 2]", "12 20 31"),
    # a general empty dictionary, enlisted, stays one item
    ("count enlist (0#`)!0#0", "1"),
    # the console prints an empty dictionary, typed or not, as nothing (basics/dictsandtables.md)
    ("(`symbol$())!`long$()", ""),
    ("()!()", ""),
    # string of a null is empty
    ("string 7 0N 8", ",\"7\"\n\"\"\n,\"8\""),
    ("string 0n", "\"\""),
    ("\"-\" sv string 1 0N 2", "\"1--2\""),
])
def test_keyword_values(q, src, shown):
    assert q(src) == shown


def test_rank_of_each_on_a_dictionary_of_lists(q):
    q("d:`a`b!(1 2 3;4 5 6)")
    assert q("d'[`a`b;0 2]") == "1 6"


@pytest.mark.parametrize("src, shown", [
    # Find is type-specific: no promotion between numeric types, no silent "not found"
    ("10 20 30?20i", "1"), ("10 20 30?20.0", "'type"), ("10 20 30.?20", "'type"), ("`p`q?\"p\"", "'type"),
    ("\"pq\"?`p", "'type"), ("10 20 30h?20 30 40", "1 2 3"), ("10 20i?5000000000 20", "2 1"), ("010b?1", "'type"),
    ("10 20 30?20 40", "1 3"), ("10 20 30h?20h", "1"),
    # right-atomic only through a list of lists
    ("10 20 30?(20 30;10)", "1 2\n0"), ("10 20 30?(20;30 10)", "'type"),
    # symbols and enumerations search each other
    ("u:`m`n`o;e:`u$`o`m;(e?`m;`n`o?e;e in `o;`m in e)", "1\n1 2\n10b\n1b"),
    # in: an atom or a 1-item y compares values, so numeric types mix; a longer y is Find
    ("4 5 6. in 5", "010b"), ("4 5 6. in enlist 6", "001b"), ("5 in 5e", "1b"),
    ("4 5 6. in 5 6", "'type"), ("4 5 6. in `long$()", "'type"), ("`u in 1 2", "'type"),
    ("4 5 6 in 5 6", "011b"), ("`u`v in `v", "01b"), ("(5;`u) in 4 5 6", "'type"),
    # bin wants y of x's type
    ("10 20 30i bin 25", "'type"), ("10 20 30 bin 25.5", "'type"), ("10 20 30 bin 25", "1"),
    ("10 20 30i binr 20 21i", "1 2"), ("1.5 2.5 bin 2.0", "0"),
])
def test_search_is_type_specific(q, src, shown):
    out = q(src)
    assert (out.split("\n")[0] if shown.startswith("'") else out) == shown


@pytest.mark.parametrize("src, shown", [
    # asc sets `s on what it returns, general lists included (the console does not show it)
    ("attr asc (\"pear\";\"fig\";\"kiwi\")", "`s"), ("asc (\"pear\";\"fig\")", "\"fig\"\n\"pear\""),
    ("attr asc (2;`z;\"c\")", "`s"), ("attr asc 3 1 2", "`s"),
    ("attr desc (\"pear\";\"fig\")", "`"), ("attr (\"pear\";\"fig\")", "`"),
    # a new list made from a sorted one does not inherit the attribute
    ("s:asc (\"pear\";\"fig\");s[0]:\"zz\";attr s", "`"), ("attr 1_asc (\"pear\";\"fig\";\"kiwi\")", "`"),
])
def test_sorted_attribute_of_general_lists(q, src, shown):
    assert q(src) == shown


@pytest.mark.parametrize("src, shown", [
    # Case picks from dictionaries by position: their keys must agree ('domain), their counts too
    ("1 0'[`p`q!1 2;`p`q!3 4]", "3 2"), ("1 0'[`p`q!1 2;`q`p!3 4]", "'domain"),
    ("1 0'[`p`q!1 2;`p`q`r!3 4 5]", "'length"), ("1 0'[`p`q!1 2;\"st\"]", "\"s\"\n2"),
])
def test_case_with_dictionaries(q, src, shown):
    out = q(src)
    assert (out.split("\n")[0] if shown.startswith("'") else out) == shown


@pytest.mark.parametrize("src, shown", [
    # wsum of two integer lists is summed in floats; with an atom or nested lists it stays integral
    ("5 6 wsum 2 3", "28f"), ("5 6i wsum 2 3h", "28f"), ("3 wsum 2 3", "15"),
    ("(1 2;3 4) wsum (10 20;30 40)", "100 200"), ("5 0N wsum 2 3", "10f"),
    # Over and Scan do not evaluate a lambda on an empty list: a lambda has no known identity
    ("{x*y}/[0#0]", "()"), ("{x+y}/[`float$()]", "()"), ("{x,y}/[0#`]", "()"),
    ("{x+y}\\[0#0]", "()"), ("{x+y} over 0#0", "()"),
    ("(+/)0#0", "0"), ("(*/)0#0", "1"), ("{x*y}/[2 3 4]", "24"), ("{x+y}/[9;0#0]", "9"),
])
def test_weighted_sum_and_empty_folds(q, src, shown):
    assert q(src) == shown


@pytest.mark.parametrize("src, shown", [
    # only a symbol or a string can be signalled: anything else is 'stype
    ("@[{'x};42;{x}]", "\"stype\""), ("@[{'x};\"q\";{x}]", "\"stype\""),
    ("@[{'x};`oops;{x}]", "\"oops\""), ("@[{'x};\"bad news\";{x}]", "\"bad news\""),
    # a dictionary with sorted keys is a step function
    ("b:(`s#0 50 100)!`low`mid`high;b 0 49 50 120 -5", "`low`low`mid`high`"),
    ("b:`s#10 20!`p`q;(b 15;b 5;b 20)", "`p``q"), ("b:10 20!`p`q;b 15", "`"),
    ("b:`s#10 20!`p`q;b 15.5", "'type"),
    # a general x is searched for objects as deep as its items: a deeper y item by item
    ("v:(\"pq\";7 8;(1 2;`z));v?(1 2;`z)", "3 3"), ("v:(\"pq\";7 8;(1 2;`z));v?7 8", "1"),
    ("(\"pq\";\"rs\")?(\"rs\";\"tu\")", "1 2"), ("(7;`z)?(`z;7;8)", "1 0 2"),
    ("(\"pq\";\"rs\")?\"tu\"", "2"),
])
def test_signal_step_dictionaries_nested_find(q, src, shown):
    out = q(src)
    assert (out.split("\n")[0] if shown.startswith("'") else out) == shown


@pytest.mark.parametrize("src, shown", [
    # a keyword before Apply At or Apply is that operator's left argument, as a lambda or a name
    # holding the keyword would be (ref/apply.md's til count@, accumulators.md's 105>sum@):
    # count@"xyz" counts, it does not count the type of "xyz"
    ("count@\"xyz\"", "3"), ("first@5 6 7", "5"), ("neg@2 3", "-2 -3"),
    ("(last@reverse::) 4 5 6", "4"), ("(first@inter/)(3 4 5;4 5)", "4"),
    ("sum . enlist 1 2", "3"), ("g:count; g@\"xyz\"", "3"),
    # and a derived verb after it likewise: count@' counts each item
    ("count@'(\"ab\";\"c\")", "2 1"),
])
def test_keyword_before_apply_is_its_left_argument(q, src, shown):
    assert q(src) == shown
