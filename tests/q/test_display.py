"""The console's text for every kind of value."""
import pytest


@pytest.mark.parametrize("src, out", [
    ("1", "1"), ("1i", "1i"), ("1h", "1h"), ("1.5", "1.5"), ("1f", "1f"), ("1e", "1e"),
    ("0N", "0N"), ("0Ni", "0Ni"), ("0n", "0n"), ("0w", "0w"), ("-0W", "-0W"), ("1b", "1b"),
    ("0x1f", "0x1f"), ("\"a\"", "\"a\""), ("`a", "`a"), ("`", "`"),
    ("3.14159265", "3.141593"), ("1e10", "1e+10"), ("0.00001", "1e-05"), ("123456789f", "1.234568e+08"),
    ("1 2 3", "1 2 3"), ("1 2 3f", "1 2 3f"), ("1.5 2", "1.5 2"), ("1 2i", "1 2i"), ("1 2e", "1 2e"),
    ("101b", "101b"), ("0x0102", "0x0102"), ("\"ab\"", "\"ab\""), ("`a`b", "`a`b"),
    ("enlist 1", ",1"), ("enlist \"a\"", ",\"a\""), ("enlist `a", ",`a"), ("til 0", "`long$()"),
    ("\"\"", "\"\""), ("`symbol$()", "`symbol$()"), ("()", "()"), ("0#0b", "`boolean$()"),
    ("\"a\\tb\"", "\"a\\tb\""),
])
def test_atoms_and_vectors(q, src, out):
    assert q(src) == out


@pytest.mark.parametrize("src, out", [
    ("2020.01.02", "2020.01.02"), ("2020.01m", "2020.01m"), ("12:30", "12:30"),
    ("12:30:15", "12:30:15"), ("12:30:15.123", "12:30:15.123"),
    ("2020.01.02D03:04:05.000000006", "2020.01.02D03:04:05.000000006"),
    ("0D01:00:00.000000000", "0D01:00:00.000000000"), ("0Nd", "0Nd"), ("2020.01.01 2020.01.02", "2020.01.01 2020.01.02"),
])
def test_temporal_display(q, src, out):
    assert q(src) == out


def test_general_lists(q):
    assert q("(1;`a;\"abc\")") == "1\n`a\n\"abc\""
    assert q("(1 2;3 4)") == "1 2\n3 4"
    assert q("(10 200;3 4)") == "10 200\n3  4"
    assert q("((1;`a);2)") == "(1;`a)\n2"
    assert q("enlist 1 2") == ",1 2"


def test_dictionaries(q):
    assert q("`a`bb!1 2") == "a | 1\nbb| 2"
    assert q("`a`b!(1 2;\"xy\")") == "a| 1 2\nb| x y"
    assert q("`a`b!(1;\"xyz\")") == "a| 1\nb| \"xyz\""


def test_tables(q):
    assert q("([]a:1 2;bb:`x`yy)") == "a bb\n----\n1 x \n2 yy".replace(" \n", "\n")
    assert q("([k:1 2]v:`a`b)") == "k| v\n-| -\n1| a\n2| b"


def test_functions(q):
    assert q("{x+y}") == "{x+y}"
    assert q("{x+y}[1]") == "{x+y}[1]"
    assert q("+") == "+"
    assert q("+/") == "+/"
    assert q("2+") == "+[2]"


def test_nothing_printed_for_identity_and_assignments(q):
    assert q("::") == ""
    assert q("a:1") == ""
    assert q("1;") == ""
    assert q("/ just a comment") == ""
